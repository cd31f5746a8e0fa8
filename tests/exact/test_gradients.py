"""Gradients by the index, matrix-calculus and directional routes.

Claims from Su Jianlin, "低秩近似之路（一）：伪逆" (kexue.fm/archives/10366):
∂‖AB−M‖²_F/∂B = 2Aᵀ(AB−M) and ∂/∂A = 2(AB−M)Bᵀ, derived through the chain
rule ∂L/∂E_kl = 2E_kl, ∂E_kl/∂B_ij = A_ki δ_lj. Independent references in
the tests: exact central differences (exact for losses quadratic in the
variable) and the textbook formulas evaluated on explicit matrices.
"""

from __future__ import annotations

import dataclasses

import pytest
import sympy

from derivcheck.errors import (
    DimensionError,
    InexactInputError,
    InputError,
    InputShapeError,
    InputTypeError,
    UnsupportedError,
)
from derivcheck.exact.expr import Pinv
from derivcheck.exact.gradients import (
    compare_gradient,
    gradient_index_route,
    gradient_matrix_route,
    prove_chain_rule_ab,
    shape_conditions,
)

n, r, m = sympy.symbols("n r m", integer=True, positive=True)
A = sympy.MatrixSymbol("A", n, r)
B = sympy.MatrixSymbol("B", r, m)
M = sympy.MatrixSymbol("M", n, m)
eps = sympy.Symbol("epsilon")
LOSS = sympy.Trace((A * B - M).T * (A * B - M))
RIDGE = LOSS + eps * sympy.Trace(B.T * B)

X = sympy.MatrixSymbol("X", n, m)
C = sympy.MatrixSymbol("C", n, n)
P = sympy.MatrixSymbol("P", n, r)   # Tr(PᵀXQ): P n×r, Q m×r
Q = sympy.MatrixSymbol("Q", m, r)


def _value(expr, values, dims):
    """Evaluate a scalar or matrix expression at explicit matrices (test-side)."""
    e = expr.subs(dims) if dims else expr
    e = e.xreplace({s: values[s.name] for s in e.atoms(sympy.MatrixSymbol)}).doit()
    return sympy.ImmutableMatrix(e) if getattr(e, "is_Matrix", False) else sympy.nsimplify(e)


def _central_difference_gradient(loss, wrt, values, dims, scalars=None):
    """Exact gradient of a loss quadratic in *wrt*: (L(W+E) - L(W-E)) / 2 per entry."""
    loss = loss.xreplace(scalars or {})
    W = values[wrt.name]
    out = sympy.zeros(*W.shape)
    for i in range(W.shape[0]):
        for j in range(W.shape[1]):
            E = sympy.zeros(*W.shape)
            E[i, j] = 1
            plus = dict(values, **{wrt.name: sympy.ImmutableMatrix(W + E)})
            minus = dict(values, **{wrt.name: sympy.ImmutableMatrix(W - E)})
            out[i, j] = (_value(loss, plus, dims) - _value(loss, minus, dims)) / 2
    return sympy.ImmutableMatrix(out)


# ---------------------------------------------------------------------------
# the article's gradients: accepted, by both routes
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "wrt,claimed",
    [(B, 2 * A.T * (A * B - M)), (A, 2 * (A * B - M) * B.T)],
    ids=["dL/dB", "dL/dA"],
)
def test_article_gradients_agree_for_all_entries_up_to_3(wrt, claimed):
    res = compare_gradient(LOSS, wrt, claimed, max_dim=3)
    assert res.status == "agrees" and res.holds
    assert res.for_all_entries
    assert len(res.shapes_checked) == 27 and res.proved_shapes == res.shapes_checked
    assert res.matrix_route.status == "agreed"
    assert res.counterexample is None


def test_matrix_route_alone_gives_the_article_formulas():
    # Structural comparison of SymPy's answer (a different route from the index one).
    assert sympy.simplify(gradient_matrix_route(LOSS, B).raw - 2 * A.T * (A * B - M)) == \
        sympy.ZeroMatrix(r, m)
    route = gradient_matrix_route(LOSS, A)
    assert route.form == "expression"


