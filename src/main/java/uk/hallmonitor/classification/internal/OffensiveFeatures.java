package uk.hallmonitor.classification.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import opennlp.tools.doccat.FeatureGenerator;

/**
 * The features of the offensive-or-not models: those of {@link PostFeatures} (words, word pairs, character
 * 3–5-grams inside words, lexicon categories) plus what marks an insult in tweets: how many profanity and insult
 * terms there are and whether they are aimed at "you" ("you are a X", "X like you"), how many @mentions and where,
 * links, length, shouting, stretched letters, exclamation and question marks, quotes, and the words inside camel-case
 * hashtags (#DrainTheSwamp). Each addition was kept only if it raised out-of-fold macro-F1 on OLID (see
 * {@code nlp-models/MODEL.md}).
 *
 * <p>Like {@link PostFeatures}, every setting is fixed in code so a saved model reloads with the same features. The
 * raw text (for case, hashtags and punctuation the tokens no longer carry) comes in the extra information under
 * {@link #RAW}; without it those features are left out.
 */
public final class OffensiveFeatures implements FeatureGenerator {

    /** Extra-information key under which the caller passes features it already computed for this text. */
    public static final String PRECOMPUTED = "hallmonitor.offensive-features";
    /** Extra-information key of the raw text. */
    public static final String RAW = "hallmonitor.raw";

    /** Profanity and insults as tweets use them; a feature only, never a rule (the lexicon is the rule list). */
    static final Set<String> INSULTS = Set.of(
            "fuck", "fucking", "fucked", "fucker", "fuckers", "fuckin", "fck", "fk", "fkn", "fucks", "motherfucker",
            "motherfuckers", "mf", "shit", "shitty", "bullshit", "shits", "shite", "crap", "crappy", "damn", "dammit",
            "goddamn", "hell", "ass", "asses", "asshole", "assholes", "arse", "arsehole", "bitch", "bitches",
            "bitching", "bastard", "bastards", "cunt", "cunts", "dick", "dicks", "dickhead", "cock", "pussy", "piss",
            "pissed", "wtf", "stfu", "gtfo", "sucks", "suck", "screw", "idiot", "idiots", "idiotic", "stupid",
            "stupidity", "dumb", "dumbass", "moron", "morons", "moronic", "retard", "retarded", "retards", "loser",
            "losers", "pathetic", "disgusting", "disgrace", "disgraceful", "scum", "scumbag", "trash", "garbage",
            "liar", "liars", "hypocrite", "hypocrites", "hypocrisy", "clown", "clowns", "fool", "fools", "foolish",
            "coward", "cowards", "cowardly", "traitor", "traitors", "evil", "vile", "ugly", "fat", "nasty", "creep",
            "creepy", "pig", "pigs", "rat", "rats", "snake", "imbecile", "ignorant", "incompetent", "useless",
            "worthless", "clueless", "brainless", "twat", "wanker", "prick", "jerk", "douche", "douchebag",
            "jackass", "whore", "slut", "hoe", "hoes", "skank", "freak", "weirdo", "psycho", "lunatic", "crazy",
            "insane", "nutjob", "sick", "sicko", "pervert", "pedo", "pedophile", "paedo", "thug", "thugs", "nazi",
            "nazis", "fascist", "fascists", "commie", "commies", "libtard", "libtards", "snowflake", "snowflakes",
            "cuck", "cucks", "shill", "racist", "racists", "bigot", "bigots", "sexist", "corrupt", "crook", "crooks",
            "treason", "nigga", "niggas", "nigger", "niggers", "faggot", "fag", "hate", "kill", "die", "shut",
            "lmfao", "smh", "ffs", "bloody", "bollocks", "tosser", "bellend", "knobhead", "slag",
            "dipshit", "dumbfuck", "shithead", "shithole", "turd", "scumbags", "filth", "filthy", "degenerate",
            "degenerates", "parasite", "parasites", "vermin", "animal", "animals", "savage", "savages", "lame");

    private final PostFeatures words;

    /** Used by OpenNLP when it reloads a model. */
    public OffensiveFeatures() {
        this(Lexicon.base());
    }

    public OffensiveFeatures(Lexicon lexicon) {
        this.words = new PostFeatures(lexicon);
    }

    @Override
    @SuppressWarnings("unchecked")
    public Collection<String> extractFeatures(String[] tokens, Map<String, Object> extraInformation) {
        if (extraInformation != null && extraInformation.get(PRECOMPUTED) instanceof Collection<?> precomputed) {
            return (Collection<String>) precomputed;
        }
        Object raw = extraInformation == null ? null : extraInformation.get(RAW);
        return features(raw instanceof String text ? text : null, tokens);
    }

    /** The features of one text: its raw form (may be null) and its normalised tokens. */
    public List<String> features(String raw, String[] tokens) {
        List<String> out = new ArrayList<>(tokens.length * 16 + 24);
        out.addAll(words.features(tokens));
        insults(tokens, out);
        mentions(tokens, out);
        if (raw != null) {
            surface(raw, out);
            hashtags(raw, out);
        }
        out.add("bias");
        return out;
    }

