package uk.hallmonitor.moderation.internal;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import uk.hallmonitor.alerts.AlertOutbox;
import uk.hallmonitor.alerts.AlertsHealth;
import uk.hallmonitor.system.security.Caller;
import uk.hallmonitor.system.security.Callers;
import uk.hallmonitor.system.security.Role;
import uk.hallmonitor.system.web.PageNotices;

/**
 * The banner at the top of every page for the DSL, deputies, head teacher, SLT and ADMIN: each unacknowledged CRITICAL
 * safeguarding alert that no email, Teams or Slack message got through for, with a button to acknowledge it; and for
 * ADMIN, why alerts cannot be emailed, while that is so.
 */
@Component
record SafeguardingBanner(SafeguardingStore store, AlertOutbox alerts, AlertsHealth health) implements PageNotices {

    static final Role[] SHOWN_TO = {Role.DSL, Role.DEPUTY_DSL, Role.HEADTEACHER, Role.SLT, Role.ADMIN};
    /** Undelivered alerts shown one by one, each with its button; the rest are counted in one line. */
    static final int SHOWN = 3;
    private static final int CHECKED = 100;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("d MMMM 'at' HH:mm", Locale.UK)
            .withZone(ZoneId.of("Europe/London"));

    @Override
    public Flux<Banner> banners() {
        return Callers.current().onErrorResume(error -> Mono.empty()).flatMapMany(caller -> {
            if (!caller.hasAny(SHOWN_TO)) {
                return Flux.empty();
            }
            Flux<Banner> mail = caller.isAdmin()
                    ? health.problem().map(reason -> Banner.of("Alerts are not being emailed: " + reason + ".")).flux()
                    : Flux.empty();
            return Flux.concat(mail, undelivered(caller));
        });
    }

    /**
     * The caller's unacknowledged CRITICAL alerts that reached nobody outside the app, oldest first. Whether each
     * reached anyone is read for {@value #CHECKED} alerts at a time in one query, not one query per alert: every page
     * asks this.
     */
    Flux<SafeguardingAlert> unreached(Caller caller) {
        return store.unacknowledgedCritical(caller.isAdmin() ? null : caller.schoolId())
                .filter(alert -> caller.canSee(alert.schoolId()))
                .buffer(CHECKED)
                .concatMap(batch -> alerts.reachedOutsideOf(batch.stream().flatMap(a -> a.sources().stream()).toList())
                        .collect(Collectors.toSet())
                        .flatMapIterable(reached -> batch.stream()
                                .filter(alert -> alert.sources().stream().noneMatch(reached::contains)).toList()));
    }

    /**
     * The first {@value #SHOWN} undelivered alerts each with its button, then one line saying how many more there
     * are and where they are listed: a page must not carry hundreds of banners (each a form) when many wait.
     */
    private Flux<Banner> undelivered(Caller caller) {
        return unreached(caller).collectList().flatMapIterable(waiting -> {
            List<Banner> banners = new ArrayList<>();
            waiting.stream().limit(SHOWN).map(SafeguardingBanner::banner).forEach(banners::add);
            int more = waiting.size() - SHOWN;
            if (more > 0) {
                banners.add(Banner.of((more == 1 ? "1 more CRITICAL safeguarding alert was"
                        : more + " more CRITICAL safeguarding alerts were") + " not delivered by email, Teams or "
                        + "Slack and " + (more == 1 ? "waits" : "wait") + " to be acknowledged: they are listed "
                        + "under Safeguarding alerts."));
            }
            return banners;
        });
    }

    private static Banner banner(SafeguardingAlert alert) {
        return new Banner("CRITICAL safeguarding alert, not delivered by email, Teams or Slack: " + alert.subject()
                + " (raised " + TIME.format(alert.raisedAt())
                + (alert.incidentNumber() == null ? "" : ", incident " + alert.incidentNumber()) + ").",
                "/ui/safeguarding-alerts/" + alert.id() + "/acknowledgement", "Acknowledge");
    }
}
