"""``vbparse lint``: conformance with NĐ 30/2020 (state) and HD 36-HD/VPTW (Party).

Each rule is checked both ways on synthetic letters (tests/synthetic.py) that differ from
a conforming one in the single place the rule looks at; the seed dumps are checked for
their real deviations, each read off the text; and the command line is checked for its
selection, formats and exit codes.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from synthetic import PARTY_LETTER, STATE_DECISION, STATE_LETTER, ascii_id, letter, parse
from timing import growth
from vbparse.cli import app
from vbparse.decode import decode_bytes
from vbparse.lint import (
    CHECKS,
    Finding,
    Rule,
    UnknownSelector,
    lint_record,
    rules,
    selected_codes,
)
from vbparse.lint.core import line_and_column
from vbparse.lint.dates import conforming_date
from vbparse.pipeline import parse_text

TEXTS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "texts"
needs_corpus = pytest.mark.skipif(not TEXTS.is_dir(), reason=f"no corpus at {TEXTS}")

runner = CliRunner()


def lint_text(text: str) -> list[Finding]:
    return [f for record in parse(text) for f in lint_record(record, text)]


def found(text: str, code: str) -> list[str]:
    """What the text holds at each finding of ``code``."""
    return [text[f.span[0] : f.span[1]] for f in lint_text(text) if f.code == code]


def party(old: str, new: str) -> str:
    """The conforming Party letter with one piece replaced."""
    assert old in PARTY_LETTER, old
    return PARTY_LETTER.replace(old, new)


def state(old: str, new: str) -> str:
    """The default state letter of ``letter()`` with one piece replaced."""
    text = letter()
    assert old in text, old
    return text.replace(old, new)


# ---------------------------------------------------------------- conforming documents


@pytest.mark.parametrize(
    "text",
    [STATE_LETTER, STATE_DECISION, letter(), PARTY_LETTER],
    ids=["state-letter", "state-decision", "template-letter", "party-letter"],
)
def test_conforming_synthetic_documents_have_no_finding(text: str) -> None:
    assert lint_text(text) == []


# ---------------------------------------------------------------- each rule, both ways

# (code, text, what the text holds at each expected finding); an empty list: none.
CASES = [
    # VB101: a serial below 10 takes a leading zero, in both systems.
    ("VB101", letter(number="Số: 5/UBND-VX"), ["5"]),
    ("VB101", letter(number="Số: 05/UBND-VX"), []),
    ("VB101", party("Số 176-CV/TU", "Số 7-CV/TU"), ["7"]),
    ("VB101", party("Số 176-CV/TU", "Số 07-CV/TU"), []),
    ("VB101", letter(number="Số: 5/2023/QĐ-UBND"), []),  # normative: other rules
    # VB102: a Party number has no colon after Số.
    ("VB102", party("Số 176-CV/TU", "Số: 176-CV/TU"), [":"]),
    ("VB102", PARTY_LETTER, []),
    ("VB102", letter(), []),  # the state colon is right
    # VB103: a state number has one, also when Số ends the line above the number.
    ("VB103", letter(number="Số 245/UBND-VX"), ["Số"]),
    ("VB103", letter(number="Số\n245/UBND-VX"), ["Số"]),
    ("VB103", letter(number="Số:\n245/UBND-VX"), []),
    ("VB103", letter(number="Số : 245/UBND-VX"), []),
    ("VB103", PARTY_LETTER, []),
    # VB104: no spaces inside the number and symbol.
    ("VB104", letter(number="Số: 245 /UBND-VX"), ["245 /UBND-VX"]),
    ("VB104", party("Số 176-CV/TU", "Số 176 -CV/TU"), ["176 -CV/TU"]),
    ("VB104", letter(), []),
    # VB105: a header without any Số line.
    ("VB105", letter(number=""), [""]),
    ("VB105", letter(), []),
    # VB201: the date in words, in both systems.
    ("VB201", letter(place_date="Kiên Giang, ngày 12/3/2023"), ["ngày 12/3/2023"]),
    ("VB201", party("ngày 15 tháng 6 năm 2021", "ngày 15/6/2021"), ["ngày 15/6/2021"]),
    ("VB201", letter(), []),
    # VB202: a day below 10 and the months 1, 2 take a leading zero.
    ("VB202", letter(place_date="Kiên Giang, ngày 5 tháng 3 năm 2023"), ["5"]),
    ("VB202", letter(place_date="Kiên Giang, ngày 12 tháng 1 năm 2023"), ["1"]),
    ("VB202", letter(place_date="Kiên Giang, ngày 5 tháng 2 năm 2023"), ["5", "2"]),
    ("VB202", letter(place_date="Kiên Giang, ngày 05 tháng 01 năm 2023"), []),
    ("VB202", letter(place_date="Kiên Giang, ngày 12 tháng 10 năm 2023"), []),
    ("VB202", party("ngày 15 tháng 6", "ngày 5 tháng 6"), []),  # stated for NĐ 30 only
    # VB203: months 3 to 9 take no zero.
    ("VB203", letter(place_date="Kiên Giang, ngày 12 tháng 03 năm 2023"), ["03"]),
    ("VB203", letter(place_date="Kiên Giang, ngày 12 tháng 02 năm 2023"), []),
    ("VB203", letter(place_date="Kiên Giang, ngày 12 tháng 3 năm 2023"), []),
    ("VB203", letter(place_date="Kiên Giang, ngày 12 tháng 10 năm 2023"), []),
    # VB204: no date line at all; a blank date (an unsigned copy) is not missing.
    ("VB204", letter(place_date=""), [""]),
    ("VB204", letter(place_date="Kiên Giang, ngày   tháng   năm 2023"), []),
    ("VB204", letter(), []),
    # VB205: the place and its comma before the date.
    ("VB205", letter(place_date="ngày 12 tháng 3 năm 2023"), ["ngày 12 tháng 3 năm 2023"]),
    ("VB205", letter(), []),
    # VB301: a công văn carries its subject.
    ("VB301", letter(subject=""), [""]),
    ("VB301", party("V/v tăng cường phòng, chống dịch\n", ""), [""]),
    ("VB301", letter(), []),
    ("VB301", PARTY_LETTER, []),
    # VB302: the state subject follows V/v; OCR's ``Viv`` is the same slot; Party free.
    (
        "VB302",
        letter(subject="Về việc tăng cường công tác phòng, chống dịch"),
        ["Về việc tăng cường công tác phòng, chống dịch"],
    ),
    ("VB302", letter(subject="Viv: tăng cường công tác phòng, chống dịch"), []),
    ("VB302", letter(), []),
    ("VB302", party("V/v tăng cường", "Về việc tăng cường"), []),
    # VB303: a body that sits under another prints that body above its name.
    ("VB303", letter(issuer="SỞ Y TẾ"), ["SỞ Y TẾ"]),
    ("VB303", letter(issuer="UBND TỈNH KIÊN GIANG\nSỞ Y TẾ"), []),
    ("VB303", letter(), []),
    (
        "VB303",
        party("TỈNH ỦY KIÊN GIANG", "ĐẢNG ỦY Y TẾ").replace("176-CV/TU", "17-CV/ĐU"),
        ["ĐẢNG ỦY Y TẾ"],
    ),
    (
        "VB303",
        party("TỈNH ỦY KIÊN GIANG", "ĐẢNG BỘ HUYỆN GÒ QUAO\nĐẢNG ỦY Y TẾ").replace(
            "176-CV/TU", "17-CV/ĐU"
        ),
        [],
    ),
    ("VB303", PARTY_LETTER, []),  # a provincial committee stands alone
    # VB401: Party spellings in a state document.
    ("VB401", letter(signature="K/T CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nLê Thị Minh"), ["K/T"]),
    ("VB401", letter(), []),
    # VB402: state spellings in a Party document; Q. is spelt alike.
    ("VB402", party("T/M BAN THƯỜNG VỤ", "TM. BAN THƯỜNG VỤ"), ["TM."]),
    ("VB402", party("T/M BAN THƯỜNG VỤ\nPHÓ BÍ THƯ", "Q. CHÁNH VĂN PHÒNG"), []),
    ("VB402", PARTY_LETTER, []),
    # VB403: the state prefix takes its dot.
    ("VB403", letter(signature="KT CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nLê Thị Minh"), ["KT"]),
    ("VB403", letter(signature="KT, CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nLê Thị Minh"), ["KT,"]),
    ("VB403", STATE_LETTER, []),  # TM. … / KT. …
    # VB404: K/T for a committee; a staff agency's K/T is right.
    ("VB404", party("T/M BAN THƯỜNG VỤ", "K/T BÍ THƯ"), ["K/T BÍ THƯ"]),
    (
        "VB404",
        party("T/M BAN THƯỜNG VỤ\nPHÓ BÍ THƯ", "K/T TRƯỞNG BAN\nPHÓ TRƯỞNG BAN"),
        [],
    ),
    # VB405: no T/UQ in Party documents: T/L.
    (
        "VB405",
        party("T/M BAN THƯỜNG VỤ\nPHÓ BÍ THƯ", "T/UQ BAN THƯỜNG VỤ\nCHÁNH VĂN PHÒNG"),
        ["T/UQ"],
    ),
    (
        "VB405",
        party("T/M BAN THƯỜNG VỤ\nPHÓ BÍ THƯ", "T/L BAN THƯỜNG VỤ\nCHÁNH VĂN PHÒNG"),
        [],
    ),
    # VB410: a document without its distribution list.
    ("VB410", state("Nơi nhận:\n- Như trên;\n- Lưu: VT, TCCB.\n", ""), [""]),
    ("VB410", letter(), []),
    # VB411: a distribution list without its Lưu line.
    ("VB411", letter(distribution="- Như trên;\n- Sở Y tế."), [""]),
    ("VB411", party("- Lưu Văn phòng Tỉnh ủy.", "- Văn phòng Tỉnh ủy."), [""]),
    ("VB411", letter(), []),
    # VB412: the state Lưu line is ``Lưu: VT, <unit>`` (Văn thư spelt out is VT).
    ("VB412", letter(distribution="- Như trên;\n- Lưu VT, TCCB."), ["Lưu VT, TCCB"]),
    ("VB412", letter(distribution="- Như trên;\n- Lưu: TCCB, VT."), ["Lưu: TCCB, VT"]),
    ("VB412", letter(distribution="- Như trên;\n- Lưu: Văn thư, TCCB (2b)."), []),
    ("VB412", letter(), []),
    ("VB412", PARTY_LETTER, []),
    # VB413: the Party Lưu line has no colon and no VT.
    (
        "VB413",
        party("- Lưu Văn phòng Tỉnh ủy.", "- Lưu: Văn phòng Tỉnh ủy."),
        ["Lưu: Văn phòng Tỉnh ủy"],
    ),
    (
        "VB413",
        party("- Lưu Văn phòng Tỉnh ủy.", "- Lưu VT, VP Tỉnh ủy."),
        ["Lưu VT, VP Tỉnh ủy"],
    ),
    ("VB413", party("- Lưu Văn phòng Tỉnh ủy.", "- Lưu VPTU."), []),
    ("VB413", PARTY_LETTER, []),
    # VB501: the state body ends with ./. (…/. in the templates); a page number that
    # leaked between body and closing is not the body's end; Party bodies end with '.'.
    ("VB501", state("thực hiện./.", "thực hiện."), ["hiện."]),
    ("VB501", state("thực hiện./.", "thực hiện./"), ["hiện./"]),
    ("VB501", state("thực hiện./.", "thực hiện…/."), []),
    ("VB501", state("thực hiện./.", "thực hiện./.\n\n2\n"), []),
    ("VB501", state("thực hiện./.", "thực hiện:\n0297.3862.157)."), ["0297.3862.157)."]),
    ("VB501", letter(), []),
    ("VB501", PARTY_LETTER, []),
]


@pytest.mark.parametrize(
    ("code", "text", "expected"),
    CASES,
    ids=[f"{c}-{'finds' if e else 'passes'}-{k}" for k, (c, _, e) in enumerate(CASES)],
)
def test_rule(code: str, text: str, expected: list[str]) -> None:
    assert found(text, code) == expected


def test_every_rule_is_tested_both_ways() -> None:
    finds = {code for code, _, expected in CASES if expected}
    passes = {code for code, _, expected in CASES if not expected}
    every = {r.code for r in rules()}
    assert finds == every
    assert passes == every


def test_a_finding_changes_only_its_own_rule() -> None:
    # The cases above vary one piece of a conforming letter: nothing else is reported.
    text = letter(number="Số: 5/UBND-VX")
    assert [f.code for f in lint_text(text)] == ["VB101"]


# ---------------------------------------------------------------- messages


@pytest.mark.parametrize(
    ("text", "code", "message"),
    [
        (
            letter(number="Số: 5/UBND-VX"),
            "VB101",
            "serial 5 is below 10 and has no leading zero: write '05/UBND-VX'",
        ),
        (
            party("Số 176-CV/TU", "Số: 17 -CV/ĐU"),
            "VB102",
            "Party number written with a colon after 'Số': write 'Số 17-CV/ĐU'",
        ),
        (
            letter(place_date="Kiên Giang, ngày 5/1/2023"),
            "VB201",
            "date 'ngày 5/1/2023' is not written 'ngày … tháng … năm …': "
            "write 'ngày 05 tháng 01 năm 2023'",
        ),
        (
            party("T/M BAN THƯỜNG VỤ", "TM. BAN THƯỜNG VỤ"),
            "VB402",
            "state-style authority 'TM.' in a Party document: write 'T/M'",
        ),
        (
            letter(distribution="- Như trên;\n- Sở Y tế."),
            "VB411",
            "'Nơi nhận' has no 'Lưu' line: end it with 'Lưu: VT, <unit>.'",
        ),
    ],
    ids=lambda value: ascii_id(value)[:20],
)
def test_messages_say_what_to_write(text: str, code: str, message: str) -> None:
    assert [f.message for f in lint_text(text) if f.code == code] == [message]


@pytest.mark.parametrize(
    ("iso", "expected"),
    [
        ("2021-06-29", "ngày 29 tháng 6 năm 2021"),
        ("2020-01-05", "ngày 05 tháng 01 năm 2020"),
        ("2020-02-10", "ngày 10 tháng 02 năm 2020"),
        ("2020-12-09", "ngày 09 tháng 12 năm 2020"),
        ("2020-12", None),
        (None, None),
    ],
)
def test_conforming_date(iso: str | None, expected: str | None) -> None:
    assert conforming_date(iso) == expected


# ---------------------------------------------------------------- the seed dumps


def lint_file(name: str) -> tuple[str, list[Finding]]:
    text = decode_bytes((TEXTS / name).read_bytes()).text
    records = parse_text(text, source=name)
    return text, [f for r in records for f in lint_record(r, text)]


# Each expected finding is (code, line, what the text holds there), read off the dump:
# 000: the first letter's body ends "… tổ chức thực hiện. /s" (no ./.); 002: the Đảng ủy
# Y tế letter prints "Số: 17 -CV/ĐU" (a colon, and a space in the number); 003 prints
# "Số: 1507 /UBND-TH" and its body ends "… tổ chức thực hiện. / *meo*".  001 (the VPCP
# letter 4162, "./.", "Lưu: VT, TKBT (2).") and 004 (a Tỉnh ủy letter: "Số 203-CV/TU",
# T/M, "Lưu Văn phòng Tỉnh ủy.") conform.
SEEDS = {
    "000_fbc6d93fa9ac1f18.txt": [("VB501", 29, "/s")],
    "001_888ad27a96f4af29.txt": [],
    "002_9812c768196f5ec8.txt": [("VB102", 8, ":"), ("VB104", 8, "17 -CV/ĐU")],
    "003_ef3f0a5f0c7be6cd.txt": [("VB104", 3, "1507 /UBND-TH"), ("VB501", 43, "meo")],
    "004_220fc610a97904da.txt": [],
}


@needs_corpus
@pytest.mark.parametrize(("name", "expected"), SEEDS.items(), ids=list(SEEDS))
def test_seed_dumps_report_their_real_deviations(
    name: str, expected: list[tuple[str, int, str]]
) -> None:
    text, findings = lint_file(name)
    assert [(f.code, f.line, text[f.span[0] : f.span[1]]) for f in findings] == expected


@needs_corpus
def test_seed_findings_point_at_their_line_and_column() -> None:
    text, findings = lint_file("003_ef3f0a5f0c7be6cd.txt")
    lines = text.split("\n")
    for f in findings:
        held = text[f.span[0] : f.span[1]]
        assert lines[f.line - 1][f.column - 1 :].startswith(held)
    assert lines[42].endswith("thực hiện. / *meo*")


@needs_corpus
@pytest.mark.parametrize(
    "name",
    [
        # VPCP letter 11583/VPCP-CN (2025): "Số:", V/v, "ngày 26 tháng 11 năm 2025",
        # "thực hiện./.", "Lưu: VT, CN (2).", "KT. BỘ TRƯỞNG, CHỦ NHIỆM".
        "024.txt",
        "004_220fc610a97904da.txt",
    ],
)
def test_conforming_real_documents_have_no_finding(name: str) -> None:
    assert lint_file(name)[1] == []


# What stands between a scanned body and its closing is not the body's end: 047 prints
# the signature column "__ TL. BỘ TRƯỞNG" between "… pháp luật./." and "Nơi nhận:"; in
# 097 stamp litter ("ỢpP 2") follows "… thực hiện./. 4m".  101's body does end without
# the mark, on its last line "0988.771.292)." (a phone number: digits are words too).
@needs_corpus
@pytest.mark.parametrize(
    ("name", "expected"),
    [("047.txt", []), ("097.txt", []), ("101.txt", ["0988.771.292)."])],
)
def test_body_end_mark_on_scans(name: str, expected: list[str]) -> None:
    text, findings = lint_file(name)
    assert [text[f.span[0] : f.span[1]] for f in findings if f.code == "VB501"] == expected


# ---------------------------------------------------------------- rules and selection


def test_every_catalogued_rule_has_a_check_and_back() -> None:
    assert {r.code for r in rules()} == set(CHECKS)


@pytest.mark.parametrize("rule", rules(), ids=lambda r: r.code)
def test_rule_metadata_is_complete(rule: Rule) -> None:
    assert rule.code.startswith("VB") and len(rule.code) == 5
    assert rule.systems in ("state", "party", "both")
    assert rule.family in ("number", "date", "header", "closing", "body")
    assert "NĐ 30" in rule.source or "HD 36" in rule.source
    assert rule.name and rule.summary and rule.example and rule.conforming


@pytest.mark.parametrize(
    ("system", "applies"),
    [("state", {"VB103", "VB101"}), ("party", {"VB102", "VB101"}), ("union", set())],
)
def test_rules_apply_by_system(system: str, applies: set[str]) -> None:
    on = {r.code for r in rules() if r.applies_to(system)} & {"VB101", "VB102", "VB103"}
    assert on == applies


def test_union_documents_are_not_checked() -> None:
    # A Youth Union decision with its own number form (format notes A1): no finding.
    text = state("ỦY BAN NHÂN DÂN\nTỈNH KIÊN GIANG", "ĐOÀN TNCS HỒ CHÍ MINH\nBCH TỈNH ĐOÀN")
    text = text.replace("Số: 245/UBND-VX", "Số: 5 - QĐ/TĐTN-VP")
    (record,) = parse(text)
    assert record.system == "union"
    assert lint_record(record, text) == []


VB1 = {"VB101", "VB102", "VB103", "VB104", "VB105"}


@pytest.mark.parametrize(
    ("select", "ignore", "expected"),
    [
        (None, None, {r.code for r in rules()}),
        (["VB1"], None, VB1),
        (["vb1"], None, VB1),
        (["VB101,VB104", "VB501"], None, {"VB101", "VB104", "VB501"}),
        (["VB1"], ["VB104"], VB1 - {"VB104"}),
        (["VB104"], ["VB1"], {"VB104"}),  # the more specific selector wins
        (["VB1"], ["VB1"], set()),  # equally specific: ignore wins
        (["ALL"], ["VB2,VB3,VB4,VB5"], VB1),
    ],
)
def test_selected_codes(
    select: list[str] | None, ignore: list[str] | None, expected: set[str]
) -> None:
    assert selected_codes(select, ignore) == expected


@pytest.mark.parametrize(("select", "ignore"), [(["VB9"], None), (None, ["VB1O1"]), (["X"], None)])
def test_unknown_selectors_are_refused(select: list[str] | None, ignore: list[str] | None) -> None:
    with pytest.raises(UnknownSelector):
        selected_codes(select, ignore)


def test_lint_record_runs_only_the_codes_asked() -> None:
    text = letter(number="Số 5/UBND-VX")
    (record,) = parse(text)
    assert [f.code for f in lint_record(record, text)] == ["VB103", "VB101"]
    assert [f.code for f in lint_record(record, text, codes={"VB101"})] == ["VB101"]


@pytest.mark.parametrize(
    ("pos", "expected"),
    [(0, (1, 1)), (2, (1, 3)), (3, (2, 1)), (6, (3, 1)), (7, (4, 1)), (8, (4, 2))],
)
def test_line_and_column(pos: int, expected: tuple[int, int]) -> None:
    assert line_and_column("ab\ncd\n\nx", pos) == expected


def test_lint_time_grows_linearly() -> None:
    # Many small letters without their end marks and with every deviation: 10x the
    # input must not cost anywhere near 100x the time (test_linear_time's reasoning).
    unit = letter(number="Số 5 /UBND-VX", place_date="ngày 5/1/2023", subject="").replace(
        "./.", "."
    )

    def linting(copies: int) -> Callable[[], object]:
        text = unit * copies
        return lambda: [lint_record(record, text) for record in parse(text)]

    assert growth(linting(20), linting(200)) < 25


# ---------------------------------------------------------------- the command


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _write(path: Path, text: str) -> str:
    path.write_text(text, encoding="utf-8")
    return path.name


BAD = letter(number="Số: 5 /UBND-VX")  # VB101 at "5", VB104 at "5 /UBND-VX"


def test_cli_conforming_file_exits_0_silently(workdir: Path) -> None:
    good = _write(workdir / "good.txt", letter())
    result = runner.invoke(app, ["lint", good])
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")


def test_cli_text_findings_exit_1(workdir: Path) -> None:
    bad = _write(workdir / "bad.txt", BAD)
    line = BAD.split("\n").index("Số: 5 /UBND-VX") + 1
    result = runner.invoke(app, ["lint", bad])
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"bad.txt:{line}:5: VB101 serial 5 is below 10 and has no leading zero: write '05/UBND-VX'",
        f"bad.txt:{line}:5: VB104 number '5 /UBND-VX' has spaces inside: write '5/UBND-VX'",
    ]


@pytest.mark.parametrize(
    ("args", "codes"),
    [
        (["--select", "VB104"], ["VB104"]),
        (["--ignore", "VB104"], ["VB101"]),
        (["--select", "VB1", "--ignore", "VB101"], ["VB104"]),
        (["--select", "VB101,VB104"], ["VB101", "VB104"]),
        (["--select", "VB101", "--select", "VB104"], ["VB101", "VB104"]),
        (["--select", "VB2"], []),
    ],
)
def test_cli_select_and_ignore(workdir: Path, args: list[str], codes: list[str]) -> None:
    bad = _write(workdir / "bad.txt", BAD)
    result = runner.invoke(app, ["lint", bad, *args])
    assert [line.split()[1] for line in result.stdout.splitlines()] == codes
    assert result.exit_code == (1 if codes else 0)


@pytest.mark.parametrize("option", ["--select", "--ignore"])
def test_cli_unknown_code_is_a_usage_error(workdir: Path, option: str) -> None:
    bad = _write(workdir / "bad.txt", BAD)
    result = runner.invoke(app, ["lint", bad, option, "VB1,VB999"])
    assert result.exit_code == 2
    assert "unknown rule code or prefix 'VB999'" in result.stderr
    assert result.stdout == ""


def test_cli_json_is_one_array_of_findings(workdir: Path) -> None:
    bad = _write(workdir / "bad.txt", BAD)
    result = runner.invoke(app, ["lint", bad, "--format", "json"])
    assert result.exit_code == 1
    findings = json.loads(result.stdout)
    assert [(f["code"], f["name"], f["path"], f["document"]) for f in findings] == [
        ("VB101", "serial-without-leading-zero", "bad.txt", 0),
        ("VB104", "number-with-spaces", "bad.txt", 0),
    ]
    start, end = findings[1]["span"]
    assert BAD[start:end] == "5 /UBND-VX"
    assert set(findings[0]) == set(Finding.model_fields)


def test_cli_json_without_findings_is_an_empty_array(workdir: Path) -> None:
    good = _write(workdir / "good.txt", letter())
    result = runner.invoke(app, ["lint", good, "--format", "json"])
    assert (result.exit_code, json.loads(result.stdout)) == (0, [])


def test_cli_statistics(workdir: Path) -> None:
    bad = _write(workdir / "bad.txt", BAD)
    worse = _write(workdir / "worse.txt", letter(number="Số: 7/UBND-VX"))
    result = runner.invoke(app, ["lint", bad, worse, "--statistics"])
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "    2  VB101  serial-without-leading-zero",
        "    1  VB104  number-with-spaces",
    ]
    result = runner.invoke(app, ["lint", bad, worse, "--statistics", "--format", "json"])
    assert json.loads(result.stdout) == [
        {"code": "VB101", "name": "serial-without-leading-zero", "count": 2},
        {"code": "VB104", "name": "number-with-spaces", "count": 1},
    ]


def test_cli_bad_input_is_reported_and_skipped(workdir: Path) -> None:
    good = _write(workdir / "good.txt", letter())
    result = runner.invoke(app, ["lint", "missing.txt", good])
    assert result.exit_code == 1
    assert result.stderr == "vbparse: error: missing.txt: no such file\n"
    assert result.stdout == ""


def test_cli_directory_input(workdir: Path) -> None:
    (workdir / "dumps").mkdir()
    _write(workdir / "dumps" / "a.txt", BAD)
    _write(workdir / "dumps" / "b.txt", letter())
    result = runner.invoke(app, ["lint", "dumps", "--select", "VB104"])
    assert result.exit_code == 1
    assert [line.split(":")[0] for line in result.stdout.splitlines()] == ["dumps/a.txt"]


def test_cli_help_has_examples() -> None:
    result = runner.invoke(app, ["lint", "--help"])
    assert result.exit_code == 0
    assert "vbparse lint dumps/ --select VB1,VB2 --ignore VB104" in result.stdout
