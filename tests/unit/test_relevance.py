"""The relevance decision (bot/conversation/relevance.py `judge`): what a question asks
about (knowledge/concepts.yml) against what the chosen answer states, read from its
facts' own text; and how answering uses it (answers, partly answers, doesn't answer).

The intent and confidence given to `Question` stand for what the classifier said.
"""

import re

import pytest

from bot.conversation.answering import Question, answer
from bot.conversation.relevance import judge, says_of
from bot.knowledge import KnowledgeError, load_knowledge
from bot.knowledge.concepts import load_concepts
from tests.unit.knowledge_copy import edit

HONEST = re.compile(r"don't cover|don't say|can't find", re.IGNORECASE)
HELPLINE = "0808 164 9883"


@pytest.fixture(scope="module")
def kb():
    return load_knowledge()


def facts_of(kb, topic_id):
    return kb.topics[topic_id].facts


# --- the decision over (question, chosen answer) -----------------------------------------


@pytest.mark.parametrize(
    "question, topic_id, missing",
    [
        # the nearest topic names the PQiP, not another country
        ("can I train part of the PQiP abroad?", "what_is_pqip", ["abroad"]),
        ("will my student loan be paid off if I join?", "contract", ["loan"]),
        ("can probation officers arrest people?", "officer_role", ["powers"]),
        ("do you get a laptop and a work phone?", "officer_role", ["equipment"]),
        ("do they give you a stab vest?", "pso_role", ["equipment"]),
        ("what's the pension like?", "contract", ["pension"]),
        ("how many days holiday do learners get?", "pqip_length", ["leave"]),
        ("I have type 1 diabetes, will that come up in my medical?", "recruitment_process", ["health"]),
        ("what happens to my universal credit if I start?", "contract", ["benefits"]),
        ("can I keep my second job as a barber?", "contract", ["second_job"]),
        ("is there a fitness test at the assessment day?", "recruitment_process", ["assessment_format"]),
        ("will they pay for my childcare?", "access_costs", ["family_care"]),
        ("is the PQiP recognised in Canada?", "what_is_pqip", ["abroad"]),
        ("can I bring my dog to the office?", "officer_role", ["animals"]),
        ("will a CCJ for mortgage arrears stop me getting vetted?", "security_clearance", ["loan"]),
        ("how stressful is the job, do many people burn out?", "officer_role", ["wellbeing"]),
        ("is my Polish law degree accepted?", "qualification_level", ["abroad"]),
        ("do I need to speak Welsh to work in Wales?", "entry_requirements", ["welsh_language"]),
    ],
)
def test_what_the_answer_never_states_is_not_answered(kb, question, topic_id, missing):
    judged = judge(kb, question, facts_of(kb, topic_id), kb.topics[topic_id])
    assert [c.id for c in judged.missing] == missing
    assert judged.not_at_all and not judged.answers


@pytest.mark.parametrize(
    "question, topic_id",
    [
        ("what band is a PSO?", "pso_role"),  # pay: the PSO's Band 3 states it
        ("will I earn money during the PQiP?", "contract"),  # pay as an aspect: the PSO contract
        ("how long does the PQiP take?", "pqip_length"),  # names no concept: the answer stands
        (
            "does helping adults with learning disabilities count?",
            "relevant_experience",
        ),  # not the visitor's health
        ("what is a probation officer?", "officer_role"),
    ],
)
def test_what_the_answer_states_is_answered(kb, question, topic_id):
    judged = judge(kb, question, facts_of(kb, topic_id), kb.topics[topic_id])
    assert judged.answers and not judged.missing


def test_part_of_what_was_asked_is_stated(kb):
    judged = judge(
        kb, "what band is a PSO and do they get a stab vest?", facts_of(kb, "pso_role"), kb.topics["pso_role"]
    )
    assert judged.partly
    assert [c.id for c in judged.stated] == ["pay"] and [c.id for c in judged.missing] == ["equipment"]


def test_a_concept_is_stated_by_a_facts_own_text(kb):
    # never listed by hand: the PSO's Band 3 fact names a band
    concepts = load_concepts(kb)
    assert "pay" in concepts.stated_by(["pso_band3"])
    assert "loan" not in concepts.stated_by(list(kb.facts))


def test_several_missing_concepts_are_named_together(kb):
    judged = judge(kb, "do probation officers get a car and a pension?", facts_of(kb, "officer_role"))
    assert says_of(judged.missing) == (
        "pensions, nor equipment or kit: cars, laptops, phones, uniforms, protective or defensive gear"
    )


# --- answering with the decision ------------------------------------------------------------


