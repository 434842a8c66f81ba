"""The command line: options in, API calls, writers out.

Exit codes: 0 every input parsed, 1 some inputs failed (each reported on one stderr
line), 2 usage error, 3 output could not be written, 130 interrupted.
"""

from __future__ import annotations

import io
import json
import os
import sys
import time
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, TextIO

import typer

from vbparse import __version__
from vbparse.clean import ToneStyle, clean_text
from vbparse.decode import DecodeError, decode_bytes, text_encoding_name
from vbparse.emit import Format, atomic_output, write_records
from vbparse.inputs import (
    DEFAULT_GLOBS,
    DEFAULT_MAX_BYTES,
    STDIN,
    InputError,
    display_path,
    iter_inputs,
    read_input,
)
from vbparse.models import Record
from vbparse.pipeline import parse_bytes

EXIT_FAILED_INPUTS = 1
EXIT_OUTPUT_ERROR = 3
_DEFAULT_GLOBS_TEXT = " ".join(DEFAULT_GLOBS)
_STDOUT_NAME = "<stdout>"

app = typer.Typer(
    name="vbparse",
    no_args_is_help=True,
    add_completion=False,
    # A crash should show a plain traceback to paste into a bug report, never local
    # variables (they hold the documents' text).
    pretty_exceptions_enable=False,
)


