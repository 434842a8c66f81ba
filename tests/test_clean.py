"""``vbparse normalize``: the clean copy of a dump (issue 3)."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from synthetic import STATE_LETTER, ascii_id
from vbparse.clean import clean_text, retone
from vbparse.cli import app

runner = CliRunner()


@pytest.mark.parametrize(
    ("printed", "old", "new"),
    [
        ("hòa bình", "hòa bình", "hoà bình"),
        ("hoà bình", "hòa bình", "hoà bình"),
        ("Thủy lợi", "Thủy lợi", "Thuỷ lợi"),
        ("khỏe", "khỏe", "khoẻ"),
        ("ỦY BAN", "ỦY BAN", "UỶ BAN"),
        ("tọa đàm", "tọa đàm", "toạ đàm"),
        # never moved: the u of qu is the onset; a closed or longer rhyme has one place
        ("quý", "quý", "quý"),
        ("hoàn thành", "hoàn thành", "hoàn thành"),
        ("khuyên", "khuyên", "khuyên"),
        ("ngoài", "ngoài", "ngoài"),
        ("hoa", "hoa", "hoa"),
    ],
    ids=ascii_id,
)
def test_tone_styles(printed: str, old: str, new: str) -> None:
    assert (retone(printed, "old"), retone(printed, "new")) == (old, new)


def test_keep_leaves_both_spellings() -> None:
    text = "hòa bình và hoà hợp\n"
    assert clean_text(text) == text


@pytest.mark.parametrize(
    ("dump", "clean"),
    [
        ("Phát tri-\nển kinh tế\n", "Phát triển kinh tế\n"),  # hyphenated at a line end
        ("Bộ Y tế - Sở Y tế\n", "Bộ Y tế - Sở Y tế\n"),  # a dash between words stays
        ("công tác phòng-\nchống dịch\n", "công tác phòng-\nchống dịch\n"),  # two words
        ("sự phát triể\n\n--- Page 2 ---\n\nn của tỉnh\n", "sự phát triển của tỉnh\n"),
        ("các đơn vị\n\ntriển khai\n", "các đơn vị\n\ntriển khai\n"),  # whole words
        ("**Số:**  12/UBND-VP \t \n\n\n\nKính gửi:\n", "Số: 12/UBND-VP\n\nKính gửi:\n"),
        ("Ho\u0300a Bi\u0300nh\n", "Hòa Bình\n"),  # NFC
    ],
    ids=ascii_id,
)
def test_clean_text(dump: str, clean: str) -> None:
    assert clean_text(dump) == clean


def _write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return path


def test_one_input_to_stdout() -> None:
    result = runner.invoke(app, ["normalize", "-", "--tone-style", "new"], input="hòa bình\n")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "hoà bình\n", "")


def test_several_inputs_need_an_output_dir(tmp_path: Path) -> None:
    _write(tmp_path / "in" / "a.txt", STATE_LETTER)
    _write(tmp_path / "in" / "b.txt", STATE_LETTER)
    result = runner.invoke(app, ["normalize", str(tmp_path / "in")])
    assert result.exit_code == 2
    assert "--output-dir" in result.stderr


def test_output_dir_mirrors_the_tree_and_bad_files_are_reported(tmp_path: Path) -> None:
    _write(tmp_path / "in" / "a.txt", STATE_LETTER)
    _write(tmp_path / "in" / "sub" / "b.txt", "Thủy lợi\n".encode("utf-16"))
    bad = _write(tmp_path / "in" / "c.txt", b"%PDF-1.4\x00\x00\x00\x01binary")
    out = tmp_path / "out"
    result = runner.invoke(
        app, ["normalize", str(tmp_path / "in"), "--output-dir", str(out), "--tone-style", "new"]
    )
    assert result.exit_code == 1
    assert result.stderr == f"vbparse: error: {bad}: binary file (NUL bytes)\n"
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*.txt")) == [
        "a.txt",
        "sub/b.txt",
    ]
    assert (out / "sub" / "b.txt").read_text(encoding="utf-8") == "Thuỷ lợi\n"
    assert (out / "a.txt").read_text(encoding="utf-8").startswith("UỶ BAN NHÂN DÂN\n")  # new style


def test_tcvn3_dump_comes_out_as_unicode(tmp_path: Path) -> None:
    dump = _write(tmp_path / "old.txt", "Uû ban nh©n d©n tØnh Kiªn Giang\n".encode("cp1252"))
    result = runner.invoke(app, ["normalize", str(dump)])
    assert (result.exit_code, result.stdout) == (0, "Uỷ ban nhân dân tỉnh Kiên Giang\n")
