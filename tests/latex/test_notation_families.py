"""Notation families: each written form parses to the same tree as its plain form.

A case fails when a notation is read differently from the plain LaTeX it stands for
(a font that changes a matrix into a product, ``^*`` read as anything but the
transpose, ``0.1`` read inexactly). The check layer's tests (verdicts, false
formulas refuted) are in ``tests/checks/test_latex_checks.py``.
"""

from __future__ import annotations

import pytest
import sympy
from sympy import Identity, Inverse, KroneckerProduct, MatMul, Transpose

from derivcheck.errors import InputShapeError, LatexParseError
from derivcheck.exact.expr import Pinv
from derivcheck.latex.ast import (
    Conjunction, Declaration, Definition, Equation, Gradient, MatrixLimit, MatrixNullity, MatrixRank, Membership, Subspace,
)
from derivcheck.latex.parser import parse_latex

from ._symbols import canon

# (family, written form, plain form): both must parse to one tree.
SAME_TREE = [
    # fonts around names and whole subexpressions
    ("font", r"\mathbf{A}^+ \mathbf{A} \mathbf{A}^+ = \mathbf{A}^+", r"A^+ A A^+ = A^+"),
    ("font", r"\mathbf{A^\top A}", r"A^\top A"),
    ("font", r"\boldsymbol{(A B)^+}", r"(AB)^+"),
    ("font", r"{\bf A}^+ = {\bf A}^T", r"A^+ = A^T"),
    ("font", r"\bf A B", r"A B"),
    ("font", r"\mathrm{A}^T \mathsf{B}", r"A^T B"),
    ("font", r"\pmb{A}\bm{B}", r"AB"),
    ("font", r"\mathbf{I}_n - \mathrm{P}", r"I_n - P"),
    ("font", r"\mathrm{A}_s", r"A_s"),
    ("font", r"\hat{\boldsymbol\beta} = (\mathbf X^T \mathbf X)^{-1}\mathbf X^T \mathbf y",
     r"\hat{\boldsymbol{\beta}} = (X^T X)^{-1}X^T \mathbf{y}"),
    ("font", r"x^\star = A^\dagger b", r"x^* = A^+ b"),
    ("font", r"\hat\beta = A^+ b", r"\hat{\beta} = A^+ b"),
    ("font", r"\hat\mathbf{x} = A^+ b", r"\hat{\mathbf{x}} = A^+ b"),
    # transposes
    ("transpose", r"A^{\mathsf T} B", r"A^T B"),
    ("transpose", r"A^{\mathsf{T}} B", r"A^T B"),
    ("transpose", r"A^{\mathrm T} B", r"A^T B"),
    ("transpose", r"A^{\mathrm{T}} B", r"A^T B"),
    ("transpose", r"A^\intercal B", r"A^T B"),
    ("transpose", r"A^* B", r"A^T B"),
    ("transpose", r"A^H B", r"A^T B"),
    ("transpose", r"A^{\ast} B", r"A^T B"),
    ("transpose", r"A^{-T}", r"(A^T)^{-1}"),
    ("transpose", r"A^{-\top}", r"(A^T)^{-1}"),
    ("transpose", r"Aᵀ B", r"A^T B"),
    ("transpose", r"A^⊤ B", r"A^T B"),
    # pseudo-inverses
    ("pinv", r"A^{+}", r"A^+"),
    ("pinv", r"A^\dagger", r"A^+"),
    ("pinv", r"A^{\dagger}", r"A^+"),
    ("pinv", r"A^†", r"A^+"),
    ("pinv", r"A⁺", r"A^+"),
    ("pinv", r"A^{+*}", r"(A^+)^T"),
    ("pinv", r"A^{*+}", r"(A^T)^+"),
    ("pinv", r"A^{\dagger T}", r"(A^+)^T"),
    ("pinv", r"\operatorname{pinv}(A)", r"A^+"),
    ("pinv", r"\mathrm{pinv}(A B)", r"(AB)^+"),
    # Unicode
    ("unicode", r"(AᵀA + εI)⁻¹Aᵀ", r"(A^T A + \epsilon I)^{-1}A^T"),
    ("unicode", r"λ I + Σ", r"\lambda I + \Sigma"),
    ("unicode", r"A² = A", r"A^2 = A"),
    ("unicode", r"‖x‖² = xᵀx", r"\|x\|^2 = x^T x"),
    ("unicode", r"A − B", r"A - B"),
    ("unicode", r"a ≠ b", r"a \neq b"),
    ("unicode", r"a ≤ b ≥ c", r"a \le b \ge c"),
    ("unicode", r"A ∈ ℝ^{m×n}", r"A \in \mathbb{R}^{m\times n}"),
    ("unicode", r"A · B", r"A B"),
    ("unicode", r"σ₁ ≥ σ₂", r"\sigma_1 \ge \sigma_2"),
    ("unicode", r"A ⇒ B", r"A \Rightarrow B"),
    # products
    ("product", r"A * A^+ * A = A", r"A A^+ A = A"),
    ("product", r"A \cdot A^+ \cdot A", r"A A^+ A"),
    ("product", r"A \times B", r"A B"),
    ("product", r"A \ast B", r"A B"),
    ("product", r"2 \cdot A", r"2A"),
    # grouping
    ("grouping", r"\{A + B\}^T", r"(A + B)^T"),
    ("grouping", r"\left\{A + B\right\}^T", r"(A + B)^T"),
    ("grouping", r"\left[A + B\right]^T", r"(A + B)^T"),
    ("grouping", r"\big(A + B\big)^T", r"(A + B)^T"),
    ("grouping", r"\Big[A + B\Big]^T", r"(A + B)^T"),
    ("grouping", r"\bigg(A\bigg) \Bigg(B\Bigg)", r"(A)(B)"),
    ("grouping", r"\bigl(A + B\bigr)^T \Bigl(C\Bigr)", r"(A + B)^T C"),
    ("grouping", r"\left. A^T \right.", r"A^T"),
    # limits
    ("limit", r"\lim_{\epsilon \to 0^+} (A^TA + \epsilon I)^{-1}A^T", r"\lim_{\epsilon \to 0^{+}} (A^TA + \epsilon I)^{-1}A^T"),
    ("limit", r"\lim_{\epsilon \searrow 0} (A^TA + \epsilon I)^{-1}A^T", r"\lim_{\epsilon \to 0^+} (A^TA + \epsilon I)^{-1}A^T"),
    ("limit", r"\lim_{\epsilon \downarrow 0} (A^TA + \epsilon I)^{-1}A^T", r"\lim_{\epsilon \to 0^+} (A^TA + \epsilon I)^{-1}A^T"),
    ("limit", r"\lim_{ε↘0} (AᵀA + εI)⁻¹Aᵀ", r"\lim_{\epsilon \to 0^+} (A^TA + \epsilon I)^{-1}A^T"),
    ("limit", r"\lim_{ε→0⁺} (AᵀA + εI)⁻¹Aᵀ", r"\lim_{\epsilon \to 0^+} (A^TA + \epsilon I)^{-1}A^T"),
    ("limit", r"\lim_{\epsilon \rightarrow 0} (A^TA + \epsilon I)^{-1}A^T", r"\lim_{\epsilon \to 0} (A^TA + \epsilon I)^{-1}A^T"),
    ("limit", r"\lim_{ε→0} (AᵀA + εI)⁻¹Aᵀ", r"\lim_{\epsilon \to 0} (A^TA + \epsilon I)^{-1}A^T"),
    ("limit", r"\lim_{\alpha \to 0^+}[(A^TA + \alpha I)^{-1}A^T y]",
     r"\lim_{\alpha \to 0^+}((A^TA + \alpha I)^{-1}A^T y)"),
    # derivatives
    ("derivative", r"\nabla_x \|Ax - b\|_2^2", r"\frac{\partial}{\partial x} \|Ax - b\|_2^2"),
    ("derivative", r"\nabla_{\mathbf{x}} \|\mathbf{A}\mathbf{x} - \mathbf{b}\|_2^2",
     r"\frac{\partial}{\partial x} \|Ax - b\|_2^2"),
    ("derivative", r"\nabla_X \|AX - B\|_F^2", r"\frac{\partial}{\partial X} \|AX - B\|_F^2"),
    ("derivative", r"\frac{\partial}{\partial X}\left(\|AX - B\|_F^2\right)", r"\frac{\partial}{\partial X} \|AX - B\|_F^2"),
    ("derivative", r"∇_x ‖Ax − b‖²", r"\frac{\partial}{\partial x} \|Ax - b\|_2^2"),
    ("derivative", r"\frac{∂}{∂X} \operatorname{tr}(AX)", r"\frac{\partial}{\partial X} \text{Tr}(AX)"),
    # optima
    ("optimum", r"\operatorname*{arg\,min}_x \|Ax - b\|^2", r"\arg\min_x \|Ax - b\|^2"),
    ("optimum", r"\underset{x}{\arg\min} \|Ax - b\|^2", r"\arg\min_x \|Ax - b\|^2"),
    ("optimum", r"\underset{x \in \mathbb{R}^n}{\operatorname{argmin}} \|Ax - b\|^2",
     r"\arg\min_{x \in \mathbb{R}^n} \|Ax - b\|^2"),
    ("optimum", r"\underset{X}{\min} \|AX - I\|_F", r"\min_X \|AX - I\|_F"),
    ("derivative", r"\frac{\partial x^T B x}{\partial x}", r"\frac{\partial}{\partial x} x^T B x"),
    ("derivative", r"\frac{\partial \|x\|_2^2}{\partial x}", r"\nabla_x \|x\|^2"),
    ("transpose", r"A^{\mathrm{H}} B", r"A^T B"),
    ("transpose", r"A^{\mathsf H} B", r"A^T B"),
    # norms
    ("norm", r"\lVert x \rVert_2^2", r"\|x\|_2^2"),
    ("norm", r"\Vert A \Vert_F^2", r"\|A\|_F^2"),
    ("norm", r"‖A‖_F", r"\|A\|_F"),
    ("norm", r"\|x\|", r"\|x\|_2"),
    ("norm", r"\left\| A \right\|_F", r"\|A\|_F"),
    # named functions
    ("function", r"\mathrm{tr}(AB)", r"\text{Tr}(AB)"),
    ("function", r"\operatorname{tr}(AB)", r"\text{Tr}(AB)"),
    ("function", r"\mathrm{Tr}(AB)", r"\text{Tr}(AB)"),
    ("function", r"\operatorname{Tr}(AB)", r"\text{Tr}(AB)"),
    ("function", r"\det(A)", r"\det A"),
    ("function", r"\operatorname{tr}[A^TA]", r"\text{Tr}(A^TA)"),
    ("function", r"\operatorname{rank}(A)", r"\mathrm{rank}(A)"),
    ("function", r"\text{rank}(A)", r"\mathrm{rank}(A)"),
    ("function", r"rank(A)", r"\mathrm{rank}(A)"),
    ("function", r"\operatorname{diag}(a, b)", r"\text{diag}(a, b)"),
    # concrete matrices
    ("matrix", r"\begin{bmatrix} 1 & 2 \\ 3 & 4 \end{bmatrix}", r"\begin{pmatrix} 1 & 2 \\ 3 & 4 \end{pmatrix}"),
    ("matrix", r"\begin{matrix} 1 & 2 \\ 3 & 4 \end{matrix}", r"\begin{pmatrix} 1 & 2 \\ 3 & 4 \end{pmatrix}"),
    ("matrix", r"\begin{array}{cc} 1 & 2 \\ 3 & 4 \end{array}", r"\begin{pmatrix} 1 & 2 \\ 3 & 4 \end{pmatrix}"),
    ("matrix", r"\left[\begin{array}{c|c} 1 & 2 \\ \hline 3 & 4 \end{array}\right]",
     r"\begin{pmatrix} 1 & 2 \\ 3 & 4 \end{pmatrix}"),
    ("matrix", r"\begin{pmatrix} 0.5 & -0.25 \\ 1 & 2 \\ \end{pmatrix}",
     r"\begin{pmatrix} \frac{1}{2} & -\frac{1}{4} \\ 1 & 2 \end{pmatrix}"),
    ("matrix", r"\begin{pmatrix} 1/2 & −1 \end{pmatrix}", r"\begin{pmatrix} \frac{1}{2} & -1 \end{pmatrix}"),
    # Kronecker products
    ("kronecker", r"A ⊗ B", r"A \otimes B"),
    ("kronecker", r"\mathbf{A} \otimes \mathbf{B}^T", r"A \otimes B^T"),
    # punctuation and ignored layout
    ("layout", r"A^+ = A^T.", r"A^+ = A^T"),
    ("layout", r"A^+ = A^T,", r"A^+ = A^T"),
    ("layout", r"A^+ = A^T;", r"A^+ = A^T"),
    ("layout", r"A^+ = A^T \label{eq:1} \tag{3}", r"A^+ = A^T"),
    ("layout", r"A^+ = A^T \nonumber", r"A^+ = A^T"),
    ("layout", r"A^+ = A^T \notag", r"A^+ = A^T"),
    ("layout", r"\displaystyle A^+ \,=\; A^T\!", r"A^+ = A^T"),
    ("layout", r"A^+ &= A^T \\ &= B", r"A^+ = A^T = B"),
    ("layout", r"A^+ = A^T \quad \text{for all } A", r"A^+ = A^T"),
    ("layout", r"AA^+A = A \qquad \text{for all } A \in \mathbb{R}^{m\times n}", r"AA^+A = A"),
    ("layout", r"AA^+A = A \text{ and } A^+AA^+ = A^+", r"AA^+A = A,\ A^+AA^+ = A^+"),
    ("layout", r"x^T A x = 0 \quad \forall x \neq 0", r"x^T A x = 0"),
    ("layout", r"A^+ \stackrel{(a)}{=} V\Sigma^+U^T \overset{\text{SVD}}{=} B", r"A^+ = V\Sigma^+U^T = B"),
    ("layout", r"\underbrace{A^TA}_{\text{invertible}} x = A^Tb", r"A^TA x = A^Tb"),
    ("layout", r"\overbrace{A^TA}^{n \times n} x = A^Tb", r"A^TA x = A^Tb"),
    ("layout", r"A = B \stackrel{\text{transpose}}{\rightarrow} A^T = B^T", r"A = B \Rightarrow A^T = B^T"),
    # subspaces
    ("subspace", r"x \in \operatorname{range}(A)", r"x \in C(A)"),
    ("subspace", r"x \in \mathcal{R}(A)", r"x \in C(A)"),
    ("subspace", r"x \in \operatorname{Im}(A^T)", r"x \in C(A^T)"),
    ("subspace", r"x \in \ker A", r"x \in N(A)"),
    ("subspace", r"x \in \operatorname{null}(A^\top)", r"x \in N(A^T)"),
    ("subspace", r"x \in \mathcal{N}(A)", r"x \in N(A)"),
    ("subspace", r"\dim \ker(A) = n - r", r"\dim N(A) = n - r"),
    # scalar inverses
    ("scalar", r"(cA)^+ = (1/c)A^+", r"(cA)^+ = \frac{1}{c}A^+"),
    ("scalar", r"(cA)^+ = c^{-1}A^+", r"(cA)^+ = \frac{1}{c}A^+"),
    ("scalar", r"\tfrac{1}{c} A^+", r"\frac{1}{c}A^+"),
]


