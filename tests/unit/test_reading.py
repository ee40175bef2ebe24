"""One reading of a message (bot/conversation/reading.py) and the decisions answering makes
from it: the question, not the background; someone else's circumstances; the language."""

import re

import pytest

from bot.conversation.answering import Question, answer
from bot.conversation.language import ENGLISH, OTHER, WELSH, language_of
from bot.conversation.reading import read, split_asking
from bot.knowledge import KnowledgeError, load_knowledge
from bot.knowledge.coverage import load_coverage
from bot.knowledge.languages import load_language_replies
from tests.unit.knowledge_copy import edit

HONEST = re.compile(r"don't cover|don't say|can't find|don't say anything", re.IGNORECASE)
HELPLINE = "0808 164 9883"


@pytest.fixture(scope="module")
def kb():
    return load_knowledge()


def reader(readings):
    return {text: (intent, 0.9, [(intent, 0.9)]) for text, intent in readings.items()}.get


# --- the asking clause and the background ------------------------------------------------


@pytest.mark.parametrize(
    "text, asking, background",
    [
        (
            "I'm a night shift carer in a care home and I want to know what qualifications I need for the PQiP",
            "what qualifications I need for the PQiP",
            ("I'm a night shift carer in a care home",),
        ),
        (
            "I work nights in a hostel. I've done it for three years. What does the PQiP require?",
            "What does the PQiP require?",
            ("I work nights in a hostel.", "I've done it for three years."),
        ),
        (
            "as I'm already a support worker, do I need a degree?",
            "do I need a degree?",
            ("as I'm already a support worker",),
        ),
        ("how long is the PQiP?", "how long is the PQiP?", ()),
        # two questions stay together: the split into questions is multi_question's
        ("what is the PQiP and how do I apply for it?", "what is the PQiP and how do I apply for it?", ()),
        # a condition is part of the question
        ("If I fail, can I retake?", "If I fail, can I retake?", ()),
        ("I want to know how long the access course takes", "how long the access course takes", ()),
        # a heading is no background
        ("PSOs - what grade and what do they handle", "PSOs - what grade and what do they handle", ()),
    ],
)
def test_the_asking_clause_is_told_from_the_background(text, asking, background):
    assert split_asking(text) == (asking, background)


@pytest.mark.parametrize(
    "text",
    [
        "I'm a night shift carer in a care home and I want to know what qualifications I need for the PQiP",
        "I work nights in a hostel supporting people leaving prison, and have done for years. "
        "What does the PQiP actually require?",
        "I do shifts at weekends in a pub, how do I become a probation officer?",
        "I work nights in a care home, do I need a degree?",  # a yes/no question with an aspect of its own
    ],
)
def test_a_gap_pattern_never_fires_on_a_background_clause(kb, text):
    reading = read(kb, text)
    assert reading.gap is None and reading.background_stripped


@pytest.mark.parametrize(
    "text, gap_id",
    [
        ("I'm deaf, would I get support at the assessment centre?", "adjustments"),
        ("I have visible tattoos, can I apply?", "appearance"),
        ("I work nights, is that a problem for the training?", "hours"),
        ("what are the shifts like?", "hours"),
    ],
)
def test_a_question_leaning_on_its_background_is_about_it(kb, text, gap_id):
    reading = read(kb, text)
    assert reading.gap is not None and reading.gap.id == gap_id


def test_here_and_there_point_back_at_the_background(kb):
    assert read(kb, "I live in Scotland, how do I become a probation officer here?").leans_on_background
    assert not read(kb, "I work in a shop, what age limit is there?").leans_on_background


def test_a_yes_no_question_about_the_visitor_is_read_with_its_background(kb):
    reading = read(kb, "I'm employed by probation at the moment, do I resign to do the pqip")
    assert reading.leans_on_background and not reading.background_stripped


def test_the_asking_clause_decides_the_topic(kb):
    text = "I'm a night shift carer in a care home and I want to know what qualifications I need for the PQiP"
    # The classifier read the whole message as "not covered" (the night shifts); the asking clause
    # alone reads as entry requirements.
    result = answer(
        kb,
        Question(text, "ask_not_covered", 0.7, [("ask_not_covered", 0.7)]),
        reader({"what qualifications I need for the PQiP": "faq_entry_requirements"}),
    )
    assert result is not None and result.topic_ids == ["entry_requirements"]
    assert "working hours" not in result.reply.text and "Level 5" in result.reply.text


