"""The staff console as `make run` serves it (supervised, loopback only), against
the real bot and its SQLite tracker store: accounts made with the real command
line, sessions, CSRF, throttling, roles, cards from real conversations, the
follow-up list, the report and the audit log.

Each security test names the protection it checks, and fails without it.
"""

import json
import os
import re
import sqlite3
import subprocess
import sys
import time

import pytest

from bot.staff import accounts
from bot.staff.store import StaffDB
from bot.staff.web import create_app
from tests.botprocess import ROOT, supervisorctl
from tests.integration.conftest import RASA_PORT, STAFF_PORT
from tests.staff_client import Staff, csrf_in, make_account

CODE = re.compile(r"\bPC-[23456789BCDFGHJKMNPQRSTVWXYZ]{5}\b")
PASSWORDS = {
    "helen": ("helpline", "helpline-pass-phrase-Q7"),
    "rory": ("recruitment", "recruitment-phrase-K4"),
    "ada": ("admin", "admin-pass-phrase-Z9x"),
    "thea": ("helpline", "throttled-pass-phrase-W2"),  # the throttling test's own
}
WRONG_PASSWORD = "not-the-password-J5"


@pytest.fixture(scope="module")
def console(staff_console):
    url, db = staff_console
    for name, (role, password) in PASSWORDS.items():
        make_account(db, name, role, password)
    return url, db


def signed_in(console, name):
    return Staff(console[0]).signed_in(name, PASSWORDS[name][1])


def handoff_code(visitor, *before):
    for text in before:
        visitor.say(text)
    reply = visitor.say_text("can I speak to a person please")
    codes = set(CODE.findall(reply))
    assert len(codes) == 1, reply
    return codes.pop()


def lowercase_as_read(code):
    """PC-M2HKS as a caller reads it out and an adviser types it: 'pc m2hks'."""
    return "pc " + code[3:].lower()


