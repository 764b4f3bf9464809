package uk.hallmonitor.connectors.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PlainTextTests {

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            <p>Well done <span class="h-card"><a href="https://x.y/@Year6">@<span>Year6</span></a></span>!</p> | Well done @Year6!
            Fish &amp; chips &lt;3 &#39;yum&#39; &#x1F600;                                                  | Fish & chips <3 'yum' 😀
            <script>alert('x')</script>Hello<style>p{}</style>                                              | Hello
            <b>bold</b> and &unknown; stays                                                                  | bold and &unknown; stays
            plain text, no markup                                                                            | plain text, no markup
            &#0; is not a character                                                                          | &#0; is not a character
            """)
    void htmlBecomesPlainText(String html, String expected) {
        assertThat(PlainText.of(html)).isEqualTo(expected);
    }

    @org.junit.jupiter.api.Test
    void paragraphsAndBreaksBecomeLineBreaks() {
        assertThat(PlainText.of("<p>one</p><p>two<br/>three</p>")).isEqualTo("one\ntwo\nthree");
    }
}
