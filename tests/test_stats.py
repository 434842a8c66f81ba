"""``vbparse stats``: the accumulator, the records reader, the command.

The seed-file expectations were read off the texts ``../shared/corpus/texts/000_*`` to
``004_*``: 000 holds the province office's letter 4614/VP-KGVX and, below it, the
government letter 4162/VPCP-TKBT it forwards; 001 is another copy of 4162/VPCP-TKBT
alone, cut after its ``Nơi nhận`` (no signature); 002 holds the Party letter 17-CV/ĐU and
the provincial committee's 176-CV/TU it forwards; 003 is 1507/UBND-TH, headed by its
number (no issuer printed) with four footnotes; 004 is 203-CV/TU.  Seven documents, all
letters (công văn) of 2021.  07-KL/TW is cited by both copies of 4162/VPCP-TKBT and by
176-CV/TU and is not itself in the seeds; 4162/VPCP-TKBT is cited by 4614/VP-KGVX and
176-CV/TU by 17-CV/ĐU, both in the seeds.
"""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import vbparse.record_files
from vbparse.cli import app
from vbparse.cli.stats_view import write_tables
from vbparse.emit import write_records
from vbparse.issuer_names import issuer_key, tidy
from vbparse.link import link_records
from vbparse.models import Citation, Issuer, ParseWarning, Record, Signature, Source
from vbparse.pipeline import parse_bytes
from vbparse.record_files import RecordFileError, open_record_file, read_records
from vbparse.stats import COVERAGE, Stats, summarise

TEXTS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "texts"
SEEDS = sorted(TEXTS.glob("00[0-4]_*.txt")) if TEXTS.is_dir() else []
needs_seeds = pytest.mark.skipif(len(SEEDS) != 5, reason=f"no seed texts at {TEXTS}")

runner = CliRunner()

# --------------------------------------------------------------------------- helpers


def record(index: int = 0, **fields: Any) -> Record:
    """A record with nothing found but what ``fields`` says."""
    source = Source(path="r.txt", index=index, span=(0, 1), sha256="0" * 64)
    return Record(id=f"r.txt#{index}", source=source, **fields)


def cite(number: str | None, doc_type: str | None = None, target: str | None = None) -> Citation:
    text = number or "Luật Đất đai"
    return Citation(
        number=number, doc_type=doc_type, date=None, text=text, span=(0, 1), target=target
    )


def issuer(name: str | None, parent: str | None = None) -> Issuer:
    return Issuer(name=name, parent=parent, span=(0, 1))


def issuer_rows(stats: Stats, top: int = 10) -> list[tuple[str | None, str | None, int]]:
    return [(r["name"], r["parent"], r["documents"]) for r in stats.to_dict(top)["by_issuer"]]


def stats_json(*args: str, stdin: str | None = None) -> dict[str, Any]:
    result = runner.invoke(app, ["stats", "-j", "1", "--format", "json", *args], input=stdin)
    assert result.exit_code == 0, result.stderr
    report: dict[str, Any] = json.loads(result.stdout)
    return report


# --------------------------------------------------------------------------- accumulator


def test_coverage_counts_the_documents_having_each_field() -> None:
    stats = summarise(
        [
            record(0, doc_type="Công văn", subject="V/v họp", date="2021-06-29"),
            record(1, doc_type="Quyết định", signature=Signature(span=(0, 1))),
            record(2, signature=Signature(signer="Trần Văn Sơn", span=(0, 1))),
            record(3, issuer=issuer(None, "BỘ TÀI CHÍNH")),  # a parent alone is no issuer
        ]
    )
    coverage = stats.to_dict()["coverage"]
    assert list(coverage) == list(COVERAGE)
    assert {name: c["documents"] for name, c in coverage.items() if c["documents"]} == {
        "doc_type": 2,
        "subject": 1,
        "date": 1,
        "signature": 2,  # a closing without a name is still a signature
        "signer": 1,
    }
    assert coverage["doc_type"]["share"] == 0.5
    assert coverage["number"]["share"] == 0.0


