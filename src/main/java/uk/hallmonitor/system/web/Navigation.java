package uk.hallmonitor.system.web;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import uk.hallmonitor.system.security.Caller;
import uk.hallmonitor.system.security.Role;

/** The site's navigation: one list, each link shown to the roles whose work it is. */
public final class Navigation {

    /** A link of the navigation, shown to anyone holding one of {@code roles} (empty: everyone). */
    public record Link(String label, String href, Set<Role> roles) {

        boolean shownTo(Caller caller) {
            return roles.isEmpty() || roles.stream().anyMatch(caller.roles()::contains);
        }
    }

    private static final Set<Role> EVERYONE = EnumSet.noneOf(Role.class);

    // a page is listed here once it exists; the order is the order of a school's day, most urgent first
    private static final List<Link> LINKS = List.of(
            new Link("Home", "/", EVERYONE),
            new Link("Moderation", "/ui/moderation", EnumSet.of(Role.MODERATOR, Role.SLT, Role.DSL, Role.ADMIN)),
            new Link("Response times", "/ui/sla", EnumSet.of(Role.MODERATOR, Role.SLT, Role.ADMIN)),
            new Link("Incidents", "/ui/incidents", EnumSet.of(Role.DSL, Role.SLT, Role.HEADTEACHER, Role.ADMIN)),
            new Link("Safeguarding alerts", "/ui/safeguarding-alerts", EnumSet.of(Role.DSL, Role.DEPUTY_DSL,
                    Role.HEADTEACHER, Role.SLT)),
            new Link("Applications", "/ui/applications", EnumSet.of(Role.STAFF, Role.SLT, Role.HEADTEACHER,
                    Role.MODERATOR, Role.DSL)),
            new Link("SLT review", "/ui/review", EnumSet.of(Role.SLT, Role.HEADTEACHER)),
            new Link("Accounts", "/ui/accounts", EVERYONE),
            new Link("Schools and staff", "/ui/admin", EnumSet.of(Role.ADMIN)),
            new Link("Account set-up", "/ui/admin/accounts", EnumSet.of(Role.ADMIN)),
            new Link("Vault keys", "/ui/vault/key-rotations", EnumSet.of(Role.ADMIN)),
            new Link("Sign-in settings", "/ui/admin/sign-in", EnumSet.of(Role.ADMIN)),
            new Link("Watches", "/ui/watches", EVERYONE),
            new Link("Alert settings", "/ui/alert-settings", EnumSet.of(Role.ADMIN, Role.SLT)),
            new Link("Acceptable-use policy", "/ui/policy", EnumSet.of(Role.STAFF, Role.SLT, Role.HEADTEACHER,
                    Role.MODERATOR, Role.DSL, Role.GOVERNOR)),
            new Link("Weekly report", "/ui/reports/weekly", EnumSet.of(Role.ADMIN, Role.SLT,
                    Role.HEADTEACHER, Role.GOVERNOR)),
            new Link("Audit trail", "/ui/audit", EnumSet.of(Role.ADMIN, Role.SLT)),
            new Link("Check a post", "/ui/own-posts/check", EnumSet.of(Role.STAFF, Role.MODERATOR, Role.SLT,
                    Role.DSL, Role.DEPUTY_DSL, Role.HEADTEACHER, Role.ADMIN)),
            new Link("Own-post findings", "/ui/own-posts/findings", EnumSet.of(Role.STAFF, Role.MODERATOR, Role.SLT,
                    Role.DSL, Role.DEPUTY_DSL, Role.HEADTEACHER, Role.ADMIN)));

    private Navigation() {
    }

    public static List<Link> forCaller(Caller caller) {
        return LINKS.stream().filter(link -> link.shownTo(caller)).toList();
    }
}
