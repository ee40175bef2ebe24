"""The knowledge base: every fact the bot states, read once from knowledge/*.yml.

    from bot.knowledge import load_knowledge
    kb = load_knowledge()          # validated; errors name the file and entry
    kb.fact("pqip_length").text

`python -m bot.knowledge` checks the files and exits non-zero on a problem.
The gaps (what the pages don't cover) and follow-ups live beside it:
`bot.knowledge.gaps`, `bot.knowledge.follow_ups`.
"""

from bot.knowledge.base import (
    KNOWLEDGE_DIR,
    Conflict,
    Fact,
    Knowledge,
    KnowledgeError,
    Nation,
    Qualification,
    Source,
    Topic,
    load_knowledge,
)
from bot.knowledge.eligibility_rules import (
    Caveat,
    EligibilityRules,
    Outcome,
    Role,
    Step,
    Threshold,
)

__all__ = [
    "Caveat",
    "EligibilityRules",
    "Outcome",
    "Role",
    "Step",
    "Threshold",
    "KNOWLEDGE_DIR",
    "Conflict",
    "Fact",
    "Knowledge",
    "KnowledgeError",
    "Nation",
    "Qualification",
    "Source",
    "Topic",
    "load_knowledge",
]
