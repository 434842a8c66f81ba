"""decode_bytes: what it accepts, what it refuses and why, and the decoder-step seam."""

from __future__ import annotations

import codecs
import dataclasses

import pytest
from hypothesis import given
from hypothesis import strategies as st

from vbparse import decode
from vbparse.decode import Decoded, DecodeError, decode_bytes, text_encoding_name


def _bad_utf8(byte: str, offset: int) -> str:
    return f"not valid UTF-8 (byte {byte} at offset {offset}); try --encoding"


VIETNAMESE = "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 123/QĐ-UBND\n"


@pytest.mark.parametrize(
    ("data", "text", "encoding"),
    [
        (b"abc", "abc", "utf-8"),
        (VIETNAMESE.encode("utf-8"), VIETNAMESE, "utf-8"),
        (codecs.BOM_UTF8 + VIETNAMESE.encode("utf-8"), VIETNAMESE, "utf-8-sig"),
        (b"  text with surrounding space \n", "  text with surrounding space \n", "utf-8"),
    ],
)
def test_detects_utf8(data: bytes, text: str, encoding: str) -> None:
    assert decode_bytes(data) == Decoded(text, encoding, 1.0)


@pytest.mark.parametrize(
    ("data", "given", "text", "encoding"),
    [
        ("Hà Nam".encode("cp1258"), "cp1258", "Hà Nam", "cp1258"),
        ("Hà Nội".encode("utf-16"), "utf-16", "Hà Nội", "utf-16"),
        (b"caf\xe9", "latin-1", "café", "iso8859-1"),
        (b"abc", "UTF8", "abc", "utf-8"),
    ],
)
def test_honours_explicit_encoding(data: bytes, given: str, text: str, encoding: str) -> None:
    assert decode_bytes(data, encoding=given) == Decoded(text, encoding, 1.0)


@pytest.mark.parametrize(
    ("data", "encoding", "reason"),
    [
        (b"", None, "empty file"),
        (b" \n\t\r\n", None, "empty file"),
        (codecs.BOM_UTF8, None, "empty file"),
        (b"   ", "cp1258", "empty file"),
        (b"\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00", None, "binary file (NUL bytes)"),
        (b"text\x00", None, "binary file (NUL bytes)"),
        (b"\x00", None, "binary file (NUL bytes)"),
        (b"abc\xff", None, _bad_utf8("0xFF", 3)),
        ("Hà Nam".encode("cp1258"), None, _bad_utf8("0xE0", 1)),
        (codecs.BOM_UTF8 + b"ab\xc3", None, _bad_utf8("0xC3", 5)),
        (b"\xed\xa0\x80 surrogate", None, _bad_utf8("0xED", 0)),
        (b"abc\xff", "utf-8", "not valid utf-8 (byte 0xFF at offset 3)"),
        (b"abc", "no-such-codec", "unknown text encoding 'no-such-codec'"),
        (b"abc", "base64", "unknown text encoding 'base64'"),
    ],
)
def test_refuses_with_one_line_reason(data: bytes, encoding: str | None, reason: str) -> None:
    with pytest.raises(DecodeError) as caught:
        decode_bytes(data, encoding=encoding)
    assert caught.value.reason == reason
    assert str(caught.value) == reason


def test_decode_error_is_a_value_error() -> None:
    assert issubclass(DecodeError, ValueError)


def test_decoded_is_frozen() -> None:
    decoded = decode_bytes(b"abc")
    with pytest.raises(dataclasses.FrozenInstanceError):
        decoded.text = "changed"  # type: ignore[misc]


@pytest.mark.parametrize(
    ("given", "name"), [("UTF8", "utf-8"), ("cp1258", "cp1258"), ("latin_1", "iso8859-1")]
)
def test_text_encoding_name_is_canonical(given: str, name: str) -> None:
    assert text_encoding_name(given) == name


def test_decoder_steps_are_tried_in_order(monkeypatch: pytest.MonkeyPatch) -> None:
    """The seam later detectors plug into: the first step that claims the bytes wins."""

    def claims_everything(data: bytes) -> Decoded:
        return Decoded(data.decode("latin-1"), "test-codec", 0.5)

    def declines(data: bytes) -> None:
        return None

    monkeypatch.setattr(decode, "DECODER_STEPS", (declines, claims_everything))
    assert decode_bytes(b"abc\xff") == Decoded("abc\xff", "test-codec", 0.5)


@given(st.text().filter(lambda t: t.strip() and "\x00" not in t and not t.startswith("\ufeff")))
def test_any_utf8_text_round_trips(text: str) -> None:
    assert decode_bytes(text.encode("utf-8")) == Decoded(text, "utf-8", 1.0)
