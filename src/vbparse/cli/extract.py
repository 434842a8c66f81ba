"""``vbparse extract``: one JSON record per document found in the inputs."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Annotated

import typer

from vbparse.cli.common import (
    EXIT_FAILED_INPUTS,
    Encoding,
    Globs,
    Paths,
    ReaderGone,
    Tally,
    app,
    output_to,
    parse_inputs,
)
from vbparse.emit import Format, write_records
from vbparse.inputs import DEFAULT_MAX_BYTES
from vbparse.link import link_on_disk


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
    paths: Paths,
    glob: Globs = None,
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
    encoding: Encoding = None,
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
    no_link: Annotated[
        bool,
        typer.Option(
            "--no-link",
            help="Skip linking: records stream out as they are parsed, with no target, "
            "work_id, duplicate_of or cited_by.",
        ),
    ] = False,
) -> None:
    """Extract one JSON record per document found in the inputs.

    A file that cannot be read or decoded is reported on one line of standard error and
    skipped; the others are still processed (exit code 1 instead of 0).

    The documents of the run are then linked: each citation found in the run points at
    the cited record (`target`), copies of one document share a `work_id`, and each record
    lists who cites it (`cited_by`).  Records are written when every input is read;
    `--no-link` streams them out at once instead.
    """
    started = time.monotonic()
    tally = Tally()
    records = parse_inputs(paths, glob, encoding, max_size * 1024 * 1024, tally)
    if not no_link:
        records = link_on_disk(records)
    try:
        with output_to(output) as out:
            documents = write_records(records, out, fmt)
    except ReaderGone:
        raise typer.Exit(EXIT_FAILED_INPUTS if tally.errors else 0) from None
    if errors is not None:
        with output_to(errors) as out:
            for path, reason in tally.failures:
                out.write(json.dumps({"path": path, "reason": reason}, ensure_ascii=False) + "\n")
    if not quiet and sys.stderr.isatty():
        typer.echo(tally.summary(documents, time.monotonic() - started), err=True)
    if tally.errors:
        raise typer.Exit(EXIT_FAILED_INPUTS)
