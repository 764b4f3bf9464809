package uk.hallmonitor.home;

import java.util.List;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import reactor.core.publisher.Mono;
import uk.hallmonitor.accounts.AccountStatus;
import uk.hallmonitor.accounts.ConnectionStates;
import uk.hallmonitor.alerts.AlertCentre;
import uk.hallmonitor.applications.DecisionsWaiting;
import uk.hallmonitor.incidents.IncidentCasework;
import uk.hallmonitor.moderation.ModerationInbox;
import uk.hallmonitor.sla.SlaBoard;
import uk.hallmonitor.system.security.Callers;
import uk.hallmonitor.system.security.Role;
import uk.hallmonitor.system.web.PageController;

/**
 * Where login lands: what needs the logged-in person now, by role. Decisions waiting (SLT, head), flagged posts and
 * the clocks due soonest (moderators, and runners for their accounts), unread safeguarding alerts and open
 * incidents (DSL), accounts needing runners or set-up, and connections in trouble; each read through the owning
 * module's public API.
 */
@PageController
class HomePage {

    private static final int CLOCKS = 5;

    private final DecisionsWaiting decisions;
    private final ModerationInbox inbox;
    private final SlaBoard sla;
    private final AlertCentre alerts;
    private final IncidentCasework incidents;
    private final ConnectionStates connections;

    HomePage(DecisionsWaiting decisions, ModerationInbox inbox, SlaBoard sla, AlertCentre alerts,
             IncidentCasework incidents, ConnectionStates connections) {
        this.decisions = decisions;
        this.inbox = inbox;
        this.sla = sla;
        this.alerts = alerts;
        this.incidents = incidents;
        this.connections = connections;
    }

    /** A school account that needs someone, in a sentence. */
    record Concern(String handle, String platform, String sentence, String tag) {
    }

    @GetMapping("/")
    Mono<String> home(Model model) {
        return Callers.current().flatMap(caller -> {
            String school = caller.schoolId();
            if (school == null) {
                return Mono.just("home/index");
            }
            boolean leads = caller.hasAnyIn(school, Role.SLT, Role.HEADTEACHER);
            boolean moderates = caller.hasAnyIn(school, Role.MODERATOR, Role.SLT, Role.DSL);
            boolean dsl = caller.hasAnyIn(school, Role.DSL);
            boolean incidentReader = IncidentCasework.reads(caller, school);
            return connections.ofSchool(school).collectList().flatMap(states -> {
                List<String> runs = states.stream()
                        .filter(s -> s.account().runnerIds().contains(caller.staffId()))
                        .map(s -> s.account().id()).toList();
                boolean clocks = SlaBoard.seesSchool(caller, school) || !runs.isEmpty();
                List<String> scope = SlaBoard.seesSchool(caller, school) ? null : runs;
                List<Concern> concerns = states.stream()
                        .filter(s -> s.account().status() != AccountStatus.CLOSED)
                        .map(s -> concern(s))
                        .filter(java.util.Objects::nonNull).toList();
                model.addAttribute("concerns", concerns);
                model.addAttribute("showClocks", clocks);
                model.addAttribute("showInbox", moderates || !runs.isEmpty());
                model.addAttribute("showDecisions", leads);
                model.addAttribute("showSafeguarding", dsl);
                model.addAttribute("showIncidents", incidentReader);
                model.addAttribute("names", states.stream().collect(java.util.stream.Collectors.toMap(
                        s -> s.account().id(), s -> s.account().handle(), (a, b) -> a)));
                return Mono.zip(
                        leads ? decisions.count(school) : Mono.just(0L),
                        moderates ? inbox.openCount(school, null)
                                : runs.isEmpty() ? Mono.just(0L) : inbox.openCount(school, runs),
                        clocks ? sla.dueNext(school, scope, CLOCKS).collectList() : Mono.just(List.of()),
                        clocks ? sla.overdueCount(school, scope) : Mono.just(0L),
                        dsl ? alerts.unreadSafeguarding(caller) : Mono.just(0L),
                        incidentReader ? incidents.openCount(school) : Mono.just(0L))
                        .map(t -> {
                            model.addAttribute("decisions", t.getT1());
                            model.addAttribute("flagged", t.getT2());
                            model.addAttribute("dueNext", t.getT3());
                            model.addAttribute("overdue", t.getT4());
                            model.addAttribute("safeguarding", t.getT5());
                            model.addAttribute("openIncidents", t.getT6());
                            return "home/index";
                        });
            });
        });
    }

    private static Concern concern(ConnectionStates.ConnectionState state) {
        var account = state.account();
        String platform = platformName(account.platform());
        if (account.status() == AccountStatus.NEEDS_RUNNER) {
            return new Concern(account.handle(), platform, "needs another trained runner: SLT must name one or "
                    + "close the account", "bad");
        }
        if (account.status() == AccountStatus.PROVISIONING) {
            return new Concern(account.handle(), platform, "was approved and waits for an administrator to "
                    + "set it up", "warn");
        }
        if (account.status() == AccountStatus.SUSPENDED) {
            return null;
        }
        var health = state.health();
        // the token check may write before the first poll: no polling state yet is nothing to worry about
        if (health == null || health.state() == null || "OK".equals(health.state())) {
            return null;
        }
        return switch (health.state()) {
            case "UNAUTHORIZED" -> new Concern(account.handle(), platform, "cannot be read: its access was "
                    + "refused by the platform (token expired or revoked); an administrator must store a new one",
                    "bad");
            case "FAILING" -> new Concern(account.handle(), platform, "has not been read for a while: "
                    + health.consecutiveFailures() + " attempts in a row failed", "bad");
            default -> new Concern(account.handle(), platform, "had trouble on the last few reads and is being "
                    + "retried", "warn");
        };
    }

    /** The platform as staff name it ("Facebook", "X", "a news feed"). */
    static String platformName(uk.hallmonitor.system.Platform platform) {
        if (platform == null) {
            return "";
        }
        if (platform == uk.hallmonitor.system.Platform.RSS) {
            return "a news feed";
        }
        if (platform == uk.hallmonitor.system.Platform.X) {
            return "X";
        }
        String lower = platform.name().toLowerCase(java.util.Locale.UK).replace('_', ' ');
        return Character.toUpperCase(lower.charAt(0)) + lower.substring(1);
    }
}
