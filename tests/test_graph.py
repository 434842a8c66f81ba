"""The citation graph: nodes, stubs and edges, each output format, the command.

The seed expectations were read in the dumps (``../shared/corpus/texts/000..004``):

- ``000`` is the letter 4614/VP-KGVX with 4162/VPCP-TKBT attached, and ``001`` another
  copy of 4162/VPCP-TKBT: one document, so one node, with 4614 → 4162.
- ``002`` is the Party letter 17-CV/ĐU with the 176-CV/TU it forwards attached.
- 4162/VPCP-TKBT and 176-CV/TU both cite 07-KL/TW (11 June 2021), not in the seeds.
- ``003`` (1507/UBND-TH) cites 107/NQ-CP, the telegrams 1099/CĐ-TTg and 1102/CĐ-TTg,
  63/NQ-CP, 68/NQ-CP, 23/2021/QĐ-TTg and, in its footnotes, 1319/UBND-KGVX,
  1100/UBND-KT and 139/KH-UBND; ``004`` (203-CV/TU) cites the directives 15/CT-TTg
  (27-3-2020) and 16/CT-TTg (31-3-2020).  None of these is in the seeds.
"""

from __future__ import annotations

import fnmatch
import io
import json
import re
import shutil
import subprocess
import xml.etree.ElementTree as ElementTree
from functools import cache
from pathlib import Path

import pytest
from typer.testing import CliRunner

from factories import citing_record
from vbparse.cli import app
from vbparse.graph import Graph, GraphFormat, build_graph, write_graph
from vbparse.graph.formats.dot import quote
from vbparse.graph.formats.html_page import embedded_json
from vbparse.graph.formats.mermaid import label
from vbparse.link import link_records
from vbparse.models import Citation, Record
from vbparse.pipeline import parse_bytes

TEXTS = Path(__file__).parents[2] / "shared" / "corpus" / "texts"
SEEDS = sorted(TEXTS.glob("00[0-4]_*.txt"))
needs_seeds = pytest.mark.skipif(not SEEDS, reason="the dev corpus (../shared) is not here")
FORMATS: tuple[GraphFormat, ...] = ("json", "dot", "graphml", "mermaid", "html")
GRAPHML = "{http://graphml.graphdrawing.org/xmlns}"

runner = CliRunner()


@cache
def seed_records() -> tuple[Record, ...]:
    records: list[Record] = []
    for path in SEEDS:
        records += parse_bytes(path.read_bytes(), source=path.name)
    return tuple(link_records(records))


@cache
def seed_graph() -> Graph:
    return build_graph(seed_records())


def rendered(graph: Graph, fmt: GraphFormat) -> str:
    out = io.StringIO()
    write_graph(graph, out, fmt)
    return out.getvalue()


def node_by_label(graph: Graph, text: str) -> list[str]:
    return [node.id for node in graph.nodes if node.label == text]


def edges_between(graph: Graph, source: str, target: str) -> list[tuple[str, str]]:
    """(source label, target label) of every edge ``source`` → ``target``, by label."""
    labels = {node.id: node.label for node in graph.nodes}
    return [
        (labels[e.source], labels[e.target])
        for e in graph.edges
        if labels[e.source] == source and labels[e.target] == target
    ]


# ------------------------------------------------------------------- the seed graph


@needs_seeds
def test_two_copies_of_one_document_are_one_node() -> None:
    graph = seed_graph()
    [node] = [n for n in graph.nodes if n.number == "4162/VPCP-TKBT"]
    files = {node.path} | {copy.path for copy in node.copies}
    assert files == {SEEDS[0].name, SEEDS[1].name}
    assert not node.stub


@needs_seeds
@pytest.mark.parametrize(
    ("source", "target"),
    [
        ("4614/VP-KGVX", "4162/VPCP-TKBT"),
        ("17-CV/ĐU", "176-CV/TU"),
        ("4162/VPCP-TKBT", "07-KL/TW"),
        ("176-CV/TU", "07-KL/TW"),
        ("1507/UBND-TH", "107/NQ-CP"),
        ("1507/UBND-TH", "1099/CĐ-TTg"),
        ("1507/UBND-TH", "1102/CĐ-TTg"),
        ("1507/UBND-TH", "23/2021/QĐ-TTg"),
        ("1507/UBND-TH", "1319/UBND-KGVX"),
        ("203-CV/TU", "15/CT-TTg"),
        ("203-CV/TU", "16/CT-TTg"),
    ],
)
def test_seed_citation_is_one_edge(source: str, target: str) -> None:
    assert edges_between(seed_graph(), source, target) == [(source, target)]


