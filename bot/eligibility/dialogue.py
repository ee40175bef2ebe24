"""The eligibility check as a conversation: plain Python, no Rasa.

The Rasa form asks the questions; this module decides what each free-text
answer means, what to ask next, when a message is really a question to answer
first (a digression), and how to word the outcome. Slot values are the
Profile's fields, so the tracker holds exactly the visitor's profile.

Wording rule: acknowledgements never name a field ("Thanks.", "Updated."),
so that the last line of every turn is the one question being asked.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from bot import language
from bot.conversation import check_opening
from bot.eligibility import parsing
from bot.eligibility.confirming import confirm as confirming_question
from bot.eligibility.fields import (
    COMPANION_OF,
    PROFILE_FIELDS,
    SLOT_NAMES,
    Profile,
    profile_from,
    read_answer,
    read_reading,
)
from bot.eligibility.fields import field as question_field
from bot.eligibility.parsing import Reading
from bot.eligibility.rules import Assessment, assess, fields_needed
from bot.form_turn import FormTurn
from bot.knowledge import load_knowledge
from bot.knowledge.gaps import UNLISTED, load_gaps
from bot.rasa_names import Intents, Slots, is_faq
from bot.replies import CHECK_ELIGIBILITY, PRACTISE_INTERVIEW, TALK_TO_PERSON, Button, Reply

# Intents that, mid-check, are a question to answer before carrying on.
# Each has a rule in data/ that answers it and re-activates the form.
DIGRESSION_INTENTS = {
    Intents.REQUEST_HUMAN,
    Intents.BOT_CAPABILITIES,
    Intents.BOT_CHALLENGE,
    Intents.RESTART_CHECK,
    Intents.TRIAGE,
    Intents.NOT_COVERED,
    Intents.FOLLOW_UP,
    Intents.FEEDBACK_HELPFUL,
    Intents.FEEDBACK_NOT_HELPFUL,
}
DIGRESSION_CONFIDENCE = 0.35
ALREADY_CHECKING = (
    "That's what these questions are for: once you've answered them, I'll say which way in suits you."
)
REASK_BEFORE_HELP = 2


@dataclass
class Turn(FormTurn):
    """What one answer did (bot/form_turn.py), and whether it was a question to answer here."""

    question: bool = False  # a question no rule answers: answer it, then ask again
    offers_helpline: bool = False  # its reply gives the helpline (a reference code goes with it)


@dataclass
class Result:
    reply: Reply
    updates: dict[str, Any] = field(default_factory=dict)
    start_check: bool = False  # the message also asked to be checked: open the form next


# A question about the visitor's own way in, whatever topic it also asks: "I'm 30 with
# an HND, could I train?" (which reads as facts to the classifier), "would I be on the
# 15 month route?", "am I too old at 52?", "I've got a foundation degree, is that
# enough?", "what are my chances?", "is the short route an option for me?".
_ENTRY = (
    r"(?:apply|applying|qualify|eligible|get in|get (?:on|onto|into|accepted|a place|the)|"
    r"be accepted|be considered|become|(?:be|b) an? (?:probation|pso|trainee)|"
    # "can I train?" asks to get in; "am I employed while I train?" asks about the training
    r"(?<!while i )(?<!whilst i )(?<!when i )(?<!as i )train(?:\s+(?:as|to|for|up)\b|\s*[?.!,]|$)|join|"
    r"(?:do|start|go on|get on|end up on|be on|be put on|get put on|be placed on) (?:the |a )?"
    r"(?:\w+\s+){0,3}?(?:pqip|route|version|pathway|track|one|option)\b|"
    r"(?:do|start|go on|get on) (?:the |a )?(?:\w+\s+){0,2}?(?:training|course|programme)(?=\s*(?:[?.!,]|$))|"
    r"route|too old|too young|too late|old enough|stand a chance|enough|count)"
)
_ASKS_ELIGIBILITY = re.compile(
    # a first-person question (or "if I could ..."), with a word of getting in after it
    rf"\b(?:can|could|would|will|may|might|am|do|should|shall|cud|cn|wud|cld)\s+i\b[^.?!]*\b{_ENTRY}"
    rf"|\b(?:if|whether)\s+i\s+(?:can|could|would|am|qualify|meet|have)\b[^.?!]*\b{_ENTRY}"
    r"|\beligib|\bdo i qualify\b|\bdo i meet\b"
    r"|\b(?:which|what) (?:route|way in|option)s? (?:would|will|should|could|do|am|is|are) (?:i|open to me)\b"
    # "which PQiP route would I be on?", "which PQiP I'd be on", "what version am I likely to get?"
    r"|\b(?:which|what)\s+(?:\w+\s+){0,2}?(?:route|pqip|version|option|pathway)s?\s+"
    r"(?:(?:would|will|should|could|do|am|might)\s+i|i'd|id|i'll|i'm)\b"
    # "is it worth applying for the PQiP yet?"; "... tell me if my qualifications are good enough"
    r"|\bis it worth (?:me\s+)?(?:applying|trying|going for)\b"
    # "... Now I've got a degree and I want to do that job. Can I?": the wish, then a bare "can I?"
    r"|\b(?:want|wanna|would like|i'd like|id like|hope|hoping)\s+to\s+(?:do (?:that|this|the) job|become|be an?\b|train|"
    r"work (?:in|for) probation|apply)\b[^?]*?\b(?:can|could|would|will|may)\s+i\s*\?\s*$"
    # "I've heard there's an access route - can I use it?": taking a route in, asked of them
    r"|\b(?:route|pathway|way in)\b[^.?!]{0,40}?\b(?:can|could|would|may)\s+i\s+(?:use|take|go down|follow)\b"
    r"|\b(?:if|whether)\s+(?:my|i'm|im|i am)\b[^.?!]*\b(?:good enough|enough|eligible|suitable)\b"
    # asked about "me": "is the short route an option for me?", "what are my chances?"
    r"|\b(?:an option|open|possible|realistic|suitable|right|available|too late|too old)\s+(?:for|to)\s+me\b"
    r"|\bmy chances\b|\bsomeone (?:like me|with my|in my)\b|\bpeople like me\b"
    # asked for "someone with ..." as people ask for themselves: "can someone with a record apply?"
    rf"|\b(?:can|could|would|will|may)\s+(?:someone|somebody|a person|anyone|anybody|sum1|some1|any1|people)\s+(?:with|who)\b[^.?!]*\b{_ENTRY}"
    r"|\b(?:with|given) my background\b"
    # "does a record rule me out?", "anything for me in probation?", "where does that leave me?"
    r"|\brules?\s+me\s+out\b|\banything (?:in it )?for me\b|\bwhere does (?:that|this|it) leave me\b"
    # "long route or short route?", "is the short course an option?": which way in, asked of them
    r"|\b(?:long|short|longer|shorter)\s+(?:route|course|version|one)\s+or\s+(?:the\s+)?(?:long|short)"
    r"|\b(?:route|course|version|one)\s+an\s+option\b"
    # "..., is that enough?" after what the visitor holds; "would my volunteering count?"
    r"|\b(?:is|are|would|will|does|do)\s+(?:that|this|it|these|those|they|my\s+\w+(?:\s+\w+){0,5}?)\s+"
    r"(?:be\s+)?(?:enough|count|sufficient|good enough|get me|qualify me)\b",
    re.IGNORECASE,
)
# Not about getting in: what the process asks or when ("what do I need?", "when can I
# apply?", "how do I apply?"): the answer is the topic's, with no check after it.
# How-to questions ("how do I become a probation officer?") get the topic's answer alone.
_NOT_ABOUT_GETTING_IN = re.compile(
    r"^\W*(?:when|where(?! does (?:that|this|it) leave me)|what time|how)\b|\b(?:do|would|will|should)\s+i\s+need\b"
    r"|\bwhat do i need\b|\bhow (?:else )?(?:do|can|could|would|should) i\b"
    r"|\bwhat (?:subjects?|courses?|degrees?) (?:should|do|could|would|can) i\b",
    re.IGNORECASE,
)
# "Can I do the CJL courses without applying for the PQiP?": applying is what they'd skip.
_NOT_DOING = re.compile(r"\b(?:without|instead of|rather than)\s+\w+ing\b[^.?!,]*", re.IGNORECASE)


# "I'm looking at becoming a probation officer", "considering applying for the PQiP next
# intake": the visitor's own plan to get in, said as a statement (no other question beside
# it): the check follows the topic's answer.
_PLAN_TO_GET_IN = re.compile(
    r"\b(?:i'm|im|i am)\s+(?:looking at|looking into|thinking (?:of|about)|considering|interested in)\s+"
    r"(?:becoming|applying|training|joining|doing the pqip|getting (?:into|onto))\b"
    r"|\b(?:i'm|im|i am)\s+hoping to\s+(?:apply|become|train|join|get (?:into|onto|on))\b",
    re.IGNORECASE,
)


def asks_about_eligibility(text: str) -> bool:
    """Does the message ask whether the visitor themselves could get in (or on which route)?"""
    # A condition, a time, another job, what the job asks: a question the topic answers
    # ("if I qualify as ... and later join the police, does the PQiP count?"), never the check.
    text = check_opening.without_other_clauses(_NOT_DOING.sub(" ", text or ""))
    if check_opening.answered_not_checked(text):
        return False
    if _PLAN_TO_GET_IN.search(text) and "?" not in text and not language.looks_like_question(text):
        return True
    return bool(_ASKS_ELIGIBILITY.search(text)) and not _NOT_ABOUT_GETTING_IN.search(text)


# What a request for a person asks someone to do: "can someone call me back?", "could somebody
# ring me about my application?", "can anyone help me fill in the form?".
_ASKS_FOR_A_PERSON = re.compile(
    r"\b(?:call|calls|ring|phone|contact|email|e-mail|text|message|speak|talk|chat|get back|reach|"
    r"help me|put me through|transfer|go through|look at my|look over|check my)\b"
    r"|\b(?:human|real person|advis[eo]r|agent|member of staff|recruiter)\b",
    re.IGNORECASE,
)


def asks_whether_someone_gets_in(text: str) -> bool:
    """ "Can someone with a spent caution get onto the PQiP?", "could anyone with an HND
    apply?": a question about getting in, put as "someone", never a request for a person
    (which asks them to call, talk, help ...)."""
    text = text or ""
    return asks_about_eligibility(text) and not _ASKS_FOR_A_PERSON.search(text)


def check_follows_answer(slots: Mapping[str, Any], text: str, gap_id: str | None) -> bool:
    """Whether a question about the visitor's own eligibility is answered and the check opens.

    "Would I be on the 15-month route?", "I had a caution at 17, can I still
    apply?", "am I too old at 52?": the answer the topic gives, or what the pages
    don't cover, is only part of it; the check gives the whole picture. Not once a
    check has given its outcome (the question is then about that outcome), nor
    after a gap about something the check doesn't ask ("I use a wheelchair, can I
    apply?": the pages say nothing the check could add).
    """
    if slots.get(Slots.ELIGIBILITY_OUTCOME) or not asks_about_eligibility(text):
        return False
    if gap_id is None or gap_id == UNLISTED or gap_id.endswith(_UNMENTIONED):
        return True  # a word the pages never use ("midwifery") says nothing the check can't ask
    kb = load_knowledge()
    return gap_id in kb.eligibility.check_after_gaps or not _gap_in_the_asking(kb, gap_id, text)


# The relevance check's id for a topic answered with a word the pages never use.
_UNMENTIONED = ":unmentioned"


def _gap_in_the_asking(kb: Any, gap_id: str, text: str) -> bool:
    """Is the gap in the sentence that asks to get in, not only in the visitor's
    background ("I'm a tattoo artist now, can I still be a probation officer?")?"""
    gap = next((g for g in load_gaps(kb) if g.id == gap_id), None)
    if gap is None:
        return True
    asking = [s for s in re.split(r"(?<=[.!?\n])\s+|\s+[-–—]\s+", text or "") if asks_about_eligibility(s)]
    return not asking or any(p.search(s) for s in asking for p in gap.asks)


def is_about_the_visitor(slots: Mapping[str, Any], text: str, min_facts: int = 2) -> bool:
    """Whether a message belongs to the check whatever topic the classifier saw in it.

    "I'm 41 and work in a prison, can I train?" can look like an FAQ, and
    "I volunteer at a shelter" after a result can look like the experience
    topic; both are the visitor talking about themselves, so the check (or its
    update) answers them.
    """
    # One fact is usually what the question is about ("I live in Scotland, can I
    # apply?" is the Scotland topic); two or more describe the visitor. When the
    # classifier saw no topic at all, one is enough ("can I apply if I'm 17?").
    if len(_volunteered(text, skip=None)) >= min_facts and asks_about_eligibility(text):
        return True
    return bool(_facts_after_result(slots, text))


def _facts_after_result(slots: Mapping[str, Any], text: str) -> dict[str, Any]:
    """Facts in a statement made once a result was given.

    Beyond the facts stated outright, an answer about experience counts too
    ("not yet, I'm looking for volunteering"): it is what a visitor told they
    need experience is most likely to say next.
    """
    if not slots.get(Slots.ELIGIBILITY_OUTCOME) or "?" in (text or ""):
        return {}
    facts = _volunteered(text, skip=None)
    if "experience" not in facts and _TALKS_ABOUT_EXPERIENCE.search(text):
        facts.update(_parse_field("experience", text))
    return facts


# Only then is a bare "none" or "not yet" about experience rather than modules.
_TALKS_ABOUT_EXPERIENCE = re.compile(r"\b(?:experience|volunteer\w*|work\w*|job|placement)\b", re.IGNORECASE)


def _parse_field(name: str, text: str) -> dict[str, Any]:
    """Profile updates for the requested field read from `text`; {} when unusable."""
    return read_answer(name, text)


def _volunteered(text: str, skip: str | None) -> dict[str, Any]:
    found = parsing.extract_volunteered(text)

    def kept(name: str, value: Any) -> bool:
        owner = COMPANION_OF.get(name)  # a companion (the qualification's row) goes with its field
        skipped = skip is not None and skip in (name, owner)
        return name in PROFILE_FIELDS and not skipped and (value is not None or owner in found)

    return {k: v for k, v in found.items() if kept(k, v)}


def _changed(profile: Profile, updates: Mapping[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in updates.items() if getattr(profile, k) != v}


def _next_field(profile: Profile, updates: Mapping[str, Any]) -> str | None:
    values = {k: v for k, v in profile.__dict__.items() if k != "notes"}
    merged = profile_from({**values, Slots.ELIGIBILITY_NOTES: profile.notes, **updates})
    needed = fields_needed(merged)
    return needed[0] if needed else None


_OPENS_AS_QUESTION = language.QUESTION_START


def looks_like_question(text: str) -> bool:
    """A question is never an unusable answer ("is there a uniform?" while asked where they work)."""
    return language.looks_like_question(text)


# --- notes, confirming questions and unsure answers ------------------------------------


def _notes(slots: Mapping[str, Any]) -> dict[str, Any]:
    """A fresh copy of the check's notes (the eligibility_notes slot)."""
    notes = slots.get(Slots.ELIGIBILITY_NOTES)
    notes = dict(notes) if isinstance(notes, Mapping) else {}
    notes["unsure"] = dict(notes.get("unsure") or {})
    notes["asked"] = list(notes.get("asked") or [])
    notes["names"] = dict(notes.get("names") or {})
    return notes


