"""Formula structure: equations, gradients, argmins, limits, implications, declarations."""

from __future__ import annotations

import dataclasses

import pytest
import sympy
from sympy import FunctionMatrix, Identity, Inverse, MatAdd, MatMul, Trace, Transpose

from derivcheck.exact.expr import Pinv
from derivcheck.latex.ast import (
    Argmin, Conjunction, Declaration, Equation, Gradient, Implication, MatrixLimit, Minimum, shape_of,
)
from derivcheck.latex.parser import ParsedFormula, parse_latex

from ._symbols import SHAPES, A, B, M, canon, dim, eps, lam, m, n, r


def madd(*terms):
    return MatAdd(*terms, evaluate=False)


def mmul(*factors):
    return MatMul(*factors, evaluate=False)


def frob2(X):
    return Trace(mmul(Transpose(X), X))


AB_M = madd(mmul(A, B), mmul(-1, M))
GRADIENT_B = mmul(2, Transpose(A), AB_M)
LOSS = sympy.Symbol(r"\mathcal{L}", real=True)


def test_gradient_of_a_named_loss():
    parsed = parse_latex(
        r"\frac{\partial \mathcal{L}}{\partial \boldsymbol{B}} = 2\boldsymbol{A}^{\top}(\boldsymbol{A}\boldsymbol{B}-\boldsymbol{M})",
        shapes=SHAPES,
    )
    assert canon(parsed.tree.rhs) == canon(GRADIENT_B)
    assert parsed.tree.lhs == Gradient(LOSS, B)
    assert parsed.tree.lhs.shape == (r, m)
    assert parsed.scalars == {r"\mathcal{L}": LOSS}


def test_gradient_operator_applies_to_the_rest_of_the_side():
    parsed = parse_latex(r"\frac{\partial}{\partial B} \| AB - M \|_F^2 = 2A^T (AB - M)", shapes=SHAPES)
    gradient = parsed.tree.lhs
    assert isinstance(gradient, Gradient) and gradient.wrt == B
    assert canon(gradient.loss) == canon(frob2(AB_M))


@pytest.mark.parametrize("operator", [
    r"\mathop{\text{argmin}}_\boldsymbol{B}", r"\arg\min_B", r"\argmin_{B}", r"\operatorname{argmin}_B",
])
def test_argmin_spellings(operator):
    parsed = parse_latex(operator + r" \Vert AB - M\Vert_F^2", shapes=SHAPES)
    assert isinstance(parsed.tree, Argmin)
    assert parsed.tree.var == B
    assert canon(parsed.tree.objective) == canon(frob2(AB_M))
    assert shape_of(parsed.tree) == (r, m)


def test_argmin_takes_the_whole_sum():
    parsed = parse_latex(r"\arg\min_B \|AB - M\|_F^2 + \epsilon\|B\|_F^2", shapes=SHAPES)
    expected = frob2(AB_M) + eps * frob2(B)
    assert canon(parsed.tree.objective) == canon(expected)


def test_min_is_a_scalar_value():
    parsed = parse_latex(r"\min_B \|AB - M\|_F^2", shapes=SHAPES)
    assert isinstance(parsed.tree, Minimum) and shape_of(parsed.tree) == ()


def test_regularised_limit_of_the_closed_form():
    parsed = parse_latex(
        r"\boldsymbol{A}^{\dagger} = \lim_{\epsilon\to 0}\,(\boldsymbol{A}^{\top} \boldsymbol{A} + \epsilon \boldsymbol{I}_r)^{-1}\boldsymbol{A}^{\top}",
        shapes=SHAPES,
    )
    body = mmul(Inverse(madd(mmul(Transpose(A), A), mmul(eps, Identity(r)))), Transpose(A))
    assert parsed.tree.lhs == Pinv(A)
    limit = parsed.tree.rhs
    assert isinstance(limit, MatrixLimit)
    assert (limit.var, limit.point, limit.direction) == (eps, 0, "+-")  # written two-sided
    assert canon(limit.expr) == canon(body)
    assert limit.shape == (r, n)


