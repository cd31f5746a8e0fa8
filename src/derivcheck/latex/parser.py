r"""``parse_latex``: read one formula of an article into SymPy objects.

Supported notation
------------------
Names
    A single letter is one name (``AB`` is the product ``A B``). ``A``,
    ``\boldsymbol{A}``, ``\mathbf{A}``, ``\bm{A}``, ``\pmb{A}``, ``\mathrm{A}``,
    ``\mathsf{A}``, ``{\bf A}`` are the same matrix ``A``; a font around a whole
    subexpression (``\mathbf{A^\top A}``) is the subexpression;
    ``\Lambda``, ``\Sigma``, ``\varSigma`` (= ``Sigma``) are matrices;
    ``\boldsymbol{x}`` and ``\vec{x}`` are column vectors ``x``. A subscript
    belongs to the name: ``A_s``, ``A_{left}``, ``\lambda_i``, ``\sigma_{\min}``
    are the names ``A_s``, ``A_left``, ``lambda_i``, ``sigma_min``; ``\hat x``
    is ``xhat``. ``A^{-1}_{left}`` and ``A_{right}^{-1}`` (either order) are
    *names* of one-sided inverses (``A^{-1}_{left}``), not inverses of a matrix
    ``A_left``. ``\mathcal{L}`` is a real scalar (a loss).
Kinds
    Uppercase letters: matrices (``I``, ``\boldsymbol{I}``, ``\mathbb{I}`` are
    identities); ``\epsilon``, ``\varepsilon`` (= ``epsilon``) and ``\lambda``
    are real positive scalars; numbers are scalars; other lowercase names are
    real scalars unless the context makes them column vectors (transposed,
    right of a matrix in a product, added to or equated with a matrix, inside
    a norm, trace or inner product, optimised over). ``0`` is a zero matrix
    where a matrix is expected. Details: ``_kinds.py``.
Operators
    ``X^{\top}``, ``X^\top``, ``X^T``, ``X^{T}``, ``\intercal``, ``X^{\mathsf T}``,
    ``X^{\mathrm T}``: transpose; ``X^*``, ``X^H`` (conjugate transpose: for the
    real matrices derivcheck checks, the transpose; the result states this
    convention), but ``x^*`` of a single lowercase letter is the *name* of an
    optimum (unless the formula multiplies it by x itself, ``x^* x``: then it is
    the transpose); ``A^t``, ``(AB)^t``, ``x^tAx`` (lowercase t on a matrix, or on
    a name followed by a matrix): transpose, ``e^t`` is refused; ``X^{-1}``: inverse; ``X^{-T}``: the inverse of the transpose;
    ``X^{\dagger}``, ``X^\dagger``, ``X^+``, ``X^{+}``, ``\operatorname{pinv}(X)``,
    ``\mathrm{pinv}(X)``: Moore–Penrose pseudo-inverse; ``X^{+*}``, ``X^{\dagger T}``:
    ``(X^+)^T``; ``X^{*+}``: ``(X^T)^+``; ``X^2``, ``X^{k}``, ``X^{-k}``: integer
    powers; products by juxtaposition, ``*``, ``\ast``, ``\cdot`` or ``\times``;
    ``X \otimes Y``: the Kronecker product (looser than ``XY``; its sizes are the
    products of the factors' sizes); ``+``, ``-``,
    unary minus; ``\frac{a}{b}``, ``\tfrac``, ``\dfrac`` and ``a/b`` (``/``
    divides by the one factor after it) with scalar denominators; ``\sqrt{}``.
    A scalar name written as a divisor (``1/c``, ``\frac{1}{c}``, ``c^{-1}``)
    is an ordinary real: the claim is checked at 0 too (and is conditional on
    ``c ≠ 0`` when it needs it) unless the formula states ``c \neq 0`` or
    ``c > 0`` (in a list, ``..., \quad c \neq 0``, or as a premise,
    ``c \neq 0 \Rightarrow ...``). Brackets ``( )``, ``[ ]``, ``{ }``, ``\{ \}``, sized with
    ``\left``/``\right`` (also ``\left.``), ``\big`` ... ``\Bigg`` and their
    ``l``/``r`` forms.
Unicode
    Greek letters (``ε`` is ``\epsilon``, ``λ``, ``σ``, ``Σ`` ...), ``ᵀ``, ``⁺``,
    ``⁻¹``, ``²`` and other superscript digits, subscript digits ``σ₁``, ``‖``,
    ``−``, ``·``, ``×``, ``⊗``, ``∈``, ``ℝ``, ``≠``, ``≤``, ``≥``, ``⇒``, ``→``,
    ``↘``, ``↓``, ``∂``, ``∇``, ``∞``.
Functions
    ``\text{Tr}``, ``\operatorname{tr}``, ``\mathrm{tr}``, ``\Tr``, ``\Trace``,
    ``\mbox{Trace}``, ``{\rm Tr}``, ``tr(...)`` written against its bracket (trace;
    without brackets, ``\mathrm{tr}\, AX^T``, it takes the product after it), ``\det``,
    ``\text{diag}(a, b, c)`` (explicit) and ``\text{diag}(x_1, x_2, \cdots, x_n)``
    (an ``n×n`` ``FunctionMatrix`` of the pattern; ``\text{diag}(f(x_i))``: one
    entry with index ``i``, ``j``, ``k`` or ``l``, size from the context),
    ``\min(a, b)``, ``\max``; ``\operatorname{rank}(A)``, ``\mathrm{rank}``,
    ``rank(A)``: an unevaluated :class:`~derivcheck.latex.ast.MatrixRank` (a
    hypothesis, not a checkable identity).
Derivatives
    ``\frac{\partial f}{\partial X}``, ``\frac{\partial}{\partial X} f``, ``\nabla_X f``;
    the ordinary forms ``\frac{d f}{d X}``, ``\frac{d}{dX} f``, ``\mathrm{d}``,
    ``\text{d}``, ``\delta`` are read as the partial derivative (the result states
    it); ``F(X)`` inside a derivative in X is the scalar function F (pass its
    definition). ``\frac 15``, ``\frac14``: TeX's one-token arguments.
Concrete matrices
    Plain TeX ``\pmatrix{a & b \\ c & d}``; ``pmatrix``, ``bmatrix``, ``Bmatrix``, ``matrix``, ``smallmatrix`` and
    ``array`` (any column specification; ``\hline`` ignored) with scalar entries:
    integers, decimals and fractions read exactly (``0.1`` is ``1/10``), ``\frac``,
    negative entries, scalar names; an ``ImmutableMatrix``. ``vmatrix`` is its
    determinant. Block matrices (matrix entries) are refused.
Subspaces
    ``C(A)``, ``R(A)``, ``\mathcal{R}(A)`` (column space), ``N(A)``,
    ``\mathcal{N}(A)`` (null space): after ``\in`` a
    :class:`~derivcheck.latex.ast.Membership` (``x, y \in C(A^T)``, checked as
    ``A^T (A^T)^+ x = x``; ``x \in N(A)`` as ``Ax = 0``); ``\dim C(A)`` is the
    rank, ``\dim N(A)`` the nullity; ``C(A) \in \mathbb{R}^m`` declares the space
    it lies in. A subscript label ``P_{\mathcal{R}(A)}`` is part of the name.
Norms
    ``\Vert X\Vert_F``, ``\|X\|_F`` (also ``\lVert``/``\rVert``, ``‖``): the
    Frobenius norm ``sqrt(Trace(XᵀX))``, so ``\|X\|_F^2`` is ``Trace(XᵀX)``;
    ``\|x\|_2`` and ``\|x\|`` of a column vector: the same formula; the 2-norm
    of a matrix (spectral norm) is refused. ``\langle X, Y\rangle_F`` is
    ``Trace(XᵀY)``.
Limits, optima, derivatives
    ``\lim_{\epsilon\to 0}`` (also ``\lim\limits``, ``\rightarrow``, ``→``):
    written two-sided; ``\to 0^+``, ``0^{+}``, ``0⁺``, ``\searrow``, ``\downarrow``,
    ``↘``, ``↓``: from above (limits from below are refused). Any letter may be
    the variable; it is declared a positive real by the parser and the limit is
    taken from above: :class:`~derivcheck.latex.ast.MatrixLimit` of a matrix
    (``direction`` records how it was written), SymPy ``Limit`` of a scalar. ``\mathop{\text{argmin}}_B``, ``\arg\min_B``,
    ``\argmin_B``: :class:`~derivcheck.latex.ast.Argmin`; ``\min_B``:
    :class:`~derivcheck.latex.ast.Minimum`. ``\frac{\partial \mathcal{L}}{\partial B}``
    and ``\frac{\partial}{\partial B} f``, ``\nabla_B f``, ``\nabla_{\mathbf{x}} f``:
    :class:`~derivcheck.latex.ast.Gradient` (a 1×1 loss such as ``x^T A x`` is
    its entry).
    These prefix operators take everything to their right up to the next
    relation, comma or closing bracket (``\arg\min_B \|AB-I\|^2 + \epsilon\|B\|^2``
    minimises the sum); a matrix limit, argmin or gradient must be a whole side
    of an equation (or the body of another of them).
Statements
    ``a = b = c``: :class:`~derivcheck.latex.ast.Equation`; ``<``, ``>``,
    ``\le``, ``\ge``, ``\neq`` between scalars: unevaluated SymPy relationals (a
    mixed chain ``a = b > 0`` is a conjunction); ``P \Rightarrow Q`` (also
    ``\implies``): :class:`~derivcheck.latex.ast.Implication`; statements
    separated by commas (``,\quad``) or by ``\\`` in ``align``: a
    :class:`~derivcheck.latex.ast.Conjunction`, one part per statement. A line
    starting with ``=``, ``+``, ``-`` or ``\Rightarrow`` continues the previous
    one (``aligned`` chains).
Declarations
    ``A \in \mathbb{R}^{n\times r}``, ``x \in \mathbb{R}^n`` (``n×1``),
    ``\lambda \in \mathbb{R}``: a :class:`~derivcheck.latex.ast.Declaration`
    that also fixes shapes (``n``, ``r`` become named dimensions); ``P, Q \in
    \mathbb{R}^{n\times m}`` declares both; ``Ax \in \mathbb{R}^m`` asserts the
    shape of an expression.
Ignored
    Spacing (``\,``, ``\;``, ``\:``, ``\!``, ``\ ``, ``\quad``, ``\qquad``, ``~``),
    ``\displaystyle``, ``\label{}``, ``\tag{}``, ``\nonumber``, ``\notag``, ``&``,
    the environments ``equation``, ``align``, ``aligned``, ``gather``, ``split``
    (starred too), and a final full stop, comma or semicolon.
Words
    ``\text{and}`` separates two statements; a quantifier ``\text{for all} ...``,
    ``\text{for any} ...``, ``\forall x \neq 0`` (names, ``\in`` sets and
    ``\neq 0`` only) is dropped with its clause, since free names are checked
    at generic values, and :attr:`ParsedFormula.conventions` says so; a
    condition in words (``\text{where}``, ``\text{if}``, ``\text{with}`` ...)
    is refused with a fix, since dropping it could refute a true claim; but a
    lone ``\text{where}`` (``with``, ``for``) followed by definitions
    (``A = U\Sigma V^T``, ``P := AA^+``) or declarations defines the names of
    the statements before it (:class:`~derivcheck.latex.ast.Definition` parts
    placed first).

Everything else is a :class:`~derivcheck.errors.LatexParseError` at the
offending token: unknown commands (``\sum``, ``\eqref``, ``\exists``), words
(``span``, ``eval``: three or more adjacent lowercase letters), ``\text{...}``
other than the operators and words above, block matrices, indexed entries
``M_{i,j}``, function notation other than subspaces (``f(x)``, ``\sigma_{\min}(A)``).

Shapes
------
Every matrix name gets symbolic dimensions (positive integer symbols), unified
through products, sums, equations, inverses, traces, identities and
declarations; ``shapes={"A": (4, 3)}`` fixes some. Dimensions nobody named are
called after the first matrix they belong to (``rows_A``, ``cols_B``).
Conflicts, and a matrix forced to a single row or column that nobody declared
(usually a typo), are :class:`~derivcheck.errors.InputShapeError`.

Pipeline
--------
lark (LALR, ``grammar.lark``) and the token filter of ``_tokens.py`` give a
parse tree; ``_syntax.py`` interprets the notation into an intermediate
representation; ``_kinds.py`` decides which names are matrices; ``_shapes.py``
unifies dimensions; ``_build.py`` builds SymPy objects and the nodes of
:mod:`derivcheck.latex.ast`. Nothing is ever evaluated as code: the text only
drives the parser, and numbers are read with :class:`fractions.Fraction`.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from importlib import resources
from types import MappingProxyType
from typing import Any, Mapping, Optional

import sympy
from lark import Lark
from lark.exceptions import UnexpectedCharacters, UnexpectedEOF, UnexpectedToken

from ..errors import InputTypeError, LatexParseError

from ._build import Builder
from ._kinds import KindInference
from ._shapes import ShapeInference
from ._syntax import SyntaxBuilder
from ._tokens import TokenFilter
from .shapeopt import validate_shapes

__all__ = ["ParsedFormula", "parse_latex", "MAX_FORMULA_LENGTH"]

MAX_FORMULA_LENGTH = 5000

_LOCK = threading.Lock()
_PARSER: Optional[Lark] = None
_FILTER = TokenFilter("")

# Readable names of terminals for error messages.
_TOKEN_WORDS = {
    "RPAR": "')'", "LPAR": "'('", "RSQB": "']'", "LSQB": "'['", "RBRACE": "'}'",
    "LBRACE": "'{'", "COMMA": "','", "REL": "a relation", "$END": "the end of the formula",
    "NORM_CLOSE": "a closing norm bar", "NORM_OPEN": "a norm bar", "IN": "\\in",
    "IMPLIES": "\\Rightarrow", "LINEBREAK": "a line break \\\\",
    "MATRIX_CELL": "'&' (an empty matrix entry)", "MATRIX_ROW": "'\\\\' (an empty matrix row)",
    "MATRIX_END": "the end of the matrix", "WHERE": "a second where-clause",
}


def _parser() -> Lark:
    """The LALR parser, built once (call with ``_LOCK`` held)."""
    global _PARSER
    if _PARSER is None:
        grammar = resources.files(__package__).joinpath("grammar.lark").read_text(encoding="utf-8")
        _PARSER = Lark(grammar, parser="lalr", lexer="basic", postlex=_FILTER,
                       propagate_positions=True, maybe_placeholders=False)
    return _PARSER


@dataclass(frozen=True)
class ParsedFormula:
    """A parsed formula: its tree, its symbols and their shapes.

    Attributes
    ----------
    source : str
        The formula as given.
    tree : sympy.Basic or derivcheck.latex.ast node
        The formula: an :class:`~derivcheck.latex.ast.Equation`,
        :class:`~derivcheck.latex.ast.Implication`, ... or a bare expression.
    matrices : Mapping[str, sympy.MatrixSymbol]
        Every matrix name of the formula (``"A"``, ``"A_s"``, ``"Lambda"``).
    shapes : Mapping[str, tuple]
        name -> ``(rows, cols)``, SymPy integers or dimension symbols.
    scalars : Mapping[str, sympy.Symbol]
        Every scalar name (``"epsilon"``, ``"lambda_i"``, ``"\\\\mathcal{L}"``).
    dimensions : tuple of sympy.Symbol
        The free dimension symbols (positive integers), sorted by name.
    conventions : tuple of str
        The reading conventions the notation needed, as sentences for a report
        (real matrices, so ``X^*`` is the transpose; a two-sided limit checked
        from above), sorted.
    """

    source: str
    tree: Any
    matrices: Mapping[str, sympy.MatrixSymbol]
    shapes: Mapping[str, tuple]
    scalars: Mapping[str, sympy.Symbol]
    dimensions: tuple
    conventions: tuple = ()


def _lark_error(text: str, error: Exception) -> LatexParseError:
    """Translate lark's exceptions into a LatexParseError at the right position."""
    if isinstance(error, UnexpectedCharacters):
        position = error.pos_in_stream
        char = text[position] if position < len(text) else ""
        return LatexParseError(text, position, char, f"the character {char!r} is not supported",
                               "remove it or rewrite the formula with supported notation")
    if isinstance(error, UnexpectedToken) and set(error.expected) <= {"REALS"}:
        token = error.token
        return LatexParseError(text, token.start_pos, str(token),
                               "\\in is only supported with \\mathbb{R}, \\mathbb{R}^n or \\mathbb{R}^{m\\times n}",
                               "state membership in subspaces in prose")
    if isinstance(error, UnexpectedToken) and error.token.type != "$END":
        token = error.token
        word = _TOKEN_WORDS.get(token.type, repr(str(token)))
        return LatexParseError(text, token.start_pos, str(token), f"{word} is unexpected here",
                               "check the brackets and operators around this position")
    return LatexParseError(text, len(text), "", "the formula ends too early",
                           "close every bracket, norm bar and \\frac{...}{...}")


