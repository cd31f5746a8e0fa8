"""The agreement rules between the legs, and the checks that apply them.

Two rules, both from precision and conditioning, never a bare constant:

**mpmath vs exact.** A result computed with mpmath at ``dps`` digits from a
problem with condition number κ (κ₂ = σ₁/σ_r for a pseudo-inverse) must agree
with the exact result to at least

    required = dps − log10(κ) − 3           (digits, relative error)

i.e. relative error ≤ ``10^(−required)``. Perturbation theory loses
``log10 κ`` digits; the 3 digits cover the operation count (a few hundred
roundings at most on the matrices checked). When ``required <= 0`` the rule
says nothing and the comparison is marked uninformative (and passes).

**float64 vs a high-precision truth.** A float64 result must have relative
error

    error ≤ c · max(M, N) · u · κ,          u = 2⁻⁵³, c = 10

(:data:`FLOAT64_SAFETY`): backward-stable algorithms such as the SVD give
``p(M, N) · u`` backward error with a modest polynomial ``p``; c = 10
absorbs its constant. The measured error is reported in units of this bound.

Errors are relative, in the Frobenius norm unless stated, measured with
:func:`derivcheck.compare.metrics.relative_error`.
"""

from __future__ import annotations

import math
import numbers
from dataclasses import dataclass
from typing import Any

import mpmath
from mpmath import mp

from ..results import Evidence
from ..errors import InputError, InputTypeError
from ..highprec.precision import Precision
from .metrics import Norm, relative_error

__all__ = [
    "FLOAT64_SAFETY",
    "MP_GUARD_DIGITS",
    "UNIT_ROUNDOFF",
    "LegComparison",
    "compare_f64_to_truth",
    "compare_mp_to_exact",
    "digits_of_agreement",
    "f64_error_bound",
    "mp_required_digits",
    "mp_tolerance",
]

#: u = 2⁻⁵³, the unit roundoff of IEEE double precision.
UNIT_ROUNDOFF = 2.0**-53

#: c in the float64 bound ``c · max(M, N) · u · κ``.
FLOAT64_SAFETY = 10

#: Digits set aside for the operation count in the mpmath rule.
MP_GUARD_DIGITS = 3


def _check_kappa(kappa: Any) -> float:
    if isinstance(kappa, (str, bytes, bool)) or not (
        isinstance(kappa, numbers.Real) or isinstance(kappa, mpmath.mpf)
    ):
        raise InputTypeError(
            "kappa", kappa, "the condition number must be a real number >= 1",
            "pass κ₂ = σ₁/σ_r, e.g. from derivcheck.compare.condition_number",
        )
    value = float(kappa) if not isinstance(kappa, mpmath.mpf) else kappa
    if not value >= 1 or (isinstance(value, float) and math.isnan(value)):
        raise InputError(
            "kappa", kappa, "a condition number is >= 1", "pass κ₂ = σ₁/σ_r (1 for rank 0)"
        )
    return value


def mp_required_digits(dps: int, kappa: Any) -> float:
    """Digits that an mpmath result at *dps* digits must share with the exact one.

    Parameters
    ----------
    dps : int
        Precision of the mpmath computation.
    kappa : float or mpf
        Condition number (>= 1).

    Returns
    -------
    float
        ``dps − log10(κ) − 3`` (may be <= 0: then nothing is required).

    Raises
    ------
    PrecisionError
        Bad *dps*.
    InputTypeError, InputError
        *kappa* not a number >= 1.

    Examples
    --------
    >>> mp_required_digits(50, 1e6)
    41.0
    """
    prec = Precision.of(dps)
    dps = prec.dps
    k = _check_kappa(kappa)
    with mp.workdps(30):
        lost = float(mp.log10(k))
    return dps - lost - MP_GUARD_DIGITS


