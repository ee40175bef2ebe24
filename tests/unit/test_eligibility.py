"""The eligibility rules over the real knowledge files: outcomes, lengths, citations, wording."""
import re

import pytest

from bot.eligibility import Profile, assess, fields_needed
from bot.knowledge import load_knowledge

KB = load_knowledge()

# A complete profile that meets every requirement; cases change one thing at a time.
READY = dict(age=30, right_to_work=True, nation="england", qualification_level=6,
             qualification_name="Bachelor's degree", knowledge_areas=4, experience=True)


def profile(**changes) -> Profile:
    return Profile(**{**READY, **changes})


CASES = [
    # (id, profile, outcome, length_months)
    ("ready_degree_all_areas", profile(), "pqip_15_month", 15),
    ("three_areas", profile(knowledge_areas=3), "pqip_15_month", 15),
    ("two_areas", profile(knowledge_areas=2), "pqip_21_month", 21),
    ("one_area", profile(knowledge_areas=1), "pqip_21_month", 21),
    ("no_areas", profile(knowledge_areas=0), "pqip_21_month", 21),
    ("hnd_all_areas", profile(qualification_level=5, qualification_name="Higher National Diploma (HND)"),
     "pqip_15_month", 15),
    ("level5_two_areas", profile(qualification_level=5, knowledge_areas=2), "pqip_21_month", 21),
    ("masters", profile(qualification_level=7, qualification_name="Master's degree"), "pqip_15_month", 15),
    ("doctorate_no_areas", profile(qualification_level=8, knowledge_areas=0), "pqip_21_month", 21),
    ("age_18", profile(age=18), "pqip_15_month", 15),
    ("age_19", profile(age=19, knowledge_areas=2), "pqip_21_month", 21),
    ("age_100", profile(age=100), "pqip_15_month", 15),
    ("wales", profile(nation="wales"), "pqip_15_month", 15),
    ("wales_21", profile(nation="wales", knowledge_areas=1), "pqip_21_month", 21),
    ("elsewhere_ready", profile(nation="elsewhere"), "pqip_15_month", 15),
    ("elsewhere_21", profile(nation="elsewhere", knowledge_areas=0), "pqip_21_month", 21),
    ("elsewhere_no_level5", profile(nation="elsewhere", qualification_level=3, experience=False),
     "pso_route", None),
    ("pso_role_level5", profile(role="pso", experience=None, qualification_level=5), "pqip_15_month", 15),
    ("pso_role_says_no_experience", profile(role="pso", experience=False), "pqip_15_month", 15),
    ("pso_role_level3", profile(role="pso", experience=None, qualification_level=3,
                                knowledge_areas=None), "access_route", None),
    ("level5_no_experience", profile(qualification_level=5, experience=False, knowledge_areas=None),
     "needs_experience", None),
    ("degree_no_experience", profile(experience=False, knowledge_areas=None), "needs_experience", None),
    ("level4_experience_vq", profile(qualification_level=4, knowledge_areas=None, level3_vq=True),
     "access_route", None),
    ("level3_experience_vq", profile(qualification_level=3, knowledge_areas=None, level3_vq=True),
     "access_route", None),
    ("level4_experience_no_vq", profile(qualification_level=4, knowledge_areas=None, level3_vq=False),
     "access_via_pso", None),
    ("gcse_experience_no_vq", profile(qualification_level=2, knowledge_areas=None, level3_vq=False),
     "access_via_pso", None),
    ("level4_no_experience", profile(qualification_level=4, knowledge_areas=None, experience=False),
     "pso_route", None),
    ("none_no_experience", profile(qualification_level=0, knowledge_areas=None, experience=False),
     "pso_route", None),
    ("staff_no_experience", profile(qualification_level=3, knowledge_areas=None, experience=False,
                                    role="probation_staff"), "pso_route", None),
    ("scotland", profile(nation="scotland"), "social_work_route", None),
    ("northern_ireland", profile(nation="northern_ireland"), "social_work_route", None),
    ("scotland_only_so_far", Profile(age=25, right_to_work=True, nation="scotland"),
     "social_work_route", None),
    ("no_right_to_work", profile(right_to_work=False), "no_right_to_work", None),
    ("no_right_to_work_early", Profile(age=40, right_to_work=False), "no_right_to_work", None),
    ("age_17", profile(age=17), "under_18", None),
    ("age_16_only", Profile(age=16), "under_18", None),
    ("under_18_beats_right_to_work", Profile(age=17, right_to_work=False), "under_18", None),
    ("empty", Profile(), "incomplete", None),
    ("age_only", Profile(age=25), "incomplete", None),
    ("no_nation", profile(nation=None), "incomplete", None),
    ("no_level", profile(qualification_level=None, knowledge_areas=None), "incomplete", None),
    ("no_areas_answer", profile(knowledge_areas=None), "incomplete", None),
    ("no_experience_answer", profile(experience=None), "incomplete", None),
    ("no_vq_answer", profile(qualification_level=4, knowledge_areas=None), "incomplete", None),
    ("no_age", profile(age=None), "incomplete", None),
    ("no_right_to_work_answer", profile(right_to_work=None), "incomplete", None),
]


