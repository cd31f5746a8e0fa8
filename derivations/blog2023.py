"""Derivations of the blog post "矩阵低秩近似 —— 伪逆" (2023-09-23), step by step.

Every mathematical claim of the post is registered with its verbatim quote:
the optimisation definition and its shapes, the Frobenius norm and the trace,
the gradient and the closed forms, the regularised limit, the three proofs
that AᵀA + λI is invertible, the properties list, the SVD route, the two code
blocks with their printed outputs, and the numerical advice of the last part
(decided by measured experiments against exact truths). Each claim states what
it claims as data (derivations/README.md); verdicts are computed.

Run ``python derivations/blog2023.py`` (or ``derivcheck verify`` on this file).
"""

from __future__ import annotations

import functools
import itertools
import math

import mpmath
import numpy as np
import sympy as sp

from derivcheck import (
    AllOf, Argmin, Article, Condition, Experiment, Identity, LatexFormula, NotCheckable, Pinv, PrintedMatrix,
    Proof, Property, RankProfiles, WellShaped,
)
from derivcheck.checks.argmin import minimizers_at
from derivcheck.checks.evaluate import ExactBackend, evaluate
from derivcheck.checks.properties import draw_profiles
from derivcheck.compare import (
    condition_number, exact_to_f64, exact_to_mp, f64_error_bound, f64_to_exact, relative_error,
)
from derivcheck.errors import InputShapeError
from derivcheck.exact import (
    matrix_with_condition_number, matrix_with_singular_values, penrose_certificate, pinv_exact, prove_norm_vec,
    random_rational_matrix,
)
from derivcheck.exact.frobenius import symbolic_matrix
from derivcheck.exact.limits import limit_at_zero_plus
from derivcheck.exact.optima import is_psd_by_elimination, psd_by_principal_minors
from derivcheck.f64 import UNIT_ROUNDOFF, pinv_svd64, ridge_sweep64, singular_values64
from derivcheck.highprec import svd_mp
from derivcheck.latex import parse_latex

art = Article("blog-2023", "矩阵低秩近似 —— 伪逆", "blog post, 2023-09-23", filename="blog-2023-pseudo-inverse.md")

# The article's shapes: A, M ∈ R^{m×n}; the unknown B of min ‖AB − M‖ (n×k), of min ‖AB − I_m‖ (n×m).
m, n, k = sp.symbols("m n k", integer=True, positive=True)
lam, mu, t = sp.Symbol("lambda", positive=True), sp.Symbol("mu", positive=True), sp.Symbol("t")
A, B, M = sp.MatrixSymbol("A", m, n), sp.MatrixSymbol("B", n, k), sp.MatrixSymbol("M", m, k)
B_right, x, b = sp.MatrixSymbol("B", n, m), sp.MatrixSymbol("x", n, 1), sp.MatrixSymbol("b", m, 1)
I_m, I_n = sp.Identity(m), sp.Identity(n)
_R = sp.Rational

def frob2(X):
    """‖X‖²_F = Tr(XᵀX) as a SymPy expression."""
    return sp.Trace(X.T * X)

def sumsq(X):
    """Σ X_ij² of an explicit matrix."""
    return sum((e**2 for e in X), sp.Integer(0))

def gram(X):
    return sp.ImmutableMatrix(X.T * X)

def charpoly(S):
    return charpoly_of(sp.ImmutableMatrix(S))

@functools.lru_cache(maxsize=None)
def charpoly_of(S):
    """det(tI − S) as an expression, remembered by the value of S."""
    return S.charpoly(t).as_expr()

def rat(rng, rows, cols, rank=None):
    """A random exact rational matrix drawn from the claim's generator."""
    return sp.ImmutableMatrix(random_rational_matrix(rows, cols, rank=rank, seed=rng.randrange(2**31)))

def drawn(profiles, rng):
    return [a for _, a in draw_profiles(profiles, rng.randrange(2**31))]

def error_of(computed, truth) -> float:
    """Relative 2-norm error against the exact truth; inf when the computed matrix is not finite."""
    return float(relative_error(computed, truth, norm="2")) if np.all(np.isfinite(computed)) else math.inf

LOSS = frob2(A * B - M)
LOSS_RIGHT = frob2(A * B_right - I_m)
RIDGE = sp.MatMul(sp.Inverse(A.T * A + lam * I_n), A.T)

#: Every shape up to 3×3 (tall, wide, square), each at every rank.
SHAPES = ((1, 2), (2, 1), (2, 2), (3, 2), (2, 3), (3, 3))
ALL_RANKS = RankProfiles(SHAPES)
NINE_SHAPES = tuple(itertools.product(range(1, 4), repeat=2))

def well_shaped(formula, shapes) -> bool:
    try:
        parse_latex(formula, shapes=shapes)
    except InputShapeError:
        return False
    return True

def minimizes(objective, X, values, candidate, min_norm=True):
    """*candidate* minimizes the quadratic *objective* over X: the Hessian H and the gradient g at 0 are read off exact
    values of the objective by polarisation (its quadratic model re-checked at the candidate), H ⪰ 0 and
    H·vec(candidate) + g = 0; with *min_norm* also candidate ⟂ null(H) (the minimum-norm minimizer)."""
    a = values[A]
    dims = {m: a.rows, n: a.cols, k: values[M].cols if M in values else 1}
    rows, cols = (int(sp.sympify(d).subs(dims)) for d in X.shape)
    size = rows * cols
    f = lambda vec: evaluate(objective, {**values, X: sp.Matrix(rows, cols, vec)}, ExactBackend(), dims=dims)  # noqa: E731
    e = lambda *ids: [sum(i == j for i in ids) for j in range(size)]  # noqa: E731  (e_i + e_j + ...)
    f0, plus, minus = f(e()), [f(e(i)) for i in range(size)], [f([-c for c in e(i)]) for i in range(size)]
    H = sp.diag(*[p + q - 2 * f0 for p, q in zip(plus, minus)])
    for i, j in itertools.combinations(range(size), 2):
        H[i, j] = H[j, i] = f(e(i, j)) - plus[i] - plus[j] + f0
    g, v = sp.Matrix([(p - q) / 2 for p, q in zip(plus, minus)]), sp.Matrix(list(candidate))
    return (f(list(v)) == f0 + (g.T * v)[0, 0] + (v.T * H * v)[0, 0] / 2 and (H * v + g).is_zero_matrix
            and is_psd_by_elimination(H) and (not min_norm or all((v.T * z).is_zero_matrix for z in H.nullspace())))

def with_rhs(rng, cols=None):
    """Each A of every shape and rank, with a random right-hand side M (m×cols; cols 1 or 2 when not given)."""
    return [{"A": a, "M": rat(rng, a.rows, cols or rng.randint(1, 2))} for a in drawn(ALL_RANKS, rng)]

# ================================================================ 1. the optimisation definition and its shapes

art.claim("opt-problem-shapes", WellShaped(shapes={"A": ("m", "n"), "M": ("m", "n")}), expect="proved",
          quote=r"\min_B \| AB - M \|_F^2",
          statement="With the declared A, M ∈ R^{m×n}, min_B ||AB − M||_F² is shape-consistent.")
SQUARE_M = Condition("m = n (a target for A⁺ must be I_m ∈ R^{m×m}, i.e. M ∈ R^{m×p} with p free; with "
                     "M ∈ R^{m×n} the minimiser B is n×n, not the n×m shape of A⁺)", lambda s: s[0] == s[1])