def _lived_reply(kind: str) -> Reply:
    kb = load_knowledge()
    caveat = "lived_experience_justice" if kind == "justice" else "lived_experience"
    return Reply(kb.eligibility.caveats[caveat].render())


def _use(turn: Turn, field_name: str, reading: Reading, notes: dict[str, Any], settled: bool) -> None:
    """Apply a reading: its updates when clear (or the pages can't decide), else its fallback."""
    clear_enough = reading.certainty != parsing.UNCLEAR
    updates = dict(reading.updates if clear_enough or settled else reading.fallback)
    turn.updates.update(updates)
    if field_name not in updates:
        turn.updates[field_name] = None  # tells the form the answer was read
    if reading.unsure and (reading.certainty == parsing.UNSURE or not (clear_enough or settled)):
        notes["unsure"][field_name] = reading.unsure
        if reading.name:
            notes["names"][field_name] = reading.name
    else:
        notes["unsure"].pop(field_name, None)
    if reading.notes.get("in_progress"):
        notes["in_progress"] = reading.notes["in_progress"]
    elif field_name == "qualification_level":
        notes.pop("in_progress", None)
    lived = reading.notes.get("lived")
    if lived and notes.get("lived") != lived:
        notes["lived"] = lived
        turn.replies.append(_lived_reply(lived))
    turn.updates[Slots.ELIGIBILITY_NOTES] = notes


