"""The lesson's image: one safe ``data:image/...;base64,`` URI, or none.

``imageSrcBase64`` may be a proper data URI, the broken ``data:<payload>;base64,``
shape, or a URI whose declared type is wrong: the payload is decoded (bounded),
its real type sniffed from magic bytes (PNG, JPEG, GIF, WEBP only) and the URI
rebuilt. ``imageSrc`` is only ever read from inside the article's folder: no
absolute paths, no ``..`` escapes, no URLs fetched.
"""

from __future__ import annotations

import base64
import binascii
import os
import re
from collections.abc import Mapping
from pathlib import Path

from ..errors import Finding

MAX_IMAGE_BYTES = 1536 * 1024
"""Largest image (decoded) a lesson embeds: 1.5 MiB."""

_B64_CHARS = re.compile(r"[A-Za-z0-9+/=_-]+")
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")
_DRIVE = re.compile(r"[A-Za-z]:")


def sniff(data: bytes) -> str | None:
    """The image type of ``data`` from its magic bytes: png, jpeg, gif, webp or None."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if data.startswith((b"GIF87a", b"GIF89a")):
        return "gif"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "webp"
    return None


def _as_uri(data: bytes, kind: str) -> str:
    return f"data:image/{kind};base64,{base64.b64encode(data).decode('ascii')}"


def _decode_payload(payload: str) -> bytes | None:
    if not _B64_CHARS.fullmatch(payload):  # no match: maybe wrapped lines, else not base64
        payload = "".join(payload.split())
        if not payload or not _B64_CHARS.fullmatch(payload):
            return None
    if len(payload) > MAX_IMAGE_BYTES * 4 // 3 + 8:
        raise OverflowError
    payload = payload.rstrip("=")
    payload += "=" * (-len(payload) % 4)
    try:
        if "-" in payload or "_" in payload:
            return base64.urlsafe_b64decode(payload)
        return base64.b64decode(payload, validate=True)
    except (binascii.Error, ValueError):
        return None


def image_from_data_uri(value: str, display: str, line: int | None) -> tuple[str | None,
                                                                             list[Finding]]:
    """A safe data URI for ``imageSrcBase64``, or None, with warnings for every repair."""
    def warn(message: str) -> list[Finding]:
        return [Finding(display, line, "warning", message)]

    text = value.strip()
    if text[:5].lower() != "data:":  # only the prefix is lowered: the payload may be long
        return None, warn("`imageSrcBase64` is not a data URI (it should start with "
                          "`data:image/png;base64,`); the lesson has no image.")
    header, comma, payload = text[5:].partition(",")
    base64_end = header[-7:].lower() == ";base64"
    broken = not comma or (base64_end and not payload.strip())
    if broken:  # ``data:<payload>;base64,``: the header is the payload
        payload, declared = header[:-7] if base64_end else header, ""
    else:
        declared = header.partition(";")[0].strip().lower()
    if not broken and ";base64" not in header.lower():
        shape = "an SVG image" if "svg" in declared else f"not base64 ({declared or 'no type'})"
        return None, warn(f"`imageSrcBase64` is {shape}; only base64 PNG, JPEG, GIF or WEBP "
                          "images are shown. The lesson has no image.")
    try:
        data = _decode_payload(payload)
    except OverflowError:
        return None, warn(f"`imageSrcBase64` is larger than {MAX_IMAGE_BYTES // 1024} KiB; "
                          "use a smaller image. The lesson has no image.")
    if data is None:
        return None, warn("`imageSrcBase64` cannot be decoded as base64; re-export the "
                          "image. The lesson has no image.")
    kind = sniff(data)
    if kind is None:
        what = ("an SVG image" if b"<svg" in data[:1024].lower()
                else "not a PNG, JPEG, GIF or WEBP image")
        return None, warn(f"`imageSrcBase64` holds {what}; only those raster types are "
                          "shown. The lesson has no image.")
    uri = _as_uri(data, kind)
    if broken:
        return uri, warn(f"Repaired the malformed image data URI in `imageSrcBase64` (it "
                         f"was `data:<payload>;base64,`); it holds a {kind.upper()} image, "
                         f"now `data:image/{kind};base64,...`.")
    if declared != f"image/{kind}":
        return uri, warn(f"`imageSrcBase64` says {declared or 'no type'!s} but holds a "
                         f"{kind.upper()} image; it is labeled image/{kind}. Fix the label.")
    return uri, []


def resolve_local(src: str, folder: Path) -> tuple[Path | None, str]:
    """The file ``src`` names inside ``folder``, or None and the reason it is refused.

    A leading ``/`` is read as the root of the article's folder (a site path);
    URLs, drive paths and paths leading outside the folder (also through a
    symbolic link) are refused; a missing file is reported as missing.
    """
    text = src.strip()
    drive = _DRIVE.match(text) is not None
    if (not drive and _SCHEME.match(text)) or text.startswith("//"):
        return None, "is a URL; images are never fetched from the network"
    if drive or text.startswith("\\") or "\x00" in text:
        return None, "is an absolute path; only paths inside the article's folder are used"
    parts = [part for part in text.replace("\\", "/").split("/") if part not in ("", ".")]
    if not parts or ".." in parts:
        return None, "leads outside the article's folder; only files inside it are used"
    try:
        if not os.path.exists(os.path.join(folder, *parts)):
            return None, "does not exist in the article's folder"
        root = folder.resolve()
        target = root.joinpath(*parts).resolve()
    except (OSError, RuntimeError, ValueError):
        return None, "cannot be resolved"
    if not target.is_relative_to(root):
        return None, "leads outside the article's folder; only files inside it are used"
    return target, ""


def image_from_file(src: str, folder: Path, display: str, line: int | None,
                    key: str = "imageSrc") -> tuple[str | None, list[Finding]]:
    """A data URI for the local raster file ``src`` (``key``'s value), or None and a warning."""
    target, reason = resolve_local(src, folder)
    if target is None:
        return None, [Finding(display, line, "warning", f"`{key}` {src!r} {reason}.")]
    try:
        if not target.is_file():
            return None, [Finding(display, line, "warning",
                                  f"`{key}` {src!r} is not a file.")]
        with target.open("rb") as handle:
            data = handle.read(MAX_IMAGE_BYTES + 1)
    except OSError as error:
        return None, [Finding(display, line, "warning",
                              f"`{key}` {src!r} cannot be read ({error.strerror}).")]
    kind = sniff(data)
    if len(data) > MAX_IMAGE_BYTES or kind is None:
        why = "is too large" if kind else "is not a PNG, JPEG, GIF or WEBP image"
        return None, [Finding(display, line, "warning", f"`{key}` {src!r} {why}.")]
    return _as_uri(data, kind), []


def lesson_image(src: str | None, embedded: str | None, folder: Path, display: str,
                 lines: Mapping[str, int], key: str = "imageSrc") -> tuple[str | None,
                                                                           list[Finding]]:
    """The lesson's image: the local ``imageSrc`` file (read from ``key``), else the embedded
    data URI."""
    warnings: list[Finding] = []
    if src and src.strip():
        uri, found = image_from_file(src, folder, display, lines.get("imageSrc"), key)
        if uri:
            return uri, found
        if embedded and embedded.strip():
            found = [Finding(f.path, f.line, f.severity,
                             f.message + " Using the embedded `imageSrcBase64` image instead.")
                     for f in found]
        else:
            found = [Finding(f.path, f.line, f.severity, f.message + " The lesson has no image.")
                     for f in found]
        warnings.extend(found)
    if embedded and embedded.strip():
        uri, found = image_from_data_uri(embedded, display, lines.get("imageSrcBase64"))
        warnings.extend(found)
        return uri, warnings
    return None, warnings