# --- someone else's circumstances: the part the pages cover, and what they don't ----------


def test_a_relatives_record_gets_the_applicants_rules_and_says_the_rest_is_not_covered(kb):
    text = "my dad has a conviction for fraud, would that stop me getting security clearance?"
    result = answer(kb, Question(text, "faq_security_clearance", 0.95))
    said = result.reply.text
    assert said.startswith("The pages cover your own convictions")
    assert "don't say anything about a relative's, partner's or friend's record" in said
    assert HELPLINE in said and result.gap_id == "security_clearance:relative"
    assert "Rehabilitation of Offenders" in said  # the facts on the applicant's own convictions


@pytest.mark.parametrize(
    "text",
    [
        "my brother was cautioned years ago, does that affect my vetting?",
        "I live with my partner who has a criminal record, would it count against me?",
    ],
)
def test_other_relatives_too(kb, text):
    said = answer(kb, Question(text, "faq_security_clearance", 0.9)).reply.text
    assert "The pages cover your own convictions" in said and "don't say anything about" in said


@pytest.mark.parametrize(
    "text",
    [
        "I have a caution from when I was 17, would that stop me getting security clearance?",
        # the relative is the applicant: the pages' rules are about them
        "my son has a caution, can he still apply?",
    ],
)
def test_the_applicants_own_record_is_answered_in_full(kb, text):
    result = answer(kb, Question(text, "faq_security_clearance", 0.95))
    assert "don't say anything about" not in result.reply.text and result.gap_id is None


def test_a_person_is_found_in_what_the_question_is_about(kb):
    people = load_coverage(kb)
    assert people.person_in("my girlfriend's dad was in prison").id == "relative"
    assert people.person_in("I was in prison") is None


def test_coverage_names_known_topics(copy_of_knowledge, kb):
    edit(
        copy_of_knowledge / "coverage.yml", lambda d: d["own"].update(nowhere={"covers": "x", "theirs": "y"})
    )
    from bot.knowledge.coverage import load_coverage as fresh

    with pytest.raises(KnowledgeError, match="unknown topic 'nowhere'"):
        fresh(load_knowledge(copy_of_knowledge), copy_of_knowledge)


# --- the language ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, language",
    [
        ("Sut ydw i'n dod yn swyddog prawf?", WELSH),
        ("Oes angen gradd arnaf i fod yn swyddog prawf?", WELSH),
        ("Faint o amser mae'r hyfforddiant yn ei gymryd?", WELSH),
        ("Dw i'n byw yng Nghaerdydd ac eisiau bod yn swyddog prawf", WELSH),
        ("Jak zostać kuratorem sądowym?", OTHER),
        ("¿Cómo puedo ser oficial de libertad condicional?", OTHER),
        ("Je voudrais devenir agent de probation, que dois-je faire?", OTHER),
        ("كيف أصبح ضابط مراقبة؟", OTHER),
        ("how do i become a probation officer", ENGLISH),
        ("wat quals do i need 4 pqip lol", ENGLISH),
        ("hey m8 hw do i bcome a probation ofcr", ENGLISH),
        ("i wanna b a po in wales innit", ENGLISH),
        ("I live in Swansea, can I apply in Wales?", ENGLISH),
        ("I am from Aberystwyth and Pontypridd", ENGLISH),
        # short Welsh: too short for lingua, read from everyday Welsh words with no English one
        ("Diolch", WELSH),
        ("Sut mae", WELSH),
        ("Shwmae", WELSH),
        ("Bore da", WELSH),
        ("Oes angen gradd arnaf?", WELSH),
        ("Beth yw'r PQiP?", WELSH),
        ("Nac ydw", WELSH),
        ("Nac oes, dim eto", WELSH),
        ("Dwi ddim yn gwybod", WELSH),
        ("hi", ENGLISH),
        ("dim", ENGLISH),
        ("what a bore", ENGLISH),
        ("Diolch, how long is the PQiP?", ENGLISH),  # the visitor writes English: answered
        ("no", ENGLISH),
        ("nah", ENGLISH),
        ("ok thx", ENGLISH),
        ("18", ENGLISH),
        ("asdkj qwpeoiru zxmcnv", ENGLISH),  # keyboard mash is for the clarifying fallback
        ("wibble wobble", ENGLISH),
        ("", ENGLISH),
    ],
)
def test_the_language_of_a_message(text, language):
    assert language_of(text) == language


