"""Zones of one document (header band, number, date, title, subject, recipients, closing,
footnotes), from the layout of NĐ 30/2020 Phụ lục I and HD 36-HD/VPTW (format notes
A2, A3, A6–A8, A11)."""

from __future__ import annotations

import pytest

from synthetic import PARTY_LETTER, STATE_DECISION, STATE_LETTER, ascii_id, letter, one
from vbparse.fields.header import title_names
from vbparse.lines import split_lines
from vbparse.normalize import normalize
from vbparse.segment import segment
from vbparse.zones import find_zones


def test_zones_of_a_state_letter() -> None:
    lines = split_lines(normalize(STATE_LETTER))
    (seg,) = segment(lines)
    z = find_zones(lines, seg, title_names())
    assert z.number is not None and lines[z.number].text == "Số: 1507/UBND-TH"
    assert z.date is not None and lines[z.date].text.startswith("Kiên Giang, ngày 05")
    assert [lines[i].text for i in z.subject] == ["V/v triển khai Kết luận số 07-KL/TW"]
    assert z.recipients is not None and lines[z.recipients].text == "Kính gửi:"
    assert z.noi_nhan is not None and lines[z.noi_nhan].text == "Nơi nhận:"
    assert z.closing is not None and z.closing <= z.noi_nhan
    assert z.header_end <= z.recipients
    assert z.title is None


def test_state_letter_fields() -> None:
    r = one(STATE_LETTER)
    assert r.system == "state"
    assert r.issuer is not None
    assert (r.issuer.name, r.issuer.parent) == ("ỦY BAN NHÂN DÂN TỈNH KIÊN GIANG", None)
    assert r.number is not None and r.number.value == "1507/UBND-TH"
    assert r.doc_type == "Công văn"
    assert (r.place, r.date) == ("Kiên Giang", "2022-01-05")
    assert r.subject == "V/v triển khai Kết luận số 07-KL/TW"
    assert [i.text for i in r.recipients] == [
        "Các sở, ban, ngành cấp tỉnh",
        "Ủy ban nhân dân các huyện, thành phố",
    ]
    assert [i.text for i in r.distribution] == ["Như trên", "CT, các PCT UBND tỉnh", "Lưu: VT, TH"]


def test_party_letter_fields() -> None:
    r = one(PARTY_LETTER)
    assert r.system == "party"
    assert r.issuer is not None and (r.issuer.name, r.issuer.parent) == ("TỈNH ỦY KIÊN GIANG", None)
    assert r.number is not None and r.number.value == "176-CV/TU"
    assert r.number.grammar == "party"
    assert r.doc_type == "Công văn"  # from the Party code CV
    assert (r.place, r.date) == ("Kiên Giang", "2021-06-15")
    assert r.subject == "V/v tăng cường phòng, chống dịch"
    assert [i.text for i in r.recipients] == ["Các huyện ủy, thành ủy", "Các đảng ủy trực thuộc"]
    assert [i.text for i in r.distribution] == ["Như trên", "Lưu Văn phòng Tỉnh ủy"]


# ---------------------------------------------------------------- subject


@pytest.mark.parametrize(
    ("subject", "expected"),
    [
        ("V/v tăng cường công tác phòng, chống dịch", "V/v tăng cường công tác phòng, chống dịch"),
        (
            "V/v triển khai thực hiện Công văn số 4162/VPCP-TKBT\n"
            "ngày 22/6/2021 của Văn phòng Chính phủ\nvề phòng, chống dịch",
            "V/v triển khai thực hiện Công văn số 4162/VPCP-TKBT ngày 22/6/2021 của Văn phòng "
            "Chính phủ về phòng, chống dịch",
        ),
        ("Về việc chỉ đạo triển khai Kế hoạch", "Về việc chỉ đạo triển khai Kế hoạch"),
    ],
    ids=["one-line", "wrapped-three-lines", "ve-viec"],
)
def test_letter_subject(subject: str, expected: str) -> None:
    assert one(letter(subject=subject)).subject == expected


def test_subject_ends_at_kinh_gui_without_a_date_line_between() -> None:
    r = one(letter(subject="V/v báo cáo kết quả", place_date="", recipients="Kính gửi: Sở Y tế."))
    assert r.subject == "V/v báo cáo kết quả"
    assert [i.text for i in r.recipients] == ["Sở Y tế"]


def test_title_line_gives_type_and_subject() -> None:
    r = one(STATE_DECISION)
    assert r.doc_type == "Quyết định"
    assert r.subject == "Về việc công bố danh mục thủ tục hành chính"
    assert r.number is not None and r.number.value == "1351/QĐ-UBND"
    assert r.recipients == ()


