package uk.hallmonitor.connectors.feeds;

import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedInput;
import com.rometools.rome.io.XmlReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import reactor.core.publisher.Mono;
import uk.hallmonitor.connectors.Batch;
import uk.hallmonitor.connectors.Capability;
import uk.hallmonitor.connectors.ConnectorException;
import uk.hallmonitor.connectors.ConnectorException.Kind;
import uk.hallmonitor.connectors.ConnectorProperties;
import uk.hallmonitor.connectors.Cursor;
import uk.hallmonitor.connectors.FetchedPost;
import uk.hallmonitor.connectors.PlatformConnector;
import uk.hallmonitor.connectors.Source;
import uk.hallmonitor.connectors.internal.Connections;
import uk.hallmonitor.connectors.internal.Harvest;
import uk.hallmonitor.connectors.internal.PlainText;
import uk.hallmonitor.connectors.internal.PlatformHttp;
import uk.hallmonitor.connectors.internal.PostKinds;
import uk.hallmonitor.system.Platform;

/**
 * Polls one RSS or Atom feed per watch. The cursor keeps the newest entry date seen and the feed's validators
 * ({@code ETag}, {@code Last-Modified}) so an unchanged feed costs a 304 and nothing else.
 */
public final class FeedConnector implements PlatformConnector {

    private final PlatformHttp http;
    private final Clock clock;
    private final ConnectorProperties properties;

    public FeedConnector(PlatformHttp http, Clock clock, ConnectorProperties properties) {
        this.http = http;
        this.clock = clock;
        this.properties = properties;
    }

    @Override
    public Platform platform() {
        return Platform.RSS;
    }

    @Override
    public Set<Capability> capabilities() {
        return Set.of(Capability.SEARCH);
    }

    @Override
    public Mono<Batch> fetch(Source source, Cursor since) {
        return Mono.defer(() -> {
            String url = source.connection().get("url");
            if (url == null || url.isBlank()) {
                return Mono.error(new ConnectorException(Kind.MISCONFIGURED,
                        "feed watch " + source.id() + " needs connection.url", null));
            }
            URI uri = URI.create(Connections.checked(url.strip(), "url", source));
            Map<String, String> headers = new HashMap<>();
            headers.put("Accept", "application/rss+xml, application/atom+xml, application/xml;q=0.9, */*;q=0.5");
            if (since.get("etag") != null) {
                headers.put("If-None-Match", since.get("etag"));
            }
            if (since.get("lastModified") != null) {
                headers.put("If-Modified-Since", since.get("lastModified"));
            }
            int budget = source.maxReads() > 0 ? source.maxReads() : properties.defaultMaxReads();
            Harvest harvest = new Harvest(clock, source.id(), Integer.MAX_VALUE, properties.maxWarnings());
            return http.get(uri, headers, clock).map(reply -> {
                if (reply.notModified()) {
                    return harvest.toBatch(since);
                }
                SyndFeed feed = parse(reply.body(), source);
                Map<String, String> positions = new HashMap<>(since.positions());
                remember(positions, "etag", reply.headers().getETag());
                remember(positions, "lastModified", reply.headers().getFirst("Last-Modified"));
                take(feed, source, since.get("since"), budget, harvest, positions);
                return harvest.toBatch(new Cursor(positions));
            });
        });
    }

    private void take(SyndFeed feed, Source source, String sinceValue, int budget, Harvest harvest,
                      Map<String, String> positions) {
        Instant after = sinceValue == null ? null : Instant.parse(sinceValue);
        Instant newest = after;
        List<String> terms = source.terms().stream().filter(term -> !term.isBlank())
                .map(term -> term.strip().toLowerCase(Locale.ROOT)).toList();
        int index = 0;
        for (SyndEntry entry : feed.getEntries()) {
            index++;
            Instant dated = dated(entry);
            if (dated != null && after != null && !dated.isAfter(after)) {
                continue;
            }
            if (harvest.reads() >= budget) {
                harvest.warn("feed has more new entries than this poll may read; the rest waits for the next poll");
                // Do not move past entries left unread.
                return;
            }
            harvest.read(1);
            if (dated != null && (newest == null || dated.isAfter(newest))) {
                newest = dated.isAfter(harvest.now()) ? harvest.now() : dated;
            }
            String title = PlainText.of(entry.getTitle());
            String body = PlainText.of(body(entry));
            String text = join(title, body);
            if (text.isBlank()) {
                harvest.warn("skipped feed entry #" + index + ": no title or text");
                continue;
            }
            String lower = text.toLowerCase(Locale.ROOT);
            if (!terms.isEmpty() && terms.stream().noneMatch(lower::contains)) {
                continue;
            }
            String id = firstNonBlank(entry.getUri(), entry.getLink());
            if (id == null) {
                id = "sha256:" + sha256(source.connection().get("url") + "\n" + text);
            }
            harvest.add(new FetchedPost(id, PostKinds.PUBLIC_MENTION, null, blankToNull(entry.getAuthor()), text,
                    blankToNull(entry.getLink()), null, null, dated != null ? dated : harvest.now(), null));
        }
        if (newest != null) {
            positions.put("since", newest.toString());
        }
    }

    private static SyndFeed parse(byte[] body, Source source) {
        try {
            SyndFeedInput input = new SyndFeedInput();
            // Feeds come from anywhere: no DTDs, so no external entities.
            input.setAllowDoctypes(false);
            return input.build(new XmlReader(new ByteArrayInputStream(body)));
        } catch (FeedException | IOException | IllegalArgumentException e) {
            throw new ConnectorException(Kind.MALFORMED,
                    "the feed of watch " + source.id() + " is not RSS or Atom: " + e.getClass().getSimpleName(),
                    null);
        }
    }

    private static Instant dated(SyndEntry entry) {
        if (entry.getPublishedDate() != null) {
            return entry.getPublishedDate().toInstant();
        }
        return entry.getUpdatedDate() != null ? entry.getUpdatedDate().toInstant() : null;
    }

    private static String body(SyndEntry entry) {
        SyndContent description = entry.getDescription();
        if (description != null && description.getValue() != null) {
            return description.getValue();
        }
        StringBuilder text = new StringBuilder();
        for (SyndContent content : entry.getContents()) {
            if (content.getValue() != null) {
                text.append(content.getValue()).append('\n');
            }
        }
        return text.toString();
    }

    private static void remember(Map<String, String> positions, String key, String value) {
        if (value == null || value.isBlank()) {
            positions.remove(key);
        } else {
            positions.put(key, value);
        }
    }

    private static String join(String title, String body) {
        String a = title == null ? "" : title;
        String b = body == null ? "" : body;
        return a.isEmpty() ? b : b.isEmpty() ? a : a + "\n" + b;
    }

    private static String firstNonBlank(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value.strip();
            }
        }
        return null;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
