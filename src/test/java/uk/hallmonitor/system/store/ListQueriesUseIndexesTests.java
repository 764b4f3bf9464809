package uk.hallmonitor.system.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;
import uk.hallmonitor.AppTestSupport;

/**
 * Every list the UI and API show (home, moderation inbox and post, alerts, safeguarding alerts, SLA, incidents,
 * audit, weekly report, accounts, and the API's lists) is answered on the embedded store without reading a whole
 * collection: the store counts full scans by query shape, and none may appear while the pages are served. A new
 * query that no index narrows fails here with its shape (collection, filtered fields, sort) in the message.
 */
class ListQueriesUseIndexesTests extends AppTestSupport {

    @Autowired
    StoreConfiguration.EmbeddedStore store;

    @Autowired
    ReactiveMongoTemplate mongo;

    /**
     * Background jobs that run while the pages are served and read a whole collection on purpose: the pollers read
     * every watch and cursor (one document per watched source, not per post), and the safeguarding escalation's
     * "half-notified" branch ({notifying: {$ne: null}}) has no index to narrow it (safeguarding alerts are few).
     * These are known, named and bounded by configuration, not by the number of posts.
     */
    static final Set<String> BACKGROUND = Set.of("poll_cursors {}", "watches {}",
            "safeguarding_alerts {$or} sort {raisedAt}");

    /** Fails naming every query shape read in full between the two counts (the named background reads aside). */
    static void assertNoFullScans(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Long> added = new LinkedHashMap<>();
        after.forEach((shape, count) -> {
            long more = count - before.getOrDefault(shape, 0L);
            if (more > 0 && !BACKGROUND.contains(shape)) {
                added.put(shape, more);
            }
        });
        assertThat(added).as("queries the embedded store answered by reading the whole collection"
                + " (add an index whose leading keys are the query's equal fields, then its range or sort)").isEmpty();
    }

    @Test
    void everyListPageAndApiListIsAnsweredFromAnIndex() {
        ActiveAccount account = activeAccount("FACEBOOK", "scan-guard", null);
        Person moderator = newCurrentStaff(account.schoolId(), "STAFF", "MODERATOR", "DSL");
        String firstPost = storePosts(account, moderator.id(), 90);

        Map<String, WebTestClient> callers = Map.of("moderator", as(moderator), "slt", as(account.slt()),
                "admin", admin());
        String school = account.schoolId();
        List<String[]> requests = List.of(
                new String[] {"moderator", "/"},
                new String[] {"moderator", "/ui/moderation"},
                new String[] {"moderator", "/ui/moderation?severity=MEDIUM&due=DAY"},
                new String[] {"moderator", "/ui/moderation/posts/" + firstPost},
                new String[] {"moderator", "/ui/alerts"},
                new String[] {"moderator", "/ui/safeguarding-alerts"},
                new String[] {"moderator", "/ui/sla"},
                new String[] {"moderator", "/ui/incidents"},
                new String[] {"moderator", "/ui/accounts"},
                new String[] {"slt", "/"},
                new String[] {"slt", "/ui/audit"},
                new String[] {"slt", "/ui/reports/weekly"},
                new String[] {"admin", "/ui/accounts"},
                new String[] {"moderator", "/api/v1/posts?flagged=true&size=20"},
                new String[] {"moderator", "/api/v1/posts?size=20"},
                new String[] {"moderator", "/api/v1/incidents?schoolId=" + school},
                new String[] {"slt", "/api/v1/audit?schoolId=" + school},
                new String[] {"admin", "/api/v1/accounts?schoolId=" + school});

        List<String> scanned = new ArrayList<>();
        for (String[] request : requests) {
            Map<String, Long> before = store.fullScans().byShape();
            callers.get(request[0]).get().uri(request[1]).exchange().expectStatus().isOk();
            try {
                assertNoFullScans(before, store.fullScans().byShape());
            } catch (AssertionError e) {
                scanned.add(request[0] + " GET " + request[1] + ": " + e.getMessage());
            }
        }
        assertThat(scanned).isEmpty();
    }

