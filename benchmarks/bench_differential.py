"""Differential benchmark: derivcheck's verdicts on random claims against an independent oracle.

Run from the repository root::

    python benchmarks/bench_differential.py            # 600 identities + 200 gradients
    python benchmarks/bench_differential.py --quick    # 120 + 40

The claims, the oracle and the naive check live in
``tests/differential/differential_kit`` (the same code as the CI tests, on
more and larger claims): random shape-correct identities over products,
sums, transposes, pseudo-inverses and inverses (true rewrites, rewrites valid
at full rank only, perturbations), judged by exact evaluation at every rank
profile with the oracle's own pseudo-inverse; random trace and Frobenius
losses with right and wrong gradients, judged by the exact directional
derivative. Side by side on the same claims, the naive check: numpy at three
random Gaussian draws, ``np.linalg.pinv`` and ``np.allclose`` (central
differences for gradients).

It prints and writes ``benchmarks/results_differential.md``: claims by oracle
class, derivcheck's wrong verdicts (target 0), undecided and inconsistent
ones, the naive check's wrong verdicts, the time per claim, and a
reproduction of every wrong verdict.
"""

from __future__ import annotations

import argparse
import collections
import datetime
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "tests" / "differential"))

from run import machine_description  # noqa: E402

from differential_kit.gradients import classify_gradient, gradient_claims, run_gradient_check  # noqa: E402
from differential_kit.identities import identity_claims  # noqa: E402
from differential_kit.naive import naive_gradient, naive_identity  # noqa: E402
from differential_kit.oracle import classify_identity, run_identity_check  # noqa: E402
from differential_kit.oracle import Judgement  # noqa: E402
from differential_kit.timed import TimedOut, TimedRunner  # noqa: E402
from differential_kit.trees import loss_to_sympy, symbols_of, to_sympy  # noqa: E402

CATEGORIES = ("right", "wrong", "undecided", "inconsistent", "timeout", "oracle-miss", "error")


def timed_check(run: TimedRunner, function, *args, truth: str, budget: float, limit: float) -> Judgement:
    """*function* in the worker; a call that outlives *limit* seconds is a ``timeout``."""
    try:
        return run(function, *args, budget=budget, limit=limit)
    except TimedOut:
        return Judgement("timeout", "none", truth, f"no verdict within {limit:.0f} s", limit)


def _python(expr) -> str:
    """SymPy's string form, with identities as ``Identity(n)`` so that the line runs as it stands."""
    from sympy.printing.str import StrPrinter

    class Printer(StrPrinter):
        def _print_Identity(self, expr):
            return f"Identity({expr.rows})"

    return Printer().doprint(expr)


def _declarations(symbols) -> str:
    return "; ".join(f"{s.name} = MatrixSymbol('{s.name}', {s.rows}, {s.cols})" for s in symbols)


def identity_reproduction(claim) -> str:
    assume = ", ".join(f"{n}: '{w}'" for n, w in claim.assume)
    return (f"{_declarations(claim.symbols.values())}; "
            f"check_identity({_python(to_sympy(claim.lhs))}, {_python(to_sympy(claim.rhs))}"
            + (f", assume={{{assume}}})" if assume else ")"))


def gradient_reproduction(claim) -> str:
    syms = symbols_of(claim.loss, claim.candidate, claim.wrt).values()
    assume = ", ".join(f"{n}: 'symmetric'" for n in sorted(claim.symmetric))
    return (f"{_declarations(syms)}; check_gradient({_python(loss_to_sympy(claim.loss))}, X, "
            f"{_python(to_sympy(claim.candidate))}" + (f", assume={{{assume}}})" if assume else ")"))