def _tree(formula: str):
    tree = parse_latex(formula).tree
    if isinstance(tree, Equation):
        return Equation(tuple(canon(side) for side in tree.sides))
    return canon(tree) if isinstance(tree, sympy.Basic) else tree


@pytest.mark.parametrize("family, written, plain", SAME_TREE, ids=[f"{c[0]}:{c[1]}" for c in SAME_TREE])
def test_written_form_parses_to_the_plain_tree(family, written, plain):
    assert _tree(written) == _tree(plain)


def test_every_family_has_cases():
    families = {c[0] for c in SAME_TREE}
    assert families >= {"font", "transpose", "pinv", "unicode", "product", "grouping", "limit", "derivative",
                        "norm", "function", "matrix", "kronecker", "layout", "scalar", "subspace", "optimum"}


# A notation must not be read as something else: these pairs must differ.
DIFFERENT_TREE = [
    (r"A^* B", r"A B"),               # the transpose is not dropped
    (r"A^{-T}", r"A^{-1}"),           # the transpose is not dropped from the inverse
    (r"A^{+*}", r"A^+"),
    (r"\mathbf{A^\top A}", r"A A"),
    (r"\begin{pmatrix} 0.1 \end{pmatrix}", r"\begin{pmatrix} 0.10001 \end{pmatrix}"),
    (r"A \otimes B", r"A B"),
    (r"\{A + B\}^T", r"A + B^T"),
    (r"x \in \ker A", r"x \in \operatorname{range}(A)"),   # null space is not column space
    (r"x \in C(A)", r"x \in C(A^T)"),
    (r"\nabla_x \|Ax - b\|^2", r"\nabla_b \|Ax - b\|^2"),
]