def mp_tolerance(dps: int, kappa: Any) -> mpmath.mpf:
    """Relative tolerance ``10^(−(dps − log10 κ − 3))`` of an mpmath result.

    Examples
    --------
    >>> mp.nstr(mp_tolerance(50, 1), 3)
    '1.0e-47'
    """
    req = mp_required_digits(dps, kappa)
    with mp.workdps(30):
        return mp.mpf(10) ** (-mp.mpf(req))


def f64_error_bound(m: int, n: int, kappa: Any, *, c: float = FLOAT64_SAFETY) -> float:
    """The float64 leg's relative error bound ``c · max(M, N) · u · κ``.

    Parameters
    ----------
    m, n : int
        The shape of the problem (of ``A`` for a pseudo-inverse).
    kappa : float
        Condition number (>= 1).
    c : float
        Safety constant (default :data:`FLOAT64_SAFETY` = 10).

    Returns
    -------
    float

    Raises
    ------
    InputTypeError, InputError
        Bad *kappa* or *c*.

    Examples
    --------
    >>> f64_error_bound(10, 10, 1.0) == 10 * 10 * 2.0**-53
    True
    """
    k = float(_check_kappa(kappa))
    if isinstance(c, bool) or not isinstance(c, numbers.Real) or not c > 0:
        raise InputError("c", c, "the safety constant must be a number > 0", "pass c=10")
    return float(c) * max(int(m), int(n), 1) * UNIT_ROUNDOFF * k


def digits_of_agreement(rel_error: Any) -> float:
    """``−log10(relative error)``; ``inf`` for an exact match.

    Examples
    --------
    >>> digits_of_agreement(1e-12)
    12.0
    """
    if rel_error == 0:
        return math.inf
    with mp.workdps(30):
        return float(-mp.log10(mp.mpf(rel_error)))


@dataclass(frozen=True)
class LegComparison:
    """One leg measured against a reference leg.

    Attributes
    ----------
    reference : str
        The leg taken as truth (``"exact"`` or ``"mpmath"``).
    leg : str
        The leg measured (``"mpmath"`` or ``"float64"``).
    passed : bool
        Within the rule.
    error : float
        Measured relative error (Frobenius unless *norm* says otherwise);
        stored as a float, so errors below ~1e-308 read as 0.
    bound : float
        The rule's largest admissible relative error.
    digits : float
        ``−log10(error)`` (``inf`` when equal).
    required_digits : float
        ``−log10(bound)``.
    in_units_of_bound : float
        ``error / bound``.
    informative : bool
        False when the rule admits an error >= 1 (nothing was checked).
    rule : str
        The rule, spelled out.
    norm : str
        ``"fro"`` or ``"2"``.
    """

    reference: str
    leg: str
    passed: bool
    error: float
    bound: float
    digits: float
    required_digits: float
    in_units_of_bound: float
    informative: bool
    rule: str
    norm: str = "fro"

    @property
    def pair(self) -> tuple[str, str]:
        """``(reference, leg)``."""
        return (self.reference, self.leg)

    def summary(self) -> str:
        """One line for reports."""
        verdict = "agrees" if self.passed else "DISAGREES"
        note = "" if self.informative else " (uninformative: κ too large for this precision)"
        return (
            f"{self.leg} vs {self.reference}: {verdict}; relative error {self.error:.3g} "
            f"({self.digits:.1f} digits), bound {self.bound:.3g} "
            f"({self.in_units_of_bound:.3g} of it){note}"
        )

    def evidence(self) -> Evidence:
        """The comparison as :class:`~derivcheck.results.Evidence` of the measured leg."""
        return Evidence(
            self.leg,
            self.summary(),
            (
                ("reference", self.reference),
                ("passed", self.passed),
                ("relative_error", self.error),
                ("bound", self.bound),
                ("digits", self.digits if math.isfinite(self.digits) else None),
                ("required_digits", self.required_digits),
                ("error_in_units_of_bound", self.in_units_of_bound),
                ("informative", self.informative),
                ("rule", self.rule),
                ("norm", self.norm),
            ),
        )