art.claim("target-shape-pinv", Property(lambda s: well_shaped("M = I", {"M": s}), over=lambda rng: NINE_SHAPES,
                                        only_if=SQUARE_M), expect="conditional",
          quote=r"$M \in \mathbb{R}^{m \times n}$ 是目标矩阵", statement="M ∈ R^{m×n} can be the identity (the "
          "case that defines A⁺ ∈ R^{n×m}): 'M = I' is shape-consistent for M of shape (m, n)")

def min_value_example():
    """A = [[1, 2]]: A⁺ is 2x1 while the minimum value of ||AB − I||² is the number 0."""
    a = sp.ImmutableMatrix([[1, 2]])
    return {"A": a, "A_pinv": pinv_exact(a), "min_value": sp.ImmutableMatrix([[sumsq(a * pinv_exact(a) - sp.eye(1))]])}

art.claim("pinv-equals-min", WellShaped(example=min_value_example), expect="refuted",
          quote=r"A^+ = \min_B \| AB - I \|_F^2",
          statement="A⁺ equals the minimum VALUE min_B ||AB − I||_F² (a matrix equated with a scalar).")
art.claim("pinv-argmin-corrected", Property(lambda a: minimizes(LOSS_RIGHT, B_right, {A: a}, pinv_exact(a)),
                                            over=ALL_RANKS), expect="verified",
          quote=r"A^+ = \min_B \| AB - I \|_F^2",
          statement="Corrected: A⁺ is the minimum-norm minimiser of ||AB − I||_F² (the argmin, not the min); "
                    "it is the unique minimiser only when A has full column rank.")
art.identity("right-pinv-name", lhs=A * Pinv(A), rhs=I_m, max_shapes=9, expect="conditional",
             quote="我们称 $B$ 为 **右伪逆**",
             statement="The minimiser of ||AB − I|| (minimum-norm: A⁺) is a right inverse, A B = I "
                       "(prose: the name '右伪逆').")
B_left = sp.MatrixSymbol("B", n, m)
art.claim("left-pinv-similar", Property(lambda a: minimizes(frob2(B_left * A - I_n), B_left, {A: a}, pinv_exact(a)),
                                        over=ALL_RANKS), expect="verified",
          quote="同样地，**左伪逆**也可以通过类似的方式定义",
          statement="The left version min_B ||BA − I_n||_F² has A⁺ as its minimum-norm minimiser too.")

# ================================================================ 2. the Frobenius norm

art.claim("frobenius-definition", Proof(prove_norm_vec, at=NINE_SHAPES), expect="proved",
          quote=r"\| X \|_F = \sqrt{\sum_{i,j} X_{ij}^2}",
          statement="||X||_F = sqrt(Σ_ij X_ij²) (by hand: the LaTeX front end has no \\sum).")
art.claim("frobenius-definition-indexed", Proof(prove_norm_vec, at=NINE_SHAPES), expect="proved",
          quote=r"\| X \|_F = \sqrt{\sum_{i=1}^{m} \sum_{j=1}^{n} X_{ij}^2}",
          statement="For X ∈ R^{m×n}: ||X||_F = sqrt(Σ_{i≤m} Σ_{j≤n} X_ij²) (by hand: no \\sum in the front end).")
art.latex("frobenius-trace", expect="proved", quote=r"\| X \|_F = \sqrt{\text{Tr}(X^T X)}")

def trace_is_sum_of_squares(shape):
    X = symbolic_matrix("x", *shape)
    return sp.expand((X.T * X).trace() - sumsq(X)) == 0

SIXTEEN_SHAPES = tuple(itertools.product(range(1, 5), repeat=2))
art.claim("trace-equals-sum-of-squares", Proof(trace_is_sum_of_squares, at=SIXTEEN_SHAPES), expect="proved",
          quote="所以最终结果相当于对每个元素的平方求和",
          statement="Tr(XᵀX) equals the sum of the squares of X's entries (by hand: the front end reads "
                    "||X||_F as sqrt(Tr XᵀX), so the LaTeX check of the trace formula is circular).")
art.claim("frobenius-diagonal-sum", Proof(trace_is_sum_of_squares, at=SIXTEEN_SHAPES), expect="proved",
          quote="Frobenius 范数实际上是矩阵乘法结果中对角线元素之和的平方根",
          statement="||X||_F = sqrt(sum of the diagonal entries of XᵀX), i.e. Tr(XᵀX) = Σ X_ij².")

def diagonal_is_row_norms(X):
    diag, rows = [(X.T * X)[j, j] for j in range(X.cols)], [sumsq(X[i, :]) for i in range(X.rows)]
    return diag == rows, f"diag(XᵀX) = {diag}, row norms² = {rows} (XᵀX has one diagonal entry per COLUMN)"

art.claim("gram-diagonal-rows", Property(diagonal_is_row_norms, over=lambda rng: [
    sp.ImmutableMatrix(2, 2, list(e)) for e in itertools.product(range(3), repeat=4)]), expect="refuted",
    quote="这些元素是 $X$ 中每一行向量与自己相乘得到的平方和",
    statement="The diagonal entries of XᵀX are the squared norms of the ROWS of X.")

def columns_and_rows(shape):
    X = symbolic_matrix("x", *shape)
    return (all(sp.expand((X.T * X)[j, j] - sumsq(X[:, j])) == 0 for j in range(X.cols))
            and all(sp.expand((X * X.T)[i, i] - sumsq(X[i, :])) == 0 for i in range(X.rows))
            and sp.expand((X.T * X).trace() - (X * X.T).trace()) == 0)

art.claim("gram-diagonal-columns-corrected", Proof(columns_and_rows, at=NINE_SHAPES), expect="proved",
          quote="这些元素是 $X$ 中每一行向量与自己相乘得到的平方和",
          statement="Corrected: (XᵀX)_jj = ||column j of X||², (XXᵀ)_ii = ||row i||², and both traces are Σ X_ij².")
art.claim("frobenius-as-vector-norm", Proof(prove_norm_vec, at=NINE_SHAPES), expect="proved",
          quote="Frobenius 范数可以看作是欧几里得范数在矩阵上的推广，将矩阵的元素视为向量的元素来计算",
          statement="||X||_F = ||vec X||₂ (by hand: vec is not LaTeX notation of the article).")

# ================================================================ 3. gradient and closed forms

art.latex("gradient", expect="proved", quote=r"\frac{\partial}{\partial B} \| AB - M \|_F^2 = 2A^T (AB - M)")

def normal_equations_are_the_gradient(d):
    """Hessian PSD (convex: stationary ⇔ minimiser) and ∇ = 2Aᵀ(AB − M) exactly at a random B."""
    a, mm, bb = d["A"], d["M"], d["B"]
    mins = minimizers_at(LOSS, B, {A: a, M: mm}, {m: a.rows, n: a.cols, k: 1})
    grad = mins.hessian * sp.Matrix(list(bb)) + mins.gradient_at_zero
    return psd_by_principal_minors(mins.hessian).psd and grad == sp.Matrix(list(2 * a.T * (a * bb - mm)))