def _pending(field_name: str, reading: Reading) -> dict[str, Any]:
    return {
        "field": field_name,
        "confirm": reading.confirm,
        "name": reading.name[:80],
        "updates": dict(reading.updates),
        "fallback": dict(reading.fallback),
        "unsure": reading.unsure,
        "notes": dict(reading.notes),
    }


def _confirmed(slots: Mapping[str, Any], text: str, intent: str | None, confidence: float) -> Turn:
    """The reply to a confirming question: use it, or note the answer as unsure, and carry on."""
    profile = profile_from(slots)
    pending = slots.get(Slots.ELIGIBILITY_CONFIRM)
    notes = _notes(slots)
    if not isinstance(pending, Mapping) or not pending.get("field"):
        turn = Turn(updates={Slots.ELIGIBILITY_CONFIRM: None})
        turn.next_slot = _next_field(profile, turn.updates)
        return turn
    field_name = str(pending["field"])
    reading = read_reading(field_name, text)
    if not reading.used and is_digression(intent, confidence) and looks_like_question(text):
        return Turn(digression=True)
    turn = Turn(updates={Slots.ELIGIBILITY_CONFIRM: None, Slots.REASK_COUNT: 0})
    asked = Reading(
        dict(pending.get("updates") or {}),
        parsing.UNCLEAR,
        confirm=str(pending.get("confirm") or ""),
        fallback=dict(pending.get("fallback") or {}),
        unsure=str(pending.get("unsure") or ""),
        notes=dict(pending.get("notes") or {}),
        name=str(pending.get("name") or ""),
    )
    said = parsing.parse_yes_no(text)
    clean = parsing.normalise(text)
    if asked.confirm == "count_hedged" and said.ok and said.value is False:
        reading = parsing.NOTHING  # "no" to "is that right?" is no count of none: noted as unsure
    if reading.clear:
        _use(turn, field_name, replace(reading, notes={**asked.notes, **reading.notes}), notes, settled=True)
    elif _stands_by(asked, reading, clean):
        _use(turn, field_name, asked, notes, settled=True)
    elif (
        said.ok
        and said.value is True
        and not language.is_hedged(clean)
        and confirming_question(asked.confirm).yes_means_read
    ):
        _use(turn, field_name, asked, notes, settled=True)
    else:  # still not settled: never asked again; noted for the helpline
        fallback = replace(asked, certainty=parsing.UNCLEAR)
        if said.ok and said.value is False and not language.is_hedged(clean) and field_name == "experience":
            fallback = Reading({"experience": False}, notes=asked.notes)
        _use(turn, field_name, fallback, notes, settled=False)
    turn.next_slot = _next_field(profile, turn.updates)
    return turn


