#!/usr/bin/env python3
"""Generates Hallmonitor's school-domain corpus (UK English) from templates written by the project.

Output: school-corpus.tsv with columns offensive(1/0), categories (or NONE), intent, text.
Deterministic (fixed seed): rerunning gives the same file. Names are invented.
"""
import random

R = random.Random(2026)
FIRST = ["Mrs Patel", "Mr Hughes", "Miss Okafor", "Mr Davies", "Ms Kowalski", "Mrs Evans", "Mr Khan", "Miss Reid",
         "Mr O'Brien", "Mrs Thompson", "Dr Sharma", "Mr Williams", "the head", "the headteacher", "the deputy head",
         "the PE teacher", "the maths teacher", "the SENCo", "the receptionist", "the form tutor"]
PUPIL = ["Jayden", "Amelia", "Oliver", "Priya", "Callum", "Zara", "Tyler", "Sophie", "Mohammed", "Ellie", "Kacper",
         "Lily", "Harvey", "Ruby", "Alfie", "Maisie", "Reece", "Chloe", "Ibrahim", "Freya"]
SURNAME = ["Smith", "Jones", "Ahmed", "Brown", "Wilson", "Taylor", "Nowak", "Begum", "Campbell", "Murphy"]
YEAR = ["year 7", "year 8", "year 9", "Year 10", "Year 11", "Y6", "reception", "year 3", "sixth form", "year 5"]
THING = ["the new uniform policy", "the homework app", "the lunch menu", "the parking at drop-off", "the trip to York",
         "the mock exams", "the phone ban", "the detention system", "the reading scheme", "the school bus",
         "the sports day date", "the after-school club", "the parents' evening booking", "the Christmas fair",
         "the new timetable", "the PE kit rules", "the reports", "the swimming lessons", "the breakfast club fees"]
DAY = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "tomorrow", "next week", "this term"]
SCHOOL = ["St Mary's", "Oakfield Academy", "Hillside Primary", "Riverside High", "the academy", "this school",
          "Northgate", "Westbrook"]
SPORT = ["the under-13s", "the netball team", "our year 9 lads", "the girls' football team", "the rugby squad",
         "the U15s", "the cross-country lot", "the cricket team"]
rows = []

def add(off, cats, intent, text):
    rows.append((off, cats, intent, text))

def pick(xs):
    return R.choice(xs)

def fill(t):
    return (t.replace("{T}", pick(FIRST)).replace("{P}", pick(PUPIL)).replace("{S}", pick(SURNAME))
             .replace("{Y}", pick(YEAR)).replace("{X}", pick(THING)).replace("{D}", pick(DAY))
             .replace("{SC}", pick(SCHOOL)).replace("{SP}", pick(SPORT)))

def many(n, off, cats, intent, templates, variants=()):
    seen = set()
    tries = 0
    while len(seen) < n and tries < n * 20:
        tries += 1
        t = fill(pick(templates))
        for v in variants:
            if R.random() < 0.3:
                t = v(t)
        if t not in seen:
            seen.add(t)
            add(off, cats, intent, t)

lower = lambda t: t.lower()
nopunct = lambda t: t.rstrip(".!?")
emoji_ok = lambda t: t + " " + pick(["😊", "👍", "🙏", "❤️", "👏", "🎉"])
emoji_bad = lambda t: t + " " + pick(["😡", "🤬", "🖕", "😤", "💩"])
shout = lambda t: t.upper()

