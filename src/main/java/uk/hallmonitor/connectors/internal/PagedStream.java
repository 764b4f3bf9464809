package uk.hallmonitor.connectors.internal;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import reactor.core.publisher.Mono;
import uk.hallmonitor.connectors.ConnectorException;
import uk.hallmonitor.connectors.Cursor;
import uk.hallmonitor.connectors.FetchedPost;

/**
 * Reads a newest-first stream (X timelines and searches, Bluesky notifications, Mastodon notifications) page by
 * page from where the last poll stopped, without skipping anything.
 *
 * <p>The cursor keeps three positions per stream: {@code since} (everything up to it is stored), and while a walk
 * through older pages is unfinished, {@code token} (the next page) and {@code newest} (the newest key seen in that
 * walk, which becomes {@code since} once the walk reaches {@code since}). A walk stops early, to resume next poll,
 * when the read budget, the page limit or a rate limit is reached. A first poll from {@link Cursor#START} reads one
 * page only and does not walk back into history. A {@code next_token} that repeats ends the walk with a warning.
 */
public final class PagedStream {

    /** Keys that are decimal ids (X, Mastodon): longer is newer, then lexicographic. */
    public static final Comparator<String> NUMERIC = (a, b) -> {
        String x = stripZeros(a);
        String y = stripZeros(b);
        return x.length() != y.length() ? Integer.compare(x.length(), y.length()) : x.compareTo(y);
    };

    /** Keys that are ISO-8601 timestamps (Bluesky {@code indexedAt}, feed dates). */
    public static final Comparator<String> INSTANT = (a, b) -> {
        try {
            return OffsetDateTime.parse(a).toInstant().compareTo(OffsetDateTime.parse(b).toInstant());
        } catch (DateTimeParseException e) {
            return a.compareTo(b);
        }
    };

    /** One item of a page: its ordering key, and its post or {@code null} when it was skipped or is not wanted. */
    public record Entry(String key, FetchedPost post) {
    }

    /**
     * One page as a connector read it.
     *
     * @param entries   the items in platform order
     * @param reads     how many posts the platform returned (and may bill)
     * @param nextToken the token of the next older page, or {@code null}
     * @param pause     how long the platform asked us to wait before the next call, or {@code null}
     */
    public record Page(List<Entry> entries, int reads, String nextToken, Duration pause) {
    }

    /** Fetches one page: {@code since} and {@code token} may be {@code null}; {@code limit} is at least the minimum. */
    @FunctionalInterface
    public interface Pages {
        Mono<Page> fetch(String since, String token, int limit);
    }

    private final String name;
    private final Comparator<String> order;
    private final int pageMin;
    private final int pageMax;
    private final int maxPages;

    /**
     * @param name     the stream's name, prefixing its cursor positions
     * @param order    how keys compare
     * @param pageMin  the smallest page the platform accepts (X: 5 or 10)
     * @param pageMax  the largest page the platform gives
     * @param maxPages the most pages one poll reads from this stream
     */
    public PagedStream(String name, Comparator<String> order, int pageMin, int pageMax, int maxPages) {
        this.name = name;
        this.order = order;
        this.pageMin = pageMin;
        this.pageMax = pageMax;
        this.maxPages = maxPages;
    }

    /** Reads the stream into the harvest and returns its new cursor positions, to replace its old ones. */
    public Mono<Map<String, String>> read(Cursor cursor, Harvest harvest, Pages pages) {
        return Mono.defer(() -> {
            Walk walk = new Walk(cursor.get(name + ".since"), cursor.get(name + ".newest"),
                    cursor.get(name + ".token"));
            return step(walk, harvest, pages).then(Mono.fromSupplier(() -> walk.positions(name, order)));
        });
    }

    /** Reads the stream into the harvest and puts its new positions in place of its old ones in {@code positions}. */
    public Mono<Void> readInto(Cursor cursor, Harvest harvest, Pages pages, Map<String, String> positions) {
        return read(cursor, harvest, pages).doOnNext(found -> {
            forget(positions);
            positions.putAll(found);
        }).then();
    }

