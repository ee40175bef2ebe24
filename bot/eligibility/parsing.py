"""Read the visitor's free-text answers to the eligibility questions.

Plain Python, no Rasa. Every parser takes any text and returns a `Parsed`:
either a value, or a short reason it could not read one. They never raise:
input is capped, HTML tags are dropped, and an unexpected error becomes
"could not read that".

Names of qualifications, nations, roles and knowledge areas come from
knowledge/ (the same tables the spaCy entity ruler is built from); only the
everyday words for yes, no, work settings and the like live here.
"""
from __future__ import annotations

import functools
import logging
import re
from dataclasses import dataclass
from typing import Any, Callable, Dict, Iterable, List, Optional, Sequence, Tuple

from bot.knowledge import load_knowledge

logger = logging.getLogger(__name__)

MAX_CHARS = 1000          # answers are short; longer input is cut, not scanned
MIN_AGE, MAX_AGE = 13, 100  # plausible ages for a visitor; school pupils ask too


@dataclass(frozen=True)
class Parsed:
    """One parser's reading: `value` when understood, else a `reason`."""
    value: Any = None
    reason: str = ""      # why nothing could be read; "" when parsed
    name: str = ""        # what was recognised, e.g. "Higher National Diploma (HND)"
    note: str = ""        # something worth telling the visitor about the reading

    @property
    def ok(self) -> bool:
        return not self.reason


def _fail(reason: str) -> Parsed:
    return Parsed(reason=reason)


def _never_raises(parser: Callable[..., Parsed]) -> Callable[..., Parsed]:
    """A parser bug must cost one re-asked question, not the conversation."""
    @functools.wraps(parser)
    def guarded(text: Any, *args, **kwargs) -> Parsed:
        try:
            return parser(text, *args, **kwargs)
        except Exception:  # noqa: BLE001 - deliberate: any input, any failure
            logger.exception("%s failed on %r", parser.__name__, str(text)[:80])
            return _fail("could not read that")
    return guarded


# --- text clean-up ----------------------------------------------------------------

_TAG = re.compile(r"<[^<>]{0,200}>")
_SCRIPT = re.compile(r"<(script|style)\b[^<>]{0,200}>.*?</\1\s*>", re.S | re.I)
_NUMBER_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
         "eighty": 80, "ninety": 90}
_ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3,
             "fourth": 4, "4th": 4}


def normalise(text: Any) -> str:
    """Lower-case, capped, tags and curly quotes removed, spaces collapsed."""
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    text = _TAG.sub(" ", _SCRIPT.sub(" ", text[:MAX_CHARS]))
    text = text.replace("\u2019", "'").replace("\u2018", "'").lower()
    return re.sub(r"\s+", " ", text).strip()


def _words_to_digits(text: str) -> str:
    """'twenty five' -> '25', 'three' -> '3', so one number pattern reads both."""
    tens = "|".join(_TENS)
    units = "|".join(k for k in _NUMBER_WORDS if _NUMBER_WORDS[k] < 10 and k != "zero")

    def compound(match: re.Match) -> str:
        return str(_TENS[match.group(1)] + _NUMBER_WORDS[match.group(2)])

    text = re.sub(rf"\b({tens})[\s-]({units})\b", compound, text)
    text = re.sub(rf"\b({tens})\b", lambda m: str(_TENS[m.group(1)]), text)
    return re.sub(rf"\b({'|'.join(_NUMBER_WORDS)})\b",
                  lambda m: str(_NUMBER_WORDS[m.group(1)]), text)


def _phrase_pattern(phrase: str) -> str:
    """A phrase as a whole-word regex (works for phrases ending in '.' too)."""
    return rf"(?<![\w]){re.escape(phrase)}(?![\w])"


# --- matching phrases from the knowledge tables -----------------------------------

@dataclass(frozen=True)
class Match:
    key: str       # the table row's id
    start: int
    end: int


class PhraseTable:
    """Whole-word phrase lookup; at each place the longest phrase wins."""

    def __init__(self, rows: Iterable[Tuple[str, Iterable[str]]]):
        pairs = sorted({(alias.lower(), key) for key, aliases in rows for alias in aliases},
                       key=lambda pair: -len(pair[0]))
        self._key_of = {alias: key for alias, key in reversed(pairs)}
        alternatives = "|".join(_phrase_pattern(alias) for alias, _ in pairs) or r"(?!x)x"
        self._regex = re.compile(alternatives)

    def find(self, text: str) -> List[Match]:
        return [Match(self._key_of[m.group(0)], m.start(), m.end())
                for m in self._regex.finditer(text)]


@functools.lru_cache(maxsize=1)
def _tables() -> Dict[str, Any]:
    kb = load_knowledge()
    areas = kb.eligibility.knowledge_areas
    roles = kb.eligibility.roles
    return {
        "nations": PhraseTable((n.id, n.aliases) for n in kb.nations),
        "qualifications": PhraseTable((q.id, q.aliases) for q in kb.qualifications),
        "qualification_by_id": {q.id: q for q in kb.qualifications},
        "areas": PhraseTable((str(i), aliases) for i, aliases in enumerate(areas.aliases)),
        "area_count": kb.eligibility.area_count,
        "roles": PhraseTable((r.id, r.aliases) for r in roles),
        "level3_vq_ids": set(kb.eligibility.level3_vq.qualification_ids),
    }


# --- clauses, negation and cues ---------------------------------------------------

