"""``--jobs``: a pool of workers gives exactly the records of one process, in the same order."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from vbparse.cli import app
from vbparse.parallel import BATCH_FILES, parse_files

TEXTS = Path(__file__).parents[2] / "shared" / "corpus" / "texts"
FIXTURES = Path(__file__).parent / "fixtures"
CORPUS = TEXTS if TEXTS.is_dir() else FIXTURES
runner = CliRunner()


def extract(*args: str) -> list[str]:
    result = runner.invoke(app, ["extract", *args])
    assert result.exit_code == 0, result.stderr
    return result.stdout.splitlines()


@pytest.fixture(scope="module")
def one_process() -> list[str]:
    return extract("-j", "1", str(CORPUS))


def test_several_jobs_give_the_same_records_in_the_same_order(one_process: list[str]) -> None:
    assert len(one_process) > BATCH_FILES  # enough files for several batches in flight
    assert extract("-j", "2", str(CORPUS)) == one_process


def test_unordered_gives_the_same_records(one_process: list[str]) -> None:
    assert sorted(extract("-j", "2", "--unordered", str(CORPUS))) == sorted(one_process)


def test_linking_holds_across_workers(one_process: list[str]) -> None:
    records = [json.loads(line) for line in extract("-j", "2", str(CORPUS))]
    targets = {c["target"] for r in records for c in r["citations"] if c["target"]}
    ids = {r["id"] for r in records}
    assert targets and targets <= ids


def test_bad_files_and_standard_input_in_a_pool(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02" * 100)
    items = [str(tmp_path / "empty.txt"), "-", str(tmp_path / "binary.txt")]
    outcomes = list(parse_files(items, jobs=2))
    assert [o.path for o in outcomes] == items
    assert outcomes[0].error == "empty file"
    assert outcomes[2].error is not None and outcomes[2].records == ()
    assert outcomes[1].path == "-"  # read by this process, not a worker


def test_verbose_names_each_file(tmp_path: Path) -> None:
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text((sorted(FIXTURES.glob("*.txt"))[0]).read_text("utf-8"))
    result = runner.invoke(app, ["extract", "-v", "-j", "1", str(tmp_path)])
    documents = len(result.stdout.splitlines()) // 2  # the same text twice
    lines = result.stderr.splitlines()
    assert lines[0] == f"{tmp_path / 'a.txt'}: {documents} documents"
    assert lines[1] == f"{tmp_path / 'b.txt'}: {documents} documents"
    assert lines[2].startswith(f"2 files, {2 * documents} documents, ")


def test_help_names_the_dask_extra_with_its_brackets() -> None:
    # rich reads ``[dask]`` as a style tag unless escaped; the install line must survive.
    result = runner.invoke(app, ["extract", "--help"], env={"COLUMNS": "200"})
    assert "pip install 'vbparse[dask]'" in result.stdout
