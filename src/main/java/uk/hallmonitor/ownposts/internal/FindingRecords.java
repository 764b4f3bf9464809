package uk.hallmonitor.ownposts.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import uk.hallmonitor.monitoring.SweepPosition;
import uk.hallmonitor.ownposts.FindingKind;
import uk.hallmonitor.ownposts.Resolution;
import uk.hallmonitor.system.Platform;

/**
 * Own-post findings in {@code own_post_findings}, one per post (a unique index on the post id makes checking a post
 * twice harmless), holding kinds and offsets only: the words are read from the post itself when shown, so no copy of
 * a pupil's name is made. Also the arriving-post sweep's position in {@code own_post_sweep}.
 */
@Component
record FindingRecords(ReactiveMongoTemplate mongo) {

    static final String COLLECTION = "own_post_findings";
    private static final String SWEEP = "own_post_sweep";

    /** One stored finding: kind and offsets, and how it was found. */
    record Spot(FindingKind kind, int start, int end, String form) {
    }

    /** A stored record. */
    record Stored(String id, String postId, String schoolId, String accountId, Platform platform, String url,
                  String severity, List<Spot> spots, Instant checkedAt, Resolution resolution, String resolvedBy,
                  Instant resolvedAt) {
    }

    Mono<Void> ensureIndexes() {
        return mongo.indexOps(COLLECTION).createIndex(new Index().on("postId", Sort.Direction.ASC).unique())
                .then(mongo.indexOps(COLLECTION).createIndex(new Index().on("schoolId", Sort.Direction.ASC)
                        .on("checkedAt", Sort.Direction.DESC)))
                .then();
    }

    /** Inserts the record unless the post already has one; emits the stored record either way. */
    Mono<Stored> insertOnce(Stored record) {
        List<Document> spots = new ArrayList<>();
        for (Spot spot : record.spots()) {
            spots.add(new Document("kind", spot.kind().name()).append("start", spot.start()).append("end", spot.end())
                    .append("form", spot.form()));
        }
        Update insert = new Update().setOnInsert("_id", record.id()).setOnInsert("schoolId", record.schoolId())
                .setOnInsert("accountId", record.accountId()).setOnInsert("platform", record.platform().name())
                .setOnInsert("url", record.url()).setOnInsert("severity", record.severity())
                .setOnInsert("spots", spots).setOnInsert("checkedAt", record.checkedAt());
        Query byPost = Query.query(Criteria.where("postId").is(record.postId()));
        return mongo.findAndModify(byPost, insert, FindAndModifyOptions.options().upsert(true).returnNew(true),
                Document.class, COLLECTION)
                .onErrorResume(org.springframework.dao.DuplicateKeyException.class,
                        raced -> mongo.findOne(byPost, Document.class, COLLECTION))
                .map(FindingRecords::of);
    }

    Mono<Stored> find(String id) {
        return mongo.findById(id, Document.class, COLLECTION).map(FindingRecords::of);
    }

    Flux<Stored> page(String schoolId, boolean open, int page, int size) {
        return mongo.find(query(schoolId, open).with(Sort.by(Sort.Direction.DESC, "checkedAt"))
                .skip((long) page * size).limit(size), Document.class, COLLECTION).map(FindingRecords::of);
    }

    Mono<Long> count(String schoolId, boolean open) {
        return mongo.count(query(schoolId, open), COLLECTION);
    }

    private static Query query(String schoolId, boolean open) {
        Criteria criteria = Criteria.where("schoolId").is(schoolId);
        if (open) {
            criteria = criteria.and("resolution").is(null);
        }
        return Query.query(criteria);
    }

    /** Records the resolution if none is recorded yet (compare-and-set); empty when someone resolved it first. */
    Mono<Stored> resolve(String id, Resolution resolution, String by, Instant at) {
        return mongo.findAndModify(Query.query(Criteria.where("_id").is(id).and("resolution").is(null)),
                new Update().set("resolution", resolution.name()).set("resolvedBy", by).set("resolvedAt", at),
                FindAndModifyOptions.options().returnNew(true), Document.class, COLLECTION)
                .map(FindingRecords::of);
    }

    Mono<SweepPosition> sweepPosition() {
        return mongo.findById("position", Document.class, SWEEP)
                .map(doc -> new SweepPosition(doc.getDate("collectedAt").toInstant(), doc.getString("postId")));
    }

    Mono<Void> saveSweepPosition(SweepPosition position) {
        return mongo.upsert(Query.query(Criteria.where("_id").is("position")),
                new Update().set("collectedAt", position.collectedAt()).set("postId", position.postId()), SWEEP)
                .then();
    }

    private static Stored of(Document doc) {
        List<Spot> spots = new ArrayList<>();
        for (Document spot : doc.getList("spots", Document.class, List.of())) {
            spots.add(new Spot(FindingKind.valueOf(spot.getString("kind")), spot.getInteger("start"),
                    spot.getInteger("end"), spot.getString("form")));
        }
        String resolution = doc.getString("resolution");
        return new Stored(doc.getString("_id"), doc.getString("postId"), doc.getString("schoolId"),
                doc.getString("accountId"), Platform.valueOf(doc.getString("platform")), doc.getString("url"),
                doc.getString("severity"), spots, instant(doc, "checkedAt"),
                resolution == null ? null : Resolution.valueOf(resolution), doc.getString("resolvedBy"),
                instant(doc, "resolvedAt"));
    }

    private static Instant instant(Document doc, String field) {
        java.util.Date date = doc.getDate(field);
        return date == null ? null : date.toInstant();
    }
}
