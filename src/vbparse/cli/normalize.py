"""``vbparse normalize``: a clean copy of each input's text."""

from __future__ import annotations

from contextlib import suppress
from pathlib import Path
from typing import Annotated

import typer

from vbparse.clean import ToneStyle, clean_text
from vbparse.cli.common import (
    EXIT_FAILED_INPUTS,
    Encoding,
    Globs,
    Paths,
    Tally,
    app,
    fail,
    output_to,
)
from vbparse.decode import DecodeError, decode_bytes
from vbparse.inputs import DEFAULT_GLOBS, STDIN, InputError, iter_inputs, read_input


@app.command(
    epilog=(
        "Examples:\n\n"
        "  vbparse normalize scan.txt > scan.clean.txt\n\n"
        "  vbparse normalize dumps/ --output-dir clean/ --tone-style new\n\n"
        "  cat old.txt | vbparse normalize - --encoding tcvn3"
    )
)
def normalize(
    paths: Paths,
    output_dir: Annotated[
        Path | None,
        typer.Option(
            "--output-dir",
            metavar="DIR",
            help="Write each input's clean text to DIR, under its path relative to the "
            "argument it was found in (needed for several inputs).",
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="Write the clean text of a single input here instead of standard output.",
            show_default=False,
        ),
    ] = None,
    tone_style: Annotated[
        ToneStyle,
        typer.Option(
            "--tone-style",
            help="Tone placement of open oa/oe/uy: keep as printed, old (hòa, thủy) or "
            "new (hoà, thuỷ).",
        ),
    ] = "keep",
    glob: Globs = None,
    encoding: Encoding = None,
) -> None:
    """Write a clean copy of each input's text: decoded, NFC, markup and page furniture
    gone, split words joined, tidy whitespace, and optionally one tone placement.

    Records from `extract` keep pointing into the original decoded text, not this copy.
    """
    tally = Tally()
    items = []
    for root in paths:
        found = [(root, item) for item in iter_inputs([root], glob)]
        if not found:
            fail(tally, root, f"no files matching {' '.join(glob or DEFAULT_GLOBS)}")
        items += found
    if output_dir is None and len(items) > 1:
        raise typer.BadParameter(
            f"{len(items)} inputs: give --output-dir to write one clean file each",
            param_hint="'--output-dir'",
        )
    if output_dir is not None and output is not None:
        raise typer.BadParameter("give --output or --output-dir, not both")
    for root, item in items:
        tally.files += 1
        try:
            decoded = decode_bytes(read_input(item), encoding=encoding)
            text = clean_text(decoded.text, tone_style=tone_style)
        except (InputError, DecodeError) as error:
            fail(tally, item, error.reason)
            continue
        target = output if output_dir is None else output_dir / _relative_to(item, root)
        if target is not None:
            with suppress(OSError):  # an unwritable place is reported by output_to
                target.parent.mkdir(parents=True, exist_ok=True)
        with output_to(target) as out:
            out.write(text)
    if tally.errors:
        raise typer.Exit(EXIT_FAILED_INPUTS)


def _relative_to(item: str, root: str) -> Path:
    """Where ``item`` found under the argument ``root`` goes in an output directory."""
    if item == STDIN:
        return Path("stdin.txt")
    path, base = Path(item), Path(root)
    if path == base or not path.is_relative_to(base):
        return Path(path.name)
    return path.relative_to(base)
