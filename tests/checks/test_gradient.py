"""check_gradient: the article's gradients are proved, wrong candidates refuted."""

import pytest
import sympy as sp
import sympy

from derivcheck.checks.gradient import central_difference_gradient, check_gradient
from derivcheck.results import Verdict
from derivcheck.errors import InputTypeError
from derivcheck.exact import frobenius_norm_squared

n, r, m = sp.symbols("n r m", integer=True, positive=True)
eps = sp.Symbol("epsilon", positive=True)
A, B, M = sp.MatrixSymbol("A", n, r), sp.MatrixSymbol("B", r, m), sp.MatrixSymbol("M", n, m)
LOSS = frobenius_norm_squared(A * B - M)


def test_both_article_gradients_are_proved():
    assert check_gradient(LOSS, B, 2 * A.T * (A * B - M)).verdict is Verdict.PROVED
    assert check_gradient(LOSS, A, 2 * (A * B - M) * B.T).verdict is Verdict.PROVED


@pytest.mark.parametrize("wrong", [
    2 * A.T * (A * B + M),
    A.T * (A * B - M),
    4 * A.T * (A * B - M),
])
def test_wrong_values_refuted_with_rechecked_counterexample(wrong):
    res = check_gradient(LOSS, B, wrong)
    assert res.verdict is Verdict.REFUTED
    ce = res.counterexample
    a, b, mm = ce["A"], ce["B"], ce["M"]
    # independent check: directional derivative along every basis matrix
    t = sp.Symbol("t")
    claimed = wrong.subs({A: a, B: b, M: mm}).doit()
    grad = sp.zeros(*b.shape)
    for i in range(b.shape[0]):
        for j in range(b.shape[1]):
            e = sp.zeros(*b.shape)
            e[i, j] = 1
            x = a * (b + t * e) - mm
            grad[i, j] = sp.diff((x.T * x).trace(), t).subs(t, 0)
    assert sp.Matrix(claimed) != grad


def test_wrong_shape_candidate_refuted():
    res = check_gradient(LOSS, B, 2 * (A * B - M) * B.T)
    assert res.verdict is Verdict.REFUTED
    assert "shape" in res.evidence[0].summary


def test_ridge_gradient_despite_sympy_zero_matrix_bug():
    ridge = LOSS + eps * frobenius_norm_squared(B)
    ok = check_gradient(ridge, B, 2 * A.T * (A * B - M) + 2 * eps * B)
    assert ok.verdict in (Verdict.PROVED, Verdict.VERIFIED)
    assert check_gradient(ridge, B, 2 * A.T * (A * B - M)).verdict is Verdict.REFUTED


def test_central_differences_match_known_gradient():
    a = sp.ImmutableMatrix([[1, 2], [0, 1]])
    b = sp.ImmutableMatrix([[3], [-1]])
    mm = sp.ImmutableMatrix([[0], [2]])
    A2, B2, M2 = sp.MatrixSymbol("A", 2, 2), sp.MatrixSymbol("B", 2, 1), sp.MatrixSymbol("M", 2, 1)
    fd = central_difference_gradient(frobenius_norm_squared(A2 * B2 - M2), B2,
                                     {A2: a, B2: b, M2: mm}, {}, 40)
    truth = 2 * a.T * (a * b - mm)
    for i in range(2):
        assert abs(fd[i, 0] - int(truth[i, 0])) < sp.Rational(1, 10**20)


def test_bad_input():
    with pytest.raises(InputTypeError, match="scalar"):
        check_gradient(A * B - M, B, B)
    with pytest.raises(InputTypeError, match="wrt="):
        check_gradient(LOSS, "B", B)
    with pytest.raises(InputTypeError, match="does not depend"):
        check_gradient(LOSS, sp.MatrixSymbol("C", r, m), B)


# --- assumptions in the symbolic routes ---------------------------------------------------------

def test_a_symmetric_assumption_is_honoured_by_the_index_route():
    A, X = sympy.MatrixSymbol("A", 4, 4), sympy.MatrixSymbol("X", 4, 3)
    loss = sympy.Trace(X.T * A * X)
    result = check_gradient(loss, X, 2 * A * X, assume={A: "symmetric"})
    assert result.verdict in (Verdict.PROVED, Verdict.VERIFIED), result
    # without the assumption the same claim is false (the gradient is (A + Aᵀ)X)
    plain = check_gradient(loss, X, 2 * A * X)
    assert plain.verdict is Verdict.REFUTED, plain
    assert plain.counterexample["A"] != plain.counterexample["A"].T


def test_a_false_gradient_under_symmetry_is_refuted_with_a_symmetric_counterexample():
    A, X = sympy.MatrixSymbol("A", 3, 3), sympy.MatrixSymbol("X", 3, 2)
    result = check_gradient(sympy.Trace(X.T * A * X), X, A * X, assume={A: "symmetric"})
    assert result.verdict is Verdict.REFUTED, result
    a = result.counterexample["A"]
    assert a == a.T


def test_a_diagonal_assumption_is_honoured_with_symbolic_dimensions():
    n, k = sympy.symbols("n k", integer=True, positive=True)
    D, X = sympy.MatrixSymbol("D", n, n), sympy.MatrixSymbol("X", n, k)
    result = check_gradient(sympy.Trace(X.T * D * X), X, 2 * D * X, assume={D: "diagonal"}, max_dim=2)
    assert result.verdict in (Verdict.PROVED, Verdict.VERIFIED), result
    assert check_gradient(sympy.Trace(X.T * D * X), X, 2 * D * X, max_dim=2).verdict is Verdict.REFUTED


def test_a_gradient_false_for_generic_but_not_sampled_orthogonal_matrices_is_not_refuted_vacuously():
    # d/dX tr(Xᵀ Q Qᵀ X) = 2 Q Qᵀ X = 2X for orthogonal Q: false for generic Q, true under the assumption
    Q, X = sympy.MatrixSymbol("Q", 2, 2), sympy.MatrixSymbol("X", 2, 1)
    result = check_gradient(sympy.Trace(X.T * Q * Q.T * X), X, 2 * X, assume={Q: "orthogonal"},
                            numeric=False)
    assert result.verdict is not Verdict.REFUTED, result
    assert check_gradient(sympy.Trace(X.T * Q * Q.T * X), X, 2 * X, numeric=False).verdict is Verdict.REFUTED
