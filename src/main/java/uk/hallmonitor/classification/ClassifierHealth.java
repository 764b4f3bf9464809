package uk.hallmonitor.classification;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Status;
import reactor.core.publisher.Mono;

/**
 * Whether the classification models are in. LOADING while they load: the service answers and stores posts, which
 * wait to be classified; the overall health stays UP (nothing is broken), and the readiness group, which orders
 * LOADING first and answers it with 503, keeps a load balancer's traffic away until posts can be classified. UP with
 * the version once loaded; DOWN with the reason when they could not be loaded.
 */
class ClassifierHealth implements ReactiveHealthIndicator {

    /** The models are still loading (configured in application.yml: after UP for the overall health, 503 for readiness). */
    static final Status LOADING = new Status("LOADING", "the classification models are loading");

    private final OpenNlpPostClassifier classifier;

    ClassifierHealth(OpenNlpPostClassifier classifier) {
        this.classifier = classifier;
    }

    @Override
    public Mono<Health> health() {
        return Mono.fromSupplier(() -> {
            if (classifier.ready()) {
                return Health.up().withDetail("version", classifier.modelVersion()).build();
            }
            return classifier.loadFailure()
                    .map(reason -> Health.down().withDetail("error", "the classification models could not be "
                            + "loaded: " + reason).build())
                    .orElseGet(() -> Health.status(LOADING).build());
        });
    }
}
