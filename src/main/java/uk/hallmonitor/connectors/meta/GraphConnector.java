package uk.hallmonitor.connectors.meta;

import java.time.Clock;
import java.util.Map;
import java.util.Set;
import reactor.core.publisher.Mono;
import uk.hallmonitor.connectors.Batch;
import uk.hallmonitor.connectors.Capability;
import uk.hallmonitor.connectors.ConnectorException;
import uk.hallmonitor.connectors.ConnectorException.Kind;
import uk.hallmonitor.connectors.ConnectorProperties;
import uk.hallmonitor.connectors.Cursor;
import uk.hallmonitor.connectors.Source;
import uk.hallmonitor.connectors.TokenStatus;
import uk.hallmonitor.connectors.internal.Harvest;
import uk.hallmonitor.connectors.internal.HttpConnector;
import uk.hallmonitor.connectors.internal.PlatformHttp;
import uk.hallmonitor.connectors.internal.Secrets;
import uk.hallmonitor.system.Platform;

/**
 * A school account reached through Meta's Graph API with the Page token: a poll reads the platform's streams into
 * one {@link GraphPoll}, and comments are hidden, shown, deleted and answered as the Page. Watches are refused, as
 * Graph offers this app no public search.
 */
abstract class GraphConnector extends HttpConnector {

    /** The cursor key under which earlier versions kept the newest posts whose comments they read. */
    private static final String LEGACY_WATCHED = "posts";

    /**
     * What sets one Graph platform apart.
     *
     * @param name      the platform's name in messages
     * @param noSearch  why a watch is refused, and what to watch instead
     * @param token     the credential, as a token check names it
     * @param reconnect what a token check tells staff to do when the token falls short
     * @param hideField the comment field that hides it ({@code is_hidden}, {@code hide})
     * @param replyEdge the edge an answer is posted to ({@code comments}, {@code replies})
     */
    record Traits(String name, String noSearch, String token, String reconnect, String hideField, String replyEdge) {
    }

    protected final Graph graph;
    private final Traits traits;

    GraphConnector(Platform platform, Set<Capability> capabilities, Traits traits, PlatformHttp http, Secrets secrets,
                   Clock clock, ConnectorProperties properties) {
        super(platform, capabilities, http, secrets, clock, properties);
        this.graph = new Graph(http, clock, properties, traits.name());
        this.traits = traits;
    }

    /** The permissions (Meta's names) the source's token needs, with what each is for. */
    abstract Map<String, String> requiredScopes(Source source);

    @Override
    public final Mono<TokenStatus> tokenStatus(Source source) {
        return Mono.defer(() -> graph.debugToken(secrets, source, requiredScopes(source), traits.token(),
                traits.reconnect()));
    }

    @Override
    public final Mono<Batch> fetch(Source source, Cursor since) {
        return Mono.defer(() -> {
            if (source.isWatch()) {
                return Mono.error(new ConnectorException(Kind.UNSUPPORTED, traits.noSearch(), null));
            }
            String root = graph.root(source);
            checkSettings(source);
            GraphPoll.commentDays(source);
            Harvest harvest = harvest(source);
            return Graph.withToken(secrets, source, vault -> {
                GraphPoll poll = new GraphPoll(graph, source, since, harvest, properties, root,
                        graph.token(vault, source));
                // the newest posts whose comments were read used to be kept under "posts"; the window replaces it
                poll.keep(Map.of(), LEGACY_WATCHED);
                return read(poll, source, harvest).then(Mono.fromSupplier(poll::batch));
            });
        });
    }

    /** Refuses the account's own connection settings, where it has any, before the vault is opened. */
    void checkSettings(Source source) {
    }

    /** Reads the account's streams into the poll. */
    abstract Mono<Void> read(GraphPoll poll, Source source, Harvest harvest);

    @Override
    public final Mono<Void> hideReply(Source source, String platformPostId) {
        return graph.hide(secrets, source, platformPostId, traits.hideField(), true);
    }

    @Override
    public final Mono<Void> unhideReply(Source source, String platformPostId) {
        return graph.hide(secrets, source, platformPostId, traits.hideField(), false);
    }

    @Override
    public final Mono<Void> deleteReply(Source source, String platformPostId) {
        return graph.remove(secrets, source, platformPostId);
    }

    /** Replies as the Page: an answer to the comment (or to the post). */
    @Override
    public final Mono<String> reply(Source source, String platformPostId, String text) {
        return graph.answer(secrets, source, platformPostId, traits.replyEdge(), text);
    }
}
