package uk.hallmonitor.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Version 3 links are over the digests of an entry's content, so the content of a purged or erased record can be
 * removed (a recorded redaction) while the chain still verifies; content changed, or removed without a redaction,
 * is still a break. Versions 1 and 2 before it keep verifying.
 */
class RedactableChainTests {

    private static final Instant REDACTED = Instant.parse("2026-12-01T00:00:00Z");

    @BeforeAll
    static void key() throws Exception {
        ChainCheckTests.key();
    }

    /** Two SHA-256, two HMAC-over-text and four HMAC-over-digest entries, each with content. */
    private static List<AuditEntry> chain() {
        List<AuditEntry> entries = new ArrayList<>(ChainCheckTests.chain(2, 2));
        String prev = entries.get(entries.size() - 1).hash();
        for (int seq = 5; seq <= 8; seq++) {
            Instant at = Instant.parse("2026-11-16T10:00:00Z").plusSeconds(seq);
            String after = "{\"note\":\"the words of post " + seq + "\"}";
            List<String> subjects = List.of("pseudonym-" + seq);
            String link = ChainHash.keyedDigest(ChainCheckTests.key, seq, at, "u", "a", "s", "post", "p" + seq,
                    null, ChainHash.digest(after), subjects, prev);
            entries.add(new AuditEntry("e" + seq, seq, at, "u", "a", "s", "post", "p" + seq, null, after, prev, link,
                    AuditEntry.KEYED_DIGEST, subjects, null, ChainHash.digest(after), null));
            prev = link;
        }
        return entries;
    }

    private static AuditEntry with(AuditEntry e, String after, Instant redactedAt, List<String> subjects) {
        return new AuditEntry(e.id(), e.seq(), e.at(), e.actor(), e.action(), e.schoolId(), e.subjectType(),
                e.subjectId(), e.before(), after, e.prevHash(), e.hash(), e.version(), subjects, e.beforeDigest(),
                e.afterDigest(), redactedAt);
    }

    @Test
    void aChainAcrossAllThreeVersionsVerifies() {
        ChainCheck check = ChainCheckTests.walk(chain(), null);
        assertThat(check.breaks()).isEmpty();
        assertThat(check.keyedFrom()).isEqualTo(3L);
    }

    @Test
    void contentRemovedByARecordedRedactionStillVerifies() {
        List<AuditEntry> entries = chain();
        entries.set(5, with(entries.get(5), null, REDACTED, entries.get(5).subjects()));
        assertThat(ChainCheckTests.walk(entries, null).breaks()).isEmpty();
    }

    @Test
    void contentRemovedWithoutARedactionIsABreak() {
        List<AuditEntry> entries = chain();
        entries.set(5, with(entries.get(5), null, null, entries.get(5).subjects()));
        ChainCheck check = ChainCheckTests.walk(entries, null);
        assertThat(check.firstBrokenSeq()).isEqualTo(6L);
        assertThat(check.reason()).contains("without a recorded redaction");
    }

    @Test
    void changedContentIsABreakEvenThoughTheLinkIsOverTheDigest() {
        List<AuditEntry> entries = chain();
        entries.set(6, with(entries.get(6), "{\"note\":\"other words\"}", null, entries.get(6).subjects()));
        ChainCheck check = ChainCheckTests.walk(entries, null);
        assertThat(check.firstBrokenSeq()).isEqualTo(7L);
        assertThat(check.reason()).contains("changed");
    }

    @Test
    void changedSubjectsAreABreak() {
        List<AuditEntry> entries = chain();
        entries.set(4, with(entries.get(4), entries.get(4).after(), null, List.of("someone-else")));
        assertThat(ChainCheckTests.walk(entries, null).firstBrokenSeq()).isEqualTo(5L);
    }
}
