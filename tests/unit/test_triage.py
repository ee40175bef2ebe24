"""Reference codes and the helpline triage card, over hand-made Rasa event lists.

The events have the shape Rasa stores them in (and sends to the action
server); tests/integration/test_triage_live.py checks the same code over a
real tracker store.
"""

import json
import re
import sqlite3

import pytest

from bot.helpline import card as helpline_card
from bot.helpline import reference, triage
from bot.helpline import turns as helpline_turns
from bot.knowledge import load_knowledge
from bot.limits import CARD_QUESTION_CHARS
from bot.replies import Button, Reply
from tests.unit.rasa_events import Clock, conversation


@pytest.fixture(scope="module")
def kb():
    return load_knowledge()


def eligibility_chat(code="PC-7K3QX"):
    return conversation(
        ("user", "could I train as a probation officer", "check_eligibility"),
        ("action", "action_start_eligibility"),
        ("bot", "Let's see."),
        ("slot", "reask_count", 0),
        ("user", "I'm 31", "inform"),
        ("action", "eligibility_form"),
        ("slot", "age", 31),
        ("bot", "Do you have the right to work in the UK?"),
        ("user", "yes", "affirm"),
        ("action", "eligibility_form"),
        ("slot", "right_to_work", True),
        ("bot", "Where do you want to work?"),
        ("user", "England", "inform"),
        ("action", "eligibility_form"),
        ("slot", "nation", "england"),
        ("bot", "What is your highest qualification so far?"),
        ("user", "I did a foundation degree in health and social care", "inform"),
        ("action", "eligibility_form"),
        ("slot", "qualification_level", 5),
        ("slot", "qualification_name", "Foundation degree"),
        ("bot", "How many areas?"),
        ("user", "none of them", "inform"),
        ("action", "eligibility_form"),
        ("slot", "knowledge_areas", 0),
        ("bot", "How many modules?"),
        ("user", "none", "inform"),
        ("action", "eligibility_form"),
        ("slot", "knowledge_modules", 0),
        ("bot", "Do you have experience?"),
        ("user", "yes, youth worker for four years, also I live at 12 Elm Road", "affirm"),
        ("action", "eligibility_form"),
        ("slot", "experience", True),
        ("action", "action_eligibility_outcome"),
        ("slot", "eligibility_outcome", "pqip_21_month"),
        ("slot", "reference_code", code),
        ("bot", "You meet the entry requirements..."),
        ("user", "how long is the training", "faq_pqip_length"),
        ("action", "action_answer_faq"),
        ("bot", "The PQiP takes..."),
    )


# --- reference codes ------------------------------------------------------------------


def test_new_codes_have_the_agreed_shape_and_no_confusable_characters():
    codes = {reference.new_code() for _ in range(2000)}
    assert len(codes) > 1990  # random, not one fixed value
    for code in codes:
        assert re.fullmatch(r"PC-[23456789BCDFGHJKMNPQRSTVWXYZ]{5}", code), code
        assert not set(code[3:]) & set("0O1IL AEU")


def test_codes_cannot_spell_words_the_applicant_simulator_or_a_visitor_would_read():
    assert not set("AEIOU") & set(reference.ALPHABET)


@pytest.mark.parametrize(
    "typed", ["PC-7K3QX", "pc7k3qx", "pc-7k3qx", " PC 7K3QX ", "7k3qx", "pc_7k3qx", "PC-7K3-QX"]
)
def test_normalise_reads_what_people_type(typed):
    assert reference.normalise(typed) == "PC-7K3QX"


@pytest.mark.parametrize(
    "typed",
    [
        "",
        None,
        "PC-7K3Q",
        "PC-7K3QXX",
        "PC-7K3Q0",
        "PC-OK3QX",
        "PC-1K3QX",
        "XY-7K3QX",
        "hello",
        "PC-7K3QA",
        "'; DROP TABLE",
    ],
)
def test_normalise_rejects_what_cannot_be_a_code(typed):
    assert reference.normalise(typed) is None


def test_code_for_keeps_an_existing_code_and_replaces_junk():
    assert reference.code_for("PC-7K3QX") == "PC-7K3QX"
    assert reference.is_code(reference.code_for(None))
    assert reference.is_code(reference.code_for("garbage"))


def test_helpline_lines_come_from_knowledge(kb):
    number = kb.fact("helpline_number").text
    assert number in reference.helpline_note(kb, "PC-7K3QX")
    line = reference.outcome_line(kb, "PC-7K3QX")
    assert number in line and line.endswith("PC-7K3QX.") and "\n" not in line