# ---- legitimate questions
many(170, 0, "NONE", "QUESTION", [
    "Does anyone know what time the gates open on {D}?", "Is {X} still going ahead {D}?",
    "Can someone tell me when {Y} finish for half term?", "What's the deadline for {X}?",
    "Hi, is there a number to call about {X}?", "Is the school open {D} after the snow?",
    "Do {Y} need to bring a packed lunch for the trip?", "Who do I speak to about {X}?",
    "When are the {Y} reports coming out?", "Has anyone heard back about {X}?",
    "Could {T} let us know what the homework is for {Y}?", "Are parents allowed to watch {SP} on {D}?",
    "Where do we collect lost property from?", "Is it non-uniform day {D}?",
    "How do I top up dinner money on the app?", "Does {P} need wellies for forest school {D}?",
    "Quick question: is there breakfast club during the strike days?", "Anyone know if the bus is running {D}?",
    "what time does parents evening start {D}", "Is there still space on {X}? How do we sign up?",
    "Can we pay for the trip in instalments?", "Will there be a live stream of the nativity?",
    "Is {T} back from leave {D}? {P} has been asking.", "How do we apply for free school meals?",
    "Has the date for sports day changed? The letter says {D}.", "Which door do {Y} use in the morning?",
    "Sorry if this has been asked, but what are the new term dates?", "Does anyone have the link for {X}?",
    "Can younger siblings come to the Christmas fair?", "Is the SEN coffee morning still on {D}?",
    "What should {Y} wear for the museum trip?", "Are mobile phones allowed on the residential?",
    "Who is the DSL this year, please?", "How early can we drop off for breakfast club?",
    "Is the car park open during the building work?", "Can I still order the school photos?",
], [lower, nopunct])

# ---- legitimate complaints, including sharp ones (hard negatives)
many(260, 0, "NONE", "COMPLAINT", [
    "Really disappointed with {X}. Nobody told parents until the night before.",
    "Third time this term {Y} have had no proper teacher. This isn't good enough.",
    "I'm fed up with {X}. We were promised a reply two weeks ago and have heard nothing.",
    "The communication from {SC} is appalling. Letters arrive after the deadline.",
    "{X} is a shambles. Please sort it out before someone gets hurt at drop-off.",
    "My son was given a detention for his shoes even though they're the ones on the list. Ridiculous.",
    "Why is nobody answering the phone at the office? I've rung six times today.",
    "Absolutely furious that {P} was left waiting outside for forty minutes after the trip got back.",
    "With respect, the way {X} has been handled is unacceptable and I will be taking it to the governors.",
    "I've complained twice about the bullying in {Y} and nothing has been done. I want a meeting.",
    "The state of the toilets is disgusting. The kids won't use them all day.",
    "Charging £15 for {X} when families are struggling is shameful.",
    "Not happy at all. {P} came home soaked because they kept them outside in the rain.",
    "This is the worst-organised {X} I have seen in ten years as a parent here.",
    "Please stop changing {X} every term. Working parents can't keep up.",
    "The homework load for {Y} is ridiculous, my daughter was up until 11 last night.",
    "Can the school explain why {X} was cancelled with one hour's notice?",
    "I am extremely unhappy with how {T} spoke to my child today and I expect an apology.",
    "Frankly the new behaviour policy is punishing the kids who do nothing wrong.",
    "We pay for the bus and it didn't turn up. Again. Who is accountable for this?",
    "The response to my email was dismissive and frankly rude. I expected better from {SC}.",
    "It's a joke that {Y} still haven't had their books marked since September.",
    "Very poor. Half the class missed {X} because the letter went to the wrong year.",
    "I'm sick of chasing the office about {X}. Sort it out please.",
    "Disgraceful that there's still no qualified teacher for {Y} maths.",
    "The queue at pick-up is dangerous, cars on the pavement every day. Someone will get killed.",
    "Ofsted need to see what's going on with {X}. Parents deserve answers.",
    "Awful decision to scrap {X}. The kids were gutted.",
    "If {X} isn't fixed by {D} I'll be withdrawing {P} from it.",
    "The lunches are cold and tiny. My kid is starving when he gets home.",
], [lower, emoji_bad, nopunct])

