"""What every check reads: one record, the decoded text its spans point into, and helpers
for looking at that text around a span.

Checks look at the *source* text, not at the parser's cleaned values, because conformance
is about what was printed: the record's ``number.value`` has its spaces removed and its
signature authorities are canonical (``T/M`` -> ``TM``), while ``text[span]`` still shows
``17 -CV/ĐU`` and ``T/M``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache

import regex

from vbparse.fold import fold
from vbparse.models import Record, Span
from vbparse.vocab import cues

# Markup a dump leaves around a line's words: Markdown emphasis and escapes, table pipes,
# heading and quote marks, and white space (no-break spaces included).
FURNITURE = " \t\r\xa0*_|\\#>"


@dataclass(frozen=True)
class Hit:
    """One deviation a check found: what to say, and where in the source text."""

    message: str
    span: Span


@dataclass(frozen=True)
class Doc:
    """One record and the decoded text of the file it was read from."""

    record: Record
    text: str

    @property
    def start(self) -> int:
        return self.record.source.span[0]

    @property
    def end(self) -> int:
        return min(self.record.source.span[1], len(self.text))

    def line_start(self, pos: int) -> int:
        return self.text.rfind("\n", 0, pos) + 1

    def line_end(self, pos: int) -> int:
        found = self.text.find("\n", pos)
        return len(self.text) if found < 0 else found

    def lines(self, start: int, end: int) -> Iterator[Span]:
        """The (start, end) of every line that begins in ``[start, end)``, in order."""
        pos = self.line_start(start)
        while pos < end:
            stop = self.line_end(pos)
            yield pos, stop
            pos = stop + 1

    def anchor(self) -> Span:
        """Where a finding about something absent from the header points: the
        document's first word."""
        pos = self.start
        while pos < self.end and self.text[pos] in FURNITURE + "\n":
            pos += 1
        return pos, pos

    def end_anchor(self) -> Span:
        """Where a finding about something absent from the closing points: just after
        the document's last word."""
        pos = self.end
        while pos > self.start and self.text[pos - 1] in FURNITURE + "\n":
            pos -= 1
        return pos, pos

    def first_line_matching(self, pattern: regex.Pattern[str], start: int = -1) -> Span | None:
        """The first line of the document (from ``start`` on) whose folded text, bare of
        markup, matches ``pattern``."""
        for line_start, line_end in self.lines(max(start, self.start), self.end):
            if pattern.match(fold(self.text[line_start:line_end]).strip(FURNITURE)):
                return line_start, line_end
        return None

    def noi_nhan_line(self) -> Span | None:
        """The line that opens the distribution list (``Nơi nhận:``)."""
        return self.first_line_matching(_noi_nhan())


Check = Callable[[Doc], Iterator[Hit]]


def cue_at_line_start(name: str) -> regex.Pattern[str]:
    """The cue ``name`` of cues.json at the start of a folded line, after its bullet."""
    return regex.compile(r"[-–•\s]*(?:" + cues()[name] + r")")


@cache
def _noi_nhan() -> regex.Pattern[str]:
    # Followed by its colon or nothing: a body line may begin ``Nơi nhận hồ sơ …``.
    return regex.compile(r"[-–•\s]*(?:" + cues()["noi_nhan"] + r")\s*(?:[:;.]|$)")


def stripped(text: str, start: int, end: int) -> Span:
    """``(start, end)`` narrowed to leave out the markup around the words."""
    while start < end and text[start] in FURNITURE:
        start += 1
    while end > start and text[end - 1] in FURNITURE:
        end -= 1
    return start, end
