"""Shape inference: unification of dimensions, fixed shapes, conflicts."""

from __future__ import annotations

import pytest
import sympy

from derivcheck.errors import InputShapeError, InputTypeError
from derivcheck.latex.ast import shape_of
from derivcheck.latex.parser import parse_latex
from derivcheck.latex.shapeopt import parse_shape_option

from ._symbols import dim, n, r


def test_products_and_sums_unify_dimensions():
    shapes = parse_latex(r"A^{\top}(AB - M)").shapes
    a_rows, a_cols = shapes["A"]
    b_rows, b_cols = shapes["B"]
    assert b_rows == a_cols
    assert shapes["M"] == (a_rows, b_cols)
    assert len({a_rows, a_cols, b_cols}) == 3  # nothing else is forced equal


def test_transpose_swaps_dimensions():
    shapes = parse_latex(r"A = B^{\top}").shapes
    assert shapes["A"] == shapes["B"][::-1]


def test_identity_size_fixes_a_dimension():
    shapes = parse_latex(r"A^{\top}A + \epsilon I_r").shapes
    assert shapes["A"][1] == r
    assert parse_latex(r"P + I_{3}").shapes["P"] == (3, 3)


def test_inverse_trace_and_powers_make_square_matrices():
    for text in (r"P^{-1}", r"\text{Tr}(P)", r"P^2", r"\det P"):
        rows, cols = parse_latex(text).shapes["P"]
        assert rows == cols


def test_given_shapes_propagate():
    parsed = parse_latex(r"A^{\top}(AB - M)", shapes={"A": (4, 3)})
    assert parsed.shapes["A"] == (4, 3)
    assert parsed.shapes["B"][0] == 3
    assert parsed.shapes["M"][0] == 4
    assert shape_of(parsed.tree)[0] == 3


def test_given_shapes_may_use_dimension_names():
    parsed = parse_latex(r"AB", shapes={"A": ("n", "r")})
    assert parsed.shapes["A"] == (n, r) and parsed.shapes["B"][0] == r


def test_names_in_shapes_that_the_formula_lacks_are_ignored():
    assert parse_latex(r"P", shapes={"Z": (2, 2)}).matrices.keys() == {"P"}


def test_scalars_have_no_shape():
    parsed = parse_latex(r"\text{Tr}(A^{\top}A) + \|A\|_F")
    assert shape_of(parsed.tree) == ()
    assert not getattr(parsed.tree, "is_Matrix", False)


def test_vectors_have_one_column():
    parsed = parse_latex(r"x^{\top}Ax")
    x_rows, x_cols = parsed.shapes["x"]
    assert x_cols == 1 and parsed.shapes["A"] == (x_rows, x_rows)


@pytest.mark.parametrize("text, shapes, match", [
    (r"AB", {"A": (4, 3), "B": (2, 2)}, r"cannot multiply A \(4×3\) by B \(2×2\)"),
    (r"A = B", {"A": (4, 3), "B": (3, 4)}, r"sides A \(4×3\) and B \(3×4\)"),
    (r"A + B", {"A": (4, 3), "B": (4, 4)}, r"cannot add A \(4×3\) and B \(4×4\)"),
    (r"A^{-1}", {"A": (4, 3)}, r"inverse needs a square matrix, but A is 4×3"),
    (r"\text{Tr}(A)", {"A": (4, 3)}, r"trace needs a square matrix"),
    (r"A^{\top}A + I_4", {"A": (4, 3)}, r"cannot add"),
    (r"\langle A, B\rangle_F", {"A": (4, 3), "B": (3, 4)}, r"inner product needs equal shapes"),
    (r"\boldsymbol{A}\in\mathbb{R}^{n\times r}, \boldsymbol{A}^{\top}\boldsymbol{A} + \epsilon\boldsymbol{I}_n", None,
     r"cannot add"),
    (r"A \in \mathbb{R}^{2\times 3}", {"A": (4, 3)}, r"declared 2×3"),
    (r"A = \lambda", None, r"scalar is equated with A"),
])
def test_shape_conflicts_name_the_subexpression(text, shapes, match):
    with pytest.raises(InputShapeError, match=match) as caught:
        parse_latex(text, shapes=shapes)
    assert "formula[" in str(caught.value)


def test_conflict_message_quotes_the_source():
    with pytest.raises(InputShapeError) as caught:
        parse_latex(r"2 A^{\top} B", shapes={"A": (4, 3), "B": (2, 2)})
    assert caught.value.value == r"2 A^{\top} B"


@pytest.mark.parametrize("shapes, error", [
    ({"A": (0, 3)}, InputShapeError),
    ({"A": (True, 3)}, InputShapeError),
    ({"A": (4.0, 3)}, InputShapeError),
    ({"A": [4, 3]}, InputShapeError),
    ({"A": (4, 3, 1)}, InputShapeError),
    ({"A": ("n1", 3)}, InputShapeError),
    ({"A-1": (4, 3)}, InputShapeError),
    ("A=4x3", InputTypeError),
])
def test_bad_shapes_are_refused(shapes, error):
    with pytest.raises(error, match="shapes"):
        parse_latex(r"A", shapes=shapes)


def test_shape_for_a_scalar_name_is_refused():
    with pytest.raises(InputShapeError, match="scalar"):
        parse_latex(r"\lambda I", shapes={"lambda": (2, 2)})


# ---------------------------------------------------------- parse_shape_option

@pytest.mark.parametrize("option, expected", [
    ("A=4x3", {"A": (4, 3)}),
    ("A=4x3,B=3x2", {"A": (4, 3), "B": (3, 2)}),
    (" A=4x3 , A_s=4x2 ", {"A": (4, 3), "A_s": (4, 2)}),
    ("Lambda=10x10", {"Lambda": (10, 10)}),
])
def test_shape_option_parses(option, expected):
    assert parse_shape_option(option) == expected


@pytest.mark.parametrize("option", [
    "", "A", "A=4", "A=4x", "A=x3", "A=4*3", "A=4X3", "A=4×3", "A=0x3", "A=04x3", "A=-4x3",
    "A=4x3x2", "4x3", "A = 4x3", "A=4x3,", "A=4x3;B=2x2", "_A=4x3", "A=99999x3",
])
def test_shape_option_rejects(option):
    with pytest.raises(InputShapeError, match="shape"):
        parse_shape_option(option)


def test_shape_option_rejects_duplicates_and_non_strings():
    with pytest.raises(InputShapeError, match="given twice"):
        parse_shape_option("A=4x3,A=2x2")
    with pytest.raises(InputTypeError, match="string"):
        parse_shape_option({"A": (4, 3)})


def test_shape_option_feeds_parse_latex():
    parsed = parse_latex(r"AB", shapes=parse_shape_option("A=4x3,B=3x2"))
    assert parsed.tree.shape == (4, 2)
    assert dim("n") not in parsed.dimensions and parsed.dimensions == ()
    assert all(isinstance(s, sympy.Integer) for s in parsed.shapes["B"])
