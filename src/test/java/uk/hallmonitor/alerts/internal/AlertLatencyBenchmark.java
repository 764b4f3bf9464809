package uk.hallmonitor.alerts.internal;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import uk.hallmonitor.HallmonitorApplication;
import uk.hallmonitor.alerts.Channel;
import uk.hallmonitor.moderation.internal.ModerationAppTestSupport;
import uk.hallmonitor.monitoring.PostKind;
import uk.hallmonitor.monitoring.internal.StoredPosts;
import uk.hallmonitor.system.Platform;

/**
 * Load program (run by hand, not a test): alert latency from "post stored" to "alert handed to its channel" under a
 * burst of posts, through the whole service on the embedded store with real SMTP (GreenMail) and the live feed.
 * The keyword classifier stands in for OpenNLP, so the figure is moderation's own cost, not the model's.
 *
 * <pre>mvn -B -o -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 * uptime; java -cp "target/test-classes:target/classes:$(cat target/cp.txt)" \
 *   uk.hallmonitor.alerts.internal.AlertLatencyBenchmark 10000; uptime</pre>
 *
 * Besides p50/p99 from post stored to alert handed over, it splits each alert's time at its {@code createdAt}:
 * before the alert is in the outbox (triage, routing, the record write) and from there to the channel.
 */
public final class AlertLatencyBenchmark {

    private AlertLatencyBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int posts = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        Path data = Files.createTempDirectory("hallmonitor-bench");
        GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        smtp.start();
        ConfigurableApplicationContext app = new SpringApplicationBuilder(HallmonitorApplication.class,
                ModerationAppTestSupport.Fakes.class)
                .run("--server.port=0", "--hallmonitor.store.data-dir=" + data,
                        "--hallmonitor.store.mongodb-uri=", "--hallmonitor.security.admin-password=bench-admin-1",
                        "--spring.mail.host=127.0.0.1", "--spring.mail.port=" + smtp.getSmtp().getPort(),
                        "--logging.level.root=warn");
        try {
            int port = Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
            WebClient admin = WebClient.builder().baseUrl("http://127.0.0.1:" + port)
                    .defaultHeaders(h -> h.setBasicAuth("admin", "bench-admin-1")).build();
            String school = (String) admin.post().uri("/api/v1/schools").bodyValue(Map.of("name", "Bench School"))
                    .retrieve().bodyToMono(Map.class).block().get("id");
            for (String role : List.of("MODERATOR", "MODERATOR", "DSL")) {
                String user = "b" + UUID.randomUUID().toString().substring(0, 8);
                admin.post().uri("/api/v1/staff").bodyValue(Map.of("schoolId", school, "name", user,
                        "email", user + "@bench.test", "username", user, "password", "pass-" + user + "1",
                        "roles", List.of(role))).retrieve().bodyToMono(Map.class).block();
            }

            ReactiveMongoTemplate mongo = app.getBean(ReactiveMongoTemplate.class);
            Map<String, Instant> storedAt = new ConcurrentHashMap<>();
            int flagged = 0;
            long started = System.nanoTime();
            for (int i = 0; i < posts; i++) {
                // one post in ten abusive, one in a hundred a threat: the rest are clean and alert nobody
                String text = i % 100 == 0 ? "I will hurt you " + i : i % 10 == 0 ? "idiot " + i : "thanks " + i;
                flagged += i % 10 == 0 ? 1 : 0;
                Instant now = Instant.now();
                String id = StoredPosts.store(app, new StoredPosts.Post(school, null, "w1", Platform.X,
                        PostKind.PUBLIC_MENTION, "x" + i, "a", "author", text, null, null, null, now));
                storedAt.put("post:" + id, now);
            }
            long published = System.nanoTime();
            // moderators: 2 emails + feed per flagged post; threats also email the DSL
            long expected = flagged * 3L + posts / 100;
            Query sent = Query.query(Criteria.where("state").in("SENT", "UNDELIVERABLE"));
            long deadline = System.currentTimeMillis() + Duration.ofMinutes(10).toMillis();
            while (mongo.count(sent, Alert.class).block() < expected && System.currentTimeMillis() < deadline) {
                Thread.sleep(1000); // each count reads the whole outbox on the embedded store: not too often
            }
            long done = System.nanoTime();
            List<Alert> alerts = Flux.from(mongo.find(new Query(), Alert.class)).collectList().block();
            Map<Channel, List<Long>> byChannel = new ConcurrentHashMap<>();
            List<Long> all = new ArrayList<>();
            List<Long> toRecorded = new ArrayList<>();
            List<Long> toSent = new ArrayList<>();
            for (Alert alert : alerts) {
                if (alert.sentAt() != null && storedAt.containsKey(alert.sourceKey())) {
                    long ms = Duration.between(storedAt.get(alert.sourceKey()), alert.sentAt()).toMillis();
                    all.add(ms);
                    // where the time goes: before the alert is in the outbox, and from the outbox to the channel
                    toRecorded.add(Duration.between(storedAt.get(alert.sourceKey()), alert.createdAt()).toMillis());
                    toSent.add(Duration.between(alert.createdAt(), alert.sentAt()).toMillis());
                    byChannel.computeIfAbsent(alert.channel(), c -> new ArrayList<>()).add(ms);
                }
            }
            System.out.printf("posts %d (flagged %d), alerts %d of %d expected, mails received %d%n", posts,
                    flagged, all.size(), expected, smtp.getReceivedMessages().length);
            System.out.printf("burst published in %d ms; all alerts handed over after %d ms%n",
                    (published - started) / 1_000_000, (done - started) / 1_000_000);
            System.out.println("all channels: " + percentiles(all));
            System.out.println("  post stored -> alert recorded: " + percentiles(toRecorded));
            System.out.println("  alert recorded -> handed over: " + percentiles(toSent));
            byChannel.forEach((channel, ms) -> System.out.println(channel + ": " + percentiles(ms)));
        } finally {
            app.close();
            smtp.stop();
        }
    }

    private static String percentiles(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        if (sorted.isEmpty()) {
            return "none";
        }
        return String.format("n=%d p50=%d ms p99=%d ms max=%d ms", sorted.size(), at(sorted, 0.50),
                at(sorted, 0.99), sorted.get(sorted.size() - 1));
    }

    private static long at(List<Long> sorted, double quantile) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(quantile * sorted.size()) - 1));
    }
}
