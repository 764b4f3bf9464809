package uk.hallmonitor.schools;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import uk.hallmonitor.system.security.Caller;
import uk.hallmonitor.system.security.Role;
import uk.hallmonitor.system.web.Problems;

/** Read access to schools and staff for the other modules. */
public interface SchoolDirectory {

    /** The school, or empty when there is none with that id. */
    Mono<SchoolView> school(String schoolId);

    /** Every school of the trust, in name order. */
    Flux<SchoolView> schools();

    /**
     * The school a page is about: the caller's own, or the one an administrator chose ({@code wanted}). Empty while
     * an administrator has not chosen, after handing every school, by name, to {@code offer}; a school the caller may
     * not see, or that does not exist, is not found (404).
     */
    default Mono<Optional<SchoolView>> shownTo(Caller caller, String wanted, Consumer<List<SchoolView>> offer) {
        String id = caller.isAdmin() ? (wanted == null || wanted.isBlank() ? null : wanted) : caller.schoolId();
        if (id == null) {
            return schools().sort(Comparator.comparing(SchoolView::name)).collectList().map(all -> {
                offer.accept(all);
                return Optional.empty();
            });
        }
        if (!caller.canSee(id)) {
            return Mono.error(Problems.notFound("school", id));
        }
        return school(id).map(Optional::of).switchIfEmpty(Mono.error(() -> Problems.notFound("school", id)));
    }

    /** The staff member, or empty. */
    Mono<StaffView> staff(String staffId);

    /** Active staff of the school holding the role (for ADMIN: every active trust-wide administrator). */
    Flux<StaffView> staffWithRole(String schoolId, Role role);
}
