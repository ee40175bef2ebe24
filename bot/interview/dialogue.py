"""Interview practice as a conversation: plain Python, no Rasa.

The Rasa form `interview_form` asks for two slots: `interview_style` once,
then `interview_answer` for every question (it is cleared after each answer,
so the form keeps asking until this module says the session is over).
`handle` decides what each message is: a command (skip, repeat, stop), a
question to answer before carrying on (a digression, answered by a rule), or
the answer itself. Answers are long and full of probation words, so a message
is only a digression when it is shaped like a question *and* the classifier
is confident it is one of the FAQ topics; everything else is the answer.

The session's state lives in slots: the plan (question ids), the position,
and one record per question (ids and verdicts, never the answer's words).
"""

from __future__ import annotations

import random
import re
from collections.abc import Mapping
from typing import Any

from bot import language
from bot.form_turn import FormTurn
from bot.interview import feedback as fb
from bot.interview import selection
from bot.interview import summary as closing
from bot.interview.bank import GENERAL_GUIDANCE, Bank, load_bank
from bot.knowledge import load_knowledge
from bot.rasa_names import Intents, Slots, is_faq
from bot.replies import Button, Reply

STYLE, ANSWER = Slots.INTERVIEW_STYLE, Slots.INTERVIEW_ANSWER
PLAN, INDEX, RESULTS = Slots.INTERVIEW_PLAN, Slots.INTERVIEW_INDEX, Slots.INTERVIEW_RESULTS
ASKED, FOCUS = Slots.INTERVIEW_ASKED, Slots.INTERVIEW_FOCUS
RETRY, STOPPED = Slots.INTERVIEW_RETRY, Slots.INTERVIEW_STOPPED
SLOT_NAMES = (STYLE, ANSWER, PLAN, INDEX, RESULTS, ASKED, FOCUS, RETRY, STOPPED)

# Mid-practice, these intents (with a question-shaped message) are answered by
# a rule and the practice carries on; see data/rules_interview.yml.
DIGRESSION_INTENTS = {
    Intents.REQUEST_HUMAN,
    Intents.BOT_CAPABILITIES,
    Intents.BOT_CHALLENGE,
    Intents.TRIAGE,
    Intents.NOT_COVERED,
    Intents.FOLLOW_UP,
}
# "I'd like to speak to someone" need not end in "?"
ALWAYS_DIGRESS = {Intents.REQUEST_HUMAN, Intents.TRIAGE}
DIGRESSION_CONFIDENCE = 0.5
QUESTION_MAX_WORDS = 30
REQUEST_MAX_WORDS = 12

STYLE_BUTTONS = [
    Button("PSO interview", "PSO interview"),
    Button("PQiP assessment centre", "PQiP assessment centre"),
]
QUESTION_BUTTONS = [
    Button("Skip", "skip"),
    Button("Repeat the question", "repeat the question"),
    Button("Stop", "stop"),
]

_COMMANDS = {
    "stop": re.compile(
        r"^(?:please\s+)?(?:stop|quit|exit|end|finish|cancel|enough|i'?m done|i am done|done|"
        r"that'?s enough|no more|(?:stop|end|quit|finish|cancel)\s+(?:the\s+|this\s+)?"
        r"(?:practi[cs]e|interview|session|mock(?: interview)?|questions?|now|it|please)(?: now| please)?|"
        r"i (?:want|'?d like|would like) to stop)$"
    ),
    "skip": re.compile(
        r"^(?:please\s+)?(?:skip|pass|next|next question|skip (?:it|this|this one|this question|that|that one)|"
        r"(?:can|could) (?:we|i) skip (?:this|that|it)(?: one| question)?|move on|"
        r"i don'?t know|i do not know|no idea|not sure|i'?m not sure|dunno)(?: please| thanks)?$"
    ),
    "breakdown": re.compile(
        r"^(?:please\s+)?(?:show|see|give me|can i see|could i see|can i have)?\s*(?:me\s+)?(?:the\s+)?"
        r"(?:full\s+)?(?:breakdown|more detail|details|full feedback|more feedback)(?: please)?$"
    ),
    "repeat": re.compile(
        r"^(?:please\s+)?(?:repeat|again|say (?:that|it) again|repeat (?:that|it|the question|the last question)|"
        r"(?:can|could) you (?:repeat|say) (?:that|it|the question)(?: again)?|what was the question|"
        r"what'?s the question|pardon|sorry|come again|what do you mean|i don'?t understand(?: the question)?)"
        r"(?: please)?$"
    ),
}
_STYLE_WORDS = {
    "pso": re.compile(r"\b(?:pso|probation service officer|service officer|first one|the first)\b"),
    "pqip": re.compile(
        r"\b(?:pqip|assessment|centre|center|probation officer|trainee|second one|the second)\b"
    ),
}
_EITHER = re.compile(
    r"\b(?:either|any|don'?t mind|do not mind|you choose|you pick|whichever|both|surprise me)\b"
)