_CLAUSE_BREAK = re.compile(r"[,;.!?\n]| but | and | although | though | however | whereas ")
_NEGATION = re.compile(
    r"\b(no|not|never|without|don't|dont|do not|didn't|didnt|haven't|havent|hasn't|"
    r"have not|hadn't|isn't|aren't|wasn't|won't|can't|cannot|nor|neither)\b")
_IN_PROGRESS = re.compile(
    r"\b(studying|doing|currently doing|working towards|working toward|in my \w+ year|"
    r"halfway through|enrolled|starting|about to start|going to do|will do|want to do|"
    r"planning|hope to|hoping to|applying for|apply for)\b")
_ASPIRATION = re.compile(
    r"\b(want to|wanna|would like to|hope to|hoping to|become|becoming|apply|applying|"
    r"thinking of|thinking about|planning|plan to|how do i|how can i|could i|can i)\b")


def _clause_before(text: str, start: int) -> str:
    """The words between the last clause break and `start`."""
    before = text[:start]
    breaks = list(_CLAUSE_BREAK.finditer(before))
    return before[breaks[-1].end():] if breaks else before


def _is_negated(text: str, start: int) -> bool:
    return bool(_NEGATION.search(_clause_before(text, start)))


def _is_in_progress(text: str, start: int) -> bool:
    return bool(_IN_PROGRESS.search(_clause_before(text, start)))


def _first_phrase(text: str, phrases: Dict[str, Any]) -> Optional[Any]:
    """The value of the phrase that occurs first (longest wins at the same place)."""
    best: Optional[Tuple[int, int, Any]] = None
    for phrase, value in phrases.items():
        match = re.search(_phrase_pattern(phrase), text)
        if match and (best is None or (match.start(), -len(phrase)) < best[:2]):
            best = (match.start(), -len(phrase), value)
    return best[2] if best else None


# --- yes / no ---------------------------------------------------------------------

UNSURE = "unsure"
_YES_NO_PHRASES: Dict[str, Optional[bool]] = {
    # unsure first in spirit: these are longer than the yes/no words they contain
    "maybe": None, "not sure": None, "unsure": None, "don't know": None, "dont know": None,
    "do not know": None, "no idea": None, "dunno": None, "idk": None, "perhaps": None,
    "possibly": None, "i think so but": None, "kind of": None, "sort of": None,
    "i have no idea": None, "it depends": None, "depends": None, "not certain": None,
    # yes
    "yes": True, "y": True, "yep": True, "yeah": True, "yea": True, "ya": True, "yup": True,
    "yh": True, "aye": True, "sure": True, "of course": True, "definitely": True,
    "absolutely": True, "certainly": True, "i do": True, "i have": True, "i am": True,
    "i've got": True, "ive got": True, "i have got": True, "indeed": True, "correct": True,
    "that's right": True, "i think so": True, "i believe so": True, "affirmative": True,
    "yes please": True, "ok": True, "okay": True, "true": True,
    # no
    "no": False, "n": False, "nope": False, "nah": False, "nay": False, "not yet": False,
    "i don't": False, "i dont": False, "i do not": False, "i haven't": False,
    "i havent": False, "i have not": False, "i'm not": False, "i am not": False,
    "none": False, "never": False, "not really": False, "negative": False,
    "of course not": False, "definitely not": False, "absolutely not": False,
    "certainly not": False, "i don't think so": False, "i dont think so": False,
    "not at all": False, "no way": False, "i have no": False, "false": False,
    "i've not": False, "ive not": False, "not yet no": False,
}


# "I am" / "I have" answer a yes/no question, but also start job descriptions.
_WEAK_YES_NO = {"i do", "i have", "i am", "i've got", "ive got", "i have got"}
_STRONG_YES_NO = {p: v for p, v in _YES_NO_PHRASES.items() if p not in _WEAK_YES_NO}


def _yes_no(text: str) -> Optional[bool]:
    """True / False / None (unsure or not said), from the first yes/no phrase.

    Any sign of doubt ("I don't know") wins over the yes/no words inside it."""
    if any(v is None and re.search(_phrase_pattern(p), text) for p, v in _YES_NO_PHRASES.items()):
        return None
    return _first_phrase(text, _YES_NO_PHRASES)


def _has_yes_no(text: str) -> bool:
    return any(re.search(_phrase_pattern(p), text) for p in _YES_NO_PHRASES)


@_never_raises
def parse_yes_no(text: Any) -> Parsed:
    clean = normalise(text)
    if not clean:
        return _fail("empty answer")
    if not _has_yes_no(clean):
        return _fail("no yes or no found")
    answer = _yes_no(clean)
    return _fail(UNSURE) if answer is None else Parsed(answer)


# --- age --------------------------------------------------------------------------

_NUMBER = re.compile(r"(?<![\w.])(-\s?)?(\d{1,4})(?:\.\d+)?(?![\w])")
_STATED_AGE = re.compile(
    r"\b(?:i'm|im|i am|aged|age|age is|age of)\s+(\d{1,3})\b"
    r"|\b(\d{1,3})\s*(?:years? old|yrs? old|y/?o|yo|years? of age|year-old|yr old)\b")
_FUTURE_AGE = re.compile(
    r"\b(?:i'll be|ill be|i will be|turning|i turn|going to be|gonna be)\s+(\d{1,3})\b")


def _age_result(age: int, note: str = "") -> Parsed:
    if not MIN_AGE <= age <= MAX_AGE:
        return _fail(f"{age} is outside {MIN_AGE}-{MAX_AGE}")
    return Parsed(age, note=note)


