"""The ``--shape`` option: ``"A=4x3"`` or ``"A=4x3,B=3x2"`` to ``{"A": (4, 3), ...}``.

Grammar (strict; spaces are allowed only around commas)::

    option := item ("," item)*
    item   := NAME "=" SIZE "x" SIZE
    NAME   := letter (letter | digit | "_")*        e.g. A, A_s, Lambda
    SIZE   := a positive integer without leading zeros
"""

from __future__ import annotations

import re

from ..errors import InputShapeError, InputTypeError

__all__ = ["parse_shape_option", "validate_shapes"]

_ITEM = re.compile(r"([A-Za-z][A-Za-z0-9_]*)=([1-9][0-9]*)x([1-9][0-9]*)")
_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_]*")
_MAX_SIZE = 10_000


def parse_shape_option(option: str) -> dict[str, tuple[int, int]]:
    """Parse a shape option such as ``"A=4x3,B=3x2"``.

    Parameters
    ----------
    option : str
        Comma-separated items ``NAME=ROWSxCOLS`` (see the module docstring).

    Returns
    -------
    dict
        ``{name: (rows, cols)}`` with positive integer sizes.

    Raises
    ------
    InputTypeError
        If *option* is not a string.
    InputShapeError
        If an item does not follow the grammar, a size is out of range, or a
        name is given twice.

    Examples
    --------
    >>> parse_shape_option("A=4x3")
    {'A': (4, 3)}
    >>> parse_shape_option("A=4x3, A_s=4x2")
    {'A': (4, 3), 'A_s': (4, 2)}
    """
    if not isinstance(option, str):
        raise InputTypeError("shape", option, "a shape option is a string",
                             'write e.g. "A=4x3" or "A=4x3,B=3x2"')
    shapes: dict[str, tuple[int, int]] = {}
    for raw in option.split(","):
        item = raw.strip()
        match = _ITEM.fullmatch(item)
        if match is None:
            raise InputShapeError(
                "shape", item, "an item must read NAME=ROWSxCOLS with positive integer sizes",
                'write e.g. "A=4x3" (letters, digits and _ in the name; a lowercase x between the sizes)',
            )
        name, rows, cols = match.group(1), int(match.group(2)), int(match.group(3))
        if name in shapes:
            raise InputShapeError("shape", item, f"{name} is given twice", "give each name once")
        if rows > _MAX_SIZE or cols > _MAX_SIZE:
            raise InputShapeError("shape", item, f"sizes above {_MAX_SIZE} are not supported",
                                  "use smaller matrices")
        shapes[name] = (rows, cols)
    return shapes


def validate_shapes(shapes) -> dict:
    """Check a ``shapes`` mapping for :func:`~derivcheck.latex.parse_latex`.

    Parameters
    ----------
    shapes : Mapping[str, tuple] or None
        ``{name: (rows, cols)}``; each size a positive ``int`` or a dimension
        name (a string of letters, e.g. ``"n"``).

    Returns
    -------
    dict
        A plain copy.

    Raises
    ------
    InputTypeError, InputShapeError
        On anything else.
    """
    if shapes is None:
        return {}
    if not hasattr(shapes, "items"):
        raise InputTypeError("shapes", shapes, "shapes must be a mapping",
                             'pass e.g. {"A": (4, 3)}, or parse a string with parse_shape_option')
    checked = {}
    for name, shape in shapes.items():
        if not isinstance(name, str) or _NAME.fullmatch(name) is None:
            raise InputShapeError("shapes", name, "a matrix name is letters, digits and _",
                                  'use the name as parsed, e.g. "A" or "A_s"')
        if not isinstance(shape, tuple) or len(shape) != 2:
            raise InputShapeError(f"shapes[{name!r}]", shape, "a shape is a (rows, cols) tuple",
                                  "pass e.g. (4, 3)")
        for size in shape:
            is_int = isinstance(size, int) and not isinstance(size, bool)
            if is_int and not 1 <= size <= _MAX_SIZE:
                raise InputShapeError(f"shapes[{name!r}]", shape,
                                      f"sizes must be between 1 and {_MAX_SIZE}", "pass positive sizes")
            if not is_int and not (isinstance(size, str) and size.isalpha()):
                raise InputShapeError(f"shapes[{name!r}]", shape,
                                      "each size is a positive int or a dimension name such as 'n'",
                                      "pass e.g. (4, 3) or ('n', 'r')")
        checked[name] = shape
    return checked
