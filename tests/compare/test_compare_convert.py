"""Conversions between tiers, the SymPy→mpmath evaluator, metrics and ranks."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
import sympy
from mpmath import mp

from derivcheck.compare.convert import (
    exact_to_f64,
    exact_to_mp,
)
from derivcheck.compare.metrics import (
    condition_number,
    exact_rank,
    numerical_rank,
    relative_error,
)
from derivcheck.errors import (
    InexactInputError,
    InputError,
    InputShapeError,
    NonFiniteError,
)


def test_exact_to_mp_rounds_each_rational_once_to_nearest():
    p, q = 10**40 + 1, 3 * 10**39 + 7
    M = exact_to_mp(sympy.Matrix([[sympy.Rational(p, q)]]), dps=20)
    with mp.workdps(20):
        prec = mp.prec
    # nearest: closer to p/q than both neighbours on the 20-digit grid (exact Fractions)
    value = Fraction(M[0, 0].man) * Fraction(2) ** M[0, 0].exp
    ulp = Fraction(2) ** (M[0, 0].exp + M[0, 0].man.bit_length() - prec)
    target = Fraction(p, q)
    assert abs(value - target) <= ulp / 2
    assert abs(value + ulp - target) > ulp / 2 and abs(value - ulp - target) > ulp / 2


def test_exact_to_mp_algebraic_entries():
    M = exact_to_mp(sympy.Matrix([[sympy.sqrt(2), sympy.pi - 3]]), dps=40)
    with mp.workdps(40):
        assert M[0, 0] == mp.sqrt(2)
        assert abs(M[0, 1] - (mp.pi - 3)) < mp.mpf(10) ** (-40)


def test_exact_to_f64_is_correctly_rounded_and_refuses_overflow():
    values = [sympy.Rational(1, 3), sympy.Rational(-2, 7), sympy.Rational(10**30 + 1, 10**15)]
    X = exact_to_f64(sympy.Matrix([values]))
    for got, v in zip(X[0], values):
        assert got == float(Fraction(int(v.p), int(v.q)))  # Fraction → float is correctly rounded
    with pytest.raises(NonFiniteError, match="overflows"):
        exact_to_f64(sympy.Matrix([[sympy.Integer(10) ** 400]]))
    with pytest.raises(InexactInputError):
        exact_to_f64([[0.5]])


def test_relative_error_across_tiers_and_scales():
    exact = sympy.Matrix([[sympy.Rational(1, 3), 2], [0, -1]])
    f = exact_to_f64(exact)
    err = relative_error(f, exact, dps=40)
    # |fl(1/3) − 1/3| / ‖exact‖_F, computed independently
    d = abs(Fraction(f[0, 0]) - Fraction(1, 3))
    with mp.workdps(40):
        expected = (mp.mpf(d.numerator) / d.denominator) / mp.sqrt(mp.mpf(1) / 9 + 5)
        assert abs(err / expected - 1) < 1e-12
    # 1e300 scale: no overflow in the measurement
    big = sympy.Matrix([[sympy.Integer(10) ** 300, 0], [0, sympy.Integer(10) ** 300]])
    bigf = exact_to_f64(big)
    assert float(relative_error(bigf, big)) < 2.0**-52
    assert float(relative_error(bigf * (1 + 2.0**-40), big)) > 2.0**-42
    assert relative_error(np.zeros((2, 2)), sympy.zeros(2, 2)) == 0
    assert float(relative_error(np.ones((1, 1)), sympy.zeros(1, 1))) == 1.0
    with pytest.raises(InputShapeError, match="shape"):
        relative_error(np.zeros((2, 2)), sympy.zeros(2, 3))
    with pytest.raises(InputError, match="norm="):
        relative_error(f, exact, norm="max")


def test_ranks_and_condition_numbers():
    A = sympy.Matrix([[1, 2], [2, 4], [3, 6]])
    assert exact_rank(A) == 1 and exact_rank(sympy.zeros(0, 3)) == 0
    assert exact_rank(sympy.Matrix([[sympy.sqrt(2), 2], [1, sympy.sqrt(2)]])) == 1
    assert numerical_rank(A, "exact") == 1
    assert numerical_rank(A, "mpmath", dps=20) == 1
    assert numerical_rank(A, "float64") == 1
    # a matrix of κ = 1e20: exact and mpmath see rank 2, float64 cannot
    B = sympy.Matrix([[1, 0], [0, sympy.Rational(1, 10**20)]])
    assert numerical_rank(B, "exact") == 2
    assert numerical_rank(B, "mpmath", dps=30) == 2
    assert numerical_rank(B, "float64") == 1
    with pytest.raises(InputError, match="tier="):
        numerical_rank(B, "quad")
    kappa = condition_number(sympy.Matrix([[2, 0, 0], [0, 1, 0]]))
    assert float(kappa) == 2.0
    # exact rank picks σ_r: the zero singular value never enters κ
    assert float(condition_number(A)) == 1.0
    assert float(condition_number(sympy.zeros(2, 2))) == 1.0
