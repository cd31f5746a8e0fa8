"""derivcheck against the independent oracle on random claims (identities and gradients).

Seeded random claims (:mod:`differential_kit.identities`,
:mod:`differential_kit.gradients`): true rewrites, rewrites that hold at full
rank only, and perturbations; losses with their right gradient and wrong
ones. The oracle (:mod:`differential_kit.oracle`) classes each claim by exact
evaluation at every rank profile with its own pseudo-inverse, or by the exact
directional derivative; each test fails when derivcheck's verdict is wrong
(the rules are in the oracle's docstring). ``benchmarks/bench_differential.py``
runs the same on at least 500 claims and counts the naive check's errors.
"""

from __future__ import annotations

import pytest

from differential_kit.gradients import classify_gradient, gradient_claims, run_gradient_check
from differential_kit.identities import identity_claims
from differential_kit.naive import naive_identity
from differential_kit.oracle import classify_identity, run_identity_check

SEED = 20261203
BUDGET = 30.0  # seconds per claim, passed only if the check functions take budget=

IDENTITIES = identity_claims(SEED, 36, max_dim=3, max_symbols=2, depth=1, assume_rate=0.4)
GRADIENTS = gradient_claims(SEED, 16, max_dim=3, symmetric_share=0.5)
NOT_WRONG = ("right", "undecided", "inconsistent")


def _identity_id(i_claim):
    i, claim = i_claim
    return f"{i:02d}-{claim.label.split(' ')[0]}"


@pytest.mark.parametrize("claim", IDENTITIES, ids=[_identity_id(p) for p in enumerate(IDENTITIES)])
def test_identity_verdict_is_not_wrong(claim):
    truth = classify_identity(claim.lhs, claim.rhs, assume=claim.assume)
    judgement = run_identity_check(claim.lhs, claim.rhs, truth, budget=BUDGET)
    assert judgement.category in NOT_WRONG, (
        f"{judgement.category}: derivcheck says {judgement.verdict}, the oracle {truth.truth} "
        f"({truth.witness or 'no failing profile'})\n  claim: {claim.text()}\n  rule: {claim.label}\n"
        f"  {judgement.reason}")


@pytest.mark.parametrize("claim", GRADIENTS, ids=[f"{i:02d}-{c.label.split(':')[1].strip().replace(' ', '-')}"
                                                  for i, c in enumerate(GRADIENTS)])
def test_gradient_verdict_is_not_wrong(claim):
    truth = classify_gradient(claim)
    judgement = run_gradient_check(claim, truth, budget=BUDGET)
    assert judgement.category in NOT_WRONG, (
        f"{judgement.category}: derivcheck says {judgement.verdict}, the oracle {truth.truth}\n"
        f"  claim: {claim.text()}\n  {judgement.reason}")


def test_the_claims_cover_every_truth_class_and_defeat_the_naive_check():
    """The CI set is not degenerate: all three classes occur, and the naive check errs on some."""
    truths = [classify_identity(c.lhs, c.rhs, assume=c.assume).truth for c in IDENTITIES]
    assert {t: truths.count(t) >= 5 for t in ("true", "conditional", "false")} == {
        "true": True, "conditional": True, "false": True}
    naive_wrong = sum(naive_identity(c.lhs, c.rhs) != (t == "true") for c, t in zip(IDENTITIES, truths))
    assert naive_wrong >= 5
    gradient_truths = {classify_gradient(c).truth for c in GRADIENTS}
    assert gradient_truths == {"true", "false"}
    assert any(c.symmetric for c in GRADIENTS), "no claim exercises assume symmetric"
