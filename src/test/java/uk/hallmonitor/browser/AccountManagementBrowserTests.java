package uk.hallmonitor.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * SLT manage an account from its page: change who runs it (picked by name, training shown; too few or untrained
 * runners refused in words with the choice kept), suspend it with a reason, reinstate it, and close it once
 * confirmed. Staff who may not do these see no controls.
 */
class AccountManagementBrowserTests extends BrowserTestSupport {

    @Test
    void sltChangeTheRunnersSuspendReinstateAndCloseAnAccountFromItsPage() {
        ActiveAccount account = activeAccount("OTHER", "oakfield-news", null);
        Person untrained = newStaff(account.schoolId(), "STAFF");
        Person trained = newCurrentStaff(account.schoolId(), "STAFF");
        logIn(account.slt());
        open("/ui/accounts/" + account.accountId());
        assertThat(text("#manage")).contains("Person " + untrained.username())
                .contains("Not yet trained or policy not signed");
        assertAccessible("account-manage");

        // one runner only: refused in words, and the page keeps what was ticked
        runner(account.runner2().id()).click();
        submit("runners");
        waitFor(driver -> !driver.findElements(By.cssSelector(".error-summary")).isEmpty());
        assertThat(text(".error-summary")).contains("Choose at least two staff to run the account");
        assertThat(runner(account.runner1().id()).isSelected()).isTrue();
        assertThat(runner(account.runner2().id()).isSelected()).isFalse();
        assertAccessible("account-manage-error");

        // an untrained runner: the service's refusal names them, not their id
        runner(untrained.id()).click();
        submit("runners");
        waitFor(driver -> !driver.findElements(By.cssSelector(".error-summary")).isEmpty());
        assertThat(text(".error-summary")).contains("trained").contains("Person " + untrained.username())
                .doesNotContain(untrained.id());
        assertThat(runner(untrained.id()).isSelected()).isTrue();

        runner(untrained.id()).click();
        runner(trained.id()).click();
        submit("runners");
        waitFor(driver -> !driver.findElements(By.cssSelector(".confirmation")).isEmpty());
        assertThat(text(".confirmation")).contains("Runners changed: @school is now run by")
                .contains("Person " + account.runner1().username()).contains("Person " + trained.username());
        assertThat(text(".summary-list")).contains("Person " + trained.username())
                .doesNotContain("Person " + account.runner2().username());

        // suspend: a reason is needed
        submit("suspend");
        waitFor(driver -> !driver.findElements(By.cssSelector(".error-summary")).isEmpty());
        assertThat(text(".error-summary")).contains("Say why the account is suspended");
        find("#suspendReason").sendKeys("Nobody can run it until after half term");
        submit("suspend");
        waitFor(driver -> !driver.findElements(By.cssSelector(".confirmation")).isEmpty());
        assertThat(text(".confirmation")).contains("Suspended: @school");
        assertThat(text(".summary-list")).contains("Suspended");
        assertThat(text("table")).contains("Suspended: Nobody can run it until after half term");
        assertThat(browser.findElements(By.cssSelector("form[action$='/suspend']"))).isEmpty();
        assertAccessible("account-suspended");

        submit("resume");
        waitFor(driver -> !driver.findElements(By.cssSelector(".confirmation")).isEmpty());
        assertThat(text(".confirmation")).contains("Reinstated: @school (active)");
        assertThat(text(".summary-list")).contains("Active");

        // close: the reason typed stays when the confirmation box was not ticked
        find("#closeReason").sendKeys("The club has ended");
        submit("close");
        waitFor(driver -> !driver.findElements(By.cssSelector(".error-summary")).isEmpty());
        assertThat(text(".error-summary")).contains("Tick the box to confirm");
        assertThat(find("#closeReason").getAttribute("value")).isEqualTo("The club has ended");
        assertThat(text(".summary-list")).contains("Active");
        find("#closeConfirm").click();
        submit("close");
        waitFor(driver -> !driver.findElements(By.cssSelector(".confirmation")).isEmpty());
        assertThat(text(".confirmation")).contains("Closed: @school");
        assertThat(text(".summary-list")).contains("Closed").contains("The club has ended");
        assertThat(browser.findElements(By.id("manage"))).as("a closed account has nothing left to manage").isEmpty();

        @SuppressWarnings("unchecked")
        Map<String, Object> stored = admin().get().uri("/api/v1/accounts/{id}", account.accountId()).exchange()
                .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        assertThat(stored.get("status")).isEqualTo("CLOSED");
        assertThat(stored.get("closeReason")).isEqualTo("The club has ended");
    }

    @Test
    void runnersAndStaffSeeTheAccountButNoControlsToChangeIt() {
        ActiveAccount account = activeAccount("OTHER", "oakfield-news", null);
        logIn(account.runner1());
        open("/ui/accounts/" + account.accountId());
        assertThat(text(".summary-list")).contains("Person " + account.runner1().username());
        assertThat(browser.findElements(By.id("manage"))).isEmpty();
        assertThat(browser.findElements(By.cssSelector("form[action*='/ui/accounts/']"))).isEmpty();
        assertAccessible("account-runner");
    }

    private WebElement runner(String staffId) {
        return find("input[name=runnerIds][value='" + staffId + "']");
    }

    /** Posts the action's form and waits for the page that answers it, so no wait below reads the old page. */
    private void submit(String action) {
        WebElement page = find("html");
        WebElement button = find("form[action$='/" + action + "'] button[type=submit]");
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView(true);", button);
        button.click();
        waitForPageAfter(page);
    }
}
