package uk.hallmonitor.audit.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.hallmonitor.system.store.OwnerOnly;

/**
 * The anchor file beside the master key: per chain, the latest sequence number and MAC seen verified, and the
 * sequence number from which entries are keyed. It only ever moves forward, so a chain cut short or rewritten in the
 * database no longer matches it. A chain is named by its first entry's link, so stores that share a data folder (a
 * test run, a staging copy) keep separate lines. One line per chain:
 * {@code <chain id> <seq> <mac> <epoch millis> <keyed from seq or 0>}.
 */
class ChainAnchors {

    private static final Logger log = LoggerFactory.getLogger(ChainAnchors.class);
    // every writer in this JVM goes through one lock; the file is replaced whole by an atomic move
    private static final Object LOCK = new Object();

    /** One chain's anchor. */
    record Anchor(String chainId, long seq, String mac, Instant at, long keyedFrom) {

        String line() {
            return chainId + " " + seq + " " + mac + " " + at.toEpochMilli() + " " + keyedFrom;
        }

        static Anchor parse(String line) {
            String[] p = line.trim().split(" ");
            return new Anchor(p[0], Long.parseLong(p[1]), p[2], Instant.ofEpochMilli(Long.parseLong(p[3])),
                    Long.parseLong(p[4]));
        }
    }

    private final Path file;

    ChainAnchors(Path file) {
        this.file = file.toAbsolutePath();
    }

    Path file() {
        return file;
    }

    Optional<Anchor> find(String chainId) {
        synchronized (LOCK) {
            return read().stream().filter(a -> a.chainId().equals(chainId)).findFirst();
        }
    }

    /**
     * Moves the chain's anchor forward to {@code next}; an anchor already at or past it is left alone, and the
     * earliest keyed-from ever recorded is kept.
     */
    void advance(Anchor next) {
        synchronized (LOCK) {
            List<Anchor> all = read();
            List<String> lines = new ArrayList<>();
            boolean found = false;
            for (Anchor a : all) {
                if (a.chainId().equals(next.chainId())) {
                    found = true;
                    if (a.seq() >= next.seq()) {
                        return;
                    }
                    long keyedFrom = a.keyedFrom() > 0 ? a.keyedFrom() : next.keyedFrom();
                    lines.add(new Anchor(a.chainId(), next.seq(), next.mac(), next.at(), keyedFrom).line());
                } else {
                    lines.add(a.line());
                }
            }
            if (!found) {
                lines.add(next.line());
            }
            try {
                if (file.getParent() != null && !Files.isDirectory(file.getParent())) {
                    OwnerOnly.folder(file.getParent());
                }
                Path temp = file.resolveSibling(file.getFileName() + ".tmp");
                OwnerOnly.file(temp);
                Files.write(temp, lines, StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.TRUNCATE_EXISTING,
                        java.nio.file.StandardOpenOption.SYNC);
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                log.warn("cannot write the audit anchor {}: {}", file, e.toString());
            }
        }
    }

    private List<Anchor> read() {
        if (!Files.exists(file)) {
            return List.of();
        }
        try {
            List<Anchor> anchors = new ArrayList<>();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    anchors.add(Anchor.parse(line));
                }
            }
            return anchors;
        } catch (IOException | RuntimeException e) {
            log.warn("cannot read the audit anchor {}: {}", file, e.toString());
            return List.of();
        }
    }
}
