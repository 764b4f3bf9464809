package uk.hallmonitor.sla.internal;

import java.time.Instant;
import java.util.List;

/**
 * A reminder or escalation that was sent, recorded in the clock itself so that no notice depends on the in-process
 * event alone.
 *
 * @param step       {@code PT4H}-style reminder offset, or {@code BREACH}
 * @param at         when it was claimed and sent
 * @param recipients staff ids it went to (runners for a reminder, SLT for a breach)
 */
record Notice(String step, Instant at, List<String> recipients) {

    static final String BREACH = "BREACH";
}
