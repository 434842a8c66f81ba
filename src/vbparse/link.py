"""Linking: the corpus-wide pass that turns cited numbers into links between records.

Three things happen, in this order, over every record one run reads:

1. **Works.** Copies of one document (the same number, date and issuer, found in several
   dumps or attached to a covering letter) are grouped under one ``work_id``; the most
   complete copy is the canonical record and the others get ``duplicate_of``.
2. **Targets.** Each numbered citation is matched against the works, with the identity
   rules of the format (``format-notes.md`` B.2):

   - normative numbers (``23/2021/QĐ-TTg``) carry their year: the number alone decides;
   - state numbers (``4162/VPCP-TKBT``) restart each year: number + year, the year read
     from the citation's date;
   - Party numbers (``07-KL/TW``) run through a committee's term: number + the nearest
     date within one term, and never a document issued after the one citing it.

   A citation that fits several works, or whose year is unknown while the number is in
   the corpus, gets no target and a ``W501`` warning naming the candidates.  A record
   never targets its own work.
3. **Reverse links.** ``cited_by`` lists the records whose citations target a record.

Scale: what is kept per document is a row of a few short strings in an SQLite index (in
memory for the library call, a temporary file for the command line); records themselves
are read back from a spool, so memory does not grow with the corpus's text, and with the
on-disk index not with its size either.
"""

from __future__ import annotations

import hashlib
import itertools
import sqlite3
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date as Date
from functools import lru_cache
from pathlib import Path
from typing import Literal

from vbparse.fields.numbers import number_key, parse_number
from vbparse.fold import fold
from vbparse.models import Citation, ParseWarning, Record

Family = Literal["normative", "state", "party"]

# A Party committee's term is five years; a Party citation's target lies within one.
_TERM_DAYS = 5 * 366
_BATCH = 2000
_AMBIGUOUS = "W501"


# Small, as number_key's: a larger cache only grows with the corpus (memory).
@lru_cache(maxsize=1 << 12)
def family_of(value: str) -> Family:
    grammar = parse_number(value).grammar
    if grammar == "normative":
        return "normative"
    return "party" if grammar == "party" else "state"


def _day(value: str | None) -> Date | None:
    """An ISO date, or None when absent or partial (``2021-06`` / ``2021``)."""
    if value is None or len(value) != 10:
        return None
    try:
        return Date.fromisoformat(value)
    except ValueError:
        return None


def _year(value: str | None) -> int | None:
    return int(value[:4]) if value and value[:4].isdigit() else None


def _issuer_key(name: str | None) -> str:
    return " ".join(fold(name).lower().split()) if name else ""


def _completeness(record: Record) -> int:
    """How much of a document a copy holds: the canonical copy is the fullest one."""
    return sum(
        (
            record.issuer is not None and record.issuer.name is not None,
            record.doc_type is not None,
            record.place is not None,
            record.date is not None,
            record.subject is not None,
            record.signature is not None,
            bool(record.recipients),
            bool(record.distribution),
        )
    )


@dataclass(frozen=True)
class Candidate:
    """What linking knows of one document of the corpus."""

    record_id: str
    date: str | None
    work_id: str
    canonical_id: str


@dataclass(frozen=True)
class Choice:
    target: str | None
    ambiguous: tuple[str, ...] = ()  # canonical ids of the works it could be


def choose(citation: Citation, citing: Record, candidates: Iterable[Candidate]) -> Choice:
    """Which work a numbered citation names, among the documents sharing its number key.

    ``candidates`` are every document of the corpus whose number has the citation's key.
    """
    works: dict[str, Candidate] = {}
    for candidate in candidates:
        if candidate.work_id != citing.work_id:  # never the citing document's own work
            works.setdefault(candidate.work_id, candidate)
    if not works or citation.number is None:
        return Choice(None)
    family = family_of(citation.number)
    found = list(works.values())
    if family == "state":
        year = _year(citation.date)
        if year is None:
            return _ambiguous(found)
        found = [c for c in found if _year(c.date) == year]
    elif family == "party":
        found = _nearest(found, _day(citation.date), _day(citing.date))
    if len(found) > 1:
        exact = [c for c in found if citation.date is not None and c.date == citation.date]
        found = exact or found
    if len(found) == 1:
        return Choice(found[0].canonical_id)
    return _ambiguous(found)


def _ambiguous(found: list[Candidate]) -> Choice:
    return Choice(None, tuple(sorted(c.canonical_id for c in found)))


