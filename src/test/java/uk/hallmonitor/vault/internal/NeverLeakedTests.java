package uk.hallmonitor.vault.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.bson.Document;
import org.bson.types.Binary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Mono;
import uk.hallmonitor.AppTestSupport;
import uk.hallmonitor.vault.KeyRotationStatus;
import uk.hallmonitor.vault.SecretUse;

/**
 * R3's promise that a secret never leaks: known secrets go through every path (store, rotate, list, reveal,
 * break-glass, refused and failed reveals, bad input, key rotation, connector use, actuator, audit), with DEBUG
 * logging on for {@code uk.hallmonitor}; then the whole database, every captured log line and every response other
 * than a successful reveal are searched for them (as text and as base64) and none is found.
 */
@ExtendWith(OutputCaptureExtension.class)
class NeverLeakedTests extends AppTestSupport {

    @Autowired
    ReactiveMongoTemplate mongo;

    @Autowired
    SecretUse secretUse;

    private final List<String> responses = new ArrayList<>();

    @Test
    void noSecretAppearsInTheDatabaseLogsOrAnyAnswerButAReveal(CapturedOutput output) throws Exception {
        LoggingSystem logging = LoggingSystem.get(getClass().getClassLoader());
        logging.setLogLevel("uk.hallmonitor", LogLevel.DEBUG);
        try {
            exerciseEveryPath();
        } finally {
            logging.setLogLevel("uk.hallmonitor", null);
        }

        String database = exportDatabase();
        String logs = output.getAll();
        assertThat(database).contains("credentials").contains("vault_keysets").contains("credential.revealed");
        assertThat(logs).contains("credential.stored").contains("handing 2 secret(s)");
        for (String secret : secrets) {
            String base64 = Base64.getEncoder().encodeToString(secret.getBytes(StandardCharsets.UTF_8));
            assertThat(database).as("database export").doesNotContain(secret).doesNotContain(base64);
            assertThat(logs).as("captured logs").doesNotContain(secret).doesNotContain(base64);
            assertThat(responses).as("responses").noneMatch(body -> body.contains(secret) || body.contains(base64));
        }
    }

    private final String password = "Pw-" + UUID.randomUUID() + "-1";
    private final String newPassword = "Pw-" + UUID.randomUUID() + "-2";
    private final String bearer = "Bearer-" + UUID.randomUUID();
    private final String refresh = "Refresh-" + UUID.randomUUID();
    private final String recovery = "Recovery-" + UUID.randomUUID();
    private final String seed = "SEED" + UUID.randomUUID().toString().replace("-", "").toUpperCase();
    private final String tampered = "Tampered-" + UUID.randomUUID();
    private final String malformed = "Malformed-" + UUID.randomUUID();
    private final String oversized = "Oversized-" + UUID.randomUUID();
    private final List<String> secrets = List.of(password, newPassword, bearer, refresh, recovery, seed, tampered,
            malformed, oversized);

