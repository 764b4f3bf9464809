package uk.hallmonitor.vault.internal;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import uk.hallmonitor.system.SubscribedLoop;

/**
 * Opens the vault before the service takes requests (blocking is fine then), and once it runs, resumes an
 * interrupted key rotation and sweeps for credentials due for a change.
 */
class VaultStartup extends SubscribedLoop implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(VaultStartup.class);

    private final VaultKeys keys;
    private final KeyRotations rotations;
    private final RotationReminders reminders;
    private final Duration sweepEvery;

    VaultStartup(VaultKeys keys, KeyRotations rotations, RotationReminders reminders,
                 Duration sweepEvery) {
        this.keys = keys;
        this.rotations = rotations;
        this.reminders = reminders;
        this.sweepEvery = sweepEvery;
    }

    @Override
    public void afterSingletonsInstantiated() {
        keys.open();
    }

    @Override
    protected Disposable subscribe() {
        if (keys.lockedBecause().isPresent()) {
            return null;
        }
        rotations.resumeUnfinished();
        return Flux.interval(sweepEvery, sweepEvery)
                .onBackpressureDrop()
                .concatMap(tick -> reminders.sweep().onErrorResume(error -> {
                    log.warn("credential rotation sweep failed: {}", error.toString());
                    return Mono.just(0L);
                }), 0)
                .subscribe(raised -> log.debug("credential rotation sweep raised {} reason(s)", raised));
    }

    @Override
    protected void afterStop() {
        rotations.stop();
    }
}