def _to_float(x: mpmath.mpf) -> float:
    with mp.workdps(20):
        return float(x)


def compare_mp_to_exact(
    mp_result: Any,
    exact: Any,
    *,
    dps: int,
    kappa: Any,
    norm: Norm = "fro",
    reference: str = "exact",
) -> LegComparison:
    """Apply the mpmath rule: at least ``dps − log10 κ − 3`` digits of agreement.

    Parameters
    ----------
    mp_result : mpmath.matrix, shape (M, N)
        The mpmath leg's result.
    exact : sympy.Matrix, shape (M, N)
        The exact result.
    dps : int
        The precision the mpmath leg was computed at.
    kappa : float or mpf
        Condition number of the problem (>= 1).
    norm : {"fro", "2"}
    reference : str
        Name of the reference leg in the result.

    Returns
    -------
    LegComparison

    Raises
    ------
    InputShapeError
        Shapes differ.
    PrecisionError, InputTypeError, InputError, NonFiniteError
        Bad arguments.

    Notes
    -----
    Rule (module docstring): ``relerr <= 10^(−(dps − log10 κ − 3))``. The
    error is measured at ``2·dps`` digits so that the measurement resolves
    errors far below the bound.

    Examples
    --------
    >>> import sympy
    >>> third = sympy.Matrix([[sympy.Rational(1, 3)]])
    >>> compare_mp_to_exact(mp.matrix([[mp.mpf(1) / 3]]), third, dps=15, kappa=1).passed
    True
    """
    prec = Precision.of(dps)
    dps = prec.dps
    required = mp_required_digits(dps, kappa)
    err = relative_error(mp_result, exact, norm=norm, dps=2 * dps)
    with mp.workdps(30):
        bound = mp.mpf(10) ** (-mp.mpf(required))
        passed = bool(err <= bound) or required <= 0
        units = _to_float(err / bound)
    return LegComparison(
        reference, "mpmath", passed, _to_float(err), _to_float(bound),
        digits_of_agreement(err), required, units, required > 0,
        f"relative error <= 10^-(dps - log10(kappa) - 3) with dps={dps}",
        norm,
    )


def compare_f64_to_truth(
    f64_result: Any,
    truth: Any,
    *,
    shape: tuple[int, int],
    kappa: Any,
    c: float = FLOAT64_SAFETY,
    norm: Norm = "fro",
    reference: str = "mpmath",
) -> LegComparison:
    """Apply the float64 rule: relative error ≤ ``c · max(M, N) · u · κ``.

    Parameters
    ----------
    f64_result : numpy.ndarray
        The float64 leg's result.
    truth : sympy.Matrix or mpmath.matrix
        The exact or high-precision result (same shape as *f64_result*).
    shape : (int, int)
        The shape ``(M, N)`` of the problem (for a pseudo-inverse: of ``A``).
    kappa : float
        Condition number (>= 1).
    c : float
        Safety constant.
    norm : {"fro", "2"}
    reference : str
        Name of the truth's leg.

    Returns
    -------
    LegComparison
        ``in_units_of_bound`` is the measured error divided by the bound.

    Raises
    ------
    InputShapeError
        Shapes differ.
    InputTypeError, InputError, NonFiniteError
        Bad arguments.

    Examples
    --------
    >>> import numpy as np, sympy
    >>> third = sympy.Matrix([[sympy.Rational(1, 3)]])
    >>> compare_f64_to_truth(np.array([[1 / 3]]), third, shape=(1, 1), kappa=1).passed
    True
    """
    bound = f64_error_bound(shape[0], shape[1], kappa, c=c)
    err = _to_float(relative_error(f64_result, truth, norm=norm, dps=30))
    return LegComparison(
        reference, "float64", err <= bound, err, bound, digits_of_agreement(err),
        -math.log10(bound), err / bound, bound < 1,
        f"relative error <= c*max(M,N)*u*kappa with c={c:g}, u=2^-53",
        norm,
    )