    private void exerciseEveryPath() throws InterruptedException {
        ActiveAccount account = activeAccount("X", "2001", null);
        ActiveAccount other = activeAccount("X", "2002", null);
        Person head = newStaff(account.schoolId(), "HEADTEACHER");
        // break-glass opens a day after the role is granted: exercise the reveal path, not only its refusal
        clock.advance(java.time.Duration.ofHours(25));
        String base = "/api/v1/accounts/" + account.accountId() + "/credentials/";

        // store, including a credential rotation of the password
        send(admin().put().uri(base + "password").bodyValue(Map.of("secret", password)).exchange());
        send(admin().put().uri(base + "password").bodyValue(Map.of("secret", newPassword)).exchange());
        send(admin().put().uri(base + "bearerToken").bodyValue(Map.of("secret", bearer)).exchange());
        send(admin().put().uri(base + "refreshToken").bodyValue(Map.of("secret", refresh)).exchange());
        send(admin().put().uri(base + "recoveryCodes")
                .bodyValue(Map.of("secret", recovery, "kind", "RECOVERY_CODES")).exchange());
        send(admin().put().uri(base + "totpSeed").bodyValue(Map.of("secret", seed, "kind", "TWO_FACTOR_SEED"))
                .exchange());
        send(admin().put().uri(base + "spare").bodyValue(Map.of("secret", tampered)).exchange());

        // list
        send(admin().get().uri("/api/v1/accounts/{id}/credentials", account.accountId()).exchange());
        send(as(account.runner1()).get().uri("/api/v1/accounts/{id}/credentials", account.accountId()).exchange());

        // reveals that succeed: their answers are the one place a secret may appear, so they are not collected
        admin().post().uri(base + "password/reveal").bodyValue(Map.of("reason", "leak test")).exchange()
                .expectStatus().isOk();
        as(head).post().uri(base + "bearerToken/reveal").bodyValue(Map.of("reason", "break glass")).exchange()
                .expectStatus().isOk();

        // reveals that fail
        send(admin().post().uri(base + "password/reveal").bodyValue(Map.of()).exchange());
        send(as(account.runner1()).post().uri(base + "password/reveal").bodyValue(Map.of("reason", "x")).exchange());
        send(as(other.slt()).post().uri(base + "password/reveal").bodyValue(Map.of("reason", "x")).exchange());
        mongo.getCollection("credentials").flatMap(c -> Mono.from(c.updateOne(
                new Document("_id", account.accountId() + "/spare"),
                new Document("$set", new Document("ciphertext", new Binary(new byte[] {1, 2, 3, 4, 5, 6, 7}))))))
                .block();
        send(admin().post().uri(base + "spare/reveal").bodyValue(Map.of("reason", "tampered")).exchange());

        // bad input carrying secrets
        send(admin().put().uri(base + "password").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"secret\": " + malformed + "}").exchange());
        send(admin().put().uri(base + "password").bodyValue(Map.of("secret", oversized + "x".repeat(70_000)))
                .exchange());
        send(admin().put().uri(base + "password").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"secret\": [\"" + malformed + "\"]}").exchange());

        // key rotation, to the end
        KeyRotationStatus started = admin().post().uri("/api/v1/vault/key-rotations").exchange()
                .expectStatus().isAccepted().expectBody(KeyRotationStatus.class).returnResult().getResponseBody();
        await().atMost(Duration.ofMinutes(1)).until(() -> {
            EntityExchangeResult<byte[]> progress = admin().get().uri("/api/v1/vault/key-rotations/{id}",
                    started.id()).exchange().expectBody().returnResult();
            responses.add(new String(progress.getResponseBodyContent(), StandardCharsets.UTF_8));
            return !responses.get(responses.size() - 1).contains("RUNNING");
        });
        assertThat(responses.get(responses.size() - 1)).as("the key rotation ran to the end").contains("COMPLETED");

        // a connector's use, just in time
        Integer handed = secretUse.withSecrets(account.accountId(), Set.of("bearerToken", "refreshToken"),
                secrets -> Mono.just(secrets.size())).block();
        assertThat(handed).isEqualTo(2);

        // everything else that could show state
        send(admin().get().uri("/api/v1/vault/status").exchange());
        send(admin().get().uri("/api/v1/audit?size=500").exchange());
        send(admin().get().uri("/api/v1/accounts/{id}", account.accountId()).exchange());
        send(web.get().uri("/actuator/health").exchange());
        send(admin().get().uri("/actuator/prometheus").exchange());
        send(admin().get().uri("/actuator/info").exchange());
        send(admin().get().uri("/actuator/env").exchange());
        send(admin().get().uri("/v3/api-docs").exchange());
        send(admin().get().uri("/api/v1/accounts/{id}/credentials/nothing-here", account.accountId()).exchange());
    }

    private void send(WebTestClient.ResponseSpec response) {
        byte[] body = response.expectBody().returnResult().getResponseBodyContent();
        responses.add(body == null ? "" : new String(body, StandardCharsets.UTF_8));
    }

    private String exportDatabase() {
        return mongo.getCollectionNames()
                .concatMap(name -> mongo.findAll(Document.class, name).map(doc -> name + " " + doc.toJson()))
                .collectList()
                .map(lines -> String.join("\n", lines))
                .block(Duration.ofMinutes(2));
    }
}
