"""Closed-form minimizers of ‖AB − M‖²_F and the rank-deficient case.

Claims from Su Jianlin, "低秩近似之路（一）：伪逆" (kexue.fm/archives/10366):
B* = (AᵀA)⁻¹AᵀM and A* = MBᵀ(BBᵀ)⁻¹ are the argmins (AᵀA, BBᵀ invertible);
when AᵀA is singular the minimizer is not unique, and the ε-regularized
minimizer (AᵀA + εI)⁻¹AᵀM tends to a definite limit. Independent references:
normal equations solved by LU in the test, exact finite differences for the
Hessian (exact for quadratics), the rank-one pseudo-inverse formula
A⁺ = v uᵀ / (‖u‖²‖v‖²) for A = u vᵀ, ``pinv_exact`` and SymPy's ``limit``.
"""

from __future__ import annotations

import dataclasses
import random

import pytest
import sympy

from derivcheck.errors import (
    AssumptionError,
    InexactInputError,
    InputError,
    InputShapeError,
    InputTypeError,
)
from derivcheck.exact.optima import (
    certify_global_minimum,
    psd_by_principal_minors,
    rank_deficient_minimizers,
    solve_closed_form,
)

R = sympy.Rational
_n, _r, _m = sympy.symbols("n r m", integer=True, positive=True)
A, B, M = sympy.MatrixSymbol("A", _n, _r), sympy.MatrixSymbol("B", _r, _m), sympy.MatrixSymbol("M", _n, _m)


def _loss(a, b, mm):
    return sum(x**2 for x in (a * b - mm))


def _rand(rng, rows, cols):
    return sympy.Matrix(rows, cols, [R(rng.randint(-5, 5), rng.randint(1, 3))
                                     for _ in range(rows * cols)])


def _substitute(expr_matrix, entries, values):
    point = {}
    for name, X in entries.items():
        point.update(zip(list(X), list(values[name])))
    return expr_matrix.xreplace(point).applyfunc(sympy.nsimplify)


# ---------------------------------------------------------------------------
# closed forms from stationarity
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "variable,shape", [("B", (3, 2, 2)), ("B", (2, 1, 3)), ("B", (2, 2, 1)), ("A", (2, 2, 3)),
                       ("A", (3, 1, 2))],
)
def test_solve_closed_form(variable, shape):
    proof = solve_closed_form(variable, *shape)
    assert proof.holds and proof.unique
    assert proof.residual.is_zero_matrix and proof.cauchy_binet_residual == 0
    assert proof.gram_determinant != 0 and proof.assumptions
    # Independent check at a random full-rank rational point: the solution
    # satisfies the normal equations solved here by LU.
    n, r, m = shape
    rng = random.Random(sum(shape))
    a, b, mm = _rand(rng, n, r), _rand(rng, r, m), _rand(rng, n, m)
    names = {"A": a, "B": b, "M": mm}
    symbols = {k: sympy.Matrix(x.shape[0], x.shape[1],
                               lambda i, j, k=k: sympy.Symbol(f"{k}_{i}_{j}", real=True))
               for k, x in names.items()}
    sol = _substitute(proof.solution, symbols, names)
    closed = _substitute(proof.closed_form, symbols, names)
    if variable == "B":
        assert (a.T * a).det() != 0
        assert sol == closed == (a.T * a).LUsolve(a.T * mm)
    else:
        assert (b * b.T).det() != 0
        assert sol == closed == (b * b.T).LUsolve(b * mm.T).T


def test_closed_form_requires_possible_full_rank():
    with pytest.raises(AssumptionError, match="full column rank"):
        solve_closed_form("B", 1, 2, 2)
    with pytest.raises(AssumptionError, match="full row rank"):
        certify_global_minimum("A", 2, 2, 1)
    with pytest.raises(InputError, match="variable"):
        solve_closed_form("M", 2, 2, 2)


@pytest.mark.parametrize("variable,shape", [("B", (3, 2, 2)), ("A", (2, 2, 3)), ("B", (1, 1, 1))])
def test_global_minimum_certificate(variable, shape):
    cert = certify_global_minimum(variable, *shape)
    assert cert.holds
    assert cert.hessian_residual.is_zero_matrix
    assert cert.gram_residual == 0 and cert.excess_residual == 0
    # Independent check of the Hessian at a rational point: for a quadratic,
    # L(x+e_p+e_q) - L(x+e_p) - L(x+e_q) + L(x) = e_pᵀ H e_q exactly.
    n, r, m = shape
    rng = random.Random(11)
    a, b, mm = _rand(rng, n, r), _rand(rng, r, m), _rand(rng, n, m)
    X = b if variable == "B" else a
    rows, cols = X.shape

    def loss_at(Y):
        return _loss(a, Y, mm) if variable == "B" else _loss(Y, b, mm)

    def unit(k):
        E = sympy.zeros(rows, cols)
        E[k % rows, k // rows] = 1  # column-major vec index
        return E

    size = rows * cols
    H_fd = sympy.Matrix(size, size, lambda p, q: loss_at(X + unit(p) + unit(q))
                        - loss_at(X + unit(p)) - loss_at(X + unit(q)) + loss_at(X))
    symbols = {"A": sympy.Matrix(n, r, lambda i, j: sympy.Symbol(f"A_{i}_{j}", real=True)),
               "B": sympy.Matrix(r, m, lambda i, j: sympy.Symbol(f"B_{i}_{j}", real=True))}
    H_here = _substitute(cert.hessian, symbols, {"A": a, "B": b})
    assert H_here == H_fd
    # and the Hessian is PSD: every eigenvalue of the Gram factor is >= 0
    gram = a.T * a if variable == "B" else b * b.T
    assert all(sympy.re(ev) >= 0 and sympy.im(ev) == 0 for ev in gram.eigenvals())


# ---------------------------------------------------------------------------
# PSD by principal minors
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "matrix,psd,singular",
    [
        ([[1, 1], [1, 1]], True, True),
        ([[2, -1], [-1, 2]], True, False),
        ([[0, 1], [1, 0]], False, False),
        ([[0, 0], [0, -1]], False, True),  # leading minors 0, 0: Sylvester's leading test would pass
        ([[1, 2], [0, 1]], False, False),  # not symmetric
    ],
)
def test_psd_by_principal_minors(matrix, psd, singular):
    cert = psd_by_principal_minors(matrix)
    assert cert.psd is psd and cert.singular is singular
    assert len(cert.minors) == 3


