"""Practice feedback on one answer: plain Python, no Rasa.

`assess` reads an answer against its question (the parts a good answer of
that kind has, the skills the question probes, its length) and `render`
words the result as a few lines a person can act on: the structure check,
skills shown and not yet shown, a length tip, one improvement, and an outline
of what a strong answer would cover. The result kept for the session summary
(`Feedback.record`) holds ids and verdicts only, never the answer's words.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Any

from spacy.tokens import Doc

from bot.fitted import fitted, fitted_module_file, source_files
from bot.interview import acts as act
from bot.interview import scoring
from bot.interview.bank import GENERAL_GUIDANCE, Bank, Question
from bot.interview.reading import Reading, reader_for
from bot.knowledge import KNOWLEDGE_DIR, Knowledge
from bot.replies import Button, Reply

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
    quote_skill: str = ""  # the skill id the quoted clause itself shows, if it shows one
    covered: list[int] = field(default_factory=list)  # outline points the answer already covers
    score: float = 0.0  # the scorer's expected rating, 0 (weak) to 2 (strong)

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
            "words": self.words,
            "length": self.length,
            "covered": self.covered,
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
    doc = reader.doc(act.normalise(_without_question(text, question)))
    reading = reader.read_doc(doc)
    acts = act.read_acts(doc)
    unsafe_at = _unsafe_clause(bank, acts)
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
        and not unsafe_at
        and not (question.kind == "motivational" and reading.has_part("motivation"))
    ):
        feedback.problem = OFF_TOPIC  # a "why" answer may name no skill and still answer
    if feedback.problem:
        feedback.verdict = NOT_AN_ANSWER
        feedback.improvement = "Have another go at the question, or type skip to move on."
        return feedback

    signals = _signals(bank, question, doc, acts, reading, unsafe_at is not None)
    feedback.unsafe = unsafe_at[0] if unsafe_at else None
    scorer = scorer_for(bank)
    predicted = scorer.predict(signals) if scorer else None
    shown_parts = predicted.parts if predicted else list(signals.rule_parts)
    shown_skills = predicted.skills if predicted else [rule[0] for rule in signals.skill_rules]
    feedback.parts_found = [p for p, yes in zip(kind["parts"], shown_parts, strict=True) if yes]
    feedback.parts_missing = [p for p, yes in zip(kind["parts"], shown_parts, strict=True) if not yes]
    feedback.evidenced = [s for s, yes in zip(question.skills, shown_skills, strict=True) if yes]
    feedback.missing = [s for s, yes in zip(question.skills, shown_skills, strict=True) if not yes]
    feedback.uses_we = reading.count("we") >= 2 and reading.count("we") > reading.count("i")
    if feedback.uses_we and "action" in feedback.parts_found:  # the team's actions, not yet the candidate's
        feedback.parts_found.remove("action")
        feedback.parts_missing.insert(0, "action")
    if unsafe_at and question.kind == "situational":
        _unsafe_plan(feedback)
    feedback.claimed = [s for s in feedback.missing if s in reading.claimed]
    source = _without_question(text, question)
    feedback.quote, feedback.quote_does, feedback.quote_skill = _quote(
        acts, question, reading, feedback.evidenced, doc, source
    )
    if unsafe_at:
        feedback.quote, feedback.quote_does = _short(_typed(unsafe_at[1], doc, source)), UNSAFE_QUOTE
        feedback.quote_skill = ""
    if predicted:
        feedback.verdict, feedback.score = _FROM_RATING[predicted.rating], predicted.score
    else:
        feedback.verdict = _rule_verdict(bank, question, feedback, acts)
    if feedback.unsafe or _repetitive(acts):
        feedback.verdict = WEAK  # what the answer does outweighs everything else it does
        feedback.score = min(feedback.score, 0.5)
    answer_words = {t[:5] for t in reading.tokens if len(t) >= 4}
    feedback.covered = [i for i, p in enumerate(question.outline) if _covered(p, answer_words)]
    feedback.improvement = _improvement(bank, question, feedback, acts)
    return feedback


def _unsafe_plan(feedback: Feedback) -> None:
    """What to do, when the plan would leave someone at risk: its reasons and its follow-up serve
    the unsafe step, so neither is credited (the steps may still be there beside it)."""
    for part in ("reasons", "follow_up"):
        if part in feedback.parts_found:
            feedback.parts_found.remove(part)
            feedback.parts_missing.append(part)


def _repetitive(acts: act.Acts) -> bool:
    """The same few sentences over and over: saying it again shows nothing more."""
    clauses = [c.lower for c in acts.clauses]
    return len(clauses) >= 6 and len(set(clauses)) / len(clauses) < 0.5


_FROM_RATING = {"strong": STRONG, "middling": DEVELOPING, "weak": WEAK}


def _rule_verdict(bank: Bank, question: Question, feedback: Feedback, acts: act.Acts) -> str:
    """The verdict without rated answers to learn from (a knowledge folder without them)."""
    kind = bank.kinds[question.kind]
    parts, shown = len(feedback.parts_found), len(feedback.evidenced)
    if question.kind != "motivational" and acts.own_actions == 0 and not acts.has(act.TEAM):
        return WEAK  # claims, buzzwords or instructions: no action of the candidate's own
    if (
        parts == len(kind["parts"])
        and shown >= min(2, len(question.skills))
        and feedback.length in (GOOD_LENGTH, ESSAY)
    ):
        return STRONG
    if feedback.length == ONE_LINER or (parts <= 1 and not shown):
        return WEAK
    return DEVELOPING


def _signals(
    bank: Bank, question: Question, doc: Doc, acts: act.Acts, reading: Reading, unsafe: bool
) -> scoring.Signals:
    """The scorer's signals; gates the skills in `reading` by what their clauses do."""
    buzz = _gate_skills(acts, reading)
    return scoring.Signals(
        kind=question.kind,
        words=reading.words,
        tokens=tuple(reading.tokens),
        acts=acts,
        rule_parts=tuple(reading.has_part(p) for p in bank.kinds[question.kind]["parts"]),
        skills_asked=len(question.skills),
        skills_shown=sum(1 for s in question.skills if s in reading.skills),
        skills_named=sum(1 for s in question.skills if s in reading.claimed),
        skill_rules=tuple((s in reading.skills, s in reading.claimed) for s in question.skills),
        buzz=buzz,
        unsafe=unsafe,
        sentences=len(scoring.sentences(doc.text)),
    )


