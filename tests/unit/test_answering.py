"""bot/conversation/answering.py and the knowledge it reads (gaps.yml, follow_ups.yml): no Rasa.

The intent and confidence given here stand for what the classifier said; the
live tests (tests/integration/test_context_live.py) run the same kinds of
conversation through the real NLU.
"""

import re
from pathlib import Path

import pytest
import yaml

from bot.build.gap_examples import render_examples
from bot.conversation.answering import Question, answer, answer_part
from bot.conversation.multi_question import split_questions
from bot.conversation.relevance import rank_facts, vocabulary
from bot.knowledge import KnowledgeError, load_knowledge
from bot.knowledge.follow_ups import load_follow_ups
from bot.knowledge.gaps import load_gaps, match_gap

ROOT = Path(__file__).resolve().parents[2]
HONEST = re.compile(r"don't cover|don't say|can't find", re.IGNORECASE)


@pytest.fixture(scope="module")
def kb():
    return load_knowledge()


def reply_text(kb, question, read_clause=None):
    result = answer(kb, question, read_clause)
    assert result is not None
    return result, result.reply.text


# --- 2. saying so when the pages don't answer ------------------------------------------


@pytest.mark.parametrize(
    "text, intent, gap_id",
    [
        ("what's the starting salary for a PSO?", "faq_pso_role", "pay"),
        ("do they pay overtime", "faq_officer_role", "pay"),
        ("will I have to work night shifts?", "faq_officer_role", "hours"),
        ("could I train part-time around my children?", "faq_pqip_length", "part_time_study"),
        ("I'm deaf, would I get support at the assessment centre?", "check_eligibility", "adjustments"),
        ("can I pick the office I'm based in?", "faq_places", "location"),
        ("is there a relocation allowance?", "faq_places", "relocation"),
        ("does it come with a good pension?", "faq_contract", "pension"),
        ("how many holidays a year would I get?", "faq_intakes", "leave"),
        ("I need a skilled worker visa, can you sponsor it?", "faq_entry_requirements", "visa"),
        ("what do probation officers wear, is there a uniform?", "faq_officer_role", "uniform"),
        ("would a neck tattoo stop me?", "faq_security_clearance", "appearance"),
        ("is a driving licence essential?", "faq_skills", "driving"),
        ("I'm 58, am I too old to start?", "faq_age_requirement", "upper_age"),
        ("is there a medical before starting?", "faq_recruitment_process", "health_checks"),
        ("what's the closing date for this year's campaign?", "faq_intakes", "application_dates"),
        ("how competitive is getting a place?", "faq_places", "success_rates"),
        ("is there an age restriction for applicants?", "faq_age_requirement", "upper_age"),
        ("are probation staff in a union?", "faq_scotland_ni", "unions"),
        ("could I be seconded to the police later?", "faq_progression", "transfers"),
        (
            "and could I move there eventually?",
            "faq_progression",
            "transfers",
        ),  # after an answer about Scotland
        ("how many weeks until I hear if I got a place?", "faq_recruitment_process", "recruitment_time"),
        (
            "I've got a stutter, will the interviewers take that into account?",
            "practise_interview",
            "adjustments",
        ),
    ],
)
def test_a_listed_gap_is_answered_honestly_whatever_topic_was_guessed(kb, text, intent, gap_id):
    result, text_out = reply_text(kb, Question(text, intent, 0.8))
    assert result.gap_id == gap_id
    assert HONEST.search(text_out.split("\n\n")[0]), "the first sentence says the pages don't cover it"
    assert "0808 164 9883" in text_out
    assert text_out.rstrip().splitlines()[-1].startswith(("Source:", "Sources:"))


def test_the_closest_fact_follows_the_admission(kb):
    _, text = reply_text(kb, Question("how much does a PSO earn?", "faq_pso_role", 0.9))
    paragraphs = text.split("\n\n")
    assert "don't cover pay" in paragraphs[0]
    assert "Band 3" in paragraphs[1] and "contract" in paragraphs[1]


