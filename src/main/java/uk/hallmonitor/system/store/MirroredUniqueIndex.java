package uk.hallmonitor.system.store;

import de.bwaldvogel.mongo.backend.AbstractUniqueIndex;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.h2.mvstore.MVMap;

/**
 * A unique index of the embedded store (the {@code _id} index, {@code postId}, {@code dedupKey} …) kept in the same
 * store map as the library's own unique index, so the file and its commits are unchanged, with its entries also held
 * in a hash map in memory for look-ups. The store map orders its {@code KeyValue} keys by their Java serialisation, so
 * every look-up there serialised the searched key and each key it was compared with, a dozen times per look-up at a
 * few thousand entries: that was most of the store's time for each insert's uniqueness check and each look-up by key.
 *
 * <p>The hash map finds a key by {@code equals}, the store map by equal serialised bytes. The two agree for keys whose
 * values are strings, longs, integers, doubles, booleans or nulls with no value repeated (a repeated instance is
 * written as a back-reference, so two equal keys could serialise differently); only such keys are mirrored, and every
 * other key is looked up in the store map as before. Writes go to the store map first, as the library's index did.
 */
final class MirroredUniqueIndex extends AbstractUniqueIndex<Object> {

    private final MVMap<KeyValue, Object> stored;
    private final Map<KeyValue, Object> mirrored = new ConcurrentHashMap<>();

    MirroredUniqueIndex(MVMap<KeyValue, Object> stored, String name, List<IndexKey> keys, boolean sparse) {
        super(name, keys, sparse);
        this.stored = stored;
        for (Map.Entry<KeyValue, Object> entry : stored.entrySet()) {
            if (mirrorable(entry.getKey())) {
                mirrored.put(entry.getKey(), entry.getValue());
            }
        }
    }

    /** Whether {@code equals} on this key means equal serialised bytes (see the class comment). */
    static boolean mirrorable(KeyValue key) {
        Set<Object> seen = new HashSet<>();
        for (Object value : key) {
            if (value != null && !(value instanceof String || value instanceof Long || value instanceof Integer
                    || value instanceof Double || value instanceof Boolean)) {
                return false;
            }
            if (!seen.add(value == null ? Missing.getInstance() : value)) {
                return false;
            }
        }
        return true;
    }

    @Override
    protected Object getPosition(KeyValue key) {
        return mirrorable(key) ? mirrored.get(key) : stored.get(key);
    }

    @Override
    protected boolean putKeyPosition(KeyValue key, Object position) {
        Object value = Missing.ofNullable(position);
        boolean added = stored.putIfAbsent(key, value) == null;
        if (added && mirrorable(key)) {
            mirrored.put(key, value);
        }
        return added;
    }

    @Override
    protected Object removeDocument(KeyValue key) {
        Object removed = stored.remove(key);
        if (removed != null) {
            mirrored.remove(key);
        }
        return removed;
    }

    @Override
    protected Iterable<Map.Entry<KeyValue, Object>> getIterable() {
        return stored.entrySet();
    }

    @Override
    public long getCount() {
        return stored.sizeAsLong();
    }

    @Override
    public boolean isEmpty() {
        return stored.isEmpty();
    }

    @Override
    public long getDataSize() {
        return getCount();
    }
}
