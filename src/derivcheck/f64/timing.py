"""Wall-clock measurements of float64 algorithms, taken apart from the verdicts they illustrate.

Times depend on the machine and its load, so no verdict is decided by them: a speed claim is
decided by the flop model of :mod:`derivcheck.f64.costs`, and a measurement made here is reported
beside it as evidence. Measurements run in a child process with one BLAS thread
(:func:`measure_in_child`, or :func:`measure_many_in_child` for several experiments in one child,
which pays the interpreter and NumPy start-up once): with several BLAS threads on a loaded machine each synchronisation
point can wait for a descheduled thread, and a 1 ms solve was seen to take 90 ms in every one of
30 runs; one thread measures the cost of the algorithms themselves.

The child is ``python -m derivcheck.f64.timing NAME PARAMS``: ``NAME`` selects one of the
experiments in :data:`EXPERIMENTS` and ``PARAMS`` is a JSON object of integer or float sizes; with
one argument, ``python -m derivcheck.f64.timing PLAN``, ``PLAN`` is a JSON object ``{NAME: PARAMS}``
and the child prints ``{NAME: times}``, running the experiments one after another.
"""

from __future__ import annotations

import contextlib
import ctypes
import functools
import glob
import json
import os
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path

import numpy as np

from ..errors import InputError, InputTypeError

__all__ = [
    "EXPERIMENTS", "inv_solve_system", "spd_shift_system", "low_rank_kernel_system", "woodbury_system",
    "min_times", "one_blas_thread", "peak_traced_bytes", "measure_in_child", "measure_many_in_child",
]


# --- the systems (shared by the child that times them and the parent that checks their accuracy)


def inv_solve_system(n: int, seed: int):
    """``A`` n×n Gaussian (numpy ``default_rng(seed)``), ``x``, ``b = A x`` and the SPD ``AAᵀ + nI``."""
    rng = np.random.default_rng(seed)
    A = rng.standard_normal((n, n))
    x = rng.standard_normal(n)
    return A, x, A @ x, A @ A.T + n * np.eye(n)


def spd_shift_system(n: int, seed: int, shift: float):
    """``(rng, A, b)``: ``A = GGᵀ + shift·I`` for a Gaussian G, a Gaussian ``b``, and the generator after them."""
    rng = np.random.default_rng(seed)
    G = rng.standard_normal((n, n))
    A = G @ G.T + shift * np.eye(n)
    return rng, A, rng.standard_normal(n)


def low_rank_kernel_system(n: int, k: int, lam: float, seed: int):
    """``(K + λI, y, nystrom, small)``: kernel ``K = ZZᵀ`` of rank k and its Nyström–Woodbury solver.

    ``nystrom()`` solves ``(λI + C W⁻¹ Cᵀ) α = y`` with the first k columns C of K and their k×k
    block W, through ``(λI + C W⁻¹ Cᵀ)⁻¹ = (I − C(λW + CᵀC)⁻¹Cᵀ)/λ``; ``small`` is ``λW + CᵀC``.
    """
    rng = np.random.default_rng(seed)
    Z = rng.standard_normal((n, k))
    K = Z @ Z.T
    y = rng.standard_normal(n)
    idx = np.arange(k)
    C, W = K[:, idx], K[np.ix_(idx, idx)]
    small = lam * W + C.T @ C

    def nystrom():
        return (y - C @ np.linalg.solve(small, C.T @ y)) / lam

    return K + lam * np.eye(n), y, nystrom, small


def woodbury_system(n: int, k: int, seed: int):
    """``(A + UCV, update)``: a well-conditioned A (known inverse), a rank-k update, and its Woodbury update."""
    rng = np.random.default_rng(seed)
    A = rng.standard_normal((n, n)) + 3 * np.sqrt(n) * np.eye(n)
    U, V = rng.standard_normal((n, k)), rng.standard_normal((k, n))
    C = np.eye(k)
    A_inv = np.linalg.inv(A)

    def update():
        AU = A_inv @ U
        return A_inv - AU @ np.linalg.solve(np.linalg.inv(C) + V @ AU, V @ A_inv)

    return A + U @ C @ V, update


