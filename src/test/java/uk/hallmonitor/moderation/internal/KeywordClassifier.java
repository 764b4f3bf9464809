package uk.hallmonitor.moderation.internal;

import java.util.List;
import java.util.Locale;
import uk.hallmonitor.classification.Category;
import uk.hallmonitor.classification.CategoryScore;
import uk.hallmonitor.classification.Intent;
import uk.hallmonitor.classification.PostClassifier;
import uk.hallmonitor.classification.Severity;
import uk.hallmonitor.classification.Verdict;

/**
 * A classifier for tests that decides by keywords: {@code illegalcontent} is suspected illegal, {@code kill myself}
 * CRITICAL self-harm, {@code buy cheap} spam, {@code hurt you} a threat, {@code idiot} abuse, {@code damn} low profanity; anything else is clean.
 */
public class KeywordClassifier implements PostClassifier {

    private final java.util.Map<String, java.util.concurrent.atomic.AtomicInteger> calls =
            new java.util.concurrent.ConcurrentHashMap<>();

    /** How many times this text was classified (every path, the queued one included, comes through here). */
    public int callsFor(String text) {
        java.util.concurrent.atomic.AtomicInteger count = calls.get(text);
        return count == null ? 0 : count.get();
    }

    @Override
    public Verdict classify(String text) {
        calls.computeIfAbsent(text, t -> new java.util.concurrent.atomic.AtomicInteger()).incrementAndGet();
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.contains("illegalcontent")) {
            return verdict(Category.SEXUAL, Severity.CRITICAL, true, true);
        }
        if (lower.contains("kill myself")) {
            return verdict(Category.SELF_HARM, Severity.CRITICAL, true, false);
        }
        if (lower.contains("buy cheap")) {
            // spam is not offensive: the moderation queue does not take it
            return new Verdict(false, 0.1, List.of(new CategoryScore(Category.SPAM, 0.93)), Severity.LOW, false,
                    false, Intent.OTHER, 0.5, "en", "keywords-1", List.of("keyword"));
        }
        if (lower.contains("hurt you")) {
            return verdict(Category.THREAT, Severity.HIGH, true, false);
        }
        if (lower.contains("idiot")) {
            return verdict(Category.ABUSE, Severity.MEDIUM, false, false);
        }
        if (lower.contains("damn")) {
            return verdict(Category.PROFANITY, Severity.LOW, false, false);
        }
        return new Verdict(false, 0.02, List.of(), Severity.NONE, false, false, Intent.OTHER, 0.5, "en",
                "keywords-1", List.of());
    }

    private static Verdict verdict(Category category, Severity severity, boolean safeguarding, boolean illegal) {
        return new Verdict(true, 0.97, List.of(new CategoryScore(category, 0.97)), severity, safeguarding, illegal,
                Intent.OTHER, 0.5, "en", "keywords-1", List.of("keyword"));
    }
}
