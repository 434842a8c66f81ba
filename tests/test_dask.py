"""The Dask backend: a cluster gives exactly the Outcomes and records of a local run.

The cluster is a ``LocalCluster`` of two worker processes (not threads): outcomes really
cross a process boundary, and the workers' working directory is not the test's.
"""

from __future__ import annotations

import io
import math
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest

pytest.importorskip(
    "dask.distributed", reason="the Dask backend needs its extra: pip install 'vbparse[dask]'"
)

import dask
from distributed import Client, LocalCluster

import vbparse.dask
from vbparse.dask import ClusterError, extract_bag, outcome_bag, parse_files_on
from vbparse.inputs import iter_inputs
from vbparse.parallel import Outcome, parse_files

TEXTS = Path(__file__).parents[2] / "shared" / "corpus" / "texts"
FIXTURES = Path(__file__).parent / "fixtures"
CORPUS = TEXTS if TEXTS.is_dir() else FIXTURES
# Small batches: many of them, so that the window of batches in flight is refilled and
# partitions are several, even on the six fixture files.
BATCH = 3

Seen = tuple[str, str | None, int, list[str]]  # what an Outcome says, records as JSON


def seen(outcomes: Iterable[Outcome]) -> list[Seen]:
    return [(o.path, o.error, o.size, [r.model_dump_json() for r in o.records]) for o in outcomes]


@pytest.fixture(scope="module")
def client() -> Iterator[Client]:
    with (
        LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0"
        ) as cluster,
        Client(cluster, set_as_default=False) as client,
    ):
        yield client


@pytest.fixture(scope="module")
def items() -> list[str]:
    return list(iter_inputs([str(CORPUS)]))


@pytest.fixture(scope="module")
def local(items: list[str]) -> list[Seen]:
    return seen(parse_files(items, jobs=1))


def test_a_cluster_gives_the_outcomes_of_a_local_run(
    client: Client, items: list[str], local: list[Seen]
) -> None:
    # Several batches; on the dev corpus (95 files) 32, four times the window of two
    # single-threaded workers, so the window is refilled as batches come back.
    assert len(items) > BATCH
    assert seen(parse_files_on(client, items, batch_files=BATCH)) == local


def test_unordered_gives_the_same_outcomes(
    client: Client, items: list[str], local: list[Seen]
) -> None:
    few = items[: 4 * BATCH]
    outcomes = seen(parse_files_on(client, few, ordered=False, batch_files=BATCH))
    assert sorted(outcomes) == sorted(local[: len(few)])


def test_bad_files_give_the_same_error_outcomes(
    client: Client, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02" * 100)
    good = sorted(FIXTURES.glob("*.txt"))[0]
    inputs = [
        str(tmp_path / "empty.txt"),
        str(good),
        str(tmp_path / "binary.txt"),
        str(tmp_path / "missing.txt"),
        "-",
    ]
    stdin = good.read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin)))
    on_cluster = list(parse_files_on(client, inputs, batch_files=2))
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin)))
    here = list(parse_files(inputs, jobs=1))
    assert seen(on_cluster) == seen(here)
    errors = [o.error for o in on_cluster]
    assert errors == ["empty file", None, "binary file (NUL bytes)", "no such file", None]
    # Standard input is this process's: read here, it holds the file given to it.
    assert on_cluster[4].size == len(stdin) and on_cluster[4].records


