package uk.hallmonitor.classification.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Candidate feature views for {@link OffensiveExperiments}, switched on by flags in a view name
 * ({@code w,b,c35,x25,lex,ins,surf,hash,bias}). The shipped views ({@code ins}, {@code hash}) call
 * {@link OffensiveFeatures} itself, so an experiment measures what ships.
 */
final class ExperimentViews {

    private ExperimentViews() {
    }

    static String[] features(String raw, NormalisedText n, String view) {
        Set<String> flags = Set.of(view.split(","));
        String[] tokens = n.tokens();
        List<String> out = new ArrayList<>(tokens.length * 20);
        if (flags.contains("of")) {
            // the production offensive features
            out.addAll(new OffensiveFeatures().features(n.cleaned(), tokens));
        }
        if (flags.contains("pf")) {
            // the production features, as shipped
            out.addAll(new PostFeatures().features(tokens));
        }
        String previous = null;
        String previous2 = null;
        for (String token : tokens) {
            if (token.startsWith("__")) {
                if (flags.contains("w")) {
                    out.add("m=" + token);
                }
                continue;
            }
            if (flags.contains("w")) {
                out.add("w=" + token);
            }
            if (flags.contains("b") && previous != null) {
                out.add("b=" + previous + '_' + token);
            }
            if (flags.contains("t") && previous2 != null) {
                out.add("t=" + previous2 + '_' + previous + '_' + token);
            }
            previous2 = previous;
            previous = token;
            for (String f : flags) {
                if (f.length() == 3 && f.charAt(0) == 'c' && Character.isDigit(f.charAt(1))) {
                    inWord(token, f.charAt(1) - '0', f.charAt(2) - '0', out);
                }
            }
        }
        for (String f : flags) {
            if (f.length() == 3 && f.charAt(0) == 'x' && Character.isDigit(f.charAt(1))) {
                acrossWords(tokens, f.charAt(1) - '0', f.charAt(2) - '0', out);
            }
        }
        if (flags.contains("lex")) {
            boolean you = false;
            for (String token : tokens) {
                you |= OffensiveFeatures.isYou(token);
            }
            List<Lexicon.Entry> hits = Lexicon.base().find(tokens);
            for (Lexicon.Entry hit : hits) {
                out.add("lex=" + hit.category());
                if (you) {
                    out.add("lexyou=" + hit.category());
                }
            }
            if (hits.isEmpty()) {
                out.add("lex=none");
            }
        }
        if (flags.contains("ins")) {
            OffensiveFeatures.insults(tokens, out);
        }
        if (flags.contains("surf")) {
            surface(raw, tokens, out);
        }
        if (flags.contains("hash")) {
            OffensiveFeatures.hashtags(raw, out);
        }
        if (flags.contains("bias")) {
            out.add("bias");
        }
        return out.toArray(String[]::new);
    }

    static void inWord(String token, int min, int max, List<String> out) {
        int length = token.length();
        if (length < 2 || length > 24 || !Character.isLetter(token.charAt(0))) {
            return;
        }
        String padded = '<' + token + '>';
        int n = padded.length();
        for (int size = min; size <= max; size++) {
            for (int start = 0; start + size <= n; start++) {
                if (size == n) {
                    break;
                }
                out.add(padded.substring(start, start + size));
            }
        }
    }

    static void acrossWords(String[] tokens, int min, int max, List<String> out) {
        StringBuilder b = new StringBuilder(" ");
        for (String token : tokens) {
            if (token.startsWith("__") || token.length() > 24) {
                continue;
            }
            b.append(token.equals("@user") ? "@" : token.equals("url") ? "~" : token).append(' ');
        }
        String s = b.toString();
        int n = s.length();
        for (int size = min; size <= max; size++) {
            for (int start = 0; start + size <= n; start++) {
                String g = s.substring(start, start + size);
                if (!g.isBlank()) {
                    out.add("x" + g);
                }
            }
        }
    }

    static void surface(String raw, String[] tokens, List<String> out) {
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
        int caps = 0;
        int bangs = 0;
        int questions = 0;
        boolean elongated = false;
        boolean quotes = false;
        for (String w : raw.split("\\s+")) {
            if (w.length() >= 3 && !w.equals("@USER") && !w.equals("URL") && w.chars().allMatch(
                    c -> !Character.isLetter(c) || Character.isUpperCase(c))
                    && w.chars().filter(Character::isLetter)
                            .count() >= 3) {
                caps++;
            }
        }
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '!') {
                bangs++;
            } else if (c == '?') {
                questions++;
            } else if (c == '"' || c == '“' || c == '”') {
                quotes = true;
            }
            if (i >= 2 && Character.isLetter(c) && c == raw.charAt(i - 1) && c == raw.charAt(i - 2)) {
                elongated = true;
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

}
