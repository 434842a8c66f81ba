"""Timing for the tests that compare how time grows with input size, never absolute times.

A growth test runs the work at two sizes and checks the ratio: about 10 for linear work
on 10 times the input, about 100 for a quadratic one.  Two things that are not the work's
own cost made those ratios noisy enough to fail on a busy CI machine (33 where 10 was
expected, for a 10 ms small run):
- ``time.process_time`` counts every thread of the test process, and earlier tests leave
  some behind (a Dask client's event loop);
- a collection by the garbage collector walks the whole test process's heap, whatever
  the size of the input that happened to trigger it.
So the clock here is this thread's CPU time, with the collector held off while the work
runs.  The small run, short enough for a stray interruption to matter, is timed twice
and its best time kept.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable

Work = Callable[[], object]


def cpu_seconds(work: Work) -> float:
    """CPU seconds this thread spends in ``work()``, with no garbage collection inside."""
    gc.collect()
    gc.disable()
    try:
        start = time.thread_time()
        work()
        return time.thread_time() - start
    finally:
        gc.enable()


def growth(small: Work, large: Work) -> float:
    """How many times as long ``large`` takes as ``small`` (the best of two small runs)."""
    best_small = min(cpu_seconds(small), cpu_seconds(small))
    return cpu_seconds(large) / max(best_small, 1e-3)