def test_a_closest_fact_another_page_disputes_comes_with_the_note(kb):
    _, text = reply_text(kb, Question("is there an age limit for the training?", "faq_age_requirement", 0.9))
    paragraphs = text.split("\n\n")
    assert "don't cover an upper age limit" in paragraphs[0]
    assert kb.fact("entry_min_age").text in paragraphs[1]
    assert paragraphs[2] == kb.conflict_notes("entry_min_age")[0] and "20" in paragraphs[2]


def test_a_topic_that_partly_answers_leads_and_the_admission_follows(kb):
    result, text = reply_text(
        kb, Question("do I get paid a salary while doing the PQiP?", "faq_contract", 0.8)
    )
    paragraphs = text.split("\n\n")
    assert paragraphs[0].startswith(kb.fact("contract_pso").text)
    assert "don't cover pay" in paragraphs[1] and "0808 164 9883" in text
    assert result.gap_id == "pay" and result.last_topic == "contract"


def test_what_a_pso_earns_is_the_pay_gap_with_the_band_closest(kb):
    result, text = reply_text(kb, Question("what does a PSO earn?", "faq_pso_role", 0.9))
    paragraphs = text.split("\n\n")
    assert "don't cover pay" in paragraphs[0] and "Band 3" in paragraphs[1]
    assert result.gap_id == "pay"


def test_a_gap_nobody_listed_is_not_answered_with_an_unrelated_topic(kb):
    # The classifier's guess (places) shares nothing with "annual leave days".
    result, text = reply_text(
        kb, Question("how many days of annual leave do officers get", "faq_places", 0.7)
    )
    assert result.gap_id is not None
    assert "300" not in text and HONEST.search(text)


def test_unlisted_question_offers_the_nearest_topic_as_a_button(kb):
    result, _ = reply_text(kb, Question("is there a staff choir", "faq_intakes", 0.4))
    assert result.gap_id == "unlisted"
    assert [b.title for b in result.reply.buttons][0] == kb.topics["intakes"].title


def test_not_covered_intent_without_a_matching_pattern_uses_the_examples(kb):
    result, _ = reply_text(kb, Question("must I own a car", "ask_not_covered", 0.8))
    assert result.gap_id == "driving"
    result, text = reply_text(kb, Question("can I bring my dog to the office", "ask_not_covered", 0.8))
    # no listed gap, but it asks about something no page states: said so, by name
    assert result.gap_id == "unlisted:animals" and "don't cover pets or animals at work" in text
    result, text = reply_text(kb, Question("is there a staff choir", "ask_not_covered", 0.8))
    assert result.gap_id == "unlisted" and "can't find" in text


@pytest.mark.parametrize(
    "text, intent",
    [
        ("how many hours is a knowledge module", "faq_access_costs"),
        ("will I earn money during the PQiP", "faq_contract"),
        ("I work as an approved premises night warden, can I become a PSO?", "faq_pso_role"),
        ("will my employer sponsor the level 5 course?", "faq_access_costs"),
        ("is the apprenticeship standard retired?", "faq_apprenticeships"),
        ("what specialisms are there, like mental health?", "faq_specialisms"),
        ("what is the minimum age limit for the PQiP?", "faq_age_requirement"),
        ("which unions helped develop the qualification?", "faq_consultation"),
        ("can current PSOs transfer onto the PQiP as learners?", "faq_current_staff"),
        ("how long does the PQiP training take?", "faq_pqip_length"),
        # Gap words in another sense: experience, a conviction, people on licence, an area of work.
        (
            "I volunteer three hours a week at a food bank, does that count as experience?",
            "faq_relevant_experience",
        ),
        ("I work night shifts in a homeless hostel, is that relevant experience?", "faq_relevant_experience"),
        ("would a drink driving conviction from years ago stop my clearance?", "faq_security_clearance"),
        ("do officers supervise people released on licence?", "faq_officer_role"),
        ("could I pick an area of work such as domestic abuse?", "faq_specialisms"),
        ("did Napo have a say in how the PQiP was built?", "faq_consultation"),
        ("does helping adults with learning disabilities count?", "faq_relevant_experience"),
    ],
)
def test_covered_questions_do_not_match_a_gap(kb, text, intent):
    assert match_gap(text, load_gaps(kb)) is None
    result, _ = reply_text(kb, Question(text, intent, 0.9))
    assert result.gap_id is None


