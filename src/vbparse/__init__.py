"""vbparse: Vietnamese administrative and Party documents, from text dumps to records.

The library mirrors the command line::

    import vbparse
    records = vbparse.parse_text(text, source="letter.txt")  # `vbparse extract --no-link -`
    for record in vbparse.extract_path("dumps/"):  # `vbparse extract --no-link dumps/`
        print(record.number.value if record.number else None)
    linked = vbparse.link_records(vbparse.extract_path("dumps/"))  # `vbparse extract dumps/`
"""

from vbparse.link import link_records
from vbparse.models import SCHEMA_VERSION, Record
from vbparse.pipeline import extract_path, parse_bytes, parse_text

__version__ = "0.1.0"

__all__ = [
    "SCHEMA_VERSION",
    "Record",
    "__version__",
    "extract_path",
    "link_records",
    "parse_bytes",
    "parse_text",
]
