"""What ``vbparse show`` draws: every field of a record, highlighted where it was read.

A record's spans point into the decoded text of its file.  ``highlights`` lists each
field that has a value, in the order of the record, with its span when it has one;
``segments`` flattens those spans into non-overlapping pieces of text, one kind each.
Spans nest (a citation inside the subject, the signer inside the signature block), so
the rule is: **the innermost span wins** — at every character, the shortest span that
covers it; on equal length a field beats the signature block it sits in.  The pieces of
an outer span around an inner one keep the outer kind.  Warnings do not compete with
fields: they are an overlay (``Segment.warned``, drawn underlined) on whatever they
cover, and only text that no field covers takes the ``warning`` kind.

Both renderers use these segments: ``html_page`` here, and the terminal one of
``vbparse.cli.show`` (rich).  Everything is a pure function of (text, records).
"""

from __future__ import annotations

import html
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Literal

from vbparse import __version__
from vbparse.models import Item, Record, Span

Kind = Literal[
    "system",
    "issuer",
    "number",
    "doc_type",
    "place",
    "date",
    "subject",
    "mark",
    "recipient",
    "signature",
    "authority",
    "title",
    "signer",
    "distribution",
    "footnote",
    "citation",
    "warning",
]

# One background colour per kind, in legend order (the order fields come in a document).
# Text on them stays black; neighbours that meet on one line (place and date, subject and
# its citations, title and signer) get colours far apart.
COLOURS: dict[Kind, str] = {
    "system": "#dddddd",
    "issuer": "#a0c4ff",
    "number": "#ffd166",
    "doc_type": "#f4a261",
    "place": "#95d5b2",
    "date": "#ffc8a2",
    "subject": "#cfbaf0",
    "mark": "#ff99c8",
    "recipient": "#90dbf4",
    "signature": "#e5e5e5",
    "authority": "#ffcfd2",
    "title": "#f1c0e8",
    "signer": "#ffadad",
    "distribution": "#c9e4de",
    "footnote": "#ddbea9",
    "citation": "#caffbf",
    "warning": "#ffe066",
}

# The kind that frames other fields rather than being one: on a tie it loses.
_FRAME: Kind = "signature"

# Characters a terminal would act on (or rich would drop, shifting every offset after
# them) are shown as visible stand-ins of the same length: C0 controls as their Control
# Pictures (U+2400…), DEL as ␡, C1 controls as U+FFFD.  A carriage return becomes a space
# so that CRLF text reads normally.
_STAND_INS: dict[int, str] = {
    **{code: chr(0x2400 + code) for code in range(0x20) if chr(code) not in "\t\n"},
    0x0D: " ",
    0x7F: "␡",
    **{code: "\ufffd" for code in range(0x80, 0xA0)},
}


@dataclass(frozen=True)
class Highlight:
    """One field of a record: its name in the record, its kind, its value as text, and
    where it was read (``None`` for a value the record has no span for)."""

    name: str
    kind: Kind
    value: str
    span: Span | None


@dataclass(frozen=True)
class Segment:
    """A piece ``text[start:end]`` of one kind, read for the field ``name``; ``warned``
    when a warning's span covers it."""

    start: int
    end: int
    kind: Kind
    name: str
    warned: bool = False


def printable(text: str) -> str:
    """``text`` with control characters replaced one for one (offsets are kept)."""
    return text.translate(_STAND_INS)


def highlights(record: Record, text: str) -> list[Highlight]:
    """Every field of ``record`` that has a value, in record order; warnings last."""
    found = _header(record, text) + _items("recipients", "recipient", record.recipients)
    found += _signature(record) + _items("distribution", "distribution", record.distribution)
    found += _notes(record)
    found += [
        Highlight(f"warnings[{i}]", "warning", f"{w.code} {w.message}", w.span)
        for i, w in enumerate(record.warnings)
    ]
    return found


def _header(record: Record, text: str) -> list[Highlight]:
    spans = record.spans
    found: list[Highlight] = []
    if record.system is not None:
        found.append(Highlight("system", "system", record.system, None))
    if record.issuer is not None:
        found.append(Highlight("issuer", "issuer", record.issuer.name or "", record.issuer.span))
        if record.issuer.parent is not None:
            found.append(Highlight("issuer.parent", "issuer", record.issuer.parent, None))
    if record.number is not None:
        found.append(Highlight("number", "number", record.number.value, record.number.span))
    scalars: tuple[tuple[Kind, str | None, Span | None], ...] = (
        ("doc_type", record.doc_type, spans.doc_type),
        ("place", record.place, spans.place),
        ("date", record.date, spans.date),
        ("subject", record.subject, spans.subject),
    )
    found += [Highlight(kind, kind, value, span) for kind, value, span in scalars if value]
    # The contract does not say which mark each of spans.marks belongs to: the values are
    # listed without a span, the spans with the text they cover.
    marks = record.marks.model_dump(exclude_none=True)
    found += [Highlight(f"marks.{name}", "mark", value, None) for name, value in marks.items()]
    found += [
        Highlight(f"spans.marks[{i}]", "mark", text[start:end], (start, end))
        for i, (start, end) in enumerate(spans.marks)
    ]
    return found


