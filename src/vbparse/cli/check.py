"""``vbparse check``: extract texts again and compare with their expectations (for CI)."""

from __future__ import annotations

import json
import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Literal

import typer
from rich.console import Console
from rich.text import Text

from vbparse.check import (
    EXPECTED_SUFFIX,
    Diff,
    ExpectationError,
    JsonRecord,
    compare,
    expectation_path,
    expectation_text,
    is_record_field,
    read_expectation,
    records_json,
    show_value,
)
from vbparse.cli.common import EXIT_FAILED_INPUTS, ReaderGone, app, output_to, plural, report
from vbparse.decode import DecodeError
from vbparse.inputs import STDIN, InputError, display_path, iter_inputs, read_input
from vbparse.link import link_records
from vbparse.pipeline import parse_bytes

Status = Literal["ok", "drift", "new", "error"]
ReportFormat = Literal["text", "json"]

_GLOBS = ["*.txt", f"*{EXPECTED_SUFFIX}"]


@dataclass(frozen=True)
class Pair:
    """A text and its expectation file; ``problem`` says why it cannot be checked."""

    text: str
    expected: str | None
    problem: str | None = None


@dataclass
class FileResult:
    path: str
    expected: str | None
    status: Status
    diffs: list[Diff] = field(default_factory=list)
    reason: str | None = None
    updated: bool = False

    def failed(self, strict: bool) -> bool:
        """Whether this file makes the run fail: drift or an error not repaired by
        ``--update``, and under ``--strict`` a text left without expectation."""
        if self.updated:
            return False
        return self.status in ("drift", "error") or (strict and self.status == "new")


def _known_fields(paths: list[str] | None) -> list[str] | None:
    for path in paths or ():
        if not is_record_field(path):
            raise typer.BadParameter(f"{path!r} is not a field of a record (see vbparse schema)")
    return paths


@app.command(
    epilog=(
        "Examples:\n\n"
        "  vbparse check tests/fixtures/check/\n\n"
        "  vbparse check tests/fixtures/check/ --update\n\n"
        "  vbparse check corpus/ --strict --format json > check-report.json\n\n"
        "  vbparse check corpus/ --ignore-field citations.target"
    )
)
def check(
    paths: Annotated[
        list[str],
        typer.Argument(
            metavar="PATH",
            help="Directories searched recursively for X.txt and X.expected.json, or files.",
            show_default=False,
        ),
    ],
    update: Annotated[
        bool,
        typer.Option(
            "--update",
            help="Rewrite each expectation that differs from the fresh records (atomically), "
            "and create the missing ones.",
        ),
    ] = False,
    strict: Annotated[
        bool, typer.Option("--strict", help="A text without expectation is a failure.")
    ] = False,
    ignore_field: Annotated[
        list[str] | None,
        typer.Option(
            "--ignore-field",
            metavar="FIELD",
            callback=_known_fields,
            help="Leave FIELD and everything under it out of the comparison, repeatable: "
            "source.sha256, citations.target (every citation), citations[0] (one).",
            show_default=False,
        ),
    ] = None,
    fmt: Annotated[
        ReportFormat,
        typer.Option("--format", help="A readable report, or one JSON object for machines."),
    ] = "text",
) -> None:
    """Extract every text that has an expectation again and compare the records with it,
    document by document and field by field: for CI.

    The expectation of X.txt is X.expected.json beside it, the records of X.txt exactly as
    `vbparse extract X.txt --format json` writes them in that directory, indented.  Every
    field is compared (the records are deterministic) unless --ignore-field says otherwise.

    Exit code 1 when a record drifted, an expectation has no text beside it or a file
    cannot be read; a text without expectation is only listed (a failure with --strict).
    """
    if STDIN in paths:
        raise typer.BadParameter("check reads files, not standard input", param_hint="PATH")
    ignore = ignore_field or []
    results: list[FileResult] = []
    try:
        with output_to(None) as out:
            console = Console(file=out, highlight=False, emoji=False, soft_wrap=True)
            for pair in collect_pairs(paths):
                result = check_pair(pair, ignore, update=update)
                results.append(result)
                if fmt == "text":
                    _print_result(console, result)
                    out.flush()  # keeps the order of error lines in a CI log
            if fmt == "json":
                out.write(json.dumps(_json_report(results, strict), indent=2, ensure_ascii=False))
                out.write("\n")
            else:
                console.print(_summary(results, strict))
    except ReaderGone:
        pass
    if any(result.failed(strict) for result in results):
        raise typer.Exit(EXIT_FAILED_INPUTS)


# ---------------------------------------------------------------------- which files


def collect_pairs(paths: list[str]) -> list[Pair]:
    """Each text with its expectation, in the order found; an expectation file whose text
    is missing, or an argument naming nothing, becomes a pair with a problem."""
    pairs: dict[str, Pair] = {}
    for path in paths:
        for pair in _pairs_of(path):
            pairs.setdefault(os.path.normpath(pair.text), pair)
    return list(pairs.values())


def _pairs_of(path: str) -> list[Pair]:
    if os.path.isdir(path):
        found = list(iter_inputs([path], _GLOBS))
        if not found:
            return [Pair(path, None, f"no files matching {' '.join(_GLOBS)}")]
        texts = [item for item in found if not _is_expectation(item)]
        claimed = {os.path.normpath(expectation_path(text)) for text in texts}
        orphans = [
            item
            for item in found
            if _is_expectation(item) and os.path.normpath(item) not in claimed
        ]
        return [Pair(text, expectation_path(text)) for text in texts] + [
            _orphan(item) for item in orphans
        ]
    if _is_expectation(path):
        if not os.path.lexists(path):
            return [Pair(path, path, "no such file")]
        text = _text_of(path)
        return [_orphan(path) if not os.path.lexists(text) else Pair(text, path)]
    return [Pair(path, expectation_path(path))]