@needs_seeds
@pytest.mark.parametrize(
    ("number", "in_corpus"),
    [
        ("4162/VPCP-TKBT", True),
        ("176-CV/TU", True),
        ("07-KL/TW", False),
        ("15/CT-TTg", False),
        ("16/CT-TTg", False),
        ("107/NQ-CP", False),
        ("23/2021/QĐ-TTg", False),
    ],
)
def test_a_cited_number_is_one_node_a_stub_when_absent(number: str, in_corpus: bool) -> None:
    graph = seed_graph()
    [node_id] = node_by_label(graph, number)
    [node] = [n for n in graph.nodes if n.id == node_id]
    assert node.stub is not in_corpus


@needs_seeds
def test_the_stubs_are_exactly_the_numbers_cited_and_absent() -> None:
    stubs = {node.label for node in seed_graph().nodes if node.stub}
    assert stubs == {
        "07-KL/TW",
        "107/NQ-CP",
        "1099/CĐ-TTg",
        "1102/CĐ-TTg",
        "63/NQ-CP",
        "68/NQ-CP",
        "23/2021/QĐ-TTg",
        "1319/UBND-KGVX",
        "1100/UBND-KT",
        "139/KH-UBND",
        "15/CT-TTg",
        "16/CT-TTg",
    }


@needs_seeds
def test_a_stub_takes_what_its_citation_says() -> None:
    [stub] = [node for node in seed_graph().nodes if node.label == "15/CT-TTg"]
    assert (stub.doc_type, stub.date, stub.path, stub.copies) == ("Chỉ thị", "2020-03-27", None, ())


@needs_seeds
def test_a_work_node_has_its_documents_fields() -> None:
    [node] = [n for n in seed_graph().nodes if n.label == "17-CV/ĐU"]
    assert (node.doc_type, node.date, node.place, node.signer, node.path, node.index) == (
        "Công văn",
        "2021-06-16",
        "Gò Quao",
        "Lưu Văn Hiến",
        SEEDS[2].name,
        0,
    )
    assert node.subject is not None and node.subject.startswith("Về việc chỉ đạo triển khai")


# ------------------------------------------------------------------- records by hand


doc = citing_record


def stub_labels_and_citers(graph: Graph) -> list[tuple[str, str | None, int]]:
    """(label, date, how many edges arrive) of each stub."""
    arriving = {node.id: 0 for node in graph.nodes}
    for edge in graph.edges:
        arriving[edge.target] += 1
    return [(n.label, n.date, arriving[n.id]) for n in graph.nodes if n.stub]


@pytest.mark.parametrize(
    ("cites", "stubs"),
    [
        # One number cited by three documents in one year: one stub.
        (
            [("15/CT-TTg", "2020-03-27")] * 3,
            [("15/CT-TTg", "2020-03-27", 3)],
        ),
        # State numbers restart each year: two years, two documents.
        (
            [("15/CT-TTg", "2020-03-27"), ("15/CT-TTg", "2021-05-02")],
            [("15/CT-TTg", "2020-03-27", 1), ("15/CT-TTg", "2021-05-02", 1)],
        ),
        # A normative number carries its year: the citations' dates do not split it.
        (
            [("23/2021/QĐ-TTg", "2021-07-07"), ("23/2021/QĐ-TTg", None)],
            [("23/2021/QĐ-TTg", "2021-07-07", 2)],
        ),
        # Printings of one number are one stub, labelled as first cited.
        (
            [("118/2025/NĐ-CP", None), ("118/2025/ND-CP", None)],
            [("118/2025/NĐ-CP", None, 2)],
        ),
    ],
)
def test_stub_identity(
    cites: list[tuple[str, str | None]], stubs: list[tuple[str, str | None, int]]
) -> None:
    records = [
        doc(f"vb-{n}", f"{n}/UBND-VP", "2022-01-01", (cite,), path=f"{n}.txt")
        for n, cite in enumerate(cites)
    ]
    assert sorted(stub_labels_and_citers(build_graph(records))) == sorted(stubs)


def test_a_dateless_citation_of_a_yearless_number_is_a_stub_of_its_own() -> None:
    dateless = doc("vb-1", "1/UBND", "2021-01-01", (("07-KL/TW", None),), path="1.txt")
    dated = doc("vb-2", "2/UBND", "2021-09-01", (("07-KL/TW", "2021-06-11"),), path="2.txt")
    labels = stub_labels_and_citers(build_graph([dated, dateless]))
    assert labels == [("07-KL/TW", None, 1), ("07-KL/TW", "2021-06-11", 1)]


