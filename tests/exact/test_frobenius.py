"""Frobenius norm and inner product: helpers and exact proofs at concrete shapes.

Identities from Su Jianlin, "低秩近似之路（一）：伪逆" (kexue.fm/archives/10366):
‖M‖_F = ‖vec M‖₂ = sqrt(ΣΣ M_ij²), ⟨P,Q⟩_F = Tr(PᵀQ) = ΣΣ P_ij Q_ij, and the
chain Tr((UM)ᵀUM) = Tr(MᵀUᵀUM) = Tr(MᵀM) for orthogonal U. References in the
tests are computed independently (plain Python fractions, hand-built
orthogonal matrices), never by the code under test.
"""

from __future__ import annotations

import dataclasses
import random
from fractions import Fraction

import pytest
import sympy

from derivcheck.errors import DerivCheckError, DimensionError, InputError, InputShapeError, InputTypeError
from derivcheck.exact.frobenius import (
    IdentityProof,
    cayley_orthogonal,
    frobenius_inner,
    frobenius_norm_squared,
    polynomial_of,
    prove_inner_trace,
    prove_norm_vec,
    prove_orthogonal_invariance,
    prove_trace_chain,
    symbolic_matrix,
    vec,
)

R = sympy.Rational


def _all_zero(proof: IdentityProof) -> bool:
    return all(
        (v.is_zero_matrix if isinstance(v, sympy.MatrixBase) else v == 0)
        for _, v in proof.simplified
    )


def _rational_matrix(rng: random.Random, rows: int, cols: int) -> list[list[Fraction]]:
    return [[Fraction(rng.randint(-9, 9), rng.randint(1, 4)) for _ in range(cols)]
            for _ in range(rows)]


# ---------------------------------------------------------------------------
# helpers on MatrixExpr
# ---------------------------------------------------------------------------


def test_norm_squared_helper_builds_trace_and_matches_sum_of_squares():
    n, m = sympy.symbols("n m", integer=True, positive=True)
    X = sympy.MatrixSymbol("X", n, m)
    assert frobenius_norm_squared(X) == sympy.Trace(X.T * X)
    rng = random.Random(1)
    rows = _rational_matrix(rng, 3, 2)
    expected = sum(x * x for row in rows for x in row)  # plain Python fractions
    got = frobenius_norm_squared(sympy.Matrix(rows)).doit()
    assert got == R(expected.numerator, expected.denominator)


def test_inner_helper_builds_trace_and_matches_entrywise_sum():
    P, Q = sympy.MatrixSymbol("P", 2, 3), sympy.MatrixSymbol("Q", 2, 3)
    assert frobenius_inner(P, Q) == sympy.Trace(P.T * Q)
    rng = random.Random(2)
    p, q = _rational_matrix(rng, 2, 3), _rational_matrix(rng, 2, 3)
    expected = sum(a * b for ra, rb in zip(p, q) for a, b in zip(ra, rb))
    got = frobenius_inner(sympy.Matrix(p), sympy.Matrix(q)).doit()
    assert got == R(expected.numerator, expected.denominator)


def test_inner_helper_rejects_different_shapes():
    with pytest.raises(InputShapeError, match="equal shapes"):
        frobenius_inner(sympy.MatrixSymbol("P", 2, 3), sympy.MatrixSymbol("Q", 3, 2))
    n, m = sympy.symbols("n m", integer=True, positive=True)
    with pytest.raises(InputShapeError, match="equal shapes"):
        frobenius_inner(sympy.MatrixSymbol("P", n, m), sympy.MatrixSymbol("Q", m, n))


@pytest.mark.parametrize("bad", ["X.T*X", 3, None, [[1, 2]]])
def test_helpers_reject_non_matrices(bad):
    with pytest.raises(InputTypeError, match="X="):
        frobenius_norm_squared(bad)
    with pytest.raises(InputTypeError, match="P="):
        frobenius_inner(bad, sympy.MatrixSymbol("Q", 1, 2))


def test_vec_is_column_major():
    M = sympy.Matrix([[1, 2, 3], [4, 5, 6]])
    assert list(vec(M)) == [1, 4, 2, 5, 3, 6]
    with pytest.raises(InputTypeError, match="explicit matrix"):
        vec(sympy.MatrixSymbol("M", 2, 2))


def test_symbolic_matrix_entries_are_independent_real_symbols():
    S = symbolic_matrix("A", 2, 3)
    assert S.shape == (2, 3)
    assert len(set(S)) == 6 and all(x.is_Symbol and x.is_real for x in S)
    with pytest.raises(InputTypeError, match="name="):
        symbolic_matrix("", 1, 1)


# ---------------------------------------------------------------------------
# the zero test is a decision: it must say "no" to false identities
# ---------------------------------------------------------------------------


def test_polynomial_of_refuses_non_polynomials():
    x = sympy.Symbol("x")
    assert polynomial_of(sympy.sqrt(x)) is None
    assert polynomial_of((x + 1) ** 2).as_expr() == x**2 + 2 * x + 1


