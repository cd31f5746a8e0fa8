"""Exact test-matrix generators: every promise checked exactly and independently.

The independent references here are plain: a rank by Gaussian elimination
over ``fractions.Fraction``, orthogonality by SymPy matrix products, singular
values through the characteristic polynomial of ``AᵀA``, the pseudo-inverse
through the four Penrose conditions (and ``pinv_exact`` once it exists).
"""

from __future__ import annotations

import random
from fractions import Fraction

import pytest
import sympy

from derivcheck.errors import (
    DimensionError,
    InexactInputError,
    InputError,
    InputShapeError,
    InputTypeError,
)
from derivcheck.exact.generators import (
    MAX_DIMENSION,
    KnownSVD,
    cayley_orthogonal,
    cayley_transform,
    matrix_with_condition_number,
    matrix_with_singular_values,
    random_rational_matrix,
)
from matrix_cases import CASE_TAGS, MatrixCase, case_names, cases, get_case

X = sympy.Symbol("x")


# ---------------------------------------------------------------------------
# Independent references
# ---------------------------------------------------------------------------


def fraction_rank(M: sympy.MatrixBase) -> int:
    """Rank by Gaussian elimination over Fraction (no SymPy linear algebra)."""
    rows = [[Fraction(int(x.p), int(x.q)) for x in M.row(i)] for i in range(M.rows)]
    rank, ncols = 0, M.cols
    for col in range(ncols):
        pivot = next((r for r in range(rank, len(rows)) if rows[r][col] != 0), None)
        if pivot is None:
            continue
        rows[rank], rows[pivot] = rows[pivot], rows[rank]
        for r in range(len(rows)):
            if r != rank and rows[r][col] != 0:
                f = rows[r][col] / rows[rank][col]
                rows[r] = [a - f * b for a, b in zip(rows[r], rows[rank])]
        rank += 1
    return rank


def is_zero_matrix(M: sympy.MatrixBase) -> bool:
    return all(sympy.expand(sympy.radsimp(x)) == 0 for x in M)


def penrose_failures(A: sympy.MatrixBase, X_: sympy.MatrixBase) -> list[str]:
    """Which of the four Penrose conditions X fails as a pseudo-inverse of A."""
    A, X_ = sympy.Matrix(A), sympy.Matrix(X_)
    if X_.shape != (A.cols, A.rows):
        return ["shape"]
    failures = []
    if not is_zero_matrix(A * X_ * A - A):
        failures.append("AXA=A")
    if not is_zero_matrix(X_ * A * X_ - X_):
        failures.append("XAX=X")
    if not is_zero_matrix((A * X_).T - A * X_):
        failures.append("(AX)ᵀ=AX")
    if not is_zero_matrix((X_ * A).T - X_ * A):
        failures.append("(XA)ᵀ=XA")
    return failures


def gram_charpoly(A: sympy.MatrixBase) -> sympy.Expr:
    """The characteristic polynomial of AᵀA by the Berkowitz algorithm."""
    G = sympy.Matrix(A).T * sympy.Matrix(A)
    if G.rows == 0:
        return sympy.Integer(1)
    return G.charpoly(X).as_expr()


def charpoly_from_singular_values(values, n: int) -> sympy.Expr:
    """Π (x − σᵢ²) · x^(n − len(values)): the char. polynomial AᵀA must have."""
    out = X ** (n - len(values))
    for s in values:
        out *= X - sympy.expand(s**2)
    return sympy.expand(out)


def is_orthogonal(Q: sympy.MatrixBase) -> bool:
    n = Q.rows
    Q = sympy.Matrix(Q)
    return Q.shape == (n, n) and Q.T * Q == sympy.eye(n) and Q * Q.T == sympy.eye(n)


def reference_pinv():
    """``pinv_exact`` when that module exists, else None."""
    try:
        from derivcheck.exact.pinv import pinv_exact
    except ImportError:
        return None
    return pinv_exact


# The references must be able to fail.


def test_fraction_rank_reference_detects_rank_drop():
    assert fraction_rank(sympy.Matrix([[1, 2, 3], [4, 5, 6], [7, 8, 9]])) == 2
    assert fraction_rank(sympy.Matrix([[1, 2, 3], [4, 5, 6], [7, 8, 10]])) == 3
    assert fraction_rank(sympy.zeros(3, 2)) == 0


