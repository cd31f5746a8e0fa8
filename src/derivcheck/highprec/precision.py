"""The working precision of the high-precision tier: requested digits plus guard digits.

A :class:`Precision` is validated once, when it is made, and then passed
along: every function of :mod:`derivcheck.highprec` and
:mod:`derivcheck.compare` that takes ``dps`` also takes a ``Precision``.
Its :meth:`~Precision.scope` is mpmath's ``workdps``: the precision is set
for the ``with`` block and restored on exit, also when the block raises.
Nothing here sets mpmath's global precision.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ContextManager

from mpmath import mp

from ..validation import DEFAULT_DPS, MAX_DPS, validate_dps, validate_size

__all__ = ["GUARD_DIGITS", "Precision"]

#: Extra decimal digits carried by every computation above the requested ``dps``.
GUARD_DIGITS = 10


@dataclass(frozen=True)
class Precision:
    """Requested decimal digits and the guard digits carried above them.

    Parameters
    ----------
    dps : int
        The digits a result must be correct to, ``1 <= dps <= MAX_DPS``.
    guard : int
        Extra working digits, ``0 <= guard <= MAX_DPS``; default
        :data:`GUARD_DIGITS`.

    Raises
    ------
    PrecisionError
        *dps* is not an integer in ``1..MAX_DPS`` (booleans and floats such
        as ``50.0`` included).
    InputTypeError, DimensionError
        *guard* is not an integer in ``0..MAX_DPS``.

    Examples
    --------
    >>> p = Precision(30)
    >>> p.working_dps
    40
    >>> before = mp.dps
    >>> with p.scope():
    ...     mp.dps
    40
    >>> mp.dps == before
    True
    """

    dps: int = DEFAULT_DPS
    guard: int = GUARD_DIGITS

    def __post_init__(self) -> None:
        object.__setattr__(self, "dps", validate_dps(self.dps))
        object.__setattr__(self, "guard", validate_size(self.guard, "guard", minimum=0, maximum=MAX_DPS))

    @classmethod
    def of(cls, dps: Any, *, name: str = "dps") -> "Precision":
        """Return *dps* if it is a :class:`Precision`, else ``Precision(dps)``.

        Parameters
        ----------
        dps : int or Precision
            The requested digits.
        name : str
            The parameter's name in the error message.

        Raises
        ------
        PrecisionError
            *dps* is not a valid number of digits.

        Examples
        --------
        >>> Precision.of(20) == Precision(20)
        True
        """
        if isinstance(dps, Precision):
            return dps
        return cls(validate_dps(dps, name))

    @property
    def working_dps(self) -> int:
        """``dps + guard``: the digits the computation is carried at."""
        return self.dps + self.guard

    def scope(self, extra: int = 0) -> ContextManager[Any]:
        """``mp.workdps(dps + guard + extra)``: the working precision for a ``with`` block.

        Parameters
        ----------
        extra : int
            Further digits for a computation known to lose them (``extra >= 0``),
            e.g. ``dps`` more when ``AᵀA`` squares the condition number.
        """
        extra = validate_size(extra, "extra", minimum=0, maximum=2 * MAX_DPS)
        return mp.workdps(self.working_dps + extra)

    def output_scope(self) -> ContextManager[Any]:
        """``mp.workdps(dps)``: the precision results are rounded to."""
        return mp.workdps(self.dps)
