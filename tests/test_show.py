"""``vbparse show``: fields highlighted where they were read, in a terminal or a page.

The segment tests run on real documents (``tests/fixtures/check/``); every expected
piece of text below was read in the document, not copied from the program's output.
"""

from __future__ import annotations

import re
from functools import cache
from itertools import pairwise
from pathlib import Path

import pytest
from typer.testing import CliRunner

from vbparse.cli import app
from vbparse.models import Record
from vbparse.pipeline import parse_text
from vbparse.render import (
    Highlight,
    Kind,
    Segment,
    highlights,
    html_page,
    kinds_of,
    printable,
    segments,
    shown_span,
)

FIXTURES = Path(__file__).parent / "fixtures"
SEED = FIXTURES / "check" / "002_9812c768196f5ec8.txt"  # two Party công văn
FOOTNOTES = FIXTURES / "check" / "003_ef3f0a5f0c7be6cd.txt"  # a state công văn, 4 footnotes
OCR = FIXTURES / "check" / "099.txt"  # an OCR'd giấy mời with a W103 warning
MARKUP = FIXTURES / "024.txt"  # has '&' and '<Nội dung>' in its text

runner = CliRunner()


@cache
def _parsed(path: Path) -> tuple[str, tuple[Record, ...]]:
    text = path.read_text(encoding="utf-8")
    return text, tuple(parse_text(text))


def _pieces(path: Path, document: int) -> list[Segment]:
    text, records = _parsed(path)
    record = records[document]
    return segments(highlights(record, text), shown_span(record, text))


def _text_of(path: Path, document: int, name: str) -> str:
    """The text of every segment drawn for the field ``name``, joined."""
    text, _ = _parsed(path)
    return "".join(text[p.start : p.end] for p in _pieces(path, document) if p.name == name)


# ------------------------------------------------------------------ real documents


@pytest.mark.parametrize(
    ("path", "document", "name", "shown"),
    [
        (SEED, 0, "issuer", "ĐẢNG BỘ HUYỆN GÒ QUAO\nĐẢNG ỦY Y TẾ"),
        (SEED, 0, "number", "17 -CV/ĐU"),
        (SEED, 0, "place", "Gò Quao"),
        (SEED, 0, "date", "ngày 16 tháng 6 năm 2021"),
        # The subject around the citation it holds (innermost wins).
        (
            SEED,
            0,
            "subject",
            "Về việc chỉ đạo triển khai Công văn số:\n"
            ", ngày 15 tháng 6 năm 2021 của\nBan Thường vụ Tỉnh ủy Kiên Giang",
        ),
        (SEED, 0, "citations[0]", "176-CV/TU"),
        (SEED, 0, "recipients[0]", "Các đồng chí Ủy viên BCH Đảng bộ Y tế"),
        (SEED, 0, "recipients[1]", "Bí thư các chi bộ trực thuộc"),
        (SEED, 0, "distribution[0]", "Như kính gửi"),
        (SEED, 0, "distribution[1]", "Lưu VP Đảng ủy"),
        (SEED, 0, "signature.chain[0]", "T/M BAN THƯỜNG VỤ"),
        (SEED, 0, "signature.title", "PHÓ BÍ THƯ"),
        (SEED, 0, "signature.signer", "Lưu Văn Hiến"),
        # What is left of the block between its three lines: the line breaks.
        (SEED, 0, "signature", "\n\n\n\n\n"),
        (SEED, 1, "issuer", "TỈNH ỦY KIÊN GIANG"),
        (SEED, 1, "number", "176-CV/TU"),
        (SEED, 1, "recipients[4]", "Các huyện, thành ủy, đảng ủy trực thuộc"),
        (SEED, 1, "signature.signer", "Đỗ Thanh Bình"),
        (OCR, 0, "doc_type", "GIÁY MỜI"),
        (OCR, 0, "signature.signer", "Nguyễn Trúc Giang"),
        (
            FOOTNOTES,
            0,
            "footnotes[0]",
            "Nghị Quyết được đăng trên Công thông tin điện tử của Chính phủ.",
        ),
        (FOOTNOTES, 0, "citations[1]", "1099/CĐ-TTg"),
    ],
)
def test_each_field_is_highlighted_on_its_text(
    path: Path, document: int, name: str, shown: str
) -> None:
    assert _text_of(path, document, name) == shown


def test_every_field_kind_of_the_seed_document_is_drawn() -> None:
    assert kinds_of(_pieces(SEED, 0)) == [
        "issuer",
        "number",
        "place",
        "date",
        "subject",
        "recipient",
        "signature",
        "authority",
        "title",
        "signer",
        "distribution",
        "citation",
    ]


