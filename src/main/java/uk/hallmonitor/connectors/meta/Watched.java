package uk.hallmonitor.connectors.meta;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import uk.hallmonitor.connectors.internal.PagedStream.Entry;

/**
 * The recent posts whose comments each poll reads, kept in the cursor as {@code id@epochSeconds,...}: Graph has no
 * "all new comments on this Page" list, so comments are read post by post, for the newest few posts only.
 */
final class Watched {

    private Watched() {
    }

    static Map<String, Long> read(String remembered) {
        Map<String, Long> watched = new HashMap<>();
        if (remembered == null || remembered.isBlank()) {
            return watched;
        }
        for (String item : remembered.split(",")) {
            int at = item.lastIndexOf('@');
            if (at > 0 && item.substring(at + 1).matches("\\d{1,12}")) {
                watched.put(item.substring(0, at), Long.parseLong(item.substring(at + 1)));
            }
        }
        return watched;
    }

    /** Remembers a fetched post by its creation time; gives the entry back unchanged. */
    static Entry remember(Map<String, Long> watched, Entry entry) {
        // ids become cursor keys and Graph paths: only the digits and underscores Graph ids are made of
        if (entry.post() != null && entry.post().platformPostId().matches("[0-9_]{1,64}")) {
            watched.put(entry.post().platformPostId(), entry.post().postedAt().getEpochSecond());
        }
        return entry;
    }

    /** The newest {@code limit} posts, newest first. */
    static List<String> newest(Map<String, Long> watched, int limit) {
        return watched.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                        .thenComparing(Map.Entry.comparingByKey()))
                .limit(limit).map(Map.Entry::getKey).toList();
    }

    static String write(Map<String, Long> watched, List<String> kept) {
        return kept.stream().map(id -> id + "@" + watched.get(id)).collect(Collectors.joining(","));
    }

    /** Comment streams are named {@code c.<post id>}; a post id never holds a dot. */
    static String postOf(String key) {
        int end = key.indexOf('.', 2);
        return end < 0 ? key.substring(2) : key.substring(2, end);
    }
}
