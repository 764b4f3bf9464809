package uk.hallmonitor.classification;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Status;
import reactor.core.publisher.Mono;

/**
 * Whether the classification models are in: OUT_OF_SERVICE while they load (the service answers, posts wait to be
 * classified), UP with their version once loaded, DOWN with the reason when they could not be loaded. Part of the
 * readiness group, so a load balancer sends traffic only once posts can be classified.
 */
class ClassifierHealth implements ReactiveHealthIndicator {

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
                    .orElseGet(() -> Health.status(Status.OUT_OF_SERVICE)
                            .withDetail("loading", "the classification models are loading").build());
        });
    }
}
