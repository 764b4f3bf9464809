/**
 * The calendar's own parts: the shipped and uploaded bank holidays and their store, each school's stored
 * calendar choices and the change request, the REST controller and the calendar page. Only {@code sla.calendar}
 * uses them ({@code ModuleBoundariesTests}).
 */
package uk.hallmonitor.sla.calendar.internal;
