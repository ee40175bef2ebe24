"""knowledge/eligibility.yml loaded as typed rules: what is read, and errors that name the entry."""

from pathlib import Path

import pytest

from bot.knowledge import KnowledgeError, load_knowledge
from bot.knowledge.eligibility_rules import CAVEATS, OUTCOMES
from tests.unit.knowledge_copy import edit


@pytest.fixture
def rules_file(copy_of_knowledge) -> Path:
    return copy_of_knowledge / "eligibility.yml"


def load(path: Path):
    return load_knowledge(path.parent)


def test_the_real_rules_are_typed():
    rules = load_knowledge().eligibility
    assert set(rules.outcomes) == set(OUTCOMES) and set(CAVEATS) <= set(rules.caveats)
    assert rules.min_age.conflicting_claim == 20
    assert rules.role("pso").counts_as_experience and not rules.role("probation_staff").counts_as_experience
    assert rules.role("nobody") is None
    assert rules.area_count == 4
    assert "\n" not in rules.outcomes["pqip_21_month"].headline  # folded YAML on one line
    assert all(step.text for o in rules.outcomes.values() for step in o.next_steps)


@pytest.mark.parametrize(
    "change,message",
    [
        (lambda r: r["min_age"].pop("value"), "eligibility.yml: entry 'min_age' has no 'value'"),
        (
            lambda r: r["required_level"].update(value="five"),
            "eligibility.yml: entry 'required_level' field 'value' must be a non-empty int",
        ),
        (lambda r: r.pop("fourth_module"), "eligibility.yml: 'fourth_module' is missing"),
        (
            lambda r: r["outcomes"]["pso_route"].pop("headline"),
            "eligibility.yml: entry outcome 'pso_route' has no 'headline'",
        ),
        (
            lambda r: r["outcomes"].pop("under_18"),
            r"eligibility.yml: outcome 'under_18' is missing \(the rules can reach it\)",
        ),
        (
            lambda r: r["outcomes"].update(pqip_18_month=dict(r["outcomes"]["pqip_15_month"])),
            "eligibility.yml: outcome 'pqip_18_month' is not one the rules reach",
        ),
        (
            lambda r: r["outcomes"]["pqip_15_month"].update(length_months="fifteen"),
            "eligibility.yml: outcome 'pqip_15_month' field 'length_months' must be a number",
        ),
        (
            lambda r: r["outcomes"]["access_route"]["next_steps"][1].pop("text"),
            "eligibility.yml: entry outcome 'access_route' next step 2 has no 'text'",
        ),
        (lambda r: r["caveats"].pop("clearance"), "eligibility.yml: caveat 'clearance' is missing"),
        (
            lambda r: r["level3_vq"]["qualification_ids"].append("level3_hairdressing"),
            "eligibility.yml: 'level3_vq' names unknown qualification 'level3_hairdressing'",
        ),
        (lambda r: r["roles"][1].pop("name"), "eligibility.yml: entry role 'probation_staff' has no 'name'"),
        (lambda r: r["roles"].append(dict(r["roles"][0])), "eligibility.yml: role 'pso' is listed twice"),
        (
            lambda r: r["knowledge_areas"]["aliases"].pop(),
            "eligibility.yml: 'knowledge_areas' needs names and, in the same order, one alias list per name",
        ),
    ],
)
def test_a_broken_rule_names_the_file_and_the_entry(rules_file, change, message):
    edit(rules_file, lambda data: change(data["eligibility"]))
    with pytest.raises(KnowledgeError, match=message):
        load(rules_file)
