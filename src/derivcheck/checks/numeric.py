"""The numeric legs of a check: the same instance in mpmath and in float64.

The exact value is the truth. The mpmath value must agree with it to at least
``dps - log10(κ) - 3`` digits and the float64 value to within
``c · max(M, N) · u · κ`` relative error, where κ is the product of the
condition numbers of every matrix the expression inverts (each inversion can
amplify relative errors by its κ) and u = 2⁻⁵³. See
:mod:`derivcheck.compare.bounds` for the rules.
"""

from __future__ import annotations

from typing import Any

import sympy

from ..claims.verdict import Evidence
from . import tolerances as bounds
from .evaluate import ExactBackend, Float64Backend, MpBackend, Undefined, evaluate, kappa_product

__all__ = ["numeric_legs"]


def _as_exact_matrix(v):
    return v if isinstance(v, sympy.MatrixBase) else sympy.ImmutableMatrix([[v]])


def numeric_legs(lhs: Any, rhs: Any, instance, *, dps: int, expect_equal: bool) -> list[Evidence]:
    """Evaluate ``lhs - rhs`` at *instance* in mpmath and float64.

    Parameters
    ----------
    lhs, rhs : sympy expressions
        The two sides.
    instance : Instance
        Exact values of every symbol.
    dps : int
        mpmath precision.
    expect_equal : bool
        True when the exact leg found the sides equal (the numeric legs must
        agree with zero within their bounds); False for a counterexample
        (the numeric legs must see a difference beyond their bounds).

    Returns
    -------
    list of Evidence
        One per numeric leg, with ``within_bound`` in the details: whether the
        leg agrees with the exact leg.
    """
    values, dims = instance.values, instance.dim_map
    exact = ExactBackend()
    try:
        exact_diff = _as_exact_matrix(evaluate(lhs, values, exact, dims=dims)) - _as_exact_matrix(
            evaluate(rhs, values, exact, dims=dims)
        )
        exact_scale = max(
            bounds.exact_norm(_as_exact_matrix(evaluate(lhs, values, exact, dims=dims))),
            bounds.exact_norm(_as_exact_matrix(evaluate(rhs, values, exact, dims=dims))),
        )
    except Undefined:
        return []
    out: list[Evidence] = []
    mpb = MpBackend(dps)
    mp = mpb.mp
    with mp.workdps(dps + 10):
        record: list = []
        try:
            lv = evaluate(lhs, values, mpb, dims=dims, record=record)
            rv = evaluate(rhs, values, mpb, dims=dims, record=record)
        except Undefined as exc:
            out.append(Evidence("mpmath", f"undefined in mpmath: {exc.what}", (("within_bound", False),)))
            return out
        kappa = kappa_product(record, mpb)
        diff = (lv - rv) if isinstance(lv, mp.matrix) else mp.matrix([[lv - rv]])
        scale = max(bounds.mp_norm(lv if isinstance(lv, mp.matrix) else mp.matrix([[lv]])),
                    bounds.mp_norm(rv if isinstance(rv, mp.matrix) else mp.matrix([[rv]])))
        err = bounds.mp_norm(diff - bounds.to_mp(exact_diff)) / (scale if scale else 1)
        tol = bounds.mp_tolerance(dps, kappa)
        ok = err <= tol
        digits = "all" if err == 0 else bounds.digits_of_agreement(err)
        if expect_equal:
            summary = (f"|lhs-rhs|/|lhs| = {mp.nstr(err, 3)} at {dps} digits "
                       f"(bound {mp.nstr(tol, 3)}, κ={mp.nstr(kappa, 3)}, {digits} digits agree)")
        else:
            gap = bounds.mp_norm(diff) / (scale if scale else 1)
            summary = (f"|lhs-rhs|/|lhs| = {mp.nstr(gap, 5)} at {dps} digits, matching the exact "
                       f"difference to {digits} digits")
        out.append(Evidence("mpmath", summary, (
            ("dps", dps), ("relative_error", float(err)), ("bound", float(tol)),
            ("kappa", float(kappa)), ("within_bound", bool(ok)),
        )))
    fb = Float64Backend()
    try:
        lf = evaluate(lhs, values, fb, dims=dims)
        rf = evaluate(rhs, values, fb, dims=dims)
    except Undefined as exc:
        out.append(Evidence("float64", f"undefined in float64: {exc.what}", (("within_bound", False),)))
        return out
    fdiff = bounds.f64_matrix(lf) - bounds.f64_matrix(rf)
    size = max([1, *_all_sizes(values)])
    kappa_f = float(kappa)
    err64 = bounds.f64_relative_error(fdiff, exact_diff, float(exact_scale) if exact_scale else 1.0)
    tol64 = bounds.f64_tolerance(size, kappa_f)
    ok64 = err64 <= tol64
    out.append(Evidence("float64", (
        f"relative error {err64:.2e} = {err64 / tol64:.2g} × bound "
        f"(c·max(M,N)·u·κ = {tol64:.2e})"), (
        ("relative_error", err64), ("bound", tol64), ("units_of_bound", err64 / tol64),
        ("within_bound", bool(ok64)),
    )))
    return out


def _all_sizes(values):
    for v in values.values():
        if isinstance(v, sympy.MatrixBase):
            yield max(v.shape)
