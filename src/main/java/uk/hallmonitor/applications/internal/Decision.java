package uk.hallmonitor.applications.internal;

import jakarta.validation.constraints.Size;

/** A note or reason given with a step. */
record Decision(@Size(max = 2000, message = "at most 2000 characters") String note,
                @Size(max = 2000, message = "at most 2000 characters") String reason) {
}
