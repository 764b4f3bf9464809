package uk.hallmonitor.monitoring.internal;

import reactor.core.publisher.Mono;
import uk.hallmonitor.connectors.Batch;
import uk.hallmonitor.connectors.Source;

/**
 * A fault-injection point between storing a batch and moving the cursor, where a crash hurts most. Production has
 * none; the crash test declares a bean that kills the poll there.
 */
interface PollFaults {

    PollFaults NONE = (source, batch) -> Mono.empty();

    /** Called after every post of the batch is stored and before the cursor moves. */
    Mono<Void> afterBatchStored(Source source, Batch batch);
}
