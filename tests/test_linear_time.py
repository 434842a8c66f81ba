"""Every regex of the pipeline runs in linear time (issue 3, "Regexes that are linear on
any input").

Each adversarial input is built at 100 KB and at 1 MB, as many lines and as one line,
and parsed end to end.  Linear work takes about 10 times as long on the larger input;
one backtracking pattern would take about 100 times as long.  The test compares that
ratio and never an absolute time, so a slow machine does not fail it.
"""

from __future__ import annotations

import pytest

from timing import growth
from vbparse.pipeline import parse_text

SMALL, LARGE = 100_000, 1_000_000
# Linear is ~10; quadratic ~100.  The margin absorbs timer noise on a busy machine.
MAX_RATIO = 25.0

# Runs of what the patterns look for: digits and separators of numbers, the cue words,
# capital header lines, spaces, bullets, table pipes, dates and cited numbers.
ADVERSARIAL = {
    "digits": "1234567890" * 10,
    "slashes": "/" * 100,
    "dashes": "-" * 100,
    "so-cues": "Số: " * 25,
    "so-numbers": "Số: 12/QĐ-UBND " * 6,
    "capital-lines": "ỦY BAN NHÂN DÂN TỈNH KIÊN GIANG CỘNG HÒA XÃ HỘI",
    "spaces": " " * 100,
    "bullets": "- " * 50,
    "flattened-cues": "Số: Nơi nhận: Căn cứ Điều 1. " + "a " * 60,
    "dates": "ngày 12 tháng 3 năm 2023 " * 4,
    "kinh-gui": "Kính gửi: " * 10,
    "pipes": "| a " * 25 + "|",
    "cited-numbers": "Quyết định số 12/QĐ-UBND-" * 4,
    "stars": "*" * 100,
    "dots": "….../" * 20,
}


def _sized(unit: str, size: int) -> str:
    return unit * max(1, size // len(unit.encode()))


@pytest.mark.parametrize("layout", ["lines", "one-line"])
@pytest.mark.parametrize("unit", list(ADVERSARIAL.values()), ids=list(ADVERSARIAL))
def test_time_grows_linearly_with_input_size(unit: str, layout: str) -> None:
    piece = unit + ("\n" if layout == "lines" else " ")
    small, large = _sized(piece, SMALL), _sized(piece, LARGE)
    ratio = growth(lambda: parse_text(small), lambda: parse_text(large))
    assert ratio < MAX_RATIO, f"{LARGE // SMALL}x the input took {ratio:.0f}x the time"
