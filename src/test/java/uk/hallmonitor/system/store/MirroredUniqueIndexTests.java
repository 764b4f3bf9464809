package uk.hallmonitor.system.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.MongoWriteException;
import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.DuplicateKeyError;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.type.ObjectDataType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

/**
 * The embedded store's unique indexes: look-ups by a plain key come from memory without comparing stored keys (the
 * store map compares keys by serialising them), other keys from the store map as before, and the store map's entries
 * are exactly the library's, so a store file written by either opens in the other.
 */
class MirroredUniqueIndexTests {

    @TempDir
    Path data;

    /** The store map's key type, counting how many times it compares two keys. */
    private static final class CountingKeys extends ObjectDataType {
        final AtomicLong compared = new AtomicLong();

        @Override
        public int compare(Object a, Object b) {
            compared.incrementAndGet();
            return super.compare(a, b);
        }
    }

    private static MirroredUniqueIndex index(MVMap<KeyValue, Object> map) {
        return new MirroredUniqueIndex(map, "postId_1", List.of(new IndexKey("postId", true)), false);
    }

    @Test
    void aLookUpByAStringKeyComparesNoStoredKeys() {
        CountingKeys keys = new CountingKeys();
        MVStore store = new MVStore.Builder().open();
        MVMap<KeyValue, Object> map = store.openMap("databases.test.posts._index_postId_1",
                new MVMap.Builder<KeyValue, Object>().keyType(keys));
        MirroredUniqueIndex index = index(map);
        for (int i = 0; i < 2_000; i++) {
            index.add(new Document("_id", "id-" + i).append("postId", "post-" + i), "id-" + i, null);
        }
        keys.compared.set(0);

        for (int i = 0; i < 2_000; i++) {
            assertThat(index.getPosition(new Document("postId", "post-" + i))).isEqualTo("id-" + i);
        }
        assertThat(index.getPosition(new Document("postId", "post-none"))).isNull();

        // the library's index compared a dozen stored keys, each serialised, per look-up
        assertThat(keys.compared.get()).isZero();
        store.close();
    }

    @Test
    void aKeyWhoseSerialisationCouldDifferIsLookedUpInTheStoreMap() {
        CountingKeys keys = new CountingKeys();
        MVStore store = new MVStore.Builder().open();
        MVMap<KeyValue, Object> map = store.openMap("databases.test.pairs._index_a_1_b_1",
                new MVMap.Builder<KeyValue, Object>().keyType(keys));
        MirroredUniqueIndex index = new MirroredUniqueIndex(map, "a_1_b_1",
                List.of(new IndexKey("a", true), new IndexKey("b", true)), false);
        index.add(new Document("_id", "same").append("a", "x").append("b", "x"), "same", null);
        index.add(new Document("_id", "sub").append("a", new Document("k", 1)).append("b", "y"), "sub", null);
        keys.compared.set(0);

        assertThat(index.getPosition(new Document("a", "x").append("b", "x"))).isEqualTo("same");
        assertThat(index.getPosition(new Document("a", new Document("k", 1)).append("b", "y"))).isEqualTo("sub");
        assertThat(keys.compared.get()).isPositive();
        assertThat(MirroredUniqueIndex.mirrorable(new KeyValue("x", 1L, 2.5, true, null))).isTrue();
        assertThat(MirroredUniqueIndex.mirrorable(new KeyValue("x", "x"))).isFalse();
        assertThat(MirroredUniqueIndex.mirrorable(new KeyValue(new Document("k", 1)))).isFalse();
        store.close();
    }

    @Test
    void entriesAddedAndRemovedAreFoundOrNotAndADuplicateIsRefused() {
        MVStore store = new MVStore.Builder().open();
        MirroredUniqueIndex index = index(store.openMap("databases.test.posts._index_postId_1"));
        Document first = new Document("_id", "a").append("postId", "p-1");
        index.add(first, "a", null);

        @SuppressWarnings("unchecked")
        de.bwaldvogel.mongo.MongoCollection<Object> posts = org.mockito.Mockito.mock(
                de.bwaldvogel.mongo.MongoCollection.class);
        org.mockito.Mockito.when(posts.getFullName()).thenReturn("test.posts");
        assertThatThrownBy(() -> index.checkAdd(new Document("_id", "b").append("postId", "p-1"), posts))
                .isInstanceOf(DuplicateKeyError.class);
        assertThat(index.remove(first)).isEqualTo("a");
        assertThat(index.getPosition(new Document("postId", "p-1"))).isNull();
        assertThat(index.getCount()).isZero();
        index.checkAdd(new Document("_id", "b").append("postId", "p-1"), posts);
        store.close();
    }

    @Test
    void aStoreFileWrittenByTheLibrarysOwnBackendOpensWithItsUniqueEntriesAndTheOtherWayRound() {
        Path file = data.resolve("hallmonitor.mv");
        // written by the library's backend alone
        MVStore plain = new MVStore.Builder().fileName(file.toString()).compress().open();
        de.bwaldvogel.mongo.MongoServer library = new de.bwaldvogel.mongo.MongoServer(new H2Backend(plain));
        String address = "mongodb://" + hostAndPort(library.bind());
        try (MongoClient client = MongoClients.create(address)) {
            ReactiveMongoTemplate mongo = new ReactiveMongoTemplate(client, "test");
            mongo.indexOps("posts").createIndex(new Index("postId", Sort.Direction.ASC).unique()).block();
            for (int i = 0; i < 50; i++) {
                mongo.insert(new org.bson.Document("_id", "id-" + i).append("postId", "post-" + i), "posts")
                        .block();
            }
        }
        library.shutdown();
        plain.close();

        StoreConfiguration.EmbeddedStore store = StoreConfiguration.EmbeddedStore.start(data);
        try (MongoClient client = MongoClients.create(store.connectionString("test"))) {
            ReactiveMongoTemplate mongo = new ReactiveMongoTemplate(client, "test");
            assertThat(mongo.findById("id-7", org.bson.Document.class, "posts").block()).isNotNull();
            assertThat(mongo.findOne(Query.query(Criteria.where("postId").is("post-9")), org.bson.Document.class,
                    "posts").block().get("_id")).isEqualTo("id-9");
            assertThatThrownBy(() -> mongo.insert(new org.bson.Document("_id", "id-x").append("postId", "post-3"),
                    "posts").block()).hasCauseInstanceOf(MongoWriteException.class)
                    .satisfies(e -> assertThat(e.getMessage()).contains("duplicate key"));
            mongo.insert(new org.bson.Document("_id", "id-50").append("postId", "post-50"), "posts").block();
        } finally {
            store.close();
        }

        // and what this backend wrote is the library's index: the library finds the new entry and refuses its twin
        MVStore again = new MVStore.Builder().fileName(file.toString()).compress().open();
        library = new de.bwaldvogel.mongo.MongoServer(new H2Backend(again));
        address = "mongodb://" + hostAndPort(library.bind());
        try (MongoClient client = MongoClients.create(address)) {
            ReactiveMongoTemplate mongo = new ReactiveMongoTemplate(client, "test");
            assertThatThrownBy(() -> mongo.insert(new org.bson.Document("_id", "id-y").append("postId", "post-50"),
                    "posts").block()).satisfies(e -> assertThat(e.getMessage()).contains("duplicate key"));
            assertThat(mongo.count(new Query(), "posts").block()).isEqualTo(51);
        } finally {
            library.shutdown();
            again.close();
        }
    }

    private static String hostAndPort(java.net.InetSocketAddress address) {
        return address.getHostString() + ":" + address.getPort();
    }
}
