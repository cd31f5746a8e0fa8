"""The agreement rules and the three-leg cross-check, including rejection of wrong results."""

from __future__ import annotations

import dataclasses
import math

import numpy as np
import pytest
import sympy
from mpmath import mp

from derivcheck.results import Evidence, Verdict
from derivcheck.compare.bounds import (
    FLOAT64_SAFETY,
    UNIT_ROUNDOFF,
    compare_f64_to_truth,
    compare_mp_to_exact,
    f64_error_bound,
    mp_required_digits,
)
from derivcheck.compare.convert import exact_to_f64, exact_to_mp
from derivcheck.compare.crosscheck import Agreement, cross_check, cross_check_pinv
from derivcheck.errors import InputError, InputShapeError, InputTypeError
from derivcheck.exact.generators import matrix_with_condition_number, random_rational_matrix
from derivcheck.f64.pinv import pinv_svd64
from derivcheck.highprec.pinv import pinv_mp

DPS = 30


def perturbed_mp(X, rel):
    """X with its largest entry changed by the relative amount *rel*."""
    with mp.workdps(3 * DPS):
        Y = mp.matrix(X)
        i, j = max(((i, j) for i in range(Y.rows) for j in range(Y.cols)), key=lambda t: abs(Y[t]))
        Y[i, j] *= 1 + mp.mpf(rel)
        return Y


def test_rules_as_documented():
    assert mp_required_digits(50, 1) == 47
    assert math.isclose(mp_required_digits(50, 1e12), 35.0)
    assert f64_error_bound(7, 3, 1e4) == FLOAT64_SAFETY * 7 * UNIT_ROUNDOFF * 1e4
    assert UNIT_ROUNDOFF == 2.0**-53
    with pytest.raises(InputError, match="kappa="):
        mp_required_digits(50, 0.5)
    with pytest.raises(InputTypeError, match="kappa="):
        f64_error_bound(2, 2, "big")
    with pytest.raises(InputError, match="c="):
        f64_error_bound(2, 2, 1.0, c=0)


@pytest.mark.parametrize("cond", [1, 10**4, 10**8, 10**12])
def test_mp_rule_holds_for_pinv_mp_and_fails_for_a_perturbed_result(cond):
    known = matrix_with_condition_number(6, 4, cond, seed=cond % 97)
    X = pinv_mp(known.A.tolist(), DPS)
    ok = compare_mp_to_exact(X, known.pinv, dps=DPS, kappa=cond)
    assert ok.passed and ok.informative
    assert ok.digits >= DPS - math.log10(cond) - 3
    # a result wrong in the digit the rule still requires is rejected
    required = DPS - math.log10(cond) - 3
    bad = compare_mp_to_exact(perturbed_mp(X, 10 ** -(required - 2)), known.pinv, dps=DPS,
                              kappa=cond)
    assert not bad.passed and bad.in_units_of_bound > 1


def test_mp_rule_uninformative_when_kappa_exceeds_precision():
    known = matrix_with_condition_number(3, 3, 10**12, seed=1)
    X = pinv_mp(known.A.tolist(), 10)
    c = compare_mp_to_exact(X, known.pinv, dps=10, kappa=10**12)
    assert not c.informative and c.passed
    assert "uninformative" in c.summary()


@pytest.mark.parametrize("cond", [1, 10**6, 10**12])
def test_f64_rule_holds_for_pinv_svd64_and_fails_beyond_the_bound(cond):
    known = matrix_with_condition_number(8, 5, cond, seed=3)
    X = pinv_svd64(exact_to_f64(known.A))
    truth = exact_to_mp(known.pinv, DPS)
    c = compare_f64_to_truth(X, truth, shape=(8, 5), kappa=cond)
    assert c.passed and c.error <= c.bound
    assert c.in_units_of_bound == c.error / c.bound
    assert c.bound == FLOAT64_SAFETY * 8 * 2.0**-53 * cond
    worse = X.copy()
    worse *= 1 + 5 * c.bound
    assert not compare_f64_to_truth(worse, truth, shape=(8, 5), kappa=cond).passed
    ev = c.evidence()
    assert isinstance(ev, Evidence) and ev.leg == "float64"
    assert dict(ev.details)["reference"] == "mpmath"


