"""'Was this helpful?' in the page's chat widget, in headless Chromium against
the real bot (see conftest.py): two buttons under an answer, never in the way of
the next question."""

from __future__ import annotations

from playwright.sync_api import expect

from bot.insights import feedback
from tests.browser.test_page import ENABLED_CHOICES, click_choice, open_chat, say


def test_two_buttons_under_an_answer_and_typing_on_just_gets_the_next_answer(page, site_url, screenshot):
    open_chat(page, site_url)
    answer = say(page, "How long is the PQiP?")
    assert "21 months" in answer and feedback.PROMPT in answer
    expect(page.locator(ENABLED_CHOICES, has_text=feedback.HELPFUL_TITLE)).to_have_count(1)
    expect(page.locator(ENABLED_CHOICES, has_text=feedback.NOT_HELPFUL_TITLE)).to_have_count(1)
    expect(page.locator("#chat-input")).to_be_enabled()
    screenshot(page, "feedback-buttons")
    nxt = say(page, "Which universities offer the access route?")
    assert "De Montfort" in nxt and feedback.THANKS_COMMENT not in nxt
    # The old buttons are spent; the new answer has its own.
    expect(page.locator(ENABLED_CHOICES, has_text=feedback.HELPFUL_TITLE)).to_have_count(1)
    assert page.watch.errors == [] and page.watch.outside_requests() == []


def test_no_then_a_question_typed_is_answered(page, site_url):
    open_chat(page, site_url)
    say(page, "Am I employed while I train?")
    asked = click_choice(page, feedback.NOT_HELPFUL_TITLE)
    assert "What were you looking for?" in asked
    answer = say(page, "how many intakes are there each year?")
    assert feedback.THANKS_COMMENT in answer
    assert "two" in answer.lower() or "twice" in answer.lower(), answer
