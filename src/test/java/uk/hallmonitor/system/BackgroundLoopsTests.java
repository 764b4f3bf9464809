package uk.hallmonitor.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import uk.hallmonitor.system.BackgroundLoops.Loop;

/** A module's loops start in order only when its background work is on, and always stop. */
class BackgroundLoopsTests {

    private final List<String> calls = new ArrayList<>();

    private Loop loop(String name) {
        return new Loop(() -> calls.add("start " + name), () -> calls.add("stop " + name));
    }

    @Test
    void loopsStartInOrderAndStopInOrder() {
        BackgroundLoops loops = BackgroundLoops.of(true, 7, loop("triage"), loop("escalations"));

        loops.start();
        assertThat(loops.isRunning()).isTrue();
        loops.stop();

        assertThat(calls).containsExactly("start triage", "start escalations", "stop triage", "stop escalations");
        assertThat(loops.isRunning()).isFalse();
        assertThat(loops.getPhase()).isEqualTo(7);
    }

    @Test
    void withBackgroundWorkOffNothingStartsButStoppingIsStillSafe() {
        BackgroundLoops loops = BackgroundLoops.of(false, 0, loop("dispatcher"));

        loops.start();
        loops.stop();

        assertThat(calls).containsExactly("stop dispatcher");
    }
}