def test_psd_rejects_bad_input():
    with pytest.raises(InputShapeError, match="square"):
        psd_by_principal_minors([[1, 2, 3]])
    with pytest.raises(InexactInputError, match="floats"):
        psd_by_principal_minors([[1.5]])


# ---------------------------------------------------------------------------
# rank-deficient A: an affine family, the regularized limit picks min-norm
# ---------------------------------------------------------------------------

U1, V1 = sympy.Matrix([1, 2, 3]), sympy.Matrix([1, 2])   # A = u vᵀ, rank one
RANK_ONE = U1 * V1.T
M2 = sympy.Matrix([[1, 0], [0, 1], [1, 1]])


def test_rank_deficient_family_and_min_norm_member():
    res = rank_deficient_minimizers(RANK_ONE, M2)
    assert res.holds and res.rank == 1 and res.nullspace.shape == (2, 1)
    # two distinct exact minimizers with equal loss, equal to the minimum
    assert res.minimizer_1 != res.minimizer_2
    assert res.loss_1 == res.loss_2 == res.minimum
    for Bk in (res.minimizer_1, res.minimizer_2):
        assert (RANK_ONE.T * (RANK_ONE * Bk - M2)).is_zero_matrix
        assert _loss(RANK_ONE, Bk, M2) == res.minimum
    assert res.lower_bound_residual == 0 and res.min_norm_identity_residual == 0
    assert res.family_residual == 0
    assert res.hessian_psd.psd and res.hessian_psd.singular
    # independent reference: A⁺ = v uᵀ / (‖u‖²‖v‖²) for A = u vᵀ
    pinv_rank_one = V1 * U1.T / ((U1.T * U1)[0] * (V1.T * V1)[0])
    assert res.min_norm == pinv_rank_one * M2
    assert res.regularized_limit == pinv_rank_one * M2
    # the minimum-norm member is strictly shorter than the other member found
    assert sum(x**2 for x in res.min_norm) < sum(x**2 for x in res.minimizer_2)


def test_regularized_limit_against_sympy_limit():
    res = rank_deficient_minimizers(RANK_ONE, M2)
    e = sympy.Symbol("e", positive=True)
    reg = ((RANK_ONE.T * RANK_ONE + e * sympy.eye(2)).inv() * RANK_ONE.T * M2)
    by_sympy = reg.applyfunc(lambda x: sympy.limit(x, e, 0, "+"))
    assert by_sympy == res.regularized_limit == res.min_norm


def test_limits_module_and_pinv_agree():
    res = rank_deficient_minimizers(RANK_ONE, M2)
    try:
        from derivcheck.exact.limits import regularized_limit  # noqa: F401
    except ImportError:
        assert res.module_limit_status.startswith("unavailable")
    else:
        assert res.module_limit_status == "agrees"
        assert res.module_limit == res.min_norm
    try:
        from derivcheck.exact.pinv import pinv_exact
    except ImportError:
        pytest.skip("pinv_exact not available")
    assert sympy.Matrix(pinv_exact(RANK_ONE)) * M2 == res.min_norm


def test_wrong_limit_function_is_caught():
    class Wrong:
        value = sympy.zeros(2, 3)

    res = rank_deficient_minimizers(RANK_ONE, M2, limit_function=lambda A: Wrong())
    assert res.module_limit_status == "differs" and not res.holds


def test_rank_two_of_three_columns():
    a = sympy.Matrix([[1, 2, 3], [2, 4, 6], [1, 0, 1], [0, 1, 1]])
    mm = sympy.Matrix([[1, 0], [0, 1], [1, 1], [2, 1]])
    res = rank_deficient_minimizers(a, mm)
    assert res.holds and res.rank == 2
    assert (res.nullspace.T * res.min_norm).is_zero_matrix
    assert res.loss_1 == res.loss_2 == _loss(a, res.min_norm, mm)


@pytest.mark.parametrize(
    "a,mm,exc,match",
    [
        ([[1, 0], [0, 1], [1, 1]], M2, AssumptionError, "full column rank"),
        (RANK_ONE, [[1, 0], [0, 1]], InputShapeError, "rows like A"),
        ([[0.5, 1.0], [1.0, 2.0]], [[1], [1]], InexactInputError, "floats"),
        ("[[1, 2], [2, 4]]", [[1], [1]], InputTypeError, "never parsed"),
    ],
)
def test_rank_deficient_input_errors(a, mm, exc, match):
    with pytest.raises(exc, match=match):
        rank_deficient_minimizers(a, mm)


def test_results_are_immutable():
    res = rank_deficient_minimizers(RANK_ONE, M2)
    with pytest.raises(dataclasses.FrozenInstanceError):
        res.holds = False  # type: ignore[misc]
    proof = solve_closed_form("B", 2, 1, 1)
    with pytest.raises(dataclasses.FrozenInstanceError):
        proof.holds = False  # type: ignore[misc]
