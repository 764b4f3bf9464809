package uk.hallmonitor.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import uk.hallmonitor.AppTestSupport;

/**
 * The daily token check's answer is part of the account's connection health: polling reports never wipe it, the API
 * shows it, and the account page says it in words.
 */
class TokenHealthTests extends AppTestSupport {

    @Autowired
    AccountRegister register;

    @Test
    void theTokensExpiryAndScopesStayOnTheHealthWhilePollingReportsAndAreSaidInWords() {
        ActiveAccount page = activeAccount("FACEBOOK", "fb-" + UUID.randomUUID(), null);
        Instant checked = clock.instant();
        register.recordTokenHealth(page.accountId(), new TokenHealth(checked, true,
                Instant.parse("2027-01-14T09:00:00Z"), List.of("pages_read_engagement", "pages_manage_engagement"),
                List.of(), "the Page token expires on 14 January 2027; an admin must reconnect the Page before then"))
                .block();
        // the page is read before and after: polling writes its part field by field
        register.recordHealth(page.accountId(), new ConnectorHealth("OK", checked, 0, null)).block();

        as(page.slt()).get().uri("/api/v1/accounts/{id}", page.accountId()).exchange().expectStatus().isOk()
                .expectBody()
                .jsonPath("$.health.state").isEqualTo("OK")
                .jsonPath("$.health.token.expiresAt").isEqualTo("2027-01-14T09:00:00Z")
                .jsonPath("$.health.token.scopes[1]").isEqualTo("pages_manage_engagement")
                .jsonPath("$.health.token.words").isEqualTo("the Page token expires on 14 January 2027; an admin"
                        + " must reconnect the Page before then");
        assertThat(page(page.slt(), "/ui/accounts/" + page.accountId()))
                .contains("The Page token expires on 14 January 2027; an admin must reconnect the Page before then.");
    }

    @Test
    void aTokenCheckBeforeTheFirstPollLeavesTheAccountNotCheckedYetRatherThanBroken() {
        ActiveAccount page = activeAccount("FACEBOOK", "fb-" + UUID.randomUUID(), null);
        register.recordTokenHealth(page.accountId(), new TokenHealth(clock.instant(), false, null, List.of(),
                List.of(), "the Page token is no longer accepted; an admin must reconnect the Page")).block();

        assertThat(page(page.slt(), "/ui/accounts/" + page.accountId())).contains("Not checked yet")
                .contains("The Page token is no longer accepted; an admin must reconnect the Page.");
        assertThat(page(page.slt(), "/ui/accounts")).contains("Not checked yet");
    }

    private String page(Person person, String path) {
        return as(person).get().uri(path).accept(MediaType.TEXT_HTML).exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
    }
}
