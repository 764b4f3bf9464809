package uk.hallmonitor.incidents;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IncidentStatusTests {

    @ParameterizedTest(name = "{0} -> {1}: {2}")
    @CsvSource(textBlock = """
            OPEN,     ASSESSED, true
            OPEN,     CLOSED,   true
            ASSESSED, ACTIONED, true
            ACTIONED, CLOSED,   true
            ASSESSED, OPEN,     false
            CLOSED,   OPEN,     false
            CLOSED,   CLOSED,   false
            OPEN,     OPEN,     false
            """)
    void incidentsOnlyMoveForward(IncidentStatus from, IncidentStatus to, boolean allowed) {
        assertThat(from.canMoveTo(to)).isEqualTo(allowed);
    }
}
