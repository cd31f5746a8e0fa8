"""``check_identity``: decide a matrix identity lhs = rhs with evidence.

The decision procedure, in order:

1. shapes: the two sides must have equal shapes at every valid instance;
2. symbolic proof: matrix-expression algebra with symbolic dimensions
   (generic), or fully symbolic entries at concrete shapes (for all entries);
3. exact instances: random rational matrices covering every shape drawn and
   every rank profile the assumptions allow (see :mod:`.instances`);
4. numeric legs: the same instances in mpmath and float64, compared with the
   exact values within bounds set by the precision and the conditioning.

A failure at an instance that the stated assumptions allow refutes the
claim, unless a stronger assumption from the standard vocabulary (full
column/row rank, invertible) removes every failure: then the claim is
``conditional`` and the missing assumptions are named.
"""

from __future__ import annotations

from typing import Any, Callable, Mapping, Sequence

import sympy

from ..text import sstr
from ..budget import Budget, BudgetExpired, budgeted_check, checkpoint, stage
from ..results import CheckResult, Evidence, Verdict
from ..validation import DEFAULT_BUDGET, validate_budget
from ..errors import InputError, InputTypeError, UnsupportedError
from ..exact.expr import Pinv
from .assumptions import MatrixAssumptions, normalize_assumptions
from .evaluate import ExactBackend, Undefined, evaluate
from .instances import (Instance, _concrete, dimension_symbols, draw_instances, inverts_a_sum,
                        matrix_symbols_of, validate_sampling)
from .numeric import numeric_legs
from .outcomes import Outcome, confirmer, failure_result, smallest_failure
from .sampling import symbolic_matrix

__all__ = ["check_identity", "validate_expression", "summarise_legs", "exact_summary"]

def validate_expression(expr: Any, name: str) -> Any:
    """Check that *expr* is a SymPy matrix or scalar expression (never text)."""
    if isinstance(expr, str):
        raise InputTypeError(
            name, expr, "text is never parsed here",
            "build the expression from sympy.MatrixSymbol objects, or use derivcheck.parse_latex",
        )
    if isinstance(expr, sympy.MatrixBase):
        return sympy.ImmutableMatrix(expr)
    if not isinstance(expr, sympy.Basic):
        raise InputTypeError(
            name, expr, f"a {type(expr).__name__} is not a SymPy expression",
            "build the expression from sympy.MatrixSymbol objects",
        )
    if any(isinstance(inv.arg, sympy.ZeroMatrix) for inv in expr.atoms(sympy.Inverse)):
        raise InputError(name, "Inverse(ZeroMatrix)", "the inverse of the zero matrix does not exist",
                         "remove the inverse of a zero matrix from the expression")
    return expr


def _as_scalar_if_1x1(side, other):
    """A 1×1 matrix compared with a scalar is read as its only entry (``xᵀAx = ‖Ax‖²``)."""
    if _shape(side) is not None and _shape(other) is None:
        rows, cols = side.shape
        if rows == 1 and cols == 1:
            return sympy.Trace(side)
    return side


def _shape(expr) -> tuple | None:
    return tuple(expr.shape) if getattr(expr, "is_Matrix", False) else None


def _concrete_shape(expr, dims: Mapping) -> tuple[int, int] | None:
    shp = _shape(expr)
    if shp is None:
        return None
    return tuple(_concrete(d, dims) for d in shp)


def _exact_equal(a, b) -> bool:
    if isinstance(a, sympy.MatrixBase):
        if a.shape != b.shape:
            return False
        return all(sympy.simplify(x - y) == 0 if (x - y).free_symbols else x == y for x, y in zip(a, b))
    d = a - b
    return (sympy.simplify(d) == 0) if getattr(d, "free_symbols", None) else d == 0


def _evaluate_instance(lhs, rhs, inst: Instance, backend) -> Outcome:
    dims = inst.dim_map
    ls, rs = _concrete_shape(lhs, dims), _concrete_shape(rhs, dims)
    if ls != rs:
        return Outcome(inst, "shape", f"lhs has shape {ls}, rhs has shape {rs}")
    try:
        lv = evaluate(lhs, inst.values, backend, dims=dims)
    except Undefined as exc:
        return Outcome(inst, "undefined", f"lhs undefined: {exc.what}")
    try:
        rv = evaluate(rhs, inst.values, backend, dims=dims)
    except Undefined as exc:
        return Outcome(inst, "undefined", f"rhs undefined: {exc.what}")
    if _exact_equal(lv, rv):
        return Outcome(inst, "equal", "")
    return Outcome(inst, "differ", f"lhs - rhs = {sstr((lv - rv).tolist()) if isinstance(lv, sympy.MatrixBase) else sstr(lv - rv)}")