# ---- praise
many(200, 0, "NONE", "PRAISE", [
    "Huge thanks to {T} for all the support with {P} this term.", "What a brilliant {X}, well done everyone!",
    "So proud of {SP}, what a performance on {D}!", "{T} is an absolute star. Thank you!",
    "Lovely to see the kids so happy at the Christmas fair. Thanks to all the staff.",
    "Massive well done to {Y} for the assembly today, had me in tears.",
    "Thank you {SC} for making {P}'s first week so easy.", "The staff at {SC} are amazing, honestly.",
    "Great result for {SP}, they killed it on {D}!", "{SP} smashed it today, absolutely destroyed the other side!",
    "Best school trip ever according to {P}. Thank you {T}!", "Fantastic communication this week, really appreciated.",
    "Proud parent moment: {P} got a merit from {T} today.", "We couldn't ask for a better teacher than {T}.",
    "Brilliant show last night, the kids were unbelievable.", "Thank you for sorting {X} so quickly!",
    "Shout out to the dinner ladies, {P} loves the new menu.", "Gutted we lost but so proud of {SP}, they fought to the end.",
    "Our {Y} are on fire this season, unbeaten in six!", "Well done to the staff for keeping everyone calm during the fire drill.",
    "The reading scheme has made such a difference to {P}, thank you.", "Killer performance from the school band tonight!",
    "{SP} murdered them 5-0 on {D}, get in!", "Love this school. Thank you all.",
], [emoji_ok, lower])

# ---- other neutral
many(150, 0, "NONE", "OTHER", [
    "Reminder: {X} letters went out today.", "Photos from sports day are on the website now.",
    "{P} is off sick today, just letting you know.", "Just seen the newsletter.", "Looking forward to {D}.",
    "Fingers crossed for the weather on sports day.", "The kids had a mad day at the farm lol",
    "That assembly about online safety was really useful for us at home too.", "Roll on half term 😂",
    "We're on holiday {D} so {P} won't be in.", "Sharing for anyone who missed it.",
    "The crossing patrol lady deserves a medal in this rain haha", "Anyone selling a second hand blazer, age 12?",
    "Great turnout at the coffee morning.", "Monday again already!", "My lot are still talking about the disco.",
    "the traffic on the high road was murder this morning", "Year 6 leavers hoodies look class",
    "that maths homework nearly killed me trying to help lol", "I'm dying 😂 {P} came home with paint everywhere",
    "ha, {P} says {T} is the funniest teacher in the school", "Reading this with a brew ☕",
], [lower])

# ---- hard negatives: quoted slurs in anti-bullying / reporting messages, discussions of abuse
many(150, 0, "NONE", "COMPLAINT", [
    "My son was called a {SLUR} in the playground today and I want to know what the school is doing about it.",
    "Another child told {P} to kill yourself in a group chat. Please can someone from safeguarding call me.",
    "Calling someone a {SLUR} is never acceptable and we will always challenge it.",
    "{P} was told 'nobody likes you' every day for a month. Why did nobody act?",
    "Please talk to your children about words like '{SLUR}'. They hurt.",
    "We do not tolerate racist language such as '{SLUR}'. Reports go to {T}.",
    "A group of {Y} boys have been calling my daughter a slag. This is bullying and I've reported it.",
    "The anti-bullying week assembly explained why 'gay' as an insult is homophobic. Well done {T}.",
    "If your child hears someone say 'retard' or similar, please tell their form tutor.",
    "Someone wrote 'kill yourself' on {P}'s locker. I've reported it to {T} and the police.",
    "The word '{SLUR}' was shouted at my son on the bus. Please can the school act.",
    "My daughter has been sent messages calling her a slag and a whore. Who do I report this to?",
    "Can the school explain what it is doing about boys in {Y} calling girls 'sluts'?",
    "Our anti-bullying policy is clear: saying '{SLUR}' as an insult gets a sanction.",
    "An older pupil told my son he would 'stab him' - I have reported it, please follow up urgently.",
], [lower])
rows_fix = []
SLURS = ["paki", "faggot", "retard", "nigger", "gyppo", "spastic", "tranny", "chink"]
for off, cats, intent, text in rows:
    for mark in ("{SLUR}", "{slur}"):
        while mark in text:
            text = text.replace(mark, pick(SLURS), 1)
    rows_fix.append((off, cats, intent, text))