# Confirming questions a restated answer settles: asked "is that the work?" about work
# described with the people 003 names after a "no, but", the visitor describing it again
# stands by it (beside their own time on the receiving end, it is left for the helpline).
_RESTATING_SETTLES = frozenset({"experience_hint"})


def _stands_by(asked: Reading, reading: Reading, clean: str) -> bool:
    """The reply restates the answer the confirming question was about (read the same
    way, with no new doubt): its reading is used, not asked about again."""
    return (
        asked.confirm in _RESTATING_SETTLES
        and reading.certainty == parsing.UNCLEAR
        and reading.confirm == asked.confirm
        and dict(reading.updates) == dict(asked.updates)
        # "I did time, now I help out at a hostel": left to confirm; the work itself described
        # beside it, with the people it is with, is the work
        and (not asked.notes.get("lived") or parsing.describes_own_work(clean))
        and not language.is_hedged(clean)
        # "no, but I help at a food bank" said again still opens with its no: unsettled, never a yes
        and not language.refuses(clean)
    )


def ask_confirm(slots: Mapping[str, Any]) -> Reply:
    """The pending confirming question, with its buttons."""
    pending = slots.get(Slots.ELIGIBILITY_CONFIRM)
    pending = pending if isinstance(pending, Mapping) else {}
    asked = confirming_question(str(pending.get("confirm") or ""))
    name = str(pending.get("name") or "that")
    return Reply(
        asked.question.format(name=name), [Button(title, payload) for title, payload in asked.buttons]
    )