@pytest.mark.parametrize("lim", [r"\lim\limits_{\epsilon\to 0}", r"\lim_{\epsilon \to 0^+}", r"\lim_{\epsilon\rightarrow 0}"])
def test_limit_spellings(lim):
    parsed = parse_latex(lim + r"(A^{\top}A + \epsilon I)^{-1}", shapes=SHAPES)
    assert isinstance(parsed.tree, MatrixLimit) and parsed.tree.var == eps


def test_limit_of_an_argmin():
    parsed = parse_latex(
        r"A^{\dagger} = \lim_{\epsilon\to 0}\,\mathop{\text{argmin}}_B \Vert AB - I_n\Vert_F^2 + \epsilon\Vert B\Vert_F^2",
        shapes={"A": ("n", "r")},
    )
    limit = parsed.tree.rhs
    B_square = parsed.matrices["B"]
    assert B_square.shape == (r, n)
    assert isinstance(limit.expr, Argmin) and limit.expr.var == B_square
    expected = frob2(madd(mmul(A, B_square), mmul(-1, Identity(n)))) + eps * frob2(B_square)
    assert canon(limit.expr.objective) == canon(expected)


def test_scalar_limit_is_sympy_limit_unevaluated():
    parsed = parse_latex(r"\lim\limits_{\epsilon\to 0}\,(\lambda_i + \epsilon)^{-1}=\lambda_i^{-1}")
    lam_i = sympy.Symbol("lambda_i", real=True)  # a divisor is not assumed nonzero: \lambda_i^{-1}
    assert parsed.tree == Equation((sympy.Limit(1 / (lam_i + eps), eps, 0, "+"), 1 / lam_i))
    assert parsed.conventions == ()


def test_implications_in_an_align_environment():
    parsed = parse_latex(
        "\\begin{align}\n2A^{\\top}(AB-M)=0\\quad\\Rightarrow\\quad B = (A^{\\top}A)^{-1}A^{\\top}M \\\\\n"
        "2(AB-M)B^{\\top}=0\\quad\\Rightarrow\\quad A = MB^{\\top}(BB^{\\top})^{-1}\n\\end{align}",
        shapes=SHAPES,
    )
    assert isinstance(parsed.tree, Conjunction) and len(parsed.tree.parts) == 2
    first = parsed.tree.parts[0]
    assert isinstance(first, Implication)
    assert canon(first.premise.lhs) == canon(GRADIENT_B)
    assert first.premise.rhs == sympy.ZeroMatrix(r, m)
    assert canon(first.conclusion.rhs) == canon(mmul(Inverse(mmul(Transpose(A), A)), Transpose(A), M))


def test_aligned_continuation_lines_extend_one_chain():
    parsed = parse_latex(
        "\\begin{equation}\\begin{aligned}\nP Q =&\\, Q P \\\\\n=&\\, P \\\\\n=&\\, Q\n\\end{aligned}\\end{equation}",
        shapes=SHAPES,
    )
    assert isinstance(parsed.tree, Equation) and len(parsed.tree.sides) == 4


def test_comma_quad_pairs_are_a_conjunction():
    parsed = parse_latex(r"P^{\dagger} = P^{-1},\quad Q^{\dagger} = Q^{-1}", shapes=SHAPES)
    P, Q = parsed.matrices["P"], parsed.matrices["Q"]
    assert parsed.tree == Conjunction((Equation((Pinv(P), Inverse(P))), Equation((Pinv(Q), Inverse(Q)))))


def test_declarations_fix_named_dimensions():
    parsed = parse_latex(
        r"\boldsymbol{A}\in\mathbb{R}^{n\times r}, \boldsymbol{B}\in\mathbb{R}^{r\times m}, \boldsymbol{M}\in\mathbb{R}^{n\times m}"
    )
    assert parsed.tree == Conjunction((Declaration(A, (n, r)), Declaration(B, (r, m)), Declaration(M, (n, m))))
    assert parsed.dimensions == (m, n, r)


