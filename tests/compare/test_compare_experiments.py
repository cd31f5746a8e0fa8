"""Glue experiments (exact truth → float64 tables) and the optional plot."""

from __future__ import annotations

import importlib.util

import pytest
import sympy

from derivcheck.compare.experiments import (
    inv_vs_solve_experiment,
    ridge_sweep_experiment,
)
from derivcheck.compare.plot import plot_ridge_sweep
from derivcheck.errors import InputError, InputTypeError, UnsupportedError

U = 2.0**-53


def test_ridge_sweep_experiment_uses_exact_singular_values():
    sweep = ridge_sweep_experiment(6, 4, (1, sympy.Rational(1, 10**4)), ks=[0, 4, 8, 12, 20])
    assert sweep.rank == 2 and sweep.sigma_max == 1.0 and sweep.sigma_min == 1e-4
    rows = {r.k: r for r in sweep.rows}
    assert abs(rows[0].error - rows[0].bias) < 1e-6
    assert rows[20].dominant == "rounding"


def test_inv_vs_solve_experiment_rows():
    rows = inv_vs_solve_experiment((1, 10**10), n=6, repeats=2)
    assert [r.n for r in rows] == [6, 6]
    assert all(r.resid_solve <= 10 * 6 * U for r in rows)
    assert rows[1].resid_inv > 100 * rows[1].resid_solve


def test_plot_needs_matplotlib_or_writes_png(tmp_path):
    sweep = ridge_sweep_experiment(4, 3, (1, sympy.Rational(1, 100)), ks=[0, 4, 8])
    target = tmp_path / "ridge.png"
    if importlib.util.find_spec("matplotlib") is None:
        with pytest.raises(UnsupportedError, match=r"pip install 'derivcheck\[plot\]'"):
            plot_ridge_sweep(sweep, target)
        assert not target.exists()
    else:
        assert plot_ridge_sweep(sweep, target) == str(target)
        assert target.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    with pytest.raises(InputError, match="png"):
        plot_ridge_sweep(sweep, tmp_path / "ridge.svg")
    with pytest.raises(InputTypeError, match="sweep="):
        plot_ridge_sweep([1, 2], target)
