"""Hypothesis strategies of the robustness suite: exact matrices of every shape and rank."""

from __future__ import annotations

from fractions import Fraction

import sympy
from hypothesis import strategies as st


@st.composite
def low_rank_matrices(draw, *, max_dim: int = 5, max_entry: int = 4, integer: bool = False):
    """An exact ``m x n`` matrix ``B C`` with ``B`` ``m x k`` and ``C`` ``k x n``.

    Shapes run over ``0..max_dim`` (empty matrices included, about one draw
    in 21) and the inner dimension ``k`` over ``0..min(m, n)`` (``min(m, n)``
    half of the time), so every rank from 0 to full is drawn (the rank is at
    most ``k``; tests compute it exactly themselves).
    With ``integer=False`` the entries of ``B`` have small denominators.
    """
    sizes = st.sampled_from((0,) + tuple(range(1, max_dim + 1)) * 4)  # empty: about 1 in 21
    m, n = draw(sizes), draw(sizes)
    full = min(m, n)
    k = draw(st.one_of(st.just(full), st.integers(0, full)))  # full inner rank half the time
    entry = st.integers(-max_entry, max_entry)
    if integer:
        left = st.builds(sympy.Integer, entry)
    else:
        left = st.builds(lambda p, q: sympy.Rational(p, q), entry, st.sampled_from((1, 1, 2, 3, 5)))
    B = sympy.Matrix(m, k, draw(st.lists(left, min_size=m * k, max_size=m * k)))
    C = sympy.Matrix(k, n, draw(st.lists(st.builds(sympy.Integer, entry),
                                         min_size=k * n, max_size=k * n)))
    product = B * C if k else sympy.zeros(m, n)
    return sympy.ImmutableMatrix(product)


def as_fractions(A: sympy.MatrixBase) -> list[list[Fraction]]:
    """The exact entries of *A* as Python Fractions (input for the numeric tiers)."""
    return [[Fraction(int(x.p), int(x.q)) for x in A.row(i)] for i in range(A.rows)]