    static boolean isYou(String token) {
        return switch (token) {
            case "you", "u", "ur", "youre", "your", "yours", "yourself", "ya", "yall", "@user" -> true;
            default -> false;
        };
    }

    static void insults(String[] tokens, List<String> out) {
        int count = 0;
        boolean you = false;
        for (int i = 0; i < tokens.length; i++) {
            String t = tokens[i];
            you |= isYou(t);
            if (!INSULTS.contains(t)) {
                continue;
            }
            count++;
            // second person within four words: "you X", "you are a X", "your X", "X like you"
            for (int k = Math.max(0, i - 4); k < Math.min(tokens.length, i + 4); k++) {
                if (k != i && isYou(tokens[k])) {
                    out.add(k < i ? "ins<you" : "ins>you");
                    break;
                }
            }
            if (i >= 2 && (tokens[i - 1].equals("a") || tokens[i - 1].equals("an")) && switch (tokens[i - 2]) {
                case "is", "youre", "are", "such", "what", "r" -> true;
                default -> false;
            }) {
                out.add("ins=isa");
            }
        }
        out.add(count == 0 ? "ins=0" : count == 1 ? "ins=1" : count == 2 ? "ins=2" : "ins=3+");
        if (count > 0 && you) {
            out.add("ins+you");
        }
    }

    private static void mentions(String[] tokens, List<String> out) {
        int users = 0;
        int urls = 0;
        int words = 0;
        for (String t : tokens) {
            if (t.equals("@user")) {
                users++;
            } else if (t.equals("url")) {
                urls++;
            } else if (!t.startsWith("__")) {
                words++;
            }
        }
        out.add("users=" + Math.min(users, 3));
        if (tokens.length > 0 && tokens[0].equals("@user")) {
            out.add("users@start");
        }
        if (urls > 0) {
            out.add("url");
        }
        out.add("len=" + (words < 5 ? 0 : words < 10 ? 1 : words < 20 ? 2 : words < 40 ? 3 : 4));
    }

    private static void surface(String raw, List<String> out) {
        int caps = 0;
        int bangs = 0;
        int questions = 0;
        boolean elongated = false;
        boolean quotes = false;
        int wordLetters = 0;
        int wordUpper = 0;
        int n = Math.min(raw.length(), TextNormaliser.MAX_CHARS);
        for (int i = 0; i <= n; i++) {
            char c = i < n ? raw.charAt(i) : ' ';
            if (Character.isWhitespace(c)) {
                // a shouted word: three or more letters, all capitals ("@USER" and "URL" placeholders aside)
                if (wordLetters >= 3 && wordUpper == wordLetters && !isPlaceholder(raw, i, wordLetters)) {
                    caps++;
                }
                wordLetters = 0;
                wordUpper = 0;
                continue;
            }
            if (Character.isLetter(c)) {
                wordLetters++;
                if (Character.isUpperCase(c)) {
                    wordUpper++;
                }
                if (i >= 2 && c == raw.charAt(i - 1) && c == raw.charAt(i - 2)) {
                    elongated = true;
                }
            } else if (c == '!') {
                bangs++;
            } else if (c == '?') {
                questions++;
            } else if (c == '"' || c == '“' || c == '”') {
                quotes = true;
            }
        }
        out.add("caps=" + Math.min(caps, 2));
        out.add("bang=" + Math.min(bangs, 2));
        if (questions > 0) {
            out.add("question");
        }
        if (elongated) {
            out.add("elongated");
        }
        if (quotes) {
            out.add("quotes");
        }
    }

    private static boolean isPlaceholder(String raw, int end, int letters) {
        return (letters == 4 && raw.startsWith("USER", end - 4)) || (letters == 3 && raw.startsWith("URL", end - 3));
    }

    static void hashtags(String raw, List<String> out) {
        int count = 0;
        int n = Math.min(raw.length(), TextNormaliser.MAX_CHARS);
        for (int i = raw.indexOf('#'); i >= 0 && i < n; i = raw.indexOf('#', i + 1)) {
            int end = i + 1;
            while (end < n && Character.isLetterOrDigit(raw.charAt(end))) {
                end++;
            }
            if (end - i < 3 || count >= 10) {
                continue;
            }
            count++;
            String tag = raw.substring(i + 1, end);
            // camel case carries the words: #MakeAmericaGreatAgain → make, america, great, again
            int start = 0;
            for (int k = 1; k < tag.length(); k++) {
                if (Character.isUpperCase(tag.charAt(k)) && k + 1 < tag.length()
                        && Character.isLowerCase(tag.charAt(k + 1))) {
                    out.add("hw=" + tag.substring(start, k).toLowerCase(Locale.ROOT));
                    start = k;
                }
            }
            out.add("hw=" + tag.substring(start).toLowerCase(Locale.ROOT));
        }
        out.add("tags=" + Math.min(count, 3));
    }
}
