"""Evaluate SymPy expressions at real points in high precision, losing nothing.

The bridge from the exact tier to mpmath for expressions with symbols. No
code is generated or evaluated from text: the point's values are turned into
*exact* rationals (a float or an ``mpf`` is the binary rational it denotes),
substituted with ``xreplace``, and SymPy evaluates every rational operation
exactly. Only what remains irrational (``sqrt``, ``exp``, ...) is evaluated
numerically, by ``evalf`` at ``dps`` plus guard digits and checked against a
second evaluation with more digits (see
:func:`derivcheck.compare.convert.exact_scalar_to_mpf`). The result is then
rounded once to ``dps`` digits. mpmath's global precision is never changed.
"""

from __future__ import annotations

import random
from fractions import Fraction
from typing import Any, Iterable, Mapping

import mpmath
import sympy
from mpmath import mp

from ..errors import InputError, InputTypeError, NonFiniteError
from ..exact.convert import as_exact_matrix, as_exact_scalar
from ..highprec.precision import Precision
from .convert import _mpf_to_rational, exact_scalar_to_mpf, exact_to_mp

__all__ = ["evaluate_mp", "exact_point", "random_rational_point"]


def _exact_value(value: Any, name: str) -> sympy.Expr:
    if isinstance(value, mpmath.mpf):
        if not mp.isfinite(value):
            raise NonFiniteError(name, value, "values must be finite", "remove infinities and NaN")
        return _mpf_to_rational(value)
    if isinstance(value, mpmath.matrix):
        raise InputTypeError(
            name, value, "a matrix value needs a MatrixSymbol key", "key it by a sympy.MatrixSymbol"
        )
    return as_exact_scalar(value, name=name, floats="exact")


def exact_point(values: Mapping[Any, Any]) -> dict[sympy.Basic, sympy.Basic]:
    """Turn a point (symbol → value) into exact SymPy values.

    Parameters
    ----------
    values : mapping
        ``sympy.Symbol`` → real number (int, Fraction, Rational, float, mpf:
        taken exactly), or ``sympy.MatrixSymbol`` → matrix of such numbers
        (shape must match).

    Returns
    -------
    dict
        Symbol → Rational, MatrixSymbol → ImmutableMatrix.

    Raises
    ------
    InputTypeError
        A key that is not a symbol, or a value that is not a real number.
    InputError
        A matrix value of the wrong shape.
    NonFiniteError
        NaN or infinite values.

    Examples
    --------
    >>> x = sympy.Symbol("x")
    >>> exact_point({x: 0.5})
    {x: 1/2}
    """
    if not isinstance(values, Mapping):
        raise InputTypeError(
            "values", values, "the point must be a mapping from symbols to values",
            "pass a dict such as {x: 0.5}",
        )
    out: dict[sympy.Basic, sympy.Basic] = {}
    for key, value in values.items():
        name = f"values[{key}]"
        if isinstance(key, sympy.MatrixSymbol):
            if isinstance(value, mpmath.matrix):
                value = [[_exact_value(value[i, j], name) for j in range(value.cols)]
                         for i in range(value.rows)]
            M = as_exact_matrix(value, name=name, floats="exact")
            if tuple(M.shape) != tuple(key.shape):
                raise InputError(
                    name, f"<matrix of shape {M.shape}>", f"{key} has shape {key.shape}",
                    "pass a matrix of the symbol's shape",
                )
            out[key] = M
        elif isinstance(key, sympy.Symbol):
            out[key] = _exact_value(value, name)
        else:
            raise InputTypeError(
                "values", key, "keys must be sympy.Symbol or sympy.MatrixSymbol",
                "key the point by the expression's symbols",
            )
    return out


