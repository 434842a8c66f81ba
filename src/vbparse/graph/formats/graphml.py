"""``--format graphml``: GraphML for Gephi, yEd, Cytoscape or networkx.

Every attribute is declared as a ``<key>``; a value missing on a node is left out, as
GraphML intends.  A node's copies are one string, ``path#index`` of each, ``; ``-joined.
"""

from __future__ import annotations

from typing import TextIO
from xml.sax.saxutils import escape, quoteattr

from vbparse.graph.formats.json_graph import edge_dict, node_dict
from vbparse.graph.formats.style import printable
from vbparse.graph.model import Edge, Graph, Node

# (name, attr.type) of each attribute: the names are the JSON keys.
_NODE_KEYS = (
    ("label", "string"),
    ("stub", "boolean"),
    ("work_id", "string"),
    ("number", "string"),
    ("doc_type", "string"),
    ("date", "string"),
    ("issuer", "string"),
    ("subject", "string"),
    ("place", "string"),
    ("signer", "string"),
    ("path", "string"),
    ("index", "int"),
    ("copies", "string"),
)
_EDGE_KEYS = (
    ("relation", "string"),
    ("count", "int"),
    ("text", "string"),
    ("date", "string"),
)
_HEADER = """<?xml version="1.0" encoding="UTF-8"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns"
    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
    xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns
    http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">
"""


def write(graph: Graph, out: TextIO) -> None:
    out.write(_HEADER)
    for domain, keys in (("node", _NODE_KEYS), ("edge", _EDGE_KEYS)):
        for name, kind in keys:
            # Node and edge both have a "date": ids must be unique, names need not.
            key_id = f"{domain[0]}_{name}"
            out.write(
                f"  <key id={quoteattr(key_id)} for={quoteattr(domain)}"
                f" attr.name={quoteattr(name)} attr.type={quoteattr(kind)}/>\n"
            )
    out.write('  <graph id="citations" edgedefault="directed">\n')
    for node in graph.nodes:
        out.write(f"    <node id={_attr(node.id)}>\n")
        _write_data("n", _node_values(node), out)
        out.write("    </node>\n")
    for n, edge in enumerate(graph.edges):
        out.write(
            f"    <edge id={_attr(f'e{n}')} source={_attr(edge.source)}"
            f" target={_attr(edge.target)}>\n"
        )
        _write_data("e", _edge_values(edge), out)
        out.write("    </edge>\n")
    out.write("  </graph>\n</graphml>\n")


def _node_values(node: Node) -> dict[str, str | int | bool | None]:
    """The node's fields but its id (the element's own attribute), copies as one text."""
    values = node_dict(node)
    del values["id"]
    values["copies"] = "; ".join(f"{c.path}#{c.index}" for c in node.copies) or None
    return values


def _edge_values(edge: Edge) -> dict[str, str | int | bool | None]:
    """The edge's fields but its ends (the element's own attributes)."""
    values = edge_dict(edge)
    del values["source"], values["target"]
    return values


def _write_data(prefix: str, values: dict[str, str | int | bool | None], out: TextIO) -> None:
    for name, value in values.items():
        if value is None:
            continue
        shown = str(value).lower() if isinstance(value, bool) else str(value)
        out.write(f"      <data key={_attr(f'{prefix}_{name}')}>{_text(shown)}</data>\n")


def _attr(value: str) -> str:
    return quoteattr(printable(value))


def _text(value: str) -> str:
    return escape(printable(value))
