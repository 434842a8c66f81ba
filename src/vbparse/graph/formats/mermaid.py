"""``--format mermaid``: a ``flowchart LR`` for Markdown (GitHub, GitLab, Obsidian).

Mermaid ids cannot carry ``/`` or Vietnamese letters, so nodes are ``n0``, ``n1``, … in
graph order, with a ``%%`` comment giving each one's real id.  Labels are quoted and their
special characters written as Mermaid entities (``#quot;``, ``#35;`` …).
"""

from __future__ import annotations

from typing import TextIO

from vbparse.graph.formats.style import RELATION_COLORS, caption, printable, relation_caption
from vbparse.graph.model import Graph
from vbparse.models import Relation

# '#' first: the entities themselves start with it.
_ENTITIES = (("#", "#35;"), ('"', "#quot;"), ("<", "#lt;"), (">", "#gt;"), ("`", "#96;"))


def label(text: str) -> str:
    """A quoted Mermaid label: entities for special characters, ``<br>`` for line breaks."""
    text = printable(text)
    for char, entity in _ENTITIES:
        text = text.replace(char, entity)
    return '"' + text.replace("\n", "<br>") + '"'


def write(graph: Graph, out: TextIO) -> None:
    out.write("flowchart LR\n")
    short = {node.id: f"n{n}" for n, node in enumerate(graph.nodes)}
    for node in graph.nodes:
        text = label("\n".join(caption(node)))
        # A stadium shape, dashed by the class below, for documents outside the corpus.
        shape = f"([{text}]):::stub" if node.stub else f"[{text}]"
        comment = " ".join(printable(node.id).split())
        out.write(f"  %% {comment}\n  {short[node.id]}{shape}\n")
    by_relation: dict[Relation, list[str]] = {}
    for n, edge in enumerate(graph.edges):
        caption_text = label(relation_caption(edge.relation, edge.count))
        out.write(f"  {short[edge.source]} -->|{caption_text}| {short[edge.target]}\n")
        by_relation.setdefault(edge.relation, []).append(str(n))
    out.write("  classDef stub stroke-dasharray: 5 5,fill:none\n")
    for relation, numbers in sorted(by_relation.items()):
        out.write(f"  linkStyle {','.join(numbers)} stroke:{RELATION_COLORS[relation]}\n")