@pytest.mark.parametrize("name,case,outcome,length", CASES, ids=[c[0] for c in CASES])
def test_outcome_and_length(name, case, outcome, length):
    result = assess(case, KB)
    assert result.outcome == outcome
    assert result.length_months == length
    assert result.complete == (outcome != "incomplete")
    assert result.headline and result.next_steps


@pytest.mark.parametrize("name,case,outcome,length", CASES, ids=[c[0] for c in CASES])
def test_every_reason_cites_an_existing_fact_and_source(name, case, outcome, length):
    result = assess(case, KB)
    if outcome != "incomplete":
        assert result.reasons
    titles = {s.title for s in KB.sources.values()}
    for reason in result.reasons:
        assert reason.fact_id in KB.facts
        assert reason.text == KB.facts[reason.fact_id].text
        assert reason.source_title in titles


INCOMPLETE_NEXT = [
    (Profile(), "age"),
    (Profile(age=25), "right_to_work"),
    (Profile(age=25, right_to_work=True), "nation"),
    (Profile(age=25, right_to_work=True, nation="wales"), "qualification_level"),
    (profile(knowledge_areas=None), "knowledge_areas"),
    (profile(experience=None), "experience"),
    (profile(qualification_level=4, knowledge_areas=None), "level3_vq"),
    (profile(age=None), "age"),
]


@pytest.mark.parametrize("case,first", INCOMPLETE_NEXT)
def test_incomplete_asks_the_right_next_field(case, first):
    result = assess(case, KB)
    assert result.outcome == "incomplete"
    assert result.missing[0] == first


@pytest.mark.parametrize("case,needed", [
    (Profile(), ["age", "right_to_work", "nation", "qualification_level", "experience"]),
    (Profile(age=17), []),
    (Profile(age=30, right_to_work=False), []),
    (Profile(age=30, right_to_work=True, nation="scotland"), []),
    (Profile(age=30, right_to_work=True, nation="northern_ireland"), []),
    (Profile(age=30, right_to_work=True, nation="elsewhere"), ["qualification_level", "experience"]),
    (Profile(age=30, right_to_work=True, nation="england", qualification_level=5),
     ["knowledge_areas", "experience"]),
    (Profile(age=30, right_to_work=True, nation="england", qualification_level=4), ["experience"]),
    (Profile(age=30, right_to_work=True, nation="england", qualification_level=4, experience=True),
     ["level3_vq"]),
    (Profile(age=30, right_to_work=True, nation="england", qualification_level=4, experience=False), []),
    (Profile(age=30, right_to_work=True, nation="england", qualification_level=4, role="pso"), []),
    (Profile(age=30, right_to_work=True, nation="england", qualification_level=6, role="pso"),
     ["knowledge_areas"]),
    (Profile(age=30, right_to_work=True, nation="england", qualification_level=6, experience=False), []),
    (Profile(right_to_work=False), []),  # settled already, whatever the age
])
def test_fields_needed_skips_what_cannot_change_the_answer(case, needed):
    assert fields_needed(case, KB) == needed
    assert fields_needed(case) == needed  # default knowledge


FORBIDDEN_IN_HEADLINES = ["age", "old", "experience", "qualification", "module", "cover",
                          "vocational", "conviction", "england", "wales", "scotland",
                          "northern ireland", "would you like", "do you want", "confirm",
                          "correct?"]
QUALIFYING = {"pqip_15_month", "pqip_21_month"}


