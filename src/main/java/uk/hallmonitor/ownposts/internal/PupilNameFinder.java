package uk.hallmonitor.ownposts.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import opennlp.tools.dictionary.Dictionary;
import opennlp.tools.namefind.DictionaryNameFinder;
import opennlp.tools.util.Span;
import opennlp.tools.util.StringList;
import uk.hallmonitor.ownposts.FindingKind;
import uk.hallmonitor.ownposts.RosterPupil;
import uk.hallmonitor.ownposts.internal.TextTokens.Token;

/**
 * Finds a school's pupils in a post: OpenNLP {@link DictionaryNameFinder}s over the roster's names (full names, first
 * name with the surname's initial, and first names alone where they are reported), then rules that tell a pupil from
 * an adult, a place or an ordinary word.
 *
 * <p>The rules: a name after a title (Mr, Mrs, Ms, Miss, Dr...) is an adult's; a surname alone is never a pupil; a first
 * name alone is reported only for a pupil on the no-publish list, or for every pupil when the school asks. A name that
 * is also a word (Grace, Hope, Summer, Will, Rose: {@code names-that-are-words.txt}) counts alone only where it reads
 * as a name: capitalised, not the first word of a sentence, not after "the", "this", "our" and the like, and not in a
 * run of capitalised words ("Amazing Grace", "Grace Road", "Summer Fair"); so "Grace won the race" at the start of a
 * post is missed, the price of not flagging every hymn. A full name made only of such words must be capitalised.
 * Matching ignores case and accents otherwise. Built once per roster version; immutable and thread-safe.
 */
final class PupilNameFinder {

    static final Set<String> NAMES_THAT_ARE_WORDS = load("/ownposts/names-that-are-words.txt");
    private static final Set<String> TITLES = Set.of("mr", "mrs", "ms", "miss", "mx", "dr", "sir", "dame", "prof",
            "professor", "rev", "revd", "reverend", "father", "fr", "sister", "lord", "lady", "coach", "madame",
            "monsieur", "senor", "senora", "herr", "frau", "cllr", "councillor", "captain", "capt", "sgt", "pc");
    /** Words after which a name that is also a word is read as the word: "the Summer term", "this Summer", "our Hope". */
    private static final Set<String> WORD_CONTEXT = Set.of("the", "a", "an", "this", "that", "these", "those", "next",
            "last", "our", "your", "their", "my", "his", "her", "its", "every", "each", "some", "any", "no", "in",
            "during", "over", "throughout", "since", "until", "till", "of", "say", "saying", "said", "says", "sing",
            "singing", "sang");
    /** Capitalised words that often come just before a name: they do not make a run of capitalised words. */
    private static final Set<String> GREETINGS = Set.of("congratulations", "congrats", "well", "done", "thanks",
            "thank",
            "welcome", "dear", "hi", "hello", "go", "bravo", "happy", "birthday", "goodbye", "farewell", "meet", "and",
            "huge", "big", "shout");

    enum Form {
        FULL("full name"), INITIAL("first name and surname initial"), FIRST("first name"),
        HASHTAG("full name in a hashtag");

        final String words;

        Form(String words) {
            this.words = words;
        }
    }

    /** A name found: where, whether it is a no-publish pupil's, and in which form. */
    record Match(FindingKind kind, int start, int end, Form form) {
    }

    /** What a dictionary key stands for. */
    private record Entry(boolean noPublish, boolean allWords) {

        Entry merge(Entry other) {
            return new Entry(noPublish || other.noPublish, allWords && other.allWords);
        }
    }

    private final Map<String, Entry> full = new HashMap<>();
    private final Map<String, Entry> initial = new HashMap<>();
    private final Map<String, Entry> first = new HashMap<>();
    /** Full names (and no-publish first names) with nothing between the letters, for hashtags like #ameliasmith. */
    private final Map<String, Entry> runTogether = new HashMap<>();
    private final DictionaryNameFinder fullFinder;
    private final DictionaryNameFinder initialFinder;
    private final DictionaryNameFinder firstFinder;
    private final int pupils;