art.claim("normal-equations", Property(normal_equations_are_the_gradient, over=lambda rng: [
    {**d, "B": rat(rng, d["A"].cols, 1)} for d in with_rhs(rng, 1) if d["A"].shape != (3, 3)]), expect="verified",
    quote=r"A^T (AB - M) = 0",
    statement="The minimisers of ||AB − M||_F² are exactly the solutions of Aᵀ(AB − M) = 0 (by hand: the "
              "front end would read this equation in the unknown B as an identity for all B).")
art.claim("closed-form-B", Argmin(LOSS, B, sp.MatMul(sp.Inverse(A.T * A), A.T, M)), expect="conditional",
          quote=r"B = (A^T A)^{-1} A^T M",
          statement="B = (AᵀA)⁻¹AᵀM is the minimiser of ||AB − M||_F² (by hand: the front end reads B as a free "
                    "matrix; here B is the unknown of the problem).")
art.latex("closed-form-pinv", expect="conditional", quote=r"A^+ = (A^T A)^{-1} A^T")

# ================================================================ 4. the regularised limit

_LIMIT = r"A^+ = \lim_{\lambda \to 0} (A^T A + \lambda I)^{-1} A^T"
art.latex("limit", expect="verified", quote=_LIMIT)
art.claim("limit-rank-deficient", LatexFormula(_LIMIT, assume={"A": "rank-deficient"}), expect="verified",
          quote="对于不满秩的矩阵 $(A^T A)$ 不可逆的情况，可以通过正则化来稳定计算伪逆：\n\n$$\n" + _LIMIT)
art.limit("limit-from-below", expr=sp.MatMul(sp.Inverse(A.T * A - mu * I_n), A.T), var=mu, claimed=Pinv(A),
          expect="verified", quote=_LIMIT,
          statement="The limit is written two-sided (λ → 0); the front end reads λ → 0⁺, so the other side is "
                    "checked by hand: λ = −μ, μ → 0⁺, lim (AᵀA − μI)⁻¹Aᵀ = A⁺.")
art.claim("ridge-name", Argmin(LOSS_RIGHT + lam * frob2(B_right), B_right, RIDGE, options={"max_shapes": 3}),
          expect="verified", quote="这被称为**Tikhonov 正则化**或**岭回归**",
          statement="(AᵀA + λI)⁻¹Aᵀ is the Tikhonov/ridge minimiser argmin_B ||AB − I||² + λ||B||² (λ > 0).")

# ================================================================ 5. invertibility of AᵀA + λI

def centred(a):
    ones = sp.ones(a.rows, 1)
    return sp.ImmutableMatrix(a - ones * (ones.T * a) / a.rows)

def data_matrices(rng):
    """Random A and their column-centred versions."""
    plain = [rat(rng, p, q) for p, q in ((2, 1), (3, 2), (4, 2), (4, 3)) for _ in range(3)]
    return plain + [centred(a) for a in plain]

art.claim("gram-is-covariance", Property(lambda a: gram(a) == gram(centred(a)), over=data_matrices, only_if=Condition(
    "the columns of A have mean zero (centred data), and then AᵀA = (m − 1)·cov(A); in general AᵀA is the "
    "Gram matrix", lambda a: centred(a) == a)), expect="conditional", quote="矩阵 $A^T A$ 是 $A$ 的**协方差矩阵**",
    statement="AᵀA is the covariance matrix of A (rows = observations): AᵀA = (m − 1)·cov(A) = AcᵀAc, "
              "Ac the column-centred A.")

def zero_multiplicity(G):
    return min(mon[0] for mon in sp.Poly(charpoly(G), t).monoms())

DEPENDENT = RankProfiles(SHAPES + ((3, 1), (1, 3)), keep=lambda rows, cols, rank: rank < cols)
art.claim("dependent-columns-singular", Property(lambda a: gram(a).det() == 0 and all(
    (gram(a) * z).is_zero_matrix for z in a.nullspace()), over=DEPENDENT), expect="verified",
    quote="如果 $A$ 的列向量线性相关，$A^T A$ 就会是**奇异矩阵**，不可逆",
    statement="Linearly dependent columns ⇒ AᵀA singular: det AᵀA = 0 and AᵀAz = 0 for every z in null(A).")
art.claim("dependent-columns-zero-eigenvalues", Property(lambda a: gram(a).det() == 0 and zero_multiplicity(
    gram(a)) == a.cols - a.rank(), over=DEPENDENT), expect="verified",
    quote="在线性相关的情况下，$A^T A$ 的某些特征值为 0，导致行列式为 0，进而不可逆",
    statement="Dependent columns ⇒ 0 is an eigenvalue of AᵀA (of multiplicity n − rank A) ⇒ det = 0 ⇒ not invertible.")

def shift_positive(a):
    """charpoly(AᵀA + λI)(t) = charpoly(AᵀA)(t − λ) for symbolic λ, and AᵀA ⪰ 0: every eigenvalue is σᵢ² + λ ≥ λ > 0."""
    G = gram(a)
    return (sp.expand(charpoly(G + lam * sp.eye(G.rows)) - charpoly(G).subs(t, t - lam)) == 0
            and psd_by_principal_minors(G).psd)

art.claim("regularizer-makes-eigenvalues-positive", Property(shift_positive, over=ALL_RANKS), expect="verified",
          quote="加入正则化项的目的是增加对角线上的元素，使得整个矩阵的特征值都大于零，从而使其可逆",
          statement="Adding λI (λ > 0) makes every eigenvalue of AᵀA + λI positive, hence invertible.")
art.identity("regularized-symmetric", lhs=(A.T * A + lam * I_n).T, rhs=A.T * A + lam * I_n, expect="proved",
             quote="矩阵 $A^T A + \\lambda I$ 是对称矩阵，因为 $A^T A$ 和单位矩阵 $I$ 都是对称的",
             statement="(AᵀA + λI)ᵀ = AᵀA + λI (prose: symmetry).")

def positive_definite(S):
    return all(S[:j, :j].det() > 0 for j in range(1, S.rows + 1))  # Sylvester's criterion

def random_symmetric(rng, count, shifts):
    """Random symmetric (R + Rᵀ)/2 + sI, sizes 1..3, s an integer from *shifts*."""
    out = []
    for _ in range(count):
        q = rng.randint(1, 3)
        R = rat(rng, q, q)
        out.append(sp.ImmutableMatrix((R + R.T) / 2 + rng.randint(*shifts) * sp.eye(R.rows)))
    return out

def positive_spectrum(S):
    """All eigenvalues > 0: S symmetric has a real-rooted charpoly, its coefficients alternate strictly (Descartes)."""
    return all(c != 0 and (c > 0) == (i % 2 == 0) for i, c in enumerate(sp.Poly(charpoly(S), t).all_coeffs()))

def invertible_iff_pd(S):
    return (S.det() != 0) == positive_definite(S), f"det {S.det()}, positive definite: {positive_definite(S)}"

art.claim("symmetric-invertible-iff-pd", Property(invertible_iff_pd, over=lambda rng: [
    sp.ImmutableMatrix([[a, c], [c, d]]) for a, c, d in itertools.product(range(-2, 3), repeat=3)]), expect="refuted",
    quote="对称矩阵的可逆性可以通过其是否正定来判断",
    statement="For a symmetric matrix, invertible ⇔ positive definite.")
