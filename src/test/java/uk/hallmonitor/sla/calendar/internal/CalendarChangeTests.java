package uk.hallmonitor.sla.calendar.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.web.ErrorResponseException;
import uk.hallmonitor.sla.calendar.WindowReading;

class CalendarChangeTests {

    @ParameterizedTest(name = "close of day {0}: accepted {1}")
    @CsvSource(textBlock = """
        00:00, true
        17:00, true
        23:59, true
        24:00, false
        23:60, false
        7:00,  false
        17:00:00, false
        noon,  false
        """)
    void theCloseOfDayMustBeATimeWithinTheDay(String closeOfDay, boolean accepted) {
        CalendarChange change = new CalendarChange(closeOfDay, null, null, null);
        SchoolSlaCalendar current = SchoolSlaCalendar.empty("school");

        if (accepted) {
            assertThat(change.applyTo(current).closeOfDay()).isEqualTo(closeOfDay);
        } else {
            assertThatThrownBy(() -> change.applyTo(current)).isInstanceOf(ErrorResponseException.class)
                    .satisfies(e -> assertThat(errors(e)).contains("closeOfDay"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        overlapping by a day          | 2026-10-26 | 2026-10-30 | 2026-10-30 | 2026-11-02 | closures[1].from
        one inside the other          | 2026-10-26 | 2026-10-30 | 2026-10-27 | 2026-10-27 | closures[1].from
        ending before it starts       | 2026-10-26 | 2026-10-30 | 2026-11-05 | 2026-11-02 | closures[1].to
        a date that does not exist    | 2026-02-29 | 2026-03-02 | 2026-11-05 | 2026-11-06 | closures[0].from
        """)
    void badOrOverlappingClosuresAreRefusedNamingTheField(String why, String from1, String to1, String from2,
                                                          String to2, String field) {
        CalendarChange change = new CalendarChange(null, null, null, List.of(
                new CalendarChange.ClosureInput(from1, to1, "first"),
                new CalendarChange.ClosureInput(from2, to2, "second")));

        assertThatThrownBy(() -> change.applyTo(SchoolSlaCalendar.empty("school")))
                .as(why).isInstanceOf(ErrorResponseException.class)
                .satisfies(e -> assertThat(errors(e)).contains("field=" + field + ","));
    }

    @ParameterizedTest(name = "window reading {0}")
    @CsvSource(textBlock = """
        STRICT, true
        KIND,   true
        kind,   false
        LENIENT, false
        """)
    void theWindowReadingIsStrictOrKind(String reading, boolean accepted) {
        CalendarChange change = new CalendarChange(null, reading, null, null);

        if (accepted) {
            assertThat(change.applyTo(SchoolSlaCalendar.empty("s")).windowReading())
                    .isEqualTo(WindowReading.valueOf(reading));
        } else {
            assertThatThrownBy(() -> change.applyTo(SchoolSlaCalendar.empty("s")))
                    .satisfies(e -> assertThat(errors(e)).contains("windowReading"));
        }
    }

    private static String errors(Throwable e) {
        return String.valueOf(((ErrorResponseException) e).getBody().getProperties().get("errors"));
    }
}
