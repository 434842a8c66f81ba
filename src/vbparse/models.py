"""The record models: the public contract of ``docs/record.md``.

Every model is frozen: a record is a value, built once by the pipeline and never
mutated afterwards (linking builds new records with ``model_copy``).  Every span is
``(start, end)`` in character offsets of the *decoded source text*, so that
``source_text[start:end]`` is the raw text a value was read from.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "1.1"

Span = tuple[int, int]
System = Literal["state", "party", "union"]
Authority = Literal["TM", "KT", "TL", "TUQ", "Q"]
# How a citing document relates to the one it cites, read from the words around the
# citation (docs/record.md lists the cue words of each).
Relation = Literal[
    "legal_basis",
    "implements",
    "amends",
    "replaces",
    "repeals",
    "guides",
    "attached_to",
    "forwards",
    "reference",
]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Source(_Frozen):
    path: str = Field(description="the input file as given ('-' for stdin)")
    index: int = Field(description="0-based position of this document in its file")
    span: Span = Field(description="the document's span in the decoded file")
    sha256: str = Field(description="hash of the file's bytes")
    encoding: str = Field(default="utf-8", description="the encoding the bytes were decoded with")
    encoding_confidence: float = Field(
        default=1.0,
        ge=0.0,
        le=1.0,
        description="how sure the detection was: 1.0 for a BOM, strict UTF-8 or --encoding; "
        "less for an encoding told by scoring the text (legacy fonts, mojibake)",
    )


class Issuer(_Frozen):
    name: str | None = Field(description="issuing body as printed in the header")
    parent: str | None = Field(default=None, description="the body printed above it")
    span: Span


class Number(_Frozen):
    value: str = Field(description="canonical number and symbol: no spaces, '-' dashes, Đ fixed")
    raw: str = Field(description="as printed")
    serial: str | None = Field(description="the running number; null when left blank")
    year: int | None = Field(description="year written inside the number (normative documents)")
    type_code: str | None = Field(description="document-type code (QĐ, NQ, CV, …)")
    issuer_code: str | None = Field(description="issuing body code (UBND, TU, VPCP, …)")
    unit_code: str | None = Field(description="drafting unit or second body (KGVX, TKBT, …)")
    grammar: Literal["administrative", "normative", "party", "other"] = Field(
        description="which number grammar it follows"
    )
    span: Span


class Marks(_Frozen):
    secrecy: str | None = None
    urgency: str | None = None
    circulation: str | None = None


class Item(_Frozen):
    """One entry of a list field (a recipient or a distribution line)."""

    text: str
    span: Span


class ChainLink(_Frozen):
    authority: Authority
    on_behalf_of: str | None
    span: Span


class Signature(_Frozen):
    chain: tuple[ChainLink, ...] = ()
    title: str | None = None
    signer: str | None = None
    span: Span = Field(description="the whole signature block")
    title_span: Span | None = None
    signer_span: Span | None = None


class Footnote(_Frozen):
    mark: str = Field(description="the mark as a digit string")
    text: str
    span: Span


class Citation(_Frozen):
    number: str | None = Field(
        description="canonical number, like number.value; null for a law by name"
    )
    doc_type: str | None = Field(description="type as the citation says, sentence case")
    date: str | None = Field(description="ISO date (or YYYY-MM, YYYY) the citation carries")
    issuer: str | None = Field(default=None, description="issuing body named after 'của'")
    title: str | None = Field(default=None, description="the name of a law cited by name")
    text: str = Field(description="the citation as printed")
    span: Span
    relation: Relation = Field(
        default="reference", description="what the citing document does with the cited one"
    )
    target: str | None = Field(
        default=None, description="id of the cited record when linking found it in the corpus"
    )


class ParseWarning(_Frozen):
    code: str = Field(description="stable code, e.g. W101")
    message: str
    span: Span | None = None


class FieldSpans(_Frozen):
    """Spans of the scalar fields whose values are plain strings."""

    doc_type: Span | None = None
    place: Span | None = None
    date: Span | None = None
    subject: Span | None = None
    marks: tuple[Span, ...] = ()


class Record(_Frozen):
    schema_version: str = SCHEMA_VERSION
    id: str = Field(description="stable id: same input, same id")
    source: Source
    system: System | None = None
    issuer: Issuer | None = None
    number: Number | None = None
    doc_type: str | None = None
    place: str | None = None
    date: str | None = Field(default=None, description="ISO date; YYYY-MM or YYYY when partial")
    subject: str | None = None
    marks: Marks = Marks()
    recipients: tuple[Item, ...] = ()
    signature: Signature | None = None
    distribution: tuple[Item, ...] = ()
    footnotes: tuple[Footnote, ...] = ()
    citations: tuple[Citation, ...] = ()
    warnings: tuple[ParseWarning, ...] = ()
    spans: FieldSpans = FieldSpans()
    # Set by linking (null / empty with --no-link): see docs/record.md, "Linking".
    work_id: str | None = Field(
        default=None, description="shared by every copy of one document found in the run"
    )
    duplicate_of: str | None = Field(
        default=None, description="id of the canonical record when this one is a copy"
    )
    cited_by: tuple[str, ...] = Field(
        default=(), description="ids of the records whose citations target this one"
    )
