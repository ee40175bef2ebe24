"""The staff console: accounts, sessions, CSRF, throttling, audit log and roles in
plain Python (no web framework), over the console's own SQLite database; `web.py`
is the thin Sanic layer that serves it, `cli.py` the `make staff-user` command."""
