package uk.hallmonitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Data written before a clean shutdown is there after a restart on the same data folder. */
class RestartPersistenceTests {

    @TempDir
    Path data;

    @Test
    void schoolsStaffAndTheAuditChainSurviveARestart() {
        String schoolId;
        try (ConfigurableApplicationContext first = start()) {
            WebTestClient client = client(first);
            schoolId = (String) client.post().uri("/api/v1/schools").bodyValue(Map.of("name", "Restart Academy"))
                    .exchange().expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody()
                    .get("id");
            client.post().uri("/api/v1/staff").bodyValue(Map.of("schoolId", schoolId, "name", "Kept Person",
                    "email", "k@p.test", "username", "kept", "password", "kept-pass-1", "roles", List.of("SLT")))
                    .exchange().expectStatus().isCreated();
        }
        try (ConfigurableApplicationContext second = start()) {
            WebTestClient client = client(second);
            client.get().uri("/api/v1/schools/{id}", schoolId).exchange().expectStatus().isOk()
                    .expectBody().jsonPath("$.name").isEqualTo("Restart Academy");
            // the person can still log in: the password hash survived too
            WebTestClient kept = client.mutate().defaultHeaders(h -> h.setBasicAuth("kept", "kept-pass-1")).build();
            kept.get().uri("/api/v1/staff/me").exchange().expectStatus().isOk()
                    .expectBody().jsonPath("$.name").isEqualTo("Kept Person");
            client.get().uri("/api/v1/audit/verify").exchange().expectStatus().isOk()
                    .expectBody().jsonPath("$.valid").isEqualTo(true)
                    .jsonPath("$.entries").value(n -> assertThat(((Number) n).intValue()).isGreaterThanOrEqualTo(2));
        }
    }

    private ConfigurableApplicationContext start() {
        // command-line arguments, because application.yml's own values outrank default properties
        return new SpringApplicationBuilder(HallmonitorApplication.class)
                .run("--server.port=0", "--hallmonitor.store.data-dir=" + data, "--hallmonitor.store.mongodb-uri=",
                        "--hallmonitor.security.admin-password=restart-pass-1");
    }

    private static WebTestClient client(ConfigurableApplicationContext context) {
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + port)
                .responseTimeout(java.time.Duration.ofSeconds(60))
                .defaultHeaders(h -> h.setBasicAuth("admin", "restart-pass-1")).build();
    }
}
