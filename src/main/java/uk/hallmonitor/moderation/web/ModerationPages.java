package uk.hallmonitor.moderation.web;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import uk.hallmonitor.accounts.AccountRegister;
import uk.hallmonitor.accounts.SchoolAccount;
import uk.hallmonitor.classification.Category;
import uk.hallmonitor.classification.ModerationFeedback;
import uk.hallmonitor.classification.Severity;
import uk.hallmonitor.moderation.ModerationInbox;
import uk.hallmonitor.moderation.internal.ActionRecord;
import uk.hallmonitor.moderation.internal.ActionRequest;
import uk.hallmonitor.moderation.internal.ModerationAction;
import uk.hallmonitor.moderation.internal.PostView;
import uk.hallmonitor.moderation.internal.QueueStatus;
import uk.hallmonitor.schools.SchoolDirectory;
import uk.hallmonitor.schools.SchoolView;
import uk.hallmonitor.schools.StaffNames;
import uk.hallmonitor.sla.SlaBoard;
import uk.hallmonitor.system.security.Caller;
import uk.hallmonitor.system.security.Callers;
import uk.hallmonitor.system.web.Flash;
import uk.hallmonitor.system.web.FormProblems;
import uk.hallmonitor.system.web.PageController;
import uk.hallmonitor.system.web.ProblemFields;
import uk.hallmonitor.system.web.Problems;

/**
 * The moderation inbox ({@code /ui/moderation}): flagged posts with their reasons and countdowns, one post with its
 * conversation and actions, bulk dismissal of spam, and a live stream of newly flagged posts for the page's script.
 */
@PageController
class ModerationPages {

    private static final int PAGE_SIZE = 25;
    private static final int BULK_LIMIT = 100;
    private static final int MISSED_TEXT = 10_000;
    private static final int REPLY_TEXT = 2_000;
    private static final String REPLY_NOTE = "Replied as the school from the moderation page";
    private static final Map<String, String> MISSED_LABELS = Map.of("category", "What it is", "text",
            "The post's words", "post", "The post");

    /** The actions offered on a post, in the words moderators use. */
    static final Map<ModerationAction, String> ACTIONS = actions();

    private final ModerationInbox inbox;
    private final SlaBoard sla;
    private final AccountRegister accounts;
    private final SchoolDirectory schools;
    private final StaffNames names;
    private final ModerationFeedback feedback;
    private final Words words;

    ModerationPages(ModerationInbox inbox, SlaBoard sla, AccountRegister accounts, SchoolDirectory schools,
                    StaffNames names, ModerationFeedback feedback, Words words) {
        this.feedback = feedback;
        this.words = words;
        this.inbox = inbox;
        this.sla = sla;
        this.accounts = accounts;
        this.schools = schools;
        this.names = names;
    }

    private static Map<ModerationAction, String> actions() {
        Map<ModerationAction, String> labels = new LinkedHashMap<>();
        labels.put(ModerationAction.DISMISS, "Not a problem (dismiss)");
        labels.put(ModerationAction.HIDE, "Hide the reply");
        labels.put(ModerationAction.DELETE, "Delete it on the platform");
        labels.put(ModerationAction.BLOCK_AUTHOR, "Block the author");
        labels.put(ModerationAction.REPORT, "Report it to the platform");
        labels.put(ModerationAction.ESCALATE, "Escalate: open an incident");
        return labels;
    }

    @GetMapping("/ui/moderation")
    Mono<String> inbox(@RequestParam(required = false) String school,
                       @RequestParam(required = false) String account,
                       @RequestParam(required = false) String severity,
                       @RequestParam(required = false) String category,
                       @RequestParam(required = false) String status,
                       @RequestParam(required = false) String due,
                       @RequestParam(defaultValue = "0") int page, Model model) {
        return Callers.current().flatMap(caller -> schoolOf(caller, school, model).flatMap(found -> {
            if (found.isEmpty()) {
                return Mono.just("moderation/choose-school");
            }
            SchoolView schoolView = found.get();
            List<Problems.FieldError> errors = new ArrayList<>();
            ModerationInbox.Filter filter = new ModerationInbox.Filter(blank(account),
                    ModerationInbox.choice(severity, Severity.class, "severity", "severity", errors),
                    ModerationInbox.choice(category, Category.class, "category", "category", errors),
                    ModerationInbox.choice(status, QueueStatus.class, "status", "status", errors),
                    ModerationInbox.choice(due, ModerationInbox.Due.class, "due", "due time", errors));
            model.addAttribute("errors", errors);
            model.addAttribute("filter", filter);
            model.addAttribute("severities", List.of(Severity.LOW, Severity.MEDIUM, Severity.HIGH,
                    Severity.CRITICAL));
            model.addAttribute("categories", Category.values());
            model.addAttribute("statuses", QueueStatus.values());
            model.addAttribute("dues", ModerationInbox.Due.values());
            model.addAttribute("school", schoolView);
            int wanted = Math.max(0, page);
            return Mono.zip(accounts.ofSchool(schoolView.id()).sort(Comparator.comparing(SchoolAccount::handle))
                    .collectList(),
                    inbox.page(caller, schoolView.id(), filter, wanted, PAGE_SIZE))
                    .map(both -> {
                        model.addAttribute("accounts", both.getT1());
                        model.addAttribute("accountNames", accountNames(both.getT1()));
                        model.addAttribute("posts", both.getT2());
                        model.addAttribute("pages", (both.getT2().total() + PAGE_SIZE - 1) / PAGE_SIZE);
                        model.addAttribute("canAct", ModerationInbox.reads(caller, schoolView.id()));
                        return "moderation/inbox";
                    });
        }));
    }

