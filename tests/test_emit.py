"""The text writers (JSON Lines, JSON, CSV, register) and the all-or-nothing outputs.

The formats on real dumps, and SQLite, are in test_export.py.
"""

from __future__ import annotations

import csv
import io
import json
import os
import stat
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from factories import make_record
from vbparse.emit import TextFormat, atomic_output, atomic_path, write_records
from vbparse.emit.flat import chain_text
from vbparse.emit.register import author, day_month_year
from vbparse.emit.table import CSV_COLUMNS
from vbparse.models import ChainLink, Citation, Issuer, Item, Record, Signature


@pytest.mark.parametrize("count", [0, 1, 3])
def test_jsonl_is_one_record_per_line(count: int) -> None:
    records = [make_record(index=i) for i in range(count)]
    out = io.StringIO()
    assert write_records(records, out, "jsonl") == count
    lines = out.getvalue().splitlines()
    assert [json.loads(line) for line in lines] == [r.model_dump(mode="json") for r in records]
    assert out.getvalue().endswith("\n") or count == 0


@pytest.mark.parametrize("count", [0, 1, 3])
def test_json_is_one_array(count: int) -> None:
    records = [make_record(index=i) for i in range(count)]
    out = io.StringIO()
    assert write_records(records, out, "json") == count
    assert json.loads(out.getvalue()) == [r.model_dump(mode="json") for r in records]


@pytest.mark.parametrize("fmt", ["jsonl", "json", "csv", "register"])
def test_vietnamese_is_written_as_is(fmt: TextFormat) -> None:
    out = io.StringIO()
    write_records([make_record()], out, fmt)
    assert "Về việc triển khai Nghị quyết" in out.getvalue()
    assert "\\u" not in out.getvalue()


@pytest.mark.parametrize("fmt", ["jsonl", "json"])
def test_records_are_written_as_they_arrive(fmt: TextFormat) -> None:
    out = io.StringIO()

    def records() -> Iterator[Record]:
        for index in range(3):
            if index:  # the previous record must already be out before the next is made
                assert f'"id":"cong-van.txt#{index - 1}"' in out.getvalue()
            yield make_record(index=index)

    write_records(records(), out, fmt)


@pytest.mark.parametrize("fmt", ["csv", "register"])
def test_each_row_is_out_before_the_next_record_is_made(fmt: TextFormat) -> None:
    out = io.StringIO()

    def records() -> Iterator[Record]:
        for index in range(3):
            assert out.getvalue().count("\r\n") == 1 + index  # the header, then each row
            yield make_record(index=index)

    write_records(records(), out, fmt)


@pytest.mark.parametrize(
    ("fmt", "expected"),
    [
        ("jsonl", ""),
        ("json", "[]\n"),
        ("csv", ",".join(CSV_COLUMNS) + "\r\n"),
        (
            "register",
            '\ufeffNgày đến,Số đến,Tác giả,"Số, ký hiệu văn bản",Ngày tháng văn bản,'
            "Tên loại và trích yếu nội dung văn bản,Đơn vị hoặc người nhận,Ngày chuyển,"
            "Ký nhận,Ghi chú\r\n",
        ),
    ],
)
def test_no_records_is_a_valid_empty_file(fmt: TextFormat, expected: str) -> None:
    out = io.StringIO()
    assert write_records([], out, fmt) == 0
    assert out.getvalue() == expected


def _csv(fmt: TextFormat, records: list[Record]) -> list[dict[str, str]]:
    out = io.StringIO()
    write_records(records, out, fmt)
    return list(csv.DictReader(io.StringIO(out.getvalue().removeprefix("\ufeff"), newline="")))


