"""Answering a question: which facts answer it, or a plain "the pages don't cover this".

One place decides, wherever the question is asked (a plain question, a
follow-up, two questions in one message, a question in the middle of the
eligibility check), from one reading of the message (bot/conversation/reading.py:
the asking clause, the background, whose circumstances, the aspect, the listed
gap, the language). A message not in English gets the language reply
(knowledge/languages.yml); in a long message the asking clause alone is read
for the topic. Then, in this order:

1. a listed gap (knowledge/gaps.yml) the question matches: say the pages
   don't cover it, the closest they say, the helpline;
2. read as "not covered" by the classifier: the same, or a plain "I can't
   find that" when no listed gap fits;
3. "and the access route?" after "how long is the PQiP?": the same aspect
   (duration) of the subject now named, or a plain "the pages don't say";
4. a follow-up on the last topic ("what band is that?"): the facts that answer
   that aspect of its subject, or a plain "the pages don't say"; a follow-up
   asking nothing the aspects name ("is it hard?"): "I can't find that";
5. a topic the classifier picked, unless the question shares nothing specific
   with it (then "I can't find that", offering the topic): its facts, the one
   that answers the question first; where the question asks about someone
   else's circumstances (a relative's record, knowledge/coverage.yml), the part
   the pages cover and a plain "they don't say anything about" the rest.

Several questions in one message are split and answered each in turn.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from bot.conversation.answers import (
    AnswerPart,
    facts_part,
    personal_lead,
    personal_lead_facts,
    render,
    source_line,
    whole_picture,
)
from bot.conversation.language import WELSH, english_words
from bot.conversation.multi_question import split_questions
from bot.conversation.reading import Reading, read
from bot.conversation.relevance import (
    Judgement,
    judge,
    rank_facts,
    says_of,
    someone_elses_topic,
    unmentioned,
    vocabulary,
)
from bot.knowledge import Knowledge, Topic
from bot.knowledge.coverage import load_coverage
from bot.knowledge.follow_ups import Aspect, FollowUps, Subject, load_follow_ups
from bot.knowledge.gaps import UNLISTED, Gap, gap_paragraphs, load_gaps, nearest_gap_by_examples
from bot.knowledge.languages import load_language_replies
from bot.rasa_names import Intents
from bot.replies import TALK_TO_PERSON, Button, Reply

# Below this, a topic that shares no specific word with the question is not
# trusted; above it, only when the question has a word the knowledge never uses.
TRUSTED_CONFIDENCE = 0.6
UNSURE_CONFIDENCE = 0.5

Ranking = Sequence[tuple[str, float]]
# Reads one part of a message with the real NLU: (intent, confidence, ranking).
ClauseReader = Callable[[str], tuple[str | None, float, Ranking] | None]


@dataclass
class Question:
    text: str
    intent: str | None = None
    confidence: float = 0.0
    ranking: Ranking = ()
    last_topic: str | None = None
    last_aspect: str | None = None  # what the last question asked of its topic ("duration")
    reading: Reading | None = None  # the message read once (bot/conversation/reading.py); made when missing

    def read(self, kb: Knowledge) -> Reading:
        if self.reading is None or self.reading.text != self.text:
            self.reading = read(kb, self.text)
        return self.reading


@dataclass
class Answer:
    reply: Reply
    topic_ids: list[str] = field(default_factory=list)
    gap_id: str | None = None
    aspect_id: str | None = None  # what this message asked of its topic, for the next one

    @property
    def last_topic(self) -> str | None:
        return self.topic_ids[-1] if self.topic_ids else None


def _not_covered(
    kb: Knowledge, gap_id: str, paragraphs_and_facts, title: str, nearest: Topic | None = None
) -> AnswerPart:
    paragraphs, fact_ids = paragraphs_and_facts
    buttons = [Button(nearest.title, f"/{nearest.intent}")] if nearest is not None else []
    return AnswerPart(title, paragraphs, fact_ids, None, gap_id, buttons)


def _about(topic: Topic) -> str:
    # Quoted as written: lower-casing a title loses its acronyms ("what the pqip is").
    return f'About "{topic.title}"'


def _unrelated(kb: Knowledge, question: Question, topic: Topic) -> bool:
    """The topic shares nothing specific with the question, and the classifier isn't sure enough."""
    vocab = vocabulary(kb)
    about = question.read(kb).about
    if vocab.is_about(about, topic):
        return False
    unknown_words = {w for w in vocab.specific(about) if not vocab.known(w)}
    return (
        bool(unknown_words) and question.confidence < TRUSTED_CONFIDENCE
    ) or question.confidence < UNSURE_CONFIDENCE


