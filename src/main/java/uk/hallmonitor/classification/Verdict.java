package uk.hallmonitor.classification;

import java.util.List;

/**
 * The classifier's verdict on one text.
 *
 * @param offensive        whether the text is offensive (score at or above the threshold)
 * @param score            probability that the text is offensive
 * @param categories       the categories flagged, highest score first
 * @param severity         how urgent
 * @param safeguarding     whether the DSL must hear at once (threat, self-harm, extremism, sexual content involving
 *                         children, suspected illegal content)
 * @param suspectedIllegal whether the content may be illegal (R7): never copied, forwarded or shown
 * @param intent           what the text asks of the school
 * @param intentScore      the intent model's confidence
 * @param language         {@code en}, or {@code unsupported} with a low-confidence verdict
 * @param modelVersion     which models produced it
 * @param explanation      the terms and features that drove it, most important first
 */
public record Verdict(boolean offensive, double score, List<CategoryScore> categories, Severity severity,
                      boolean safeguarding, boolean suspectedIllegal, Intent intent, double intentScore,
                      String language, String modelVersion, List<String> explanation) {
}
