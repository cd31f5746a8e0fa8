"""Fuzzing the front doors: odd input gives a result or a DerivCheckError, nothing else.

* ``parse_latex`` on token soup built from the notation it supports and
  from characters it does not;
* the gates of the three tiers (``pinv_exact``, ``pinv_mp``, ``pinv_svd64``)
  and ``cross_check_pinv`` on nested containers of odd values (text, None,
  NaN, complex, booleans, SymPy and mpmath objects, arrays...).

Whatever a call returns is checked too: a pseudo-inverse has the transposed
shape of its input.
"""

from __future__ import annotations

import math
import warnings
from fractions import Fraction

import mpmath
import numpy as np
import sympy
from hypothesis import given
from hypothesis import strategies as st

from rb_support import hypothesis_settings

import derivcheck as dc
from derivcheck.errors import DerivCheckError

TOKENS = (
    r"\frac", "{", "}", "(", ")", "[", "]", "A", "B", "M", "x", "^", "_", r"\top", r"\dagger", "+",
    "-", "=", r"\lim", r"\epsilon", r"\to", "0", "1", "2", r"\|", "|", r"\partial", r"\mathcal{L}",
    r"\operatorname{tr}", r"\left(", r"\right)", r"\mathbf{A}", r"\in", r"\mathbb{R}", r"\times",
    r"\quad", ",", r"\Rightarrow", r"\\", "&", r"\begin{aligned}", r"\end{aligned}", r"\arg\min",
    r"\Lambda", r"\sigma", "I", r"\det", r"\cdot", "'", "*", "/", r"\sqrt", r"\input", "@", "\x00",
    "é", "∑", r"\def", r"\nabla", r"\hat", "^{-1}", "^{+}", "^T", " ", "__import__('os')", "eval(",
)

ODD_VALUES = (
    0, 1, -2, 10**30, 0.5, -0.0, math.nan, math.inf, 1e308, 5e-324, 1j, True, None, "1", b"1",
    Fraction(1, 3), sympy.Rational(1, 3), sympy.Symbol("x"), sympy.pi, sympy.sqrt(2), sympy.I,
    sympy.oo, sympy.zoo, sympy.Float(0.1), mpmath.mpf(1), mpmath.mpc(1, 2), np.float32(1),
    np.int64(3), np.bool_(True), np.longdouble(2), (), {}, object(), np.array([1.0]), 2**70,
)


def odd_matrices():
    leaf = st.sampled_from(ODD_VALUES)
    plain = st.sampled_from((0, 1, 2, -1, Fraction(1, 2), sympy.Rational(2, 3)))
    entry = st.one_of(plain, plain, leaf)
    rows = st.lists(st.lists(entry, min_size=0, max_size=3), min_size=0, max_size=3)

    def wrap(data):
        kind, value = data
        try:
            if kind == "array":
                return np.array(value, dtype=object)
            if kind == "sympy":
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    return sympy.Matrix(value)
        except Exception:  # noqa: BLE001 - the container itself cannot be built
            return value
        return tuple(value) if kind == "tuple" else value

    containers = st.tuples(st.sampled_from(("list", "tuple", "array", "sympy")), rows).map(wrap)
    return st.one_of(leaf, containers, st.lists(leaf, max_size=3))


def _transposed_shape(value) -> tuple[int, int]:
    if isinstance(value, mpmath.matrix):
        return value.rows, value.cols
    return tuple(value.shape)


@hypothesis_settings(60)
@given(tokens=st.lists(st.sampled_from(TOKENS), min_size=0, max_size=14))
def test_parse_latex_gives_a_formula_or_a_clear_error(tokens):
    formula = " ".join(tokens)
    try:
        parsed = dc.parse_latex(formula)
    except DerivCheckError as exc:
        assert ". Fix: " in str(exc)
        return
    assert parsed.source == formula


@hypothesis_settings(60)
@given(A=odd_matrices())
def test_the_tier_gates_give_a_result_or_a_clear_error(A):
    for name, call in (
        ("exact", lambda: dc.pinv_exact(A)),
        ("exact-floats", lambda: dc.pinv_exact(A, floats="exact")),
        ("mpmath", lambda: dc.pinv_mp(A, dps=15)),
        ("float64", lambda: dc.pinv_svd64(A)),
    ):
        try:
            X = call()
        except DerivCheckError as exc:
            assert ". Fix: " in str(exc), (name, exc)
            continue
        m, n = np.shape(np.array(A, dtype=object)) if not hasattr(A, "shape") else A.shape
        assert _transposed_shape(X) == (n, m), name


@hypothesis_settings(30)
@given(A=odd_matrices())
def test_cross_check_gives_an_outcome_or_a_clear_error(A):
    try:
        outcome = dc.cross_check_pinv(A, dps=15)
    except DerivCheckError as exc:
        assert ". Fix: " in str(exc)
        return
    assert outcome.status.value in ("agree", "rank-disagreement")
