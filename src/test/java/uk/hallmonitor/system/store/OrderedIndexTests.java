package uk.hallmonitor.system.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * The embedded store's non-unique indexes, through the real driver: every query answered from an index returns what
 * the same query returns from a collection without indexes (read in full), after inserts, updates, deletes and a
 * restart; and a query no index narrows is counted as a full scan.
 */
class OrderedIndexTests {

    private static final Instant T0 = Instant.parse("2026-11-16T10:00:00Z");

    @TempDir
    Path data;

    private StoreConfiguration.EmbeddedStore store;
    private MongoClient client;
    private ReactiveMongoTemplate mongo;

    private void open() {
        store = StoreConfiguration.EmbeddedStore.start(data);
        client = MongoClients.create(store.connectionString("test"));
        mongo = new ReactiveMongoTemplate(client, "test");
    }

    @AfterEach
    void close() {
        if (client != null) {
            client.close();
            store.close();
        }
    }

    private void seed() {
        var indexes = mongo.indexOps("indexed");
        indexes.createIndex(new Index("schoolId", Sort.Direction.ASC).on("flagged", Sort.Direction.ASC)
                .on("collectedAt", Sort.Direction.DESC)).block();
        indexes.createIndex(new Index("state", Sort.Direction.ASC).on("dueAt", Sort.Direction.ASC)).block();
        indexes.createIndex(new Index("tags", Sort.Direction.ASC)).block();
        indexes.createIndex(new Index("score", Sort.Direction.ASC)).block();
        // few values, many ties: the order within a tie is the documents' ids
        indexes.createIndex(new Index("schoolId", Sort.Direction.ASC).on("bucket", Sort.Direction.DESC)).block();
        // an $in on the middle key: each value read with the range on the last key (the clocks due in the inbox)
        indexes.createIndex(new Index("schoolId", Sort.Direction.ASC).on("state", Sort.Direction.ASC)
                .on("dueAt", Sort.Direction.ASC)).block();
        Random random = new Random(17);
        List<Document> documents = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            Document d = new Document("_id", "d" + i).append("schoolId", "s" + random.nextInt(3))
                    .append("collectedAt", Date.from(T0.plusSeconds(i * 7L)))
                    .append("dueAt", Date.from(T0.plusSeconds(random.nextInt(100_000)))).append("bucket", i % 6);
            if (i % 5 != 0) {
                d.append("flagged", random.nextBoolean());
            }
            if (i % 4 != 0) {
                d.append("state", random.nextBoolean() ? "OPEN" : "DONE");
            }
            if (i % 3 == 0) {
                d.append("tags", i % 6 == 0 ? List.of("a", "b") : List.of());
            } else if (i % 7 == 0) {
                d.append("tags", "a");
            }
            // the same number stored as int, long and double
            d.append("score",
                    i % 3 == 0 ? (Object) (i % 10) : i % 3 == 1 ? (Object) (long) (i % 10) : (double) (i % 10));
            documents.add(d);
        }
        mongo.insert(documents.stream().map(Document::new).toList(), "indexed").blockLast();
        mongo.insert(documents, "plain").blockLast();
    }

    private List<Query> queries() {
        Date t100 = Date.from(T0.plusSeconds(700));
        Date t300 = Date.from(T0.plusSeconds(2100));
        Date due = Date.from(T0.plusSeconds(50_000));
        return List.of(
                new Query(Criteria.where("schoolId").is("s1")).with(Sort.by(Sort.Direction.DESC, "collectedAt"))
                        .limit(10),
                new Query(Criteria.where("schoolId").is("s1").and("flagged").is(true))
                        .with(Sort.by(Sort.Direction.DESC, "collectedAt")).skip(5).limit(10),
                new Query(Criteria.where("schoolId").is("s1").and("flagged").is(true).and("collectedAt").lt(t300))
                        .with(Sort.by(Sort.Direction.DESC, "collectedAt")).limit(7),
                new Query(Criteria.where("schoolId").is("s0").and("flagged").is(false).and("collectedAt").gte(t100)
                        .lte(t300)).with(Sort.by(Sort.Direction.ASC, "collectedAt")).limit(8),
                new Query(Criteria.where("schoolId").is("s2").and("collectedAt").gt(t100))
                        .with(Sort.by(Sort.Direction.ASC, "collectedAt")),
                new Query(Criteria.where("schoolId").is("s2").and("flagged").is(true).and("state").is("OPEN")),
                new Query(Criteria.where("state").is("OPEN").and("dueAt").lte(due))
                        .with(Sort.by(Sort.Direction.ASC, "dueAt")).limit(12),
                new Query(Criteria.where("state").is("OPEN")).with(Sort.by(Sort.Direction.DESC, "dueAt")).limit(5),
                new Query(Criteria.where("state").is("DONE").and("dueAt").gt(due))
                        .with(Sort.by(Sort.Direction.DESC, "collectedAt")).limit(6),
                new Query(Criteria.where("tags").is("a")).with(Sort.by(Sort.Direction.ASC, "collectedAt")).limit(9),
                new Query(Criteria.where("tags").is("b")),
                new Query(Criteria.where("score").is(3)).with(Sort.by(Sort.Direction.ASC, "collectedAt")),
                new Query(Criteria.where("score").gte(8L)).with(Sort.by(Sort.Direction.ASC, "collectedAt")),
                new Query(Criteria.where("_id").is("d42").and("state").is("OPEN")),
                new Query(Criteria.where("state").in("OPEN", "DONE")).with(Sort.by(Sort.Direction.ASC, "dueAt"))
                        .limit(11),
                new Query(Criteria.where("state").is(null)).with(Sort.by(Sort.Direction.ASC, "collectedAt")),
                new Query(new Criteria().orOperator(Criteria.where("state").is("OPEN").and("dueAt").lte(due),
                        Criteria.where("tags").is("b"))).with(Sort.by(Sort.Direction.DESC, "collectedAt")).limit(13),
                new Query(new Criteria().andOperator(Criteria.where("schoolId").is("s1"),
                        Criteria.where("collectedAt").lt(t300))).with(Sort.by(Sort.Direction.DESC, "collectedAt")),
                new Query(Criteria.where("schoolId").is("s0").orOperator(Criteria.where("flagged").is(true),
                        Criteria.where("state").is("DONE"))).with(Sort.by(Sort.Direction.DESC, "collectedAt"))
                        .limit(15),
                // ties broken by id: read in the index's order (forwards, backwards), or sorted in full
                new Query(Criteria.where("schoolId").is("s1")).with(Sort.by(Sort.Direction.DESC, "bucket")
                        .and(Sort.by("_id"))).skip(3).limit(10),
                new Query(Criteria.where("schoolId").is("s1")).with(Sort.by(Sort.Direction.ASC, "bucket")
                        .and(Sort.by(Sort.Direction.DESC, "_id"))).limit(10),
                new Query(Criteria.where("schoolId").is("s2")).with(Sort.by(Sort.Direction.DESC, "bucket", "_id"))
                        .limit(10),
                new Query(Criteria.where("schoolId").is("s2").and("flagged").is(true))
                        .with(Sort.by(Sort.Direction.DESC, "collectedAt").and(Sort.by("_id"))).limit(6),
                // a join by ids: many ids (the index reads fewer), few ids (read one by one), ids that do not exist
                new Query(Criteria.where("schoolId").is("s1").and("_id").in(ids(0, 300)))
                        .with(Sort.by(Sort.Direction.DESC, "bucket").and(Sort.by("_id"))).skip(2).limit(10),
                new Query(Criteria.where("state").is("OPEN").and("_id").in(ids(100, 140)))
                        .with(Sort.by(Sort.Direction.ASC, "dueAt")),
                new Query(Criteria.where("_id").in(ids(390, 420))).with(Sort.by("collectedAt")).limit(5),
                new Query(Criteria.where("schoolId").is("s0").and("flagged").is(true).and("_id").in(ids(0, 400))),
                // an $in on one field beside equalities and a range: one read per value, pages from each
                new Query(Criteria.where("schoolId").is("s1").and("state").in("OPEN", "DONE").and("dueAt").lt(due))
                        .with(Sort.by("dueAt", "_id")).skip(2).limit(7),
                new Query(Criteria.where("schoolId").is("s2").and("state").in("DONE", "OPEN", "DONE"))
                        .with(Sort.by(Sort.Direction.DESC, "dueAt").and(Sort.by(Sort.Direction.DESC, "_id")))
                        .limit(9),
                new Query(Criteria.where("schoolId").is("s0").and("state").in("OPEN", "MISSING").and("dueAt")
                        .gte(due)),
                new Query(Criteria.where("schoolId").is("s1").and("state").in("OPEN", "DONE"))
                        .with(Sort.by(Sort.Direction.DESC, "collectedAt")).limit(4),
                // an $or beside an equality, each branch narrowing further (the overdue clocks): pages of each
                new Query(Criteria.where("schoolId").is("s1").orOperator(Criteria.where("state").is("DONE"),
                        Criteria.where("state").is("OPEN").and("dueAt").lte(due)))
                        .with(Sort.by("dueAt", "_id")).skip(2).limit(6),
                new Query(Criteria.where("schoolId").is("s2").orOperator(Criteria.where("state").is("DONE"),
                        Criteria.where("state").is("OPEN").and("dueAt").gt(due))),
                new Query(Criteria.where("schoolId").is("s0").orOperator(Criteria.where("state").is("OPEN"),
                        Criteria.where("state").is(null).and("dueAt").lte(due)))
                        .with(Sort.by(Sort.Direction.DESC, "dueAt").and(Sort.by(Sort.Direction.DESC, "_id")))
                        .limit(8));
    }

    private static List<String> ids(int from, int to) {
        List<String> ids = new ArrayList<>();
        for (int i = from; i < to; i++) {
            ids.add("d" + i);
        }
        return ids;
    }

    private void assertSameAnswers() {
        for (Query query : queries()) {
            Function<String, List<Object>> ids = collection -> mongo.find(query, Document.class, collection)
                    .map(d -> d.get("_id")).collectList().block();
            if (query.isSorted()) {
                assertThat(ids.apply("indexed")).as(query.toString()).isEqualTo(ids.apply("plain"));
            } else {
                // no sort asked for: MongoDB returns an index's order, a full read the stored order
                assertThat(ids.apply("indexed")).as(query.toString())
                        .containsExactlyInAnyOrderElementsOf(ids.apply("plain"));
            }
            Query all = Query.of(query).limit(0).skip(0);
            assertThat(mongo.count(all, "indexed").block()).as("count " + query)
                    .isEqualTo(mongo.count(all, "plain").block());
        }
    }

    private List<String> scansOf(String collection) {
        return store.fullScans().byShape().keySet().stream().filter(s -> s.startsWith(collection + " ")).toList();
    }

    @Test
    void indexedQueriesAnswerExactlyWhatAFullReadAnswersThroughWritesAndARestart() {
        open();
        seed();
        assertSameAnswers();
        assertThat(mongo.find(queries().get(0), Document.class, "indexed").collectList().block()).hasSize(10);

        mongo.updateMulti(new Query(Criteria.where("schoolId").is("s1").and("collectedAt")
                .lt(Date.from(T0.plusSeconds(1400)))),
                new Update().set("flagged", true).set("tags", List.of("b", "c")), "indexed").block();
        mongo.updateMulti(new Query(Criteria.where("schoolId").is("s1").and("collectedAt")
                .lt(Date.from(T0.plusSeconds(1400)))),
                new Update().set("flagged", true).set("tags", List.of("b", "c")), "plain").block();
        for (String collection : List.of("indexed", "plain")) {
            mongo.updateFirst(new Query(Criteria.where("_id").is("d10")),
                    new Update().set("schoolId", "s2").unset("state"), collection).block();
            mongo.remove(new Query(Criteria.where("schoolId").is("s0").and("flagged").is(false)), collection)
                    .block();
        }
        assertSameAnswers();

        close();
        open();
        assertSameAnswers();
        assertThat(scansOf("indexed")).isEmpty();
    }

    @Test
    void aPageSortedByTheIndexThenByIdReadsOnlyItsRowsAndAJoinByIdsReadsOnlyThoseIds() {
        open();
        seed();
        long before = read("indexed");
        List<Object> page = mongo.find(new Query(Criteria.where("schoolId").is("s1"))
                .with(Sort.by(Sort.Direction.DESC, "bucket").and(Sort.by("_id"))).skip(3).limit(10),
                Document.class, "indexed").map(d -> d.get("_id")).collectList().block();
        assertThat(page).hasSize(10);
        // the school has about 130 documents: the page reads its 13 (3 skipped, 10 shown), not all of them
        assertThat(read("indexed") - before).isEqualTo(13);

        before = read("indexed");
        long open = mongo.count(new Query(Criteria.where("state").is("OPEN").and("_id").in(ids(100, 140))),
                "indexed").block();
        assertThat(open).isPositive();
        assertThat(read("indexed") - before).isLessThanOrEqualTo(40);
        assertThat(scansOf("indexed")).isEmpty();
    }

    @Test
    void anInOnOneFieldBesideEqualitiesReadsOnlyEachValuesEntriesNotTheWholeEqualityPrefix() {
        open();
        seed();
        Date due = Date.from(T0.plusSeconds(50_000));
        assertTwoBranchesReadOnlyTheirOwnMatches(new Query(Criteria.where("schoolId").is("s1").and("state")
                .in("OPEN", "DONE").and("dueAt").lt(due)), 60);
    }

    @Test
    void anOrBesideAnEqualityReadsOnlyEachBranchsEntriesNotTheWholeEqualityPrefix() {
        open();
        seed();
        Date due = Date.from(T0.plusSeconds(50_000));
        assertTwoBranchesReadOnlyTheirOwnMatches(new Query(Criteria.where("schoolId").is("s1").orOperator(
                Criteria.where("state").is("DONE"), Criteria.where("state").is("OPEN").and("dueAt").lte(due))), 80);
    }

    /**
     * A query of one school read as two branches (the values of an $in, or an $or's): a page reads only the first
     * rows of each branch, the whole answer only its matches, and the count no document.
     */
    private void assertTwoBranchesReadOnlyTheirOwnMatches(Query query, int fewerThan) {
        long before = read("indexed");
        List<Object> page = mongo.find(Query.of(query).with(Sort.by("dueAt", "_id")).skip(1).limit(5),
                Document.class, "indexed").map(d -> d.get("_id")).collectList().block();
        assertThat(page).hasSize(5).isEqualTo(mongo.find(Query.of(query).with(Sort.by("dueAt", "_id")).skip(1)
                .limit(5), Document.class, "plain").map(d -> d.get("_id")).collectList().block());
        // the school has about 130 documents: each of the two branches gives its first 6 (1 skipped, 5 shown)
        assertThat(read("indexed") - before).isLessThanOrEqualTo(12);

        before = read("indexed");
        List<Object> all = mongo.find(query, Document.class, "indexed").map(d -> d.get("_id")).collectList()
                .block();
        assertThat(all).isNotEmpty().hasSizeLessThan(fewerThan)
                .containsExactlyInAnyOrderElementsOf(mongo.find(query, Document.class, "plain")
                        .map(d -> d.get("_id")).collectList().block());
        // only the documents that match are read, not the school's other ones
        assertThat(read("indexed") - before).isEqualTo(all.size());

        before = read("indexed");
        assertThat(mongo.count(query, "indexed").block()).isEqualTo(all.size());
        assertThat(read("indexed") - before).as("a count from the index's entries").isZero();
        assertThat(scansOf("indexed")).isEmpty();
    }

    @Test
    void aCountOfFieldsAnIndexHoldsIsAnsweredFromItsEntriesWithoutReadingDocuments() {
        open();
        seed();
        Date due = Date.from(T0.plusSeconds(50_000));
        for (Query query : List.of(new Query(Criteria.where("state").is("OPEN").and("dueAt").lte(due)),
                new Query(Criteria.where("state").is("DONE")),
                new Query(new Criteria().orOperator(Criteria.where("state").is("DONE"),
                        Criteria.where("state").is("OPEN").and("dueAt").gt(due))))) {
            long before = read("indexed");
            long counted = mongo.count(query, "indexed").block();
            assertThat(read("indexed") - before).as("documents read to count " + query).isZero();
            assertThat(counted).as(query.toString()).isPositive().isEqualTo(mongo.count(query, "plain").block());
        }
        // a field the index keeps as null when missing: those entries are checked on their documents
        long before = read("indexed");
        Query unflagged = new Query(Criteria.where("schoolId").is("s1").and("flagged").is(null));
        assertThat(mongo.count(unflagged, "indexed").block()).isPositive()
                .isEqualTo(mongo.count(unflagged, "plain").block());
        assertThat(read("indexed") - before).isPositive();
    }

    @Test
    void aCountWhoseConditionsAreExactlyTheIndexsKeysCountsEntriesOfTheBoundsKindOnly() {
        open();
        seed();
        // values a date range must not count though the index orders them inside the range's probes
        for (String collection : List.of("indexed", "plain")) {
            mongo.insert(List.of(new Document("_id", "x1").append("schoolId", "s1").append("state", "OPEN")
                    .append("dueAt", "tomorrow"),
                    new Document("_id", "x2").append("schoolId", "s1").append("state", "OPEN").append("dueAt", 7),
                    new Document("_id", "x3").append("schoolId", "s1").append("state", "OPEN")
                            .append("dueAt", null),
                    new Document("_id", "x4").append("schoolId", "s1").append("state", "OPEN"),
                    new Document("_id", "x5").append("schoolId", "s1").append("state", "OPEN")
                            .append("dueAt", true),
                    new Document("_id", "x6").append("schoolId", "s1").append("state", 1)
                            .append("dueAt", Date.from(T0))),
                    collection).collectList().block();
        }
        Date due = Date.from(T0.plusSeconds(50_000));
        for (Query query : List.of(new Query(Criteria.where("schoolId").is("s1").and("state").is("OPEN")),
                new Query(Criteria.where("schoolId").is("s1").and("state").is("OPEN").and("dueAt").lte(due)),
                new Query(Criteria.where("schoolId").is("s1").and("state").is("OPEN").and("dueAt").gt(due)),
                new Query(Criteria.where("schoolId").is("s1").and("state").is("OPEN").and("dueAt").gte(Date.from(T0))
                        .lt(due)),
                new Query(Criteria.where("schoolId").is("s1").and("state").is("OPEN").and("dueAt").lt("zzz")),
                new Query(Criteria.where("schoolId").is("s1").and("state").in("OPEN", "DONE").and("dueAt").lt(due)),
                new Query(Criteria.where("schoolId").is("s1").orOperator(Criteria.where("state").is("DONE"),
                        Criteria.where("state").is("OPEN").and("dueAt").lte(due))),
                new Query(Criteria.where("schoolId").is("s1").and("state").is("OPEN").orOperator(
                        Criteria.where("state").is("DONE"), Criteria.where("dueAt").lte(due))))) {
            assertThat(mongo.count(query, "indexed").block()).as(query.toString())
                    .isEqualTo(mongo.count(query, "plain").block());
        }
        long before = read("indexed");
        assertThat(mongo.count(new Query(Criteria.where("schoolId").is("s1").and("state").is("OPEN")
                .and("dueAt").lte(due)), "indexed").block()).isPositive();
        // the dates are counted from their entries; the number, the null and the missing value are matched on
        // their documents (the index orders them before the dates, inside the range's probes)
        assertThat(read("indexed") - before).isEqualTo(3);
    }

    private long read(String collection) {
        return store.fullScans().documentsRead().getOrDefault(collection, 0L);
    }

    @Test
    void aQueryNoIndexNarrowsIsCountedAsAFullScanByItsShape() {
        open();
        seed();
        mongo.find(new Query(Criteria.where("schoolId").is("s1")).limit(3), Document.class, "indexed")
                .collectList().block();
        assertThat(scansOf("indexed")).isEmpty();

        // "flagged" leads no index: the store reads every document, and says so
        mongo.find(new Query(Criteria.where("flagged").is(true)).with(Sort.by("collectedAt")), Document.class,
                "indexed").collectList().block();
        mongo.count(new Query(Criteria.where("flagged").is(true)), "indexed").block();

        assertThat(store.fullScans().byShape()).containsEntry("indexed {flagged} sort {collectedAt}", 1L)
                .containsEntry("indexed {flagged}", 1L);
        assertThatThrownBy(() -> ListQueriesUseIndexesTests.assertNoFullScans(Map.of(),
                store.fullScans().byShape())).isInstanceOf(AssertionError.class)
                .hasMessageContaining("indexed {flagged}");
    }
}
