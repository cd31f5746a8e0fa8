"""Checkers of the computed kinds: properties over instances, proofs at shapes, experiments.

Each turns what its predicate, proof or experiment reports into a verdict by
one rule (:func:`decide`), and writes the evidence from the same data: the
instances are named by their shapes and ranks, the runs by their case, the
measured values and bounds are printed from the numbers compared.

The rule
--------
- every case holds: *verified* (a proof: *proved*);
- a case fails: *refuted*, the first failing case is the counterexample;
- with a :class:`~derivcheck.claims.kinds.Condition`: *conditional* when
  every failure lies outside the condition and every case inside it holds
  (there must be at least one inside).
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Iterable, Mapping, Sequence

import sympy

from ..text import sstr
from ..claims.claim import CheckContext
from ..claims.kinds import Condition, Experiment, NotCheckable, Proof, Property, RankProfiles, WellShaped
from ..errors import InputShapeError, InputTypeError, LatexParseError, UnsupportedError
from ..results import CheckResult, Evidence, Verdict

__all__ = [
    "Case", "decide", "draw_profiles", "instance_label", "counterexample_of", "check_property",
    "check_proof", "check_experiment", "check_not_checkable", "check_well_shaped",
]

_MAX_LISTED = 12


@dataclass(frozen=True)
class Case:
    """One case a claim was decided at: an instance, a shape, or a run.

    Parameters
    ----------
    label : str
        How the evidence names it (``"3x2 rank 1"``).
    holds : bool
        Whether the claim holds there.
    detail : str
        What was found when it fails (or the measured values).
    inside : bool
        Whether the case satisfies the claim's condition (True without one).
    counterexample : mapping of str to sympy.Matrix, optional
        The case's matrices, shown when it is the first failure.
    """

    label: str
    holds: bool
    detail: str = ""
    inside: bool = True
    counterexample: Mapping[str, Any] | None = None


# ----------------------------------------------------------------- instances


def _rank(M: sympy.MatrixBase) -> int:
    if 0 in M.shape:
        return 0
    from ..exact.convert import rational_rank

    r = rational_rank(M)
    return sympy.Matrix(M).rank() if r is None else r


def instance_label(value: Any) -> str:
    """Name an instance by what it is: ``"3x2 rank 1"``, ``"A 3x2 rank 1, M 3x2 rank 2"``.

    Examples
    --------
    >>> import sympy as sp
    >>> instance_label(sp.Matrix([[1, 2], [2, 4], [0, 0]]))
    '3x2 rank 1'
    """
    if isinstance(value, sympy.MatrixBase):
        return f"{value.rows}x{value.cols} rank {_rank(value)}"
    if isinstance(value, Mapping):
        parts = [f"{k} {instance_label(v)}" for k, v in value.items() if isinstance(v, sympy.MatrixBase)]
        return ", ".join(parts) if parts else _short(value)
    matrix = getattr(value, "A", None)
    if isinstance(matrix, sympy.MatrixBase):
        return instance_label(matrix)
    if isinstance(value, tuple) and value and all(isinstance(v, sympy.MatrixBase) for v in value):
        return ", ".join(instance_label(v) for v in value)
    return _short(value)


def _short(value: Any) -> str:
    text = " ".join(sstr(value).split())
    return text if len(text) <= 40 else text[:37] + "..."


def counterexample_of(value: Any, name: str = "A") -> dict[str, Any] | None:
    """The matrices of an instance, keyed by name (``None`` when it holds none)."""
    if isinstance(value, sympy.MatrixBase):
        return {name: sympy.ImmutableMatrix(value)}
    if isinstance(value, Mapping):
        found = {str(k): sympy.ImmutableMatrix(v) for k, v in value.items() if isinstance(v, sympy.MatrixBase)}
        return found or None
    matrix = getattr(value, "A", None)
    if isinstance(matrix, sympy.MatrixBase):
        return {name: sympy.ImmutableMatrix(matrix)}
    if isinstance(value, tuple):
        found = {f"{name}{i}": sympy.ImmutableMatrix(v) for i, v in enumerate(value, 1)
                 if isinstance(v, sympy.MatrixBase)}
        return found or None
    return None


@lru_cache(maxsize=64)
def draw_profiles(profiles: RankProfiles, seed: int) -> tuple[tuple[str, sympy.ImmutableMatrix], ...]:
    """Draw the matrices of *profiles* from *seed*: ``(label, matrix)`` pairs.

    Every profile gets its own seed from one ``random.Random(seed)``, so the
    same profiles and seed give the same matrices (cached: claims that share
    profiles and a seed share the instances).
    """
    from ..exact.generators import random_rational_matrix

    rng = random.Random(seed)
    out = []
    for rows, cols, rank in profiles.profiles():
        for _ in range(profiles.per_profile):
            M = random_rational_matrix(rows, cols, rank=rank, seed=rng.randrange(2**31))
            out.append((f"{rows}x{cols} rank {rank}", sympy.ImmutableMatrix(M)))
    return tuple(out)


def _instances(over: Any, ctx: CheckContext) -> list[tuple[str, Any, str]]:
    """``(label, instance, name)`` triples of a Property's instances."""
    if isinstance(over, RankProfiles):
        seed = ctx.seed if ctx.run_seed is None else ctx.run_seed  # shared by the claims that name these profiles
        return [(label, M, over.name) for label, M in draw_profiles(over, seed)]
    drawn = over(ctx.rng())
    if isinstance(drawn, (str, bytes)) or not isinstance(drawn, Iterable):
        raise InputTypeError("Property.over", type(drawn).__name__, "must return an iterable of instances",
                             "return a list of matrices, dicts of matrices or tuples")
    return [(instance_label(v), v, "A") for v in drawn]


