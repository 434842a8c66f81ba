"""Normalise a decoded dump into clean lines, keeping an offset map back to the source.

The clean text is built only from pieces of the source (copied, dropped, or replaced by
an equivalent such as its NFC form), and every clean character remembers the source
offset it came from.  That lets later stages work on tidy text while every value they
find still points at the raw characters it was read from.

What is cleaned, and why:
- Unicode: NFC (decomposed tones from Word and cp1258), ``Ð`` (U+00D0) to ``Đ``, no-break
  and zero-width spaces, soft hyphens, full-width colons.
- Markdown and table leftovers: ``**``, ``*``, ``\\`` escapes, ``#`` headings, ``>`` quotes,
  ``|`` cells; grid and pandoc tables are read column by column, so a header table's left
  column (issuer, number) and right column (motto, date) each come out as their own lines.
- Conversion furniture: YAML front matter, ``--- PAGE n ---`` markers, form feeds.
- Header columns printed on one line (``BỘ TÀI CHÍNH CỘNG HÒA XÃ HỘI …``,
  ``Số: 12/UBND-VX Hà Nội, ngày …``) are split into lines at the motto and date.
"""

from __future__ import annotations

import bisect
import itertools
import re
import unicodedata
from array import array
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

import regex

from vbparse.fold import fold
from vbparse.models import Span
from vbparse.vocab import boilerplate, union_header_pattern


@dataclass(frozen=True)
class Normalized:
    """Clean text, its folded shadow, and the source offset of every clean character."""

    text: str
    folded: str
    offsets: array[int]  # len(text) + 1 entries; the last is the source length
    source_length: int

    def span(self, start: int, end: int) -> Span:
        """The source span of the clean range ``[start, end)``."""
        if end <= start:
            pos = self.offsets[min(start, len(self.text))]
            return (pos, pos)
        first = self.offsets[start]
        last = self.offsets[end - 1] + 1
        if last < first:  # pieces reordered by a table: cover both ends
            first, last = min(first, last - 1), max(first + 1, last)
        return (first, min(last, self.source_length))


class _Builder:
    def __init__(self) -> None:
        self.parts: list[str] = []
        self.offsets: array[int] = array("l")

    def copy(self, source: str, start: int, end: int) -> None:
        if end > start:
            self.parts.append(source[start:end])
            self.offsets.extend(range(start, end))

    def put(self, text: str, at: int) -> None:
        """Add ``text`` as a replacement of the source character at ``at``."""
        if text:
            self.parts.append(text)
            self.offsets.extend([at] * len(text))


# ---------------------------------------------------------------- inline cleaning

# One alternation of everything that is not copied verbatim; linear (no nesting).
_INLINE = regex.compile(
    r"""
    (?P<drop>\*+|(?<=[^\W_])__|__(?=[^\W_])|\\(?=[^\w\s])|\\(?=[ \t]*$)
              |[\u200b-\u200d\u2060\ufeff\u00ad])
    | (?P<space>[\u00a0\u2007\u202f\u3000\t])
    | (?P<pipe_noise>(?<=[\[({])\||\|(?=[\])}]))
    | (?P<pipe>\|)
    | (?P<eth>\u00d0)
    | (?P<colon>\uff1a)
    | (?P<cluster>\w[\u0300-\u036f]+)
    """,
    regex.VERBOSE,
)
_HEADING = regex.compile(r"[ \t]*(?:#{1,6}[ \t]+|>[ \t]?|#{1,6}$)")
# A character that every alternative of ``_INLINE`` needs.  Most lines hold none and are
# copied whole, without trying the alternation at each position.
_INLINE_NEEDS = regex.compile(
    r"[*_\\\u200b-\u200d\u2060\ufeff\u00ad\u00a0\u2007\u202f\u3000\t|\u00d0\uff1a\u0300-\u036f]"
)


