"""The staff console in the browser: a thin Sanic layer over `bot.staff`.

    python -m bot.staff.web        (scripts/lib/part.sh staff: `make run` supervises it)

Listens on 127.0.0.1:$STAFF_PORT (default 8001) only. Pages are Jinja2
templates (bot/staff/templates/, autoescaped); every page but the sign-in page
needs a session, every form that changes anything its CSRF token, and each page
its role (bot/staff/roles.py). The conversations come from the tracker store,
read-only ($TRACKER_DB or $TRACKER_DB_URL, as `make triage`); accounts, sessions,
marks and the audit log from the console's own database ($STAFF_DB).
"""

from __future__ import annotations

import asyncio
import base64
import functools
import hashlib
import logging
import os
from collections.abc import Callable, Coroutine
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import sqlalchemy as sa
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup
from sanic import Sanic, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.helpline import tracker_events
from bot.knowledge import load_knowledge
from bot.staff import accounts, audit, helpline, reporting, roles, sessions
from bot.staff.store import StaffDB

HOST = "127.0.0.1"  # loopback only, like the bot's other parts
DEFAULT_PORT = 8001
TEMPLATES = Path(__file__).resolve().parent / "templates"
logger = logging.getLogger("sanic.root")  # Sanic sets up its handler and format

CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;margin:0;color:#0b0c0c;
background:#f3f2f1;line-height:1.45}
a{color:#1d4f91}a:focus,button:focus,input:focus,textarea:focus,iframe:focus{outline:3px solid #fd0;
outline-offset:0;box-shadow:0 0 0 5px #0b0c0c}
.skip{position:absolute;left:-999em}.skip:focus{left:1rem;top:1rem;background:#fd0;color:#0b0c0c;padding:.4rem}
header{background:#0b0c0c;color:#fff;padding:.8rem 2rem;display:flex;flex-wrap:wrap;gap:1rem;
align-items:center;justify-content:space-between}
header a{color:#fff}header .brand{font-weight:700;font-size:1.2rem}
header nav ul{list-style:none;margin:0;padding:0;display:flex;gap:1.2rem;flex-wrap:wrap}
header form{margin:0}header .who{color:#ddd}
main{max-width:64rem;margin:0 auto;padding:1rem 2rem 3rem}
section,.panel{background:#fff;margin:1rem 0;padding:1rem 1.5rem;border-top:4px solid #1d70b8}
h1{font-size:1.7rem;margin:.6rem 0}h2{font-size:1.3rem;margin:.2rem 0 .6rem}
label{display:block;font-weight:700;margin:.8rem 0 .2rem}
input[type=text],input[type=password],input[type=date],textarea{font:inherit;padding:.4rem;
border:2px solid #0b0c0c;width:100%;max-width:24rem;box-sizing:border-box}
textarea{max-width:40rem}
button{font:inherit;background:#00703c;color:#fff;border:0;padding:.5rem 1rem;margin-top:.8rem;
cursor:pointer;box-shadow:0 2px 0 #002d18}
header button{background:#fff;color:#0b0c0c;margin:0;padding:.3rem .8rem}
.error{border-left:6px solid #d4351c;padding:.6rem 1rem;background:#fff;color:#0b0c0c}
.done{border-left:6px solid #00703c;padding:.6rem 1rem;background:#fff}
.hint{color:#484949;font-size:.95rem;margin:.1rem 0}
dl.card{display:grid;grid-template-columns:minmax(10rem,16rem) 1fr;gap:.3rem 1rem;margin:0}
dl.card dt{font-weight:700}dl.card dd{margin:0}dl.card ul{margin:0;padding-left:1.2rem}
table{border-collapse:collapse;width:100%;font-size:.95rem}
th,td{text-align:left;padding:.35rem .6rem;border-bottom:1px solid #b1b4b6;vertical-align:top}
th{background:#f3f2f1}
iframe{width:100%;height:70vh;border:1px solid #b1b4b6;background:#fff}
.fields{display:flex;gap:1.5rem;flex-wrap:wrap;align-items:flex-end}
@media (max-width:40rem){header,main{padding-left:.6rem;padding-right:.6rem}
dl.card{grid-template-columns:1fr}}
"""
_CSS_HASH = base64.b64encode(hashlib.sha256(CSS.encode()).digest()).decode()
CSP = (
    f"default-src 'none'; style-src 'sha256-{_CSS_HASH}'; img-src data:; form-action 'self'; "
    "frame-src 'self'; frame-ancestors 'none'; base-uri 'none'"
)
# The report page keeps its own Content-Security-Policy (inline CSS and SVG, no script).
REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'"

Handler = Callable[..., Coroutine[Any, Any, HTTPResponse]]


def _when(at: float | None) -> str:
    if at is None:
        return "?"
    return datetime.fromtimestamp(at).astimezone().strftime("%d %b %Y %H:%M:%S %Z").strip()


def _environment() -> Environment:
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html"]))
    env.filters["when"] = _when
    env.globals["css"] = Markup(CSS)  # our constant, hashed into the CSP above
    env.globals["can"] = roles.can
    env.globals["roles"] = roles
    return env


def _secure_cookies() -> bool:
    """Secure cookies only behind TLS (a proxy in front): over plain http on
    loopback a browser would drop them."""
    return os.environ.get("STAFF_SECURE_COOKIE") == "1"


async def _blocking(fn: Callable[..., Any], *args: Any) -> Any:
    """Run database and hashing work off the event loop."""
    return await asyncio.get_running_loop().run_in_executor(None, functools.partial(fn, *args))


def create_app(db: StaffDB | None = None, name: str = "staff_console") -> Sanic:
    app = Sanic(name)
    app.config.REQUEST_MAX_SIZE = 64 * 1024
    app.config.FORWARDED_SECRET = None
    db = db or StaffDB()
    templates = _environment()
    kb = load_knowledge()
    store_name = os.environ.get("TRACKER_DB_URL") or str(tracker_events.default_db())
    if os.environ.get("TRACKER_DB_URL"):
        store_name = tracker_events.parse_url(store_name).render_as_string(hide_password=True)

    def page(request: Request, template: str, status: int = 200, **values: Any) -> HTTPResponse:
        session = request.ctx.session
        body = templates.get_template(template).render(
            session=session,
            account=session.account if session else None,
            csrf=session.csrf if session else "",
            path=request.path,
            **values,
        )
        return response.html(body, status=status)

    def cookie(resp: HTTPResponse, name: str, value: str, path: str = "/") -> None:
        resp.cookies[name] = value
        resp.cookies[name]["httponly"] = True
        resp.cookies[name]["samesite"] = "Strict"
        resp.cookies[name]["path"] = path
        if _secure_cookies():
            resp.cookies[name]["secure"] = True

    def forget(resp: HTTPResponse, name: str, path: str = "/") -> None:
        cookie(resp, name, "", path)
        resp.cookies[name]["max-age"] = 0

    def needs(permission: str | None, changes: bool = False) -> Callable[[Handler], Handler]:
        """A page for signed-in staff whose role allows `permission`; a form that
        `changes` anything also needs the session's CSRF token."""

        def wrap(handler: Handler) -> Handler:
            @functools.wraps(handler)
            async def guarded(request: Request, *args: Any, **kwargs: Any) -> HTTPResponse:
                session = request.ctx.session
                if session is None:
                    if request.method != "GET":
                        return page(
                            request,
                            "message.html",
                            403,
                            title="Sign in first",
                            message="Your session has ended: sign in again.",
                        )
                    ended = "?ended=1" if request.ctx.had_cookie else ""
                    return response.redirect("/login" + ended, status=303)
                if changes and not sessions.same_token(session.csrf, request.form.get("csrf_token")):
                    await _blocking(audit.record, db, session.account.name, "csrf_refused", request.path)
                    return page(
                        request,
                        "message.html",
                        403,
                        title="Form refused",
                        message="This form was not sent from the console page: load the page "
                        "again and send it from there.",
                    )
                if permission and not roles.can(session.account.role, permission):
                    await _blocking(audit.record, db, session.account.name, "forbidden", request.path)
                    return page(
                        request,
                        "message.html",
                        403,
                        title="Not for your role",
                        message=f"Your role ({session.account.role}) does not open this page.",
                    )
                return await handler(request, *args, **kwargs)

            return guarded

        return wrap

    port = os.environ.get("STAFF_PORT") or str(DEFAULT_PORT)
    hosts = {f"127.0.0.1:{port}", f"localhost:{port}"} | {
        h.strip().lower() for h in os.environ.get("STAFF_ALLOWED_HOSTS", "").split(",") if h.strip()
    }

    @app.middleware("request")
    async def known_host(request: Request) -> HTTPResponse | None:
        """A page asked for under another name (DNS rebinding: a site whose name
        points at 127.0.0.1) is refused; a proxy's name goes in STAFF_ALLOWED_HOSTS."""
        if (request.headers.get("host") or "").lower() not in hosts:
            return response.text("Unknown host.", status=400)
        return None

    @app.middleware("request")
    async def load_session(request: Request) -> None:
        token = request.cookies.get(sessions.COOKIE)
        request.ctx.had_cookie = bool(token)
        request.ctx.session = await _blocking(sessions.current, db, token) if token else None

    @app.middleware("response")
    async def headers(request: Request, resp: HTTPResponse) -> None:
        if "Content-Security-Policy" not in resp.headers:
            resp.headers["Content-Security-Policy"] = CSP
            resp.headers["X-Frame-Options"] = "DENY"
        resp.headers["X-Content-Type-Options"] = "nosniff"
        resp.headers["Referrer-Policy"] = "no-referrer"
        resp.headers["Cache-Control"] = "no-store"
        if getattr(request.ctx, "had_cookie", False) and request.ctx.session is None:
            if sessions.COOKIE not in resp.cookies:
                forget(resp, sessions.COOKIE)

    # --- signing in and out ----------------------------------------------------------

    def login_page(request: Request, status: int = 200, **values: Any) -> HTTPResponse:
        token = sessions.new_token()
        resp = page(request, "login.html", status, login_token=token, **values)
        cookie(resp, sessions.LOGIN_COOKIE, token, "/login")
        return resp

    @app.get("/login")
    async def login_form(request: Request) -> HTTPResponse:
        if request.ctx.session is not None:
            return response.redirect("/", status=303)
        notice = None
        if request.args.get("signed_out"):
            notice = "You have signed out."
        elif request.args.get("ended"):
            notice = "Your session has ended: sign in again."
        return login_page(request, notice=notice)

    @app.post("/login")
    async def login(request: Request) -> HTTPResponse:
        form = request.form
        if not sessions.same_token(request.cookies.get(sessions.LOGIN_COOKIE), form.get("csrf_token")):
            return login_page(request, 403, error="This sign-in form had expired. Please try again.")
        name = (form.get("username") or "")[:100]
        result = await _blocking(accounts.sign_in, db, name, form.get("password") or "")
        if result.throttled:
            minutes = f"{result.wait} seconds" if result.wait < 120 else f"{result.wait // 60} minutes"
            return login_page(
                request,
                429,
                username=name,
                error=f"Too many failed sign-ins for this username. Wait {minutes} and try again.",
            )
        if result.account is None:
            return login_page(
                request,
                401,
                username=name,
                error="The username or password is not right. Check both and try again.",
            )
        token = await _blocking(sessions.start, db, result.account)
        resp = response.redirect("/", status=303)
        cookie(resp, sessions.COOKIE, token)
        forget(resp, sessions.LOGIN_COOKIE, "/login")
        return resp

    @app.post("/logout")
    @needs(None, changes=True)
    async def logout(request: Request) -> HTTPResponse:
        await _blocking(sessions.end, db, request.cookies.get(sessions.COOKIE))
        await _blocking(audit.record, db, request.ctx.session.account.name, "logout")
        resp = response.redirect("/login?signed_out=1", status=303)
        forget(resp, sessions.COOKIE)
        return resp

    @app.get("/")
    @needs(None)
    async def home(request: Request) -> HTTPResponse:
        return page(request, "home.html")

    # --- helpline ----------------------------------------------------------------------

    def store_error(request: Request, exc: Exception) -> HTTPResponse:
        logger.warning("tracker store %s: %s", store_name, tracker_events.reason(exc))
        return page(
            request,
            "message.html",
            503,
            title="Conversations unavailable",
            message="The conversations could not be read just now. Try again in a minute; "
            "if it goes on, tell whoever runs the bot.",
        )

    def _card_view(typed: str) -> tuple[str, list, list]:
        with helpline.tracker_store() as conn:
            code, cards = helpline.lookup(conn, typed, kb)
        return code, cards, helpline.marks(db, code)

    @app.get("/card")
    @needs(roles.CARD)
    async def card(request: Request) -> HTTPResponse:
        typed = (request.args.get("code") or "")[:40]
        if not typed.strip():
            return page(request, "card.html", typed="")
        account = request.ctx.session.account.name
        try:
            code, cards, marks = await _blocking(_card_view, typed)
        except helpline.NotACode:
            return page(
                request,
                "card.html",
                400,
                typed=typed,
                error=(
                    "That is not a reference code: codes look like PC-7K3QX (PC and five letters or digits)."
                ),
            )
        except sa.exc.SQLAlchemyError as exc:
            return store_error(request, exc)
        await _blocking(audit.record, db, account, "view_card" if cards else "card_not_found", code)
        return page(
            request,
            "card.html",
            200 if cards else 404,
            typed=typed,
            code=code,
            cards=[helpline.card_fields(c) for c in cards],
            marks=marks,
            marked=bool(request.args.get("marked")),
        )

    @app.post("/card/handled")
    @needs(roles.CARD, changes=True)
    async def handled(request: Request) -> HTTPResponse:
        code = request.form.get("code") or ""
        try:
            await _blocking(
                helpline.mark_handled,
                db,
                code,
                request.form.get("note") or "",
                request.ctx.session.account.name,
            )
        except helpline.NotACode:
            return page(
                request, "message.html", 400, title="Not marked", message="That is not a reference code."
            )
        except ValueError as bad:
            return page(
                request,
                "message.html",
                400,
                title="Not marked",
                message=f"Not marked: {bad}.",
                back=f"/card?{urlencode({'code': code})}",
            )
        return response.redirect(f"/card?{urlencode({'code': code, 'marked': 1})}", status=303)

    def _follow_up() -> tuple:
        with helpline.tracker_store() as conn:
            return helpline.follow_up(conn, db, kb)

    @app.get("/follow-up")
    @needs(roles.FOLLOW_UP)
    async def follow_up(request: Request) -> HTTPResponse:
        try:
            open_rows, handled_rows, without_code = await _blocking(_follow_up)
        except sa.exc.SQLAlchemyError as exc:
            return store_error(request, exc)
        await _blocking(audit.record, db, request.ctx.session.account.name, "view_follow_up")
        return page(
            request,
            "follow_up.html",
            open_rows=open_rows,
            handled_rows=handled_rows,
            without_code=without_code,
        )

    # --- recruitment ---------------------------------------------------------------------

    def _period(request: Request) -> reporting.Period:
        args = request.get_args(keep_blank_values=True)  # an empty field means no limit
        given = "since" in args or "until" in args
        return reporting.period(args.get("since"), args.get("until"), given=given)

    def _report(chosen: reporting.Period) -> tuple:
        with helpline.tracker_store() as conn:
            return reporting.build(conn, chosen, kb, store_name)

    @app.get("/report")
    @needs(roles.REPORT)
    async def report_page(request: Request) -> HTTPResponse:
        try:
            chosen = _period(request)
        except reporting.BadPeriod as bad:
            return page(
                request,
                "report.html",
                400,
                error=f"{bad}.",
                since=request.args.get("since", ""),
                until=request.args.get("until", ""),
            )
        query = urlencode({"since": chosen.since or "", "until": chosen.until or ""})
        # The report itself is built by /report/view (in the frame), once.
        return page(
            request,
            "report.html",
            period=chosen,
            query=query,
            tables=reporting.table_list(kb),
            since=chosen.since or "",
            until=chosen.until or "",
        )

    @app.get("/report/view")
    @needs(roles.REPORT)
    async def report_view(request: Request) -> HTTPResponse:
        try:
            chosen = _period(request)
            html, _tables = await _blocking(_report, chosen)
        except reporting.BadPeriod as bad:
            return response.text(f"{bad}.", status=400)
        except sa.exc.SQLAlchemyError as exc:
            return store_error(request, exc)
        await _blocking(audit.record, db, request.ctx.session.account.name, "view_report", chosen.shown)
        resp = response.html(html)
        resp.headers["Content-Security-Policy"] = REPORT_CSP
        resp.headers["X-Frame-Options"] = "SAMEORIGIN"
        return resp

    @app.get("/report/csv/<table_name:str>")
    @needs(roles.REPORT)
    async def report_csv(request: Request, table_name: str) -> HTTPResponse:
        try:
            chosen = _period(request)
            _html, tables = await _blocking(_report, chosen)
        except reporting.BadPeriod as bad:
            return response.text(f"{bad}.", status=400)
        except sa.exc.SQLAlchemyError as exc:
            return store_error(request, exc)
        wanted = table_name.removesuffix(".csv")
        table = next((t for t in tables if t.name == wanted), None)
        if table is None:
            return page(
                request,
                "message.html",
                404,
                title="No such table",
                message="The report has no table of that name.",
            )
        await _blocking(
            audit.record,
            db,
            request.ctx.session.account.name,
            "download_csv",
            f"{table.name} for {chosen.shown}",
        )
        filename = f"{table.name}-{chosen.since or 'start'}-{chosen.until or 'today'}.csv"
        return response.text(
            reporting.csv_text(table),
            content_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": f'attachment; filename="{filename}"'},
        )

    # --- admin -------------------------------------------------------------------------

    @app.get("/audit")
    @needs(roles.AUDIT)
    async def audit_page(request: Request) -> HTTPResponse:
        await _blocking(audit.record, db, request.ctx.session.account.name, "view_audit")
        entries = await _blocking(audit.recent, db, 300)
        return page(request, "audit.html", entries=entries, days=audit.retention_days())

    @app.exception(Exception)
    async def failure(request: Request, exc: Exception) -> HTTPResponse:
        status = getattr(exc, "status_code", 500) or 500
        if status >= 500:
            logger.exception("staff console error on %s", request.path)
        if not hasattr(request.ctx, "session"):
            request.ctx.session = None
        title = "Page not found" if status == 404 else "Something went wrong"
        return page(
            request,
            "message.html",
            status,
            title=title,
            message="There is no such page." if status == 404 else "The console could not do that.",
        )

    async def housekeeping(app: Sanic) -> None:
        """Hourly: audit entries past their retention period, sessions past their time."""
        while True:
            await _blocking(audit.purge, db)
            await _blocking(sessions.purge_expired, db)
            await asyncio.sleep(3600)

    @app.before_server_start
    async def start_housekeeping(app: Sanic, _loop: Any) -> None:
        app.add_task(housekeeping(app))

    return app


def main() -> None:
    port = int(os.environ.get("STAFF_PORT") or DEFAULT_PORT)
    app = create_app()
    logger.info("staff console on http://%s:%d/", HOST, port)
    app.run(host=HOST, port=port, access_log=False, motd=False, workers=1)


if __name__ == "__main__":
    main()
