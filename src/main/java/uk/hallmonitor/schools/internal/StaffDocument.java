package uk.hallmonitor.schools.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.mapping.Document;
import uk.hallmonitor.system.security.Role;

/** A member of staff (and their login) as stored. */
@Document("staff")
record StaffDocument(@Id String id, String schoolId, String name, String email, String username,
                     String passwordHash, Set<Role> roles, boolean active, Instant leftAt,
                     List<Acknowledgement> acknowledgements, List<Training> training, List<ApiToken> apiTokens,
                     Instant createdAt, String createdBy, @Version Long version) {

    /** A signed staff e-safety agreement. */
    record Acknowledgement(String policyVersion, LocalDate signedOn, Instant recordedAt, String recordedBy) {
    }

    /** A completed training course. */
    record Training(String course, LocalDate completedOn, LocalDate expiresOn, Instant recordedAt, String recordedBy) {
    }

    /** A personal API token, stored only as its hash. */
    record ApiToken(String id, String name, String hash, Instant createdAt) {
    }
}
