"""The claim vocabulary: kinds validate themselves, and their checkers compute the verdicts.

Each kind is checked with a true and a false statement (a wrong candidate
must be rejected), and the evidence text is checked against the data it
reports.
"""

from __future__ import annotations

import sympy as sp
import pytest

from derivcheck.checks.registry import checker_for, register, registered_kinds, run_kind
from derivcheck.claims import Article, CheckContext
from derivcheck.claims.kinds import (
    AllOf, Argmin, ClaimKind, Condition, Experiment, Gradient, Identity, LatexFormula, Limit,
    NotCheckable, PrintedMatrix, Procedure, Proof, Property, RankProfiles, WellShaped,
)
from derivcheck.errors import ClaimError, InputTypeError
from derivcheck.exact import pinv_exact
from derivcheck.f64 import UNIT_ROUNDOFF
from derivcheck.results import Verdict

CTX = CheckContext(seed=7, dps=30, budget=60)
n, r = sp.symbols("n r", integer=True, positive=True)
eps = sp.Symbol("epsilon", positive=True)
A = sp.MatrixSymbol("A", n, r)
B = sp.MatrixSymbol("B", r, n)
S = sp.MatrixSymbol("S", 2, 2)


def verdict(kind):
    return run_kind(kind, CTX).verdict


# ---------------------------------------------------------------- validation


@pytest.mark.parametrize("build, field", [
    (lambda: Identity("A", A), "Identity.lhs"),
    (lambda: Identity(A, A.T), "Identity.rhs"),
    (lambda: Identity(S, S, options={"max_dim": 0}), "Identity.max_dim"),
    (lambda: Identity(S, S, options={"colour": 1}), "Identity.options"),
    (lambda: Identity(S, S, assume={S: ""}), "Identity.assume[S]"),
    (lambda: Gradient(sp.Trace(S), "S", S), "Gradient.wrt"),
    (lambda: Limit(S, eps), "Limit.claimed"),
    (lambda: Limit(S, eps, S, diverges=True), "Limit.claimed"),
    (lambda: RankProfiles(((2, 2, 3),)), "RankProfiles.shapes"),
    (lambda: RankProfiles(((2, 2),), keep=lambda *_: False), "RankProfiles.keep"),
    (lambda: Property(lambda M: True, over=[S]), "Property.over"),
    (lambda: Proof(lambda s: True, at=()), "Proof.at"),
    (lambda: Experiment(lambda s: [], "err", lambda row: 1.0, "u", relation="<"), "Experiment.relation"),
    (lambda: AllOf(), "AllOf.steps"),
    (lambda: AllOf(S), "AllOf.steps"),
    (lambda: NotCheckable(""), "NotCheckable.reason"),
    (lambda: Condition("", lambda x: True), "Condition.text"),
    (lambda: PrintedMatrix("[[1]]", "1"), "PrintedMatrix.truth"),
])
def test_a_malformed_kind_names_its_field(build, field):
    with pytest.raises(ClaimError) as info:
        build()
    assert info.value.name == field
    assert info.value.fix


def test_kinds_are_frozen_and_their_mappings_read_only():
    kind = Identity(S, S, assume={S: "invertible"}, options={"max_dim": 2})
    with pytest.raises(AttributeError):
        kind.lhs = S.T
    with pytest.raises(TypeError):
        kind.assume[S] = ("symmetric",)
    assert kind.assume[S] == ("invertible",)


# ---------------------------------------------------------------- transcribed kinds


def test_identity_is_decided_and_a_wrong_one_refuted():
    gram = sp.Inverse(A.T * A) * A.T
    assert verdict(Identity(A * gram * A, A, assume={A: "full column rank"})) in (Verdict.PROVED, Verdict.VERIFIED)
    assert verdict(Identity(A * gram, sp.Identity(n), assume={A: "full column rank"})) is Verdict.CONDITIONAL
    assert verdict(Identity(A * gram * A, 2 * A, assume={A: "full column rank"})) is Verdict.REFUTED


