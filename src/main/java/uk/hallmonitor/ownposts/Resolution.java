package uk.hallmonitor.ownposts;

/** What was done about an own post's finding. */
public enum Resolution {
    /** The post was deleted on the platform. */
    DELETED_ON_PLATFORM,
    /** Consent to name or show the pupil was checked and is in place. */
    CONSENT_CONFIRMED,
    /** The name is not a pupil's (a member of staff, a place, a word). */
    NOT_A_PUPIL
}
