package uk.hallmonitor.ownposts.internal;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Splits a post into word tokens with their character offsets, as the name finder needs them: apostrophes and
 * hyphens inside a word stay in it (O'Neill, Smith-Jones), a possessive {@code 's} is cut off (Amelia Smith's), and a
 * hashtag's body is split at its capitals (#WellDoneAmeliaSmith gives Well, Done, Amelia, Smith).
 */
final class TextTokens {

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");

    /**
     * One word of the text.
     *
     * @param raw           the word as written (without a possessive)
     * @param norm          lower case, accents removed, curly apostrophes made straight: what the dictionary holds
     * @param start         offset of the first character
     * @param end           offset after the last character
     * @param capitalised   starts with an upper-case letter
     * @param sentenceStart first word of the text, of a line or after . ! ? or :
     * @param hashtag       part of a hashtag
     * @param joined        only spaces separate it from the previous token (no punctuation between them)
     */
    record Token(String raw, String norm, int start, int end, boolean capitalised, boolean sentenceStart,
                 boolean hashtag, boolean joined) {
    }

    /**
     * A hashtag whose body has no capitals to split at (#ameliasmith): the finder looks for whole names run together.
     */
    record Hashtag(String norm, int start, int end) {
    }

    private final List<Token> tokens = new ArrayList<>();
    private final List<Hashtag> unsplit = new ArrayList<>();
    private final boolean shouting;

    private TextTokens(String text) {
        int letters = 0;
        int upper = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isLetter(c)) {
                letters++;
                if (Character.isUpperCase(c)) {
                    upper++;
                }
            }
        }
        // capitals say nothing about names in a post written in capitals
        shouting = letters >= 8 && upper * 10 >= letters * 8;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '#' && i + 1 < text.length() && Character.isLetterOrDigit(text.charAt(i + 1))) {
                int end = i + 1;
                while (end < text.length()
                        && (Character.isLetterOrDigit(text.charAt(end)) || text.charAt(end) == '_')) {
                    end++;
                }
                hashtag(text, i + 1, end);
                i = end;
            } else if (Character.isLetter(c)) {
                int end = wordEnd(text, i);
                word(text, i, end, false);
                i = end;
            } else {
                i++;
            }
        }
    }

    static TextTokens of(String text) {
        return new TextTokens(text);
    }

    List<Token> tokens() {
        return tokens;
    }

    List<Hashtag> unsplitHashtags() {
        return unsplit;
    }

    /** Whether the text is mostly capitals, so that capitalisation cannot tell a name from a word. */
    boolean shouting() {
        return shouting;
    }

    /** Lower case, accents removed, curly apostrophes straightened. */
    static String normalise(String word) {
        String plain = MARKS.matcher(Normalizer.normalize(word, Normalizer.Form.NFD)).replaceAll("");
        return plain.replace('\u2019', '\'').replace('\u2018', '\'').replace('\u2010', '-').replace('\u2011', '-')
                .toLowerCase(Locale.ROOT);
    }

    private static boolean apostrophe(char c) {
        return c == '\'' || c == '\u2019' || c == '\u2018';
    }

    private static boolean hyphen(char c) {
        return c == '-' || c == '\u2010' || c == '\u2011';
    }

    /** Letters, marks, and apostrophes or hyphens that have a letter on each side. */
    private static int wordEnd(String text, int from) {
        int end = from;
        while (end < text.length()) {
            char c = text.charAt(end);
            if (Character.isLetter(c) || Character.getType(c) == Character.NON_SPACING_MARK) {
                end++;
            } else if ((apostrophe(c) || hyphen(c)) && end + 1 < text.length()
                    && Character.isLetter(text.charAt(end + 1))) {
                end++;
            } else {
                break;
            }
        }
        return end;
    }

    private void word(String text, int start, int end, boolean inHashtag) {
        String raw = text.substring(start, end);
        // Amelia's, Smith's: the possessive is not part of the name
        if (raw.length() > 2 && (raw.endsWith("'s") || raw.endsWith("\u2019s") || raw.endsWith("'S"))) {
            raw = raw.substring(0, raw.length() - 2);
            end -= 2;
        }
        boolean capitalised = Character.isUpperCase(raw.charAt(0)) && !shouting;
        boolean joined = !tokens.isEmpty() && onlySpaces(text, tokens.get(tokens.size() - 1).end(), start);
        tokens.add(new Token(raw, normalise(raw), start, end, capitalised, !inHashtag && sentenceStart(text, start),
                inHashtag, joined || inHashtag && !tokens.isEmpty() && tokens.get(tokens.size() - 1).end() == start));
    }

    private void hashtag(String text, int start, int end) {
        String body = text.substring(start, end);
        boolean hasLower = body.chars().anyMatch(Character::isLowerCase);
        boolean hasUpper = body.chars().anyMatch(Character::isUpperCase);
        if (!(hasLower && hasUpper)) {
            unsplit.add(new Hashtag(normalise(body.replace("_", "")), start - 1, end));
        }
        // camel case: a part begins at each capital that follows a lower-case letter or starts a new capitalised word
        int partStart = start;
        for (int i = start + 1; i <= end; i++) {
            boolean boundary = i == end
                    || text.charAt(i) == '_'
                    || Character.isUpperCase(text.charAt(i)) && Character.isLowerCase(text.charAt(i - 1))
                    || Character.isUpperCase(text.charAt(i)) && i + 1 < end && Character.isLowerCase(text.charAt(i + 1))
                            && Character.isUpperCase(text.charAt(i - 1))
                    || Character.isDigit(text.charAt(i)) != Character.isDigit(text.charAt(i - 1));
            if (boundary) {
                if (partStart < i && Character.isLetter(text.charAt(partStart))) {
                    word(text, partStart, i, true);
                }
                partStart = i < end && text.charAt(i) == '_' ? i + 1 : i;
            }
        }
    }

    private static boolean onlySpaces(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c != ' ' && c != '\t' && c != '\u00A0') {
                return false;
            }
        }
        return true;
    }

    /** Looks back over spaces, quotes, brackets and emoji to the start, a line break or a sentence's end. */
    private static boolean sentenceStart(String text, int start) {
        for (int i = start - 1; i >= 0; i--) {
            char c = text.charAt(i);
            if (c == '\n' || c == '.' || c == '!' || c == '?' || c == ':' || c == '\u2022') {
                return true;
            }
            if (Character.isLetterOrDigit(c) || c == ',' || c == ';' || c == '&' || c == '-' || c == '\u2013') {
                return false;
            }
        }
        return true;
    }
}