def test_outcome_line_holds_none_of_the_words_the_check_asks_with(kb):
    # The applicant simulator answers whatever the last line seems to ask.
    line = reference.outcome_line(kb, "PC-7K3QX").lower()
    for word in (
        "age",
        "right to work",
        "live",
        "conviction",
        "module",
        "cover",
        "vocational",
        "experience",
        "volunteer",
        "qualification",
        "degree",
        "studied",
        "would you like",
        "do you want",
        "confirm",
        "correct?",
        "?",
    ):
        assert word not in line, word


def test_with_helpline_keeps_the_buttons(kb):
    reply = Reply("Did you mean one of these?", [Button("A", "/a")])
    extended = reference.with_helpline(kb, reply, "PC-7K3QX")
    assert extended.text.startswith("Did you mean one of these?")
    assert "PC-7K3QX" in extended.text and kb.fact("helpline_number").text in extended.text
    assert extended.buttons == reply.buttons


def test_with_code_adds_the_code_to_a_reply_that_gives_the_helpline(kb):
    reply = Reply(
        f"Sorry, I couldn't use that answer. {kb.fact('helpline_number').text}", [Button("Yes", "yes")]
    )
    extended = reference.with_code(reply, "PC-7K3QX")
    assert extended.text.startswith(reply.text) and extended.text.endswith("PC-7K3QX.")
    assert extended.buttons == reply.buttons


# --- reading events -------------------------------------------------------------------


def test_fallbacks_in_a_row_counts_the_current_message_and_the_unanswered_before_it():
    one = conversation(("user", "flurb", "nlu_fallback"))
    assert helpline_turns.fallbacks_in_a_row(one) == 1
    two = conversation(
        ("user", "flurb", "nlu_fallback"),
        ("action", "action_clarify"),
        ("bot", "Did you mean?"),
        ("user", "glomp", "nlu_fallback"),
    )
    assert helpline_turns.fallbacks_in_a_row(two) == 2
    broken = conversation(
        ("user", "flurb", "nlu_fallback"),
        ("action", "action_clarify"),
        ("bot", "?"),
        ("user", "how long is it", "faq_pqip_length"),
        ("action", "action_answer_faq"),
        ("bot", "15 months"),
        ("user", "glomp", "nlu_fallback"),
    )
    assert helpline_turns.fallbacks_in_a_row(broken) == 1
    assert helpline_turns.fallbacks_in_a_row([]) == 0


def test_triage_turns_are_not_part_of_the_conversation():
    events = conversation(
        ("user", "flurb", "nlu_fallback"),
        ("action", "action_clarify"),
        ("bot", "?"),
        ("user", "/triage", "triage"),
        ("action", "action_show_triage"),
        ("bot", "card"),
        ("user", "glomp", "nlu_fallback"),
    )
    assert [t.text for t in helpline_turns.visitor_turns(events)] == ["flurb", "glomp"]
    assert helpline_turns.fallbacks_in_a_row(events) == 2


def test_slot_values_take_the_last_value_and_a_restart_clears_them():
    events = conversation(("slot", "age", 20), ("slot", "age", 31))
    assert helpline_turns.slot_values(events) == {"age": 31}
    assert helpline_turns.slot_values(events + conversation(("restart",))) == {}


# --- the card -------------------------------------------------------------------------


def test_eligibility_card_shows_facts_outcome_route_reasons_and_topics(kb):
    card = helpline_card.build_card(eligibility_chat(), kb)
    assert card.code == "PC-7K3QX"
    assert card.facts == {
        "Age": "31",
        "Right to work in the UK": "yes",
        "Wants to work in": "England",
        "Highest qualification": "Foundation degree (Level 5)",
        "Knowledge areas in their qualification": "0 of 4",
        "Knowledge modules completed or started": "0 of 4",
        "Relevant experience": "yes",
    }
    assert card.eligibility.status == "assessed"
    assert card.eligibility.outcome == "pqip_21_month"
    assert card.eligibility.route == "pqip" and card.eligibility.length_months == 21
    assert card.eligibility.reasons and all("(" in r for r in card.eligibility.reasons)
    assert card.topics == [kb.topic_for_intent("faq_pqip_length").title]
    assert card.unanswered_questions == [] and card.handoff_requested is False
    assert not card.needs_person
    assert card.next_steps[0].startswith("Talk through the outcome (pqip_21_month)")
    assert card.visitor_messages == 9 and card.channel == "web chat"
    assert card.first_message < card.last_message