    /**
     * Report a post the classifier missed: the school's newest posts that were not flagged, and a form taking the
     * post (one of those, or its words pasted) and the category it should have had. The report becomes a labelled
     * example for retraining, through the same service as {@code POST /api/v1/classify/feedback} with MISSED.
     */
    @GetMapping("/ui/moderation/missed")
    Mono<String> missed(@RequestParam(required = false) String school, @RequestParam(required = false) String post,
                        Model model) {
        return Callers.current().flatMap(caller -> schoolOf(caller, school, model).flatMap(found -> {
            if (found.isEmpty()) {
                return Mono.just("moderation/choose-school");
            }
            return showMissed(caller, found.get(), blank(post), model, List.of(), Map.of());
        }));
    }

    private Mono<String> showMissed(Caller caller, SchoolView school, String postId, Model model,
                                    List<Problems.FieldError> errors, Map<String, String> typed) {
        Mono<java.util.Optional<PostView>> chosen = postId == null ? Mono.just(java.util.Optional.empty())
                : reportable(caller, school, postId).map(java.util.Optional::of)
                        .defaultIfEmpty(java.util.Optional.empty());
        return Mono.zip(inbox.notFlagged(caller, school.id(), PAGE_SIZE), chosen,
                accounts.ofSchool(school.id()).collectList())
                .map(found -> {
                    model.addAttribute("school", school);
                    model.addAttribute("recent", found.getT1());
                    model.addAttribute("chosen", found.getT2().orElse(null));
                    model.addAttribute("accountNames", accountNames(found.getT3()));
                    model.addAttribute("categories", Category.values());
                    model.addAttribute("errors", errors.stream().map(error -> ProblemFields.field(error.field(),
                            error.message(), MISSED_LABELS)).toList());
                    model.addAttribute("typed", typed);
                    return "moderation/missed";
                });
    }

    @PostMapping("/ui/moderation/missed")
    Mono<String> reportMissed(ServerWebExchange exchange, Model model) {
        return Callers.current().zipWith(exchange.getFormData())
                .flatMap(both -> reportMissed(both.getT1(), both.getT2(), exchange, model));
    }

    private Mono<String> reportMissed(Caller caller, MultiValueMap<String, String> form, ServerWebExchange exchange,
                                      Model model) {
        String wanted = caller.isAdmin() ? blank(form.getFirst("school")) : caller.schoolId();
        Mono<java.util.Optional<SchoolView>> found = schoolOf(caller, wanted, model);
        return found.flatMap(school -> school.isEmpty() ? Mono.just("moderation/choose-school")
                : reportMissed(caller, school.get(), form, exchange, model));
    }