# --- measuring


def min_times(*calls: Callable[[], object], repeats: int, blocks: int = 1) -> list[float]:
    """Fastest wall time of each call over ``blocks × repeats`` alternating rounds, after a warm-up.

    The minimum, not the median: on a shared machine other processes only ever add time, so the
    fastest round is the one closest to the cost of the computation. Blocks are separated by a short
    pause so that one burst of load elsewhere cannot cover every round.
    """
    for call in calls:
        call()
    best = [float("inf")] * len(calls)
    for block in range(blocks):
        if block:
            time.sleep(0.05)
        for _ in range(repeats):
            for i, call in enumerate(calls):
                start = time.perf_counter()
                call()
                best[i] = min(best[i], time.perf_counter() - start)
    return best


def peak_traced_bytes(call: Callable[[], object]) -> int:
    """Peak of the memory Python's allocator traces during ``call()`` (LAPACK work arrays are not traced)."""
    tracemalloc.start()
    try:
        call()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@functools.lru_cache(maxsize=None)
def _openblas_thread_controls():
    """``(get, set)`` for the thread count of NumPy's bundled OpenBLAS, or None when not found."""
    libdir = Path(np.__file__).resolve().parent.parent / "numpy.libs"
    for path in sorted(glob.glob(str(libdir / "*openblas*"))):
        try:
            lib = ctypes.CDLL(path)
        except OSError:
            continue
        for prefix in ("scipy_openblas", "openblas"):
            for suffix in ("64_", ""):
                get = getattr(lib, f"{prefix}_get_num_threads{suffix}", None)
                put = getattr(lib, f"{prefix}_set_num_threads{suffix}", None)
                if get is not None and put is not None:
                    return get, put
    return None


@contextlib.contextmanager
def one_blas_thread() -> Iterator[None]:
    """Run float64 work with one BLAS thread, restoring the count afterwards (no-op without OpenBLAS)."""
    controls = _openblas_thread_controls()
    if controls is None:
        yield
        return
    get, put = controls
    before = get()
    put(1)
    try:
        yield
    finally:
        put(before)


# --- the experiments a child process can run


def _time_inv_solve(n: int, seed: int) -> dict:
    A, _, b, S = inv_solve_system(n, seed)
    t_inv, t_solve = min_times(lambda: np.linalg.inv(A) @ b, lambda: np.linalg.solve(A, b), repeats=10, blocks=3)
    L = np.linalg.cholesky(S)
    # a triangular solve costs n² flops, as much as one product L @ b; two are needed
    t_chol, t_spd_solve, t_tri = min_times(lambda: np.linalg.cholesky(S), lambda: np.linalg.solve(S, b),
                                           lambda: L @ b, repeats=10, blocks=3)
    return dict(t_inv=t_inv, t_solve=t_solve, t_chol=t_chol, t_spd_solve=t_spd_solve, t_tri=t_tri)


def _time_spd_shift(n: int, seed: int, shift: float) -> dict:
    _, A, b = spd_shift_system(n, seed, shift)
    t_solve, t_inv = min_times(lambda: np.linalg.solve(A, b), lambda: np.linalg.inv(A) @ b, repeats=5, blocks=3)
    return dict(t_solve=t_solve, t_inv=t_inv)


def _time_low_rank_kernel(n: int, k: int, lam: float, seed: int) -> dict:
    KI, y, nystrom, _ = low_rank_kernel_system(n, k, lam, seed)
    t_dense, t_nystrom = min_times(lambda: np.linalg.solve(KI, y), nystrom, repeats=2, blocks=2)
    return dict(t_dense=t_dense, t_nystrom=t_nystrom)


def _time_woodbury(n: int, k: int, seed: int) -> dict:
    M, update = woodbury_system(n, k, seed)
    t_full, t_wood = min_times(lambda: np.linalg.inv(M), update, repeats=3, blocks=3)
    return dict(t_full=t_full, t_wood=t_wood)