def _likeliest_topic_intent(kb: Knowledge, question: Question) -> tuple[str, float] | None:
    """The FAQ intent ranked highest, with its confidence."""
    return next(
        ((name, confidence) for name, confidence in question.ranking if kb.topic_for_intent(name or "")), None
    )


def _best_topic(kb: Knowledge, question: Question) -> Topic | None:
    topic = kb.topic_for_intent(question.intent or "")
    if topic is None and question.intent == Intents.FOLLOW_UP:
        # A follow-up with nothing to follow: the likeliest topic behind it.
        likeliest = _likeliest_topic_intent(kb, question)
        topic = kb.topic_for_intent(likeliest[0]) if likeliest else None
    return topic


def answer_part(kb: Knowledge, question: Question, already_said: Sequence[str] = ()) -> AnswerPart | None:
    """The answer to one question, or None when it isn't a question this module answers."""
    text = question.text
    reading = question.read(kb)
    gaps = load_gaps(kb)
    gap = reading.gap
    if gap is None and question.intent == Intents.NOT_COVERED:
        gap = nearest_gap_by_examples(reading.about, gaps, vocabulary(kb).generic)
        runner_up = _likeliest_topic_intent(kb, question)
        if runner_up is not None and runner_up[1] < RUNNER_UP_CONFIDENCE:
            # "If I qualify and later join the police, does the PQiP count?" ranked the age
            # rules at 0.00: a topic the classifier all but ruled out answers nothing.
            runner_up = None
        last = kb.topics.get(question.last_topic or "")
        if (
            last is not None
            and load_follow_ups(kb).is_follow_up(text)
            and judge(kb, reading.asking, ()).asked
        ):
            # "Can I try again?" after failing the PQiP names something (retaking): read against
            # the last topic, not the next one ranked.
            runner_up = (last.intent, max(question.confidence, UNSURE_CONFIDENCE))
        if gap is None and runner_up is not None:
            # No listed gap fits: the likeliest topic answers, if the question is about it.
            return answer_part(
                kb,
                Question(text, *runner_up, question.ranking, question.last_topic, reading=reading),
                already_said,
            )
        if gap is None:
            # "I did my masters in India, can I still apply?": no listed gap, no topic, but it
            # asks about something no page states: say what, and the closest the pages say.
            asked = judge(kb, reading.asking, (), None, _leaned_on(reading))
            if asked.missing:
                return _not_covered(
                    kb,
                    f"{UNLISTED}:" + "+".join(c.id for c in asked.missing),
                    _not_stated(kb, asked, None),
                    "Not covered",
                )
            return _not_covered(kb, UNLISTED, gap_paragraphs(kb, None), "Not covered")
    if gap is not None:
        blended = _topic_with_admission(kb, question, gap, already_said)
        return blended or _not_covered(kb, gap.id, gap_paragraphs(kb, gap), gap.subject.capitalize())

    follow_ups = load_follow_ups(kb)
    aspect = reading.aspect
    carried = _carried_over(follow_ups, question)
    if carried is not None:
        return _aspect_of_subject(kb, *carried, already_said)
    last = kb.topics.get(question.last_topic or "")
    leans_on_last = last is not None and (
        question.intent == Intents.FOLLOW_UP or follow_ups.is_follow_up(text)
    )
    if last is not None and leans_on_last and aspect is not None:
        return _aspect_answer(kb, last, aspect, follow_ups.facts_for(last.id, aspect), already_said)
    topic = _best_topic(kb, question)
    meant = None
    if last is not None and leans_on_last and aspect is None and topic is not last:
        # "Who awards it?", "is that split evenly across the country?", "would a masters do?":
        # a follow-up asking no aspect the table names; the topic its own words point to.
        meant = _topic_a_follow_up_means(kb, question, last, topic)
        if meant is not None:
            topic = meant
        elif (topic is None or question.confidence < UNSURE_CONFIDENCE) and _has_a_known_word(text):
            return _not_covered_of(kb, last)  # ("zorblat quimfrey?" leans on nothing: not read)
    if question.intent == Intents.FOLLOW_UP and aspect is None and topic is not last and meant is None:
        # "Is it hard?" after the PQiP, the likeliest topic behind it security clearance
        # (at 0.03): about the last topic, but nothing the pages answer for it. With no
        # last topic there is nothing to go on (the visitor is asked what they meant);
        # after an earlier part of the same message ("PSOs: what grade and what do they
        # handle?"), that part's answer stands for it.
        if last is None or already_said:
            return None
        return _not_covered_of(kb, last)

    if topic is not None:
        topic = _topic_of_the_subject_named(kb, question, topic)
    relatives = someone_elses_topic(kb, reading.about) if reading.person is not None else None
    if relatives is not None and _asks_about_them(kb, reading):
        # "My brother is in prison, could I still become a probation officer?", whatever topic
        # the classifier read: the rules the pages give for the applicant's own record.
        topic = relatives
    if topic is None:
        return None
    judgement = judge(kb, reading.asking, topic.facts, topic, _leaned_on(reading))
    if judgement.not_at_all:
        # "Will my student loan be paid off if I join?" got the PSO contract: another topic the
        # classifier ranked that states what was asked answers, or a plain "the pages don't cover".
        other = _topic_stating(kb, question, judgement, topic)
        if other is not None:
            return answer_part(
                kb,
                Question(
                    text,
                    other.intent,
                    question.confidence,
                    question.ranking,
                    question.last_topic,
                    reading=reading,
                ),
                already_said,
            )
        return _not_covered(
            kb, _gap_id(topic, judgement), _not_stated(kb, judgement, topic), "Not covered", topic
        )
    if not judgement.asked and _unrelated(kb, question, topic):
        # "Are the level 4 and level 5 qualifications standalone?" read as Level 5 examples:
        # a topic ranked next that the question is about answers, if there is one.
        other = _related_runner_up(kb, question, topic)
        if other is None:
            return _not_covered(kb, UNLISTED, gap_paragraphs(kb, None, topic), "Not covered", nearest=topic)
        topic = other
        judgement = judge(kb, reading.asking, topic.facts, topic, _leaned_on(reading))
    someone_else = _someone_elses(kb, reading, topic, already_said)
    if someone_else is not None:
        return someone_else
    # The facts that answer the aspect asked lead, where the topic has them.
    lead = personal_lead_facts(kb, topic, text) + [
        f for f in (follow_ups.facts_for(topic.id, aspect) or []) if f in topic.facts
    ]
    fact_ids = [f for f in rank_facts(kb, topic.facts, reading.about, lead) if f not in already_said]
    if not fact_ids:
        return None  # everything this topic says was said for an earlier part
    extra, buttons = whole_picture(kb, topic, text)
    fact_ids = [f for f in extra if f not in already_said] + [f for f in fact_ids if f not in extra]
    part = facts_part(kb, topic.title, fact_ids, topic.id, personal_lead(kb, topic, text))
    part.buttons += buttons
    if set(follow_ups.facts_for(topic.id, aspect) or ()) & set(topic.facts):
        # What the pages leave out of that aspect, where this topic answers it ("is the PQiP
        # paid?"), not where the word is about something else ("is paid work needed?").
        _add_unsaid(kb, part, topic, aspect)
    if meant is not None and not judgement.partly and part.gap_id is None:
        # "What's on the online one, is it maths?" after recruitment: the words of a follow-up
        # its topic never uses are what the pages don't say there.
        leftover = _words_beyond(kb, reading.asking, topic)
        if leftover:
            part.paragraphs.append(
                f"That is what the pages say about it; they don't say anything about {_listed(leftover)} there."
            )
            part.gap_id = f"{topic.id}:unmentioned"
    if judgement.partly:
        # The answer covers part of what was asked: say which part, and that the rest isn't covered.
        part.paragraphs.append(
            f"The pages cover {says_of(judgement.stated)} as above; they don't cover {says_of(judgement.missing)}."
        )
        part.gap_id = _gap_id(topic, judgement)
    elif part.gap_id is None:
        # "Do I need an English test like IELTS?" answered with the entry requirements: a word
        # the asking clause names that nothing in the knowledge uses is not answered by them.
        words = unmentioned(kb, reading.asking)
        if words:
            part.paragraphs.append(
                f"The pages I answer from don't mention {_listed(words)}, so I can't tell you more about that."
            )
            part.gap_id = f"{topic.id}:unmentioned"
    return part


