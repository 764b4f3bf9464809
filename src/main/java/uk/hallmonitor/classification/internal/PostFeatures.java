package uk.hallmonitor.classification.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import opennlp.tools.doccat.FeatureGenerator;

/**
 * The features every Hallmonitor document model uses: words, word pairs, character 3–5-grams inside words (which
 * survive misspellings and compounds such as hashtags), lexicon categories, and whether an insult is aimed at
 * "you". All settings are fixed in code, so a saved model always reloads with exactly the features it was trained
 * on: OpenNLP re-creates a generator from its class name with the no-argument constructor, which would silently
 * reset the settings of a configurable generator such as {@code NGramFeatureGenerator}.
 *
 * <p>The pipeline computes the features once and hands them to every model through {@link #PRECOMPUTED}.
 */
public final class PostFeatures implements FeatureGenerator {

    /** Extra-information key under which the caller passes features it already computed for these tokens. */
    public static final String PRECOMPUTED = "hallmonitor.features";

    private static final int MIN_GRAM = 3;
    private static final int MAX_GRAM = 5;
    private static final int MAX_WORD = 24;

    private final Lexicon lexicon;

    /** Used by OpenNLP when it reloads a model. */
    public PostFeatures() {
        this(Lexicon.base());
    }

    public PostFeatures(Lexicon lexicon) {
        this.lexicon = lexicon;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Collection<String> extractFeatures(String[] tokens, Map<String, Object> extraInformation) {
        if (extraInformation != null && extraInformation.get(PRECOMPUTED) instanceof Collection<?> precomputed) {
            return (Collection<String>) precomputed;
        }
        return features(tokens);
    }

    /** The features of one token sequence. */
    public List<String> features(String[] tokens) {
        List<String> features = new ArrayList<>(tokens.length * 14 + 4);
        String previous = null;
        boolean you = false;
        for (String token : tokens) {
            if (token.startsWith("__")) {
                features.add("m=" + token);
                continue;
            }
            features.add("w=" + token);
            if (previous != null) {
                features.add("b=" + previous + '_' + token);
            }
            previous = token;
            you |= token.equals("you") || token.equals("u") || token.equals("ur") || token.equals("youre")
                    || token.equals("your") || token.equals("@user");
            addCharGrams(token, features);
        }
        List<Lexicon.Entry> hits = lexicon.find(tokens);
        for (Lexicon.Entry hit : hits) {
            features.add("lex=" + hit.category());
            if (you) {
                features.add("lexyou=" + hit.category());
            }
        }
        if (hits.isEmpty()) {
            features.add("lex=none");
        }
        return features;
    }

    private static void addCharGrams(String token, List<String> features) {
        int length = token.length();
        if (length < 2 || length > MAX_WORD || !Character.isLetter(token.charAt(0))) {
            return;
        }
        String padded = '<' + token + '>';
        int n = padded.length();
        for (int size = MIN_GRAM; size <= MAX_GRAM; size++) {
            for (int start = 0; start + size <= n; start++) {
                if (size == n) {
                    break; // the whole padded word is already the w= feature
                }
                features.add(padded.substring(start, start + size));
            }
        }
    }
}
