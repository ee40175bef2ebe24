"""`make shell` beside `make run` (issue 11): its own ports, loopback only.

The session bot (scripts/serve.sh, what `make run` starts) is up; then
`scripts/serve.sh --shell` (what `make shell` runs) starts on SHELL_RASA_PORT /
SHELL_ACTIONS_PORT (TEST_RASA_PORT+3 / TEST_ACTIONS_PORT+3) in a pseudo-terminal,
as staff would type into it, and must answer a question.
"""

import fcntl
import os
import pty
import select
import signal
import struct
import subprocess
import termios
import time

import requests

from tests.botprocess import ROOT

SHELL_RASA_PORT = int(os.environ.get("TEST_RASA_PORT", "5105")) + 3
SHELL_ACTIONS_PORT = int(os.environ.get("TEST_ACTIONS_PORT", "5155")) + 3


def listening_addresses(port: int) -> set:
    out = subprocess.run(["ss", "-Hltn", f"sport = :{port}"], capture_output=True, text=True).stdout
    return {line.split()[3].rsplit(":", 1)[0] for line in out.splitlines() if line.strip()}


class Terminal:
    """A program in a pseudo-terminal, read as the screen would show it."""

    def __init__(self, argv, env):
        self.master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
        self.proc = subprocess.Popen(
            argv, cwd=ROOT, env=env, stdin=slave, stdout=slave, stderr=slave, start_new_session=True
        )
        os.close(slave)
        self.screen = b""

    def wait_for(self, text: bytes, timeout: float) -> bool:
        deadline = time.time() + timeout
        while time.time() < deadline and self.proc.poll() is None:
            ready, _, _ = select.select([self.master], [], [], 0.5)
            if ready:
                try:
                    self.screen += os.read(self.master, 65536)
                except OSError:
                    break
            if text in self.screen:
                return True
        return text in self.screen

    def type(self, line: str) -> None:
        os.write(self.master, line.encode() + b"\r")

    def close(self) -> None:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()
        os.close(self.master)


def test_make_shell_answers_beside_make_run_on_its_own_loopback_ports(bot_url, tmp_path):
    # make run's bot is up and answering.
    reply = requests.post(
        f"{bot_url}/webhooks/rest/webhook", json={"sender": "shell-beside", "message": "hello"}, timeout=30
    )
    assert reply.ok and reply.json()
    env = dict(
        os.environ,
        TERM="xterm",
        SHELL_RASA_PORT=str(SHELL_RASA_PORT),
        SHELL_ACTIONS_PORT=str(SHELL_ACTIONS_PORT),
        SHELL_TRACKER_DB=str(tmp_path / "shell-tracker.db"),
    )
    shell = Terminal([str(ROOT / "scripts" / "serve.sh"), "--shell"], env)
    try:
        assert shell.wait_for(b"Bot loaded", timeout=300), shell.screen.decode(errors="replace")[-3000:]
        shell.type("how long does the PQiP take?")
        assert shell.wait_for(b"21 months", timeout=60), shell.screen.decode(errors="replace")[-3000:]
        for port in (SHELL_RASA_PORT, SHELL_ACTIONS_PORT):
            assert listening_addresses(port) == {"127.0.0.1"}, (port, listening_addresses(port))
        # and make run's bot still answers.
        reply = requests.post(
            f"{bot_url}/webhooks/rest/webhook",
            json={"sender": "shell-beside", "message": "how long is the PQiP?"},
            timeout=30,
        )
        assert "21" in " ".join(m.get("text") or "" for m in reply.json())
    finally:
        shell.close()