rows[:] = rows_fix
many(100, 0, "NONE", "OTHER", [
    "Online safety evening {D}: how to spot grooming and what to do about nudes being shared.",
    "Our PSHE lessons this week cover consent and healthy relationships for {Y}.",
    "If you or your child are struggling, Samaritans are on 116 123, any time.",
    "Mental health awareness week: it's OK to talk about self harm and ask for help.",
    "Prevent training for staff on {D}. Extremism can affect any community.",
    "Remember, never share your password. Scams are going round offering free gift cards.",
    "{SP} are going to kill it on {D}, come and support!", "That was a killer exam, well done {Y} for getting through it",
    "We destroyed them last week, let's do it again {D}!", "The shooting practice at netball is really paying off.",
    "History trip to the war museum: the bomb shelter was fascinating.", "Bloody freezing at the match today!",
    "{SP} absolutely battered them 40-0, what a team!", "Our striker shot from 30 yards and buried it, unreal",
    "That quiz was murder but {Y} smashed it", "{P} is dying to go back after half term",
    "We beat them to death in the second half, well played lads", "The drama club knocked them dead last night",
    "Cutting it fine for the bus this morning haha", "I could kill for a coffee after that parents evening",
    "The school play was sick, {P} was mad good", "Shoot, forgot to send the permission slip back",
    "The sponsored silence nearly killed {P}, she loves to talk", "Fight for your right to a decent lunch menu! Haha",
], [lower])

# ---- abuse of staff
many(170, 1, "ABUSE", "OTHER", [
    "{T} is a useless idiot who shouldn't be anywhere near kids.", "{T} you absolute clown, resign.",
    "What a pathetic excuse for a teacher {T} is.", "{T} is a stupid cow and everyone knows it.",
    "The head is a lying piece of shit.", "{T} is a fat lazy waste of space.", "Fuck {SC} and fuck {T}.",
    "{T} is a twat, simple as.", "Shut up {T} nobody cares what you think you moron.",
    "{T} is a complete dickhead, no wonder the school's going down the drain.",
    "stupid b1tch {T} gave my son a detention", "{T} = a total f*cking joke",
    "who hired this moron {T}??", "{T} is thick as shit and can't teach", "{T} you're a disgrace, crawl back under your rock",
    "{T} is an incompetent idiot and a bully", "what a knobhead {T} is", "{T} needs sacking, vile woman",
    "{T} is a proper wanker", "useless c*nts the lot of them at {SC}", "{T} you ugly hag",
], [lower, emoji_bad, shout])

# ---- bullying of pupils
many(170, 1, "BULLYING", "OTHER", [
    "{P} {S} from {Y} is a fat ugly loser lol", "everyone hates {P}, nobody wants you here",
    "{P} is such a freak, smells too", "lmao look at {P}'s face, ugly af", "{P} kys nobody would miss you",
    "{P} you have no friends and never will", "{P} is a weirdo, don't sit with her", "imagine being {P} 😂😂 loser",
    "{P} {S} is a slag, pass it on", "{Y} {P} is gay lol everyone knows", "no one likes you {P}, just leave the school",
    "{P} is so thick, special needs bus for him", "go cry to your mum {P}", "{P} is a fat pig 🐷",
    "who invited {P}? ugly little rat", "{P} stinks, don't stand next to him", "{P} {S} is a nonce lol",
    "everyone in {Y} thinks {P} is a joke", "{P} better not come in tomorrow", "lol {P} crying again, baby",
], [lower, emoji_bad])

# ---- threats
many(130, 1, "THREAT", "OTHER", [
    "I'm going to kill {T} if they touch my son again.", "Watch your back {T}, I know where you live.",
    "Someone should burn {SC} down with {T} in it.", "I'll be waiting outside the gates for {T} on {D}.",
    "{P} you're dead tomorrow after school", "gonna stab {P} at lunch", "bring a knife {D}, {P} is getting it",
    "{T} will get what's coming, I promise", "I'll smash your face in {T}", "there's going to be a shooting at {SC} {D}",
    "I will hurt whoever reported my kid", "next time I see {T} I'll batter them", "{P} I'm going to beat you up",
    "bomb in {SC} {D}, stay home", "someone's going to get hurt at {SC} and it won't be me",
], [lower, shout])

