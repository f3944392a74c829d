"""The loader's shortcuts give exactly what the plain computation they replace gives."""

from __future__ import annotations

import base64
import re
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mediation_lessons.content import images, reading, repair, sections
from mediation_lessons.content.frontmatter import split_frontmatter
from mediation_lessons.content.markdown import _squash
from mediation_lessons.errors import ArticleError, FrontmatterError

SETTINGS = settings(max_examples=400, deadline=timedelta(seconds=2))
SEED = (Path(__file__).parent.parent.parent / "mediation_lessons" / "courses" / "mediation"
        / "what-are-the-steps-of-mediation.md")
WHITESPACE = "".join(chr(c) for c in range(0x3100) if chr(c).isspace())
TEXT = st.text(alphabet=st.sampled_from(
    list("ab #<>!\u00e9\u200b\x00\x7f") + list(WHITESPACE[:12]) + ["\u00a0", "\u3000"]),
    max_size=40)


@SETTINGS
@given(TEXT)
def test_squash_is_split_and_join(text: str) -> None:
    assert _squash(text) == " ".join(text.split())


@pytest.mark.parametrize("space", list(WHITESPACE))
def test_squash_sees_every_whitespace_character(space: str) -> None:
    assert _squash(f"a{space}b") == "a b"


def _unspaced_by_lines(body: str) -> bool:
    return any(re.match(r"##[^#\s]", line) for line in body.split("\n"))


@SETTINGS
@given(st.lists(st.sampled_from(["##a", "## a", "###a", "##", "## ", "a##b", " ##a", "##\t",
                                 "text", "", "##é", "#a"]), max_size=8))
def test_unspaced_heading_check_matches_a_line_scan(lines: list[str]) -> None:
    body = "\n".join(lines)
    assert sections._has_unspaced(body) == _unspaced_by_lines(body)


@SETTINGS
@given(st.binary(max_size=300))
def test_one_control_pass_gives_the_same_verdicts(data: bytes) -> None:
    controls = reading._has_control_bytes(data)
    assert reading.looks_binary(data, controls) == reading.looks_binary(data)


def test_decode_still_strips_controls_and_refuses_binary() -> None:
    text, warnings = reading.decode(b"a\x01b plain text\n", "a.md")
    assert text == "ab plain text\n" and "control characters" in warnings[0].message
    with pytest.raises(ArticleError, match="binary"):
        reading.decode(b"\x00\x01\x02\x03" * 20, "a.md")


PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(40))


@pytest.mark.parametrize(("uri", "kind", "repaired"), [
    ("data:image/png;base64," + base64.b64encode(PNG).decode(), "png", False),
    ("DATA:IMAGE/PNG;BASE64," + base64.b64encode(PNG).decode(), "png", False),
    ("data:" + base64.b64encode(PNG).decode() + ";base64,", "png", True),
    ("data:" + base64.b64encode(PNG).decode() + ";BASE64,", "png", True),
    ("data:image/png;base64," + "\n".join(re.findall(".{1,8}", base64.b64encode(PNG).decode())),
     "png", False),
    ("data:image/png;base64," + base64.urlsafe_b64encode(PNG).decode().rstrip("="), "png",
     False),
])
def test_data_uri_shapes_still_repaired(uri: str, kind: str, repaired: bool) -> None:
    result, warnings = images.image_from_data_uri(uri, "a.md", 3)
    assert result == f"data:image/{kind};base64,{base64.b64encode(PNG).decode()}"
    assert any("malformed" in w.message for w in warnings) == repaired


@pytest.mark.parametrize("uri", ["data:image/png,abc", "data:image/png;base64,@@@@",
                                 "data:image/png;base64,QQ==QQ==", "image/png;base64,QQ==",
                                 "data:image/svg+xml;utf8,<svg/>"])
def test_bad_data_uris_still_refused(uri: str) -> None:
    result, warnings = images.image_from_data_uri(uri, "a.md", 3)
    assert result is None and warnings


def test_frontmatter_closing_fence_found_past_dash_lines() -> None:
    text = "---\ntitle: T\nlist:\n- a\n- --b\n---  \nbody\n"
    split = split_frontmatter(text, "a.md")
    assert split.metadata == {"title": "T", "list": ["a", "--b"]}
    assert split.body == "body\n" and split.body_line == 7
    with pytest.raises(FrontmatterError, match="never closed"):
        split_frontmatter("---\ntitle: T\n- a\n--\n", "a.md")


def test_mojibake_fix_unchanged_on_the_seed_intro() -> None:
    fixed, index, example = repair.fix_mojibake("Yes, thereâ€™s a way.\nplain")
    assert fixed == "Yes, there’s a way.\nplain" and index == 0 and "→" in example
    assert "thereâ€™s" in SEED.read_text(encoding="utf-8")
