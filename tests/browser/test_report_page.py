"""The insights report in headless Chromium: built from conversations recorded
from the real bot (tests/unit/data/insights_conversations.json), opened from
disk as the recruitment team would open a mailed file. Every section and chart
must be there and drawn, and the page must fetch nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from playwright.sync_api import expect

from bot.insights import report
from tests.botprocess import ROOT

RECORDED = ROOT / "tests" / "unit" / "data" / "insights_conversations.json"
SECTIONS = {
    "activity": ["per_day"],
    "channels": ["channels"],
    "topics": ["topics", "feedback"],
    "unanswered": ["unanswered"],
    "eligibility": ["eligibility", "eligibility_outcomes", "eligibility_stopped"],
    "handoffs": ["handoffs"],
}


@pytest.fixture(scope="module")
def report_file(tmp_path_factory) -> Path:
    page, _tables = report.build(json.loads(RECORDED.read_text()), store="recorded conversations")
    path = tmp_path_factory.mktemp("report") / "report.html"
    path.write_text(page, encoding="utf-8")
    return path


def test_every_section_and_chart_is_shown(page, report_file, screenshot):
    page.goto(report_file.as_uri())
    expect(page.locator("h1")).to_have_text("What visitors asked, and what the bot missed")
    for section, charts in SECTIONS.items():
        block = page.locator(f"section#{section}")
        expect(block).to_be_visible()
        expect(block.locator("h2")).not_to_be_empty()
        expect(block.locator("table").first).to_be_visible()
        for chart in charts:
            svg = block.locator(f"figure#chart-{chart} svg")
            expect(svg).to_be_visible()
            box = svg.bounding_box()
            assert box and box["width"] > 200 and box["height"] > 80, (chart, box)
            # Drawn, not empty: matplotlib's bars are <path> elements inside the chart.
            assert svg.locator("path").count() > 5, chart
    # Links in the summary reach each section.
    page.locator("nav a", has_text="The eligibility check").click()
    assert page.url.endswith("#eligibility")
    screenshot(page, "insights-report", full_page=True)
    assert page.watch.errors == []
    assert [u for u in page.watch.requests if not u.startswith("file://")] == []


def test_small_counts_read_fewer_than_5_and_no_sender_ids(page, report_file):
    page.goto(report_file.as_uri())
    text = page.locator("main").inner_text()
    assert "fewer than 5" in text
    assert "test-" not in text  # the integration tests' sender ids
    expect(page.locator('table[data-table="unanswered"]')).to_contain_text("flurb glomp zint")


def test_the_report_reads_on_a_phone(context, report_file):
    phone = context.browser.new_context(viewport={"width": 360, "height": 740})
    try:
        page = phone.new_page()
        page.goto(report_file.as_uri())
        # Tables and charts fit the screen (no sideways scrolling of the page).
        for item in page.locator("table, figure svg").all():
            box = item.bounding_box()
            assert box["x"] + box["width"] <= 361, box
    finally:
        phone.close()
