"""``vbparse.normalize``: clean lines plus an offset map back to the source.

Two kinds of cases: properties of the offset map that must hold for any input (checked
on synthetic inputs and on the golden fixtures), and behaviour cases from the format
notes (markup, Unicode, conversion furniture, header columns printed side by side).
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from synthetic import ascii_id, assert_offset_map, assert_spans_inside
from vbparse.fold import fold
from vbparse.lines import split_lines
from vbparse.normalize import normalize

FIXTURES = Path(__file__).parent / "fixtures"


def lines_of(source: str) -> list[str]:
    """The non-blank clean lines, stripped."""
    return [ln.strip() for ln in normalize(source).text.split("\n") if ln.strip()]


SYNTHETIC = {
    "empty": "",
    "blank": " \n\n\t\n",
    "markdown": "# Tiêu đề\n**ỦY BAN NHÂN DÂN** \\* \\- 1\\. Sắp xếp\n> trích dẫn",
    "nfd": unicodedata.normalize("NFD", "Kính gửi: Ủy ban nhân dân tỉnh Kiên Giang; Đảng ủy"),
    "eth": "Số 17-CV/ÐU và ÐẢNG ỦY",
    "spaces": "Số:\u00a012/QĐ-UBND\u200b\ufeff\tKính\u202fgửi\u3000x\u00adý",
    "crlf": "Dòng một\r\nDòng hai\rDòng ba\fDòng bốn\u2028năm",
    "front_matter": '---\ntitle: "CV 1554"\ncategory: "Personal"\n---\n\nBỘ TÀI CHÍNH',
    "page": "trang một\n--- PAGE 2 ---\ntrang hai\n--- PAGE BREAK ---\nba",
    "pipes": "| BỘ XÂY DỰNG | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\n|---|---|\n"
    "| Số: 1/BXD-QLN | x |",
    "interleaved": "BỘ TÀI CHÍNH CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
    "TỔNG CỤC THUẾ Độc lập - Tự do - Hạnh phúc\n"
    "Số: 3424/TCT-DNL Hà Nội, ngày 07 tháng 9 năm 2018",
    "grid": "+-----------+-------------+\n"
    "| **BỘ TÀI  | **CỘNG HÒA  |\n"
    "| CHÍNH**   | XÃ HỘI**    |\n"
    "+===========+=============+\n"
    "| Số: 1/BTC | Hà Nội      |\n"
    "+-----------+-------------+",
    "full_width": "Số：15/QĐ-BNV",
}


@pytest.mark.parametrize(
    "name",
    sorted(SYNTHETIC),
    ids=ascii_id,
)
def test_offset_map_on_synthetic_input(name: str) -> None:
    source = SYNTHETIC[name]
    norm = normalize(source)
    assert_offset_map(source, norm)
    assert_spans_inside(source, norm)


@pytest.mark.parametrize("path", sorted(FIXTURES.glob("*.txt")), ids=lambda p: p.name)
def test_offset_map_on_fixtures(path: Path) -> None:
    source = path.read_text(encoding="utf-8")
    norm = normalize(source)
    assert_offset_map(source, norm)
    assert_spans_inside(source, norm)


# ---------------------------------------------------------------- behaviour


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("**ỦY BAN NHÂN DÂN**", ["ỦY BAN NHÂN DÂN"]),
        ("*Hà Nội, ngày 26 tháng 11 năm 2025*", ["Hà Nội, ngày 26 tháng 11 năm 2025"]),
        ("***Nơi nhận:\\***", ["Nơi nhận:"]),
        ("1\\. Sắp xếp toàn bộ", ["1. Sắp xếp toàn bộ"]),
        ("# QUYẾT ĐỊNH", ["QUYẾT ĐỊNH"]),
        ("### Điều 1. Phạm vi", ["Điều 1. Phạm vi"]),
        ("## Văn bản liên quan\nBan hành:", ["Văn bản liên quan", "Ban hành:"]),
    ],
    ids=ascii_id,
)
def test_markdown_markup_is_removed(source: str, expected: list[str]) -> None:
    assert lines_of(source) == expected


@pytest.mark.parametrize(
    "source",
    ["Ghi chú \\* ở đây", "**Kính gửi:** \\*Sở Y tế\\*", "a \\*\\* b"],
    ids=ascii_id,
)
def test_escaped_stars_and_backslashes_are_removed(source: str) -> None:
    text = normalize(source).text
    assert "*" not in text
    assert "\\" not in text


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("Số:\u00a012/QĐ-UBND", "Số: 12/QĐ-UBND"),  # no-break space
        ("Kính\u200b gửi", "Kính gửi"),  # zero-width space
        ("\ufeffBỘ Y TẾ", "BỘ Y TẾ"),  # byte-order mark
        ("Kính\u2060gửi\u200d:", "Kínhgửi:"),  # word joiner, zero-width joiner
        ("Hà\u202fNội", "Hà Nội"),  # narrow no-break space
        ("Ủy\u00adban", "Ủyban"),  # soft hyphen
    ],
    ids=ascii_id,
)
def test_invisible_and_no_break_spaces(source: str, expected: str) -> None:
    assert normalize(source).text == expected


@pytest.mark.parametrize(
    "text",
    [
        "Kính gửi: Ủy ban nhân dân tỉnh Kiên Giang",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Người ký: Trần Công Danh; Thời gian ký: 26/06/2025",
    ],
    ids=ascii_id,
)
def test_nfd_input_becomes_nfc(text: str) -> None:
    source = unicodedata.normalize("NFD", text)
    assert source != text
    assert normalize(source).text == unicodedata.normalize("NFC", text)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("Số 17-CV/ÐU", "Số 17-CV/ĐU"),  # U+00D0 → U+0110
        ("ÐẢNG ỦY Y TẾ", "ĐẢNG ỦY Y TẾ"),
        ("Số： 15/QĐ-BNV", "Số: 15/QĐ-BNV"),  # full-width colon
    ],
    ids=ascii_id,
)
def test_lookalike_letters(source: str, expected: str) -> None:
    assert normalize(source).text == expected


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        (
            '---\ntitle: "CV 1554"\ncategory: "Personal"\nconversion_date: "2025-11-21"\n'
            "---\n\nTỔNG CỤC THUẾ",
            ["TỔNG CỤC THUẾ"],
        ),
        ("\n\n---\ntitle: x\n---\nBỘ Y TẾ\nSố: 1/BYT-KH", ["BỘ Y TẾ", "Số: 1/BYT-KH"]),
    ],
    ids=ascii_id,
)
def test_yaml_front_matter_is_dropped(source: str, expected: list[str]) -> None:
    assert lines_of(source) == expected


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("trang một\n--- PAGE 2 ---\ntrang hai", ["trang một", "trang hai"]),
        ("a\n\n--- PAGE BREAK ---\n\nb", ["a", "b"]),
        ("a\n--- Page 12 ---\nb", ["a", "b"]),
        ("a\n\fb", ["a", "b"]),  # form feed
    ],
    ids=ascii_id,
)
def test_page_markers_are_dropped(source: str, expected: list[str]) -> None:
    assert lines_of(source) == expected


def test_page_marker_line_keeps_its_place() -> None:
    """The marker's line stays as a blank line, so line numbers around it still add up."""
    assert normalize("a\n--- PAGE 2 ---\nb").text.split("\n") == ["a", "", "b"]


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        (
            "| BỘ XÂY DỰNG | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |",
            ["BỘ XÂY DỰNG", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"],
        ),
        (
            "| BỘ XÂY DỰNG | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\n|---|---|\n"
            "| Số: 2428/BXD-QLN | Hà Nội, ngày 05 tháng 5 năm 2023 |",
            [
                "BỘ XÂY DỰNG",
                "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                "Số: 2428/BXD-QLN",
                "Hà Nội, ngày 05 tháng 5 năm 2023",
            ],
        ),
        ("|\n|\nĐang tải văn bản...\n|", ["Đang tải văn bản..."]),  # lone pipes
        ("| :--- | ---: |", []),  # an alignment row holds no text
    ],
    ids=ascii_id,
)
def test_pipe_table_rows_become_lines(source: str, expected: list[str]) -> None:
    assert lines_of(source) == expected


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        (
            "BỘ TÀI CHÍNH CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            ["BỘ TÀI CHÍNH", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"],
        ),
        (
            "ỦY BAN NHÂN DÂN CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            ["ỦY BAN NHÂN DÂN", "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM"],
        ),
        (
            "TỔNG CỤC THUẾ Độc lập - Tự do - Hạnh phúc",
            ["TỔNG CỤC THUẾ", "Độc lập - Tự do - Hạnh phúc"],
        ),
        (
            "TONG CUC THUE CONG HOA XA HOI CHU NGHIA VIET NAM",  # OCR without diacritics
            ["TONG CUC THUE", "CONG HOA XA HOI CHU NGHIA VIET NAM"],
        ),
        (
            "ĐẢNG BỘ TỈNH KIÊN GIANG ĐẢNG CỘNG SẢN VIỆT NAM",
            ["ĐẢNG BỘ TỈNH KIÊN GIANG", "ĐẢNG CỘNG SẢN VIỆT NAM"],
        ),
    ],
    ids=ascii_id,
)
def test_interleaved_header_columns_are_split(source: str, expected: list[str]) -> None:
    assert lines_of(source) == expected


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        (
            "Số: 3424/TCT-DNL Hà Nội, ngày 07 tháng 9 năm 2018",
            ["Số: 3424/TCT-DNL", "Hà Nội, ngày 07 tháng 9 năm 2018"],
        ),
        (
            "Số: 12/UBND-VX Thủ Dầu Một, ngày 05 tháng 01 năm 2020",
            ["Số: 12/UBND-VX", "Thủ Dầu Một, ngày 05 tháng 01 năm 2020"],
        ),
        (
            "Số 176-CV/TU Kiên Giang, ngày 15 tháng 6 năm 2021",
            ["Số 176-CV/TU", "Kiên Giang, ngày 15 tháng 6 năm 2021"],
        ),
        ("Số: 12/UBND-VX V/v triển khai", ["Số: 12/UBND-VX", "V/v triển khai"]),
    ],
    ids=ascii_id,
)
def test_number_and_date_on_one_line_are_split(source: str, expected: list[str]) -> None:
    assert lines_of(source) == expected


