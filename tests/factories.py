"""Small records built by hand, for testing the shell around the parser."""

from __future__ import annotations

from vbparse.models import Record, Source


def make_record(path: str = "cong-van.txt", index: int = 0, encoding: str = "utf-8") -> Record:
    return Record(
        id=f"{path}#{index}",
        source=Source(path=path, index=index, span=(0, 10), sha256="0" * 64, encoding=encoding),
        doc_type="Công văn",
        subject="Về việc triển khai Nghị quyết số 12-NQ/TW",
    )
