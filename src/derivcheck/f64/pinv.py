"""The float64 pseudo-inverse under test: an SVD with an explicit cutoff (NumPy only)."""

from __future__ import annotations

from typing import Any

import numpy as np

from ..errors import InputError, InputTypeError, NonFiniteError
from .validate import as_float64_matrix, check_tolerance64

__all__ = [
    "UNIT_ROUNDOFF",
    "cutoff64",
    "numerical_rank64",
    "pinv_svd64",
    "singular_values64",
]

#: Unit roundoff of IEEE double precision, u = 2⁻⁵³ (half the machine epsilon).
UNIT_ROUNDOFF = 2.0**-53

_EPS = float(np.finfo(np.float64).eps)


def cutoff64(s: np.ndarray, m: int, n: int, rtol: Any = None, atol: Any = 0.0) -> float:
    """Return the singular-value threshold ``max(atol, rtol · σ₁)``.

    Parameters
    ----------
    s : numpy.ndarray, shape (K,)
        Singular values (any order; σ₁ is their maximum).
    m, n : int
        The shape of the matrix.
    rtol : float, optional
        Relative tolerance >= 0; default ``max(M, N) · eps`` (eps = 2⁻⁵²),
        NumPy 2's default for ``rtol=None``.
    atol : float
        Absolute tolerance >= 0.

    Returns
    -------
    float
        Singular values strictly above it are kept.

    Raises
    ------
    InputTypeError, PrecisionError
        A tolerance that is not a finite number >= 0.

    Examples
    --------
    >>> cutoff64(np.array([2.0, 1.0]), 3, 2, rtol=0.1)
    0.2
    """
    r = max(m, n) * _EPS if rtol is None else check_tolerance64(
        rtol, name="rtol"
    )
    a = check_tolerance64(atol, name="atol")
    s1 = float(np.max(s)) if s.size else 0.0
    return max(a, r * s1)


def singular_values64(A: Any) -> np.ndarray:
    """Singular values of *A* in float64, non-increasing.

    Parameters
    ----------
    A : array_like, shape (M, N)
        See :func:`derivcheck.f64.validate.as_float64_matrix`.

    Returns
    -------
    numpy.ndarray, shape (min(M, N),)

    Raises
    ------
    InputTypeError, InputShapeError, NonFiniteError
        Bad *A*.

    Examples
    --------
    >>> singular_values64([[3, 0], [0, -4]])
    array([4., 3.])
    """
    a = as_float64_matrix(A)
    if a.size == 0:
        return np.zeros(0)
    return np.linalg.svd(a, compute_uv=False)


def numerical_rank64(A: Any, rtol: Any = None, atol: Any = 0.0) -> int:
    """Numerical rank: the number of singular values above ``max(atol, rtol · σ₁)``.

    Parameters
    ----------
    A : array_like, shape (M, N)
    rtol : float, optional
        Default ``max(M, N) · eps`` (as ``numpy.linalg.matrix_rank``).
    atol : float
        Absolute tolerance, default 0.

    Returns
    -------
    int

    Raises
    ------
    InputTypeError, InputShapeError, NonFiniteError, PrecisionError

    Examples
    --------
    >>> numerical_rank64([[1, 2], [2, 4]])
    1
    """
    a = as_float64_matrix(A)
    m, n = a.shape
    s = np.linalg.svd(a, compute_uv=False) if a.size else np.zeros(0)
    return int(np.count_nonzero(s > cutoff64(s, m, n, rtol, atol)))


