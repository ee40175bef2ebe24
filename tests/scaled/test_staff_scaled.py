"""The staff console on the scale-out profile: `make run-scaled` supervises it and
it reads the conversations from PostgreSQL, the same as `make triage SCALED=1`.

A conversation hops between the two Rasa servers through nginx; the console
then shows its card by the code typed as read out, marks it handled, lists it,
and reports on it; it refuses without a session and without the CSRF token
there as on `make run`, and listens on loopback only.
"""

import re
import time

import pytest
import requests

from tests.scaled.scaled_process import Visitor
from tests.staff_client import Staff, csrf_in, make_account

CODE = re.compile(r"\bPC-[23456789BCDFGHJKMNPQRSTVWXYZ]{5}\b")
ADMIN = ("sam", "scaled-admin-phrase-8")


@pytest.fixture(scope="module", autouse=True)
def console_up(scaled):
    """serve_scaled.sh starts the console last, after nginx (which ScaledProfile waits for)."""
    deadline = time.time() + 120
    while time.time() < deadline:
        try:
            if requests.get(f"{scaled.staff_url}/login", timeout=5).ok:
                return
        except requests.RequestException:
            pass
        time.sleep(0.5)
    raise AssertionError(f"the staff console is not answering:\n{scaled.tail()}")


def text_of(html):
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_the_console_reads_cards_from_postgresql(scaled):
    make_account(scaled.state_dir / "staff.db", ADMIN[0], "admin", ADMIN[1])
    visitor = Visitor(scaled.url)
    visitor.say("I'm 25 and I want to work in Wales")
    visitor.say("flurb glomp zint")
    reply = visitor.say("can I talk to a real person please")
    code = CODE.search(reply).group()
    assert len(set(visitor.served_by)) == 2, visitor.served_by  # the card must come from the shared store

    anonymous = Staff(scaled.staff_url)
    assert anonymous.get(f"/card?code={code}").status_code == 303
    staff = Staff(scaled.staff_url).signed_in(*ADMIN)
    page = staff.get("/card", params={"code": "pc " + code[3:].lower()})
    assert page.status_code == 200
    text = text_of(page.text)
    for expected in (
        f"Triage card {code}",
        "Visitor messages 3",
        "Age 25",
        "Wants to work in Wales",
        "flurb glomp zint",
        "Asked for a person yes",
    ):
        assert expected in text, expected
    assert visitor.sender not in page.text

    refused = staff.post("/card/handled", {"code": code, "note": "no token"})
    assert refused.status_code == 403
    done = staff.post(
        "/card/handled",
        {"csrf_token": csrf_in(page.text), "code": code, "note": "Rang back over the scaled profile."},
    )
    assert done.status_code == 303
    assert "Rang back over the scaled profile." in staff.get(done.headers["Location"]).text
    handled_part = staff.get("/follow-up").text.partition("Handled since")[2]
    assert code in handled_part

    today = time.strftime("%Y-%m-%d", time.gmtime())
    report = staff.get("/report/view", params={"since": today, "until": today})
    assert report.status_code == 200 and "postgresql://rasa@127.0.0.1" in report.text
    assert scaled.secret("pg_password") not in report.text
    audit = text_of(staff.get("/audit").text)
    assert f"sam viewed the card {code}" in audit and f"sam marked handled {code}" in audit


def test_the_console_is_a_supervised_part_on_loopback(scaled):
    assert "RUNNING" in scaled.supervisorctl("status", "staff")
    port = int(scaled.staff_url.rsplit(":", 1)[1])
    listening = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in open(table).read().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            address, hex_port = local.rsplit(":", 1)
            if state == "0A" and int(hex_port, 16) == port:
                listening.add(address)
    assert listening == {"0100007F"}
