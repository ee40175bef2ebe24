"""The knowledge loader and the integrity of knowledge/ itself."""

import pytest

from bot.knowledge import KNOWLEDGE_DIR, KnowledgeError, load_knowledge
from tests.unit.knowledge_copy import edit

SEEDS = KNOWLEDGE_DIR.parent.parent / "shared" / "seeds"


@pytest.fixture(scope="module")
def kb():
    return load_knowledge()


# --- the real files -------------------------------------------------------------


def test_every_source_is_one_of_the_five_pages(kb):
    files = {s.file for s in kb.sources.values()}
    assert len(files) == 5
    if SEEDS.exists():  # shared/ sits beside the checkout in CI and dev
        assert files == {p.name for p in SEEDS.glob("*.txt")}


def test_exactly_one_official_source_and_it_is_page_003(kb):
    official = [s for s in kb.sources.values() if s.official]
    assert [s.file[:3] for s in official] == ["003"]


def test_every_fact_cites_a_known_source_and_has_text(kb):
    for fact in kb.facts.values():
        assert fact.source in kb.sources, fact.id
        assert len(fact.text.split()) >= 4, fact.id


def test_topics_cover_the_issue_list(kb):
    wanted = {
        "what_is_pqip",
        "pqip_length",
        "short_route",
        "entry_requirements",
        "level5_examples",
        "relevant_experience",
        "security_clearance",
        "failing_pqip",
        "recruitment_process",
        "intakes",
        "places",
        "contract",
        "current_staff",
        "pso_role",
        "access_routes",
        "access_costs",
        "universities",
        "study_independently",
        "officer_role",
        "skills",
        "job_titles",
        "progression",
        "specialisms",
        "apprenticeships",
        "scotland_ni",
        "staff_shortage",
        "contact",
    }
    assert wanted <= set(kb.topics)


def test_topic_intents_are_faq_prefixed_and_unique(kb):
    intents = [t.intent for t in kb.topics.values()]
    assert len(set(intents)) == len(intents)
    assert all(i == f"faq_{t}" for t, i in zip(kb.topics, intents, strict=False))


@pytest.mark.parametrize(
    "topic_id,needles",
    [
        ("pqip_length", ["15", "21"]),
        ("short_route", ["crime and criminal behaviour", "penal policy"]),
        ("what_is_pqip", ["level 6"]),
        ("entry_requirements", ["level 5"]),
        ("level5_examples", ["foundation degree"]),
        ("universities", ["de montfort", "sheffield hallam", "portsmouth"]),
        ("access_costs", ["three months"]),
        ("pso_role", ["band 3"]),
        ("progression", ["senior probation officer"]),
        ("apprenticeships", ["retired"]),
        ("scotland_ni", ["social work"]),
        ("contact", ["0808 164 9883"]),
        ("failing_pqip", ["probation service officer"]),
        ("recruitment_process", ["online test", "assessment centre"]),
    ],
)
def test_key_facts_appear_in_their_topic(kb, topic_id, needles):
    text = " ".join(kb.fact(f).text for f in kb.topics[topic_id].facts).lower()
    for needle in needles:
        assert needle in text, (topic_id, needle)


def test_conflicts_record_what_other_pages_claimed(kb):
    conflicted = {c.source for f in kb.facts.values() for c in f.conflicts}
    # The pages disagree on age, minimum level, the old Diploma and CRB checks.
    assert {"career_guide", "pso_profile"} <= conflicted


def test_official_faq_is_preferred_over_the_level_3_claim(kb):
    fact = kb.fact("entry_level5")
    assert fact.source == "official_faq"
    assert any(c.source == "career_guide" for c in fact.conflicts)


def test_qualification_levels_match_the_official_list(kb):
    by_alias = {a: q.level for q in kb.qualifications for a in q.aliases}
    assert by_alias["hnd"] == 5
    assert by_alias["foundation degree"] == 5
    assert by_alias["a levels"] == 3 or by_alias.get("a level") == 3


# --- malformed files fail with the file and the entry named ---------------------


def test_missing_file_is_named(copy_of_knowledge):
    (copy_of_knowledge / "topics.yml").unlink()
    with pytest.raises(KnowledgeError, match="topics.yml"):
        load_knowledge(copy_of_knowledge)


def test_bad_yaml_is_named(copy_of_knowledge):
    (copy_of_knowledge / "facts.yml").write_text("facts: [unclosed\n")
    with pytest.raises(KnowledgeError, match="facts.yml: not valid YAML"):
        load_knowledge(copy_of_knowledge)


def test_unknown_source_names_file_and_fact(copy_of_knowledge):
    edit(copy_of_knowledge / "facts.yml", lambda d: d["facts"][0].update(source="nowhere"))
    with pytest.raises(KnowledgeError, match=r"facts.yml: fact '.+' cites unknown source 'nowhere'"):
        load_knowledge(copy_of_knowledge)


def test_duplicate_fact_id_is_named(copy_of_knowledge):
    edit(copy_of_knowledge / "facts.yml", lambda d: d["facts"].append(dict(d["facts"][0])))
    with pytest.raises(KnowledgeError, match="is used twice"):
        load_knowledge(copy_of_knowledge)


def test_topic_with_unknown_fact_is_named(copy_of_knowledge):
    edit(copy_of_knowledge / "topics.yml", lambda d: d["topics"][0]["facts"].append("no_such_fact"))
    with pytest.raises(KnowledgeError, match="topics.yml: topic .+ unknown fact 'no_such_fact'"):
        load_knowledge(copy_of_knowledge)


