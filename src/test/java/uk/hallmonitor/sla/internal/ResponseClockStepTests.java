package uk.hallmonitor.sla.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import uk.hallmonitor.classification.Intent;
import uk.hallmonitor.classification.Severity;
import uk.hallmonitor.classification.Verdict;
import uk.hallmonitor.sla.ClockState;
import uk.hallmonitor.sla.ComplianceFigures;

class ResponseClockStepTests {

    private static final List<Duration> OFFSETS = List.of(Duration.ofHours(4), Duration.ofHours(1));

    @ParameterizedTest(name = "received {0}, due {1}, sent [{2}]: next {3} at {4}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
        2026-11-16T10:00:00Z | 2026-11-17T10:00:00Z | -         | PT4H   | 2026-11-17T06:00:00Z
        2026-11-16T10:00:00Z | 2026-11-17T10:00:00Z | PT4H      | PT1H   | 2026-11-17T09:00:00Z
        2026-11-16T10:00:00Z | 2026-11-17T10:00:00Z | PT4H,PT1H | BREACH | 2026-11-17T10:00:00Z
        2026-11-16T10:00:00Z | 2026-11-17T10:00:00Z | PT1H      | PT4H   | 2026-11-17T06:00:00Z
        2026-11-23T14:00:00Z | 2026-11-23T17:00:00Z | -         | PT1H   | 2026-11-23T16:00:00Z
        2026-11-23T16:30:00Z | 2026-11-23T17:00:00Z | -         | BREACH | 2026-11-23T17:00:00Z
        """)
    void theNextStepIsTheEarliestUnsentReminderThatFallsAfterTheItemArrived(Instant received, Instant due,
                                                                            String sent, String step, Instant at) {
        ResponseClock clock = open(received, due, sent == null ? List.of() : Arrays.asList(sent.split(",")));

        ResponseClock.Step next = clock.nextStep(OFFSETS).orElseThrow();

        assertThat(next.name()).isEqualTo(step);
        assertThat(next.at()).isEqualTo(at);
    }

    @Test
    void onceDueNoReminderIsOwedOnlyTheBreach() {
        ResponseClock clock = open(Instant.parse("2026-11-16T10:00:00Z"), Instant.parse("2026-11-17T10:00:00Z"),
                List.of());

        assertThat(clock.remindersDue(OFFSETS, Instant.parse("2026-11-17T09:30:00Z")))
                .extracting(ResponseClock.Step::name).containsExactly("PT4H", "PT1H");
        assertThat(clock.remindersDue(OFFSETS, Instant.parse("2026-11-17T10:00:00Z"))).isEmpty();
    }

    @Test
    void aMetClockHasNothingLeftToDo() {
        ResponseClock met = new ResponseClock("c", "p", "s", "a", null, null, null, null,
                Instant.parse("2026-11-16T10:00:00Z"), Instant.parse("2026-11-17T10:00:00Z"), ClockState.MET,
                List.of(), List.of(), null, null, null, false, "reply", null, null, null, 0);

        assertThat(met.nextStep(OFFSETS)).isEmpty();
    }

    @ParameterizedTest(name = "{0} at {1}, offensive {2}: excluded {3}")
    @CsvSource(textBlock = """
        PRAISE,    0.95, false, true
        PRAISE,    0.80, false, true
        PRAISE,    0.79, false, false
        PRAISE,    0.95, true,  false
        QUESTION,  0.99, false, false
        COMPLAINT, 0.99, false, false
        """)
    void onlyConfidentInoffensivePraiseIsExcluded(Intent intent, double score, boolean offensive, boolean excluded) {
        Verdict verdict = new Verdict(offensive, offensive ? 0.9 : 0.1, List.of(), Severity.values()[0], false, false,
                intent, score, "en", "test", List.of());

        assertThat(ResponseClocks.isConfidentPraise(verdict, 0.8)).isEqualTo(excluded);
    }

    @Test
    void complianceIsTheShareMetOnTimeOfTheDecidedClocksWithTheMedianFirstResponse() {
        Instant received = Instant.parse("2026-11-16T10:00:00Z");
        Instant due = received.plus(Duration.ofHours(24));
        List<ResponseClock> clocks = List.of(
                met(received, due, received.plus(Duration.ofHours(1)), false),
                met(received, due, received.plus(Duration.ofHours(3)), false),
                met(received, due, received.plus(Duration.ofHours(30)), true),
                withState(received, due, ClockState.BREACHED),
                withState(received, due, ClockState.EXCLUDED),
                withState(received.plus(Duration.ofDays(1)), due.plus(Duration.ofDays(1)), ClockState.OPEN),
                withState(received, due, ClockState.OPEN));

        ComplianceFigures figures = ComplianceFigures.of(clocks, due.plus(Duration.ofHours(1)));

        assertThat(figures.total()).isEqualTo(6);
        assertThat(figures.excluded()).isEqualTo(1);
        assertThat(figures.metOnTime()).isEqualTo(2);
        assertThat(figures.metLate()).isEqualTo(1);
        assertThat(figures.breached()).isEqualTo(2);
        assertThat(figures.open()).isEqualTo(1);
        assertThat(figures.compliance()).isEqualTo(2.0 / 5);
        assertThat(figures.medianFirstResponse()).isEqualTo(Duration.ofHours(3));
    }

    @Test
    void noDecidedClockMeansNoComplianceFigureRatherThanAPerfectOne() {
        assertThat(ComplianceFigures.of(List.of(), Instant.EPOCH).compliance()).isNull();
        assertThat(ComplianceFigures.of(List.of(), Instant.EPOCH).medianFirstResponse()).isNull();
    }

    private static ResponseClock open(Instant received, Instant due, List<String> sent) {
        return new ResponseClock("c", "p", "s", "a", null, null, null, null, received, due, ClockState.OPEN, sent,
                List.of(), null, null, null, null, null, null, null, null, 0);
    }

    private static ResponseClock withState(Instant received, Instant due, ClockState state) {
        return new ResponseClock("c", "p", "s", "a", null, null, null, null, received, due, state, List.of(),
                List.of(), null, null, null, null, null, null, null, null, 0);
    }

    private static ResponseClock met(Instant received, Instant due, Instant at, boolean late) {
        return new ResponseClock("c", "p", "s", "a", null, null, null, null, received, due, ClockState.MET,
                List.of(), List.of(), null, null, at, late, "reply", null, null, null, 0);
    }
}
