package uk.hallmonitor.connectors.meta;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import uk.hallmonitor.connectors.Capability;
import uk.hallmonitor.connectors.ConnectorProperties;
import uk.hallmonitor.connectors.FetchedPost;
import uk.hallmonitor.connectors.Source;
import uk.hallmonitor.connectors.internal.Harvest;
import uk.hallmonitor.connectors.internal.Json;
import uk.hallmonitor.connectors.internal.PagedStream.Entry;
import uk.hallmonitor.connectors.internal.PlatformHttp;
import uk.hallmonitor.connectors.internal.PostKinds;
import uk.hallmonitor.connectors.internal.Secrets;
import uk.hallmonitor.system.Platform;

/**
 * Polls a Facebook Page through the Graph API: the Page's own posts, the comments and replies on its recent posts
 * and on visitor posts, visitor posts themselves and posts the Page is tagged in; hides, shows, deletes and answers
 * comments as the Page.
 */
public final class FacebookConnector extends GraphConnector {

    static final String POST_FIELDS = "id,message,story,created_time,updated_time,permalink_url,from{id,name}";
    static final String COMMENT_FIELDS = "id,message,created_time,from{id,name},parent{id},is_hidden,permalink_url";
    /** The connection setting that turns on reading the Page's Messenger conversations ({@code true}/{@code false}). */
    static final String MESSENGER = "messenger";
    /** Every comment and reply, newest first, so that a walk can stop at the last one stored. */
    private static final Map<String, String> COMMENT_ORDER = Map.of("filter", "stream",
            "order", "reverse_chronological");
    private static final int PAGE = 25;
    private static final int COMMENT_PAGE = 100;

    private static final Traits TRAITS = new Traits("Facebook",
            "Facebook offers no public search; watch a Page the school runs instead", "the Page token",
            "reconnect the Page", "is_hidden", "comments");

    public FacebookConnector(PlatformHttp http, Secrets secrets, Clock clock, ConnectorProperties properties) {
        super(Platform.FACEBOOK, Set.of(Capability.COMMENTS, Capability.MENTIONS, Capability.OWN_POSTS,
                Capability.HIDE_REPLY, Capability.DELETE_REPLY, Capability.REPLY), TRAITS, http, secrets, clock,
                properties);
    }

    /** The permissions the connector needs (Meta's names), with what each is for. */
    static final Map<String, String> REQUIRED_SCOPES = Map.of(
            "pages_read_engagement", "read the Page's posts",
            "pages_read_user_content", "read visitors' comments and posts",
            "pages_manage_engagement", "hide, delete and reply to comments");
    /** Needed besides when the connection reads Messenger conversations. */
    static final Map<String, String> MESSENGER_SCOPES = Map.of(
            "pages_messaging", "read the Page's Messenger conversations");

    @Override
    Map<String, String> requiredScopes(Source source) {
        Map<String, String> required = new HashMap<>(REQUIRED_SCOPES);
        if (GraphPoll.flag(source, MESSENGER)) {
            required.putAll(MESSENGER_SCOPES);
        }
        return required;
    }

    @Override
    void checkSettings(Source source) {
        GraphPoll.flag(source, MESSENGER);
    }

    @Override
    Mono<Void> read(GraphPoll poll, Source source, Harvest harvest) {
        String pagePath = Graph.encoded(source.platformAccountId());
        Mono<Void> own = poll.stream("own", pagePath + "/posts", POST_FIELDS, PAGE, Map.of(),
                GraphPoll::graphSince, (post, index) -> post(post, index, PostKinds.OWN_POST, harvest));
        Mono<Void> visitors = poll.stream("visitors", pagePath + "/visitor_posts", POST_FIELDS, PAGE,
                Map.of(), GraphPoll::graphSince,
                (post, index) -> post(post, index, PostKinds.COMMENT, harvest));
        Mono<Void> tagged = poll.stream("tagged", pagePath + "/tagged", POST_FIELDS, PAGE, Map.of(),
                GraphPoll::graphSince, (post, index) -> post(post, index, PostKinds.MENTION, harvest));
        // the feed holds the Page's own posts and visitors' posts alike
        Mono<Void> comments = poll.comments(pagePath + "/feed", "created_time", true,
                postId -> poll.stream("c." + postId, Graph.encoded(postId) + "/comments", COMMENT_FIELDS,
                        COMMENT_PAGE, COMMENT_ORDER, null,
                        (comment, index) -> comment(comment, index, postId, harvest)));
        Mono<Void> conversations;
        if (GraphPoll.flag(source, MESSENGER)) {
            conversations = new PageConversations(poll, source.platformAccountId()).read();
        } else {
            // off means nothing is read, and turning it on later starts from then
            poll.keep(Map.of(), PageConversations.STREAM + ".");
            conversations = Mono.empty();
        }
        return own.then(visitors).then(tagged).then(comments).then(conversations);
    }

    private static Entry post(JsonNode post, int index, String kind, Harvest harvest) {
        return GraphPoll.entry(post, index, "created_time", "Facebook post", harvest, (id, created) -> {
            String text = Json.text(post, "message");
            if (text == null) {
                // a shared photo or a life event has a story and no message
                text = Json.text(post, "story") != null ? Json.text(post, "story") : "";
            }
            Instant updated = GraphPoll.time(post, "updated_time");
            JsonNode from = Json.object(post, "from");
            return new FetchedPost(id, kind, Json.text(from, "id"), Json.text(from, "name"), text,
                    Json.text(post, "permalink_url"), id, null, created,
                    updated != null && updated.isAfter(created) ? updated : null);
        });
    }

    private static Entry comment(JsonNode comment, int index, String postId, Harvest harvest) {
        return GraphPoll.entry(comment, index, "created_time", "Facebook comment", harvest, (id, created) -> {
            String text = Json.text(comment, "message");
            JsonNode from = Json.object(comment, "from");
            String parent = Json.text(Json.object(comment, "parent"), "id");
            return new FetchedPost(id, PostKinds.COMMENT, Json.text(from, "id"), Json.text(from, "name"),
                    text == null ? "" : text, Json.text(comment, "permalink_url"), postId,
                    parent != null ? parent : postId, created, null);
        });
    }
}
