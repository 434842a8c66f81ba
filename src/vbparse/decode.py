"""Bytes -> text, and the encoding that was used.

Detection is a list of decoder steps tried in order (``DECODER_STEPS``): each step either
claims the bytes and returns a ``Decoded`` or returns ``None`` to pass them on.  Today
there are two steps (UTF-8 with and without a BOM); UTF-16, cp1258 and the Vietnamese
font encodings (TCVN3, VNI, VISCII) slot into the same list later, most certain first.
Until a UTF-16 step exists, bytes that look like UTF-16 are refused with a reason that
points at ``--encoding utf-16`` rather than being misread as UTF-8 full of NULs.

An ``encoding`` given by the caller skips detection entirely: the user knows best.
"""

from __future__ import annotations

import codecs
from collections.abc import Callable
from dataclasses import dataclass

# How much of the file the binary and UTF-16 sniffing look at.
SNIFF_BYTES = 8 * 1024


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    confidence: float  # 1.0 = certain (BOM, strict decode, or named by the user)


class DecodeError(ValueError):
    """The bytes cannot be turned into text; ``reason`` is one line for the user."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


DecoderStep = Callable[[bytes], Decoded | None]


def _utf8_with_bom(data: bytes) -> Decoded | None:
    if not data.startswith(codecs.BOM_UTF8):
        return None
    try:
        return Decoded(data.decode("utf-8-sig"), "utf-8-sig", 1.0)
    except UnicodeDecodeError:
        return None


def _utf8(data: bytes) -> Decoded | None:
    # NUL bytes only get this far when they look like UTF-16 (see _reject_binary); such
    # bytes are often valid UTF-8 too, and decoding them so would put NULs in the text.
    if b"\x00" in data[:SNIFF_BYTES]:
        return None
    try:
        return Decoded(data.decode("utf-8"), "utf-8", 1.0)
    except UnicodeDecodeError:
        return None


DECODER_STEPS: tuple[DecoderStep, ...] = (_utf8_with_bom, _utf8)


def decode_bytes(data: bytes, *, encoding: str | None = None) -> Decoded:
    """Decode a whole input file; raise ``DecodeError`` when it is not usable text."""
    decoded = _decode_as(data, encoding) if encoding is not None else _detect(data)
    if not decoded.text.strip():
        raise DecodeError("empty file")
    return decoded


def text_encoding_name(encoding: str) -> str:
    """The codec's canonical name (``UTF8`` -> ``utf-8``); ``DecodeError`` if none fits.

    Codecs that are not bytes <-> text (base64, rot13, …) count as unknown.
    """
    try:
        "".encode(encoding)  # unlike b"".decode, this always looks the codec up
        return codecs.lookup(encoding).name
    except (LookupError, UnicodeError):
        raise DecodeError(f"unknown text encoding {encoding!r}") from None


def _decode_as(data: bytes, encoding: str) -> Decoded:
    name = text_encoding_name(encoding)
    try:
        text = data.decode(name)
    except UnicodeDecodeError as error:
        raise DecodeError(f"not valid {name} ({_where(data, error)})") from None
    return Decoded(text, name, 1.0)


def _detect(data: bytes) -> Decoded:
    _reject_binary(data)
    for step in DECODER_STEPS:
        decoded = step(data)
        if decoded is not None:
            return decoded
    raise DecodeError(_why_undecodable(data))


def _reject_binary(data: bytes) -> None:
    head = data[:SNIFF_BYTES]
    if b"\x00" in head and not _looks_like_utf16(head):
        raise DecodeError("binary file (NUL bytes)")


def _looks_like_utf16(head: bytes) -> bool:
    """A UTF-16 BOM, or NULs nearly all on one byte parity (the high bytes of Latin text)."""
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return True
    if len(head) % 2:  # the whole file when short, and UTF-16 comes in byte pairs
        return False
    even_nuls, odd_nuls = head[0::2].count(0), head[1::2].count(0)
    more, fewer = max(even_nuls, odd_nuls), min(even_nuls, odd_nuls)
    return more > 0 and more >= len(head) // 8 and fewer * 20 <= more


def _why_undecodable(data: bytes) -> str:
    if _looks_like_utf16(data[:SNIFF_BYTES]):
        return "looks like UTF-16, which is not detected yet; try --encoding utf-16"
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as error:
        return f"not valid UTF-8 ({_where(data, error)}); try --encoding"
    raise AssertionError("every decoder step declined valid UTF-8")


def _where(data: bytes, error: UnicodeDecodeError) -> str:
    return f"byte 0x{data[error.start]:02X} at offset {error.start}"
