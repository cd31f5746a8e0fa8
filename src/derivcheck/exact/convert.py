"""Input validation and exact conversion for the exact (SymPy) tier.

The exact tier never sees a float. :func:`as_exact_matrix` is the single gate
through which user data enters it: integers, :class:`fractions.Fraction`,
SymPy rationals and (when allowed) SymPy symbols and expressions pass; floats
are refused by default with a message that shows how to pass exact numbers,
or, with ``floats="exact"``, converted to the exact binary rational they
denote (``0.1`` becomes ``3602879701896397/36028797018963968``, not ``1/10``).

No text is ever parsed: a string entry is an error, never evaluated. Matrices
with more than :data:`MAX_EXACT_ENTRIES` entries are refused before any entry
is converted (exact arithmetic on them would not finish in useful time).
"""

from __future__ import annotations

import numbers
from fractions import Fraction
from typing import Any, Literal

import sympy
from sympy.polys.matrices import DomainMatrix

from ..errors import (
    DimensionError,
    InexactInputError,
    InputError,
    InputShapeError,
    InputTypeError,
    NonFiniteError,
)

__all__ = [
    "MAX_EXACT_ENTRIES",
    "FLOAT_POLICIES",
    "as_exact_matrix",
    "as_exact_scalar",
    "check_exact_size",
    "check_float_policy",
    "is_rational_matrix",
    "rational_rank",
    "qq_rank",
]

FloatPolicy = Literal["refuse", "exact"]

#: The accepted values of ``floats``.
FLOAT_POLICIES = ("refuse", "exact")

#: Most entries (rows x columns) a matrix may have in the exact tier: a 1000 x 1000
#: matrix. Exact checks need small instances; larger ones would not finish.
MAX_EXACT_ENTRIES = 1_000_000


def check_float_policy(floats: Any) -> str:
    """Return *floats* if it is one of :data:`FLOAT_POLICIES`.

    Raises
    ------
    InputError
        Any other value (a policy is never guessed from a truthy value).

    Examples
    --------
    >>> check_float_policy("exact")
    'exact'
    """
    if not isinstance(floats, str) or floats not in FLOAT_POLICIES:
        raise InputError(
            "floats", floats, "the float policy must be 'refuse' or 'exact'",
            "pass floats='refuse' (the default) or floats='exact' (binary floats converted exactly)",
        )
    return floats


def check_exact_size(m: int, n: int, *, name: str = "A") -> None:
    """Refuse an ``m x n`` matrix with more than :data:`MAX_EXACT_ENTRIES` entries.

    Raises
    ------
    DimensionError
        When ``m * n > MAX_EXACT_ENTRIES``.

    Examples
    --------
    >>> check_exact_size(3, 2)
    """
    if int(m) * int(n) > MAX_EXACT_ENTRIES:
        raise DimensionError(
            name, f"<{m}x{n} matrix>",
            f"the exact tier accepts at most {MAX_EXACT_ENTRIES} entries, this matrix has "
            f"{int(m) * int(n)}",
            "check a small instance (exact checks need only small matrices), "
            "or use the float64 tier for large ones",
        )

_FLOAT_FIX = (
    "pass exact numbers: integers, fractions.Fraction('0.1'), sympy.Rational(1, 10); "
    "or convert the binary floats exactly with floats='exact'"
)


