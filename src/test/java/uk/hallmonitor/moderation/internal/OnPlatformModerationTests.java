package uk.hallmonitor.moderation.internal;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import uk.hallmonitor.monitoring.Posts;
import uk.hallmonitor.system.Platform;

/**
 * A moderator's HIDE, DELETE and REPLY through the REST API are carried out on Facebook, Instagram and YouTube by their connectors
 * (against fakes of the Graph API and the YouTube Data API), and the action records {@code ON_PLATFORM}.
 */
class OnPlatformModerationTests extends ModerationAppTestSupport {

    @Autowired
    private ApplicationContext applicationContext;

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
        // delete and reply, as Meta and Google document them: {"success":true}, and the new comment's id
        platforms.stubFor(delete(urlPathMatching("/v23\\.0/x-[^/]+")).willReturn(aResponse().withStatus(200)
                .withBody("{\"success\":true}")));
        platforms.stubFor(post(urlPathMatching("/v23\\.0/x-[^/]+/(comments|replies)")).atPriority(1)
                .willReturn(aResponse().withStatus(200).withBody("{\"id\":\"answer-from-the-school\"}")));
        platforms.stubFor(post(urlPathEqualTo("/youtube/v3/comments")).willReturn(aResponse().withStatus(200)
                .withBody("{\"kind\":\"youtube#comment\",\"id\":\"answer-from-the-school\",\"snippet\":{}}")));
    }

    private ActiveAccount connected(String platform, String platformAccountId, String secret) {
        ActiveAccount school = activeAccount(platform, platformAccountId, platforms.baseUrl());
        Map<String, String> secrets = platform.equals("YOUTUBE")
                ? Map.of(secret, "1//0grefresh", "clientId", "123.apps.googleusercontent.com", "clientSecret", "GOCSPX")
                : Map.of(secret, "EAAGfakePageToken");
        secrets.forEach((name, value) -> admin().put().uri("/api/v1/accounts/{id}/credentials/{name}",
                school.accountId(), name).bodyValue(Map.of("secret", value)).exchange()
                .expectStatus().isNoContent());
        return school;
    }

    @ParameterizedTest
    @CsvSource(textBlock = """
            FACEBOOK,  104857321098765,     pageAccessToken
            INSTAGRAM, 17841400008460056,   pageAccessToken
            YOUTUBE,   UCoakfieldPrimary01, oauthRefreshToken
            """)
    void deletingACommentThroughTheApiDeletesItOnThePlatform(String platform, String platformAccountId,
                                                             String secret) {
        ActiveAccount school = connected(platform, platformAccountId, secret);
        String postId = arrive(school.schoolId(), school.accountId(), "you idiot", Platform.valueOf(platform));
        awaitVerdict(school.runner1(), postId);
        String platformPostId = platformIdOf(postId);

        as(school.runner1()).post().uri("/api/v1/posts/{id}/actions", postId)
                .bodyValue(Map.of("action", "DELETE", "note", "Abusive comment")).exchange().expectStatus().isOk()
                .expectBody()
                .jsonPath("$.actions[0].action").isEqualTo("DELETE")
                .jsonPath("$.actions[0].outcome").isEqualTo("ON_PLATFORM");

        if (platform.equals("YOUTUBE")) {
            // YouTube lets a channel delete only its own comments; anyone else's is rejected (removed from view)
            platforms.verify(postRequestedFor(urlPathEqualTo("/youtube/v3/comments/setModerationStatus"))
                    .withQueryParam("id", equalTo(platformPostId))
                    .withQueryParam("moderationStatus", equalTo("rejected")));
        } else {
            platforms.verify(deleteRequestedFor(urlPathEqualTo("/v23.0/" + platformPostId))
                    .withHeader("Authorization", equalTo("Bearer EAAGfakePageToken")));
        }
    }

    @ParameterizedTest
    @CsvSource(textBlock = """
            FACEBOOK,  104857321098765,     pageAccessToken,   comments
            INSTAGRAM, 17841400008460056,   pageAccessToken,   replies
            YOUTUBE,   UCoakfieldPrimary01, oauthRefreshToken, ''
            """)
    void replyingThroughTheApiPostsTheAnswerAsTheSchool(String platform, String platformAccountId, String secret,
                                                        String edge) {
        ActiveAccount school = connected(platform, platformAccountId, secret);
        String postId = arrive(school.schoolId(), school.accountId(), "you idiot", Platform.valueOf(platform));
        awaitVerdict(school.runner1(), postId);
        String platformPostId = platformIdOf(postId);

        as(school.runner1()).post().uri("/api/v1/posts/{id}/actions", postId)
                .bodyValue(Map.of("action", "REPLY", "note", "Set the record straight",
                        "replyText", "Please contact the school office about this."))
                .exchange().expectStatus().isOk()
                .expectBody()
                .jsonPath("$.actions[0].action").isEqualTo("REPLY")
                .jsonPath("$.actions[0].outcome").isEqualTo("ON_PLATFORM")
                .jsonPath("$.actions[0].detail").value(detail -> org.assertj.core.api.Assertions
                        .assertThat(String.valueOf(detail)).contains("answer-from-the-school"));

        if (platform.equals("YOUTUBE")) {
            platforms.verify(postRequestedFor(urlPathEqualTo("/youtube/v3/comments"))
                    .withRequestBody(matchingJsonPath("$.snippet.parentId", equalTo(platformPostId)))
                    .withRequestBody(matchingJsonPath("$.snippet.textOriginal",
                            equalTo("Please contact the school office about this."))));
        } else {
            platforms.verify(postRequestedFor(urlPathEqualTo("/v23.0/" + platformPostId + "/" + edge))
                    .withRequestBody(containing("message=Please"))
                    .withHeader("Authorization", equalTo("Bearer EAAGfakePageToken")));
        }
    }

    @org.junit.jupiter.api.Test
    void aReplyWithoutWordsOrWordsWithAnotherActionAreRefusedNamingTheFieldAndNothingIsRecorded() {
        ActiveAccount school = connected("FACEBOOK", "104857321098765", "pageAccessToken");
        String postId = arrive(school.schoolId(), school.accountId(), "you idiot", Platform.FACEBOOK);
        awaitVerdict(school.runner1(), postId);

        as(school.runner1()).post().uri("/api/v1/posts/{id}/actions", postId)
                .bodyValue(Map.of("action", "REPLY", "note", "answer")).exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("replyText");
        as(school.runner1()).post().uri("/api/v1/posts/{id}/actions", postId)
                .bodyValue(Map.of("action", "HIDE", "note", "hide", "replyText", "words")).exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("replyText");
        as(school.runner1()).get().uri("/api/v1/posts/{id}", postId).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.actions").isEmpty();
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

    /** The comment's id on the platform, as the post store holds it. */
    private String platformIdOf(String postId) {
        return applicationContext.getBean(Posts.class).post(postId).block().platformPostId();
    }
}