@pytest.mark.parametrize(
    "source",
    [
        "Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam đã được sửa đổi",
        "theo chủ trương của Đảng Cộng sản Việt Nam và Nhà nước",
        "Ủy ban nhân dân tỉnh Kiên Giang, ngày 29 tháng 6 năm 2021 đã họp",
        "Kiên Giang, ngày 29 tháng 6 năm 2021",
        "Ngày 11-6-2021, Bộ Chính trị ban hành Kết luận số 07-KL/TW",
    ],
    ids=ascii_id,
)
def test_running_text_is_not_split(source: str) -> None:
    assert lines_of(source) == [source]


GRID = (
    "+------------------+------------------------------------+\n"
    "| **BỘ TÀI CHÍNH** | **CỘNG HÒA XÃ HỘI CHỦ NGHĨA**      |\n"
    "| TỔNG CỤC THUẾ    | **VIỆT NAM**                       |\n"
    "|                  | Độc lập - Tự do - Hạnh phúc        |\n"
    "+==================+====================================+\n"
    "| Số: 3424/TCT-DNL | Hà Nội, ngày 07 tháng 9 năm 2018   |\n"
    "+------------------+------------------------------------+\n"
    "\n"
    "Kính gửi: Cục Thuế tỉnh Bình Dương.\n"
)


