package uk.hallmonitor.monitoring.internal;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import uk.hallmonitor.system.Platform;
import uk.hallmonitor.system.security.Caller;
import uk.hallmonitor.system.security.Role;

/**
 * A watch as {@code /api/v1/watches} shows it, with the health of its searches.
 *
 * @param id         the watch id
 * @param schoolId   its school
 * @param platform   where it searches
 * @param terms      what it searches for
 * @param connection connector settings (no secrets); shown to ADMIN and the school's SLT only, empty for others
 * @param createdBy  username of who created it
 * @param createdAt  when
 * @param health     how its searches are faring, {@code null} before the first poll
 */
record WatchView(String id, String schoolId, Platform platform, List<String> terms, Map<String, String> connection,
                 String createdBy, Instant createdAt, Health health) {

    /** The health record of a watch's connection. */
    record Health(String state, Instant lastSuccessAt, int consecutiveFailures, String lastError,
                  Instant failingSince, Instant nextPollAt, List<String> warnings, Instant lastWarningAt) {

        static Health of(SourceState state) {
            HealthRecord h = state.health();
            return new Health(h.state(), h.lastSuccessAt(), h.consecutiveFailures(), h.lastError(), h.failingSince(),
                    state.nextPollAt(), h.warnings(), h.lastWarningAt());
        }
    }

    /** The watch as the caller may see it: staff and governors see its terms and health, not where it connects. */
    static WatchView of(WatchDocument watch, SourceState state, Caller caller) {
        WatchView full = of(watch, state);
        if (caller.hasAnyIn(watch.schoolId(), Role.ADMIN, Role.SLT)) {
            return full;
        }
        return new WatchView(full.id(), full.schoolId(), full.platform(), full.terms(), Map.of(), full.createdBy(),
                full.createdAt(), full.health());
    }

    /** The whole watch, for the audit trail. */
    static WatchView of(WatchDocument watch, SourceState state) {
        return new WatchView(watch.id(), watch.schoolId(), watch.platform(), watch.terms(),
                watch.connection() == null ? Map.of() : watch.connection(), watch.createdBy(), watch.createdAt(),
                state == null ? null : Health.of(state));
    }
}
