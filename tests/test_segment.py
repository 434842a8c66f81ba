"""Splitting a dump into documents (format notes A13, A14; GOLD.md "What counts as a
document"), checked end to end through ``parse_text``."""

from __future__ import annotations

import pytest

from synthetic import PARTY_LETTER, STATE_DECISION, STATE_LETTER, letter, numbers, one, parse
from vbparse.lines import split_lines
from vbparse.normalize import normalize
from vbparse.segment import segment

COVERING = """\
UBND TỈNH KIÊN GIANG
VĂN PHÒNG
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc

Số: 4614/VP-KGVX
V/v chỉ đạo thực hiện Công văn số 4162/VPCP-TKBT ngày 22/6/2021 của Văn phòng Chính phủ

Kiên Giang, ngày 29 tháng 6 năm 2021

Kính gửi: Thành viên Ban Chỉ đạo phòng, chống dịch bệnh Covid-19 tỉnh.

Văn phòng UBND tỉnh xin thông báo ý kiến Phó Chủ tịch UBND tỉnh để tổ chức thực hiện./.

Nơi nhận:
- Như trên;
- Lưu: VT, KGVX.

KT. CHÁNH VĂN PHÒNG
PHÓ CHÁNH VĂN PHÒNG

Trần Công Danh
"""

FORWARDED_WITH_HEADER = """\
VĂN PHÒNG CHÍNH PHỦ
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc

Số: 4162/VPCP-TKBT
V/v thực hiện Kết luận của Bộ Chính trị tháng 6/2021

Hà Nội, ngày 22 tháng 6 năm 2021

Kính gửi: Chủ tịch Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương.

Văn phòng Chính phủ thông báo để các cơ quan biết, thực hiện./.

Nơi nhận:
- Như trên;
- Lưu: VT, TKBT (2).

BỘ TRƯỞNG, CHỦ NHIỆM

Trần Văn Sơn
"""

# The forwarded letter as seed file 000 prints it: no issuer block and no motto, only
# the number line, the V/v and the date.
FORWARDED_BARE = FORWARDED_WITH_HEADER.split("\n", 4)[4]


APPENDIX_WITH_FORM = """
PHỤ LỤC
DANH MỤC THỦ TỤC HÀNH CHÍNH
(Kèm theo Quyết định số 1351/QĐ-UBND ngày 10 tháng 5 năm 2022 của Chủ tịch Ủy ban nhân dân tỉnh)

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc

Kiên Giang, ngày ... tháng ... năm ...

ĐƠN ĐỀ NGHỊ

Tôi tên là: .....................
"""

REGULATION_ANNEXED = """
ỦY BAN NHÂN DÂN
TỈNH KIÊN GIANG
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc

QUY ĐỊNH
Về quản lý thủ tục hành chính
(Ban hành kèm theo Quyết định số 1351/QĐ-UBND ngày 10 tháng 5 năm 2022 của Ủy ban nhân dân tỉnh)

Điều 1. Phạm vi điều chỉnh
"""

BLANK_FORM = """
TÊN ĐƠN VỊ
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc

Số: …/…
…, ngày … tháng … năm …

BÁO CÁO
Kết quả thực hiện chuyển đổi số

Nội dung báo cáo: ....................
"""

COPY_BLOCK = """
SAO Y BẢN CHÍNH
UBND HUYỆN GÒ QUAO
Số: 05/SY-UBND
Gò Quao, ngày 12 tháng 5 năm 2022

Nơi nhận:
- Các phòng, ban huyện;
- Lưu: VT.

TL. CHỦ TỊCH
CHÁNH VĂN PHÒNG

Nguyễn Văn Hòa
"""

WEB_TAIL = """
Văn bản liên quan
Nghị định 13/2023/NĐ-CP về Bảo vệ dữ liệu cá nhân
Cảm ơn đã dùng ThuVienPhapLuat.vn
Quý Thành viên xác nhận giúp THƯ VIỆN PHÁP LUẬT
"""

METADATA_BOX = """\
Số hiệu: 1507/UBND-TH
Loại văn bản: Công văn
Nơi ban hành: Tỉnh Kiên Giang
Người ký: Nguyễn Lưu Trung
Ngày ban hành: 05/01/2022

"""