def test_a_stub_field_missing_in_the_first_citation_comes_from_a_later_one() -> None:
    bare = Citation(number="23/2021/QĐ-TTg", doc_type=None, date=None, text="x", span=(0, 1))
    full = bare.model_copy(update={"doc_type": "Quyết định", "date": "2021-07-07"})
    first = doc("vb-1", "1/UBND", "2021-08-01", path="1.txt")
    later = doc("vb-2", "2/UBND", "2021-09-01", path="2.txt")
    graph = build_graph(
        [
            later.model_copy(update={"citations": (full,)}),
            first.model_copy(update={"citations": (bare,)}),
        ]
    )
    [stub] = [node for node in graph.nodes if node.stub]
    assert (stub.label, stub.doc_type, stub.date) == ("23/2021/QĐ-TTg", "Quyết định", "2021-07-07")


def test_repeated_citations_are_counted_on_one_edge() -> None:
    record = doc("vb-1", "1/UBND", "2021-09-01", (("63/NQ-CP", "2021-06-29"),) * 2)
    [edge] = build_graph([record]).edges
    assert (edge.count, edge.relation, edge.text, edge.date) == (
        2,
        "reference",
        "63/NQ-CP",
        "2021-06-29",
    )


def test_copies_do_not_add_up_their_citations() -> None:
    cites = (("63/NQ-CP", "2021-06-29"),)
    original = doc("vb-1", "5/UBND", "2021-09-01", cites, path="a.txt")
    copy = doc("vb-2", "5/UBND", "2021-09-01", cites, path="b.txt")
    graph = build_graph(link_records([original, copy]))
    assert [node.label for node in graph.nodes if not node.stub] == ["5/UBND"]
    [edge] = graph.edges
    assert edge.count == 1


def test_a_document_naming_its_own_number_is_no_edge() -> None:
    record = doc("vb-1", "5/UBND", "2021-09-01", (("5/UBND", None), ("63/NQ-CP", "2021-06-29")))
    graph = build_graph([record])
    assert [node.label for node in graph.nodes] == ["5/UBND", "63/NQ-CP"]


def test_a_target_outside_the_records_read_becomes_a_stub() -> None:
    cited = doc("vb-2", "4162/VPCP-TKBT", "2021-06-22", path="b.txt")
    citing = doc("vb-1", "4614/VP-KGVX", "2021-06-29", (("4162/VPCP-TKBT", "2021-06-22"),))
    [linked_citing] = [r for r in link_records([citing, cited]) if r.id == "vb-1"]
    assert linked_citing.citations[0].target == "vb-2"
    graph = build_graph([linked_citing])
    assert [(n.label, n.stub) for n in graph.nodes] == [
        ("4614/VP-KGVX", False),
        ("4162/VPCP-TKBT", True),
    ]


def test_a_law_cited_by_name_only_is_left_out() -> None:
    record = doc("vb-1", "5/UBND", "2021-09-01").model_copy(
        update={
            "citations": (
                Citation(
                    number=None,
                    doc_type="Luật",
                    date="2015-06-19",
                    title="Luật Tổ chức chính quyền địa phương",
                    text="Luật Tổ chức chính quyền địa phương",
                    span=(0, 1),
                ),
            )
        }
    )
    graph = build_graph([record])
    assert (len(graph.nodes), graph.edges) == (1, ())


def test_a_document_without_number_is_labelled_by_type_and_date() -> None:
    record = doc("vb-1", None, "2021-09-01").model_copy(update={"doc_type": "Thông báo"})
    assert [n.label for n in build_graph([record]).nodes] == ["Thông báo 2021-09-01"]


# ------------------------------------------------------------------- stable output


@needs_seeds
@pytest.mark.parametrize("fmt", FORMATS)
def test_output_does_not_depend_on_the_order_of_the_records(fmt: GraphFormat) -> None:
    forward = build_graph(seed_records())
    backward = build_graph(reversed(seed_records()))
    assert rendered(forward, fmt) == rendered(backward, fmt)


@needs_seeds
@pytest.mark.parametrize("fmt", FORMATS)
def test_the_command_gives_the_same_bytes_whatever_the_order_of_the_inputs(
    fmt: GraphFormat, tmp_path: Path
) -> None:
    outputs = []
    for n, order in enumerate((SEEDS, SEEDS[::-1], SEEDS)):
        target = tmp_path / f"{n}.out"
        args = ["graph", *map(str, order), "--format", fmt, "-o", str(target), "-j", "1"]
        result = runner.invoke(app, args)
        assert result.exit_code == 0, result.output
        outputs.append(target.read_bytes())
    assert outputs[0] == outputs[1] == outputs[2]


# ------------------------------------------------------------------- each format parses