#: the experiments :func:`measure_in_child` can run, by name
EXPERIMENTS: dict[str, Callable[..., dict]] = {
    "inv_solve": _time_inv_solve,
    "spd_shift": _time_spd_shift,
    "low_rank_kernel": _time_low_rank_kernel,
    "woodbury": _time_woodbury,
}


def _validated(name: object, params: Mapping[str, object]) -> None:
    """Refuse an unknown experiment ``name`` or a parameter that is not an int or a float."""
    if not isinstance(name, str) or name not in EXPERIMENTS:
        raise InputError("name", name, "not a timing experiment", f"use one of {sorted(EXPERIMENTS)}")
    for key, value in params.items():
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise InputError(key, value, "an experiment parameter must be an int or a float", "pass a number")


def _run_child(args: list[str], timeout: float) -> object:
    """Run ``python -m derivcheck.f64.timing *args`` with one BLAS thread; the JSON of its last line."""
    env = dict(os.environ, OPENBLAS_NUM_THREADS="1", OMP_NUM_THREADS="1", MKL_NUM_THREADS="1")
    done = subprocess.run([sys.executable, "-m", "derivcheck.f64.timing", *args], env=env,
                          capture_output=True, text=True, timeout=timeout, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def measure_in_child(name: str, *, timeout: float = 120.0, **params: int | float) -> dict:
    """Run the timing experiment ``name`` in a child process with one BLAS thread; its times in seconds.

    Parameters
    ----------
    name : str
        A key of :data:`EXPERIMENTS`.
    timeout : float
        Seconds before the child is stopped.
    **params : int or float
        The experiment's sizes and seeds.

    Raises
    ------
    InputError
        If ``name`` is not an experiment or a parameter is not a number.
    """
    _validated(name, params)
    return _run_child([name, json.dumps(params)], timeout)


def measure_many_in_child(plan: Mapping[str, Mapping[str, int | float]], *,
                          timeout: float = 240.0) -> dict[str, dict]:
    """Run several timing experiments one after another in ONE child process with one BLAS thread.

    The same measurements as one :func:`measure_in_child` per experiment, with the interpreter and
    NumPy start-up paid once. Every experiment is validated before the child starts.

    Parameters
    ----------
    plan : Mapping[str, Mapping[str, int or float]]
        ``{name: params}``: keys of :data:`EXPERIMENTS`, each with its sizes and seeds.
    timeout : float
        Seconds before the child (all the experiments together) is stopped.

    Returns
    -------
    dict[str, dict]
        ``{name: times}``, the times in seconds, in the order of *plan*.

    Raises
    ------
    InputError
        If a name is not an experiment or a parameter is not a number.
    InputTypeError
        If *plan* or one of its parameter sets is not a mapping.

    Examples
    --------
    >>> try:
    ...     measure_many_in_child({"inv_solve": {"n": 8, "seed": 0}, "qr": {"n": 3}})
    ... except InputError as error:
    ...     print(str(error).split(":")[0])
    name='qr'
    """
    if not isinstance(plan, Mapping):
        raise InputTypeError("plan", type(plan).__name__, "must be a mapping {name: params}",
                             "pass a dict such as {'inv_solve': {'n': 8, 'seed': 0}}")
    for name, params in plan.items():
        if not isinstance(params, Mapping):
            raise InputTypeError(str(name), type(params).__name__, "the parameters must be a mapping",
                                 "pass a dict of sizes and seeds")
        _validated(name, params)
    if not plan:
        return {}
    return _run_child([json.dumps({name: dict(params) for name, params in plan.items()})], timeout)


def _main(argv: list[str]) -> int:
    if len(argv) == 1:
        plan = json.loads(argv[0])
        print(json.dumps({name: EXPERIMENTS[name](**params) for name, params in plan.items()}))
        return 0
    name, params = argv
    print(json.dumps(EXPERIMENTS[name](**json.loads(params))))
    return 0


if __name__ == "__main__":
    sys.exit(_main(sys.argv[1:]))
