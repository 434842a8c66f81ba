"""Time ``vbparse extract`` end to end on a corpus, against a bare one-regex scan.

Both runs are child processes, timed from outside, so each includes interpreter start-up:

- ``vbparse extract CORPUS -o FILE`` (the real CLI, JSON Lines written to a file);
- the yardstick: read every file, decode it as UTF-8 and count the matches of one
  regular expression (a document number, ``Số[:\\s]*\\d+[-/]\\S+``).

For each it reports wall time, documents/s (the records vbparse wrote, for both rows), MB/s
of input (MB = 10^6 bytes), CPU time and peak resident memory, then the ratio of the two
wall times.  CPU time and peak memory come from ``wait4``: CPU time includes vbparse's
worker processes (``--jobs``), and the peak is that of the largest single process, not
their sum.  The bare scan runs first, so both read the files from the page cache.
Build a corpus with ``benchmarks/corpus.py``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shlex
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

# The files ``vbparse extract DIR`` takes by default (its *.txt and *.md, hidden skipped).
SUFFIXES = (".txt", ".md")
NUMBER = re.compile(r"Số[:\s]*\d+[-/]\S+")
MANIFEST = ".corpus.json"


def corpus_files(root: Path) -> Iterator[str]:
    """The files vbparse would read below ``root``, in its (sorted) order."""
    for directory, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith(".") and name.lower().endswith(SUFFIXES):
                yield os.path.join(directory, name)


def bare_scan(root: Path) -> dict[str, int]:
    """The yardstick's work: read, decode and run one regex over every file."""
    files = matches = size = 0
    for path in corpus_files(root):
        with open(path, "rb") as stream:
            data = stream.read()
        text = data.decode("utf-8")
        matches += sum(1 for _ in NUMBER.finditer(text))
        files += 1
        size += len(data)
    return {"files": files, "matches": matches, "bytes": size}


@dataclass
class Run:
    name: str
    command: str
    wall_s: float
    cpu_s: float
    peak_rss_mb: float
    exit_code: int
    records: int = 0
    docs_per_s: float = 0.0
    mb_per_s: float = 0.0


