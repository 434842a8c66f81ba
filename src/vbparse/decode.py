"""Bytes -> text, and the encoding that was used.

The decoding ladder
-------------------
Detection is a list of decoder steps tried in order (``DECODER_STEPS``): each step either
claims the bytes and returns a ``Decoded`` or returns ``None`` to pass them on.  Most
certain first:

1. a byte-order mark: UTF-32, UTF-16 or UTF-8 (confidence 1.0);
2. strict UTF-8 (1.0);
3. UTF-16 LE or BE without a BOM, told by NUL bytes sitting nearly all on one byte parity
   (0.95: a pattern, not a declaration);
4. legacy 8-bit Vietnamese: the bytes are read as each of TCVN3 (ABC, ``.VnTime``),
   VNI-Windows, cp1258 and VISCII, and the reading that scores best as Vietnamese wins,
   provided it reads as Vietnamese at all.  Otherwise the bytes are refused.

Text that decoded as Unicode (steps 1-3) may still be *mojibake*: legacy or UTF-8 bytes
that some tool once read as cp1252 or Latin-1 and saved again as Unicode
(``Uû ban nh©n d©n``, ``Cá»™ng hoÃ``).  A cheap check on a sample (characters that
Vietnamese text hardly uses, such as ``©`` ``»`` ``ø`` ``Æ``) lets ordinary text through
untouched; only suspicious text is reinterpreted, and only when a reinterpretation
scores clearly better than the text as it stands.

Scoring
-------
Each candidate reading of a sample (the first ``SAMPLE_SIZE`` characters or bytes) is
scored by what a reader would notice.  Words that hold a non-ASCII letter count 1.0 when
they are common Vietnamese syllables (``của``, ``nhân``, ``ngày``), 0.6 when they are
well-formed syllables (onset, rhyme, one tone that the rhyme allows: ``-c -ch -p -t``
take only sắc or nặng) and 0 otherwise (``nh©n``, ``Cá»™ng``, a lone letter); stray
symbols that Vietnamese text hardly uses (``©``, ``¸``, ``™``, C1 controls) count 0.
ASCII words read the same in every candidate and are left out.  The score is the mean.
A reading is evidence only with a few scored words, one common syllable at least and a
score of ``MIN_SCORE``; the best such reading wins, and a repair of Unicode text must
also beat the text as it stands by ``MARGIN``.  The confidence is the score, shrunk for
small samples.  The syllable rules, the common syllables and the code tables are data
(``data/encodings/*.json``); cp1258 comes from Python's own codec.

TCVN3 has no toned capitals: headings were typed with small-letter bytes in a capital
font.  The decoder restores the capitals of words in such headings; a toned capital
alone in running text (``Ủy ban`` written ``ủy ban``) cannot be told and stays small.

Names
-----
``Decoded.encoding`` is a Python codec name (``utf-8``, ``utf-8-sig``, ``utf-16``,
``utf-16-le``, ``cp1258`` …) or one of ours: ``tcvn3``, ``vni``, ``viscii`` for raw legacy
bytes, ``tcvn3-mojibake``, ``vni-mojibake``, ``viscii-mojibake`` for the same bytes seen
through cp1252/Latin-1 and saved as UTF-8, and ``utf-8-mojibake`` for UTF-8 seen the same
way.  Legacy and repaired text is NFC; text that was valid Unicode is returned exactly.

An ``encoding`` given by the caller skips detection: the user knows best.  It may be any
Python text codec or one of our names; a bare legacy name (``tcvn3``) reads raw bytes, or,
when the bytes are valid non-ASCII UTF-8 (which raw legacy text practically never is),
the mojibake form.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any, TypeVar

from vbparse.vocab import load

# How much of the file the binary and UTF-16 sniffing look at.
SNIFF_BYTES = 8 * 1024
# How much of the text (characters) or of legacy bytes the scoring reads: some hundreds
# of words, plenty to tell encodings apart, while detection stays cheap on big files.
SAMPLE_SIZE = 4 * 1024
# How much the mojibake check on text that decoded as Unicode looks at: every such file
# pays for it, so it is kept short (the top of a document is as telling as the rest).
GATE_CHARS = 4 * 1024

# A winning reading must score at least MIN_SCORE, and a repair of text that decoded as
# Unicode must also beat the text as it stands by MARGIN: legitimate text is never
# "repaired" on a hunch.
MIN_SCORE = 0.6
MARGIN = 0.25
# Fewer scored words than this is no evidence for a legacy encoding; a UTF-8 repair needs
# fewer, because byte sequences that re-decode as UTF-8 are evidence of their own.
MIN_LEGACY_UNITS = 3
MIN_UTF8_UNITS = 2

# A reading this good over this many words settles it (see _best_reading).
DECISIVE_SCORE = 0.9
DECISIVE_UNITS = 50

COMMON_VALUE = 1.0
SYLLABLE_VALUE = 0.6
LONGEST_SYLLABLE = 8  # nghiêng: longer letter runs are not syllables


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


# --- the steps ----------------------------------------------------------------------


def _utf32_with_bom(data: bytes) -> Decoded | None:
    # Before UTF-16: the UTF-32 LE mark begins with the UTF-16 LE one.
    if not data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return None
    return _unicode(data, "utf-32")


def _utf16_with_bom(data: bytes) -> Decoded | None:
    if not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return None
    return _unicode(data, "utf-16")


def _utf8_with_bom(data: bytes) -> Decoded | None:
    if not data.startswith(codecs.BOM_UTF8):
        return None
    return _unicode(data, "utf-8-sig")


def _utf8(data: bytes) -> Decoded | None:
    # NUL bytes only get this far when they look like UTF-16 (see _reject_binary); such
    # bytes are often valid UTF-8 too, and decoding them so would put NULs in the text.
    if b"\x00" in data[:SNIFF_BYTES]:
        return None
    return _unicode(data, "utf-8")


def _utf16_without_bom(data: bytes) -> Decoded | None:
    head = data[:SNIFF_BYTES]
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return None
    if not _looks_like_utf16(head):
        return None
    return _unicode(data, _utf16_codec(head), confidence=0.95)


def _legacy_8bit(data: bytes) -> Decoded | None:
    if b"\x00" in data[:SNIFF_BYTES]:
        return None
    sample = data[:SAMPLE_SIZE]
    found = _best_reading((legacy, legacy.read(sample), MIN_LEGACY_UNITS) for legacy in _legacies())
    if found is None:
        return None
    score, legacy = found
    return Decoded(legacy.from_bytes(data), legacy.name, _confidence(score))


DECODER_STEPS: tuple[DecoderStep, ...] = (
    _utf32_with_bom,
    _utf16_with_bom,
    _utf8_with_bom,
    _utf8,
    _utf16_without_bom,
    _legacy_8bit,
)


def decode_bytes(data: bytes, *, encoding: str | None = None) -> Decoded:
    """Decode a whole input file; raise ``DecodeError`` when it is not usable text."""
    decoded = _decode_as(data, encoding) if encoding is not None else _detect(data)
    if not decoded.text or decoded.text.isspace():  # as ``not text.strip()``, without a copy
        raise DecodeError("empty file")
    return decoded


def text_encoding_name(encoding: str) -> str:
    """The canonical name (``UTF8`` -> ``utf-8``, ``ABC`` -> ``tcvn3``); ``DecodeError`` if none.

    Codecs that are not bytes <-> text (base64, rot13, …) count as unknown.
    """
    ours = _our_name(encoding)
    if ours is not None:
        return ours
    try:
        "".encode(encoding)  # unlike b"".decode, this always looks the codec up
        return codecs.lookup(encoding).name
    except (LookupError, UnicodeError):
        raise DecodeError(f"unknown text encoding {encoding!r}") from None


# --- the caller's encoding ----------------------------------------------------------


def _decode_as(data: bytes, encoding: str) -> Decoded:
    name = text_encoding_name(encoding)
    ours = _named_decoders().get(name)
    if ours is not None:
        return ours(data)
    try:
        text = data.decode(name)
    except UnicodeDecodeError as error:
        raise DecodeError(f"not valid {name} ({_where(data, error)})") from None
    if name == "cp1258":  # its tones are combining marks
        text = _nfc(text)
    return Decoded(text, name, 1.0)


_ALIASES = {
    "tcvn": "tcvn3",
    "tcvn-3": "tcvn3",
    "abc": "tcvn3",
    "vn3": "tcvn3",
    "vni-windows": "vni",
    "vni-win": "vni",
    "utf8-mojibake": "utf-8-mojibake",
}


def _our_name(encoding: str) -> str | None:
    key = re.sub(r"[\s_]+", "-", encoding.strip().lower())
    key = _ALIASES.get(key, key)
    return key if key in _named_decoders() else None


@cache
def _named_decoders() -> dict[str, Callable[[bytes], Decoded]]:
    named: dict[str, Callable[[bytes], Decoded]] = {"utf-8-mojibake": _named_utf8_mojibake}
    for legacy in _legacies():
        if legacy.name == "cp1258":  # Python's own codec
            continue
        named[legacy.name] = legacy.named_raw_or_mojibake
        named[legacy.mojibake_name] = legacy.named_mojibake
    return named


def _named_utf8_mojibake(data: bytes) -> Decoded:
    return Decoded(_nfc(_repair_utf8(_utf8_text(data, "utf-8-mojibake"))), "utf-8-mojibake", 1.0)


def _utf8_text(data: bytes, name: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise DecodeError(
            f"{name} is UTF-8 text, but this is not ({_where(data, error)})"
        ) from None


def _non_ascii_utf8(data: bytes) -> str | None:
    """The text, when ``data`` is valid UTF-8 with some non-ASCII in it."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None
    return None if text.isascii() or "\x00" in text else text


