"""What decides the verdict and the structure check: classifiers trained on rated answers.

The clause reading (`bot/interview/acts.py`) and the spaCy rules
(`bot/interview/reading.py`) say what each sentence of an answer does; this
module turns that into a few dozen numbers per answer (`features`: how many
of the candidate's own actions, results, reasons, claims; how much of the
answer is first person; how many of the question's skills are shown by an
action and how many are only named; its length, capped, and length-free shares:
how much of it is concrete steps of their own, a result, filler; how specific it
is; whether its steps fit the kind of question) and fits small logistic
regressions on them from answers a careers adviser rated
(`knowledge/interview_rated.yml`):

- the verdict (strong / middling / weak), one model for every question;
- each part of the structure (for "tell me about a time": the situation, what
  you did, the result; ...), shown or not, one model per kind of question.

Nothing is downloaded and nothing is stored: the models are fitted the first
time they are needed (a fraction of a second, liblinear, deterministic) from
the rated answers, so a change to the data is a change to the decisions, and a
test can fit them from any other set. The spaCy `sentencizer` over
`spacy.blank("en")` gives the sentences.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import spacy
import yaml
from spacy.language import Language

from bot.interview import acts as act

RATED_FILE = "interview_rated.yml"
RATINGS = ("weak", "middling", "strong")  # ordered: index = score
SHOWN = "shown"

_ACT_NAMES = (
    act.SITUATION,
    act.ACTION,
    act.TEAM,
    act.PLAN,
    act.REASON,
    act.RESULT,
    act.REFLECTION,
    act.MOTIVATION,
    act.EXPERIENCE,
    act.CLAIM,
)
_KINDS = ("behavioural", "situational", "motivational")
_TIME_WORDS = {
    "day",
    "days",
    "week",
    "weeks",
    "month",
    "months",
    "year",
    "years",
    "morning",
    "evening",
    "afternoon",
    "night",
    "shift",
    "today",
    "tomorrow",
    "yesterday",
    "later",
}
_PEOPLE_WORDS = {
    "he",
    "she",
    "him",
    "her",
    "his",
    "they",
    "them",
    "man",
    "woman",
    "lad",
    "girl",
    "boy",
    "resident",
    "client",
    "customer",
    "patient",
    "tenant",
    "pupil",
    "colleague",
    "manager",
    "lady",
    "guy",
    "mum",
    "dad",
    "son",
    "daughter",
    "friend",
}


# Verbs that say an action without doing it ("I would deal with it appropriately", "ensure
# a multi-agency response"): a clause of the candidate's own built on one is vaguer than "I rang him".
VAGUE_VERBS = {
    "deal",
    "handle",
    "follow",
    "ensure",
    "apply",
    "adopt",
    "utilise",
    "utilised",
    "utilize",
    "use",
    "used",
    "engage",
    "leverage",
    "maintain",
    "uphold",
    "promote",
    "demonstrate",
    "deliver",
    "empower",
    "empowered",
    "implement",
    "model",
    "prioritise",
    "foster",
    "recognise",
    "sorted",
    "appropriately",
    "approach",
    "relevant",
    "appropriate",
    "correct",
}


@functools.lru_cache(maxsize=1)
def _sentencizer() -> Language:
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


@dataclass(frozen=True)
class Signals:
    """What the rules read in one answer, for `features`."""

    kind: str
    words: int
    tokens: Sequence[str]
    acts: act.Acts
    rule_parts: Sequence[bool]  # the kind's parts, in order: a phrase rule matched
    skills_asked: int
    skills_shown: int  # by an action
    skills_named: int  # named in a claim or a list, not shown
    skill_rules: Sequence[tuple[bool, bool]]  # per skill asked: (shown by an action, only named)
    buzz: int  # skill phrases outside any clause that acts
    unsafe: bool
    sentences: int


def sentences(text: str) -> list[str]:
    return [s.text.strip() for s in _sentencizer()(text or "").sents if s.text.strip()]


def _length_row(s: Signals, own: int) -> list[float]:
    """How long the answer is, capped (issue 24): a one-liner is too thin, but past a paragraph
    more words and more clauses earn nothing by themselves, so a rambling answer is not a strong one."""
    return [
        float(s.words < 15),
        float(s.words < 30),
        min(s.words, 45) / 45,
        min(own, 3) / 3,
        min(s.words, 90) / 90,
    ]


def features(s: Signals) -> list[float]:
    """The numbers the classifiers see, always in the same order (`FEATURE_NAMES`)."""
    clauses = max(len(s.acts.clauses), 1)
    tokens = list(s.tokens)
    words = max(s.words, 1)
    counts = {name: len(s.acts.having(name)) for name in _ACT_NAMES}
    own = s.acts.own_actions
    first = sum(1 for t in tokens if t in {"i", "me", "my", "i'm", "i'd", "i've", "myself"})
    we = sum(1 for t in tokens if t in {"we", "us", "our"})
    you = sum(1 for t in tokens if t in {"you", "your"})
    people = sum(1 for t in tokens if t in _PEOPLE_WORDS)
    times = sum(1 for t in tokens if t in _TIME_WORDS or t.isdigit())
    acting = [c for c in s.acts.clauses if c.acts & {act.ACTION, act.PLAN}]
    vague = sum(1 for c in acting if set(c.lower.split()) & VAGUE_VERBS)
    concrete = len(acting) - vague
    long_words = sum(1 for t in tokens if len(t) >= 9)
    distinct = len({c.lower for c in s.acts.clauses}) / clauses  # the same sentence again adds nothing
    row = [
        distinct,
        math.log1p(concrete),
        vague / max(len(acting), 1),
        float(concrete == 0),
        long_words / words * 10,
        *_length_row(s, own),
        own / clauses,
    ]
    for name in _ACT_NAMES:
        row += [float(counts[name] > 0), min(counts[name], 3) / 3, counts[name] / clauses]
    row += [
        first / words * 10,
        we / words * 10,
        you / words * 10,
        people / words * 10,
        math.log1p(times),
        s.skills_shown / max(s.skills_asked, 1),
        s.skills_named / max(s.skills_asked, 1),
        math.log1p(s.buzz),
        s.buzz / words * 10,
        float(s.unsafe),
    ]
    row += substance(s)
    row += [float(p) for p in (list(s.rule_parts) + [False] * 3)[:3]]
    row += [float(s.kind == k) for k in _KINDS]
    # What a part means depends on the kind of question: the rules' parts per kind.
    for k in _KINDS:
        row += [float(p and s.kind == k) for p in (list(s.rule_parts) + [False] * 3)[:3]]
    return row


def substance(s: Signals) -> list[float]:
    """Numbers that don't grow with the answer's length (issue 24): what share of its clauses are
    the candidate's own concrete steps, a result, filler; how specific it is (a person or role,
    a number, a time); and whether its steps fit the kind of question (done, for "tell me about a
    time"; would do, for "what would you do")."""
    clauses = s.acts.clauses
    n = max(len(clauses), 1)
    words = max(s.words, 1)
    own = [c for c in clauses if c.acts & {act.ACTION, act.PLAN} and act.own_verb(c)[1] is not None]
    concrete = [c for c in own if not set(c.lower.split()) & VAGUE_VERBS and not act.habitual(c)]
    past = sum(1 for c in own if act._is_past(act.own_verb(c)[1] or ""))
    planned = sum(1 for c in own if (act.own_verb(c)[0] or "") in act._MODALS)
    idle = sum(1 for c in clauses if not c.acts - {act.SITUATION})
    tokens = list(s.tokens)
    filler = sum(1 for t in tokens if t in _FILLER)
    roles = sum(1 for t in tokens if t in _ROLE_WORDS)
    numbers = sum(1 for t in tokens if t.isdigit() or t in _NUMBER_WORDS)
    times = sum(1 for t in tokens if t in _TIME_WORDS)
    fit = (planned if s.kind == "situational" else past if s.kind == "behavioural" else len(concrete)) / max(
        len(own), 1
    )
    results = len(s.acts.having(act.RESULT))
    return [
        len(concrete) / n,
        float(len(concrete) >= 2),
        float(len(concrete) >= 3),
        idle / n,
        filler / words * 10,
        float(roles > 0),
        float(numbers > 0),
        float(times > 0),
        min(roles + numbers + times, 4) / 4,
        fit,
        float(fit >= 0.5 and len(concrete) >= 2),
        float(results > 0 and len(concrete) >= 2),
        results / n,
        min(words / max(s.sentences, 1), 40) / 40,  # run-on sentences: a story told without a shape
        sum(len(c.lower.split()) for c in concrete) / words,  # of its words, the share that are its own steps
    ]


_FILLER = {
    "basically",
    "like",
    "anyway",
    "stuff",
    "obviously",
    "literally",
    "honestly",
    "um",
    "erm",
    "well",
    "oh",
    "yeah",
    "okay",
    "ok",
    "whatever",
}
_ROLE_WORDS = {
    "manager",
    "supervisor",
    "gp",
    "doctor",
    "nurse",
    "police",
    "interpreter",
    "teacher",
    "social",
    "worker",
    "officer",
    "colleague",
    "team",
    "service",
    "services",
    "samaritans",
    "housing",
    "council",
    "mum",
    "dad",
    "partner",
    "landlord",
    "mentor",
    "keyworker",
    "duty",
    "senior",
    "boss",
}
_NUMBER_WORDS = {
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "twenty",
    "first",
    "second",
    "third",
    "half",
}


@dataclass(frozen=True)
class RatedAnswer:
    question: str
    text: str
    rating: str
    parts: Mapping[str, str]
    skills: Mapping[str, str]
    unsafe: bool
    voice: str = ""


def load_rated(path: Path) -> list[RatedAnswer]:
    """Rated answers from a YAML file of `answers:` (question, text, rating, parts, skills, unsafe)."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    answers = []
    for item in data.get("answers") or []:
        if not isinstance(item, dict) or item.get("rating") not in RATINGS or not item.get("text"):
            continue
        answers.append(
            RatedAnswer(
                question=str(item["question"]),
                text=str(item["text"]),
                rating=str(item["rating"]),
                parts=dict(item.get("parts") or {}),
                skills=dict(item.get("skills") or {}),
                unsafe=bool(item.get("unsafe")),
                voice=str(item.get("voice") or ""),
            )
        )
    return answers


def skill_row(row: list[float], rule: tuple[bool, bool]) -> list[float]:
    """One (answer, skill) pair: the answer's numbers and what the rules found for that skill."""
    return list(row) + [float(rule[0]), float(rule[1]), float(rule[0] and not rule[1])]


@dataclass(frozen=True)
class Prediction:
    rating: str  # strong / middling / weak
    score: float  # expected rating, 0 (weak) to 2 (strong)
    parts: list[bool]  # the kind's parts, in order: shown
    skills: list[bool]  # the question's skills, in order: shown by something the candidate did


@dataclass(frozen=True)
class TrainingItem:
    signals: Signals
    rating: str
    parts: list[bool] | None  # the kind's parts shown, when the rating gives them all
    skills: list[bool | None]  # per skill asked: shown, or None when the rating doesn't say


def _model(c: float = 0.5, balanced: bool = False) -> Any:
    from sklearn.linear_model import LogisticRegression

    return LogisticRegression(
        C=c, solver="liblinear", max_iter=2000, class_weight="balanced" if balanced else None
    )


class _Constant:
    """A 'model' for a target every rated answer agreed on."""

    def __init__(self, value: bool):
        self.value = value

    def predict_proba(self, rows: Sequence[list[float]]) -> list[list[float]]:
        return [[0.0, 1.0] if self.value else [1.0, 0.0] for _ in rows]


def _fit_binary(rows: Sequence[list[float]], targets: Sequence[bool]) -> Any:
    if len(set(targets)) < 2:
        return _Constant(bool(targets[0]) if targets else False)
    return _model().fit(list(rows), list(targets))


def _shown_probability(model: Any, row: list[float]) -> float:
    probs = model.predict_proba([row])[0]
    classes = list(getattr(model, "classes_", [False, True]))
    return float(probs[classes.index(True)]) if True in classes else 0.0


class Scorer:
    """The fitted models: structure parts per kind, skills (any skill, from the rules' findings
    and the answer), and the verdict over the answer and what the first two found."""

    def __init__(
        self,
        part_models: dict[str, list[Any]],
        skill_model: Any,
        verdict_model: Any,
        cuts: tuple[float, float] = (0.5, 1.5),
    ):
        self.part_models = part_models
        self.skill_model = skill_model
        self.verdict_model = verdict_model
        self.cuts = cuts  # expected score below cuts[0] is weak, from cuts[1] strong

    def _stage_one(self, s: Signals, row: list[float]) -> tuple[list[float], list[float]]:
        models = self.part_models.get(s.kind)
        parts = [_shown_probability(m, row) for m in models] if models else [float(p) for p in s.rule_parts]
        skills = [_shown_probability(self.skill_model, skill_row(row, r)) for r in s.skill_rules]
        return parts, skills

    def predict(self, s: Signals) -> Prediction:
        row = features(s)
        parts, skills = self._stage_one(s, row)
        probs = self.verdict_model.predict_proba([_verdict_row(row, parts, skills)])[0]
        by_rating = {
            RATINGS[int(c)]: float(p) for c, p in zip(self.verdict_model.classes_, probs, strict=True)
        }
        score = sum(RATINGS.index(r) * p for r, p in by_rating.items())
        rating = RATINGS[_band(score, self.cuts)]
        # Saying "not yet" for a part that is there is the worse mistake: a part the phrase rules
        # found needs less from the model.
        shown = [p >= 0.5 or (rule and p >= RULE_BACKED) for p, rule in zip(parts, s.rule_parts, strict=True)]
        skills_shown = [
            p >= 0.5 or (rule[0] and p >= RULE_BACKED) for p, rule in zip(skills, s.skill_rules, strict=True)
        ]
        return Prediction(rating, score, shown, skills_shown)


def _verdict_row(row: list[float], parts: Sequence[float], skills: Sequence[float]) -> list[float]:
    skills = list(skills) or [0.0]
    return list(row) + [
        sum(parts) / max(len(parts), 1),
        min(parts) if parts else 0.0,
        sum(skills) / len(skills),
        max(skills),
        float(sum(p >= 0.5 for p in parts) == len(parts)),
    ]


FOLDS = 5
RULE_BACKED = 0.3
VERDICT_C = 0.3


def fit(items: Sequence[TrainingItem]) -> Scorer:
    """Fit the three stages. The verdict learns from the first two stages' out-of-fold guesses
    (each answer's parts and skills guessed by models that never saw it), as it will meet them."""
    rows = [features(item.signals) for item in items]

    def fit_stage_one(chosen: Sequence[int]) -> Scorer:
        part_models: dict[str, list[Any]] = {}
        for kind in _KINDS:
            mine = [i for i in chosen if items[i].signals.kind == kind and items[i].parts is not None]
            if mine:
                part_models[kind] = [
                    _fit_binary([rows[i] for i in mine], [bool(items[i].parts[p]) for i in mine])  # type: ignore[index]
                    for p in range(3)
                ]
        pair_rows, pair_targets = [], []
        for i in chosen:
            for rule, shown in zip(items[i].signals.skill_rules, items[i].skills, strict=True):
                if shown is not None:
                    pair_rows.append(skill_row(rows[i], rule))
                    pair_targets.append(bool(shown))
        return Scorer(part_models, _fit_binary(pair_rows, pair_targets), None)

    stacked: list[list[float]] = [[] for _ in items]
    for fold in range(FOLDS):
        held = [i for i in range(len(items)) if i % FOLDS == fold]
        stage = fit_stage_one([i for i in range(len(items)) if i % FOLDS != fold])
        for i in held:
            parts, skills = stage._stage_one(items[i].signals, rows[i])
            stacked[i] = _verdict_row(rows[i], parts, skills)
    final = fit_stage_one(range(len(items)))
    targets = [RATINGS.index(item.rating) for item in items]
    verdict_model = _model(VERDICT_C, balanced=True).fit(stacked, targets)
    # Where the bands start: chosen on out-of-fold scores, as the verdict will meet new answers.
    scores = [0.0] * len(items)
    for fold in range(FOLDS):
        rest = [i for i in range(len(items)) if i % FOLDS != fold]
        model = _model(VERDICT_C, balanced=True).fit([stacked[i] for i in rest], [targets[i] for i in rest])
        for i in range(fold, len(items), FOLDS):
            probs = model.predict_proba([stacked[i]])[0]
            scores[i] = float(sum(int(c) * p for c, p in zip(model.classes_, probs, strict=True)))
    return Scorer(final.part_models, final.skill_model, verdict_model, _best_cuts(scores, targets))


def _band(score: float, cuts: tuple[float, float]) -> int:
    return 0 if score < cuts[0] else 1 if score < cuts[1] else 2


def _best_cuts(scores: Sequence[float], targets: Sequence[int]) -> tuple[float, float]:
    """The two cut points that agree with the most ratings (ties: the widest middle band's centre)."""
    grid = [i / 20 for i in range(4, 37)]
    best: tuple[int, float, tuple[float, float]] = (-1, 0.0, (0.5, 1.5))
    for low in grid:
        for high in grid:
            if high <= low:
                continue
            agree = sum(_band(s, (low, high)) == t for s, t in zip(scores, targets, strict=True))
            key = (agree, -abs((low + high) / 2 - 1.0), (low, high))
            if key[:2] > best[:2]:
                best = key
    return best[2]
