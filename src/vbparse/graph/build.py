"""From linked records to the citation graph.

One node per work: copies of a document fold into the node of their canonical record.
A numbered citation that linking could not resolve names a document the corpus lacks;
it becomes a *stub* node, one per cited number, and per year when the number carries no
year of its own (state and Party numbers restart, so ``15/CT-TTg`` of 2020 and of 2021
are two documents).  Laws cited by name only (no number) have no identity to key a node
on and are left out.

Records are streamed: of each one the builder keeps a row of short strings and its
citations without their spans, never its text or lists.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import PurePath

from vbparse.fields.numbers import number_key, parse_number
from vbparse.graph.model import Copy, Edge, Graph, Node
from vbparse.models import Citation, Record, Relation

STUB_PREFIX = "stub:"


@dataclass(frozen=True)
class _Cite:
    """What the graph needs of one citation."""

    target: str | None  # the cited record's id, as linking set it
    stub_id: str | None  # its stub's id should the target be absent; None: no number
    number: str | None
    doc_type: str | None
    date: str | None
    issuer: str | None
    text: str
    relation: Relation


@dataclass(frozen=True)
class _Doc:
    """What the graph needs of one record."""

    id: str
    node_id: str  # the canonical record's id: every copy of a work shares it
    work_id: str | None
    path: str
    index: int
    number: str | None
    doc_type: str | None
    date: str | None
    issuer: str | None
    subject: str | None
    place: str | None
    signer: str | None
    cites: tuple[_Cite, ...]

    def sort_key(self) -> tuple[str, int, str]:
        return (self.path, self.index, self.id)


def build_graph(records: Iterable[Record]) -> Graph:
    """The citation graph of linked records (see ``vbparse.link``), in a stable order.

    The result depends on the set of records only, not on the order they come in.
    """
    works: dict[str, list[_Doc]] = {}
    node_of_record: dict[str, str] = {}
    for record in records:
        doc = _doc(record)
        works.setdefault(doc.node_id, []).append(doc)
        node_of_record[doc.id] = doc.node_id
    for docs in works.values():
        # The canonical record first (when the stream held it), then copies in path order.
        docs.sort(key=lambda d: (d.id != d.node_id, d.sort_key()))
    ordered = sorted(works.values(), key=lambda docs: docs[0].sort_key())
    nodes = [_work_node(docs) for docs in ordered]
    stubs: dict[str, Node] = {}
    edges: list[Edge] = []
    for docs in ordered:
        edges += _edges_of_work(docs, node_of_record, stubs)
    nodes += sorted(stubs.values(), key=lambda node: node.id)
    position = {node.id: n for n, node in enumerate(nodes)}
    edges.sort(key=lambda e: (position[e.source], position[e.target], e.relation))
    return Graph(nodes=tuple(nodes), edges=tuple(edges))


# ----------------------------------------------------------------------------- records


def _doc(record: Record) -> _Doc:
    own = record.number.value if record.number else None
    return _Doc(
        id=record.id,
        node_id=record.duplicate_of or record.id,
        work_id=record.work_id,
        path=record.source.path,
        index=record.source.index,
        number=own,
        doc_type=record.doc_type,
        date=record.date,
        issuer=record.issuer.name if record.issuer else None,
        subject=record.subject,
        place=record.place,
        signer=record.signature.signer if record.signature else None,
        cites=tuple(
            _cite(citation)
            for citation in sorted(record.citations, key=lambda c: c.span)
            if not _names_itself(citation, own, record.date)
        ),
    )


def _cite(citation: Citation) -> _Cite:
    return _Cite(
        target=citation.target,
        stub_id=stub_id(citation.number, citation.date) if citation.number else None,
        number=citation.number,
        doc_type=citation.doc_type,
        date=citation.date,
        issuer=citation.issuer,
        text=" ".join(citation.text.split()),
        relation=citation.relation,
    )


def stub_id(number: str, date: str | None) -> str:
    """``stub:`` + the number's matching key, + ``@year`` when the number has no year.

    The key is linking's (``NĐ-CP``, ``ND-CP`` and ``NĐCP`` alike); the year comes from the
    citation's date, so one number cited in two years makes two stubs.
    """
    key = STUB_PREFIX + number_key(number)
    year = _year(date)
    if parse_number(number).year is None and year is not None:
        key += f"@{year}"
    return key


def _names_itself(citation: Citation, own: str | None, own_date: str | None) -> bool:
    """A citation of the document's own number (a footer repeating it), not a link.

    Linking never targets a document's own work, so without this it would become a stub
    standing for the very document that cites it.
    """
    if citation.target is not None or citation.number is None or own is None:
        return False
    if number_key(citation.number) != number_key(own):
        return False
    cited_year = _year(citation.date)
    return cited_year is None or cited_year == _year(own_date)


def _year(value: str | None) -> int | None:
    return int(value[:4]) if value and value[:4].isdigit() else None


# ----------------------------------------------------------------------------- nodes


def _work_node(docs: list[_Doc]) -> Node:
    main = docs[0]
    return Node(
        id=main.node_id,
        label=_label(main),
        stub=False,
        work_id=main.work_id,
        number=main.number,
        doc_type=main.doc_type,
        date=main.date,
        issuer=main.issuer,
        subject=main.subject,
        place=main.place,
        signer=main.signer,
        path=main.path,
        index=main.index,
        copies=tuple(Copy(id=d.id, path=d.path, index=d.index) for d in docs[1:]),
    )


def _label(doc: _Doc) -> str:
    """The number; for a document without one, its type and date, or its place in a file."""
    if doc.number:
        return doc.number
    described = " ".join(part for part in (doc.doc_type, doc.date) if part)
    return described or f"{PurePath(doc.path).name}#{doc.index}"


def _stub_seen(stubs: dict[str, Node], node_id: str, cite: _Cite) -> None:
    """Create or complete a stub: each field from the first citation that gives it."""
    stub = stubs.get(node_id)
    if stub is None:
        stubs[node_id] = Node(
            id=node_id,
            label=cite.number or node_id,
            stub=True,
            number=cite.number,
            doc_type=cite.doc_type,
            date=cite.date,
            issuer=cite.issuer,
        )
        return
    stubs[node_id] = replace(
        stub,
        doc_type=stub.doc_type or cite.doc_type,
        date=stub.date or cite.date,
        issuer=stub.issuer or cite.issuer,
    )


# ----------------------------------------------------------------------------- edges


@dataclass
class _Cited:
    """One (target, relation) of a document: its first citation and how many there are."""

    first: _Cite
    count: int = 0


def _edges_of_work(
    docs: list[_Doc], node_of_record: dict[str, str], stubs: dict[str, Node]
) -> list[Edge]:
    """The edges of one work: per (target, relation), the copy citing it most often.

    Copies hold the same citations, so they are not added up; a truncated copy may hold
    fewer, hence the largest count, the canonical copy winning ties.  Stubs are made on
    the way, works and citations taken in reading order: each stub's fields come from
    the first citation that gives them.
    """
    source = docs[0].node_id
    best: dict[tuple[str, Relation], _Cited] = {}
    for doc in docs:
        cited: dict[tuple[str, Relation], _Cited] = {}
        for cite in doc.cites:
            found = _resolve(cite, node_of_record)
            if found is None or found[0] == source:
                continue
            target, is_stub = found
            if is_stub:
                _stub_seen(stubs, target, cite)
            key = (target, cite.relation)
            if key not in cited:
                cited[key] = _Cited(cite)
            cited[key].count += 1
        for key, here in cited.items():
            if key not in best or here.count > best[key].count:
                best[key] = here
    return [
        Edge(source, target, relation, here.count, here.first.text, here.first.date)
        for (target, relation), here in best.items()
    ]


def _resolve(cite: _Cite, node_of_record: dict[str, str]) -> tuple[str, bool] | None:
    """The node a citation points at, and whether it is a stub: its target's work, else
    its number's stub (also when the target is outside the records read, as in a
    filtered records file); None for a citation without a number.
    """
    if cite.target is not None and cite.target in node_of_record:
        return node_of_record[cite.target], False
    return None if cite.stub_id is None else (cite.stub_id, True)
