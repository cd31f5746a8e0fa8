"""Evaluate a SymPy matrix expression at an instance, in one of three arithmetics.

The same expression tree (products, sums, scalars, ``Transpose``, ``Inverse``,
``MatPow``, ``Trace``, ``Identity``, ``ZeroMatrix``, :class:`~derivcheck.Pinv`)
is walked once per backend by :func:`derivcheck.exact.walk.walk_expression`:

* :class:`ExactBackend`: SymPy rationals (or symbolic entries), the
  pseudo-inverse by :func:`derivcheck.exact.pinv.pinv_exact`;
* :class:`MpBackend`: mpmath at a given precision, the pseudo-inverse by
  :func:`derivcheck.highprec.pinv_mp`;
* :class:`Float64Backend`: NumPy float64, the pseudo-inverse by
  :func:`derivcheck.f64.pinv_svd64`.

An exact evaluation of rational values runs on :class:`RationalBackend`
(``DomainMatrix`` over ℚ, or over ℚ(ε) for the limit checks), which gives the
same values as :class:`ExactBackend` and hands over to it when a value or an
operation leaves the rationals.

An inverse of a singular matrix raises :class:`Undefined`: the expression
has no value at that instance, which the checkers report as such.
"""

from __future__ import annotations

import contextlib
import math
from typing import Any, Callable, Mapping

import sympy

from ..errors import UnsupportedError
from ..exact.walk import Undefined, walk_expression as _evaluate

__all__ = [
    "Undefined",
    "ExactBackend",
    "RationalBackend",
    "NotRational",
    "MpBackend",
    "Float64Backend",
    "evaluate",
]


class _Operators:
    """The products and sums of a backend whose values overload ``*`` and ``+`` (matrix times scalar too)."""

    def matmul(self, a, b):
        return a * b

    def add(self, a, b):
        return a + b

    def scale(self, s, a):
        return a * s


class ExactBackend(_Operators):
    """Exact SymPy arithmetic; entries may be rationals or symbolic expressions."""

    name = "exact"

    def __init__(self, *, simplify: Callable[[Any], Any] | None = None) -> None:
        self._simplify = simplify

    def scope(self):
        return contextlib.nullcontext()

    def matrix(self, value: sympy.MatrixBase):
        return sympy.ImmutableMatrix(value)

    def scalar(self, value):
        return value

    def eye(self, n: int):
        return sympy.ImmutableMatrix.eye(n)

    def zeros(self, m: int, n: int):
        return sympy.ImmutableMatrix.zeros(m, n)

    def transpose(self, a):
        return a.T

    def trace(self, a):
        return a.trace()

    def kron(self, a, b):
        return sympy.ImmutableMatrix(sympy.kronecker_product(sympy.Matrix(a), sympy.Matrix(b)))

    def inverse(self, a, label: str):
        if a.shape[0] != a.shape[1]:
            raise Undefined(f"{label} is not square ({a.shape[0]}x{a.shape[1]})")
        if a.shape[0] == 0:
            return a
        if a.free_symbols:
            det = sympy.cancel(a.det(method="berkowitz"))
            if det == 0:
                raise Undefined(f"{label} is singular for all entries")
            return sympy.ImmutableMatrix(a.inv(method="LU").applyfunc(sympy.cancel))
        from sympy.polys.matrices import DomainMatrix

        from ..exact.convert import qq_rank

        dm = DomainMatrix.from_Matrix(a).convert_to(sympy.QQ)
        rank = qq_rank(dm)
        if rank < a.shape[0]:
            raise Undefined(f"{label} is singular (rank {rank} < {a.shape[0]})")
        return sympy.ImmutableMatrix(dm.inv().to_Matrix())

    def pinv(self, a, label: str):
        if a.free_symbols:
            raise UnsupportedError(
                "Pinv", label, "the pseudo-inverse of a matrix with symbolic entries is piecewise",
                "check at rational instances, or use derivcheck.exact.symbolic.pinv_symbolic",
            )
        from ..exact.pinv import pinv_exact

        return sympy.ImmutableMatrix(pinv_exact(a))

    def sqrt(self, s):
        return sympy.sqrt(s)

    def power(self, s, e):
        return s**e


