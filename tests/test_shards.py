"""Resumable sharded runs: ``extract --output-dir`` and ``vbparse.shards``."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from vbparse.cli import app
from vbparse.parallel import Outcome, parse_files
from vbparse.shards import MANIFEST, read_shards, write_shards

FIXTURES = Path(__file__).parent / "fixtures"
runner = CliRunner()


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """Nine real dumps (the golden fixtures, some twice under other names) and one bad file."""
    root = tmp_path / "in"
    root.mkdir()
    texts = sorted(FIXTURES.glob("*.txt"))
    for n, text in enumerate(texts + texts[:3]):
        shutil.copy(text, root / f"{n:02d}-{text.name}")
    (root / "99-empty.txt").write_bytes(b"")
    return root


class Counting:
    """A parse function that counts the files it is given."""

    def __init__(self, fail_after: int | None = None) -> None:
        self.files: list[str] = []
        self.fail_after = fail_after

    def __call__(self, items: Iterable[str]) -> Iterator[Outcome]:
        return parse_files(self._count(items))

    def _count(self, items: Iterable[str]) -> Iterator[str]:
        for item in items:
            if self.fail_after is not None and len(self.files) == self.fail_after:
                raise KeyboardInterrupt
            self.files.append(item)
            yield item


def items(root: Path) -> list[str]:
    return sorted(str(p) for p in root.iterdir())


def whole_run(root: Path) -> list[str]:
    result = runner.invoke(app, ["extract", "-j", "1", str(root)])
    return result.stdout.splitlines()


def sharded(out: Path) -> list[str]:
    return [record.model_dump_json() for record in read_shards(out)]


def test_shards_hold_exactly_what_one_output_file_holds(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = runner.invoke(
        app, ["extract", "-j", "2", str(corpus), "--output-dir", str(out), "--shard-size", "4"]
    )
    assert result.exit_code == 1  # the empty file
    assert "99-empty.txt: empty file" in result.stderr
    n = len(items(corpus))
    sizes = [4] * (n // 4) + ([n % 4] if n % 4 else [])
    assert sorted(p.name for p in out.iterdir()) == [MANIFEST] + [
        f"shard-{k:05d}.jsonl" for k in range(len(sizes))
    ]
    assert sharded(out) == whole_run(corpus)
    manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    assert manifest["complete"] and manifest["linked"]
    assert [s["inputs"] for s in manifest["shards"]] == sizes
    assert manifest["shards"][-1]["failures"] == [
        {"path": str(corpus / "99-empty.txt"), "reason": "empty file"}
    ]


def test_a_second_run_reads_no_file_again(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    first = write_shards(items(corpus), out, Counting(), shard_files=4)
    before = sharded(out)
    again = Counting()
    second = write_shards(items(corpus), out, again, shard_files=4)
    assert again.files == []
    shards = first.parsed
    assert (first.reused, second.parsed, second.reused) == (0, 0, shards)
    assert second.documents == first.documents
    assert second.failures == first.failures  # still reported, from the manifest
    assert sharded(out) == before


def test_a_changed_file_redoes_its_shard_and_relinks(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    first_shards = write_shards(items(corpus), out, Counting(), shard_files=4).parsed
    changed = items(corpus)[5]
    Path(changed).write_text(Path(changed).read_text(encoding="utf-8") + "\n", encoding="utf-8")
    os.utime(changed, ns=(1, 1))
    again = Counting()
    report = write_shards(items(corpus), out, again, shard_files=4)
    assert again.files == items(corpus)[4:8]
    assert (report.parsed, report.reused) == (1, first_shards - 1)
    assert sharded(out) == whole_run(corpus)


def test_an_interrupted_run_leaves_whole_shards_and_resumes(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    with pytest.raises(KeyboardInterrupt):
        write_shards(items(corpus), out, Counting(fail_after=6), shard_files=4)
    manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    assert not manifest["complete"]
    assert [s["file"] for s in manifest["shards"]] == ["shard-00000.jsonl"]
    assert sorted(p.name for p in out.iterdir()) == [MANIFEST, "shard-00000.jsonl"]
    again = Counting()
    write_shards(items(corpus), out, again, shard_files=4)
    assert again.files == items(corpus)[4:]
    assert sharded(out) == whole_run(corpus)


def test_shards_of_removed_files_go(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    write_shards(items(corpus), out, Counting(), shard_files=4)
    for name in items(corpus)[8:]:
        os.unlink(name)
    write_shards(items(corpus), out, Counting(), shard_files=4)
    assert sorted(p.name for p in out.iterdir()) == [
        MANIFEST,
        "shard-00000.jsonl",
        "shard-00001.jsonl",
    ]
    assert sharded(out) == whole_run(corpus)


def test_another_shard_size_starts_afresh(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    write_shards(items(corpus), out, Counting(), shard_files=4)
    again = Counting()
    write_shards(items(corpus), out, again, shard_files=5)
    assert again.files == items(corpus)
    assert sharded(out) == whole_run(corpus)


@pytest.mark.parametrize("extra", [["-o", "x.jsonl"], ["--format", "json"]])
def test_output_dir_takes_neither_an_output_file_nor_a_format(
    corpus: Path, tmp_path: Path, extra: list[str]
) -> None:
    result = runner.invoke(app, ["extract", str(corpus), "--output-dir", str(tmp_path), *extra])
    assert result.exit_code == 2
    assert "--output-dir writes JSON Lines shards" in result.stderr