# ---- hate
many(130, 1, "HATE", "OTHER", [
    "Too many pakis at {SC} now.", "{T} is a dirty immigrant, go back to your country.",
    "Why does {SC} let in all these refugees, they're ruining it.", "{P} is a faggot lol",
    "Muslims shouldn't be allowed to teach our kids.", "Disabled kids should go to their own schools, retards slow everyone down.",
    "{T} only got the job because she's black.", "Women can't teach maths, fact.", "{SC} is full of gypos now",
    "gay teachers shouldn't be near children", "Jews run the governors, wake up", "send them all back, {SC} is ours",
    "{P} is a tranny freak", "no blacks in the first team, keep it that way", "typical pikey family, {P} robs everything",
], [lower, emoji_bad])

# ---- sexual (incl. involving pupils -> suspected illegal)
many(90, 1, "SEXUAL", "OTHER", [
    "{T} is well fit, I'd do her", "send nudes {P}", "{P} from {Y} sent nudes to the whole group",
    "who wants pics of {P} in the changing rooms", "check my onlyfans link in bio", "{T} is so sexy in that dress",
    "horny af, dm me", "{P} gives blowjobs behind the sports hall", "got a video of the year 9 girls changing, dm me",
    "{T} looks like a porn star", "sending dick pics to {P} lol", "want to see {P} naked? link below",
], [lower])

# ---- self-harm
many(100, 0, "SELF_HARM", "OTHER", [
    "I can't do this anymore, I want to die.", "I've been cutting myself again since the exams started.",
    "nobody would notice if I wasn't here tomorrow", "I'm going to end it all tonight",
    "what's the point, I'd be better off dead", "I keep hurting myself and I don't know how to stop",
    "{SC} made me want to kill myself", "I'm taking all my mum's pills tonight",
    "I hate myself so much, I deserve the cuts", "no reason to live anymore honestly", "wanna die so bad rn",
    "been self harming since {D} and nobody at {SC} has noticed", "I wrote my goodbye letter last night",
    "everyone would be happier if I just disappeared for good", "I've stopped eating, I just want it to stop",
    "the only way out of {SC} is to end my life", "thinking about jumping off the bridge after school",
    "I scratch my arms till they bleed when {T} shouts at me", "tonight's the night, sorry mum",
    "I'm a burden to everyone, I'd be better off gone", "I can't cope with the bullying anymore, I want to kill myself",
    "my friend {P} in {Y} says she wants to die, what do I do", "I took a load of tablets and I feel sick",
], [lower])
for off, cats, intent, text in list(rows):
    pass

# ---- extremism
many(90, 1, "EXTREMISM", "OTHER", [
    "The race war is coming and {SC} kids need to be ready.", "White power ✊ {SC} lads know the truth.",
    "Join the real jihad, the kuffar teachers lie to you.", "The great replacement is happening in our classrooms.",
    "Heil Hitler lol, {P} did the salute in assembly", "Martyrdom is the highest honour, brothers. DM for the group.",
    "Our people need to take the country back by force.", "ISIS did nothing wrong, infidels deserve it",
    "Get the kids into the movement early, leaflets at {SC} gates {D}", "the only solution is to remove them all",
], [lower])

# ---- spam
many(110, 0, "SPAM", "OTHER", [
    "Earn £500 a day working from home!!! Click here www.quick-cash.example", "FREE iPhone giveaway, follow back and DM me",
    "Crypto investment opportunity, 300% returns guaranteed, DM now", "Best casino bonuses, promo code SCHOOL50",
    "Cheap essays written for you, 24h delivery, dm me", "Limited offer: followers for £1, click here",
    "Bitcoin doubled my money, ask me how 👉 bit.ly/xx", "Hot singles in your area click here",
    "Win a free gift card, just share this post and click the link", "Make money online fast no experience needed",
    "Parents! Earn extra cash in school hours, DM me for details", "Tutoring 50% off this week only, promo code TUTOR",
    "Check out my new online shop, link in bio!!!", "Want more followers? 10k followers for £5, DM",
    "Forex trading signals, 95% win rate, join my channel", "Selling cheap uniform knock-offs, message me",
    "Congratulations! You have been selected to win a £1000 voucher, click here", "Loans for parents, no credit checks, apply now",
    "{SC} parents, get rich with this one weird trick", "Visit my page for amazing deals on trainers 👟🔥",
    "Free PS5 for the first 100 people who share this", "Earn money from your phone, ask me how 💰💰",
], [lower])

