"""``vbparse.fields.dates``: the three printed date forms, partial and impossible dates.

``find_date`` works on the *folded* shadow of a text (``vbparse.fold.fold``), so that
OCR that lost its diacritics (``ngay 29 thang 6 nam 2021``) reads the same.
"""

from __future__ import annotations

import pytest

from synthetic import ascii_id
from vbparse.fields.dates import date_right_after, find_date, iso
from vbparse.fold import fold


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # ngày DD tháng MM năm YYYY
        ("ngày 05 tháng 01 năm 2020", "2020-01-05"),
        ("Kiên Giang, ngày 29 tháng 6 năm 2021", "2021-06-29"),
        ("ngày 5 tháng 1 năm 2020", "2020-01-05"),
        ("ngay 29 thang 6 nam 2021", "2021-06-29"),  # diacritics lost
        ("NGÀY 11 THÁNG 9 NĂM 2025", "2025-09-11"),  # a BÁO CÁO heading
        ("Hà Nội, ngày 26 tháng 11\nnăm 2025", "2025-11-26"),  # wrapped over two lines
        ("(ngày 16 tháng 6 năm 2025)", "2025-06-16"),
        # ngày DD/MM/YYYY and ngày DD-MM-YYYY
        ("ngày 22/6/2021", "2021-06-22"),
        ("ngày 22-6-2021", "2021-06-22"),
        ("ngày 01-10-1997", "1997-10-01"),
        ("ngày 09/5/2025", "2025-05-09"),
        ("Hà Nội, ngày 22/6/2021", "2021-06-22"),
        # leap years
        ("ngày 29 tháng 02 năm 2024", "2024-02-29"),
    ],
    ids=ascii_id,
)
def test_find_date(text: str, value: str) -> None:
    found = find_date(fold(text))
    assert found is not None
    assert found.value == value
    assert found.valid


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("ngày 4O tháng 05 năm 2022", "2022-05"),  # letter O for a digit: day illegible
        ("ngày4Öfháng 05 năm 2022", "2022-05"),  # OCR of 'ngày 4 tháng'
        ("ngày   tháng   năm 2020", "2020"),  # an unfilled template
        ("ngày … tháng … năm 2025", "2025"),
        ("ngày     tháng 8 năm 2021", "2021-08"),  # day left blank
        ("ngày [  7 tháng 4 năm 2022", "2022-04"),  # a scanned digit's stroke before the day
        ("ngàycŠO tháng 10 năm 2017", "2017-10"),  # day glued to the cue and illegible
    ],
    ids=ascii_id,
)
def test_partial_dates(text: str, value: str) -> None:
    found = find_date(fold(text))
    assert found is not None
    assert found.value == value


@pytest.mark.parametrize(
    "text",
    [
        "thông qua ngày 16 tháng 6 năm 2025:",
        "“ban hành ngày 16 tháng 6 năm 2025”",
        "từ ngày 16 tháng 6 năm 2025-",
    ],
    ids=ascii_id,
)
def test_date_followed_by_punctuation(text: str) -> None:
    found = find_date(fold(text))
    assert found is not None
    assert found.value == "2025-06-16"


@pytest.mark.parametrize(
    "text",
    [
        "ngày 31 tháng 02 năm 2021",
        "ngày 29 tháng 02 năm 2023",
        "ngày 31 tháng 4 năm 2020",
        "ngày 31/11/2021",
    ],
    ids=ascii_id,
)
def test_impossible_dates_are_flagged(text: str) -> None:
    found = find_date(fold(text))
    assert found is not None
    assert found.valid is False
    assert found.value is None or len(found.value) < 10  # never an invalid full date


@pytest.mark.parametrize(
    "text",
    ["không có ngày nào", "tháng 6/2021", "năm 2021", "Thời gian ký: 19/05/2022 15:40:06", ""],
    ids=ascii_id,
)
def test_no_date(text: str) -> None:
    assert find_date(fold(text)) is None


def test_find_date_gives_offsets_in_the_searched_string() -> None:
    text = "Kiên Giang, ngày 29 tháng 6 năm 2021"
    found = find_date(fold(text))
    assert found is not None
    assert text[found.start : found.end] == "ngày 29 tháng 6 năm 2021"


def test_find_date_first_of_two() -> None:
    folded = fold("ngày 22/6/2021 và ngày 23 tháng 8 năm 2021")
    found = find_date(folded)
    assert found is not None and found.value == "2021-06-22"
    later = find_date(folded, found.end)
    assert later is not None and later.value == "2021-08-23"


def test_find_date_respects_its_window() -> None:
    folded = fold("Công văn số 12/UBND ngày 22/6/2021")
    assert find_date(folded, 0, 10) is None


@pytest.mark.parametrize(
    ("day", "month", "year", "value", "valid"),
    [
        ("05", "01", "2020", "2020-01-05", True),
        ("5", "1", "2020", "2020-01-05", True),
        ("", "", "2020", "2020", True),
        ("4O", "05", "2022", "2022-05", True),
        ("", "08", "2021", "2021-08", True),
        ("31", "02", "2021", "2021-02", False),
        ("abc", "x", "1999", "1999", True),
        ("1", "1", "abcd", None, True),  # no year, no date
        ("1", "1", "1850", None, True),  # outside 1900–2100
    ],
)
def test_iso(day: str, month: str, year: str, value: str | None, valid: bool) -> None:
    assert iso(day, month, year) == (value, valid)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("4162/VPCP-TKBT ngày 22/6/2021 của", "2021-06-22"),
        ("176-CV/TU, ngày 15 tháng 6 năm 2021 của", "2021-06-15"),  # Party ', ngày'
        ("07-KL/TW, ngày 11-6-2021 của Bộ Chính trị", "2021-06-11"),
        ("347/TTr-CP và Đề án số 348/ĐA-CP ngày 09/5/2025", None),  # belongs to 348
        ("107/NQ-CP về việc ngày 11/9/2021", None),  # too far away
    ],
    ids=ascii_id,
)
def test_date_right_after_a_number(text: str, value: str | None) -> None:
    folded = fold(text)
    tail = len(text.split()[0].rstrip(","))  # just after the number
    found = date_right_after(folded, tail)
    assert (found.value if found else None) == value
