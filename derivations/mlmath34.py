"""The tutorial chapter "矩阵的逆与伪逆" (机器学习与大模型开发数学教程 3-4).

The chapter's claims in its order, as data (derivations/README.md): the inverse and its equivalent
conditions, why inv(A)@b is avoided, the condition number, the Moore–Penrose pseudo-inverse and its
SVD formula, ridge regression, Woodbury, the NumPy cheat-sheet, the pitfalls and the exercises.
Exact claims are decided at rational instances of every rank or with symbolic entries; numerical
advice by float64 experiments with fixed designs, against bounds from the unit roundoff u and the
condition number; speed claims by the flop model of derivcheck.f64.costs, with wall-clock times
(taken in a child process with one BLAS thread) shown as measured evidence only.

Run ``python derivations/mlmath34.py`` (or ``derivcheck verify derivations/mlmath34.py --article
<the article copy>``).
"""

from __future__ import annotations

import functools
import math
import random
from fractions import Fraction

import mpmath
import numpy as np
import sympy as sp
from sympy.polys.matrices import DomainMatrix

from derivcheck import AllOf, Article, Condition, Experiment, NotCheckable, Pinv, Proof, Property, RankProfiles
from derivcheck.checks.argmin import minimizers_at
from derivcheck.checks.properties import draw_profiles
from derivcheck.compare import condition_number, exact_to_f64, f64_error_bound, f64_to_exact, inv_vs_solve_experiment
from derivcheck.compare.bounds import FLOAT64_SAFETY
from derivcheck.exact import (
    matrix_with_condition_number, matrix_with_singular_values, penrose_certificate, pinv_exact, random_rational_matrix)
from derivcheck.exact.frobenius import cayley_orthogonal
from derivcheck.f64 import UNIT_ROUNDOFF as U
from derivcheck.f64 import costs
from derivcheck.f64.experiments import determinant_experiment64
from derivcheck.f64.timing import (inv_solve_system, low_rank_kernel_system, measure_many_in_child, one_blas_thread,
                                   peak_traced_bytes, spd_shift_system, woodbury_system)

art = Article("ml-math-3-4", "机器学习与大模型开发数学教程 3-4 矩阵的逆与伪逆",
              "tutorial chapter (web capture with KaTeX residue), series 机器学习与大模型开发数学教程",
              filename="ml-math-3-4-inverse-and-pseudo-inverse.md")

n_, k_, m_ = sp.symbols("n k m", integer=True, positive=True)
lam = sp.Symbol("lambda", positive=True)
R = sp.Rational
DPS = 30  # digits of the mpmath legs
GOLDEN = (1 + math.sqrt(5)) / 2  # Wedin's constant: ‖B⁺ − A⁺‖₂ ≤ φ‖A⁺‖₂‖B⁺‖₂‖B − A‖₂ at equal rank

# ================================================================ exact helpers

def rat(rng, rows, cols, rank=None):
    """A random exact rational matrix drawn from the claim's generator."""
    return sp.Matrix(random_rational_matrix(rows, cols, rank=rank, seed=rng.randrange(2**31)))

def symbolic(name, rows, cols):
    return sp.Matrix(rows, cols, lambda i, j: sp.Symbol(f"{name}{i}{j}", real=True))

def is_zero(M) -> bool:
    return all(sp.cancel(sp.together(x)) == 0 for x in M)

def null_basis(A):
    basis = A.nullspace()
    return sp.Matrix.hstack(*basis) if basis else sp.zeros(A.cols, 0)

def frac(M, K):
    """M as a matrix over the rational-function field K (exact, fast arithmetic)."""
    return DomainMatrix.from_Matrix(sp.Matrix(M)).convert_to(K)

@functools.lru_cache(maxsize=None)
def least_squares_objective(a_shape, b_shape):
    """The symbols A, B, X of these shapes and the expression ‖AX − B‖²_F = Tr((AX − B)ᵀ(AX − B)), built once."""
    As, Bs, X = sp.MatrixSymbol("A", *a_shape), sp.MatrixSymbol("B", *b_shape), sp.MatrixSymbol("X", a_shape[1], b_shape[1])
    E = As * X - Bs
    return As, Bs, X, sp.Trace(E.T * E)

def minimizers(A, B):
    """The minimizers of ‖AX − B‖²_F over X, exactly (derivcheck.checks.argmin.minimizers_at)."""
    As, Bs, X, objective = least_squares_objective(A.shape, B.shape)
    return minimizers_at(objective, X, {As: sp.ImmutableMatrix(A), Bs: sp.ImmutableMatrix(B)}, {})

def with_rhs(profiles, consistent=False):
    """over(rng): each matrix A of *profiles* with a right-hand side b (b = Az when consistent)."""
    def over(rng):
        mats = [A for _, A in draw_profiles(profiles, rng.randrange(2**31))]
        return [{"A": sp.Matrix(A), "b": A * rat(rng, A.cols, 1) if consistent else rat(rng, A.rows, 1)} for A in mats]
    return over

def svd_cases(shapes, ranks=lambda m, n: range(min(m, n) + 1)):
    """over(rng): matrices with an exact rational SVD (derivcheck.exact.matrix_with_singular_values)."""
    def over(rng):
        return [matrix_with_singular_values(m, n, sorted((R(rng.randint(1, 30), rng.randint(1, 5)) for _ in range(r)),
                                                         reverse=True), seed=rng.randrange(2**31))
                for m, n in shapes for r in ranks(m, n)]
    return over

def known(make, *cases):
    """over(rng): matrices make(m, n, spec, seed=...) with a known SVD (spec: singular values or κ)."""
    return lambda rng: [make(m, n, spec, seed=rng.randrange(2**31)) for m, n, spec in cases]

FULL = lambda m, n: (min(m, n),)  # noqa: E731 - svd_cases of full rank only
NONZERO = lambda m, n: range(1, min(m, n) + 1)  # noqa: E731

# ================================================================ float64 helpers

def single_thread(f):
    @functools.wraps(f)
    def wrapper(*args):
        with one_blas_thread():
            return f(*args)
    return functools.lru_cache(maxsize=None)(wrapper)

def rel(x, truth) -> float:
    return float(np.linalg.norm(x - truth) / np.linalg.norm(truth))

def _scaled(v) -> int:
    """The double v as an exact integer multiple of 2⁻¹⁰⁷⁴."""
    p, q = float(v).as_integer_ratio()
    return p << (1075 - q.bit_length())

def backward_error(A, x, b) -> float:
    """‖b − Ax‖₂/(‖A‖₂‖x‖₂) with the residual computed exactly from the doubles, then rounded."""
    xs = [_scaled(v) for v in x.tolist()]
    r = [float(Fraction((_scaled(bi) << 1074) - sum(_scaled(a) * xj for a, xj in zip(row, xs)), 1 << 2148))
         for row, bi in zip(A.tolist(), b.tolist())]
    return float(np.linalg.norm(r) / (np.linalg.norm(A, 2) * np.linalg.norm(x)))

def runs(experiment, keep=lambda run: True):
    """run(seed) of a fixed-design experiment (the seed does not change the design), filtered."""
    return lambda seed: [run for run in experiment() if keep(run)]

BOUND = lambda run: run["bound"]  # noqa: E731 - each run carries its own bound
STABLE = lambda run: FLOAT64_SAFETY * run["n"] * U  # noqa: E731 - backward stable: error ≤ c·n·u, c as the float64 legs
FORWARD = lambda run: f64_error_bound(run["n"], run["n"], run["kappa"])  # noqa: E731 - c·n·u·κ

def model_faster(fast, slow, sizes, timing=None):
    """'fast is faster than slow', decided by the flop model (f64/costs.py) at every size; times never decide."""
    def run(seed):
        return [{"case": ", ".join(f"{k} = {v}" for k, v in size.items()), slow.__name__: slow(**size),
                 fast.__name__: fast(**size)} for size in sizes]
    return Experiment(run, slow.__name__, lambda r: r[fast.__name__], fast.__name__, relation=">=", leg="model",
                      timing=timing)

TIMED = {"inv_solve": dict(n=300, seed=2024), "spd_shift": dict(n=300, seed=0, shift=1e-1),
         "low_rank_kernel": dict(n=1000, k=20, lam=1e-1, seed=11), "woodbury": dict(n=300, k=5, seed=3)}

@functools.lru_cache(maxsize=None)
def all_timed():
    """Every TIMED system measured in one child process (one start-up), on first need."""
    return measure_many_in_child(TIMED)

def timed(name):
    return all_timed()[name]

def seconds(name, *keys):
    """timing=: wall-clock seconds of a TIMED system, measured evidence beside the flop model."""
    return lambda: {key: timed(name)[key] for key in keys}

def sizes_of(name):
    """The (n, k) of a TIMED low-rank system, for the flop model."""
    return ({key: TIMED[name][key] for key in "nk"},)

def dense_solve_flops(n, k):  # the dense route ignores the rank k
    return costs.lu_solve_flops(n)

def recomputed_inverse_flops(n, k):
    return costs.inverse_flops(n)

SIZES = tuple({"n": n} for n in (10, 100, 300, 1000))
INV_FLOPS = model_faster(costs.lu_solve_flops, costs.inverse_apply_flops, SIZES, seconds("inv_solve", "t_solve", "t_inv"))
CHOLESKY_FLOPS = model_faster(costs.cholesky_solve_flops, costs.lu_solve_flops, SIZES,
                              seconds("inv_solve", "t_chol", "t_tri", "t_spd_solve"))

# ================================================================ shared float64 experiments (fixed designs)

@single_thread
def inv_solve():
    """inv(A) @ b vs solve(A, b) on exact 12×12 matrices with κ₂ = 1, 1e4, 1e8, 1e12 (seeds 0-2)."""
    return tuple(dict(case=f"κ = {r.cond:.0e}", rep=seed, n=r.n, kappa=r.cond, err_inv=r.err_inv,
                      err_solve=r.err_solve, bwd_inv=r.resid_inv, bwd_solve=r.resid_solve)
                 for seed in (0, 1, 2) for r in inv_vs_solve_experiment((1, 10**4, 10**8, 10**12), n=12, repeats=1,
                                                                        seed=seed))

INV_LOSES_FORWARD = Experiment(runs(inv_solve, lambda r: r["kappa"] >= 1e3), "err_inv", lambda r: r["err_solve"],
                               "err_solve (solve's forward error)", relation=">=")
INV_UNSTABLE = AllOf(
    Experiment(runs(inv_solve, lambda r: r["kappa"] >= 1e7), "bwd_inv", STABLE, "10·n·u (backward stable)", relation=">="),
    Experiment(runs(inv_solve), "bwd_solve", STABLE, "10·n·u (backward stable)"))

