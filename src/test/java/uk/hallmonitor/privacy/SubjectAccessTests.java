package uk.hallmonitor.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import uk.hallmonitor.AppTestSupport;

/**
 * Subject access and erasure through the API, on posts collected by the real import: the export holds every
 * collection of the store that mentions the person, the link works once, reading a post is on the record of who
 * looked, and after an erasure no collection of the store holds the person's words (a scan of every document),
 * except a sealed item, which is kept and listed with the reason.
 */
class SubjectAccessTests extends AppTestSupport {

    private static final Duration WAIT = Duration.ofSeconds(90);
    /** Collections that answer for themselves (see SubjectDataCoverageTests.EXEMPT) or are the answer. */
    private static final Set<String> NOT_EXPORTED = Set.of("audit_entries", "privacy_requests", "privacy_exports");

    @Autowired
    ReactiveMongoTemplate mongo;

    @Autowired
    ObjectMapper json;

    @Test
    void anExportHoldsEveryCollectionThatMentionsThePersonAndItsLinkWorksOnce() throws IOException {
        Story story = story();

        Map<String, Object> done = answered(story, "EXPORT");
        String download = (String) done.get("download");
        assertThat(download).startsWith("/api/v1/privacy/exports/");
        byte[] zip = as(story.account().slt()).get().uri(download).exchange().expectStatus().isOk()
                .expectHeader().contentType("application/zip").expectBody(byte[].class).returnResult()
                .getResponseBody();
        Map<String, String> files = unzip(zip);
        assertThat(files).containsKeys("data.json", "index.html");
        assertThat(files.get("index.html")).contains(story.words().get(0)).contains("<h2>posts (");
        JsonNode data = json.readTree(files.get("data.json"));
        Set<String> exported = new TreeSet<>(data.get("collections").propertyNames());

        assertThat(exported).as("every collection that mentions the person is in the export")
                .containsAll(mentioning(story));
        assertThat(exported).contains("posts", "verdicts");
        assertThat(files.get("data.json")).contains(story.words().get(0)).contains(story.words().get(1))
                .as("someone else's words that mention the person are about them").contains(story.mention())
                .as("someone else's words that do not mention them are not").doesNotContain(story.unrelated());
        as(story.account().slt()).get().uri(download).exchange().expectStatus().isEqualTo(410);
    }

    @Test
    void readingAPostIsOnTheRecordOfWhoHasSeenThePersonsData() {
        Story story = story();
        as(story.account().dsl()).get().uri("/api/v1/posts/{id}", story.postIds().get(0)).exchange()
                .expectStatus().isOk();

        as(story.account().slt()).get().uri("/api/v1/audit?subject={s}", "FACEBOOK:@" + story.handle().toUpperCase())
                .exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.items[?(@.action == 'data.viewed')].actor")
                .isEqualTo(List.of(story.account().dsl().username()));
        as(story.account().slt()).get().uri("/api/v1/audit?subject={s}", "nobody").exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("subject");
    }