def _outcome(value: Any) -> tuple[bool, str]:
    """Read a predicate's answer: a bool, ``(bool, detail)``, or an object with ``holds``."""
    if isinstance(value, tuple) and len(value) == 2 and isinstance(value[1], str):
        return _truth(value[0]), value[1]
    if hasattr(value, "holds") and not isinstance(value, (bool, sympy.Basic)):
        return _truth(value.holds), ""
    return _truth(value), ""


def _truth(value: Any) -> bool:
    if isinstance(value, sympy.logic.boolalg.BooleanAtom):
        return bool(value)
    if value is None or isinstance(value, sympy.Basic):
        raise InputTypeError("predicate result", value, "must be True or False",
                             "compare exactly, e.g. (X - Y).is_zero_matrix is True, or X == Y")
    return bool(value)


# ----------------------------------------------------------------- the rule


def _listed(labels: Sequence[str]) -> str:
    """``"3x2 rank 0, 1, 2; 2x3 rank 1"``: shapes grouped, at most a dozen groups."""
    groups: list[tuple[str, list[str]]] = []
    for label in labels:
        head, sep, tail = label.partition(" rank ")
        if sep and groups and groups[-1][0] == head:
            groups[-1][1].append(tail)
        else:
            groups.append((head, [tail] if sep else []))
    parts = [f"{head} rank {', '.join(tails)}" if tails else head for head, tails in groups]
    if len(parts) > _MAX_LISTED:
        parts = parts[:_MAX_LISTED] + [f"... ({len(parts) - _MAX_LISTED} more)"]
    return "; ".join(parts)


def decide(statement: str, cases: Sequence[Case], *, leg: str, what: str,
           condition: Condition | None = None, proof: bool = False) -> CheckResult:
    """Turn per-case outcomes into a verdict and its evidence (the rule above).

    Parameters
    ----------
    statement : str
        What was checked.
    cases : sequence of Case
        One per instance, shape or run, in order.
    leg : str
        The evidence leg (``"exact"``, ``"symbolic"``, ``"float64"``, ...).
    what : str
        What a case is, plural (``"instances"``, ``"shapes"``, ``"runs"``).
    condition : Condition, optional
        Where the claim is expected to hold.
    proof : bool
        Whether holding at every case is a proof (*proved*) rather than
        evidence (*verified*).

    Returns
    -------
    CheckResult

    Raises
    ------
    InputTypeError
        When there is no case at all (nothing was checked).
    """
    if not cases:
        raise InputTypeError("cases", cases, f"no {what} were checked",
                             f"give the claim at least one of its {what}")
    failures = [c for c in cases if not c.holds]
    n = len(cases)
    details: tuple = ((what, n), ("failures", len(failures)))
    if not failures:
        shown = "; ".join(c.detail for c in cases if c.detail)
        summary = f"holds at all {n} {what}" + (f": {_listed([c.label for c in cases])}" if any(
            c.label for c in cases) else "") + (f" ({shown})" if shown else "")
        verdict = Verdict.PROVED if proof else Verdict.VERIFIED
        return CheckResult(verdict, statement, "", (Evidence(leg, summary, details),))
    first = failures[0]
    fail_text = f"{first.label}" + (f" ({first.detail})" if first.detail else "")
    inside = [c for c in cases if c.inside]
    if condition is not None and inside and all(c.holds for c in inside) and all(
            not c.inside for c in failures):
        summary = (f"holds at the {len(inside)} {what} where {condition.text}: "
                   f"{_listed([c.label for c in inside])}; fails at {len(failures)} of the "
                   f"{n - len(inside)} outside it, first {fail_text}")
        return CheckResult(Verdict.CONDITIONAL, statement, "", (Evidence(leg, summary, details),),
                           first.counterexample, (condition.text,))
    first = next((c for c in failures if c.inside), first)
    fail_text = f"{first.label}" + (f" ({first.detail})" if first.detail else "")
    summary = f"fails at {len(failures)} of {n} {what}, first {fail_text}"
    if len(failures) < n:
        summary += f"; holds at {_listed([c.label for c in cases if c.holds])}"
    return CheckResult(Verdict.REFUTED, statement, "", (Evidence(leg, summary, details),),
                       first.counterexample)