def test_card_never_holds_free_text_answers(kb):
    text = helpline_card.render(helpline_card.build_card(eligibility_chat(), kb))
    as_json = json.dumps(helpline_card.build_card(eligibility_chat(), kb).as_dict())
    for typed in ("Elm Road", "youth worker", "health and social care", "I'm 31"):
        assert typed not in text and typed not in as_json


def test_unanswered_questions_are_verbatim_and_only_those(kb):
    events = conversation(
        ("user", "hello", "greet"),
        ("action", "utter_greet"),
        ("bot", "Hello!"),
        ("user", "what is the salary of a PSO in Leeds", "nlu_fallback"),
        ("action", "action_clarify"),
        ("bot", "Did you mean?"),
        ("user", "I like trains", "inform"),
        ("action", "action_update_profile"),
        ("bot", "Thanks."),
    )
    card = helpline_card.build_card(events, kb)
    assert card.unanswered_questions == ["what is the salary of a PSO in Leeds"]
    assert "I like trains" not in helpline_card.render(card)
    assert card.needs_person_because == ["1 unanswered question"]
    assert card.next_steps[0].startswith("Answer the questions the bot could not")
    assert card.code is None and "no reference code" in helpline_card.render(card)


def test_an_unanswered_question_about_convictions_is_withheld(kb):
    events = conversation(
        (
            "user",
            "I got a caution for shoplifting in 2015 does that matter for the job thing",
            "nlu_fallback",
        ),
        ("action", "action_clarify"),
        ("bot", "?"),
        ("user", "my conviction was spent last year, zorp", "nlu_fallback"),
        ("action", "action_clarify"),
        ("bot", "?"),
    )
    card = helpline_card.build_card(events, kb)
    assert card.unanswered_questions == [helpline_card.WITHHELD, helpline_card.WITHHELD]
    text = helpline_card.render(card) + json.dumps(card.as_dict())
    assert "shoplifting" not in text and "spent" not in text


def test_a_wall_of_text_is_cut(kb):
    events = conversation(("user", "word " * 200, "nlu_fallback"), ("action", "action_clarify"))
    (question,) = helpline_card.build_card(events, kb).unanswered_questions
    assert len(question) < CARD_QUESTION_CHARS + 40 and "cut at" in question


def test_handoff_alone_suggests_asking_what_they_need(kb):
    events = conversation(
        ("user", "can I talk to a person", "request_human"),
        ("action", "action_handoff"),
        ("slot", "reference_code", "PC-BCD23"),
        ("bot", "Call 0808..."),
    )
    card = helpline_card.build_card(events, kb)
    assert card.handoff_requested and card.code == "PC-BCD23"
    assert card.needs_person_because == ["asked for a person"]
    assert card.next_steps == ["Ask what they need: the chat holds no check and no unanswered question."]
    assert card.eligibility.status == "not started"


def test_an_abandoned_check_lists_what_is_still_to_ask(kb):
    events = conversation(
        ("user", "am I eligible", "check_eligibility"),
        ("action", "action_start_eligibility"),
        ("bot", "How old are you?"),
        ("user", "I'm 40", "inform"),
        ("action", "eligibility_form"),
        ("slot", "age", 40),
        ("bot", "Right to work?"),
    )
    card = helpline_card.build_card(events, kb)
    assert card.eligibility.status == "started, not finished"
    assert card.eligibility.still_to_ask[:2] == ["right to work in the UK", "where they want to work"]
    assert "eligibility check not finished" in card.needs_person_because
    assert any(s.startswith("Finish the eligibility check") for s in card.next_steps)


def test_faq_intent_without_the_faq_answer_is_not_a_topic(kb):
    # "I'm 31" read as faq_age_requirement but taken by the form as an answer.
    events = conversation(
        ("user", "I'm 31", "faq_age_requirement"), ("action", "eligibility_form"), ("slot", "age", 31)
    )
    assert helpline_card.build_card(events, kb).topics == []


def test_faq_intent_that_opened_the_check_is_not_a_topic(kb):
    # "I'm 34 with an HND, could I train?" read as faq_age_requirement; the FAQ action opened the check.
    events = conversation(
        ("user", "I'm 34 with an HND, could I train?", "faq_age_requirement"),
        ("action", "action_answer_faq"),
        ("action", "action_start_eligibility"),
        ("action", "eligibility_form"),
    )
    assert helpline_card.build_card(events, kb).topics == []