def is_digression(intent: str | None, confidence: float) -> bool:
    if not intent or confidence < DIGRESSION_CONFIDENCE:
        return False
    return is_faq(intent) or intent in DIGRESSION_INTENTS


# An answer that then asks whether it counts: "yes, the Level 3 NVQ in Advice and
# Guidance - would that be a relevant one?", "I've got a level 3 in childcare, does that
# count?". What it says is the answer (noted as unsure if the pages can't judge it).
_ANSWER_THEN_ASKS = re.compile(
    r"^\W*(?:yes|yeah|yep|yh|ye|i do|i have|i've|ive|i did|i hold|i got|i've got)\b[^?]*?"
    r"(?:\b(?:would|does|do|is|will|could|might)\s+(?:that|it|this|those|these|they)\s+"
    r"(?:count|qualify|be relevant|be a relevant|be the right|be enough|be ok|be okay|be accepted|do)\b"
    r"|\b(?:is|are)\s+(?:that|it|this|those|these|they)\s+(?:relevant|ok|okay|enough|one of them|the right))",
    re.IGNORECASE,
)


# A wh-question that ends with a question mark: "what are the four areas exactly?", "which
# modules count towards the 15 months?". Asked in place of an answer: answered, then the
# check's question is asked again (a number or a name in it is never the answer).
_WH_QUESTION = re.compile(
    r"^\W*(?:what|what's|whats|which|who|whose|how|why|where|when)\b(?!\s+about\b|\s*[,!])", re.I
)