def test_grid_table_is_read_column_by_column() -> None:
    assert lines_of(GRID) == [
        "BỘ TÀI CHÍNH",
        "TỔNG CỤC THUẾ",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA",
        "VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Số: 3424/TCT-DNL",
        "Hà Nội, ngày 07 tháng 9 năm 2018",
        "Kính gửi: Cục Thuế tỉnh Bình Dương.",
    ]


def test_grid_table_cells_map_back_to_their_source() -> None:
    norm = normalize(GRID)
    for line in split_lines(norm):
        if line.text.strip():
            s, e = norm.span(line.start, line.end)
            assert fold(GRID[s:e]).find(line.folded.strip()[:6]) >= 0, line.text


PANDOC_SIMPLE = (
    "  ----------------------- -----------------------------------------------\n"
    "    **ỦY BAN THƯỜNG VỤ\\        **CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\\\n"
    "         QUỐC HỘI\\                 Độc lập - Tự do - Hạnh phúc\\\n"
    "\n"
    "   Số: 1675/NQ-UBTVQH15         *Hà Nội, ngày 16 tháng 6 năm 2025*\n"
    "  ----------------------- -----------------------------------------------\n"
    "\n"
    "**NGHỊ QUYẾT**\n"
)


def test_pandoc_simple_table_is_read_column_by_column() -> None:
    assert lines_of(PANDOC_SIMPLE) == [
        "ỦY BAN THƯỜNG VỤ",
        "QUỐC HỘI",
        "Số: 1675/NQ-UBTVQH15",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Hà Nội, ngày 16 tháng 6 năm 2025",
        "NGHỊ QUYẾT",
    ]


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("Dòng một\r\nDòng hai", ["Dòng một", "Dòng hai"]),
        ("Dòng một\rDòng hai", ["Dòng một", "Dòng hai"]),
        ("a\u2028b", ["a", "b"]),
    ],
    ids=ascii_id,
)
def test_line_terminators(source: str, expected: list[str]) -> None:
    assert lines_of(source) == expected


def test_span_maps_a_clean_range_to_the_raw_text() -> None:
    source = "**Số:** 4614/VP-KGVX\nV/v chỉ đạo"
    norm = normalize(source)
    at = norm.text.index("4614")
    s, e = norm.span(at, at + len("4614/VP-KGVX"))
    assert source[s:e] == "4614/VP-KGVX"


def test_span_of_an_nfc_letter_covers_its_decomposed_source() -> None:
    source = unicodedata.normalize("NFD", "Hà Nội")
    norm = normalize(source)
    s, e = norm.span(0, len(norm.text))
    assert unicodedata.normalize("NFC", source[s:e]) == "Hà Nội"


@pytest.mark.parametrize(
    "rule",
    [
        "-----",
        "___",
        "______",
        "__________",
    ],
    ids=ascii_id,
)
def test_rule_line_survives(rule: str) -> None:
    norm = normalize(f"Về việc tăng cường\n{rule}\nKính gửi: Sở Y tế.")
    lines = split_lines(norm)
    assert lines[1].text.strip() != ""
    assert lines[1].rule
