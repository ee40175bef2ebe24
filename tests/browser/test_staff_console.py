"""The staff console in Debian's Chromium, against the real bot and console that
serve.sh starts (tests/browser/conftest.py): signing in as each role with the
labelled fields, a wrong password, a card from a real conversation looked up by
its code typed as a caller reads it ("pc m2hks"), marking it handled and seeing
the note, the report, signing out; a helpline account kept out of the report
and the audit log; axe-core on every page; every page by keyboard alone.

axe-core comes from the axe-playwright-python wheel (its axe.min.js), injected
with the page's Content-Security-Policy bypassed for the check only.
"""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest
import requests

from tests.browser.conftest import STAFF_DB, sync_api
from tests.staff_client import make_account

expect = sync_api.expect

ACCOUNTS = {
    "helen": ("helpline", "helpline-browser-phrase-1"),
    "rory": ("recruitment", "recruitment-browser-phrase-2"),
    "ada": ("admin", "admin-browser-phrase-3"),
}
CODE = re.compile(r"\bPC-[23456789BCDFGHJKMNPQRSTVWXYZ]{5}\b")
_axe = importlib.util.find_spec("axe_playwright_python")
if _axe is None or not _axe.origin:
    pytest.skip(
        "axe-playwright-python is not installed: run scripts/install_browser.sh", allow_module_level=True
    )
AXE_JS = (Path(_axe.origin).parent / "axe.min.js").read_text()


@pytest.fixture(scope="module")
def console(staff_url):
    for name, (role, password) in ACCOUNTS.items():
        make_account(STAFF_DB, name, role, password)
    return staff_url


@pytest.fixture
def staff_page(browser):
    """A page in a fresh context; its CSP is bypassed only so that axe can be injected."""
    ctx = browser.new_context(viewport={"width": 1280, "height": 800}, bypass_csp=True, accept_downloads=True)
    ctx.set_default_timeout(30_000)
    page = ctx.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.errors = errors
    try:
        yield page
    finally:
        ctx.close()


@pytest.fixture(scope="module")
def conversation_code(bot_url):
    """A real conversation through the bot: a question, one it cannot answer, then
    asking for a person, which gives the reference code."""
    sender = "browser-staff-visitor"
    texts = []
    for message in ("how long is the PQiP", "flurb glomp zint", "can I talk to a person"):
        reply = requests.post(
            f"{bot_url}/webhooks/rest/webhook", json={"sender": sender, "message": message}, timeout=30
        )
        texts += [m.get("text") or "" for m in reply.json()]
    (code,) = set(CODE.findall("\n".join(texts)))
    return code


def as_read_out(code: str) -> str:
    return "pc " + code[3:].lower()  # "PC-M2HKS" read out and typed: "pc m2hks"


def sign_in(page, console, name, password=None):
    page.goto(f"{console}/login")
    page.get_by_label("Username").fill(name)
    page.get_by_label("Password").fill(password or ACCOUNTS[name][1])
    page.get_by_role("button", name="Sign in").click()


def sign_out(page):
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("status")).to_have_text("You have signed out.")


def serious_violations(page) -> list[str]:
    page.add_script_tag(content=AXE_JS)
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


# --- each role, start to finish ---------------------------------------------------


def test_helpline_looks_up_a_card_marks_it_handled_and_signs_out(
    staff_page, console, conversation_code, screenshot
):
    page = staff_page
    sign_in(page, console, "helen")
    expect(page.get_by_role("heading", name="Staff console")).to_be_visible()
    expect(page.get_by_text("Signed in as helen (helpline)")).to_be_visible()
    page.get_by_role("link", name="Look up a card").first.click()
    page.get_by_label("Reference code").fill(as_read_out(conversation_code))
    page.get_by_role("button", name="Show the card").click()
    card = page.get_by_role("region", name=f"Triage card {conversation_code}")
    expect(card).to_be_visible()
    expect(card).to_contain_text("Asked for a person")
    expect(card).to_contain_text("flurb glomp zint")  # the question it could not answer
    screenshot(page, "staff-card", full_page=True)

    page.get_by_label("Note").fill("Called back; talked through the PQiP's length.")
    page.get_by_role("button", name="Mark handled").click()
    expect(page.get_by_role("status")).to_contain_text("Marked handled")
    expect(page.get_by_role("region", name="Handled")).to_contain_text(
        "helen: Called back; talked through the PQiP's length."
    )

    page.get_by_role("link", name="Follow-up list").click()
    expect(page.get_by_role("region", name=re.compile("Handled since"))).to_contain_text(conversation_code)
    sign_out(page)
    page.goto(f"{console}/card")
    expect(page).to_have_url(f"{console}/login")
    assert page.errors == []


def test_a_helpline_account_cannot_open_the_report_or_the_audit_log(staff_page, console):
    page = staff_page
    sign_in(page, console, "helen")
    nav = page.get_by_role("navigation", name="Console")
    expect(nav.get_by_role("link", name="Report")).to_have_count(0)
    expect(nav.get_by_role("link", name="Audit log")).to_have_count(0)
    for path in ("/report", "/report/view", "/audit"):
        reply = page.goto(console + path)
        assert reply.status == 403, path
        expect(page.get_by_role("heading", name="Not for your role")).to_be_visible()


