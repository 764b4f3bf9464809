package uk.hallmonitor.classification.web;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import uk.hallmonitor.classification.Category;
import uk.hallmonitor.classification.ClassificationProperties;
import uk.hallmonitor.classification.Intent;
import uk.hallmonitor.classification.ModerationFeedback;
import uk.hallmonitor.system.security.Role;
import uk.hallmonitor.system.web.Problems;

/**
 * The other half of moderators' feedback ("not a problem" is a DISMISS action on a flagged post): a post the
 * service missed, or a flagged post whose category was wrong, becomes a labelled example in the feedback file that
 * {@code retrain} trains on. Moderators, SLT, the DSL and administrators may send it; a repeat of the same
 * correction is accepted and changes nothing.
 */
@RestController
@RequestMapping("/api/v1/classify/feedback")
class FeedbackController {

    /** What kind of correction. */
    enum Kind {
        /** The service did not flag a post it should have. */
        MISSED,
        /** The service flagged a post under the wrong categories. */
        WRONG_CATEGORY
    }

    /**
     * A correction.
     *
     * @param kind       MISSED or WRONG_CATEGORY
     * @param text       the post's text, as it was classified
     * @param postId     the post it came from, if any (for the record)
     * @param categories the right categories (at least one)
     * @param offensive  whether it is offensive (default: true unless every category is self-harm, disclosure,
     *                   spam or personal data, which are not offensive in themselves)
     * @param intent     what the post asks of the school, if known
     */
    record FeedbackRequest(String kind, String text, String postId, List<String> categories, Boolean offensive,
                           String intent) {
    }

    /** What was recorded. */
    record FeedbackRecorded(Kind kind, String postId, List<Category> categories, boolean offensive, Intent intent,
                            boolean duplicate) {
    }

    private final ModerationFeedback feedback;
    private final int maxTextLength;

    FeedbackController(ModerationFeedback feedback, ClassificationProperties properties) {
        this.feedback = feedback;
        this.maxTextLength = properties.maxTextLength();
    }

    @PostMapping
    @ResponseStatus(HttpStatus.ACCEPTED)
    Mono<FeedbackRecorded> report(@RequestBody(required = false) FeedbackRequest request) {
        List<Problems.FieldError> errors = new ArrayList<>();
        if (request == null) {
            return Mono.error(Problems.badRequest("kind", "send {kind: MISSED|WRONG_CATEGORY, text, categories}"));
        }
        Kind kind = null;
        if (request.kind() == null || request.kind().isBlank()) {
            errors.add(new Problems.FieldError("kind", "say MISSED (not flagged, should have been) or WRONG_CATEGORY"));
        } else {
            try {
                kind = Kind.valueOf(request.kind().strip());
            } catch (IllegalArgumentException e) {
                errors.add(
                        new Problems.FieldError("kind", "\"" + request.kind() + "\" is not MISSED or WRONG_CATEGORY"));
            }
        }
        if (request.text() == null || request.text().isBlank()) {
            errors.add(new Problems.FieldError("text", "give the post's text as it was classified"));
        } else if (request.text().length() > maxTextLength) {
            errors.add(new Problems.FieldError("text", "at most " + maxTextLength + " characters"));
        }
        Set<Category> categories = new LinkedHashSet<>();
        if (request.categories() == null || request.categories().isEmpty()) {
            errors.add(new Problems.FieldError("categories", "name at least one category (e.g. [\"THREAT\"]); a post "
                    + "that is not a problem is dismissed on the post instead"));
        } else {
            for (String name : request.categories()) {
                try {
                    categories.add(Category.valueOf(name == null ? "" : name.strip()));
                } catch (IllegalArgumentException e) {
                    errors.add(new Problems.FieldError("categories", "\"" + name + "\" is not one of "
                            + List.of(Category.values())));
                }
            }
        }
        Intent intent = null;
        if (request.intent() != null && !request.intent().isBlank()) {
            try {
                intent = Intent.valueOf(request.intent().strip());
            } catch (IllegalArgumentException e) {
                errors.add(new Problems.FieldError("intent", "\"" + request.intent() + "\" is not one of "
                        + List.of(Intent.values())));
            }
        }
        if (!errors.isEmpty()) {
            return Mono.error(Problems.invalid(errors));
        }
        Kind accepted = kind;
        Intent asked = intent;
        boolean offensive = request.offensive() != null ? request.offensive()
                : ModerationFeedback.offensiveByDefault(categories);
        return Callers.allowed()
                .then(feedback.recordOnce(request.text(), offensive, categories, asked))
                .map(added -> new FeedbackRecorded(accepted, request.postId(), List.copyOf(categories), offensive,
                        asked, !added));
    }

    /** Who may correct the classifier. */
    private static final class Callers {

        static Mono<Void> allowed() {
            return uk.hallmonitor.system.security.Callers.current().flatMap(caller -> caller.isAdmin()
                    || caller.hasAny(Role.MODERATOR, Role.SLT, Role.DSL) ? Mono.<Void>empty()
                            : Mono.error(
                                    Problems.forbidden("only moderators, SLT, the DSL and administrators may correct "
                                            + "the classifier")));
        }
    }
}