class NotRational(Exception):
    """A value or an operation leaves the rationals: :class:`RationalBackend` hands over to :class:`ExactBackend`."""


class RationalBackend(_Operators):
    """Exact arithmetic on rational matrices as :class:`~sympy.polys.matrices.DomainMatrix` over a field.

    Over ``QQ`` (the default) the values are the ones :class:`ExactBackend`
    computes (the same rationals), kept as dense domain matrices (python-flint's
    when SymPy runs on it) and turned into SymPy matrices once, at the end, by
    :func:`evaluate`. With ``symbol`` the field is ``QQ(symbol)``: the symbol's
    value is the symbol itself, and the values are matrices of rational
    functions of it (the limit checks). A symbolic or floating-point value, a
    square root or a Kronecker product raises :class:`NotRational`, and the
    evaluation is done again by :class:`ExactBackend`.

    Parameters
    ----------
    symbol : sympy.Symbol, optional
        The one symbol the values may depend on.
    """

    name = "exact"

    def __init__(self, symbol: sympy.Symbol | None = None) -> None:
        from sympy.polys.matrices import DomainMatrix

        self._dm = DomainMatrix
        self.symbol = symbol
        self.field = sympy.QQ if symbol is None else sympy.QQ.frac_field(symbol)

    def scope(self):
        return contextlib.nullcontext()

    def matrix(self, value: sympy.MatrixBase):
        m, n = value.shape
        if m == 0 or n == 0:
            return self.zeros(m, n)
        dm = value.to_DM()
        if dm.domain not in (sympy.ZZ, sympy.QQ):
            from ..exact.convert import rational_entries

            if rational_entries(value) is None:
                raise NotRational(type(value).__name__)
            dm = self._dm.from_Matrix(value)
        return dm.convert_to(self.field).to_dense()

    def scalar(self, value):
        if isinstance(value, (int, sympy.Rational)) and not isinstance(value, bool):
            value = sympy.Rational(value)
            return self.field.convert(sympy.QQ(int(value.p), int(value.q)))
        if self.symbol is not None and value == self.symbol:
            return self.field.from_sympy(value)
        raise NotRational(type(value).__name__)

    def eye(self, n: int):
        return self._dm.eye(n, self.field).to_dense()

    def zeros(self, m: int, n: int):
        return self._dm.zeros((m, n), self.field).to_dense()

    def transpose(self, a):
        return a.transpose()

    def trace(self, a):
        return sum(a.diagonal(), self.field.zero)

    def kron(self, a, b):
        raise NotRational("KroneckerProduct")

    def _depends_on_symbol(self, a) -> bool:
        return self.symbol is not None and any(
            x.numer.degree() > 0 or x.denom.degree() > 0 for x in a.to_list_flat())

    def _rational(self, a):
        """A matrix of constants of the field as one over ``QQ``."""
        if self.symbol is None:
            return a
        to_sympy, to_qq = self.field.to_sympy, sympy.QQ.from_sympy
        return self._dm([[to_qq(to_sympy(x)) for x in row] for row in a.to_list()], a.shape, sympy.QQ).to_dense()

    def inverse(self, a, label: str):
        m, n = a.shape
        if m != n:
            raise Undefined(f"{label} is not square" + ("" if self.symbol is not None else f" ({m}x{n})"))
        if m == 0:
            return a
        from sympy.polys.matrices.exceptions import DMNonInvertibleMatrixError

        try:
            return a.inv()  # one elimination; the rank is computed only to name a singular matrix
        except DMNonInvertibleMatrixError:
            pass
        if self._depends_on_symbol(a):
            raise Undefined(f"{label} is singular for every value of {self.symbol}")
        from ..exact.convert import qq_rank

        rank = qq_rank(self._rational(a))
        raise Undefined(f"{label} is singular (rank {rank} < {m})")

    def pinv(self, a, label: str):
        if self._depends_on_symbol(a):
            raise Undefined(f"the pseudo-inverse {label} depends on {self.symbol}: not supported in limits")
        from ..exact.pinv import pinv_qq

        return pinv_qq(self._rational(a)).convert_to(self.field)

    def sqrt(self, s):
        raise NotRational("sqrt")

    def power(self, s, e):
        raise NotRational("a non-integer power")

    def to_sympy(self, value):
        """A value of this backend as :class:`ExactBackend` gives it (an immutable matrix, a Rational).

        SymPy values are returned as they are."""
        if isinstance(value, self._dm):
            m, n = value.shape
            if m == 0 or n == 0:
                return sympy.ImmutableMatrix.zeros(m, n)
            if value.domain != sympy.QQ:
                return sympy.ImmutableMatrix(value.to_Matrix())
            from ..exact.generators import immutable_from_qq

            return immutable_from_qq(value)
        if isinstance(value, (sympy.Basic, sympy.MatrixBase)):
            return value
        return self.field.to_sympy(value)


