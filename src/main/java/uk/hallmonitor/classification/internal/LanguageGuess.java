package uk.hallmonitor.classification.internal;

import java.util.Set;

/**
 * A cheap guess whether a text is English: the models were trained on English only, so for anything else the
 * classifier says "unsupported" instead of guessing. Short or wordless texts (emoji, "lol") count as English,
 * because there is nothing better to say about them.
 */
public final class LanguageGuess {

    private static final Set<String> COMMON = Set.copyOf(java.util.List.of(
            "the", "a", "an", "and", "or", "but", "to", "of", "in", "on", "at", "for", "with", "is", "are", "was",
            "were", "be", "been", "it", "its", "this", "that", "these", "those", "i", "you", "he", "she", "we", "they",
            "me", "him", "her", "us", "them", "my", "your", "his", "our", "their", "not", "no", "yes", "do", "does",
            "did", "dont", "have", "has", "had", "will", "would", "can", "could", "should", "what", "when", "where",
            "who", "why", "how", "if", "so", "just", "all", "any", "from", "by", "about", "as", "up", "out", "get",
            "got", "go", "like", "know", "think", "school", "teacher", "kids", "child", "children", "please",
            "thanks", "thank", "good", "great", "bad", "lol", "u", "ur", "im", "its", "there", "here", "more", "very",
            "one", "day", "today", "tomorrow", "love", "people", "time", "now", "then", "than", "off", "am", "really",
            "cant", "wont", "youre", "hes", "shes", "thats", "been", "some", "every", "still", "make", "made", "need"));

    private LanguageGuess() {
    }

    /** {@code en} or {@code unsupported}. */
    public static String of(NormalisedText text) {
        if (text.letters() >= 12 && text.latinLetters() * 2 < text.letters()) {
            return "unsupported"; // mostly non-Latin script
        }
        int words = 0;
        int common = 0;
        for (String token : text.tokens()) {
            if (token.length() > 0 && Character.isLetter(token.charAt(0)) && !token.equals("url")) {
                words++;
                if (COMMON.contains(token)) {
                    common++;
                }
            }
        }
        if (words >= 5 && common * 10 < words) {
            return "unsupported";
        }
        return "en";
    }
}
