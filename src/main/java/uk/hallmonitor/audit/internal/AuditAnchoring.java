package uk.hallmonitor.audit.internal;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import uk.hallmonitor.audit.AuditProperties;
import uk.hallmonitor.system.SubscribedLoop;

/**
 * Checks the whole chain every {@code hallmonitor.audit.anchor-every} (on the same kind of reactive timer as the
 * vault's sweeps) and, when it is whole, moves the anchor to its head; that also covers entries appended by other
 * instances sharing the database. A broken chain is logged as an error and never anchored.
 */
@Component
class AuditAnchoring extends SubscribedLoop {

    private static final Logger log = LoggerFactory.getLogger(AuditAnchoring.class);

    private final HashChainedAuditTrail trail;
    private final Duration every;

    AuditAnchoring(HashChainedAuditTrail trail, AuditProperties properties) {
        this.trail = trail;
        this.every = properties.anchorEvery();
    }

    @Override
    protected Disposable subscribe() {
        return Flux.interval(every, every)
                .onBackpressureDrop()
                .concatMap(tick -> trail.verify()
                        .doOnNext(check -> {
                            if (!check.valid()) {
                                log.error("audit chain check: {} break(s); first at {}: {}", check.breaks().size(),
                                        check.firstBrokenSeq(), check.reason());
                            }
                        })
                        .onErrorResume(error -> {
                            log.warn("audit chain check failed: {}", error.toString());
                            return Mono.empty();
                        }), 0)
                .subscribe();
    }
}
