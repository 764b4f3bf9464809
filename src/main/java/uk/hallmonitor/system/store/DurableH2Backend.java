package uk.hallmonitor.system.store;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.DatabaseResolver;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Utils;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.oplog.Oplog;
import io.netty.channel.Channel;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * The H2 MVStore backend with a commit after every write command, and with the non-unique indexes the modules
 * declare. MVStore on its own commits in the background about once a second, so a {@code kill -9} could lose writes
 * that were already answered; committing before the answer leaves only what the operating system has not yet
 * written to disk (a power cut, not a killed process). The library ignores non-unique indexes and reads the whole
 * collection for any query no unique index matches exactly; here they are kept in memory ({@link OrderedIndex},
 * rebuilt from the documents when the store opens, so the file and its commits are unchanged) and used by
 * {@link IndexedH2Collection}. Unique indexes stay in the library's store maps and are also held in memory for
 * look-ups ({@link MirroredUniqueIndex}). The same indexes exist on a real MongoDB, which plans the same queries itself.
 */
final class DurableH2Backend extends H2Backend {

    private static final Set<String> WRITES = Set.of("insert", "update", "delete", "findandmodify", "createindexes",
            "dropindexes", "drop", "dropdatabase", "create", "renamecollection");

    // set on first use: H2Backend's constructor opens the stored databases before this class's fields are set
    private FullScans fullScans;

    DurableH2Backend(MVStore store) {
        super(store);
    }

    /** The queries answered by reading a whole collection since the store started. */
    synchronized FullScans fullScans() {
        if (fullScans == null) {
            fullScans = new FullScans();
        }
        return fullScans;
    }

    @Override
    public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
        Document answer = super.handleCommand(channel, databaseName, command, query);
        if (WRITES.contains(command.toLowerCase(Locale.ROOT))) {
            commit();
        }
        return answer;
    }

    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        return new IndexedH2Database(databaseName);
    }

    /**
     * A database whose collections use ordered indexes. An inner class on purpose: H2Database's constructor opens the
     * stored collections and indexes before a subclass could set a field, and the enclosing backend (store, scan
     * counter) is already there at that point.
     */
    private final class IndexedH2Database extends H2Database {

        IndexedH2Database(String databaseName) {
            super(databaseName, getMvStore(), getCursorRegistry());
        }

        @Override
        protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
            // the same maps as H2Database's own collections, so existing store files open unchanged
            String fullName = getFullCollectionNamespace(collectionName);
            MVMap<Object, Document> data = getMvStore().openMap("databases." + fullName);
            MVMap<String, Object> meta = getMvStore().openMap("meta." + fullName);
            return new IndexedH2Collection(this, collectionName, options, data, meta, getCursorRegistry(),
                    DurableH2Backend.this::fullScans);
        }

        @Override
        protected Index<Object> openOrCreateUniqueIndex(String collectionName, String indexName, List<IndexKey> keys,
                                                        boolean sparse) {
            // the library's own map for the index (H2Database names it so), so existing store files open unchanged
            MVMap<KeyValue, Object> map = getMvStore().openMap(getFullCollectionNamespace(collectionName)
                    + "._index_" + indexName);
            return new MirroredUniqueIndex(map, indexName, keys, sparse);
        }

        @Override
        protected Index<Object> openOrCreateSecondaryIndex(String collectionName, String indexName,
                                                           List<IndexKey> keys, boolean sparse) {
            return new OrderedIndex(indexName, keys, sparse, "_id");
        }

        @Override
        public Document handleCommand(Channel channel, String command, Document query, DatabaseResolver resolver,
                                      Oplog oplog) {
            Document counted = "aggregate".equalsIgnoreCase(command) ? countDocuments(query) : null;
            return counted != null ? counted : super.handleCommand(channel, command, query, resolver, oplog);
        }

        /**
         * The driver's countDocuments is the pipeline [$match, ($skip), ($limit), $group {_id: 1, n: {$sum: 1}}]; the
         * library runs every pipeline over the whole collection, so this one is answered as a counted query instead
         * (planned on the indexes). Any other pipeline, or one with options this does not handle, goes to the library.
         */
        private Document countDocuments(Document command) {
            if (!(command.get("aggregate") instanceof String collectionName)
                    || !(command.get("pipeline") instanceof List<?> pipeline) || pipeline.size() < 2
                    || command.containsKey("explain")
                    || command.containsKey("hint") || command.containsKey("collation")
                    || command.containsKey("let")) {
                return null;
            }
            if (!(pipeline.get(0) instanceof Document first) || first.size() != 1
                    || !(first.get("$match") instanceof Document filter)) {
                return null;
            }
            if (!(pipeline.get(pipeline.size() - 1) instanceof Document last) || last.size() != 1
                    || !(last.get("$group") instanceof Document group) || group.size() != 2
                    || !(group.get("_id") instanceof Number) || !(group.get("n") instanceof Document sum)
                    || sum.size() != 1 || !(sum.get("$sum") instanceof Number one) || one.intValue() != 1) {
                return null;
            }
            int skip = 0;
            int limit = 0;
            for (Object stage : pipeline.subList(1, pipeline.size() - 1)) {
                if (stage instanceof Document d && d.size() == 1 && d.get("$skip") instanceof Number n
                        && limit == 0) {
                    skip = n.intValue();
                } else if (stage instanceof Document d && d.size() == 1 && d.get("$limit") instanceof Number n) {
                    limit = n.intValue();
                } else {
                    return null;
                }
            }
            MongoCollection<?> collection = resolveCollection(collectionName, false);
            int count = collection == null ? 0 : collection.count(filter, skip, limit);
            Document cursor = new Document("firstBatch", count == 0 ? List.of()
                    : List.of(new Document("_id", group.get("_id")).append("n", count)))
                    .append("id", 0L).append("ns", getDatabaseName() + "." + collectionName);
            Document answer = new Document("cursor", cursor);
            Utils.markOkay(answer);
            return answer;
        }
    }
}
