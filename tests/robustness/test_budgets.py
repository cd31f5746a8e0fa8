"""Budgets: a pathological claim is stopped, reported ``undecided`` with where, and the run goes on.

The pathological claims take far longer than any budget used here (tens of
seconds at least): the exact pseudo-inverse of a fully symbolic 6 x 6 matrix,
and ``C⁻¹C = I`` for an invertible 6 x 6 ``C`` with fully symbolic entries.
No test asserts a duration; each asserts the verdicts and the reports.
"""

from __future__ import annotations

import json
import re
import signal

import pytest
import sympy

from rb_support import DATA, run_main

from derivcheck import Article, CheckResult, Evidence, Pinv, Verdict
from derivcheck.claims import run_claims
from derivcheck.exact.symbolic import pinv_symbolic

pytestmark = pytest.mark.skipif(not hasattr(signal, "setitimer"), reason="budgets need SIGALRM")

A = sympy.MatrixSymbol("A", 3, 2)
C = sympy.MatrixSymbol("C", 6, 6)
WHERE = re.compile(r"^stopped after the 0\.5 s budget at \S+:\d+ in \S+$")


def _symbolic_6x6(ctx):
    M = sympy.Matrix(6, 6, lambda i, j: sympy.Symbol(f"a{i}{j}"))
    cases = pinv_symbolic(M).cases
    return CheckResult(Verdict.PROVED if any(c.rank == 6 for c in cases) else Verdict.REFUTED,
                       "pinv_symbolic(M) has a full-rank case",
                       evidence=(Evidence("symbolic", f"{len(cases)} strata"),))


def _article() -> Article:
    art = Article("budgets", "Pathological claims among light ones", "tests/robustness")
    art.identity("light-1", quote="A A^+ A = A", lhs=A * Pinv(A) * A, rhs=A, expect="verified")
    art.claim("pinv-symbolic-6x6", quote="q", expect="proved",
              statement="A⁺ of a fully symbolic 6x6 matrix")(_symbolic_6x6)
    art.identity("light-2", quote="(A^T)^+ = (A^+)^T", lhs=Pinv(A.T), rhs=Pinv(A).T,
                 expect="verified")
    art.identity("inverse-6x6", quote="C^{-1} C = I",
                 lhs=sympy.MatMul(sympy.Inverse(C), C, evaluate=False), rhs=sympy.Identity(6),
                 assume={C: "invertible"}, expect="proved")
    art.identity("light-3", quote="A^{++} = A", lhs=Pinv(Pinv(A)), rhs=A, expect="proved")
    return art


def test_pathological_claims_are_undecided_with_where_and_the_run_goes_on():
    report = run_claims([_article()], budget=0.5)
    status = {o.claim.id: o.status for o in report.outcomes}
    assert [o.claim.id for o in report.outcomes] == [
        "light-1", "pinv-symbolic-6x6", "light-2", "inverse-6x6", "light-3"]
    heavy = next(o for o in report.outcomes if o.claim.id == "pinv-symbolic-6x6")
    assert heavy.verdict is Verdict.UNDECIDED, status
    assert WHERE.match(heavy.result.where), heavy.result.where
    location = heavy.result.where.split(" at ", 1)[1]
    assert not location.startswith("/"), location  # relative to its package, never absolute
    # the symbolic proof of C⁻¹C = I gets a share of the claim's budget and never blocks the
    # instance route: the claim is decided on its exact instances, the stopped proof is evidence
    inverse = next(o for o in report.outcomes if o.claim.id == "inverse-6x6")
    assert inverse.verdict is Verdict.VERIFIED, status
    assert any(e.leg == "symbolic" and "stopped" in e.summary for e in inverse.result.evidence)
    assert status["light-1"] == "verified" and status["light-2"] == "verified", status
    assert status["light-3"] in ("proved", "verified"), status
    assert report.summary["undecided"] == 1 and report.summary["error"] == 0


def test_a_claim_budget_wins_over_the_run_budget():
    art = Article("own-budget", "t", "s")
    art.claim("slow", quote="q", expect="proved", statement="slow", budget=0.5)(_symbolic_6x6)
    (outcome,) = run_claims([art], budget=600).outcomes
    assert outcome.verdict is Verdict.UNDECIDED and WHERE.match(outcome.result.where)


def test_the_alarm_is_given_back_after_a_budget():
    def mine(signum, frame):  # pragma: no cover - never fires
        raise AssertionError("stray alarm")

    previous = signal.signal(signal.SIGALRM, mine)
    try:
        art = Article("alarm", "t", "s")
        art.claim("slow", quote="q", expect="proved", statement="slow", budget=0.5)(_symbolic_6x6)
        run_claims([art])
        assert signal.getsignal(signal.SIGALRM) is mine
        assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    finally:
        signal.signal(signal.SIGALRM, previous)


def test_cli_budget_option_stops_the_pathological_claim_only(capsys):
    script = DATA / "budget_article.py"
    code, out, err = run_main(["verify", str(script), "--budget", "0.5", "--format", "json"], capsys)
    assert code == 1, err  # the pathological claim expected "proved" and got "undecided"
    assert "Traceback" not in err
    report = json.loads(out)
    claims = {c["id"]: c for c in report["articles"][0]["claims"]}
    assert list(claims) == ["light-before", "symbolic-6x6", "light-after"]
    assert claims["symbolic-6x6"]["verdict"] == "undecided"
    assert WHERE.match(claims["symbolic-6x6"]["where"]), claims["symbolic-6x6"]["where"]
    assert not claims["symbolic-6x6"]["passed"]
    for light in ("light-before", "light-after"):
        assert claims[light]["verdict"] == "verified" and claims[light]["passed"]
    assert report["summary"]["undecided"] == 1 and report["summary"]["error"] == 0


def test_cli_budget_must_be_positive_and_finite(capsys):
    for bad in ("0", "-1", "inf", "nan", "soon"):
        code, out, err = run_main(["verify", str(DATA / "budget_article.py"), "--budget", bad], capsys)
        assert code == 2 and out == "" and len(err.splitlines()) == 1, (bad, err)
        assert err.startswith("derivcheck: error: argument --budget:"), err
