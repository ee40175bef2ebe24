"""The report's numbers: conversations summed up, then the tables both the HTML
page and the CSV files show.

Privacy: nothing here holds a sender id; a count from 1 to 4 is shown as
"fewer than 5" so that nobody is singled out; a question or comment that
mentions convictions is withheld (as on the triage card, bot/helpline/triage.py), and
e-mail addresses and long numbers in what visitors typed are blanked.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from bot.helpline import card
from bot.insights import conversations as convs
from bot.insights.grouping import group_questions
from bot.knowledge import Knowledge

SMALLEST_SHOWN = 5
FEWER_THAN_5 = "fewer than 5"
EXAMPLES = 3
CONVICTIONS_ROW = "(questions about convictions: not shown)"
_EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(\.[\w-]+)+\b")
_LONG_NUMBER = re.compile(r"\+?\d[\d\s-]{5,}\d")
# Control characters (a NUL, say) that a visitor can type but no page or CSV can show.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def shown(count: int) -> Any:
    """A count as the report may show it."""
    return FEWER_THAN_5 if 0 < count < SMALLEST_SHOWN else count


def is_hidden(count: int) -> bool:
    return 0 < count < SMALLEST_SHOWN


def example(text: str) -> str | None:
    """Visitor's words fit to show, or None when they mention convictions."""
    text = card.shown_question(text)
    if text == card.WITHHELD:
        return None
    return _LONG_NUMBER.sub("[number]", _EMAIL.sub("[e-mail]", _CONTROL.sub("", text)))


# --- summing up conversations ------------------------------------------------------


@dataclass
class Insights:
    conversations: int = 0
    messages: int = 0
    first_day: date | None = None
    last_day: date | None = None
    started_per_day: Counter = field(default_factory=Counter)
    messages_per_day: Counter = field(default_factory=Counter)
    channels: Counter = field(default_factory=Counter)
    topics: Counter = field(default_factory=Counter)
    helpful: Counter = field(default_factory=Counter)  # topic id -> yes clicks
    not_helpful: Counter = field(default_factory=Counter)
    comments: list[tuple[str, str]] = field(default_factory=list)  # (topic id, text)
    missed: list[convs.Missed] = field(default_factory=list)
    checks_started: int = 0
    checks_finished: int = 0
    outcomes: Counter = field(default_factory=Counter)
    stopped_at: Counter = field(default_factory=Counter)
    handoffs: Counter = field(default_factory=Counter)  # reason -> times
    conversations_with_handoff: int = 0

    def add(self, convo: convs.Conversation) -> None:
        if not convo.visitor_messages:
            return  # e.g. only a session start: nobody typed anything
        self.conversations += 1
        self.messages += convo.visitor_messages
        if convo.started:
            day = convo.started.date()
            self.started_per_day[day] += 1
            self.first_day = min(self.first_day or day, day)
        for day, count in convo.messages_by_day.items():
            self.messages_per_day[day] += count
            self.last_day = max(self.last_day or day, day)
        self.channels[convo.channel] += 1
        self.topics.update(convo.topics)
        for item in convo.feedback:
            (self.helpful if item.get("helpful") else self.not_helpful)[item.get("topic")] += 1
        self.comments += [(c.get("topic") or "", c.get("text") or "") for c in convo.comments]
        self.missed += convo.missed
        if convo.check_started:
            self.checks_started += 1
            if convo.check_finished:
                self.checks_finished += 1
                self.outcomes[convo.outcome] += 1
            else:
                self.stopped_at[convo.stopped_at] += 1
        self.handoffs.update(convo.handoffs)
        self.conversations_with_handoff += bool(convo.handoffs)


def collect(conversations: Iterable[convs.Conversation]) -> Insights:
    insights = Insights()
    for convo in conversations:
        insights.add(convo)
    return insights


# --- tables --------------------------------------------------------------------------


@dataclass
class Table:
    name: str  # file name for --csv, id in the page
    title: str
    columns: list[str]
    rows: list[list[Any]]
    note: str = ""
    counts: list[int] = field(default_factory=list)  # raw, for the charts only (never written)


def topic_title(kb: Knowledge, topic_id: str | None) -> str:
    topic = kb.topics.get(topic_id or "")
    return topic.title if topic else f"(topic no longer listed: {topic_id})"


def _examples(texts: Iterable[str]) -> str:
    seen: list[str] = []
    for text in texts:
        shown_text = example(text)
        if shown_text and shown_text not in seen:
            seen.append(shown_text)
        if len(seen) == EXAMPLES:
            break
    return " | ".join(f'"{t}"' for t in seen)


def per_day_table(ins: Insights) -> Table:
    days = sorted(set(ins.started_per_day) | set(ins.messages_per_day))
    return Table(
        "per_day",
        "Conversations and messages per day",
        ["Day (UTC)", "Conversations started", "Visitor messages"],
        [[d.isoformat(), shown(ins.started_per_day[d]), shown(ins.messages_per_day[d])] for d in days],
    )


