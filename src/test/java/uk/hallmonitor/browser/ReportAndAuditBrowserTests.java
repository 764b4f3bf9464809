package uk.hallmonitor.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.Select;

/** The head teacher opens the weekly report and its PDF; SLT search the audit trail and check its chain. */
class ReportAndAuditBrowserTests extends BrowserTestSupport {

    @Test
    void theHeadOpensTheWeeklyReportPicksThisWeekAndOpensItsPdf() {
        String school = newSchool("Birch Lane Primary");
        Person head = newStaff(school, "HEADTEACHER");
        Person dsl = newStaff(school, "DSL");
        clock.set(Instant.parse("2026-11-17T10:00:00Z"));
        for (String[] incident : new String[][] {{"BULLYING", "MEDIUM"}, {"BULLYING", "LOW"}, {"THREAT", "HIGH"}}) {
            as(dsl).post().uri("/api/v1/incidents").bodyValue(Map.of("schoolId", school, "category", incident[0],
                    "severity", incident[1])).exchange().expectStatus().isCreated();
        }
        clock.set(Instant.parse("2026-11-25T12:00:00Z"));

        logIn(head);
        find("nav a[href='/ui/reports/weekly']").click();
        assertThat(text("h1")).isEqualTo("Weekly report, week 47 of 2026");
        assertThat(text("main")).contains("3 incidents were logged in week 2026-W47").contains("Bullying");
        assertThat(browser.findElements(By.cssSelector("figure.chart svg[role=img]"))).hasSizeGreaterThanOrEqualTo(3);
        assertAccessible("weekly-report");
        ((JavascriptExecutor) browser).executeScript("document.querySelector('.charts').scrollIntoView()");
        screenshot("weekly-report-charts");

        new Select(find("#week")).selectByValue("2026-W48");
        find(".week-picker button").click();
        waitFor(driver -> driver.getCurrentUrl().contains("week=2026-W48"));
        assertThat(text(".so-far")).contains("This week is not over yet");

        String pdf = find("#pdf-link").getAttribute("href");
        assertThat(pdf).endsWith("/api/v1/reports/weekly.pdf?week=2026-W48");
        Object fetched = ((JavascriptExecutor) browser).executeAsyncScript("""
                var done = arguments[arguments.length - 1];
                fetch(arguments[0]).then(function (r) { return r.arrayBuffer().then(function (b) {
                  done(r.status + ' ' + r.headers.get('content-type') + ' ' + new TextDecoder('latin1').decode(b.slice(0, 5)));
                }); });""", pdf);
        assertThat(fetched).isEqualTo("200 application/pdf %PDF-");
    }

    @Test
    void sltSearchTheAuditTrailAndCheckTheChain() {
        String school = newSchool("Cedar High");
        Person teacher = newCurrentStaff(school, "STAFF");
        Person colleague = newCurrentStaff(school, "STAFF");
        Person slt = newStaff(school, "SLT");
        submittedApplication(teacher, teacher, colleague);

        logIn(slt);
        find("nav a[href='/ui/audit']").click();
        assertThat(text("table.audit")).contains("Application submitted").contains("Application drafted");
        find("#q").sendKeys("submitted");
        find("form[role=search] button").click();
        waitFor(driver -> driver.getCurrentUrl().contains("q=submitted"));
        assertThat(text("table.audit")).contains("Application submitted").doesNotContain("Application drafted");
        assertAccessible("audit-trail");

        find("#chain a.button").click();
        waitFor(driver -> driver.findElement(By.id("chain")).getText().contains("Intact"));
        assertThat(text("#chain")).contains("entries link to the one before them");
    }
}
