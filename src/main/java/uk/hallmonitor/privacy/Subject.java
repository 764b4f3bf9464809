package uk.hallmonitor.privacy;

import java.util.Locale;
import uk.hallmonitor.audit.DataAccessLog;

/**
 * The person a subject access or erasure request is about: a member of the public on a platform
 * ({@code platform} + {@code handle}) or a member of staff ({@code staffId}), within one school.
 *
 * @param schoolId the school whose records are searched
 * @param platform the platform's name (e.g. {@code X}), with {@code handle}; {@code null} for staff
 * @param handle   the person's handle on the platform, with or without {@code @}
 * @param staffId  the staff record's id; {@code null} for a member of the public
 */
public record Subject(String schoolId, String platform, String handle, String staffId) {

    /** Whether this is a member of staff. */
    public boolean staff() {
        return staffId != null;
    }

    /** The handle without {@code @}, in lower case; {@code null} for staff. */
    public String bareHandle() {
        if (handle == null) {
            return null;
        }
        String name = handle.strip();
        return (name.startsWith("@") ? name.substring(1) : name).toLowerCase(Locale.ROOT);
    }

    /** The key the audit trail knows the person by ({@link DataAccessLog}). */
    public String auditKey() {
        return staff() ? DataAccessLog.staff(staffId) : DataAccessLog.handle(platform, handle);
    }
}
