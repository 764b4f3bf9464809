package uk.hallmonitor.classification.internal;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The stacked decision layer: one logistic regression per decision (offensive, each category, each intent) over a
 * post's sentence vector and the n-gram maxent model's log-odds for that decision (out-of-fold at training, so the
 * stack learns how far to trust the n-grams), each with the threshold cross-validation chose for it.
 *
 * @param encoder which sentence encoder the weights fit
 * @param heads   by decision name: {@code OFF}, a category name, or {@code intent:QUESTION} etc.
 */
public record StackedHeads(String encoder, Map<String, Head> heads) {

    /** The file inside a model directory. */
    public static final String FILE = "stack.bin";
    private static final int MAGIC = 0x484d5354;
    /** Log-odds are clipped to ±6 and scaled into [-1, 1] before they meet the sentence vector. */
    static final double CLIP = 6.0;

    /**
     * One decision.
     *
     * @param weights   384 vector weights, the n-gram log-odds weight, then the bias
     * @param threshold probability at or above which the decision is yes (cross-validated)
     * @param lambda    the L2 penalty cross-validation chose
     */
    public record Head(double[] weights, double threshold, double lambda) {

        /** The probability for a sentence vector and the n-gram model's probability. */
        public double probability(float[] vector, double ngram) {
            double s = weights[weights.length - 1] + weights[weights.length - 2] * feature(ngram);
            for (int j = 0; j < vector.length; j++) {
                s += weights[j] * vector[j];
            }
            return 1 / (1 + Math.exp(-s));
        }
    }

    /** The stack's extra input for an n-gram probability. */
    static float feature(double p) {
        double q = Math.min(1 - 1e-6, Math.max(1e-6, p));
        return (float) (Math.max(-CLIP, Math.min(CLIP, Math.log(q / (1 - q)))) / CLIP);
    }

    /** A row of stack inputs: the vector and the n-gram feature. */
    static float[] row(float[] vector, double ngram) {
        float[] x = java.util.Arrays.copyOf(vector, vector.length + 1);
        x[vector.length] = feature(ngram);
        return x;
    }

    public Head head(String name) {
        return heads.get(name);
    }

    /** Reads {@code stack.bin}. */
    public static StackedHeads read(InputStream raw) throws IOException {
        DataInputStream in = new DataInputStream(new BufferedInputStream(raw));
        if (in.readInt() != MAGIC) {
            throw new IOException(FILE + " is not a stacked-heads file");
        }
        String encoder = in.readUTF();
        int count = in.readInt();
        Map<String, Head> heads = new LinkedHashMap<>();
        for (int k = 0; k < count; k++) {
            String name = in.readUTF();
            double threshold = in.readDouble();
            double lambda = in.readDouble();
            double[] w = new double[in.readInt()];
            for (int j = 0; j < w.length; j++) {
                w[j] = in.readDouble();
            }
            heads.put(name, new Head(w, threshold, lambda));
        }
        return new StackedHeads(encoder, heads);
    }

    /** Writes {@code stack.bin}. */
    public void write(OutputStream raw) throws IOException {
        DataOutputStream out = new DataOutputStream(new BufferedOutputStream(raw));
        out.writeInt(MAGIC);
        out.writeUTF(encoder);
        out.writeInt(heads.size());
        for (Map.Entry<String, Head> e : heads.entrySet()) {
            out.writeUTF(e.getKey());
            out.writeDouble(e.getValue().threshold());
            out.writeDouble(e.getValue().lambda());
            out.writeInt(e.getValue().weights().length);
            for (double w : e.getValue().weights()) {
                out.writeDouble(w);
            }
        }
        out.flush();
    }
}
