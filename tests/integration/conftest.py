"""A real Rasa server and action server for the integration tests.

Started once per test session on their own ports and with their own SQLite
tracker store, so a developer's running bot is left alone. Set BOT_URL to
test an already running bot instead.
"""
import os
import signal
import subprocess
import time
import uuid
from pathlib import Path

import pytest
import requests

ROOT = Path(__file__).resolve().parents[2]
RASA_PORT = "5105"
ACTIONS_PORT = "5155"


def _wait_until_answering(url: str, proc: subprocess.Popen, log: Path, timeout: float = 240) -> None:
    deadline = time.time() + timeout
    while time.time() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"bot exited with {proc.returncode}:\n{log.read_text()[-3000:]}")
        try:
            reply = requests.post(f"{url}/webhooks/rest/webhook",
                                  json={"sender": "warmup", "message": "hello"}, timeout=10)
            if reply.ok and reply.json():
                return
        except requests.RequestException:
            pass
        time.sleep(1)
    raise RuntimeError(f"bot not answering after {timeout}s:\n{log.read_text()[-3000:]}")


@pytest.fixture(scope="session")
def tracker_db() -> Path:
    return ROOT / "var" / f"test-tracker-{os.getpid()}.db"


@pytest.fixture(scope="session")
def bot_url(tracker_db):
    if os.environ.get("BOT_URL"):
        yield os.environ["BOT_URL"]
        return
    (ROOT / "var").mkdir(exist_ok=True)
    log = ROOT / "var" / "test-serve.log"
    env = dict(os.environ, RASA_PORT=RASA_PORT, ACTIONS_PORT=ACTIONS_PORT, TRACKER_DB=str(tracker_db))
    with open(log, "w") as out:
        proc = subprocess.Popen([str(ROOT / "scripts" / "serve.sh")], cwd=ROOT, env=env,
                                stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    url = f"http://127.0.0.1:{RASA_PORT}"
    try:
        _wait_until_answering(url, proc, log)
        yield url
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
        tracker_db.unlink(missing_ok=True)


class Visitor:
    """One conversation over the REST channel, as the web page has it."""

    def __init__(self, url: str):
        self.url = url
        self.sender = "test-" + uuid.uuid4().hex[:12]

    def say(self, text: str) -> list:
        reply = requests.post(f"{self.url}/webhooks/rest/webhook",
                              json={"sender": self.sender, "message": text}, timeout=30)
        assert reply.status_code == 200, reply.text
        return reply.json()

    def say_text(self, text: str) -> str:
        """Texts and button titles of the reply, joined, as a visitor sees them."""
        parts = []
        for message in self.say(text):
            parts.append(message.get("text") or "")
            parts.extend(b.get("title", "") for b in message.get("buttons") or [])
        return "\n".join(parts)


@pytest.fixture
def visitor(bot_url):
    return Visitor(bot_url)