class _RecheckBackend(ExactBackend):
    """Exact arithmetic by other routes: the ε-limit for pseudo-inverses, LU for inverses."""

    name = "exact-recheck"

    def pinv(self, a, label):
        from ..exact.limits import regularized_limit

        if a.shape[0] == 0 or a.shape[1] == 0:
            return sympy.ImmutableMatrix.zeros(a.shape[1], a.shape[0])
        return sympy.ImmutableMatrix(regularized_limit(a, side="left").value)

    def inverse(self, a, label):
        if a.shape[0] != a.shape[1]:
            raise Undefined(f"{label} is not square")
        if a.shape[0] == 0:
            return a
        if a.det() == 0:
            raise Undefined(f"{label} is singular")
        return sympy.ImmutableMatrix(sympy.Matrix(a).inv(method="LU"))


def _generic_proof(lhs, rhs) -> bool:
    """Matrix-expression algebra: does lhs - rhs canonicalize to zero?"""
    try:
        diff = (lhs - rhs).doit().expand() if _shape(lhs) else sympy.expand((lhs - rhs).doit())
    except (TypeError, ValueError, AttributeError, NotImplementedError, sympy.ShapeError):
        return False  # SymPy cannot canonicalize this expression: no generic proof
    return diff == 0 or isinstance(diff, sympy.ZeroMatrix) or (
        isinstance(diff, sympy.MatrixBase) and diff.is_zero_matrix is True
    )


def _substitute_pinv(expr, assumptions: Mapping[sympy.MatrixSymbol, MatrixAssumptions]):
    """Replace Pinv(X) by its closed form where the assumptions make it valid."""
    def rule(e):
        if isinstance(e, Pinv) and isinstance(e.arg, sympy.MatrixSymbol):
            a = assumptions.get(e.arg)
            words = set(a.words) if a else set()
            x = e.arg
            if "orthogonal" in words:
                return x.T
            if "invertible" in words:
                return sympy.Inverse(x)
            if "full column rank" in words:
                return sympy.Inverse(x.T * x) * x.T
            if "full row rank" in words:
                return x.T * sympy.Inverse(x * x.T)
        return e

    return expr.replace(lambda e: isinstance(e, Pinv), rule)


def _closed_form_proof(lhs, rhs, assumptions) -> bool:
    """Matrix-expression algebra after replacing each X⁺ by its closed form under the assumptions."""
    lhs2, rhs2 = _substitute_pinv(lhs, assumptions), _substitute_pinv(rhs, assumptions)
    if (lhs2, rhs2) == (lhs, rhs):
        return False
    return _generic_proof(lhs2, rhs2)


def _symbolic_entry_count(lhs, rhs, dims: Mapping) -> int:
    count = 0
    for sym in matrix_symbols_of(lhs, rhs):
        m, n = (int(d.subs(dims)) if isinstance(d, sympy.Basic) else int(d) for d in sym.shape)
        count += m * n
    return count


#: Without an interrupting timer (threads other than the main one), the entry proof runs only on
#: claims with at most this many symbolic entries and no inverse: it could not be stopped otherwise.
UNINTERRUPTIBLE_ENTRY_LIMIT = 12


def _entry_proof(lhs, rhs, assumptions, dims: Mapping, *, interrupting: bool = True) -> bool | None:
    """Fully symbolic entries at concrete shapes. None when not applicable."""
    lhs2, rhs2 = _substitute_pinv(lhs, assumptions), _substitute_pinv(rhs, assumptions)
    if lhs2.has(Pinv) or rhs2.has(Pinv):
        return None
    if not interrupting and (lhs2.has(sympy.Inverse) or rhs2.has(sympy.Inverse)
                             or _symbolic_entry_count(lhs2, rhs2, dims) > UNINTERRUPTIBLE_ENTRY_LIMIT):
        return None
    if any(inv.arg.has(sympy.Inverse) for side in (lhs2, rhs2) for inv in side.atoms(sympy.Inverse)):
        return None  # nested inverses of symbolic matrices: rational functions too large to cancel
    if any(a.structure == "orthogonal" for a in assumptions.values()):
        return None
    values = {}
    for sym, a in assumptions.items():
        m, n = (int(d.subs(dims)) if isinstance(d, sympy.Basic) else int(d) for d in sym.shape)
        values[sym] = symbolic_matrix(sym.name, a, m, n)
    for x in (lhs2.free_symbols | rhs2.free_symbols):
        if isinstance(x, sympy.Symbol) and not isinstance(x, sympy.MatrixSymbol) and x not in dims:
            values[x] = x
    backend = ExactBackend()
    try:
        checkpoint()
        lv = evaluate(lhs2, values, backend, dims=dims)
        rv = evaluate(rhs2, values, backend, dims=dims)
    except (Undefined, UnsupportedError):
        return None
    diff = (lv - rv)
    if isinstance(diff, sympy.MatrixBase):
        for x in diff:
            checkpoint()
            if sympy.cancel(sympy.together(x)) != 0:
                return False
        return True
    return sympy.cancel(sympy.together(diff)) == 0