def test_cross_check_agrees_on_the_three_honest_legs():
    A = random_rational_matrix(5, 4, rank=2, seed=4)
    out = cross_check_pinv(A, dps=DPS)
    assert out.status is Agreement.AGREE and out.agree
    assert dict(out.ranks) == {"exact": 2, "mpmath": 2, "float64": 2}
    assert out.disagreeing == () and out.suspects == () and out.where is None
    assert {e.leg for e in out.evidence} == {"exact", "mpmath", "float64"}
    assert all(isinstance(e, Evidence) for e in out.evidence)
    assert len(out.comparisons) == 3 and all(c.passed for c in out.comparisons)
    assert out.verdict is None
    with pytest.raises(dataclasses.FrozenInstanceError):
        out.status = Agreement.INCONSISTENT


def test_cross_check_names_a_wrong_mpmath_leg():
    known = matrix_with_condition_number(5, 5, 10**3, seed=5)
    X = perturbed_mp(pinv_mp(known.A.tolist(), DPS), 1e-15)  # invisible to float64
    out = cross_check_pinv(known.A, known.pinv, mp_pinv=X, dps=DPS, kappa=10**3)
    assert out.status is Agreement.INCONSISTENT
    assert out.disagreeing == (("exact", "mpmath"),)
    assert out.suspects == ("exact", "mpmath")  # float64 cannot arbitrate at 1e-15
    assert out.verdict is Verdict.INCONSISTENT
    assert "mpmath vs exact: DISAGREES" in out.where


def test_cross_check_names_a_wrong_float64_leg():
    known = matrix_with_condition_number(5, 5, 10**3, seed=6)
    bad = pinv_svd64(exact_to_f64(known.A))
    bad[0, 0] += 1e-6
    out = cross_check_pinv(known.A, known.pinv, f64_pinv=bad, dps=DPS, kappa=10**3)
    assert out.status is Agreement.INCONSISTENT
    assert set(out.disagreeing) == {("exact", "float64"), ("mpmath", "float64")}
    assert out.suspects == ("float64",)


def test_cross_check_names_a_wrong_exact_result():
    # an exact "derivation" that is wrong: both numeric legs agree with each other, not with it
    known = matrix_with_condition_number(4, 3, 10, seed=7)
    wrong = sympy.Matrix(known.pinv)
    wrong[0, 0] += sympy.Rational(1, 1000)
    out = cross_check_pinv(known.A, wrong, dps=DPS, kappa=10)
    assert out.status is Agreement.INCONSISTENT
    assert out.suspects == ("exact",)


def test_rank_disagreement_is_its_own_finding():
    known = matrix_with_condition_number(6, 4, 10**17, seed=8)
    out = cross_check_pinv(known.A, known.pinv, dps=DPS, kappa=10**17)
    assert out.status is Agreement.RANK_DISAGREEMENT
    assert dict(out.ranks) == {"exact": 4, "mpmath": 4, "float64": 3}
    assert set(out.disagreeing) == {("exact", "float64"), ("mpmath", "float64")}
    assert out.suspects == ("float64",)
    assert "ranks differ" in out.where
    # the legs of equal rank are still compared, and agree
    assert [c.pair for c in out.comparisons] == [("exact", "mpmath")]
    assert out.comparisons[0].passed
    assert out.verdict is None


def test_cross_check_generic_and_bad_input():
    E = sympy.Matrix([[1, sympy.Rational(1, 3)]])
    ok = cross_check(E, f64_result=np.array([[1.0, 1 / 3]]), kappa=1)
    assert ok.agree
    bad = cross_check(E, f64_result=np.array([[1.0, 0.3333]]), kappa=1)
    assert bad.status is Agreement.INCONSISTENT and bad.disagreeing == (("exact", "float64"),)
    with pytest.raises(InputShapeError, match="shape"):
        cross_check(E, f64_result=np.zeros((2, 1)), kappa=1)
    with pytest.raises(InputShapeError, match="shape"):
        cross_check(E, mp_result=mp.matrix(2, 2), kappa=1)
    with pytest.raises(InputError, match="kappa="):
        cross_check(E, f64_result=np.array([[1.0, 1 / 3]]), kappa=0)
    str(bad)  # printable
