"""iter_inputs (which files) and read_input (their bytes, or a one-line reason)."""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from vbparse.inputs import InputError, display_path, iter_inputs, read_input


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    for name in [
        "b.md",
        "a.txt",
        "notes.pdf",
        "UPPER.TXT",
        "sub/deeper/d.txt",
        "sub/c.txt",
        ".hidden.txt",
        ".git/e.txt",
    ]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x", encoding="utf-8")
    return tmp_path


def _relative(items: list[str], root: Path) -> list[str]:
    return [Path(item).relative_to(root).as_posix() for item in items]


def test_directory_yields_default_matches_sorted_and_recursive(tree: Path) -> None:
    found = _relative(list(iter_inputs([str(tree)])), tree)
    assert found == ["UPPER.TXT", "a.txt", "b.md", "sub/c.txt", "sub/deeper/d.txt"]


@pytest.mark.parametrize(
    ("patterns", "expected"),
    [
        (["*.pdf"], ["notes.pdf"]),
        (["*.PDF"], ["notes.pdf"]),
        (["sub/*.txt"], ["sub/c.txt", "sub/deeper/d.txt"]),
        (["sub/deeper/*"], ["sub/deeper/d.txt"]),
        (["a.*", "*.md"], ["a.txt", "b.md"]),
        (["*.docx"], []),
    ],
)
def test_glob_patterns_match_name_or_relative_path(
    tree: Path, patterns: list[str], expected: list[str]
) -> None:
    assert _relative(list(iter_inputs([str(tree)], patterns)), tree) == expected


def test_paths_that_are_not_directories_are_yielded_as_given(tree: Path) -> None:
    given = [str(tree / "notes.pdf"), "-", str(tree / "missing.txt"), "relative/missing"]
    assert list(iter_inputs(given)) == given


def test_order_follows_the_paths_given(tree: Path) -> None:
    items = list(iter_inputs([str(tree / "sub"), str(tree / "a.txt")]))
    assert _relative(items, tree) == ["sub/c.txt", "sub/deeper/d.txt", "a.txt"]


def test_directory_path_is_kept_as_prefix(tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tree)
    assert list(iter_inputs(["sub"])) == ["sub/c.txt", "sub/deeper/d.txt"]


def test_broken_links_are_yielded_and_directory_links_not_followed(tmp_path: Path) -> None:
    (tmp_path / "real").mkdir()
    (tmp_path / "real" / "r.txt").write_text("x")
    (tmp_path / "top").mkdir()
    (tmp_path / "top" / "to-real").symlink_to(tmp_path / "real", target_is_directory=True)
    (tmp_path / "top" / "dangling.txt").symlink_to(tmp_path / "nowhere.txt")
    assert list(iter_inputs([str(tmp_path / "top")])) == [str(tmp_path / "top" / "dangling.txt")]


def test_read_input_returns_the_bytes(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"\xef\xbb\xbfS\xe1\xbb\x91")
    assert read_input(str(path)) == b"\xef\xbb\xbfS\xe1\xbb\x91"


def _broken_link(tmp_path: Path) -> Path:
    link = tmp_path / "link.txt"
    link.symlink_to(tmp_path / "gone.txt")
    return link


def _regular_file(tmp_path: Path) -> Path:
    path = tmp_path / "file.txt"
    path.write_text("x")
    return path


@pytest.mark.parametrize(
    ("make_path", "reason"),
    [
        (lambda tmp: tmp / "missing.txt", "no such file"),
        (lambda tmp: tmp / "missing-dir" / "a.txt", "no such file"),
        (lambda tmp: tmp, "is a directory"),
        (_broken_link, "broken symbolic link"),
        (lambda tmp: _regular_file(tmp) / "inside.txt", "not a directory"),
    ],
)
def test_read_input_reasons(tmp_path: Path, make_path: Callable[[Path], Path], reason: str) -> None:
    path = str(make_path(tmp_path))
    with pytest.raises(InputError) as caught:
        read_input(path)
    assert (caught.value.path, caught.value.reason) == (path, reason)
    assert str(caught.value) == f"{path}: {reason}"


needs_permissions = pytest.mark.skipif(
    os.name != "posix" or os.geteuid() == 0, reason="root reads anything"
)


@needs_permissions
def test_read_input_permission_denied(tmp_path: Path) -> None:
    path = _regular_file(tmp_path)
    path.chmod(0)
    with pytest.raises(InputError, match=r"permission denied$"):
        read_input(str(path))


@needs_permissions
def test_unlistable_directory_is_yielded_so_that_reading_reports_it(tree: Path) -> None:
    locked = tree / "sub"
    locked.chmod(0)
    try:
        items = list(iter_inputs([str(tree)]))
        assert str(locked) in items
        with pytest.raises(InputError, match=r"permission denied$"):
            read_input(str(locked))
    finally:
        locked.chmod(0o755)


@pytest.mark.parametrize(
    ("size", "limit", "reason"),
    [
        (5, 3, "file too large (5 bytes > 3 bytes limit)"),
        (3 * 2**19, 2**20, "file too large (1.5 MB > 1 MB limit)"),
    ],
)
def test_read_input_size_limit(tmp_path: Path, size: int, limit: int, reason: str) -> None:
    path = tmp_path / "big.txt"
    with path.open("wb") as stream:
        stream.truncate(size)  # sparse: the size check must not need the bytes
    with pytest.raises(InputError) as caught:
        read_input(str(path), max_bytes=limit)
    assert caught.value.reason == reason


def test_read_input_at_the_limit_is_fine(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"abc")
    assert read_input(str(path), max_bytes=3) == b"abc"


@pytest.mark.parametrize(
    ("data", "limit", "expected"),
    [(b"S\xe1\xbb\x91: 1", 100, b"S\xe1\xbb\x91: 1"), (b"", 100, b"")],
)
def test_read_input_dash_reads_stdin(
    monkeypatch: pytest.MonkeyPatch, data: bytes, limit: int, expected: bytes
) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    assert read_input("-", max_bytes=limit) == expected


def test_read_input_stdin_size_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"12345")))
    with pytest.raises(InputError) as caught:
        read_input("-", max_bytes=3)
    assert (caught.value.path, caught.value.reason) == ("-", "file too large (> 3 bytes limit)")


@pytest.mark.parametrize(
    ("item", "shown"),
    [
        ("Công văn số 12.txt", "Công văn số 12.txt"),
        (os.fsdecode(b"bad-\xff-name.txt"), "bad-\ufffd-name.txt"),
        ("-", "-"),
    ],
)
def test_display_path_is_encodable(item: str, shown: str) -> None:
    assert display_path(item) == shown
    display_path(item).encode("utf-8")
