package uk.hallmonitor.system.store;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.h2.mvstore.MVMap;

/**
 * An H2 collection that answers queries from its {@link OrderedIndex}es: equal values on the index's leading keys,
 * then a range on the next one, read in the index's order so that a sorted page stops after its last row. A query
 * no index can narrow is read in full, as before, and counted in {@link FullScans}.
 */
final class IndexedH2Collection extends H2Collection {

    private static final Set<String> RANGES = Set.of("$gt", "$gte", "$lt", "$lte");
    private static final String ID = "_id";

    private final Supplier<FullScans> fullScans;
    private volatile LongAdder documentsRead;

    IndexedH2Collection(MongoDatabase database, String name, CollectionOptions options, MVMap<Object, Document> data,
                        MVMap<String, Object> meta, CursorRegistry cursors, Supplier<FullScans> fullScans) {
        super(database, name, options, data, meta, cursors);
        this.fullScans = fullScans;
    }

    @Override
    public synchronized int count(Document query, int skip, int limit) {
        // the library leaves count unsynchronized; the ordered indexes are read under the collection's lock
        Integer covered = query == null || query.isEmpty() ? null : coveredCount(query);
        if (covered == null) {
            return super.count(query, skip, limit);
        }
        int counted = Math.max(0, covered - Math.max(0, skip));
        return limit > 0 ? Math.min(limit, counted) : counted;
    }

    /**
     * A count answered from index entries alone, when an index holds every field the query names (as a real
     * MongoDB answers a covered count): each entry's key values are matched against the query by the server's own
     * matcher, standing in for the document. An entry whose values the index keeps in another form (numbers are
     * normalised, a missing field is kept as null, sub-documents) is matched on its document instead, so the count
     * is exactly the documents' count. Null when no index covers the query.
     */
    private Integer coveredCount(Document query) {
        for (Index<Object> index : getIndexes()) {
            if (!(index instanceof OrderedIndex) && index.canHandle(query)) {
                return null;
            }
        }
        Set<String> named = new HashSet<>();
        Document conditions = conditions(query);
        if (conditions == null || !fieldsOf(query, named) || named.contains(getIdField())) {
            return null;
        }
        List<Plan> plans = new ArrayList<>();
        // the conditions each plan was made for (null when they are not the whole query's for its entries)
        List<Document> planned = new ArrayList<>();
        Plan best = covering(conditions, named);
        List<Document> inBranches = best == null || conditions.containsKey("$or") ? null : inAsBranches(conditions);
        List<Plan> byValue = inBranches == null ? null : coveringInPlans(inBranches, named, best);
        List<Plan> byBranch = best == null ? null : coveringOrPlans(conditions, named, best);
        if (byValue != null) {
            plans.addAll(byValue);
            planned.addAll(inBranches);
        } else if (byBranch != null) {
            // each entry is matched on its values against the whole query (the $or and the fields beside it)
            plans.addAll(byBranch);
            byBranch.forEach(plan -> planned.add(null));
        } else if (best != null) {
            plans.add(best);
            planned.add(conditions);
        } else if (conditions.get("$or") instanceof List<?> branches) {
            int beside = conditions.size() - 1;
            for (Object branch : branches) {
                Document merged = branch instanceof Document b ? merged(conditions, b) : null;
                Document branchConditions = merged == null ? null : conditions(merged);
                Plan plan = branchConditions == null ? null : covering(branchConditions, named);
                if (plan == null) {
                    return null;
                }
                plans.add(plan);
                // a branch sharing a field with the conditions beside the $or is planned on that field alone
                planned.add(merged.size() == beside + ((Document) branch).size() ? branchConditions : null);
            }
        } else {
            return null;
        }
        Set<Object> seen = plans.size() > 1 ? new HashSet<>() : null;
        int count = 0;
        for (int p = 0; p < plans.size(); p++) {
            Plan plan = plans.get(p);
            List<String> fields = plan.index.fields();
            Object bound = planned.get(p) == null ? null : completeBound(planned.get(p), plan);
            for (OrderedIndex.Entry entry : plan.index.entries(plan.low, plan.high, plan.reverse)) {
                if (seen != null && !seen.add(entry.position())) {
                    continue;
                }
                if (bound != null && (bound == NO_RANGE || sameKind(bound, entry.values()[plan.keys - 1]))) {
                    count++; // the entry's values are the conditions: it matches without being looked at
                    continue;
                }
                Document standIn = new Document();
                for (int i = 0; i < fields.size() && standIn != null; i++) {
                    Object value = entry.values()[i];
                    standIn = exact(value) ? standIn.append(fields.get(i), value) : null;
                }
                Document matched = standIn != null ? standIn : fetch(entry.position());
                if (matched != null && documentMatchesQuery(matched, query)) {
                    count++;
                }
            }
        }
        return count;
    }

