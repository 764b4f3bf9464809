package uk.hallmonitor.classification.internal;

/**
 * A text after cleaning: the cleaned characters (for rule detectors), the model tokens, and letter counts used to
 * guess whether the text is English at all.
 */
public record NormalisedText(String cleaned, String[] tokens, int letters, int latinLetters) {
}
