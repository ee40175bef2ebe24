"""A visitor in crisis or in danger is answered as a person first.

    from bot.safety import assess, safety_reply
    risk = assess("i can't keep myself safe tonight")   # Risk(kind="self_harm", ...)
    reply = safety_reply(risk.kind, paused=None)        # 999, Samaritans, NHS 111, ...

`detector.py` decides whether a message speaks of the visitor's own safety;
`reply.py` words the answer from knowledge/safety.yml (general safety contacts,
not from the source pages).
"""

from bot.safety.detector import KINDS, Risk, assess, is_at_risk
from bot.safety.reply import SafetyInfo, load_safety, safety_reply

__all__ = ["KINDS", "Risk", "SafetyInfo", "assess", "is_at_risk", "load_safety", "safety_reply"]
