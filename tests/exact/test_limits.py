"""Tests of the exact ε → 0⁺ limits of the regularised inverses and their certificates.

Independent references: for small matrices the full rational-function solve
``(G + εI)⁻¹`` over QQ(ε) done by SymPy (value at 0, derivative at 0, the
coefficient of 1/ε); ``sympy.limit`` entry by entry on a tiny matrix; and an
exact characterisation that needs no pseudo-inverse at all (with ``N`` a
null-space basis of ``A`` from SymPy): the limit ``L`` is the unique matrix
with ``AᵀA·L = Aᵀ`` and ``NᵀL = 0``; the ε-coefficient ``F`` the unique one
with ``AᵀA·F = −L`` and ``NᵀF = 0``.
"""

from __future__ import annotations

import random

import pytest
import sympy
from sympy.polys.matrices import DomainMatrix

import pickle

from derivcheck.errors import (
    InexactInputError, InputError, InputShapeError, InputTypeError, UnsupportedError,
)
from derivcheck.exact import _backend
from derivcheck.exact.limits import (
    DIVERGES, EpsLimit, RegularizedLimit, limit_at_zero_plus, limit_cache_clear, regularized_limit,
)
from derivcheck.exact.pinv import pinv_exact

HAVE_FLINT = _backend.flint_available()
flint_only = pytest.mark.skipif(
    not HAVE_FLINT, reason="python-flint is not installed; the flint engine cannot be tested"
)
BACKENDS = [pytest.param("flint", marks=[flint_only, pytest.mark.flint]), "sympy"]
EPS = sympy.Symbol("epsilon", positive=True)


def rank_r(m: int, n: int, r: int, seed: int, bound: int = 3) -> sympy.Matrix:
    """An m x n integer matrix of rank exactly r (product of seeded random factors)."""
    if r == 0:
        return sympy.zeros(m, n)
    rng = random.Random(seed)
    while True:
        A = sympy.Matrix(m, r, lambda i, j: rng.randint(-bound, bound)) * sympy.Matrix(
            r, n, lambda i, j: rng.randint(-bound, bound)
        )
        if DomainMatrix.from_Matrix(A).rank() == r:
            return A


def gram(A: sympy.Matrix, side: str) -> sympy.Matrix:
    return A.T * A if side == "left" else A * A.T


def regularized_in_qq_eps(A: sympy.Matrix, side: str) -> tuple[sympy.Matrix, sympy.Matrix]:
    """(G + εI)⁻¹ and the regularised inverse as matrices of rational functions of ε."""
    G = gram(A, side)
    inv = (G + EPS * sympy.eye(G.rows)).inv().applyfunc(sympy.cancel)
    reg = (inv * A.T if side == "left" else A.T * inv).applyfunc(sympy.cancel)
    return inv, reg


def at_zero(expr: sympy.Expr) -> sympy.Expr:
    """The value at ε = 0 of a rational function that is analytic there."""
    num, den = sympy.fraction(sympy.cancel(expr))
    assert den.subs(EPS, 0) != 0
    return num.subs(EPS, 0) / den.subs(EPS, 0)


SMALL = [
    ("zero 2x3", sympy.zeros(2, 3)),
    ("rank 1 2x2", sympy.Matrix([[1, 2], [2, 4]])),
    ("rank 1 3x2", sympy.Matrix([[1, -1], [2, -2], [0, 0]])),
    ("full column rank 3x2", sympy.Matrix([[1, 0], [1, 1], [0, 2]])),
    ("full row rank 2x3", sympy.Matrix([[1, 2, 0], [0, 1, -1]])),
    ("rank 2 3x3", sympy.Matrix([[1, 2, 3], [4, 5, 6], [7, 8, 9]])),
    ("nonsingular 2x2", sympy.Matrix([[2, 1], [1, 1]])),
    ("rational rank 2 4x3", sympy.Matrix([[sympy.Rational(1, 2), 0, 1], [0, 1, 1],
                                          [sympy.Rational(1, 2), 1, 2], [1, -1, 0]])),
]


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("side", ["left", "right"])
@pytest.mark.parametrize("name,A", SMALL, ids=[s[0] for s in SMALL])
def test_against_full_solve_over_qq_eps(name, A, side, backend):
    lim = regularized_limit(A, side, backend=backend)
    inv, reg = regularized_in_qq_eps(A, side)
    value = reg.applyfunc(at_zero)
    first = reg.applyfunc(lambda e: at_zero(sympy.diff(e, EPS)))
    pole = (EPS * inv).applyfunc(at_zero)
    constant = (inv - pole / EPS).applyfunc(at_zero)
    assert lim.value == value
    assert lim.first_order == first
    assert lim.pole_coefficient == pole
    assert lim.constant_coefficient == constant
    singular = gram(A, side).det() == 0
    assert lim.pole_order == (1 if singular else 0)
    assert (pole != sympy.zeros(*pole.shape)) == singular
    assert lim.divergence_cancels and lim.divergent_part == sympy.zeros(A.cols, A.rows)
    assert lim.verified


