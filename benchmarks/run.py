"""The benchmark suite: every hot path against the obvious alternative, in one run.

Run from the repository root::

    python benchmarks/run.py           # full
    python benchmarks/run.py --quick   # under 5 minutes on a 2-core machine

It prints the tables and writes ``benchmarks/results.md`` with a description
of the machine. Every speed figure is a ratio against the alternative measured
in the same process (alternating runs, median of several) with both results
checked equal; the sections are

1. exact tier (``bench_exact``): ``regularized_limit`` against entry-by-entry
   ``sympy.limit``, its scale curve, ``pinv_exact`` against ``Matrix.pinv``;
2. numeric legs (``bench_numeric``): float64 and mpmath accuracy and speed;
3. the index-route gradient check: time against the number of entries, up to
   6×6×6; and the full check over every shape with each dimension 1..d, deciding
   each shape in the polynomial ring against the SymPy route alone;
4. ``derivcheck verify`` of the bundled derivations: wall time serial and with
   two processes (JSON reports checked byte-identical), the ten slowest claims.

The differential benchmark (verdicts against an independent oracle on 800
random claims, side by side with a naive numpy check) runs on its own:
``python benchmarks/bench_differential.py`` writes ``results_differential.md``.
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import bench_exact  # noqa: E402
import bench_numeric  # noqa: E402


def machine_description() -> str:
    """One paragraph: CPU, cores, memory, Python and library versions."""
    import mpmath
    import numpy
    import sympy

    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        kb = int(next(l for l in Path("/proc/meminfo").read_text().splitlines()
                      if l.startswith("MemTotal")).split()[1])
        mem = f", {kb / 2**20:.0f} GiB"
    except (OSError, StopIteration, ValueError):
        pass
    try:
        import flint

        fl = f", python-flint {flint.__version__}"
    except ImportError:
        fl = ", python-flint not installed"
    return (f"{cpu}, {os.cpu_count()} cores{mem}; {platform.system()} {platform.release()}; "
            f"Python {platform.python_version()}, SymPy {sympy.__version__}, mpmath {mpmath.__version__}, "
            f"NumPy {numpy.__version__}{fl}")


def gradient_scale_rows(quick: bool) -> list[tuple[str, int, float, float]]:
    """Index-route gradient of ‖AB − M‖²_F w.r.t. B at n = r = m = k: (shape, entries, index s, check s)."""
    import sympy

    from derivcheck.exact import compare_gradient, frobenius_norm_squared, gradient_index_route

    rows = []
    for k in ([2, 4, 6] if quick else [2, 3, 4, 5, 6]):
        A, B, M = (sympy.MatrixSymbol(x, k, k) for x in "ABM")
        loss = frobenius_norm_squared(A * B - M)
        claimed = 2 * A.T * (A * B - M)
        t_index, t_check = [], []
        for _ in range(1 if quick else 3):
            t0 = time.perf_counter()
            gradient_index_route(loss, B)
            t_index.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            res = compare_gradient(loss, B, claimed)
            t_check.append(time.perf_counter() - t0)
            if not res.holds:
                raise AssertionError(f"the gradient check failed at {k}x{k}x{k}")
        rows.append((f"{k}x{k}x{k}", 3 * k * k, statistics.median(t_index), statistics.median(t_check)))
    return rows


def gradient_ring_rows(quick: bool) -> list[tuple[int, int, float, float]]:
    """``compare_gradient`` of 2Aᵀ(AB − M) for ‖AB − M‖²_F, each dimension 1..d: ring route against SymPy alone.

    Rows ``(d, shapes, seconds, seconds by the SymPy route alone)``. The check decides each shape
    in the polynomial ring of the entries; the alternative is the same check with that route
    switched off, so every shape is instantiated and expanded by SymPy. Runs alternate and both
    results are checked equal.
    """
    from unittest import mock

    import sympy

    import derivcheck.exact.gradients as gradients
    from derivcheck.exact import compare_gradient, frobenius_norm_squared

    n, r, m = sympy.symbols("n r m", integer=True, positive=True)
    A, B, M = sympy.MatrixSymbol("A", n, r), sympy.MatrixSymbol("B", r, m), sympy.MatrixSymbol("M", n, m)
    loss, claimed = frobenius_norm_squared(A * B - M), 2 * A.T * (A * B - M)
    rows = []
    for d in ([2, 3] if quick else [2, 3, 4]):
        ring, alone = [], []
        for _ in range(1 if quick else 3):
            t0 = time.perf_counter()
            fast = compare_gradient(loss, B, claimed, max_dim=d, max_instances=d**3)
            ring.append(time.perf_counter() - t0)
            with mock.patch.object(gradients, "_statuses_in_ring", lambda *a, **kw: None):
                t0 = time.perf_counter()
                slow = compare_gradient(loss, B, claimed, max_dim=d, max_instances=d**3)
                alone.append(time.perf_counter() - t0)
            if not fast.holds or fast != slow:
                raise AssertionError(f"the ring route changed the result at max_dim={d}")
        rows.append((d, len(fast.shapes_checked), statistics.median(ring), statistics.median(alone)))
    return rows


def verify_rows() -> tuple[float, float, bool, list[tuple[str, float, str]]]:
    """Wall time of ``derivcheck verify`` serial and --jobs 2; byte-identical JSON; ten slowest claims."""
    from derivcheck.claims import load_derivations
    from derivcheck.runner import run_claims
    from derivcheck.report import render_json

    exe = [sys.executable, "-m", "derivcheck", "verify", "--format", "json"]
    outs, walls = [], []
    for extra in ([], ["--jobs", "2"]):
        t0 = time.perf_counter()
        proc = subprocess.run(exe + extra, cwd=ROOT, capture_output=True, text=True)
        walls.append(time.perf_counter() - t0)
        outs.append(proc.stdout)
    report = run_claims(load_derivations(None), seed=0)
    if render_json(report) != outs[0]:
        raise AssertionError("in-process report differs from the command's")
    slow = sorted(report.outcomes, key=lambda o: -o.seconds)[:10]
    return walls[0], walls[1], outs[0] == outs[1], [
        (o.claim.qualified_id, o.seconds, o.status) for o in slow
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer runs and sizes (< 5 minutes)")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    out: list[str] = [
        "# derivcheck benchmarks", "",
        f"Run `python benchmarks/run.py{' --quick' if args.quick else ''}` on "
        f"{datetime.date.today().isoformat()}.", "",
        f"Machine: {machine_description()}.", "",
    ]

    print("1. exact tier", flush=True)
    exact = bench_exact.run_benchmarks(quick=args.quick, log=print)
    out += ["## 1. Exact tier", "", "Ratios are baseline time / our time (higher is better).", "",
            "```", bench_exact.format_table(exact), "```", ""]

    print("2. numeric legs", flush=True)
    numeric = bench_numeric.run(quick=args.quick)
    print(bench_numeric.format_table(numeric))
    out += ["## 2. Numeric legs", "", "Accuracy against the exact truth and time ratios "
            "(ours / alternative, lower is better).", "", "```", bench_numeric.format_table(numeric), "```", ""]

    print("3. gradient index route", flush=True)
    grads = gradient_scale_rows(args.quick)
    table = ["| shape n×r×m | symbolic entries | index route | full check (both routes) |", "|---|---|---|---|"]
    table += [f"| {s} | {e} | {t1 * 1e3:.0f} ms | {t2 * 1e3:.0f} ms |" for s, e, t1, t2 in grads]
    print("\n".join(table))
    out += ["## 3. Gradient check, index route", "", *table, ""]
    rings = gradient_ring_rows(args.quick)
    table = ["| dimensions | shapes | check (polynomial ring) | check (SymPy route alone) | ratio |",
             "|---|---|---|---|---|"]
    table += [f"| 1..{d} each | {k} | {t1:.2f} s | {t2:.2f} s | {t2 / t1:.1f}× |" for d, k, t1, t2 in rings]
    print("\n".join(table))
    out += ["Deciding each shape in the polynomial ring of the entries, against the same check by "
            "SymPy's instantiation alone (results checked equal):", "", *table, ""]

    print("4. derivcheck verify", flush=True)
    serial, parallel, identical, slow = verify_rows()
    lines = [f"- serial: {serial:.1f} s wall; `--jobs 2`: {parallel:.1f} s wall "
             f"(ratio {serial / parallel:.2f}); JSON reports byte-identical: {'yes' if identical else 'NO'}",
             "- target: ≤ 60 s wall on a 2-core machine (aim: 20 s)", "",
             "| ten slowest claims | seconds | verdict |", "|---|---|---|"]
    lines += [f"| {cid} | {sec:.2f} | {status} |" for cid, sec, status in slow]
    print("\n".join(lines))
    out += ["## 4. `derivcheck verify` of the bundled derivations", "", *lines, ""]

    failed_numeric = [r for r in numeric if not r.ok]
    limit_ratios = [r.speedup for r in exact if r.task.startswith("lim") and r.speedup]
    out += ["## Targets", "",
            f"- exact ε-limit vs sympy.limit: {', '.join(f'{x:.0f}×' for x in limit_ratios)} (target ≥ 50×)",
            f"- numeric legs: {len(numeric) - len(failed_numeric)} of {len(numeric)} rows meet their target",
            f"- verify: {serial:.1f} s serial (target ≤ 60 s)", "",
            f"Suite time: {time.perf_counter() - started:.0f} s.", ""]
    (HERE / "results.md").write_text("\n".join(out), encoding="utf-8")
    print(f"\nwrote {HERE / 'results.md'} in {time.perf_counter() - started:.0f} s")
    ok = not failed_numeric and all(x >= 50 for x in limit_ratios) and identical and serial <= 60
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