def _clean_piece(source: str, start: int, end: int) -> tuple[str, Sequence[int]]:
    """``source[start:end]`` (one line) with inline markup cleaned, and the source offset
    of each of its characters."""
    lead = _HEADING.match(source, start, end)
    pos = lead.end() if lead else start
    if not _INLINE_NEEDS.search(source, pos, end):
        return source[pos:end], range(pos, end)  # most lines: nothing to build or copy
    out = _Builder()
    for m in _INLINE.finditer(source, pos, end):
        out.copy(source, pos, m.start())
        kind = m.lastgroup
        if kind == "space":
            out.put("  " if m.group() == "\t" else " ", m.start())
        elif kind == "pipe_noise":
            out.put(" ", m.start())  # a stroke of a scanned digit (``ngày [| 7``), not a cell
        elif kind == "pipe":
            out.put("\n", m.start())  # a table cell boundary left in running text
        elif kind == "eth":
            out.put("Đ", m.start())
        elif kind == "colon":
            out.put(":", m.start())
        elif kind == "cluster":
            composed = unicodedata.normalize("NFC", m.group())
            for i, ch in enumerate(composed):
                out.put(ch, m.start() + min(i, len(m.group()) - 1))
        pos = m.end()
    out.copy(source, pos, end)
    return "".join(out.parts), out.offsets


# ---------------------------------------------------------------- lines and tables


_NEWLINE = regex.compile(r"\r\n|[\n\r\f\v\u2028\u2029\x85]")


_OTHER_BREAK = regex.compile(r"[\r\f\v\u2028\u2029\x85]")


def _lines(source: str) -> list[tuple[int, int]]:
    """``(start, end)`` of every line, without its terminator (\\n, \\r\\n, \\r, \\f)."""
    spans: list[tuple[int, int]] = []
    start = 0
    if not _OTHER_BREAK.search(source):  # most dumps: \n only, split without a regex
        for line in source.split("\n"):
            spans.append((start, start + len(line)))
            start += len(line) + 1
        return spans
    for m in _NEWLINE.finditer(source):
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(source)))
    return spans


_GRID_BORDER = regex.compile(r"[ \t]*\+(?:[-=:]+\+)+[ \t]*$")
_SIMPLE_BORDER = regex.compile(r"[ \t]*-{3,}(?:[ \t]+-{3,})+[ \t]*$")
_PIPE_ROW = regex.compile(r"[ \t]*\|.*\|[ \t]*$")
_PIPE_RULE = regex.compile(r"[ \t]*\|?(?:[ \t]*:?-{3,}:?[ \t]*\|)+[ \t]*(?::?-{3,}:?)?[ \t]*$")
_FRONT_KEY = regex.compile(r"[ \t]*[A-Za-z_][\w-]*:")


_DASH_RUN = regex.compile(r"-{3,}")


def _column_starts(line: str, grid: bool) -> list[int]:
    if grid:
        return [i + 1 for i, ch in enumerate(line) if ch == "+"][:-1]
    return [m.start() for m in _DASH_RUN.finditer(line)]


def _table_columns(
    source: str, rows: list[tuple[int, int]], starts: list[int]
) -> Iterator[tuple[int, int]]:
    """Cells of a block of fixed-width rows, column by column (left column first)."""
    bounds = [*starts[1:], 1 << 30]
    for col, begin in enumerate(starts):
        for line_start, line_end in rows:
            a = min(line_start + begin, line_end)
            b = min(line_start + bounds[col] - (1 if bounds[col] < 1 << 30 else 0), line_end)
            if b > a:
                yield a, b


def _logical_lines(
    source: str, lines: list[tuple[int, int]], kinds: bytearray
) -> Iterator[tuple[int, int, bool]]:
    """Source pieces, one per clean line, with tables unrolled into their cells; each
    says whether it is a plain line (``_line_kinds``)."""
    i = _skip_front_matter(source, lines)
    while i < len(lines):
        start, end = lines[i]
        if kinds[i] != _TABLE:
            yield start, end, kinds[i] == _PLAIN  # no table border or row is without a mark
            i += 1
            continue
        text = source[start:end]
        if _GRID_BORDER.match(text) or _SIMPLE_BORDER.match(text):
            grid = text.lstrip().startswith("+")
            starts = _column_starts(text, grid)
            j = i + 1
            block: list[tuple[int, int]] = []
            while j < len(lines):
                s, e = lines[j]
                row = source[s:e]
                if _GRID_BORDER.match(row) or (not grid and _SIMPLE_BORDER.match(row)):
                    yield from _unplain(_emit_rows(source, block, starts, grid))
                    block = []
                    if not grid:
                        j += 1
                        break
                    j += 1
                    continue
                if grid and not row.lstrip().startswith("|"):
                    break
                if not grid and j - i > 60:  # not a table after all
                    break
                block.append((s, e))
                j += 1
            yield from _unplain(_emit_rows(source, block, starts, grid))
            i = j
            continue
        if _PIPE_ROW.match(text):
            if not _PIPE_RULE.match(text):
                yield from _unplain(_pipe_cells(source, start, end))
            i += 1
            continue
        yield start, end, False
        i += 1