def test_relevance_guard_keeps_held_out_faq_questions(kb):
    """Of the held-out FAQ questions (bench/heldout_nlu.yml), almost none is refused as unrelated."""
    data = yaml.safe_load((ROOT / "bench" / "heldout_nlu.yml").read_text())
    refused = total = 0
    for block in data["nlu"]:
        if not kb.topic_for_intent(block["intent"]):
            continue
        for line in block["examples"].splitlines():
            question = line.lstrip("- ").strip()
            if question:
                total += 1
                part = answer_part(kb, Question(question, block["intent"], 0.75))
                refused += part is None or part.gap_id is not None
    assert refused / total < 0.05, f"{refused} of {total} covered questions refused"


# --- 3. every question asked, in context ------------------------------------------------


def reader(readings):
    return {text: (intent, 0.9, [(intent, 0.9)]) for text, intent in readings.items()}.get


def test_two_questions_are_answered_in_order_with_one_source_line(kb):
    result, text = reply_text(
        kb,
        Question("what is the PQiP and how do I apply for it?", "faq_what_is_pqip", 0.9),
        reader({"what is the PQiP": "faq_what_is_pqip", "how do I apply for it": "faq_recruitment_process"}),
    )
    assert text.index("Honours degree Level 6") < text.index("written application")
    assert len(re.findall(r"^Sources?:", text, re.M)) == 1
    assert result.topic_ids[0] == "what_is_pqip"


def test_the_second_question_leaning_on_the_first_is_read_against_it(kb):
    _, text = reply_text(
        kb,
        Question("tell me about PSOs, and what band are they", "faq_pso_role", 0.9),
        reader({"tell me about PSOs": "faq_pso_role", "what band are they": "follow_up"}),
    )
    assert "Band 3" in text


def test_facts_given_for_the_first_question_are_not_repeated(kb):
    _, text = reply_text(
        kb,
        Question(
            "how many hours is a knowledge module and which universities offer them", "faq_access_costs", 0.9
        ),
        reader(
            {
                "how many hours is a knowledge module": "faq_access_costs",
                "which universities offer them": "faq_universities",
            }
        ),
    )
    assert "200 hours" in text and text.count("De Montfort") == 1


def test_a_question_and_a_gap_in_one_message(kb):
    result, text = reply_text(
        kb,
        Question("how long is the PQiP and what's the salary?", "faq_pqip_length", 0.9),
        reader({"how long is the PQiP": "faq_pqip_length", "what's the salary": "faq_contract"}),
    )
    assert "15 or 21 months" in text and "don't cover pay" in text
    assert result.gap_id == "pay" and "0808 164 9883" in text


def test_without_a_reader_a_message_is_one_question(kb):
    result, _ = reply_text(
        kb, Question("what is the PQiP and how do I apply for it?", "faq_what_is_pqip", 0.9)
    )
    assert result.topic_ids == ["what_is_pqip"]