def test_index_route_matches_the_formula_on_explicit_entries():
    res = gradient_index_route(LOSS, B, shapes=[{"n": 3, "r": 2, "m": 2}, {"n": 1, "r": 3, "m": 2}])
    assert [dict(i.dims) for i in res.instances] == [{"m": 2, "n": 3, "r": 2},
                                                     {"m": 2, "n": 1, "r": 3}]
    for inst in res.instances:
        a, b, mm = (dict(inst.entries)[k] for k in "ABM")
        assert (inst.gradient - 2 * a.T * (a * b - mm)).expand().is_zero_matrix
    assert res.at(n=3, r=2, m=2) is res.instances[0]
    with pytest.raises(InputError, match="no instance"):
        res.at(n=9, r=9, m=9)


@pytest.mark.parametrize("shape", [(1, 1, 1), (2, 2, 2), (3, 2, 2), (2, 3, 1)])
def test_chain_rule_steps(shape):
    proof = prove_chain_rule_ab(*shape)
    assert proof.holds
    assert [s.label for s in proof.steps] == ["dL/dE", "dE/dB", "chain", "delta", "matrix form"]
    for step in proof.steps:
        assert step.holds and step.residual.is_zero_matrix
    nn, rr, mm = shape
    assert proof.steps[1].residual.shape == (nn * mm, rr * mm)  # every (k,l),(i,j) pair


# ---------------------------------------------------------------------------
# wrong candidates are rejected
# ---------------------------------------------------------------------------


def test_wrong_candidate_not_a_valid_product():
    res = compare_gradient(LOSS, B, 2 * (A * B - M) * A.T)
    assert res.status == "invalid-product" and not res.holds
    assert res.claimed_shape == (n, n) and res.wrt_shape == (r, m)
    assert any(c.startswith("m = r") for c in res.conditions)
    with pytest.raises(InputShapeError, match="not a valid product"):
        compare_gradient(LOSS, B, 2 * (A * B - M) * A.T, shape_mismatch="raise")


def test_wrong_candidate_wrong_shape():
    res = compare_gradient(LOSS, B, 2 * (A * B - M).T * A)
    assert res.status == "shape-mismatch" and not res.holds
    assert res.claimed_shape == (m, r) and "(r, m)" in res.message
    with pytest.raises(InputShapeError, match="shape of the variable"):
        compare_gradient(LOSS, B, 2 * (A * B - M).T * A, shape_mismatch="raise")


def test_wrong_shape_for_dA():
    res = compare_gradient(LOSS, A, 2 * A.T * (A * B - M))
    assert res.status in ("shape-mismatch", "invalid-product") and not res.holds


@pytest.mark.parametrize(
    "loss,wrt,claimed",
    [
        (LOSS, B, A.T * (A * B - M)),
        (LOSS, B, 2 * A.T * (A * B + M)),
        (LOSS, A, (A * B - M) * B.T),
        (RIDGE, B, 2 * A.T * (A * B - M)),
        (RIDGE, B, 2 * A.T * (A * B - M) + eps * B),
    ],
    ids=["missing-2", "plus-M", "dA-missing-2", "ridge-missing-eps", "ridge-eps-not-2eps"],
)
def test_wrong_values_come_with_a_verified_counterexample(loss, wrt, claimed):
    res = compare_gradient(loss, wrt, claimed, seed=7)
    assert res.status == "value-mismatch" and not res.holds and not res.for_all_entries
    ce = res.counterexample
    assert ce is not None and ce.rechecked
    values = ce.as_mapping()
    assert set(values) == {"A", "B", "M"}
    assert all(isinstance(x, sympy.Rational) for mat in values.values() for x in mat)
    dims = {sympy.Symbol(k, integer=True, positive=True): v for k, v in ce.dims}
    scalars = {sympy.Symbol(k): v for k, v in ce.scalars}
    if loss is RIDGE:
        assert [k for k, _ in ce.scalars] == ["epsilon"] and ce.scalars[0][1] > 0
    truth = _central_difference_gradient(loss, wrt, values, dims, scalars)
    claimed_here = _value(claimed.xreplace(scalars), values, dims)
    assert truth == ce.gradient
    assert claimed_here == ce.claimed
    assert truth != claimed_here
    i, j = ce.entry
    assert truth[i, j] != claimed_here[i, j]