def test_an_empty_corpus_has_no_shares_and_empty_lists() -> None:
    summary = Stats().to_dict()
    assert summary["documents"] == 0
    assert {c["share"] for c in summary["coverage"].values()} == {None}
    assert summary["by_type"] == summary["by_issuer"] == summary["most_cited"] == []


@pytest.mark.parametrize(
    ("dates", "expected"),
    [
        (["2021-06-29", "2021-06", "2021"], [(2021, 3)]),  # partial dates keep their year
        ([None, "2025-01-02", "2008-12-31"], [(2008, 1), (2025, 1), (None, 1)]),
    ],
)
def test_years_in_order_with_the_undated_last(
    dates: list[str | None], expected: list[tuple[int | None, int]]
) -> None:
    stats = summarise(record(i, date=d) for i, d in enumerate(dates))
    assert [(r["year"], r["documents"]) for r in stats.to_dict()["by_year"]] == expected


def test_types_and_systems_most_frequent_first_missing_last_among_ties() -> None:
    stats = summarise(
        [
            record(0, doc_type="Quyết định", system="state"),
            record(1, system="party"),
            record(2, doc_type="Công văn", system="party"),
            record(3, doc_type="Công văn"),
        ]
    )
    summary = stats.to_dict()
    assert [(r["doc_type"], r["documents"]) for r in summary["by_type"]] == [
        ("Công văn", 2),
        ("Quyết định", 1),
        (None, 1),
    ]
    assert [(r["system"], r["documents"]) for r in summary["by_system"]] == [
        ("party", 2),
        ("state", 1),
        (None, 1),
    ]


def test_warnings_by_code_count_occurrences_and_documents() -> None:
    def warned(index: int, *codes: str) -> Record:
        return record(index, warnings=tuple(ParseWarning(code=c, message="m") for c in codes))

    stats = summarise([warned(0, "W121", "W121"), warned(1, "W121", "W101"), warned(2)])
    assert stats.to_dict()["warnings"] == [
        {"code": "W101", "count": 1, "documents": 1},
        {"code": "W121", "count": 3, "documents": 2},
    ]


def test_a_number_cited_again_by_one_document_counts_once() -> None:
    stats = summarise(
        [
            record(0, citations=(cite("07-KL/TW", "Kết luận"), cite("07-KL/TW"), cite(None))),
            record(1, citations=(cite("07-KL/TW"), cite("176-CV/TU", "Công văn"))),
        ]
    )
    summary = stats.to_dict()
    assert summary["citations"] == {"total": 5, "numbered": 4, "targeted": 0, "distinct_numbers": 2}
    assert summary["most_cited"] == [
        {"number": "07-KL/TW", "doc_type": "Kết luận", "citing_documents": 2, "in_corpus": None},
        {"number": "176-CV/TU", "doc_type": "Công văn", "citing_documents": 1, "in_corpus": None},
    ]


def test_top_bounds_the_most_cited_ties_in_number_order() -> None:
    numbers = ["9/QĐ-UBND", "12/QĐ-UBND", "10/QĐ-UBND", "12/QĐ-UBND"]
    stats = summarise(record(i, citations=(cite(n),)) for i, n in enumerate(numbers))
    cited = [(r["number"], r["citing_documents"]) for r in stats.to_dict(top=2)["most_cited"]]
    assert cited == [("12/QĐ-UBND", 2), ("10/QĐ-UBND", 1)]
    assert stats.to_dict(top=0)["most_cited"] == []


def test_linked_records_say_which_cited_numbers_are_in_the_corpus() -> None:
    stats = summarise(
        [
            record(0, work_id="w0", citations=(cite("4162/VPCP-TKBT", target="r.txt#1"),)),
            record(1, work_id="w1", citations=(cite("07-KL/TW"),)),
            record(2, work_id="w1", duplicate_of="r.txt#1", citations=(cite("07-KL/TW"),)),
        ]
    )
    summary = stats.to_dict()
    assert (summary["linked"], summary["duplicates"]) == (True, 1)
    assert [
        (r["number"], r["citing_documents"], r["in_corpus"]) for r in summary["most_cited"]
    ] == [
        ("07-KL/TW", 2, False),
        ("4162/VPCP-TKBT", 1, True),
    ]
    assert summary["citations"]["targeted"] == 1