def signals_of(bank: Bank, question: Question, text: str) -> scoring.Signals:
    """The scorer's signals for one answer (for fitting and for the bench)."""
    reader = reader_for(bank)
    doc = reader.doc(act.normalise(_without_question(text, question)))
    acts = act.read_acts(doc)
    return _signals(bank, question, doc, acts, reader.read_doc(doc), _unsafe_clause(bank, acts) is not None)


@functools.lru_cache(maxsize=4)
def scorer_for(bank: Bank) -> scoring.Scorer | None:
    """The models fitted on the bank's rated answers (knowledge/interview_rated.yml), if it has them."""
    directory = bank.directory or KNOWLEDGE_DIR
    path = directory / scoring.RATED_FILE
    if not path.exists():
        return None
    # Seconds to fit: kept on disk for the next start (bot/fitted.py).
    inputs = [
        *directory.glob("interview_*.yml"),
        *source_files("interview"),
        fitted_module_file("language.py"),
    ]
    return fitted("interview-scorer", inputs, lambda: fit_scorer(bank, scoring.load_rated(path)))


def fit_scorer(bank: Bank, rated: Sequence[scoring.RatedAnswer]) -> scoring.Scorer:
    items = []
    for answer in rated:
        question = bank.questions.get(answer.question)
        if question is None:
            continue
        wanted = bank.kinds[question.kind]["parts"]
        parts = (
            [answer.parts[p] == scoring.SHOWN for p in wanted]
            if all(p in answer.parts for p in wanted)
            else None
        )
        skills = [
            (answer.skills[s] == scoring.SHOWN) if s in answer.skills else None for s in question.skills
        ]
        items.append(
            scoring.TrainingItem(signals_of(bank, question, answer.text), answer.rating, parts, skills)
        )
    return scoring.fit(items)


_EVIDENCE = {act.ACTION, act.PLAN, act.RESULT, act.EXPERIENCE, act.REFLECTION, act.TEAM, act.REASON}
_NEGATION = {"not", "n't", "never", "no", "instead", "rather", "avoid", "wouldn't", "don't", "without"}
# Words before the phrase that say it is what not to do ("the worst thing is to say cheer up").
_NEGATION |= {"worst", "mistake", "unhelpful", "tempting", "resist", "dismissive"}
QUOTE_WORDS = 8
UNSAFE_QUOTE = "unsafe"
VAGUE = "vague"  # the quote names a step without saying what was done ("ensure", "deal with")
HABIT = "habit"  # the quote says what the candidate always or usually does: a claim  # the quote is where the answer would leave someone at risk