    private PupilNameFinder(List<RosterPupil> roster, boolean reportFirstNames) {
        Dictionary fullNames = new Dictionary(false);
        Dictionary initials = new Dictionary(false);
        Dictionary firstNames = new Dictionary(false);
        for (RosterPupil pupil : roster) {
            Set<List<String>> givens = new LinkedHashSet<>(variants(pupil.firstName()));
            if (pupil.preferredName() != null && !pupil.preferredName().isBlank()) {
                givens.addAll(variants(pupil.preferredName()));
            }
            Set<List<String>> surnames = variants(pupil.surname());
            String surnameInitial = surnames.isEmpty() ? null : surnames.iterator().next().get(0).substring(0, 1);
            for (List<String> given : givens) {
                if (given.isEmpty()) {
                    continue;
                }
                for (List<String> surname : surnames) {
                    List<String> name = new ArrayList<>(given);
                    name.addAll(surname);
                    put(fullNames, full, name, pupil.noPublish());
                    String together = String.join("", name).replaceAll("[^\\p{L}]", "");
                    if (together.length() >= 8) {
                        runTogether.merge(together, new Entry(pupil.noPublish(), false), Entry::merge);
                    }
                }
                if (surnameInitial != null && Character.isLetter(surnameInitial.charAt(0))) {
                    List<String> withInitial = new ArrayList<>(given);
                    withInitial.add(surnameInitial);
                    put(initials, initial, withInitial, pupil.noPublish());
                }
                if (pupil.noPublish() || reportFirstNames) {
                    put(firstNames, first, given, pupil.noPublish());
                    String alone = String.join("", given).replaceAll("[^\\p{L}]", "");
                    if (pupil.noPublish() && alone.length() >= 5 && !NAMES_THAT_ARE_WORDS.contains(alone)) {
                        runTogether.merge(alone, new Entry(true, false), Entry::merge);
                    }
                }
            }
        }
        fullFinder = new DictionaryNameFinder(fullNames, "full");
        initialFinder = new DictionaryNameFinder(initials, "initial");
        firstFinder = new DictionaryNameFinder(firstNames, "first");
        pupils = roster.size();
    }

    static PupilNameFinder of(List<RosterPupil> roster, boolean reportFirstNames) {
        return new PupilNameFinder(roster, reportFirstNames);
    }

    int pupils() {
        return pupils;
    }

    private static void put(Dictionary dictionary, Map<String, Entry> entries, List<String> tokens, boolean noPublish) {
        dictionary.put(new StringList(tokens.toArray(String[]::new)));
        boolean allWords = tokens.stream().allMatch(NAMES_THAT_ARE_WORDS::contains);
        entries.merge(String.join(" ", tokens), new Entry(noPublish, allWords), Entry::merge);
    }

    /**
     * The token lists a written name may appear as: as written, hyphens as spaces (Smith Jones), and apostrophes left
     * out or as a break (ONeill, #OBrien split into O and Brien).
     */
    static Set<List<String>> variants(String name) {
        Set<List<String>> out = new LinkedHashSet<>();
        if (name == null || name.isBlank()) {
            return out;
        }
        List<String> written = TextTokens.of(name.toLowerCase(java.util.Locale.ROOT)).tokens().stream()
                .map(Token::norm).toList();
        if (written.isEmpty()) {
            return out;
        }
        out.add(written);
        out.add(split(written, "-"));
        // McAllister, MacGregor, DeSouza: a hashtag splits them at the inner capital
        String innerCapitals = name.replaceAll("(\\p{Ll})(\\p{Lu})", "$1 $2");
        if (!innerCapitals.equals(name)) {
            out.add(TextTokens.of(innerCapitals.toLowerCase(java.util.Locale.ROOT)).tokens().stream()
                    .map(Token::norm).toList());
        }
        for (List<String> base : List.of(written, split(written, "-"))) {
            out.add(base.stream().map(t -> t.replace("'", "")).toList());
            out.add(split(base, "'"));
        }
        return out;
    }

    private static List<String> split(List<String> tokens, String mark) {
        List<String> out = new ArrayList<>();
        for (String token : tokens) {
            for (String part : token.split(java.util.regex.Pattern.quote(mark))) {
                if (!part.isEmpty()) {
                    out.add(part);
                }
            }
        }
        return out;
    }

    /** The pupils' names in the text, in order, none overlapping. */
    List<Match> find(String text) {
        TextTokens tokens = TextTokens.of(text);
        List<Token> t = tokens.tokens();
        String[] norms = t.stream().map(Token::norm).toArray(String[]::new);
        List<Match> found = new ArrayList<>();
        for (Span span : fullFinder.find(norms)) {
            Entry entry = full.get(key(norms, span));
            if (entry != null && together(t, span) && !afterTitle(text, t, span.getStart())
                    && (!entry.allWords() || allCapitalised(t, span))) {
                found.add(match(entry, t, span, Form.FULL));
            }
        }
        for (Span span : initialFinder.find(norms)) {
            Entry entry = initial.get(key(norms, span));
            if (entry != null && together(t, span) && !afterTitle(text, t, span.getStart())
                    && isInitial(text, t.get(span.getEnd() - 1))
                    && (!entry.allWords() || t.get(span.getStart()).capitalised())) {
                addUnlessOverlapping(found, match(entry, t, span, Form.INITIAL));
            }
        }
        for (TextTokens.Hashtag hashtag : tokens.unsplitHashtags()) {
            for (Map.Entry<String, Entry> name : runTogether.entrySet()) {
                if (hashtag.norm().contains(name.getKey())) {
                    addUnlessOverlapping(found, new Match(kind(name.getValue()), hashtag.start(), hashtag.end(),
                            Form.HASHTAG));
                    break;
                }
            }
        }
        for (Span span : firstFinder.find(norms)) {
            Entry entry = first.get(key(norms, span));
            if (entry != null && together(t, span) && readsAsName(text, tokens, span, entry)) {
                addUnlessOverlapping(found, match(entry, t, span, Form.FIRST));
            }
        }
        found.sort(Comparator.comparingInt(Match::start));
        return found;
    }

