"""Wrong readings are rejected: lookalike formulas must parse to different objects,
and parsed formulas must mean what they say when evaluated on explicit matrices."""

from __future__ import annotations

import random

import pytest
import sympy
from sympy import Inverse, MatAdd, MatMul, Transpose

from derivcheck.errors import InputShapeError, LatexParseError
from derivcheck.latex.parser import parse_latex

from ._symbols import canon

SQUARE = {"A": (3, 3), "B": (3, 3), "C": (3, 3)}
A3, B3, C3 = (sympy.MatrixSymbol(name, 3, 3) for name in "ABC")


def mmul(*factors):
    return MatMul(*factors, evaluate=False)


@pytest.mark.parametrize("left, right", [
    (r"A^{\top}B", r"(AB)^{\top}"),
    (r"A^{\top}B^{\top}", r"(AB)^{\top}"),
    (r"A^{-1}B^{-1}", r"(AB)^{-1}"),
    (r"B^{-1}A^{-1}", r"(AB)^{-1}"),
    (r"A^{+}B^{+}", r"(BA)^{+}"),
    (r"(A^{\top}A)^{-1}A^{\top}", r"A^{\top}(AA^{\top})^{-1}"),
    (r"AB - C", r"AB + C"),
    (r"A - B - C", r"A - (B - C)"),
    (r"2A^{\top}(AB - C)", r"2(A^{\top}AB - C)"),
    (r"AB", r"BA"),
    (r"A^{\top}", r"A^{-1}"),
    (r"A^{+}", r"A^{-1}"),
    (r"A^2", r"A^{-2}"),
])
def test_lookalikes_parse_differently(left, right):
    assert canon(parse_latex(left, shapes=SQUARE).tree) != canon(parse_latex(right, shapes=SQUARE).tree)


def test_transpose_binds_to_the_last_factor_only():
    assert parse_latex(r"A^{\top}B", shapes=SQUARE).tree == mmul(Transpose(A3), B3)
    assert parse_latex(r"(AB)^{\top}", shapes=SQUARE).tree == Transpose(mmul(A3, B3))


def test_inverse_is_not_distributed():
    assert parse_latex(r"A^{-1}B^{-1}", shapes=SQUARE).tree == mmul(Inverse(A3), Inverse(B3))
    assert parse_latex(r"(AB)^{-1}", shapes=SQUARE).tree == Inverse(mmul(A3, B3))


def test_nothing_cancels_behind_the_readers_back():
    parsed = parse_latex(r"(A^{\top}A)^{-1}A^{\top}A", shapes={"A": (4, 3)})
    assert not isinstance(parsed.tree, sympy.Identity)
    assert len(parsed.tree.args) == 3


def test_subtraction_is_left_associative():
    tree = parse_latex(r"A - B - C", shapes=SQUARE).tree
    expected = MatAdd(A3, mmul(-1, B3), mmul(-1, C3), evaluate=False)
    assert canon(tree) == canon(expected)


def _random_integer_matrix(rng, rows, cols):
    return sympy.ImmutableMatrix(rows, cols, lambda i, j: rng.randint(-4, 4))


@pytest.mark.parametrize("text, meaning", [
    (r"2A^{\top}(AB - M)", lambda A, B, M: 2 * A.T * (A * B - M)),
    (r"(AB - M)B^{\top}", lambda A, B, M: (A * B - M) * B.T),
    (r"\Vert AB - M\Vert_F^2", lambda A, B, M: sum(e ** 2 for e in (A * B - M))),
    (r"\text{Tr}(M^{\top} A B)", lambda A, B, M: (M.T * A * B).trace()),
    (r"A^{\top}A + \frac{1}{3} I", lambda A, B, M: A.T * A + sympy.Rational(1, 3) * sympy.eye(3)),
    (r"(A^{\top}A + 2I_3)^{-1}A^{\top}", lambda A, B, M: (A.T * A + 2 * sympy.eye(3)).inv() * A.T),
    (r"\langle AB, M\rangle_F", lambda A, B, M: sum(x * y for x, y in zip(A * B, M))),
])
@pytest.mark.parametrize("seed", [1, 2])
def test_meaning_on_explicit_matrices(text, meaning, seed):
    rng = random.Random(seed)
    values = {"A": _random_integer_matrix(rng, 4, 3), "B": _random_integer_matrix(rng, 3, 2),
              "M": _random_integer_matrix(rng, 4, 2)}
    parsed = parse_latex(text, shapes={"A": (4, 3), "B": (3, 2), "M": (4, 2)})
    explicit = {parsed.matrices[k]: v for k, v in values.items() if k in parsed.matrices}
    value = parsed.tree.xreplace(explicit).doit()
    expected = meaning(values["A"], values["B"], values["M"])
    if getattr(value, "is_Matrix", False):
        assert sympy.ImmutableMatrix(value) == sympy.ImmutableMatrix(expected)
    else:
        assert sympy.simplify(value - expected) == 0


@pytest.mark.parametrize("text, match", [
    (r"A^23", "single digit"),            # LaTeX: A^2 times 3, never A^{23}
    (r"\lambda_12", "single character"),
    (r"\frac{d}{d} f", "ordinary derivatives"),  # no variable: not a derivative
    (r"span(A) = n", "word 'span'"),
    (r"F(A)", "reads as a function"),
    (r"C(A) + B", "subspace such as C"),    # a column space is not a matrix
    (r"x \in \mathbb{E}", "mathbb is not supported"),
    (r"\sigma_{\min}(A)", "reads as a function"),
    (r"M_{i,j}", "indexed entries"),
    (r"A^{T}^{2}", "double subscript or superscript"),
    (r"\lambda^{\top}", "scalar lambda is used as a matrix"),
    (r"\|A\|_2", "spectral norm"),
    (r"\|A\|_p", "Frobenius norm _F"),
    (r"A + 1", "scalar is added to a matrix"),
    (r"A < B", "cannot be compared"),
    (r"\frac{1}{A}", "division by a matrix"),
    (r"2\lim_{\epsilon\to 0} A", "whole side"),
    (r"\text{diag}(\lambda_1, \sigma_2, \cdots, \lambda_r)", "pattern"),
    (r"\text{diag}(\lambda_1, \cdots, \lambda_r, \lambda_s)", "dots"),
    (r"A^{+-}", "unsupported superscript"),
    (r"A^{*T}", "unsupported superscript"),
])
def test_ambiguous_or_unsupported_notation_is_refused(text, match):
    with pytest.raises((LatexParseError, InputShapeError), match=match):
        parse_latex(text)


def test_typo_forcing_a_vector_to_one_entry_is_reported():
    with pytest.raises(InputShapeError, match="vector x has one entry"):
        parse_latex(r"\frac{\partial x^T a}{\partial x} = a^T")
    assert parse_latex(r"\frac{\partial x^T a}{\partial x} = a").shapes["a"][1] == 1


def test_typo_forcing_a_one_row_matrix_is_reported():
    with pytest.raises(InputShapeError, match="one row"):
        parse_latex(r"p=A\hat x=A\left(A^TA\right)^{-1}A^T")
    # Declared on purpose, it is accepted.
    parsed = parse_latex(r"p=A\hat x=A\left(A^TA\right)^{-1}A^T", shapes={"A": (1, 3)})
    assert parsed.shapes["A"] == (1, 3)
