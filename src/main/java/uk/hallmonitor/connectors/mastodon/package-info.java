/**
 * The Mastodon connector: mention notifications (replies to the account become comments, direct mentions become
 * direct messages), the account's own statuses, and status search for watches where the instance offers it. The
 * instance is the connection's {@code baseUrl}; its HTML content is turned into plain text.
 */
package uk.hallmonitor.connectors.mastodon;
