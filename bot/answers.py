"""FAQ answers, composed from knowledge/ and closed with their sources."""
from __future__ import annotations

from typing import Iterable, List, Optional

from bot.answer_parsing import is_part_of_pqip, parse_qualification
from bot.knowledge import Fact, Knowledge, Qualification, Topic
from bot.replies import Button, Reply


def source_line(kb: Knowledge, fact_ids: Iterable[str]) -> str:
    titles: List[str] = []
    for fact_id in fact_ids:
        title = kb.source_of(fact_id).title
        if title not in titles:
            titles.append(title)
    label = "Source" if len(titles) == 1 else "Sources"
    return f"{label}: {'; '.join(titles)}."


def conflict_notes(kb: Knowledge, facts: Iterable[Fact]) -> List[str]:
    """Say what another page claimed, and which page this answer follows."""
    notes = []
    for fact in facts:
        followed = kb.sources[fact.source].title
        for conflict in fact.conflicts:
            other = kb.sources[conflict.source].title
            notes.append(f'Note: the page "{other}" says {conflict.claim}; '
                         f'this answer follows "{followed}".')
    return notes


def compose(kb: Knowledge, fact_ids: List[str], lead: Optional[str] = None,
            after: Optional[str] = None) -> str:
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
        f"which meets the Level {required_level} minimum for the PQiP"
        if qualification.level >= required_level
        else f"which is below the Level {required_level} minimum for the PQiP"
    )
    return f"{qualification.name} {placing}, {verdict}."


# Topics where naming the visitor's own qualification answers the question better.
PERSONAL_QUALIFICATION_TOPICS = {"qualification_level", "entry_requirements", "level5_examples"}


def mentioned_qualification(kb: Knowledge, text: str) -> Optional[Qualification]:
    reading = parse_qualification(text)
    if not reading.ok:
        return None
    return next((q for q in kb.qualifications if q.name == reading.name), None)


def faq_reply(kb: Knowledge, topic: Topic, text: str = "") -> Reply:
    lead = None
    if topic.id in PERSONAL_QUALIFICATION_TOPICS and is_part_of_pqip(text):
        # "Is the Level 5 Diploma in Probation Practice enough?": it is part of the PQiP.
        first = kb.eligibility["part_of_pqip"]["fact"]
        return Reply(compose(kb, [first] + [f for f in topic.facts if f != first]))
    if topic.id in PERSONAL_QUALIFICATION_TOPICS:
        qualification = mentioned_qualification(kb, text)
        if qualification:
            lead = qualification_lead(qualification, kb.eligibility["required_level"]["value"])
    return Reply(compose(kb, topic.facts, lead))


def topic_buttons(topics: Iterable[Topic]) -> List[Button]:
    return [Button(t.title, f"/{t.intent}") for t in topics]


def handoff_reply(kb: Knowledge, reference: Optional[str] = None) -> Reply:
    # The code comes after the number: the visitor reads "call ..." then "quote ...".
    after = (f"When you call, quote this reference so they can see our conversation: {reference}."
             if reference else None)
    return Reply(compose(kb, ["helpline_number"],
                         "Of course. The recruitment team can help you in person.", after))