def test_penrose_reference_rejects_wrong_candidates():
    A = sympy.Matrix([[2, 0], [0, 0], [0, 0]])  # A⁺ = [[1/2, 0, 0], [0, 0, 0]]
    assert penrose_failures(A, sympy.Matrix([[sympy.Rational(1, 2), 0, 0], [0, 0, 0]])) == []
    assert penrose_failures(A, A.T) != []  # transpose without inverting
    assert penrose_failures(A, sympy.Matrix([[sympy.Rational(1, 2), 0, 0], [0, 1, 0]])) != []  # 0 -> 1
    assert penrose_failures(A, A) == ["shape"]


# ---------------------------------------------------------------------------
# random_rational_matrix
# ---------------------------------------------------------------------------

SHAPES_AND_RANKS = [
    (0, 0, 0), (0, 3, 0), (3, 0, 0), (1, 1, 1), (1, 1, 0), (4, 4, 0), (5, 3, 2), (3, 5, 3),
    (6, 6, 1), (8, 8, 8), (8, 8, 5), (2, 7, None), (7, 2, None), (8, 3, 3),
]


@pytest.mark.parametrize("m, n, rank", SHAPES_AND_RANKS)
@pytest.mark.parametrize("denominators", [False, True])
def test_random_rational_matrix_has_exactly_the_asked_rank(m, n, rank, denominators):
    A = random_rational_matrix(m, n, rank=rank, seed=3, denominators=denominators)
    assert isinstance(A, sympy.ImmutableMatrix)
    assert A.shape == (m, n)
    assert all(isinstance(x, sympy.Rational) for x in A)
    expected = min(m, n) if rank is None else rank
    assert fraction_rank(A) == expected
    if not denominators:
        assert all(x.q == 1 for x in A)


def test_full_rank_draws_respect_max_entry():
    for seed in range(5):
        A = random_rational_matrix(5, 4, seed=seed, max_entry=2)
        assert max(abs(x) for x in A) <= 2
        B = random_rational_matrix(3, 3, seed=seed, max_entry=4, denominators=True)
        assert all(abs(x.p) <= 4 and 1 <= x.q <= 4 for x in B)


def test_retry_reaches_full_rank_with_tiny_entries():
    # Entries in {-1, 0, 1}: a good share of 4x4 draws is singular, so this
    # exercises the deterministic retry.
    for seed in range(30):
        assert fraction_rank(random_rational_matrix(4, 4, seed=seed, max_entry=1)) == 4


def test_random_rational_matrix_is_deterministic_and_ignores_global_random():
    random.seed(1)
    first = random_rational_matrix(4, 5, rank=2, seed=42)
    state = random.getstate()
    random.seed(2)
    second = random_rational_matrix(4, 5, rank=2, seed=42)
    assert first == second
    random.setstate(state)
    random_rational_matrix(4, 5, rank=2, seed=42)
    assert random.getstate() == state  # the global state is never consumed
    assert random_rational_matrix(4, 5, rank=2, seed=43) != first


# ---------------------------------------------------------------------------
# Cayley orthogonal matrices
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("n", range(0, 9))
def test_cayley_orthogonal_is_exactly_orthogonal(n):
    for seed in range(3):
        Q = cayley_orthogonal(n, seed=seed)
        assert Q.shape == (n, n)
        assert all(isinstance(x, sympy.Rational) for x in Q)
        assert is_orthogonal(Q)


def test_cayley_orthogonal_reaches_both_determinants_and_eigenvalue_minus_one():
    dets = {sympy.Matrix(cayley_orthogonal(3, seed=s)).det() for s in range(20)}
    assert dets == {1, -1}
    # Without the signed permutation: the plain Cayley image, det = +1 and no
    # eigenvalue -1, i.e. det(Q + I) != 0.
    for s in range(10):
        Q = sympy.Matrix(cayley_orthogonal(4, seed=s, signed_permutation=False))
        assert Q.det() == 1
        assert (Q + sympy.eye(4)).det() != 0


def test_cayley_orthogonal_is_deterministic_and_not_trivial():
    assert cayley_orthogonal(5, seed=9) == cayley_orthogonal(5, seed=9)
    assert cayley_orthogonal(5, seed=9) != cayley_orthogonal(5, seed=10)
    Q = cayley_orthogonal(5, seed=9)
    assert any(x.q != 1 for x in Q)  # a genuinely rational rotation, not a permutation


def test_cayley_transform_matches_its_definition():
    S = sympy.Matrix([[0, 2, -1], [-2, 0, Fraction(1, 3)], [1, -Fraction(1, 3), 0]])
    S = S.applyfunc(lambda x: sympy.Rational(x))
    expected = (sympy.eye(3) - S) * (sympy.eye(3) + S).inv()
    Q = cayley_transform(S)
    assert Q == expected
    assert is_orthogonal(Q)


