/**
 * The account register's pages: every account of the school with its status in words, runners by name, the
 * dormant-account review and the connection's health explained in a sentence; each account's page with its history.
 * Templates under {@code templates/accounts/}.
 */
package uk.hallmonitor.accounts.web;