@_never_raises
def parse_age(text: Any) -> Parsed:
    """An age in years: 'I'm 31', '31', 'twenty five', "I'll be 18 next month" (-> 17)."""
    clean = _words_to_digits(normalise(text))
    if not clean:
        return _fail("empty answer")
    stated = _STATED_AGE.search(clean)
    if stated:
        return _age_result(int(stated.group(1) or stated.group(2)))
    future = _FUTURE_AGE.search(clean)
    if future:  # "I'll be 18 next month": today they are one year younger
        return _age_result(int(future.group(1)) - 1, note="counted as a year younger for now")
    numbers = list(_NUMBER.finditer(clean))
    if any(m.group(1) for m in numbers):
        return _fail("an age can't be negative")
    if len(numbers) != 1:
        return _fail("no age found" if not numbers else "more than one number")
    value = int(numbers[0].group(2))
    if value >= 1900:
        return _fail("looks like a year of birth; ask for the age in years")
    return _age_result(value)


# --- right to work ----------------------------------------------------------------

_RIGHT_TO_WORK_PHRASES: Dict[str, Optional[bool]] = {
    "british citizen": True, "uk citizen": True, "british national": True,
    "irish citizen": True, "british passport": True, "uk passport": True,
    "i'm british": True, "im british": True, "i am british": True,
    "settled status": True, "pre-settled status": True, "presettled status": True,
    "pre settled status": True, "indefinite leave": True, "ilr": True,
    "right of abode": True, "born here": True, "born in the uk": True,
    "graduate visa": True, "work visa": True, "skilled worker visa": True,
    "the right to work": True, "right to work": True,
    "need a visa": False, "needs a visa": False, "need visa": False,
    "would need a visa": False, "need a work visa": False, "require a visa": False,
    "need sponsorship": False, "need a sponsor": False, "would need sponsorship": False,
    "require sponsorship": False, "need visa sponsorship": False, "need to be sponsored": False,
    "no visa": False, "not allowed to work": False, "can't work": False, "cannot work": False,
    "no right to work": False,
    "visa": None, "waiting for": None, "applied for": None, "pending": None,
}


def _first_status(text: str) -> Optional[Tuple[str, Optional[bool], int]]:
    """The first right-to-work phrase: (phrase, meaning, where)."""
    hits = [(m.start(), -len(p), p, v) for p, v in _RIGHT_TO_WORK_PHRASES.items()
            for m in [re.search(_phrase_pattern(p), text)] if m]
    if not hits:
        return None
    start, _, phrase, meaning = min(hits)
    return phrase, meaning, start


@_never_raises
def parse_right_to_work(text: Any) -> Parsed:
    """Yes/no, or a status that settles it ("British citizen" -> yes, "need a visa" -> no)."""
    clean = normalise(text)
    if not clean:
        return _fail("empty answer")
    status = _first_status(clean)
    if status is None:
        return parse_yes_no(clean)
    phrase, meaning, start = status
    said = _first_phrase(clean, _STRONG_YES_NO)
    if meaning is None:               # "I have a visa": only a plain yes/no settles it
        return Parsed(said) if said is not None else _fail(UNSURE)
    if meaning and _is_negated(clean, start):
        # "I don't have the right to work" is a no; "not a British citizen" says nothing
        return Parsed(False) if "right to work" in phrase else _fail(UNSURE)
    return Parsed(meaning)


# --- nation -----------------------------------------------------------------------

_RESIDENCE_CUE = re.compile(
    r"\b(?:live|living|lives|based|reside|residing|located|staying|settled|now|work|working)"
    r"\s+(?:in|at)\s*$"
    r"|\b(?:i'm|im|i am)\s+in\s*$|\bmoved to\s*$")
_ORIGIN_CUE = re.compile(r"\b(?:i'm|im|i am|i come|come|originally)\s+from\s*$")
# Where the visitor wants to work, which is what the check asks: "moving to
# Manchester", "I'd like to work in Wales", "hoping to be based in Leeds".
_WORK_CUE = re.compile(
    r"\b(?:moving|move|moved|relocating|relocate|relocation|going|heading|coming|transfer\w*)"
    r"\s+(?:back\s+)?(?:down\s+|up\s+|over\s+)?to\s*$"
    r"|\b(?:work|working|job|career|post|be based|train|training|practise|practice)\s+(?:in|at)\s*$"
    r"|\b(?:want|wanting|like|love|hope|hoping|plan|planning|intend|intending|looking|aim|aiming)"
    r"\s+to\s+(?:\w+\s+){0,3}?(?:in|to)\s*$")


def _nation_matches(clean: str) -> List[Match]:
    return [m for m in _tables()["nations"].find(clean) if not _is_negated(clean, m.start)]


def _cued(clean: str, matches: Sequence[Match], cue: re.Pattern) -> List[Match]:
    return [m for m in matches if cue.search(clean[max(0, m.start - 40):m.start])]


@_never_raises
def parse_nation(text: Any) -> Parsed:
    """Which nation the visitor wants to work in, from names, demonyms and cities.

    Asked "where do you want to work?", a place alone is the answer. With
    several places, where they want to work or are moving to wins ("I live in
    Glasgow but I'm moving to Manchester" is England), then where they live
    ("from Poland, living in Leeds").
    """
    clean = normalise(text)
    if not clean:
        return _fail("empty answer")
    matches = _nation_matches(clean)
    if not matches:
        return _fail("no place recognised")
    nations = {m.key for m in matches}
    if len(nations) > 1:
        for cue in (_WORK_CUE, _RESIDENCE_CUE):
            cued = {m.key for m in _cued(clean, matches, cue)}
            if cued:
                break
        if len(cued) != 1:
            return _fail("more than one place")
        nations = cued
    nation = nations.pop()
    return Parsed(nation, name=_nation_name(nation))


