"""Formula nodes that SymPy lacks, as immutable dataclasses holding SymPy objects.

:func:`derivcheck.latex.parse_latex` returns a tree whose leaves and inner matrix
algebra are SymPy objects (``MatrixSymbol``, ``MatMul``, ``MatAdd``,
``Transpose``, ``Inverse``, :class:`~derivcheck.exact.expr.Pinv`, ``Identity``,
``ZeroMatrix``, ``Trace``, scalars). The nodes below hold the structure around
them:

========================  ===================================================
node                      meaning, and what the claims layer does with it
========================  ===================================================
:class:`Equation`         ``a = b (= c ...)``; two matrix sides: an identity
                          check; one side a :class:`Gradient`: a gradient
                          check; one side a :class:`MatrixLimit`: a limit check
:class:`Implication`      ``premise \\Rightarrow conclusion``
:class:`Conjunction`      statements separated by ``,`` (``,\\quad``) or by
                          line breaks of an ``align`` environment
:class:`Declaration`      ``X \\in \\mathbb{R}^{m\\times n}`` (also fixes shapes)
:class:`Definition`       ``P := A A^+`` (also ``\\coloneqq``, ``\\triangleq``,
                          ``\\stackrel{\\text{def}}{=}``): a name given a value
:class:`MatrixLimit`      ``\\lim_{\\epsilon\\to 0} X(\\epsilon)`` of a matrix
:class:`Argmin`           ``\\arg\\min_B f(B)``, a matrix (the minimiser)
:class:`Minimum`          ``\\min_B f(B)``, a scalar (the minimum value)
:class:`Gradient`         ``\\partial f / \\partial B``, a matrix shaped like B
========================  ===================================================

A limit of a *scalar* expression is SymPy's unevaluated ``Limit`` (one-sided,
``dir="+"``), and scalar relations (``\\lambda > 0``) are unevaluated SymPy
relationals, so neither needs a node here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Union

import sympy

__all__ = [
    "Equation",
    "Implication",
    "Conjunction",
    "Declaration",
    "Definition",
    "MatrixLimit",
    "Argmin",
    "Minimum",
    "Gradient",
    "MatrixRank",
    "MatrixNullity",
    "Subspace",
    "Membership",
    "Node",
    "shape_of",
]


class MatrixRank(sympy.Function):
    """``\\operatorname{rank}(X)``: the rank of a matrix, a nonnegative integer.

    Unevaluated: a rank in a formula is a hypothesis about a matrix (``\\mathrm{rank}(A) = n``),
    which the claims layer turns into an assumption rather than checks.
    """

    is_integer = True
    is_nonnegative = True


class MatrixNullity(sympy.Function):
    """``\\dim N(X)``: the dimension of the null space of a matrix (columns minus rank)."""

    is_integer = True
    is_nonnegative = True


@dataclass(frozen=True)
class Subspace:
    """The column space ``C(M)`` (``kind="column"``) or the null space ``N(M)`` (``"null"``).

    Parameters
    ----------
    kind : str
        ``"column"`` (also written ``R(M)``, ``\\mathcal{R}(M)``) or ``"null"``.
    matrix : sympy.MatrixExpr
        The matrix ``M``.
    """

    kind: str
    matrix: Any

    @property
    def shape(self) -> tuple:
        """``(d, 1)``: the subspace lies in ``R^d``, d the rows (column space) or columns (null space) of M."""
        rows, cols = self.matrix.shape
        return (rows if self.kind == "column" else cols, 1)

    def condition(self, element) -> "Equation":
        """The equation that says *element* lies in the subspace.

        ``x ∈ C(M)`` iff ``M M⁺ x = x`` (``M M⁺`` is the orthogonal projector onto
        ``C(M)``); ``x ∈ N(M)`` iff ``M x = 0``.
        """
        from sympy import MatMul, ZeroMatrix
        from ..exact.expr import Pinv

        if self.kind == "column":
            return Equation((MatMul(self.matrix, Pinv(self.matrix), element, evaluate=False), element))
        return Equation((MatMul(self.matrix, element, evaluate=False),
                         ZeroMatrix(self.matrix.shape[0], element.shape[1])))


@dataclass(frozen=True)
class Membership:
    """``element \\in subspace`` (``x \\in C(A^T)``, ``x - y \\in N(A)``).

    The claims layer checks it as :meth:`Subspace.condition`.
    """

    element: Any
    subspace: Subspace

    @property
    def condition(self) -> "Equation":
        """The equation equivalent to the membership."""
        return self.subspace.condition(self.element)


@dataclass(frozen=True)
class MatrixLimit:
    """The one-sided limit ``lim_{var -> point+} expr`` of a matrix expression.

    Parameters
    ----------
    var : sympy.Symbol
        The limit variable (a positive real symbol such as ``epsilon``).
    point : sympy.Expr
        The limit point (``0`` in every article formula).
    expr : sympy.MatrixExpr or Argmin
        The matrix whose entries tend to the limit, shape ``(m, n)``.
    direction : str
        How the limit was written: ``"+"`` from above (``0^+``, ``\\searrow``,
        ``\\downarrow``), ``"+-"`` two-sided (``\\to 0``). The variable is a
        positive symbol either way and the limit is checked from above; for a
        matrix whose entries are rational in ``var`` (every expression built
        from products, sums, inverses and pseudo-inverses), a finite limit from
        above is also the two-sided limit.

    Notes
    -----
    The limit is taken entrywise. It may exist even where ``expr`` has factors
    without a limit, e.g. ``(AᵀA + εI)⁻¹Aᵀ`` for rank-deficient ``A``.
    """

    var: sympy.Symbol
    point: sympy.Expr
    expr: Any
    direction: str = "+"

    @property
    def shape(self) -> tuple:
        """Shape ``(m, n)`` of the limit."""
        return shape_of(self.expr)


@dataclass(frozen=True)
class Argmin:
    """``argmin_var objective``: the matrix ``var`` that minimises a scalar.

    Parameters
    ----------
    var : sympy.MatrixSymbol
        The unknown, shape ``(m, n)``; the node has the same shape.
    objective : sympy.Expr
        A real scalar expression of ``var`` (e.g. ``Trace((A B - M).T (A B - M))``).
    """

    var: sympy.MatrixSymbol
    objective: sympy.Expr

    @property
    def shape(self) -> tuple:
        """Shape of the minimiser (that of ``var``)."""
        return tuple(self.var.shape)


@dataclass(frozen=True)
class Minimum:
    """``min_var objective``: the minimum *value*, a scalar.

    Parameters
    ----------
    var : sympy.MatrixSymbol
        The variable minimised over.
    objective : sympy.Expr
        A real scalar expression of ``var``.
    """

    var: sympy.MatrixSymbol
    objective: sympy.Expr

    @property
    def shape(self) -> tuple:
        """``()``: a scalar."""
        return ()


@dataclass(frozen=True)
class Gradient:
    """The gradient ``∂ loss / ∂ wrt``, shaped like ``wrt`` (denominator layout).

    Parameters
    ----------
    loss : sympy.Expr
        A real scalar: a symbol (``\\mathcal{L}``, defined elsewhere) or an
        expression (from ``\\frac{\\partial}{\\partial B}(...)``).
    wrt : sympy.MatrixSymbol
        The matrix differentiated against, shape ``(m, n)``.

    Notes
    -----
    Entry ``(i, j)`` of the gradient is ``∂ loss / ∂ wrt[i, j]``.
    """

    loss: sympy.Expr
    wrt: sympy.MatrixSymbol

    @property
    def shape(self) -> tuple:
        """Shape of ``wrt``."""
        return tuple(self.wrt.shape)


@dataclass(frozen=True)
class Equation:
    """An equality chain ``sides[0] = sides[1] = ...`` (at least two sides).

    Parameters
    ----------
    sides : tuple
        SymPy expressions or the nodes above, all of one shape. A ``1×1``
        matrix side may stand next to a scalar side (``xᵀAx = ‖Ax‖²``).
    """

    sides: tuple

    @property
    def lhs(self):
        """The first side."""
        return self.sides[0]

    @property
    def rhs(self):
        """The last side."""
        return self.sides[-1]


@dataclass(frozen=True)
class Implication:
    """``premise \\Rightarrow conclusion`` (chains associate to the right)."""

    premise: Any
    conclusion: Any


@dataclass(frozen=True)
class Conjunction:
    """Several statements of one formula, in source order (``a = b,\\quad c = d``)."""

    parts: tuple


@dataclass(frozen=True)
class Declaration:
    """``target \\in \\mathbb{R}^{rows \\times cols}`` (or ``\\mathbb{R}^n``, ``\\mathbb{R}``).

    Parameters
    ----------
    target : sympy.MatrixSymbol, sympy.Symbol or sympy.MatrixExpr
        The declared name, or an expression whose shape is asserted
        (``Ax \\in \\mathbb{R}^m``). Its shape already carries the declaration:
        declarations take part in shape inference.
    shape : tuple
        ``(rows, cols)``; ``\\mathbb{R}^n`` is ``(n, 1)``; ``()`` for a real scalar.

    Notes
    -----
    ``P, Q \\in \\mathbb{R}^{n\\times m}`` declares both names (one node each).
    """

    target: Any
    shape: tuple


@dataclass(frozen=True)
class Definition:
    """``target := value``: the definition of a new name.

    Parameters
    ----------
    target : sympy.MatrixSymbol or sympy.Symbol
        The name being defined; its shape is the shape of *value*.
    value : sympy.Basic or a value node
        What the name stands for in the formulas that follow.

    Notes
    -----
    Only the explicit definition signs (``:=``, ``\\coloneqq``, ``\\triangleq``,
    ``\\stackrel{\\text{def}}{=}``) produce this node. Whether a plain ``=`` with
    a name never seen before is a definition depends on the document, so the
    document reader decides that, not the parser.
    """

    target: Any
    value: Any


Node = Union[
    Equation, Implication, Conjunction, Declaration, Definition, MatrixLimit, Argmin, Minimum, Gradient,
    sympy.Basic,
]


def shape_of(node) -> tuple:
    """Return the shape of a matrix-valued node, or ``()`` for a scalar.

    Parameters
    ----------
    node : sympy.Basic or MatrixLimit or Argmin or Minimum or Gradient
        A value node of a parsed formula.

    Returns
    -------
    tuple
        ``(rows, cols)`` as SymPy integers or dimension symbols, or ``()``.

    Examples
    --------
    >>> import sympy
    >>> n = sympy.Symbol("n", integer=True, positive=True)
    >>> shape_of(sympy.MatrixSymbol("A", n, 2).T)
    (2, n)
    >>> shape_of(sympy.Symbol("x"))
    ()
    """
    if isinstance(node, (MatrixLimit, Argmin, Minimum, Gradient)):
        return node.shape
    if isinstance(node, sympy.Basic) and getattr(node, "is_Matrix", False):
        return tuple(node.shape)
    return ()