    private static String key(String[] norms, Span span) {
        return String.join(" ", java.util.Arrays.asList(norms).subList(span.getStart(), span.getEnd()));
    }

    private static FindingKind kind(Entry entry) {
        return entry.noPublish() ? FindingKind.NO_PUBLISH_PUPIL : FindingKind.PUPIL_NAME;
    }

    private static Match match(Entry entry, List<Token> t, Span span, Form form) {
        return new Match(kind(entry), t.get(span.getStart()).start(), t.get(span.getEnd() - 1).end(), form);
    }

    private static void addUnlessOverlapping(List<Match> found, Match candidate) {
        for (Match m : found) {
            if (candidate.start() < m.end() && m.start() < candidate.end()) {
                return;
            }
        }
        found.add(candidate);
    }

    /** The words of a name follow each other with only spaces between (or within one hashtag). */
    private static boolean together(List<Token> t, Span span) {
        for (int i = span.getStart() + 1; i < span.getEnd(); i++) {
            if (!t.get(i).joined() || t.get(i).hashtag() != t.get(i - 1).hashtag()) {
                return false;
            }
        }
        return true;
    }

    private static boolean allCapitalised(List<Token> t, Span span) {
        for (int i = span.getStart(); i < span.getEnd(); i++) {
            if (!t.get(i).capitalised()) {
                return false;
            }
        }
        return true;
    }

    /** Mr Grace Holloway, Mrs. O'Neill, Dr Amelia Smith: an adult. */
    private static boolean afterTitle(String text, List<Token> t, int index) {
        if (index == 0) {
            return false;
        }
        Token before = t.get(index - 1);
        if (!TITLES.contains(before.norm())) {
            return false;
        }
        String between = text.substring(before.end(), t.get(index).start());
        return between.matches("\\.?[ \\t\\u00A0]*");
    }

    /** "S." or "S" as a capital on its own; "I" and "A" without a full stop are words, not initials. */
    private static boolean isInitial(String text, Token token) {
        if (token.raw().length() != 1 || !Character.isUpperCase(token.raw().charAt(0))) {
            return false;
        }
        boolean stop = token.end() < text.length() && text.charAt(token.end()) == '.';
        return stop || "AIO".indexOf(token.raw().charAt(0)) < 0;
    }

    /** Whether a first name standing alone reads as a person's name rather than a word or part of another name. */
    private static boolean readsAsName(String text, TextTokens tokens, Span span, Entry entry) {
        List<Token> t = tokens.tokens();
        Token name = t.get(span.getStart());
        Token last = t.get(span.getEnd() - 1);
        if (afterTitle(text, t, span.getStart())) {
            return false;
        }
        Token next = span.getEnd() < t.size() ? t.get(span.getEnd()) : null;
        Token previous = span.getStart() > 0 ? t.get(span.getStart() - 1) : null;
        // Amelia Earhart, Amelia Hughes: a first name followed by a capitalised word is someone's full name, and a
        // pupil's full name would have been found already
        boolean followedByCapital = next != null && next.joined() && next.capitalised() && !next.hashtag()
                && !last.hashtag();
        if (!entry.allWords()) {
            return !followedByCapital;
        }
        if (!name.capitalised() || name.sentenceStart() || name.hashtag() || tokens.shouting() || followedByCapital) {
            return false;
        }
        if (previous != null && WORD_CONTEXT.contains(previous.norm())) {
            return false;
        }
        boolean inCapitalisedRun = previous != null && name.joined() && previous.capitalised()
                && !GREETINGS.contains(previous.norm());
        return !inCapitalisedRun;
    }

    private static Set<String> load(String resource) {
        Set<String> words = new HashSet<>();
        try (InputStream in = PupilNameFinder.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the build");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String word = line.strip();
                if (!word.isEmpty() && !word.startsWith("#")) {
                    words.add(word);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Set.copyOf(words);
    }
}
