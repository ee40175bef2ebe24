"""The scale-out profile: any Rasa server can take any message of any conversation.

Two Rasa servers share a PostgreSQL tracker store and a Redis lock store, with
nginx balancing round-robin in front. A half-finished eligibility check must
carry on whichever server takes the next message, and 50 visitors at once
must each get answers built from their own facts only.
"""

import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import psycopg2
import redis  # type: ignore[import-untyped]

from bot.eligibility.rules import Profile, assess
from bot.knowledge import load_knowledge
from tests.integration.questions import question_key, squash
from tests.scaled.scaled_process import Visitor

OUTCOMES = load_knowledge().eligibility.outcomes


def headline(outcome_id: str) -> str:
    return squash(OUTCOMES[outcome_id].headline)


# --- one conversation over both servers --------------------------------------------


def test_half_finished_form_carries_on_whichever_server_takes_the_turn(scaled, api_token):
    rasa_a, rasa_b = scaled.rasa_urls
    nginx = scaled.url
    visitor = Visitor(nginx)
    turns = [  # (where the message goes, what the visitor says, the question that must follow)
        (rasa_a, "can I become a probation officer?", "age"),
        (rasa_b, "I'm 31", "right_to_work"),
        (rasa_a, "yes I'm a British citizen", "nation"),
        (nginx, "I live in Cardiff", "qualification"),
        (nginx, "how long is the training?", "qualification"),  # answered, then asked again
        (nginx, "BA criminology", "modules"),
        (rasa_b, "I've started my third module", "experience"),
    ]
    transcript = []
    for url, text, question in turns:
        reply = visitor.say(text, url)
        transcript.append(f"[{visitor.served_by[-1]}] {text}\n{reply}")
        assert question_key(reply) == question, "\n".join(transcript)
        if text.startswith("how long"):
            assert "15" in reply and "21" in reply, reply

        # The other server sees exactly what this one stored.
        other = rasa_b if visitor.served_by[-1].endswith(rasa_a.rsplit(":", 1)[1]) else rasa_a
        tracker = visitor.tracker(other, api_token)
        assert tracker["active_loop"].get("name") == "eligibility_form", tracker["active_loop"]
    assert tracker["slots"]["age"] == 31 and tracker["slots"]["knowledge_modules"] == 3, tracker["slots"]

    final = visitor.say("I volunteer at a homeless shelter", rasa_a)
    assert headline("pqip_15_month") in squash(final), "\n".join(transcript) + "\n" + final
    why = visitor.say("why", nginx)
    assert "Why:" in why and headline("pqip_15_month") in squash(why), why

    # nginx really spread the turns it routed over both servers, round-robin.
    routed = [s for s, (url, _, _) in zip(visitor.served_by, turns, strict=False) if url == nginx]
    assert routed[0] != routed[1] and routed[1] != routed[2], routed
    assert {s.rsplit(":", 1)[1] for s in visitor.served_by} == {u.rsplit(":", 1)[1] for u in scaled.rasa_urls}

    # And the conversation lives in PostgreSQL.
    with psycopg2.connect(
        host="127.0.0.1",
        port=scaled.ports["SCALED_PG_PORT"],
        dbname="rasa",
        user="rasa",
        password=scaled.secret("pg_password"),
    ) as db:
        with db.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM events WHERE sender_id = %s AND type_name = 'user'", (visitor.sender,)
            )
            assert cursor.fetchone()[0] == len(turns) + 2


# --- 50 visitors at once ----------------------------------------------------------

BASE = dict(right_to_work="yes", nation="England")
PERSONAS = [  # (outcome, facts, questions in the order the check asks them)
    (
        "pqip_15_month",
        dict(
            BASE,
            qualification="BA criminology",
            modules="all four",
            experience="I volunteer at a homeless shelter",
        ),
        ["age", "right_to_work", "nation", "qualification", "modules", "experience"],
    ),
    # Fewer than four areas: the knowledge-modules question follows the areas one.
    (
        "pqip_21_month",
        dict(BASE, qualification="BA in psychology", modules="none", experience="yes"),
        ["age", "right_to_work", "nation", "qualification", "modules", "modules", "experience"],
    ),
    (
        "pqip_21_month",
        dict(
            BASE,
            nation="Swansea",
            qualification="an HND in business",
            modules="none of them",
            experience="I work at a women's refuge",
        ),
        ["age", "right_to_work", "nation", "qualification", "modules", "modules", "experience"],
    ),
    (
        "needs_experience",
        dict(BASE, qualification="BSc psychology", modules="all four", experience="no, I work in retail"),
        ["age", "right_to_work", "nation", "qualification", "modules", "experience"],
    ),
    (
        "access_route",
        dict(
            BASE,
            qualification="A levels",
            experience="yes, I've worked in a hostel for ex-offenders",
            vq3="yes I have the Level 3 Certificate in Probation Practice",
        ),
        ["age", "right_to_work", "nation", "qualification", "experience", "vq3"],
    ),
    (
        "access_via_pso",
        dict(BASE, qualification="GCSEs", experience="I volunteer at a homeless shelter", vq3="no"),
        ["age", "right_to_work", "nation", "qualification", "experience", "vq3"],
    ),
    (
        "pso_route",
        dict(BASE, qualification="GCSEs", experience="I work in retail"),
        ["age", "right_to_work", "nation", "qualification", "experience"],
    ),
    ("social_work_route", dict(BASE, nation="Glasgow"), ["age", "right_to_work", "nation"]),
    ("no_right_to_work", dict(right_to_work="no, I'm on a student visa"), ["age", "right_to_work"]),
    ("under_18", {}, ["age"]),
]
VISITORS = 50


