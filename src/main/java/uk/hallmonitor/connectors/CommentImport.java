package uk.hallmonitor.connectors;

import java.util.List;

/**
 * Reads a platform's exported comments (CSV or JSON) for platforms whose API a school cannot use. Good rows become
 * posts; each bad row is reported with its line (CSV) or index (JSON) and skipped.
 */
public interface CommentImport {

    /** The file formats understood. */
    enum Format { CSV, JSON }

    /** What an import produced: the posts read and one message per row that could not be read. */
    record Imported(List<FetchedPost> posts, List<String> errors) {
        public Imported {
            posts = List.copyOf(posts);
            errors = List.copyOf(errors);
        }
    }

    /** Parses the file; never throws for bad rows, only {@link ConnectorException} when the whole file is unusable. */
    Imported read(Format format, byte[] content);

    /** Guesses the format from a file name ({@code .csv}, {@code .json}) and parses. */
    default Imported read(String fileName, byte[] content) {
        String lower = fileName == null ? "" : fileName.toLowerCase(java.util.Locale.ROOT);
        if (lower.endsWith(".json")) {
            return read(Format.JSON, content);
        }
        if (lower.endsWith(".csv")) {
            return read(Format.CSV, content);
        }
        throw new ConnectorException(ConnectorException.Kind.MALFORMED,
                "file name must end in .csv or .json: " + fileName, null);
    }
}