art.claim("pd-implies-invertible-corrected", Property(lambda S: S.det() != 0, over=lambda rng: [
    S for S in random_symmetric(rng, 60, (-6, 12)) if positive_definite(S)]), expect="verified",
    quote="对称矩阵的可逆性可以通过其是否正定来判断",
    statement="Corrected: a positive definite matrix (random symmetric ones, PD by Sylvester) is invertible "
              "(sufficient, not necessary).")
QF_MIDDLE = sp.Trace(x.T * A.T * A * x) + lam * sp.Trace(sp.MatMul(x.T, I_n, x))  # xᵀAᵀAx + λxᵀIx, as 1×1 traces
art.claim("quadratic-form", AllOf(Identity(sp.Trace(sp.MatMul(x.T, A.T * A + lam * I_n, x)), QF_MIDDLE),
                                  Identity(QF_MIDDLE, frob2(A * x) + lam * frob2(x))), expect="verified",
    quote=r"x^T (A^T A + \lambda I) x = x^T A^T A x + \lambda x^T I x = \|Ax\|_2^2 + \lambda \|x\|_2^2",
    statement="xᵀ(AᵀA + λI)x = xᵀAᵀAx + λxᵀIx = ||Ax||² + λ||x||² (by hand: the front end refuses to equate "
              "the 1×1 matrix xᵀSx with the scalar norms; the 1×1 sides are wrapped in Tr).")

def quadratic_form_is_sum_of_squares(shape):
    S, xs = symbolic_matrix("a", *shape), symbolic_matrix("x", shape[1], 1)
    return sp.expand((xs.T * (S.T * S + lam * sp.eye(shape[1])) * xs)[0, 0] - sumsq(S * xs) - lam * sumsq(xs)) == 0

art.claim("quadratic-form-positive", Proof(quadratic_form_is_sum_of_squares, at=NINE_SHAPES,
                                           by="xᵀ(AᵀA + λI)x − Σ(Ax)ᵢ² − λΣxⱼ² expands to 0"), expect="proved",
          quote=r"x^T (A^T A + \lambda I) x = \|Ax\|_2^2 + \lambda \|x\|_2^2 > 0 \quad \forall x \neq 0",
          statement="xᵀ(AᵀA + λI)x = Σ(Ax)ᵢ² + λΣxⱼ², a sum of real squares plus λ||x||², > 0 for x ≠ 0, λ > 0 "
                    "(by hand: no \\forall in the front end).")

def shifted_minors_positive(a):
    """Every leading principal minor of AᵀA + λI is a monic polynomial in λ with coefficients ≥ 0: > 0 for all
    λ > 0, so AᵀA + λI is positive definite (Sylvester), det > 0, invertible."""
    shifted = gram(a) + lam * sp.eye(a.cols)
    polys = [sp.Poly(sp.expand(shifted[:j, :j].det(method="berkowitz")), lam) for j in range(1, a.cols + 1)]
    return all(p.LC() == 1 and p.degree() == j and min(p.all_coeffs()) >= 0 for j, p in enumerate(polys, 1))

art.claim("pd-hence-invertible", Property(shifted_minors_positive, over=ALL_RANKS), expect="verified",
          quote="这表明 $A^T A + \\lambda I$ 是正定矩阵，因此它是可逆的",
          statement="AᵀA + λI is positive definite for λ > 0, hence invertible.")

def listed_eigenvalues(determinant):
    """The r listed eigenvalues σ₁², …, σ_r² of AᵀA (the others are 0) against the eigenvalues (or det) of AᵀA + λI."""
    def holds(d):
        G, r = gram(d["A"]), d["r"]
        listed = sp.cancel(charpoly(G) / t ** (G.rows - r))  # Π (t − σᵢ²) over the listed eigenvalues
        shifted = G + lam * sp.eye(G.rows)
        got, claimed = ((shifted.det(method="berkowitz"), (-1) ** r * listed.subs(t, -lam)) if determinant
                        else (charpoly(shifted), listed.subs(t, t - lam)))
        ok = sp.expand(got - claimed) == 0
        return ok, "" if ok else f"r = {r}: {sp.factor(got)} vs {sp.factor(claimed)}"
    return holds

def two_readings_of_r(rng):
    """Each A with r = n (all n eigenvalues of AᵀA listed, zeros included) and with r = rank A."""
    return [{"A": a, "r": r} for a in drawn(ALL_RANKS, rng) for r in sorted({a.cols, a.rank()}, reverse=True)]

R_IS_N = Condition("r = n: σ₁², …, σ_r² must list all n eigenvalues of AᵀA, zeros included (r is never defined; "
                   "with r = rank A the n − r eigenvalues / factors equal to λ are missing)",
                   lambda d: d["r"] == d["A"].cols)
art.claim("eigenvalues-shift", Property(listed_eigenvalues(False), over=two_readings_of_r, only_if=R_IS_N),
          expect="conditional",
          quote=r"\text{特征值}(A^T A + \lambda I) = \sigma_1^2 + \lambda, \sigma_2^2 + \lambda, \dots, \sigma_r^2 + \lambda",
          statement="The eigenvalues of AᵀA + λI are σ₁² + λ, …, σ_r² + λ (by hand: the front end has no "
                    "eigenvalue lists). r is never defined.")
art.claim("eigenvalues-positive", Property(shift_positive, over=ALL_RANKS), expect="verified",
          quote="即使某些 $\\sigma_i^2 = 0$，加入 $\\lambda$ 后特征值也变成了 $\\lambda$，因此所有特征值都严格大于零",
          statement="Zero eigenvalues of AᵀA become λ; all eigenvalues of AᵀA + λI are > 0.")
art.claim("zero-eigenvalue-means-not-full-rank", Property(
    lambda a: (gram(a).det() == 0) == (a.rank() < min(a.shape)), over=ALL_RANKS), expect="refuted",
    quote="其中一些 $\\sigma_i^2 = 0$（即 $A$ 不满秩）",
    statement="AᵀA has a zero eigenvalue exactly when A is not of full rank (a wide full-rank A has one).")
art.claim("zero-eigenvalue-corrected", Property(lambda a: (gram(a).det() == 0) == (a.rank() < a.cols),
                                                over=RankProfiles(SHAPES + ((1, 3), (3, 1)))), expect="verified",
          quote="其中一些 $\\sigma_i^2 = 0$（即 $A$ 不满秩）",
          statement="Corrected: AᵀA has a zero eigenvalue ⇔ rank A < n (the columns are dependent).")
art.claim("positive-eigenvalues-pd", Property(lambda S: positive_definite(S) and S.det() != 0, over=lambda rng: [
    S for S in random_symmetric(rng, 80, (-8, 16)) if positive_spectrum(S)]), expect="verified",
    quote="特征值严格大于零意味着矩阵是正定的，因此可逆",
    statement="A symmetric matrix with positive eigenvalues is positive definite, hence invertible.")

def inverse_exists_iff_det(S):
    try:
        inverse_exists = sp.Matrix(S).inv() * S == sp.eye(S.rows)
    except ValueError:
        inverse_exists = False
    return inverse_exists == (S.det() != 0)

art.claim("invertible-iff-det-nonzero", Property(inverse_exists_iff_det, over=RankProfiles(
    ((1, 1), (2, 2), (3, 3), (4, 4)))), expect="verified", quote="可逆矩阵的充要条件是行列式不为零",
    statement="A square matrix is invertible ⇔ det ≠ 0 (an exact inverse exists exactly when det ≠ 0).")
