"""Optional PNG plot of a float64 ridge sweep (needs the ``plot`` extra: matplotlib).

matplotlib is imported only when a plot is asked for; without it the call
fails with a clear :class:`~derivcheck.errors.UnsupportedError` that says how
to install it.
"""

from __future__ import annotations

import importlib
import os
from typing import Any

from ..errors import InputError, InputTypeError, UnsupportedError
from ..f64.experiments import RidgeSweep64

__all__ = ["plot_ridge_sweep"]


def _pyplot() -> Any:
    """Import matplotlib's pyplot with a non-interactive backend, or explain."""
    try:
        matplotlib = importlib.import_module("matplotlib")
    except ImportError:
        raise UnsupportedError(
            "matplotlib", None, "plotting needs the optional dependency matplotlib",
            "install it with: pip install 'derivcheck[plot]'",
        ) from None
    matplotlib.use("Agg")
    return importlib.import_module("matplotlib.pyplot")


def plot_ridge_sweep(sweep: RidgeSweep64, path: str | os.PathLike[str]) -> str:
    """Write a log-log PNG of measured error, bias and rounding model against ε.

    Parameters
    ----------
    sweep : RidgeSweep64
        From :func:`derivcheck.f64.experiments.ridge_sweep64`.
    path : str or path-like
        Output file; must end in ``.png``.

    Returns
    -------
    str
        The path written.

    Raises
    ------
    InputTypeError
        *sweep* is not a :class:`RidgeSweep64`.
    InputError
        *path* does not end in ``.png``.
    UnsupportedError
        matplotlib is not installed.

    Examples
    --------
    >>> plot_ridge_sweep(sweep, "ridge.png")  # doctest: +SKIP
    'ridge.png'
    """
    if not isinstance(sweep, RidgeSweep64):
        raise InputTypeError(
            "sweep", sweep, "expected a RidgeSweep64", "pass the result of ridge_sweep64"
        )
    out = os.fspath(path)
    if not out.lower().endswith(".png"):
        raise InputError("path", out, "the plot is written as PNG", "pass a path ending in .png")
    plt = _pyplot()
    eps = [r.eps for r in sweep.rows]
    fig, ax = plt.subplots(figsize=(6, 4))
    try:
        ax.loglog(eps, [max(r.error, 1e-300) for r in sweep.rows], "o-", label="measured error")
        ax.loglog(eps, [r.bias for r in sweep.rows], "--", label="bias ε/(σ_r²+ε)")
        ax.loglog(eps, [r.rounding_model for r in sweep.rows], ":", label="rounding model")
        ax.set_xlabel("ε")
        ax.set_ylabel("relative error ‖R(ε) − A⁺‖₂ / ‖A⁺‖₂")
        ax.set_title(f"ridge in float64: σ₁={sweep.sigma_max:.3g}, σ_r={sweep.sigma_min:.3g}")
        ax.legend()
        fig.tight_layout()
        fig.savefig(out, format="png", dpi=100)
    finally:
        plt.close(fig)
    return out
