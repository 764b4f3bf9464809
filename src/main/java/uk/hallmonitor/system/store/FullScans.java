package uk.hallmonitor.system.store;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the queries the embedded store answered by reading a whole collection, by their shape ("posts
 * {schoolId, flagged} sort {collectedAt}"), so tests can show that a list is answered from an index and a new query
 * cannot quietly read every document again; and the documents that planned queries read, by collection, so tests can
 * show that a sorted page stops at its last row.
 */
public final class FullScans {

    private final Map<String, LongAdder> byShape = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> documentsRead = new ConcurrentHashMap<>();

    void record(String collection, Iterable<String> fields, Iterable<String> sort) {
        String shape = collection + " {" + String.join(", ", fields) + "}"
                + (sort.iterator().hasNext() ? " sort {" + String.join(", ", sort) + "}" : "");
        byShape.computeIfAbsent(shape, s -> new LongAdder()).increment();
    }

    /** How many full scans there have been so far, by query shape. */
    public Map<String, Long> byShape() {
        Map<String, Long> copy = new TreeMap<>();
        byShape.forEach((shape, count) -> copy.put(shape, count.sum()));
        return copy;
    }

    /** The counter of documents read by planned queries of one collection. */
    LongAdder documentsRead(String collection) {
        return documentsRead.computeIfAbsent(collection, c -> new LongAdder());
    }

    /** How many documents planned queries (from an index or by id) have read so far, by collection. */
    public Map<String, Long> documentsRead() {
        Map<String, Long> copy = new TreeMap<>();
        documentsRead.forEach((collection, count) -> copy.put(collection, count.sum()));
        return copy;
    }
}
