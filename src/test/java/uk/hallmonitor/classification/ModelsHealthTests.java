package uk.hallmonitor.classification;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroup;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups;
import org.springframework.boot.health.contributor.Status;
import uk.hallmonitor.AppTestSupport;

/**
 * While the models load, the service is healthy (the overall status stays UP, 200: it answers and stores posts) but
 * not ready (readiness is LOADING, 503), so a load balancer or Kubernetes waits for it and a container health check
 * does not restart it. Checked on the running service's own health groups, and its "models" component once loaded.
 */
class ModelsHealthTests extends AppTestSupport {

    @Autowired
    HealthEndpointGroups groups;

    @Test
    void whileTheModelsLoadTheServiceIsHealthyButNotReady() {
        HealthEndpointGroup overall = groups.getPrimary();
        HealthEndpointGroup readiness = groups.get("readiness");

        assertThat(overall.getStatusAggregator().getAggregateStatus(Status.UP, ClassifierHealth.LOADING))
                .isEqualTo(Status.UP);
        assertThat(overall.getHttpCodeStatusMapper().getStatusCode(ClassifierHealth.LOADING)).isEqualTo(200);
        assertThat(readiness.isMember("models")).isTrue();
        assertThat(readiness.isMember("store")).isTrue();
        assertThat(readiness.getStatusAggregator().getAggregateStatus(Status.UP, ClassifierHealth.LOADING))
                .isEqualTo(ClassifierHealth.LOADING);
        assertThat(readiness.getHttpCodeStatusMapper().getStatusCode(ClassifierHealth.LOADING)).isEqualTo(503);
        // a failure still wins over loading, and is not ready either
        assertThat(overall.getStatusAggregator().getAggregateStatus(Status.DOWN, ClassifierHealth.LOADING))
                .isEqualTo(Status.DOWN);
        assertThat(readiness.getHttpCodeStatusMapper().getStatusCode(Status.DOWN)).isEqualTo(503);
        assertThat(overall.getHttpCodeStatusMapper().getStatusCode(Status.DOWN)).isEqualTo(503);
        assertThat(overall.getHttpCodeStatusMapper().getStatusCode(Status.OUT_OF_SERVICE)).isEqualTo(503);
    }

    @Test
    void onceTheModelsAreInTheServiceIsReadyAndTheAdministratorSeesTheirVersion() {
        web.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.status").isEqualTo("UP");
        admin().get().uri("/actuator/health").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.components.models.status").isEqualTo("UP")
                .jsonPath("$.components.models.details.version")
                .value(version -> assertThat((String) version).startsWith("hm-"));
    }
}