@pytest.mark.parametrize(
    "last_topic, follow_up, intent, expected, unexpected",
    [
        ("pso_role", "what band is that?", "explain_outcome", "Band 3", None),
        ("access_routes", "who provides it?", "nlu_fallback", "De Montfort", None),
        ("access_routes", "how long does that take?", "faq_pqip_length", "a year", "15 or 21 months"),
        ("universities", "and what does it cost?", "faq_access_costs", "sponsor", None),
        ("what_is_pqip", "how long does it take?", "faq_pqip_length", "15 or 21 months", None),
        ("what_is_pqip", "what if I fail it?", "faq_failing_pqip", "PSO", None),
        ("officer_role", "how do I become one?", "follow_up", "Level 5", None),
        ("pso_role", "do I need a degree for it?", "follow_up", "don't need any qualification", None),
        # No page gives a PQiP learner's band: 002's Band 3 is a PSO's (issue 22).
        ("contract", "what band is that?", "follow_up", "don't say a PQiP learner's pay or band", "Band 3"),
    ],
)
def test_follow_ups_are_read_against_the_last_topic(kb, last_topic, follow_up, intent, expected, unexpected):
    result, text = reply_text(kb, Question(follow_up, intent, 0.6, (), last_topic))
    assert expected in text
    if unexpected:
        assert unexpected not in text
    assert result.last_topic == last_topic


def test_a_follow_up_the_pages_do_not_answer_says_so(kb):
    result, text = reply_text(
        kb, Question("how long does it take?", "faq_pqip_length", 0.9, (), "security_clearance")
    )
    assert "don't say how long it takes" in text and "15 or 21" not in text
    assert result.gap_id == "security_clearance:duration"


def test_a_question_naming_its_subject_is_a_new_question(kb):
    result, text = reply_text(
        kb, Question("how long is the PQiP?", "faq_pqip_length", 0.9, (), "access_routes")
    )
    assert "15 or 21 months" in text and result.last_topic == "pqip_length"


def test_a_follow_up_asking_what_no_aspect_names_is_not_answered_with_another_topic(kb):
    # The classifier's likeliest topic behind "is it hard?" was security clearance, at 0.03.
    ranking = [("follow_up", 0.67), ("out_of_scope", 0.05), ("faq_security_clearance", 0.03)]
    result, text = reply_text(kb, Question("is it hard?", "follow_up", 0.67, ranking, "what_is_pqip"))
    assert result.gap_id == "what_is_pqip:unlisted" and "can't find" in text
    assert "clearance" not in text.lower() and "0808 164 9883" in text
    assert [b.title for b in result.reply.buttons][0] == kb.topics["what_is_pqip"].title
    assert answer(kb, Question("is it hard?", "follow_up", 0.67, ranking)) is None  # nothing to follow


def test_a_follow_up_part_of_a_two_question_message_leans_on_the_part_before(kb):
    reader = lambda clause: {  # noqa: E731
        "PSOs - what grade": ("faq_pso_role", 0.9, [("faq_pso_role", 0.9)]),
        "what do they handle": ("follow_up", 0.72, [("follow_up", 0.72), ("faq_skills", 0.07)]),
    }.get(clause.strip(" ?"))
    result, text = reply_text(
        kb, Question("PSOs - what grade and what do they handle?", "faq_pso_role", 0.6), reader
    )
    assert "Band 3" in text and "can't find" not in text and result.gap_id is None


def test_a_follow_up_the_classifier_puts_on_the_last_topic_gets_that_topic(kb):
    ranking = [("follow_up", 0.6), ("faq_pso_role", 0.3)]
    result, text = reply_text(kb, Question("and what do they handle", "follow_up", 0.6, ranking, "pso_role"))
    assert result.gap_id is None and result.last_topic == "pso_role" and "Band 3" in text


def test_a_follow_up_with_nothing_before_it_takes_the_likeliest_topic(kb):
    result, _ = reply_text(
        kb,
        Question("how much does it cost?", "follow_up", 0.7, [("follow_up", 0.7), ("faq_access_costs", 0.2)]),
    )
    assert result.last_topic == "access_costs"


