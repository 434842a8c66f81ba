"""The pipeline, end to end: bytes -> text -> documents -> records.

decode -> normalise (offset map) -> segment -> zones -> fields -> citations -> record.
Each stage lives in its own module; this one only wires them together.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

from vbparse.decode import decode_bytes
from vbparse.document import read_document
from vbparse.fields.header import title_names
from vbparse.lines import split_lines
from vbparse.models import Record
from vbparse.normalize import normalize
from vbparse.segment import segment


def parse_text(
    text: str,
    *,
    source: str = "-",
    sha256: str | None = None,
    encoding: str = "utf-8",
    encoding_confidence: float = 1.0,
) -> list[Record]:
    """Every document found in ``text`` (an already decoded file), as records."""
    if sha256 is None:
        sha256 = hashlib.sha256(text.encode("utf-8")).hexdigest()
    norm = normalize(text)
    lines = split_lines(norm)
    names = title_names()
    return [
        read_document(
            norm,
            lines,
            seg,
            index=index,
            source=source,
            sha256=sha256,
            encoding=encoding,
            encoding_confidence=encoding_confidence,
            title_names=names,
        )
        for index, seg in enumerate(segment(lines))
    ]


def parse_bytes(data: bytes, *, source: str = "-", encoding: str | None = None) -> list[Record]:
    """Decode ``data`` and parse it; raises ``vbparse.decode.DecodeError`` on bad bytes."""
    return read_bytes(data, source=source, encoding=encoding)[1]


def read_bytes(
    data: bytes, *, source: str = "-", encoding: str | None = None
) -> tuple[str, list[Record]]:
    """The decoded text of ``data`` (what every span points into) and its records."""
    decoded = decode_bytes(data, encoding=encoding)
    records = parse_text(
        decoded.text,
        source=source,
        sha256=hashlib.sha256(data).hexdigest(),
        encoding=decoded.encoding,
        encoding_confidence=decoded.confidence,
    )
    return decoded.text, records


def extract_path(path: str | Path) -> Iterator[Record]:
    """Records of one file, or of every matching file below a directory."""
    from vbparse.inputs import iter_inputs, read_input

    for item in iter_inputs([str(path)]):
        yield from parse_bytes(read_input(item), source=item)
