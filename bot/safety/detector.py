"""Is the visitor writing about their own safety? Plain Python, no Rasa.

A careers chat about probation talks about crisis all the time ("I volunteer on
a crisis line", "how do officers manage suicide risk?", an interview answer
about a service user who self-harms), so no single word decides. Each sentence
is read for three things:

1. **A risk statement** (the `Signal`s below, by kind): a phrase that puts a
   person in danger, written so that it says *who*: the visitor themselves
   ("I want to end my life", "my partner hits me", "I can't keep myself
   safe"), a child with them, or someone the visitor threatens.
2. **Whose and when.** A statement about someone else (a service user, a
   client, "people who ..."), reported speech ("she told me she wanted to
   die"), a negation ("I'd never hurt myself"), or something long past
   ("I self-harmed as a teenager") is not a visitor at risk now, unless the
   sentence also says it is happening now ("again", "tonight", "still").
3. **The frame of the message**: a question about the job ("do probation
   officers deal with ...?"), a work story ("at the hostel a resident ..."),
   an interview or eligibility answer about practice. Only the signals that
   name the visitor as the person at risk survive such a frame.

The method is tested on a table (tests/unit/test_safety_detector.py) and on a
held-out set written by someone who never saw this file (bench/safety.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Kinds of risk; knowledge/safety.yml orders its contacts by them.
SELF_HARM = "self_harm"
ABUSE = "abuse"
CHILD_AT_RISK = "child_at_risk"
EMERGENCY = "emergency"
HARM_TO_OTHERS = "harm_to_others"
KINDS = (SELF_HARM, ABUSE, CHILD_AT_RISK, EMERGENCY, HARM_TO_OTHERS)


@dataclass(frozen=True)
class Risk:
    kind: str
    words: str  # the words it rests on (never shown to staff: for tests and logs)


# --- normalising: text-speak, apostrophes, spacing -----------------------------------

_SPELLINGS = {
    r"\bim\b": "i'm",
    r"\bi m\b": "i'm",
    r"\bive\b": "i've",
    r"\bdont\b": "don't",
    r"\bdoesnt\b": "doesn't",
    r"\bcant\b": "can't",
    r"\bcannot\b": "can't",
    r"\bwont\b": "won't",
    r"\bisnt\b": "isn't",
    r"\bwasnt\b": "wasn't",
    r"\bdidnt\b": "didn't",
    r"\bhes\b": "he's",
    r"\bshes\b": "she's",
    r"\btheres\b": "there's",
    r"\bthats\b": "that's",
    r"\bwhats\b": "what's",
    r"\bu\b": "you",
    r"\bur\b": "your",
    r"\by\b": "why",
    r"\bwanna\b": "want to",
    r"\bthru\b": "through",
    r"\b1st\b": "first",
    r"\b2nd\b": "second",
    r"\b3rd\b": "third",
    r"\b4th\b": "fourth",
    r"\bdnt\b": "don't",
    r"\bcnt\b": "can't",
    r"\brly\b": "really",
    r"\bwnt\b": "want",
    r"\bb(?= (?:alive|here|around|dead|gone|safe|ok|okay|free)\b)": "be",
    r"\bno more\b": "any more",
    r"\bgon+a\b": "going to",
    r"\bgotta\b": "got to",
    r"\bkms\b": "kill myself",
    r"\bunalive\b": "kill",
    r"\brn\b": "right now",
    r"\bbf\b": "boyfriend",
    r"\bgf\b": "girlfriend",
    r"\bhubby\b": "husband",
    r"\bmums\b": "mum's",
    r"\bdads\b": "dad's",
    r"\bsisters\b(?= (?:partner|boyfriend|husband|bf|fella))": "sister's",
    r"\banymore\b": "any more",
    r"\bsomeone's\b": "someone is",
    r"\bself[- ]harm": "selfharm",
    r"\bover ?dose": "overdose",
    r"\bmy self\b": "myself",
    r"\bme self\b": "myself",
    r"\bcos\b|\bcuz\b|\bcoz\b": "because",
    r"\bpls\b|\bplz\b": "please",
    r"\bidk\b": "i don't know",
    r"\bill (?=be|still|never|do|kill|go|have|try|just|end|hurt|take|die|jump|make)": "i'll ",
    r"\b(?:any ?one|any1)\b": "anyone",
    r"\b(?:some ?one|some1)\b": "someone",
    r"\bno ?one\b|\bno1\b|\bnobody\b|\bno body\b": "no one",
    r"\bevery ?one\b": "everyone",
}
_SPELLING_RULES = [(re.compile(p), r) for p, r in _SPELLINGS.items()]


def normalise(text: str) -> str:
    text = (text or "").lower().replace("\u2019", "'").replace("\u2018", "'").replace("`", "'")
    text = re.sub(r"\s+", " ", text)
    for pattern, replacement in _SPELLING_RULES:
        text = pattern.sub(replacement, text)
    return text.strip()


def sentences(text: str) -> list[str]:
    """Sentences, and the parts of a run-on message joined by "and"/"but" after a comma."""
    parts = re.split(r"(?<=[.!?;])\s+|\s+-+\s+|\n+|,\s*(?=but\b|and\b|so\b|because\b)", text)
    return [p.strip() for p in parts if p and p.strip()]


# --- what puts someone in danger -------------------------------------------------

# Who may hurt the visitor at home: an intimate partner, family, someone they live with.
_CLOSE = (
    r"(?:partner|husband|wife|boyfriend|girlfriend|fianc[eé]e?|ex|ex[- ]?partner|ex[- ]?husband"
    r"|ex[- ]?wife|ex[- ]?boyfriend|ex[- ]?girlfriend|other half|fella|man|dad|father|step ?dad"
    r"|step ?father|mum|mother|step ?mum|step ?mother|mum's (?:boyfriend|partner)|dad's (?:girlfriend|partner)"
    r"|brother|sister|son|daughter|uncle|auntie|aunt|cousin|grandad|nan|flatmate|housemate|landlord"
    r"|neighbour|family|parents|in-laws|carer)"
)
_CHILD = (
    r"(?:son|daughter|kids?|child|children|baby|little (?:brother|sister|one|girl|boy)"
    r"|brother|sister|niece|nephew|grandson|granddaughter|stepson|stepdaughter|toddler)"
)
_HURT_ME = (
    r"(?:hits?|hitting|hit|beats?|beating|beaten|hurts?|hurting|punch(?:es|ed|ing)?|kick(?:s|ed|ing)?"
    r"|slap(?:s|ped|ping)?|chok(?:es|ed|ing)|strangl(?:es|ed|ing)|push(?:es|ed|ing)|shov(?:es|ed|ing)"
    r"|threaten(?:s|ed|ing)?|abus(?:es|ed|ing)|rap(?:es|ed)|attack(?:s|ed|ing)?|batter(?:s|ed|ing)?"
    r"|assault(?:s|ed|ing)?|smack(?:s|ed|ing)?|throttl(?:es|ed|ing)|bully(?:ing)?|bullies|bullied"
    r"|stalk(?:s|ed|ing)?|follow(?:s|ed|ing)|harass(?:es|ed|ing)?|controls?|controlling|scares?|terrif(?:ies|ied|y)"
    r"|spit(?:s)? (?:at|on)|grab(?:s|bed)|pins?|pinned|locks?|locked|drags?|dragged|bit|bites)"
)

# What people take or use to harm themselves, for questions about amounts.
_MEANS = (
    r"(?:pills|tablets|meds|medication|paracetamol|co-codamol|ibuprofen|aspirin|insulin|sertraline|amitriptyline"
    r"|antidepressants|sleeping pills|painkillers|methadone|morphine|codeine|antifreeze|bleach|alcohol|vodka)"
)

_SIGNALS: list[tuple[str, str, bool]] = [
    # (kind, pattern, names the visitor: survives a work or job-question frame)
    # --- a child in danger
    (
        CHILD_AT_RISK,
        rf"\b(?:my|our) {_CHILD}(?:'s| is| are| has been| have been| keeps| keep)? ?(?:being |getting )"
        r"(?:hit|hurt|beaten|abused|touched|groomed|threatened|neglected)\b",
        True,
    ),
    (
        CHILD_AT_RISK,
        rf"\b(?:hits|hurts|beats|abuses|touches|touched|hit|hurt|beat|abused|smacks|slaps|threatens)"
        rf" (?:my|our) {_CHILD}\b",
        True,
    ),
    (
        CHILD_AT_RISK,
        r"\b(?:a|the|this|my) (?:child|kid|baby)\b.*\b(?:in danger|at risk|being hurt|being abused)\b"
        r".*\b(?:now|tonight|today|next door|upstairs|i|help)\b",
        False,
    ),
    (
        CHILD_AT_RISK,
        rf"\b(?:scared|worried|afraid|frightened) (?:for|about) (?:my|our) {_CHILD}(?:'s)? (?:safety|life)\b",
        True,
    ),
    (
        CHILD_AT_RISK,
        rf"\b(?:scared|worried|afraid|frightened) (?:he|she|they)(?:'ll| will| might| is going to)"
        rf" (?:hurt|hit|take) (?:my|our|the) {_CHILD}\b",
        True,
    ),
    # --- suicide and self-harm, the visitor's own
    (
        SELF_HARM,
        r"\b(?:kill|killing|killin|killed|hang|hanging|hangin|drown|drowning|top|topping|toppin|topped) (?:myself|meself|my self)\b",
        True,
    ),
    (SELF_HARM, r"\b(?:end|ending|take|taking) (?:my own|my) life\b", True),
    (SELF_HARM, r"\b(?:end|ending|finish|finishing) it all\b|\bend(?:ing)? things\b", True),
    (SELF_HARM, r"\b(?:going to|about to|planning to|want to|ready to|gonna) end it\b(?! with)", True),
    (SELF_HARM, r"\b(?:hurt|hurting|harm|harming|cut|cutting|burn|burning|starve|starving) myself\b", True),
    (SELF_HARM, r"\bi(?:'m| am| have been|'ve been| keep| started| still|'ve started)? ?selfharm", True),
    # the visitor names themselves as the one in crisis: "experience of people in crisis? me, I'm the crisis"
    (
        SELF_HARM,
        r"\b(?:i'm|i am) (?:the (?:one|person) (?:in crisis|at risk|who needs help)|the crisis|the one in danger)\b"
        r"|\bthe (?:person|one) in crisis is me\b",
        True,
    ),
    # "A: i cut." an answer that is the act itself
    (SELF_HARM, r"\bi cut(?= *(?:[.!]|$|again\b|to cope\b|when\b|every\b))", True),
    (
        SELF_HARM,
        r"\bi (?:still |just |always |sometimes |often )?(?:cut|cutting|burn|burnt|burned|scratch|scratched)"
        r" (?:my|into my) (?:arms?|legs?|wrists?|thighs?|skin|stomach|body)\b",
        True,
    ),
    (
        SELF_HARM,
        r"\b(?:my|the) (?:urges? to |urge to )?selfharm(?:ing)?\b.*\b(?:back|again|worse|started)\b",
        True,
    ),
    (SELF_HARM, r"\burges? to selfharm|\bthoughts? of selfharm|\bwant to selfharm", True),
    (
        SELF_HARM,
        r"\bi(?:'m| am| feel| feel really| have been|'ve been| been)? (?:so |really |very )?suicidal\b",
        True,
    ),
    (SELF_HARM, r"\b(?:feeling|felt|feel) (?:a bit |really |quite |very |so )?suicidal\b", True),
    (SELF_HARM, r"\b(?:having|had|have|get|getting) (?:suicidal|dark) (?:thoughts|feelings)\b", True),
    (
        SELF_HARM,
        r"\bthoughts? (?:of|about) (?:suicide|ending it|dying|killing myself|not being here)\b",
        True,
    ),
    (
        SELF_HARM,
        r"\b(?:want|wanted|wanting|going|planning|plan|ready) to die\b|\bwish i (?:was|were) dead\b",
        True,
    ),
    (SELF_HARM, r"\bwish i (?:wasn't|was not|weren't) (?:here|alive|around|born)\b", True),
    (
        SELF_HARM,
        r"\b(?:don't|do not|dont) (?:really |even |actually |honestly )?want to (?:be here|live|be alive|exist|wake up|go on"
        r"|be around)\b",
        True,
    ),
    (
        SELF_HARM,
        r"\b(?:pain|it|everything|this|the hurt|all of it) (?:to )?stop (?:for good|permanently|for ever|forever"
        r"|once and for all)\b",
        True,
    ),
    (
        SELF_HARM,
        r"\bhow (?:many|much) (?:of )?(?:my |the |your )?(?:\w+ )?"
        + _MEANS
        + r" (?:it would take|it'd take|it takes"
        r"|would kill|to take)\b",
        True,
    ),
    (
        SELF_HARM,
        r"\b(?:there's|there is|i've got|i have|got) (?:a|the|my) (?:rope|noose|ligature)\b|\b(?:rope|noose"
        r"|ligature) (?:in|under|ready|up)\b",
        True,
    ),
    (SELF_HARM, r"\bno (?:reason|point) (?:to|in) (?:live|living|going on|being here|carrying on)\b", True),
    (SELF_HARM, r"\bnothing (?:left )?to live for\b|\bnot worth living\b|\blife isn't worth\b", True),
    (
        SELF_HARM,
        r"\b(?:better off|happier) (?:without me|if i (?:was|were|wasn't|weren't)|with me gone|dead)\b",
        True,
    ),
    (
        SELF_HARM,
        r"\bno one would (?:miss|notice|care)\b|\bwouldn't miss me\b|\bi'm (?:just )?a burden\b",
        True,
    ),
    (
        SELF_HARM,
        r"\b(?:don't|can't|cannot) see (?:the |any )?point (?:any more|in (?:anything|living|life|"
        r"going on|carrying on|being here|trying)|of (?:anything|living|life|going on)|$)",
        True,
    ),
    (
        SELF_HARM,
        r"\bwhat(?:'s| is) the point (?:any more|in (?:living|life|anything|going on)|of (?:living|"
        r"anything|life|going on)|$)",
        True,
    ),
    (
        SELF_HARM,
        r"\bcan't (?:go on|carry on|keep going|take (?:it|this|any more)|cope)(?: like this)?"
        r"(?: any ?more| much longer)?\s*$",
        True,
    ),
    (SELF_HARM, r"\bcan't (?:go on|carry on|keep going|take it|cope|do this|do it) any ?more\b", True),
    (
        SELF_HARM,
        r"\bcan't (?:do|take|face|get through) (?:this|it|life) (?:another|one more) day\b"
        r"|\bi'm done\W+(?:genuinely|properly|totally|completely|actually|really) done\b",
        True,
    ),
    (SELF_HARM, r"\bcan't (?:cope|go on) with (?:life|anything|everything)\b", True),
    (SELF_HARM, r"\b(?:give|giving|given) up on (?:life|living|everything|myself)\b", True),
    (
        SELF_HARM,
        r"\btired of (?:living|being alive|life)\b|\bdone with (?:life|living|existing|being alive|it all)\b"
        r"|\bdone with everything\W*$|\bnot with \w+(?: \w+)?, (?:with|just) everything\b",
        True,
    ),
    (SELF_HARM, r"\b(?:go|going) to sleep and (?:never|not) wake up\b|\bnot wake up\b", True),
    (SELF_HARM, r"\b(?:disappear|vanish) (?:for ever|forever|for good)\b", True),
    (SELF_HARM, r"\b(?:can't|cannot|can not) keep myself safe\b|\bkeep myself safe\b.*\bcan't\b", True),
    (SELF_HARM, r"\b(?:don't|do not|dont) (?:feel )?(?:safe|trust myself) (?:with|around|by) myself\b", True),
    (
        SELF_HARM,
        r"\bnot (?:feeling )?safe (?:with|around|by) (?:myself|me(?= tonight| right now| at the minute| today|\W*$))\b|\b(?:don't|can't|cannot) trust myself\b"
        r"|\bscared (?:of )?what i(?:'ll| will| might) do(?: to myself)?\b",
        True,
    ),
    (
        SELF_HARM,
        r"\bi(?:'ve| have)? (?:just )?(?:taken|took|swallowed|had) (?:an overdose|too many|all (?:my|of my|the)"
        r"|a (?:load|bunch|handful|lot|whole packet) of|loads of|a packet of|a bottle of)"
        r"(?: \w+)? ?(?:pills|tablets|paracetamol|meds|medication)?",
        True,
    ),
    (SELF_HARM, r"\b(?:stockpiling|saving up|hoarding) (?:my )?(?:pills|tablets|meds)\b", True),
    (
        SELF_HARM,
        r"\bi(?:'m| am)? (?:on|at|standing on|sitting on|sat on|stood on|climbed onto|climbing onto) (?:a|the|my)"
        r" (?:bridge|roof|edge|cliff|platform|ledge|window ?ledge|balcony (?:rail|railing|edge)|railings?)\b",
        True,
    ),
    (
        SELF_HARM,
        r"\b(?:written|writing|wrote|left) (?:a|my) (?:suicide )?note\b.*\b(?:goodbye|family|everyone)\b",
        True,
    ),
    (SELF_HARM, r"\bsaying (?:my )?goodbyes?\b|\bsay goodbye to everyone\b", True),
    (
        SELF_HARM,
        r"\b(?:i'm|i am|i feel) (?:so |really )?(?:hopeless|worthless) and\b.*\b(?:end|die|gone|point)\b",
        True,
    ),
    # ... said another way: not being around, means to hand, a plan
    (
        SELF_HARM,
        r"\b(?:won't|will not|wont|not going to|don't think i'll|don't think i will|don't think i'm going to"
        r"|might not|may not)"
        r" (?:be (?:here|around|alive)|last (?:that|much|very) long|make it (?:to|through|past))\b",
        True,
    ),
    (
        SELF_HARM,
        r"\b(?:rather|prefer to|want to|wish i could|like to) (?:just )?(?:not exist|not be here|not be alive"
        r"|disappear|not wake up|be dead|stop existing|sleep forever|never wake up)\b",
        True,
    ),
    (SELF_HARM, r"\b(?:had|have) enough of (?:being alive|living|life|it all|everything|this life)\b", True),
    (
        SELF_HARM,
        r"\bwant (?:it|everything|this|the pain) (?:all )?to (?:stop|end) (?:for good|permanently|for ever"
        r"|forever)\b|\bend the pain\b",
        True,
    ),
    (
        SELF_HARM,
        r"\b(?:easier|better|simpler) (?:for everyone )?if i (?:just )?(?:wasn't|weren't|was not|was gone"
        r"|died|disappeared|ended|stepped|jumped|didn't wake|wasn't here|was dead|wasn't around|killed)\b",
        True,
    ),
    (
        SELF_HARM,
        r"\b(?:ways|how) to (?:die|kill yourself|kill myself|end it|overdose)\b|\bpainless(?:ly)? (?:way|death|die)\b",
        True,
    ),
    (
        SELF_HARM,
        r"\b(?:when|after|once) i'm gone\b|\bfor when i(?:'m| am) (?:gone|not here|dead)\b|\bmy funeral\b",
        True,
    ),
    (
        SELF_HARM,
        r"\bi(?:'ve| have)? (?:got|bought|saved|kept|stockpiled|saved up|been saving|collected) (?:up )?(?:the |a )?"
        r"(?:rope|noose|pills|tablets|blades?|razors?|ligature|paracetamol|meds|medication|hose)\b",
        True,
    ),
    (
        SELF_HARM,
        r"\b(?:stood|standing|sat|sitting|waiting|parked) (?:on|at|by|near|in) (?:the |a |my )?(?:bridge|edge|roof"
        r"|cliff|platform|tracks|railway|car with the engine|car park roof)\b",
        True,
    ),
    (
        SELF_HARM,
        r"\bengine running\b|\bhose (?:on|in|from)\b|\bstep(?:ped|ping)? in front of (?:a|the) (?:train|bus|lorry"
        r"|car)\b|\bjump(?:ing)? (?:off|from|in front)\b",
        True,
    ),
    # Half over a drop: "leg over the rail", "climbed over the railings on the bridge".
    (
        SELF_HARM,
        r"\b(?:(?:a |one |my )?(?:leg|legs|foot|feet)|climb(?:ed|ing)?|got|getting) over the (?:balcony |bridge )?"
        r"(?:rail|railings?|barrier|edge|ledge|parapet|side of the (?:bridge|balcony|car park))\b",
        True,
    ),
    # The means made ready, the ways looked up, the leaving planned.
    (
        SELF_HARM,
        r"\b(?:the )?(?:rope|noose|ligature)(?:'s| is)? (?:already |all )?(?:up|ready|tied|set up)\b",
        True,
    ),
    (
        SELF_HARM,
        r"\b(?:googl\w*|search\w*|looking up|looked up|research\w*|reading up on) (?:ways|methods|how)"
        r"(?: to (?:do it|end it|die|kill myself))?\b",
        True,
    ),
    (
        SELF_HARM,
        r"\b(?:thinking|thought|think|planning|planned|worked out|working out) (?:about |of )?(?:exactly |just |precisely )?how (?:i'd|id|i would|i could|i'll|to) do it\b",
        True,
    ),
    (
        SELF_HARM,
        r"\b(?:writing|wrote|written|left|leaving) (?:goodbye|farewell) (?:letters?|notes?|messages?)\b",
        True,
    ),
    (
        SELF_HARM,
        r"\b(?:don't|do not|not) (?:plan\w*|expect\w*|intend\w*) (?:on |to )?(?:be|being) (?:around|here|alive)\b"
        r"|\bif i'm still (?:here|around|alive)\b[^.]*\b(?:unlikely|doubt|probably not|not sure)\b",
        True,
    ),
    (
        SELF_HARM,
        r"\bi(?:'ll| will)? be (?:dead|gone) (?:before|by)\b[^.]*\b(?:made sure|sorted (?:it|that)|planned|decided"
        r"|got (?:it|everything) ready)\b|\b(?:i've|i have) made sure i (?:won't|will not) be (?:here|around|alive)\b",
        True,
    ),
    # Someone near the visitor in danger now.
    (
        EMERGENCY,
        r"\b(?:my|our) (?:\w+ )?\w+(?:'s| has| is) (?:just )?locked (?:himself|herself|themselves) in\b[^.]*"
        r"\b(?:razor|knife|blade|pills|tablets|rope|saying|threatening|taken something|swallowed)\b"
        r"|\b(?:says|said|saying|texted|told me) (?:he's|she's|they've|he has|she has|they have) (?:just )?(?:taken|swallowed)"
        r" (?:something|some pills|pills|tablets|a load|loads|too many|an overdose|all)\b",
        True,
    ),
    # Threats to the visitor: things thrown at them, images shared to control them, violence imagined on someone.
    (
        ABUSE,
        rf"\b(?:he|she|they|my {_CLOSE})(?:'s| has| have)? (?:just )?(?:threw|throws|thrown|chucked|hurled|flung)"
        r" (?:\w+ ){0,6}(?:at|over) me\b",
        True,
    ),
    (
        ABUSE,
        r"\b(?:post|posting|share|sharing|send|sending|sent|leak|leaking|put) (?:my|our) (?:nudes|naked (?:pics|photos|pictures)|private (?:pics|photos|pictures|videos))\b",
        True,
    ),
    (
        HARM_TO_OTHERS,
        r"\bi(?:'ve| have)? (?:started |keep |been |can't stop )?(?:picturing|imagining|fantasi[sz]ing about)"
        r" (?:strangling|killing|stabbing|hurting|hitting|battering|punching|attacking) (?:one of them|him|her|them|someone|people)\b",
        True,
    ),
    (
        SELF_HARM,
        r"\b(?:taken|took|swallowed|necked|downed|had) (?:about |like |around |over )?(?:\d+|twenty|thirty|forty"
        r"|loads|a load|all|the rest) (?:of )?(?:my |the )?(?:pills|tablets|paracetamol|sertraline|meds|medication"
        r"|co-codamol|ibuprofen|sleeping pills|antidepressants)\b",
        True,
    ),
    (
        SELF_HARM,
        r"\b(?:cutting|cut|burning|burnt|burned|hurting|hurt|scratching|hitting) (?:myself )?(?:again|deeper"
        r"|this morning|last night|today|tonight|every night|every day)\b",
        True,
    ),
    (
        SELF_HARM,
        r"\bi(?:'m| am)? (?:going to|about to|gonna|might|will|'ll) do something (?:stupid|silly|bad|drastic)\b"
        r"|\bdo something stupid (?:tonight|today|later)\b",
        True,
    ),
    (SELF_HARM, r"\b(?:no|can't see (?:a|any)) way out\b|\bi(?:'m| am) drowning\b", True),
    (SELF_HARM, r"\bi(?:'m| am| feel)(?: such| like| just)? (?:a )?(?:burden|waste of space)\b", True),
    # --- an emergency happening now
    (
        EMERGENCY,
        r"\bsomeone is (?:trying to )?(?:break|breaking|get|getting) (?:in|into)\b"
        r"|\b(?:there's|there is) (?:someone|a man|a guy|an intruder|somebody|people) (?:in|outside|trying to get"
        r" into|at) my\b",
        True,
    ),
    (
        EMERGENCY,
        r"\b(?:he|she|they|someone)(?:'s| is| has|'ve| have)? (?:got )?(?:a|holding a) (?:knife|gun|weapon"
        r"|blade)\b.*\b(?:me|my|us|now|house|flat|here)\b",
        True,
    ),
    (
        EMERGENCY,
        r"\b(?:my|our|a) (?:\w+ )?\w+(?:'s| has| is) (?:just )?(?:collapsed|stopped breathing|not breathing"
        r"|unconscious|overdosed|taken an overdose|taken too many|been stabbed|bleeding)\b",
        True,
    ),
    (
        EMERGENCY,
        r"\b(?:isn't|is not|not) breathing\b|\bi(?:'ve| have) been stabbed\b|\bi(?:'m| am) bleeding\b",
        True,
    ),
    (EMERGENCY, r"\b(?:my|the|our) (?:house|flat|home|building|kitchen)(?:'s| is) on fire\b", True),
    (
        EMERGENCY,
        r"\b(?:need|call|get|ring|send) (?:me )?(?:an ambulance|the police|999|police|help) (?:now|please"
        r"|right now|quick)\b|\b(?:please|pls) (?:call|ring|send) (?:an ambulance|the police|999|help)\b",
        True,
    ),
    (
        EMERGENCY,
        r"\bthis is an emergency\b|\bi(?:'m| am) in danger\b|\bhelp me(?: please)? (?:now|he|she|they)\b",
        True,
    ),
    (
        EMERGENCY,
        r"\bsmoke (?:coming|under|in|everywhere|filling)\b|\bcan't get (?:out|down the stairs|down|outside)\b.*"
        r"\b(?:smoke|fire|flames|locked)\b|\b(?:smoke|flames|fire)\b.*\bcan't get (?:out|down)\b",
        True,
    ),
    (
        EMERGENCY,
        r"\b(?:found|find) (?:my |a |the )?(?:\w+ )?(?:unconscious|not breathing|collapsed|unresponsive"
        r"|hanging)\b|\bempty (?:pill|tablet) (?:packet|bottle|box)\b",
        True,
    ),
    (EMERGENCY, r"\b(?:trying to|tried to) (?:get|break) in(?:to)? (?:through|my|the|our)\b", True),
    # --- not safe, afraid of someone at home
    (
        ABUSE,
        rf"\b(?:my|our) {_CLOSE}(?:'s| is| has| keeps| kept| will| won't| just| always| then| has been"
        rf"| keeps on| started| starts| has started)? ?(?:\w+ )?{_HURT_ME} (?:me|us|me and)\b",
        True,
    ),
    (ABUSE, rf"\b{_HURT_ME} (?:me|us)\b.*\b(?:my|our) {_CLOSE}\b", False),
    (
        ABUSE,
        rf"\b(?:my|our) {_CLOSE}\b.*\b(?:he|she|they)(?:'s|'d|'ll| has| had| is| was)?(?: \w+)? {_HURT_ME}"
        r" (?:me|us)\b",
        True,
    ),
    (
        ABUSE,
        rf"\b(?:my|our) {_CLOSE}\b.*\bthreaten(?:s|ed|ing)? to (?:kill|hurt|hit|stab|beat|batter|burn)"
        r" (?:me|us)\b",
        True,
    ),
    (
        ABUSE,
        r"\bi(?:'m| am)(?: being| getting) (?:hit|beaten|abused|hurt|stalked|followed|threatened|controlled"
        r"|harassed|attacked|battered|raped|assaulted|bullied|blackmailed)\b",
        True,
    ),
    (
        ABUSE,
        r"\bi(?:'m| am) (?:in|stuck in|trapped in) an? (?:abusive|violent|controlling) (?:relationship|marriage"
        r"|home|house)\b",
        True,
    ),
    (ABUSE, r"\b(?:being|been) (?:abused|hit|beaten) (?:at home|by (?:my|him|her))\b", True),
    # control and forced marriage: papers taken, a marriage arranged against the visitor's will, kept in
    (
        ABUSE,
        r"\b(?:took|taken|taking|take|keep|keeps|kept|hold|holds|holding|hid|hidden|hide|locked up|burnt|burned) (?:away )?"
        r"my (?:passport|papers|documents|id|visa|brp)\b(?! (?:to|for) (?:the|a|my) (?:check|copy|copying|scan|interview))"
        r"|\b(?:arrang\w*|forc\w*|mak\w*|push\w*|pressur\w*) (?:me )?(?:into |to have |to )?(?:a |an )?marr(?:iage|y)\b"
        r"[^.]{0,30}\b(?:i|that i) (?:do not|don't|dont|didn't|did not|never) (?:want|agree|choose)"
        r"|\bforced (?:to|into) marr\w*|\bforced marriage\b(?=[^.]*\b(?:me|my|i'm|i am)\b)"
        r"|\b(?:i'm|i am|im) (?:not|never) allowed (?:out|to go out|to leave|outside|to see (?:anyone|my friends))\b"
        r"|\b(?:they|he|she) (?:won't|don't|doesn't|will not|do not|does not) let me (?:out|leave|go out|see anyone)\b",
        True,
    ),
    # someone close abusing the visitor, named without the act: "my stepdad is still doing things to me"
    (
        ABUSE,
        rf"\b(?:my|our) {_CLOSE}(?:'s| is| has| keeps| still)*\b[^.]{{0,20}}\b(?:does|doing|do|keeps doing|still does)"
        r" (?:things|stuff) to (?:me|us)\b",
        True,
    ),
    (
        ABUSE,
        r"\b(?:scared|frightened|afraid|terrified|too scared|petrified) (?:to go home|of going home"
        r"|to go back|of (?:him|her|my (?:partner|husband|wife|boyfriend|girlfriend|ex|dad|mum|stepdad|brother))"
        r"|for my (?:life|safety)|(?:he|she|they)(?:'ll| will| might| is going to|'s going to) (?:hurt|kill|find|hit))",
        True,
    ),
    (ABUSE, r"\bfear for my (?:life|safety)\b|\bi fear (?:he|she)(?:'ll| will)\b", True),
    (
        ABUSE,
        r"\b(?:don't|do not|dont) feel safe (?:at home|in my (?:own )?(?:home|house|flat)|with (?:him|her|my)"
        r"|around (?:him|her|my)|going home|here|right now|any more)\b",
        True,
    ),
    (ABUSE, r"\bi(?:'m| am) not safe (?:at home|here|with (?:him|her|my)|right now|any more)\b", True),
    (
        ABUSE,
        r"\b(?:won't|will not|doesn't|does not) let me (?:leave|go out|see (?:my|anyone|friends)|have (?:my|any)"
        r" (?:money|phone)|out of)\b",
        True,
    ),
    (
        ABUSE,
        r"\b(?:checks|tracks|reads|took|takes|smashed) my phone\b|\bcontrols (?:my|all my) (?:money|life)\b",
        True,
    ),
    (
        ABUSE,
        r"\b(?:said|says|say|threatened|keeps saying|told me)(?: that)?(?:(?: if i \w+(?: \w+){0,3},?)? (?:he|she|they)"
        r"(?:'ll|'d| will| would| is going to|'s going to)| if i \w+(?: \w+){0,3},? (?:he|she|they))"
        r" (?:kill|hurt|harm|find|get|hit|take the kids from) (?:me|us|my)\b",
        True,
    ),
    (ABUSE, r"\b(?:going|gonna) to kill me\b|\bwill kill me\b|\bwants? me dead\b", True),
    (
        ABUSE,
        r"\bsomeone(?: is| has been| keeps)? (?:following|stalking|watching|threatening|harassing) me\b",
        True,
    ),
    (
        ABUSE,
        r"\bkeeps? (?:turning|showing) up (?:at|outside) (?:my|our)\b|\b(?:waiting|hanging around) outside my\b",
        True,
    ),
    (
        ABUSE,
        r"\bi(?:'m| am) (?:experiencing|suffering|living with|going through) (?:domestic )?(?:abuse|violence)\b",
        True,
    ),
    (ABUSE, r"\b(?:got|have|with) (?:a )?(?:black eye|bruises|bruised)\b.*\b(?:he|she|my)\b", True),
    (
        ABUSE,
        r"\b(?:he|she|they) (?:\w+ )?(?:hit|beat|strangled|choked|punched|kicked|raped|threatened|hurt) me\b",
        False,
    ),
    (
        ABUSE,
        rf"\b(?:my|our|the) {_CLOSE}\b.*\b(?:broke|broken|cracked|fractured) my (?:ribs?|arm|nose|jaw|wrist|finger"
        r"|cheekbone|leg)\b",
        True,
    ),
    (
        ABUSE,
        r"\b(?:kicking|banging|smashing|hammering) (?:on )?(?:my|the|our) (?:front |back )?(?:door|window)s?\b",
        True,
    ),
    (
        ABUSE,
        r"\b(?:found|finds|find|knows|worked) out where i (?:live|'ve moved|moved|am|work)\b|\bknows where i live\b",
        True,
    ),
    (
        ABUSE,
        r"\b(?:he|she|they)(?:'s| is| are)? (?:coming|on (?:his|her|their) way) (?:round|over|here|to get me|back)\b",
        True,
    ),
    (
        ABUSE,
        r"\b(?:threatening|nasty|scary|abusive) (?:messages|texts|calls|notes|letters|voicemails)\b"
        r"|\b(?:says|said|saying) i(?:'m| am) next\b|\bphotos of my (?:house|home|kids|car|children)\b",
        True,
    ),
    (
        ABUSE,
        r"\b(?:same|a|this) (?:man|guy|car|person) (?:outside|near|at|watching) my (?:house|home|flat|work)\b"
        r"|\boutside my (?:house|home|flat) (?:every|three|two|again|all)\b",
        True,
    ),
    (ABUSE, rf"\b(?:my|our) {_CLOSE}\b.*\b(?:controls|control) (?:everything|my|me|who)\b", True),
    (
        ABUSE,
        r"\b(?:terrified|scared|frightened|petrified|afraid) (?:of )?what (?:he|she|they)(?:'ll|'d| will| would|"
        r" might) do\b|\bi(?:'m| am) (?:so |really )?(?:terrified|petrified)(?: of (?:him|her|them|my \w+|what|going"
        r" home)|\s*$|,| and| he| she| they| because (?:he|she|they))",
        True,
    ),
    (ABUSE, r"\bbruises (?:on|round|around) (?:my|her|his) (?:neck|arms|face|throat)\b", True),
    (
        CHILD_AT_RISK,
        rf"\b(?:my|our|his|her) {_CHILD}(?:'s)?\b.*\b(?:with a belt|on the hob|burn(?:ed|t)? (?:her|him)"
        r"|touching (?:her|him)|touched (?:her|him)|groom|older man|wants to meet (?:her|him)|sent (?:her|him) money"
        r"|locked (?:her|him|them) in|no food)\b",
        True,
    ),
    (
        CHILD_AT_RISK,
        rf"\b(?:hits|hurts|beats|abuses|touches|has been touching|hit|burned|burnt) (?:my|our|the) "
        rf"(?:little |baby |youngest |eldest )?{_CHILD}\b",
        True,
    ),
    # --- the visitor threatening someone else
    (
        HARM_TO_OTHERS,
        r"(?:^|\bi(?:'m| am)? ?)(?:going to|about to|gonna|ready to|planning to|want to|will|'ll|really want to)"
        r" (?:kill|hurt|stab|batter|attack|beat up|beat|smash|strangle|shoot|harm|knife|glass|do in) (?:him|her|them"
        r"|someone|somebody|my|that|the|people|everyone|anyone|his|whoever)\b",
        True,
    ),
    (
        HARM_TO_OTHERS,
        r"\b(?:thoughts|urges?|fantasies) (?:of|to|about) (?:hurting|harming|killing|stabbing|attacking)"
        r" (?:someone|somebody|people|others|him|her|them|my|the)\b",
        True,
    ),
    (
        HARM_TO_OTHERS,
        r"\b(?:scared|afraid|worried|frightened) (?:that )?i(?:'ll| will| might| could| am going to)"
        r" (?:hurt|harm|kill|snap and hurt|lash out at) (?:someone|somebody|him|her|them|my|the|people)\b",
        True,
    ),
    (
        HARM_TO_OTHERS,
        r"\bi(?:'ve| have) got a (?:knife|gun|weapon|blade)\b.*\b(?:him|her|them|use it|waiting)\b",
        True,
    ),
]
_SIGNALS += [
    (
        HARM_TO_OTHERS,
        r"\bmake (?:him|her|them) pay\b|\bget (?:my|our) (?:own )?revenge\b|\bpay (?:him|her|them) back\b"
        r".*\b(?:bat|knife|hurt|hard)\b",
        True,
    ),
    (
        HARM_TO_OTHERS,
        r"\bi(?:'ve| have)? got a (?:bat|knife|machete|hammer|blade|gun|crowbar) (?:in|under|with)\b",
        True,
    ),
    (HARM_TO_OTHERS, r"\bvoices? (?:telling|tell|told) me to (?:hurt|kill|harm|stab|attack)\b", True),
    (
        HARM_TO_OTHERS,
        r"\b(?:want|wanna|urge|urges) to (?:hurt|harm|kill|stab|attack|strangle|shake) (?:the|a|my|that|this)"
        r" (?:kid|child|baby|neighbour|lad|girl|boy|man|woman|flatmate|mum|dad|partner)\b",
        True,
    ),
    (HARM_TO_OTHERS, r"\bthinking about how i(?:'d| would| could) (?:do it|hurt|kill|get)\b", True),
    (
        HARM_TO_OTHERS,
        r"\b(?:scared|afraid|worried|frightened) i(?:'ll| will| might| could) (?:actually )?(?:do it|hurt"
        r"|harm|kill|snap)\b",
        True,
    ),
]
_SIGNALS += [
    # asking for a way to die, for themselves
    (
        SELF_HARM,
        r"\b(?:quickest|easiest|best|painless|surest|fastest|least painful) way to (?:die|go|end it|kill)"
        r"|\bhow (?:many|much) (?:of )?(?:my |the |your |his |her )?(?:\w+ )?"
        + _MEANS
        + r"\b.{0,40}(?:would it take"
        r"|does it take|it would take|it takes|to (?:die|overdose|kill|be fatal|od)\b|is fatal|is lethal|would kill)"
        r"|\bhow (?:many|much) .{0,30}\bto (?:die|overdose|kill (?:myself|yourself|me)|be fatal|od)\b"
        r"|\bcan (?:you|u|i|someone) (?:overdose|od|die) (?:on|from)\b|\bhow (?:long|high|far|deep) .{0,40}"
        r"(?:bleed out|to die|to fall|bridge needs|is fatal|would kill)|\bwhat happens if (?:you|i) take all\b"
        r"|\blethal dose\b",
        True,
    ),
    (
        SELF_HARM,
        r"\b(?:written|writing|wrote|left) (?:some |the )?(?:letters?|notes?|goodbyes?) (?:to|for) (?:my|everyone"
        r"|the)\b",
        True,
    ),
    (
        SELF_HARM,
        r"\bi(?:'m| am) (?:currently|actually|really|properly|quite) suicidal\b|\bsuicidal\b.*\b(?:because|cos)"
        r" i am\b",
        True,
    ),
    (SELF_HARM, r"\bselfharm\w* again\b|\bi need stitches\b", True),
    (
        SELF_HARM,
        r"\b(?:pills|tablets|meds) (?:under|in|hidden) my\b.*\b(?:just in case|collecting|saving|saved)\b"
        r"|\b(?:collecting|saving|stockpiling) (?:them|pills|tablets|meds)\b",
        True,
    ),
    # danger from someone close, said as a condition or a state
    (
        ABUSE,
        r"\bif i (?:ever )?(?:leave|go|tell|report|call)\b.{0,40}\b(?:he|she|they)(?:'ll| will| would|'d)"
        r" (?:kill|hurt|burn|find|make sure|take|beat|hit|punish)\b",
        True,
    ),
    (
        ABUSE,
        rf"\b(?:my|our) {_CLOSE}(?:'s| is) (?:really |very |so )?(?:violent|dangerous|abusive)\b"
        r"|\b(?:he|she)(?:'s| is) (?:really |very |so |getting )?(?:violent|abusive)\b",
        True,
    ),
    (
        ABUSE,
        r"\bi(?:'d| would| will|'ll)? be in (?:real |serious )?danger\b|\bi(?:'m| am) in (?:real |serious )?danger\b",
        True,
    ),
    (ABUSE, r"\b(?:trying|tried|rattling) (?:the|my) (?:door|doors|door handles?|windows?)\b", True),
    # the visitor planning to hurt someone: "i've been planning to wait for him and really hurt him"
    (
        HARM_TO_OTHERS,
        r"\bi(?:'ve| have|'m| am)? (?:been )?(?:planning|plan|planned|going|gonna|want|wanna|mean|intend|intending)"
        r" to\b[^.]{0,60}\b(?:hurt|stab|batter|attack|kill|beat up|glass|strangle|run over) (?:him|her|them)\b",
        True,
    ),
    # someone with the visitor about to hurt another, now
    (
        HARM_TO_OTHERS,
        r"\b(?:he|she|they|my \w+)(?:'s| is| are) (?:going to|gonna|about to|planning to) (?:kill|hurt"
        r"|stab|finish|batter|attack|shoot|burn|drive (?:his|her|their) car into)\b.*\b(?:tonight|today|now|this"
        r" (?:weekend|week)|tomorrow|knife|gun|weapon)\b",
        True,
    ),
    (
        HARM_TO_OTHERS,
        r"\bi could (?:actually |really |honestly )?(?:kill|hurt|stab|strangle) (?:him|her|them|my|someone)\b"
        r".*\b(?:not joking|planning|plan|serious|mean it)\b",
        True,
    ),
    (HARM_TO_OTHERS, r"\bvoices? (?:say|says|saying|tell|telling|told)\b", True),
    # a child hurt or left
    (
        CHILD_AT_RISK,
        rf"\b{_CHILD}(?:'s| has| is)? (?:got )?(?:a )?(?:broken|fractured) (?:leg|arm|bone|ribs?|wrist)\b"
        rf"|\b{_CHILD}\b.*\bleft (?:alone|on (?:their|his|her) own) for\b|\bleft (?:alone|on their own) for (?:\d+|days"
        r"|hours|two|three)\b",
        True,
    ),
    # an emergency with someone here now
    (
        EMERGENCY,
        r"\b(?:struggling|can't|cannot) (?:to )?breathe\b|\blips (?:are )?(?:going |turning )?blue\b"
        r"|\bhaving a (?:fit|seizure)\b|\b(?:going|gone) (?:really )?(?:drowsy|floppy|limp|grey)\b"
        r"|\b(?:took|taken|swallowed|had|drunk|drank) (?:(?:a|the) whole (?:packet|bottle|box|strip|tub|pack|lot)"
        r"|all (?:of )?(?:his|her|their) (?:pills|tablets|meds|medication)|something from)\b"
        r"|\b(?:being sick and|sick and) (?:floppy|drowsy|limp)\b"
        r"|\b(?:he|she|they|him|her|them|baby|child|son|daughter|mum|mam|dad|nan|grandad|partner|friend|flatmate"
        r"|housemate)(?:'s| is| has gone| went| seems| looks)? (?:\w+ )?(?:floppy|unresponsive)\b",
        True,
    ),
]
_SIGNALS += [
    (
        SELF_HARM,
        r"\b(?:thoughts?|thinking|think) (?:of|about) (?:jumping|hanging|overdosing|cutting|drowning|ending it"
        r"|not waking|taking (?:all )?(?:my|the) (?:pills|tablets))\b",
        True,
    ),
    (
        SELF_HARM,
        r"\b(?:worth|reason (?:for|to)) (?:staying|being|keeping|remaining) alive\b|\bstay(?:ing)? alive for\b",
        True,
    ),
    (
        EMERGENCY,
        r"\b(?:a|the|some|this) (?:man|guy|bloke|lad|woman|person|someone|stranger|people|group)\b.{0,40}"
        r"\b(?:with|holding|has|got|carrying|waving|pulled out)\b.{0,25}\b(?:gun|knife|machete|weapon|blade|axe|bat)\b"
        r"(?!.*\b(?:was|were|had|came|once|last year|ago)\b)",
        True,
    ),
    (
        ABUSE,
        r"\b(?:coming|come|on (?:his|her|their) way) (?:round |back |over )?to (?:finish|get|kill|hurt|sort)"
        r" (?:me|what (?:he|she|they) started|us)\b|\bfinish what (?:he|she|they) started\b",
        True,
    ),
    (
        ABUSE,
        r"\b(?:posted|shared|put|found|knows|leaked) my (?:new )?(?:address|location|street|house|flat)\b",
        True,
    ),
]
_SIGNALS += [
    (
        SELF_HARM,
        r"\b(?:not sure|don't know if|doubt|don't think|wonder if) i(?:'ll| will| should| would|'d)? (?:still )?be (?:around"
        r"|here|alive|living)\b|\b(?:not sure|don't think) i(?:'ll| will) be (?:driving|coming|going|getting) (?:back|home)\b",
        True,
    ),
    (
        SELF_HARM,
        r"\bwould (?:it|anyone) (?:even )?(?:matter|care|notice)\b.{0,20}\bif i (?:disappeared|died|was gone"
        r"|wasn't here|weren't here|wasn't around|killed|ended|left for good)\b",
        True,
    ),
    (SELF_HARM, r"\bno one (?:would|will|'d|'ll) (?:even )?(?:notice|care|miss)\b", True),
    # the plan made, only the time left: "I've worked out where and how, it's just a question of when"
    (
        SELF_HARM,
        r"\b(?:worked out|figured out|decided(?: on)?|planned|sorted(?: out)?|chosen|picked) (?:exactly |already )?"
        r"(?:where and how|how and where|when and how|how and when|where and when)"
        r"(?=\s*(?:[,.;!]|$|and (?:it's|now|just)|it's|just|now))",
        True,
    ),
    # unsure of wanting to live: "I don't know if I want to be here at all"
    (
        SELF_HARM,
        r"\b(?:don't|dont|do not) (?:even |really )?know (?:if|whether) i (?:even |really |still )?want to"
        r" (?:be here|be alive|live|exist|go on|carry on|be around|wake up)\b"
        r"(?! (?:in|at(?! all)|on|for|working|long|next|doing|with (?:this|the|probation)))"
        r"|\bnot sure (?:if |whether )?i (?:even |really |still )?want to (?:be here|be alive|live|exist|go on"
        r"|be around|wake up)(?: (?:any ?more|at all|much longer))?\W*$",
        True,
    ),
    # not expecting to be here: "need to know if i'll even still be around that long"
    (
        SELF_HARM,
        r"\b(?:if|whether) (?:i(?:'ll| will| would|'d)|ill|id) (?:even )?(?:still )?be (?:around|here|alive)\b",
        True,
    ),
    (
        SELF_HARM,
        r"\b(?:cannot|can't|can not|unable to) (?:\w+ )?(?:guarantee|promise|ensure) (?:my own|my) safety\b",
        True,
    ),
    (
        SELF_HARM,
        r"\b(?:saving|saved|stockpiling|stockpiled|hoarding|collecting|collected|kept) (?:up )?(?:all )?(?:my )?"
        r"(?:\w+ )?(?:medication|meds|pills|tablets|prescription)\b(?! (?:for|to) (?:work|the trip|holiday))",
        True,
    ),
    (
        SELF_HARM,
        r"\b(?:drive|drove|driving|steer|steering|crash|crashing) (?:my car |the car )?(?:into|off) (?:a|the)"
        r" (?:wall|tree|central reservation|reservation|bridge|river|lorry|cliff|motorway|barrier|oncoming)\b",
        True,
    ),
    (
        SELF_HARM,
        r"\b(?:writing|written|wrote|left|leave) (?:a|my) (?:goodbye|suicide|last) (?:note|letter)s?\b",
        True,
    ),
    # someone who comes to a child's room at night
    (
        CHILD_AT_RISK,
        r"\b(?:comes?|coming|came|gets?|getting|sneaks?) (?:in|into) (?:my|our|her|his) (?:room|bed|bedroom)\b"
        r"(?:[^.]{0,40}\bat night\b|[^.]{0,60}\b(?:i'm|im|i am) 1[0-7]\b)|\bdoes (?:things|stuff) to me\b"
        r"|\b(?:says|said) it'?s our (?:little )?secret\b",
        True,
    ),
    # control that fences a life in: trackers, read emails, jobs chosen for them
    (
        ABUSE,
        r"\b(?:put|fitted|hid) a tracker on my\b|\breads (?:all )?my (?:emails|messages|texts)\b"
        r"|\b(?:he|she) (?:says|said) i can only\b|\bonly (?:apply for|take) (?:the )?jobs (?:he|she) (?:chooses|picks|allows)\b",
        True,
    ),
]
_SIGNALS += [
    (
        SELF_HARM,
        r"\b(?:i have|i've got|i've made|i made|got) a plan (?:for how|to do it|for when|and a date)\b",
        True,
    ),
    (
        SELF_HARM,
        r"\b(?:plan|planning|planned|worked out|thinking about|think about) (?:how|when|where) (?:i'd|i would"
        r"|i'll|i will|i could|to) (?:do it|end it|go|kill|die)\b|\b(?:picked|set|chosen) (?:a|the) date\b(?! (?:for|to|with|of|in|on|at))",
        True,
    ),
]
_SIGNALS += [
    # someone close hurting the visitor, however many words between ("my partner's on licence and has started
    # hitting me again"), as long as nobody else is named in between
    (
        ABUSE,
        rf"\b(?:my|our) {_CLOSE}\b(?:(?!\b(?:client|resident|service user|patient|he told|she told)\b)[^.]){{0,60}}"
        rf"\b(?:has|have|keeps|kept|started|starts|is|'s|has started|has been|been)? ?(?:started )?{_HURT_ME} (?:me|us)\b",
        True,
    ),
]
_SIGNALS += [
    # the shortest cries for help, alone in a message
    # ("help" alone asks what the bot can do: data/nlu has it so)
    (
        EMERGENCY,
        r"^(?:someone help(?: me)?|somebody help(?: me)?|(?:he|she|they)(?:'s|'re| is| are)"
        r" (?:here|back|outside|coming))\W*$",
        True,
    ),
]
_COMPILED = [(kind, re.compile(pattern), names) for kind, pattern, names in _SIGNALS]

# --- whose, and when --------------------------------------------------------------

# Reported speech about someone else: "she told me she wanted to die".
_REPORTED = re.compile(
    r"\b(?:he|she|they|the (?:\w+ )?(?:man|woman|lad|girl|boy|client|resident|person|young person|service user|caller)"
    r"|an? (?:\w+ )?(?:man|woman|lad|girl|boy|client|resident|person|young person|service user|caller|patient|learner"
    r"|student|tenant|mother|father|mum|dad)|clients?|residents?|service users?|people|kids|children|pupils|young people|students|someone i (?:was )?"
    r"(?:support|supported|worked with|mentor|mentored))\b[^.]{0,60}?"
    r"\b(?:said|says|saying|told|tells|telling|disclosed|discloses|admitted|mentioned|wrote|texted|shouted|screamed"
    r"|threatened|was|were|had been|felt|kept saying|would say)\b"
)
_QUOTED = re.compile(r"[\"“][^\"”]{3,}[\"”]")
_NEGATED = re.compile(
    r"\b(?:not|never|no longer|wouldn't|would not|won't|will not|don't|do not|isn't|wasn't|haven't|hasn't"
    r"|i'm not|i am not|nothing like)\b(?:\s+\w+){0,3}\s*$"
)
# Long past, now resolved.
_PAST = re.compile(
    r"\bused to\b|\byears? ago\b|\b(?:a|one|two|three|four|five|ten|\d+|many|several|few|some) (?:years|yrs)"
    r" (?:ago|back)\b|\bwhen i was (?:younger|a (?:teen|teenager|kid|child)|at (?:school|uni|college)|\d+|in)"
    r"|\bas a (?:teen|teenager|kid|child|student)\b|\bin the past\b|\bback in (?:19|20)\d\d\b|\bin (?:19|20)\d\d\b"
    r"|\bsurvivor\b|\brecovered\b|\bgot (?:through|past|over) it\b|\b(?:came|come) through\b|\bovercame\b|\b(?:put (?:it|that|this|them|all that)|it\'s|that\'s|it is|that is|(?:is|are|all) now|long) behind me\b"
    r"|\bin a (?:really |much |very )?(?:good|better|great|stable) place\b|\bi(?:'m| am) (?:fine|ok|okay|well|better|in a good place|doing well) now\b"
    r"|\bi left (?:him|her|them)\b|\bgot out\b|\bwhen i was growing up\b|\bgrowing up\b|\bgrew up\b|\bhistory of\b"
    r"|\bfrom (?:about |around )?(?:age )?1[0-9] (?:to|until|till) (?:about )?[12][0-9]\b|\blong gone\b"
    r"|\blong time ago\b|\bback then\b|\bat uni\b|\bmy past\b|\bprevious(?:ly)?\b|\bformer\b|\bmy ex used\b"
    r"|\bmy (?:old|previous|last) (?:job|role|work)\b|\bfor (?:over |more than )?(?:\d+|two|three|four|five|six|seven|eight|nine|ten|many) years\b"
    r"|(?<!start )(?<!apply )(?<!leave )(?<!begin )\bat (?:age )?1[0-9]\b|\baged 1[0-9]\b|\bas a (?:child|teen|kid)\b"
    # a story told to its end ("... security walked him out and no one was hurt")
    r"|\bno one (?:was|got) (?:hurt|injured|harmed)\b|\beveryone was (?:safe|fine|ok|okay|unhurt)\b"
    r"|\blast (?:winter|summer|spring|autumn|christmas)\b|\bonce\b(?=\s*[,.;]|\s+(?:and|but|so)\b)"
)
# ... unless it is happening again now.
_NOW = re.compile(
    r"\b(?:again|still|tonight|right now|now|today|at the moment|this (?:week|morning|evening)|lately|recently"
    r"|these days|last night|come back|coming back|started again|is back|are back|getting worse|says|keeps"
    r"|(?:he|she|they)(?:'s| is| are|'re) coming)\b"
)
# "... but I'm fine now": the present that closes a story of the past, not a new danger.
_RESOLVED_NOW = re.compile(
    r"\b(?:i'm|i am|he's|she's|they're|we're|it's|things are|everything is|life is)(?: \w+)?"
    r" (?:fine|ok|okay|well|better|good|happy|safe|settled|stable|doing well|doing (?:really well|great|brilliantly|amazingly)|thriving|in a good place|recovered|in recovery)"
    r"(?: \w+)? now\b|\bnow (?:i'm|i am) (?:fine|ok|okay|well|better|happy|safe|stable)\b|\bnow in recovery\b"
    r"|\bi'm (?:\d+|in my \w+) now\b"
)

# --- the frame: a question about the job, a story from work, an answer about practice

_JOB_QUESTION = re.compile(
    r"\b(?:do(?! it\b)|does|would|will|could|should|can|are|is|how (?:do|does|would|will|much|often)|what (?:do|does|happens"
    r"|if|training|support)|who)\b[^.?]*\b(?:probation|pso|psos|officers?|staff|practitioners?|pqip|the (?:job|role"
    r"|work|service|course|training)|this (?:job|role|work)|learners?|trainees?|workers?|you (?:deal|handle|work|"
    r"manage|support)|i (?:need|have) to (?:deal|work|handle))\b"
    r"|\b(?:specialis|specializ|speciali[sz]e|work in|focus on|career in|interested in|experience (?:of|in|with))"
    r"[^.?]*\b(?:domestic abuse|domestic violence|suicide|self ?harm|selfharm|crisis|mappa|safeguarding|risk)"
)
# An interview question quoted inside the visitor's own words frames only the quote.
_QUOTED_QUESTION = re.compile(r"(?<!\w)'[^']{3,}'(?!\w)")


def _job_question(sentence: str) -> bool:
    return bool(_JOB_QUESTION.search(_QUOTED_QUESTION.sub(" ", sentence)))


_WORK_STORY = re.compile(
    r"\b(?:service users?|clients?|residents?|patients?|caseload|case ?load|cases?|offenders?|young (?:person|people)"
    r"|customers?|callers?|tenants?|pupils?|students?|learners?|mentees?|the (?:man|woman|lad|girl|boy|family|person)"
    r" i|people i|women i|men i|at (?:work|the (?:hostel|refuge|shelter|prison|centre|center|unit|ward|school|office"
    r"|charity|home|service))|on (?:shift|my shift|placement|the ward|the line|the phones)|in my (?:role|job|work"
    r"|placement)|as a (?:volunteer|support worker|prison officer|nurse|carer|youth worker|teacher|key ?worker"
    r"|mentor|officer|call handler)|i (?:volunteer|volunteered|work|worked|support|supported|help|helped|mentor"
    r"|mentored|referred|escalated|reported|called the|rang the|stayed with|sat with|listened|made sure|followed"
    r"|de-?escalated|calmed)|my (?:manager|supervisor|team|colleague|colleagues)|safeguarding (?:lead|team|policy"
    r"|procedure)|crisis (?:line|team)|(?:work|worked|working|volunteer|volunteered|volunteering|shifts?) (?:at|in|for)"
    r" (?:a|the) (?:refuge|hostel|shelter)|tell me about a time|star (?:method|format)|situation was"
    r"|the result was|what i did|my action|our (?:helpline|service|team|line)|my answer|mock answer|answer for"
    r"|paramedic|nurse here|attended|mock interview|interview (?:answer|question)|kept (?:him|her|them) talking"
    r"|(?:someone|people|those|anyone|men|women) i (?:supervise|manage|support|work with)|on my caseload"
    r"|informed (?:the )?police|risk management|safety plan|care plan|incident report|debrief|i referred"
    r"|i would (?:ask|check|listen|make sure|refer|call|stay|talk|explain|follow"
    r"|speak|tell|report|contact|record|share)|i'd (?:ask|check|listen|make sure|refer|call|stay|talk|explain"
    r"|follow|speak|report|contact|record|share))\b"
)
# Everyday idioms that borrow the words: "this form is killing me", "I'd kill for this job".
_IDIOM = re.compile(
    r"\b(?:kill|killed|killing|die|dying|died) (?:for|of|laughing|to (?:know|hear|start|get|find|apply|see))\b"
    r"|\b(?:i'll|i will|gonna|going to|'ll) kill (?:you|u|ya)\b[^.]{0,30}\b(?:haha|lol|jk|joking|x+)\b"
    r"|\ba killer (?:of a )?\w+|\bkilling me\b|\bkill me (?:now )?(?:lol|haha)|\bnerves are killing\b|\bbored to death\b"
    r"|\bscared to death of (?:the|interviews?|exams?|failing)\b|\bover my dead body\b"
    r"|\bmyself laughing\b|\bdying inside\b|\b(?:be|being) the death of (?:her|him|me|us|them|my \w+)\b|\b(?:going to|gonna|will|'ll|would|could) die if (?:they|i|he|she|you|the)\b|\bdying on me\b"
    r"|\b(?:boss|teacher|manager|line manager|tutor|lecturer|supervisor|mates?|friends?|team)\b (?:will|'ll|would|is going to"
    r"|'s going to|gonna|is gonna) (?:actually |literally )?kill me\b"
    r"|\b(?:mum|mam|mom|dad|parents|nan|gran|grandma|boss|teacher|manager|family|kids|children)\b (?:will|'ll|would"
    r"|is going to|'s going to|gonna|is gonna|are going to|are gonna) (?:actually |literally )?kill me if i (?:don't"
    r"|dont|do not|fail|miss|mess|forget|get|am late|spend|quit|move|apply|take (?:the|this|a)|go for|start)\b|\bcould murder (?:a|some)\b"
    r"|\b(?:strangle|kill|murder|throttle|smash|batter|stab) (?:my|the|this|that) (?:printer|laptop|computer|phone"
    r"|website|form|wifi|internet|keyboard|alarm|car|sat ?nav|router|application)\b"
    r"|\b(?:laptop|phone|computer|battery|printer|car|wifi|internet)(?:'s| has| is)? (?:just )?(?:died|dying|dead)\b"
    r"|\b(?:smash|smashing|nail|nailing|kill|killing|ace) (?:the |my |this |that )?(?:assessment(?: centre)?|interview|exam"
    r"|test|application|written exercise|role ?play)\b"
    r"|\b(?:lose|losing|lost) my mind\b|\bgoing (?:mad|crazy|insane)\b|\bdriving me (?:mad|crazy|up the wall)\b"
    r"|\bdrowning in (?:paperwork|work|emails|admin|assignments|debt)\b"
    r"|\b(?:going to|have to|got to|gotta|need to|'ve got to) (?:go|head off|log off|leave|dash) (?:now|soon)\b"
    r"(?!.*\b(?:for ever|forever|for good|permanently|catches me)\b|.*\b(?:he|she|they)(?:'s| is| has| are|'re)"
    r" (?:just )?(?:come|got|back|coming) (?:home|back|in)\b)|\b(?:want|wanted) to die of (?:embarrassment|shame)\b"
    r"|\b(?:website|form|site|printer|laptop|assessment|assessment centre|interview|exam|test|course|job|application"
    r"|stress|commute|paperwork|wait|waiting|week|day|role ?plays?|essay|deadline|revision|training|pqip|nerves"
    r"|suspense|heat|hangover)\b(?:(?!\b(?:he|she|they|him|her|them)\b)[^.]){0,30}\b(?:trying to|going to|gonna|will"
    r"|'ll|is|are) (?:actually |literally )?"
    r"(?:kill|be the death of)(?:ing)? (?:me|us)\b"
)


def _names_someone_else(sentence: str, start: int) -> bool:
    """The risk words follow a report of what someone else said or did."""
    before = sentence[:start]
    if _QUOTED.search(sentence):
        return True
    return bool(_REPORTED.search(before[-240:]))


# Someone else's words quoted in single quotes: "a client once told me 'I'm going to kill myself'".
_SINGLE_QUOTED = re.compile(r"(?:(?<=\s)|(?<=:)|^)'(?=\w)(.{3,200}?)(?<=[\w.!?,])'(?=[\s,.;:!?]|$)")
_QUOTES_SOMEONE = re.compile(
    # a character's line: "a character in the book I'm reading says '...'"
    r"(?:\b(?:character|narrator|villain|hero|heroine|protagonist)\b[^.]{0,60}?"
    r"|\b(?:he|she|they|someone|somebody)|\b(?:my|a|an|the|one of my|our) (?:\w+ ){0,2}\w+)"
    r"(?: once| just| then| later| recently)? (?:told|said|says|saying|tells|wrote|texted|messaged|disclosed"
    r"|shouted|screamed|kept saying|would say)(?: to)?(?: me| us)?(?: (?!i\b)\w+){0,3}\W*$"
)


def _anothers_quotes(sentence: str) -> list[tuple[int, int]]:
    """Where the sentence quotes someone else's words (not the visitor's own)."""
    spans = []
    for quote in _SINGLE_QUOTED.finditer(sentence):
        before = sentence[: quote.start()]
        if _QUOTES_SOMEONE.search(before):
            spans.append(quote.span())
    return spans


def _in_anothers_quote(sentence: str, start: int) -> bool:
    return any(begin <= start < end for begin, end in _anothers_quotes(sentence))


# Quoted words that land on the visitor: addressed to them, or said by someone close.
_ADDRESSES_VISITOR = re.compile(r"\b(?:you|u|ya|your|ur|yourself)\b")
_CLOSE_SPEAKER = re.compile(rf"\b(?:my|our) {_CLOSE}\b")


def _quote_threatens_visitor(sentence: str, start: int) -> bool:
    """'my ex texted "I'll kill you"' threatens the visitor; 'the person says "I'll kill
    him"' in a role play reports a stranger's words about someone else."""
    for begin, end in _anothers_quotes(sentence):
        if begin <= start < end:
            return bool(
                _ADDRESSES_VISITOR.search(sentence[begin:end]) or _CLOSE_SPEAKER.search(sentence[:begin])
            )
    return True


