"""Notations met in articles and Q&A threads: each written form parses to the tree of
its plain form, and the nearby wrong readings are refused (never read as products)."""

from __future__ import annotations

import pytest
import sympy

from derivcheck.errors import DerivCheckError, InputShapeError, LatexParseError
from derivcheck.latex.parser import parse_latex

# (written form, plain form): both must parse to one tree.
SAME_TREE = [
    # the trace, however it is spelled
    (r"\Trace(A X B) = 1", r"\operatorname{tr}(A X B) = 1"),
    (r"\mbox{Trace} (X^TX) = 1", r"\operatorname{tr}(X^TX) = 1"),
    (r"{\rm Tr}(XA) = 1", r"\operatorname{tr}(XA) = 1"),
    (r"tr(AB)=tr(BA)", r"\operatorname{tr}(AB)=\operatorname{tr}(BA)"),
    (r"Tr\left(A^T\right) = 1", r"\operatorname{tr}(A^T) = 1"),
    # a trace without brackets takes the product after it
    (r"\mathrm{tr} AX^\top + 1 = 2", r"\operatorname{tr}(AX^\top) + 1 = 2"),
    (r"\frac{\partial ~ \mathrm{tr} AX^\top}{\partial X} = A",
     r"\frac{\partial \operatorname{tr}(AX^\top)}{\partial X} = A"),
    # ordinary derivatives: d, \text{d}, \mathrm{d}, \delta
    (r"\frac{d}{dX} \operatorname{tr}(X^TX) = 2X", r"\frac{\partial}{\partial X} \operatorname{tr}(X^TX) = 2X"),
    (r"\frac{\text{d}x^Tx}{\text{d}x}=2x", r"\frac{\partial x^Tx}{\partial x}=2x"),
    (r"\dfrac{\mathrm{d}(b^Tx)}{\mathrm{d} x} = b", r"\frac{\partial (b^Tx)}{\partial x} = b"),
    (r"\frac{\delta}{\delta X} \operatorname{tr}(XA) = A^T", r"\frac{\partial}{\partial X} \operatorname{tr}(XA) = A^T"),
    # the function F of the derivative's variable: a scalar named F
    (r"\nabla_{x} f(x) = A x", r"\nabla_{x} f = A x"),
    # TeX shorthands: \frac15, plain TeX \pmatrix{...}
    (r"B^+ = \begin{pmatrix} 0 & \frac 15 \\ 0 & \frac25\end{pmatrix}",
     r"B^+ = \begin{pmatrix} 0 & \frac{1}{5} \\ 0 & \frac{2}{5}\end{pmatrix}"),
    (r"(AB)^+=\frac14\pmatrix{1&1\\ 1&1}", r"(AB)^+=\frac{1}{4}\begin{pmatrix}1&1\\ 1&1\end{pmatrix}"),
    (r"\frac 1c A = B", r"\frac{1}{c} A = B"),
    # transpose and fonts
    (r"\left(A^\operatorname{T}\right)^+ = \left(A^+\right)^\operatorname{T}", r"(A^T)^+ = (A^+)^T"),
    (r"\nabla_\textbf{x} \textbf{x}^T\textbf{b} = \textbf{b}", r"\nabla_{\mathbf{x}} \mathbf{x}^T\mathbf{b} = \mathbf{b}"),
    (r"\mathrm A\,\mathrm x = \mathrm b", r"A x = b"),
    # norms written with two plain bars
    (r"|| A x - b ||_2^2 = 1", r"\| A x - b \|_2^2 = 1"),
    # the transpose written ^t; a plain R raised to a size after \in
    (r"(AB)^t = B^tA^t", r"(AB)^T = B^TA^T"),
    (r"\frac{\partial x^tAx}{\partial x} = (A+A^t)x", r"\frac{\partial x^TAx}{\partial x} = (A+A^T)x"),
    (r"A ∈ R^{m×n}, \quad A^+ ∈ R^{n×m}", r"A \in \mathbb{R}^{m\times n}, \quad A^+ \in \mathbb{R}^{n \times m}"),
    # x^* multiplying x itself: the conjugate transpose (alone, x^* names an optimum)
    (r"x^+ = \frac{x^*}{x^* x}", r"x^+ = \frac{x^T}{x^T x}"),
    # \operatorname{Limit}, and 0+ for 0^+
    (r"\operatorname{Limit}_{a \rightarrow 0+} (a I + A^TA)^{-1}A^T = A^+",
     r"\lim_{a \to 0^+} (a I + A^TA)^{-1}A^T = A^+"),
    # a bracketed nabla
    (r"(\bigtriangledown)_A \operatorname{tr}(AB) = B^T", r"\nabla_A \operatorname{tr}(AB) = B^T"),
]


