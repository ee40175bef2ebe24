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
from collections.abc import Iterable

import pytest

from bot.knowledge import KNOWLEDGE_DIR, load_knowledge

SEEDS = KNOWLEDGE_DIR.parent.parent / "shared" / "seeds"
KB = load_knowledge()

# Words for numbers, as both the pages and our wording use them. "one" and
# "first" are left out: they are as often pronouns or plain English as counts.
_NUMBER_WORDS = {
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "fifteen": 15,
    "twenty": 20,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "2nd": 2,
    "3rd": 3,
    "4th": 4,
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
    r"(?: (?:in|of) [A-Z][\w']*(?: (?:and )?[A-Z][\w']*)*)?"
)
_PROGRAMMES = ("pqip",)


def normalise(text: str) -> str:
    """Lower case, one space, digits for number words, no thousands commas, no plurals."""
    text = text.replace("\u2019", "'").lower()
    text = re.sub(r"(\d),(\d{3})\b", r"\1\2", text)
    text = re.sub(r"\blevel\W{0,3}(\d)", r"level \1", text)
    text = re.sub(r"\b(" + "|".join(_NUMBER_WORDS) + r")\b", lambda m: str(_NUMBER_WORDS[m.group(1)]), text)
    return re.sub(r"\s+", " ", text).strip()


def singular(phrase: str) -> str:
    return " ".join(re.sub(r"(?<=[a-z]{3})s$", "", word) for word in phrase.split())


def page_text(source_id: str) -> str:
    path = SEEDS / KB.sources[source_id].file
    if not path.exists():
        pytest.fail(f"the seed pages are missing: expected {path} (../shared/seeds beside the repo)")
    return normalise(path.read_text(encoding="utf-8"))


def _qualification_rows_in(text: str) -> list[tuple[str, list[str]]]:
    rows = []
    for q in KB.qualifications:
        if q.level > 0 and any(
            len(a) > 2 and re.search(rf"(?<![\w]){re.escape(a)}(?![\w])", text) for a in q.aliases
        ):
            rows.append((q.name, q.aliases))
    return rows


def missing_details(text: str, page: str) -> list[str]:
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
    need(
        (f"{n} months" for n in _MONTHS.findall(rest)),
        lambda m: re.search(rf"\b{m.split()[0]}[- ]months?\b", page),
    )
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
        if (
            len(phrase.split()) >= 2
            and phrase not in singular_page
            and not any(
                phrase in singular(a) or singular(a) in phrase
                for _, aliases in _qualification_rows_in(phrase)
                for a in aliases
            )
        ):
            missing.append(match.group(0))
    return missing


# --- key terms together in one passage ----------------------------------------------
#
# A page naming every detail somewhere is not a page saying the fact: 002 names
# "England and Wales" (for the old Diploma) and the PQiP (for the UK) in different
# places, and said nothing of the PQiP in England and Wales. So, sentence by sentence
# of a fact, its key terms (the details above, places, and the acronyms and names it
# rests on) must all occur in one passage of the cited page: a paragraph (an FAQ
# question with its answer), a list item, or a list with the line that leads into it.

# Acronyms and the names they stand for, either of which a passage may use.
_ACRONYMS = {
    "pqip": ["pqip", "professional qualification in probation"],
    "pso": ["pso", "probation service officer", "probation services officer"],
    "nps": ["nps", "national probation service"],
    "crc": ["crc", "community rehabilitation compan"],
    "hmpps": ["hmpps"],
    "cjl": ["cjl", "community justice learning"],
    "mappa": ["mappa", "multi-agency public protection arrangements"],
    "taqa": ["taqa", "training, assessment and quality assurance"],
    "epao": ["epao", "end-point assessment"],
    "cpd": ["cpd", "continuous professional development"],
    "rqf": ["rqf", "regulated qualifications framework"],
    "hnd": ["hnd", "higher national diploma"],
    "diphe": ["diphe", "diploma of higher education", "diplomas of higher education"],
    "nvq": ["nvq"],
    "sfj": ["sfj"],
}
_PLACES = ["england and wales", "scotland and northern ireland", "scotland", "northern ireland", "uk"]
# Names a sentence's other details are often tied to (a university's e-mail and phone).
_NAMES = ["de montfort", "sheffield hallam", "portsmouth", "ministry of justice"]
# How a fact says whose claim it is; not part of the claim itself.
_ATTRIBUTIONS = re.compile(
    r"the retired apprenticeship standard(?:'s)? \(2019-2021\)|the official recruitment faq"
    r"|the careers guide(?: among these pages)?|the pso profile(?:'s)?|according to sfj awards"
)
_BULLET = re.compile(r"^\s*(?:\u2022|-|\d+\.)\s+")


