"""What each clause of a practice answer does: plain Python over spaCy tokens.

An answer is judged by what its sentences do, not by which words it uses:
a situation set out, the candidate's own actions (first person, a concrete
verb: "I sat with her"), planned steps ("I would ring him"), reasons
("because..."), a result (what someone else did or what changed after the
candidate acted), a reflection ("I learned..."), motivation ("I want..."),
and bare claims ("I'm a people person", "people trust me straight away"),
which show nothing. Everything is deterministic: each finding is a clause
the feedback can quote back.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc

# What a clause does.
SITUATION, ACTION, TEAM, PLAN, REASON, RESULT = "situation", "action", "team", "plan", "reason", "result"
REFLECTION, MOTIVATION, EXPERIENCE, CLAIM = "reflection", "motivation", "experience", "claim"

# Text-speak and typed shortcuts, read as the words they stand for.
_SHORTHAND = {
    "id": "i'd",
    "im": "i'm",
    "ive": "i've",
    "ill": "i'll",  # only where a subject can stand: see _SHORTHAND_RE
    "cos": "because",
    "coz": "because",
    "cuz": "because",
    "bc": "because",
    "u": "you",
    "didnt": "didn't",
    "dont": "don't",
    "wont": "won't",
    "wouldnt": "wouldn't",
    "isnt": "isn't",
    "wasnt": "wasn't",
    "cant": "can't",
    "couldnt": "couldn't",
    "thats": "that's",
    "hes": "he's",
    "shes": "she's",
    "theyre": "they're",
    "ppl": "people",
}
_SHORTHAND_RE = re.compile(
    # "ill" is "i'll" only where a subject can stand ("ill ring him"), not "his mum being ill".
    r"\b("
    + "|".join(k for k in _SHORTHAND if k != "ill")
    + r")\b|(?:^|(?<=[.!?,;]\s)|(?<=\n)|(?<=\band\s)|(?<=\bthen\s)|(?<=\bso\s)|(?<=\bbut\s)|(?<=\bn\s))(ill)\b(?=\s+[a-z])",
    re.IGNORECASE,
)

_ADVERBS = {
    "also",
    "then",
    "first",
    "firstly",
    "just",
    "always",
    "never",
    "really",
    "actually",
    "finally",
    "still",
    "basically",
    "even",
    "only",
    "straight",
    "personally",
    "usually",
    "often",
    "sometimes",
    "now",
    "immediately",
    "quickly",
    "calmly",
    "gently",
    "slowly",
    "carefully",
    "probably",
    "definitely",
    "would",
    "maybe",
    "next",
    "later",
    "instantly",
    "soon",
    "again",
    "not",
    "n't",
    "try",
    "tried",
    "to",
}
_MODALS = {"would", "'d", "will", "'ll", "should", "shall", "might", "wd"}
_BE = {"am", "'m", "is", "'s", "are", "'re"}
_BELIEF = {
    "think",
    "believe",
    "feel",
    "reckon",
    "guess",
    "suppose",
    "know",
    "hope",
    "consider",
    "thought",
    "believed",
    "felt",
    "knew",
    "hoped",
    "mean",
    "imagine",
    "expect",
}
_WANT = {
    "want",
    "wanted",
    "like",
    "liked",
    "love",
    "loved",
    "enjoy",
    "enjoyed",
    "care",
    "cared",
    "wish",
    "'d like",
    "prefer",
    "need",
}
_LEARN = {"learned", "learnt", "realised", "realized", "discovered", "understood", "saw"}
_STATIVE = (
    _BELIEF
    | _WANT
    | _LEARN
    | {
        "was",
        "were",
        "had",
        "have",
        "has",
        "did",
        "do",
        "does",
        "got",
        "can",
        "could",
        "be",
        "been",
        "am",
        "'m",
        "is",
        "get",
    }
)
_IRREGULAR_PAST = {
    "went",
    "took",
    "spoke",
    "made",
    "told",
    "got",
    "gave",
    "met",
    "wrote",
    "sat",
    "set",
    "kept",
    "found",
    "brought",
    "sought",
    "rang",
    "chose",
    "began",
    "led",
    "drew",
    "put",
    "let",
    "ran",
    "broke",
    "said",
    "stood",
    "came",
    "sent",
    "paid",
    "left",
    "heard",
    "held",
    "built",
    "taught",
    "caught",
    "bought",
    "fought",
    "spent",
    "meant",
    "drove",
    "threw",
    "shook",
    "won",
    "sold",
    "became",
    "forgave",
    "hid",
    "lit",
    "lost",
    "shut",
    "stuck",
    "swept",
    "tore",
    "read",
    "did",
    "rode",
    "fed",
    "dealt",
    "wore",
    "sang",
    "woke",
}
# Verbs that can follow "and" / "then" as another step of the same plan.
_STEP_VERBS = {
    "ask",
    "tell",
    "call",
    "phone",
    "ring",
    "contact",
    "check",
    "speak",
    "talk",
    "listen",
    "write",
    "record",
    "note",
    "make",
    "get",
    "give",
    "take",
    "find",
    "look",
    "explain",
    "offer",
    "arrange",
    "refer",
    "book",
    "send",
    "meet",
    "visit",
    "review",
    "follow",
    "report",
    "discuss",
    "agree",
    "stay",
    "keep",
    "try",
    "sit",
    "move",
    "use",
    "help",
    "support",
    "plan",
    "list",
    "prioritise",
    "prioritize",
    "put",
    "set",
    "let",
    "start",
    "do",
    "go",
    "bring",
    "share",
    "inform",
    "update",
    "escalate",
    "challenge",
    "remind",
    "encourage",
    "reassure",
    "ensure",
    "raise",
    "apologise",
    "document",
    "monitor",
    "assess",
    "consider",
    "weigh",
    "work",
    "stop",
    "remove",
    "warn",
    "clarify",
    "repeat",
    "summarise",
    "show",
    "chase",
    "email",
    "text",
    "message",
    "involve",
    "notify",
    "seek",
    "request",
    "see",
    "hand",
    "flag",
    "gather",
    "read",
    "double-check",
    "liaise",
    "signpost",
    "calm",
    "de-escalate",
    "thank",
    "leave",
    "delete",
    "then",
    "come",
    "search",
    "apply",
    "point",
    "introduce",
    "build",
}
_PRONOUN_SUBJECTS = {"i", "he", "she", "they", "we", "it", "you", "his", "her", "their", "my", "this", "that"}
_THIRD = {
    "he",
    "she",
    "they",
    "his",
    "her",
    "their",
    "him",
    "them",
    "it",
    "everyone",
    "nobody",
    "the",
    "a",
    "an",
    "one",
    "someone",
    "people",
    "patients",
    "residents",
}
_SPLIT_WORDS = {"and", "but", "then", "so", "after", "when", "while", "until", "which", "who", "or"}
_BREAK_PUNCT = {".", "!", "?", ";", ":", "\n", "-", "--"}
_REASON_WORDS = [
    "because",
    "so that",
    "so i",
    "so he",
    "so she",
    "so they",
    "so everyone",
    "so we",
    "so it",
    "to make sure",
    "to ensure",
    "in order to",
    "as it",
    "since it",
    "otherwise",
    "that way",
    "the reason",
    "which is why",
    "to see if",
    "to see how",
    "to find out",
    "to check",
    "to understand",
    "as he",
    "as she",
    "as they",
    "as that",
    "as this",
    "so nobody",
    "so no one",
    "so the",
]
_RESULT_WORDS = [
    "as a result",
    "in the end",
    "by the end",
    "at the end",
    "which meant",
    "this meant",
    "that meant",
    "since then",
    "eventually",
    "afterwards",
    "after a while",
    "after some",
    "after about",
    "within",
    "the next day",
    "next day",
    "a month later",
    "weeks later",
    "months later",
    "later he",
    "later she",
    "now he",
    "now she",
    "now they",
    "now i",
    "from then on",
    "it worked",
    "the outcome",
    "led to",
    "resulted in",
    "calmed down",
    "thanked me",
    "said sorry",
    "apologised",
    "turned up",
    "managed to",
    "went on to",
    "he's been",
    "she's been",
    "still in",
    "two years now",
    "these days",
]
_REFLECTION_WORDS = [
    "i learned",
    "i learnt",
    "i realised",
    "i realized",
    "taught me",
    "looking back",
    "next time",
    "i would do differently",
    "i'd do differently",
    "it showed me",
    "i now know",
    "since then i",
    "i've learned",
    "i have learned",
]
_MOTIVATION_WORDS = [
    "i want",
    "i'd like",
    "i would like",
    "i've always",
    "i have always",
    "passionate",
    "drawn to",
    "what draws me",
    "the reason i",
    "i believe",
    "i care",
    "i enjoy",
    "i love",
    "i liked",
    "i like",
    "i loved",
    "i enjoyed",
    "makes me want",
    "i'd love",
    "inspired",
    "rewarding",
    "make a difference",
    "motivat",
    "interested in",
    "give back",
]
_SITUATION_WORDS = [
    "when i was",
    "while i was",
    "when i worked",
    "in my role",
    "in my job",
    "at my",
    "in my last",
    "in my previous",
    "last year",
    "last month",
    "years ago",
    "one day",
    "one evening",
    "one time",
    "once",
    "there was",
    "there were",
    "at the time",
    "in my country",
    "at the care",
    "at the",
    "during my",
    "on placement",
    "on shift",
    "i work",
    "i worked",
    "i was a",
    "i was working",
    "i was volunteering",
    "i volunteer",
    "as a volunteer",
]
_CLAIM_RE = re.compile(
    r"\bi(?: am|'m| would say i'?m| think i'?m| consider myself)\b(?! (?:sorry|going|trying|working|"
    r"volunteering|studying|about|in|at|on|from|now|currently)\b)"
    r"|\bpeople (?:say|tell me|trust me|find me|describe me|like me|come to me)"
    r"|\bi (?:have|'ve got|have got|possess) (?:good|great|excellent|strong|very good|brilliant) "
    r"|\bi (?:can|could) (?:work|stay|handle|cope|deal|communicate|manage|get on|build|be)\b"
    r"|\bi(?: would|'d) be (?:good|great|ideal|perfect)|\bteam player\b|\bpeople person\b"
    r"|\bmy (?:strengths?|skills?) (?:are|is|include)"
)


@dataclass
class Clause:
    index: int
    text: str  # the candidate's own words, as typed
    lower: str  # normalised, lower-cased, tokens joined by spaces
    acts: set[str] = field(default_factory=set)
    start: int = 0  # token offsets in the doc
    end: int = 0

    def does(self, act: str) -> bool:
        return act in self.acts


@dataclass
class Acts:
    clauses: list[Clause]

    def having(self, act: str) -> list[Clause]:
        return [c for c in self.clauses if act in c.acts]

    def has(self, act: str) -> bool:
        return any(act in c.acts for c in self.clauses)

    def clause_at(self, token: int) -> Clause | None:
        return next((c for c in self.clauses if c.start <= token < c.end), None)

    @property
    def own_actions(self) -> int:
        """The candidate's own concrete actions, done or planned (each coordinated step counts)."""
        return sum(c.lower.count(" && ") + 1 for c in self.clauses if c.acts & {ACTION, PLAN})


