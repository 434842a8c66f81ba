"""``vbparse extract --format csv | register | sqlite`` on the seed dumps, through the CLI.

Expected values were read in the dumps themselves (../shared/corpus/texts): which
documents cite 07-KL/TW, who issued 17-CV/ĐU, whose subject holds ``chỉ đạo``.
"""

from __future__ import annotations

import csv
import json
import os
import re
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from factories import make_record
from vbparse import __version__
from vbparse.cli import app
from vbparse.emit import write_database
from vbparse.emit.sqlite import DATABASE_SCHEMA_VERSION
from vbparse.models import SCHEMA_VERSION, Record

REPO = Path(__file__).resolve().parents[1]
TEXTS = REPO.parent / "shared" / "corpus" / "texts"
SEEDS = sorted(path.name for path in TEXTS.glob("00[0-4]_*.txt"))
# 125.txt: a Thông tư whose subject names a Nghị định, for the accent-folded search.
INPUTS = [*SEEDS, "125.txt"]
DOCS = (REPO / "docs" / "export.md").read_text(encoding="utf-8")

runner = CliRunner()

# The documented query (docs/export.md): the documents that cite 07-KL/TW.
CITING_QUERY = """SELECT d.number, d.date, d.path
FROM documents AS d
WHERE d.id IN (SELECT document_id FROM citations WHERE number = '07-KL/TW')
ORDER BY d.path, d.index_in_file;"""
# 4162/VPCP-TKBT cites it in 000 and again in its copy 001; 176-CV/TU, second in 002.
CITING_OUTPUT = """4162/VPCP-TKBT|2021-06-22|000_fbc6d93fa9ac1f18.txt
4162/VPCP-TKBT|2021-06-22|001_888ad27a96f4af29.txt
176-CV/TU|2021-06-15|002_9812c768196f5ec8.txt
"""

# Nghị định 30/2020/NĐ-CP, Phụ lục IV, mục VI: the register's ten columns as printed.
REGISTER_HEADER = [
    "Ngày đến",
    "Số đến",
    "Tác giả",
    "Số, ký hiệu văn bản",
    "Ngày tháng văn bản",
    "Tên loại và trích yếu nội dung văn bản",
    "Đơn vị hoặc người nhận",
    "Ngày chuyển",
    "Ký nhận",
    "Ghi chú",
]