# A follow-up asking no aspect the table names: the topic its own words point to, else an
# admission about the last topic; never a topic the classifier put it on with nothing in common.
@pytest.mark.parametrize(
    "last_topic, text, intent, confidence, ranking, topic, said",
    [
        # its word ("award") is the SFJ Awards topic's, ranked second
        (
            "what_is_pqip",
            "and who is the awarding body?",
            "follow_up",
            0.7,
            [("follow_up", 0.7), ("faq_sfj_awards", 0.15)],
            "sfj_awards",
            "SFJ Awards",
        ),
        # the classifier gave up; the master's degree is named by the qualification level topic
        (
            "what_is_pqip",
            "what about a masters?",
            "nlu_fallback",
            0.3,
            [("nlu_fallback", 0.3), ("faq_skills", 0.2), ("faq_qualification_level", 0.15)],
            "qualification_level",
            "Level 7",
        ),
        # the classifier's topic shares nothing; the last one does ("across")
        (
            "places",
            "is that shared out evenly across regions?",
            "faq_qualification_level",
            0.62,
            [("faq_qualification_level", 0.62)],
            "places",
            "local needs",
        ),
    ],
)
def test_a_follow_up_goes_where_its_own_words_point(
    kb, last_topic, text, intent, confidence, ranking, topic, said
):
    result, reply = reply_text(kb, Question(text, intent, confidence, ranking, last_topic))
    assert result.last_topic == topic and said in reply


def test_a_follow_up_word_its_topic_never_uses_is_said_not_covered(kb):
    # "online" is the recruitment stages'; "algebra" no word of theirs: the stages, then the admission
    ranking = [("follow_up", 0.65), ("faq_what_is_pqip", 0.05)]
    result, text = reply_text(
        kb, Question("is the online one all algebra?", "follow_up", 0.65, ranking, "recruitment_process")
    )
    assert "online test" in text and 'don\'t say anything about "algebra"' in text and "0808 164 9883" in text
    assert result.gap_id == "recruitment_process:unmentioned"


def test_a_follow_ups_confidence_is_not_its_likeliest_topics(kb):
    # sure it is a follow-up (0.8), not sure of the topic ranked behind it (0.05): the last topic's
    ranking = [("follow_up", 0.8), ("faq_security_clearance", 0.05)]
    result, _ = reply_text(
        kb, Question("what do they charge for it?", "follow_up", 0.8, ranking, "universities")
    )
    assert result.last_topic == "universities"


def test_a_follow_up_with_no_word_of_its_own_on_an_unsure_topic_is_admitted(kb):
    ranking = [("faq_age_requirement", 0.35), ("follow_up", 0.2)]
    result, text = reply_text(
        kb, Question("do they do that by themselves?", "faq_age_requirement", 0.35, ranking, "officer_role")
    )
    assert result.gap_id == "officer_role:unlisted" and "can't find" in text and "18" not in text


def test_a_part_placed_nowhere_in_the_words_of_the_part_before_is_about_it(kb):
    # the second part went to no topic; its words ("code") are the first part's topic's,
    # whose answer (the Civil Service Code among the stages) stands for both
    reader = lambda clause: {  # noqa: E731
        "what are the recruitment stages": (
            "faq_recruitment_process",
            0.9,
            [("faq_recruitment_process", 0.9)],
        ),
        "is it all run under a code": ("out_of_scope", 0.95, [("out_of_scope", 0.95)]),
    }.get(clause.strip(" ?"))
    result, text = reply_text(
        kb,
        Question("what are the recruitment stages and is it all run under a code?", "faq_short_route", 0.8),
        reader,
    )
    assert result.topic_ids == ["recruitment_process"] and "Civil Service Code" in text


def test_the_first_sentence_answers_the_question(kb):
    _, text = reply_text(kb, Question("is the PQiP paid?", "faq_contract", 0.8))
    assert text.startswith(kb.fact("contract_pso").text)
    _, text = reply_text(
        kb, Question("which universities can I contact about the access route?", "faq_access_costs", 0.8)
    )
    assert text.startswith(kb.fact("university_contacts").text)