def _harm_only_in_anothers_words(sentence: str) -> bool:
    """'my client said "I'll end it all"': the harm is in someone else's quoted words, and
    nothing outside them names harm or aims at the visitor."""
    if not _anothers_quotes(sentence):
        return False
    rest = _without_anothers_quotes(sentence)
    if any(_quote_threatens_visitor(sentence, begin) for begin, _ in _anothers_quotes(sentence)):
        return False
    return not _HARM.search(rest) and not _aimed_at_visitor(sentence)


def _without_anothers_quotes(sentence: str) -> str:
    for begin, end in reversed(_anothers_quotes(sentence)):
        sentence = sentence[:begin] + " " * (end - begin) + sentence[end:]
    return sentence


def _is_negated(sentence: str, start: int) -> bool:
    return bool(_NEGATED.search(sentence[:start]))


def _is_past(text: str) -> bool:
    return bool(_PAST.search(text)) and not _NOW.search(_RESOLVED_NOW.sub(" ", text))


def _signals(sentence: str) -> list[tuple[str, re.Match[str], bool]]:
    found = []
    for kind, pattern, names_visitor in _COMPILED:
        match = pattern.search(sentence)
        if match:
            found.append((kind, match, names_visitor))
    return found


# The classifier's thresholds: a message it rates this likely is at risk unless a
# frame says otherwise; inside a work story it must be surer still.
CLASSIFIER_THRESHOLD = 0.35
WORK_STORY_THRESHOLD = 0.85
NO_HARM_THRESHOLD = 0.7
SENTENCE_THRESHOLD = 0.55  # one sentence of a longer message, read on its own
NO_HARM_SENTENCE_THRESHOLD = 0.75
SURE_MESSAGE_THRESHOLD = 0.85
SHORT_MESSAGE_WORDS = 7
LONG_SENTENCE_WORDS = 16  # read clause by clause too
_PERSONAL = re.compile(
    r"\b(?:i|i'm|i've|i'll|i'd|me|my|myself|mine|we|us|our)\b"
    # text-speak drops the "I": "been cutting again", "thinking of driving into a wall"
    r"|^(?:(?:honestly|tbh|just|really|still|sometimes|also|and|but|so|ngl|lately|literally|kinda|sort of) )*"
    r"(?:been|feeling|feel|thinking|think|thought|took|taken|gave|given|wanna|want|wanted|cant|can't|don't|dont"
    r"|keep|kept|sorted|got|gonna|going to|planning|planned|bought|written|wrote|stockpiling|saving up|scared|cba"
    r"|sat|stood|sitting|standing|locked|hiding|hid|not)\b"
)
_KIND_WORDS = [
    (
        CHILD_AT_RISK,
        re.compile(rf"\b(?:my|our|her|his) {_CHILD}\b.*\b(?:hit|hurt|touch|abus|belt|burn|groom|scared)"),
    ),
    (ABUSE, re.compile(rf"\b(?:my|our) {_CLOSE}\b|\b(?:he|she)(?:'s| is| has| keeps)\b|\bstalk|\bfollow")),
    (EMERGENCY, re.compile(r"\b(?:fire|smoke|unconscious|breathing|ambulance|break(?:ing)? in|knife)\b")),
    (
        HARM_TO_OTHERS,
        re.compile(r"\b(?:hurt|kill|stab|batter|attack) (?:him|her|them|someone|somebody|people)\b"),
    ),
]