def test_declaration_lists_and_vectors():
    parsed = parse_latex(r"P, Q \in \mathbb{R}^{n\times m}, x \in \mathbb{R}^{3}, \lambda \in \mathbb{R}")
    shapes = {d.target.name: d.shape for d in parsed.tree.parts}
    assert shapes == {"P": (n, m), "Q": (n, m), "x": (3, 1), "lambda": ()}


def test_scalar_relations_stay_unevaluated():
    parsed = parse_latex(r"\lambda > 0")
    assert isinstance(parsed.tree, sympy.StrictGreaterThan)  # not sympy.true
    assert parsed.tree.args == (lam, 0)


def test_mixed_chain_is_a_conjunction():
    parsed = parse_latex(r"x^T x = \|x\|_2^2 \geq 0")
    equation, relation = parsed.tree.parts
    assert isinstance(equation, Equation) and isinstance(relation, sympy.GreaterThan)


def test_diag_family_is_a_function_matrix():
    parsed = parse_latex(r"\boldsymbol{\Lambda}=\text{diag}(\lambda_1,\lambda_2,\cdots,\lambda_r)")
    family = parsed.tree.rhs
    assert isinstance(family, FunctionMatrix) and family.shape == (r, r)
    lam_family = sympy.IndexedBase(sympy.Symbol("lambda", real=True), real=True)
    explicit = family.subs(r, 3).as_explicit()
    expected = [[lam_family[i + 1] if i == j else 0 for j in range(3)] for i in range(3)]
    assert explicit.tolist() == expected


def test_diag_family_of_an_expression():
    parsed = parse_latex(
        r"(\Lambda + \epsilon I_r)^{-1} = \text{diag}\Big((\lambda_1 + \epsilon)^{-1},(\lambda_2 + \epsilon)^{-1},\cdots,(\lambda_r + \epsilon)^{-1}\Big)"
    )
    lam_family = sympy.IndexedBase(sympy.Symbol("lambda", real=True), real=True)
    explicit = parsed.tree.rhs.subs(r, 2).as_explicit()
    assert explicit.tolist() == [[1 / (lam_family[1] + eps), 0], [0, 1 / (lam_family[2] + eps)]]


def test_one_by_one_matrix_may_equal_a_scalar():
    parsed = parse_latex(r"x^T (A^T A + \lambda I) x = \|Ax\|_2^2 + \lambda \|x\|_2^2")
    x = parsed.matrices["x"]
    assert x.shape[1] == 1
    assert parsed.tree.lhs.shape == (1, 1)
    assert not getattr(parsed.tree.rhs, "is_Matrix", False)


def test_parsed_formula_is_immutable():
    parsed = parse_latex(r"AB", shapes=SHAPES)
    assert isinstance(parsed, ParsedFormula) and parsed.source == "AB"
    with pytest.raises(dataclasses.FrozenInstanceError):
        parsed.tree = None
    with pytest.raises(TypeError):
        parsed.matrices["C"] = A
    assert parsed.shapes == {"A": (n, r), "B": (r, m)}


def test_vectors_are_inferred_from_context():
    parsed = parse_latex(r"(K+\lambda I)\alpha=y")
    assert parsed.matrices["alpha"].shape[1] == 1
    assert parsed.matrices["y"].shape[1] == 1
    assert parsed.matrices["K"].shape[0] == parsed.matrices["K"].shape[1]
    scalar_only = parse_latex(r"ad - bc")
    assert scalar_only.matrices == {} and set(scalar_only.scalars) == {"a", "b", "c", "d"}


def test_fresh_dimensions_are_positive_integers():
    parsed = parse_latex(r"A^{\top}(AB - M)")
    for symbol in parsed.dimensions:
        assert symbol.is_integer and symbol.is_positive
    assert dim("rows_A") in parsed.dimensions
