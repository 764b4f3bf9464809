package uk.hallmonitor.system;

import org.springframework.context.SmartLifecycle;
import reactor.core.Disposable;

/**
 * A background loop whose running state is one subscription: starting subscribes it, stopping disposes of it, and it
 * runs while it holds one. A loop with a graceful stop finishes its work in {@link #beforeDispose}.
 */
public abstract class SubscribedLoop implements SmartLifecycle {

    private volatile Disposable running;

    /** Subscribes the loop's work; answers the subscription, or {@code null} when the loop must not run now. */
    protected abstract Disposable subscribe();

    /** Runs after the loop stops taking new work and before its subscription is disposed of. */
    protected void beforeDispose() {
    }

    /** Runs at the end of every stop, whether or not the loop was running. */
    protected void afterStop() {
    }

    @Override
    public final void start() {
        running = subscribe();
    }

    @Override
    public final void stop() {
        Disposable was = running;
        running = null;
        if (was != null) {
            beforeDispose();
            was.dispose();
        }
        afterStop();
    }

    @Override
    public final boolean isRunning() {
        return running != null;
    }
}