# ----------------------------------------------------------------- the checkers


def check_property(kind: Property, ctx: CheckContext) -> CheckResult:
    """Check a :class:`~derivcheck.claims.kinds.Property` at each of its instances."""
    cases, drawn = [], _instances(kind.over, ctx)
    for label, value, name in drawn:
        holds, detail = _outcome(kind.holds(value))
        inside = True if kind.only_if is None else bool(kind.only_if.applies(value))
        cases.append(Case(label, holds, detail, inside, None if holds else counterexample_of(value, name)))
    result = decide(kind.describe(), cases, leg="exact", what="instances", condition=kind.only_if)
    if not kind.legs or result.verdict is not Verdict.VERIFIED:
        return result
    matrices = [(label, m) for label, m in ((label, _matrix_of(v)) for label, v, _ in drawn)
                if m is not None and 0 not in m.shape][: kind.legs_on]
    evidence, disagree = list(result.evidence), []
    for leg in kind.legs:
        ev, bad = _numeric_leg(leg, matrices, ctx.dps)
        evidence.append(ev)
        disagree += bad
    if disagree:
        return CheckResult(Verdict.INCONSISTENT, result.statement, "", tuple(evidence),
                           where="a numeric leg disagrees with the exact leg at " + ", ".join(disagree))
    return CheckResult(result.verdict, result.statement, "", tuple(evidence))


def _matrix_of(value: Any) -> sympy.MatrixBase | None:
    if isinstance(value, sympy.MatrixBase):
        return value
    matrix = value.get("A") if isinstance(value, Mapping) else getattr(value, "A", None)
    return matrix if isinstance(matrix, sympy.MatrixBase) else None


def _numeric_leg(leg: str, matrices: Sequence[tuple[str, Any]], dps: int) -> tuple[Evidence, list[str]]:
    """Run one numeric leg (``"pinv"`` or ``"rank"``) on *matrices*; return its evidence and disagreements."""
    from ..compare import cross_check_pinv, numerical_rank

    bad, rows = [], []
    for label, M in matrices:
        if leg == "pinv":
            outcome = cross_check_pinv(M, dps=dps)
            rows.append(f"{label}: {outcome.status.value} (κ = {float(outcome.kappa):.3g})")
            if not outcome.agree:
                bad.append(label)
        else:
            exact, mp_rank, f64_rank = _rank(M), numerical_rank(M, "mpmath", dps=dps), numerical_rank(M, "float64")
            rows.append(f"{label}: mpmath {mp_rank}, float64 {f64_rank}")
            if not exact == mp_rank == f64_rank:
                bad.append(label)
    what = "A⁺ exact vs mpmath vs float64" if leg == "pinv" else "numerical ranks vs the exact rank"
    verdict = "agree" if not bad else f"disagree at {len(bad)}"
    return (Evidence("mpmath+float64", f"{what}: {verdict} at {len(rows)} instances: " + "; ".join(rows),
                     (("instances", len(rows)), ("disagree", len(bad)))), bad)


def _shape_label(case: Any) -> str:
    if case is None:
        return ""
    if isinstance(case, tuple) and all(isinstance(v, int) for v in case):
        return "x".join(str(v) for v in case)
    return _short(case)


def check_proof(kind: Proof, ctx: CheckContext) -> CheckResult:
    """Check a :class:`~derivcheck.claims.kinds.Proof` at each of its shapes."""
    cases = []
    for case in kind.at:
        holds, detail = _outcome(kind.prove(case))
        cases.append(Case(_shape_label(case), holds, detail))
    by = kind.describe()
    what = "shapes" if any(c.label for c in cases) else "cases"
    result = decide(by, cases, leg="symbolic", what=what, proof=True)
    if len(kind.at) == 1 and kind.at[0] is None:  # one statement, no shapes: say so plainly
        ev = result.evidence[0]
        word = "holds" if result.verdict is Verdict.PROVED else "fails"
        result = CheckResult(result.verdict, by, "", (Evidence(
            "symbolic", f"{word} symbolically ({by})" + (f": {cases[0].detail}" if cases[0].detail else ""),
            ev.details),))
    elif by != "a symbolic proof":
        ev = result.evidence[0]
        result = CheckResult(result.verdict, by, "", (Evidence(ev.leg, f"{by}: {ev.summary}", ev.details),),
                             result.counterexample)
    if kind.cross_check is None or result.verdict is not Verdict.PROVED:
        return result
    exact = check_property(kind.cross_check, ctx)
    if exact.verdict is Verdict.VERIFIED:
        return CheckResult(Verdict.PROVED, by, "", result.evidence + exact.evidence)
    return CheckResult(Verdict.INCONSISTENT, by, "", result.evidence + exact.evidence,
                       exact.counterexample, where="the proof holds but exact instances fail")