def _show_version(value: bool) -> None:
    if value:
        typer.echo(f"vbparse {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_show_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """Parse Vietnamese administrative and Party documents from text dumps into JSON records."""


def _known_encoding(name: str | None) -> str | None:
    """Refuse an unknown --encoding once, as a usage error, rather than once per file."""
    if name is not None:
        try:
            text_encoding_name(name)
        except DecodeError as error:
            raise typer.BadParameter(error.reason) from None
    return name


# Arguments and options that extract and normalize share.
_Paths = Annotated[
    list[str],
    typer.Argument(
        metavar="PATH",
        help="Text files, or directories to search recursively; '-' reads standard input.",
        show_default=False,
    ),
]
_Globs = Annotated[
    list[str] | None,
    typer.Option(
        metavar="PATTERN",
        help=f"Files to take from directories, repeatable (default: {_DEFAULT_GLOBS_TEXT}).",
        show_default=False,
    ),
]
_Encoding = Annotated[
    str | None,
    typer.Option(
        metavar="NAME",
        callback=_known_encoding,
        help="Decode every input as NAME (tcvn3, vni, cp1258, utf-16, …) instead of detecting it.",
        show_default=False,
    ),
]


@app.command(
    epilog=(
        "Examples:\n\n"
        "  vbparse extract cong-van.txt\n\n"
        "  vbparse extract dumps/ --glob '*.TXT' -o records.jsonl\n\n"
        "  cat cong-van.txt | vbparse extract - --format json\n\n"
        "  vbparse extract dumps/ -o records.jsonl --errors failed.jsonl"
    )
)
def extract(
    paths: _Paths,
    glob: _Globs = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="Write here instead of standard output; the file appears only when complete.",
            show_default=False,
        ),
    ] = None,
    fmt: Annotated[
        Format,
        typer.Option("--format", help="JSON Lines (one record a line) or one JSON array."),
    ] = "jsonl",
    encoding: _Encoding = None,
    max_size: Annotated[
        int,
        typer.Option(
            "--max-size",
            metavar="MB",
            min=1,
            help="Refuse input files larger than this many megabytes.",
        ),
    ] = DEFAULT_MAX_BYTES // (1024 * 1024),
    errors: Annotated[
        Path | None,
        typer.Option(
            "--errors",
            metavar="FILE",
            help="Also write each failed input as a JSON line {path, reason} to FILE.",
            show_default=False,
        ),
    ] = None,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="No summary line on a terminal.")
    ] = False,
) -> None:
    """Extract one JSON record per document found in the inputs.

    A file that cannot be read or decoded is reported on one line of standard error and
    skipped; the others are still processed (exit code 1 instead of 0).
    """
    started = time.monotonic()
    tally = _Tally()
    records = _parse_inputs(paths, glob, encoding, max_size * 1024 * 1024, tally)
    try:
        with _output(output) as out:
            documents = write_records(records, out, fmt)
    except _ReaderGone:
        raise typer.Exit(EXIT_FAILED_INPUTS if tally.errors else 0) from None
    if errors is not None:
        with _output(errors) as out:
            for path, reason in tally.failures:
                out.write(json.dumps({"path": path, "reason": reason}, ensure_ascii=False) + "\n")
    if not quiet and sys.stderr.isatty():
        typer.echo(tally.summary(documents, time.monotonic() - started), err=True)
    if tally.errors:
        raise typer.Exit(EXIT_FAILED_INPUTS)


@app.command(
    epilog=(
        "Examples:\n\n"
        "  vbparse normalize scan.txt > scan.clean.txt\n\n"
        "  vbparse normalize dumps/ --output-dir clean/ --tone-style new\n\n"
        "  cat old.txt | vbparse normalize - --encoding tcvn3"
    )
)
def normalize(
    paths: _Paths,
    output_dir: Annotated[
        Path | None,
        typer.Option(
            "--output-dir",
            metavar="DIR",
            help="Write each input's clean text to DIR, under its path relative to the "
            "argument it was found in (needed for several inputs).",
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="Write the clean text of a single input here instead of standard output.",
            show_default=False,
        ),
    ] = None,
    tone_style: Annotated[
        ToneStyle,
        typer.Option(
            "--tone-style",
            help="Tone placement of open oa/oe/uy: keep as printed, old (hòa, thủy) or "
            "new (hoà, thuỷ).",
        ),
    ] = "keep",
    glob: _Globs = None,
    encoding: _Encoding = None,
) -> None:
    """Write a clean copy of each input's text: decoded, NFC, markup and page furniture
    gone, split words joined, tidy whitespace, and optionally one tone placement.

    Records from `extract` keep pointing into the original decoded text, not this copy.
    """
    tally = _Tally()
    items = []
    for root in paths:
        found = [(root, item) for item in iter_inputs([root], glob)]
        if not found:
            _fail(tally, root, f"no files matching {' '.join(glob or DEFAULT_GLOBS)}")
        items += found
    if output_dir is None and len(items) > 1:
        raise typer.BadParameter(
            f"{len(items)} inputs: give --output-dir to write one clean file each",
            param_hint="'--output-dir'",
        )
    if output_dir is not None and output is not None:
        raise typer.BadParameter("give --output or --output-dir, not both")
    for root, item in items:
        tally.files += 1
        try:
            decoded = decode_bytes(read_input(item), encoding=encoding)
            text = clean_text(decoded.text, tone_style=tone_style)
        except (InputError, DecodeError) as error:
            _fail(tally, item, error.reason)
            continue
        target = output if output_dir is None else output_dir / _relative_to(item, root)
        if target is not None:
            with suppress(OSError):  # an unwritable place is reported by _output
                target.parent.mkdir(parents=True, exist_ok=True)
        with _output(target) as out:
            out.write(text)
    if tally.errors:
        raise typer.Exit(EXIT_FAILED_INPUTS)


def _relative_to(item: str, root: str) -> Path:
    """Where ``item`` found under the argument ``root`` goes in an output directory."""
    if item == STDIN:
        return Path("stdin.txt")
    path, base = Path(item), Path(root)
    if path == base or not path.is_relative_to(base):
        return Path(path.name)
    return path.relative_to(base)


@app.command(epilog="Example:\n\n  vbparse schema > record.schema.json")
def schema() -> None:
    """Print the JSON Schema of one record (the shape `extract` writes)."""
    text = json.dumps(Record.model_json_schema(), indent=2, ensure_ascii=False)
    with suppress(_ReaderGone), _output(None) as out:
        out.write(text + "\n")


@dataclass
class _Tally:
    files: int = 0
    errors: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)  # (path, reason)

    def summary(self, documents: int, seconds: float) -> str:
        counts = ", ".join(
            _plural(n, noun)
            for n, noun in ((self.files, "file"), (documents, "document"), (self.errors, "error"))
        )
        return f"{counts} in {seconds:.1f} s"


def _plural(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _parse_inputs(
    paths: list[str], glob: list[str] | None, encoding: str | None, max_bytes: int, tally: _Tally
) -> Iterator[Record]:
    """Records of every input; a failing input is reported and skipped, never fatal."""
    for path in paths:
        found = False
        for item in iter_inputs([path], glob):
            found = True
            tally.files += 1
            try:
                data = read_input(item, max_bytes=max_bytes)
                records = parse_bytes(data, source=display_path(item), encoding=encoding)
            except (InputError, DecodeError) as error:
                _fail(tally, item, error.reason)
                continue
            except Exception as error:  # a parser bug must not cost the other files
                _fail(tally, item, f"internal error: {type(error).__name__}: {error}")
                continue
            yield from records
        if not found:
            patterns = " ".join(glob) if glob else _DEFAULT_GLOBS_TEXT
            _fail(tally, path, f"no files matching {patterns}")


def _fail(tally: _Tally, path: str, reason: str) -> None:
    tally.errors += 1
    tally.failures.append((path, (reason.splitlines() or [""])[0]))
    _report(path, reason)


def _report(path: str, reason: str) -> None:
    """``vbparse: error: <path>: <reason>``, kept to exactly one line."""
    first_line = (reason.splitlines() or [""])[0]
    shown_path = path.replace("\n", "\\n").replace("\r", "\\r")
    typer.echo(f"vbparse: error: {shown_path}: {first_line}", err=True)


class _ReaderGone(Exception):
    """Standard output was closed by its reader (``| head``): stop, but it is no error."""


@contextmanager
def _output(output: Path | None) -> Iterator[TextIO]:
    """Standard output or an atomically written file; a failed write exits with code 3."""
    destination: AbstractContextManager[TextIO]
    if output is None or str(output) == STDIN:
        destination, name = _stdout(), _STDOUT_NAME
    else:
        destination, name = atomic_output(output), str(output)
    try:
        with destination as out:
            yield out
    except BrokenPipeError:
        _silence_stdout()
        raise _ReaderGone from None
    except OSError as error:
        if name == _STDOUT_NAME:
            _silence_stdout()  # what is still buffered would fail again at exit
        reason = (error.strerror or str(error)).lower()
        _report(name, f"cannot write: {reason}")
        raise typer.Exit(EXIT_OUTPUT_ERROR) from None


@contextmanager
def _stdout() -> Iterator[TextIO]:
    """Standard output as UTF-8 whatever the locale, flushed before the command returns.

    Flushing here, not at interpreter exit, lets a broken pipe surface where it is handled.
    """
    stream = sys.stdout
    if isinstance(stream, io.TextIOWrapper):
        stream.reconfigure(encoding="utf-8")
    yield stream
    stream.flush()


def _silence_stdout() -> None:
    """Point standard output at /dev/null, so the flush at exit cannot fail again."""
    with suppress(OSError, ValueError):  # no real file descriptor (a test runner's stream)
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def main() -> None:
    """Entry point of the ``vbparse`` command and of ``python -m vbparse``."""
    app()
