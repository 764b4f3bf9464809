package uk.hallmonitor.schools.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import uk.hallmonitor.schools.SchoolsProperties;

/** The rules for a current acknowledgement and current training, on a given day. */
final class Eligibility {

    private Eligibility() {
    }

    static boolean acknowledged(StaffDocument staff, String requiredVersion, LocalDate today, SchoolsProperties rules) {
        return staff.acknowledgements() != null && staff.acknowledgements().stream()
                .anyMatch(a -> !a.signedOn().isAfter(today)
                        && a.signedOn().plus(rules.acknowledgementValidity()).isAfter(today)
                        && (requiredVersion == null || requiredVersion.isBlank()
                                || requiredVersion.equals(a.policyVersion())));
    }

    static boolean trained(StaffDocument staff, LocalDate today) {
        return staff.training() != null && staff.training().stream()
                .anyMatch(t -> !t.completedOn().isAfter(today) && t.expiresOn().isAfter(today));
    }

    static List<String> gaps(StaffDocument staff, String requiredVersion, LocalDate today, SchoolsProperties rules) {
        List<String> gaps = new ArrayList<>();
        String who = staff.name() + " (id " + staff.id() + ")";
        if (!staff.active()) {
            gaps.add(who + " has left the school");
        }
        if (!acknowledged(staff, requiredVersion, today, rules)) {
            gaps.add(who + " has no current policy acknowledgement"
                    + (requiredVersion == null || requiredVersion.isBlank() ? ""
                            : " of policy version " + requiredVersion));
        }
        if (!trained(staff, today)) {
            gaps.add(who + " has no current training");
        }
        return gaps;
    }
}
