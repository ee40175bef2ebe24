"""Which language a message is written in: English, Welsh, or another.

The language identification is lingua (lingua-language-detector, pinned in
requirements.txt), which ships its models in the package: nothing is
downloaded. It runs in low-accuracy mode (its trigram models only: ~50 MB,
built in under a second) over the languages most spoken in England and Wales.

A message is read as English unless most of its words are not: a word counts
as English when it is one of the bot's own (every word of knowledge/ and the
training data in data/nlu/) or a common English word. So text-speak and typos
("wat quals do i need 4 pqip lol"), which lingua may call Tagalog, stay English;
and a single word or two ("Diolch", "cardiff") is never enough to switch.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

from bot.text import STOP_WORDS

ENGLISH = "en"
WELSH = "cy"
OTHER = "other"

NLU_DIR = Path(__file__).resolve().parents[2] / "data" / "nlu"
KNOWLEDGE_DIR = Path(__file__).resolve().parents[2] / "knowledge"
# Knowledge files written in English (safety_examples.yml and languages.yml are left out:
# they hold words that are not the visitor's English).
_ENGLISH_FILES = (
    "facts.yml",
    "topics.yml",
    "gaps.yml",
    "follow_ups.yml",
    "qualifications.yml",
    "nations.yml",
)

# Fewer than this many words not known as English: English, whatever lingua says
# ("wibble wobble" is English nonsense, not Italian).
MIN_FOREIGN_WORDS = 3
# Lingua's confidence in the language it names, at least.
MIN_CONFIDENCE = 0.5
# Of a message's words, at most this share known as English for it to be read as another language.
MAX_ENGLISH_SHARE = 0.4

# Lingua's confidence needed to call a Latin-script message another language (not Welsh).
MIN_OTHER_CONFIDENCE = 0.8
# Everyday Welsh words (question words, verbs "to be", pronouns, common nouns of this
# service): one of them marks a message as Welsh rather than made-up words.
_WELSH_WORDS = frozenset(
    "yw ydw ydy ydych ydi mae oes sut beth pam ble pryd pwy faint dw rwy rydw rwyf ddim dim eisiau isio hoffwn "
    "gallaf allaf gallu gellir swyddog swydd prawf diolch shwmae helo bore noswaith gyda chi fy eich yr ein hefyd "
    "neu ond os gennych gen gennyf dod wneud gwneud hyfforddiant cymhwyster cymraeg cymru yn ar am i'n dwi "
    "fi ti nhw hi fe fo ac a'r o'r i'r ni iawn ydw nac na naddo do angen gradd gwybod eto hwyl croeso bore da "
    "dda nos prynhawn noswaith shw mae'n wyt wyf dwi sori plis ga gaf cael yw'r beth sy oedd bydd".split()
)
# A short message ("Sut mae", "Diolch", "Nac ydw") is too short for lingua: it is Welsh when
# it has one of these everyday words and no English word. Words that are also English, or
# a likely English typo ("hi", "am", "a", "helo"), don't count on their own.
_WELSH_ALSO_ENGLISH = frozenset("a i am ar os fe hi fi ti ni yr yn do da na ga sy helo dim".split())
_WELSH_SHORT = _WELSH_WORDS - _WELSH_ALSO_ENGLISH
# Words an English speaker types among Welsh ones without making the message English.
_NEUTRAL = frozenset("ok okay pqip pso".split())
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?", re.UNICODE)
_LATIN = re.compile(r"[a-z]")
# A word in the Latin alphabet has a vowel (Welsh counts w and y) and no run of four
# consonants; keyboard mash ("asdkj qwpeoiru zxmcnv") mostly doesn't.
_VOWEL = re.compile(r"[aeiouwyàáâäãåāèéêëēìíîïīòóôöõøōùúûüūŵŷăâîșțąęó]")
_CONSONANT_RUN = re.compile(r"[bcdfghjklmnpqrstvxz]{4,}")
# Of the words lingua is asked about, at least this share must look like words.
MIN_WORDLIKE_SHARE = 0.67

_LANGUAGES = (
    "ENGLISH WELSH IRISH POLISH ROMANIAN SPANISH FRENCH GERMAN PORTUGUESE ITALIAN ARABIC URDU BENGALI "
    "PUNJABI GUJARATI SOMALI LITHUANIAN TURKISH DUTCH CHINESE HINDI RUSSIAN UKRAINIAN PERSIAN TAGALOG "
    "SWAHILI YORUBA BULGARIAN LATVIAN ALBANIAN"
).split()


def _words(text: str) -> list[str]:
    return [w.lower().replace("’", "'") for w in _WORD.findall(text or "")]


@functools.lru_cache(maxsize=1)
def english_words() -> frozenset[str]:
    """Every word the bot's own English uses (knowledge/ and data/nlu/), and the stop words."""
    known = set(STOP_WORDS)
    files = [KNOWLEDGE_DIR / name for name in _ENGLISH_FILES] + sorted(NLU_DIR.glob("*.yml"))
    for path in files:
        if path.exists():
            text = path.read_text(encoding="utf-8")
            known.update(_words(text))
            known.update(w.split("'")[0] for w in _words(text) if "'" in w)
    return frozenset(known)


