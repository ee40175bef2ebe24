"""`make staff-user`: create, reset or disable a staff console account.

    python -m bot.staff.cli NAME --role helpline|recruitment|admin   create or reset
    python -m bot.staff.cli NAME --disable                           disable
    python -m bot.staff.cli --list                                   list accounts

The password is read from standard input, never from the command line: typed
twice (not shown) at a terminal, or the first line of piped input.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from collections.abc import Sequence

from bot.staff import accounts
from bot.staff.roles import ROLES
from bot.staff.store import StaffDB, default_path


def _read_password() -> str:
    if sys.stdin.isatty():
        first = getpass.getpass("Password: ")
        if getpass.getpass("Password again: ") != first:
            raise accounts.AccountError("the two passwords differ")
        return first
    return sys.stdin.readline().rstrip("\r\n")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bot.staff.cli",
        description="Create, reset or disable a staff console account (password on standard input).",
    )
    parser.add_argument("name", nargs="?", help="the username")
    parser.add_argument("--role", choices=sorted(ROLES), help="create or reset the account with this role")
    parser.add_argument("--disable", action="store_true", help="disable the account and end its sessions")
    parser.add_argument("--list", action="store_true", help="list the accounts")
    args = parser.parse_args(argv)
    db = StaffDB(default_path())
    if args.list:
        for account in accounts.listed(db):
            print("\t".join([account.name, account.role] + (["disabled"] if account.disabled else [])))
        return 0
    if not args.name or bool(args.role) == bool(args.disable):
        parser.print_usage(sys.stderr)
        print("Give a username and either --role ROLE or --disable.", file=sys.stderr)
        return 2
    try:
        if args.disable:
            if not accounts.disable(db, args.name):
                print(f"No account called {args.name!r}.", file=sys.stderr)
                return 1
            print(f"Disabled {accounts.check_name(args.name)}; its sessions have ended.")
            return 0
        account = accounts.set_account(db, args.name, args.role, _read_password())
    except accounts.AccountError as bad:
        print(f"Not done: {bad}.", file=sys.stderr)
        return 1
    print(f"Account {account.name} ({account.role}) is ready in {db.path}; its old sessions have ended.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