def test_number_comes_from_the_header_not_the_body() -> None:
    r = one(STATE_DECISION)
    assert r.number is not None and r.number.value == "1351/QĐ-UBND"
    assert "12/2021/QĐ-UBND" in [c.number for c in r.citations]


def test_party_plan_title() -> None:
    text = PARTY_LETTER.replace(
        "Số 176-CV/TU\nV/v tăng cường phòng, chống dịch", "Số 45-KH/TU"
    ).replace(
        "Kính gửi: - Các huyện ủy, thành ủy,\n- Các đảng ủy trực thuộc.",
        "KẾ HOẠCH\ntổ chức hội nghị học tập nghị quyết\n-----",
    )
    r = one(text)
    assert r.doc_type == "Kế hoạch"
    assert r.subject == "tổ chức hội nghị học tập nghị quyết"
    assert r.recipients == ()


# ---------------------------------------------------------------- place and date


@pytest.mark.parametrize(
    ("place_date", "place", "date"),
    [
        ("Kiên Giang, ngày 12 tháng 3 năm 2023", "Kiên Giang", "2023-03-12"),
        ("Thủ Dầu Một, ngày 05 tháng 01 năm 2020", "Thủ Dầu Một", "2020-01-05"),
        ("Thành phố Hồ Chí Minh, ngày 05 tháng 01 năm 2020", "Thành phố Hồ Chí Minh", "2020-01-05"),
        ("Hà Nội, ngày 22/6/2021", "Hà Nội", "2021-06-22"),
        ("Hà Nội, ngày   tháng   năm 2020", "Hà Nội", "2020"),
        ("Hà Nội, ngày 4O tháng 05 năm 2022", "Hà Nội", "2022-05"),
        ("TP. Hồ Chí Minh, ngày 05 tháng 01 năm 2020", "TP. Hồ Chí Minh", "2020-01-05"),
    ],
    ids=ascii_id,
)
def test_place_and_date(place_date: str, place: str, date: str) -> None:
    r = one(letter(place_date=place_date))
    assert (r.place, r.date) == (place, date)
    assert r.subject == "V/v tăng cường công tác phòng, chống dịch"


def test_impossible_date_is_warned_about() -> None:
    r = one(letter(place_date="Kiên Giang, ngày 31 tháng 02 năm 2021"))
    assert r.date != "2021-02-31"
    assert r.warnings, "an impossible date should leave a warning"


def test_no_date_line() -> None:
    r = one(letter(place_date=""))
    assert (r.place, r.date) == (None, None)


# ---------------------------------------------------------------- recipients


@pytest.mark.parametrize(
    ("recipients", "expected"),
    [
        ("Kính gửi: Sở Y tế.", ["Sở Y tế"]),
        ("Kính gửi:\n- Sở Y tế;\n- Sở Tài chính.", ["Sở Y tế", "Sở Tài chính"]),
        (
            "Kính gửi: - Các huyện ủy, thành ủy,\n- Các đảng ủy trực thuộc.",
            ["Các huyện ủy, thành ủy", "Các đảng ủy trực thuộc"],
        ),
        (
            "Kính gửi: Công ty TNHH YOOSUNG PT\nMã số thuế: 23001148719\n"
            "Địa chỉ: Lô 17-4-2B, Khu công nghiệp Đại Đồng, tỉnh Bắc Ninh.",
            ["Công ty TNHH YOOSUNG PT"],
        ),
        ("", []),
        pytest.param(
            "Kính gửi: Công ty TNHH Minh Phát.\nĐồng kính gửi: Cục Thuế Thành phố Hồ Chí Minh.",
            ["Công ty TNHH Minh Phát", "Cục Thuế Thành phố Hồ Chí Minh"],
            id="dong-kinh-gui",
        ),
        pytest.param(
            "Kính gửi: Công ty TNHH Minh Phát\nMã số thuế: 0101234567\n"
            "Đồng kính gửi: Cục Thuế Thành phố Hồ Chí Minh.",
            ["Công ty TNHH Minh Phát", "Cục Thuế Thành phố Hồ Chí Minh"],
            id="dong-kinh-gui-after-mst",
        ),
        pytest.param(
            "Kính gửi: Công ty trách nhiệm hữu hạn Vina Korea\n"
            "(Lô 13, Khu Công Nghiệp Khai Quang, phường Khai Quang,\n"
            "thành phố Vĩnh Yên, tỉnh Vĩnh Phúc)",
            ["Công ty trách nhiệm hữu hạn Vina Korea"],
            id="address-in-brackets",
        ),
        pytest.param(
            "Kính gửi: Công ty Viễn thông điện lực\n(Địa chỉ: số 11 Phố Cửa Bắc, P. Trúc Bạch,\n"
            "Q. Ba Đình, TP Hà Nội\nMST: 0100100079-010)",
            ["Công ty Viễn thông điện lực"],
            id="address-wrapped-until-its-bracket",
        ),
        pytest.param(
            "Kính gửi: Thuế\nthành phố Hồ Chí Minh\nCục Thuế nhận được Công văn số 33/CT-NV",
            ["Thuế thành phố Hồ Chí Minh"],
            id="body-right-under-a-wrapped-recipient",
        ),
        pytest.param(
            "Kính gửi:\n\n- Bộ Công an;\n\n- Bộ Thông tin và Truyền thông.\n\n"
            "Đồng kính gửi:\n\n- Ban Tuyên giáo Trung ương.",
            ["Bộ Công an", "Bộ Thông tin và Truyền thông", "Ban Tuyên giáo Trung ương"],
            id="dong-kinh-gui-list",
        ),
    ],
    ids=ascii_id,
)
def test_recipients(recipients: str, expected: list[str]) -> None:
    assert [i.text for i in one(letter(recipients=recipients)).recipients] == expected