def test_tiny_matrix_against_sympy_limit_entrywise():
    A = sympy.Matrix([[1, 2], [2, 4], [0, 0]])
    R = (A.T * A + EPS * sympy.eye(2)).inv() * A.T
    expected = R.applyfunc(lambda e: sympy.limit(e, EPS, 0, "+"))
    assert regularized_limit(A).value == expected


def independent_characterisation_holds(A, L, F) -> bool:
    """AᵀA·L = Aᵀ, NᵀL = 0, AᵀA·F = −L, NᵀF = 0 (N: SymPy null-space basis of A)."""
    G = A.T * A
    N = A.nullspace()
    Nt = sympy.Matrix.hstack(*N).T if N else sympy.zeros(0, A.cols)
    return (G * L == A.T and Nt * L == sympy.zeros(Nt.rows, A.rows)
            and G * F == -L and Nt * F == sympy.zeros(Nt.rows, A.rows))


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("m,n,r", [(12, 10, 5), (6, 9, 4), (8, 5, 5), (5, 8, 5), (7, 7, 0)])
def test_every_rank_matches_pinv_and_characterisation(m, n, r, backend):
    A = rank_r(m, n, r, seed=7 * m + n + r)
    X = pinv_exact(A)
    for side in ("left", "right"):
        lim = regularized_limit(A, side, backend=backend)
        assert isinstance(lim, RegularizedLimit)
        assert lim.rank == r and lim.side == side
        assert lim.value == X
        assert independent_characterisation_holds(A, sympy.Matrix(lim.value),
                                                  sympy.Matrix(lim.first_order))
        size = n if side == "left" else m
        assert lim.pole_order == (1 if r < size else 0)
        P0 = sympy.Matrix(lim.pole_coefficient)
        assert P0.shape == (size, size)
        assert P0.rank() == size - r  # projector onto a (size - r)-dimensional null space
        assert P0 * gram(A, side) == sympy.zeros(size, size)
        assert lim.verified and lim.divergence_cancels


def test_characterisation_rejects_wrong_first_order_and_wrong_limit():
    A = rank_r(6, 5, 3, seed=3)
    lim = regularized_limit(A)
    L, F = sympy.Matrix(lim.value), sympy.Matrix(lim.first_order)
    assert independent_characterisation_holds(A, L, F)
    # a plausible-looking but wrong O(ε) term: +(G⁺)²Aᵀ instead of −(G⁺)²Aᵀ
    assert not independent_characterisation_holds(A, L, -F)
    # adding a null-space component keeps AᵀA·F = −L but breaks NᵀF = 0
    v = A.nullspace()[0]
    assert not independent_characterisation_holds(A, L, F + v * sympy.ones(1, A.rows))
    assert not independent_characterisation_holds(A, L + v * sympy.ones(1, A.rows), F)


def test_left_and_right_limits_agree_but_poles_differ():
    A = rank_r(5, 3, 2, seed=9)
    left, right = regularized_limit(A, "left"), regularized_limit(A, "right")
    assert left.value == right.value
    assert left.first_order == right.first_order
    assert left.pole_coefficient.shape == (3, 3) and right.pole_coefficient.shape == (5, 5)
    assert sympy.Matrix(right.pole_coefficient) * A == sympy.zeros(5, 3)
    assert A * sympy.Matrix(left.pole_coefficient) == sympy.zeros(5, 3)
    assert left.gram == "AᵀA" and right.gram == "AAᵀ"


