"""Property tests of the three pseudo-inverses, the exact ε-limit and the cross-check.

Matrices are drawn as exact products ``B C`` over every shape up to 5 x 5,
empty ones included, and every rank (see ``rb_strategies.low_rank_matrices``);
ranks are computed here with SymPy, independently of derivcheck.

Tolerances of the numeric legs come from :mod:`derivcheck.compare.bounds`
(precision and conditioning), never from a bare constant. If a leg's result
``X = A⁺ + E`` has relative error ``δ = ‖E‖_F/‖A⁺‖_F``, then with ``r = rank A``
and ``κ = σ₁/σ_r``

* ``‖AXA − A‖_F = ‖AEA‖_F ≤ ‖A‖₂² ‖E‖_F ≤ √r κ δ ‖A‖_F``,
* ``‖XAX − X‖_F ≤ (3 + √r κ δ) δ ‖A⁺‖_F``,
* ``‖(AX)ᵀ − AX‖_F ≤ 2‖A‖₂‖E‖_F ≤ 2√r κ δ`` (and the same for ``XA``),

so each residual, relative to ``‖A‖_F``, ``‖X‖_F`` and 1, is at most
``4 √r κ δ`` (for ``δ ≤ 1/(√r κ)``, which the legs meet by a wide margin).
``δ`` is the leg's own admissible error: ``mp_tolerance(dps, κ)`` for mpmath,
``f64_error_bound(m, n, κ)`` for float64. The residuals are measured in
mpmath at more digits than the leg had, from the leg's exact values.
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import sympy
from hypothesis import event, example, given
from hypothesis import strategies as st
from mpmath import mp

from rb_strategies import low_rank_matrices
from rb_support import hypothesis_settings

from derivcheck import cross_check_pinv, pinv_exact, pinv_mp, pinv_svd64, regularized_limit
from derivcheck.compare import condition_number
from derivcheck.compare.bounds import f64_error_bound, mp_tolerance
from derivcheck.compare.crosscheck import Agreement

EDGE_CASES = (
    sympy.zeros(0, 3), sympy.zeros(2, 0), sympy.zeros(0, 0),      # empty
    sympy.zeros(3, 2), sympy.zeros(1, 1),                         # rank 0
    sympy.Matrix([[1, 2], [3, 4], [5, 7]]),                        # full column rank
    sympy.Matrix([[1, 2, 3], [2, 4, 6]]),                          # rank 1, wide
    sympy.eye(4),                                                  # invertible
)


def _rank_event(A, r: int) -> None:
    """Label the example for hypothesis' statistics (--hypothesis-show-statistics)."""
    m, n = A.shape
    kind = ("empty" if not (m and n) else "rank 0" if r == 0 else
            "full rank" if r == min(m, n) else "rank-deficient")
    event(kind)
    event(f"max dimension {max(m, n)}")


def _residuals(A, X) -> tuple:
    """The four Penrose residuals of mp matrices, relative (Frobenius); call inside a scope."""
    def fro(M):
        return mp.sqrt(sum(M[i, j] ** 2 for i in range(M.rows) for j in range(M.cols)))

    AX, XA = A * X, X * A
    return (
        fro(AX * A - A) / fro(A),
        fro(X * AX - X) / fro(X),
        fro(AX.T - AX),
        fro(XA.T - XA),
    )


def _mp_exact(A: sympy.MatrixBase):
    """*A*'s exact rationals, rounded at the current (high) precision."""
    return mp.matrix([[mp.mpf(x.p) / x.q for x in A.row(i)] for i in range(A.rows)])


# ----------------------------------------------------------------------------- exact

def _with_edge_cases(test):
    for A in EDGE_CASES:
        test = example(A=sympy.ImmutableMatrix(A))(test)
    return test


@hypothesis_settings(50)
@given(A=low_rank_matrices())
@_with_edge_cases
def test_pinv_exact_satisfies_the_four_penrose_conditions_exactly(A):
    X = sympy.Matrix(pinv_exact(A))
    M = sympy.Matrix(A)
    _rank_event(A, M.rank() if M.rows and M.cols else 0)
    assert X.shape == (M.cols, M.rows)
    assert M * X * M == M
    assert X * M * X == X
    assert (M * X).T == M * X
    assert (X * M).T == X * M
    if M.rows and M.cols and not M.is_zero_matrix:
        assert X == M.pinv()  # SymPy's own pseudo-inverse agrees


