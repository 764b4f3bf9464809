package uk.hallmonitor.browser;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import uk.hallmonitor.classification.PostClassifier;
import uk.hallmonitor.moderation.internal.KeywordClassifier;

/**
 * The moderation journeys in the browser: a moderator works the inbox on posts from an imported export and from a
 * fake news feed (WireMock), escalates, bulk-dismisses spam and marks a post answered; the DSL reads and
 * acknowledges a safeguarding alert and works the incident. Every page on the way is checked with axe-core at
 * 1280 and 375 px. A keyword classifier decides what is flagged, so the journeys do not depend on the shipped model.
 */
@Import(ModerationBrowserTests.Keywords.class)
class ModerationBrowserTests extends BrowserTestSupport {

    static final WireMockServer platform = startPlatform();
    private static final String DATA_DIR = tempDir("hallmonitor-ui-mod");

    @DynamicPropertySource
    static void fastPolling(DynamicPropertyRegistry registry) {
        registry.add("hallmonitor.store.data-dir", () -> DATA_DIR);
        registry.add("hallmonitor.monitoring.poll-interval", () -> "2s");
        registry.add("hallmonitor.monitoring.dispatch-every", () -> "1s");
        registry.add("hallmonitor.moderation.dispatch-every", () -> "300ms");
    }

    /** Flags by keyword: "idiot" abuse, "damn" profanity, "hurt you" a safeguarding threat. */
    @TestConfiguration(proxyBeanMethods = false)
    public static class Keywords {

        @Bean
        @Primary
        public PostClassifier keywordClassifier() {
            return new KeywordClassifier();
        }
    }

    @AfterAll
    static void stopPlatform() {
        platform.stop();
    }

