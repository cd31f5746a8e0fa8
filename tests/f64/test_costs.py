"""The flop model against operations counted in plain loops, and its guards."""

import pytest

from derivcheck.errors import DerivCheckError, InputError, InputTypeError
from derivcheck.f64 import costs
from derivcheck.f64.timing import EXPERIMENTS, measure_in_child, measure_many_in_child


def _counted_lu(n: int) -> int:
    """Flops of right-looking LU without pivoting, counted operation by operation."""
    flops = 0
    for k in range(n):
        rows = n - k - 1
        flops += rows  # the multipliers: one division each
        flops += 2 * rows * rows  # the trailing update: a multiply and a subtract each
    return flops


def _counted_cholesky(n: int) -> int:
    flops = 0
    for j in range(n):
        flops += 2 * j + 1  # the diagonal: j products, j subtractions, one square root
        flops += (n - j - 1) * (2 * j + 1)  # the column below it
    return flops


@pytest.mark.parametrize("n", [10, 40, 120])
def test_lu_model_is_the_leading_term_of_the_counted_loop(n):
    # the model keeps the leading term: what it leaves out is O(n²)
    assert abs(costs.lu_flops(n) - _counted_lu(n)) <= n * n


@pytest.mark.parametrize("n", [10, 40, 120])
def test_cholesky_model_is_the_leading_term_of_the_counted_loop(n):
    assert abs(costs.cholesky_flops(n) - _counted_cholesky(n)) <= 2 * n * n


def test_a_wrong_model_would_be_caught_by_the_count():
    # the count separates 2n³/3 from n³/3: a Cholesky count in place of LU's fails the bound above
    n = 120
    assert abs(costs.cholesky_flops(n) - _counted_lu(n)) > n * n


def test_the_orderings_the_speed_claims_rest_on():
    n = 300
    assert costs.inverse_apply_flops(n) > 2.9 * costs.lu_solve_flops(n)
    assert costs.cholesky_solve_flops(n) < 0.51 * costs.lu_solve_flops(n)
    assert costs.woodbury_update_flops(n, 5) < costs.inverse_flops(n) / 10
    # the Woodbury update loses once the update's rank is comparable to n
    assert costs.woodbury_update_flops(n, n) > costs.inverse_flops(n)


@pytest.mark.parametrize("bad", [0, -3, 2.5, True, "5"])
def test_sizes_are_validated(bad):
    with pytest.raises(DerivCheckError, match=r"n=.*(must be an integer|between 1 and)"):
        costs.lu_flops(bad)


def test_an_unknown_experiment_is_refused_before_any_process_starts():
    with pytest.raises(DerivCheckError, match=r"name='qr'"):
        measure_in_child("qr", n=3)
    with pytest.raises(DerivCheckError, match=r"n='3'"):
        measure_in_child("inv_solve", n="3", seed=0)


def test_a_child_measurement_returns_positive_times():
    times = measure_in_child("inv_solve", n=8, seed=0)
    assert set(times) == {"t_inv", "t_solve", "t_chol", "t_spd_solve", "t_tri"}
    assert all(t > 0 for t in times.values())
    assert "woodbury" in EXPERIMENTS


def test_several_experiments_are_refused_before_any_process_starts():
    with pytest.raises(InputError, match=r"name='qr'"):
        measure_many_in_child({"inv_solve": {"n": 8, "seed": 0}, "qr": {"n": 3}})
    with pytest.raises(InputError, match=r"seed='0'"):
        measure_many_in_child({"woodbury": {"n": 8, "k": 2, "seed": "0"}})
    with pytest.raises(InputTypeError, match=r"plan="):
        measure_many_in_child([("inv_solve", {"n": 8, "seed": 0})])
    assert measure_many_in_child({}) == {}


def test_one_child_measures_several_experiments():
    times = measure_many_in_child({"inv_solve": {"n": 8, "seed": 0}, "woodbury": {"n": 8, "k": 2, "seed": 3}})
    assert list(times) == ["inv_solve", "woodbury"]
    assert set(times["inv_solve"]) == {"t_inv", "t_solve", "t_chol", "t_spd_solve", "t_tri"}
    assert set(times["woodbury"]) == {"t_full", "t_wood"}
    assert all(t > 0 for result in times.values() for t in result.values())
