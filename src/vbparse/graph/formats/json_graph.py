"""``--format json``: ``{"schema_version", "nodes", "edges"}``, one node or edge a line.

Keys always appear, in the order of ``docs/graph.md``, null when unknown, so that two runs
over the same records give the same bytes.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any, TextIO

from vbparse.graph.model import GRAPH_SCHEMA_VERSION, Edge, Graph, Node


def node_dict(node: Node) -> dict[str, Any]:
    """A node's fields under their names, in their order (copies as objects)."""
    return asdict(node)


def edge_dict(edge: Edge) -> dict[str, Any]:
    return asdict(edge)


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
