"""pinv_mp: Penrose conditions, exact agreement, cutoff semantics, bad input."""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np
import pytest
import sympy
from mpmath import mp

from derivcheck.errors import (
    InputShapeError,
    InputTypeError,
    NonFiniteError,
    PrecisionError,
)
from derivcheck.highprec.convert import as_mp_matrix
from derivcheck.highprec.precision import Precision
from derivcheck.highprec.pinv import pinv_mp, pinv_mp_details
from derivcheck.highprec.svd import numerical_rank_mp, singular_values_mp, svd_mp
from hp_exact import (
    as_fractions,
    fro_mp,
    integer_matrix_of_rank,
    kappa_frobenius,
    sympy_pinv,
    to_mp,
)

DPS = 30

# (m, n, rank): empty, rank 0, rank-deficient, full rank, wide and tall
SHAPES = [
    (0, 3, 0), (3, 0, 0), (1, 1, 1), (4, 4, 0), (3, 5, 2), (5, 3, 3),
    (6, 4, 1), (4, 6, 4), (5, 5, 3), (7, 2, 2),
]


def penrose_residuals(A, X, dps):
    """Relative residuals of the four Penrose conditions, computed at 2·dps digits."""
    with mp.workdps(2 * dps):
        A = mp.matrix(A)
        X = mp.matrix(X)
        if A.rows == 0 or A.cols == 0:
            return [mp.zero] * 4
        nA, nX = fro_mp(A), fro_mp(X)
        if nA == 0:
            return [fro_mp(X)] * 4  # X must be zero
        AX, XA = A * X, X * A
        return [
            fro_mp(AX * A - A) / nA,
            fro_mp(X * AX - X) / nX,
            fro_mp(AX.T - AX) / (nA * nX),
            fro_mp(XA.T - XA) / (nA * nX),
        ]


def tolerance(m, n, dps, kappa):
    """c · max(M, N) · 10^(−dps) · κ with c = 10 (the rule in pinv_mp's Notes)."""
    return 10 * max(m, n, 1) * 10.0 ** (-dps) * kappa


@pytest.mark.parametrize("m,n,r", SHAPES)
@pytest.mark.parametrize("route", [pinv_mp])
def test_penrose_conditions_and_exact_agreement(m, n, r, route):
    A = integer_matrix_of_rank(m, n, r, seed=10 * m + n + r)
    Ap = sympy_pinv(A)
    X = route(A, DPS)
    assert (X.rows, X.cols) == (n, m)
    kappa = kappa_frobenius(A, Ap)
    tol = tolerance(m, n, DPS, kappa)
    for res in penrose_residuals(as_mp_matrix(A), X, DPS):
        assert res <= tol
    with mp.workdps(2 * DPS):
        truth = to_mp(Ap, 2 * DPS)
        if n and m:
            err = fro_mp(X - truth)
            scale = fro_mp(truth)
            assert err <= tol * (scale if scale else 1)


def test_penrose_check_rejects_a_perturbed_pseudo_inverse():
    A = integer_matrix_of_rank(5, 3, 2, seed=3)
    X = pinv_mp(A, DPS)
    kappa = kappa_frobenius(A, sympy_pinv(A))
    with mp.workdps(DPS):
        Y = X.copy()
        Y[0, 0] += mp.mpf(10) ** (-DPS + 8)
    residuals = penrose_residuals(as_mp_matrix(A), Y, DPS)
    assert max(residuals) > tolerance(5, 3, DPS, kappa)
    # and the transpose (a classic slip) fails grossly
    with mp.workdps(DPS):
        Z = mp.matrix(as_mp_matrix(A)).T
    assert max(penrose_residuals(as_mp_matrix(A), Z, DPS)) > 0.1


@pytest.mark.parametrize("exponent", [-150, -60, 0, 60, 150])
def test_extreme_scales(exponent):
    base = integer_matrix_of_rank(4, 3, 2, seed=7)
    c = Fraction(10) ** exponent
    A = [[c * x for x in row] for row in base]
    X = pinv_mp(A, DPS)
    truth = sympy_pinv(base) / sympy.Rational(c.numerator, c.denominator)
    kappa = kappa_frobenius(base, sympy_pinv(base))
    with mp.workdps(2 * DPS):
        T = to_mp(truth, 2 * DPS)
        assert fro_mp(X - T) <= tolerance(4, 3, DPS, kappa) * fro_mp(T)
    assert numerical_rank_mp(A, DPS) == 2