def _number(value: Any) -> str:
    try:
        x = float(value)
    except (TypeError, ValueError):
        return str(value)
    return f"{x:.1e}" if math.isfinite(x) else str(x)


def check_experiment(kind: Experiment, ctx: CheckContext) -> CheckResult:
    """Check an :class:`~derivcheck.claims.kinds.Experiment`: its measured value against its bound, run by run."""
    rows = list(kind.run(ctx.seed))
    cases = []
    for index, row in enumerate(rows):
        if not isinstance(row, Mapping) or kind.measured not in row:
            raise InputTypeError(f"Experiment run {index}", row,
                                 f"must be a dict with the measured key {kind.measured!r}",
                                 "return one dict per run from run(seed)")
        measured, bound = float(row[kind.measured]), float(kind.bound(row))
        if math.isnan(measured) or math.isnan(bound):
            holds = False
        else:
            holds = measured <= bound if kind.relation == "<=" else measured >= bound
        label = str(row.get("case", f"run {index + 1}"))
        if "rep" in row:
            label += f" #{row['rep']}"
        inside = True if kind.only_if is None else bool(kind.only_if.applies(row))
        cases.append(Case(label, holds, f"{kind.measured} {_number(measured)} vs {_number(bound)}", inside))
    statement = kind.describe()
    result = decide(statement, cases, leg=kind.leg, what="runs", condition=kind.only_if)
    failures = sum(not c.holds for c in cases)
    if result.verdict is Verdict.VERIFIED:
        head = f"holds at all {len(cases)} runs"
    elif result.verdict is Verdict.CONDITIONAL:
        head = (f"holds at the {sum(c.inside for c in cases)} runs where {kind.only_if.text}, fails at "
                f"{failures} outside it")
    else:
        head = f"fails at {failures} of {len(cases)} runs"
    table = "; ".join(f"{c.label}: {c.detail}" + ("" if c.holds else " ✗") for c in cases)
    summary = f"{kind.measured} {kind.relation} {kind.bound_text}: {head}; {table}"
    evidence = [Evidence(kind.leg, summary, result.evidence[0].details)]
    if kind.timing is not None:
        timings = dict(kind.timing())
        evidence.append(Evidence("timing", "measured, not deciding: " + ", ".join(
            f"{name} {_number(value)}" for name, value in timings.items()), measured=True))
    return CheckResult(result.verdict, statement, "", tuple(evidence), result.counterexample, result.conditions)


def check_not_checkable(kind: NotCheckable, ctx: CheckContext) -> CheckResult:
    """*not-checkable* when the text states no formula the LaTeX front end can read, else *undecided*."""
    from .latex import check_latex

    try:
        check_latex(kind.text)
    except (LatexParseError, UnsupportedError) as exc:
        return CheckResult(Verdict.NOT_CHECKABLE, kind.reason, "", (Evidence(
            "symbolic", f"no checkable formula: {type(exc).__name__}: {exc.rule}", (("parsed", False),)),))
    return CheckResult(Verdict.UNDECIDED, kind.reason, "", (Evidence(
        "symbolic", "the text parsed as a formula: it needs a real check", (("parsed", True),)),),
        where="a formula was found in a claim marked not-checkable")


def check_well_shaped(kind: WellShaped, ctx: CheckContext) -> CheckResult:
    """*proved* when the formula's shapes unify, *refuted* with the front end's shape conflict."""
    from ..latex import parse_latex

    shapes = None if kind.shapes is None else dict(kind.shapes)
    try:
        parsed = parse_latex(kind.formula, shapes=shapes)
    except InputShapeError as exc:
        example = kind.example() if kind.example is not None else None
        return CheckResult(Verdict.REFUTED, kind.describe(), "", (Evidence(
            "symbolic", f"shape conflict found by the LaTeX front end: {exc.rule}",
            (("shape_conflict", True),)),), example)
    inferred = ", ".join(f"{name} {'x'.join(str(d) for d in sym.shape)}"
                         for name, sym in dict(parsed.matrices).items())
    return CheckResult(Verdict.PROVED, kind.describe(), "", (Evidence(
        "symbolic", f"the shapes unify: {inferred}", (("shape_conflict", False),)),))
