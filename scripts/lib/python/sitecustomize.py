"""Third-party deprecation notices stay out of the project's output.

Python imports this module at start-up in every process the project starts
(scripts/lib/environment.sh and the Makefile put this folder on PYTHONPATH).
It drops DeprecationWarning (and its subclasses, such as pyparsing's) raised
from inside the installed packages named below, and nothing else: a warning
from our own code (bot/, actions/, nlu/, channels/) still shows, and so do
Rasa's UserWarnings about our training data.

A `warnings.filterwarnings` rule cannot hold: Sanic, on import, and Rasa, on
start, put blanket "once" rules in front of every rule set before them
(PYTHONWARNINGS included). So the check sits where a warning is shown,
keyed on the file that raised it.
"""
import re
import warnings

THIRD_PARTY = (
    "absl", "aiogram", "aiohttp", "apscheduler", "click", "google", "jax", "keras",
    "matplotlib", "numpy", "packaging", "pkg_resources", "pydantic", "pyparsing",
    "rasa", "rasa_sdk", "sanic", "sanic_cors", "sanic_jwt", "sanic_routing", "scipy", "sklearn", "spacy",
    "sqlalchemy", "tensorflow", "tensorflow_addons", "tensorflow_hub", "thinc", "typer",
)
_FROM_THIRD_PARTY = re.compile(r"[/\\](?:site|dist)-packages[/\\](?:%s)(?:[/\\]|\.py)"
                               % "|".join(re.escape(name) for name in THIRD_PARTY))
_show = warnings.showwarning


def showwarning(message, category, filename, lineno, file=None, line=None):
    if issubclass(category, DeprecationWarning) and _FROM_THIRD_PARTY.search(str(filename)):
        return
    # Python's import system warns on behalf of a third-party package's old-style loader
    # (no package of ours defines one): the file it names is importlib's own.
    if issubclass(category, DeprecationWarning) and str(filename).startswith("<frozen importlib"):
        return
    _show(message, category, filename, lineno, file, line)


warnings.showwarning = showwarning
