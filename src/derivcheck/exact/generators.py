"""Exact test matrices: the ground truth the numeric legs are measured on.

Every generator is deterministic given its ``seed`` (it draws from its own
``random.Random(seed)``, never from the global random state) and returns exact
SymPy matrices with rational entries:

* :func:`random_rational_matrix` -- a random matrix of exactly the asked rank;
* :func:`cayley_transform` and :func:`cayley_orthogonal` -- rational
  orthogonal matrices, ``QᵀQ = I`` exactly;
* :func:`matrix_with_singular_values` -- ``A = U Σ Vᵀ`` with rational
  orthogonal ``U``, ``V`` and the given singular values, together with the
  exact pseudo-inverse ``V Σ⁺ Uᵀ`` (a :class:`KnownSVD`);
* :func:`matrix_with_condition_number` -- the same with ``κ₂ = σ₁/σ_r``
  exactly a given number.

No floating-point number is used anywhere: sizes, ranks, seeds and bounds are
integers, singular values and condition numbers are exact rationals.
"""

from __future__ import annotations

import functools
import numbers
import random
from dataclasses import dataclass
from typing import Iterable, Sequence

import sympy
from sympy import QQ, ZZ
from sympy.polys.matrices import DomainMatrix

from ..errors import (
    InputError,
    InputShapeError,
    InputTypeError,
    UnsupportedError,
)
from ..validation import validate_seed, validate_size
from .convert import as_exact_matrix, as_exact_scalar, is_rational_matrix, qq_rank

__all__ = [
    "MAX_DIMENSION",
    "KnownSVD",
    "random_rational_matrix",
    "cayley_transform",
    "cayley_orthogonal",
    "matrix_with_singular_values",
    "matrix_with_condition_number",
]

#: Largest row or column count the generators accept (exact arithmetic on
#: bigger matrices is slow and never needed to test a derivation).
MAX_DIMENSION = 100

#: Draws of a random matrix before giving up on reaching the asked rank.
_MAX_ATTEMPTS = 200

#: Scale of the rational approximations of intermediate singular values in
#: :func:`matrix_with_condition_number` (three decimals).
_SPREAD_SCALE = 1000


# ---------------------------------------------------------------------------
# Guards
# ---------------------------------------------------------------------------


