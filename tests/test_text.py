"""The report printer prints what ``sympy.sstr`` prints."""

import pytest
import sympy as sp

from derivcheck.exact.expr import Pinv
from derivcheck.text import sstr

A, B, C = (sp.MatrixSymbol(name, 3, 3) for name in "ABC")
x = sp.MatrixSymbol("x", 3, 1)
c, eps = sp.symbols("c epsilon")

EXPRESSIONS = [
    A - B * A,
    -A * B,
    A - 2 * B * A.T,
    -sp.Rational(1, 2) * A * B + C,
    c * A - (A + B) * C,
    -c * A * B,
    (A - B) * (A + B).T,
    Pinv(A * B) - Pinv(B) * Pinv(A),
    (A.T * A + eps * sp.Identity(3)).I * A.T,
    sp.Trace(A.T * B) - 2 * sp.Trace(A),
    x.T * A * x - 2 * x.T * B * x,
    A**2 - 3 * A + sp.Identity(3),
    sp.Matrix([[1, -sp.Rational(1, 2)], [c, -c]]),
    [A - B, -A],
    -A,
    sp.I * A - A,
]


@pytest.mark.parametrize("expr", EXPRESSIONS, ids=range(len(EXPRESSIONS)))
def test_same_text_as_sympy(expr):
    assert sstr(expr) == sp.sstr(expr)


def test_signs_are_printed():
    assert sstr(A - 2 * B * A) == "A - 2*B*A"
    assert sstr(-A * B + C) == "-A*B + C"
    assert sstr((A - B) * C) == "(A - B)*C"