def normalise(text: str) -> str:
    """Text-speak read as the words it stands for ("id" -> "i'd", "cos" -> "because")."""
    return _SHORTHAND_RE.sub(lambda m: _SHORTHAND[m.group(0).lower()], text or "")


def original(text: str, start: int, end: int) -> str:
    """The words of `text` as typed behind characters start..end of `normalise(text)`,
    so a quote gives the candidate's own spelling ("id ring him", not "i'd ring him")."""
    text = text or ""
    shift, orig_start, orig_end = 0, None, None
    for m in _SHORTHAND_RE.finditer(text):
        new_start = m.start() + shift
        new_end = new_start + len(_SHORTHAND[m.group(0).lower()])
        if orig_start is None and start < new_end:
            orig_start = m.start() if start >= new_start else start - shift
        if orig_end is None and end <= new_end:
            orig_end = m.end() if end > new_start else end - shift
        shift = new_end - m.end()
    orig_start = start - shift if orig_start is None else orig_start
    orig_end = end - shift if orig_end is None else orig_end
    return text[max(orig_start, 0) : max(orig_end, 0)]


def own_verb(clause: Clause) -> tuple[str | None, str | None]:
    """The modal ("would") and verb after the clause's "I", if it has one."""
    words = clause.lower.replace("&&", "and").split()
    if "i" not in words:
        return None, None
    modal, verb, _ = _verb_after(words, words.index("i"))
    return modal, verb