def _is_expectation(path: str) -> bool:
    return path.lower().endswith(EXPECTED_SUFFIX)


def _text_of(expected: str) -> str:
    return expected[: -len(EXPECTED_SUFFIX)] + ".txt"


def _orphan(expected: str) -> Pair:
    text = _text_of(expected)
    return Pair(text, expected, f"no text beside it ({Path(text).name} is missing)")


# ---------------------------------------------------------------------- one file


def check_pair(pair: Pair, ignore: list[str], *, update: bool) -> FileResult:
    """Extract ``pair.text`` again, compare with its expectation, rewrite it on ``update``.
    Errors are reported on standard error as they are met."""
    shown = display_path(pair.text)
    if pair.problem is not None:
        report(display_path(pair.expected or pair.text), pair.problem)
        return FileResult(shown, pair.expected, "error", reason=pair.problem)
    assert pair.expected is not None  # only a problem pair has no expectation
    try:
        fresh = _fresh_records(pair.text)
    except _Unreadable as error:
        report(shown, error.reason)
        return FileResult(shown, pair.expected, "error", reason=error.reason)
    result, current = _against_expectation(shown, pair.expected, fresh, ignore)
    content = expectation_text(fresh)
    if update and current != content:
        with output_to(Path(pair.expected)) as out:
            out.write(content)
        result.updated = True
    return result


class _Unreadable(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _fresh_records(text: str) -> list[JsonRecord]:
    """The records of one text as ``extract`` gives them in its directory: parsed with the
    file name as source.path, then linked among themselves."""
    try:
        records = parse_bytes(read_input(text), source=display_path(Path(text).name))
        return records_json(link_records(records))
    except (InputError, DecodeError) as error:
        raise _Unreadable(error.reason) from None
    except Exception as error:  # a parser bug must not cost the other files
        raise _Unreadable(f"internal error: {type(error).__name__}: {error}") from None


def _against_expectation(
    shown: str, expected: str, fresh: list[JsonRecord], ignore: list[str]
) -> tuple[FileResult, str | None]:
    """The comparison with the expectation file, and the file's content (None when there
    is none or it cannot be read)."""
    try:
        current = Path(expected).read_text(encoding="utf-8")
    except FileNotFoundError:
        return FileResult(shown, expected, "new"), None
    except UnicodeDecodeError:
        return _broken(shown, expected, "not UTF-8"), None
    except OSError as error:
        return _broken(shown, expected, (error.strerror or str(error)).lower()), None
    try:
        diffs = compare(read_expectation(current), fresh, ignore)
    except ExpectationError as error:
        return _broken(shown, expected, error.reason), current
    return FileResult(shown, expected, "drift" if diffs else "ok", diffs), current


def _broken(shown: str, expected: str, reason: str) -> FileResult:
    report(display_path(expected), reason)
    return FileResult(shown, expected, "error", reason=reason)


# ---------------------------------------------------------------------- reports


def _print_result(console: Console, result: FileResult) -> None:
    for diff in result.diffs:
        console.print(_diff_line(result.path, diff))
    if result.status == "new":
        console.print(Text(f"{result.path}: no expectation", "yellow"))
    if result.updated and result.expected is not None:
        verb = "created" if result.status == "new" else "updated"
        console.print(Text(f"{verb} {display_path(result.expected)}", "green"))


def _diff_line(path: str, diff: Diff) -> Text:
    missing, extra = diff.change == "missing", diff.change == "extra"
    return Text.assemble(
        (f"{path} doc {diff.document}: ", "bold"),
        (diff.field or "record", "cyan"),
        ": expected ",
        ("nothing" if extra else show_value(diff.expected), "red"),
        " got ",
        ("nothing" if missing else show_value(diff.got), "green"),
    )


def _summary(results: list[FileResult], strict: bool) -> Text:
    counts = Counter(result.status for result in results)
    fields = sum(len(result.diffs) for result in results)
    parts = [
        f"{counts['ok']} ok" if counts["ok"] else "",
        f"{counts['drift']} drifted ({plural(fields, 'field')})" if counts["drift"] else "",
        f"{counts['new']} without expectation" if counts["new"] else "",
        plural(counts["error"], "error") if counts["error"] else "",
    ]
    line = f"{plural(len(results), 'file')}: {', '.join(filter(None, parts)) or 'nothing'}"
    updated = sum(result.updated for result in results)
    if updated:
        line += f"; {plural(updated, 'expectation')} written"
    failed = any(result.failed(strict) for result in results)
    return Text(line, "bold red" if failed else "bold green")


def _json_report(results: list[FileResult], strict: bool) -> dict[str, object]:
    counts = Counter(result.status for result in results)
    return {
        "files": [_json_file(result) for result in results],
        "summary": {
            "files": len(results),
            **{status: counts[status] for status in ("ok", "drift", "new", "error")},
            "updated": sum(result.updated for result in results),
            "failed": any(result.failed(strict) for result in results),
        },
    }


def _json_file(result: FileResult) -> dict[str, object]:
    entry: dict[str, object] = {
        "path": result.path,
        "expected": None if result.expected is None else display_path(result.expected),
        "status": result.status,
        "updated": result.updated,
        "diffs": [
            {
                "document": diff.document,
                "field": diff.field,
                "change": diff.change,
                "expected": diff.expected,
                "got": diff.got,
            }
            for diff in result.diffs
        ],
    }
    if result.reason is not None:
        entry["reason"] = result.reason
    return entry