def _unplain(pieces: Iterable[tuple[int, int]]) -> Iterator[tuple[int, int, bool]]:
    for start, end in pieces:
        yield start, end, False


def _emit_rows(
    source: str, block: list[tuple[int, int]], starts: list[int], grid: bool
) -> Iterator[tuple[int, int]]:
    if not block:
        return
    if grid:
        # Cells sit between the pipes.  Split each row at its own pipes rather than at the
        # border's columns: a row with decomposed letters is longer than it looks.
        columns: list[list[tuple[int, int]]] = []
        for line_start, line_end in block:
            pipes = [
                line_start + i for i, ch in enumerate(source[line_start:line_end]) if ch == "|"
            ]
            for col, (a, b) in enumerate(itertools.pairwise(pipes)):
                while len(columns) <= col:
                    columns.append([])
                if b > a + 1:
                    columns[col].append((a + 1, b))
        for cells in columns:
            yield from cells
    else:
        yield from _table_columns(source, block, [0, *starts[1:]])


_PIPE = regex.compile(r"\|")


def _pipe_cells(source: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """The cells of a one-line pipe-table row, each as its own line."""
    pos = start
    for m in _PIPE.finditer(source, pos, end):
        if m.start() > pos:
            yield pos, m.start()
        pos = m.end()
    if end > pos:
        yield pos, end


def _skip_front_matter(source: str, lines: list[tuple[int, int]]) -> int:
    """Index of the first line after a YAML front-matter block, or 0 if there is none."""
    first = next((k for k, (s, e) in enumerate(lines) if source[s:e].strip()), None)
    if first is None or source[lines[first][0] : lines[first][1]].strip() != "---":
        return 0
    for k in range(first + 1, min(len(lines), first + 60)):
        s, e = lines[k]
        row = source[s:e].strip()
        if row == "---":
            return k + 1
        if row and not _FRONT_KEY.match(row) and not row.startswith(("-", " ")):
            return 0
    return 0


# ---------------------------------------------------------------- header columns on one line

# Markers of the right-hand header column, matched on the folded line.  A line holding
# one of them after other text is two columns printed side by side.
_MOTTO = r"c[o0]ng\s*h[o0]a\s+x[a]\s*h[o0]i(?:\s+ch[u]\s*ngh[i1l]a(?:\s+[vy][i1]e[t]\s*nam)?)?"
_MOTTO_TAIL = r"d[o0]c\s*l[a]p\s*[-–—]+\s*t[u]\s*d[o0](?:\s*[-–—]+\s*h[a]nh(?:\s*ph[u]c)?)?"
_PARTY = r"dang\s+cong\s+san\s+viet\s+nam"
_SO_COLON = r"s[o0]\s*:"
_RIGHT_COLUMN = regex.compile(
    r"""
      (?P<motto>MOTTO)
    | (?P<motto2>TAIL)
    | (?P<party>PARTY)
    | (?P<date>(?<=\S\s+)(?:[^\W\d_][\w.]*\s+){0,3}[^\W\d_][\w.]*\s*[,.]\s*
               (?:ngay(?![a-z])|ng[a-z]{1,3}\S{0,3}\s*[tf]h?ang))
    | (?P<number>(?<=\p{Lu})SO_COLON)
    | (?P<union>(?<=\S\s*)UNION_HEADERS)
    | (?P<vv>(?<=\S\s+)v\s*[/.]\s*v\b)
    """.replace("MOTTO", _MOTTO)
    .replace("TAIL", _MOTTO_TAIL)
    .replace("PARTY", _PARTY)
    .replace("SO_COLON", _SO_COLON)
    .replace("UNION_HEADERS", union_header_pattern()),
    regex.VERBOSE,
)
# The markers that count on any line, without their look-behinds.  Dates and ``V/v``
# count only on a number line, so a line with neither a number cue nor one of these has
# no column to split.  Ruling that out first spares most lines the full scan, whose
# look-behinds are tried at every position (it was a quarter of all parsing time).
_HEADER_MARK = regex.compile(
    "|".join((_MOTTO, _MOTTO_TAIL, _PARTY, _SO_COLON, union_header_pattern()))
)
_NUMBER_LINE = regex.compile(r"\s*(?:s[o0]\s*[:;.]?\s*\S|[$5][o0-6]\s*:|v\s*/\s*v\b)")


def _split_columns(text: str, folded: str) -> list[int]:
    """Clean-line positions where a second header column starts (or the first ends)."""
    number_line = _NUMBER_LINE.match(folded) is not None
    if not number_line and not _HEADER_MARK.search(folded):
        return []
    cuts: list[int] = []
    for m in _RIGHT_COLUMN.finditer(folded):
        kind = m.lastgroup
        if kind in ("date", "vv") and not number_line:
            continue
        if kind == "number" and not text[m.start() - 1 : m.start()].isupper():
            continue
        if kind == "union" and any(c.islower() for c in text[m.start() : m.end()]):
            continue
        if kind == "party" and any(c.islower() for c in text[m.start() : m.end()]):
            continue  # the party named in running text, not a header line
        if kind == "date":
            cuts.append(_place_start(text, m.start(), m.end()))
            continue
        if kind == "motto" and any(c.islower() for c in text[m.start() : m.end()]):
            continue
        cuts.append(m.start())
        if kind in ("motto", "motto2", "party", "union"):
            cuts.append(m.end())
    return sorted({c for c in cuts if 0 < c < len(text)})


_WORD = regex.compile(r"\S+")


def _place_start(text: str, start: int, end: int) -> int:
    """Where the place name begins: its words are capitalised (``Thủ Dầu Một, ngày``)."""
    comma = max(text.rfind(",", start, end), text.rfind(".", start, end))
    words = list(_WORD.finditer(text[start : comma if comma > start else end]))
    # the word before ``, ngày`` (or, with no comma, ``ngày`` itself) opens the place so far
    first = start + words[-1].start() if words else start
    for w in reversed(words[:-1]):
        word = w.group()
        if not word[:1].isupper():
            break
        # An all-capitals word before a title-case place is the tail of a number code
        # spaced out by OCR (``Số: 01 /TB-GA VI Kiên Giang``); ``TP.`` belongs to the place.
        if word.isupper() and not word.endswith(".") and not text[first:end].isupper():
            break
        first = start + w.start()
    return first


# ---------------------------------------------------------------- a flattened document

# A forum or chat copy can flatten a whole document onto one line.  Such a line is cut
# before the cues that open a line of the layout, so the later stages see the layout.
FLATTENED_LENGTH = 400
_FLATTENED_BREAK = regex.compile(
    r"""
      (?<=[^\s*\-])(?=\*{3}|-{3,})               # decoration rules: ``***``, ``-----``
    | (?<=\*{3})(?!\*)(?=\s*\S) | (?<=-{3})(?!-)(?=\s*\S)
    | (?<=[\p{Lu}*\s])(?=S[ốỐ]\s*:)               # ``TRUNG ƯƠNG***Số: 367``
    | (?<=[;:.,)]\s{0,3})(?=[-–]\s+\p{Lu})       # a list item: ``…; - Căn cứ``
    | (?<=\s)(?<![-–]\s)(?=(?:Căn\ cứ|Điều\ \d{1,3}\.|Nơi\ nhận\s*:|Kính\ gửi\s*:
                             |(?:TM|KT|TL|T/M|K/T|T/L)\.\s*\p{Lu}))
    | (?<=\p{Lu})(?=Về\ việc\s|V/v\s)             # ``QUYẾT ĐỊNHVề việc``
    | (?<=năm\ \d{4})\s+(?=\p{Lu}{2})             # the title after the date
    | (?<=\([đĐ]ã\ ký\))\s*                       # the signer after the placeholder
    | (?<=\S)\s*(?=\([đĐ]ã\ ký\))
    | (?<=\p{Ll})\s+(?=\p{Lu}{2,}\s+\p{Lu}{2,})    # a heading in capitals after prose
    """,
    regex.VERBOSE,
)


def _flattened_breaks(text: str) -> list[int]:
    """Line starts inside a flattened document, when it holds at least two kinds of cue.

    The cues are matched as printed, not folded: their capitals tell a cue from prose."""
    if sum(cue in text for cue in ("Số", "Nơi nhận", "Căn cứ", "Điều", "Kính gửi")) < 2:
        return []  # prose on one long line: nothing to cut, and nothing scanned
    return [c for m in _FLATTENED_BREAK.finditer(text) if 0 < (c := m.end()) < len(text)]


# ---------------------------------------------------------------- the whole text

_NOISE_LINE = regex.compile(r"\s*(?:-{2,}\s*page(?:\s+\d+|\s+break)?\s*-{2,}|\|+)\s*$")

# ---------------------------------------------------------------- plain lines

# Most lines of a dump need none of the cleaning above: no markup, no table, no header
# column, no odd space.  Such a *plain* line comes out stripped, with its folded shadow
# cut from the fold of the whole source and its offsets from a counting array, so the
# work per line is a few slices.  The per-line path costs about ten times as much.
_PLAIN, _SPECIAL, _TABLE = 0, 1, 2
# A line that may open or belong to a table (what ``_logical_lines`` looks at).
# The mark patterns take the rest of the line with them: one match a line, not one a mark.
_TABLE_MARK = regex.compile(r"(?:[+|]|---)[^\n]*")
# A character that ``_HEADING``, ``_INLINE`` or ``_NOISE_LINE`` react to, or white space
# other than a plain space (so that stripping a plain line strips spaces only).
_SPECIAL_MARK = re.compile(
    r"(?:[#>*_\\\u200b-\u200d\u2060\ufeff\u00ad\u00a0\u2007\u202f\u3000\t\u00d0\uff1a"
    r"\u0300-\u036f\x1c-\x1f\u1680\u2000-\u200a\u205f]|--)[^\n]*"
)
# A line break other than \n and \r\n, which the scans below would not see as one.
_ODD_BREAK = regex.compile(r"\r(?!\n)|[\f\v\u2028\u2029\x85]")
# Every line that ``_NUMBER_LINE`` could match, and a few more, from its line break (a
# scan for a character is faster than one for ``^``; the first line is tried apart).
_NUMBER_LINE_START = re.compile(r"\n[^\S\n]*(?:s[o0]|[$5][o0-6]|v[^\S\n]*/)")
_FIRST_NUMBER_LINE = re.compile(r"[^\S\n]*(?:s[o0]|[$5][o0-6]|v[^\S\n]*/)")
# The stdlib ``re`` runs these three plain scans two to three times faster than ``regex``
# (measured on the benchmark corpus); ``_HEADER_MARK`` is compiled again for it.  They only
# choose the path: a line they mark is read by the ``regex`` patterns as before.
_HEADER_MARK_SCAN = re.compile(_HEADER_MARK.pattern)
_COUNTING_LIMIT = 1 << 20  # the longest counting array kept between calls (8 MB)
_counting_kept: list[array[int]] = [array("l")]


def _line_kinds(source: str, folded: str, lines: list[tuple[int, int]]) -> bytearray:
    """For each line: ``_TABLE`` if it may be part of a table, ``_SPECIAL`` if it needs the
    per-line path, else ``_PLAIN``.  Found by a few scans of the whole text; a line is
    marked when any match touches it, so a mark never misses what the per-line path would
    see (a match across a line break marks both lines)."""
    if _ODD_BREAK.search(source):
        return bytearray([_TABLE]) * len(lines)  # rare: the per-line path throughout
    kinds = bytearray(len(lines))
    starts = [start for start, _ in lines]
    if lines and _FIRST_NUMBER_LINE.match(folded):
        kinds[0] = _SPECIAL
    scans: list[tuple[str, re.Pattern[str] | regex.Pattern[str], int]] = [
        (source, _SPECIAL_MARK, _SPECIAL),
        (folded, _HEADER_MARK_SCAN, _SPECIAL),
        (folded, _NUMBER_LINE_START, _SPECIAL),
        (source, _TABLE_MARK, _TABLE),
    ]
    for text, pattern, kind in scans:
        for m in pattern.finditer(text):
            first = bisect.bisect_right(starts, m.start()) - 1
            last = bisect.bisect_right(starts, max(m.end() - 1, m.start()), first) - 1
            if first < last and m.start() >= lines[first][1]:
                first += 1  # the match starts at a line break: the line before is untouched
            for i in range(first, last + 1):
                kinds[i] = max(kinds[i], kind)
    for i, (start, end) in enumerate(lines):
        if end - start >= FLATTENED_LENGTH and not kinds[i]:
            kinds[i] = _SPECIAL
    return kinds


def _counting(size: int) -> array[int]:
    """An array holding 0, 1, 2 … at least up to ``size``: slices of it are offset maps
    of copied text, made by a memory copy instead of one integer at a time."""
    kept = _counting_kept[0]
    if len(kept) >= size:
        return kept
    made = array("l", range(max(size, 2 * len(kept))))
    if len(made) <= _COUNTING_LIMIT:
        _counting_kept[0] = made
    return made


def normalize(source: str) -> Normalized:
    """Clean ``source`` into lines, with an offset map back to it."""
    parts: list[str] = []
    folded_parts: list[str] = []  # each row is folded once, here kept for the whole text
    offsets: array[int] = array("l")
    folded_source = fold(source)  # char for char, so a plain line's shadow is a slice
    lines = _lines(source)
    kinds = _line_kinds(source, folded_source, lines)
    counting = _counting(len(source) + 1)
    first = True
    for start, end, plain in _logical_lines(source, lines, kinds):
        if plain:
            if not first:
                parts.append("\n")
                folded_parts.append("\n")
                offsets.append(start if end > start else _after(offsets, start, len(source)))
            first = False
            text = source[start:end]
            stripped = text.strip()
            if stripped:
                a = start + len(text) - len(text.lstrip())
                parts.append(stripped)
                folded_parts.append(folded_source[a : a + len(stripped)])
                offsets += counting[a : a + len(stripped)]
            continue
        for text, folded, piece_offsets in _split_cells(*_clean_piece(source, start, end)):
            stripped = text.strip()
            if _NOISE_LINE.match(folded):
                stripped = ""
            lead = len(text) - len(text.lstrip())
            if not first:
                parts.append("\n")
                folded_parts.append("\n")
                offsets.append(
                    piece_offsets[0] if piece_offsets else _after(offsets, start, len(source))
                )
            first = False
            if stripped:
                parts.append(stripped)
                folded_parts.append(folded[lead : lead + len(stripped)])
                offsets.extend(piece_offsets[lead : lead + len(stripped)])
    offsets.append(len(source))
    return Normalized("".join(parts), "".join(folded_parts), offsets, len(source))


def _after(offsets: array[int], start: int, size: int) -> int:
    """The offset of the line break before an empty piece, which has none of its own:
    right after the last character taken keeps the map monotonic."""
    after = offsets[-1] + 1 if offsets else start
    return min(max(after, start), size)


def _split_cells(text: str, offsets: Sequence[int]) -> list[tuple[str, str, Sequence[int]]]:
    """A cleaned line as one or more lines: at '|' cells and at header-column markers.

    Each comes with its folded shadow and its source offsets."""
    result: list[tuple[str, str, Sequence[int]]] = []
    pos = 0
    for cell in text.split("\n"):
        end = pos + len(cell)
        cell_offsets = offsets[pos:end]
        # A flattened document is first cut into its lines, then each line into columns.
        rows = _flattened_breaks(cell) if len(cell) >= FLATTENED_LENGTH else []
        for a, b in itertools.pairwise([0, *rows, len(cell)]):
            row = cell[a:b]
            folded = fold(row)
            cuts = _split_columns(row, folded) if row.strip() else []
            for c, d in itertools.pairwise([0, *cuts, len(row)]):
                result.append((row[c:d], folded[c:d], cell_offsets[a + c : a + d]))
        pos = end + 1
    return result


def is_boilerplate(folded_line: str) -> bool:
    """Whether a (folded, stripped) line is web-page or page furniture."""
    stops: list[str] = boilerplate()["stop_lines"]
    return folded_line.startswith(tuple(stops))
