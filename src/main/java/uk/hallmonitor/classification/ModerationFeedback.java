package uk.hallmonitor.classification;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collection;
import java.util.stream.Collectors;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import uk.hallmonitor.classification.internal.Datasets;

/**
 * Keeps a moderator's correction ("not offensive", "wrong category") as a labelled example in the corpus format,
 * for the {@code retrain} command. The moderation module calls {@link #record}; the file is append-only.
 */
public final class ModerationFeedback {

    private final Path file;
    /** The lines already in the file (read on first use), so that a repeated correction is not added twice. */
    private java.util.Set<String> written;

    public ModerationFeedback(Path file) {
        this.file = file;
    }

    /**
     * Whether a corrected example with these categories is offensive when the moderator does not say: yes, unless
     * every category is self-harm, disclosure, spam or personal data, which are not offensive in themselves.
     */
    public static boolean offensiveByDefault(Collection<Category> categories) {
        return !java.util.Set.of(Category.SELF_HARM, Category.DISCLOSURE, Category.SPAM, Category.PERSONAL_DATA)
                .containsAll(categories);
    }

    /** Appends one corrected example unless the same line is already there; answers whether it was added. */
    public Mono<Boolean> recordOnce(String text, boolean offensive, Collection<Category> categories, Intent intent) {
        return Mono.fromCallable(() -> appendOnce(text, offensive, categories, intent))
                .subscribeOn(Schedulers.boundedElastic());
    }

    /** Appends one corrected example; file I/O runs off the event loop. */
    public Mono<Void> record(String text, boolean offensive, Collection<Category> categories, Intent intent) {
        return Mono.<Void>fromRunnable(() -> append(text, offensive, categories, intent))
                .subscribeOn(Schedulers.boundedElastic());
    }

    /** The file the examples go to. */
    public Path file() {
        return file;
    }

    private synchronized boolean appendOnce(String text, boolean offensive, Collection<Category> categories,
                                            Intent intent) {
        String line = line(text, offensive, categories, intent);
        if (written == null) {
            written = new java.util.HashSet<>();
            try {
                if (Files.exists(file)) {
                    written.addAll(Files.readAllLines(file, StandardCharsets.UTF_8));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read feedback in " + file + ": " + e.getMessage(), e);
            }
        }
        if (!written.add(line)) {
            return false;
        }
        write(line + '\n');
        return true;
    }

    private static String line(String text, boolean offensive, Collection<Category> categories, Intent intent) {
        String labels = categories == null || categories.isEmpty() ? "NONE"
                : categories.stream().map(Enum::name).collect(Collectors.joining(","));
        return (offensive ? "1" : "0") + '\t' + labels + '\t' + (intent == null ? "-" : intent.name()) + '\t'
                + Datasets.escapeLine(text == null ? "" : text);
    }

    private synchronized void append(String text, boolean offensive, Collection<Category> categories, Intent intent) {
        String line = line(text, offensive, categories, intent);
        if (written != null) {
            written.add(line);
        }
        write(line + '\n');
    }

    private void write(String line) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND)) {
                out.write(line);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record feedback in " + file + ": " + e.getMessage(), e);
        }
    }
}
