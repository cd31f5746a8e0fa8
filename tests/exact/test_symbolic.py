"""Tests of the piecewise pseudo-inverse and ε-limits of symbolic matrices.

Every case is checked by substitution: seeded random rational points on each
stratum (generic and degenerate ones, e.g. b = 0 for diag(a, b)) are compared
with the exact numeric pseudo-inverse of the substituted matrix, and exactly
one case must claim each point.
"""

from __future__ import annotations

import itertools
import random
from fractions import Fraction

import pytest
import sympy

from derivcheck.errors import (
    AssumptionError,
    InexactInputError,
    InputError,
    InputTypeError,
    NonFiniteError,
    UnsupportedError,
)
from derivcheck.exact.limits import regularized_limit
from derivcheck.exact.pinv import penrose_certificate, pinv_exact
from derivcheck.exact.symbolic import (
    PiecewisePinv,
    PiecewiseRegularizedLimit,
    pinv_symbolic,
    regularized_limit_symbolic,
)

a, b, c = sympy.symbols("a b c")


def sample_points(symbols, count: int, seed: int, extra=()):
    """Seeded points mixing zeros, equal and opposite values, and random rationals."""
    rng = random.Random(seed)
    points = [dict(p) for p in extra]
    for values in itertools.product([0, 1, -2], repeat=len(symbols)):
        points.append(dict(zip(symbols, map(sympy.Integer, values))))
    for _ in range(count):
        point = {}
        for s in symbols:
            kind = rng.random()
            if kind < 0.3:
                point[s] = sympy.Integer(0)
            elif kind < 0.5 and point:
                other = rng.choice(list(point.values()))
                point[s] = other if rng.random() < 0.5 else -other
            else:
                point[s] = sympy.Rational(rng.randint(-9, 9) or 1, rng.randint(1, 7))
        points.append(point)
    return points


# (name, matrix, extra points, ranks whose stratum is empty over the reals)
MATRICES = [
    ("diag(a,b)", sympy.diag(a, b), [], set()),
    ("[[a,b],[2a,2b]]", sympy.Matrix([[a, b], [2 * a, 2 * b]]), [], set()),
    ("[[a,1],[0,a]]", sympy.Matrix([[a, 1], [0, a]]), [], set()),
    ("[[a+b,a-b],[a,c]]", sympy.Matrix([[a + b, a - b], [a, c]]),
     [{a: 1, b: 0, c: 1}, {a: 2, b: 1, c: sympy.Rational(2, 3)}], set()),
    ("3x2 [[a,b],[b,a],[a,b]]", sympy.Matrix([[a, b], [b, a], [a, b]]), [], set()),
    # a² ± ab + b² > 0 unless a = b = 0, so rank 1 never occurs
    ("2x3 [[a,b,0],[0,a,b]]", sympy.Matrix([[a, b, 0], [0, a, b]]), [], {1}),
    ("diag(a,a,b)", sympy.diag(a, a, b), [], set()),
    ("[[a**2, a*b],[a*b, b**2]]", sympy.Matrix([[a**2, a * b], [a * b, b**2]]), [], set()),
    ("rational function [[1/(a**2+1), b]]", sympy.Matrix([[1 / (a**2 + 1), b]]), [], set()),
]
IDS = [m[0] for m in MATRICES]


@pytest.mark.parametrize("name,A,extra,empty_ranks", MATRICES, ids=IDS)
def test_every_case_matches_pinv_exact_at_sample_points(name, A, extra, empty_ranks):
    result = pinv_symbolic(A)
    assert isinstance(result, PiecewisePinv)
    symbols = result.symbols
    assert set(symbols) == A.free_symbols
    hit = set()
    for point in sample_points(symbols, 25, seed=len(name), extra=extra):
        claims = [i for i, case in enumerate(result.cases)
                  if case.condition.xreplace(point) is sympy.true]
        assert len(claims) == 1, (point, claims)
        hit.add(claims[0])
        numeric = A.xreplace(point)
        expected = pinv_exact(numeric)
        assert result.at(point) == expected
        assert result.cases[claims[0]].rank == numeric.rank()
        assert result.case_at(point).pinv == expected
        assert penrose_certificate(numeric, result.at(point)).holds
    missed = {case.rank for i, case in enumerate(result.cases) if i not in hit}
    assert missed <= empty_ranks


def test_rank_one_example_matches_closed_form():
    A = sympy.Matrix([[a, b], [2 * a, 2 * b]])
    result = pinv_symbolic(A)
    assert [case.rank for case in result.cases] == [1, 0]
    generic, zero = result.cases
    closed_form = A.T / (5 * (a**2 + b**2))  # Aᵀ/‖A‖_F² for a rank-one matrix
    assert (sympy.Matrix(generic.pinv) - closed_form).applyfunc(sympy.cancel) == sympy.zeros(2, 2)
    assert zero.pinv == sympy.zeros(2, 2)
    # the conditions say a² + b² ≠ 0 and a² + b² = 0 over the reals
    for point in [{a: 0, b: 0}, {a: 1, b: 0}, {a: 0, b: -3}, {a: 2, b: 5}]:
        nonzero = (point[a] ** 2 + point[b] ** 2) != 0
        assert (generic.condition.xreplace(point) is sympy.true) == nonzero
        assert (zero.condition.xreplace(point) is sympy.true) == (not nonzero)