def _nation_name(nation_id: str) -> str:
    return next((n.name for n in load_knowledge().nations if n.id == nation_id), nation_id)


# --- qualification ----------------------------------------------------------------

_GENERIC_LEVEL = re.compile(r"\b(?:rqf\s+)?level\s*-?\s*([0-8])\b|\bl([1-8])\b|\bnvq\s*([1-5])\b")
_NONE_ANSWERS = {"none", "nothing", "no", "nope", "n/a", "na", "not any", "none at all",
                 "nothing at all", "no none", "zero", "nil", "no i don't", "i don't have any",
                 "i dont have any", "i have none", "not really"}
_NO_QUALIFICATIONS = re.compile(
    r"\b(?:no|not any|don't have any|dont have any|haven't got any|havent got any|"
    r"without any|never got any|left school with no|left school without)\s+"
    r"(?:formal\s+|real\s+)?(?:qualifications?|quals)\b|\bleft school with nothing\b")


_LEVEL_NUMBER_AFTER = re.compile(r"\s*-?\s*\d")


@dataclass(frozen=True)
class _Found:
    level: int
    name: str
    qualification_id: str
    in_progress: bool


def _qualifications_found(clean: str) -> List[_Found]:
    tables = _tables()
    found, covered = [], []
    for m in tables["qualifications"].find(clean):
        if _LEVEL_NUMBER_AFTER.match(clean, m.end) and clean[m.start:m.end].endswith("level"):
            continue  # "a level 3 certificate" is a Level 3, not A levels
        row = tables["qualification_by_id"][m.key]
        covered.append((m.start, m.end))
        # The Level 5 Diploma in Probation Practice is part of the PQiP: never an
        # entry qualification, and its "level 5" is not read as one either.
        if row.level > 0 and row.counts_for_entry and not _is_negated(clean, m.start):
            found.append(_Found(row.level, row.name, row.id, _is_in_progress(clean, m.start)))
    for m in _GENERIC_LEVEL.finditer(clean):
        if any(s <= m.start() < e for s, e in covered) or _is_negated(clean, m.start()):
            continue
        level = int(next(g for g in m.groups() if g))
        if level > 0:
            found.append(_Found(level, f"Level {level} qualification", "",
                                _is_in_progress(clean, m.start())))
    return found


def _no_qualifications_name() -> str:
    return next((q.name for q in load_knowledge().qualifications if q.level == 0),
                "No formal qualifications")


@_never_raises
def parse_qualification(text: Any) -> Parsed:
    """The highest RQF level named (value) and what it was (name).

    Negated names ("no degree") and ones still in progress ("studying for a
    degree") don't count; "none" / "no qualifications" is level 0.
    """
    clean = normalise(text)
    if not clean:
        return _fail("empty answer")
    found = _qualifications_found(clean)
    completed = [f for f in found if not f.in_progress]
    if completed:
        best = max(completed, key=lambda f: f.level)
        note = "a course still in progress isn't counted" if len(completed) < len(found) else ""
        return Parsed(best.level, name=best.name, note=note)
    if found:
        return _fail("in progress: ask for the highest finished")
    if any(not tables_row.counts_for_entry for tables_row in _rows_named(clean)):
        return _fail("part of the PQiP, not an entry qualification")
    stripped = clean.strip(" .!")
    if stripped in _NONE_ANSWERS or _NO_QUALIFICATIONS.search(clean) \
            or any(_tables()["qualification_by_id"][m.key].level == 0
                   for m in _tables()["qualifications"].find(clean)):
        return Parsed(0, name=_no_qualifications_name())
    return _fail("no qualification recognised")


def _rows_named(clean: str) -> List[Any]:
    tables = _tables()
    return [tables["qualification_by_id"][m.key] for m in tables["qualifications"].find(clean)]


def is_part_of_pqip(text: Any) -> bool:
    """Does the text name a qualification only PQiP learners hold (not an entry one)?"""
    return any(not row.counts_for_entry for row in _rows_named(normalise(text)))


def is_level3_vq(qualification_name: Optional[str]) -> bool:
    """Is this (by name) one of the relevant Level 3 vocational qualifications?"""
    tables = _tables()
    return any(tables["qualification_by_id"][qid].name == qualification_name
               for qid in tables["level3_vq_ids"] if qid in tables["qualification_by_id"])


# --- knowledge areas / modules ----------------------------------------------------

_ALL = re.compile(r"\b(?:all|every one|each)\b(?!\s+but)|\bboth\b")
_NONE_OF = re.compile(r"^(?:none|no|nope|nah|zero|nothing|not any|neither|not yet|n/a)\b"
                      r"|\bnone\b|\bnot any\b|\bno modules?\b|\bneither\b"
                      # "I haven't studied any of those", "my degree didn't cover them"
                      r"|\b(?:haven'?t|have not|hasn'?t|didn'?t|did not|don'?t|do not|never)\b"
                      r"[^.]*\b(?:any|those|them|these|it|modules?|areas?)\b")


_OUT_OF = re.compile(r"(?<![\w-])(\d)\s+(?:of|out of)\s+(?:the\s+|them\s+|those\s+|these\s+)?(\d)\b")
_MODULE_WORD = re.compile(r"\bmodules?\b")


