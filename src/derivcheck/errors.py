"""The one exception hierarchy of derivcheck.

Every error derivcheck raises on purpose is a :class:`DerivCheckError`. Each
message says three things, in this order: the offending ``name=value``, the
rule it breaks, and how to fix it::

    InputShapeError: A=[[1, 2], [3]]: rows must all have the same length
    (row 1 has 1 entry, row 0 has 2). Fix: pass a rectangular list of lists
    or a 2-d array.

The classes also derive from the matching built-in exception (``ValueError``,
``TypeError``, ...) so that generic ``except ValueError`` code keeps working.
"""

from __future__ import annotations

import reprlib

__all__ = [
    "DerivCheckError",
    "InputError",
    "InputTypeError",
    "InputShapeError",
    "NonFiniteError",
    "InexactInputError",
    "PrecisionError",
    "AssumptionError",
    "DimensionError",
    "UnsupportedError",
    "LatexParseError",
    "BudgetExceededError",
    "ClaimError",
    "DerivationLoadError",
    "ArticleError",
]

_repr = reprlib.Repr()
_repr.maxstring = 60
_repr.maxother = 60
_repr.maxlist = 6
_repr.maxlevel = 3


def short_repr(value: object) -> str:
    """Return a bounded ``repr`` of *value* for use in error messages."""
    text = " ".join(_repr.repr(value).split())
    return text if len(text) <= 120 else text[:117] + "..."


class DerivCheckError(Exception):
    """Base class of every error derivcheck raises on purpose.

    Parameters
    ----------
    name : str
        The name of the offending argument, field or item (``"A"``, ``"dps"``,
        ``"claim 'su-grad-B'"``).
    value : object
        The offending value; shown through a bounded ``repr``.
    rule : str
        The rule that the value breaks, as a short sentence fragment.
    fix : str
        What the user should do instead.

    Attributes
    ----------
    name, value, rule, fix
        The four parts, kept for programmatic use.
    """

    def __init__(self, name: str, value: object, rule: str, fix: str) -> None:
        self.name = name
        self.value = value
        self.rule = rule
        self.fix = fix
        super().__init__(f"{name}={short_repr(value)}: {rule}. Fix: {fix}")

    def __reduce__(self):  # keep pickling (multiprocessing) working
        return (type(self), (self.name, self.value, self.rule, self.fix))


class InputError(DerivCheckError, ValueError):
    """A value is of an acceptable type but not acceptable."""


class InputTypeError(DerivCheckError, TypeError):
    """A value is of a type derivcheck does not accept there."""


class InputShapeError(InputError):
    """Wrong number of dimensions, ragged rows, or shapes that do not match."""


class NonFiniteError(InputError):
    """NaN or infinite entries where finite numbers are required."""


class InexactInputError(InputError):
    """Floating-point numbers given to the exact (SymPy) tier."""


class PrecisionError(InputError):
    """A precision (``dps``) or tolerance (``rtol``, ``atol``) that is not allowed."""


class AssumptionError(InputError):
    """An unknown, contradictory or impossible assumption."""


class DimensionError(InputError):
    """Symbolic dimensions with no valid instantiation, or dimensions too large."""


class UnsupportedError(DerivCheckError, NotImplementedError):
    """A construct that derivcheck does not handle (said so, never guessed)."""


class LatexParseError(InputError):
    """A LaTeX formula that the front end cannot parse.

    Parameters
    ----------
    text : str
        The whole formula.
    position : int
        0-based character offset of the offending token.
    token : str
        The offending token (empty at end of input).
    rule, fix : str
        As for :class:`DerivCheckError`.
    """

    def __init__(self, text: str, position: int, token: str, rule: str, fix: str) -> None:
        self.text = text
        self.position = position
        self.token = token
        DerivCheckError.__init__(
            self, f"formula[{position}]", token, f"{rule} (in {short_repr(text)})", fix
        )

    def __reduce__(self):
        return (type(self), (self.text, self.position, self.token, self.rule, self.fix))


class BudgetExceededError(DerivCheckError, TimeoutError):
    """A computation ran past its time budget."""


class ClaimError(InputError):
    """A malformed claim definition (duplicate id, bad expected verdict, ...)."""


class DerivationLoadError(DerivCheckError, RuntimeError):
    """A derivation script is missing, unreadable, or raised while loading."""


class ArticleError(InputError):
    """An article file that is missing, unreadable, or not UTF-8 text."""
