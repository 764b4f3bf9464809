package uk.hallmonitor.connectors.mastodon;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import uk.hallmonitor.connectors.Batch;
import uk.hallmonitor.connectors.Capability;
import uk.hallmonitor.connectors.ConnectorException;
import uk.hallmonitor.connectors.ConnectorException.Kind;
import uk.hallmonitor.connectors.ConnectorProperties;
import uk.hallmonitor.connectors.Cursor;
import uk.hallmonitor.connectors.FetchedPost;
import uk.hallmonitor.connectors.Source;
import uk.hallmonitor.connectors.internal.Connections;
import uk.hallmonitor.connectors.internal.Harvest;
import uk.hallmonitor.connectors.internal.HttpConnector;
import uk.hallmonitor.connectors.internal.Json;
import uk.hallmonitor.connectors.internal.PagedStream;
import uk.hallmonitor.connectors.internal.PagedStream.Entry;
import uk.hallmonitor.connectors.internal.PagedStream.Page;
import uk.hallmonitor.connectors.internal.PlainText;
import uk.hallmonitor.connectors.internal.PlatformHttp;
import uk.hallmonitor.connectors.internal.PostKinds;
import uk.hallmonitor.connectors.internal.Secrets;
import uk.hallmonitor.system.Platform;

/** Polls a Mastodon instance for a school account (mentions, own statuses) or a watch (status search per term). */
public final class MastodonConnector extends HttpConnector {

    private static final Set<String> SECRET_NAMES = Set.of("accessToken");
    private static final int PAGE = 40;

    public MastodonConnector(PlatformHttp http, Secrets secrets, Clock clock, ConnectorProperties properties) {
        super(Platform.MASTODON, Set.of(Capability.COMMENTS, Capability.MENTIONS, Capability.DIRECT_MESSAGES,
                Capability.SEARCH, Capability.OWN_POSTS),
                http, secrets, clock, properties);
    }

    @Override
    public Mono<Batch> fetch(Source source, Cursor since) {
        return Mono.defer(() -> {
            String base = Connections.baseUrl(source, null);
            if (source.isWatch() && source.terms().isEmpty()) {
                return Mono.error(new ConnectorException(Kind.MISCONFIGURED,
                        "Mastodon watch " + source.id() + " has no terms", null));
            }
            Harvest harvest = harvest(source);
            return secrets.with(source, SECRET_NAMES, vault -> {
                String token = Secrets.require(vault, "accessToken", source);
                Calls calls = new Calls(base, Map.of("Authorization", "Bearer " + token), harvest);
                return gather(harvest, since, positions -> source.isWatch() ? search(source, since, calls, positions)
                        : account(source, since, calls, positions));
            });
        });
    }

    private Mono<Void> account(Source source, Cursor since, Calls calls, Map<String, String> positions) {
        String own = source.platformAccountId();
        PagedStream mentions = stream("mentions", properties.maxPages());
        PagedStream statuses = stream("own", properties.maxPages());
        Mono<Void> posted = statuses.readInto(since, calls.harvest,
                (after, token, limit) -> calls.page(
                        "api/v1/accounts/" + URLEncoder.encode(own, StandardCharsets.UTF_8) + "/statuses",
                        params(after, token, limit), (status, index) -> ownStatus(status, index, calls)),
                positions);
        Mono<Void> mentioned = mentions.readInto(since, calls.harvest, (after, token, limit) -> {
            Map<String, String> params = params(after, token, limit);
            params.put("types[]", "mention");
            return calls.page("api/v1/notifications", params,
                    (notification, index) -> mention(notification, index, own, calls));
        }, positions);
        return posted.then(mentioned);
    }

    /** Search has no reliable paging on every server: one page per term, newer than the last one seen. */
    private Mono<Void> search(Source source, Cursor since, Calls calls, Map<String, String> positions) {
        return Flux.fromIterable(source.terms()).filter(term -> !term.isBlank()).concatMap(term -> {
            PagedStream stream = stream("search." + term.strip().toLowerCase(java.util.Locale.ROOT), 1);
            return stream.readInto(since, calls.harvest, (after, token, limit) -> {
                Map<String, String> params = new LinkedHashMap<>();
                params.put("q", term.strip());
                params.put("type", "statuses");
                params.put("resolve", "false");
                params.put("limit", Integer.toString(limit));
                if (after != null) {
                    params.put("min_id", after);
                }
                return calls.searchPage(params,
                        (status, index) -> statusEntry(status, index, PostKinds.PUBLIC_MENTION, calls));
            }, positions)
                    .onErrorResume(ConnectorException.class, failure -> {
                        if (!failure.notFoundOnPlatform()) {
                            return Mono.error(failure);
                        }
                        calls.harvest.warn("this Mastodon server offers no status search");
                        return Mono.empty();
                    });
        }).then();
    }