def _kind_of(sentence: str) -> str:
    return next((kind for kind, words in _KIND_WORDS if words.search(sentence)), SELF_HARM)


def assess(text: str, classifier=None) -> Risk | None:
    """The risk the message speaks of, or None: the grammar first, then the classifier."""
    normalised = normalise(text)
    if not normalised:
        return None
    found = _grammar(normalised)
    if found is not None:
        return found
    return _by_classifier(normalised, classifier)


def _by_classifier(normalised: str, classifier) -> Risk | None:
    """A message the classifier rates at risk, with a sentence outside the frames
    (an idiom, the long past, a question about the job; someone else's words in a
    story from work); inside such a story only when it is surer, unless it is
    happening now."""
    if classifier is None:
        from bot.safety.classifier import trained_classifier

        classifier = trained_classifier()
    if len(normalised.split()) < SHORT_MESSAGE_WORDS and not _HARM.search(normalised):
        return None  # "no, nothing like that": an answer, too short to read risk into
    story = _is_story(normalised)
    needed = WORK_STORY_THRESHOLD if story else CLASSIFIER_THRESHOLD
    if not _HARM.search(normalised):  # distress without any harm named: only when it is very sure
        if _ASKS.match(normalised) and len(sentences(normalised)) == 1:
            return None  # "can I train around my kids": a question naming no harm is a question
        if not _PERSONAL.search(normalised):
            return None  # "one done and one on the go": nobody, and no harm, named
        needed = max(needed, NO_HARM_THRESHOLD)
    probability = classifier.probability(normalised)
    if probability < needed:
        # A careers question, an answer or a story can hold a disclosure of the
        # visitor's own ("what qualifications do I need... never mind, I won't need a
        # career where I'm going"): read its sentences in the first person, in the
        # present, on their own.
        return _own_sentence_at_risk(normalised, classifier, probability, story)
    past = _is_past(normalised)
    for sentence in sentences(normalised):
        if _IDIOM.search(sentence) or _is_past(sentence) or _job_question(sentence):
            continue
        if past and not _HARM.search(sentence) and not _SOON.search(_RESOLVED_NOW.sub(" ", sentence)):
            continue  # distress beside a story of the past ("... I want to be the one who notices")
        if (
            _denies_harm(sentence)
            or _harm_only_in_anothers_words(sentence)
            or _only_a_landmark(normalised, sentence)
        ):
            continue
        if not _HARM.search(sentence) and _RESOLVED_NOW.search(sentence):
            continue  # "... and he's doing okay now": the end of a story, naming no harm
        if (
            (story or past)
            and _names_someone_else(sentence, len(sentence))
            and not _aimed_at_visitor(sentence)
        ):
            continue  # another's words in a story, unless they threaten the visitor
        if not _HARM.search(sentence) and (
            _BARE_ANSWER.match(sentence)
            or sentence.endswith("?")
            or (_CHECK_ANSWER.search(sentence) and classifier.probability(sentence) < SURE_MESSAGE_THRESHOLD)
            or classifier.probability(sentence) < CLASSIFIER_THRESHOLD
        ):
            continue  # the risk the message reads as is not in this sentence
        if (
            (story or not _HARM.search(sentence))
            and _ABOUT_SOMEONE_ELSE.search(sentence)
            and not _FIRST_PERSON_OBJECT.search(sentence)
        ):
            continue  # "... thinking about harming himself", "she needs to sort herself out": another's
        return Risk(_kind_of(sentence), sentence)
    # Each sentence sat in a frame ("..., anyway does pqip pay travel"): the frame may
    # belong to one clause only.
    return _own_sentence_at_risk(normalised, classifier, probability, story)


