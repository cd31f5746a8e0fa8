"""The numeric legs measure rounding errors against the operands, not against a zero result."""

from __future__ import annotations

import sympy

from derivcheck import check_latex
from derivcheck.checks.instances import Instance
from derivcheck.checks.numeric import numeric_legs, operand_magnitude
from derivcheck.exact.expr import Pinv
from derivcheck.results import Verdict

A = sympy.MatrixSymbol("A", 3, 3)
B = sympy.MatrixSymbol("B", 3, 3)
# A singular, badly scaled matrix: (I - AA^+)A is exactly zero, but float64 computes it
# from operands of norm about 10^3 and leaves rounding errors of that scale.
A_VALUE = sympy.ImmutableMatrix([[101, -57, 44], [37, 211, -174], [138, 154, -130]]) / 7
B_VALUE = sympy.ImmutableMatrix([[1, 0, 2], [0, -1, 1], [3, 1, 0]])


def _float64(evidence):
    return next(dict(e.details) for e in evidence if e.leg == "float64")


def test_a_zero_side_is_held_to_the_scale_of_its_operands():
    inst = Instance((), ((A, A_VALUE),), (), (("A", 2),))
    lhs = (sympy.Identity(3) - A * Pinv(A)) * A
    legs = numeric_legs(lhs, sympy.ZeroMatrix(3, 3), inst, dps=50, expect_equal=True)
    assert _float64(legs)["within_bound"], legs
    # The scale is the product of the operand norms (‖I‖ + ‖A‖‖A⁺‖)·‖A‖, not the zero result.
    assert operand_magnitude(lhs, inst.values, {}) > 10


def test_a_projector_residual_is_verified_not_inconsistent():
    # Before the scale rule, the float64 leg measured the residual against 0 and the
    # verdict was 'inconsistent' (an absolute error of 1e-14 against a bound of 3e-15).
    result = check_latex(r"(I - AA^+)A = 0")
    assert result.verdict in (Verdict.PROVED, Verdict.VERIFIED), result.evidence
    assert check_latex(r"A - AA^+A = 0").verdict in (Verdict.PROVED, Verdict.VERIFIED)


def test_a_genuine_nonzero_difference_is_still_caught():
    inst = Instance((), ((A, A_VALUE), (B, B_VALUE)), (), (("A", 2), ("B", 3)))
    residual = (sympy.Identity(3) - A * Pinv(A)) * A
    # lhs differs from 0 by 10^-6 B: far above rounding at the operands' scale.
    lhs = residual + sympy.Rational(1, 10**6) * B
    legs = numeric_legs(lhs, sympy.ZeroMatrix(3, 3), inst, dps=50, expect_equal=False)
    assert _float64(legs)["within_bound"] and dict(next(e.details for e in legs if e.leg == "mpmath"))["within_bound"]
    # A difference below the rounding of the operands cannot be confirmed by float64.
    tiny = residual + sympy.Rational(1, 10**20) * B
    legs = numeric_legs(tiny, sympy.ZeroMatrix(3, 3), inst, dps=50, expect_equal=False)
    assert not _float64(legs)["within_bound"]
    # And the checker still refutes a false projector claim with a zero side.
    assert check_latex(r"(I - AA^+)A^T = 0").verdict in (Verdict.REFUTED, Verdict.CONDITIONAL)
    assert check_latex(r"(I - A^+A)A = 0").verdict in (Verdict.REFUTED, Verdict.CONDITIONAL)


def test_the_scale_of_an_algebraic_value():
    # A Frobenius norm of a rational matrix is sqrt of a rational: its scale is a real number.
    from derivcheck.checks.numeric import operand_magnitude as magnitude

    value = magnitude(sympy.sqrt(sympy.Trace(A.T * A)), {A: A_VALUE}, {})
    assert abs(float(value) - float(sympy.sqrt((A_VALUE.T * A_VALUE).trace()))) < 1e-12
