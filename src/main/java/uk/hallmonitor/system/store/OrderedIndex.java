package uk.hallmonitor.system.store;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.bson.Document;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.NavigableSet;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A non-unique index of the embedded store (mongo-java-server creates none: it answers every query that no unique
 * index matches exactly by reading the whole collection). Entries are the document's key values in the index's
 * order, then its position; they live in memory and are rebuilt from the documents when the store opens, so the
 * store file and its commits are exactly as before. The index only proposes candidates: every candidate is still
 * checked against the whole query by the server's own matcher, so a plan can make a query faster, never different.
 */
final class OrderedIndex extends Index<Object> {

    /** Marks a probe that sorts before (LOW) or after (HIGH) every entry sharing its leading values. */
    enum Bound {
        LOW, HIGH
    }

    /** One index entry, or a probe when {@code bound} is set (a probe may carry fewer values than the keys). */
    record Entry(Object[] values, Object position, Bound bound) {
    }

    private final String idField;
    private final int[] directions;
    private final NavigableSet<Entry> entries;
    private final AtomicLong multikeyDocuments = new AtomicLong();

    OrderedIndex(String name, List<IndexKey> keys, boolean sparse, String idField) {
        super(name, keys, sparse);
        this.idField = idField;
        this.directions = keys.stream().mapToInt(k -> k.isAscending() ? 1 : -1).toArray();
        this.entries = new ConcurrentSkipListSet<>(this::compare);
    }

    List<String> fields() {
        return keys();
    }

    boolean ascending(int key) {
        return directions[key] > 0;
    }

    /** Whether some document holds an array in an indexed field (its entries then do not give a sort order). */
    boolean multikey() {
        return multikeyDocuments.get() > 0;
    }

    /**
     * The entries from {@code low} to {@code high} (probes, both in index order), as positions; a document with
     * several entries (an array field) may appear more than once.
     */
    Iterable<Object> positions(Entry low, Entry high, boolean reverse) {
        Iterable<Entry> range = entries(low, high, reverse);
        return () -> java.util.stream.StreamSupport.stream(range.spliterator(), false).map(Entry::position)
                .iterator();
    }

    /** The entries from {@code low} to {@code high} (probes, both in index order), with their key values. */
    Iterable<Entry> entries(Entry low, Entry high, boolean reverse) {
        if (compare(low, high) > 0) {
            return Collections.emptyList();
        }
        NavigableSet<Entry> range = entries.subSet(low, true, high, true);
        return reverse ? range.descendingSet() : range;
    }

    static Entry probe(List<Object> values, Bound bound) {
        return new Entry(normalized(values), null, bound);
    }

    private static Object[] normalized(Collection<Object> values) {
        if (values.isEmpty()) {
            return new Object[0];
        }
        Object[] out = new KeyValue(new ArrayList<>(values)).normalized().stream().toArray();
        for (int i = 0; i < out.length; i++) {
            // the server's matcher and sort treat a missing field as null
            if (out[i] instanceof Missing) {
                out[i] = null;
            }
        }
        return out;
    }

    private int compare(Entry a, Entry b) {
        int shared = Math.min(a.values.length, b.values.length);
        for (int i = 0; i < shared; i++) {
            int c = directions[i] * ValueComparator.asc().compare(a.values[i], b.values[i]);
            if (c != 0) {
                return c;
            }
        }
        if (a.bound != null || b.bound != null) {
            if (a.bound == b.bound && a.values.length == b.values.length) {
                return 0;
            }
            if (a.bound != null && (b.bound == null || a.values.length <= b.values.length)) {
                return a.bound == Bound.LOW ? -1 : 1;
            }
            return b.bound == Bound.LOW ? 1 : -1;
        }
        return comparePositions(a.position, b.position);
    }

    private static int comparePositions(Object a, Object b) {
        if (a.equals(b)) {
            return 0;
        }
        int c = a.getClass() == b.getClass() ? ValueComparator.asc().compare(a, b) : 0;
        if (c == 0) {
            c = a.getClass().getName().compareTo(b.getClass().getName());
        }
        return c != 0 ? c : String.valueOf(a).compareTo(String.valueOf(b));
    }

    private List<Entry> entriesOf(Document document, Object position) {
        Set<KeyValue> keyValues = getKeyValues(document);
        List<Entry> out = new ArrayList<>(keyValues.size());
        for (KeyValue keyValue : keyValues) {
            out.add(new Entry(normalized(keyValue.stream().toList()), position, null));
        }
        if (out.isEmpty()) {
            // an empty array in an indexed field yields no key values; keep the document findable by its other keys
            List<Object> values = new ArrayList<>();
            for (String key : keys()) {
                Object value = document.get(key);
                values.add(value instanceof Collection<?> c && c.isEmpty() ? null : value);
            }
            out.add(new Entry(normalized(values), position, null));
        }
        return out;
    }

    private boolean isMultikey(Document document) {
        for (String key : keys()) {
            if (de.bwaldvogel.mongo.backend.Utils.getSubdocumentValueCollectionAware(document,
                    key) instanceof Collection<?>) {
                return true;
            }
        }
        return false;
    }

    @Override
    public Object getPosition(Document document) {
        // positions are found through the _id index; a non-unique index cannot name a single one
        return null;
    }

    @Override
    public void checkAdd(Document document, MongoCollection<Object> collection) {
        // not unique: nothing to refuse
    }

    @Override
    public void add(Document document, Object position, MongoCollection<Object> collection) {
        entries.addAll(entriesOf(document, position));
        if (isMultikey(document)) {
            multikeyDocuments.incrementAndGet();
        }
    }

    @Override
    public Object remove(Document document) {
        Object position = document.get(idField);
        entriesOf(document, position).forEach(entries::remove);
        if (isMultikey(document)) {
            multikeyDocuments.decrementAndGet();
        }
        return position;
    }

    @Override
    public boolean canHandle(Document query) {
        // the server's own lookup expects exact key matches; ranges, prefixes and sort orders are planned by
        // IndexedH2Collection, which knows this index
        return false;
    }

    @Override
    public Iterable<Object> getPositions(Document query) {
        throw new UnsupportedOperationException("planned by IndexedH2Collection");
    }

    @Override
    public long getCount() {
        return entries.size();
    }

    @Override
    public long getDataSize() {
        return 0;
    }

    @Override
    public void checkUpdate(Document oldDocument, Document newDocument, MongoCollection<Object> collection) {
        // not unique: nothing to refuse
    }

    @Override
    public void updateInPlace(Document oldDocument, Document newDocument, Object position,
                              MongoCollection<Object> collection) {
        if (!nullAwareEqualsKeys(oldDocument, newDocument)) {
            entriesOf(oldDocument, position).forEach(entries::remove);
            if (isMultikey(oldDocument)) {
                multikeyDocuments.decrementAndGet();
            }
            add(newDocument, position, collection);
        }
    }

    @Override
    public void drop() {
        entries.clear();
    }
}
