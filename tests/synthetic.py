"""Small synthetic documents built from the format rules, and helpers to check records
and offset maps.

The documents follow NĐ 30/2020 Phụ lục I (state) and HD 36-HD/VPTW (Party) as the
format notes describe them; each test states what it changes.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from typing import Any

from vbparse.fold import fold
from vbparse.lines import split_lines
from vbparse.models import Record
from vbparse.normalize import Normalized
from vbparse.pipeline import parse_text

STATE_LETTER = """\
ỦY BAN NHÂN DÂN
TỈNH KIÊN GIANG
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc

Số: 1507/UBND-TH
V/v triển khai Kết luận số 07-KL/TW

Kiên Giang, ngày 05 tháng 01 năm 2022

Kính gửi:
- Các sở, ban, ngành cấp tỉnh;
- Ủy ban nhân dân các huyện, thành phố.

Thực hiện Kết luận số 07-KL/TW ngày 11/6/2021 của Bộ Chính trị, Ủy ban nhân dân tỉnh \
yêu cầu các cơ quan, đơn vị triển khai thực hiện./.

Nơi nhận:
- Như trên;
- CT, các PCT UBND tỉnh;
- Lưu: VT, TH.

TM. ỦY BAN NHÂN DÂN
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
(Đã ký)
Nguyễn Lưu Trung
"""

PARTY_LETTER = """\
TỈNH ỦY KIÊN GIANG
*
Số 176-CV/TU
V/v tăng cường phòng, chống dịch

ĐẢNG CỘNG SẢN VIỆT NAM
Kiên Giang, ngày 15 tháng 6 năm 2021

Kính gửi: - Các huyện ủy, thành ủy,
- Các đảng ủy trực thuộc.

Ban Thường vụ Tỉnh ủy yêu cầu các cấp ủy tổ chức quán triệt Kết luận số 07-KL/TW, \
ngày 11-6-2021 của Bộ Chính trị đến cán bộ, đảng viên.

Nơi nhận:
- Như trên,
- Lưu Văn phòng Tỉnh ủy.

T/M BAN THƯỜNG VỤ
PHÓ BÍ THƯ

Đỗ Thanh Bình
"""

# A decision of a provincial committee: title, subject, the head named above the basis.
STATE_DECISION = """\
ỦY BAN NHÂN DÂN
TỈNH KIÊN GIANG
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc

Số: 1351/QĐ-UBND
Kiên Giang, ngày 10 tháng 5 năm 2022

QUYẾT ĐỊNH
Về việc công bố danh mục thủ tục hành chính
__________

CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH KIÊN GIANG

Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;
Căn cứ Quyết định số 12/2021/QĐ-UBND ngày 03/3/2021 của Ủy ban nhân dân tỉnh;

QUYẾT ĐỊNH:

Điều 1. Công bố kèm theo Quyết định này danh mục thủ tục hành chính.

Điều 2. Quyết định này có hiệu lực kể từ ngày ký./.

Nơi nhận:
- Như Điều 2;
- Lưu: VT, TCCB.

KT. CHỦ TỊCH
PHÓ CHỦ TỊCH

Lâm Minh Thành
"""

# A template for variations of one state letter: every field can be replaced.
TEMPLATE = """\
{issuer}
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc

{number}
{subject}
{place_date}

{recipients}

{body}./.

Nơi nhận:
{distribution}