    @Test
    void anErasureLeavesNoCopyOfTheWordsInAnyCollectionButKeepsASealedItemWithTheReason() {
        Story story = story();
        // a moderator quoted the post in a note: the audit entry holds the words too
        as(story.account().slt()).get().uri("/api/v1/posts/{id}", story.postIds().get(0)).exchange()
                .expectStatus().isOk();
        // one of the person's posts is a sealed R7 item: it must be kept whole
        String sealedPost = story.postIds().get(2);
        mongo.updateFirst(Query.query(Criteria.where("_id").is(sealedPost)),
                new Update().set("suspectedIllegal", true).set("sealed", "INC-sealed"), "verdicts").block(WAIT);
        // another is in an incident under legal hold: kept whole too
        String heldPost = story.postIds().get(3);
        String incident = "INC-held-" + UUID.randomUUID();
        mongo.insert(new Document("_id", incident).append("schoolId", story.account().schoolId())
                .append("sourceKey", "manual:" + incident).append("status", "OPEN").append("category", "BULLYING")
                .append("postIds", List.of(heldPost)), "incidents").block(WAIT);
        as(story.account().dsl()).put().uri("/api/v1/privacy/incidents/{id}", incident)
                .bodyValue(Map.of("legalHold", true, "reason", "the police asked us to keep it"))
                .exchange().expectStatus().isOk();
        // an export is waiting for download: the erasure must not leave that copy either
        answered(story, "EXPORT");

        Map<String, Object> done = answered(story, "ERASE");

        for (String words : story.words().subList(0, 2)) {
            assertThat(holding(words)).as("collections still holding '" + words + "'").isEmpty();
        }
        assertThat(holding(story.words().get(2))).as("the sealed item is kept whole").contains("posts");
        assertThat(holding(story.unrelated())).as("other people's words stay").contains("posts");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> kept = (List<Map<String, Object>>) done.get("kept");
        assertThat(kept).anySatisfy(k -> {
            assertThat(k.get("id")).isEqualTo(sealedPost);
            assertThat((String) k.get("reason")).contains("sealed");
        });
        assertThat(kept).anySatisfy(k -> {
            assertThat(k.get("id")).isEqualTo(heldPost);
            assertThat((String) k.get("reason")).contains("legal hold");
        });
        assertThat(holding(story.words().get(3))).as("the held post is kept whole").contains("posts");
        // the mention of the person in someone else's words is replaced, the rest of their words stay
        assertThat(holding("@" + story.handle())).doesNotContain("posts");
        assertThat(holding(story.mention().replace("@" + story.handle(), "@" + SubjectData.TOMBSTONE)))
                .contains("posts");
        assertThat(mongo.count(Query.query(Criteria.where("_id").is(story.postIds().get(0)).and("text")
                .is(SubjectData.TOMBSTONE)), "posts").block(WAIT)).isEqualTo(1);
        assertThat(mongo.count(Query.query(Criteria.where("_id").is(story.postIds().get(0))), "verdicts")
                .block(WAIT)).as("the verdict is kept, as a count").isEqualTo(1);
    }

    @Test
    void anExportLinkExpiresAfterItsTime() {
        Story story = story();
        String download = (String) answered(story, "EXPORT").get("download");
        clock.advance(Duration.ofHours(25));
        as(story.account().slt()).get().uri(download).exchange().expectStatus().isEqualTo(410);
    }

    @Test
    void badRequestsNameTheFieldAndChangeNothing() {
        ActiveAccount account = activeAccount("FACEBOOK", "fb-" + UUID.randomUUID(), null);
        long before = mongo.count(new Query(), "privacy_requests").block(WAIT);
        as(account.slt()).post().uri("/api/v1/privacy/requests")
                .bodyValue(Map.of("schoolId", account.schoolId(), "kind", "DELETE",
                        "subject", Map.of("platform", "MYSPACE", "handle", "a b")))
                .exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("kind")
                .jsonPath("$.errors[1].field").isEqualTo("subject.platform")
                .jsonPath("$.errors[2].field").isEqualTo("subject.handle");
        as(account.slt()).post().uri("/api/v1/privacy/requests")
                .bodyValue(Map.of("schoolId", account.schoolId(), "kind", "EXPORT",
                        "subject", Map.of("staffId", "not-a-member-of-staff")))
                .exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("subject.staffId");
        as(account.runner2()).post().uri("/api/v1/privacy/requests")
                .bodyValue(Map.of("schoolId", account.schoolId(), "kind", "EXPORT",
                        "subject", Map.of("platform", "FACEBOOK", "handle", "@someone")))
                .exchange().expectStatus().isForbidden();
        assertThat(mongo.count(new Query(), "privacy_requests").block(WAIT)).isEqualTo(before);
    }

    @Test
    void aMemberOfStaffsExportHoldsTheirStaffRecordWithoutTheirPassword() {
        ActiveAccount account = activeAccount("FACEBOOK", "fb-" + UUID.randomUUID(), null);
        Map<String, Object> done = answered(new Story(account, null, List.of(), List.of(), null, null),
                Map.of("staffId", account.runner1().id()), "EXPORT");
        byte[] zip = as(account.slt()).get().uri((String) done.get("download")).exchange().expectStatus().isOk()
                .expectBody(byte[].class).returnResult().getResponseBody();
        String data = unzip(zip).get("data.json");
        assertThat(data).contains(account.runner1().username()).doesNotContain("passwordHash");
        assertThat(json.readTree(data).get("collections").propertyNames()).contains("staff", "accounts",
                "applications");
    }

    // ---- the story: a parent's comments on a school page, one of them about someone else's

    record Story(ActiveAccount account, String handle, List<String> postIds, List<String> words, String mention,
                 String unrelated) {
    }