def passages(raw_page: str) -> list[str]:
    """The page's passages, normalised: paragraphs (a question joined to its answer),
    list items, and each list with the paragraph leading into it."""
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", raw_page.replace("\u2019", "'")) if p.strip()]
    found: list[str] = []
    previous = ""
    for paragraph in paragraphs:
        lines = paragraph.splitlines()
        if all(_BULLET.match(line) for line in lines):
            found.extend(lines)
            found.append(previous + "\n" + paragraph)
        elif "\n" not in previous and not previous.endswith("."):
            # an FAQ question with the paragraph answering it, or a heading
            # ("Professional Qualification in Probation (PQiP)" above "Level: 6
            # (non-integrated degree)") with what follows it
            found.append(previous + "\n" + paragraph)
        found.append(paragraph)
        previous = paragraph
    return [normalise(p) for p in found]


def key_terms(sentence: str) -> list[list[str]]:
    """The terms a sentence rests on, each as the phrases a passage may use for it."""
    clean = _ATTRIBUTIONS.sub(" ", normalise(re.sub(r"\{[a-z_]+\}", " ", sentence.replace("\u2019", "'"))))
    terms: list[list[str]] = [[p] for p in _PHONE.findall(clean)] + [[e] for e in _EMAIL.findall(clean)]
    rest = _EMAIL.sub(" ", _PHONE.sub(" ", clean))  # "dmu.ac.uk" names no place
    words = rest
    for place in _PLACES:
        if re.search(rf"\b{place}\b", words):
            terms.append([place])
            words = re.sub(rf"\b{place}\b", " ", words)
    terms += [[name] for name in _NAMES if name in rest]
    terms += [names for acronym, names in _ACRONYMS.items() if re.search(rf"\b{acronym}s?\b", rest)]
    terms += [[f"band {n}"] for n in _BAND.findall(rest)]
    terms += [[f"level {n}"] for n in _LEVEL.findall(rest)]
    terms += [[n] for n in _NUMBER.findall(_LEVEL.sub(" ", _BAND.sub(" ", rest)))]
    return terms


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.;])\s+", " ".join(text.split())) if s]


def _holds(passage: str, term: str) -> bool:
    """The passage uses the term as a word (or a word's start): "20" is not in "2019"."""
    end = r"(?!\d)" if term[-1].isdigit() else ""
    return re.search(rf"(?<![\w@.]){re.escape(term)}{end}", passage) is not None


def scattered_sentences(text: str, raw_page: str) -> list[str]:
    """Sentences of `text` whose key terms no single passage of the page holds together."""
    found = passages(raw_page)
    scattered = []
    for sentence in _sentences(text):
        terms = key_terms(sentence)
        if len(terms) < 2:
            continue
        if not any(all(any(_holds(p, name) for name in names) for names in terms) for p in found):
            scattered.append(sentence)
    return scattered


def raw_page(source_id: str) -> str:
    return (SEEDS / KB.sources[source_id].file).read_text(encoding="utf-8")


# --- what is checked ----------------------------------------------------------------


def _fact_cases() -> list[tuple[str, str, list[str]]]:
    return [(f"facts.yml: {f.id}", f.text, [f.source]) for f in KB.facts.values()]


def _qualification_cases() -> list[tuple[str, str, list[str]]]:
    return [
        (f"qualifications.yml: {q.id}", f"{q.name} (Level {q.level})", [q.source])
        for q in KB.qualifications
        if q.source
    ]


def _sources_of(fact_ids: Iterable[str]) -> list[str]:
    return sorted({KB.fact(f).source for f in fact_ids})


