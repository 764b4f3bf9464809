package uk.hallmonitor.ownposts;

/** What an own-post check found. */
public enum FindingKind {
    /** A pupil's full name, or first name and surname initial (or a first name alone where the school asks). */
    PUPIL_NAME,
    /** A pupil on the no-publish list, by any form of their name, first or preferred name alone included. */
    NO_PUBLISH_PUPIL,
    /** A phone number, email address, home address, postcode or date of birth. */
    PERSONAL_DATA
}
