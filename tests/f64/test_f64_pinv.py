"""pinv_svd64: Penrose conditions, exact agreement within max(M,N)·u·κ, cutoffs, bad input."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest

from derivcheck.errors import (
    InputError,
    InputShapeError,
    InputTypeError,
    NonFiniteError,
    PrecisionError,
)
from derivcheck.f64.pinv import (
    UNIT_ROUNDOFF,
    cutoff64,
    numerical_rank64,
    pinv_svd64,
    singular_values64,
)
from derivcheck.f64.validate import as_float64_matrix
from f64_exact import (
    U,
    exact_pinv_of_float_matrix,
    exact_to_float,
    integer_factors,
    kappa_fro,
    penrose_residuals,
    scaled_fro,
)

C = 10  # the safety constant of the float64 bound c·max(M, N)·u·κ

SHAPES = [
    (0, 4, 0), (4, 0, 0), (1, 1, 1), (3, 3, 0), (3, 5, 2), (5, 3, 3),
    (8, 6, 2), (6, 8, 6), (7, 7, 5), (10, 4, 4),
]


def bound(m, n, kappa):
    return C * max(m, n, 1) * U * kappa


@pytest.mark.parametrize("m,n,r", SHAPES)
@pytest.mark.parametrize("symmetric", [False, True])
def test_penrose_and_exact_agreement(m, n, r, symmetric):
    A = integer_factors(m, n, r, seed=m * 31 + n * 7 + r)
    if symmetric:
        if m == 0 or n == 0:
            A = np.zeros((m, m))
        else:
            A = A @ A.T  # exactly symmetric (integer products)
    Ap = exact_pinv_of_float_matrix(A)
    X = pinv_svd64(A, symmetric=symmetric)
    assert X.shape == (A.shape[1], A.shape[0]) and X.dtype == np.float64
    kappa = kappa_fro(A, Ap)
    for res in penrose_residuals(A, X):
        assert res <= bound(*A.shape, kappa)
    truth = exact_to_float(Ap)
    err = scaled_fro(X - truth)
    assert err <= bound(*A.shape, kappa) * (scaled_fro(truth) or 1.0)


def test_penrose_check_rejects_wrong_candidates():
    A = integer_factors(6, 4, 3, seed=2)
    X = pinv_svd64(A)
    kappa = kappa_fro(A, exact_pinv_of_float_matrix(A))
    Y = X.copy()
    Y[1, 2] *= 1 + 1e-9
    assert max(penrose_residuals(A, Y)) > bound(6, 4, kappa)
    assert max(penrose_residuals(A, A.T)) > 0.1


@pytest.mark.parametrize("exponent", [-300, -150, 0, 150, 300])
def test_extreme_scales(exponent):
    base = integer_factors(5, 4, 3, seed=11)
    # scale by the power of two nearest 10**exponent: exact, so the rank stays 3
    A = np.ldexp(base, round(exponent * 3.321928094887362))
    assert 10.0 ** (exponent - 1) < np.max(np.abs(A)) / np.max(np.abs(base)) < 10.0 ** (exponent + 1)
    Ap = exact_pinv_of_float_matrix(A)
    X = pinv_svd64(A)
    kappa = kappa_fro(A, Ap)
    for res in penrose_residuals(A, X):
        assert res <= bound(5, 4, kappa)
    truth = exact_to_float(Ap)
    assert scaled_fro(X - truth) <= bound(5, 4, kappa) * scaled_fro(truth)
    assert numerical_rank64(A) == 3


def test_agrees_with_numpy_pinv_at_its_numpy2_default():
    rng = np.random.default_rng(0)
    for m, n in [(5, 3), (3, 5), (6, 6)]:
        A = rng.standard_normal((m, n))
        ours = pinv_svd64(A)
        theirs = np.linalg.pinv(A, rtol=None)
        s = np.linalg.svd(A, compute_uv=False)
        assert scaled_fro(ours - theirs) <= bound(m, n, s[0] / s[-1]) * scaled_fro(theirs)


def test_infinite_or_nan_input_is_an_error_not_a_zero_or_nan_matrix():
    # numpy.linalg.pinv returns a matrix (of zeros in old releases, NaN in new ones)
    A = np.array([[1.0, np.inf], [0.0, 1.0]])
    with pytest.raises(NonFiniteError, match=r"A\[0,1\]=inf"):
        pinv_svd64(A)
    with pytest.raises(NonFiniteError, match=r"A\[1,0\]=nan"):
        pinv_svd64([[1.0, 2.0], [float("nan"), 1.0]])
    with pytest.raises(NonFiniteError, match="overflows float64"):
        pinv_svd64([[10**400]])


def test_empty_and_integer_input_give_float_results_of_the_transposed_shape():
    for shape in [(0, 3), (3, 0), (0, 0)]:
        for dtype in (np.int64, np.float32, np.float64):
            X = pinv_svd64(np.zeros(shape, dtype=dtype))
            assert X.shape == shape[::-1] and X.dtype == np.float64
    X = pinv_svd64(np.array([[2, 0], [0, 4]], dtype=np.int32))
    assert X.dtype == np.float64
    np.testing.assert_array_equal(X, [[0.5, 0.0], [0.0, 0.25]])
    Z = pinv_svd64(np.zeros((2, 3), dtype=np.int8))
    assert Z.shape == (3, 2) and not Z.any()


def test_input_not_modified_and_lists_accepted():
    A = np.array([[1.0, 2.0], [3.0, 4.0]])
    copy = A.copy()
    pinv_svd64(A)
    np.testing.assert_array_equal(A, copy)
    np.testing.assert_array_equal(pinv_svd64([[1, 2], [3, 4]]), pinv_svd64(A))
    np.testing.assert_array_equal(
        pinv_svd64([[Fraction(1), Fraction(2)], [Fraction(3), Fraction(4)]]), pinv_svd64(A)
    )


def test_cutoffs():
    eps = np.finfo(np.float64).eps
    # default rtol = max(M, N)·eps relative to σ₁, at every scale
    for scale in (1e-200, 1.0, 1e200):
        assert numerical_rank64(np.diag([1.0, 1e-14]) * scale) == 2
        assert numerical_rank64(np.diag([1.0, 1e-16]) * scale) == 1
    assert cutoff64(np.array([2.0, 1.0]), 3, 2) == 3 * eps * 2.0
    assert cutoff64(np.array([2.0, 1.0]), 3, 2, rtol=0.1, atol=0.5) == 0.5
    assert cutoff64(np.array([2.0, 1.0]), 3, 2, rtol=0.1, atol=0.01) == 0.2
    A = np.diag([1.0, 1e-4])
    np.testing.assert_array_equal(pinv_svd64(A, atol=1e-3), np.diag([1.0, 0.0]))
    np.testing.assert_array_equal(pinv_svd64(A, rtol=1e-3), np.diag([1.0, 0.0]))
    assert pinv_svd64(np.diag([1.0, 1e-300]), rtol=0.0)[1, 1] == 1.0 / 1e-300
    np.testing.assert_array_equal(singular_values64([[3, 0], [0, -4]]), [4.0, 3.0])


def test_symmetric_route_requires_exact_symmetry():
    S = np.array([[2.0, 1.0], [1.0, 2.0]])
    np.testing.assert_allclose(
        pinv_svd64(S, symmetric=True), pinv_svd64(S), rtol=bound(2, 2, 3.0)
    )
    almost = S.copy()
    almost[0, 1] = np.nextafter(1.0, 2.0)
    with pytest.raises(InputError, match="exactly symmetric"):
        pinv_svd64(almost, symmetric=True)
    with pytest.raises(InputError, match="exactly symmetric"):
        pinv_svd64(np.ones((2, 3)), symmetric=True)
    # indefinite symmetric: singular values are |λ|
    D = np.diag([3.0, -2.0, 0.0])
    np.testing.assert_allclose(pinv_svd64(D, symmetric=True), np.diag([1 / 3, -0.5, 0.0]))


@pytest.mark.parametrize(
    "kw,exc,pattern",
    [
        ({"rtol": -1.0}, PrecisionError, "rtol=-1.0"),
        ({"atol": -1e-9}, PrecisionError, "atol="),
        ({"rtol": float("nan")}, PrecisionError, "rtol="),
        ({"atol": float("inf")}, PrecisionError, "atol="),
        ({"rtol": "1e-3"}, InputTypeError, "rtol="),
        ({"atol": True}, InputTypeError, "atol="),
        ({"rtol": np.array([1e-3])}, InputTypeError, "rtol="),
    ],
)
def test_bad_tolerances(kw, exc, pattern):
    with pytest.raises(exc, match=pattern):
        pinv_svd64([[1.0]], **kw)
    with pytest.raises(exc, match=pattern):
        numerical_rank64([[1.0]], **kw)


@pytest.mark.parametrize(
    "A,exc,pattern",
    [
        (np.zeros(3), InputShapeError, "ndim=1"),
        (np.zeros((2, 2, 2)), InputShapeError, "ndim=3"),
        ([1.0, 2.0], InputShapeError, "ndim=1"),
        ([[1.0, 2.0], [3.0]], InputShapeError, "same length"),
        ([], InputShapeError, "no definite shape"),
        ("[[1, 2]]", InputTypeError, "text is never parsed"),
        ([["1", "2"]], InputTypeError, "text is never parsed"),
        (np.array([[1 + 1j]]), InputTypeError, "real only"),
        ([[1j, 0]], InputTypeError, "real only"),
        (np.array([[True, False]]), InputTypeError, "boolean"),
        ([[Fraction(1, 3), "x"]], InputTypeError, "text"),
        ([[object()]], InputTypeError, "not a real number"),
        ({"A": 1}, InputTypeError, "not a matrix"),
        (np.array([[np.datetime64("2020-01-01")]]), InputTypeError, "real numbers"),
    ],
)
def test_bad_matrix(A, exc, pattern):
    with pytest.raises(exc, match=pattern):
        pinv_svd64(A)
    with pytest.raises(exc, match=pattern):
        as_float64_matrix(A)


def test_unit_roundoff_constant():
    assert UNIT_ROUNDOFF == np.finfo(np.float64).eps / 2
