"""Build a benchmark corpus of N documents from a folder of real dumps.

Each document is one of the source texts with its numbers and dates changed, so that no
two documents are the same bytes while each still reads like the real thing:

- serials (``Số: 4614/VP-KGVX``, ``số 4162/VPCP-TKBT``, ``07-KL/TW``) get new digits of
  the same width;
- years move together by one offset per document (so a document's own date and the
  dates it cites keep their order), kept within 1990..2025;
- days and months in ``ngày 29 tháng 6 năm 2021`` and ``22/6/2021`` are drawn anew
  (days 1..28, so every date stays valid);
- the sources are taken in a shuffled order, one shuffle per pass over them;
- most files hold one document, as in real dumps; a few (``--multi``) hold two or three
  run together; a share of the files (``--crlf``) has Windows line ends.

A source text may itself hold several documents (a letter and the letter it forwards),
so the records ``vbparse extract`` finds outnumber the documents written here.

Files go into numbered subdirectories of ``--per-dir`` files each (``000/000000.txt``) so
that 10^6 files stay practical.  A hidden ``.corpus.json`` beside them records how the
corpus was made (``vbparse`` skips hidden files).  The same ``--seed`` gives the same
bytes.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEV_TEXTS = REPO.parent / "shared" / "corpus" / "texts"
# Used when the dev texts are not beside the repository (a plain clone).
BUNDLED_GLOBS = ("examples/*.txt", "tests/fixtures/*.txt")

MANIFEST = ".corpus.json"
YEARS = (1990, 2025)

# Slots to perturb, leftmost first.  Dates come before bare years, and years before
# serials, so that ``78/2014/NĐ-CP`` reads as serial 78 then year 2014.
_SLOTS = re.compile(
    r"""
      \b(?P<d>\d{1,2})(?P<sep>[/.-])(?P<m>\d{1,2})(?P=sep)(?P<y>(?:19|20)\d\d)\b
    | ngày\s+(?P<nd>\d{1,2})\s+tháng\s+(?P<nm>\d{1,2})\s+năm\s+(?P<ny>(?:19|20)\d\d)\b
    | \b(?P<year>19[5-9]\d|20[0-4]\d)\b
    | \b(?P<serial>\d{1,5})(?=[/-](?:(?:19|20)\d\d/)?[A-ZĐ])
    """,
    re.VERBOSE | re.IGNORECASE,
)
_KIND = {
    "d": "day",
    "nd": "day",
    "m": "month",
    "nm": "month",
    "y": "year",
    "ny": "year",
    "year": "year",
    "serial": "serial",
}


@dataclass(frozen=True)
class Template:
    """A source text cut into literal pieces and slots: ``pieces[i]`` precedes ``slots[i]``."""

    name: str
    pieces: tuple[str, ...]  # one more than slots
    slots: tuple[tuple[str, str], ...]  # (kind, text as printed)

    def render(self, rng: random.Random) -> str:
        shift = rng.randint(-6, 3)
        out = [self.pieces[0]]
        for (kind, printed), piece in zip(self.slots, self.pieces[1:], strict=True):
            out.append(_perturb(kind, printed, shift, rng))
            out.append(piece)
        return "".join(out)


def _perturb(kind: str, printed: str, shift: int, rng: random.Random) -> str:
    width = len(printed)
    padded = printed.startswith("0") and width > 1
    if kind == "year":
        return str(min(max(int(printed) + shift, YEARS[0]), YEARS[1]))
    if kind == "day":
        value = rng.randint(1, 28)
    elif kind == "month":
        value = rng.randint(1, 12)
    else:  # a serial of the same width, never a leading zero unless it was printed so
        low = 0 if padded else 10 ** (width - 1)
        value = rng.randint(max(low, 1), 10**width - 1)
        return str(value).zfill(width)
    return f"{value:02d}" if padded else str(value)


def make_template(name: str, text: str) -> Template:
    pieces: list[str] = []
    slots: list[tuple[str, str]] = []
    pos = 0
    for m in _SLOTS.finditer(text):
        for group, kind in _KIND.items():
            start = m.start(group)
            if start < 0:
                continue
            pieces.append(text[pos:start])
            slots.append((kind, m.group(group)))
            pos = m.end(group)
    pieces.append(text[pos:])
    return Template(name, tuple(pieces), tuple(slots))


def source_files(source: Path | None) -> list[Path]:
    """The texts to build from: ``source``, else the dev texts, else the bundled ones."""
    if source is not None:
        files = sorted(source.glob("*.txt"))
        if not files:
            raise SystemExit(f"corpus: error: {source}: no *.txt files")
        return files
    if DEV_TEXTS.is_dir() and any(DEV_TEXTS.glob("*.txt")):
        return sorted(DEV_TEXTS.glob("*.txt"))
    files = sorted(p for pattern in BUNDLED_GLOBS for p in REPO.glob(pattern))
    if not files:
        raise SystemExit("corpus: error: no source texts found; pass --source DIR")
    return files


def load_templates(files: list[Path]) -> list[Template]:
    templates = []
    for path in files:
        text = path.read_bytes().decode("utf-8")
        # Sources are stored with \n; CRLF is applied per file below, and only there.
        templates.append(make_template(path.name, text.replace("\r\n", "\n")))
    return templates


def template_order(templates: list[Template], rng: random.Random) -> Iterator[Template]:
    """The templates over and over, each pass in a fresh shuffled order."""
    while True:
        batch = list(templates)
        rng.shuffle(batch)
        yield from batch


@dataclass(frozen=True)
class Options:
    docs: int
    seed: int
    per_dir: int
    multi: float
    crlf: float


@dataclass
class Built:
    documents: int = 0
    files: int = 0
    bytes: int = 0
    multi_document_files: int = 0
    crlf_files: int = 0


def build(out: Path, templates: list[Template], options: Options) -> Built:
    """Write the corpus into ``out``; return what was written."""
    rng = random.Random(options.seed)
    order = template_order(templates, rng)
    built = Built()
    while built.documents < options.docs:
        count = 1
        if rng.random() < options.multi:
            count = min(rng.choice((2, 3)), options.docs - built.documents)
        text = "\n\n\n".join(next(order).render(rng) for _ in range(count))
        if rng.random() < options.crlf:
            text = text.replace("\n", "\r\n")
            built.crlf_files += 1
        built.multi_document_files += count > 1
        shard = out / f"{built.files // options.per_dir:03d}"
        if built.files % options.per_dir == 0:
            shard.mkdir()
        data = text.encode("utf-8")
        (shard / f"{built.files:06d}.txt").write_bytes(data)
        built.bytes += len(data)
        built.documents += count
        built.files += 1
    return built


def _parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python benchmarks/corpus.py",
        description=__doc__.split("\n\n")[0],
        epilog=(
            "Examples:\n"
            "  python benchmarks/corpus.py -n 10000 -o /tmp/bench-1e4\n"
            "  python benchmarks/corpus.py -n 1000000 -o /data/bench-1e6 --seed 7\n"
            "  python benchmarks/corpus.py -n 1000 -o /tmp/b --source examples\n"
            "  python benchmarks/corpus.py -n 1000000 -o /data/short-1e6 --max-source-bytes 4000"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("-n", "--docs", type=int, default=1000, help="documents to write")
    parser.add_argument(
        "-o", "--out", type=Path, required=True, help="directory to create (must be empty)"
    )
    parser.add_argument(
        "--source",
        type=Path,
        default=None,
        help=f"folder of *.txt dumps (default: {DEV_TEXTS}, else the repo's bundled texts)",
    )
    parser.add_argument("--seed", type=int, default=0, help="random seed (default: 0)")
    parser.add_argument(
        "--per-dir", type=int, default=1000, help="files per subdirectory (default: 1000)"
    )
    parser.add_argument(
        "--multi",
        type=float,
        default=0.05,
        help="share of files holding 2-3 documents (default: 0.05)",
    )
    parser.add_argument(
        "--crlf", type=float, default=0.1, help="share of files with CRLF line ends (default: 0.1)"
    )
    parser.add_argument(
        "--max-source-bytes",
        type=int,
        default=None,
        metavar="BYTES",
        help="use only the source texts of at most BYTES (short letters: many documents for "
        "few bytes, for memory runs where the count is what grows)",
    )
    args = parser.parse_args(argv)
    if args.docs < 1 or args.per_dir < 1:
        parser.error("--docs and --per-dir must be at least 1")
    if not (0 <= args.multi <= 1 and 0 <= args.crlf <= 1):
        parser.error("--multi and --crlf are shares between 0 and 1")
    return args


def main(argv: list[str] | None = None) -> int:
    args = _parse_args(argv)
    out: Path = args.out
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise SystemExit(f"corpus: error: {out}: exists and is not an empty directory")
    started = time.perf_counter()
    files = source_files(args.source)
    if args.max_source_bytes is not None:
        files = [f for f in files if f.stat().st_size <= args.max_source_bytes]
        if not files:
            raise SystemExit(
                f"corpus: error: no source text of at most {args.max_source_bytes} bytes"
            )
    templates = load_templates(files)
    out.mkdir(parents=True, exist_ok=True)
    options = Options(args.docs, args.seed, args.per_dir, args.multi, args.crlf)
    built = build(out, templates, options)
    seconds = time.perf_counter() - started
    manifest = {
        **asdict(built),
        "options": asdict(options),
        "max_source_bytes": args.max_source_bytes,
        "seconds": round(seconds, 2),
        "sources": [t.name for t in templates],
    }
    (out / MANIFEST).write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")
    print(
        f"{built.documents} documents in {built.files} files, {built.bytes / 1e6:.1f} MB, "
        f"from {len(templates)} sources, in {seconds:.1f} s -> {out}",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
