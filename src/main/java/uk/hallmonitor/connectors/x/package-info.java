/**
 * The X (Twitter) connector: API v2 mentions, replies in the school account's conversations, the account's own posts,
 * recent search for watch terms, and hiding replies. Requests go through the shared transport (size cap, timeouts,
 * retries, rate-limit headers) and are signed with Twitter4J's OAuth 1.0a implementation when the vault holds user
 * tokens, or carry the app-only bearer token otherwise. Twitter4J's own v2 client is not used for the calls: it
 * blocks, reads whole bodies into memory, fails a page on one bad tweet, and takes its base URL from a process-wide
 * map keyed by a configuration that would hold the secrets.
 */
package uk.hallmonitor.connectors.x;
