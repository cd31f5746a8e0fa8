"""Conversions between the three tiers: exact (SymPy) ↔ mpmath ↔ float64.

Every conversion is exact or rounds once, to nearest:

=================  =================  ==========================================
from               to                 how
=================  =================  ==========================================
exact rational     mpmath (dps)       ``p/q`` correctly rounded at dps digits
exact algebraic    mpmath (dps)       SymPy ``evalf`` at dps + guard digits,
                                      checked against a second evaluation
exact rational     float64            ``p/q`` correctly rounded (int / int)
mpmath             float64            correctly rounded (round-half-even)
float64            mpmath             exact (53-bit mantissas)
mpmath / float64   exact              exact binary rationals ``m · 2^e``
=================  =================  ==========================================

Overflow to ±inf in a float64 conversion is an error, never a silent inf.
"""

from __future__ import annotations

import math
from fractions import Fraction
from typing import Any

import mpmath
import numpy as np
import sympy
from mpmath import libmp, mp

from ..errors import InputTypeError, NonFiniteError, PrecisionError
from ..exact.convert import as_exact_matrix
from ..f64.validate import as_float64_matrix
from ..highprec.convert import as_mp_matrix
from ..highprec.precision import GUARD_DIGITS, Precision

__all__ = [
    "exact_scalar_to_mpf",
    "exact_to_f64",
    "exact_to_mp",
    "f64_to_exact",
    "to_mp_any",
]


