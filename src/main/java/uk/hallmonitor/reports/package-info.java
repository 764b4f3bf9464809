/**
 * Read-only summaries for leadership (R9): the weekly report of one school — incidents logged, opened, closed and
 * still open by category and severity, response-time compliance overall and per account, and the state of the
 * account register — as JSON, a readable page or a PDF, and delivered every week to SLT, the head teacher and the
 * governors, also (as the policies ask) when there was nothing to report. It only reads the public APIs of
 * {@code schools}, {@code accounts}, {@code incidents} and {@code sla}, and delivers through the
 * {@link uk.hallmonitor.alerts.Notices} outbox of alerts; it stores nothing of its own.
 */
package uk.hallmonitor.reports;
