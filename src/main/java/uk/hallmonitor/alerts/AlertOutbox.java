package uk.hallmonitor.alerts;

import java.util.Collection;
import java.util.List;
import java.util.function.Function;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The outbox for modules that route their own alerts (moderation's flagged posts and safeguarding escalations):
 * they decide the deliveries from the school's {@link AlertSettings}, the outbox records and sends them.
 */
public interface AlertOutbox {

    /**
     * Records one alert per delivery under {@code sourceKey} (a repeat of the same source, recipient and channel is
     * dropped) and wakes the dispatcher for the ones this call recorded.
     */
    Mono<Void> record(String schoolId, String sourceKey, List<Delivery> deliveries,
                      Function<Channel, AlertMessage> message);

    /** The school's alerting rules, or the defaults. */
    Mono<AlertSettings> settings(String schoolId);

    /** Whether any alert of these sources was delivered outside the app (email, Teams or Slack). */
    Mono<Boolean> reachedOutside(Collection<String> sourceKeys);

    /**
     * Of these sources, the ones any alert was delivered for outside the app: {@link #reachedOutside} for many
     * sources in one read, so a page with many safeguarding alerts asks once, not once per alert.
     */
    Flux<String> reachedOutsideOf(Collection<String> sourceKeys);
}
