package uk.hallmonitor.audit.internal;

import com.google.crypto.tink.Mac;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The result of checking the chain: every break found (not only the first: after a break the walk carries on from
 * the entry as stored, so later tampering is still seen), and how the chain stands against its anchor.
 *
 * @param valid          no break, and the anchor (when there is one) matches
 * @param entries        entries read
 * @param firstBrokenSeq the first broken entry, or null
 * @param reason         what is wrong with it, or null
 * @param breaks         every break, in order
 * @param lastHash       the last entry's link
 * @param lastSeq        the last entry's sequence number
 * @param keyedFrom      the first entry linked by HMAC (entries before it are the original SHA-256), or null
 * @param anchor         the anchor outside the database, or null when none has been written for this chain
 */
public record ChainCheck(boolean valid, long entries, Long firstBrokenSeq, String reason, List<Break> breaks,
                         String lastHash, long lastSeq, Long keyedFrom, AnchorCheck anchor) {

    /** One entry that does not fit, and why. */
    public record Break(long seq, String reason) {
    }

    /**
     * The anchor as read from its file, and whether the chain still reaches it with the same MAC.
     *
     * @param seq     the anchored sequence number
     * @param mac     the anchored MAC
     * @param at      when it was written
     * @param matches whether the stored chain has that entry with that MAC
     */
    public record AnchorCheck(long seq, String mac, Instant at, boolean matches) {
    }

    /** The walk along the chain, one entry at a time. */
    static final class Walk {

        private final Mac key;
        private final String keyUnavailable;
        private final List<Break> breaks = new ArrayList<>();
        private long entries;
        private long lastSeq;
        private String lastHash = ChainHash.GENESIS;
        private String chainId;
        private Long keyedFrom;
        private AuditEntry lastKeyed;
        private final java.util.Map<Long, String> links = new java.util.HashMap<>();

        Walk(Mac key, String keyUnavailable) {
            this.key = key;
            this.keyUnavailable = keyUnavailable;
        }

        Walk next(AuditEntry e) {
            entries++;
            if (e.seq() == 1) {
                chainId = e.hash();
            }
            if (e.seq() > lastSeq + 1) {
                breaks.add(new Break(lastSeq + 1, "entries " + (lastSeq + 1) + (e.seq() - 1 > lastSeq + 1
                        ? " to " + (e.seq() - 1) + " are" : " is") + " missing"));
            } else if (!lastHash.equals(e.prevHash())) {
                breaks.add(new Break(e.seq(), "entry " + e.seq() + " does not link to the entry before it"));
            }
            boolean keyed = e.keyed();
            if (keyed && keyedFrom == null) {
                keyedFrom = e.seq();
            }
            if (!keyed && keyedFrom != null) {
                breaks.add(new Break(e.seq(), "entry " + e.seq() + " is unkeyed (SHA-256) after keyed entries began"
                        + " at " + keyedFrom + ": written while the audit key was unavailable, or rewritten"));
            }
            String expected = ChainHash.of(e, key);
            if (expected == null) {
                breaks.add(new Break(e.seq(), "entry " + e.seq() + " cannot be checked: " + (keyUnavailable == null
                        ? "the audit key is not available" : keyUnavailable)));
            } else if (!expected.equals(e.hash())) {
                breaks.add(new Break(e.seq(), "entry " + e.seq() + " was changed after it was written"));
            } else if (!contentFits(e)) {
                // version 3 links the digests: text that is present must be the text that was linked; text that is
                // absent must have been removed by a recorded redaction
                breaks.add(new Break(e.seq(), "entry " + e.seq() + (e.before() == null && e.after() == null
                        && e.redactedAt() == null ? " lost its content without a recorded redaction"
                                : "'s content was changed after it was written (it no longer matches its digest)")));
            } else if (keyed) {
                lastKeyed = e;
            }
            links.put(e.seq(), e.hash());
            // carry on from the entry as stored, so each later break is reported on its own
            lastSeq = e.seq();
            lastHash = e.hash();
            return this;
        }

        private static boolean contentFits(AuditEntry e) {
            if (e.linkVersion() != AuditEntry.KEYED_DIGEST) {
                return true;
            }
            return fits(e.before(), e.beforeDigest(), e.redactedAt())
                    && fits(e.after(), e.afterDigest(), e.redactedAt());
        }

        private static boolean fits(String text, String digest, Instant redactedAt) {
            if (text == null) {
                return digest == null || redactedAt != null;
            }
            return java.util.Objects.equals(ChainHash.digest(text), digest);
        }

        String chainId() {
            return chainId;
        }

        Long keyedFrom() {
            return keyedFrom;
        }

        /** The last keyed entry, when the whole chain verified. */
        AuditEntry lastKeyed() {
            return breaks.isEmpty() && lastKeyed != null && lastKeyed.seq() == lastSeq ? lastKeyed : null;
        }

        ChainCheck finish(ChainAnchors.Anchor anchor) {
            AnchorCheck anchorCheck = null;
            if (anchor != null) {
                String stored = links.get(anchor.seq());
                boolean matches = anchor.mac().equals(stored);
                anchorCheck = new AnchorCheck(anchor.seq(), anchor.mac(), anchor.at(), matches);
                if (anchor.seq() > lastSeq) {
                    breaks.add(new Break(lastSeq + 1, "the chain ends at " + lastSeq + " but was anchored at "
                            + anchor.seq() + " on " + anchor.at() + ": entries " + (lastSeq + 1) + " to "
                            + anchor.seq() + " were removed (truncated)"));
                } else if (!matches) {
                    breaks.add(new Break(anchor.seq(), "entry " + anchor.seq() + " does not carry the MAC anchored"
                            + " on " + anchor.at() + ": the chain was rewritten from there or before"));
                }
                if (anchor.keyedFrom() > 0) {
                    if (keyedFrom == null || keyedFrom > anchor.keyedFrom()) {
                        breaks.add(new Break(anchor.keyedFrom(), "entries from " + anchor.keyedFrom()
                                + " were keyed when anchored but are not now: the chain was rewritten unkeyed"));
                    }
                }
            }
            breaks.sort(java.util.Comparator.comparingLong(Break::seq));
            Break first = breaks.isEmpty() ? null : breaks.get(0);
            return new ChainCheck(breaks.isEmpty(), entries, first == null ? null : first.seq(),
                    first == null ? null : first.reason(), List.copyOf(breaks), lastHash, lastSeq, keyedFrom,
                    anchorCheck);
        }
    }
}