_ALWAYS = (" always ", " all the time ", " every time ", " constantly ", " loads of ")


def boasts(clause: Clause) -> bool:
    """Said of every day ("I always work really hard", "I work with loads of teams all the time"),
    of no one time: it shows nothing that happened."""
    return any(w in f" {clause.lower} " for w in _ALWAYS)


def habitual(clause: Clause) -> bool:
    """What the candidate says they always or usually do ("I always give 110%", "I watch loads
    of documentaries"): present tense, no one time it happened, so a claim, not an action."""
    modal, verb = own_verb(clause)
    return verb is not None and not modal and not _is_past(verb) and verb not in {"had", "'d"}


def _phrase_in(lower: str, phrases) -> bool:
    padded = f" {lower} "
    return any(
        f" {p} " in padded or (p.endswith("t") and f" {p}" in padded and p == "motivat") for p in phrases
    )


def _clauses(doc: Doc) -> list[tuple[int, int]]:
    """Token ranges, cut at sentence ends and where a conjunction starts a new subject."""
    spans, start = [], 0
    tokens = list(doc)
    for i, token in enumerate(tokens):
        low = token.lower_
        cut_before = False
        if token.text in _BREAK_PUNCT or "\n" in token.text:
            spans.append((start, i))
            start = i + 1
            continue
        if low in _SPLIT_WORDS and i > start and i + 1 < len(tokens):
            nxt = tokens[i + 1].lower_
            if nxt in _PRONOUN_SUBJECTS or (nxt in {"the", "a"} and low != "and"):
                cut_before = True
        if low == "," and i + 1 < len(tokens) and tokens[i + 1].lower_ in {"i", "he", "she", "they", "we"}:
            spans.append((start, i))
            start = i + 1
            continue
        if cut_before:
            spans.append((start, i))
            start = i
    spans.append((start, len(tokens)))
    return [(s, e) for s, e in spans if any(t.is_alpha for t in tokens[s:e])]


