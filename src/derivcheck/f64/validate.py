"""Input validation for the float64 tier (NumPy only).

:func:`as_float64_matrix` is the gate through which matrices enter
:mod:`derivcheck.f64`: it refuses text, booleans, complex numbers, ragged
or non-2-d input and NaN/inf (``pinv`` of a matrix with an infinite entry is
an error here, not a matrix of zeros or NaN), arrays with masked entries and
matrices with more than :data:`MAX_F64_ENTRIES` entries, and returns a plain
float64 ``ndarray`` (never a subclass such as ``numpy.matrix``, whose ``*``
would silently mean a matrix product).
"""

from __future__ import annotations

import numbers
from typing import Any

import numpy as np

from ..errors import (
    DimensionError,
    InputError,
    InputShapeError,
    InputTypeError,
    NonFiniteError,
    PrecisionError,
)

__all__ = ["MAX_F64_ENTRIES", "as_float64_matrix", "check_tolerance64"]

#: Most entries (rows x columns) a matrix may have in this tier (200 MB of float64),
#: checked before any entry is read or copied.
MAX_F64_ENTRIES = 25_000_000


def _check_size(m: int, n: int, name: str) -> None:
    if m * n > MAX_F64_ENTRIES:
        raise DimensionError(
            name, f"<{m}x{n} matrix>",
            f"the float64 tier accepts at most {MAX_F64_ENTRIES} entries, this matrix has {m * n}",
            "check a smaller instance",
        )


def _object_to_float(x: Any, name: str) -> float:
    if isinstance(x, (str, bytes)):
        raise InputTypeError(
            name, x, "text is never parsed as a number", "pass numbers, not strings"
        )
    if isinstance(x, (bool, np.bool_)):
        raise InputTypeError(name, x, "a boolean is not a matrix entry", "pass 0 or 1")
    if isinstance(x, numbers.Complex) and not isinstance(x, numbers.Real):
        raise InputTypeError(
            name, x, "the float64 leg is real only",
            "split a complex problem into real and imaginary parts",
        )
    if isinstance(x, numbers.Real) or hasattr(x, "_mpf_"):
        try:
            return float(x)
        except OverflowError:
            raise NonFiniteError(
                name, x, "the entry overflows float64", "scale the matrix down"
            ) from None
    raise InputTypeError(
        name, x, f"a {type(x).__name__} is not a real number", "pass int or float entries"
    )