@pytest.mark.parametrize("scale_exp", [-20, 0, 20])
def test_cutoff_is_relative_to_sigma1_not_its_square(scale_exp):
    # σ₂/σ₁ = 1e-25 is far above the default rtol = 2e-30 at every scale; a
    # threshold proportional to σ₁² would drop σ₂ at scale 1e20 (2e-30·1e40 = 2e10).
    s = Fraction(10) ** scale_exp
    keep = [[s, 0], [0, s * Fraction(1, 10**25)]]
    drop = [[s, 0], [0, s * Fraction(1, 10**31)]]
    r_keep = pinv_mp_details(keep, DPS)
    r_drop = pinv_mp_details(drop, DPS)
    assert r_keep.rank == 2
    assert r_drop.rank == 1
    with mp.workdps(r_keep.working_dps):
        assert r_keep.threshold == r_keep.rtol * r_keep.singular_values[0]
        assert r_keep.rtol == 2 * mp.mpf(10) ** (-DPS)
    with mp.workdps(DPS):
        # the kept tiny singular value is inverted correctly
        expected = 1 / (mp.mpf(s.numerator) / s.denominator * mp.mpf(10) ** (-25))
        assert abs(r_keep.pinv[1, 1] / expected - 1) < mp.mpf(10) ** (-DPS + 2)
        assert r_drop.pinv[1, 1] == 0


def test_explicit_cutoff():
    A = [[1, 0], [0, Fraction(1, 10**4)]]
    assert pinv_mp_details(A, 20, cutoff=Fraction(1, 10**3)).rank == 1
    assert pinv_mp_details(A, 20, cutoff=Fraction(1, 10**5)).rank == 2
    assert pinv_mp_details(A, 20, cutoff=0).rank == 2
    assert pinv_mp_details([[0, 0]], 20, cutoff=0).rank == 0


def test_floats_are_taken_exactly_and_fractions_rounded_once():
    with mp.workdps(60):
        inv_binary_tenth = mp.mpf(Fraction(1, 1).numerator) / mp.mpf(0.1)  # 1/0.1 exactly-ish
    X = pinv_mp([[0.1]], dps=40)
    with mp.workdps(60):
        assert abs(X[0, 0] - inv_binary_tenth) < mp.mpf(10) ** (-38)
        assert abs(X[0, 0] - 10) > mp.mpf(10) ** (-17)  # 0.1 is not 1/10
    Y = pinv_mp([[Fraction(1, 10)]], dps=40)
    with mp.workdps(60):
        assert abs(Y[0, 0] - 10) < mp.mpf(10) ** (-38)
    with mp.workdps(50):
        third = as_mp_matrix([[Fraction(1, 3)]])[0, 0]
        assert third == mp.mpf(1) / 3  # correctly rounded, same as mpmath's division


def test_input_kinds_agree():
    A = integer_matrix_of_rank(3, 4, 2, seed=5)
    ref = pinv_mp(A, 20)
    for variant in (
        np.array(A, dtype=np.int64),
        np.array(A, dtype=np.float64),
        mp.matrix(A),
        tuple(tuple(Fraction(x) for x in row) for row in A),
        sympy.Matrix(A).tolist(),
    ):
        X = pinv_mp(variant, 20)
        assert X == ref


def test_empty_and_zero():
    assert (pinv_mp(np.zeros((0, 3)), 10).rows, pinv_mp(np.zeros((0, 3)), 10).cols) == (3, 0)
    assert (pinv_mp(mp.matrix(2, 0), 10).rows, pinv_mp(mp.matrix(2, 0), 10).cols) == (0, 2)
    Z = pinv_mp([[0, 0, 0], [0, 0, 0]], 10)
    assert (Z.rows, Z.cols) == (3, 2) and all(Z[i, j] == 0 for i in range(3) for j in range(2))
    assert pinv_mp_details([[0, 0]], 10).rank == 0


def test_svd_helpers_against_known_values():
    # [[3, 0], [0, -4]] has singular values 4, 3; norms 4 (spectral) and 5 (Frobenius)
    assert [float(s) for s in singular_values_mp([[3, 0], [0, -4]], 20)] == [4.0, 3.0]
    svd = svd_mp([[1, 2], [3, 4], [5, 6]], 25)
    with mp.workdps(40):
        recon = svd.U * mp.diag(list(svd.S)) * svd.Vt
        assert mp.mnorm(recon - mp.matrix([[1, 2], [3, 4], [5, 6]]), "f") < mp.mpf(10) ** (-25)
    assert singular_values_mp(np.zeros((0, 2)), 10) == ()
    assert numerical_rank_mp([[1, 2], [2, 4]], 20) == 1