def as_exact_scalar(
    x: Any,
    *,
    name: str = "x",
    allow_symbols: bool = False,
    floats: FloatPolicy = "refuse",
) -> sympy.Expr:
    """Convert one scalar to an exact SymPy number (or expression).

    Parameters
    ----------
    x : int, Fraction, sympy.Rational, sympy.Expr, float or numpy scalar
        The value to convert. Strings are refused, never parsed.
    name : str
        Name used in error messages.
    allow_symbols : bool
        Accept SymPy expressions with free symbols.
    floats : {"refuse", "exact"}
        What to do with a binary float: refuse it, or convert it exactly.

    Returns
    -------
    sympy.Expr
        A SymPy ``Rational`` (or an expression, if *allow_symbols*).

    Raises
    ------
    InputTypeError
        Strings, booleans, complex numbers and other non-numbers.
    InexactInputError
        A float (or a SymPy ``Float``) with ``floats="refuse"``.
    NonFiniteError
        NaN or infinity.
    InputError
        A *floats* policy other than ``"refuse"`` or ``"exact"``.

    Notes
    -----
    ``floats="exact"`` converts through ``as_integer_ratio`` when the number
    has it (Python and NumPy floats, ``numpy.longdouble`` included), so no
    bit of the binary value is lost.
    """
    floats = check_float_policy(floats)
    if isinstance(x, (str, bytes)):
        raise InputTypeError(
            name, x, "text is never parsed as a number or formula",
            "pass a number (int, Fraction, sympy.Rational) or a SymPy expression",
        )
    if isinstance(x, bool) or (type(x).__name__ == "bool_"):
        raise InputTypeError(name, x, "a boolean is not a matrix entry", "pass 0 or 1")
    if isinstance(x, sympy.Basic):
        if isinstance(x, sympy.MatrixBase) or getattr(x, "is_Matrix", False):
            raise InputTypeError(name, x, "expected a scalar, got a matrix", "pass a scalar")
        if not isinstance(x, sympy.Expr):  # Tuple, Boolean, sets...: checked before .has()
            raise InputTypeError(name, x, "not a scalar expression", "pass a number or a SymPy Expr")
        if x.has(sympy.zoo, sympy.oo, -sympy.oo, sympy.nan):
            raise NonFiniteError(name, x, "entries must be finite", "remove infinities and NaN")
        if x.has(sympy.I):
            raise InputTypeError(
                name, x, "derivcheck works over the real numbers, as the articles do",
                "split a complex problem into real and imaginary parts",
            )
        if x.atoms(sympy.Float):
            if floats == "refuse":
                raise InexactInputError(name, x, "the exact tier does not accept floats", _FLOAT_FIX)
            x = x.xreplace({f: sympy.Rational(f) for f in x.atoms(sympy.Float)})
        if x.free_symbols and not allow_symbols:
            raise InputTypeError(
                name, x, "symbolic entries are not accepted here",
                "pass numbers, or use the functions for symbolic entries "
                "(derivcheck.exact.symbolic)",
            )
        return x
    if isinstance(x, numbers.Integral):
        return sympy.Integer(int(x))
    if isinstance(x, Fraction):
        return sympy.Rational(x.numerator, x.denominator)
    if isinstance(x, numbers.Rational):
        return sympy.Rational(int(x.numerator), int(x.denominator))
    if isinstance(x, numbers.Complex) and not isinstance(x, numbers.Real):
        raise InputTypeError(
            name, x, "derivcheck works over the real numbers, as the articles do",
            "split a complex problem into real and imaginary parts",
        )
    if isinstance(x, numbers.Real):
        ratio = getattr(x, "as_integer_ratio", None)
        try:
            n, d = ratio() if callable(ratio) else float(x).as_integer_ratio()
        except (ValueError, OverflowError):  # NaN, infinities (and float() overflow)
            raise NonFiniteError(name, x, "entries must be finite", "remove infinities and NaN") from None
        if floats == "refuse":
            raise InexactInputError(name, x, "the exact tier does not accept floats", _FLOAT_FIX)
        return sympy.Rational(int(n), int(d))
    raise InputTypeError(
        name, x, f"a {type(x).__name__} is not a number",
        "pass int, Fraction, sympy.Rational or a SymPy expression",
    )