@pytest.mark.parametrize("one, other", DIFFERENT_TREE)
def test_distinct_notations_stay_distinct(one, other):
    assert _tree(one) != _tree(other)


def test_optimum_domain_fixes_the_shape():
    parsed = parse_latex(r"\arg\min_{X \in \mathbb{R}^{3\times 2}} \|AX - B\|_F^2")
    assert parsed.shapes["X"] == (3, 2)
    with pytest.raises(InputShapeError, match="ranges over"):
        parse_latex(r"\arg\min_{x \in \mathbb{R}^3} \|Ax - b\|^2", shapes={"x": (2, 1)})


def test_decimals_and_fractions_are_exact():
    parsed = parse_latex(r"\frac{1}{25}\begin{pmatrix} 0.1 & -3 \\ \frac{2}{3} & 1/7 \end{pmatrix}")
    coefficient, literal = parsed.tree.args
    assert coefficient == sympy.Rational(1, 25)
    assert literal == sympy.ImmutableMatrix([[sympy.Rational(1, 10), -3], [sympy.Rational(2, 3), sympy.Rational(1, 7)]])
    assert all(isinstance(e, sympy.Rational) for e in literal)


def test_concrete_matrix_shapes_reach_named_matrices():
    parsed = parse_latex(r"A = \begin{pmatrix} 1 & 2 \\ 3 & 4 \\ 5 & 6 \end{pmatrix}")
    assert parsed.shapes["A"] == (3, 2)
    vmatrix = parse_latex(r"\begin{vmatrix} a & b \\ c & d \end{vmatrix}").tree
    assert isinstance(vmatrix, sympy.Determinant)


