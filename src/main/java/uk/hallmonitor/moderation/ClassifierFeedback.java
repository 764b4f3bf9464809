package uk.hallmonitor.moderation;

import java.time.Instant;
import java.util.List;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Labelled examples from moderators for the classifier's retraining ({@code classifier_feedback}, one per post): a
 * dismissed post is a false positive, labelled {@code clean}. The classification module's retrain reads them with
 * {@link #examples()} or straight from the collection (fields {@code text}, {@code label}, {@code categories}).
 */
@Component
public class ClassifierFeedback {

    private final ReactiveMongoTemplate mongo;

    ClassifierFeedback(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

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
        return mongo.insert(example).then()
                .onErrorResume(DuplicateKeyException.class, already -> Mono.empty());
    }

    /** Every labelled example, oldest first. */
    public Flux<Example> examples() {
        return mongo.findAll(Example.class);
    }
}
