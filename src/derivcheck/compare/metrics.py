"""Error metrics, norms, ranks and condition numbers across tiers.

The difference of two matrices is always formed in mpmath (float64 and mpf
values exactly, exact rationals correctly rounded at the working precision),
so a measured error is never polluted by the rounding of the measurement.
Its norm is then taken in float64 after an exact power-of-two scaling: the
metric is accurate to about 15 significant digits, over the full exponent
range of mpmath (no overflow at 1e300, no underflow at 1e-300).

Numerical rank, with documented cutoffs (σ₁ the largest singular value):

* exact: the rank over ℚ (or the field of the entries), no cutoff;
* mpmath at ``dps`` digits: ``σ > max(M, N) · 10^(−dps) · σ₁``;
* float64: ``σ > max(M, N) · eps · σ₁`` with ``eps = 2⁻⁵²`` (NumPy's
  ``matrix_rank`` default).
"""

from __future__ import annotations

import functools
from typing import Any, Literal

import mpmath
import numpy as np
import sympy
from mpmath import mp

from ..errors import InputError, InputShapeError
from ..exact.convert import as_exact_matrix, check_exact_size, rational_rank
from ..f64.pinv import numerical_rank64
from ..highprec.precision import Precision
from ..highprec.svd import numerical_rank_mp, singular_values_mp
from .convert import to_mp_any

__all__ = [
    "condition_number",
    "exact_rank",
    "numerical_rank",
    "relative_error",
]

Norm = Literal["fro", "2"]


def _check_norm(norm: Any) -> str:
    if norm not in ("fro", "2", 2):
        raise InputError(
            "norm", norm, "the norm must be 'fro' (Frobenius) or '2' (spectral)",
            "pass norm='fro' or norm='2'",
        )
    return "2" if norm in ("2", 2) else "fro"


def _norm_in_scope(D: mpmath.matrix, norm: str) -> mpmath.mpf:
    """Norm of an mpmath matrix via an exactly scaled float64 copy."""
    if D.rows == 0 or D.cols == 0:
        return mp.zero
    mags = [mp.mag(D[i, j]) for i in range(D.rows) for j in range(D.cols) if D[i, j] != 0]
    if not mags:
        return mp.zero
    e = max(mags)
    scaled = np.array(
        [[float(mp.ldexp(D[i, j], -e)) for j in range(D.cols)] for i in range(D.rows)]
    )
    value = np.linalg.norm(scaled, 2 if norm == "2" else "fro")
    return mp.ldexp(mp.mpf(float(value)), e)


def relative_error(
    computed: Any, reference: Any, *, norm: Norm = "fro", dps: int = 50
) -> mpmath.mpf:
    """``‖computed − reference‖ / ‖reference‖``, the difference formed in mpmath.

    Parameters
    ----------
    computed, reference : matrix of any tier, same shape (M, N)
        SymPy (exact), mpmath or float64 matrices, in any combination.
    norm : {"fro", "2"}
        Frobenius (default) or spectral norm.
    dps : int
        The subtraction is done at ``dps`` plus the guard digits; errors
        below about ``10^(−dps)`` are resolved.

    Returns
    -------
    mpmath.mpf
        The relative error; the absolute ``‖computed‖`` when the reference
        is zero (so that 0 means equal in every case).

    Raises
    ------
    InputShapeError
        The shapes differ.
    InputError
        Unknown *norm*.
    PrecisionError, InputTypeError, NonFiniteError
        Bad *dps* or entries.

    Examples
    --------
    >>> import numpy as np
    >>> float(relative_error(np.array([[1.5]]), [[sympy.Integer(1)]]))
    0.5
    """
    norm = _check_norm(norm)
    prec = Precision.of(dps)
    dps, wp = prec.dps, prec.working_dps
    C = to_mp_any(computed, wp, name="computed")
    R = to_mp_any(reference, wp, name="reference")
    if (C.rows, C.cols) != (R.rows, R.cols):
        raise InputShapeError(
            "computed", f"<matrix of shape {(C.rows, C.cols)}>",
            f"must have the shape of the reference {(R.rows, R.cols)}",
            "compare matrices of the same shape",
        )
    with prec.scope():
        diff = _norm_in_scope(C - R if C.rows and C.cols else C, norm)
        ref = _norm_in_scope(R, norm)
        return diff / ref if ref else diff


