package uk.hallmonitor.classification;

/**
 * Classifies a text. Implementations are thread-safe, run in memory, never call out, and never fail on odd input
 * (empty, huge, binary, other languages): they return a low-confidence verdict instead.
 */
public interface PostClassifier {

    /** The verdict under the default thresholds. */
    Verdict classify(String text);
}
