"""The wording issue 22 found, each checked against what the pages say.

Each test would have failed on the wording before the fix: what was said, and
what the page says instead.
"""

import re

import pytest

from bot.conversation.answering import Question, answer
from bot.helpline.reference import quote
from bot.interview import feedback as fb
from bot.interview.bank import GENERAL_GUIDANCE, load_bank
from bot.knowledge import load_knowledge
from bot.knowledge.follow_ups import load_follow_ups
from bot.knowledge.gaps import load_gaps, match_gap

KB = load_knowledge()


def text_of(fact_id: str) -> str:
    return " ".join(KB.fact(fact_id).text.split())


def reply(question: Question) -> str:
    result = answer(KB, question)
    assert result is not None
    return result.reply.text


# --- whose claim it is --------------------------------------------------------------


def test_the_helpline_reference_says_what_the_code_is_for():
    # No page says the helpline can see a chat; staff of this service find it by the code.
    line = quote("PC-7K3QX")
    assert "so they can see our conversation" not in line
    assert "staff of this service can find our conversation" in line and line.endswith("PC-7K3QX.")


def test_the_right_to_work_is_the_careers_guides_and_the_faq_is_silent():
    text = text_of("entry_right_to_work")
    assert KB.fact("entry_right_to_work").source == "career_guide"
    assert "careers guide" in text and "official recruitment FAQ doesn't mention it" in text
    rules = KB.eligibility
    assert "careers guide" in rules.outcomes["no_right_to_work"].headline
    assert "what the pages ask" not in rules.caveats["outside_uk"].text
    assert "careers guide" in rules.caveats["outside_uk"].text


def test_the_social_work_route_is_002s_not_the_one_to_follow():
    headline = " ".join(KB.eligibility.outcomes["social_work_route"].headline.split())
    assert "the one to follow" not in headline
    assert "PSO profile" in headline


def test_a_conflict_between_two_unofficial_pages_follows_neither():
    # The minimum age: 001's 18, 002's 20, 003 silent. The answer says whose 18 is.
    note = " ".join(KB.conflict_notes("entry_min_age"))
    assert "this answer follows" not in note
    assert KB.sources["career_guide"].title in note and "doesn't settle it" in note
    # Where 003 is the page followed, the note says it wins.
    assert "which wins where the pages disagree" in " ".join(KB.conflict_notes("pqip_length"))


def test_pqip_in_england_and_wales_is_said_as_003s_inference():
    assert KB.fact("pqip_england_wales").source == "official_faq"
    assert text_of("pqip_england_wales").startswith("The official recruitment FAQ recruits to the PQiP")


def test_interview_tips_and_outlines_are_marked_as_general_guidance():
    # Outlines and tips ("open about mistakes", "arrange an interpreter") are our
    # advice, shown beside a page's skill: the feedback says they are not the page's.
    bank = load_bank()
    question = next(q for q in bank.questions.values() if q.kind == "behavioural")
    answer_text = (
        "In my last job a resident was shouting at staff. I stayed calm, listened to him, "
        "explained the rules and we agreed a plan. As a result he calmed down."
    )
    text = fb.render(KB, bank, question, fb.assess(bank, question, answer_text), 1, 5)
    outline_line = next(line for line in text.splitlines() if line.startswith("A strong answer would cover:"))
    assert outline_line.endswith(GENERAL_GUIDANCE)


def test_retired_standard_labels_in_interview_feedback_say_retired():
    bank = load_bank()
    assert "retired apprenticeship standard (2019-2021)" in bank.skills["b1"].label


# --- said as the page says it ---------------------------------------------------------