class MpBackend(_Operators):
    """mpmath arithmetic at ``dps`` significant digits (always under ``workdps``)."""

    name = "mpmath"

    def __init__(self, dps: int = 50) -> None:
        import mpmath

        self.mp = mpmath.mp
        self.dps = dps

    def scope(self):
        """Work with 10 guard digits above ``dps``, restoring the precision after."""
        return self.mp.workdps(self.dps + 10)

    def matrix(self, value: sympy.MatrixBase):
        m, n = value.shape
        out = self.mp.matrix(m, n)
        for i in range(m):
            for j in range(n):
                out[i, j] = self.scalar(value[i, j])
        return out

    def scalar(self, value):
        value = sympy.Rational(value) if isinstance(value, (int, sympy.Integer)) else value
        if isinstance(value, sympy.Rational):
            return self.mp.mpf(int(value.p)) / int(value.q)
        return self.mp.mpf(sympy.Float(value, self.dps + 10))

    def eye(self, n: int):
        return self.mp.eye(n)

    def zeros(self, m: int, n: int):
        return self.mp.zeros(m, n)

    def transpose(self, a):
        return a.T

    def trace(self, a):
        return self.mp.fsum(a[i, i] for i in range(a.rows))

    def kron(self, a, b):
        out = self.mp.matrix(a.rows * b.rows, a.cols * b.cols)
        for i in range(a.rows):
            for j in range(a.cols):
                for k in range(b.rows):
                    for l in range(b.cols):
                        out[i * b.rows + k, j * b.cols + l] = a[i, j] * b[k, l]
        return out

    def inverse(self, a, label: str):
        if a.rows != a.cols:
            raise Undefined(f"{label} is not square ({a.rows}x{a.cols})")
        if a.rows == 0:
            return a
        try:
            return self.mp.inverse(a)
        except ZeroDivisionError as exc:
            raise Undefined(f"{label} is singular in mpmath") from exc

    def pinv(self, a, label: str):
        from ..highprec import pinv_mp

        return pinv_mp(a, dps=self.dps)

    def sqrt(self, s):
        return self.mp.sqrt(s)

    def power(self, s, e):
        return s ** self.scalar(e)


class Float64Backend:
    """NumPy float64 arithmetic."""

    name = "float64"

    def __init__(self) -> None:
        import numpy

        self.np = numpy

    def scope(self):
        return contextlib.nullcontext()

    def matrix(self, value: sympy.MatrixBase):
        m, n = value.shape
        return self.np.array([[float(value[i, j]) for j in range(n)] for i in range(m)], dtype=float).reshape(m, n)

    def scalar(self, value):
        return float(value)

    def eye(self, n: int):
        return self.np.eye(n)

    def zeros(self, m: int, n: int):
        return self.np.zeros((m, n))

    def matmul(self, a, b):
        return a @ b

    def add(self, a, b):
        return a + b

    def scale(self, s, a):
        return a * s

    def transpose(self, a):
        return a.T

    def trace(self, a):
        return float(self.np.trace(a))

    def kron(self, a, b):
        return self.np.kron(a, b)

    def inverse(self, a, label: str):
        if a.shape[0] != a.shape[1]:
            raise Undefined(f"{label} is not square {a.shape}")
        if a.shape[0] == 0:
            return a
        try:
            return self.np.linalg.inv(a)
        except self.np.linalg.LinAlgError as exc:
            raise Undefined(f"{label} is singular in float64") from exc

    def pinv(self, a, label: str):
        from ..f64 import pinv_svd64

        return pinv_svd64(a)

    def sqrt(self, s):
        return math.sqrt(s)

    def power(self, s, e):
        return s ** float(e)


