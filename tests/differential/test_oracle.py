"""The oracle itself: its pseudo-inverse, inverse, rank draws, derivative and judgement.

The differential tests are only as good as the oracle, so the oracle is
tested against definitions (the four Penrose conditions), against SymPy's
own ``Matrix.pinv`` and polynomial coefficients (cross-checks, not its
source), and its judge against fabricated verdicts that are wrong.
"""

from __future__ import annotations

import random
from fractions import Fraction

import pytest
import sympy

from differential_kit import exact_matrices as em
from differential_kit.gradients import GradientClaim, classify_gradient, exact_gradient, judge_gradient
from differential_kit.naive import naive_identity
from differential_kit.oracle import classify_identity, judge
from differential_kit.trees import Dual, Ident, Inv, Loss, Mul, P, Sym, T, evaluate_loss

from derivcheck import CheckResult, Verdict

SHAPES = [(m, n) for m in range(1, 5) for n in range(1, 5)]


@pytest.mark.parametrize("m,n", SHAPES)
def test_pinv_satisfies_the_four_penrose_conditions_at_every_rank(m, n):
    rng = random.Random(m * 10 + n)
    for r in range(min(m, n) + 1):
        a = em.random_matrix_of_rank(rng, m, n, r)
        assert em.rank(a) == r
        g = em.pinv(a)
        assert em.shape(g) == (n, m)
        assert em.mul(em.mul(a, g), a) == a
        assert em.mul(em.mul(g, a), g) == g
        assert em.transpose(em.mul(a, g)) == em.mul(a, g)
        assert em.transpose(em.mul(g, a)) == em.mul(g, a)


@pytest.mark.parametrize("m,n", [(3, 2), (2, 4), (3, 3), (4, 4)])
def test_pinv_agrees_with_sympy_matrix_pinv(m, n):
    rng = random.Random(99 + m * n)
    for r in range(min(m, n) + 1):
        a = em.random_matrix_of_rank(rng, m, n, r)
        theirs = sympy.Matrix([[sympy.Rational(x.numerator, x.denominator) for x in row] for row in a]).pinv()
        assert em.pinv(a) == em.as_matrix(theirs.tolist())


def test_pinv_is_not_the_transpose_or_the_inverse_formula():
    a = em.as_matrix([[1, 2], [2, 4], [0, 0]])  # rank 1: (AᵀA)⁻¹ does not exist
    assert em.pinv(a) == em.scale(Fraction(1, 25), em.transpose(a))
    with pytest.raises(em.Singular):
        em.inverse(em.mul(em.transpose(a), a))


def test_inverse_inverts_and_refuses_singular_matrices():
    rng = random.Random(5)
    for n in range(1, 5):
        a = em.random_matrix_of_rank(rng, n, n, n)
        assert em.mul(a, em.inverse(a)) == em.identity(n)
        with pytest.raises(em.Singular):
            em.inverse(em.random_matrix_of_rank(rng, n, n, n - 1))


def test_dual_derivative_matches_sympy_polynomial_coefficient():
    x, a, b = Sym("X", 2, 3), Sym("A", 2, 2), Sym("B", 3, 3)
    loss = Loss(((Fraction(3), Mul(Mul(Mul(a, x), b), T(x))), (Fraction(-1, 2), Mul(T(x), x))))
    rng = random.Random(1)
    values = {s.name: em.random_matrix_of_rank(rng, s.rows, s.cols, min(s.rows, s.cols)) for s in (x, a, b)}
    grad = exact_gradient(loss, x, values)
    t = sympy.Symbol("t")
    sp = {k: sympy.Matrix([[sympy.Rational(e.numerator, e.denominator) for e in row] for row in v])
          for k, v in values.items()}
    for i in range(2):
        for j in range(3):
            moved = sp["X"] + t * sympy.Matrix(2, 3, lambda p, q: int((p, q) == (i, j)))
            value = 3 * (sp["A"] * moved * sp["B"] * moved.T).trace() - sympy.Rational(1, 2) * (moved.T * moved).trace()
            coef = sympy.Poly(sympy.expand(value), t).coeff_monomial(t)
            assert Fraction(int(coef.p), int(coef.q)) == grad[i][j]


def test_dual_arithmetic_is_the_product_rule():
    d = Dual(3, 1) * Dual(3, 1) + Dual(2) * Dual(3, 1)  # x² + 2x at x = 3
    assert (d.value, d.slope) == (15, 8)
    assert evaluate_loss(Loss(((Fraction(1), Sym("A", 1, 1)),)), {"A": ((Dual(2, 5),),)}).slope == 5


A32, B23, S = Sym("A", 3, 2), Sym("B", 2, 3), Sym("S", 2, 2)


@pytest.mark.parametrize("lhs,rhs,truth", [
    (Mul(Mul(A32, P(A32)), A32), A32, "true"),
    (P(T(A32)), T(P(A32)), "true"),
    (P(Mul(A32, B23)), Mul(P(B23), P(A32)), "conditional"),  # (MN)⁺ = N⁺M⁺, M tall, N wide
    (P(A32), Mul(Inv(Mul(T(A32), A32)), T(A32)), "conditional"),
    (P(S), Inv(S), "conditional"),
    (P(A32), T(A32), "false"),
    (Mul(A32, P(A32)), Ident(3), "false"),  # a 3×2 matrix has no right inverse
    (P(Mul(B23, A32)), Mul(P(A32), P(B23)), "false"),  # N wide, M tall: fails at full rank
])
def test_oracle_classes_of_known_identities(lhs, rhs, truth):
    assert classify_identity(lhs, rhs).truth == truth


