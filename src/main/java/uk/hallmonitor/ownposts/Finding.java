package uk.hallmonitor.ownposts;

/**
 * One thing found in a post, by its place in the text.
 *
 * @param kind  what it is
 * @param text  the words found; {@code null} for a pupil's name when the reader may not see the roster
 * @param start offset of the first character (UTF-16, as JavaScript counts)
 * @param end   offset after the last character
 * @param form  how it was found, in words ("full name", "first name and surname initial", "first name", "email")
 */
public record Finding(FindingKind kind, String text, int start, int end, String form) {

    /** The same finding without the words, for readers who may not see the roster. */
    public Finding withoutText() {
        return kind == FindingKind.PERSONAL_DATA ? this : new Finding(kind, null, start, end, form);
    }
}
