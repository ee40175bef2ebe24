"""Every checkable detail the knowledge states appears in the page it cites.

For each fact (facts.yml), each qualification row that cites a page
(qualifications.yml) and each sentence of eligibility.yml that states facts
(headlines, next steps, caveats: they cite facts, so their pages), the
numbers, phone numbers, e-mail addresses, bands, month counts, levels and
named qualifications in the text must all be found in the cited page
(../shared/seeds/). A failure names the entry and the page.
"""
from __future__ import annotations

import re
from typing import Dict, Iterable, List, Tuple

import pytest

from bot.knowledge import KNOWLEDGE_DIR, load_knowledge

SEEDS = KNOWLEDGE_DIR.parent.parent / "shared" / "seeds"
KB = load_knowledge()

# Words for numbers, as both the pages and our wording use them. "one" and
# "first" are left out: they are as often pronouns or plain English as counts.
_NUMBER_WORDS = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
    "second": 2, "third": 3, "fourth": 4, "2nd": 2, "3rd": 3, "4th": 4,
}
_PHONE = re.compile(r"\b0\d{3,4}(?: \d{3,4}){1,2}\b")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_BAND = re.compile(r"\bband (\d+)\b")
_MONTHS = re.compile(r"\b(\d+)[- ]months?\b")
_LEVEL = re.compile(r"\blevel (\d)\b")
_NUMBER = re.compile(r"(?<![\w/])(\d+)(?![\w])")
_CODE = re.compile(r"\b[a-z]{2}\d{3,4}\b")
# Capitalised qualification names: "Level 5 Diploma in Probation Practice",
# "Professional Qualification in Probation", "Diploma of Higher Education".
_NAMED = re.compile(
    r"(?:Level \d+ )?(?:[A-Z][\w']*(?: and)? )*"
    r"(?:Diploma|Certificate|Qualification|Degree|Award|Apprenticeship|NVQ|VQ)s?"
    r"(?: (?:in|of) [A-Z][\w']*(?: (?:and )?[A-Z][\w']*)*)?")
_PROGRAMMES = ("pqip",)


def normalise(text: str) -> str:
    """Lower case, one space, digits for number words, no thousands commas, no plurals."""
    text = text.replace("\u2019", "'").lower()
    text = re.sub(r"(\d),(\d{3})\b", r"\1\2", text)
    text = re.sub(r"\blevel\W{0,3}(\d)", r"level \1", text)
    text = re.sub(r"\b(" + "|".join(_NUMBER_WORDS) + r")\b",
                  lambda m: str(_NUMBER_WORDS[m.group(1)]), text)
    return re.sub(r"\s+", " ", text).strip()


def singular(phrase: str) -> str:
    return " ".join(re.sub(r"(?<=[a-z]{3})s$", "", word) for word in phrase.split())


def page_text(source_id: str) -> str:
    path = SEEDS / KB.sources[source_id].file
    if not path.exists():
        pytest.fail(f"the seed pages are missing: expected {path} (../shared/seeds beside the repo)")
    return normalise(path.read_text(encoding="utf-8"))


def _qualification_rows_in(text: str) -> List[Tuple[str, List[str]]]:
    rows = []
    for q in KB.qualifications:
        if q.level > 0 and any(len(a) > 2 and re.search(rf"(?<![\w]){re.escape(a)}(?![\w])", text) for a in q.aliases):
            rows.append((q.name, q.aliases))
    return rows


