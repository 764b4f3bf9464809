package uk.hallmonitor.classification.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The safety net under the models: phrases (never single words) that say a child or an adult is at risk in ways a
 * statistical model can miss because they use no alarming vocabulary — suicidal ideation said sideways, veiled
 * threats, an adult's approach to a pupil, coded extremist slogans, a disclosure of abuse at home. Each rule names
 * its category and whether it is about the writer (a first-person disclosure or self-harm goes to the DSL as
 * CRITICAL even when nothing in it is offensive). Matched on the normaliser's rule tokens (lower case, apostrophes
 * dropped, leetspeak undone, numbers as written: {@code 1488}, not the models' {@code __num}), joined by single
 * spaces. Each rule has a positive and a near-miss case in
 * {@code SafeguardingRulesTests}.
 */
public final class SafeguardingRules {

    /**
     * One rule.
     *
     * @param id          a stable name, shown in the verdict's explanation
     * @param category    the category it flags
     * @param firstPerson whether a match is the writer speaking about themself
     * @param pattern     the phrase, over space-joined tokens
     */
    public record Rule(String id, String category, boolean firstPerson, Pattern pattern) {
    }

    /** A rule that matched. */
    public record Match(Rule rule, String text) {
    }

    private static final String I = "(?:i|im|i am|ive|i have|id|i would|ill|i will)";
    private static final String ADULT = "(?:dad|stepdad|step dad|mum|mam|mom|stepmum|step mum|uncle|auntie|aunt|"
            + "grandad|granddad|nan|brother|sister|cousin|carer|foster (?:mum|dad)|mums boyfriend|mums bf|"
            + "mums partner|dads girlfriend|dads partner|coach|tutor|teacher|neighbour|babysitter)";
    private static final String HURTS = "(?:hits|hit|beats|beat|punches|punched|kicks|kicked|slaps|slapped|hurts|"
            + "hurt|chokes|choked|burns|burned|burnt|touches|touched|strangles|throws things at|locks)";