def test_diag_is_not_the_unconditional_generic_inverse():
    result = pinv_symbolic(sympy.diag(a, b))
    generic = sympy.diag(1 / a, 1 / b)
    assert len(result.cases) > 1
    assert result.cases[0].pinv == generic
    assert result.cases[0].condition.xreplace({a: 3, b: 0}) is sympy.false
    # at b = 0 the answer is diag(1/a, 0), which is not the generic formula
    at = result.at({a: 3, b: 0})
    assert at == sympy.diag(sympy.Rational(1, 3), 0)
    with pytest.raises(NonFiniteError):
        penrose_certificate(sympy.diag(3, 0), generic.xreplace({a: 3, b: 0}))
    # SymPy's own Matrix.pinv returns the generic answer without conditions
    assert sympy.diag(a, b).pinv().applyfunc(sympy.simplify) == generic


def test_as_piecewise_evaluates_like_at():
    A = sympy.diag(a, b)
    result = pinv_symbolic(A)
    P = result.as_piecewise()
    for point in [{a: 2, b: 0}, {a: 0, b: 0}, {a: -1, b: 5}]:
        assert P.xreplace(point).applyfunc(lambda e: e.doit()) == result.at(point)


def test_numeric_matrix_gives_one_unconditional_case():
    result = pinv_symbolic([[1, 2], [2, 4]])
    assert len(result.cases) == 1 and result.cases[0].condition is sympy.true
    assert result.cases[0].pinv == pinv_exact([[1, 2], [2, 4]])
    assert result.at({}) == pinv_exact([[1, 2], [2, 4]])


def test_assumptions_on_symbols_are_used():
    p, q = sympy.symbols("p q", positive=True)
    result = pinv_symbolic(sympy.diag(p, q))
    assert len(result.cases) == 1
    assert result.cases[0].pinv == sympy.diag(1 / p, 1 / q)


def test_empty_matrix():
    result = pinv_symbolic(sympy.zeros(0, 2))
    assert len(result.cases) == 1 and result.cases[0].pinv.shape == (2, 0)


def test_rational_function_entries_undefined_point():
    A = sympy.Matrix([[1 / a, b]])
    result = pinv_symbolic(A)
    assert result.at({a: 2, b: 0}) == pinv_exact([[Fraction(1, 2), 0]])
    with pytest.raises(InputError, match="undefined"):
        result.at({a: 0, b: 1})


# -- regularized limits --------------------------------------------------------


@pytest.mark.parametrize("side", ["left", "right"])
@pytest.mark.parametrize("name,A,extra,empty_ranks", MATRICES[:6], ids=IDS[:6])
def test_symbolic_limit_matches_numeric_limit(name, A, extra, empty_ranks, side):
    result = regularized_limit_symbolic(A, side)
    assert isinstance(result, PiecewiseRegularizedLimit) and result.side == side
    for point in sample_points(result.symbols, 8, seed=3, extra=extra):
        case = result.case_at(point)
        numeric = regularized_limit(A.xreplace(point), side)
        assert case.value == numeric.value
        assert case.pole_order == numeric.pole_order
        assert case.pole_coefficient == numeric.pole_coefficient
        assert case.first_order == numeric.first_order


def test_symbolic_limit_pole_order_per_stratum():
    result = regularized_limit_symbolic(sympy.diag(a, b), "left")
    orders = {case.rank: case.pole_order for case in result.cases}
    assert orders == {2: 0, 1: 1, 0: 1}


# -- bad input ---------------------------------------------------------------


def test_bad_input():
    with pytest.raises(InputError, match="'left', 'right'"):
        regularized_limit_symbolic(sympy.diag(a, b), "middle")
    with pytest.raises(UnsupportedError, match="rename non-polynomial"):
        pinv_symbolic([[sympy.sin(a), 1]])
    with pytest.raises(UnsupportedError, match="rational\\s+coefficients|rational coefficients"):
        pinv_symbolic([[sympy.sqrt(2) * a, 1]])
    z = sympy.Symbol("z", real=False)
    with pytest.raises(AssumptionError, match="real numbers"):
        pinv_symbolic([[z]])
    with pytest.raises(InexactInputError):
        pinv_symbolic([[0.5 * a]])
    with pytest.raises(InputTypeError):
        pinv_symbolic([["a"]])
    result = pinv_symbolic(sympy.diag(a, b))
    with pytest.raises(InputError, match="no value"):
        result.at({a: 1})
    with pytest.raises(InputError, match="unknown symbols"):
        result.at({a: 1, b: 2, c: 3})
    with pytest.raises(InexactInputError):
        result.at({a: 1.5, b: 2})
    with pytest.raises(InputTypeError, match="mapping"):
        result.at([1, 2])
