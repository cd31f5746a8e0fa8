"""Check a matrix printed to d decimals against the high-precision truth.

An article shows a matrix as NumPy prints it (``print(X)`` or ``repr(X)``),
or as rows of decimal strings. Each printed entry is judged by rounding the
*truth* — exact, or high precision — to the same number of decimals, entry by
entry, in row-major order; the first entry that differs is named.

Rules
-----
* **Fixed-point tokens** (``0.333``, ``-2.``): the truth is rounded to ``d``
  decimals. The token may show fewer (NumPy drops trailing zeros: ``0.5``
  stands for ``0.500``) but not more.
* **Scientific tokens** (``1.235e-05``): the truth is rounded to ``d``
  decimals of its own mantissa (``d + 1`` significant digits).
* **Ties** are broken half-to-even by default (``rounding="half-even"``), as
  Python's ``format`` and NumPy's printing do for a value exactly halfway;
  ``rounding="half-away"`` rounds them away from zero. Entries whose truth
  is exactly a tie are listed in ``ties``.
* **Negative zero.** ``-0.`` and ``0.`` both denote zero after rounding; they
  are equal as values, so neither is a mismatch. A sign that disagrees with
  the truth (``-0.`` printed for a positive truth, or ``0.`` for a negative
  one that rounds to zero) is listed in ``zero_sign_notes``.
* **Approximate truth.** For an mpmath truth with ``truth_digits`` correct
  digits, an entry whose rounding would change within that uncertainty is
  *undecidable*: listed, and a mismatch only if the printed value equals
  neither candidate.
* ``nan``/``inf`` tokens never match a (finite) truth.

Parsing is a small strict tokenizer: brackets, commas, whitespace and
numbers, optionally wrapped in ``array(...)``; nothing is ever evaluated.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from typing import Any, Literal, Sequence

import mpmath
import sympy

from ..results import Evidence
from ..errors import InputError, InputShapeError, InputTypeError, UnsupportedError
from ..exact.convert import as_exact_matrix

__all__ = [
    "PrintedCheck",
    "PrintedMismatch",
    "check_printed_digits",
    "parse_printed_matrix",
    "round_to_decimals",
]

Rounding = Literal["half-even", "half-away"]

_NUMBER = r"[-+]?(?:\d+\.\d*|\.\d+|\d+)(?:[eE][-+]?\d+)?|[-+]?(?:nan|inf)"
_TOKEN = re.compile(rf"\s*(?:(?P<num>{_NUMBER})|(?P<punct>[\[\],]))", re.ASCII)
_NUMBER_FULL = re.compile(rf"\s*(?:{_NUMBER})\s*", re.ASCII)


# ---------------------------------------------------------------------------- parsing


def _parse_error(text: str, pos: int, rule: str) -> InputError:
    snippet = text[pos:pos + 12]
    return InputError(
        f"printed[{pos}]", snippet, rule,
        "pass the matrix as NumPy prints it (e.g. '[[ 0.5 -1. ]\\n [ 2.  0. ]]') "
        "or as a list of rows of decimal strings",
    )


def parse_printed_matrix(text: str) -> tuple[tuple[str, ...], ...]:
    """Split NumPy's printed form of a 2-d array into rows of number tokens.

    Parameters
    ----------
    text : str
        ``str(X)`` or ``repr(X)`` of a 2-d float array (``array(...)`` wrapper
        and commas allowed, ``dtype=`` not).

    Returns
    -------
    tuple of tuple of str
        The tokens, row by row, exactly as printed.

    Raises
    ------
    InputTypeError
        *text* is not a string.
    InputError
        An unexpected character or bracket structure (the position is named).
    InputShapeError
        Rows of different lengths, or not a 2-d array.
    UnsupportedError
        NumPy's summarised output (``...``): the elided entries cannot be
        checked.

    Examples
    --------
    >>> parse_printed_matrix("[[ 0.5  -1.  ]\\n [ 2.    0.25]]")
    (('0.5', '-1.'), ('2.', '0.25'))
    """
    if not isinstance(text, str):
        raise InputTypeError(
            "printed", text, "the printed matrix must be text", "pass the printed string"
        )
    if "..." in text:
        raise UnsupportedError(
            "printed", text, "the output is summarised ('...'): elided entries cannot be checked",
            "print with numpy.set_printoptions(threshold=sys.maxsize)",
        )
    body = text.strip()
    offset = len(text) - len(text.lstrip())
    if body.startswith("array(") and body.endswith(")"):
        body = body[len("array("):-1]
        offset += len("array(")
    rows: list[tuple[str, ...]] = []
    depth = 0
    current: list[str] | None = None
    pos = 0
    closed_outer = False
    while pos < len(body):
        if body[pos:].strip() == "":
            break
        match = _TOKEN.match(body, pos)
        if match is None or closed_outer:
            bad = pos + len(body[pos:]) - len(body[pos:].lstrip())
            raise _parse_error(text, offset + bad, "unexpected character in a printed matrix")
        if match.group("num") is not None:
            if depth != 2 or current is None:
                raise _parse_error(
                    text, offset + match.start("num"),
                    "a number outside a row: a matrix prints as [[...] [...]]",
                )
            current.append(match.group("num"))
        else:
            p = match.group("punct")
            where = offset + match.start("punct")
            if p == "[":
                depth += 1
                if depth > 2:
                    raise InputShapeError(
                        "printed", text, "more than 2 levels of brackets: not a matrix",
                        "print a 2-d array",
                    )
                if depth == 2:
                    current = []
            elif p == "]":
                if depth == 0:
                    raise _parse_error(text, where, "unbalanced ']'")
                if depth == 2:
                    rows.append(tuple(current or ()))
                    current = None
                depth -= 1
                if depth == 0:
                    closed_outer = True
            # commas separate numbers or rows; they carry no structure
        pos = match.end()
    if depth != 0 or not closed_outer:
        raise _parse_error(text, offset + len(body), "unbalanced '[': the matrix is not closed")
    if not rows:
        raise InputShapeError(
            "printed", text, "a matrix prints as [[...] [...]] (2-d); got a vector",
            "print a 2-d array",
        )
    widths = {len(r) for r in rows}
    if len(widths) != 1:
        raise InputShapeError(
            "printed", text, f"rows have different lengths {sorted(widths)}",
            "pass a complete rectangular matrix",
        )
    return tuple(rows)


def _rows_of_strings(rows: Sequence[Sequence[str]]) -> tuple[tuple[str, ...], ...]:
    if not rows:
        raise InputShapeError("printed", rows, "an empty list has no shape", "pass rows of strings")
    out = []
    for i, row in enumerate(rows):
        if isinstance(row, (str, bytes)) or not isinstance(row, Sequence):
            raise InputTypeError(
                "printed", rows, f"row {i} is not a list of strings",
                "pass a list of rows of decimal strings",
            )
        tokens = []
        for j, tok in enumerate(row):
            if not isinstance(tok, str) or not _NUMBER_FULL.fullmatch(tok):
                raise InputError(
                    f"printed[{i}][{j}]", tok, "not a decimal number string",
                    "pass strings such as '-0.333' or '1.5e-05'",
                )
            tokens.append(tok.strip())
        out.append(tuple(tokens))
    if len({len(r) for r in out}) != 1:
        raise InputShapeError(
            "printed", rows, "rows have different lengths", "pass a rectangular matrix"
        )
    return tuple(out)


# ---------------------------------------------------------------------------- rounding


def _round_int(x: Fraction, rounding: str) -> tuple[int, bool]:
    """Round a Fraction to an integer; also report an exact tie."""
    floor = x.numerator // x.denominator
    frac = x - floor
    half = Fraction(1, 2)
    if frac < half:
        return floor, False
    if frac > half:
        return floor + 1, False
    if rounding == "half-even":
        return (floor if floor % 2 == 0 else floor + 1), True
    return (floor + 1 if x > 0 else floor), True


def _is_sci(token: str) -> bool:
    return "e" in token or "E" in token


def _token_decimals(token: str) -> int:
    mantissa = re.split("[eE]", token)[0]
    return len(mantissa.split(".")[1]) if "." in mantissa else 0


def round_to_decimals(
    x: Fraction, decimals: int, *, scientific: bool = False, rounding: Rounding = "half-even"
) -> tuple[Fraction, bool]:
    """Round an exact value to *decimals* decimals (of the mantissa if *scientific*).

    Parameters
    ----------
    x : fractions.Fraction
        The exact value.
    decimals : int
        Decimals kept (>= 0).
    scientific : bool
        Round ``x = m · 10^e`` (``1 <= |m| < 10``) to *decimals* decimals of m.
    rounding : {"half-even", "half-away"}
        Tie breaking.

    Returns
    -------
    value : fractions.Fraction
        The rounded value, exactly.
    tie : bool
        Whether *x* was exactly halfway.

    Examples
    --------
    >>> round_to_decimals(Fraction(1, 8), 2)
    (Fraction(3, 25), True)
    >>> round_to_decimals(Fraction(1, 8), 2, rounding="half-away")
    (Fraction(13, 100), True)
    """
    if not scientific or x == 0:
        k, tie = _round_int(x * 10**decimals, rounding)
        return Fraction(k, 10**decimals), tie
    e = _floor_log10(abs(x))
    for exp in (e, e + 1):
        scale = Fraction(10) ** (exp - decimals)
        k, tie = _round_int(x / scale, rounding)
        if abs(k) < 10 ** (decimals + 1):
            return k * scale, tie
    raise AssertionError("unreachable: rounding cannot carry twice")  # pragma: no cover


def _floor_log10(x: Fraction) -> int:
    """``floor(log10(x))`` for a positive Fraction, exactly."""
    e = len(str(x.numerator)) - len(str(x.denominator))
    while Fraction(10) ** e > x:
        e -= 1
    while Fraction(10) ** (e + 1) <= x:
        e += 1
    return e


def _format(value: Fraction, decimals: int, scientific: bool) -> str:
    """Format an already-rounded value like NumPy would (without trimming)."""
    if scientific:
        if value == 0:
            return f"{0:.{decimals}f}e+00"
        e = _floor_log10(abs(value))
        m = value / Fraction(10) ** e
        sign = "-" if m < 0 else ""
        k = abs(m) * 10**decimals
        digits = str(k.numerator // k.denominator).rjust(decimals + 1, "0")
        mant = digits[0] + ("." + digits[1:] if decimals else ".")
        return f"{sign}{mant}e{e:+03d}"
    k = value * 10**decimals
    n = k.numerator // k.denominator
    sign = "-" if n < 0 else ""
    s = str(abs(n)).rjust(decimals + 1, "0")
    return f"{sign}{s[:-decimals] if decimals else s}.{s[-decimals:] if decimals else ''}"


# ---------------------------------------------------------------------------- the check


@dataclass(frozen=True)
class PrintedMismatch:
    """A printed entry that differs from the rounded truth.

    Attributes
    ----------
    row, col : int
        0-based position.
    printed : str
        The token as printed.
    expected : str
        The truth rounded the same way.
    truth : str
        The truth to 20 significant digits.
    tie : bool
        The truth is exactly halfway (the rounding rule decided).
    """

    row: int
    col: int
    printed: str
    expected: str
    truth: str
    tie: bool = False

    def __str__(self) -> str:
        return (
            f"entry ({self.row}, {self.col}): printed {self.printed}, "
            f"expected {self.expected} (truth {self.truth})"
        )


@dataclass(frozen=True)
class PrintedCheck:
    """The outcome of :func:`check_printed_digits`.

    Attributes
    ----------
    matches : bool
        Every entry equals the rounded truth.
    decimals : int
        d used.
    rounding : str
        Tie rule used.
    shape : (int, int)
    first_mismatch : PrintedMismatch or None
        The first differing entry in row-major order.
    mismatches : tuple of PrintedMismatch
        All differing entries.
    ties : tuple of (int, int)
        Entries whose truth is exactly halfway.
    undecidable : tuple of (int, int)
        Entries whose rounding the approximate truth cannot decide.
    zero_sign_notes : tuple of (int, int, str)
        Zeros printed with a sign the truth does not have.
    """

    matches: bool
    decimals: int
    rounding: str
    shape: tuple[int, int]
    first_mismatch: PrintedMismatch | None
    mismatches: tuple[PrintedMismatch, ...]
    ties: tuple[tuple[int, int], ...]
    undecidable: tuple[tuple[int, int], ...]
    zero_sign_notes: tuple[tuple[int, int, str], ...]

    def evidence(self) -> Evidence:
        """This check as :class:`~derivcheck.results.Evidence` (leg ``"mpmath"``)."""
        if self.matches:
            summary = f"all {self.shape[0]}x{self.shape[1]} printed entries match the truth " \
                      f"rounded to {self.decimals} decimals ({self.rounding})"
        else:
            summary = (
                f"{len(self.mismatches)} printed entr{'y' if len(self.mismatches) == 1 else 'ies'}"
                f" differ; first {self.first_mismatch}"
            )
        first = self.first_mismatch
        return Evidence(
            "mpmath",
            summary,
            (
                ("matches", self.matches),
                ("decimals", self.decimals),
                ("rounding", self.rounding),
                ("mismatches", len(self.mismatches)),
                ("first_row", first.row if first else None),
                ("first_col", first.col if first else None),
                ("first_printed", first.printed if first else None),
                ("first_expected", first.expected if first else None),
                ("undecidable", len(self.undecidable)),
            ),
        )


def _truth_fractions(truth: Any) -> tuple[list[list[Fraction]], bool]:
    """Exact Fractions of the truth's entries; flag whether the truth is approximate."""
    if isinstance(truth, mpmath.matrix):
        rows = []
        for i in range(truth.rows):
            row = []
            for j in range(truth.cols):
                x = truth[i, j]
                if not isinstance(x, mpmath.mpf) or not mpmath.isfinite(x):
                    raise InputTypeError(
                        f"truth[{i},{j}]", x, "the truth must be finite and real",
                        "pass a real mpmath matrix",
                    )
                sign, man, exp, _ = x._mpf_
                v = Fraction(-man if sign else man) * (Fraction(2) ** exp)
                row.append(v)
            rows.append(row)
        return rows, True
    M = as_exact_matrix(truth, name="truth")
    rows = []
    for i in range(M.rows):
        row = []
        for j in range(M.cols):
            x = M[i, j]
            if not isinstance(x, sympy.Rational):
                raise UnsupportedError(
                    f"truth[{i},{j}]", x, "an irrational exact truth cannot be rounded exactly here",
                    "pass the truth as an mpmath matrix at high precision",
                )
            row.append(Fraction(int(x.p), int(x.q)))
        rows.append(row)
    return rows, False


