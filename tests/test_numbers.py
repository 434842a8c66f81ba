"""``vbparse.fields.numbers``: the three number grammars, the canonical form, and the
pattern that finds cited numbers in running text (format notes A5, A9)."""

from __future__ import annotations

import pytest

from synthetic import ascii_id
from vbparse.fields.numbers import (
    CITED_NUMBER,
    canonical,
    is_party_issuer,
    parse_number,
    trim_cited,
)

# ---------------------------------------------------------------- canonical form


@pytest.mark.parametrize(
    ("raw", "value"),
    [
        # stray spaces around the separators go (A5 variants, GOLD.md)
        ("17 -CV/ĐU", "17-CV/ĐU"),
        ("367 - QĐ/TWĐTN-VP", "367-QĐ/TWĐTN-VP"),
        ("1507 /UBND-TH", "1507/UBND-TH"),
        ("4162 / VPCP - TKBT", "4162/VPCP-TKBT"),
        ("84 QĐ/TWĐTN", "84QĐ/TWĐTN"),  # hyphen lost: only the space goes
        # dash variants become '-'
        ("1579/QĐ–TTg", "1579/QĐ-TTg"),
        ("15/QĐ—BNV", "15/QĐ-BNV"),
        ("15/QĐ−BNV", "15/QĐ-BNV"),
        # stray trailing punctuation goes; letters stay as printed
        ("07-KL/TW.", "07-KL/TW"),
        ("12/QĐ-UBND;", "12/QĐ-UBND"),
        ("30/2020/NĐ-CP,", "30/2020/NĐ-CP"),
        ("23/2021/QĐ-TTg)", "23/2021/QĐ-TTg"),
        ("27-KH/DU", "27-KH/DU"),  # OCR Đ→D is kept as printed
        ("08-QĐi/TW", "08-QĐi/TW"),  # mixed case kept
        # blank serials
        ("   /KH-STTTT", "/KH-STTTT"),
        ("      -CV/ĐU", "-CV/ĐU"),
        # already canonical
        ("59/2020/QH14", "59/2020/QH14"),
        ("05-QC/BTCTU-BDVTU", "05-QC/BTCTU-BDVTU"),
    ],
    ids=ascii_id,
)
def test_canonical(raw: str, value: str) -> None:
    assert canonical(raw) == value


@pytest.mark.parametrize(
    "value",
    ["15/QĐ-BNV", "176-CV/TU", "30/2020/NĐ-CP", "/KH-STTTT"],
    ids=ascii_id,
)
def test_canonical_is_idempotent(value: str) -> None:
    assert canonical(canonical(value)) == canonical(value) == value


# ---------------------------------------------------------------- the three grammars

# raw, grammar, serial, year, type_code, issuer_code, unit_code
PARSED = [
    # administrative with a type code: N/TYPE-ISSUER
    ("15/QĐ-BNV", "administrative", "15", None, "QĐ", "BNV", None),
    ("01/KH-UBND", "administrative", "01", None, "KH", "UBND", None),
    ("1579/QĐ-TTg", "administrative", "1579", None, "QĐ", "TTg", None),
    ("107/NQ-CP", "administrative", "107", None, "NQ", "CP", None),
    ("05/SY-VP", "administrative", "05", None, "SY", "VP", None),  # a copy
    ("03/VBHN-VPQH", "administrative", "03", None, "VBHN", "VPQH", None),
    # công văn: N/ISSUER-UNIT, no type code
    ("4614/VP-KGVX", "administrative", "4614", None, None, "VP", "KGVX"),
    ("05/BNV-VP", "administrative", "05", None, None, "BNV", "VP"),
    ("12/UBND-VX", "administrative", "12", None, None, "UBND", "VX"),
    ("4162/VPCP-TKBT", "administrative", "4162", None, None, "VPCP", "TKBT"),
    ("1507 /UBND-TH", "administrative", "1507", None, None, "UBND", "TH"),
    # normative: N/YYYY/TYPE-ISSUER, and the National Assembly forms
    ("30/2020/NĐ-CP", "normative", "30", 2020, "NĐ", "CP", None),
    ("23/2021/QĐ-TTg", "normative", "23", 2021, "QĐ", "TTg", None),
    ("01/2011/TT-BNV", "normative", "01", 2011, "TT", "BNV", None),
    ("666/2015/QĐ-UBND", "normative", "666", 2015, "QĐ", "UBND", None),
    ("07/2025/L-CTN", "normative", "07", 2025, "L", "CTN", None),
    ("59/2020/QH14", "normative", "59", 2020, None, "QH14", None),
    ("326/2016/UBTVQH14", "normative", "326", 2016, None, "UBTVQH14", None),
    # Party: N-TYPE/ISSUER[-ISSUER2]
    ("176-CV/TU", "party", "176", None, "CV", "TU", None),
    ("36-HD/VPTW", "party", "36", None, "HD", "VPTW", None),
    ("15-NQ/TU", "party", "15", None, "NQ", "TU", None),
    ("357-CV/BTCTU", "party", "357", None, "CV", "BTCTU", None),
    ("05-QC/BTCTU-BDVTU", "party", "05", None, "QC", "BTCTU", "BDVTU"),
    ("18-BB/ĐH", "party", "18", None, "BB", "ĐH", None),
    ("24-BS/UBKTTU", "party", "24", None, "BS", "UBKTTU", None),
    ("08-QĐi/TW", "party", "08", None, "QĐi", "TW", None),
    ("04-QyĐ/ĐU", "party", "04", None, "QyĐ", "ĐU", None),
    ("17 -CV/ĐU", "party", "17", None, "CV", "ĐU", None),
    ("27-KH/DU", "party", "27", None, "KH", "DU", None),
    # the Youth Union: Party-like form with a unit after the issuer
    ("367 - QĐ/TWĐTN-VP", "party", "367", None, "QĐ", "TWĐTN", "VP"),
    # blank serials: drafts and forms
    ("/KH-STTTT", "administrative", None, None, "KH", "STTTT", None),
    ("   /QĐ-UBND", "administrative", None, None, "QĐ", "UBND", None),
    ("-CV/ĐU", "party", None, None, "CV", "ĐU", None),
    ("…/QĐ-UBND", "administrative", None, None, "QĐ", "UBND", None),
]


