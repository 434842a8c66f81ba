"""write_records (JSON Lines and a streamed JSON array) and atomic_output."""

from __future__ import annotations

import io
import json
import os
import stat
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from factories import make_record
from vbparse.emit import Format, atomic_output, write_records
from vbparse.models import Record


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


@pytest.mark.parametrize("fmt", ["jsonl", "json"])
def test_vietnamese_is_written_as_is(fmt: Format) -> None:
    out = io.StringIO()
    write_records([make_record()], out, fmt)
    assert "Về việc triển khai Nghị quyết" in out.getvalue()
    assert "\\u" not in out.getvalue()


@pytest.mark.parametrize("fmt", ["jsonl", "json"])
def test_records_are_written_as_they_arrive(fmt: Format) -> None:
    out = io.StringIO()

    def records() -> Iterator[Record]:
        for index in range(3):
            if index:  # the previous record must already be out before the next is made
                assert f'"id":"cong-van.txt#{index - 1}"' in out.getvalue()
            yield make_record(index=index)

    write_records(records(), out, fmt)


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
