package uk.hallmonitor.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import uk.hallmonitor.HallmonitorApplication;

/**
 * The offline {@code audit-verify} command reads the embedded store directly and finds what someone with database
 * access did while the service was stopped: an entry edited with its SHA-256 link recomputed, and the tail cut off.
 */
class AuditVerifyCommandTests {

    private static final String PASSWORD = "audit-pass-1";

    @TempDir
    Path data;

    @Test
    void aRewriteWithRecomputedHashesAndATruncatedTailAreBothReported() throws Exception {
        try (ConfigurableApplicationContext app = start()) {
            WebTestClient admin = client(app);
            for (int i = 0; i < 6; i++) {
                admin.post().uri("/api/v1/schools").bodyValue(Map.of("name", "Verify School " + i)).exchange()
                        .expectStatus().isCreated();
            }
            admin.get().uri("/api/v1/audit/verify").exchange().expectStatus().isOk()
                    .expectBody().jsonPath("$.valid").isEqualTo(true).jsonPath("$.anchor.matches").isEqualTo(true);
        }
        assertThat(Files.exists(data.resolve("audit.key"))).isTrue();
        assertThat(Files.readString(data.resolve("audit.anchor"))).isNotBlank();
        Run clean = verify();
        assertThat(clean.exit()).as(clean.out() + clean.err()).isZero();
        assertThat(clean.out()).contains("audit chain OK");

        // someone with the database: edit entry 2 and recompute every later link as the old unkeyed chain did,
        // then remove the last two entries
        try (ConfigurableApplicationContext store = new SpringApplicationBuilder(HallmonitorApplication.class)
                .web(org.springframework.boot.WebApplicationType.NONE).run(settings().toArray(String[]::new))) {
            ReactiveMongoTemplate mongo = store.getBean(ReactiveMongoTemplate.class);
            List<Document> entries = mongo.getCollection("audit_entries")
                    .flatMapMany(c -> Flux.from(c.find().sort(new Document("seq", 1)))).collectList().block();
            long last = entries.get(entries.size() - 1).get("seq", Number.class).longValue();
            String prev = entries.get(0).getString("hash");
            List<Document> rewritten = new ArrayList<>();
            for (Document e : entries.subList(1, entries.size())) {
                if (e.get("seq", Number.class).longValue() == 2) {
                    e.put("actor", "someone else");
                }
                e.put("prevHash", prev);
                e.remove("version");
                e.put("hash", Sha256Link.of(e));
                prev = e.getString("hash");
                rewritten.add(e);
            }
            for (Document e : rewritten) {
                mongo.getCollection("audit_entries").flatMap(c -> Mono.from(c.replaceOne(
                        new Document("_id", e.get("_id")), e))).block();
            }
            mongo.getCollection("audit_entries").flatMap(c -> Mono.from(c.deleteMany(
                    new Document("seq", new Document("$gt", last - 2))))).block();
        }

        Run broken = verify();
        assertThat(broken.exit()).as(broken.out() + broken.err()).isEqualTo(1);
        assertThat(broken.out()).contains("audit chain BROKEN").contains("unkeyed").contains("truncated")
                .contains("DOES NOT MATCH");
    }

    /** The original unkeyed link, as someone with the database could recompute it. */
    static final class Sha256Link {
        static String of(Document e) throws Exception {
            var digest = java.security.MessageDigest.getInstance("SHA-256");
            for (Object part : new Object[] {e.get("seq", Number.class).longValue(),
                    ((java.util.Date) e.get("at")).getTime(), e.get("actor"), e.get("action"), e.get("schoolId"),
                    e.get("subjectType"), e.get("subjectId"), e.get("before"), e.get("after"), e.get("prevHash")}) {
                byte[] bytes = part == null ? new byte[0] : part.toString().getBytes(StandardCharsets.UTF_8);
                digest.update(Integer.toString(part == null ? -1 : bytes.length).getBytes(StandardCharsets.UTF_8));
                digest.update((byte) ':');
                digest.update(bytes);
            }
            return java.util.HexFormat.of().formatHex(digest.digest());
        }
    }

    private record Run(int exit, String out, String err) {
    }

    private Run verify() {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream outText = new ByteArrayOutputStream();
        ByteArrayOutputStream errText = new ByteArrayOutputStream();
        int exit;
        try {
            System.setOut(new PrintStream(outText, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(errText, true, StandardCharsets.UTF_8));
            exit = AuditCommands.verify(settings().toArray(String[]::new));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        return new Run(exit, outText.toString(StandardCharsets.UTF_8), errText.toString(StandardCharsets.UTF_8));
    }

    private List<String> settings() {
        return List.of("--hallmonitor.store.data-dir=" + data, "--hallmonitor.store.mongodb-uri=",
                "--hallmonitor.security.admin-password=" + PASSWORD, "--hallmonitor.reports.deliver=false");
    }

    private ConfigurableApplicationContext start() {
        List<String> args = new ArrayList<>(settings());
        args.add("--server.port=0");
        return new SpringApplicationBuilder(HallmonitorApplication.class).run(args.toArray(String[]::new));
    }

    private static WebTestClient client(ConfigurableApplicationContext context) {
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + port)
                .responseTimeout(Duration.ofSeconds(60))
                .defaultHeaders(h -> h.setBasicAuth("admin", PASSWORD)).build();
    }
}
