/**
 * The incident log (R9): serious incidents with category, severity, status ({@code OPEN → ASSESSED → ACTIONED →
 * CLOSED}), owner, linked posts, notes and a full trail, seen by the DSL and SLT of the school. Moderation opens
 * incidents through its {@link uk.hallmonitor.moderation.IncidentDesk} port, which this module implements
 * idempotently per source, so escalating the same post twice (or on two instances) opens one incident.
 * <p>
 * Departures from STYLE.md's table (moderation only): it uses {@code schools} to name owners and check they belong
 * to the school, {@code monitoring}'s {@code Posts} to check that a linked post is the school's own, and {@code
 * classification}'s {@code Severity} as the incident's severity scale.
 */
package uk.hallmonitor.incidents;