# --- mojibake: Unicode text that was once read through the wrong table --------------


def _unicode(data: bytes, codec: str, confidence: float = 1.0) -> Decoded | None:
    try:
        text = data.decode(codec)
    except UnicodeDecodeError:
        return None
    return _repair_if_mojibake(text) or Decoded(text, codec, confidence)


def _repair_if_mojibake(text: str) -> Decoded | None:
    if not _looks_mojibaked(text[:GATE_CHARS]):
        return None
    sample = _nfc(text[:SAMPLE_SIZE])
    readings = ((repair, repair.read(sample), repair.min_units) for repair in _repairs())
    found = _best_reading(readings, unless=sample)
    if found is None or found[0].value < _score(sample).value + MARGIN:
        return None
    score, repair = found
    return Decoded(repair.fix(text), repair.name, _confidence(score))


_Candidate = TypeVar("_Candidate")


def _best_reading(
    readings: Iterable[tuple[_Candidate, str, int]], unless: str | None = None
) -> tuple[_Score, _Candidate] | None:
    """The best score among readings (candidate, text, fewest units) that are evidence.

    ``readings`` is consumed lazily: once one reads decisively as Vietnamese, no other
    reading of the same bytes can read clearly better, and the rest are spared.  A
    reading equal to ``unless`` (the text as it stands) is no reinterpretation.
    """
    best: tuple[_Score, _Candidate] | None = None
    for candidate, text, min_units in readings:
        if text == unless:
            continue
        score = _score(text)
        if not score.is_evidence(min_units):
            continue
        if best is None or score.value > best[0].value:  # the first of equals wins
            best = (score, candidate)
        if score.value >= DECISIVE_SCORE and score.units >= DECISIVE_UNITS:
            break
    return best


