package uk.hallmonitor.vault.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.mongodb.autoconfigure.MongoConnectionDetails;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import uk.hallmonitor.AppTestSupport;
import uk.hallmonitor.HallmonitorApplication;

/**
 * A second instance of the service started on the same database with a different master key: it starts, says
 * clearly that the key does not match, keeps everything outside the vault working, and changes nothing.
 */
class WrongMasterKeyTests extends AppTestSupport {

    @Autowired
    MongoConnectionDetails store;

    @Test
    void aServiceWithTheWrongMasterKeyStartsLocksTheVaultAndKeepsEverythingElseWorking() throws Exception {
        ActiveAccount account = activeAccount("X", "3001", null);
        admin().put().uri("/api/v1/accounts/{id}/credentials/password", account.accountId())
                .bodyValue(Map.of("secret", "Right2026-key")).exchange().expectStatus().isNoContent();

        try (ConfigurableApplicationContext wrong = new SpringApplicationBuilder(HallmonitorApplication.class)
                // command-line arguments, which outrank application.yml (default properties would not)
                .run("--server.port=0",
                        "--hallmonitor.store.mongodb-uri=" + store.getConnectionString().getConnectionString(),
                        "--hallmonitor.store.data-dir=" + Files.createTempDirectory("wrong-key"),
                        "--hallmonitor.security.admin-password=" + ADMIN_PASSWORD,
                        "--hallmonitor.vault.master-key=" + LocalMasterKey.newKeyJson().replaceAll("\\s+", ""))) {
            WebTestClient other = WebTestClient.bindToServer()
                    .baseUrl("http://127.0.0.1:" + wrong.getEnvironment().getProperty("local.server.port"))
                    .responseTimeout(Duration.ofSeconds(60))
                    .defaultHeaders(h -> h.setBasicAuth("admin", ADMIN_PASSWORD)).build();

            other.get().uri("/actuator/health").exchange().expectStatus().isOk()
                    .expectBody().jsonPath("$.status").isEqualTo("UP");
            other.get().uri("/api/v1/schools").exchange().expectStatus().isOk();
            other.get().uri("/api/v1/vault/status").exchange().expectStatus().isOk()
                    .expectBody().jsonPath("$.state").isEqualTo("LOCKED")
                    .jsonPath("$.reason").value(r -> assertThat((String) r).contains("does not match"));
            other.post().uri("/api/v1/accounts/{id}/credentials/password/reveal", account.accountId())
                    .bodyValue(Map.of("reason", "check")).exchange()
                    .expectStatus().isEqualTo(503)
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().jsonPath("$.detail").value(d -> assertThat((String) d)
                            .contains("master key does not match"));
            other.put().uri("/api/v1/accounts/{id}/credentials/password", account.accountId())
                    .bodyValue(Map.of("secret", "Overwrite2026")).exchange().expectStatus().isEqualTo(503);
            other.get().uri("/api/v1/accounts/{id}/credentials", account.accountId()).exchange()
                    .expectStatus().isOk().expectBody().jsonPath("$.total").isEqualTo(1);
            other.post().uri("/api/v1/schools").bodyValue(Map.of("name", "Still Works Primary")).exchange()
                    .expectStatus().isCreated();
        }

        admin().post().uri("/api/v1/accounts/{id}/credentials/password/reveal", account.accountId())
                .bodyValue(Map.of("reason", "still readable with the right key")).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.secret").isEqualTo("Right2026-key");
    }
}
