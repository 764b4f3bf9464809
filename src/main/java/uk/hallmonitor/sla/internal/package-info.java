/**
 * The SLA's own parts: the stored response clocks, starting and revising them from monitoring's events, the
 * sweep and its Quartz job, the notices, the metrics, the settings and the REST controller. Nothing outside
 * {@code sla} may use these types ({@code ModuleBoundariesTests}).
 */
package uk.hallmonitor.sla.internal;
