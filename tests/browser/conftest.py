"""The web page and chat widget in a real browser, against the real bot.

Starts, once per session:
  - the bot (scripts/serve.sh) on its own ports, tracker store and CORS origin:
    RASA_PORT=5305 ACTIONS_PORT=5355 TRACKER_DB=var/browser-tracker.db
    WEB_PORT=8100 WEB_ORIGIN=http://127.0.0.1:8100 (ports overridable with
    BROWSER_RASA_PORT, BROWSER_ACTIONS_PORT and BROWSER_WEB_PORT);
  - the page, built from knowledge/ by bot.build.web_page into a temporary folder and
    served by bot.web.static_server on 127.0.0.1:8100 (unless serve.sh already
    serves it there), with the widget pointed at the bot by ?bot=...;
  - the staff console, started by serve.sh beside the bot, on 127.0.0.1:8101
    (BROWSER_STAFF_PORT) with accounts in var/browser-staff.db;
  - Debian's Chromium (/usr/bin/chromium), headless, through Playwright, with
    a fresh profile; every test gets its own browser context (own storage).

Needs scripts/install_browser.sh (Chromium and the playwright package) and a
trained model (make train). Screenshots go to results/screenshots/.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from tests.botprocess import ROOT, BotProcess

# Overridable so two engineers' runs on one machine do not collide.
RASA_PORT = int(os.environ.get("BROWSER_RASA_PORT", "5305"))
ACTIONS_PORT = int(os.environ.get("BROWSER_ACTIONS_PORT", "5355"))
WEB_PORT = int(os.environ.get("BROWSER_WEB_PORT", "8100"))
WEB_ORIGIN = f"http://127.0.0.1:{WEB_PORT}"
TRACKER_DB = ROOT / "var" / "browser-tracker.db"
# The staff console serve.sh starts beside the bot, with accounts of its own.
STAFF_PORT = int(os.environ.get("BROWSER_STAFF_PORT", "8101"))
STAFF_DB = ROOT / "var" / "browser-staff.db"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOTS = ROOT / "results" / "screenshots"

sync_api = pytest.importorskip(
    "playwright.sync_api", reason="playwright is not installed: run scripts/install_browser.sh"
)
if not Path(CHROMIUM).exists():
    pytest.skip(f"{CHROMIUM} is missing: run scripts/install_browser.sh", allow_module_level=True)


def _wait_http(url: str, timeout: float, proc: subprocess.Popen | None = None) -> None:
    deadline = time.time() + timeout
    while time.time() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"{proc.args!r} exited with {proc.returncode}")
        try:
            if requests.get(url, timeout=2).ok:
                return
        except requests.RequestException:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"{url} not answering after {timeout}s")


def _page_served(url: str) -> bool:
    try:
        reply = requests.get(url, timeout=2)
        return reply.ok and 'id="chat"' in reply.text
    except requests.RequestException:
        return False


@pytest.fixture(scope="session")
def bot_url(site_dir):
    TRACKER_DB.unlink(missing_ok=True)
    _remove_staff_db()
    # WEB_ROOT: if serve.sh builds and serves the page too, it does so in our
    # temporary folder, never over a developer's .build/web.
    bot = BotProcess(
        RASA_PORT,
        ACTIONS_PORT,
        TRACKER_DB,
        log=ROOT / "var" / "browser-serve.log",
        extra_env={
            "WEB_PORT": str(WEB_PORT),
            "WEB_ORIGIN": WEB_ORIGIN,
            "WEB_ROOT": str(site_dir),
            "STAFF_PORT": str(STAFF_PORT),
            "STAFF_DB": str(STAFF_DB),
        },
    )
    bot.start()
    try:
        yield bot.url
    finally:
        bot.stop()
        TRACKER_DB.unlink(missing_ok=True)
        _remove_staff_db()


def _remove_staff_db() -> None:
    for path in STAFF_DB.parent.glob(STAFF_DB.name + "*"):  # and its -wal, -shm
        path.unlink(missing_ok=True)


@pytest.fixture(scope="session")
def staff_url(bot_url) -> str:
    """The staff console of the bot under test (its database: STAFF_DB)."""
    return f"http://127.0.0.1:{STAFF_PORT}"


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory) -> Path:
    """The page built from knowledge/, talking to the test bot by default."""
    from bot.build.web_page import build

    out = tmp_path_factory.mktemp("web")
    build(out, bot_url=f"http://127.0.0.1:{RASA_PORT}")
    return out


@pytest.fixture(scope="session")
def site_url(bot_url, site_dir) -> Iterator[str]:
    """http://127.0.0.1:8100/ serving the page, started here unless already up."""
    base = f"{WEB_ORIGIN}/"
    proc = None
    if not _page_served(base):  # serve.sh may already serve it on WEB_PORT
        env = dict(
            os.environ,
            WEB_PORT=str(WEB_PORT),
            RASA_PORT=str(RASA_PORT),
            WEB_ROOT=str(site_dir),
            WEB_QUIET="1",
        )
        proc = subprocess.Popen(
            [sys.executable, "-m", "bot.web.static_server"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        _wait_http(base, 30, proc)
    try:
        yield f"{base}?bot={bot_url}"
    finally:
        if proc is not None:
            proc.terminate()
            proc.wait(timeout=10)


@pytest.fixture(scope="session")
def browser():
    with sync_api.sync_playwright() as playwright:
        # launch() gives Chromium a fresh, empty profile (user-data dir) of its own.
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


class Watch:
    """What the page did that it shouldn't: dialogs, errors, outside requests."""

    def __init__(self, page):
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.requests: list[str] = []
        page.on("dialog", self._dialog)
        page.on("pageerror", lambda exc: self.errors.append(str(exc)))
        page.on("console", lambda msg: msg.type == "error" and self.errors.append(msg.text))
        page.on("request", lambda request: self.requests.append(request.url))

    def _dialog(self, dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def outside_requests(self) -> list[str]:
        return [u for u in self.requests if not u.startswith("http://127.0.0.1:")]


@pytest.fixture
def context(browser):
    ctx = browser.new_context(viewport={"width": 1280, "height": 800})
    ctx.set_default_timeout(30_000)
    try:
        yield ctx
    finally:
        ctx.close()


@pytest.fixture
def page(context):
    page = context.new_page()
    page.watch = Watch(page)
    return page


@pytest.fixture(scope="session")
def screenshot():
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def take(page, name: str, full_page: bool = False) -> Path:
        path = SCREENSHOTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=full_page)
        return path

    return take
