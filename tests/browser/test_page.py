"""The recruitment page and its chat widget, in headless Chromium, against the
real bot (see conftest.py). The page's Content-Security-Policy forbids eval,
so waits use locators and Python polling, never wait_for_function."""

from __future__ import annotations

import json
import re
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import requests
from playwright.sync_api import expect

from bot.knowledge import load_knowledge
from bot.web.static_server import make_server
from tests.browser.conftest import RASA_PORT

BOT_MSGS = ".chat-msg-bot"
ENABLED_CHOICES = ".chat-choice:enabled"
DOWN_TEXT = "Sorry, the advisor can't be reached right now."


# --- helpers ------------------------------------------------------------------


def wait_idle(page, bot_messages_before: int, timeout: float = 30) -> None:
    """Until a new bot message (or the error) is shown and nothing is pending."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        busy = "is-busy" in (page.locator("#chat").get_attribute("class") or "")
        grown = page.locator(BOT_MSGS).count() > bot_messages_before
        if not busy and (grown or page.locator("#chat-error").count()):
            return
        time.sleep(0.05)
    raise AssertionError(f"no reply within {timeout}s; log:\n{log_text(page)}")


def open_chat(page, url: str) -> None:
    page.goto(url)
    page.locator("#chat-launcher").click()
    expect(page.locator("#chat-panel")).to_be_visible()
    wait_idle(page, 0)  # the bot's greeting


def say(page, text: str) -> str:
    """Type a message, press Enter, return the text of the bot's reply."""
    before = page.locator(BOT_MSGS).count()
    page.locator("#chat-input").fill(text)
    page.locator("#chat-input").press("Enter")
    wait_idle(page, before)
    return replies_since(page, before)


def click_choice(page, title: str) -> str:
    before = page.locator(BOT_MSGS).count()
    page.locator(ENABLED_CHOICES, has_text=re.compile(f"^{re.escape(title)}$")).first.click()
    wait_idle(page, before)
    return replies_since(page, before)


def replies_since(page, before: int) -> str:
    return "\n".join(page.locator(BOT_MSGS).all_inner_texts()[before:])


def log_text(page) -> str:
    return page.locator("#chat-log").inner_text()


def user_messages(page) -> list[str]:
    return [
        re.sub(r"^You said:\s*", "", t).strip() for t in page.locator(".chat-msg-user").all_text_contents()
    ]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# --- the page -----------------------------------------------------------------


def test_page_states_facts_from_knowledge_with_sources(page, site_url, screenshot):
    kb = load_knowledge()
    reply = requests.get(site_url, timeout=10)
    csp = reply.headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp and f"connect-src 'self' http://127.0.0.1:{RASA_PORT}" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp

    page.goto(site_url)
    expect(page.locator("h1")).to_contain_text("probation officer")
    facts = page.locator("[data-fact]")
    assert facts.count() >= 5
    for i in range(facts.count()):
        fact_id = facts.nth(i).get_attribute("data-fact")
        fact = kb.facts[fact_id]
        assert facts.nth(i).inner_text() == fact.text
        source = facts.nth(i).locator("xpath=following-sibling::span[@class='source']")
        assert source.inner_text() == f"Source: {kb.sources[fact.source].title}"
    expect(page.locator("body")).to_contain_text("15 or 21 months")
    expect(page.locator("a[href='tel:08081649883']")).to_have_text("0808 164 9883")
    screenshot(page, "desktop-page", full_page=True)
    assert page.watch.outside_requests() == []
    assert page.watch.errors == []


# --- the widget against the real bot ------------------------------------------


def test_pqip_length_question(page, site_url, screenshot):
    open_chat(page, site_url)
    answer = say(page, "How long is the PQiP?")
    assert "15" in answer and "21 months" in answer, answer
    assert user_messages(page)[-1] == "How long is the PQiP?"
    screenshot(page, "desktop-pqip-length")
    assert page.watch.errors == [] and page.watch.outside_requests() == []


