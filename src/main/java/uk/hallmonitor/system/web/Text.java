package uk.hallmonitor.system.web;

import java.text.Normalizer;

/**
 * What text the service accepts and how it is made canonical: no unpaired UTF-16 surrogates, no control characters
 * other than tab and line breaks, Unicode NFC, and no invisible characters (whitespace, no-break spaces, zero-width
 * and direction marks) at either end. The same rules keep stored text and the audit chain's hashes in step: a
 * string that the store cannot hold exactly (a lone surrogate) never gets in.
 */
public final class Text {

    private Text() {
    }

    /** The first thing wrong with the text, or {@code null} when it is acceptable. */
    public static String problem(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return "contains an unpaired UTF-16 surrogate (\\u" + hex(c) + ") at position " + i
                        + "; send valid Unicode text";
            }
            if (Character.isLowSurrogate(c)) {
                return "contains an unpaired UTF-16 surrogate (\\u" + hex(c) + ") at position " + i
                        + "; send valid Unicode text";
            }
            if (Character.getType(c) == Character.CONTROL && c != '\n' && c != '\r' && c != '\t') {
                return "contains a control character (U+" + hex(c) + ") at position " + i
                        + "; remove it (only tab and line breaks are allowed)";
            }
        }
        return null;
    }

    /** NFC with invisible characters trimmed from both ends; assumes {@link #problem} found nothing. */
    public static String canonical(String text) {
        String nfc = Normalizer.isNormalized(text, Normalizer.Form.NFC) ? text
                : Normalizer.normalize(text, Normalizer.Form.NFC);
        int start = 0;
        int end = nfc.length();
        while (start < end && invisible(nfc.charAt(start))) {
            start++;
        }
        while (end > start && invisible(nfc.charAt(end - 1))) {
            end--;
        }
        return nfc.substring(start, end);
    }

    /**
     * For text that must be kept whatever it holds (an entry of the audit chain): NFC, unpaired surrogates replaced
     * by U+FFFD, as the store would otherwise do silently after the hash was taken.
     */
    public static String storable(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean paired = Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1));
            if (paired) {
                if (out != null) {
                    out.append(c).append(text.charAt(i + 1));
                }
                i++;
            } else if (Character.isSurrogate(c)) {
                if (out == null) {
                    out = new StringBuilder(text.length()).append(text, 0, i);
                }
                out.append('\uFFFD');
            } else if (out != null) {
                out.append(c);
            }
        }
        String whole = out == null ? text : out.toString();
        return Normalizer.isNormalized(whole, Normalizer.Form.NFC) ? whole
                : Normalizer.normalize(whole, Normalizer.Form.NFC);
    }

    /** Whitespace, no-break and other spaces, zero-width, direction and other format characters, and fillers. */
    static boolean invisible(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || Character.getType(c) == Character.FORMAT
                || c == '\u115F' || c == '\u1160' || c == '\u3164' || c == '\uFFA0' || c == '\u2800';
    }

    private static String hex(char c) {
        return String.format("%04X", (int) c);
    }
}
