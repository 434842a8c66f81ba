"""The citation graph as plain values: documents (nodes) and who cites whom (edges).

``docs/graph.md`` documents every field; the JSON writer emits them under these names.
"""

from __future__ import annotations

from dataclasses import dataclass

from vbparse.models import Relation

GRAPH_SCHEMA_VERSION = "1.0"


@dataclass(frozen=True)
class Copy:
    """Another record of the same document (a second dump, an attached copy)."""

    id: str
    path: str
    index: int


@dataclass(frozen=True)
class Node:
    """One document: a work of the corpus, or a stub for a cited number the corpus lacks.

    A work's fields are its canonical record's; a stub has only what its first citation
    says (number, type, date, issuer) and no id of a record, path or copies.
    """

    id: str
    label: str
    stub: bool
    work_id: str | None = None
    number: str | None = None
    doc_type: str | None = None
    date: str | None = None
    issuer: str | None = None
    subject: str | None = None
    place: str | None = None
    signer: str | None = None
    path: str | None = None
    index: int | None = None
    copies: tuple[Copy, ...] = ()


@dataclass(frozen=True)
class Edge:
    """The citations of one document to another with one relation, counted.

    ``text`` and ``date`` are those of the first such citation, as printed (whitespace
    collapsed) and as an ISO date.
    """

    source: str
    target: str
    relation: Relation
    count: int
    text: str
    date: str | None


@dataclass(frozen=True)
class Graph:
    """Nodes sorted (works by path and index, then stubs by key); edges by their ends."""

    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]

    @property
    def stub_count(self) -> int:
        return sum(node.stub for node in self.nodes)