def clauses(sentence: str) -> list[str]:
    """A long comma-spliced sentence's clauses, each with the one after it for context
    ("... but tbh i havent been coping, stopped eating and started thinking about ...")."""
    pieces = [p.strip() for p in _CLAUSE_BREAK.split(sentence) if p and p.strip()]
    if len(sentence.split()) < LONG_SENTENCE_WORDS or len(pieces) < 2:
        return []
    pairs = [", ".join(pieces[i : i + 2]) for i in range(len(pieces) - 1)]
    # a clause alone only where it names harm: alone, "i passed it to the dsl" reads as anything
    return pairs + [p for p in pieces if len(p.split()) >= SHORT_MESSAGE_WORDS and _HARM.search(p)]


# Where a run-on message turns to something else: "..., anyway does pqip pay travel".
_CLAUSE_BREAK = re.compile(r",\s*|\s+(?=(?:anyway|also|btw|plus|but|and also|oh and)\b)")


def _own_sentence_at_risk(normalised: str, classifier, probability: float, story: bool) -> Risk | None:
    """A sentence or clause of the message at risk on its own; `probability` is the
    classifier's for the whole message, `story` whether it is a story from work."""
    if _is_past(normalised):
        return None
    # A message the classifier is sure of may hold its risk in a fragment that names no harm
    # ("gave my dog away today, feels like the right time, anyway does pqip pay travel").
    sure = probability >= SURE_MESSAGE_THRESHOLD
    split = sentences(normalised)
    parts = split + [c for sentence in split for c in clauses(sentence)]
    if len(parts) < 2:
        return None  # the message was read whole already
    for sentence in parts:
        if not _PERSONAL.search(sentence) or (sentence.endswith("?") and not _HARM.search(sentence)):
            continue
        if _IDIOM.search(sentence) or _job_question(sentence):
            continue
        if _WORK_STORY.search(sentence) and not _PRESENT_SELF.search(sentence):
            continue
        if (
            _denies_harm(sentence)
            or _harm_only_in_anothers_words(sentence)
            or _only_a_landmark(normalised, sentence)
        ):
            continue
        if _is_past(sentence) or (
            story and _names_someone_else(sentence, len(sentence)) and not _aimed_at_visitor(sentence)
        ):
            continue
        if (
            not _HARM.search(sentence)
            and _CHECK_ANSWER.search(sentence)
            and classifier.probability(sentence) < SURE_MESSAGE_THRESHOLD
        ):
            continue  # "two finished and I'm halfway through the third one": an answer to the check
        if _THIRD_PERSON.search(sentence) and not _aimed_at_visitor(sentence):
            continue  # "I'd ask him if he's thinking of hurting himself": another's risk, read alone
        if _HARM.search(sentence):
            needed = SENTENCE_THRESHOLD
        elif sure and len(sentence.split()) >= SHORT_MESSAGE_WORDS:
            needed = NO_HARM_SENTENCE_THRESHOLD
        else:
            # Read alone, a fragment of a longer message the classifier doesn't rate at risk
            # ("and i've been leaving on time since") reads as anything: only harm named counts.
            continue
        if classifier.probability(sentence) >= needed:
            return Risk(_kind_of(sentence), sentence)
    return None


