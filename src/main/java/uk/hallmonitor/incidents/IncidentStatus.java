package uk.hallmonitor.incidents;

import java.util.Set;

/** Where an incident is in its workflow; each step may only move forward, and closing needs an outcome. */
public enum IncidentStatus {
    OPEN, ASSESSED, ACTIONED, CLOSED;

    /** Statuses reachable in one transition. Skipping ahead is allowed (an obvious case may be closed at once). */
    Set<IncidentStatus> next() {
        return switch (this) {
            case OPEN -> Set.of(ASSESSED, ACTIONED, CLOSED);
            case ASSESSED -> Set.of(ACTIONED, CLOSED);
            case ACTIONED -> Set.of(CLOSED);
            case CLOSED -> Set.of();
        };
    }

    boolean canMoveTo(IncidentStatus target) {
        return next().contains(target);
    }
}
