package uk.hallmonitor.classification.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TextNormaliserTests {

    private final TextNormaliser normaliser = new TextNormaliser(Lexicon.base());

    private String tokens(String text) {
        return String.join(" ", normaliser.normalise(text).tokens());
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', textBlock = """
            you are an 1d10t              | you are an idiot
            what a f*ck1ng joke           | what a fucking joke
            f u c k off                   | fuck off
            f.u.c.k off                   | fuck off
            fuuuuuuck this                | fuck this
            sh!t day                      | shit day
            b@stard                       | bastard
            c*nt                          | cunt
            @Mr_Hughes you idiot          | @user you idiot
            see https://t.co/xyz now      | see url now
            IDIOT                         | idiot
            soooooo good                  | soo good
            I am a teacher                | i am a teacher
            Year 7 trip on the 21st       | year __num trip on the 21st
            """)
    void undoesTheUsualObfuscations(String input, String expected) {
        assertThat(tokens(input)).isEqualTo(expected);
    }

    @Test
    void modelsSeeNumberPlaceholdersWhileTheRulesSeeTheNumbersAsWritten() {
        NormalisedText text = normaliser.normalise("1488 lads, £20 each, since 2019, 14/88");
        assertThat(String.join(" ", text.tokens())).isEqualTo("__num lads __num each since __year __num __num");
        assertThat(String.join(" ", text.ruleTokens())).isEqualTo("1488 lads £20 each since 2019 14 88");
        assertThat(tokens("$5 or £5")).isEqualTo("__num or __num");
        assertThat(tokens("$$$ free money")).isEqualTo("free money");
    }

    @Test
    void removesZeroWidthAndDirectionCharactersInsideWords() {
        assertThat(tokens("id\u200Bi\u200Dot")).isEqualTo("idiot");
        assertThat(tokens("\u202Eidiot\u202C")).isEqualTo("idiot");
        assertThat(tokens("\uFEFFmoron")).isEqualTo("moron");
    }

    @Test
    void foldsDecorativeAlphabetsAndLookAlikeLetters() {
        assertThat(tokens("ｉｄｉｏｔ")).isEqualTo("idiot");
        assertThat(tokens("\uD835\uDC22\uD835\uDC1D\uD835\uDC22\uD835\uDC28\uD835\uDC2D")).isEqualTo("idiot");
        assertThat(tokens("іdіоt")).isEqualTo("idiot"); // Cyrillic і and о
        assertThat(tokens("naïve café")).isEqualTo("naive cafe");
    }

    @Test
    void mapsEmojiToPlaceholderTokens() {
        assertThat(tokens("🖕🖕")).isEqualTo("__emo_finger __emo_finger");
        assertThat(tokens("well done 👏🏽")).isEqualTo("well done __emo_happy");
    }

    @Test
    void marksShoutingAfterTheWords() {
        assertThat(tokens("YOU ARE USELESS")).isEqualTo("you are useless __shout");
    }

    @Test
    void cutsHugeTextAtACodePointBoundary() {
        String huge = "😀".repeat(60_000);
        NormalisedText text = normaliser.normalise(huge);
        assertThat(text.cleaned().length()).isLessThanOrEqualTo(TextNormaliser.MAX_CHARS);
        assertThat(text.tokens()).hasSizeLessThanOrEqualTo(TextNormaliser.MAX_TOKENS + 1);
        String words = "word ".repeat(25_000);
        assertThat(normaliser.normalise(words).tokens()).hasSize(TextNormaliser.MAX_TOKENS);
    }

    @Test
    void survivesBinaryJunkAndBrokenSurrogates() {
        byte[] junk = new byte[4096];
        new Random(1).nextBytes(junk);
        NormalisedText text = normaliser.normalise(new String(junk, StandardCharsets.ISO_8859_1));
        assertThat(text.cleaned()).doesNotContain("\u0000");
        assertThat(normaliser.normalise("abc\uD800def").tokens()).containsExactly("abcdef");
        assertThat(normaliser.normalise(null).tokens()).isEmpty();
        assertThat(normaliser.normalise("").tokens()).isEmpty();
    }
}