def asks_instead_of_answering(text: str) -> bool:
    """Is the message a question put in place of the answer (never read as one)?"""
    stripped = (text or "").strip()
    return (
        bool(_WH_QUESTION.search(stripped))
        and stripped.endswith("?")
        and not _ANSWER_THEN_ASKS.search(stripped)
        and not re.search(r"[.!]\s+\S", stripped)  # "what? oh, I see. three." answers after asking
    )


def interpret(
    slots: Mapping[str, Any], requested: str | None, text: str, intent: str | None, confidence: float
) -> Turn:
    """Read one message sent while the form is asking for `requested`."""
    if intent == Intents.SAFETY_CONCERN:  # never read as an answer: the safety reply pauses the check
        return Turn(digression=True)
    profile = profile_from(slots)
    if requested is None:  # the form has just started (or resumed after the safety reply): only ask
        pending = slots.get(Slots.ELIGIBILITY_CONFIRM)
        return Turn(next_slot=Slots.ELIGIBILITY_CONFIRM if pending else _next_field(profile, {}))
    if requested == Slots.ELIGIBILITY_CONFIRM:
        return _confirmed(slots, text, intent, confidence)

    reading = read_reading(requested, text)
    if (
        reading.certainty != parsing.CLEAR
        and not _ANSWER_THEN_ASKS.search(text or "")
        and (
            _OPENS_AS_QUESTION.search(text or "")
            or (is_digression(intent, confidence) and (text or "").rstrip().endswith("?"))
        )
    ):
        reading = parsing.NOTHING  # "how long is the PQiP?" is a question, not a hedged answer
    elif reading.used and asks_instead_of_answering(text):
        reading = parsing.NOTHING  # "what are the four areas exactly?" asks; its "four" is no count
    if not reading.used and is_digression(intent, confidence):
        return Turn(digression=True)
    answer = reading.used

    volunteered = {k: v for k, v in _volunteered(text, skip=requested).items() if k not in reading.updates}
    corrections = _changed(profile, volunteered)
    turn = Turn()
    notes = _notes(slots)
    if answer:
        turn.updates[Slots.REASK_COUNT] = 0
        if reading.certainty == parsing.UNCLEAR and requested not in notes["asked"]:
            # one confirming question, asked once; the check carries on after it
            notes["asked"].append(requested)
            lived = reading.notes.get("lived")
            if lived and notes.get("lived") != lived:  # said kindly, before the question
                notes["lived"] = lived
                turn.replies.append(_lived_reply(lived))
            turn.updates[Slots.ELIGIBILITY_NOTES] = notes
            turn.updates[Slots.ELIGIBILITY_CONFIRM] = _pending(requested, reading)
            turn.updates[requested] = None
        else:
            _use(turn, requested, reading, notes, settled=False)
    if corrections:
        turn.updates.update(corrections)
        turn.replies.append(Reply("Thanks, I've updated that."))
    if (
        not answer
        and not corrections
        and intent == Intents.CHECK_ELIGIBILITY
        and asks_about_eligibility(text)
    ):
        # "can I become a probation officer?" while the check is running: it is what
        # the check is for, so the question is asked again (no "sorry", no re-ask count)
        turn.updates[requested] = None
        turn.replies.append(Reply(ALREADY_CHECKING))
    elif not answer and not corrections and looks_like_question(text):
        turn.updates[requested] = None  # tells the form the message was read: it asks again
        turn.question = True
    elif not answer and not corrections:
        reasks = int(slots.get(Slots.REASK_COUNT) or 0) + 1
        turn.updates[requested] = None  # tells the form the answer was read, not ignored
        turn.updates[Slots.REASK_COUNT] = reasks
        if reasks >= REASK_BEFORE_HELP:
            # asked again once already: never a third time; noted for the helpline, and on
            turn.updates[Slots.REASK_COUNT] = 0
            notes["unsure"][requested] = UNREAD
            notes["names"][requested] = _subject(requested)
            turn.updates[Slots.ELIGIBILITY_NOTES] = notes
            turn.replies.append(_left_for_the_helpline(requested))
            turn.offers_helpline = True
        else:
            turn.replies.append(_reask(requested, reasks, text))
    if turn.updates.get(Slots.ELIGIBILITY_NOTES) == _notes(slots):
        del turn.updates[Slots.ELIGIBILITY_NOTES]  # nothing new noted: no slot event
    if turn.updates.get(Slots.ELIGIBILITY_CONFIRM):
        turn.next_slot = Slots.ELIGIBILITY_CONFIRM
    else:
        turn.next_slot = _next_field(profile, turn.updates)
    return turn


