"""Validation of the run parameters every layer shares: seed, precision, budget.

One module, imported by the checkers, the claims, the high-precision tier and
the command line alike, so that each parameter has one rule and one message.
"""

from __future__ import annotations

import math
import numbers

from .errors import InputError, PrecisionError

__all__ = ["DEFAULT_DPS", "MAX_DPS", "DEFAULT_BUDGET", "validate_seed", "validate_dps", "validate_budget"]

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
        When *seed* is not a non-negative integer.

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