def _verb_after(words: list[str], k: int) -> tuple[str | None, str | None, int]:
    """The modal (if any) and the verb after the subject at k, skipping adverbs."""
    modal, j = None, k + 1
    while j < len(words) and (words[j] in _ADVERBS or words[j].endswith("ly")):
        if words[j] in _MODALS:
            modal = "would"
        j += 1
    if j < len(words) and words[j] in _MODALS:
        modal = "would"
        j += 1
        while j < len(words) and (words[j] in _ADVERBS or words[j].endswith("ly")):
            j += 1
    return modal, (words[j] if j < len(words) else None), j


# Past participles that are not also past tenses: "I'd seen him" is "I had seen", not a plan.
_PARTICIPLES = {"seen", "been", "done", "given", "taken", "spoken", "written", "known", "gone", "shown"}


def _is_past(word: str) -> bool:
    return (
        word in _IRREGULAR_PAST
        or word in _PARTICIPLES
        or (len(word) > 3 and word.endswith("ed") and word not in {"need", "feed"})
    )


def _own_acts(words: list[str]) -> set[str]:
    acts: set[str] = set()
    for k, word in enumerate(words):
        if word not in {"i", "we"}:
            continue
        modal, verb, j = _verb_after(words, k)
        if verb is None:
            continue
        nxt = words[j + 1] if j + 1 < len(words) else ""
        if word == "we":
            if modal or _is_past(verb) or verb in _STEP_VERBS:
                acts.add(TEAM)
            continue
        if verb in {"was", "were"}:
            acts.add(SITUATION)
            continue
        if verb in {"have", "'ve", "has"}:
            if nxt in {"always", "been"}:
                continue
            if _is_past(nxt) or nxt in {"worked", "volunteered", "helped", "supported"}:
                acts.add(EXPERIENCE)
            continue
        if verb == "had":
            if nxt == "to" or _is_past(nxt):
                acts.add(ACTION)
            continue
        if verb in _BE:
            if nxt.endswith("ing"):
                acts.add(EXPERIENCE)
            continue
        if verb in _BELIEF or verb in _WANT:
            continue
        if verb in _LEARN:
            acts.add(REFLECTION)
            continue
        if modal:
            if verb in {"be", "like", "love", "say", "want", "have", "think", "feel", "need"}:
                if verb == "want" and nxt == "to":
                    acts.add(PLAN)
                continue
            if _is_past(verb) and verb not in _STEP_VERBS:  # "I'd seen him": had, not would
                acts.add(ACTION)
                continue
            acts.add(PLAN)
            continue
        if verb in {"work", "volunteer", "support"}:
            acts.add(EXPERIENCE)
            continue
        if verb in {"can", "could", "do", "does", "get"} or verb in _STATIVE and not _is_past(verb):
            continue
        if _is_past(verb) or verb.isalpha():
            acts.add(ACTION)
    return acts


