package uk.hallmonitor.browser;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A moderator replies to a flagged post as the school from the post's page: the reply box (a REPLY action, through
 * the same service as {@code POST /api/v1/posts/{id}/actions}) is sent on Facebook through the connector (a
 * WireMock fake of the Graph API), or recorded for posting by hand where the account has no token; an empty or
 * too long reply keeps the page and the words typed, with the error in words. Checked with axe-core at 1280 and
 * 375 px. A keyword classifier decides what is flagged.
 */
@Import(ModerationBrowserTests.Keywords.class)
class ModerationReplyBrowserTests extends BrowserTestSupport {

    static final WireMockServer graph = startGraph();
    private static final String DATA_DIR = tempDir("hallmonitor-ui-reply");

    @DynamicPropertySource
    static void fastDispatch(DynamicPropertyRegistry registry) {
        registry.add("hallmonitor.store.data-dir", () -> DATA_DIR);
        registry.add("hallmonitor.moderation.dispatch-every", () -> "300ms");
    }

    /**
     * Leaves the last test's page first: a page of the moderation inbox keeps a live event stream open, and its
     * reconnection after the cookies are cleared could become the page the next sign-in is sent back to.
     */
    @org.junit.jupiter.api.BeforeEach
    void leaveTheLastPage() {
        browser.get("about:blank");
        browser.manage().deleteAllCookies();
    }

    @AfterAll
    static void stopGraph() {
        graph.stop();
    }

    @Test
    void aModeratorRepliesFromThePostPageAndTheReplyIsSentOnFacebook() {
        ActiveAccount school = activeAccount("FACEBOOK", "104857321098765", graph.baseUrl());
        admin().put().uri("/api/v1/accounts/{id}/credentials/{name}", school.accountId(), "pageAccessToken")
                .bodyValue(Map.of("secret", "EAAGfakePageToken")).exchange().expectStatus().isNoContent();
        importComments(school, "id,author,text,postedAt\nr1,parent_a,You are an idiot and so is the head,"
                + "2026-11-16T09:00:00Z\n");

        logIn(school.runner1());
        openFlaggedPost("You are an idiot");
        assertThat(text("#post-reply-heading")).isEqualTo("Reply as the school");

        // nothing written: the page stays with the error in words, linked from the summary
        clickAndWaitForPage(".post-reply-form button[type=submit]");
        assertThat(text(".error-summary")).contains("Write the reply before sending it");
        assertThat(find(".error-summary a[href='#replyText']").getText()).contains("Write the reply");
        assertThat(find("#replyText").getAttribute("aria-describedby")).contains("replyText-error");
        assertThat(text("#replyText-error")).contains("Write the reply before sending it");
        assertAccessible("moderation-post-reply-error");

        // too long: refused, and every word typed is still there
        String tooLong = "Please contact the office. ".repeat(80);
        ((JavascriptExecutor) browser).executeScript("arguments[0].value = arguments[1]", find("#replyText"),
                tooLong);
        clickAndWaitForPage(".post-reply-form button[type=submit]");
        assertThat(text(".error-summary")).contains("The reply is longer than 2,000 characters");
        assertThat(find("#replyText").getAttribute("value")).isEqualTo(tooLong);
        assertThat(text("#content")).contains("Nothing yet.").doesNotContain("Replied as the school");

        find("#replyText").clear();
        find("#replyText").sendKeys("Please contact the school office about this.");
        clickAndWaitForPage(".post-reply-form button[type=submit]");
        assertThat(text(".confirmation")).contains("Reply sent on Facebook");
        assertThat(text("table")).contains("Replied as the school").contains("answered on FACEBOOK")
                .contains("Told the audience: Please contact the school office about this.");
        graph.verify(postRequestedFor(urlPathMatching("/v23\\.0/r1/comments"))
                .withRequestBody(containing("message=Please%20contact%20the%20school%20office")));
        assertAccessible("moderation-post-replied");
    }

