"""``check_limit``: decide lim_{var→0⁺} expr = claimed, exactly, with evidence.

At each instance the expression is evaluated exactly as a matrix of rational
functions of the limit variable (linear algebra over ℚ(ε), never
``sympy.limit``); the limit of each entry p(ε)/q(ε) is read off the lowest-order
coefficients of p and q, and a pole (order ord q − ord p > 0) is a divergence.
The mpmath leg evaluates the expression at ε = 10⁻ᵏ and measures the distance
to the claimed value as ε shrinks.
"""

from __future__ import annotations

from typing import Any, Mapping

import sympy
from sympy.polys.matrices import DomainMatrix

from ..text import sstr
from ..budget import Budget, budgeted_check, checkpoint, stage
from ..results import CheckResult, Evidence, Verdict
from ..validation import DEFAULT_BUDGET, validate_budget
from ..errors import InputTypeError
from ..exact.limits import DIVERGES, limit_at_zero_plus
from ..latex.ast import Argmin
from .assumptions import normalize_assumptions
from .evaluate import ExactBackend, MpBackend, NotRational, RationalBackend, Undefined, evaluate
from .identity import summarise_legs, validate_expression
from .outcomes import Outcome, confirmer, failure_result, instance_outcomes, no_instance
from .instances import Instance, dimension_symbols, matrix_symbols_of, validate_sampling
from ..compare import relative_error

__all__ = ["check_limit", "DIVERGES"]


class _RationalFunctionBackend(ExactBackend):
    """Exact SymPy arithmetic with ε symbolic: inverses by DomainMatrix over the fraction field.

    For the instances :class:`~derivcheck.checks.evaluate.RationalBackend` over ℚ(ε) cannot
    take (a value that is not rational, a square root): the same values and the same errors.
    """

    name = "exact-rational-function"

    def __init__(self, var: sympy.Symbol) -> None:
        super().__init__()
        self.var = var

    def inverse(self, a, label):
        if a.shape[0] != a.shape[1]:
            raise Undefined(f"{label} is not square")
        if a.shape[0] == 0:
            return a
        if not a.has(self.var):
            return super().inverse(a, label)
        dm = DomainMatrix.from_Matrix(sympy.Matrix(a)).to_field()
        if dm.rank() < a.shape[0]:
            raise Undefined(f"{label} is singular for every value of {self.var}")
        return sympy.ImmutableMatrix(dm.inv().to_Matrix())

    def pinv(self, a, label):
        if a.has(self.var):
            raise Undefined(f"the pseudo-inverse {label} depends on {self.var}: not supported in limits")
        return super().pinv(a, label)


def _limit_at(expr, var, inst: Instance):
    """Exact entry-wise limit of *expr* at an instance; (matrix or None, max pole order)."""
    if isinstance(expr, Argmin):
        from .argmin import minimizers_at

        value = minimizers_at(expr.objective, expr.var, inst.values, inst.dim_map, param=var).point
    else:
        values = inst.values
        values[var] = var
        field = RationalBackend(var)  # matrices over ℚ(ε) when every value is rational
        try:
            value = evaluate(expr, values, field, dims=inst.dim_map)
        except NotRational:
            value = evaluate(expr, values, _RationalFunctionBackend(var), dims=inst.dim_map)
        else:
            if not isinstance(value, DomainMatrix):
                value = DomainMatrix([[value]], (1, 1), field.field)
    mat = value if isinstance(value, (sympy.MatrixBase, DomainMatrix)) else sympy.ImmutableMatrix([[value]])
    lim = limit_at_zero_plus(mat, var)
    return (None, lim.order) if lim.diverges else (lim.value, 0)


