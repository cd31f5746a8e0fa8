"""Printed digits: a matrix printed to d decimals is judged by rounding the truth."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
import sympy
from mpmath import mp

from derivcheck.compare.convert import exact_to_f64, exact_to_mp
from derivcheck.compare.printed import (
    check_printed_digits,
    parse_printed_matrix,
    round_to_decimals,
)
from derivcheck.errors import InputError, InputShapeError, InputTypeError, UnsupportedError
from derivcheck.exact.generators import random_rational_matrix


def numpy_print(X: np.ndarray, precision: int, **kw) -> str:
    with np.printoptions(precision=precision, **kw):
        return str(X)


@pytest.mark.parametrize("decimals", [2, 4, 6])
@pytest.mark.parametrize("suppress", [False, True])
def test_numpys_own_print_of_the_truth_matches(decimals, suppress):
    T = random_rational_matrix(4, 3, seed=decimals, denominators=True) / 7
    text = numpy_print(exact_to_f64(T), decimals, suppress=suppress)
    check = check_printed_digits(text, T, decimals)
    assert check.matches, (text, check.first_mismatch)
    assert check.first_mismatch is None and check.shape == (4, 3)
    assert check.evidence().details[0] == ("matches", True)


def test_first_differing_entry_is_named():
    T = sympy.Matrix([[sympy.Rational(1, 3), sympy.Rational(-2, 3)],
                      [sympy.Rational(1, 7), sympy.Rational(5, 4)]])
    good = "[[ 0.333 -0.667]\n [ 0.143  1.25 ]]"
    assert check_printed_digits(good, T, 3).matches
    bad = "[[ 0.333 -0.667]\n [ 0.142  1.26 ]]"
    check = check_printed_digits(bad, T, 3)
    assert not check.matches
    first = check.first_mismatch
    assert (first.row, first.col, first.printed, first.expected) == (1, 0, "0.142", "0.143")
    assert [(m.row, m.col) for m in check.mismatches] == [(1, 0), (1, 1)]
    assert "entry (1, 0): printed 0.142, expected 0.143" in check.evidence().summary


def test_ties_half_even_and_half_away():
    T = sympy.Matrix([[sympy.Rational(1, 8), sympy.Rational(3, 8), sympy.Rational(-1, 8)]])
    even = check_printed_digits("[[ 0.12  0.38 -0.12]]", T, 2)
    assert even.matches and even.ties == ((0, 0), (0, 1), (0, 2))
    away = check_printed_digits("[[ 0.13  0.38 -0.13]]", T, 2, rounding="half-away")
    assert away.matches
    assert not check_printed_digits("[[ 0.13  0.38 -0.13]]", T, 2).matches
    assert round_to_decimals(Fraction(-1, 8), 2) == (Fraction(-3, 25), True)
    assert round_to_decimals(Fraction(-1, 8), 2, rounding="half-away") == (Fraction(-13, 100), True)
    assert round_to_decimals(Fraction(1, 3), 2) == (Fraction(33, 100), False)


def test_negative_zero_printing():
    T = sympy.Matrix([[sympy.Rational(-1, 10**9), sympy.Rational(1, 10**9), 0, 1]])
    # numpy prints a tiny negative value as "-0." under suppress=True
    text = numpy_print(exact_to_f64(T), 3, suppress=True)
    assert "-0." in text
    check = check_printed_digits(text, T, 3)
    assert check.matches and check.zero_sign_notes == ()
    # a sign the truth does not have is noted, not a mismatch (both are zero)
    flipped = check_printed_digits("[[ 0.    -0.     0.     1.   ]]", T, 3)
    assert flipped.matches
    assert flipped.zero_sign_notes == ((0, 0, "0."), (0, 1, "-0."))
    # but a nonzero printed where the truth rounds to zero is a mismatch
    assert not check_printed_digits("[[-0.001  0.     0.     1.   ]]", T, 3).matches


def test_scientific_notation():
    T = sympy.Matrix([[sympy.Rational(1, 10**5) * sympy.Rational(12345, 10**4), 10**5],
                      [0, sympy.Rational(1235, 10**4)]])
    text = numpy_print(exact_to_f64(T), 3)
    assert "e" in text
    assert check_printed_digits(text, T, 3).matches
    check = check_printed_digits("[[1.234e-05 1.000e+05]\n [0.000e+00 1.236e-01]]", T, 3)
    assert not check.matches
    assert (check.first_mismatch.row, check.first_mismatch.col) == (1, 1)
    assert check.first_mismatch.expected == "1.235e-01"


def test_rows_of_strings_and_repr_and_inferred_decimals():
    T = sympy.Matrix([[sympy.Rational(1, 2), sympy.Rational(1, 3)]])
    assert check_printed_digits([["0.5", "0.3333"]], T).decimals == 4
    assert check_printed_digits([["0.5", "0.3333"]], T).matches
    assert not check_printed_digits([["0.5", "0.3334"]], T).matches
    assert check_printed_digits("array([[0.5   , 0.3333]])", T).matches
    assert parse_printed_matrix("[[1, 2],\n [3, 4]]") == (("1", "2"), ("3", "4"))


def test_approximate_truth_flags_undecidable_entries():
    # 0.12345 + 1e-40 rounds to 0.1235 but is within 1e-30 relative of the tie
    with mp.workdps(60):
        x = mp.mpf(12345) / 10**5 + mp.mpf(10) ** -40
        T = mp.matrix([[x, mp.mpf(1) / 3]])
    check = check_printed_digits("[[0.1234 0.3333]]", T, 4, truth_digits=30)
    assert check.matches and check.undecidable == ((0, 0),)
    exact_like = check_printed_digits("[[0.1235 0.3333]]", T, 4, truth_digits=50)
    assert exact_like.matches and exact_like.undecidable == ()
    assert not check_printed_digits("[[0.1234 0.3333]]", T, 4, truth_digits=50).matches
    assert check_printed_digits("[[0.1235 0.3333]]", exact_to_mp(
        sympy.Matrix([[sympy.Rational(1235, 10**4), sympy.Rational(1, 3)]]), 40), 4).matches


@pytest.mark.parametrize(
    "text,exc,pattern",
    [
        ("__import__('os').system('true')", InputError, "unexpected character"),
        ("[[1, 2], [3, x]]", InputError, "unexpected character"),
        ("[[1 2] [3]]", InputShapeError, "different lengths"),
        ("[1 2]", InputError, "outside a row"),
        ("[[[1]]]", InputShapeError, "2 levels"),
        ("[[1 2]", InputError, "not closed"),
        ("[[1 2]]]", InputError, "unexpected"),
        ("[[1 2]] [[3 4]]", InputError, "unexpected"),
        ("[[ 0. ...  1.]]", UnsupportedError, "summarised"),
        ("array([[1.]], dtype=float32)", InputError, "unexpected"),
    ],
)
def test_bad_printed_text(text, exc, pattern):
    with pytest.raises(exc, match=pattern):
        parse_printed_matrix(text)


def test_bad_arguments():
    T = sympy.Matrix([[1, 2]])
    with pytest.raises(InputShapeError, match="shape"):
        check_printed_digits("[[1. 2. 3.]]", T)
    with pytest.raises(InputError, match="more than d=1"):
        check_printed_digits("[[1.00 2.]]", T, 1)
    with pytest.raises(InputError, match="rounding="):
        check_printed_digits("[[1. 2.]]", T, rounding="up")
    with pytest.raises(InputError, match="decimals="):
        check_printed_digits("[[1. 2.]]", T, -1)
    with pytest.raises(InputError, match=r"printed\[0\]\[1\]"):
        check_printed_digits([["1.", "2x"]], T)
    with pytest.raises(InputTypeError, match="printed="):
        parse_printed_matrix(b"[[1.]]")
    with pytest.raises(UnsupportedError, match="irrational"):
        check_printed_digits("[[1.414]]", sympy.Matrix([[sympy.sqrt(2)]]))
    assert not check_printed_digits("[[nan 2.]]", T).matches