    @Test
    void withoutAPageTokenTheReplyIsRecordedForTheModeratorToPostByHand() {
        ActiveAccount school = activeAccount("FACEBOOK", "204857321098765", graph.baseUrl());
        importComments(school, "id,author,text,postedAt\nr2,parent_b,What an idiot the head is,"
                + "2026-11-16T09:00:00Z\n");

        logIn(school.runner1());
        openFlaggedPost("What an idiot");
        find("#replyText").sendKeys("We have replied to you by email.");
        clickAndWaitForPage(".post-reply-form button[type=submit]");
        assertThat(text(".confirmation")).contains("Reply recorded: post it by hand");
        assertThat(text("table")).contains("Replied as the school")
                .contains("Told the audience: We have replied to you by email.");
    }

    @Test
    void aSealedItemShowsTheIwfInstructionsAndNoReplyBox() {
        ActiveAccount school = activeAccount("FACEBOOK", "304857321098765", graph.baseUrl());
        importComments(school, "id,author,text,postedAt\nr3,someone,illegalcontent here,2026-11-16T09:00:00Z\n");
        String postId = flaggedPostId(school);

        logIn(school.runner1());
        open("/ui/moderation/posts/" + postId);
        assertThat(text("h1")).isEqualTo("Sealed post");
        assertThat(text(".sealed-panel")).contains("Internet Watch Foundation");
        assertThat(browser.findElements(By.id("replyText"))).isEmpty();
        assertThat(browser.findElements(By.cssSelector("form.post-reply-form"))).isEmpty();

    }

    @SuppressWarnings("unchecked")
    private String flaggedPostId(ActiveAccount school) {
        String[] found = new String[1];
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            Map<String, Object> page = as(school.runner1()).get()
                    .uri("/api/v1/posts?schoolId={s}&flagged=true", school.schoolId()).exchange()
                    .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
            java.util.List<Map<String, Object>> items = (java.util.List<Map<String, Object>>) page.get("items");
            assertThat(items).hasSize(1);
            found[0] = (String) items.get(0).get("id");
        });
        return found[0];
    }

    private void openFlaggedPost(String words) {
        new org.openqa.selenium.support.ui.WebDriverWait(browser, Duration.ofSeconds(60)).until(driver -> {
            open("/ui/moderation");
            return text("#inbox-rows").contains(words);
        });
        WebElement row = browser.findElements(By.cssSelector("#inbox-rows tr.post-row")).stream()
                .filter(candidate -> candidate.getText().contains(words)).findFirst().orElseThrow();
        row.findElement(By.cssSelector("a.open-post")).click();
        waitFor(driver -> driver.getCurrentUrl().contains("/ui/moderation/posts/"));
        assertThat(text("blockquote.post-text")).contains(words);
    }

    private void importComments(ActiveAccount school, String csv) {
        as(school.runner1()).post().uri("/api/v1/accounts/{id}/imports?fileName=comments.csv", school.accountId())
                .contentType(MediaType.parseMediaType("text/csv")).bodyValue(csv.getBytes())
                .exchange().expectStatus().isOk();
    }

    /** A fake of the Graph API: polls find nothing new; a reply to a comment answers with the new comment's id. */
    private static WireMockServer startGraph() {
        WireMockServer server = new WireMockServer(WireMockConfiguration.options().dynamicPort()
                .bindAddress("127.0.0.1"));
        server.start();
        server.stubFor(any(urlPathMatching("/.*")).atPriority(10).willReturn(aResponse().withStatus(200)
                .withBody("{\"data\":[]}")));
        server.stubFor(post(urlPathMatching("/v23\\.0/[^/]+/comments")).atPriority(1)
                .willReturn(aResponse().withStatus(200).withBody("{\"id\":\"answer-from-the-school\"}")));
        return server;
    }

    private static String tempDir(String prefix) {
        try {
            return java.nio.file.Files.createTempDirectory(prefix).toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
