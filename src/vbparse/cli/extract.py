"""``vbparse extract``: one JSON record per document found in the inputs."""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Annotated

import typer

from vbparse.cli.common import (
    DEFAULT_MAX_MB,
    EXIT_FAILED_INPUTS,
    EXIT_OUTPUT_ERROR,
    Encoding,
    Globs,
    Jobs,
    MaxSize,
    OutputFile,
    Paths,
    Quiet,
    ReaderGone,
    Tally,
    app,
    counted,
    fail,
    input_items,
    output_to,
    report,
    tallied,
    then,
)
from vbparse.cli.progress import watching
from vbparse.emit import Format, write_database, write_records
from vbparse.inputs import STDIN
from vbparse.link import link_on_disk
from vbparse.models import Record
from vbparse.parallel import Outcome, default_jobs, parse_files
from vbparse.shards import DEFAULT_SHARD_FILES, Shard, write_shards


def _dask_installed(address: str | None) -> str | None:
    """Refuse --scheduler at once, before reading anything, when Dask is not installed."""
    if address is not None:
        try:
            import vbparse.dask  # noqa: F401
        except ImportError as error:
            raise typer.BadParameter(str(error)) from None
    return address


@app.command(
    epilog=(
        "Examples:\n\n"
        "  vbparse extract cong-van.txt\n\n"
        "  vbparse extract dumps/ --glob '*.TXT' -o records.jsonl\n\n"
        "  cat cong-van.txt | vbparse extract - --format json\n\n"
        "  vbparse extract dumps/ -o records.jsonl --errors failed.jsonl\n\n"
        "  vbparse extract dumps/ --format sqlite -o corpus.db\n\n"
        "  vbparse extract archive/ --output-dir records/ --jobs 8   (run again to resume)\n\n"
        "  vbparse extract /shared/dumps --scheduler tcp://host:8786 -o records.jsonl"
    )
)
def extract(
    paths: Paths,
    glob: Globs = None,
    output: OutputFile = None,
    fmt: Annotated[
        Format,
        typer.Option(
            "--format",
            help="jsonl (one record a line), json (one array), csv (one row a record), "
            "register (the incoming-documents register of NĐ 30, CSV for a spreadsheet) "
            "or sqlite (a database with full-text search; needs -o FILE). "
            "See docs/export.md.",
        ),
    ] = "jsonl",
    encoding: Encoding = None,
    max_size: MaxSize = DEFAULT_MAX_MB,
    errors: Annotated[
        Path | None,
        typer.Option(
            "--errors",
            metavar="FILE",
            help="Also write each failed input as a JSON line {path, reason} to FILE.",
            show_default=False,
        ),
    ] = None,
    quiet: Quiet = False,
    no_link: Annotated[
        bool,
        typer.Option(
            "--no-link",
            help="Skip linking: records stream out as they are parsed, with no target, "
            "work_id, duplicate_of or cited_by.",
        ),
    ] = False,
    jobs: Jobs = None,
    unordered: Annotated[
        bool,
        typer.Option(
            "--unordered",
            help="With several jobs, write records as files finish, not in input order.",
        ),
    ] = False,
    scheduler: Annotated[
        str | None,
        typer.Option(
            "--scheduler",
            metavar="ADDRESS",
            callback=_dask_installed,
            # ``\\[`` : rich would read ``[dask]`` as a style tag and print nothing.
            help="Parse on the Dask cluster at ADDRESS (tcp://host:8786, or 'local') instead "
            "of --jobs processes; every worker must read the files at the same paths. "
            "Needs pip install 'vbparse\\[dask]'.",
            show_default=False,
        ),
    ] = None,
    output_dir: Annotated[
        Path | None,
        typer.Option(
            "--output-dir",
            metavar="DIR",
            help="Write JSON Lines shards and a manifest to DIR; run again to resume, "
            "skipping the shards whose files have not changed.",
            show_default=False,
        ),
    ] = None,
    shard_files: Annotated[
        int,
        typer.Option("--shard-size", metavar="FILES", min=1, help="Input files per shard."),
    ] = DEFAULT_SHARD_FILES,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="One line per file on standard error.")
    ] = False,
) -> None:
    """Extract one record per document found in the inputs (JSON Lines unless --format).

    A file that cannot be read or decoded is reported on one line of standard error and
    skipped; the others are still processed (exit code 1 instead of 0).

    The documents of the run are then linked: each citation found in the run points at
    the cited record (`target`), copies of one document share a `work_id`, and each record
    lists who cites it (`cited_by`).  Records are written when every input is read;
    `--no-link` streams them out at once instead.
    """
    if output_dir is not None and (output is not None or fmt != "jsonl"):
        raise typer.BadParameter("--output-dir writes JSON Lines shards: drop -o and --format")
    if fmt == "sqlite" and (output is None or str(output) == STDIN):
        raise typer.BadParameter("--format sqlite needs -o FILE")
    started = time.monotonic()
    tally = Tally()
    jobs = jobs or default_jobs()
    max_bytes = max_size * 1024 * 1024
    with watching(tally, quiet=quiet, verbose=verbose) as watch:

        def parse(items: Iterable[str], ordered: bool = True) -> Iterator[Outcome]:
            if scheduler is not None:
                outcomes = _on_cluster(scheduler, items, ordered, encoding, max_bytes)
            else:
                outcomes = parse_files(
                    items, jobs=jobs, ordered=ordered, encoding=encoding, max_bytes=max_bytes
                )
            return tallied(outcomes, tally, watch)

        items = input_items(paths, glob, tally)
        if output_dir is not None:
            _write_shards(items, output_dir, parse, tally, shard_files, link=not no_link)
        else:
            records: Iterable[Record] = (
                record for outcome in parse(items, not unordered) for record in outcome.records
            )
            if not no_link:
                records = link_on_disk(then(records, lambda: watch.phase("linking")))
            _write(counted(records, tally), output, fmt, tally)
    if errors is not None:
        with output_to(errors) as out:
            for path, reason in tally.failures:
                out.write(json.dumps({"path": path, "reason": reason}, ensure_ascii=False) + "\n")
    if not quiet and (verbose or sys.stderr.isatty()):
        typer.echo(tally.summary(time.monotonic() - started), err=True)
    if tally.errors:
        raise typer.Exit(EXIT_FAILED_INPUTS)


