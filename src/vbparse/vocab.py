"""Vocabularies, loaded once from the JSON files in ``vbparse/data``.

Codes, prefixes, titles and cue spellings are data, not literals in the code, so that
a records office can read and extend them without touching the parser.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import regex

from vbparse.fold import fold


def load(name: str) -> Any:
    """The parsed JSON data file ``vbparse/data/<name>.json``."""
    with resources.files("vbparse.data").joinpath(f"{name}.json").open(encoding="utf-8") as fh:
        return json.load(fh)


@dataclass(frozen=True)
class DocTypes:
    by_folded_name: dict[str, str]  # "quyet dinh" -> "Quyết định"
    by_code: dict[str, str]  # upper-cased code -> name ("QĐ" -> "Quyết định")
    party_by_code: dict[str, str]
    citation_words: dict[str, str]

    def name_for_code(self, code: str | None, *, party: bool = False) -> str | None:
        if not code:
            return None
        key = code.upper().replace("Ð", "Đ")
        if party and key in self.party_by_code:
            return self.party_by_code[key]
        return self.by_code.get(key) or self.party_by_code.get(key)


@cache
def doc_types() -> DocTypes:
    data = load("doc_types")
    by_name: dict[str, str] = {}
    by_code: dict[str, str] = {}
    party: dict[str, str] = {}
    for entry in data["types"]:
        name = entry["name"]
        by_name[fold(name)] = name
        if entry.get("state"):
            by_code.setdefault(entry["state"].upper(), name)
        for code in entry.get("other", []):
            by_code.setdefault(code.upper(), name)
        if entry.get("party"):
            party.setdefault(entry["party"].upper(), name)
    words = {k: v for k, v in data["citation_words"].items() if not k.startswith("_")}
    return DocTypes(by_name, by_code, party, words)


@cache
def authorities() -> dict[str, str]:
    prefixes: dict[str, str] = load("authorities")["prefixes"]
    return prefixes


@cache
def titles() -> dict[str, list[str]]:
    data = load("titles")
    return {k: v for k, v in data.items() if not k.startswith("_")}


@cache
def marks() -> dict[str, dict[str, str]]:
    data = load("marks")
    return {k: v for k, v in data.items() if not k.startswith("_")}


@cache
def issuers() -> dict[str, Any]:
    data: dict[str, Any] = load("issuers")
    return data


def _folded_alternation(phrases: list[str]) -> str:
    """A regex matching any of the folded ``phrases``, white space between words optional."""
    words = (r"\s*".join(regex.escape(w) for w in p.split()) for p in phrases)
    return "(?:" + "|".join(sorted(words, key=len, reverse=True)) + r")\b"


@cache
def union_header_pattern() -> str:
    """Mass organisations' header names (``ĐOÀN TNCS HỒ CHÍ MINH`` …), folded, as a regex."""
    return _folded_alternation(issuers()["union_headers"])


@cache
def header_texts() -> tuple[str, ...]:
    """The folded motto and Party header lines (``cong hoa xa hoi chu nghia viet nam`` …)."""
    data = issuers()
    return tuple(data["state_headers"] + data["party_headers"])


@cache
def cues() -> dict[str, Any]:
    data: dict[str, Any] = load("cues")
    return data


@cache
def cue(name: str) -> regex.Pattern[str]:
    """A line opening with the cue ``name`` of cues.json (folded), its bullet and colon."""
    return regex.compile(r"^[-–•*\s]*(?:" + cues()[name] + r")\s*[:;.]?")


@cache
def boilerplate() -> dict[str, Any]:
    data: dict[str, Any] = load("boilerplate")
    return data
