"""The graph's output formats: one module each, ``write(graph, out)``."""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal, TextIO

from vbparse.graph.formats import dot, graphml, html_page, json_graph, mermaid
from vbparse.graph.model import Graph

GraphFormat = Literal["json", "dot", "graphml", "mermaid", "html"]

_WRITERS: dict[GraphFormat, Callable[[Graph, TextIO], None]] = {
    "json": json_graph.write,
    "dot": dot.write,
    "graphml": graphml.write,
    "mermaid": mermaid.write,
    "html": html_page.write,
}


def write_graph(graph: Graph, out: TextIO, fmt: GraphFormat = "json") -> None:
    """Write ``graph`` to ``out`` (a UTF-8 text stream) in format ``fmt``."""
    _WRITERS[fmt](graph, out)