art.claim("det-is-product-of-eigenvalues", Proof(lambda q: sp.expand(symbolic_matrix("s", q, q).det(
    method="berkowitz") - (-1) ** q * charpoly(symbolic_matrix("s", q, q)).subs(t, 0)) == 0, at=(1, 2, 3),
    by="Vieta: det S − (−1)ⁿ·charpoly_S(0) expands to 0, symbolic S of size n"), expect="proved",
    quote="行列式可以通过特征值的乘积来计算", statement="det S = product of the eigenvalues of S (with multiplicity).")
art.claim("det-product-formula", Property(listed_eigenvalues(True), over=two_readings_of_r, only_if=R_IS_N),
          expect="conditional", quote=r"\text{det}(A^T A + \lambda I) = \prod_{i=1}^r (\sigma_i^2 + \lambda)",
          statement="det(AᵀA + λI) = Π_{i=1}^r (σᵢ² + λ) (by hand: the front end has no \\prod). r is never defined.")
art.claim("det-positive", Property(shifted_minors_positive, over=ALL_RANKS), expect="verified",
          quote="由于 $\\lambda > 0$，每个 $\\sigma_i^2 + \\lambda > 0$，因此行列式不为零",
          statement="For λ > 0, det(AᵀA + λI) > 0.")

# ================================================================ 6. properties

art.latex("pinv-involution", expect="proved", quote=r"(A^+)^+ = A")
art.claim("pinv-involution-name", NotCheckable(
    "A name, not a statement: calling (A⁺)⁺ = A 'symmetry' (usually: involution or reflexivity; the Penrose "
    "'symmetry' conditions are (AA⁺)ᵀ = AA⁺ and (A⁺A)ᵀ = A⁺A) has no mathematical content to compute. The "
    "formula itself is the claim pinv-involution."), expect="not-checkable", quote="**对称性**：$(A^+)^+ = A$",
    statement="the property (A⁺)⁺ = A is called 'symmetry'")
art.latex("penrose-1", expect="verified", quote=r"A A^+ A = A")
art.claim("min-error-property", Property(lambda d: minimizes(LOSS, B, {A: d["A"], M: d["M"]}, pinv_exact(
    d["A"]) * d["M"]), over=with_rhs), expect="verified", quote="**最小误差**：伪逆最小化 $AB$ 与 $M$ 之间的 Frobenius 范数",
    statement="B = A⁺M minimises ||AB − M||_F² for every A, M (the only shape-consistent reading of "
              "'the pseudo-inverse minimises ||AB − M||'), and is the minimum-norm minimiser.")

# ================================================================ 7. SVD

MP_DPS = 30

def svd_reconstructs(a):
    """mpmath's thin SVD reconstructs A with orthonormal factors to 10·max(m,n)·10^−dps; numpy's full SVD
    returns U m×m and Vᵀ n×n."""
    svd = svd_mp(exact_to_mp(a, MP_DPS + 10), MP_DPS)
    with mpmath.mp.workdps(MP_DPS + 10):
        eye = mpmath.eye(len(svd.S))
        worst = max(relative_error(svd.U * mpmath.diag(list(svd.S)) * svd.Vt, a, dps=MP_DPS),
                    mpmath.mnorm(svd.U.T * svd.U - eye, "f"), mpmath.mnorm(svd.Vt * svd.Vt.T - eye, "f"))
    U, _, Vt = np.linalg.svd(exact_to_f64(a), full_matrices=True)
    full = U.shape == (a.rows, a.rows) and Vt.shape == (a.cols, a.cols)
    return worst <= 10 * max(a.shape) * mpmath.mpf(10) ** -MP_DPS and full

art.claim("svd-exists", Property(svd_reconstructs, over=ALL_RANKS), expect="verified",
          quote="对于任意矩阵 $A \\in \\mathbb{R}^{m \\times n}$，其 SVD 分解为",
          statement="Every A ∈ R^{m×n} has A = UΣVᵀ with U (m×m), V (n×n) orthogonal and Σ (m×n) diagonal "
                    "(by hand: 'A = UΣVᵀ' with free U, Σ, V is a definition, not an identity).")
U_s, Sigma_s, V_s = sp.MatrixSymbol("U", m, m), sp.MatrixSymbol("Sigma", m, n), sp.MatrixSymbol("V", n, n)
art.identity("svd-pinv", lhs=Pinv(sp.MatMul(U_s, Sigma_s, V_s.T)), rhs=sp.MatMul(V_s, Pinv(Sigma_s), U_s.T),
             assume={U_s: "orthogonal", V_s: "orthogonal", Sigma_s: "diagonal"}, expect="verified",
             quote=r"A^+ = V \Sigma^+ U^T",
             statement="(UΣVᵀ)⁺ = VΣ⁺Uᵀ for orthogonal U, V and diagonal Σ (by hand: the front end cannot bind A "
                       "to UΣVᵀ; definitions are scalars only).")

def rectangular_diagonals(rng):
    """Three random diagonal Σ of each shape, each σᵢ zero or a positive rational."""
    out = []
    for p, q in SHAPES + ((3, 1), (1, 3)):
        for _ in range(3):
            values = [rng.choice([0, _R(rng.randint(1, 9), rng.randint(1, 9))]) for _ in range(min(p, q))]
            out.append(sp.ImmutableMatrix(p, q, lambda i, j: values[i] if i == j else 0))
    return out

def reciprocal_rule(S):
    """Σ⁺ by the article's rule, in the transposed shape: 1/σᵢ for σᵢ ≠ 0, 0 for σᵢ = 0."""
    return sp.ImmutableMatrix(S.cols, S.rows, lambda i, j: 1 / S[i, i] if i == j and S[i, i] else 0)

art.claim("sigma-pinv-rule", Property(lambda S: pinv_exact(S) == reciprocal_rule(S), over=rectangular_diagonals),
          expect="verified", quote="其中 $\\Sigma^+$ 是 $\\Sigma$ 的伪逆，通过将非零奇异值取倒数，零保持不变",
          statement="Σ⁺ = the n×m diagonal matrix with 1/σᵢ for σᵢ ≠ 0 and 0 for σᵢ = 0 (the transposed shape is "
                    "left implicit in the article; the first code block builds it n×m).")

# ================================================================ 8. the first code block

EXAMPLE_ROWS = [[1, 2], [3, 4], [5, 6]]
EXAMPLE = sp.ImmutableMatrix(EXAMPLE_ROWS)
LAMBDA_REG = _R(*(1e-5).as_integer_ratio())  # the binary double the code computes with
RANK_DEFICIENT = [[1, 2], [2, 4], [3, 6]]     # the article's shape 3x2, rank 1

def article_code1(rows) -> np.ndarray:
    """The first code block, applied to the integer matrix *rows*."""
    A_ = np.array(rows)
    U, Sigma, VT = np.linalg.svd(A_)
    Sigma_inv = np.zeros((A_.shape[1], A_.shape[0]))
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        Sigma_inv[:len(Sigma), :len(Sigma)] = np.diag(1 / Sigma)
        return VT.T @ Sigma_inv @ U.T

def article_code2() -> np.ndarray:
    """The second code block (λ = 1e-5, np.linalg.inv of the normal matrix)."""
    A_ = np.array([[1, 2], [3, 4], [5, 6]])
    lambda_reg = 1e-5
    ATA_reg = A_.T @ A_ + lambda_reg * np.eye(A_.shape[1])
    return np.linalg.inv(ATA_reg) @ A_.T

