"""A question the pages don't cover never opens the eligibility check.

"I use a wheelchair, could I still train?" reads to the classifier as a
request for the check (or a fact about the visitor), and Rasa's rules would
start the form. When such a message asks about something knowledge/gaps.yml
lists as not covered, this component relabels it `ask_not_covered`, so the
bot says plainly the pages don't cover it and offers the helpline. FAQ intents
are left alone: their answer checks the gaps itself (bot/conversation/answering.py).

A message not written in English (bot/conversation/language.py) is relabelled
too, whatever the classifier read: its answer says the advisor answers in
English and gives the helpline. A gap is read from what the question asks
(bot/conversation/reading.py), never from the visitor's background alone.

So is a question about something no page states (knowledge/concepts.yml: "can I
do the PQiP if I'm registered blind?"), read from the clause that asks.

"What about cautions?" after an answer on security clearance reads as asking what
the bot can do: an elliptical message ("what about ...", "and ...") naming
something a topic's facts or title use is relabelled `follow_up`, answered
against the last topic (bot/conversation/answering.py).

A question about the interview ("does a nose piercing matter at interview?")
reads as a request for interview practice; it is relabelled too, unless the
message asks to practise ("I'm dyslexic, can we do a mock interview?").
"""

from __future__ import annotations

import re
from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.conversation.check_opening import is_a_question
from bot.conversation.reading import Reading, read
from bot.conversation.relevance import someone_elses_topic, unstated_asked, vocabulary
from bot.eligibility.dialogue import asks_about_eligibility, asks_whether_someone_gets_in
from bot.knowledge import load_knowledge
from bot.language import looks_like_question
from bot.rasa_names import Intents, RasaBuiltIns, is_faq
from nlu.relabel import relabel

# Intents that would open or feed the check, or give up on the message.
RELABELLED = {Intents.CHECK_ELIGIBILITY, Intents.INFORM, Intents.OUT_OF_SCOPE, RasaBuiltIns.NLU_FALLBACK}
# What a request for interview practice says that a question about the interview doesn't.
ASKS_TO_PRACTISE = re.compile(
    r"\b(practi[cs]|mock|rehears|prep(are|aring|aration)?\b|quiz|test me|interview me|role[- ]?play|pretend"
    r"|simulat|trial run|run (me )?through|feedback on my|with feedback|ask me|give me|another go|have a go|go again)",
    re.IGNORECASE,
)


# What asking about the check's outcome says: "why?", "explain that", "what was that based on".
ASKS_WHY = re.compile(
    r"\b(why|how come|explain|reason|based on|basis|decided|decide|work(ed)? (that|it) out|conclusion|result|outcome|"
    r"eligible|ineligible|mean)\b",
    re.IGNORECASE,
)


# "what about cautions", "and for a PSO?", "how about the fees": goes on from the last answer.
ELLIPTICAL = re.compile(
    r"^\W*(?:what about|how about|and (?:what about |for |the |a |an )?)\b", re.IGNORECASE
)
_MAX_ELLIPTICAL_WORDS = 6


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class GapGuard(GraphComponent):
    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> GapGuard:
        return cls()

    def __init__(self) -> None:
        self.kb = load_knowledge()
        read(self.kb, "")  # the gaps, follow-ups and coverage read when the model loads

    def _asks_a_gap(self, intent: str | None, reading: Reading) -> bool:
        if intent == Intents.PRACTISE_INTERVIEW and ASKS_TO_PRACTISE.search(reading.text):
            return False
        relabelled = intent in RELABELLED or intent == Intents.PRACTISE_INTERVIEW
        if intent == Intents.RESTART_CHECK:
            # "Can I try again?" after failing the PQiP asks about retaking, not to restart the check.
            return self._asks_what_no_page_states(reading)
        return relabelled and (
            reading.gap is not None
            or self._asks_what_no_page_states(reading)
            or (
                looks_like_question(reading.asking)
                and someone_elses_topic(self.kb, reading.about) is not None
            )
        )

    def _goes_on_from_the_last(self, intent: str | None, text: str) -> bool:
        """ "What about cautions?" read as asking what the bot does: it goes on from the last
        answer, naming a word some topic uses (a fact, a title), not asking about the bot."""
        if intent != Intents.BOT_CAPABILITIES or not ELLIPTICAL.search(text):
            return False
        if len(text.split()) > _MAX_ELLIPTICAL_WORDS:
            return False
        vocab = vocabulary(self.kb)
        named = vocab.specific(ELLIPTICAL.sub("", text))
        return bool(named) and all(vocab.known(w) for w in named)

    def _answered_not_checked(self, intent: str | None, reading: Reading) -> bool:
        """ "I sit as a magistrate. Would I have to resign if I became a probation officer?" read
        as a request for the check: a question that doesn't ask whether the visitor could get
        in is answered (bot/eligibility/dialogue.py asks_about_eligibility), never checked."""
        return (
            intent == Intents.CHECK_ELIGIBILITY
            and is_a_question(reading.text)
            and not asks_about_eligibility(reading.text)
        )

    def _asks_what_no_page_states(self, reading: Reading) -> bool:
        """ "Can I do the PQiP if I'm registered blind?", "do I get feedback if I fail the
        interview?": a question about something no fact states (knowledge/concepts.yml)."""
        if not looks_like_question(reading.asking):
            return False
        # "My degree is from Nigeria, can I still apply?": where the degree is from is asked too.
        background = " ".join(reading.background) if reading.leans_on_background else ""
        return bool(unstated_asked(self.kb, reading.asking, background))

    def _asks_an_aspect_not_why(self, intent: str | None, reading: Reading) -> bool:
        """ "Does that pay more?", "how long does that take?" read as asking why the check gave
        its outcome: a question asking an aspect of the last answer (pay, duration; never
        "why"), answered against the last topic (bot/conversation/answering.py)."""
        return (
            intent == Intents.EXPLAIN_OUTCOME
            and reading.aspect is not None
            and not ASKS_WHY.search(reading.asking)
        )

    @staticmethod
    def _getting_in_intent(message: Message) -> str:
        """ "Can someone with a spent caution get onto the PQiP?" read as asking for a person: the
        topic the classifier ranked next (its answer is followed by the check), else the check."""
        for ranked in message.get(INTENT_RANKING_KEY) or []:
            name = ranked.get("name") or ""
            if is_faq(name) or name == Intents.CHECK_ELIGIBILITY:
                return name
        return Intents.CHECK_ELIGIBILITY

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            intent = (message.get(INTENT) or {}).get("name")
            reading = read(self.kb, message.get(TEXT) or "")
            # Not in English: answered by the same action, which says the advisor answers in English.
            if intent != Intents.NOT_COVERED and (
                not reading.english
                or self._asks_a_gap(intent, reading)
                or self._answered_not_checked(intent, reading)
            ):
                relabel(message, Intents.NOT_COVERED)
            elif self._goes_on_from_the_last(intent, message.get(TEXT) or "") or self._asks_an_aspect_not_why(
                intent, reading
            ):
                relabel(message, Intents.FOLLOW_UP)
            elif intent == Intents.REQUEST_HUMAN and asks_whether_someone_gets_in(message.get(TEXT) or ""):
                relabel(message, self._getting_in_intent(message))
        return messages
