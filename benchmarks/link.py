"""Linking at scale: time and peak memory of linking N generated records.

    python benchmarks/link.py 10000 100000 1000000

Each size runs in a fresh child process, so its peak RSS is its own.  The records are
generated, not parsed (parsing is the extraction benchmark's job): numbers of the three
grammars, dates over ten years, a few issuers, five citations each (about half naming a
document of the corpus, the rest absent ones) and 2 % copies of other documents.  What is
measured is ``vbparse.link.link_on_disk`` end to end (spools and the SQLite index in a
temporary directory), the way ``vbparse extract`` links.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import time
from collections.abc import Iterator

from vbparse.link import link_on_disk
from vbparse.models import Citation, Issuer, Number, Record, Source

ISSUERS = ["UBND TỈNH KIÊN GIANG", "BỘ TÀI CHÍNH", "TỈNH ỦY AN GIANG", "VĂN PHÒNG CHÍNH PHỦ"]


def _number(rng: random.Random, serial: int) -> tuple[str, str]:
    """(value, grammar) of a random number."""
    kind = rng.random()
    if kind < 0.5:
        return f"{serial}/UBND-VP", "administrative"
    if kind < 0.8:
        return f"{serial}-CV/TU", "party"
    return f"{serial}/{rng.randint(2015, 2025)}/TT-BTC", "normative"


def _date(rng: random.Random) -> str:
    return f"{rng.randint(2015, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"


def generate(n: int, seed: int = 1) -> Iterator[Record]:
    rng = random.Random(seed)
    made: list[tuple[str, str, str]] = []  # a sample of (number, date, issuer) to cite / copy
    for i in range(n):
        if made and rng.random() < 0.02:
            value, day, issuer = rng.choice(made)  # a copy of a document already made
            grammar = "other"
        else:
            value, grammar = _number(rng, rng.randint(1, 5000))
            day, issuer = _date(rng), rng.choice(ISSUERS)
            if len(made) < 50_000:
                made.append((value, day, issuer))
            else:
                made[rng.randrange(len(made))] = (value, day, issuer)
        citations = []
        for _ in range(5):
            if made and rng.random() < 0.5:
                cited, cited_day, _ = rng.choice(made)
            else:
                cited, _ = _number(rng, rng.randint(5001, 9999))
                cited_day = _date(rng)
            citations.append(
                Citation(number=cited, doc_type=None, date=cited_day, text=cited, span=(0, 1))
            )
        yield Record(
            id=f"vb-{i:016x}",
            source=Source(path=f"dump/{i // 1000}/{i}.txt", index=0, span=(0, 1), sha256="0"),
            number=Number(
                value=value,
                raw=value,
                serial=None,
                year=None,
                type_code=None,
                issuer_code=None,
                unit_code=None,
                grammar=grammar,  # type: ignore[arg-type]
                span=(0, 1),
            ),
            date=day,
            issuer=Issuer(name=issuer, span=(0, 1)),
            citations=tuple(citations),
        )


def measure(n: int) -> dict[str, float]:
    started = time.perf_counter()
    documents = links = 0
    for record in link_on_disk(generate(n)):
        documents += 1
        links += sum(c.target is not None for c in record.citations)
    seconds = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "documents": documents,
        "links": links,
        "seconds": round(seconds, 1),
        "documents_per_s": round(documents / seconds),
        "peak_rss_mb": round(peak_mb, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[10_000, 100_000])
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure(args.child)))
        return
    print(f"{'documents':>10} {'links':>10} {'seconds':>8} {'docs/s':>8} {'peak RSS MB':>12}")
    for n in args.sizes:
        out = subprocess.run(
            [sys.executable, __file__, "--child", str(n)],
            check=True,
            capture_output=True,
            text=True,
        )
        row = json.loads(out.stdout)
        print(
            f"{row['documents']:>10} {row['links']:>10} {row['seconds']:>8} "
            f"{row['documents_per_s']:>8} {row['peak_rss_mb']:>12}"
        )


if __name__ == "__main__":
    main()
