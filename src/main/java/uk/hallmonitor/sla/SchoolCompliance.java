package uk.hallmonitor.sla;

import java.util.Map;

/**
 * Compliance of one school over a period.
 *
 * @param school   figures over every clock of the school
 * @param accounts figures per account id, in id order; accounts that received nothing are absent
 */
public record SchoolCompliance(ComplianceFigures school, Map<String, ComplianceFigures> accounts) {

    public SchoolCompliance {
        accounts = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(accounts));
    }
}
