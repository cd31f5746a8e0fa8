"""LaTeX -> SymPy, table-driven, and back: sympy.latex(expected) parses to expected."""

from __future__ import annotations

import random

import pytest
import sympy
from sympy import (
    Determinant, Identity, Inverse, MatAdd, MatMul, MatPow, Trace, Transpose, ZeroMatrix,
)

from derivcheck.exact.expr import Pinv
from derivcheck.latex.ast import Equation
from derivcheck.latex.parser import parse_latex

from ._symbols import SHAPES, A, A_s, B, Lam, M, P, Q, Sigma, canon, eps, lam, m, n, r, x


def madd(*terms):
    return MatAdd(*terms, evaluate=False)


def mmul(*factors):
    return MatMul(*factors, evaluate=False)


def frob2(X):
    return Trace(mmul(Transpose(X), X))


AB_M = madd(mmul(A, B), mmul(-1, M))

TABLE = [
    # products, names and styles
    (r"AB", mmul(A, B)),
    (r"\boldsymbol{A}\boldsymbol{B}", mmul(A, B)),
    (r"\mathbf{A} B", mmul(A, B)),
    (r"\boldsymbol{A}B", mmul(A, B)),
    (r"A \cdot B", mmul(A, B)),
    (r"A\,B", mmul(A, B)),
    (r"A\!B", mmul(A, B)),
    (r"A~B", mmul(A, B)),
    (r"A\quad B", mmul(A, B)),
    (r"A_s", A_s),
    (r"A_{s}", A_s),
    (r"\boldsymbol{A}_s", A_s),
    (r"\Lambda", Lam),
    (r"\boldsymbol{\Lambda}", Lam),
    (r"\varSigma", Sigma),
    # transposes
    (r"A^{\top}M", mmul(Transpose(A), M)),
    (r"A^\top M", mmul(Transpose(A), M)),
    (r"A^T M", mmul(Transpose(A), M)),
    (r"A^{T}M", mmul(Transpose(A), M)),
    (r"A^\intercal M", mmul(Transpose(A), M)),
    (r"(AB)^{\top}", Transpose(mmul(A, B))),
    (r"B^{\top}A^{\top}", mmul(Transpose(B), Transpose(A))),
    (r"(A^{\top})^{\top}", Transpose(Transpose(A))),
    # inverses, powers, pseudo-inverses
    (r"P^{-1}", Inverse(P)),
    (r"P^2", MatPow(P, 2)),
    (r"P^{2}", MatPow(P, 2)),
    (r"P^{-2}", MatPow(P, -2)),
    (r"(A^{\top}A)^{-1}A^{\top}", mmul(Inverse(mmul(Transpose(A), A)), Transpose(A))),
    (r"\left(A^{\top}A\right)^{-1}", Inverse(mmul(Transpose(A), A))),
    (r"\Big(P\Big)^{-1}", Inverse(P)),
    (r"[PQ]^{-1}", Inverse(mmul(P, Q))),
    (r"A^{\dagger}", Pinv(A)),
    (r"A^\dagger", Pinv(A)),
    (r"A^+", Pinv(A)),
    (r"A^{+}", Pinv(A)),
    (r"(AB)^{+}", Pinv(mmul(A, B))),
    (r"A_s^{\dagger}", Pinv(A_s)),
    (r"A^{\dagger}_s", Pinv(A_s)),
    (r"\Lambda^{\dagger}", Pinv(Lam)),
    # sums, coefficients, identities, zeros
    (r"AB - M", AB_M),
    (r"-M + AB", AB_M),
    (r"2A^{\top}(AB - M)", mmul(2, Transpose(A), AB_M)),
    (r"-AB", mmul(-1, A, B)),
    (r"\frac{1}{2}P", mmul(sympy.Rational(1, 2), P)),
    (r"\frac{P}{2}", mmul(sympy.Rational(1, 2), P)),
    (r"0.5P", mmul(sympy.Rational(1, 2), P)),
    (r"P - Q - P", madd(P, mmul(-1, Q), mmul(-1, P))),
    (r"A^{\top}A + \epsilon I_r", madd(mmul(Transpose(A), A), mmul(eps, Identity(r)))),
    (r"A^{\top}A + \varepsilon \boldsymbol{I}_r", madd(mmul(Transpose(A), A), mmul(eps, Identity(r)))),
    (r"A^{\top}A + \lambda I", madd(mmul(Transpose(A), A), mmul(lam, Identity(r)))),
    (r"(\boldsymbol{A}^{\top} \boldsymbol{A} + \epsilon \boldsymbol{I}_r)^{-1}\boldsymbol{A}^{\top}",
     mmul(Inverse(madd(mmul(Transpose(A), A), mmul(eps, Identity(r)))), Transpose(A))),
    (r"P + I_{n\times n}", madd(P, Identity(n))),
    (r"A^{\top}A\,x", mmul(Transpose(A), A, x)),
    # scalars
    (r"\text{Tr}(A^{\top}A)", frob2(A)),
    (r"\operatorname{tr}(A^{\top}A)", frob2(A)),
    (r"\mathrm{tr}\left(A^{\top}A\right)", frob2(A)),
    (r"\|A\|_F^2", frob2(A)),
    (r"\Vert A\Vert_F^2", frob2(A)),
    (r"\Vert A\Vert_F", sympy.sqrt(frob2(A))),
    (r"\left\| AB - M \right\|_F^2", frob2(AB_M)),
    (r"\|x\|_2", sympy.sqrt(frob2(x))),
    (r"\langle P, Q\rangle_F", Trace(mmul(Transpose(P), Q))),
    (r"\det(P)", Determinant(P)),
    (r"\sqrt{\text{Tr}(P)}", sympy.sqrt(Trace(P))),
    (r"\epsilon", eps),
    (r"\varepsilon", eps),
    (r"\frac{\lambda}{2}", lam / 2),
    (r"\epsilon^{-1}", 1 / eps),
    (r"0", sympy.Integer(0)),
    (r"\text{diag}(1, 2)", sympy.ImmutableMatrix([[1, 0], [0, 2]])),
]


