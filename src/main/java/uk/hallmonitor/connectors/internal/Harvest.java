package uk.hallmonitor.connectors.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.hallmonitor.connectors.Batch;
import uk.hallmonitor.connectors.ConnectorException;
import uk.hallmonitor.connectors.ConnectorException.Kind;
import uk.hallmonitor.connectors.Cursor;
import uk.hallmonitor.connectors.FetchedPost;

/**
 * What one poll has gathered so far. Bad items are skipped with a warning rather than failing the poll, future
 * timestamps are clamped to the injected clock, repeated ids are kept once, and reads are counted against the
 * source's budget. A poll runs its requests one after another, so this needs no locking.
 */
public final class Harvest {

    private static final Logger log = LoggerFactory.getLogger(Harvest.class);

    private final Clock clock;
    private final String sourceId;
    private final int maxReads;
    private final int maxWarnings;
    private final Map<String, FetchedPost> posts = new LinkedHashMap<>();
    private final List<String> warnings = new ArrayList<>();
    private int droppedWarnings;
    private int reads;
    private int answered;
    private Duration retryAfter;

    public Harvest(Clock clock, String sourceId, int maxReads, int maxWarnings) {
        this.clock = clock;
        this.sourceId = sourceId;
        this.maxReads = maxReads;
        this.maxWarnings = maxWarnings;
    }

    public Instant now() {
        return clock.instant();
    }

    /** Records a problem that did not stop the poll; logged once, kept in the batch up to a limit. */
    public void warn(String warning) {
        log.warn("source {}: {}", sourceId, warning);
        if (warnings.size() < maxWarnings) {
            warnings.add(warning);
        } else {
            droppedWarnings++;
        }
    }

    /** Counts posts the platform returned (and may bill for), whether or not they turn out usable. */
    public void read(int count) {
        reads += count;
    }

    public int reads() {
        return reads;
    }

    /** Posts this poll may still read. */
    public int remainingReads() {
        return Math.max(0, maxReads - reads);
    }

    /** Notes that a platform answered a request, so later failures return what was gathered instead of an error. */
    public void answered() {
        answered++;
    }

    public boolean anyAnswer() {
        return answered > 0;
    }

    /**
     * Whether the poll may keep what it read after this failure and go on: not when the credential or the settings
     * are wrong, nor before the platform has answered anything. A rate limit also pauses the source.
     */
    public boolean outlasts(ConnectorException failure) {
        if (failure.kind() == Kind.UNAUTHORIZED || failure.kind() == Kind.MISCONFIGURED || !anyAnswer()) {
            return false;
        }
        if (failure.kind() == Kind.RATE_LIMITED) {
            pause(failure.retryAfter());
        }
        return true;
    }

    /**
     * The post read from one item of a platform's answer, or {@code null} when the item is unusable
     * ({@link Json.BadItem}): skipped with a warning that names it, so one bad item never fails the poll.
     */
    public FetchedPost readOrSkip(String what, Supplier<FetchedPost> item) {
        try {
            return item.get();
        } catch (Json.BadItem bad) {
            warn("skipped " + what + ": " + bad.getMessage());
            return null;
        }
    }

    /** Remembers the longest wait a platform asked for. */
    public void pause(Duration wait) {
        if (wait != null && (retryAfter == null || wait.compareTo(retryAfter) > 0)) {
            retryAfter = wait;
        }
    }

    public Duration retryAfter() {
        return retryAfter;
    }

    /**
     * Adds a post after checking it; returns whether it was kept. A post without id, text or time is skipped with a
     * warning; a post from the future is clamped to now; a post already in the batch keeps its first form.
     */
    public boolean add(FetchedPost post) {
        if (post.platformPostId() == null || post.platformPostId().isBlank()) {
            warn("skipped a post without an id");
            return false;
        }
        if (post.text() == null) {
            warn("skipped post " + post.platformPostId() + ": no text");
            return false;
        }
        if (post.postedAt() == null) {
            warn("skipped post " + post.platformPostId() + ": no creation time");
            return false;
        }
        if (posts.containsKey(post.platformPostId())) {
            return false;
        }
        posts.put(post.platformPostId(), clamped(post));
        return true;
    }

    private FetchedPost clamped(FetchedPost post) {
        Instant now = clock.instant();
        Instant postedAt = post.postedAt();
        Instant editedAt = post.editedAt();
        if (postedAt.isAfter(now)) {
            warn("post " + post.platformPostId() + " claims to be posted at " + postedAt + ", after now; clamped");
            postedAt = now;
        }
        if (editedAt != null && editedAt.isAfter(now)) {
            warn("post " + post.platformPostId() + " claims an edit at " + editedAt + ", after now; clamped");
            editedAt = now;
        }
        return new FetchedPost(post.platformPostId(), post.kind(), post.authorId(), post.authorHandle(),
                post.text(), post.url(), post.conversationId(), post.inReplyToId(), postedAt, editedAt);
    }

    public List<FetchedPost> posts() {
        return List.copyOf(posts.values());
    }

    public Batch toBatch(Cursor next) {
        List<String> all = new ArrayList<>(warnings);
        if (droppedWarnings > 0) {
            all.add("and " + droppedWarnings + " more warnings");
        }
        return new Batch(List.copyOf(posts.values()), next, reads, all, retryAfter);
    }
}