@_never_raises
def parse_knowledge_areas(text: Any) -> Parsed:
    """A count from 0 to 4: of the four areas, or of knowledge modules.

    "three of the four" is 3; "all four" is 4; naming areas counts them;
    "none" / "didn't cover them" is 0.
    """
    clean = _words_to_digits(normalise(text))
    if not clean:
        return _fail("empty answer")
    total = _tables()["area_count"]
    out_of = _OUT_OF.search(clean)
    if out_of and not _is_negated(clean, out_of.start()) and int(out_of.group(2)) == total:
        return Parsed(int(out_of.group(1)))
    numbers = []
    for m in re.finditer(r"(?<![\w-])(\d{1,3})(?![\w])", clean):
        if not _is_negated(clean, m.start()):
            numbers.append(int(m.group(1)))
    for word, value in _ORDINALS.items():
        for m in re.finditer(_phrase_pattern(word), clean):
            if not _is_negated(clean, m.start()):
                numbers.append(value)
    named = {m.key for m in _tables()["areas"].find(clean) if not _is_negated(clean, m.start)}
    if named:
        numbers.append(len(named))
    if re.search(r"\ball\b|\bevery\b", clean) and not re.search(r"\bnot all\b", clean):
        numbers.append(total)
    elif re.search(r"\bboth\b", clean):
        numbers.append(2)
    if not numbers:
        if _NONE_OF.search(clean):
            return Parsed(0)
        return _fail("no number of areas found")
    count = max(numbers)
    if count > total:
        return _fail(f"{count} is more than {total}")
    return Parsed(count)


def _split_modules(clean: str) -> Tuple[str, str]:
    """(the clauses about knowledge modules, the rest) of an answer."""
    clauses = [c for c in re.split(r"[,;.!?\n]| but | and | although | though | whereas | plus ",
                                   clean) if c.strip()]
    about_modules = [c for c in clauses if _MODULE_WORD.search(c)]
    rest = [c for c in clauses if not _MODULE_WORD.search(c)]
    return " , ".join(about_modules), " , ".join(rest)


def _read_knowledge_areas(text: Any) -> Dict[str, Any]:
    """The answer to "how many areas did your qualification cover?".

    Clauses about modules fill the modules field ("none, but I've started my
    third module"). An answer about modules alone is taken to mean the
    qualification did not cover the areas: the visitor answered the areas
    question with modules.
    """
    clean = normalise(text)
    modules_part, rest = _split_modules(clean)
    if not modules_part:
        parsed = parse_knowledge_areas(clean)
        return {"knowledge_areas": parsed.value} if parsed.ok else {}
    modules = parse_knowledge_areas(modules_part)
    areas = parse_knowledge_areas(rest) if rest else _fail("no areas")
    updates = {"knowledge_modules": modules.value} if modules.ok else {}
    if areas.ok:
        updates["knowledge_areas"] = areas.value
    elif updates:
        updates["knowledge_areas"] = 0
    return updates


def _read_knowledge_modules(text: Any) -> Dict[str, Any]:
    """The answer to "how many knowledge modules have you completed or started?"."""
    clean = normalise(text)
    modules_part, _ = _split_modules(clean)
    parsed = parse_knowledge_areas(modules_part or clean)
    return {"knowledge_modules": parsed.value} if parsed.ok else {}


# --- experience -------------------------------------------------------------------

# Settings where work is with offenders or people in crisis or with challenging
# behaviour (the FAQ's test); matched as whole words or word starts.
_RELEVANT_SETTINGS = (
    "offender", "ex-offender", "prison", "probation", "homeless", "hostel", "youth work",
    "youth worker", "youth club", "youth offending", "youth justice", "young offender",
    "mental health", "drug", "alcohol", "substance misuse", "addiction", "recovery",
    "social care", "social work", "care worker", "carer", "care home", "support worker",
    "key worker", "keyworker", "victim", "care leaver", "refugee", "asylum",
    "domestic abuse", "domestic violence", "refuge", "safeguarding", "police",
    "pupil referral", "challenging behaviour", "challenging behavior", "crisis",
    "vulnerable", "samaritans", "foster", "looked after children", "children's home",
    "learning disabilit", "special needs", "send school", "advocacy", "rehabilitation",
    "criminal justice", "community payback", "approved premises", "custody", "gang",
    "outreach", "food bank", "soup kitchen", "sex work", "exploitation", "behaviour support",
    "residential care", "secure unit", "helpline", "mentor", "befriend",
)
_ACTIVITY = re.compile(
    r"\b(work|worked|working|works|volunteer|volunteered|volunteering|volunteers|job|role|"
    r"experience|placement|support|supported|supporting|help|helped|helping|mentor|"
    r"mentored|mentoring|i'm a|im a|i am a|i was a|employed|placement)\b")
_JOB = re.compile(r"\b(i work|i worked|i'm a|im a|i am a|i was a|my job|employed|i do)\b")


def _relevant_setting(clean: str) -> Optional[str]:
    for setting in _RELEVANT_SETTINGS:
        for m in re.finditer(rf"(?<![\w]){re.escape(setting)}", clean):
            before = _clause_before(clean, m.start())
            if not _is_negated(clean, m.start()) and not _ASPIRATION.search(before):
                return setting
    return None


