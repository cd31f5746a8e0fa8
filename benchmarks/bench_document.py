"""Benchmark of ``derivcheck check`` on a 100-formula article: serial against ``--jobs 2``.

Run from the repository root::

    python benchmarks/bench_document.py             # 100 formulas, 1 run each
    python benchmarks/bench_document.py --runs 3    # median of 3 alternating runs
    python benchmarks/bench_document.py --formulas 200

The article is built from blocks of ten formulas of every kind: true and
false claims (identities, a conditional one, a gradient, a limit), a
declaration, a definition with a claim that uses it, a hypothesis, an
expression and an unsupported formula. Each block uses its own matrix names
(``A_{k}``, ``B_{k}``, ``M_{k}``), so no check repeats another one.

Each contender is the whole command (``python -m derivcheck check FILE
--format json``) in a fresh process, so process start, imports and the pool's
workers are counted. The two JSON reports are checked byte-identical. The
target is at most 30 s with ``--jobs 2`` on a 2-core machine.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

__all__ = ["build_article", "time_check", "main"]

ROOT = Path(__file__).resolve().parent.parent
TARGET_SECONDS = 30.0

# One block: ten formulas; {X}, {Y}, {Z} are matrix names, {k} the block number.
_BLOCK = (
    ("declaration", r"{Y} \in \mathbb{{R}}^{{p \times q}}"),
    ("claim", r"{X} {X}^+ {X} = {X}"),
    ("claim", r"({X}^T)^+ = ({X}^+)^T"),
    ("claim", r"({X} {Y})^T = {Y}^T {X}^T"),
    ("claim", r"({X}^T {X})^{{-1}} {X}^T = {X}^+"),
    ("claim", r"{X}^+ = {X}^T"),
    ("definition", r"P_{{{k}}} = {X} {X}^+"),
    ("claim", r"P_{{{k}}}^2 = P_{{{k}}}"),
    ("hypothesis", r"{X} G_{{{k}}} {X} = {X}"),
    ("expression", r"{X}^T {Z}"),
)
_EXTRA = (
    ("claim", r"\frac{{\partial}}{{\partial {Y}}} \|{X} {Y} - {Z}\|_F^2 = 2 {X}^T ({X} {Y} - {Z})"),
    ("claim", r"\lim_{{\epsilon \to 0}} ({X}^T {X} + \epsilon I)^{{-1}} {X}^T = {X}^+"),
    ("unsupported", r"\sum_i {X}_{{ii}} = 1"),
)


def build_article(count: int) -> tuple[str, dict[str, int]]:
    """A Markdown article with *count* formulas, and how many of each kind it was built with."""
    lines = ["# A generated article", ""]
    kinds: dict[str, int] = {}
    made = 0
    k = 0
    while made < count:
        k += 1
        names = {"X": f"A_{{{k}}}", "Y": f"B_{{{k}}}", "Z": f"M_{{{k}}}", "k": k}
        block = _BLOCK if k % 3 else _BLOCK[:7] + _EXTRA
        lines.append(f"## Part {k}")
        lines.append("")
        for kind, template in block:
            if made == count:
                break
            formula = template.format(**names)
            prose = "Suppose" if kind == "hypothesis" else "We have"
            if kind == "claim" and made % 2:
                lines += ["$$", formula, "$$", ""]
            else:
                lines += [f"{prose} ${formula}$.", ""]
            kinds[kind] = kinds.get(kind, 0) + 1
            made += 1
    return "\n".join(lines) + "\n", kinds


def time_check(path: Path, jobs: int) -> tuple[float, float, str]:
    """Wall time and CPU time (all processes) of ``derivcheck check path --format json --jobs N``, and its output."""
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src") + os.pathsep + os.environ.get("PYTHONPATH", ""))
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "derivcheck", "check", str(path), "--format", "json",
                           "--jobs", str(jobs)], capture_output=True, text=True, env=env, check=False)
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if done.returncode not in (0, 1):
        raise SystemExit(f"derivcheck check failed ({done.returncode}): {done.stderr.strip()}")
    return seconds, cpu, done.stdout


def main(argv: list[str] | None = None) -> int:
    """Build the article, time both runs, print the table; exit 1 if the reports differ."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--formulas", type=int, default=100, help="formulas in the article (default 100)")
    parser.add_argument("--runs", type=int, default=1, help="alternating runs per contender (default 1)")
    args = parser.parse_args(argv)
    text, kinds = build_article(args.formulas)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "article.md"
        path.write_text(text, encoding="utf-8")
        times: dict[int, list[float]] = {1: [], 2: []}
        cpus: dict[int, list[float]] = {1: [], 2: []}
        outputs: dict[int, str] = {}
        load = os.getloadavg()[0]
        for _ in range(args.runs):
            for jobs in (1, 2):
                seconds, cpu, outputs[jobs] = time_check(path, jobs)
                times[jobs].append(seconds)
                cpus[jobs].append(cpu)
    report = json.loads(outputs[1])
    summary = report["summary"]
    serial, parallel = statistics.median(times[1]), statistics.median(times[2])
    same = outputs[1] == outputs[2]
    print(f"article: {summary['formulas']} formulas (built: "
          + ", ".join(f"{n} {k}" for k, n in sorted(kinds.items())) + ")")
    print("found:   " + ", ".join(f"{n} {k}" for k, n in summary["kinds"].items() if n))
    print("claims:  " + ", ".join(f"{n} {v}" for v, n in summary["verdicts"].items() if n))
    print()
    cpu1, cpu2 = statistics.median(cpus[1]), statistics.median(cpus[2])
    print(f"{'run':<12}{'wall time':>12}{'formulas/s':>13}{'ratio':>9}{'CPU time':>12}")
    print(f"{'serial':<12}{serial:>10.2f} s{summary['formulas'] / serial:>13.1f}{1.0:>8.2f}x{cpu1:>10.2f} s")
    print(f"{'--jobs 2':<12}{parallel:>10.2f} s{summary['formulas'] / parallel:>13.1f}{serial / parallel:>8.2f}x"
          f"{cpu2:>10.2f} s")
    print(f"(load average {load:.1f} on {os.cpu_count()} cores before the runs; the ratio is serial / parallel "
          "wall time, the CPU time is that of every process of the run)")
    print()
    print(f"reports byte-identical: {'yes' if same else 'NO'}; target --jobs 2 <= {TARGET_SECONDS:g} s: "
          f"{'met' if parallel <= TARGET_SECONDS else 'MISSED'}")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