def _has_a_known_word(text: str) -> bool:
    """Some word of the message is one the bot's English uses (gibberish has none)."""
    known = english_words()
    return any(word in known for word in re.findall(r"[a-z']+", text.lower()))


def _not_covered_of(kb: Knowledge, last: Topic) -> AnswerPart:
    """ "Is it hard?" after the PQiP: about the last topic, but nothing the pages answer for it."""
    return _not_covered(
        kb,
        f"{last.id}:{UNLISTED}",
        ([f"{_about(last)}: I can't find that in the pages I answer from, so I won't guess."], []),
        last.title,
        nearest=last,
    )


def _shares_words(kb: Knowledge, text: str, topic: Topic) -> bool:
    """The question names something specific, and the topic's words include some of it."""
    vocab = vocabulary(kb)
    return bool(vocab.specific(text)) and vocab.is_about(text, topic)


def _topic_a_follow_up_means(
    kb: Knowledge, question: Question, last: Topic, chosen: Topic | None
) -> Topic | None:
    """The topic a follow-up that leans on the last answer means by its own words: the
    classifier's, when it is sure and they fit; else the last topic, when they fit it; else a
    topic ranked next they fit ("who awards it?" after the Level 5 Diploma: SFJ Awards).
    None when its words fit none of them (or it has no word of its own)."""
    asking = question.read(kb).asking
    sure = (
        chosen is not None and question.intent == chosen.intent and question.confidence >= TRUSTED_CONFIDENCE
    )
    if chosen is not None and sure and _shares_words(kb, asking, chosen):
        return chosen
    if _shares_words(kb, asking, last):
        return last
    for name, confidence in list(question.ranking)[: RUNNERS_UP + 1]:
        topic = kb.topic_for_intent(name or "")
        if (
            topic is not None
            and confidence >= RELATED_RUNNER_UP_CONFIDENCE
            and _shares_words(kb, asking, topic)
        ):
            return topic
    return None


