"""The eligibility rules over the real knowledge files: outcomes, lengths, citations, wording."""

import re

import pytest

from bot.eligibility.rules import Profile, assess, fields_needed
from bot.knowledge import load_knowledge

KB = load_knowledge()

# A complete profile that meets every requirement; cases change one thing at a time.
READY = dict(
    age=30,
    right_to_work=True,
    nation="england",
    qualification_level=6,
    qualification_id="bachelors",
    knowledge_areas=4,
    knowledge_modules=0,
    experience=True,
)


def profile(**changes) -> Profile:
    return Profile(**{**READY, **changes})


CASES = [
    # (id, profile, outcome, length_months)
    ("ready_degree_all_areas", profile(), "pqip_15_month", 15),
    # 003: all four areas within the qualification, or modules with the third started.
    ("degree_three_of_four_areas", profile(knowledge_areas=3), "pqip_21_month", 21),
    ("third_module_started", profile(knowledge_areas=0, knowledge_modules=3), "pqip_15_month", 15),
    ("all_four_modules", profile(knowledge_areas=0, knowledge_modules=4), "pqip_15_month", 15),
    ("two_modules", profile(knowledge_areas=0, knowledge_modules=2), "pqip_21_month", 21),
    ("mix_two_areas_two_modules", profile(knowledge_areas=2, knowledge_modules=2), "pqip_21_month", 21),
    ("mix_three_areas_one_module", profile(knowledge_areas=3, knowledge_modules=1), "pqip_21_month", 21),
    ("areas_known_modules_not_needed", profile(knowledge_modules=None), "pqip_15_month", 15),
    (
        "modules_known_areas_not_needed",
        profile(knowledge_areas=None, knowledge_modules=3),
        "pqip_15_month",
        15,
    ),
    ("two_areas", profile(knowledge_areas=2), "pqip_21_month", 21),
    ("one_area", profile(knowledge_areas=1), "pqip_21_month", 21),
    ("no_areas", profile(knowledge_areas=0), "pqip_21_month", 21),
    ("hnd_all_areas", profile(qualification_level=5, qualification_id="hnd"), "pqip_15_month", 15),
    ("level5_two_areas", profile(qualification_level=5, knowledge_areas=2), "pqip_21_month", 21),
    ("masters", profile(qualification_level=7, qualification_id="masters"), "pqip_15_month", 15),
    ("doctorate_no_areas", profile(qualification_level=8, knowledge_areas=0), "pqip_21_month", 21),
    ("age_18", profile(age=18), "pqip_15_month", 15),
    ("age_19", profile(age=19, knowledge_areas=2), "pqip_21_month", 21),
    ("age_100", profile(age=100), "pqip_15_month", 15),
    ("wales", profile(nation="wales"), "pqip_15_month", 15),
    ("wales_21", profile(nation="wales", knowledge_areas=1), "pqip_21_month", 21),
    ("elsewhere_ready", profile(nation="elsewhere"), "pqip_15_month", 15),
    ("elsewhere_21", profile(nation="elsewhere", knowledge_areas=0), "pqip_21_month", 21),
    (
        "elsewhere_no_level5",
        profile(nation="elsewhere", qualification_level=3, experience=False),
        "pso_route",
        None,
    ),
    ("pso_role_level5", profile(role="pso", experience=None, qualification_level=5), "pqip_15_month", 15),
    ("pso_role_says_no_experience", profile(role="pso", experience=False), "pqip_15_month", 15),
    # A PSO counts as experienced, but the access route still needs the relevant
    # Level 3 VQ: no page says the PSO induction opens it.
    (
        "pso_role_level3_vq",
        profile(role="pso", experience=None, qualification_level=3, knowledge_areas=None, level3_vq=True),
        "access_route",
        None,
    ),
    (
        "pso_role_level3_no_vq",
        profile(role="pso", experience=None, qualification_level=3, knowledge_areas=None, level3_vq=False),
        "access_via_pso",
        None,
    ),
    (
        "pso_role_level3_vq_unknown",
        profile(role="pso", experience=None, qualification_level=3, knowledge_areas=None),
        "incomplete",
        None,
    ),
    (
        "level5_no_experience",
        profile(qualification_level=5, experience=False, knowledge_areas=None),
        "needs_experience",
        None,
    ),
    ("degree_no_experience", profile(experience=False, knowledge_areas=None), "needs_experience", None),
    (
        "level4_experience_vq",
        profile(qualification_level=4, knowledge_areas=None, level3_vq=True),
        "access_route",
        None,
    ),
    (
        "level3_experience_vq",
        profile(qualification_level=3, knowledge_areas=None, level3_vq=True),
        "access_route",
        None,
    ),
    (
        "level4_experience_no_vq",
        profile(qualification_level=4, knowledge_areas=None, level3_vq=False),
        "access_via_pso",
        None,
    ),
    (
        "gcse_experience_no_vq",
        profile(qualification_level=2, knowledge_areas=None, level3_vq=False),
        "access_via_pso",
        None,
    ),
    (
        "level4_no_experience",
        profile(qualification_level=4, knowledge_areas=None, experience=False),
        "pso_route",
        None,
    ),
    (
        "none_no_experience",
        profile(qualification_level=0, knowledge_areas=None, experience=False),
        "pso_route",
        None,
    ),
    (
        "staff_no_experience",
        profile(qualification_level=3, knowledge_areas=None, experience=False, role="probation_staff"),
        "pso_route",
        None,
    ),
    ("scotland", profile(nation="scotland"), "social_work_route", None),
    ("northern_ireland", profile(nation="northern_ireland"), "social_work_route", None),
    (
        "scotland_only_so_far",
        Profile(age=25, right_to_work=True, nation="scotland"),
        "social_work_route",
        None,
    ),
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
    ("no_modules_answer", profile(knowledge_areas=2, knowledge_modules=None), "incomplete", None),
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
    (profile(knowledge_areas=3, knowledge_modules=None), "knowledge_modules"),
    (profile(experience=None), "experience"),
    (profile(qualification_level=4, knowledge_areas=None), "level3_vq"),
    (profile(age=None), "age"),
]


