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
from derivcheck.runner import run_claims
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


# --- budgets in the Python API ------------------------------------------------------------------

import threading

from derivcheck import check_argmin, check_gradient, check_identity, check_latex, check_limit
from derivcheck.budget import Budget, BudgetExpired, budgeted_check, checkpoint
from derivcheck.checks.printed import check_printed_matrix
from derivcheck.errors import InputError

_X = sympy.MatrixSymbol("X", 2, 2)
_x, _b = sympy.MatrixSymbol("x", 2, 1), sympy.MatrixSymbol("b", 3, 1)
_eps = sympy.Symbol("eps", positive=True)

CHECKS = {
    "identity": lambda budget: check_identity(Pinv(Pinv(A)), A, budget=budget),
    "gradient": lambda budget: check_gradient(sympy.Trace(_X.T * _X), _X, 2 * _X, budget=budget),
    "limit": lambda budget: check_limit(sympy.Inverse(A.T * A + _eps * sympy.Identity(2)) * A.T, _eps,
                                        Pinv(A), budget=budget),
    "argmin": lambda budget: check_argmin(sympy.Trace((A * _x - _b).T * (A * _x - _b)), _x, Pinv(A) * _b,
                                          budget=budget),
    "latex": lambda budget: check_latex(r"(A^T)^+ = (A^+)^T", budget=budget),
    "printed": lambda budget: check_printed_matrix([["0.333"] * 30] * 30, sympy.ones(30, 30) / 3,
                                                   budget=budget),
}
API_WHERE = re.compile(r"^stopped after the 0\.001 s \S+ budget( during .+)? at \S+:\d+ in \S+$")


@pytest.mark.parametrize("name", sorted(CHECKS))
def test_every_public_check_takes_a_budget_and_a_tiny_one_gives_undecided_with_where(name):
    result = CHECKS[name](0.001)
    assert result.verdict is Verdict.UNDECIDED, result
    assert API_WHERE.match(result.where), result.where
    assert not result.where.split(" at ")[-1].startswith("/")


@pytest.mark.parametrize("name", sorted(CHECKS))
@pytest.mark.parametrize("bad", [0, -1.0, float("nan"), float("inf"), "60", True])
def test_a_bad_budget_is_refused_by_name(name, bad):
    with pytest.raises(InputError, match="budget="):
        CHECKS[name](bad)


def test_a_tiny_budget_in_another_thread_stops_at_a_checkpoint():
    out = {}
    thread = threading.Thread(target=lambda: out.setdefault("r", CHECKS["identity"](0.001)))
    thread.start()
    thread.join()
    assert out["r"].verdict is Verdict.UNDECIDED and API_WHERE.match(out["r"].where), out["r"]


def test_an_outer_alarm_and_its_time_are_given_back_after_a_check():
    def outer(signum, frame):  # pragma: no cover - must not fire during the test
        raise AssertionError("stray alarm")

    previous = signal.signal(signal.SIGALRM, outer)
    signal.setitimer(signal.ITIMER_REAL, 30)
    try:
        assert CHECKS["identity"](0.001).verdict is Verdict.UNDECIDED
        assert CHECKS["identity"](60).verdict in (Verdict.PROVED, Verdict.VERIFIED)
        assert signal.getsignal(signal.SIGALRM) is outer
        left, _ = signal.setitimer(signal.ITIMER_REAL, 0)
        assert 0 < left <= 30
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _spin(budget):
    while True:
        checkpoint()


def _busy(budget):
    total = 0
    while True:  # no checkpoint: only the timer can stop it
        total += 1


def test_an_outer_budget_that_runs_out_inside_a_check_is_not_swallowed_by_it():
    for body in (_spin, _busy):
        with pytest.raises(BudgetExpired) as caught:
            with Budget(0.05, label="outer") as outer:
                budgeted_check(60, "s", "", body)
        assert caught.value.budget is outer
        assert "0.05 s outer budget" in caught.value.where


def test_the_closed_form_of_the_pseudo_inverse_is_decided_within_its_budget():
    A53 = sympy.MatrixSymbol("A", 5, 3)
    result = check_identity(Pinv(A53), sympy.Inverse(A53.T * A53) * A53.T,
                            assume={A53: "full column rank"}, budget=60)
    assert result.verdict in (Verdict.PROVED, Verdict.VERIFIED), result
    wrong = check_identity(Pinv(A53), A53.T * sympy.Inverse(A53 * A53.T),
                           assume={A53: "full column rank"}, budget=60)
    assert wrong.verdict is Verdict.REFUTED, wrong


def test_the_symbolic_proof_gets_a_share_and_never_blocks_the_instance_route():
    lhs = sympy.MatMul(sympy.Inverse(C), C, evaluate=False)
    result = check_identity(lhs, sympy.Identity(6), assume={C: "invertible"}, budget=3)
    assert result.verdict is Verdict.VERIFIED, result
    stopped = [e for e in result.evidence if e.leg == "symbolic" and "stopped" in e.summary]
    assert stopped and "symbolic proof" in stopped[0].summary
    assert any(e.leg == "exact" and dict(e.details).get("instances", 0) >= 1 for e in result.evidence)
