package uk.hallmonitor.alerts.internal;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.MimeMessage;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import uk.hallmonitor.moderation.internal.ModerationAppTestSupport;

/** "Send a test alert" through {@code POST /api/v1/moderation/settings/{schoolId}/test-alert}. */
class TestAlertTests extends ModerationAppTestSupport {

    @Test
    @SuppressWarnings("unchecked")
    void aTestAlertGoesToEachChannelAtOnceAndSaysWhichOneRefusedIt() throws Exception {
        String school = newSchool();
        Person slt = newStaff(school, "SLT");
        webhooks(slt, school);
        hooks.stubFor(post(urlEqualTo("/teams/" + school)).willReturn(aResponse().withStatus(200)));
        hooks.stubFor(post(urlEqualTo("/slack/" + school)).willReturn(aResponse().withStatus(404)));
        // the first request WireMock serves in a JVM can outlast the 2 s send timeout on a loaded machine
        java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(hooks.baseUrl() + "/warm-up")).build(),
                java.net.http.HttpResponse.BodyHandlers.discarding());

        Map<String, Object> answer = as(slt).post().uri("/api/v1/moderation/settings/{s}/test-alert", school)
                .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();

        List<Map<String, Object>> results = (List<Map<String, Object>>) answer.get("results");
        assertThat(results).as("results %s", results).extracting(r -> r.get("channel") + ":" + r.get("sent"))
                .containsExactly("TEAMS:true", "SLACK:false", "EMAIL:true");
        assertThat(results.get(1).get("detail")).asString().contains("404");
        hooks.verify(1, postRequestedFor(urlEqualTo("/teams/" + school)));
        MimeMessage[] received = mail.getReceivedMessages();
        assertThat(Arrays.stream(received).anyMatch(message -> {
            try {
                return message.getAllRecipients()[0].toString().equals(slt.username() + "@school.test")
                        && message.getSubject().startsWith("Hallmonitor test alert");
            } catch (jakarta.mail.MessagingException e) {
                return false;
            }
        })).isTrue();
    }

    @Test
    void onlySltOrAnAdministratorSendsATestAlert() {
        String school = newSchool();
        Person moderator = newStaff(school, "MODERATOR");
        as(moderator).post().uri("/api/v1/moderation/settings/{s}/test-alert", school).exchange()
                .expectStatus().isForbidden();
    }
}
