package uk.hallmonitor.system.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import uk.hallmonitor.AppTestSupport;

/**
 * Imported posts raise many CRITICAL safeguarding alerts when no mail server is set (nothing reaches anyone outside
 * the app): every page's banner then showed one form per alert and asked the outbox once per alert, so the home page
 * took 100 s with 2,000 imported posts. Now the first three are shown with their buttons, the rest counted in one
 * line, and the outbox is asked once for a batch of alerts.
 */
class ManyUndeliveredSafeguardingAlertsTests extends AppTestSupport {

    private static final Pattern ACKNOWLEDGE = Pattern.compile("/ui/safeguarding-alerts/([^/\"]+)/acknowledgement");

    @Autowired
    StoreConfiguration.EmbeddedStore store;

    @Autowired
    ReactiveMongoTemplate mongo;

    @Test
    void aPageShowsTheThreeOldestUndeliveredCriticalAlertsAndCountsTheRest() {
        String school = newSchool();
        Person dsl = newCurrentStaff(school, "STAFF", "DSL");
        String prefix = "sg-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        Instant now = clock.instant();
        List<Document> alerts = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            alerts.add(safeguarding(prefix + i, school, "CRITICAL", now.minusSeconds(600L - i), null));
        }
        // not counted: one that reached the DSL by email, a HIGH one, an acknowledged one
        alerts.add(safeguarding(prefix + "emailed", school, "CRITICAL", now.minusSeconds(900), null));
        alerts.add(safeguarding(prefix + "high", school, "HIGH", now.minusSeconds(900), null));
        alerts.add(safeguarding(prefix + "done", school, "CRITICAL", now.minusSeconds(900), now));
        mongo.insert(alerts, "safeguarding_alerts").blockLast();
        mongo.insert(List.of(outbox(prefix + "mail", school, "post:" + prefix + "emailed", "EMAIL", dsl.id())),
                "alerts").blockLast();

        String page = as(dsl).get().uri("/").exchange().expectStatus().isOk().expectBody(String.class)
                .returnResult().getResponseBody();

        assertThat(acknowledgeButtons(page)).containsExactly(prefix + "0", prefix + "1", prefix + "2");
        assertThat(page).contains("5 more CRITICAL safeguarding alerts were not delivered by email, Teams or Slack "
                + "and wait to be acknowledged: they are listed under Safeguarding alerts.");
    }

    @Test
    void theBannerAsksTheOutboxOnceForManyAlertsNotOncePerAlert() {
        String school = newSchool();
        Person dsl = newCurrentStaff(school, "STAFF", "DSL");
        String prefix = "sg-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        Instant now = clock.instant();
        List<Document> alerts = new ArrayList<>();
        List<Document> outbox = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            alerts.add(safeguarding(prefix + i, school, "CRITICAL", now.minusSeconds(600L - i), null));
        }
        // emails sent about other posts: an outbox that grows with the school's flagged posts
        for (int i = 0; i < 300; i++) {
            outbox.add(outbox(prefix + "mail-" + i, school, "post:" + prefix + "other-" + i, "EMAIL", null));
        }
        mongo.insert(alerts, "safeguarding_alerts").blockLast();
        mongo.insert(outbox, "alerts").blockLast();
        as(dsl).get().uri("/").exchange().expectStatus().isOk();

        long before = store.fullScans().documentsRead().getOrDefault("alerts", 0L);
        String page = as(dsl).get().uri("/").exchange().expectStatus().isOk().expectBody(String.class)
                .returnResult().getResponseBody();
        long read = store.fullScans().documentsRead().getOrDefault("alerts", 0L) - before;

        assertThat(acknowledgeButtons(page)).hasSize(3);
        assertThat(page).contains("37 more CRITICAL safeguarding alerts were not delivered");
        // asked once per alert, each asking read every SENT entry of the outbox (40 x 300 and more) before
        assertThat(read).as("outbox documents read to draw one page's banners").isLessThan(300);
    }

    private static List<String> acknowledgeButtons(String page) {
        List<String> ids = new ArrayList<>();
        Matcher matcher = ACKNOWLEDGE.matcher(page);
        while (matcher.find()) {
            ids.add(matcher.group(1));
        }
        return ids;
    }

    private static Document safeguarding(String id, String school, String severity, Instant raised,
                                         Instant acknowledged) {
        return new Document("_id", id).append("schoolId", school).append("sourceKey", "post:" + id)
                .append("platform", "FACEBOOK").append("categories", List.of("DISCLOSURE"))
                .append("severity", severity).append("sealed", false)
                .append("subject", "Safeguarding: " + severity + " disclosure " + id)
                .append("raisedAt", Date.from(raised)).append("escalations", List.of())
                .append("acknowledgedAt", acknowledged == null ? null : Date.from(acknowledged))
                .append("version", 0L);
    }

    private static Document outbox(String id, String school, String source, String channel, String staffId) {
        Date at = new Date();
        return new Document("_id", id).append("dedupKey", id).append("schoolId", school).append("sourceKey", source)
                .append("channel", channel).append("recipientKey", staffId == null ? "feed" : staffId)
                .append("recipientStaffId", staffId).append("reason", "safeguarding").append("subject", "Alert")
                .append("body", "An alert.").append("state", "SENT").append("attempts", 1)
                .append("nextAttemptAt", at).append("createdAt", at).append("sentAt", at);
    }
}
