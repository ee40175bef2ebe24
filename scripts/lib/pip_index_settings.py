"""Print, one per line, the uv arguments that give `uv pip install` the package
sources pip is configured with here (pip.conf files and PIP_* variables): index
URL, extra index URLs, find-links folders, constraint files, --no-index.

uv reads no pip configuration, and scripts/lib/install.sh installs with uv: so
an install sees the same sources as `pip install` on the same machine. With
nothing configured it prints only pip's own way of choosing among several
indexes (the best version from any of them), and uv uses PyPI, as pip would.
Run with the venv's Python (pip is there: `python -m venv` puts it there).
"""

from __future__ import annotations

import sys

# pip's precedence, lowest first: the [global] section, then [install], then PIP_* variables.
SECTIONS = ("global", "install", ":env:")
LISTS = {"extra-index-url": "--extra-index-url", "find-links": "--find-links", "constraint": "--constraint"}


def pip_settings() -> dict[str, str]:
    try:
        from pip._internal.configuration import Configuration
    except ImportError:  # no pip in this Python: nothing is configured for it
        return {}
    configuration = Configuration(isolated=False)
    configuration.load()
    settings: dict[str, str] = {}
    for section in SECTIONS:
        for key, value in configuration.items():
            if key.startswith(section + "."):
                settings[key[len(section) + 1 :]] = value
    return settings


def uv_arguments(settings: dict[str, str]) -> list[str]:
    # pip takes the best version from every index; uv's default stops at the
    # first index that has the package at all (a local index may hold other versions).
    arguments = ["--index-strategy", "unsafe-best-match"]
    if settings.get("index-url"):
        arguments += ["--index-url", settings["index-url"]]
    for key, option in LISTS.items():
        for value in settings.get(key, "").split():
            arguments += [option, value]
    if settings.get("no-index", "").lower() in ("1", "true", "yes", "on"):
        arguments.append("--no-index")
    return arguments


if __name__ == "__main__":
    sys.stdout.write("".join(argument + "\n" for argument in uv_arguments(pip_settings())))
