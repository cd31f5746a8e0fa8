"""The numeric legs of a check: the same instance in mpmath and in float64.

The exact value of each side is the truth. The agreement rules are those of
:mod:`derivcheck.compare.bounds`, with κ the product of the exact condition
numbers of every matrix the expression inverts or pseudo-inverts (each such
step can amplify relative errors by its κ):

* mpmath at ``dps`` digits agrees with the exact value to at least
  ``dps − log10 κ − 3`` digits;
* float64 agrees within ``c · max(M, N) · u · κ`` relative error.

Both errors are measured relative to the *scale* of each side: the larger of
the norm of its exact value and the magnitude of its operands (a sum: the sum
of its terms' magnitudes; a product: the product of its factors'; anything
else: the norm of its exact value). Rounding errors are committed on the
operands, so a side whose exact value is zero or whose terms cancel
(``(I − AA⁺)A``) is held to ``c · max(M, N) · u · κ · ‖I‖‖A‖`` and more, not
to a relative error against 0.
"""

from __future__ import annotations

import functools
from typing import Any

import mpmath
import sympy

from ..results import Evidence
from ..compare import condition_number, f64_error_bound, mp_tolerance, relative_error
from ..compare.bounds import digits_of_agreement
from ..errors import UnsupportedError
from .evaluate import ExactBackend, Float64Backend, MpBackend, Undefined, evaluate

__all__ = ["numeric_legs", "inversion_kappa"]


def _as_matrix(v: Any, kind: str) -> Any:
    if kind == "exact":
        return v if isinstance(v, sympy.MatrixBase) else sympy.ImmutableMatrix([[v]])
    if kind == "mpmath":
        return v if isinstance(v, mpmath.matrix) else mpmath.matrix([[v]])
    import numpy as np

    return np.atleast_2d(np.asarray(v, dtype=float))


def inversion_kappa(recorded: list) -> mpmath.mpf:
    """Product of κ₂ over the exact arguments of every inverse and pseudo-inverse."""
    kappa = mpmath.mpf(1)
    for _kind, _label, value in recorded:
        if value.shape[0] and value.shape[1]:
            kappa *= condition_number(value)
    return kappa


def _magnitude(entry: Any) -> mpmath.mpf:
    """|entry| of an exact scalar (a rational, or an algebraic number such as sqrt(71))."""
    try:
        return _magnitude_at(entry, mpmath.mp.prec)
    except TypeError:  # unhashable
        return _magnitude_at.__wrapped__(entry, mpmath.mp.prec)


@functools.lru_cache(maxsize=8192)
def _magnitude_at(entry: Any, prec: int) -> mpmath.mpf:
    """:func:`_magnitude` at the working precision *prec* (remembered: instances repeat their entries)."""
    value = sympy.Abs(entry).evalf(30)
    return mpmath.mpf(str(value)) if value.is_Number else mpmath.mpf(0)


def _fro(value: Any) -> mpmath.mpf:
    """The Frobenius norm of an exact matrix or scalar, in mpmath."""
    if isinstance(value, sympy.MatrixBase):
        return mpmath.sqrt(mpmath.fsum(_magnitude(e) ** 2 for e in value))
    return _magnitude(value)


def operand_magnitude(expr: Any, values: dict, dims: dict) -> mpmath.mpf:
    """An upper scale of the operands a side is computed from (its rounding errors' scale).

    A sum: the sum of its terms' magnitudes; a product: the product of its
    factors'; a transpose: its argument's; anything else (a symbol, an inverse,
    a pseudo-inverse, a trace): the norm of its exact value. By the triangle
    inequality and submultiplicativity of the Frobenius norm it is at least
    the norm of the exact value.
    """
    if isinstance(expr, (sympy.MatAdd, sympy.Add)):
        return mpmath.fsum(operand_magnitude(t, values, dims) for t in expr.args)
    if isinstance(expr, (sympy.MatMul, sympy.Mul)):
        result = mpmath.mpf(1)
        for factor in expr.args:
            result *= operand_magnitude(factor, values, dims)
        return result
    if isinstance(expr, sympy.Transpose):
        return operand_magnitude(expr.arg, values, dims)
    if isinstance(expr, sympy.Basic) and expr.is_number and not getattr(expr, "is_Matrix", False):
        return _fro(expr)
    return _fro(evaluate(expr, values, ExactBackend(), dims=dims))


