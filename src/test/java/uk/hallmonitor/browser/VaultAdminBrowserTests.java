package uk.hallmonitor.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * The administrator's vault and sign-in pages: rotating the vault's key and following it to its end, with the
 * history of rotations (who, when, outcome); switching password sign-in off and on again beside Microsoft and
 * Google; requiring multi-factor sign-in before a school's secrets are revealed. Others are refused both pages.
 */
class VaultAdminBrowserTests extends BrowserTestSupport {

    @Test
    void adminRotatesTheVaultKeyAndSeesItFinishInTheHistoryWithTheirName() {
        ActiveAccount account = activeAccount("OTHER", "oakfield-news", null);
        admin().put().uri("/api/v1/accounts/{id}/credentials/password", account.accountId())
                .bodyValue(Map.of("secret", "Oakfield-news-2026")).exchange().expectStatus().isNoContent();
        logIn("admin", ADMIN_PASSWORD);
        open("/");
        find("nav a[href='/ui/vault/key-rotations']").click();
        assertThat(text("h1")).isEqualTo("Vault key rotation");
        assertAccessible("vault-key-rotations");

        find("form[action='/ui/vault/key-rotations'] button[type=submit]").click();
        waitFor(driver -> !driver.findElements(By.cssSelector(".confirmation")).isEmpty());
        assertThat(text(".confirmation")).startsWith("Key rotation started").contains("being re-encrypted");

        // the rotation runs in the background: the page (reloaded here, polled by htmx in a browser) shows its end
        waitFor(driver -> {
            open("/ui/vault/key-rotations");
            return text("tbody tr").contains("Finished");
        });
        assertThat(text("tbody tr")).contains("Administrator").contains("Every stored secret is under the new key");
        assertThat(browser.findElements(By.cssSelector("form[action='/ui/vault/key-rotations']")))
                .as("a new rotation can start once the last has ended").hasSize(1);
        assertAccessible("vault-key-rotations-finished");

        // the secret still opens under the new key
        admin().post().uri("/api/v1/accounts/{id}/credentials/password/reveal", account.accountId())
                .bodyValue(Map.of("reason", "checking the rotation")).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.secret").isEqualTo("Oakfield-news-2026");
    }

    @Test
    void adminSwitchesPasswordSignInOffAndOnAndRequiresMultiFactorForASchoolsReveals() {
        String school = newSchool("Oakfield Primary");
        try {
            logIn("admin", ADMIN_PASSWORD);
            open("/");
            find("nav a[href='/ui/admin/sign-in']").click();
            assertThat(text("main")).contains("Sign in with Microsoft").contains("Sign in with Google")
                    .contains("Break-glass administrators: admin");
            assertThat(find("#passwords-yes").isSelected()).isTrue();
            assertAccessible("sign-in-settings");

            find("#passwords-no").click();
            find("form[action='/ui/admin/sign-in/passwords'] button[type=submit]").click();
            waitFor(driver -> !driver.findElements(By.cssSelector(".confirmation")).isEmpty());
            assertThat(text(".confirmation")).contains("only the break-glass administrators may use a password");
            assertThat(find("#passwords-no").isSelected()).isTrue();
            assertThat(text("main")).contains("Last changed").contains("by Administrator");
            admin().get().uri("/api/v1/sign-in-settings").exchange().expectStatus().isOk()
                    .expectBody().jsonPath("$.passwords").isEqualTo(false);

            find("#passwords-yes").click();
            find("form[action='/ui/admin/sign-in/passwords'] button[type=submit]").click();
            waitFor(driver -> !driver.findElements(By.cssSelector(".confirmation")).isEmpty());
            assertThat(text(".confirmation")).contains("staff may sign in with a password");

            find("#mfa-" + school).click();
            waitFor(driver -> !driver.findElements(By.cssSelector(".confirmation")).isEmpty());
            assertThat(text(".confirmation")).contains("at Oakfield Primary revealing a secret now needs")
                    .contains("multi-factor");
            assertThat(find("#mfa-" + school).getText()).contains("Stop requiring");
            admin().get().uri("/api/v1/vault/schools/{id}/settings", school).exchange().expectStatus().isOk()
                    .expectBody().jsonPath("$.mfaForReveal").isEqualTo(true);
            assertAccessible("sign-in-settings-saved");
        } finally {
            // the application context is shared with other test classes, whose staff sign in with passwords
            admin().put().uri("/api/v1/sign-in-settings").bodyValue(Map.of("passwords", true)).exchange()
                    .expectStatus().isOk();
        }
    }

    @Test
    void neitherPageIsOfferedOrShownToSomeoneWhoIsNotAnAdministrator() {
        String school = newSchool("Oakfield Primary");
        Person head = newCurrentStaff(school, "HEADTEACHER", "SLT");
        logIn(head);
        assertThat(text("nav")).doesNotContain("Vault keys").doesNotContain("Sign-in settings");
        open("/ui/vault/key-rotations");
        assertThat(text("main")).doesNotContain("Rotate the vault's key now");
        assertThat(browser.findElements(By.cssSelector("form[action='/ui/vault/key-rotations']"))).isEmpty();
        open("/ui/admin/sign-in");
        assertThat(browser.findElements(By.cssSelector("form[action='/ui/admin/sign-in/passwords']"))).isEmpty();
        assertThat(text("main")).contains("trust administrator");
    }
}