def channels_table(ins: Insights) -> Table:
    return Table(
        "channels",
        "Channel",
        ["Channel", "Conversations"],
        [[name, shown(n)] for name, n in ins.channels.most_common()],
    )


def topics_table(kb: Knowledge, ins: Insights) -> Table:
    return Table(
        "topics",
        "Top topics",
        ["Topic", "Times answered"],
        [[topic_title(kb, t), shown(n)] for t, n in ins.topics.most_common()],
    )


def feedback_table(kb: Knowledge, ins: Insights) -> Table:
    topics = sorted(
        set(ins.helpful) | set(ins.not_helpful),
        key=lambda t: (-(ins.helpful[t] + ins.not_helpful[t]), topic_title(kb, t)),
    )
    return Table(
        "feedback",
        "Helpful / not helpful by topic",
        ["Topic", "Helpful", "Not helpful"],
        [[topic_title(kb, t), shown(ins.helpful[t]), shown(ins.not_helpful[t])] for t in topics],
        note='Clicks on "Yes, it helped" / "No, it didn\'t" under FAQ answers.',
    )


def comments_table(kb: Knowledge, ins: Insights) -> Table:
    by_topic: dict[str, list[str]] = {}
    for topic, text in ins.comments:
        by_topic.setdefault(topic, []).append(text)
    order = sorted(by_topic, key=lambda t: (-len(by_topic[t]), topic_title(kb, t)))
    return Table(
        "feedback_comments",
        'What visitors were looking for, after "no"',
        ["Topic", "Comments", "Examples"],
        [[topic_title(kb, t), shown(len(by_topic[t])), _examples(by_topic[t])] for t in order],
        note='The optional comment typed after "No, it didn\'t"; comments that '
        "mention convictions are counted, not shown.",
    )


def missed_table(ins: Insights) -> Table:
    about_convictions = [m for m in ins.missed if example(m.text) is None]
    showable = [m for m in ins.missed if example(m.text) is not None]
    how: dict[str, Counter] = {}
    for m in showable:
        how.setdefault(" ".join(m.text.split()), Counter())[m.how] += 1
    rows, counts = [], []
    for group in group_questions((m.text, m.gap) for m in showable):
        counts.append(group.count)
        answered = sum((how[w] for w in group.wordings), Counter())
        rows.append(
            [
                example(group.leader),
                shown(group.count),
                "; ".join(k for k, _ in answered.most_common()),
                _examples(w for w, _ in group.wordings.most_common()),
            ]
        )
    if about_convictions:
        rows.append(
            [
                CONVICTIONS_ROW,
                shown(len(about_convictions)),
                "; ".join(sorted({m.how for m in about_convictions})),
                "",
            ]
        )
        counts.append(len(about_convictions))
    return Table(
        "unanswered",
        "Questions the bot could not answer",
        ["Question (most-asked wording)", "Times asked", "How the bot answered", "Examples"],
        rows,
        counts=counts,
        note="Rephrasings sit together: questions that share at least 60 % of the "
        "shorter one's key words (or got the same listed \"pages don't cover "
        'this" answer) are one row.',
    )


def eligibility_table(ins: Insights) -> Table:
    return Table(
        "eligibility",
        "The eligibility check",
        ["Stage", "Conversations"],
        [
            ["Started", shown(ins.checks_started)],
            ["Finished (an outcome given)", shown(ins.checks_finished)],
            ["Not finished", shown(ins.checks_started - ins.checks_finished)],
        ],
    )


def outcomes_table(kb: Knowledge, ins: Insights) -> Table:
    outcomes = kb.eligibility.outcomes
    return Table(
        "eligibility_outcomes",
        "Eligibility outcomes",
        ["Outcome", "Route", "Checks"],
        [
            [o, (outcomes[o].route if o in outcomes else None) or "", shown(n)]
            for o, n in ins.outcomes.most_common()
        ],
    )


def stopped_table(ins: Insights) -> Table:
    return Table(
        "eligibility_stopped",
        "Where unfinished checks stopped",
        ["Question waiting for an answer", "Unfinished checks"],
        [[card.still_to_ask(q), shown(n)] for q, n in ins.stopped_at.most_common()],
    )


def handoffs_table(ins: Insights) -> Table:
    return Table(
        "handoffs",
        "Hand-offs to the helpline",
        ["Reason", "Times"],
        [[reason, shown(n)] for reason, n in ins.handoffs.most_common()],
        note=f"Conversations with at least one hand-off: {shown(ins.conversations_with_handoff)}.",
    )


def all_tables(kb: Knowledge, ins: Insights) -> list[Table]:
    return [
        per_day_table(ins),
        channels_table(ins),
        topics_table(kb, ins),
        feedback_table(kb, ins),
        comments_table(kb, ins),
        missed_table(ins),
        eligibility_table(ins),
        outcomes_table(kb, ins),
        stopped_table(ins),
        handoffs_table(ins),
    ]
