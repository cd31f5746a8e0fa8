"""The eigen route to the pseudo-inverse and the diagonal rule Λ⁺, checked exactly.

The references are independent of the code under test: SymPy's own
``limit`` and matrix inverse for ``lim (ΛᵀΛ + εI)⁻¹Λᵀ``, the four Penrose
conditions, the pseudo-inverses known by construction (``V Σ⁺ Uᵀ``), and
``pinv_exact`` / ``regularized_limit`` once those modules exist.
"""

from __future__ import annotations

from fractions import Fraction

import pytest
import sympy

from derivcheck.errors import (
    InexactInputError,
    InputError,
    InputShapeError,
    InputTypeError,
    UnsupportedError,
)
from derivcheck.exact.generators import matrix_with_singular_values
from matrix_cases import cases, get_case
from derivcheck.exact.spectral import (
    EigenPinv,
    diagonal_regularized_limit,
    lambda_dagger,
    lambda_dagger_consistency,
    matrix_with_rational_gram_spectrum,
    orthogonal_diagonalization,
    pinv_via_eigen,
)

R = sympy.Rational
eps = sympy.Symbol("eps", positive=True)  # a different symbol from the module's own


# ---------------------------------------------------------------------------
# Independent references
# ---------------------------------------------------------------------------


def is_zero_matrix(M: sympy.MatrixBase) -> bool:
    return all(sympy.expand(sympy.radsimp(x)) == 0 for x in M)


def penrose_failures(A: sympy.MatrixBase, X: sympy.MatrixBase) -> list[str]:
    A, X = sympy.Matrix(A), sympy.Matrix(X)
    if X.shape != (A.cols, A.rows):
        return ["shape"]
    failures = []
    if not is_zero_matrix(A * X * A - A):
        failures.append("AXA=A")
    if not is_zero_matrix(X * A * X - X):
        failures.append("XAX=X")
    if not is_zero_matrix((A * X).T - A * X):
        failures.append("(AX)ᵀ=AX")
    if not is_zero_matrix((X * A).T - X * A):
        failures.append("(XA)ᵀ=XA")
    return failures


def sympy_regularized_limit(L: sympy.MatrixBase) -> sympy.Matrix:
    """lim_{ε→0⁺} (LᵀL + εI)⁻¹Lᵀ with SymPy's own inverse and limit."""
    L = sympy.Matrix(L)
    n = L.cols
    if n == 0 or L.rows == 0:
        return sympy.zeros(n, L.rows)
    reg = (L.T * L + eps * sympy.eye(n)).inv() * L.T
    return reg.applyfunc(lambda x: sympy.limit(sympy.cancel(x), eps, 0, "+"))


def reference_pinv():
    try:
        from derivcheck.exact.pinv import pinv_exact
    except ImportError:
        return None
    return pinv_exact


def reference_regularized_limit():
    try:
        from derivcheck.exact.limits import regularized_limit
    except ImportError:
        return None
    return regularized_limit


def test_penrose_reference_can_fail():
    A = sympy.Matrix([[1, 1], [1, 1]])
    assert penrose_failures(A, sympy.ones(2, 2) / 4) == []
    assert penrose_failures(A, sympy.ones(2, 2) / 2) != []
    assert penrose_failures(A, sympy.eye(2)) != []


# ---------------------------------------------------------------------------
# Λ⁺ and the ε-limit
# ---------------------------------------------------------------------------

DIAGONALS = [
    sympy.Matrix([[3]]),
    sympy.Matrix([[0]]),
    sympy.diag(2, 0, R(1, 3)),
    sympy.diag(0, 0, 0),
    sympy.diag(-5, 4, 0, 0),  # the rule does not care about signs
    sympy.Matrix([[3, 0, 0, 0], [0, 0, 0, 0], [0, 0, R(1, 2), 0]]),  # wide Σ with a zero
    sympy.Matrix([[7, 0], [0, 0], [0, 0], [0, 0]]),  # tall Σ with a zero
    sympy.Matrix([[0, 0, 0]]),
    sympy.zeros(0, 3),
    sympy.zeros(2, 0),
]


