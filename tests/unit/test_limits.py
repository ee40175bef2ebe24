"""The length limits (bot/limits.py) keep their promises to each other and to the page."""

import re
from pathlib import Path

from bot import limits

WEB = Path(__file__).resolve().parents[2] / "bot" / "web"


def test_the_page_lets_through_nothing_the_webhook_refuses():
    assert limits.PAGE_MESSAGE_CHARS <= limits.MESSAGE_CHARS


def test_the_page_states_the_limit_it_enforces():
    script = (WEB / "chat.js").read_text()
    page = (WEB / "index.template.html").read_text()
    assert re.search(rf"var MAX_LENGTH = {limits.PAGE_MESSAGE_CHARS};", script)
    assert f'maxlength="{limits.PAGE_MESSAGE_CHARS}"' in page
    assert f"Up to {limits.PAGE_MESSAGE_CHARS} characters" in page


def test_a_wall_of_text_is_shorter_than_what_the_page_allows():
    # The "too long, one question please" reply must be reachable from the page.
    assert limits.LONG_MESSAGE_CHARS < limits.PAGE_MESSAGE_CHARS


def test_parsers_read_every_character_the_page_sends():
    assert limits.ANSWER_CHARS_READ >= limits.PAGE_MESSAGE_CHARS


def test_a_card_question_is_cut_shorter_than_a_wall_of_text():
    assert limits.CARD_QUESTION_CHARS < limits.LONG_MESSAGE_CHARS