def _gate_skills(acts: act.Acts, reading: Reading) -> int:
    """A skill counts only where a clause does something (an action, a plan, a result):
    named in a claim ("I'm a good listener") or a list of buzzwords, it is claimed, not shown.
    Returns how many skill phrases stood in no such clause (buzzwords)."""
    shown: set[str] = set()
    named: set[str] = set()
    buzz = 0
    for name, start in reading.skill_matches:
        clause = acts.clause_at(start)
        acting = clause is not None and bool(clause.acts & _EVIDENCE)
        (shown if acting else named).add(name)
        buzz += not acting
    for skill in list(reading.skills):
        if skill not in shown:
            reading.skills.pop(skill)
    reading.claimed = named - shown
    return buzz


def _unsafe(bank: Bank, acts: act.Acts) -> str | None:
    """The id of the first kind of unsafe answer found, unless its clause negates it."""
    found = _unsafe_clause(bank, acts)
    return found[0] if found else None


def _unsafe_clause(bank: Bank, acts: act.Acts) -> tuple[str, act.Clause] | None:
    """The first kind of unsafe answer found and the clause that says it."""
    for kind, phrases in _unsafe_phrases(bank):
        for clause in acts.clauses:
            padded = f" {clause.lower.replace(' && ', ' and ')} "
            for wanted in phrases:
                at = padded.find(f" {wanted} ")
                if at < 0:
                    continue
                before = set(padded[:at].split())
                if not before & _NEGATION or " ".join(wanted.split()[:2]) in {"would n't", "would not"}:
                    return kind.id, clause
    return None


@functools.lru_cache(maxsize=4)
def _unsafe_phrases(bank: Bank) -> list[tuple[Any, list[str]]]:
    """Each unsafe kind with its phrases as the tokenizer splits them ("won't" -> "wo n't")."""
    nlp = reader_nlp()
    return [(kind, [" ".join(t.text.lower() for t in nlp(p)) for p in kind.phrases]) for kind in bank.unsafe]


def reader_nlp():
    from bot.interview.reading import _nlp

    return _nlp()


def _short(text: str) -> str:
    words = text.split()
    cut = " ".join(words[:QUOTE_WORDS]).rstrip(",;:")
    return cut + ("..." if len(words) > QUOTE_WORDS else "")


def _typed(clause: act.Clause, doc: Doc, source: str) -> str:
    """The clause in the candidate's own spelling (the doc was read from `act.normalise(source)`)."""
    span = doc[clause.start : clause.end]
    return act.original(source, span.start_char, span.end_char).strip(" ,") or clause.text


def _own(clause: act.Clause) -> bool:
    """The candidate's own step, done or planned, at one time: not a habit or a boast about one."""
    return bool(clause.acts & {act.ACTION, act.PLAN}) and act.own_verb(clause)[1] is not None


def _quote(
    acts: act.Acts, question: Question, reading: Reading, evidenced: Sequence[str], doc: Doc, source: str
) -> tuple[str, str, str]:
    """The clause the feedback rests on, what it does, and the skill it shows (if it shows one).

    Best is the candidate's own step that itself shows a skill the answer is credited with (the
    skill's phrase stands in that clause), then any own step, a result, experience; a habit
    ("I always give 110%") or a line with no "I" in it is never called an action: it is quoted as
    the claim it is."""
    skill_at: dict[int, str] = {}
    for name, start in reading.skill_matches:
        clause = acts.clause_at(start)
        if clause is not None and name in evidenced and clause.index not in skill_at:
            skill_at[clause.index] = name
    steps = [c for c in acts.clauses if _own(c) and not act.habitual(c)]
    if question.kind == "situational":
        steps.sort(key=lambda c: act.PLAN not in c.acts)  # what they would do, first
    for clause in steps:
        if clause.index in skill_at:
            does = act.PLAN if act.PLAN in clause.acts else act.ACTION
            return _short(_typed(clause, doc, source)), does, skill_at[clause.index]
    if steps:
        clause = steps[0]
        if set(clause.lower.split()) & scoring.VAGUE_VERBS:  # "I would ensure appropriate action"
            return _short(_typed(clause, doc, source)), VAGUE, ""
        return _short(_typed(clause, doc, source)), act.PLAN if act.PLAN in clause.acts else act.ACTION, ""
    order = [act.RESULT, act.EXPERIENCE, act.CLAIM, act.MOTIVATION, act.REASON]
    habits = [c for c in acts.clauses if _own(c) or (act.EXPERIENCE in c.acts and act.boasts(c))]
    for wanted in order:
        found = [c for c in acts.having(wanted) if wanted == act.CLAIM or c not in habits]
        if wanted == act.CLAIM:
            found = sorted(found + habits, key=lambda c: c.index)
        if found:
            does = HABIT if wanted == act.CLAIM and found[0] in habits else wanted
            return _short(_typed(found[0], doc, source)), does, ""
    return (_short(_typed(acts.clauses[0], doc, source)), "", "") if acts.clauses else ("", "", "")