def parse_latex(formula: str, *, shapes: Optional[Mapping[str, tuple]] = None) -> ParsedFormula:
    r"""Parse one LaTeX formula into SymPy objects with inferred shapes.

    Parameters
    ----------
    formula : str
        One formula, with or without ``\begin{equation}`` / ``align`` /
        ``aligned`` wrappers, at most ``MAX_FORMULA_LENGTH`` characters.
    shapes : Mapping[str, tuple], optional
        Fixed shapes ``{name: (rows, cols)}``, sizes positive ints or dimension
        names; see :func:`~derivcheck.latex.parse_shape_option` for strings.
        Names the formula does not use are ignored.

    Returns
    -------
    ParsedFormula
        The immutable result.

    Raises
    ------
    InputTypeError
        If *formula* is not a string.
    LatexParseError
        For notation outside the supported subset, with the 0-based position
        and the offending token.
    InputShapeError
        If shapes conflict (a product with unequal inner dimensions, sides of
        an equation that cannot be equal, a scalar used as a matrix), naming
        the sub-expression as ``formula[start:end]`` and both shapes.

    Notes
    -----
    The module docstring lists the notation and the conventions (which letters
    are matrices, vectors or scalars; how shapes are inferred).

    Examples
    --------
    >>> parsed = parse_latex(r"\frac{\partial \mathcal{L}}{\partial B} = 2A^{\top}(AB - M)")
    >>> parsed.tree.lhs
    Gradient(loss=\mathcal{L}, wrt=B)
    >>> dict(parsed.shapes)
    {'A': (rows_A, rows_B), 'B': (rows_B, cols_B), 'M': (rows_A, cols_B)}
    >>> parse_latex("AB", shapes={"A": (4, 3), "B": (3, 2)}).tree.shape
    (4, 2)
    """
    if not isinstance(formula, str):
        raise InputTypeError("formula", formula, "a formula is a string of LaTeX",
                             "pass the text between the $ signs")
    if len(formula) > MAX_FORMULA_LENGTH:
        raise LatexParseError(formula, MAX_FORMULA_LENGTH, "",
                              f"formulas longer than {MAX_FORMULA_LENGTH} characters are not supported",
                              "split the formula into several claims")
    given = validate_shapes(shapes)
    if not formula.strip():
        raise LatexParseError(formula, 0, "", "the formula is empty", "pass a formula")
    with _LOCK:
        _FILTER.reset(formula)
        try:
            tree = _parser().parse(formula)
        except (UnexpectedCharacters, UnexpectedToken, UnexpectedEOF) as error:
            raise _lark_error(formula, error) from None
        quantifiers = tuple(_FILTER.conventions)
    try:
        syntax = SyntaxBuilder(formula)
        root = syntax.build(tree)
        kinds = KindInference(formula, root, set(given)).run()
        inference = ShapeInference(formula, kinds.kinds, kinds.zeros, given).run(root)
        builder = Builder(formula, kinds.kinds, inference)
        builder.note_stated_conditions(root)
        result = builder.build(root)
    except RecursionError:
        raise LatexParseError(formula, 0, formula[:1], "the formula is nested too deeply",
                              "split it into several formulas") from None
    matrices = dict(sorted(builder.matrices.items()))
    return ParsedFormula(
        source=formula,
        tree=result,
        matrices=MappingProxyType(matrices),
        shapes=MappingProxyType({k: tuple(m.shape) for k, m in matrices.items()}),
        scalars=MappingProxyType(dict(sorted(builder.scalars.items()))),
        dimensions=builder.dimensions(),
        conventions=tuple(sorted(syntax.conventions | builder.conventions | set(quantifiers))),
    )