@pytest.mark.parametrize("L", DIAGONALS, ids=lambda L: f"{L.shape}-{[L[i, i] for i in range(min(L.shape))]}")
def test_lambda_dagger_equals_the_epsilon_limit(L):
    m, n = L.shape
    rule = lambda_dagger(L)
    assert rule.shape == (n, m)
    reference = sympy_regularized_limit(L)
    assert sympy.Matrix(rule) == reference
    assert sympy.Matrix(diagonal_regularized_limit(L)) == reference
    check = lambda_dagger_consistency(L)
    assert check.agrees and check.mismatches == ()
    assert penrose_failures(L, rule) == []


@pytest.mark.parametrize("L", [L for L in DIAGONALS if min(L.shape)], ids=str)
def test_lambda_dagger_equals_general_regularized_limit(L):
    regularized_limit = reference_regularized_limit()
    if regularized_limit is None:
        pytest.skip("derivcheck.exact.limits is not present yet")
    assert sympy.Matrix(regularized_limit(L, "left").value) == sympy.Matrix(lambda_dagger(L))


def _zero_to_one(L):
    """Wrong: invert the nonzero entries but map 0 to 1."""
    m, n = L.shape
    out = sympy.zeros(n, m)
    for i in range(min(m, n)):
        out[i, i] = 1 / L[i, i] if L[i, i] != 0 else 1
    return out


def _invert_all(L):
    """Wrong: invert every diagonal entry (1/0 becomes zoo)."""
    m, n = L.shape
    out = sympy.zeros(n, m)
    for i in range(min(m, n)):
        out[i, i] = sympy.Integer(1) / L[i, i]
    return out


def _no_transpose(L):
    """Wrong for rectangular Λ: the right entries in the shape of Λ."""
    return sympy.Matrix(L).applyfunc(lambda x: 1 / x if x != 0 else 0)


def _identity_rule(L):
    """Wrong: Λ⁺ = Λᵀ (no inversion)."""
    return sympy.Matrix(L).T


@pytest.mark.parametrize("wrong_rule", [_zero_to_one, _invert_all, _identity_rule])
def test_wrong_rules_disagree_with_the_epsilon_limit(wrong_rule):
    L = sympy.diag(2, 0, R(1, 3), 0)
    check = lambda_dagger_consistency(L, wrong_rule)
    assert not check.agrees
    # The independent SymPy limit confirms that the rule, not the limit, is wrong.
    assert sympy.Matrix(check.limit_value) == sympy_regularized_limit(L)
    assert sympy.Matrix(wrong_rule(L)) != sympy_regularized_limit(L)


def test_zero_to_one_rule_fails_exactly_at_the_zero_eigenvalues():
    L = sympy.diag(2, 0, R(1, 3), 0)
    check = lambda_dagger_consistency(L, _zero_to_one)
    assert [(i, j) for i, j, *_ in check.mismatches] == [(1, 1), (3, 3)]
    assert all(rule_value == 1 and limit_value == 0 for *_, rule_value, limit_value in check.mismatches)


def test_untransposed_rule_is_caught_on_rectangular_sigma():
    L = sympy.Matrix([[3, 0, 0, 0], [0, 0, 0, 0], [0, 0, R(1, 2), 0]])
    check = lambda_dagger_consistency(L, _no_transpose)
    assert not check.agrees
    assert check.mismatches[0][:2] == (-1, -1)


def test_lambda_dagger_with_decidable_symbols():
    s = sympy.Symbol("s", positive=True)
    assert lambda_dagger(sympy.diag(s, 0)) == sympy.diag(1 / s, 0)
    t = sympy.Symbol("t")
    with pytest.raises(UnsupportedError, match="cannot decide whether this entry is zero"):
        lambda_dagger(sympy.diag(t, 1))


def test_lambda_dagger_refuses_bad_input():
    with pytest.raises(InputError, match=r"diagonal matrix, but entry \[0,1\] is 1"):
        lambda_dagger([[2, 1], [0, 3]])
    with pytest.raises(InputError, match="diagonal"):
        diagonal_regularized_limit([[2, 0], [5, 3]])
    with pytest.raises(InexactInputError, match="floats"):
        lambda_dagger([[0.5, 0], [0, 0]])
    with pytest.raises(InputShapeError):
        lambda_dagger([[1, 0], [0]])


