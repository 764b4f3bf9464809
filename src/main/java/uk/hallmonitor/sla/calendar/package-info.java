/**
 * The working-day calendar the response clocks are timed by: a school's rules ({@code SchoolCalendars},
 * {@code SchoolRules}), its working days ({@code WorkingCalendar}: weekends, its region's bank holidays, its
 * closures, its close of day), how a window ending on a non-working day is read and the due-time rule. It is a
 * sub-package of {@code sla} because only the clocks use it; its store, the bank holiday uploads, the REST controller
 * and the pages are in {@code sla.calendar.internal}, which nothing outside this package may use
 * ({@code ModuleBoundariesTests}), so the clocks see the calendar through these types alone.
 */
package uk.hallmonitor.sla.calendar;
