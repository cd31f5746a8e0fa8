"""The float64 numerical-advice experiments: ridge sweep, inv vs solve, determinant."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
import sympy

from derivcheck.errors import InputError, InputShapeError, InputTypeError, NonFiniteError
from derivcheck.exact.generators import matrix_with_condition_number, matrix_with_singular_values
from derivcheck.f64.experiments import (
    determinant_experiment64,
    determinant_test64,
    inv_vs_solve64,
    ridge64,
    ridge_sweep64,
)
from derivcheck.f64.pinv import pinv_svd64
from f64_exact import U, exact_to_float


def known(m, n, values, seed=0):
    k = matrix_with_singular_values(m, n, values, seed=seed)
    return exact_to_float(k.A), exact_to_float(k.pinv), [float(s) for s in k.singular_values]


def test_ridge_sweep_shows_both_regimes():
    # rank 3 of 8x5, κ₂ = 1e6: the bias ε/(σ_r²+ε) wins for large ε, rounding for tiny ε
    A, T, s = known(8, 5, [1, sympy.Rational(1, 10**3), sympy.Rational(1, 10**6)])
    sweep = ridge_sweep64(A, T, range(0, 25), singular_values=s)
    rows = {r.k: r for r in sweep.rows}
    assert sweep.rank == 3 and sweep.sigma_min == 1e-6
    for r in sweep.rows:  # the bias column is the exact-arithmetic error
        assert r.bias == r.eps / (sweep.sigma_min**2 + r.eps)
    # too large ε: the error is the bias
    assert abs(rows[0].error - rows[0].bias) <= 1e-6
    # too small ε does not cure ill-conditioning: worse than the best by 10x or more
    assert rows[24].error >= 10 * sweep.best_error
    assert rows[24].dominant == "rounding" and rows[0].dominant == "bias"
    # the best ε is in between, and much better than either end
    assert 0 < sweep.best_k < 24
    assert sweep.best_error <= 0.1 * min(rows[0].error, rows[24].error)
    assert sweep.best_error == min(r.error for r in sweep.rows)
    # the model columns explain the measurement: the best ε is where they cross,
    # and no measured error exceeds their sum by more than a factor 2
    crossing = min(r.k for r in sweep.rows if r.dominant == "rounding")
    assert abs(sweep.best_k - crossing) <= 1
    assert all(r.error <= 2 * (r.bias + r.rounding_model) for r in sweep.rows)
    # rank 3 < N = 5: the Gram matrix is singular, so the rounding model is u·(σ₁² + ε)/ε
    assert rows[20].rounding_model == U * (1 + rows[20].eps) / rows[20].eps


def test_ridge_sweep_well_conditioned_converges():
    A, T, s = known(5, 3, [2, 1, sympy.Rational(1, 2)], seed=1)
    sweep = ridge_sweep64(A, T, [2, 8, 16])
    kappa = s[0] / s[-1]
    assert sweep.rows[-1].error <= 10 * 5 * U * kappa**2  # normal equations: u·κ²
    # and it really is the truth it is compared with: a wrong truth is not matched
    wrong = ridge_sweep64(A, T * (1 + 1e-6), [16])
    assert wrong.rows[0].error > 1e-7


def test_ridge64_matches_direct_formula():
    A = np.array([[2.0]])
    assert ridge64(A, 1.0)[0, 0] == 2.0 / 5.0
    assert ridge64(np.zeros((0, 2)), 1.0).shape == (2, 0)
    with pytest.raises(InputError, match="eps="):
        ridge64(A, 0.0)
    with pytest.raises(InputTypeError, match="eps="):
        ridge64(A, "1")


def test_ridge_sweep_bad_input():
    A, T, _ = known(4, 3, [1, 1], seed=2)
    with pytest.raises(InputShapeError, match="truth"):
        ridge_sweep64(A, T.T, [1])
    with pytest.raises(InputError, match="nonzero"):
        ridge_sweep64(np.zeros((2, 2)), np.zeros((2, 2)), [1])
    with pytest.raises(InputTypeError, match="ks="):
        ridge_sweep64(A, T, [])
    with pytest.raises(InputTypeError, match="ks="):
        ridge_sweep64(A, T, [1.5])
    with pytest.raises(InputError, match="ks="):
        ridge_sweep64(A, T, [400])
    bad_truth = T.copy()
    bad_truth[0, 0] = np.inf
    with pytest.raises(NonFiniteError, match=r"truth\[0,0\]"):
        ridge_sweep64(A, bad_truth, [1])


def test_inv_vs_solve_on_ill_conditioned_systems():
    n = 10
    rng = np.random.default_rng(0)
    for cond, seed in [(10**4, 1), (10**10, 2)]:
        k = matrix_with_condition_number(n, n, cond, seed=seed)
        x = sympy.Matrix([sympy.Integer(int(v)) for v in rng.integers(-9, 10, size=n)])
        b = k.A * x
        row = inv_vs_solve64(exact_to_float(k.A), exact_to_float(b)[:, 0], exact_to_float(x)[:, 0],
                             repeats=3)
        assert row.n == n and row.repeats == 3
        assert abs(row.cond / cond - 1) < 1e-3
        # solve is backward stable: residual ~ n·u whatever κ
        assert row.resid_solve <= 10 * n * U
        # both forward errors ~ u·κ
        assert row.err_solve <= 10 * n * U * cond
        assert row.err_inv <= 10 * n * U * cond
        # inv(A) @ b is not backward stable: at κ = 1e10 its residual is far larger
        if cond == 10**10:
            assert row.resid_inv >= 100 * row.resid_solve
        assert row.time_inv > 0 and row.time_solve > 0  # measured data, never compared
    with pytest.raises(dataclasses.FrozenInstanceError):
        row.err_inv = 0.0


def test_inv_vs_solve_bad_input():
    with pytest.raises(InputShapeError, match="square"):
        inv_vs_solve64(np.ones((2, 3)), np.ones(2), np.ones(3))
    with pytest.raises(InputShapeError, match="rows"):
        inv_vs_solve64(np.eye(2), np.ones(3), np.ones(3))
    with pytest.raises(InputShapeError, match="x_true"):
        inv_vs_solve64(np.eye(2), np.ones(2), np.ones((2, 2)))
    with pytest.raises(InputError, match="repeats="):
        inv_vs_solve64(np.eye(2), np.ones(2), np.ones(2), repeats=0)


def test_determinant_under_and_overflows_for_perfectly_conditioned_matrices():
    rows = determinant_experiment64(400, (0.1, 10.0))
    small, large, shear = rows
    assert small.det == 0.0 and small.det_says_singular and not small.cond_says_singular
    assert large.det == np.inf and not large.cond_says_singular
    for r in (small, large):
        assert r.cond == 1.0 and r.det_misleads
    # slogdet does not under/overflow: log10 |det(cI_400)| = 400·log10(c)
    assert abs(small.log10_abs_det - (-400.0)) < 1e-9
    assert abs(large.log10_abs_det - 400.0) < 1e-9
    # det = 1 yet numerically singular
    assert shear.det == 1.0 and shear.cond_says_singular and shear.det_misleads
    # and a matrix where the determinant does not mislead
    honest = determinant_test64(2.0 * np.eye(3), "2I")
    assert abs(honest.det - 8.0) <= 10 * 3 * U * 8.0 and not honest.det_misleads
    assert determinant_test64(np.diag([1.0, 0.0])).det_misleads is False


def test_determinant_bad_input():
    with pytest.raises(InputShapeError, match="square"):
        determinant_test64(np.ones((2, 3)))
    with pytest.raises(InputShapeError, match="square"):
        determinant_test64(np.zeros((0, 0)))
    with pytest.raises(InputError, match="n="):
        determinant_experiment64(0)
    with pytest.raises(InputError, match="scales="):
        determinant_experiment64(3, (0.0,))


def test_pinv_that_overflows_float64_is_an_error():
    with pytest.raises(NonFiniteError, match="overflows"):
        pinv_svd64(np.array([[1e-310]]))
