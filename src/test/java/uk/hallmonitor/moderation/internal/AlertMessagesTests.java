package uk.hallmonitor.moderation.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import uk.hallmonitor.alerts.AlertMessage;
import uk.hallmonitor.alerts.Channel;
import uk.hallmonitor.classification.Category;
import uk.hallmonitor.classification.Severity;
import uk.hallmonitor.system.Platform;

class AlertMessagesTests {

    private static final ZoneId LONDON = ZoneId.of("Europe/London");

    @Test
    void theSuspectedIllegalAlertCarriesOnlyTheIncidentPlatformTimeAndTheIwfInstruction() {
        AlertMessage message = AlertMessages.forSuspectedIllegal("INC-2026-0007", Platform.BLUESKY, Fixtures.NOON,
                LONDON);

        String all = message.subject() + "\n" + message.body();
        assertThat(all).contains("INC-2026-0007", "BLUESKY", "23 November 2026 at 12:00", "Internet Watch Foundation",
                "never copy and paste");
        // nothing a mail client could turn into a link
        assertThat(all).doesNotContainPattern("(?i)https?://|www\\.|\\.org|\\.uk|\\.com");
    }

    @ParameterizedTest
    @EnumSource(value = Channel.class, names = {"TEAMS", "SLACK", "FEED"})
    void sharedChannelsNeverCarryThePostsWords(Channel channel) {
        FlaggedPost post = Fixtures.post("acc-1", Severity.HIGH, false, Category.ABUSE);

        AlertMessage message = AlertMessages.forPost(post, channel, LONDON, "https://hm.example/queue/");

        assertThat(message.body()).doesNotContain("idiots", "bad.example", "x.com")
                .contains("https://hm.example/queue/post-1", "HIGH", "abuse");
    }

    @Test
    void emailToAModeratorCarriesAnExcerptAndSaysWhenTheDslWasTold() {
        FlaggedPost post = Fixtures.post("acc-1", Severity.HIGH, true, Category.THREAT);

        AlertMessage message = AlertMessages.forPost(post, Channel.EMAIL, LONDON, "/q/");

        assertThat(message.subject()).startsWith("Safeguarding: HIGH threat on X");
        assertThat(message.body()).contains("you are all idiots", "@ourschool", "designated safeguarding lead");
    }
}