# The caveat for an answer still unusable after it was asked again (knowledge/eligibility.yml).
UNREAD = "unsure_unread"


def _subject(requested: str) -> str:
    """What a question asks about, said to the visitor: "your age", "where you want to work"."""
    name = question_field(requested).still_to_ask or requested
    name = re.sub(r"\btheir\b", "your", re.sub(r"\bthey\b", "you", name))
    return name if name.startswith(("where", "your")) else f"your {name}"


def _left_for_the_helpline(requested: str) -> Reply:
    """The second unusable answer to one question: it is not asked a third time."""
    helpline = load_knowledge().fact("helpline_number").text
    return Reply(
        f"Sorry, I still couldn't use that, so I'll leave {_subject(requested)} out for now and "
        f"carry on; the result will say what to check. {helpline}"
    )


def _reask(requested: str, reasks: int, answer: str = "") -> Reply:
    asked = question_field(requested)
    text = f"Sorry, I couldn't use that answer. {asked.example}"
    if requested == "qualification_level" and parsing.is_part_of_pqip(answer):
        # Say why: it is the PQiP's own diploma, not a qualification for getting in.
        kb = load_knowledge()
        part_of_pqip = kb.fact(kb.eligibility.part_of_pqip.fact).text
        text = f"{part_of_pqip} What is your highest qualification apart from that? {asked.example}"
    if reasks < REASK_BEFORE_HELP:
        return Reply(text)
    helpline = load_knowledge().fact("helpline_number").text
    buttons = [Button(choice, choice) for choice in asked.choices]
    pick = " You can also pick an answer below." if buttons else ""
    return Reply(f"{text}{pick} {helpline}", buttons)


def ask_knowledge_areas() -> Reply:
    """The one question whose wording is knowledge: it names the four areas.

    It asks about the qualification only; knowledge modules are their own
    question (the 15-month route is all four areas within the qualification,
    or modules with the third started).
    """
    kb = load_knowledge()
    areas = kb.eligibility.knowledge_areas.names
    listing = "\n".join(f"- {name}" for name in areas)
    return Reply(
        f"The shorter 15-month PQiP route looks for learning in these {len(areas)} areas, "
        f"within your qualification or through knowledge modules:\n{listing}\n"
        f"How many of these {len(areas)} areas did your Level 5 (or higher) qualification "
        "cover? (0 to 4)"
    )


def start(slots: Mapping[str, Any], text: str) -> Result:
    """Begin a check, keeping facts the visitor gave in the same message."""
    previous = (
        {}
        if slots.get(Slots.ELIGIBILITY_OUTCOME)
        else {k: slots.get(k) for k in PROFILE_FIELDS if slots.get(k) is not None}
    )
    updates: dict[str, Any] = {k: None for k in SLOT_NAMES}
    updates.update(previous)
    opening_facts = _volunteered(text, skip=None)
    if opening_facts.get("experience") is True and "experience" not in previous:
        # Experience decides whether they meet the requirements: said in passing while
        # asking ("I've volunteered with a youth offending team, am I eligible?"), it is
        # asked about in its turn, never taken silently (it may be a relative's, not theirs).
        del opening_facts["experience"]
    updates.update(opening_facts)
    updates[Slots.REASK_COUNT] = 0
    noted = parsing.volunteered_notes(text)
    if noted:  # a degree from abroad, the visitor's own record: the outcome says what they decide
        notes = _notes({})
        notes["unsure"].update(noted.get("unsure") or {})
        notes.update({k: v for k, v in noted.items() if k != "unsure"})
        updates[Slots.ELIGIBILITY_NOTES] = notes
    intro = (
        "Let's see which way into probation suits you. I'll ask a few quick questions: "
        "answer in your own words, ask me anything along the way, or type restart to begin again."
    )
    return Result(Reply(intro), updates)


