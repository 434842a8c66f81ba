"""Reading records back from the files ``vbparse extract`` writes, one record at a time.

Both of extract's formats are read, whatever the file is called: JSON Lines (one record
a line) and one JSON array (``--format json``, or any array, pretty-printed or not).
Neither is ever read whole: a file of a whole corpus streams through in the memory of
one record.  The first line that is not a record stops the file with ``RecordFileError``;
the records before it have been yielded.
"""

from __future__ import annotations

import io
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, TextIO

import regex
from pydantic import ValidationError

from vbparse.inputs import DEFAULT_MAX_BYTES, STDIN, input_error
from vbparse.models import Record

RECORD_SUFFIXES = (".jsonl", ".ndjson", ".json")
RECORD_GLOBS = tuple(f"*{suffix}" for suffix in RECORD_SUFFIXES)
_CHUNK = 64 * 1024
_BLANKS = " \t\r\n"
_WHERE_IN_LINE = regex.compile(r" at line \d+ column \d+$")


class RecordFileError(Exception):
    """A records file holds something that is not a record; ``reason`` is one line."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def is_record_file(path: str) -> bool:
    return path.lower().endswith(RECORD_SUFFIXES)


@contextmanager
def open_record_file(item: str) -> Iterator[TextIO]:
    """``item`` (``-`` for standard input) as UTF-8 text; ``InputError`` says why not."""
    if item == STDIN:
        stream = io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8-sig")
        try:
            yield stream
        finally:
            stream.detach()  # closing the wrapper would close standard input
        return
    try:
        opened = open(item, encoding="utf-8-sig")  # noqa: SIM115 (errors are mapped below)
    except OSError as error:
        raise input_error(item, error) from None
    with opened:
        yield opened


def read_records(stream: TextIO, *, max_chars: int = DEFAULT_MAX_BYTES) -> Iterator[Record]:
    """Every record of ``stream``, JSON Lines or one JSON array; ``max_chars`` bounds one
    record, so that a file that is not JSON at all is refused without being read whole."""
    try:
        line_number, first = _first_line(stream, max_chars)
        if first.lstrip(_BLANKS).startswith("["):
            yield from _ArrayReader(stream, first, line_number, max_chars).records()
        elif first:
            yield _record_of_line(first, line_number)
            yield from _json_lines(stream, line_number + 1, max_chars)
    except UnicodeDecodeError as error:
        raise RecordFileError(f"not UTF-8 (byte 0x{error.object[error.start]:02x})") from None


def _first_line(stream: TextIO, max_chars: int) -> tuple[int, str]:
    """The first line that is not blank, with its number; ``(n, "")`` for a blank file."""
    line_number = 1
    while line := _line(stream, line_number, max_chars):
        if line.strip(_BLANKS):
            return line_number, line
        line_number += 1
    return line_number, ""


def _json_lines(stream: TextIO, line_number: int, max_chars: int) -> Iterator[Record]:
    while line := _line(stream, line_number, max_chars):
        if line.strip(_BLANKS):
            yield _record_of_line(line, line_number)
        line_number += 1


def _line(stream: TextIO, line_number: int, max_chars: int) -> str:
    line = stream.readline(max_chars + 1)
    if len(line) > max_chars:
        raise RecordFileError(f"line {line_number}: record too long (> {max_chars} characters)")
    return line


def _record_of_line(line: str, line_number: int) -> Record:
    try:
        return Record.model_validate_json(line)
    except ValidationError as error:
        raise RecordFileError(f"line {line_number}: {_first_problem(error)}") from None


def _record_of_value(value: Any, line_number: int) -> Record:
    try:
        return Record.model_validate(value)
    except ValidationError as error:
        raise RecordFileError(f"line {line_number}: {_first_problem(error)}") from None


def _first_problem(error: ValidationError) -> str:
    problem = error.errors(include_url=False)[0]
    if problem["type"] == "json_invalid":
        # The parser's own "at line 1 column 9" counts within the line: say only what.
        what = _WHERE_IN_LINE.sub("", problem["msg"].removeprefix("Invalid JSON: "))
        return f"not valid JSON ({what})"
    where = ".".join(str(part) for part in problem["loc"]) or "record"
    return f"not a vbparse record ({where}: {problem['msg']})"


class _ArrayReader:
    """The elements of one JSON array, decoded one at a time from a growing buffer."""

    def __init__(self, stream: TextIO, start: str, line_number: int, max_chars: int) -> None:
        self.stream = stream
        self.buffer = start
        self.pos = start.index("[") + 1
        self.line_number = line_number
        self.max_chars = max_chars
        self.decoder = json.JSONDecoder()
        self.eof = False

    def records(self) -> Iterator[Record]:
        if self._next_char() == "]":
            self.pos += 1
        else:
            separator = ","
            while separator == ",":
                self._next_char()  # the decoder does not skip blanks itself
                line_number = self.line_number
                yield _record_of_value(self._value(), line_number)
                separator = self._next_char()
                self.pos += 1
            if separator != "]":
                raise self._error("expected ',' or ']' after a record")
        if self._next_char():
            raise self._error("more data after the array")

    def _value(self) -> Any:
        while True:
            try:
                value, end = self.decoder.raw_decode(self.buffer, self.pos)
            except json.JSONDecodeError as error:
                # The buffer may end inside the value: read on, up to one record's limit.
                if len(self.buffer) - self.pos <= self.max_chars and self._read_more():
                    continue
                self.line_number += self.buffer.count("\n", self.pos, error.pos)
                raise self._error(f"not valid JSON ({error.msg})") from None
            self.line_number += self.buffer.count("\n", self.pos, end)
            self.pos = end
            return value

    def _next_char(self) -> str:
        """The next character that is not blank, left unread; ``""`` at the end."""
        while True:
            while self.pos < len(self.buffer) and self.buffer[self.pos] in _BLANKS:
                if self.buffer[self.pos] == "\n":
                    self.line_number += 1
                self.pos += 1
            if self.pos < len(self.buffer) or not self._read_more():
                return self.buffer[self.pos : self.pos + 1]

    def _read_more(self) -> bool:
        """Append a chunk, at least as long as what is pending so that a long record is
        decoded again only a logarithmic number of times; False at the end."""
        if self.eof:
            return False
        chunk = self.stream.read(max(_CHUNK, len(self.buffer) - self.pos))
        self.eof = not chunk
        self.buffer = self.buffer[self.pos :] + chunk
        self.pos = 0
        return not self.eof

    def _error(self, reason: str) -> RecordFileError:
        return RecordFileError(f"line {self.line_number}: {reason}")
