/** The notification centre's pages ({@code /ui/alerts}), calling {@link uk.hallmonitor.alerts.AlertCentre}. */
package uk.hallmonitor.alerts.web;