def _check_int(value: object, name: str, fix: str) -> int:
    """Return *value* as an ``int`` or raise :class:`InputTypeError`."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise InputTypeError(
            name, value, f"{name} must be an integer, not a {type(value).__name__}", fix
        )
    return int(value)


def _check_size(value: object, name: str) -> int:
    """Validate a row or column count: an integer in ``[0, MAX_DIMENSION]``."""
    return validate_size(
        value, name, minimum=0, maximum=MAX_DIMENSION,
        why="exact checks need only small matrices (0 is an empty dimension)",
    )


def _check_seed(seed: object) -> int:
    """Validate a seed (see :func:`derivcheck.validation.validate_seed`)."""
    return validate_seed(seed)


def _check_rank(rank: object, m: int, n: int) -> int:
    """Validate a rank against the shape ``(m, n)``; ``None`` means full rank."""
    k = min(m, n)
    if rank is None:
        return k
    r = _check_int(rank, "rank", "pass an int rank, or rank=None for full rank")
    if not 0 <= r <= k:
        raise InputShapeError(
            "rank", rank, f"the rank of a {m}x{n} matrix must satisfy 0 <= rank <= min(m, n) = {k}",
            f"pass a rank between 0 and {k}, or change the shape",
        )
    return r


def _check_rational(value: object, name: str) -> sympy.Rational:
    """Return *value* as an exact ``sympy.Rational`` (floats are refused)."""
    x = as_exact_scalar(value, name=name)  # refuses floats, strings, NaN, complex
    if not isinstance(x, sympy.Rational):
        raise InputTypeError(
            name, value, f"{name} must be a rational number",
            "pass an int, fractions.Fraction or sympy.Rational",
        )
    return x


def _rank_qq(M: DomainMatrix) -> int:
    """Exact rank of a matrix over the rationals."""
    if 0 in M.shape:
        return 0
    return qq_rank(M.convert_to(QQ))


def _dm(M: sympy.MatrixBase) -> DomainMatrix:
    """An explicit rational matrix as a :class:`DomainMatrix` over QQ."""
    m, n = M.shape
    if m == 0 or n == 0:
        return DomainMatrix.zeros((m, n), QQ)
    return DomainMatrix.from_Matrix(M).convert_to(QQ)


def _sympy(M: DomainMatrix) -> sympy.ImmutableMatrix:
    """A :class:`DomainMatrix` back as an immutable SymPy matrix."""
    m, n = M.shape
    if m == 0 or n == 0:
        return sympy.ImmutableMatrix.zeros(m, n)
    return immutable_from_qq(M)


def immutable_from_qq(M: DomainMatrix) -> sympy.ImmutableMatrix:
    """A nonempty :class:`DomainMatrix` (over ``QQ``: fast) as an immutable SymPy matrix, without re-reading its entries.

    The matrix is the one ``ImmutableMatrix(M.to_Matrix())`` builds (entries kept over ``ZZ`` when
    they are all integers, as SymPy does), made straight from the domain elements.
    """
    if M.domain != QQ:
        return sympy.ImmutableMatrix(M.to_Matrix()) if M.domain != ZZ else sympy.ImmutableMatrix._fromrep(M.to_sparse())
    dm = M.to_sparse()
    if all(x.denominator == 1 for x in dm.to_list_flat()):
        dm = dm.convert_to(ZZ)
    return sympy.ImmutableMatrix._fromrep(dm)


def _sub_seed(rng: random.Random) -> int:
    """Draw a seed for a nested generator, so sub-draws stay independent."""
    return rng.getrandbits(63)


# ---------------------------------------------------------------------------
# Random matrices of a given rank
# ---------------------------------------------------------------------------


def _draw_entry(rng: random.Random, max_entry: int, denominators: bool) -> sympy.Rational:
    numerator = rng.randint(-max_entry, max_entry)
    denominator = rng.randint(1, max_entry) if denominators else 1
    return sympy.Rational(numerator, denominator)


def _draw_dm(rng: random.Random, m: int, n: int, max_entry: int, denominators: bool) -> DomainMatrix:
    if m == 0 or n == 0:
        return DomainMatrix.zeros((m, n), QQ)
    rows = [[QQ.convert(_draw_entry(rng, max_entry, denominators)) for _ in range(n)] for _ in range(m)]
    return DomainMatrix(rows, (m, n), QQ)


def random_rational_matrix(
    m: int,
    n: int,
    *,
    rank: int | None = None,
    seed: int = 0,
    max_entry: int = 9,
    denominators: bool = False,
) -> sympy.ImmutableMatrix:
    """Return a random exact ``m x n`` matrix of exactly the asked rank.

    Parameters
    ----------
    m, n : int
        The shape; ``0`` is allowed in either place (an empty matrix).
    rank : int or None
        The exact rank, ``0 <= rank <= min(m, n)``; ``None`` means full rank.
    seed : int
        Seed of the private ``random.Random`` used for every draw.
    max_entry : int
        Entries (or, for ``rank < min(m, n)``, the entries of the two
        factors) have numerators in ``[-max_entry, max_entry]``.
    denominators : bool
        Draw denominators in ``[1, max_entry]`` too, giving non-integer
        rationals.

    Returns
    -------
    sympy.ImmutableMatrix, shape (m, n)
        Rational entries; its rank over QQ is exactly *rank* (checked).

    Raises
    ------
    InputTypeError
        A size, rank, seed or *max_entry* that is not an integer.
    InputShapeError
        A negative size, or a rank outside ``[0, min(m, n)]``.
    InputError
        ``max_entry < 1``.
    DimensionError
        A size above :data:`MAX_DIMENSION`.
    UnsupportedError
        No draw reached the rank (practically impossible; a different seed
        or a larger *max_entry* helps).

    Notes
    -----
    A full-rank matrix is drawn entrywise. A matrix of rank ``r < min(m, n)``
    is the product ``B C`` of random ``m x r`` and ``r x n`` factors, whose rank
    is at most ``r``. In both cases the exact rank over QQ is computed and a
    draw that falls short is replaced by the next draw of the same generator,
    so the result depends on *seed* only.

    Examples
    --------
    >>> A = random_rational_matrix(4, 3, rank=2, seed=1)
    >>> A.shape, A.rank()
    ((4, 3), 2)
    """
    m = _check_size(m, "m")
    n = _check_size(n, "n")
    r = _check_rank(rank, m, n)
    seed = _check_seed(seed)
    max_entry = _check_int(max_entry, "max_entry", "pass a positive int such as max_entry=9")
    if max_entry < 1:
        raise InputError("max_entry", max_entry, "max_entry must be >= 1", "pass max_entry=9 (the default)")
    denominators = bool(denominators)
    if r == 0:
        return sympy.ImmutableMatrix.zeros(m, n)
    return _random_rational_matrix(m, n, r, seed, max_entry, denominators)


@functools.lru_cache(maxsize=8192)
def _random_rational_matrix(
    m: int, n: int, r: int, seed: int, max_entry: int, denominators: bool
) -> sympy.ImmutableMatrix:
    """The draw of :func:`random_rational_matrix` on validated arguments (remembered:
    a pure function of them, and the matrix it returns is immutable)."""
    rng = random.Random(seed)
    for _ in range(_MAX_ATTEMPTS):
        if r == min(m, n):
            A = _draw_dm(rng, m, n, max_entry, denominators)
        else:
            A = _draw_dm(rng, m, r, max_entry, denominators).matmul(
                _draw_dm(rng, r, n, max_entry, denominators)
            )
        if _rank_qq(A) == r:
            return _sympy(A)
    raise UnsupportedError(  # pragma: no cover - needs astronomically bad luck
        "seed", seed, f"{_MAX_ATTEMPTS} draws never reached rank {r}",
        "try another seed or a larger max_entry",
    )


# ---------------------------------------------------------------------------
# Rational orthogonal matrices
# ---------------------------------------------------------------------------


def cayley_transform(S: sympy.MatrixBase) -> sympy.ImmutableMatrix:
    """Return the Cayley transform ``Q = (I - S)(I + S)⁻¹`` of a skew-symmetric ``S``.

    Parameters
    ----------
    S : sympy.Matrix, shape (n, n)
        Rational and skew-symmetric, ``Sᵀ = -S``.

    Returns
    -------
    sympy.ImmutableMatrix, shape (n, n)
        A rational orthogonal matrix: ``QᵀQ = I`` exactly (checked).

    Raises
    ------
    InputShapeError
        *S* is not square.
    InputError
        *S* is not skew-symmetric.
    InputTypeError, InexactInputError
        Entries that are not exact rationals (see
        :func:`derivcheck.exact.convert.as_exact_matrix`).

    Notes
    -----
    ``I + S`` is invertible because the eigenvalues of a real skew-symmetric
    matrix are purely imaginary. ``(I - S)`` and ``(I + S)⁻¹`` commute, so
    ``QᵀQ = (I - S)⁻¹(I + S)(I - S)(I + S)⁻¹ = I``. The image consists of the
    orthogonal matrices without eigenvalue ``-1`` (all have determinant +1).

    Examples
    --------
    >>> import sympy
    >>> cayley_transform(sympy.Matrix([[0, 1], [-1, 0]]))
    Matrix([
    [0, -1],
    [1,  0]])
    """
    S = as_exact_matrix(S, name="S")
    m, n = S.shape
    if m != n:
        raise InputShapeError(
            "S", S, f"a skew-symmetric matrix is square, got shape {S.shape}", "pass a square S"
        )
    if not is_rational_matrix(S):
        raise InputTypeError("S", S, "entries must be rational", "pass integers or fractions")
    if S.T != -S:
        raise InputError(
            "S", S, "the Cayley transform needs a skew-symmetric S (S.T == -S)", "pass (B - B.T) for any B"
        )
    dS = _dm(S)
    eye = DomainMatrix.eye(n, QQ)
    Q = (eye - dS).matmul((eye + dS).inv()) if n else dS
    _assert_orthogonal(Q, "Q")
    return _sympy(Q)


def _assert_orthogonal(Q: DomainMatrix, name: str) -> None:
    n = Q.shape[0]
    if n and Q.transpose().matmul(Q) != DomainMatrix.eye(n, QQ):  # pragma: no cover - a bug
        raise UnsupportedError(name, _sympy(Q), "exact check QᵀQ = I failed", "report this as a bug")


def cayley_orthogonal(
    n: int,
    *,
    seed: int = 0,
    max_entry: int = 3,
    signed_permutation: bool = True,
) -> sympy.ImmutableMatrix:
    """Return a random rational orthogonal ``n x n`` matrix.

    Parameters
    ----------
    n : int
        The order, ``n >= 0``.
    seed : int
        Seed of the private ``random.Random``.
    max_entry : int
        The strict upper triangle of the skew-symmetric ``S`` has integer
        entries in ``[-max_entry, max_entry]``; larger values give larger
        denominators.
    signed_permutation : bool
        Multiply by a random signed permutation matrix, so that both
        determinants and orthogonal matrices with eigenvalue ``-1`` appear.

    Returns
    -------
    sympy.ImmutableMatrix, shape (n, n)
        Rational entries, ``QᵀQ = QQᵀ = I`` exactly.

    Raises
    ------
    InputTypeError
        A non-integer *n*, *seed* or *max_entry*.
    InputShapeError
        ``n < 0``.
    InputError
        ``max_entry < 0``.
    DimensionError
        ``n`` above :data:`MAX_DIMENSION`.

    Notes
    -----
    ``Q = (I - S)(I + S)⁻¹ P`` where ``S`` is skew-symmetric (see
    :func:`cayley_transform`) and ``P`` is a signed permutation matrix, itself
    orthogonal; a product of orthogonal matrices is orthogonal.

    Examples
    --------
    >>> import sympy
    >>> Q = cayley_orthogonal(3, seed=7)
    >>> Q.T * Q == sympy.eye(3)
    True
    """
    n = _check_size(n, "n")
    seed = _check_seed(seed)
    max_entry = _check_int(max_entry, "max_entry", "pass a non-negative int such as max_entry=3")
    if max_entry < 0:
        raise InputError("max_entry", max_entry, "max_entry must be >= 0", "pass max_entry=3 (the default)")
    return _cayley_orthogonal(n, seed, max_entry, bool(signed_permutation))


@functools.lru_cache(maxsize=1024)
def _cayley_orthogonal(n: int, seed: int, max_entry: int, signed_permutation: bool) -> sympy.ImmutableMatrix:
    """:func:`cayley_orthogonal` after validation, memoised (the result is immutable).

    ``S`` is skew-symmetric by construction, so the Cayley transform is taken here over ``QQ``
    directly (the same exact value :func:`cayley_transform` gives, without re-validating ``S``).
    """
    rng = random.Random(seed)
    rows = [[QQ(0)] * n for _ in range(n)]
    for i in range(n):
        for j in range(i + 1, n):
            s = rng.randint(-max_entry, max_entry)
            rows[i][j] = QQ(s)
            rows[j][i] = QQ(-s)
    if n == 0:
        return sympy.ImmutableMatrix.zeros(0, 0)
    dS = DomainMatrix(rows, (n, n), QQ).to_sparse()
    eye = DomainMatrix.eye(n, QQ).to_sparse()
    Q = (eye - dS).matmul((eye + dS).inv())
    _assert_orthogonal(Q, "Q")
    if signed_permutation:
        perm = list(range(n))
        rng.shuffle(perm)
        P = [[QQ(0)] * n for _ in range(n)]
        for j, i in enumerate(perm):
            P[i][j] = QQ(rng.choice((1, -1)))
        Q = Q.matmul(DomainMatrix(P, (n, n), QQ).to_sparse())
        _assert_orthogonal(Q, "Q")
    return _sympy(Q)


# ---------------------------------------------------------------------------
# Matrices with known singular values
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class KnownSVD:
    """An exact matrix built from its singular value decomposition.

    Attributes
    ----------
    A : sympy.ImmutableMatrix, shape (m, n)
        ``U Σ Vᵀ``.
    U : sympy.ImmutableMatrix, shape (m, m)
        Rational orthogonal.
    Sigma : sympy.ImmutableMatrix, shape (m, n)
        Rectangular diagonal, the singular values in decreasing order.
    V : sympy.ImmutableMatrix, shape (n, n)
        Rational orthogonal.
    singular_values : tuple of sympy.Rational, length min(m, n)
        Decreasing, zeros last.
    pinv : sympy.ImmutableMatrix, shape (n, m)
        The exact Moore–Penrose pseudo-inverse ``V Σ⁺ Uᵀ``.
    """

    A: sympy.ImmutableMatrix
    U: sympy.ImmutableMatrix
    Sigma: sympy.ImmutableMatrix
    V: sympy.ImmutableMatrix
    singular_values: tuple[sympy.Rational, ...]
    pinv: sympy.ImmutableMatrix

    @property
    def shape(self) -> tuple[int, int]:
        """The shape ``(m, n)`` of ``A``."""
        return tuple(self.A.shape)  # type: ignore[return-value]

    @property
    def rank(self) -> int:
        """The number of nonzero singular values."""
        return sum(1 for s in self.singular_values if s != 0)

    @property
    def condition_number(self) -> sympy.Rational | None:
        """``κ₂ = σ₁ / σ_r`` over the nonzero singular values; ``None`` at rank 0."""
        nonzero = [s for s in self.singular_values if s != 0]
        return nonzero[0] / nonzero[-1] if nonzero else None


def _sigma_matrix(m: int, n: int, values: Sequence[sympy.Rational], *, invert: bool) -> sympy.ImmutableMatrix:
    """``Σ`` (m x n) from *values*; with *invert*, ``Σ⁺`` (n x m)."""
    rows, cols = (n, m) if invert else (m, n)
    M = sympy.zeros(rows, cols)
    for i, s in enumerate(values):
        M[i, i] = (1 / s if s != 0 else 0) if invert else s
    return sympy.ImmutableMatrix(M)


def _from_svd(m: int, n: int, values: Sequence[sympy.Rational], seed: int) -> KnownSVD:
    rng = random.Random(seed)
    U = cayley_orthogonal(m, seed=_sub_seed(rng))
    V = cayley_orthogonal(n, seed=_sub_seed(rng))
    Sigma = _sigma_matrix(m, n, values, invert=False)
    Sigma_pinv = _sigma_matrix(m, n, values, invert=True)
    A = _sympy(_dm(U).matmul(_dm(Sigma)).matmul(_dm(V).transpose()))
    pinv = _sympy(_dm(V).matmul(_dm(Sigma_pinv)).matmul(_dm(U).transpose()))
    return KnownSVD(A=A, U=U, Sigma=Sigma, V=V, singular_values=tuple(values), pinv=pinv)


def matrix_with_singular_values(
    m: int,
    n: int,
    singular_values: Sequence[object],
    *,
    seed: int = 0,
) -> KnownSVD:
    """Return ``A = U Σ Vᵀ`` with the given singular values and its exact pseudo-inverse.

    Parameters
    ----------
    m, n : int
        The shape of ``A``; ``0`` is allowed.
    singular_values : sequence of int, Fraction or sympy.Rational
        At most ``min(m, n)`` non-negative exact rationals, in any order;
        missing ones are zero. Zeros make ``A`` rank-deficient.
    seed : int
        Seed of the private ``random.Random`` that draws ``U`` and ``V``.

    Returns
    -------
    KnownSVD
        ``A``, rational orthogonal ``U`` and ``V``, ``Σ`` with the values in
        decreasing order, and ``pinv = V Σ⁺ Uᵀ``.

    Raises
    ------
    InputTypeError
        A size or seed that is not an integer, *singular_values* that is not a
        sequence, or an entry that is not a rational number.
    InexactInputError
        A float singular value.
    InputShapeError
        A negative size, or more than ``min(m, n)`` singular values.
    InputError
        A negative singular value.
    DimensionError
        A size above :data:`MAX_DIMENSION`.

    Notes
    -----
    ``U`` and ``V`` come from :func:`cayley_orthogonal`, so ``A`` is rational.
    ``Σ⁺`` is the ``n x m`` matrix with ``1/σᵢ`` for ``σᵢ ≠ 0`` and ``0``
    elsewhere; ``V Σ⁺ Uᵀ`` then satisfies the four Penrose conditions, hence
    is the pseudo-inverse. ``AᵀA = V ΣᵀΣ Vᵀ`` has the eigenvalues ``σᵢ²``.

    Examples
    --------
    >>> svd = matrix_with_singular_values(3, 2, [2, 0], seed=1)
    >>> svd.rank, svd.A.rank()
    (1, 1)
    >>> svd.A * svd.pinv * svd.A == svd.A
    True
    """
    m = _check_size(m, "m")
    n = _check_size(n, "n")
    seed = _check_seed(seed)
    if isinstance(singular_values, (str, bytes)) or not isinstance(singular_values, Iterable):
        raise InputTypeError(
            "singular_values", singular_values, "singular values must be a sequence of numbers",
            "pass a list such as [3, 1, 0]",
        )
    given = list(singular_values)
    k = min(m, n)
    if len(given) > k:
        raise InputShapeError(
            "singular_values", given,
            f"a {m}x{n} matrix has min(m, n) = {k} singular values, got {len(given)}",
            f"pass at most {k} values, or enlarge the shape",
        )
    values = []
    for i, s in enumerate(given):
        x = _check_rational(s, f"singular_values[{i}]")
        if x < 0:
            raise InputError(
                f"singular_values[{i}]", s, "singular values are non-negative",
                "pass |s|; a sign belongs in U or V",
            )
        values.append(x)
    values += [sympy.Integer(0)] * (k - len(values))
    values.sort(reverse=True)
    return _from_svd(m, n, values, seed)


def _geometric_spread(cond: sympy.Rational, r: int) -> list[sympy.Rational]:
    """``r`` rationals from ``cond`` down to ``1``, near ``cond**((r-1-i)/(r-1))``.

    The end points are exact; an interior value is ``floor(x * SCALE) / SCALE``
    of the geometric value ``x``, computed with integer roots, so it lies in
    ``[1, cond]``.
    """
    if r == 1:
        return [cond]
    a, b = int(cond.p), int(cond.q)
    values = [cond]
    for i in range(1, r - 1):
        power, root = r - 1 - i, r - 1  # x = cond**(power/root)
        scaled = (a**power * _SPREAD_SCALE**root) // (b**power)  # floor(x**root * SCALE**root)
        values.append(sympy.Rational(sympy.integer_nthroot(scaled, root)[0], _SPREAD_SCALE))
    values.append(sympy.Integer(1))
    return values


def matrix_with_condition_number(
    m: int,
    n: int,
    cond: object,
    *,
    rank: int | None = None,
    seed: int = 0,
) -> KnownSVD:
    """Return a rational matrix whose condition number ``σ₁/σ_r`` is exactly *cond*.

    Parameters
    ----------
    m, n : int
        The shape.
    cond : int, Fraction or sympy.Rational
        The condition number, ``>= 1`` (e.g. ``10**12``; the float ``1e12`` is
        refused, as everywhere in the exact tier).
    rank : int or None
        The number ``r`` of nonzero singular values, ``1 <= r <= min(m, n)``;
        ``None`` means full rank. The remaining singular values are zero.
    seed : int
        Seed for the orthogonal factors.

    Returns
    -------
    KnownSVD
        With ``σ₁ = cond``, ``σ_r = 1`` and ``σ₂ … σ_{r-1}`` rationals spread
        geometrically in between; ``condition_number == cond`` exactly.

    Raises
    ------
    InputTypeError, InexactInputError
        *cond* is not an exact rational (a float is refused).
    InputError
        ``cond < 1``, ``r = 0`` (no condition number), or ``r = 1`` with
        ``cond != 1``.
    InputShapeError, DimensionError
        Bad sizes or rank, as in :func:`random_rational_matrix`.

    Notes
    -----
    ``κ₂(A) = σ₁/σ_r`` over the nonzero singular values, which for
    rank-deficient ``A`` is the condition number of the restriction to the
    row space, and the quantity that governs the accuracy of ``A⁺``.

    Examples
    --------
    >>> svd = matrix_with_condition_number(4, 3, 10**6, seed=2)
    >>> svd.condition_number
    1000000
    """
    m = _check_size(m, "m")
    n = _check_size(n, "n")
    r = _check_rank(rank, m, n)
    seed = _check_seed(seed)
    kappa = _check_rational(cond, "cond")
    if kappa < 1:
        raise InputError("cond", cond, "a condition number sigma_1/sigma_r is >= 1", "pass cond >= 1")
    if r == 0:
        raise InputError(
            "rank", rank if rank is not None else r,
            "a matrix of rank 0 has no condition number",
            "ask for rank >= 1 and a non-empty shape",
        )
    if r == 1 and kappa != 1:
        raise InputError(
            "cond", cond, "a rank-1 matrix has sigma_1/sigma_r = 1",
            "pass cond=1, or ask for rank >= 2",
        )
    values = _geometric_spread(kappa, r) + [sympy.Integer(0)] * (min(m, n) - r)
    return _from_svd(m, n, values, seed)