def test_cayley_transform_refuses_bad_input():
    with pytest.raises(InputError, match="skew-symmetric"):
        cayley_transform([[0, 1], [1, 0]])
    with pytest.raises(InputShapeError, match="square"):
        cayley_transform([[0, 1, 2], [-1, 0, 3]])
    with pytest.raises(InexactInputError, match="floats"):
        cayley_transform([[0.0, 0.5], [-0.5, 0.0]])


# ---------------------------------------------------------------------------
# matrix_with_singular_values
# ---------------------------------------------------------------------------

SVD_SPECS = [
    (3, 3, [3, 2, 1]),
    (4, 2, [Fraction(5, 2), Fraction(1, 3)]),
    (2, 5, [7]),  # padded with a zero: rank 1
    (5, 3, [0, 4, 4]),  # unsorted, repeated, a zero
    (4, 4, [sympy.Rational(9, 7), 0, 0, 2]),
    (3, 2, []),  # the zero matrix
    (0, 3, []),
    (3, 0, []),
    (1, 1, [5]),
]


@pytest.mark.parametrize("m, n, values", SVD_SPECS)
def test_matrix_with_singular_values_is_an_exact_svd(m, n, values):
    svd = matrix_with_singular_values(m, n, values, seed=21)
    assert isinstance(svd, KnownSVD)
    k = min(m, n)
    want = sorted((sympy.Rational(v) for v in values), reverse=True) + [0] * (k - len(values))
    assert list(svd.singular_values) == want
    assert svd.A.shape == (m, n) and svd.pinv.shape == (n, m)
    assert is_orthogonal(svd.U) and svd.U.shape == (m, m)
    assert is_orthogonal(svd.V) and svd.V.shape == (n, n)
    Sigma = sympy.zeros(m, n)
    for i, s in enumerate(want):
        Sigma[i, i] = s
    assert svd.Sigma == Sigma
    assert svd.A == svd.U * Sigma * svd.V.T
    assert all(isinstance(x, sympy.Rational) for x in svd.A)
    # Singular values through AᵀA = V ΣᵀΣ Vᵀ and its characteristic polynomial.
    assert svd.A.T * svd.A == svd.V * Sigma.T * Sigma * svd.V.T
    assert sympy.expand(gram_charpoly(svd.A) - charpoly_from_singular_values(want, n)) == 0
    nonzero = [s for s in want if s != 0]
    assert svd.rank == len(nonzero) == fraction_rank(svd.A)
    assert svd.condition_number == (nonzero[0] / nonzero[-1] if nonzero else None)
    assert penrose_failures(svd.A, svd.pinv) == []


def test_known_svd_is_immutable_and_deterministic():
    svd = matrix_with_singular_values(3, 3, [2, 1, 1], seed=4)
    with pytest.raises(AttributeError):
        svd.A = svd.pinv  # type: ignore[misc]
    assert matrix_with_singular_values(3, 3, [2, 1, 1], seed=4) == svd
    assert matrix_with_singular_values(3, 3, [2, 1, 1], seed=5).A != svd.A


def test_known_pinv_equals_pinv_exact():
    pinv_exact = reference_pinv()
    if pinv_exact is None:
        pytest.skip("derivcheck.exact.pinv is not present yet")
    for m, n, values in SVD_SPECS:
        svd = matrix_with_singular_values(m, n, values, seed=21)
        assert sympy.Matrix(pinv_exact(svd.A)) == svd.pinv, (m, n, values)


# ---------------------------------------------------------------------------
# matrix_with_condition_number
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "m, n, cond, rank",
    [
        (3, 3, 1, None),
        (4, 4, 10, None),
        (4, 3, sympy.Rational(7, 2), None),
        (3, 5, Fraction(1000, 3), None),
        (4, 4, 10**6, None),
        (6, 4, 10**12, 3),
        (5, 5, 10**12, None),
        (3, 2, 1, 1),
    ],
)
def test_condition_number_is_exact(m, n, cond, rank):
    svd = matrix_with_condition_number(m, n, cond, rank=rank, seed=8)
    r = min(m, n) if rank is None else rank
    kappa = sympy.Rational(cond)
    values = list(svd.singular_values)
    nonzero = values[:r]
    assert all(s != 0 for s in nonzero) and all(s == 0 for s in values[r:])
    assert nonzero == sorted(nonzero, reverse=True)
    assert nonzero[0] == kappa and nonzero[-1] == 1
    assert all(1 <= s <= kappa for s in nonzero)
    assert nonzero[0] / nonzero[-1] == kappa == svd.condition_number
    assert fraction_rank(svd.A) == r
    assert sympy.expand(gram_charpoly(svd.A) - charpoly_from_singular_values(values, n)) == 0
    assert penrose_failures(svd.A, svd.pinv) == []


