package uk.hallmonitor.incidents;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

/**
 * An incident as the API answers it: every field of {@link Incident}, and the owner's name beside the staff id.
 *
 * @param incident  the incident
 * @param ownerName the name of the staff member in {@code owner}, or {@code null} when nobody owns it
 */
public record IncidentView(@JsonUnwrapped Incident incident, String ownerName) {
}