def test_conjugate_transpose_states_the_real_convention():
    assert any("conjugate transpose" in c for c in parse_latex(r"H^* H").conventions)
    assert any("conjugate transpose" in c for c in parse_latex(r"A^H").conventions)
    assert parse_latex(r"A^T A").conventions == ()


def test_lowercase_star_is_an_optimum_not_a_transpose():
    parsed = parse_latex(r"x^* = A^+ b")
    assert "x^*" in parsed.matrices and parsed.shapes["x^*"] == (parsed.shapes["A"][1], 1)
    assert parse_latex(r"x^*").conventions == ()


def test_limits_record_their_side_and_the_variable_is_positive():
    one_sided = parse_latex(r"\lim_{\alpha \searrow 0} (A^TA + \alpha I)^{-1}A^T").tree
    two_sided = parse_latex(r"\lim_{t \to 0} (A^TA + t I)^{-1}A^T").tree
    assert isinstance(one_sided, MatrixLimit) and one_sided.direction == "+"
    assert two_sided.direction == "+-"
    assert one_sided.var.is_positive and two_sided.var.is_positive
    with pytest.raises(LatexParseError, match="from below"):
        parse_latex(r"\lim_{t \nearrow 0} (A^TA + t I)^{-1}A^T")


def test_a_divisor_is_not_assumed_nonzero():
    # (cA)^+ = (1/c)A^+ is undefined at c = 0: the checker samples c = 0 and reports
    # the condition, so the parser must not build c nonzero behind the reader's back.
    parsed = parse_latex(r"(cA)^+ = \frac{1}{c}A^+")
    assert parsed.scalars["c"].is_nonzero is None and parsed.conventions == ()
    assert parse_latex(r"(\alpha A)^+ = \alpha^{-1} A^+").scalars["alpha"].is_nonzero is None