@pytest.mark.parametrize("text, expected", TABLE, ids=[t for t, _ in TABLE])
def test_parses_to(text, expected):
    parsed = parse_latex(text, shapes=SHAPES)
    assert canon(parsed.tree) == canon(expected)


def test_zero_takes_the_shape_of_the_other_side():
    parsed = parse_latex(r"AB = 0", shapes=SHAPES)
    assert parsed.tree == Equation((mmul(A, B), ZeroMatrix(n, m)))


def test_scalar_letters_are_real_symbols():
    parsed = parse_latex(r"\frac{a}{b - c}")
    a, b_, c = (sympy.Symbol(s, real=True) for s in "abc")
    assert parsed.tree == a / (b_ - c)
    assert parsed.matrices == {}


def test_one_sided_inverse_is_a_name_not_an_inverse():
    parsed = parse_latex(r"A^{-1}_{left}=\left(A^TA\right)^{-1}A^T", shapes={"A": ("n", "r")})
    left = parsed.matrices["A^{-1}_{left}"]
    assert parsed.tree == Equation((left, mmul(Inverse(mmul(Transpose(A), A)), Transpose(A))))
    assert left.shape == (r, n)
    assert parse_latex(r"A_{left}^{-1}").matrices.keys() == {"A^{-1}_{left}"}


def test_same_name_same_symbol_whatever_the_style():
    parsed = parse_latex(r"\boldsymbol{A}^{\top} A = \mathbf{A}^T\boldsymbol{A}")
    assert list(parsed.matrices) == ["A"]
    left, right = parsed.tree.sides
    assert left == right


# ----------------------------------------------------------------- round trip

ROUND_TRIP = [
    e for _, e in TABLE if isinstance(e, sympy.MatrixExpr) and not isinstance(e, sympy.MatrixBase)
] + [
    mmul(Pinv(A), Transpose(Pinv(Sigma))),
    Transpose(Pinv(mmul(A, B))),
    Inverse(madd(mmul(Transpose(A), A), mmul(lam, Identity(r)))),
    mmul(Inverse(mmul(P, Q)), Transpose(Inverse(P))),
    sympy.sqrt(frob2(AB_M)),
]


@pytest.mark.parametrize("expected", ROUND_TRIP, ids=[sympy.latex(e) for e in ROUND_TRIP])
def test_printed_latex_parses_back(expected):
    text = sympy.latex(expected)
    assert canon(parse_latex(text, shapes=SHAPES).tree) == canon(expected)


def _product(left, right):
    """A flat product with one leading coefficient, built with constructors only."""
    coefficient, factors = sympy.Integer(1), []
    for part in (left, right):
        if isinstance(part, MatMul):
            coeff, mats = part.as_coeff_matrices()
            coefficient, factors = coefficient * coeff, factors + list(mats)
        elif isinstance(part, sympy.MatrixExpr):
            factors.append(part)
        else:
            coefficient = coefficient * part
    if coefficient == 1 and len(factors) == 1:
        return factors[0]
    return mmul(*([] if coefficient == 1 else [coefficient]), *factors)


def _sum(left, right):
    terms = [t for part in (left, right) for t in (part.args if isinstance(part, MatAdd) else [part])]
    return madd(*terms)


def _random_square_expression(rng: random.Random, depth: int):
    """A random unevaluated expression in the square P, Q (seeded, independent of the parser)."""
    if depth == 0:
        return rng.choice([P, Q])
    op = rng.choice(["mul", "mul", "add", "T", "inv", "pinv", "neg", "scale"])
    left = _random_square_expression(rng, depth - 1)
    if op == "mul":
        return _product(left, _random_square_expression(rng, depth - 1))
    if op == "add":
        return _sum(left, _random_square_expression(rng, depth - 1))
    if op == "T":  # (X^T)^T prints as X in SymPy's LaTeX: avoid it
        return left.arg if isinstance(left, Transpose) else Transpose(left)
    if op == "inv":
        return Inverse(left)
    if op == "pinv":
        return Pinv(left)
    if op == "neg":
        return _product(sympy.Integer(-1), left)
    return _product(sympy.Rational(rng.randint(2, 5), rng.randint(1, 3)), left)


@pytest.mark.parametrize("seed", range(60))
def test_random_expressions_round_trip(seed):
    rng = random.Random(seed)
    expected = _random_square_expression(rng, depth=4)
    text = sympy.latex(expected)
    parsed = parse_latex(text, shapes=SHAPES)
    assert canon(parsed.tree) == canon(expected), text
