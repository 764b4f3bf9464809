package uk.hallmonitor.ownposts.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import uk.hallmonitor.ownposts.FindingKind;
import uk.hallmonitor.ownposts.RosterPupil;

/** The name finder's rules, one sentence each, against the synthetic roster in {@code ownposts/roster.csv}. */
class PupilNameFinderTests {

    static final List<RosterPupil> ROSTER = roster();
    private static final PupilNameFinder FINDER = PupilNameFinder.of(ROSTER, false);
    private static final PupilNameFinder FIRST_NAMES_ON = PupilNameFinder.of(ROSTER, true);

    static List<RosterPupil> roster() {
        try (InputStream in = PupilNameFinderTests.class.getResourceAsStream("/ownposts/roster.csv")) {
            RosterColumns.Parsed parsed = RosterColumns.read(new String(in.readAllBytes(), StandardCharsets.UTF_8),
                    Map.of());
            assertThat(parsed.problems()).isEmpty();
            return parsed.pupils();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What the finder reports, as "KIND:words" joined by "|", or "-" for nothing. */
    static String found(PupilNameFinder finder, String text) {
        List<PupilNameFinder.Match> matches = finder.find(text);
        if (matches.isEmpty()) {
            return "-";
        }
        return String.join("|", matches.stream().map(m -> (m.kind() == FindingKind.NO_PUBLISH_PUPIL ? "NO" : "NAME")
                + ":" + text.substring(m.start(), m.end())).toList());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '=', textBlock = """
            Well done Oliver Bennett for a super week!                = NAME:Oliver Bennett
            oliver bennett read beautifully in assembly                = NAME:oliver bennett
            Amelia Sutcliffe's poem made us all smile                  = NAME:Amelia Sutcliffe
            Millie Sutcliffe led the choir today                       = NAME:Millie Sutcliffe
            Star of the week: Oliver B. in Year 6                      = NAME:Oliver B
            Congratulations to Amelia S for her reading award          = NAME:Amelia S
            #WellDoneOliverBennett                                     = NAME:Oliver|NAME:Bennett
            #oliverbennett on the podium                               = NAME:#oliverbennett
            Anne-Marie Smith-Jones won the spelling bee                = NAME:Anne-Marie Smith-Jones
            Patrick O'Neill scored twice                               = NAME:Patrick O'Neill
            Patrick O’Neill’s goal was the winner                      = NAME:Patrick O’Neill
            Zoe Papadopoulos painted the mural                         = NAME:Zoe Papadopoulos
            Leon van der Merwe read the lesson                         = NAME:Leon van der Merwe
            GRACE ADEYEMI WON THE RACE                                 = NO:GRACE ADEYEMI
            Thank you Mr Bennett for running the trip                  = -
            Mrs Grace Holloway retires this Summer after 30 years      = -
            Miss O'Brien's class visited the library                   = -
            Oliver loved the trip                                      = -
            We sang Amazing Grace in assembly                          = -
            Grace Road will be closed for the fun run                  = -
            We hope you all have a lovely half term                    = -
            Hope you enjoyed the Summer Fair!                          = -
            See you all in the Summer term                             = -
            Will you join us for the Nativity?                         = -
            Well done Grace for your brilliant reading!                = NO:Grace
            A big thank you to Hope for helping at the fair            = NO:Hope
            Huge congratulations Siobhan!                              = NO:Siobhan
            Marcus and his team built a bridge                         = NO:Marcus
            Marcus Rashford visited our football club                  = -
            Dr Marcus spoke at assembly                                = -
            Our Ruby wedding anniversary cake sale                     = -
            Winter Abernethy and Ivy Bell sang a duet                  = NAME:Winter Abernethy|NAME:Ivy Bell
            the ivy bell on the gate rang                              = -
            Mrs May and Mr Hill took Year 3 to the farm                = -
            Ella May and Finn Hill took part                           = NAME:Ella May|NAME:Finn Hill
            """)
    void findsPupilsAndNotAdultsPlacesOrWords(String text, String expected) {
        assertThat(found(FINDER, text.strip())).isEqualTo(expected.strip());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '=', textBlock = """
            Oliver loved the trip                                      = NAME:Oliver
            Thanks to Teddy for the photos                             = NAME:Teddy
            Thank you Mr Bennett                                       = -
            """)
    void aSchoolMayAskForFirstNamesAlone(String text, String expected) {
        assertThat(found(FIRST_NAMES_ON, text.strip())).isEqualTo(expected.strip());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '=', textBlock = """
            Summer O'Brien                   = NO
            Summer                           = NO
            Amelia Sutcliffe                 = PUPIL
            """)
    void aNoPublishPupilIsReportedAsSuch(String name, String kind) {
        List<PupilNameFinder.Match> matches = FINDER.find("Lovely to see " + name.strip() + " at sports day");
        assertThat(matches).hasSize(1);
        assertThat(matches.get(0).kind()).isEqualTo(kind.strip().equals("NO") ? FindingKind.NO_PUBLISH_PUPIL
                : FindingKind.PUPIL_NAME);
    }
}