    /** The best plan on an index holding every one of the fields (and no arrays in them), or null. */
    private Plan covering(Document conditions, Set<String> fields) {
        Plan best = null;
        for (Index<Object> index : getIndexes()) {
            if (index instanceof OrderedIndex ordered && !ordered.multikey() && ordered.fields().containsAll(fields)) {
                Plan plan = plan(ordered, conditions, null, 0);
                if (plan != null && (best == null || plan.score > best.score)) {
                    best = plan;
                }
            }
        }
        return best;
    }

    private static final Object NO_RANGE = new Object();

    /**
     * Whether every entry a plan reads matches the conditions it was made for without being checked: when the
     * conditions are exactly the plan's keys, equal to strings, booleans or ids (kept by the index as they are, and
     * equal in the index's order exactly when equal to the matcher), then at most a range on the next key bounded by
     * dates or strings. Answers {@link #NO_RANGE} when there is no range, a bound of the range when each entry's
     * value there must still be of the bound's kind (the index orders other types before and after it), or null
     * when the entries must be matched.
     */
    private static Object completeBound(Document conditions, Plan plan) {
        List<String> fields = plan.index.fields();
        int equal = plan.keys - (plan.range ? 1 : 0);
        if (conditions.size() != plan.keys) {
            return null;
        }
        for (int i = 0; i < equal; i++) {
            Object value = conditions.get(fields.get(i));
            if (!(value instanceof String || value instanceof Boolean || value instanceof ObjectId
                    || value instanceof UUID)) {
                return null;
            }
        }
        if (!plan.range) {
            return NO_RANGE;
        }
        if (!(conditions.get(fields.get(equal)) instanceof Document operators) || operators.isEmpty()
                || !RANGES.containsAll(operators.keySet())
                || operators.containsKey("$gt") && operators.containsKey("$gte")
                || operators.containsKey("$lt") && operators.containsKey("$lte")) {
            return null;
        }
        Object bound = null;
        for (Object value : operators.values()) {
            if (!(value instanceof String || date(value)) || bound != null && !sameKind(bound, value)) {
                return null;
            }
            bound = value;
        }
        return bound;
    }

    private static boolean date(Object value) {
        return value instanceof Instant || value instanceof Date;
    }

    /** Both dates, or both strings: the index orders them as the matcher compares them. */
    private static boolean sameKind(Object bound, Object value) {
        return date(bound) ? date(value) : bound instanceof String && value instanceof String;
    }

    /** As {@link #inPlans}, for a covered count: one covering plan per value of an $in, when each narrows more. */
    private List<Plan> coveringInPlans(List<Document> branches, Set<String> named, Plan best) {
        return narrower(branches, branch -> covering(branch, named), best);
    }

    /** As {@link #orPlans}, for a covered count: one covering plan per branch of an $or, when each narrows more. */
    private List<Plan> coveringOrPlans(Document conditions, Set<String> named, Plan best) {
        return narrower(orBranches(conditions), branch -> covering(branch, named), best);
    }

