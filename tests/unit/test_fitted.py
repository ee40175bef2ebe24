"""bot/fitted.py: a fit is kept on disk and used again only while its inputs are unchanged."""

from __future__ import annotations

import pytest

from bot import fitted


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setattr(fitted, "CACHE_DIR", tmp_path / "fitted")
    return tmp_path / "fitted"


def counting_fit(calls: list[int], value: object):
    def fit():
        calls.append(1)
        return value

    return fit


def test_the_second_start_loads_what_the_first_fitted(tmp_path, cache):
    data = tmp_path / "examples.yml"
    data.write_text("risk: [a]\n")
    calls: list[int] = []
    assert fitted.fitted("model", [data], counting_fit(calls, {"weights": [1, 2]})) == {"weights": [1, 2]}
    assert fitted.fitted("model", [data], counting_fit(calls, "never used")) == {"weights": [1, 2]}
    assert len(calls) == 1


def test_a_changed_input_is_fitted_again_and_the_old_fit_removed(tmp_path, cache):
    data = tmp_path / "examples.yml"
    data.write_text("risk: [a]\n")
    calls: list[int] = []
    fitted.fitted("model", [data], counting_fit(calls, "first"))
    data.write_text("risk: [a, b]\n")
    assert fitted.fitted("model", [data], counting_fit(calls, "second")) == "second"
    assert len(calls) == 2
    assert len(list(cache.glob("model-*.pickle"))) == 1


def test_a_damaged_cache_file_is_fitted_again_not_an_error(tmp_path, cache):
    data = tmp_path / "examples.yml"
    data.write_text("x\n")
    fitted.fitted("model", [data], lambda: "good")
    (stored,) = cache.glob("model-*.pickle")
    stored.write_bytes(b"\x80\x05 half a pickle")
    assert fitted.fitted("model", [data], lambda: "fitted again") == "fitted again"


def test_an_unwritable_cache_still_gives_the_fit(tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    monkeypatch.setattr(fitted, "CACHE_DIR", blocker / "fitted")
    assert fitted.fitted("model", [blocker], lambda: 42) == 42


def test_the_real_models_are_kept_by_their_inputs():
    """The safety classifier and the interview scorer name their training files and code."""
    from bot.interview.bank import load_bank
    from bot.interview.feedback import scorer_for
    from bot.safety.classifier import trained_classifier

    assert trained_classifier().probability("i want to end my life tonight") > 0.5
    assert scorer_for(load_bank()) is not None