NODE_KEYS = [
    "id",
    "label",
    "stub",
    "work_id",
    "number",
    "doc_type",
    "date",
    "issuer",
    "subject",
    "place",
    "signer",
    "path",
    "index",
    "copies",
]
EDGE_KEYS = ["source", "target", "relation", "count", "text", "date"]


@needs_seeds
def test_json_has_the_documented_keys_in_order() -> None:
    graph = seed_graph()
    data = json.loads(rendered(graph, "json"))
    assert list(data) == ["schema_version", "nodes", "edges"]
    assert data["schema_version"] == "1.0"
    assert all(list(node) == NODE_KEYS for node in data["nodes"])
    assert all(list(edge) == EDGE_KEYS for edge in data["edges"])
    assert (len(data["nodes"]), len(data["edges"])) == (len(graph.nodes), len(graph.edges))


def test_an_empty_graph_is_valid_in_every_format() -> None:
    empty = Graph(nodes=(), edges=())
    assert json.loads(rendered(empty, "json")) == {
        "schema_version": "1.0",
        "nodes": [],
        "edges": [],
    }
    ElementTree.fromstring(rendered(empty, "graphml"))
    assert rendered(empty, "mermaid").startswith("flowchart LR\n")
    assert rendered(empty, "dot").rstrip().endswith("}")


@needs_seeds
def test_graphml_parses_with_every_key_declared() -> None:
    graph = seed_graph()
    root = ElementTree.fromstring(rendered(graph, "graphml"))
    declared = {key.get("id") for key in root.iter(f"{GRAPHML}key")}
    used = {data.get("key") for data in root.iter(f"{GRAPHML}data")}
    assert used <= declared
    nodes = [node.get("id") for node in root.iter(f"{GRAPHML}node")]
    ends = [(edge.get("source"), edge.get("target")) for edge in root.iter(f"{GRAPHML}edge")]
    assert nodes == [node.id for node in graph.nodes]
    assert ends == [(edge.source, edge.target) for edge in graph.edges]


def _dot_statements(text: str) -> list[str]:
    """The statements of a DOT graph body, quoted strings kept whole."""
    body = text[text.index("{") + 1 : text.rindex("}")]
    return [line.strip().rstrip(";") for line in body.splitlines() if line.strip()]


_DOT_STRING = re.compile(r'"((?:[^"\\]|\\.)*)"')


@needs_seeds
def test_dot_has_every_node_and_edge_and_balanced_braces() -> None:
    graph = seed_graph()
    text = rendered(graph, "dot")
    outside_strings = _DOT_STRING.sub("", text)
    assert outside_strings.count("{") == outside_strings.count("}") == 1
    statements = _dot_statements(text)
    for node in graph.nodes:
        assert any(s.startswith(f'"{node.id}" [') for s in statements), node.id
    for edge in graph.edges:
        assert any(s.startswith(f'"{edge.source}" -> "{edge.target}" [') for s in statements)
    stubs = [s for s in statements if "dashed" in s]
    assert len(stubs) == graph.stub_count


