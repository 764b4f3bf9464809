package uk.hallmonitor.browser;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * The DSL logs an incident reported outside Hallmonitor (no flagged post) from the incident log: what is missing is
 * said in words and what was typed stays; the new incident opens with its lead named. Staff who only read the log
 * are not offered the form.
 */
class IncidentLogBrowserTests extends BrowserTestSupport {

    @Test
    void theDslLogsAnIncidentReportedByPhoneAndItOpensWithItsLead() {
        String school = newSchool("Oakfield Primary");
        Person dsl = newCurrentStaff(school, "DSL");
        Person slt = newCurrentStaff(school, "SLT");
        logIn(dsl);
        open("/ui/incidents");
        find("a[href='/ui/incidents/new']").click();
        assertThat(text("h1")).isEqualTo("Log an incident");
        assertAccessible("incident-new");

        find("#notes").sendKeys("A parent phoned: a pupil's photo was shared in a comment on the sports account");
        find("#owner").sendKeys("Person " + slt.username());
        find("form[action='/ui/incidents'] button[type=submit]").click();
        waitFor(driver -> !driver.findElements(By.cssSelector(".error-summary")).isEmpty());
        assertThat(text(".error-summary")).contains("Choose what the incident is about")
                .contains("Choose how serious it is");
        assertThat(find("#notes").getAttribute("value")).startsWith("A parent phoned");
        assertThat(find("#owner option:checked").getText()).isEqualTo("Person " + slt.username());
        assertAccessible("incident-new-error");

        find("#category").sendKeys("Personal data");
        find("#severity-HIGH").click();
        find("form[action='/ui/incidents'] button[type=submit]").click();
        waitFor(driver -> !driver.findElements(By.cssSelector(".confirmation")).isEmpty());
        assertThat(text(".confirmation")).contains("logged: personal data, high severity");
        assertThat(text(".summary-list")).contains("Personal data").contains("High").contains("Open")
                .contains("Person " + slt.username()).contains("Person " + dsl.username());
    }

    @Test
    void theHeadTeacherReadsTheLogButIsNotOfferedTheForm() {
        String school = newSchool("Oakfield Primary");
        Person head = newCurrentStaff(school, "HEADTEACHER");
        logIn(head);
        open("/ui/incidents");
        assertThat(text("h1")).isEqualTo("Incidents");
        assertThat(browser.findElements(By.cssSelector("a[href='/ui/incidents/new']"))).isEmpty();
        open("/ui/incidents/new");
        assertThat(browser.findElements(By.cssSelector("form[action='/ui/incidents']"))).isEmpty();
    }
}
