"""Practice feedback on one answer: plain Python, no Rasa.

`assess` reads an answer against its question (the parts a good answer of
that kind has, the skills the question probes, its length) and `render`
words the result as a few lines a person can act on: the structure check,
skills shown and not yet shown, a length tip, one improvement, and an outline
of what a strong answer would cover. The result kept for the session summary
(`Feedback.record`) holds ids and verdicts only, never the answer's words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Any

from bot.interview import acts as act
from bot.interview.bank import GENERAL_GUIDANCE, Bank, Question
from bot.interview.reading import Reading, reader_for
from bot.knowledge import Knowledge

# Verdicts, from best to worst; NOT_AN_ANSWER gets the question again once.
STRONG, DEVELOPING, WEAK, NOT_AN_ANSWER = "strong", "developing", "weak", "not_an_answer"
# Why something is not an answer.
EMPTY, GIBBERISH, PASTED_QUESTION, OFF_TOPIC = "empty", "gibberish", "pasted_question", "off_topic"
ONE_LINER, BRIEF, GOOD_LENGTH, ESSAY = "one_liner", "brief", "good", "essay"

VERDICT_WORDS = {
    STRONG: "a strong practice answer.",
    DEVELOPING: "a good start, with room to make it stronger.",
    WEAK: "this needs more to work with.",
    NOT_AN_ANSWER: "this doesn't answer the question yet.",
}
PROBLEM_WORDS = {
    EMPTY: "I didn't get an answer there.",
    GIBBERISH: "I couldn't read that as an answer: it doesn't look like words I know.",
    PASTED_QUESTION: "That's the question itself. Answer it in your own words, as you would in an interview.",
    OFF_TOPIC: "That doesn't seem to answer this question: none of it touches on what it asks about.",
}

_WORDLIKE = re.compile(r"^(?=.*[aeiouy])(?!.*[bcdfghjklmnpqrstvwxz]{5})(?!.*(.)\1\1)[a-z']+$")
_NON_WORD = re.compile(r"[^a-z0-9' ]+")


@dataclass
class Feedback:
    question_id: str
    kind: str
    verdict: str
    problem: str | None
    words: int
    length: str
    parts_found: list[str] = field(default_factory=list)
    parts_missing: list[str] = field(default_factory=list)
    evidenced: list[str] = field(default_factory=list)  # target skill ids shown
    missing: list[str] = field(default_factory=list)  # target skill ids not shown
    improvement: str = ""
    uses_we: bool = False
    mentions_conviction: bool = False
    claimed: list[str] = field(default_factory=list)  # target skills named but not shown by an action
    unsafe: str | None = None  # an Unsafe id: the answer would leave someone at risk
    quote: str = ""  # a few of the candidate's own words the feedback rests on
    quote_does: str = ""  # what that quote does: "action", "claim", ...

    def record(self) -> dict[str, Any]:
        """What the session keeps (a slot): ids and verdicts, no answer text."""
        return {
            "q": self.question_id,
            "verdict": self.verdict,
            "parts": self.parts_found,
            "missed_parts": self.parts_missing,
            "skills": self.evidenced,
            "missed": self.missing,
            "claimed": self.claimed,
        }


def _normalised(text: str) -> str:
    return " ".join(_NON_WORD.sub(" ", (text or "").lower().replace("\u2019", "'")).split())


def _without_question(text: str, question: Question) -> str:
    """The answer with a copy of the question taken out, so it earns nothing."""
    answer, asked = _normalised(text), _normalised(question.text)
    return answer.replace(asked, " ") if asked and asked in answer else text


def _is_pasted_question(text: str, question: Question, reading: Reading) -> bool:
    answer, asked = _normalised(text), _normalised(question.text)
    if not answer:
        return False
    if asked and asked in answer:  # judged on whatever follows the copy
        return not answer.replace(asked, " ").strip()
    similar = SequenceMatcher(None, answer, asked).ratio()
    asked_words = set(asked.split())
    overlap = sum(1 for t in reading.tokens if t in asked_words) / max(reading.words, 1)
    return similar >= 0.8 or (overlap >= 0.85 and reading.words <= len(asked_words) + 3)


def _is_gibberish(reading: Reading, found_anything: bool) -> bool:
    if reading.words == 0:
        return False
    odd = sum(1 for t in reading.tokens if not t.isdigit() and not _WORDLIKE.match(t))
    if odd / reading.words >= 0.5:
        return True
    return reading.words >= 3 and reading.stop_words == 0 and not found_anything


def _content_overlap(reading: Reading, question: Question) -> int:
    """Words of five letters or more the answer shares with the question (by their first five)."""
    asked = {w[:5] for w in _normalised(question.text).split() if len(w) >= 5}
    return sum(1 for t in reading.tokens if len(t) >= 5 and t[:5] in asked)


def _length(bank: Bank, words: int) -> str:
    if words < bank.length["short_words"]:
        return ONE_LINER
    if words < bank.length["brief_words"]:
        return BRIEF
    if words > bank.length["long_words"]:  # the same range every tip names
        return ESSAY
    return GOOD_LENGTH


def assess(bank: Bank, question: Question, text: str) -> Feedback:
    """Read `text` as the answer to `question`."""
    reader = reader_for(bank)
    full = reader.read(text)
    reading = reader.read(_without_question(text, question))
    kind = bank.kinds[question.kind]
    feedback = Feedback(question.id, question.kind, WEAK, None, reading.words, _length(bank, reading.words))
    feedback.mentions_conviction = full.count("conviction") > 0

    if full.words == 0:
        feedback.problem = EMPTY
    elif _is_pasted_question(text, question, full):
        feedback.problem = PASTED_QUESTION
    elif _is_gibberish(reading, bool(reading.skills or reading.parts)):
        feedback.problem = GIBBERISH
    elif (
        not reading.skills
        and not _content_overlap(reading, question)
        and not (question.kind == "motivational" and reading.has_part("motivation"))
    ):
        feedback.problem = OFF_TOPIC  # a "why" answer may name no skill and still answer
    if feedback.problem:
        feedback.verdict = NOT_AN_ANSWER
        feedback.improvement = "Have another go at the question, or type skip to move on."
        return feedback

    acts = act.read_acts(reader.nlp(act.normalise(_without_question(text, question))))
    feedback.unsafe = _unsafe(bank, acts)
    _gate_skills(bank, reader, question, acts, _without_question(text, question), reading)
    feedback.parts_found = [p for p in kind["parts"] if reading.has_part(p)]
    feedback.parts_missing = [p for p in kind["parts"] if not reading.has_part(p)]
    feedback.evidenced = [s for s in question.skills if s in reading.skills]
    feedback.missing = [s for s in question.skills if s not in reading.skills]
    feedback.uses_we = reading.count("we") >= 2 and reading.count("we") > reading.count("i")

    feedback.claimed = [s for s in question.skills if s in reading.claimed]
    parts, shown = len(feedback.parts_found), len(feedback.evidenced)
    own = acts.own_actions
    feedback.quote, feedback.quote_does = _quote(acts, question.kind)
    if feedback.unsafe:
        feedback.verdict = WEAK
    elif question.kind != "motivational" and own == 0 and not acts.has(act.TEAM):
        feedback.verdict = WEAK  # claims, buzzwords or instructions: no action of the candidate's own
    elif (
        parts == len(kind["parts"])
        and shown >= min(2, len(question.skills))
        and feedback.length in (GOOD_LENGTH, ESSAY)
    ):
        feedback.verdict = STRONG
    elif feedback.length == ONE_LINER or (parts <= 1 and not shown):
        feedback.verdict = WEAK
    else:
        feedback.verdict = DEVELOPING
    feedback.improvement = _improvement(bank, question, feedback)
    return feedback


_EVIDENCE = {act.ACTION, act.PLAN, act.RESULT, act.EXPERIENCE, act.REFLECTION, act.TEAM, act.REASON}
_NEGATION = {"not", "n't", "never", "no", "instead", "rather", "avoid", "wouldn't", "don't", "without"}
QUOTE_WORDS = 8


def _gate_skills(bank: Bank, reader, question: Question, acts: act.Acts, text: str, reading: Reading) -> None:
    """A skill counts only where a clause does something (an action, a plan, a result):
    named in a claim ("I'm a good listener") or a list of buzzwords, it is claimed, not shown."""
    doc = reader.nlp(act.normalise(text))
    shown: set[str] = set()
    named: set[str] = set()
    for match_id, start, _end in reader.matcher(doc):
        group, name = reader.nlp.vocab.strings[match_id].split(":", 1)
        if group != "skill":
            continue
        clause = acts.clause_at(start)
        (shown if clause is not None and clause.acts & _EVIDENCE else named).add(name)
    for skill in list(reading.skills):
        if skill not in shown:
            reading.skills.pop(skill)
    reading.claimed = named - shown


def _unsafe(bank: Bank, acts: act.Acts) -> str | None:
    """The id of the first kind of unsafe answer found, unless its clause negates it."""
    for kind in bank.unsafe:
        for clause in acts.clauses:
            padded = f" {clause.lower.replace(' && ', ' and ')} "
            for phrase in kind.phrases:
                wanted = " ".join(t.text.lower() for t in reader_nlp()(phrase))
                at = padded.find(f" {wanted} ")
                if at < 0:
                    continue
                before = set(padded[:at].split())
                if not before & _NEGATION or " ".join(wanted.split()[:2]) in {"would n't", "would not"}:
                    return kind.id
    return None


def reader_nlp():
    from bot.interview.reading import _nlp

    return _nlp()


def _short(text: str) -> str:
    words = text.split()
    cut = " ".join(words[:QUOTE_WORDS]).rstrip(",;:")
    return cut + ("..." if len(words) > QUOTE_WORDS else "")


def _quote(acts: act.Acts, kind: str) -> tuple[str, str]:
    """The clause the feedback rests on: the candidate's own action if there is one, else a claim."""
    order = [act.ACTION, act.PLAN, act.RESULT, act.EXPERIENCE, act.CLAIM, act.MOTIVATION]
    if kind == "situational":
        order = [act.PLAN, act.ACTION, act.REASON, act.CLAIM]
    for wanted in order:
        found = acts.having(wanted)
        if found:
            return _short(found[0].text), wanted
    return (_short(acts.clauses[0].text), "") if acts.clauses else ("", "")


