"""Validation and conversion of user input for the mpmath tier.

:func:`as_mp_matrix` is the gate through which matrices enter
:mod:`derivcheck.highprec`. It accepts mpmath matrices, nested lists or tuples
of numbers, and 2-d array-likes with ``shape`` and ``tolist()`` (NumPy arrays,
SymPy matrices of numbers: recognised by duck typing, so this module needs
nothing but mpmath). Conversion is exact where it can be and
correctly rounded otherwise:

* binary floats (Python and NumPy) and ``mpf`` values are taken exactly, at
  whatever precision they carry;
* integers are exact (rounded only when longer than the working precision);
* rationals (``fractions.Fraction``, anything with integer ``numerator`` and
  ``denominator``, and ``decimal.Decimal`` through ``as_integer_ratio``) are
  rounded once, to nearest, at the working precision of the caller's scope.

Text is refused, never parsed (mpmath itself would parse ``"1/3"``), and so
are booleans, complex numbers, NaN and infinities.
"""

from __future__ import annotations

import math
import numbers
from typing import Any

import mpmath
from mpmath import libmp, mp

from ..errors import (
    DimensionError,
    InputError,
    InputShapeError,
    InputTypeError,
    NonFiniteError,
    PrecisionError,
)

__all__ = [
    "MAX_MP_ENTRIES",
    "as_mp_matrix",
    "check_tolerance",
]

#: Most entries (rows x columns) a matrix may have in this tier: a 1000 x 1000 matrix.
#: Checked before any entry is read (an ``mpmath.matrix`` of any size costs no memory
#: until it is read).
MAX_MP_ENTRIES = 1_000_000


def _check_size(m: int, n: int, name: str) -> None:
    if m * n > MAX_MP_ENTRIES:
        raise DimensionError(
            name, f"<{m}x{n} matrix>",
            f"the mpmath tier accepts at most {MAX_MP_ENTRIES} entries, this matrix has {m * n}",
            "check a smaller instance; high precision is for small matrices",
        )


def _mpf_of(x: Any, name: str) -> mpmath.mpf:
    """Convert one real scalar to an ``mpf`` (see the module docstring for the rules)."""
    if isinstance(x, (str, bytes)):
        raise InputTypeError(
            name, x, "text is never parsed as a number",
            "pass a number: int, float, fractions.Fraction or mpmath.mpf",
        )
    if isinstance(x, bool) or type(x).__name__ == "bool_":
        raise InputTypeError(name, x, "a boolean is not a matrix entry", "pass 0 or 1")
    if isinstance(x, mpmath.mpc) or (
        isinstance(x, numbers.Complex) and not isinstance(x, numbers.Real)
    ):
        raise InputTypeError(
            name, x, "derivcheck works over the real numbers, as the articles do",
            "split a complex problem into real and imaginary parts",
        )
    if isinstance(x, mpmath.mpf):
        value = x
    elif isinstance(x, numbers.Integral):
        value = mp.mpf(int(x))
    elif isinstance(x, float) or type(x).__name__ in ("float64", "float32", "float16"):
        xf = float(x)
        if not math.isfinite(xf):
            raise NonFiniteError(name, x, "entries must be finite", "remove infinities and NaN")
        value = mp.make_mpf(libmp.from_float(xf))  # exact: 53 bits, whatever mp.prec is
    elif isinstance(x, numbers.Rational):
        p, q = int(x.numerator), int(x.denominator)
        value = mp.make_mpf(libmp.from_rational(p, q, mp.prec, libmp.round_nearest))
    elif hasattr(x, "_mpf_"):  # e.g. a SymPy Float: its binary value, exactly
        value = mp.make_mpf(x._mpf_)
    elif hasattr(x, "as_integer_ratio") and isinstance(x, numbers.Number):
        try:
            p, q = x.as_integer_ratio()
        except (ValueError, OverflowError):
            raise NonFiniteError(
                name, x, "entries must be finite", "remove infinities and NaN"
            ) from None
        value = mp.make_mpf(libmp.from_rational(int(p), int(q), mp.prec, libmp.round_nearest))
    elif isinstance(x, numbers.Real):
        xf = float(x)
        if not math.isfinite(xf):
            raise NonFiniteError(name, x, "entries must be finite", "remove infinities and NaN")
        value = mp.make_mpf(libmp.from_float(xf))
    else:
        raise InputTypeError(
            name, x, f"a {type(x).__name__} is not a real number",
            "pass int, float, fractions.Fraction or mpmath.mpf entries",
        )
    if not mp.isfinite(value):
        raise NonFiniteError(name, x, "entries must be finite", "remove infinities and NaN")
    return value