{signature}
"""

DEFAULTS = {
    "issuer": "ỦY BAN NHÂN DÂN\nTỈNH KIÊN GIANG",
    "number": "Số: 245/UBND-VX",
    "subject": "V/v tăng cường công tác phòng, chống dịch",
    "place_date": "Kiên Giang, ngày 12 tháng 3 năm 2023",
    "recipients": "Kính gửi: Sở Y tế.",
    "body": "Ủy ban nhân dân tỉnh đề nghị Sở Y tế triển khai thực hiện",
    "distribution": "- Như trên;\n- Lưu: VT, TCCB.",
    "signature": "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nLê Thị Minh",
}


def letter(**fields: str) -> str:
    """A state letter with some of its fields replaced."""
    unknown = set(fields) - set(DEFAULTS)
    assert not unknown, unknown
    return TEMPLATE.format(**{**DEFAULTS, **fields})


def ascii_id(value: object) -> str:
    """A readable ASCII test id for a Vietnamese string (folded, cut short)."""
    return fold(str(value)).encode("ascii", "replace").decode()[:48]


def parse(text: str) -> list[Record]:
    return parse_text(text, source="x.txt")


def one(text: str) -> Record:
    """The single record of ``text`` (fails when the text splits into several)."""
    records = parse(text)
    assert len(records) == 1, [r.number.value if r.number else None for r in records]
    return records[0]


def numbers(records: list[Record]) -> list[str | None]:
    return [r.number.value if r.number else None for r in records]


def chain(record: Record) -> list[tuple[str, str | None]]:
    assert record.signature is not None
    return [(link.authority, link.on_behalf_of) for link in record.signature.chain]


def cited(record: Record) -> list[tuple[str | None, str | None, str | None]]:
    return [(c.number, c.doc_type, c.date) for c in record.citations]


def iter_spans(value: Any, path: str = "") -> Iterator[tuple[str, Any]]:
    """Every span of a record dumped to JSON-like data: keys ``span``, ``title_span``,
    ``signer_span`` anywhere, and every entry of ``spans``."""
    if isinstance(value, dict):
        for key, item in value.items():
            where = f"{path}.{key}" if path else key
            if key in ("span", "title_span", "signer_span") and item is not None:
                yield where, item
            elif key == "spans" and isinstance(item, dict):
                for name, span in item.items():
                    if span is None:
                        continue
                    if name == "marks":
                        for k, s in enumerate(span):
                            yield f"{where}.{name}[{k}]", s
                    else:
                        yield f"{where}.{name}", span
            else:
                yield from iter_spans(item, where)
    elif isinstance(value, (list, tuple)):
        for k, item in enumerate(value):
            yield from iter_spans(item, f"{path}[{k}]")


def bad_spans(record: Record, source: str) -> list[str]:
    """The spans of ``record`` that do not lie inside ``source``."""
    bad = []
    for where, span in iter_spans(record.model_dump(mode="json")):
        ok = (
            isinstance(span, (list, tuple))
            and len(span) == 2
            and all(isinstance(x, int) for x in span)
            and 0 <= span[0] <= span[1] <= len(source)
        )
        if not ok:
            bad.append(f"{where}={span!r}")
    return bad


# ---------------------------------------------------------------- offset maps


def _cluster(source: str, at: int) -> str:
    """The base character at ``at`` with the combining marks around it."""
    start = at
    while start > 0 and unicodedata.combining(source[start]):
        start -= 1
    end = start + 1
    while end < len(source) and unicodedata.combining(source[end]):
        end += 1
    return source[start:end]


def assert_offset_map(source: str, norm: Normalized) -> None:
    """Every clean character comes from the source character its offset names."""
    assert norm.source_length == len(source)
    assert len(norm.offsets) == len(norm.text) + 1
    assert norm.offsets[-1] == len(source)
    assert norm.folded == fold(norm.text)
    for i, ch in enumerate(norm.text):
        at = norm.offsets[i]
        assert 0 <= at <= len(source), (i, at)
        if ch in "\n ":
            continue  # line breaks and spaces stand for table cells, tabs, NBSP …
        assert at < len(source), (i, ch)
        raw = source[at]
        ok = (
            raw == ch
            or (ch == "Đ" and raw == "Ð")  # U+00D0 read as U+0110
            or (ch == ":" and raw == "：")  # full-width colon
            or ch in unicodedata.normalize("NFC", _cluster(source, at))  # NFC of a cluster
        )
        assert ok, f"clean {i} {ch!r} <- source {at} {raw!r}"


def assert_spans_inside(source: str, norm: Normalized) -> None:
    n = len(norm.text)
    pairs = [(0, n), (0, 0), (n, n)]
    pairs += [(ln.start, ln.end) for ln in split_lines(norm)]
    pairs += [(a, min(n, a + 7)) for a in range(0, n, max(1, n // 50))]
    for a, b in pairs:
        s, e = norm.span(a, b)
        assert 0 <= s <= e <= len(source), (a, b, s, e)
