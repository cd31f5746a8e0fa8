"""The Moore–Penrose pseudo-inverse in high precision, from mpmath's SVD.

:func:`pinv_mp` (and :func:`pinv_mp_details`): the SVD route,
``A⁺ = V · diag(1/σ_k) · Uᵀ`` over the singular values kept by an explicit
relative cutoff ``σ > rtol · σ₁``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import mpmath
from mpmath import mp

from .convert import as_mp_matrix, check_tolerance
from .precision import Precision
from .svd import _svd_in_scope, default_rtol_mp

__all__ = ["PinvMP", "pinv_mp", "pinv_mp_details"]


@dataclass(frozen=True)
class PinvMP:
    """A high-precision pseudo-inverse with the facts behind it.

    Attributes
    ----------
    pinv : mpmath.matrix, shape (N, M)
        The pseudo-inverse, rounded to ``dps`` digits.
    singular_values : tuple of mpmath.mpf, length min(M, N)
        All singular values of ``A``, non-increasing.
    rank : int
        How many singular values were kept.
    rtol : mpmath.mpf
        The relative cutoff used.
    threshold : mpmath.mpf
        ``rtol · σ₁``: singular values ``σ > threshold`` were kept.
    dps : int
        The requested precision.
    working_dps : int
        The precision of the computation, ``dps`` plus the guard digits
        (:class:`~derivcheck.highprec.precision.Precision`).
    """

    pinv: mpmath.matrix
    singular_values: tuple[mpmath.mpf, ...]
    rank: int
    rtol: mpmath.mpf
    threshold: mpmath.mpf
    dps: int
    working_dps: int

    @property
    def condition_number(self) -> mpmath.mpf:
        """κ₂ = σ₁ / σ_r over the kept singular values (1 for rank 0)."""
        if self.rank == 0:
            return mp.one
        with mp.workdps(self.working_dps):
            return self.singular_values[0] / self.singular_values[self.rank - 1]


def _round_matrix(M: mpmath.matrix, dps: int) -> mpmath.matrix:
    """Round every entry of *M* to *dps* digits (a new matrix)."""
    with mp.workdps(dps):
        out = mp.matrix(M.rows, M.cols)
        for i in range(M.rows):
            for j in range(M.cols):
                out[i, j] = +M[i, j]
        return out


def _pinv_from_svd(U: mpmath.matrix, S, Vt: mpmath.matrix, keep: int) -> mpmath.matrix:
    """``V[:, :keep] · diag(1/S[:keep]) · U[:, :keep]ᵀ`` at the current precision."""
    m, n = U.rows, Vt.cols
    if keep == 0:
        return mp.matrix(n, m)
    left = mp.matrix(n, keep)
    right = mp.matrix(keep, m)
    for k in range(keep):
        inv_s = 1 / S[k]
        for i in range(n):
            left[i, k] = Vt[k, i] * inv_s
        for j in range(m):
            right[k, j] = U[j, k]
    return left * right


def pinv_mp_details(A: Any, dps: int = 50, *, cutoff: Any = None) -> PinvMP:
    """Pseudo-inverse from mpmath's SVD, with singular values, rank and cutoff.

    Parameters
    ----------
    A : matrix-like, shape (M, N)
        mpmath matrix, list of lists of numbers (int, Fraction, float — taken
        exactly — mpf) or a 2-d NumPy array.
    dps : int
        Decimal digits of the result; the work is done at
        ``dps + GUARD_DIGITS`` digits.
    cutoff : real, optional
        Relative cutoff ``rtol >= 0``: keep singular values
        ``σ > rtol · σ₁``. Default ``max(M, N) · 10^(−dps)``.

    Returns
    -------
    PinvMP
        ``.pinv`` has shape (N, M).

    Raises
    ------
    PrecisionError
        *dps* not a positive integer; *cutoff* negative or not finite.
    InputTypeError, InputShapeError, NonFiniteError
        Bad *A* (text, complex, ragged, not 2-d, NaN/inf).

    Notes
    -----
    With the thin SVD ``A = U Σ Vᵀ``, ``A⁺ = Σ_{σ_k > rtol·σ₁} v_k u_kᵀ / σ_k``.
    The cutoff is relative to σ₁ (not σ₁²), so ``(cA)⁺ = A⁺/c`` for every
    scale ``c > 0``. The error of the result is about
    ``10^(−dps−GUARD_DIGITS) · κ₂ · ‖A⁺‖`` with ``κ₂ = σ₁/σ_r``.

    Examples
    --------
    >>> r = pinv_mp_details([[1, 2], [2, 4]], dps=20)
    >>> r.rank, mp.nstr(r.pinv[0, 1], 10)
    (1, '0.08')
    """
    prec = Precision.of(dps)
    dps, wp = prec.dps, prec.working_dps
    with prec.scope():
        if cutoff is not None:
            rtol = check_tolerance(cutoff, name="cutoff")
        M = as_mp_matrix(A)
        m, n = M.rows, M.cols
        if cutoff is None:
            rtol = default_rtol_mp(m, n, dps)
        if min(m, n) == 0:
            return PinvMP(mp.matrix(n, m), (), 0, rtol, mp.zero, dps, wp)
        U, S, Vt = _svd_in_scope(M, True)
        threshold = rtol * S[0]
        keep = sum(1 for s in S if s > threshold)
        P = _pinv_from_svd(U, S, Vt, keep)
    return PinvMP(_round_matrix(P, dps), S, keep, rtol, threshold, dps, wp)


def pinv_mp(A: Any, dps: int = 50, *, cutoff: Any = None) -> mpmath.matrix:
    """Moore–Penrose pseudo-inverse from mpmath's SVD (``mp.svd_r``).

    Parameters
    ----------
    A : matrix-like, shape (M, N)
        mpmath matrix, list of lists of numbers (int, Fraction, float — taken
        exactly — mpf) or a 2-d NumPy array.
    dps : int
        Decimal digits of the result (default 50). The SVD runs at
        ``dps + GUARD_DIGITS`` digits; mpmath's global precision is not
        touched.
    cutoff : real, optional
        Relative cutoff ``rtol >= 0``: singular values ``σ > rtol · σ₁`` are
        inverted, the others treated as zero. Default
        ``max(M, N) · 10^(−dps)``, relative to σ₁ (never σ₁²).

    Returns
    -------
    mpmath.matrix, shape (N, M)
        A⁺; all zeros for a zero matrix, an (N, M) empty matrix for empty
        input.

    Raises
    ------
    PrecisionError
        *dps* not a positive integer; *cutoff* negative or not finite.
    InputTypeError, InputShapeError, NonFiniteError
        Bad *A*.

    See Also
    --------
    pinv_mp_details : the same, with singular values, rank and threshold.

    Notes
    -----
    ``A⁺ = V Σ⁺ Uᵀ`` from the thin SVD ``A = U Σ Vᵀ``. It satisfies the four
    Penrose conditions ``AXA = A``, ``XAX = X``, ``(AX)ᵀ = AX``,
    ``(XA)ᵀ = XA`` to about ``max(M, N) · 10^(−dps) · κ₂`` relative to the
    norms involved.

    Examples
    --------
    >>> X = pinv_mp([[1, 0], [0, 2], [0, 0]], dps=15)
    >>> print(X)
    [1.0  0.0  0.0]
    [0.0  0.5  0.0]
    >>> A = mp.matrix([[1, 2], [3, 4], [5, 6]])
    >>> X = pinv_mp(A, dps=30)
    >>> with mp.workdps(30):   # the Penrose residual AXA − A, at the rounding level
    ...     mp.mnorm(A * X * A - A, 1) < 10 * mp.mpf(10) ** -30 * mp.mnorm(A, 1)
    True
    """
    return pinv_mp_details(A, dps, cutoff=cutoff).pinv