def test_clicking_a_bot_button_sends_its_payload_and_shows_its_title(page, site_url):
    open_chat(page, site_url)
    greeting = say(page, "hello")
    assert "Probation Careers Advisor" in greeting
    choice = page.locator(ENABLED_CHOICES, has_text="How long is the training?")
    expect(choice).to_have_count(1)
    answer = click_choice(page, "How long is the training?")
    assert user_messages(page)[-1] == "How long is the training?"  # the title, not "/faq_pqip_length"
    assert "15" in answer and "21" in answer, answer
    # choices already answered can't be clicked again
    expect(page.locator(".chat-choice", has_text="How long is the training?").first).to_be_disabled()
    # the helpline number in the bot's answer becomes a phone link
    if page.locator(ENABLED_CHOICES, has_text="Talk to a person").count():
        click_choice(page, "Talk to a person")
    else:
        say(page, "Can I talk to a person?")
    expect(page.locator("#chat-log a[href='tel:08081649883']").last).to_have_text("0808 164 9883")


def test_eligibility_check_by_clicks_and_typing(page, site_url, screenshot):
    open_chat(page, site_url)
    reply = click_choice(page, "Check my eligibility")
    assert "old" in reply.lower(), reply
    reply = say(page, "31")
    assert "right to work" in reply.lower(), reply
    reply = click_choice(page, "Yes")
    assert "England" in reply, reply
    reply = click_choice(page, "England")
    assert "qualification" in reply.lower(), reply
    reply = say(page, "a foundation degree in health and social care")
    if "Crime and Criminal Behaviour" in reply:  # asked about the four knowledge areas
        reply = say(page, "none of them")
    if "knowledge modules" in reply:  # and, apart, about knowledge modules
        reply = say(page, "none")
    assert "experience" in reply.lower(), reply
    reply = say(page, "yes, I volunteer with young offenders")
    assert "21" in reply, reply
    assert user_messages(page)[-7:] == [
        "31",
        "Yes",
        "England",
        "a foundation degree in health and social care",
        "none of them",
        "none",
        "yes, I volunteer with young offenders",
    ]
    screenshot(page, "desktop-eligibility")


def test_reload_keeps_and_continues_the_conversation(page, site_url):
    open_chat(page, site_url)
    click_choice(page, "Check my eligibility")
    reply = say(page, "31")
    assert "right to work" in reply.lower(), reply
    before_log = log_text(page)
    sender = page.evaluate("JSON.parse(sessionStorage.getItem('pca.chat.v1')).sender")

    page.reload()
    expect(page.locator("#chat-panel")).to_be_visible()  # still open
    assert log_text(page) == before_log
    assert page.evaluate("JSON.parse(sessionStorage.getItem('pca.chat.v1')).sender") == sender
    # the same conversation goes on: the bot still waits for the right-to-work answer
    reply = click_choice(page, "Yes")
    assert "England" in reply, reply


def test_markup_is_shown_as_text_and_never_run(page, site_url):
    open_chat(page, site_url)
    attack = "<img src=x onerror=alert(1)>"
    say(page, attack)
    time.sleep(0.5)
    assert user_messages(page)[-1] == attack
    assert page.locator("#chat-log img").count() == 0
    assert page.locator("#chat-log script").count() == 0
    assert page.watch.dialogs == []
    assert not any(u.endswith("/x") for u in page.watch.requests)


def test_bot_text_rendering_paragraphs_links_and_plain_text(page, site_url):
    """A canned reply (routed in the browser) with every kind of text the
    renderer handles; the real bot's answers are checked above."""
    canned = [
        {
            "recipient_id": "x",
            "text": "First paragraph.\n\nSee https://example.org/a?b=1. Or call 0808 164 9883.\n"
            "<b>not bold</b> & <script>alert(2)</script>\n\n"
            "Next steps:\n- Apply online\n- Call 0808 164 9883",
            "buttons": [{"title": "<i>Choice</i>", "payload": "/greet"}],
        }
    ]

    def fulfil(route):
        if route.request.method == "OPTIONS":
            route.fulfill(
                status=204,
                headers={"Access-Control-Allow-Origin": "*", "Access-Control-Allow-Headers": "Content-Type"},
            )
        else:
            route.fulfill(
                status=200,
                content_type="application/json",
                body=json.dumps(canned),
                headers={"Access-Control-Allow-Origin": "*"},
            )

    page.route(f"http://127.0.0.1:{RASA_PORT}/webhooks/rest/webhook", fulfil)
    open_chat(page, site_url)
    message = page.locator(BOT_MSGS).last
    expect(message.locator("p")).to_have_count(3)
    expect(message.locator("ul > li")).to_have_text(["Apply online", "Call 0808 164 9883"])
    expect(message.locator("p").first).to_have_text(re.compile("First paragraph.$"))
    url = message.locator("a[href^='https:']")
    expect(url).to_have_text("https://example.org/a?b=1")  # the full stop isn't part of it
    assert url.get_attribute("href") == "https://example.org/a?b=1"
    assert url.get_attribute("rel") == "noopener noreferrer"
    expect(message.locator("a[href='tel:08081649883']")).to_have_count(2)
    expect(message).to_contain_text("<b>not bold</b> & <script>alert(2)</script>")
    assert message.locator("b, script, i").count() == 0
    expect(message.locator(".chat-choice")).to_have_text("<i>Choice</i>")
    assert page.watch.dialogs == []


