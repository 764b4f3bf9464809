package uk.hallmonitor.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

/**
 * The IT administrator sets up a school and its staff in the browser: the school and its settings, a member of
 * staff typed in, more imported from the MIS's CSV, a closure in the working-day calendar; then a member of staff
 * signs the acceptable-use policy themselves, and the administrator sees the signed version and date.
 */
class AdminBrowserTests extends BrowserTestSupport {

    @Test
    void adminSetsUpASchoolWithStaffTypedInAndImportedAndAMemberOfStaffSignsThePolicy() throws IOException {
        String tag = UUID.randomUUID().toString().substring(0, 6);
        logIn("admin", ADMIN_PASSWORD);
        open("/ui/admin");
        assertAccessible("admin-schools");

        // a school, with a mistake first: the form keeps what was typed and says what to fix
        find("#urn").sendKeys("12");
        find("#name").sendKeys("Oakfield Primary " + tag);
        find("form[action='/ui/admin/schools'] button[type=submit]").click();
        waitFor(driver -> !driver.findElements(By.cssSelector(".error-summary")).isEmpty());
        assertThat(text(".error-summary")).contains("URN: a URN is 6 or 7 digits");
        assertThat(find("#name").getAttribute("value")).isEqualTo("Oakfield Primary " + tag);
        assertAccessible("admin-schools-error");
        find("#urn").clear();
        find("#urn").sendKeys("123456");
        find("form[action='/ui/admin/schools'] button[type=submit]").click();
        waitFor(driver -> driver.getCurrentUrl().contains("/ui/admin/schools/"));
        assertThat(text(".confirmation")).contains("Added Oakfield Primary " + tag);
        String schoolUrl = browser.getCurrentUrl();

        // settings: the bank holidays of Northern Ireland
        new Select(find("#bankHolidayRegion")).selectByVisibleText("Northern Ireland");
        find("form[action$='/settings'] button[type=submit]").click();
        waitForConfirmation();
        assertThat(text(".summary-list")).contains("Northern Ireland");

        // a member of staff typed in
        String username = "ada" + tag;
        find("#name").sendKeys("Ada Okafor");
        find("#email").sendKeys(username + "@oakfield.test");
        find("#username").sendKeys(username);
        find("#password").sendKeys("first-pass-1");
        find("#role-MODERATOR").click();
        find("form[action$='/staff'] button[type=submit]").click();
        waitForConfirmation();
        assertThat(text(".confirmation")).contains("Added Ada Okafor");
        assertThat(text("table")).contains("Ada Okafor").contains("Moderator").contains("Not signed");
        assertAccessible("admin-school");

        // more staff from the MIS: upload, match the columns, preview, import
        Path csv = Files.createTempFile("sims-export", ".csv");
        Files.writeString(csv, "\"Legal Surname\",\"Legal Forename\",\"Work Email\",\"Staff Role\"\n"
                + "\"Brown\",\"Ben\",\"ben" + tag + "@oakfield.test\",\"Deputy Headteacher\"\n"
                + "\"Singh\",\"Priya\",\"priya" + tag + "@oakfield.test\",\"Teacher\"\n");
        find("a[href$='/import']").click();
        assertAccessible("admin-import-upload");
        find("#file").sendKeys(csv.toAbsolutePath().toString());
        find("form[action$='/import/upload'] button[type=submit]").click();
        waitFor(driver -> !driver.findElements(By.id("column-email")).isEmpty());
        assertThat(new Select(find("#column-email")).getFirstSelectedOption().getText()).isEqualTo("Work Email");
        assertThat(new Select(find("#column-lastName")).getFirstSelectedOption().getText()).isEqualTo("Legal Surname");
        assertAccessible("admin-import-columns");
        find("form[action$='/import/preview'] button[type=submit]").click();
        waitFor(driver -> driver.getTitle().startsWith("Import staff: check"));
        assertThat(text("table")).contains("Ben Brown").contains("Senior leadership (SLT)").contains("Priya Singh");
        assertAccessible("admin-import-preview");
        find("form[action$='/import'] button[type=submit]").click();
        waitForConfirmation();
        assertThat(text(".confirmation")).contains("Imported 2 members of staff");
        assertThat(text("table")).contains("Ben Brown").contains("No password yet");

        // the working-day calendar: a closure
        find("a[href$='/calendar']").click();
        typeDate("#from", "2027-02-15");
        typeDate("#to", "2027-02-19");
        find("#reason").sendKeys("February half term");
        find("form[action$='/closures'] button[type=submit]").click();
        waitForConfirmation();
        assertThat(text("table")).contains("February half term").contains("Mon 15 February 2027")
                .contains("Fri 19 February 2027");
        assertAccessible("admin-calendar");

        // a person's page: training recorded, password reset shown once
        open(schoolUrl.substring(schoolUrl.indexOf("/ui/")));
        browser.findElement(By.linkText("Ada Okafor")).click();
        String today = LocalDate.ofInstant(clock.instant(), ZoneId.of("Europe/London")).toString();
        find("#course").sendKeys("Social media safety");
        typeDate("#completedOn", today);
        find("form[action$='/training'] button[type=submit]").click();
        waitForConfirmation();
        assertThat(text(".confirmation")).contains("Recorded Social media safety for Ada Okafor");
        assertAccessible("admin-staff");
        find("form[action$='/password'] button[type=submit]").click();
        waitFor(driver -> !driver.findElements(By.id("temporary-password")).isEmpty());
        String password = text("#temporary-password");
        assertThat(password).hasSize(12);
        assertThat(find("#temporary-password").getAttribute("data-hide-after")).isEqualTo("30");

        // Ada signs the policy herself
        logIn(username, password);
        open("/ui/policy");
        assertThat(text(".tag")).isEqualTo("You have not signed the current version");
        assertAccessible("policy");
        find("#signature").sendKeys("Ada Okafor");
        find("form[action='/ui/policy'] button[type=submit]").click();
        waitFor(driver -> !driver.findElements(By.cssSelector(".error-summary")).isEmpty());
        assertThat(text(".error-summary")).contains("tick the box");
        assertThat(find("#signature").getAttribute("value")).isEqualTo("Ada Okafor");
        find("#agree-box").click();
        find("form[action='/ui/policy'] button[type=submit]").click();
        waitForConfirmation();
        String signedOn = LocalDate.parse(today).format(DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.UK));
        assertThat(text(".confirmation")).contains("Signed");
        assertThat(text("table")).contains("Hallmonitor standard 2026").contains(signedOn);
        assertThat(text(".tag")).isEqualTo("You have signed the current version");

