/**
 * The vault's pages: credentials of an account with their password-policy verdicts, storing and rotating them,
 * revealing one for a written reason (shown once, hidden again after 30 seconds), break-glass for the head teacher
 * behind a confirmation, and who revealed what and when from the audit trail.
 */
package uk.hallmonitor.vault.web;
