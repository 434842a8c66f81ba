"""``--format json``: ``{"schema_version", "nodes", "edges"}``, one node or edge a line.

Keys always appear, in the order of ``docs/graph.md``, null when unknown, so that two runs
over the same records give the same bytes.
"""

from __future__ import annotations

import json
from typing import Any, TextIO

from vbparse.graph.model import GRAPH_SCHEMA_VERSION, Edge, Graph, Node


def node_dict(node: Node) -> dict[str, Any]:
    return {
        "id": node.id,
        "label": node.label,
        "stub": node.stub,
        "work_id": node.work_id,
        "number": node.number,
        "doc_type": node.doc_type,
        "date": node.date,
        "issuer": node.issuer,
        "subject": node.subject,
        "place": node.place,
        "signer": node.signer,
        "path": node.path,
        "index": node.index,
        "copies": [{"id": c.id, "path": c.path, "index": c.index} for c in node.copies],
    }


def edge_dict(edge: Edge) -> dict[str, Any]:
    return {
        "source": edge.source,
        "target": edge.target,
        "relation": edge.relation,
        "count": edge.count,
        "text": edge.text,
        "date": edge.date,
    }


def write(graph: Graph, out: TextIO) -> None:
    out.write(f'{{"schema_version": {json.dumps(GRAPH_SCHEMA_VERSION)},\n')
    _write_list("nodes", [node_dict(node) for node in graph.nodes], out)
    out.write(",\n")
    _write_list("edges", [edge_dict(edge) for edge in graph.edges], out)
    out.write("}\n")


def _write_list(name: str, items: list[dict[str, Any]], out: TextIO) -> None:
    out.write(f' "{name}": [')
    for n, item in enumerate(items):
        out.write(",\n  " if n else "\n  ")
        out.write(json.dumps(item, ensure_ascii=False))
    out.write("\n ]" if items else "]")
