"""A derivation script with one pathological claim between two light ones.

Used by tests/robustness/test_budgets.py for ``derivcheck verify --budget``:
the pathological claim (the pseudo-inverse of a fully symbolic 6 x 6 matrix,
case by case over its rank strata) cannot finish in a small budget; the run
must stop it, report it ``undecided`` with where it stopped, and go on.
"""

import sympy

from derivcheck import Article, CheckResult, Evidence, Pinv, Verdict
from derivcheck.exact.symbolic import pinv_symbolic

article = Article("budget-demo", "A pathological claim between light ones", "tests/robustness")

A = sympy.MatrixSymbol("A", 3, 2)

article.identity("light-before", quote="A A^+ A = A", lhs=A * Pinv(A) * A, rhs=A,
                 expect="verified")


@article.claim("symbolic-6x6", quote="the pseudo-inverse of a general 6x6 matrix",
               expect="proved", statement="A⁺ of a fully symbolic 6x6 matrix, by rank stratum")
def symbolic_6x6(ctx):
    M = sympy.Matrix(6, 6, lambda i, j: sympy.Symbol(f"a{i}{j}"))
    cases = pinv_symbolic(M).cases
    full = [c for c in cases if c.rank == 6]
    return CheckResult(
        Verdict.PROVED if full else Verdict.REFUTED,
        "pinv_symbolic(M) has a full-rank case",
        evidence=(Evidence("symbolic", f"{len(cases)} rank strata"),),
    )


article.identity("light-after", quote="(A^T)^+ = (A^+)^T", lhs=Pinv(A.T), rhs=Pinv(A).T,
                 expect="verified")

if __name__ == "__main__":
    article.main()