_PART_ACTS = {
    "situation": {act.SITUATION},
    "result": {act.RESULT},
    "reasons": {act.REASON},
    "motivation": {act.MOTIVATION},
    "example": {act.EXPERIENCE},
}


def _does_part(acts: act.Acts, part: str) -> bool:
    wanted = _PART_ACTS.get(part)
    return bool(wanted) and any(c.acts & wanted for c in acts.clauses)  # type: ignore[operator]


def _improvement(bank: Bank, question: Question, feedback: Feedback, acts: act.Acts | None = None) -> str:
    """The one change that would help most."""
    kind = bank.kinds[question.kind]
    if feedback.unsafe:
        return "Start from what keeps everyone safe, then add your steps and the reasons for them."
    if (
        feedback.quote_does in (act.CLAIM, HABIT, VAGUE, "")
        and feedback.verdict == WEAK
        and question.kind != "motivational"
    ):
        return "Swap the claim for one real example: what happened, what you did, and how it turned out."
    # The tip is something the answer lacks: a part the models call missing is passed over when one
    # of the answer's own clauses plainly does it ("because..." for the reasons), and the next gap named.
    missing_parts = [
        p
        for p in kind["improve_first"]
        if p in feedback.parts_missing and not (acts is not None and _does_part(acts, p))
    ]
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


def _length_tip(bank: Bank, count: int, length: str, record: dict[str, Any]) -> str | None:
    low, high = bank.length["brief_words"], bank.length["long_words"]
    words = f"about {count} word{'s' if count != 1 else ''}"
    if length == ONE_LINER:
        return f"Length: {words}, a one-liner. An interviewer needs enough to picture it: aim for {low} to {high}."
    if length == BRIEF:
        missed = record.get("missed_parts") or []
        gap = (
            bank.parts[missed[0]].label if missed and missed[0] in bank.parts else "the skills not shown yet"
        )
        return f"Length: {words}, under the {low} to {high} to aim for: a sentence or two more on {gap} would help."
    if length == ESSAY:
        return f"Length: {words}, over the {low} to {high} to aim for: lead with the main points."
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
    VAGUE: "that names a step without saying what you would actually do or say",
    HABIT: "that is a claim about what you usually do; an interviewer needs one time you did it",
    act.MOTIVATION: "a reason of your own; back it with something you did",
    act.REASON: "a reason, which shows your judgement",
    "": "that doesn't yet say what you did or would do",
}
BREAKDOWN = "Show the full breakdown"
BREAKDOWN_BUTTON = Button(BREAKDOWN, "show the full breakdown")
SHORT_WORDS = 60  # what the first reply aims at (issue 24: the verdict and two or three points)


def _quote_line(bank: Bank, feedback: Feedback, brief: bool = False) -> str:
    """What the quoted words do, naming a skill they show where the answer shows one."""
    if not feedback.quote:
        return ""
    does = QUOTE_WORDS_DO.get(feedback.quote_does, "your words")
    if feedback.quote_does in (act.ACTION, act.PLAN) and feedback.quote_skill in bank.skills:
        by = "what you would do" if feedback.quote_does == act.PLAN else "what you did"
        does = f"that shows {bank.skills[feedback.quote_skill].name.lower()}"
        if brief:
            return f"You said \u201c{feedback.quote}\u201d: {does}."
        does += f" by {by}"
        others = [s for s in feedback.evidenced if s != feedback.quote_skill]
        if feedback.verdict == STRONG and others:
            does += f"; the answer also shows {bank.skills[others[0]].name.lower()}"
    return f"You said \u201c{feedback.quote}\u201d: {does}."


