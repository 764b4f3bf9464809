package uk.hallmonitor.ownposts.web;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import uk.hallmonitor.ownposts.Finding;
import uk.hallmonitor.ownposts.FindingKind;
import uk.hallmonitor.ownposts.OwnPostAlert;
import uk.hallmonitor.ownposts.OwnPostChecks;
import uk.hallmonitor.ownposts.OwnPostFindings;
import uk.hallmonitor.ownposts.Resolution;
import uk.hallmonitor.schools.SchoolDirectory;
import uk.hallmonitor.schools.SchoolView;
import uk.hallmonitor.system.security.Caller;
import uk.hallmonitor.system.security.Callers;
import uk.hallmonitor.system.web.Flash;
import uk.hallmonitor.system.web.FormProblems;
import uk.hallmonitor.system.web.PageController;
import uk.hallmonitor.system.web.Problems;

/**
 * The own-post pages: {@code /ui/own-posts/check}, where a runner pastes a draft and sees what was found highlighted
 * in it, and {@code /ui/own-posts/findings}, the findings in the school accounts' posts with their three resolutions.
 */
@PageController
record OwnPostPages(OwnPostChecks checks, OwnPostFindings findings, SchoolDirectory schools) {

    /** A run of the text, and what was found in it ({@code null} kind: nothing). */
    public record Segment(String text, FindingKind kind, String label) {
    }

    /** A finding in words for the list under the draft. */
    public record Described(String what, String words, String where) {
    }

    @GetMapping("/ui/own-posts/check")
    Mono<String> checkPage(@RequestParam(required = false) String school, Model model) {
        return Callers.current().flatMap(caller -> school(caller, school, model).map(found -> {
            if (found.isEmpty()) {
                return "moderation/choose-school";
            }
            model.addAttribute("school", found.get());
            model.addAttribute("text", "");
            model.addAttribute("errors", List.of());
            model.addAttribute("checked", false);
            return "ownposts/check";
        }));
    }

    @PostMapping("/ui/own-posts/check")
    Mono<String> check(ServerWebExchange exchange, Model model) {
        return Callers.current().zipWith(exchange.getFormData()).flatMap(t -> {
            Caller caller = t.getT1();
            MultiValueMap<String, String> form = t.getT2();
            String text = form.getFirst("text") == null ? "" : form.getFirst("text");
            return school(caller, form.getFirst("school"), model).flatMap(found -> {
                if (found.isEmpty()) {
                    return Mono.just("moderation/choose-school");
                }
                SchoolView view = found.get();
                model.addAttribute("school", view);
                model.addAttribute("text", text);
                return checks.check(caller, view.id(), text).map(result -> {
                    model.addAttribute("errors", List.of());
                    model.addAttribute("checked", true);
                    model.addAttribute("segments", segments(text, result));
                    model.addAttribute("described", described(result));
                    return "ownposts/check";
                }).onErrorResume(failure -> {
                    List<Problems.FieldError> errors = FormProblems.of(failure, "text").stream()
                            .map(e -> new Problems.FieldError(e.field(), plain(e.message()))).toList();
                    model.addAttribute("errors", errors);
                    model.addAttribute("checked", false);
                    return Mono.just("ownposts/check");
                });
            });
        });
    }

    @GetMapping("/ui/own-posts/findings")
    Mono<String> list(@RequestParam(required = false) String school,
                      @RequestParam(defaultValue = "true") boolean open, Model model) {
        return Callers.current().flatMap(caller -> school(caller, school, model).flatMap(found -> {
            if (found.isEmpty()) {
                return Mono.just("moderation/choose-school");
            }
            SchoolView view = found.get();
            return findings.list(caller, view.id(), open, 0, 50).map(page -> {
                model.addAttribute("school", view);
                model.addAttribute("open", open);
                model.addAttribute("total", page.total());
                model.addAttribute("alerts", page.items().stream().map(OwnPostPages::shown).toList());
                model.addAttribute("single", false);
                return "ownposts/findings";
            });
        }));
    }

    @GetMapping("/ui/own-posts/findings/{id}")
    Mono<String> one(@PathVariable String id, Model model) {
        return Callers.current().flatMap(caller -> findings.one(caller, id))
                .flatMap(alert -> schools.school(alert.schoolId()).map(view -> {
                    model.addAttribute("school", view);
                    model.addAttribute("open", alert.open());
                    model.addAttribute("total", 1);
                    model.addAttribute("alerts", List.of(shown(alert)));
                    model.addAttribute("single", true);
                    return "ownposts/findings";
                }));
    }

    @PostMapping("/ui/own-posts/findings/{id}/resolve")
    Mono<String> resolve(@PathVariable String id, ServerWebExchange exchange) {
        return Callers.current().zipWith(exchange.getFormData()).flatMap(t -> {
            String chosen = t.getT2().getFirst("resolution");
            Resolution resolution = null;
            for (Resolution r : Resolution.values()) {
                if (r.name().equals(chosen)) {
                    resolution = r;
                }
            }
            return findings.resolve(t.getT1(), id, resolution)
                    .flatMap(done -> Flash.set(exchange, "Recorded: " + resolutionWords(done.resolution()))
                            .thenReturn("redirect:/ui/own-posts/findings/" + id));
        });
    }

    /** A finding record ready for the page: its post cut into highlighted runs and its findings in words. */
    public record Shown(OwnPostAlert alert, List<Segment> segments, List<Described> described) {
    }

    private static Shown shown(OwnPostAlert alert) {
        String text = alert.postText() == null ? "" : alert.postText();
        return new Shown(alert, segments(text, alert.findings()), described(alert.findings()));
    }

    /** The text cut at each finding, in order; a finding overlapping an earlier one is only listed, not marked. */
    static List<Segment> segments(String text, List<Finding> found) {
        List<Segment> out = new ArrayList<>();
        int at = 0;
        for (Finding f : found.stream().sorted(Comparator.comparingInt(Finding::start)).toList()) {
            if (f.start() < at || f.end() > text.length()) {
                continue;
            }
            if (f.start() > at) {
                out.add(new Segment(text.substring(at, f.start()), null, null));
            }
            out.add(new Segment(text.substring(f.start(), f.end()), f.kind(), kindWords(f.kind())));
            at = f.end();
        }
        if (at < text.length()) {
            out.add(new Segment(text.substring(at), null, null));
        }
        return out;
    }

    static List<Described> described(List<Finding> found) {
        return found.stream().map(f -> new Described(kindWords(f.kind()) + " (" + f.form() + ")",
                f.text(), "characters " + (f.start() + 1) + " to " + f.end())).toList();
    }

    static String kindWords(FindingKind kind) {
        return switch (kind) {
            case NO_PUBLISH_PUPIL -> "A pupil on the no-publish list";
            case PUPIL_NAME -> "A pupil's name";
            case PERSONAL_DATA -> "Personal data";
        };
    }

    static String resolutionWords(Resolution resolution) {
        return switch (resolution) {
            case DELETED_ON_PLATFORM -> "the post was deleted on the platform";
            case CONSENT_CONFIRMED -> "consent was confirmed";
            case NOT_A_PUPIL -> "the name is not a pupil's";
        };
    }

    private static String plain(String message) {
        return message.startsWith("text: ") ? message.substring(6) : message;
    }

    /** The caller's school, or the one an administrator chose; empty asks an administrator to choose. */
    private Mono<Optional<SchoolView>> school(Caller caller, String wanted, Model model) {
        return schools.shownTo(caller, wanted, all -> model.addAttribute("schools", all));
    }
}
