"""Resumable large runs: records written as JSON Lines shards plus a manifest.

``vbparse extract --output-dir DIR`` cuts the inputs, in their usual order, into shards of
``shard_size`` files.  Each shard's records go to ``DIR/shard-NNNNN.jsonl``, written
atomically, and ``DIR/manifest.json`` is rewritten (atomically too) after each shard.  A
run that stops half-way, killed or interrupted, leaves only whole shards; run it again
and the shards whose input files are unchanged (same paths, sizes and modification
times) are not parsed again.

Linking needs every record, so it comes last: the shards are read back in order, linked
(``vbparse.link``), and each is rewritten with its links.  Linking a shard again first
clears its earlier links, so a re-run that re-extracts a few shards re-links them all.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import count, islice
from pathlib import Path
from typing import Any

from vbparse import __version__
from vbparse.emit import atomic_output
from vbparse.link import link_on_disk
from vbparse.models import SCHEMA_VERSION, Record
from vbparse.parallel import Outcome

MANIFEST = "manifest.json"
DEFAULT_SHARD_FILES = 1000


@dataclass
class Shard:
    number: int
    inputs: int
    fingerprint: str
    documents: int = 0
    warnings: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)  # (path, reason)

    @property
    def file(self) -> str:
        return f"shard-{self.number:05d}.jsonl"

    def to_json(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "inputs": self.inputs,
            "documents": self.documents,
            "warnings": self.warnings,
            "fingerprint": self.fingerprint,
            "failures": [{"path": p, "reason": r} for p, r in self.failures],
        }


class Manifest:
    """``DIR/manifest.json``: which shards are done, from which inputs, and whether linked."""

    def __init__(self, directory: Path, shard_files: int) -> None:
        self.directory = directory
        self.shard_files = shard_files
        self.shards: dict[int, Shard] = {}
        self.linked = False
        self._load()

    def _load(self) -> None:
        path = self.directory / MANIFEST
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return  # no manifest (or an unreadable one): every shard is redone
        if data.get("shard_files") != self.shard_files or data.get("vbparse") != __version__:
            return  # other cuts or another parser: nothing earlier can be reused
        for entry in data.get("shards", []):
            number = int(entry["file"][len("shard-") : -len(".jsonl")])
            failures = [(f["path"], f["reason"]) for f in entry.get("failures", [])]
            self.shards[number] = Shard(
                number,
                entry["inputs"],
                entry["fingerprint"],
                entry["documents"],
                entry.get("warnings", 0),
                failures,
            )
        self.linked = bool(data.get("linked"))

    def done(self, number: int, fingerprint: str) -> Shard | None:
        shard = self.shards.get(number)
        if shard and shard.fingerprint == fingerprint and (self.directory / shard.file).exists():
            return shard
        return None

    def save(self, *, complete: bool = False) -> None:
        data = {
            "schema_version": SCHEMA_VERSION,
            "vbparse": __version__,
            "shard_files": self.shard_files,
            "complete": complete,
            "linked": self.linked,
            "shards": [self.shards[n].to_json() for n in sorted(self.shards)],
        }
        with atomic_output(self.directory / MANIFEST) as out:
            json.dump(data, out, ensure_ascii=False, indent=1)
            out.write("\n")


def fingerprint(items: list[str]) -> str:
    """Paths, sizes and modification times of a shard's inputs."""
    digest = hashlib.sha256()
    for item in items:
        try:
            stat = os.stat(item)
            digest.update(f"{item}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
        except OSError:
            digest.update(f"{item}\0missing\n".encode())
    return digest.hexdigest()


@dataclass
class ShardReport:
    """What a sharded run did, for the summary and the exit code."""

    parsed: int = 0
    reused: int = 0
    documents: int = 0
    warnings: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)


def write_shards(
    items: Iterable[str],
    directory: Path,
    parse: Callable[[Iterable[str]], Iterator[Outcome]],
    *,
    shard_files: int = DEFAULT_SHARD_FILES,
    link: bool = True,
    on_reused: Callable[[Shard], None] | None = None,
) -> ShardReport:
    """Extract ``items`` into shards under ``directory``; returns what was done.

    ``parse`` turns items into outcomes in input order (``parallel.parse_files``).
    """
    directory.mkdir(parents=True, exist_ok=True)
    manifest = Manifest(directory, shard_files)
    report = ShardReport()
    queue: deque[tuple[int, list[str], str]] = deque()  # shards whose files are being parsed
    kept: set[int] = set()

    def pending_items() -> Iterator[str]:
        source = iter(items)
        for number in count():
            chunk = list(islice(source, shard_files))
            if not chunk:
                return
            kept.add(number)
            mark = fingerprint(chunk)
            reused = manifest.done(number, mark)
            if reused is not None:
                report.reused += 1
                report.documents += reused.documents
                report.warnings += reused.warnings
                report.failures += reused.failures
                if on_reused is not None:
                    on_reused(reused)
                continue
            queue.append((number, chunk, mark))
            yield from chunk

    outcomes = parse(pending_items())
    while True:
        head = next(outcomes, None)
        if head is None:
            break
        number, chunk, mark = queue.popleft()
        batch = [head, *islice(outcomes, len(chunk) - 1)]
        shard = Shard(number, len(chunk), mark)
        with atomic_output(directory / shard.file) as out:
            for outcome in batch:
                if outcome.error is not None:
                    shard.failures.append((outcome.path, outcome.error))
                for record in outcome.records:
                    out.write(record.model_dump_json() + "\n")
                    shard.documents += 1
                    shard.warnings += len(record.warnings)
        manifest.shards[number] = shard
        manifest.linked = False
        manifest.save()
        report.parsed += 1
        report.documents += shard.documents
        report.warnings += shard.warnings
        report.failures += shard.failures
    for number in set(manifest.shards) - kept:  # shards of inputs that are gone
        (directory / manifest.shards.pop(number).file).unlink(missing_ok=True)
        manifest.linked = False
    if link and not (manifest.linked and report.parsed == 0):
        _link_shards(manifest)
        manifest.linked = True
    manifest.save(complete=True)
    return report


def read_shards(directory: Path) -> Iterator[Record]:
    """Every record of a sharded output, in order (as ``extract -o`` would have written)."""
    data = json.loads((directory / MANIFEST).read_text(encoding="utf-8"))
    return _records(directory, [entry["file"] for entry in data["shards"]])


def _records(directory: Path, files: list[str]) -> Iterator[Record]:
    for name in files:
        with (directory / name).open(encoding="utf-8") as lines:
            for line in lines:
                yield Record.model_validate_json(line)


def _link_shards(manifest: Manifest) -> None:
    """Link every shard's records together and rewrite each shard with its links."""
    shards = [manifest.shards[n] for n in sorted(manifest.shards)]
    linked = link_on_disk(_records(manifest.directory, [shard.file for shard in shards]))
    for shard in shards:
        with atomic_output(manifest.directory / (shard.file + ".linked")) as out:
            for record in islice(linked, shard.documents):
                out.write(record.model_dump_json() + "\n")
    for shard in shards:  # only once every shard is linked: a crash leaves the old ones
        path = manifest.directory / shard.file
        os.replace(f"{path}.linked", path)
