package uk.hallmonitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Rules for the test sources themselves, where one test can break others that share its JVM. */
class TestSourcesTests {

    /**
     * A virtual clock installed for the whole JVM ({@code StepVerifier.withVirtualTime}, {@code
     * VirtualTimeScheduler.getOrSet/set}) replaces Reactor's scheduler factory, which shuts down the shared parallel
     * and bounded-elastic schedulers under every Spring context other test classes keep running: an audit append in
     * flight at that moment never completed, and requests that record an audit event then hung for a minute, in other
     * classes, in the clean-clone runs of 8 December 2026. Tests make their own {@code VirtualTimeScheduler.create()}
     * and hand it to the code under test.
     */
    private static final Pattern GLOBAL_VIRTUAL_TIME = Pattern.compile(
            "withVirtualTime\\s*\\(|VirtualTimeScheduler\\s*\\.\\s*(getOrSet|set)\\s*\\(");

    @Test
    void noTestInstallsAVirtualClockForTheWholeJvm() throws IOException {
        Path self = Path.of("src/test/java/uk/hallmonitor/TestSourcesTests.java");
        List<Path> offenders;
        try (Stream<Path> files = Files.walk(Path.of("src/test/java"))) {
            offenders = files.filter(f -> f.toString().endsWith(".java")).filter(f -> !f.equals(self))
                    .filter(f -> GLOBAL_VIRTUAL_TIME.matcher(read(f)).find()).toList();
        }
        assertThat(offenders).as("tests that install a virtual clock for the whole JVM").isEmpty();
    }

    @Test
    void theRuleRecognisesBothWaysOfInstallingIt() {
        assertThat(GLOBAL_VIRTUAL_TIME.matcher("StepVerifier.withVirtualTime(() -> flux)").find()).isTrue();
        assertThat(GLOBAL_VIRTUAL_TIME.matcher("VirtualTimeScheduler.getOrSet()").find()).isTrue();
        assertThat(GLOBAL_VIRTUAL_TIME.matcher("VirtualTimeScheduler.create()").find()).isFalse();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new IllegalStateException(file.toString(), e);
        }
    }
}
