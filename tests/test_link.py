"""Linking: works and copies, citation targets under the three identity rules, cited_by.

The seed cases come from the dumps themselves (read in ``../shared/corpus/texts``):
``000`` holds the letter 4614/VP-KGVX with the 4162/VPCP-TKBT it forwards attached, and
``001`` is another copy of 4162/VPCP-TKBT; ``002`` is the Party letter 17-CV/ĐU with
176-CV/TU attached; 07-KL/TW, 15/CT-TTg and 16/CT-TTg are cited but not in the seeds.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest
from typer.testing import CliRunner

from factories import citing_record
from vbparse.cli import app
from vbparse.link import Candidate, choose, family_of, link_on_disk, link_records, number_key
from vbparse.models import Citation, Record
from vbparse.pipeline import parse_bytes

TEXTS = Path(__file__).parents[2] / "shared" / "corpus" / "texts"
SEEDS = sorted(TEXTS.glob("00[0-4]_*.txt"))
needs_seeds = pytest.mark.skipif(not SEEDS, reason="the dev corpus (../shared) is not here")


# ------------------------------------------------------------------- records by hand


doc = citing_record


def linked(*records: Record) -> dict[str, Record]:
    return {r.id: r for r in link_records(records)}


def targets(record: Record) -> list[str | None]:
    return [c.target for c in record.citations]


# ------------------------------------------------------------------- keys and families


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("118/2025/NĐ-CP", "118/2025/NĐCP"),  # a dropped dash
        ("118/2025/NĐ-CP", "118/2025/ND-CP"),  # lost diacritics
        ("07-KL/TW", "07-kl/tw"),
        ("4162/VPCP-TKBT", "4162/VPCP–TKBT"),  # an en dash
        ("07-KL/TW", "7-KL/TW"),  # the leading zero left out
    ],
)
def test_printings_of_one_number_share_a_key(a: str, b: str) -> None:
    assert number_key(a) == number_key(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [("07-KL/TW", "70-KL/TW"), ("15/CT-TTg", "16/CT-TTg"), ("1/2021/TT-BTC", "12/021/TT-BTC")],
)
def test_different_numbers_differ(a: str, b: str) -> None:
    assert number_key(a) != number_key(b)


@pytest.mark.parametrize(
    ("number", "family"),
    [
        ("23/2021/QĐ-TTg", "normative"),
        ("59/2020/QH14", "normative"),
        ("4162/VPCP-TKBT", "state"),
        ("15/CT-TTg", "state"),
        ("07-KL/TW", "party"),
        ("176-CV/TU", "party"),
    ],
)
def test_family(number: str, family: str) -> None:
    assert family_of(number) == family


# ------------------------------------------------------------------- choosing a target


def cand(rid: str, date: str | None, work: str | None = None) -> Candidate:
    return Candidate(rid, date, work or f"wk-{rid}", rid)


def cite(number: str, date: str | None = None) -> Citation:
    return Citation(number=number, doc_type=None, date=date, text=number, span=(0, 1))


CITING = doc("citing", "9/UBND-VP", "2021-07-01")


@pytest.mark.parametrize(
    ("citation", "candidates", "target", "ambiguous"),
    [
        # normative: the number holds the year, so it alone decides
        (cite("23/2021/QĐ-TTg"), [cand("q", "2021-07-07")], "q", ()),
        (cite("23/2021/QĐ-TTg", "2021-07-08"), [cand("q", "2021-07-07")], "q", ()),
        # state: number + year, the year from the citation's date
        (
            cite("15/CT-TTg", "2020-03-27"),
            [cand("a", "2020-03-27"), cand("b", "2021-05-02")],
            "a",
            (),
        ),
        (
            cite("15/CT-TTg", "2021-05-02"),
            [cand("a", "2020-03-27"), cand("b", "2021-05-02")],
            "b",
            (),
        ),
        (cite("15/CT-TTg", "2019-01-02"), [cand("a", "2020-03-27")], None, ()),
        # ... and without a year it cannot tell: no link, the candidates named
        (cite("15/CT-TTg"), [cand("a", "2020-03-27")], None, ("a",)),
        (cite("15/CT-TTg"), [cand("a", "2020-03-27"), cand("b", "2021-05-02")], None, ("a", "b")),
        # two documents of one number in one year: the exact date picks
        (
            cite("5/UBND-VP", "2021-03-04"),
            [cand("a", "2021-03-04"), cand("b", "2021-09-01")],
            "a",
            (),
        ),
        (
            cite("5/UBND-VP", "2021"),
            [cand("a", "2021-03-04"), cand("b", "2021-09-01")],
            None,
            ("a", "b"),
        ),
        # party: the nearest date within one term, never after the citing document
        (
            cite("07-KL/TW", "2021-06-11"),
            [cand("old", "2016-06-01"), cand("new", "2021-06-11")],
            "new",
            (),
        ),
        (cite("07-KL/TW"), [cand("old", "2016-06-01"), cand("new", "2021-06-11")], "new", ()),
        (cite("07-KL/TW"), [cand("later", "2022-01-05")], None, ()),
        (cite("07-KL/TW", "2021-06-11"), [cand("far", "2010-06-11")], None, ()),
        # copies of one work count once, and the canonical copy is the target
        (
            cite("23/2021/QĐ-TTg"),
            [
                Candidate("copy", "2021-07-07", "w", "orig"),
                Candidate("orig", "2021-07-07", "w", "orig"),
            ],
            "orig",
            (),
        ),
    ],
)
def test_choose(
    citation: Citation, candidates: list[Candidate], target: str | None, ambiguous: tuple[str, ...]
) -> None:
    choice = choose(citation, CITING, candidates)
    assert (choice.target, choice.ambiguous) == (target, ambiguous)


def test_a_document_never_targets_its_own_work() -> None:
    own = CITING.model_copy(update={"work_id": "wk-own"})
    candidates = [Candidate("citing", "2021-07-01", "wk-own", "citing")]
    assert choose(cite("9/UBND-VP", "2021-07-01"), own, candidates).target is None


# ------------------------------------------------------------------- works and copies


def test_copies_of_one_document_share_a_work_and_point_at_one_canonical() -> None:
    full = doc(
        "full", "4162/VPCP-TKBT", "2021-06-22", issuer="VĂN PHÒNG CHÍNH PHỦ", subject="V/v x"
    )
    bare = doc("bare", "4162/VPCP-TKBT", "2021-06-22", path="b.txt")
    citing = doc("c", "4614/VP-KGVX", "2021-06-29", cites=(("4162/VPCP-TKBT", "2021-06-22"),))
    out = linked(bare, full, citing)
    assert out["full"].work_id == out["bare"].work_id
    assert out["full"].duplicate_of is None  # the fuller copy is canonical
    assert out["bare"].duplicate_of == "full"
    assert targets(out["c"]) == ["full"]
    assert out["full"].cited_by == ("c",)
    assert out["bare"].cited_by == ()


def test_same_number_and_date_from_two_issuers_are_two_works() -> None:
    a = doc("a", "01/KH-UBND", "2021-01-04", issuer="UBND TỈNH AN GIANG")
    b = doc("b", "01/KH-UBND", "2021-01-04", issuer="UBND TỈNH BẠC LIÊU")
    unknown = doc("u", "01/KH-UBND", "2021-01-04")
    out = linked(a, b, unknown)
    assert len({out[k].work_id for k in "abu"}) == 3
    assert all(out[k].duplicate_of is None for k in "abu")


def test_same_number_other_year_is_another_work() -> None:
    out = linked(doc("a", "01/KH-UBND", "2020-01-04"), doc("b", "01/KH-UBND", "2021-01-04"))
    assert out["a"].work_id != out["b"].work_id


def test_documents_without_a_number_are_works_of_their_own() -> None:
    out = linked(doc("a", date="2021-01-04"), doc("b", date="2021-01-04"))
    assert out["a"].work_id and out["b"].work_id and out["a"].work_id != out["b"].work_id


def test_an_ambiguous_citation_is_left_unlinked_with_a_warning() -> None:
    c = doc("c", "2/UBND", "2021-05-05", cites=(("15/CT-TTg", None),))
    out = linked(c, doc("x", "15/CT-TTg", "2020-03-27"), doc("y", "15/CT-TTg", "2021-02-01"))
    assert targets(out["c"]) == [None]
    (warning,) = [w for w in out["c"].warnings if w.code == "W501"]
    assert "x" in warning.message and "y" in warning.message
    assert warning.span == out["c"].citations[0].span


def test_linking_is_independent_of_input_order() -> None:
    records = [
        doc("full", "4162/VPCP-TKBT", "2021-06-22", issuer="VPCP", subject="s"),
        doc("bare", "4162/VPCP-TKBT", "2021-06-22", path="b.txt"),
        doc("c", "4614/VP-KGVX", "2021-06-29", cites=(("4162/VPCP-TKBT", "2021-06-22"),)),
    ]
    forward = {r.id: r for r in link_records(records)}
    backward = {r.id: r for r in link_records(reversed(records))}
    assert forward == backward


def test_on_disk_and_in_memory_linking_agree() -> None:
    records = [
        doc("full", "4162/VPCP-TKBT", "2021-06-22", issuer="VPCP", subject="s"),
        doc("bare", "4162/VPCP-TKBT", "2021-06-22", path="b.txt"),
        doc("c", "4614/VP-KGVX", "2021-06-29", cites=(("4162/VPCP-TKBT", "2021-06-22"),)),
    ]
    assert list(link_on_disk(records)) == link_records(records)


# ------------------------------------------------------------------- the seeds


@cache
def seed_records() -> dict[str, list[Record]]:
    """Linked seed records by number value."""
    records = [r for path in SEEDS for r in parse_bytes(path.read_bytes(), source=path.name)]
    by_number: dict[str, list[Record]] = {}
    for record in link_records(records):
        by_number.setdefault(record.number.value if record.number else "", []).append(record)
    return by_number


def cited(record: Record, number: str) -> Citation:
    (citation,) = [c for c in record.citations if c.number == number]
    return citation


@needs_seeds
def test_seed_4614_links_to_one_canonical_copy_of_4162() -> None:
    seeds = seed_records()
    copies = seeds["4162/VPCP-TKBT"]
    assert sorted(c.source.path[:3] for c in copies) == ["000", "001"]
    assert copies[0].work_id == copies[1].work_id
    (canonical,) = [c for c in copies if c.duplicate_of is None]
    (copy,) = [c for c in copies if c.duplicate_of is not None]
    assert copy.duplicate_of == canonical.id
    (letter,) = seeds["4614/VP-KGVX"]
    assert cited(letter, "4162/VPCP-TKBT").target == canonical.id
    assert canonical.cited_by == (letter.id,)


@needs_seeds
def test_seed_17_cv_du_links_to_176_cv_tu() -> None:
    seeds = seed_records()
    (letter,) = seeds["17-CV/ĐU"]
    (forwarded,) = seeds["176-CV/TU"]
    citation = cited(letter, "176-CV/TU")
    assert citation.target == forwarded.id
    assert forwarded.cited_by == (letter.id,)


@needs_seeds
@pytest.mark.parametrize("number", ["07-KL/TW", "15/CT-TTg", "16/CT-TTg", "63/NQ-CP"])
def test_seed_citations_of_absent_documents_stay_unlinked(number: str) -> None:
    citing = [
        c
        for records in seed_records().values()
        for r in records
        for c in r.citations
        if c.number == number
    ]
    assert citing and all(c.target is None for c in citing)


# ------------------------------------------------------------------- the command


@needs_seeds
def test_extract_links_by_default_and_not_with_no_link() -> None:
    runner = CliRunner()
    paths = [str(p) for p in SEEDS]
    linked_out = [
        json.loads(x) for x in runner.invoke(app, ["extract", *paths]).stdout.splitlines()
    ]
    plain_out = [
        json.loads(x)
        for x in runner.invoke(app, ["extract", "--no-link", *paths]).stdout.splitlines()
    ]
    assert len(linked_out) == len(plain_out) == 7
    assert all(r["work_id"] for r in linked_out)
    assert sum(c["target"] is not None for r in linked_out for c in r["citations"]) == 2
    assert all(
        r["work_id"] is None
        and r["cited_by"] == []
        and all(c["target"] is None for c in r["citations"])
        for r in plain_out
    )
    # linking adds only its own keys: the rest of every record is unchanged
    link_keys = {"work_id", "duplicate_of", "cited_by", "citations", "warnings"}
    for a, b in zip(linked_out, plain_out, strict=True):
        assert {k: v for k, v in a.items() if k not in link_keys} == {
            k: v for k, v in b.items() if k not in link_keys
        }