# ---------------------------------------------------------------------------
# proofs
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("shape", [(1, 1), (2, 3), (3, 2), (3, 3)])
def test_norm_vec_proof(shape):
    proof = prove_norm_vec(shape)
    assert proof.holds and _all_zero(proof)
    assert dict(proof.shapes)["M"] == shape
    labels = [k for k, _ in proof.residuals]
    assert labels == ["trace", "vec", "norm", "sympy-fro"]


@pytest.mark.parametrize("shape", [(1, 2), (2, 3), (3, 3)])
def test_inner_trace_proof(shape):
    proof = prove_inner_trace(shape)
    assert proof.holds and _all_zero(proof)
    assert dict(proof.shapes) == {"P": shape, "Q": shape}


@pytest.mark.parametrize("method", ["cayley", "substitution"])
@pytest.mark.parametrize("n,m", [(1, 1), (2, 1), (2, 3), (3, 2)])
def test_orthogonal_invariance(method, n, m):
    proof = prove_orthogonal_invariance(n, m, method=method)
    assert proof.holds and _all_zero(proof)
    assert proof.assumptions  # the orthogonality hypothesis is stated
    assert ("Cayley" if method == "cayley" else "substitut") in proof.method


def test_cayley_transform_is_orthogonal_at_rational_points():
    # Independent check: substitute rational values and verify UᵀU = I with
    # plain exact arithmetic, and that ‖UM‖² = ‖M‖² for a rational M.
    U, S = cayley_orthogonal(3)
    rng = random.Random(3)
    params = sorted(S.free_symbols, key=lambda s: s.name)
    for _ in range(3):
        point = {s: R(rng.randint(-5, 5), rng.randint(1, 3)) for s in params}
        Uq = U.xreplace(point)
        assert Uq.T * Uq == sympy.eye(3)
        Mq = sympy.Matrix(_rational_matrix(rng, 3, 2))
        assert sum(x**2 for x in Uq * Mq) == sum(x**2 for x in Mq)


@pytest.mark.parametrize("n", [1, 2, 3])
def test_cayley_transform_matches_the_formula_entry_by_entry(n):
    # The entries are those of (I - S)(I + S)⁻¹ computed by SymPy's adjugate and cancel.
    U, S = cayley_orthogonal(n, "p")
    eye = sympy.eye(n)
    plus = eye + S
    reference = ((eye - S) * plus.adjugate() / plus.det()).applyfunc(sympy.cancel)
    assert U == reference
    assert all(sympy.cancel(x) == x for x in U)  # kept reduced
    assert S.T == -S and (n == 1 or S.free_symbols)


@pytest.mark.parametrize("n,name,match", [(0, "s", "n=0"), (2, "a b", "name="), (2, 3, "name=")])
def test_cayley_transform_refuses_bad_input(n, name, match):
    with pytest.raises(DerivCheckError, match=match):
        cayley_orthogonal(n, name)


def test_invariance_fails_without_orthogonality():
    # The property the proof relies on is real: a generic (non-orthogonal)
    # matrix changes the norm, and a reflection (outside the Cayley family)
    # still preserves it.
    Ug = symbolic_matrix("U", 2, 2)
    M = symbolic_matrix("M", 2, 1)
    assert sympy.expand(sum(x**2 for x in Ug * M) - sum(x**2 for x in M)) != 0
    reflection = sympy.Matrix([[1, 0], [0, -1]])
    assert sympy.expand(sum(x**2 for x in reflection * M) - sum(x**2 for x in M)) == 0


@pytest.mark.parametrize("n,m", [(1, 2), (2, 2), (3, 2)])
def test_trace_chain(n, m):
    proof = prove_trace_chain(n, m)
    assert proof.holds and _all_zero(proof)
    assert [k for k, _ in proof.residuals] == ["transpose", "orthogonal", "norm", "symbolic-dims"]


def test_proof_results_are_immutable():
    proof = prove_norm_vec((2, 2))
    with pytest.raises(dataclasses.FrozenInstanceError):
        proof.holds = False  # type: ignore[misc]
    assert "proved" in str(proof)


@pytest.mark.parametrize(
    "shape,exc,match",
    [
        ((0, 2), DimensionError, "between 1 and 8"),
        ((2, 99), DimensionError, "limited"),
        ((True, 2), InputTypeError, "integer"),
        (("2", 2), InputTypeError, "integer"),
        ("2x2", InputTypeError, "pair of integers"),
        ((1, 2, 3), InputShapeError, "2 entries"),
    ],
)
def test_proofs_reject_bad_shapes(shape, exc, match):
    with pytest.raises(exc, match=match):
        prove_norm_vec(shape)


def test_orthogonal_invariance_rejects_unknown_method():
    with pytest.raises(InputError, match="method='cayley'"):
        prove_orthogonal_invariance(2, 2, method="svd")
