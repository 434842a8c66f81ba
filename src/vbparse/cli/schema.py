"""``vbparse schema``: the JSON Schema of one record."""

from __future__ import annotations

import json
from contextlib import suppress

from vbparse.cli.common import ReaderGone, app, output_to
from vbparse.models import Record


@app.command(epilog="Example:\n\n  vbparse schema > record.schema.json")
def schema() -> None:
    """Print the JSON Schema of one record (the shape `extract` writes)."""
    text = json.dumps(Record.model_json_schema(), indent=2, ensure_ascii=False)
    with suppress(ReaderGone), output_to(None) as out:
        out.write(text + "\n")
