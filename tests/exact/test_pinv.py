"""Tests of the exact pseudo-inverse, the rank factorisation and the Penrose certificate.

Expected values come from independent routes: the four Penrose conditions
checked with plain SymPy products, ``(AᵀA)⁻¹Aᵀ`` / ``Aᵀ(AAᵀ)⁻¹`` for full
rank, the rank-factorisation formula built from SymPy's own ``rref``, and
hand-derived closed forms.
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
from fractions import Fraction

import numpy as np
import pytest
import sympy
from sympy.polys.matrices import DomainMatrix

from derivcheck import Pinv
from derivcheck.errors import (
    InexactInputError,
    InputError,
    InputShapeError,
    InputTypeError,
    NonFiniteError,
    UnsupportedError,
)
from derivcheck.exact import _backend
from derivcheck.exact import pinv as pinv_module
from derivcheck.exact.pinv import (
    PenroseCertificate,
    penrose_certificate,
    pinv_cache_clear,
    pinv_exact,
    rank_factorization,
)

HAVE_FLINT = _backend.flint_available()
flint_only = pytest.mark.skipif(
    not HAVE_FLINT, reason="python-flint is not installed; the flint engine cannot be tested"
)
BACKENDS = [pytest.param("flint", marks=[flint_only, pytest.mark.flint]), "sympy"]


def rank_r(m: int, n: int, r: int, seed: int, bound: int = 3) -> sympy.Matrix:
    """An m x n integer matrix of rank exactly r (product of seeded random factors)."""
    rng = random.Random(seed)
    while True:
        A = sympy.Matrix(m, r, lambda i, j: rng.randint(-bound, bound)) * sympy.Matrix(
            r, n, lambda i, j: rng.randint(-bound, bound)
        )
        if DomainMatrix.from_Matrix(A).rank() == r:
            return A


def penrose_by_hand(A: sympy.Matrix, X: sympy.Matrix) -> tuple[bool, bool, bool, bool]:
    """The four Penrose conditions with plain SymPy products (independent of the code under test)."""
    A, X = sympy.Matrix(A), sympy.Matrix(X)
    AX, XA = A * X, X * A
    return (AX * A == A, XA * X == X, AX.T == AX, XA.T == XA)


def pinv_by_rank_factorization(A: sympy.Matrix) -> sympy.Matrix:
    """A⁺ = Fᵀ(FFᵀ)⁻¹(CᵀC)⁻¹Cᵀ from SymPy's own rref (an independent route)."""
    m, n = A.shape
    R, pivots = A.rref()
    r = len(pivots)
    if r == 0:
        return sympy.zeros(n, m)
    C = A[:, list(pivots)]
    F = R[:r, :]
    return F.T * (F * F.T).inv() * (C.T * C).inv() * C.T


# Every shape and rank class: (name, matrix).
SHAPES = [
    ("1x1 nonzero", sympy.Matrix([[Fraction(-3, 7)]])),
    ("1x1 zero", sympy.zeros(1, 1)),
    ("row vector", sympy.Matrix([[1, -2, 0, 3]])),
    ("column vector", sympy.Matrix([[2], [0], [-1]])),
    ("zero 3x2", sympy.zeros(3, 2)),
    ("zero 2x5", sympy.zeros(2, 5)),
    ("square nonsingular", sympy.Matrix([[2, 1, 0], [1, 3, 1], [0, 1, 4]])),
    ("square singular", sympy.Matrix([[1, 2, 3], [4, 5, 6], [7, 8, 9]])),
    ("tall full column rank", rank_r(6, 3, 3, seed=1)),
    ("wide full row rank", rank_r(3, 6, 3, seed=2)),
    ("tall rank-deficient", rank_r(7, 5, 2, seed=3)),
    ("wide rank-deficient", rank_r(4, 6, 3, seed=4)),
    ("square rank 1", rank_r(4, 4, 1, seed=5)),
    ("rational entries", sympy.Matrix([[sympy.Rational(1, 3), sympy.Rational(-2, 5)],
                                       [sympy.Rational(2, 3), sympy.Rational(-4, 5)],
                                       [1, 7]])),
    ("large entries", sympy.Matrix([[10**20 + 1, 3], [2, 10**19], [10**20 + 1, 3]])),
]


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("name,A", SHAPES, ids=[s[0] for s in SHAPES])
def test_penrose_conditions_hold_for_every_shape_and_rank(name, A, backend):
    X = pinv_exact(A, backend=backend)
    assert X.shape == (A.cols, A.rows)
    assert penrose_by_hand(A, X) == (True, True, True, True)
    assert X == pinv_by_rank_factorization(A)
    cert = penrose_certificate(A, X, backend=backend)
    assert cert.holds and cert.failed == ()
    assert all(c.nonzero == 0 and c.residual == sympy.zeros(*c.residual.shape)
               for c in cert.conditions)


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("shape", [(0, 0), (0, 3), (4, 0)])
def test_empty_shapes(shape, backend):
    A = sympy.zeros(*shape)
    X = pinv_exact(A, backend=backend)
    assert X.shape == (shape[1], shape[0])
    assert penrose_certificate(A, X, backend=backend).holds
    assert pinv_exact(np.zeros(shape, dtype=int), backend=backend).shape == (shape[1], shape[0])


