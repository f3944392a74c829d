"""Who the learner is: hub user, entered name, cookie, guest (under Voilà), OS user."""

from __future__ import annotations

import getpass
import re
from urllib.parse import quote

import pytest

from mediation_lessons.errors import ProgressError
from mediation_lessons.progress import identity
from mediation_lessons.progress.identity import (
    COOKIE_NAME,
    Learner,
    cookie_learner,
    cookie_string,
    normalize_name,
    resolve_learner,
)


def test_the_hub_user_wins_over_everything() -> None:
    env = {"JUPYTERHUB_USER": "hubuser", "HTTP_COOKIE": f"{COOKIE_NAME}=Ann"}
    assert resolve_learner(env, entered="Bob") == Learner("hubuser", "jupyterhub")


def test_an_entered_name_wins_over_the_cookie_and_is_normalized() -> None:
    env = {"HTTP_COOKIE": f"{COOKIE_NAME}=Ann"}
    assert resolve_learner(env, entered="  Zoe\u0301  ") == Learner("Zo\u00e9", "entered")


def test_the_cookie_is_parsed_and_url_decoded() -> None:
    value = quote("José O'Brien; /x", safe="")
    env = {"HTTP_COOKIE": f"_xsrf=abc; {COOKIE_NAME}={value}; other=1"}
    assert resolve_learner(env) == Learner("José O'Brien; /x", "cookie")


@pytest.mark.parametrize("header", [
    "a=b c; mediation_learner=Ann", 'x={"a":1}; mediation_learner=Ann',
    'a="unterminated; mediation_learner=Ann', "mediation_learner=Ann; mediation_learner=Bob",
    'mediation_learner="Ann"', "mediation_learner=%00; mediation_learner=Ann",
])
def test_other_malformed_cookies_do_not_hide_ours(header: str) -> None:
    assert cookie_learner(header) == "Ann"


@pytest.mark.parametrize("name", [
    "Ann (TA)", "O'Brien", "a*b!~", "x,y;z=1", "José", "李小龙", "\"quoted\"", "50% off", "a+b",
])
def test_names_set_by_the_browser_script_are_read_back(name: str) -> None:
    # the app's script stores encodeURIComponent(name), which leaves -_.!~*'() as they are
    value = quote(name, safe="-_.!~*'()")
    assert cookie_learner(f"_xsrf=2|ab|cd|1; {COOKIE_NAME}={value}") == name


def test_cookie_string_round_trips_through_cookie_parsing() -> None:
    assignment = cookie_string("Ana María / 李")
    pair = assignment.split(";", 1)[0]
    assert cookie_learner(f"a=1; {pair}") == "Ana María / 李"
    assert "Path=/" in assignment and "SameSite=Lax" in assignment


@pytest.mark.parametrize("header", [
    f"{COOKIE_NAME}=", f"{COOKIE_NAME}=%00evil", f"{COOKIE_NAME}=%ff%fe", "garbage;;==",
    f"{COOKIE_NAME}={'x' * 65}", "",
])
def test_unusable_cookies_fall_through_to_the_os_user(
    header: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(getpass, "getuser", lambda: "osuser")
    assert resolve_learner({"HTTP_COOKIE": header}) == Learner("osuser", "os")


def test_without_any_source_the_learner_is_anonymous(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_user() -> str:
        raise OSError("no user")

    monkeypatch.setattr(getpass, "getuser", no_user)
    assert resolve_learner({}) == Learner("anonymous", "anonymous")


def test_a_blank_hub_user_is_ignored(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(getpass, "getuser", lambda: "osuser")
    assert resolve_learner({"JUPYTERHUB_USER": "  "}).source == "os"


@pytest.mark.parametrize("raw, message", [
    ("", "empty"), ("   ", "empty"), ("a" * 65, "at most 64"), ("bad\x00name", "control"),
    ("line\nbreak", "control"), ("tab\there", "control"),
])
def test_bad_entered_names_give_a_clear_error(raw: str, message: str) -> None:
    with pytest.raises(ProgressError, match=message):
        resolve_learner({}, entered=raw)


@pytest.mark.parametrize("raw", [
    "'; DROP TABLE attempts; --", "../../etc/passwd", "C:\\Windows", "a" * 64, "ü", "<b>x</b>",
])
def test_odd_but_valid_names_are_kept_verbatim(raw: str) -> None:
    assert normalize_name(raw) == raw


def test_names_are_nfc_normalized() -> None:
    assert normalize_name("e\u0301") == "\u00e9"
    assert identity.MAX_NAME_LENGTH == 64


VOILA = {"SERVER_SOFTWARE": "voila/0.5.8"}


def test_under_voila_a_visitor_without_a_name_gets_a_fresh_guest_not_the_server_account(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(getpass, "getuser", lambda: "serveraccount")
    first, second = resolve_learner(VOILA), resolve_learner(VOILA)
    assert first.source == second.source == "guest"
    assert re.fullmatch(r"Guest [0-9a-f]{6}", first.name)
    assert first.name != second.name
    assert "serveraccount" not in first.name
    assert normalize_name(first.name) == first.name


def test_under_voila_the_hub_user_an_entered_name_and_the_cookie_still_win() -> None:
    cookie = {**VOILA, "HTTP_COOKIE": f"{COOKIE_NAME}={quote('Guest 3f9a2c')}"}
    assert resolve_learner(cookie) == Learner("Guest 3f9a2c", "cookie")
    assert resolve_learner(cookie, entered="Ana") == Learner("Ana", "entered")
    assert resolve_learner({**cookie, "JUPYTERHUB_USER": "hub"}).source == "jupyterhub"


@pytest.mark.parametrize("software", ["", "TornadoServer/6.4", "jupyter-server/2", "xvoila/1"])
def test_outside_voila_the_os_user_is_kept(
    software: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(getpass, "getuser", lambda: "osuser")
    env = {"SERVER_SOFTWARE": software} if software else {}
    assert resolve_learner(env) == Learner("osuser", "os")
