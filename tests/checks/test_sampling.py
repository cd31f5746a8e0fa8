"""The one sampling engine: every assumption word is sampled correctly, checked exactly,
scalars take their telling values, and a counterexample that breaks the assumptions is a bug.
"""

from __future__ import annotations

import random

import pytest
import sympy

from derivcheck import Pinv, Verdict, check_gradient, check_identity
from derivcheck.checks import gradient as gradient_module
from derivcheck.checks import instances as instances_module
from derivcheck.checks.assumptions import normalize_assumptions
from derivcheck.checks.sampling import (
    ScalarCondition,
    broken_assumptions,
    counterexample_problems,
    draw_scalar,
    guard_counterexample,
    sample_matrix,
    symbolic_matrix,
)
from derivcheck.results import CheckResult, Evidence

# (words, shape) pairs covering every word of the vocabulary
CASES = [
    ("symmetric", (3, 3)),
    ("orthogonal", (3, 3)),
    ("diagonal", (3, 2)),
    ("positive semidefinite", (3, 3)),
    ("positive definite", (3, 3)),
    ("invertible", (3, 3)),
    ("full column rank", (4, 2)),
    ("full row rank", (2, 4)),
    ("rank 1", (3, 3)),
    ("rank-deficient", (3, 3)),
    (["symmetric", "rank-deficient"], (3, 3)),
    (["diagonal", "positive semidefinite"], (3, 3)),
]

# a matrix of the right shape that breaks each word
BREAKERS = {
    "symmetric": sympy.Matrix([[1, 2, 0], [0, 1, 0], [0, 0, 1]]),
    "orthogonal": sympy.Matrix([[2, 0, 0], [0, 1, 0], [0, 0, 1]]),
    "diagonal": sympy.Matrix([[1, 1], [0, 1], [0, 0]]),
    "positive semidefinite": sympy.diag(1, -1, 2),
    "positive definite": sympy.diag(1, 0, 2),
    "invertible": sympy.diag(1, 0, 2),
    "full column rank": sympy.Matrix([[1, 2], [2, 4], [0, 0], [1, 2]]),
    "full row rank": sympy.Matrix([[1, 2, 0, 1], [2, 4, 0, 2]]),
    "rank 1": sympy.eye(3),
    "rank-deficient": sympy.eye(3),
}


def _a(words, shape):
    X = sympy.MatrixSymbol("X", *shape)
    return normalize_assumptions({X: words}, [X])[X]


@pytest.mark.parametrize("words, shape", CASES, ids=lambda v: str(v))
def test_every_sample_satisfies_its_assumptions_at_every_allowed_rank(words, shape):
    a = _a(words, shape)
    rng = random.Random(3)
    ranks = a.allowed_ranks(*shape)
    assert ranks
    for rank in ranks:
        for _ in range(3):
            M = sample_matrix(a, *shape, rank, rng)
            assert M.shape == shape
            assert M.rank() == rank
            assert broken_assumptions(a, M) == [], (words, rank, M)


@pytest.mark.parametrize("word", sorted(BREAKERS))
def test_the_exact_check_rejects_a_matrix_that_breaks_the_word(word):
    M = BREAKERS[word]
    a = _a(word, M.shape)
    assert word in broken_assumptions(a, M)


def test_symbolic_matrices_carry_the_structure():
    A = symbolic_matrix("A", _a("symmetric", (3, 3)), 3, 3)
    assert A == A.T and len(A.free_symbols) == 6
    D = symbolic_matrix("D", _a("diagonal", (3, 2)), 3, 2)
    assert D[0, 1] == 0 and D[2, 0] == 0 and len(D.free_symbols) == 2
    G = symbolic_matrix("G", None, 2, 2)
    assert len(G.free_symbols) == 4


