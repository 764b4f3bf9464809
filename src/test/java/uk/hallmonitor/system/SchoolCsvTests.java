package uk.hallmonitor.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading MIS exports: quoting, separators, blank lines and the line each row started on. */
class SchoolCsvTests {

    @Test
    void quotedValuesKeepCommasQuotesAndLineBreaks() {
        List<List<String>> rows =
                SchoolCsv.cells("\uFEFFName,Email\r\n\"Jones, Sam \"\"SJ\"\"\",s@x.uk\r\n\r\n\"Two\nLines\",t@x.uk");
        assertThat(rows).containsExactly(List.of("Name", "Email"), List.of("Jones, Sam \"SJ\"", "s@x.uk"),
                List.of("Two\nLines", "t@x.uk"));
    }

    @Test
    void semicolonSeparatedExportsAreRead() {
        assertThat(SchoolCsv.cells("Forename;Surname\nAda;Okafor")).containsExactly(List.of("Forename", "Surname"),
                List.of("Ada", "Okafor"));
    }

    @Test
    void anUnclosedQuoteIsReportedWithItsLine() {
        assertThatThrownBy(() -> SchoolCsv.cells("Name\n\"Ada\nBen")).hasMessageContaining("line 2");
    }

    @Test
    void eachRowKeepsTheLineItStartedOn() {
        assertThat(SchoolCsv.rows("Name\n\n\"Ada\nOkafor\"\nBen")).extracting(SchoolCsv.Row::line)
                .containsExactly(1, 3, 5);
    }
}