def _items(name: str, kind: Kind, items: Sequence[Item]) -> list[Highlight]:
    return [Highlight(f"{name}[{i}]", kind, item.text, item.span) for i, item in enumerate(items)]


def _signature(record: Record) -> list[Highlight]:
    signature = record.signature
    if signature is None:
        return []
    chain = " ".join(link.authority for link in signature.chain) or "–"
    found = [Highlight("signature", "signature", chain, signature.span)]
    found += [
        Highlight(
            f"signature.chain[{i}]",
            "authority",
            " ".join(filter(None, (link.authority, link.on_behalf_of))),
            link.span,
        )
        for i, link in enumerate(signature.chain)
    ]
    if signature.title is not None:
        found.append(Highlight("signature.title", "title", signature.title, signature.title_span))
    if signature.signer is not None:
        found.append(
            Highlight("signature.signer", "signer", signature.signer, signature.signer_span)
        )
    return found


def _notes(record: Record) -> list[Highlight]:
    found = [
        Highlight(f"footnotes[{i}]", "footnote", f"{note.mark}. {note.text}", note.span)
        for i, note in enumerate(record.footnotes)
    ]
    for i, cited in enumerate(record.citations):
        what = " ".join(filter(None, (cited.doc_type, cited.number or cited.title)))
        when = f", {cited.date}" if cited.date else ""
        relation = f" ({cited.relation})" if cited.relation != "reference" else ""
        target = f" → {cited.target}" if cited.target else ""
        value = what + when + relation + target
        found.append(Highlight(f"citations[{i}]", "citation", value, cited.span))
    return found


def segments(found: Iterable[Highlight], bounds: Span) -> list[Segment]:
    """The spans of ``found`` within ``bounds`` as ordered, non-overlapping segments.

    At every character the innermost (shortest) field span wins; on equal length a field
    wins over the signature block, then the earlier highlight.  A warning owns only what
    no field covers, and marks everything it covers as ``warned``.  Characters no span
    covers are in no segment.
    """
    claims: list[tuple[tuple[bool, int, bool], Span, Highlight]] = []
    for h in found:
        clipped = _clip(h.span, bounds)
        if h.span is not None and clipped is not None:
            length = h.span[1] - h.span[0]
            claims.append(((h.kind == "warning", length, h.kind == _FRAME), clipped, h))
    cuts = sorted({point for _, span, _ in claims for point in span})
    owner: list[Highlight | None] = [None] * max(len(cuts) - 1, 0)
    warned = [False] * len(owner)
    # Innermost first (a stable sort keeps record order on ties): the first span to
    # claim a piece between two cuts keeps it.
    for _, (start, end), highlight in sorted(claims, key=lambda claim: claim[0]):
        for piece in range(bisect_left(cuts, start), bisect_left(cuts, end)):
            owner[piece] = owner[piece] or highlight
            warned[piece] = warned[piece] or highlight.kind == "warning"
    result: list[Segment] = []
    for piece, winner in enumerate(owner):
        if winner is None:
            continue
        segment = Segment(cuts[piece], cuts[piece + 1], winner.kind, winner.name, warned[piece])
        if result and _continues(result[-1], segment):
            result[-1] = replace(result[-1], end=segment.end)
        else:
            result.append(segment)
    return result


def _continues(last: Segment, segment: Segment) -> bool:
    """Whether ``segment`` extends ``last``: adjacent, same field, same warning."""
    return (last.end, last.name, last.warned) == (segment.start, segment.name, segment.warned)


def _clip(span: Span | None, bounds: Span) -> Span | None:
    """The part of ``span`` inside ``bounds``; None when nothing is."""
    if span is None:
        return None
    start, end = max(span[0], bounds[0]), min(span[1], bounds[1])
    return (start, end) if start < end else None


def shown_span(record: Record, text: str) -> Span:
    """The record's document span without the whitespace (blank lines) around it."""
    start, end = record.source.span
    piece = text[start:end]
    return start + len(piece) - len(piece.lstrip()), end - len(piece) + len(piece.rstrip())


def kinds_of(pieces: Iterable[Segment]) -> list[Kind]:
    """The kinds present in ``pieces``, in legend order (``warning`` also when a field is
    only warned about)."""
    present: set[Kind] = set()
    for piece in pieces:
        present |= {piece.kind, "warning"} if piece.warned else {piece.kind}
    return [kind for kind in COLOURS if kind in present]