@pytest.mark.parametrize(
    "subject",
    [
        'Về việc "Năm an toàn giao thông", phòng, chống dịch',  # quotes and commas
        "Về việc triển khai\nNghị quyết số 12-NQ/TW",  # a line break inside a cell
        "",
    ],
)
def test_csv_cells_round_trip(subject: str) -> None:
    record = make_record().model_copy(update={"subject": subject or None})
    (row,) = _csv("csv", [record])
    assert row["subject"] == subject
    assert row["place"] == row["number"] == ""  # None is an empty cell


def test_csv_list_cells_are_json_without_spans() -> None:
    record = make_record().model_copy(
        update={
            "recipients": (
                Item(text="Sở Nội vụ", span=(1, 10)),
                Item(text="UBND huyện", span=(11, 21)),
            ),
            "citations": (
                Citation(
                    number="07-KL/TW",
                    doc_type="Kết luận",
                    date="2021-06-11",
                    text="Kết luận số 07-KL/TW",
                    span=(30, 50),
                    relation="implements",
                    target="vb-0000000000000001",
                ),
            ),
            "cited_by": ("vb-0000000000000002",),
        }
    )
    (row,) = _csv("csv", [record])
    assert json.loads(row["recipients"]) == ["Sở Nội vụ", "UBND huyện"]
    assert json.loads(row["citations"]) == [
        {
            "number": "07-KL/TW",
            "doc_type": "Kết luận",
            "date": "2021-06-11",
            "issuer": None,
            "title": None,
            "text": "Kết luận số 07-KL/TW",
            "relation": "implements",
            "target": "vb-0000000000000001",
        }
    ]
    assert json.loads(row["cited_by"]) == ["vb-0000000000000002"]
    assert (row["recipient_count"], row["citation_count"], row["warning_count"]) == ("2", "1", "0")


def _link(authority: str, body: str | None) -> ChainLink:
    return ChainLink.model_validate({"authority": authority, "on_behalf_of": body, "span": (0, 1)})


@pytest.mark.parametrize(
    ("chain", "expected"),
    [
        ((), None),
        ((_link("KT", "CHỦ TỊCH"),), "KT. CHỦ TỊCH"),
        (
            (_link("TM", "ỦY BAN NHÂN DÂN"), _link("KT", "CHỦ TỊCH")),
            "TM. ỦY BAN NHÂN DÂN; KT. CHỦ TỊCH",
        ),
        ((_link("KT", "BỘ TRƯỞNG, CHỦ NHIỆM"),), "KT. BỘ TRƯỞNG, CHỦ NHIỆM"),
        ((_link("TL", None),), "TL"),
    ],
)
def test_chain_text(chain: tuple[ChainLink, ...], expected: str | None) -> None:
    assert chain_text(Signature(chain=chain, span=(0, 1))) == expected


@pytest.mark.parametrize(
    ("date", "expected"),
    [("2021-06-22", "22/06/2021"), ("2021-06", "06/2021"), ("2021", "2021"), (None, "")],
)
def test_register_dates_are_day_month_year(date: str | None, expected: str) -> None:
    assert day_month_year(date) == expected


@pytest.mark.parametrize(
    ("name", "parent", "expected"),
    [
        ("VĂN PHÒNG", "UBND TỈNH KIÊN GIANG", "VĂN PHÒNG (UBND TỈNH KIÊN GIANG)"),
        ("TỈNH ỦY KIÊN GIANG", None, "TỈNH ỦY KIÊN GIANG"),
        (None, "UBND TỈNH KIÊN GIANG", ""),  # the parent is not the author
    ],
)
def test_register_author(name: str | None, parent: str | None, expected: str) -> None:
    record = make_record().model_copy(
        update={"issuer": Issuer(name=name, parent=parent, span=(0, 1))}
    )
    assert author(record) == expected