@pytest.mark.parametrize(
    "text, intent, says",
    [
        ("can I train part of the PQiP abroad?", "faq_what_is_pqip", "outside the UK"),
        ("will my student loan be paid off if I join?", "faq_contract", "student loans"),
        ("are probation officers allowed to search people's homes?", "faq_officer_role", "searching"),
        ("do probation officers carry handcuffs?", "faq_officer_role", "arresting"),
    ],
)
def test_the_nearest_topic_is_not_given_as_the_answer(kb, text, intent, says):
    result = answer(kb, Question(text, intent, 0.95, [(intent, 0.95)]))
    said = result.reply.text
    assert "don't cover" in said and says in said and HELPLINE in said, said
    assert result.gap_id and not result.topic_ids
    # the nearest topic is offered, not stated
    topic = kb.topic_for_intent(intent)
    assert not any(kb.fact(f).text in said for f in topic.facts), said


def test_a_partly_answered_question_says_which_part_the_pages_cover(kb):
    text = "what band is a PSO and do they get a stab vest?"
    result = answer(kb, Question(text, "faq_pso_role", 0.9, [("faq_pso_role", 0.9)]))
    said = result.reply.text
    assert "Band 3" in said  # the part the pages cover, answered
    assert "The pages cover pay figures, salaries or bands as above; they don't cover equipment" in said, said
    assert HELPLINE in said and result.gap_id == "pso_role:equipment"


def test_a_runner_up_that_states_what_was_asked_answers(kb):
    # read as the PQiP's length, the PSO's band is ranked next: it states pay
    ranking = [("faq_pqip_length", 0.5), ("faq_pso_role", 0.4)]
    result = answer(kb, Question("what pay band is a PSO on?", "faq_pqip_length", 0.5, ranking))
    assert "Band 3" in result.reply.text and result.topic_ids == ["pso_role"]


def test_a_related_runner_up_answers_a_word_the_top_topic_lacks(kb):
    ranking = [("faq_level5_examples", 0.37), ("faq_study_independently", 0.33)]
    result = answer(
        kb,
        Question(
            "are the level 4 and level 5 qualifications standalone", "faq_level5_examples", 0.37, ranking
        ),
    )
    assert result.topic_ids == ["study_independently"] and not HONEST.search(result.reply.text)


def test_paid_work_is_not_a_question_about_pay(kb):
    # "paid" asks whether paid experience is needed: no word on a learner's pay follows
    said = answer(
        kb,
        Question(
            "is paid work needed or is volunteering fine",
            "faq_relevant_experience",
            0.85,
            [("faq_relevant_experience", 0.85)],
        ),
    ).reply.text
    assert "voluntary" in said and not HONEST.search(said), said


# --- the file -----------------------------------------------------------------------------------


def test_a_concept_with_a_bad_pattern_names_itself(copy_of_knowledge):
    edit(copy_of_knowledge / "concepts.yml", lambda d: d["concepts"][0].update(names=["(unclosed"]))
    with pytest.raises(KnowledgeError, match="loan"):
        load_concepts(load_knowledge(copy_of_knowledge), copy_of_knowledge)


def test_concepts_need_unique_ids(copy_of_knowledge):
    edit(copy_of_knowledge / "concepts.yml", lambda d: d["concepts"].append(dict(d["concepts"][0])))
    with pytest.raises(KnowledgeError):
        load_concepts(load_knowledge(copy_of_knowledge), copy_of_knowledge)


# --- follow-ups and two questions --------------------------------------------------------------


def test_who_makes_that_call_after_failing_the_pqip_is_the_employer(kb):
    said = answer(
        kb, Question("who makes that call?", "follow_up", 0.8, [("follow_up", 0.8)], "failing_pqip")
    ).reply.text
    assert "your employer makes that decision" in said and "previous study" not in said, said


def test_a_part_the_fallback_took_is_read_as_its_likeliest_topic(kb):
    readings = {
        "what qualifications do I need": (
            "nlu_fallback",
            0.3,
            [("nlu_fallback", 0.3), ("faq_entry_requirements", 0.25)],
        ),
        "is it paid": ("follow_up", 0.5, [("follow_up", 0.5), ("faq_contract", 0.3)]),
    }
    result = answer(
        kb,
        Question("what qualifications do I need and also is it paid", "nlu_fallback", 0.3),
        lambda clause: readings.get(clause),
    )
    said = result.reply.text
    assert "Level 5 or above" in said and "Probation Service Officer (PSO) contract" in said, said