def test_scalars_take_zero_and_units_first_and_honour_their_sign():
    rng = random.Random(0)
    assert [draw_scalar(rng, "any", k) for k in range(3)] == [0, 1, -1]
    assert [draw_scalar(rng, "nonzero", k) for k in range(2)] == [1, -1]
    assert all(draw_scalar(rng, "positive", k) > 0 for k in range(40))
    assert all(draw_scalar(rng, "nonzero", k) != 0 for k in range(40))
    generic = [draw_scalar(rng, sign) for sign in ("any", "positive", "negative", "nonzero")
               for _ in range(20)]
    assert all(v not in (0, 1, -1) for v in generic)
    assert all(draw_scalar(rng, "positive") > 0 and draw_scalar(rng, "negative") < 0 for _ in range(20))


def test_drawn_instances_meet_zero_and_units_and_respect_conditions():
    A = sympy.MatrixSymbol("A", 3, 2)
    c, lam = sympy.Symbol("c"), sympy.Symbol("lam", positive=True)
    assumptions = normalize_assumptions(None, [A])
    insts = instances_module.draw_instances([A], [c, lam], assumptions, seed=0)
    values_c = {dict(i.scalars)[c] for i in insts}
    assert {0, 1, -1} <= values_c
    assert all(dict(i.scalars)[lam] > 0 for i in insts)
    # the full-rank profile meets c = 0; every rank meets generic values of c
    assert 2 in {dict(i.ranks)["A"] for i in insts if dict(i.scalars)[c] == 0}
    assert {dict(i.ranks)["A"] for i in insts if dict(i.scalars)[c] not in (0, 1, -1)} == {0, 1, 2}
    nonzero = instances_module.draw_instances([A], [c], assumptions, seed=0,
                                              scalar_conditions=[ScalarCondition(c, "≠ 0")])
    assert all(dict(i.scalars)[c] != 0 for i in nonzero)
    assert {dict(i.ranks)["A"] for i in nonzero} == {0, 1, 2}


def test_the_gate_turns_a_counterexample_that_breaks_the_assumptions_into_inconsistent():
    A = sympy.MatrixSymbol("A", 2, 2)
    c = sympy.Symbol("c", positive=True)
    assumptions = normalize_assumptions({A: "symmetric"}, [A])
    bad = CheckResult(Verdict.REFUTED, "s", "", (Evidence("exact", "e"),),
                      {"A": sympy.Matrix([[1, 2], [0, 1]])})
    out = guard_counterexample(bad, assumptions)
    assert out.verdict is Verdict.INCONSISTENT and "A: symmetric" in out.where
    good = CheckResult(Verdict.REFUTED, "s", "", (), {"A": sympy.Matrix([[1, 2], [2, 1]])})
    assert guard_counterexample(good, assumptions) is good
    negative = CheckResult(Verdict.REFUTED, "s", "", (), {"A": sympy.eye(2), "c": sympy.Integer(-1)})
    assert guard_counterexample(negative, assumptions, [c]).verdict is Verdict.INCONSISTENT
    assert counterexample_problems({"c": 0}, assumptions, [ScalarCondition(c, "≠ 0")]) == ["c ≠ 0"]


def test_identity_counterexample_from_a_broken_sampler_is_inconsistent_never_refuted(monkeypatch):
    A = sympy.MatrixSymbol("A", 2, 2)

    def general(a, m, n, rank, rng):  # a broken sampler: ignores the structure
        return sympy.ImmutableMatrix([[1, 2], [3, 5]])

    monkeypatch.setattr(instances_module, "sample_matrix", general)
    result = check_identity(A.T, A, assume={A: "symmetric"}, numeric=False)
    assert result.verdict is Verdict.INCONSISTENT, result
    assert "A: symmetric" in result.where


def test_gradient_counterexample_from_a_broken_sampler_is_inconsistent_never_refuted(monkeypatch):
    A, X = sympy.MatrixSymbol("A", 2, 2), sympy.MatrixSymbol("X", 2, 1)

    def general(a, m, n, rank, rng):
        return sympy.ImmutableMatrix(m, n, lambda i, j: i + 2 * j + 1)

    monkeypatch.setattr(gradient_module, "sample_matrix", general)
    # A X alone is wrong for every A ≠ 0: the broken sampler's A is not symmetric
    result = check_gradient(sympy.Trace(X.T * A * X), X, A * X, assume={A: "symmetric"}, numeric=False)
    assert result.verdict is Verdict.INCONSISTENT, result


