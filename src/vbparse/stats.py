"""Corpus statistics: counters filled one record at a time, never the records themselves.

``Stats.add(record)`` keeps only counts and the few short strings they are keyed by
(types, issuers, cited numbers), so a corpus of any size is summarised in the memory
of its distinct values.  ``Stats.to_dict()`` is the summary; ``docs/stats.md`` documents
its keys.

Every record counts, copies included: a document found in two dumps is two records, and
both its copies count as citing what it cites.  When the records were linked, copies are
marked (``duplicate_of``) and their number is reported as ``duplicates``.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from vbparse.issuer_names import issuer_key, spelling_rank, tidy
from vbparse.models import Record

DEFAULT_TOP = 10

# The fields whose coverage is reported, in the order of the report, with what counts
# as having each (a signature block without a signer still counts as a signature).
COVERAGE: dict[str, Callable[[Record], bool]] = {
    "issuer": lambda r: r.issuer is not None and bool(r.issuer.name),
    "number": lambda r: r.number is not None,
    "doc_type": lambda r: bool(r.doc_type),
    "place": lambda r: bool(r.place),
    "date": lambda r: bool(r.date),
    "subject": lambda r: bool(r.subject),
    "recipients": lambda r: bool(r.recipients),
    "signature": lambda r: r.signature is not None,
    "signer": lambda r: r.signature is not None and bool(r.signature.signer),
    "distribution": lambda r: bool(r.distribution),
    "footnotes": lambda r: bool(r.footnotes),
    "citations": lambda r: bool(r.citations),
}

IssuerKey = tuple[str, str | None]  # (name key, parent key); the no-issuer row is None
K = TypeVar("K", bound=Hashable)


@dataclass
class Stats:
    """The running counts of a corpus; ``add`` each record, then read ``to_dict()``."""

    documents: int = 0
    duplicates: int = 0
    linked: bool = False
    by_type: Counter[str | None] = field(default_factory=Counter)
    by_system: Counter[str | None] = field(default_factory=Counter)
    by_year: Counter[int | None] = field(default_factory=Counter)
    by_issuer: Counter[IssuerKey | None] = field(default_factory=Counter)
    spellings: dict[str, str] = field(default_factory=dict)  # issuer key -> best printing
    present: Counter[str] = field(default_factory=Counter)  # field -> documents having it
    warnings: Counter[str] = field(default_factory=Counter)  # code -> occurrences
    warned: Counter[str] = field(default_factory=Counter)  # code -> documents
    citations: int = 0
    numbered_citations: int = 0
    targeted_citations: int = 0
    citing: Counter[str] = field(default_factory=Counter)  # cited number -> citing records
    cited_type: dict[str, str] = field(default_factory=dict)  # cited number -> first type seen
    found_in_corpus: set[str] = field(default_factory=set)  # cited numbers linking resolved

    def add(self, record: Record) -> None:
        self.documents += 1
        if record.duplicate_of is not None:
            self.duplicates += 1
        self.linked = self.linked or record.work_id is not None
        self.by_type[record.doc_type] += 1
        self.by_system[record.system] += 1
        self.by_year[_year(record.date)] += 1
        self.by_issuer[self._issuer(record)] += 1
        self.present.update(name for name, has in COVERAGE.items() if has(record))
        self.warnings.update(warning.code for warning in record.warnings)
        self.warned.update({warning.code for warning in record.warnings})
        self._add_citations(record)

    def _issuer(self, record: Record) -> IssuerKey | None:
        if record.issuer is None or not record.issuer.name:
            return None
        name = self._spelled(record.issuer.name)
        if name is None:
            return None
        return name, self._spelled(record.issuer.parent) if record.issuer.parent else None

    def _spelled(self, printed: str) -> str | None:
        """The key of ``printed``, remembering it as the key's printing if it is the best."""
        key = issuer_key(printed)
        if key is not None:
            shown = tidy(printed)
            best = self.spellings.get(key)
            if best is None or spelling_rank(shown) > spelling_rank(best):
                self.spellings[key] = shown
        return key

    def _add_citations(self, record: Record) -> None:
        self.citations += len(record.citations)
        numbers: set[str] = set()  # a letter citing one number three times cites it once
        for citation in record.citations:
            if citation.number is None:
                continue
            self.numbered_citations += 1
            numbers.add(citation.number)
            if citation.doc_type:
                self.cited_type.setdefault(citation.number, citation.doc_type)
            if citation.target is not None:
                self.targeted_citations += 1
                self.found_in_corpus.add(citation.number)
        self.citing.update(numbers)

    def to_dict(self, top: int = DEFAULT_TOP) -> dict[str, Any]:
        """The summary; ``top`` bounds the two open-ended rankings (issuers, cited numbers).

        The documents with no issuer are one more row of ``by_issuer``, always the last.
        """
        issuers = _merge_parents(self.by_issuer)
        unnamed = issuers.pop(None, 0)  # listed last, whatever the ranking
        return {
            "documents": self.documents,
            "duplicates": self.duplicates,
            "linked": self.linked,
            "by_type": [{"doc_type": t, "documents": n} for t, n in _ranked(self.by_type)],
            "by_issuer": [
                self._issuer_row(issuer, n)
                for issuer, n in _ranked(issuers)[:top] + ([(None, unnamed)] if unnamed else [])
            ],
            "distinct_issuers": len(issuers),
            "by_year": [
                {"year": y, "documents": n}
                for y, n in sorted(self.by_year.items(), key=lambda item: _year_order(item[0]))
            ],
            "by_system": [{"system": s, "documents": n} for s, n in _ranked(self.by_system)],
            "coverage": {
                name: {"documents": self.present[name], "share": self._share(self.present[name])}
                for name in COVERAGE
            },
            "warnings": [
                {"code": code, "count": n, "documents": self.warned[code]}
                for code, n in sorted(self.warnings.items())
            ],
            "citations": {
                "total": self.citations,
                "numbered": self.numbered_citations,
                "targeted": self.targeted_citations,
                "distinct_numbers": len(self.citing),
            },
            "most_cited": [
                {
                    "number": number,
                    "doc_type": self.cited_type.get(number),
                    "citing_documents": n,
                    "in_corpus": (number in self.found_in_corpus) if self.linked else None,
                }
                for number, n in _ranked(self.citing)[:top]
            ],
        }

    def _issuer_row(self, issuer: IssuerKey | None, documents: int) -> dict[str, Any]:
        name, parent = issuer or (None, None)
        return {
            "name": None if name is None else self.spellings[name],
            "parent": None if parent is None else self.spellings[parent],
            "documents": documents,
        }

    def _share(self, n: int) -> float | None:
        return round(n / self.documents, 4) if self.documents else None