def test_a_stated_scalar_condition_is_a_hypothesis():
    for text in (r"(cA)^+ = \frac{1}{c}A^+, \quad c \neq 0", r"c \ne 0 \Rightarrow (cA)^+ = c^{-1}A^+",
                 r"(cA)^+ = c^{-1}A^+, \quad 0 \neq c"):
        parsed = parse_latex(text)
        assert parsed.scalars["c"].is_nonzero, text
        assert parsed.conventions == ("c ≠ 0 is stated in the formula: the other statements are checked under it",)
    positive = parse_latex(r"(cA)^+ = c^{-1}A^+, \quad c > 0").scalars["c"]
    assert positive.is_positive
    # Wrong readings rejected: a relation with a nonzero number, or of a product, states nothing on c.
    assert parse_latex(r"(cA)^+ = c^{-1}A^+, \quad c \neq 1").scalars["c"].is_nonzero is None
    assert parse_latex(r"(cA)^+ = c^{-1}A^+, \quad c < 0").scalars["c"].is_positive is None


def test_gradient_of_a_quadratic_form_is_a_scalar_loss():
    tree = parse_latex(r"\nabla_x x^T A x = (A + A^T)x").tree
    assert isinstance(tree.lhs, Gradient) and isinstance(tree.lhs.loss, sympy.Trace)
    with pytest.raises(InputShapeError, match="gradient needs a scalar"):
        parse_latex(r"\nabla_x A x = x", shapes={"A": (3, 2)})