def test_gradient_limit_argmin():
    X = sp.MatrixSymbol("X", 2, 2)
    loss = sp.Trace(X.T * X)
    assert verdict(Gradient(loss, X, 2 * X)) is Verdict.PROVED
    assert verdict(Gradient(loss, X, X)) is Verdict.REFUTED
    ridge = sp.Inverse(A.T * A + eps * sp.Identity(r)) * A.T
    assert verdict(Limit(ridge, eps, sp.Inverse(A.T * A) * A.T, assume={A: "full column rank"})) is Verdict.VERIFIED
    assert verdict(Limit(sp.Inverse(A.T * A + eps * sp.Identity(r)), eps, diverges=True,
                         assume={A: "rank-deficient"})) is Verdict.VERIFIED
    objective = sp.Trace((A * B - sp.Identity(n)).T * (A * B - sp.Identity(n))) + eps * sp.Trace(B.T * B)
    assert verdict(Argmin(objective, B, ridge, options={"max_dim": 2, "max_shapes": 2})) is Verdict.VERIFIED
    assert verdict(Argmin(objective, B, A.T, options={"max_dim": 2, "max_shapes": 2})) is Verdict.REFUTED


def test_latex_formula_takes_the_quote_when_no_formula_is_given():
    art = Article("demo", "Demo", "nowhere")
    claim = art.claim("inv", LatexFormula(assume={"A": "invertible"}), quote=r"A^{-1}A=I", expect="proved")
    assert claim.kind.formula == r"A^{-1}A=I" and claim.source_latex
    assert verdict(claim.kind) is Verdict.PROVED
    assert verdict(LatexFormula(r"AA^{-1}=A", assume={"A": "invertible"})) is Verdict.REFUTED


def test_well_shaped_refutes_a_shape_conflict_and_proves_consistent_shapes():
    bad = run_kind(WellShaped(r"A^+ = \min_B \| AB - I \|_F^2", example=lambda: {"A": sp.Matrix([[1, 2]])}), CTX)
    assert bad.verdict is Verdict.REFUTED and "shape conflict" in bad.evidence[0].summary
    assert bad.counterexample == {"A": sp.ImmutableMatrix([[1, 2]])}
    good = run_kind(WellShaped(r"\min_B \| AB - M \|_F^2", shapes={"A": ("m", "n"), "M": ("m", "n")}), CTX)
    assert good.verdict is Verdict.PROVED and "B nxn" in good.evidence[0].summary


def test_printed_matrix_against_its_exact_value():
    assert verdict(PrintedMatrix("[[0.5 0.333]]", sp.Matrix([[sp.Rational(1, 2), sp.Rational(1, 3)]]))) is Verdict.PROVED
    assert verdict(PrintedMatrix("[[0.5 0.334]]", lambda: sp.Matrix([[sp.Rational(1, 2), sp.Rational(1, 3)]]))) \
        is Verdict.REFUTED


# ---------------------------------------------------------------- computed kinds


def test_property_names_its_instances_from_the_instances():
    kind = Property(lambda M: pinv_exact(pinv_exact(M)) == M, over=RankProfiles(((3, 2), (2, 2, 1))))
    result = run_kind(kind, CTX)
    assert result.verdict is Verdict.VERIFIED
    assert "holds at all 4 instances: 3x2 rank 0, 1, 2; 2x2 rank 1" in result.evidence[0].summary
    assert dict(result.evidence[0].details) == {"instances": 4, "failures": 0}


def test_property_refuted_at_the_first_failure_with_its_matrices():
    kind = Property(lambda M: (M * pinv_exact(M) == sp.eye(M.rows), "AA⁺ ≠ I"), over=RankProfiles(((2, 2),)))
    result = run_kind(kind, CTX)
    assert result.verdict is Verdict.REFUTED
    assert result.evidence[0].summary.startswith("fails at 2 of 3 instances, first 2x2 rank 0 (AA⁺ ≠ I)")
    assert result.counterexample == {"A": sp.zeros(2, 2)}