@single_thread
def rank_deficient():
    """A 6×6 matrix of rank 3 (σ = 3, 1, 1/10; seed 7), b outside its range: solve vs lstsq, pinv, ridge."""
    known = matrix_with_singular_values(6, 6, [3, 1, R(1, 10)], seed=7)
    rng = random.Random(7)
    b = sp.Matrix([R(rng.randint(-9, 9), rng.choice((1, 2, 3))) for _ in range(6)])
    A, bf, xf = exact_to_f64(known.A), exact_to_f64(b).ravel(), exact_to_f64(known.pinv * b).ravel()
    try:
        solve_error = rel(np.linalg.solve(A, bf), xf)
    except np.linalg.LinAlgError:
        solve_error = float("inf")
    eps, s1, sr = 1e-10, 3.0, 0.1
    bound = f64_error_bound(6, 6, s1 / sr)
    ridge = np.linalg.solve(A.T @ A + eps * np.eye(6), A.T @ bf)
    return (dict(case="solve", error=solve_error, bound=bound),
            dict(case="lstsq", error=rel(np.linalg.lstsq(A, bf, rcond=None)[0], xf), bound=bound),
            dict(case="pinv", error=rel(np.linalg.pinv(A) @ bf, xf), bound=bound),
            dict(case="ridge ε = 1e-10", error=rel(ridge, xf), bound=eps / sr**2 + f64_error_bound(6, 6, s1**2 / eps)))

RANK_DEFICIENT = AllOf(
    Experiment(runs(rank_deficient, lambda r: r["case"] == "solve"), "error", BOUND, "c·n·u·κ (reached by lstsq/pinv)",
               relation=">="),
    Experiment(runs(rank_deficient, lambda r: r["case"] != "solve"), "error", BOUND, "c·n·u·κ (ridge: + ε/σ_r²)"))

@single_thread
def least_squares():
    """Consistent least squares, 8×4, κ = 1e3, 1e6, 1e8 (seeds 0-2): normal equations, lstsq, QR, pinv."""
    out = []
    for seed in (0, 1, 2):
        for cond in (10**3, 10**6, 10**8):
            known = matrix_with_condition_number(8, 4, cond, seed=seed)
            w = sp.Matrix([1, -2, 3, R(1, 2)])
            X, y, wf = exact_to_f64(known.A), exact_to_f64(known.A * w).ravel(), exact_to_f64(w).ravel()
            Q, Rq = np.linalg.qr(X)
            errs = dict(normal=rel(np.linalg.solve(X.T @ X, X.T @ y), wf), lstsq=rel(np.linalg.lstsq(X, y, rcond=None)[0], wf),
                        qr=rel(np.linalg.solve(Rq, Q.T @ y), wf), pinv=rel(np.linalg.pinv(X) @ y, wf))
            out.append(dict(case=f"κ = {cond:.0e}", rep=seed, kappa=cond, bound=f64_error_bound(8, 4, cond),
                            stable=max(errs["qr"], errs["pinv"], errs["lstsq"]), **errs))
    return tuple(out)

NORMAL_WORSE = AllOf(
    Experiment(runs(least_squares, lambda r: r["kappa"] >= 1e6), "normal", BOUND, "c·max(m,n)·u·κ", relation=">="),
    Experiment(runs(least_squares), "stable", BOUND, "c·max(m,n)·u·κ (stable = worst of QR, pinv, lstsq)"))

@single_thread
def noisy_rank_two():
    """A 6×4 matrix of exact rank 2 (σ = 1, 1e-4; seed 3) plus noise of size 1e-10 (numpy seed 0)."""
    known = matrix_with_singular_values(6, 4, [1, R(1, 10**4)], seed=3)
    A0, P0 = exact_to_f64(known.A), exact_to_f64(known.pinv)
    noise = np.random.default_rng(0).standard_normal(A0.shape) * 1e-10
    A, p0 = A0 + noise, np.linalg.norm(P0, 2)
    s = np.linalg.svd(A, compute_uv=False)
    level = 2 * GOLDEN * np.linalg.norm(noise, 2) / s[1]  # Wedin at rank 2: ‖A₂ − A₀‖ ≤ 2‖E‖, ‖A₂⁺‖ = 1/σ₂
    error = lambda P: float(np.linalg.norm(P - P0, 2) / p0)  # noqa: E731
    sweep = tuple(dict(case=f"rcond {rc:.0e}", error=error(np.linalg.pinv(A, rcond=rc)), bound=level,
                       kept=int(np.sum(s > rc * s[0]))) for rc in (1e-15, 1e-12, 1e-9, 1e-7, 1e-5, 1e-3, 1e-1))
    rng = np.random.default_rng(1)
    b, db = rng.standard_normal(6), rng.standard_normal(6) * 1e-8
    gain = lambda P: float(np.linalg.norm(P @ (b + db) - P @ b) / np.linalg.norm(db))  # noqa: E731
    gains = (dict(case="truncated, rcond 1e-7", gain=gain(np.linalg.pinv(A, rcond=1e-7)), bound=1 / s[1]),
             dict(case="full, rcond 1e-15", gain=gain(np.linalg.pinv(A, rcond=1e-15)), bound=1 / s[1]))
    defaults = (dict(case="exact-rank matrix, rounded", error=error(np.linalg.pinv(A0)), bound=f64_error_bound(6, 4, 10**4)),
                dict(case="noisy matrix", error=error(np.linalg.pinv(A)), bound=level))
    return dict(sweep=sweep, gains=gains, defaults=defaults)

TRUNCATION = AllOf(
    Experiment(lambda seed: noisy_rank_two()["gains"][:1], "gain", BOUND, "1/σ₂ (‖A₂⁺‖₂ of the kept part)"),
    Experiment(lambda seed: noisy_rank_two()["gains"][1:], "gain", BOUND, "1/σ₂", relation=">="))

