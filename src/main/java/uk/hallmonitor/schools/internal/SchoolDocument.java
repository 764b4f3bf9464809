package uk.hallmonitor.schools.internal;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/** A school as stored. */
@Document("schools")
record SchoolDocument(@Id String id, String name, String urn, String timezone, String bankHolidayRegion,
                      String policyVersion, Instant createdAt, String createdBy) {
}
