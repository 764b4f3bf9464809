package uk.hallmonitor.privacy.internal;

/** The export files of subject access requests ({@code privacy_exports}). */
final class SubjectExports {

    static final String COLLECTION = "privacy_exports";

    private SubjectExports() {
    }
}