def test_condition_number_spreads_interior_values():
    svd = matrix_with_condition_number(5, 5, 10**8, seed=1)
    values = svd.singular_values
    assert len(set(values)) == 5  # strictly decreasing from 1e8 to 1
    # Geometric spread: consecutive ratios all within a factor 2 of cond**(1/4) = 100.
    ratios = [values[i] / values[i + 1] for i in range(4)]
    assert all(50 <= q <= 200 for q in ratios)


# ---------------------------------------------------------------------------
# The registry of named cases
# ---------------------------------------------------------------------------

ALL_CASES = cases()


@pytest.mark.parametrize("case", ALL_CASES, ids=lambda c: c.name)
def test_case_rank_and_tags_are_consistent(case: MatrixCase):
    m, n = case.shape
    assert max(m, n) <= 8
    assert all(isinstance(x, sympy.Rational) for x in case.matrix)
    assert fraction_rank(case.matrix) == case.rank, case.name
    assert case.tags <= CASE_TAGS
    assert ("square" in case.tags) == (m == n)
    assert ("tall" in case.tags) == (m > n)
    assert ("wide" in case.tags) == (m < n)
    assert ("empty" in case.tags) == (m * n == 0)
    if m * n:
        assert ("full-rank" in case.tags) == (case.rank == min(m, n))
        assert ("rank-deficient" in case.tags) == (case.rank < min(m, n))
        assert ("zero" in case.tags) == all(x == 0 for x in case.matrix)
    if "diagonal" in case.tags:
        assert all(case.matrix[i, j] == 0 for i in range(m) for j in range(n) if i != j)
    if "symmetric" in case.tags:
        assert case.matrix == case.matrix.T


@pytest.mark.parametrize("case", cases("known-svd"), ids=lambda c: c.name)
def test_case_singular_values_are_right(case: MatrixCase):
    m, n = case.shape
    values = case.singular_values
    assert len(values) == min(m, n)
    assert all((values[i] - values[i + 1]).is_nonnegative for i in range(len(values) - 1))
    assert sympy.expand(gram_charpoly(case.matrix) - charpoly_from_singular_values(values, n)) == 0
    assert sum(1 for s in values if s != 0) == case.rank


@pytest.mark.parametrize("case", [c for c in ALL_CASES if c.pinv is not None], ids=lambda c: c.name)
def test_case_pinv_satisfies_penrose(case: MatrixCase):
    assert penrose_failures(case.matrix, case.pinv) == [], case.name


@pytest.mark.parametrize("case", [c for c in ALL_CASES if c.pinv is not None], ids=lambda c: c.name)
def test_case_pinv_equals_pinv_exact(case: MatrixCase):
    pinv_exact = reference_pinv()
    if pinv_exact is None:
        pytest.skip("derivcheck.exact.pinv is not present yet")
    assert sympy.Matrix(pinv_exact(case.matrix)) == case.pinv, case.name


def test_ill_conditioned_cases_are_ill_conditioned():
    ill = cases("ill-conditioned")
    assert ill
    for case in ill:
        if case.condition_number is not None:
            assert case.condition_number >= 10**3, case.name
    # The Hilbert matrix: κ₂ = ‖H‖₂‖H⁻¹‖₂ ≥ ‖H‖_max ‖H⁻¹‖_max (a max entry is at
    # most the 2-norm), and ‖H⁻¹‖_max = 6480 for n = 4.
    H = get_case("hilbert-4")
    assert sympy.Matrix(H.matrix) * sympy.Matrix(H.pinv) == sympy.eye(4)
    assert max(abs(x) for x in H.pinv) * max(abs(x) for x in H.matrix) >= 10**3


def test_registry_covers_every_required_tag_and_filters():
    names = case_names()
    assert len(names) == len(set(names))
    for tag in ("square", "tall", "wide", "empty", "zero", "rank-deficient", "full-rank", "ill-conditioned"):
        assert cases(tag), tag
    both = cases(["square", "rank-deficient"])
    assert both and all({"square", "rank-deficient"} <= c.tags for c in both)
    no_empty = cases(exclude="empty")
    assert no_empty and not any("empty" in c.tags for c in no_empty)
    assert len(no_empty) + len(cases("empty")) == len(ALL_CASES)
    assert get_case("blog-3x2").shape == (3, 2)