@pytest.mark.parametrize(
    "text, intent",
    [
        ("my brother is in prison, could I still become a probation officer?", "faq_entry_requirements"),
        ("my mum was arrested years ago, does it matter for my application?", "faq_recruitment_process"),
        # a relative with a word before it, and relatives asked about with no "my"
        (
            "my little sister got a caution last year, is that a problem for my vetting?",
            "faq_security_clearance",
        ),
        ("my eldest son has a conviction, would it stop me?", "faq_security_clearance"),
        (
            "i've got a spent caution, but do they check spouses as well for security clearance?",
            "faq_security_clearance",
        ),
        ("when they do the vetting are family members vetted too?", "faq_security_clearance"),
    ],
)
def test_a_relatives_record_gets_the_applicants_rules_and_says_the_rest_is_not_covered(kb, text, intent):
    result = answer(kb, Question(text, intent, 0.6, [(intent, 0.6)]))
    said = result.reply.text
    assert said.startswith("The pages cover your own convictions and cautions as an applicant:"), said
    assert (
        "They don't say anything about a relative's, partner's or friend's record" in said
        and HELPLINE in said
    )


def test_can_i_try_again_after_failing_is_about_retaking_the_pqip(kb):
    ranking = [("ask_not_covered", 0.6), ("faq_age_requirement", 0.2)]
    result = answer(kb, Question("can I try again?", "ask_not_covered", 0.6, ranking, "failing_pqip"))
    said = result.reply.text
    assert "don't cover retaking or resitting the PQiP" in said and '"What if I fail the PQiP?"' in said, said
    assert HELPLINE in said and "Minimum age" not in said


def test_is_it_hard_after_a_topic_is_still_not_answered_with_its_facts(kb):
    ranking = [("ask_not_covered", 0.6), ("faq_pqip_length", 0.2)]
    result = answer(kb, Question("is it hard?", "ask_not_covered", 0.6, ranking, "pqip_length"))
    assert HONEST.search(result.reply.text) and "15 or 21 months" not in result.reply.text, result.reply.text


def test_an_asking_clause_too_short_to_place_keeps_the_whole_messages_reading(kb):
    text = "I heard the training is at a university, which ones?"
    readings = {"which ones?": ("nlu_fallback", 0.3, [("nlu_fallback", 0.3), ("follow_up", 0.19)])}
    result = answer(
        kb,
        Question(text, "faq_universities", 0.54, [("faq_universities", 0.54)]),
        lambda clause: readings.get(clause),
    )
    assert "De Montfort" in result.reply.text, result.reply.text


def test_the_subject_the_question_names_decides_between_close_topics(kb):
    # who the question is about: a PSO, not a probation officer
    ranking = [("faq_officer_role", 0.51), ("faq_pso_role", 0.49)]
    text = "what does a probation service officer actually do day to day"
    assert answer(kb, Question(text, "faq_officer_role", 0.51, ranking)).topic_ids == ["pso_role"]
    assert answer(
        kb, Question("what does a probation officer do", "faq_officer_role", 0.51, ranking)
    ).topic_ids == ["officer_role"]


# --- a word nothing in the knowledge uses: the answer, then "the pages don't mention it" -----


@pytest.mark.parametrize(
    "text, word",
    [
        ("would I need to pass an IELTS before I apply for the PQiP?", "IELTS"),
        ("do they hand out personal alarms to take on visits", "alarms"),
        ("does the level 5 course end with a dissertation?", "dissertation"),
    ],
)
def test_a_word_no_page_uses_is_found_as_written(kb, text, word):
    from bot.conversation.relevance import unmentioned

    assert word in unmentioned(kb, text)


@pytest.mark.parametrize(
    "text",
    [
        "what qualifcations do i need to be a probation oficer",  # typos of known words
        "approximately how long is the PQiP?",  # an adverb
        "I'm nineteen, am I old enough?",  # a number word
        "is a pso job a good choice if I lack a degree",  # words that name no thing
        "do PSOs earn a bursary?",  # a concept judge decides (pay)
    ],
)
def test_known_words_typos_and_framing_words_are_not_unmentioned(kb, text):
    from bot.conversation.relevance import unmentioned

    assert unmentioned(kb, text) == []


def test_the_answer_stands_and_says_the_pages_dont_mention_the_word(kb):
    text = "would I need to pass an IELTS before I apply for the PQiP?"
    result = answer(kb, Question(text, "faq_entry_requirements", 0.8, [("faq_entry_requirements", 0.8)]))
    said = result.reply.text
    assert "Level 5 or above" in said  # the entry requirements still answer
    assert 'don\'t mention "IELTS"' in said and HELPLINE in said, said
    assert result.gap_id == "entry_requirements:unmentioned"


@pytest.mark.parametrize(
    "question",
    [
        "when will I be able to apply",
        "since I have no degree, what route is there",
        "alongside the study, although it is hard, whether I can work",
    ],
)
def test_function_words_name_nothing_a_topic_could_lack(kb, question):
    # "able", "since", "although", "whether", "alongside" say how a question is put, not what
    # it is about: a topic is never ruled out for not using them.
    from bot.conversation.relevance import vocabulary

    specific = vocabulary(kb).specific(question)
    assert not specific & {"abl", "sinc", "although", "whether", "alongsid"}


