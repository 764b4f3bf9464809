package uk.hallmonitor.system.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import uk.hallmonitor.AppTestSupport;

/** Inputs that used to end in a 500 or an empty answer get a problem body with a 4xx status. */
class ProblemBodyTests extends AppTestSupport {

    @Value("${local.server.port}")
    int port;

    @Test
    void aCommentImportNested100kDeepIsA400NotA500() {
        ActiveAccount account = activeAccount("FACEBOOK", "fb-deep-1", null);
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        as(account.runner1()).post().uri("/api/v1/accounts/{id}/imports?fileName=comments.json", account.accountId())
                .contentType(MediaType.APPLICATION_JSON).bodyValue(deep.getBytes())
                .exchange().expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.detail").value(d -> assertThat((String) d).contains("nested too deeply"));
    }

    @Test
    void formsOfTwoAndTwentyMegabytesAre413Problems() {
        String school = newSchool();
        Person applicant = newCurrentStaff(school, "STAFF");
        for (int megabytes : new int[] {2, 20}) {
            String form = "platform=X&handle=" + "a".repeat(megabytes * 1024 * 1024);
            as(applicant).post().uri("/ui/applications").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                    .bodyValue(form).exchange().expectStatus().isEqualTo(413)
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().jsonPath("$.status").isEqualTo(413);
        }
    }

    @Test
    void theServersOwnRefusalsOfLongUrlsAndHeadersCarryAProblemBody() throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(30)).build();
        String basic = "Basic " + java.util.Base64.getEncoder().encodeToString(("admin:" + ADMIN_PASSWORD).getBytes());
        HttpResponse<String> longUrl = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/api/v1/schools?q=" + "x".repeat(10_000))).header("Authorization", basic).build(),
                HttpResponse.BodyHandlers.ofString());
        assertProblem(longUrl, 414);
        HttpResponse<String> longHeader = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/api/v1/schools")).header("Authorization", basic).header("X-Long", "y".repeat(20_000)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertProblem(longHeader, 431);
        HttpResponse<String> badId = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/api/v1/schools/%25zz%00")).header("Authorization", basic).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(badId.statusCode()).isBetween(400, 499);
        assertProblem(badId, badId.statusCode());
    }

    @Test
    void aMissingCsrfTokenIsAProblemToo() {
        web.post().uri("/api/v1/schools").contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("name", "x"))
                .exchange().expectStatus().isForbidden()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    private static void assertProblem(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.body()).contains("\"status\":" + status).contains("\"detail\"");
    }
}
