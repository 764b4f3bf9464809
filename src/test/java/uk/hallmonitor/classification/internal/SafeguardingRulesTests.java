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
            self-harm:kill-myself         | some days i just want to hang myself                                   | SELF_HARM
            self-harm:painless-way        | how many paracetamol is too many? genuine question                      | SELF_HARM
            self-harm:painless-way        | which bit of the wrist is the one that works                            | SELF_HARM
            self-harm:no-point            | he told me he doesn't see the point in living anymore                   | SELF_HARM
            self-harm:not-being-here      | my daughter says she's been thinking about not being here anymore       | SELF_HARM
            self-harm:not-being-here      | he keeps saying he wishes he was never born                             | SELF_HARM
            self-harm:not-being-here      | gave my xbox to my cousin today. won't be needing it                    | SELF_HARM
            self-harm:not-being-here      | sorted out who gets my guinea pigs. that's the last thing               | SELF_HARM
            self-harm:urged               | that head of year should go hang himself                                | SELF_HARM
            self-harm:urged               | drink bleach loser                                                      | SELF_HARM
            disclosure:adult-hurts-me     | is it ok that my older brother hits me until i cry                      | DISCLOSURE
            disclosure:locked-in-out      | mum locked me out again last night, slept in the shed                   | DISCLOSURE
            disclosure:locked-in-out      | can u get in trouble for not going home? i dont feel safe at home       | DISCLOSURE
            disclosure:marks-from-adult   | the bruises on my legs are from dad not from rugby like i told sir      | DISCLOSURE
            disclosure:marks-from-adult   | dad said if i tell the school about the belt he'll do it twice as hard  | DISCLOSURE
            disclosure:adult-gives-alcohol | the youth worker gave me vodka and said it was our thing               | DISCLOSURE
            disclosure:sextortion         | they said they'd send my pics to my mum unless i pay                    | DISCLOSURE
            disclosure:sextortion         | the boys in the year above keep making me send pics                     | DISCLOSURE
            threat:dead-man-walking       | Charlie in 8R you're a dead man walking on monday                       | THREAT
            threat:dead-man-walking       | enjoy ur last week of having a face kieran                              | THREAT
            threat:countdown-hoax         | Tick tock Mr Evans ⏰                                                   | THREAT
            threat:countdown-hoax         | Miss Begum leaves at 5 on a wednesday right? asking for reasons         | THREAT
            self-harm:method-questions    | how many of her tablets would be too many for someone my size          | SELF_HARM
            self-harm:means-named         | been using a compass on my arm in maths again                           | SELF_HARM
            self-harm:means-named         | my mate told me he won't make it to christmas and not to say            | SELF_HARM
            self-harm:means-named         | rope is cheap at b&q mate, treat yourself                               | SELF_HARM
            self-harm:means-named         | staff like you should drink antifreeze and save us all                  | SELF_HARM
            disclosure:forced-marriage    | my friend says they're taking her to pakistan after exams to get married | DISCLOSURE
            disclosure:forced-marriage    | her parents have taken her passport and she's crying every day          | DISCLOSURE
            disclosure:exploited          | he sent me money and now says i have to work it off                    | DISCLOSURE
            disclosure:exploited          | a man offered him £50 to drop off a parcel in Leeds                     | DISCLOSURE
            disclosure:exploited          | the kids next door are going through the bins for food again            | DISCLOSURE
            disclosure:telling-sideways   | how do i report my own dad without anyone knowing                       | DISCLOSURE
            disclosure:telling-sideways   | my foster carer's son comes into my room at night                        | DISCLOSURE
            disclosure:telling-sideways   | the bruise on my arm wasn't from netball                                | DISCLOSURE
            threat:property-and-body      | go on, give me another detention and see what happens to your car       | THREAT
            threat:property-and-body      | you reported my son. enjoy looking over your shoulder every night | THREAT
            threat:property-and-body      | tell him to enjoy his new trainers while he's still got feet             | THREAT
            threat:hoax-call              | phoned the school pretending to be police saying there's a man with a gun| THREAT
            threat:hoax-call              | someone told them there's a bomb in the sports hall and everyone went out | THREAT
            grooming:unseen               | what time does your mum get home? we can call then x                     | SEXUAL
            grooming:unseen               | message me on insta instead, the school email gets checked               | SEXUAL
            extremism:codes               | when dotr comes the diversity lot will be first                          | EXTREMISM
            extremism:codes               | Anders had a point about this country                                    | EXTREMISM
            threat:countdown-hoax         | there is a device in one of the toilets. you have one hour              | THREAT
            threat:find-you               | whoever keyed my mums car im finding u                                  | THREAT
            threat:find-you               | you blocked me but I know your kids go to Hillside, Mrs Patel           | THREAT
            grooming:secret               | keep it between us for now and don't bring your parents                 | SEXUAL
            grooming:private-app          | is ur door locked? want to facetime                                     | SEXUAL
            grooming:private-app          | move the chat to kik, it's safer                                        | SEXUAL
            extremism:codes               | HH from the lads in 10X 👋                                               | EXTREMISM
            extremism:codes               | 14 words. Secure the existence. Parents know what I mean                | EXTREMISM
            extremism:call-to-gather      | kids from the hotel at the park again. lads, tonight, we clear them out ourselves | EXTREMISM
            extremism:call-to-gather      | this guy online says he can get me to turkey and it's my duty           | EXTREMISM
            disclosure:cover-story        | mum made me say i fell down the stairs when the nurse asked             | DISCLOSURE
            disclosure:cover-story        | they kept me home till the marks faded, thats why i wasnt in            | DISCLOSURE
            disclosure:unsafe-at-home     | id rather be in isolation every single day than be at home              | DISCLOSURE
            disclosure:unsafe-at-home     | at least at school nobody hits me                                       | DISCLOSURE
            disclosure:threat-if-tell     | my uncle said he would hurt my cat if i ever told                       | DISCLOSURE
            disclosure:threat-if-tell     | if i say anything he'll start on my little brother instead              | DISCLOSURE
            disclosure:hunger             | school dinners are the only proper meal i get all week                  | DISCLOSURE
            disclosure:hunger             | at home we never have any food after wednesday                          | DISCLOSURE
            grooming:gaming-gifts         | its me, the one who sent u the vbucks. add me on snap                   | SEXUAL
            grooming:gaming-gifts         | ill give you robux if you turn your camera on                           | SEXUAL
            grooming:sneak-out            | could you sneak out after your parents are asleep? ill wait outside     | SEXUAL
            grooming:sneak-out            | just tell ur mum ur at a sleepover at Megans                            | SEXUAL
            self-harm:not-waking-up       | some nights i just want to go to sleep and never wake up                | SELF_HARM
            self-harm:not-waking-up       | nobody in 9C would care if Kai didnt wake up tomorrow                   | SELF_HARM
            self-harm:stockpiling         | been hiding my mums sleeping tablets in my sock drawer                  | SELF_HARM
            self-harm:method-questions    | how fast can you bleed out from a cut, serious question                 | SELF_HARM
            self-harm:method-questions    | what if you take the whole box of paracetamol, do you just sleep        | SELF_HARM
            self-harm:urged-sideways      | tell the new kid to go jump off the pier, nobody wants him here          | SELF_HARM
            self-harm:urged-sideways      | Lucas should just unalive himself tbh                                   | SELF_HARM
            self-harm:hiding-marks        | what foundation is best to cover my scars for the swimming lesson       | SELF_HARM
            self-harm:hiding-marks        | my friend told me she's been cutting again since christmas              | SELF_HARM
            self-harm:goodbye             | if im not at registration tomorrow dont look for me                     | SELF_HARM
            self-harm:goodbye             | i've written letters for everyone, they're under my pillow              | SELF_HARM
            grooming:parents-neednt-know  | ill get you the headphones, your mum doesn't need to know where from    | SEXUAL
            grooming:parents-neednt-know  | free tennis coaching for keen girls, no need to involve parents yet     | SEXUAL
            grooming:come-alone           | meet me by the bandstand sunday, come alone yeah                        | SEXUAL
            grooming:come-alone           | r u home alone tonight? ill call                                        | SEXUAL
            grooming:secret-chat          | dont tell anyone we talk, they wouldnt get it                           | SEXUAL
            grooming:secret-chat          | call me Sophie in ur contacts so ur dad doesnt ask                      | SEXUAL
            grooming:pictures             | send a pic without your school jumper, just to see                      | SEXUAL
            grooming:pictures             | u look way older than year 7 honestly                                   | SEXUAL
            """)
    void eachRuleCatchesTheFormItIsFor(String id, String text, String category) {
        List<SafeguardingRules.Match> matches = SafeguardingRules.find(normaliser.normalise(text));
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
            I can't see the point of the new homework app
            selling the old uniform, we won't be needing it anymore
            sorted out who gets my son from football on saturday, thanks all
            science week: never drink bleach or mix cleaning products, great talk from the nurse
            the caretaker locked us out of the hall at pick up again
            I don't feel safe walking past the building site at drop off
            the marks on my coursework are from the teacher and they're harsh
            the coach gave the kids free water and fruit at the tournament, lovely
            my son said it was just a game when he broke the window
            please don't post my photo on the school page unless i give permission
            we watched dead man walking in RE, powerful film about the death penalty
            year 2 planted bulbs and put them in the ground by the gate
            tick tock, only 3 days left to hand in the trip forms!
            the bomb squad demo at careers day was the bomb
            I'll find you a spare jumper from lost property
            my son is getting jumped every day after school and nobody does anything
            I'd hate for anything to happen to the kids crossing that road, fix the crossing
            please keep it brief at parents evening, there's a queue
            turn your camera on for the remote lesson please, year 9
            we learned about the SS and the Nazi salute in history, chilling
            the police should kick the dealers out of our park
            the government's national action plan for SEND is a joke
            my son wants to go to Syria? no, to Sydney, for his gap year
            we raised £1488 at the summer fair, thank you everyone
            only 88 days until the summer holidays
            year 7 has 88 boys and 92 girls this september
            i havent eaten anything since lunch, can we have snacks at the disco
            the bruises on his knees are from football, he plays in goal
            they kept him off school till the swelling went down after his tonsils op
            id rather be at home than stuck in traffic outside the school every day
            wish i could stay at school late for robotics club every night
            mum said she'll kill my dog if he chews her shoes again
            ill do the same to my little brother next year when he starts reception
            school dinners are the only thing my fussy son eats without a fight
            we dont have food tech at the moment because the ovens are broken
            my son spent all the robux his nan gave him in one day
            ill give you robux for christmas if you do your homework all term
            my son tried to sneak out of the house to see the fireworks
            tell your mum about the free revision sessions on thursdays
            the early start means my teenager wants to go back to sleep and skip breakfast
            year 10 need to wake up tomorrow and hand in their coursework
            the school is collecting the tablets back before the summer, please charge them
            the year 9 bleed kit first aid session was excellent
            take all of your PE kit home for washing at half term
            how many tablets does the school have for year 4, they had to share
            the lads jumped off the bus and ran to the chippy
            the pier was packed on the year 6 trip
            we walked along the sea front for the geography fieldwork
            the council has been cutting the grass on the field at last
            the school keeps cutting corners on cleaning
            please don't look for me at the gate, I'll be at the office
            I've written to everyone on the governing body about the bus and heard nothing
            parents don't need to come in for the flu spray this year
            please mention it to your form tutor if you lose your bus pass
            the bus comes at 8 and the kids come on their own from year 7
            we used a compass in maths to draw circles on my worksheet
            the parcel from the PTA won't make it by christmas, royal mail are striking
            the rope swing at the park is cheap fun for the kids
            science week: never drink antifreeze or anything from the garage, great talk
            my son is taking his girlfriend to Paris after exams to celebrate
            the school has taken her passport for the Berlin trip, is that normal
            I ate too much at the fair, I'll have to work it off this week
            can someone drop off a parcel at reception for Mrs Lane
            the foxes are going through the bins for food on Elm Road again
            how do I buy a present for my wife without her knowing
            my cat comes into my room when I'm revising
            the bruise on my arm was from netball, the ball hit me
            watch what happens to the prices after half term
            road safety week: check your brakes and lights before every ride
            year 4 loved pretending to be police officers in role play week
            what time does the coach get back from the trip
            the ceremony for the year 6 leavers is in the hall
            I had to wait in my car for 40 minutes at pick up
            what are you wearing for world book day? year 3 want ideas
            don't tell anyone the end of the school play, it's a surprise
            our secret santa is on the last friday of term
            I didn't want the teachers to see my phone so I kept it in my bag, fair enough it's the rule
            my son was sent home without his school jumper in the rain
            the year 11s looked so grown up at prom, older than year 13 some of them
            """)
    void harmlessPhrasingsClosestToTheRulesStayQuiet(String text) {
        assertThat(SafeguardingRules.find(normaliser.normalise(text)).stream()
                .map(m -> m.rule().id()).collect(Collectors.toList())).as(text).isEmpty();
    }

    @ParameterizedTest(name = "numeric code: \"{0}\"")
    @CsvSource(delimiter = '|', textBlock = """
            1488 brothers stand together
            14/88 stay proud lads
            proud of my roots 14 88
            HH 88 from the boys behind the sports hall
            white pride 88 wake up
            """)
    void numericExtremistCodesReachTheRulesAlthoughTheModelsSeeOneNumberToken(String text) {
        NormalisedText normalised = normaliser.normalise(text);
        assertThat(SafeguardingRules.find(normalised)).as(text)
                .anySatisfy(m -> assertThat(m.rule().id()).isEqualTo("extremism:codes"));
        // the models still see the placeholder, so their features (and the shipped models) are unchanged
        assertThat(normalised.tokens()).as(text).doesNotContain("1488", "14", "88").contains("__num");
    }

    @Test
    void daysWithoutFoodWrittenAsANumberAreADisclosure() {
        assertThat(SafeguardingRules
                .find(normaliser.normalise("i havent eaten anything for 3 days, mum says theres no money")))
                .anySatisfy(m -> assertThat(m.rule().id()).isEqualTo("disclosure:no-food"));
    }

    @Test
    void everyRuleHasACaseAbove() {
        assertThat(SafeguardingRules.RULES).hasSize(52);
    }
}
