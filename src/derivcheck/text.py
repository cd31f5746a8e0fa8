"""The text of SymPy expressions in reports: ``sympy.sstr`` output, printed without rebuilding negations.

SymPy's string printer asks every matrix product whether a minus sign can be
taken out of it, and answers by building the negated product and putting it in
canonical form, which costs more than printing it. :func:`sstr` prints the same
text, reading the sign of a product from its numeric coefficient instead.

Examples
--------
>>> import sympy as sp
>>> A, B = sp.MatrixSymbol("A", 2, 2), sp.MatrixSymbol("B", 2, 2)
>>> sstr(A - 2*B*A.T)
'A - 2*B*A.T'
>>> sstr(sp.Matrix([[1, sp.Rational(1, 2)]]))
'Matrix([[1, 1/2]])'
"""

from __future__ import annotations

from typing import Any

from sympy.core.mul import _keep_coeff
from sympy.matrices.expressions import MatAdd, MatMul
from sympy.printing.precedence import PRECEDENCE, precedence
from sympy.printing.str import StrPrinter

__all__ = ["sstr"]


def _sign_is_extractable(product: MatMul) -> bool:
    """Whether a matrix product's leading coefficient is a negative number (``-2*A*B``)."""
    coefficient = product.args[0]
    return bool(coefficient.is_Number and coefficient.is_extended_negative)


def _precedence(item: Any) -> int:
    """:func:`sympy.printing.precedence.precedence`, with a matrix product's sign read from its coefficient."""
    if isinstance(item, MatMul):
        return PRECEDENCE["Add"] if _sign_is_extractable(item) else PRECEDENCE["Mul"]
    return precedence(item)


class _ReportPrinter(StrPrinter):
    """The string printer of :func:`sympy.sstr` with :func:`_precedence` for matrix products."""

    printmethod = "_sympystr"

    def parenthesize(self, item: Any, level: int, strict: bool = False) -> str:
        p = _precedence(item)
        if p < level or (not strict and p <= level):
            return f"({self._print(item)})"
        return self._print(item)

    def _print_MatMul(self, expr: MatMul) -> str:
        coefficient, factors = expr.as_coeff_mmul()
        sign = ""
        if coefficient.is_number:
            re, im = coefficient.as_real_imag()
            if (im.is_zero and re.is_negative) or (re.is_zero and im.is_negative):
                expr, sign = _keep_coeff(-coefficient, factors), "-"
        level = _precedence(expr)
        return sign + "*".join(self.parenthesize(arg, level) for arg in expr.args)

    def _print_MatAdd(self, expr: MatAdd) -> str:
        level = _precedence(expr)
        pieces: list[str] = []
        for term in self._as_ordered_terms(expr):
            text = self._print(term)
            sign = "+"
            if text.startswith("-") and not term.is_Add:
                sign, text = "-", text[1:]
            if _precedence(term) < level or term.is_Add:
                text = f"({text})"
            pieces += [sign, text]
        first = pieces.pop(0)
        return ("" if first == "+" else first) + " ".join(pieces)


_PRINTER = _ReportPrinter()


def sstr(expr: Any) -> str:
    """The text ``sympy.sstr(expr)`` gives, with matrix products printed without rebuilding them.

    Parameters
    ----------
    expr : object
        A SymPy expression, matrix, or a container of them.

    Returns
    -------
    str
    """
    return _PRINTER.doprint(expr)
