"""Start the scale-out profile (scripts/serve_scaled.sh) on chosen ports and wait until
nginx answers through both Rasa servers.

Shared by tests/scaled and bench/, so both use what `make run-scaled` starts;
Visitor is one conversation whose turns can go to nginx or straight to a Rasa server.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import time
import uuid
from pathlib import Path

import requests

from tests.botprocess import ROOT, launch, supervisorctl


class ScaledProfile:
    """nginx on `base_port`, Rasa on base+1 and base+2, actions on base+51,
    PostgreSQL on base+61, Redis on base+71, the staff console on base+81, metrics on
    base+91; state in `state_dir`."""

    def __init__(self, base_port: int, state_dir: Path, log: Path | None = None):
        self.ports = dict(
            SCALED_PORT=base_port,
            SCALED_RASA_PORT_A=base_port + 1,
            SCALED_RASA_PORT_B=base_port + 2,
            SCALED_ACTIONS_PORT=base_port + 51,
            SCALED_PG_PORT=base_port + 61,
            SCALED_REDIS_PORT=base_port + 71,
            SCALED_STAFF_PORT=base_port + 81,
            SCALED_METRICS_PORT=base_port + 91,  # issue 27's metrics part
        )
        self.url = f"http://127.0.0.1:{base_port}"
        self.rasa_urls = [f"http://127.0.0.1:{base_port + 1}", f"http://127.0.0.1:{base_port + 2}"]
        self.state_dir = state_dir
        self.log = log or ROOT / "var" / f"scaled-{base_port}.log"
        self.env = dict(os.environ, SCALED_DIR=str(state_dir), **{k: str(v) for k, v in self.ports.items()})
        self.env["STAFF_DB"] = str(state_dir / "staff.db")  # the console's accounts, removed with the state
        self.staff_url = f"http://127.0.0.1:{self.ports['SCALED_STAFF_PORT']}"
        self.proc: subprocess.Popen | None = None

    def secret(self, name: str) -> str:
        return (self.state_dir / name).read_text().strip()

    def start(self, timeout: float = 900) -> float:
        """Start (installing Debian packages if needed) and wait for a real answer
        from each Rasa server through nginx; returns seconds to that point."""
        (ROOT / "var").mkdir(exist_ok=True)
        started_at = time.perf_counter()
        self.proc = launch("serve_scaled.sh", self.env, self.log)
        deadline, answered_by = time.time() + timeout, set[str | None]()
        while time.time() < deadline and len(answered_by) < 2:
            if self.proc.poll() is not None:
                raise RuntimeError(f"scaled profile exited with {self.proc.returncode}:\n{self.tail()}")
            try:
                reply = requests.post(
                    f"{self.url}/webhooks/rest/webhook",
                    json={"sender": "warmup", "message": "hello"},
                    timeout=30,
                )
                if reply.ok and reply.json():
                    answered_by.add(reply.headers.get("X-Served-By"))
                    continue
            except requests.RequestException:
                pass
            time.sleep(0.5)
        if len(answered_by) < 2:
            self.stop()
            raise RuntimeError(f"scaled profile not answering after {timeout}s:\n{self.tail()}")
        return time.perf_counter() - started_at

    def supervisorctl(self, *args: str) -> str:
        return supervisorctl(self.state_dir / "supervisorctl.conf", *args)  # made by serve_scaled.sh

    def tail(self) -> str:
        return self.log.read_text()[-3000:] if self.log.exists() else ""

    def stop(self, remove_state: bool = False) -> None:
        if self.proc and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()
        if remove_state:
            shutil.rmtree(self.state_dir, ignore_errors=True)


class Visitor:
    """One conversation over the REST channel; each turn can go to any URL."""

    def __init__(self, default_url: str):
        self.default_url = default_url
        self.sender = "scaled-" + uuid.uuid4().hex[:12]
        self.served_by: list[str] = []  # which Rasa server took each turn ("host:port")

    def say(self, text: str, url: str | None = None) -> str:
        """The texts of the bot's reply, without button titles, so a question is the last line."""
        url = url or self.default_url
        reply = requests.post(
            f"{url}/webhooks/rest/webhook", json={"sender": self.sender, "message": text}, timeout=120
        )
        assert reply.status_code == 200, reply.text
        # nginx names the Rasa server it chose; a direct call is its own server.
        self.served_by.append(reply.headers.get("X-Served-By") or url.split("//", 1)[1])
        return "\n".join(m.get("text") or "" for m in reply.json())

    def tracker(self, url: str, token: str) -> dict:
        reply = requests.get(
            f"{url}/conversations/{self.sender}/tracker", params={"token": token}, timeout=60
        )
        assert reply.status_code == 200, reply.text
        return reply.json()
