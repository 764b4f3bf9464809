package uk.hallmonitor.accounts;

import org.junit.jupiter.api.Test;
import uk.hallmonitor.AppTestSupport;

/** Account answers name each runner beside the staff id. */
class RunnerNamesTests extends AppTestSupport {

    @Test
    void anAccountShowsItsRunnersByName() {
        ActiveAccount account = activeAccount("X", "5701", null);
        admin().get().uri("/api/v1/accounts/{id}", account.accountId()).exchange().expectStatus().isOk()
                .expectBody()
                .jsonPath("$.runnerIds[0]").isEqualTo(account.runner1().id())
                .jsonPath("$.runners[0].staffId").isEqualTo(account.runner1().id())
                .jsonPath("$.runners[0].name").isEqualTo("Person " + account.runner1().username())
                .jsonPath("$.runners[1].name").isEqualTo("Person " + account.runner2().username());
    }
}
