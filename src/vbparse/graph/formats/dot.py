"""``--format dot``: Graphviz, ``dot -Tsvg graph.dot -o graph.svg``.

Every id and label is a double-quoted DOT string; stubs are dashed.
"""

from __future__ import annotations

from typing import TextIO

from vbparse.graph.formats.style import RELATION_COLORS, caption, printable, relation_caption
from vbparse.graph.model import Graph, Node

_HEADER = """digraph citations {
  graph [rankdir=LR, fontname="Helvetica"];
  node [shape=box, style="rounded,filled", fillcolor="#eef3fb", fontname="Helvetica"];
  edge [fontname="Helvetica", fontsize=10];
"""


def quote(text: str) -> str:
    """A DOT double-quoted string: ``\\`` and ``"`` escaped, line breaks as ``\\n``."""
    escaped = printable(text).replace("\\", "\\\\").replace('"', '\\"')
    return '"' + escaped.replace("\n", "\\n") + '"'


def write(graph: Graph, out: TextIO) -> None:
    out.write(_HEADER)
    for node in graph.nodes:
        out.write(f"  {quote(node.id)} [{_node_attributes(node)}];\n")
    for edge in graph.edges:
        attributes = ", ".join(
            (
                f"label={quote(relation_caption(edge.relation, edge.count))}",
                f"tooltip={quote(edge.text)}",
                f"color={quote(RELATION_COLORS[edge.relation])}",
            )
        )
        out.write(f"  {quote(edge.source)} -> {quote(edge.target)} [{attributes}];\n")
    out.write("}\n")


def _node_attributes(node: Node) -> str:
    label = "\n".join(caption(node))
    attributes = [f"label={quote(label)}"]
    tooltip = node.subject or node.issuer
    if tooltip:
        attributes.append(f"tooltip={quote(tooltip)}")
    if node.stub:
        attributes.append('style="rounded,dashed", fillcolor="none"')
    return ", ".join(attributes)