def test_welsh_gets_welsh_then_english_and_the_helpline(kb):
    result = answer(kb, Question("Sut ydw i'n dod yn swyddog prawf?", "faq_pqip_length", 0.4))
    said = result.reply.text
    replies = load_language_replies(kb)
    assert said.index(replies.welsh) < said.index(replies.english)
    assert "Saesneg" in said and "only answer in English" in said and HELPLINE in said
    assert "15 or 21 months" not in said and result.gap_id == "language:cy"


def test_another_language_gets_the_english_only(kb):
    said = answer(kb, Question("Jak zostać kuratorem sądowym?", "faq_what_is_pqip", 0.4)).reply.text
    assert "only answer in English" in said and "Saesneg" not in said and HELPLINE in said


def test_the_language_replies_need_the_phone_number(copy_of_knowledge):
    edit(copy_of_knowledge / "languages.yml", lambda d: d.update(welsh="Diolch."))
    with pytest.raises(KnowledgeError, match="welsh"):
        load_language_replies(load_knowledge(copy_of_knowledge), copy_of_knowledge)


# --- two questions in one message ---------------------------------------------------------


@pytest.mark.parametrize(
    "text, parts",
    [
        (
            "how long does the pqip take as well as whether I need a degree",
            ["how long does the pqip take", "I need a degree"],
        ),
        ("how long is the pqip, what band is a pso", ["how long is the pqip", "what band is a pso"]),
        ("what is a pso plus how much do they get paid", ["what is a pso", "how much do they get paid"]),
        (
            "can i apply with a foundation degree and whether i need experience too",
            ["can i apply with a foundation degree", "i need experience too"],
        ),
        ("If I fail, can I retake?", ["If I fail, can I retake?"]),
        ("I have a degree, can I apply?", ["I have a degree, can I apply?"]),
        ("Hi, how long is the PQiP?", ["Hi, how long is the PQiP?"]),
    ],
)
def test_two_questions_joined_in_more_ways(text, parts):
    from bot.conversation.multi_question import split_questions

    assert split_questions(text) == parts


# --- follow-ups by pronoun: who pays, when, who decides -----------------------------------


@pytest.mark.parametrize(
    "last_topic, text, says, unsaid",
    [
        ("access_costs", "who pays for those?", "sponsor", None),
        ("retired_apprenticeship", "when did it stop?", "10 December 2021", None),
        (
            "security_clearance",
            "who makes that call?",
            "HMPPS security clearance",
            "who decides on a declared conviction",
        ),
        ("pqip_length", "who decides that?", "previous study is checked", "who checks your previous study"),
    ],
)
def test_follow_ups_on_who_pays_when_and_who_decides(kb, last_topic, text, says, unsaid):
    result = answer(kb, Question(text, "follow_up", 0.8, [("follow_up", 0.8)], last_topic))
    assert says in result.reply.text, result.reply.text
    if unsaid:
        assert f"don't say {unsaid}" in result.reply.text


def test_a_follow_up_asking_when_of_a_subject_without_dates_says_so(kb):
    result = answer(kb, Question("when did that start?", "follow_up", 0.8, [("follow_up", 0.8)], "pso_role"))
    assert "don't say when it happens or happened" in result.reply.text


@pytest.mark.parametrize(
    "text", ["zorblat quimfrey snargle?", "flurb glomp zint", "blorpt vanquiz frimble tosk"]
)
def test_made_up_words_are_never_welsh_or_another_language(text):
    # lingua often scores made-up words as Welsh; the clarifying fallback answers them
    from bot.conversation.language import ENGLISH, language_of

    assert language_of(text) == ENGLISH
