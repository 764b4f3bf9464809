/**
 * The outbox and its machinery: the stored alert and its state machine, the dispatcher, the channels (mail, Teams,
 * Slack, the feed), the digest, the per-school settings store, the REST controller and the settings pages. Nothing
 * outside {@code alerts} may use these types ({@code ModuleBoundariesTests}).
 */
package uk.hallmonitor.alerts.internal;
