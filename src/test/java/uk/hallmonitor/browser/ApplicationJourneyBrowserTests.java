package uk.hallmonitor.browser;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

/**
 * A teacher applies for an account in the browser (a mistake on the way keeps everything typed), SLT approve or
 * reject it, and the teacher sees the outcome; staff never see the decision buttons.
 */
class ApplicationJourneyBrowserTests extends BrowserTestSupport {

    private static final String AIM = "Match results, fixtures and photos of the school teams for parents.";

    @Test
    void aTeacherAppliesCorrectsAMistakeAndSeesSltApproveIt() {
        String school = newSchool("Oakfield Primary");
        Person teacher = newCurrentStaff(school, "STAFF");
        Person colleague = newCurrentStaff(school, "STAFF");
        Person slt = newCurrentStaff(school, "SLT");

        logIn(teacher);
        find("nav a[href='/ui/applications']").click();
        find("a.button[href='/ui/applications/new']").click();
        new Select(find("#platform")).selectByVisibleText("X (Twitter)");
        find("#handle").sendKeys("@OakfieldSports");
        find("#aim").sendKeys(AIM);
        find("#audience").sendKeys("Parents and carers");
        find("#promotion").sendKeys("The weekly newsletter");
        find("input[name=runnerIds][value='" + colleague.id() + "']").click();
        find("#visibility").click();
        find("form[action='/ui/applications'] button[type=submit]").click();

        // one runner is not enough: said in words, and nothing typed is lost
        waitFor(driver -> !driver.findElements(By.cssSelector(".error-summary")).isEmpty());
        assertThat(text(".error-summary")).contains("Choose at least two staff to run the account")
                .doesNotContain("runnerIds");
        assertThat(find("#handle").getAttribute("value")).isEqualTo("@OakfieldSports");
        assertThat(find("#aim").getAttribute("value")).isEqualTo(AIM);
        assertThat(find("input[name=runnerIds][value='" + colleague.id() + "']").isSelected()).isTrue();
        assertAccessible("application-form-error");
        find(".error-summary a[href='#runners']").click();

        find("input[name=runnerIds][value='" + teacher.id() + "']").click();
        find("form[action='/ui/applications'] button[type=submit]").click();
        waitFor(driver -> driver.getCurrentUrl().matches(".*/ui/applications/[0-9a-f-]{36}$"));
        assertThat(browser.getPageSource()).contains("Sent to SLT: your application for @OakfieldSports");
        assertThat(text(".confirmation")).contains("Sent to SLT: your application for @OakfieldSports");
        assertThat(text("main")).contains("Waiting for SLT").contains("Person " + colleague.username());

        logIn(slt);
        find("nav a[href='/ui/review']").click();
        assertThat(text("main")).contains("@OakfieldSports").contains(AIM).contains("Trained, policy signed");
        assertAccessible("slt-review");
        find("textarea[id^='note-']").sendKeys("Good plan: keep pupils' faces out of the photos.");
        find("form[action$='/approve'] button").click();
        waitFor(driver -> driver.getCurrentUrl().endsWith("/ui/review"));
        assertThat(browser.getPageSource()).contains("Approved: @OakfieldSports is now being set up");
        assertThat(text(".confirmation")).isEqualTo("Approved: @OakfieldSports is now being set up");

        logIn(teacher);
        open("/ui/applications");
        assertThat(text("table.applications")).contains("Approved")
                .contains("Good plan: keep pupils' faces out of the photos.");
        assertAccessible("applications-mine");
        find("table.applications a").click();
        assertThat(text(".decision")).contains("SLT approved it").contains("Person " + slt.username());
        assertAccessible("application-approved");

        find(".decision a[href='/ui/accounts']").click();
        assertThat(text("table.register")).contains("@OakfieldSports").contains("Being set up")
                .contains("Not connected yet");
        assertAccessible("account-register");
        find("table.register a").click();
        assertThat(text("main")).contains("Opened when SLT approved the application");
        assertAccessible("account-page");
    }

    @Test
    void sltRejectWithAReasonTheTeacherReadsAndStaffSeeNoDecisionButtons() {
        String school = newSchool("Elm Park Academy");
        Person teacher = newCurrentStaff(school, "STAFF");
        Person colleague = newCurrentStaff(school, "STAFF");
        Person bystander = newStaff(school, "STAFF");
        Person slt = newStaff(school, "SLT");
        String id = submittedApplication(teacher, teacher, colleague);

        logIn(bystander);
        open("/ui/applications/" + id);
        assertThat(browser.findElements(By.cssSelector("form[action$='/approve'], form[action$='/reject']"))).isEmpty();
        assertThat(text("nav")).doesNotContain("SLT review");

        logIn(slt);
        open("/ui/review");
        find("form[action$='/reject'] button").click();
        waitFor(driver -> !driver.findElements(By.cssSelector(".error-summary")).isEmpty());
        assertThat(text(".error-summary")).contains("Say why the application is rejected");
        find("textarea[id^='reason-']").sendKeys("Two of the runners must be from the PE department.");
        find("form[action$='/reject'] button").click();
        waitFor(driver -> driver.getCurrentUrl().endsWith("/ui/review"));
        assertThat(browser.getPageSource()).contains("Rejected: @school. The applicant can read your reason.");

        logIn(teacher);
        open("/ui/applications/" + id);
        assertThat(text(".decision")).contains("Why SLT rejected it")
                .contains("Two of the runners must be from the PE department.");
        assertThat(find("a[href='/ui/applications/" + id + "/amend']").isDisplayed()).isTrue();
    }
}