def test_value_mismatch_seed_is_reproducible():
    a = compare_gradient(LOSS, B, A.T * (A * B - M), seed=3)
    b = compare_gradient(LOSS, B, A.T * (A * B - M), seed=3)
    assert a.counterexample == b.counterexample


def test_visit_every_shape_when_asked():
    res = compare_gradient(LOSS, B, A.T * (A * B - M), max_dim=2, stop_on_mismatch=False)
    assert len(res.shapes_checked) == 8 and res.proved_shapes == ()


# ---------------------------------------------------------------------------
# ridge loss and the matrix route's zero-matrix defect on sums
# ---------------------------------------------------------------------------


def _is_zero_answer(raw) -> bool:
    return raw == 0 or isinstance(raw, sympy.ZeroMatrix)


def test_ridge_gradient_and_matrix_route_verdict():
    res = compare_gradient(RIDGE, B, 2 * A.T * (A * B - M) + 2 * eps * B, max_dim=2)
    assert res.status == "agrees" and res.for_all_entries
    route = res.matrix_route
    if _is_zero_answer(route.raw):  # SymPy's defect on sums of traces
        assert route.status == "zero-matrix-bug"
        assert "directional route sides with the index route" in route.tie_break
    else:
        assert route.status == "agreed"
    assert route.termwise_status == "agreed"


def test_sum_of_traces_defect_is_detected_not_trusted():
    Y = sympy.MatrixSymbol("Y", n, n)
    loss = sympy.Trace(Y.T * Y) + sympy.Trace(Y)
    raw = gradient_matrix_route(loss, Y)
    res = compare_gradient(loss, Y, 2 * Y + sympy.Identity(n))
    assert res.status == "agrees"
    if _is_zero_answer(raw.raw):
        assert raw.form == "zero" and res.matrix_route.status == "zero-matrix-bug"
    # A claim equal to SymPy's zero answer is refuted by the index route.
    wrong = compare_gradient(loss, Y, sympy.ZeroMatrix(n, n))
    assert wrong.status == "value-mismatch" and wrong.counterexample.rechecked


def test_zero_gradient_is_not_flagged_as_defect():
    Y = sympy.MatrixSymbol("Y", n, n)
    loss = sympy.Trace(Y * Y.T) - sympy.Trace(Y.T * Y)  # identically zero, not simplified
    res = compare_gradient(loss, Y, sympy.ZeroMatrix(n, n), max_dim=2)
    assert res.status == "agrees"
    assert res.matrix_route.status == "agreed"


# ---------------------------------------------------------------------------
# trace losses, inverses of constants, concrete shapes
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "loss,wrt,right,wrong",
    [
        (sympy.Trace(P.T * X * Q), X, P * Q.T, 2 * P * Q.T),
        (sympy.Trace(X.T * C * X), X, (C + C.T) * X, 2 * C * X),
        (sympy.Trace(X.T * C * X) + sympy.Trace(X.T * X), X, (C + C.T) * X + 2 * X, (C + C.T) * X),
    ],
    ids=["Tr(PtXQ)", "Tr(XtCX)", "Tr(XtCX)+|X|^2"],
)
def test_trace_losses(loss, wrt, right, wrong):
    ok = compare_gradient(loss, wrt, right, max_dim=3)
    assert ok.status == "agrees" and ok.for_all_entries
    bad = compare_gradient(loss, wrt, wrong, max_dim=3)
    assert bad.status == "value-mismatch" and bad.counterexample.rechecked


def test_inverse_of_a_constant():
    Ci = sympy.Inverse(C)
    loss = sympy.Trace(X.T * Ci * X)
    ok = compare_gradient(loss, X, (Ci + Ci.T) * X, max_dim=2)
    assert ok.status == "agrees"
    bad = compare_gradient(loss, X, 2 * Ci * X, max_dim=2)
    assert bad.status == "value-mismatch"
    ce = bad.counterexample
    assert ce.rechecked and ce.as_mapping()["C"].det() != 0