@pytest.mark.parametrize("case,first", INCOMPLETE_NEXT)
def test_incomplete_asks_the_right_next_field(case, first):
    result = assess(case, KB)
    assert result.outcome == "incomplete"
    assert result.missing[0] == first


@pytest.mark.parametrize(
    "case,needed",
    [
        (Profile(), ["age", "right_to_work", "nation", "qualification_level", "experience"]),
        (Profile(age=17), []),
        (Profile(age=30, right_to_work=False), []),
        (Profile(age=30, right_to_work=True, nation="scotland"), []),
        (Profile(age=30, right_to_work=True, nation="northern_ireland"), []),
        (Profile(age=30, right_to_work=True, nation="elsewhere"), ["qualification_level", "experience"]),
        (
            Profile(age=30, right_to_work=True, nation="england", qualification_level=5),
            ["knowledge_areas", "knowledge_modules", "experience"],
        ),
        (
            Profile(age=30, right_to_work=True, nation="england", qualification_level=5, knowledge_areas=4),
            ["experience"],
        ),
        (
            Profile(age=30, right_to_work=True, nation="england", qualification_level=5, knowledge_modules=3),
            ["experience"],
        ),
        (
            Profile(age=30, right_to_work=True, nation="england", qualification_level=5, knowledge_areas=2),
            ["knowledge_modules", "experience"],
        ),
        (Profile(age=30, right_to_work=True, nation="england", qualification_level=4), ["experience"]),
        (
            Profile(age=30, right_to_work=True, nation="england", qualification_level=4, experience=True),
            ["level3_vq"],
        ),
        (Profile(age=30, right_to_work=True, nation="england", qualification_level=4, experience=False), []),
        (
            Profile(age=30, right_to_work=True, nation="england", qualification_level=4, role="pso"),
            ["level3_vq"],
        ),
        (
            Profile(age=30, right_to_work=True, nation="england", qualification_level=6, role="pso"),
            ["knowledge_areas", "knowledge_modules"],
        ),
        (Profile(age=30, right_to_work=True, nation="england", qualification_level=6, experience=False), []),
        (Profile(right_to_work=False), []),  # settled already, whatever the age
    ],
)
def test_fields_needed_skips_what_cannot_change_the_answer(case, needed):
    assert fields_needed(case, KB) == needed
    assert fields_needed(case) == needed  # default knowledge


FORBIDDEN_IN_HEADLINES = [
    "age",
    "old",
    "experience",
    "qualification",
    "module",
    "cover",
    "vocational",
    "conviction",
    "england",
    "wales",
    "scotland",
    "northern ireland",
    "would you like",
    "do you want",
    "confirm",
    "correct?",
]
QUALIFYING = {"pqip_15_month", "pqip_21_month"}


@pytest.mark.parametrize("outcome", sorted(KB.eligibility.outcomes))
def test_headline_wording_rules(outcome):
    wording = KB.eligibility.outcomes[outcome]
    headline = wording.headline.lower()
    for word in FORBIDDEN_IN_HEADLINES:  # substrings too: "stage" would trip "age"
        assert word not in headline, (outcome, word)
    assert len(re.findall(r"[.!?](\s|$)", headline)) <= 1, "one sentence"
    for step in wording.next_steps:
        assert step.fact in KB.facts or outcome == "incomplete"