def allocates(run, array):
    """Whole arrays (of 'bound' bytes each) in the tracked allocation peaks: the first run holds one, the others
    none. The count is stable from run to run; the peaks themselves are measured evidence."""
    def arrays(rows):
        return [dict(r, arrays=r["peak"] // r["bound"]) for r in rows]
    peaks = lambda: {f"{r['case']} peak bytes": r["peak"] for r in run()}  # noqa: E731
    return AllOf(Experiment(lambda seed: arrays(run()[:1]), "arrays", lambda r: 1, f"one {array}", relation=">=",
                            timing=peaks), Experiment(lambda seed: arrays(run()[1:]), "arrays", lambda r: 0, f"no {array}"))

def within(run, text, leg="float64"):
    """Each run's error (a dict with 'error' and its 'bound') within the bound."""
    return Experiment(run, "error", BOUND, text, leg=leg)

@single_thread
def explicit_2x2():
    """2×2 systems with κ ≈ 1e6, 1e10, 1e14 (numpy seed 5, 50 each): the explicit formula vs solve, exact truth."""
    rng, out = np.random.default_rng(5), []
    rot = lambda t: np.array([[np.cos(t), -np.sin(t)], [np.sin(t), np.cos(t)]])  # noqa: E731
    for logk in (6, 10, 14):
        errs = {"formula": [], "solve": [], "bwd_formula": [], "bwd_solve": []}
        for _ in range(50):
            th, ph = rng.uniform(0, np.pi, 2)
            A, b = rot(th) @ np.diag([1.0, 10.0**-logk]) @ rot(ph).T, rng.standard_normal(2)
            (a, bb), (c, d) = A.tolist()
            truth = exact_to_f64(f64_to_exact(A).inv() * f64_to_exact(b.reshape(2, 1))).ravel()  # of the stored data
            x_formula = 1 / (a * d - bb * c) * np.array([[d, -bb], [-c, a]]) @ b  # the article's formula
            for key, x in (("formula", x_formula), ("solve", np.linalg.solve(A, b))):
                errs[key].append(rel(x, truth))
                errs["bwd_" + key].append(backward_error(A, x, b))
        out.append(dict(case=f"κ = 1e{logk}", n=2, kappa=10.0**logk, **{k: float(np.median(v)) for k, v in errs.items()}))
    return tuple(out)

@single_thread
def cholesky_vs_lu():
    """SPD 10×10 systems V diag(σ) Vᵀ, κ = 1e4, 1e8, 1e12 (seeds 0-2): Cholesky + triangular solves vs LU."""
    def substitute(T, b, order):
        x = np.zeros(len(b))
        for i in order:
            x[i] = (b[i] - T[i] @ x) / T[i, i]
        return x

    out = []
    for seed in (0, 1, 2):
        for cond in (10**4, 10**8, 10**12):
            k = matrix_with_condition_number(10, 10, cond, seed=seed)
            S, x = k.V * k.Sigma * k.V.T, sp.Matrix([R(i + 1, 3) for i in range(10)])
            Sf, bf, xf = exact_to_f64(S), exact_to_f64(S * x).ravel(), exact_to_f64(x).ravel()
            L = np.linalg.cholesky(Sf)
            for method, xs in (("Cholesky", substitute(L.T, substitute(L, bf, range(10)), range(9, -1, -1))),
                               ("LU", np.linalg.solve(Sf, bf))):
                out.append(dict(case=f"{method}, κ = {cond:.0e}", rep=seed, n=10, kappa=cond,
                                bwd=backward_error(Sf, xs, bf), fwd=rel(xs, xf)))
    return tuple(out)

@single_thread
def cheatsheet():
    """The code cheat-sheet's NumPy lines, seeded (numpy default_rng(0)); torch lines skipped."""
    rng, A, b = spd_shift_system(**TIMED["spd_shift"])
    X, y, lam_ = rng.standard_normal((200, 300)), rng.standard_normal(200), 1e-1
    w_lstsq, _, rank, sv = np.linalg.lstsq(X, y, rcond=None)
    return dict(A=A, b=b, x1=np.linalg.solve(A, b), X=X, y=y, w_lstsq=w_lstsq, w_pinv=np.linalg.pinv(X) @ y, lam=lam_,
                w_ridge=np.linalg.solve(X.T @ X + lam_ * np.eye(300), X.T @ y), rank=int(rank), sv=sv,
                svd=np.linalg.svd(X, full_matrices=False))

def agreement(X, y, w_l, w_p):
    """lstsq vs pinv: their difference and the normal-equation residual, with the bound c·max(m,n)·u·κ."""
    s = np.linalg.svd(X, compute_uv=False)
    bound = f64_error_bound(*X.shape, float(s[0] / s[-1]))
    normal = float(np.linalg.norm(X.T @ (X @ w_l - y)) / (np.linalg.norm(X, 2) ** 2 * np.linalg.norm(w_l)))
    return rel(w_l, w_p), normal, bound

# ================================================================ exact building blocks

def two_sided_inverse(A) -> bool:
    """Gauss–Jordan on [A | I] ends at [I | X] with XA = AX = I."""
    n = A.rows
    aug = A.row_join(sp.eye(n)).rref()[0]
    return aug[:, :n] == sp.eye(n) and aug[:, n:] * A == sp.eye(n) and A * aug[:, n:] == sp.eye(n)

def uniquely_solvable(A) -> bool:
    """Ax = b has a solution for every b (every e_i reachable) and at most one (trivial null space)."""
    return all(p < A.cols for p in A.row_join(sp.eye(A.rows)).rref()[1]) and not A.nullspace()

INVERTIBLE = {"det": lambda A: A.det() != 0, "rank": lambda A: A.rank() == A.rows, "unique": uniquely_solvable,
              "eigenvalue": lambda A: A.charpoly().eval(0) != 0,
              "sigma_min": lambda A: (A.T * A).is_positive_definite}  # σ_min² = λ_min(AᵀA)
SQUARE = RankProfiles(((1, 1), (2, 2), (3, 3), (4, 4)))

def equivalent(name):
    return Property(lambda A: INVERTIBLE[name](A) == two_sided_inverse(A), over=SQUARE)

def inverse_2x2(_):
    a, b, c, d = sp.symbols("a b c d", real=True)
    A, Ainv = sp.Matrix([[a, b], [c, d]]), 1 / (a * d - b * c) * sp.Matrix([[d, -b], [-c, a]])
    return is_zero(A * Ainv - sp.eye(2)) and is_zero(Ainv * A - sp.eye(2)) and sp.expand(A.det() - (a * d - b * c)) == 0

def kappa_is_sigma_ratio(k):
    """AᵀAvᵢ = σᵢ²vᵢ and A⁻¹A⁻ᵀvᵢ = vᵢ/σᵢ² exactly; mpmath κ₂ = σ_max/σ_min to dps − log10 κ − 3 digits."""
    s, V, Ainv = k.singular_values, k.V, k.A.inv()
    eig = all(k.A.T * k.A * V[:, i] == s[i] ** 2 * V[:, i] and Ainv * Ainv.T * V[:, i] == V[:, i] / s[i] ** 2
              for i in range(k.A.cols))
    kappa = s[0] / s[-1]
    with mpmath.workdps(DPS):
        exact = mpmath.mpf(kappa.p) / kappa.q
        return eig and abs(condition_number(k.A, dps=DPS) - exact) / exact <= mpmath.mpf(10) ** (3 - DPS) * exact

def amplification_reaches_kappa(k):
    """(‖δx‖/‖x‖)/(‖δb‖/‖b‖) = κ₂ at b = u₁, δb ∥ u_n, and ≤ κ₂ for every pair of basis vectors (exact)."""
    n, s, Ainv = k.A.cols, k.singular_values, k.A.inv()
    kappa2 = (s[0] / s[-1]) ** 2

    def amp2(b, d):
        x, dx = Ainv * b, Ainv * d
        return (dx.dot(dx) / x.dot(x)) / (d.dot(d) / b.dot(b))

    basis = [sp.eye(n)[:, i] for i in range(n)]
    return amp2(k.U[:, 0], k.U[:, n - 1] / 10**6) == kappa2 and all(amp2(b, d) <= kappa2 for b in basis for d in basis)

def cholesky_only_for_spd(C):
    """CCᵀ is positive definite (all pivots > 0: Cholesky exists); C·diag(1,…,1,−1)·Cᵀ is not."""
    D = sp.diag(*([1] * (C.rows - 1) + [-1]))
    return (C * C.T).is_positive_definite and not (C * D * C.T).is_positive_definite

def lu_and_qr(A):
    L, Uf, perm = A.LUdecomposition()
    Q, Rq = A.QRdecomposition()
    return (A.permute_rows(perm, direction="forward") == L * Uf and L.is_lower and Uf.is_upper and Rq.is_upper
            and is_zero(sp.simplify(Q * Rq - A)) and is_zero(sp.simplify(Q.T * Q - sp.eye(A.rows))))

def penrose_unique(A):
    """Axioms 1, 3, 4 (linear in X) leave X = A⁺ + N with a free family; axiom 2 forces N = 0."""
    X = symbolic("x", A.cols, A.rows)
    linear = [e for e in (sp.expand(e) for e in [*(A * X * A - A), *((A * X).T - A * X), *((X * A).T - X * A)]) if e != 0]
    sol = sp.solve(linear, list(X), dict=True) if linear else [{}]
    if len(sol) != 1:
        return False
    Xf = X.subs(sol[0])
    free = sorted(Xf.free_symbols, key=str)
    second = [sp.expand(e) for e in Xf * A * Xf - Xf]
    sol2 = sp.solve(second, free, dict=True) if free else ([{}] if all(e == 0 for e in second) else [])
    return len(sol2) == 1 and Xf.subs(sol2[0]) == pinv_exact(A)

def least_squares_facts(d):
    """A⁺b minimizes ‖Ax − b‖²; the minimizers form A⁺b + null(A), and A⁺b ⟂ null(A) (smallest norm)."""
    A, b = d["A"], d["b"]
    x, mins, K = pinv_exact(A) * b, minimizers(A, b), null_basis(A)
    return mins.is_minimizer(x) and (x.T * K).is_zero_matrix and mins.family_dimension == K.cols

def sigma_map(k, f):
    """The n×m diagonal matrix with f(σᵢ) at (i, i); Σ⁺ for f = inverse_or_zero."""
    D = sp.zeros(k.A.cols, k.A.rows)
    for i, s in enumerate(k.singular_values):
        D[i, i] = f(s)
    return D

def inverse_or_zero(s):
    return 1 / s if s != 0 else 0

def svd_formula(k):
    """Compact V_r diag(1/σ) U_rᵀ and full V Σ⁺ Uᵀ (zeros kept) equal A⁺ and pass the Penrose certificate."""
    r, full = k.rank, k.V * sigma_map(k, inverse_or_zero) * k.U.T
    compact = k.V[:, :r] * sp.diag(*[1 / s for s in k.singular_values[:r]]) * k.U[:, :r].T if r else sp.zeros(*k.A.T.shape)
    return compact == full == pinv_exact(k.A) and penrose_certificate(k.A, full).holds

def zero_kept(k):
    """Σ⁺ with 0 kept at σ_r+1 = 0 gives A⁺; an entry t there gives XAX − X = −t·v_{r+1}u_{r+1}ᵀ ≠ 0."""
    t, r, Sp = sp.Symbol("t"), k.rank, sigma_map(k, inverse_or_zero)
    St = Sp.copy()
    St[r, r] = t
    Xt = k.V * St * k.U.T
    resid = (Xt * k.A * Xt - Xt).applyfunc(sp.expand)
    return k.V * Sp * k.U.T == pinv_exact(k.A) and is_zero(resid + t * k.V[:, r] * k.U[:, r].T) and not is_zero(resid)

def projector(side):
    def holds(A):
        P = pinv_exact(A)
        Q, T = (A * P, A) if side == "column" else (P * A, A.T)
        return Q.T == Q and Q * Q == Q and Q * T == T and Q.rank() == A.rank()
    return holds

PROJECTOR_PROFILES = RankProfiles(((2, 3), (3, 2), (3, 3)))

def linear_regression(d):
    """X⁺y minimizes ‖Xw − y‖² and solves XᵀXw = Xᵀy; the minimizer is unique iff rank X = d."""
    X, y = d["A"], d["b"]
    w, mins = pinv_exact(X) * y, minimizers(X, y)
    return (mins.is_minimizer(w) and (X.T * X * w - X.T * y).is_zero_matrix
            and (mins.family_dimension == 0) == (X.rank() == X.cols))

@functools.lru_cache(maxsize=None)
def ridge_filter_proof(shape):
    """(XᵀX + λI)·V F Uᵀ = Xᵀ, F = diag(σᵢ/(σᵢ²+λ)), symbolic σ, λ, Cayley U, V; det(XᵀX + λI) ≢ 0."""
    m, n = shape
    (U_, _), (V_, _) = cayley_orthogonal(m, "p"), cayley_orthogonal(n, "q")
    s = [sp.Symbol(f"sigma{i}", positive=True) for i in range(min(m, n))]
    S, F = sp.zeros(m, n), sp.zeros(n, m)
    for i, si in enumerate(s):
        S[i, i], F[i, i] = si, si / (si**2 + lam)
    K = sp.QQ.frac_field(*sorted(U_.free_symbols | V_.free_symbols | set(s) | {lam}, key=str))
    Uk, Vk, Sk, Fk = (frac(M, K) for M in (U_, V_, S, F))
    X = Uk * Sk * Vk.transpose()
    G = X.transpose() * X + DomainMatrix.eye(n, K) * K.convert(lam)
    return G * (Vk * Fk * Uk.transpose()) == X.transpose() and G.det() != K.zero

def ridge_filter_instance(k):
    """Exact, λ symbolic: (AᵀA + λI)⁻¹Aᵀ = V diag(σ/(σ²+λ)) Uᵀ and A⁺ = V diag(1/σ, 0) Uᵀ (1/σ ↦ σ/(σ²+λ))."""
    K, F = sp.QQ.frac_field(lam), sigma_map(k, lambda s: s / (s**2 + lam))
    G = frac(k.A.T * k.A + lam * sp.eye(k.A.cols), K)
    return G * frac(k.V * F * k.U.T, K) == frac(k.A.T, K) and k.V * sigma_map(k, inverse_or_zero) * k.U.T == pinv_exact(k.A)

RIDGE_FILTER = Proof(ridge_filter_proof, at=((2, 2), (3, 2)), by="ridge_filter_proof (symbolic σ, λ, Cayley U, V)",
                     cross_check=Property(ridge_filter_instance, over=svd_cases(((3, 2), (2, 3)), NONZERO)))

def ridge_gain_bounded(_):
    s = sp.Symbol("sigma", positive=True)
    gap1, gap2 = sp.factor(sp.together(1 / s - s / (s**2 + lam))), sp.together(1 / (2 * sp.sqrt(lam)) - s / (s**2 + lam))
    closed2 = (s - sp.sqrt(lam)) ** 2 / (2 * sp.sqrt(lam) * (s**2 + lam))
    return (sp.simplify(gap1 - lam / (s * (s**2 + lam))) == 0 and bool(gap1.is_positive)
            and sp.simplify(gap2 - closed2) == 0 and bool(closed2.is_nonnegative)), f"1/σ − σ/(σ²+λ) = {gap1}"

# Expected squared error of w_λ for X with σ = 1, 1/10, w = V(1, 1)ᵀ and noise variance 1/100.
RISK_SIGMAS, NOISE = (sp.Integer(1), R(1, 10)), R(1, 100)
OLS_RISK = sum(NOISE / s**2 for s in RISK_SIGMAS)

def ridge_risk(l):
    return sum((l**2 + NOISE * s**2) / (s**2 + l) ** 2 for s in RISK_SIGMAS)

@functools.lru_cache(maxsize=None)
def risk_crossing():
    """The largest λ > 0 with risk(λ) = OLS risk (an exact algebraic number)."""
    return max(sp.Poly(sp.numer(sp.together(ridge_risk(lam) - OLS_RISK)), lam).real_roots())

RIDGE_BEATS_OLS = Property(lambda l: ridge_risk(l) < OLS_RISK, over=lambda rng: [R(1, 10**k) for k in (3, 2, 1)] + [
    sp.Integer(10**k) for k in range(3)], only_if=Condition(
    "λ below the data-dependent threshold where the ridge risk climbs back to the least-squares risk; larger λ "
    "generalizes worse than least squares", lambda l: bool(l < risk_crossing())))

def lora_fit(d):
    """Vᵀ = U⁺M minimizes ‖UVᵀ − M‖²_F, and UU⁺ is the orthogonal projector onto C(U)."""
    Uf, M = d["U"], d["M"]
    P = Uf * pinv_exact(Uf)
    return minimizers(Uf, M).is_minimizer(pinv_exact(Uf) * M) and P.T == P and P * P == P and P * Uf == Uf

def lora_cases(rng):
    return [{"U": rat(rng, m, r, rk), "M": rat(rng, m, n)} for m, r, n in ((3, 2, 2), (3, 1, 3), (2, 2, 3))
            for rk in range(min(m, r) + 1)]

def kernel_shift_spd(d):
    """K = CCᵀ ⪰ 0 and λ > 0 ⇒ K + λI ≻ 0 (Cholesky exists); a rank-deficient K alone is not ≻ 0."""
    K, n = d["C"] * d["C"].T, d["C"].rows
    return (K + d["lam"] * sp.eye(n)).is_positive_definite and (K.rank() == n or not K.is_positive_definite)

def kernels(rng):
    return [{"C": rat(rng, n, max(r, 1), r), "lam": R(rng.randint(1, 9), rng.randint(1, 9))}
            for n in (2, 3, 4) for r in range(n + 1)]

def woodbury_field(n, k):
    """Symbolic A (n×n), U (n×k), C (k×k), V (k×n) over the field K of rational functions of their entries."""
    mats = [symbolic(name, *sh) for name, sh in (("a", (n, n)), ("u", (n, k)), ("c", (k, k)), ("v", (k, n)))]
    K = sp.QQ.frac_field(*[x for M in mats for x in M])
    return (K, *(frac(M, K) for M in mats))

@functools.lru_cache(maxsize=None)
def woodbury_symbolic(shape):
    """(A + UCV)(A⁻¹ − A⁻¹U(C⁻¹ + VA⁻¹U)⁻¹VA⁻¹) = I over the field of rational functions of all entries."""
    n, k = shape
    K, A, Uf, C, V = woodbury_field(n, k)
    Ai, Ci = A.inv(), C.inv()
    return (A + Uf * C * V) * (Ai - Ai * Uf * (Ci + V * Ai * Uf).inv() * V * Ai) == DomainMatrix.eye(n, K)

def online_updates(d):
    """Rows added one at a time by the rank-1 Woodbury (Sherman–Morrison) step end at (λI + XᵀX)⁻¹."""
    X, lv = d["X"], d["lam"]
    P = sp.eye(X.cols) / lv
    for i in range(X.rows):
        Px = P * X[i, :].T
        P = P - Px * Px.T / (1 + (X[i, :] * Px)[0, 0])
    return P == (lv * sp.eye(X.cols) + X.T * X).inv()

def shifted_gram_spd(_):
    """xᵀ(AAᵀ + cI)x = ‖Aᵀx‖² + c‖x‖² for symbolic 3×3 A and x, with c the double 1e-1 > 0."""
    c, A, x = R(*(1e-1).as_integer_ratio()), symbolic("a", 3, 3), symbolic("x", 3, 1)
    quad = (x.T * (A * A.T + c * sp.eye(3)) * x)[0, 0]
    return sp.expand(quad - ((A.T * x).T * (A.T * x))[0, 0] - c * (x.T * x)[0, 0]) == 0 and c > 0

def conjugate_gradient(d):
    """Exact CG touching S only through products S·p: the exact solution in at most n steps."""
    S, b = d["S"], d["b"]
    x, r = sp.zeros(S.rows, 1), b
    p, k = r, 0
    while r.dot(r) != 0 and k < S.rows:
        Sp = S * p  # the only access to S
        alpha = r.dot(r) / p.dot(Sp)
        x, r_new = x + alpha * p, r - alpha * Sp
        p, r, k = r_new + (r_new.dot(r_new) / r.dot(r)) * p, r_new, k + 1
    return S * x == b and k <= S.rows, f"{k} steps"

def spd_systems(rng):
    return [{"S": (C := rat(rng, n, n)) * C.T + sp.eye(n), "b": rat(rng, n, 1)} for n in (3, 4, 5)]

CG = Property(conjugate_gradient, over=spd_systems)

def ridge_lowers_kappa(_):
    """κ(XᵀX) − κ(XᵀX + λI) = dλ/(s(s + λ)) > 0 (s = σ_n², d = σ₁² − σ_n²); finite at σ_n = 0."""
    s, d = sp.Symbol("s_n", positive=True), sp.Symbol("d", positive=True)
    gap = sp.factor(sp.together((s + d) / s - (s + d + lam) / (s + lam)))
    closed = d * lam / (s * (s + lam))
    return (sp.simplify(gap - closed) == 0 and bool(closed.is_positive)
            and ((d + lam) / lam).is_finite is not False), f"gap = {gap}"

@single_thread
def determinants():
    return {row.label: row for row in determinant_experiment64(330, (0.1, 10.0))}

def gram_squares_kappa(k):
    """XᵀX = V ΣᵀΣ Vᵀ exactly, so κ(XᵀX) = κ(X)²; the mpmath condition numbers agree."""
    G, cond = k.A.T * k.A, k.condition_number
    with mpmath.workdps(DPS):
        ratio = condition_number(G, dps=DPS) / condition_number(k.A, dps=DPS) ** 2
        close = abs(ratio - 1) <= mpmath.mpf(10) ** (3 - DPS) * cond**2
    sq = [s**2 for s in k.singular_values]
    return G == k.V * (k.Sigma.T * k.Sigma) * k.V.T and max(sq) / min(sq) == sp.Integer(cond) ** 2 and close

def variance_without_ridge(_):
    """tr((XᵀX)⁻¹) for XᵀX = m[[1, ρ], [ρ, 1]] → ∞ as ρ → 1⁻; the ridge factor σ²/(σ²+λ)² ≤ 1/(4λ)."""
    rho, mm, s = sp.Symbol("rho", positive=True), sp.Symbol("m", positive=True), sp.Symbol("s", positive=True)
    var = (1 / (1 + rho) + 1 / (1 - rho)) / mm
    trace_ok = sp.simplify((mm * sp.Matrix([[1, rho], [rho, 1]])).inv().trace() - var) == 0
    bounded = sp.simplify(1 / (4 * lam) - (s / (s**2 + lam)) ** 2 - (s**2 - lam) ** 2 / (4 * lam * (s**2 + lam) ** 2)) == 0
    return sp.limit(var, rho, 1, "-") == sp.oo and trace_ok and bounded

def det_is_product_of_sigmas(k):
    """|det A| = ∏σᵢ and det U, det V = ±1, so det A ≠ 0 ⇔ σ_min > 0."""
    return (abs(k.A.det()) == sp.prod(k.singular_values) and k.U.det() ** 2 == 1 and k.V.det() ** 2 == 1
            and (k.A.det() != 0) == (min(k.singular_values) > 0))

def svd_coordinates(k):
    """‖Ax − b‖² = ‖Σz − Uᵀb‖² with z = Vᵀx, symbolic x and b."""
    x, b = symbolic("x", k.A.cols, 1), symbolic("b", k.A.rows, 1)
    e1, e2 = k.A * x - b, k.Sigma * k.V.T * x - k.U.T * b
    return sp.expand(e1.dot(e1) - e2.dot(e2)) == 0

def min_norm_feasible(d):
    """A⁺b solves Ax = b and every solution A⁺b + Kt has ‖x‖² = ‖A⁺b‖² + ‖Kt‖² (t symbolic)."""
    A, b = d["A"], d["b"]
    xs, K = pinv_exact(A) * b, null_basis(A)
    x = xs + K * symbolic("t", K.cols, 1)
    Kt = x - xs
    return A * xs == b and sp.expand(x.dot(x) - xs.dot(xs) - Kt.dot(Kt)) == 0 and K.cols == A.cols - A.rank()

@functools.lru_cache(maxsize=None)
def schur_steps(_):
    """M = [[A, U], [V, −C⁻¹]], symbolic (n, k) = (2, 1): M⁻¹'s top-left block two ways, equated."""
    n = 2
    K, A, Uf, C, V = woodbury_field(n, 1)
    Ai, Ci = A.inv(), C.inv()
    D = -Ci
    top_left = DomainMatrix.vstack(DomainMatrix.hstack(A, Uf), DomainMatrix.hstack(V, D)).inv().extract(
        list(range(n)), list(range(n)))
    S_A, S_D = D - V * Ai * Uf, A - Uf * D.inv() * V
    step1 = top_left == Ai + Ai * Uf * S_A.inv() * V * Ai
    step2 = top_left == S_D.inv() and S_D == A + Uf * C * V
    step3 = Ai + Ai * Uf * S_A.inv() * V * Ai == Ai - Ai * Uf * (Ci + V * Ai * Uf).inv() * V * Ai
    return step1 and step2 and step3, f"step 1 {step1}, step 2 {step2}, step 3 {step3}"

def constructed_condition(k):
    """A = U diag(σ) Vᵀ: AᵀAV = VΣᵀΣ exactly, σ_min = 1 and κ₂ = σ_max/σ_min the chosen value."""
    return k.A.T * k.A * k.V == k.V * (k.Sigma.T * k.Sigma) and min(k.singular_values) == 1

def two_sided_iff_square(A):
    """XA = I and AX = I (a linear system in X) are solvable iff A is square of full rank."""
    X = symbolic("x", A.cols, A.rows)
    exists = bool(sp.solve([*(X * A - sp.eye(A.cols)), *(A * X - sp.eye(A.rows))], list(X), dict=True))
    return exists == (A.rows == A.cols == A.rank())

# ================================================================ intro

A_n, B_n, x_n = sp.MatrixSymbol("A", n_, n_), sp.MatrixSymbol("B", n_, n_), sp.MatrixSymbol("x", n_, 1)

art.identity("intro-inverse-undoes", lhs=sp.MatMul(sp.Inverse(A_n), A_n, x_n), rhs=x_n, assume={A_n: "invertible"},
             numeric=False, expect="proved", quote="逆矩阵是在“方阵且可逆”时,把线性变换完全“撤销”的按钮",
             statement="A⁻¹(Ax) = x for every x when A is square and invertible (prose: the inverse undoes A)")
art.identity("analogy-reverse-route", lhs=sp.Inverse(sp.MatMul(B_n, A_n)), rhs=sp.MatMul(sp.Inverse(A_n), sp.Inverse(B_n)),
             assume={A_n: "invertible", B_n: "invertible"}, numeric=False, expect="proved", quote="逆就是从 B 站按原路线回 A 站",
             statement="the subway analogy read as mathematics: going back retraces the route in reverse, (BA)⁻¹ = A⁻¹B⁻¹")

def approximate_undo(d):
    """A⁺(Ax) = x for x = Aᵀb in the row space, and b − AA⁺b ⟂ C(A)."""
    A, b = d["A"], d["b"]
    P = pinv_exact(A)
    return P * A * (A.T * b) == A.T * b and (A.T * (b - A * P * b)).is_zero_matrix

art.claim("intro-pinv-approx-undo", Property(approximate_undo, over=with_rhs(PROJECTOR_PROFILES)), expect="verified",
          quote="伪逆(Moore–Penrose 伪逆)**是在“不可逆/非方阵”时,给最合理的“近似撤销”的按钮",
          statement="A⁺ exists at every shape and rank; A⁺(Ax) = x on the row space and AA⁺b is the point of C(A) nearest b")
art.claim("intro-advice", AllOf(INV_LOSES_FORWARD, INV_UNSTABLE, RANK_DEFICIENT), expect="verified",
          quote="工程上:别无脑 inv,优先用 solve / lstsq / pinv 与 SVD/QR",
          statement="solve beats inv(A)@b in forward and backward error; where solve fails (rank-deficient) lstsq/pinv return A⁺b")

# ================================================================ 1. the inverse

art.latex("def-inverse", quote=r"A^{-1}A=AA^{-1}=I", expect="proved", assume={"A": "invertible"})
art.claim("equiv-det", equivalent("det"), expect="verified", quote=r"\det A\ne 0",
          statement="det A ≠ 0 ⇔ A has a two-sided inverse (the LaTeX is a condition, not an equation)")
art.claim("equiv-rank", equivalent("rank"), expect="verified", quote=r"\mathrm{rank}(A)=n",
          statement="rank(A) = n ⇔ A invertible (\\mathrm{rank} is outside the LaTeX subset)")
art.claim("equiv-unique-solution", equivalent("unique"), expect="verified", quote="线性方程 Ax=bA x=bAx=b 对任何 bbb 都有唯一解",
          statement="Ax = b has exactly one solution for every b (every e_i reachable, trivial null space) ⇔ A invertible")
art.claim("equiv-eigenvalue", equivalent("eigenvalue"), expect="verified", quote="0 不是 AAA 的特征值",
          statement="0 is not a root of the characteristic polynomial ⇔ A invertible")
art.claim("equiv-sigma-min", equivalent("sigma_min"), expect="verified", quote=r"\sigma_{\min}(A)>0",
          statement="σ_min(A) > 0 (AᵀA positive definite, σ_min² = λ_min(AᵀA)) ⇔ A invertible")
art.claim("equiv-all", Property(lambda A: len({test(A) for test in INVERTIBLE.values()}) == 1, over=SQUARE),
          expect="verified", quote="以下条件互相等价",
          statement="the five listed conditions take the same truth value at every matrix")
art.claim("inverse-2x2", Proof(inverse_2x2, by="A·A⁻¹ − I and A⁻¹·A − I cancel as rational functions of a, b, c, d"),
          expect="proved",
          quote=r"A=\begin{bmatrix}a&b\\c&d\end{bmatrix},\quad A^{-1}=\frac{1}{ad-bc}\begin{bmatrix}d&-b\\-c&a\end{bmatrix}.",
          statement="A·A⁻¹ = A⁻¹·A = I for symbolic a, b, c, d with ad − bc = det A ≠ 0 (bmatrix is outside the LaTeX subset)")
FORMULA_2x2 = Experiment(runs(explicit_2x2), "formula", FORWARD, "c·n·u·κ (forward stable)", relation=">=")
FORMULA_2x2_STABLE = AllOf(Experiment(runs(explicit_2x2), "formula", FORWARD, "c·n·u·κ"),
                           Experiment(runs(explicit_2x2), "bwd_formula", STABLE, "10·n·u"))
art.claim("inverse-2x2-numerics", FORMULA_2x2, expect="refuted", quote="但请注意:数值计算不要用这个手写式,用分解法更稳。",
          statement="for 2×2 systems the explicit formula is less stable than LU: its error leaves the forward-stable level c·n·u·κ")
art.claim("inverse-2x2-numerics-corrected", AllOf(FORMULA_2x2_STABLE, INV_LOSES_FORWARD, INV_UNSTABLE), expect="verified",
          quote="但请注意:数值计算不要用这个手写式,用分解法更稳。",
          statement="corrected: at n = 2 the explicit formula is as stable as LU; the explicit inverse loses against solve at larger n")

# ================================================================ 2. why inv is rarely used; condition number

INV_QUOTE = "x = inv(A) @ b(慢 + 不稳 + 浪费内存)"

@single_thread
def memory():
    """Tracked allocation peaks of inv(A) @ b and solve(A, b) on the n = 300 system."""
    A, _, b, _ = inv_solve_system(**TIMED["inv_solve"])
    return tuple(dict(case=case, peak=peak_traced_bytes(f), bound=8 * A.shape[0] ** 2)
                 for case, f in (("inv(A)@b", lambda: np.linalg.inv(A) @ b), ("solve", lambda: np.linalg.solve(A, b))))

art.claim("inv-slow", INV_FLOPS, expect="verified", quote=INV_QUOTE,
          statement="inv(A)@b is slower than solve(A, b): the inverse (2n³) plus a product costs more than LU (2n³/3)")
art.claim("inv-unstable", INV_UNSTABLE, expect="verified", quote=INV_QUOTE,
          statement="inv(A)@b is not backward stable (backward error above 10·n·u at κ ≥ 1e8) while solve is")
art.claim("inv-memory", allocates(memory, "n×n array"), expect="verified", quote=INV_QUOTE,
          statement="inv(A)@b allocates an extra n×n array that solve does not (tracked peaks; LAPACK work arrays untracked)")
art.claim("solve-saves", AllOf(INV_FLOPS, INV_LOSES_FORWARD), expect="verified",
          quote="x = solve(A, b)(LU/Cholesky/QR 背后做分解,省时省误差)",
          statement="solve saves time (fewer flops) and error (smaller forward error than inv(A)@b at every κ ≥ 1e4)")
art.claim("kappa-definition", Property(kappa_is_sigma_ratio, over=svd_cases(((3, 3), (2, 2), (4, 4)), FULL)),
          expect="verified", quote=r"\kappa_2(A)=\frac{\sigma_{\max}(A)}{\sigma_{\min}(A)}",
          statement="κ₂(A) = ‖A‖₂‖A⁻¹‖₂ equals σ_max/σ_min (κ₂(A) reads as a function application, outside the LaTeX subset)")

def kappa_at_least_one(_):
    s, d = sp.Symbol("sigma_min", positive=True), sp.Symbol("d", nonnegative=True)
    excess = sp.simplify((s + d) / s - 1)
    return bool(excess.is_nonnegative) and sp.simplify(excess - d / s) == 0, f"σ_max/σ_min − 1 = {excess}"

art.claim("kappa-ge-1", Proof(kappa_at_least_one, by="σ_max = σ_min + d, d ≥ 0, σ_min > 0"), expect="proved",
          quote=r"\kappa_2(A)=\frac{\sigma_{\max}(A)}{\sigma_{\min}(A)}\ (\ge 1).",
          statement="σ_max/σ_min ≥ 1, with equality iff all σ are equal ('(\\ge 1)' is outside the LaTeX subset)")
art.claim("kappa-amplifies", Property(amplification_reaches_kappa, over=svd_cases(((3, 3), (4, 4)), FULL)),
          expect="verified", quote="κ\\kappaκ 大 → 小误差被放大",
          statement="the relative error in x over that in b reaches κ₂ exactly (b ∥ u₁, δb ∥ u_n) and never exceeds it")
art.claim("inv-amplifies-more", AllOf(INV_LOSES_FORWARD, Experiment(runs(inv_solve, lambda r: r["kappa"] < 10), "err_inv",
                                                                    FORWARD, "c·n·u·κ")),
          expect="verified", quote="直接求逆会把误差放得更大,尤其当 σmin\\sigma_{\\min}σmin 很小",
          statement="inv(A)@b has a larger forward error than solve at every κ ≥ 1e4, and is as accurate at κ = 1")
art.claim("advice-cholesky-spd", AllOf(Property(cholesky_only_for_spd, over=RankProfiles(((2, 2, 2), (3, 3, 3), (4, 4, 4)))),
                                       CHOLESKY_FLOPS), expect="verified", quote="SPD(对称正定)矩阵:用 Cholesky。",
          statement="SPD matrices have a Cholesky factor (pivots > 0), indefinite ones not; Cholesky solves need fewer flops than LU")
art.claim("advice-lu-qr", Property(lu_and_qr, over=RankProfiles(((2, 2, 2), (3, 3, 3)))), expect="verified",
          quote="一般非奇异方阵:用 LU/QR。", statement="every nonsingular matrix has PA = LU and A = QR (reconstructed exactly)")
art.claim("advice-svd-regularize", RANK_DEFICIENT, expect="verified", quote="病态/秩亏:用 SVD/最小二乘,必要时加 正则化。",
          statement="on a rank-deficient system solve fails while lstsq/pinv (SVD) return A⁺b and a small ridge term approaches it")

# ================================================================ 3. the pseudo-inverse

art.identity("pinv-replaces-inverse", lhs=Pinv(A_n), rhs=sp.Inverse(A_n), assume={A_n: "invertible"}, expect="proved",
             quote="当 AAA 不是方阵或不可逆时,用 Moore–Penrose 伪逆 A+A^+A+ 替代",
             statement="A⁺ = A⁻¹ whenever A is invertible, so A⁺ can stand in for the inverse")
art.claim("penrose-axioms", Property(lambda A: penrose_certificate(A, pinv_exact(A)),
                                     over=RankProfiles(((2, 3), (3, 2), (3, 3), (1, 3), (3, 4)))),
          expect="verified", quote="它满足四个公理(对称投影等,这里不赘述)",
          statement="A⁺ satisfies AXA = A, XAX = X, (AX)ᵀ = AX, (XA)ᵀ = XA at every shape and rank")
art.claim("penrose-unique", Property(penrose_unique, over=RankProfiles(((2, 3), (3, 2), (2, 2)))), expect="verified",
          quote="它满足四个公理", statement="the four axioms determine A⁺ uniquely (solved exactly for a symbolic X)")
LS_CASES = with_rhs(RankProfiles(((2, 3), (3, 2), (3, 3), (1, 2))))
art.claim("ls-golden-rule", Property(lambda d: minimizers(d["A"], d["b"]).is_minimizer(pinv_exact(d["A"]) * d["b"]),
                                     over=LS_CASES), expect="verified", quote=r"displaystyle x^\̲*̲=\arg\min_x \|A",
          statement="least-squares rule, formula truncated by the capture after '\\|A': A⁺b ∈ argmin_x ‖Ax − b‖")
art.claim("min-norm-rule", Property(least_squares_facts, over=LS_CASES), expect="verified",
          quote="若解不唯一(欠定),A+bA^+ bA+b 给出所有解中 ∥x∥2\\|x\\|_2∥x∥2 最小 的那个",
          statement="every minimizer is A⁺b + Kt (K a null-space basis) with A⁺b ⟂ Kt: A⁺b has the smallest norm")
SVD_CASES = svd_cases(((3, 2), (2, 3), (3, 3), (4, 3)))
art.claim("svd-formula", Property(svd_formula, over=SVD_CASES), expect="verified",
          quote=r"A^+=V\,\Sigma^+\,U^\top,\quad \Sigma^+=\mathrm{diag}\big(\tfrac{1}{\sigma_1},\dots,\tfrac{1}{\sigma_r}\big).",
          statement="with A = UΣVᵀ, σ₁ ≥ … ≥ σ_r > 0: V Σ⁺ Uᵀ = A⁺ (diag(…) with \\dots is a FunctionMatrix the checker cannot evaluate)")

art.claim("svd-zero-rule", Property(zero_kept, over=known(matrix_with_singular_values, (3, 3, [2, 1]), (3, 2, [3]),
                                                            (2, 3, [5]), (4, 3, [3, R(1, 2)]))), expect="verified",
          quote=r"秩亏时对 σi=0\sigma_i=0σi=0 的位置保持 0",
          statement="keeping 0 where σᵢ = 0 gives A⁺; any t ≠ 0 there breaks XAX = X")
art.claim("truncated-pinv-stabler", TRUNCATION, expect="verified", quote="数值里常对小奇异值用阈值截断,形成截断伪逆(更稳)",
          statement="truncating tiny singular values keeps the noise gain below 1/σ of the kept part; the full pinv exceeds it")
art.latex("tall-formula", quote=r"A^+=(A^\top A)^{-1}A^\top", expect="proved", assume={"A": "full column rank"})
art.latex("wide-formula", quote=r"A^+=A^\top(AA^\top)^{-1}", expect="proved", assume={"A": "full row rank"})
art.claim("projector-column", Property(projector("column"), over=PROJECTOR_PROFILES), expect="verified",
          quote=r"P_{\mathcal{R}(A)} = A A^+",
          statement="AA⁺ is the orthogonal projector onto C(A): symmetric, idempotent, fixes C(A), rank A (\\mathcal{R} is outside the LaTeX subset)")
art.claim("projector-row", Property(projector("row"), over=PROJECTOR_PROFILES), expect="verified",
          quote=r"P_{\mathcal{R}(A^\top)} = A^+ A",
          statement="A⁺A is the orthogonal projector onto C(Aᵀ): symmetric, idempotent, fixes C(Aᵀ), rank A")

# ================================================================ 4. machine-learning links

X_mk, y_m, w_k = sp.MatrixSymbol("X", m_, k_), sp.MatrixSymbol("y", m_, 1), sp.MatrixSymbol("w", k_, 1)
art.claim("linreg-closed-form", Property(linear_regression, over=with_rhs(RankProfiles(((4, 2), (3, 3), (2, 3))))),
          expect="verified", quote=r"w^\̲*̲=\arg\min_w \|X",
          statement="linear regression (truncated after '\\|X'): the minimizers of ‖Xw − y‖² solve XᵀXw = Xᵀy, X⁺y unique iff full column rank")
art.argmin("ridge-closed-form", objective=sp.Trace((X_mk * w_k - y_m).T * (X_mk * w_k - y_m)) + lam * sp.Trace(w_k.T * w_k),
           wrt=w_k, claimed=sp.MatMul(sp.Inverse(X_mk.T * X_mk + lam * sp.Identity(k_)), X_mk.T, y_m), max_shapes=3,
           expect="verified", quote=r"w_\lambda=(X^\top X+\lambda I)^{-1}X^\top y.",
           statement="w_λ is the unique minimizer of ‖Xw − y‖² + λ‖w‖² (the ridge objective is named in prose, not written)")
art.claim("ridge-svd-filter", RIDGE_FILTER, expect="proved",
          quote="在 SVD 基底中,这是把每个 1/σi1/\\sigma_i1/σi 换成 σi/(σi2+λ)\\sigma_i/(\\sigma_i^2+\\lambda)σi/(σi2+λ)",
          statement="in the SVD basis the ridge operator replaces each 1/σᵢ of A⁺ by σᵢ/(σᵢ²+λ) (σᵢ = 0 stays 0)")
art.claim("ridge-suppresses", Proof(ridge_gain_bounded, by="the gaps as rational functions of σ, λ > 0"), expect="proved",
          quote="抑制小奇异值带来的放大(更稳",
          statement="σ/(σ²+λ) < 1/σ and σ/(σ²+λ) ≤ 1/(2√λ) for σ, λ > 0: the gain of every direction is bounded")
art.claim("ridge-generalizes", RIDGE_BEATS_OLS, expect="conditional", quote="也更好泛化",
          statement="ridge estimates w better than least squares (expected squared error, exact: σ = 1, 1/10, noise variance 1/100)")
art.claim("lora-least-squares", Property(lora_fit, over=lora_cases), expect="verified",
          quote="求解/拟合常落到最小二乘 + 低秩结构,背后仍然是 SVD/伪逆/投影 的数学",
          statement="a low-rank fit UVᵀ ≈ M with U fixed is least squares solved by Vᵀ = U⁺M; the fit UU⁺M projects M onto C(U)")
art.claim("kernel-cholesky", Property(kernel_shift_spd, over=kernels), expect="verified",
          quote="核矩阵 KKK 要 PSD,训练中求解 (K+λI)α=y(K+\\lambda I)\\alpha=y(K+λI)α=y。这类系统适合 Cholesky",
          statement="K PSD (any rank) and λ > 0 ⇒ K + λI is SPD, so Cholesky applies; a rank-deficient K alone has no Cholesky factor")

@single_thread
def nystrom():
    KI, y, route, _ = low_rank_kernel_system(**TIMED["low_rank_kernel"])
    ev = np.linalg.eigvalsh(KI)
    return (dict(case="Nyström + Woodbury vs dense solve", n=KI.shape[0], kappa=float(ev[-1] / ev[0]),
                 error=rel(route(), np.linalg.solve(KI, y))),)

NYSTROM = AllOf(model_faster(costs.low_rank_solve_flops, dense_solve_flops, sizes_of("low_rank_kernel"),
                             seconds("low_rank_kernel", "t_dense", "t_nystrom")),
                Experiment(runs(nystrom), "error", FORWARD, "c·n·u·κ(K + λI)", leg="float64"))
art.claim("nystrom-faster", NYSTROM, expect="verified", quote="若要“近似逆”,用 Nyström / 低秩 SVD 更高效",
          statement="for a low-rank kernel, Nyström + Woodbury solves (K + λI)α = y with fewer flops than a dense solve, as accurately")

# ================================================================ 5. Woodbury

WOODBURY = r"(A+U C V)^{-1} = A^{-1} - A^{-1} U(C^{-1}+V A^{-1} U)^{-1}V A^{-1}."
art.latex("woodbury", quote=WOODBURY, expect="verified", assume={"A": "invertible", "C": "invertible"},
          statement="Woodbury identity, with A and C invertible (the formula itself writes A⁻¹ and C⁻¹)")
art.claim("woodbury-symbolic", Proof(woodbury_symbolic, at=((2, 1), (1, 2))), expect="proved", quote=WOODBURY,
          statement="(A + UCV)·RHS = I identically in symbolic entries (a rank-1 update, and a 2×2 capacitance C)")

@single_thread
def woodbury_accuracy():
    M, update = woodbury_system(**TIMED["woodbury"])
    full = np.linalg.inv(M)
    kappa = float(np.linalg.norm(M) * np.linalg.norm(full))  # κ_F ≥ κ₂, without an SVD
    return (dict(case="Woodbury update vs inv(A + UCV)", n=M.shape[0], kappa=kappa, error=rel(update(), full)),)

WOODBURY_UPDATE = AllOf(model_faster(costs.woodbury_update_flops, recomputed_inverse_flops, sizes_of("woodbury"),
                                     seconds("woodbury", "t_full", "t_wood")),
                        Experiment(runs(woodbury_accuracy), "error", FORWARD, "c·n·u·κ_F", leg="float64"))
art.claim("woodbury-no-recompute", WOODBURY_UPDATE, expect="verified", quote="当你要反转 A+UCVA+U C VA+UCV(低秩更新)时,不必重算大逆",
          statement="with A⁻¹ known, the Woodbury update needs fewer flops than recomputing the n×n inverse, and agrees with it")
art.claim("woodbury-online", Property(online_updates, over=lambda rng: [
    {"X": rat(rng, 5, d), "lam": R(rng.randint(1, 5), rng.randint(1, 3))} for d in (3, 4)]), expect="verified",
          quote="典型用法:特征维高、增量低秩的在线更新",
          statement="online update: adding rows one at a time with the rank-1 Woodbury step reproduces (λI + XᵀX)⁻¹ exactly")
X_ad = sp.MatrixSymbol("X", m_, k_)
art.identity("woodbury-kernel-ridge", lhs=sp.MatMul(sp.Inverse(X_ad.T * X_ad + lam * sp.Identity(k_)), X_ad.T),
             rhs=sp.MatMul(X_ad.T, sp.Inverse(X_ad * X_ad.T + lam * sp.Identity(m_))), numeric=False, expect="verified",
             quote="岭回归的“核化”版本与卡尔曼滤波也频繁用到它",
             statement="kernelized ridge (push-through form of Woodbury): (XᵀX + λI)⁻¹Xᵀ = Xᵀ(XXᵀ + λI)⁻¹, λ > 0")
P_s, R_s, H_s = sp.MatrixSymbol("P", n_, n_), sp.MatrixSymbol("R", m_, m_), sp.MatrixSymbol("H", m_, n_)
art.identity("woodbury-kalman", lhs=sp.Inverse(sp.Inverse(P_s) + sp.MatMul(H_s.T, sp.Inverse(R_s), H_s)),
             rhs=P_s - sp.MatMul(P_s, H_s.T, sp.Inverse(R_s + sp.MatMul(H_s, P_s, H_s.T)), H_s, P_s),
             assume={P_s: ["positive semidefinite", "invertible"], R_s: ["positive semidefinite", "invertible"]},
             numeric=False, max_shapes=3, expect="verified", quote="岭回归的“核化”版本与卡尔曼滤波也频繁用到它",
             statement="Kalman covariance update via Woodbury: (P⁻¹ + HᵀR⁻¹H)⁻¹ = P − PHᵀ(R + HPHᵀ)⁻¹HP, P, R ≻ 0")

# ================================================================ 6. choosing a solver

art.claim("choose-solver", AllOf(INV_LOSES_FORWARD, INV_UNSTABLE, RANK_DEFICIENT), expect="verified",
          quote="说明:优先分解,谨慎求逆;病态就去 SVD/正则化。",
          statement="factorization (solve) beats the explicit inverse; rank-deficient systems need SVD (lstsq/pinv) or regularization")

# ================================================================ 7. the code cheat-sheet (NumPy lines run seeded; torch lines skipped)

def smallest_eigenvalue_is_shift(A):
    """λ_min(A) ≥ c − c₀·n·u·λ_max for the seeded A = GGᵀ + cI (eigenvalues accurate to c₀·n·u·‖A‖)."""
    ev = np.linalg.eigvalsh(A)
    return bool(ev[0] >= TIMED["spd_shift"]["shift"] - FLOAT64_SAFETY * len(ev) * U * ev[-1]), f"λ_min = {ev[0]:.6g}"

art.claim("code-spd", Proof(shifted_gram_spd, by="xᵀ(AAᵀ + cI)x − ‖Aᵀx‖² − c‖x‖² expands to 0, c = 3602879701896397/2**55",
                            cross_check=Property(smallest_eigenvalue_is_shift, over=lambda rng: [cheatsheet()["A"]])),
          expect="proved", quote="A = A @ A.T + 1e-1*np.eye(300) # SPD",
          statement="AAᵀ + cI with c the double 1e-1 is SPD for every real A; the seeded run's λ_min is c up to rounding")

def cheatsheet_backward(seed):
    r = cheatsheet()
    return [dict(case="x1 = solve(A, b)", n=r["A"].shape[0], error=backward_error(r["A"], r["x1"], r["b"]))]

art.claim("code-solve-vs-inv", AllOf(model_faster(costs.lu_solve_flops, costs.inverse_apply_flops, ({"n": 300},),
                                                  seconds("spd_shift", "t_solve", "t_inv")),
                                     Experiment(cheatsheet_backward, "error", STABLE, "10·n·u (backward stable)", leg="float64")),
          expect="verified", quote="# (1) 线性方程:solve >> inv@b",
          statement="in the cheat-sheet run (300×300 SPD, seeded) solve needs fewer flops than inv@b and is backward stable")

def lstsq_pinv_runs(seed):
    r = cheatsheet()
    X, y, w = r["X"], r["y"], r["w_pinv"]
    diff, _, bound = agreement(X, y, r["w_lstsq"], w)
    off_row_space = rel(X.T @ np.linalg.lstsq(X.T, w, rcond=None)[0], w)
    return [dict(case="‖w_lstsq − w_pinv‖/‖w‖", error=diff, bound=bound),
            dict(case="‖Xw − y‖/‖y‖", error=rel(X @ w, y), bound=bound),
            dict(case="distance of w to the row space", error=off_row_space, bound=bound)]

art.claim("code-lstsq-pinv", within(lstsq_pinv_runs, "c·max(m,d)·u·κ"), expect="verified",
          quote="w_pinv = np.linalg.pinv(X) @ y # 基于SVD的伪逆",
          statement="the cheat-sheet run: lstsq and pinv@y agree, solve Xw = y and lie in the row space (minimum norm): both are X⁺y")

def under_over_runs(seed):
    r, rng, out = cheatsheet(), np.random.default_rng(1), []
    for m, d in ((200, 300), (300, 200)):
        X, y = (r["X"], r["y"]) if (m, d) == r["X"].shape else (rng.standard_normal((m, d)), rng.standard_normal(m))
        w_l, w_p = (r["w_lstsq"], r["w_pinv"]) if X is r["X"] else (np.linalg.lstsq(X, y, rcond=None)[0], np.linalg.pinv(X) @ y)
        diff, normal, bound = agreement(X, y, w_l, w_p)
        out += [dict(case=f"{m}x{d} lstsq vs pinv", error=diff, bound=bound),
                dict(case=f"{m}x{d} normal equations", error=normal, bound=bound)]
    return out

art.claim("code-under-over", within(under_over_runs, "c·max(m,d)·u·κ"), expect="verified",
          quote="m, d = 200, 300 # 欠定 or 过定都可",
          statement="lstsq and pinv@y work for underdetermined and overdetermined X alike: they agree and solve the normal equations")
art.claim("code-lstsq-most-stable", AllOf(Experiment(runs(least_squares), "lstsq", BOUND, "c·max(m,n)·u·κ"), NORMAL_WORSE),
          expect="verified", quote="# 最稳的通用方法",
          statement="lstsq is as stable as QR and pinv (rounding level c·max(m,n)·u·κ at every κ); the normal equations are not")

def ridge_runs(seed):
    r = cheatsheet()
    Uf, s, Vt = r["svd"]
    filtered = Vt.T @ ((s / (s**2 + r["lam"])) * (Uf.T @ r["y"]))
    return [dict(case="w_ridge vs V diag(σ/(σ²+λ))Uᵀy", error=rel(r["w_ridge"], filtered),
                 bound=f64_error_bound(*r["X"].shape, float((s[0] ** 2 + r["lam"]) / r["lam"])))]

art.claim("code-ridge", within(ridge_runs, "c·max(m,d)·u·κ(XᵀX + λI)"), expect="verified",
          quote="w_ridge = np.linalg.solve(X.T @ X + lam*np.eye(d), X.T @ y)",
          statement="the cheat-sheet ridge line (λ = 1e-1, seeded) equals the SVD filter V diag(σ/(σ²+λ)) Uᵀy")
art.claim("code-torch", NotCheckable("torch is not a dependency of derivcheck, so these lines are not run; their NumPy "
                                     "counterparts (lstsq, pinv, ridge solve) are the claims code-lstsq-pinv and code-ridge"),
          expect="not-checkable", quote="# (4) PyTorch 版本",
          statement="torch.linalg lstsq / pinv / solve give the same results as the NumPy lines")

def lstsq_svd_runs(seed):
    r, d = cheatsheet(), rank_deficient()
    s = r["svd"][1]
    return [dict(case="lstsq's singular values vs np.linalg.svd", error=float(np.max(np.abs(r["sv"] - s)) / s[0]),
                 bound=f64_error_bound(*r["X"].shape, 1.0)), next(x for x in d if x["case"] == "lstsq")]

art.claim("lstsq-internals", AllOf(within(lstsq_svd_runs, "c·max(m,n)·u·κ"),
                                   Property(lambda rank: rank == 200, over=lambda rng: [cheatsheet()["rank"]])),
          expect="verified", quote="lstsq是“万金油”(内部用 QR/SVD)",
          statement="numpy lstsq is SVD-based (returns the singular values of svd and the rank) and handles every shape and rank")
PROJ_A = sp.Matrix(random_rational_matrix(5, 4, rank=2, seed=34))

def projector_runs(seed):
    Af = exact_to_f64(PROJ_A)
    P, bound = Af @ np.linalg.pinv(Af), f64_error_bound(5, 4, float(condition_number(PROJ_A)))
    return [dict(case="‖P − Pᵀ‖", error=float(np.linalg.norm(P - P.T, 2)), bound=bound),
            dict(case="‖P² − P‖", error=float(np.linalg.norm(P @ P - P, 2)), bound=bound)]

art.claim("pinv-explicit-projector", AllOf(Property(lambda A: penrose_certificate(A, pinv_exact(A)), over=lambda rng: [PROJ_A],
                                                    legs=("pinv",)), within(projector_runs, "c·max(m,n)·u·κ")),
          expect="verified", quote="pinv用于需要显式伪逆或投影器",
          statement="np.linalg.pinv returns A⁺ itself (exact, mpmath and float64 agree) and A @ pinv(A) is a float64-accurate projector")
art.claim("iterative-cg", CG, expect="verified", quote="大问题优先用迭代法(CG)+ 矩阵–向量乘接口",
          statement="CG touches A only through products A·p and, in exact arithmetic, solves an SPD system in at most n steps")

# ================================================================ 8. numerical stability

art.claim("threshold-truncation", AllOf(Property(lambda d: tuple(np.diag(np.linalg.pinv(np.diag(d)))) == (1.0, 0.0),
                                                 over=lambda rng: [(1.0, 1e-20)]), TRUNCATION),
          expect="verified", quote="中对小于tol的奇异值置零,避免放大噪声",
          statement="np.linalg.pinv zeroes singular values below rcond·σ_max, and doing so stops the noise amplification")

@single_thread
def standardized():
    Z = np.random.default_rng(0).standard_normal((50, 3))
    X = np.column_stack([1000 + Z[:, 0], 1e-3 * Z[:, 1], 1e3 * Z[:, 2]])
    return (dict(case="50x3, offsets and scales 1, 1e-3, 1e3", after=float(np.linalg.cond((X - X.mean(0)) / X.std(0))),
                 before=float(np.linalg.cond(X))),)

art.claim("standardize-kappa", Experiment(runs(standardized), "after", lambda r: r["before"] / 10**3,
                                          "κ(X)/10³ (three orders of magnitude)", leg="float64"),
          expect="verified", quote="回归前标准化特征能显著降低条件数",
          statement="standardizing features (centre, unit variance) can lower κ by orders of magnitude (numpy seed 0)")
art.claim("ridge-diagonal-stability", Proof(ridge_lowers_kappa, by="κ as (σ₁² + λ)/(σ_n² + λ), symbolic"), expect="proved",
          quote="X⊤X+λIX^\\top X+\\lambda IX⊤X+λI(岭)提升稳定性",
          statement="κ(XᵀX + λI) = (σ₁² + λ)/(σ_n² + λ) < σ₁²/σ_n² = κ(XᵀX) for λ > 0, and finite when XᵀX is singular")
art.claim("det-unreliable", Property(lambda label: determinants()[label].det_misleads, over=lambda rng: list(determinants())),
          expect="verified", quote="det在数值上不稳定,用分解/条件数更靠谱",
          statement="det misjudges invertibility (0 or inf for scaled identities with κ = 1, 1 for a κ ≈ 1e16 matrix); κ₂ does not")

def residual_runs(seed):
    return [dict(case=f"{method}, {r['case']}", rep=r["rep"], n=r["n"], method=method, bwd=r[key])
            for r in inv_solve() if r["kappa"] >= 1e8 for method, key in (("inv(A)@b", "bwd_inv"), ("solve", "bwd_solve"))]

def norm_reveals(k):
    """x = A⁻¹(b + δ), δ = 1e-8·u_n: ‖x − x_true‖ = 1e-8/σ_min exactly (what ‖x‖ reveals)."""
    dx = k.A.inv() * k.U[:, 2] * R(1, 10**8)
    return dx.dot(dx) == (R(1, 10**8) / k.singular_values[-1]) ** 2

RESIDUAL_CHECK = AllOf(Experiment(residual_runs, "bwd", STABLE, "10·n·u (what a backward-stable solve leaves)",
                                  relation=">=", only_if=Condition(
    "the residual exposes an unstable method (inv: backward error ≫ u), not ill-conditioning itself: solve leaves a "
    "residual ≈ u while its error is ≈ uκ; only ‖x‖ (under noisy data) or κ reveals that",
    lambda r: r["method"] == "inv(A)@b")), Property(norm_reveals, over=lambda rng: [
        matrix_with_singular_values(3, 3, [1, R(1, 2), R(1, 10**12)], seed=0)]))
art.claim("check-residual", RESIDUAL_CHECK, expect="conditional", quote="检查残差:解出来后看 ∥Ax−b∥\\|Ax-b\\|∥Ax−b∥ 与 ∥x∥\\|x\\|∥x∥,防止被病态坑",
          statement="looking at ‖Ax − b‖ and ‖x‖ guards against ill-conditioning")

# ================================================================ 9. pitfalls

art.claim("inv-not-solver", AllOf(INV_FLOPS, INV_LOSES_FORWARD, INV_UNSTABLE), expect="verified", quote="inv只是数学对象,工程不用它",
          statement="as a solver, inv(A)@b loses to solve on cost (flop model) and on forward and backward error")
SPD_QUOTE = "明明 SPD 却没用 Cholesky:速度和稳定性都亏"
art.claim("spd-without-cholesky", AllOf(CHOLESKY_FLOPS, Experiment(runs(cholesky_vs_lu, lambda r: r["case"].startswith("LU")),
                                                                   "bwd", STABLE, "10·n·u (backward stable)", relation=">=")),
          expect="refuted", quote=SPD_QUOTE,
          statement="on SPD systems LU (solve) instead of Cholesky loses speed (flop model) and backward stability")
art.claim("spd-without-cholesky-corrected", AllOf(CHOLESKY_FLOPS, Experiment(runs(cholesky_vs_lu), "bwd", STABLE, "10·n·u"),
                                                  Experiment(runs(cholesky_vs_lu), "fwd", FORWARD, "c·n·u·κ")),
          expect="verified", quote=SPD_QUOTE,
          statement="corrected: on SPD systems LU with pivoting is as stable as Cholesky; skipping Cholesky costs speed only")
art.claim("normal-eq-squares-kappa", Property(gram_squares_kappa, over=known(
    matrix_with_condition_number, (5, 3, 10**3), (4, 2, 10**6), (6, 4, 97))),
          expect="verified", quote="直接解 (X⊤X)w=X⊤y(X^\\top X)w=X^\\top y(X⊤X)w=X⊤y 会把条件数平方",
          statement="κ(XᵀX) = κ(X)² exactly: XᵀX = V ΣᵀΣ Vᵀ at X with exact κ; the mpmath leg agrees")
art.claim("normal-eq-worse", NORMAL_WORSE, expect="verified", quote="会把条件数平方,不如 QR/SVD",
          statement="the normal equations leave the rounding level c·max(m,n)·u·κ once κ ≥ 1e6 (≈ uκ²); QR, pinv and lstsq stay within it")
art.claim("forget-regularization", AllOf(Proof(variance_without_ridge, by="sympy.limit and rational identities"),
                                         Property(lambda X: (X.T * X).det() == 0, over=RankProfiles(((2, 3, 2), (3, 5, 3))))),
          expect="verified", quote="忘了正则:高相关/高维/少样本的回归不加 λ\\lambdaλ 极易炸",
          statement="without λ the variance tr((XᵀX)⁻¹) diverges as the correlation ρ → 1, the ridge factor stays ≤ 1/(4λ); XᵀX is singular for d > m")

def rcond_runs(keep):
    """The rcond sweep's runs: 'good' keeps exactly the true rank 2, else too small or too large."""
    return lambda seed: [r for r in noisy_rank_two()["sweep"] if (r["kept"] == 2) == (keep == "good")]

art.claim("pinv-tolerance", AllOf(Experiment(rcond_runs("bad"), "error", BOUND, "2φ‖E‖₂/σ₂ (Wedin)", relation=">="),
                                  Experiment(rcond_runs("good"), "error", BOUND, "2φ‖E‖₂/σ₂ (Wedin)")),
          expect="verified", quote="的容差太小/太大都会出问题",
          statement="pinv's tolerance fails both ways (too small keeps noise, too large drops signal); in between: the noise's perturbation level")
DEFAULT_TOLERANCE = Experiment(lambda seed: noisy_rank_two()["defaults"], "error", BOUND,
                               "c·n·u·κ (exact data) or 2φ‖E‖₂/σ₂ (noisy data)", only_if=Condition(
    "the default (≈1e-15·σ_max) suits data accurate to rounding; when the data carry noise ≫ u·σ_max, the tolerance "
    "must follow the noise level", lambda r: r["case"].startswith("exact")))
art.claim("pinv-tolerance-default", DEFAULT_TOLERANCE, expect="conditional", quote="根据数据尺度设定或用默认",
          statement="setting the tolerance by the data's scale, or keeping NumPy's default, gives a good pinv")

@single_thread
def projector_memory():
    rng = np.random.default_rng(4)
    A, x = rng.standard_normal((1500, 5)), rng.standard_normal(1500)
    Q = np.linalg.qr(A)[0]
    peaks = [peak_traced_bytes(lambda: (A @ np.linalg.pinv(A)) @ x),
             peak_traced_bytes(lambda: np.linalg.qr(A)[0] @ (np.linalg.qr(A)[0].T @ x))]
    return (dict(case="explicit AA⁺", peak=peaks[0], bound=8 * 1500**2), dict(case="Q(Qᵀx)", peak=peaks[1], bound=8 * 1500**2),
            dict(case="AA⁺x vs Q(Qᵀx)", error=rel(A @ np.linalg.pinv(A) @ x, Q @ (Q.T @ x)),
                 bound=f64_error_bound(1500, 5, float(np.linalg.cond(A)))))

art.claim("memory-projector", AllOf(allocates(lambda: projector_memory()[:2], "m×m array"),
                                    within(lambda s: projector_memory()[2:], "c·m·u·κ")), expect="verified", quote="显式构造巨型逆/投影器(如 AA+AA^+AA+)不必要;用线性算子与乘法接口",
          statement="the projector AA⁺ of a tall A applied as Q(Qᵀx) agrees with the explicit matrix without its m×m array (tracked memory)")

# ================================================================ 10. exercises

art.claim("ex1-sigma-min", Property(det_is_product_of_sigmas, over=svd_cases(((2, 2), (3, 3), (4, 4)))), expect="verified",
          quote="证明“可逆 ⇔ σmin(A)>0\\sigma_{\\min}(A)>0σmin(A)>0”",
          statement="with A = UΣVᵀ, |det A| = ∏σᵢ, so A invertible ⇔ every σᵢ > 0 ⇔ σ_min > 0")
art.latex("ex2-argmin", quote=r"\arg\min_x \|Ax-b\|_2^2 = A^+ b", expect="conditional")
art.claim("ex2-argmin-corrected", Property(least_squares_facts, over=LS_CASES), expect="verified",
          quote=r"\arg\min_x \|Ax-b\|_2^2 = A^+ b",
          statement="corrected: A⁺b is the minimum-norm element of argmin_x ‖Ax − b‖², the single point only for full column rank")
art.claim("ex2-hint-svd", Property(svd_coordinates, over=known(matrix_with_singular_values, (3, 2, [2, 1]), (2, 3, [3]),
                                                                (3, 3, [4, 1]))),
          expect="verified", quote=r"\min_z \|\Sigma z - U^\top b\|",
          statement="with z = Vᵀx, ‖Ax − b‖² = ‖Σz − Uᵀb‖² for every x, b, so the two minimizations are the same problem")
art.claim("ex3-min-norm", Property(min_norm_feasible, over=with_rhs(RankProfiles(
    ((1, 2, 1), (2, 3, 1), (2, 3, 2), (2, 4, 1), (2, 4, 2), (3, 4, 1), (3, 4, 2), (3, 4, 3))), consistent=True)),
          expect="verified", quote="证明 A+bA^+ bA+b 是 ∥x∥2\\|x\\|_2∥x∥2 最小的可行解",
          statement="for wide A and consistent b, A⁺b is feasible and every feasible x = A⁺b + Kt has ‖x‖² = ‖A⁺b‖² + ‖Kt‖²")
art.claim("ex4-ridge-svd", RIDGE_FILTER, expect="proved",
          quote=r"w_\lambda = V\,\mathrm{diag}(\tfrac{\sigma_i}{\sigma_i^2+\lambda})\,U^\top y",
          statement="w_λ = V diag(σᵢ/(σᵢ²+λ)) Uᵀy (diag over an index is a FunctionMatrix the checker cannot evaluate)")
art.claim("ex5-woodbury-schur", Proof(schur_steps, by="Schur complements of A and of −C⁻¹ in QQ(entries)"), expect="proved",
          quote=r"\begin{bmatrix}A & U\\ V & -C^{-1}\end{bmatrix}",
          statement="M⁻¹'s top-left block is A⁻¹ + A⁻¹U S_A⁻¹VA⁻¹ and (A + UCV)⁻¹ (Schur complements); equating gives Woodbury")
art.claim("ex6-experiment", AllOf(INV_LOSES_FORWARD, INV_UNSTABLE, INV_FLOPS), expect="verified",
          quote="inv(A)@b与solve(A,b)的误差与时间",
          statement="the exercise's experiment, run: at large κ solve has the smaller forward and backward error, and it is faster")
art.claim("ex6-hint", Property(constructed_condition, over=known(matrix_with_condition_number, *(
    (4, 4, c) for c in (10**4, 10**8, 10**12)))),
          expect="verified", quote="提示:用 SVD 控制 σmin\\sigma_{\\min}σmin 生成病态矩阵",
          statement="A = U diag(σ) Vᵀ with chosen σ has exactly those singular values, so σ_min and κ₂ are controlled")

# ================================================================ 11. summary

art.claim("summary-inverse-square-only", Property(two_sided_iff_square, over=RankProfiles(((2, 3), (3, 2), (2, 2), (3, 3)))),
          expect="verified", quote="逆只在“方阵且可逆”时存在",
          statement="a two-sided inverse (XA = I and AX = I) exists only for square invertible A")
art.claim("summary-pinv", AllOf(Property(svd_formula, over=SVD_CASES), Property(least_squares_facts, over=LS_CASES)),
          expect="verified", quote="伪逆用 SVD 处理非方阵/秩亏问题,给出最小二乘与最小范数解",
          statement="A⁺ = V Σ⁺ Uᵀ at every shape and rank, and A⁺b is the minimum-norm least-squares solution")
art.claim("summary-projectors", AllOf(Property(projector("column"), over=PROJECTOR_PROFILES),
                                      Property(projector("row"), over=PROJECTOR_PROFILES)),
          expect="verified", quote="AA+A A^+AA+ / A+AA^+ AA+A 是正交投影器",
          statement="AA⁺ and A⁺A are orthogonal projectors (symmetric, idempotent) at every shape and rank")
art.claim("summary-stability", AllOf(NORMAL_WORSE, RANK_DEFICIENT, CG), expect="verified",
          quote="优先 Cholesky/QR/SVD,必要时正则化;大问题用迭代法 + HVP",
          statement="after the value judgement 稳定性胜过一切: orthogonal factorizations beat normal equations, λ rescues, CG needs only A·p")
art.claim("summary-mnemonic", AllOf(INV_LOSES_FORWARD, INV_UNSTABLE, NORMAL_WORSE, RANK_DEFICIENT), expect="verified",
          quote="能 solve 不 inv;能 QR/SVD 不 normal;病态就正则",
          statement="solve ≻ inv@b, QR/SVD ≻ normal equations, and regularization/SVD where ill-posed")

if __name__ == "__main__":
    art.main()
