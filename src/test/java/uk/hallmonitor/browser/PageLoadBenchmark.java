package uk.hallmonitor.browser;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.web.reactive.function.client.WebClient;
import uk.hallmonitor.HallmonitorApplication;

/**
 * Load program (run by hand, not a test): response times of every page a role lives on (the moderator's inbox,
 * post, alerts, SLA, incident, safeguarding and home pages; SLT's applications, review, accounts and report pages;
 * the administrator's schools, activation, vault and audit pages) with 5,000 posts in the store (a third of them
 * flagged), through the whole service on the embedded store. The school, staff and account are made through the
 * API; the posts, verdicts, alerts and incidents are written to the store as the modules would have written them.
 * Each page is requested sequentially (after a warm-up) by a person of its role, and p50/p95/p99 are printed.
 *
 * <p>Modes (third argument): {@code ingesting} times the pages as soon as the response clocks exist, while the
 * service is still working through the new posts (triage, alerts, clock reminders); {@code settled} first waits
 * until the store says that work is done ({@link #backlog}: counts, not a sleep); {@code both} (default) does the
 * first and then the second.
 *
 * <pre>mvn -B -o -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 * uptime; java -Xmx512m -cp "target/test-classes:target/classes:$(cat target/cp.txt)" \
 *   uk.hallmonitor.browser.PageLoadBenchmark 5000 100 both; uptime</pre>
 */
public final class PageLoadBenchmark {

    private static final String ADMIN = "bench-admin-1";

    private PageLoadBenchmark() {
    }

