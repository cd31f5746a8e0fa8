"""Matrix-expression nodes SymPy lacks: the Moore–Penrose pseudo-inverse.

:class:`Pinv` is a SymPy ``MatrixExpr`` that can stand inside products, sums,
transposes and traces of ``MatrixSymbol`` objects, with symbolic or concrete
dimensions. Its shape is the transposed shape of its argument. Once the
argument is an explicit matrix (for example after ``.subs({A: Matrix(...)})``),
``.doit()`` evaluates it exactly with :func:`derivcheck.exact.pinv.pinv_exact`.
"""

from __future__ import annotations

import sympy
from sympy.matrices.expressions.matexpr import MatrixExpr

from ..errors import InputTypeError

__all__ = ["Pinv"]


class Pinv(MatrixExpr):
    """The Moore–Penrose pseudo-inverse ``X⁺`` of a matrix expression.

    Parameters
    ----------
    arg : sympy.MatrixExpr or sympy.Matrix
        The matrix whose pseudo-inverse is taken.

    Notes
    -----
    Construction keeps the expression as written: ``Pinv(Pinv(X))`` stays a
    double pseudo-inverse, so that a claim such as (A⁺)⁺ = A is checked, not
    assumed. Only identities that hold for *every* matrix are applied, by
    ``doit()`` (``Pinv(Pinv(X)) = X``) and by transposition
    (``Pinv(X).T = Pinv(X.T)``). Nothing like
    ``Pinv(A*B) = Pinv(B)*Pinv(A)`` is ever assumed: it is false in general,
    and deciding such claims is the checker's job.

    Examples
    --------
    >>> import sympy
    >>> A = sympy.MatrixSymbol("A", 3, 2)
    >>> Pinv(A).shape
    (2, 3)
    >>> (Pinv(A) * A).shape
    (2, 2)
    """

    is_commutative = False

    def __new__(cls, arg, **kwargs):
        if isinstance(arg, sympy.MatrixBase):
            arg = sympy.ImmutableMatrix(arg)
        if not (isinstance(arg, sympy.Basic) and getattr(arg, "is_Matrix", False)):
            raise InputTypeError(
                "arg", arg, "Pinv takes a matrix expression",
                "pass a sympy.MatrixSymbol, a matrix expression or a sympy.Matrix",
            )
        return super().__new__(cls, arg)

    @property
    def arg(self):
        return self.args[0]

    @property
    def shape(self):
        rows, cols = self.arg.shape
        return (cols, rows)

    def doit(self, **hints):
        arg = self.arg.doit(**hints) if hints.get("deep", True) else self.arg
        if isinstance(arg, sympy.MatrixBase):
            from .pinv import pinv_exact

            return sympy.ImmutableMatrix(pinv_exact(arg))
        if isinstance(arg, Pinv):
            return arg.arg
        return Pinv(arg)

    def _eval_transpose(self):
        return Pinv(self.arg.T)

    def _entry(self, i, j, **kwargs):
        if isinstance(self.arg, sympy.MatrixBase):
            return self.doit()[i, j]
        # An entry of an unevaluated pseudo-inverse has no closed form.
        from sympy.matrices.expressions.matexpr import MatrixElement

        return MatrixElement(self, i, j)

    def _latex(self, printer):
        inner = printer._print(self.arg)
        if not isinstance(self.arg, sympy.MatrixSymbol):
            inner = r"\left(%s\right)" % inner
        return r"%s^{+}" % inner

    def _sympystr(self, printer):
        return "Pinv(%s)" % printer._print(self.arg)