def test_truncated_expansion_error_is_second_order():
    A = sympy.Matrix([[1, 2], [2, 4], [1, 0]])
    lim = regularized_limit(A)
    G = A.T * A
    for k in (3, 6):
        eps = sympy.Rational(1, 10**k)
        exact = (G + eps * sympy.eye(2)).inv() * A.T
        # closed form of the remainder: (G+εI)⁻¹Aᵀ − A⁺ − εF = ε²(G+εI)⁻¹(G⁺)²Aᵀ
        Gp = sympy.Matrix(lim.constant_coefficient)
        remainder = eps**2 * (G + eps * sympy.eye(2)).inv() * Gp * Gp * A.T
        assert exact - sympy.Matrix(lim.truncated(eps)) == remainder
        assert exact != lim.value  # the regularised inverse is not the limit at ε > 0


def test_empty_and_zero_shapes():
    for (m, n) in [(0, 3), (3, 0), (0, 0)]:
        A = sympy.zeros(m, n)
        left = regularized_limit(A, "left")
        right = regularized_limit(A, "right")
        assert left.value.shape == right.value.shape == (n, m)
        assert left.pole_order == (1 if n else 0)
        assert right.pole_order == (1 if m else 0)
        assert left.pole_coefficient == sympy.eye(n) and right.pole_coefficient == sympy.eye(m)
        assert left.verified and right.verified


@flint_only
@pytest.mark.flint
def test_flint_and_sympy_engines_are_identical():
    A = rank_r(14, 11, 6, seed=77)
    for side in ("left", "right"):
        limit_cache_clear()
        a = regularized_limit(A, side, backend="flint")
        b = regularized_limit(A, side, backend="sympy")
        assert a == b


def test_result_is_frozen_and_cached():
    A = [[1, 2], [2, 4]]
    limit_cache_clear()
    first = regularized_limit(A)
    assert regularized_limit(sympy.Matrix(A)) is first
    with pytest.raises(AttributeError):
        first.value = None  # type: ignore[misc]


@pytest.mark.parametrize("side", ["up", "LEFT", "", None, 1])
def test_bad_side(side):
    with pytest.raises(InputError, match="'left', 'right'"):
        regularized_limit([[1]], side)


def test_bad_input():
    with pytest.raises(InexactInputError):
        regularized_limit([[0.5]])
    with pytest.raises(InputShapeError):
        regularized_limit([[1, 2], [3]])
    with pytest.raises(InputTypeError, match="regularized_limit_symbolic"):
        regularized_limit([[sympy.Symbol("a")]])
    with pytest.raises(InputError, match="'auto', 'flint', 'sympy'"):
        regularized_limit([[1]], backend="numpy")


# ---------------------------------------------------------------------------
# The primitive: limit_at_zero_plus
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "expr",
    [
        3 / (9 + EPS),
        EPS / (EPS**2 + EPS),
        (2 * EPS**2 + EPS) / (EPS**3 + 4 * EPS),
        sympy.Integer(0) / (EPS + 1),
        (EPS + 1) ** 2,
        EPS**3 / (EPS + EPS**2),
        sympy.sqrt(2) / (2 + EPS),
        (EPS - 1) * (EPS + 2) / ((EPS + 2) * (3 - EPS)),
    ],
    ids=str,
)
def test_primitive_converges_like_sympy_limit(expr):
    lim = limit_at_zero_plus(expr, EPS)
    assert not lim.diverges and lim.order == 0
    assert sympy.simplify(lim.value - sympy.limit(expr, EPS, 0, "+")) == 0


@pytest.mark.parametrize(
    "expr,order",
    [
        (1 / EPS, 1),
        (-sympy.Rational(2, 3) / (EPS**2 + EPS), 1),
        ((1 + EPS) / (EPS**2 * (2 + EPS)), 2),
        ((EPS + 1) / (EPS**3 - EPS**4), 3),
    ],
    ids=str,
)
def test_primitive_diverges_with_the_order_of_the_pole(expr, order):
    lim = limit_at_zero_plus(expr, EPS)
    assert lim.diverges and lim.value is DIVERGES and lim.order == order
    assert sympy.limit(expr, EPS, 0, "+") in (sympy.oo, -sympy.oo)  # the reference agrees


