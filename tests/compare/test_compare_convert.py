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
    f64_to_exact,
    f64_to_mp,
    mp_to_exact,
    mp_to_f64,
)
from derivcheck.compare.evaluate import evaluate_mp, exact_point, random_rational_point
from derivcheck.compare.metrics import (
    condition_number,
    exact_rank,
    matrix_norm,
    numerical_rank,
    relative_error,
)
from derivcheck.errors import (
    InexactInputError,
    InputError,
    InputShapeError,
    InputTypeError,
    NonFiniteError,
    PrecisionError,
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


def test_mp_to_f64_rounds_half_even():
    one = 1.0
    ulp = np.spacing(1.0)
    with mp.workprec(120):
        tie_down = mp.mpf(one) + mp.mpf(ulp) / 2  # halfway between 1 and 1+ulp: to even (1)
        tie_up = mp.mpf(one) + 3 * mp.mpf(ulp) / 2  # halfway between 1+ulp and 1+2ulp: to 1+2ulp
        above = mp.mpf(one) + mp.mpf(ulp) / 2 + mp.mpf(2) ** -100
    X = mp_to_f64(mp.matrix([[tie_down, tie_up, above]]))
    assert X[0, 0] == 1.0 and X[0, 1] == 1.0 + 2 * ulp and X[0, 2] == 1.0 + ulp
    with pytest.raises(NonFiniteError, match="overflows"):
        mp_to_f64(mp.matrix([[mp.mpf(10) ** 400]]))


def test_round_trips_are_exact():
    a = np.array([[0.1, -1e-300, 1e300], [np.pi, 0.0, -2.5]])
    assert np.array_equal(mp_to_f64(f64_to_mp(a)), a)
    assert mp_to_exact(f64_to_mp(a)) == f64_to_exact(a)
    assert f64_to_exact(np.array([[0.1]]))[0, 0] == sympy.Rational(*(0.1).as_integer_ratio())
    assert mp_to_exact(mp.matrix(0, 2)).shape == (0, 2)


def test_evaluate_mp_exact_where_floats_cancel():
    x = sympy.Symbol("x")
    expr = (x + 1) ** 2 - x**2 - 2 * x - 1  # identically zero, unexpanded
    point = {x: 1e8 + 0.1}
    xf = point[x]
    assert (xf + 1) ** 2 - xf**2 - 2 * xf - 1 != 0  # float64 evaluation is wrong
    assert evaluate_mp(expr, point, dps=30) == 0


def test_evaluate_mp_irrational_cancellation():
    x = sympy.Symbol("x")
    expr = sympy.sqrt(x**2 + 1) - x  # = 1/(sqrt(x²+1)+x) ≈ 1/(2x)
    value = evaluate_mp(expr, {x: 10**20}, dps=30)
    with mp.workdps(80):
        truth = 1 / (mp.sqrt(mp.mpf(10) ** 40 + 1) + mp.mpf(10) ** 20)
        assert abs(value / truth - 1) < mp.mpf(10) ** (-29)


def test_evaluate_mp_matrices_and_matrix_symbols():
    X = sympy.MatrixSymbol("X", 2, 2)
    Xv = [[1, 2], [Fraction(1, 3), 4]]
    out = evaluate_mp(X.T * X, {X: Xv}, dps=25)
    truth = sympy.Matrix(Xv).T * sympy.Matrix(Xv)
    assert out == exact_to_mp(truth, 25)
    t = sympy.Symbol("t")
    M = sympy.Matrix([[t, 1], [0, t**2]])
    assert evaluate_mp(M, {t: mp.mpf(0.5)}, dps=15) == mp.matrix([[0.5, 1], [0, 0.25]])


def test_evaluate_mp_bad_input_and_scoping():
    x, y = sympy.symbols("x y")
    before = (mp.prec, mp.dps)
    with pytest.raises(InputError, match="no value for the symbol.*y"):
        evaluate_mp(x + y, {x: 1}, dps=20)
    with pytest.raises(InputTypeError, match="text is never parsed"):
        evaluate_mp(x, {x: "1/3"}, dps=20)
    with pytest.raises(InputTypeError, match="not a SymPy expression"):
        evaluate_mp("x + 1", {x: 1}, dps=20)
    with pytest.raises(NonFiniteError):
        evaluate_mp(x, {x: float("inf")}, dps=20)
    with pytest.raises(PrecisionError, match="dps="):
        evaluate_mp(x, {x: 1}, dps=0)
    with pytest.raises(InputError, match="shape"):
        exact_point({sympy.MatrixSymbol("X", 2, 2): [[1]]})
    assert (mp.prec, mp.dps) == before
    pt = random_rational_point([x, y], seed=3)
    assert pt == random_rational_point([x, y], seed=3) and all(-1 <= v <= 1 for v in pt.values())


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


def test_norms_ranks_and_condition_numbers():
    assert float(matrix_norm([[3, 0], [0, 4]], "2")) == 4.0
    assert float(matrix_norm(np.array([[3.0, 0], [0, 4.0]]), "fro")) == 5.0
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