def triage_json(code, store):
    done = subprocess.run(
        [sys.executable, "-m", "bot.helpline.triage", code, "--json", "--db", str(store)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def text_of(html):
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


# --- the part itself --------------------------------------------------------------


def test_the_console_listens_on_loopback_only(console):
    port = int(console[0].rsplit(":", 1)[1])
    listening = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in open(table).read().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            address, hex_port = local.rsplit(":", 1)
            if state == "0A" and int(hex_port, 16) == port:
                listening.add(address)
    assert listening == {"0100007F"}  # 127.0.0.1, and nothing else


def test_the_console_is_supervised_and_comes_back_after_a_crash(console):
    conf = ROOT / "var" / f"supervisorctl-{RASA_PORT}.conf"
    pid = int(supervisorctl(conf, "pid", "staff").strip())
    subprocess.run(["kill", "-9", str(pid)], check=True)
    deadline = time.time() + 60
    while time.time() < deadline:
        out = supervisorctl(conf, "status", "staff")
        if "RUNNING" in out and str(pid) not in out:
            try:
                if Staff(console[0]).get("/login").status_code == 200:
                    break
            except OSError:
                pass
        time.sleep(0.5)
    assert Staff(console[0]).get("/login").status_code == 200
    assert int(supervisorctl(conf, "pid", "staff").strip()) != pid


def test_a_page_asked_for_under_another_host_name_is_refused(console):
    """DNS rebinding: a site whose name points at 127.0.0.1 gets nothing from the console."""
    staff = Staff(console[0])
    assert staff.get("/login", headers={"Host": "rebound.example:80"}).status_code == 400
    port = console[0].rsplit(":", 1)[1]
    assert staff.get("/login", headers={"Host": f"localhost:{port}"}).status_code == 200


# --- signing in --------------------------------------------------------------------


def test_the_login_form_has_labelled_fields(console):
    html = Staff(console[0]).get("/login").text
    assert re.search(r'<label for="username">Username</label>', html)
    assert re.search(r'<label for="password">Password</label>', html)
    assert 'id="username"' in html and 'id="password"' in html and 'type="password"' in html


def test_a_wrong_password_and_an_unknown_name_get_the_same_clear_message(console):
    wrong = Staff(console[0]).login("helen", WRONG_PASSWORD)
    unknown = Staff(console[0]).login("nobody-here", PASSWORDS["helen"][1])
    assert wrong.status_code == unknown.status_code == 401
    message = "The username or password is not right."
    assert message in wrong.text and message in unknown.text
    assert sessions_cookie(wrong) is None and sessions_cookie(unknown) is None


def sessions_cookie(reply):
    return next(
        (
            c
            for c in reply.headers.get("Set-Cookie", "").split(", ")
            if c.startswith("staff_session=") and not c.startswith("staff_session=;")
        ),
        None,
    )


def test_session_cookie_flags(console):
    reply = Staff(console[0]).login("helen", PASSWORDS["helen"][1])
    assert reply.status_code == 303
    raw = reply.raw.headers.getlist("Set-Cookie")
    session = [c for c in raw if c.startswith("staff_session=")]
    assert len(session) == 1, raw
    flags = [part.strip().lower() for part in session[0].split(";")[1:]]
    assert "httponly" in flags and "samesite=strict" in flags and "path=/" in flags
    # A session cookie (gone with the browser); the server ends it after idle time.
    assert not any(f.startswith(("expires", "max-age")) for f in flags)
    login_cookie = [
        c
        for c in Staff(console[0]).get("/login").raw.headers.getlist("Set-Cookie")
        if c.startswith("staff_login=")
    ]
    assert (
        login_cookie
        and "httponly" in login_cookie[0].lower()
        and "samesite=strict" in login_cookie[0].lower()
    )


def test_every_route_but_the_login_page_refuses_without_a_session(console, tmp_path):
    routes = create_app(StaffDB(tmp_path / "routes.db"), name="route_list").router.routes
    anonymous = Staff(console[0])
    checked = 0
    for route in routes:
        path = "/" + route.path.replace("<table_name:str>", "per_day.csv").lstrip("/")
        for method in route.methods:
            if path == "/login":
                continue
            reply = (
                anonymous.get(path)
                if method == "GET"
                else anonymous.post(path, {"code": "PC-M2HKS", "note": "x"})
            )
            if method == "GET":
                assert reply.status_code == 303 and reply.headers["Location"].startswith("/login"), path
            else:
                assert reply.status_code == 403, path
            assert "Signed in as" not in reply.text
            checked += 1
    assert checked >= 9


def test_a_form_posted_without_its_csrf_token_is_refused(console, visitor):
    code = handoff_code(visitor)
    staff = signed_in(console, "helen")
    for token in (None, "", "a-guessed-token"):
        data = {"code": code, "note": "posted from elsewhere"}
        if token is not None:
            data["csrf_token"] = token
        reply = staff.post("/card/handled", data)
        assert reply.status_code == 403 and "Form refused" in reply.text
    assert "posted from elsewhere" not in staff.get(f"/card?code={code}").text
    # Signing out needs it too: without it, the session goes on.
    assert staff.post("/logout", {}).status_code == 403
    assert staff.get("/").status_code == 200
    # The sign-in form has its own, tied to a cookie.
    fresh = Staff(console[0])
    token = csrf_in(fresh.get("/login").text)
    other = Staff(console[0])
    reply = other.post(
        "/login", {"csrf_token": token, "username": "helen", "password": PASSWORDS["helen"][1]}
    )
    assert reply.status_code == 403 and sessions_cookie(reply) is None


def test_a_session_ends_after_idle_time(console):
    staff = signed_in(console, "helen")
    assert staff.get("/").status_code == 200
    with sqlite3.connect(console[1]) as db:  # as if 31 minutes had passed (the default allows 30)
        db.execute("UPDATE sessions SET last_seen = last_seen - 31 * 60 WHERE account = 'helen'")
    reply = staff.get("/")
    assert reply.status_code == 303 and reply.headers["Location"] == "/login?ended=1"
    assert staff.get("/card").status_code == 303


def test_logout_ends_the_session(console):
    staff = signed_in(console, "helen")
    cookie = staff.http.cookies.get("staff_session")
    reply = staff.post("/logout", {"csrf_token": staff.csrf()})
    assert reply.status_code == 303 and reply.headers["Location"] == "/login?signed_out=1"
    replay = Staff(console[0])
    replay.http.cookies.set("staff_session", cookie)
    assert replay.get("/").status_code == 303  # the old cookie opens nothing


def test_twenty_failed_logins_in_a_row_are_slowed_down(console):
    statuses = [Staff(console[0]).login("thea", f"{WRONG_PASSWORD}-{i}").status_code for i in range(20)]
    assert statuses[: accounts.FREE_FAILURES] == [401] * accounts.FREE_FAILURES
    assert statuses[-1] == 429 and statuses.count(429) >= 10
    slowed = Staff(console[0]).login("thea", PASSWORDS["thea"][1])
    assert slowed.status_code == 429 and "Too many failed sign-ins" in slowed.text
    # Failed sign-ins are logged; the admin sees them.
    audit = text_of(signed_in(console, "ada").get("/audit").text)
    assert "thea failed sign-in" in audit and "thea sign-in refused: too many failures" in audit
    make_account(console[1], "thea", "helpline", PASSWORDS["thea"][1])  # a reset clears the count
    assert Staff(console[0]).login("thea", PASSWORDS["thea"][1]).status_code == 303


# --- roles ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name, allowed, refused",
    [
        (
            "helen",
            ["/", "/card", "/follow-up"],
            ["/report", "/report/view", "/report/csv/per_day.csv", "/audit"],
        ),
        (
            "rory",
            ["/", "/report", "/report/view", "/report/csv/per_day.csv"],
            ["/card", "/follow-up", "/audit"],
        ),
        (
            "ada",
            ["/", "/card", "/follow-up", "/report", "/report/view", "/report/csv/per_day.csv", "/audit"],
            [],
        ),
    ],
)
def test_each_role_opens_its_pages_only(console, name, allowed, refused):
    staff = signed_in(console, name)
    for path in allowed:
        assert staff.get(path).status_code == 200, path
    for path in refused:
        reply = staff.get(path)
        assert reply.status_code == 403 and "does not open this page" in reply.text, path


# --- helpline pages ----------------------------------------------------------------


def test_a_card_from_a_real_conversation_by_its_code_as_read_out(console, visitor, store):
    code = handoff_code(visitor, "how long is the PQiP", "flurb glomp zint")
    staff = signed_in(console, "helen")
    reply = staff.get("/card", params={"code": lowercase_as_read(code)})
    assert reply.status_code == 200
    page = text_of(reply.text)
    assert f"Triage card {code}" in page
    card = triage_json(code, store)  # the same card `make triage` prints
    for topic in card["topics"]:
        assert topic in page
    for question in card["unanswered_questions"]:
        assert question in page
    for reason in card["needs_person_because"]:
        assert reason in page
    assert "Asked for a person yes" in page
    assert visitor.sender not in reply.text  # never the sender id


def test_a_question_about_convictions_is_withheld_on_the_page(console, visitor):
    code = handoff_code(visitor, "flurb glomp jail zint")  # no known word: unanswered
    page = signed_in(console, "helen").get("/card", params={"code": code}).text
    assert "flurb" not in page and "zint" not in page
    assert "(a question about convictions: not shown)" in page


def test_a_code_with_no_conversation_and_text_that_is_no_code(console):
    staff = signed_in(console, "helen")
    missing = staff.get("/card", params={"code": "PC-22222"})
    assert missing.status_code == 404 and "No conversation has the reference PC-22222" in missing.text
    junk = staff.get("/card", params={"code": "<script>alert(1)</script>"})
    assert junk.status_code == 400 and "not a reference code" in junk.text
    assert "<script>alert(1)</script>" not in junk.text and "&lt;script&gt;" in junk.text  # escaped


def test_marking_handled_shows_the_note_on_the_card_and_takes_it_off_the_list(console, visitor):
    code = handoff_code(visitor)
    staff = signed_in(console, "helen")
    assert code in staff.get("/follow-up").text.split("Handled since")[0]
    page = staff.get("/card", params={"code": code}).text
    note = "Called back at 10:05; sent the PQiP pages <b>bold</b>"
    reply = staff.post("/card/handled", {"csrf_token": csrf_in(page), "code": code, "note": note})
    assert reply.status_code == 303
    card = staff.get(reply.headers["Location"]).text
    assert "Marked handled" in card and "helen" in card
    assert "Called back at 10:05; sent the PQiP pages &lt;b&gt;bold&lt;/b&gt;" in card
    listing = staff.get("/follow-up").text
    open_part, _, handled_part = listing.partition("Handled since")
    assert code not in open_part and code in handled_part
    # A blank note is refused.
    reply = staff.post("/card/handled", {"csrf_token": csrf_in(card), "code": code, "note": "   "})
    assert reply.status_code == 400


# --- recruitment pages -------------------------------------------------------------


def test_the_report_for_a_period_and_its_csv(console, visitor):
    visitor.say("what is the PQiP")
    staff = signed_in(console, "rory")
    today = time.strftime("%Y-%m-%d", time.gmtime())
    page = staff.get("/report", params={"since": today, "until": today})
    assert page.status_code == 200
    assert f'src="/report/view?since={today}&amp;until={today}"' in page.text
    view = staff.get("/report/view", params={"since": today, "until": today})
    assert view.status_code == 200 and "What visitors asked" in view.text
    assert "frame-ancestors 'self'" in view.headers["Content-Security-Policy"]
    csv = staff.get("/report/csv/per_day.csv", params={"since": today, "until": today})
    assert csv.status_code == 200 and csv.headers["Content-Type"].startswith("text/csv")
    assert "attachment" in csv.headers["Content-Disposition"]
    assert csv.text.splitlines()[0].startswith("Day") and today in csv.text
    bad = staff.get("/report", params={"since": "2026-12-02", "until": "2026-12-01"})
    assert bad.status_code == 400 and "To is before From" in bad.text


# --- the audit log -----------------------------------------------------------------


def test_the_audit_log_records_who_did_what_without_card_content(console, visitor):
    code = handoff_code(visitor, "flurb glomp zint")
    helen = signed_in(console, "helen")
    helen.get("/card", params={"code": code})
    rory = signed_in(console, "rory")
    rory.get("/report/csv/topics.csv", params={"since": "", "until": ""})
    entries = text_of(signed_in(console, "ada").get("/audit").text)
    assert f"helen viewed the card {code}" in entries
    assert "rory downloaded CSV topics for the start to today" in entries
    assert "ada signed in" in entries
    with sqlite3.connect(console[1]) as db:
        stored = " ".join(str(row) for row in db.execute("SELECT * FROM audit"))
    assert "flurb" not in stored and "Asked for a person" not in stored and "Called back" not in stored


def test_no_password_appears_in_any_log(console):
    Staff(console[0]).login("helen", PASSWORDS["helen"][1])
    Staff(console[0]).login("helen", WRONG_PASSWORD)
    Staff(console[0]).login(PASSWORDS["ada"][1], PASSWORDS["ada"][1])  # typed in the wrong field
    time.sleep(1)
    logs = list((ROOT / "var").glob(f"*{RASA_PORT}*.log")) + list((ROOT / "var").glob(f"*{STAFF_PORT}*.log"))
    assert any("staff" in p.name for p in logs), logs
    everything = b"".join(p.read_bytes() for p in logs)
    everything += b"".join(p.read_bytes() for p in console[1].parent.glob(console[1].name + "*"))
    for _role, password in PASSWORDS.values():
        assert password.encode() not in everything
    assert WRONG_PASSWORD.encode() not in everything


# --- make staff-user ------------------------------------------------------------------


def make_staff_user(db, password=None, **settings):
    """`make staff-user` as a person runs it, the password on standard input."""
    args = ["make", "-s", "staff-user"] + [f"{k}={v}" for k, v in settings.items()]
    return subprocess.run(
        args,
        cwd=ROOT,
        input=(password + "\n") if password else "",
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "STAFF_DB": str(db)},
    )


