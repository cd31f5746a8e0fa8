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
from derivcheck.highprec.ridge import ridge_sweep_mp
from hp_exact import fro_mp, integer_matrix_of_rank, to_mp

DPS = 30


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