def _words_beyond(kb: Knowledge, text: str, topic: Topic) -> list[str]:
    """The specific words of `text`, as written, that `topic`'s words don't include (nor share
    their first letters with)."""
    from bot.text import stem, words

    vocab = vocabulary(kb)
    own = vocab.by_topic.get(topic.id, frozenset())
    beyond = []
    for word in dict.fromkeys(words(text)):
        s = stem(word)
        if not vocab.specific(word) or s in own or vocab.is_about(word, topic):
            continue
        beyond.append(_as_written(text, word))
    return beyond


def _as_written(text: str, word: str) -> str:
    match = re.search(rf"\b{re.escape(word)}\b", text, re.IGNORECASE)
    return match.group(0) if match else word


def _leaned_on(reading: Reading) -> str:
    """The background the asking clause leans on ("My degree is from Poland. Does IT count?")."""
    return " ".join(reading.background) if reading.leans_on_background else ""


def _listed(words: Sequence[str]) -> str:
    quoted = [f'"{w}"' for w in words]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " or " + quoted[-1]


def _gap_id(topic: Topic, judgement: Judgement) -> str:
    return f"{topic.id}:" + "+".join(c.id for c in judgement.missing)


def _not_stated(kb: Knowledge, judgement: Judgement, nearest: Topic | None) -> tuple[list[str], list[str]]:
    """ "The pages I answer from don't cover student loans or other debts.", the closest the
    pages do say about what was asked (knowledge/concepts.yml `closest`), the nearest topic."""
    closest = list(dict.fromkeys(f for c in judgement.missing for f in c.closest))
    paragraphs = [f"The pages I answer from don't cover {says_of(judgement.missing)}."]
    if closest:
        paragraphs.append("The closest they say: " + " ".join(kb.fact(f).text for f in closest))
        paragraphs.extend(note for f in closest for note in kb.conflict_notes(f))
    if nearest is not None:
        paragraphs.append(f'The nearest topic I do have is "{nearest.title}".')
    return paragraphs, closest