def visitor_plan(i: int):
    """Visitor i's outcome, facts and questions; every visitor has a different age."""
    outcome, facts, questions = PERSONAS[i % len(PERSONAS)]
    age = 13 + i // len(PERSONAS) if outcome == "under_18" else 18 + i  # 13-17, 18-67
    return outcome, dict(facts, age=f"I'm {age}"), questions, age


def age_caveats() -> set:
    """What "why" adds for an 18- or 19-year-old (a page claims 20 is the minimum)."""
    profile: dict[str, Any] = dict(
        right_to_work=True,
        nation="england",
        qualification_level=6,
        knowledge_areas=0,
        knowledge_modules=0,
        experience=True,
    )
    return set(assess(Profile(age=18, **profile)).caveats) - set(assess(Profile(age=30, **profile)).caveats)


def run_visitor(url: str, api_token: str, i: int, start: threading.Barrier) -> list[str]:
    """One visitor's whole check; returns what went wrong (nothing, if all is well)."""
    outcome, facts, questions, age = visitor_plan(i)
    visitor = Visitor(url)
    sent, transcript, problems = [], [], []

    def say(text: str) -> str:
        reply = visitor.say(text)
        sent.append(text)
        transcript.append(f"visitor {i}: {text}\nbot: {reply}")
        return reply

    start.wait()
    reply = say("can I become a probation officer?")
    got: list[str | None] = []
    while question_key(reply) and len(got) < 10:
        got.append(question_key(reply))
        reply = say(facts.get(got[-1], "I don't know"))
    if got != questions:
        problems.append(f"asked {got}, expected {questions}")
    if headline(outcome) not in squash(reply):
        problems.append(f"no {outcome} outcome")
    why = say("why")
    caveats = age_caveats()
    if (18 <= age < 20) != all(c in why for c in caveats):
        problems.append(f"the age caveat {'missing' if age < 20 else 'shown'} for age {age}")

    tracker = visitor.tracker(url, api_token)
    if tracker["slots"]["age"] != age:
        problems.append(f"age slot {tracker['slots']['age']}, told {age}")
    heard = [e["text"] for e in tracker["events"] if e["event"] == "user"]
    if heard != sent:
        problems.append(f"the tracker holds other messages: {heard}")
    return [f"visitor {i} ({outcome}): {p}\n" + "\n".join(transcript) for p in problems]


def test_fifty_concurrent_visitors_each_get_their_own_answers(scaled, api_token):
    assert age_caveats(), "the knowledge no longer has an age caveat to tell visitors apart by"
    lock_store = redis.Redis(
        host="127.0.0.1", port=scaled.ports["SCALED_REDIS_PORT"], password=scaled.secret("redis_password")
    )
    locks_before = lock_store.info("commandstats").get("cmdstat_set", {}).get("calls", 0)

    start = threading.Barrier(VISITORS)
    with ThreadPoolExecutor(VISITORS) as pool:
        results = list(pool.map(lambda i: run_visitor(scaled.url, api_token, i, start), range(VISITORS)))
    problems = [p for result in results for p in result]
    assert not problems, f"{len(problems)} problems; the first:\n" + "\n\n".join(problems[:3])
    covered = {visitor_plan(i)[0] for i in range(VISITORS)}
    assert covered == set(OUTCOMES) - {"incomplete"}

    # Every message took a conversation lock in Redis.
    messages = sum(len(visitor_plan(i)[2]) + 2 for i in range(VISITORS))
    locks = lock_store.info("commandstats")["cmdstat_set"]["calls"] - locks_before
    assert locks >= messages, (locks, messages)