def restart() -> Result:
    updates: dict[str, Any] = {k: None for k in SLOT_NAMES}
    updates[Slots.REASK_COUNT] = 0
    return Result(Reply("No problem, let's start again."), updates)


def _render_outcome(assessment: Assessment) -> str:
    parts = [assessment.headline]
    if assessment.deciding:  # what decides whether it can be relied on, next to the headline
        parts.append("Before you rely on this:\n" + "\n".join(f"- {c}" for c in assessment.deciding))
    if assessment.next_steps:
        parts.append("Next steps:\n" + "\n".join(f"- {step}" for step in assessment.next_steps))
    parts.append('Type "why" to see the reasons in full, or "restart" to check again.')
    return "\n\n".join(parts)


def outcome(slots: Mapping[str, Any]) -> Result:
    assessment = assess(profile_from(slots))
    return Result(
        Reply(_render_outcome(assessment), [PRACTISE_INTERVIEW]),
        {Slots.ELIGIBILITY_OUTCOME: assessment.outcome},
    )


def explain(slots: Mapping[str, Any]) -> Reply:
    profile = profile_from(slots)
    if not slots.get(Slots.ELIGIBILITY_OUTCOME):
        return Reply(
            'I haven\'t checked your eligibility yet. Type "check my eligibility" to start.',
            [CHECK_ELIGIBILITY],
        )
    assessment = assess(profile)
    lines = [assessment.headline, "Why:"]
    lines += [f"- {r.text} ({r.source_title})" for r in assessment.reasons]
    if assessment.caveats:
        lines.append("Worth knowing:")
        lines += [f"- {c}" for c in assessment.caveats]
    return Reply("\n".join(lines))


# Facts enough to describe the visitor (age, qualification, experience ...): with a question
# in the same message, they are asking where they stand.
_FACTS_THAT_OPEN_THE_CHECK = 3


def update(slots: Mapping[str, Any], text: str) -> Result:
    """Facts given outside the form: apply them, and re-assess if a check was done."""
    if asks_about_eligibility(text):
        return Result(Reply(""), start_check=True)
    profile = profile_from(slots)
    changes = _changed(profile, _facts_after_result(slots, text) or _volunteered(text, skip=None))
    if not changes:
        if slots.get(Slots.ELIGIBILITY_OUTCOME):
            return Result(Reply("Thanks. That doesn't change the result above."))
        # Read as a fact about the visitor, yet no fact was found: say so plainly
        # rather than thank them for something the bot did not take in.
        return Result(
            Reply(
                "Sorry, I couldn't pick out anything I can use there. I answer questions "
                "about probation careers, and I can check whether you could apply.",
                [CHECK_ELIGIBILITY, TALK_TO_PERSON],
            )
        )
    if not slots.get(Slots.ELIGIBILITY_OUTCOME):
        if (
            len(changes) >= _FACTS_THAT_OPEN_THE_CHECK
            and language.looks_like_question(text)
            and not check_opening.answered_not_checked(text)  # "..., how long would it take me?" is answered
        ):
            # several facts and a question ("..., which one could I do?"): the check answers it
            return Result(Reply(""), start_check=True)
        return Result(
            Reply('Thanks, noted. Type "check my eligibility" to see your route.', [CHECK_ELIGIBILITY]),
            changes,
        )
    assessment = assess(profile_from({**slots, **changes}))
    if assessment.missing:
        # The change opened a question the check hasn't asked yet; clearing the
        # outcome makes the next check keep this profile rather than start afresh.
        changes[Slots.ELIGIBILITY_OUTCOME] = None
        return Result(
            Reply(
                'Thanks, I\'ve updated that. Type "check my eligibility" to finish the '
                "check with the new details.",
                [CHECK_ELIGIBILITY],
            ),
            changes,
        )
    changes[Slots.ELIGIBILITY_OUTCOME] = assessment.outcome
    return Result(Reply("Thanks, I've updated that. " + _render_outcome(assessment)), changes)