def _truth_str(x: Fraction) -> str:
    """The truth to 20 significant digits (mpmath's own exponent range: no overflow)."""
    with mpmath.workdps(25):
        return mpmath.nstr(mpmath.mpf(x.numerator) / x.denominator, 20)


def _printed_value(token: str) -> Fraction | None:
    """The exact value of a numeric token; None for nan/inf."""
    low = token.lower().lstrip("+-")
    if low in ("nan", "inf"):
        return None
    try:
        return Fraction(Decimal(token))
    except (InvalidOperation, ValueError):  # pragma: no cover - the regex admits only numbers
        raise InputError("printed", token, "not a number", "pass decimal numbers") from None


def check_printed_digits(
    printed: str | Sequence[Sequence[str]],
    truth: Any,
    decimals: int | None = None,
    *,
    rounding: Rounding = "half-even",
    truth_digits: int = 30,
) -> PrintedCheck:
    """Decide whether a printed matrix shows the truth correctly rounded.

    Parameters
    ----------
    printed : str or list of rows of str
        NumPy's printed form of the matrix, or rows of decimal strings.
    truth : sympy.Matrix (exact rationals) or mpmath.matrix, shape (M, N)
        The true matrix.
    decimals : int, optional
        d, the decimals the article printed; default: the most decimals of
        any printed token.
    rounding : {"half-even", "half-away"}
        Tie rule (module docstring).
    truth_digits : int
        Correct significant digits of an mpmath truth (ignored for exact).

    Returns
    -------
    PrintedCheck

    Raises
    ------
    InputError
        Malformed text; a token with more than d decimals; bad *decimals*,
        *rounding* or *truth_digits*.
    InputShapeError
        The printed shape differs from the truth's.
    InputTypeError, UnsupportedError
        Bad *printed* or *truth*.

    Examples
    --------
    >>> T = sympy.Matrix([[sympy.Rational(1, 3), -sympy.Rational(2, 3)]])
    >>> check_printed_digits("[[ 0.333 -0.667]]", T).matches
    True
    >>> str(check_printed_digits("[[ 0.333 -0.666]]", T).first_mismatch).split(" (truth")[0]
    'entry (0, 1): printed -0.666, expected -0.667'
    """
    tokens = parse_printed_matrix(printed) if isinstance(printed, str) else _rows_of_strings(printed)
    if rounding not in ("half-even", "half-away"):
        raise InputError(
            "rounding", rounding, "the tie rule must be 'half-even' or 'half-away'",
            "pass rounding='half-even' (NumPy's and Python's)",
        )
    if isinstance(truth_digits, bool) or not isinstance(truth_digits, int) or truth_digits < 1:
        raise InputError("truth_digits", truth_digits, "must be an integer >= 1", "pass 30")
    values, approximate = _truth_fractions(truth)
    shape = (len(values), len(values[0]) if values else 0)
    pshape = (len(tokens), len(tokens[0]))
    if pshape != shape:
        raise InputShapeError(
            "printed", f"<{pshape[0]}x{pshape[1]} printed matrix>",
            f"the printed matrix must have the truth's shape {shape}",
            "check that the right matrix is compared",
        )
    if decimals is None:
        decimals = max(_token_decimals(t) for row in tokens for t in row)
    elif isinstance(decimals, bool) or not isinstance(decimals, int) or decimals < 0:
        raise InputError("decimals", decimals, "must be an integer >= 0", "pass e.g. decimals=4")
    rel = Fraction(1, 10**truth_digits)

    mismatches: list[PrintedMismatch] = []
    ties: list[tuple[int, int]] = []
    undecidable: list[tuple[int, int]] = []
    zero_notes: list[tuple[int, int, str]] = []
    for i, row in enumerate(tokens):
        for j, tok in enumerate(row):
            x = values[i][j]
            sci = _is_sci(tok)
            if _token_decimals(tok) > decimals:
                raise InputError(
                    f"printed[{i}][{j}]", tok, f"the entry shows more than d={decimals} decimals",
                    "pass the decimals the article actually printed, or decimals=None",
                )
            expected, tie = round_to_decimals(x, decimals, scientific=sci, rounding=rounding)
            candidates = {expected}
            if approximate and x != 0:
                lo, _ = round_to_decimals(x - abs(x) * rel, decimals, scientific=sci, rounding=rounding)
                hi, _ = round_to_decimals(x + abs(x) * rel, decimals, scientific=sci, rounding=rounding)
                candidates |= {lo, hi}
            if tie and not approximate:
                ties.append((i, j))
            value = _printed_value(tok)
            ok = value is not None and value in candidates
            if ok and len(candidates) > 1:
                undecidable.append((i, j))
            if not ok:
                mismatches.append(
                    PrintedMismatch(
                        i, j, tok, _format(expected, decimals, sci),
                        _truth_str(x),
                        tie,
                    )
                )
            elif value == 0:
                negative_print = tok.lstrip().startswith("-")
                if (negative_print and x > 0) or (not negative_print and x < 0):
                    zero_notes.append((i, j, tok))
    return PrintedCheck(
        not mismatches, decimals, rounding, shape, mismatches[0] if mismatches else None,
        tuple(mismatches), tuple(ties), tuple(undecidable), tuple(zero_notes),
    )
