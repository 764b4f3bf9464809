package uk.hallmonitor.classification.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The safety net under the models: phrases (never single words) that say a child or an adult is at risk in ways a
 * statistical model can miss because they use no alarming vocabulary — suicidal ideation said sideways, veiled
 * threats, an adult's approach to a pupil, coded extremist slogans, a disclosure of abuse at home. Each rule names
 * its category and whether it is about the writer (a first-person disclosure or self-harm goes to the DSL as
 * CRITICAL even when nothing in it is offensive). Matched on the normaliser's tokens (lower case, apostrophes
 * dropped, leetspeak undone), joined by single spaces. Each rule has a positive and a near-miss case in
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
                    "(?:kill|hurt|cut|harm|starve) myself|(?:end|take) my (?:own )?life|ending my life"),
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
                            + " (?:would it take|does it take|to (?:die|end it|not wake up))"),
            rule("self-harm:no-point", "SELF_HARM", true,
                    "no (?:point|reason) (?:in )?(?:living|being alive|being here|carrying on|waking up)|"
                            + "(?:dont|do not) want to (?:wake up|be alive|exist) (?:anymore|any more|tomorrow)"),
            rule("self-harm:urged", "SELF_HARM", false,
                    "\\bkys\\b|kill (?:yourself|urself|yourselves)|neck (?:yourself|urself)|"
                            + "do (?:us|everyone|everybody|the world) a favou?r and (?:die|disappear|end it|leave for good)"
                            + "|(?:go|just) (?:and )?(?:die|hang yourself|hang urself)"),
            // disclosure of abuse or neglect
            rule("disclosure:adult-hurts-me", "DISCLOSURE", true,
                    "(?:my|me) " + ADULT + " (?:always |keeps |sometimes |still )?" + HURTS + " (?:me|us|my)"),
            rule("disclosure:not-to-tell", "DISCLOSURE", true,
                    "(?:he|she|they|him|her) (?:said|says|told me|tells me|made me promise) (?:not to|to never|never to"
                            + "|i cant|i mustnt|i must not) tell (?:anyone|anybody|no one|nobody|my mum|my dad|a teacher)"),
            rule("disclosure:no-food", "DISCLOSURE", true,
                    "(?:theres|there is|there s) (?:never|no) (?:any )?food (?:at|in (?:the|our|my)) (?:home|house|flat)"
                            + "|(?:havent|have not|hasnt) (?:had|eaten) (?:anything|food|a meal) (?:since|for) "
                            + "(?:friday|the weekend|days|number days|two days|three days)"),
            rule("disclosure:scared-to-go-home", "DISCLOSURE", true,
                    "(?:scared|afraid|frightened|terrified) (?:to go|of going) home|(?:dont|do not) (?:want|wanna) to "
                            + "go home (?:because|cos|coz|when) (?:he|she|my)"),
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
            rule("threat:you-are-finished", "THREAT", false,
                    "(?:youre|you are|ur|your) (?:dead|finished|getting it|getting battered) (?:when|after|if|"
                            + "tomorrow|monday|on monday)"),
            // grooming: an adult's approach to a pupil
            rule("grooming:secret", "SEXUAL", false,
                    "(?:our|my|a) little secret|(?:dont|do not|never) tell (?:your|ur) (?:mum|mom|dad|parents|teacher|"
                            + "teachers)(?: about (?:us|this|me))?|just between (?:us|you and me)"),
            rule("grooming:mature-for-age", "SEXUAL", false,
                    "(?:look|looks|seem|seems|so) (?:mature|grown up|older) for (?:your|ur|her|his) age"),
            rule("grooming:private-app", "SEXUAL", false,
                    "(?:dm|pm|message|msg|snap|text|add) me (?:hun|babe|sweetie|gorgeous|princess|sexy|beautiful)|"
                            + "(?:send|sending) (?:me )?(?:a |some )?(?:pic|pics|photo|photos|picture|pictures|nudes|"
                            + "selfies?) (?:of you|of urself|of yourself|in your|in ur)"),
            // extremism: coded slogans, calls to gather
            rule("extremism:codes", "EXTREMISM", false,
                    "\\b(?:1488|14 88|14 words|fourteen words|day of the rope|rahowa|sieg heil|heil hitler|"
                            + "white power|race war|great replacement|saint tarrant)\\b"),
            rule("extremism:call-to-gather", "EXTREMISM", false,
                    "(?:march|rally|gather|meet|mobilise|mobilize) (?:against|to stop|outside) (?:the )?(?:mosque|"
                            + "synagogue|asylum|migrants|immigrants|invaders|refugees|hotel|muslims|jews)|"
                            + "(?:wake up and )?join (?:us|the movement|the cause|the resistance) before (?:it is|its) "
                            + "too late|death to (?:the )?(?:infidels|kuffar|kafirs|jews|muslims|immigrants)"));

    private SafeguardingRules() {
    }

    private static Rule rule(String id, String category, boolean firstPerson, String regex) {
        return new Rule(id, category, firstPerson, Pattern.compile("(?:^|\\s)(?:" + regex + ")(?=\\s|$)"));
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