def _looks_mojibaked(sample: str) -> bool:
    """Enough characters that Vietnamese text hardly uses (the cheap gate)."""
    if sample.isascii():
        return False
    odd = len(_suspects().findall(sample))  # one character class: C speed
    if odd and not _many(odd, len(sample)):
        # VNI's marks mostly look like Vietnamese letters: count its pairs too, in the
        # slower way, now that something is odd.
        odd += len(_vni_pairs().findall(sample))
    return _many(odd, len(sample))


def _many(odd: int, length: int) -> bool:
    return odd >= 2 and odd * 200 >= length  # OCR litter stays far below one in 200


@dataclass(frozen=True)
class _Repair:
    name: str
    read: Callable[[str], str]  # the reinterpretation, NFC, enough to score
    fix: Callable[[str], str]  # the whole of it
    min_units: int


@cache
def _repairs() -> tuple[_Repair, ...]:
    def utf8(text: str) -> str:
        return _nfc(_repair_utf8(text))

    legacy = tuple(
        _Repair(item.mojibake_name, item.read_mojibake, item.from_mojibake, MIN_LEGACY_UNITS)
        for item in _legacies()
        if item.name != "cp1258"  # its mojibake hides among real letters: no cheap gate
    )
    return (_Repair("utf-8-mojibake", utf8, utf8, MIN_UTF8_UNITS), *legacy)


