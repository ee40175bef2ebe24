"""Load and validate the interview practice bank in knowledge/.

Two files: `interview_questions.yml` (styles and questions) and
`interview_skills.yml` (skills and behaviours with the page each comes from,
the parts a good answer has, and the phrase tables the feedback reads answers
with). Sources are the ones in `knowledge/sources.yml`, read by
bot.knowledge. A broken entry stops the bot with the file and entry named,
as the rest of knowledge/ does.
"""

from __future__ import annotations

import functools
from collections.abc import Container, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.knowledge import KNOWLEDGE_DIR, KnowledgeError, load_knowledge
from bot.knowledge.files import check_command, read_file

QUESTIONS_FILE = "interview_questions.yml"
SKILLS_FILE = "interview_skills.yml"
KINDS = ("motivational", "situational", "behavioural")
# Tips and answer outlines are our advice, not the pages': said so wherever they
# are shown next to a page's skill (issue 22).
GENERAL_GUIDANCE = "(General interview guidance, not from the pages.)"


class InterviewBankError(KnowledgeError):
    """An interview bank file is missing, malformed or inconsistent."""


@dataclass(frozen=True)
class Skill:
    id: str
    name: str
    code: str | None  # B1-B7 / S1-S20 on the apprenticeship standard; None on the PSO page
    source: str  # a sources.yml id
    source_label: str  # short name of that page, for the feedback
    tip: str  # how to show it, completing "To show <name>, ..."
    markers: tuple[str, ...]

    @property
    def label(self) -> str:
        where = f"{self.code}, {self.source_label}" if self.code else self.source_label
        return f"{self.name} ({where})"


@dataclass(frozen=True)
class Part:
    """One piece of a well-built answer: the situation, the result, a reason..."""

    id: str
    label: str
    missing_tip: str
    markers: tuple[str, ...]


@dataclass(frozen=True)
class Unsafe:
    """A kind of answer that would leave someone at risk, and what a practitioner would do."""

    id: str
    phrases: tuple[str, ...]
    say: str


@dataclass(frozen=True)
class Style:
    id: str
    name: str
    intro: str


@dataclass(frozen=True)
class Question:
    id: str
    styles: tuple[str, ...]
    kind: str
    text: str
    skills: tuple[str, ...]
    outline: tuple[str, ...]


@dataclass(frozen=True, eq=False)  # hashed by identity: one bank per knowledge folder
class Bank:
    styles: dict[str, Style]
    questions: dict[str, Question]
    skills: dict[str, Skill]
    parts: dict[str, Part]
    kinds: dict[str, dict[str, Any]]  # kind -> {"label": str, "parts": [part ids]}
    phrases: dict[str, tuple[str, ...]]  # other phrase tables: we, i, conviction
    conviction_facts: tuple[str, ...]
    length: dict[str, int]
    unsafe: tuple[Unsafe, ...] = ()
    directory: Path | None = None  # the knowledge folder it was read from (its rated answers)

    def practised_skills(self, results: Sequence[Mapping[str, Any]]) -> list[str]:
        """Names of the skills the answered questions probed, for the helpline card.

        Reads the session records (question ids and verdicts), never answers.
        """
        names: list[str] = []
        for record in results or []:
            question = self.questions.get(record.get("q", "")) if isinstance(record, Mapping) else None
            if question is None or record.get("skipped"):
                continue
            names += [self.skills[s].name for s in question.skills if self.skills[s].name not in names]
        return names

    def question(self, question_id: str) -> Question:
        try:
            return self.questions[question_id]
        except KeyError:
            raise InterviewBankError(f"{QUESTIONS_FILE}: unknown question id {question_id!r}") from None


# --- reading -----------------------------------------------------------------------


def _read(path: Path) -> dict[str, Any]:
    try:
        data = read_file(path)
    except KnowledgeError as exc:
        raise InterviewBankError(str(exc)) from None
    if not isinstance(data, dict):
        raise InterviewBankError(f"{path.name}: expected a mapping at the top level")
    return data


def _section(path: Path, data: Mapping[str, Any], key: str, kind: type) -> Any:
    value = data.get(key)
    if not isinstance(value, kind) or not value:
        raise InterviewBankError(f"{path.name}: expected a non-empty top-level '{key}:' {kind.__name__}")
    return value


def _text(path: Path, label: str, entry: Mapping[str, Any], name: str) -> str:
    value = entry.get(name) if isinstance(entry, Mapping) else None
    if not isinstance(value, str) or not value.strip():
        raise InterviewBankError(f"{path.name}: {label} needs a non-empty '{name}'")
    return " ".join(value.split())


def _texts(path: Path, label: str, entry: Mapping[str, Any], name: str) -> tuple[str, ...]:
    value = entry.get(name)
    if not isinstance(value, list) or not value or not all(isinstance(v, str) and v.strip() for v in value):
        raise InterviewBankError(f"{path.name}: {label} needs '{name}' as a non-empty list of texts")
    return tuple(" ".join(v.split()) for v in value)


def _known(path: Path, names: Iterable[str], known: Container[str], says: str, after: str = "") -> None:
    """Each name is one of `known`; else stop: "<file>: <says> '<name>'<after>"."""
    for name in names:
        if name not in known:
            raise InterviewBankError(f"{path.name}: {says} {name!r}{after}")


def _entries(path: Path, data: Mapping[str, Any], key: str) -> list[dict[str, Any]]:
    items = _section(path, data, key, list)
    seen = set()
    for index, item in enumerate(items):
        if not isinstance(item, dict):
            raise InterviewBankError(f"{path.name}: {key} entry #{index + 1} is not a mapping")
        item_id = item.get("id")
        if not isinstance(item_id, str) or not item_id.strip():
            raise InterviewBankError(f"{path.name}: {key} entry #{index + 1} has no 'id'")
        if item_id in seen:
            raise InterviewBankError(f"{path.name}: id {item_id!r} is used twice in {key}")
        seen.add(item_id)
    return items