def as_float64_matrix(A: Any, *, name: str = "A") -> np.ndarray:
    """Validate *A* and return it as a 2-d float64 array.

    Parameters
    ----------
    A : array_like, shape (M, N)
        A 2-d NumPy array of integer or floating dtype, a list of lists of
        real numbers (int, float, Fraction, mpf, ...), or any object with
        ``rows``, ``cols`` and ``tolist()`` (an mpmath matrix). Floating
        types other than float64 are rounded to float64; integers too when
        above 2**53.
    name : str
        Name used in error messages.

    Returns
    -------
    numpy.ndarray of float64, shape (M, N)
        A new array when conversion was needed; *A* itself is never modified.

    Raises
    ------
    InputTypeError
        Text, booleans, complex numbers, other non-numbers.
    InputShapeError
        Ragged rows, an empty list, anything that is not 2-d.
    NonFiniteError
        NaN or infinite entries (or entries that overflow float64).
    DimensionError
        More than :data:`MAX_F64_ENTRIES` entries.
    InputError
        A masked array with masked entries.

    Examples
    --------
    >>> as_float64_matrix([[1, 2]]).dtype
    dtype('float64')
    """
    if isinstance(A, (str, bytes)):
        raise InputTypeError(
            name, A, "text is never parsed as a matrix",
            "pass a 2-d array or a list of lists of numbers",
        )
    if not isinstance(A, np.ndarray):
        if hasattr(A, "rows") and hasattr(A, "cols") and hasattr(A, "tolist"):
            rows, cols = int(A.rows), int(A.cols)
            _check_size(rows, cols, name)
            data = A.tolist() if rows and cols else []
            arr = np.empty((rows, cols), dtype=object)
            for i, row in enumerate(data):
                for j, x in enumerate(row):
                    arr[i, j] = x
            A = arr
        elif isinstance(A, (list, tuple)):
            if len(A) == 0:
                raise InputShapeError(
                    name, A, "an empty list has no definite shape",
                    "pass numpy.zeros((0, n)) for an empty matrix",
                )
            try:
                A = np.asarray(A, dtype=None)
            except (ValueError, TypeError):
                raise InputShapeError(
                    name, A, "rows must all have the same length and entries must be numbers",
                    "pass a rectangular list of lists of numbers",
                ) from None
        else:
            raise InputTypeError(
                name, A, f"a {type(A).__name__} is not a matrix",
                "pass a 2-d numpy array or a list of lists of numbers",
            )
    if isinstance(A, np.ma.MaskedArray):
        if np.ma.is_masked(A):
            raise InputError(
                name, f"<masked array {A.shape}>", "a masked entry has no value",
                "fill the masked entries (A.filled(...)) or pass the data without a mask",
            )
        A = np.ma.getdata(A)
    if type(A) is not np.ndarray:  # numpy.matrix and other subclasses: a plain view
        A = np.asarray(A)
    if A.ndim != 2:
        raise InputShapeError(
            name, A if A.size <= 36 else f"<array of shape {A.shape}>",
            f"a matrix must be 2-d, got ndim={A.ndim} (shape {A.shape})",
            "pass a 2-d array; a vector as a column (n, 1) or a row (1, n)",
        )
    _check_size(A.shape[0], A.shape[1], name)
    kind = A.dtype.kind
    if kind in "SUV":
        raise InputTypeError(
            name, f"<array of dtype {A.dtype}>", "text is never parsed as a number",
            "pass an array of numbers",
        )
    if kind == "b":
        raise InputTypeError(
            name, f"<boolean array {A.shape}>", "a boolean is not a matrix entry",
            "convert with A.astype(float)",
        )
    if kind == "c":
        raise InputTypeError(
            name, f"<complex array {A.shape}>", "the float64 leg is real only",
            "split a complex problem into real and imaginary parts",
        )
    if kind == "O":
        out = np.empty(A.shape, dtype=np.float64)
        for (i, j), x in np.ndenumerate(A):
            out[i, j] = _object_to_float(x, f"{name}[{i},{j}]")
        A = out
    elif kind in "iuf":
        if A.dtype != np.float64:
            with np.errstate(over="ignore"):
                A = A.astype(np.float64)
    else:
        raise InputTypeError(
            name, f"<array of dtype {A.dtype}>", "matrix entries must be real numbers",
            "pass an integer or float array",
        )
    if A.size and not np.isfinite(A).all():
        i, j = (int(t) for t in np.argwhere(~np.isfinite(A))[0])
        raise NonFiniteError(
            f"{name}[{i},{j}]", float(A[i, j]),
            "entries must be finite (a pseudo-inverse of a matrix with NaN or inf "
            "is not defined)",
            "remove infinities and NaN, or rescale entries that overflow float64",
        )
    return A


def check_tolerance64(value: Any, *, name: str) -> float:
    """Return a finite, non-negative tolerance as a float.

    Parameters
    ----------
    value : int or float
        The tolerance.
    name : str
        Name used in error messages.

    Returns
    -------
    float

    Raises
    ------
    InputTypeError
        Not a real number (text, boolean, complex, array).
    PrecisionError
        Negative, NaN or infinite.

    Examples
    --------
    >>> check_tolerance64(1e-10, name="rtol")
    1e-10
    """
    if isinstance(value, (str, bytes, bool, np.bool_)) or not isinstance(value, numbers.Real):
        raise InputTypeError(
            name, value, "a tolerance must be a real number", "pass a float such as 1e-12"
        )
    try:
        tol = float(value)
    except OverflowError:
        tol = float("inf")
    if not (tol >= 0 and np.isfinite(tol)):
        raise PrecisionError(
            name, value, "a tolerance must be a finite number >= 0", "pass e.g. 1e-12 or 0.0"
        )
    return tol