def _improvement(bank: Bank, question: Question, feedback: Feedback) -> str:
    """The one change that would help most."""
    kind = bank.kinds[question.kind]
    if feedback.unsafe:
        return "Start from what keeps everyone safe, then add your steps and the reasons for them."
    if (
        feedback.quote_does in (act.CLAIM, "")
        and feedback.verdict == WEAK
        and question.kind != "motivational"
    ):
        return "Swap the claim for one real example: what happened, what you did, and how it turned out."
    missing_parts = [p for p in kind["improve_first"] if p in feedback.parts_missing]
    if missing_parts:
        return bank.parts[missing_parts[0]].missing_tip
    if feedback.uses_we:
        return (
            'Say what you did yourself: use "I" for your own part, so it is clear what '
            "you did rather than the team."
        )
    if feedback.missing:
        skill = bank.skills[feedback.missing[0]]
        return f"For {skill.name.lower()}: {skill.tip} {GENERAL_GUIDANCE}"
    if feedback.length == ESSAY:
        return (
            "Tighten it: keep the one example that shows the skills best and cut the "
            "background to a sentence or two."
        )
    return (
        "Practise saying it aloud, in a minute or two, so it sounds as natural as it reads; "
        "then try the same story with a different skill in mind."
    )


def _length_tip(bank: Bank, feedback: Feedback) -> str | None:
    words = f"about {feedback.words} word{'s' if feedback.words != 1 else ''}"
    if feedback.length == ONE_LINER:
        return (
            f"Length: {words}, a one-liner. An interviewer needs enough to picture it: aim for a short "
            f"story of {bank.length['brief_words']} to {bank.length['long_words']} words."
        )
    if feedback.length == BRIEF:
        gap = (
            bank.parts[feedback.parts_missing[0]].label
            if feedback.parts_missing
            else "the skills not shown yet"
        )
        return (
            f"Length: {words}, on the short side of {bank.length['brief_words']} to "
            f"{bank.length['long_words']}: a sentence or two more on {gap} would help."
        )
    if feedback.length == ESSAY:
        return (
            f"Length: {words}, long for one answer (aim for {bank.length['brief_words']} to "
            f"{bank.length['long_words']}): lead with the main points."
        )
    return None