# A time still to come: a sentence set then is not part of a story of the past.
_SOON = re.compile(
    r"\b(?:tonight|tomorrow|this (?:weekend|week|evening|afternoon)|next (?:week|month)|soon|(?:on |this |by )?"
    r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|later today|right now|now)\b"
)

_ASKS = re.compile(
    r"^(?:is|are|am|can|could|do|does|did|will|would|should|what|what's|how|when|where|which|who|why|have|has)\b"
)
_BARE_ANSWER = re.compile(
    r"^(?:no|nope|nah|not yet|not really|none|nothing|never|yes|yeah|yep|yes please|ok|okay|sure|maybe)\W*$"
)
# What an answer to the check talks about: studies, levels, modules, ages, work.
_CHECK_ANSWER = re.compile(
    r"\b(?:modules?|degree|level [1-7]|qualifications?|hnd|hnc|a ?levels?|gcses?|diploma|foundation|masters?"
    r"|bachelor'?s?|ba|bsc|msc|areas?|finished|completed|studying|halfway through|(?:first|second|third|final) year"
    r"|course|units?|apprenticeship|btec|nvq|uni|university|college|right to work|british|citizen|visa|england"
    r"|wales|scotland|northern ireland|(?:i'm|i am|im|i'll be|i turn) \d+(?: years? old)?|aged? \d+|age:|(?:first|second|third|fourth|last) one"
    r"|(?:one|two|three|four|all|none|both) (?:of them|done|finished|started|so far)|started (?:my|the) (?:first|second"
    r"|third|fourth|last)|(?:done|finished|completed) (?:one|two|three|four|all|both)|enrol\w*|signed up"
    r"|(?:on|onto|into) (?:the|my) (?:first|second|third|fourth|last|next)(?: one)?"
    r"|(?:first|second|third|fourth|last) (?:of (?:the |my |those )?(?:four|4|them|those)|module))\b"
)