def span_text(span: Span | None) -> str:
    """A span as Python slice notation (``text[45:54]``), or a dash."""
    return "–" if span is None else f"{span[0]}:{span[1]}"


def document_title(record: Record, count: int) -> str:
    """``document 0 of 2 · 17-CV/ĐU``: which document of its file, and its number."""
    title = f"document {record.source.index} of {count}"
    return f"{title} · {record.number.value}" if record.number else title


# ------------------------------------------------------------------------------ HTML

_CSS = """
body { font-family: system-ui, sans-serif; margin: 2em auto; max-width: 60em;
       padding: 0 1em; color: #111; background: #fff; }
h1 { font-size: 1.3em; word-break: break-all; }
h2 { font-size: 1.1em; border-top: 2px solid #999; padding-top: 1em; margin-top: 2em; }
pre { white-space: pre-wrap; font-family: ui-monospace, monospace; line-height: 1.5;
      border: 1px solid #ccc; padding: 1em; background: #fcfcfc; }
mark { color: #000; border-radius: 2px; }
.warned { text-decoration: underline wavy #e8590c; }
.legend span { display: inline-block; margin: 0 .3em .3em 0; padding: 0 .4em; color: #000;
               font-family: ui-monospace, monospace; font-size: .9em; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #ccc; padding: .2em .5em; text-align: left; vertical-align: top; }
td.name, td.span { font-family: ui-monospace, monospace; white-space: nowrap; }
.warnings li { background: #fff3bf; border-left: 4px solid #f59f00; padding: .2em .5em;
               list-style: none; margin: .2em 0; }
footer { color: #777; font-size: .8em; margin-top: 3em; }
"""


def html_page(
    title: str, text: str, records: Sequence[Record], count: int, *, with_text: bool = True
) -> str:
    """One self-contained page (inline CSS, no script, no link) showing ``records`` of a
    file whose decoded text is ``text`` and which holds ``count`` documents."""
    css = _CSS + "".join(
        f".k-{kind} {{ background: {colour}; }}\n" for kind, colour in COLOURS.items()
    )
    body = "".join(_html_document(record, text, count, with_text) for record in records)
    return (
        "<!DOCTYPE html>\n"
        '<html lang="vi">\n<head>\n<meta charset="utf-8">\n'
        f"<title>vbparse show: {_escape(title)}</title>\n"
        f"<style>{css}</style>\n</head>\n<body>\n"
        f"<h1>{_escape(title)}</h1>\n{body}"
        f"<footer>vbparse {__version__} show</footer>\n</body>\n</html>\n"
    )


def _html_document(record: Record, text: str, count: int, with_text: bool) -> str:
    found = highlights(record, text)
    bounds = shown_span(record, text)
    pieces = segments(found, bounds)
    legend = "".join(
        f'<span class="k-{kind}{" warned" if kind == "warning" else ""}">{kind}</span>'
        for kind in kinds_of(pieces)
    )
    rows = "".join(
        f'<tr><td class="name"><mark class="k-{h.kind}">{_escape(h.name)}</mark></td>'
        f'<td>{_escape(h.value)}</td><td class="span">{span_text(h.span)}</td></tr>\n'
        for h in found
        if h.kind != "warning"
    )
    warnings = "".join(
        f"<li>{_escape(h.value)} <code>{span_text(h.span)}</code></li>\n"
        for h in found
        if h.kind == "warning"
    )
    shown = f'<p class="legend">{legend}</p>\n<pre>{_html_text(text, bounds, pieces)}</pre>\n'
    return (
        f"<section>\n<h2>{_escape(document_title(record, count))}</h2>\n"
        + (shown if with_text else "")
        + "<table>\n<tr><th>field</th><th>value</th><th>span</th></tr>\n"
        f"{rows}</table>\n"
        + (f'<ul class="warnings">\n{warnings}</ul>\n' if warnings else "")
        + "</section>\n"
    )


def _html_text(text: str, bounds: Span, pieces: Sequence[Segment]) -> str:
    out: list[str] = []
    position = bounds[0]
    for piece in pieces:
        out.append(_escape(text[position : piece.start]))
        classes = f"k-{piece.kind} warned" if piece.warned else f"k-{piece.kind}"
        label = f"{piece.name} (with a warning)" if piece.warned else piece.name
        out.append(
            f'<mark class="{classes}" title="{_escape(label)}">'
            f"{_escape(text[piece.start : piece.end])}</mark>"
        )
        position = piece.end
    out.append(_escape(text[position : bounds[1]]))
    return "".join(out)


def _escape(value: str) -> str:
    return html.escape(printable(value), quote=True)