def evaluate_mp(expr: Any, values: Mapping[Any, Any], dps: int = 50) -> Any:
    """Value of a SymPy expression at a real point, correctly rounded to *dps* digits.

    Parameters
    ----------
    expr : sympy.Expr, sympy.Matrix or sympy.MatrixExpr
        The expression; a matrix expression is made explicit with ``doit``
        after substitution (``Pinv`` of an explicit matrix is evaluated
        exactly).
    values : mapping
        A value for every free symbol (see :func:`exact_point`).
    dps : int
        Decimal digits of the result.

    Returns
    -------
    mpmath.mpf or mpmath.matrix
        A scalar for a scalar expression, else a matrix.

    Raises
    ------
    InputError
        A symbol without a value.
    PrecisionError
        Bad *dps*, or an irrational value that two evaluations could not pin
        down to *dps* digits.
    InputTypeError, NonFiniteError
        Bad values, complex or infinite results.

    Notes
    -----
    Rational arithmetic is exact, so the only roundings are the final one
    and, for irrational parts, SymPy's ``evalf`` at ``dps + 10`` digits or
    more (cross-checked). No text is parsed, no code generated.

    Examples
    --------
    >>> x = sympy.Symbol("x")
    >>> mp.nstr(evaluate_mp(1 / (1 - x), {x: 0.75}, dps=20), 20)
    '4.0'
    """
    prec = Precision.of(dps)
    dps = prec.dps
    if not isinstance(expr, (sympy.Basic, sympy.MatrixBase)):
        raise InputTypeError(
            "expr", expr, "not a SymPy expression",
            "build the expression with SymPy (text is never parsed)",
        )
    point = exact_point(values)
    substituted = expr.xreplace(point)
    if isinstance(substituted, sympy.MatrixExpr) and not isinstance(
        substituted, sympy.MatrixBase
    ):
        substituted = substituted.doit()
        if isinstance(substituted, sympy.MatrixExpr) and not isinstance(
            substituted, sympy.MatrixBase
        ):
            substituted = substituted.as_explicit()
    free = sorted(
        {str(s) for s in substituted.free_symbols}
        | {str(s) for s in getattr(substituted, "atoms", lambda *_: ())(sympy.MatrixSymbol)}
    )
    if free:
        raise InputError(
            "values", sorted(str(k) for k in values),
            f"no value for the symbol(s) {', '.join(free)}",
            "give every free symbol of the expression a value",
        )
    if isinstance(substituted, sympy.MatrixBase):
        return exact_to_mp(sympy.ImmutableMatrix(substituted), dps, name="expr")
    with prec.output_scope():
        return exact_scalar_to_mpf(substituted, name="expr")


def random_rational_point(
    symbols: Iterable[sympy.Symbol],
    *,
    seed: int,
    low: int = -1,
    high: int = 1,
    digits: int = 12,
) -> dict[sympy.Symbol, sympy.Rational]:
    """Random rational values in ``[low, high]`` with *digits* decimals, one per symbol.

    Parameters
    ----------
    symbols : iterable of sympy.Symbol
    seed : int
        Seed of a private ``random.Random``.
    low, high : int
        The interval.
    digits : int
        Decimal digits after the point (>= 1).

    Returns
    -------
    dict
        Symbol → Rational, in the order given.

    Raises
    ------
    InputError
        ``low >= high`` or ``digits < 1``.

    Examples
    --------
    >>> x = sympy.Symbol("x")
    >>> v = random_rational_point([x], seed=1)[x]
    >>> -1 <= v <= 1
    True
    """
    if not (isinstance(low, int) and isinstance(high, int) and low < high):
        raise InputError("low", (low, high), "need integers low < high", "pass low=-1, high=1")
    if not isinstance(digits, int) or isinstance(digits, bool) or digits < 1:
        raise InputError("digits", digits, "need an integer >= 1", "pass digits=12")
    rng = random.Random(seed)
    scale = 10**digits
    out = {}
    for s in symbols:
        k = rng.randint(low * scale, high * scale)
        out[s] = sympy.Rational(Fraction(k, scale).numerator, Fraction(k, scale).denominator)
    return out
