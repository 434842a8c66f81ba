"""CPU time of each pipeline stage over a corpus, with no profiler hooks.

A profiler such as pyinstrument or py-spy says which functions are hot, but its hooks
slow Python calls and generator steps far more than regex calls in C, so its shares are
skewed.  This script wraps each stage in ``time.process_time()`` and nothing else, and
parses the files in this process, one after the other, as ``vbparse extract --jobs 1``
does (without the linking and writing).  Nested stages are also counted in their parent
(``find_citations`` is part of ``read_document``).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

import vbparse.citations
import vbparse.document
import vbparse.pipeline
from vbparse.decode import decode_bytes

# (module, attribute, label, depth): each is replaced by a timed wrapper while running.
STAGES = [
    (vbparse.pipeline, "normalize", "normalize", 0),
    (vbparse.pipeline, "split_lines", "split_lines", 0),
    (vbparse.pipeline, "segment", "segment", 0),
    (vbparse.pipeline, "read_document", "read_document", 0),
    (vbparse.document, "find_zones", "find_zones", 1),
    (vbparse.document, "find_citations", "find_citations", 1),
    (vbparse.citations, "relations_at", "relations_at", 2),
]


def _timed(function: Callable[..., Any], label: str, spent: dict[str, float]) -> Callable[..., Any]:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        started = time.process_time()
        try:
            return function(*args, **kwargs)
        finally:
            spent[label] += time.process_time() - started

    return wrapper


def corpus_files(root: Path) -> list[Path]:
    found: list[Path] = []
    for directory, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found += [Path(directory, f) for f in sorted(files) if f.endswith((".txt", ".md"))]
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python benchmarks/stages.py",
        description=__doc__.split("\n\n")[0],
        epilog="Example:\n  python benchmarks/stages.py /tmp/bench-2k --files 600",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("corpus", type=Path, help="a folder of dumps (benchmarks/corpus.py)")
    parser.add_argument("--files", type=int, default=None, help="only the first N files")
    args = parser.parse_args(argv)
    files = corpus_files(args.corpus)[: args.files]
    if not files:
        parser.error(f"{args.corpus}: no *.txt or *.md files")
    spent: dict[str, float] = defaultdict(float)
    originals = [(module, name, getattr(module, name)) for module, name, _, _ in STAGES]
    for (module, name, label, _), (_, _, function) in zip(STAGES, originals, strict=True):
        setattr(module, name, _timed(function, label, spent))
    size = records = 0
    started = time.process_time()
    try:
        for path in files:
            data = path.read_bytes()
            size += len(data)
            for record in vbparse.pipeline.parse_text(decode_bytes(data).text):
                record.model_dump_json()
                records += 1
    finally:
        for module, name, function in originals:
            setattr(module, name, function)
    total = time.process_time() - started
    print(
        f"{len(files)} files, {records} records, {size / 1e6:.1f} MB: "
        f"{total:.2f} s CPU, {size / 1e6 / total:.2f} MB/s, {records / total:.0f} records/s"
    )
    for _, _, label, depth in STAGES:
        name = "  " * depth + label
        print(f"  {name:<18} {spent[label]:7.2f} s {spent[label] / total:6.1%}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