@pytest.mark.xfail(
    strict=False,
    reason="the 'Kính gửi' of a form annexed after the signature is taken as the decision's "
    "recipients (zones look for Kính gửi up to 65 lines past the header)",
)
def test_kinh_gui_of_an_annexed_form_is_not_the_documents() -> None:
    form = (
        "\nPHỤ LỤC\nMẪU ĐƠN\n(Kèm theo Quyết định số 1351/QĐ-UBND ngày 10 tháng 5 năm 2022)\n\n"
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\n"
        "ĐƠN ĐỀ NGHỊ\nKính gửi: Ủy ban nhân dân xã ...\n\nTôi tên là: ..........\n"
    )
    assert one(STATE_DECISION + form).recipients == ()


# ---------------------------------------------------------------- closing


@pytest.mark.parametrize(
    ("distribution", "expected"),
    [
        ("- Như trên;\n- Lưu: VT, TCCB.", ["Như trên", "Lưu: VT, TCCB"]),
        ("- Như trên; - Lưu: VT, QLN.", ["Như trên", "Lưu: VT, QLN"]),  # one flattened line
        ("- Như trên;\n- Lưu: VT, TKBT (2).", ["Như trên", "Lưu: VT, TKBT (2)"]),
        (
            "- Như trên;\n- VPCP: BTCN, các PCN,\ncác Vụ: TH, KTTH;\n- Lưu: VT.",
            ["Như trên", "VPCP: BTCN, các PCN, các Vụ: TH, KTTH", "Lưu: VT"],
        ),
    ],
    ids=["bullets", "one-line", "copies", "wrapped-item"],
)
def test_distribution(distribution: str, expected: list[str]) -> None:
    assert [i.text for i in one(letter(distribution=distribution)).distribution] == expected


def test_signature_printed_before_noi_nhan() -> None:
    text = letter(distribution="- Như trên;\n- Lưu: VT, TCCB.", signature="")
    text = text.replace("Nơi nhận:", "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nLê Thị Minh\n\nNơi nhận:")
    r = one(text)
    assert r.signature is not None
    assert [(c.authority, c.on_behalf_of) for c in r.signature.chain] == [("KT", "CHỦ TỊCH")]
    assert (r.signature.title, r.signature.signer) == ("PHÓ CHỦ TỊCH", "Lê Thị Minh")
    assert [i.text for i in r.distribution] == ["Như trên", "Lưu: VT, TCCB"]


def test_footnotes() -> None:
    body = (
        "Thực hiện Kết luận¹ của Bộ Chính trị, đề nghị thực hiện.\n\n"
        "¹ Kết luận số 07-KL/TW ngày 11/6/2021 của Bộ Chính trị.\n\n"
        "Đề nghị Sở Y tế thực hiện"
    )
    r = one(letter(body=body))
    assert [(f.mark, f.text) for f in r.footnotes] == [
        ("1", "Kết luận số 07-KL/TW ngày 11/6/2021 của Bộ Chính trị.")
    ]
    assert [(c.number, c.date) for c in r.citations] == [("07-KL/TW", "2021-06-11")]