def test_a_wrong_password_says_so_without_saying_which_part(staff_page, console):
    page = staff_page
    sign_in(page, console, "helen", "not-the-right-phrase-9")
    expect(page.get_by_role("alert")).to_have_text(
        "The username or password is not right. Check both and try again."
    )
    expect(page.get_by_label("Username")).to_have_value("helen")
    expect(page.get_by_label("Password")).to_have_value("")


def test_recruitment_opens_the_report_downloads_a_csv_and_signs_out(
    staff_page, console, conversation_code, screenshot
):
    page = staff_page
    sign_in(page, console, "rory")
    nav = page.get_by_role("navigation", name="Console")
    expect(nav.get_by_role("link", name="Look up a card")).to_have_count(0)
    nav.get_by_role("link", name="Report").click()
    expect(page.get_by_role("heading", name=re.compile("The report, "))).to_be_visible()
    frame = page.frame_locator("iframe")
    expect(frame.get_by_role("heading", name="What visitors asked, and what the bot missed")).to_be_visible()
    screenshot(page, "staff-report", full_page=True)
    with page.expect_download() as download:
        page.get_by_role("link", name="Conversations and messages per day (CSV)").click()
    assert download.value.suggested_filename.startswith("per_day-")
    assert Path(download.value.path()).read_text().startswith("Day (UTC)")
    assert page.goto(f"{console}/card").status == 403
    page.go_back()
    sign_out(page)


def test_an_admin_sees_every_page_and_the_audit_log(staff_page, console, conversation_code):
    page = staff_page
    sign_in(page, console, "ada")
    nav = page.get_by_role("navigation", name="Console")
    for name in ("Look up a card", "Follow-up list", "Report", "Audit log"):
        expect(nav.get_by_role("link", name=name)).to_be_visible()
    nav.get_by_role("link", name="Audit log").click()
    table = page.get_by_role("table")
    expect(table).to_contain_text("failed sign-in")
    expect(table).to_contain_text("viewed the card")
    expect(table).to_contain_text(conversation_code)
    sign_out(page)


# --- accessibility ------------------------------------------------------------------


def test_axe_finds_no_serious_or_critical_violation_on_any_page(staff_page, console, conversation_code):
    page = staff_page
    checked = {}
    page.goto(f"{console}/login")
    checked["login"] = serious_violations(page)
    sign_in(page, console, "helen", "wrong-phrase-for-axe")
    checked["login with an error"] = serious_violations(page)
    sign_in(page, console, "ada")
    for name, path in [
        ("home", "/"),
        ("card form", "/card"),
        ("card", f"/card?code={conversation_code}"),
        ("card not found", "/card?code=PC-22222"),
        ("follow-up list", "/follow-up"),
        ("report", "/report"),
        ("report itself", "/report/view"),
        ("audit log", "/audit"),
        ("not found", "/no-such-page"),
    ]:
        page.goto(console + path)
        checked[name] = serious_violations(page)
    sign_out(page)
    checked["signed out"] = serious_violations(page)
    assert {k: v for k, v in checked.items() if v} == {}


def focused(page) -> str:
    return page.evaluate(
        "(() => { const e = document.activeElement;"
        " return (e.labels && e.labels[0] ? e.labels[0].textContent : e.textContent || e.id).trim(); })()"
    )


def enter(page) -> None:
    """Enter on a link or button, then wait for the page it opens."""
    with page.expect_navigation():
        page.keyboard.press("Enter")


def tab_to(page, name: str, limit: int = 30) -> None:
    """Tab until the element whose label or text is `name` has the focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if focused(page) == name:
            return
    raise AssertionError(f"{name!r} never took the focus by Tab")


def test_every_page_works_by_keyboard_alone(staff_page, console, conversation_code):
    page = staff_page
    page.goto(f"{console}/login")
    page.keyboard.press("Tab")
    assert focused(page) == "Skip to the page"
    tab_to(page, "Username")
    page.keyboard.type("ada")
    tab_to(page, "Password")
    page.keyboard.type(ACCOUNTS["ada"][1])
    enter(page)
    expect(page.get_by_role("heading", name="Staff console")).to_be_visible()

    tab_to(page, "Look up a card")
    enter(page)
    tab_to(page, "Reference code")
    page.keyboard.type(as_read_out(conversation_code))
    enter(page)
    expect(page.get_by_role("region", name=f"Triage card {conversation_code}")).to_be_visible()
    tab_to(page, "Note")
    page.keyboard.type("Keyboard only: rang back.")
    tab_to(page, "Mark handled")
    enter(page)
    expect(page.get_by_role("region", name="Handled")).to_contain_text("Keyboard only: rang back.")

    tab_to(page, "Follow-up list")
    enter(page)
    expect(page.get_by_role("heading", name=re.compile("Need a person"))).to_be_visible()
    tab_to(page, conversation_code, limit=60)  # a row's link opens its card
    enter(page)
    expect(page.get_by_role("region", name=f"Triage card {conversation_code}")).to_be_visible()

    tab_to(page, "Report")
    enter(page)
    tab_to(page, "From")
    tab_to(page, "Show the report")
    enter(page)
    expect(page.get_by_role("heading", name=re.compile("The report, "))).to_be_visible()
    tab_to(page, "Open the report on its own page", limit=80)

    tab_to(page, "Sign out", limit=80)  # focus wraps from the end back through the header
    enter(page)
    expect(page.get_by_role("status")).to_have_text("You have signed out.")
