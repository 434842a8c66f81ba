# dask and distributed ship type hints, but much of their API is unannotated:
# mypy: disallow-untyped-calls=False

"""Parsing on a Dask cluster: the Outcomes of ``vbparse.parallel``, computed on its workers.

Needs the optional extra: ``pip install 'vbparse[dask]'``.  Two ways in:

- ``parse_files_on(scheduler, items)`` keeps the contract of ``parallel.parse_files``:
  one ``Outcome`` per input, in input order (or as batches finish), never an exception
  for a bad file.  Batches of paths go to the workers with only a bounded window in
  flight, so this process's memory stays flat however large the corpus.
  ``vbparse extract --scheduler`` uses it and links the records here as they arrive:
  records and links are those of a local run.
- ``outcome_bag`` and ``extract_bag`` build a ``dask.bag.Bag`` (one partition per batch
  of files, in input order) for a Dask pipeline of one's own.  Its records are unlinked,
  as ``vbparse extract --no-link`` writes them.

Only paths travel: each worker opens the files itself, so every worker must see them at
the same paths as this process (a shared or replicated file system).  A relative path is
read from this process's working directory, not the worker's, and still reported as
given.  Every worker needs the same version of vbparse; a batch parsed by another version
is refused rather than mixed into the output.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from itertools import islice

from vbparse import __version__
from vbparse.inputs import DEFAULT_MAX_BYTES, STDIN, iter_inputs
from vbparse.models import Record
from vbparse.parallel import BATCH_FILES, Outcome, parse_file, parse_files

try:
    import dask.bag as db
    from distributed import Client, Future, LocalCluster, as_completed
    from distributed.comm.addressing import get_address_host_port
except ImportError as error:  # the extra is optional: say how to get it
    raise ImportError("the Dask backend needs: pip install 'vbparse[dask]'") from error

SYNC = "sync"  # no cluster: parse in this process, one file after the other
LOCAL = "local"  # a throwaway cluster on this machine, one single-threaded worker per core
# In flight per worker thread: enough to keep every worker busy, few enough to stay small.
_BATCHES_PER_THREAD = 4

PathArg = str | os.PathLike[str]
_Parsed = tuple[str, list[Outcome]]  # (the vbparse version that parsed it, outcomes)


class ClusterError(Exception):
    """The cluster could not do the work: unreachable, a worker lost, another vbparse.

    Not a bad input (those are ``Outcome`` errors); ``reason`` is one line for the user.
    """

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def outcome_bag(
    paths: PathArg | Iterable[PathArg],
    *,
    glob: list[str] | None = None,
    encoding: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    batch_files: int = BATCH_FILES,
) -> db.Bag:
    """A bag of one ``Outcome`` per input file: its records, or why it failed.

    ``paths`` are files, or directories searched for ``glob`` as on the command line
    (``*.txt`` and ``*.md`` by default); they are listed here, once.  Each partition
    holds ``batch_files`` files, and partitions follow the input order.  A worker cannot
    read this process's standard input, so ``-`` is refused with ``ValueError``.
    """
    items = list(iter_inputs(_path_list(paths), glob))
    if STDIN in items:
        raise ValueError("standard input ('-') cannot be read by Dask workers: give file paths")
    parse = partial(_parse_from, cwd=os.getcwd(), encoding=encoding, max_bytes=max_bytes)
    bag: db.Bag = db.from_sequence(items, partition_size=batch_files).map(parse)
    return bag


def extract_bag(
    paths: PathArg | Iterable[PathArg],
    *,
    glob: list[str] | None = None,
    encoding: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    batch_files: int = BATCH_FILES,
) -> db.Bag:
    """A bag of the ``Record`` of every document in the inputs, in input order.

    The records of ``outcome_bag(...)``, flattened: a file that cannot be read or
    decoded adds no record, so use ``outcome_bag`` to list failures.
    """
    outcomes = outcome_bag(
        paths, glob=glob, encoding=encoding, max_bytes=max_bytes, batch_files=batch_files
    )
    records: db.Bag = outcomes.map(_records).flatten()
    return records


def parse_files_on(
    scheduler: str | Client,
    items: Iterable[str],
    *,
    ordered: bool = True,
    encoding: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    batch_files: int = BATCH_FILES,
) -> Iterator[Outcome]:
    """Outcomes of every input, as ``parallel.parse_files``, parsed on a Dask cluster.

    ``scheduler`` is a scheduler's address (``tcp://host:8786``), ``"local"`` for a
    cluster on this machine for the run, ``"sync"`` for no cluster at all, or a connected
    ``distributed.Client`` (left open).  Standard input is read here, not on a worker.
    Raises ``ClusterError`` when the cluster cannot be reached or loses work.
    """
    if scheduler == SYNC:
        yield from parse_files(items, ordered=ordered, encoding=encoding, max_bytes=max_bytes)
        return
    with _connected(scheduler) as client:
        # Sized by the workers there at the start: ones that join later share the window.
        window = max(1, sum(client.nthreads().values())) * _BATCHES_PER_THREAD
        cwd = os.getcwd()
        batches = (
            _start(client, batch, cwd, encoding, max_bytes)
            for batch in _batched(items, batch_files)
        )
        if ordered:
            yield from _in_order(batches, window)
        else:
            yield from _as_finished(batches, window, client)


def _path_list(paths: PathArg | Iterable[PathArg]) -> list[str]:
    if isinstance(paths, str | os.PathLike):  # one path, not an iterable of characters
        paths = [paths]
    return [os.fspath(path) for path in paths]


def _records(outcome: Outcome) -> tuple[Record, ...]:
    return outcome.records


def _parse_from(item: str, cwd: str, encoding: str | None, max_bytes: int) -> Outcome:
    """``parse_file(item)`` on a worker whose working directory may not be the client's."""
    location = None if item == STDIN else os.path.join(cwd, item)
    return parse_file(item, encoding, max_bytes, read_from=location)


