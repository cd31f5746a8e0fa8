"""Verdict soundness of ``check_identity`` across seeds.

* Known-true identities of the pseudo-inverse are never refuted (nor found
  inconsistent): the verdict is ``proved`` or ``verified`` for every seed.
* Known-false ones are always ``refuted`` or ``conditional``, with a
  counterexample that an independent evaluation confirms: both sides are
  recomputed at the counterexample with SymPy's own ``Matrix.pinv`` and
  explicit matrix arithmetic (``rb_support.evaluate_with_sympy``), and must
  differ there.

Shapes are concrete or symbolic (``m x n``), so that the drawing of
dimensions is exercised too.
"""

from __future__ import annotations

import sympy
from hypothesis import event, given
from hypothesis import strategies as st

from rb_support import evaluate_with_sympy, hypothesis_settings

from derivcheck import Pinv, Verdict, check_identity

m, n = sympy.symbols("m n", integer=True, positive=True)
A = sympy.MatrixSymbol("A", 3, 2)
B = sympy.MatrixSymbol("B", 2, 3)
S = sympy.MatrixSymbol("S", 2, 2)
T = sympy.MatrixSymbol("T", 2, 2)
G = sympy.MatrixSymbol("G", m, n)  # symbolic dimensions
H = sympy.MatrixSymbol("H", n, n)

TRUE_IDENTITIES = {
    "A A+ A = A": (A * Pinv(A) * A, A),
    "A+ A A+ = A+": (Pinv(A) * A * Pinv(A), Pinv(A)),
    "(A A+)^T = A A+": ((A * Pinv(A)).T, A * Pinv(A)),
    "(A+)^T = (A^T)+": (Pinv(A).T, Pinv(A.T)),
    "(A^T A)+ A^T = A+": (Pinv(A.T * A) * A.T, Pinv(A)),
    "A^T (A A^T)+ = A+": (A.T * Pinv(A * A.T), Pinv(A)),
    "G G+ G = G (m x n)": (G * Pinv(G) * G, G),
    "(G^T G)+ G^T = G+ (m x n)": (Pinv(G.T * G) * G.T, Pinv(G)),
    "(S^T S)+ S^T = S^T (S S^T)+": (Pinv(S.T * S) * S.T, S.T * Pinv(S * S.T)),
}

FALSE_IDENTITIES = {
    "(AB)+ = B+ A+": (Pinv(A * B), Pinv(B) * Pinv(A)),
    "(S^2)+ = (S+)^2": (Pinv(S * S), Pinv(S) * Pinv(S)),
    "(H^2)+ = (H+)^2 (n x n)": (Pinv(H * H), Pinv(H) * Pinv(H)),
    "A+ = A^T": (Pinv(A), A.T),
    "(S+T)+ = S+ + T+": (Pinv(S + T), Pinv(S) + Pinv(T)),
    "A A+ = I": (A * Pinv(A), sympy.Identity(3)),
}


@hypothesis_settings(40)
@given(name=st.sampled_from(sorted(TRUE_IDENTITIES)), seed=st.integers(0, 2**32 - 1))
def test_true_identities_are_never_refuted(name, seed):
    lhs, rhs = TRUE_IDENTITIES[name]
    result = check_identity(lhs, rhs, seed=seed)
    event(result.verdict.value)
    event(name)
    assert result.verdict in (Verdict.PROVED, Verdict.VERIFIED), str(result)
    assert result.counterexample is None


@hypothesis_settings(40)
@given(name=st.sampled_from(sorted(FALSE_IDENTITIES)), seed=st.integers(0, 2**32 - 1))
def test_false_identities_are_refuted_with_a_confirmed_counterexample(name, seed):
    lhs, rhs = FALSE_IDENTITIES[name]
    result = check_identity(lhs, rhs, seed=seed)
    event(result.verdict.value)
    event(name)
    assert result.verdict in (Verdict.REFUTED, Verdict.CONDITIONAL), str(result)
    if result.verdict is Verdict.CONDITIONAL:
        assert result.conditions, "a conditional verdict must name its conditions"
    values = {k: sympy.Matrix(v) for k, v in result.counterexample.items()}
    left = evaluate_with_sympy(lhs, values)
    right = evaluate_with_sympy(rhs, values)
    assert left.shape != right.shape or left != right, (
        f"the counterexample does not refute {name}: {values}")


def test_the_independent_evaluator_confirms_true_identities():
    # The confirmation above can fail: at any matrix, a true identity gives equal sides.
    values = {"A": sympy.Matrix([[1, 2], [2, 4], [0, 0]]), "S": sympy.Matrix([[1, 1], [1, 1]])}
    for name in ("A A+ A = A", "(A^T A)+ A^T = A+", "(A+)^T = (A^T)+"):
        lhs, rhs = TRUE_IDENTITIES[name]
        assert evaluate_with_sympy(lhs, values) == evaluate_with_sympy(rhs, values), name
