package uk.hallmonitor.connectors.meta;

import java.time.Clock;
import java.time.Instant;
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
 * Polls an Instagram professional account (linked to the school's Facebook Page) through the Graph API: its media,
 * the comments and replies on its recent media, and media it is tagged in; hides, shows, deletes and answers
 * comments. {@code platformAccountId} is the Instagram user id, and the Page access token is the credential.
 */
public final class InstagramConnector extends GraphConnector {

    static final String MEDIA_FIELDS = "id,caption,timestamp,permalink,username";
    static final String COMMENT_FIELDS = "id,text,timestamp,username,from{id,username},hidden,parent_id,"
            + "replies{id,text,timestamp,username,from{id,username},hidden,parent_id}";
    private static final int PAGE = 25;
    private static final int COMMENT_PAGE = 50;

    private static final Traits TRAITS = new Traits("Instagram",
            "Instagram offers no public search to this app; watch the school's own account instead",
            "the Instagram account's Page token", "reconnect the Instagram account", "hide", "replies");

    public InstagramConnector(PlatformHttp http, Secrets secrets, Clock clock, ConnectorProperties properties) {
        super(Platform.INSTAGRAM, Set.of(Capability.COMMENTS, Capability.MENTIONS, Capability.OWN_POSTS,
                Capability.HIDE_REPLY, Capability.DELETE_REPLY, Capability.REPLY), TRAITS, http, secrets, clock,
                properties);
    }

    /** The permissions the connector needs (Meta's names), with what each is for. */
    static final Map<String, String> REQUIRED_SCOPES = Map.of(
            "instagram_basic", "read the account's media",
            "instagram_manage_comments", "read, hide, delete and reply to comments",
            "pages_read_engagement", "reach the account through its linked Page");

    @Override
    Map<String, String> requiredScopes(Source source) {
        return REQUIRED_SCOPES;
    }

    @Override
    Mono<Void> read(GraphPoll poll, Source source, Harvest harvest) {
        String user = Graph.encoded(source.platformAccountId());
        Mono<Void> media = poll.stream("own", user + "/media", MEDIA_FIELDS, PAGE, Map.of(), null,
                (item, index) -> media(item, index, PostKinds.OWN_POST, harvest));
        Mono<Void> tagged = poll.stream("tagged", user + "/tags", MEDIA_FIELDS, PAGE, Map.of(), null,
                (item, index) -> media(item, index, PostKinds.MENTION, harvest));
        // the media list is newest first; it takes no time-based paging, so the walk stops by time
        Mono<Void> comments = poll.comments(user + "/media", "timestamp", false,
                mediaId -> poll.stream("c." + mediaId, Graph.encoded(mediaId) + "/comments", COMMENT_FIELDS,
                        COMMENT_PAGE, Map.of(), null,
                        (comment, index) -> comment(comment, index, mediaId, harvest)));
        return media.then(tagged).then(comments);
    }

    private static Entry media(JsonNode media, int index, String kind, Harvest harvest) {
        return GraphPoll.entry(media, index, "timestamp", "Instagram media", harvest, (id, created) -> {
            String caption = Json.text(media, "caption");
            return new FetchedPost(id, kind, null, Json.text(media, "username"), caption == null ? "" : caption,
                    Json.text(media, "permalink"), id, null, created, null);
        });
    }

    /** A top-level comment; its replies, which Instagram nests inside it, are added to the harvest directly. */
    private static Entry comment(JsonNode comment, int index, String mediaId, Harvest harvest) {
        Instant created = GraphPoll.time(comment, "timestamp");
        String key = created == null ? null : created.toString();
        FetchedPost post = commentPost(comment, index, mediaId, mediaId, harvest);
        JsonNode replies = Json.object(comment, "replies");
        if (post != null && replies != null) {
            int replyIndex = 0;
            for (JsonNode reply : Json.array(replies, "data")) {
                FetchedPost answer = commentPost(reply, replyIndex++, mediaId, post.platformPostId(), harvest);
                if (answer != null) {
                    harvest.add(answer);
                }
            }
        }
        return new Entry(key, post);
    }

    private static FetchedPost commentPost(JsonNode comment, int index, String mediaId, String parent,
                                           Harvest harvest) {
        return harvest.readOrSkip("Instagram comment " + GraphPoll.label(comment, index), () -> {
            String id = Json.required(comment, "id");
            Instant created = Json.present(Graph.time(comment, "timestamp"), "timestamp");
            String text = Json.requiredText(comment, "text");
            JsonNode from = Json.object(comment, "from");
            String handle = Json.text(from, "username") != null ? Json.text(from, "username")
                    : Json.text(comment, "username");
            String parentId = Json.text(comment, "parent_id");
            return new FetchedPost(id, PostKinds.COMMENT, Json.text(from, "id"), handle, text, null, mediaId,
                    parentId != null ? parentId : parent, created, null);
        });
    }
}