# A part of a two-question message the fallback took is read as its likeliest topic from here
# (the relevance tests then decide whether that topic answers it).
CLAUSE_TOPIC_CONFIDENCE = 0.15
# A topic the classifier ranked lower answers instead only above this confidence.
RUNNER_UP_CONFIDENCE = 0.05
RUNNERS_UP = 4


def _topic_of_the_subject_named(kb: Knowledge, question: Question, topic: Topic) -> Topic:
    """ "What does a probation service officer actually do day to day?" read as what probation
    officers do (0.51) over the PSO role (0.49): the question names whom it asks about (a PSO,
    knowledge/follow_ups.yml subjects); a close runner-up about that subject answers."""
    follow_ups = load_follow_ups(kb)
    subject = follow_ups.subject_of(topic.id)
    named = [s for s in follow_ups.subjects if any(p.search(question.read(kb).asking) for p in s.names)]
    if subject is None or not named or subject in named:
        return topic
    for name, confidence in list(question.ranking)[: RUNNERS_UP + 1]:
        other = kb.topic_for_intent(name or "")
        if (
            other is not None
            and confidence >= SUBJECT_RUNNER_UP_CONFIDENCE
            and follow_ups.subject_of(other.id) in named
        ):
            return other
    return topic


# A runner-up about the subject the question names answers instead from this confidence.
SUBJECT_RUNNER_UP_CONFIDENCE = 0.2


def _related_runner_up(kb: Knowledge, question: Question, chosen: Topic) -> Topic | None:
    """The next topic the classifier ranked (at some confidence) that the question is about."""
    about = question.read(kb).about
    for name, confidence in list(question.ranking)[: RUNNERS_UP + 1]:
        topic = kb.topic_for_intent(name or "")
        if topic is None or topic is chosen or confidence < RELATED_RUNNER_UP_CONFIDENCE:
            continue
        if vocabulary(kb).is_about(about, topic) and not judge(kb, about, topic.facts, topic).missing:
            return topic
    return None


RELATED_RUNNER_UP_CONFIDENCE = 0.1


def _topic_stating(kb: Knowledge, question: Question, judgement: Judgement, chosen: Topic) -> Topic | None:
    """Among the next topics the classifier ranked, the first whose facts state what was asked."""
    asked = [c.id for c in judgement.asked]
    for name, confidence in list(question.ranking)[: RUNNERS_UP + 1]:
        topic = kb.topic_for_intent(name or "")
        if topic is None or topic is chosen or confidence < RUNNER_UP_CONFIDENCE:
            continue
        if set(asked) <= {
            c.id
            for c in judge(
                kb, question.read(kb).asking, topic.facts, topic, _leaned_on(question.read(kb))
            ).stated
        }:
            return topic
    return None


# The question asks about the visitor: "would that stop ME", "can I", "my application".
_ABOUT_THE_VISITOR = re.compile(
    r"\b(?:me|i|i'm|im|i'd|i'll|myself|my (?:application|chances|clearance|vetting))\b", re.I
)


_THE_PERSON = re.compile(r"\b(?:him|her|his|hers)\b", re.I)


def _asks_about_them(kb: Knowledge, reading: Reading) -> bool:
    """The asking clause is about what someone else's circumstances do to the visitor ("would
    that stop ME"), or names them itself ("do they vet partners too?")."""
    return (
        bool(_ABOUT_THE_VISITOR.search(reading.asking))
        or load_coverage(kb).person_in(reading.asking) is not None
        # "my partner was inside, will they vet HIM too?": the person, by a pronoun
        or (reading.person is not None and bool(_THE_PERSON.search(reading.asking)))
    )


