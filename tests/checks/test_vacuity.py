"""No vacuous verdict: zero instances never give verified or proved, and every instance's
evidence is kept (summarised), not only the last one's.
"""

from __future__ import annotations

import dataclasses

import pytest
import sympy

from derivcheck import Pinv, Verdict, check_argmin, check_gradient, check_identity, check_limit
from derivcheck.checks import outcomes as outcomes_module
from derivcheck.checks import gradient as gradient_module
from derivcheck.checks import identity as identity_module

A = sympy.MatrixSymbol("A", 3, 2)
X = sympy.MatrixSymbol("X", 2, 2)
x, b = sympy.MatrixSymbol("x", 2, 1), sympy.MatrixSymbol("b", 3, 1)
eps = sympy.Symbol("eps", positive=True)


def _no_instances(*args, **kwargs):
    return []


@pytest.mark.parametrize("module, run", [
    (identity_module, lambda: check_identity(A * Pinv(A) * A, A)),
    # limit and argmin draw their instances through outcomes.instance_outcomes
    (outcomes_module, lambda: check_limit(sympy.Inverse(A.T * A + eps * sympy.Identity(2)) * A.T, eps,
                                       Pinv(A), assume={A: "full column rank"})),
    (outcomes_module, lambda: check_argmin(sympy.Trace((A * x - b).T * (A * x - b)), x, Pinv(A) * b,
                                         assume={A: "full column rank"})),
], ids=["identity", "limit", "argmin"])
def test_zero_instances_never_give_verified_or_proved(monkeypatch, module, run):
    assert run().verdict in (Verdict.PROVED, Verdict.VERIFIED)  # the claim itself is true
    monkeypatch.setattr(module, "draw_instances", _no_instances)
    result = run()
    assert result.verdict is Verdict.UNDECIDED, result
    assert "nothing was checked" in result.where


def test_a_gradient_decided_at_zero_shapes_is_undecided(monkeypatch):
    real = gradient_module.compare_gradient

    def no_shapes(*args, **kwargs):
        return dataclasses.replace(real(*args, **kwargs), shapes_checked=(), proved_shapes=())

    monkeypatch.setattr(gradient_module, "compare_gradient", no_shapes)
    result = check_gradient(sympy.Trace(X.T * X), X, 2 * X)
    assert result.verdict is Verdict.UNDECIDED, result


def test_the_numeric_evidence_of_every_instance_is_kept():
    result = check_identity(A * Pinv(A) * A, A)
    exact = next(e for e in result.evidence if e.leg == "exact")
    n = dict(exact.details)["instances"]
    assert n >= 3
    for leg in ("mpmath", "float64"):
        (ev,) = [e for e in result.evidence if e.leg == leg]
        facts = dict(ev.details)
        assert facts["instances"] == 3, ev  # not only the last instance's
        assert facts["within_bound"] is True
        assert 0 <= facts["units_of_bound"] <= 1 and "worst" in ev.summary


def test_the_summary_shows_the_worst_instance_not_the_last(monkeypatch):
    from derivcheck.results import Evidence

    calls = []

    def legs(lhs, rhs, inst, *, dps, expect_equal):
        calls.append(inst)
        ratio = [0.5, 0.1, 0.2][len(calls) - 1]
        return [Evidence("mpmath", f"ratio {ratio}", (("relative_error", ratio), ("bound", 1.0),
                                                       ("units_of_bound", ratio), ("within_bound", True)))]

    monkeypatch.setattr(identity_module, "numeric_legs", legs)
    result = check_identity(A * Pinv(A) * A, A)
    (ev,) = [e for e in result.evidence if e.leg == "mpmath"]
    assert dict(ev.details)["units_of_bound"] == 0.5 and dict(ev.details)["instances"] == 3
