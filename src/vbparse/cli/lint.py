"""``vbparse lint``: check documents against NĐ 30/2020 (state) and HD 36-HD/VPTW (Party).

Findings go to standard output as ``path:line:column: CODE message`` (the way ruff and
compilers write them) or, with ``--format json``, as one JSON array of finding objects.
Exit code 1 when there is a finding or a failed input, 0 when every document conforms.
"""

from __future__ import annotations

import json
import sys
import time
from collections import Counter
from collections.abc import Iterator
from typing import Annotated, Literal, TextIO

import typer

from vbparse.cli.common import (
    DEFAULT_MAX_MB,
    EXIT_FAILED_INPUTS,
    Encoding,
    Globs,
    MaxSize,
    Paths,
    ReaderGone,
    Tally,
    app,
    counted,
    fail,
    input_items,
    output_to,
    tallied,
)
from vbparse.lint import Finding, UnknownSelector, lint_record, rule, selected_codes
from vbparse.lint.rules import check_selectors, split_selectors
from vbparse.parallel import parse_files

LintFormat = Literal["text", "json"]


def _known_selectors(values: list[str] | None) -> list[str] | None:
    """Refuse a code or prefix that names no rule, as a usage error (exit code 2)."""
    try:
        check_selectors(split_selectors(values))
    except UnknownSelector as error:
        raise typer.BadParameter(str(error)) from None
    return values


@app.command(
    epilog=(
        "Examples:\n\n"
        "  vbparse lint cong-van.txt\n\n"
        "  vbparse lint dumps/ --select VB1,VB2 --ignore VB104\n\n"
        "  vbparse lint dumps/ --statistics\n\n"
        "  vbparse lint dumps/ --format json > findings.json\n\n"
        "Rules: VB1xx number, VB2xx date, VB3xx header, VB4xx closing, VB5xx body "
        "(docs/lint.md lists them)."
    )
)
def lint(
    paths: Paths,
    glob: Globs = None,
    select: Annotated[
        list[str] | None,
        typer.Option(
            "--select",
            metavar="CODES",
            callback=_known_selectors,
            help="Run only these rules: codes or prefixes (VB101, VB1, ALL), "
            "comma-separated, repeatable (default: ALL).",
            show_default=False,
        ),
    ] = None,
    ignore: Annotated[
        list[str] | None,
        typer.Option(
            "--ignore",
            metavar="CODES",
            callback=_known_selectors,
            help="Skip these rules: codes or prefixes, comma-separated, repeatable. "
            "The more specific of --select and --ignore wins.",
            show_default=False,
        ),
    ] = None,
    fmt: Annotated[
        LintFormat,
        typer.Option(
            "--format",
            help="'text': path:line:column: CODE message; 'json': one JSON array of findings.",
        ),
    ] = "text",
    statistics: Annotated[
        bool,
        typer.Option("--statistics", help="Print the number of findings per rule instead."),
    ] = False,
    encoding: Encoding = None,
    max_size: MaxSize = DEFAULT_MAX_MB,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="No summary line on a terminal.")
    ] = False,
) -> None:
    """Check documents against the format rules of NĐ 30/2020 and HD 36-HD/VPTW.

    Each finding names the rule it breaks (VB101 …) and where in the input. A file that
    cannot be read or decoded is reported on one line of standard error and skipped.
    Exit code 1 when there are findings or failed inputs, 0 when there are none.
    """
    started = time.monotonic()
    codes = selected_codes(select, ignore)
    tally = Tally()
    findings = _findings(paths, glob, encoding, max_size * 1024 * 1024, tally, codes)
    try:
        with output_to(None) as out:
            if statistics:
                found = _write_statistics(findings, out, fmt)
            else:
                found = _write_findings(findings, out, fmt)
    except ReaderGone:  # ``| head`` left after reading findings: there were some
        raise typer.Exit(EXIT_FAILED_INPUTS) from None
    if not quiet and sys.stderr.isatty():
        noun = "finding" if found == 1 else "findings"
        typer.echo(f"{found} {noun}; {tally.summary(time.monotonic() - started)}", err=True)
    if found or tally.errors:
        raise typer.Exit(EXIT_FAILED_INPUTS)


def _findings(
    paths: list[str],
    glob: list[str] | None,
    encoding: str | None,
    max_bytes: int,
    tally: Tally,
    codes: frozenset[str],
) -> Iterator[Finding]:
    """The findings of every input; a failing input is reported and skipped.  The checks
    read the decoded text under each span, so the outcomes keep it."""
    outcomes = parse_files(
        input_items(paths, glob, tally), encoding=encoding, max_bytes=max_bytes, keep_text=True
    )
    for outcome in tallied(outcomes, tally):
        text = outcome.text or ""
        try:
            records = counted(outcome.records, tally)
            found = [f for r in records for f in lint_record(r, text, codes=codes)]
        except Exception as error:  # a checker bug must not cost the other files
            fail(tally, outcome.path, f"internal error: {type(error).__name__}: {error}")
            continue
        yield from found


def _one_line(text: str) -> str:
    return " ".join(text.splitlines())


def _write_findings(findings: Iterator[Finding], out: TextIO, fmt: LintFormat) -> int:
    count = 0
    if fmt == "json":
        out.write("[")
    for finding in findings:
        if fmt == "json":
            out.write(",\n" if count else "\n")
            out.write(finding.model_dump_json())
        else:
            where = f"{_one_line(finding.path)}:{finding.line}:{finding.column}"
            out.write(f"{where}: {finding.code} {_one_line(finding.message)}\n")
        count += 1
    if fmt == "json":
        out.write("\n]\n" if count else "]\n")
    return count


def _write_statistics(findings: Iterator[Finding], out: TextIO, fmt: LintFormat) -> int:
    counts = Counter(finding.code for finding in findings)
    ranked = sorted(counts.items(), key=lambda pair: (-pair[1], pair[0]))
    if fmt == "json":
        rows = [{"code": c, "name": rule(c).name, "count": n} for c, n in ranked]
        out.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
    else:
        for code, count in ranked:
            out.write(f"{count:>5}  {code}  {rule(code).name}\n")
    return sum(counts.values())