def test_render_and_json_hold_the_same_card(kb):
    card = helpline_card.build_card(eligibility_chat(), kb)
    text, data = helpline_card.render(card), card.as_dict()
    assert data["code"] == "PC-7K3QX" and data["code"] in text
    assert data["eligibility"]["outcome"] in text
    for label, value in data["facts"].items():
        assert f"{label}: {value}" in text
    for step in data["next_steps"]:
        assert step in text
    assert "sender" not in json.dumps(data)


# --- the store ------------------------------------------------------------------------


def make_store(path, conversations):
    """An SQLite file with Rasa's `events` table, one conversation per sender."""
    conn = sqlite3.connect(path)
    conn.execute(
        "CREATE TABLE events (id INTEGER PRIMARY KEY, sender_id VARCHAR(255) NOT NULL, "
        "type_name VARCHAR(255) NOT NULL, timestamp FLOAT, intent_name VARCHAR(255), "
        "action_name VARCHAR(255), data TEXT)"
    )
    for sender, events in conversations.items():
        for e in events:
            conn.execute(
                "INSERT INTO events (sender_id, type_name, timestamp, data) VALUES (?, ?, ?, ?)",
                (sender, e["event"], e["timestamp"], json.dumps(e)),
            )
    conn.commit()
    conn.close()


def test_store_lookup_recent_and_purge(tmp_path, kb):
    db = tmp_path / "tracker.db"
    old = conversation(
        ("user", "talk to a human", "request_human"),
        ("action", "action_handoff"),
        ("slot", "reference_code", "PC-22222"),
        clock=Clock(1_000_000_000),
    )
    new = conversation(
        ("user", "person please", "request_human"),
        ("action", "action_handoff"),
        ("slot", "reference_code", "PC-33333"),
        clock=Clock(1_700_000_000),
    )
    quiet = eligibility_chat("PC-44444")
    make_store(db, {"secret-sender-a": old, "secret-sender-b": new, "secret-sender-c": quiet})
    conn = triage.connect(db)
    (found,) = triage.conversations_with_code(conn, "PC-33333")
    assert helpline_card.build_card(found, kb).code == "PC-33333"
    assert triage.conversations_with_code(conn, "PC-99999") == []
    cards, without_code = triage.recent_cards(conn, 10, kb)
    assert [c.code for c in cards] == ["PC-33333", "PC-22222"] and without_code == 0
    conn.close()

    conn = triage.connect(db, write=True)
    assert triage.purge(conn, 90, now=1_700_000_100) == (1, len(old))
    assert triage.conversations_with_code(conn, "PC-22222") == []
    assert triage.conversations_with_code(conn, "PC-33333")
    conn.close()


def test_connect_to_a_missing_store_says_so(tmp_path):
    with pytest.raises(triage.StoreMissing):
        triage.connect(tmp_path / "nope.db")


def test_purge_leaves_no_trace_of_the_text_in_the_file(tmp_path):
    db = tmp_path / "tracker.db"
    old = conversation(
        ("user", "my secret words xyzzy-plugh", "nlu_fallback"),
        ("action", "action_clarify"),
        clock=Clock(1_000_000_000),
    )
    make_store(db, {"old-sender": old, "new-sender": conversation(("user", "hello", "greet"))})
    assert b"xyzzy-plugh" in db.read_bytes()
    conn = triage.connect(db, write=True)
    conn.execute("PRAGMA secure_delete = OFF")  # as if this SQLite defaulted to OFF
    assert triage.purge(conn, 90, now=1_700_000_000)[0] == 1
    conn.close()
    assert b"xyzzy-plugh" not in db.read_bytes()
    assert b"old-sender" not in db.read_bytes()


# --- issue 13: the slot keeps the qualification's id; stored names still work ---------


def with_qualification_id(events, qualification_id):
    """The same chat as today's bot stores it: the qualifications.yml id, not the name."""
    return [
        dict(e, name="qualification_id", value=qualification_id)
        if e.get("name") == "qualification_name"
        else e
        for e in events
    ]


def test_a_card_reads_the_qualification_by_its_id(kb):
    card = helpline_card.build_card(with_qualification_id(eligibility_chat(), "foundation_degree"), kb)
    assert card.facts["Highest qualification"] == "Foundation degree (Level 5)"


def test_a_conversation_stored_with_the_name_gives_the_same_card(kb):
    old = helpline_card.build_card(eligibility_chat(), kb)  # qualification_name, as before
    new = helpline_card.build_card(with_qualification_id(eligibility_chat(), "foundation_degree"), kb)
    assert old.as_dict() == new.as_dict()
    assert old.facts["Highest qualification"] == "Foundation degree (Level 5)"