# --------------------------------------------------------------------------- issuers


@pytest.mark.parametrize(
    ("printings", "expected"),
    [
        # One body: OCR lost the accents, added debris, dropped the parent line.
        (
            [
                ("SỞ Y TẾ", "UBND TỈNH KIÊN GIANG"),
                ("SƠ Y TE", "UBND TỈNH KIÊN GIANG _"),
                ("SỞ Y TẾ", None),
            ],
            [("SỞ Y TẾ", "UBND TỈNH KIÊN GIANG", 3)],
        ),
        # One generic name under two parents: two bodies; the parentless copy stands apart.
        (
            [
                ("VĂN PHÒNG", "UBND TỈNH KIÊN GIANG"),
                ("VĂN PHÒNG", "BAN CHẤP HÀNH TRUNG ƯƠNG"),
                ("VĂN PHÒNG", None),
            ],
            [
                ("VĂN PHÒNG", "BAN CHẤP HÀNH TRUNG ƯƠNG", 1),
                ("VĂN PHÒNG", "UBND TỈNH KIÊN GIANG", 1),
                ("VĂN PHÒNG", None, 1),
            ],
        ),
        # Abbreviated or spelled out; spaced out by OCR: the best printing is shown.
        (
            [("UBND TỈNH HÀ TĨNH", None), ("ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH", None)],
            [("ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH", None, 2)],
        ),
        (
            [
                ("B Ộ LAO ĐỘNG - THƯƠNG BINH V À X Ã HỘI", None),
                ("BỘ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI", None),
            ],
            [("BỘ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI", None, 2)],
        ),
    ],
)
def test_issuers_are_folded_with_the_parent_that_tells_them_apart(
    printings: list[tuple[str, str | None]], expected: list[tuple[str, str | None, int]]
) -> None:
    stats = summarise(record(i, issuer=issuer(*p)) for i, p in enumerate(printings))
    assert issuer_rows(stats) == expected


def test_documents_without_an_issuer_are_the_last_row_outside_the_top() -> None:
    printings = [None, None, None, "BỘ Y TẾ", "BỘ Y TẾ", "BỘ NỘI VỤ"]
    stats = summarise(
        record(i, issuer=issuer(name) if name else None) for i, name in enumerate(printings)
    )
    assert issuer_rows(stats, top=1) == [("BỘ Y TẾ", None, 2), (None, None, 3)]
    assert stats.to_dict(top=1)["distinct_issuers"] == 2


@pytest.mark.parametrize(
    ("printed", "key", "shown"),
    [
        ("SỞ Y TẾ", "soyte", "SỞ Y TẾ"),
        ("  SƠ Y   TE _", "soyte", "SƠ Y TE"),
        ("UBND TỈNH KIÊN GIANG ˆ", "uybannhandantinhkiengiang", "UBND TỈNH KIÊN GIANG"),
        (
            "BẢO HIỂM XÃ HỘI TP. HỒ CHÍ MINH",
            "baohiemxahoithanhphohochiminh",
            "BẢO HIỂM XÃ HỘI TP. HỒ CHÍ MINH",
        ),
        ("SỞ Y TẾ (DỰ ÁN)", "soyteduan", "SỞ Y TẾ (DỰ ÁN)"),
        (": _ –", None, ""),
    ],
)
def test_issuer_key_and_tidy_printing(printed: str, key: str | None, shown: str) -> None:
    assert (issuer_key(printed), tidy(printed)) == (key, shown)


# --------------------------------------------------------------------------- records files

GOOD = record(0, doc_type="Công văn").model_dump_json()


