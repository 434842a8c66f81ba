"""The HTML graph page in a real browser: headless Chromium, from file://, no network.

Chromium is driven with ``--dump-dom`` only (no new Python dependency): the page's own
deep links do the clicking (``#select=ID`` dispatches a click on that node, ``#q=TEXT``
fills the search box), and the tests read the DOM Chromium prints once the page has run.
A proxy that points nowhere stands in for "no network": a page that fetched anything
would not draw.
"""

from __future__ import annotations

import shutil
import subprocess
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote

import pytest
from typer.testing import CliRunner

from vbparse.cli import app

TEXTS = Path(__file__).parents[2] / "shared" / "corpus" / "texts"
SEEDS = sorted(TEXTS.glob("00[0-4]_*.txt"))
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--proxy-server=127.0.0.1:9",  # the discard port: any request would fail
    "--virtual-time-budget=5000",
]

pytestmark = pytest.mark.skipif(not SEEDS, reason="the dev corpus (../shared) is not here")


@cache
def chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if chromium() is None:
        pytest.skip("Chromium not installed: apt-get install chromium (see .ci/run)")
    target = tmp_path_factory.mktemp("graph") / "graph.html"
    args = ["graph", *map(str, SEEDS), "--format", "html", "-o", str(target), "-j", "1"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    return target


def dump_dom(page: Path, fragment: str, tmp_path: Path) -> str:
    browser = chromium()
    assert browser is not None
    url = page.as_uri() + fragment
    result = subprocess.run(
        [browser, *CHROMIUM_FLAGS, f"--user-data-dir={tmp_path / 'profile'}", "--dump-dom", url],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


class _Elements(HTMLParser):
    """The elements of a dumped DOM (tag, attributes) and the text under chosen ids, one
    space between elements."""

    def __init__(self, *ids: str) -> None:
        super().__init__()
        self.elements: list[tuple[str, dict[str, str]]] = []
        self.text = {name: "" for name in ids}
        self._open: list[str | None] = []  # the watched id each open element is under

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {key: value or "" for key, value in attrs}
        self.elements.append((tag, attributes))
        inherited = self._open[-1] if self._open else None
        own = attributes.get("id")
        under = own if own in self.text else inherited
        if under is not None:
            self.text[under] += " "  # an element boundary reads as a space
        self._open.append(under)

    def handle_endtag(self, tag: str) -> None:
        if self._open:
            self._open.pop()

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        self.handle_endtag(tag)

    def handle_data(self, data: str) -> None:
        if self._open and self._open[-1] is not None:
            self.text[self._open[-1]] += data

    def classes(self, tag: str) -> list[set[str]]:
        return [set(a.get("class", "").split()) for t, a in self.elements if t == tag]


def parsed(dom: str, *ids: str) -> _Elements:
    elements = _Elements(*ids)
    elements.feed(dom)
    return elements


def test_the_page_is_self_contained(page: Path) -> None:
    text = page.read_text(encoding="utf-8")
    assert "<link" not in text and " src=" not in text
    assert "default-src 'none'" in text  # its policy forbids fetching anything


def test_the_page_draws_every_document_offline(page: Path, tmp_path: Path) -> None:
    dom = parsed(dump_dom(page, "", tmp_path))
    groups = [classes for classes in dom.classes("g") if "node" in classes]
    # 6 documents of the seeds (4162/VPCP-TKBT's two copies are one) and 12 stubs.
    assert len(groups) == 18
    assert sum("stub" in classes for classes in groups) == 12
    assert sum("edge" in classes for classes in dom.classes("line")) == 15


def test_a_click_on_a_node_shows_its_document(page: Path, tmp_path: Path) -> None:
    dom = dump_dom(page, "#select=" + quote(_node_id(page, "4162/VPCP-TKBT")), tmp_path)
    panel = " ".join(parsed(dom, "details").text["details"].split())
    assert panel.startswith("4162/VPCP-TKBT Document in the corpus")
    assert "4162/VPCP-TKBT" in panel
    assert "V/v thực hiện Kết luận của Bộ Chính trị tháng 6/2021" in panel  # the subject
    assert "Trần Văn Sơn" in panel  # the signer
    assert "Cited by · Được dẫn bởi (1) 4614/VP-KGVX" in panel
    assert "Cites · Dẫn chiếu (1) 07-KL/TW" in panel


def test_search_ignores_accents(page: Path, tmp_path: Path) -> None:
    dom = parsed(dump_dom(page, "#q=" + quote("chi thi"), tmp_path), "results", "search-count")
    assert dom.text["search-count"].strip() == "2 matches"
    # The two directives of 004, Chỉ thị 15/CT-TTg and 16/CT-TTg.
    assert "15/CT-TTg" in dom.text["results"] and "16/CT-TTg" in dom.text["results"]
    matched = [classes for classes in dom.classes("g") if "match" in classes]
    assert len(matched) == 2


def _node_id(page: Path, label: str) -> str:
    """The id of the node labelled ``label``, read from the page's own data."""
    text = page.read_text(encoding="utf-8")
    marker = f'"label":"{label}"'
    start = text.rindex('"id":"', 0, text.index(marker)) + len('"id":"')
    return text[start : text.index('"', start)]
