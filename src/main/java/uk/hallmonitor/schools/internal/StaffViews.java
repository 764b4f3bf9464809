package uk.hallmonitor.schools.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import uk.hallmonitor.system.security.Role;

/** What the API shows of schools and staff: never a password hash or a token hash. */
final class StaffViews {

    private StaffViews() {
    }

    record School(String id, String name, String urn, String timezone, String bankHolidayRegion, String policyVersion,
                  Instant createdAt) {

        static School of(SchoolDocument s) {
            return new School(s.id(), s.name(), s.urn(), s.timezone(), s.bankHolidayRegion(), s.policyVersion(),
                    s.createdAt());
        }
    }

    record Acknowledgement(String policyVersion, LocalDate signedOn, Instant recordedAt, String recordedBy) {
    }

    record Training(String course, LocalDate completedOn, LocalDate expiresOn, Instant recordedAt, String recordedBy) {
    }

    record Token(String id, String name, Instant createdAt) {
    }

    record Staff(String id, String schoolId, String name, String email, String username, Set<Role> roles,
                 boolean active, Instant leftAt, List<Acknowledgement> acknowledgements, List<Training> training,
                 Current current, List<Token> tokens, Instant createdAt) {
    }

    /** Whether the person's acknowledgement and training are current today, and what they lack. */
    record Current(boolean acknowledgement, boolean training, List<String> gaps) {
    }

    static Staff of(StaffDocument s, Current current, boolean withTokens) {
        return new Staff(s.id(), s.schoolId(), s.name(), s.email(), s.username(), s.roles(), s.active(), s.leftAt(),
                s.acknowledgements() == null ? List.of() : s.acknowledgements().stream()
                        .map(a -> new Acknowledgement(a.policyVersion(), a.signedOn(), a.recordedAt(), a.recordedBy()))
                        .toList(),
                s.training() == null ? List.of() : s.training().stream()
                        .map(t -> new Training(t.course(), t.completedOn(), t.expiresOn(), t.recordedAt(),
                                t.recordedBy()))
                        .toList(),
                current,
                withTokens && s.apiTokens() != null
                        ? s.apiTokens().stream().map(t -> new Token(t.id(), t.name(), t.createdAt())).toList() : null,
                s.createdAt());
    }

    /** The staff record for the audit trail: no hashes. */
    static Staff safe(StaffDocument s) {
        return of(s, null, false);
    }
}
