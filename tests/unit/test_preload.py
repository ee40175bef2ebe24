"""bot/preload.py: what the action server reads at start is what a turn then reuses."""

from bot.conversation import relevance
from bot.knowledge import load_knowledge
from bot.knowledge.follow_ups import load_follow_ups
from bot.knowledge.gaps import load_gaps
from bot.preload import preload


def test_after_preload_a_turn_reuses_what_was_read():
    preload()
    kb = load_knowledge()
    assert id(kb) in relevance._built  # the vocabulary is built, not built on first use
    assert load_gaps(kb) is load_gaps(kb)
    assert load_follow_ups(kb) is load_follow_ups(kb)


def test_preload_builds_the_eligibility_parsers_tables():
    from bot.eligibility.parsing.tables import tables

    preload()
    assert tables.cache_info().currsize == 1
    hits = tables.cache_info().hits
    tables()
    assert tables.cache_info().hits == hits + 1  # reused, not built again
