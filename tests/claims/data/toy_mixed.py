"""A toy derivation script whose claims exercise every failure of a run.

A verdict that differs from its expectation, a check that raises, one that
runs past its budget (followed by a claim that must still run), one that
returns something other than a CheckResult, and legs that disagree.
"""

from __future__ import annotations

import time

from derivcheck.claims.article import Article
from derivcheck.results import CheckResult, Evidence, Verdict

article = Article("toy-mixed", "Toy failures", "tests/claims/data/toy_mixed.py")


@article.claim("wrong-expectation", quote="one", expect="refuted", statement="1 + 1 = 2")
def wrong_expectation(ctx):
    return CheckResult(Verdict.PROVED, "Eq(1 + 1, 2)",
                       evidence=(Evidence("symbolic", "1 + 1 - 2 = 0"),))


@article.claim("raises", quote="two", expect="proved", statement="divides by zero")
def raises(ctx):
    return CheckResult(Verdict.PROVED, str(1 / 0))


@article.claim("slow", quote="three", expect="proved", statement="never ends", budget=0.2)
def slow(ctx):
    end = time.monotonic() + 20.0  # bounded, so a broken budget cannot hang the tests
    while time.monotonic() < end:
        pass
    return CheckResult(Verdict.PROVED, "slow")


@article.claim("after-slow", quote="four", expect="proved", statement="runs after the slow one")
def after_slow(ctx):
    return CheckResult(Verdict.PROVED, "Eq(2, 2)")


@article.claim("not-a-result", quote="five", expect="proved", statement="returns a string")
def not_a_result(ctx):
    return "proved"


@article.claim("legs-disagree", quote="six", expect="proved", statement="inconsistent legs")
def legs_disagree(ctx):
    return CheckResult(Verdict.INCONSISTENT, "Eq(x, y)", where="mpmath vs float64")


if __name__ == "__main__":
    article.main()