def exact_rank(A: Any) -> int:
    """The exact rank of a matrix with exact (rational or algebraic) entries.

    Parameters
    ----------
    A : sympy.Matrix or list of lists, shape (M, N)

    Returns
    -------
    int

    Raises
    ------
    InputTypeError, InputShapeError, InexactInputError, NonFiniteError

    Examples
    --------
    >>> exact_rank([[1, 2], [2, 4]])
    1
    """
    if isinstance(A, sympy.MatrixBase):
        check_exact_size(*A.shape)
        r = rational_rank(A)  # rational entries are exact already: no validation needed
        if r is not None:
            return r
    M = as_exact_matrix(A)
    if M.rows == 0 or M.cols == 0:
        return 0
    r = rational_rank(M)
    return M.rank() if r is None else r


def numerical_rank(X: Any, tier: str, *, dps: int = 50) -> int:
    """Rank of *X* as the given tier decides it (cutoffs in the module docstring).

    Parameters
    ----------
    X : matrix
        Exact entries for ``"exact"``; any numbers for the others.
    tier : {"exact", "mpmath", "float64"}
    dps : int
        Precision for ``"mpmath"``.

    Returns
    -------
    int

    Raises
    ------
    InputError
        Unknown *tier*.
    PrecisionError, InputTypeError, InputShapeError, NonFiniteError

    Examples
    --------
    >>> numerical_rank([[1, 2], [2, 4 + 1e-15]], "float64")
    1
    """
    if tier == "exact":
        return exact_rank(X)
    if tier == "mpmath":
        prec = Precision.of(dps)
        return numerical_rank_mp(to_mp_any(X, prec.working_dps), prec)
    if tier == "float64":
        if isinstance(X, sympy.MatrixBase):
            from .convert import exact_to_f64

            X = exact_to_f64(X)
        return numerical_rank64(X)
    raise InputError(
        "tier", tier, "the tier must be 'exact', 'mpmath' or 'float64'", "pass one of them"
    )


def condition_number(A: Any, *, dps: int = 30, rank: int | None = None) -> mpmath.mpf:
    """κ₂ = σ₁ / σ_r of an exact matrix over its nonzero singular values.

    Parameters
    ----------
    A : sympy.Matrix or list of lists, shape (M, N)
        Exact entries.
    dps : int
        Digits of the singular values.
    rank : int, optional
        The exact rank r, if known; computed exactly otherwise. The exact
        rank picks σ_r, so rounding noise in the zero singular values of a
        rank-deficient matrix never enters κ.

    Returns
    -------
    mpmath.mpf
        κ₂ (1 for rank 0 or an empty matrix).

    Raises
    ------
    InputTypeError, InputShapeError, InexactInputError, NonFiniteError,
    PrecisionError

    Examples
    --------
    >>> float(condition_number([[2, 0], [0, 1]]))
    2.0
    """
    prec = Precision.of(dps)
    M = sympy.ImmutableMatrix(as_exact_matrix(A))
    r = exact_rank(M) if rank is None else int(rank)
    if r == 0:
        return mp.one
    return _kappa(M, prec, r)


@functools.lru_cache(maxsize=1024)
def _kappa(M: sympy.ImmutableMatrix, prec: Precision, r: int) -> mpmath.mpf:
    """σ₁/σ_r of the exact matrix *M* (remembered by value: instances and their inverses repeat)."""
    S = singular_values_mp(to_mp_any(M, prec.working_dps), prec)
    with prec.scope():
        return S[0] / S[r - 1]
