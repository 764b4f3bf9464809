package uk.hallmonitor.classification.internal;

import java.util.Properties;

/**
 * Combines the three offensive-or-not models into one score: a weighted sum of their log-odds (naive Bayes
 * log-odds clipped, because they are wildly over-confident), squashed back to a probability. The weights and the
 * threshold are chosen by cross-validation when the models are trained.
 */
public record Ensemble(double maxentWeight, double bayesWeight, double auxWeight, double bias, double threshold) {

    /** The outcome names of the offensive models. */
    public static final String OFFENSIVE = "OFF";
    public static final String NOT_OFFENSIVE = "NOT";

    private static final double CLIP = 6.0;

    /** The combined probability that a text is offensive. */
    public double score(double maxent, double bayes, double aux) {
        double z = bias + maxentWeight * logit(maxent) + bayesWeight * logit(bayes) / 2 + auxWeight * logit(aux);
        return 1.0 / (1.0 + Math.exp(-z));
    }

    static double logit(double p) {
        double q = Math.min(1 - 1e-6, Math.max(1e-6, p));
        double l = Math.log(q / (1 - q));
        return Math.max(-CLIP, Math.min(CLIP, l));
    }

    static Ensemble from(Properties p) {
        return new Ensemble(d(p, "ensemble.maxent", 1.0), d(p, "ensemble.bayes", 0.0), d(p, "ensemble.aux", 0.0),
                d(p, "ensemble.bias", 0.0), d(p, "ensemble.threshold", 0.5));
    }

    void store(Properties p) {
        p.setProperty("ensemble.maxent", Double.toString(maxentWeight));
        p.setProperty("ensemble.bayes", Double.toString(bayesWeight));
        p.setProperty("ensemble.aux", Double.toString(auxWeight));
        p.setProperty("ensemble.bias", Double.toString(bias));
        p.setProperty("ensemble.threshold", Double.toString(threshold));
    }

    private static double d(Properties p, String key, double fallback) {
        String value = p.getProperty(key);
        return value == null ? fallback : Double.parseDouble(value);
    }
}