def conviction_note(kb: Knowledge, bank: Bank) -> str:
    """What page 003 says about convictions, for an answer that mentions one."""
    facts = " ".join(kb.fact(f).text for f in bank.conviction_facts)
    source = kb.source_of(bank.conviction_facts[0]).title
    return (
        f"You mentioned a conviction. This practice doesn't judge that. In the real process: "
        f"{facts} ({source})"
    )


QUOTE_WORDS_DO = {
    act.ACTION: "that is your own action, the heart of a good answer",
    act.PLAN: "a clear step of your own",
    act.RESULT: "a result, which interviewers listen for",
    act.EXPERIENCE: "experience of your own to build on",
    act.CLAIM: "that is a claim; an interviewer needs to hear what you did that shows it",
    act.MOTIVATION: "a reason of your own; back it with something you did",
    act.REASON: "a reason, which shows your judgement",
    "": "that doesn't yet say what you did or would do",
}


def render(kb: Knowledge, bank: Bank, question: Question, feedback: Feedback, number: int, total: int) -> str:
    """The feedback as a few lines of text."""
    lines = [f"Practice feedback on question {number} of {total}: {VERDICT_WORDS[feedback.verdict]}"]
    if feedback.problem:
        lines.append(PROBLEM_WORDS[feedback.problem])
        lines.append(feedback.improvement)
    else:
        if feedback.unsafe:
            say = next(u.say for u in bank.unsafe if u.id == feedback.unsafe)
            lines.append(f"Careful: {say} {GENERAL_GUIDANCE}")
        if feedback.quote:
            lines.append(
                f"You said \u201c{feedback.quote}\u201d: {QUOTE_WORDS_DO.get(feedback.quote_does, 'your words')}."
            )
        kind = bank.kinds[question.kind]
        checks = "; ".join(
            f"{bank.parts[p].label}: {'yes' if p in feedback.parts_found else 'not yet'}"
            for p in kind["parts"]
        )
        lines.append(f"{kind['label']}: {checks}.")
        if feedback.evidenced:
            lines.append("Shows: " + "; ".join(bank.skills[s].label for s in feedback.evidenced) + ".")
        if feedback.claimed:
            lines.append(
                "Named, not yet shown by something you did: "
                + "; ".join(bank.skills[s].name for s in feedback.claimed)
                + "."
            )
        if feedback.missing:
            lines.append("Not shown yet: " + "; ".join(bank.skills[s].label for s in feedback.missing) + ".")
        tip = _length_tip(bank, feedback)
        if tip:
            lines.append(tip)
        lines.append(f"To improve: {feedback.improvement}")
    lines.append("A strong answer would cover: " + "; ".join(question.outline) + ". " + GENERAL_GUIDANCE)
    if feedback.mentions_conviction:
        lines.append(conviction_note(kb, bank))
    return "\n".join(lines)
