"""FAQ answers, composed from knowledge/ and closed with their sources."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from bot.eligibility.parsing import is_part_of_pqip, parse_qualification
from bot.helpline.reference import quote
from bot.knowledge import Fact, Knowledge, Qualification, Topic
from bot.replies import CHECK_ELIGIBILITY, TALK_TO_PERSON, Button, Reply


def source_line(kb: Knowledge, fact_ids: Iterable[str]) -> str:
    titles: list[str] = []
    for fact_id in fact_ids:
        title = kb.source_of(fact_id).title
        if title not in titles:
            titles.append(title)
    label = "Source" if len(titles) == 1 else "Sources"
    return f"{label}: {'; '.join(titles)}."


def conflict_notes(kb: Knowledge, facts: Iterable[Fact]) -> list[str]:
    """Say what another page claimed, and which page this answer follows."""
    return [note for fact in facts for note in kb.conflict_notes(fact.id)]


def compose(kb: Knowledge, fact_ids: list[str], lead: str | None = None, after: str | None = None) -> str:
    """The facts in our words, with `lead` before and `after` after them; the source line closes it."""
    facts = [kb.fact(f) for f in fact_ids]
    paragraphs = [lead] if lead else []
    paragraphs.append(" ".join(f.text for f in facts))
    paragraphs.extend(conflict_notes(kb, facts))
    if after:
        paragraphs.append(after)
    paragraphs.append(source_line(kb, fact_ids))
    return "\n\n".join(paragraphs)


def qualification_lead(qualification: Qualification, required_level: int) -> str:
    """One line about the visitor's own qualification, ahead of the general answer."""
    placing = (
        f"is a Level {qualification.level} qualification"
        if qualification.stated_on_page
        else f"sits at Level {qualification.level} on the Regulated Qualifications Framework "
        "(the pages I draw on don't list it by name, so please confirm with the helpline)"
    )
    verdict = (
        f"which meets the Level {required_level} minimum for the PQiP: that part of the entry "
        "requirements is met, and practice experience is needed as well (below); I can check the "
        "rest with you"
        if qualification.level >= required_level
        else f"which is below the Level {required_level} minimum for the PQiP"
    )
    return f"{qualification.name} {placing}, {verdict}."


# Topics where naming the visitor's own qualification answers the question better.
PERSONAL_QUALIFICATION_TOPICS = {"qualification_level", "entry_requirements", "level5_examples"}


def mentioned_qualification(kb: Knowledge, text: str) -> Qualification | None:
    reading = parse_qualification(text)
    return kb.qualification(reading.id) if reading.ok else None


def personal_lead_facts(kb: Knowledge, topic: Topic, text: str) -> list[str]:
    """ "Is the Level 5 Diploma in Probation Practice enough?": it is part of the PQiP, say so first."""
    if topic.id in PERSONAL_QUALIFICATION_TOPICS and is_part_of_pqip(text):
        return [kb.eligibility.part_of_pqip.fact]
    return []


def personal_lead(kb: Knowledge, topic: Topic, text: str) -> str | None:
    """One line about the visitor's own qualification, where the topic is about qualifications."""
    if topic.id not in PERSONAL_QUALIFICATION_TOPICS or personal_lead_facts(kb, topic, text):
        return None
    qualification = mentioned_qualification(kb, text)
    if qualification is None:
        return None
    return qualification_lead(qualification, kb.eligibility.required_level.value)


def whole_picture(kb: Knowledge, topic: Topic, text: str) -> tuple[list[str], list[Button]]:
    """ "I have a foundation degree - is that enough?": the qualification part is met, and
    the rest of the entry requirements (practice experience) follow, with the check offered."""
    if topic.id not in PERSONAL_QUALIFICATION_TOPICS or personal_lead_facts(kb, topic, text):
        return [], []
    qualification = mentioned_qualification(kb, text)
    if qualification is None or qualification.level < kb.eligibility.required_level.value:
        return [], []
    return list(kb.eligibility.experience_facts[:1]), [CHECK_ELIGIBILITY]


def faq_reply(kb: Knowledge, topic: Topic, text: str = "") -> Reply:
    first = personal_lead_facts(kb, topic, text)
    extra, buttons = whole_picture(kb, topic, text)
    first += [f for f in extra if f not in first]
    facts = first + [f for f in topic.facts if f not in first]
    return Reply(compose(kb, facts, personal_lead(kb, topic, text)), buttons)


@dataclass
class AnswerPart:
    """The answer to one question: what to say, the facts it cites, what it was about."""

    title: str
    paragraphs: list[str]
    fact_ids: list[str]
    topic_id: str | None = None
    gap_id: str | None = None  # set when the pages don't cover what was asked
    buttons: list[Button] = field(default_factory=list)


def facts_part(
    kb: Knowledge, title: str, fact_ids: Sequence[str], topic_id: str | None, lead: str | None = None
) -> AnswerPart:
    facts = [kb.fact(f) for f in fact_ids]
    paragraphs = ([lead] if lead else []) + [" ".join(f.text for f in facts)] + conflict_notes(kb, facts)
    return AnswerPart(title, paragraphs, list(fact_ids), topic_id)


def render(kb: Knowledge, parts: Sequence[AnswerPart]) -> Reply:
    """One reply for one or more answers, in order, with a single source line at the end.

    Where a part says the pages don't cover something, the helpline follows it.
    """
    paragraphs: list[str] = []
    cited: list[str] = []
    said = set()
    for part in parts:
        new_facts = [f for f in part.fact_ids if f not in said]
        said.update(part.fact_ids)
        body = list(part.paragraphs)
        if len(parts) > 1:
            body[0] = f"{part.title}: {body[0]}"
        paragraphs.extend(body)
        cited.extend(new_facts)
    if any(p.gap_id for p in parts):
        paragraphs.append(kb.fact("helpline_number").text + " They can answer what the pages don't.")
        cited.append("helpline_number")
    paragraphs.append(source_line(kb, list(dict.fromkeys(cited))))
    buttons: list[Button] = []
    for part in parts:
        buttons += [b for b in part.buttons if b not in buttons]
    if any(p.gap_id for p in parts) and TALK_TO_PERSON not in buttons:
        buttons.append(TALK_TO_PERSON)
    return Reply("\n\n".join(paragraphs), buttons)


def topic_buttons(topics: Iterable[Topic]) -> list[Button]:
    return [Button(t.title, f"/{t.intent}") for t in topics]


def handoff_reply(kb: Knowledge, reference: str | None = None) -> Reply:
    # The code comes after the number: the visitor reads "call ..." then "quote ...".
    after = quote(reference, when="When you call") if reference else None
    return Reply(
        compose(kb, ["helpline_number"], "Of course. The recruitment team can help you in person.", after)
    )
