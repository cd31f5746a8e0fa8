"""The exact Moore–Penrose pseudo-inverse of a rational matrix, without an SVD.

The exact tier needs ``A⁺`` as exact rational numbers, for every shape and
rank. An SVD would bring square roots; the rank factorisation does not. With
``J`` a set of ``r = rank A`` linearly independent columns and ``I`` a set of
``r`` linearly independent rows, ``C = A[:, J]`` and ``R = A[I, :]`` satisfy
``A = C W⁻¹ R`` (``W = A[I, J]``), and

    A⁺ = Rᵀ (Cᵀ A Rᵀ)⁻¹ Cᵀ,

one ``r x r`` solve on matrices made of the entries of ``A`` only. Full
column rank takes ``R = I`` (``A⁺ = (AᵀA)⁻¹Aᵀ``), full row rank ``C = I``
(``A⁺ = Aᵀ(AAᵀ)⁻¹``).

Results are memoised by the exact value of the matrix (many claims need the
same pseudo-inverse); each call still returns a fresh mutable matrix.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any, Literal, NamedTuple

import sympy
from sympy import QQ

from ..errors import InputShapeError, InputTypeError
from ._backend import (
    ExactInput,
    FieldMatrixOps,
    common_field,
    exact_input,
    ops_for,
    resolve_backend,
)

__all__ = [
    "pinv_exact",
    "pinv_qq",
    "rank_factorization",
    "penrose_certificate",
    "PenroseCertificate",
    "PenroseCondition",
    "RankFactorization",
    "pinv_cache_clear",
]

FloatPolicy = Literal["refuse", "exact"]
Backend = Literal["auto", "flint", "sympy"]


# ---------------------------------------------------------------------------
# The pseudo-inverse


def ops_for_input(X: ExactInput, backend: object) -> FieldMatrixOps:
    """The engine for *X* under the user's ``backend`` choice."""
    return ops_for(resolve_backend(backend, rational=(X.domain == QQ)), X.domain)


def pinv_native(ops: FieldMatrixOps, A: Any) -> Any:
    """The pseudo-inverse of an engine-native matrix (see the module notes)."""
    m, n = ops.shape(A)
    if m == 0 or n == 0:
        return ops.zeros(n, m)
    cols = ops.pivots(A)
    r = len(cols)
    if r == 0:
        return ops.zeros(n, m)
    At = ops.transpose(A)
    if r == n:  # full column rank: R = I
        return ops.solve(ops.matmul(At, A), At)
    if r == m:  # full row rank: C = I
        return ops.transpose(ops.solve(ops.matmul(A, At), A))
    C = ops.submatrix(A, range(m), cols)
    Ct = ops.transpose(C)
    rows = ops.pivots(Ct)  # independent columns of Cᵀ = independent rows of C (and A)
    Rt = ops.transpose(ops.submatrix(A, rows, range(n)))
    core = ops.matmul(ops.matmul(Ct, A), Rt)  # r x r, nonsingular
    return ops.matmul(Rt, ops.solve(core, Ct))


@functools.lru_cache(maxsize=128)
def _pinv_cached(X: ExactInput, backend: str) -> ExactInput:
    """The pseudo-inverse of *X* as an :class:`ExactInput` (memoised by exact value)."""
    ops = ops_for(backend, X.domain)
    P = pinv_native(ops, ops.from_input(X))
    return ExactInput(X.cols, X.rows, X.domain, ops.to_flat(P))


def pinv_exact(
    A: Any,
    *,
    floats: FloatPolicy = "refuse",
    backend: Backend = "auto",
) -> sympy.Matrix:
    """Return the Moore–Penrose pseudo-inverse of an exact matrix, exactly.

    Parameters
    ----------
    A : sympy.Matrix, list of lists or 2-d numpy.ndarray, shape (m, n)
        Rational entries (int, Fraction, sympy.Rational); real algebraic
        numbers such as ``sqrt(2)`` are accepted too. Any shape, including
        ``0 x n`` and ``m x 0``, and any rank.
    floats : {"refuse", "exact"}
        Refuse binary floats (default) or convert each to the exact rational
        it denotes.
    backend : {"auto", "flint", "sympy"}
        ``"flint"`` uses python-flint, ``"sympy"`` SymPy's ``DomainMatrix``;
        ``"auto"`` takes flint when it is installed and the entries are
        rational. The result is the same exact matrix either way.

    Returns
    -------
    sympy.Matrix, shape (n, m)
        ``A⁺``, a fresh mutable matrix on every call.

    Raises
    ------
    InputTypeError
        Free symbols (use :func:`derivcheck.exact.symbolic.pinv_symbolic`),
        strings, complex numbers, non-matrices.
    InputShapeError
        Ragged rows, non-2-d input.
    InexactInputError
        Floats with ``floats="refuse"``.
    NonFiniteError
        NaN or infinite entries.
    InputError
        An unknown *backend*.
    UnsupportedError
        ``backend="flint"`` without python-flint or with irrational entries;
        entries that are not algebraic numbers.

    Notes
    -----
    Let ``r = rank A``, ``J`` the pivot columns of the reduced row echelon
    form of ``A``, ``C = A[:, J]`` and ``R = A[I, :]`` with ``I`` the pivot
    rows of ``C``. Then ``A = C K R`` with ``K`` invertible, ``C`` has full
    column rank and ``R`` full row rank, and

    .. math:: A^+ = R^T (C^T A R^T)^{-1} C^T .

    No singular values, no square roots: every step is exact field
    arithmetic on the entries of ``A``. Results are cached by the exact value
    of ``A`` (see :func:`pinv_cache_clear`).

    Examples
    --------
    >>> pinv_exact([[1, 2], [2, 4]])
    Matrix([
    [1/25, 2/25],
    [2/25, 4/25]])
    >>> pinv_exact(sympy.zeros(0, 3)).shape
    (3, 0)
    """
    X = exact_input(A, name="A", floats=floats, symbolic_alternative="pinv_symbolic")
    resolved = resolve_backend(backend, rational=(X.domain == QQ))
    return _pinv_cached(X, resolved).matrix()