def evaluate(
    expr: Any,
    values: Mapping[Any, Any],
    backend: Any,
    *,
    dims: Mapping[sympy.Symbol, int] | None = None,
    record: list | None = None,
) -> Any:
    """Evaluate *expr* with matrix and scalar symbols replaced by *values*.

    Parameters
    ----------
    expr : sympy.MatrixExpr or sympy.Expr
        The expression (a matrix or a scalar such as a trace).
    values : mapping
        ``MatrixSymbol -> exact sympy.Matrix`` and ``Symbol -> exact number``.
        Values are converted once per backend by the caller or here.
    backend : ExactBackend, MpBackend or Float64Backend
        The arithmetic.
    dims : mapping of Symbol to int, optional
        Values of symbolic dimensions (for ``Identity(n)`` and ``ZeroMatrix``).
    record : list, optional
        If given, every argument of an ``Inverse`` or ``Pinv`` node is appended
        as ``(label, value)`` so the caller can measure its conditioning.

    Returns
    -------
    object
        The value computed by :func:`~derivcheck.exact.walk.walk_expression`; an
        exact evaluation is remembered by value.

    Raises
    ------
    Undefined, UnsupportedError
        As :func:`~derivcheck.exact.walk.walk_expression` (an inverse of a
        singular or non-square matrix; a node or symbol it cannot evaluate).
    """
    if type(backend) is not ExactBackend:
        return _evaluate(expr, values, backend, dims, record)
    key = _memo_key(expr, values, backend, dims)
    hit = None if key is None else _EVALUATED.get(key)
    if hit is None:
        hit = _evaluate_exact(expr, values, dims)
        if key is not None:
            if len(_EVALUATED) >= _EVALUATED_KEPT:
                _EVALUATED.clear()
            _EVALUATED[key] = hit
    if record is not None:  # the inverted matrices as SymPy matrices, converted when they are asked for
        record.extend((kind, label, _RATIONAL.to_sympy(inner)) for kind, label, inner in hit[1])
    return hit[0]


def _evaluate_exact(expr: Any, values: Mapping[Any, Any], dims: Mapping | None) -> tuple[Any, tuple]:
    """An exact evaluation and the arguments of its inverses (domain matrices when rational).

    :class:`RationalBackend` computes the same exact values as :class:`ExactBackend`
    (an inverse of a singular matrix raises the same :class:`Undefined`); when a
    value or an operation is not rational, the evaluation is done by :class:`ExactBackend`.
    """
    recorded: list = []
    rational = _RATIONAL
    try:
        value = _evaluate(expr, values, rational, dims, recorded)
    except NotRational:
        recorded = []
        return _evaluate(expr, values, ExactBackend(), dims, recorded), tuple(recorded)
    return rational.to_sympy(value), tuple(recorded)


#: The backend over ℚ (it holds no state).
_RATIONAL = RationalBackend()

#: Exact evaluations already done: ``key -> (value, recorded inverses and pseudo-inverses)``.
_EVALUATED: dict[Any, tuple[Any, tuple]] = {}

#: How many exact evaluations are kept (the memo is emptied when full).
_EVALUATED_KEPT = 8192


def _memo_key(expr: Any, values: Mapping[Any, Any], backend: Any, dims: Mapping | None) -> Any:
    """The key of an exact evaluation, or ``None`` when a value is not hashable.

    Exact arithmetic on immutable values is a pure function of the expression, the
    values (with their types: ``Float`` and ``Rational`` never share a key) and the
    dimensions, so instances met again (the same seed in other claims, a second side
    of an identity) are evaluated once.
    """
    try:
        key = (expr, backend._simplify, frozenset((k, type(v), v) for k, v in values.items()),
               frozenset(dims.items()) if dims else frozenset())
        hash(key)
    except TypeError:
        return None
    return key
