"""The field registry (bot/eligibility/fields.py) and everything that must agree with it:
the Profile, the domain's slots, form and questions (domain/eligibility.yml, generated),
the card, the re-asks."""

from dataclasses import fields as dataclass_fields
from dataclasses import replace
from pathlib import Path

import pytest
import yaml

from bot.build.eligibility_domain import main as build_domain
from bot.build.eligibility_domain import render
from bot.eligibility import fields as fields_module
from bot.eligibility.fields import (
    ASKING_ORDER,
    BY_NAME,
    COMPANION_OF,
    FIELDS,
    PROFILE_FIELDS,
    Profile,
    read_answer,
)
from bot.eligibility.rules import fields_needed
from tests.domain_files import GENERATED, domain_yaml

ROOT = Path(__file__).resolve().parents[2]
DOMAIN_FILE = GENERATED
DOMAIN = domain_yaml()
ASKED = [f for f in FIELDS if f.asked]


def test_the_generated_domain_is_current_with_the_registry():
    assert render() == DOMAIN_FILE.read_text(), "run `make domain/eligibility.yml`"


def test_every_profile_attribute_is_a_field_or_a_companion_and_vice_versa():
    declared = [name for f in FIELDS for name in (f.name, *(c for c, _ in f.companions))]
    # `notes` is what the check noted along the way (its own slot), not a question
    assert (
        declared == [f.name for f in dataclass_fields(Profile) if f.name != "notes"] == list(PROFILE_FIELDS)
    )


def test_every_field_and_companion_is_a_slot_in_the_domain():
    for name in PROFILE_FIELDS:
        assert DOMAIN["slots"][name]["mappings"] == [{"type": "custom"}], name


def test_the_form_asks_the_registry_questions_in_order():
    assert DOMAIN["forms"]["eligibility_form"]["required_slots"] == list(ASKING_ORDER)
    assert fields_needed(Profile())[0] == ASKING_ORDER[0]


@pytest.mark.parametrize("entry", ASKED, ids=[f.name for f in ASKED])
def test_every_question_is_asked_by_a_response_or_an_action(entry):
    response = DOMAIN["responses"].get(f"utter_ask_{entry.name}")
    if entry.question:
        assert response == [
            {
                "text": entry.question,
                **(
                    {"buttons": [{"title": t, "payload": p} for t, p in entry.buttons]}
                    if entry.buttons
                    else {}
                ),
            }
        ]
    else:
        assert response is None and f"action_ask_{entry.name}" in DOMAIN["actions"]


@pytest.mark.parametrize("entry", ASKED, ids=[f.name for f in ASKED])
def test_every_question_says_what_a_usable_answer_is_and_how_the_card_names_it(entry):
    assert entry.example and entry.card_label and entry.still_to_ask


@pytest.mark.parametrize(
    "name,answer",
    [(f.name, answer) for f in ASKED for answer in [*f.choices, *(payload for _, payload in f.buttons)]],
)
def test_every_button_offered_is_an_answer_its_reader_can_use(name, answer):
    assert name in read_answer(name, answer), answer


def test_companions_are_set_with_their_field():
    assert COMPANION_OF == {"qualification_id": "qualification_level"}
    assert read_answer("qualification_level", "an HND") == {
        "qualification_level": 5,
        "qualification_id": "hnd",
    }
    assert read_answer("qualification_level", "a level 4") == {
        "qualification_level": 4,
        "qualification_id": None,
    }


def test_an_unknown_field_reads_nothing():
    assert read_answer("shoe_size", "9") == {}


def test_a_reader_that_fails_costs_one_reask_not_the_conversation(monkeypatch):
    def broken(text):
        raise RuntimeError("bug")

    monkeypatch.setitem(fields_module.BY_NAME, "age", replace(BY_NAME["age"], read=broken))
    assert read_answer("age", "31") == {}


def test_the_build_step_writes_the_generated_file_whole(tmp_path, capsys):
    stale = DOMAIN_FILE.read_text().replace("How old are you?", "How old?").replace("      - level3_vq\n", "")
    path = tmp_path / "eligibility.yml"
    path.write_text(stale)
    assert build_domain(["--check", str(path)]) == 1
    assert build_domain([str(path)]) == 0
    assert path.read_text() == DOMAIN_FILE.read_text()
    assert build_domain(["--check", str(path)]) == 0
    missing = tmp_path / "new.yml"
    assert build_domain([str(missing)]) == 0 and missing.read_text() == DOMAIN_FILE.read_text()


def test_the_hand_edited_domain_holds_nothing_generated():
    hand = yaml.safe_load((ROOT / "domain" / "domain.yml").read_text())
    generated = yaml.safe_load(DOMAIN_FILE.read_text())
    assert not set(hand["slots"]) & set(generated["slots"])
    assert not set(hand["forms"]) & set(generated["forms"])
    assert not set(hand["responses"]) & set(generated["responses"])