def test_a_warning_underlines_the_field_it_is_about() -> None:
    # W103 (blank serial) points at the number "4 zGM-TB": the number keeps its kind.
    (number,) = [p for p in _pieces(OCR, 0) if p.name == "number"]
    assert (number.kind, number.warned) == ("number", True)
    assert "warning" in kinds_of(_pieces(OCR, 0))
    assert not any(p.warned for p in _pieces(OCR, 0) if p.name != "number")


def test_segments_are_ordered_and_never_overlap() -> None:
    for path, document in ((SEED, 0), (SEED, 1), (FOOTNOTES, 0), (OCR, 0)):
        pieces = _pieces(path, document)
        assert all(p.start < p.end for p in pieces)
        assert all(a.end <= b.start for a, b in pairwise(pieces))


# ------------------------------------------------------------------ the overlap rule


def _h(name: str, kind: Kind, start: int, end: int) -> Highlight:
    return Highlight(name, kind, name, (start, end))


@pytest.mark.parametrize(
    ("found", "bounds", "expected"),
    [
        # A citation inside the subject splits it.
        (
            [_h("subject", "subject", 0, 10), _h("citations[0]", "citation", 3, 5)],
            (0, 10),
            [(0, 3, "subject"), (3, 5, "citations[0]"), (5, 10, "subject")],
        ),
        # Same span: the signer wins over the signature block, whatever the order.
        (
            [_h("signature", "signature", 2, 6), _h("signature.signer", "signer", 2, 6)],
            (0, 10),
            [(2, 6, "signature.signer")],
        ),
        # Same span, two fields: the first in record order wins.
        (
            [_h("place", "place", 1, 4), _h("date", "date", 1, 4)],
            (0, 10),
            [(1, 4, "place")],
        ),
        # A warning owns only what no field covers.
        (
            [_h("warnings[0]", "warning", 0, 8), _h("number", "number", 2, 4)],
            (0, 10),
            [(0, 2, "warnings[0]"), (2, 4, "number"), (4, 8, "warnings[0]")],
        ),
        # Spans are clipped to the document; empty and outside spans are dropped.
        (
            [_h("issuer", "issuer", 0, 5), _h("a", "number", 9, 9), _h("b", "date", 20, 30)],
            (3, 12),
            [(3, 5, "issuer")],
        ),
        ([], (0, 10), []),
    ],
)
def test_innermost_span_wins(
    found: list[Highlight], bounds: tuple[int, int], expected: list[tuple[int, int, str]]
) -> None:
    assert [(p.start, p.end, p.name) for p in segments(found, bounds)] == expected


def test_warned_pieces_are_marked() -> None:
    found = [_h("warnings[0]", "warning", 0, 8), _h("number", "number", 2, 4)]
    assert [p.warned for p in segments(found, (0, 10))] == [True, True, True]
    assert [p.warned for p in segments(found[1:], (0, 10))] == [False]


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("Số: 12\r\n", "Số: 12 \n"),
        ("a\x1b[31mb", "a␛[31mb"),
        ("tab\there", "tab\there"),
        ("bell\x07", "bell␇"),
        ("c1\x9b", "c1\ufffd"),
    ],
)
def test_printable_keeps_offsets(raw: str, shown: str) -> None:
    assert printable(raw) == shown
    assert len(printable(raw)) == len(raw)


# ------------------------------------------------------------------ HTML


def test_html_page_escapes_the_text_and_is_self_contained() -> None:
    text, records = _parsed(MARKUP)
    page = html_page("024 <b>.txt", text, records, len(records))
    assert "Ủy ban KH,CN&amp;MT của Quốc hội" in page
    assert "Ủy ban KH,CN&MT" not in page
    assert "<title>vbparse show: 024 &lt;b&gt;.txt</title>" in page
    assert not re.search(r"https?://|\bsrc=|\bhref=|url\(|<script|<link", page)


def test_markup_in_the_text_stays_text() -> None:
    text, _ = _parsed(SEED)
    text = text.replace("(*qua đ/c", '<script src="https://x.example/a.js"></script> (*qua đ/c')
    records = parse_text(text)
    page = html_page("002.txt", text, records, len(records))
    assert "&lt;script src=&quot;https://x.example/a.js&quot;&gt;&lt;/script&gt; (*qua" in page
    assert "<script" not in page


def test_html_page_holds_the_highlights_and_the_field_table() -> None:
    text, records = _parsed(SEED)
    page = html_page("002.txt", text, records, len(records))
    assert page.count("<section>") == 2
    assert '<mark class="k-number" title="number">17 -CV/ĐU</mark>' in page
    assert '<mark class="k-citation" title="citations[0]">176-CV/TU</mark>' in page
    assert (
        '<tr><td class="name"><mark class="k-signer">signature.signer</mark></td>'
        '<td>Lưu Văn Hiến</td><td class="span">1115:1127</td></tr>'
    ) in page
    # 1115:1127 is where the name is in the file.
    assert text[1115:1127] == "Lưu Văn Hiến"


