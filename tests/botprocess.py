"""Start the real bot (scripts/serve.sh) on chosen ports and wait until it answers.

Shared by the integration tests and bench/, so both measure the same thing
`make run` starts.
"""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent


def project_environment() -> dict:
    """os.environ plus scripts/lib/project.env (telemetry off and friends) and the
    third-party warnings filter, as the Makefile and scripts/*.sh set them."""
    env = dict(os.environ)
    for line in (ROOT / "scripts" / "lib" / "project.env").read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            key, value = line.split("=", 1)
            env[key.strip()] = value.strip()
    quiet = str(ROOT / "scripts" / "lib" / "python")
    env["PYTHONPATH"] = quiet + (":" + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    return env


def share_priority(pid: int) -> None:
    """Give the session that `pid` leads this process's priority (nice value).

    A bot is started in a session of its own, and Linux schedules each session as
    one group (autogroup) with a nice value of its own, 0 whatever this process's
    is: without this, `nice` on a test run (scripts/test.sh) would not reach the
    bots it starts. Where the kernel has no autogroups, or refuses (a higher
    priority needs root), the session keeps the kernel's choice."""
    try:
        Path(f"/proc/{pid}/autogroup").write_text(str(os.getpriority(os.PRIO_PROCESS, 0)))
    except OSError:
        pass


def launch(script: str, env: dict, log: Path) -> subprocess.Popen:
    """scripts/<script> in a session of its own (so it can be stopped whole), at the
    priority of the tests that start it, its output to `log`."""
    with open(log, "w") as out:
        proc = subprocess.Popen(
            [str(ROOT / "scripts" / script)],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    share_priority(proc.pid)
    return proc


def supervisorctl(config: Path, *args: str) -> str:
    """What supervisorctl prints for `args`, with a profile's own supervisorctl config."""
    out = subprocess.run(
        [str(ROOT / ".venv" / "bin" / "supervisorctl"), "-c", str(config), *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    return out.stdout


def _alive(pid: int) -> bool:
    """Running, not a zombie (a zombie has let go of its ports)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


class BotProcess:
    def __init__(
        self,
        rasa_port: int,
        actions_port: int,
        tracker_db: Path,
        log: Path | None = None,
        extra_env: dict | None = None,
    ):
        self.url = f"http://127.0.0.1:{rasa_port}"
        self.tracker_db = tracker_db
        self.log = log or ROOT / "var" / f"bot-{rasa_port}.log"
        # Each bot serves its page on a port of its own (two bots of one test run must not
        # share it), while the chat's CORS origin stays the page's usual one.
        origin = os.environ.get("WEB_ORIGIN") or f"http://127.0.0.1:{os.environ.get('WEB_PORT', '8000')}"
        self.env = dict(
            os.environ,
            RASA_PORT=str(rasa_port),
            ACTIONS_PORT=str(actions_port),
            TRACKER_DB=str(tracker_db),
            WEB_PORT=str(rasa_port + 75),
            WEB_ORIGIN=origin,
            # The staff console too, with accounts of its own (+95: clear of the page
            # ports of bots on the Rasa ports just above, which tests run side by side).
            STAFF_PORT=str(rasa_port + 95),
            STAFF_DB=str(ROOT / "var" / f"test-staff-{rasa_port}.db"),
            # The metrics part too (+4100: 5105 -> 9205, clear of the default 9105).
            METRICS_PORT=str(rasa_port + 4100),
        )
        self.env.update(extra_env or {})  # a caller's page port and origin win (tests/browser)
        self.proc: subprocess.Popen | None = None
        self.started_at = 0.0

    def start(self, timeout: float = 300) -> float:
        """Start and wait for a real answer; returns seconds to the first answer."""
        (ROOT / "var").mkdir(exist_ok=True)
        self.started_at = time.perf_counter()
        self.proc = launch("serve.sh", self.env, self.log)
        deadline = time.time() + timeout
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"bot exited with {self.proc.returncode}:\n{self.tail()}")
            try:
                reply = requests.post(
                    f"{self.url}/webhooks/rest/webhook",
                    json={"sender": "warmup", "message": "hello"},
                    timeout=10,
                )
                if reply.ok and reply.json():
                    answered = time.perf_counter() - self.started_at
                    self._wait_for_ready(deadline)
                    return answered
            except requests.RequestException:
                pass
            time.sleep(0.25)
        self.stop()
        raise RuntimeError(f"bot not answering after {timeout}s:\n{self.tail()}")

    def _wait_for_ready(self, deadline: float) -> None:
        """Until serve.sh has said "Ready." (it checks on its own, a moment after our first
        answer): a test that then kills a part does not land inside the start's output."""
        while time.time() < deadline and "\nReady." not in "\n" + self.log.read_text(errors="replace"):
            if self.proc is not None and self.proc.poll() is not None:
                return
            time.sleep(0.1)

    def tail(self) -> str:
        return self.log.read_text()[-3000:] if self.log.exists() else ""

    def part_pid(self, part: str) -> int:
        """The pid of one supervised part ("actions", "rasa", "web"), from supervisorctl."""
        return int(self.supervisorctl("pid", part).strip())

    def supervisorctl(self, *args: str) -> str:
        return supervisorctl(
            ROOT / "var" / f"supervisorctl-{self.env['RASA_PORT']}.conf", *args
        )  # serve.sh's

    def session_pids(self) -> list:
        """Every process started for this bot: serve.sh's session (supervisord puts
        each part in a process group of its own, but not in a session of its own)."""
        if not self.proc:
            return []
        pids = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[3]) == self.proc.pid:  # field 6 of /proc/PID/stat: the session id
                pids.append(int(stat.parent.name))
        return pids

    def stop(self, sig: int = signal.SIGTERM) -> None:
        """SIGTERM: supervisord stops every part. SIGKILL: every process at once, as a crash."""
        if not self.proc or self.proc.poll() is not None:
            return
        if sig == signal.SIGKILL:
            # Frozen first, so supervisord cannot start a part again between two kills.
            deadline = time.time() + 30  # a big process takes a moment to die and free its port
            while time.time() < deadline:
                pids = [pid for pid in self.session_pids() if _alive(pid)]
                if not pids:
                    break
                for stop_signal in (signal.SIGSTOP, signal.SIGKILL):
                    for pid in pids:
                        try:
                            os.kill(pid, stop_signal)
                        except ProcessLookupError:
                            pass
                time.sleep(0.1)
            self.proc.wait()
            return
        os.killpg(self.proc.pid, sig)
        try:
            self.proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.stop(signal.SIGKILL)
