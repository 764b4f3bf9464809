/**
 * Connectors bring posts in from social media platforms. The public API is the connector SPI
 * ({@link uk.hallmonitor.connectors.PlatformConnector}, {@link uk.hallmonitor.connectors.Source},
 * {@link uk.hallmonitor.connectors.Cursor}, {@link uk.hallmonitor.connectors.Batch},
 * {@link uk.hallmonitor.connectors.FetchedPost}), the {@link uk.hallmonitor.connectors.Connectors} registry, and
 * {@link uk.hallmonitor.connectors.CommentImport} for exported comments. A poll returns a batch and the cursor to
 * resume from; the caller stores the batch, then the cursor. Every sub-package ({@code x}, {@code bluesky},
 * {@code mastodon}, {@code feeds}, {@code fileimport}, {@code internal}) is internal: nothing outside this module
 * imports them, Twitter4J, Rome or any platform type, and secrets arrive only through the vault's
 * {@code SecretUse}, for the length of one call.
 */
package uk.hallmonitor.connectors;