def test_kronecker_product_shapes_multiply():
    parsed = parse_latex(r"(A \otimes B)(C \otimes D) = AC \otimes BD")
    lhs = parsed.tree.lhs
    assert isinstance(lhs, MatMul) and all(isinstance(f, KroneckerProduct) for f in lhs.args)
    rows_a, cols_a = parsed.shapes["A"]
    rows_c, cols_c = parsed.shapes["C"]
    assert cols_a == rows_c  # joined factor by factor
    sized = parse_latex(r"A \otimes B = C", shapes={"A": (2, 3), "B": (3, 1)})
    assert sized.shapes["C"] == (6, 3)
    with pytest.raises(InputShapeError):
        parse_latex(r"A \otimes B = C", shapes={"A": (2, 2), "B": (3, 3), "C": (5, 5)})


def test_subspaces_memberships_and_dimensions():
    member = parse_latex(r"x, y \in C(A^T)").tree
    assert isinstance(member, Conjunction) and all(isinstance(p, Membership) for p in member.parts)
    A = parse_latex(r"x \in N(A)").matrices["A"]
    condition = parse_latex(r"x \in N(A)").tree.condition
    assert isinstance(condition, Equation)
    declared = parse_latex(r"C(A)\in\mathbb{R}^m,\ \dim C(A)=r").tree
    assert isinstance(declared.parts[0], Declaration) and isinstance(declared.parts[0].target, Subspace)
    assert declared.parts[0].shape == (sympy.Symbol("m", integer=True, positive=True), 1)
    assert isinstance(declared.parts[1].lhs, MatrixRank)
    assert isinstance(parse_latex(r"\dim N(A) = n - r").tree.lhs, MatrixNullity)
    assert parse_latex(r"P_{\mathcal{R}(A^\top)} = A^+ A").matrices.keys() == {"A", "P_{R(A^T)}"}
    assert A.shape[1] == parse_latex(r"x \in N(A)").shapes["x"][0]