def _entries_of(A: Any, name: str) -> tuple[int, int, list[list[Any]]]:
    """Return ``(rows, cols, entries)`` of a matrix-like, checking that it is 2-d."""
    if isinstance(A, mpmath.matrix):
        _check_size(A.rows, A.cols, name)
        return A.rows, A.cols, [[A[i, j] for j in range(A.cols)] for i in range(A.rows)]
    if isinstance(A, (str, bytes)):
        raise InputTypeError(
            name, A, "text is never parsed as a matrix",
            "pass an mpmath.matrix, a list of lists of numbers or a 2-d array",
        )
    shape = getattr(A, "shape", None)
    if isinstance(shape, tuple) and hasattr(A, "tolist"):  # NumPy arrays, SymPy matrices
        if len(shape) != 2:
            raise InputShapeError(
                name, f"<array of shape {tuple(shape)}>",
                f"a matrix must be 2-d, got ndim={len(shape)}",
                "pass a 2-d array; a vector as a column (n, 1) or a row (1, n)",
            )
        m, n = int(shape[0]), int(shape[1])
        _check_size(m, n, name)
        dtype = getattr(A, "dtype", None)
        kind = getattr(dtype, "kind", "O")
        if kind in "SUV":
            raise InputTypeError(
                name, f"<array of dtype {dtype}>", "text is never parsed as a number",
                "pass an array of numbers",
            )
        if kind == "f" and getattr(dtype, "itemsize", 8) > 8:
            raise InputTypeError(
                name, f"<array of dtype {dtype}>",
                "extended-precision floats cannot be converted exactly without NumPy",
                "pass float64 values, Fractions or mpmath.mpf values",
            )
        if m == 0 or n == 0:
            return m, n, []
        mask = getattr(A, "mask", None)  # a NumPy masked array
        if mask is not None and hasattr(mask, "any") and bool(mask.any()):
            raise InputError(
                name, f"<masked array {tuple(shape)}>", "a masked entry has no value",
                "fill the masked entries (A.filled(...)) or pass the data without a mask",
            )
        return m, n, [list(row) for row in A.tolist()]
    if not isinstance(A, (list, tuple)):
        raise InputTypeError(
            name, A, f"a {type(A).__name__} is not a matrix",
            "pass an mpmath.matrix, a list of lists of numbers or a 2-d array",
        )
    if len(A) == 0:
        raise InputShapeError(
            name, A, "an empty list has no definite shape",
            "pass mpmath.matrix(0, n) or numpy.zeros((0, n)) for an empty matrix",
        )
    rows = []
    for i, row in enumerate(A):
        if not isinstance(row, (list, tuple)):
            raise InputShapeError(
                name, A, f"a matrix must be 2-d, but row {i} is a {type(row).__name__}, not a list",
                "pass a list of lists; a vector as [[a], [b]] (column) or [[a, b]] (row)",
            )
        for entry in row:
            if isinstance(entry, (list, tuple)) or getattr(entry, "ndim", 0):
                raise InputShapeError(
                    name, A, "a matrix must be 2-d, but an entry is itself a sequence",
                    "pass a list of lists of numbers",
                )
        rows.append(list(row))
    width = len(rows[0])
    _check_size(len(rows), width, name)
    for i, row in enumerate(rows):
        if len(row) != width:
            raise InputShapeError(
                name, A,
                f"rows must all have the same length (row {i} has {len(row)} entries, "
                f"row 0 has {width})",
                "pass a rectangular list of lists or a 2-d array",
            )
    return len(rows), width, rows


def as_mp_matrix(A: Any, *, name: str = "A") -> mpmath.matrix:
    """Validate *A* and convert it to a new ``mpmath.matrix`` of real ``mpf`` entries.

    Rationals are rounded at the *current* mpmath precision: call this inside
    an ``mp.workdps`` scope (as every function of :mod:`derivcheck.highprec`
    does), for instance :meth:`Precision.scope() <derivcheck.highprec.precision.Precision.scope>`.

    Parameters
    ----------
    A : mpmath.matrix, list of lists, 2-d NumPy array or SymPy matrix, shape (M, N)
        Entries: int, float, fractions.Fraction, decimal.Decimal, mpmath.mpf,
        NumPy integer or floating scalars, or any object with an exact
        ``_mpf_`` value. Zero-sized shapes ``(0, N)`` and ``(M, 0)`` are kept.
    name : str
        Name used in error messages.

    Returns
    -------
    mpmath.matrix, shape (M, N)
        A fresh matrix; *A* is never modified.

    Raises
    ------
    InputTypeError
        Text, booleans, complex numbers, non-numbers, extended-precision arrays.
    InputShapeError
        Ragged rows, an empty list, or anything that is not 2-d.
    NonFiniteError
        NaN or infinite entries.
    DimensionError
        More than :data:`MAX_MP_ENTRIES` entries.
    InputError
        An array with masked entries.

    Examples
    --------
    >>> from fractions import Fraction
    >>> with mp.workdps(20):
    ...     third = as_mp_matrix([[1, Fraction(1, 3)]])[0, 1]
    ...     third == mp.mpf(1) / 3   # rounded once, to nearest, at 20 digits
    True
    """
    m, n, rows = _entries_of(A, name)
    out = mp.matrix(m, n)
    for i, row in enumerate(rows):
        for j, x in enumerate(row):
            out[i, j] = _mpf_of(x, f"{name}[{i},{j}]")
    return out


def check_tolerance(value: Any, *, name: str) -> mpmath.mpf:
    """Return a non-negative finite tolerance as an exact ``mpf``.

    Parameters
    ----------
    value : int, float, Fraction or mpf
        The tolerance.
    name : str
        Name used in error messages.

    Returns
    -------
    mpmath.mpf
        The value (rationals rounded at the current precision).

    Raises
    ------
    InputTypeError
        Not a real number.
    PrecisionError
        Negative, NaN or infinite.
    """
    try:
        tol = _mpf_of(value, name)
    except NonFiniteError:
        raise PrecisionError(
            name, value, "a tolerance must be a finite number >= 0", "pass e.g. 1e-40 or 0"
        ) from None
    if tol < 0:
        raise PrecisionError(
            name, value, "a tolerance must be a finite number >= 0", "pass e.g. 1e-40 or 0"
        )
    return tol