def _someone_elses(
    kb: Knowledge, reading: Reading, topic: Topic, already_said: Sequence[str]
) -> AnswerPart | None:
    """ "My dad has a conviction for fraud, would that stop me getting security clearance?":
    the topic's facts speak of the applicant's own circumstances (knowledge/coverage.yml);
    say that is what the pages cover, and that they say nothing about the relative's."""
    own = load_coverage(kb).own.get(topic.id)
    if own is None or reading.person is None or not _asks_about_them(kb, reading):
        return None
    fact_ids = [f for f in rank_facts(kb, topic.facts, reading.about) if f not in already_said] or list(
        topic.facts
    )
    part = facts_part(kb, topic.title, fact_ids, topic.id)
    part.paragraphs[0] = f"The pages cover {own.covers}: {part.paragraphs[0]}"
    part.paragraphs.append(f"They don't say anything about {reading.person.says} {own.theirs}.")
    part.gap_id = f"{topic.id}:{reading.person.id}"
    return part


def _language_answer(kb: Knowledge, reading: Reading) -> Answer:
    """A message not in English: the advisor answers in English; the helpline; go on in English.
    In Welsh for a message in Welsh, then in English."""
    replies = load_language_replies(kb)
    paragraphs = ([replies.welsh] if reading.language == WELSH else []) + [replies.english]
    paragraphs.append(source_line(kb, [replies.fact_id]))
    return Answer(Reply("\n\n".join(paragraphs), [TALK_TO_PERSON]), [], f"language:{reading.language}")


def _aspect_of_subject(
    kb: Knowledge, subject: Subject, aspect: Aspect, already_said: Sequence[str]
) -> AnswerPart:
    """ "And the access route?" after "how long is the PQiP?": the facts that answer the same
    aspect of the subject now named, or a plain "the pages don't say" for it."""
    fact_ids = list(subject.answers.get(aspect.id, ()))
    # The answer's topic: the subject's topic that holds its first fact, else its first topic.
    topic = next(
        (kb.topics[t] for t in subject.topics if fact_ids and fact_ids[0] in kb.topics[t].facts),
        kb.topics[subject.topics[0]],
    )
    return _aspect_answer(kb, topic, aspect, fact_ids, already_said)


def _aspect_answer(
    kb: Knowledge, topic: Topic, aspect: Aspect, fact_ids: Sequence[str] | None, already_said: Sequence[str]
) -> AnswerPart:
    """The facts that answer `aspect` of `topic`'s subject, or a plain "the pages don't say"."""
    if fact_ids:
        fresh = [f for f in fact_ids if f not in already_said] or list(fact_ids)
        part = facts_part(kb, aspect.says.capitalize(), fresh, topic.id)
        _add_unsaid(kb, part, topic, aspect)
        return part
    return _not_covered(
        kb,
        f"{topic.id}:{aspect.id}",
        ([f"{_about(topic)}: the pages I answer from don't say {aspect.says}."], []),
        topic.title,
        nearest=topic,
    )


def _add_unsaid(kb: Knowledge, part: AnswerPart, topic: Topic, aspect: Aspect | None) -> None:
    """Where the facts answer the aspect only in part, say plainly what the pages leave out."""
    unsaid = load_follow_ups(kb).unsaid_for(topic.id, aspect)
    if unsaid:
        part.paragraphs.append(f"The pages I answer from don't say {unsaid}.")


def _carried_over(follow_ups: FollowUps, question: Question) -> tuple[Subject, Aspect] | None:
    """The subject "and the access route?" names, and the aspect the last question
    asked ("how long is the PQiP?"), when the message carries that aspect over."""
    aspect = follow_ups.aspect(question.last_aspect)
    subject = follow_ups.carried_over(question.text) if aspect is not None else None
    return (subject, aspect) if subject is not None and aspect is not None else None


def _aspect_of(kb: Knowledge, question: Question) -> str | None:
    """What the message asked of its topic: its own aspect, or the one it carried over."""
    follow_ups = load_follow_ups(kb)
    aspect = question.read(kb).aspect
    if aspect is None:
        carried = _carried_over(follow_ups, question)
        aspect = carried[1] if carried is not None else None
    return aspect.id if aspect is not None else None