CODE1_PRINTED = """# array([[-1.33333333, -0.33333333,  0.66666667],
#       [ 1.08333333,  0.33333333, -0.41666667]])"""
CODE2_PRINTED = """# [[-1.33328236 -0.33331944  0.66664347]
# [ 1.08329309  0.33332236 -0.41664837]]"""

def uncomment(text: str) -> str:
    """The printed matrix without the '# ' the article puts before each line."""
    return "\n".join(line.lstrip().removeprefix("#") for line in text.splitlines())

def reprints(printed, run):
    """Proof step: re-running the code block prints the article's text (whitespace aside)."""
    return Proof(lambda _: " ".join(run().split()) == " ".join(uncomment(printed).split()),
                 by="re-running the code block prints the same text")

art.claim("code1-output", AllOf(PrintedMatrix(uncomment(CODE1_PRINTED), lambda: pinv_exact(EXAMPLE)),
                                reprints(CODE1_PRINTED, lambda: repr(article_code1(EXAMPLE_ROWS)))),
          expect="proved", quote=CODE1_PRINTED,
          statement="The first code block prints A⁺ of A = [[1,2],[3,4],[5,6]] to 8 decimals.")

def f64_run(case, computed, truth, shape, kappa):
    """One float64 run: the relative error of *computed* against the exact truth, and what its bound needs."""
    return {"case": case, "error": error_of(computed, truth), "m": shape[0], "n": shape[1], "kappa": float(kappa)}

def f64_bound(run):
    return f64_error_bound(run["m"], run["n"], run["kappa"])

def pinv_route(route):
    """Experiment: the float64 pinv *route* on rank-1 matrices against the exact A⁺, to 10·max(m,n)·u·κ."""
    return Experiment(lambda seed: [f64_run(f"A = {rows} (rank 1)", route(rows), pinv_exact(rows), (len(rows), 2),
                                            condition_number(rows)) for rows in (RANK_DEFICIENT, [[1, 1], [1, 1]])],
                      "error", f64_bound, "10·max(m,n)·u·κ", leg="float64")

art.claim("code1-rank-deficient", pinv_route(article_code1), expect="refuted",
          quote="np.diag(1 / Sigma)  # 对非零的奇异值取倒数",
          statement="The first code block takes reciprocals of the nonzero singular values only (so it computes A⁺ "
                    "for any A); it divides by ALL singular values, here by a rounding-noise σ₂.")
art.claim("code1-rank-deficient-corrected", pinv_route(pinv_svd64), expect="verified",
          quote="np.diag(1 / Sigma)  # 对非零的奇异值取倒数",
          statement="Corrected: inverting only the singular values above the cutoff max(m, n)·ε·σ₁ (numpy's pinv "
                    "rule) gives A⁺ of the rank-deficient A to the float64 bound.")

# ================================================================ 9. least squares

def with_vector(rng):
    return [{"A": a, "b": rat(rng, a.rows, 1)} for a in drawn(ALL_RANKS, rng)]

def least_squares(min_norm):
    return lambda d: minimizes(frob2(A * x - b), x, {A: d["A"], b: d["b"]}, pinv_exact(d["A"]) * d["b"], min_norm)

art.claim("least-squares", Property(least_squares(False), over=with_vector), expect="verified", quote=r"x = A^+ b",
          statement="x = A⁺b minimises ||Ax − b||² (by hand: the front end reads x as a free vector).")
art.claim("least-squares-min-norm", Property(least_squares(True), over=with_vector), expect="verified",
          quote="伪逆提供了最小二乘意义下的最佳近似解",
          statement="A⁺b is the best least-squares solution: among all minimisers of ||Ax − b||, the one of "
                    "minimum norm.")

# ================================================================ 10. numerical stability

sigma = sp.Symbol("sigma", positive=True)
art.claim("reciprocal-blows-up", Proof(lambda _: limit_at_zero_plus(1 / sigma, sigma).diverges
                                       and limit_at_zero_plus(1 / sigma, sigma).order == 1,
                                       by="1/σ has a pole of order 1 at σ = 0 (limit_at_zero_plus)"),
          expect="proved", quote="当某些奇异值 $\\sigma_i$ 非常接近 0 时，取倒数的结果 $\\frac{1}{\\sigma_i}$ 会变得非常大",
          statement="1/σ → ∞ as σ → 0⁺.")

def stored_decimal_powers(seed):
    """10^e as correctly rounded double literals: the exact relative representation error."""
    return [{"case": f"1e{e}", "relative_error": float(abs(_R(*float(f"1e{e}").as_integer_ratio()) - _R(10) ** e)
                                                      / _R(10) ** e)} for e in (5, -5, 16, -16, 100, -100, 300, -300)]

art.claim("cannot-represent", Experiment(stored_decimal_powers, "relative_error", lambda run: UNIT_ROUNDOFF,
                                         "u = 2⁻⁵³", relation=">=", leg="exact"), expect="refuted",
          quote="因为计算机无法准确表示非常小或非常大的数",
          statement="The instability arises because very small or very large numbers cannot be represented "
                    "accurately (every double of the normal range is stored to u).")

@functools.lru_cache(maxsize=None)
def singular_value_runs(seed):
    """float64 singular values of a 4×3 A with σ = 1, 1e-5, 1e-12: relative error of each against the exact σᵢ."""
    known = matrix_with_singular_values(4, 3, [1, _R(1, 10**5), _R(1, 10**12)], seed=seed)
    return tuple({"case": f"σ = {float(s):.0e}", "relative_error": float(abs(_R(float(s64)) - s) / s),
                  "m": 4, "n": 3, "kappa": float(known.singular_values[0] / s)}
                 for s, s64 in zip(known.singular_values, singular_values64(exact_to_f64(known.A))))

def above_roundoff(runs, measured):
    """Experiment: each run's error exceeds the float64 bound of a perfectly conditioned problem (κ = 1)."""
    return Experiment(runs, measured,
                      lambda run: f64_error_bound(run["m"], run["n"], 1), "10·max(m,n)·u (the bound at κ = 1)",
                      relation=">=", leg="float64")

SIGMA_ERRORS = Experiment(singular_value_runs, "relative_error", f64_bound, "10·max(m,n)·u·σ₁/σᵢ", leg="float64")
art.claim("error-amplification-corrected", AllOf(SIGMA_ERRORS, above_roundoff(lambda seed: [
    r for r in singular_value_runs(seed) if r["kappa"] > 1], "relative_error")), expect="verified",
    quote="因为计算机无法准确表示非常小或非常大的数",
    statement="Corrected: a computed singular value carries an absolute error of order u·σ₁, so the relative "
              "error of σᵢ (and of 1/σᵢ) is of order u·σ₁/σᵢ, far above u for small σᵢ.")

@functools.lru_cache(maxsize=None)
def kappa_runs(seed):
    """The float64 SVD pinv of 6×6 matrices with κ₂ = 1e2, 1e6, 1e10, 1e14 against the exact A⁺."""
    runs = []
    for i, p in enumerate((2, 6, 10, 14)):
        known = matrix_with_condition_number(6, 6, 10**p, seed=seed + i)
        runs.append(f64_run(f"κ = 1e{p}", pinv_svd64(exact_to_f64(known.A)), known.pinv, (6, 6), 10**p))
    return tuple(runs)

