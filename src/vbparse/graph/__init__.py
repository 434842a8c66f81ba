"""The citation graph: documents as nodes, citations as edges (``vbparse graph``).

    from vbparse.graph import build_graph, write_graph
    from vbparse.link import link_records

    graph = build_graph(link_records(records))
    write_graph(graph, sys.stdout, "mermaid")

``docs/graph.md`` describes the nodes, the edges and each format.
"""

from vbparse.graph.build import build_graph
from vbparse.graph.formats import GraphFormat, write_graph
from vbparse.graph.model import GRAPH_SCHEMA_VERSION, Copy, Edge, Graph, Node

__all__ = [
    "GRAPH_SCHEMA_VERSION",
    "Copy",
    "Edge",
    "Graph",
    "GraphFormat",
    "Node",
    "build_graph",
    "write_graph",
]
