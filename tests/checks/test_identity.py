"""check_identity: true identities pass, false ones are refuted with a counterexample
that an independent evaluation confirms, and rank-deficient failures are found."""

import pytest
import sympy as sp

from derivcheck import Pinv
from derivcheck.checks.identity import check_identity
from derivcheck.results import Verdict
from derivcheck.errors import AssumptionError, InputTypeError

n, m, r = sp.symbols("n m r", integer=True, positive=True)


def _independent_pinv(M):
    """Pseudo-inverse by SymPy's own routine (a different algorithm), rationals only."""
    return sp.Matrix(M).pinv()


def test_transpose_of_product_is_proved_generically():
    A, B = sp.MatrixSymbol("A", n, r), sp.MatrixSymbol("B", r, m)
    res = check_identity(sp.Transpose(A * B), B.T * A.T)
    assert res.verdict is Verdict.PROVED
    assert res.counterexample is None


def test_wrong_transpose_rule_is_refuted_with_checked_counterexample():
    A, B = sp.MatrixSymbol("A", n, n), sp.MatrixSymbol("B", n, n)
    res = check_identity(sp.Transpose(A * B), A.T * B.T)
    assert res.verdict is Verdict.REFUTED
    a, b = res.counterexample["A"], res.counterexample["B"]
    assert (a * b).T != a.T * b.T


def test_trace_identity_proved_for_all_entries_at_concrete_shape():
    D = sp.MatrixSymbol("D", 3, 2)
    res = check_identity(sp.Trace(D.T * D), sp.Trace(D * D.T))
    assert res.verdict is Verdict.PROVED
    wrong = check_identity(sp.Trace(D.T * D), 2 * sp.Trace(D * D.T))
    assert wrong.verdict is Verdict.REFUTED


def test_penrose_condition_verified_at_every_rank():
    A = sp.MatrixSymbol("A", n, m)
    res = check_identity(A * Pinv(A) * A, A)
    assert res.verdict in (Verdict.VERIFIED, Verdict.PROVED)
    ranks = dict(res.evidence[0].details)
    assert ranks["rank_profiles"] >= 4


def test_pinv_of_square_is_square_of_pinv_fails_only_when_rank_deficient():
    A = sp.MatrixSymbol("A", n, n)
    res = check_identity(Pinv(A * A), Pinv(A) * Pinv(A))
    assert res.verdict in (Verdict.REFUTED, Verdict.CONDITIONAL)
    a = res.counterexample["A"]
    assert a.rank() < a.shape[0], "the counterexample must be rank-deficient"
    assert _independent_pinv(a * a) != _independent_pinv(a) ** 2
    # restricted to invertible matrices, it holds
    ok = check_identity(Pinv(A * A), Pinv(A) * Pinv(A), assume={A: "invertible"})
    assert ok.verdict in (Verdict.VERIFIED, Verdict.PROVED)


def test_left_inverse_formula_is_conditional_on_full_column_rank():
    A = sp.MatrixSymbol("A", n, r)
    formula = sp.MatMul(sp.Inverse(A.T * A), A.T)
    res = check_identity(Pinv(A), formula)
    assert res.verdict is Verdict.CONDITIONAL
    assert res.conditions == ("A: full column rank",)
    stated = check_identity(Pinv(sp.MatrixSymbol("A", 3, 2)),
                            sp.MatMul(sp.Inverse(sp.MatrixSymbol("A", 3, 2).T * sp.MatrixSymbol("A", 3, 2)),
                                      sp.MatrixSymbol("A", 3, 2).T),
                            assume={sp.MatrixSymbol("A", 3, 2): "full column rank"})
    assert stated.verdict is Verdict.PROVED


def test_reverse_order_law_is_not_accepted():
    A, B = sp.MatrixSymbol("A", n, r), sp.MatrixSymbol("B", r, m)
    res = check_identity(Pinv(A * B), Pinv(B) * Pinv(A))
    assert res.verdict in (Verdict.REFUTED, Verdict.CONDITIONAL)
    a, b = res.counterexample["A"], res.counterexample["B"]
    assert _independent_pinv(a * b) != _independent_pinv(b) * _independent_pinv(a)


def test_same_seed_same_result_and_other_seed_may_differ():
    A = sp.MatrixSymbol("A", n, n)
    one = check_identity(Pinv(A * A), Pinv(A) ** 2, seed=7)
    two = check_identity(Pinv(A * A), Pinv(A) ** 2, seed=7)
    assert str(one) == str(two)


def test_text_is_refused():
    A = sp.MatrixSymbol("A", 2, 2)
    with pytest.raises(InputTypeError, match="lhs='A.T'"):
        check_identity("A.T", A)


def test_unknown_assumption_lists_known_words():
    A = sp.MatrixSymbol("A", 2, 2)
    with pytest.raises(AssumptionError, match="full column rank"):
        check_identity(A, A, assume={A: "very invertible"})


@pytest.mark.parametrize("word", ["full row rank", "rank 5"])
def test_impossible_assumption_for_shape(word):
    A = sp.MatrixSymbol("A", 4, 3)
    with pytest.raises(AssumptionError, match="4x3"):
        check_identity(A, A, assume={A: word})


def test_contradictory_assumptions():
    A = sp.MatrixSymbol("A", n, n)
    with pytest.raises(AssumptionError, match="exclude each other"):
        check_identity(A, A, assume={A: ["invertible", "rank-deficient"]})
