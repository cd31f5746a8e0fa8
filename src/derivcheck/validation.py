"""Validation of the parameters every layer shares: seed, precision, sizes, budget.

One module, imported by the checkers, the claims, the high-precision tier and
the command line alike, so that each parameter has one rule and one message.
"""

from __future__ import annotations

import math
import numbers

from .errors import DimensionError, InputError, InputTypeError, PrecisionError

__all__ = [
    "DEFAULT_DPS", "MAX_DPS", "DEFAULT_BUDGET",
    "validate_seed", "validate_dps", "validate_size", "validate_budget",
]

#: Default working precision (decimal digits) of the high-precision leg.
DEFAULT_DPS = 50
#: Largest working precision a run accepts.
MAX_DPS = 10_000

#: Default time budget of one check, in seconds (the command line and the Python API alike).
DEFAULT_BUDGET = 60.0


def validate_seed(seed: object, name: str = "seed") -> int:
    """Return *seed* if it is an integer ``>= 0`` (``bool`` refused).

    Raises
    ------
    InputError
        When *seed* is not an integer or is negative.

    Examples
    --------
    >>> validate_seed(7)
    7
    """
    if isinstance(seed, bool) or not isinstance(seed, numbers.Integral) or seed < 0:
        raise InputError(name, seed, "must be an integer >= 0", "pass a seed like 0 or 12345")
    return int(seed)


def validate_dps(dps: object, name: str = "dps") -> int:
    """Return *dps* if it is an integer with ``1 <= dps <= MAX_DPS``.

    Raises
    ------
    PrecisionError
        When *dps* is not a positive integer up to :data:`MAX_DPS`.

    Examples
    --------
    >>> validate_dps(50)
    50
    """
    if isinstance(dps, bool) or not isinstance(dps, numbers.Integral) or not 1 <= dps <= MAX_DPS:
        raise PrecisionError(
            name, dps, f"must be a positive integer between 1 and {MAX_DPS} (decimal digits)",
            f"pass a precision like {DEFAULT_DPS}",
        )
    return int(dps)


def validate_size(value: object, name: str, *, minimum: int, maximum: int, why: str = "") -> int:
    """Return *value* if it is an integer with ``minimum <= value <= maximum``.

    Used for every size, dimension and count (rows, ``max_dim``, attempts).

    Parameters
    ----------
    value : object
        The size to check.
    name : str
        Its name in the error message.
    minimum, maximum : int
        The accepted range, both ends included.
    why : str
        The reason for the range, appended to the rule (e.g. ``"exact
        generators accept sizes up to 100"``).

    Raises
    ------
    InputTypeError
        When *value* is not an integer (``bool`` refused).
    DimensionError
        When *value* is outside the range.

    Examples
    --------
    >>> validate_size(3, "n", minimum=0, maximum=100)
    3
    """
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise InputTypeError(
            name, value, f"{name} must be an integer, not a {type(value).__name__}",
            f"pass an int such as {name}={max(minimum, min(3, maximum))}",
        )
    if not minimum <= value <= maximum:
        rule = f"{name} must be between {minimum} and {maximum}" + (f": {why}" if why else "")
        raise DimensionError(name, value, rule, f"pass {name} between {minimum} and {maximum}")
    return int(value)


def validate_budget(budget: object, name: str = "budget") -> float:
    """Return *budget* as a float if it is a finite number of seconds ``> 0``.

    Raises
    ------
    InputError
        When *budget* is not a finite positive real number.

    Examples
    --------
    >>> validate_budget(2)
    2.0
    """
    if (
        isinstance(budget, bool)
        or not isinstance(budget, numbers.Real)
        or not math.isfinite(budget)
        or budget <= 0
    ):
        raise InputError(
            name, budget, "must be a finite number of seconds > 0", "pass a budget like 60 or 0.5"
        )
    return float(budget)