def test_concrete_shapes_need_no_enumeration():
    A3, B3, M3 = sympy.MatrixSymbol("A", 3, 2), sympy.MatrixSymbol("B", 2, 2), \
        sympy.MatrixSymbol("M", 3, 2)
    loss = sympy.Trace((A3 * B3 - M3).T * (A3 * B3 - M3))
    res = compare_gradient(loss, B3, 2 * A3.T * (A3 * B3 - M3))
    assert res.status == "agrees" and res.shapes_checked == ((),)


def test_knobs_shapes_and_max_dim():
    res = compare_gradient(LOSS, B, 2 * A.T * (A * B - M), shapes={"n": 4, r: 1, "m": 2})
    assert res.shapes_checked == ((("m", 2), ("n", 4), ("r", 1)),)
    res = compare_gradient(LOSS, B, 2 * A.T * (A * B - M), max_dim=1, directional="all",
                           check_matrix_route=False)
    assert res.shapes_checked == ((("m", 1), ("n", 1), ("r", 1)),)
    assert res.matrix_route.status == "not-run" and "agrees" in res.directional_route


def test_shape_conditions():
    assert shape_conditions(2 * A.T * (A * B - M)) == ()
    assert shape_conditions(A * B.T) == ("r = m (columns of A vs rows of B.T)",)
    assert len(shape_conditions(A * A)) == 1 and "n = r" in shape_conditions(A * A)[0]


# ---------------------------------------------------------------------------
# bad input
# ---------------------------------------------------------------------------


def test_results_are_immutable():
    res = compare_gradient(LOSS, B, 2 * A.T * (A * B - M), max_dim=1)
    with pytest.raises(dataclasses.FrozenInstanceError):
        res.status = "value-mismatch"  # type: ignore[misc]
    assert "agrees" in str(res)


@pytest.mark.parametrize(
    "loss,wrt,exc,match",
    [
        ("Trace(B.T*B)", B, InputTypeError, "never parsed"),
        (LOSS, "B", InputTypeError, "never a name to be parsed"),
        (A * B - M, B, InputShapeError, "must be a scalar"),
        (LOSS, B.T, InputTypeError, "MatrixSymbol"),
        (LOSS, sympy.Symbol("B"), InputTypeError, "scalar Symbol"),
        (LOSS, sympy.MatrixSymbol("Z", r, m), InputError, "does not occur"),
        (LOSS, sympy.MatrixSymbol("B", m, r), InputError, "does not occur"),
        (sympy.Float(0.5) * LOSS, B, InexactInputError, "floats"),
        (sympy.Trace(Pinv(A) * Pinv(A).T), A, UnsupportedError, "pseudo-inverse"),
        (sympy.Trace(X * X), X, InputShapeError, "defined only when"),
        (3, B, InputTypeError, "not a SymPy expression"),
    ],
)
def test_bad_loss_or_variable(loss, wrt, exc, match):
    with pytest.raises(exc, match=match):
        gradient_index_route(loss, wrt)
    with pytest.raises(exc, match=match):
        compare_gradient(loss, wrt, 2 * A.T * (A * B - M))


@pytest.mark.parametrize(
    "claimed,exc,match",
    [
        ("2*A.T*(A*B - M)", InputTypeError, "never parsed"),
        (sympy.Integer(2), InputTypeError, "a gradient is a matrix"),
        (sympy.Float(2.0) * A.T * (A * B - M), InexactInputError, "floats"),
        (2 * Pinv(A) * A * B, UnsupportedError, "pseudo-inverse"),
    ],
)
def test_bad_claimed(claimed, exc, match):
    with pytest.raises(exc, match=match):
        compare_gradient(LOSS, B, claimed)


