package uk.hallmonitor.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import uk.hallmonitor.AppTestSupport;

/**
 * Without a mail server (the plain test service has none) the {@code alerts} health component is DEGRADED and says
 * why, to ADMIN only, while the service itself stays UP; every page tells the administrator too.
 */
class AlertsHealthTests extends AppTestSupport {

    @Test
    void withoutAMailServerTheAlertsComponentIsDegradedWithTheReason() {
        admin().get().uri("/actuator/health").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.status").isEqualTo("UP")
                .jsonPath("$.components.alerts.status").isEqualTo("DEGRADED")
                .jsonPath("$.components.alerts.details.reason").value(reason -> assertThat((String) reason)
                        .startsWith("no mail server configured").contains("SPRING_MAIL_HOST"));
    }

    @Test
    void othersSeeOnlyThatTheServiceIsUp() {
        web.get().uri("/actuator/health").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.status").isEqualTo("UP")
                .jsonPath("$.components").doesNotExist();
        String school = newSchool();
        Person slt = newStaff(school, "SLT");
        as(slt).get().uri("/actuator/health").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.components").doesNotExist();
    }

    @Test
    void everyPageTellsTheAdministratorThatAlertsAreNotEmailed() {
        String page = admin().get().uri("/ui/accounts").exchange().expectStatus().isOk().expectBody(String.class)
                .returnResult().getResponseBody();
        assertThat(page).contains("Alerts are not being emailed: no mail server configured");
    }
}
