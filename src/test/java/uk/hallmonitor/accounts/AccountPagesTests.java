package uk.hallmonitor.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import uk.hallmonitor.AppTestSupport;

/** The register page explains each account's connection in words, and an import-only account is not "failing". */
class AccountPagesTests extends AppTestSupport {

    @Autowired
    AccountRegister register;

    @Test
    void anImportOnlyAccountIsExplainedAsImportedWhileAPolledAccountsFailuresAreExplained() {
        ActiveAccount facebook = activeAccount("FACEBOOK", "fb-" + UUID.randomUUID(), null);
        register.recordHealth(facebook.accountId(), new ConnectorHealth("DEGRADED", null, 3,
                "MISCONFIGURED: Hallmonitor has no connector for FACEBOOK")).block();

        String page = page(facebook.slt(), "/ui/accounts");
        assertThat(page).contains("Imported from files").contains("Hallmonitor cannot read Facebook itself")
                .doesNotContain("DEGRADED").doesNotContain("Having trouble")
                .contains("Person " + facebook.runner1().username()).doesNotContain(facebook.runner1().id());

        ActiveAccount x = activeAccount("X", "x-" + UUID.randomUUID(), null);
        register.recordHealth(x.accountId(), new ConnectorHealth("UNAUTHORIZED",
                clock.instant().minus(Duration.ofHours(5)), 2, "UNAUTHORIZED: token expired")).block();
        String xPage = page(x.slt(), "/ui/accounts/" + x.accountId());
        assertThat(xPage).contains("Needs a new password").contains("refused the stored password or token")
                .contains("Activated").contains("Opened when SLT approved the application");
        // SLT may change who runs it: the current runners come ticked, in the account page's own words
        assertThat(xPage).contains("<legend>Who runs the account</legend>")
                .contains("Everyone who runs it must have signed the acceptable-use policy")
                .containsPattern("value=\"" + x.runner1().id() + "\"\\s+checked")
                .containsPattern("value=\"" + x.runner2().id() + "\"\\s+checked");
    }

    @Test
    void aFacebookPageWithoutATokenSaysWhatItNeedsAndIsNotFailing() {
        ActiveAccount waiting = activeAccount("FACEBOOK", "fb-" + UUID.randomUUID(), null);
        register.recordHealth(waiting.accountId(), new ConnectorHealth("FAILING", null, 4, "MISCONFIGURED: not "
                + "connected: the vault holds no 'pageAccessToken' for Facebook account " + waiting.accountId()))
                .block();
        assertThat(page(waiting.slt(), "/ui/accounts/" + waiting.accountId())).contains("Imported from files")
                .contains("until an administrator stores the Page access token (pageAccessToken) in the vault")
                .doesNotContain("Not working");
        String activation = admin().get().uri("/ui/admin/accounts/{id}/activate", waiting.accountId())
                .accept(MediaType.TEXT_HTML).exchange().expectStatus().isOk().expectBody(String.class).returnResult()
                .getResponseBody();
        assertThat(activation).contains("Facebook: the Page id").contains("pages_manage_engagement")
                .contains("pageAccessToken").doesNotContain("YouTube: the channel id");
    }

    @Test
    void anotherSchoolsAccountPageIsNotFound() {
        ActiveAccount account = activeAccount("X", "x-" + UUID.randomUUID(), null);
        Person outsider = newStaff(newSchool(), "SLT");
        as(outsider).get().uri("/ui/accounts/{id}", account.accountId()).accept(MediaType.TEXT_HTML).exchange()
                .expectStatus().isNotFound();
    }

    @Test
    void aRunnersForgedSuspendOrCloseIsRefusedAndTheAccountStaysActive() {
        ActiveAccount account = activeAccount("OTHER", "o-" + UUID.randomUUID(), null);
        assertThat(page(account.runner1(), "/ui/accounts/" + account.accountId())).doesNotContain("Manage the account");
        for (String action : new String[] {"suspend", "close", "runners"}) {
            as(account.runner1()).post().uri("/ui/accounts/{id}/" + action, account.accountId())
                    .contentType(MediaType.APPLICATION_FORM_URLENCODED).accept(MediaType.TEXT_HTML)
                    .bodyValue("reason=mine+now&confirm=yes&runnerIds=" + account.runner1().id() + "&runnerIds="
                            + account.runner2().id())
                    .exchange().expectStatus().isForbidden();
        }
        assertThat(register.account(account.accountId()).block().status()).isEqualTo(AccountStatus.ACTIVE);
    }

    @Test
    void aSuspensionWithoutAReasonComesBackAskingForOneAndChangesNothing() {
        ActiveAccount account = activeAccount("OTHER", "o-" + UUID.randomUUID(), null);
        String refused = as(account.slt()).post().uri("/ui/accounts/{id}/suspend", account.accountId())
                .contentType(MediaType.APPLICATION_FORM_URLENCODED).accept(MediaType.TEXT_HTML).bodyValue("reason=+")
                .exchange().expectStatus().isBadRequest().expectBody(String.class).returnResult().getResponseBody();
        assertThat(refused).contains("Say why the account is suspended").contains("aria-invalid=\"true\"");
        assertThat(register.account(account.accountId()).block().status()).isEqualTo(AccountStatus.ACTIVE);

        as(account.slt()).post().uri("/ui/accounts/{id}/suspend", account.accountId())
                .contentType(MediaType.APPLICATION_FORM_URLENCODED).bodyValue("reason=Half+term")
                .exchange().expectStatus().isSeeOther();
        assertThat(register.account(account.accountId()).block().status()).isEqualTo(AccountStatus.SUSPENDED);
    }

    private String page(Person person, String path) {
        return as(person).get().uri(path).accept(MediaType.TEXT_HTML).exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
    }
}
