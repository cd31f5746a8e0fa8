"""The expression walker shared by every arithmetic, and exact arithmetic over ℚ[x₁, …, xₖ].

:func:`walk_expression` evaluates a SymPy matrix expression bottom-up, calling
one *backend* for every operation; the backends of the three tiers live with
the checkers (``derivcheck.checks.evaluate``). :class:`PolynomialBackend` is
the exact backend whose matrices have polynomial entries (``DomainMatrix``
over ``ℚ[x₁, …, xₖ]``): products of symbolic matrices are expanded by ring
arithmetic, never by ``sympy.expand``.
"""

from __future__ import annotations

import contextlib
import functools
from typing import Any, Mapping

import sympy
from sympy.matrices.expressions import (
    Identity,
    Inverse,
    KroneckerProduct,
    MatAdd,
    MatMul,
    MatPow,
    MatrixSymbol,
    Trace,
    Transpose,
    ZeroMatrix,
)
from sympy.polys.matrices import DomainMatrix
from sympy.polys.matrices.exceptions import DMError
from sympy.polys.polyerrors import CoercionFailed

from ..errors import UnsupportedError
from ..text import sstr
from .expr import Pinv

__all__ = ["Undefined", "NotPolynomial", "OUTSIDE_THE_RING", "PolynomialBackend", "dimension_value",
           "walk_expression"]


class Undefined(ArithmeticError):
    """The expression has no value at this instance (e.g. inverse of a singular matrix)."""

    def __init__(self, what: str) -> None:
        super().__init__(what)
        self.what = what


class NotPolynomial(Exception):
    """A value or an operation leaves the polynomial ring (the caller takes another route)."""


#: What an evaluation on :class:`PolynomialBackend` raises when a value is no polynomial over ℚ
#: (SymPy's ring and matrix errors included): the caller takes its general route instead.
OUTSIDE_THE_RING = (NotPolynomial, DMError, CoercionFailed, ZeroDivisionError, TypeError, ValueError,
                    AttributeError)


class PolynomialBackend:
    """Exact arithmetic in a polynomial ring ``ℚ[x₁, …, xₖ]``: matrices as ``DomainMatrix``.

    Parameters
    ----------
    ring : sympy.polys.domains.PolynomialRing
        The ring, for example ``sympy.QQ[x, y]``; every symbol of a value must
        be one of its generators.
    constants : backend, optional
        The exact backend that inverts matrices with constant entries (its
        values and its :class:`Undefined` messages are kept). Without it, an
        inverse or pseudo-inverse raises :class:`NotPolynomial`.

    Notes
    -----
    An entry that is not a polynomial over ℚ in the generators, a square root,
    a non-integer power, a Kronecker product and an inverse of a matrix that
    depends on the generators raise :class:`NotPolynomial`.
    """

    name = "exact-polynomial"

    def __init__(self, ring: Any, constants: Any = None) -> None:
        self.K = ring
        self.constants = constants
        self._generators = dict(zip(ring.symbols, ring.gens))

    def scope(self):
        return self.constants.scope() if self.constants is not None else contextlib.nullcontext()

    def _element(self, x: Any):
        gen = self._generators.get(x)
        if gen is not None:
            return gen
        if isinstance(x, (int, sympy.Rational)):
            return self.K.convert(x)
        if not isinstance(x, sympy.Expr) or x.has(sympy.Float):  # a float is never read as a rational
            raise NotPolynomial(f"{sstr(x)} is not an exact polynomial over QQ")
        try:
            return self.K.from_sympy(x)
        except (CoercionFailed, TypeError, ValueError) as exc:
            raise NotPolynomial(f"{sstr(x)} is not a polynomial over QQ in the generators") from exc

    def matrix(self, value: sympy.MatrixBase):
        rows, cols = value.shape
        flat = [self._element(x) for x in value]
        return DomainMatrix([flat[i * cols:(i + 1) * cols] for i in range(rows)],
                            (rows, cols), self.K).to_sparse()

    def scalar(self, value):
        if isinstance(value, (int, sympy.Rational)) or value in self._generators:
            return self._element(value)
        raise NotPolynomial("a scalar is not rational")

    def eye(self, n: int):
        return DomainMatrix.eye(n, self.K).to_sparse()

    def zeros(self, m: int, n: int):
        return DomainMatrix.zeros((m, n), self.K).to_sparse()

    def matmul(self, a, b):
        return a.matmul(b)

    def add(self, a, b):
        if a.shape != b.shape:
            raise NotPolynomial("shapes differ")
        return a + b

    def scale(self, s, a):
        return a * s

    def transpose(self, a):
        return a.transpose()

    def trace(self, a):
        if a.shape[0] != a.shape[1]:
            raise NotPolynomial("trace of a non-square matrix")
        total = self.K.zero
        for (i, j), x in a.to_dok().items():
            if i == j:
                total += x
        return total

    def kron(self, a, b):
        raise NotPolynomial("KroneckerProduct")

    def _constant(self, a) -> sympy.ImmutableMatrix:
        if self.constants is None:
            raise NotPolynomial("an inverse")
        if any(not x.is_ground for x in a.to_list_flat()):
            raise NotPolynomial("the matrix depends on the generators")
        return sympy.ImmutableMatrix(a.to_Matrix())

    def inverse(self, a, label: str):
        constant = self._constant(a)
        return self.matrix(self.constants.inverse(constant, label))

    def pinv(self, a, label: str):
        constant = self._constant(a)
        return self.matrix(self.constants.pinv(constant, label))

    def sqrt(self, s):
        raise NotPolynomial("sqrt")

    def power(self, s, e):
        raise NotPolynomial("power")