@pytest.mark.parametrize("backend", BACKENDS)
def test_full_rank_matches_normal_equation_formulas(backend):
    tall = rank_r(8, 5, 5, seed=11)
    wide = rank_r(4, 9, 4, seed=12)
    assert pinv_exact(tall, backend=backend) == (tall.T * tall).inv() * tall.T
    assert pinv_exact(wide, backend=backend) == wide.T * (wide * wide.T).inv()
    square = sympy.Matrix([[3, 1], [-1, 2]])
    assert pinv_exact(square, backend=backend) == square.inv()


def test_hand_derived_closed_forms():
    # rank 1: A⁺ = Aᵀ / ‖A‖_F²
    A = sympy.Matrix([[1, 2], [2, 4], [-1, -2]])
    assert pinv_exact(A) == A.T / 30
    # diagonal with a zero: invert the nonzero entries only
    D = sympy.diag(sympy.Rational(2, 3), 0, -5)
    assert pinv_exact(D) == sympy.diag(sympy.Rational(3, 2), 0, sympy.Rational(-1, 5))
    # an orthogonal-projector-like matrix is its own pseudo-inverse
    P = sympy.Matrix([[1, 0, 0], [0, 0, 0], [0, 0, 1]])
    assert pinv_exact(P) == P


@pytest.mark.parametrize("seed", range(6))
def test_random_rank_deficient_against_independent_route(seed):
    rng = random.Random(100 + seed)
    m, n = rng.randint(1, 7), rng.randint(1, 7)
    r = rng.randint(0, min(m, n))
    A = rank_r(m, n, r, seed=seed) if r else sympy.zeros(m, n)
    assert pinv_exact(A) == pinv_by_rank_factorization(A)
    assert pinv_exact(A, backend="sympy") == pinv_exact(A, backend="auto")


@flint_only
@pytest.mark.flint
@pytest.mark.parametrize("m,n,r", [(12, 10, 5), (20, 15, 15), (30, 20, 9)])
def test_flint_and_sympy_engines_are_identical(m, n, r):
    A = rank_r(m, n, r, seed=m * n + r)
    X_flint = pinv_exact(A, backend="flint")
    X_sympy = pinv_exact(A, backend="sympy")
    assert X_flint == X_sympy
    assert list(X_flint) == list(X_sympy)  # entry by entry, same Rationals
    assert penrose_certificate(A, X_flint, backend="sympy").holds
    assert penrose_certificate(A, X_sympy, backend="flint").holds


def test_auto_without_flint_uses_sympy(monkeypatch):
    monkeypatch.setattr(_backend, "_flint", None)
    assert _backend.resolve_backend("auto") == "sympy"
    with pytest.raises(UnsupportedError, match="python-flint is not installed"):
        pinv_exact([[1, 2]], backend="flint")
    A = rank_r(5, 4, 2, seed=21)
    assert pinv_exact(A) == pinv_by_rank_factorization(A)