art.claim("errors-amplified", AllOf(
    Experiment(kappa_runs, "error", f64_bound, "10·n·u·κ", leg="float64"),
    above_roundoff(lambda seed: kappa_runs(seed)[1:], "error")), expect="verified", quote="计算误差被放大",
    statement="Small singular values amplify the computational error of the float64 pseudo-inverse: it grows "
              "with κ, within 10·n·u·κ, beyond the bound of a well-conditioned matrix.")

def reciprocal_of_smallest_double(seed):
    tiny = np.nextafter(0.0, 1.0)  # 4.9e-324
    with np.errstate(over="ignore", divide="ignore"):
        return [{"case": f"σ = {tiny:.1e}", "reciprocal": float(np.float64(1.0) / tiny)}]

HALF_DIGITS_LOST = Experiment(lambda seed: kappa_runs(seed)[-1:], "error", lambda run: math.sqrt(UNIT_ROUNDOFF),
                              "√u (half the digits lost)", relation=">=", leg="float64")
OVERFLOW = Experiment(reciprocal_of_smallest_double, "reciprocal", lambda run: float(np.finfo(np.float64).max),
                      "the largest double (overflow for every positive σ < 2⁻¹⁰²⁴ ≈ 5.6e-309)", relation=">=",
                      leg="float64")
art.claim("inaccurate-or-overflow", AllOf(HALF_DIGITS_LOST, OVERFLOW), expect="verified", quote="最终结果不准确甚至可能溢出",
          statement="The result can be inaccurate, and 1/σ can even overflow.")

SIGMA_EXAMPLE = sp.ImmutableMatrix(sp.diag(1, _R(1, 10**5), 0))  # diag(1, 0.00001, 0)

def claimed_sigma_pinv(d):
    got = [pinv_exact(d["Sigma"])[i, i] for i in range(3)]
    return got == [1, 100000, sp.oo], f"pinv(Σ) = diag{tuple(got)}: a zero σ stays 0 (the article's own rule)"

art.claim("sigma-example", Property(claimed_sigma_pinv, over=lambda rng: [{"Sigma": SIGMA_EXAMPLE}]), expect="refuted",
          quote=r"\Sigma^+ = \text{diag}(1, 100000, \infty)",
          statement="For Σ = diag(1, 0.00001, 0): Σ⁺ = diag(1, 100000, ∞) (by hand: the front end cannot bind Σ to "
                    "the example, and an ∞ entry crashes its numeric legs).")
art.claim("sigma-example-corrected", Proof(lambda _: penrose_certificate(SIGMA_EXAMPLE, sp.diag(1, 100000, 0)),
                                           by="the four Penrose conditions, exactly"), expect="proved",
          quote=r"\Sigma^+ = \text{diag}(1, 100000, \infty)",
          statement="Corrected: Σ⁺ = diag(1, 100000, 0) for Σ = diag(1, 0.00001, 0).")

def large_entry_product(seed):
    """V·diag(1, 1e5, 0)·Uᵀ in float64 against the exact product of the same (rounded) factors."""
    known = matrix_with_singular_values(3, 3, [1, _R(1, 10**5)], seed=seed)
    U64, V64, S64 = exact_to_f64(known.U), exact_to_f64(known.V), np.diag([1.0, 1e5, 0.0])
    exact = f64_to_exact(V64) * f64_to_exact(S64) * f64_to_exact(U64).T
    return [f64_run("V·diag(1, 1e5, 0)·Uᵀ", V64 @ S64 @ U64.T, exact, (3, 3), 1)]

art.claim("large-values-multiplication-error", Experiment(large_entry_product, "error", f64_bound, "10·n·u",
                                                          relation=">=", leg="float64"), expect="refuted",
          quote="这些数值将导致在后续的矩阵乘法中产生巨大的计算误差",
          statement="The large entries of Σ⁺ cause huge errors in the following matrix multiplication VΣ⁺Uᵀ "
                    "(large entries are no source of error; the rounding error of σᵢ amplified by σ₁/σᵢ is).")

# ================================================================ 11. Tikhonov regularisation: the ridge sweep

RIDGE_SIGMAS = (1, _R(1, 10**3), _R(1, 10**6))  # 8x5: rank 3, two zero σ
RIDGE_KAPPA = float(RIDGE_SIGMAS[0] / RIDGE_SIGMAS[-1])

@functools.lru_cache(maxsize=None)
def ridge_matrix(seed):
    return matrix_with_singular_values(8, 5, list(RIDGE_SIGMAS), seed=seed)

@functools.lru_cache(maxsize=None)
def ridge_sweep(seed):
    """The float64 ridge (AᵀA + εI)⁻¹Aᵀ at ε = 10⁻ᵏσ₁², k = 0..24, against the exact A⁺: its error, the exact bias
    ε/(σ_r² + ε) and the rounding model u·κ₂(AᵀA + εI) (error inf where AᵀA + εI is singular in float64)."""
    known = ridge_matrix(seed)
    a64, truth64, sv = exact_to_f64(known.A), exact_to_f64(known.pinv), [float(v) for v in known.singular_values]
    s1, sr, rows = float(RIDGE_SIGMAS[0]), float(RIDGE_SIGMAS[-1]), []
    for kk in range(25):
        eps = 10.0**-kk * s1 * s1
        try:
            r = ridge_sweep64(a64, truth64, [kk], singular_values=sv).rows[0]
            error, bias, model = r.error, r.bias, r.rounding_model
        except np.linalg.LinAlgError:
            error, bias, model = math.inf, eps / (sr * sr + eps), UNIT_ROUNDOFF * (s1 * s1 + eps) / eps
        rows.append({"case": f"ε = 1e-{kk}", "error": error, "bias": bias, "rounding_model": model,
                     "small": eps < sr * sr, "m": 8, "n": 5, "kappa": RIDGE_KAPPA})
    best = min(r["error"] for r in rows)
    return tuple({**r, "best": best} for r in rows)

def ridge_baselines(seed):
    """The best ridge error against the unregularised normal equations and the float64 SVD pseudo-inverse."""
    known, best = ridge_matrix(seed), ridge_sweep(seed)[0]["best"]
    a64 = exact_to_f64(known.A)
    try:
        plain = error_of(np.linalg.solve(a64.T @ a64, a64.T), known.pinv)
    except np.linalg.LinAlgError:
        plain = math.inf
    return [{"case": "vs (AᵀA)⁻¹Aᵀ", "best_ridge": best, "baseline": plain, "normal_equations": True},
            {"case": "vs the SVD pinv with cutoff", "best_ridge": best,
             "baseline": error_of(pinv_svd64(a64), known.pinv), "normal_equations": False}]

NORMAL_BASELINE = Condition("the baseline is the unregularised normal-equations inverse (AᵀA)⁻¹Aᵀ; the SVD "
                            "pseudo-inverse with a cutoff is more accurate than the best ridge: the ridge trades "
                            "rounding error for bias", lambda run: run["normal_equations"])
art.claim("tikhonov-improves-stability", Experiment(ridge_baselines, "best_ridge", lambda run: run["baseline"],
                                                    "the baseline's error", leg="float64", only_if=NORMAL_BASELINE),
    expect="conditional", quote="正则化方法通过修改原始问题来改善数值稳定性",
    statement="Regularisation improves the numerical stability of computing A⁺ (on an ill-conditioned, "
              "rank-deficient A, measured as accuracy against the exact A⁺).")