def timed(name: str, argv: list[str]) -> tuple[Run, bytes]:
    """Run ``argv``; its wall time and, from wait4, its own CPU time and peak RSS."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as errors:
        started = time.perf_counter()
        child = subprocess.Popen(argv, stdout=out, stderr=errors)
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - started
        child.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
        out.seek(0)
        errors.seek(0)
        if child.returncode not in (0, 1):  # 1: some inputs failed, still a measurement
            sys.stderr.write(errors.read().decode("utf-8", "replace"))
            raise SystemExit(f"benchmark: error: {shlex.join(argv)} exited {child.returncode}")
        # Linux reports ru_maxrss in KiB.
        run = Run(
            name,
            shlex.join(argv),
            wall,
            usage.ru_utime + usage.ru_stime,
            usage.ru_maxrss / 1024,
            child.returncode,
        )
        return run, out.read()


def best(runs: list[tuple[Run, bytes]]) -> tuple[Run, bytes]:
    return min(runs, key=lambda pair: pair[0].wall_s)


def _parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python benchmarks/extract.py",
        usage="%(prog)s [options] CORPUS [-- VBPARSE_ARG ...]",
        description=__doc__.split("\n\n")[0],
        epilog=(
            "Examples:\n"
            "  python benchmarks/corpus.py -n 10000 -o /tmp/bench-1e4\n"
            "  python benchmarks/extract.py /tmp/bench-1e4\n"
            "  python benchmarks/extract.py /tmp/bench-1e4 --json > bench.json\n"
            "  python benchmarks/extract.py /tmp/bench-1e4 -- --jobs 1\n\n"
            "Arguments after '--' are passed on to vbparse extract."
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("corpus", type=Path, help="directory written by benchmarks/corpus.py")
    parser.add_argument(
        "--vbparse",
        default=f"{shlex.quote(sys.executable)} -m vbparse",
        help="command that runs vbparse (default: this Python's -m vbparse)",
    )
    parser.add_argument(
        "--output", type=Path, help="keep the records here (default: a temporary file)"
    )
    parser.add_argument(
        "--repeat", type=int, default=1, help="runs of extract; the fastest counts (default: 1)"
    )
    parser.add_argument(
        "--scan-repeat", type=int, default=3, help="runs of the bare scan (default: 3)"
    )
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument("--bare-scan", action="store_true", help=argparse.SUPPRESS)
    # Everything after ``--`` goes to vbparse untouched (argparse would read ``--jobs``).
    argv = sys.argv[1:] if argv is None else argv
    cut = argv.index("--") if "--" in argv else len(argv)
    args = parser.parse_args(argv[:cut])
    args.vbparse_args = argv[cut + 1 :]
    if not args.corpus.is_dir():
        parser.error(f"{args.corpus}: not a directory")
    if args.repeat < 1 or args.scan_repeat < 1:
        parser.error("--repeat and --scan-repeat must be at least 1")
    return args


def measure(args: argparse.Namespace) -> dict[str, object]:
    load_before = os.getloadavg()
    scan_argv = [sys.executable, __file__, "--bare-scan", str(args.corpus)]
    scan, scan_out = best([timed("bare regex scan", scan_argv) for _ in range(args.scan_repeat)])
    counts = json.loads(scan_out)
    with tempfile.TemporaryDirectory(prefix="vbparse-bench-") as scratch:
        output = args.output or Path(scratch) / "records.jsonl"
        extract_argv = [
            *shlex.split(args.vbparse),
            "extract",
            str(args.corpus),
            "-o",
            str(output),
            *args.vbparse_args,
        ]
        extract = best([timed("vbparse extract", extract_argv) for _ in range(args.repeat)])[0]
        with open(output, "rb") as stream:
            records = sum(1 for _ in stream)
    mb = counts["bytes"] / 1e6
    for run in (extract, scan):
        run.records = records
        run.docs_per_s = records / run.wall_s
        run.mb_per_s = mb / run.wall_s
    manifest_path = args.corpus / MANIFEST
    manifest = json.loads(manifest_path.read_text()) if manifest_path.exists() else {}
    return {
        "corpus": str(args.corpus),
        "files": counts["files"],
        "documents_written": manifest.get("documents"),
        "records": records,
        "input_mb": round(mb, 2),
        "number_matches": counts["matches"],
        "runs": [asdict(extract), asdict(scan)],
        "ratio": extract.wall_s / scan.wall_s,
        "machine": {
            "python": platform.python_version(),
            "platform": platform.platform(),
            "cpus": os.cpu_count(),
            "load_before": load_before,
            "load_after": os.getloadavg(),
        },
    }


def table(result: dict[str, object]) -> str:
    runs = result["runs"]
    assert isinstance(runs, list)
    machine = result["machine"]
    assert isinstance(machine, dict)
    lines = [
        f"corpus {result['corpus']}: {result['files']} files, "
        f"{result['documents_written']} documents written, {result['records']} records, "
        f"{result['input_mb']} MB (MB = 10^6 bytes)",
        "load average (1/5/15 min) before {} after {}".format(
            *(" ".join(f"{x:.2f}" for x in machine[k]) for k in ("load_before", "load_after"))
        ),
        "",
        f"{'':<18}{'wall s':>9}{'docs/s':>11}{'MB/s':>8}{'CPU s':>8}{'peak RSS MB':>13}",
    ]
    for run in runs:
        lines.append(
            f"{run['name']:<18}{run['wall_s']:>9.2f}{run['docs_per_s']:>11.0f}"
            f"{run['mb_per_s']:>8.2f}{run['cpu_s']:>8.2f}{run['peak_rss_mb']:>13.1f}"
        )
    lines += ["", f"ratio extract / bare scan: {result['ratio']:.1f}x"]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    args = _parse_args(argv)
    if args.bare_scan:
        print(json.dumps(bare_scan(args.corpus)))
        return 0
    result = measure(args)
    print(json.dumps(result, indent=1) if args.json else table(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
