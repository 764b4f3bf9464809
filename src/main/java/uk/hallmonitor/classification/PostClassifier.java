package uk.hallmonitor.classification;

/**
 * Classifies a text. Implementations are thread-safe, run in memory, never call out, and never fail on odd input
 * (empty, huge, binary, other languages): they return a low-confidence verdict instead.
 */
public interface PostClassifier {

    /** The verdict under the default thresholds. */
    Verdict classify(String text);

    /**
     * The verdict, computed off the caller's thread; implementations with a sentence encoder queue the text and
     * classify whatever is queued in one batch, so a burst of posts uses the batch path.
     */
    default reactor.core.publisher.Mono<Verdict> classifyLater(String text) {
        return reactor.core.publisher.Mono.fromCallable(() -> classify(text))
                .subscribeOn(reactor.core.scheduler.Schedulers.parallel());
    }

    /** Verdicts for many texts, in order; implementations with a sentence encoder embed them in one batch. */
    default java.util.List<Verdict> classifyAll(java.util.List<String> texts) {
        return texts.stream().map(this::classify).toList();
    }
}
