"""Per-instance outcomes of a check and the verdict they imply when some fail.

Shared by the identity, limit and argmin checkers: a failure at an instance
the stated assumptions allow refutes a claim, unless adding one standard
assumption per matrix (full column rank, full row rank, invertible) removes
every failure; then the claim is ``conditional`` on the assumptions named.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Mapping, Sequence

import sympy

from ..claims.verdict import CheckResult, Evidence, Verdict
from .assumptions import MatrixAssumptions
from .instances import Instance

__all__ = ["Outcome", "find_condition", "failure_result", "smallest_failure", "STRENGTHENINGS"]

#: The assumptions tried, one per matrix, to explain failures as a missing assumption.
STRENGTHENINGS = ("full column rank", "full row rank", "invertible")


@dataclass(frozen=True)
class Outcome:
    instance: Instance
    status: str  # "equal", "differ", "undefined", "shape", "not-unique"
    detail: str


def _satisfies(inst: Instance, extra: Mapping[sympy.MatrixSymbol, str]) -> bool:
    mats = dict(inst.matrices)
    ranks = dict(inst.ranks)
    for sym, word in extra.items():
        m, n = mats[sym].shape
        r = ranks[sym.name]
        if word == "full column rank" and r != n:
            return False
        if word == "full row rank" and r != m:
            return False
        if word == "invertible" and not (m == n and r == n):
            return False
    return True


def find_condition(outcomes: Sequence[Outcome], symbols: list[sympy.MatrixSymbol],
                    assumptions: Mapping[sympy.MatrixSymbol, MatrixAssumptions]):
    """Smallest strengthening (standard words) under which every instance passes."""
    options = []
    for sym in symbols:
        present = set(assumptions[sym].words)
        opts = [None] + [w for w in STRENGTHENINGS if w not in present]
        options.append(opts)
    best = None
    for combo in itertools.product(*options):
        extra = {s: w for s, w in zip(symbols, combo) if w is not None}
        if not extra:
            continue
        kept = [o for o in outcomes if _satisfies(o.instance, extra)]
        if len(kept) >= 2 and all(o.status == "equal" for o in kept):
            key = (len(extra), sorted((s.name, w) for s, w in extra.items()))
            if best is None or key < best[0]:
                best = (key, extra)
    return None if best is None else best[1]


def failure_result(
    outcomes: Sequence[Outcome],
    symbols: Sequence[sympy.MatrixSymbol],
    assumptions: Mapping[sympy.MatrixSymbol, MatrixAssumptions],
    statement: str,
    statement_latex: str,
    *,
    first: Outcome | None = None,
    extra_evidence: Sequence[Evidence] = (),
    note: str = "",
) -> CheckResult:
    """The ``refuted`` or ``conditional`` result of outcomes of which some failed.

    Parameters
    ----------
    outcomes : sequence of Outcome
        Every instance's outcome (at least one not ``"equal"``).
    symbols, assumptions
        The claim's matrices and their stated assumptions.
    statement, statement_latex : str
        The statement checked.
    first : Outcome, optional
        The failure to show; default: the smallest instance where the sides
        differ, else the smallest failure of any kind.
    extra_evidence : sequence of Evidence
        Further evidence about *first* (e.g. the numeric legs).
    note : str
        Appended to the exact leg's summary (e.g. how the failure was rechecked).
    """
    failures = [o for o in outcomes if o.status != "equal"]
    if first is None:
        first = smallest_failure(failures)
    evidence = [Evidence(
        "exact",
        f"{len(failures)} of {len(outcomes)} instances fail; first: {first.status} at "
        f"{first.instance.describe()}: {first.detail}{note}",
        (("instances", len(outcomes)), ("failures", len(failures)), ("kind", first.status)),
    ), *extra_evidence]
    counterexample = {s.name: m for s, m in first.instance.matrices}
    counterexample.update({s.name: sympy.ImmutableMatrix([[v]]) for s, v in first.instance.scalars})
    condition = find_condition(outcomes, symbols, assumptions)
    if condition:
        conds = tuple(f"{s.name}: {w}" for s, w in sorted(condition.items(), key=lambda kv: kv[0].name))
        return CheckResult(Verdict.CONDITIONAL, statement, statement_latex, tuple(evidence),
                           counterexample or None, conds)
    return CheckResult(Verdict.REFUTED, statement, statement_latex, tuple(evidence), counterexample or None)


def smallest_failure(failures: Sequence[Outcome]) -> Outcome:
    """The failure to show: where the sides differ if any, on the smallest matrices."""
    return min(failures, key=lambda o: (o.status != "differ",
                                        sum(m.shape[0] * m.shape[1] for _, m in o.instance.matrices)))