def pinv_svd64(
    A: Any, rtol: Any = None, atol: Any = 0.0, *, symmetric: bool = False
) -> np.ndarray:
    """Moore–Penrose pseudo-inverse in float64 from ``numpy.linalg.svd``.

    Parameters
    ----------
    A : array_like, shape (M, N)
        Real matrix: float or integer array, or a list of lists of numbers.
    rtol : float, optional
        Relative cutoff >= 0. Default ``max(M, N) · eps`` with
        ``eps = 2⁻⁵²`` (NumPy 2's default for ``rtol=None``).
    atol : float
        Absolute cutoff >= 0 (default 0).
    symmetric : bool
        Use the symmetric eigen-decomposition (``numpy.linalg.eigh``) instead
        of the SVD. Only allowed for a matrix that is *exactly* symmetric
        (checked entry by entry); otherwise an error is raised.

    Returns
    -------
    numpy.ndarray of float64, shape (N, M)
        ``A⁺``. Zeros for a zero matrix; an empty (N, M) float array for
        empty input; integer input gives a float result.

    Raises
    ------
    InputTypeError
        Text, booleans, complex input (the leg is real only), non-numbers.
    InputShapeError
        Not 2-d, ragged.
    NonFiniteError
        NaN or inf in *A* (never a matrix of zeros or NaN), or a result that
        overflows float64.
    PrecisionError
        Negative or non-finite *rtol* / *atol*.
    InputError
        ``symmetric=True`` for a matrix that is not exactly symmetric.
    InputTypeError
        *symmetric* is not a bool.

    Notes
    -----
    With the thin SVD ``A = U Σ Vᵀ`` and the threshold
    ``τ = max(atol, rtol · σ₁)``, ``A⁺ = Σ_{σ_k > τ} v_k u_kᵀ / σ_k``. For
    well-separated singular values the relative error is about
    ``max(M, N) · u · κ₂`` (u = 2⁻⁵³, ``κ₂ = σ₁/σ_r``). Singular values at or
    below τ are treated as zero, so a matrix with ``κ₂ > 1/rtol`` is
    inverted as if of lower rank.

    With ``symmetric=True``: ``A = W Λ Wᵀ``, singular values ``|λ_k|`` and
    ``A⁺ = Σ_{|λ_k| > τ} w_k w_kᵀ / λ_k``.

    Examples
    --------
    >>> pinv_svd64([[1, 0], [0, 2], [0, 0]])
    array([[1. , 0. , 0. ],
           [0. , 0.5, 0. ]])
    """
    if not isinstance(symmetric, (bool, np.bool_)):
        raise InputTypeError(
            "symmetric", symmetric, "must be True or False",
            "pass symmetric=True only for an exactly symmetric matrix, else leave it False",
        )
    a = as_float64_matrix(A)
    m, n = a.shape
    r = _EPS * max(m, n) if rtol is None else check_tolerance64(rtol, name="rtol")
    at = check_tolerance64(atol, name="atol")
    if symmetric:
        if m != n or not np.array_equal(a, a.T):
            raise InputError(
                "A", a if a.size <= 36 else f"<array of shape {a.shape}>",
                "symmetric=True needs an exactly symmetric square matrix",
                "use symmetric=False (the SVD route), or symmetrise A explicitly first",
            )
    if a.size == 0:
        return np.zeros((n, m))
    if symmetric:
        w, W = np.linalg.eigh(a)
        s = np.abs(w)
        keep = s > max(at, r * float(s.max()))
        Wk = W[:, keep]
        with np.errstate(over="ignore"):
            res = (Wk * (1.0 / w[keep])) @ Wk.T
    else:
        u, s, vt = np.linalg.svd(a, full_matrices=False)
        k = int(np.count_nonzero(s > max(at, r * float(s[0]))))  # s is non-increasing
        with np.errstate(over="ignore", invalid="ignore"):
            res = (vt[:k].T * (1.0 / s[:k])) @ u[:, :k].T
    if not np.isfinite(res).all():
        raise NonFiniteError(
            "A", a if a.size <= 36 else f"<array of shape {a.shape}>",
            "its pseudo-inverse overflows float64 (a kept singular value is below ~1e-308)",
            "scale A up by a power of 2 and scale the pseudo-inverse back, or raise atol",
        )
    return res
