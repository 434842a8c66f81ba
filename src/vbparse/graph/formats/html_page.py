"""``--format html``: one self-contained page that draws the graph, offline.

The page is ``viewer.html`` with ``viewer.css``, ``viewer.js`` and the graph's JSON
inlined: nothing is fetched when it is viewed (its Content-Security-Policy forbids it),
so it opens from ``file://`` on a machine with no network.
"""

from __future__ import annotations

import html
import json
import re
from functools import cache
from importlib.resources import files
from typing import TextIO

from vbparse.graph.formats.json_graph import edge_dict, node_dict
from vbparse.graph.formats.style import RELATION_COLORS
from vbparse.graph.model import GRAPH_SCHEMA_VERSION, Graph

_SLOT = re.compile(r"__(TITLE|CSS|JS|DATA)__")


@cache
def _asset(name: str) -> str:
    return files("vbparse.graph.formats").joinpath(name).read_text(encoding="utf-8")


def embedded_json(value: object) -> str:
    """JSON safe inside ``<script>``: no ``<`` at all, so no ``</script>`` nor ``<!--``.

    ``\\u003c`` is the same string to ``JSON.parse``; U+2028/U+2029 are escaped too, for
    tools that still read the data as JavaScript.
    """
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def title(graph: Graph) -> str:
    works = len(graph.nodes) - graph.stub_count
    return (
        f"Citation graph: {_count(works, 'document')}, {graph.stub_count} cited but absent, "
        f"{_count(len(graph.edges), 'link')}"
    )


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def write(graph: Graph, out: TextIO) -> None:
    data = {
        "schema_version": GRAPH_SCHEMA_VERSION,
        "relation_colors": RELATION_COLORS,
        "nodes": [node_dict(node) for node in graph.nodes],
        "edges": [edge_dict(edge) for edge in graph.edges],
    }
    slots = {
        "TITLE": html.escape(title(graph)),
        "CSS": _asset("viewer.css"),
        "JS": _asset("viewer.js"),
        "DATA": embedded_json(data),
    }
    # One pass: text put into a slot is never scanned for slots again.
    out.write(_SLOT.sub(lambda match: slots[match[1]], _asset("viewer.html")))
