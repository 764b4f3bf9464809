package uk.hallmonitor.classification.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PersonalDataDetectorTests {

    private final PersonalDataDetector detector = new PersonalDataDetector();

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            ring her on 07700 900123 tonight           | phone number
            call +44 7700 900123                       | phone number
            landline 0161-496-0000                     | phone number
            she lives at LS6 2QT                       | postcode
            postcode is sw1a1aa                        | postcode
            email j.hughes1974@gmail.com now           | email
            he lives at 14 Elm Road                    | street address
            """)
    void findsUkPersonalData(String text, String kind) {
        assertThat(detector.find(text)).extracting(PersonalDataDetector.Finding::kind).contains(kind);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            we won 3-1 on the 21st
            year 7 trip costs £25
            see you at 3pm in room B12
            the score was 2 nil
            match on 12/03/2026 at 10am
            """)
    void leavesOrdinaryNumbersAlone(String text) {
        assertThat(detector.find(text)).isEmpty();
    }
}
