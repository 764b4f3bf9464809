package uk.hallmonitor.connectors.fileimport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import uk.hallmonitor.connectors.CommentImport.Format;
import uk.hallmonitor.connectors.CommentImport.Imported;
import uk.hallmonitor.connectors.ConnectorException;
import uk.hallmonitor.connectors.ConnectorException.Kind;
import uk.hallmonitor.connectors.ConnectorFixtures;
import uk.hallmonitor.connectors.FetchedPost;

class ExportedCommentsTests {

    private final ExportedComments comments = new ExportedComments(ConnectorFixtures.CLOCK);

    private Imported csv(String text) {
        return comments.read(Format.CSV, text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void goodCsvRowsAreKeptAndEachBadRowIsReportedByItsLine() {
        Imported imported = csv("""
                id,author,text,postedAt,url,kind
                c1,Jo Parent,"Lovely assembly, thank you!",2026-11-20T15:04:00Z,https://fb.example/c1,
                c2,Sam,"A comment
                over two lines with \"\"quotes\"\"\",2026-11-20T16:00:00+01:00,,COMMENT
                c3,,no author here,2026-11-20T16:10:00Z,,
                c4,Lee,<b>bold</b> words,yesterday,,
                c5,Kim,wrong kind,2026-11-20T16:20:00Z,,SHOUT
                c1,Jo Parent,same id again,2026-11-20T16:30:00Z,,
                c6,Ash,too,many,cells,here,now
                c7,Future,from 2030,2030-01-01T00:00:00Z,,MENTION
                """);

        assertThat(imported.posts()).extracting(FetchedPost::platformPostId, FetchedPost::text).containsExactly(
                tuple("c1", "Lovely assembly, thank you!"),
                tuple("c2", "A comment\nover two lines with \"quotes\""),
                tuple("c7", "from 2030"));
        assertThat(imported.posts().get(1).postedAt()).isEqualTo(Instant.parse("2026-11-20T15:00:00Z"));
        assertThat(imported.posts().get(0).kind()).isEqualTo("COMMENT");
        assertThat(imported.posts().get(2).kind()).isEqualTo("MENTION");
        assertThat(imported.posts().get(2).postedAt()).isEqualTo(ConnectorFixtures.NOW);
        assertThat(imported.errors()).containsExactly(
                "line 5: author is missing",
                "line 6: postedAt 'yesterday' is not an ISO-8601 time with offset, e.g. 2026-11-22T09:30:00Z",
                "line 7: kind 'SHOUT' is not one of " + uk.hallmonitor.connectors.internal.PostKinds.ALL,
                "line 8: id c1 repeats line 2",
                "line 9: has 7 cells, the header has 6",
                "line 10: postedAt 2030-01-01T00:00:00Z is in the future; clamped to now (row kept)");
    }

    @Test
    void anUnclosedQuoteIsReportedOnTheRowWhereItOpens() {
        Imported imported = csv(
                "id,author,text,postedAt\nc1,Jo,fine,2026-11-20T15:04:00Z\nc2,Sam,\"never closed,2026-11-20T15:04:00Z\n");

        assertThat(imported.posts()).extracting(FetchedPost::platformPostId).containsExactly("c1");
        assertThat(imported.errors()).containsExactly("line 3: a quote opened on this row is never closed");
    }

    @Test
    void jsonCommentsAreReadFromAListOrACommentsField() {
        String json = """
                {"comments": [
                  {"id": "yt-1", "author": "Viewer", "authorId": "UC123", "text": "Great video &amp; music",
                   "postedAt": "2026-11-21T10:00:00Z", "inReplyToId": "video-9"},
                  {"id": 42, "author": "Numeric", "text": "ids may be numbers", "postedAt": "2026-11-21T11:00:00Z"},
                  {"id": "yt-3", "author": "NoDate", "text": "missing time"},
                  "not an object"
                ]}
                """;

        Imported imported = comments.read("export.json", json.getBytes(StandardCharsets.UTF_8));

        assertThat(imported.posts()).extracting(FetchedPost::platformPostId, FetchedPost::authorId, FetchedPost::text)
                .containsExactly(tuple("yt-1", "UC123", "Great video & music"),
                        tuple("42", "Numeric", "ids may be numbers"));
        assertThat(imported.errors()).containsExactly("comment 2: postedAt is missing", "comment 3: is not an object");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            CSV  | id,author,text                       | the CSV header lacks the columns [postedAt]
            CSV  | ''                                   | the CSV file is empty
            JSON | {"comments": 3}                      | must be a list of comments
            JSON | [{"id": "1",                         | the file is not JSON
            """)
    void aFileThatCannotBeReadAtAllIsMalformed(Format format, String content, String message) {
        assertThatThrownBy(() -> comments.read(format, content.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(ConnectorException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.MALFORMED);
                    assertThat(e.getMessage()).contains(message);
                });
    }

    @Test
    void aFileThatIsNotUtf8IsMalformed() {
        byte[] latin1 = "id,author,text,postedAt\n1,Zoë,x,2026-11-20T15:04:00Z\n".getBytes(StandardCharsets.ISO_8859_1);

        assertThatThrownBy(() -> comments.read(Format.CSV, latin1))
                .hasMessageContaining("not UTF-8");
    }

    @Test
    void anUnknownFileExtensionIsRefused() {
        assertThatThrownBy(() -> comments.read("comments.xlsx", new byte[0])).hasMessageContaining(".csv or .json");
    }
}
