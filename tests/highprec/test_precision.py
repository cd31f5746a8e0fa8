"""Tests of the precision object of the high-precision tier."""

from __future__ import annotations

import pytest
from mpmath import mp

from derivcheck.errors import DimensionError, InputTypeError, PrecisionError
from derivcheck.highprec import GUARD_DIGITS, Precision, pinv_mp, pinv_mp_details, svd_mp
from derivcheck.validation import MAX_DPS


def test_working_digits_are_dps_plus_guard():
    assert Precision(30).working_dps == 30 + GUARD_DIGITS
    assert Precision(30, guard=0).working_dps == 30
    assert Precision(30, guard=7).working_dps == 37


def test_scope_sets_and_restores_without_touching_the_global_precision():
    before = mp.dps
    p = Precision(40, guard=5)
    with p.scope():
        assert mp.dps == 45
        with p.scope(extra=40):
            assert mp.dps == 85
        assert mp.dps == 45
        with p.output_scope():
            assert mp.dps == 40
    assert mp.dps == before


def test_scope_restores_when_the_block_raises():
    before = mp.dps
    with pytest.raises(ZeroDivisionError):
        with Precision(60).scope():
            raise ZeroDivisionError
    assert mp.dps == before


def test_of_passes_a_precision_through_and_validates_an_int():
    p = Precision(25, guard=3)
    assert Precision.of(p) is p
    assert Precision.of(25) == Precision(25)
    with pytest.raises(PrecisionError, match="digits=0"):
        Precision.of(0, name="digits")


@pytest.mark.parametrize("dps", [0, -1, 50.0, True, "50", None, MAX_DPS + 1])
def test_bad_dps_is_refused(dps):
    with pytest.raises(PrecisionError, match="dps="):
        Precision(dps)


@pytest.mark.parametrize("guard,exc", [(-1, DimensionError), (2.0, InputTypeError), (MAX_DPS + 1, DimensionError)])
def test_bad_guard_is_refused(guard, exc):
    with pytest.raises(exc, match="guard="):
        Precision(30, guard=guard)


def test_negative_extra_is_refused():
    with pytest.raises(DimensionError, match="extra=-1"):
        Precision(30).scope(extra=-1)


def test_frozen():
    with pytest.raises(AttributeError):
        Precision(30).dps = 40  # type: ignore[misc]


def test_tier_functions_accept_a_precision_and_honour_its_guard():
    A = [[1, 2], [3, 4], [5, 7]]
    by_int = pinv_mp(A, 30)
    by_object = pinv_mp(A, Precision(30))
    assert by_int == by_object
    details = pinv_mp_details(A, Precision(30, guard=4))
    assert details.dps == 30 and details.working_dps == 34
    assert svd_mp(A, Precision(20)).dps == 20
    # without guard digits the result is still within the rounding error of
    # 30 digits amplified by the conditioning: max(m, n) · κ₂ · 10⁻³⁰ · ‖A⁺‖
    unguarded = pinv_mp_details(A, Precision(30, guard=0))
    with mp.workdps(40):
        bound = 3 * unguarded.condition_number * mp.mpf(10) ** -30 * mp.mnorm(by_int, 1)
        assert mp.mnorm(unguarded.pinv - by_int, 1) <= bound
