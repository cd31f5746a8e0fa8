"""The high-precision ridge: exact agreement, O(ε) convergence, the exact error formula."""

from __future__ import annotations

from fractions import Fraction

import pytest
import sympy
from mpmath import mp

from derivcheck.errors import (
    InputError,
    InputShapeError,
    InputTypeError,
    NonFiniteError,
    PrecisionError,
)
from derivcheck.exact.generators import matrix_with_singular_values
from derivcheck.highprec.ridge import ridge_mp, ridge_sweep_mp
from hp_exact import fro_mp, integer_matrix_of_rank, to_mp

DPS = 30


def exact_ridge(A, eps: Fraction) -> sympy.Matrix:
    """(AᵀA + εI)⁻¹Aᵀ in exact rational arithmetic (SymPy)."""
    M = sympy.Matrix(A)
    e = sympy.Rational(eps.numerator, eps.denominator)
    return (M.T * M + e * sympy.eye(M.cols)).inv() * M.T


@pytest.mark.parametrize("m,n,r", [(4, 3, 2), (3, 5, 2), (4, 4, 4)])
@pytest.mark.parametrize("k", [0, 6, 20])
def test_ridge_matches_exact_rational_ridge(m, n, r, k):
    A = integer_matrix_of_rank(m, n, r, seed=m * n + k)
    eps = Fraction(1, 10**k)
    R = ridge_mp(A, eps, DPS)
    truth = to_mp(exact_ridge(A, eps), 2 * DPS)
    with mp.workdps(2 * DPS):
        # the result is rounded to DPS digits; the computation loses nothing to 1/ε
        assert fro_mp(R - truth) <= 10 * max(m, n) * mp.mpf(10) ** (-DPS) * fro_mp(truth)


def test_ridge_rejects_wrong_candidate():
    A = integer_matrix_of_rank(4, 3, 2, seed=1)
    eps = Fraction(1, 10**6)
    R = ridge_mp(A, eps, DPS)
    wrong = to_mp(exact_ridge(A, eps * 2), 2 * DPS)
    with mp.workdps(2 * DPS):
        assert fro_mp(R - wrong) > mp.mpf(10) ** (-DPS + 5) * fro_mp(wrong)


@pytest.mark.parametrize("values", [(3, 1, Fraction(1, 10)), (2, Fraction(1, 1000))])
def test_sweep_matches_exact_spectral_error_formula(values):
    known = matrix_with_singular_values(5, 4, list(values), seed=3)
    sigma_r = Fraction(values[-1])
    ks = [-2, 0, 2, 5, 9, 14, 20]
    sweep = ridge_sweep_mp(known.A.tolist(), ks, DPS)
    assert sweep.rank == len(values)
    with mp.workdps(DPS + 10):
        sr = mp.mpf(sigma_r.numerator) / sigma_r.denominator
        assert abs(sweep.sigma_min / sr - 1) < mp.mpf(10) ** (-DPS + 1)
        assert abs(sweep.slope_limit * sr**3 - 1) < mp.mpf(10) ** (-DPS + 1)
        for row, k in zip(sweep.rows, ks):
            assert row.k == k
            eps = mp.mpf(10) ** (-k)
            exact_formula = eps / (sr * (sr**2 + eps))  # from the exact σ_r, not the sweep's
            assert abs(row.error / exact_formula - 1) < mp.mpf(10) ** (-DPS + 1)
            assert row.discrepancy < mp.mpf(10) ** (-DPS + 1)
            # O(ε): error/ε = σ_r²/(σ_r² + ε) · (1/σ_r³) → 1/σ_r³
            assert abs(row.error_over_eps * sr**3 - sr**2 / (sr**2 + eps)) < mp.mpf(10) ** (-DPS + 2)
        # a wrong formula (no +ε in the denominator) is visibly off at large ε
        big = sweep.rows[0]
        wrong = big.eps / sr**3
        assert abs(big.error / wrong - 1) > mp.mpf("0.5")
    # the table is printable and has a header
    table = sweep.as_table()
    assert table[0][0] == "k" and len(table) == len(ks) + 1


def test_sweep_convergence_is_first_order():
    sweep = ridge_sweep_mp([[2, 0], [0, 1], [0, 0]], range(4, 16, 2), DPS)
    with mp.workdps(DPS):
        ratios = [r.error / r.eps for r in sweep.rows]
        # error/ε settles to 1/σ_r³ = 1 as ε → 0 (first order, not second)
        assert abs(ratios[-1] - 1) < mp.mpf(10) ** (-12)
        assert all(abs(a - 1) >= abs(b - 1) for a, b in zip(ratios, ratios[1:]))


def test_sweep_precision_scoped():
    before = (mp.prec, mp.dps)
    ridge_sweep_mp([[1, 2], [3, 4]], [1, 30], 20)
    assert (mp.prec, mp.dps) == before


@pytest.mark.parametrize(
    "eps,exc,pattern",
    [(0, InputError, "> 0"), (-1e-3, InputError, "> 0"), ("1e-3", InputTypeError, "real"),
     (float("nan"), NonFiniteError, "finite"), (True, InputTypeError, "real")],
)
def test_ridge_bad_eps(eps, exc, pattern):
    with pytest.raises(exc, match=pattern):
        ridge_mp([[1]], eps, 10)


@pytest.mark.parametrize(
    "ks,exc",
    [([], InputError), ([1.5], InputTypeError), ([True], InputTypeError), (5, InputTypeError),
     ([5000], InputError)],
)
def test_sweep_bad_ks(ks, exc):
    with pytest.raises(exc, match="ks="):
        ridge_sweep_mp([[1]], ks, 10)


def test_sweep_bad_matrix_and_dps():
    with pytest.raises(InputError, match="zero matrix"):
        ridge_sweep_mp([[0, 0], [0, 0]], [1], 10)
    with pytest.raises(InputShapeError, match="same length"):
        ridge_sweep_mp([[1, 0], [0]], [1], 10)
    with pytest.raises(PrecisionError, match="dps="):
        ridge_sweep_mp([[1]], [1], 0)