    @SuppressWarnings("unchecked")
    public static void main(String[] args) throws Exception {
        int posts = args.length > 0 ? Integer.parseInt(args[0]) : 5_000;
        int requests = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        Path data = Files.createTempDirectory("hallmonitor-page-bench");
        ConfigurableApplicationContext app = new SpringApplicationBuilder(HallmonitorApplication.class,
                ModerationBrowserTests.Keywords.class)
                .run("--server.port=0", "--hallmonitor.store.data-dir=" + data, "--hallmonitor.store.mongodb-uri=",
                        "--hallmonitor.security.admin-password=" + ADMIN, "--hallmonitor.monitoring.enabled=false",
                        "--hallmonitor.reports.deliver=false", "--logging.level.root=warn");
        try {
            String base = "http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port");
            WebClient admin = client(base, "admin", ADMIN);
            String school = (String) admin.post().uri("/api/v1/schools").bodyValue(Map.of("name", "Bench School"))
                    .retrieve().bodyToMono(Map.class).block().get("id");
            String today = LocalDate.now().toString();
            List<String> ids = new ArrayList<>();
            for (String[] person : new String[][] {{"benchmod", "STAFF,MODERATOR,DSL"}, {"benchrun", "STAFF"},
                    {"benchapp", "STAFF"}, {"benchslt", "SLT"}}) {
                Map<String, Object> staff = admin.post().uri("/api/v1/staff").bodyValue(Map.of("schoolId", school,
                        "name", "Bench " + person[0], "email", person[0] + "@school.test", "username",
                        person[0], "password", person[0] + "-pass-1", "roles",
                        List.of(person[1].split(","))))
                        .retrieve().bodyToMono(Map.class).block();
                String id = (String) staff.get("id");
                admin.post().uri("/api/v1/staff/{id}/acknowledgements", id)
                        .bodyValue(Map.of("policyVersion", "2026", "signedOn", today)).retrieve().toBodilessEntity()
                        .block();
                admin.post().uri("/api/v1/staff/{id}/training", id)
                        .bodyValue(Map.of("course", "Social media safety", "completedOn", today)).retrieve()
                        .toBodilessEntity().block();
                ids.add(id);
            }
            WebClient applicant = client(base, "benchapp", "benchapp-pass-1");
            String application = (String) applicant.post().uri("/api/v1/applications").bodyValue(Map.of(
                    "schoolId", school, "platform", "FACEBOOK", "handle", "@bench", "aim", "News",
                    "audience", "Parents", "promotion", "Newsletter", "runnerIds", ids.subList(0, 2),
                    "visibility", "OPEN"))
                    .retrieve().bodyToMono(Map.class).block().get("id");
            applicant.post().uri("/api/v1/applications/{id}/submit", application).retrieve().toBodilessEntity()
                    .block();
            client(base, "benchslt", "benchslt-pass-1").post().uri("/api/v1/applications/{id}/approve", application)
                    .bodyValue(Map.of()).retrieve().toBodilessEntity().block();
            Map<String, Object> accounts = admin.get().uri("/api/v1/accounts?schoolId={s}", school).retrieve()
                    .bodyToMono(Map.class).block();
            String account = (String) ((List<Map<String, Object>>) accounts.get("items")).get(0).get("id");
            admin.post().uri("/api/v1/accounts/{id}/activate", account)
                    .bodyValue(Map.of("platformAccountId", "bench-page", "connection", Map.of())).retrieve()
                    .toBodilessEntity().block();

            WebClient moderator = client(base, "benchmod", "benchmod-pass-1");
            long loading = System.nanoTime();
            store(app.getBean(ReactiveMongoTemplate.class), school, account, ids.get(0), posts);
            System.out.printf("stored %d posts with their verdicts and clocks in %.1f s%n", posts,
                    (System.nanoTime() - loading) / 1e9);
            // the SLA module starts the posts' response clocks in the background: time the pages once it has, so
            // that they are measured with the data complete and not while the sweep competes for the machine
            ReactiveMongoTemplate mongo = app.getBean(ReactiveMongoTemplate.class);
            long waiting = System.nanoTime();
            // (done when every post has one, or the count has not moved for 15 s: the sweep leaves some out, e.g.
            // the oldest past its look-back)
            long clocks = -1;
            long unchangedSince = System.nanoTime();
            while (System.nanoTime() - waiting < Duration.ofMinutes(10).toNanos()) {
                long now = mongo.getCollection("sla_clocks").flatMap(c -> reactor.core.publisher.Mono.from(
                        c.countDocuments())).block();
                if (now != clocks) {
                    clocks = now;
                    unchangedSince = System.nanoTime();
                } else if (clocks >= posts || System.nanoTime() - unchangedSince > Duration.ofSeconds(15).toNanos()) {
                    break;
                }
                Thread.sleep(1_000);
            }
            System.out.printf("%d response clocks started after %.1f s more%n", clocks,
                    (System.nanoTime() - waiting) / 1e9);
            Map<String, Object> flagged = moderator.get().uri("/api/v1/posts?flagged=true&size=1").retrieve()
                    .bodyToMono(Map.class).block();
            String onePost = (String) ((List<Map<String, Object>>) flagged.get("items")).get(0).get("id");
            System.out.printf("flagged: %s%n", flagged.get("total"));

            WebClient slt = client(base, "benchslt", "benchslt-pass-1");
            // every page a role lives on, each fetched by a person of that role
            List<Page> pages = List.of(
                    new Page(moderator, "/"),
                    new Page(moderator, "/ui/moderation"),
                    new Page(moderator, "/ui/moderation?severity=MEDIUM&due=DAY"),
                    new Page(moderator, "/ui/moderation/posts/" + onePost),
                    new Page(moderator, "/ui/alerts"),
                    new Page(moderator, "/ui/sla"),
                    new Page(moderator, "/ui/incidents"),
                    new Page(moderator, "/ui/safeguarding-alerts"),
                    new Page(slt, "/ui/applications"),
                    new Page(slt, "/ui/review"),
                    new Page(slt, "/ui/accounts"),
                    new Page(slt, "/ui/accounts/" + account),
                    new Page(slt, "/ui/reports/weekly"),
                    new Page(admin, "/ui/admin"),
                    new Page(admin, "/ui/admin/schools/" + school),
                    new Page(admin, "/ui/admin/accounts"),
                    new Page(admin, "/ui/vault/accounts/" + account),
                    new Page(admin, "/ui/vault/key-rotations"),
                    new Page(admin, "/ui/audit"));
            String mode = args.length > 2 ? args[2] : "both";
            if (!mode.equals("settled")) {
                System.out.printf("## while ingesting (%s)%n", backlog(mongo));
                time(pages, requests);
                System.out.printf("## (after timing: %s)%n", backlog(mongo));
            }
            if (!mode.equals("ingesting")) {
                long settling = System.nanoTime();
                String left = backlog(mongo);
                while (!left.isEmpty() && System.nanoTime() - settling < Duration.ofMinutes(20).toNanos()) {
                    Thread.sleep(2_000);
                    left = backlog(mongo);
                }
                System.out.printf("## settled after %.1f s more (%s)%n", (System.nanoTime() - settling) / 1e9,
                        left.isEmpty() ? "nothing left" : "NOT settled: " + left);
                time(pages, requests);
                System.out.printf("## (after timing: %s)%n", backlog(mongo));
            }
        } finally {
            app.close();
        }
    }

    /** A page and the person who reads it. */
    private record Page(WebClient reader, String path) {
    }

    private static void time(List<Page> all, int requests) {
        // -Dbench.pages=/,/ui/sla times only the pages whose path is one of these (or starts with one ending in /)
        String only = System.getProperty("bench.pages");
        List<Page> pages = only == null ? all : all.stream().filter(p -> List.of(only.split(",")).stream()
                .anyMatch(o -> p.path().equals(o) || o.endsWith("/") && o.length() > 1 && p.path().startsWith(o)))
                .toList();
        var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean();
        System.out.printf("%-45s %8s %8s %8s %8s %10s%n", "page", "p50 ms", "p95 ms", "p99 ms", "bytes",
                "cpu ms/req");
        for (Page page : pages) {
            System.out.printf("# %s %s%n", Instant.now(), page.path());
            var first = page.reader().get().uri(page.path()).exchangeToMono(r -> r.toBodilessEntity()).block();
            if (!first.getStatusCode().is2xxSuccessful()) {
                System.out.printf("%-45s answered %s: not timed%n", page.path(), first.getStatusCode());
                continue;
            }
            for (int i = 0; i < 20; i++) {
                page.reader().get().uri(page.path()).retrieve().bodyToMono(String.class).block();
            }
            long[] times = new long[requests];
            int size = 0;
            // the whole JVM's CPU time (service and this client) per request: steadier than wall time on a busy machine
            long cpu = os.getProcessCpuTime();
            for (int i = 0; i < requests; i++) {
                long start = System.nanoTime();
                String body = page.reader().get().uri(page.path()).retrieve().bodyToMono(String.class).block();
                times[i] = System.nanoTime() - start;
                size = body == null ? 0 : body.length();
            }
            cpu = os.getProcessCpuTime() - cpu;
            java.util.Arrays.sort(times);
            System.out.printf("%-45s %8.1f %8.1f %8.1f %8d %10.1f%n", page.path(), times[requests / 2] / 1e6,
                    times[(int) Math.ceil(requests * 0.95) - 1] / 1e6,
                    times[(int) Math.ceil(requests * 0.99) - 1] / 1e6, size, cpu / 1e6 / requests);
        }
    }

    /**
     * What the service still has to do with the stored posts, counted in the store (empty once settled): posts not
     * yet announced (classified and published), posts triage has not marked processed, posts announced after the
     * SLA sweep's watermark (no clock yet), clocks whose next reminder or breach is over a minute late, and alerts
     * of the outbox due to be sent but not sent.
     */
    private static String backlog(ReactiveMongoTemplate mongo) {
        Instant now = Instant.now();
        long unannounced = count(mongo, "posts", new Document("announcedAt", null));
        long untriaged = count(mongo, "posts", new Document("processing.moderation", new Document("$exists", false)));
        Document mark = mongo.findById("posts", Document.class, "sla_sweep_state").block();
        Date swept = mark == null ? new Date(0) : mark.getDate("announcedUpTo");
        long unclocked = count(mongo, "posts", new Document("announcedAt", new Document("$gt", swept)));
        long late = count(mongo, "sla_clocks", new Document("state", "OPEN").append("nextActionAt",
                new Document("$lt", Date.from(now.minusSeconds(60)))));
        long outbox = count(mongo, "alerts", new Document("state", new Document("$in", List.of("PENDING",
                "SENDING"))).append("nextAttemptAt", new Document("$lte", Date.from(now))));
        StringBuilder left = new StringBuilder();
        for (Object[] part : new Object[][] {{"unannounced", unannounced}, {"untriaged", untriaged},
                {"unclocked", unclocked}, {"late clock steps", late}, {"outbox due", outbox}}) {
            if ((long) part[1] > 0) {
                left.append(left.isEmpty() ? "" : ", ").append(part[0]).append(' ').append(part[1]);
            }
        }
        return left.toString();
    }

    private static long count(ReactiveMongoTemplate mongo, String collection, Document filter) {
        return mongo.getCollection(collection).flatMap(c -> reactor.core.publisher.Mono.from(
                c.countDocuments(filter))).block();
    }

    /**
     * Writes the posts, their verdicts (a third flagged), their response clocks, alerts to the moderator and some
     * incidents straight into the store, as triage and the SLA module would have (importing through the API on a
     * machine this loaded takes longer than the measurement itself). The documents follow the modules' records.
     */
    private static void store(ReactiveMongoTemplate mongo, String school, String account, String moderator,
                              int posts) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        List<Document> postDocs = new ArrayList<>();
        List<Document> verdicts = new ArrayList<>();
        List<Document> clocks = new ArrayList<>();
        List<Document> alerts = new ArrayList<>();
        List<Document> incidents = new ArrayList<>();
        for (int i = 0; i < posts; i++) {
            String id = "bench-post-" + i;
            Date posted = Date.from(now.minusSeconds(60L * (i % 600)));
            boolean flagged = i % 3 == 0;
            String category = i % 6 == 0 ? "ABUSE" : "PROFANITY";
            postDocs.add(new Document("_id", id).append("schoolId", school).append("accountId", account)
                    .append("platform", "FACEBOOK").append("kind", "COMMENT").append("platformPostId", "b" + i)
                    .append("authorId", "a" + (i % 97)).append("authorHandle", "author" + (i % 97))
                    .append("text", flagged ? "you idiot number " + i : "Thank you for the update " + i)
                    .append("conversationId", "conv-" + (i % 200)).append("postedAt", posted)
                    .append("collectedAt", posted).append("updatedAt", posted).append("revision", 0L)
                    .append("history", List.of()).append("processing", new Document()));
            verdicts.add(new Document("_id", id).append("schoolId", school).append("accountId", account)
                    .append("platform", "FACEBOOK").append("kind", "COMMENT").append("platformPostId", "b" + i)
                    .append("postedAt", posted).append("collectedAt", posted).append("classifiedAt", posted)
                    .append("offensive", flagged).append("score", flagged ? 0.97 : 0.02)
                    .append("categories", flagged ? List.of(new Document("name", category).append("score", 0.97))
                            : List.of())
                    .append("severity", flagged ? (i % 6 == 0 ? "MEDIUM" : "LOW") : "NONE")
                    .append("safeguarding", false).append("suspectedIllegal", false)
                    .append("modelVersion", "bench").append("explanation", flagged ? List.of("idiot") : List.of())
                    .append("flagged", flagged).append("status", flagged ? "OPEN" : null).append("version", 0L)
                    .append("actions", List.of()).append("routedAt", posted));
            clocks.add(new Document("_id", "bench-clock-" + i).append("postId", id).append("schoolId", school)
                    .append("accountId", account).append("platform", "FACEBOOK").append("kind", "COMMENT")
                    .append("platformPostId", "b" + i).append("conversationId", "conv-" + (i % 200))
                    .append("receivedAt", posted).append("dueAt", Date.from(posted.toInstant().plusSeconds(86_400
                            - 3_600L * (i % 30))))
                    .append("state", "OPEN").append("remindersSent", List.of()).append("notices", List.of())
                    .append("createdAt", posted).append("version", 0L));
            if (flagged && i % 9 == 0) {
                alerts.add(new Document("_id", "bench-alert-" + i).append("dedupKey", "post:" + id + "|" + moderator
                        + "|EMAIL").append("schoolId", school).append("sourceKey", "post:" + id)
                        .append("channel", "EMAIL").append("recipientKey", moderator)
                        .append("recipientStaffId", moderator).append("recipientName", "Bench benchmod")
                        .append("reason", "moderator").append("subject", "Flagged comment on @bench")
                        .append("body", "A comment was flagged.").append("state", "SENT").append("attempts", 1)
                        .append("nextAttemptAt", posted).append("createdAt", posted).append("sentAt", posted));
            }
            if (flagged && i % 60 == 0) {
                incidents.add(new Document("_id", "INC-2026-9" + String.format("%05d", i))
                        .append("schoolId", school).append("sourceKey", "bench:" + i).append("category", "BULLYING")
                        .append("severity", "HIGH").append("status", "OPEN").append("postIds", List.of(id))
                        .append("notes", List.of()).append("trail", List.of(new Document("at", posted)
                                .append("actor", "benchmod").append("action", "opened").append("to", "OPEN")))
                        .append("version", 0L).append("createdAt", posted).append("createdBy", "benchmod"));
            }
        }
        // verdicts and clocks first: triage's and the SLA's sweeps pick up stored posts that have none
        mongo.insert(verdicts, "verdicts").blockLast();
        if (Boolean.getBoolean("bench.clocks")) {
            // off by default: the SLA module starts the clocks of stored posts itself, with all of its fields
            mongo.insert(clocks, "sla_clocks").blockLast();
        }
        mongo.insert(alerts, "alerts").blockLast();
        mongo.insert(incidents, "incidents").blockLast();
        mongo.insert(postDocs, "posts").blockLast();
    }

    private static WebClient client(String base, String user, String password) {
        return WebClient.builder().baseUrl(base).codecs(c -> c.defaultCodecs().maxInMemorySize(4 * 1024 * 1024))
                .defaultHeaders(h -> h.setBasicAuth(user, password)).build();
    }
}
