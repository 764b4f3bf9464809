/**
 * The 24-hour response SLA (R5): every comment, mention or direct message on a school account gets a response clock
 * whose due time follows the school's working-day calendar (weekends, bank holidays of its region, its own closure
 * days, in its time zone); a Quartz sweep of the stored clocks reminds the account's runners before the due time and
 * tells SLT when it passes, each step claimed once with an atomic update so restarts and several instances neither lose
 * nor repeat a notice; a reply by the school account in the same conversation, or an acknowledgement, stops the clock.
 * Clocks start from monitoring's {@link uk.hallmonitor.monitoring.PostReceived}, which carries the post and the
 * classifier's verdict: the listener queues the work ({@link uk.hallmonitor.sla.internal.ClockQueue}) so the announcer
 * never waits for it, and the sweep reads announced posts through {@link
 * uk.hallmonitor.monitoring.Posts#announcedSince} after a watermark, so a clock lost with a killed process is started
 * by the next sweep (starting is idempotent, unique per post). The public API is the events {@link
 * uk.hallmonitor.sla.ReminderDue} and {@link uk.hallmonitor.sla.ClockBreached}, the read-only figures of {@link
 * uk.hallmonitor.sla.SlaCompliance} for the reports, the query {@link uk.hallmonitor.sla.PostClocks} (a post's clock,
 * for the moderation queue) and the {@link uk.hallmonitor.sla.SlaBoard} the home page and the queue read; the clocks,
 * the sweep, the stores and the controller are in {@code sla.internal}, and the working-day calendar in {@code
 * sla.calendar}.
 * <p>
 * Departures from STYLE.md's table (monitoring only): it uses {@code schools} for each school's time zone, calendar and
 * staff, {@code accounts} for the register (runners to remind, the account a post belongs to, whether the school's own
 * account wrote it), and {@code classification} for the types of the verdict a post is announced with, to leave spam
 * without a clock and confident praise excluded (it never classifies a post itself), and {@code alerts} to turn its own
 * reminders and breaches into notices.
 */
package uk.hallmonitor.sla;
