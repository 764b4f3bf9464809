package uk.hallmonitor.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import tools.jackson.databind.ObjectMapper;
import uk.hallmonitor.AppTestSupport;
import uk.hallmonitor.audit.AuditEvent;
import uk.hallmonitor.audit.AuditProperties;
import uk.hallmonitor.audit.ChainKeySealer;
import uk.hallmonitor.system.store.StoreProperties;

/**
 * Anchoring the chain blocks (a file written with SYNC, a read of the chain's first link that may wait 30 s), so it
 * runs on a thread of the trail's own, never on Reactor's shared bounded-elastic pool, which sign-in waits on for its
 * CSRF token and password check; and that thread ends when the trail is closed, so test contexts that come and go
 * leave no worker behind.
 */
class AnchorThreadTests extends AppTestSupport {

    @Autowired
    ReactiveMongoTemplate mongo;

    @Autowired
    ObjectMapper json;

    @Autowired
    Clock clock;

    @Autowired
    AuditProperties properties;

    @Autowired
    StoreProperties store;

    @Autowired
    ObjectProvider<ChainKeySealer> sealer;

    @Test
    void anchoringRunsOnTheTrailsOwnThreadAndThatThreadEndsWhenTheTrailCloses(@TempDir Path folder) {
        List<String> anchoredOn = new CopyOnWriteArrayList<>();
        ChainAnchors anchors = new ChainAnchors(folder.resolve("audit.anchor")) {
            @Override
            void advance(Anchor next) {
                anchoredOn.add(Thread.currentThread().getName());
                super.advance(next);
            }
        };
        long before = anchorThreads();
        // a second trail on the same chain and key (as a second instance would be), anchoring to a file of its own
        HashChainedAuditTrail trail = new HashChainedAuditTrail(mongo, json, clock, new AuditKey(
                HashChainedAuditTrail.orDefault(properties.keyFile(), store.dataDir(), "audit.key"),
                sealer.getIfAvailable()), anchors);
        try {
            trail.record(new AuditEvent("system", "audit.anchor-thread-check", null, "test", "anchor", null, null))
                    .block(Duration.ofSeconds(30));

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(anchoredOn).isNotEmpty());
            assertThat(anchoredOn).allSatisfy(name -> assertThat(name).startsWith("audit-anchor")
                    .doesNotContain("boundedElastic"));
            assertThat(anchorThreads()).isEqualTo(before + 1);
        } finally {
            trail.destroy();
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(anchorThreads()).isEqualTo(before));
    }

    private static long anchorThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.isAlive() && thread.getName().startsWith("audit-anchor")).count();
    }
}