    @Test
    void aModeratorHandlesFlaggedPostsFromAnImportedFileAndAFakePlatform() {
        ActiveAccount school = activeAccount("FACEBOOK", "fb-" + System.nanoTime(), null);
        String name = schoolName(school);
        importComments(school, """
                id,author,text,postedAt
                c1,parent_a,You are an idiot and so is the head,2026-11-16T09:00:00Z
                c2,spam_bot,damn cheap watches here,2026-11-16T09:01:00Z
                c3,spam_bot2,damn cheap bags here,2026-11-16T09:02:00Z
                c4,parent_b,Lovely concert thank you,2026-11-16T09:03:00Z
                """);
        platform.stubFor(get(urlPathEqualTo("/feed/" + school.schoolId())).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/rss+xml").withBody(rss(name))));
        admin().post().uri("/api/v1/watches").bodyValue(Map.of("schoolId", school.schoolId(), "platform", "RSS",
                "terms", List.of(name), "connection", Map.of("url", platform.baseUrl() + "/feed/"
                        + school.schoolId())))
                .exchange().expectStatus().isCreated();

        logIn(school.runner1());
        assertThat(text("nav")).contains("Moderation").contains("Response times").doesNotContain("Incidents");
        assertThat(text(".home")).contains("Flagged posts");
        assertAccessible("home-moderator");

        // the three flagged imports and the feed's threat arrive; the concert thanks is not flagged
        waitForRows(4);
        assertThat(text("#inbox-rows")).contains("You are an idiot").contains("Abuse (97%)")
                .contains("hurt you").doesNotContain("Lovely concert");
        assertThat(find("#inbox-rows time.countdown").getText()).isNotBlank();
        assertAccessible("moderation-inbox");

        // nothing chosen: the form says what to fix and keeps the note typed
        row("You are an idiot").findElement(By.cssSelector("a.open-post")).click();
        waitFor(driver -> driver.getCurrentUrl().contains("/ui/moderation/posts/"));
        assertThat(text("blockquote.post-text")).contains("You are an idiot");
        assertThat(text(".conversation")).contains("You are an idiot");
        assertAccessible("moderation-post");
        find("#note").sendKeys("Abusive about the head");
        clickAndWaitForPage(".act-form button[type=submit]");
        assertThat(text(".error-summary")).contains("choose what to do with the post");
        assertThat(find("#note").getAttribute("value")).isEqualTo("Abusive about the head");

        find("#action-ESCALATE").click();
        clickAndWaitForPage(".act-form button[type=submit]");
        assertThat(text(".confirmation")).contains("Escalated").contains("incident INC-");

        // reply from a template and mark the post answered
        new org.openqa.selenium.support.ui.Select(find("#template")).selectByValue("complaints-procedure");
        assertThat(find("#reply").getAttribute("value")).contains("complaints procedure");
        clickAndWaitForPage(".reply-form button[type=submit]");
        assertThat(text(".confirmation")).contains("Marked answered");
        assertThat(text(".summary-list")).contains("Answered");

        // bulk dismissal of the spam, after the confirmation question
        open("/ui/moderation");
        for (WebElement spam : List.of(row("cheap watches"), row("cheap bags"))) {
            spam.findElement(By.cssSelector("input[type=checkbox]")).click();
        }
        WebElement page = find("html");
        find("#bulk-dismiss").click();
        browser.switchTo().alert().accept();
        waitForPageAfter(page);
        assertThat(text(".confirmation")).contains("Dismissed 2 posts as spam");
        assertThat(text("#inbox-rows")).doesNotContain("cheap watches").doesNotContain("You are an idiot")
                .contains("hurt you");

        // keyboard shortcuts: j moves to the first post, x ticks it, k stays on the first; switched off they do nothing
        org.openqa.selenium.interactions.Actions keys = new org.openqa.selenium.interactions.Actions(browser);
        find("h1").click();
        keys.sendKeys("j").perform();
        WebElement first = browser.findElements(By.cssSelector("#inbox-rows tr.post-row")).get(0);
        waitFor(driver -> first.getAttribute("class").contains("selected"));
        keys.sendKeys("x").perform();
        assertThat(first.findElement(By.cssSelector("input[type=checkbox]")).isSelected()).isTrue();
        keys.sendKeys("x").perform();
        assertThat(first.findElement(By.cssSelector("input[type=checkbox]")).isSelected()).isFalse();
        find("details.shortcuts summary").click();
        find("#shortcuts-on").click();
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("arguments[0].focus()",
                first.findElement(By.cssSelector("a.open-post")));
        keys.sendKeys("x").perform();
        assertThat(first.findElement(By.cssSelector("input[type=checkbox]")).isSelected()).isFalse();
        find("#shortcuts-on").click();

        // the concert thanks was not flagged: the moderator reports it as missed, choosing it from the list
        clickAndWaitForPage(".missed-link a");
        assertThat(text("#not-flagged")).contains("Lovely concert");
        assertAccessible("moderation-missed");
        browser.findElements(By.cssSelector("#not-flagged tr")).stream()
                .filter(row -> row.getText().contains("Lovely concert")).findFirst().orElseThrow()
                .findElement(By.cssSelector("a.report-missed")).click();
        waitFor(driver -> driver.getCurrentUrl().contains("post="));
        assertThat(text("blockquote.post-text")).contains("Lovely concert");
        clickAndWaitForPage(".missed-form button[type=submit]");
        assertThat(text(".error-summary")).contains("choose what the post is");
        assertThat(find("#category").getAttribute("aria-describedby")).isNotBlank();
        new org.openqa.selenium.support.ui.Select(find("#category")).selectByVisibleText("Spam");
        clickAndWaitForPage(".missed-form button[type=submit]");
        assertThat(text(".confirmation")).contains("Reported").contains("spam");
        open("/ui/moderation");

        // a post flagged while the inbox is open appears without reloading
        importComments(school, "id,author,text,postedAt\nc5,parent_c,what an idiot,2026-11-16T09:10:00Z\n");
        waitFor(driver -> text("#inbox-rows").contains("what an idiot"));
        assertThat(text("#live-status")).contains("new post was flagged");

        open("/ui/sla");
        assertThat(text("#content")).contains("Due next").contains("this week, so far");
        assertAccessible("sla");
    }

    @Test
    void theDslReadsASafeguardingAlertAndWorksTheIncident() {
        ActiveAccount school = activeAccount("FACEBOOK", "fb-" + System.nanoTime(), null);
        importComments(school, "id,author,text,postedAt\nt1,angry_x,I know where you live and I will hurt you,"
                + "2026-11-16T09:00:00Z\n");

        logIn(school.dsl());
        // the DSL's email is undeliverable here (no mail server), so the alert also falls through to the in-app feed:
        // one or more unread, never none
        waitFor(driver -> {
            open("/");
            return text(".home").matches("(?s).*\\b[1-9]\\d* unread.*");
        });
        assertThat(text(".alerts-link")).containsPattern("[1-9]");
        assertAccessible("home-dsl");

        clickAndWaitForPage("a[href='/ui/alerts?unread=true']");
        assertThat(text(".alert-list")).contains("Safeguarding").contains("Unread");
        assertAccessible("alerts");
        clickAndWaitForPage("form[action='/ui/alerts/read-all'] button[type=submit]");
        assertThat(text(".confirmation")).containsIgnoringCase("read");
        assertThat(browser.findElements(By.cssSelector(".alerts-link .count"))).isEmpty();
        assertThat(text(".alert-list")).contains("Read").doesNotContain("Unread");

        // the DSL escalates the threat and works the incident: a lead by name, then closing needs an outcome
        open("/ui/moderation");
        waitForRows(1);
        row("hurt you").findElement(By.cssSelector("a.open-post")).click();
        waitFor(driver -> driver.getCurrentUrl().contains("/ui/moderation/posts/"));
        find("#action-ESCALATE").click();
        find("#note").sendKeys("Threat to staff");
        clickAndWaitForPage(".act-form button[type=submit]");
        String incident = text(".confirmation").replaceAll(".*(INC-\\d+-\\d+).*", "$1");

        open("/ui/incidents");
        assertThat(text("table")).contains(incident).contains("Threat");
        assertAccessible("incidents");
        clickAndWaitForPage("a[href='/ui/incidents/" + incident + "']");
        assertAccessible("incident");
        new org.openqa.selenium.support.ui.Select(find("#owner"))
                .selectByVisibleText("Person " + school.dsl().username());
        clickAndWaitForPage(".owner-form button[type=submit]");
        assertThat(text(".confirmation")).contains("now leads on incident " + incident);
        find("#to-CLOSED").click();
        clickAndWaitForPage(".transition-form button[type=submit]");
        assertThat(text(".error-summary")).contains("cannot be closed without an outcome");
        find("#to-CLOSED").click();
        find("#outcome").sendKeys("Reported to police; parent banned from the page");
        clickAndWaitForPage(".transition-form button[type=submit]");
        assertThat(text(".confirmation")).contains("is now closed");
        assertThat(text(".summary-list")).contains("Closed").contains("Reported to police")
                .contains("Person " + school.dsl().username());
        assertThat(text("table")).contains("Lead changed").contains("Open to Closed");

        // the safeguarding alerts page is in the navigation, on the layout
        clickAndWaitForPage("nav a[href='/ui/safeguarding-alerts']");
        assertThat(text("h1")).isEqualTo("Safeguarding alerts");
        assertAccessible("safeguarding-alerts");

        // an address that is not a page, and a page the DSL may not open, answer in the layout with a way home
        open("/ui/no-such-page");
        assertThat(text("h1")).isEqualTo("Page not found");
        assertThat(find("main a[href='/']").getText()).contains("home page");
        assertAccessible("error-not-found");
        open("/ui/admin");
        assertThat(text("h1")).isEqualTo("You don't have access to this page");
        assertThat(text("main")).contains("ask your school's Hallmonitor admin");
        assertAccessible("error-forbidden");
    }

    private void importComments(ActiveAccount school, String csv) {
        as(school.runner1()).post().uri("/api/v1/accounts/{id}/imports?fileName=comments.csv", school.accountId())
                .contentType(MediaType.parseMediaType("text/csv")).bodyValue(csv.getBytes())
                .exchange().expectStatus().isOk();
    }

    @SuppressWarnings("unchecked")
    private String schoolName(ActiveAccount school) {
        Map<String, Object> found = admin().get().uri("/api/v1/schools/{id}", school.schoolId()).exchange()
                .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        return (String) found.get("name");
    }

    private void waitForRows(int count) {
        new org.openqa.selenium.support.ui.WebDriverWait(browser, Duration.ofSeconds(60)).until(driver -> {
            open("/ui/moderation");
            return driver.findElements(By.cssSelector("#inbox-rows tr.post-row")).size() >= count;
        });
    }

    private WebElement row(String text) {
        return browser.findElements(By.cssSelector("#inbox-rows tr.post-row")).stream()
                .filter(row -> row.getText().contains(text)).findFirst()
                .orElseThrow(() -> new AssertionError("no row with " + text + " in " + text("#inbox-rows")));
    }

    private static String rss(String schoolName) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <rss version="2.0"><channel><title>Local news</title><link>https://news.example/</link>
                <description>Local news</description>
                <item><title>Comment on %1$s</title><link>https://news.example/1</link><guid>news-1</guid>
                <description>Someone wrote: %1$s staff, I will hurt you</description>
                <pubDate>Mon, 16 Nov 2026 09:30:00 GMT</pubDate></item>
                </channel></rss>
                """.formatted(schoolName);
    }

    private static WireMockServer startPlatform() {
        WireMockServer server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        server.start();
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