def run_identities(run: TimedRunner, count: int, seed: int, budget: float, limit: float, log,
                   assume_rate: float) -> list[dict]:
    """Half small claims (dims ≤ 3, 2 matrices), half larger ones (dims ≤ 4, 3 matrices, deeper)."""
    small = identity_claims(seed, count // 2, max_dim=3, max_symbols=2, depth=1, assume_rate=assume_rate)
    large = identity_claims(seed + 1, count - count // 2, max_dim=4, max_symbols=3, depth=2, max_profiles=64,
                           assume_rate=assume_rate)
    rows = []
    for i, claim in enumerate(small + large):
        t0 = time.perf_counter()
        truth = classify_identity(claim.lhs, claim.rhs, assume=claim.assume)
        t_oracle = time.perf_counter() - t0
        judgement = timed_check(run, run_identity_check, claim.lhs, claim.rhs, truth, truth=truth.truth,
                                budget=budget, limit=limit)
        t0 = time.perf_counter()
        naive = naive_identity(claim.lhs, claim.rhs, seed=i)
        t_naive = time.perf_counter() - t0
        rows.append({"kind": "identity", "claim": claim, "truth": truth.truth, "judgement": judgement,
                     "naive_wrong": naive != (truth.truth == "true"), "t_oracle": t_oracle,
                     "t_naive": t_naive, "repro": identity_reproduction(claim)})
        if judgement.category != "right":
            log(f"  identity {i}: {judgement.category} ({judgement.verdict}, oracle {truth.truth}): {claim.text()}")
        if (i + 1) % 100 == 0:
            log(f"  {i + 1} identities")
    return rows


def run_gradients(run: TimedRunner, count: int, seed: int, budget: float, limit: float, log) -> list[dict]:
    rows = []
    for i, claim in enumerate(gradient_claims(seed, count, max_dim=4, symmetric_share=0.3)):
        t0 = time.perf_counter()
        truth = classify_gradient(claim)
        t_oracle = time.perf_counter() - t0
        judgement = timed_check(run, run_gradient_check, claim, truth, truth=truth.truth, budget=budget,
                                limit=limit)
        t0 = time.perf_counter()
        naive = naive_gradient(claim.loss, claim.wrt, claim.candidate, claim.symmetric, seed=i)
        t_naive = time.perf_counter() - t0
        rows.append({"kind": "gradient", "claim": claim, "truth": truth.truth, "judgement": judgement,
                     "naive_wrong": naive != (truth.truth == "true"), "t_oracle": t_oracle,
                     "t_naive": t_naive, "repro": gradient_reproduction(claim)})
        if judgement.category != "right":
            log(f"  gradient {i}: {judgement.category} ({judgement.verdict}, oracle {truth.truth}): {claim.text()}")
        if (i + 1) % 50 == 0:
            log(f"  {i + 1} gradients")
    return rows


def count_table(rows: list[dict]) -> list[str]:
    """One line per (kind, oracle class): claims, derivcheck's categories, the naive check's errors."""
    lines = ["| claims | oracle class | count | derivcheck right | **derivcheck wrong** | undecided | "
             "inconsistent | timeout | oracle miss | error | **naive numpy wrong** |",
             "|---|---|---|---|---|---|---|---|---|---|---|"]
    groups: dict = collections.defaultdict(list)
    for r in rows:
        groups[(r["kind"], r["truth"])].append(r)
    order = [("identity", "true"), ("identity", "conditional"), ("identity", "false"),
             ("gradient", "true"), ("gradient", "false")]
    for key in order + [("all", "all")]:
        rs = rows if key == ("all", "all") else groups.get(key, [])
        if not rs:
            continue
        c = collections.Counter(r["judgement"].category for r in rs)
        naive = sum(r["naive_wrong"] for r in rs)
        lines.append(f"| {key[0]} | {key[1]} | {len(rs)} | {c['right']} | **{c['wrong']}** | {c['undecided']} | "
                     f"{c['inconsistent']} | {c['timeout']} | {c['oracle-miss']} | {c['error']} | **{naive}** |")
    return lines


def time_table(rows: list[dict]) -> list[str]:
    lines = ["| claims | derivcheck median | derivcheck mean | derivcheck max | oracle mean | naive mean |",
             "|---|---|---|---|---|---|"]
    for kind in ("identity", "gradient"):
        rs = [r for r in rows if r["kind"] == kind]
        if not rs:
            continue
        dc = [r["judgement"].seconds for r in rs]
        lines.append(f"| {kind} | {statistics.median(dc):.3f} s | {statistics.mean(dc):.3f} s | {max(dc):.2f} s | "
                     f"{statistics.mean(r['t_oracle'] for r in rs):.3f} s | "
                     f"{statistics.mean(r['t_naive'] for r in rs) * 1e3:.1f} ms |")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="120 identities and 40 gradients")
    parser.add_argument("--identities", type=int, default=None, help="number of identity claims (default 600)")
    parser.add_argument("--gradients", type=int, default=None, help="number of gradient claims (default 200)")
    parser.add_argument("--seed", type=int, default=12, help="seed of the random claims (default 12)")
    parser.add_argument("--budget", type=float, default=20.0,
                        help="seconds per claim, passed if the check functions take budget= (default 20)")
    parser.add_argument("--assume-rate", type=float, default=0.3,
                        help="share of full-rank rewrites stated with full-rank assumptions (default 0.3)")
    parser.add_argument("--output", type=Path, default=HERE / "results_differential.md",
                        help="where to write the Markdown results (default benchmarks/results_differential.md)")
    parser.add_argument("--limit", type=float, default=None,
                        help="wall-clock limit per claim in the worker (default 2 x budget)")
    args = parser.parse_args(argv)
    n_id = args.identities if args.identities is not None else (120 if args.quick else 600)
    n_gr = args.gradients if args.gradients is not None else (40 if args.quick else 200)
    started = time.perf_counter()
    print(f"identities: {n_id}", flush=True)
    limit = args.limit if args.limit is not None else 2 * args.budget
    log = lambda s: print(s, flush=True)  # noqa: E731
    with TimedRunner() as run:
        rows = run_identities(run, n_id, args.seed, args.budget, limit, log, args.assume_rate)
        print(f"gradients: {n_gr}", flush=True)
        rows += run_gradients(run, n_gr, args.seed, args.budget, limit, log)
    wall = time.perf_counter() - started

    counts, times = count_table(rows), time_table(rows)
    findings = [r for r in rows if r["judgement"].category not in ("right",)]
    out = [
        "# Differential benchmark: derivcheck against an independent oracle", "",
        f"Run `python benchmarks/bench_differential.py --seed {args.seed} --assume-rate {args.assume_rate}"
        f"{' --quick' if args.quick else ''}` on {datetime.date.today().isoformat()}: "
        f"{n_id} random identities and {n_gr} random gradient claims, {wall:.0f} s in all.", "",
        f"Machine: {machine_description()}.", "",
        "Oracle classes (tests/differential/differential_kit/oracle.py): an identity is *true* when it holds "
        "at every instance of every rank profile, *conditional* when it holds at the full-rank profile and "
        "fails at some rank-deficient one, *false* when it fails at full rank; a gradient claim is true when "
        "it equals the exact directional derivative at every instance. A verdict is *wrong* when it is "
        "proved/verified for a claim that is not true, refuted/conditional for a true one, shows a "
        "counterexample that is none (or that breaks an assumption), or names a condition under which "
        "the claim still fails. Refuted with a valid counterexample is right for a conditional claim "
        "(the claims state no assumptions).", "",
        "The naive check: numpy float64 at 3 random Gaussian draws, `np.linalg.pinv`, `np.allclose` "
        "(central differences for gradients); it calls a claim true or false, and is wrong when that "
        "differs from the oracle (a conditional claim called true is wrong).", "",
        "## Verdicts", "", *counts, "",
        "## Time per claim", "", *times, "",
        "## Every verdict that is not right", "",
    ]
    if not findings:
        out.append("None.")
    for r in findings:
        j = r["judgement"]
        out += [f"- **{j.category}** ({r['kind']}): derivcheck {j.verdict}, oracle {r['truth']}; "
                f"{r['claim'].label}", f"  - claim: `{r['claim'].text()}`",
                f"  - reproduction: `{r['repro']}`", f"  - {j.reason}" if j.reason else ""]
    out.append("")
    text = "\n".join(line for line in out if line is not None)
    args.output.write_text(text, encoding="utf-8")
    print("\n".join(counts + [""] + times))
    print(f"\nwrote {args.output} in {wall:.0f} s")
    wrong = sum(r["judgement"].category in ("wrong", "oracle-miss", "error") for r in rows)
    return 0 if wrong == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