def _nearest(found: list[Candidate], cited: Date | None, citing: Date | None) -> list[Candidate]:
    """Party numbers: the work of the same term, nearest to the cited (or citing) date."""
    anchor = cited or citing
    if anchor is None:
        return found
    near: list[tuple[int, Candidate]] = []
    for candidate in found:
        day = _day(candidate.date)
        if day is None:
            continue
        if citing is not None and day > citing:
            continue  # a document cannot cite one issued after it
        distance = abs((anchor - day).days)
        if distance <= _TERM_DAYS:
            near.append((distance, candidate))
    if not near:
        return []
    best = min(distance for distance, _ in near)
    return [candidate for distance, candidate in near if distance == best]


# ----------------------------------------------------------------------------- the index


class LinkIndex:
    """The documents of one run, by number key, in SQLite (``path`` ``":memory:"`` or a file).

    Use: ``add`` every record, ``group_works()``, then ``link(record)`` each record and
    finally ``cited_by(record_id)``.  Ids are the records' own ids.
    """

    def __init__(self, path: str = ":memory:") -> None:
        self._db = sqlite3.connect(path)
        self._db.executescript(
            """
            PRAGMA journal_mode = OFF;
            PRAGMA synchronous = OFF;
            CREATE TABLE docs (
                seq INTEGER PRIMARY KEY, id TEXT NOT NULL, numkey TEXT, date TEXT,
                issuer TEXT NOT NULL, rank INTEGER NOT NULL, path TEXT NOT NULL,
                idx INTEGER NOT NULL, work TEXT, canonical TEXT
            );
            CREATE TABLE links (citing TEXT NOT NULL, target TEXT NOT NULL);
            """
        )
        self._pending: list[tuple[object, ...]] = []
        self._links: list[tuple[str, str]] = []
        self._grouped = False

    def add(self, record: Record) -> None:
        key = number_key(record.number.value) if record.number else None
        issuer = record.issuer.name if record.issuer else None
        self._pending.append(
            (
                record.id,
                key or None,
                record.date,
                _issuer_key(issuer),
                _completeness(record),
                record.source.path,
                record.source.index,
            )
        )
        if len(self._pending) >= _BATCH:
            self._flush()

    def _flush(self) -> None:
        self._db.executemany(
            "INSERT INTO docs (id, numkey, date, issuer, rank, path, idx)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            self._pending,
        )
        self._pending.clear()

    def group_works(self) -> None:
        """Group copies into works and pick each work's canonical record."""
        self._flush()
        self._db.execute("CREATE INDEX docs_numkey ON docs (numkey, date)")
        rows = self._db.execute(
            "SELECT seq, id, numkey, date, issuer, rank, path, idx FROM docs"
            " ORDER BY numkey, date, seq"
        )
        updates: list[tuple[str, str, int]] = []
        for (numkey, day), group in itertools.groupby(rows, key=lambda r: (r[2], r[3])):
            # Documents without a number are each their own work.  They all fall in one
            # group per date (thousands in a large run), so they are not gathered.
            for cluster in _clusters(group) if numkey is not None else _alone(group):
                best = min(cluster, key=lambda r: (-r[5], r[6], r[7]))
                work = _work_id(numkey, day, best[4], best[1])
                updates.extend((work, best[1], r[0]) for r in cluster)
                if len(updates) >= _BATCH:
                    self._update(updates)
        self._update(updates)
        self._db.execute("CREATE INDEX docs_id ON docs (id)")
        self._grouped = True

    def _update(self, updates: list[tuple[str, str, int]]) -> None:
        self._db.executemany("UPDATE docs SET work = ?, canonical = ? WHERE seq = ?", updates)
        updates.clear()

    def identity(self, record_id: str) -> tuple[str | None, str | None]:
        """(work_id, duplicate_of) of a record once works are grouped."""
        row = self._db.execute("SELECT work, canonical FROM docs WHERE id = ?", (record_id,))
        found = row.fetchone()
        if found is None:
            return None, None
        work, canonical = found
        return work, (canonical if canonical != record_id else None)

    def candidates(self, numkey: str) -> list[Candidate]:
        rows = self._db.execute(
            "SELECT id, date, work, canonical FROM docs WHERE numkey = ?", (numkey,)
        )
        return [Candidate(*row) for row in rows]

    def link(self, record: Record) -> Record:
        """``record`` with its work, its citations' targets and W501 ambiguity warnings."""
        assert self._grouped, "group_works() first"
        work_id, duplicate_of = self.identity(record.id)
        record = record.model_copy(update={"work_id": work_id, "duplicate_of": duplicate_of})
        citations: list[Citation] = []
        # Linking a linked record again (a re-linked shard) replaces its earlier links.
        warnings = [w for w in record.warnings if w.code != _AMBIGUOUS]
        for citation in record.citations:
            target = None
            if citation.number is not None:
                choice = choose(citation, record, self.candidates(number_key(citation.number)))
                target = choice.target
                if choice.ambiguous:
                    warnings.append(_ambiguity_warning(citation, choice.ambiguous))
            if target is not None:
                self._links.append((record.id, target))
            citations.append(citation.model_copy(update={"target": target}))
        if len(self._links) >= _BATCH:
            self._flush_links()
        return record.model_copy(
            update={"citations": tuple(citations), "warnings": tuple(warnings)}
        )

    def _flush_links(self) -> None:
        self._db.executemany("INSERT INTO links VALUES (?, ?)", self._links)
        self._links.clear()

    def finish_links(self) -> None:
        self._flush_links()
        self._db.execute("CREATE INDEX links_target ON links (target)")

    def cited_by(self, record_id: str) -> tuple[str, ...]:
        rows = self._db.execute(
            "SELECT DISTINCT citing FROM links WHERE target = ? ORDER BY citing", (record_id,)
        )
        return tuple(row[0] for row in rows)

    def close(self) -> None:
        self._db.close()