def test_server_error_shows_the_same_message(page, site_url):
    page.route(
        f"http://127.0.0.1:{RASA_PORT}/webhooks/rest/webhook",
        lambda route: route.fulfill(
            status=500, body="internal error", headers={"Access-Control-Allow-Origin": "*"}
        ),
    )
    page.goto(site_url)
    page.locator("#chat-launcher").click()
    expect(page.locator("#chat-error p")).to_have_text(DOWN_TEXT)
    expect(page.get_by_role("button", name="Retry")).to_be_visible()
    page.reload()  # the failure and its Retry survive a reload too
    expect(page.locator("#chat-error p")).to_have_text(DOWN_TEXT)


def test_template_names_only_known_facts():
    from bot.build.web_page import PageError, render

    kb = load_knowledge()
    with pytest.raises(PageError, match="no_such_fact"):
        render("<p>{{fact:no_such_fact}}</p>", kb, "http://127.0.0.1:5005")
    out = render(
        '<p>{{fact:helpline_number}}</p><div data-bot-url="{{bot_url}}">', kb, "http://127.0.0.1:5005"
    )
    assert 'href="tel:08081649883"' in out and 'data-bot-url="http://127.0.0.1:5005"' in out
    assert kb.sources[kb.facts["helpline_number"].source].title in out


def test_long_messages_are_limited(page, site_url):
    open_chat(page, site_url)
    box = page.locator("#chat-input")
    assert box.get_attribute("maxlength") == "1000"
    expect(page.locator("#chat-hint")).to_contain_text("1000 characters")
    box.focus()
    page.keyboard.insert_text("a" * 1200)
    assert len(box.input_value()) <= 1000
    expect(page.locator("#chat-count")).to_contain_text("0 characters left")


# --- the bot unreachable, then back -------------------------------------------


class _Proxy(BaseHTTPRequestHandler):
    """Stands in for the bot coming back: forwards the REST channel to it."""

    target = ""

    def _cors(self):
        self.send_header("Access-Control-Allow-Origin", self.headers.get("Origin", "*"))
        self.send_header("Access-Control-Allow-Headers", "Content-Type")
        self.send_header("Access-Control-Allow-Methods", "POST, OPTIONS")

    def do_OPTIONS(self):
        self.send_response(204)
        self._cors()
        self.end_headers()

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        reply = requests.post(
            self.target + self.path, data=body, headers={"Content-Type": "application/json"}, timeout=30
        )
        data = json.dumps(reply.json()).encode()
        self.send_response(reply.status_code)
        self._cors()
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


def _serve(server):
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server


def test_server_down_shows_message_and_retry_resends(page, site_dir, bot_url, screenshot):
    closed = free_port()  # nothing listens here (yet)
    site = _serve(make_server(site_dir, 0, closed))  # CSP allows that port
    proxy = None
    try:
        url = f"http://127.0.0.1:{site.server_address[1]}/?bot=http://127.0.0.1:{closed}"
        page.goto(url)
        page.locator("#chat-launcher").click()
        expect(page.locator("#chat-error")).to_have_text(re.compile(re.escape(DOWN_TEXT)))

        page.locator("#chat-input").fill("How long is the PQiP?")
        page.locator("#chat-input").press("Enter")
        error = page.locator("#chat-error")
        expect(error).to_be_visible()
        expect(error.locator("p")).to_have_text(DOWN_TEXT)
        expect(page.locator(".chat-msg-error")).to_have_count(1)
        retry = page.get_by_role("button", name="Retry")
        expect(retry).to_be_visible()
        screenshot(page, "desktop-server-down")

        retry.click()  # still down: the same message again, nothing doubled
        expect(page.locator("#chat-error")).to_be_visible()
        expect(page.locator(".chat-msg-error")).to_have_count(1)
        assert user_messages(page) == ["How long is the PQiP?"]

        _Proxy.target = bot_url  # the bot comes back on that port
        proxy = _serve(ThreadingHTTPServer(("127.0.0.1", closed), _Proxy))
        before = page.locator(BOT_MSGS).count()
        page.get_by_role("button", name="Retry").click()
        wait_idle(page, before)
        expect(page.locator("#chat-error")).to_have_count(0)
        answer = replies_since(page, before)
        assert "15" in answer and "21 months" in answer, answer
        assert user_messages(page) == ["How long is the PQiP?"]  # resent, not retyped
    finally:
        site.shutdown()
        if proxy:
            proxy.shutdown()


