"""The rule catalogue (``data/lint_rules.json``) and rule selection, as ruff does it.

A selector is a code or a code prefix (``VB101``, ``VB1``, ``VB``) or ``ALL``.  A rule is
on when some ``select`` selector matches it and no ``ignore`` selector matches it at least
as specifically (as long a prefix): ``--select VB1 --ignore VB104`` runs VB101-VB105 but
VB104, and ``--ignore VB1 --select VB104`` still runs VB104.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any, Literal

from vbparse.vocab import load

Systems = Literal["state", "party", "both"]
ALL = "ALL"


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    family: str
    summary: str
    source: str
    systems: Systems
    example: str
    conforming: str

    def applies_to(self, system: str | None) -> bool:
        """Whether the rule holds for a document of ``system``; mass organisations
        (``union``) follow rules of their own and no rule here applies to them."""
        if system not in ("state", "party"):
            return False
        return self.systems in ("both", system)


class UnknownSelector(ValueError):
    """A --select/--ignore value that names no rule; ``selector`` is the bad value."""

    def __init__(self, selector: str) -> None:
        super().__init__(f"unknown rule code or prefix {selector!r}")
        self.selector = selector


@cache
def _catalogue() -> dict[str, Any]:
    data: dict[str, Any] = load("lint_rules")
    return data


@cache
def rules() -> tuple[Rule, ...]:
    """Every rule, in code order."""
    data = _catalogue()
    families: dict[str, str] = data["families"]
    found = [
        Rule(
            code=entry["code"],
            name=entry["name"],
            family=families[entry["code"][:3]],
            summary=entry["summary"],
            source=entry["source"],
            systems=entry["systems"],
            example=entry["example"],
            conforming=entry["conforming"],
        )
        for entry in data["rules"]
    ]
    return tuple(sorted(found, key=lambda rule: rule.code))


@cache
def rule(code: str) -> Rule:
    for candidate in rules():
        if candidate.code == code:
            return candidate
    raise KeyError(code)


@cache
def vocabulary() -> dict[str, Any]:
    """The word lists the rules compare against (``vocabulary`` in the catalogue)."""
    data: dict[str, Any] = _catalogue()["vocabulary"]
    return {key: value for key, value in data.items() if not key.startswith("_")}


def split_selectors(values: Iterable[str] | None) -> list[str]:
    """``["VB1,VB2", "VB3"]`` -> ``["VB1", "VB2", "VB3"]`` (upper case, blanks dropped)."""
    out: list[str] = []
    for value in values or ():
        out += [part.strip().upper() for part in value.split(",") if part.strip()]
    return out


def check_selectors(selectors: Iterable[str]) -> None:
    """Raise ``UnknownSelector`` for the first selector that matches no rule."""
    for selector in selectors:
        if selector != ALL and not any(r.code.startswith(selector) for r in rules()):
            raise UnknownSelector(selector)


def _specificity(code: str, selectors: Iterable[str]) -> int:
    """Length of the longest selector that matches ``code`` (``ALL`` is 0), or -1."""
    lengths = [0 if s == ALL else len(s) for s in selectors if s == ALL or code.startswith(s)]
    return max(lengths, default=-1)


def selected_codes(
    select: Iterable[str] | None = None, ignore: Iterable[str] | None = None
) -> frozenset[str]:
    """The codes that ``select`` (every rule when empty) minus ``ignore`` leaves on."""
    chosen = split_selectors(select) or [ALL]
    dropped = split_selectors(ignore)
    check_selectors(chosen)
    check_selectors(dropped)
    codes = set()
    for candidate in rules():
        on = _specificity(candidate.code, chosen)
        if on >= 0 and on > _specificity(candidate.code, dropped):
            codes.add(candidate.code)
    return frozenset(codes)
