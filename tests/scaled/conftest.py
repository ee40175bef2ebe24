"""The scale-out profile (scripts/serve_scaled.sh) for these tests: PostgreSQL,
Redis, an action server, two Rasa servers and nginx, started once per session
on their own ports (TEST_SCALED_PORT, default 5600, and the ports above it,
see ScaledProfile) with a fresh state folder under var/, removed afterwards.
"""

import os

import pytest

from tests.botprocess import ROOT
from tests.scaled.scaled_process import ScaledProfile

BASE_PORT = int(os.environ.get("TEST_SCALED_PORT", "5600"))


@pytest.fixture(scope="session")
def scaled():
    profile = ScaledProfile(
        BASE_PORT, ROOT / "var" / f"test-scaled-{os.getpid()}", log=ROOT / "var" / "test-scaled.log"
    )
    profile.start()
    try:
        yield profile
    finally:
        profile.stop(remove_state=True)


@pytest.fixture(scope="session")
def api_token():
    if os.environ.get("RASA_AUTH_TOKEN"):
        return os.environ["RASA_AUTH_TOKEN"]
    return (ROOT / "var" / "auth_token").read_text().strip()