def test_same_result_with_sympy_pure_python_numbers():
    """The SymPy engine with SymPy's pure-Python ground types gives the same numbers."""
    A = rank_r(6, 5, 3, seed=31)
    script = (
        "import sympy\n"
        "from derivcheck.exact.pinv import pinv_exact\n"
        f"A = sympy.Matrix({A.tolist()!r})\n"
        "print(sympy.srepr(sympy.ImmutableMatrix(pinv_exact(A, backend='sympy'))))\n"
    )
    env = dict(os.environ, SYMPY_GROUND_TYPES="python")
    out = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True,
                         text=True, timeout=120, check=True).stdout.strip()
    assert out == sympy.srepr(sympy.ImmutableMatrix(pinv_exact(A)))


def test_memoized_but_fresh_mutable_result():
    pinv_cache_clear()
    A = rank_r(5, 4, 2, seed=41)
    X1 = pinv_exact(A)
    before = pinv_module._pinv_cached.cache_info()
    X2 = pinv_exact(sympy.Matrix(A))  # a different object with the same value
    after = pinv_module._pinv_cached.cache_info()
    assert after.hits == before.hits + 1
    assert X1 == X2 and X1 is not X2
    assert isinstance(X1, sympy.MutableDenseMatrix)
    X1[0, 0] = 12345
    assert pinv_exact(A)[0, 0] != 12345
    # a different value is a different key
    B = A.copy()
    B[0, 0] += 1
    assert pinv_exact(B) != X2


def test_fractions_numpy_and_exact_floats():
    A = [[Fraction(1, 2), 0], [0, Fraction(1, 4)]]
    assert pinv_exact(A) == sympy.diag(2, 4)
    assert pinv_exact(np.array([[2, 0], [0, 0]])) == sympy.Matrix([[sympy.Rational(1, 2), 0], [0, 0]])
    # 0.1 is the binary fraction 3602879701896397/2**55, inverted exactly
    X = pinv_exact([[0.1]], floats="exact")
    assert X[0, 0] == sympy.Rational(2**55, 3602879701896397)


def test_algebraic_entries():
    s2 = sympy.sqrt(2)
    A = sympy.Matrix([[s2, 1], [2, s2]])  # rank 1 (det = 0)
    X = pinv_exact(A)
    assert all(sympy.simplify(e) == 0 for e in (A * X * A - A))
    assert sympy.simplify(X - A.T / 9) == sympy.zeros(2, 2)
    assert penrose_certificate(A, A.T / 9).holds
    assert not penrose_certificate(A, A.T / 8).holds
    with pytest.raises(UnsupportedError, match="rational entries only"):
        pinv_exact(A, backend="flint")


def test_pinv_expression_node_evaluates_with_pinv_exact():
    A = sympy.ImmutableMatrix(rank_r(4, 3, 2, seed=51))
    assert sympy.Matrix(Pinv(A).doit()) == pinv_by_rank_factorization(sympy.Matrix(A))


# -- rank factorisation ------------------------------------------------------------


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("name,A", SHAPES + [("empty 0x3", sympy.zeros(0, 3))],
                         ids=[s[0] for s in SHAPES] + ["empty 0x3"])
def test_rank_factorization(name, A, backend):
    fac = rank_factorization(A, backend=backend)
    r = fac.rank
    assert r == A.rank()
    assert fac.C.shape == (A.rows, r) and fac.F.shape == (r, A.cols)
    assert sympy.Matrix(fac.C) * sympy.Matrix(fac.F) == A
    assert fac.pivots == A.rref()[1]
    if r:
        C, F = sympy.Matrix(fac.C), sympy.Matrix(fac.F)
        assert (C.T * C).det() != 0 and (F * F.T).det() != 0
        assert F.T * (F * F.T).inv() * (C.T * C).inv() * C.T == pinv_exact(A)


# -- Penrose certificate rejects wrong candidates ----------------------------------


