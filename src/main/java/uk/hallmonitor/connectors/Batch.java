package uk.hallmonitor.connectors;

import java.time.Duration;
import java.util.List;

/**
 * What one poll returned: posts to store, the cursor to resume from once they are stored, how many posts were read
 * (X bills reads), problems met that did not stop the batch, and how long the platform asked us to wait.
 */
public record Batch(List<FetchedPost> posts, Cursor next, int reads, List<String> warnings, Duration retryAfter) {

    public Batch {
        posts = List.copyOf(posts);
        warnings = List.copyOf(warnings);
    }
}
