"""The interview bank in knowledge/: the real files, and errors that name file and entry."""

import pytest

from bot.interview.bank import KINDS, InterviewBankError, load_bank
from bot.interview.reading import reader_for, token_patterns
from bot.knowledge import KNOWLEDGE_DIR, load_knowledge
from tests.unit.knowledge_copy import edit

PSO_SKILLS = {
    "communication",
    "risk",
    "problem_solving",
    "justice_knowledge",
    "empathy",
    "pressure",
    "organisation",
    "partnerships",
    "report_writing",
    "resilience",
}


@pytest.fixture(scope="module")
def bank():
    return load_bank()


def test_every_skill_on_the_two_pages_is_in_the_bank_citing_its_page(bank):
    kb = load_knowledge()
    assert {s for s, skill in bank.skills.items() if skill.source == "pso_profile"} == PSO_SKILLS
    codes = {skill.code for skill in bank.skills.values() if skill.source == "apprenticeship_standard"}
    assert codes == {f"B{n}" for n in range(1, 8)} | {f"S{n}" for n in range(1, 21)}
    seeds = KNOWLEDGE_DIR.parent.parent / "shared" / "seeds"
    if seeds.exists():  # each code really is on the page it cites
        page = (seeds / kb.sources["apprenticeship_standard"].file).read_text()
        for skill in bank.skills.values():
            if skill.code:
                assert f"{skill.code}:" in page


def test_each_style_has_every_kind_and_enough_for_two_different_sessions(bank):
    for style in bank.styles:
        for kind in KINDS:
            count = sum(1 for q in bank.questions.values() if style in q.styles and q.kind == kind)
            assert count >= (1 if kind == "motivational" else 3), (style, kind)


def test_every_marker_compiles_and_matches_itself(bank):
    reader = reader_for(bank)
    for skill in bank.skills.values():
        for marker in skill.markers:
            if "*" in marker or marker.split()[0] == "?":
                continue
            assert skill.id in reader.read(marker).skills, (skill.id, marker)


def test_wildcards():
    assert token_patterns("risk*") == [{"LOWER": {"REGEX": "^risk"}}]
    assert token_patterns("i *ed")[1] == {"LOWER": {"REGEX": "^[a-z]+ed$"}}
    assert [p.get("LOWER") for p in token_patterns("i'd")] == ["i", "'d"]


@pytest.mark.parametrize(
    "filename,change,message",
    [
        (
            "interview_questions.yml",
            lambda d: d["questions"][0].update(skills=["no_such_skill"]),
            r"interview_questions.yml: question 'why_pso' probes unknown skill 'no_such_skill'",
        ),
        (
            "interview_questions.yml",
            lambda d: d["questions"][0].update(kind="riddle"),
            r"interview_questions.yml: question 'why_pso' has kind 'riddle'",
        ),
        (
            "interview_questions.yml",
            lambda d: d["questions"][1].update(id="why_pso"),
            r"interview_questions.yml: id 'why_pso' is used twice",
        ),
        (
            "interview_questions.yml",
            lambda d: d["questions"][0].update(outline=[]),
            r"interview_questions.yml: question 'why_pso' needs 'outline'",
        ),
        (
            "interview_questions.yml",
            lambda d: d["questions"][0].update(styles=["radio"]),
            r"interview_questions.yml: question 'why_pso' names unknown style 'radio'",
        ),
        (
            "interview_skills.yml",
            lambda d: d["skills"][0].update(source="nowhere"),
            r"interview_skills.yml: skill 'communication' cites unknown source 'nowhere'",
        ),
        (
            "interview_skills.yml",
            lambda d: d["skills"][1].update(markers=[]),
            r"interview_skills.yml: skill 'risk' needs 'markers'",
        ),
        (
            "interview_skills.yml",
            lambda d: d.update(conviction_facts=["made_up"]),
            r"interview_skills.yml: conviction_facts names unknown fact 'made_up'",
        ),
        (
            "interview_skills.yml",
            lambda d: d["length"].update(short_words=500),
            r"interview_skills.yml: length must have short_words < brief_words < long_words",
        ),
    ],
)
def test_a_broken_bank_names_file_and_entry(copy_of_knowledge, filename, change, message):
    edit(copy_of_knowledge / filename, change)
    with pytest.raises(InterviewBankError, match=message):
        load_bank(copy_of_knowledge)


def test_a_missing_bank_file_is_named(copy_of_knowledge):
    (copy_of_knowledge / "interview_questions.yml").unlink()
    with pytest.raises(InterviewBankError, match="interview_questions.yml: file is missing"):
        load_bank(copy_of_knowledge)