# ---------------------------------------------------------------------------
# Orthogonal diagonalization
# ---------------------------------------------------------------------------


def _symmetric_inputs():
    yield "2x2", sympy.Matrix([[2, 1], [1, 2]])
    yield "repeated-4-1-1", sympy.Matrix([[2, 1, 1], [1, 2, 1], [1, 1, 2]])
    yield "zero-3", sympy.zeros(3, 3)
    yield "identity-3", sympy.eye(3)
    yield "diag-unsorted", sympy.diag(R(1, 2), 5, 0, 5)
    yield "fractions", sympy.Matrix([[R(5, 4), R(3, 4)], [R(3, 4), R(5, 4)]])
    for m, n, r, seed in [(5, 4, 2, 1), (3, 6, 3, 2), (8, 8, 8, 3), (7, 6, 4, 4)]:
        A = matrix_with_rational_gram_spectrum(m, n, rank=r, seed=seed).A
        yield f"gram-{m}x{n}-rank{r}", A.T * A


SYMMETRIC = list(_symmetric_inputs())


@pytest.mark.parametrize("S", [s for _, s in SYMMETRIC], ids=[name for name, _ in SYMMETRIC])
def test_orthogonal_diagonalization_is_exact(S):
    n = S.rows
    d = orthogonal_diagonalization(S)
    U, L = sympy.Matrix(d.U), sympy.Matrix(d.Lambda)
    assert U.shape == L.shape == (n, n)
    assert is_zero_matrix(U.T * U - sympy.eye(n))
    assert is_zero_matrix(U * U.T - sympy.eye(n))
    assert is_zero_matrix(U * L * U.T - S)
    assert L == sympy.diag(*d.eigenvalues)
    assert list(d.eigenvalues) == sorted(d.eigenvalues, reverse=True)
    x = sympy.Symbol("x")
    expected = sympy.Integer(1)
    for lam in d.eigenvalues:
        expected *= x - lam
    assert sympy.expand(S.charpoly(x).as_expr() - expected) == 0
    # Each column is an eigenvector for its eigenvalue.
    for j, lam in enumerate(d.eigenvalues):
        assert is_zero_matrix(S * U[:, j] - lam * U[:, j])


def test_orthonormality_check_rejects_unnormalized_eigenvectors():
    d = orthogonal_diagonalization(sympy.Matrix([[2, 1, 1], [1, 2, 1], [1, 1, 2]]))
    W = sympy.Matrix(d.W)
    assert not is_zero_matrix(W.T * W - sympy.eye(3))  # orthogonal but not unit columns
    assert W.T * W == sympy.diag(*d.norms_squared)
    # A plain eigen basis without Gram–Schmidt in the repeated eigenspace is not orthogonal.
    V = sympy.Matrix([[1, -1, -1], [1, 1, 0], [1, 0, 1]])
    assert not is_zero_matrix(V.T * V - sympy.diag(*[(V[:, j].T * V[:, j])[0] for j in range(3)]))


def test_orthogonal_diagonalization_empty():
    d = orthogonal_diagonalization(sympy.zeros(0, 0))
    assert d.U.shape == (0, 0) and d.eigenvalues == ()


def test_orthogonal_diagonalization_refuses_bad_input():
    with pytest.raises(UnsupportedError, match="irreducible factor lambda\\*\\*2 - lambda - 1"):
        orthogonal_diagonalization([[1, 1], [1, 0]])
    with pytest.raises(InputError, match="symmetric"):
        orthogonal_diagonalization([[1, 2], [3, 4]])
    with pytest.raises(InputShapeError, match="square"):
        orthogonal_diagonalization([[1, 2, 3], [2, 4, 5]])
    with pytest.raises(InexactInputError, match="floats"):
        orthogonal_diagonalization([[1.0, 0], [0, 1]])
    with pytest.raises(UnsupportedError, match="rational entries"):
        orthogonal_diagonalization(sympy.Matrix([[sympy.sqrt(2), 0], [0, 1]]))


