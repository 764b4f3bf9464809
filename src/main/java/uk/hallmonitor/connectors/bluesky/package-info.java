/**
 * The Bluesky connector: AT Protocol XRPC against the account's PDS with an app password. A session is opened per
 * poll and never kept; notifications give mentions, replies and quotes, the author feed gives the account's own posts,
 * and {@code app.bsky.feed.searchPosts} serves watches.
 */
package uk.hallmonitor.connectors.bluesky;