@functools.lru_cache(maxsize=1)
def _detector():
    from lingua import Language, LanguageDetectorBuilder

    languages = [getattr(Language, name) for name in _LANGUAGES]
    return LanguageDetectorBuilder.from_languages(*languages).with_low_accuracy_mode().build()


def _is_english(word: str, known: frozenset[str]) -> bool:
    if word in known or word.split("'")[0] in known:
        return True
    # plurals and simple verb forms of a known word ("carers", "worked")
    return any(word.endswith(s) and word[: -len(s)] in known for s in ("s", "es", "ed", "d", "ing", "ly"))


def _wordlike(word: str) -> bool:
    return bool(_VOWEL.search(word)) and not _CONSONANT_RUN.search(word)


def _short_welsh(found: list[str], known: frozenset[str]) -> bool:
    """ "Sut mae", "Diolch", "Nac ydw", "Beth yw'r PQiP?", "Dwi ddim yn gwybod": an everyday
    Welsh word and no English one, or (a longer message) half its words everyday Welsh ones,
    where lingua's short-text models may guess Lithuanian or Portuguese."""
    if not any(w in _WELSH_SHORT for w in found):
        return False
    english = [w for w in found if w not in _WELSH_WORDS and w not in _NEUTRAL and _is_english(w, known)]
    return not english or 2 * sum(w in _WELSH_WORDS for w in found) >= len(found) > 2 * len(english)


def language_of(text: str) -> str:
    """ENGLISH, WELSH or OTHER for a message."""
    found = _words(text)
    if not found:
        return ENGLISH  # digits, emoji, punctuation: nothing to go on
    known = english_words()
    foreign = [w for w in found if not _is_english(w, known)]
    latin = all(_LATIN.search(w) for w in found)
    if latin and _short_welsh(found, known):
        return WELSH
    if latin and (
        len(foreign) < MIN_FOREIGN_WORDS or len(found) - len(foreign) > MAX_ENGLISH_SHARE * len(found)
    ):
        return ENGLISH
    if latin and sum(map(_wordlike, foreign)) < MIN_WORDLIKE_SHARE * len(foreign):
        return ENGLISH  # not words of any language: for the clarifying fallback
    try:
        values = _detector().compute_language_confidence_values(text)
    except Exception:  # a library failure must never stop an answer
        return ENGLISH
    if not values or values[0].value < MIN_CONFIDENCE:
        # Lingua unsure which language: in the Latin alphabet that is as likely a typo or
        # keyboard mash ("asdkj qwpeoiru") as a language, which the clarifying fallback answers.
        return ENGLISH if latin else OTHER
    name = values[0].language.name
    if name == "ENGLISH":
        return ENGLISH
    if name == "WELSH":
        # Made-up words ("zorblat quimfrey snargle") often score as Welsh: a Welsh
        # message has at least one of the language's everyday words.
        if any(w in _WELSH_WORDS for w in found):
            return WELSH
        return ENGLISH if latin else OTHER
    if latin and values[0].value < MIN_OTHER_CONFIDENCE:
        return ENGLISH  # a weak guess at another Latin-script language: likely nonsense or typos
    return OTHER