    private Mono<String> reportMissed(Caller caller, SchoolView school, MultiValueMap<String, String> form,
                                      ServerWebExchange exchange, Model model) {
        if (!ModerationInbox.reads(caller, school.id())) {
            return Mono.error(Problems.forbidden("reporting a missed post is for moderators, SLT and the DSL"));
        }
        Map<String, String> typed = form.toSingleValueMap();
        String postId = blank(form.getFirst("post"));
        List<Problems.FieldError> errors = new ArrayList<>();
        Category category = ModerationInbox.choice(form.getFirst("category"), Category.class, "category",
                "category", errors);
        if (category == null && errors.isEmpty()) {
            errors.add(new Problems.FieldError("category", "choose what the post is (the category the classifier "
                    + "should have given it)"));
        }
        String pasted = blank(form.getFirst("text"));
        if (postId == null && pasted == null) {
            errors.add(new Problems.FieldError("text", "paste the words of the post that was missed, or choose one "
                    + "of the posts listed"));
        } else if (postId == null && pasted.length() > MISSED_TEXT) {
            errors.add(new Problems.FieldError("text", "shorten the post's words to at most " + MISSED_TEXT
                    + " characters"));
        }
        Mono<String> text = postId == null ? Mono.justOrEmpty(pasted) : reportable(caller, school, postId)
                .map(PostView::text);
        return text.defaultIfEmpty("").flatMap(words -> {
            if (words.isEmpty() && postId != null) {
                errors.add(new Problems.FieldError("post", "that post cannot be reported: choose one of the posts "
                        + "listed"));
            }
            if (!errors.isEmpty()) {
                exchange.getResponse().setStatusCode(org.springframework.http.HttpStatus.BAD_REQUEST);
                return showMissed(caller, school, postId, model, errors, typed);
            }
            List<Category> categories = List.of(category);
            String back = "redirect:/ui/moderation/missed" + (caller.isAdmin() ? "?school=" + school.id() : "");
            Mono<Boolean> added = feedback.recordOnce(words, ModerationFeedback.offensiveByDefault(categories),
                    categories, null);
            return added.flatMap(isNew -> Flash.set(exchange, missedDone(isNew, category))).thenReturn(back);
        });
    }

    /** The post, if the caller may report it as missed: in the school, not sealed, its words still stored. */
    private Mono<PostView> reportable(Caller caller, SchoolView school, String postId) {
        Mono<PostView> one = inbox.one(caller, postId);
        return one.onErrorResume(ErrorResponseException.class, gone -> Mono.empty())
                .filter(post -> !post.sealed() && post.text() != null && school.id().equals(post.schoolId()));
    }

    private String missedDone(boolean isNew, Category category) {
        String name = words.category(category).toLowerCase(java.util.Locale.UK);
        return isNew ? "Reported: the classifier will learn from this post as " + name
                : "Already reported: this post is already kept as " + name;
    }

    /** One row of the inbox, for the page's script to insert when a post is flagged while it is open. */
    @GetMapping("/ui/moderation/posts/{id}/row")
    Mono<String> row(@PathVariable String id, Model model) {
        return Callers.current().flatMap(caller -> inbox.one(caller, id)
                .flatMap(post -> accounts.ofSchool(post.schoolId()).collectList().map(found -> {
                    model.addAttribute("post", post);
                    model.addAttribute("accountNames", accountNames(found));
                    model.addAttribute("canAct", ModerationInbox.reads(caller, post.schoolId()));
                    return "moderation/inbox :: row";
                })));
    }

    @GetMapping("/ui/moderation/posts/{id}")
    Mono<String> post(@PathVariable String id, Model model) {
        return Callers.current().flatMap(caller -> inbox.one(caller, id)
                .flatMap(post -> showPost(caller, post, model, List.of(), Map.of())));
    }

    private Mono<String> showPost(Caller caller, PostView post, Model model, List<Problems.FieldError> errors,
                                  Map<String, String> typed) {
        return Mono.zip(schools.school(post.schoolId()),
                accounts.ofSchool(post.schoolId()).collectList(),
                inbox.conversation(post).collectList(),
                names.ofSchool(post.schoolId()))
                .map(found -> {
                    model.addAttribute("post", post);
                    model.addAttribute("school", found.getT1());
                    model.addAttribute("accountNames", accountNames(found.getT2()));
                    model.addAttribute("conversation", found.getT3());
                    model.addAttribute("names", found.getT4());
                    model.addAttribute("actions", ACTIONS);
                    model.addAttribute("templates", inbox.templates(found.getT1().name()));
                    model.addAttribute("errors", errors);
                    model.addAttribute("typed", typed);
                    // the post was found for the caller: its school's moderators, SLT, DSL and admins, or a runner
                    // of its account, who all may act on it
                    model.addAttribute("canAct", true);
                    return "moderation/post";
                });
    }

