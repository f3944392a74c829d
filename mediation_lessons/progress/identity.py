"""Who the learner is: JupyterHub user, an entered name, a guest or the OS user.

Resolution order (:func:`resolve_learner`):

1. ``JUPYTERHUB_USER`` from the environment (the hub already knows the user);
2. a name the learner just entered in the app (``entered``);
3. the name remembered for this browser in the ``mediation_learner`` cookie,
   which Voilà hands to the kernel as the ``HTTP_COOKIE`` environment variable;
4. under Voilà (``SERVER_SOFTWARE`` starts with ``voila/``), a fresh random
   guest name such as ``"Guest 3f9a2c"``: on a shared server the OS user is
   the server's account, and everyone who has not typed a name would share
   one progress record. The page script remembers the guest name in the
   cookie, so a reload resumes the same guest;
5. elsewhere (JupyterLab, a script) the operating-system user
   (:func:`getpass.getuser`);
6. ``"anonymous"`` when none of these gives a usable name.

Voilà hands the browser's ``Cookie`` header to the kernel only when its
configuration lists it (``"http_header_envs": ["Cookie"]`` under
``VoilaConfiguration``); with preheated kernels the request variables arrive
after ``voila.utils.wait_for_request()``. Without the cookie the name simply
falls through to the next source.

Names are normalized (stripped, Unicode NFC) and must be 1–64 characters with
no control characters. Anything else — slashes, quotes, SQL — is kept as it
is: a learner name is data, bound as an SQL parameter and never used in a path.
"""

from __future__ import annotations

import getpass
import os
import secrets
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from http.cookies import CookieError, SimpleCookie
from typing import Literal
from urllib.parse import quote, unquote

from ..errors import ProgressError

COOKIE_NAME = "mediation_learner"
"""Cookie that remembers the entered name for one browser."""

MAX_NAME_LENGTH = 64
ANONYMOUS = "anonymous"

GUEST_PREFIX = "Guest"

Source = Literal["jupyterhub", "entered", "cookie", "guest", "os", "anonymous"]


@dataclass(frozen=True)
class Learner:
    """A learner's normalized name and where it came from."""

    name: str
    source: Source


def normalize_name(raw: str) -> str:
    """``raw`` stripped and NFC-normalized; raise :class:`ProgressError` if unusable.

    A usable name has 1 to 64 characters and no control characters.
    """
    if not isinstance(raw, str):
        raise ProgressError(f"A learner name must be text, not {type(raw).__name__}.")
    name = unicodedata.normalize("NFC", raw.strip())
    if not name:
        raise ProgressError("The learner name is empty. Type your name, then press Enter.")
    if len(name) > MAX_NAME_LENGTH:
        raise ProgressError(
            f"The learner name has {len(name)} characters; use at most {MAX_NAME_LENGTH}."
        )
    bad = [ch for ch in name if unicodedata.category(ch) in ("Cc", "Cs", "Zl", "Zp")]
    if bad:
        raise ProgressError(
            f"The learner name contains a control character ({bad[0]!r}); "
            "use letters, digits, spaces or punctuation."
        )
    return name


def _valid(raw: str | None) -> str | None:
    """``raw`` normalized, or None when it is missing or unusable."""
    if raw is None:
        return None
    try:
        return normalize_name(raw)
    except ProgressError:
        return None


def cookie_learner(cookie_header: str | None) -> str | None:
    """The learner name remembered in a ``Cookie:`` header, URL-decoded, if usable.

    Each ``name=value`` pair is parsed on its own with :mod:`http.cookies`, so
    a malformed cookie from another site or app cannot hide ours.
    """
    if not cookie_header:
        return None
    for part in cookie_header.split(";"):
        pair = part.strip()
        if pair.partition("=")[0].strip() != COOKIE_NAME:
            continue
        jar: SimpleCookie = SimpleCookie()
        try:
            jar.load(pair)
        except CookieError:
            continue
        morsel = jar.get(COOKIE_NAME)
        if morsel is None:
            continue
        try:
            name = _valid(unquote(morsel.value, errors="strict"))
        except UnicodeDecodeError:
            continue
        if name is not None:
            return name
    return None


def cookie_value(name: str) -> str:
    """The URL-encoded cookie value that remembers ``name`` (normalized first)."""
    return quote(normalize_name(name), safe="")


def cookie_string(name: str, max_age_days: int = 365) -> str:
    """A ``document.cookie`` assignment string remembering ``name`` for this browser."""
    seconds = max_age_days * 24 * 3600
    return f"{COOKIE_NAME}={cookie_value(name)}; Path=/; Max-Age={seconds}; SameSite=Lax"


def os_user() -> str | None:
    """The operating-system user name, or None when it cannot be found."""
    try:
        return _valid(getpass.getuser())
    except (KeyError, OSError, ImportError):
        return None


def guest_name() -> str:
    """A fresh guest name, ``"Guest "`` and six random hex digits (nothing private)."""
    return f"{GUEST_PREFIX} {secrets.token_hex(3)}"


def under_voila(environ: Mapping[str, str]) -> bool:
    """Whether ``environ`` is a Voilà kernel's serving a request (set per request)."""
    return environ.get("SERVER_SOFTWARE", "").startswith("voila/")


def resolve_learner(
    environ: Mapping[str, str] | None = None, entered: str | None = None
) -> Learner:
    """The current learner, by the order described in this module's docstring.

    ``environ`` defaults to :data:`os.environ`. An ``entered`` name that is not
    usable raises :class:`ProgressError` with a message to show the learner;
    a bad cookie or environment value is ignored and the next source is used.
    """
    env = os.environ if environ is None else environ
    hub = _valid(env.get("JUPYTERHUB_USER"))
    if hub is not None:
        return Learner(hub, "jupyterhub")
    if entered is not None:
        return Learner(normalize_name(entered), "entered")
    remembered = cookie_learner(env.get("HTTP_COOKIE"))
    if remembered is not None:
        return Learner(remembered, "cookie")
    if under_voila(env):
        return Learner(guest_name(), "guest")
    user = os_user()
    if user is not None:
        return Learner(user, "os")
    return Learner(ANONYMOUS, "anonymous")
