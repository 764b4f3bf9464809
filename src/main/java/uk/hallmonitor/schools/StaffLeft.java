package uk.hallmonitor.schools;

import java.time.Instant;

/** A member of staff left: their access has ended, and everything they ran or could reach must be re-checked. */
public record StaffLeft(String staffId, String schoolId, String name, Instant leftAt, String recordedBy) {
}