def _repair_utf8(text: str) -> str:
    """Re-decode runs that are UTF-8 byte sequences shown as cp1252/Latin-1 characters."""
    try:  # the whole text at once, when all of it was mis-read (C speed)
        return text.translate(_as_latin1()).encode("latin-1").decode("utf-8")
    except UnicodeError:
        return _utf8_sequences().sub(lambda match: _utf8_sequence(match.group()), text)


@cache
def _as_latin1() -> dict[int, int]:
    """cp1252's characters back to the Latin-1 character of their byte."""
    return {ord(char): b for char, b in _surface_bytes().items() if ord(char) != b}


@lru_cache(maxsize=4096)
def _utf8_sequence(seen: str) -> str:
    if seen in ("Ã", "Ã "):  # à, whose second byte (a no-break space) became a space or went
        return "à"
    surface = _surface_bytes()
    try:
        return bytes(surface[char] for char in seen).decode("utf-8")
    except UnicodeDecodeError:  # overlong forms, surrogates: not UTF-8 after all
        return seen


@cache
def _utf8_sequences() -> re.Pattern[str]:
    def shown(low: int, high: int) -> str:
        return (
            "["
            + "".join(re.escape(char) for b in range(low, high + 1) for char in _surfaces(b))
            + "]"
        )

    tail = shown(0x80, 0xBF)
    # Fixed-length alternatives: linear time, no backtracking to speak of.
    two, three, four = shown(0xC2, 0xDF), shown(0xE0, 0xEF), shown(0xF0, 0xF4)
    return re.compile(f"{two}{tail}|{three}{tail}{{2}}|{four}{tail}{{3}}|Ã ?")


@cache
def _surface_bytes() -> dict[str, int]:
    return {char: b for b in range(0x80, 0x100) for char in _surfaces(b)}


def _surfaces(byte: int) -> tuple[str, ...]:
    """How a byte shows after a cp1252 or a Latin-1 decode (one character or two)."""
    latin1, cp1252 = chr(byte), _cp1252()[byte]
    return (latin1,) if latin1 == cp1252 else (latin1, cp1252)


@cache
def _suspects() -> re.Pattern[str]:
    return re.compile(f"[{re.escape(''.join(sorted(_suspect_chars())))}]")


@cache
def _vni_pairs() -> re.Pattern[str]:
    """Pairs that Vietnamese never writes and VNI writes all the time (aù = á, eâ = ê).

    Only a and e as bases: other vowels do meet marked vowels in Vietnamese (hoà, quân).
    """
    return re.compile("[aeAE][ùúõâêáàãéèÙÚÕÂÊÁÀÃÉÈ]")