art.claim("min-eigenvalue-shift", Property(shift_positive, over=ALL_RANKS), expect="verified",
          quote="这会使得矩阵的最小特征值变得不再为 0 或非常小，而是增加了一个 $\\lambda$",
          statement="The smallest eigenvalue of AᵀA + λI is that of AᵀA plus λ.")
art.claim("singular-becomes-invertible", Property(shifted_minors_positive, over=RankProfiles(
    SHAPES, keep=lambda rows, cols, rank: rank < cols)), expect="verified",
    quote="即使原矩阵 $A^T A$ 是奇异矩阵，加上 $\\lambda I$ 之后它也会变得可逆",
    statement="Even for singular AᵀA, AᵀA + λI is invertible (λ > 0).")
art.claim("safe-computation", Experiment(lambda seed: [r for r in ridge_sweep(seed) if r["small"]], "error",
                                         lambda run: run["bias"] + f64_bound(run),
                                         "bias + 10·max(m,n)·u·κ(A) (the accuracy of the SVD route)", leg="float64"),
          expect="refuted", quote="从而可以安全地进行伪逆的计算",
          statement="Once AᵀA + λI is invertible, the pseudo-inverse can be computed safely from it (ε < σ_r²).")
AT_LEAST_HALF_BIAS = Experiment(ridge_sweep, "error", lambda run: run["bias"] / 2, "bias/2", relation=">=",
                                leg="float64")
BIAS_PLUS_ROUNDING = Experiment(ridge_sweep, "error", lambda run: 2 * (run["bias"] + run["rounding_model"]) if run[
    "rounding_model"] < 1 else math.inf, "2·(bias + u·κ₂(AᵀA + εI)), none once u·κ₂ ≥ 1", leg="float64")
art.claim("ridge-error-model", AllOf(AT_LEAST_HALF_BIAS, BIAS_PLUS_ROUNDING), expect="verified",
          quote="从而可以安全地进行伪逆的计算",
          statement="Corrected: the float64 error of (AᵀA + λI)⁻¹Aᵀ against A⁺ is at least the exact bias "
                    "λ/(σ_r² + λ) and at most of the order bias + u·κ₂(AᵀA + λI): safe only where both are small.")
art.claim("lambda-too-large", Experiment(lambda seed: [r for r in ridge_sweep(seed) if not r["small"]], "error",
                                         lambda run: run["bias"] / 2, "bias/2 (the exact bias is ≥ 1/2 at ε ≥ σ_r²)",
                                         relation=">=", leg="float64"), expect="verified",
          quote="如果 $\\lambda$ 过大，正则化效果会过强，导致伪逆的解偏离实际的解",
          statement="Too large λ (ε ≥ σ_r²) biases the result away from A⁺.")

def far_from_best(select):
    return Experiment(lambda seed: select(ridge_sweep(seed)), "error", lambda run: 10 * run["best"],
                      "10 × the best ε's error", relation=">=", leg="float64")

art.claim("lambda-too-small", far_from_best(lambda rows: rows[-3:]), expect="verified",
          quote="如果 $\\lambda$ 过小，则无法有效改善数值不稳定性",
          statement="Too small λ (the 3 smallest ε) does not cure the instability.")
art.claim("lambda-choice-crucial", far_from_best(lambda rows: (rows[0], rows[-1])), expect="verified",
          quote="选择适当的 $\\lambda$ 是至关重要的",
          statement="The choice of λ matters: the error has an interior minimum far below both ends of the sweep.")
art.claim("cross-validation", NotCheckable(
    "Practice advice about how λ is usually chosen (cross-validation or experience); it states no mathematical "
    "fact about the pseudo-inverse that a computation could decide."), expect="not-checkable",
    quote="通常，通过交叉验证或经验选择合适的正则化参数", statement="λ is usually chosen by cross-validation or experience")

# ================================================================ 12. the second code block and its example

def example_conditioning(seed):
    """u·κ₂(A)², κ₂² exactly from the eigenvalues of AᵀA (quadratic surds)."""
    eig = sorted(sp.Poly(charpoly(gram(EXAMPLE)), t).all_roots(), key=float)
    return [{"case": "A = [[1,2],[3,4],[5,6]]", "u_kappa_squared": float(eig[-1] / eig[0]) * UNIT_ROUNDOFF}]

art.claim("example-small-singular-values", Experiment(example_conditioning, "u_kappa_squared",
                                                      lambda run: math.sqrt(UNIT_ROUNDOFF), "√u", relation=">=",
                                                      leg="exact"), expect="refuted", quote="其奇异值中存在较小的值",
          statement="A = [[1,2],[3,4],[5,6]] has small singular values (small in the numerical sense of the section: "
                    "errors amplified by σ₁/σᵢ, or by κ² through the normal equations the code uses, exceed √u).")

def example_routes(seed):
    truth, a64 = pinv_exact(EXAMPLE), exact_to_f64(EXAMPLE)
    regularized = error_of(article_code2(), truth)
    return [{"case": "vs SVD (code 1)", "regularized": regularized,
             "baseline": error_of(article_code1(EXAMPLE_ROWS), truth)},
            {"case": "vs inv(AᵀA)Aᵀ", "regularized": regularized,
             "baseline": error_of(np.linalg.inv(a64.T @ a64) @ a64.T, truth)}]

art.claim("example-regularization-helps", Experiment(example_routes, "regularized", lambda run: run["baseline"],
                                                     "the unregularised route's error", leg="float64"),
          expect="refuted", quote="我们可以通过添加正则化项来计算伪逆，以避免数值不稳定",
          statement="For this A, adding λ = 1e-5 gives a more reliable pseudo-inverse (accuracy against exact A⁺; "
                    "the exact regularised matrix itself is λ/σ₂² away: the regularisation only adds bias).")
REGULARIZED_EXACT = (EXAMPLE.T * EXAMPLE + LAMBDA_REG * sp.eye(2)).inv() * EXAMPLE.T
art.claim("code2-output", AllOf(PrintedMatrix(uncomment(CODE2_PRINTED), REGULARIZED_EXACT),
                                reprints(CODE2_PRINTED, lambda: str(article_code2()))), expect="proved",
          quote=CODE2_PRINTED,
          statement="The second code block prints (AᵀA + λI)⁻¹Aᵀ with λ = the double 1e-5, to 8 decimals.")
art.claim("code2-is-pinv", PrintedMatrix(uncomment(CODE2_PRINTED), lambda: pinv_exact(EXAMPLE)), expect="refuted",
          quote="A_pseudo_inverse_reg = np.linalg.inv(ATA_reg) @ A.T",
          statement="The second code block computes the pseudo-inverse (its comment '# 计算伪逆'): its printed output "
                    "is A⁺ to the printed 8 decimals.")

# ================================================================ 13. conclusion

A_sq = sp.MatrixSymbol("A", n, n)
art.identity("generalizes-inverse", lhs=Pinv(A_sq), rhs=sp.Inverse(A_sq), assume={A_sq: "invertible"},
             expect="proved", quote="伪逆是逆矩阵的推广",
             statement="For invertible A, A⁺ = A⁻¹ (prose: the pseudo-inverse generalises the inverse).")

if __name__ == "__main__":
    art.main()