    /**
     * One plan per branch, when every branch has one narrowing by more of an index's keys than {@code best}; null
     * otherwise (or when there are no branches).
     */
    private static List<Plan> narrower(List<Document> branches, java.util.function.Function<Document, Plan> planner,
                                       Plan best) {
        if (branches == null || branches.isEmpty()) {
            return null;
        }
        List<Plan> plans = new ArrayList<>();
        for (Document branch : branches) {
            Plan plan = branch == null ? null : planner.apply(branch);
            if (plan == null || plan.keys <= best.keys) {
                return null;
            }
            plans.add(plan);
        }
        return plans;
    }

    /**
     * The conditions of each branch of the query's $or together with the fields beside it (an element is null when
     * a branch is not a document or two of its clauses name one field), or null when there is no $or.
     */
    private static List<Document> orBranches(Document conditions) {
        if (!(conditions.get("$or") instanceof List<?> branches)) {
            return null;
        }
        List<Document> out = new ArrayList<>();
        for (Object branch : branches) {
            out.add(branch instanceof Document b ? conditions(merged(conditions, b)) : null);
        }
        return out;
    }

    /** Values an index entry keeps exactly as the document holds them. */
    private static boolean exact(Object value) {
        return value instanceof String || value instanceof Boolean || value instanceof Instant
                || value instanceof Date || value instanceof ObjectId || value instanceof UUID;
    }

    /**
     * Adds the fields the query's conditions name (through $and and $or) to {@code named}; false when it names one
     * through a path or uses another top-level operator ($nor, $expr, $where, $text), which a count from an index's
     * values cannot stand in for.
     */
    private static boolean fieldsOf(Document query, Set<String> named) {
        for (Map.Entry<String, Object> condition : query.entrySet()) {
            String field = condition.getKey();
            if (field.equals("$and") || field.equals("$or")) {
                if (!(condition.getValue() instanceof List<?> clauses)) {
                    return false;
                }
                for (Object clause : clauses) {
                    if (!(clause instanceof Document c) || !fieldsOf(c, named)) {
                        return false;
                    }
                }
            } else if (field.startsWith("$") || field.contains(".")) {
                return false;
            } else {
                named.add(field);
            }
        }
        return true;
    }

    @Override
    protected QueryResult queryDocuments(Document query, Document orderBy, int skip, int limit, int batchSize,
                                         Document fieldSelector) {
        for (Index<Object> index : getIndexes()) {
            if (!(index instanceof OrderedIndex) && index.canHandle(query)) {
                return super.queryDocuments(query, orderBy, skip, limit, batchSize, fieldSelector);
            }
        }
        Document conditions = conditions(query);
        Object id = conditions == null ? null : conditions.get(getIdField());
        if (id instanceof String || id instanceof ObjectId || id instanceof UUID) {
            // a compare-and-set by id (id, state, version): one document to check, whatever the other keys are
            Document document = fetch(id);
            Stream<Document> one = document == null ? Stream.empty() : Stream.of(document);
            return matchDocumentsFromStream(one, query, orderBy, skip, limit, batchSize, fieldSelector);
        }
        if (orderBy != null && orderBy.containsKey("$natural")) {
            return super.queryDocuments(query, orderBy, skip, limit, batchSize, fieldSelector);
        }
        Set<Object> ids = idsIn(query);
        if (ids != null) {
            return queryByIds(query, ids, orderBy, skip, limit, batchSize, fieldSelector);
        }
        Plan best = conditions == null ? null : best(conditions, orderBy, limit);
        List<Plan> inPlans = conditions == null ? null : inPlans(conditions, best, orderBy, limit);
        if (inPlans != null) {
            return union(inPlans, query, orderBy, skip, limit, batchSize, fieldSelector);
        }
        List<Plan> orPlans = conditions == null || best == null ? null : orPlans(conditions, best, orderBy, limit);
        if (orPlans != null) {
            return union(orPlans, query, orderBy, skip, limit, batchSize, fieldSelector);
        }
        List<?> branches = conditions == null || best != null ? null
                : conditions.get("$or") instanceof List<?> or ? or : inAsBranches(conditions);
        if (branches != null) {
            // each branch of an $or (with the fields beside it) narrowed by its own index: their union, read once
            List<Plan> plans = new ArrayList<>();
            for (Object branch : branches) {
                Document branchConditions = branch instanceof Document b ? conditions(merged(conditions, b)) : null;
                Plan plan = branchConditions == null ? null : best(branchConditions, null, 0);
                if (plan == null) {
                    return super.queryDocuments(query, orderBy, skip, limit, batchSize, fieldSelector);
                }
                plans.add(plan);
            }
            Set<Object> seen = new HashSet<>();
            Stream<Document> union = plans.stream().flatMap(this::positions).filter(seen::add)
                    .map(this::fetch).filter(Objects::nonNull);
            return matchDocumentsFromStream(union, query, orderBy, skip, limit, batchSize, fieldSelector);
        }
        if (best == null) {
            return super.queryDocuments(query, orderBy, skip, limit, batchSize, fieldSelector);
        }
        Stream<Document> candidates = candidates(best);
        if (limit > 0 && best.sorted) {
            // read in the requested order: the page ends at its last row; the server then sorts this short list
            // again (stable) and applies the skip and limit, so ties and projections come out as before
            List<Document> first = candidates.filter(d -> documentMatchesQuery(d, query)).limit((long) skip + limit)
                    .toList();
            return matchDocumentsFromStream(first.stream(), query, orderBy, skip, limit, batchSize, fieldSelector);
        }
        return matchDocumentsFromStream(candidates, query, orderBy, skip, limit, batchSize, fieldSelector);
    }

