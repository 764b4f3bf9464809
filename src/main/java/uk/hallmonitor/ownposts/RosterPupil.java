package uk.hallmonitor.ownposts;

/**
 * One pupil of a school's roster, as imported from the school's MIS export.
 *
 * @param firstName     legal first name
 * @param preferredName the name the pupil goes by, or {@code null}
 * @param surname       surname (hyphenated, with an apostrophe or several words as written)
 * @param year          year group as exported (e.g. {@code 6}, {@code Year 6}, {@code R}), or {@code null}
 * @param group         registration group or class, or {@code null}
 * @param noPublish     on the no-publish list (no photo or media consent, looked after, court order): never to appear
 */
public record RosterPupil(String firstName, String preferredName, String surname, String year, String group,
                          boolean noPublish) {
}
