"""``vbparse stats``: a summary of a corpus, from its texts or from extracted records."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Annotated, Literal

import typer

from vbparse.cli.common import (
    DEFAULT_MAX_MB,
    EXIT_FAILED_INPUTS,
    Encoding,
    Globs,
    Jobs,
    MaxSize,
    OutputFile,
    Paths,
    ReaderGone,
    RecordsInput,
    Tally,
    app,
    fail,
    input_items,
    output_to,
    tallied,
)
from vbparse.cli.stats_view import write_tables
from vbparse.inputs import DEFAULT_GLOBS, InputError
from vbparse.link import link_on_disk
from vbparse.models import Record
from vbparse.parallel import default_jobs, parse_files
from vbparse.record_files import (
    RECORD_GLOBS,
    RecordFileError,
    is_record_file,
    open_record_file,
    read_records,
)
from vbparse.stats import DEFAULT_TOP, Stats

# Bumped only when a key of the JSON report changes meaning or goes away (docs/stats.md).
STATS_VERSION = 1

ReportFormat = Literal["text", "json"]


@app.command(
    epilog=(
        "Examples:\n\n"
        "  vbparse stats dumps/\n\n"
        "  vbparse stats records.jsonl --top 20\n\n"
        "  vbparse extract dumps/ | vbparse stats --records -\n\n"
        "  vbparse stats dumps/ --format json -o stats.json"
    )
)
def stats(
    paths: Paths,
    records: RecordsInput = False,
    glob: Globs = None,
    top: Annotated[
        int,
        typer.Option(
            "--top",
            metavar="N",
            min=0,
            help="How many issuers and most-cited numbers to list.",
        ),
    ] = DEFAULT_TOP,
    fmt: Annotated[
        ReportFormat,
        typer.Option(
            "--format",
            help="Tables (rich on a terminal, plain text otherwise) or one JSON object.",
        ),
    ] = "text",
    output: OutputFile = None,
    encoding: Encoding = None,
    max_size: MaxSize = DEFAULT_MAX_MB,
    no_link: Annotated[
        bool,
        typer.Option(
            "--no-link",
            help="Do not link the texts (as `extract --no-link`): no copies are told apart "
            "and whether a cited document is in the corpus stays unknown.",
        ),
    ] = False,
    jobs: Jobs = None,
) -> None:
    """Summarise a corpus: documents by type, issuer, year and system, how often each
    field was found, warnings, and the most-cited documents.

    Texts are parsed and linked as by `extract`; files named *.jsonl, *.ndjson or *.json
    are read as the records `extract` wrote, so a corpus need not be parsed twice.  Only
    counts are kept in memory (linking spools to a temporary directory).  A file that
    cannot be read is reported on one line of standard error and skipped (exit code 1).
    """
    tally = Tally()
    options = _Options(records, encoding, max_size * 1024 * 1024, jobs or default_jobs(), no_link)
    summary = _summarise(paths, glob, options, tally)
    report = {
        "stats_version": STATS_VERSION,
        "files": tally.files,
        "errors": tally.errors,
        **summary.to_dict(top=top),
    }
    try:
        with output_to(output) as out:
            if fmt == "json":
                out.write(json.dumps(report, ensure_ascii=False, indent=2) + "\n")
            else:
                write_tables(report, out, terminal=out.isatty())
    except ReaderGone:
        pass
    if tally.errors:
        raise typer.Exit(EXIT_FAILED_INPUTS)


def _summarise(paths: list[str], glob: list[str] | None, options: _Options, tally: Tally) -> Stats:
    """The statistics of every input.  Texts are parsed and linked together, as
    ``extract`` would; records files are counted as they were written, linked or not."""
    summary = Stats()
    texts = _text_files(paths, glob, options, tally, summary)
    parsed = _parsed(texts, options, tally)
    for record in parsed if options.no_link else link_on_disk(parsed):
        summary.add(record)
    return summary


@dataclass(frozen=True)
class _Options:
    all_records: bool
    encoding: str | None
    max_bytes: int
    jobs: int
    no_link: bool


def _text_files(
    paths: list[str], glob: list[str] | None, options: _Options, tally: Tally, summary: Stats
) -> Iterator[str]:
    """The text files among the inputs; records files are read on the way, straight into
    ``summary``.  A failing input is reported and skipped."""
    patterns = glob or list(RECORD_GLOBS if options.all_records else DEFAULT_GLOBS)
    for item in input_items(paths, patterns, tally):
        if options.all_records or is_record_file(item):
            tally.files += 1
            _read_back(item, options.max_bytes, tally, summary)
        else:
            yield item


def _parsed(items: Iterable[str], options: _Options, tally: Tally) -> Iterator[Record]:
    outcomes = parse_files(
        items, jobs=options.jobs, encoding=options.encoding, max_bytes=options.max_bytes
    )
    for outcome in tallied(outcomes, tally):
        yield from outcome.records


def _read_back(item: str, max_bytes: int, tally: Tally, summary: Stats) -> None:
    try:
        with open_record_file(item) as stream:
            for record in read_records(stream, max_chars=max_bytes):
                summary.add(record)
    except (InputError, RecordFileError) as error:
        fail(tally, item, error.reason)
