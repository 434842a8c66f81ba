"""``vbparse.fold``: an accent-folded shadow, one character for one character."""

from __future__ import annotations

import unicodedata

import pytest

from synthetic import ascii_id
from vbparse.fold import fold, fold_key

# The twelve Vietnamese vowel letters and the plain letter each folds to; the five tone
# marks (grave, acute, hook above, tilde, dot below) are combined onto each of them.
BASES = {
    "a": "a",
    "ă": "a",
    "â": "a",
    "e": "e",
    "ê": "e",
    "i": "i",
    "o": "o",
    "ô": "o",
    "ơ": "o",
    "u": "u",
    "ư": "u",
    "y": "y",
}
TONES = ["", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"]


@pytest.mark.parametrize(
    "letter",
    list(BASES),
    ids=["a", "a-breve", "a-circ", "e", "e-circ", "i", "o", "o-circ", "o-horn", "u", "u-horn", "y"],
)
def test_every_tone_of_a_vowel_folds_to_its_plain_letter(letter: str) -> None:
    plain = BASES[letter]
    for tone in TONES:
        lower = unicodedata.normalize("NFC", letter + tone)
        upper = unicodedata.normalize("NFC", letter.upper() + tone)
        assert len(lower) == len(upper) == 1, (letter, tone)
        assert fold(lower) == plain, lower
        assert fold(upper) == plain, upper


@pytest.mark.parametrize(
    ("letter", "folded"),
    [
        ("đ", "d"),
        ("Đ", "d"),  # U+0110, the Vietnamese capital
        ("Ð", "d"),  # U+00D0, the Icelandic eth that OCR and old fonts put in its place
        ("D", "d"),
        ("d", "d"),
    ],
    ids=ascii_id,
)
def test_d_with_stroke(letter: str, folded: str) -> None:
    assert fold(letter) == folded


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Kính gửi", "kinh gui"),
        ("Nơi nhận", "noi nhan"),
        ("ĐẢNG CỘNG SẢN VIỆT NAM", "dang cong san viet nam"),
        ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "cong hoa xa hoi chu nghia viet nam"),
        ("Độc lập - Tự do - Hạnh phúc", "doc lap - tu do - hanh phuc"),
        ("ngày 05 tháng 01 năm 2020", "ngay 05 thang 01 nam 2020"),
        ("Số: 17 -CV/ĐU", "so: 17 -cv/du"),
        ("Ðảng ủy", "dang uy"),
        ("Hoà Bình, Thuỷ", "hoa binh, thuy"),
        ("KT. CHỦ TỊCH", "kt. chu tich"),
        ("Quyết định số 15/QĐ-BNV.", "quyet dinh so 15/qd-bnv."),
        ("ABC xyz 0123 ./-:;()", "abc xyz 0123 ./-:;()"),
    ],
    ids=ascii_id,
)
def test_fold_words(text: str, folded: str) -> None:
    assert fold(text) == folded


@pytest.mark.parametrize(
    "text",
    [
        "",
        "Kính gửi",
        unicodedata.normalize("NFD", "Kính gửi Ủy ban nhân dân"),  # combining marks
        "ß ﬁ İ ǅ",  # letters whose case mapping changes the length
        "Ωμέγα Привет 中文 😀",
        "a\r\nb\tc\u00a0d\u200be",
        "“chống dịch như chống giặc” – ./.",
    ],
    ids=ascii_id,
)
def test_fold_keeps_length(text: str) -> None:
    assert len(fold(text)) == len(text)


@pytest.mark.parametrize(
    "text",
    ["\n", "\r\n", "\t", "  ", "\u00a0", "12/2020", "./.", "(Đã ký)"],
    ids=ascii_id,
)
def test_fold_keeps_positions_of_non_letters(text: str) -> None:
    folded = fold(text)
    for a, b in zip(text, folded, strict=True):
        if not a.isalpha():
            assert a == b


@pytest.mark.parametrize(
    "text",
    ["Kính gửi", "ĐẢNG ỦY Y TẾ", "Ðông", "hoà", "12/QĐ-UBND"],
    ids=ascii_id,
)
def test_fold_is_idempotent(text: str) -> None:
    assert fold(fold(text)) == fold(text)


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("  Kính   gửi\n", "kinh gui"),
        ("Nơi\tnhận:", "noi nhan:"),
        ("ĐẢNG\u00a0CỘNG SẢN", "dang cong san"),
        ("", ""),
    ],
    ids=ascii_id,
)
def test_fold_key_collapses_white_space(text: str, key: str) -> None:
    assert fold_key(text) == key