    private Entry mention(JsonNode notification, int index, String own, Calls calls) {
        String key = numericId(notification);
        String type = Json.text(notification, "type");
        if (!"mention".equals(type)) {
            calls.harvest.warn("skipped Mastodon notification " + label(notification, index)
                    + ": unexpected type '" + type + "'");
            return new Entry(key, null);
        }
        JsonNode status = Json.object(notification, "status");
        if (status == null) {
            calls.harvest.warn("skipped Mastodon notification " + label(notification, index) + ": no status");
            return new Entry(key, null);
        }
        String kind = "direct".equals(Json.text(status, "visibility")) ? PostKinds.DIRECT_MESSAGE
                : own.equals(Json.text(status, "in_reply_to_account_id")) ? PostKinds.COMMENT : PostKinds.MENTION;
        Entry entry = statusEntry(status, index, kind, calls);
        return new Entry(key, entry.post());
    }

    private Entry ownStatus(JsonNode status, int index, Calls calls) {
        // A boost is someone else's words; it is not the account's own post.
        if (Json.object(status, "reblog") != null) {
            return new Entry(numericId(status), null);
        }
        return statusEntry(status, index, PostKinds.OWN_POST, calls);
    }

    private Entry statusEntry(JsonNode status, int index, String kind, Calls calls) {
        return new Entry(numericId(status), calls.harvest.readOrSkip("Mastodon status " + label(status, index),
                () -> status(status, kind)));
    }

    private static FetchedPost status(JsonNode status, String kind) {
        String id = Json.required(status, "id");
        String content = Json.requiredText(status, "content");
        Instant created = Json.requiredInstant(status, "created_at");
        JsonNode account = Json.object(status, "account");
        String warning = Json.text(status, "spoiler_text");
        String text = PlainText.of(content);
        if (warning != null && !warning.isBlank()) {
            text = PlainText.of(warning) + "\n" + text;
        }
        return new FetchedPost(id, kind, Json.text(account, "id"), Json.text(account, "acct"), text,
                Json.text(status, "url"), null, Json.text(status, "in_reply_to_id"), created,
                Json.instant(status, "edited_at"));
    }

    private static String numericId(JsonNode node) {
        String id = Json.text(node, "id");
        return id != null && id.matches("\\d{1,25}") ? id : null;
    }

    private static String label(JsonNode node, int index) {
        String id = Json.text(node, "id");
        return id != null ? id : "#" + index;
    }

    private static Map<String, String> params(String after, String token, int limit) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("limit", Integer.toString(limit));
        if (after != null) {
            params.put("since_id", after);
        }
        if (token != null) {
            params.put("max_id", token);
        }
        return params;
    }

    private PagedStream stream(String name, int maxPages) {
        return new PagedStream(name, PagedStream.NUMERIC, 1, PAGE, maxPages);
    }

    /** The calls of one poll. */
    private final class Calls {
        final String base;
        final Map<String, String> headers;
        final Harvest harvest;

        Calls(String base, Map<String, String> headers, Harvest harvest) {
            this.base = base;
            this.headers = headers;
            this.harvest = harvest;
        }

        /** A list endpoint: the answer is a JSON array; Mastodon pages older with {@code max_id} = the last id. */
        Mono<Page> page(String path, Map<String, String> params, BiFunction<JsonNode, Integer, Entry> entry) {
            return http.get(uri(path, params), headers, clock).map(reply -> {
                JsonNode list = Json.parseList(reply.body(), "Mastodon " + path);
                Page page = toPage(list, entry, true, reply.exhaustedWindow(clock));
                // A short page is the last one; asking again would cost a request for nothing.
                boolean last = list.size() < Integer.parseInt(params.get("limit"));
                return last ? new Page(page.entries(), page.reads(), null, page.pause()) : page;
            });
        }

        Mono<Page> searchPage(Map<String, String> params, BiFunction<JsonNode, Integer, Entry> entry) {
            return http.get(uri("api/v2/search", params), headers, clock).map(reply -> {
                JsonNode body = Json.parse(reply.body(), "Mastodon search");
                JsonNode statuses = body.get("statuses");
                if (statuses == null || !statuses.isArray()) {
                    harvest.warn("Mastodon search sent no 'statuses' list");
                    statuses = null;
                }
                return toPage(statuses, entry, false, reply.exhaustedWindow(clock));
            });
        }

        private Page toPage(JsonNode list, BiFunction<JsonNode, Integer, Entry> entry, boolean pages,
                            java.time.Duration pause) {
            List<Entry> entries = new ArrayList<>();
            String last = null;
            int index = 0;
            if (list != null) {
                for (JsonNode item : list) {
                    Entry made = entry.apply(item, index++);
                    entries.add(made);
                    last = made.key() != null ? made.key() : last;
                }
            }
            return new Page(entries, index, pages && index > 0 ? last : null, pause);
        }

        private URI uri(String path, Map<String, String> params) {
            return URI.create(base + path + "?" + PlatformHttp.form(params));
        }
    }
}
