"""Read the visitor's free-text answers to the eligibility questions.

Plain Python, no Rasa. Every parser takes any text and returns a `Parsed`:
either a value, or a short reason it could not read one. They never raise:
input is capped, HTML tags are dropped, and an unexpected error becomes
"could not read that". Each field's reader (its parser turned into profile
updates) is named in the field registry, bot/eligibility/fields.py.

    text             clean-up, numbers, phrase tables, clauses and negation (shared)
    tables           the knowledge/ tables matched against
    yes_no           yes / no / unsure
    age, right_to_work, nation, qualification, knowledge_areas, experience
                     one module per question (or pair of questions)
    volunteered      facts stated outright in any message
"""

from bot.eligibility.parsing.age import parse_age
from bot.eligibility.parsing.experience import parse_experience, parse_role, read_experience
from bot.eligibility.parsing.knowledge_areas import (
    parse_knowledge_areas,
    read_knowledge_areas,
    read_knowledge_modules,
)
from bot.eligibility.parsing.nation import parse_nation
from bot.eligibility.parsing.qualification import (
    is_level3_vq,
    is_part_of_pqip,
    parse_qualification,
    read_level3_vq,
    read_qualification,
)
from bot.eligibility.parsing.right_to_work import parse_right_to_work
from bot.eligibility.parsing.text import Parsed, Updates, normalise, value_of
from bot.eligibility.parsing.volunteered import extract_volunteered
from bot.eligibility.parsing.yes_no import UNSURE, parse_yes_no

__all__ = [
    "UNSURE",
    "Parsed",
    "Updates",
    "extract_volunteered",
    "is_level3_vq",
    "is_part_of_pqip",
    "normalise",
    "parse_age",
    "parse_experience",
    "parse_knowledge_areas",
    "parse_nation",
    "parse_qualification",
    "parse_right_to_work",
    "parse_role",
    "parse_yes_no",
    "read_experience",
    "read_knowledge_areas",
    "read_knowledge_modules",
    "read_level3_vq",
    "read_qualification",
    "value_of",
]