def test_empty_text_is_rejected(copy_of_knowledge):
    edit(copy_of_knowledge / "facts.yml", lambda d: d["facts"][0].update(text="  "))
    with pytest.raises(KnowledgeError, match="field 'text' must be a non-empty str"):
        load_knowledge(copy_of_knowledge)


def test_orphan_fact_is_rejected(copy_of_knowledge):
    edit(
        copy_of_knowledge / "facts.yml",
        lambda d: d["facts"].append(
            {"id": "lonely", "text": "A fact nobody uses at all.", "source": "official_faq"}
        ),
    )
    with pytest.raises(KnowledgeError, match="orphans.*lonely"):
        load_knowledge(copy_of_knowledge)


def test_qualification_level_must_be_a_number(copy_of_knowledge):
    edit(copy_of_knowledge / "qualifications.yml", lambda d: d["qualifications"][0].update(level="five"))
    with pytest.raises(KnowledgeError, match="qualifications.yml: entry .+ 'level' must be"):
        load_knowledge(copy_of_knowledge)


def test_cli_exits_non_zero_and_names_the_problem(copy_of_knowledge, monkeypatch, capsys):
    import bot.knowledge.base as module

    (copy_of_knowledge / "sources.yml").write_text("nothing: here\n")
    monkeypatch.setattr(module, "KNOWLEDGE_DIR", copy_of_knowledge)
    assert module.main() == 1
    assert "sources.yml: expected a top-level 'sources:' key" in capsys.readouterr().err


# --- issue 10: what the pages do and don't support ----------------------------------


def test_pqip_in_england_and_wales_is_said_as_003s_inference(kb):
    # 002 ties England and Wales only to the old two-year Diploma (issue 22); 003
    # recruits to the PQiP "across England and Wales": the fact says it as that.
    fact = kb.fact("pqip_england_wales")
    assert fact.source == "official_faq"
    assert "official recruitment FAQ recruits to the PQiP across England and Wales" in " ".join(
        fact.text.split()
    )


def test_rows_the_pages_never_name_cite_no_page(kb):
    unnamed = {
        "no_qualifications",
        "gcse",
        "access_to_he",
        "hnc",
        "level4_certificate",
        "pgce",
        "postgraduate",
        "doctorate",
    }
    rows = {q.id: q for q in kb.qualifications}
    for row_id in unnamed:
        assert rows[row_id].source is None and not rows[row_id].stated_on_page, row_id
    assert all(q.source for q in kb.qualifications if q.stated_on_page)


def test_a_row_not_on_a_page_may_not_cite_one(copy_of_knowledge):
    edit(
        copy_of_knowledge / "qualifications.yml",
        lambda d: next(q for q in d["qualifications"] if q["id"] == "pgce").update(source="official_faq"),
    )
    with pytest.raises(KnowledgeError, match="'pgce' is not stated on a page but cites"):
        load_knowledge(copy_of_knowledge)


def test_generic_level3_names_are_not_the_probation_ones(kb):
    by_alias = {a: q.id for q in kb.qualifications for a in q.aliases}
    for generic in ("level 3 certificate", "level 3 vocational qualification", "level 5 diploma"):
        assert generic not in by_alias, generic
    assert not next(q for q in kb.qualifications if q.id == "level5_diploma_probation").counts_for_entry


def test_newly_qualified_risk_levels_conflict_is_recorded(kb):
    fact = kb.fact("officer_risk_levels")
    assert fact.source == "official_faq"
    assert any(c.source == "career_guide" and "low and medium" in c.claim for c in fact.conflicts)
    assert "low and medium" not in kb.fact("officer_early_career").text
    assert "officer_risk_levels" in kb.topics["officer_role"].facts


def test_crb_check_is_recorded_as_002s_older_name(kb):
    # Issue 22: 002's "CRB check" is a name the official FAQ doesn't use (HMPPS
    # security clearance): kept as what 002 claims, against 003's clearance fact.
    claims = [c for c in kb.fact("clearance_declare_all").conflicts if c.source == "pso_profile"]
    assert claims and "CRB" in claims[0].claim and "older name" in claims[0].claim


@pytest.mark.parametrize(
    "fact_id,must,must_not",
    [
        (
            "extended_route",
            ["first 6 months include", "likely"],
            ["starts with 6 months", "starts with six months"],
        ),
        ("access_routes_overview", ["required experience", "relevant Level 3 vocational qualification"], []),
        ("rqf_levels", ["Within Community Justice Learning"], ["Every qualification"]),
        ("pso_gain_experience", ["one way"], ["gives you the relevant experience to apply"]),
        ("experience_and_level5", ["Level 5"], []),
        ("level3_certificate", ["already in probation roles"], []),
        ("entry_min_age", ["careers guide", "official recruitment FAQ gives no minimum age"], []),
    ],
)
def test_wording_says_no_more_than_the_pages(kb, fact_id, must, must_not):
    text = " ".join(kb.fact(fact_id).text.split())
    for phrase in must:
        assert phrase in text, (fact_id, phrase)
    for phrase in must_not:
        assert phrase not in text, (fact_id, phrase)


def test_relevant_experience_answer_says_level5_is_still_needed(kb):
    assert "experience_and_level5" in kb.topics["relevant_experience"].facts
    assert "level5_any_subject_way" in kb.topics["access_routes"].facts