def dimension_value(d: Any, dims: Mapping[sympy.Symbol, int]) -> int:
    """The integer value of the dimension *d* (an int, an Integer or an expression in *dims*)."""
    if isinstance(d, int):
        return d
    if d.is_Integer:
        return int(d)
    known = dims.get(d) if d.is_Symbol else None
    if isinstance(known, int) and not isinstance(known, bool):
        return known
    value = d.subs(dims)
    if not value.is_Integer:
        raise UnsupportedError(
            "dimension", d, "the dimension has no concrete value at this instance",
            "give every dimension symbol a value",
        )
    return int(value)


@functools.lru_cache(maxsize=4096)
def _memo_text(e: sympy.Basic) -> str:
    return sstr(e)


def _text(e: Any) -> str:
    """``sstr(e)``, memoised: every instance of a claim names the same sub-expressions."""
    try:
        return _memo_text(e)
    except TypeError:  # unhashable
        return sstr(e)


def walk_expression(expr: Any, values: Mapping[Any, Any], backend: Any, dims: Mapping | None = None,
                    record: list | None = None) -> Any:
    """Evaluate *expr* in the arithmetic of *backend* (never remembered).

    Parameters
    ----------
    expr : sympy.MatrixExpr or sympy.Expr
        Products, sums, scalars, ``Transpose``, ``Inverse``, ``MatPow``,
        ``Trace``, ``Identity``, ``ZeroMatrix``, ``KroneckerProduct`` and
        :class:`~derivcheck.exact.expr.Pinv` of ``MatrixSymbol`` objects.
    values : mapping
        ``MatrixSymbol -> sympy.Matrix`` and ``Symbol -> number``; each is
        converted by the backend once.
    backend : object
        The arithmetic: ``matrix``, ``scalar``, ``eye``, ``zeros``, ``matmul``,
        ``add``, ``scale``, ``transpose``, ``trace``, ``kron``, ``inverse``,
        ``pinv``, ``sqrt``, ``power`` and a ``scope()`` context.
    dims : mapping of Symbol to int, optional
        Values of symbolic dimensions.
    record : list, optional
        Receives ``(kind, text, value)`` for the argument of every inverse and
        pseudo-inverse.

    Returns
    -------
    object
        A matrix or scalar of the backend's type.

    Raises
    ------
    Undefined
        The backend found no value (an inverse of a singular matrix, a division by zero).
    UnsupportedError
        A node the walker does not know, or a symbol without a value.
    """
    dims = dict(dims or {})
    converted: dict[Any, Any] = {}

    def value_of(sym):
        if sym not in converted:
            if sym not in values:
                raise UnsupportedError(
                    "symbol", sym, "no value was given for this symbol",
                    "give every matrix and scalar symbol a value",
                )
            v = values[sym]
            converted[sym] = backend.matrix(v) if isinstance(v, sympy.MatrixBase) else backend.scalar(v)
        return converted[sym]

    def walk(e):
        if isinstance(e, MatrixSymbol):
            return value_of(e)
        if isinstance(e, sympy.MatrixBase):
            return backend.matrix(e)
        if isinstance(e, Identity):
            return backend.eye(dimension_value(e.shape[0], dims))
        if isinstance(e, ZeroMatrix):
            return backend.zeros(dimension_value(e.shape[0], dims), dimension_value(e.shape[1], dims))
        if isinstance(e, Transpose):
            return backend.transpose(walk(e.arg))
        if isinstance(e, Inverse):
            inner = walk(e.arg)
            if record is not None:
                record.append(("inverse", _text(e.arg), inner))
            return backend.inverse(inner, f"({_text(e.arg)})")
        if isinstance(e, Pinv):
            inner = walk(e.arg)
            if record is not None:
                record.append(("pinv", _text(e.arg), inner))
            return backend.pinv(inner, f"({_text(e.arg)})")
        if isinstance(e, MatPow):
            base, exp = e.args
            if not (exp.is_Integer):
                raise UnsupportedError(
                    "MatPow exponent", exp, "only integer powers of matrices are supported",
                    "write the power as an integer",
                )
            k = int(exp)
            if k < 0:
                return walk(MatPow(Inverse(base), -k)) if k != -1 else walk(Inverse(base))
            b = walk(base)
            if k == 0:
                return backend.eye(dimension_value(base.shape[0], dims))
            out = b
            for _ in range(k - 1):
                out = backend.matmul(out, b)
            return out
        if isinstance(e, MatMul):
            scalars = [a for a in e.args if not getattr(a, "is_Matrix", False)]
            mats = [a for a in e.args if getattr(a, "is_Matrix", False)]
            out = walk(mats[0])
            for m in mats[1:]:
                out = backend.matmul(out, walk(m))
            for s in scalars:
                out = backend.scale(walk(s), out)
            return out
        if isinstance(e, MatAdd):
            terms = [walk(a) for a in e.args]
            out = terms[0]
            for t in terms[1:]:
                out = backend.add(out, t)
            return out
        if isinstance(e, Trace):
            return backend.trace(walk(e.arg))
        if isinstance(e, KroneckerProduct):
            out = walk(e.args[0])
            for factor in e.args[1:]:
                out = backend.kron(out, walk(factor))
            return out
        if getattr(e, "is_Matrix", False):
            raise UnsupportedError(
                "expression", e, f"the matrix node {type(e).__name__} is not supported",
                "use products, sums, scalars, Transpose, Inverse, MatPow, Trace, KroneckerProduct and Pinv",
            )
        # scalars
        if isinstance(e, sympy.Symbol):
            return value_of(e)
        if isinstance(e, sympy.Rational):
            return backend.scalar(e)
        if isinstance(e, sympy.Add):
            parts = [walk(a) for a in e.args]
            out = parts[0]
            for p in parts[1:]:
                out = out + p
            return out
        if isinstance(e, sympy.Mul):
            parts = [walk(a) for a in e.args]
            out = parts[0]
            for p in parts[1:]:
                out = out * p
            return out
        if isinstance(e, sympy.Pow):
            base, exp = e.args
            b = walk(base)
            if exp == sympy.Rational(1, 2):
                return backend.sqrt(b)
            if exp.is_Integer:
                if int(exp) < 0 and b == 0:
                    raise Undefined(f"division by zero in {sstr(e)}")
                return b ** int(exp)
            return backend.power(b, exp)
        if isinstance(e, sympy.Abs):
            return abs(walk(e.args[0]))
        raise UnsupportedError(
            "expression", e, f"the scalar node {type(e).__name__} is not supported",
            "use +, *, powers, sqrt, Abs and Trace",
        )

    with backend.scope():
        return walk(expr)