PARTY_MENTION = letter(
    issuer="ỦY BAN NHÂN DÂN\nHUYỆN GÒ QUAO",
    number="Số: 88/UBND-VP",
    subject="V/v kỷ niệm Ngày thành lập Đảng",
    body="Nhân kỷ niệm 93 năm Ngày thành lập Đảng Cộng sản Việt Nam (03/02/1930 - 03/02/2023),\n"
    "các cơ quan treo băng rôn với khẩu hiệu:\n"
    "ĐẢNG CỘNG SẢN VIỆT NAM QUANG VINH MUÔN NĂM\n"
    "ĐẢNG CỘNG SẢN VIỆT NAM\n"
    "Số lượng băng rôn: 20 chiếc.\n"
    "Ủy ban nhân dân huyện đề nghị các cơ quan thực hiện",
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(STATE_LETTER, ["1507/UBND-TH"], id="state-letter"),
        pytest.param(PARTY_LETTER, ["176-CV/TU"], id="party-letter"),
        pytest.param(
            COVERING + "\n" + FORWARDED_WITH_HEADER,
            ["4614/VP-KGVX", "4162/VPCP-TKBT"],
            id="covering+forwarded",
        ),
        pytest.param(
            COVERING + "\n" + FORWARDED_BARE,
            ["4614/VP-KGVX", "4162/VPCP-TKBT"],
            id="covering+bare-forwarded",
        ),
        pytest.param(
            STATE_LETTER + "\n" + PARTY_LETTER, ["1507/UBND-TH", "176-CV/TU"], id="state+party"
        ),
        pytest.param(
            STATE_DECISION + APPENDIX_WITH_FORM, ["1351/QĐ-UBND"], id="appendix-with-motto"
        ),
        pytest.param(
            STATE_DECISION + REGULATION_ANNEXED, ["1351/QĐ-UBND"], id="regulation-ban-hanh-kem-theo"
        ),
        pytest.param(
            letter(number="Số: 245/KH-STTTT") + BLANK_FORM,
            ["245/KH-STTTT"],
            id="annexed-blank-form",
        ),
        pytest.param(STATE_DECISION + COPY_BLOCK, ["1351/QĐ-UBND"], id="sao-y-copy-block"),
        pytest.param(STATE_LETTER + WEB_TAIL, ["1507/UBND-TH"], id="web-boilerplate-after"),
        pytest.param(METADATA_BOX + STATE_LETTER, ["1507/UBND-TH"], id="web-metadata-box-before"),
        pytest.param(PARTY_MENTION, ["88/UBND-VP"], id="body-mentions-the-party"),
        # a body fragment is still one document (gold files 022 and 200 label it so)
        pytest.param("Một đoạn văn bản không có phần đầu.\nDòng thứ hai.", [None], id="no-header"),
    ],
)
def test_documents_in_a_file(text: str, expected: list[str | None]) -> None:
    assert numbers(parse(text)) == expected


@pytest.mark.parametrize("text", ["", "\n\n", "   \n\t\n", "|\n|\n"])
def test_empty_text_has_no_document(text: str) -> None:
    assert parse(text) == []


def test_two_documents_have_ordered_disjoint_spans() -> None:
    text = COVERING + "\n" + FORWARDED_WITH_HEADER
    first, second = parse(text)
    assert (first.source.index, second.source.index) == (0, 1)
    a0, a1 = first.source.span
    b0, b1 = second.source.span
    assert 0 <= a0 < a1 <= b0 < b1 <= len(text)
    assert "Trần Công Danh" in text[a0:a1]
    assert "VĂN PHÒNG CHÍNH PHỦ" in text[b0:b1]
    assert "Trần Công Danh" not in text[b0:b1]
    assert first.id != second.id


def test_document_span_starts_at_the_issuer_block() -> None:
    text = "\n\n" + STATE_LETTER
    record = one(text)
    start, end = record.source.span
    assert text[start:].startswith("ỦY BAN NHÂN DÂN")
    assert text[:end].rstrip().endswith("Nguyễn Lưu Trung")


def test_second_document_keeps_its_own_fields() -> None:
    first, second = parse(COVERING + "\n" + FORWARDED_BARE)
    assert (first.place, first.date) == ("Kiên Giang", "2021-06-29")
    assert (second.place, second.date) == ("Hà Nội", "2021-06-22")
    assert second.issuer is None  # no issuer block printed (GOLD.md: never infer)
    assert first.signature is not None and first.signature.signer == "Trần Công Danh"
    assert second.signature is not None and second.signature.signer == "Trần Văn Sơn"


def test_appendix_stays_with_its_document() -> None:
    record = one(STATE_DECISION + APPENDIX_WITH_FORM)
    start, end = record.source.span
    assert "ĐƠN ĐỀ NGHỊ" in (STATE_DECISION + APPENDIX_WITH_FORM)[start:end]


def test_web_boilerplate_after_the_signature_is_cut_off() -> None:
    text = STATE_LETTER + WEB_TAIL
    record = one(text)
    assert record.source.span[1] <= text.index("Văn bản liên quan")
    assert "13/2023/NĐ-CP" not in [c.number for c in record.citations]


def test_a_party_mention_in_the_body_is_not_a_header() -> None:
    record = one(PARTY_MENTION)
    assert record.system == "state"
    assert record.signature is not None and record.signature.signer == "Lê Thị Minh"


def test_segment_works_on_clean_lines() -> None:
    lines = split_lines(normalize(COVERING + "\n" + FORWARDED_WITH_HEADER))
    segs = segment(lines)
    assert len(segs) == 2
    assert (
        segs[0].first
        <= segs[0].header
        < segs[0].last
        <= segs[1].first
        <= segs[1].header
        < segs[1].last
    )
    assert segs[1].last == len(lines)
    assert lines[segs[1].first].text.strip() == "VĂN PHÒNG CHÍNH PHỦ"
