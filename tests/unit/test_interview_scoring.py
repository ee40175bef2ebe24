"""The models behind the interview verdict (bot/interview/scoring.py), fitted for real."""

import dataclasses
import math

import pytest

from bot.interview import feedback as fb
from bot.interview import scoring
from bot.interview.bank import load_bank

PLAIN = "At the food bank a man shouted at a volunteer. I took him aside and asked what was wrong. He calmed down."


@pytest.fixture(scope="module")
def bank():
    return load_bank()


def test_the_rated_answers_load_and_fit(bank):
    rated = scoring.load_rated(bank.directory / scoring.RATED_FILE)
    assert len(rated) >= 200
    assert {r.rating for r in rated} == set(scoring.RATINGS)
    assert all(r.question in bank.questions for r in rated)
    scorer = fb.scorer_for(bank)
    assert scorer is not None and 0 < scorer.cuts[0] < scorer.cuts[1] < 2


def test_features_are_finite_and_always_the_same_length(bank):
    question = bank.question("calmed_situation")
    rows = [scoring.features(fb.signals_of(bank, question, t)) for t in ("", "ok", PLAIN, PLAIN * 30)]
    assert len({len(r) for r in rows}) == 1
    assert all(math.isfinite(x) for row in rows for x in row)


def test_a_fit_from_a_handful_of_answers_orders_them(bank):
    """Fitted on any set: here eight answers to one question, by what they do."""
    question = "calmed_situation"
    answers = [
        (PLAIN + " Afterwards I told my manager and we changed the rota so nobody worked alone.", "strong"),
        (
            "When a resident kicked off I moved the others away, sat with him and listened. In the end he "
            "apologised and I wrote it up.",
            "strong",
        ),
        ("I work in a shop and people sometimes get angry. I stay calm.", "middling"),
        ("At the pub two men argued so I asked them to leave.", "middling"),
        ("I'm good at calming people.", "weak"),
        ("People trust me straight away.", "weak"),
        ("I always de-escalate in a trauma-informed, person-centred way.", "weak"),
        ("I am a calm person.", "weak"),
    ]
    rated = [scoring.RatedAnswer(question, t, r, {}, {}, False) for t, r in answers]
    scorer = fb.fit_scorer(bank, rated)
    q = bank.question(question)
    strong = scorer.predict(fb.signals_of(bank, q, answers[0][0])).score
    weak = scorer.predict(fb.signals_of(bank, q, "I'm great with people.")).score
    assert strong > weak


def test_without_rated_answers_the_rules_decide(bank, tmp_path):
    """A knowledge folder without interview_rated.yml still gives feedback (the clause rules)."""
    bare = dataclasses.replace(bank, directory=tmp_path)
    assert fb.scorer_for(bare) is None
    result = fb.assess(bare, bank.question("calmed_situation"), PLAIN)
    assert result.verdict in (fb.STRONG, fb.DEVELOPING, fb.WEAK)