def test_property_conditional_only_when_every_failure_lies_outside_the_condition():
    full_row_rank = Condition("A: full row rank", lambda M: M.rank() == M.rows)
    right_inverse = lambda M: M * pinv_exact(M) == sp.eye(M.rows)  # noqa: E731
    result = run_kind(Property(right_inverse, over=RankProfiles(((2, 3), (2, 2))), only_if=full_row_rank), CTX)
    assert result.verdict is Verdict.CONDITIONAL and result.conditions == ("A: full row rank",)
    assert result.counterexample["A"].rank() < 2
    wrong_condition = Condition("A: square", lambda M: M.rows == M.cols)
    assert verdict(Property(right_inverse, over=RankProfiles(((2, 3), (2, 2))), only_if=wrong_condition)) \
        is Verdict.REFUTED


def test_property_over_drawn_instances_and_a_non_boolean_answer_is_an_error():
    draw = lambda rng: [{"A": sp.Matrix([[rng.randint(1, 9)]]), "M": sp.Matrix([[2]])}]  # noqa: E731
    result = run_kind(Property(lambda d: d["A"][0] > 0, over=draw), CTX)
    assert result.verdict is Verdict.VERIFIED and "A 1x1 rank 1, M 1x1 rank 1" in result.evidence[0].summary
    with pytest.raises(InputTypeError):
        run_kind(Property(lambda d: d["A"][0] - d["A"][0], over=draw), CTX)


def test_proof_at_shapes_and_its_cross_check():
    def trace_transpose(shape):
        X = sp.Matrix(*shape, lambda i, j: sp.Symbol(f"x{i}{j}"))
        return sp.expand((X.T * X).trace() - sum(e**2 for e in X)) == 0

    result = run_kind(Proof(trace_transpose, at=((1, 1), (2, 3))), CTX)
    assert result.verdict is Verdict.PROVED
    assert result.evidence[0].summary == "trace_transpose: holds at all 2 shapes: 1x1; 2x3" or \
        "holds at all 2 shapes: 1x1; 2x3" in result.evidence[0].summary
    assert verdict(Proof(lambda shape: shape != (2, 3), at=((1, 1), (2, 3)))) is Verdict.REFUTED
    disagree = Proof(trace_transpose, at=((1, 1),), cross_check=Property(lambda M: M.rank() == 0,
                                                                         over=RankProfiles(((2, 2),))))
    assert verdict(disagree) is Verdict.INCONSISTENT


def _runs(seed):
    return [{"case": "well-conditioned", "kappa": 10.0, "error": 1e-15},
            {"case": "ill-conditioned", "kappa": 1e12, "error": 1e-3}]


def test_experiment_compares_each_run_with_its_bound():
    bound = lambda run: 10 * UNIT_ROUNDOFF * run["kappa"]  # noqa: E731
    result = run_kind(Experiment(_runs, "error", bound, "10·u·κ"), CTX)
    assert result.verdict is Verdict.VERIFIED
    assert "well-conditioned: error 1.0e-15 vs 1.1e-14" in result.evidence[0].summary
    tight = lambda run: 100 * UNIT_ROUNDOFF  # noqa: E731
    tight_result = run_kind(Experiment(_runs, "error", tight, "100·u", only_if=Condition(
        "A: well-conditioned", lambda run: run["kappa"] < 1e3)), CTX)
    assert tight_result.verdict is Verdict.CONDITIONAL
    assert verdict(Experiment(_runs, "error", tight, "100·u", relation=">=")) is Verdict.REFUTED


def test_all_of_takes_the_weakest_verdict():
    proved = Identity(S.T.T, S)
    verified = Property(lambda M: True, over=RankProfiles(((2, 2, 1),)))
    refuted = Identity(S.T, S)
    assert verdict(AllOf(proved, proved)) is Verdict.PROVED
    assert verdict(AllOf(proved, verified)) is Verdict.VERIFIED
    assert verdict(AllOf(proved, refuted)) is Verdict.REFUTED


def test_not_checkable_needs_prose_without_a_formula():
    art = Article("demo", "Demo", "nowhere")
    claim = art.claim("advice", NotCheckable("advice about style"), quote="转换为迹运算通常更简单",
                      expect="not-checkable")
    assert claim.justification == "advice about style"
    assert verdict(claim.kind) is Verdict.NOT_CHECKABLE
    assert verdict(NotCheckable("not prose", r"A^{-1}A=I")) is Verdict.UNDECIDED


