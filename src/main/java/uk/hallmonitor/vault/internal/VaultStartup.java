package uk.hallmonitor.vault.internal;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.SmartLifecycle;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Opens the vault before the service takes requests (blocking is fine then), and once it runs, resumes an
 * interrupted key rotation and sweeps for credentials due for a change.
 */
class VaultStartup implements SmartInitializingSingleton, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(VaultStartup.class);

    private final VaultKeys keys;
    private final KeyRotations rotations;
    private final RotationReminders reminders;
    private final Duration sweepEvery;
    private volatile Disposable sweeping;

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
    public void start() {
        if (keys.lockedBecause().isPresent()) {
            return;
        }
        rotations.resumeUnfinished();
        sweeping = Flux.interval(sweepEvery, sweepEvery)
                .onBackpressureDrop()
                .concatMap(tick -> reminders.sweep().onErrorResume(error -> {
                    log.warn("credential rotation sweep failed: {}", error.toString());
                    return Mono.just(0L);
                }), 0)
                .subscribe(raised -> log.debug("credential rotation sweep raised {} reason(s)", raised));
    }

    @Override
    public void stop() {
        Disposable running = sweeping;
        if (running != null) {
            running.dispose();
        }
        rotations.stop();
        sweeping = null;
    }

    @Override
    public boolean isRunning() {
        return sweeping != null;
    }
}