# "I do" / "I have" answer the question only on their own ("I have.", "I do, two
# years"); "I have a degree ..." or "I am hoping to ..." says nothing about experience.
_BARE_YES = re.compile(r"^(?:i do|i have|i've got|ive got|i have got)(?:\s+indeed)?\s*(?:[,;.!-]|$)")
# Nothing yet, or only plans: no experience today (a described setting wins first).
_NO_EXPERIENCE_YET = re.compile(
    r"\b(?:nothing|none|not yet|not any|no experience|hoping to|hope to|planning to|plan to|"
    r"want to|wanna|would like to|i'd like to|id like to|looking for|looking to|aiming to|"
    r"going to start|about to start|yet to)\b")


def _unsure(clean: str) -> bool:
    return any(v is None and re.search(_phrase_pattern(p), clean)
               for p, v in _YES_NO_PHRASES.items())


@_never_raises
def parse_experience(text: Any) -> Parsed:
    """Relevant experience: yes/no, or a described setting (a shelter, a prison ...).

    An answer that neither describes relevant work nor says yes or no ("I have
    been thinking about a change of career ...") is unusable, so it is asked again.
    """
    clean = normalise(text)
    if not clean:
        return _fail("empty answer")
    if parse_role(clean).value == "pso":
        return Parsed(True, name="Probation Service Officer")
    setting = _relevant_setting(clean)
    if setting:
        return Parsed(True, name=setting)
    if _unsure(clean):  # "I don't know": not the "I don't" inside it
        return _fail(UNSURE)
    answer = _first_phrase(clean, _STRONG_YES_NO)
    if answer is not None:
        return Parsed(answer)
    if _BARE_YES.search(clean):
        return Parsed(True)
    if _NO_EXPERIENCE_YET.search(clean):
        return Parsed(False)
    if _JOB.search(clean):  # "I work in retail": a job, but not with people in crisis
        return Parsed(False, note="that work may not count as relevant experience")
    return _fail("no experience described")


# --- role -------------------------------------------------------------------------

_PROBATION_EMPLOYER = re.compile(
    r"\b(?:work|working|employed|job)\s+(?:for|at|in|with)\s+(?:the\s+)?"
    r"(?:national\s+)?(?:probation(?:\s+service)?|nps|hmpps)\b"
    r"|\b(?:nps|probation)\s+(?:admin|administrator|staff)\b")
_CURRENT_ROLE = re.compile(
    r"\b(?:i'm|im|i am|i work as|i'm working as|working as|currently|i've been|i have been|"
    r"my job is|my role is|employed as|as an?)\b")


@_never_raises
def parse_role(text: Any) -> Parsed:
    """The visitor's current probation role: 'pso' or 'probation_staff', if they say so."""
    clean = normalise(text)
    if not clean:
        return _fail("empty answer")
    for m in _tables()["roles"].find(clean):
        before = _clause_before(clean, m.start)
        if _is_negated(clean, m.start) or _ASPIRATION.search(before):
            continue
        if _CURRENT_ROLE.search(before) or clean.strip(" .!") == clean[m.start:m.end]:
            return Parsed(m.key)
    employer = _PROBATION_EMPLOYER.search(clean)
    if employer and not _is_negated(clean, employer.start()) \
            and not _ASPIRATION.search(_clause_before(clean, employer.start())):
        return Parsed("probation_staff")
    return _fail("no current probation role stated")


# --- answers to the form's questions ----------------------------------------------

def parse_for_field(field_name: str, text: Any) -> Dict[str, Any]:
    """Profile updates from an answer to the question for `field_name`; {} if unusable."""
    reader = _FIELD_READERS.get(field_name)
    if reader is None:
        return {}
    try:
        return reader(text)
    except Exception:  # noqa: BLE001 - see _never_raises
        logger.exception("parse_for_field(%s) failed", field_name)
        return {}


def _single(field_name: str, parser: Callable[[Any], Parsed]) -> Callable[[Any], Dict[str, Any]]:
    def read(text: Any) -> Dict[str, Any]:
        parsed = parser(text)
        return {field_name: parsed.value} if parsed.ok else {}
    return read


def _read_qualification(text: Any) -> Dict[str, Any]:
    parsed = parse_qualification(text)
    if not parsed.ok:
        return {}
    updates = {"qualification_level": parsed.value, "qualification_name": parsed.name}
    if is_level3_vq(parsed.name):
        updates["level3_vq"] = True
    return updates


def _read_experience(text: Any) -> Dict[str, Any]:
    parsed = parse_experience(text)
    updates = {"experience": parsed.value} if parsed.ok else {}
    role = parse_role(text)
    if role.ok:
        updates["role"] = role.value
    return updates


def _read_level3_vq(text: Any) -> Dict[str, Any]:
    """A relevant Level 3 vocational qualification: yes / no, or named.

    Only the probation ones count by name; "yes, a Level 3 certificate in
    hairdressing" names another subject, which the access route's "relevant"
    does not cover, so it is a no (the outcome says to ask the helpline).
    """
    named = parse_qualification(text)
    if named.ok and is_level3_vq(named.name):
        return {"level3_vq": True}
    answer = _single("level3_vq", parse_yes_no)(text)
    if answer.get("level3_vq") is not False and _names_other_level3(normalise(text)):
        return {"level3_vq": False}
    return answer


# "a certificate in hairdressing", "yes, in beauty therapy": a subject named
# right after the qualification, or after the yes.
_SUBJECT = re.compile(
    r"(?:\b(?:certificate|diploma|qualification|vq|nvq|btec|award|level 3|3)|^(?:yes|yeah|yep|yh|i do)),?"
    r"\s+(?:in|of)\s+(?!my\b|the\b|a\b|an\b|it\b)[a-z]")


