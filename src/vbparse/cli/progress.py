"""What a long run shows on standard error while it works.

On a terminal: a live line of files, documents, errors, megabytes and rate (rich), gone
when the run ends.  ``--verbose`` adds one line per file.  When standard error is not a
terminal nothing is shown but errors, so logs and pipes stay clean.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import typer
from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TaskID, TextColumn, TimeElapsedColumn

from vbparse.cli.common import Tally, plural
from vbparse.parallel import Outcome


@dataclass
class Watcher:
    """Called with each file's outcome; feeds the live line and the verbose lines."""

    tally: Tally
    progress: Progress | None
    task: TaskID | None
    verbose: bool

    def __call__(self, outcome: Outcome) -> None:
        if self.verbose and outcome.error is None:
            typer.echo(f"{outcome.path}: {_documents(len(outcome.records))}", err=True)
        if self.progress is not None and self.task is not None:
            self.progress.update(self.task, counts=_counts(self.tally))

    def phase(self, description: str) -> None:
        """Name what the run is doing now (``linking``, ``writing``)."""
        if self.progress is not None and self.task is not None:
            self.progress.update(self.task, description=description)


def _documents(n: int) -> str:
    return plural(n, "document")


def _counts(tally: Tally) -> str:
    return f"{plural(tally.files, 'file')} · {tally.mb:.1f} MB · {plural(tally.errors, 'error')}"


@contextmanager
def watching(tally: Tally, *, quiet: bool, verbose: bool) -> Iterator[Watcher]:
    """A watcher for one run: a live progress line only when standard error is a terminal."""
    if quiet or not sys.stderr.isatty():
        yield Watcher(tally, None, None, verbose and not quiet)
        return
    progress = Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        TextColumn("{task.fields[counts]}"),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        transient=True,
        redirect_stdout=False,  # records go to standard output untouched
    )
    with progress:
        task = progress.add_task("reading", total=None, counts=_counts(tally))
        yield Watcher(tally, progress, task, verbose)
