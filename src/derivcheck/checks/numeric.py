"""The numeric legs of a check: the same instance in mpmath and in float64.

The exact value of each side is the truth. The agreement rules are those of
:mod:`derivcheck.compare.bounds`, with κ the product of the exact condition
numbers of every matrix the expression inverts or pseudo-inverts (each such
step can amplify relative errors by its κ):

* mpmath at ``dps`` digits agrees with the exact value to at least
  ``dps − log10 κ − 3`` digits;
* float64 agrees within ``c · max(M, N) · u · κ`` relative error.
"""

from __future__ import annotations

from typing import Any

import mpmath
import sympy

from ..results import Evidence
from ..compare import condition_number, f64_error_bound, mp_tolerance, relative_error
from ..compare.bounds import digits_of_agreement
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
    out: list[Evidence] = []
    for backend, kind in ((MpBackend(dps), "mpmath"), (Float64Backend(), "float64")):
        try:
            legs = [_as_matrix(evaluate(side, values, backend, dims=dims), kind) for side in (lhs, rhs)]
        except Undefined as exc:
            out.append(Evidence(kind, f"undefined in {kind}: {exc.what}", (("within_bound", False),)))
            continue
        err = max(relative_error(leg, ex, dps=dps) for leg, ex in zip(legs, exact))
        if kind == "mpmath":
            tol = mp_tolerance(dps, kappa)
            rule = f"≥ dps − log10 κ − 3 digits at {dps} digits"
        else:
            tol = f64_error_bound(size, size, kappa)
            rule = f"≤ 10·max(M,N)·u·κ = {float(tol):.2e}"
        ok = err <= tol
        details: list = [("relative_error", float(err)), ("bound", float(tol)), ("kappa", float(kappa)),
                         ("units_of_bound", float(err / tol))]
        if expect_equal:
            summary = (f"both sides match the exact values to {_digits_text(err)} "
                       f"(rule {rule}; κ = {mpmath.nstr(kappa, 3)})")
        else:
            gap = relative_error(legs[0], legs[1], dps=dps)
            ok = ok and gap > tol
            details.append(("relative_gap", float(gap)))
            summary = (f"‖lhs − rhs‖/‖rhs‖ = {mpmath.nstr(gap, 4)}, far beyond the tolerance "
                       f"{mpmath.nstr(mpmath.mpf(tol), 2)}; each side matches the exact value to {_digits_text(err)}")
        details.append(("within_bound", bool(ok)))
        out.append(Evidence(kind, summary, tuple(details)))
    return out
