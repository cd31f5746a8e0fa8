"""Benchmark of the exact tier: exact ε-limits and the exact pseudo-inverse.

Run from the repository root::

    python benchmarks/bench_exact.py           # full: 3 alternating runs per pair
    python benchmarks/bench_exact.py --quick   # 1 run per pair, smaller caps

Everything runs in one process. Each comparison alternates the two contenders
run by run and reports the median time; derivcheck's memos and SymPy's global
cache are emptied before every run, so no run profits from an earlier one.
Every pair of results is checked for exact equality.

Comparisons
-----------
1. ``regularized_limit`` against the baseline ``sympy.limit`` taken entry by
   entry of ``(AᵀA + εI)⁻¹Aᵀ`` (the inverse built by SymPy with a positive
   symbol ε), on 12x10 rank 5 and 24x16 rank 8.
2. A scale curve of ``regularized_limit`` (both sides, both engines) up to
   60x40 rank 20.
3. ``pinv_exact`` (flint and SymPy engines) against SymPy's ``Matrix.pinv``
   at 20x15, 60x40 rank 20 and 120x80 rank 40; ``Matrix.pinv`` is stopped
   after a time cap and reported as "> cap".

The test matrices are products of seeded random integer matrices
``(m x r)(r x n)`` with entries in [-3, 3], regenerated until the rank is r.

:func:`run_benchmarks` returns the rows for use by other scripts.
"""

from __future__ import annotations

import argparse
import random
import signal
import statistics
import sys
import time
from dataclasses import dataclass
from typing import Callable

import sympy
from sympy.core.cache import clear_cache
from sympy.polys.matrices import DomainMatrix

from derivcheck.exact._backend import flint_available
from derivcheck.exact.limits import limit_cache_clear, regularized_limit
from derivcheck.exact.pinv import pinv_cache_clear, pinv_exact

__all__ = ["BenchRow", "random_rank_matrix", "run_benchmarks", "format_table", "main"]


@dataclass(frozen=True)
class BenchRow:
    """One line of the benchmark table (times in seconds; None when not run)."""

    task: str
    size: str
    ours: str
    ours_s: float
    baseline: str
    baseline_s: float | None
    baseline_capped: bool
    speedup: float | None
    same_result: bool | None
    runs: int


def random_rank_matrix(m: int, n: int, r: int, seed: int, bound: int = 3) -> sympy.Matrix:
    """An ``m x n`` integer matrix of rank exactly ``r``: a product of seeded random factors."""
    rng = random.Random(seed)
    while True:
        L = sympy.Matrix(m, r, lambda i, j: rng.randint(-bound, bound))
        R = sympy.Matrix(r, n, lambda i, j: rng.randint(-bound, bound))
        A = L * R
        if DomainMatrix.from_Matrix(A).rank() == r:
            return A


class _Timeout(Exception):
    pass


def _run_capped(fn: Callable[[], object], cap: float) -> tuple[float, object, bool]:
    """Run *fn*; stop it after *cap* seconds where SIGALRM exists. Returns (time, result, capped)."""
    can_cap = hasattr(signal, "setitimer") and cap > 0

    def _raise(signum, frame):
        raise _Timeout

    old = signal.signal(signal.SIGALRM, _raise) if can_cap else None
    t0 = time.perf_counter()
    try:
        if can_cap:
            signal.setitimer(signal.ITIMER_REAL, cap)
        result = fn()
        return time.perf_counter() - t0, result, False
    except _Timeout:
        return time.perf_counter() - t0, None, True
    finally:
        if can_cap:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, old)


def _fresh(fn: Callable[[], object]) -> Callable[[], object]:
    """*fn* run cold: derivcheck's memos and SymPy's global cache emptied first."""
    def run():
        pinv_cache_clear()
        limit_cache_clear()
        clear_cache()
        return fn()
    return run


def _sympy_limit_entrywise(A: sympy.Matrix) -> sympy.Matrix:
    """The baseline: lim_{ε→0⁺} of every entry of (AᵀA + εI)⁻¹Aᵀ with sympy.limit."""
    eps = sympy.Symbol("epsilon", positive=True)
    n = A.cols
    R = (A.T * A + eps * sympy.eye(n)).inv() * A.T
    return R.applyfunc(lambda e: sympy.limit(e, eps, 0, "+"))


def _compare(task, size, ours_name, ours_fn, base_name, base_fn, runs, cap) -> BenchRow:
    ours_times, base_times = [], []
    ours_result = base_result = None
    capped = False
    for _ in range(runs):  # alternate the contenders run by run
        t0 = time.perf_counter()
        ours_result = ours_fn()
        ours_times.append(time.perf_counter() - t0)
        if not capped:
            t, result, capped = _run_capped(base_fn, cap)
            if not capped:
                base_times.append(t)
                base_result = result
    ours_s = statistics.median(ours_times)
    if capped:
        base_s, same = cap, None
    else:
        base_s = statistics.median(base_times)
        same = bool(sympy.Matrix(ours_result) == sympy.Matrix(base_result))
    return BenchRow(task, size, ours_name, ours_s, base_name, base_s, capped,
                    base_s / ours_s if ours_s > 0 else None, same, runs)


