package uk.hallmonitor.accounts.web;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.reactive.result.view.Rendering;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import uk.hallmonitor.accounts.AccountStatus;
import uk.hallmonitor.accounts.AccountsProperties;
import uk.hallmonitor.accounts.ConnectorHealth;
import uk.hallmonitor.accounts.internal.AccountDocument;
import uk.hallmonitor.accounts.internal.AccountReview;
import uk.hallmonitor.accounts.internal.Accounts;
import uk.hallmonitor.schools.SchoolDirectory;
import uk.hallmonitor.schools.StaffView;
import uk.hallmonitor.system.Platform;
import uk.hallmonitor.system.security.Callers;
import uk.hallmonitor.system.web.PageController;
import uk.hallmonitor.system.web.PageTimes;
import uk.hallmonitor.system.web.Paging;
import uk.hallmonitor.system.web.PlatformNames;

/** The account register as pages: the school's accounts, and one account with its history. */
@PageController
public class AccountPages {

    // Platforms Hallmonitor has no connector for: their comments arrive as files exported from the platform, so
    // there is no connection to be healthy or not (the poller's "no connector" failure is not news to anyone).
    static final Set<Platform> IMPORT_ONLY = EnumSet.of(Platform.OTHER);
    // Read through their APIs once the vault holds a token; until then the connector says "not connected" and the
    // school keeps importing exported comments, which is no fault of the connection either.
    static final Set<Platform> IMPORT_UNTIL_CONNECTED = EnumSet.of(Platform.FACEBOOK, Platform.INSTAGRAM,
            Platform.YOUTUBE);
    private static final Map<Platform, String> WHAT_TO_STORE = Map.of(
            Platform.FACEBOOK, "the Page access token (pageAccessToken)",
            Platform.INSTAGRAM, "the access token of the Facebook Page linked to the Instagram account "
                    + "(pageAccessToken)",
            Platform.YOUTUBE, "the channel owner's Google grant (oauthRefreshToken, clientId and clientSecret)");

    private final Accounts accounts;
    private final SchoolDirectory directory;
    private final AccountsProperties properties;
    private final PlatformNames platforms;
    private final PageTimes times;
    private final Clock clock;

    AccountPages(Accounts accounts, SchoolDirectory directory, AccountsProperties properties, PlatformNames platforms,
                 PageTimes times, Clock clock) {
        this.accounts = accounts;
        this.directory = directory;
        this.properties = properties;
        this.platforms = platforms;
        this.times = times;
        this.clock = clock;
    }

    /** Words and the colour of their tag. */
    public record Tag(String words, String tone) {
    }

    /** A runner by name and whether they may run accounts today. */
    public record Runner(String name, boolean current) {
    }

    /** One change of the account in words. */
    public record Change(String what, String who, Instant at, String note, Tag status) {
    }

    /** An account as the register shows it. */
    public record Shown(AccountDocument account, Tag status, List<Runner> runners, boolean reviewDue,
                        Instant quietSince, Instant reviewAt, Tag health, String healthSentence, List<Change> history) {
    }

    @GetMapping("/ui/accounts")
    Mono<Rendering> register() {
        return Callers.current().flatMap(caller -> accounts.list(caller, null, null, Paging.of(0, 200)))
                .flatMap(page -> shown(page.items()).map(shown -> Rendering.view("accounts/register")
                        .modelAttribute("accounts", shown)
                        .modelAttribute("total", page.total())
                        .modelAttribute("needingAttention", shown.stream().filter(s -> s.reviewDue()
                                || s.account().status() == AccountStatus.NEEDS_RUNNER
                                || "bad".equals(s.health().tone())).count())
                        .build()));
    }

    @GetMapping("/ui/accounts/{id}")
    Mono<Rendering> one(@PathVariable String id) {
        return Callers.current().flatMap(caller -> accounts.visible(caller, id))
                .flatMap(account -> shown(List.of(account)))
                .map(shown -> Rendering.view("accounts/one").modelAttribute("shown", shown.get(0))
                        .modelAttribute("pageTitle", shown.get(0).account().handle() + " on "
                                + platforms.name(shown.get(0).account().platform()))
                        .build());
    }

    private Mono<List<Shown>> shown(List<AccountDocument> found) {
        List<String> ids = found.stream().flatMap(a -> {
            List<String> all = new ArrayList<>(a.runnerIds());
            a.history().forEach(change -> all.add(change.by()));
            return all.stream();
        }).filter(java.util.Objects::nonNull).distinct().toList();
        return Flux.fromIterable(ids).flatMap(directory::staff, 8)
                .collectMap(StaffView::id, Function.identity())
                .map(people -> found.stream().map(a -> shown(a, people)).toList());
    }

    private Shown shown(AccountDocument a, Map<String, StaffView> people) {
        List<Runner> runners = a.runnerIds().stream().map(id -> {
            StaffView s = people.get(id);
            return s == null ? new Runner("someone no longer on the staff list", false)
                    : new Runner(s.name() + (s.active() ? "" : " (has left)"), s.active() && s.current());
        }).toList();
        List<Change> history = new ArrayList<>();
        a.history().forEach(change -> history.add(0, new Change(action(change.action()), who(change.by(), people),
                change.at(), note(change), status(change.status()))));
        Tag health = healthTag(a);
        return new Shown(a, status(a.status()), runners, AccountReview.due(a, properties.dormantAfter(), clock.instant()),
                AccountReview.quietSince(a), AccountReview.quietSince(a) == null ? null
                        : AccountReview.quietSince(a).atZone(java.time.ZoneOffset.UTC).plus(properties.dormantAfter())
                                .toInstant(), health, healthSentence(a), history);
    }

