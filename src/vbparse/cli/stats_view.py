"""The tables of ``vbparse stats``, drawn from its JSON report (``docs/stats.md``).

On a terminal they are rich tables; anywhere else (a pipe, a file) plain aligned text
without colours, boxes or wrapping, so that ``grep`` and ``diff`` work on it.
"""

from __future__ import annotations

import io
from collections.abc import Iterator, Sequence
from typing import Any, TextIO

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

# Wide enough that a plain report never wraps a long issuer name.
_PLAIN_WIDTH = 1000
# Columns of words, aligned left; the others hold counts, aligned right.
_TEXT_COLUMNS = {"under", "type", "in corpus"}


def write_tables(report: dict[str, Any], out: TextIO, *, terminal: bool) -> None:
    if terminal:
        _draw(report, Console(file=out, force_terminal=True, highlight=False, emoji=False))
        return
    drawn = io.StringIO()
    console = Console(
        file=drawn, color_system=None, width=_PLAIN_WIDTH, highlight=False, emoji=False
    )
    _draw(report, console, plain=True)
    # Cells are padded to their column's width: trailing blanks would only get in the way.
    out.writelines(line.rstrip() + "\n" for line in drawn.getvalue().splitlines())


def _draw(report: dict[str, Any], console: Console, *, plain: bool = False) -> None:
    console.print(Text(_summary(report), style="bold"))
    for title, table in _tables(report):
        console.print()
        # A title of its own, not the table's: a table's title wraps at the table's width.
        console.print(Text(title, style="bold"))
        if table.row_count == 0:
            console.print("  none")
            continue
        if plain:
            table.box, table.pad_edge = None, False
        console.print(table)


def _summary(report: dict[str, Any]) -> str:
    counts = [
        _plural(report["files"], "file"),
        _plural(report["documents"], "document"),
        _plural(report["errors"], "error"),
    ]
    if report["linked"]:
        counts.append(f"{_plural(report['duplicates'], 'copy', 'copies')} (linked)")
    return ", ".join(counts)


def _tables(report: dict[str, Any]) -> Iterator[tuple[str, Table]]:
    documents = report["documents"]
    yield _table(
        "Documents by type",
        ("type", "documents", "share"),
        [
            (r["doc_type"] or "(none)", r["documents"], _percent(r["documents"], documents))
            for r in report["by_type"]
        ],
    )
    shown = sum(1 for r in report["by_issuer"] if r["name"] is not None)
    yield _table(
        f"Documents by issuer (top {shown} of {report['distinct_issuers']})",
        ("issuer", "under", "documents"),
        [
            (r["name"] or "(no issuer)", r["parent"] or "", r["documents"])
            for r in report["by_issuer"]
        ],
    )
    yield _table(
        "Documents by year",
        ("year", "documents"),
        [(r["year"] or "(no date)", r["documents"]) for r in report["by_year"]],
    )
    yield _table(
        "Documents by system",
        ("system", "documents"),
        [(r["system"] or "(unknown)", r["documents"]) for r in report["by_system"]],
    )
    yield _table(
        "Field coverage",
        ("field", "documents", "share"),
        [
            (name, c["documents"], _percent(c["documents"], documents))
            for name, c in report["coverage"].items()
        ],
    )
    yield _table(
        "Warnings",
        ("code", "count", "documents"),
        [(r["code"], r["count"], r["documents"]) for r in report["warnings"]],
    )
    yield _most_cited(report)


def _most_cited(report: dict[str, Any]) -> tuple[str, Table]:
    citations = report["citations"]
    title = (
        f"Most-cited documents (top {len(report['most_cited'])} of "
        f"{citations['distinct_numbers']} numbers; {citations['total']} citations, "
        f"{citations['numbered']} with a number)"
    )
    columns: tuple[str, ...] = ("number", "type", "cited by")
    rows: list[tuple[object, ...]] = [
        (r["number"], r["doc_type"] or "", r["citing_documents"]) for r in report["most_cited"]
    ]
    if report["linked"]:  # whether each is in the corpus is only known from linking
        columns += ("in corpus",)
        rows = [
            (*row, "yes" if r["in_corpus"] else "no")
            for row, r in zip(rows, report["most_cited"], strict=True)
        ]
    return _table(title, columns, rows)


def _table(
    title: str, columns: tuple[str, ...], rows: Sequence[tuple[object, ...]]
) -> tuple[str, Table]:
    table = Table(box=box.SIMPLE_HEAD, show_edge=False)
    for index, column in enumerate(columns):
        left = index == 0 or column in _TEXT_COLUMNS  # the first column names the row
        table.add_column(column, justify="left" if left else "right")
    for row in rows:
        # Text, not str: a name holding '[' must not be read as rich markup.
        table.add_row(*(Text(str(cell)) for cell in row))
    return title, table


def _percent(n: int, total: int) -> str:
    return f"{100 * n / total:.1f}%" if total else "-"


def _plural(n: int, noun: str, plural: str | None = None) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {plural or noun + 's'}"
