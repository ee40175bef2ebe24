"""Every claim of the five pages a visitor could ask about has an answer (issue 22).

bench/page_claims.yml lists, per page, what the page says (read by hand); a
claim is answered when a text the bot can say holds its terms: a fact reachable
from an FAQ topic, a follow-up or a gap's closest facts (not only from the
interview tables), citing that page, or a conflict recorded against it.
`bench/coverage.py` prints the figures.
"""

import pytest

from bench.coverage import Claim, answered_by, coverage, load_claims, sayable_texts
from bot.knowledge import KNOWLEDGE_DIR, load_knowledge
from tests.unit.knowledge_copy import edit

KB = load_knowledge()
CLAIMS = load_claims()
TEXTS = sayable_texts(KB, KNOWLEDGE_DIR)


def test_every_page_has_claims_recorded():
    assert {c.page for c in CLAIMS} == set(KB.sources)


@pytest.mark.parametrize("claim", CLAIMS, ids=[f"{c.page}: {c.claim[:60]}" for c in CLAIMS])
def test_every_claim_has_an_answer(claim):
    assert answered_by(claim, TEXTS), (
        f"{KB.sources[claim.page].file}: no fact the bot can say holds {claim.terms} ({claim.claim})"
    )


def test_a_claim_answered_only_by_another_page_is_not_answered():
    # 7,966 is 000's; a fact citing 003 with the same words would not answer it.
    claim = Claim("official_faq", "the SFJ figure", ("7966",))
    assert answered_by(claim, TEXTS) is None
    assert answered_by(Claim("sfj_career_routes", "the SFJ figure", ("7966",)), TEXTS) == "sfj_certificated"


def test_a_claim_whose_fact_no_answer_reaches_is_not_answered(copy_of_knowledge):
    # Take the certificate figure out of every topic: kept only for the interview
    # tables or the eligibility rules, it would answer nothing.
    def drop(data):
        for topic in data["topics"]:
            topic["facts"] = [f for f in topic["facts"] if f != "sfj_certificated"]

    edit(copy_of_knowledge / "topics.yml", drop)
    edit(
        copy_of_knowledge / "facts.yml",
        lambda d: d["facts"].__setitem__(
            slice(None), [f for f in d["facts"] if f["id"] != "sfj_certificated"]
        ),
    )
    missing = coverage(copy_of_knowledge)["sfj_career_routes"][1]
    assert [c.claim for c in missing] == ["over 7,966 people have gained SFJ Awards certificates"]
