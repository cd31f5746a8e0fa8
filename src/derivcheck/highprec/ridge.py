"""The ridge (Tikhonov) approximation of the pseudo-inverse, in high precision.

``R(ε) = (AᵀA + εI)⁻¹ Aᵀ`` tends to ``A⁺`` as ``ε → 0⁺``, for every ``A``
(rank-deficient included). With the thin SVD ``A = U Σ Vᵀ``,
``R(ε) − A⁺ = −V · diag(ε / (σ_k (σ_k² + ε))) · Uᵀ`` over the nonzero σ_k,
and ``t ↦ ε / (t (t² + ε))`` decreases in ``t``, so the exact spectral-norm
error is

    ‖R(ε) − A⁺‖₂ = ε / (σ_r (σ_r² + ε)),     σ_r the smallest nonzero σ,

which is ``ε / σ_r³ + O(ε²)``: the convergence is O(ε). :func:`ridge_sweep_mp`
measures the error at ``ε = 10⁻ᵏ`` and tabulates it next to this formula.
"""

from __future__ import annotations

import numbers
from dataclasses import dataclass
from typing import Any, Iterable

import mpmath
from mpmath import mp

from ..errors import InputError, InputTypeError
from .convert import as_mp_matrix
from .precision import Precision
from .pinv import _pinv_from_svd
from .svd import _svd_in_scope, rank_from_singular_values

__all__ = ["RidgeRow", "RidgeSweepMP", "ridge_sweep_mp"]


@dataclass(frozen=True)
class RidgeRow:
    """One row of a ridge sweep (values rounded to the sweep's ``dps``).

    Attributes
    ----------
    k : int
        ``ε = 10⁻ᵏ``.
    eps : mpmath.mpf
        ε.
    error : mpmath.mpf
        Measured ``‖R(ε) − A⁺‖₂``.
    predicted : mpmath.mpf
        ``ε / (σ_r (σ_r² + ε))``.
    discrepancy : mpmath.mpf
        ``|error − predicted| / predicted``.
    error_over_eps : mpmath.mpf
        ``error / ε``; tends to ``1/σ_r³`` (O(ε) convergence).
    working_dps : int
        Digits used for this row.
    """

    k: int
    eps: mpmath.mpf
    error: mpmath.mpf
    predicted: mpmath.mpf
    discrepancy: mpmath.mpf
    error_over_eps: mpmath.mpf
    working_dps: int


@dataclass(frozen=True)
class RidgeSweepMP:
    """A table of ridge errors against ε.

    Attributes
    ----------
    rows : tuple of RidgeRow
        In the order of the ``ks`` given.
    sigma_max : mpmath.mpf
        σ₁.
    sigma_min : mpmath.mpf
        σ_r, the smallest singular value above the rank cutoff.
    rank : int
        r.
    slope_limit : mpmath.mpf
        ``1/σ_r³``, the limit of ``error / ε``.
    dps : int
        Requested precision.
    """

    rows: tuple[RidgeRow, ...]
    sigma_max: mpmath.mpf
    sigma_min: mpmath.mpf
    rank: int
    slope_limit: mpmath.mpf
    dps: int

    def as_table(self) -> tuple[tuple[str, ...], ...]:
        """Return the rows as strings: a header, then one line per ε."""
        head = ("k", "eps", "error", "predicted", "discrepancy", "error/eps")
        body = tuple(
            (
                str(r.k), mp.nstr(r.eps, 3), mp.nstr(r.error, 8), mp.nstr(r.predicted, 8),
                mp.nstr(r.discrepancy, 3), mp.nstr(r.error_over_eps, 8),
            )
            for r in self.rows
        )
        return (head,) + body


def _extra_digits(ratio: mpmath.mpf) -> int:
    """``ceil(log10(ratio))`` for ``ratio >= 1`` (0 otherwise)."""
    if ratio <= 1:
        return 0
    return int(mp.ceil(mp.log10(ratio)))


def _ridge_in_scope(M: mpmath.matrix, eps: mpmath.mpf) -> mpmath.matrix:
    """``(MᵀM + εI)⁻¹ Mᵀ`` at the current precision, via the smaller Gram matrix."""
    m, n = M.rows, M.cols
    if n <= m:
        G = M.T * M + eps * mp.eye(n)
        return mp.inverse(G) * M.T
    G = M * M.T + eps * mp.eye(m)
    return M.T * mp.inverse(G)