# Where the visitor lives, said beside a place answer ("Wales. either, I'm right by the
# bridge"): the bridge is a landmark there, not a danger.
_LOCATION = re.compile(
    r"\b(?:live|living|lives|i'm|im|i am|we're|we are|based)\s+(?:right |just |really )?(?:by|near|next to|close to"
    r"|over|across from|round the corner from) the (?:bridge|river|border|station|coast|sea|docks|cliffs?)\b"
)
_PLACE_ANSWER = re.compile(
    r"\b(?:england|wales|scotland|northern ireland|live in|based in|work in|commut\w*|move to|relocat\w*)\b"
)


def _only_a_landmark(normalised: str, sentence: str) -> bool:
    return bool(
        _LOCATION.search(sentence)
        and _PLACE_ANSWER.search(normalised)
        and not _HARM.search(_LOCATION.sub(" ", sentence))
        and not _URGENT.search(sentence)
    )


_PRESENT_SELF = re.compile(
    r"\b(?:i'm|i am|i keep|i've|i have|i don't|i can't|i still|i want|i need|i feel|my own|i'll|i will|ill"
    r"|i just|im|i won't|i haven't|i think|i know|idk|me|i've started|i'd rather)\b|\b(?:there's|there is) (?:a|my)\b"
)


# Happening now: a story from work or the past doesn't frame it ("I'm at work and a
# service user has just collapsed").
_URGENT = re.compile(
    r"\b(?:just|right now|now|tonight|at the moment|currently|what do i do|what should i do|help me|please help"
    r"|still here|outside now)\b"
)


