package uk.hallmonitor.schools.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import uk.hallmonitor.system.security.Caller;
import uk.hallmonitor.system.security.Callers;
import uk.hallmonitor.system.web.PageController;
import uk.hallmonitor.system.web.ProblemFields;
import uk.hallmonitor.system.web.Problems;

/**
 * Where every member of staff reads the acceptable-use policy and signs it themselves ({@code /ui/policy}): a
 * ticked box and their typed name record the version and the day, which approval of an application depends on.
 */
@PageController
record PolicyPages(StaffRecords records) {

    /** The version signed when the school names none (any version then counts as current). */
    static final String STANDARD_VERSION = "Hallmonitor standard 2026";

    private static final Map<String, String> LABELS = Map.of("agree", "Agreement", "signature", "Your full name");

    @GetMapping("/ui/policy")
    Mono<Rendering> policy() {
        return staffMember().flatMap(caller -> page(caller, "", false, List.of()));
    }

    private Mono<Rendering> page(Caller caller, String signature, boolean agreed, List<ProblemFields.Shown> errors) {
        return records.staff(caller, caller.staffId()).zipWith(version(caller)).map(t -> {
            StaffDocument me = t.getT1();
            LocalDate today = records.today(me);
            boolean current = Eligibility.acknowledged(me, t.getT2().equals(STANDARD_VERSION) ? "" : t.getT2(), today,
                    records.rules());
            List<StaffDocument.Acknowledgement> signed = me.acknowledgements() == null ? new ArrayList<>()
                    : new ArrayList<>(me.acknowledgements());
            java.util.Collections.reverse(signed);
            return Rendering.view("schools/policy")
                    .modelAttribute("me", me)
                    .modelAttribute("version", t.getT2())
                    .modelAttribute("current", current)
                    .modelAttribute("signed", signed)
                    .modelAttribute("signature", signature)
                    .modelAttribute("agreed", agreed)
                    .modelAttribute("errors", errors)
                    .status(errors.isEmpty() ? HttpStatus.OK : HttpStatus.BAD_REQUEST)
                    .build();
        });
    }

    @PostMapping("/ui/policy")
    Mono<Rendering> sign(ServerWebExchange exchange) {
        return staffMember().zipWith(AdminPages.form(exchange)).flatMap(t -> {
            Caller caller = t.getT1();
            String signature = t.getT2().get("signature").strip();
            boolean agreed = "yes".equals(t.getT2().get("agree"));
            return records.staff(caller, caller.staffId()).zipWith(version(caller)).flatMap(me -> {
                List<ProblemFields.Shown> errors = new ArrayList<>();
                if (!agreed) {
                    errors.add(ProblemFields.field("agree", "tick the box to say you have read and agree to the"
                            + " policy", LABELS));
                }
                if (!normalise(signature).equals(normalise(me.getT1().name()))) {
                    errors.add(ProblemFields.field("signature", "type your full name as the school has it: "
                            + me.getT1().name(), LABELS));
                }
                if (!errors.isEmpty()) {
                    return page(caller, signature, agreed, errors);
                }
                LocalDate today = records.today(me.getT1());
                return records.acknowledge(caller, caller.staffId(),
                        new Requests.NewAcknowledgement(me.getT2(), today))
                        .flatMap(saved -> AdminPages.redirect(exchange, "Signed: you have agreed to the acceptable-use"
                                + " policy (" + me.getT2() + ") on " + today, "/ui/policy"));
            });
        });
    }

    private Mono<String> version(Caller caller) {
        return records.requiredPolicyVersion(caller.schoolId())
                .map(version -> version.isBlank() ? STANDARD_VERSION : version);
    }

    private static Mono<Caller> staffMember() {
        return Callers.current().flatMap(caller -> caller.schoolId() == null
                ? Mono.error(Problems.forbidden("the acceptable-use policy is signed by the staff of a school;"
                        + " a trust administrator has no school"))
                : Mono.just(caller));
    }

    private static String normalise(String name) {
        return name.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }
}
