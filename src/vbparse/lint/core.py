"""Run the checks on one record and turn their hits into findings with line and column."""

from __future__ import annotations

from array import array
from bisect import bisect_right
from collections.abc import Collection
from functools import lru_cache

import regex
from pydantic import BaseModel, ConfigDict, Field

from vbparse.lint import body, closing, dates, header, number
from vbparse.lint.context import Check, Doc
from vbparse.lint.rules import rules
from vbparse.models import Record, Span

# Every check, by rule code; the catalogue (data/lint_rules.json) holds the rest of a rule.
CHECKS: dict[str, Check] = {
    **number.CHECKS,
    **dates.CHECKS,
    **header.CHECKS,
    **closing.CHECKS,
    **body.CHECKS,
}


class Finding(BaseModel):
    """One deviation from the format rules, located in the decoded source text."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    code: str = Field(description="rule code, e.g. VB101")
    name: str = Field(description="rule name, e.g. serial-without-leading-zero")
    message: str
    path: str = Field(description="the input file, as the record's source.path")
    document: int = Field(description="0-based position of the document in its file")
    line: int = Field(description="1-based line of span[0] in the decoded text")
    column: int = Field(description="1-based column (characters) of span[0]")
    span: Span = Field(description="(start, end) character offsets in the decoded text")


@lru_cache(maxsize=1)
def _line_starts(text: str) -> array[int]:
    # Kept for the text being linted: every record of a file shares it, and counting
    # newlines afresh for each finding would grow with findings x file size.
    return array("q", [0, *(m.end() for m in regex.finditer("\n", text))])


def line_and_column(text: str, pos: int) -> tuple[int, int]:
    """1-based line and column (in characters) of offset ``pos`` of ``text``."""
    pos = max(0, min(pos, len(text)))
    starts = _line_starts(text)
    line = bisect_right(starts, pos)
    return line, pos - starts[line - 1] + 1


def lint_record(
    record: Record, source_text: str, *, codes: Collection[str] | None = None
) -> list[Finding]:
    """The findings of every rule (or of the rules in ``codes``) that holds for the
    record's system, in text order.  ``source_text`` is the decoded file the record's
    spans point into (``vbparse.decode.decode_bytes(data).text``)."""
    doc = Doc(record, source_text)
    findings = []
    for rule in rules():
        if codes is not None and rule.code not in codes:
            continue
        if not rule.applies_to(record.system):
            continue
        for hit in CHECKS[rule.code](doc):
            line, column = line_and_column(source_text, hit.span[0])
            findings.append(
                Finding(
                    code=rule.code,
                    name=rule.name,
                    message=hit.message,
                    path=record.source.path,
                    document=record.source.index,
                    line=line,
                    column=column,
                    span=hit.span,
                )
            )
    return sorted(findings, key=lambda f: (f.span[0], f.code))
