package uk.hallmonitor.sla;

import java.time.Instant;
import reactor.core.publisher.Mono;

/** How a school met its response times over a period, for the leadership reports. */
public interface SlaCompliance {

    /** Figures over the clocks of items received in {@code [from, to)}, for the school and for each account. */
    Mono<SchoolCompliance> between(String schoolId, Instant from, Instant to);
}
