"""Small records built by hand, for testing the shell around the parser."""

from __future__ import annotations

from vbparse.models import Citation, Issuer, Number, Record, Source


def make_record(path: str = "cong-van.txt", index: int = 0, encoding: str = "utf-8") -> Record:
    return Record(
        id=f"{path}#{index}",
        source=Source(path=path, index=index, span=(0, 10), sha256="0" * 64, encoding=encoding),
        doc_type="Công văn",
        subject="Về việc triển khai Nghị quyết số 12-NQ/TW",
    )


def citing_record(
    rid: str,
    number: str | None = None,
    date: str | None = None,
    cites: tuple[tuple[str, str | None], ...] = (),
    *,
    issuer: str | None = None,
    path: str = "a.txt",
    index: int = 0,
    subject: str | None = None,
) -> Record:
    """A record with its own number, date and issuer, citing (number, date) pairs in order
    (the k-th citation's span is ``(k, k + 1)``): the input linking and graphs work on."""
    own = None
    if number is not None:
        own = Number(
            value=number,
            raw=number,
            serial=None,
            year=None,
            type_code=None,
            issuer_code=None,
            unit_code=None,
            grammar="other",
            span=(0, 1),
        )
    return Record(
        id=rid,
        source=Source(path=path, index=index, span=(0, 1), sha256="0" * 64),
        number=own,
        date=date,
        issuer=None if issuer is None else Issuer(name=issuer, span=(0, 1)),
        subject=subject,
        citations=tuple(
            Citation(number=n, doc_type=None, date=d, text=n, span=(k, k + 1))
            for k, (n, d) in enumerate(cites)
        ),
    )
