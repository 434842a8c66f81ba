"""Parsing many files: one process, or a pool of worker processes fed batches of paths.

Each input becomes an ``Outcome``: its records, or the one-line reason it failed.  A
file's failure, even a parser bug, never costs the other files.

With several jobs the paths go to the workers in batches (one file per task spends more
time passing messages than parsing), and only a bounded window of batches is in flight,
so memory stays flat however many files there are.  Outcomes come back in input order,
or, with ``ordered=False``, as soon as each batch is done.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass
from functools import partial
from itertools import islice

from vbparse.decode import DecodeError
from vbparse.inputs import DEFAULT_MAX_BYTES, STDIN, InputError, display_path, read_input
from vbparse.models import Record
from vbparse.pipeline import read_bytes

BATCH_FILES = 32
_BATCHES_PER_JOB = 4  # in flight: enough to keep every worker busy, few enough to stay small


@dataclass(frozen=True)
class Outcome:
    """One input file: what it held, or why it could not be read."""

    path: str
    records: tuple[Record, ...] = ()
    error: str | None = None
    size: int = 0  # bytes read
    text: str | None = None  # the decoded text, when asked for (``keep_text``)


def default_jobs() -> int:
    """The cores this process may use (a container or ``taskset`` may allow fewer)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def parse_file(
    item: str,
    encoding: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    *,
    read_from: str | None = None,
    keep_text: bool = False,
) -> Outcome:
    """Read and parse one input; never raises for a bad file or a parser bug.

    ``read_from`` is where to read ``item`` when this process's working directory is not
    the one ``item`` is relative to (a cluster worker); records still name ``item``.
    ``keep_text`` keeps the decoded text the records' spans point into (``lint``).
    """
    try:
        data = read_input(read_from or item, max_bytes=max_bytes)
        text, records = read_bytes(data, source=display_path(item), encoding=encoding)
    except (InputError, DecodeError) as error:
        return Outcome(item, error=error.reason)
    except Exception as error:  # a parser bug must not cost the other files
        return Outcome(item, error=f"internal error: {type(error).__name__}: {error}")
    return Outcome(item, tuple(records), size=len(data), text=text if keep_text else None)


def _parse_batch(
    items: list[str], encoding: str | None, max_bytes: int, keep_text: bool
) -> list[Outcome]:
    return [parse_file(item, encoding, max_bytes, keep_text=keep_text) for item in items]


def parse_files(
    items: Iterable[str],
    *,
    jobs: int = 1,
    ordered: bool = True,
    encoding: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    keep_text: bool = False,
) -> Iterator[Outcome]:
    """Outcomes of every input, parsed by ``jobs`` processes."""
    parse = partial(_parse_batch, encoding=encoding, max_bytes=max_bytes, keep_text=keep_text)
    if jobs <= 1:
        for item in items:
            yield from parse([item])
        return
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        try:
            yield from _pooled(pool, parse, iter(items), jobs, ordered)
        except BaseException:
            pool.shutdown(wait=False, cancel_futures=True)
            raise


def _pooled(
    pool: ProcessPoolExecutor,
    parse: Callable[[list[str]], list[Outcome]],
    items: Iterator[str],
    jobs: int,
    ordered: bool,
) -> Iterator[Outcome]:
    pending: deque[Future[list[Outcome]]] = deque()
    window = jobs * _BATCHES_PER_JOB

    def submit() -> bool:
        batch = list(islice(items, BATCH_FILES))
        if not batch:
            return False
        if STDIN in batch:  # standard input belongs to this process: read it here
            done: Future[list[Outcome]] = Future()
            done.set_result(parse(batch))
            pending.append(done)
        else:
            pending.append(pool.submit(parse, batch))
        return True

    more = True
    while more or pending:
        while more and len(pending) < window:
            more = submit()
        if not pending:
            break
        if ordered:
            yield from pending.popleft().result()
        else:
            finished, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in [f for f in pending if f in finished]:
                pending.remove(future)
                yield from future.result()
