package uk.hallmonitor.connectors.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import uk.hallmonitor.connectors.ConnectorException;
import uk.hallmonitor.connectors.ConnectorException.Kind;
import uk.hallmonitor.connectors.ConnectorFixtures;
import uk.hallmonitor.connectors.Cursor;
import uk.hallmonitor.connectors.FetchedPost;
import uk.hallmonitor.connectors.internal.PagedStream.Entry;
import uk.hallmonitor.connectors.internal.PagedStream.Page;

/** The resumable walk through newest-first pages, against an in-memory platform of numbered posts. */
class PagedStreamTests {

    private final PagedStream stream = new PagedStream("mentions", PagedStream.NUMERIC, 1, 2, 3);
    private final List<String> calls = new ArrayList<>();

    private static Entry entry(int id) {
        return new Entry(Integer.toString(id), new FetchedPost(Integer.toString(id), "MENTION", "a", "a",
                "post " + id, null, null, null, Instant.parse("2026-11-22T09:00:00Z"), null));
    }

    /** Posts 1..newest, two per page, newest first; the token is the id to continue below. */
    private PagedStream.Pages platform(int newest) {
        return (since, token, limit) -> {
            calls.add("since=" + since + " token=" + token);
            int top = token == null ? newest : Integer.parseInt(token);
            int floor = since == null ? 0 : Integer.parseInt(since);
            List<Entry> entries = new ArrayList<>();
            for (int id = top; id > floor && entries.size() < limit; id--) {
                entries.add(entry(id));
            }
            int below = top - entries.size();
            return Mono.just(new Page(entries, entries.size(), below > floor ? Integer.toString(below) : null, null));
        };
    }

    private Harvest harvest(int maxReads) {
        return new Harvest(ConnectorFixtures.CLOCK, "acc-1", maxReads, 50);
    }

    @Test
    void aFirstPollReadsOnePageAndStartsFromItsNewestPost() {
        Harvest harvest = harvest(100);

        Map<String, String> positions = stream.read(Cursor.START, harvest, platform(9)).block();

        assertThat(harvest.posts()).extracting(FetchedPost::platformPostId).containsExactly("9", "8");
        assertThat(positions).containsExactlyInAnyOrderEntriesOf(Map.of("mentions.since", "9"));
    }

    @Test
    void aLaterPollWalksBackToWhereTheLastOneEnded() {
        Harvest harvest = harvest(100);

        Map<String, String> positions = stream.read(new Cursor(Map.of("mentions.since", "5")), harvest, platform(9))
                .block();

        assertThat(harvest.posts()).extracting(FetchedPost::platformPostId).containsExactly("9", "8", "7", "6");
        assertThat(positions).isEqualTo(Map.of("mentions.since", "9"));
        assertThat(calls).containsExactly("since=5 token=null", "since=5 token=7");
    }

    @Test
    void aWalkCutShortByThePageLimitResumesNextPollWithoutSkipping() {
        Harvest first = harvest(100);
        Map<String, String> stopped = stream.read(new Cursor(Map.of("mentions.since", "1")), first, platform(20))
                .block();

        assertThat(first.posts()).hasSize(6);
        assertThat(stopped).isEqualTo(Map.of("mentions.since", "1", "mentions.newest", "20", "mentions.token", "14"));
        assertThat(first.toBatch(Cursor.START).warnings()).anyMatch(w -> w.contains("stopped after 3 pages"));

        // posts 21 and 22 arrive while the walk is unfinished; they are read once the walk has caught up
        List<String> all = new ArrayList<>();
        first.posts().forEach(p -> all.add(p.platformPostId()));
        Map<String, String> positions = stopped;
        for (int poll = 0; poll < 5; poll++) {
            Harvest next = harvest(100);
            positions = stream.read(new Cursor(positions), next, platform(22)).block();
            next.posts().forEach(p -> all.add(p.platformPostId()));
        }

        List<String> expected = new ArrayList<>();
        for (int id = 2; id <= 22; id++) {
            expected.add(Integer.toString(id));
        }
        assertThat(all).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(positions).isEqualTo(Map.of("mentions.since", "22"));
    }

