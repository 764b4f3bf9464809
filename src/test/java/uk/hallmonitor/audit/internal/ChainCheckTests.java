package uk.hallmonitor.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.Mac;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.mac.MacConfig;
import com.google.crypto.tink.mac.PredefinedMacParameters;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The walk along the chain: migration from SHA-256 to HMAC, every break reported, and the anchor. */
class ChainCheckTests {

    static Mac key;

    @BeforeAll
    static void key() throws Exception {
        MacConfig.register();
        key = KeysetHandle.generateNew(PredefinedMacParameters.HMAC_SHA256_256BITTAG)
                .getPrimitive(RegistryConfiguration.get(), Mac.class);
    }

    /** A chain whose first {@code unkeyed} entries are the original SHA-256 links and the rest HMAC. */
    static List<AuditEntry> chain(int unkeyed, int keyed) {
        List<AuditEntry> entries = new ArrayList<>();
        String prev = ChainHash.GENESIS;
        for (int seq = 1; seq <= unkeyed + keyed; seq++) {
            Instant at = Instant.parse("2026-11-16T10:00:00Z").plusSeconds(seq);
            boolean isKeyed = seq > unkeyed;
            String link = isKeyed
                    ? ChainHash.keyed(key, seq, at, "u", "a", "s", "t", "id" + seq, null, "{}", prev)
                    : ChainHash.of(seq, at, "u", "a", "s", "t", "id" + seq, null, "{}", prev);
            // entries written before the switch have no version field at all
            entries.add(new AuditEntry("e" + seq, seq, at, "u", "a", "s", "t", "id" + seq, null, "{}", prev, link,
                    isKeyed ? AuditEntry.KEYED : null));
            prev = link;
        }
        return entries;
    }

    static ChainCheck walk(List<AuditEntry> entries, ChainAnchors.Anchor anchor) {
        ChainCheck.Walk walk = new ChainCheck.Walk(key, null);
        entries.forEach(walk::next);
        return walk.finish(anchor);
    }

    @Test
    void entriesWrittenBeforeTheSwitchKeepTheirSha256AndStillVerify() {
        ChainCheck check = walk(chain(3, 4), null);
        assertThat(check.valid()).isTrue();
        assertThat(check.keyedFrom()).isEqualTo(4L);
        assertThat(check.breaks()).isEmpty();
    }

    @Test
    void aKeyedEntryRewrittenAsUnkeyedWithARecomputedSha256IsCaught() {
        List<AuditEntry> entries = chain(2, 4);
        AuditEntry victim = entries.get(3);
        String forged = ChainHash.of(victim.seq(), victim.at(), "someone else", victim.action(), victim.schoolId(),
                victim.subjectType(), victim.subjectId(), victim.before(), victim.after(), victim.prevHash());
        entries.set(3, new AuditEntry(victim.id(), victim.seq(), victim.at(), "someone else", victim.action(),
                victim.schoolId(), victim.subjectType(), victim.subjectId(), victim.before(), victim.after(),
                victim.prevHash(), forged, null));
        ChainCheck check = walk(entries, null);
        assertThat(check.valid()).isFalse();
        assertThat(check.breaks()).extracting(ChainCheck.Break::seq).contains(4L);
        assertThat(check.breaks().get(0).reason()).contains("unkeyed");
    }

    @Test
    void everyBreakIsReportedNotOnlyTheFirst() {
        List<AuditEntry> entries = chain(0, 8);
        for (int i : new int[] {2, 6}) {
            AuditEntry e = entries.get(i);
            entries.set(i, new AuditEntry(e.id(), e.seq(), e.at(), "intruder", e.action(), e.schoolId(),
                    e.subjectType(), e.subjectId(), e.before(), e.after(), e.prevHash(), e.hash(), e.version()));
        }
        ChainCheck check = walk(entries, null);
        assertThat(check.breaks()).extracting(ChainCheck.Break::seq).containsExactly(3L, 7L);
        assertThat(check.firstBrokenSeq()).isEqualTo(3L);
    }

    @Test
    void aTailCutOffAfterTheAnchorIsFound() {
        List<AuditEntry> entries = chain(0, 10);
        AuditEntry anchored = entries.get(9);
        ChainAnchors.Anchor anchor = new ChainAnchors.Anchor(entries.get(0).hash(), 10, anchored.hash(),
                Instant.parse("2026-11-16T11:00:00Z"), 1);
        assertThat(walk(entries, anchor).valid()).isTrue();
        ChainCheck cut = walk(entries.subList(0, 7), anchor);
        assertThat(cut.valid()).isFalse();
        assertThat(cut.reason()).contains("truncated").contains("8 to 10");
        assertThat(cut.anchor().matches()).isFalse();
    }
}
