"""The service's metrics, in Prometheus' text format, with the official client.

Every process that counts something (each Rasa server; the exporter itself
for restarts) writes into one folder, $PROMETHEUS_MULTIPROC_DIR (the client's
multiprocess mode; serve.sh and serve_scaled.sh empty it at start), and the
supervised `metrics` part serves the sum on loopback only:

    python -m bot.service.metrics        # http://127.0.0.1:$METRICS_PORT/metrics (9105)

What is counted, and where (README, "Metrics", has the scrape config):

- probation_visitor_messages_total{result}: every chat message, by what it got
  (answered, degraded, limited, too_long);
- probation_reply_seconds: the time from receiving a message to its reply;
- probation_degraded_replies_total{cause}: action_server or store;
- probation_not_covered_answers_total: "the pages don't cover this" answers;
- probation_fallbacks_total: "did you mean ...?" and the default fallback;
- probation_eligibility_outcomes_total{kind}: outcomes of the check;
- probation_part_restarts_total{part}: supervisord started a part again.

The first five come from the REST channel (channels/service_hooks.py), the
turn's events read by `turn_outcomes`.
"""

from __future__ import annotations

import logging
import os
import time
import xmlrpc.client
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from prometheus_client import CollectorRegistry, Counter, Histogram, multiprocess, start_http_server

from bot.rasa_names import Actions, RasaBuiltIns, Slots

logger = logging.getLogger(__name__)

DEFAULT_PORT = 9105
RESULTS = ("answered", "degraded", "limited", "too_long")

MESSAGES = Counter("probation_visitor_messages", "Visitor chat messages, by what they got", ["result"])
REPLY_SECONDS = Histogram(
    "probation_reply_seconds",
    "Seconds from a chat message's arrival to its reply",
    buckets=(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.0, 3.0, 5.0, 10.0, 30.0),
)
DEGRADED = Counter("probation_degraded_replies", "Degraded replies, by what failed", ["cause"])
NOT_COVERED = Counter("probation_not_covered_answers", "Answers saying the pages don't cover the question")
FALLBACKS = Counter("probation_fallbacks", "Did-you-mean replies and default fallbacks")
OUTCOMES = Counter("probation_eligibility_outcomes", "Eligibility check outcomes, by kind", ["kind"])
RESTARTS = Counter("probation_part_restarts", "Parts supervisord started again after they stopped", ["part"])

FALLBACK_ACTIONS = {Actions.CLARIFY, RasaBuiltIns.DEFAULT_FALLBACK}


@dataclass
class TurnOutcome:
    fallback: bool = False
    not_covered: bool = False
    outcomes: list[str] = field(default_factory=list)


def turn_outcomes(events: Iterable[Mapping[str, Any]]) -> TurnOutcome:
    """What one turn's events (those after the visitor's message, as dicts with
    "event", "name", "value") count for."""
    seen = TurnOutcome()
    for event in events:
        kind, name, value = event.get("event"), event.get("name"), event.get("value")
        if kind == "action" and name in FALLBACK_ACTIONS:
            seen.fallback = True
        elif kind == "slot" and name == Slots.LAST_GAP and value:
            seen.not_covered = True
        elif kind == "slot" and name == Slots.ELIGIBILITY_OUTCOME and isinstance(value, str) and value:
            seen.outcomes.append(value)
    return seen


def count_turn(events: Iterable[Mapping[str, Any]]) -> None:
    seen = turn_outcomes(events)
    if seen.fallback:
        FALLBACKS.inc()
    if seen.not_covered:
        NOT_COVERED.inc()
    for kind in seen.outcomes:
        OUTCOMES.labels(kind=kind).inc()


def count_reply(result: str, seconds: float, degraded_cause: str | None = None) -> None:
    MESSAGES.labels(result=result).inc()
    REPLY_SECONDS.observe(seconds)
    if degraded_cause:
        DEGRADED.labels(cause=degraded_cause).inc()


# --- the exporter: the `metrics` part ---------------------------------------------------


class RestartWatch:
    """Counts a part's restarts from supervisord's process table: a part seen
    running whose start time changes was started again."""

    def __init__(self, proxy: Any):
        self.proxy = proxy
        self.started: dict[str, int] = {}

    def poll(self) -> None:
        for info in self.proxy.supervisor.getAllProcessInfo():
            name, start = info["name"], int(info.get("start") or 0)
            if not start:
                continue
            before = self.started.get(name)
            if before and start != before:
                RESTARTS.labels(part=name).inc()
                logger.info("part %s was started again", name)
            self.started[name] = start


def supervisor_proxy() -> Any:
    from supervisor.xmlrpc import SupervisorTransport  # type: ignore[import-untyped]

    transport = SupervisorTransport(
        "supervisor", os.environ["SUPERVISOR_PASSWORD"], "unix://" + os.environ["SUPERVISOR_SOCKET"]
    )
    return xmlrpc.client.ServerProxy("http://127.0.0.1", transport=transport)


def serve(port: int, poll_seconds: float = 1.0) -> None:
    if not os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        raise SystemExit("PROMETHEUS_MULTIPROC_DIR is not set: serve.sh and serve_scaled.sh set it")
    registry = CollectorRegistry()
    multiprocess.MultiProcessCollector(registry)
    start_http_server(port, addr="127.0.0.1", registry=registry)
    logger.info("metrics on http://127.0.0.1:%d/metrics", port)
    watch = RestartWatch(supervisor_proxy()) if os.environ.get("SUPERVISOR_SOCKET") else None
    while True:
        if watch is not None:
            try:
                watch.poll()
            except Exception as exc:  # supervisord stopping, or busy: try again
                logger.warning("could not read supervisord's process table: %s", type(exc).__name__)
        time.sleep(poll_seconds)


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    serve(int(os.environ.get("METRICS_PORT") or DEFAULT_PORT))


if __name__ == "__main__":
    main()
