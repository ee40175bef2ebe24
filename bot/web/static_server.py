"""Serve the built web page (.build/web) on 127.0.0.1 with a strict CSP.

    python -m bot.build.web_page .build/web      # build the page first
    python -m bot.web.static_server             # http://127.0.0.1:8000 (WEB_PORT)

The Content-Security-Policy lets the page load only its own files and talk
only to itself and the Rasa server on 127.0.0.1:$RASA_PORT (default 5005):
no inline script, nothing from elsewhere. Directory listings are off.
Environment: WEB_PORT (8000), RASA_PORT (5005), WEB_ROOT (.build/web).
"""

from __future__ import annotations

import functools
import os
import sys
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HOST = "127.0.0.1"


def content_security_policy(rasa_port: int) -> str:
    return "; ".join(
        [
            "default-src 'self'",
            f"connect-src 'self' http://127.0.0.1:{rasa_port}",
            "script-src 'self'",
            "style-src 'self'",
            "img-src 'self'",
            "object-src 'none'",
            "base-uri 'none'",
            "form-action 'none'",
            "frame-ancestors 'none'",
        ]
    )


class PageHandler(SimpleHTTPRequestHandler):
    csp = content_security_policy(5005)

    extensions_map = {
        **SimpleHTTPRequestHandler.extensions_map,
        ".js": "text/javascript; charset=utf-8",
        ".css": "text/css; charset=utf-8",
        ".html": "text/html; charset=utf-8",
    }

    def end_headers(self) -> None:
        self.send_header("Content-Security-Policy", self.csp)
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        self.send_header("X-Frame-Options", "DENY")
        self.send_header("Cache-Control", "no-cache")
        super().end_headers()

    def list_directory(self, path):  # no directory listings
        self.send_error(HTTPStatus.NOT_FOUND, "Not found")
        return None

    def do_GET(self) -> None:
        if self.path.split("?", 1)[0] == "/favicon.ico":
            self.send_response(HTTPStatus.NO_CONTENT)
            self.end_headers()
            return
        super().do_GET()

    def log_message(self, format: str, *args) -> None:
        if os.environ.get("WEB_QUIET"):
            return
        super().log_message(format, *args)


def make_server(directory: Path, port: int, rasa_port: int) -> ThreadingHTTPServer:
    """A server for `directory` on 127.0.0.1:`port` (0: any free port)."""
    handler = type("Handler", (PageHandler,), {"csp": content_security_policy(rasa_port)})
    server = ThreadingHTTPServer((HOST, port), functools.partial(handler, directory=str(directory)))
    server.daemon_threads = True
    return server


def main() -> int:
    port = int(os.environ.get("WEB_PORT", "8000"))
    rasa_port = int(os.environ.get("RASA_PORT", "5005"))
    directory = Path(os.environ.get("WEB_ROOT", ROOT / ".build" / "web"))
    if not (directory / "index.html").is_file():
        print(
            f"static server: {directory}/index.html is missing; run "
            f"`python -m bot.build.web_page {directory}` first",
            file=sys.stderr,
        )
        return 1
    server = make_server(directory, port, rasa_port)
    print(f"Web page on http://{HOST}:{port}/ (chat talks to http://127.0.0.1:{rasa_port})", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