@pytest.mark.parametrize(
    "kwargs,exc,match",
    [
        ({"max_dim": 0}, DimensionError, "between 1"),
        ({"max_dim": True}, InputTypeError, "integer"),
        ({"shapes": {"n": 2}}, InputError, "no value for the dimensions"),
        ({"shapes": {"n": 2, "r": 1, "m": 1, "k": 3}}, InputError, "not a symbolic dimension"),
        ({"shapes": "n=2"}, InputTypeError, "mapping"),
        ({"directional": "sometimes"}, InputError, "unknown option"),
        ({"shape_mismatch": "ignore"}, InputError, "unknown option"),
        ({"seed": 1.5}, InputError, "seed=1.5: must be an integer >= 0"),
        ({"max_dim": 12, "max_instances": 10}, DimensionError, "max_instances"),
    ],
)
def test_bad_options(kwargs, exc, match):
    with pytest.raises(exc, match=match):
        compare_gradient(LOSS, B, 2 * A.T * (A * B - M), **kwargs)


# ---------------------------------------------------------------------------
# the polynomial-ring route decides exactly what the SymPy route decides
# ---------------------------------------------------------------------------


def _decided_by_sympy_alone(monkeypatch, *args, **kwargs):
    import derivcheck.exact.gradients as gradients

    with monkeypatch.context() as patch:
        patch.setattr(gradients, "_statuses_in_ring", lambda *a, **k: None)
        return compare_gradient(*args, **kwargs)


@pytest.mark.parametrize(
    "loss,wrt,claimed",
    [
        (LOSS, B, 2 * A.T * (A * B - M)),
        (LOSS, A, 2 * (A * B - M) * B.T),
        (LOSS, B, A.T * (A * B - M)),  # wrong by a factor 2
        (RIDGE, B, 2 * A.T * (A * B - M) + 2 * eps * B),
        (RIDGE, B, 2 * A.T * (A * B - M) + eps * B),  # wrong regularization term
        (sympy.Trace(X.T * C * X), X, (C + C.T) * X),
        (sympy.Trace(X.T * sympy.Inverse(C) * X), X, (sympy.Inverse(C) + sympy.Inverse(C).T) * X),
    ],
    ids=["dB", "dA", "dB-wrong", "ridge", "ridge-wrong", "XtCX", "inverse-of-constant"],
)
def test_ring_route_gives_the_sympy_route_result(monkeypatch, loss, wrt, claimed):
    fast = compare_gradient(loss, wrt, claimed, max_dim=2, stop_on_mismatch=False)
    slow = _decided_by_sympy_alone(monkeypatch, loss, wrt, claimed, max_dim=2, stop_on_mismatch=False)
    assert fast == slow


def test_ring_route_decides_polynomial_claims_and_only_true_ones():
    from derivcheck.exact.gradients import _statuses_in_ring, _symbolic_entries

    symbols = {"A": A, "B": B, "M": M}
    entries = _symbolic_entries(symbols, {n: 2, r: 1, m: 2})
    route = gradient_matrix_route(LOSS, B)
    right = _statuses_in_ring(LOSS, B, 2 * A.T * (A * B - M), route, {n: 2, r: 1, m: 2}, entries,
                              symbols, (), settle_disagreement=True)
    assert right == ("equal", "error")  # the loss is no sum: no termwise answer, as on the SymPy route
    wrong = _statuses_in_ring(LOSS, B, A.T * (A * B - M), route, {n: 2, r: 1, m: 2}, entries,
                              symbols, (), settle_disagreement=True)
    assert wrong is None  # a failing claim is left to the SymPy route and its counterexample
    Ci = sympy.Inverse(sympy.MatrixSymbol("A", n, n))
    outside = _statuses_in_ring(sympy.Trace(Ci * B * B.T), B, 2 * Ci * B, None, {n: 2, r: 2, m: 2},
                                _symbolic_entries({"A": sympy.MatrixSymbol("A", n, n), "B": B},
                                                  {n: 2, r: 2, m: 2}),
                                {"A": sympy.MatrixSymbol("A", n, n), "B": B}, (),
                                settle_disagreement=True)
    assert outside is None  # an inverse of a symbolic matrix leaves the ring