def _parse_batch(items: list[str], cwd: str, encoding: str | None, max_bytes: int) -> _Parsed:
    """A batch parsed on a worker, with the version of vbparse the worker runs."""
    return __version__, [_parse_from(item, cwd, encoding, max_bytes) for item in items]


@dataclass(frozen=True)
class _Batch:
    """A batch of inputs: on its way through the cluster, or already parsed here."""

    first: str  # names the batch in an error
    future: Future[_Parsed] | None = None
    here: list[Outcome] = field(default_factory=list)

    def outcomes(self) -> list[Outcome]:
        if self.future is None:
            return self.here
        try:
            version, outcomes = self.future.result()
        except Exception as error:  # parse_file never raises: the cluster itself failed
            raise ClusterError(
                f"the cluster lost the batch starting at {self.first}: "
                f"{type(error).__name__}: {error}"
            ) from error
        if version != __version__:
            raise ClusterError(
                f"a worker runs vbparse {version} and this process {__version__}: "
                "install the same version everywhere"
            )
        return outcomes


def _start(
    client: Client, items: list[str], cwd: str, encoding: str | None, max_bytes: int
) -> _Batch:
    if STDIN in items:  # standard input belongs to this process: read it here
        return _Batch(
            items[0], here=[_parse_from(item, cwd, encoding, max_bytes) for item in items]
        )
    # pure=False: reading a file is not a pure function of its path, and hashing the
    # arguments for a key would only cost time.
    future = client.submit(_parse_batch, items, cwd, encoding, max_bytes, pure=False)
    return _Batch(items[0], future)


def _in_order(batches: Iterator[_Batch], window: int) -> Iterator[Outcome]:
    flying = deque(islice(batches, window))
    try:
        while flying:
            outcomes = flying.popleft().outcomes()
            flying.extend(islice(batches, 1))  # before yielding: a slow reader stalls no worker
            yield from outcomes
    finally:
        _cancel(flying)


def _as_finished(batches: Iterator[_Batch], window: int, client: Client) -> Iterator[Outcome]:
    finished = as_completed(loop=client.loop)
    flying: dict[Future[_Parsed], _Batch] = {}
    ready: deque[_Batch] = deque()

    def launch(count: int) -> None:
        for batch in islice(batches, count):
            if batch.future is None:
                ready.append(batch)
            else:
                flying[batch.future] = batch
                finished.add(batch.future)

    launch(window)
    try:
        while ready or flying:
            batch = ready.popleft() if ready else flying.pop(next(finished))
            outcomes = batch.outcomes()
            launch(1)
            yield from outcomes
    finally:
        _cancel(flying.values())


def _cancel(batches: Iterable[_Batch]) -> None:
    """Stop the work nobody will read (the reader stopped early, or the run failed)."""
    for batch in batches:
        if batch.future is not None:
            batch.future.cancel()


@contextmanager
def _connected(scheduler: str | Client) -> Iterator[Client]:
    if isinstance(scheduler, Client):
        yield scheduler  # the caller's, to close when they are done
        return
    if scheduler == LOCAL:
        # Parsing holds the GIL: one single-threaded worker process per core.  The
        # scheduler serves HTTP even without a dashboard: on a free port, since a real
        # cluster may hold the default one.
        with (
            LocalCluster(threads_per_worker=1, dashboard_address=":0") as cluster,
            Client(cluster, set_as_default=False) as client,
        ):
            yield client
        return
    try:
        # Checked first: on a malformed address Client fails and then prints a
        # traceback from its destructor.
        get_address_host_port(scheduler)
    except ValueError as error:
        raise ClusterError(f"not a Dask scheduler address: {error}") from None
    try:
        client = Client(scheduler, set_as_default=False)
    except OSError as error:
        raise ClusterError(f"cannot reach the Dask scheduler: {error}") from None
    with client:
        yield client


def _batched(items: Iterable[str], size: int) -> Iterator[list[str]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch
