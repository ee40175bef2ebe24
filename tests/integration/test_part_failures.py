"""One part fails while the bot runs (issue 11): what the visitor sees, and how
the supervisor brings the part back.

A bot of its own (ports TEST_RASA_PORT+2 / TEST_ACTIONS_PORT+2, its own tracker
db) under supervisord, as `make run` starts it. The action server is killed
with SIGKILL, stopped with SIGSTOP and replaced by a server that answers with
an error; the Rasa server is killed with SIGKILL. Real processes and signals
throughout: nothing is mocked.
"""

import os
import re
import signal
import subprocess
import sys
import time
import uuid

import pytest
import requests

from bot.knowledge import load_knowledge
from tests.botprocess import ROOT, BotProcess
from tests.integration.questions import question_key

RASA_PORT = int(os.environ.get("TEST_RASA_PORT", "5105")) + 2
ACTIONS_PORT = int(os.environ.get("TEST_ACTIONS_PORT", "5155")) + 2
SUPERVISOR_LOG = ROOT / "var" / f"supervisord-{RASA_PORT}.log"

HELPLINE = load_knowledge().fact("helpline_number").text
FAQ = "how long does the PQiP take?"


def is_degraded(reply: str) -> bool:
    return HELPLINE in reply and "try again" in reply and "went wrong" in reply


def answers_faq(reply: str) -> bool:
    return "15" in reply and "21" in reply and not is_degraded(reply)


@pytest.fixture(scope="module")
def bot():
    db = ROOT / "var" / f"test-failures-{os.getpid()}.db"
    db.unlink(missing_ok=True)
    process = BotProcess(RASA_PORT, ACTIONS_PORT, db, log=ROOT / "var" / f"test-failures-{RASA_PORT}.log")
    process.start()
    try:
        yield process
    finally:
        process.stop()
        db.unlink(missing_ok=True)


class Visitor:
    def __init__(self, bot: BotProcess):
        self.bot = bot
        self.sender = "failure-" + uuid.uuid4().hex[:12]
        self.seconds = 0.0

    def say(self, text: str) -> str:
        started = time.perf_counter()
        reply = requests.post(
            f"{self.bot.url}/webhooks/rest/webhook", json={"sender": self.sender, "message": text}, timeout=60
        )
        self.seconds = time.perf_counter() - started
        assert reply.status_code == 200, reply.text
        messages = reply.json()
        assert messages, f"silence: an empty reply to {text!r}"
        return "\n".join(m.get("text") or "" for m in messages)

    def say_until_answered(self, text: str, since: float, within: float) -> str:
        """Send `text` until a normal reply comes (each degraded one took the turn back)."""
        while True:
            reply = self.say(text)
            if not is_degraded(reply):
                return reply
            assert time.monotonic() - since < within, f"still degraded after {within} s"
            time.sleep(0.3)


def half_way_through_the_check(bot: BotProcess) -> Visitor:
    """A visitor whose check waits for the right-to-work answer."""
    visitor = Visitor(bot)
    assert question_key(visitor.say("can I become a probation officer?")) == "age"
    assert question_key(visitor.say("I'm 31")) == "right_to_work"
    return visitor


def finish_the_check(visitor: Visitor) -> None:
    """The check carries on from the right-to-work question to the end."""
    assert question_key(visitor.say("I live in Cardiff")) == "qualification"
    assert question_key(visitor.say("BA criminology")) == "modules"
    assert question_key(visitor.say("I've started my third module")) == "experience"
    outcome = visitor.say("I volunteer at a homeless shelter")
    assert "15 months" in outcome and question_key(outcome) is None, outcome


def supervisor_log_since(offset: int) -> str:
    return SUPERVISOR_LOG.read_text()[offset:]


def wait_for_new_pid(bot: BotProcess, part: str, old: int, within: float) -> int:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        try:
            pid = bot.part_pid(part)
        except ValueError:  # between two processes supervisorctl prints no pid
            pid = 0
        if pid and pid != old:
            return pid
        time.sleep(0.2)
    raise AssertionError(f"{part} not restarted within {within} s")


# --- the action server dies -----------------------------------------------------------


def test_action_server_killed_mid_conversation_and_mid_check(bot):
    asking = Visitor(bot)
    assert answers_faq(asking.say(FAQ))
    checking = half_way_through_the_check(bot)
    log_offset = SUPERVISOR_LOG.stat().st_size
    old_pid = bot.part_pid("actions")

    os.kill(old_pid, signal.SIGKILL)
    killed_at = time.monotonic()
    # The next message of each gets the degraded reply, within 3 s, never silence.
    reply = asking.say("what does a probation officer do?")
    assert is_degraded(reply) and asking.seconds < 3, (asking.seconds, reply)
    reply = checking.say("yes I'm a British citizen")
    assert is_degraded(reply) and checking.seconds < 3, (checking.seconds, reply)

    # supervisord starts it again within 5 s and says so in its log.
    wait_for_new_pid(bot, "actions", old_pid, within=5)
    assert "exited: actions (terminated by SIGKILL; not expected)" in supervisor_log_since(log_offset)
    assert "spawned: 'actions'" in supervisor_log_since(log_offset)

    # Answers are back within 10 s of the kill, and the check carries on where it was.
    assert answers_faq(asking.say_until_answered(FAQ, killed_at, within=10))
    reply = checking.say_until_answered("yes I'm a British citizen", killed_at, within=10)
    assert question_key(reply) == "nation", reply
    finish_the_check(checking)


