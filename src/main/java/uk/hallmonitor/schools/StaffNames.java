package uk.hallmonitor.schools;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import uk.hallmonitor.system.security.Role;

/**
 * Names of a school's staff for pages, which show people by name: keyed by staff id and by username (trails record
 * the username), so a page can name whoever a record mentions.
 */
@Component
public class StaffNames {

    private final SchoolDirectory directory;

    StaffNames(SchoolDirectory directory) {
        this.directory = directory;
    }

    /** Every member of staff of the school who holds a role (so everyone), by id and by username. */
    public Mono<Map<String, String>> ofSchool(String schoolId) {
        if (schoolId == null) {
            return Mono.just(Map.of());
        }
        return Flux.fromIterable(Arrays.asList(Role.values()))
                .flatMap(role -> directory.staffWithRole(schoolId, role))
                .collect(HashMap::new, (names, staff) -> {
                    names.put(staff.id(), staff.name());
                    if (staff.username() != null) {
                        names.put(staff.username(), staff.name());
                    }
                });
    }

    /** The school's active staff holding any of {@code roles}, by name (for "who leads on this" choices). */
    public Flux<StaffView> withAnyRole(String schoolId, Role... roles) {
        return Flux.fromArray(roles).flatMap(role -> directory.staffWithRole(schoolId, role))
                .filter(StaffView::active).distinct(StaffView::id)
                .sort(java.util.Comparator.comparing(StaffView::name));
    }
}