Row = tuple[int, str, str | None, str | None, str, int, str, int]


def _alone(group: Iterable[Row]) -> Iterator[list[Row]]:
    return ([row] for row in group)


def _clusters(group: Iterable[Row]) -> Iterator[list[Row]]:
    """Copies among documents of one number and date: the same issuer, or an unknown one.

    A copy whose issuer was not read joins the only issuer of its group; with two issuers
    it cannot tell, so it stays alone.
    """
    by_issuer: dict[str, list[Row]] = {}
    unknown: list[Row] = []
    for row in group:
        (by_issuer.setdefault(row[4], []) if row[4] else unknown).append(row)
    if len(by_issuer) <= 1:
        yield [*next(iter(by_issuer.values()), []), *unknown]
    else:
        yield from by_issuer.values()
        yield from ([row] for row in unknown)


def _work_id(numkey: str | None, day: str | None, issuer: str, record_id: str) -> str:
    if numkey is None:
        return "wk-" + record_id.removeprefix("vb-")
    digest = hashlib.sha256(f"{numkey}|{day or ''}|{issuer}".encode()).hexdigest()
    return "wk-" + digest[:16]


def _ambiguity_warning(citation: Citation, candidates: tuple[str, ...]) -> ParseWarning:
    return ParseWarning(
        code=_AMBIGUOUS,
        message=f"citation {citation.number} is ambiguous: it may name "
        + ", ".join(candidates)
        + ("" if citation.date else " (the citation gives no date)"),
        span=citation.span,
    )


# ----------------------------------------------------------------------------- the passes


Spool = Callable[[Iterable[Record]], Callable[[], Iterator[Record]]]


def link_stream(records: Iterable[Record], spool: Spool, index: LinkIndex) -> Iterator[Record]:
    """Link a stream of records; they come out in input order.

    ``spool(records)`` stores records as they pass and returns a function that replays
    them.  Two spools are written: the records as extracted (while the index fills), then
    the records with their targets (while the reverse links are counted); the second is
    replayed with ``cited_by`` added.
    """
    extracted = spool(_feeding(records, index))
    index.group_works()
    linked = spool(index.link(record) for record in extracted())
    index.finish_links()
    for record in linked():
        yield record.model_copy(update={"cited_by": index.cited_by(record.id)})


def _feeding(records: Iterable[Record], index: LinkIndex) -> Iterator[Record]:
    for record in records:
        index.add(record)
        yield record


def _in_memory(records: Iterable[Record]) -> Callable[[], Iterator[Record]]:
    kept = list(records)
    return lambda: iter(kept)


def link_on_disk(records: Iterable[Record], directory: str | None = None) -> Iterator[Record]:
    """Link a stream of any size: spools and index in a temporary directory (removed at
    the end), records out one at a time.  ``vbparse extract`` links this way."""
    with tempfile.TemporaryDirectory(prefix="vbparse-link-", dir=directory) as work:
        spools = (Path(work) / f"spool{n}.jsonl" for n in itertools.count())
        index = LinkIndex(str(Path(work) / "index.sqlite"))
        try:
            yield from link_stream(records, lambda rs: _file_spool(rs, next(spools)), index)
        finally:
            index.close()


def _file_spool(records: Iterable[Record], path: Path) -> Callable[[], Iterator[Record]]:
    with path.open("w", encoding="utf-8") as out:
        for record in records:
            out.write(record.model_dump_json() + "\n")

    def replay() -> Iterator[Record]:
        with path.open(encoding="utf-8") as lines:
            for line in lines:
                yield Record.model_validate_json(line)

    return replay


def link_records(records: Iterable[Record]) -> list[Record]:
    """The library's linking: every record of a corpus, linked (``vbparse extract`` does
    the same over a run's records, spooled to disk)."""
    index = LinkIndex()
    try:
        return list(link_stream(records, _in_memory, index))
    finally:
        index.close()
