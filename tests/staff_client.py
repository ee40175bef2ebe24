"""The staff console as a test sees it over HTTP: accounts made with the real
command line (`python -m bot.staff.cli`, password on standard input) and a
signed-in requests session. Shared by tests/integration, tests/scaled and
tests/browser."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import requests

from tests.botprocess import ROOT, project_environment

CSRF = re.compile(r'name="csrf_token" value="([^"]*)"')


def make_account(staff_db: Path, name: str, role: str, password: str) -> None:
    env = dict(project_environment(), STAFF_DB=str(staff_db))
    done = subprocess.run(
        [sys.executable, "-m", "bot.staff.cli", name, "--role", role],
        cwd=ROOT,
        env=env,
        input=password + "\n",
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr


def csrf_in(html: str) -> str:
    found = CSRF.search(html)
    assert found, "no CSRF token in the page"
    return found.group(1)


class Staff:
    """One browser-like session with the console (cookies kept, redirects not followed)."""

    def __init__(self, url: str):
        self.url = url.rstrip("/")
        self.http = requests.Session()

    def get(self, path: str, **kwargs) -> requests.Response:
        return self.http.get(self.url + path, allow_redirects=False, timeout=60, **kwargs)

    def post(self, path: str, data: dict, **kwargs) -> requests.Response:
        return self.http.post(self.url + path, data=data, allow_redirects=False, timeout=60, **kwargs)

    def login(self, name: str, password: str) -> requests.Response:
        token = csrf_in(self.get("/login").text)
        return self.post("/login", {"csrf_token": token, "username": name, "password": password})

    def signed_in(self, name: str, password: str) -> Staff:
        reply = self.login(name, password)
        assert reply.status_code == 303 and reply.headers["Location"] == "/", reply.text[:500]
        return self

    def csrf(self) -> str:
        return csrf_in(self.get("/").text)
