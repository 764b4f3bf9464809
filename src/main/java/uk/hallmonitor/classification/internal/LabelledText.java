package uk.hallmonitor.classification.internal;

/**
 * One training or evaluation example. Any label may be {@code null} when the source says nothing about it.
 *
 * @param text      the raw text
 * @param offensive {@code OFF} or {@code NOT}
 * @param category  a {@code Category} name, or {@code NONE}
 * @param intent    an {@code Intent} name
 * @param source    which data set it came from
 */
public record LabelledText(String text, String offensive, String category, String intent, String source) {

    /** Whether this example belongs to the fixed held-out split (one in ten, chosen by a hash of the text). */
    public boolean heldOut() {
        return Math.floorMod(text.hashCode() * 31 + 17, 10) == 0;
    }
}
