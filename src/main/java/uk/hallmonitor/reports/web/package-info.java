/**
 * The weekly report as a page: a week picker (the current week included, marked "so far"), the PDF, charts drawn
 * on the server as SVG (compliance over eight weeks, incidents by category and severity, flagged posts by
 * category), each followed by its figures as a table. Templates under {@code templates/reports/}.
 */
package uk.hallmonitor.reports.web;