# ---- profanity without a target (mostly banter)
many(90, 1, "PROFANITY", "OTHER", [
    "fucking hell, the traffic at drop-off today", "shit weather for sports day again",
    "that was a fucking brilliant match lads", "bloody hell what a shit week", "holy shit {SP} won the cup!",
    "wtf is going on with the car park", "piss poor organisation but the kids had fun",
    "fuck me that exam was hard", "damn this homework is tough as shit",
    "what a shit day, rain all through sports day", "bollocks, forgot the PE kit again", "this fucking traffic on {D}",
    "pissing it down at the match", "shitting myself about the mocks tomorrow", "fucking freezing on the touchline",
    "arse, missed the bus again", "bloody hell, who parked on the zig zags", "crap, forgot it was non-uniform day",
], [lower])

# ---- personal data
many(70, 1, "PERSONAL_DATA", "OTHER", [
    "{P} {S} lives at 14 Elm Road, go and tell her mum", "ring {T} on 07700 900{N}, she deserves it",
    "{T}'s personal email is {E}, fill it up", "{P} {S} in {Y} lives at {PC}", "Here's {T}'s number: 07{N}88 123456",
    "{T} lives on 22 Church Lane, everyone go round", "text {P} on +44 7700 900{N} and tell him what you think",
], [])
rows2 = []
for off, cats, intent, text in rows:
    text = text.replace("{N}", str(R.randint(100, 999))).replace("{E}", pick(["j.hughes1974@gmail.com", "okafor.t@outlook.com", "mrsevans@yahoo.co.uk"])).replace("{PC}", pick(["LS6 2QT", "M14 5RJ", "SW1A 1AA", "B15 2TT", "NE1 4LP"]))
    rows2.append((off, cats, intent, text))
rows[:] = rows2
# legitimate posts with contact details of the school itself (should not be offensive)
many(30, 0, "NONE", "OTHER", [
    "The office number is 01632 960{N} if you need to report an absence.", "Email office@{SC2}.sch.uk for lost property.",
], [])
rows[:] = [(o, c, i, t.replace("{N}", str(R.randint(100, 999))).replace("{SC2}", pick(["oakfield", "hillside", "riverside"]))) for o, c, i, t in rows]

# obfuscated variants of offensive rows
def obfuscate(t):
    words = t.split()
    out = []
    for w in words:
        lw = w.lower()
        if lw in ("idiot", "fucking", "shit", "twat", "loser", "ugly", "kill", "die", "slag", "moron", "bitch", "stupid", "fuck"):
            k = R.randint(0, 3)
            if k == 0:
                w = w.replace("i", "1").replace("o", "0").replace("e", "3").replace("a", "4")
            elif k == 1:
                w = " ".join(w)
            elif k == 2:
                w = w[0] + "*" * (len(w) - 2) + w[-1]
            else:
                w = w[:2] + w[2] * 4 + w[3:] if len(w) > 3 else w
        out.append(w)
    return " ".join(out)
for off, cats, intent, text in list(rows):
    if off == 1 and R.random() < 0.25:
        o = obfuscate(text)
        if o != text:
            add(off, cats, intent, o)

R.shuffle(rows)
with open("school-corpus.tsv", "w", encoding="utf-8") as f:
    f.write("# Hallmonitor school-domain corpus, generated by nlp-models/corpus/generate.py (written by the project).\n")
    f.write("# offensive<TAB>categories<TAB>intent<TAB>text\n")
    for off, cats, intent, text in rows:
        f.write(f"{off}\t{cats}\t{intent}\t{text}\n")
print(len(rows))