def _result(verdict: str, counterexample=None, conditions=()):
    return CheckResult(Verdict(verdict), "claim", counterexample=counterexample, conditions=conditions)


def test_judge_flags_every_kind_of_wrong_verdict():
    true_claim = (Mul(Mul(A32, P(A32)), A32), A32)
    cond_claim = (P(Mul(A32, B23)), Mul(P(B23), P(A32)))
    false_claim = (P(A32), T(A32))
    tt, ct, ft = (classify_identity(*c) for c in (true_claim, cond_claim, false_claim))
    a_full = sympy.Matrix([[1, 0], [0, 1], [1, 1]])
    b_low = sympy.Matrix([[1, 2, 3], [2, 4, 6]])
    b_full = sympy.Matrix([[1, 0, 2], [0, 1, 1]])
    assert judge(*true_claim, tt, _result("verified")).category == "right"
    assert judge(*true_claim, tt, _result("refuted", {"A": a_full})).category == "wrong"
    assert judge(*false_claim, ft, _result("proved")).category == "wrong"
    assert judge(*cond_claim, ct, _result("verified")).category == "wrong"
    # a counterexample at which the claim holds is none
    assert judge(*cond_claim, ct, _result("refuted", {"A": a_full, "B": b_full})).category == "wrong"
    assert judge(*cond_claim, ct, _result("refuted", {"A": a_full, "B": b_low})).category == "right"
    # the right condition, and one under which the claim still fails
    good = _result("conditional", {"A": a_full, "B": b_low}, ("A: full column rank", "B: full row rank"))
    weak = _result("conditional", {"A": a_full, "B": b_low}, ("A: full column rank",))
    assert judge(*cond_claim, ct, good).category == "right"
    assert judge(*cond_claim, ct, weak).category == "wrong"
    assert judge(*false_claim, ft, _result("conditional", {"A": a_full}, ("A: full column rank",))).category == "wrong"
    vacuous = _result("conditional", {"A": a_full, "B": b_low}, ("A: full row rank", "B: full row rank"))
    assert "vacuous" in judge(*cond_claim, ct, vacuous).reason


def test_gradient_oracle_and_judge():
    x, a = Sym("X", 2, 2), Sym("A", 2, 2)
    loss = Loss(((Fraction(1), Mul(Mul(T(x), a), x)),))
    shortcut = Mul(Sym("A", 2, 2), x)
    from differential_kit.trees import Add, Scale
    right = Mul(Add(a, T(a)), x)
    assert classify_gradient(GradientClaim("q", loss, x, right, frozenset())).truth == "true"
    plain = GradientClaim("q", loss, x, Scale(Fraction(2), shortcut), frozenset())
    assumed = GradientClaim("q", loss, x, Scale(Fraction(2), shortcut), frozenset({"A"}))
    assert classify_gradient(plain).truth == "false"
    assert classify_gradient(assumed).truth == "true"
    non_symmetric = {"A": sympy.Matrix([[1, 2], [0, 1]]), "X": sympy.Matrix([[1, 0], [0, 1]])}
    verdict = judge_gradient(assumed, classify_gradient(assumed), _result("refuted", non_symmetric))
    assert verdict.category == "wrong" and "not symmetric" in verdict.reason
    assert judge_gradient(plain, classify_gradient(plain), _result("refuted", non_symmetric)).category == "right"


def test_naive_check_misses_a_rank_condition_the_oracle_sees():
    claim = (P(A32), Mul(Inv(Mul(T(A32), A32)), T(A32)))
    assert classify_identity(*claim).truth == "conditional"
    assert naive_identity(*claim) is True


def test_stated_assumptions_restrict_the_profiles_and_the_counterexamples():
    closed_form = (P(A32), Mul(Inv(Mul(T(A32), A32)), T(A32)))
    assumed = classify_identity(*closed_form, assume=(("A", "full column rank"),))
    assert assumed.truth == "true"
    assert set(assumed.statuses) == {(2,)}
    assert judge(*closed_form, assumed, _result("verified")).category == "right"
    rank_one = {"A": sympy.Matrix([[1, 2], [2, 4], [3, 6]])}
    verdict = judge(*closed_form, assumed, _result("refuted", rank_one))
    assert verdict.category == "wrong" and "breaks the stated assumptions" in verdict.reason
    reverse = (P(Mul(A32, B23)), Mul(P(B23), P(A32)))
    half = classify_identity(*reverse, assume=(("A", "full column rank"),))
    assert half.truth == "conditional"
    named = _result("conditional", {"A": sympy.Matrix([[1, 0], [0, 1], [1, 1]]),
                                    "B": sympy.Matrix([[1, 2, 3], [2, 4, 6]])}, ("B: full row rank",))
    assert judge(*reverse, half, named).category == "right"
