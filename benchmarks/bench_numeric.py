"""Accuracy and speed of the numeric legs, on exact test matrices.

Run ``python benchmarks/bench_numeric.py [--quick]``; a suite runner can
import :func:`run` and get the rows. Each row is a measured number next to
its target:

accuracy (matrices from ``matrix_with_condition_number``, κ₂ = 1 … 1e12)
    * float64: relative Frobenius error of ``pinv_svd64`` vs the exact A⁺,
      at most 2× that of ``numpy.linalg.pinv`` (same cutoff rule,
      ``rtol=None``; errors below ``max(M, N)·u`` count as ``max(M, N)·u``)
      and within ``10·max(M, N)·u·κ``;
    * mpmath: ``pinv_mp`` at 50 digits agrees with the exact A⁺ to at least
      ``50 − log10 κ − 3`` digits.
speed (median of per-round time ratios over alternating back-to-back runs;
both sides' results checked equal)
    * ``pinv_svd64`` vs ``numpy.linalg.pinv``: target ratio ≤ 1.5;
    * ``pinv_mp`` at 50 digits vs a bare ``mp.svd_r`` of the same matrix at
      50 digits: target ratio ≤ 1.5.
"""

from __future__ import annotations

import argparse
import math
import statistics
import sys
import time
from dataclasses import dataclass
from typing import Callable

import numpy as np
from mpmath import mp

from derivcheck.compare.bounds import mp_required_digits
from derivcheck.compare.convert import exact_to_f64, exact_to_mp
from derivcheck.compare.metrics import relative_error
from derivcheck.exact.generators import matrix_with_condition_number, random_rational_matrix
from derivcheck.f64.pinv import pinv_svd64
from derivcheck.highprec.pinv import pinv_mp, pinv_mp_details

U = 2.0**-53
DPS = 50


@dataclass(frozen=True)
class BenchRow:
    """One measurement.

    Attributes
    ----------
    group : str
        ``"accuracy-f64"``, ``"accuracy-mp"``, ``"speed-f64"`` or ``"speed-mp"``.
    case : str
        The matrix (shape and κ, or size).
    measured : float
        Error ratio, digits, or time ratio.
    target : float
        The target it is compared with.
    ok : bool
        Whether the target is met (``measured <= target`` for ratios and
        errors, ``>=`` for digits).
    detail : str
        The raw numbers behind it.
    """

    group: str
    case: str
    measured: float
    target: float
    ok: bool
    detail: str


def _timed(fn: Callable[[], object], inner: int) -> float:
    t0 = time.perf_counter()
    for _ in range(inner):
        fn()
    return (time.perf_counter() - t0) / inner


def _alternating_medians(
    ours: Callable[[], object], ref: Callable[[], object], repeats: int, inner: int
) -> tuple[float, float, float]:
    """Median times of each side and median of the per-round time ratios.

    Each round times both sides back to back (alternating which goes first),
    so both see the same machine load; the median of the per-round ratios
    is robust to load that changes between rounds.
    """
    a, b, ratios = [], [], []
    for r in range(repeats):
        if r % 2 == 0:
            ta = _timed(ours, inner)
            tb = _timed(ref, inner)
        else:
            tb = _timed(ref, inner)
            ta = _timed(ours, inner)
        a.append(ta)
        b.append(tb)
        ratios.append(ta / tb)
    return statistics.median(a), statistics.median(b), statistics.median(ratios)


def accuracy_rows(quick: bool) -> list[BenchRow]:
    """Accuracy of both legs against the exact pseudo-inverse, κ₂ from 1 to 1e12."""
    m, n = (10, 6) if quick else (24, 16)
    conds = (1, 10**3, 10**6, 10**9, 10**12) if quick else tuple(10**k for k in range(0, 13, 2))
    rows = []
    for i, cond in enumerate(conds):
        known = matrix_with_condition_number(m, n, cond, seed=100 + i)
        case = f"{m}x{n} kappa=1e{round(math.log10(cond))}"
        a64 = exact_to_f64(known.A)
        err_ours = float(relative_error(pinv_svd64(a64), known.pinv, dps=30))
        err_np = float(relative_error(np.linalg.pinv(a64, rtol=None), known.pinv, dps=30))
        floor = max(m, n) * U
        ratio = max(err_ours, floor) / max(err_np, floor)
        bound = 10 * max(m, n) * U * cond
        rows.append(BenchRow(
            "accuracy-f64", case, ratio, 2.0, ratio <= 2.0 and err_ours <= bound,
            f"err ours {err_ours:.2e}, numpy {err_np:.2e}, bound 10*max(M,N)*u*kappa "
            f"{bound:.2e} ({err_ours / bound:.2e} of it)",
        ))
        X = pinv_mp(exact_to_mp(known.A, DPS + 10), DPS)
        err = relative_error(X, known.pinv, dps=2 * DPS)
        with mp.workdps(30):
            digits = float(-mp.log10(err)) if err else math.inf
        required = mp_required_digits(DPS, cond)
        rows.append(BenchRow(
            "accuracy-mp", case, digits, required, digits >= required,
            f"relative error {float(err):.2e} at dps={DPS}",
        ))
    return rows


