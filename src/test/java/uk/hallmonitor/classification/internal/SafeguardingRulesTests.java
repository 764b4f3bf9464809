package uk.hallmonitor.classification.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each safety-net rule fires on the form it is for and stays quiet on the harmless phrasing closest to it. */
class SafeguardingRulesTests {

    private final TextNormaliser normaliser = new TextNormaliser(Lexicon.base());

    @ParameterizedTest(name = "{0}: \"{1}\"")
    @CsvSource(delimiter = '|', textBlock = """
            self-harm:kill-myself         | honestly might just kill myself tonight nobody cares                   | SELF_HARM
            self-harm:not-around-long     | dont worry about me, i wont be a problem for much longer               | SELF_HARM
            self-harm:better-off-without-me | everyone would be better off without me tbh                           | SELF_HARM
            self-harm:giving-things-away  | giving all my stuff away because im not gonna need it                   | SELF_HARM
            self-harm:painless-way        | whats the most painless way to go? asking for a friend                  | SELF_HARM
            self-harm:no-point            | there is no point in living anymore                                    | SELF_HARM
            self-harm:urged               | @jay_x just kys already nobody wants u here                            | SELF_HARM
            disclosure:adult-hurts-me     | my stepdad hits me when mum's at work                                  | DISCLOSURE
            disclosure:not-to-tell        | he said not to tell anyone what happens at his house                   | DISCLOSURE
            disclosure:no-food            | theres never any food at home so i eat at breakfast club               | DISCLOSURE
            disclosure:scared-to-go-home  | i'm scared to go home tonight                                          | DISCLOSURE
            threat:know-where             | I know where she lives, green door on Elm Road                          | THREAT
            threat:watch-your-back        | shame if something happened to that new car of yours mr davies         | THREAT
            threat:trouble-at-event       | there'll be trouble at sports day, you'll see                          | THREAT
            threat:weapon                 | im bringing a knife to school on monday                                | THREAT
            threat:you-are-finished       | ur dead when i see u after school                                      | THREAT
            grooming:secret               | this can be our little secret ok? dont tell your mum                   | SEXUAL
            grooming:mature-for-age       | you look so mature for your age hun                                    | SEXUAL
            grooming:private-app          | dm me babe i wont tell anyone x                                        | SEXUAL
            extremism:codes               | 1488 brothers, the day of the rope is coming                           | EXTREMISM
            extremism:call-to-gather      | everyone meet outside the mosque saturday, march against the invaders  | EXTREMISM
            """)
    void eachRuleCatchesTheFormItIsFor(String id, String text, String category) {
        List<SafeguardingRules.Match> matches = SafeguardingRules.find(normaliser.normalise(text).tokens());
        assertThat(matches).as(text).anySatisfy(m -> {
            assertThat(m.rule().id()).isEqualTo(id.strip());
            assertThat(m.rule().category()).isEqualTo(category.strip());
        });
    }

    @ParameterizedTest(name = "quiet: \"{0}\"")
    @CsvSource(delimiter = '|', textBlock = """
            this maths homework is killing me, literally dying
            the year 11 prom dresses are to die for
            I know where the lost property box is, by the office
            watch the match back on youtube, great goals
            there will be a raffle at sports day
            the knife crime workshop for year 9 was really useful
            you're dead funny mr ahmed, best assembly ever
            our little one loved the nativity
            dm me the term dates please
            the school must tell parents what happened, not keep it a secret
            my dad hit the roof when he saw the uniform prices
            we're giving away our old uniform, message me if you need any
            march against the cuts outside the town hall saturday
            i'd be better off getting the bus than waiting for this lift scheme
            """)
    void harmlessPhrasingsClosestToTheRulesStayQuiet(String text) {
        assertThat(SafeguardingRules.find(normaliser.normalise(text).tokens()).stream()
                .map(m -> m.rule().id()).collect(Collectors.toList())).as(text).isEmpty();
    }

    @Test
    void everyRuleHasACaseAbove() {
        assertThat(SafeguardingRules.RULES).hasSize(21);
    }
}