def pinv_qq(D: Any) -> Any:
    """The pseudo-inverse of a :class:`~sympy.polys.matrices.DomainMatrix` over ``QQ``, as one over ``QQ``.

    The same exact matrix as :func:`pinv_exact` (and the same memo), without
    passing through SymPy matrices: for evaluators that keep their values as
    domain matrices.

    Parameters
    ----------
    D : DomainMatrix
        Over ``QQ``, shape (m, n).

    Returns
    -------
    DomainMatrix
        ``D⁺``, dense, over ``QQ``, shape (n, m).

    Examples
    --------
    >>> from sympy.polys.matrices import DomainMatrix
    >>> pinv_qq(DomainMatrix([[QQ(1), QQ(2)], [QQ(2), QQ(4)]], (2, 2), QQ)).to_Matrix()
    Matrix([
    [1/25, 2/25],
    [2/25, 4/25]])
    """
    from sympy.polys.matrices import DomainMatrix

    m, n = D.shape
    if D.domain != QQ:
        raise InputTypeError("D.domain", D.domain, "pinv_qq takes a matrix over QQ",
                              "convert it with D.convert_to(QQ), or call pinv_exact")
    if m == 0 or n == 0:
        return DomainMatrix.zeros((n, m), QQ).to_dense()
    X = ExactInput(m, n, QQ, tuple(D.to_list_flat()))
    P = _pinv_cached(X, resolve_backend("auto", rational=True))
    return DomainMatrix.from_list_flat(list(P.flat), (n, m), QQ).to_dense()


def pinv_cache_clear() -> None:
    """Empty the memo behind :func:`pinv_exact`."""
    _pinv_cached.cache_clear()


# ---------------------------------------------------------------------------
# Rank factorisation


class RankFactorization(NamedTuple):
    """``A = C F`` with ``C`` of full column rank and ``F`` of full row rank.

    Attributes
    ----------
    C : sympy.ImmutableMatrix, shape (m, r)
        The pivot columns of ``A``.
    F : sympy.ImmutableMatrix, shape (r, n)
        The nonzero rows of the reduced row echelon form of ``A``.
    rank : int
        ``r``.
    pivots : tuple of int
        The pivot column indices.
    """

    C: sympy.ImmutableMatrix
    F: sympy.ImmutableMatrix
    rank: int
    pivots: tuple[int, ...]


def rank_factorization(
    A: Any,
    *,
    floats: FloatPolicy = "refuse",
    backend: Backend = "auto",
) -> RankFactorization:
    """Return the exact rank factorisation ``A = C F`` from the reduced row echelon form.

    Parameters
    ----------
    A : matrix-like, shape (m, n)
        Exact entries, as for :func:`pinv_exact`.
    floats : {"refuse", "exact"}
        The float policy.
    backend : {"auto", "flint", "sympy"}
        The arithmetic engine.

    Returns
    -------
    RankFactorization
        ``C`` (m x r), ``F`` (r x n), the rank ``r`` and the pivot columns.

    Raises
    ------
    InputTypeError, InputShapeError, InexactInputError, NonFiniteError, InputError, UnsupportedError
        As for :func:`pinv_exact`.

    Notes
    -----
    With ``J`` the pivot columns of ``rref(A)``, every column of ``A`` is the
    combination of the columns ``A[:, J]`` whose coefficients make up that
    column of ``rref(A)``; hence ``A = A[:, J] · rref(A)[:r, :]``.
    ``A⁺ = Fᵀ (F Fᵀ)⁻¹ (CᵀC)⁻¹ Cᵀ``.

    Examples
    --------
    >>> rank_factorization([[1, 2, 3], [2, 4, 6]])
    RankFactorization(C=Matrix([
    [1],
    [2]]), F=Matrix([[1, 2, 3]]), rank=1, pivots=(0,))
    """
    X = exact_input(A, name="A", floats=floats, symbolic_alternative="pinv_symbolic")
    ops = ops_for_input(X, backend)
    m, n = X.shape
    native = ops.from_input(X)
    R, pivots = ops.rref(native)
    r = len(pivots)
    F = ops.to_immutable(ops.submatrix(R, range(r), range(n)))
    C = ops.to_immutable(ops.submatrix(native, range(m), pivots))
    return RankFactorization(C, F, r, tuple(pivots))


