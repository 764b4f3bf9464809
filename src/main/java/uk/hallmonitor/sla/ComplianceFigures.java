package uk.hallmonitor.sla;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import uk.hallmonitor.sla.internal.ResponseClock;

/**
 * How a set of clocks did: met on time, met late, breached (including open clocks already past due that the sweep
 * has yet to mark), still open, and the median time to first response. Compliance is the share met on time of the
 * clocks whose outcome is known; excluded praise counts in neither.
 *
 * @param total               clocks counted (excluded praise left out)
 * @param metOnTime           replied to or acknowledged by the due time
 * @param metLate             replied to or acknowledged after it
 * @param breached            past due with no reply yet
 * @param open                not yet due and not yet replied to
 * @param excluded            praise not clocked
 * @param compliance          {@code metOnTime / (total - open)}, or {@code null} when nothing is decided yet
 * @param medianFirstResponse median of first response minus received over met clocks, or {@code null}
 * @param handledWithoutReply hidden, deleted or removed (by a moderator or on the platform) before a reply was due:
 *                            neither met nor breached, and left out of {@code total} and {@code compliance}
 */
public record ComplianceFigures(long total, long metOnTime, long metLate, long breached, long open, long excluded,
                         Double compliance, Duration medianFirstResponse, long handledWithoutReply) {

    /**
     * What compliance reads of one clock (a page reading many weeks reads only these fields).
     *
     * @param accountId  the school account
     * @param state      where the clock is
     * @param receivedAt when the item was posted
     * @param dueAt      when a reply is due
     * @param metAt      when answered, or {@code null}
     * @param metLate    whether that was late, or {@code null}
     */
    record Outcome(String accountId, ClockState state, Instant receivedAt, Instant dueAt, Instant metAt,
                   Boolean metLate) {

        public static Outcome of(ResponseClock clock) {
            return new Outcome(clock.accountId(), clock.state(), clock.receivedAt(), clock.dueAt(), clock.metAt(),
                    clock.metLate());
        }
    }

    public static ComplianceFigures of(List<ResponseClock> clocks, Instant now) {
        return ofOutcomes(clocks.stream().map(Outcome::of).toList(), now);
    }

    static ComplianceFigures ofOutcomes(List<Outcome> clocks, Instant now) {
        long excluded = clocks.stream().filter(c -> c.state() == ClockState.EXCLUDED).count();
        long handled = clocks.stream().filter(c -> c.state() == ClockState.HANDLED).count();
        List<Outcome> counted = clocks.stream()
                .filter(c -> c.state() != ClockState.EXCLUDED && c.state() != ClockState.HANDLED).toList();
        long onTime = counted.stream().filter(c -> c.state() == ClockState.MET && !Boolean.TRUE.equals(c.metLate()))
                .count();
        long late = counted.stream().filter(c -> c.state() == ClockState.MET && Boolean.TRUE.equals(c.metLate()))
                .count();
        long breached = counted.stream().filter(c -> c.state() == ClockState.BREACHED
                || (c.state() == ClockState.OPEN && !now.isBefore(c.dueAt()))).count();
        long open = counted.size() - onTime - late - breached;
        long decided = counted.size() - open;
        Double compliance = decided == 0 ? null : (double) onTime / decided;
        List<Duration> responses = counted.stream().filter(c -> c.state() == ClockState.MET && c.metAt() != null)
                .map(c -> Duration.between(c.receivedAt(), c.metAt())).sorted().toList();
        return new ComplianceFigures(counted.size(), onTime, late, breached, open, excluded, compliance,
                median(responses), handled);
    }

    private static Duration median(List<Duration> sorted) {
        if (sorted.isEmpty()) {
            return null;
        }
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle)
                : sorted.get(middle - 1).plus(sorted.get(middle)).dividedBy(2);
    }
}
