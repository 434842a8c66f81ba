"""Golden fixtures: whole real documents beside the fields an expert reads from them.

Each ``tests/fixtures/NAME.txt`` is a dump from the corpus; ``NAME.gold.json`` holds,
per document, the fields of ``corpus/GOLD.md`` (started from the human gold labels and
checked value by value against the text).  Every (fixture, document, field) is its own
test case, compared after the folding the scorer uses, so a failure names the field.
Cases the extractor gets wrong today are marked ``xfail`` with the reason: they are bugs,
not expectations to weaken.
"""

from __future__ import annotations

import json
import re
import unicodedata
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from vbparse.pipeline import parse_text

FIXTURES = Path(__file__).parent / "fixtures"
NAMES = sorted(p.name[: -len(".gold.json")] for p in FIXTURES.glob("*.gold.json"))

# ---------------------------------------------------------------- the scorer's folding

_OLD_TONE = re.compile(r"([ou])([àáảãạèéẻẽẹỳýỷỹỵ])(?!\w)")
_SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
_PUNCT = " \t\r\n-–—;:,.·•+*_\"'“”‘’"
_VV = re.compile(r"^(v\s*[/.il]\s*v|về việc|ve viec)\s*:?\s*")


def _tone(m: re.Match[str]) -> str:
    """Old tone placement to new (``oà`` -> ``òa``, ``uỷ`` -> ``ủy``)."""
    base, mark = unicodedata.normalize("NFD", m.group(2))[:2]
    return unicodedata.normalize("NFC", m.group(1) + mark) + base


def fold(value: Any, *, nospace: bool = False) -> str:
    """NFC, Ð = Đ, markup removed, case folded, tone placement folded, spaces collapsed,
    leading and trailing punctuation stripped."""
    if value is None:
        return ""
    s = unicodedata.normalize("NFC", str(value)).translate(_SUPERSCRIPTS).replace("Ð", "Đ")
    s = re.sub(r"[*#\\|_]", " ", s).casefold()
    s = _OLD_TONE.sub(_tone, s)
    s = re.sub(r"\s+", "" if nospace else " ", s).strip(_PUNCT)
    return s


def fold_number(value: Any) -> str:
    return fold(value, nospace=True).replace("–", "-").replace("—", "-")


def fold_subject(value: Any) -> str:
    return _VV.sub("", fold(value)).strip(_PUNCT)


# ---------------------------------------------------------------- views of one document


def _text(item: Any) -> Any:
    return item.get("text") if isinstance(item, dict) else item


def view(doc: dict[str, Any] | None) -> dict[str, Any]:
    """A gold document or a record (as JSON) flattened into comparable folded values."""
    doc = doc or {}
    number = doc.get("number")
    if isinstance(number, dict):
        number = number.get("value")
    issuer = doc.get("issuer") or {}
    sig = doc.get("signature")
    cites = doc.get("citations") or []
    numbered = [c for c in cites if c.get("number")]
    return {
        "system": fold(doc.get("system")) or None,
        "issuer.name": fold(issuer.get("name")) or None,
        "issuer.parent": fold(issuer.get("parent")) or None,
        "number": fold_number(number) or None,
        "doc_type": fold(doc.get("doc_type")) or None,
        "place": fold(doc.get("place")) or None,
        "date": doc.get("date") or None,
        "subject": fold_subject(doc.get("subject")) or None,
        "recipients": [fold(_text(x)) for x in doc.get("recipients") or []],
        "signature.chain": None
        if sig is None
        else [
            (c["authority"], fold(c.get("on_behalf_of")) or None) for c in sig.get("chain") or []
        ],
        "signature.title": None if sig is None else fold(sig.get("title")) or None,
        "signature.signer": None if sig is None else fold(sig.get("signer")) or None,
        "distribution": [fold(_text(x)) for x in doc.get("distribution") or []],
        "footnotes": [
            (str(f.get("mark")), fold(f.get("text"))) for f in doc.get("footnotes") or []
        ],
        "citations": [fold_number(c["number"]) for c in numbered],
        "citation_dates": {fold_number(c["number"]): c.get("date") for c in numbered},
        "citation_titles": [
            (fold(c.get("doc_type")), fold(c.get("title")), c.get("date"))
            for c in cites
            if not c.get("number")
        ],
    }


FIELDS = [
    "system",
    "issuer.name",
    "issuer.parent",
    "number",
    "doc_type",
    "place",
    "date",
    "subject",
    "recipients",
    "signature.chain",
    "signature.title",
    "signature.signer",
    "distribution",
    "footnotes",
    "citations",
    "citation_dates",
    "citation_titles",
]

# ---------------------------------------------------------------- known bugs today

# 088 is a forum copy flattened onto one line; normalisation cuts it at the layout's cues,
# but one join has no cue at all.
_ALL_088 = "088 (one flattened line)"
KNOWN: dict[tuple[str, int, str], str] = {
    ("012", 0, "citation_dates"): (
        "65/2013/NĐ-CP gets no date: the OCR-truncated mention 'ngày 27/6/2013 của Chính phủ … "
        "(sau đây gọi tắt là Nghị định số 65/2013/NĐ-CP)' is not linked to it"
    ),
    ("012", 0, "citation_titles"): (
        "cited-by-name laws are cut or run on ('Luật Thuế thu', 'Luật Thuế thu nhập cá nhân "
        "như sau:', 'Luật Thuế TNCN của Việt Nam'), 'Luật sửa đổi, bổ sung …' is missed, and "
        "'Hiệp định giữa Chính phủ nước …' (name starting lower case) is not found"
    ),
    ("061", 0, "citation_titles"): (
        "'Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam' is not found: the by-name pattern "
        "wants the name to start with a capital ('nước …')"
    ),
    ("088", 0, "signature.chain"): (
        f"{_ALL_088}: 'TM. BAN BÍ THƯ TRUNG ƯƠNG ĐOÀNBÍ THƯ THƯỜNG TRỰC' has no space or line "
        "between the body signed for and the title: the chain runs on over the title"
    ),
    ("088", 0, "signature.title"): f"{_ALL_088}: the title is glued to the chain (see above)",
}


# ---------------------------------------------------------------- the cases


@cache
def expected(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((FIXTURES / f"{name}.gold.json").read_text(encoding="utf-8"))
    return data


@cache
def parsed(name: str) -> list[dict[str, Any]]:
    text = (FIXTURES / f"{name}.txt").read_text(encoding="utf-8")
    return [json.loads(r.model_dump_json()) for r in parse_text(text, source=f"{name}.txt")]


def _cases() -> list[Any]:
    cases = []
    for name in NAMES:
        for index, _ in enumerate(expected(name)["documents"]):
            for field in FIELDS:
                reason = KNOWN.get((name, index, field))
                marks = [pytest.mark.xfail(strict=False, reason=reason)] if reason else []
                cases.append(
                    pytest.param(name, index, field, id=f"{name}#{index}-{field}", marks=marks)
                )
    return cases


def test_fixtures_present() -> None:
    assert len(NAMES) >= 6
    for name in NAMES:
        assert (FIXTURES / f"{name}.txt").is_file()


@pytest.mark.parametrize("name", NAMES)
def test_document_count(name: str) -> None:
    assert len(parsed(name)) == len(expected(name)["documents"])


@pytest.mark.parametrize(("name", "index", "field"), _cases())
def test_field(name: str, index: int, field: str) -> None:
    want = view(expected(name)["documents"][index])[field]
    records = parsed(name)
    got = view(records[index] if index < len(records) else None)[field]
    assert got == want, f"{name} document {index} {field}"