def speed_f64_rows(quick: bool) -> list[BenchRow]:
    """pinv_svd64 against numpy.linalg.pinv, alternating, median."""
    rng = np.random.default_rng(0)
    sizes = ((10, 10), (60, 40), (200, 200)) if quick else (
        (10, 10), (60, 40), (40, 60), (200, 200), (500, 300))
    repeats = 11 if quick else 21
    rows = []
    for m, n in sizes:
        A = rng.standard_normal((m, n))
        ours, theirs = pinv_svd64(A), np.linalg.pinv(A, rtol=None)
        s = np.linalg.svd(A, compute_uv=False)
        same = np.linalg.norm(ours - theirs) <= 10 * max(m, n) * U * (s[0] / s[-1]) * np.linalg.norm(
            theirs)
        single = _timed(lambda: np.linalg.pinv(A, rtol=None), 1)
        inner = max(1, int(0.02 / max(single, 1e-6)))
        t_ours, t_np, ratio = _alternating_medians(
            lambda: pinv_svd64(A), lambda: np.linalg.pinv(A, rtol=None), repeats, inner
        )
        rows.append(BenchRow(
            "speed-f64", f"{m}x{n}", ratio, 1.5, ratio <= 1.5 and bool(same),
            f"ours {t_ours * 1e3:.3f} ms, numpy {t_np * 1e3:.3f} ms, results equal: {bool(same)}",
        ))
    return rows


def speed_mp_rows(quick: bool) -> list[BenchRow]:
    """pinv_mp at 50 digits against a bare mp.svd_r at 50 digits, alternating, median."""
    sizes = (10, 20) if quick else (10, 20, 30, 40)
    rows = []
    for k in sizes:
        repeats = 7 if k <= 10 else 3
        A = exact_to_mp(random_rational_matrix(k, k, seed=k, denominators=True), DPS)

        def bare():
            with mp.workdps(DPS):
                return mp.svd_r(A)

        details = pinv_mp_details(A, DPS)
        _, S_bare, _ = bare()
        with mp.workdps(DPS):
            agree = all(
                abs(details.singular_values[i] - S_bare[i])
                <= mp.mpf(10) ** (-DPS + 5) * S_bare[0] for i in range(k)
            )
        t_ours, t_bare, ratio = _alternating_medians(lambda: pinv_mp(A, DPS), bare, repeats, 1)
        rows.append(BenchRow(
            "speed-mp", f"{k}x{k}", ratio, 1.5, ratio <= 1.5 and agree,
            f"pinv_mp {t_ours:.3f} s, svd_r {t_bare:.3f} s, singular values equal: {agree}",
        ))
    return rows


def run(quick: bool = True) -> list[BenchRow]:
    """All benchmark rows (accuracy first, then speed)."""
    return accuracy_rows(quick) + speed_f64_rows(quick) + speed_mp_rows(quick)


def format_table(rows: list[BenchRow]) -> str:
    """A plain-text table of the rows."""
    head = f"{'group':<13} {'case':<22} {'measured':>10} {'target':>8}  ok   detail"
    lines = [head, "-" * len(head)]
    for r in rows:
        cmp = "<=" if r.group != "accuracy-mp" else ">="
        lines.append(
            f"{r.group:<13} {r.case:<22} {r.measured:>10.3g} {cmp}{r.target:>6.3g}  "
            f"{'yes' if r.ok else 'NO ':<4} {r.detail}"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes, a few seconds")
    args = parser.parse_args(argv)
    rows = run(quick=args.quick)
    print(format_table(rows))
    failed = [r for r in rows if not r.ok]
    print(f"\n{len(rows) - len(failed)} of {len(rows)} rows meet their target")
    return 0 if not failed else 1


if __name__ == "__main__":
    sys.exit(main())
