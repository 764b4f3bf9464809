/**
 * YouTube Data API v3 over the shared WebClient transport: the comment threads on a channel's videos (published,
 * and with an owner's OAuth grant those held for review), edits by {@code updatedAt}, hold-for-review, reject and
 * publish as moderation, replies as the channel, and quota errors turned into a wait until the quota resets
 * (midnight Pacific time). Internal to the connectors module.
 */
package uk.hallmonitor.connectors.youtube;
