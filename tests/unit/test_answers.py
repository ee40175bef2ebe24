"""FAQ answers come from knowledge/, cite their sources, and the Rasa files agree."""

from pathlib import Path

import pytest
import yaml

from bot.build.faq_rules import render_rules
from bot.conversation.answers import faq_reply, handoff_reply
from bot.conversation.clarify import clarify_reply, input_kind
from bot.knowledge import load_knowledge
from tests.domain_files import domain_yaml

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def kb():
    return load_knowledge()


@pytest.fixture(scope="module")
def domain():
    return domain_yaml()


def test_every_topic_answer_has_its_facts_and_a_source_line(kb):
    for topic in kb.topics.values():
        text = faq_reply(kb, topic).text
        for fact_id in topic.facts:
            assert kb.fact(fact_id).text in text, (topic.id, fact_id)
        last = text.rstrip().splitlines()[-1]
        assert last.startswith(("Source: ", "Sources: ")), topic.id
        for fact_id in topic.facts:
            assert kb.source_of(fact_id).title in last, (topic.id, fact_id)


def test_conflicting_claims_are_mentioned_with_the_followed_page(kb):
    topic = next(t for t in kb.topics.values() if "entry_level5" in t.facts)
    text = faq_reply(kb, topic).text
    assert f'Note: the page "{kb.sources["career_guide"].title}" says' in text
    assert f'this answer follows "{kb.sources["official_faq"].title}"' in text


def test_domain_lists_every_topic_intent_and_nothing_stale(kb, domain):
    faq_intents = {i for i in domain["intents"] if str(i).startswith("faq_")}
    assert faq_intents == {t.intent for t in kb.topics.values()}


def test_domain_responses_state_no_knowledge_fact(kb, domain):
    """Facts live in knowledge/ only: no response may repeat a fact's key figures."""
    responses = yaml.safe_dump(domain["responses"]).lower()
    for needle in ("0808", "15 months", "21 months", "band 3", "level 5 or above", "200 hours"):
        assert needle not in responses


def test_generated_faq_rules_are_current():
    assert (ROOT / "data" / "rules_faq.yml").read_text() == render_rules()


def test_training_data_has_every_topic_intent(kb):
    text = "\n".join(p.read_text() for p in (ROOT / "data" / "nlu").glob("*.yml"))
    for topic in kb.topics.values():
        assert f"intent: {topic.intent}\n" in text, topic.intent


def test_handoff_gives_the_helpline_number_from_knowledge(kb):
    reply = handoff_reply(kb, reference="PC-7K3QX")
    assert kb.fact("helpline_number").text in reply.text
    assert "PC-7K3QX" in reply.text
    # Number first, then the code to quote; the source line still closes the answer.
    assert reply.text.index(kb.fact("helpline_number").text) < reply.text.index("PC-7K3QX")
    assert reply.text.rstrip().splitlines()[-1].startswith("Source:")


def test_qualification_question_names_the_visitors_qualification(kb):
    reply = faq_reply(kb, kb.topics["qualification_level"], "is an HND enough for the PQiP?")
    assert reply.text.lower().startswith("higher national diploma")
    assert "meets the level 5 minimum" in reply.text.lower()


@pytest.mark.parametrize(
    "text,kind",
    [
        ("", "empty"),
        ("   \n\t", "empty"),
        ("🙂🙂🙂", "no_words"),
        ("???!!!", "no_words"),
        ("Как стать офицером пробации?", "non_english"),
        ("¿Cómo puedo ser oficial de libertad condicional?", "non_english"),
        ("Wie werde ich Bewährungshelfer in England bitte", "non_english"),
        ("how long is the training", "ok"),
        ("21", "ok"),
        ("  31 ", "ok"),
        ("word " * 1000, "too_long"),
        ("<script>alert(1)</script> how long is the pqip", "ok"),
    ],
)
def test_input_kind(text, kind):
    assert input_kind(text) == kind


def test_clarify_offers_the_likely_topics_as_buttons(kb):
    ranking = [
        {"name": "faq_pqip_length", "confidence": 0.4},
        {"name": "greet", "confidence": 0.3},
        {"name": "faq_short_route", "confidence": 0.2},
    ]
    reply = clarify_reply(kb, "how long is the thing with the modules", ranking)
    assert "did you mean" in reply.text.lower()
    payloads = [b.payload for b in reply.buttons]
    assert payloads[:2] == ["/faq_pqip_length", "/faq_short_route"]
    assert "/request_human" in payloads


def test_clarify_explains_unusable_input(kb):
    assert "emoji" in clarify_reply(kb, "🙂", []).text
    assert "english" in clarify_reply(kb, "Как стать офицером пробации?", []).text.lower()


def test_the_pqip_own_level5_diploma_is_not_called_an_entry_qualification():
    kb = load_knowledge()
    reply = faq_reply(
        kb, kb.topics["qualification_level"], "is the level 5 diploma in probation practice enough to apply?"
    )
    first = reply.text.split("\n\n")[0]
    assert first.startswith(kb.fact("level5_diploma_part_of_pqip").text)
    assert "meets the Level 5 minimum" not in reply.text
    assert kb.sources["sfj_career_routes"].title in reply.text.splitlines()[-1]


def test_bot_challenge_does_not_call_every_page_official():
    domain = domain_yaml()
    text = domain["responses"]["utter_bot_challenge"][0]["text"]
    assert "official probation recruitment pages" not in text
    assert "five public pages" in text and "official recruitment FAQ" in text
