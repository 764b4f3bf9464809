package uk.hallmonitor.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * The administrator activates an account SLT approved and stores its credentials, with the password policy's
 * verdict; a reveal needs a reason and shows the secret once; the head teacher's reveal is break-glass, marked and
 * confirmed; the history says who revealed what and when.
 */
class CredentialsBrowserTests extends BrowserTestSupport {

    @Test
    void adminActivatesAnApprovedAccountStoresAndRotatesItsPasswordAndRevealsItOnceWithAReason() {
        Approved approved = approvedAccount();
        logIn("admin", ADMIN_PASSWORD);
        open("/ui/admin/accounts");
        assertAccessible("admin-accounts");
        find("a[href='/ui/admin/accounts/" + approved.accountId() + "/activate']").click();
        assertThat(text(".summary-list")).contains("Waiting to be set up");
        assertAccessible("admin-activate");

        // a secret in the connection settings is refused and what was typed stays
        find("#platformAccountId").sendKeys("109876543");
        find("#otherName").sendKeys("password");
        find("#otherValue").sendKeys("hunter22");
        find("form[action$='/activate'] button[type=submit]").click();
        waitFor(driver -> !driver.findElements(By.cssSelector(".error-summary")).isEmpty());
        assertThat(text(".error-summary")).contains("secrets go in the vault");
        assertThat(find("#platformAccountId").getAttribute("value")).isEqualTo("109876543");
        find("#otherName").clear();
        find("#otherValue").clear();
        find("form[action$='/activate'] button[type=submit]").click();
        waitFor(driver -> driver.getCurrentUrl().contains("/ui/vault/accounts/" + approved.accountId()));
        assertThat(text(".confirmation")).contains("Activated @oakfieldnews (Active): now store its credentials");

        // a weak password is stored with the policy's verdict, then rotated to one that passes
        find("#name").sendKeys("password");
        find("#secret").sendKeys("short");
        find("form[action$='/credentials'] button[type=submit]").click();
        waitForConfirmation();
        assertThat(text(".confirmation")).contains("does NOT meet the password policy");
        assertThat(text("table")).contains("Fails the policy");
        find("#name").sendKeys("password");
        find("#secret").sendKeys("Oakfield-news-2026");
        find("form[action$='/credentials'] button[type=submit]").click();
        waitFor(driver -> text(".confirmation").startsWith("Changed password"));
        assertThat(text("table")).contains("Meets the policy");
        assertAccessible("vault-credentials");

        // reveal: a reason first, then the secret once, set to hide after 30 s, with a copy button
        find("a[href$='/credentials/password/reveal']").click();
        assertThat(browser.findElements(By.cssSelector(".break-glass"))).isEmpty();
        assertAccessible("vault-reveal");
        find("main form button[type=submit]").click();
        waitFor(driver -> !driver.findElements(By.cssSelector(".error-summary")).isEmpty());
        assertThat(text(".error-summary")).contains("say why you need it");
        find("#reason").sendKeys("Changing the profile picture");
        find("main form button[type=submit]").click();
        waitFor(driver -> !driver.findElements(By.id("secret")).isEmpty());
        assertThat(text("#secret")).isEqualTo("Oakfield-news-2026");
        assertThat(find("#secret").getAttribute("data-hide-after")).isEqualTo("30");
        assertThat(find("button[data-copy='#secret']").getText()).isEqualTo("Copy to clipboard");
        assertAccessible("vault-revealed");

        // the page does not come back: the next visit shows only who revealed it and why
        open("/ui/vault/accounts/" + approved.accountId());
        assertThat(browser.getPageSource()).doesNotContain("Oakfield-news-2026");
        assertThat(text("main")).contains("Revealed").contains("Administrator")
                .contains("Changing the profile picture");
    }

    @Test
    void theHeadTeachersRevealIsBreakGlassMarkedAndConfirmedFirst() {
        Approved approved = approvedAccount();
        admin().post().uri("/api/v1/accounts/{id}/activate", approved.accountId())
                .bodyValue(Map.of("platformAccountId", "1", "connection", Map.of())).exchange().expectStatus().isOk();
        admin().put().uri("/api/v1/accounts/{id}/credentials/password", approved.accountId())
                .bodyValue(Map.of("secret", "Oakfield-news-2026")).exchange().expectStatus().isNoContent();
        Person head = newCurrentStaff(approved.schoolId(), "HEADTEACHER", "STAFF");
        // break-glass is refused for a day after a head teacher's record is made (issue 14, finding 2)
        clock.advance(java.time.Duration.ofHours(25));

        logIn(head);
        open("/ui/vault/accounts/" + approved.accountId() + "/credentials/password/reveal");
        assertThat(text("h1")).startsWith("Break-glass");
        assertThat(text(".break-glass")).contains("SLT and the").contains("told straight away");
        assertAccessible("vault-break-glass");
        find("#reason").sendKeys("The administrator is away and a post must come down");
        find("main form button[type=submit]").click();
        waitFor(driver -> !driver.findElements(By.cssSelector(".error-summary")).isEmpty());
        assertThat(text(".error-summary")).contains("tick the box to confirm this break-glass");
        assertThat(find("#reason").getAttribute("value")).contains("administrator is away");
        assertThat(browser.findElements(By.id("secret"))).isEmpty();

        find("#confirm-box").click();
        find("main form button[type=submit]").click();
        waitFor(driver -> !driver.findElements(By.id("secret")).isEmpty());
        assertThat(text("#secret")).isEqualTo("Oakfield-news-2026");
        assertThat(text(".break-glass")).contains("SLT and the DSL have been told");

        open("/ui/vault/accounts/" + approved.accountId());
        assertThat(text("main")).contains("Revealed by break-glass").contains("Person " + head.username());
        assertThat(browser.findElements(By.cssSelector("form[action$='/credentials']")))
                .as("only administrators store secrets").isEmpty();
    }

    private record Approved(String schoolId, String accountId) {
    }

    @SuppressWarnings("unchecked")
    private Approved approvedAccount() {
        String school = newSchool("Oakfield Primary");
        Person applicant = newCurrentStaff(school, "STAFF");
        Person runner1 = newCurrentStaff(school, "STAFF");
        Person runner2 = newCurrentStaff(school, "STAFF");
        Person slt = newCurrentStaff(school, "SLT");
        newCurrentStaff(school, "DSL");
        Map<String, Object> body = Map.of("schoolId", school, "platform", "X", "handle", "@oakfieldnews",
                "aim", "News for parents", "audience", "Parents and carers", "promotion", "Newsletter",
                "runnerIds", List.of(runner1.id(), runner2.id()), "visibility", "OPEN");
        String application = (String) as(applicant).post().uri("/api/v1/applications").bodyValue(body).exchange()
                .expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody().get("id");
        as(applicant).post().uri("/api/v1/applications/{id}/submit", application).exchange().expectStatus().isOk();
        as(slt).post().uri("/api/v1/applications/{id}/approve", application).bodyValue(Map.of())
                .exchange().expectStatus().isOk();
        Map<String, Object> page = admin().get().uri("/api/v1/accounts?schoolId={s}", school).exchange()
                .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        String accountId = (String) ((List<Map<String, Object>>) page.get("items")).get(0).get("id");
        return new Approved(school, accountId);
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