    /**
     * Posts with their verdicts (a third flagged), alerts to the moderator and incidents, written as the modules
     * write them (as PageLoadBenchmark does); the SLA module starts the clocks of stored posts itself.
     */
    private String storePosts(ActiveAccount account, String moderator, int posts) {
        Instant now = clock.instant();
        List<Document> postDocs = new ArrayList<>();
        List<Document> verdicts = new ArrayList<>();
        List<Document> alerts = new ArrayList<>();
        List<Document> incidents = new ArrayList<>();
        String prefix = "guard-" + account.accountId().substring(0, 8) + "-";
        for (int i = 0; i < posts; i++) {
            String id = prefix + i;
            Date posted = Date.from(now.minusSeconds(60L * i));
            boolean flagged = i % 3 == 0;
            postDocs.add(new Document("_id", id).append("schoolId", account.schoolId())
                    .append("accountId", account.accountId()).append("platform", "FACEBOOK").append("kind", "COMMENT")
                    .append("platformPostId", prefix + "p" + i).append("authorId", "a" + (i % 7))
                    .append("authorHandle", "author" + (i % 7))
                    .append("text", flagged ? "you idiot number " + i : "Thank you for the update " + i)
                    .append("conversationId", "conv-" + (i % 10)).append("postedAt", posted)
                    .append("collectedAt", posted).append("updatedAt", posted).append("revision", 0L)
                    .append("history", List.of()).append("processing", new Document()));
            verdicts.add(new Document("_id", id).append("schoolId", account.schoolId())
                    .append("accountId", account.accountId()).append("platform", "FACEBOOK").append("kind", "COMMENT")
                    .append("platformPostId", prefix + "p" + i).append("postedAt", posted)
                    .append("collectedAt", posted).append("classifiedAt", posted).append("offensive", flagged)
                    .append("score", flagged ? 0.97 : 0.02)
                    .append("categories", flagged ? List.of(new Document("name", "ABUSE").append("score", 0.97))
                            : List.of())
                    .append("severity", flagged ? (i % 6 == 0 ? "MEDIUM" : "LOW") : "NONE")
                    .append("safeguarding", false).append("suspectedIllegal", false).append("modelVersion", "guard")
                    .append("explanation", flagged ? List.of("idiot") : List.of()).append("flagged", flagged)
                    .append("status", flagged ? "OPEN" : null).append("version", 0L).append("actions", List.of())
                    .append("routedAt", posted));
            if (flagged && i % 9 == 0) {
                alerts.add(new Document("_id", prefix + "alert-" + i)
                        .append("dedupKey", "post:" + id + "|" + moderator + "|EMAIL")
                        .append("schoolId", account.schoolId()).append("sourceKey", "post:" + id)
                        .append("channel", "EMAIL").append("recipientKey", moderator)
                        .append("recipientStaffId", moderator).append("recipientName", "Guard moderator")
                        .append("reason", "moderator").append("subject", "Flagged comment")
                        .append("body", "A comment was flagged.").append("state", "SENT").append("attempts", 1)
                        .append("nextAttemptAt", posted).append("createdAt", posted).append("sentAt", posted));
            }
            if (flagged && i % 30 == 0) {
                incidents.add(new Document("_id", "INC-2026-8" + account.accountId().substring(0, 4) + i)
                        .append("schoolId", account.schoolId()).append("sourceKey", prefix + "incident-" + i)
                        .append("category", "BULLYING").append("severity", "HIGH").append("status", "OPEN")
                        .append("postIds", List.of(id)).append("notes", List.of())
                        .append("trail", List.of(new Document("at", posted).append("actor", "guard")
                                .append("action", "opened").append("to", "OPEN")))
                        .append("version", 0L).append("createdAt", posted).append("createdBy", "guard"));
            }
        }
        mongo.insert(verdicts, "verdicts").blockLast();
        mongo.insert(alerts, "alerts").blockLast();
        mongo.insert(incidents, "incidents").blockLast();
        mongo.insert(postDocs, "posts").blockLast();
        return prefix + "0";
    }
}
