"""How many of the four knowledge areas a qualification covered, and how many
knowledge modules the visitor has completed or started: both counts 0-4."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from bot.eligibility.parsing.tables import tables
from bot.eligibility.parsing.text import (
    NOTHING,
    ORDINALS,
    Parsed,
    Reading,
    clause_after,
    clause_before,
    fail,
    is_hedged,
    is_negated,
    is_unsure,
    never_raises,
    normalise,
    phrase_pattern,
    read_corrected,
    refuses,
    straddles,
    unclear,
    words_to_digits,
)
from bot.language import QUANTITY_WORDS, number_range

_NONE_OF = re.compile(
    r"^(?:none|no|nope|nah|zero|nothing|not any|neither|not yet|n/a|zilch|nowt|nada|nil)\b"
    r"|\bnone\b|\bnot any\b|\bno modules?\b|\bneither\b"
    # "I haven't studied any of those", "my degree didn't cover them"
    r"|\b(?:haven'?t|have not|hasn'?t|didn'?t|did not|don'?t|do not|never)\b"
    r"[^.]*\b(?:any|those|them|these|it|modules?|areas?)\b"
)
_OUT_OF = re.compile(r"(?<![\w-])(\d)\s+(?:of|out of)\s+(?:the\s+|them\s+|those\s+|these\s+)?(\d)\b")
_MODULE_WORD = re.compile(r"\bmodules?\b")
# A module of the degree itself, not a knowledge module: "we had a whole module called
# punishment and society", "a module on youth justice in my second year".
_A_COURSE_MODULE = re.compile(
    r"\b(?:we|they)\s+(?:had|did|studied|took|covered)\s+(?:a|an|one|two|\d)\s+(?:\w+\s+)?modules?\b"
    r"|\bmodules?\s+(?:called|named|titled|about|covering)\b(?!\s+(?:the\s+)?(?:cjl|knowledge|community justice))"
)


@never_raises
def parse_knowledge_areas(text: Any) -> Parsed:
    """A count from 0 to 4: of the four areas, or of knowledge modules.

    "three of the four" is 3; "all four" is 4; naming areas counts them;
    "none" / "didn't cover them" is 0.
    """
    clean = words_to_digits(normalise(text))
    if not clean:
        return fail("empty answer")
    total = tables().area_count
    out_of = _OUT_OF.search(clean)
    if out_of and not is_negated(clean, out_of.start()) and int(out_of.group(2)) == total:
        return Parsed(int(out_of.group(1)))
    numbers = []
    for m in re.finditer(r"(?<![\w-])(\d{1,3})(?![\w])", clean):
        if not is_negated(clean, m.start()):
            numbers.append(int(m.group(1)))
    for word, value in ORDINALS.items():
        for m in re.finditer(phrase_pattern(word), clean):
            if not is_negated(clean, m.start()):
                numbers.append(value)
    named = {m.key for m in tables().areas.find(clean) if not is_negated(clean, m.start)}
    if named:
        numbers.append(len(named))
    if re.search(r"\ball\b|\bevery\b", clean) and not re.search(r"\bnot all\b", clean):
        numbers.append(total)
    elif re.search(r"\bboth\b", clean):
        numbers.append(2)
    if not numbers:
        if _NONE_OF.search(clean):
            return Parsed(0)
        return fail("no number of areas found")
    count = max(numbers)
    if count > total:
        return fail(f"{count} is more than {total}")
    return Parsed(count)


def _split_modules(clean: str) -> tuple[str, str]:
    """(the clauses about knowledge modules, the rest) of an answer."""
    clauses = [
        c for c in re.split(r"[,;.!?\n]| but | and | although | though | whereas | plus ", clean) if c.strip()
    ]
    about_modules = [c for c in clauses if _MODULE_WORD.search(c) and not _A_COURSE_MODULE.search(c)]
    rest = [c for c in clauses if c not in about_modules]
    return " , ".join(about_modules), " , ".join(rest)


# --- counts as readings: ordinals, ranges, exceptions and hedges ---------------------------

_ALL = re.compile(r"\b(?:all|every|everything|each|the lot|the whole lot|every single one|whole thing)\b")
_EXCEPT = re.compile(r"\b(?:but|except|apart from|other than|bar|save for|besides|minus)\b")
_NOT_ALL = re.compile(r"\bnot (?:all|every|everything|quite all)\b")
# A module to come is not one started: "about to start the third", "starting it in January".
_FUTURE = re.compile(
    r"\b(?:about to|going to|gonna|will|i'll|ill|signed up|booked|enrolled|due to|plan to|"
    r"hope to|next (?:week|month|term|year|semester)|in (?:january|february|march|april|may|june|"
    r"july|august|september|october|november|december|the autumn|the spring|the summer|the new year)|"
    r"haven'?t started|not started|yet to start|starting (?:it |them |the \w+ |my \w+ )?(?:in|next|soon)|"
    r"(?:doesn'?t|does not|won'?t|will not|hasn'?t|has not|haven'?t|have not|not) (?:yet )?(?:start|begin|begun|started)|"
    r"starts? (?:in|next|soon|on|after|from|at the)|begins? (?:in|next|soon|on|after))\b"
)
_STARTED = re.compile(
    r"\b(?:on|started|starting|doing|halfway|half way|part way|part-way|partway|midway|"
    r"in the middle of|currently|retaking|working on|into)\b"
)
_DONE_AND_GOING = re.compile(
    r"(?<![\w-])(\d)\s+(?:done|finished|completed)\b.{0,20}?\b(\d)\s+(?:on the go|started|in progress|"
    r"under way|underway|ongoing|part[- ]way|halfway|going)\b"
)


# What follows a module and is said of it: "the third one I've registered for, but it
# doesn't start until next month" (the clause after "but" is still about the third).
_SAID_OF_IT = re.compile(
    r"^\s*[,;:-]?\s*(?:but|and|though|although|which|only)?\s*(?:it|that|this one|which)\b[^.;!?]*"
)


def _future(clean: str, start: int, end: int) -> bool:
    after = clause_after(clean, end)
    said_of_it = _SAID_OF_IT.match(clean[end + len(after) :])
    around = (
        clause_before(clean, start) + clean[start:end] + after + (said_of_it.group(0) if said_of_it else "")
    )
    return bool(_FUTURE.search(around))


# "nothing on penal policy or rehabilitation", "none about rehab": areas named to deny them.
_DENIED_BEFORE = re.compile(r"\b(?:nothing|none|neither|nor)\b[^,.;!?]*$")


# What joins one denied area to the next in a list: "nothing on penal policy, crime or the CJS".
_LIST_JOIN = re.compile(r"^\s*(?:,|or|nor|and|,\s*or|,\s*nor|,\s*and)?\s*(?:the\s+)?$")


def _named_areas(clean: str) -> set[str]:
    """The areas the answer names as covered (not those it denies, nor the rest of a
    denied list)."""
    named: set[str] = set()
    denied_end = -1
    for m in tables().areas.find(clean):
        listed = denied_end >= 0 and bool(_LIST_JOIN.match(clean[denied_end : m.start]))
        if listed or is_negated(clean, m.start) or _DENIED_BEFORE.search(clause_before(clean, m.start)):
            denied_end = m.end
            continue
        denied_end = -1
        named.add(m.key)
    return named


# "none of the four", "none of them, it was all novels": a leading none is the count.
_LEADING_NONE = re.compile(r"^(?:none|nothing|zero|not any|not one|neither)\b")
# "all" that is no count: "nothing about crime at all", "3, all finished", "it was all novels".
_NOT_A_COUNT_ALL = re.compile(
    r"\bat all\b|\ball (?:of them )?(?:finished|done|completed|complete|passed)\b"
    r"|\b(?:was|were|is) all (?!4\b|of\b|the\b|them\b|areas?\b)\w+"
)
_NONE_OF_THE_WHOLE = re.compile(
    r"(\b(?:none|not one|not a single one|neither) of (?:the |those |these )?)(\d)\b"
)
_ORDINAL_OF_THE_WHOLE = re.compile(
    r"(\b(?:first|second|third|fourth|1st|2nd|3rd|4th)\s+(?:one\s+)?(?:of|out of)\s+"
    r"(?:the\s+|them\s+|those\s+|these\s+|all\s+)?)(\d)\b"
)
# "2 done and i'm halfway through the next one": the next one is started.
_DONE_AND_NEXT = re.compile(
    r"(?<![\w-])(\d)\s+(?:done|finished|completed)\b.{0,40}?\b(?:through|into|on|started|doing)\s+"
    r"(?:the|my)\s+next\b"
)


# What follows a "not all" with the facts: "not all four, no, but I've finished two ...",
# "not every one - two done and the third started".
_BUT_THEN = re.compile(r"(?:\bbut\b|\s-\s|\bthough\b|\balthough\b|;)")
# The last module, started: "on the last module now", "halfway through the final one".
_ON_THE_LAST = re.compile(
    r"\b(?:on|doing|through|into|started|starting|start|working on|in the middle of)\s+(?:the|my)\s+"
    r"(?:last|final|4th|fourth)\b(?!\s+(?:year|term|semester|week|month|bit|part|assignment|essay|exam))"
)


def count_range(text: Any) -> tuple[int, int, str] | None:
    """(lowest, highest, words it rests on) for a count of 0-4 areas or modules; None if none."""
    clean = words_to_digits(normalise(text))
    if not clean:
        return None
    total = tables().area_count
    named = _named_areas(clean)
    if _LEADING_NONE.search(clean) and not named and not _EXCEPT.search(clean):
        return 0, 0, clean
    clean = _NOT_A_COUNT_ALL.sub(lambda m: "_" * len(m.group(0)), clean)
    # "no - not in a music degree. none of the four": the four is the whole, not a count
    clean = _NONE_OF_THE_WHOLE.sub(lambda m: m.group(1) + "_" * len(m.group(2)), clean)
    # "I'm on the first of the four": the four is the whole, the ordinal the count
    clean = _ORDINAL_OF_THE_WHOLE.sub(lambda m: m.group(1) + "_" * len(m.group(2)), clean)
    done_and_next = _DONE_AND_NEXT.search(clean)
    if done_and_next and not _future(clean, done_and_next.start(), done_and_next.end()):
        n = min(total, int(done_and_next.group(1)) + 1)
        return n, n, done_and_next.group(0)
    everything = _ALL.search(clean)
    if everything and not _NOT_ALL.search(clean):
        exception = _EXCEPT.search(clean, everything.end())
        if exception:  # "all but one", "every area except penal policy"
            tail = clean[exception.end() :]
            left_out = {m.key for m in tables().areas.find(tail)}
            numbers = [int(n) for n in re.findall(r"(?<![\w-])(\d)(?![\w])", tail)]
            missing = len(left_out) or (numbers[0] if numbers else 1)
            return max(0, total - missing), max(0, total - missing), clean[everything.start() :]
    not_all = _NOT_ALL.search(clean)
    if not_all:
        # "not all four, no, but I've finished two and I'm a month into the third": the
        # facts after the "but" are the count
        facts = _BUT_THEN.search(clean, not_all.end())
        found = count_range(clean[facts.end() :]) if facts else None
        if found is not None:
            return found
        return 0, total - 1, clean
    both = _DONE_AND_GOING.search(clean)
    if both:
        n = int(both.group(1)) + int(both.group(2))
        return n, n, both.group(0)
    spread = number_range(clean)
    if spread and spread[1] <= total:
        return spread[0], spread[1], clean
    out_of = _OUT_OF.search(clean) or re.search(r"(?<![\w-])(\d)\s*/\s*(\d)\b", clean)
    if out_of and not is_negated(clean, out_of.start()) and int(out_of.group(2)) == total:
        n = int(out_of.group(1))
        return n, n, out_of.group(0)
    counts: list[int] = []
    futures = 0
    for m in re.finditer(r"(?<![\w-])(\d{1,3})(?![\w])", clean):
        if is_negated(clean, m.start()):
            continue
        if _future(clean, m.start(), m.end()):
            futures += 1
            continue
        counts.append(int(m.group(1)))
    for m in _ON_THE_LAST.finditer(clean):  # "on the last module now", "partway through the final one"
        if not is_negated(clean, m.start()):
            counts.append(total - 1 if _future(clean, m.start(), m.end()) else total)
    for word, value in ORDINALS.items():
        for m in re.finditer(phrase_pattern(word), clean):
            if is_negated(clean, m.start()) or word == "last":
                continue
            if _future(clean, m.start(), m.end()):
                counts.append(value - 1)  # "about to start the third": two so far
            else:
                counts.append(value)
    if named:
        counts.append(len(named))
    if everything and not _NOT_ALL.search(clean):
        counts.append(total)
    elif re.search(r"\bboth\b", clean):
        counts.append(2)
    for words, (low, high) in QUANTITY_WORDS.items():
        if re.search(phrase_pattern(words), clean) and not counts:
            return low, min(high, total), clean
    if counts:
        n = max(counts)
        return (n, n, clean) if n <= total else None
    if futures or _NONE_OF.search(clean) or refuses(clean) or re.search(r"\bzero\b|^0$", clean):
        return 0, 0, clean
    return None


_COUNT_NAMES = {0: "none", 1: "one", 2: "two", 3: "three", 4: "all four"}


def read_count(text: Any, field_name: str, threshold: int) -> Reading:
    """A count of areas or modules as a reading: clear unless a range or hedge
    crosses the number that decides the route."""
    clean = normalise(text)
    if not clean:
        return NOTHING

    def read(part: str) -> Reading:
        found = count_range(part)
        if found is None:
            if is_unsure(part):
                return unclear({}, field_name, part, unsure="unsure_count")
            return NOTHING
        low, high, rests_on = found
        value = low
        # one count said ("all four I reckon"), not two ("three for sure, maybe all four")
        said = set(re.findall(r"(?<![\w-])\d(?![\w])", words_to_digits(part)))
        if _ALL.search(part):
            said.add(str(tables().area_count))
        single = low == high and len(said) <= 1
        if is_hedged(part) and low == high:  # "three I think": maybe one either side
            low, high = max(0, low - 1), min(tables().area_count, high + 1)
        elif is_hedged(part):  # "two or three, I think": the range is the hedge
            high = min(tables().area_count, high + 1) if high < tables().area_count else high
        if straddles(low, high, threshold):
            if single:  # one count, hedged: confirm what was read ("yes" settles it)
                return unclear(
                    {field_name: value},
                    "count_hedged",
                    rests_on,
                    fallback={field_name: low},
                    unsure="unsure_count",
                    name=_COUNT_NAMES.get(value, str(value)),
                )
            return unclear(
                {field_name: value}, field_name, rests_on, fallback={field_name: low}, unsure="unsure_count"
            )
        return Reading({field_name: value}, rests_on=rests_on)

    asked_back = _ASKED_BACK.match(clean)
    if asked_back:  # "two or three? well - I've completed two and ...": the answer they then give
        settled = read_corrected(clean[asked_back.end() :], read, lambda r: r.used)
        if settled.certainty == "clear" and settled.used:
            return settled
    return read_corrected(clean, read, lambda r: r.used)


# A guess asked back, then the visitor working it out: "two or three? well - ...",
# "three?? let me think. ...".
_ASKED_BACK = re.compile(
    r"^[^?]{1,40}\?+[\s.,-]*(?:well|so|hmm+|um+|erm+|let me think|let's see|lets see|thinking about it|"
    r"to be exact|exactly|precisely|basically|ok|okay)?\b[\s.,:;-]*"
)


def read_knowledge_areas(text: Any) -> Reading:
    """The answer to "how many areas did your qualification cover?".

    Clauses about modules fill the modules field ("none, but I've started my
    third module"). An answer about modules alone is taken to mean the
    qualification did not cover the areas: the visitor answered the areas
    question with modules.
    """
    clean = normalise(text)
    modules_part, rest = _split_modules(clean)
    areas_needed = tables().area_count_needed
    if not modules_part:
        return read_count(clean, "knowledge_areas", areas_needed)
    modules = read_count(modules_part, "knowledge_modules", tables().modules_needed)
    areas = read_count(rest, "knowledge_areas", areas_needed) if rest else NOTHING
    if not modules.used:
        return areas
    if not areas.used:
        areas = Reading({"knowledge_areas": 0}, rests_on=modules_part)
    if areas.certainty != "clear":
        return replace(
            areas,
            fallback={**areas.fallback, **modules.updates},
            updates={**areas.updates, **modules.updates},
        )
    if modules.certainty != "clear":
        return replace(
            modules,
            updates={**modules.updates, **areas.updates},
            fallback={**modules.fallback, **areas.updates},
        )
    return Reading({**areas.updates, **modules.updates}, rests_on=clean)


_ABOUT_AREAS = re.compile(r"\b(?:areas?|degree|qualification|course|covered|cover)\b")


def read_knowledge_modules(text: Any) -> Reading:
    """The answer to "how many knowledge modules have you completed or started?"."""
    clean = normalise(text)
    modules_part, _ = _split_modules(clean)
    part = modules_part if modules_part and _ABOUT_AREAS.search(clean) else clean
    return read_count(part, "knowledge_modules", tables().modules_needed)


def volunteered_modules(numeric: str) -> int | None:
    """Knowledge modules mentioned in any message ("I've done two modules")."""
    modules_part, _ = _split_modules(numeric)
    if not modules_part:
        return None
    parsed = parse_knowledge_areas(modules_part)
    return parsed.value if parsed.ok else None
