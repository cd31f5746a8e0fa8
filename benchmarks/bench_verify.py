"""``derivcheck verify`` of the bundled articles: this checkout against the 0.1 code, side by side.

Run from the repository root::

    python benchmarks/bench_verify.py            # two alternating rounds of each
    python benchmarks/bench_verify.py --rounds 1

The 0.1 code (library and derivation scripts, commit :data:`BASELINE`) is extracted with
``git archive`` into a temporary directory and run by the same interpreter with its own ``src`` first
on ``sys.path``, so both runs share the machine, the load and the libraries. Rounds alternate
(old, new, old, new, …) and each side keeps its fastest round. Besides the times it reports, claim
by claim, whether both runs computed the same verdict (a change is listed: the rewrite of the scripts
keeps every expected verdict, and 0.1 decided some speed claims by wall-clock time), the claims each side has that the other lacks, and the ten slowest claims of this checkout.
Results go to ``benchmarks/results_verify.md``.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent

#: the 0.1 code: the library and the four derivation scripts before the claim vocabulary
BASELINE = "76d9a1c"


def _extract_baseline(target: Path) -> Path:
    archive = subprocess.run(["git", "archive", "--format=tar", BASELINE, "src", "derivations"], cwd=ROOT,
                             capture_output=True, check=True).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(target, filter="data")
    return target


def _run(src: Path, derivations: Path, jobs: int) -> tuple[float, dict]:
    env = dict(os.environ, PYTHONPATH=str(src))
    cmd = [sys.executable, "-m", "derivcheck", "verify", str(derivations), "--format", "json", "--jobs", str(jobs)]
    start = time.perf_counter()
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, cwd=ROOT)
    wall = time.perf_counter() - start
    if not done.stdout.strip():
        raise RuntimeError(f"verify produced no report (exit {done.returncode}): {done.stderr[-2000:]}")
    return wall, json.loads(done.stdout)


def _verdicts(report: dict) -> dict[str, str]:
    return {f"{article['id']}/{claim['id']}": claim["verdict"]
            for article in report["articles"] for claim in article["claims"]}


def _slowest_claims(n: int = 10) -> list[tuple[str, float, str]]:
    sys.path.insert(0, str(ROOT / "src"))
    from derivcheck.claims import load_derivations
    from derivcheck.runner import run_claims

    report = run_claims(load_derivations(None), seed=0)
    slow = sorted(report.outcomes, key=lambda o: -o.seconds)[:n]
    return [(o.claim.qualified_id, o.seconds, o.status) for o in slow]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=2, help="alternating rounds per side (default: 2)")
    args = parser.parse_args(argv)
    lines = ["# `derivcheck verify`: 0.1 against this checkout", "",
             f"Baseline: commit `{BASELINE}` (library and scripts), extracted and run by the same interpreter.", ""]
    with tempfile.TemporaryDirectory() as tmp:
        old = _extract_baseline(Path(tmp))
        sides = {"0.1": (old / "src", old / "derivations"), "now": (ROOT / "src", ROOT / "derivations")}
        table = ["| run | 0.1 (s) | now (s) | ratio 0.1/now |", "|---|--:|--:|--:|"]
        reports: dict[str, dict] = {}
        for jobs in (1, 2):
            best = {name: float("inf") for name in sides}
            for _ in range(args.rounds):
                for name, (src, der) in sides.items():
                    wall, report = _run(src, der, jobs)
                    best[name] = min(best[name], wall)
                    reports[name] = report
                    print(f"jobs={jobs} {name}: {wall:.1f} s", flush=True)
            table.append(f"| --jobs {jobs} | {best['0.1']:.1f} | {best['now']:.1f} | {best['0.1'] / best['now']:.2f} |")
    old_v, new_v = _verdicts(reports["0.1"]), _verdicts(reports["now"])
    same = [cid for cid in old_v if new_v.get(cid) == old_v[cid]]
    changed = [f"`{cid}`: {old_v[cid]} → {new_v[cid]}" for cid in old_v if cid in new_v and new_v[cid] != old_v[cid]]
    only_old = sorted(set(old_v) - set(new_v))
    only_new = sorted(set(new_v) - set(old_v))
    lines += table + ["", f"Claims: 0.1 {len(old_v)}, now {len(new_v)}; same verdict {len(same)}; "
                          f"changed {len(changed)}; only in 0.1 {len(only_old)}; only now {len(only_new)}.", ""]
    lines += [f"- changed: {c}" for c in changed] + [f"- only in 0.1: `{c}`" for c in only_old]
    lines += [f"- only now: `{c}`" for c in only_new]
    lines += ["", "| ten slowest claims now | seconds | verdict |", "|---|--:|---|"]
    lines += [f"| {cid} | {sec:.2f} | {status} |" for cid, sec, status in _slowest_claims()]
    text = "\n".join(lines) + "\n"
    print(text)
    (HERE / "results_verify.md").write_text(text, encoding="utf-8")
    failing = [f"{a['id']}/{c['id']}" for a in reports["now"]["articles"] for c in a["claims"] if not c["passed"]]
    return 0 if not failing and not only_old else 1


if __name__ == "__main__":
    sys.exit(main())