def test_pinv_of_a_scalar_multiple_is_conditional_on_the_scalar():
    A, c = sympy.MatrixSymbol("A", 3, 2), sympy.Symbol("c")
    result = check_identity(Pinv(c * A), Pinv(A) / c)
    assert result.verdict is Verdict.CONDITIONAL, result
    assert result.conditions == ("c ≠ 0",), result.conditions
    assert result.counterexample["c"] == 0
    assert not isinstance(result.counterexample["c"], sympy.MatrixBase)
    assert "c = 0" in str(result) and "[[0]]" not in str(result)
    confirmed = [dict(e.details).get("confirmed_at") for e in result.evidence]
    assert any(n and n >= 2 for n in confirmed), result.evidence


def test_a_sign_condition_is_found_and_a_false_claim_stays_refuted():
    A, lam = sympy.MatrixSymbol("A", 2, 2), sympy.Symbol("lam")
    result = check_identity(sympy.Abs(lam) * A, lam * A)
    assert result.verdict is Verdict.CONDITIONAL and result.conditions == ("lam > 0",), result
    positive = sympy.Symbol("lam", positive=True)
    assert check_identity(sympy.Abs(positive) * A, positive * A).verdict in (Verdict.PROVED,
                                                                             Verdict.VERIFIED)
    c = sympy.Symbol("c")
    wrong = check_identity(Pinv(c * A), c * Pinv(A))
    assert wrong.verdict is Verdict.REFUTED, wrong


# ---------------------------------------------------------------- sums under a pseudo-inverse

def test_inverts_a_sum_sees_sums_under_pinv_and_inverse_only():
    from derivcheck.checks.instances import inverts_a_sum
    A, B = sympy.MatrixSymbol("A", 3, 3), sympy.MatrixSymbol("B", 3, 3)
    assert inverts_a_sum(Pinv(A + B)) and inverts_a_sum(sympy.Inverse(A * (A + B)))
    assert not inverts_a_sum(Pinv(A) + Pinv(B)) and not inverts_a_sum(A + B)


def test_sum_rank_deficient_only_when_both_terms_are_is_found():
    # (MM)^+ = M^+M^+ for M = A + B fails only where A + B is rank-deficient and not normal
    A, B = sympy.MatrixSymbol("A", 4, 4), sympy.MatrixSymbol("B", 4, 4)
    result = check_identity(A * A + Pinv((A + B) * (A + B)), A * A + Pinv(A + B) * Pinv(A + B))
    assert result.verdict is Verdict.REFUTED


def test_cancelling_terms_of_invertible_matrices_are_drawn():
    # A and B invertible, yet A + B = 0 is allowed: (A+B)^+(A+B) = I fails there
    A, B = sympy.MatrixSymbol("A", 1, 1), sympy.MatrixSymbol("B", 1, 1)
    G = (A + B).T * (A + B)
    result = check_identity(Pinv(Pinv(G) * G), Pinv(sympy.Identity(1)), assume={A: "invertible", B: "invertible"})
    assert result.verdict is Verdict.REFUTED
    a, b = result.counterexample["A"], result.counterexample["B"]
    assert a.det() != 0 and b.det() != 0 and (a + b).is_zero_matrix


def test_true_identities_of_sums_stay_verified():
    A, B = sympy.MatrixSymbol("A", 3, 2), sympy.MatrixSymbol("B", 3, 2)
    assert check_identity(Pinv(A + B) * (A + B) * Pinv(A + B), Pinv(A + B)).verdict is Verdict.VERIFIED
    assert check_identity(Pinv(A + B).T, Pinv((A + B).T)).verdict is Verdict.VERIFIED