    @PostMapping("/ui/moderation/posts/{id}/actions")
    Mono<String> act(@PathVariable String id, ServerWebExchange exchange, Model model) {
        return Callers.current().zipWith(exchange.getFormData()).flatMap(both -> {
            Caller caller = both.getT1();
            MultiValueMap<String, String> form = both.getT2();
            String action = form.getFirst("action");
            String note = form.getFirst("note");
            List<Problems.FieldError> errors = new ArrayList<>();
            if (action == null || action.isBlank()) {
                errors.add(new Problems.FieldError("action", "choose what to do with the post"));
            }
            if (note == null || note.isBlank()) {
                errors.add(new Problems.FieldError("note", "say why, for the record"));
            }
            Long version = parseLong(form.getFirst("version"));
            boolean gone = "yes".equals(form.getFirst("postGone"));
            Map<String, String> typed = form.toSingleValueMap();
            if (!errors.isEmpty()) {
                return inbox.one(caller, id).flatMap(post -> showPost(caller, post, model, errors, typed));
            }
            return inbox.act(caller, id, new ActionRequest(action, note, blank(form.getFirst("audienceInformed")),
                    version, gone))
                    .flatMap(after -> Flash.set(exchange, done(after)).thenReturn("redirect:" + back(form)))
                    .onErrorResume(failure -> inbox.one(caller, id).flatMap(post -> showPost(caller, post, model,
                            FormProblems.of(failure, "action"), typed)));
        });
    }

    /**
     * Reply to the post as the school, through the same service as {@code POST /api/v1/posts/{id}/actions} with
     * REPLY: posted on the platform where the account's connector can, otherwise recorded for the moderator to post
     * by hand. The words are kept as what the audience was told, so the post's history shows them.
     */
    @PostMapping("/ui/moderation/posts/{id}/reply")
    Mono<String> reply(@PathVariable String id, ServerWebExchange exchange, Model model) {
        return Callers.current().zipWith(exchange.getFormData()).flatMap(both -> {
            Caller caller = both.getT1();
            MultiValueMap<String, String> form = both.getT2();
            Map<String, String> typed = form.toSingleValueMap();
            String text = form.getFirst("replyText");
            return inbox.one(caller, id).flatMap(post -> {
                if (post.sealed()) {
                    // a sealed item (R7) is never answered from here: its page shows no reply box
                    return Mono.error(Problems.conflict("post " + id + " is sealed: it cannot be answered"));
                }
                List<Problems.FieldError> errors = new ArrayList<>();
                if (text == null || text.isBlank()) {
                    errors.add(new Problems.FieldError("replyText", "Write the reply before sending it"));
                } else if (text.length() > REPLY_TEXT) {
                    errors.add(new Problems.FieldError("replyText", "The reply is longer than 2,000 characters ("
                            + String.format(java.util.Locale.UK, "%,d", text.length()) + "): shorten it"));
                }
                if (!errors.isEmpty()) {
                    exchange.getResponse().setStatusCode(org.springframework.http.HttpStatus.BAD_REQUEST);
                    return showPost(caller, post, model, errors, typed);
                }
                ActionRequest request = new ActionRequest("REPLY", REPLY_NOTE, text.strip(),
                        parseLong(form.getFirst("version")), null, text);
                return inbox.act(caller, id, request)
                        .flatMap(after -> Flash.set(exchange, replied(after))
                                .thenReturn("redirect:/ui/moderation/posts/" + id))
                        .onErrorResume(failure -> inbox.one(caller, id).flatMap(now -> {
                            exchange.getResponse().setStatusCode(org.springframework.http.HttpStatus.BAD_REQUEST);
                            return showPost(caller, now, model, FormProblems.of(failure, "replyText"), typed);
                        }));
            });
        });
    }

    /** The confirmation after a reply, as its outcome says. */
    static String replied(PostView after) {
        ActionRecord last = after.actions().isEmpty() ? null : after.actions().get(after.actions().size() - 1);
        String platform = Words.platform(after.platform());
        if (last == null || last.outcome() == null) {
            return "Reply recorded: post it by hand";
        }
        return switch (last.outcome()) {
            case "ON_PLATFORM" -> "Reply sent on " + platform;
            case "POST_GONE" -> "Reply not sent: the post has been deleted on " + platform;
            case "PLATFORM_FAILED" -> "Reply recorded: post it by hand (" + platform + " did not take it)";
            default -> "Reply recorded: post it by hand";
        };
    }

