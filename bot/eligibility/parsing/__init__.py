"""Read the visitor's free-text answers to the eligibility questions.

Plain Python, no Rasa. Every question's reader (`read_*`) takes any text and
returns a `Reading`: the profile fields it sets, how certain it is (clear,
unclear: confirm once, unsure: the pages can't settle it), the words it rests
on, and the confirming question to ask. The older `parse_*` parsers return a
`Parsed`: either a value, or a short reason it could not read one. They never raise:
input is capped, HTML tags are dropped, and an unexpected error becomes
"could not read that". Each field's reader (its parser turned into profile
updates) is named in the field registry, bot/eligibility/fields.py.

    text             clean-up, phrase tables, the Reading (the language helpers
                     themselves, shared with the rest of the bot, are bot/language.py)
    tables           the knowledge/ tables matched against
    yes_no           yes / no / unsure
    age, right_to_work, nation, qualification, knowledge_areas, experience
                     one module per question (or pair of questions)
    volunteered      facts stated outright in any message
"""

from bot.eligibility.parsing.age import parse_age, read_age
from bot.eligibility.parsing.experience import (
    describes_own_work,
    parse_experience,
    parse_role,
    read_experience,
)
from bot.eligibility.parsing.knowledge_areas import (
    parse_knowledge_areas,
    read_knowledge_areas,
    read_knowledge_modules,
)
from bot.eligibility.parsing.nation import parse_nation, read_nation
from bot.eligibility.parsing.qualification import (
    is_level3_vq,
    is_part_of_pqip,
    parse_qualification,
    read_level3_vq,
    read_qualification,
)
from bot.eligibility.parsing.right_to_work import parse_right_to_work, read_right_to_work
from bot.eligibility.parsing.text import (
    CLEAR,
    NOTHING,
    UNCLEAR,
    Parsed,
    Reading,
    Updates,
    normalise,
    value_of,
)
from bot.eligibility.parsing.volunteered import extract_volunteered, volunteered_notes
from bot.eligibility.parsing.yes_no import UNSURE, parse_yes_no

__all__ = [
    "CLEAR",
    "NOTHING",
    "UNCLEAR",
    "UNSURE",
    "Parsed",
    "Reading",
    "Updates",
    "describes_own_work",
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
    "read_age",
    "read_experience",
    "read_nation",
    "read_right_to_work",
    "read_knowledge_areas",
    "read_knowledge_modules",
    "read_level3_vq",
    "read_qualification",
    "value_of",
    "volunteered_notes",
]