    /**
     * The plans of an {@code $in} on one field beside equalities ({@code {schoolId: s, state: {$in: [OPEN,
     * BREACHED]}, dueAt: {$lt: t}}}) read as one query per value, when each of them narrows by more keys than the best
     * plan of the whole query (which can use only the keys before the {@code $in}'s field): the index then reads each
     * value's entries, and a range on the key after it, instead of every entry of the keys before it. Null otherwise.
     */
    private List<Plan> inPlans(Document conditions, Plan best, Document orderBy, int limit) {
        if (best == null || conditions.containsKey("$or")) {
            return null; // without a plan of the whole query the $in's branches are planned as an $or's below
        }
        return narrower(inAsBranches(conditions), branch -> best(branch, orderBy, limit), best);
    }

    /**
     * The plans of an {@code $or}'s branches, each with the fields beside the $or ({@code {schoolId: s, $or: [{state:
     * BREACHED}, {state: OPEN, dueAt: {$lte: t}}]}}), when each narrows by more keys than the best plan of the fields
     * beside it: the index then reads the breached clocks and the open ones past due, not every clock of the school.
     * Null otherwise.
     */
    private List<Plan> orPlans(Document conditions, Plan best, Document orderBy, int limit) {
        return narrower(orBranches(conditions), branch -> best(branch, orderBy, limit), best);
    }

    /**
     * The documents of several plans (the branches of an {@code $in} or an {@code $or}), each read once. When every plan reads in the
     * requested order, a page reads from each only its first {@code skip + limit} matches: any document of the page
     * is among the first {@code skip + limit} of its own branch. The server then sorts, skips and limits as usual.
     */
    private QueryResult union(List<Plan> plans, Document query, Document orderBy, int skip, int limit, int batchSize,
                              Document fieldSelector) {
        boolean paged = limit > 0 && plans.stream().allMatch(Plan::sorted);
        Set<Object> seen = new HashSet<>();
        List<Document> found = new ArrayList<>();
        for (Plan plan : plans) {
            Stream<Document> candidates = candidates(plan);
            if (paged) {
                candidates = candidates.filter(d -> documentMatchesQuery(d, query)).limit((long) skip + limit);
            }
            candidates.filter(d -> seen.add(d.get(getIdField()))).forEach(found::add);
        }
        return matchDocumentsFromStream(found.stream(), query, orderBy, skip, limit, batchSize, fieldSelector);
    }