# ---------------------------------------------------------------- the registry


def test_every_kind_has_a_checker():
    kinds = {Identity, Gradient, Limit, Argmin, LatexFormula, WellShaped, PrintedMatrix, Property, Proof,
             Experiment, AllOf, NotCheckable, Procedure}
    assert kinds <= set(registered_kinds())


def test_a_kind_without_a_checker_is_refused_and_registering_twice_too():
    class Unregistered(ClaimKind):
        pass

    with pytest.raises(InputTypeError, match="no registered checker"):
        checker_for(Unregistered())
    with pytest.raises(InputTypeError, match="already has a checker"):
        register(Identity)(lambda kind, ctx: None)
    with pytest.raises(InputTypeError):
        checker_for("Identity")


def test_a_claim_needs_exactly_one_of_kind_and_check():
    with pytest.raises(ClaimError, match="exactly one"):
        Article("demo", "Demo", "nowhere").add(
            __import__("derivcheck").Claim(id="x", article="demo", quote="q", statement="s", expected="proved"))


def test_property_numeric_legs_run_on_the_first_instances():
    result = run_kind(Property(lambda M: True, over=RankProfiles(((3, 2), (2, 2))), legs=("pinv", "rank"),
                               legs_on=2), CTX)
    assert result.verdict is Verdict.VERIFIED
    pinv_leg, rank_leg = result.evidence[1:]
    assert "agree at 2 instances: 3x2 rank 0: agree (κ = 1); 3x2 rank 1: agree" in pinv_leg.summary
    assert "numerical ranks vs the exact rank: agree" in rank_leg.summary
    with pytest.raises(ClaimError):
        Property(lambda M: True, over=RankProfiles(((2, 2),)), legs=("svd",))


def test_experiment_timing_is_measured_evidence_that_never_decides():
    bound = lambda run: 10 * UNIT_ROUNDOFF * run["kappa"]  # noqa: E731
    result = run_kind(Experiment(_runs, "error", bound, "10·u·κ", timing=lambda: {"solve_s": 0.25}), CTX)
    assert result.verdict is Verdict.VERIFIED
    timing = result.evidence[-1]
    assert timing.measured and "solve_s 2.5e-01" in timing.summary
    assert timing.as_dict()["details"] == {}
    with pytest.raises(ClaimError):
        Experiment(_runs, "error", bound, "10·u·κ", timing=0.25)


def _seen_by(claim_ctx, profiles):
    """The matrices a Property over *profiles* is checked at, in a context."""
    seen = []
    run_kind(Property(lambda M: seen.append(sp.ImmutableMatrix(M)) is None, over=profiles), claim_ctx)
    return seen


def test_claims_naming_the_same_profiles_share_the_run_s_instances():
    profiles = RankProfiles(((3, 2), (2, 3, 1)), per_profile=2)
    a = Article("art", "an article", "https://example.org/notes")
    first, second = (a.claim(name, Property(lambda M: True, over=profiles), quote="q", expect="verified")
                     for name in ("c1", "c2"))
    ctx1, ctx2 = first.context(5, 30, 10.0), second.context(5, 30, 10.0)
    assert ctx1.seed != ctx2.seed  # each claim keeps its own seed for its own draws
    assert _seen_by(ctx1, profiles) == _seen_by(ctx2, profiles)
    assert _seen_by(first.context(6, 30, 10.0), profiles) != _seen_by(ctx1, profiles)


def test_without_a_run_seed_profiles_are_drawn_from_the_claim_seed():
    profiles = RankProfiles(((3, 2),), per_profile=2)
    assert _seen_by(CheckContext(seed=1, dps=30, budget=10), profiles) != \
        _seen_by(CheckContext(seed=2, dps=30, budget=10), profiles)
    assert _seen_by(CheckContext(seed=1, dps=30, budget=10, run_seed=4), profiles) == \
        _seen_by(CheckContext(seed=2, dps=30, budget=10, run_seed=4), profiles)
