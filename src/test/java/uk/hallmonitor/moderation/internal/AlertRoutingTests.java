package uk.hallmonitor.moderation.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.hallmonitor.moderation.internal.Fixtures.post;
import static uk.hallmonitor.moderation.internal.Fixtures.staff;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import uk.hallmonitor.alerts.AlertSettings;
import uk.hallmonitor.alerts.Channel;
import uk.hallmonitor.alerts.Delivery;
import uk.hallmonitor.classification.Category;
import uk.hallmonitor.classification.Severity;
import uk.hallmonitor.system.security.Role;

class AlertRoutingTests {

    private final Audience audience = new Audience(List.of(staff("mod", Role.MODERATOR)),
            List.of(staff("run1", Role.STAFF), staff("run2", Role.STAFF)), List.of(staff("dsl", Role.DSL)));

    @ParameterizedTest(name = "{0} on account={1}, safeguarding={2} -> {3}")
    @CsvSource(textBlock = """
            MEDIUM,   acc-1, false, mod run1 run2
            MEDIUM,   ,      false, mod
            HIGH,     acc-1, true,  dsl mod run1 run2
            HIGH,     ,      true,  dsl mod
            CRITICAL, ,      false, dsl mod
            """)
    void emailGoesToTheRightPeople(Severity severity, String accountId, boolean safeguarding, String expected) {
        List<Delivery> deliveries = AlertRouting.route(post(accountId, severity, safeguarding, Category.ABUSE),
                AlertSettings.defaults("school-1"), audience);

        String emailed = deliveries.stream().filter(d -> d.channel() == Channel.EMAIL)
                .map(d -> d.recipient().staffId()).sorted().collect(Collectors.joining(" "));
        assertThat(emailed).isEqualTo(expected);
    }

    @Test
    void runnersAreLeftOutWhenTheSchoolSaysSo() {
        AlertSettings settings = new AlertSettings("school-1", false, Severity.LOW, true, Severity.CRITICAL,
                Severity.MEDIUM, null, null);

        List<Delivery> deliveries = AlertRouting.route(post("acc-1", Severity.HIGH, false, Category.ABUSE), settings,
                audience);

        assertThat(deliveries).filteredOn(d -> d.channel() == Channel.EMAIL)
                .extracting(d -> d.recipient().staffId()).containsExactly("mod");
    }

    @Test
    void lowSeverityWaitsForTheDigestButSafeguardingNever() {
        List<Delivery> low = AlertRouting.route(post("acc-1", Severity.LOW, false, Category.PROFANITY),
                AlertSettings.defaults("school-1"), audience);
        List<Delivery> lowSafeguarding = AlertRouting.route(post("acc-1", Severity.LOW, true, Category.SELF_HARM),
                AlertSettings.defaults("school-1"), audience);

        assertThat(low).filteredOn(d -> d.channel() == Channel.EMAIL).allMatch(Delivery::held);
        assertThat(lowSafeguarding).filteredOn(d -> d.channel() == Channel.EMAIL).noneMatch(Delivery::held);
    }

    @Test
    void aPersonWhoIsBothDslAndRunnerIsToldOnceAsSafeguarding() {
        Audience overlapping =
                new Audience(List.of(), List.of(staff("dsl", Role.DSL)), List.of(staff("dsl", Role.DSL)));

        List<Delivery> deliveries = AlertRouting.route(post("acc-1", Severity.HIGH, true, Category.THREAT),
                AlertSettings.defaults("school-1"), overlapping);

        assertThat(deliveries).filteredOn(d -> d.channel() == Channel.EMAIL)
                .extracting(Delivery::reason).containsExactly("safeguarding");
    }

    @ParameterizedTest(name = "{0} -> webhooks {1}")
    @CsvSource(textBlock = """
            LOW,    false
            MEDIUM, true
            HIGH,   true
            """)
    void webhooksFollowTheSchoolsSeverityFloor(Severity severity, boolean expected) {
        AlertSettings settings = new AlertSettings("school-1", true, Severity.LOW, false, Severity.CRITICAL,
                Severity.MEDIUM, "https://teams.example/hook", "https://slack.example/hook");

        List<Delivery> deliveries = AlertRouting.route(post("acc-1", severity, false, Category.ABUSE), settings,
                audience);

        assertThat(deliveries.stream().anyMatch(d -> d.channel() == Channel.TEAMS)).isEqualTo(expected);
        assertThat(deliveries.stream().anyMatch(d -> d.channel() == Channel.SLACK)).isEqualTo(expected);
        assertThat(deliveries).filteredOn(d -> d.channel() == Channel.FEED).hasSize(1);
    }

    @Test
    void leaversAreNotAlerted() {
        var leaver = new uk.hallmonitor.schools.StaffView("gone", "school-1", "Gone", "g@x", "g",
                java.util.Set.of(Role.MODERATOR), false, false);
        List<Delivery> deliveries = AlertRouting.route(post(null, Severity.HIGH, false, Category.ABUSE),
                AlertSettings.defaults("school-1"), new Audience(List.of(leaver), List.of(), List.of()));

        assertThat(deliveries).noneMatch(d -> d.channel() == Channel.EMAIL);
    }
}