    /**
     * A query naming its documents by id ({@code {_id: {$in: [...]}, ...}}, as a join by ids is written): the ids are
     * held as a set, and the other conditions are planned as usual when their index reads fewer entries than there
     * are ids, the ids read one by one otherwise. The ids are then checked by the set (string, ObjectId and UUID ids
     * are equal exactly when the server would find them equal) and every other condition by the server's matcher:
     * the server's own {@code $in} compares each document with every id in the list, which for a few thousand ids
     * cost more than reading the documents.
     */
    private QueryResult queryByIds(Document query, Set<Object> ids, Document orderBy, int skip, int limit,
                                   int batchSize, Document fieldSelector) {
        Document rest = new Document();
        query.forEach((field, condition) -> {
            if (!field.equals(ID)) {
                rest.put(field, condition);
            }
        });
        Document conditions = conditions(rest);
        Plan plan = conditions == null || conditions.isEmpty() ? null : best(conditions, orderBy, limit);
        if (plan != null && positions(plan).limit(ids.size() + 1L).count() <= ids.size()) {
            Stream<Object> positions = positions(plan);
            if (plan.index.multikey()) {
                Set<Object> seen = new HashSet<>();
                positions = positions.filter(seen::add);
            }
            Stream<Document> candidates = positions.filter(ids::contains).map(this::fetch).filter(Objects::nonNull);
            if (limit > 0 && plan.sorted) {
                List<Document> first = candidates.filter(d -> documentMatchesQuery(d, rest))
                        .limit((long) skip + limit).toList();
                return matchDocumentsFromStream(first.stream(), rest, orderBy, skip, limit, batchSize, fieldSelector);
            }
            return matchDocumentsFromStream(candidates, rest, orderBy, skip, limit, batchSize, fieldSelector);
        }
        Stream<Document> byId = ids.stream().map(this::fetch).filter(Objects::nonNull);
        return matchDocumentsFromStream(byId, rest, orderBy, skip, limit, batchSize, fieldSelector);
    }

    /** The ids of {@code {_id: {$in: [...]}}} at the query's top level, when they are all strings, ObjectIds or UUIDs. */
    private static Set<Object> idsIn(Document query) {
        if (!(query.get(ID) instanceof Document operators) || operators.size() != 1
                || !(operators.get("$in") instanceof List<?> values)) {
            return null;
        }
        Set<Object> ids = new HashSet<>();
        for (Object value : values) {
            if (!(value instanceof String || value instanceof ObjectId || value instanceof UUID)) {
                return null;
            }
            ids.add(value);
        }
        return ids;
    }

    @Override
    protected QueryResult matchDocuments(Document query, Document orderBy, int skip, int limit, int batchSize,
                                         Document fieldSelector) {
        if (!getCollectionName().startsWith("system.")) {
            fullScans.get().record(getCollectionName(), query.keySet(),
                    orderBy == null ? List.of() : orderBy.keySet());
        }
        return super.matchDocuments(query, orderBy, skip, limit, batchSize, fieldSelector);
    }

    private Plan best(Document conditions, Document orderBy, int limit) {
        Plan best = null;
        for (Index<Object> index : getIndexes()) {
            if (index instanceof OrderedIndex ordered) {
                Plan plan = plan(ordered, conditions, orderBy, limit);
                if (plan != null && (best == null || plan.score > best.score)) {
                    best = plan;
                }
            }
        }
        return best;
    }

    /**
     * The query's conditions with the clauses of a top-level $and lifted beside the other fields (every clause must
     * hold, so each narrows like a field of its own), or null when two clauses constrain the same field.
     */
    private static Document conditions(Document query) {
        if (!(query.get("$and") instanceof List<?> clauses)) {
            return query;
        }
        Document lifted = new Document();
        query.forEach((field, condition) -> {
            if (!field.equals("$and")) {
                lifted.put(field, condition);
            }
        });
        for (Object clause : clauses) {
            if (!(clause instanceof Document c)) {
                return null;
            }
            Document inner = conditions(c);
            if (inner == null) {
                return null;
            }
            for (Map.Entry<String, Object> condition : inner.entrySet()) {
                if (lifted.containsKey(condition.getKey())) {
                    return null;
                }
                lifted.put(condition.getKey(), condition.getValue());
            }
        }
        return lifted;
    }

