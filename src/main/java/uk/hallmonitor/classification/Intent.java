package uk.hallmonitor.classification;

/** What a comment asks of the school, for the response SLA. */
public enum Intent {
    QUESTION, COMPLAINT, PRAISE, OTHER
}