    static final List<Rule> RULES = List.of(
            // self-harm and suicidal ideation, about oneself
            rule("self-harm:kill-myself", "SELF_HARM", true,
                    "(?:kill|hurt|cut|harm|starve|hang) myself|(?:end|take) my (?:own )?life|ending my life"),
            rule("self-harm:not-around-long", "SELF_HARM", true,
                    "(?:wont|will not|not going to) be (?:a problem|around|here|a burden) (?:for )?(?:much|any) longer"),
            rule("self-harm:better-off-without-me", "SELF_HARM", true,
                    "(?:everyone|everybody|they|family|yall|you all|world)(?: would| will|d)? be better off "
                            + "without me|better off (?:if i was|if i were|with me) (?:gone|dead|not here)"),
            rule("self-harm:giving-things-away", "SELF_HARM", true,
                    "giving (?:away )?(?:all )?my (?:stuff|things|belongings|games|clothes)(?: away)?(?: because| cos| "
                            + "coz| as) (?:i|im)|(?:written|writing|wrote) (?:my )?(?:goodbye|suicide) (?:notes?|letters?)"),
            rule("self-harm:painless-way", "SELF_HARM", false,
                    "(?:most )?painless (?:way|ways|method) to (?:die|go|end it)|how many (?:pills|tablets|paracetamol)"
                            + " (?:would it take|does it take|to (?:die|end it|not wake up)|is too many|would kill (?:you|me|someone))"
                            + "|(?:which|what) (?:bit|part) of the wrist"),
            rule("self-harm:no-point", "SELF_HARM", true,
                    "no (?:point|reason) (?:in )?(?:living|being alive|being here|carrying on|waking up)|"
                            + "(?:dont|do not) want to (?:wake up|be alive|exist) (?:anymore|any more|tomorrow)|"
                            + "(?:dont|doesnt|does not|cant) see (?:the|any) point (?:in|of) (?:living|life|being alive|going on)"),
            rule("self-harm:not-being-here", "SELF_HARM", false,
                    "(?:thinking|thought|talking|talked|talks) about not being (?:here|alive|around) (?:anymore|any more)|"
                            + "wish(?:es|ed)? (?:i|he|she) (?:was|were|had) never (?:been )?born|sorry for (?:being born|"
                            + "existing)|(?:wants|want|wanted) to be dead|might as well fail at living|(?:gave|giving|given) "
                            + "(?:away )?my .{0,60}(?:wont|will not) be needing|(?:sorted|sorting) (?:out )?(?:who|whos) (?:gets|is "
                            + "getting|getting|can have) my (?:stuff|things|pets|guinea pigs|cat|dog|room|bedroom|xbox|ps5|"
                            + "games|clothes|hoodies)"),
            rule("self-harm:urged", "SELF_HARM", false,
                    "\\bkys\\b|kill (?:yourself|urself|yourselves)|neck (?:yourself|urself)|"
                            + "do (?:us|everyone|everybody|the world) a favou?r and (?:die|disappear|end it|leave for good)"
                            + "|(?:go|just) (?:and )?(?:die|hang yourself|hang urself)"
                            + "|(?:should|needs to|need to|go and|go) (?:go )?(?:hang|neck|drown|kill) (?:yourself|urself|himself|"
                            + "herself|themselves)|(?:throw|throws) (?:yourself|urself|himself|herself|themselves) (?:under|off|"
                            + "in front of)|neck a bottle of (?:pills|tablets)|(?<!dont |do not |never )drink bleach|"
                            + "play on the motorway|(?:your|ur) existence is a mistake"),
            // round 5, from the out-of-fold misses of the training rows: self-harm said sideways or urged
            rule("self-harm:not-waking-up", "SELF_HARM", false,
                    "(?:go|going|want to|wanna|wants to|just) (?:to )?sleep and (?:not|never) wake up|"
                            + "(?:didnt|did not|dont|doesnt|never|not) wake up tomorrow"),
            rule("self-harm:stockpiling", "SELF_HARM", false,
                    "(?:saving|saved|collecting|collected|stockpiling|hoarding|hiding) (?:up )?(?:my |my mums |mums |my nans "
                            + "|nans |her |his )(?:sleeping )?(?:tablets|pills|paracetamol)"),
            rule("self-harm:method-questions", "SELF_HARM", false,
                    "(?:to|u|you|can|would|could) bleed out|(?:take|took|taking) (?:all|the whole box|a whole box|a whole "
                            + "packet|a load) (?:of )?(?:ur |your |my |mums |the )?(?:(?:sleeping )?pills|sleeping tablets|"
                            + "paracetamol|ibuprofen)|how many (?:of )?(?:those |the |my |mums |her |his )?(?:sleeping )?(?:pills|tablets|"
                            + "paracetamol|ibuprofen) (?:would be|is|are) too many|(?:ways|way) to die"),
            rule("self-harm:urged-sideways", "SELF_HARM", false,
                    "(?:should|go|needs to|need to|just) (?:go |just )?jump off (?:the|a) (?:bridge|roof|pier|cliff|multi "
                            + "storey|multistorey|building|tower)|(?:give|get|buy) (?:him|her|them|u|you) a rope|(?:unalive|off) "
                            + "(?:yourself|urself|himself|herself|themselves)|(?:slit|slash) (?:ur|your|his|her|my) wrists|"
                            + "(?:walk|walked|walking|walks) into the sea"),
            rule("self-harm:hiding-marks", "SELF_HARM", false,
                    "(?:hide|hiding|cover|covering) (?:up )?(?:my |her |his |the )?scars|been cutting (?:again|myself|"
                            + "herself|himself)|cut again last night|(?:cutting|harming|starving) (?:myself|herself|himself)|"
                            + "burning myself"),
            rule("self-harm:goodbye", "SELF_HARM", true,
                    "if (?:i|im|i am) (?:go missing|gone|not|dont turn up|disappear)\\b.{0,40}(?:dont|do not) (?:come )?"
                            + "look(?:ing)? for me|(?:ive|i have|i) (?:written|wrote) (?:letters|notes) "
                            + "(?:to|for) (?:everyone|everybody|my mum|my family|all of you)"),
            // round 7, from run R7's out-of-fold misses: self-harm done or urged without the usual words
            rule("self-harm:means-named", "SELF_HARM", false,
                    "(?:been )?(?:using|used|use) (?:a |the |my )?(?:compass|razor|blade|sharpener blade|pencil sharpener) "
                            + "on my (?:arm|arms|wrist|wrists|leg|legs|thigh|thighs|skin)|ping (?:them|it) (?:till|until) "
                            + "(?:it|they) (?:bruises|bruise|bleeds|bleed)|how to (?:not feel anything|stop existing) "
                            + "(?:forever|for good)|(?<!dont |do not |never |not to )(?:drink|swallow|neck) (?:some )?"
                            + "(?:antifreeze|a bottle of (?:something|bleach|pills|tablets))|ropes? (?:is |are )?(?:cheap|99p|a quid) "
                            + "at|(?:i|he|she) (?:wont|will not|is not going to|am not going to|not gonna|not going to) make it "
                            + "(?:to|till|until) (?:christmas|new year|the summer|summer|my birthday|results day)"),
            // disclosure of abuse or neglect
            rule("disclosure:adult-hurts-me", "DISCLOSURE", true,
                    "(?:(?:my|me|our) )?(?:older |big |little |younger )?" + ADULT
                            + " (?:always |keeps |sometimes |still |just )?"
                            + HURTS + " (?:me|us|my)"),
            rule("disclosure:locked-in-out", "DISCLOSURE", true,
                    "(?:mum|mam|mom|dad|stepdad|step dad|stepmum|nan|grandad|he|she) (?:locks|locked|shuts|shut) (?:me|us) "
                            + "(?:in|out)|(?:got|get|was|been|were) (?:shut|locked) (?:in|out "
                            + "of) (?:the|my|a|our) (?:shed|coal shed|room|bedroom|cupboard|house|garden|wardrobe)|"
                            + "(?:dont|do not) feel safe (?:at home|going home|in my house|in our house|with my "
                            + ADULT + ")"),
            rule("disclosure:marks-from-adult", "DISCLOSURE", true,
                    "(?:bruises|burns?|cuts|handprint) (?:on (?:my|his|her) \\w+ )?(?:are|is|were|was) from (?:my |his "
                            + "|her )?" + ADULT + "|(?:marks|bruises) " + ADULT
                            + " did (?:them|it|that)|(?:said|says) if i "
                            + "tell (?:anyone|anybody|the school|school|a teacher|my teacher|the teacher|miss|sir)"),
            rule("disclosure:adult-gives-alcohol", "DISCLOSURE", false,
                    "(?:gave|gives|give|giving) (?:me|us|them|the kids|my son|my daughter) (?:free )?(?:\\w+ and )?"
                            + "(?:vodka|beer|alcohol|vapes|weed|drugs|cigarettes)|(?:said|says|told (?:me|her|him|them)) "
                            + "(?:its|it is|it was|this is) (?:our|their) (?:little )?(?:secret|game|thing)|"
                            + "(?:a|our|their) secret game|a game for grown ups"),
            rule("disclosure:sextortion", "DISCLOSURE", false,
                    "(?:post|send|share|show) (?:my|your|ur|her|his) (?:pics?|nudes|video|photos?|pictures?) .{0,40}"
                            + "(?:unless|if (?:i|you|u|she|he) (?:dont|do not|doesnt)) (?:i |you |u |she |he )?(?:pay|send)|(?:making|make|made|keep making|keeps making) (?:me|her|him) (?:send|sending) "
                            + "(?:pics|pictures|photos|nudes)"),
            rule("disclosure:not-to-tell", "DISCLOSURE", true,
                    "(?:he|she|they|him|her) (?:said|says|told me|tells me|made me promise) (?:not to|to never|never to"
                            + "|i cant|i mustnt|i must not) tell (?:anyone|anybody|no one|nobody|my mum|my dad|a teacher)"),
            rule("disclosure:no-food", "DISCLOSURE", true,
                    "(?:theres|there is|there s) (?:never|no) (?:any )?food (?:at|in (?:the|our|my)) (?:home|house|flat)"
                            + "|(?:havent|have not|hasnt) (?:had|eaten) (?:anything|food|a meal) (?:since|for) "
                            + "(?:friday|the weekend|days|[2-9] days|two days|three days|four days)"),
            rule("disclosure:scared-to-go-home", "DISCLOSURE", true,
                    "(?:scared|afraid|frightened|terrified) (?:to go|of going) home|(?:dont|do not) (?:want|wanna) to "
                            + "go home (?:because|cos|coz|when) (?:he|she|my)"),
            rule("disclosure:cover-story", "DISCLOSURE", true,
                    "(?:made|makes|make|told|tells) (?:me|us|him|her) (?:to )?say (?:i|we|he|she) (?:fell|tripped|walked "
                            + "into)|(?:so|till|until) the (?:bruises?|marks|swelling) (?:can |have |has )?(?:go down|gone "
                            + "down|fade|faded|heal|healed)"),
            rule("disclosure:unsafe-at-home", "DISCLOSURE", true,
                    "(?:id|i would) rather be (?:\\w+ ){1,5}than (?:be |go )?(?:at home|home)|(?:(?:at|in) school at least|at "
                            + "least (?:at|in) school) (?:no one|nobody|noone) (?:hits|hurts|shouts at|touches) me|home is the (?:worst|scariest) "
                            + "place|wish i could live at school"),
            rule("disclosure:threat-if-tell", "DISCLOSURE", false,
                    "(?:kill|hurt|drown|get rid of) (?:my|our|their|his|her|your|ur) (?:dog|cat|pet|puppy|rabbit|hamster)s? "
                            + "if (?:i|we|they|he|she|you|u) (?:ever )?(?:tell|told|tells|say|said)|(?:do it|do that|start) "
                            + "(?:to|on) my (?:little |baby |younger )?(?:sister|brother) instead"),
            rule("disclosure:hunger", "DISCLOSURE", true,
                    "(?:free school|school) (?:meals?|dinners?|lunch|lunches) (?:are|is) the only (?:food|meal|proper meal|"
                            + "hot meal)|(?:its|it is|thats|that is) the only (?:time|meal|food) i (?:eat|get)|(?:we|i) "
                            + "(?:dont|do not|never) have (?:any )?food (?:at home|most nights|most days|at weekends)|at home "
                            + "we (?:dont|do not|never) have (?:any )?food|(?:dont|do not|never) (?:get|have) (?:any )?"
                            + "breakfast or (?:tea|dinner) (?:most|at home)|(?:dont|do not|never) eat at weekends"),
            // round 7, from run R7's out-of-fold misses: forced marriage and cutting, exploitation, hidden harm
            rule("disclosure:forced-marriage", "DISCLOSURE", false,
                    "(?:sending|send|sent|taking|take|took) (?:me|her|him|us|my (?:daughter|sister|son)) (?:back )?to \\w+ "
                            + "(?:\\w+ ){0,4}to (?:get|be) married|"
                            + "traditional cutting|ceremony to become a woman|(?:parents|mum|dad|they|theyve|have) (?:have )?"
                            + "(?:taken|took|hidden|hid) (?:her|his|my) passport"),
            rule("disclosure:exploited", "DISCLOSURE", false,
                    "(?:carrying|selling|dealing|sell|sold|carry) (?:drugs )?for (?:a gang|some lads|the lads|older lads|"
                            + "some older lads)|(?:says|said) (?:i|you|u|we) (?:have to|got to|gotta|must) work it off|(?:offered|"
                            + "offering|paid|pay|paying) (?:me|him|her|us|them) .{0,20}to drop off a parcel|(?:works|working) for "
                            + "(?:his|her|my) uncles|(?:living|sleeping|slept|lived) in (?:the|a|our) car since|left (?:alone|on "
                            + "their own|home alone) for (?:days|the weekend|nights)|(?:kids|children|they|them|he|she|hes|shes) "
                            + "(?:\\w+ ){0,3}(?:going|go|looking) through (?:the )?bins for food"),
            rule("disclosure:telling-sideways", "DISCLOSURE", true,
                    "(?:report|tell on) (?:ur|your|my) own (?:dad|mum|stepdad|parents)|without (?:getting )?(?:my|your|ur) "
                            + "(?:dad|mum|stepdad|step dad|parents) (?:arrested|knowing it was)|without (?:him|her) knowing it "
                            + "was (?:me|u|you)|(?:someone|somebody) in "
                            + "(?:your|my|ur) family (?:hurts|hits|touches) (?:you|u|me)|(?:did|does|doing|do) things to "
                            + "(?:me|them|us|her|him) (?:in|when|at)|comes into my room (?:at night|when (?:shes|she is|mums|mum is|"
                            + "my mums|my mum is) out)|(?:bruise|bruises|marks?) on my \\w+ "
                            + "(?:\\w+ )?(?:wasnt|werent|isnt|arent|was not|were not) from"),
            // threats, veiled and conditional
            rule("threat:know-where", "THREAT", false,
                    "(?:i|we) know where (?:you|u|she|he|they|your (?:kids|family|mum|son|daughter)) (?:live|lives|"
                            + "go to school|park)|(?:i|we) know whose (?:kids|children|child|son|daughter)"),
            rule("threat:watch-your-back", "THREAT", false,
                    "watch (?:your|ur) back|(?:shame|pity) if something (?:happened|was to happen|were to happen|"
                            + "happens) to"),
            rule("threat:trouble-at-event", "THREAT", false,
                    "(?:there will|therell|there ll|going to|gonna) be (?:trouble|blood|consequences) (?:at|on|after)"),
            rule("threat:weapon", "THREAT", false,
                    "(?:bring|bringing|brought|carry|carrying) (?:a |my )?(?:knife|blade|machete|gun|shank) "
                            + "(?:to|into|in) (?:school|class|the gates|the match)|(?:bomb|shoot up|blow up) the school"),
            rule("threat:dead-man-walking", "THREAT", false,
                    "(?:youre|ur|your|hes|shes|is|are) (?:a )?dead (?:man|men|meat) walking|(?:youre|ur|hes|shes|is) dead meat|enjoy (?:ur|your|his|her) last "
                            + "(?:week|day|days) of having|(?:put|putting|send|sending) (?:you|u|him|her|(?:mr|mrs|miss|"
                            + "ms|sir) \\w+) in (?:hospital|a wheelchair|the ground|a coffin)"),
            rule("threat:countdown-hoax", "THREAT", false,
                    "tick tock (?:mr|mrs|miss|ms|sir)|countdown to the end of (?:mr|mrs|miss|ms|sir)|asking for reasons|"
                            + "(?:theres|there is|there s|ive put|i put|planted|left) a (?:bomb|device|gun) (?:in|at|under|by)|"
                            + "bomb in the (?:school|bins|toilets|building|hall|canteen|science block)|bring petrol|"
                            + "delete (?:this )?after reading"),
            rule("threat:find-you", "THREAT", false,
                    "(?:ill|i will|well|we will|were going to|im going to|im gonna|were gonna) find (?:you|u|him|her|them)"
                            + "(?= irl| and|$)|(?:im|were) finding (?:you|u|out who (?:you|u) are)|(?:i|we) know (?:your|ur) "
                            + "(?:kids|children|son|daughter) go(?:es)? to|(?:i|we) know which house|"
                            + "(?:getting|get) (?:your|ur|his|her) head kicked in|(?:youre|ur) getting "
                            + "(?:battered|jumped|done in|stabbed)|(?:im|were|gonna|going to) jump (?:him|her|them|you|u) at"),
            rule("threat:you-are-finished", "THREAT", false,
                    "(?:youre|you are|ur|your) (?:dead|finished|getting it|getting battered) (?:when|after|if|"
                            + "tomorrow|monday|on monday)"),
            // round 7, from run R7's out-of-fold misses: harm to cars and bodies, hoax calls
            rule("threat:property-and-body", "THREAT", false,
                    "shame about the (?:coach|car|minibus) brakes|(?:see|watch) (?:wat|what) happens to (?:ur|your|his|her) "
                            + "(?:tyres|car|windscreen|windows|house)|brick through (?:ur|your|his|her) window|(?:put|throw) (?:you|u|him|her) through "
                            + "(?:a|the|your|ur|his|her) (?:own )?(?:office )?(?:wall|window)|(?:enjoy|start|keep) looking over "
                            + "(?:your|ur) shoulder|while (?:hes|shes|youre|ur) still got (?:feet|legs|a face|teeth|hands)"),
            rule("threat:hoax-call", "THREAT", false,
                    "pretending to be (?:the )?police (?:saying|and said|to say)|(?:phoned|rang|called) (?:the school|the "
                            + "office|school) pretending|told them (?:theres|there is|there s) a (?:bomb|bloke with a knife|"
                            + "man with a (?:knife|gun)|gun)|(?:theres|there is|there s) explosives (?:in|at|under)"),
            // grooming: an adult's approach to a pupil
            rule("grooming:secret", "SEXUAL", false,
                    "(?:our|my|a) little secret|(?:dont|do not|never) tell (?:your|ur) (?:mum|mom|dad|parents|teacher|"
                            + "teachers)(?: about (?:us|this|me))?|just between (?:us|you and me)|keep (?:it|this|things|everything) "
                            + "between us|(?:dont|do not) bring (?:your |ur )?(?:parents|mum|dad)|no parents to (?:contact|"
                            + "know|come)|(?:i|we) deleted our (?:msgs|messages|chat)"),
            rule("grooming:mature-for-age", "SEXUAL", false,
                    "(?:look|looks|seem|seems|so) (?:mature|grown up|older) for (?:your|ur|her|his) age"),
            rule("grooming:private-app", "SEXUAL", false,
                    "(?:dm|pm|message|msg|snap|text|add) me (?:hun|babe|sweetie|gorgeous|princess|sexy|beautiful)|"
                            + "(?:send|sending) (?:me )?(?:a |some )?(?:pic|pics|photo|photos|picture|pictures|nudes|"
                            + "selfies?) (?:of you|of urself|of yourself|in your|in ur)|turn (?:ur|your) camera on (?:in|i "
                            + "promise|its just)|(?:is|s) (?:ur|your) door locked|move (?:the|our) chat to|(?:add|message|"
                            + "snap) me on (?:kik|telegram|wickr)|use the hidden app"),
            rule("grooming:gaming-gifts", "SEXUAL", false,
                    "(?:the one|one) who (?:gave|got|sent|bought) (?:u|you) (?:the |those |all the )?(?:robux|vbucks|v bucks|"
                            + "skins|gift cards?)|(?:all|remember) (?:the )?(?:robux|vbucks|v bucks|skins) i (?:bought|gave|sent|"
                            + "got) (?:u|you)|i(?:ll| will)? give (?:u|you) (?:robux|vbucks|v bucks|skins) if"),
            rule("grooming:sneak-out", "SEXUAL", false,
                    "(?:can|could|will|would) (?:u|you) sneak out|sneak out (?:at midnight|tonight|after (?:ur|your) "
                            + "(?:parents|mum|dad))|(?:tell|say to) (?:ur|your) (?:mum|mom|dad|parents) (?:ur|youre|you are|"
                            + "u r) (?:at|staying at|going to) (?:a )?(?:sleepover|revision)"),
            // round 5, from the out-of-fold misses of the training rows: secrecy, meeting alone, pictures
            rule("grooming:parents-neednt-know", "SEXUAL", false,
                    "(?:ur|your) (?:mum|mom|dad|parents|nan|family) (?:dont|doesnt|do not|does not|never|wont|will not) "
                            + "(?:need|needs|have|has) to (?:know|find out)|(?:ur|your) (?:mum|mom|dad|parents) (?:wont|will not|"
                            + "never) find out|parents (?:dont|do not) need to know|no need (?:for you )?to (?:tell|mention "
                            + "(?:it |this |me )?to|check with|involve) (?:ur|your|him|her|them|parents)|(?:best not to|no need "
                            + "to) mention (?:it|this|me|us) to"),
            rule("grooming:come-alone", "SEXUAL", false,
                    "come (?:alone|on (?:ur|your) own)|(?:just|only) (?:u|you) not (?:ur|your) (?:friends|mates)|(?:ur|your) "
                            + "(?:mates|friends) (?:cant|can not|cannot) come|(?:come|meet me|get|sit) (?:to|in|at|by) my car|"
                            + "(?:are|r) (?:u|you) home alone|when (?:ur|your) (?:parents|mum|dad) (?:are|r|is) asleep|"
                            + "what (?:are|r) (?:u|you) wearing (?:rn|right now)"),
            rule("grooming:secret-chat", "SEXUAL", false,
                    "(?:dont|do not|never) (?:tell|show) (?:anyone|anybody|ur mates|your mates|miss|sir) (?:about us|we "
                            + "talk|we talked|i messaged|these messages|about our|about the stuff)|(?:delete|deleted) (?:this|our|"
                            + "the) (?:convo|chat|chats|messages|msgs) after|(?:this is|its|it is|keep it|keep this) our "
                            + "(?:little |special )?secret(?! santa)|(?:a|our) secret between us|our special friendship|"
                            + "(?:no one|nobody|noone) (?:has to|needs to) know|so (?:ur|your) (?:mum|mom|dad|nan|parents) "
                            + "(?:doesnt|dont|wont|does not|do not|will not|cant) (?:see|ask|find out|check|know)"),
            rule("grooming:pictures", "SEXUAL", false,
                    "(?:send|see|pic|pics|photo|photos|one|look like) .{0,30}without (?:ur|your|the) (?:top|school uniform|"
                            + "uniform|school jumper|jumper|clothes)|(?:in|wear|wearing) (?:just )?(?:ur|your) (?:swimsuit|"
                            + "leotard|underwear|bikini)|(?:u|you) look (?:way |much |so )?older than (?:year|yr) [0-9]+"),
            // round 7, from run R7's out-of-fold misses: an adult moving a pupil somewhere unseen
            rule("grooming:unseen", "SEXUAL", false,
                    "what time (?:does|do) (?:your|ur) (?:mum|mom|dad|parents|nan) get (?:home|back)|school email gets "
                            + "checked|my place is free"),
            // extremism: coded slogans, calls to gather
            rule("extremism:codes", "EXTREMISM", false,
                    "\\b(?:1488|14 88|88 14|hh 88|88 hh|heil 88|sieg heil 88|(?:white|aryan) (?:pride|power|brotherhood) 88|"
                            + "88 (?:brothers|comrades|aryans)|14 words|fourteen words|day of the rope|rahowa|sieg heil|heil hitler|"
                            + "white power|race war|great replacement|saint tarrant|saint brenton|secure the existence|black sun on|"
                            + "ss bolts|doing the roman salute|dotr|baqiyah|england for the english|sick of being replaced|holocaust (?:is|was) "
                            + "(?:exaggerated|a lie|a hoax|fake)|(?:islam|muslims) out of (?:our )?(?:schools|britain|england)|defend europa|joining national action|supreme gentleman|"
                            + "time for the boogaloo|turner diaries|jewish question|zog runs|remigration now|hh (?:boys|lads|"
                            + "from|brothers)|hitler (?:was right|tried to warn us)|(?:tarrant|breivik|anders|elliot rodger|er) (?:was right|did "
                            + "nothing wrong|had a point)|its pattern recognition)\\b"),
            rule("extremism:call-to-gather", "EXTREMISM", false,
                    "(?:march|rally|gather|meet|mobilise|mobilize) (?:against|to stop|outside) (?:the )?(?:mosque|"
                            + "synagogue|asylum|migrants|immigrants|invaders|refugees|hotel|muslims|jews)|"
                            + "(?:wake up and )?join (?:us|the movement|the cause|the resistance) before (?:it is|its) "
                            + "too late|death to (?:the )?(?:infidels|kuffar|kafirs|jews|muslims|immigrants)|"
                            + "(?:clear|kick|drive|burn) (?:them|the \\w+) out ourselves|"
                            + "(?:get|take) me to (?:turkey|syria)|(?:go|going) to syria when|beheading videos"));

    private SafeguardingRules() {
    }

    private static Rule rule(String id, String category, boolean firstPerson, String regex) {
        return new Rule(id, category, firstPerson, Pattern.compile("(?:^|\\s)(?:" + regex + ")(?=\\s|$)"));
    }

    /** Every rule that matches a normalised text (read on its rule tokens, where numbers stay as written). */
    public static List<Match> find(NormalisedText text) {
        return find(text.ruleTokens());
    }

    /** Every rule that matches the tokens. */
    public static List<Match> find(String[] tokens) {
        String joined = String.join(" ", tokens);
        List<Match> out = new ArrayList<>(2);
        for (Rule rule : RULES) {
            java.util.regex.Matcher m = rule.pattern().matcher(joined);
            if (m.find()) {
                out.add(new Match(rule, m.group().strip()));
            }
        }
        return out;
    }

    /** Whether a text reads as the writer speaking of themself (for self-harm severity). */
    public static boolean firstPerson(String[] tokens) {
        for (String t : tokens) {
            switch (t) {
                case "i", "im", "ive", "id", "me", "my", "myself", "mine" -> {
                    return true;
                }
                default -> {
                }
            }
        }
        return false;
    }

    static String selfRef() {
        return I;
    }
}