@pytest.mark.parametrize("formula", [
    r"P := AA^+", r"P \coloneqq AA^+", r"P \triangleq AA^+", r"P \stackrel{\text{def}}{=} AA^+",
    r"P \overset{\mathrm{def}}{=} AA^+", r"P ≔ AA^+", r"P \coloneq AA^+",
])
def test_definition_signs_give_a_definition(formula):
    tree = parse_latex(formula).tree
    assert isinstance(tree, Definition)
    assert tree.target.name == "P" and sympy.sstr(tree.value) == "A*Pinv(A)"
    assert tree.target.shape == tree.value.shape


def test_a_where_clause_defines_the_names_before_it():
    parts = parse_latex(r"P^2 = P \quad\text{where}\quad P = AA^+,\ A \in \mathbb{R}^{m\times n}").tree.parts
    assert [type(p) for p in parts] == [Definition, Declaration, Equation]
    assert parts[0].target.shape == parts[0].value.shape


def test_a_definition_is_not_an_equation():
    assert isinstance(parse_latex(r"P = AA^+").tree, Equation)
    parts = parse_latex(r"P := AA^+,\ P^2 = P").tree.parts
    assert isinstance(parts[0], Definition) and isinstance(parts[1], Equation)
    with pytest.raises(LatexParseError, match="only a name"):
        parse_latex(r"AB := C")
    with pytest.raises(InputShapeError, match="defined as a"):
        parse_latex(r"P := A", shapes={"P": (2, 2), "A": (3, 2)})


# Unsupported notation of these families is refused with the notation named, never a traceback.
REFUSED = [
    (r"\nabla f", "needs its variable"),
    (r"\begin{bmatrix} A & B \\ C & D \end{bmatrix}", "block matrices"),
    (r"\begin{pmatrix} 1 & 2 \\ 3 \end{pmatrix}", "row 2 of the matrix has 1 entries"),
    (r"\begin{pmatrix} 1 & \ddots \end{pmatrix}", r"\\ddots"),
    (r"A^+ = A^T \text{ where } A \text{ is orthogonal}", "condition"),
    (r"A^+ = A^T \text{ if } A^TA = I", "condition"),
    (r"A = B \quad \text{for all } x = 0", "quantifier"),
    (r"P^2 = P \text{ where } P^T = P", "where-clause may only define"),
    (r"A^+ = A^T \text{ where } A \text{ is orthogonal}", "condition"),
    (r"C(A) + B", "subspace"),
    (r"x \in F(A)", "reads as a function"),
    (r"\dim A", "dim is only supported"),
    (r"A^{+-}", "unsupported superscript"),
    (r"A \stackrel{a}{\sum} B", "not a relation"),
    (r"\lim_{t \uparrow 0} t A", "from below"),
    (r"\mathrm{vec}(A)", "word 'vec'"),
    (r"\hat\beta = (X'X)^{-1}X'y", "prime"),
    (r"f = \begin{cases} 1 \end{cases}", "piecewise"),
]


@pytest.mark.parametrize("formula, match", REFUSED)
def test_unsupported_forms_are_refused_clearly(formula, match):
    with pytest.raises((LatexParseError, InputShapeError), match=match) as caught:
        parse_latex(formula)
    assert "Fix:" in str(caught.value)


def test_identity_inverse_and_transposes_in_one_tree():
    tree = parse_latex(r"A^{-T} A^T = I").tree
    inverse = tree.lhs.args[0]
    assert isinstance(inverse, Inverse) and isinstance(inverse.arg, Transpose)
    assert isinstance(tree.rhs, Identity)
    assert parse_latex(r"A^{+*}").tree == Transpose(Pinv(parse_latex("A").matrices["A"]))
