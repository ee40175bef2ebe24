"""Interview practice in the page: a session in headless Chromium against the real bot,
by the buttons and by typing, as a visitor does it (see conftest.py)."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.browser.test_page import ENABLED_CHOICES, click_choice, open_chat, say

QUESTION = re.compile(r"Question (\d) of 5 \(\w+\): ([^\n]+)")
ANSWER = (
    "When I was volunteering at a homeless shelter last year, a resident started shouting at "
    "another man. I stepped between them calmly, spoke quietly and asked him to come outside so "
    "the others were safe. I listened and called my manager to find him a bed. As a result he "
    "calmed down and nobody was hurt, and I learned that listening first works."
)


def last_question(text: str):
    found = QUESTION.findall(text)
    assert found, f"no practice question in:\n{text}"
    return found[-1]


def test_a_practice_session_in_the_page(page, site_url, screenshot):
    open_chat(page, site_url)
    expect(page.locator(ENABLED_CHOICES, has_text="Practise an interview")).to_be_visible()

    opening = click_choice(page, "Practise an interview")
    assert "not how the real assessment is scored" in opening
    first = last_question(click_choice(page, "PSO interview"))
    assert first[0] == "1"

    assert last_question(click_choice(page, "Repeat the question")) == first

    feedback = say(page, ANSWER)
    assert "Practice feedback on question 1 of 5" in feedback and "To improve:" in feedback
    assert "A strong answer would cover:" not in feedback
    assert last_question(feedback)[0] == "2"

    breakdown = click_choice(page, "Show the full breakdown")
    assert "A strong answer would cover:" in breakdown and last_question(breakdown)[0] == "2"

    skipped = click_choice(page, "Skip")
    assert "Skipped." in skipped and last_question(skipped)[0] == "3"

    digression = say(page, "how long does the PQiP take?")
    assert "15 or 21 months" in digression and last_question(digression)[0] == "3"

    summary = click_choice(page, "Stop")
    assert "Practice stopped: 1 answered, 1 skipped." in summary
    assert "Strengths:" in summary and "Areas to work on:" in summary
    expect(page.locator(ENABLED_CHOICES, has_text="Practise another interview")).to_be_visible()
    screenshot(page, "interview-practice", full_page=True)

    # The page stayed clean.
    assert not page.watch.errors and not page.watch.dialogs and not page.watch.outside_requests()
