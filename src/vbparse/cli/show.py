"""``vbparse show``: a document's text with every field it gave highlighted in place."""

from __future__ import annotations

import hashlib
from contextlib import suppress
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from vbparse.cli.common import EXIT_FAILED_INPUTS, Encoding, ReaderGone, app, output_to, report
from vbparse.decode import DecodeError, decode_bytes
from vbparse.inputs import InputError, display_path, read_input
from vbparse.link import link_records
from vbparse.models import Record
from vbparse.pipeline import parse_text
from vbparse.render import (
    COLOURS,
    Kind,
    document_title,
    highlights,
    html_page,
    kinds_of,
    printable,
    segments,
    shown_span,
    span_text,
)

EXIT_USAGE = 2
_WARNING_STYLE = "yellow"


@app.command(
    epilog=(
        "Examples:\n\n"
        "  vbparse show cong-van.txt\n\n"
        "  vbparse show dump.txt --document 1 --no-text\n\n"
        "  vbparse show cong-van.txt --html cong-van.html\n\n"
        "  FORCE_COLOR=1 vbparse show cong-van.txt | less -R"
    )
)
def show(
    file: Annotated[
        str,
        typer.Argument(
            metavar="FILE", help="A text file, or '-' for standard input.", show_default=False
        ),
    ],
    document: Annotated[
        int | None,
        typer.Option(
            "--document",
            "-d",
            metavar="N",
            min=0,
            help="Only document N of the file (0-based, like source.index).",
            show_default=False,
        ),
    ] = None,
    html: Annotated[
        Path | None,
        typer.Option(
            "--html",
            metavar="OUT",
            help="Write the same as one self-contained HTML page to OUT ('-' for standard "
            "output) instead of the terminal.",
            show_default=False,
        ),
    ] = None,
    no_text: Annotated[
        bool, typer.Option("--no-text", help="Leave out the text: only fields and warnings.")
    ] = False,
    encoding: Encoding = None,
) -> None:
    """Show each document of FILE with every field the parser read highlighted in place
    (one colour per kind of field, legend above), then the table of fields (name, value,
    span) and the warnings.

    Where spans nest, the innermost is shown: a citation inside the subject, the signer
    inside the signature block.  Colours follow the terminal: none when the output is
    not a terminal or NO_COLOR is set; FORCE_COLOR=1 forces them.
    """
    shown_path = display_path(file)
    text, records = _parse(file, shown_path, encoding)
    count = len(records)
    if document is not None:
        if document >= count:
            report(shown_path, f"no document {document}: the file holds {_documents(count)}")
            raise typer.Exit(EXIT_USAGE)
        records = [records[document]]
    with suppress(ReaderGone), output_to(html) as out:
        if html is not None:
            out.write(html_page(shown_path, text, records, count, with_text=not no_text))
            return
        console = Console(file=out, highlight=False, emoji=False)
        for record in records:
            _print_document(console, shown_path, text, record, count, with_text=not no_text)


def _parse(file: str, shown_path: str, encoding: str | None) -> tuple[str, list[Record]]:
    """The decoded text of ``file`` and its records, linked as ``extract`` links them;
    a file that cannot be read is reported and ends the command."""
    try:
        data = read_input(file)
        decoded = decode_bytes(data, encoding=encoding)
        records = parse_text(
            decoded.text,
            source=shown_path,
            sha256=hashlib.sha256(data).hexdigest(),
            encoding=decoded.encoding,
            encoding_confidence=decoded.confidence,
        )
        records = link_records(records)
    except (InputError, DecodeError) as error:
        report(shown_path, error.reason)
        raise typer.Exit(EXIT_FAILED_INPUTS) from None
    except Exception as error:  # a parser bug: one line, as extract reports it
        report(shown_path, f"internal error: {type(error).__name__}: {error}")
        raise typer.Exit(EXIT_FAILED_INPUTS) from None
    if not records:
        report(shown_path, "no document found")
        raise typer.Exit(EXIT_FAILED_INPUTS)
    return decoded.text, records


def _documents(count: int) -> str:
    return "1 document (0)" if count == 1 else f"{count} documents (0 to {count - 1})"


def _print_document(
    console: Console, path: str, text: str, record: Record, count: int, *, with_text: bool
) -> None:
    found = highlights(record, text)
    # The rule cuts a long title: the path, which can be long, goes on its own line.
    console.rule(Text(printable(document_title(record, count)), "bold"))
    console.print(Text(printable(path), "bold"), soft_wrap=True)
    if with_text:
        bounds = shown_span(record, text)
        pieces = segments(found, bounds)
        console.print(_legend(kinds_of(pieces)), soft_wrap=True)
        shown = Text(printable(text[bounds[0] : bounds[1]]))
        for piece in pieces:
            style = _style(piece.kind) + (" underline" if piece.warned else "")
            shown.stylize(style, piece.start - bounds[0], piece.end - bounds[0])
        # soft_wrap: the terminal folds long lines; rich would re-flow the text.
        console.print(shown, soft_wrap=True)
    table = Table("field", "value", "span", title_justify="left")
    for h in found:
        if h.kind != "warning":
            table.add_row(Text(h.name, _style(h.kind)), Text(printable(h.value)), span_text(h.span))
    console.print(table)
    for h in found:
        if h.kind == "warning":
            line = f"warning {h.value} ({span_text(h.span)})"
            console.print(Text(printable(line), _WARNING_STYLE), soft_wrap=True)


def _legend(kinds: list[Kind]) -> Text:
    legend = Text("fields: ")
    for kind in kinds:
        legend.append(f" {kind} ", _style(kind) + (" underline" if kind == "warning" else ""))
        legend.append(" ")
    return legend


def _style(kind: Kind) -> str:
    return f"black on {COLOURS[kind]}"
