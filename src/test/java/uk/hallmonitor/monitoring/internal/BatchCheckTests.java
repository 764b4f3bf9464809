package uk.hallmonitor.monitoring.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import uk.hallmonitor.connectors.Batch;
import uk.hallmonitor.connectors.Cursor;
import uk.hallmonitor.connectors.FetchedPost;
import uk.hallmonitor.connectors.Source;
import uk.hallmonitor.monitoring.PostKind;
import uk.hallmonitor.system.Platform;

class BatchCheckTests {

    static final Instant NOW = Instant.parse("2026-11-16T10:00:00Z");
    static final Source ACCOUNT = new Source("a1", "s1", Platform.X, "42", "@school", List.of(), Map.of(), 100);
    static final Source WATCH = new Source("w1", "s1", Platform.X, null, null, List.of("Hill School"), Map.of(), 100);

    static FetchedPost post(String id, String kind, String text, Instant postedAt, Instant editedAt) {
        return new FetchedPost(id, kind, "u1", "@parent", text, null, "c1", null, postedAt, editedAt);
    }

    static BatchCheck check(Source source, FetchedPost... posts) {
        return BatchCheck.of(new Batch(Arrays.asList(posts), Cursor.START, posts.length, List.of(), null), source, NOW);
    }

    @Test
    void duplicateIdsInOneBatchKeepTheNewestVersionOnceAndAreRecorded() {
        BatchCheck checked = check(ACCOUNT,
                post("1", "COMMENT", "old", NOW.minusSeconds(60), NOW.minusSeconds(30)),
                post("2", "COMMENT", "other", NOW.minusSeconds(50), null),
                post("1", "COMMENT", "new", NOW.minusSeconds(60), NOW.minusSeconds(10)),
                post("1", "COMMENT", "older", NOW.minusSeconds(60), NOW.minusSeconds(40)));

        assertThat(checked.posts()).extracting(IncomingPost::platformPostId).containsExactly("2", "1");
        assertThat(checked.posts().get(1).text()).isEqualTo("new");
        assertThat(checked.warnings()).containsExactly("2 duplicate post id(s) in one batch merged");
    }

    @Test
    void futureTimestampsAreClampedToNowAndRecorded() {
        BatchCheck checked = check(ACCOUNT, post("1", "MENTION", "hi", NOW.plusSeconds(3600), NOW.plusSeconds(7200)));

        assertThat(checked.posts().get(0).postedAt()).isEqualTo(NOW);
        assertThat(checked.posts().get(0).editedAt()).isEqualTo(NOW);
        assertThat(checked.warnings()).containsExactly("2 timestamp(s) in the future clamped to now");
    }

    @Test
    void postsWithoutAnIdAreDroppedWithoutLosingTheRest() {
        BatchCheck checked = check(ACCOUNT, post(null, "COMMENT", "a", NOW, null), post(" ", "COMMENT", "b", NOW, null),
                post("3", "COMMENT", null, null, null));

        assertThat(checked.posts()).hasSize(1);
        assertThat(checked.posts().get(0).text()).isEmpty();
        assertThat(checked.posts().get(0).postedAt()).isEqualTo(NOW);
        assertThat(checked.warnings()).containsExactly("2 post(s) without an id dropped");
    }

    @ParameterizedTest
    @CsvSource(textBlock = """
            # source,  fetched kind,  stored kind,     warned
            account,   COMMENT,       COMMENT,         false
            account,   own_post,      OWN_POST,        false
            account,   REACTION,      COMMENT,         true
            account,   ,              COMMENT,         true
            watch,     COMMENT,       PUBLIC_MENTION,  false
            watch,     ,              PUBLIC_MENTION,  false
            """)
    void kindsAreReadLeniently(String source, String fetched, PostKind stored, boolean warned) {
        BatchCheck checked = check(source.equals("watch") ? WATCH : ACCOUNT, post("1", fetched, "t", NOW, null));

        assertThat(checked.posts().get(0).kind()).isEqualTo(stored);
        assertThat(checked.warnings().isEmpty()).isEqualTo(!warned);
    }

    @Test
    void overlongTextsAreCutAndTheConnectorsOwnWarningsComeFirst() {
        Batch batch = new Batch(List.of(post("1", "COMMENT", "x".repeat(BatchCheck.MAX_TEXT + 5), NOW, null)),
                Cursor.START, 1, List.of("next_token repeated; stopped paging"), null);

        BatchCheck checked = BatchCheck.of(batch, ACCOUNT, NOW);

        assertThat(checked.posts().get(0).text()).hasSize(BatchCheck.MAX_TEXT);
        assertThat(checked.warnings()).containsExactly("next_token repeated; stopped paging",
                "1 text(s) longer than 20000 characters cut");
    }
}