def test_make_staff_user_creates_resets_and_disables_an_account(console):
    password = "made-with-make-phrase-6"
    done = make_staff_user(console[1], password, USER="mo", ROLE="helpline")
    assert done.returncode == 0, done.stderr
    assert password not in done.stdout + done.stderr
    staff = Staff(console[0]).signed_in("mo", password)
    # Disabling ends the session at once, in the running console.
    assert make_staff_user(console[1], USER="mo", DISABLE="1").returncode == 0
    assert staff.get("/").status_code == 303
    assert Staff(console[0]).login("mo", password).status_code == 401
    # A reset enables it again, with the new password only.
    assert make_staff_user(console[1], "reset-with-make-phrase-7", USER="mo", ROLE="admin").returncode == 0
    assert Staff(console[0]).login("mo", password).status_code == 401
    Staff(console[0]).signed_in("mo", "reset-with-make-phrase-7")


def test_make_staff_user_refuses_a_short_password_or_no_user(console):
    short = make_staff_user(console[1], "short", USER="nia", ROLE="helpline")
    assert short.returncode != 0 and "at least 12 characters" in short.stderr
    no_user = make_staff_user(console[1], "long-enough-phrase-1", ROLE="helpline")
    assert no_user.returncode != 0 and "give USER=name" in no_user.stderr