@cache
def _suspect_chars() -> frozenset[str]:
    """cp1252/Latin-1 characters that are not Vietnamese letters nor everyday punctuation."""
    everyday = set("\xa0“”‘’…–—•") | set("ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝàáâãèéêìíòóôõùúý")
    shown = {char for b in range(0x80, 0x100) for char in _surfaces(b)}
    return frozenset(shown - everyday)


# --- legacy 8-bit tables ------------------------------------------------------------


def _unchanged(text: str) -> str:
    return text


@dataclass(frozen=True)
class _Legacy:
    name: str
    table: str  # 256 characters: what each byte reads as
    compose: Callable[[str], str] = _unchanged  # VNI: a base letter and a mark make a letter
    restore: Callable[[str], str] = _unchanged  # TCVN3: the capitals of headings

    @property
    def mojibake_name(self) -> str:
        return f"{self.name}-mojibake"

    def read(self, data: bytes) -> str:
        """The letters, NFC: what the scoring needs (it ignores case)."""
        text, _ = codecs.charmap_decode(data, "strict", self.table)
        return _nfc(self.compose(text))

    def read_mojibake(self, text: str) -> str:
        for seen_as in ("cp1252", "latin-1"):  # the bytes back at C speed, when they come
            try:
                return self.read(text.encode(seen_as))
            except UnicodeEncodeError:
                continue
        # Both mixed, or characters neither has: those pass through as they are.
        return _nfc(self.compose(text.translate(_mojibake_map(self.table))))

    def from_bytes(self, data: bytes) -> str:
        return self.restore(self.read(data))

    def from_mojibake(self, text: str) -> str:
        return self.restore(self.read_mojibake(text))

    def named_raw_or_mojibake(self, data: bytes) -> Decoded:
        text = _non_ascii_utf8(data)
        if text is None:
            return Decoded(self.from_bytes(data), self.name, 1.0)
        return Decoded(self.from_mojibake(text), self.mojibake_name, 1.0)

    def named_mojibake(self, data: bytes) -> Decoded:
        text = _utf8_text(data, self.mojibake_name)
        return Decoded(self.from_mojibake(text), self.mojibake_name, 1.0)


@cache
def _legacies() -> tuple[_Legacy, ...]:
    """In order of preference on a tie: the commonest in old Vietnamese documents first."""
    return (
        _Legacy("tcvn3", _byte_table(_load("tcvn3")["bytes"]), restore=_restore_tcvn3_capitals),
        _Legacy("vni", _cp1252(), compose=_compose_vni),
        _Legacy("cp1258", _python_table("cp1258")),
        _Legacy("viscii", _byte_table(_load("viscii")["bytes"])),
    )


def _byte_table(assigned: dict[str, str]) -> str:
    """A 256-entry decoding table: the listed bytes, cp1252 for the rest."""
    table = list(_cp1252())
    for byte, char in assigned.items():
        table[int(byte, 16)] = char
    return "".join(table)


@cache
def _cp1252() -> str:
    """cp1252, with its five undefined bytes read as Latin-1 (as browsers do)."""
    return _python_table("cp1252")


def _python_table(codec: str) -> str:
    return "".join(bytes([b]).decode(codec, errors="ignore") or chr(b) for b in range(256))


@lru_cache(maxsize=8)
def _mojibake_map(table: str) -> dict[int, str]:
    """From what each byte shows as (cp1252 or Latin-1) to what it means in ``table``."""
    return {
        ord(char): table[b]
        for b in range(256)
        for char in {chr(b), _cp1252()[b]}
        if char != table[b]
    }


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


# --- VNI: a base letter, then a mark --------------------------------------------------


def _compose_vni(text: str) -> str:
    pattern, letters = _vni_tables()
    return pattern.sub(lambda match: _vni_letter(match.group(), letters), text)