def _names_other_level3(clean: str) -> bool:
    """A Level 3 named in a subject other than probation, or a Level 3 that isn't a VQ by name."""
    if "probation" in clean:
        return False
    named = [f for f in _qualifications_found(clean) if f.level == 3]
    return bool(_SUBJECT.search(clean)) or any(f.qualification_id for f in named)


_FIELD_READERS: Dict[str, Callable[[Any], Dict[str, Any]]] = {
    "age": _single("age", parse_age),
    "right_to_work": _single("right_to_work", parse_right_to_work),
    "nation": _single("nation", parse_nation),
    "qualification_level": _read_qualification,
    "knowledge_areas": _read_knowledge_areas,
    "knowledge_modules": _read_knowledge_modules,
    "experience": _read_experience,
    "level3_vq": _read_level3_vq,
}


# --- facts volunteered in any message ---------------------------------------------

_QUESTION_START = re.compile(
    r"^(?:do|does|did|can|could|is|are|am|what|which|how|should|would|will|must|if|when|"
    r"where|why|who)\b(?!')")
_POSSESSION = re.compile(
    r"\b(?:i have|i've|ive|i've got|i got|i hold|i did|i've done|i completed|i finished|"
    r"i studied|i graduated|graduated|i gained|i achieved|i passed|i earned|i've a|"
    r"my|with an?|got an?|have an?|hold an?)\b")
_STATED_RIGHT_TO_WORK = re.compile(
    r"\b(?:i'm|im|i am)\s+(?:a\s+)?(?:british|uk|irish)\s+(?:citizen|national)\b"
    r"|\bi\s+(?:have|hold|got|'ve got|'ve)\s+(?:the\s+)?(?:right to work|settled status|"
    r"pre-settled status|indefinite leave)\b|\bi'm british\b|\bi am british\b")
_STATED_NO_RIGHT_TO_WORK = re.compile(
    r"\bi\s+(?:would\s+)?(?:need|require)\s+(?:a\s+)?(?:visa|sponsorship|sponsor|work visa)\b"
    r"|\bi\s+(?:don't|do not|dont)\s+have\s+(?:the\s+)?right to work\b|\bno right to work\b")
_STATED_EXPERIENCE = re.compile(
    r"\b(?:i|i've|ive)\s+(?:work|worked|volunteer|volunteered|have worked|have volunteered|"
    r"am working|am volunteering|'ve worked|'ve volunteered|have experience|'ve experience|"
    r"have relevant experience)\b|\bi'm\s+(?:working|volunteering)\b")
_STATED_NO_EXPERIENCE = re.compile(
    r"\b(?:no|don't have any|dont have any|haven't got any|without any)\s+"
    r"(?:relevant\s+)?experience\b|\bnever worked with\b")


# Inside a question sentence: where clauses split, the words that ask, and the
# condition that describes the visitor ("can I apply if I'm 17?").
_CLAUSE_SPLIT = re.compile(r"(\s*[,;:]\s*|\s+(?:so|but|and|or|then)\s+)")
_FILLER = re.compile(r"^(?:(?:so|and|but|or|then|also|please|ok|okay|well|hi|hello|hey|just)\s+)+")
_INVERSION = re.compile(
    r"\b(?:can|could|am|do|does|did|would|should|will|may|might|must|is|are)\s+"
    r"(?:i|it|there|that|this)\b(?!')")
_FIRST_PERSON = re.compile(r"^(?:i|i'm|im|i've|ive|i'd|my)\b")
# Only a condition about the present counts: "if I'm 17", "if I have an HND" -
# not a supposition ("what if I'm 17?") or a future ("if I get a degree").
_PRESENT_CONDITION = re.compile(
    r"(?<!what )\bif\s+(?=(?:i'm|im|i am|i have|i've|ive|i live|i work|i volunteer|i hold|"
    r"i already|i need|i'd need|my)\b)")
# "Am I too old at 60?" states an age in the asking.
_AGE_ASKED_ABOUT = re.compile(
    r"\b(?:am i|i'm|im|i am|would i be|will i be)\s+(?:\w+\s+)?(?:too old|too young|old enough)"
    r"\b[^.?!]{0,60}?\bat\s+(\d{1,3})\b(?!\s*(?:hours|%|pm|am\b))"
    r"|^(?:\w+\s+)?at\s+(\d{1,3})\s*,?\s*(?:am i|would i be|will i be)\s+(?:\w+\s+)?"
    r"(?:too old|too young|old enough)\b")


def _statements(clean: str) -> List[str]:
    """The parts of each sentence that state something.

    A plain statement is kept whole. In a question the asking is dropped and
    the facts around it kept: "i'm 25 and have a degree, can i apply?" keeps
    "i'm 25 and have a degree"; "can i apply if i'm 17?" keeps "i'm 17".
    """
    pieces: List[str] = []
    for sentence in re.split(r"(?<=[.!?\n])\s+", clean):
        sentence = sentence.strip()
        if not sentence:
            continue
        if not sentence.endswith("?") and not _QUESTION_START.match(sentence):
            pieces.append(sentence)
        else:
            pieces.extend(_statements_in_question(sentence))
    return pieces