    /** {field: {$in: [a, b]}} read as the branches {field: a}, {field: b} of an $or; null when there is none. */
    private static List<Document> inAsBranches(Document conditions) {
        for (Map.Entry<String, Object> condition : conditions.entrySet()) {
            if (condition.getValue() instanceof Document operators && operators.size() == 1
                    && operators.get("$in") instanceof List<?> values && !values.isEmpty()
                    && values.stream().allMatch(IndexedH2Collection::scalar)) {
                List<Document> branches = new ArrayList<>();
                for (Object value : values) {
                    Document branch = new Document();
                    conditions.forEach((field, other) -> {
                        if (!field.equals(condition.getKey()) && !field.equals("$or")) {
                            branch.put(field, other);
                        }
                    });
                    branch.put(condition.getKey(), value);
                    branches.add(branch);
                }
                return conditions.containsKey("$or") ? null : branches;
            }
        }
        return null;
    }

    /** The fields beside an $or together with one of its branches, or null when they share a field. */
    private static Document merged(Document conditions, Document branch) {
        Document merged = new Document();
        conditions.forEach((field, condition) -> {
            if (!field.equals("$or")) {
                merged.put(field, condition);
            }
        });
        for (Map.Entry<String, Object> condition : branch.entrySet()) {
            if (merged.containsKey(condition.getKey())) {
                return new Document(condition.getKey(), condition.getValue());
            }
            merged.put(condition.getKey(), condition.getValue());
        }
        return merged;
    }

    private Stream<Object> positions(Plan plan) {
        return StreamSupport.stream(plan.index.positions(plan.low, plan.high, plan.reverse).spliterator(), false);
    }

    private Stream<Document> candidates(Plan plan) {
        Stream<Object> positions = positions(plan);
        if (plan.index.multikey()) {
            Set<Object> seen = new HashSet<>();
            positions = positions.filter(seen::add);
        }
        return positions.map(this::fetch).filter(Objects::nonNull);
    }

    /** One document read for a planned query, counted. */
    private Document fetch(Object position) {
        LongAdder counter = documentsRead;
        if (counter == null) {
            counter = fullScans.get().documentsRead(getCollectionName());
            documentsRead = counter;
        }
        counter.increment();
        return getDocument(position);
    }

    /** {@code keys}: how many of the index's keys narrow the read (equal values, then a range if {@code range}). */
    private record Plan(OrderedIndex index, OrderedIndex.Entry low, OrderedIndex.Entry high, boolean reverse,
                        boolean sorted, int score, int keys, boolean range) {
    }