def test_renaming_a_row_keeps_the_cards_of_conversations_stored_by_id(kb):
    from dataclasses import replace

    renamed = replace(
        kb,
        qualifications=[
            replace(q, name="Foundation Degree (FdA, FdSc)") if q.id == "foundation_degree" else q
            for q in kb.qualifications
        ],
    )
    card = helpline_card.build_card(with_qualification_id(eligibility_chat(), "foundation_degree"), renamed)
    assert card.facts["Highest qualification"] == "Foundation Degree (FdA, FdSc) (Level 5)"


@pytest.mark.parametrize("stored_by", ["name", "id"])
def test_an_unlisted_qualification_is_to_confirm_either_way(kb, stored_by):
    unlisted = next(q for q in kb.qualifications if not q.stated_on_page and q.level >= 5)
    events = eligibility_chat()
    for e in events:
        if e.get("name") == "qualification_name":
            e["value"] = unlisted.name
        if e.get("name") == "qualification_level":
            e["value"] = unlisted.level
    if stored_by == "id":
        events = with_qualification_id(events, unlisted.id)
    card = helpline_card.build_card(events, kb)
    assert "qualification level to confirm" in card.needs_person_because
    assert any(unlisted.name in s for s in card.next_steps)


def test_an_unknown_stored_name_shows_the_level_alone(kb):
    events = [
        dict(e, value="Diploma in Something Since Renamed") if e.get("name") == "qualification_name" else e
        for e in eligibility_chat()
    ]
    assert helpline_card.build_card(events, kb).facts["Highest qualification"] == "Level 5"


# --- a visitor given the safety reply (bot/safety/) ---------------------------------

SAFETY_WORDS = "i really can't keep myself safe tonight"


def safety_chat(code="PC-9W4TM"):
    return conversation(
        ("user", "how long is the PQiP", "faq_pqip_length"),
        ("action", "action_answer_faq"),
        ("slot", "last_topic", "pqip_length"),
        ("bot", "15 or 21 months."),
        ("user", SAFETY_WORDS, "safety_concern"),
        ("action", "action_safety_reply"),
        ("slot", "paused_activity", None),
        ("slot", "reference_code", code),
        ("bot", "I'm sorry you're going through this. ... call 999 ..."),
    )


def test_the_card_flags_a_safety_reply_without_the_visitors_words(kb):
    card = helpline_card.build_card(safety_chat(), kb)
    assert card.safety_reply_given and card.needs_person
    assert card.needs_person_because[0] == "safety reply given"
    assert "ask how they are" in card.next_steps[0]
    shown = helpline_card.render(card) + json.dumps(card.as_dict())
    assert "Safety reply given: yes" in shown
    assert SAFETY_WORDS not in shown and "keep myself safe" not in shown


def test_the_follow_up_list_holds_a_conversation_given_the_safety_reply(kb, tmp_path):
    db = tmp_path / "tracker.db"
    make_store(db, {"visitor-1": safety_chat()})
    conn = triage.connect(db)
    cards, without_code = triage.recent_cards(conn, 10, kb)
    conn.close()
    assert [c.code for c in cards] == ["PC-9W4TM"] and without_code == 0
    assert "safety reply given" in cards[0].needs_person_because


def test_an_answer_the_check_left_unsure_is_for_the_adviser_to_confirm(kb):
    # issue 21: "I'm on a skilled worker visa" is noted as unsure, not decided
    events = conversation(
        ("user", "check my eligibility", "check_eligibility"),
        ("action", "action_start_eligibility"),
        ("slot", "age", 34),
        ("slot", "right_to_work", None),
        ("slot", "nation", "england"),
        ("slot", "qualification_level", 7),
        ("slot", "qualification_id", "masters"),
        ("slot", "knowledge_areas", 4),
        ("slot", "experience", True),
        ("slot", "eligibility_notes", {"unsure": {"right_to_work": "unsure_visa"}, "asked": [], "names": {}}),
        ("action", "action_eligibility_outcome"),
        ("slot", "eligibility_outcome", "pqip_15_month"),
        ("slot", "reference_code", "PC-7K3QX"),
    )
    card = helpline_card.build_card(events, kb)
    assert "their right to work in the UK: left unsure in the chat" in card.eligibility.to_confirm
    assert "Confirm their right to work in the UK: left unsure in the chat." in helpline_card.render(card)
