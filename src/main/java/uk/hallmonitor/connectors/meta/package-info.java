/**
 * Meta's Graph API: the Facebook Page connector (the Page's posts, their comments and replies, visitor posts, posts
 * the Page is tagged in, and Messenger conversations when the connection turns them on) and the Instagram
 * professional account connector (media, comments and replies, media the account is tagged in), with hide, unhide,
 * delete and reply as the Page. Both poll through {@link uk.hallmonitor.connectors.meta.GraphPoll} (list edges from
 * where the last poll stopped; comments on every post of the look-back window, a bounded number a poll) and share
 * {@link uk.hallmonitor.connectors.meta.Graph}: the pinned API version, the reading of Graph error codes (190: the token
 * is no longer valid; 4, 17, 32, 613 and the business-use-case codes: rate limited) and of the usage headers
 * ({@code X-App-Usage}, {@code X-Business-Use-Case-Usage}) that slow polling before a limit is reached. Webhook
 * deliveries are read here too ({@link uk.hallmonitor.connectors.meta.MetaWebhooks}) so that they become the same
 * posts as polling. Internal to the connectors module.
 */
package uk.hallmonitor.connectors.meta;
