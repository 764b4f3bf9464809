package uk.hallmonitor.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;

/** A loop runs while it holds its subscription; a stop finishes its work before disposing of it, and can repeat. */
class SubscribedLoopTests {

    private final List<String> calls = new ArrayList<>();

    private final class Loop extends SubscribedLoop {
        boolean mayRun = true;
        Disposable last;

        @Override
        protected Disposable subscribe() {
            calls.add("subscribe");
            last = mayRun ? Flux.never().doOnCancel(() -> calls.add("disposed")).subscribe() : null;
            return last;
        }

        @Override
        protected void beforeDispose() {
            calls.add("drain");
        }

        @Override
        protected void afterStop() {
            calls.add("after stop");
        }
    }

    @Test
    void aStopDrainsThenDisposesAndTheLoopCanStartAgain() {
        Loop loop = new Loop();

        loop.start();
        assertThat(loop.isRunning()).isTrue();
        loop.stop();
        assertThat(loop.isRunning()).isFalse();
        loop.start();

        assertThat(calls).containsExactly("subscribe", "drain", "disposed", "after stop", "subscribe");
        assertThat(loop.isRunning()).isTrue();
    }

    @Test
    void aLoopThatMustNotRunCountsAsStoppedAndItsStopOnlyTidiesUp() {
        Loop loop = new Loop();
        loop.mayRun = false;

        loop.start();
        assertThat(loop.isRunning()).isFalse();
        loop.stop();
        loop.stop();

        assertThat(calls).containsExactly("subscribe", "after stop", "after stop");
    }
}