# ---------------------------------------------------------------------------
# A⁺ = U Λ⁺ UᵀAᵀ
# ---------------------------------------------------------------------------


def _check_eigen_pinv(A: sympy.MatrixBase, r: EigenPinv) -> None:
    A = sympy.Matrix(A)
    m, n = A.shape
    assert r.pinv.shape == (n, m)
    assert penrose_failures(A, r.pinv) == []
    assert r.zero_rows_vanish and r.regularized_identity_holds and r.limit_matches_pinv
    assert len(r.zero_eigenvalue_indices) == n - A.rank()
    # Independently: every zero eigenvalue has a zero row of UᵀAᵀ.
    UtAt = sympy.Matrix(r.U).T * A.T
    for i in r.zero_eigenvalue_indices:
        assert r.Lambda[i, i] == 0
        assert is_zero_matrix(UtAt.row(i))
    # And the eigen formula itself, recomputed here.
    if m and n:
        assert is_zero_matrix(sympy.Matrix(r.U) * sympy.Matrix(r.Lambda_dagger) * UtAt - r.pinv)


EIGEN_CASES = [c for c in cases() if c.singular_values is not None]


@pytest.mark.parametrize("case", EIGEN_CASES, ids=lambda c: c.name)
def test_pinv_via_eigen_on_registry_cases(case):
    r = pinv_via_eigen(case.matrix)
    _check_eigen_pinv(case.matrix, r)
    assert r.pinv == case.pinv
    # The eigenvalues of AᵀA are the squared singular values, padded with zeros.
    n = case.shape[1]
    squares = sorted((sympy.expand(s**2) for s in case.singular_values), reverse=True)
    assert [r.Lambda[i, i] for i in range(n)] == squares + [0] * (n - len(squares))


@pytest.mark.parametrize(
    "m, n, rank, seed",
    [(4, 3, 2, 0), (3, 4, 3, 1), (5, 5, 0, 2), (6, 4, 4, 3), (2, 6, 1, 4), (8, 8, 6, 5), (4, 4, 4, 6)],
)
def test_pinv_via_eigen_on_generated_matrices(m, n, rank, seed):
    svd = matrix_with_rational_gram_spectrum(m, n, rank=rank, seed=seed)
    r = pinv_via_eigen(svd.A)
    _check_eigen_pinv(svd.A, r)
    assert r.pinv == svd.pinv


def test_pinv_via_eigen_handles_a_matrix_not_built_from_an_svd():
    A = sympy.Matrix([[1, 1], [1, 1], [0, 0]])  # AᵀA = [[2, 2], [2, 2]]: eigenvalues 4, 0
    r = pinv_via_eigen(A)
    _check_eigen_pinv(A, r)
    assert r.zero_eigenvalue_indices == (1,)


def test_pinv_via_eigen_equals_pinv_exact():
    pinv_exact = reference_pinv()
    if pinv_exact is None:
        pytest.skip("derivcheck.exact.pinv is not present yet")
    matrices = [c.matrix for c in EIGEN_CASES] + [
        matrix_with_rational_gram_spectrum(5, 4, rank=2, seed=s).A for s in range(3)
    ]
    for A in matrices:
        assert pinv_via_eigen(A).pinv == sympy.Matrix(pinv_exact(A)), A


def test_eigen_limit_equals_general_regularized_limit():
    regularized_limit = reference_regularized_limit()
    if regularized_limit is None:
        pytest.skip("derivcheck.exact.limits is not present yet")
    matrices = [c.matrix for c in EIGEN_CASES if min(c.shape)] + [
        matrix_with_rational_gram_spectrum(4, 5, rank=2, seed=s).A for s in range(2)
    ]
    for A in matrices:
        r = pinv_via_eigen(A)
        assert r.limit == sympy.Matrix(regularized_limit(A, "left").value), A


