package uk.hallmonitor.classification.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The hand-written school corpus in {@code nlp-models/corpus}: well-formed, and free of near-duplicates (word-trigram
 * Jaccard above 0.5) inside the training files and between training and the frozen test split, so neither the
 * cross-validation nor the frozen-split figures are inflated by one post written twice.
 */
class SchoolCorpusTests {

    static final Path TRAIN = Path.of("nlp-models/corpus/train");
    static final Path FROZEN = Path.of("nlp-models/corpus/test/frozen.tsv");
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}_]+");
    private static final Set<String> CATEGORIES = Set.of("NONE", "ABUSE", "BULLYING", "THREAT", "HATE", "SEXUAL",
            "PROFANITY", "SPAM", "PERSONAL_DATA", "EXTREMISM", "SELF_HARM", "DISCLOSURE");

    record Line(String file, int number, String text, Set<String> trigrams) {
    }

    @Test
    void noTwoTrainingPostsShareMoreThanHalfTheirWordTrigrams() throws IOException {
        List<Line> train = trainLines();
        assertThat(nearDuplicates(train, train, true)).isEmpty();
    }

    @Test
    void noTrainingPostNearlyRepeatsAFrozenTestPost() throws IOException {
        assertThat(nearDuplicates(read(FROZEN, 5), trainLines(), false)).isEmpty();
    }

    @Test
    void everyLineHasItsColumnsAndKnownLabels() throws IOException {
        for (Path file : trainFiles()) {
            for (String line : Files.readAllLines(file)) {
                String[] f = line.split("\t", -1);
                assertThat(f).as(file + ": " + line).hasSize(4);
                assertThat(f[0]).isIn("0", "1");
                assertThat(CATEGORIES).as(line).containsAll(List.of(f[1].split(",")));
                assertThat(f[2]).isIn("QUESTION", "COMPLAINT", "PRAISE", "OTHER");
                assertThat(f[3]).isNotBlank();
            }
        }
        for (String line : Files.readAllLines(FROZEN)) {
            String[] f = line.split("\t", -1);
            assertThat(f).as(line).hasSize(5);
            assertThat(CATEGORIES).as(line).containsAll(List.of(f[1].split(",")));
        }
    }

    @Test
    void theSplitsAreAsLargeAsTheIssueAsks() throws IOException {
        List<Line> train = trainLines();
        assertThat(train.size() + read(FROZEN, 5).size()).isGreaterThanOrEqualTo(4_000);
        assertThat(read(FROZEN, 5)).hasSizeGreaterThanOrEqualTo(800);
        Map<String, Integer> positives = new HashMap<>();
        for (Path file : trainFiles()) {
            for (String line : Files.readAllLines(file)) {
                for (String c : line.split("\t")[1].split(",")) {
                    positives.merge(c, 1, Integer::sum);
                }
            }
        }
        CATEGORIES.stream().filter(c -> !c.equals("NONE"))
                .forEach(c -> assertThat(positives.getOrDefault(c, 0)).as(c).isGreaterThanOrEqualTo(200));
    }

    @Test
    void theSecondWritersFilesAreTrainingFilesReadLikeTheOthers() throws IOException {
        // the extra posts (threat, extremism, other safeguarding, hard negatives) sit next to the first writers' files,
        // so every reader of the training directory (train, SchoolCorpusTests) takes them; none is lost on reading
        List<Path> extra = trainFiles().stream()
                .filter(f -> f.getFileName().toString().startsWith("train-extra-")).toList();
        assertThat(extra).hasSize(4);
        for (Path file : extra) {
            assertThat(Datasets.corpus(file, "corpus")).as(file.toString())
                    .hasSize(Files.readAllLines(file).size());
        }
    }

    @Test
    void theCheckCatchesARewordedPostAndLetsADifferentOnePass() {
        Line a = line("f", 1, "Does the school run a holiday club in the summer?");
        Line b = line("f", 2, "Will the school run a holiday club in the summer?");
        Line c = line("f", 3, "Is there a breakfast club before school starts?");
        assertThat(nearDuplicates(List.of(a), List.of(b), false)).hasSize(1);
        assertThat(nearDuplicates(List.of(a), List.of(c), false)).isEmpty();
    }

    static List<String> nearDuplicates(List<Line> left, List<Line> right, boolean same) {
        Map<String, List<Integer>> index = new HashMap<>();
        for (int j = 0; j < right.size(); j++) {
            for (String g : right.get(j).trigrams()) {
                index.computeIfAbsent(g, k -> new ArrayList<>()).add(j);
            }
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < left.size(); i++) {
            Line a = left.get(i);
            Set<Integer> candidates = new HashSet<>();
            for (String g : a.trigrams()) {
                candidates.addAll(index.getOrDefault(g, List.of()));
            }
            for (int j : candidates) {
                if (same && j <= i) {
                    continue;
                }
                Line b = right.get(j);
                Set<String> union = new HashSet<>(a.trigrams());
                union.addAll(b.trigrams());
                Set<String> common = new HashSet<>(a.trigrams());
                common.retainAll(b.trigrams());
                double jaccard = union.isEmpty() ? 0 : common.size() / (double) union.size();
                if (jaccard > 0.5) {
                    out.add(String.format(Locale.ROOT, "%.2f %s:%d \"%s\" ~ %s:%d \"%s\"", jaccard, a.file(),
                            a.number(), a.text(), b.file(), b.number(), b.text()));
                }
            }
        }
        return out;
    }

    private static List<Path> trainFiles() throws IOException {
        try (var files = Files.list(TRAIN)) {
            return files.filter(f -> f.toString().endsWith(".tsv")).sorted().toList();
        }
    }

    private static List<Line> trainLines() throws IOException {
        List<Line> out = new ArrayList<>();
        for (Path file : trainFiles()) {
            out.addAll(read(file, 4));
        }
        return out;
    }

    private static List<Line> read(Path file, int columns) throws IOException {
        List<Line> out = new ArrayList<>();
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
            String[] f = lines.get(i).split("\t", columns);
            out.add(line(file.getFileName().toString(), i + 1, f[columns - 1]));
        }
        return out;
    }

    /** Word trigrams of the lower-cased words; a text of fewer than three words is compared by its words (or, with no words at all, by itself). */
    static Line line(String file, int number, String text) {
        List<String> words = new ArrayList<>();
        Matcher m = WORD.matcher(text.toLowerCase(Locale.ROOT));
        while (m.find()) {
            words.add(m.group());
        }
        Set<String> grams = new HashSet<>();
        if (words.isEmpty()) {
            grams.add(text.strip());
        } else if (words.size() < 3) {
            grams.add(String.join(" ", words));
        } else {
            for (int k = 0; k + 2 < words.size(); k++) {
                grams.add(words.get(k) + " " + words.get(k + 1) + " " + words.get(k + 2));
            }
        }
        return new Line(file, number, text, grams);
    }
}