def test_certificate_rejects_rank_one_formula_on_rank_two_matrix():
    A = sympy.Matrix([[1, 0], [0, 2], [1, 1]])  # rank 2
    wrong = A.T / sum(x**2 for x in A)  # Aᵀ/‖A‖_F², right only for rank 1
    cert = penrose_certificate(A, wrong)
    assert isinstance(cert, PenroseCertificate)
    assert not cert.holds
    expected = penrose_by_hand(A, wrong)
    assert tuple(c.holds for c in cert.conditions) == expected
    assert cert.conditions[0].residual == sympy.ImmutableMatrix(A * wrong * A - A)
    assert cert.conditions[0].nonzero == sum(1 for x in (A * wrong * A - A) if x != 0) > 0
    assert "FAILS" in cert.summary()


def test_certificate_rejects_perturbed_and_transposed_candidates():
    A = rank_r(5, 4, 2, seed=61)
    X = pinv_exact(A)
    for i, j in [(0, 0), (3, 4), (2, 1)]:
        Y = X.copy()
        Y[i, j] += sympy.Rational(1, 10**30)
        assert not penrose_certificate(A, Y).holds
    with pytest.raises(InputShapeError, match="must be 4x5"):
        penrose_certificate(A, A)


def test_certificate_rejects_normal_equation_formula_with_singular_gram():
    # (AᵀA + I)⁻¹Aᵀ is a ridge estimate, not the pseudo-inverse
    A = sympy.Matrix([[1, 1], [1, 1]])
    ridge = (A.T * A + sympy.eye(2)).inv() * A.T
    cert = penrose_certificate(A, ridge)
    assert not cert.holds
    assert cert.failed == tuple(c.equation for c, ok in
                                zip(cert.conditions, penrose_by_hand(A, ridge)) if not ok)


def test_certificate_rejects_generic_inverse_at_a_degenerate_point():
    # At b = 0, diag(1/a, 1/b) has no value; the only right answer is diag(1/a, 0).
    a = sympy.Rational(3)
    A = sympy.diag(a, 0)
    with pytest.raises(NonFiniteError):
        penrose_certificate(A, sympy.diag(1 / a, sympy.zoo))
    for c in [1, -2, sympy.Rational(1, 10**9)]:
        assert not penrose_certificate(A, sympy.diag(1 / a, c)).holds
    assert penrose_certificate(A, sympy.diag(1 / a, 0)).holds


# -- bad input --------------------------------------------------------------------


@pytest.mark.parametrize(
    "bad,cls,match",
    [
        ([[1.5, 2]], InexactInputError, "does not accept floats"),
        (np.array([[1.0, 2.0]]), InexactInputError, "does not accept floats"),
        ([["1", 2]], InputTypeError, "never parsed"),
        ("[[1, 2]]", InputTypeError, "never parsed"),
        ([[1, 2], [3]], InputShapeError, "same length"),
        ([[[1], [2]]], InputShapeError, "2-d"),
        (np.zeros((2, 2, 2)), InputShapeError, "ndim=3"),
        ([[float("nan"), 1]], NonFiniteError, "finite"),
        (np.array([[np.nan]]), NonFiniteError, "finite"),
        ([[sympy.oo]], NonFiniteError, "finite"),
        ([[1 + 2j]], InputTypeError, "real numbers"),
        (42, InputTypeError, "not a matrix"),
        ([[sympy.pi, 1]], UnsupportedError, "not an algebraic number"),
    ],
)
def test_bad_input_raises_the_right_class(bad, cls, match):
    with pytest.raises(cls, match=match):
        pinv_exact(bad)


def test_symbols_are_refused_with_pointer_to_pinv_symbolic():
    a, b = sympy.symbols("a b")
    with pytest.raises(InputTypeError, match=r"pinv_symbolic") as info:
        pinv_exact(sympy.diag(a, b))
    assert "a, b" in str(info.value)
    with pytest.raises(InputTypeError, match=r"pinv_symbolic"):
        rank_factorization([[a, 1]])
    with pytest.raises(InputTypeError, match=r"pinv_symbolic"):
        penrose_certificate([[1]], [[a]])


@pytest.mark.parametrize("backend", ["fast", None, 3, "FLINT"])
def test_unknown_backend(backend):
    with pytest.raises(InputError, match="'auto', 'flint', 'sympy'"):
        pinv_exact([[1]], backend=backend)
