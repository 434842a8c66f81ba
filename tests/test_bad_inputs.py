"""Bad input never stops a run (issue 3): every case of the issue, end to end through the
real command, with the real parser.

Each bad file gets one line on standard error naming it and the reason, and one JSON
line in ``--errors FILE``; every good file beside it is still extracted; the exit code is
1.  docs/cli.md lists the same cases.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from synthetic import STATE_LETTER
from vbparse.cli import app

runner = CliRunner()
MB = 1024 * 1024


def _run(*args: str) -> tuple[int, list[str], list[dict[str, object]]]:
    result = runner.invoke(app, ["extract", *args])
    records = [json.loads(line) for line in result.stdout.splitlines()]
    return result.exit_code, result.stderr.splitlines(), records


def _broken_link(path: Path) -> None:
    path.symlink_to(path.parent / "gone.txt")


def _unreadable(path: Path) -> None:
    # A file whose read fails: chmod 000 does not stop root, who runs the CI, but the
    # kernel refuses to read a process's memory at offset 0 (EIO) to anyone.
    if not Path("/proc/self/mem").exists():
        pytest.skip("needs Linux's /proc/self/mem for a file that cannot be read")
    path.symlink_to("/proc/self/mem")


def _huge(path: Path) -> None:
    with path.open("wb") as fh:  # sparse: 200 MB on paper, nothing on disk
        fh.truncate(200 * MB)


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (lambda p: p.write_bytes(b""), "empty file"),
        (lambda p: p.write_bytes(b"\n \t\n"), "empty file"),
        (lambda p: p.write_bytes(b"%PDF-1.4\x00\x00\x01\x02binary"), "binary file (NUL bytes)"),
        (lambda p: p.write_bytes(b"\x81\x8d\x8f\x90\x9d" * 40), "not valid UTF-8"),
        (_huge, "file too large (200 MB > 100 MB limit)"),
        (_unreadable, "input/output error"),
        (_broken_link, "broken symbolic link"),
    ],
    ids=["empty", "blank", "binary", "invalid-bytes", "200-MB", "unreadable", "broken-link"],
)
def test_bad_file_is_reported_and_the_rest_is_extracted(
    tmp_path: Path, make: object, reason: str
) -> None:
    good = tmp_path / "good.txt"
    good.write_text(STATE_LETTER, encoding="utf-8")
    bad = tmp_path / "bad.txt"
    make(bad)  # type: ignore[operator]
    errors = tmp_path / "errors.jsonl"

    started = time.monotonic()
    code, stderr, records = _run(str(bad), str(good), "--errors", str(errors))

    assert code == 1
    assert len(stderr) == 1 and stderr[0].startswith(f"vbparse: error: {bad}: {reason}")
    assert [r["source"]["path"] for r in records] == [str(good)]
    assert records[0]["number"]["value"] == "1507/UBND-TH"
    failed = [json.loads(line) for line in errors.read_text(encoding="utf-8").splitlines()]
    assert [f["path"] for f in failed] == [str(bad)]
    assert str(failed[0]["reason"]).startswith(reason)
    assert time.monotonic() - started < 30  # the 200 MB file is refused, not read


def test_the_size_limit_can_be_raised(tmp_path: Path) -> None:
    big = tmp_path / "register.txt"
    big.write_text(STATE_LETTER * (2 * MB // len(STATE_LETTER.encode())), encoding="utf-8")
    assert _run(str(big), "--max-size", "1")[0] == 1
    code, stderr, records = _run(str(big), "--max-size", "3")
    assert (code, stderr) == (0, [])
    assert len(records) > 100


def test_directory_of_thousands_of_files(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    for shard in range(10):
        (corpus / f"{shard:02d}").mkdir(parents=True)
        for k in range(300):
            number = f"Số: {shard * 300 + k + 1}/UBND-TH"
            text = STATE_LETTER.replace("Số: 1507/UBND-TH", number)
            (corpus / f"{shard:02d}" / f"{k:04d}.txt").write_text(text, encoding="utf-8")
    (corpus / "05" / "0007.txt").write_bytes(b"\x00\x01\x02")
    code, stderr, records = _run(str(corpus))
    assert code == 1
    assert stderr == [f"vbparse: error: {corpus / '05' / '0007.txt'}: binary file (NUL bytes)"]
    assert len(records) == 2999
    numbers = [r["number"]["value"] for r in records]
    assert len(set(numbers)) == 2999  # each file once, in a stable order
    assert numbers == sorted(numbers, key=lambda n: int(n.split("/")[0]))


def test_no_errors_file_content_when_all_inputs_parse(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(STATE_LETTER, encoding="utf-8")
    errors = tmp_path / "errors.jsonl"
    code, _, _ = _run(str(good), "--errors", str(errors))
    assert code == 0 and errors.read_text(encoding="utf-8") == ""


def test_no_traceback_for_a_user_mistake(tmp_path: Path) -> None:
    code, stderr, _ = _run(str(tmp_path / "missing.txt"))
    assert code == 1
    assert stderr == [f"vbparse: error: {tmp_path / 'missing.txt'}: no such file"]
    assert not any("Traceback" in line for line in stderr)
    assert os.path.exists(tmp_path)
