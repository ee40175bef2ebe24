"""API tokens that any command line accepts (issue 11): never a leading "-",
always passed glued to the option with "=", and a bad kept token is replaced."""

import argparse
import os
import stat

import pytest

from bot.api_token import MIN_LENGTH, ensure_token_file, is_usable, new_token


def rasa_run_parser() -> argparse.ArgumentParser:
    from rasa.cli.arguments.run import add_server_arguments  # Rasa's own `rasa run` options

    parser = argparse.ArgumentParser(exit_on_error=False)
    add_server_arguments(parser)
    return parser


def test_ten_thousand_new_tokens_never_begin_with_a_dash_and_are_usable():
    tokens = [new_token() for _ in range(10_000)]
    assert not [t for t in tokens if t.startswith("-")]
    assert all(is_usable(t) for t in tokens)
    assert len(set(tokens)) == len(tokens)


def test_rasa_reads_any_token_glued_to_the_option_even_one_beginning_with_a_dash():
    parser = rasa_run_parser()
    for token in ["-wO" + new_token(), "--" + new_token(), new_token()]:
        glued = "=".join(["--auth-token", token])  # one argument, as scripts/lib/part.sh passes it
        assert parser.parse_args([glued]).auth_token == token
    # What issue 11 saw: the same token as a separate argument is read as an option.
    with pytest.raises((argparse.ArgumentError, SystemExit)):
        parser.parse_args(["--auth-token", "-wO" + new_token()])


def test_the_token_file_is_made_private_then_kept(tmp_path):
    path = tmp_path / "var" / "auth_token"
    token, what = ensure_token_file(path)
    assert what == "made" and is_usable(token)
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert ensure_token_file(path) == (token, "kept")


@pytest.mark.parametrize(
    "bad",
    ["", "\n", "short", "has space " + "x" * MIN_LENGTH, "semi;colon" + "x" * MIN_LENGTH, "é" * MIN_LENGTH],
)
def test_a_kept_token_no_command_line_can_use_is_replaced(tmp_path, bad):
    path = tmp_path / "auth_token"
    path.write_text(bad)
    token, what = ensure_token_file(path)
    assert what == "replaced" and is_usable(token) and path.read_text().strip() == token
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600


def test_a_kept_token_beginning_with_a_dash_still_works_so_it_is_kept(tmp_path):
    path = tmp_path / "auth_token"
    dashed = "-" + new_token()
    path.write_text(dashed + "\n")
    assert ensure_token_file(path) == (dashed, "kept")