def _load_skills_file(path: Path, sources: Mapping[str, Any], facts: Mapping[str, Any]):
    data = _read(path)
    labels = _section(path, data, "source_labels", dict)
    _known(path, labels, sources, "source_labels names unknown source")

    skills = {}
    for e in _entries(path, data, "skills"):
        label = f"skill {e['id']!r}"
        source = _text(path, label, e, "source")
        _known(path, [source], sources, f"{label} cites unknown source")
        _known(path, [source], labels, f"{label} cites", ", which has no source_labels entry")
        code = e.get("code")
        skills[e["id"]] = Skill(
            e["id"],
            _text(path, label, e, "name"),
            str(code) if code else None,
            source,
            labels[source],
            _text(path, label, e, "tip"),
            _texts(path, label, e, "markers"),
        )

    parts = {}
    for e in _entries(path, data, "parts"):
        label = f"part {e['id']!r}"
        parts[e["id"]] = Part(
            e["id"],
            _text(path, label, e, "label"),
            _text(path, label, e, "missing_tip"),
            _texts(path, label, e, "markers"),
        )

    kinds = _section(path, data, "kinds", dict)
    for kind in KINDS:
        spec = kinds.get(kind)
        if not isinstance(spec, dict):
            raise InterviewBankError(f"{path.name}: kinds has no entry for {kind!r}")
        _text(path, f"kind {kind!r}", spec, "label")
        _known(path, spec.get("parts") or [], parts, f"kind {kind!r} uses unknown part")
        if not spec.get("parts"):
            raise InterviewBankError(f"{path.name}: kind {kind!r} needs 'parts'")
        if sorted(spec.get("improve_first") or []) != sorted(spec["parts"]):
            raise InterviewBankError(
                f"{path.name}: kind {kind!r} needs 'improve_first' listing the same parts as 'parts'"
            )

    phrases = _section(path, data, "phrases", dict)
    tables = {name: _texts(path, "phrases", phrases, name) for name in ("we", "i", "conviction")}

    conviction_facts = tuple(_section(path, data, "conviction_facts", list))
    _known(path, conviction_facts, facts, "conviction_facts names unknown fact")

    length = _section(path, data, "length", dict)
    for key in ("short_words", "brief_words", "long_words"):
        if not isinstance(length.get(key), int) or isinstance(length.get(key), bool) or length[key] <= 0:
            raise InterviewBankError(f"{path.name}: length needs a positive whole number '{key}'")
    if not length["short_words"] < length["brief_words"] < length["long_words"]:
        raise InterviewBankError(f"{path.name}: length must have short_words < brief_words < long_words")
    unsafe = tuple(
        Unsafe(
            e["id"],
            _texts(path, f"unsafe {e['id']!r}", e, "phrases"),
            _text(path, f"unsafe {e['id']!r}", e, "say"),
        )
        for e in (_entries(path, data, "unsafe") if "unsafe" in data else [])
    )
    return skills, parts, kinds, tables, conviction_facts, dict(length), unsafe


def _load_questions_file(path: Path, skills: Mapping[str, Skill]):
    data = _read(path)
    styles = {}
    for style_id, spec in _section(path, data, "styles", dict).items():
        label = f"style {style_id!r}"
        styles[style_id] = Style(
            style_id, _text(path, label, spec, "name"), _text(path, label, spec, "intro")
        )

    questions = {}
    for e in _entries(path, data, "questions"):
        label = f"question {e['id']!r}"
        kind = _text(path, label, e, "kind")
        _known(path, [kind], KINDS, f"{label} has kind", f"; expected one of {list(KINDS)}")
        question_styles = _texts(path, label, e, "styles")
        _known(path, question_styles, styles, f"{label} names unknown style")
        question_skills = _texts(path, label, e, "skills")
        _known(path, question_skills, skills, f"{label} probes unknown skill", f" (not in {SKILLS_FILE})")
        questions[e["id"]] = Question(
            e["id"],
            question_styles,
            kind,
            _text(path, label, e, "text"),
            question_skills,
            _texts(path, label, e, "outline"),
        )
    for style in styles:
        for kind in KINDS:
            if not any(style in q.styles and q.kind == kind for q in questions.values()):
                raise InterviewBankError(f"{path.name}: style {style!r} has no {kind} question")
    return styles, questions


def load_bank(directory: Path | None = None) -> Bank:
    """The bank in `directory` (default knowledge/), read and checked once per process."""
    return _load_cached(Path(directory).resolve() if directory else KNOWLEDGE_DIR)


@functools.lru_cache(maxsize=8)
def _load_cached(directory: Path) -> Bank:
    kb = load_knowledge(directory)
    skills, parts, kinds, phrases, conviction_facts, length, unsafe = _load_skills_file(
        directory / SKILLS_FILE, kb.sources, kb.facts
    )
    styles, questions = _load_questions_file(directory / QUESTIONS_FILE, skills)
    return Bank(styles, questions, skills, parts, kinds, phrases, conviction_facts, length, unsafe, directory)


def main() -> int:
    """`python -m bot.interview.bank`: validate the bank, for `make` and CI."""
    return check_command(
        load_bank,
        lambda bank: (
            f"interview bank ok: {len(bank.questions)} questions, {len(bank.skills)} skills and behaviours"
        ),
    )


if __name__ == "__main__":
    raise SystemExit(main())