def _check_ks(ks: Iterable[Any]) -> tuple[int, ...]:
    try:
        items = tuple(ks)
    except TypeError:
        raise InputTypeError(
            "ks", ks, "the exponents must be an iterable of integers", "pass e.g. range(1, 12)"
        ) from None
    if not items:
        raise InputError("ks", ks, "at least one exponent is needed", "pass e.g. range(1, 12)")
    for k in items:
        if isinstance(k, bool) or not isinstance(k, numbers.Integral):
            raise InputTypeError(
                "ks", ks, f"every exponent must be an integer, got {k!r}", "pass e.g. range(1, 12)"
            )
        if abs(int(k)) > 1000:
            raise InputError(
                "ks", ks, f"exponent {k} is outside -1000..1000", "pass e.g. range(1, 12)"
            )
    return tuple(int(k) for k in items)


def ridge_sweep_mp(A: Any, ks: Iterable[int] = range(1, 13), dps: int = 30) -> RidgeSweepMP:
    """Measure ``‖(AᵀA + εI)⁻¹Aᵀ − A⁺‖₂`` for ``ε = 10⁻ᵏ`` against the exact formula.

    Parameters
    ----------
    A : matrix-like, shape (M, N)
        A nonzero matrix (any rank).
    ks : iterable of int
        Exponents k, ``ε = 10⁻ᵏ``; ``|k| <= 1000``.
    dps : int
        Digits to which the measured error should match the formula.

    Returns
    -------
    RidgeSweepMP
        One :class:`RidgeRow` per k, plus σ₁, σ_r, the rank and ``1/σ_r³``.

    Raises
    ------
    PrecisionError
        Bad *dps*.
    InputError
        *A* is zero or empty; *ks* empty or out of range.
    InputTypeError, InputShapeError, NonFiniteError
        Bad *A* or *ks*.

    Notes
    -----
    The predicted error is ``ε / (σ_r (σ_r² + ε))`` (module docstring). For
    the measurement to resolve it to ``dps`` digits, row k is computed at

        wp_k = dps + G + ⌈log10((σ₁² + ε)/ε)⌉ + ⌈log10((σ_r² + ε)/ε)⌉ + ⌈log10 κ₂⌉

    digits (the first term pays for the conditioning of ``AᵀA + εI``, the
    second for the error being small relative to ``‖A⁺‖ = 1/σ_r``, the
    third for the conditioning of ``A⁺`` itself); ``A⁺`` is computed once at
    the largest of them. The discrepancy column is then about
    ``10^(−dps−G)``. The rank is taken with the default cutoff of
    :func:`derivcheck.highprec.pinv_mp`.

    Examples
    --------
    >>> sweep = ridge_sweep_mp([[1, 0], [0, 2]], ks=[2, 4], dps=20)
    >>> [mp.nstr(r.error_over_eps, 6) for r in sweep.rows]   # → 1/σ_r³ = 1
    ['0.990099', '0.9999']
    """
    prec = Precision.of(dps)
    dps = prec.dps
    k_values = _check_ks(ks)
    wp0 = prec.working_dps
    with prec.scope():
        M = as_mp_matrix(A)
        m, n = M.rows, M.cols
        S = _svd_in_scope(M, False) if min(m, n) else ()
        rank, _ = rank_from_singular_values(S, m, n, prec)
        if rank == 0:
            raise InputError(
                "A", "<zero or empty matrix>",
                "the ridge error of a zero matrix is identically zero: nothing to sweep",
                "pass a matrix with at least one nonzero singular value",
            )
        s1, sr = S[0], S[rank - 1]
        kappa_digits = _extra_digits(s1 / sr)
        plan = []
        for k in k_values:
            e = mp.mpf(10) ** (-k)
            wp = (
                wp0 + _extra_digits((s1**2 + e) / e) + _extra_digits((sr**2 + e) / e)
                + kappa_digits
            )
            plan.append((k, wp))
    wp_truth = max(wp for _, wp in plan)
    with prec.scope(extra=wp_truth - wp0):
        U, S_hi, Vt = _svd_in_scope(M, True)
        truth = _pinv_from_svd(U, S_hi, Vt, rank)
        s1, sr = S_hi[0], S_hi[rank - 1]
    rows = []
    for k, wp in plan:
        with prec.scope(extra=wp - wp0):
            e = mp.mpf(10) ** (-k)
            D = _ridge_in_scope(M, e) - truth
            error = max(_svd_in_scope(D, False))
            predicted = e / (sr * (sr**2 + e))
            discrepancy = abs(error - predicted) / predicted
            ratio = error / e
        with prec.output_scope():
            rows.append(
                RidgeRow(k, +e, +error, +predicted, +discrepancy, +ratio, wp)
            )
    with prec.output_scope():
        return RidgeSweepMP(tuple(rows), +s1, +sr, rank, +(1 / sr**3), dps)