_ABOUT_SOMEONE_ELSE = re.compile(r"\b(?:himself|herself|themselves|their life|his life|her life)\b")
_FIRST_PERSON_OBJECT = re.compile(r"\b(?:me|myself|my life|i'm|i am)\b")


# Plain denials: "I would never hurt myself", "I'm not suicidal", "he's not in my life".
_DENIAL = re.compile(
    r"\b(?:would|will|could|'d|'ll) never (?:hurt|harm|kill|do anything to|try)\b"
    r"|\b(?:i'm|i am) not (?:suicidal|going to (?:hurt|harm|kill|do anything)|in (?:any )?danger|at risk|unsafe)\b"
    r"|\b(?:is|are|'s|'re) (?:not|no longer) (?:in|part of) my life\b|\bnothing like that\b|\bnot (?:any more|now)\b"
)


def _denies_harm(sentence: str) -> bool:
    """A sentence that says no, with no harm named outside the denial."""
    if not _DENIAL.search(sentence):
        return False
    return not _HARM.search(_DENIAL.sub(" ", sentence))


def _is_story(normalised: str) -> bool:
    """A story from work, or an answer about practice, told as done and dealt with."""
    return bool(_WORK_STORY.search(normalised)) and not _URGENT.search(_RESOLVED_NOW.sub(" ", normalised))