@pytest.mark.parametrize(
    ("content", "count"),
    [
        ("", 0),
        ("\n\n", 0),
        (f"{GOOD}\n\n{GOOD}\n", 2),  # blank lines between records are skipped
        ("[]", 0),
        (f"[\n{GOOD},\n{GOOD}\n]\n", 2),  # extract --format json
        (json.dumps([json.loads(GOOD)] * 3, indent=2), 3),  # pretty-printed (jq)
    ],
)
def test_records_files_of_either_format_are_read(content: str, count: int) -> None:
    assert len(list(read_records(io.StringIO(content)))) == count


def test_a_byte_order_mark_is_skipped(tmp_path: Path) -> None:
    path = tmp_path / "bom.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + GOOD.encode("utf-8"))
    with open_record_file(str(path)) as stream:
        assert len(list(read_records(stream))) == 1


def test_an_array_is_read_across_chunk_boundaries(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(vbparse.record_files, "_CHUNK", 7)
    content = json.dumps([json.loads(GOOD)] * 3, indent=2)
    assert [r.doc_type for r in read_records(io.StringIO(content))] == ["Công văn"] * 3


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ("garbage\n", "line 1: not valid JSON (expected value)"),
        (f"{GOOD}\n\n{{}}\n", "line 3: not a vbparse record (id: Field required)"),
        (f"{GOOD}\n{GOOD[:40]}", "line 2: not valid JSON (EOF while parsing a string)"),
        ('{"a": 1}', "line 1: not a vbparse record (id: Field required)"),
        (f"[{GOOD},\n\n{{}}]", "line 3: not a vbparse record (id: Field required)"),
        (f"[{GOOD}", "line 1: expected ',' or ']' after a record"),
        (f"[{GOOD}] x", "line 1: more data after the array"),
        (
            "[1]",
            "line 1: not a vbparse record (record: Input should be a valid dictionary or "
            "instance of Record)",
        ),
    ],
)
def test_the_first_bad_line_stops_the_file_with_its_number(content: str, reason: str) -> None:
    with pytest.raises(RecordFileError) as caught:
        list(read_records(io.StringIO(content)))
    assert caught.value.reason == reason


def test_a_line_longer_than_the_limit_is_refused_unread() -> None:
    with pytest.raises(RecordFileError, match=r"line 1: record too long \(> 100 characters\)"):
        list(read_records(io.StringIO("x" * 10_000), max_chars=100))


# --------------------------------------------------------------------------- the seed texts


# Every number the seeds cite is listed: 14 of them (see test_seed_most_cited).
SEED_TOP = ("--top", "20")


@pytest.fixture(scope="module")
def seeds_report() -> dict[str, Any]:
    if len(SEEDS) != 5:
        pytest.skip(f"no seed texts at {TEXTS}")
    return stats_json(*SEED_TOP, *map(str, SEEDS))


@pytest.fixture(scope="module")
def seed_records() -> str:
    """The seeds' records as ``extract`` writes them: parsed, linked, one JSON a line."""
    if len(SEEDS) != 5:
        pytest.skip(f"no seed texts at {TEXTS}")
    parsed = (r for path in SEEDS for r in parse_bytes(path.read_bytes(), source=str(path)))
    out = io.StringIO()
    write_records(link_records(parsed), out, "jsonl")
    return out.getvalue()


@needs_seeds
def test_seed_counts(seeds_report: dict[str, Any]) -> None:
    report = seeds_report
    assert (report["files"], report["documents"], report["errors"]) == (5, 7, 0)
    assert (report["linked"], report["duplicates"]) == (True, 1)  # 001 is a copy of 4162
    assert report["by_type"] == [{"doc_type": "Công văn", "documents": 7}]
    assert report["by_year"] == [{"year": 2021, "documents": 7}]
    assert report["by_system"] == [
        {"system": "state", "documents": 4},  # 4614, 4162 twice, 1507
        {"system": "party", "documents": 3},  # 17-CV/ĐU, 176-CV/TU, 203-CV/TU
    ]
    coverage = {name: c["documents"] for name, c in report["coverage"].items()}
    assert (coverage["number"], coverage["signature"], coverage["footnotes"]) == (7, 6, 1)


