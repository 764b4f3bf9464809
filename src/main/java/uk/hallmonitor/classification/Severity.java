package uk.hallmonitor.classification;

/** How urgently a flagged post needs a person. */
public enum Severity {
    NONE, LOW, MEDIUM, HIGH, CRITICAL
}