# ---------------------------------------------------------------------------
# Penrose certificate


class PenroseCondition(NamedTuple):
    """One of the four Penrose conditions, checked exactly.

    Attributes
    ----------
    index : int
        1 to 4.
    equation : str
        The condition, e.g. ``"A X A = A"``.
    holds : bool
        Whether the residual is exactly zero.
    residual : sympy.ImmutableMatrix
        Left side minus right side.
    nonzero : int
        Number of nonzero entries of the residual.
    """

    index: int
    equation: str
    holds: bool
    residual: sympy.ImmutableMatrix
    nonzero: int


@dataclass(frozen=True)
class PenroseCertificate:
    """The four Penrose conditions for a candidate ``X`` of ``A⁺``.

    ``X = A⁺`` exactly when all four hold (the Moore–Penrose inverse is the
    unique matrix satisfying them).

    Attributes
    ----------
    shape : tuple of int
        The shape of ``A``.
    conditions : tuple of PenroseCondition
        ``AXA = A``, ``XAX = X``, ``(AX)ᵀ = AX``, ``(XA)ᵀ = XA``.
    """

    shape: tuple[int, int]
    conditions: tuple[PenroseCondition, ...]

    @property
    def holds(self) -> bool:
        """True when all four conditions hold, i.e. ``X`` is ``A⁺``."""
        return all(c.holds for c in self.conditions)

    @property
    def failed(self) -> tuple[str, ...]:
        """The equations that fail."""
        return tuple(c.equation for c in self.conditions if not c.holds)

    def summary(self) -> str:
        """One line per condition: equation, verdict and nonzero residual count."""
        return "\n".join(
            f"({c.index}) {c.equation}: {'holds' if c.holds else 'FAILS'}"
            + ("" if c.holds else f" ({c.nonzero} nonzero residual entries)")
            for c in self.conditions
        )


def penrose_certificate(
    A: Any,
    X: Any,
    *,
    floats: FloatPolicy = "refuse",
    backend: Backend = "auto",
) -> PenroseCertificate:
    """Check the four Penrose conditions for a candidate pseudo-inverse, exactly.

    Parameters
    ----------
    A : matrix-like, shape (m, n)
        Exact entries, as for :func:`pinv_exact`.
    X : matrix-like, shape (n, m)
        The candidate for ``A⁺``, exact entries.
    floats : {"refuse", "exact"}
        The float policy, for both matrices.
    backend : {"auto", "flint", "sympy"}
        The arithmetic engine.

    Returns
    -------
    PenroseCertificate
        Each condition with a boolean, the exact residual and its nonzero
        count; ``.holds`` is True exactly when ``X = A⁺``.

    Raises
    ------
    InputShapeError
        ``X`` is not ``n x m``; and the input errors of :func:`pinv_exact`.
    InputTypeError, InexactInputError, NonFiniteError, InputError, UnsupportedError
        As for :func:`pinv_exact`.

    Notes
    -----
    Penrose (1955): for every real ``A`` there is exactly one ``X`` with
    ``AXA = A``, ``XAX = X``, ``(AX)ᵀ = AX`` and ``(XA)ᵀ = XA``; it is ``A⁺``.

    Examples
    --------
    >>> penrose_certificate([[1, 0], [0, 0]], [[1, 0], [0, 0]]).holds
    True
    >>> penrose_certificate([[1, 0], [0, 0]], [[1, 0], [0, 1]]).failed
    ('X A X = X',)
    """
    EA = exact_input(A, name="A", floats=floats, symbolic_alternative="pinv_symbolic")
    EX = exact_input(X, name="X", floats=floats, symbolic_alternative="pinv_symbolic")
    m, n = EA.shape
    if EX.shape != (n, m):
        raise InputShapeError(
            "X", f"<{EX.rows}x{EX.cols} matrix>",
            f"a candidate for the pseudo-inverse of a {m}x{n} matrix must be {n}x{m}",
            "pass X with the transposed shape of A",
        )
    EA, EX = common_field(EA, EX)
    ops = ops_for_input(EA, backend)
    a, x = ops.from_input(EA), ops.from_input(EX)
    ax, xa = ops.matmul(a, x), ops.matmul(x, a)
    residuals = (
        ("A X A = A", ops.sub(ops.matmul(ax, a), a)),
        ("X A X = X", ops.sub(ops.matmul(x, ax), x)),
        ("(A X)ᵀ = A X", ops.sub(ops.transpose(ax), ax)),
        ("(X A)ᵀ = X A", ops.sub(ops.transpose(xa), xa)),
    )
    conditions = tuple(
        PenroseCondition(
            index=i + 1,
            equation=eq,
            holds=ops.is_zero(res),
            residual=ops.to_immutable(res),
            nonzero=ops.nonzero_count(res),
        )
        for i, (eq, res) in enumerate(residuals)
    )
    return PenroseCertificate(shape=(m, n), conditions=conditions)
