"""Singular values, numerical rank and norms in high precision (mpmath only).

Every function opens its own ``mp.workdps`` scope at ``dps + GUARD_DIGITS``
digits and leaves mpmath's global precision as it found it, also when it
raises.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import mpmath
from mpmath import mp

from .convert import as_mp_matrix, check_tolerance
from .precision import Precision

__all__ = [
    "SvdMP",
    "default_rtol_mp",
    "numerical_rank_mp",
    "rank_from_singular_values",
    "singular_values_mp",
    "svd_mp",
]


@dataclass(frozen=True)
class SvdMP:
    """A thin singular value decomposition ``A = U · diag(S) · Vᵀ``.

    Attributes
    ----------
    U : mpmath.matrix, shape (M, K)
        Orthonormal columns, ``K = min(M, N)``.
    S : tuple of mpmath.mpf, length K
        Singular values, non-increasing.
    Vt : mpmath.matrix, shape (K, N)
        Orthonormal rows.
    dps : int
        The precision requested; the factors carry ``dps + GUARD_DIGITS``
        digits.
    """

    U: mpmath.matrix
    S: tuple[mpmath.mpf, ...]
    Vt: mpmath.matrix
    dps: int


def default_rtol_mp(m: int, n: int, dps: int) -> mpmath.mpf:
    """Return the default relative cutoff ``max(M, N) · 10^(−dps)``.

    Parameters
    ----------
    m, n : int
        The shape of the matrix.
    dps : int
        The requested precision in decimal digits.

    Returns
    -------
    mpmath.mpf
        The cutoff relative to the largest singular value σ₁.

    Notes
    -----
    A singular value σ is kept when ``σ > rtol · σ₁``: the threshold scales
    with σ₁, not σ₁², so that it is invariant under ``A → cA``. At
    ``dps + GUARD_DIGITS`` working digits the rounding noise in the computed
    singular values is about ``10^(−dps−GUARD_DIGITS) · σ₁``, far below it.

    Examples
    --------
    >>> print(default_rtol_mp(3, 2, 10))
    3.0e-10
    """
    prec = Precision.of(dps)
    with prec.scope():
        return max(m, n) * mp.mpf(10) ** (-prec.dps)


def _svd_in_scope(M: mpmath.matrix, compute_uv: bool):
    """Thin SVD of a non-empty matrix at the current precision."""
    if compute_uv:
        U, S, V = mp.svd_r(M, full_matrices=False, compute_uv=True)
        return U, tuple(S[k] for k in range(S.rows)), V
    S = mp.svd_r(M, full_matrices=False, compute_uv=False)
    return tuple(S[k] for k in range(S.rows))


def svd_mp(A: Any, dps: int = 50) -> SvdMP:
    """Thin singular value decomposition with ``mp.svd_r``.

    Parameters
    ----------
    A : matrix-like, shape (M, N)
        See :func:`derivcheck.highprec.convert.as_mp_matrix`.
    dps : int
        Decimal digits wanted; the work is done at ``dps + GUARD_DIGITS``.

    Returns
    -------
    SvdMP
        ``U`` (M, K), ``S`` (K,), ``Vt`` (K, N) with ``K = min(M, N)``.

    Raises
    ------
    PrecisionError, InputTypeError, InputShapeError, NonFiniteError
        Bad *dps* or bad *A*.

    Examples
    --------
    >>> svd = svd_mp([[3, 0], [0, -4]], dps=15)
    >>> [mp.nstr(s, 5) for s in svd.S]
    ['4.0', '3.0']
    """
    prec = Precision.of(dps)
    dps = prec.dps
    with prec.scope():
        M = as_mp_matrix(A)
        m, n = M.rows, M.cols
        k = min(m, n)
        if k == 0:
            return SvdMP(mp.matrix(m, 0), (), mp.matrix(0, n), dps)
        U, S, V = _svd_in_scope(M, True)
        return SvdMP(U, S, V, dps)


def singular_values_mp(A: Any, dps: int = 50) -> tuple[mpmath.mpf, ...]:
    """Singular values of *A*, non-increasing, at ``dps + GUARD_DIGITS`` digits.

    Parameters
    ----------
    A : matrix-like, shape (M, N)
    dps : int

    Returns
    -------
    tuple of mpmath.mpf, length min(M, N)

    Raises
    ------
    PrecisionError, InputTypeError, InputShapeError, NonFiniteError

    Examples
    --------
    >>> [mp.nstr(s, 5) for s in singular_values_mp([[0, 2], [0, 0]], dps=15)]
    ['2.0', '0.0']
    """
    prec = Precision.of(dps)
    dps = prec.dps
    with prec.scope():
        M = as_mp_matrix(A)
        if min(M.rows, M.cols) == 0:
            return ()
        return _svd_in_scope(M, False)


def rank_from_singular_values(
    S: tuple[mpmath.mpf, ...], m: int, n: int, dps: int, cutoff: Any = None
) -> tuple[int, mpmath.mpf]:
    """Return ``(rank, threshold)``: the number of σ above ``rtol · σ₁``.

    Parameters
    ----------
    S : tuple of mpmath.mpf
        Singular values, non-increasing.
    m, n : int
        The shape of the matrix.
    dps : int
        Precision in decimal digits (for the default cutoff).
    cutoff : real, optional
        Relative cutoff ``rtol``; default :func:`default_rtol_mp`.

    Returns
    -------
    rank : int
    threshold : mpmath.mpf
        ``rtol · σ₁`` (0 for an empty or zero matrix).
    """
    prec = Precision.of(dps)
    with prec.scope():
        rtol = default_rtol_mp(m, n, prec) if cutoff is None else check_tolerance(
            cutoff, name="cutoff"
        )
        if not S:
            return 0, mp.zero
        threshold = rtol * max(S)
        return sum(1 for s in S if s > threshold), threshold


def numerical_rank_mp(A: Any, dps: int = 50, *, cutoff: Any = None) -> int:
    """Numerical rank: the number of singular values ``σ > rtol · σ₁``.

    Parameters
    ----------
    A : matrix-like, shape (M, N)
    dps : int
        Precision of the singular values.
    cutoff : real, optional
        Relative cutoff ``rtol >= 0``; default ``max(M, N) · 10^(−dps)``
        (:func:`default_rtol_mp`).

    Returns
    -------
    int
        The rank (0 for a zero or empty matrix).

    Raises
    ------
    PrecisionError
        Bad *dps*, or a negative / non-finite *cutoff*.
    InputTypeError, InputShapeError, NonFiniteError
        Bad *A*.

    Examples
    --------
    >>> numerical_rank_mp([[1, 2], [2, 4]], dps=20)
    1
    """
    prec = Precision.of(dps)
    dps = prec.dps
    with prec.scope():
        if cutoff is not None:
            check_tolerance(cutoff, name="cutoff")
        M = as_mp_matrix(A)
        S = _svd_in_scope(M, False) if min(M.rows, M.cols) else ()
        return rank_from_singular_values(S, M.rows, M.cols, prec, cutoff)[0]