def render_short(
    kb: Knowledge, bank: Bank, question: Question, feedback: Feedback, number: int, total: int
) -> Reply:
    """The first reply: the verdict and two or three points (about 60 words), each resting on the
    candidate's words; the rest behind "Show the full breakdown" (`render_breakdown`)."""
    lines = [f"Practice feedback on question {number} of {total}: {VERDICT_WORDS[feedback.verdict]}"]
    if feedback.problem:
        lines += [PROBLEM_WORDS[feedback.problem], feedback.improvement]
        return Reply("\n".join(lines))
    if feedback.unsafe:
        say = next(u.say for u in bank.unsafe if u.id == feedback.unsafe)
        said = f"you said \u201c{feedback.quote}\u201d. " if feedback.quote_does == UNSAFE_QUOTE else ""
        lines.append(f"Careful: {said}{say[:1].upper()}{say[1:]}")
    else:
        quote = _quote_line(bank, feedback)
        improve = f"To improve: {feedback.improvement}"
        if len(" ".join(lines + [quote, improve]).split()) > SHORT_WORDS + 15:
            quote = _quote_line(bank, feedback, brief=True)  # the first view stays short
        if quote:
            lines.append(quote)
    lines.append(f"To improve: {feedback.improvement}")
    if feedback.mentions_conviction:
        lines.append(conviction_note(kb, bank))
    return Reply("\n".join(lines), [BREAKDOWN_BUTTON])


def _covered(point: str, answer_words: set[str]) -> bool:
    """An outline point the answer already covers: most of its longer words are there."""
    words = {w[:5] for w in _normalised(point).split() if len(w) >= 4}
    return bool(words) and sum(1 for w in words if w in answer_words) / len(words) >= 0.6


def render_breakdown(bank: Bank, question: Question, record: dict[str, Any]) -> str:
    """Everything else, from the record kept for the summary (ids and counts, no answer text):
    the structure check, the skills, the length, and the outline adapted to what was there."""
    kind = bank.kinds[question.kind]
    found = set(record.get("parts") or [])
    checks = "; ".join(f"{bank.parts[p].label}: {'yes' if p in found else 'not yet'}" for p in kind["parts"])
    lines = [f"The full breakdown. {kind['label']}: {checks}."]
    skills = [s for s in record.get("skills") or [] if s in bank.skills]
    claimed = [s for s in record.get("claimed") or [] if s in bank.skills]
    missing = [s for s in record.get("missed") or [] if s in bank.skills and s not in claimed]
    if skills:
        lines.append("Shows: " + "; ".join(bank.skills[s].label for s in skills) + ".")
    if claimed:
        lines.append(
            "Named, not yet shown by something you did: "
            + "; ".join(bank.skills[s].name for s in claimed)
            + "."
        )
    if missing:
        lines.append("Not shown yet: " + "; ".join(bank.skills[s].label for s in missing) + ".")
    tip = _length_tip(bank, int(record.get("words") or 0), str(record.get("length") or GOOD_LENGTH), record)
    if tip:
        lines.append(tip)
    covered = set(record.get("covered") or [])
    todo = [p for i, p in enumerate(question.outline) if i not in covered]
    done = [p for i, p in enumerate(question.outline) if i in covered]
    if todo:
        line = "A strong answer would cover: " + "; ".join(todo) + "."
        if done:
            line += " Yours already covers: " + "; ".join(done) + "."
    else:
        line = "A strong answer would cover what yours does: " + "; ".join(done) + "."
    lines.append(f"{line} {GENERAL_GUIDANCE}")
    return "\n".join(lines)


def render(kb: Knowledge, bank: Bank, question: Question, feedback: Feedback, number: int, total: int) -> str:
    """Everything the candidate can see for one answer: the first reply, then the full breakdown."""
    short = render_short(kb, bank, question, feedback, number, total).text
    if feedback.problem:
        return (
            short + "\nA strong answer would cover: " + "; ".join(question.outline) + ". " + GENERAL_GUIDANCE
        )
    return short + "\n" + render_breakdown(bank, question, feedback.record())