def _statements_in_question(sentence: str) -> List[str]:
    """Runs of stating clauses in a question, each run joined back as written.

    Clauses before the first asking one state facts; after one, a clause counts
    only when it starts a new first-person statement ("can i apply, i'm 25"),
    so "how old must you be, 18 years old?" gives nothing.
    """
    tokens = _CLAUSE_SPLIT.split(sentence)  # clause, separator, clause, ...
    pieces: List[str] = []
    current = ""
    stating = True
    for i in range(0, len(tokens), 2):
        clause = _FILLER.sub("", tokens[i])
        separator = tokens[i - 1] if i else ""
        inversion = _INVERSION.search(clause)
        asks_from = 0 if _QUESTION_START.match(clause) else (
            inversion.start() if inversion else None)
        if asks_from is None:  # a stating clause
            if stating or _FIRST_PERSON.match(clause):
                current = current + separator + clause if current else clause
                stating = True
            continue
        head = clause[:asks_from].strip()
        if head and (stating or _FIRST_PERSON.match(head)):
            current = current + separator + head if current else head
        if current:
            pieces.append(current)
        condition = _PRESENT_CONDITION.search(clause, asks_from)
        current = clause[condition.end():] if condition else ""
        stating = bool(condition)
    if current:
        pieces.append(current)
    return pieces


def _age_asked_about(text: str) -> Optional[int]:
    """The age in "am I too old at 60?" / "at 45, am I too old?"."""
    for sentence in re.split(r"(?<=[.!?\n])\s+", text):
        match = _AGE_ASKED_ABOUT.search(sentence.strip())
        if match:
            age = int(match.group(1) or match.group(2))
            return age if MIN_AGE <= age <= MAX_AGE else None
    return None


def _volunteered_age(text: str) -> Optional[int]:
    match = _STATED_AGE.search(text)
    if not match:
        return None
    age = int(match.group(1) or match.group(2))
    return age if MIN_AGE <= age <= MAX_AGE else None


def _volunteered_nation(text: str) -> Optional[str]:
    """Where the visitor says they want to work or are moving to.

    Where they live or come from is not taken: the check asks where they want
    to work, and someone in Glasgow may be moving to Manchester.
    """
    nations = {m.key for m in _cued(text, _nation_matches(text), _WORK_CUE)}
    return nations.pop() if len(nations) == 1 else None


def _volunteered_qualification(text: str) -> Dict[str, Any]:
    held = [f for f in _qualifications_found(text)
            if not f.in_progress and _POSSESSION.search(_clause_before(text, _start_of(text, f)))]
    if not held:
        return {}
    best = max(held, key=lambda f: f.level)
    updates = {"qualification_level": best.level, "qualification_name": best.name}
    if is_level3_vq(best.name):
        updates["level3_vq"] = True
    return updates


def _start_of(text: str, found: _Found) -> int:
    """Where a found qualification starts (first alias or 'level N' occurrence)."""
    tables = _tables()
    for m in tables["qualifications"].find(text):
        if m.key == found.qualification_id:
            return m.start
    generic = re.search(rf"\blevel\s*-?\s*{found.level}\b", text)
    return generic.start() if generic else 0


def _volunteered_right_to_work(text: str) -> Optional[bool]:
    if _STATED_NO_RIGHT_TO_WORK.search(text):
        return False
    if _STATED_RIGHT_TO_WORK.search(text):
        return True
    return None


def _volunteered_experience(text: str) -> Optional[bool]:
    if _STATED_NO_EXPERIENCE.search(text):
        return False
    if _STATED_EXPERIENCE.search(text) and _relevant_setting(text):
        return True
    return None


def _volunteered_modules(text: str) -> Optional[int]:
    modules_part, _ = _split_modules(text)
    if not modules_part:
        return None
    parsed = parse_knowledge_areas(modules_part)
    return parsed.value if parsed.ok else None


def extract_volunteered(text: Any) -> Dict[str, Any]:
    """Profile fields stated outright in any message, e.g. an opening one.

    Conservative: only explicit statements ("I'm 25", "I live in Wales",
    "I have an HND"), including those around or inside a question ("I'm 25,
    can I apply?", "can I apply if I'm 17?"), never the asking itself, a
    supposition ("what if I'm 17?") or a bare number.
    """
    try:
        clean = normalise(text)
        found: Dict[str, Any] = {}
        for sentence in _statements(clean):
            _merge(found, _from_sentence(sentence))
        if "age" not in found:
            age = _age_asked_about(_words_to_digits(clean))
            if age is not None:
                found["age"] = age
        return found
    except Exception:  # noqa: BLE001 - see _never_raises
        logger.exception("extract_volunteered failed")
        return {}


def _from_sentence(sentence: str) -> Dict[str, Any]:
    numeric = _words_to_digits(sentence)
    role = parse_role(sentence)
    fields = {
        "age": _volunteered_age(numeric),
        "right_to_work": _volunteered_right_to_work(sentence),
        "nation": _volunteered_nation(sentence),
        "knowledge_modules": _volunteered_modules(numeric),
        "experience": _volunteered_experience(sentence),
        "role": role.value if role.ok else None,
    }
    fields.update(_volunteered_qualification(sentence))
    return {k: v for k, v in fields.items() if v is not None}


def _merge(found: Dict[str, Any], more: Dict[str, Any]) -> None:
    """Earlier sentences win, except a higher qualification level."""
    for key, value in more.items():
        if key not in found:
            found[key] = value
    if more.get("qualification_level", -1) > found.get("qualification_level", -1):
        found["qualification_level"] = more["qualification_level"]
        found["qualification_name"] = more["qualification_name"]
