package uk.hallmonitor.audit;

import java.time.Instant;

/**
 * The latest anchored link of the audit chain: its sequence number and MAC, as written to the anchor file outside
 * the database. Printed in the weekly report so that a later truncation or rewrite of the chain can be shown.
 *
 * @param seq the anchored entry's sequence number
 * @param mac the anchored entry's MAC (hex)
 * @param at  when the anchor was written
 */
public record ChainHead(long seq, String mac, Instant at) {
}
