"""The rational evaluator computes what the exact SymPy evaluator computes, and hands over when it cannot."""

import pytest
import sympy as sp
from sympy import QQ
from sympy.polys.matrices import DomainMatrix

from derivcheck.checks.evaluate import ExactBackend, NotRational, RationalBackend, Undefined, _evaluate, evaluate
from derivcheck.errors import InputTypeError
from derivcheck.exact.expr import Pinv
from derivcheck.exact.generators import random_rational_matrix
from derivcheck.exact.pinv import pinv_exact, pinv_qq

A, B = sp.MatrixSymbol("A", 3, 2), sp.MatrixSymbol("B", 2, 3)
S = sp.MatrixSymbol("S", 3, 3)
c = sp.Symbol("c")

EXPRESSIONS = [
    A * B - 2 * S,
    Pinv(A) * A - sp.Identity(2),
    Pinv(A * B) - Pinv(B) * Pinv(A),
    (A.T * A).I * A.T,
    c * S**2 - S.T * S + sp.ZeroMatrix(3, 3),
    sp.Trace(S * A * B) / 3 - sp.Trace(S) ** 2,
    sp.Abs(sp.Trace(S) - 7),
    (S + c * sp.Identity(3)) ** -1,
]


def _values(seed):
    return {A: sp.ImmutableMatrix(random_rational_matrix(3, 2, rank=1 + seed % 2, seed=seed)),
            B: sp.ImmutableMatrix(random_rational_matrix(2, 3, rank=2, seed=seed + 1)),
            S: sp.ImmutableMatrix(random_rational_matrix(3, 3, rank=2 + seed % 2, seed=seed + 2)),
            c: sp.Rational(seed - 2, 3)}


def _exact(expr, values):
    try:
        return "value", _evaluate(expr, values, ExactBackend(), None, [])
    except Undefined as exc:
        return "undefined", exc.what


def _rational(expr, values):
    backend = RationalBackend()
    try:
        return "value", backend.to_sympy(_evaluate(expr, values, backend, None, []))
    except Undefined as exc:
        return "undefined", exc.what


@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize("expr", EXPRESSIONS, ids=range(len(EXPRESSIONS)))
def test_same_values_and_same_undefined(expr, seed):
    values = _values(seed)
    assert _rational(expr, values) == _exact(expr, values)


def test_a_singular_inverse_is_undefined_with_its_rank():
    values = {S: sp.ImmutableMatrix([[1, 2, 3], [2, 4, 6], [0, 0, 1]])}
    kind, what = _rational(S.I, values)
    assert kind == "undefined" and "rank 2 < 3" in what


@pytest.mark.parametrize("expr, values", [
    (sp.sqrt(sp.Trace(S)) * S, {S: sp.ImmutableMatrix.eye(3)}),
    (c * S, {S: sp.ImmutableMatrix.eye(3), c: sp.Symbol("t")}),
    (S * 2, {S: sp.ImmutableMatrix.eye(3) * sp.Float(0.5)}),
    (sp.kronecker_product(S, S), {S: sp.ImmutableMatrix.eye(3)}),
])
def test_what_is_not_rational_is_handed_over(expr, values):
    with pytest.raises(NotRational):
        _evaluate(expr, values, RationalBackend(), None, [])
    # and evaluate() still answers, through the exact SymPy evaluator
    assert evaluate(expr, values, ExactBackend()) == _evaluate(expr, values, ExactBackend(), None, [])


def test_recorded_inverses_are_sympy_matrices():
    values = _values(1)
    record: list = []
    evaluate(Pinv(A) * (S + sp.Identity(3)).I, values, ExactBackend(), record=record)
    assert [kind for kind, _, _ in record] == ["pinv", "inverse"]
    assert all(isinstance(m, sp.ImmutableMatrix) for _, _, m in record)
    assert record[0][2] == values[A]


def test_pinv_qq_is_pinv_exact():
    M = sp.Matrix(random_rational_matrix(4, 3, rank=2, seed=9))
    assert pinv_qq(DomainMatrix.from_Matrix(M).convert_to(QQ)).to_Matrix() == pinv_exact(M)
    assert pinv_qq(DomainMatrix.zeros((0, 2), QQ)).shape == (2, 0)


def test_pinv_qq_refuses_another_domain():
    with pytest.raises(InputTypeError, match="D.domain"):
        pinv_qq(DomainMatrix([[sp.ZZ(1)]], (1, 1), sp.ZZ))


# ------------------------------------------------------------ over ℚ(ε), for the limit checks

eps = sp.Symbol("epsilon", positive=True)
LIMIT_EXPRESSIONS = [
    (A.T * A + eps * sp.Identity(2)).I * A.T,
    A.T * (A * A.T + eps * sp.Identity(3)).I,
    eps * (S + eps * sp.Identity(3)).I,
    sp.Trace((S.T * S + eps * sp.Identity(3)).I) * eps,
    Pinv(A) * (eps * sp.Identity(3) + S),
]


def _over_field(expr, values):
    from derivcheck.checks.limit import _RationalFunctionBackend
    from derivcheck.exact.limits import limit_at_zero_plus

    out = []
    for backend in (RationalBackend(eps), _RationalFunctionBackend(eps)):
        try:
            value = _evaluate(expr, {**values, eps: eps}, backend, None, [])
        except Undefined as exc:
            out.append(("undefined", exc.what))
            continue
        if not isinstance(value, (sp.MatrixBase, DomainMatrix)):
            value = sp.ImmutableMatrix([[value]]) if isinstance(backend, ExactBackend) else \
                DomainMatrix([[value]], (1, 1), backend.field)
        lim = limit_at_zero_plus(value, eps)
        out.append(("value", lim.order, None if lim.diverges else lim.value))
    return out


@pytest.mark.parametrize("seed", range(3))
@pytest.mark.parametrize("expr", LIMIT_EXPRESSIONS, ids=range(len(LIMIT_EXPRESSIONS)))
def test_the_field_of_rational_functions_gives_the_same_limits(expr, seed):
    field, sympy_route = _over_field(expr, _values(seed))
    assert field == sympy_route


def test_over_the_field_a_singular_inverse_is_named_as_before():
    values = {S: sp.ImmutableMatrix(sp.diag(1, 0, 0))}
    field, sympy_route = _over_field((S + eps * S * S).I, values)
    assert field == sympy_route and "singular for every value of epsilon" in field[1]
    field, sympy_route = _over_field(Pinv(S + eps * S * S), values)
    assert field == sympy_route and "depends on epsilon" in field[1]
    field, sympy_route = _over_field(S.I * eps, values)
    assert field == sympy_route and "rank 1 < 3" in field[1]