    @PostMapping("/ui/moderation/posts/{id}/answered")
    Mono<String> answered(@PathVariable String id, ServerWebExchange exchange, Model model) {
        return Callers.current().zipWith(exchange.getFormData()).flatMap(both -> {
            Caller caller = both.getT1();
            MultiValueMap<String, String> form = both.getT2();
            String reply = blank(form.getFirst("reply"));
            String templateId = blank(form.getFirst("template"));
            return inbox.one(caller, id).flatMap(post -> schools.school(post.schoolId()).flatMap(school -> {
                String text = reply;
                if (text == null && templateId != null) {
                    text = inbox.template(templateId, school.name()).map(ModerationInbox.Template::text)
                            .orElse(null);
                }
                if (text == null) {
                    return showPost(caller, post, model, List.of(new Problems.FieldError("reply",
                            "write the reply you gave, or choose a template")), form.toSingleValueMap());
                }
                String note = "Answered: " + text;
                return sla.answer(caller, id, note)
                        .flatMap(line -> Flash.set(exchange, "Marked answered: the reply is recorded and the "
                                + "response clock stopped").thenReturn("redirect:/ui/moderation/posts/" + id))
                        .onErrorResume(failure -> showPost(caller, post, model, FormProblems.of(failure, "reply"),
                                form.toSingleValueMap()));
            }));
        });
    }

    @PostMapping("/ui/moderation/dismiss")
    Mono<String> dismiss(ServerWebExchange exchange) {
        return Callers.current().zipWith(exchange.getFormData()).flatMap(both -> {
            Caller caller = both.getT1();
            MultiValueMap<String, String> form = both.getT2();
            List<String> ids = form.getOrDefault("post", List.of()).stream().distinct().limit(BULK_LIMIT).toList();
            String note = form.getFirst("note") == null || form.getFirst("note").isBlank() ? "Spam"
                    : form.getFirst("note").strip();
            if (ids.isEmpty()) {
                return Flash.set(exchange, "Nothing dismissed: tick the posts that are spam first")
                        .thenReturn("redirect:" + back(form));
            }
            return Flux.fromIterable(ids)
                    .concatMap(postId -> inbox.act(caller, postId, new ActionRequest("DISMISS", note, null, null,
                            null)).thenReturn(true)
                            .onErrorResume(failure -> Mono.just(false)))
                    .collectList()
                    .flatMap(results -> {
                        long done = results.stream().filter(ok -> ok).count();
                        long missed = results.size() - done;
                        String message = "Dismissed " + plural(done, "post") + " as spam"
                                + (missed == 0 ? "" : "; " + plural(missed, "post")
                                        + " had already been handled by someone else or could not be dismissed");
                        return Flash.set(exchange, message).thenReturn("redirect:" + back(form));
                    });
        });
    }

    /** Newly flagged posts, as server-sent events of their ids, for {@code /js/moderation.js}. */
    @GetMapping(value = "/ui/moderation/live", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @org.springframework.web.bind.annotation.ResponseBody
    Flux<ServerSentEvent<String>> live() {
        return Callers.current().flatMapMany(caller -> {
            Flux<ServerSentEvent<String>> flagged = inbox.flaggedLive(caller)
                    .map(postId -> ServerSentEvent.builder(postId).event("flagged").id(postId).build());
            Flux<ServerSentEvent<String>> heartbeat = Flux.interval(Duration.ofSeconds(15))
                    .map(tick -> ServerSentEvent.<String>builder().comment("keep-alive").build());
            return Flux.merge(Flux.just(ServerSentEvent.<String>builder().comment("connected").build()), flagged,
                    heartbeat);
        });
    }

    private Mono<java.util.Optional<SchoolView>> schoolOf(Caller caller, String school, Model model) {
        String wanted = caller.isAdmin() ? blank(school) : caller.schoolId();
        if (wanted == null) {
            return schools.schools().sort(Comparator.comparing(SchoolView::name)).collectList().map(all -> {
                model.addAttribute("schools", all);
                return java.util.Optional.empty();
            });
        }
        if (!caller.canSee(wanted)) {
            return Mono.error(Problems.notFound("school", wanted));
        }
        return schools.school(wanted).map(java.util.Optional::of)
                .switchIfEmpty(Mono.error(() -> Problems.notFound("school", wanted)));
    }

    static Map<String, String> accountNames(List<SchoolAccount> found) {
        Map<String, String> labels = new LinkedHashMap<>();
        found.forEach(account -> labels.put(account.id(), account.handle() + " on " + Words.platform(
                account.platform())));
        return labels;
    }

    private static String done(PostView after) {
        return Words.outcome(after);
    }

    private static String back(MultiValueMap<String, String> form) {
        String back = form.getFirst("back");
        // only a path of this site, never an address elsewhere
        return back != null && back.startsWith("/ui/moderation") && !back.startsWith("//") ? back : "/ui/moderation";
    }

    private static Long parseLong(String value) {
        try {
            return value == null || value.isBlank() ? null : Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String blank(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static String plural(long count, String noun) {
        return count + " " + noun + (count == 1 ? "" : "s");
    }
}
