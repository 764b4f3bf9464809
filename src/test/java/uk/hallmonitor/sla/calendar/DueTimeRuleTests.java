package uk.hallmonitor.sla.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import uk.hallmonitor.sla.calendar.internal.BankHolidays;

class DueTimeRuleTests {

    private static BankHolidays holidays;
    private final DueTimeRule rule = new DueTimeRule(Duration.ofHours(24));

    @BeforeAll
    static void loadShippedHolidays() {
        holidays = BankHolidays.load("scheduler/bank-holidays");
    }

    // Times are UTC. Europe/London is GMT (Z) in winter and BST (+01:00) from 29 Mar to 25 Oct 2026.
    // Closures are from/to pairs separated by ';'. Every row names why it is there.
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
        weekday morning: 24 hours later                       | Europe/London | england-and-wales | 2026-11-17T10:00:00Z | STRICT | -                     | 17:00 | 2026-11-18T10:00:00Z
        weekday morning, kind reading changes nothing         | Europe/London | england-and-wales | 2026-11-17T10:00:00Z | KIND   | -                     | 17:00 | 2026-11-18T10:00:00Z
        Thursday night: Friday night                          | Europe/London | england-and-wales | 2026-11-19T21:30:00Z | STRICT | -                     | 17:00 | 2026-11-20T21:30:00Z
        Friday evening, strict: Saturday evening              | Europe/London | england-and-wales | 2026-11-20T19:00:00Z | STRICT | -                     | 17:00 | 2026-11-21T19:00:00Z
        Friday evening, kind: close of Monday                 | Europe/London | england-and-wales | 2026-11-20T19:00:00Z | KIND   | -                     | 17:00 | 2026-11-23T17:00:00Z
        Saturday: close of Monday                             | Europe/London | england-and-wales | 2026-11-21T09:00:00Z | STRICT | -                     | 17:00 | 2026-11-23T17:00:00Z
        Saturday, kind: close of Monday                       | Europe/London | england-and-wales | 2026-11-21T09:00:00Z | KIND   | -                     | 17:00 | 2026-11-23T17:00:00Z
        Sunday a minute before midnight: close of Monday      | Europe/London | england-and-wales | 2026-11-22T23:59:00Z | STRICT | -                     | 17:00 | 2026-11-23T17:00:00Z
        Monday just after midnight: a working day             | Europe/London | england-and-wales | 2026-11-23T00:01:00Z | STRICT | -                     | 17:00 | 2026-11-24T00:01:00Z
        Saturday with close of day 16:00                      | Europe/London | england-and-wales | 2026-11-21T09:00:00Z | STRICT | -                     | 16:00 | 2026-11-23T16:00:00Z
        Saturday with close of day 23:59                      | Europe/London | england-and-wales | 2026-11-21T09:00:00Z | STRICT | -                     | 23:59 | 2026-11-23T23:59:00Z
        bank-holiday Monday: close of Tuesday (BST)           | Europe/London | england-and-wales | 2026-05-04T09:00:00Z | STRICT | -                     | 17:00 | 2026-05-05T16:00:00Z
        Sunday before a bank-holiday Monday: Tuesday          | Europe/London | england-and-wales | 2026-05-03T12:00:00Z | STRICT | -                     | 17:00 | 2026-05-05T16:00:00Z
        Friday before a bank holiday, strict: Saturday        | Europe/London | england-and-wales | 2026-05-01T11:00:00Z | STRICT | -                     | 17:00 | 2026-05-02T11:00:00Z
        Friday before a bank holiday, kind: Tuesday           | Europe/London | england-and-wales | 2026-05-01T11:00:00Z | KIND   | -                     | 17:00 | 2026-05-05T16:00:00Z
        August bank holiday in England                        | Europe/London | england-and-wales | 2026-08-31T08:00:00Z | STRICT | -                     | 17:00 | 2026-09-01T16:00:00Z
        same Monday is a working day in Scotland              | Europe/London | scotland          | 2026-08-31T08:00:00Z | STRICT | -                     | 17:00 | 2026-09-01T08:00:00Z
        Maundy Thursday, strict: due on Good Friday           | Europe/London | england-and-wales | 2026-04-02T11:00:00Z | STRICT | -                     | 17:00 | 2026-04-03T11:00:00Z
        Maundy Thursday, kind: after Easter Monday            | Europe/London | england-and-wales | 2026-04-02T11:00:00Z | KIND   | -                     | 17:00 | 2026-04-07T16:00:00Z
        Good Friday: close of Tuesday after Easter Monday     | Europe/London | england-and-wales | 2026-04-03T09:00:00Z | STRICT | -                     | 17:00 | 2026-04-07T16:00:00Z
        Good Friday in Scotland: Easter Monday is worked      | Europe/London | scotland          | 2026-04-03T09:00:00Z | STRICT | -                     | 17:00 | 2026-04-06T16:00:00Z
        Easter Monday: close of Tuesday                       | Europe/London | england-and-wales | 2026-04-06T10:00:00Z | STRICT | -                     | 17:00 | 2026-04-07T16:00:00Z
        Christmas Eve 2020, strict: Christmas Day             | Europe/London | england-and-wales | 2020-12-24T12:00:00Z | STRICT | -                     | 17:00 | 2020-12-25T12:00:00Z
        Christmas Eve 2020, kind: past substitute Monday 28   | Europe/London | england-and-wales | 2020-12-24T12:00:00Z | KIND   | -                     | 17:00 | 2020-12-29T17:00:00Z
        Christmas Eve 2021, strict: Christmas Day             | Europe/London | england-and-wales | 2021-12-24T10:00:00Z | STRICT | -                     | 17:00 | 2021-12-25T10:00:00Z
        Christmas Eve 2021, kind: past substitutes 27 and 28  | Europe/London | england-and-wales | 2021-12-24T10:00:00Z | KIND   | -                     | 17:00 | 2021-12-29T17:00:00Z
        substitute Monday 27 Dec 2021: Wednesday              | Europe/London | england-and-wales | 2021-12-27T12:00:00Z | STRICT | -                     | 17:00 | 2021-12-29T17:00:00Z
        23 Dec 2021: Christmas Eve is a working day           | Europe/London | england-and-wales | 2021-12-23T15:00:00Z | STRICT | -                     | 17:00 | 2021-12-24T15:00:00Z
        New Year's Eve 2021, kind: past substitute 3 Jan      | Europe/London | england-and-wales | 2021-12-31T16:00:00Z | KIND   | -                     | 17:00 | 2022-01-04T17:00:00Z
        New Year's Eve 2021, kind, Scotland: 3 and 4 Jan off  | Europe/London | scotland          | 2021-12-31T16:00:00Z | KIND   | -                     | 17:00 | 2022-01-05T17:00:00Z
        Christmas Eve 2022 (Saturday): past Boxing Day and 27 | Europe/London | england-and-wales | 2022-12-24T12:00:00Z | STRICT | -                     | 17:00 | 2022-12-28T17:00:00Z
        23 Dec 2022, strict: Saturday                         | Europe/London | england-and-wales | 2022-12-23T18:00:00Z | STRICT | -                     | 17:00 | 2022-12-24T18:00:00Z
        23 Dec 2022, kind: Wednesday 28                       | Europe/London | england-and-wales | 2022-12-23T18:00:00Z | KIND   | -                     | 17:00 | 2022-12-28T17:00:00Z
        substitute Christmas Tuesday 27 Dec 2022              | Europe/London | england-and-wales | 2022-12-27T09:00:00Z | STRICT | -                     | 17:00 | 2022-12-28T17:00:00Z
        Christmas Eve 2027, strict: Christmas Day             | Europe/London | england-and-wales | 2027-12-24T09:00:00Z | STRICT | -                     | 17:00 | 2027-12-25T09:00:00Z
        Christmas Eve 2027, kind: Wednesday 29                | Europe/London | england-and-wales | 2027-12-24T09:00:00Z | KIND   | -                     | 17:00 | 2027-12-29T17:00:00Z
        Boxing Day 2027 (Sunday): Wednesday 29                | Europe/London | england-and-wales | 2027-12-26T11:00:00Z | STRICT | -                     | 17:00 | 2027-12-29T17:00:00Z
        March change: Saturday before, close of Monday in BST | Europe/London | england-and-wales | 2026-03-28T10:00:00Z | STRICT | -                     | 17:00 | 2026-03-30T16:00:00Z
        March change: Sunday 00:30 GMT, before the change     | Europe/London | england-and-wales | 2026-03-29T00:30:00Z | STRICT | -                     | 17:00 | 2026-03-30T16:00:00Z
        March change: Friday evening, kind, into BST          | Europe/London | england-and-wales | 2026-03-27T18:00:00Z | KIND   | -                     | 17:00 | 2026-03-30T16:00:00Z
        October change: Saturday before, close of Monday GMT  | Europe/London | england-and-wales | 2026-10-24T09:00:00Z | STRICT | -                     | 17:00 | 2026-10-26T17:00:00Z
        October change: 01:30 BST Sunday, the repeated hour   | Europe/London | england-and-wales | 2026-10-25T00:30:00Z | STRICT | -                     | 17:00 | 2026-10-26T17:00:00Z
        October change: Friday noon, kind, out of BST         | Europe/London | england-and-wales | 2026-10-23T11:00:00Z | KIND   | -                     | 17:00 | 2026-10-26T17:00:00Z
        spring-forward on a weekday: 24 real hours, not 23    | Asia/Jerusalem | england-and-wales | 2026-03-26T08:00:00Z | STRICT | -                    | 17:00 | 2026-03-27T08:00:00Z
        fall-back on a weekday: 24 real hours, not 25         | Africa/Cairo  | england-and-wales | 2026-10-29T10:00:00Z | STRICT | -                     | 17:00 | 2026-10-30T10:00:00Z
        closure week: Thursday before is untouched            | Europe/London | england-and-wales | 2026-10-22T10:00:00Z | STRICT | 2026-10-26/2026-10-30 | 17:00 | 2026-10-23T10:00:00Z
        closure week: Friday before, strict: Saturday         | Europe/London | england-and-wales | 2026-10-23T13:00:00Z | STRICT | 2026-10-26/2026-10-30 | 17:00 | 2026-10-24T13:00:00Z
        closure week: Friday before, kind: Monday after       | Europe/London | england-and-wales | 2026-10-23T13:00:00Z | KIND   | 2026-10-26/2026-10-30 | 17:00 | 2026-11-02T17:00:00Z
        closure week: received mid-week, Monday after         | Europe/London | england-and-wales | 2026-10-28T10:00:00Z | STRICT | 2026-10-26/2026-10-30 | 17:00 | 2026-11-02T17:00:00Z
        INSET Friday, strict: due on the INSET day            | Europe/London | england-and-wales | 2026-11-26T12:00:00Z | STRICT | 2026-11-27/2026-11-27 | 17:00 | 2026-11-27T12:00:00Z
        INSET Friday, kind: close of Monday                   | Europe/London | england-and-wales | 2026-11-26T12:00:00Z | KIND   | 2026-11-27/2026-11-27 | 17:00 | 2026-11-30T17:00:00Z
        two closures back to back with a weekend between      | Europe/London | england-and-wales | 2026-12-18T12:00:00Z | STRICT | 2026-12-18/2026-12-18;2026-12-21/2027-01-01 | 17:00 | 2027-01-04T17:00:00Z
        """)
    void dueTimeFollowsThePolicy(String why, String zone, String region, Instant received, WindowReading reading,
                                 String closures, LocalTime closeOfDay, Instant expected) {
        WorkingCalendar calendar = new WorkingCalendar(ZoneId.of(zone), holidays.dates(region), closures(closures),
                closeOfDay);

        assertThat(rule.dueAt(received, calendar, reading)).as(why).isEqualTo(expected);
    }

    @Test
    void aWindowOfWallClockHoursWouldHaveBeenAnHourOutAcrossTheChange() {
        // Guards the Jerusalem row above: it only proves anything if the zone really springs forward that night.
        ZoneId zone = ZoneId.of("Asia/Jerusalem");
        Instant received = Instant.parse("2026-03-26T08:00:00Z");
        Instant wallClock = received.atZone(zone).plusDays(1).toInstant();

        assertThat(Duration.between(received, wallClock)).isEqualTo(Duration.ofHours(23));
    }

    @Test
    void aCalendarWithNoWorkingDayInSightIsRefusedRatherThanLoopedOver() {
        WorkingCalendar closedForever = new WorkingCalendar(ZoneId.of("Europe/London"), java.util.Set.of(),
                List.of(new Closure("c", LocalDate.of(2026, 1, 1), LocalDate.of(2028, 1, 1), "closed")),
                LocalTime.of(17, 0));

        org.assertj.core.api.Assertions.assertThatIllegalStateException()
                .isThrownBy(
                        () -> rule.dueAt(Instant.parse("2026-06-01T10:00:00Z"), closedForever, WindowReading.STRICT));
    }

    static List<Closure> closures(String text) {
        if (text == null) {
            return List.of();
        }
        return Arrays.stream(text.split(";")).map(range -> {
            String[] ends = range.split("/");
            return new Closure(range, LocalDate.parse(ends[0]), LocalDate.parse(ends[1]), "test");
        }).toList();
    }
}