def test_regularized_form_matches_sympy_inverse():
    for A in (sympy.Matrix([[1, 1], [1, 1], [0, 0]]), matrix_with_singular_values(3, 3, [2, 1, 0], seed=3).A):
        r = pinv_via_eigen(A, eps=eps)
        direct = (A.T * A + eps * sympy.eye(A.cols)).inv() * A.T
        assert all(sympy.cancel(x - y) == 0 for x, y in zip(direct, r.regularized))
        assert r.limit == sympy.Matrix(direct).applyfunc(lambda x: sympy.limit(x, eps, 0, "+"))


def test_any_value_at_zero_eigenvalues_gives_the_same_pinv_but_not_the_limit():
    # The article's remark: since the rows of UᵀAᵀ at λᵢ = 0 vanish, the value
    # Λ⁺ puts there does not change U Λ⁺ UᵀAᵀ; it still must be 0 to agree
    # with lim (ΛᵀΛ + εI)⁻¹Λᵀ.
    A = matrix_with_singular_values(4, 3, [3, 1, 0], seed=7).A
    r = pinv_via_eigen(A)
    U, L = sympy.Matrix(r.U), sympy.Matrix(r.Lambda)
    UtAt = U.T * A.T
    wrong = _zero_to_one(L)
    assert is_zero_matrix(U * wrong * UtAt - r.pinv)
    assert not lambda_dagger_consistency(L, _zero_to_one).agrees
    # A rule that does not invert at all breaks the pseudo-inverse itself.
    not_inverted = U * _identity_rule(L) * UtAt
    assert penrose_failures(A, not_inverted) != []


def test_pinv_via_eigen_empty_shapes():
    for m, n in [(0, 3), (3, 0), (0, 0)]:
        r = pinv_via_eigen(sympy.zeros(m, n))
        assert r.pinv.shape == (n, m) and r.regularized_identity_holds and r.limit_matches_pinv
        assert r.zero_eigenvalue_indices == tuple(range(n))


def test_pinv_via_eigen_refuses_irrational_gram_spectrum():
    blog = get_case("blog-3x2").matrix  # AᵀA = [[35, 44], [44, 56]]: discriminant 8185
    with pytest.raises(UnsupportedError, match="not all eigenvalues are rational"):
        pinv_via_eigen(blog)
    assert not sympy.sqrt(91**2 - 4 * 24).is_rational


def test_pinv_via_eigen_refuses_bad_input():
    with pytest.raises(InexactInputError, match="floats"):
        pinv_via_eigen([[1.0, 2.0]])
    with pytest.raises(UnsupportedError, match="rational entries"):
        pinv_via_eigen(sympy.Matrix([[sympy.sqrt(2), 1]]))
    with pytest.raises(InputError, match="positive SymPy symbol"):
        pinv_via_eigen([[1, 2]], eps=sympy.Symbol("e"))


def test_eigen_pinv_result_is_immutable():
    r = pinv_via_eigen([[1, 0], [0, 0]])
    with pytest.raises(AttributeError):
        r.pinv = r.A  # type: ignore[misc]


# ---------------------------------------------------------------------------
# matrix_with_rational_gram_spectrum
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("m, n, rank", [(5, 3, None), (3, 5, 2), (4, 4, 0), (6, 6, 3)])
def test_rational_gram_spectrum_really_is_rational(m, n, rank):
    svd = matrix_with_rational_gram_spectrum(m, n, rank=rank, seed=11)
    G = sympy.Matrix(svd.A).T * sympy.Matrix(svd.A)
    roots = sympy.roots(G.charpoly(sympy.Symbol("x")))
    assert sum(roots.values()) == n and all(root.is_rational for root in roots)
    assert svd.A.rank() == (min(m, n) if rank is None else rank)
    assert all(isinstance(x, sympy.Rational) for x in svd.A)


def test_rational_gram_spectrum_refuses_bad_input():
    with pytest.raises(InputError, match="max_singular_value"):
        matrix_with_rational_gram_spectrum(3, 3, max_singular_value=0)
    with pytest.raises(InputTypeError, match="must be an integer"):
        matrix_with_rational_gram_spectrum(3, 3, max_singular_value=Fraction(3, 2))
    with pytest.raises(InputShapeError, match="rank"):
        matrix_with_rational_gram_spectrum(3, 2, rank=3)