def _vni_letter(seen: str, letters: dict[str, str]) -> str:
    letter = letters.get(seen)
    if letter is not None:
        return letter
    # A base and a mark that make no letter: the mark stays as it is (marks are never
    # bases, so nothing after it is lost).
    return letters.get(seen[0], seen[0]) + seen[1:]


@cache
def _vni_tables() -> tuple[re.Pattern[str], dict[str, str]]:
    letters = {seq: letter for letter, seq in _load("vni")["letters"].items() if seq != letter}
    for seq, letter in list(letters.items()):
        if len(seq) == 2 and seq[0].isupper():  # Shift held for the first key only
            letters.setdefault(seq[0] + seq[1].lower(), letter)
    bases = "".join(sorted({seq[0] for seq in letters if len(seq) == 2}))
    marks = "".join(sorted({seq[1] for seq in letters if len(seq) == 2}))
    singles = "".join(sorted(seq for seq in letters if len(seq) == 1))
    # Two character classes, no nesting: one pass, linear time.
    return re.compile(f"[{bases}][{marks}]|[{singles}]"), letters


# --- TCVN3: capitals with tones were set in a capital font ----------------------------

_CAPITALS = "A-ZĂÂÊÔƠƯĐ"
_WORD = re.compile(r"[^\W\d_]+")
_SPACES = re.compile(r"[ \t]+")


def _restore_tcvn3_capitals(text: str) -> str:
    """Upper-case toned letters inside capitalised headings (``CộNG HOà`` -> ``CỘNG HOÀ``).

    TCVN3 has no toned capitals: headings were typed with the small-letter bytes in a
    capital font (.VnTimeH), and the font is lost with the text.  Only lines holding a
    word of two capitals and a toned letter are looked at, word by word (``_shouting``).
    A lone toned capital in running text (``Ủy``) cannot be told from a small letter and
    stays small; so does a heading word standing alone (``BỘ``).
    """
    out: list[str] = []
    last = 0
    for start in _shouted_words(text):
        if start < last:  # on a line already done
            continue
        start = text.rfind("\n", 0, start) + 1
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        out += [text[last:start], _capitalise(text[start:end])]
        last = end
    return "".join([*out, text[last:]]) if out else text


def _shouted_words(text: str) -> Iterator[int]:
    """Where words of capitals and toned small letters start (two capitals, one tone at least).

    Only lines holding one are worth the word-by-word look: headings, not running text.
    """
    for run in _capital_runs().finditer(text):
        start, end = run.span()
        if (start and text[start - 1].isalpha()) or (end < len(text) and text[end].isalpha()):
            continue  # part of a word with other letters
        kinds = run.group().translate(_letter_kinds())
        if "t" in kinds and kinds.count("C") >= 2:
            yield start


@cache
def _capital_runs() -> re.Pattern[str]:
    # One character class, repeated: the engine skips ahead at C speed.
    return re.compile(f"[{_CAPITALS}{''.join(sorted(_toned_small()))}]{{2,}}")


def _capitalise(line: str) -> str:
    words = list(_WORD.finditer(line))
    kinds = line.translate(_letter_kinds())
    word_kinds = [kinds[word.start() : word.end()] for word in words]
    caps = [_capitals_in(word) for word in word_kinds]
    toned = ["t" in word for word in word_kinds]
    # joined[i]: word i stands spaces apart from word i - 1.
    joined = [
        index > 0 and bool(_SPACES.fullmatch(line, words[index - 1].end(), word.start()))
        for index, word in enumerate(words)
    ]
    shouting = _shouting(caps, toned, joined)
    out: list[str] = []
    last = 0
    for index, word in enumerate(words):
        if toned[index] and shouting[index]:
            out += [line[last : word.start()], word.group().upper()]
            last = word.end()
    return "".join([*out, line[last:]])