@needs_seeds
@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz (dot) is not installed")
def test_graphviz_reads_the_dot_output() -> None:
    result = subprocess.run(
        ["dot", "-Tsvg"], input=rendered(seed_graph(), "dot"), capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.count('class="node"') == len(seed_graph().nodes)


@needs_seeds
def test_mermaid_is_a_flowchart_with_every_edge() -> None:
    graph = seed_graph()
    lines = rendered(graph, "mermaid").splitlines()
    assert lines[0] == "flowchart LR"
    short = {node.id: f"n{n}" for n, node in enumerate(graph.nodes)}
    edge_lines = [line.strip() for line in lines if "-->" in line]
    assert len(edge_lines) == len(graph.edges)
    for line, edge in zip(edge_lines, graph.edges, strict=True):
        assert line.startswith(f"{short[edge.source]} -->|")
        assert line.endswith(f"| {short[edge.target]}")
    assert sum(":::stub" in line for line in lines) == graph.stub_count


# ------------------------------------------------------------------- escaping

NASTY = 'a "quoted" \\ back</script><!-- & <b>#1</b>\n`x`\x0c end'


def test_dot_strings_escape_quotes_backslashes_and_breaks() -> None:
    assert quote('say "hi" \\ there\nnow') == '"say \\"hi\\" \\\\ there\\nnow"'


def test_mermaid_labels_use_entities() -> None:
    assert label('a "b" #1 <i>\n`c`') == '"a #quot;b#quot; #35;1 #lt;i#gt;<br>#96;c#96;"'


def test_embedded_json_cannot_close_its_script() -> None:
    text = embedded_json({"s": NASTY, "line": "\u2028"})
    assert "<" not in text and "\u2028" not in text
    assert json.loads(text) == {"s": NASTY, "line": "\u2028"}


def _nasty_graph() -> Graph:
    record = doc("vb-1", "5/UBND", "2021-09-01", (("63/NQ-CP", "2021-06-29"),))
    return build_graph([record.model_copy(update={"subject": NASTY})])


def test_graphml_keeps_a_nasty_subject_readable() -> None:
    root = ElementTree.fromstring(rendered(_nasty_graph(), "graphml"))
    [subject] = [d.text for d in root.iter(f"{GRAPHML}data") if d.get("key") == "n_subject"]
    assert subject == NASTY.replace("\x0c", " ")  # XML 1.0 cannot carry a form feed


def test_html_embeds_a_nasty_subject_intact() -> None:
    page = rendered(_nasty_graph(), "html")
    start = page.index('<script type="application/json" id="graph-data">')
    data = page[page.index(">", start) + 1 : page.index("</script>", start)]
    assert json.loads(data)["nodes"][0]["subject"] == NASTY


def test_dot_quotes_a_nasty_subject() -> None:
    text = rendered(_nasty_graph(), "dot")
    assert quote(NASTY.replace("\x0c", " ")) in text
    outside_strings = _DOT_STRING.sub("", text)
    assert '"' not in outside_strings


# ------------------------------------------------------------------- the command


@needs_seeds
@pytest.mark.parametrize("linking", [[], ["--no-link"]])
def test_records_files_give_the_graph_of_their_texts(linking: list[str], tmp_path: Path) -> None:
    records = tmp_path / "records.jsonl"
    args = ["extract", *map(str, SEEDS), "-o", str(records), "-j", "1", *linking]
    extracted = runner.invoke(app, args)
    assert extracted.exit_code == 0, extracted.output
    from_texts = runner.invoke(app, ["graph", *map(str, SEEDS), "-j", "1"])
    from_records = runner.invoke(app, ["graph", str(records)])
    from_stdin = runner.invoke(app, ["graph", "--records", "-"], input=records.read_bytes())
    assert from_texts.exit_code == from_records.exit_code == from_stdin.exit_code == 0
    assert from_texts.stdout == from_records.stdout == from_stdin.stdout


@needs_seeds
def test_a_bad_records_file_is_reported_and_the_others_graphed(tmp_path: Path) -> None:
    good = tmp_path / "good.jsonl"
    runner.invoke(app, ["extract", str(SEEDS[4]), "-o", str(good), "-j", "1"])
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"not": "a record"}\n', encoding="utf-8")
    result = runner.invoke(app, ["graph", str(good), str(bad)])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"vbparse: error: {bad}: line 1: not a vbparse record")
    assert len(result.stderr.splitlines()) == 1
    labels = {node["label"] for node in json.loads(result.stdout)["nodes"]}
    assert labels == {"203-CV/TU", "15/CT-TTg", "16/CT-TTg"}


def test_a_missing_input_is_one_error_line_and_exit_1(tmp_path: Path) -> None:
    missing = tmp_path / "missing.txt"
    result = runner.invoke(app, ["graph", str(missing)])
    assert result.exit_code == 1
    assert result.stderr == f"vbparse: error: {missing}: no such file\n"
    assert json.loads(result.stdout)["nodes"] == []


@pytest.mark.parametrize("args", [["graph"], ["graph", "x.txt", "--format", "png"]])
def test_usage_errors_exit_2(args: list[str]) -> None:
    assert runner.invoke(app, args).exit_code == 2


def test_an_unwritable_output_exits_3(tmp_path: Path) -> None:
    result = runner.invoke(app, ["graph", "-", "-o", str(tmp_path / "no" / "g.json")], input="")
    assert result.exit_code == 3
    assert "cannot write" in result.stderr


def test_the_html_page_assets_ship_with_the_package() -> None:
    """The page is built from files beside its module: a wheel must carry them."""
    tomllib = pytest.importorskip("tomllib")
    root = Path(__file__).parents[1]
    config = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["vbparse"]
    package = root / "src" / "vbparse"
    assets = sorted(package.glob("graph/formats/viewer.*"))
    assert [a.name for a in assets] == ["viewer.css", "viewer.html", "viewer.js"]
    for asset in assets:
        relative = asset.relative_to(package).as_posix()
        assert any(fnmatch.fnmatch(relative, p) for p in patterns), relative


def test_help_has_examples() -> None:
    result = runner.invoke(app, ["graph", "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    assert "vbparse graph dumps/ --format html -o graph.html" in result.stdout
