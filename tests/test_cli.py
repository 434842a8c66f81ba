"""The command line as a user meets it: exit codes, one-line errors, outputs.

The parser itself is replaced by a stand-in that returns one record per file, so these
tests pin down the shell (which files, what is reported, what is written), not extraction.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from typer.testing import CliRunner

import vbparse.pipeline
from factories import make_record
from vbparse import __version__
from vbparse.cli import app
from vbparse.models import Record

GOOD = "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 12/UBND-VP\nKính gửi: Sở Nội vụ\n"

runner = CliRunner()


@pytest.fixture
def one_record_per_file(monkeypatch: pytest.MonkeyPatch) -> None:
    def parse_text(
        text: str, *, source: str = "-", encoding: str = "utf-8", **_: object
    ) -> list[Record]:
        return [make_record(path=source, encoding=encoding)]

    monkeypatch.setattr(vbparse.pipeline, "parse_text", parse_text)


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A current directory, so that paths in messages are short and exact."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _write(path: Path, data: str | bytes) -> str:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return str(path.relative_to(Path.cwd()))


def _sources(stdout: str) -> list[str]:
    return [json.loads(line)["source"]["path"] for line in stdout.splitlines()]


def test_version() -> None:
    result = runner.invoke(app, ["--version"])
    assert (result.exit_code, result.stdout) == (0, f"vbparse {__version__}\n")


def test_schema_is_the_record_json_schema() -> None:
    result = runner.invoke(app, ["schema"])
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    assert "schema_version" in schema["properties"]
    assert schema == Record.model_json_schema()


@pytest.mark.parametrize("args", [["--bogus"], ["extract"], ["extract", "a.txt", "--format=xml"]])
def test_usage_errors_exit_2(args: list[str]) -> None:
    assert runner.invoke(app, args).exit_code == 2


def test_unknown_encoding_is_a_usage_error(workdir: Path) -> None:
    good = _write(workdir / "a.txt", GOOD)
    result = runner.invoke(app, ["extract", good, "--encoding", "no-such-codec"])
    assert result.exit_code == 2
    assert "unknown text encoding 'no-such-codec'" in result.stderr


@pytest.mark.usefixtures("one_record_per_file")
def test_good_file_gives_jsonl_on_stdout_and_silence_on_stderr(workdir: Path) -> None:
    good = _write(workdir / "a.txt", GOOD)
    result = runner.invoke(app, ["extract", good])
    assert (result.exit_code, result.stderr) == (0, "")
    assert _sources(result.stdout) == ["a.txt"]
    assert "Về việc" in result.stdout  # UTF-8 as is, not \u-escaped


def test_real_pipeline_exits_0_on_valid_input(workdir: Path) -> None:
    good = _write(workdir / "a.txt", GOOD)
    result = runner.invoke(app, ["extract", good])
    assert (result.exit_code, result.stderr) == (0, "")


@pytest.mark.usefixtures("one_record_per_file")
@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("empty.txt", b"", "empty file"),
        ("blank.txt", b"\n  \n", "empty file"),
        ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00", "binary file (NUL bytes)"),
        (
            "latin.txt",
            b"S\xf4: 12",
            "not valid UTF-8 (byte 0xF4 at offset 1); try --encoding",
        ),
        (
            "utf16.txt",  # a UTF-16 file cut in the middle of a surrogate pair
            b"\xff\xfe" + "Kính gửi".encode("utf-16-le") + b"\x00\xd8",
            "not valid UTF-16 (byte 0x00 at offset 18); try --encoding",
        ),
    ],
)
def test_bad_file_is_one_stderr_line_and_the_rest_goes_on(
    workdir: Path, name: str, data: bytes, reason: str
) -> None:
    bad = _write(workdir / name, data)
    good = _write(workdir / "good.txt", GOOD)
    result = runner.invoke(app, ["extract", bad, good])
    assert result.exit_code == 1
    assert result.stderr == f"vbparse: error: {bad}: {reason}\n"
    assert _sources(result.stdout) == [good]


@pytest.mark.usefixtures("one_record_per_file")
def test_missing_path(workdir: Path) -> None:
    good = _write(workdir / "good.txt", GOOD)
    result = runner.invoke(app, ["extract", "missing.txt", good])
    assert result.exit_code == 1
    assert result.stderr == "vbparse: error: missing.txt: no such file\n"
    assert _sources(result.stdout) == [good]


@pytest.mark.usefixtures("one_record_per_file")
def test_directory_with_one_good_and_one_bad_file(workdir: Path) -> None:
    _write(workdir / "dumps" / "a-good.txt", GOOD)
    _write(workdir / "dumps" / "b-bad.txt", b"\x00\x01\x02")
    _write(workdir / "dumps" / "ignored.pdf", b"%PDF")
    result = runner.invoke(app, ["extract", "dumps"])
    assert result.exit_code == 1
    assert result.stderr == "vbparse: error: dumps/b-bad.txt: binary file (NUL bytes)\n"
    assert _sources(result.stdout) == ["dumps/a-good.txt"]


@pytest.mark.usefixtures("one_record_per_file")
def test_directory_without_matching_files_is_an_error(workdir: Path) -> None:
    _write(workdir / "dumps" / "scan.pdf", b"%PDF")
    result = runner.invoke(app, ["extract", "dumps"])
    assert result.exit_code == 1
    assert result.stderr == "vbparse: error: dumps: no files matching *.txt *.md\n"


@pytest.mark.usefixtures("one_record_per_file")
def test_glob_selects_files_in_directories(workdir: Path) -> None:
    _write(workdir / "dumps" / "a.txt", GOOD)
    _write(workdir / "dumps" / "b.TXT", GOOD)
    _write(workdir / "dumps" / "c.text", GOOD)
    result = runner.invoke(app, ["extract", "dumps", "--glob", "*.text", "--glob", "b.*"])
    assert result.exit_code == 0
    assert _sources(result.stdout) == ["dumps/b.TXT", "dumps/c.text"]


@pytest.mark.usefixtures("one_record_per_file")
def test_parser_crash_on_one_file_is_reported_and_the_rest_goes_on(
    workdir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    working_parse = vbparse.pipeline.parse_text

    def parse_text(text: str, *, source: str = "-", **kwargs: str | None) -> list[Record]:
        if source.startswith("crash"):
            raise ValueError("no zone found\nsecond line of the message")
        return working_parse(text, source=source)

    monkeypatch.setattr(vbparse.pipeline, "parse_text", parse_text)
    crash = _write(workdir / "crash.txt", GOOD)
    good = _write(workdir / "good.txt", GOOD)
    result = runner.invoke(app, ["extract", crash, good])
    assert result.exit_code == 1
    assert result.stderr == f"vbparse: error: {crash}: internal error: ValueError: no zone found\n"
    assert _sources(result.stdout) == [good]


@pytest.mark.usefixtures("one_record_per_file")
def test_error_line_stays_one_line_for_odd_file_names(workdir: Path) -> None:
    _write(workdir / "two\nlines.txt", b"")
    result = runner.invoke(app, ["extract", "two\nlines.txt"])
    assert result.stderr == "vbparse: error: two\\nlines.txt: empty file\n"


@pytest.mark.usefixtures("one_record_per_file")
def test_stdin(workdir: Path) -> None:
    result = runner.invoke(app, ["extract", "-"], input=GOOD.encode("utf-8"))
    assert (result.exit_code, result.stderr) == (0, "")
    assert _sources(result.stdout) == ["-"]


@pytest.mark.usefixtures("one_record_per_file")
def test_explicit_encoding_reaches_the_parser(workdir: Path) -> None:
    legacy = _write(workdir / "legacy.txt", "Hà Nam".encode("cp1258"))
    result = runner.invoke(app, ["extract", legacy, "--encoding", "cp1258"])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["source"]["encoding"] == "cp1258"


@pytest.mark.usefixtures("one_record_per_file")
@pytest.mark.parametrize("count", [1, 3])
def test_json_format_is_one_array(workdir: Path, count: int) -> None:
    paths = [_write(workdir / f"{i}.txt", GOOD) for i in range(count)]
    result = runner.invoke(app, ["extract", "--format", "json", *paths])
    assert result.exit_code == 0
    assert [record["source"]["path"] for record in json.loads(result.stdout)] == paths


@pytest.mark.usefixtures("one_record_per_file")
def test_json_format_with_only_failures_is_an_empty_array(workdir: Path) -> None:
    bad = _write(workdir / "empty.txt", b"")
    result = runner.invoke(app, ["extract", "--format", "json", bad])
    assert result.exit_code == 1
    assert json.loads(result.stdout) == []


@pytest.mark.usefixtures("one_record_per_file")
def test_output_file_is_written_atomically(workdir: Path) -> None:
    good = _write(workdir / "in" / "a.txt", GOOD)
    (workdir / "out").mkdir()
    result = runner.invoke(app, ["extract", good, "-o", "out/records.jsonl"])
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")
    assert os.listdir(workdir / "out") == ["records.jsonl"]
    assert _sources((workdir / "out" / "records.jsonl").read_text(encoding="utf-8")) == [good]


@pytest.mark.usefixtures("one_record_per_file")
def test_output_dash_is_stdout(workdir: Path) -> None:
    good = _write(workdir / "a.txt", GOOD)
    result = runner.invoke(app, ["extract", good, "-o", "-"])
    assert result.exit_code == 0
    assert _sources(result.stdout) == [good]
    assert os.listdir(workdir) == ["a.txt"]


def test_interrupted_run_leaves_no_output(workdir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def parse_text(text: str, **kwargs: str | None) -> list[Record]:
        raise KeyboardInterrupt

    monkeypatch.setattr(vbparse.pipeline, "parse_text", parse_text)
    good = _write(workdir / "in" / "a.txt", GOOD)
    (workdir / "out").mkdir()
    result = runner.invoke(app, ["extract", good, "-o", "out/records.jsonl"])
    assert result.exit_code == 130
    assert os.listdir(workdir / "out") == []


@pytest.mark.parametrize(
    ("output", "reason"),
    [
        ("missing-dir/out.jsonl", "cannot write: no such file or directory"),
        (".", "cannot write: is a directory"),
    ],
)
def test_unwritable_output_exits_3(workdir: Path, output: str, reason: str) -> None:
    good = _write(workdir / "a.txt", GOOD)
    result = runner.invoke(app, ["extract", good, "-o", output])
    assert result.exit_code == 3
    assert result.stderr == f"vbparse: error: {output}: {reason}\n"
    assert result.exception is None or isinstance(result.exception, SystemExit)


# Real processes: the entry point, pipes and terminals as the user's shell sees them.

PATCHED_MAIN = textwrap.dedent(
    """
    import sys
    import vbparse.pipeline
    from vbparse.models import Record, Source

    def parse_text(text, *, source="-", **_):
        source_of = lambda i: Source(path=source, index=i, span=(0, 1), sha256="0" * 64)
        return [Record(id=str(i), source=source_of(i)) for i in range(20_000)]

    vbparse.pipeline.parse_text = parse_text
    from vbparse.cli import main
    sys.argv[0] = "vbparse"
    main()
    """
)


def _run(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "vbparse", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
    )


def test_python_m_version(tmp_path: Path) -> None:
    result = _run(["--version"], tmp_path)
    assert (result.returncode, result.stdout) == (0, f"vbparse {__version__}\n")


def test_python_m_extract_reports_bad_files_without_traceback(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "bad.txt").write_bytes(b"S\xf4: 12")
    result = _run(["extract", "good.txt", "bad.txt", "missing.txt"], tmp_path)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "vbparse: error: bad.txt: not valid UTF-8 (byte 0xF4 at offset 1); try --encoding",
        "vbparse: error: missing.txt: no such file",
    ]


def test_python_m_unwritable_output_exits_3(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    result = _run(["extract", "good.txt", "-o", "nowhere/out.jsonl"], tmp_path)
    assert result.returncode == 3
    assert result.stderr.splitlines() == [
        "vbparse: error: nowhere/out.jsonl: cannot write: no such file or directory"
    ]


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize("command", [["schema"], ["extract", "a.txt"]])
def test_full_disk_on_stdout_exits_3(tmp_path: Path, command: list[str]) -> None:
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    with open("/dev/full", "w") as full:
        completed = subprocess.run(
            [sys.executable, "-c", PATCHED_MAIN, *command],
            cwd=tmp_path,
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            timeout=60,
        )
    assert completed.returncode == 3
    assert completed.stderr == "vbparse: error: <stdout>: cannot write: no space left on device\n"


def test_reader_closing_the_pipe_early_is_not_an_error(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    process = subprocess.Popen(
        [sys.executable, "-c", PATCHED_MAIN, "extract", "a.txt"],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None and process.stderr is not None
    first_line = process.stdout.readline()
    process.stdout.close()  # like `| head -1`
    stderr = process.stderr.read().decode("utf-8")
    assert process.wait(timeout=60) == 0
    assert json.loads(first_line)["source"]["path"] == "a.txt"
    assert stderr == ""


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
@pytest.mark.parametrize(("quiet", "summary_expected"), [(False, True), (True, False)])
def test_summary_line_only_on_a_terminal(
    tmp_path: Path, quiet: bool, summary_expected: bool
) -> None:
    import pty

    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"")
    controller, terminal = pty.openpty()
    try:
        args = [sys.executable, "-m", "vbparse", "extract", "a.txt", "b.txt"]
        completed = subprocess.run(
            [*args, "--quiet"] if quiet else args,
            cwd=tmp_path,
            stdout=subprocess.DEVNULL,
            stderr=terminal,
            timeout=60,
        )
        os.close(terminal)
        shown = _screen(_read_all(controller))
    finally:
        os.close(controller)
    assert completed.returncode == 1
    assert shown[0] == "vbparse: error: b.txt: empty file"
    if summary_expected:
        assert len(shown) == 2  # the progress line is gone once the run ends
        assert re.fullmatch(r"2 files, 1 document, \d+ warnings?, 1 error in \d+\.\d s", shown[1])
    else:
        assert len(shown) == 1


def _screen(output: str) -> list[str]:
    """The lines a terminal shows at the end: ``\\r`` and erase-line rewrite the current
    line, cursor-up returns to the line above, other escape sequences are ignored."""
    lines = [""]
    for token in re.findall(r"\x1b\[[0-9;?]*[A-Za-z]|\r\n|\n|\r|[^\x1b\r\n]+", output):
        if token in ("\n", "\r\n"):
            lines.append("")
        elif token in ("\r", "\x1b[2K"):
            lines[-1] = ""
        elif token == "\x1b[1A" and len(lines) > 1:
            lines.pop()
        elif not token.startswith("\x1b"):
            lines[-1] += token
    return [line for line in lines if line.strip()]


def _read_all(fd: int) -> str:
    chunks = []
    while True:
        try:
            chunk = os.read(fd, 4096)
        except OSError:  # Linux reports the closed far end of a pty as EIO
            break
        if not chunk:
            break
        chunks.append(chunk)
    return b"".join(chunks).decode("utf-8")
