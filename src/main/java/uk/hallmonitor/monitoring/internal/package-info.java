/**
 * Monitoring's own parts: the poll dispatcher, the poller and its faults, cursors, health and source locks, the
 * post store and the announcer, comment imports and webhook deliveries, token checks, watches and their pages, the
 * notices, settings and wiring. Nothing outside {@code monitoring} may use these types ({@code ModuleBoundariesTests}).
 */
package uk.hallmonitor.monitoring.internal;
