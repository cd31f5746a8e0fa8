"""Per-instance outcomes of a check and the verdict they imply when some fail.

Shared by the identity, limit and argmin checkers: a failure at an instance
the stated assumptions allow refutes a claim, unless adding one standard
assumption per matrix (full column rank, full row rank, invertible) or one
condition per scalar (``c ≠ 0``, ``c > 0``) removes every failure, at the
instances drawn and at fresh ones; then the claim is ``conditional`` on the
conditions named.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Mapping, Sequence

import sympy

from ..budget import Budget, stage
from ..results import CheckResult, Evidence, Verdict
from ..errors import DerivCheckError
from .assumptions import MatrixAssumptions
from .instances import Instance, draw_instances
from .sampling import ScalarCondition, guard_counterexample, scalar_sign

__all__ = ["Outcome", "Condition", "find_condition", "strengthen", "confirmer", "counterexample_of",
           "failure_result", "smallest_failure", "STRENGTHENINGS"]

#: The assumptions tried, one per matrix, to explain failures as a missing assumption.
STRENGTHENINGS = ("full column rank", "full row rank", "invertible")


@dataclass(frozen=True)
class Outcome:
    instance: Instance
    status: str  # "equal", "differ", "undefined", "shape", "not-unique"
    detail: str
    value: Any = None  # what the instance computed, when a checker needs it again


def _satisfies(inst: Instance, extra: Mapping[sympy.MatrixSymbol, str],
               conditions: Sequence[ScalarCondition] = ()) -> bool:
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
    scalars = dict(inst.scalars)
    return all(c.holds(scalars[c.symbol]) for c in conditions if c.symbol in scalars)


def strengthen(assumptions: Mapping[sympy.MatrixSymbol, MatrixAssumptions],
               extra: Mapping[sympy.MatrixSymbol, str]) -> dict[sympy.MatrixSymbol, MatrixAssumptions]:
    """The assumptions with one more word for some matrices."""
    out = dict(assumptions)
    for sym, word in extra.items():
        a = out[sym]
        out[sym] = MatrixAssumptions(sym, tuple(sorted({*a.words, word})), a.rank)
    return out


#: ``confirm(strengthened_assumptions, scalar_conditions) -> number of fresh instances that pass``
#: (0 when some fresh instance fails or none can be drawn).
Confirm = Callable[[Mapping[sympy.MatrixSymbol, MatrixAssumptions], Sequence[ScalarCondition]], int]


@dataclass(frozen=True)
class Condition:
    """A condition found by :func:`find_condition`: added matrix words and scalar conditions."""

    words: Mapping[sympy.MatrixSymbol, str]
    scalars: tuple[ScalarCondition, ...] = ()
    confirmed_at: int = 0

    def texts(self) -> tuple[str, ...]:
        words = tuple(f"{s.name}: {w}" for s, w in sorted(self.words.items(), key=lambda kv: kv[0].name))
        return words + tuple(str(c) for c in self.scalars)

    def __bool__(self) -> bool:
        return bool(self.words) or bool(self.scalars)


def _scalar_options(x: sympy.Symbol) -> list[ScalarCondition | None]:
    sign = scalar_sign(x)
    out: list[ScalarCondition | None] = [None]
    if sign in ("any", "nonnegative"):
        out.append(ScalarCondition(x, "≠ 0"))
    if sign in ("any", "nonzero"):
        out.append(ScalarCondition(x, "> 0"))
    return out


def find_condition(outcomes: Sequence[Outcome], symbols: Sequence[sympy.MatrixSymbol],
                   assumptions: Mapping[sympy.MatrixSymbol, MatrixAssumptions],
                   confirm: Confirm | None = None,
                   scalars: Sequence[sympy.Symbol] = ()) -> Condition | None:
    """Smallest strengthening under which every instance passes.

    A strengthening adds standard words to matrices (:data:`STRENGTHENINGS`)
    and conditions to scalars (``c ≠ 0``, ``c > 0``). Candidates are ordered
    by the number of added conditions, then by how many of the instances
    already drawn support them. A candidate that the drawn instances support
    is then *confirmed* by *confirm*, which draws fresh instances satisfying
    it while everything else varies (every rank of the other matrices, every
    value of the other scalars): few drawn instances may satisfy a candidate
    by chance (a 1×1 "invertible" matrix equal to ±1).
    """
    options: list[list] = []
    for sym in symbols:
        present = set(assumptions[sym].words)
        options.append([None] + [w for w in STRENGTHENINGS if w not in present])
    for x in scalars:
        options.append(_scalar_options(x))
    n_mats = len(symbols)
    candidates = []
    for combo in itertools.product(*options):
        extra = {s: w for s, w in zip(symbols, combo[:n_mats]) if w is not None}
        conds = tuple(c for c in combo[n_mats:] if c is not None)
        if not extra and not conds:
            continue
        kept = [o for o in outcomes if _satisfies(o.instance, extra, conds)]
        if len(kept) >= 2 and all(o.status == "equal" for o in kept):
            key = (len(extra) + len(conds), -len(kept), sorted((s.name, w) for s, w in extra.items()),
                   [str(c) for c in conds])
            candidates.append((key, extra, conds))
    for _key, extra, conds in sorted(candidates, key=lambda c: c[0]):
        if confirm is None:
            return Condition(extra, conds)
        try:
            count = confirm(strengthen(assumptions, extra), conds)
        except DerivCheckError:
            continue  # the strengthened assumptions admit no instance
        if count:
            return Condition(extra, conds, count)
    return None


def instance_outcomes(
    run: Budget,
    outcome_of: Callable[[Instance], Outcome],
    symbols: Sequence[sympy.MatrixSymbol],
    scalars: Sequence[sympy.Symbol],
    assumptions: Mapping[sympy.MatrixSymbol, MatrixAssumptions],
    **sampling: Any,
) -> list[Outcome]:
    """The outcome of every exact instance :func:`~.instances.draw_instances` draws, as one budget stage."""
    with stage(run, "the exact instances"):
        return [outcome_of(inst) for inst in draw_instances(list(symbols), list(scalars), assumptions, **sampling)]


def no_instance(statement: str, statement_latex: str) -> CheckResult:
    """The verdict when no instance could be drawn: nothing was checked, so nothing is decided."""
    return CheckResult(Verdict.UNDECIDED, statement, statement_latex,
                       where="no instance could be drawn: nothing was checked")


def confirmer(
    outcome_of: Callable[[Instance], Outcome],
    symbols: Sequence[sympy.MatrixSymbol],
    scalars: Sequence[sympy.Symbol],
    *,
    seed: int,
    max_dim: int,
    max_shapes: int,
    dim_symbols: Iterable[sympy.Symbol] = (),
    joint_low_ranks: bool = False,
) -> Confirm:
    """A *confirm* callable: fresh instances (another seed, 3 per rank profile) must all pass."""
    def confirm(strengthened: Mapping[sympy.MatrixSymbol, MatrixAssumptions],
                conditions: Sequence[ScalarCondition] = ()) -> int:
        fresh = draw_instances(list(symbols), list(scalars), strengthened, seed=seed + 1, max_dim=max_dim,
                               max_shapes=max_shapes, per_profile=3, dim_symbols=dim_symbols,
                               scalar_conditions=conditions, joint_low_ranks=joint_low_ranks)
        if len(fresh) < 2 or not all(outcome_of(inst).status == "equal" for inst in fresh):
            return 0
        return len(fresh)

    return confirm


def counterexample_of(instance: Instance) -> dict[str, Any]:
    """An instance's values keyed by name: matrices as matrices, scalars as scalars."""
    out: dict[str, Any] = {s.name: m for s, m in instance.matrices}
    out.update({s.name: v for s, v in instance.scalars})
    return out


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
    scalars: Sequence[sympy.Symbol] | None = None,
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
        ``confirm(strengthened_assumptions, scalar_conditions) -> int``: draws
        fresh instances under a candidate condition, returns how many passed
        (0 if any failed).
    scalars : sequence of Symbol, optional
        The scalar parameters; default: those of the instances.

    Returns
    -------
    CheckResult
        ``conditional`` (with the conditions found and confirmed),
        ``refuted``, or ``inconsistent`` when the counterexample breaks the
        stated assumptions (see :func:`~.sampling.guard_counterexample`).
    """
    failures = [o for o in outcomes if o.status != "equal"]
    if first is None:
        first = smallest_failure(failures)
    if scalars is None:
        scalars = [s for s, _ in first.instance.scalars]
    evidence = [Evidence(
        "exact",
        f"{len(failures)} of {len(outcomes)} instances fail; first: {first.status} at "
        f"{first.instance.describe()}: {first.detail}{note}",
        (("instances", len(outcomes)), ("failures", len(failures)), ("kind", first.status)),
    ), *extra_evidence]
    counterexample = counterexample_of(first.instance)
    condition = find_condition(outcomes, symbols, assumptions, confirm, scalars)
    if condition:
        conds = condition.texts()
        if condition.confirmed_at:
            evidence.append(Evidence(
                "exact", f"the condition {', '.join(conds)} is confirmed at {condition.confirmed_at} fresh "
                         "instances satisfying it (every other rank and scalar value varying)",
                (("confirmed_at", condition.confirmed_at),)))
        result = CheckResult(Verdict.CONDITIONAL, statement, statement_latex, tuple(evidence),
                             counterexample or None, conds)
    else:
        result = CheckResult(Verdict.REFUTED, statement, statement_latex, tuple(evidence),
                             counterexample or None)
    return guard_counterexample(result, assumptions, scalars)


def smallest_failure(failures: Sequence[Outcome]) -> Outcome:
    """The failure to show: where the sides differ if any, on the smallest matrices."""
    return min(failures, key=lambda o: (o.status != "differ",
                                        sum(m.shape[0] * m.shape[1] for _, m in o.instance.matrices)))