@pytest.mark.parametrize(
    "text, intent",
    [
        ("how many people have gained SFJ Awards certificates?", "faq_sfj_awards"),
    ],
)
def test_a_loose_gap_pattern_does_not_take_a_question_its_topic_answers(kb, text, intent):
    result = answer(kb, Question(text, intent, 0.95))
    assert result.gap_id is None and "7,966" in result.reply.text


@pytest.mark.parametrize(
    "text, gap_id",
    [
        ("do probation officers earn more than teachers?", "pay"),
        ("roughly how many offenders would I hold at once?", "caseload"),
    ],
)
def test_comparisons_of_pay_and_caseload_sizes_are_admitted(kb, text, gap_id):
    result = answer(kb, Question(text, "faq_officer_role", 0.8))
    assert result.gap_id == gap_id and HELPLINE in result.reply.text


def test_a_speeding_fine_is_not_answered_as_a_conviction(kb):
    judged = judge(
        kb,
        "I got a speeding fine, do I declare it?",
        facts_of(kb, "security_clearance"),
        kb.topics["security_clearance"],
    )
    assert [c.id for c in judged.missing] == ["motoring"]


@pytest.mark.parametrize(
    "text, intent, gap_id",
    [
        # the question leans on the background ("it"); where the degree is from is asked too
        (
            "My degree is from a university in Spain. Is it enough for the PQiP?",
            "faq_qualification_level",
            "qualification_level:abroad",
        ),
        (
            "I was fined for speeding and got 3 points. Is that something I must declare?",
            "faq_security_clearance",
            "security_clearance:motoring",
        ),
    ],
)
def test_a_background_concept_the_question_leans_on_is_asked(kb, text, intent, gap_id):
    result = answer(kb, Question(text, intent, 0.9))
    assert result.gap_id == gap_id and HONEST.search(result.reply.text) and HELPLINE in result.reply.text


@pytest.mark.parametrize(
    "text, intent",
    [
        # mentioned in passing: the hours of the volunteering, an arrest of a relative
        (
            "I help out four hours a week at a night shelter, does that count as experience?",
            "faq_relevant_experience",
        ),
    ],
)
def test_a_background_concept_mentioned_in_passing_is_not_asked(kb, text, intent):
    result = answer(kb, Question(text, intent, 0.9))
    assert result.gap_id is None and "voluntary" in result.reply.text


def test_judge_reads_a_background_only_for_the_concepts_marked_so(kb):
    facts = facts_of(kb, "relevant_experience")
    topic = kb.topics["relevant_experience"]
    assert not judge(kb, "does that count?", facts, topic, "I work nights in a hostel").asked
    assert [c.id for c in judge(kb, "does it count?", facts, topic, "my degree is from Canada").asked] == [
        "abroad"
    ]


# --- the closest the pages say about what no page states -------------------------------


@pytest.mark.parametrize(
    "text, intent",
    [
        ("does a degree from Poland count for the PQiP?", "faq_qualification_level"),
        ("would my Nigerian degree be accepted?", "faq_entry_requirements"),
        ("is a qualification from India recognised?", "faq_level5_examples"),
    ],
)
def test_a_question_about_a_country_gets_what_the_pages_do_say_and_the_helpline(kb, text, intent):
    """Not a bare "not covered": the level needed and the right to work, then that the pages
    don't say how qualifications from abroad are recognised, then the helpline."""
    reply = answer(kb, Question(text, intent, 0.7)).reply.text
    assert "don't cover qualifications, work or training from outside the UK" in reply
    assert kb.fact("entry_level5").text in reply
    assert kb.fact("entry_right_to_work").text in reply
    assert HELPLINE in reply
    # the closest facts come after the admission, never as if they answered it
    assert reply.index("don't cover") < reply.index(kb.fact("entry_level5").text)


def test_a_loan_question_gets_the_closest_about_costs(kb):
    reply = answer(
        kb, Question("can I get student finance for the level 5 diploma?", "faq_access_costs", 0.7)
    )
    assert reply is not None
    assert "don't cover student loans" in reply.reply.text
    assert kb.fact("access_sponsorship").text in reply.reply.text


def test_a_concept_closest_must_name_facts(copy_of_knowledge):
    edit(copy_of_knowledge / "concepts.yml", lambda d: d["concepts"][0].update(closest=["no_such_fact"]))
    with pytest.raises(KnowledgeError, match="closest"):
        load_concepts(load_knowledge(copy_of_knowledge), copy_of_knowledge)
