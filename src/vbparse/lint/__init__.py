"""Conformance checks: NĐ 30/2020/NĐ-CP (state) and Hướng dẫn 36-HD/VPTW (Party).

``lint_record(record, source_text)`` reads a parsed record and the decoded text its spans
point into, and returns a ``Finding`` for each deviation from the format rules (docs/lint.md
lists them).  The rules' metadata is data (``data/lint_rules.json``); each check is a
small function in the module of its family: ``number`` (VB1xx), ``dates`` (VB2xx),
``header`` (VB3xx), ``closing`` (VB4xx), ``body`` (VB5xx).

    >>> from vbparse.decode import decode_bytes
    >>> from vbparse.pipeline import parse_text
    >>> text = decode_bytes(data).text
    >>> findings = [f for r in parse_text(text, source=path) for f in lint_record(r, text)]
"""

from vbparse.lint.core import CHECKS, Finding, lint_record
from vbparse.lint.rules import Rule, UnknownSelector, rule, rules, selected_codes

__all__ = [
    "CHECKS",
    "Finding",
    "Rule",
    "UnknownSelector",
    "lint_record",
    "rule",
    "rules",
    "selected_codes",
]