    private Story story() {
        ActiveAccount account = activeAccount("FACEBOOK", "fb-" + UUID.randomUUID(), null);
        String tag = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        String handle = "parent_" + tag;
        List<String> words = List.of("When is the fair " + tag + " one", "Thanks for the concert " + tag + " two",
                "Another comment " + tag + " three", "Held comment " + tag + " six");
        String mention = "I agree with @" + handle + " about the fair " + tag + " four";
        String unrelated = "Lovely photos " + tag + " five";
        String csv = "id,author,text,postedAt\n"
                + "c1-" + tag + "," + handle + "," + words.get(0) + ",2026-11-15T09:30:00Z\n"
                + "c2-" + tag + "," + handle + "," + words.get(1) + ",2026-11-15T09:40:00Z\n"
                + "c3-" + tag + "," + handle + "," + words.get(2) + ",2026-11-15T09:50:00Z\n"
                + "c6-" + tag + "," + handle + "," + words.get(3) + ",2026-11-15T09:55:00Z\n"
                + "c4-" + tag + ",other_" + tag + "," + mention + ",2026-11-15T10:00:00Z\n"
                + "c5-" + tag + ",other_" + tag + "," + unrelated + ",2026-11-15T10:10:00Z\n";
        as(account.runner1()).post().uri("/api/v1/accounts/{id}/imports?fileName=comments.csv", account.accountId())
                .contentType(MediaType.parseMediaType("text/csv")).bodyValue(csv.getBytes(StandardCharsets.UTF_8))
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.stored").isEqualTo(6);
        List<String> ids = List.of(postId(account, "c1-" + tag), postId(account, "c2-" + tag),
                postId(account, "c3-" + tag), postId(account, "c6-" + tag));
        // the classifier has seen every post: its verdicts are part of what is held
        await().atMost(WAIT).untilAsserted(() -> assertThat(mongo.count(Query.query(Criteria.where("_id").in(ids)),
                "verdicts").block(WAIT)).isEqualTo(4));
        return new Story(account, handle, ids, words, mention, unrelated);
    }

    private String postId(ActiveAccount account, String platformPostId) {
        Document post = mongo.findOne(Query.query(Criteria.where("schoolId").is(account.schoolId())
                .and("platformPostId").is(platformPostId)), Document.class, "posts").block(WAIT);
        assertThat(post).as("post " + platformPostId + " stored").isNotNull();
        return String.valueOf(post.get("_id"));
    }

    private Map<String, Object> answered(Story story, String kind) {
        return answered(story, Map.of("platform", "FACEBOOK", "handle", "@" + story.handle()), kind);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> answered(Story story, Map<String, Object> subject, String kind) {
        Map<String, Object> accepted = as(story.account().dsl()).post().uri("/api/v1/privacy/requests")
                .bodyValue(Map.of("schoolId", story.account().schoolId(), "kind", kind, "subject", subject))
                .exchange().expectStatus().isAccepted().expectBody(Map.class).returnResult().getResponseBody();
        String id = (String) accepted.get("id");
        Map<String, Object>[] done = new Map[1];
        await().atMost(WAIT).untilAsserted(() -> {
            done[0] = as(story.account().slt()).get().uri("/api/v1/privacy/requests/{id}", id).exchange()
                    .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
            assertThat(done[0].get("state")).isEqualTo("DONE");
        });
        return done[0];
    }

    /** The collections of the store with a document mentioning the person (their handle or their words). */
    private Set<String> mentioning(Story story) {
        Set<String> found = new TreeSet<>();
        for (String needle : List.of(story.handle(), story.words().get(0), story.words().get(1))) {
            found.addAll(holding(needle));
        }
        found.removeAll(NOT_EXPORTED);
        return found;
    }

    /** Every collection of the store with a document whose stored form contains the text (any case). */
    private Set<String> holding(String text) {
        Set<String> found = new TreeSet<>();
        String needle = text.toLowerCase();
        for (String collection : mongo.getCollectionNames().collectList().block(WAIT)) {
            Boolean any = mongo.findAll(Document.class, collection)
                    .any(doc -> doc.toJson().toLowerCase().contains(needle)).block(WAIT);
            if (Boolean.TRUE.equals(any)) {
                found.add(collection);
            }
        }
        return found;
    }

    private static Map<String, String> unzip(byte[] zip) {
        Map<String, String> files = new HashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip), StandardCharsets.UTF_8)) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                files.put(entry.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return files;
    }
}