def test_a_wrong_candidate_fails_the_exact_penrose_check():
    # The conditions above can fail: Aᵀ is not A⁺ for this matrix.
    M = sympy.Matrix([[1, 2], [3, 4], [5, 7]])
    X = M.T
    assert not (M * X * M == M and X * M * X == X)


# ----------------------------------------------------------------------------- ε-limit

@hypothesis_settings(40)
@given(A=low_rank_matrices(max_dim=4))
@_with_edge_cases
def test_regularized_limit_equals_pinv_exact_for_every_rank_and_both_sides(A):
    P = pinv_exact(A)
    r = sympy.Matrix(A).rank() if A.rows and A.cols else 0
    _rank_event(A, r)
    for side, gram_size in (("left", A.cols), ("right", A.rows)):
        lim = regularized_limit(A, side)
        assert lim.value == P, side
        assert lim.rank == r and lim.divergence_cancels and lim.verified
        assert lim.pole_order == (1 if r < gram_size else 0), (side, r)


@hypothesis_settings(25)
@given(A=low_rank_matrices(max_dim=3))
def test_regularized_limit_matches_sympy_rational_function_algebra(A):
    # Independent route: invert G + εI over ℚ(ε) with SymPy, cancel, and set ε = 0.
    if not (A.rows and A.cols):
        return
    eps = sympy.Symbol("eps", positive=True)
    M = sympy.Matrix(A)
    for side in ("left", "right"):
        G = M.T * M if side == "left" else M * M.T
        R = (G + eps * sympy.eye(G.rows)).inv(method="LU")
        expr = R * M.T if side == "left" else M.T * R
        limit = sympy.zeros(*expr.shape)
        for index, entry in enumerate(expr):
            num, den = sympy.fraction(sympy.cancel(sympy.together(entry)))
            assert den.subs(eps, 0) != 0  # the 1/ε part cancels in every entry
            limit[index] = num.subs(eps, 0) / den.subs(eps, 0)
        assert regularized_limit(A, side).value == limit, side


# ----------------------------------------------------------------------------- mpmath

@hypothesis_settings(60)
@given(A=low_rank_matrices(), exponent=st.integers(-150, 150), dps=st.sampled_from((15, 30, 50)))
@example(A=sympy.ImmutableMatrix([[1, 2], [3, 4], [5, 7]]), exponent=-150, dps=15)
@example(A=sympy.ImmutableMatrix([[1, 2, 3], [2, 4, 6]]), exponent=150, dps=50)
@example(A=sympy.ImmutableMatrix(sympy.zeros(0, 3)), exponent=0, dps=15)
@example(A=sympy.ImmutableMatrix(sympy.zeros(3, 2)), exponent=0, dps=15)
def test_pinv_mp_satisfies_penrose_within_its_bound_at_every_scale(A, exponent, dps):
    scale = sympy.Integer(10) ** exponent
    scaled = A * scale
    m, n = A.shape
    r = sympy.Matrix(A).rank() if m and n else 0
    _rank_event(A, r)
    X = pinv_mp(scaled, dps)  # SymPy rationals, each rounded once at the working precision
    assert (X.rows, X.cols) == (n, m)
    if r == 0:
        assert all(X[i, j] == 0 for i in range(n) for j in range(m))
        return
    kappa = condition_number(A)  # κ does not depend on the scale
    bound = 4 * mp.sqrt(r) * kappa * mp_tolerance(dps, kappa)
    with mp.workdps(3 * dps + 20):
        residuals = _residuals(_mp_exact(scaled), X)
        assert all(res <= bound for res in residuals), (residuals, bound)


# ----------------------------------------------------------------------------- float64