def _eligibility_cases() -> list[tuple[str, str, list[str]]]:
    rules = KB.eligibility
    cases = []
    for outcome_id, outcome in rules.outcomes.items():
        if outcome.facts:
            cases.append(
                (f"eligibility.yml: {outcome_id} headline", outcome.headline, _sources_of(outcome.facts))
            )
        for i, step in enumerate(outcome.next_steps):
            if step.fact:
                cases.append(
                    (f"eligibility.yml: {outcome_id} next step {i + 1}", step.text, _sources_of([step.fact]))
                )
    for caveat_id, caveat in rules.caveats.items():
        if caveat.facts:
            cases.append((f"eligibility.yml: caveat {caveat_id}", caveat.text, _sources_of(caveat.facts)))
    for name in rules.knowledge_areas.names:
        cases.append(("eligibility.yml: knowledge area", name, _sources_of([rules.knowledge_areas.fact])))
    return cases


CASES = _fact_cases() + _qualification_cases() + _eligibility_cases()


@pytest.mark.parametrize("label,text,sources", CASES, ids=[c[0] for c in CASES])
def test_every_detail_is_on_the_cited_page(label, text, sources):
    pages: dict[str, str] = {s: page_text(s) for s in sources}
    missing = missing_details(text, " \n ".join(pages.values()))
    files = ", ".join(KB.sources[s].file for s in sources)
    assert not missing, f"{label}: not found in {files}: {missing}"


@pytest.mark.parametrize("fact_id", sorted(KB.facts))
def test_a_facts_key_terms_occur_together_in_one_passage(fact_id):
    fact = KB.fact(fact_id)
    scattered = scattered_sentences(fact.text, raw_page(fact.source))
    assert not scattered, (
        f"facts.yml: {fact_id}: no passage of {KB.sources[fact.source].file} holds these together: {scattered}"
    )


def test_the_passage_check_fails_the_old_england_and_wales_citation():
    # The citation issue 22 found: every word is on 002, but never together.
    old = "In England and Wales, the way to become a probation officer is the PQiP training programme."
    assert missing_details(old, page_text("pso_profile")) == []
    assert scattered_sentences(old, raw_page("pso_profile")) == [old]
    assert scattered_sentences(KB.fact("pqip_england_wales").text, raw_page("official_faq")) == []


@pytest.mark.parametrize(
    "source,wrong",
    [
        ("official_faq", "NPS staff have 300 places."),  # 300 is the PQiP's places figure
        ("official_faq", "Call De Montfort University on 0114 225 2539."),  # Sheffield Hallam's number
        ("pso_profile", "In Scotland and Northern Ireland, a PSO is a Band 3 job."),
        (
            "apprenticeship_standard",
            "The retired apprenticeship standard (2019-2021) gave 36 months of MAPPA.",
        ),
    ],
)
def test_the_passage_check_catches_terms_from_different_passages(source, wrong):
    assert scattered_sentences(wrong, raw_page(source)) == [wrong]


@pytest.mark.parametrize(
    "source,right",
    [
        ("official_faq", "Sheffield Hallam University: probation@shu.ac.uk, 0114 225 2539."),
        ("official_faq", "Level 5 qualifications include an HND and a Diploma of Higher Education (DipHE)."),
        ("pso_profile", "A Probation Service Officer (PSO) is typically Band 3."),
    ],
)
def test_the_passage_check_accepts_terms_one_passage_holds(source, right):
    assert scattered_sentences(right, raw_page(source)) == []


# --- the check itself catches what it should ---------------------------------------------

PAGE_003 = "official_faq"


@pytest.mark.parametrize(
    "wrong",
    [
        "The helpline is 0808 164 9884.",  # a digit off
        "Write to probation@dmu.ac.uk.org for details.",  # not the address on the page
        "A PSO is usually a Band 4 job.",  # band
        "The PQiP takes 18 months.",  # month count
        "A Level 9 qualification is needed.",  # a level the page lacks
        "The Level 3 Certificate in Probation Practice opens the access route.",  # named on 000 only
        "A PGCE counts.",  # a qualification 003 never names
    ],
)
def test_the_check_catches_details_the_page_lacks(wrong):
    assert missing_details(wrong, page_text(PAGE_003)), wrong


@pytest.mark.parametrize(
    "right",
    [
        "Call 0808 164 9883.",
        "The first six months include the modules.",
        "Start your third module.",
        "Level 5 qualifications include Higher National Diplomas (HND).",
        "The 15-month route.",
        "A Diploma of Higher Education (DipHE) is Level 5.",
    ],
)
def test_the_check_accepts_what_the_page_says(right):
    assert missing_details(right, page_text(PAGE_003)) == []