    @Test
    void theReadBudgetStopsTheWalkAndKeepsItsPlace() {
        Harvest harvest = harvest(3);

        Map<String, String> positions = stream.read(new Cursor(Map.of("mentions.since", "1")), harvest, platform(9))
                .block();

        assertThat(harvest.reads()).isEqualTo(3);
        assertThat(harvest.posts()).extracting(FetchedPost::platformPostId).containsExactly("9", "8", "7");
        assertThat(positions).containsEntry("mentions.since", "1").containsEntry("mentions.newest", "9")
                .containsEntry("mentions.token", "6");
    }

    @Test
    void aRepeatingTokenEndsTheWalkWithAWarning() {
        Harvest harvest = harvest(100);
        PagedStream.Pages stuck = (since, token, limit) -> Mono
                .just(new Page(List.of(entry(token == null ? 9 : 8)), 1, "same-token", null));

        Map<String, String> positions = stream.read(new Cursor(Map.of("mentions.since", "1")), harvest, stuck)
                .block();

        assertThat(harvest.posts()).extracting(FetchedPost::platformPostId).containsExactly("9", "8");
        assertThat(harvest.toBatch(Cursor.START).warnings()).anyMatch(w -> w.contains("repeated pagination token"));
        assertThat(positions).isEqualTo(Map.of("mentions.since", "9"));
    }

    @Test
    void duplicatesOnAPageAreKeptOnceWithAWarning() {
        Harvest harvest = harvest(100);
        PagedStream.Pages doubled =
                (since, token, limit) -> Mono.just(new Page(List.of(entry(9), entry(9), entry(8)), 3, null, null));

        stream.read(new Cursor(Map.of("mentions.since", "1")), harvest, doubled).block();

        assertThat(harvest.posts()).extracting(FetchedPost::platformPostId).containsExactly("9", "8");
        assertThat(harvest.toBatch(Cursor.START).warnings()).anyMatch(w -> w.contains("post 9 appears twice"));
    }

    @Test
    void aRateLimitOnALaterPageKeepsWhatWasReadAndSaysHowLongToWait() {
        Harvest harvest = harvest(100);
        PagedStream.Pages limited = (since, token, limit) -> token == null
                ? Mono.just(new Page(List.of(entry(9), entry(8)), 2, "7", null))
                : Mono.error(new ConnectorException(Kind.RATE_LIMITED, "429", Duration.ofMinutes(15)));

        Map<String, String> positions = stream.read(new Cursor(Map.of("mentions.since", "1")), harvest, limited)
                .block();

        assertThat(harvest.posts()).hasSize(2);
        assertThat(harvest.retryAfter()).isEqualTo(Duration.ofMinutes(15));
        assertThat(positions).containsEntry("mentions.since", "1").containsEntry("mentions.token", "7");
    }

    @Test
    void aFailureBeforeAnyAnswerIsTheCallersError() {
        Harvest harvest = harvest(100);
        PagedStream.Pages down =
                (since, token, limit) -> Mono.error(new ConnectorException(Kind.TRANSIENT, "503", null));

        StepVerifier.create(stream.read(Cursor.START, harvest, down))
                .expectErrorMatches(e -> ((ConnectorException) e).kind() == Kind.TRANSIENT)
                .verify();
    }

    @Test
    void aPostFromTheFutureIsClampedToNowWithAWarning() {
        Harvest harvest = harvest(100);
        harvest.add(new FetchedPost("1", "MENTION", "a", "a", "hi", null, null, null,
                Instant.parse("2027-01-01T00:00:00Z"), null));

        assertThat(harvest.posts().get(0).postedAt()).isEqualTo(ConnectorFixtures.NOW);
        assertThat(harvest.toBatch(Cursor.START).warnings()).anyMatch(w -> w.contains("clamped"));
    }
}
