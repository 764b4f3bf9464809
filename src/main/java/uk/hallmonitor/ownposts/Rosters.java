package uk.hallmonitor.ownposts;

import java.util.Map;
import reactor.core.publisher.Mono;
import uk.hallmonitor.system.security.Caller;

/**
 * Pupil rosters and no-publish lists, imported from the school's MIS export and kept encrypted with the vault's keys.
 * Importing and reading names is for ADMIN, SLT and the DSL; a replacement is atomic (a new sealed version, then one
 * compare-and-set of the school's pointer). Nothing here logs a name.
 */
public interface Rosters {

    /**
     * Replaces the school's roster with the CSV; refused with a 400 problem listing every bad row by line (nothing
     * changed), 409 when another import replaced it meanwhile. {@code mapping} is roster field to header.
     */
    Mono<RosterSummary> replace(Caller caller, String schoolId, String csv, Map<String, String> mapping);

    /** What the CSV would give, with every problem, changing nothing. */
    Mono<RosterPreview> preview(Caller caller, String schoolId, String csv, Map<String, String> mapping);

    /** The current roster: names for ADMIN, SLT and DSL; counts for the school's moderators, head teacher and runners. */
    Mono<RosterSummary> current(Caller caller, String schoolId);

    /** Turns reporting a first name alone for every pupil on or off (ADMIN, SLT, DSL). */
    Mono<RosterSummary> reportFirstNames(Caller caller, String schoolId, boolean report);
}