@pytest.mark.parametrize("outcome", sorted(KB.eligibility["outcomes"]))
def test_headline_wording_rules(outcome):
    wording = KB.eligibility["outcomes"][outcome]
    headline = " ".join(wording["headline"].split()).lower()
    for word in FORBIDDEN_IN_HEADLINES:  # substrings too: "stage" would trip "age"
        assert word not in headline, (outcome, word)
    assert len(re.findall(r"[.!?](\s|$)", headline)) <= 1, "one sentence"
    for step in wording["next_steps"]:
        assert step.get("fact") in KB.facts or outcome == "incomplete"


@pytest.mark.parametrize("outcome,must_say", [
    ("pqip_15_month", "15 months"), ("pqip_21_month", "21 months"),
    ("social_work_route", "social work"), ("under_18", "18"),
    ("no_right_to_work", "right to work"),
])
def test_headline_says_what_matters(outcome, must_say):
    assert must_say in KB.eligibility["outcomes"][outcome]["headline"]


@pytest.mark.parametrize("case", [profile(), profile(knowledge_areas=1), profile(age=18),
                                  profile(nation="elsewhere", role="pso")])
def test_qualifying_visitors_never_read_not_eligible(case):
    result = assess(case, KB)
    assert result.outcome in QUALIFYING
    text = " ".join([result.headline] + result.next_steps + result.caveats).lower()
    assert "not eligible" not in text


def _has_clearance(result) -> bool:
    return any("conviction" in c and "automatic" in c for c in result.caveats)


@pytest.mark.parametrize("name,case,outcome,length", CASES, ids=[c[0] for c in CASES])
def test_clearance_caveat_on_every_route_into_probation(name, case, outcome, length):
    result = assess(case, KB)
    into_probation = outcome not in {"incomplete", "under_18", "no_right_to_work", "social_work_route"}
    assert _has_clearance(result) == into_probation


def test_clearance_caveat_rests_on_the_clearance_facts():
    facts = KB.eligibility["caveats"]["clearance"]["facts"]
    assert {"clearance_declare_all", "clearance_roa_exempt", "clearance_not_automatic_bar"} <= set(facts)


def test_pqip_lengths_are_only_likely():
    for case in (profile(), profile(knowledge_areas=0)):
        assert any("likely" in c for c in assess(case, KB).caveats)


@pytest.mark.parametrize("age,warned", [(18, True), (19, True), (20, False), (30, False)])
def test_age_claim_conflict_shown_to_18_and_19_year_olds(age, warned):
    caveats = assess(profile(age=age), KB).caveats
    assert any("20" in c for c in caveats) == warned


def test_elsewhere_is_told_pqip_is_in_england_and_wales():
    caveats = assess(profile(nation="elsewhere"), KB).caveats
    assert any("England and Wales" in c for c in caveats)
    assert not any("England and Wales" in c for c in assess(profile(), KB).caveats)


def test_below_level5_hears_about_the_level3_claim():
    caveats = assess(profile(qualification_level=3, knowledge_areas=None, experience=False), KB).caveats
    assert any("Level 3" in c for c in caveats)


def test_level_not_stated_on_page_is_flagged():
    case = profile(qualification_level=8, qualification_name="Doctorate (PhD)")
    assert any("Doctorate" in c for c in assess(case, KB).caveats)
    assert not any("Bachelor" in c for c in assess(profile(), KB).caveats)


def test_short_route_with_three_areas_mentions_the_fourth_module():
    three = [r.fact_id for r in assess(profile(knowledge_areas=3), KB).reasons]
    four = [r.fact_id for r in assess(profile(knowledge_areas=4), KB).reasons]
    assert "short_route_fourth_module" in three and "short_route_fourth_module" not in four


def test_rule_numbers_come_from_knowledge():
    rules = KB.eligibility
    assert rules["min_age"]["value"] == 18 and rules["min_age"]["fact"] == "entry_min_age"
    assert rules["required_level"]["value"] == 5
    assert rules["modules_started_for_short_route"]["value"] == 3
    assert len(rules["knowledge_areas"]["names"]) == len(rules["knowledge_areas"]["aliases"]) == 4
    lengths = {o: w["length_months"] for o, w in rules["outcomes"].items() if w["length_months"]}
    assert lengths == {"pqip_15_month": 15, "pqip_21_month": 21}
