"""A small derivation script for the determinism tests (serial versus ``jobs=2``).

Its claims use every source of randomness a claim has: the instances drawn
by ``check_identity`` and ``check_limit`` (from the claim's seed) and
``ctx.rng()`` in a hand-written check, so that a report depends on the run
seed, and must depend on nothing else.
"""

import sympy

from derivcheck import DIVERGES, Article, CheckResult, Evidence, Pinv, Verdict
from derivcheck.exact import pinv_exact, random_rational_matrix

article = Article("determinism", "Determinism of reports", "tests/robustness")

A = sympy.MatrixSymbol("A", 3, 2)
S = sympy.MatrixSymbol("S", 2, 2)
eps = sympy.Symbol("epsilon", positive=True)

article.identity("penrose-1", quote="A A^+ A = A", lhs=A * Pinv(A) * A, rhs=A, expect="verified")
article.identity("reverse-order", quote="(S^2)^+ = (S^+)^2", lhs=Pinv(S * S),
                 rhs=Pinv(S) * Pinv(S), expect="conditional")
article.limit("ridge-limit", quote="lim (A^T A + eps I)^{-1} A^T = A^+",
              expr=sympy.Inverse(A.T * A + eps * sympy.Identity(2)) * A.T, var=eps,
              claimed=Pinv(A), expect="verified")
article.limit("inverse-diverges", quote="lim (A^T A + eps I)^{-1} diverges",
              expr=sympy.Inverse(A.T * A + eps * sympy.Identity(2)), var=eps, claimed=DIVERGES,
              expect="refuted")


@article.claim("random-transpose", quote="(X^+)^T = (X^T)^+ at a random X", expect="proved",
               statement="(X⁺)ᵀ = (Xᵀ)⁺ at a random rational 3x4 rank-2 matrix")
def random_transpose(ctx):
    rng = ctx.rng()
    X = random_rational_matrix(3, 4, rank=2, seed=rng.randrange(2**31))
    left, right = pinv_exact(X).T, pinv_exact(X.T)
    return CheckResult(
        Verdict.PROVED if left == right else Verdict.REFUTED,
        "Eq(pinv(X).T, pinv(X.T))",
        evidence=(Evidence("exact", f"X = {sympy.sstr(X)}", (("first_entry", str(X[0, 0])),)),),
        counterexample=None if left == right else {"X": X},
    )


if __name__ == "__main__":
    article.main()
