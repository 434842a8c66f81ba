"""Expectations: the records a text gave when they were last reviewed, and what drifted.

``X.expected.json`` beside ``X.txt`` holds the records of ``X.txt`` as one JSON array,
exactly as ``vbparse extract X.txt --format json`` writes them (run in the directory of
``X.txt``, so that ``source.path`` is the file name), pretty-printed so that a diff of
the file reads well.  ``compare`` says, field by field, where fresh records differ.

Values are compared as JSON: a dict key by key, a list of objects item by item, and a
list of plain values (a span, ``cited_by``) as one value.  A field path reads like code:
``signature.signer``, ``citations[2].number``; the empty path is a whole record.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Literal, TypeAlias, get_args

from pydantic import BaseModel

from vbparse.models import Record

JsonValue: TypeAlias = "bool | int | float | str | list[JsonValue] | dict[str, JsonValue] | None"
JsonRecord: TypeAlias = "dict[str, JsonValue]"

EXPECTED_SUFFIX = ".expected.json"

# "missing": the expectation has it and the fresh records do not; "extra": the reverse.
Change = Literal["changed", "missing", "extra"]

_INDEX = re.compile(r"\[\d*\]")


@dataclass(frozen=True)
class Diff:
    """One field of one document that is not what the expectation says."""

    document: int
    field: str  # "" for a whole record
    change: Change
    expected: JsonValue  # None when missing from the expectation ("extra")
    got: JsonValue  # None when missing from the fresh records ("missing")


class ExpectationError(Exception):
    """An expectation file is not a JSON array of records; ``reason`` is one line."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def expectation_path(text: str) -> str:
    """Where the expectation of ``text`` lives: ``dir/X.txt`` -> ``dir/X.expected.json``
    (the path is kept as written, ``./`` included, so that reports read alike)."""
    return os.path.splitext(text)[0] + EXPECTED_SUFFIX


def records_json(records: Iterable[Record]) -> list[JsonRecord]:
    """Records as the JSON values ``extract`` writes (the same serialisation)."""
    return [json.loads(record.model_dump_json()) for record in records]


def expectation_text(records: Sequence[JsonRecord]) -> str:
    """The content of an expectation file: indented, Vietnamese kept as it is."""
    return json.dumps(records, indent=2, ensure_ascii=False) + "\n"


def read_expectation(content: str) -> list[JsonRecord]:
    """The records of an expectation file; ``ExpectationError`` when it holds no such list."""
    try:
        value = json.loads(content)
    except json.JSONDecodeError as error:
        raise ExpectationError(
            f"not JSON: {error.msg} (line {error.lineno}, column {error.colno})"
        ) from None
    if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
        raise ExpectationError("not a JSON array of records")
    return value


def compare(
    expected: Sequence[JsonRecord], got: Sequence[JsonRecord], ignore: Collection[str] = ()
) -> list[Diff]:
    """Every difference between expected and fresh records, document by document.

    ``ignore`` holds field paths left out of the comparison, with everything under them:
    ``source.sha256``, ``citations.target`` (every citation), ``citations[0]`` (one).
    """
    ignored = frozenset(path.replace("[]", "") for path in ignore)
    diffs: list[Diff] = []
    for index in range(max(len(expected), len(got))):
        diffs += _walk(index, "", _at(expected, index), _at(got, index), ignored)
    return diffs


class _Absent:
    """Stands for a key or an item one side does not have."""


_ABSENT = _Absent()


def _at(items: Sequence[JsonValue], index: int) -> JsonValue | _Absent:
    return items[index] if index < len(items) else _ABSENT


def _walk(
    document: int,
    path: str,
    expected: JsonValue | _Absent,
    got: JsonValue | _Absent,
    ignored: frozenset[str],
) -> Iterator[Diff]:
    if _is_ignored(path, ignored):
        return
    if isinstance(got, _Absent):
        yield Diff(document, path, "missing", _value(expected), None)
    elif isinstance(expected, _Absent):
        yield Diff(document, path, "extra", None, got)
    elif isinstance(expected, dict) and isinstance(got, dict):
        keys = list(expected) + [key for key in got if key not in expected]
        for key in keys:
            inner = f"{path}.{key}" if path else key
            yield from _walk(
                document, inner, expected.get(key, _ABSENT), got.get(key, _ABSENT), ignored
            )
    elif isinstance(expected, list) and isinstance(got, list) and _has_items(expected, got):
        for index in range(max(len(expected), len(got))):
            inner = f"{path}[{index}]"
            yield from _walk(document, inner, _at(expected, index), _at(got, index), ignored)
    elif not _same(expected, got):
        yield Diff(document, path, "changed", expected, got)


def _value(value: JsonValue | _Absent) -> JsonValue:
    return None if isinstance(value, _Absent) else value


def _has_items(*lists: list[JsonValue]) -> bool:
    """Lists of objects or lists are compared item by item; lists of plain values whole."""
    return any(isinstance(item, dict | list) for items in lists for item in items)


def _same(expected: JsonValue, got: JsonValue) -> bool:
    # As JSON text: 1 and true, or 1 and 1.0, are different values in a record.
    return json.dumps(expected) == json.dumps(got)


def _is_ignored(path: str, ignored: frozenset[str]) -> bool:
    if not ignored or not path:
        return False
    for form in {path, _INDEX.sub("", path)}:
        for field in ignored:
            if form == field or form.startswith((f"{field}.", f"{field}[")):
                return True
    return False


def is_record_field(path: str) -> bool:
    """Whether ``path`` names a field of a record (``source.sha256``, ``citations[].target``
    or ``citations[2].target``); catches a mistyped ``--ignore-field``."""
    model: type[BaseModel] | None = Record
    for name in _INDEX.sub("", path).split("."):
        if model is None or name not in model.model_fields:
            return False
        model = _model_inside(model.model_fields[name].annotation)
    return True


def _model_inside(annotation: object) -> type[BaseModel] | None:
    """The model a field holds, through ``X | None`` and ``tuple[X, ...]``; None for a
    plain value."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for argument in get_args(annotation):
        found = _model_inside(argument)
        if found is not None:
            return found
    return None


def show_value(value: JsonValue, limit: int = 80) -> str:
    """A value for one line of a report: strings quoted like Python, the rest as JSON,
    cut at ``limit`` characters."""
    shown = repr(value) if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return shown if len(shown) <= limit else shown[: limit - 1] + "…"