def exact_scalar_to_mpf(x: sympy.Expr, *, name: str = "x") -> mpmath.mpf:
    """An exact SymPy number as an ``mpf`` at the current mpmath precision.

    Call inside an ``mp.workdps`` scope. Rationals are rounded once, to
    nearest; other numbers (``sqrt(2)``, ``pi``) are evaluated with ``evalf``
    at the current precision plus :data:`GUARD_DIGITS`, and a second
    evaluation with twice as many extra digits must agree to the current
    precision.

    Parameters
    ----------
    x : sympy.Expr
        A number (no free symbols).
    name : str
        Name used in error messages.

    Returns
    -------
    mpmath.mpf

    Raises
    ------
    InputTypeError
        Free symbols, complex values, non-numbers.
    NonFiniteError
        Infinite or NaN values.
    PrecisionError
        The two evaluations disagree (severe cancellation).
    """
    if isinstance(x, sympy.Rational):
        return mp.make_mpf(libmp.from_rational(int(x.p), int(x.q), mp.prec, libmp.round_nearest))
    if not isinstance(x, sympy.Expr):
        raise InputTypeError(name, x, "not a SymPy number", "pass a SymPy Rational or expression")
    if x.free_symbols:
        raise InputTypeError(
            name, x, "an expression with free symbols has no numeric value",
            "substitute values for every symbol first",
        )
    if x.has(sympy.oo, -sympy.oo, sympy.zoo, sympy.nan):
        raise NonFiniteError(name, x, "entries must be finite", "remove infinities and NaN")
    dps = mp.dps
    values = []
    for extra in (GUARD_DIGITS, 2 * GUARD_DIGITS + dps // 2):
        v = x.evalf(n=dps + extra)
        if not v.is_real or not isinstance(v, sympy.Float):
            if v.is_zero:
                return mp.zero
            raise InputTypeError(
                name, x, "the value is not a real number",
                "derivcheck works over the real numbers; pass a real expression",
            )
        values.append(mp.make_mpf(v._mpf_))
    lo, hi = values
    with mp.workdps(dps + 2 * GUARD_DIGITS + dps // 2):
        if abs(lo - hi) > mp.mpf(10) ** (-dps) * abs(hi):
            raise PrecisionError(
                name, x, f"could not be evaluated to {dps} digits (two evaluations disagree)",
                "raise dps, or simplify the expression",
            )
    return +hi


def exact_to_mp(A: Any, dps: int = 50, *, name: str = "A") -> mpmath.matrix:
    """An exact matrix as an mpmath matrix, entries correctly rounded at *dps* digits.

    Parameters
    ----------
    A : sympy.Matrix or list of lists, shape (M, N)
        Exact entries (int, Fraction, SymPy Rational or real algebraic
        number); validated by :func:`derivcheck.exact.convert.as_exact_matrix`.
    dps : int
        Decimal digits.
    name : str
        Name used in error messages.

    Returns
    -------
    mpmath.matrix, shape (M, N)

    Raises
    ------
    PrecisionError
        Bad *dps*.
    InputTypeError, InputShapeError, InexactInputError, NonFiniteError
        Bad *A* (floats are refused: the exact tier has none).

    Examples
    --------
    >>> third = exact_to_mp([[sympy.Rational(1, 3)]], dps=10)[0, 0]
    >>> with mp.workdps(10):
    ...     third == mp.mpf(1) / 3   # correctly rounded at 10 digits
    True
    """
    prec = Precision.of(dps)
    dps = prec.dps
    M = as_exact_matrix(A, name=name)
    with prec.output_scope():
        out = mp.matrix(M.rows, M.cols)
        for i in range(M.rows):
            for j in range(M.cols):
                out[i, j] = exact_scalar_to_mpf(M[i, j], name=f"{name}[{i},{j}]")
        return out


def _fraction_to_float(p: int, q: int, name: str) -> float:
    try:
        return p / q  # int / int is correctly rounded
    except OverflowError:
        raise NonFiniteError(
            name, Fraction(p, q), "the value overflows float64", "scale the matrix down"
        ) from None


def exact_to_f64(A: Any, *, name: str = "A") -> np.ndarray:
    """An exact matrix as a float64 array, each rational correctly rounded.

    Parameters
    ----------
    A : sympy.Matrix or list of lists, shape (M, N)
        Exact entries; algebraic numbers go through a 30-digit evaluation
        (one extra rounding, far below float64's).
    name : str

    Returns
    -------
    numpy.ndarray of float64, shape (M, N)

    Raises
    ------
    NonFiniteError
        An entry overflows float64.
    InputTypeError, InputShapeError, InexactInputError
        Bad *A*.

    Examples
    --------
    >>> bool(exact_to_f64([[sympy.Rational(1, 3)]])[0, 0] == 1 / 3)   # the nearest double
    True
    """
    M = as_exact_matrix(A, name=name)
    out = np.zeros((M.rows, M.cols))
    for i in range(M.rows):
        for j in range(M.cols):
            x = M[i, j]
            if isinstance(x, sympy.Rational):
                out[i, j] = _fraction_to_float(int(x.p), int(x.q), f"{name}[{i},{j}]")
            else:
                with mp.workdps(30):
                    out[i, j] = libmp.to_float(
                        exact_scalar_to_mpf(x, name=f"{name}[{i},{j}]")._mpf_, rnd="n"
                    )
                if not math.isfinite(out[i, j]):
                    raise NonFiniteError(
                        f"{name}[{i},{j}]", x, "the value overflows float64", "scale down"
                    )
    return out


def f64_to_exact(a: Any, *, name: str = "a") -> sympy.ImmutableMatrix:
    """The exact binary rational values of a float64 array.

    Parameters
    ----------
    a : array_like, shape (M, N)

    Returns
    -------
    sympy.ImmutableMatrix, shape (M, N)

    Raises
    ------
    InputTypeError, InputShapeError, NonFiniteError

    Examples
    --------
    >>> f64_to_exact(np.array([[0.25]]))
    Matrix([[1/4]])
    """
    return as_exact_matrix(as_float64_matrix(a, name=name), name=name, floats="exact")


def to_mp_any(X: Any, dps: int, *, name: str = "X") -> mpmath.matrix:
    """A matrix of any tier as an mpmath matrix at *dps* digits.

    SymPy matrices go through :func:`exact_to_mp` (correct rounding, algebraic
    entries allowed); mpmath matrices, NumPy arrays and lists of numbers
    through :func:`derivcheck.highprec.convert.as_mp_matrix` (floats and mpf
    exactly, Fractions correctly rounded).

    Parameters
    ----------
    X : sympy.Matrix, mpmath.matrix, numpy.ndarray or list of lists
    dps : int
    name : str

    Returns
    -------
    mpmath.matrix

    Raises
    ------
    PrecisionError, InputTypeError, InputShapeError, NonFiniteError
    """
    prec = Precision.of(dps)
    dps = prec.dps
    if isinstance(X, sympy.MatrixBase):
        return exact_to_mp(X, prec, name=name)
    with prec.output_scope():
        return as_mp_matrix(X, name=name)