    /** Drops this stream's positions from a cursor map, before {@link #read} results are added. */
    public void forget(Map<String, String> positions) {
        positions.keySet().removeIf(key -> key.startsWith(name + "."));
    }

    private Mono<Void> step(Walk walk, Harvest harvest, Pages pages) {
        int budget = harvest.remainingReads();
        if (budget < pageMin) {
            harvest.warn(name + ": this poll's read budget is used up; the rest waits for the next poll");
            return Mono.empty();
        }
        String token = walk.token;
        return pages.fetch(walk.since, token, Math.min(pageMax, budget))
                .flatMap(page -> {
                    harvest.answered();
                    harvest.read(page.reads());
                    boolean reachedSince = take(page, walk, harvest);
                    walk.pages++;
                    String next = page.nextToken();
                    if (reachedSince || next == null || next.isBlank() || walk.fresh) {
                        walk.finished = true;
                        return Mono.<Void>empty();
                    }
                    if (!walk.tokens.add(next) || next.equals(token)) {
                        harvest.warn(name + ": the platform repeated pagination token " + Json.abbreviate(next)
                                + "; stopped paging");
                        walk.finished = true;
                        return Mono.<Void>empty();
                    }
                    walk.token = next;
                    if (page.pause() != null) {
                        harvest.pause(page.pause());
                        harvest.warn(name + ": the platform's rate-limit window is used up; resumes next poll");
                        return Mono.<Void>empty();
                    }
                    if (walk.pages >= maxPages) {
                        harvest.warn(name + ": stopped after " + maxPages + " pages; resumes next poll");
                        return Mono.<Void>empty();
                    }
                    return step(walk, harvest, pages);
                })
                .onErrorResume(ConnectorException.class, failure -> {
                    if (!harvest.outlasts(failure)) {
                        return Mono.error(failure);
                    }
                    harvest.warn(name + ": " + failure.getMessage() + "; kept what was read, resumes next poll");
                    return Mono.empty();
                });
    }

    private boolean take(Page page, Walk walk, Harvest harvest) {
        boolean reachedSince = false;
        Set<String> onPage = new HashSet<>();
        for (Entry entry : page.entries()) {
            if (entry.key() != null && walk.since != null && order.compare(entry.key(), walk.since) <= 0) {
                reachedSince = true;
                continue;
            }
            if (entry.key() != null && (walk.newest == null || order.compare(entry.key(), walk.newest) > 0)) {
                walk.newest = entry.key();
            }
            FetchedPost post = entry.post();
            if (post == null) {
                continue;
            }
            String id = post.platformPostId();
            if (id != null && !onPage.add(id)) {
                harvest.warn(name + ": post " + id + " appears twice on one page; kept once");
                continue;
            }
            if (id != null && !walk.ids.add(id)) {
                harvest.warn(name + ": post " + id + " came again on a later page; kept once");
                continue;
            }
            harvest.add(post);
        }
        return reachedSince;
    }

    private static String stripZeros(String value) {
        int i = 0;
        while (i < value.length() - 1 && value.charAt(i) == '0') {
            i++;
        }
        return value.substring(i);
    }

    /** The state of one walk through a stream's pages during one poll. */
    private static final class Walk {
        final String since;
        final boolean fresh;
        final Set<String> tokens = new HashSet<>();
        final Set<String> ids = new HashSet<>();
        String token;
        String newest;
        int pages;
        boolean finished;

        Walk(String since, String pending, String token) {
            this.since = since;
            this.newest = pending;
            this.token = token;
            this.fresh = since == null && pending == null && token == null;
            if (token != null) {
                tokens.add(token);
            }
        }

        Map<String, String> positions(String name, Comparator<String> order) {
            Map<String, String> positions = new HashMap<>();
            if (finished) {
                String reached = since == null ? newest
                        : newest == null ? since : order.compare(newest, since) > 0 ? newest : since;
                if (reached != null) {
                    positions.put(name + ".since", reached);
                }
                return positions;
            }
            if (since != null) {
                positions.put(name + ".since", since);
            }
            if (newest != null) {
                positions.put(name + ".newest", newest);
            }
            if (token != null) {
                positions.put(name + ".token", token);
            }
            return positions;
        }
    }
}