def test_registry_refuses_unknown_names_and_tags():
    with pytest.raises(InputError, match="unknown case tag"):
        cases("sqaure")
    with pytest.raises(InputError, match="unknown case tag"):
        cases(exclude=["tall", "nope"])
    with pytest.raises(InputError, match="no test matrix has this name"):
        get_case("no-such-case")
    with pytest.raises(InputError, match="unknown case tags"):
        MatrixCase("bad", sympy.ImmutableMatrix([[1]]), 1, frozenset({"weird"}))


def test_case_is_immutable():
    case = get_case("identity-4")
    with pytest.raises(AttributeError):
        case.rank = 3  # type: ignore[misc]


# ---------------------------------------------------------------------------
# Bad input
# ---------------------------------------------------------------------------

BAD_INPUT = [
    (random_rational_matrix, (-1, 3), {}, DimensionError, "m=-1: m must be between 0 and"),
    (random_rational_matrix, (3, 2.0), {}, InputTypeError, "n=2.0: n must be an integer"),
    (random_rational_matrix, (3, True), {}, InputTypeError, "n must be an integer"),
    (random_rational_matrix, (3, "2"), {}, InputTypeError, "n must be an integer"),
    (random_rational_matrix, (3, 2), {"rank": 3}, InputShapeError, r"0 <= rank <= min\(m, n\) = 2"),
    (random_rational_matrix, (3, 2), {"rank": -1}, InputShapeError, "rank=-1"),
    (random_rational_matrix, (3, 2), {"rank": 1.0}, InputTypeError, "rank must be an integer"),
    (random_rational_matrix, (3, 2), {"seed": 1.5}, InputError, "seed=1.5: must be an integer >= 0"),
    (random_rational_matrix, (3, 2), {"max_entry": 0}, InputError, "max_entry must be >= 1"),
    (random_rational_matrix, (MAX_DIMENSION + 1, 2), {}, DimensionError, "only small matrices"),
    (cayley_orthogonal, (-2,), {}, DimensionError, "n=-2"),
    (cayley_orthogonal, (3,), {"max_entry": -1}, InputError, "max_entry must be >= 0"),
    (matrix_with_singular_values, (3, 2, [1, 2, 3]), {}, InputShapeError, "min\\(m, n\\) = 2 singular values, got 3"),
    (matrix_with_singular_values, (3, 2, [1, -2]), {}, InputError, r"singular_values\[1\]=-2: singular values are non-negative"),
    (matrix_with_singular_values, (3, 2, [1, 0.5]), {}, InexactInputError, "does not accept floats"),
    (matrix_with_singular_values, (3, 2, [sympy.sqrt(2)]), {}, InputTypeError, "must be a rational number"),
    (matrix_with_singular_values, (3, 2, "12"), {}, InputTypeError, "sequence of numbers"),
    (matrix_with_singular_values, (3, 2, 5), {}, InputTypeError, "sequence of numbers"),
    (matrix_with_condition_number, (3, 3, 1e12), {}, InexactInputError, "does not accept floats"),
    (matrix_with_condition_number, (3, 3, 1.0), {}, InexactInputError, "does not accept floats"),
    (matrix_with_condition_number, (3, 3, sympy.Rational(1, 2)), {}, InputError, "cond=1/2: a condition number"),
    (matrix_with_condition_number, (3, 3, 0), {}, InputError, "is >= 1"),
    (matrix_with_condition_number, (3, 3, 10), {"rank": 1}, InputError, "a rank-1 matrix"),
    (matrix_with_condition_number, (3, 3, 1), {"rank": 0}, InputError, "rank 0 has no condition number"),
    (matrix_with_condition_number, (0, 3, 1), {}, InputError, "rank 0 has no condition number"),
    (matrix_with_condition_number, (3, 3, "10"), {}, InputTypeError, "never parsed"),
]


@pytest.mark.parametrize(
    "func, args, kwargs, error, match", BAD_INPUT,
    ids=[f"{f.__name__}-{i}" for i, (f, *_rest) in enumerate(BAD_INPUT)],
)
def test_bad_input_raises_the_right_class(func, args, kwargs, error, match):
    with pytest.raises(error, match=match) as info:
        func(*args, **kwargs)
    assert "Fix:" in str(info.value)