@pytest.mark.parametrize(
    "outcome,must_say",
    [
        ("pqip_15_month", "15 months"),
        ("pqip_21_month", "21 months"),
        ("social_work_route", "social work"),
        ("under_18", "18"),
        ("no_right_to_work", "right to work"),
    ],
)
def test_headline_says_what_matters(outcome, must_say):
    assert must_say in KB.eligibility.outcomes[outcome].headline


@pytest.mark.parametrize(
    "case", [profile(), profile(knowledge_areas=1), profile(age=18), profile(nation="elsewhere", role="pso")]
)
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
    facts = KB.eligibility.caveats["clearance"].facts
    assert {"clearance_declare_all", "clearance_roa_exempt", "clearance_not_automatic_bar"} <= set(facts)


def test_pqip_lengths_are_only_likely():
    for case in (profile(), profile(knowledge_areas=0), profile(knowledge_areas=0, knowledge_modules=3)):
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
    case = profile(qualification_level=8, qualification_id="doctorate")
    assert any("Doctorate" in c for c in assess(case, KB).caveats)
    assert not any("Bachelor" in c for c in assess(profile(), KB).caveats)


def test_short_route_by_three_modules_mentions_the_fourth_module():
    def reasons(**changes):
        return [r.fact_id for r in assess(profile(**changes), KB).reasons]

    assert "short_route_fourth_module" in reasons(knowledge_areas=0, knowledge_modules=3)
    assert "short_route_fourth_module" not in reasons(knowledge_areas=0, knowledge_modules=4)
    assert "short_route_fourth_module" not in reasons(knowledge_areas=4)


def test_a_mix_of_areas_and_modules_is_21_likely_and_says_why():
    mixed = assess(profile(knowledge_areas=2, knowledge_modules=2), KB)
    assert mixed.outcome == "pqip_21_month"
    assert any("mix" in c and "likely" in c for c in mixed.caveats)
    for plain in (profile(knowledge_areas=0, knowledge_modules=2), profile(knowledge_areas=3)):
        assert not any("mix" in c for c in assess(plain, KB).caveats)


def test_scotland_is_where_they_want_to_work_and_nothing_asks_where_they_live():
    wording = KB.eligibility.outcomes["social_work_route"]
    text = " ".join([wording.headline] + [s.text for s in wording.next_steps]).lower()
    assert "want to work" in text
    everything = str(KB.eligibility).lower()
    assert "live and work" not in everything and "would need to live" not in everything


def test_someone_abroad_is_decided_by_the_right_to_work_not_the_nation():
    abroad = assess(profile(nation="elsewhere", knowledge_areas=0, knowledge_modules=3), KB)
    assert abroad.outcome == "pqip_15_month"
    assert assess(profile(nation="elsewhere", right_to_work=False), KB).outcome == "no_right_to_work"
    assert any("right to work" in c for c in abroad.caveats)


def test_the_minimum_age_is_never_presented_as_the_official_rule():
    fact = KB.fact("entry_min_age")
    assert fact.source == "career_guide" and "official" in fact.text and "no minimum" in fact.text
    under = assess(Profile(age=17), KB)
    assert "careers guide" in under.headline
    assert any("official" in step and "no minimum" in step for step in under.next_steps)


def test_access_route_wording_keeps_its_conditions_and_the_other_way_to_level5():
    headline = assess(profile(qualification_level=3, knowledge_areas=None, level3_vq=True), KB).headline
    assert "one way" in headline and "any subject" in headline
    assert "your way to" not in headline


def test_no_outcome_links_the_pso_induction_to_the_access_route():
    via = assess(profile(qualification_level=2, knowledge_areas=None, level3_vq=False), KB)
    assert via.outcome == "access_via_pso"
    text = " ".join([via.headline] + via.next_steps).lower()
    assert "opens" not in text and "induction" not in via.headline.lower()
    assert any("relevant level 3" in c.lower() and "helpline" in c for c in via.caveats)


def test_the_level3_certificate_is_only_offered_to_probation_staff():
    outsider = assess(profile(qualification_level=0, knowledge_areas=None, experience=False), KB)
    staff = assess(
        profile(qualification_level=0, knowledge_areas=None, experience=False, role="probation_staff"), KB
    )
    assert not any("Certificate in Probation Practice" in t for t in outsider.next_steps + outsider.caveats)
    assert any("Certificate in Probation Practice" in c for c in staff.caveats)


def test_rule_numbers_come_from_knowledge():
    rules = KB.eligibility
    assert rules.min_age.value == 18 and rules.min_age.fact == "entry_min_age"
    assert rules.required_level.value == 5
    assert rules.modules_for_short_route.value == 3
    assert len(rules.knowledge_areas.names) == len(rules.knowledge_areas.aliases) == 4
    lengths = {o: w.length_months for o, w in rules.outcomes.items() if w.length_months}
    assert lengths == {"pqip_15_month": 15, "pqip_21_month": 21}