def _year(date: str | None) -> int | None:
    """The year of an ISO date, full or partial (``2021-06-29``, ``2021-06``, ``2021``)."""
    return int(date[:4]) if date and date[:4].isdigit() else None


def _merge_parents(pairs: Counter[IssuerKey | None]) -> Counter[IssuerKey | None]:
    """Issuers grouped by name, split by parent only where one name has several parents.

    A parent tells apart bodies that share a generic name (two provinces' ``SỞ Y TẾ``, the
    ``VĂN PHÒNG`` of a committee and of a ministry).  Where a name is printed under one
    parent only, its copies that lost the parent line (OCR, a cut header) are that body.
    """
    parents: defaultdict[str, set[str]] = defaultdict(set)
    for pair in pairs:
        if pair is not None and pair[1] is not None:
            parents[pair[0]].add(pair[1])
    merged: Counter[IssuerKey | None] = Counter()
    for pair, n in pairs.items():
        if pair is not None and pair[1] is None and len(parents[pair[0]]) == 1:
            (only_parent,) = parents[pair[0]]
            pair = pair[0], only_parent
        merged[pair] += n
    return merged


def _ranked(counts: Counter[K]) -> list[tuple[K, int]]:
    """Most frequent first; ties in the order of their values, a missing value last (and
    an issuer with no parent after the same name's parents)."""
    return sorted(counts.items(), key=lambda item: (-item[1], _tie_order(item[0])))


def _tie_order(value: object) -> Any:
    if isinstance(value, tuple):
        return tuple(_tie_order(part) for part in value)
    return value is None, "" if value is None else str(value)


def _year_order(year: int | None) -> tuple[bool, int]:
    return year is None, year or 0


def summarise(records: Iterable[Record]) -> Stats:
    """The statistics of ``records``, read once as they stream past."""
    stats = Stats()
    for record in records:
        stats.add(record)
    return stats
