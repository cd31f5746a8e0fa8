"""The shared expression walker and its polynomial-ring backend."""

from __future__ import annotations

import pytest
import sympy

from derivcheck.checks.evaluate import ExactBackend, evaluate
from derivcheck.errors import UnsupportedError
from derivcheck.exact.frobenius import symbolic_matrix
from derivcheck.exact.walk import NotPolynomial, PolynomialBackend, Undefined, walk_expression

n = sympy.Symbol("n", integer=True, positive=True)
X = sympy.MatrixSymbol("X", n, n)
C = sympy.MatrixSymbol("C", n, n)
t = sympy.Symbol("t")


def _ring_and_values(size: int = 2):
    Xs = symbolic_matrix("X", size, size)
    ring = sympy.QQ[tuple(Xs) + (t,)]
    return ring, {X: Xs, C: sympy.ImmutableMatrix(size, size, lambda i, j: i + 2 * j + 1), t: t}


@pytest.mark.parametrize(
    "expr",
    [
        sympy.Trace(X.T * C * X) + t * sympy.Trace(X),
        X * X.T - 3 * C + sympy.Identity(n),
        sympy.Trace((X - C).T * (X - C)) ** 2,
        sympy.MatPow(X, 3) + sympy.ZeroMatrix(n, n),
        sympy.Trace(sympy.Inverse(C) * X),
    ],
    ids=["trace-form", "sum", "squared-norm", "matpow", "inverse-of-constant"],
)
def test_ring_values_equal_the_sympy_values(expr):
    ring, values = _ring_and_values()
    got = walk_expression(expr, values, PolynomialBackend(ring, ExactBackend()), {n: 2})
    want = evaluate(expr, values, ExactBackend(simplify=sympy.expand), dims={n: 2})
    if isinstance(want, sympy.MatrixBase):
        got = sympy.Matrix(got.to_Matrix())
        assert (got - want).applyfunc(sympy.expand).is_zero_matrix
    else:
        assert sympy.expand(ring.to_sympy(got) - want) == 0


def test_a_wrong_value_is_told_apart():
    ring, values = _ring_and_values()
    backend = PolynomialBackend(ring)
    left = walk_expression(sympy.Trace(X * X.T), values, backend, {n: 2})
    right = walk_expression(sympy.Trace(X * X), values, backend, {n: 2})
    assert left != right


@pytest.mark.parametrize(
    "expr,why",
    [
        (sympy.Trace(sympy.Inverse(X)), "depends on the generators"),
        (sympy.sqrt(sympy.Trace(X.T * X)), "sqrt"),
        (sympy.Trace(X) ** sympy.Rational(1, 3), "power"),
    ],
)
def test_what_leaves_the_ring_says_so(expr, why):
    ring, values = _ring_and_values()
    with pytest.raises(NotPolynomial, match=why):
        walk_expression(expr, values, PolynomialBackend(ring, ExactBackend()), {n: 2})


def test_inverses_need_a_constants_backend():
    ring, values = _ring_and_values()
    with pytest.raises(NotPolynomial, match="an inverse"):
        walk_expression(sympy.Inverse(C), values, PolynomialBackend(ring), {n: 2})


def test_a_singular_constant_is_undefined():
    ring, values = _ring_and_values()
    values[C] = sympy.ImmutableMatrix([[1, 2], [2, 4]])
    with pytest.raises(Undefined, match="singular"):
        walk_expression(sympy.Inverse(C), values, PolynomialBackend(ring, ExactBackend()), {n: 2})


def test_entries_outside_the_ring_are_refused():
    ring, values = _ring_and_values()
    values[C] = sympy.ImmutableMatrix([[sympy.pi, 0], [0, 1]])
    with pytest.raises(NotPolynomial, match="pi"):
        walk_expression(C, values, PolynomialBackend(ring), {n: 2})


@pytest.mark.parametrize("entry", [sympy.Float(0.5), sympy.Float(2) * t, sympy.sqrt(2), 1 / t])
def test_floats_and_non_polynomials_are_never_read_into_the_ring(entry):
    ring, values = _ring_and_values()
    values[C] = sympy.ImmutableMatrix([[entry, 0], [0, 1]])
    with pytest.raises(NotPolynomial):
        walk_expression(C, values, PolynomialBackend(ring), {n: 2})


def test_a_symbol_without_value_is_named():
    ring, values = _ring_and_values()
    del values[C]
    with pytest.raises(UnsupportedError, match="symbol=C"):
        walk_expression(C * X, values, PolynomialBackend(ring), {n: 2})