@pytest.mark.parametrize(
    ("raw", "grammar", "serial", "year", "type_code", "issuer_code", "unit_code"),
    PARSED,
    ids=[ascii_id(row[0].strip() or "blank") for row in PARSED],
)
def test_parse_number(
    raw: str,
    grammar: str,
    serial: str | None,
    year: int | None,
    type_code: str | None,
    issuer_code: str | None,
    unit_code: str | None,
) -> None:
    parsed = parse_number(raw)
    assert parsed.grammar == grammar
    assert parsed.serial == serial
    assert parsed.year == year
    assert parsed.type_code == type_code
    assert parsed.issuer_code == issuer_code
    assert parsed.unit_code == unit_code


@pytest.mark.xfail(
    strict=False,
    reason="a Party/Union number that lost its hyphen ('84 QĐ/TWĐTN', format notes A5) is "
    "parsed as administrative with serial '84QĐ' and no type code",
)
def test_parse_number_hyphen_lost() -> None:
    parsed = parse_number("84 QĐ/TWĐTN")
    assert parsed.value == "84QĐ/TWĐTN"
    assert parsed.serial == "84"
    assert parsed.type_code == "QĐ"
    assert parsed.issuer_code == "TWĐTN"


@pytest.mark.parametrize(
    ("raw", "value"),
    [("17 -CV/ĐU", "17-CV/ĐU"), ("30/2020/NĐ-CP", "30/2020/NĐ-CP"), ("1579/QĐ–TTg", "1579/QĐ-TTg")],
    ids=ascii_id,
)
def test_parse_number_value_is_canonical(raw: str, value: str) -> None:
    assert parse_number(raw).value == value


@pytest.mark.parametrize(
    ("code", "party"),
    [
        ("TU", True),
        ("TW", True),
        ("ĐU", True),
        ("VPTW", True),
        ("HU", True),
        ("UBND", False),
        ("BNV", False),
    ],
    ids=ascii_id,
)
def test_is_party_issuer(code: str, party: bool) -> None:
    assert is_party_issuer(code) is party


def test_is_party_issuer_none() -> None:
    assert is_party_issuer(None) is False


# ---------------------------------------------------------------- numbers in running text


def found(text: str) -> list[str]:
    return [canonical(trim_cited(m.group())) for m in CITED_NUMBER.finditer(text)]


@pytest.mark.parametrize(
    ("text", "numbers"),
    [
        ("Công văn số 4162/VPCP-TKBT ngày 22/6/2021 của Văn phòng Chính phủ", ["4162/VPCP-TKBT"]),
        ("Nghị định số 30/2020/NĐ-CP ngày 05/3/2020;", ["30/2020/NĐ-CP"]),
        ("Luật Doanh nghiệp số 59/2020/QH14;", ["59/2020/QH14"]),
        ("Kết luận số 07-KL/TW ngày 11 tháng 6 năm 2021", ["07-KL/TW"]),
        ("Nghị quyết 12-NQ/ĐU của Đảng ủy", ["12-NQ/ĐU"]),
        ("theo văn bản 05-QC/BTCTU-BDVTU, đề nghị", ["05-QC/BTCTU-BDVTU"]),
        ("các Nghị quyết số 01/NQ-CP, 02/NQ-CP", ["01/NQ-CP", "02/NQ-CP"]),
        ("Công điện 1099/CĐ-TTg và 1102/CĐ-TTg", ["1099/CĐ-TTg", "1102/CĐ-TTg"]),
        (
            "Thông tư 36/2026/TT-BXD và Quyết định 36/2026/QĐ-TTg",
            ["36/2026/TT-BXD", "36/2026/QĐ-TTg"],
        ),
        ("Thông tư liên tịch số 01/2011/TTLT-BTC-BNV", ["01/2011/TTLT-BTC-BNV"]),
        ("Số: 367 - QĐ/TWĐTN-VP", ["367-QĐ/TWĐTN-VP"]),
        ("Số 1507 /UBND-TH", ["1507/UBND-TH"]),
        ("khoản 2 Điều 6 Nghị định số 85/2025/NĐ-CP", ["85/2025/NĐ-CP"]),
        ("(Kèm theo Quyết định số 1351/QĐ-UBND ngày 10/5/2022)", ["1351/QĐ-UBND"]),
        ("Kế hoạch 27-KH/DU", ["27-KH/DU"]),
    ],
    ids=ascii_id,
)
def test_cited_numbers_are_found(text: str, numbers: list[str]) -> None:
    assert found(text) == numbers