def read_acts(doc: Doc) -> Acts:
    """Each clause of `doc` (tokenised from `normalise(text)`) with what it does."""
    clauses: list[Clause] = []
    seen_own = False
    for n, (start, end) in enumerate(_clauses(doc)):
        span = doc[start:end]
        words = [t.lower_ for t in span if not t.is_punct or t.text in {"'"}]
        # Coordinated steps: "I would ring him and send a letter" counts two.
        marked = list(words)
        for i in range(1, len(marked)):
            if marked[i - 1] in {"and", "then", "or", ","} and marked[i] in _STEP_VERBS:
                marked[i - 1] = "&&"
        lower = " ".join(marked)
        plain = " ".join(words)
        acts = _own_acts(words)
        if "&&" in marked and not acts & {ACTION, PLAN, TEAM} and seen_own:
            acts.add(PLAN)  # "... and then check his record": the same subject carries on
        if _CLAIM_RE.search(plain) and not acts & {ACTION, PLAN}:
            acts.add(CLAIM)
        if _phrase_in(plain, _REASON_WORDS):
            acts.add(REASON)
        if _phrase_in(plain, _REFLECTION_WORDS):
            acts.add(REFLECTION)
        if _phrase_in(plain, _MOTIVATION_WORDS) or "motivat" in plain or "passion" in plain:
            acts.add(MOTIVATION)
        third_past = (
            bool(words)
            and words[0] in _THIRD | {"my", "our", "two", "there"}
            and any(_is_past(w) or w in {"was", "were", "did"} for w in words[1:])
        )
        if _phrase_in(plain, _RESULT_WORDS) or (third_past and seen_own):
            acts.add(RESULT)
        if not seen_own and (_phrase_in(plain, _SITUATION_WORDS) or third_past or SITUATION in acts):
            acts.add(SITUATION)
        acts.discard(SITUATION) if seen_own and not _phrase_in(plain, _SITUATION_WORDS[:6]) else None
        if acts & {ACTION, PLAN, TEAM, EXPERIENCE}:
            seen_own = True
        clauses.append(Clause(n, span.text.strip(" ,"), lower, acts, start, end))
    return Acts(clauses)
