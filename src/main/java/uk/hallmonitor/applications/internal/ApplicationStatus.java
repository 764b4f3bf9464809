package uk.hallmonitor.applications.internal;

/** Where an application is: DRAFT → SUBMITTED → APPROVED | REJECTED | WITHDRAWN; a rejected one can be amended. */
public enum ApplicationStatus {
    DRAFT, SUBMITTED, APPROVED, REJECTED, WITHDRAWN
}
