"""Per-instance outcomes of a check and the verdict they imply when some fail.

Shared by the identity, limit and argmin checkers: a failure at an instance
the stated assumptions allow refutes a claim, unless adding one standard
assumption per matrix (full column rank, full row rank, invertible) removes
every failure; then the claim is ``conditional`` on the assumptions named.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Mapping, Sequence

import sympy

from ..results import CheckResult, Evidence, Verdict
from ..errors import DerivCheckError
from .assumptions import MatrixAssumptions
from .instances import Instance, draw_instances

__all__ = ["Outcome", "find_condition", "strengthen", "confirmer", "failure_result", "smallest_failure", "STRENGTHENINGS"]

#: The assumptions tried, one per matrix, to explain failures as a missing assumption.
STRENGTHENINGS = ("full column rank", "full row rank", "invertible")


@dataclass(frozen=True)
class Outcome:
    instance: Instance
    status: str  # "equal", "differ", "undefined", "shape", "not-unique"
    detail: str
    value: Any = None  # what the instance computed, when a checker needs it again


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


def strengthen(assumptions: Mapping[sympy.MatrixSymbol, MatrixAssumptions],
               extra: Mapping[sympy.MatrixSymbol, str]) -> dict[sympy.MatrixSymbol, MatrixAssumptions]:
    """The assumptions with one more word for some matrices."""
    out = dict(assumptions)
    for sym, word in extra.items():
        a = out[sym]
        out[sym] = MatrixAssumptions(sym, tuple(sorted({*a.words, word})), a.rank)
    return out


Confirm = Callable[[Mapping[sympy.MatrixSymbol, MatrixAssumptions]], bool]


def find_condition(outcomes: Sequence[Outcome], symbols: Sequence[sympy.MatrixSymbol],
                   assumptions: Mapping[sympy.MatrixSymbol, MatrixAssumptions],
                   confirm: Confirm | None = None):
    """Smallest strengthening (standard words) under which every instance passes.

    Candidates are ordered by the number of added words, then by how many of
    the instances already drawn support them. A candidate that the drawn
    instances support is then *confirmed* by *confirm*, which draws fresh
    instances under the strengthened assumptions: few drawn instances may
    satisfy a candidate by chance (a 1×1 "invertible" matrix equal to ±1).
    """
    options = []
    for sym in symbols:
        present = set(assumptions[sym].words)
        opts = [None] + [w for w in STRENGTHENINGS if w not in present]
        options.append(opts)
    candidates = []
    for combo in itertools.product(*options):
        extra = {s: w for s, w in zip(symbols, combo) if w is not None}
        if not extra:
            continue
        kept = [o for o in outcomes if _satisfies(o.instance, extra)]
        if len(kept) >= 2 and all(o.status == "equal" for o in kept):
            candidates.append(((len(extra), -len(kept), sorted((s.name, w) for s, w in extra.items())), extra))
    for _key, extra in sorted(candidates, key=lambda c: c[0]):
        if confirm is None:
            return extra
        try:
            if confirm(strengthen(assumptions, extra)):
                return extra
        except DerivCheckError:
            continue  # the strengthened assumptions admit no instance
    return None


def confirmer(
    outcome_of: Callable[[Instance], Outcome],
    symbols: Sequence[sympy.MatrixSymbol],
    scalars: Sequence[sympy.Symbol],
    *,
    seed: int,
    max_dim: int,
    max_shapes: int,
    dim_symbols: Iterable[sympy.Symbol] = (),
) -> Confirm:
    """A *confirm* callable: fresh instances (another seed, 3 per rank profile) must all pass."""
    def confirm(strengthened: Mapping[sympy.MatrixSymbol, MatrixAssumptions]) -> bool:
        fresh = draw_instances(list(symbols), list(scalars), strengthened, seed=seed + 1, max_dim=max_dim,
                               max_shapes=max_shapes, per_profile=3, dim_symbols=dim_symbols)
        return len(fresh) >= 2 and all(outcome_of(inst).status == "equal" for inst in fresh)

    return confirm


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
    confirm: Confirm | None = None,
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
    confirm : callable, optional
        ``confirm(strengthened_assumptions) -> bool``: draws fresh instances
        under a candidate condition and says whether all of them pass.
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
    condition = find_condition(outcomes, symbols, assumptions, confirm)
    if condition:
        conds = tuple(f"{s.name}: {w}" for s, w in sorted(condition.items(), key=lambda kv: kv[0].name))
        return CheckResult(Verdict.CONDITIONAL, statement, statement_latex, tuple(evidence),
                           counterexample or None, conds)
    return CheckResult(Verdict.REFUTED, statement, statement_latex, tuple(evidence), counterexample or None)


def smallest_failure(failures: Sequence[Outcome]) -> Outcome:
    """The failure to show: where the sides differ if any, on the smallest matrices."""
    return min(failures, key=lambda o: (o.status != "differ",
                                        sum(m.shape[0] * m.shape[1] for _, m in o.instance.matrices)))