def test_relative_paths_are_read_from_the_clients_directory(
    client: Client, items: list[str], local: list[Seen], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(CORPUS.parent)  # the workers started elsewhere, and stay there
    relative = [str(Path(CORPUS.name) / Path(item).name) for item in items[:BATCH]]
    outcomes = list(parse_files_on(client, relative, batch_files=BATCH))
    assert seen(outcomes) == seen(parse_files(relative, jobs=1))
    assert all(o.error is None for o in outcomes)
    assert {r.source.path for o in outcomes for r in o.records} <= set(relative)


def test_the_sync_scheduler_parses_here(items: list[str], local: list[Seen]) -> None:
    few = items[:BATCH]
    assert seen(parse_files_on("sync", few)) == local[:BATCH]


def test_the_local_scheduler_starts_a_cluster_for_the_run(
    items: list[str], local: list[Seen]
) -> None:
    few = items[:2]
    assert seen(parse_files_on("local", few, batch_files=1)) == local[:2]


def test_extract_bag_holds_the_records_in_input_order(items: list[str], local: list[Seen]) -> None:
    bag = extract_bag(CORPUS, batch_files=BATCH)
    assert bag.npartitions == math.ceil(len(items) / BATCH)
    records = bag.compute(scheduler="sync")
    assert [r.model_dump_json() for r in records] == [r for *_, rs in local for r in rs]


def test_extract_bag_runs_on_a_cluster(client: Client, items: list[str], local: list[Seen]) -> None:
    few = items[: 2 * BATCH]
    records = client.compute(extract_bag(few, batch_files=BATCH)).result()
    assert [r.model_dump_json() for r in records] == [r for *_, rs in local[: len(few)] for r in rs]


def test_outcome_bag_shows_what_extract_bag_skips(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(b"")
    good = sorted(FIXTURES.glob("*.txt"))[0]
    (tmp_path / "b.txt").write_bytes(good.read_bytes())
    outcomes = outcome_bag(tmp_path).compute(scheduler="sync")
    assert [(Path(o.path).name, o.error) for o in outcomes] == [
        ("a.txt", "empty file"),
        ("b.txt", None),
    ]
    records = extract_bag(tmp_path).compute(scheduler="sync")
    assert [r.model_dump_json() for r in records] == [
        r.model_dump_json() for r in outcomes[1].records
    ]


def test_a_bag_refuses_standard_input() -> None:
    with pytest.raises(ValueError, match="standard input"):
        outcome_bag(["-"])


@pytest.mark.parametrize(
    ("address", "reason"),
    [
        ("cluster-without-port", "not a Dask scheduler address: missing port number"),
        ("http://127.0.0.1:8786", "not a Dask scheduler address: unknown address scheme 'http'"),
        ("tcp://127.0.0.1:1", "cannot reach the Dask scheduler: Timed out trying to connect"),
    ],
)
def test_a_scheduler_that_cannot_be_used_is_a_cluster_error(address: str, reason: str) -> None:
    with (
        dask.config.set({"distributed.comm.timeouts.connect": "1s"}),
        pytest.raises(ClusterError) as raised,
    ):
        list(parse_files_on(address, [str(sorted(FIXTURES.glob("*.txt"))[0])]))
    assert raised.value.reason.startswith(reason)


def test_a_worker_with_another_vbparse_is_refused(
    client: Client, items: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # The workers are other processes: they keep the real version.
    monkeypatch.setattr(vbparse.dask, "__version__", "0.0.0+other")
    with pytest.raises(ClusterError, match=r"a worker runs vbparse .* and this process 0\.0\.0"):
        list(parse_files_on(client, items[:1]))


def test_extract_on_a_cluster_writes_the_records_of_jobs_1_and_jobs_n(client: Client) -> None:
    """The issue's promise: --jobs 1, --jobs N and the Dask backend give identical
    records, linked the same (linking runs in the client over what comes back)."""
    from typer.testing import CliRunner

    from vbparse.cli import app

    runner = CliRunner()
    address = client.scheduler.address  # type: ignore[union-attr]
    runs = {
        name: runner.invoke(app, ["extract", *args, str(CORPUS)])
        for name, args in {
            "jobs 1": ["-j", "1"],
            "jobs 2": ["-j", "2"],
            "cluster": ["--scheduler", address],
        }.items()
    }
    assert all(run.exit_code == 0 for run in runs.values()), {k: r.stderr for k, r in runs.items()}
    assert runs["jobs 1"].stdout == runs["jobs 2"].stdout == runs["cluster"].stdout
    assert '"target":"vb-' in runs["cluster"].stdout  # linked, not just parsed