def _rows_of(A: Any, name: str) -> list[list[Any]] | tuple[int, int]:
    """Return the rows of a nested sequence or array, or an (m, n) shape if empty."""
    try:
        import numpy as np
    except ImportError:  # pragma: no cover - numpy is a runtime dependency
        np = None
    if np is not None and isinstance(A, np.ndarray):
        if A.ndim != 2:
            raise InputShapeError(
                name, A if A.size <= 36 else f"<array of shape {A.shape}>",
                f"a matrix must be 2-d, got ndim={A.ndim} (shape {A.shape})",
                "pass a 2-d array; a vector as a column (n, 1) or a row (1, n)",
            )
        if A.dtype.kind == "c":
            raise InputTypeError(
                name, f"<complex array {A.shape}>",
                "derivcheck works over the real numbers, as the articles do",
                "split a complex problem into real and imaginary parts",
            )
        if A.dtype.kind not in "biuf?O":
            raise InputTypeError(
                name, f"<array of dtype {A.dtype}>", "matrix entries must be numbers",
                "pass an integer, float or object array of numbers",
            )
        if isinstance(A, np.ma.MaskedArray) and np.ma.is_masked(A):
            raise InputError(
                name, f"<masked array {A.shape}>", "a masked entry has no value",
                "fill the masked entries (A.filled(...)) or pass the data without a mask",
            )
        if type(A) is not np.ndarray:  # numpy.matrix and other subclasses: a plain view
            A = np.asarray(A)
        check_exact_size(A.shape[0], A.shape[1], name=name)
        if A.shape[0] == 0 or A.shape[1] == 0:
            return (int(A.shape[0]), int(A.shape[1]))
        return [list(row) for row in A.tolist()] if A.dtype.kind != "O" else [list(r) for r in A]
    if isinstance(A, (str, bytes)):
        raise InputTypeError(
            name, A, "text is never parsed as a matrix",
            "pass a list of lists of numbers, a numpy array or a sympy.Matrix",
        )
    if not isinstance(A, (list, tuple)):
        raise InputTypeError(
            name, A, f"a {type(A).__name__} is not a matrix",
            "pass a list of lists of numbers, a numpy array or a sympy.Matrix",
        )
    if len(A) == 0:
        raise InputShapeError(
            name, A, "an empty list has no definite shape",
            "pass sympy.zeros(0, n) or numpy.zeros((0, n)) for an empty matrix",
        )
    rows = []
    for i, row in enumerate(A):
        if not isinstance(row, (list, tuple)) and not (np is not None and isinstance(row, np.ndarray)):
            raise InputShapeError(
                name, A, f"a matrix must be 2-d, but row {i} is a {type(row).__name__}, not a list",
                "pass a list of lists; a vector as [[a], [b]] (column) or [[a, b]] (row)",
            )
        row = list(row)
        for entry in row:
            if isinstance(entry, (list, tuple)) or (np is not None and isinstance(entry, np.ndarray)):
                raise InputShapeError(
                    name, A, "a matrix must be 2-d, but an entry is itself a sequence (3-d input)",
                    "pass a list of lists of numbers",
                )
        rows.append(row)
    widths = {len(r) for r in rows}
    if len(widths) == 1:
        check_exact_size(len(rows), len(rows[0]), name=name)
    if len(widths) != 1:
        first = len(rows[0])
        bad = next(i for i, r in enumerate(rows) if len(r) != first)
        raise InputShapeError(
            name, A,
            f"rows must all have the same length (row {bad} has {len(rows[bad])} entries, "
            f"row 0 has {first})",
            "pass a rectangular list of lists or a 2-d array",
        )
    if widths == {0}:
        return (len(rows), 0)
    return rows


def as_exact_matrix(
    A: Any,
    *,
    name: str = "A",
    allow_symbols: bool = False,
    floats: FloatPolicy = "refuse",
) -> sympy.ImmutableMatrix:
    """Validate *A* and return it as an exact immutable SymPy matrix.

    Parameters
    ----------
    A : sympy.Matrix, list of lists, or 2-d numpy.ndarray
        The matrix. Entries must be exact numbers (or SymPy expressions when
        *allow_symbols*); see :func:`as_exact_scalar`.
    name : str
        Name used in error messages.
    allow_symbols : bool
        Accept entries with free symbols.
    floats : {"refuse", "exact"}
        Refuse binary floats (default) or convert each exactly.

    Returns
    -------
    sympy.ImmutableMatrix
        Exact entries; shapes with a zero dimension are kept (``0 x n``).

    Raises
    ------
    InputTypeError, InputShapeError, NonFiniteError, InexactInputError
        See :func:`as_exact_scalar`; ragged rows and non-2-d input raise
        :class:`~derivcheck.errors.InputShapeError`.
    DimensionError
        More than :data:`MAX_EXACT_ENTRIES` entries.
    InputError
        A *floats* policy other than ``"refuse"`` or ``"exact"``; an array
        with masked entries.

    Examples
    --------
    >>> from fractions import Fraction
    >>> as_exact_matrix([[1, Fraction(1, 2)], [0, 3]])
    Matrix([
    [1, 1/2],
    [0,   3]])
    """
    floats = check_float_policy(floats)
    if isinstance(A, sympy.MatrixBase):
        m, n = A.shape
        check_exact_size(m, n, name=name)
        if rational_entries(A) is not None:  # exact already: every entry would come back unchanged
            if isinstance(A, sympy.ImmutableDenseMatrix):
                return A
            if m and n and isinstance(getattr(A, "_rep", None), DomainMatrix):
                return sympy.ImmutableMatrix._fromrep(A._rep.copy())
        entries = [[A[i, j] for j in range(n)] for i in range(m)]
        if m == 0 or n == 0:
            return sympy.ImmutableMatrix.zeros(m, n)
    elif isinstance(A, sympy.MatrixExpr):
        raise InputTypeError(
            name, A, "a symbolic matrix expression has no explicit entries",
            "pass an explicit matrix, or call .as_explicit() first",
        )
    else:
        rows = _rows_of(A, name)
        if isinstance(rows, tuple):
            return sympy.ImmutableMatrix.zeros(*rows)
        entries = rows
    out = [
        [
            as_exact_scalar(x, name=f"{name}[{i},{j}]", allow_symbols=allow_symbols, floats=floats)
            for j, x in enumerate(row)
        ]
        for i, row in enumerate(entries)
    ]
    return sympy.ImmutableMatrix(out)


