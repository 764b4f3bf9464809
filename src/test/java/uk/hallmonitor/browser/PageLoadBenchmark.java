package uk.hallmonitor.browser;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import uk.hallmonitor.HallmonitorApplication;

/**
 * Load program (run by hand, not a test): response times of the moderation, alerts, SLA, incident and home pages
 * with 5,000 posts in the store (a third of them flagged), through the whole service on the embedded store. Posts
 * arrive through the comment import endpoint and are triaged by the keyword classifier, so the store holds what
 * production would: posts, verdicts, clocks and alerts. Each page is requested sequentially (after a warm-up) by a
 * moderator who is also the DSL, and p50/p95/p99 are printed.
 *
 * <pre>mvn -B -o -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 * uptime; java -Xmx512m -cp "target/test-classes:target/classes:$(cat target/cp.txt)" \
 *   uk.hallmonitor.browser.PageLoadBenchmark 5000 200; uptime</pre>
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
            for (int from = 0; from < posts; from += 500) {
                StringBuilder csv = new StringBuilder("id,author,text,postedAt\n");
                for (int i = from; i < Math.min(posts, from + 500); i++) {
                    String text = i % 6 == 0 ? "you idiot number " + i : i % 6 == 1 ? "damn spam offer " + i
                            : i % 50 == 2 ? "I will hurt you " + i : "Thank you for the update " + i;
                    csv.append("b").append(i).append(",author").append(i % 97).append(',').append(text)
                            .append(',')
                            .append(java.time.Instant.now().minusSeconds(60L * (i % 600)).truncatedTo(
                                    java.time.temporal.ChronoUnit.SECONDS)).append('\n');
                }
                moderator.post().uri("/api/v1/accounts/{id}/imports?fileName=bench.csv", account)
                        .contentType(MediaType.parseMediaType("text/csv")).bodyValue(csv.toString().getBytes())
                        .retrieve().toBodilessEntity().block(Duration.ofMinutes(5));
            }
            long verdicts = 0;
            while (verdicts < posts) {
                Thread.sleep(2000);
                Map<String, Object> page = moderator.get().uri("/api/v1/posts?size=1").retrieve()
                        .bodyToMono(Map.class).block();
                verdicts = ((Number) page.get("total")).longValue();
                System.out.printf("classified %d of %d%n", verdicts, posts);
            }
            System.out.printf("loaded and classified %d posts in %.1f s%n", posts,
                    (System.nanoTime() - loading) / 1e9);
            Map<String, Object> flagged = moderator.get().uri("/api/v1/posts?flagged=true&size=1").retrieve()
                    .bodyToMono(Map.class).block();
            String onePost = (String) ((List<Map<String, Object>>) flagged.get("items")).get(0).get("id");
            System.out.printf("flagged: %s%n", flagged.get("total"));

            List<String> pages = List.of("/", "/ui/moderation", "/ui/moderation?severity=MEDIUM&due=DAY",
                    "/ui/moderation/posts/" + onePost, "/ui/alerts", "/ui/sla", "/ui/incidents");
            System.out.printf("%-45s %8s %8s %8s %8s%n", "page", "p50 ms", "p95 ms", "p99 ms", "bytes");
            for (String path : pages) {
                for (int i = 0; i < 20; i++) {
                    moderator.get().uri(path).retrieve().bodyToMono(String.class).block();
                }
                long[] times = new long[requests];
                int size = 0;
                for (int i = 0; i < requests; i++) {
                    long start = System.nanoTime();
                    String body = moderator.get().uri(path).retrieve().bodyToMono(String.class).block();
                    times[i] = System.nanoTime() - start;
                    size = body == null ? 0 : body.length();
                }
                java.util.Arrays.sort(times);
                System.out.printf("%-45s %8.1f %8.1f %8.1f %8d%n", path, times[requests / 2] / 1e6,
                        times[(int) Math.ceil(requests * 0.95) - 1] / 1e6,
                        times[(int) Math.ceil(requests * 0.99) - 1] / 1e6, size);
            }
        } finally {
            app.close();
        }
    }

    private static WebClient client(String base, String user, String password) {
        return WebClient.builder().baseUrl(base).codecs(c -> c.defaultCodecs().maxInMemorySize(4 * 1024 * 1024))
                .defaultHeaders(h -> h.setBasicAuth(user, password)).build();
    }
}