def _on_cluster(
    scheduler: str, items: Iterable[str], ordered: bool, encoding: str | None, max_bytes: int
) -> Iterator[Outcome]:
    from vbparse.dask import ClusterError, parse_files_on  # an optional extra

    try:
        yield from parse_files_on(
            scheduler, items, ordered=ordered, encoding=encoding, max_bytes=max_bytes
        )
    except ClusterError as error:  # the run cannot finish: one line, no output file
        report(scheduler, error.reason)
        raise typer.Exit(EXIT_FAILED_INPUTS) from None


def _write(records: Iterable[Record], output: Path | None, fmt: Format, tally: Tally) -> None:
    if fmt == "sqlite":
        assert output is not None
        _write_database(records, output)
        return
    try:
        with output_to(output) as out:
            write_records(records, out, fmt)
    except ReaderGone:
        raise typer.Exit(EXIT_FAILED_INPUTS if tally.errors else 0) from None


def _write_shards(
    items: Iterable[str],
    directory: Path,
    parse: Callable[[Iterable[str]], Iterator[Outcome]],
    tally: Tally,
    shard_files: int,
    *,
    link: bool,
) -> None:
    """``--output-dir``: shards and a manifest; finished shards of an earlier run are kept."""

    def reused(shard: Shard) -> None:  # its files are not read again: say what they held
        tally.files += shard.inputs
        for path, reason in shard.failures:
            fail(tally, path, reason)

    try:
        done = write_shards(
            items, directory, parse, shard_files=shard_files, link=link, on_reused=reused
        )
    except OSError as error:
        report(str(directory), f"cannot write: {(error.strerror or str(error)).lower()}")
        raise typer.Exit(EXIT_OUTPUT_ERROR) from None
    tally.documents += done.documents
    tally.warnings += done.warnings


def _write_database(records: Iterable[Record], output: Path) -> int:
    """SQLite needs a file it can seek in (checked before parsing); exit 3 if unwritable."""
    try:
        return write_database(records, output)
    except OSError as error:
        report(str(output), f"cannot write: {(error.strerror or str(error)).lower()}")
        raise typer.Exit(EXIT_OUTPUT_ERROR) from None
