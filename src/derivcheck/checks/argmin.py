"""Minimizers of convex quadratic objectives, exactly, and ``check_argmin``.

The articles' objectives (‖AB − M‖²_F, plus ε‖B‖²_F) are quadratic in the
unknown matrix. At an instance the objective is expanded with fully symbolic
unknown entries; its gradient is affine and its Hessian H constant, so the
minimizers are the solutions of one linear system, found exactly:

* convexity: H is positive semidefinite (exact symmetric elimination); with a
  positive parameter ε, positive definite for all small ε > 0 (the leading
  principal minors, rational functions of ε, are positive near 0⁺);
* uniqueness: H is non-singular; otherwise the minimizers form an affine
  family of dimension ``nullity(H)``, and "B = argmin …" is not well posed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping

import sympy
from sympy.polys.matrices import DomainMatrix
from sympy.polys.rings import PolyElement

from ..text import sstr
from ..budget import Budget, budgeted_check, checkpoint, stage
from ..results import CheckResult, Evidence, Verdict
from ..validation import DEFAULT_BUDGET, validate_budget
from ..errors import InputTypeError, UnsupportedError
from ..exact.optima import is_psd_by_elimination
from .assumptions import normalize_assumptions
from ..exact.walk import OUTSIDE_THE_RING, PolynomialBackend, walk_expression
from .evaluate import ExactBackend, Undefined, evaluate
from .identity import exact_summary, validate_expression
from .outcomes import Outcome, confirmer, failure_result, instance_outcomes, no_instance
from .instances import Instance, dimension_symbols, matrix_symbols_of, validate_sampling

__all__ = ["Minimizers", "minimizers_at", "check_argmin", "sign_near_zero"]


def sign_near_zero(f: sympy.Expr, var: sympy.Symbol) -> int:
    """Sign of the rational function *f* for all sufficiently small var > 0 (0 if f ≡ 0)."""
    num, den = sympy.fraction(sympy.cancel(sympy.together(f)))
    if num == 0:
        return 0

    def low(p):
        terms = sympy.Poly(p, var).terms()
        return min(terms, key=lambda t: t[0][0])[1]

    return 1 if (low(num) / low(den)) > 0 else -1


@dataclass(frozen=True)
class Minimizers:
    """The minimizers of a convex quadratic in a matrix unknown, at one instance.

    Attributes
    ----------
    point : sympy.ImmutableMatrix
        One minimizer (entries may be rational functions of a parameter).
    family_dimension : int
        0 when the minimizer is unique; else the dimension of the affine family.
    hessian : sympy.ImmutableMatrix
        The constant Hessian with respect to vec(unknown) (row-major order).
    gradient_at_zero : sympy.ImmutableMatrix
        The gradient at the zero matrix (a column), so ∇f(X) = H·vec X + g₀.
    """

    point: sympy.ImmutableMatrix
    family_dimension: int
    hessian: sympy.ImmutableMatrix
    gradient_at_zero: sympy.ImmutableMatrix

    def is_minimizer(self, candidate: sympy.MatrixBase) -> bool:
        """Whether *candidate* is a minimizer (stationary point of the convex objective)."""
        vec = sympy.Matrix(list(candidate))
        residual = self.hessian * vec + self.gradient_at_zero
        return all(sympy.cancel(x) == 0 for x in residual)


def _expanded_polynomial(objective, vals: Mapping, dims: Mapping, unknowns: list, X, param) -> Any:
    """The objective at the instance as an element of ``ℚ[unknowns, param]``, or None."""
    gens = [*unknowns, *([param] if param is not None else [])]
    if not gens:
        return None
    ring = sympy.QQ[tuple(gens)]
    try:
        f = walk_expression(objective, vals, PolynomialBackend(ring, ExactBackend()), dims)
    except OUTSIDE_THE_RING:
        return None
    return f if isinstance(f, PolyElement) and f.ring == ring.ring else None


def _quadratic_parts(f: Any, n: int) -> tuple[int, sympy.ImmutableMatrix, sympy.ImmutableMatrix]:
    """Degree in the first *n* generators, Hessian and gradient at 0, from a ring element *f*.

    The same expressions as ``_hessian_and_gradient(Poly(f, *unknowns))``: each coefficient is a
    polynomial in the parameter with rational coefficients.
    """
    ring = f.ring
    sub = sympy.QQ[ring.symbols[n:]] if len(ring.symbols) > n else sympy.QQ
    groups: dict[tuple, dict] = {}
    for monom, c in f.terms():
        groups.setdefault(monom[:n], {})[monom[n:]] = c
    degree = max((sum(m) for m in groups), default=0)

    def to_expr(parts: dict | None, factor: int = 1) -> sympy.Expr:
        if not parts:
            return sympy.Integer(0)
        if sub is sympy.QQ:
            return sympy.QQ.to_sympy(parts[()] * factor)
        return sub.to_sympy(sub.ring.from_dict({m: c * factor for m, c in parts.items()}))

    def unit(*indices: int) -> tuple:
        exps = [0] * n
        for i in indices:
            exps[i] += 1
        return tuple(exps)

    H = sympy.ImmutableMatrix(n, n, [to_expr(groups.get(unit(i, j)), 2 if i == j else 1)
                                     for i in range(n) for j in range(n)])
    g0 = sympy.ImmutableMatrix(n, 1, [to_expr(groups.get(unit(i))) for i in range(n)])
    return degree, H, g0


def _hessian_and_gradient(poly: sympy.Poly, size: int) -> tuple[sympy.ImmutableMatrix, sympy.ImmutableMatrix]:
    """The constant Hessian and the gradient at 0 of a polynomial of degree ≤ 2, from its coefficients.

    ``∂²f/∂xᵢ∂xⱼ`` is the coefficient of ``xᵢxⱼ`` (twice that of ``xᵢ²``) and ``∂f/∂xᵢ(0)`` the
    coefficient of ``xᵢ``: the same expressions as differentiating the expanded polynomial, computed in
    its coefficient domain instead of by SymPy's ``diff``.
    """
    K = poly.domain
    coeffs = poly.as_dict(native=True)
    two = K.convert(2)

    def coefficient(monom: tuple, factor: Any = None) -> sympy.Expr:
        c = coeffs.get(monom)
        if c is None:
            return sympy.Integer(0)
        return K.to_sympy(c * factor if factor is not None else c)

    def unit(*indices: int) -> tuple:
        exps = [0] * size
        for i in indices:
            exps[i] += 1
        return tuple(exps)

    H = sympy.ImmutableMatrix(size, size, [coefficient(unit(i, j), two if i == j else None)
                                           for i in range(size) for j in range(size)])
    g0 = sympy.ImmutableMatrix(size, 1, [coefficient(unit(i)) for i in range(size)])
    return H, g0


def _leading_minor_signs(H: sympy.MatrixBase, param: sympy.Symbol) -> list[int] | None:
    """:func:`sign_near_zero` of each leading principal minor of *H*, by exact determinants in ``ℚ[param]``.

    None when the entries are not polynomials or rational functions of *param* alone with rational
    coefficients (the caller then takes the determinants with SymPy).
    """
    if H.shape[0] == 0:
        return []
    dm = DomainMatrix.from_Matrix(sympy.Matrix(H))
    K = dm.domain
    if K.is_ZZ or K.is_QQ:
        dets = [dm[:k, :k].det() for k in range(1, H.shape[0] + 1)]
        return [(d > 0) - (d < 0) for d in dets]
    if not (K.is_PolynomialRing or K.is_FractionField) or tuple(K.symbols) != (param,) \
            or not (K.domain.is_ZZ or K.domain.is_QQ):
        return None

    def low_sign(p: Any) -> int:
        (_, c) = min(p.terms(), key=lambda term: term[0][0])
        return 1 if c > 0 else -1

    out = []
    for k in range(1, H.shape[0] + 1):
        d = dm[:k, :k].det()
        num, den = (d.numer, d.denom) if K.is_FractionField else (d, None)
        if not num:
            out.append(0)
        else:
            out.append(low_sign(num) * (low_sign(den) if den is not None else 1))
    return out


def minimizers_at(objective: Any, var: sympy.MatrixSymbol, values: Mapping, dims: Mapping,
                  *, param: sympy.Symbol | None = None) -> Minimizers:
    """Exact minimizers of *objective* over the matrix *var* with every other symbol given.

    Parameters
    ----------
    objective : sympy.Expr
        A scalar expression, quadratic in the entries of *var*.
    var : sympy.MatrixSymbol
        The unknown.
    values, dims : mapping
        Values of the other symbols and of the dimension symbols.
    param : sympy.Symbol, optional
        A positive parameter left symbolic (ε in a regularized objective).

    Raises
    ------
    UnsupportedError
        The objective is not quadratic in *var*, or not convex.
    """
    rows, cols = (int(d.subs(dims)) if isinstance(d, sympy.Basic) else int(d) for d in var.shape)
    unknowns = [sympy.Dummy(f"x{i}_{j}") for i in range(rows) for j in range(cols)]
    X = sympy.ImmutableMatrix(rows, cols, unknowns)
    vals = dict(values)
    vals[var] = X
    if param is not None:
        vals[param] = param
    fast = _expanded_polynomial(objective, vals, dims, unknowns, X, param) if unknowns else None
    if fast is not None:
        degree, H, g0 = _quadratic_parts(fast, len(unknowns))
    else:
        f = sympy.expand(evaluate(objective, vals, ExactBackend(), dims=dims))
        poly = sympy.Poly(f, *unknowns) if unknowns else None
        degree = poly.total_degree() if poly is not None else 0
    if degree > 2:
        raise UnsupportedError(
            "objective", objective, f"only quadratic objectives are supported (degree {degree})",
            "check the minimizer with check_gradient and a convexity argument instead",
        )
    if fast is None:
        if poly is not None:
            H, g0 = _hessian_and_gradient(poly, len(unknowns))
        else:
            H, g0 = sympy.ImmutableMatrix(0, 0, []), sympy.ImmutableMatrix(0, 1, [])
    if param is None:
        if not is_psd_by_elimination(H):
            raise UnsupportedError("objective", objective, "the objective is not convex at this instance",
                                   "argmin claims need a convex objective")
    else:
        signs = _leading_minor_signs(H, param)
        for k in range(1, H.shape[0] + 1):
            sign = signs[k - 1] if signs is not None else \
                sign_near_zero(H[:k, :k].det(method="berkowitz"), param)
            if sign <= 0:
                raise UnsupportedError(
                    "objective", objective, f"the Hessian is not positive definite for small {param} > 0",
                    "argmin limits need a strictly convex regularized objective",
                )
    dm = DomainMatrix.from_Matrix(sympy.Matrix(H)).to_field()
    rank = dm.rank()
    aug = sympy.Matrix(H).row_join(-sympy.Matrix(g0))
    daug = DomainMatrix.from_Matrix(aug).to_field()
    rref, pivots = daug.rref()
    if len(unknowns) in pivots:
        raise UnsupportedError("objective", objective, "the objective is unbounded below",
                               "argmin claims need a bounded objective")
    sol = [sympy.Integer(0)] * len(unknowns)
    R = rref.to_Matrix()
    for row, p in enumerate(pivots):
        sol[p] = sympy.cancel(R[row, -1])
    point = sympy.ImmutableMatrix(rows, cols, sol)
    return Minimizers(point, len(unknowns) - rank, H, g0)


def check_argmin(
    objective: Any,
    var: Any,
    candidate: Any,
    *,
    assume: Mapping[sympy.MatrixSymbol, Any] | None = None,
    seed: int = 0,
    max_dim: int = 3,
    max_shapes: int = 4,
    per_profile: int = 1,
    budget: float = DEFAULT_BUDGET,
) -> CheckResult:
    """Decide whether ``candidate = argmin_var objective`` (the unique minimizer).

    Parameters
    ----------
    objective : sympy.Expr
        A convex quadratic scalar objective in *var*.
    var : sympy.MatrixSymbol
        The unknown.
    candidate : sympy.MatrixExpr
        The claimed minimizer, free of *var*.
    assume, seed, max_dim, max_shapes, per_profile
        As for :func:`~derivcheck.checks.identity.check_identity`.
    budget : float
        Seconds for the whole check (default 60); when it runs out the
        verdict is ``undecided`` with where it stopped.

    Returns
    -------
    CheckResult
        ``verified`` when the candidate is the unique minimizer at every
        instance; ``conditional`` when it is a minimizer but uniqueness (or
        the candidate itself) needs an unstated assumption; ``refuted``.
    """
    validate_sampling(seed=seed, max_dim=max_dim, max_shapes=max_shapes, per_profile=per_profile)
    seconds = validate_budget(budget)
    objective = validate_expression(objective, "objective")
    if not isinstance(var, sympy.MatrixSymbol):
        raise InputTypeError("var", var, "the unknown must be a sympy.MatrixSymbol", "pass the MatrixSymbol")
    candidate = validate_expression(candidate, "candidate")
    symbols = [s for s in matrix_symbols_of(objective, candidate) if s != var]
    dim_syms = set(dimension_symbols(objective, candidate, var))
    scalars = sorted({x for x in objective.free_symbols | candidate.free_symbols
                      if isinstance(x, sympy.Symbol) and not isinstance(x, sympy.MatrixSymbol)
                      and x not in dim_syms}, key=lambda x: x.name)
    assumptions = normalize_assumptions(assume, symbols)
    statement = f"{sstr(candidate)} = argmin_{var.name} {sstr(objective)}"
    statement_latex = (rf"{sympy.latex(candidate)} = \mathop{{\mathrm{{argmin}}}}_{{{sympy.latex(var)}}} "
                       f"{sympy.latex(objective)}")

    def outcome_of(inst: Instance) -> Outcome:
        checkpoint()
        dims = {**inst.dim_map}
        for d in var.shape:
            if isinstance(d, sympy.Symbol) and d not in dims:
                dims[d] = 1
        try:
            c = evaluate(candidate, inst.values, ExactBackend(), dims=dims)
        except Undefined as exc:
            return Outcome(inst, "undefined", f"candidate undefined: {exc.what}")
        mins = minimizers_at(objective, var, inst.values, dims)
        if not mins.is_minimizer(c):
            return Outcome(inst, "differ", f"not a minimizer; a minimizer is {sstr(mins.point.tolist())}")
        if mins.family_dimension:
            return Outcome(inst, "not-unique", (
                f"a minimizer, but the minimizers form an affine family of dimension "
                f"{mins.family_dimension}: argmin is not a single matrix"))
        return Outcome(inst, "equal", "")

    def body(run: Budget) -> CheckResult:
        outcomes = instance_outcomes(run, outcome_of, symbols, scalars, assumptions, seed=seed, max_dim=max_dim,
                                     max_shapes=max_shapes, per_profile=per_profile, dim_symbols=dim_syms)
        if not outcomes:
            return no_instance(statement, statement_latex)
        failures = [o for o in outcomes if o.status != "equal"]
        if not failures:
            summary, details = exact_summary(outcomes)
            return CheckResult(Verdict.VERIFIED, statement, statement_latex, (Evidence(
                "exact", ("the candidate is the unique minimizer (Hessian positive definite, stationarity "
                          "exact): " + summary.replace("holds exactly at", "at", 1)),
                tuple(details)),))
        with stage(run, "the counterexample and its condition"):
            confirm = confirmer(outcome_of, symbols, scalars, seed=seed, max_dim=max_dim,
                                max_shapes=max_shapes, dim_symbols=dim_syms)
            return failure_result(outcomes, symbols, assumptions, statement, statement_latex,
                                  confirm=confirm, scalars=scalars)

    return budgeted_check(seconds, statement, statement_latex, body)
