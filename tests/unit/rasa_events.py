"""Hand-made Rasa event lists, in the shape Rasa stores them (and sends to the
action server), for the unit tests of what reads conversations."""


class Clock:
    def __init__(self, start=1_700_000_000.0):
        self.now = start

    def tick(self, seconds=5.0):
        self.now += seconds
        return self.now


def conversation(*steps, clock=None):
    """Events from compact steps: ("user", text, intent), ("action", name),
    ("slot", name, value), ("bot", text), ("restart",)."""
    clock = clock or Clock()
    events = [
        {"event": "action", "name": "action_session_start", "timestamp": clock.tick()},
        {"event": "session_started", "timestamp": clock.tick()},
    ]
    for step in steps:
        kind, *rest = step
        ts = clock.tick()
        if kind == "user":
            text, intent = rest
            events.append(
                {
                    "event": "user",
                    "timestamp": ts,
                    "text": text,
                    "input_channel": "rest",
                    "parse_data": {"intent": {"name": intent, "confidence": 0.9}, "text": text},
                }
            )
        elif kind == "action":
            events.append({"event": "action", "timestamp": ts, "name": rest[0]})
        elif kind == "slot":
            events.append({"event": "slot", "timestamp": ts, "name": rest[0], "value": rest[1]})
        elif kind == "bot":  # the bot then listens
            events.append({"event": "bot", "timestamp": ts, "text": rest[0]})
            events.append({"event": "action", "timestamp": clock.tick(), "name": "action_listen"})
        elif kind == "restart":
            events.append({"event": "restart", "timestamp": ts})
    return events
