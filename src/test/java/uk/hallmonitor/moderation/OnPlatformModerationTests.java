package uk.hallmonitor.moderation;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import uk.hallmonitor.system.Platform;

/**
 * A moderator's HIDE through the REST API is carried out on Facebook, Instagram and YouTube by their connectors
 * (against fakes of the Graph API and the YouTube Data API), and the action records {@code ON_PLATFORM}.
 */
class OnPlatformModerationTests extends ModerationAppTestSupport {

    static WireMockServer platforms;

    @BeforeAll
    static void start() {
        platforms = new WireMockServer(WireMockConfiguration.wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
        platforms.start();
        // polls of these accounts find nothing new; the moderation calls answer as the platforms document
        platforms.stubFor(any(urlPathMatching("/.*")).atPriority(10).willReturn(aResponse().withStatus(200)
                .withBody("{\"data\":[],\"items\":[]}")));
        platforms.stubFor(post(urlPathMatching("/v23\\.0/x-.*")).willReturn(aResponse().withStatus(200)
                .withBody("{\"success\":true}")));
        platforms.stubFor(post(urlPathEqualTo("/oauth2/v4/token")).willReturn(aResponse().withStatus(200)
                .withBody("{\"access_token\":\"ya29.fake\",\"expires_in\":3599,\"token_type\":\"Bearer\"}")));
        MappingBuilder moderate = post(urlPathEqualTo("/youtube/v3/comments/setModerationStatus"));
        platforms.stubFor(moderate.willReturn(aResponse().withStatus(204)));
    }

    @AfterAll
    static void stop() {
        platforms.stop();
    }

    @ParameterizedTest
    @CsvSource(textBlock = """
            FACEBOOK,  104857321098765,     pageAccessToken,   is_hidden=true
            INSTAGRAM, 17841400008460056,   pageAccessToken,   hide=true
            YOUTUBE,   UCoakfieldPrimary01, oauthRefreshToken, moderationStatus=heldForReview
            """)
    void hidingACommentThroughTheApiHidesItOnThePlatform(String platform, String platformAccountId, String secret,
                                                        String sent) {
        ActiveAccount school = activeAccount(platform, platformAccountId, platforms.baseUrl());
        Map<String, String> secrets = platform.equals("YOUTUBE")
                ? Map.of(secret, "1//0grefresh", "clientId", "123.apps.googleusercontent.com", "clientSecret", "GOCSPX")
                : Map.of(secret, "EAAGfakePageToken");
        secrets.forEach((name, value) -> admin().put().uri("/api/v1/accounts/{id}/credentials/{name}",
                        school.accountId(), name).bodyValue(Map.of("secret", value)).exchange()
                .expectStatus().isNoContent());
        String postId = arrive(school.schoolId(), school.accountId(), "you idiot", Platform.valueOf(platform));
        awaitVerdict(school.runner1(), postId);

        as(school.runner1()).post().uri("/api/v1/posts/{id}/actions", postId)
                .bodyValue(Map.of("action", "HIDE", "note", "Abusive comment")).exchange().expectStatus().isOk()
                .expectBody()
                .jsonPath("$.actions[0].action").isEqualTo("HIDE")
                .jsonPath("$.actions[0].outcome").isEqualTo("ON_PLATFORM");

        if (platform.equals("YOUTUBE")) {
            platforms.verify(postRequestedFor(urlPathEqualTo("/youtube/v3/comments/setModerationStatus"))
                    .withQueryParam("moderationStatus", equalTo("heldForReview"))
                    .withHeader("Authorization", equalTo("Bearer ya29.fake")));
        } else {
            platforms.verify(postRequestedFor(urlPathMatching("/v23\\.0/x-.*"))
                    .withRequestBody(equalTo(sent)).withHeader("Authorization", equalTo("Bearer EAAGfakePageToken")));
        }
    }
}