def test_html_page_marks_warnings() -> None:
    text, records = _parsed(OCR)
    page = html_page("099.txt", text, records, len(records))
    assert '<mark class="k-number warned" title="number (with a warning)">4 zGM-TB</mark>' in page
    assert '<ul class="warnings">' in page
    assert "W103 the number&#x27;s serial is blank" in page


# ------------------------------------------------------------------ the command


def test_show_prints_text_then_fields_then_warnings() -> None:
    result = runner.invoke(app, ["show", str(OCR)])
    assert (result.exit_code, result.stderr) == (0, "")
    out = result.stdout
    assert "\x1b[" not in out  # not a terminal: no colour
    assert "Số: 4 zGM-TB Kiên Giang, ngày 18 tháng 10 năm 2017" in out
    assert re.search(r"│ doc_type\s+│ Giấy mời\s+│ 144:152\s+│", out)
    assert re.search(r"│ distribution\[1\]\s+│ Lưu: VT, csthuan, “HT”\s+│ 1123:1145\s+│", out)
    assert "warning W103 the number's serial is blank" in out
    assert out.index("Số: 4 zGM-TB") < out.index("│ doc_type") < out.index("warning W103")


def test_no_text_leaves_only_the_table() -> None:
    result = runner.invoke(app, ["show", str(OCR), "--no-text"])
    assert result.exit_code == 0
    assert "Họp kiếm tra" not in result.stdout.split("subject")[0]
    assert "fields:" not in result.stdout
    assert re.search(r"│ number\s+│ 4zGM-TB\s+│ 97:105\s+│", result.stdout)


@pytest.mark.parametrize(
    ("args", "titles"),
    [
        ([], ["document 0 of 2 · 17-CV/ĐU", "document 1 of 2 · 176-CV/TU"]),
        (["--document", "1"], ["document 1 of 2 · 176-CV/TU"]),
        (["-d", "0"], ["document 0 of 2 · 17-CV/ĐU"]),
    ],
)
def test_documents_in_turn_or_one_picked(args: list[str], titles: list[str]) -> None:
    result = runner.invoke(app, ["show", str(SEED), "--no-text", *args])
    assert result.exit_code == 0
    assert re.findall(r"document \d of 2 · \S+", result.stdout) == titles


def test_force_color_colours_and_no_color_wins() -> None:
    coloured = runner.invoke(app, ["show", str(OCR)], env={"FORCE_COLOR": "1"})
    assert "\x1b[" in coloured.stdout
    plain = runner.invoke(app, ["show", str(OCR)], env={"FORCE_COLOR": "1", "NO_COLOR": "1"})
    assert not re.search(r"\x1b\[[0-9;]*(3[0-7]|4[0-7]|9[0-7]|10[0-7]|[34]8;)", plain.stdout)


def test_html_option_writes_a_page(tmp_path: Path) -> None:
    out = tmp_path / "show.html"
    result = runner.invoke(app, ["show", str(MARKUP), "--html", str(out)])
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert "Ủy ban KH,CN&amp;MT của Quốc hội" in page


def test_html_to_standard_output() -> None:
    result = runner.invoke(app, ["show", str(SEED), "--html", "-", "-d", "1"])
    assert result.exit_code == 0
    assert result.stdout.count("<section>") == 1
    assert "document 1 of 2 · 176-CV/TU" in result.stdout


def test_standard_input() -> None:
    result = runner.invoke(app, ["show", "-", "--no-text"], input=OCR.read_bytes())
    assert result.exit_code == 0
    rule, path = result.stdout.splitlines()[:2]
    assert re.fullmatch(r"─+ document 0 of 1 · 4zGM-TB ─+", rule)
    assert path == "-"


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["missing.txt"], 1, "vbparse: error: missing.txt: no such file\n"),
        (
            [str(SEED), "--document", "2"],
            2,
            f"vbparse: error: {SEED}: no document 2: the file holds 2 documents (0 to 1)\n",
        ),
        (
            [str(OCR), "-d", "1"],
            2,
            f"vbparse: error: {OCR}: no document 1: the file holds 1 document (0)\n",
        ),
    ],
)
def test_user_mistakes_are_one_line(args: list[str], code: int, message: str) -> None:
    result = runner.invoke(app, ["show", *args])
    assert (result.exit_code, result.stderr, result.stdout) == (code, message, "")


def test_empty_file_is_reported(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = runner.invoke(app, ["show", str(empty)])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"vbparse: error: {empty}: ")
    assert len(result.stderr.splitlines()) == 1
