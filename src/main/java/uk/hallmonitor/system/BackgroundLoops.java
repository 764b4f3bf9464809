package uk.hallmonitor.system;

import java.util.List;
import org.springframework.context.SmartLifecycle;

/**
 * A module's background loops as one {@link SmartLifecycle}: started in the order given once the application is
 * up (only when the module's background work is switched on), stopped in the same order before it closes.
 */
public final class BackgroundLoops implements SmartLifecycle {

    /** One loop: how it starts and how it stops. */
    public record Loop(Runnable start, Runnable stop) {
    }

    private final boolean enabled;
    private final int phase;
    private final List<Loop> loops;
    private volatile boolean running;

    private BackgroundLoops(boolean enabled, int phase, List<Loop> loops) {
        this.enabled = enabled;
        this.phase = phase;
        this.loops = loops;
    }

    /** Loops started and stopped at {@code phase}; when {@code enabled} is false they never start. */
    public static BackgroundLoops of(boolean enabled, int phase, Loop... loops) {
        return new BackgroundLoops(enabled, phase, List.of(loops));
    }

    @Override
    public void start() {
        if (enabled) {
            loops.forEach(loop -> loop.start().run());
        }
        running = true;
    }

    @Override
    public void stop() {
        loops.forEach(loop -> loop.stop().run());
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return phase;
    }
}