def is_rational_matrix(A: sympy.MatrixBase) -> bool:
    """Return True when every entry of *A* is a SymPy ``Rational``."""
    return all(isinstance(x, sympy.Rational) for x in A)


#: Ranks already computed by :func:`rational_rank`, keyed by shape and entries.
_RANKS: dict[tuple[int, int, tuple[sympy.Rational, ...]], int] = {}

#: How many ranks :func:`rational_rank` keeps (the cache is emptied when full).
_RANKS_KEPT = 16384


def rational_entries(A: sympy.MatrixBase) -> tuple[sympy.Rational, ...] | None:
    """The entries of *A* row by row when all are SymPy ``Rational``, else ``None``.

    An immutable matrix keeps its entries as SymPy objects already (read without
    converting its domain representation).
    """
    if isinstance(A, sympy.ImmutableDenseMatrix):
        entries = A.args[2].args
    else:
        entries = tuple(A.flat()) if hasattr(A, "flat") else tuple(A)
    return entries if all(isinstance(x, sympy.Rational) for x in entries) else None


def rational_rank(A: sympy.MatrixBase) -> int | None:
    """The exact rank over QQ of a matrix whose entries are all SymPy ``Rational``; ``None`` otherwise.

    The rank is a function of the shape and the entries alone (rationals compare
    exactly), so it is remembered: claims that meet the same matrix again (the
    instances of a shared seed, a label and a check of one instance) eliminate once.

    Examples
    --------
    >>> rational_rank(sympy.Matrix([[1, 2], [2, 4]]))
    1
    >>> rational_rank(sympy.Matrix([[sympy.Symbol("x")]])) is None
    True
    """
    m, n = A.shape
    if m == 0 or n == 0:
        return 0
    entries = rational_entries(A)
    if entries is None:
        return None
    key = (m, n, entries)
    r = _RANKS.get(key)
    if r is None:
        r = qq_rank(DomainMatrix.from_Matrix(A).convert_to(sympy.QQ))
        if len(_RANKS) >= _RANKS_KEPT:
            _RANKS.clear()
        _RANKS[key] = r
    return r


try:
    from sympy.external.gmpy import GROUND_TYPES as _GROUND_TYPES
except ImportError:  # pragma: no cover - older SymPy
    _GROUND_TYPES = "python"

#: SymPy's ground types are python-flint's: dense rational matrices have a C elimination.
_FLINT = _GROUND_TYPES == "flint"


def qq_rank(D: Any) -> int:
    """The exact rank of a :class:`~sympy.polys.matrices.DomainMatrix` over ``QQ`` or ``ZZ``.

    Eliminated by python-flint when SymPy runs on it (the same exact rank, without
    SymPy's Python-level sparse elimination), else by :meth:`DomainMatrix.rank`.
    """
    if 0 in D.shape:
        return 0
    if _FLINT and D.domain in (sympy.QQ, sympy.ZZ):
        return int(D.to_dfm().rep.rank())
    return D.rank()