@pytest.mark.parametrize(
    "text",
    [
        "giai đoạn 2021-2025",  # a period, not a number (A9 false positives)
        "phòng, chống dịch Covid-19",
        "ngày 22/6/2021",  # dates in every form
        "ngày 22-6-2021",
        "ngày 11-6-2021, Bộ Chính trị",
        "tháng 6/2021",
        "NĐ 85/2025",  # a number without a symbol
        "275-2025 sửa đổi",
        "kinh tế-xã hội",
        "địa chỉ Lô 17-4-2B, Khu công nghiệp",
        "Thời gian ký: 19/05/2022 15:40:06 +07:00",
        "ĐT: 0222.3822347",
        "điểm a khoản 2 Điều 6",
        "tỷ lệ 50/100 đại biểu",
        "309 ngày/365 ngày",
        "198-KH-CĐKT",  # no '/' at all: not one of the three grammars
    ],
    ids=ascii_id,
)
def test_no_number_in(text: str) -> None:
    assert found(text) == []


def test_party_kl_is_not_confused_with_a_plan_code() -> None:
    """A9: ``198-KL/TW`` ≠ ``198-KH-CĐKT``; only the first is a number in a grammar."""
    assert found("Kết luận 198-KL/TW và Kế hoạch 198-KH-CĐKT") == ["198-KL/TW"]


def test_same_serial_different_type_are_two_numbers() -> None:
    """A9: ``TT 36/2026/TT-BXD`` ≠ ``QĐ 36/2026/QĐ-TTg``."""
    numbers = found("TT 36/2026/TT-BXD; QĐ 36/2026/QĐ-TTg")
    assert numbers == ["36/2026/TT-BXD", "36/2026/QĐ-TTg"]
    assert len(set(numbers)) == 2


@pytest.mark.parametrize(
    ("text", "numbers"),
    [
        pytest.param(
            "Quyết định số 84 QĐ/TWĐTN ngày 22/02/2013",
            ["84QĐ/TWĐTN"],
            id="hyphen-lost",
        ),
        pytest.param(
            "theo Quy định số31-QĐ/TW của Bộ Chính trị",
            ["31-QĐ/TW"],
            id="space-lost",
        ),
        pytest.param(
            "Thông tư số78/2014/TT-BTC của Bộ Tài chính", ["78/2014/TT-BTC"], id="glued-to-so"
        ),
        pytest.param(
            "Thông tư số 219/2013/TT-BTCngày 31/12/2013", ["219/2013/TT-BTC"], id="glued-ngay"
        ),
        pytest.param("Thông tư sô 34/201 7/TT-BYT ngày", ["34/2017/TT-BYT"], id="split-year"),
        pytest.param("Nghị định số 123/2020/ND- -CP ngày", ["123/2020/ND--CP"], id="double-dash"),
        pytest.param(
            "Quyết định số 10/2007/QĐ_BKHCN ngày", ["10/2007/QĐ_BKHCN"], id="underscore-kept"
        ),
        pytest.param(
            "Thông tư liên tịch số 01/2017/TTLT-BCA-BQP-BTC-BNN&PTNT-VKSNDTC ngày",
            ["01/2017/TTLT-BCA-BQP-BTC-BNN&PTNT-VKSNDTC"],
            id="five-joint-issuers",
        ),
        pytest.param(
            "công văn số 3364/BTTTT-ƯDCNTT ngày",
            ["3364/BTTTT-ƯDCNTT"],
            id="code-starts-with-u-horn",
        ),
        pytest.param("Nghị quyết số 66.4/2025/NQ-CP ngày", ["66.4/2025/NQ-CP"], id="dotted-serial"),
        pytest.param("công văn số 0104/CV-2021 ngày", ["0104/CV-2021"], id="year-as-unit"),
        pytest.param("của Quyết định\n75QĐ-TTg ngày 11/5/2009", ["75QĐ-TTg"], id="glued-type-code"),
        pytest.param("Luật số 12/2017⁄QH14", ["12/2017⁄QH14"], id="fraction-slash"),
    ],
    ids=ascii_id,
)
def test_cited_number_variants(text: str, numbers: list[str]) -> None:
    assert found(text) == numbers
