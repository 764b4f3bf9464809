package uk.hallmonitor.classification.internal;

import java.util.List;

/**
 * One training or evaluation example. Any label may be {@code null} when the source says nothing about it.
 *
 * @param text       the raw text
 * @param offensive  {@code OFF} or {@code NOT}
 * @param category   the first (main) {@code Category} name, or {@code NONE}
 * @param intent     an {@code Intent} name
 * @param source     which data set it came from
 * @param categories every category the example carries (empty for {@code NONE} or unknown)
 */
public record LabelledText(String text, String offensive, String category, String intent, String source,
                           List<String> categories) {

    public LabelledText {
        categories = categories == null ? List.of() : List.copyOf(categories);
    }

    /** An example with at most one category. */
    public LabelledText(String text, String offensive, String category, String intent, String source) {
        this(text, offensive, category, intent, source,
                category == null || category.equals("NONE") ? List.of() : List.of(category));
    }

    /** Whether this example belongs to the fixed held-out split (one in ten, chosen by a hash of the text). */
    public boolean heldOut() {
        return Math.floorMod(text.hashCode() * 31 + 17, 10) == 0;
    }
}