    /** How this index narrows the query, or null when it cannot. */
    private static Plan plan(OrderedIndex index, Document query, Document orderBy, int limit) {
        List<String> fields = index.fields();
        List<Object> prefix = new ArrayList<>();
        int next = 0;
        while (next < fields.size() && query.containsKey(fields.get(next))) {
            Object condition = query.get(fields.get(next));
            // {field: null} matches null and missing alike, and the index keeps both as null
            Object value = condition == null ? null : equalTo(condition);
            if (condition != null && value == null) {
                break;
            }
            prefix.add(value);
            next++;
        }
        Object lower = null;
        Object upper = null;
        boolean lowerIncluded = true;
        boolean upperIncluded = true;
        if (next < fields.size() && query.get(fields.get(next)) instanceof Document operators
                && !operators.isEmpty() && operators.keySet().stream().allMatch(k -> k.startsWith("$"))) {
            for (Map.Entry<String, Object> operator : operators.entrySet()) {
                if (!RANGES.contains(operator.getKey()) || !scalar(operator.getValue())) {
                    continue;
                }
                switch (operator.getKey()) {
                    case "$gt" -> { lower = operator.getValue(); lowerIncluded = false; }
                    case "$gte" -> { lower = operator.getValue(); lowerIncluded = true; }
                    case "$lt" -> { upper = operator.getValue(); upperIncluded = false; }
                    default -> { upper = operator.getValue(); upperIncluded = true; }
                }
            }
        }
        boolean range = lower != null || upper != null;

        List<String> sortFields = new ArrayList<>();
        List<Integer> sortDirections = new ArrayList<>();
        if (orderBy != null) {
            for (Map.Entry<String, Object> sort : orderBy.entrySet()) {
                int position = fields.indexOf(sort.getKey());
                if (position >= 0 && position < prefix.size()) {
                    continue; // one value only: it orders nothing
                }
                sortFields.add(sort.getKey());
                sortDirections.add(sort.getValue() instanceof Number n && n.intValue() < 0 ? -1 : 1);
            }
        }
        // entries sharing every key value follow in the order of their document's position, which is its _id: a
        // last sort key _id after keys covering the rest of the index is the index's own order (ascending when read
        // forwards, descending when read backwards); positions of one type compare as the server compares them
        Integer idDirection = null;
        if (sortFields.size() > 1 && sortFields.get(sortFields.size() - 1).equals(ID) && !fields.contains(ID)
                && prefix.size() + sortFields.size() - 1 == fields.size()) {
            idDirection = sortDirections.remove(sortDirections.size() - 1);
            sortFields.remove(sortFields.size() - 1);
        }
        boolean sorted = sortFields.isEmpty();
        boolean reverse = false;
        if (!sorted && !index.multikey() && prefix.size() + sortFields.size() <= fields.size()) {
            boolean forward = true;
            boolean backward = true;
            for (int i = 0; i < sortFields.size(); i++) {
                int key = prefix.size() + i;
                if (!fields.get(key).equals(sortFields.get(i))) {
                    forward = false;
                    backward = false;
                    break;
                }
                int indexDirection = index.ascending(key) ? 1 : -1;
                forward &= sortDirections.get(i) == indexDirection;
                backward &= sortDirections.get(i) == -indexDirection;
            }
            if (idDirection != null) {
                forward &= idDirection > 0;
                backward &= idDirection < 0;
            }
            sorted = forward || backward;
            reverse = !forward && backward;
        } else if (idDirection != null) {
            sorted = false;
        }
        boolean ordersThePage = sorted && !sortFields.isEmpty() && limit > 0;
        if (prefix.isEmpty() && !range && !ordersThePage) {
            return null;
        }
        // bounds in the index's order (a descending key reads its upper bound first)
        boolean ascending = next < fields.size() && index.ascending(next);
        Object first = ascending ? lower : upper;
        Object last = ascending ? upper : lower;
        boolean firstIncluded = ascending ? lowerIncluded : upperIncluded;
        boolean lastIncluded = ascending ? upperIncluded : lowerIncluded;
        OrderedIndex.Entry low = first == null ? OrderedIndex.probe(prefix, OrderedIndex.Bound.LOW)
                : OrderedIndex.probe(with(prefix, first),
                        firstIncluded ? OrderedIndex.Bound.LOW : OrderedIndex.Bound.HIGH);
        OrderedIndex.Entry high = last == null ? OrderedIndex.probe(prefix, OrderedIndex.Bound.HIGH)
                : OrderedIndex.probe(with(prefix, last),
                        lastIncluded ? OrderedIndex.Bound.HIGH : OrderedIndex.Bound.LOW);
        int score = prefix.size() * 4 + (range ? 2 : 0) + (ordersThePage ? 3 : 0) + (sorted ? 1 : 0);
        return new Plan(index, low, high, reverse, sorted, score, prefix.size() + (range ? 1 : 0), range);
    }

    private static List<Object> with(List<Object> prefix, Object value) {
        List<Object> values = new ArrayList<>(prefix);
        values.add(value);
        return values;
    }

    /** The single value a query field must equal, or null when it asks for anything else (null matches missing). */
    private static Object equalTo(Object condition) {
        if (scalar(condition)) {
            return condition;
        }
        if (condition instanceof Document operators && operators.size() == 1 && scalar(operators.get("$eq"))) {
            return operators.get("$eq");
        }
        return null;
    }

    private static boolean scalar(Object value) {
        // the server decodes a BSON date as an Instant
        return value instanceof String || value instanceof Number || value instanceof Boolean
                || value instanceof Instant || value instanceof Date || value instanceof ObjectId
                || value instanceof UUID;
    }
}
