"""Inputs that used to be accepted and then crashed or gave a wrong answer.

Each test names the input; the fix lives in the tier's gate (see the report
of the robustness suite).
"""

from __future__ import annotations

import numpy as np
import pytest
import sympy

import derivcheck as dc
from derivcheck.errors import DerivCheckError, InputError, LatexParseError
from derivcheck.exact.convert import as_exact_matrix, as_exact_scalar

TALL = [[1, 2], [3, 4], [5, 7]]

pytestmark = pytest.mark.filterwarnings("ignore:the matrix subclass:PendingDeprecationWarning")


def test_numpy_matrix_subclass_gives_the_plain_array_result_in_float64():
    # numpy.matrix makes '*' a matrix product; it used to end in a ValueError.
    plain = dc.pinv_svd64(np.array(TALL, dtype=float))
    from_matrix = dc.pinv_svd64(np.matrix(TALL, dtype=float))
    assert type(from_matrix) is np.ndarray
    assert np.array_equal(from_matrix, plain)


@pytest.mark.parametrize("tier", ["exact", "mpmath"])
def test_numpy_matrix_subclass_is_read_entry_by_entry(tier):
    if tier == "exact":
        assert dc.pinv_exact(np.matrix(TALL)) == dc.pinv_exact(TALL)
    else:
        X, Y = dc.pinv_mp(np.matrix(TALL), 20), dc.pinv_mp(TALL, 20)
        assert (X.rows, X.cols) == (2, 3) and all(X[i, j] == Y[i, j] for i in range(2) for j in range(3))


@pytest.mark.parametrize("pinv", [dc.pinv_exact, dc.pinv_mp, dc.pinv_svd64], ids=["exact", "mp", "f64"])
def test_a_masked_entry_is_refused_not_read_through_the_mask(pinv):
    # pinv_svd64 used to invert the hidden value behind the mask.
    masked = np.ma.array([[1, 2], [3, 4]], mask=[[0, 1], [0, 0]])
    with pytest.raises(InputError, match=r"^A=.*masked entry has no value\. Fix: "):
        pinv(masked)


def test_an_unmasked_masked_array_is_read_as_its_data():
    data = np.array([[1.0, 2.0], [3.0, 4.0]])
    assert np.array_equal(dc.pinv_svd64(np.ma.array(data)), dc.pinv_svd64(data))


def test_long_double_is_converted_exactly_with_floats_exact():
    # It used to be rounded to a double first, losing 11 bits.
    x = np.longdouble(1) / 3
    exact = sympy.Rational(*(int(v) for v in x.as_integer_ratio()))
    if np.finfo(np.longdouble).nmant <= 52:
        pytest.skip("long double is a double on this platform")
    assert as_exact_scalar(x, floats="exact") == exact
    assert as_exact_matrix(np.array([[x]]), floats="exact")[0, 0] == exact
    assert exact != sympy.Rational(*float(x).as_integer_ratio())


def test_a_float_policy_is_never_guessed():
    for policy in ("maybe", None, True, "Exact"):
        with pytest.raises(InputError, match=r"^floats="):
            as_exact_matrix([[1]], floats=policy)
        with pytest.raises(InputError, match=r"^floats="):
            dc.regularized_limit(sympy.Matrix([[1]]), floats=policy)  # fast path for SymPy input


def test_a_symmetric_flag_is_a_bool():
    assert np.array_equal(dc.pinv_svd64([[2.0]], symmetric=np.True_), [[0.5]])
    with pytest.raises(DerivCheckError, match=r"^symmetric='yes'"):
        dc.pinv_svd64([[2.0]], symmetric="yes")


@pytest.mark.parametrize("formula", [r"A = I(0)^{-1}", r"A = (0)^{-2}", r"x = 0^{-1}",
                                     r"A = \frac{A}{0}", r"x = \frac{1}{0}"])
def test_inverse_of_zero_and_division_by_zero_are_refused_by_the_parser(formula):
    # They used to build zoo (complex infinity) or crash in SymPy (NonInvertibleMatrixError).
    with pytest.raises(LatexParseError, match=r"(inverse of zero|division by zero)"):
        dc.parse_latex(formula)


def test_a_singular_but_not_literally_zero_inverse_still_parses():
    parsed = dc.parse_latex(r"A = (A - A)^{-1}")
    assert isinstance(parsed.tree.rhs, sympy.Inverse)
