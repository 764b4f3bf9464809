package uk.hallmonitor.classification;

import java.util.List;
import uk.hallmonitor.classification.internal.PersonalDataDetector;

/**
 * The classifier's personal-data rules (UK phone numbers, email addresses, postcodes, street addresses) for modules
 * that check text for personal data without classifying it, such as the own-post checks.
 */
public final class PersonalDataRules {

    private final PersonalDataDetector detector = new PersonalDataDetector();

    /** One piece of personal data: its kind in words ("phone number", "email") and where it is in the text. */
    public record Span(String kind, int start, int end) {
    }

    /** Every piece of personal data in the text, by offset. */
    public List<Span> find(String text) {
        return detector.find(text).stream().map(f -> new Span(f.kind(), f.start(), f.end())).toList();
    }
}
