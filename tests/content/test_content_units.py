"""Unit tests of the content modules: reading, images, markdown, sections, repair."""

from __future__ import annotations

import base64
import codecs
import os
from pathlib import Path

import pytest

from mediation_lessons.content import images, markdown, reading, repair, sections
from mediation_lessons.errors import ArticleError

GIF = base64.b64decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7")
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 16
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 16
WEBP = b"RIFF\x10\x00\x00\x00WEBPVP8 " + b"\x00" * 8


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


@pytest.mark.parametrize(("data", "kind"), [(GIF, "gif"), (PNG, "png"), (JPEG, "jpeg"),
                                            (WEBP, "webp"), (b"<svg/>", None), (b"", None)])
def test_sniff(data: bytes, kind: str | None) -> None:
    assert images.sniff(data) == kind


@pytest.mark.parametrize(("uri", "prefix", "warned"), [
    (f"data:image/gif;base64,{b64(GIF)}", "data:image/gif;base64,", None),
    (f"data:{b64(WEBP)};base64,", "data:image/webp;base64,", "malformed"),
    (f"data:image/jpeg;base64,{b64(PNG)}", "data:image/png;base64,", "holds a PNG"),
    (f"data:;base64,{b64(JPEG)}", "data:image/jpeg;base64,", "no type"),
    (f"DATA:image/gif;base64,{b64(GIF)[:20]}\n {b64(GIF)[20:]}", "data:image/gif;base64,", None),
    (f"data:image/gif;base64,{base64.urlsafe_b64encode(GIF).decode().rstrip('=')}",
     "data:image/gif;base64,", None),
    ("data:image/svg+xml,<svg onload=alert(1)/>", None, "SVG"),
    (f"data:image/png;base64,{b64(b'<svg onload=alert(1)/>')}", None, "SVG"),
    (f"data:image/png;base64,{b64(b'plain text')}", None, "not a PNG"),
    ("data:image/png;base64,%%%", None, "cannot be decoded"),
    ("javascript:alert(1)", None, "not a data URI"),
    ("data:image/png;base64," + "A" * (images.MAX_IMAGE_BYTES * 2), None, "larger than"),
])
def test_data_uris(uri: str, prefix: str | None, warned: str | None) -> None:
    result, warnings = images.image_from_data_uri(uri, "a.md", 3)
    if prefix is None:
        assert result is None
    else:
        assert result is not None and result.startswith(prefix)
        assert images.sniff(base64.b64decode(result.split(",", 1)[1])) == prefix[11:-8]
    if warned is None:
        assert warnings == []
    else:
        assert len(warnings) == 1 and warned in warnings[0].message
        assert warnings[0].line == 3


@pytest.mark.parametrize(("src", "reason"), [
    ("https://example.com/a.png", "URL"), ("//cdn.example.com/a.png", "URL"),
    ("file:///etc/passwd", "URL"), ("C:\\Windows\\a.png", "absolute"),
    ("\\\\server\\share\\a.png", "absolute"), ("../a.png", "outside"),
    ("sub/../../a.png", "outside"), ("", "outside"), ("missing.png", "does not exist"),
])
def test_image_src_refused(tmp_path: Path, src: str, reason: str) -> None:
    target, why = images.resolve_local(src, tmp_path)
    assert target is None and reason in why


def test_image_src_not_an_image(tmp_path: Path) -> None:
    (tmp_path / "notes.png").write_text("not an image")
    uri, warnings = images.image_from_file("notes.png", tmp_path, "a.md", 2)
    assert uri is None and "not a PNG" in warnings[0].message


def test_decode_variants() -> None:
    assert reading.decode(codecs.BOM_UTF8 + b"a\r\nb\rc", "x")[0] == "a\nb\nc"
    text, warnings = reading.decode(codecs.BOM_UTF16_BE + "héllo".encode("utf-16-be"), "x")
    assert text == "héllo" and "UTF-16" in warnings[0].message
    text, warnings = reading.decode(b"ok\nbad \x93q\x94\n", "x")
    assert text == "ok\nbad “q”\n" and warnings[0].line == 2
    text, warnings = reading.decode(b"a\x00b\x1bc\td\x0ce" + b" words" * 10, "x")
    assert text.startswith("abc\td\x0ce words") and "control characters" in warnings[0].message
    with pytest.raises(ArticleError, match="binary"):
        reading.decode(b"%PDF-1.7 rest", "x")


def test_fifo_is_refused_without_hanging(tmp_path: Path) -> None:
    if not hasattr(os, "mkfifo"):
        pytest.skip("named pipes need POSIX")
    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)
    with pytest.raises(ArticleError, match="not a regular file"):
        reading.read_bytes(fifo, str(fifo))


def test_sanitize_allowlist() -> None:
    html = markdown.sanitize(
        '<p onclick="x()">a<script>b</script><iframe src="https://e.com"></iframe>'
        '<a href="javascript:alert(1)">j</a><a href="https://ok.example/">ok</a>'
        '<img src="data:image/png;base64,iVBORw0KGgo="><img src="data:text/html,x">'
        '<a href="data:image/png;base64,iVBORw0KGgo=">d</a><td style="color:red;text-align:left">'
        '<style>p{}</style><a href="/etc/passwd">r</a><img src="../x.png"></p>')
    assert "onclick" not in html and "<script" not in html and "<iframe" not in html
    assert "javascript" not in html and "data:text" not in html and "<style" not in html
    assert 'href="https://ok.example/"' in html
    assert 'src="data:image/png;base64,iVBORw0KGgo="' in html
    assert html.count("data:") == 1
    assert "passwd" not in html and "x.png" not in html


def test_markdown_links_and_plain_text() -> None:
    html = markdown.render(
        "[x](javascript:alert(1)) [y](https://a.example) ![i](data:image/gif;base64,R0lGOD)")
    assert 'href="https://a.example"' in html and "javascript:alert(1)\"" not in html
    tokens = markdown.parser().parse("Para *one*\nline two.\n\n- item\n\n```\ncode  kept\n```\n")
    assert markdown.plain_text(tokens) == "Para one line two.\nitem\ncode  kept"
    assert markdown.plain_title("**Bold** <script>x()</script>`code`") == "Bold code"


def test_slugs() -> None:
    slug = sections.slugify("Holding the Mediation Session(s)", "s")
    assert slug == "holding-the-mediation-session-s"
    assert sections.slugify("  ?!  ", "step-3") == "step-3"
    assert sections.unique_slugs(["A", "a", "A!", ""]) == ["a", "a-2", "a-3", "step-4"]
    assert sections.slugify("Ｆｕｌｌ　Ｗｉｄｔｈ", "x") == "full-width"


def test_is_copy_and_mojibake() -> None:
    assert repair.is_copy("Short text.", "Short text. And more.")
    assert repair.is_copy("a b c d e", "e d c b a plus")
    assert not repair.is_copy("rent and leases", "dogs barking at night")
    fixed, index, example = repair.fix_mojibake("fine\nthereâ€™s more")
    assert fixed == "fine\nthere’s more" and index == 1 and "â€™" in example
    kept = "naïve café Ελληνικά Привет 日本語 “quotes” — dash"
    assert repair.fix_mojibake(kept) == (kept, None, "")
