"""``vbparse graph``: the citation graph of a corpus, from its texts or its records."""

from __future__ import annotations

import itertools
import shutil
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

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
    Quiet,
    ReaderGone,
    RecordsInput,
    Tally,
    app,
    counted,
    fail,
    input_items,
    output_to,
    plural,
    tallied,
    then,
)
from vbparse.cli.progress import Watcher, watching
from vbparse.graph import Graph, GraphFormat, build_graph, write_graph
from vbparse.inputs import STDIN, InputError
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


@app.command(
    epilog=(
        "Examples:\n\n"
        "  vbparse graph dumps/ --format html -o graph.html   (open it in a browser)\n\n"
        "  vbparse graph dumps/ -o graph.json\n\n"
        "  vbparse graph records.jsonl --format dot | dot -Tsvg -o graph.svg\n\n"
        "  vbparse extract dumps/ | vbparse graph --records - --format mermaid\n\n"
        "  vbparse graph dumps/ --format graphml -o graph.graphml   (Gephi, yEd)"
    )
)
def graph(
    paths: Paths,
    fmt: Annotated[
        GraphFormat,
        typer.Option(
            "--format",
            help="json (nodes and edges), dot (Graphviz), graphml (Gephi, yEd), "
            "mermaid (a flowchart for Markdown) or html (one page to open in a browser, "
            "offline). See docs/graph.md.",
        ),
    ] = "json",
    output: OutputFile = None,
    records: RecordsInput = False,
    glob: Globs = None,
    encoding: Encoding = None,
    max_size: MaxSize = DEFAULT_MAX_MB,
    jobs: Jobs = None,
    quiet: Quiet = False,
) -> None:
    """Write the citation graph of the inputs: one node per document, one edge per
    cited document with the relation and how often.

    Texts are parsed and linked as by `extract`; copies of one document are one node,
    and a cited number the corpus lacks becomes a stub node.  Files named *.jsonl,
    *.ndjson or *.json are read as the records `extract` wrote, so a big corpus need not
    be parsed twice: one file of linked records is used as it is, anything else is
    linked again.  A file that cannot be read is reported on one line of standard error
    and skipped (exit code 1).
    """
    started = time.monotonic()
    tally = Tally()
    options = _Options(records, encoding, max_size * 1024 * 1024, jobs or default_jobs())
    with ExitStack() as stack:
        watch = stack.enter_context(watching(tally, quiet=quiet, verbose=False))
        inputs = _inputs(paths, glob, options, tally, stack)
        built = _graph(inputs, options, tally, watch)
        watch.phase("writing")
        try:
            with output_to(output) as out:
                write_graph(built, out, fmt)
        except ReaderGone:
            raise typer.Exit(EXIT_FAILED_INPUTS if tally.errors else 0) from None
    if not quiet and sys.stderr.isatty():
        typer.echo(f"{tally.summary(time.monotonic() - started)}; {_shape(built)}", err=True)
    if tally.errors:
        raise typer.Exit(EXIT_FAILED_INPUTS)


@dataclass(frozen=True)
class _Options:
    all_records: bool
    encoding: str | None
    max_bytes: int
    jobs: int


@dataclass(frozen=True)
class _Input:
    path: str  # as the user named it, for messages
    readable: str  # where to read it: the path, or a saved copy of standard input
    records: bool  # extracted records, not a text


def _inputs(
    paths: list[str], glob: list[str] | None, options: _Options, tally: Tally, stack: ExitStack
) -> list[_Input]:
    """Every input file, each a text or a records file; an argument matching nothing is
    reported.  Records on standard input are saved first: they may have to be read twice."""
    patterns = glob or (list(RECORD_GLOBS) if options.all_records else None)
    found: list[_Input] = []
    for item in input_items(paths, patterns, tally):
        is_records = options.all_records or is_record_file(item)
        readable = item
        if is_records and item == STDIN:
            directory = stack.enter_context(tempfile.TemporaryDirectory(prefix="vbparse-graph-"))
            readable = str(Path(directory) / "stdin.jsonl")
            with open(readable, "wb") as copy:
                shutil.copyfileobj(sys.stdin.buffer, copy)
        found.append(_Input(item, readable, is_records))
    return found


def _graph(inputs: list[_Input], options: _Options, tally: Tally, watch: Watcher) -> Graph:
    """The graph of every input.  One records file whose records are all linked is used
    as it is; otherwise, texts and records are linked together first."""
    texts = [item.path for item in inputs if not item.records]
    saved = [item for item in inputs if item.records]
    tally.files += len(saved)
    if not texts and len(saved) == 1:
        failures: list[tuple[str, str]] = []
        try:
            linked = _only_linked(_read_back(saved, options.max_bytes, failures))
            built = build_graph(counted(linked, tally))
        except _NotLinked:
            tally.documents = tally.warnings = 0  # read again below
        else:
            _report(failures, tally)
            return built
    failures = []
    outcomes = tallied(
        parse_files(
            texts, jobs=options.jobs, encoding=options.encoding, max_bytes=options.max_bytes
        ),
        tally,
        watch,
    )
    parsed = (record for outcome in outcomes for record in outcome.records)
    read = _read_back(saved, options.max_bytes, failures)
    everything = then(itertools.chain(parsed, read), lambda: watch.phase("linking"))
    built = build_graph(counted(link_on_disk(everything), tally))
    _report(failures, tally)
    return built


class _NotLinked(Exception):
    """A record was written without linking (``extract --no-link``, an older version)."""


def _only_linked(records: Iterable[Record]) -> Iterator[Record]:
    for record in records:
        if record.work_id is None:  # linking gives every record a work
            raise _NotLinked
        yield record


def _read_back(
    inputs: list[_Input], max_bytes: int, failures: list[tuple[str, str]]
) -> Iterator[Record]:
    """The records of each file; a bad file stops at its first bad line, and is noted in
    ``failures`` (reported once the graph is built: a first attempt may be abandoned)."""
    for item in inputs:
        try:
            with open_record_file(item.readable) as stream:
                yield from read_records(stream, max_chars=max_bytes)
        except (InputError, RecordFileError) as error:
            failures.append((item.path, error.reason))


def _report(failures: list[tuple[str, str]], tally: Tally) -> None:
    for path, reason in failures:
        fail(tally, path, reason)


def _shape(built: Graph) -> str:
    documents = len(built.nodes) - built.stub_count
    counts = (
        (documents, "document"),
        (built.stub_count, "stub"),
        (len(built.edges), "edge"),
    )
    return "graph of " + ", ".join(plural(n, noun) for n, noun in counts)
