package uk.hallmonitor.moderation.internal;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import uk.hallmonitor.classification.Category;
import uk.hallmonitor.classification.ModerationFeedback;

/**
 * Labelled examples from moderators for the classifier's retraining ({@code classifier_feedback}, one per post): a
 * dismissed post is a false positive, labelled {@code clean}. The first time a post is labelled the example is also
 * appended to the classification module's feedback file ({@code hallmonitor.classification.feedback-file}), which
 * is what the offline {@code retrain} command reads: the collection is the record, the file the training input.
 */
@Component
record ClassifierFeedback(ReactiveMongoTemplate mongo, ModerationFeedback trainingFile) {

    private static final Logger log = LoggerFactory.getLogger(ClassifierFeedback.class);
    /** The label of a false positive: the text is not offensive. */
    static final String CLEAN = "clean";

    /**
     * One labelled text.
     *
     * @param postId       the post it came from
     * @param text         the text as classified
     * @param label        {@code clean} for a false positive
     * @param categories   what the classifier wrongly flagged
     * @param modelVersion the model that got it wrong
     * @param labelledBy   the moderator's username
     * @param labelledAt   when
     */
    @Document("classifier_feedback")
    public record Example(@Id String postId, String text, String label, List<String> categories,
                          String modelVersion, String labelledBy, Instant labelledAt) {
    }

    Mono<Void> record(Example example) {
        // only the first label of a post reaches the file: the unique _id makes a repeated dismissal a no-op
        return mongo.insert(example)
                .flatMap(inserted -> trainingFile.record(example.text(), !CLEAN.equals(example.label()),
                        CLEAN.equals(example.label()) ? List.of() : categories(example), null)
                        .onErrorResume(error -> {
                            // the example is kept in the collection; a full disk must not fail the moderator's action
                            log.warn("feedback for post {} not written to the training file: {}", example.postId(),
                                    error.getMessage());
                            return Mono.empty();
                        }))
                .then()
                .onErrorResume(DuplicateKeyException.class, already -> Mono.empty());
    }

    private static List<Category> categories(Example example) {
        return example.categories() == null ? List.of() : example.categories().stream()
                .filter(name -> Arrays.stream(Category.values()).anyMatch(c -> c.name().equals(name)))
                .map(Category::valueOf).toList();
    }

    /** Every labelled example, oldest first. */
    public Flux<Example> examples() {
        return mongo.findAll(Example.class);
    }
}
