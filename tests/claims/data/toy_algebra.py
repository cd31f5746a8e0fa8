"""A toy derivation script: every claim gets the verdict it expects.

Used by the tests of the claims layer (loader, runner, reports, CLI); the
checks are small and honest (they compute their verdicts with SymPy), so
that a change in the machinery shows up as a changed report.
"""

from __future__ import annotations

import sympy

from derivcheck.claims.article import Article
from derivcheck.results import CheckResult, Evidence, Verdict

article = Article(
    "toy-algebra",
    "Toy algebra",
    "tests/claims/data/toy-article.md",
    filename="toy-article.md",
)

a, b = sympy.symbols("a b")


def _random_matrix(rng, rows, cols):
    return sympy.Matrix(rows, cols,
                        lambda i, j: sympy.Rational(rng.randint(-4, 4), rng.randint(1, 3)))


@article.claim("square-expansion", quote="$(a+b)^2 = a^2 + 2ab + b^2$", expect="proved",
               source_latex=True)
def square_expansion(ctx):
    """The square of a sum expands into three terms."""
    lhs, rhs = (a + b) ** 2, a**2 + 2 * a * b + b**2
    residual = sympy.expand(lhs - rhs)
    equation = sympy.Eq(lhs, rhs, evaluate=False)
    return CheckResult(
        Verdict.PROVED if residual == 0 else Verdict.REFUTED,
        sympy.sstr(equation),
        sympy.latex(equation),
        (Evidence("symbolic", f"the expanded difference is {residual}"),),
    )


@article.claim("matrices-commute", quote="Two matrices commute: $AB = BA$.", expect="refuted",
               statement="AB = BA for all 2x2 matrices")
def matrices_commute(ctx):
    rng = ctx.rng()
    for attempt in range(1, 101):
        A, B = _random_matrix(rng, 2, 2), _random_matrix(rng, 2, 2)
        if A * B != B * A:
            return CheckResult(
                Verdict.REFUTED, "Eq(A*B, B*A)", "A B = B A",
                (Evidence("exact", f"AB - BA is not zero at random instance {attempt}",
                          (("instance", attempt), ("max_entry", float(max(
                              abs(x) for x in A * B - B * A))))),),
                counterexample={"A": A, "B": B},
            )
    return CheckResult(Verdict.VERIFIED, "Eq(A*B, B*A)", "A B = B A",
                       (Evidence("exact", "held at 100 random instances"),))


@article.claim("trace-cyclic", quote="whenever the shapes match, e.g. when s < r.",
               expect="verified", statement="tr(AB) = tr(BA)",
               assumptions=("A is s-by-r", "B is r-by-s"))
def trace_cyclic(ctx):
    rng = ctx.rng()
    for instance in range(1, 6):
        A, B = _random_matrix(rng, 2, 3), _random_matrix(rng, 3, 2)
        if (A * B).trace() != (B * A).trace():
            return CheckResult(Verdict.REFUTED, "Eq(Trace(A*B), Trace(B*A))",
                               r"\operatorname{tr}(A B) = \operatorname{tr}(B A)",
                               counterexample={"A": A, "B": B})
    return CheckResult(
        Verdict.VERIFIED, "Eq(Trace(A*B), Trace(B*A))",
        r"\operatorname{tr}(A B) = \operatorname{tr}(B A)",
        (Evidence("exact", "equal at 5 random rational instances", (("instances", 5),)),),
    )


@article.claim("inverse-of-product", quote="$(AB)^{-1} = B^{-1}A^{-1}$", expect="conditional",
               statement="the inverse of a product reverses the order")
def inverse_of_product(ctx):
    A = sympy.Matrix([[1, 2], [2, 4]])  # singular
    B = sympy.eye(2)
    holds_when_invertible = all(
        (X * Y).inv() == Y.inv() * X.inv()
        for X, Y in [(sympy.Matrix([[1, 2], [3, 4]]), sympy.Matrix([[0, 1], [1, 1]]))]
    )
    fails = A.det() == 0
    return CheckResult(
        Verdict.CONDITIONAL if holds_when_invertible and fails else Verdict.REFUTED,
        "Eq((A*B)**(-1), B**(-1)*A**(-1))", r"\left(A B\right)^{-1} = B^{-1} A^{-1}",
        (Evidence("exact", "holds for invertible A, B; A*B has no inverse when A is singular"),),
        counterexample={"A": A, "B": B},
        conditions=("A and B are invertible",),
    )


@article.claim("prose", quote="The pseudo-inverse is a beautiful idea.", expect="not-checkable",
               statement="an aesthetic remark", justification="a matter of taste, not of algebra")
def prose(ctx):
    return CheckResult(Verdict.NOT_CHECKABLE, "beauty")


if __name__ == "__main__":
    article.main()