@needs_seeds
def test_seed_issuers(seeds_report: dict[str, Any]) -> None:
    assert [(r["name"], r["parent"], r["documents"]) for r in seeds_report["by_issuer"]] == [
        ("TỈNH ỦY KIÊN GIANG", None, 2),
        ("ĐẢNG ỦY Y TẾ", "ĐẢNG BỘ HUYỆN GÒ QUAO", 1),
        ("VĂN PHÒNG", "UBND TỈNH KIÊN GIANG", 1),
        (None, None, 3),  # both copies of 4162/VPCP-TKBT and 1507/UBND-TH print none
    ]


@needs_seeds
def test_seed_most_cited(seeds_report: dict[str, Any]) -> None:
    assert seeds_report["most_cited"][0] == {
        "number": "07-KL/TW",
        "doc_type": "Kết luận",
        "citing_documents": 3,
        "in_corpus": False,
    }
    # 003 cites nine numbers, 004 two (15/CT-TTg, 16/CT-TTg), the others one each.
    assert seeds_report["citations"]["distinct_numbers"] == 14
    cited = {
        r["number"]: (r["citing_documents"], r["in_corpus"]) for r in seeds_report["most_cited"]
    }
    assert len(cited) == 14
    assert cited["4162/VPCP-TKBT"] == cited["176-CV/TU"] == (1, True)
    assert cited["15/CT-TTg"] == cited["16/CT-TTg"] == (1, False)


@needs_seeds
def test_without_linking_nothing_is_known_of_copies_or_targets() -> None:
    report = stats_json("--no-link", *map(str, SEEDS))
    assert (report["linked"], report["duplicates"], report["documents"]) == (False, 0, 7)
    assert {r["in_corpus"] for r in report["most_cited"]} == {None}


@needs_seeds
@pytest.mark.parametrize("layout", ["jsonl", "json", "pretty"])
def test_records_give_the_report_their_texts_give(
    layout: str, seeds_report: dict[str, Any], seed_records: str, tmp_path: Path
) -> None:
    values = [json.loads(line) for line in seed_records.splitlines()]
    content = {
        "jsonl": seed_records,
        "json": "[\n" + ",\n".join(seed_records.splitlines()) + "\n]\n",  # --format json
        "pretty": json.dumps(values, indent=2, ensure_ascii=False),  # jq .
    }[layout]
    path = tmp_path / f"records.{'jsonl' if layout == 'jsonl' else 'json'}"
    path.write_text(content, encoding="utf-8")

    from_records = stats_json(*SEED_TOP, str(path))
    assert from_records["files"] == 1
    assert {**from_records, "files": 5} == seeds_report


@needs_seeds
def test_records_on_standard_input(seeds_report: dict[str, Any], seed_records: str) -> None:
    from_stdin = stats_json(*SEED_TOP, "--records", "-", stdin=seed_records)
    assert {**from_stdin, "files": 5} == seeds_report


# --------------------------------------------------------------------------- the report

TOP_KEYS = [
    "stats_version", "files", "errors", "documents", "duplicates", "linked", "by_type",
    "by_issuer", "distinct_issuers", "by_year", "by_system", "coverage", "warnings",
    "citations", "most_cited",
]  # fmt: skip


def test_json_report_keys_are_the_documented_ones(tmp_path: Path) -> None:
    rich = record(
        0,
        doc_type="Công văn",
        system="state",
        date="2021-06-29",
        issuer=issuer("SỞ Y TẾ", "UBND TỈNH KIÊN GIANG"),
        warnings=(ParseWarning(code="W121", message="m"),),
        citations=(cite("07-KL/TW", "Kết luận"),),
        work_id="w0",
    )
    path = tmp_path / "one.jsonl"
    path.write_text(rich.model_dump_json() + "\n", encoding="utf-8")
    report = stats_json(str(path))
    assert list(report) == TOP_KEYS
    assert report["stats_version"] == 1
    rows = {
        "by_type": ["doc_type", "documents"],
        "by_issuer": ["name", "parent", "documents"],
        "by_year": ["year", "documents"],
        "by_system": ["system", "documents"],
        "warnings": ["code", "count", "documents"],
        "most_cited": ["number", "doc_type", "citing_documents", "in_corpus"],
    }
    for key, columns in rows.items():
        assert [list(row) for row in report[key]] == [columns], key
    assert list(report["coverage"]) == list(COVERAGE)
    assert {tuple(c) for c in report["coverage"].values()} == {("documents", "share")}
    assert list(report["citations"]) == ["total", "numbered", "targeted", "distinct_numbers"]


