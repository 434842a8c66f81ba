"""What every command shares: the app, input options, failure reports, safe output."""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager, contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, TextIO

import typer

from vbparse import __version__
from vbparse.decode import DecodeError, text_encoding_name
from vbparse.emit import atomic_output
from vbparse.inputs import (
    DEFAULT_GLOBS,
    DEFAULT_MAX_BYTES,
    STDIN,
    iter_inputs,
)
from vbparse.models import Record
from vbparse.parallel import Outcome

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
Paths = Annotated[
    list[str],
    typer.Argument(
        metavar="PATH",
        help="Text files, or directories to search recursively; '-' reads standard input.",
        show_default=False,
    ),
]
Globs = Annotated[
    list[str] | None,
    typer.Option(
        metavar="PATTERN",
        help=f"Files to take from directories, repeatable (default: {_DEFAULT_GLOBS_TEXT}).",
        show_default=False,
    ),
]
Encoding = Annotated[
    str | None,
    typer.Option(
        metavar="NAME",
        callback=_known_encoding,
        help="Decode every input as NAME (tcvn3, vni, cp1258, utf-16, …) instead of detecting it.",
        show_default=False,
    ),
]
OutputFile = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        metavar="FILE",
        help="Write here instead of standard output; the file appears only when complete.",
        show_default=False,
    ),
]
RecordsInput = Annotated[
    bool,
    typer.Option(
        "--records",
        help="Read every input as extracted records (JSON Lines or a JSON array), "
        "standard input included; directories then give *.jsonl *.ndjson *.json. "
        "Without it, only files named so are read as records.",
    ),
]
MaxSize = Annotated[
    int,
    typer.Option(
        "--max-size",
        metavar="MB",
        min=1,
        help="Refuse input files larger than this many megabytes.",
    ),
]
DEFAULT_MAX_MB = DEFAULT_MAX_BYTES // (1024 * 1024)
Jobs = Annotated[
    int | None,
    typer.Option(
        "--jobs",
        "-j",
        metavar="N",
        min=1,
        help="Parse with N processes (default: the cores this process may use).",
        show_default=False,
    ),
]
Quiet = Annotated[
    bool,
    typer.Option(
        "--quiet", "-q", help="Nothing on standard error but errors: no progress, no summary."
    ),
]


@dataclass
class Tally:
    """What a run has seen so far, for the summary line."""

    files: int = 0
    bytes: int = 0
    documents: int = 0
    warnings: int = 0
    errors: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)  # (path, reason)

    @property
    def mb(self) -> float:
        return self.bytes / 1e6

    def summary(self, seconds: float) -> str:
        counts = ", ".join(
            plural(n, noun)
            for n, noun in (
                (self.files, "file"),
                (self.documents, "document"),
                (self.warnings, "warning"),
                (self.errors, "error"),
            )
        )
        return f"{counts} in {seconds:.1f} s"


def plural(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def tallied(
    outcomes: Iterable[Outcome], tally: Tally, watch: Callable[[Outcome], None] | None = None
) -> Iterator[Outcome]:
    """``outcomes`` unchanged, counted into ``tally``; each failure reported on stderr."""
    for outcome in outcomes:
        tally.files += 1
        tally.bytes += outcome.size
        if outcome.error is not None:
            fail(tally, outcome.path, outcome.error)
        if watch is not None:
            watch(outcome)
        yield outcome


def input_items(paths: list[str], glob: list[str] | None, tally: Tally) -> Iterator[str]:
    """Every input file under ``paths``; an argument that matches nothing is a failure."""
    for path in paths:
        found = False
        for item in iter_inputs([path], glob):
            found = True
            yield item
        if not found:
            patterns = " ".join(glob) if glob else _DEFAULT_GLOBS_TEXT
            fail(tally, path, f"no files matching {patterns}")


def then(records: Iterable[Record], callback: Callable[[], None]) -> Iterator[Record]:
    """``records`` unchanged; ``callback()`` once they are all through."""
    yield from records
    callback()


def counted(records: Iterable[Record], tally: Tally) -> Iterator[Record]:
    """``records`` unchanged, counted into ``tally`` as they are written."""
    for record in records:
        tally.documents += 1
        tally.warnings += len(record.warnings)
        yield record


def fail(tally: Tally, path: str, reason: str) -> None:
    tally.errors += 1
    tally.failures.append((path, (reason.splitlines() or [""])[0]))
    report(path, reason)


def report(path: str, reason: str) -> None:
    """``vbparse: error: <path>: <reason>``, kept to exactly one line."""
    first_line = (reason.splitlines() or [""])[0]
    shown_path = path.replace("\n", "\\n").replace("\r", "\\r")
    # sys.stderr as it is now: while a progress line is live, rich stands in for it and
    # prints the error above the line instead of through it.
    print(f"vbparse: error: {shown_path}: {first_line}", file=sys.stderr, flush=True)


class ReaderGone(Exception):
    """Standard output was closed by its reader (``| head``): stop, but it is no error."""


@contextmanager
def output_to(output: Path | None) -> Iterator[TextIO]:
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
        raise ReaderGone from None
    except OSError as error:
        if name == _STDOUT_NAME:
            _silence_stdout()  # what is still buffered would fail again at exit
        reason = (error.strerror or str(error)).lower()
        report(name, f"cannot write: {reason}")
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
