"""The command line: options in, API calls, writers out.

Exit codes: 0 every input parsed, 1 some inputs failed (each reported on one stderr
line), 2 usage error, 3 output could not be written, 130 interrupted.

``common`` holds the app and what every command shares; each command lives in its own
module, imported here so that it registers itself on the app.
"""

from vbparse.cli import check, extract, graph, lint, normalize, schema, show, stats  # noqa: F401  (they register commands)
from vbparse.cli.common import app, main

__all__ = ["app", "main"]
