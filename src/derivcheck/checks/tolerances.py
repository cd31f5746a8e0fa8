"""Error metrics and tolerances of the checkers' numeric legs.

Tolerances come from the precision and the conditioning, never from a bare
constant:

* mpmath at ``dps`` digits, an expression that inverts matrices with
  condition numbers whose product is κ: relative error at most
  ``10**-(dps - log10(κ) - 3)`` (three guard digits for the operation count).
* float64: relative error at most ``c · max(M, N) · u · κ`` with ``u = 2**-53``
  the unit roundoff and ``c = 10`` (:data:`FLOAT64_SAFETY`).
"""

from __future__ import annotations

import math
from typing import Any

import mpmath
import numpy as np
import sympy

__all__ = [
    "FLOAT64_SAFETY",
    "UNIT_ROUNDOFF",
    "exact_norm",
    "mp_norm",
    "to_mp",
    "mp_tolerance",
    "digits_of_agreement",
    "f64_matrix",
    "f64_relative_error",
    "f64_tolerance",
]

UNIT_ROUNDOFF = 2.0**-53
FLOAT64_SAFETY = 10


def exact_norm(M: sympy.MatrixBase) -> Any:
    """Frobenius norm of an exact matrix, as an mpmath number at 30 digits."""
    with mpmath.workdps(30):
        return mpmath.sqrt(mpmath.fsum(mpmath.mpf(int(x.p)) ** 2 / mpmath.mpf(int(x.q)) ** 2
                                       if isinstance(x, sympy.Rational) else mpmath.mpf(float(x)) ** 2
                                       for x in M))


def mp_norm(M: mpmath.matrix) -> Any:
    """Frobenius norm of an mpmath matrix at the current precision."""
    return mpmath.mnorm(M, "f") if M.rows and M.cols else mpmath.mpf(0)


def to_mp(M: sympy.MatrixBase) -> mpmath.matrix:
    """Convert an exact rational matrix to mpmath at the current precision."""
    out = mpmath.matrix(M.shape[0], M.shape[1])
    for i in range(M.shape[0]):
        for j in range(M.shape[1]):
            x = M[i, j]
            out[i, j] = mpmath.mpf(int(x.p)) / int(x.q)
    return out


def mp_tolerance(dps: int, kappa: Any) -> Any:
    """Relative tolerance of an mpmath result at *dps* digits with conditioning *kappa*."""
    lost = mpmath.log10(kappa) if kappa > 1 else 0
    return mpmath.mpf(10) ** (-(dps - lost - 3))


def digits_of_agreement(relative_error: Any) -> int:
    """Number of correct significant digits implied by a relative error."""
    if relative_error == 0:
        return 999
    return max(0, int(mpmath.floor(-mpmath.log10(relative_error))))


def f64_matrix(v: Any) -> np.ndarray:
    """A float64 value (matrix or scalar) as a 2-d array."""
    return np.atleast_2d(np.asarray(v, dtype=float))


def f64_relative_error(value: np.ndarray, exact: sympy.MatrixBase, scale: float) -> float:
    """‖value − exact‖_F / scale, with the exact matrix rounded to float64 once."""
    ex = np.array([[float(exact[i, j]) for j in range(exact.shape[1])] for i in range(exact.shape[0])],
                  dtype=float).reshape(exact.shape)
    if value.shape != ex.shape:
        return math.inf
    return float(np.linalg.norm(value - ex)) / scale


def f64_tolerance(size: int, kappa: float) -> float:
    """``FLOAT64_SAFETY · size · u · κ``: the float64 leg's relative tolerance."""
    return FLOAT64_SAFETY * size * UNIT_ROUNDOFF * max(1.0, kappa)