BAD_DPS = [0, -1, 50.0, True, "50", None, 10**6]


@pytest.mark.parametrize("dps", BAD_DPS)
def test_bad_dps(dps):
    with pytest.raises(PrecisionError, match="dps="):
        pinv_mp([[1]], dps)
    with pytest.raises(PrecisionError, match="dps="):
        Precision(dps)


@pytest.mark.parametrize(
    "A,exc,pattern",
    [
        ([1, 2, 3], InputShapeError, "row 0 is a int"),
        ([[[1]]], InputShapeError, "2-d"),
        (np.zeros((2, 2, 2)), InputShapeError, "ndim=3"),
        (np.zeros(3), InputShapeError, "ndim=1"),
        ([[1, 2], [3]], InputShapeError, "same length"),
        ([], InputShapeError, "no definite shape"),
        ("[[1, 2]]", InputTypeError, "text is never parsed"),
        ([["1", "2"]], InputTypeError, "text is never parsed"),
        (np.array([["1"]]), InputTypeError, "text"),
        ([[1 + 2j]], InputTypeError, "real numbers"),
        (np.array([[1 + 0j]]), InputTypeError, "real numbers"),
        ([[mp.mpc(1, 1)]], InputTypeError, "real numbers"),
        ([[True]], InputTypeError, "boolean"),
        (np.array([[True]]), InputTypeError, "boolean"),
        ([[float("nan")]], NonFiniteError, "finite"),
        ([[float("inf"), 1]], NonFiniteError, "finite"),
        ([[mp.inf]], NonFiniteError, "finite"),
        (np.array([[1.0, np.inf]]), NonFiniteError, r"A\[0,1\]"),
        ({"a": 1}, InputTypeError, "not a matrix"),
        ([[object()]], InputTypeError, "not a real number"),
        (np.array([[1.0]], dtype=np.longdouble), InputTypeError, "extended-precision"),
    ],
)
def test_bad_matrix(A, exc, pattern):
    if isinstance(A, np.ndarray) and A.dtype == np.longdouble and np.finfo(np.longdouble).bits <= 64:
        pytest.skip("long double is float64 on this platform")
    with pytest.raises(exc, match=pattern):
        pinv_mp(A, 10)


@pytest.mark.parametrize(
    "cutoff,exc",
    [(-1, PrecisionError), (float("nan"), PrecisionError), (float("inf"), PrecisionError),
     ("1e-3", InputTypeError), (1j, InputTypeError)],
)
def test_bad_cutoff(cutoff, exc):
    with pytest.raises(exc, match="cutoff="):
        pinv_mp([[1]], 10, cutoff=cutoff)
    with pytest.raises(exc, match="cutoff="):
        numerical_rank_mp([[1]], 10, cutoff=cutoff)


def test_precision_restored_after_errors_and_success():
    before = (mp.prec, mp.dps)
    for call in (
        lambda: pinv_mp([[1, 2], [3]], 40),
        lambda: pinv_mp([[float("nan")]], 40),
        lambda: pinv_mp([[1]], 40, cutoff=-1),
        lambda: pinv_mp([["x"]], 40),
        lambda: svd_mp([[1], [2, 3]], 40),
    ):
        with pytest.raises((InputShapeError, NonFiniteError, PrecisionError, InputTypeError)):
            call()
        assert (mp.prec, mp.dps) == before
    pinv_mp([[1, 2], [3, 4]], 80)
    assert (mp.prec, mp.dps) == before
    # a caller's own scope is respected and restored too
    with mp.workdps(7):
        pinv_mp([[1, 2]], 60)
        assert mp.dps == 7


def test_result_rounded_to_dps_and_computed_with_guard_digits():
    r = pinv_mp_details([[3]], 25)
    assert r.working_dps > r.dps == 25
    with mp.workdps(60):
        assert abs(r.pinv[0, 0] - mp.mpf(1) / 3) < mp.mpf(10) ** (-25)
        assert abs(r.pinv[0, 0] - mp.mpf(1) / 3) > mp.mpf(10) ** (-40)  # rounded to 25 digits
    assert math.isclose(float(r.condition_number), 1.0)
