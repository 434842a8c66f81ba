"""What every drawing of the graph shares: a colour per relation, the two-line label."""

from __future__ import annotations

from vbparse.graph.model import Node
from vbparse.models import Relation

# Colour-blind-safe where it matters most: the basis and change relations stand apart
# from the grey of a plain reference.
RELATION_COLORS: dict[Relation, str] = {
    "legal_basis": "#0072b2",
    "implements": "#009e73",
    "amends": "#e69f00",
    "replaces": "#d55e00",
    "repeals": "#cc3311",
    "guides": "#56b4e9",
    "attached_to": "#8c6bb1",
    "forwards": "#cc79a7",
    "reference": "#888888",
}


def caption(node: Node) -> list[str]:
    """The lines a drawn node shows: its label, then its date when it has one."""
    return [node.label] + ([node.date] if node.date else [])


def relation_caption(relation: Relation, count: int) -> str:
    return relation if count == 1 else f"{relation} ×{count}"


def printable(text: str) -> str:
    """``text`` without control characters, which DOT, XML and Mermaid cannot carry."""
    return "".join(ch if ch >= " " or ch == "\n" else " " for ch in text)