def _shouting(caps: list[int], toned: list[bool], joined: list[bool]) -> list[bool]:
    """Which words were set in capitals.

    Two capitals of its own say so (``CộNG``).  A word with one (``Xã``, but also ``Hà``
    in ``Hà Nội``) takes it from a capitalised neighbour, when no neighbour has small
    letters; the capitals spread along a heading in one pass each way.  A word with none
    (``ở``) needs capitals on both sides.
    """
    count = len(caps)
    shouting = [n >= 2 for n in caps]
    left = [i > 0 and joined[i] for i in range(count)]
    right = [i + 1 < count and joined[i + 1] for i in range(count)]
    single = [
        toned[i]
        and caps[i] == 1
        and not (left[i] and caps[i - 1] < 0)
        and not (right[i] and caps[i + 1] < 0)
        for i in range(count)
    ]
    for i in range(count):
        shouting[i] = shouting[i] or (single[i] and left[i] and shouting[i - 1])
    for i in reversed(range(count)):
        shouting[i] = shouting[i] or (single[i] and right[i] and shouting[i + 1])
    for i in range(count):
        between = left[i] and right[i] and shouting[i - 1] and shouting[i + 1]
        shouting[i] = shouting[i] or (toned[i] and caps[i] == 0 and between)
    return shouting


def _capitals_in(kinds: str) -> int:
    """How many capitals a word has, or -1 when it has a small letter TCVN3 can capitalise."""
    return -1 if "s" in kinds else kinds.count("C")


class _LetterKinds(dict[int, str]):
    """A ``str.translate`` table: C capital, t toned small letter, s other small, . rest."""

    def __missing__(self, code: int) -> str:
        self[code] = _letter_kind(chr(code))
        return self[code]


def _letter_kind(char: str) -> str:
    if char in _toned_small():
        return "t"
    if char.isupper():
        return "C"
    return "s" if char.islower() else "."


@cache
def _letter_kinds() -> _LetterKinds:
    return _LetterKinds()


@cache
def _toned_small() -> frozenset[str]:
    """Letters TCVN3 has only in small form: every vowel with a tone."""
    letters = set(_load("tcvn3")["bytes"].values())
    return frozenset(char for char in letters if char.islower() and char.upper() not in letters)


# --- scoring ------------------------------------------------------------------------


@dataclass(frozen=True)
class _Score:
    value: float  # 0..1: how much the text reads as Vietnamese
    units: int  # how many words and stray symbols were scored
    common: int  # how many of the words are common syllables

    def is_evidence(self, min_units: int) -> bool:
        """Enough to go on: random characters seldom spell a common syllable."""
        return self.units >= min_units and self.common >= 1 and self.value >= MIN_SCORE


def _score(text: str) -> _Score:
    total, units, common = 0.0, 0, 0
    # ASCII words read the same in every candidate: no evidence either way.
    for word, count in Counter(_NON_ASCII_WORD.findall(text)).items():
        value = _word_value(word.lower())
        if value is not None:
            total, units = total + value * count, units + count
            common += count if value == COMMON_VALUE else 0
    units += len(_stray_symbols().findall(text))  # each worth 0
    return _Score(total / units if units else 0.0, units, common)


# A word with a non-ASCII letter.  Tried only where a word starts, and the lazy run stops at
# the word's end: linear time.
_NON_ASCII_WORD = re.compile(r"(?<![^\W\d_])[^\W\d_]*?[^\x00-\x7f\W\d_][^\W\d_]*")


def _confidence(score: _Score) -> float:
    # Three scored words are weak evidence, three hundred strong.
    return round(score.value * score.units / (score.units + 2), 2)


