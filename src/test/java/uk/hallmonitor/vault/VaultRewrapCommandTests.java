package uk.hallmonitor.vault;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.web.reactive.server.WebTestClient;
import uk.hallmonitor.HallmonitorApplication;
import uk.hallmonitor.vault.internal.LocalMasterKey;

/**
 * {@code vault-rewrap} as an operator runs it, against the embedded store on disk while the service is stopped:
 * a wrong old key is refused and changes nothing; the right one gives a new key that the restarted service uses to
 * decrypt what was stored before.
 */
class VaultRewrapCommandTests {

    private static final String PASSWORD = "rewrap-pass-1";

    @TempDir
    Path data;

    @Test
    void theServiceDecryptsEverySecretWithTheNewKeyAfterARewrapAndAWrongOldKeyChangesNothing() throws Exception {
        String accountId;
        try (ConfigurableApplicationContext first = start()) {
            WebTestClient admin = client(first);
            accountId = account(admin);
            for (String name : List.of("password", "bearerToken", "refreshToken")) {
                admin.put().uri("/api/v1/accounts/{id}/credentials/{name}", accountId, name)
                        .bodyValue(Map.of("secret", name + "-Before-rewrap-1")).exchange().expectStatus().isNoContent();
            }
        }
        Path keyFile = data.resolve("master.key");
        String oldKey = Files.readString(keyFile);
        Path wrongKey = data.resolve("wrong.key");
        Files.writeString(wrongKey, LocalMasterKey.newKeyJson());

        Run refused = command("--old-key-file", wrongKey.toString(), "--new-key-file",
                data.resolve("never.key").toString());
        assertThat(refused.exit()).isEqualTo(2);
        assertThat(refused.err()).contains("does not match the keyset stored in the database")
                .contains("nothing was changed");
        assertThat(Files.readString(keyFile)).isEqualTo(oldKey);
        assertThat(Files.exists(data.resolve("never.key"))).isFalse();

        Run done = command();
        assertThat(done.exit()).as(done.err()).isZero();
        assertThat(done.out()).contains("sealed by the new master key").contains("before-rewrap");
        assertThat(Files.readString(keyFile)).isNotEqualTo(oldKey);

        try (ConfigurableApplicationContext second = start()) {
            WebTestClient admin = client(second);
            admin.get().uri("/api/v1/vault/status").exchange().expectStatus().isOk()
                    .expectBody().jsonPath("$.state").isEqualTo("OPEN");
            for (String name : List.of("password", "bearerToken", "refreshToken")) {
                admin.post().uri("/api/v1/accounts/{id}/credentials/{name}/reveal", accountId, name)
                        .bodyValue(Map.of("reason", "after the rewrap")).exchange().expectStatus().isOk()
                        .expectBody().jsonPath("$.secret").isEqualTo(name + "-Before-rewrap-1");
            }
        }
    }

    private record Run(int exit, String out, String err) {
    }

    /** Runs the command as the launcher would, with the store settings on its command line. */
    private Run command(String... options) {
        List<String> args = new java.util.ArrayList<>(List.of(options));
        args.addAll(settings());
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream outText = new ByteArrayOutputStream();
        ByteArrayOutputStream errText = new ByteArrayOutputStream();
        int exit;
        try {
            System.setOut(new PrintStream(outText, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(errText, true, StandardCharsets.UTF_8));
            exit = VaultCommands.rewrap(args.toArray(String[]::new));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        return new Run(exit, outText.toString(StandardCharsets.UTF_8), errText.toString(StandardCharsets.UTF_8));
    }

    private List<String> settings() {
        return List.of("--hallmonitor.store.data-dir=" + data, "--hallmonitor.store.mongodb-uri=",
                "--hallmonitor.security.admin-password=" + PASSWORD);
    }

    private ConfigurableApplicationContext start() {
        List<String> args = new java.util.ArrayList<>(settings());
        args.add("--server.port=0");
        return new SpringApplicationBuilder(HallmonitorApplication.class).run(args.toArray(String[]::new));
    }

    private static WebTestClient client(ConfigurableApplicationContext context) {
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + port)
                .responseTimeout(Duration.ofSeconds(60))
                .defaultHeaders(h -> h.setBasicAuth("admin", PASSWORD)).build();
    }

    /** A school account, made the way a school makes one: an application approved by SLT. */
    @SuppressWarnings("unchecked")
    private static String account(WebTestClient admin) {
        String school = (String) admin.post().uri("/api/v1/schools").bodyValue(Map.of("name", "Rewrap Academy"))
                .exchange().expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody()
                .get("id");
        String runner = staff(admin, school, "runner", "STAFF");
        String second = staff(admin, school, "second", "STAFF");
        String slt = staff(admin, school, "leader", "SLT");
        String today = LocalDate.now().minusDays(10).toString();
        for (String id : List.of(runner, second, slt)) {
            admin.post().uri("/api/v1/staff/{id}/acknowledgements", id)
                    .bodyValue(Map.of("policyVersion", "2026", "signedOn", today)).exchange().expectStatus()
                    .isCreated();
            admin.post().uri("/api/v1/staff/{id}/training", id)
                    .bodyValue(Map.of("course", "Social media safety", "completedOn", today)).exchange()
                    .expectStatus().isCreated();
        }
        WebTestClient applicant = admin.mutate().defaultHeaders(h -> h.setBasicAuth("runner", "runner-pass-1")).build();
        String application = (String) applicant.post().uri("/api/v1/applications").bodyValue(Map.of("schoolId", school,
                "platform", "X", "handle", "@rewrap", "aim", "News for parents", "audience", "Parents",
                "promotion", "Newsletter", "runnerIds", List.of(runner, second), "visibility", "OPEN"))
                .exchange().expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody().get("id");
        applicant.post().uri("/api/v1/applications/{id}/submit", application).exchange().expectStatus().isOk();
        admin.mutate().defaultHeaders(h -> h.setBasicAuth("leader", "leader-pass-1")).build()
                .post().uri("/api/v1/applications/{id}/approve", application).bodyValue(Map.of()).exchange()
                .expectStatus().isOk();
        Map<String, Object> page = admin.get().uri("/api/v1/accounts?schoolId={s}", school).exchange()
                .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        return (String) ((List<Map<String, Object>>) page.get("items")).get(0).get("id");
    }

    @SuppressWarnings("unchecked")
    private static String staff(WebTestClient admin, String school, String username, String role) {
        return (String) admin.post().uri("/api/v1/staff").bodyValue(Map.of("schoolId", school,
                "name", "Person " + username, "email", username + "@school.test", "username", username,
                "password", username + "-pass-1", "roles", List.of(role)))
                .exchange().expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody().get("id");
    }
}