@needs_seeds
def test_plain_tables_when_not_a_terminal() -> None:
    result = runner.invoke(app, ["stats", "-j", "1", *map(str, SEEDS)])
    assert (result.exit_code, result.stderr) == (0, "")
    lines = result.stdout.splitlines()
    assert lines[0] == "5 files, 7 documents, 0 errors, 1 copy (linked)"
    assert "\x1b" not in result.stdout
    assert all(line == line.rstrip() for line in lines)
    assert ["07-KL/TW", "Kết", "luận", "3", "no"] in [line.split() for line in lines]


def test_terminal_tables_are_drawn_and_names_are_not_markup() -> None:
    report = {
        "stats_version": 1,
        "files": 1,
        "errors": 0,
        **summarise([record(0, doc_type="[red]Tờ trình[/red]")]).to_dict(),
    }
    plain, terminal = io.StringIO(), io.StringIO()
    write_tables(report, plain, terminal=False)
    write_tables(report, terminal, terminal=True)
    assert "[red]Tờ trình[/red]" in plain.getvalue()
    assert "\x1b[" in terminal.getvalue()
    assert "Warnings\n  none\n" in plain.getvalue()


# --------------------------------------------------------------------------- the command


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize(
    ("args", "exit_code"),
    [
        (["good.jsonl"], 0),
        (["good.jsonl", "missing.jsonl"], 1),
        (["--top", "-1", "good.jsonl"], 2),
        (["--format", "xml", "good.jsonl"], 2),
        (["--encoding", "no-such-codec", "good.jsonl"], 2),
        (["good.jsonl", "-o", "no/such/dir/stats.json"], 3),
    ],
)
def test_exit_codes(workdir: Path, args: list[str], exit_code: int) -> None:
    (workdir / "good.jsonl").write_text(GOOD + "\n", encoding="utf-8")
    assert runner.invoke(app, ["stats", "-j", "1", *args]).exit_code == exit_code


def test_a_failing_input_is_one_line_and_the_others_still_count(workdir: Path) -> None:
    (workdir / "bad.jsonl").write_text(f"{GOOD}\n{{}}\n{GOOD}\n", encoding="utf-8")
    (workdir / "good.jsonl").write_text(GOOD + "\n", encoding="utf-8")
    result = runner.invoke(
        app, ["stats", "-j", "1", "--format", "json", "bad.jsonl", "missing.txt", "good.jsonl"]
    )
    assert result.exit_code == 1
    assert result.stderr == (
        "vbparse: error: bad.jsonl: line 2: not a vbparse record (id: Field required)\n"
        "vbparse: error: missing.txt: no such file\n"
    )
    report = json.loads(result.stdout)
    # The record before the bad line was read; the file was counted once, as failed.
    assert (report["files"], report["documents"], report["errors"]) == (3, 2, 2)


def test_records_flag_reads_directories_for_records_files(workdir: Path) -> None:
    (workdir / "runs").mkdir()
    (workdir / "runs" / "a.jsonl").write_text(GOOD + "\n", encoding="utf-8")
    (workdir / "runs" / "b.json").write_text(f"[{GOOD}]", encoding="utf-8")
    (workdir / "runs" / "notes.txt").write_text("not a document", encoding="utf-8")
    report = stats_json("--records", "runs")
    assert (report["files"], report["documents"]) == (2, 2)
    (workdir / "texts").mkdir()
    result = runner.invoke(app, ["stats", "-j", "1", "--records", "texts"])
    assert result.exit_code == 1
    assert result.stderr == "vbparse: error: texts: no files matching *.jsonl *.ndjson *.json\n"