# The common syllables stay in a few thousand entries; a larger cache fills with the
# rare words and noise of a large corpus, and only grows memory.
@lru_cache(maxsize=1 << 12)
def _word_value(word: str) -> float | None:
    """What one lower-case word is worth; ``None`` for vowel-less abbreviations (``qđ``).

    A single letter (``à``, or ``È`` between digits) is worth nothing: it is as likely
    noise as a word, and a reading that turns symbols into lone letters gains nothing.
    """
    if len(word) < 2:
        return 0.0
    syllables = _syllables()
    if word in syllables.common:
        return COMMON_VALUE
    decomposed = unicodedata.normalize("NFD", word)
    tones = [char for char in decomposed if char in _TONE_MARKS]
    base = _nfc("".join(char for char in decomposed if char not in _TONE_MARKS))
    if not any(char in _VOWELS for char in base):
        return None if all(char.isascii() or char == "đ" for char in base) else 0.0
    if _is_syllable(base, tones, syllables):
        return SYLLABLE_VALUE
    return 0.0


_TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"  # huyền sắc ngã hỏi nặng
_CHECKED_TONES = "\u0301\u0323"  # the only tones a rhyme ending in c ch p t takes
_VOWELS = "aăâeêioôơuưy"


def _is_syllable(base: str, tones: list[str], syllables: _Syllables) -> bool:
    if len(tones) > 1 or len(base) > LONGEST_SYLLABLE or not syllables.pattern.fullmatch(base):
        return False
    return not (tones and base.endswith(syllables.checked) and tones[0] not in _CHECKED_TONES)


@dataclass(frozen=True)
class _Syllables:
    pattern: re.Pattern[str]  # onset? rhyme, without tone
    checked: tuple[str, ...]  # codas that allow only the sắc and nặng tones
    common: frozenset[str]


@cache
def _syllables() -> _Syllables:
    data = _load("syllables")

    def alternatives(items: list[str]) -> str:
        return "|".join(sorted(items, key=len, reverse=True))

    pattern = re.compile(f"(?:{alternatives(data['onsets'])})?(?:{alternatives(data['rhymes'])})")
    return _Syllables(pattern, tuple(data["checked_codas"]), frozenset(data["common"]))


@cache
def _stray_symbols() -> re.Pattern[str]:
    strays = sorted(char for char in _suspect_chars() if not char.isalpha())
    return re.compile(f"[{re.escape(''.join(strays))}]")


def _load(name: str) -> Any:
    """The parsed ``vbparse/data/encodings/<name>.json``."""
    return load(f"encodings/{name}")


# --- refusals -----------------------------------------------------------------------


def _detect(data: bytes) -> Decoded:
    _reject_binary(data)
    for step in DECODER_STEPS:
        decoded = step(data)
        if decoded is not None:
            return decoded
    raise DecodeError(_why_undecodable(data))


def _reject_binary(data: bytes) -> None:
    head = data[:SNIFF_BYTES]
    if b"\x00" in head and not _looks_like_utf16(head) and not head.startswith(codecs.BOM_UTF32_BE):
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


def _utf16_codec(head: bytes) -> str:
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    # Latin text has its NULs in the high byte: second in little-endian order.
    return "utf-16-le" if head[1::2].count(0) > head[0::2].count(0) else "utf-16-be"


def _why_undecodable(data: bytes) -> str:
    head = data[:SNIFF_BYTES]
    if _looks_like_utf16(head):
        try:
            data.decode(_utf16_codec(head))
        except UnicodeDecodeError as error:
            return f"not valid UTF-16 ({_where(data, error)}); try --encoding"
        return "looks like UTF-16; try --encoding utf-16"
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as error:
        return f"not valid UTF-8 ({_where(data, error)}); try --encoding"
    raise AssertionError("every decoder step declined valid UTF-8")


def _where(data: bytes, error: UnicodeDecodeError) -> str:
    start = min(error.start, len(data) - 1)  # a truncated pair ends past the last byte
    return f"byte 0x{data[start]:02X} at offset {error.start}"


def is_vietnamese_syllable(word: str) -> bool:
    """Whether ``word`` is a well-formed Vietnamese syllable (any case, NFC or not)."""
    return bool(_word_value(_nfc(word).lower()))