@pytest.mark.parametrize(
    "fact_id,must,must_not",
    [
        ("failing_pqip_outcome", ["return to a previous Probation Service Officer"], []),
        (
            "access_route_level5",
            ["If you complete the Level 4 access study successfully"],
            ["After the Level 4"],
        ),
        ("pqip_components", ["Other elements of the programme include"], ["is made up of"]),
        ("officer_early_career", ["can involve"], ["probation officers write"]),
        (
            "two_pathways",
            ["whose entry requirements still apply"],
            ["through work as a probation services officer,"],
        ),
        (
            "skills_list",
            ["The PSO profile lists the skills a Probation Service Officer needs"],
            ["Other useful skills"],
        ),
    ],
)
def test_wording_keeps_the_pages_hedges(fact_id, must, must_not):
    text = text_of(fact_id)
    for phrase in must:
        assert phrase in text, (fact_id, phrase)
    for phrase in must_not:
        assert phrase not in text, (fact_id, phrase)


def test_the_21_month_headline_says_modules_not_the_four_areas():
    # 003: "The first 6 months will include studying the knowledge modules".
    headline = " ".join(KB.eligibility.outcomes["pqip_21_month"].headline.split())
    assert "four knowledge areas" not in headline and "NPS funds" in headline


def test_access_route_steps_keep_if_you_complete_it_successfully():
    steps = [s.text for o in KB.eligibility.outcomes.values() for s in o.next_steps]
    for step in steps:
        if "Level 4" in step and "Level 5 distance" in step:
            assert "successfully" in step, step
    headline = " ".join(KB.eligibility.outcomes["access_route"].headline.split())
    assert "if you complete it successfully" in headline


def test_follow_ups_imply_no_band_for_learners_and_no_free_pqip():
    follow_ups = load_follow_ups(KB)
    pqip = next(s for s in follow_ups.subjects if s.id == "pqip")
    assert "pso_band3" not in pqip.answers["pay"] and "pso_band3" not in KB.topics["contract"].facts
    assert "contract_pso" not in pqip.answers["cost"]
    assert "free" in pqip.unsaid["cost"] and "band" in pqip.unsaid["pay"]
    text = reply(Question("is it free?", "follow_up", 0.7, (), "what_is_pqip"))
    assert "don't say what the PQiP itself costs or whether it is free" in text
    text = reply(Question("what band would I be on?", "follow_up", 0.7, (), "contract"))
    assert "Band 3" not in text and "don't say a PQiP learner's pay or band" in text


def test_the_pay_gap_says_no_page_gives_a_learners_band():
    gap = next(g for g in load_gaps(KB) if g.id == "pay")
    assert "pso_band3" in gap.closest and "band of a PQiP learner" in gap.subject


def test_the_caseload_gap_gives_the_high_volumes_the_pages_speak_of():
    gap = next(g for g in load_gaps(KB) if g.id == "caseload")
    closest = " ".join(text_of(f) for f in gap.closest)
    assert "high volumes of complex cases" in closest and "complex caseloads" in closest
    assert "workload" not in gap.subject


# --- conflicts recorded ---------------------------------------------------------------


@pytest.mark.parametrize(
    "fact_id,source,phrase",
    [
        ("entry_experience", "career_guide", "ideally"),
        ("pso_no_qualification", "pso_profile", "low-risk"),
        ("clearance_declare_all", "pso_profile", "CRB"),
        ("pqip_definition", "apprenticeship_standard", "non-degree"),
        ("experience_and_level5", "pso_profile", "variety"),
    ],
)
def test_the_conflicts_issue_22_found_are_recorded(fact_id, source, phrase):
    assert any(c.source == source and phrase in c.claim for c in KB.fact(fact_id).conflicts), fact_id


# --- the retired standard is said in the past, as retired ------------------------------

RETIRED = [f for f in KB.facts.values() if KB.sources[f.source].retired]


def test_only_the_apprenticeship_standard_is_retired():
    assert [s.id for s in KB.sources.values() if s.retired] == ["apprenticeship_standard"]
    assert len(RETIRED) >= 10