def test_ranking_keeps_the_written_order_when_nothing_stands_out(kb):
    topic = kb.topics["what_is_pqip"]
    assert rank_facts(kb, topic.facts, "what is the PQiP") == topic.facts


@pytest.mark.parametrize(
    "text, parts",
    [
        ("what is the PQiP and how do I apply?", 2),
        ("How long is it? Who provides it?", 2),
        ("what's a PSO, and what band are they", 2),
        ("what are the entry requirements and the intakes?", 1),
        ("what is the difference between a PSO and a probation officer", 1),
        ("I'm 30 and I have a degree", 1),
        ("can I apply and how?", 1),
        # a joining word after the question mark opens the next question, it is not one itself
        ("What does a PSO do? And also, is the PQiP paid?", 2),
        ("how long is the PQiP? Plus how do I apply?", 2),
    ],
)
def test_splitting_a_message_into_questions(text, parts):
    assert len(split_questions(text)) == parts


# --- the knowledge these read -------------------------------------------------------------


def test_generated_gap_examples_are_current():
    assert (ROOT / "data" / "nlu" / "gaps.yml").read_text() == render_examples(), (
        "run: python -m bot.build.gap_examples > data/nlu/gaps.yml"
    )


def test_every_gap_example_is_recognised_or_left_to_the_classifier(kb):
    gaps = load_gaps(kb)
    matched = sum(1 for g in gaps for e in g.examples if match_gap(e, gaps) is g)
    total = sum(len(g.examples) for g in gaps)
    assert matched / total > 0.9


def test_every_subject_topic_exists_and_each_topic_has_one_subject(kb):
    follow_ups = load_follow_ups(kb)
    claimed = [t for s in follow_ups.subjects for t in s.topics]
    assert len(claimed) == len(set(claimed))
    assert set(claimed) <= set(kb.topics)


def test_generic_words_do_not_include_the_words_that_name_gaps(kb):
    generic = vocabulary(kb).generic
    for word in ("salary", "uniform", "pension", "leave", "visa"):
        assert word not in generic


def write_knowledge(tmp_path, gaps_text=None, follow_ups_text=None):
    for source in (ROOT / "knowledge").glob("*.yml"):
        (tmp_path / source.name).write_text(source.read_text())
    if gaps_text is not None:
        (tmp_path / "gaps.yml").write_text(gaps_text)
    if follow_ups_text is not None:
        (tmp_path / "follow_ups.yml").write_text(follow_ups_text)
    return tmp_path


def test_a_gap_citing_an_unknown_fact_is_refused_by_name(tmp_path, kb):
    directory = write_knowledge(
        tmp_path, "gaps:\n- id: x\n  subject: x\n  asks: [x]\n  closest: [nope]\n  examples: [x]\n"
    )
    with pytest.raises(KnowledgeError, match=r"gaps.yml: gap 'x': unknown fact 'nope'"):
        load_gaps(load_knowledge(directory), directory)


def test_a_gap_with_a_broken_pattern_is_refused_by_name(tmp_path):
    directory = write_knowledge(
        tmp_path, "gaps:\n- id: y\n  subject: y\n  asks: ['(']\n  closest: []\n  examples: [y]\n"
    )
    with pytest.raises(KnowledgeError, match=r"gaps.yml: gap 'y': bad pattern"):
        load_gaps(load_knowledge(directory), directory)


def test_a_subject_naming_an_unknown_aspect_is_refused(tmp_path):
    text = (
        "aspects:\n- id: duration\n  says: how long\n  asks: [long]\n"
        "subjects:\n- id: s\n  names: [s]\n  topics: [pso_role]\n  answers: {cost: [pso_band3]}\n"
    )
    directory = write_knowledge(tmp_path, follow_ups_text=text)
    with pytest.raises(KnowledgeError, match=r"follow_ups.yml: subject 's': unknown aspect 'cost'"):
        load_follow_ups(load_knowledge(directory), directory)


