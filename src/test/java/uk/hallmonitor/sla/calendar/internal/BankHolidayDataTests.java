package uk.hallmonitor.sla.calendar.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.web.ErrorResponseException;

class BankHolidayDataTests {

    private static BankHolidays holidays;

    @BeforeAll
    static void loadShippedHolidays() {
        holidays = BankHolidays.load("scheduler/bank-holidays");
    }

    // Easter Sunday from published tables, not from the algorithm that wrote the files.
    @ParameterizedTest(name = "Easter {0} is {1}")
    @CsvSource(textBlock = """
        2018, 2018-04-01
        2019, 2019-04-21
        2020, 2020-04-12
        2021, 2021-04-04
        2022, 2022-04-17
        2023, 2023-04-09
        2024, 2024-03-31
        2025, 2025-04-20
        2026, 2026-04-05
        2027, 2027-03-28
        2028, 2028-04-16
        """)
    void goodFridayEverywhereAndEasterMondayOutsideScotland(int year, LocalDate easterSunday) {
        for (String region : BankHolidays.REGIONS) {
            assertThat(holidays.dates(region)).as(region).contains(easterSunday.minusDays(2));
        }
        assertThat(holidays.dates("england-and-wales")).contains(easterSunday.plusDays(1));
        assertThat(holidays.dates("northern-ireland")).contains(easterSunday.plusDays(1));
        assertThat(holidays.dates("scotland")).doesNotContain(easterSunday.plusDays(1));
        assertThat(holidays.dates("england-and-wales").stream().filter(d -> d.getYear() == year)).isNotEmpty();
    }

    @ParameterizedTest(name = "{0} {1}: {2}")
    @CsvSource(textBlock = """
        england-and-wales, 2018, 8
        england-and-wales, 2020, 8
        england-and-wales, 2022, 10
        england-and-wales, 2023, 9
        england-and-wales, 2026, 8
        england-and-wales, 2028, 8
        scotland,          2022, 11
        scotland,          2026, 9
        northern-ireland,  2022, 12
        northern-ireland,  2026, 10
        """)
    void eachYearHasTheRightNumberOfHolidays(String region, int year, long count) {
        assertThat(holidays.dates(region).stream().filter(d -> d.getYear() == year).count()).isEqualTo(count);
    }

    @ParameterizedTest(name = "{0} {1} is a holiday: {2}")
    @CsvSource(textBlock = """
        england-and-wales, 2020-12-28, true,  Boxing Day on a Saturday moves to Monday
        england-and-wales, 2021-12-27, true,  Christmas on a Saturday moves to Monday
        england-and-wales, 2021-12-28, true,  Boxing Day on a Sunday moves to Tuesday
        england-and-wales, 2022-12-26, true,  Boxing Day itself on the Monday
        england-and-wales, 2022-12-27, true,  Christmas on a Sunday moves to Tuesday
        england-and-wales, 2027-12-27, true,  Christmas 2027 substitute
        england-and-wales, 2027-12-28, true,  Boxing Day 2027 substitute
        england-and-wales, 2022-01-03, true,  New Year on a Saturday moves to Monday
        england-and-wales, 2028-01-03, true,  New Year 2028 substitute
        england-and-wales, 2020-05-04, false, early May 2020 moved to VE day
        england-and-wales, 2020-05-08, true,  VE day 75
        england-and-wales, 2022-05-30, false, spring 2022 moved for the Jubilee
        england-and-wales, 2022-06-02, true,  spring bank holiday 2022
        england-and-wales, 2022-06-03, true,  Platinum Jubilee
        england-and-wales, 2022-09-19, true,  State Funeral
        england-and-wales, 2023-05-08, true,  Coronation
        england-and-wales, 2026-08-31, true,  summer bank holiday: last Monday of August
        scotland,          2026-08-03, true,  summer bank holiday: first Monday of August
        scotland,          2026-08-31, false, not in Scotland
        scotland,          2022-01-04, true,  2 January on a Sunday moves to Tuesday
        scotland,          2023-01-03, true,  2 January 2023 substitute
        scotland,          2025-12-01, true,  St Andrew's Day on a Sunday moves to Monday
        northern-ireland,  2024-03-18, true,  St Patrick's Day on a Sunday moves to Monday
        northern-ireland,  2025-07-14, true,  the Twelfth on a Saturday moves to Monday
        northern-ireland,  2026-07-13, true,  the Twelfth on a Sunday moves to Monday
        """)
    void substituteAndOneOffDaysAreThere(String region, LocalDate day, boolean holiday, String why) {
        assertThat(holidays.dates(region).contains(day)).as(why).isEqualTo(holiday);
    }

    @Test
    void noShippedHolidayFallsAtAWeekend() {
        for (String region : BankHolidays.REGIONS) {
            assertThat(holidays.dates(region)).as(region)
                    .allMatch(d -> d.getDayOfWeek().getValue() <= 5);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        a date that does not exist | england-and-wales | {"events":[{"title":"x","date":"2026-02-30"}]}                                     | events[0].date
        a date that is not a date  | england-and-wales | {"events":[{"title":"x","date":"next tuesday"}]}                                   | events[0].date
        a weekend date             | england-and-wales | {"events":[{"title":"x","date":"2026-12-26"}]}                                     | events[0].date
        the same date twice        | england-and-wales | {"events":[{"title":"x","date":"2026-12-25"},{"title":"y","date":"2026-12-25"}]}   | events[1].date
        a missing title            | england-and-wales | {"events":[{"date":"2026-12-25"}]}                                                 | events[0].title
        no events                  | england-and-wales | {"events":[]}                                                                      | events
        an unknown region          | wales             | {"events":[{"title":"x","date":"2026-12-25"}]}                                     | region
        a division for elsewhere   | scotland          | {"division":"england-and-wales","events":[{"title":"x","date":"2026-12-25"}]}      | division
        """)
    void aBadUploadIsRefusedNamingTheField(String why, String region, String json, String field) {
        assertThatThrownBy(() -> BankHolidays.parse(json).validate(region))
                .isInstanceOf(ErrorResponseException.class)
                .satisfies(e -> assertThat(((ErrorResponseException) e).getBody().getProperties().get("errors"))
                        .asString().contains(field));
    }

    @Test
    void anUploadReplacesTheYearsItCoversAndKeepsTheOthers() {
        List<BankHoliday> upload = BankHolidays.parse("""
                {"division":"england-and-wales","events":[{"title":"Extra","date":"2026-06-01"}]}""")
                .validate("england-and-wales");

        List<BankHoliday> merged = holidays.merged("england-and-wales", upload);

        assertThat(merged).extracting(BankHoliday::date)
                .contains(LocalDate.of(2026, 6, 1), LocalDate.of(2025, 12, 25))
                .doesNotContain(LocalDate.of(2026, 12, 25));
    }

    @Test
    void theCopyInsideTheJarIsTheSameAsTheShippedFolder() throws java.io.IOException {
        // scheduler/bank-holidays/ is what operators edit; the classpath copy lets the jar start anywhere
        for (String region : BankHolidays.REGIONS) {
            try (java.io.InputStream packaged = getClass().getClassLoader()
                    .getResourceAsStream("scheduler/bank-holidays/" + region + ".json")) {
                assertThat(packaged).as(region).isNotNull();
                assertThat(new String(packaged.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)).as(region)
                        .isEqualTo(java.nio.file.Files.readString(
                                java.nio.file.Path.of("scheduler/bank-holidays", region + ".json")));
            }
        }
    }
}