def _mp_convergence(expr, var, claimed_value, inst: Instance, dps: int) -> Evidence:
    """Distance from expr(ε) to the exact limit at ε = 10⁻ᵏ¹ and 10⁻ᵏ², in mpmath.

    The regularized expressions converge at rate O(ε), so the leg agrees when
    the error shrinks by at least 10^(k2−k1−1) between the two points (an
    observed order ≥ 1 − 1/(k2−k1)), or is zero at both.
    """
    mpb = MpBackend(dps)
    ks = (max(2, dps // 6), max(4, dps // 3))
    errors = []
    for k in ks:
        values = inst.values
        values[var] = sympy.Rational(1, 10**k)
        v = evaluate(expr, values, mpb, dims=inst.dim_map)
        v = v if isinstance(v, mpb.mp.matrix) else mpb.mp.matrix([[v]])
        errors.append(relative_error(v, claimed_value, dps=dps))
    (k1, k2), (e1, e2) = ks, errors
    mp = mpb.mp
    if e2 == 0:
        converging, order_text = True, "exact at the smaller ε"
    else:
        order = mp.log10(e1 / e2) / (k2 - k1) if e1 else mp.mpf(0)
        converging = bool(order >= 1 - mp.mpf(1) / (k2 - k1))
        order_text = f"observed order {mp.nstr(order, 3)}"
    return Evidence("mpmath", (
        f"|expr(ε) − limit|/|limit| = {mp.nstr(e1, 3)} at ε=1e-{k1}, {mp.nstr(e2, 3)} at ε=1e-{k2} "
        f"({order_text}, {dps} digits)"), (
        ("dps", dps), ("error_at_k1", float(e1)), ("error_at_k2", float(e2)), ("k1", k1), ("k2", k2),
        ("within_bound", converging),
    ))


def check_limit(
    expr: Any,
    var: Any,
    claimed: Any,
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
    """Decide whether lim_{var→0⁺} expr = claimed.

    Parameters
    ----------
    expr : sympy.MatrixExpr
        A matrix expression in the positive scalar symbol *var*, e.g.
        ``Inverse(A.T*A + eps*Identity(n))*A.T``.
    var : sympy.Symbol
        The limit variable; must be declared positive
        (``sympy.Symbol("epsilon", positive=True)``).
    claimed : sympy.MatrixExpr or DIVERGES
        The claimed limit (free of *var*), or :data:`DIVERGES` to claim that
        the limit does not exist.
    assume, seed, dps, max_dim, max_shapes, per_profile, numeric
        As for :func:`~derivcheck.checks.identity.check_identity`.
    budget : float
        Seconds for the whole check (default 60); when it runs out the
        verdict is ``undecided`` with where it stopped.

    Returns
    -------
    CheckResult
        ``proved`` when every matrix is explicit (the exact computation is a
        proof), ``verified`` at random instances, ``refuted`` with a
        counterexample, ``conditional``, ``undecided`` or ``inconsistent``.

    Raises
    ------
    InputTypeError
        *var* not a positive Symbol, text instead of expressions, *claimed*
        depending on *var*.
    """
    validate_sampling(seed=seed, dps=dps, max_dim=max_dim, max_shapes=max_shapes, per_profile=per_profile)
    seconds = validate_budget(budget)
    if isinstance(var, sympy.MatrixSymbol) or not isinstance(var, sympy.Symbol):
        raise InputTypeError(
            "var", var, "the limit variable must be a scalar sympy.Symbol",
            "pass sympy.Symbol('epsilon', positive=True)",
        )
    if var.is_positive is not True:
        raise InputTypeError(
            "var", var, "the limit is one-sided (var → 0⁺), so var must be declared positive",
            f"use sympy.Symbol({var.name!r}, positive=True)",
        )
    if isinstance(expr, Argmin):
        validate_expression(expr.objective, "expr.objective")
        probe = expr.objective
    else:
        expr = validate_expression(expr, "expr")
        probe = expr
    if not probe.has(var):
        raise InputTypeError("expr", expr, f"the expression does not depend on {var}",
                             f"write the expression in terms of {var}")
    diverges = claimed is DIVERGES
    if not diverges:
        claimed = validate_expression(claimed, "claimed")
        if claimed.has(var):
            raise InputTypeError("claimed", claimed, f"the claimed limit must not depend on {var}",
                                 f"remove {var} from the claimed value")
    symbols = [s for s in matrix_symbols_of(probe, *(() if diverges else (claimed,)))
               if not (isinstance(expr, Argmin) and s == expr.var)]
    exprs = (probe,) if diverges else (probe, claimed)
    dim_syms = set(dimension_symbols(*exprs))
    scalar_syms = sorted(
        (x for e in exprs for x in e.free_symbols
         if isinstance(x, sympy.Symbol) and not isinstance(x, sympy.MatrixSymbol)
         and x not in dim_syms and x != var),
        key=lambda x: x.name,
    )
    scalar_syms = sorted(set(scalar_syms), key=lambda x: x.name)
    assumptions = normalize_assumptions(assume, symbols)
    rhs_text = "does not exist" if diverges else f"= {sstr(claimed)}"
    shown = f"argmin_{expr.var.name} {sstr(expr.objective)}" if isinstance(expr, Argmin) \
        else sstr(expr)
    shown_latex = (rf"\mathop{{\mathrm{{argmin}}}}_{{{sympy.latex(expr.var)}}} {sympy.latex(expr.objective)}"
                   if isinstance(expr, Argmin) else sympy.latex(expr))
    statement = f"lim_{{{var}→0+}} {shown} {rhs_text}"
    statement_latex = (rf"\lim_{{{sympy.latex(var)} \to 0^+}} {shown_latex} "
                       + (r"\text{ does not exist}" if diverges else f"= {sympy.latex(claimed)}"))
    exact = ExactBackend()

    def outcome_of(inst: Instance) -> Outcome:
        checkpoint()
        try:
            lim, pole = _limit_at(expr, var, inst)
        except Undefined as exc:
            return Outcome(inst, "undefined", f"expression undefined: {exc.what}")
        if diverges:
            if pole:
                return Outcome(inst, "equal", f"pole of order {pole} in 1/{var}")
            return Outcome(inst, "differ", f"the limit exists: {sstr(lim.tolist())}", lim)
        if pole:
            return Outcome(inst, "differ", f"the limit does not exist (pole of order {pole})")
        try:
            target = evaluate(claimed, inst.values, exact, dims=inst.dim_map)
        except Undefined as exc:
            return Outcome(inst, "undefined", f"claimed value undefined: {exc.what}", lim)
        target = target if isinstance(target, sympy.MatrixBase) else sympy.ImmutableMatrix([[target]])
        if target.shape != lim.shape:
            return Outcome(inst, "shape", f"limit has shape {lim.shape}, claimed {target.shape}", lim)
        if target == lim:
            return Outcome(inst, "equal", "", lim)
        return Outcome(inst, "differ", f"limit − claimed = {sstr((lim - target).tolist())}", lim)

    def body(run: Budget) -> CheckResult:
        outcomes = instance_outcomes(run, outcome_of, symbols, scalar_syms, assumptions, seed=seed, max_dim=max_dim,
                                     max_shapes=max_shapes, per_profile=per_profile, dim_symbols=dim_syms)
        if not outcomes:
            return no_instance(statement, statement_latex)
        failures = [o for o in outcomes if o.status != "equal"]
        n_profiles = len({(o.instance.dims, o.instance.ranks) for o in outcomes})
        if failures:
            with stage(run, "the counterexample and its condition"):
                confirm = confirmer(outcome_of, symbols, scalar_syms, seed=seed, max_dim=max_dim,
                                    max_shapes=max_shapes, dim_symbols=dim_syms)
                return failure_result(outcomes, symbols, assumptions, statement, statement_latex,
                                      confirm=confirm, scalars=scalar_syms)
        evidence = [Evidence("exact", (
            f"exact limit over ℚ({var}) {'diverges' if diverges else 'equals the claim'} at "
            f"{len(outcomes)} instances ({n_profiles} rank profiles)"),
            (("instances", len(outcomes)), ("rank_profiles", n_profiles)))]
        if numeric and not diverges and not isinstance(expr, Argmin):
            legs = []
            with stage(run, "the mpmath leg"):
                for outcome in outcomes[:2]:
                    checkpoint()
                    ev = _mp_convergence(expr, var, outcome.value, outcome.instance, dps)
                    if not dict(ev.details)["within_bound"]:
                        return CheckResult(Verdict.INCONSISTENT, statement, statement_latex,
                                           tuple(evidence + legs + [ev]),
                                           {s.name: m for s, m in outcome.instance.matrices},
                                           where=f"mpmath: {ev.summary}")
                    legs.append(ev)
            evidence.extend(summarise_legs([legs]) if len(legs) > 1 else legs)
        verdict = Verdict.PROVED if not symbols else Verdict.VERIFIED
        return CheckResult(verdict, statement, statement_latex, tuple(evidence))

    return budgeted_check(seconds, statement, statement_latex, body)