def _topic_with_admission(
    kb: Knowledge, question: Question, gap: Gap, already_said: Sequence[str]
) -> AnswerPart | None:
    """ "Do I get paid a salary on the PQiP?": a topic the gap lists as partly
    answering it (knowledge/gaps.yml `partly_answered_by`), which the classifier
    is sure of, answers first (yes, on a PSO contract); the admission follows
    (the pages give no pay figures)."""
    topic = kb.topic_for_intent(question.intent or "")
    if topic is None or topic.id not in gap.partly_answered_by or question.confidence < UNSURE_CONFIDENCE:
        return None
    lead = [f for f in gap.closest if f in topic.facts]
    fact_ids = [f for f in rank_facts(kb, topic.facts, question.text, lead) if f not in already_said]
    part = facts_part(kb, topic.title, fact_ids or lead, topic.id)
    part.paragraphs.insert(1, f"The pages I answer from don't cover {gap.subject}.")
    part.gap_id = gap.id
    return part


def _answer_of(kb: Knowledge, parts: list[AnswerPart], aspect_id: str | None) -> Answer:
    gap_ids = [p.gap_id for p in parts if p.gap_id]
    return Answer(
        render(kb, parts),
        [p.topic_id for p in parts if p.topic_id],
        gap_ids[-1] if gap_ids else None,
        aspect_id,
    )


def answer(kb: Knowledge, question: Question, read_clause: ClauseReader | None = None) -> Answer | None:
    """The reply to a message, or None when it holds no question this module answers.

    `read_clause` reads each part of a message that asks several questions;
    without it (or when it fails) the message is answered as one question.
    """
    reading = question.read(kb)
    if not reading.english:
        return _language_answer(kb, reading)
    if reading.background_stripped and read_clause is not None:
        # A long message: the clause that asks decides the topic, not the visitor's background.
        asked = read_clause(reading.asking)
        # ("I heard the training is at a university, which ones?": an asking clause too short
        # to place on its own keeps what the whole message was read as.)
        placed = asked is not None and (
            kb.topic_for_intent(asked[0] or "") is not None
            or asked[0] in (Intents.NOT_COVERED, Intents.FOLLOW_UP)
            or kb.topic_for_intent(question.intent or "") is None
        )
        if asked is not None and placed:
            question = Question(question.text, *asked, question.last_topic, question.last_aspect, reading)
    asking = reading.asking if reading.background_stripped else question.text
    clauses = split_questions(asking) if read_clause else [question.text]
    if len(clauses) > 1:
        parts: list[AnswerPart] = []
        said: list[str] = []
        answered_before = False
        context = question.last_topic
        for clause in clauses:
            clause_read = read_clause(clause) if read_clause else None
            if clause_read is None:
                parts = []
                break
            intent, confidence, ranking = clause_read
            clause_question = Question(clause, intent, confidence, ranking, context)
            if kb.topic_for_intent(intent or "") is None and intent not in (
                Intents.FOLLOW_UP,
                Intents.NOT_COVERED,
            ):
                # "what qualifications do I need and also is it paid": a part the classifier
                # couldn't place on its own (the fallback) takes the topic it ranked likeliest.
                likeliest = _likeliest_topic_intent(kb, clause_question)
                before = kb.topics.get(context or "")
                if likeliest is not None and likeliest[1] >= CLAUSE_TOPIC_CONFIDENCE:
                    clause_question = Question(clause, *likeliest, ranking, context)
                elif before is not None and _shares_words(kb, clause, before):
                    # "... the stages of recruitment and whether it is run under some code": a part
                    # the classifier placed nowhere, in the words of the part before, is about it.
                    clause_question = Question(
                        clause, before.intent, CLAUSE_TOPIC_CONFIDENCE, ranking, context
                    )
            part = answer_part(kb, clause_question, said)
            if part is not None:
                parts.append(part)
                said += part.fact_ids
                context = part.topic_id or context
            elif parts and clause_question.intent in {
                kb.topics[p.topic_id].intent for p in parts if p.topic_id
            }:
                # Its topic's facts were all given for an earlier part: that answer stands for it.
                answered_before = True
        if len(parts) > 1 or (parts and answered_before):
            return _answer_of(kb, parts, _aspect_of(kb, question))
    part = answer_part(kb, question)
    return _answer_of(kb, [part], _aspect_of(kb, question)) if part is not None else None