@pytest.mark.parametrize(
    ("doc_type", "subject", "cell"),
    [
        ("Công văn", "V/v họp", "Công văn: V/v họp"),
        (None, "V/v họp", "V/v họp"),
        ("Công văn", None, "Công văn"),
        (None, '=HYPERLINK("http://x","y")', '\'=HYPERLINK("http://x","y")'),  # no formula
        (None, "- Thực hiện", "'- Thực hiện"),
        (None, "@SUM(A1)", "'@SUM(A1)"),
    ],
)
def test_register_type_and_summary(doc_type: str | None, subject: str | None, cell: str) -> None:
    record = make_record().model_copy(update={"doc_type": doc_type, "subject": subject})
    (row,) = _csv("register", [record])
    assert row["Tên loại và trích yếu nội dung văn bản"] == cell
    assert row["Số đến"] == "1"
    assert row["Ngày đến"] == row["Ký nhận"] == ""


def test_atomic_path_renames_what_was_written_by_name(tmp_path: Path) -> None:
    target = tmp_path / "corpus.db"
    with atomic_path(target) as temporary:
        assert temporary.parent == tmp_path  # same file system, so the rename is atomic
        temporary.write_bytes(b"SQLite format 3\x00")
        assert not target.exists()
    assert target.read_bytes() == b"SQLite format 3\x00"
    assert os.listdir(tmp_path) == ["corpus.db"]


def test_atomic_path_removes_the_temporary_file_on_failure(tmp_path: Path) -> None:
    with pytest.raises(KeyboardInterrupt), atomic_path(tmp_path / "corpus.db") as temporary:
        temporary.write_bytes(b"half")
        raise KeyboardInterrupt
    assert os.listdir(tmp_path) == []


def test_atomic_output_replaces_the_file_on_success(tmp_path: Path) -> None:
    target = tmp_path / "out.jsonl"
    target.write_text("old\n")
    with atomic_output(target) as out:
        out.write("Số: 1\n")
        assert target.read_text() == "old\n"  # nothing visible before the end
    assert target.read_text(encoding="utf-8") == "Số: 1\n"
    assert os.listdir(tmp_path) == ["out.jsonl"]


@pytest.mark.parametrize("interruption", [RuntimeError("boom"), KeyboardInterrupt()])
def test_atomic_output_leaves_nothing_behind_on_failure(
    tmp_path: Path, interruption: BaseException
) -> None:
    target = tmp_path / "out.jsonl"
    with pytest.raises(type(interruption)), atomic_output(target) as out:
        out.write("half a record")
        raise interruption
    assert os.listdir(tmp_path) == []


def test_atomic_output_keeps_the_old_file_on_failure(tmp_path: Path) -> None:
    target = tmp_path / "out.jsonl"
    target.write_text("old\n")
    with pytest.raises(RuntimeError), atomic_output(target) as out:
        out.write("new")
        raise RuntimeError("boom")
    assert target.read_text() == "old\n"
    assert os.listdir(tmp_path) == ["out.jsonl"]


def test_atomic_output_gives_the_mode_open_would(tmp_path: Path) -> None:
    plain = tmp_path / "plain.txt"
    plain.write_text("x")
    with atomic_output(tmp_path / "atomic.txt") as out:
        out.write("x")
    assert stat.S_IMODE((tmp_path / "atomic.txt").stat().st_mode) == stat.S_IMODE(
        plain.stat().st_mode
    )


def test_atomic_output_keeps_the_mode_of_the_file_it_replaces(tmp_path: Path) -> None:
    target = tmp_path / "out.jsonl"
    target.write_text("old")
    target.chmod(0o640)
    with atomic_output(target) as out:
        out.write("new")
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


@pytest.mark.parametrize(
    ("make_target", "error"),
    [
        (lambda tmp: tmp / "missing-dir" / "out.jsonl", FileNotFoundError),
        (lambda tmp: tmp, IsADirectoryError),
    ],
)
def test_atomic_output_fails_before_any_work(
    tmp_path: Path, make_target: Callable[[Path], Path], error: type[OSError]
) -> None:
    with pytest.raises(error), atomic_output(make_target(tmp_path)):
        pytest.fail("the block must not run")