def missing_details(text: str, page: str) -> List[str]:
    """Details of `text` (raw wording) that `page` (normalised) does not contain."""
    raw = re.sub(r"\{[a-z_]+\}", " ", text.replace("\u2019", "'"))  # template slots
    clean = normalise(raw)
    singular_page = singular(page)
    missing = []

    def need(found: Iterable[str], present) -> None:
        for item in found:
            if not present(item) and item not in missing:
                missing.append(item)

    phones = _PHONE.findall(clean)
    need(phones, lambda p: p in page)
    emails = _EMAIL.findall(clean)
    need(emails, lambda e: e in page)
    rest = _EMAIL.sub(" ", _PHONE.sub(" ", clean))
    need((f"band {n}" for n in _BAND.findall(rest)), lambda b: b in page)
    need((f"{n} months" for n in _MONTHS.findall(rest)),
         lambda m: re.search(rf"\b{m.split()[0]}[- ]months?\b", page))
    need((f"level {n}" for n in _LEVEL.findall(rest)), lambda lv: lv in page)
    page_numbers = set(re.findall(r"\d+", page))  # "10/12/2021" holds 10, 12 and 2021
    need(_NUMBER.findall(rest), lambda n: n in page_numbers)
    need(_CODE.findall(rest), lambda c: c in page)
    need((p for p in _PROGRAMMES if re.search(rf"\b{p}\b", rest)), lambda p: p in page)
    for name, aliases in _qualification_rows_in(rest):
        if not any(singular(a) in singular_page for a in aliases + [name.lower()]):
            missing.append(name)
    for match in _NAMED.finditer(raw):
        phrase = singular(normalise(match.group(0)))
        if len(phrase.split()) >= 2 and phrase not in singular_page and \
                not any(phrase in singular(a) or singular(a) in phrase
                        for _, aliases in _qualification_rows_in(phrase) for a in aliases):
            missing.append(match.group(0))
    return missing


# --- what is checked ----------------------------------------------------------------

def _fact_cases() -> List[Tuple[str, str, List[str]]]:
    return [(f"facts.yml: {f.id}", f.text, [f.source]) for f in KB.facts.values()]


def _qualification_cases() -> List[Tuple[str, str, List[str]]]:
    return [(f"qualifications.yml: {q.id}", f"{q.name} (Level {q.level})", [q.source])
            for q in KB.qualifications if q.source]


def _sources_of(fact_ids: Iterable[str]) -> List[str]:
    return sorted({KB.fact(f).source for f in fact_ids})


def _eligibility_cases() -> List[Tuple[str, str, List[str]]]:
    rules = KB.eligibility
    cases = []
    for outcome_id, outcome in rules.outcomes.items():
        if outcome.facts:
            cases.append((f"eligibility.yml: {outcome_id} headline", outcome.headline,
                          _sources_of(outcome.facts)))
        for i, step in enumerate(outcome.next_steps):
            if step.fact:
                cases.append((f"eligibility.yml: {outcome_id} next step {i + 1}", step.text,
                              _sources_of([step.fact])))
    for caveat_id, caveat in rules.caveats.items():
        if caveat.facts:
            cases.append((f"eligibility.yml: caveat {caveat_id}", caveat.text,
                          _sources_of(caveat.facts)))
    for name in rules.knowledge_areas.names:
        cases.append(("eligibility.yml: knowledge area", name,
                      _sources_of([rules.knowledge_areas.fact])))
    return cases


CASES = _fact_cases() + _qualification_cases() + _eligibility_cases()


@pytest.mark.parametrize("label,text,sources", CASES, ids=[c[0] for c in CASES])
def test_every_detail_is_on_the_cited_page(label, text, sources):
    pages: Dict[str, str] = {s: page_text(s) for s in sources}
    missing = missing_details(text, " \n ".join(pages.values()))
    files = ", ".join(KB.sources[s].file for s in sources)
    assert not missing, f"{label}: not found in {files}: {missing}"


# --- the check itself catches what it should ---------------------------------------------

PAGE_003 = "official_faq"


@pytest.mark.parametrize("wrong", [
    "The helpline is 0808 164 9884.",                    # a digit off
    "Write to probation@dmu.ac.uk.org for details.",     # not the address on the page
    "A PSO is usually a Band 4 job.",                    # band
    "The PQiP takes 18 months.",                         # month count
    "A Level 9 qualification is needed.",                # a level the page lacks
    "The Level 3 Certificate in Probation Practice opens the access route.",  # named on 000 only
    "A PGCE counts.",                                    # a qualification 003 never names
])
def test_the_check_catches_details_the_page_lacks(wrong):
    assert missing_details(wrong, page_text(PAGE_003)), wrong


@pytest.mark.parametrize("right", [
    "Call 0808 164 9883.", "The first six months include the modules.",
    "Start your third module.", "Level 5 qualifications include Higher National Diplomas (HND).",
    "The 15-month route.", "A Diploma of Higher Education (DipHE) is Level 5.",
])
def test_the_check_accepts_what_the_page_says(right):
    assert missing_details(right, page_text(PAGE_003)) == []