# --- keyboard only --------------------------------------------------------------


def focused(page) -> dict:
    return page.evaluate("""() => {
        const el = document.activeElement;
        const style = getComputedStyle(el);
        return {id: el.id, cls: el.className, tag: el.tagName, text: el.textContent.trim(),
                outline: style.outlineStyle, outlineWidth: parseFloat(style.outlineWidth)};
    }""")


def test_keyboard_only(page, site_url, screenshot):
    page.goto(site_url)
    for _ in range(30):  # Tab to the launcher
        page.keyboard.press("Tab")
        if focused(page)["id"] == "chat-launcher":
            break
    else:
        pytest.fail("Tab never reached the chat launcher")
    assert focused(page)["outline"] != "none" and focused(page)["outlineWidth"] >= 2

    page.keyboard.press("Enter")
    expect(page.locator("#chat-panel")).to_be_visible()
    assert focused(page)["id"] == "chat-input"
    wait_idle(page, 0)

    before = page.locator(BOT_MSGS).count()
    page.keyboard.type("hello")
    page.keyboard.press("Enter")
    wait_idle(page, before)
    assert focused(page)["id"] == "chat-input"  # typing carries on where it was

    # The latest suggested replies sit just before the input: Shift+Tab reaches them.
    for _ in range(6):
        page.keyboard.press("Shift+Tab")
        if "chat-choice" in focused(page)["cls"]:
            break
    else:
        pytest.fail("keyboard never reached a suggested reply")
    choice = focused(page)
    assert choice["outline"] != "none" and choice["outlineWidth"] >= 2
    screenshot(page, "desktop-keyboard-focus")

    before = page.locator(BOT_MSGS).count()
    page.keyboard.press("Enter")
    wait_idle(page, before)
    assert user_messages(page)[-1] == choice["text"]
    now = focused(page)  # the clicked button is gone: focus moved on, not lost
    assert now["id"] == "chat-input" or "chat-choice" in now["cls"], now

    page.keyboard.press("Escape")  # closes the panel, back to the launcher
    expect(page.locator("#chat-panel")).to_be_hidden()
    assert focused(page)["id"] == "chat-launcher"


def test_accessible_structure(page, site_url):
    open_chat(page, site_url)
    log = page.locator("#chat-log")
    assert log.get_attribute("role") == "log"
    assert log.get_attribute("aria-live") == "polite"
    expect(page.get_by_label("Your message")).to_be_visible()
    expect(page.get_by_role("button", name="Send")).to_be_visible()
    expect(page.get_by_role("button", name="Close the chat")).to_be_visible()
    assert page.locator("#chat-launcher").get_attribute("aria-expanded") == "true"
    for selector in ("#chat-launcher", "#chat-send", "#chat-close", ".chat-choice"):
        assert page.locator(selector).first.evaluate("el => el.tagName") == "BUTTON"


# --- small screens ------------------------------------------------------------


def test_360px_wide_has_no_horizontal_scroll(context, site_url, screenshot):
    page = context.new_page()
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(site_url)
    widths = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert widths[0] <= widths[1] == 360, widths
    screenshot(page, "mobile-360-page", full_page=True)

    page.locator("#chat-launcher").click()
    wait_idle(page, 0)
    say(page, "How long is the PQiP?")
    box = page.locator("#chat-panel").bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 360, box
    log = page.evaluate(
        "(() => { const l = document.getElementById('chat-log'); return [l.scrollWidth, l.clientWidth]; })()"
    )
    assert log[0] <= log[1], log
    widths = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert widths[0] <= 360, widths
    expect(page.locator("#chat-send")).to_be_in_viewport()
    screenshot(page, "mobile-360-chat")