        // the administrator sees the record with its version and date
        logIn("admin", ADMIN_PASSWORD);
        open(schoolUrl.substring(schoolUrl.indexOf("/ui/")));
        browser.findElement(By.linkText("Ada Okafor")).click();
        assertThat(text("main")).contains("Hallmonitor standard 2026").contains(signedOn)
                .contains("Signed by them in Hallmonitor");
        find("a[href$='/leave']").click();
        assertAccessible("admin-leaver-confirm");
    }

    @Test
    void adminAddsAWatchAndSetsUpAlertsWhileAGovernorSeesTermsAndHealthButNoConnectionSettings() {
        String school = newSchool("Riverside Academy");
        Person governor = newStaff(school, "GOVERNOR");
        logIn("admin", ADMIN_PASSWORD);

        open("/ui/watches");
        new Select(find("#schoolId")).selectByVisibleText("Riverside Academy");
        new Select(find("#platform")).selectByValue("RSS");
        find("#terms").sendKeys("R");
        find("form[action='/ui/watches'] button[type=submit]").click();
        waitFor(driver -> !driver.findElements(By.cssSelector(".error-summary")).isEmpty());
        assertThat(text(".error-summary")).contains("Search terms, line 1");
        assertAccessible("watches-error");
        find("#terms").clear();
        find("#terms").sendKeys("Riverside Academy\n#RiversideRocks");
        find("#connection-url").sendKeys("https://news.riverside.test/feed.xml");
        find("form[action='/ui/watches'] button[type=submit]").click();
        waitForConfirmation();
        assertThat(text(".confirmation")).contains("Riverside Academy, #RiversideRocks");
        browser.findElement(By.xpath("//tr[td[contains(., '#RiversideRocks')]]//a")).click();
        assertThat(text(".summary-list")).contains("https://news.riverside.test/feed.xml");
        find("#terms").sendKeys("\nRiverside Head");
        find("form[action$='/terms'] button[type=submit]").click();
        waitForConfirmation();
        assertThat(text(".confirmation")).contains("Riverside Head");
        assertAccessible("watches");

        open("/ui/alert-settings/" + school);
        find("#slackWebhookUrl").sendKeys("ftp://hooks.slack.test/x");
        find("form[action$='/ui/alert-settings/" + school + "'] button[type=submit]").click();
        waitFor(driver -> !driver.findElements(By.cssSelector(".error-summary")).isEmpty());
        assertThat(text(".error-summary")).contains("Slack webhook address: must be an http(s) URL");
        assertAccessible("alert-settings");
        find("form[action$='/test'] button[type=submit]").click();
        waitForConfirmation();
        assertThat(text(".confirmation")).contains("Teams not sent (not set up")
                .contains("email to you not sent (your staff record has no email address)");

        logIn(governor);
        open("/ui/watches");
        assertThat(text("table")).contains("Riverside Head");
        assertThat(browser.findElements(By.cssSelector("form[action='/ui/watches']"))).isEmpty();
        browser.findElements(By.cssSelector("table a")).get(0).click();
        assertThat(text("main")).contains("Riverside Academy").doesNotContain("news.riverside.test")
                .doesNotContain("Connection settings");
        assertAccessible("watch-governor");
    }

    /** Sets a date input's value as the browser submits it (ISO), whatever order the browser's locale types it in. */
    private void typeDate(String css, String isoDate) {
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("arguments[0].value = arguments[1]",
                find(css), isoDate);
    }

    /** Waits for the confirmation after a form; a page without one fails with what the page said instead. */
    private void waitForConfirmation() {
        try {
            waitFor(driver -> !driver.findElements(By.cssSelector(".confirmation")).isEmpty());
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("no confirmation at " + browser.getCurrentUrl() + "; the page says: "
                    + browser.findElement(By.tagName("body")).getText(), e);
        }
    }
}
