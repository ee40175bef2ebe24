"""The HTTP API token: made once per machine, safe on any command line.

`secrets.token_urlsafe` begins with "-" about once in 64 tokens, and
`rasa run` reads such a token, given as a separate argument after its
`--auth-token` option, as an option of its own. So new tokens
never begin with "-" (and the scripts glue any token to the option with "="),
and a kept token that a command line or URL cannot carry (empty, short, or
with characters outside the URL-safe alphabet) is replaced, not fatal.

    python -m bot.api_token var/auth_token   # prints the token, making or replacing the file
"""

from __future__ import annotations

import fcntl
import os
import re
import secrets
import sys
import tempfile
from pathlib import Path

MIN_LENGTH = 32
URL_SAFE = re.compile(r"[A-Za-z0-9_-]+")


def new_token() -> str:
    """32 random bytes, URL-safe, never beginning with "-"."""
    while True:
        token = secrets.token_urlsafe(32)
        if not token.startswith("-"):
            return token


def is_usable(token: str) -> bool:
    return len(token) >= MIN_LENGTH and bool(URL_SAFE.fullmatch(token))


def ensure_token_file(path: Path) -> tuple[str, str]:
    """The token kept in `path` and what happened: "kept", "made" or "replaced".

    Under a lock, so bots starting together (tests) share one token; written
    aside (mode 600) and renamed into place, so nobody reads half a file.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path.with_name(path.name + ".lock"), "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        old = path.read_text().strip() if path.exists() else None
        if old is not None and is_usable(old):
            return old, "kept"
        token = new_token()
        fd, aside = tempfile.mkstemp(dir=path.parent, prefix=path.name + ".")  # mode 600
        with os.fdopen(fd, "w") as out:
            out.write(token + "\n")
        os.replace(aside, path)
        return token, "made" if old is None else "replaced"


def main(argv: list) -> int:
    if len(argv) != 2:
        print(__doc__.strip().splitlines()[-1].strip(), file=sys.stderr)
        return 2
    path = Path(argv[1])
    token, what = ensure_token_file(path)
    if what == "replaced":
        print(
            f"{path} held a token no command line could use; replaced it (API clients need the new one)",
            file=sys.stderr,
        )
    print(token)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