@pytest.mark.parametrize("written, plain", SAME_TREE)
def test_written_form_parses_like_the_plain_form(written, plain):
    assert parse_latex(written).tree == parse_latex(plain).tree


def test_a_function_of_the_variable_is_a_named_scalar():
    parsed = parse_latex(r"\frac{\partial F(X)}{\partial X} = AXB")
    gradient = parsed.tree.sides[0]
    assert gradient.loss == parsed.scalars["F"] and gradient.wrt == parsed.matrices["X"]
    assert any("F(X) is read as the function F" in c for c in parsed.conventions)


def test_ordinary_derivative_states_its_reading():
    parsed = parse_latex(r"\frac{d}{dX} \operatorname{tr}(X^TX) = 2X")
    assert any("ordinary derivative d/dX" in c for c in parsed.conventions)


def test_one_by_one_products_beside_matrices_are_scalars():
    parsed = parse_latex(r"(xy^{T})^{+}=(x^{T}x)^{+}(y^{T}y)^{+}yx^{T}")
    x, y = parsed.matrices["x"], parsed.matrices["y"]
    rhs = parsed.tree.sides[1]
    assert rhs.shape == (x.shape[0], x.shape[0]) or rhs.shape == (y.shape[0], x.shape[0])
    assert x.shape[0] != 1 and y.shape[0] != 1  # not forced to one entry
    scalars = [a for a in rhs.args if not getattr(a, "is_Matrix", False)]
    assert any(s.has(sympy.Trace) for s in scalars)
    # A 1×1 denominator is a scalar: x^T / (x^T x).
    frac = parse_latex(r"y^T = \frac{x^T}{x^T x}").tree.sides[1]
    assert frac.shape[0] == 1 and frac.args[0] == 1 / sympy.Trace(frac.args[1] * frac.args[1].T)


# Wrong readings that must be refused with a DerivCheckError (never a product of letters).
REFUSED = [
    (r"t r(A) = 1", "function"),  # spaced: not the word tr
    (r"str(A) = 1", "function|word"),  # tr inside a longer word
    (r"x \mathrm{d} y = 1", "differential"),  # a differential outside a derivative
    (r"\frac{d}{d} f = 1", "ordinary derivatives"),  # no variable
    (r"\frac{A}{B} = C", "division by a matrix"),  # a matrix denominator is notation, not a claim
    (r"F(X) = 1", "function"),  # not inside a derivative in X
    (r"\frac{\partial F(Y)}{\partial X} = A", "function"),  # F of another name
    (r"|x| = 1", "not supported"),  # one plain bar: an absolute value
    (r"e^t = 1", "unsupported superscript"),  # a power of a scalar, not a transpose
    (r"c^t x = y", "unsupported superscript"),
    (r"x \in R = 1", "unexpected"),  # R without a size stays a name
    (r"\lim_{a \to 0-} a I = A", "from above"),  # a limit from below
]


@pytest.mark.parametrize("text, match", REFUSED)
def test_wrong_readings_are_refused(text, match):
    with pytest.raises(DerivCheckError, match=match) as info:
        parse_latex(text)
    assert not isinstance(info.value, InputShapeError) or match != "division by a matrix"


def test_division_by_a_matrix_is_a_parse_error_not_a_shape_conflict():
    with pytest.raises(LatexParseError, match="division by a matrix") as info:
        parse_latex(r"\frac{\delta}{\delta + X} A = B")
    assert info.value.rule and info.value.fix


def test_a_lone_starred_lowercase_name_stays_an_optimum():
    parsed = parse_latex(r"x^* = A^+ b")
    assert "x^*" in parsed.matrices and "x" not in parsed.matrices