@pytest.mark.parametrize("fact", RETIRED, ids=[f.id for f in RETIRED])
def test_a_fact_from_the_retired_standard_says_so_in_the_past(fact):
    text = " ".join(fact.text.split())
    assert "retired apprenticeship standard (2019-2021)" in text or re.search(r"\bis retired\b", text), (
        fact.id
    )
    present = re.findall(
        r"\b(?:probation officers|officers|they) (?:are expected|are required|work|must)\b", text
    )
    assert not present, (fact.id, present)


def test_the_official_faq_keeps_the_recent_reports_hedge():
    assert text_of("staff_shortfall").startswith("Recent reports point to")


# --- "£" and the apprenticeship's length ----------------------------------------------


@pytest.mark.parametrize(
    "question",
    [
        "what was the £21,000 for?",
        "is £21000 the maximum funding for the apprenticeship",
        "who pays for the £21,000 of funding",
    ],
)
def test_a_pound_sign_alone_is_not_the_pay_gap(question):
    assert match_gap(question, load_gaps(KB)) is None


@pytest.mark.parametrize(
    "question", ["is the salary £30,000?", "do PSOs earn £25k", "£28,000 a year, is that right"]
)
def test_a_pound_sign_with_pay_words_still_is(question):
    gap = match_gap(question, load_gaps(KB))
    assert gap is not None and gap.id == "pay"


def test_the_funding_question_is_answered_from_the_retired_standard():
    text = reply(
        Question("was the £21,000 maximum funding for the apprenticeship?", "faq_retired_apprenticeship", 0.8)
    )
    assert "£21,000" in text and "retired apprenticeship standard" in text
    assert "don't cover pay" not in text


@pytest.mark.parametrize("last_topic", ["apprenticeships", "retired_apprenticeship"])
def test_how_long_is_it_after_the_apprenticeships_gives_the_standards_duration(last_topic):
    text = reply(Question("how long is it?", "follow_up", 0.7, (), last_topic))
    assert "36 months" in text and "retired apprenticeship standard (2019-2021)" in text
    assert "don't say how long the Level 3, 4 or 5 apprenticeships take" in text


# --- interview practice claims only the sources it uses --------------------------------

_SOURCE_WORDS = {"pso_profile": "PSO page", "apprenticeship_standard": "retired apprenticeship standard"}


def test_each_practice_style_names_the_pages_its_questions_are_scored_on():
    bank = load_bank()
    for style in bank.styles.values():
        used = {
            bank.skills[s].source for q in bank.questions.values() if style.id in q.styles for s in q.skills
        }
        for source in used:
            assert _SOURCE_WORDS[source] in style.intro, (style.id, source)
    # No skill cites 003, so the PQiP style doesn't claim to score on 003's skills.
    assert not any(s.source == "official_faq" for s in bank.skills.values())
    assert "behaviours the apprenticeship standard asks for" not in bank.styles["pqip"].intro


def test_a_pso_session_does_not_end_with_the_pqips_stages_as_if_they_were_a_psos():
    from bot.interview import summary as closing

    bank = load_bank()
    empty = closing.summarise(bank, [])
    pso_text, _ = closing.render(KB, bank, empty, stopped=False, style="pso")
    assert "don't describe how PSO posts are recruited" in pso_text
    pqip_text, _ = closing.render(KB, bank, empty, stopped=False, style="pqip")
    assert "PSO posts" not in pqip_text and KB.fact("recruitment_stages").text in pqip_text


@pytest.mark.parametrize(
    "question,fact_id",
    [
        (
            "what does the level 4 domestic and sexual abuse support worker apprenticeship involve",
            "apprenticeship_level4_dsa",
        ),
        (
            "what does the level 5 youth justice practitioner apprenticeship involve",
            "apprenticeship_level5_yjp",
        ),
        ("what does the community safety advisor apprenticeship involve", "apprenticeship_community_safety"),
    ],
)
def test_of_several_facts_for_the_aspect_the_one_asked_about_leads(question, fact_id):
    text = reply(Question(question, "faq_apprenticeships", 0.8))
    assert text.startswith(text_of(fact_id)[:60])