def _extract(args: list[str], cwd: Path = TEXTS) -> Any:
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(cwd)  # relative paths, so that `path` columns are the bare file names
        return runner.invoke(app, ["extract", *args])


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The seed dumps and 125.txt exported once in every format."""
    if len(SEEDS) != 5 or not (TEXTS / "125.txt").is_file():
        pytest.skip(f"the seed dumps are not in {TEXTS}")
    out = tmp_path_factory.mktemp("exported")
    files = {}
    for fmt, name in [
        ("jsonl", "corpus.jsonl"),
        ("csv", "corpus.csv"),
        ("register", "so-den.csv"),
        ("sqlite", "corpus.db"),
    ]:
        result = _extract([*INPUTS, "--format", fmt, "-o", str(out / name)])
        assert result.exit_code == 0, result.stderr
        files[fmt] = out / name
    return files


@pytest.fixture(scope="module")
def records(exported: dict[str, Path]) -> list[dict[str, Any]]:
    lines = exported["jsonl"].read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines]


@pytest.fixture
def db(exported: dict[str, Path]) -> Iterator[sqlite3.Connection]:
    connection = sqlite3.connect(f"file:{exported['sqlite']}?mode=ro", uri=True)
    yield connection
    connection.close()


def _csv_rows(path: Path, encoding: str = "utf-8") -> list[list[str]]:
    with path.open(encoding=encoding, newline="") as handle:
        return list(csv.reader(handle))


def _csv_dicts(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


# ------------------------------------------------------------------------------ csv


def test_csv_header_is_the_documented_column_list(exported: dict[str, Path]) -> None:
    header = _csv_rows(exported["csv"])[0]
    section = DOCS.split("## `--format csv`")[1].split("\n## ")[0]
    documented = re.findall(r"^\| `(\w+)` \|", section, flags=re.MULTILINE)
    assert header == documented
    assert header[:3] == ["id", "path", "index_in_file"]


def test_csv_is_plain_utf8_with_crlf_rows(exported: dict[str, Path]) -> None:
    data = exported["csv"].read_bytes()
    assert data.startswith(b"id,path,")  # no BOM
    assert data.count(b"\r\n") >= len(INPUTS) + 1
    assert "Lưu Văn Hiến".encode() in data


def test_csv_rows_hold_the_values_of_the_json_records(
    exported: dict[str, Path], records: list[dict[str, Any]]
) -> None:
    rows = _csv_dicts(exported["csv"])
    assert len(rows) == len(records) == 8
    for row, record in zip(rows, records, strict=True):
        assert row["id"] == record["id"]
        assert row["subject"] == (record["subject"] or "")
        assert row["number"] == (record["number"]["value"] if record["number"] else "")
        assert json.loads(row["recipients"]) == [item["text"] for item in record["recipients"]]
        assert json.loads(row["distribution"]) == [i["text"] for i in record["distribution"]]
        assert json.loads(row["citations"]) == [
            {key: value for key, value in cited.items() if key != "span"}
            for cited in record["citations"]
        ]
        assert json.loads(row["cited_by"]) == record["cited_by"]
        assert int(row["citation_count"]) == len(record["citations"])
        assert int(row["warning_count"]) == len(record["warnings"])


def test_csv_row_of_17_cv_du_as_printed(exported: dict[str, Path]) -> None:
    (row,) = [row for row in _csv_dicts(exported["csv"]) if row["number"] == "17-CV/ĐU"]
    assert {name: row[name] for name in ("path", "index_in_file", "system", "issuer")} == {
        "path": "002_9812c768196f5ec8.txt",
        "index_in_file": "0",
        "system": "party",
        "issuer": "ĐẢNG ỦY Y TẾ",
    }
    assert row["issuer_parent"] == "ĐẢNG BỘ HUYỆN GÒ QUAO"
    assert row["place"] == "Gò Quao"
    assert row["date"] == "2021-06-16"
    assert row["subject"] == (
        "Về việc chỉ đạo triển khai Công văn số: 176-CV/TU, ngày 15 tháng 6 năm 2021 "
        "của Ban Thường vụ Tỉnh ủy Kiên Giang"
    )
    assert (row["chain"], row["signer_title"], row["signer"]) == (
        "TM. BAN THƯỜNG VỤ",
        "PHÓ BÍ THƯ",
        "Lưu Văn Hiến",
    )
    assert json.loads(row["recipients"]) == [
        "Các đồng chí Ủy viên BCH Đảng bộ Y tế",
        "Bí thư các chi bộ trực thuộc",
    ]
    assert json.loads(row["distribution"]) == ["Như kính gửi", "Lưu VP Đảng ủy"]
    assert row["secrecy"] == row["urgency"] == ""  # None is an empty cell


# ------------------------------------------------------------------------- register


def test_register_has_a_bom_and_the_decree_columns(exported: dict[str, Path]) -> None:
    assert exported["register"].read_bytes().startswith(b"\xef\xbb\xbf")
    header, *rows = _csv_rows(exported["register"], encoding="utf-8-sig")
    assert header == REGISTER_HEADER
    assert [row[1] for row in rows] == [str(n) for n in range(1, 9)]  # Số đến: 8 documents


def test_register_row_of_4614_vp_kgvx(exported: dict[str, Path]) -> None:
    first = _csv_rows(exported["register"], encoding="utf-8-sig")[1]
    assert first == [
        "",  # Ngày đến: not in the text
        "1",
        "VĂN PHÒNG (UBND TỈNH KIÊN GIANG)",
        "4614/VP-KGVX",
        "29/06/2021",
        "Công văn: V/v chỉ đạo thực hiện Công văn số 4162/VPCP-TKBT ngày 22/6/2021 "
        "của Văn phòng Chính phủ.",
        "",
        "",
        "",
        "",
    ]


# --------------------------------------------------------------------------- sqlite


def test_sqlite_tables_and_indexes(db: sqlite3.Connection) -> None:
    names = {name for (name,) in db.execute("SELECT name FROM sqlite_master")}
    tables = {"meta", "documents", "citations", "recipients", "distribution", "footnotes"}
    assert tables | {"warnings", "documents_fts"} <= names
    indexes = {
        (table, column)
        for (table,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        for (index,) in db.execute(f"SELECT name FROM pragma_index_list('{table}')")
        for (column,) in db.execute(f"SELECT name FROM pragma_index_info('{index}')")
        if not index.startswith("sqlite_autoindex")
    }
    assert indexes >= {
        ("documents", "number"),
        ("documents", "date"),
        ("documents", "doc_type"),
        ("documents", "issuer"),
        ("citations", "number"),
        ("citations", "target"),
    }


def test_sqlite_meta_and_counts(db: sqlite3.Connection, records: list[dict[str, Any]]) -> None:
    assert dict(db.execute("SELECT key, value FROM meta")) == {
        "schema_version": DATABASE_SCHEMA_VERSION,
        "record_schema_version": SCHEMA_VERSION,
        "generator": f"vbparse {__version__}",
    }
    for table, field in [
        ("citations", "citations"),
        ("recipients", "recipients"),
        ("distribution", "distribution"),
        ("footnotes", "footnotes"),
        ("warnings", "warnings"),
    ]:
        (count,) = db.execute(f"SELECT count(*) FROM {table}").fetchone()
        assert count == sum(len(record[field]) for record in records), table
    (documents,) = db.execute("SELECT count(*) FROM documents").fetchone()
    assert documents == len(records)
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []


def test_sqlite_citations_are_the_records_citations(
    db: sqlite3.Connection, records: list[dict[str, Any]]
) -> None:
    fields = ["number", "doc_type", "date", "issuer", "title", "text", "relation", "target"]
    stored = db.execute(
        f"SELECT document_id, position, {', '.join(fields)}, span_start, span_end"
        " FROM citations ORDER BY document_id, position"
    ).fetchall()
    expected = sorted(  # (document_id, position) is unique: the sort never looks further
        (record["id"], position, *(cited[field] for field in fields), *cited["span"])
        for record in records
        for position, cited in enumerate(record["citations"])
    )
    assert stored == expected


def test_sqlite_link_target_joins_the_cited_document(db: sqlite3.Connection) -> None:
    # 4614/VP-KGVX (000) cites Công văn 4162/VPCP-TKBT, which is in the run (000 and 001).
    rows = db.execute(
        "SELECT c.number, t.number FROM citations AS c"
        " JOIN documents AS d ON d.id = c.document_id"
        " JOIN documents AS t ON t.id = c.target"
        " WHERE d.number = '4614/VP-KGVX'"
    ).fetchall()
    assert rows == [("4162/VPCP-TKBT", "4162/VPCP-TKBT")]


def test_sqlite_record_column_is_the_whole_record(
    db: sqlite3.Connection, records: list[dict[str, Any]]
) -> None:
    stored = dict(db.execute("SELECT id, record FROM documents"))
    assert {key: json.loads(value) for key, value in stored.items()} == {
        record["id"]: record for record in records
    }


@pytest.mark.parametrize(
    ("query", "numbers"),
    [
        ("nghi dinh", ["01/2010/TT-TTCP"]),  # Nghị định: đ folded only in the shadow column
        ("Nghị định", ["01/2010/TT-TTCP"]),  # typed with diacritics, found all the same
        ("nghị dinh", ["01/2010/TT-TTCP"]),
        ("chi dao", ["17-CV/ĐU", "4614/VP-KGVX"]),  # chỉ đạo
        ("subject: (chi dao)", []),  # the printed column alone keeps đ: the shadow is needed
        ("issuer_folded: (dang uy)", ["17-CV/ĐU"]),  # ĐẢNG ỦY Y TẾ
        ('"tinh uy kien giang"', ["17-CV/ĐU", "176-CV/TU", "203-CV/TU"]),
    ],
)
def test_full_text_search_folds_accents_and_dd(
    db: sqlite3.Connection, query: str, numbers: list[str]
) -> None:
    found = db.execute(
        "SELECT d.number FROM documents_fts JOIN documents AS d"
        " ON d.id = documents_fts.document_id"
        " WHERE documents_fts MATCH ? ORDER BY d.number",
        (query,),
    ).fetchall()
    assert [number for (number,) in found] == numbers


def test_documented_query_in_the_sqlite3_shell(exported: dict[str, Path], tmp_path: Path) -> None:
    """THE acceptance test: the file opens in the sqlite3 CLI and answers docs/export.md."""
    shell = shutil.which("sqlite3")
    if shell is None:
        pytest.skip("the sqlite3 command-line shell is missing (Debian package: sqlite3)")
    result = subprocess.run(
        [shell, str(exported["sqlite"]), CITING_QUERY],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "HOME": str(tmp_path)},  # no ~/.sqliterc
    )
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == CITING_OUTPUT
    assert CITING_QUERY in DOCS
    assert CITING_OUTPUT in DOCS


def test_sqlite_to_standard_output_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Số: 12/UBND-VP\n", encoding="utf-8")
    for output in ([], ["-o", "-"]):
        result = _extract(["a.txt", "--format", "sqlite", *output], cwd=tmp_path)
        assert result.exit_code == 2
        assert "--format sqlite needs -o FILE" in result.stderr
        assert result.stdout == ""


def test_byte_identical_inputs_are_one_document(tmp_path: Path) -> None:
    if not SEEDS:
        pytest.skip(f"the seed dumps are not in {TEXTS}")
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        shutil.copy(TEXTS / SEEDS[2], tmp_path / folder / "002.txt")
    result = _extract(["a", "b", "--format", "sqlite", "-o", "corpus.db"], cwd=tmp_path)
    assert result.exit_code == 0, result.stderr
    with sqlite3.connect(tmp_path / "corpus.db") as connection:
        paths = connection.execute("SELECT DISTINCT path FROM documents").fetchall()
        (recipients,) = connection.execute("SELECT count(*) FROM recipients").fetchone()
    assert paths == [(os.path.join("a", "002.txt"),)]  # the first copy read is kept
    assert recipients == 2 + 5  # 17-CV/ĐU and 176-CV/TU, once each


# ------------------------------------------------------------------------ atomicity


def _failing(after: int, error: BaseException) -> Iterator[Record]:
    for index in range(after):
        yield make_record(index=index)
    raise error


@pytest.mark.parametrize("error", [RuntimeError("parser bug"), KeyboardInterrupt()])
def test_a_failed_database_leaves_no_file(tmp_path: Path, error: BaseException) -> None:
    with pytest.raises(type(error)):
        write_database(_failing(3, error), tmp_path / "corpus.db")
    assert os.listdir(tmp_path) == []


def test_a_failed_database_keeps_the_old_one(tmp_path: Path) -> None:
    target = tmp_path / "corpus.db"
    write_database([make_record(index=0)], target)
    before = target.read_bytes()
    with pytest.raises(RuntimeError):
        write_database(_failing(2, RuntimeError("boom")), target)
    assert target.read_bytes() == before
    assert os.listdir(tmp_path) == ["corpus.db"]


def test_a_full_disk_is_exit_3_and_no_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """SQLite's own write failure (here: a page limit, SQLITE_FULL) is an output error."""
    connect = sqlite3.connect

    def tiny(*args: Any, **kwargs: Any) -> sqlite3.Connection:
        connection = connect(*args, **kwargs)
        connection.execute("PRAGMA max_page_count = 4")
        return connection

    monkeypatch.setattr(sqlite3, "connect", tiny)
    (tmp_path / "a.txt").write_text("Số: 12/UBND-VP\nV/v " + "triển khai " * 2000, encoding="utf-8")
    result = _extract(["a.txt", "--no-link", "--format", "sqlite", "-o", "corpus.db"], tmp_path)
    assert result.exit_code == 3
    assert result.stderr == "vbparse: error: corpus.db: cannot write: database or disk is full\n"
    assert os.listdir(tmp_path) == ["a.txt"]
