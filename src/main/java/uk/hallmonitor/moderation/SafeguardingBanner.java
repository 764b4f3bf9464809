package uk.hallmonitor.moderation;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
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
class SafeguardingBanner implements PageNotices {

    static final Role[] SHOWN_TO = {Role.DSL, Role.DEPUTY_DSL, Role.HEADTEACHER, Role.SLT, Role.ADMIN};
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("d MMMM 'at' HH:mm", Locale.UK)
            .withZone(ZoneId.of("Europe/London"));

    private final SafeguardingStore store;
    private final AlertOutbox alerts;
    private final AlertsHealth health;

    SafeguardingBanner(SafeguardingStore store, AlertOutbox alerts, AlertsHealth health) {
        this.store = store;
        this.alerts = alerts;
        this.health = health;
    }

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

    /** The caller's unacknowledged CRITICAL alerts that reached nobody outside the app. */
    Flux<SafeguardingAlert> unreached(Caller caller) {
        return store.unacknowledgedCritical(caller.isAdmin() ? null : caller.schoolId())
                .filter(alert -> caller.canSee(alert.schoolId()))
                .filterWhen(alert -> alerts.reachedOutside(alert.sources()).map(reached -> !reached));
    }

    private Flux<Banner> undelivered(Caller caller) {
        return unreached(caller).map(alert -> new Banner("CRITICAL safeguarding alert, not delivered by email, "
                + "Teams or Slack: " + alert.subject() + " (raised " + TIME.format(alert.raisedAt())
                + (alert.incidentNumber() == null ? "" : ", incident " + alert.incidentNumber()) + ").",
                "/ui/safeguarding-alerts/" + alert.id() + "/acknowledgement", "Acknowledge"));
    }
}