@pytest.mark.parametrize(
    ("issuer", "name", "parent"),
    [
        ("ỦY BAN NHÂN DÂN\nTỈNH KIÊN GIANG", "ỦY BAN NHÂN DÂN TỈNH KIÊN GIANG", None),
        ("UBND TỈNH KIÊN GIANG\nVĂN PHÒNG", "VĂN PHÒNG", "UBND TỈNH KIÊN GIANG"),
        ("BỘ TÀI CHÍNH\nTỔNG CỤC THUẾ", "TỔNG CỤC THUẾ", "BỘ TÀI CHÍNH"),
        ("**BỘ Y TẾ**\n-------", "BỘ Y TẾ", None),
    ],
    ids=["wrapped-name", "office", "ministry-department", "markup-and-rule"],
)
def test_issuer_block(issuer: str, name: str, parent: str | None) -> None:
    r = one(letter(issuer=issuer))
    assert r.issuer is not None
    assert (r.issuer.name, r.issuer.parent) == (name, parent)


@pytest.mark.parametrize(
    ("marks", "expected"),
    [
        ("HỎA TỐC", {"urgency": "HỎA TỐC"}),
        ("KHẨN", {"urgency": "KHẨN"}),
        ("MẬT", {"secrecy": "MẬT"}),
        ("HỎA TỐC\nMẬT", {"urgency": "HỎA TỐC", "secrecy": "MẬT"}),
    ],
    ids=["hoa-toc", "khan", "mat", "both"],
)
def test_marks_under_the_number(marks: str, expected: dict[str, str]) -> None:
    r = one(letter(subject=f"V/v phân bổ vắc xin\n{marks}"))
    got = {k: v for k, v in r.marks.model_dump().items() if v}
    assert got == expected


# An OCR'd report: body lines wrapped at the page width (~70 characters), and page-foot
# notes in small print whose marks came out as stray characters.
_BODY_LINE = "Trong tháng các cơ sở y tế trong tỉnh đã khám và điều trị bệnh cho"
_NOTE_1 = (
    ", Cập nhật phần mềm bổ sung: Số cas mắc SXH tháng 9 (từ ngày 14/8 đến 10/9) là 253 cas, "
    "lũy kế 1 123 cas."
)
_NOTE_2 = "3 Tổng số BN đang điều trị ARV: 1.458 người (trong đó 101 trẻ em)."
_NOTE_3 = (
    "Số quản lý đến nay là 431 BN phong, 4.851 BN lao, 2.193 BN tâm thần phân liệt và 2.714 "
    "BN động kinh."
)


def _ocr_report(notes: str) -> str:
    body = "\n".join([_BODY_LINE] * 30)
    return letter(body=f"{body}\n\n{notes}\n\n{body}")


def test_small_print_footnotes_of_an_ocr_scan() -> None:
    r = one(_ocr_report(f"{_NOTE_1}\n{_NOTE_2}\n\n{_NOTE_3}"))
    assert (
        [(f.mark, f.text) for f in r.footnotes]
        == [
            ("1", _NOTE_1[2:]),  # the mark ',' was a superscript 1: given by its place
            ("3", _NOTE_2[2:]),  # a mark that survived as a digit is kept
            ("3", _NOTE_3),  # the next note of the run, its mark dropped by the conversion
        ]
    )


@pytest.mark.parametrize(
    "line",
    [
        "- " + _NOTE_1[2:],  # a list item
        "3 Tổng số BN đang điều trị ARV.",  # short: body-sized print
        "| " + _NOTE_1[2:],  # a table row
    ],
    ids=["bullet", "short", "table"],
)
def test_body_lines_are_not_small_print_footnotes(line: str) -> None:
    assert one(_ocr_report(line)).footnotes == ()


def test_unwrapped_text_has_no_small_print() -> None:
    """Paragraphs one line each (a web page): line length says nothing about print size."""
    body = "\n\n".join([_BODY_LINE * 3] * 30)
    assert one(letter(body=f"{body}\n\n{_NOTE_1}\n\n{body}")).footnotes == ()


def test_gui_alone_is_the_recipients_cue() -> None:
    """``Kính`` lost to a wrap or a cut-off page: ``gửi:`` still opens the list."""
    r = one(letter(recipients="Kính\ngửi: - Các Bộ, cơ quan ngang Bộ;\n- Các tập đoàn kinh tế."))
    assert [i.text for i in r.recipients] == ["Các Bộ, cơ quan ngang Bộ", "Các tập đoàn kinh tế"]


@pytest.mark.parametrize(
    ("number", "subject", "doc_type"),
    [
        ("Số: 5615/CT-CS", "V/v chính sách thuế", "Công văn"),  # CT = Cục Thuế, not Chỉ thị
        ("Số: 5615/CT-UBND", "", "Chỉ thị"),
        ("Số: 12/QĐ-UBND", "Về việc khen thưởng", "Quyết định"),  # no title: the code decides
    ],
    ids=ascii_id,
)
def test_doc_type_without_a_title(number: str, subject: str, doc_type: str) -> None:
    assert one(letter(number=number, subject=subject)).doc_type == doc_type
