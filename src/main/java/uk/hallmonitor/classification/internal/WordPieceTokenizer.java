package uk.hallmonitor.classification.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * BERT's uncased WordPiece tokenizer, read from a Hugging Face {@code tokenizer.json} (the vocabulary only: its
 * normaliser, pre-tokeniser and template are the standard BERT ones, written out here). Pure Java, so the
 * encoder needs no native tokenizer library. Thread-safe after construction.
 */
public final class WordPieceTokenizer {

    static final int PAD = 0;
    private final Map<String, Integer> vocab;
    private final int unk;
    private final int cls;
    private final int sep;

    WordPieceTokenizer(Map<String, Integer> vocab) {
        this.vocab = vocab;
        this.unk = vocab.get("[UNK]");
        this.cls = vocab.get("[CLS]");
        this.sep = vocab.get("[SEP]");
    }

    /** Reads the {@code "vocab": {...}} object of a tokenizer.json. */
    static WordPieceTokenizer read(InputStream in) {
        String json;
        try {
            json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int model = json.indexOf("\"model\"");
        int start = json.indexOf("\"vocab\"", model < 0 ? 0 : model);
        int i = json.indexOf('{', start) + 1;
        Map<String, Integer> vocab = new HashMap<>(40_000);
        StringBuilder key = new StringBuilder();
        while (i < json.length()) {
            char c = json.charAt(i);
            if (c == '}') {
                break;
            }
            if (c != '"') {
                i++;
                continue;
            }
            // a JSON string, then a colon and an integer
            key.setLength(0);
            i++;
            while (json.charAt(i) != '"') {
                char k = json.charAt(i);
                if (k == '\\') {
                    char e = json.charAt(i + 1);
                    switch (e) {
                        case 'u' -> {
                            key.append((char) Integer.parseInt(json.substring(i + 2, i + 6), 16));
                            i += 4;
                        }
                        case 'n' -> key.append('\n');
                        case 't' -> key.append('\t');
                        case 'r' -> key.append('\r');
                        case 'b' -> key.append('\b');
                        case 'f' -> key.append('\f');
                        default -> key.append(e);
                    }
                    i += 2;
                } else {
                    key.append(k);
                    i++;
                }
            }
            i = json.indexOf(':', i) + 1;
            while (Character.isWhitespace(json.charAt(i))) {
                i++;
            }
            int end = i;
            while (Character.isDigit(json.charAt(end))) {
                end++;
            }
            vocab.put(key.toString(), Integer.parseInt(json.substring(i, end)));
            i = end;
        }
        return new WordPieceTokenizer(vocab);
    }

    /** Token ids with {@code [CLS]} first and {@code [SEP]} last, at most {@code maxLength} in all. */
    int[] encode(String text, int maxLength) {
        List<Integer> ids = new ArrayList<>();
        ids.add(cls);
        for (String word : preTokenize(normalise(text))) {
            if (ids.size() >= maxLength - 1) {
                break;
            }
            wordPiece(word, ids);
        }
        while (ids.size() > maxLength - 1) {
            ids.remove(ids.size() - 1);
        }
        ids.add(sep);
        int[] out = new int[ids.size()];
        for (int k = 0; k < out.length; k++) {
            out[k] = ids.get(k);
        }
        return out;
    }

    /** BertNormalizer: drop control characters, whitespace to space, space out CJK, lower case, strip accents. */
    static String normalise(String text) {
        StringBuilder b = new StringBuilder(text.length());
        for (int i = 0; i < text.length();) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (cp == 0 || cp == 0xFFFD || (isControl(cp))) {
                continue;
            }
            if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
                b.append(' ');
            } else if (isCjk(cp)) {
                b.append(' ').appendCodePoint(cp).append(' ');
            } else {
                b.appendCodePoint(cp);
            }
        }
        String lower = b.toString().toLowerCase(Locale.ROOT);
        String decomposed = Normalizer.normalize(lower, Normalizer.Form.NFD);
        StringBuilder out = new StringBuilder(decomposed.length());
        for (int i = 0; i < decomposed.length();) {
            int cp = decomposed.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.getType(cp) != Character.NON_SPACING_MARK) {
                out.appendCodePoint(cp);
            }
        }
        return out.toString();
    }

    private static boolean isControl(int cp) {
        if (cp == '\t' || cp == '\n' || cp == '\r') {
            return false;
        }
        int type = Character.getType(cp);
        return type == Character.CONTROL || type == Character.FORMAT || type == Character.PRIVATE_USE
                || type == Character.SURROGATE || type == Character.UNASSIGNED;
    }

    private static boolean isCjk(int cp) {
        return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x20000 && cp <= 0x2A6DF)
                || (cp >= 0x2A700 && cp <= 0x2B73F) || (cp >= 0x2B740 && cp <= 0x2B81F)
                || (cp >= 0x2B820 && cp <= 0x2CEAF) || (cp >= 0xF900 && cp <= 0xFAFF)
                || (cp >= 0x2F800 && cp <= 0x2FA1F);
    }

    /** BertPreTokenizer: split on whitespace, and every punctuation character is a word of its own. */
    static List<String> preTokenize(String text) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        for (int i = 0; i < text.length();) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (cp == ' ') {
                flush(word, words);
            } else if (isPunctuation(cp)) {
                flush(word, words);
                words.add(new String(Character.toChars(cp)));
            } else {
                word.appendCodePoint(cp);
            }
        }
        flush(word, words);
        return words;
    }

    private static void flush(StringBuilder word, List<String> words) {
        if (word.length() > 0) {
            words.add(word.toString());
            word.setLength(0);
        }
    }

    static boolean isPunctuation(int cp) {
        if ((cp >= 33 && cp <= 47) || (cp >= 58 && cp <= 64) || (cp >= 91 && cp <= 96) || (cp >= 123 && cp <= 126)) {
            return true;
        }
        int type = Character.getType(cp);
        return type == Character.CONNECTOR_PUNCTUATION || type == Character.DASH_PUNCTUATION
                || type == Character.START_PUNCTUATION || type == Character.END_PUNCTUATION
                || type == Character.INITIAL_QUOTE_PUNCTUATION || type == Character.FINAL_QUOTE_PUNCTUATION
                || type == Character.OTHER_PUNCTUATION;
    }

    /** Greedy longest-match-first; a word that cannot be covered, or longer than 100 characters, is one [UNK]. */
    private void wordPiece(String word, List<Integer> ids) {
        if (word.codePointCount(0, word.length()) > 100) {
            ids.add(unk);
            return;
        }
        int mark = ids.size();
        int start = 0;
        while (start < word.length()) {
            int end = word.length();
            Integer found = null;
            while (start < end) {
                String piece = start > 0 ? "##" + word.substring(start, end) : word.substring(start, end);
                found = vocab.get(piece);
                if (found != null) {
                    break;
                }
                end--;
                if (end > start && Character.isLowSurrogate(word.charAt(end))) {
                    end--;
                }
            }
            if (found == null) {
                while (ids.size() > mark) {
                    ids.remove(ids.size() - 1);
                }
                ids.add(unk);
                return;
            }
            ids.add(found);
            start = end;
        }
    }
}
