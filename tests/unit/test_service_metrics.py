"""What a turn counts for in the metrics (bot/service/metrics.py)."""

from prometheus_client import generate_latest

from bot.rasa_names import Actions, Slots
from bot.service import metrics


def test_a_turn_is_read_for_fallbacks_gaps_and_outcomes():
    seen = metrics.turn_outcomes(
        [
            {"event": "action", "name": Actions.CLARIFY, "value": None},
            {"event": "slot", "name": Slots.LAST_GAP, "value": "pay"},
            {"event": "slot", "name": Slots.ELIGIBILITY_OUTCOME, "value": "pso_route"},
        ]
    )
    assert seen.fallback and seen.not_covered and seen.outcomes == ["pso_route"]
    plain = metrics.turn_outcomes(
        [
            {"event": "action", "name": Actions.ANSWER_FAQ, "value": None},
            {"event": "slot", "name": Slots.LAST_GAP, "value": None},
            {"event": "slot", "name": Slots.ELIGIBILITY_OUTCOME, "value": None},
        ]
    )
    assert not plain.fallback and not plain.not_covered and plain.outcomes == []


def test_counts_appear_in_the_text_format():
    metrics.count_turn([{"event": "slot", "name": Slots.ELIGIBILITY_OUTCOME, "value": "under_18"}])
    metrics.count_reply("degraded", 0.2, "store")
    text = generate_latest().decode()
    assert 'probation_eligibility_outcomes_total{kind="under_18"}' in text
    assert 'probation_degraded_replies_total{cause="store"}' in text
    assert "probation_reply_seconds_bucket" in text


class FakeSupervisor:
    def __init__(self) -> None:
        self.table = [{"name": "rasa", "start": 100}, {"name": "actions", "start": 100}]
        self.supervisor = self

    def getAllProcessInfo(self):  # noqa: N802  (supervisord's XML-RPC name)
        return self.table


def test_a_restart_is_a_changed_start_time():
    fake = FakeSupervisor()
    watch = metrics.RestartWatch(fake)
    before = metrics.RESTARTS.labels(part="actions")._value.get()
    watch.poll()
    fake.table[1] = {"name": "actions", "start": 0}  # stopped
    watch.poll()
    fake.table[1] = {"name": "actions", "start": 140}
    watch.poll()
    assert metrics.RESTARTS.labels(part="actions")._value.get() == before + 1