def _scaled_error(leg: Any, exact: Any, norm: mpmath.mpf, scale: mpmath.mpf, dps: int) -> mpmath.mpf:
    """``‖leg − exact‖ / scale``: the leg's error relative to the side's scale (0 if both vanish)."""
    rel = relative_error(leg, exact, dps=dps)  # absolute when the exact value is zero
    absolute = rel * norm if norm else rel
    return absolute / scale if scale else absolute


def _digits_text(err: Any) -> str:
    digits = digits_of_agreement(err)
    return "all digits" if digits == float("inf") else f"{digits:.1f} digits"


def numeric_legs(lhs: Any, rhs: Any, instance, *, dps: int, expect_equal: bool) -> list[Evidence]:
    """Evaluate both sides at *instance* in mpmath and float64 against the exact values.

    Parameters
    ----------
    lhs, rhs : sympy expressions
        The two sides.
    instance : Instance
        Exact values of every symbol.
    dps : int
        mpmath precision.
    expect_equal : bool
        True when the exact leg found the sides equal; False for a
        counterexample, where each numeric leg must also see the sides differ
        by more than its tolerance.

    Returns
    -------
    list of Evidence
        One per numeric leg; ``within_bound`` in the details says whether
        the leg agrees with the exact leg.
    """
    values, dims = instance.values, instance.dim_map
    non_finite = (sympy.oo, -sympy.oo, sympy.zoo, sympy.nan)
    if any(isinstance(side, sympy.Basic) and side.has(*non_finite) for side in (lhs, rhs)):
        return [Evidence(kind, "not run: the statement contains a non-finite value", ())
                for kind in ("mpmath", "float64")]
    record: list = []
    try:
        exact = [_as_matrix(evaluate(side, values, ExactBackend(), dims=dims, record=record), "exact")
                 for side in (lhs, rhs)]
    except Undefined:
        return []
    kappa = inversion_kappa(record)
    size = max([1, *(max(v.shape) for v in values.values() if isinstance(v, sympy.MatrixBase))])
    norms = [_fro(ex) for ex in exact]
    try:
        scales = [max(n, operand_magnitude(side, values, dims)) for n, side in zip(norms, (lhs, rhs))]
    except (Undefined, UnsupportedError, TypeError, ValueError):
        scales = list(norms)
    cancels = any(scale > n for scale, n in zip(scales, norms))
    out: list[Evidence] = []
    for backend, kind in ((MpBackend(dps), "mpmath"), (Float64Backend(), "float64")):
        try:
            legs = [_as_matrix(evaluate(side, values, backend, dims=dims), kind) for side in (lhs, rhs)]
        except Undefined as exc:
            out.append(Evidence(kind, f"undefined in {kind}: {exc.what}", (("within_bound", False),)))
            continue
        err = max(_scaled_error(leg, ex, n, scale, dps)
                  for leg, ex, n, scale in zip(legs, exact, norms, scales))
        scale_note = ", relative to the operands' magnitude" if cancels else ""
        if kind == "mpmath":
            tol = mp_tolerance(dps, kappa)
            rule = f"≥ dps − log10 κ − 3 digits at {dps} digits{scale_note}"
        else:
            tol = f64_error_bound(size, size, kappa)
            rule = f"≤ 10·max(M,N)·u·κ = {float(tol):.2e}{scale_note}"
        ok = err <= tol
        details: list = [("relative_error", float(err)), ("bound", float(tol)), ("kappa", float(kappa)),
                         ("units_of_bound", float(err / tol))]
        if expect_equal:
            summary = (f"both sides match the exact values to {_digits_text(err)} "
                       f"(rule {rule}; κ = {mpmath.nstr(kappa, 3)})")
        else:
            gap = relative_error(legs[0], legs[1], dps=dps)
            # The gap must exceed what rounding can make of the operands, not only of the result.
            absolute_gap = gap * norms[1] if norms[1] else gap
            ok = ok and gap > tol and absolute_gap > tol * max(scales)
            details.append(("relative_gap", float(gap)))
            summary = (f"‖lhs − rhs‖/‖rhs‖ = {mpmath.nstr(gap, 4)}, far beyond the tolerance "
                       f"{mpmath.nstr(mpmath.mpf(tol), 2)}; each side matches the exact value to {_digits_text(err)}")
        details.append(("within_bound", bool(ok)))
        out.append(Evidence(kind, summary, tuple(details)))
    return out
