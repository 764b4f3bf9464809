package uk.hallmonitor.sla.web;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import reactor.core.publisher.Mono;
import uk.hallmonitor.accounts.AccountRegister;
import uk.hallmonitor.accounts.SchoolAccount;
import uk.hallmonitor.schools.SchoolDirectory;
import uk.hallmonitor.schools.SchoolView;
import uk.hallmonitor.sla.SlaBoard;
import uk.hallmonitor.system.security.Caller;
import uk.hallmonitor.system.security.Callers;
import uk.hallmonitor.system.web.PageController;
import uk.hallmonitor.system.web.Problems;

/**
 * The SLA page ({@code /ui/sla}): clocks due next and breached for the school or one account, and compliance this
 * week and over the eight weeks before it, as a table (exact figures a screen reader reads cell by cell; the weekly
 * report owns the charts).
 */
@PageController
class SlaPages {

    private static final int LISTED = 25;
    private static final int PAST_WEEKS = 8;

    private final SlaBoard board;
    private final AccountRegister accounts;
    private final SchoolDirectory schools;

    SlaPages(SlaBoard board, AccountRegister accounts, SchoolDirectory schools) {
        this.board = board;
        this.accounts = accounts;
        this.schools = schools;
    }

    @GetMapping("/ui/sla")
    Mono<String> sla(@RequestParam(required = false) String school, @RequestParam(required = false) String account,
                     Model model) {
        return Callers.current().flatMap(caller -> schoolOf(caller, school, model).flatMap(found -> {
            if (found.isEmpty()) {
                return Mono.just("moderation/choose-school");
            }
            SchoolView view = found.get();
            return accounts.ofSchool(view.id()).sort(Comparator.comparing(SchoolAccount::handle)).collectList()
                    .flatMap(all -> {
                        List<String> runs = all.stream().filter(a -> a.runnerIds().contains(caller.staffId()))
                                .map(SchoolAccount::id).toList();
                        boolean whole = SlaBoard.seesSchool(caller, view.id());
                        if (!whole && runs.isEmpty()) {
                            return Mono.error(Problems.forbidden("the SLA page is for moderators, SLT and the "
                                    + "runners of an account"));
                        }
                        String wanted = account == null || account.isBlank() ? null : account.strip();
                        List<SchoolAccount> visible = whole ? all
                                : all.stream().filter(a -> runs.contains(a.id())).toList();
                        if (wanted != null && visible.stream().noneMatch(a -> a.id().equals(wanted))) {
                            return Mono.error(Problems.notFound("account", wanted));
                        }
                        List<String> scope = wanted != null ? List.of(wanted) : whole ? null : runs;
                        Map<String, String> names = new LinkedHashMap<>();
                        visible.forEach(a -> names.put(a.id(), a.handle() + " on "
                                + platformName(a.platform())));
                        model.addAttribute("school", view);
                        model.addAttribute("accounts", visible);
                        model.addAttribute("accountNames", names);
                        model.addAttribute("account", wanted);
                        model.addAttribute("whole", whole);
                        return Mono.zip(board.dueNext(view.id(), scope, LISTED).collectList(),
                                board.overdue(view.id(), scope, LISTED).collectList(),
                                board.overdueCount(view.id(), scope),
                                board.weeks(view.id(), view.timezone(), PAST_WEEKS))
                                .map(t -> {
                                    model.addAttribute("dueNext", t.getT1());
                                    model.addAttribute("overdue", t.getT2());
                                    model.addAttribute("overdueCount", t.getT3());
                                    model.addAttribute("weeks", t.getT4());
                                    return "sla/index";
                                });
                    });
        }));
    }

    private Mono<Optional<SchoolView>> schoolOf(Caller caller, String school, Model model) {
        String wanted = caller.isAdmin() ? (school == null || school.isBlank() ? null : school) : caller.schoolId();
        if (wanted == null) {
            return schools.schools().sort(Comparator.comparing(SchoolView::name)).collectList().map(all -> {
                model.addAttribute("schools", all);
                return Optional.empty();
            });
        }
        if (!caller.canSee(wanted)) {
            return Mono.error(Problems.notFound("school", wanted));
        }
        return schools.school(wanted).map(Optional::of)
                .switchIfEmpty(Mono.error(() -> Problems.notFound("school", wanted)));
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
