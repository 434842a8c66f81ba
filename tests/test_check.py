"""``vbparse check``: expectations beside texts, drift reported field by field.

``tests/fixtures/check/`` holds real dumps with the records they give, reviewed against
the text (``X.expected.json``).  ``test_fixtures_match_their_expectations`` is the
regression check itself: when the parser's output changes, it fails with a readable
diff; review it, then ``vbparse check tests/fixtures/check --update``.

The other command tests work on a copy brought up to date first, so that they test the
command, not the parser of the day.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from vbparse.check import Diff, compare, is_record_field, read_expectation, show_value
from vbparse.cli import app

FIXTURES = Path(__file__).parent / "fixtures" / "check"
SEED = "002_9812c768196f5ec8"  # two Party công văn, the first citing the second
OCR = "099"  # an OCR'd giấy mời with a warning
NAMES = (SEED, "003_ef3f0a5f0c7be6cd", OCR)

runner = CliRunner()


@pytest.fixture
def copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """``check/`` in a fresh current directory: the fixtures, expectations up to date."""
    monkeypatch.chdir(tmp_path)
    shutil.copytree(FIXTURES, tmp_path / "check")
    assert runner.invoke(app, ["check", "check", "--update"]).exit_code == 0
    return tmp_path / "check"


def _edit(path: Path, change: Callable[[list[Any]], None]) -> None:
    records = json.loads(path.read_text(encoding="utf-8"))
    change(records)
    path.write_text(json.dumps(records, ensure_ascii=False, indent=2), encoding="utf-8")


def _set(document: int, *keys: str | int, value: Any) -> Callable[[list[Any]], None]:
    def change(records: list[Any]) -> None:
        target = records[document]
        for key in keys[:-1]:
            target = target[key]
        target[keys[-1]] = value

    return change


def _diff_lines(stdout: str) -> list[str]:
    return [line for line in stdout.splitlines() if " doc " in line]


# ------------------------------------------------------------------ the fixtures


def test_fixtures_match_their_expectations() -> None:
    result = runner.invoke(app, ["check", str(FIXTURES)])
    assert result.stdout.splitlines()[-1] == "3 files: 3 ok", result.stdout
    assert (result.exit_code, result.stderr) == (0, "")


@pytest.mark.parametrize("name", NAMES)
def test_an_expectation_is_what_extract_writes_in_its_directory(
    name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(FIXTURES)
    extracted = runner.invoke(app, ["extract", f"{name}.txt", "--format", "json"])
    assert extracted.exit_code == 0
    expected = Path(f"{name}.expected.json").read_text(encoding="utf-8")
    assert json.loads(extracted.stdout) == json.loads(expected)
    # Pretty-printed, Vietnamese as it is: diffs of the file read well.
    assert expected == json.dumps(json.loads(expected), indent=2, ensure_ascii=False) + "\n"


# ------------------------------------------------------------------ drift and --update


@pytest.mark.parametrize(
    ("name", "change", "line"),
    [
        (
            SEED,
            _set(0, "signature", "signer", value="Lưu Văn Hiền"),
            "doc 0: signature.signer: expected 'Lưu Văn Hiền' got 'Lưu Văn Hiến'",
        ),
        (
            SEED,
            _set(1, "citations", 0, "number", value="07-KL/TƯ"),
            "doc 1: citations[0].number: expected '07-KL/TƯ' got '07-KL/TW'",
        ),
        (
            SEED,
            _set(1, "number", "span", value=[1155, 1165]),
            "doc 1: number.span: expected [1155, 1165] got [1155, 1164]",
        ),
        (
            OCR,
            _set(0, "date", value="2017-10-08"),
            "doc 0: date: expected '2017-10-08' got '2017-10-18'",
        ),
        (
            OCR,
            _set(0, "recipients", value=[{"text": "Sở Y tế", "span": [0, 7]}]),
            'doc 0: recipients[0]: expected {"text": "Sở Y tế", "span": [0, 7]} got nothing',
        ),
        (
            OCR,
            lambda records: records[0]["distribution"].pop(),
            "doc 0: distribution[1]: expected nothing got "
            '{"text": "Lưu: VT, csthuan, “HT”", "span": [1123, 1145]}',
        ),
        (
            OCR,
            lambda records: records[0].pop("work_id"),
            "doc 0: work_id: expected nothing got 'wk-",
        ),
    ],
)
def test_a_drifted_field_is_named_and_update_repairs_it(
    copy: Path, name: str, change: Callable[[list[Any]], None], line: str
) -> None:
    expected = copy / f"{name}.expected.json"
    reviewed = expected.read_text(encoding="utf-8")
    _edit(expected, change)

    drift = runner.invoke(app, ["check", "check"])
    assert drift.exit_code == 1
    (diff,) = _diff_lines(drift.stdout)
    assert diff.startswith(f"check/{name}.txt {line}")
    assert drift.stdout.splitlines()[-1] == "3 files: 2 ok, 1 drifted (1 field)"

    repair = runner.invoke(app, ["check", "check", "--update"])
    assert repair.exit_code == 0
    assert f"updated check/{name}.expected.json" in repair.stdout.splitlines()
    assert expected.read_text(encoding="utf-8") == reviewed

    again = runner.invoke(app, ["check", "check"])
    assert (again.exit_code, again.stdout) == (0, "3 files: 3 ok\n")


def test_a_missing_document_is_one_diff(copy: Path) -> None:
    _edit(copy / f"{SEED}.expected.json", lambda records: records.append({"id": "vb-x"}))
    result = runner.invoke(app, ["check", "check"])
    assert result.exit_code == 1
    assert _diff_lines(result.stdout) == [
        f'check/{SEED}.txt doc 2: record: expected {{"id": "vb-x"}} got nothing'
    ]


def test_update_writes_nothing_when_nothing_changed(copy: Path) -> None:
    before = {p.name: p.stat().st_mtime_ns for p in copy.glob("*.json")}
    result = runner.invoke(app, ["check", "check", "--update"])
    assert (result.exit_code, result.stdout) == (0, "3 files: 3 ok\n")
    assert {p.name: p.stat().st_mtime_ns for p in copy.glob("*.json")} == before


# ------------------------------------------------------------------ --ignore-field


@pytest.mark.parametrize(
    ("ignore", "code"),
    [
        ([], 1),
        (["source.sha256"], 0),
        (["source"], 0),
        (["id"], 1),
    ],
)
def test_ignored_fields_are_not_compared(copy: Path, ignore: list[str], code: int) -> None:
    _edit(copy / f"{OCR}.expected.json", _set(0, "source", "sha256", value="0" * 64))
    args = [arg for field in ignore for arg in ("--ignore-field", field)]
    assert runner.invoke(app, ["check", "check", *args]).exit_code == code


def test_an_unknown_ignored_field_is_a_usage_error() -> None:
    result = runner.invoke(app, ["check", str(FIXTURES), "--ignore-field", "source.sha"])
    assert result.exit_code == 2
    assert "'source.sha' is not a field of a record" in result.stderr


# ------------------------------------------------------------------ new, missing, broken


def test_a_text_without_expectation_is_listed_and_fails_only_when_strict(copy: Path) -> None:
    (copy / f"{OCR}.expected.json").unlink()
    listed = runner.invoke(app, ["check", "check"])
    assert listed.exit_code == 0
    assert f"check/{OCR}.txt: no expectation" in listed.stdout.splitlines()
    assert listed.stdout.splitlines()[-1] == "3 files: 2 ok, 1 without expectation"
    assert runner.invoke(app, ["check", "check", "--strict"]).exit_code == 1


def test_update_creates_a_missing_expectation(copy: Path) -> None:
    reviewed = (copy / f"{OCR}.expected.json").read_text(encoding="utf-8")
    (copy / f"{OCR}.expected.json").unlink()
    result = runner.invoke(app, ["check", "check", "--update", "--strict"])
    assert result.exit_code == 0
    assert f"created check/{OCR}.expected.json" in result.stdout.splitlines()
    assert (copy / f"{OCR}.expected.json").read_text(encoding="utf-8") == reviewed


def test_an_expectation_without_its_text_is_an_error(copy: Path) -> None:
    (copy / f"{OCR}.txt").unlink()
    result = runner.invoke(app, ["check", "check", "--update"])
    assert result.exit_code == 1
    assert result.stderr == (
        f"vbparse: error: check/{OCR}.expected.json: no text beside it ({OCR}.txt is missing)\n"
    )
    assert result.stdout.splitlines()[-1] == "3 files: 2 ok, 1 error"


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ("[\n{", "not JSON: Expecting property name enclosed in double quotes (line 2, column 2)"),
        ('{"id": "vb-1"}', "not a JSON array of records"),
        ("[1, 2]", "not a JSON array of records"),
    ],
)
def test_a_broken_expectation_is_an_error_that_update_repairs(
    copy: Path, content: str, reason: str
) -> None:
    (copy / f"{OCR}.expected.json").write_text(content, encoding="utf-8")
    broken = runner.invoke(app, ["check", "check"])
    assert broken.exit_code == 1
    assert broken.stderr == f"vbparse: error: check/{OCR}.expected.json: {reason}\n"
    assert runner.invoke(app, ["check", "check", "--update"]).exit_code == 0
    assert runner.invoke(app, ["check", "check"]).exit_code == 0


def test_an_unreadable_text_is_an_error(copy: Path) -> None:
    (copy / f"{OCR}.txt").write_bytes(b"")
    result = runner.invoke(app, ["check", "check"])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"vbparse: error: check/{OCR}.txt: ")


@pytest.mark.parametrize(
    ("args", "code", "stderr"),
    [
        (["nowhere"], 1, "vbparse: error: nowhere: no such file\n"),
        (["nowhere.expected.json"], 1, "vbparse: error: nowhere.expected.json: no such file\n"),
        (["empty"], 1, "vbparse: error: empty: no files matching *.txt *.expected.json\n"),
    ],
)
def test_arguments_naming_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], code: int, stderr: str
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "empty").mkdir()
    result = runner.invoke(app, ["check", *args])
    assert (result.exit_code, result.stderr) == (code, stderr)


def test_standard_input_is_a_usage_error() -> None:
    assert runner.invoke(app, ["check", "-"]).exit_code == 2


def test_files_can_be_named_one_by_one(copy: Path) -> None:
    result = runner.invoke(app, ["check", f"check/{OCR}.txt", f"check/{SEED}.expected.json"])
    assert (result.exit_code, result.stdout) == (0, "2 files: 2 ok\n")


# ------------------------------------------------------------------ --format json


def test_json_report(copy: Path) -> None:
    _edit(copy / f"{SEED}.expected.json", _set(0, "signature", "signer", value="Lưu Văn Hiền"))
    (copy / f"{OCR}.expected.json").unlink()
    result = runner.invoke(app, ["check", "check", "--format", "json"])
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert report["summary"] == {
        "files": 3,
        "ok": 1,
        "drift": 1,
        "new": 1,
        "error": 0,
        "updated": 0,
        "failed": True,
    }
    by_path = {entry["path"]: entry for entry in report["files"]}
    assert by_path[f"check/{SEED}.txt"] == {
        "path": f"check/{SEED}.txt",
        "expected": f"check/{SEED}.expected.json",
        "status": "drift",
        "updated": False,
        "diffs": [
            {
                "document": 0,
                "field": "signature.signer",
                "change": "changed",
                "expected": "Lưu Văn Hiền",
                "got": "Lưu Văn Hiến",
            }
        ],
    }
    assert by_path[f"check/{OCR}.txt"]["status"] == "new"
    assert by_path["check/003_ef3f0a5f0c7be6cd.txt"]["status"] == "ok"


def test_json_report_of_an_error(copy: Path) -> None:
    (copy / f"{OCR}.txt").unlink()
    result = runner.invoke(app, ["check", "check", "--format", "json"])
    entry = json.loads(result.stdout)["files"][-1]
    assert entry["status"] == "error"
    assert entry["reason"] == f"no text beside it ({OCR}.txt is missing)"


# ------------------------------------------------------------------ compare itself


def _record(**fields: Any) -> dict[str, Any]:
    return {"id": "vb-1", "date": "2021-06-16", "citations": [], **fields}


@pytest.mark.parametrize(
    ("expected", "got", "ignore", "diffs"),
    [
        ([_record()], [_record()], [], []),
        # Nested values are named by their path.
        (
            [_record(signature={"signer": "A", "span": [1, 2]})],
            [_record(signature={"signer": "B", "span": [1, 2]})],
            [],
            [Diff(0, "signature.signer", "changed", "A", "B")],
        ),
        # A list of plain values (a span) is one value.
        (
            [_record(span=[1, 2])],
            [_record(span=[1, 3])],
            [],
            [Diff(0, "span", "changed", [1, 2], [1, 3])],
        ),
        # A list of objects is compared item by item.
        (
            [_record(citations=[{"number": "1"}, {"number": "2"}])],
            [_record(citations=[{"number": "1"}, {"number": "3"}, {"number": "4"}])],
            [],
            [
                Diff(0, "citations[1].number", "changed", "2", "3"),
                Diff(0, "citations[2]", "extra", None, {"number": "4"}),
            ],
        ),
        # Keys one side lacks.
        (
            [_record(old=1)],
            [_record(new=2)],
            [],
            [Diff(0, "old", "missing", 1, None), Diff(0, "new", "extra", None, 2)],
        ),
        # JSON types count: 1 is not true, nor 1.0.
        (
            [_record(a=1, b=1)],
            [_record(a=True, b=1.0)],
            [],
            [Diff(0, "a", "changed", 1, True), Diff(0, "b", "changed", 1, 1.0)],
        ),
        # Whole documents.
        ([_record(), _record()], [_record()], [], [Diff(1, "", "missing", _record(), None)]),
        ([], [_record()], [], [Diff(0, "", "extra", None, _record())]),
        # Ignoring: a field and what is under it, every item, one item.
        ([_record(date="x")], [_record()], ["date"], []),
        (
            [_record(source={"path": "a", "sha256": "1"})],
            [_record(source={"path": "b", "sha256": "2"})],
            ["source"],
            [],
        ),
        (
            [_record(citations=[{"target": "a"}, {"target": "b"}])],
            [_record(citations=[{"target": None}, {"target": None}])],
            ["citations.target"],
            [],
        ),
        (
            [_record(citations=[{"target": "a"}, {"target": "b"}])],
            [_record(citations=[{"target": None}, {"target": None}])],
            ["citations[].target"],
            [],
        ),
        (
            [_record(citations=[{"target": "a"}, {"target": "b"}])],
            [_record(citations=[{"target": None}, {"target": None}])],
            ["citations[0]"],
            [Diff(0, "citations[1].target", "changed", "b", None)],
        ),
        # A prefix of a name is not the field.
        (
            [_record(date="x")],
            [_record()],
            ["dat"],
            [Diff(0, "date", "changed", "x", "2021-06-16")],
        ),
    ],
)
def test_compare(
    expected: list[dict[str, Any]],
    got: list[dict[str, Any]],
    ignore: list[str],
    diffs: list[Diff],
) -> None:
    assert compare(expected, got, ignore) == diffs


@pytest.mark.parametrize(
    ("path", "known"),
    [
        ("source.sha256", True),
        ("source", True),
        ("citations.target", True),
        ("citations[].target", True),
        ("citations[2].target", True),
        ("signature.chain.authority", True),
        ("spans.marks", True),
        ("work_id", True),
        ("source.sha", False),
        ("citations.targets", False),
        ("date.year", False),  # a plain value has no fields
        ("", False),
    ],
)
def test_is_record_field(path: str, known: bool) -> None:
    assert is_record_field(path) is known


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("Lê Văn A", "'Lê Văn A'"),
        (None, "null"),
        ([45, 54], "[45, 54]"),
        ({"text": "Sở"}, '{"text": "Sở"}'),
        ("dòng\nhai", "'dòng\\nhai'"),
        ("x" * 100, "'" + "x" * 78 + "…"),
    ],
)
def test_show_value(value: Any, shown: str) -> None:
    assert show_value(value) == shown


@pytest.mark.parametrize("content", ["[]", '[{"id": "vb-1"}]'])
def test_read_expectation_accepts_arrays_of_records(content: str) -> None:
    assert read_expectation(content) == json.loads(content)
