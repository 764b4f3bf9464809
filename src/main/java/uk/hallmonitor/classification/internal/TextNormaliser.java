package uk.hallmonitor.classification.internal;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns raw post text into the tokens every model sees, undoing the usual ways people hide words from filters:
 * leetspeak, stretched letters, spaced or starred letters, look-alike letters, zero-width and direction marks,
 * decorative Unicode alphabets. Also maps mentions, links, numbers and emoji to placeholder tokens (the safeguarding
 * rules get the same tokens with the numbers as written: {@link NormalisedText#ruleTokens()}).
 *
 * <p>Stateless and thread-safe. Never throws on any input: {@code null}, binary junk and unpaired surrogates are
 * cleaned, and text beyond {@link #MAX_CHARS} characters is cut at a code point boundary.
 */
public final class TextNormaliser {

    /** Longer texts are cut: a post's verdict depends on its beginning, and cost must stay bounded. */
    public static final int MAX_CHARS = 4_000;
    /** At most this many tokens reach the models. */
    public static final int MAX_TOKENS = 300;

    private static final Map<Character, Character> LOOK_ALIKES = Map.ofEntries(
            Map.entry('а', 'a'), Map.entry('е', 'e'), Map.entry('о', 'o'), Map.entry('р', 'p'), Map.entry('с', 'c'),
            Map.entry('у', 'y'), Map.entry('х', 'x'), Map.entry('і', 'i'), Map.entry('к', 'k'), Map.entry('м', 'm'),
            Map.entry('т', 't'), Map.entry('н', 'h'), Map.entry('в', 'b'), Map.entry('ѕ', 's'), Map.entry('ј', 'j'),
            Map.entry('ı', 'i'), Map.entry('ł', 'l'), Map.entry('ø', 'o'), Map.entry('ß', 's'), Map.entry('æ', 'a'));

    private final Lexicon lexicon;

    public TextNormaliser(Lexicon lexicon) {
        this.lexicon = lexicon;
    }

    /** Cleans and tokenises a text. */
    public NormalisedText normalise(String raw) {
        String text = clean(raw);
        List<String> tokens = new ArrayList<>(Math.min(64, text.length() / 3 + 4));
        int letters = 0;
        int latinLetters = 0;
        int upper = 0;
        for (int i = 0; i < text.length();) {
            int cp = text.codePointAt(i);
            if (Character.isLetter(cp)) {
                letters++;
                if (cp < 0x250) {
                    latinLetters++;
                    if (Character.isUpperCase(cp)) {
                        upper++;
                    }
                }
            }
            i += Character.charCount(cp);
        }
        splitIntoTokens(text, tokens);
        List<String> joined = joinSpacedLetters(tokens);
        if (joined.size() > MAX_TOKENS) {
            joined = new ArrayList<>(joined.subList(0, MAX_TOKENS));
        }
        if (latinLetters >= 8 && upper * 10 >= latinLetters * 7) {
            joined.add("__shout");
        }
        String[] ruleTokens = joined.toArray(String[]::new);
        String[] modelTokens = new String[ruleTokens.length];
        for (int k = 0; k < ruleTokens.length; k++) {
            modelTokens[k] = numberPlaceholder(ruleTokens[k]);
        }
        return new NormalisedText(text, modelTokens, letters, latinLetters, ruleTokens);
    }

    /**
     * The models' token for a number as written ({@code 2024} → {@code __year}, {@code 1488} or {@code £20} →
     * {@code __num}); any other token unchanged.
     */
    static String numberPlaceholder(String token) {
        int start = token.isEmpty() || !isCurrency(token.charAt(0)) ? 0 : 1;
        if (start == token.length()) {
            return token;
        }
        for (int k = start; k < token.length(); k++) {
            if (!Character.isDigit(token.charAt(k))) {
                return token;
            }
        }
        return start == 0 && token.length() == 4 && (token.startsWith("19") || token.startsWith("20"))
                ? "__year" : "__num";
    }

    private static boolean isCurrency(int cp) {
        return cp == '£' || cp == '$' || cp == '€';
    }

    /**
     * The text the sentence encoder reads: the normalised words (leetspeak, stars, stretched and spaced letters
     * undone) in natural form, with the placeholders spelt out as words the encoder knows (a link, a mention, the
     * meaning of an emoji).
     */
    public static String encoderText(NormalisedText text) {
        StringBuilder b = new StringBuilder(text.cleaned().length() + 16);
        for (String token : text.tokens()) {
            String word = switch (token) {
                case "url" -> "link";
                case "__email" -> "email address";
                case "__num" -> "number";
                case "__year" -> "year";
                case "__shout", "__emo", "*" -> null;
                case "__emo_finger" -> "middle finger";
                case "__emo_weapon" -> "knife";
                case "__emo_sexual" -> "aubergine";
                case "__emo_laugh" -> "laughing";
                case "__emo_love" -> "heart";
                case "__emo_happy" -> "smile";
                case "__emo_angry" -> "angry";
                case "__emo_insult" -> "clown";
                case "__emo_sad" -> "crying";
                case "__emo_question" -> "?";
                default -> token;
            };
            if (word != null) {
                if (b.length() > 0) {
                    b.append(' ');
                }
                b.append(word);
            }
        }
        return b.toString();
    }

    /** Removes what no model should see: control, zero-width and direction characters, broken surrogates. */
    static String clean(String raw) {
        if (raw == null || raw.isEmpty()) {
            return "";
        }
        String text = raw.length() > MAX_CHARS ? cutAtCodePoint(raw, MAX_CHARS) : raw;
        boolean ascii = true;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 0x7f || (c < 0x20 && c != ' ')) {
                ascii = false;
                break;
            }
        }
        if (ascii) {
            return text;
        }
        // NFKC folds decorative alphabets (𝐟𝐮𝐜𝐤, ｆｕｃｋ) to plain letters before accents are stripped
        String folded = Normalizer.normalize(text, Normalizer.Form.NFKC);
        StringBuilder out = new StringBuilder(folded.length());
        String decomposed = Normalizer.normalize(folded, Normalizer.Form.NFD);
        for (int i = 0; i < decomposed.length();) {
            int cp = decomposed.codePointAt(i);
            i += Character.charCount(cp);
            int type = Character.getType(cp);
            if (type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK || type == Character.FORMAT
                    || type == Character.SURROGATE || type == Character.UNASSIGNED || type == Character.PRIVATE_USE
                    || cp == 0xFFFD || (cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0x1F3FB && cp <= 0x1F3FF)) {
                continue; // zero-width, bidi controls, variation selectors, skin tones, combining accents, junk
            }
            if (type == Character.CONTROL) {
                out.append(' ');
                continue;
            }
            if (cp < 0x10000) {
                Character look = LOOK_ALIKES.get(Character.toLowerCase((char) cp));
                out.append(look != null ? look : (char) cp);
            } else {
                out.appendCodePoint(cp);
            }
        }
        return out.toString();
    }

    private static String cutAtCodePoint(String raw, int max) {
        int end = max;
        if (Character.isHighSurrogate(raw.charAt(end - 1))) {
            end--;
        }
        return raw.substring(0, end);
    }

    private void splitIntoTokens(String text, List<String> tokens) {
        int n = text.length();
        int i = 0;
        while (i < n && tokens.size() < MAX_TOKENS * 2) {
            int cp = text.codePointAt(i);
            if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
                i += Character.charCount(cp);
                continue;
            }
            int start = i;
            while (i < n) {
                int c = text.codePointAt(i);
                if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                    break;
                }
                i += Character.charCount(c);
            }
            addChunk(text.substring(start, i), tokens);
        }
    }

    /** One whitespace-delimited chunk: a link, a mention, or words with punctuation and emoji around them. */
    private void addChunk(String chunk, List<String> tokens) {
        String lower = chunk.toLowerCase(Locale.ROOT);
        if (lower.startsWith("http://") || lower.startsWith("https://") || lower.startsWith("www.")
                || lower.equals("url")) {
            tokens.add("url");
            return;
        }
        if (lower.length() > 1 && lower.charAt(0) == '@' && Character.isLetterOrDigit(lower.charAt(1))) {
            tokens.add("@user");
            return;
        }
        if (lower.indexOf('@') > 0 && lower.indexOf('.', lower.indexOf('@')) > 0) {
            tokens.add("__email");
            return;
        }
        StringBuilder word = new StringBuilder();
        for (int i = 0; i < lower.length();) {
            int cp = lower.codePointAt(i);
            i += Character.charCount(cp);
            if (isCurrency(cp) && word.length() == 0 && i < lower.length() && Character.isDigit(lower.charAt(i))) {
                // "£1488" stays one number with its currency: an amount, never the rules' code "1488"
                word.appendCodePoint(cp);
                continue;
            }
            if (Character.isLetterOrDigit(cp) || cp == '*' || cp == '@' || cp == '$' || cp == '!' || cp == '|') {
                // symbols count as part of a word only between letters/digits ("sh!t", "b@stard", "f*ck")
                if (Character.isLetterOrDigit(cp) || (word.length() > 0 && i < lower.length()
                        && isWordish(lower.codePointAt(i)))) {
                    word.appendCodePoint(cp);
                    continue;
                }
                if (cp == '*' && word.length() > 0) {
                    word.appendCodePoint(cp); // trailing star: "f***"
                    continue;
                }
            } else if (cp == '\'' || cp == '’') {
                continue; // don't → dont
            }
            flushWord(word, tokens);
            String emoji = Emoji.token(cp);
            if (emoji != null) {
                tokens.add(emoji);
            } else if (cp == '?') {
                tokens.add("?");
            } else if (cp == '!') {
                tokens.add("!");
            } else if (cp == '.' || cp == '_' || cp == '-') {
                tokens.add(cp == '.' ? "." : "-");
            }
        }
        flushWord(word, tokens);
    }

    private static boolean isWordish(int cp) {
        return Character.isLetterOrDigit(cp) || cp == '*';
    }

    private void flushWord(StringBuilder word, List<String> tokens) {
        if (word.length() == 0) {
            return;
        }
        tokens.add(canonicalWord(word.toString()));
        word.setLength(0);
    }

    /** Undoes leetspeak, stars and stretched letters in one lower-case word. */
    String canonicalWord(String w) {
        boolean hasLetter = false;
        boolean hasDigit = false;
        boolean hasSymbol = false;
        for (int i = 0; i < w.length(); i++) {
            char c = w.charAt(i);
            if (Character.isLetter(c)) {
                hasLetter = true;
            } else if (Character.isDigit(c)) {
                hasDigit = true;
            } else {
                hasSymbol = true;
            }
        }
        if (!hasLetter && (!hasSymbol || numberPlaceholder(w).equals("__num"))) {
            return w; // a number (or an amount) as written; normalise() maps it to the models' placeholder
        }
        String word = w;
        if (hasLetter && (hasDigit || hasSymbol) && !isOrdinalOrUnit(word)) {
            word = unLeet(word);
        }
        if (word.indexOf('*') >= 0) {
            String guess = lexicon.matchStarred(word);
            word = guess != null ? guess : word.replace("*", "");
            if (word.isEmpty()) {
                return "*";
            }
        }
        return squeeze(word);
    }

    private static boolean isOrdinalOrUnit(String w) {
        int i = 0;
        while (i < w.length() && Character.isDigit(w.charAt(i))) {
            i++;
        }
        if (i == 0) {
            return false;
        }
        String rest = w.substring(i);
        return switch (rest) {
            case "st", "nd", "rd", "th", "s", "am", "pm", "k", "m", "p", "pc", "mm", "cm", "km", "kg", "g", "mph",
                    "yrs", "yr", "min", "mins", "hrs", "h" -> true;
            default -> false;
        };
    }

    private static String unLeet(String w) {
        StringBuilder b = new StringBuilder(w.length());
        for (int i = 0; i < w.length(); i++) {
            char c = w.charAt(i);
            b.append(switch (c) {
                case '0' -> 'o';
                case '1', '!', '|' -> 'i';
                case '3' -> 'e';
                case '4', '@' -> 'a';
                case '5', '$' -> 's';
                case '7' -> 't';
                case '8' -> 'b';
                case '9' -> 'g';
                default -> c;
            });
        }
        return b.toString();
    }

    /** Stretched letters: runs of three or more become two, or one when that gives a known term (fuuuuck → fuck). */
    private String squeeze(String w) {
        boolean stretched = false;
        for (int i = 2; i < w.length(); i++) {
            if (w.charAt(i) == w.charAt(i - 1) && w.charAt(i) == w.charAt(i - 2)) {
                stretched = true;
                break;
            }
        }
        if (!stretched) {
            return w;
        }
        StringBuilder two = new StringBuilder(w.length());
        StringBuilder one = new StringBuilder(w.length());
        for (int i = 0; i < w.length(); i++) {
            char c = w.charAt(i);
            int n = two.length();
            if (n < 2 || two.charAt(n - 1) != c || two.charAt(n - 2) != c) {
                two.append(c);
            }
            if (one.length() == 0 || one.charAt(one.length() - 1) != c) {
                one.append(c);
            }
        }
        String twice = two.toString();
        if (lexicon.contains(twice)) {
            return twice;
        }
        String once = one.toString();
        return lexicon.contains(once) ? once : twice;
    }

    /** "f u c k", "f.u.c.k", "f-u-c-k": three or more single letters in a row become one word. */
    private List<String> joinSpacedLetters(List<String> tokens) {
        List<String> out = new ArrayList<>(tokens.size());
        int i = 0;
        while (i < tokens.size()) {
            int j = i;
            StringBuilder letters = new StringBuilder();
            while (j < tokens.size()) {
                String t = tokens.get(j);
                if (t.length() == 1 && Character.isLetter(t.charAt(0))) {
                    letters.append(t);
                    j++;
                } else if ((t.equals(".") || t.equals("-") || t.equals("*")) && letters.length() > 0
                        && j + 1 < tokens.size() && tokens.get(j + 1).length() == 1
                        && Character.isLetter(tokens.get(j + 1).charAt(0))) {
                    j++;
                } else {
                    break;
                }
            }
            if (letters.length() >= 3) {
                out.add(squeeze(letters.toString()));
                i = j;
            } else {
                String t = tokens.get(i);
                if (!t.equals(".") && !t.equals("-")) {
                    out.add(t);
                }
                i++;
            }
        }
        return out;
    }
}
