package uk.hallmonitor.alerts.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BackoffTests {

    @ParameterizedTest(name = "after {0} failures wait {1}")
    @CsvSource(textBlock = """
            1,  PT2S
            2,  PT4S
            3,  PT8S
            9,  PT8M32S
            10, PT10M
            60, PT10M
            """)
    void waitsDoubleUpToTheCeiling(int failures, Duration expected) {
        assertThat(new Backoff(Duration.ofSeconds(2), Duration.ofMinutes(10)).after(failures)).isEqualTo(expected);
    }
}