@pytest.mark.parametrize(
    "A",
    [
        sympy.Matrix([[1, 2], [2, 4]]),
        sympy.Matrix([[1, 2, 3], [2, 4, 6], [1, 0, 1]]),
        sympy.Matrix([[1, 0, 1], [0, 1, 1]]).T * sympy.Matrix([[1, 2, 0], [0, 1, 1]]),
        sympy.zeros(2, 3),
    ],
    ids=["rank1-2x2", "rank2-3x3", "rank2-3x3-product", "zero-2x3"],
)
def test_primitive_on_the_ridge_inverse_is_the_exact_pinv(A):
    n = A.cols
    inverse = (A.T * A + EPS * sympy.eye(n)).inv()
    lim = limit_at_zero_plus(inverse * A.T, EPS)
    assert not lim.diverges
    assert lim.value == pinv_exact(A) == regularized_limit(A).value
    # the inverse inside has a simple pole: A is rank-deficient
    inner = limit_at_zero_plus(inverse, EPS)
    assert inner.diverges and inner.order == 1


def test_primitive_rejects_a_wrong_candidate():
    A = sympy.Matrix([[1, 2, 3], [2, 4, 6], [1, 0, 1]])  # rank 2
    lim = limit_at_zero_plus((A.T * A + EPS * sympy.eye(3)).inv() * A.T, EPS)
    frobenius_scaled = A.T / sum(x**2 for x in A)  # A⁺ only for rank one
    assert lim.value != frobenius_scaled
    off_by_one = sympy.Matrix(lim.value)
    off_by_one[0, 0] += sympy.Rational(1, 10**6)
    assert lim.value != off_by_one


def test_regularized_limit_is_an_eps_limit():
    lim = regularized_limit([[1, 2], [2, 4]])
    assert isinstance(lim, EpsLimit) and lim.order == 0 and not lim.diverges
    assert lim.pole_order == 1  # the pole of the inverse inside


def test_diverges_is_one_object():
    assert pickle.loads(pickle.dumps(DIVERGES)) is DIVERGES
    assert repr(DIVERGES) == "DIVERGES"


def test_primitive_refuses_what_is_not_a_rational_function():
    with pytest.raises(UnsupportedError, match="number coefficients"):
        limit_at_zero_plus(sympy.Symbol("a") / (1 + EPS), EPS)
    with pytest.raises(UnsupportedError, match="not a rational function"):
        limit_at_zero_plus(sympy.exp(EPS) / (1 + EPS), EPS)
    with pytest.raises(InputTypeError, match="text is never parsed"):
        limit_at_zero_plus("1/epsilon", EPS)
    with pytest.raises(InputTypeError, match="scalar sympy.Symbol"):
        limit_at_zero_plus(1 / EPS, sympy.MatrixSymbol("E", 2, 2))


def _entry_by_entry(f, eps):
    from derivcheck.exact import limits

    entries = [limits._entry_limit(f[i, j], eps, "f") for i in range(f.rows) for j in range(f.cols)]
    order = max((o for _, o in entries), default=0)
    return order, None if order else sympy.ImmutableMatrix(f.rows, f.cols, [v for v, _ in entries])


@pytest.mark.parametrize("trial", range(12))
def test_matrix_limits_read_off_the_domain_equal_the_entry_by_entry_limits(trial):
    rng = random.Random(trial)
    e = sympy.Symbol("epsilon", positive=True)
    m, n, r = rng.randint(1, 3), rng.randint(1, 3), rng.randint(0, 2)
    B = sympy.Matrix(m, r, lambda i, j: sympy.Rational(rng.randint(-4, 4), rng.randint(1, 3)))
    A = B * sympy.Matrix(r, n, lambda i, j: rng.randint(-3, 3)) if r else sympy.zeros(m, n)
    G = A.T * A + e ** rng.randint(1, 2) * sympy.eye(n)
    f = G.inv() * (A.T + e * sympy.ones(n, m) / 3) if trial % 2 else G.inv() * e ** rng.randint(0, 2)
    order, value = _entry_by_entry(f, e)
    lim = limit_at_zero_plus(f, e)
    assert lim.order == order
    if not order:
        assert lim.value == value and [type(x) for x in lim.value] == [type(x) for x in value]