def test_action_server_hung_gets_the_degraded_reply_then_answers_once_resumed(bot):
    asking = Visitor(bot)
    checking = half_way_through_the_check(bot)
    pid = bot.part_pid("actions")
    os.kill(pid, signal.SIGSTOP)
    try:
        reply = asking.say(FAQ)
        assert is_degraded(reply) and asking.seconds < 3, (asking.seconds, reply)
        reply = checking.say("yes I'm a British citizen")
        assert is_degraded(reply) and checking.seconds < 3, (checking.seconds, reply)
    finally:
        os.kill(pid, signal.SIGCONT)
    resumed_at = time.monotonic()
    assert answers_faq(asking.say_until_answered(FAQ, resumed_at, within=10))
    reply = checking.say_until_answered("yes I'm a British citizen", resumed_at, within=10)
    assert question_key(reply) == "nation", reply
    finish_the_check(checking)
    assert bot.part_pid("actions") == pid, "a hung action server is not a crash: no restart"


def test_action_server_answering_with_an_error_gets_the_degraded_reply(bot):
    """The action server's port answered by a web server that is no action server
    (POST gets 501), as a broken deployment would."""
    checking = half_way_through_the_check(bot)
    bot.supervisorctl("stop", "actions")
    impostor = subprocess.Popen(
        [sys.executable, "-m", "http.server", str(ACTIONS_PORT), "--bind", "127.0.0.1"],
        cwd=ROOT / "tests",
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            try:
                requests.get(f"http://127.0.0.1:{ACTIONS_PORT}/", timeout=1)
                break
            except requests.RequestException:
                time.sleep(0.2)
        reply = checking.say("yes I'm a British citizen")
        assert is_degraded(reply) and checking.seconds < 3, (checking.seconds, reply)
    finally:
        impostor.terminate()
        impostor.wait(timeout=10)
        bot.supervisorctl("start", "actions")
    reply = checking.say_until_answered("yes I'm a British citizen", time.monotonic(), within=30)
    assert question_key(reply) == "nation", reply


# --- the Rasa server dies --------------------------------------------------------------


def test_rasa_server_killed_is_restarted_and_the_check_carries_on_from_the_tracker_store(bot):
    checking = half_way_through_the_check(bot)
    log_offset = SUPERVISOR_LOG.stat().st_size
    old_pid = bot.part_pid("rasa")

    os.kill(old_pid, signal.SIGKILL)
    wait_for_new_pid(bot, "rasa", old_pid, within=5)
    log = supervisor_log_since(log_offset)
    assert "exited: rasa (terminated by SIGKILL; not expected)" in log and "spawned: 'rasa'" in log, log

    # The model loads again (tens of seconds); then the same conversation goes on.
    deadline = time.monotonic() + 300
    while True:
        try:
            reply = checking.say("yes I'm a British citizen")
            break
        except (requests.ConnectionError, AssertionError):
            assert time.monotonic() < deadline, "the restarted Rasa server never answered"
            time.sleep(1)
    assert question_key(reply) == "nation", reply
    finish_the_check(checking)


# --- what the started servers run with ---------------------------------------------------


def process_environment(pid: int) -> dict:
    with open(f"/proc/{pid}/environ", "rb") as environ:
        raw = environ.read()
    return dict(item.split("=", 1) for item in raw.decode(errors="replace").split("\0") if "=" in item)


def test_telemetry_is_off_in_every_started_server(bot):
    for part in ("actions", "rasa", "web", "staff"):
        environment = process_environment(bot.part_pid(part))
        assert environment.get("RASA_TELEMETRY_ENABLED") == "false", part
    # And Rasa itself, run with the Rasa server's environment, reads it as off.
    environment = process_environment(bot.part_pid("rasa"))
    check = subprocess.run(
        [
            str(ROOT / ".venv" / "bin" / "python"),
            "-c",
            "from rasa import telemetry; print(telemetry.is_telemetry_enabled())",
        ],
        env=environment,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert check.stdout.strip().splitlines()[-1] == "False", check.stdout + check.stderr


def test_the_start_is_quiet_and_says_what_it_is_doing(bot):
    output = bot.log.read_text(errors="replace")
    start = output[: output.index("Ready.")]
    assert "== starting" in start
    assert "Warning" not in output, [line for line in output.splitlines() if "Warning" in line]
    assert "CRIT" not in output
    assert len(start.splitlines()) <= 24, (
        start
    )  # 20, + spawned/success of the metrics and retention parts (issue 27)
    assert re.search(r"Ctrl-C stops everything", output)
