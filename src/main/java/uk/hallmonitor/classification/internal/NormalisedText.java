package uk.hallmonitor.classification.internal;

/**
 * A text after cleaning: the cleaned characters (for rule detectors), the model tokens, letter counts used to guess
 * whether the text is English at all, and the tokens the safeguarding phrase rules read.
 *
 * @param ruleTokens the model tokens with numbers kept as written ({@code 1488}, {@code £20}) instead of the
 *                   {@code __num}/{@code __year} placeholders the models see: numeric codes ("1488", "14 88") are
 *                   phrases the rules need, while the models generalise better over one number token
 */
public record NormalisedText(String cleaned, String[] tokens, int letters, int latinLetters, String[] ruleTokens) {
}