# Some harm, danger or way out named: a sentence without any is distress, not risk.
_HARM = re.compile(
    r"\b(?:die|dying|dead|death|alive|a&e|a and e|suicid\w*|kill\w*|end (?:it|my life|things)|ending (?:it|my life|things)|overdos\w*"
    r"|pills?|tablets?|meds|medication|paracetamol|rope|noose|bridge|jump\w*|(?<!pay )cut(?!\s+(?:the |their |his |her |my |your )?hair|\s+(?:him|her|them|me|us|you) some slack)|cutting|bleed\w*"
    r"|blood|blade|razor|knife|knives|weapon|gun|hurt\w*|harm\w*|selfharm\w*|hit|hits|hitting|beat\w*|punch\w*"
    r"|kick\w*|strangl\w*|chok\w*|abus\w*|violent|violence|threat\w*|danger\w*|unsafe|burn\w*|fire|smoke"
    r"|stab(?:s|bed|bing|ber|bings)?\b|attack\w*|rap(?:e|ed)|groom\w*|bruis\w*|broke my|police|ambulance|999"
    r"|hospital(?! (?:system|records?|trust|porter|staff|assistant|ward|job|shift|notes))"
    r"|stitches|better off|give up on|giving up on|no point|what's the point|can't go on|can't cope"
    r"|voices|stalk\w*|controls me|controlling|won't let me|(?:won't|wont|will not) let (?:her|him|them|us) (?:leave|out|go home)|locks? me|locked me|kept in|forced"
    r"|not breathing|unconscious|collapsed|drowsy|not exist|not wake up|disappear|burden|finish (?:me|it|myself|what)"
    r"|revenge|my will|last day|made my mind up|giving (?:my|all my) \w+ away|where i'm going|before i go"
    r"|for good|permanently|can't take (?:it|this|any more)"
    # ways and signs of ending a life, and danger from someone near
    r"|hang(?:s|ed|ing|ings)?\b(?!\s+(?:on|out|about|around|round|in there|tight|up|onto|fire))|slit\w*|wrists?|swallow\w*|engine running|hose|(?:in front of|under) (?:a|the) train|platform|cliffs?|roof"
    r"|edge|goodbye|letters? to"
    r"|(?:be|it) over|not (?:be )?(?:here|around)|won't be (?:here|around)|a plan|picked (?:a|the) date"
    r"|plan(?:ned|ning)? (?:it|how)|scared|afraid|frightened|terrified|hiding|hide|following|followed|outside (?:my|the|our) (?:house|flat|home|door|window|work|school|room|car)"
    r"|banging|touch(?:es|ed|ing)|grab\w*|pinned|throat|neck|acid|batter\w*|smash\w*|screaming|thud\w*|thump\w*"
    r"|(?:does|did|doing|do) (?:things|stuff) to (?:me|us|her|him)|(?:comes?|coming|came) into (?:my|our) (?:room|bed)"
    r"|sort (?:him|her|them|me) out|make (?:me|him|her) pay|regret it|next time|i'm next|a bat|something sharp"
    r"|break(?:s|ing)? (?:my|your|his|her|their|our) (?:legs?|arms?|neck|jaw|nose|face|ribs|fingers|hands?|head)"
    r"|set (?:fire|light) to)\b"
)


# No future, and not wanting one: "no future, and I'm not planning on having one". Read
# over the whole message: the split at ", and" would leave "having one" without its noun.
_NO_FUTURE_WANTED = re.compile(
    r"\bno (?:future|life)\b(?! (?:in|at|with|as|for|here|there))[^.?]{0,40}\b(?:not|no) (?:really |even )?(?:planning|plan|going"
    r"|expecting|wanting|intending) (?:on |to )?(?:have|having|get|getting|need|needing) (?:one|a future|it)\b"
)


# Doses put by, named by a pronoun: "on antidepressants? I've saved up a month's worth of
# them". Read over the message, which names the medicine.
_DOSES_PUT_BY = re.compile(
    r"\b(?:saved|saving|stockpiled|stockpiling|hoarded|hoarding|collected|collecting|kept|put|putting) (?:up |by |aside )?"
    r"(?:about |nearly |over |at least )?(?:a|an|two|three|four|six|a few|a couple of|\d+) ?"
    r"(?:months?|weeks?|fortnights?|days?)'?s? worth of (?:them|those|these|it)\b"
)
_MEDICINE = re.compile(rf"\b{_MEANS}\b")


def _grammar(normalised: str) -> Risk | None:
    """The risk the grammar finds: the first signal that survives its frames."""
    no_future = _NO_FUTURE_WANTED.search(normalised)
    if no_future and not _is_past(normalised):
        return Risk(SELF_HARM, no_future.group(0))
    doses = _DOSES_PUT_BY.search(normalised)
    if doses and _MEDICINE.search(normalised[: doses.start()]) and not _is_past(normalised):
        return Risk(SELF_HARM, doses.group(0))
    # A work story spans sentences ("At the hostel a resident ... He said ..."), so it
    # frames the whole message; a question about the job frames its own sentence.
    work_story = _is_story(normalised)
    message_past = _is_past(normalised)
    for sentence in sentences(normalised):
        if _IDIOM.search(sentence) and not _hard_signal(sentence):
            # the idiom frames its own words, not the rest of the sentence
            sentence = _IDIOM.sub(lambda m: " " * len(m.group(0)), sentence)
        job_question = bool(_job_question(sentence))
        for kind, match, names_visitor in _signals(sentence):
            start = match.start()
            if _is_negated(sentence, start) and kind != SELF_HARM or _negated_self_harm(sentence, match):
                continue
            if _names_someone_else(sentence, start) and not _speaks_for_self(sentence, match):
                continue
            if kind == SELF_HARM and (
                _someone_else_is_subject(sentence, match) or _in_anothers_quote(sentence, start)
            ):
                continue  # another's danger is the emergency or abuse signals' business
            if _in_anothers_quote(sentence, start) and not _quote_threatens_visitor(sentence, start):
                continue  # "the person says 'I'll kill him'": a stranger's words about a third person
            if _is_past(sentence) or (message_past and not _PRESENT_ACT.search(sentence)):
                continue
            if job_question and not (names_visitor and _speaks_for_self(sentence, match)):
                continue
            # In a story from work only the visitor's own danger counts: their own self-harm,
            # or someone of their own ("my partner ... me") hurting them or their child.
            words = match.group(0)
            own = (
                kind == SELF_HARM
                or words.startswith(("my ", "our "))
                or (kind == HARM_TO_OTHERS and words.startswith("i"))
                or (kind == ABUSE and bool(_THREAT_NOW.search(words)))
            )
            if work_story and not (own and names_visitor and _speaks_for_self(sentence, match)):
                continue
            return Risk(kind, match.group(0).strip())
    return None


def is_at_risk(text: str) -> bool:
    return assess(text) is not None


# A self-harm signal carries its own negation ("don't want to live"); a negation
# *before* it ("I'd never hurt myself", "I'm not suicidal") still cancels it.
_NEGATION_BEFORE = re.compile(
    r"\b(?:not|never|no longer|wouldn't|would not|won't|will not|i'm not|i am not|isn't|aren't|nothing)\b"
    r"(?:\s+\w+){0,2}\s*$"
)


def _negated_self_harm(sentence: str, match: re.Match[str]) -> bool:
    return bool(_NEGATION_BEFORE.search(sentence[: match.start()]))


def _speaks_for_self(sentence: str, match: re.Match[str]) -> bool:
    """The visitor is the one at risk: the words name them ("hurt myself", "kill me"),
    or the visitor is the last person named before them ("I keep thinking about
    jumping") rather than someone else ("she told me she had been cutting")."""
    if re.search(r"\b(?:himself|herself|themselves)\b", sentence[: match.end()]):
        return False
    if _FIRST_PERSON.search(match.group(0)):
        return True
    before = sentence[: match.start()]
    if not before.strip(" ,.:;-") or _PRO_DROP_START.match(before):
        return True  # text-speak drops the "I": "took 20 paracetamol about an hour ago"
    # nobody named before the words: text-speak dropped the "I" ("spent the evening writing ...")
    return _last_named(before) != "other"


_PRO_DROP_START = re.compile(r"^\W*(?:a:|answer:|honestly|tbh|ngl|also|and|just|so)?\W*$")


def _last_named(before: str) -> str | None:
    """Who was named last in `before`: "self" (the visitor), "other", or None."""
    last_self = max((m.end() for m in _FIRST_PERSON.finditer(before)), default=-1)
    last_other = max((m.end() for m in _THIRD_PERSON.finditer(before)), default=-1)
    if last_self == last_other:
        return None
    return "self" if last_self > last_other else "other"


def _someone_else_is_subject(sentence: str, match: re.Match[str]) -> bool:
    """Self-harm words about another person ("calls from people feeling suicidal"):
    someone else is named after the visitor and the words don't name the visitor."""
    if _FIRST_PERSON.search(match.group(0)):
        return False
    return _last_named(sentence[: match.start()]) == "other"


# A threat to the visitor that still stands: "he's said he'll kill me", "he will hurt me".
_THREAT_NOW = re.compile(
    r"(?:'ll|will|is going to|'s going to|gonna)\b.*\b(?:me|us|my)\b|\bif i \w+.*\b(?:he|she|they) \w+ (?:me|us|my)\b"
)


_FIRST_PERSON = re.compile(r"\b(?:myself|me|my life|my own life|i'm|i am|i|i've|i'd|i'll|im)\b")
_THIRD_PERSON = re.compile(
    r"\b(?:he|she|they|him|her|them|his|their|he's|she's|they're|someone|somebody|a (?:man|woman|lad|girl|boy"
    r"|client|resident|person|service user|young person|patient|caller|learner)|the (?:man|woman|lad|girl|boy|client"
    r"|resident|person|service user|young person|patient|caller|learner)|clients?|residents?|service users?|people"
    r"|callers|patients|survivors|victims|families|prisoners|offenders|tenants|pupils|students)\b"
)


# What someone else does lands on the visitor or their family: "he hit me", "says he'll take the kids".
_AIMED_AT_VISITOR = re.compile(
    r"\b(?:me|us|myself|i'm next|my (?:kids?|children|son|daughter|baby|sister|brother|face|arms?|legs?|head|neck|throat|jaw|nose|ribs"
    r"|teeth|hands?|fingers|door))\b"
)
# "kids telling me about being hit": the visitor is who was told, not who was hurt.
_TOLD_ME = re.compile(
    r"\b(?:tell|tells|telling|told|ask|asks|asking|asked|show|showed|gave|give|giving|rang|called|emailed|texted"
    r"|thanked|helped|let) (?:me|us)\b"
    r"|\b(?:got|gets|made|makes|set|sets|left) (?:me|us) (?:thinking|think|wonder\w*|curious|interested|reflect\w*)\b"
)


def _aimed_at_visitor(sentence: str) -> bool:
    return bool(_AIMED_AT_VISITOR.search(_TOLD_ME.sub(" ", _without_anothers_quotes(sentence))))


# Happening as the visitor writes: "I'm sitting on the ledge", whatever history came before.
_PRESENT_ACT = re.compile(
    r"\b(?:i'm|i am|im) \w+ing\b|\bright now\b|\btonight\b|\bat the moment\b|\bas i (?:type|write)\b"
)


def _hard_signal(sentence: str) -> bool:
    """An idiom doesn't hide a plain statement beside it ("kill me lol, I mean I want to die")."""
    return bool(re.search(r"\bkill myself\b|\bend my life\b|\bwant to die\b(?! of)|\bsuicidal\b", sentence))