def _polynomial_degree(expr) -> int | None:
    """Total degree in the matrix entries and scalars, for inverse-free expressions."""
    if isinstance(expr, (sympy.MatrixSymbol, sympy.Symbol)):
        return 1
    if isinstance(expr, (sympy.Identity, sympy.ZeroMatrix, sympy.Number, sympy.MatrixBase)):
        return 0
    if isinstance(expr, (sympy.Inverse, Pinv)):
        return None
    if isinstance(expr, (sympy.MatMul, sympy.Mul)):
        parts = [_polynomial_degree(a) for a in expr.args]
        return None if None in parts else sum(parts)
    if isinstance(expr, (sympy.MatAdd, sympy.Add)):
        parts = [_polynomial_degree(a) for a in expr.args]
        return None if None in parts else max(parts)
    if isinstance(expr, (sympy.Transpose, sympy.Trace)):
        return _polynomial_degree(expr.arg)
    if isinstance(expr, (sympy.MatPow, sympy.Pow)):
        base, e = expr.args
        d = _polynomial_degree(base)
        return None if d is None or not e.is_Integer or e < 0 else d * int(e)
    return None


def summarise_legs(per_instance: Sequence[Sequence[Evidence]]) -> list[Evidence]:
    """One Evidence per numeric leg summarising that leg at every instance (worst case shown).

    Parameters
    ----------
    per_instance : sequence of sequences of Evidence
        The legs of :func:`~.numeric.numeric_legs` at each instance.

    Returns
    -------
    list of Evidence
        Per leg: the number of instances, the worst relative error and its
        bound, the worst ratio to the bound, and whether every instance was
        within its bound.
    """
    by_leg: dict[str, list[Evidence]] = {}
    for legs in per_instance:
        for e in legs:
            by_leg.setdefault(e.leg, []).append(e)
    out = []
    for leg, items in by_leg.items():
        facts = [dict(e.details) for e in items]
        measured = [f for f in facts if "units_of_bound" in f]
        ok = all(f.get("within_bound") is not False for f in facts)
        if not measured:
            out.append(Evidence(leg, f"at {len(items)} instances: {items[-1].summary}",
                                (("instances", len(items)), ("within_bound", ok))))
            continue
        worst_index = max(range(len(measured)), key=lambda k: measured[k]["units_of_bound"])
        worst = measured[worst_index]
        summary = (f"at {len(items)} instances, worst: {items[worst_index].summary}; "
                   f"worst error = {worst['units_of_bound']:.2g} × bound")
        out.append(Evidence(leg, summary, (
            ("instances", len(items)), ("relative_error", worst["relative_error"]),
            ("bound", worst["bound"]), ("units_of_bound", worst["units_of_bound"]), ("within_bound", ok),
        )))
    return out


def exact_summary(outcomes: Sequence[Outcome]) -> tuple[str, list]:
    """The exact leg's summary of every instance: counts per shape and rank profile."""
    n_shapes = len({o.instance.dims for o in outcomes})
    n_profiles = len({(o.instance.dims, o.instance.ranks) for o in outcomes})
    n_scalar_values = len({o.instance.scalars for o in outcomes if o.instance.scalars})
    summary = (f"holds exactly at {len(outcomes)} random rational instances "
               f"({n_shapes} shapes, {n_profiles} rank profiles"
               + (f", {n_scalar_values} scalar assignments" if n_scalar_values else "") + ")")
    details: list = [("instances", len(outcomes)), ("shapes", n_shapes), ("rank_profiles", n_profiles)]
    if n_scalar_values:
        details.append(("scalar_assignments", n_scalar_values))
    return summary, details


#: Share of the remaining budget the symbolic proof attempt may take.
PROOF_SHARE = 0.5


def _attempt(budget: Budget, label: str, attempt: Callable[[], Any]) -> tuple[Any, str | None]:
    """Run a proof attempt in its share of *budget*: (result, None) or (None, where it stopped)."""
    share = budget.share(PROOF_SHARE, label=label)
    try:
        with share:
            return attempt(), None
    except BudgetExpired as exc:
        if exc.budget is not share:
            raise
        return None, exc.where