# What one message did: slot updates, messages to show, what to ask next.
Turn = FormTurn


def _clean(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s']", " ", (text or "").lower().replace("\u2019", "'")).split())


def command_in(text: str) -> str | None:
    """'stop', 'skip' or 'repeat' when the message is just that command."""
    clean = _clean(text)
    return next((name for name, pattern in _COMMANDS.items() if pattern.match(clean)), None)


def looks_like_question(text: str) -> bool:
    """Shaped like a question and short (bot/language.py): answers here are long."""
    stripped = (text or "").strip()
    return language.looks_like_question(stripped, QUESTION_MAX_WORDS) or language.looks_like_question(
        _clean(stripped), QUESTION_MAX_WORDS
    )


def is_digression(text: str, intent: str | None, confidence: float) -> bool:
    """A question to answer first: confident, one the bot answers, and shaped like a question."""
    if not intent or confidence < DIGRESSION_CONFIDENCE:
        return False
    if intent in ALWAYS_DIGRESS and len((text or "").split()) <= REQUEST_MAX_WORDS:
        return True
    return (is_faq(intent) or intent in DIGRESSION_INTENTS) and looks_like_question(text)


def style_in(text: str) -> str | None:
    clean = _clean(text)
    found = [style for style, pattern in _STYLE_WORDS.items() if pattern.search(clean)]
    if len(found) == 1:
        return found[0]
    return "pso" if _EITHER.search(clean) else None


def _rng(seed: int | None) -> random.Random:
    return random.Random(seed)


def _plan_updates(
    bank: Bank, style: str, slots: Mapping[str, Any], focus: str | None, seed: int | None
) -> dict[str, Any]:
    plan = selection.plan_session(bank, style, _rng(seed), slots.get(ASKED) or [], focus)
    return {STYLE: style, PLAN: plan, INDEX: 0, RESULTS: [], RETRY: 0}


def start(
    slots: Mapping[str, Any],
    text: str,
    focus: str | None = None,
    seed: int | None = None,
    bank: Bank | None = None,
) -> Turn:
    """Begin a session: keep the style if the message names one (or a focus reuses the last)."""
    bank = bank or load_bank()
    focus = focus if focus in bank.skills else None
    style = style_in(text) or (slots.get(STYLE) if focus else None)
    if style not in bank.styles:
        style = None
    turn = Turn(
        updates={
            STYLE: None,
            ANSWER: None,
            PLAN: [],
            INDEX: 0,
            RESULTS: [],
            FOCUS: focus,
            RETRY: 0,
            STOPPED: False,
        }
    )
    if style:
        turn.updates.update(_plan_updates(bank, style, slots, focus, seed))
    if focus and turn.updates[PLAN]:
        count = len(turn.updates[PLAN])
        intro = f"Let's practise {bank.skills[focus].name.lower()} again: {count} question{'s' if count != 1 else ''}."
    elif focus:  # no style kept to plan with yet: the count comes once the style is chosen
        intro = f"Let's practise {bank.skills[focus].name.lower()} again."
    else:
        intro = "Let's practise. About five questions, under ten minutes."
    turn.replies.append(
        Reply(
            f"{intro} Answer each one as you would out loud, in your own words; after each answer "
            "I'll give practice feedback on its structure and the skills it shows. This is practice "
            "built from the skills the pages list, not how the real assessment is scored. Type skip, "
            "repeat or stop at any time, and ask me anything along the way."
        )
    )
    if style and not focus:
        turn.replies.append(Reply(bank.styles[style].intro))
    turn.next_slot = ANSWER if style else STYLE
    return turn


def ask_style() -> Reply:
    return Reply(
        "Which would you like to practise: a Probation Service Officer (PSO) interview, or "
        "PQiP assessment-centre style questions?",
        list(STYLE_BUTTONS),
    )


def current_question(slots: Mapping[str, Any], bank: Bank | None = None):
    bank = bank or load_bank()
    plan = slots.get(PLAN) or []
    index = int(slots.get(INDEX) or 0)
    if not plan or index >= len(plan) or plan[index] not in bank.questions:
        return None
    return bank.questions[plan[index]]


def ask_question(slots: Mapping[str, Any], bank: Bank | None = None) -> Reply:
    bank = bank or load_bank()
    question = current_question(slots, bank)
    if question is None:  # a stale plan (the bank changed): nothing left to ask
        return Reply("That's all the questions I have for this session.")
    plan = slots.get(PLAN) or []
    index = int(slots.get(INDEX) or 0)
    return Reply(
        f"Question {index + 1} of {len(plan)} ({question.kind}): {question.text}", list(QUESTION_BUTTONS)
    )


def _advance(slots: Mapping[str, Any], record: dict[str, Any], turn: Turn) -> None:
    """Record this question's result and move to the next, or end the session."""
    plan = slots.get(PLAN) or []
    index = int(slots.get(INDEX) or 0) + 1
    asked = list(slots.get(ASKED) or [])
    if record["q"] not in asked:
        asked.append(record["q"])
    turn.updates.update(
        {RESULTS: list(slots.get(RESULTS) or []) + [record], INDEX: index, ASKED: asked, RETRY: 0}
    )
    turn.next_slot = ANSWER if index < len(plan) else None


def handle(
    slots: Mapping[str, Any],
    requested: str | None,
    text: str,
    intent: str | None,
    confidence: float,
    seed: int | None = None,
    bank: Bank | None = None,
) -> Turn:
    """Read one message sent while the form is asking for `requested`."""
    bank = bank or load_bank()
    if requested is None:  # the form has just started: only ask
        return Turn(next_slot=ANSWER if slots.get(PLAN) else STYLE)
    if intent == Intents.SAFETY_CONCERN:  # before "stop" or an answer: the safety reply pauses practice
        return Turn(digression=True)

    turn = Turn(updates={ANSWER: None})  # an answer slot read and cleared: the form carries on
    command = command_in(text)
    if command == "stop":
        turn.updates[STOPPED] = True
        return turn  # next_slot None ends the form; the summary follows
    if is_digression(text, intent, confidence):
        return Turn(digression=True)

    if requested == STYLE:
        style = style_in(text)
        if style is None:
            turn.replies.append(
                Reply(
                    "Sorry, I didn't catch which. Pick PSO interview or PQiP assessment centre, or type stop."
                )
            )
            turn.next_slot = STYLE
            return turn
        turn.updates.update(_plan_updates(bank, style, slots, slots.get(FOCUS), seed))
        turn.replies.append(Reply(bank.styles[style].intro))
        turn.next_slot = ANSWER
        return turn

    question = current_question(slots, bank)
    if question is None:
        return turn  # nothing left to ask: end the form
    plan = slots.get(PLAN) or []
    number = int(slots.get(INDEX) or 0) + 1
    turn.next_slot = ANSWER
    if command == "repeat" or (
        intent == Intents.PRACTISE_INTERVIEW and confidence >= 0.8 and len(text.split()) <= REQUEST_MAX_WORDS
    ):
        return turn  # the form asks the same question again
    if command == "breakdown":
        turn.replies.append(Reply(_breakdown(slots, bank)))
        return turn  # the form asks the current question again
    if command == "skip":
        turn.replies.append(
            Reply(
                "Skipped. For next time, a strong answer would cover: "
                + "; ".join(question.outline)
                + ". "
                + GENERAL_GUIDANCE
            )
        )
        _advance(slots, {"q": question.id, "skipped": True}, turn)
        return turn
    if looks_like_question(text) and text.strip().endswith("?") and len(text.split()) <= 15:
        turn.replies.append(
            Reply(
                "That looks like a question rather than an answer, and I could not match it to a topic I "
                "know. Ask it again when the practice is over, or have a go at the question below."
            )
        )
        return turn

    result = fb.assess(bank, question, text)
    reply = fb.render_short(load_knowledge(), bank, question, result, number, len(plan))
    if result.verdict == fb.NOT_AN_ANSWER and not slots.get(RETRY):
        turn.replies.append(reply)
        turn.updates[RETRY] = 1
        return turn  # the same question again, once
    if number >= len(plan) and reply.buttons:  # the last answer: the summary follows, no later turn to ask
        reply = Reply(reply.text + "\n" + fb.render_breakdown(bank, question, result.record()))
    turn.replies.append(reply)
    _advance(
        slots,
        result.record() if result.verdict != fb.NOT_AN_ANSWER else {"q": question.id, "skipped": True},
        turn,
    )
    return turn


def _breakdown(slots: Mapping[str, Any], bank: Bank) -> str:
    """The full breakdown of the last answer given feedback in this session."""
    for record in reversed(slots.get(RESULTS) or []):
        question = bank.questions.get(record.get("q"))
        if question is not None and not record.get("skipped"):
            return fb.render_breakdown(bank, question, record)
    return "There's no answer with feedback to break down yet: have a go at the question below."


def finish(slots: Mapping[str, Any], bank: Bank | None = None) -> Turn:
    """The closing summary; clears the session but keeps what was asked (for variety)."""
    bank = bank or load_bank()
    summary = closing.summarise(bank, slots.get(RESULTS) or [])
    text, buttons = closing.render(
        load_knowledge(), bank, summary, bool(slots.get(STOPPED)), slots.get(STYLE)
    )
    turn = Turn(replies=[Reply(text, buttons)])
    # FOCUS keeps the skill offered for another go, for a "yes" to the offer.
    turn.updates = {PLAN: [], INDEX: 0, RETRY: 0, FOCUS: summary.weakest, STOPPED: False, ANSWER: None}
    return turn
