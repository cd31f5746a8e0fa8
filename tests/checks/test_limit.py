"""check_limit: exact limits over Q(ε), divergence, conditional claims."""

import pytest
import sympy as sp

from derivcheck import Pinv
from derivcheck.checks.limit import DIVERGES, check_limit
from derivcheck.results import Verdict
from derivcheck.errors import InputTypeError

n, r = sp.symbols("n r", integer=True, positive=True)
eps = sp.Symbol("epsilon", positive=True)


def test_regularized_left_inverse_tends_to_pinv():
    A = sp.MatrixSymbol("A", n, r)
    expr = sp.MatMul(sp.Inverse(A.T * A + eps * sp.Identity(r)), A.T)
    res = check_limit(expr, eps, Pinv(A))
    assert res.verdict is Verdict.VERIFIED
    wrong = check_limit(expr, eps, A.T)
    assert wrong.verdict is Verdict.REFUTED
    a = wrong.counterexample["A"]
    assert sp.Matrix(a).pinv() != a.T


def test_closed_form_limit_is_conditional():
    A = sp.MatrixSymbol("A", n, r)
    expr = sp.MatMul(sp.Inverse(A.T * A + eps * sp.Identity(r)), A.T)
    res = check_limit(expr, eps, sp.MatMul(sp.Inverse(A.T * A), A.T))
    assert res.verdict is Verdict.CONDITIONAL
    assert res.conditions == ("A: full column rank",)


def test_inverse_alone_diverges_when_singular():
    A = sp.MatrixSymbol("A", n, r)
    inv = sp.Inverse(A.T * A + eps * sp.Identity(r))
    assert check_limit(inv, eps, DIVERGES, assume={A: "rank-deficient"}).verdict is Verdict.VERIFIED
    # without the assumption, full-column-rank instances have a finite limit
    res = check_limit(inv, eps, DIVERGES)
    assert res.verdict in (Verdict.REFUTED, Verdict.CONDITIONAL)


def test_explicit_matrix_limit_is_a_proof():
    a = sp.ImmutableMatrix([[1, 2], [2, 4], [0, 0]])
    expr = sp.MatMul(sp.Inverse(a.T * a + eps * sp.Identity(2)), a.T)
    res = check_limit(expr, eps, sp.ImmutableMatrix(sp.Matrix(a).pinv()))
    assert res.verdict is Verdict.PROVED


@pytest.mark.parametrize("bad", [sp.Symbol("epsilon"), sp.MatrixSymbol("E", 2, 2), "epsilon"])
def test_var_must_be_positive_symbol(bad):
    A = sp.MatrixSymbol("A", 2, 2)
    with pytest.raises(InputTypeError, match="var="):
        check_limit(sp.MatMul(sp.Inverse(A.T * A + eps * sp.Identity(2)), A.T), bad, A)