def check_identity(
    lhs: Any,
    rhs: Any,
    *,
    assume: Mapping[sympy.MatrixSymbol, Any] | None = None,
    seed: int = 0,
    dps: int = 50,
    max_dim: int = 3,
    max_shapes: int = 4,
    per_profile: int = 2,
    numeric: bool = True,
    budget: float = DEFAULT_BUDGET,
) -> CheckResult:
    """Decide whether the matrix identity ``lhs = rhs`` holds.

    Parameters
    ----------
    lhs, rhs : sympy.MatrixExpr or sympy.Expr
        Matrix expressions over ``MatrixSymbol`` objects with concrete or
        symbolic dimensions, built with products, sums, scalars, ``Transpose``,
        ``Inverse``, ``Trace``, ``MatPow`` and :class:`derivcheck.Pinv`; or two
        scalar expressions (traces, norms).
    assume : mapping, optional
        ``MatrixSymbol -> str or list of str`` with words from
        :data:`~derivcheck.checks.assumptions.ASSUMPTION_WORDS`.
    seed : int
        Seed of the random instances; the same seed gives the same result.
    dps : int
        Precision of the mpmath leg.
    max_dim, max_shapes, per_profile : int
        Sampling: dimensions range over ``1..max_dim``, at most *max_shapes*
        shapes, *per_profile* draws per rank profile.
    numeric : bool
        Run the mpmath and float64 legs.
    budget : float
        Seconds for the whole check (default 60, as on the command line).
        The exact instances run first; the symbolic proof attempt then gets
        half of what is left and, when it runs out, the verdict rests on the
        instances (``verified``).

    Returns
    -------
    CheckResult
        ``proved``, ``verified``, ``refuted`` (with a counterexample),
        ``conditional`` (naming the missing assumptions or scalar
        conditions such as ``c ≠ 0``), ``undecided`` (the budget ran out;
        ``where`` says at which step and line) or ``inconsistent``.

    Raises
    ------
    InputTypeError
        Text or non-SymPy objects instead of expressions.
    AssumptionError, DimensionError
        Unknown or impossible assumptions; shapes with no valid instance.
    InputError
        A budget that is not a finite number of seconds > 0.

    Examples
    --------
    >>> import sympy
    >>> from derivcheck import Pinv, check_identity
    >>> A = sympy.MatrixSymbol("A", 3, 2)
    >>> check_identity(A * Pinv(A) * A, A).verdict.value
    'verified'
    """
    validate_sampling(seed=seed, dps=dps, max_dim=max_dim, max_shapes=max_shapes, per_profile=per_profile)
    seconds = validate_budget(budget)
    lhs = validate_expression(lhs, "lhs")
    rhs = validate_expression(rhs, "rhs")
    lhs, rhs = _as_scalar_if_1x1(lhs, rhs), _as_scalar_if_1x1(rhs, lhs)
    if (_shape(lhs) is None) != (_shape(rhs) is None):
        raise InputTypeError(
            "rhs", rhs, "one side is a matrix and the other a scalar",
            "compare a matrix with a matrix, or a scalar with a scalar",
        )
    symbols = matrix_symbols_of(lhs, rhs)
    dim_syms = set(dimension_symbols(lhs, rhs))
    scalar_syms = sorted(
        (x for x in (lhs.free_symbols | rhs.free_symbols)
         if isinstance(x, sympy.Symbol) and not isinstance(x, sympy.MatrixSymbol) and x not in dim_syms),
        key=lambda x: x.name,
    )
    assumptions = normalize_assumptions(assume, symbols)
    statement = f"{sstr(lhs)} = {sstr(rhs)}"
    statement_latex = f"{sympy.latex(lhs)} = {sympy.latex(rhs)}"

    def body(run: Budget) -> CheckResult:
        with stage(run, "drawing the exact instances"):
            instances = draw_instances(symbols, scalar_syms, assumptions, seed=seed, max_dim=max_dim,
                                       max_shapes=max_shapes, per_profile=per_profile,
                                       dim_symbols=dim_syms, joint_low_ranks=inverts_a_sum(lhs, rhs))
        backend = ExactBackend()

        def outcome_of(inst: Instance) -> Outcome:
            checkpoint()
            return _evaluate_instance(lhs, rhs, inst, backend)

        with stage(run, "the exact instances"):
            outcomes = [outcome_of(inst) for inst in instances]
        if not outcomes:
            return CheckResult(Verdict.UNDECIDED, statement, statement_latex,
                               where="no instance could be drawn: nothing was checked")
        failures = [o for o in outcomes if o.status != "equal"]
        if failures:
            with stage(run, "the counterexample and its condition"):
                return _failure(outcomes, failures, outcome_of)
        return _success(run, outcomes)

    def _failure(outcomes, failures, outcome_of) -> CheckResult:
        first = smallest_failure(failures)
        recheck = _evaluate_instance(lhs, rhs, first.instance, _RecheckBackend())
        if recheck.status == "equal":
            return CheckResult(
                Verdict.INCONSISTENT, statement, statement_latex,
                (Evidence("exact", f"two exact routes disagree at {first.instance.describe()}: "
                                   f"{first.detail}"),),
                where="exact evaluation (pinv_exact/inverse) vs exact recheck (ε-limit/LU)",
            )
        legs = numeric_legs(lhs, rhs, first.instance, dps=dps, expect_equal=False) \
            if first.status == "differ" and numeric else []
        confirm = confirmer(outcome_of, symbols, scalar_syms, seed=seed, max_dim=max_dim,
                            max_shapes=max_shapes, dim_symbols=dim_syms,
                            joint_low_ranks=inverts_a_sum(lhs, rhs))
        return failure_result(outcomes, symbols, assumptions, statement, statement_latex, first=first,
                              extra_evidence=legs, note="; confirmed by an independent exact route",
                              confirm=confirm, scalars=scalar_syms)

    def _success(run: Budget, outcomes) -> CheckResult:
        evidence: list[Evidence] = []
        stopped: list[str] = []
        generic = proved_closed = proved_entries = False
        with stage(run, "the symbolic proof"):
            if dim_syms:
                generic, why = _attempt(run, "symbolic proof (matrix algebra)",
                                        lambda: _generic_proof(lhs, rhs))
                stopped += [why] if why else []
            if not generic:
                proved_closed, why = _attempt(run, "symbolic proof (closed forms)",
                                              lambda: _closed_form_proof(lhs, rhs, assumptions))
                stopped += [why] if why else []
            if not (generic or proved_closed) and not dim_syms:
                proved_entries, why = _attempt(
                    run, "symbolic proof (fully symbolic entries)",
                    lambda: _entry_proof(lhs, rhs, assumptions, {}, interrupting=run.interrupting))
                stopped += [why] if why else []
        if generic:
            evidence.append(Evidence("symbolic", "lhs - rhs simplifies to zero by matrix-expression algebra "
                                                 "(symbolic dimensions)", (("generic", True),)))
        if proved_closed:
            evidence.append(Evidence("symbolic", "with each pseudo-inverse replaced by its closed form under "
                                                 "the assumptions, lhs - rhs simplifies to zero by "
                                                 "matrix-expression algebra", (("closed_forms", True),)))
        if proved_entries:
            evidence.append(Evidence("symbolic", "lhs - rhs is identically zero with fully symbolic entries "
                                                 "at the stated shapes", (("all_entries", True),)))
        proved = bool(generic or proved_closed or proved_entries)
        if stopped and not proved:
            # how far a proof gets in its share of time varies from run to run: a measurement
            evidence.append(Evidence("symbolic", "proof attempt " + "; ".join(stopped)
                                     + ": the verdict rests on the exact instances",
                                     (("stopped", True),), measured=True))
        summary, details = exact_summary(outcomes)
        degree = _polynomial_degree(lhs - rhs) if not proved else None
        if degree is not None:
            details.append(("degree", degree))
            summary += f"; polynomial of degree ≤ {degree} in the entries"
        evidence.append(Evidence("exact", summary, tuple(details)))
        if numeric:
            per_instance = []
            with stage(run, "the numeric legs"):
                for inst in [o.instance for o in outcomes][: max(1, min(3, len(outcomes)))]:
                    checkpoint()
                    legs = numeric_legs(lhs, rhs, inst, dps=dps, expect_equal=True)
                    bad = [e for e in legs if dict(e.details).get("within_bound") is False]
                    if bad:
                        return CheckResult(
                            Verdict.INCONSISTENT, statement, statement_latex,
                            tuple(evidence + summarise_legs(per_instance) + legs),
                            {s.name: m for s, m in inst.matrices},
                            where="; ".join(f"{e.leg}: {e.summary}" for e in bad),
                        )
                    per_instance.append(legs)
            evidence.extend(summarise_legs(per_instance))
        verdict = Verdict.PROVED if proved else Verdict.VERIFIED
        return CheckResult(verdict, statement, statement_latex, tuple(evidence))

    return budgeted_check(seconds, statement, statement_latex, body)
