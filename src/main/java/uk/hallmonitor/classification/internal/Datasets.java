package uk.hallmonitor.classification.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the public data sets (from wherever they were downloaded; never from the repository) and the project's own
 * corpus, mapping each source's labels onto ours. The mapping is deliberate per source, because "offensive" means
 * different things in each: see {@code nlp-models/MODEL.md}.
 */
public final class Datasets {

    /** The folder name of each public set under the datasets directory. */
    public static final String OLID = "olid/olid-training-v1.0.tsv";
    public static final String DAVIDSON = "davidson2017/labeled_data.csv";
    public static final String HATEXPLAIN = "hatexplain/hatexplain_train.csv";
    public static final String KAGGLE = "kaggle_insults/train.csv";
    public static final String CYBERBULLYING = "cyberbullying_tweets/cyberbullying_tweets_balanced.csv";
    public static final String FORMSPRING = "formspring/formspring_data.csv";
    public static final String JIGSAW = "jigsaw_sample/train.csv";

    private static final Pattern ENTITY = Pattern.compile("&(#?)(x?)(\\w+);");

    private Datasets() {
    }

    /** OLID: level A gives offensive; levels B and C give a category (untargeted → profanity, group → hate). */
    public static List<LabelledText> olid(Path dir) {
        List<LabelledText> out = new ArrayList<>();
        List<String> lines = lines(dir.resolve(OLID));
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split("\t", -1);
            if (f.length < 5) {
                continue;
            }
            String a = f[2].strip();
            String category = a.equals("NOT") ? "NONE"
                    : f[3].strip().equals("UNT") ? "PROFANITY"
                    : f[4].strip().equals("GRP") ? "HATE" : "ABUSE";
            out.add(new LabelledText(f[1], a, category, null, "olid"));
        }
        return out;
    }

    /** An OLID-style file: {@code id<TAB>tweet<TAB>OFF|NOT}, header optional; also used by {@code evaluate}. */
    public static List<LabelledText> labelledFile(Path file) {
        List<LabelledText> out = new ArrayList<>();
        for (String line : lines(file)) {
            String[] f = line.split("\t", -1);
            if (f.length >= 3 && (f[2].strip().equals("OFF") || f[2].strip().equals("NOT"))) {
                out.add(new LabelledText(f[1], f[2].strip(), null, null, file.getFileName().toString()));
            } else if (f.length == 2 && (f[0].strip().equals("OFF") || f[0].strip().equals("NOT")
                    || f[0].strip().equals("1") || f[0].strip().equals("0"))) {
                String label = f[0].strip().equals("OFF") || f[0].strip().equals("1") ? "OFF" : "NOT";
                out.add(new LabelledText(f[1], label, null, null, file.getFileName().toString()));
            }
        }
        return out;
    }

    /** Davidson et al.: hate → offensive/hate, offensive language → offensive/abuse, neither → not. */
    public static List<LabelledText> davidson(Path dir) {
        List<LabelledText> out = new ArrayList<>();
        for (List<String> r : Csv.read(text(dir.resolve(DAVIDSON)), ',', 1)) {
            if (r.size() < 7) {
                continue;
            }
            String tweet = unescapeHtml(r.get(6)).replaceFirst("^(?:!+\\s*)?RT\\s+", "");
            switch (r.get(5).strip()) {
                case "0" -> out.add(new LabelledText(tweet, "OFF", "HATE", null, "davidson"));
                case "1" -> out.add(new LabelledText(tweet, "OFF", "ABUSE", null, "davidson"));
                case "2" -> out.add(new LabelledText(tweet, "NOT", "NONE", null, "davidson"));
                default -> {}
            }
        }
        return out;
    }

    /** HateXplain: hatespeech → offensive/hate, offensive → offensive/abuse, normal → not. */
    public static List<LabelledText> hatexplain(Path dir) {
        List<LabelledText> out = new ArrayList<>();
        for (List<String> r : Csv.read(text(dir.resolve(HATEXPLAIN)), ',', 1)) {
            if (r.size() < 3) {
                continue;
            }
            String tokens = r.get(0);
            List<String> words = new ArrayList<>();
            Matcher m = Pattern.compile("'((?:[^'\\\\]|\\\\.)*)'|\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(tokens);
            while (m.find()) {
                String w = m.group(1) != null ? m.group(1) : m.group(2);
                words.add(w.equals("<user>") ? "@USER" : w.equals("<number>") ? "7" : w);
            }
            String text = String.join(" ", words);
            switch (r.get(2).strip()) {
                case "hatespeech" -> out.add(new LabelledText(text, "OFF", "HATE", null, "hatexplain"));
                case "offensive" -> out.add(new LabelledText(text, "OFF", "ABUSE", null, "hatexplain"));
                case "normal" -> out.add(new LabelledText(text, "NOT", "NONE", null, "hatexplain"));
                default -> {}
            }
        }
        return out;
    }

    /** Kaggle insults: aimed at a participant, so abuse; the rest none. Category only. */
    public static List<LabelledText> kaggle(Path dir) {
        List<LabelledText> out = new ArrayList<>();
        for (List<String> r : Csv.read(text(dir.resolve(KAGGLE)), ',', 1)) {
            if (r.size() < 3) {
                continue;
            }
            String c = r.get(2).replaceAll("^\"+|\"+$", "").replace("\\\\n", " ").replace("\\n", " ")
                    .replace("\\xa0", " ").replaceAll("\\\\x[0-9a-f]{2}", " ");
            out.add(new LabelledText(c, null, r.get(0).strip().equals("1") ? "ABUSE" : "NONE", null, "kaggle"));
        }
        return out;
    }

    /** Cyberbullying tweets: age and other → bullying, ethnicity, religion, gender → hate. Category only. */
    public static List<LabelledText> cyberbullying(Path dir) {
        List<LabelledText> out = new ArrayList<>();
        for (List<String> r : Csv.read(text(dir.resolve(CYBERBULLYING)), ',', 1)) {
            if (r.size() < 2) {
                continue;
            }
            String category = switch (r.get(1).strip()) {
                case "age", "other_cyberbullying" -> "BULLYING";
                case "ethnicity", "religion", "gender" -> "HATE";
                case "not_cyberbullying" -> "NONE";
                default -> null;
            };
            if (category != null) {
                out.add(new LabelledText(r.get(0), null, category, null, "cyberbullying"));
            }
        }
        return out;
    }

    /** Formspring: bullying when at least two of three annotators said so. Category only. */
    public static List<LabelledText> formspring(Path dir) {
        List<LabelledText> out = new ArrayList<>();
        String all = text(dir.resolve(FORMSPRING));
        String[] records = all.split("\r\n");
        for (int i = 1; i < records.length; i++) {
            String[] f = records[i].split("\t", -1);
            if (f.length < 14) {
                continue;
            }
            int yes = 0;
            for (int k : new int[] {5, 8, 11}) {
                if (f[k].strip().equalsIgnoreCase("Yes")) {
                    yes++;
                }
            }
            String post = unescapeHtml(f[1]).replace("<br>", " ").replaceFirst("^Q:\\s*", "").replace(" A: ", " ");
            out.add(new LabelledText(post, null, yes >= 2 ? "BULLYING" : "NONE", null, "formspring"));
        }
        return out;
    }

    /** The Jigsaw sample: threat, identity hate, insult, obscene, or none. Category only. */
    public static List<LabelledText> jigsaw(Path dir) {
        List<LabelledText> out = new ArrayList<>();
        for (List<String> r : Csv.read(text(dir.resolve(JIGSAW)), ',', 1)) {
            if (r.size() < 8) {
                continue;
            }
            String category = r.get(5).equals("1") ? "THREAT" : r.get(7).equals("1") ? "HATE"
                    : r.get(6).equals("1") ? "ABUSE" : r.get(4).equals("1") ? "PROFANITY"
                    : r.get(2).equals("1") ? "ABUSE" : "NONE";
            out.add(new LabelledText(r.get(1), null, category, null, "jigsaw"));
        }
        return out;
    }

    /**
     * The project's corpus and moderator feedback: {@code offensive<TAB>categories<TAB>intent<TAB>text}, with
     * {@code offensive} 1 or 0, categories comma-separated or {@code NONE}; {@code #} lines are comments. The frozen
     * test split's five-column form ({@code offensive, categories, intent, kind, text}) is read too: see
     * {@link #kinds}.
     */
    public static List<LabelledText> corpus(Path file, String source) {
        List<LabelledText> out = new ArrayList<>();
        for (String line : lines(file)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t", -1);
            if (f.length < 4) {
                continue;
            }
            if (f.length >= 5) {
                f = new String[] {f[0], f[1], f[2], String.join("\t", java.util.Arrays.copyOfRange(f, 4, f.length))};
            }
            List<String> categories = new ArrayList<>();
            for (String c : f[1].split(",")) {
                if (!c.isBlank() && !c.strip().equals("NONE") && !categories.contains(c.strip())) {
                    categories.add(c.strip());
                }
            }
            String intent = f[2].strip().isEmpty() || f[2].strip().equals("-") ? null : f[2].strip();
            out.add(new LabelledText(unescapeLine(f[3]), f[0].strip().equals("1") ? "OFF" : "NOT",
                    categories.isEmpty() ? "NONE" : categories.get(0), intent, source, categories));
        }
        return out;
    }

    /** The {@code kind} column of a five-column file (the frozen test split), by text; empty for four columns. */
    public static java.util.Map<String, String> kinds(Path file) {
        java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
        for (String line : lines(file)) {
            String[] f = line.split("\t", -1);
            if (f.length >= 5 && !line.startsWith("#")) {
                out.put(unescapeLine(String.join("\t", java.util.Arrays.copyOfRange(f, 4, f.length))), f[3].strip());
            }
        }
        return out;
    }

    /** The batch format's escapes: {@code \t}, {@code \n} and {@code \\}. */
    public static String unescapeLine(String line) {
        if (line.indexOf('\\') < 0) {
            return line;
        }
        StringBuilder b = new StringBuilder(line.length());
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\' && i + 1 < line.length()) {
                char n = line.charAt(i + 1);
                if (n == 't' || n == 'n' || n == 'r' || n == '\\') {
                    b.append(n == 't' ? '\t' : n == 'n' ? '\n' : n == 'r' ? '\r' : '\\');
                    i++;
                    continue;
                }
            }
            b.append(c);
        }
        return b.toString();
    }

    /** The inverse of {@link #unescapeLine}. */
    public static String escapeLine(String text) {
        return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
    }

    static String unescapeHtml(String s) {
        if (s.indexOf('&') < 0) {
            return s;
        }
        Matcher m = ENTITY.matcher(s);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            String replacement;
            try {
                if (!m.group(1).isEmpty()) {
                    int cp = Integer.parseInt(m.group(3), m.group(2).isEmpty() ? 10 : 16);
                    replacement = Character.isValidCodePoint(cp) ? new String(Character.toChars(cp)) : " ";
                } else {
                    replacement = switch (m.group(3)) {
                        case "amp" -> "&";
                        case "lt" -> "<";
                        case "gt" -> ">";
                        case "quot" -> "\"";
                        case "apos" -> "'";
                        case "nbsp" -> " ";
                        default -> m.group();
                    };
                }
            } catch (NumberFormatException e) {
                replacement = " ";
            }
            m.appendReplacement(b, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(b);
        return b.toString();
    }

    /** Reads a file as UTF-8, replacing malformed bytes instead of failing. */
    public static String text(Path file) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE)
                    .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    static List<String> lines(Path file) {
        return text(file).lines().toList();
    }

    /** Maps a list, for readers that need it. */
    static <A, B> List<B> map(List<A> in, Function<A, B> f) {
        return in.stream().map(f).toList();
    }
}