@hypothesis_settings(60)
@given(A=low_rank_matrices(integer=True), power=st.integers(-990, 990))
@example(A=sympy.ImmutableMatrix([[1, 2], [3, 4], [5, 7]]), power=-990)
@example(A=sympy.ImmutableMatrix([[1, 2, 3], [2, 4, 6]]), power=990)
@example(A=sympy.ImmutableMatrix(sympy.zeros(2, 0)), power=0)
@example(A=sympy.ImmutableMatrix(sympy.zeros(2, 2)), power=0)
def test_pinv_svd64_satisfies_penrose_within_its_bound_at_every_scale(A, power):
    # Integer entries scaled by a power of two are exact in float64 for |power| <= 990:
    # no overflow in A (entries <= 80·2^990 ≈ 8e299) nor in A⁺, no subnormals.
    a = np.array(A.tolist(), dtype=np.float64).reshape(A.shape) * 2.0 ** power
    m, n = A.shape
    r = sympy.Matrix(A).rank() if m and n else 0
    _rank_event(A, r)
    X = pinv_svd64(a)
    assert X.shape == (n, m) and X.dtype == np.float64
    if r == 0:
        assert not X.any()
        return
    if np.linalg.matrix_rank(a) != r:
        # float64 cannot see the exact rank: the cross-check must say so, not blame the entries.
        event("float64 rank differs from the exact rank")
        assert cross_check_pinv(A, dps=20).status is Agreement.RANK_DISAGREEMENT
        return
    kappa = condition_number(A)
    bound = 4 * mp.sqrt(r) * kappa * f64_error_bound(m, n, kappa)
    with mp.workdps(60):  # float64 values are taken exactly (53 bits)
        Am = mp.matrix([[mp.mpf(float(x)) for x in row] for row in a])
        Xm = mp.matrix([[mp.mpf(float(x)) for x in row] for row in X])
        residuals = _residuals(Am, Xm)
        assert all(res <= bound for res in residuals), (residuals, bound)


# ----------------------------------------------------------------------------- cross-check

@hypothesis_settings(40)
@given(A=low_rank_matrices(), dps=st.sampled_from((20, 40)))
def test_the_three_legs_agree_within_their_bounds(A, dps):
    outcome = cross_check_pinv(A, dps=dps)
    r = sympy.Matrix(A).rank() if A.rows and A.cols else 0
    _rank_event(A, r)
    assert dict(outcome.ranks)["exact"] == r
    floats = np.array([[float(Fraction(int(x.p), int(x.q))) for x in A.row(i)]
                       for i in range(A.rows)]).reshape(A.shape)
    r64 = int(np.linalg.matrix_rank(floats)) if floats.size else 0
    expected = Agreement.AGREE if r64 == r else Agreement.RANK_DISAGREEMENT
    event(expected.value)
    assert outcome.status is expected, str(outcome)
    assert outcome.status is not Agreement.INCONSISTENT


def test_the_cross_check_rejects_a_wrong_leg():
    # The agreement above can fail: a float64 leg that is off by 1e-8 is caught.
    A = sympy.Matrix([[1, 2], [3, 4], [5, 7]])
    wrong = pinv_svd64(np.array([[1, 2], [3, 4], [5, 7]], dtype=float)) * (1 + 1e-8)
    outcome = cross_check_pinv(A, f64_pinv=wrong, dps=20)
    assert outcome.status is Agreement.INCONSISTENT and "float64" in outcome.suspects


def test_the_penrose_bounds_reject_a_slightly_wrong_pseudo_inverse():
    # The numeric bounds above are not vacuous: a relative error of 1e-6 breaks them.
    A = sympy.ImmutableMatrix([[1, 2], [3, 4], [5, 7]])
    kappa = condition_number(A)
    X = pinv_svd64(np.array(A.tolist(), dtype=float)) * (1 + 1e-6)
    bound = 4 * mp.sqrt(2) * kappa * f64_error_bound(3, 2, kappa)
    with mp.workdps(60):
        residuals = _residuals(_mp_exact(A), mp.matrix(X.tolist()))
        assert max(residuals) > bound
    Y = pinv_mp(A, 30) * (1 + mp.mpf(10) ** -20)
    bound = 4 * mp.sqrt(2) * kappa * mp_tolerance(30, kappa)
    with mp.workdps(110):
        assert max(_residuals(_mp_exact(A), Y)) > bound
