"""Shared symbols for the LaTeX front-end tests (built with SymPy constructors only)."""

from __future__ import annotations

import sympy
from sympy import MatAdd, MatMul


def dim(name: str) -> sympy.Symbol:
    return sympy.Symbol(name, integer=True, positive=True)


n, r, m = dim("n"), dim("r"), dim("m")

# The shapes used by most table entries: A is n×r, B is r×m, M is n×m,
# P and Q are n×n, x is an r-vector, b an n-vector.
SHAPES = {
    "A": ("n", "r"), "B": ("r", "m"), "M": ("n", "m"), "P": ("n", "n"), "Q": ("n", "n"),
    "x": ("r", 1), "b": ("n", 1), "A_s": ("n", "r"), "Lambda": ("r", "r"), "Sigma": ("n", "r"),
}
A = sympy.MatrixSymbol("A", n, r)
B = sympy.MatrixSymbol("B", r, m)
M = sympy.MatrixSymbol("M", n, m)
P = sympy.MatrixSymbol("P", n, n)
Q = sympy.MatrixSymbol("Q", n, n)
x = sympy.MatrixSymbol("x", r, 1)
b = sympy.MatrixSymbol("b", n, 1)
A_s = sympy.MatrixSymbol("A_s", n, r)
Lam = sympy.MatrixSymbol("Lambda", r, r)
Sigma = sympy.MatrixSymbol("Sigma", n, r)
eps = sympy.Symbol("epsilon", positive=True)
lam = sympy.Symbol("lambda", positive=True)


def canon(expr):
    """Sort the terms of every matrix sum (the only freedom the parser has)."""
    if isinstance(expr, sympy.Basic) and expr.args:
        args = [canon(a) for a in expr.args]
        if isinstance(expr, MatAdd):
            return MatAdd(*sorted(args, key=sympy.default_sort_key), evaluate=False)
        if isinstance(expr, MatMul):
            return MatMul(*args, evaluate=False)
        return expr.func(*args)
    return expr