# --- the last question's aspect carried over to a subject now named ------------------------


@pytest.mark.parametrize(
    "last_topic, last_aspect, text, expected_fact",
    [
        ("pqip_length", "duration", "and the access route?", "access_durations"),
        ("access_costs", "cost", "what about the PQiP?", "short_route_fourth_module"),
        ("universities", "provider", "and for the PQiP?", "pqip_components"),
    ],
)
def test_and_the_other_subject_asks_the_same_aspect_of_it(kb, last_topic, last_aspect, text, expected_fact):
    result, out = reply_text(kb, Question(text, "follow_up", 0.5, (), last_topic, last_aspect))
    assert out.startswith(kb.fact(expected_fact).text)
    assert result.aspect_id == last_aspect and result.gap_id is None


def test_the_same_aspect_of_a_subject_the_pages_say_nothing_of_it_for_says_so(kb):
    # The pages give a PSO's band, none for a probation officer.
    result, out = reply_text(
        kb, Question("and a probation officer?", "faq_officer_role", 0.8, (), "pso_role", "pay")
    )
    assert "don't say the pay or band" in out and "0808 164 9883" in out
    assert result.gap_id.endswith(":pay") and result.aspect_id == "pay"


@pytest.mark.parametrize(
    "text, last_aspect",
    [
        ("and what band is a probation officer?", "duration"),  # asks an aspect of its own
        ("tell me about the access route", "duration"),  # does not go on from the last
        ("and the access route?", None),  # nothing was asked of the last topic
        ("also, what is the access route?", "duration"),  # asks a question of its own
    ],
)
def test_no_aspect_is_carried_over_when_the_message_needs_none(kb, text, last_aspect):
    result = answer(kb, Question(text, "faq_access_routes", 0.9, (), "pqip_length", last_aspect))
    assert result is not None and result.aspect_id != "duration"
    assert not result.reply.text.startswith(kb.fact("access_durations").text)


def test_the_aspect_asked_is_remembered(kb):
    assert answer(kb, Question("How long is the PQiP?", "faq_pqip_length", 0.9)).aspect_id == "duration"
    assert answer(kb, Question("What is the PQiP?", "faq_what_is_pqip", 0.9)).aspect_id is None


# --- issue 21: a qualification asked about gets the whole picture ------------------------


@pytest.mark.parametrize(
    "text", ["I have a foundation degree - is that enough?", "is my HND enough to apply for the PQiP?"]
)
def test_a_qualification_that_meets_the_level_gets_the_whole_picture_and_the_check(kb, text):
    result, reply = reply_text(kb, Question(text, "faq_qualification_level", 0.9))
    assert "that part of the entry requirements is met" in reply
    assert kb.fact("entry_experience").text in reply  # experience is needed as well, cited
    assert "Check my eligibility" in [b.title for b in result.reply.buttons]


def test_a_qualification_below_the_level_gets_no_such_promise(kb):
    result, reply = reply_text(kb, Question("are my A levels enough?", "faq_qualification_level", 0.9))
    assert "below the Level 5 minimum" in reply and "part of the entry requirements is met" not in reply


def test_how_long_after_how_recruitment_works_is_recruitment_not_the_pqip(kb):
    """ "How long does that take?" after the recruitment stages asks how long recruitment
    takes, which no page says: not the PQiP's 15 or 21 months."""
    result = answer(kb, Question("how long does that take?", "follow_up", 0.7, [], "recruitment_process"))
    assert result is not None
    assert "don't say how long it takes" in result.reply.text
    assert "15 or 21 months" not in result.reply.text
    paid = answer(kb, Question("is it paid?", "follow_up", 0.7, [], "recruitment_process"))
    assert paid is not None and kb.fact("contract_pso").text in paid.reply.text
