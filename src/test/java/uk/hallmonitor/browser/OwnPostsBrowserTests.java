package uk.hallmonitor.browser;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.http.MediaType;

/** A runner checks a draft before posting and sees what was found marked in it; the pages pass axe (WCAG 2.2 AA). */
class OwnPostsBrowserTests extends BrowserTestSupport {

    @Test
    void theDslChecksADraftAndSeesTheNoPublishPupilMarked() {
        ActiveAccount school = activeAccount("FACEBOOK", "fb-browser-own", null);
        as(school.dsl()).put().uri("/api/v1/schools/{id}/roster", school.schoolId())
                .contentType(MediaType.parseMediaType("text/csv"))
                .bodyValue(
                        "first_name,preferred_name,surname,year,no_publish\nGrace,,Adeyemi,4,Y\nAmelia,Millie,Sutcliffe,6,N\n")
                .exchange().expectStatus().isOk();

        logIn(school.dsl());
        open("/ui/own-posts/check");
        assertThat(text("nav")).contains("Check a post").contains("Own-post findings");
        find("#text").sendKeys("Well done Grace and Millie Sutcliffe! Tickets: 0161 496 0000");
        find("form[action='/ui/own-posts/check'] button[type=submit]").click();
        waitFor(driver -> !driver.findElements(By.cssSelector("mark.finding.no-publish")).isEmpty());

        assertThat(text("mark.finding.no-publish")).contains("Grace");
        assertThat(text("section p[role=status]")).contains("3 things to check");
        assertAccessible("own-post-check");

        open("/ui/own-posts/findings");
        assertAccessible("own-post-findings");
    }
}