def run_benchmarks(quick: bool = False, *, log: Callable[[str], None] | None = None) -> list[BenchRow]:
    """Run all comparisons and return the table rows.

    Parameters
    ----------
    quick : bool
        One run per pair and smaller time caps (full: median of 3 runs).
    log : callable, optional
        Called with a line of progress text after each row.

    Returns
    -------
    list of BenchRow
    """
    runs = 1 if quick else 3
    cap = 30.0 if quick else 120.0
    rows: list[BenchRow] = []
    engines = ["flint", "sympy"] if flint_available() else ["sympy"]

    def add(row: BenchRow) -> None:
        rows.append(row)
        if log:
            log(format_table([row], header=False))

    # 1. regularized_limit against entry-by-entry sympy.limit.
    for (m, n, r) in [(12, 10, 5), (24, 16, 8)]:
        A = random_rank_matrix(m, n, r, seed=1000 + m)
        add(_compare(
            "lim (AᵀA+εI)⁻¹Aᵀ", f"{m}x{n} r{r}",
            "regularized_limit", _fresh(lambda A=A: regularized_limit(A, "left").value),
            "sympy.limit entrywise", _fresh(lambda A=A: _sympy_limit_entrywise(A)),
            runs, cap * 5,
        ))

    # 2. Scale curve of regularized_limit.
    sizes = [(12, 10, 5), (24, 16, 8), (36, 24, 12), (48, 32, 16), (60, 40, 20)]
    if quick:
        sizes = [(12, 10, 5), (36, 24, 12), (60, 40, 20)]
    for (m, n, r) in sizes:
        A = random_rank_matrix(m, n, r, seed=2000 + m)
        for engine in engines:
            for side in ("left", "right"):
                fn = _fresh(lambda A=A, s=side, e=engine: regularized_limit(A, s, backend=e))
                times = []
                for _ in range(runs):
                    t0 = time.perf_counter()
                    res = fn()
                    times.append(time.perf_counter() - t0)
                if not (res.verified and res.value == pinv_exact(A)):
                    raise AssertionError(f"regularized_limit failed at {m}x{n} r{r} {side} {engine}")
                add(BenchRow("regularized_limit scale", f"{m}x{n} r{r}", f"{side}, {engine}",
                             statistics.median(times), "-", None, False, None, None, runs))

    # 3. pinv_exact against Matrix.pinv.
    for (m, n, r) in [(20, 15, 15), (60, 40, 20), (120, 80, 40)]:
        A = random_rank_matrix(m, n, r, seed=3000 + m)
        for engine in engines:
            add(_compare(
                "pinv", f"{m}x{n} r{r}",
                f"pinv_exact[{engine}]", _fresh(lambda A=A, e=engine: pinv_exact(A, backend=e)),
                "Matrix.pinv", _fresh(lambda A=A: A.pinv()),
                runs, cap,
            ))
    return rows


def format_table(rows: list[BenchRow], header: bool = True) -> str:
    """The rows as a fixed-width text table."""
    def fmt_t(x):
        return "-" if x is None else (f"{x * 1e3:8.1f} ms" if x < 1 else f"{x:8.2f} s ")

    lines = []
    if header:
        lines.append(f"{'task':24} {'size':14} {'ours':26} {'time':>11}   {'baseline':22} "
                     f"{'time':>11}  {'ratio':>8}  same")
    for r in rows:
        base_t = ("> " + fmt_t(r.baseline_s).strip()) if r.baseline_capped else fmt_t(r.baseline_s)
        ratio = "-" if r.speedup is None else (("> " if r.baseline_capped else "") + f"{r.speedup:.1f}x")
        same = "-" if r.same_result is None else ("yes" if r.same_result else "NO")
        lines.append(f"{r.task:24} {r.size:14} {r.ours:26} {fmt_t(r.ours_s):>11}   {r.baseline:22} "
                     f"{base_t:>11}  {ratio:>8}  {same}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point: run the benchmarks and print the table; 1 if results differ."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="one run per pair, smaller caps")
    args = parser.parse_args(argv)
    print(f"python {sys.version.split()[0]}, sympy {sympy.__version__}, "
          f"flint {'yes' if flint_available() else 'no'}; "
          f"{'quick' if args.quick else 'full'} run (median of {1 if args.quick else 3})")
    print(format_table([], header=True))
    rows = run_benchmarks(args.quick, log=print)
    bad = [r for r in rows if r.same_result is False]
    if bad:
        print(f"\n{len(bad)} row(s) with DIFFERENT results", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

