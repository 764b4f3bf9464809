package uk.hallmonitor.classification.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Terms and phrases with the category they point to and a weight, matched on normalised tokens. The shipped base
 * list ({@code nlp-models/lexicon.tsv}) also feeds the models' features; a school's additions only act as rules.
 *
 * <p>File format: one entry per line, {@code term<TAB>CATEGORY<TAB>weight}, {@code #} starts a comment. Categories
 * are those of {@code Category} plus {@code MINOR} (words about children, used for the illegal-content rule) and
 * {@code CONTEXT} (words that show a slur is being reported or condemned, not used).
 */
public final class Lexicon {

    /** One matched entry. */
    public record Entry(String phrase, String category, double weight) {
    }

    private final Map<String, List<String[]>> phrasesByFirstWord = new HashMap<>();
    private final Map<String, Entry> entries = new HashMap<>();
    private final Set<String> singleWords = new HashSet<>();
    private final Map<Integer, List<String>> wordsByLength = new HashMap<>();

    private Lexicon() {
    }

    /** The base list shipped with the models. */
    public static Lexicon base() {
        return Holder.BASE;
    }

    /** An empty list, for tests. */
    public static Lexicon empty() {
        return new Lexicon();
    }

    /** Reads entries from a stream in the file format above. */
    public static Lexicon read(InputStream in) {
        Lexicon lexicon = new Lexicon();
        lexicon.addAll(in);
        return lexicon;
    }

    /** A copy of this lexicon with extra entries (a school's own terms) added. */
    public Lexicon with(List<Entry> extra) {
        Lexicon copy = new Lexicon();
        entries.values().forEach(copy::add);
        extra.forEach(copy::add);
        return copy;
    }

    private void addAll(InputStream in) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                line = line.strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.split("\t");
                if (parts.length < 2) {
                    continue;
                }
                double weight = parts.length > 2 ? Double.parseDouble(parts[2].strip()) : 0.8;
                add(new Entry(parts[0].strip().toLowerCase(Locale.ROOT), parts[1].strip(), weight));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void add(Entry entry) {
        String[] words = entry.phrase().split(" +");
        entries.put(entry.phrase(), entry);
        phrasesByFirstWord.computeIfAbsent(words[0], k -> new ArrayList<>()).add(words);
        if (words.length == 1) {
            singleWords.add(words[0]);
            wordsByLength.computeIfAbsent(words[0].length(), k -> new ArrayList<>()).add(words[0]);
        }
    }

    /** Every entry, for copying into an extended lexicon. */
    public List<Entry> entries() {
        return List.copyOf(entries.values());
    }

    /** Whether a single word is listed. */
    public boolean contains(String word) {
        return singleWords.contains(word);
    }

    /** The listed word a starred spelling stands for ("f*ck", "sh**"), or {@code null}. */
    public String matchStarred(String starred) {
        List<String> candidates = wordsByLength.get(starred.length());
        if (candidates == null) {
            return null;
        }
        for (String candidate : candidates) {
            boolean match = true;
            for (int i = 0; i < starred.length() && match; i++) {
                char c = starred.charAt(i);
                match = c == '*' || c == candidate.charAt(i);
            }
            if (match) {
                return candidate;
            }
        }
        return null;
    }

    /** Every entry found in the tokens, phrases of up to five words included. */
    public List<Entry> find(String[] tokens) {
        List<Entry> found = null;
        for (int i = 0; i < tokens.length; i++) {
            List<String[]> phrases = phrasesByFirstWord.get(tokens[i]);
            if (phrases == null) {
                continue;
            }
            for (String[] phrase : phrases) {
                if (matchesAt(tokens, i, phrase)) {
                    if (found == null) {
                        found = new ArrayList<>(4);
                    }
                    found.add(entries.get(String.join(" ", phrase)));
                }
            }
        }
        return found == null ? List.of() : found;
    }

    private static boolean matchesAt(String[] tokens, int start, String[] phrase) {
        if (start + phrase.length > tokens.length) {
            return false;
        }
        for (int k = 1; k < phrase.length; k++) {
            if (!phrase[k].equals(tokens[start + k])) {
                return false;
            }
        }
        return true;
    }

    private static final class Holder {
        static final Lexicon BASE = load();

        private static Lexicon load() {
            InputStream in = Lexicon.class.getResourceAsStream("/nlp-models/lexicon.tsv");
            if (in == null) {
                throw new IllegalStateException("nlp-models/lexicon.tsv is missing from the classpath");
            }
            return read(in);
        }
    }
}
