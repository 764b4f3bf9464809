package uk.hallmonitor.classification.internal;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Sentence vectors of training texts kept on disk between training runs (embedding 20,000 texts costs minutes of
 * CPU; the texts rarely change). Keyed by the exact encoder text, and tied to one encoder by its name in the file.
 * Training only: the service embeds every post afresh.
 */
public final class EmbeddingCache {

    private final Path file;
    private final Map<String, float[]> vectors = new HashMap<>();
    private final PrintStream log;
    private final String encoder;
    private boolean loaded;

    /** The cache in {@code file} (null: none) of the encoder named {@code encoder} (another's vectors are dropped). */
    public EmbeddingCache(Path file, String encoder, PrintStream log) {
        this.file = file;
        this.encoder = encoder;
        this.log = log;
    }

    /** Vectors for the texts, embedding (and saving) those not seen before. */
    public float[][] vectors(List<String> texts, SentenceEncoder encoder) {
        if (!loaded) {
            // read when first needed, not when training starts: another run may have filled it in the meantime
            loaded = true;
            if (file != null && Files.exists(file)) {
                read();
            }
        }
        List<String> missing = new ArrayList<>(new LinkedHashSet<>(texts.stream()
                .filter(t -> !vectors.containsKey(t)).toList()));
        int step = 2_048;
        for (int from = 0; from < missing.size(); from += step) {
            List<String> part = missing.subList(from, Math.min(missing.size(), from + step));
            long start = System.nanoTime();
            float[][] v = encoder.embed(part);
            for (int i = 0; i < part.size(); i++) {
                vectors.put(part.get(i), v[i]);
            }
            log.printf("embedded %d/%d new texts (%.0f texts/s)%n", Math.min(missing.size(), from + step),
                    missing.size(), part.size() / ((System.nanoTime() - start) / 1e9));
            write();
        }
        float[][] out = new float[texts.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = vectors.get(texts.get(i));
        }
        return out;
    }

    private void read() {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            if (!in.readUTF().equals(encoder)) {
                return;
            }
            int n = in.readInt();
            for (int i = 0; i < n; i++) {
                String text = in.readUTF();
                float[] v = new float[SentenceEncoder.DIMENSIONS];
                for (int j = 0; j < v.length; j++) {
                    v[j] = in.readFloat();
                }
                vectors.put(text, v);
            }
        } catch (IOException e) {
            log.println("embedding cache " + file + " unreadable, starting afresh: " + e.getMessage());
            vectors.clear();
        }
    }

    private void write() {
        if (file == null) {
            return;
        }
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path tmp = Files.createTempFile(parent, "embeddings", ".tmp");
            try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp),
                    1 << 16))) {
                out.writeUTF(encoder);
                out.writeInt(vectors.size());
                for (Map.Entry<String, float[]> e : vectors.entrySet()) {
                    out.writeUTF(e.getKey().length() > 16_000 ? e.getKey().substring(0, 16_000) : e.getKey());
                    for (float f : e.getValue()) {
                        out.writeFloat(f);
                    }
                }
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the embedding cache " + file + ": " + e.getMessage(), e);
        }
    }
}