    // notes of these changes are ids (the application, the runners): the page says it in words instead
    private static String note(AccountDocument.Change change) {
        if (change.note() == null || Set.of("opened", "runners changed", "runner left").contains(change.action())) {
            return null;
        }
        return change.note().replaceAll(" \\(id [^)]*\\)", "");
    }

    private static String who(String by, Map<String, StaffView> people) {
        if (by == null || "system".equals(by)) {
            return "Hallmonitor";
        }
        StaffView s = people.get(by);
        return s != null ? s.name() : by;
    }

    static Tag status(AccountStatus status) {
        if (status == null) {
            return new Tag("", "muted");
        }
        return switch (status) {
            case PROVISIONING -> new Tag("Being set up", "warn");
            case ACTIVE -> new Tag("Active", "ok");
            case NEEDS_RUNNER -> new Tag("Needs runners", "bad");
            case SUSPENDED -> new Tag("Suspended", "muted");
            case CLOSED -> new Tag("Closed", "muted");
        };
    }

    private static String action(String action) {
        return switch (action) {
            case "opened" -> "Opened when SLT approved the application";
            case "activated" -> "Activated: created on the platform and connected";
            case "runners changed" -> "Changed who runs it";
            case "runner left" -> "A runner left the school";
            case "needs runner" -> "Left without enough trained runners";
            case "closed" -> "Closed";
            case "suspended" -> "Suspended";
            case "resumed" -> "Resumed";
            default -> Character.toUpperCase(action.charAt(0)) + action.substring(1).replace('-', ' ').replace('_', ' ');
        };
    }

    Tag healthTag(AccountDocument a) {
        if (a.status() == AccountStatus.PROVISIONING || a.status() == AccountStatus.SUSPENDED
                || a.status() == AccountStatus.CLOSED) {
            return new Tag("Not checked", "muted");
        }
        if (importOnly(a)) {
            return new Tag("Imported from files", "muted");
        }
        ConnectorHealth h = a.health();
        if (h == null || h.state() == null) {
            return new Tag("Not checked yet", "muted");
        }
        return switch (h.state()) {
            case "OK" -> new Tag("Working", "ok");
            case "DEGRADED" -> new Tag("Having trouble", "warn");
            case "FAILING" -> new Tag("Not working", "bad");
            case "UNAUTHORIZED" -> new Tag("Needs a new password", "bad");
            default -> new Tag(h.state(), "muted");
        };
    }

    /** The connection's health as one sentence a head teacher can act on. */
    String healthSentence(AccountDocument a) {
        String platform = platforms.name(a.platform());
        switch (a.status()) {
            case PROVISIONING:
                return "Not connected yet: an administrator has to create the account on " + platform
                        + " and store its password in the vault.";
            case SUSPENDED:
                return "Not checked while the account is suspended.";
            case CLOSED:
                return "Not checked: the account is closed.";
            default:
                break;
        }
        if (importOnly(a) && IMPORT_UNTIL_CONNECTED.contains(a.platform())) {
            return "Hallmonitor cannot read " + platform + " itself until an administrator stores "
                    + WHAT_TO_STORE.get(a.platform()) + " in the vault: until then comments come in from the files a "
                    + "runner exports from " + platform + " and uploads.";
        }
        if (importOnly(a)) {
            return "Hallmonitor cannot read " + platform + " itself: comments come in from the files a runner "
                    + "exports from " + platform + " and uploads, so there is no connection to go wrong.";
        }
        ConnectorHealth h = a.health();
        String token = h == null || h.token() == null || h.token().words() == null ? ""
                : " " + Character.toUpperCase(h.token().words().charAt(0)) + h.token().words().substring(1) + ".";
        if (h == null || h.state() == null) {
            return "Not checked yet: the first check runs within minutes of the account being activated." + token;
        }
        String last = h.lastSuccessAt() == null ? "never worked yet"
                : "last worked " + times.fromNow(h.lastSuccessAt());
        String error = h.lastError() == null ? "" : " The platform said: " + h.lastError() + ".";
        return switch (h.state()) {
            case "OK" -> "Working: Hallmonitor reads new comments and mentions from " + platform + " ("
                    + last + ")." + token;
            case "DEGRADED" -> "The last " + plural(h.consecutiveFailures(), "check") + " of " + platform
                    + " failed (" + last + "); Hallmonitor keeps trying and tells an administrator if it goes on."
                    + error;
            case "FAILING" -> "Not working: " + platform + " has not been read for too long (" + last + ", "
                    + plural(h.consecutiveFailures(), "failed check") + "). New comments are not being checked: an "
                    + "administrator should check the connection settings." + error;
            case "UNAUTHORIZED" -> platform + " refused the stored password or token: it has expired or been "
                    + "revoked. An administrator must store a new one in the vault; until then nothing is read."
                    + error;
            default -> "State " + h.state() + "." + error;
        };
    }

    /** Comments arrive only as exported files: a platform without a connector, or one not connected yet. */
    static boolean importOnly(AccountDocument a) {
        if (IMPORT_ONLY.contains(a.platform())) {
            return true;
        }
        ConnectorHealth h = a.health();
        return IMPORT_UNTIL_CONNECTED.contains(a.platform()) && h != null && h.lastSuccessAt() == null
                && h.lastError() != null
                && (h.lastError().contains("not connected:") || h.lastError().contains("no connector for"));
    }

    private static String plural(int count, String noun) {
        return count == 1 ? "1 " + noun : count + " " + noun + "s";
    }
}
