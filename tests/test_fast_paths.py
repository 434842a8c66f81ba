"""The fast paths of issue 6 give exactly what the plain definitions give.

- ``normalize`` reads a *plain* line (no markup, table, header column or odd space) with a
  few slices instead of the per-line path.  Sending every line down the per-line path
  must give the same clean text, folded shadow and offset map.
- The relation reader scans for marks and for the words a cue can open with, and tries
  only that word's phrases there.  Its tokens must be those of one ``finditer`` over the
  whole alternation (``_Tokens.definition``), which is what the reader was written for.

Both are checked on every text the tests have, and on generated texts built from the
pieces that steer the two paths (markup, pipes, header markers, cue words, odd breaks).
"""

from __future__ import annotations

from array import array
from pathlib import Path

import pytest
import regex
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import vbparse.normalize as normalize_module
from vbparse.normalize import Normalized, normalize
from vbparse.relations import _cues

FIXTURES = Path(__file__).parent / "fixtures"
EXAMPLES = Path(__file__).parents[1] / "examples"
DEV_TEXTS = Path(__file__).parents[1] / ".." / "shared" / "corpus" / "texts"
TEXTS = sorted([*FIXTURES.glob("*.txt"), *EXAMPLES.glob("*.txt"), *DEV_TEXTS.glob("*.txt")])

# What decides the path of a line, and what the cue reader reacts to.
PIECES = [
    "Căn cứ Nghị định số 30/2020/NĐ-CP",
    "theo quy định tại",
    "thay thế Quyết định số 12/QĐ-UBND",
    "hướng dẫn thi hành",
    "đề nghị sửa đổi, bổ sung",
    "(có văn bản kèm theo)",
    "Quyết định này có hiệu lực",
    "Luật Tổ chức Chính phủ",
    "pháp luật",
    "để",
    "V/v",
    "Số: 12/UBND-VX",
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "ĐẢNG CỘNG SẢN VIỆT NAM",
    "Hà Nội, ngày 5 tháng 6 năm 2021",
    "**",
    "| a | b |",
    "+---+---+",
    "--- ---",
    "--- PAGE 2 ---",
    "# ",
    "> ",
    "\\",
    "__",
    "\t",
    "\u00a0",
    "\u2003",
    "a\u0301",
    "\u00d0",
    " ",
    "   ",
    "\n",
    "\n\n",
    "\r\n",
    "\r",
    "\f",
    ";",
    ":",
    ".",
    "(",
    ")",
    "“",
    "”",
    '"',
    "- ",
    "1. ",
    "a) ",
]

texts = st.lists(st.sampled_from(PIECES), max_size=60).map("".join)


def _per_line(source: str) -> Normalized:
    """``normalize`` with every line sent down the per-line path."""
    plain = normalize_module._line_kinds
    normalize_module._line_kinds = lambda _s, _f, lines: bytearray([2]) * len(lines)
    try:
        return normalize(source)
    finally:
        normalize_module._line_kinds = plain


def _same_normalisation(source: str) -> None:
    fast, slow = normalize(source), _per_line(source)
    assert fast.text == slow.text
    assert fast.folded == slow.folded
    assert fast.offsets == slow.offsets
    assert isinstance(fast.offsets, array)


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: p.name)
def test_plain_lines_normalise_as_the_per_line_path_does(path: Path) -> None:
    _same_normalisation(path.read_text(encoding="utf-8"))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_plain_lines_normalise_as_the_per_line_path_does_on_any_mix(source: str) -> None:
    _same_normalisation(source)


def test_a_plain_line_is_sliced_and_a_marked_one_is_not() -> None:
    source = "Căn cứ Luật\n**Số: 12/QĐ**\n| a | b |\n  tiếp theo  "
    lines = normalize_module._lines(source)
    kinds = normalize_module._line_kinds(source, normalize_module.fold(source), lines)
    assert list(kinds) == [0, 1, 2, 0]
    norm = normalize(source)
    assert norm.text.split("\n")[-1] == "tiếp theo"
    start = norm.text.rindex("tiếp")
    assert source[norm.offsets[start]] == "t"
    assert norm.span(start, len(norm.text)) == (source.index("tiếp"), source.index("theo") + 4)


def _tokens(matches: object) -> list[tuple[int, int, str | None]]:
    return [(m.start(), m.end(), m.lastgroup) for m in matches]  # type: ignore[attr-defined]


def _same_tokens(folded: str, lo: int, hi: int) -> None:
    tokens = _cues().tokens
    whole = regex.compile(tokens.definition)
    assert _tokens(tokens.finditer(folded, lo, hi)) == _tokens(whole.finditer(folded, lo, hi))


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: p.name)
def test_cue_scan_finds_the_tokens_of_the_whole_alternation(path: Path) -> None:
    folded = normalize(path.read_text(encoding="utf-8")).folded
    _same_tokens(folded, 0, len(folded))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts, st.integers(0, 20), st.integers(0, 20))
def test_cue_scan_finds_the_tokens_of_the_whole_alternation_on_any_mix(
    source: str, cut_start: int, cut_end: int
) -> None:
    folded = normalize(source).folded
    _same_tokens(folded, min(cut_start, len(folded)), max(0, len(folded) - cut_end))


def test_a_cue_across_a_line_break_is_one_token() -> None:
    folded = normalize("Căn\ncứ Luật số 1/2020/QH14").folded
    first, *rest = _tokens(_cues().tokens.finditer(folded, 0, len(folded)))
    assert first[:2] == (0, len("can\ncu"))
    assert _cues().before[str(first[2])] == "legal_basis"
    assert "newline" not in [kind for _, _, kind in rest]
