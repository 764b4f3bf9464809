package uk.hallmonitor.sla.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import uk.hallmonitor.AppTestSupport;

/**
 * The SLA page's week-by-week table counts each clock of the school's weeks by its outcome: met on time, met late,
 * overdue (breached, or open past its due time before the sweep marks it), still open; excluded praise and items
 * handled without a reply count in neither, and the typical first reply is the median over met clocks.
 */
class SlaPageComplianceTests extends AppTestSupport {

    private static final Pattern CELL = Pattern.compile("<td[^>]*>(.*?)</td>", Pattern.DOTALL);

    @Autowired
    ReactiveMongoTemplate mongo;

    @Test
    void theWeeklyTableCountsEachClockByItsOutcome() {
        ActiveAccount account = activeAccount("FACEBOOK", "sla-page-figures", null);
        Person moderator = newCurrentStaff(account.schoolId(), "STAFF", "MODERATOR");
        // START is Monday 10:00 UTC: these clocks were all received this week, in the early hours
        Instant received = START.minus(Duration.ofHours(8));
        List<Document> clocks = new ArrayList<>();
        clocks.add(clock(account, "met-fast", received, "MET").append("metAt", at(received.plusSeconds(1_800)))
                .append("metLate", false));
        clocks.add(clock(account, "met-slow", received, "MET").append("metAt", at(received.plusSeconds(18_000)))
                .append("metLate", false));
        clocks.add(clock(account, "met-late", received, "MET").append("metAt", at(received.plusSeconds(3_600)))
                .append("metLate", true));
        clocks.add(clock(account, "breached", received, "BREACHED").append("dueAt", at(START.minusSeconds(60))));
        clocks.add(clock(account, "past-due", received, "OPEN").append("dueAt", at(START.minusSeconds(60))));
        clocks.add(clock(account, "waiting", received, "OPEN"));
        clocks.add(clock(account, "praise", received, "EXCLUDED"));
        clocks.add(clock(account, "hidden", received, "HANDLED"));
        // last week: one met on time
        Instant lastWeek = START.minus(Duration.ofDays(7));
        clocks.add(clock(account, "last-week", lastWeek, "MET").append("metAt", at(lastWeek.plusSeconds(600)))
                .append("metLate", false));
        mongo.insert(clocks, "sla_clocks").blockLast();

        String page = as(moderator).get().uri("/ui/sla").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();

        assertThat(page).contains("2 overdue");
        // on time: 2 of the 5 decided (2 on time, 1 late, 2 overdue); typical first reply: median of 30 min, 1 h, 5 h
        assertThat(cells(row(page, "(this week, so far)"))).containsExactly("40%", "2", "1", "2", "1", "1 h 0 min");
        assertThat(cells(row(page, "Mon 9 Nov 2026"))).containsExactly("100%", "1", "0", "0", "0", "10 min");
        assertThat(cells(row(page, "Mon 2 Nov 2026")))
                .containsExactly("Nothing decided", "0", "0", "0", "0", "—");
    }

    private static Document clock(ActiveAccount account, String name, Instant received, String state) {
        String id = account.accountId().substring(0, 8) + "-" + name;
        return new Document("_id", "clock-" + id).append("postId", "post-" + id)
                .append("schoolId", account.schoolId()).append("accountId", account.accountId())
                .append("platform", "FACEBOOK").append("kind", "COMMENT").append("platformPostId", "p-" + id)
                .append("conversationId", "conv-" + id).append("receivedAt", at(received))
                .append("dueAt", at(received.plus(Duration.ofDays(1)))).append("state", state)
                .append("remindersSent", List.of()).append("notices", List.of()).append("createdAt", at(received))
                .append("version", 0L);
    }

    private static Date at(Instant instant) {
        return Date.from(instant);
    }

    /** The table row whose header contains the text. */
    private static String row(String page, String header) {
        int at = page.indexOf(header);
        assertThat(at).as("a row headed " + header).isPositive();
        int start = page.lastIndexOf("<tr", at);
        return page.substring(start, page.indexOf("</tr>", at));
    }

    private static List<String> cells(String row) {
        List<String> cells = new ArrayList<>();
        Matcher cell = CELL.matcher(row);
        while (cell.find()) {
            cells.add(cell.group(1).strip());
        }
        return cells;
    }
}
