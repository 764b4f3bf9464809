package uk.hallmonitor.classification;

/**
 * Classifies a text. Implementations are thread-safe, run in memory, never call out, and never fail on odd input
 * (empty, huge, binary, other languages): they return a low-confidence verdict instead.
 */
public interface PostClassifier {

    /** The verdict under the default thresholds. */
    Verdict classify(String text);

    /** Verdicts for many texts, in order; implementations with a sentence encoder embed them in one batch. */
    default java.util.List<Verdict> classifyAll(java.util.List<String> texts) {
        return texts.stream().map(this::classify).toList();
    }
}
