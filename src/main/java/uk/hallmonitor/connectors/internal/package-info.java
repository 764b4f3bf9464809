/**
 * What every platform connector shares and no other module may touch: one HTTP transport with timeouts, a response
 * size cap, retries with backoff and jitter, and the mapping of 401/403/429/5xx to {@code ConnectorException} kinds;
 * the paging of newest-first streams with resumable cursors; and the {@link uk.hallmonitor.connectors.internal.Harvest}
 * that turns what a platform sent into a batch, skipping bad items with a warning instead of failing the poll.
 */
package uk.hallmonitor.connectors.internal;
