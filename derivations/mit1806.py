"""Study notes on MIT 18.06 lecture 34: left and right inverses, the pseudo-inverse.

The notes go from the four fundamental subspaces to the left inverse
(AᵀA)⁻¹Aᵀ and its projection, the right inverse and its projection, the
pseudo-inverse as the inverse of A between row space and column space, Σ⁺ and
A⁺ = VΣ⁺Uᵀ, its agreement with the one-sided inverses, and a closing remark
that integration is the pseudo-inverse of differentiation. Every claim quotes
the notes verbatim and states what it claims as data (derivations/README.md).

* Subspace claims hold at random exact rational matrices of every rank at every
  shape up to 4 x 4 (SymPy ``columnspace``/``nullspace``), with the numerical
  ranks of mpmath and float64 compared against the exact rank.
* SVD claims use exact SVDs A = UΣVᵀ with rational orthogonal U, V (Cayley
  transforms, from a small cached pool per order) and σ = (5, 3, 3/2, 1/2)[:r];
  A⁺ comes from ``pinv_exact`` (a rank-factorization route, no SVD).
* Σ claims with symbolic σᵢ > 0 are proved entrywise at every shape up to 4 x 4
  and every rank (the four Penrose conditions decide Σ⁺, which is unique).
* Where a quote only *defines* a name (A^{-1}_{left} = ..., P = ...), the front
  end would read the name as an unrelated free matrix; such claims parse the
  defining expression from the quote and check what the text says of it.

Run ``python derivations/mit1806.py`` (or ``derivcheck verify derivations/mit1806.py
--article <the article copy>``).
"""

from __future__ import annotations

import functools
from typing import NamedTuple

import mpmath
import sympy as sp

from derivcheck import (
    AllOf, Argmin, Article, Condition, Experiment, Identity, Pinv, Proof, Property,
    RankProfiles, WellShaped, matrix_with_singular_values, parse_latex, pinv_exact, random_rational_matrix,
)
from derivcheck.checks.evaluate import ExactBackend, evaluate
from derivcheck.checks.latex import symbols_of
from derivcheck.checks.properties import draw_profiles
from derivcheck.compare.metrics import exact_rank
from derivcheck.exact import cayley_orthogonal
from derivcheck.exact.convert import rational_entries
from derivcheck.highprec.svd import svd_mp

art = Article("mit1806", "MIT 18.06 lecture 34 study notes: left and right inverses, pseudo-inverse",
              "joe, study notes dated 2023-09-10 (after apachecn/mit-18.06-linalg-notes, docs/chapter34.md)",
              filename="mit1806-pseudo-inverse-notes.md")

# ================================================================ subspaces, instances

SHAPES = ((3, 2), (2, 3), (1, 1), (1, 3), (3, 1), (2, 2), (3, 3), (2, 4), (4, 2), (4, 3), (3, 4), (4, 4))
SIGMAS = (sp.Integer(5), sp.Integer(3), sp.Rational(3, 2), sp.Rational(1, 2))  # exact σ, largest first
m_, n_ = sp.symbols("m n", integer=True, positive=True)
A_mn, b_m = sp.MatrixSymbol("A", m_, n_), sp.MatrixSymbol("b", m_, 1)
mul = sp.MatMul  # unevaluated: a product must be checked, not simplified when it is built

rank = exact_rank  # over QQ

def span(vectors, dim):
    return sp.Matrix.hstack(*vectors) if vectors else sp.zeros(dim, 0)

def by_value(basis):
    """basis(M) remembered by M's rational entries (a pure function of them); a fresh copy each call."""
    @functools.lru_cache(maxsize=None)
    def of_entries(shape, entries):
        return sp.ImmutableMatrix(basis(sp.Matrix(*shape, entries)))
    @functools.wraps(basis)
    def cached(M):
        entries = rational_entries(M)
        return basis(M) if entries is None else sp.Matrix(of_entries(M.shape, entries))
    return cached

@by_value
def col_space(M):
    return span(sp.Matrix(M).columnspace(), M.rows)

@by_value
def null_space(M):
    return span(sp.Matrix(M).nullspace(), M.cols)

def same_space(B1, B2) -> bool:
    return rank(B1) == rank(B2) == rank(sp.Matrix(B1).row_join(sp.Matrix(B2)))

def in_space(v, B) -> bool:
    return rank(sp.Matrix(B).row_join(sp.Matrix(v))) == rank(B)

def complements(B1, B2, dim) -> bool:
    """span(B1) and span(B2) are orthogonal complements in R^dim."""
    orthogonal = not (B1.cols and B2.cols) or (B1.T * B2).is_zero_matrix
    return orthogonal and rank(B1) + rank(B2) == dim == B1.rows == B2.rows

def projector(B):
    """The orthogonal projector onto span(B), built from a basis (no pseudo-inverse)."""
    C = col_space(B)
    return C * (C.T * C).inv() * C.T if C.cols else sp.zeros(B.rows, B.rows)

def is_projector(P) -> bool:
    return P == P.T and P * P == P

def block(size, r):
    """[[I_r, 0], [0, 0]] of the given size."""
    return sp.diag(*([1] * r + [0] * (size - r)))

def vec(rng, k):
    return sp.Matrix([rng.randint(-9, 9) for _ in range(k)])

def profiles(keep=None, shapes=SHAPES):
    return RankProfiles(shapes, keep=keep)

ALL = profiles()
FULL_COL, FULL_ROW = profiles(lambda m, n, r: r == n), profiles(lambda m, n, r: r == m)
GENERAL = profiles(lambda m, n, r: r < m and r < n)  # neither full column nor full row rank
RANK_DEFICIENT_COLS = profiles(lambda m, n, r: r < n)
ALL_16 = profiles(shapes=tuple((m, n) for m in range(1, 5) for n in range(1, 5)))

def every(holds, over=ALL, legs=("rank",), **kw):
    """A property of every drawn A (numerical ranks cross-checked on the first few)."""
    return Property(holds, over=over, legs=legs, **kw)

def with_vector(over, name, length):
    """Each A of *over* with a random integer vector *name* of length ``length(A)``."""
    def draw(rng):
        return [{"A": A, name: vec(rng, length(A))} for _, A in draw_profiles(over, rng.randrange(2**31))]
    return draw

def nullities(A):
    return rank(null_space(A)), rank(null_space(A.T))

def parsed(formula):
    """The expression of a LaTeX formula and its matrix A (parsed from the quote)."""
    p = parse_latex(formula)
    return p.tree, p.matrices["A"]

def projection(P, target, A, assume):
    """P = target, P² = P, Pᵀ = P: the orthogonal projector."""
    return AllOf(Identity(P, target, assume={A: assume}), Identity(mul(P, P), P, assume={A: assume}),
                 Identity(sp.Transpose(P), P, assume={A: assume}))

def one_sided_inverse(product, L, pinv, A, assume):
    """product = I (L is a one-sided inverse) and L = the pseudo-inverse."""
    return AllOf(Identity(product, sp.Identity(product.shape[0]), assume={A: assume}), Identity(L, pinv, assume={A: assume}))

def inferred_shape(formula, shapes, expected):
    def prove(_):
        shape = tuple(str(d) for d in parse_latex(formula, shapes=shapes).tree.shape)
        return shape == expected, f"inferred shape {shape}"
    prove.__name__ = f"shape inference of {formula}"
    return prove

# ---------------------------------------------------------------- exact SVDs and Σ


class ExactSVD(NamedTuple):
    """A = UΣVᵀ with rational orthogonal U (m x m), V (n x n), Σ = diag(σ₁ ≥ … ≥ σ_r > 0, 0, …)."""

    A: sp.ImmutableMatrix
    U: sp.ImmutableMatrix
    Sigma: sp.ImmutableMatrix
    V: sp.ImmutableMatrix
    rank: int


ORTHOGONAL_POOL = 6  # rational orthogonal matrices per order (costly to build)

@functools.lru_cache(maxsize=None)
def orthogonal(order, index):
    return cayley_orthogonal(order, seed=1000 * order + index)

def sigma(m, n, values):
    return sp.ImmutableMatrix(m, n, lambda i, j: values[i] if i == j < len(values) else 0)

def sigma_pinv(S):
    """The notes' Σ⁺: n x m, 1/σᵢ where σᵢ ≠ 0 on the diagonal, zeros elsewhere."""
    return sp.Matrix(S.cols, S.rows, lambda i, j: 1 / S[i, i] if i == j and not S[i, i].is_zero else 0)

def svds(keep=lambda m, n, r: True, shapes=SHAPES):
    """Exact SVDs at every shape and rank kept, U and V drawn by the claim's generator."""
    def draw(rng):
        out = []
        for m, n in shapes:
            for r in range(min(m, n) + 1):
                iu, iv = rng.randrange(ORTHOGONAL_POOL), rng.randrange(ORTHOGONAL_POOL)
                if keep(m, n, r):
                    U, V, S = orthogonal(m, iu), orthogonal(n, iv), sigma(m, n, SIGMAS[:r])
                    out.append(ExactSVD(sp.ImmutableMatrix(U * S * V.T), U, S, V, r))
        return out
    return draw

SVDS = svds()
SIGMA_CASES = tuple((m, n, r) for m, n in SHAPES for r in range(min(m, n) + 1))  # (m, n, rank)
FCR_CASES = tuple(c for c in SIGMA_CASES if c[2] == c[1])
FRR_CASES = tuple(c for c in SIGMA_CASES if c[2] == c[0])

def symbolic_sigma(case):
    """Σ (m x n) with r positive symbols σᵢ, and the notes' Σ⁺."""
    m, n, r = case
    S = sigma(m, n, sp.symbols(f"sigma_1:{r + 1}", positive=True) if r else ())
    return S, sigma_pinv(S)

def zero(M) -> bool:
    return all(sp.cancel(e) == 0 for e in M)

def penrose(S, X) -> bool:
    SX, XS = S * X, X * S
    return zero(SX * S - S) and zero(XS * X - X) and zero(SX.T - SX) and zero(XS.T - XS)

def sigma_penrose(case):
    return penrose(*symbolic_sigma(case))

SIGMA_PINV = Proof(sigma_penrose, at=SIGMA_CASES, by="the four Penrose conditions, symbolic σᵢ > 0",
                   cross_check=Property(lambda S: pinv_exact(S) == sigma_pinv(S),
                                        over=lambda rng: [sigma(m, n, SIGMAS[:r]) for m, n, r in SIGMA_CASES]))

def sigma_products(*which):
    """ΣΣ⁺ = [[I_r,0],[0,0]] (m x m) and/or Σ⁺Σ = [[I_r,0],[0,0]] (n x n), symbolic σᵢ > 0."""
    def prove(case):
        (m, n, r), (S, X) = case, symbolic_sigma(case)
        products = {"ΣΣ⁺": (S * X, m), "Σ⁺Σ": (X * S, n)}
        return all(products[w][0].applyfunc(sp.cancel) == block(products[w][1], r) for w in which)
    prove.__name__ = " and ".join(f"{w} = [[I_r,0],[0,0]]" for w in which) + ", symbolic σᵢ > 0"
    return Proof(prove, at=SIGMA_CASES)

def gram_diagonal(left):
    """ΣᵀΣ (full column rank) or ΣΣᵀ (full row rank) = diag(σᵢ²), invertible."""
    def prove(case):
        S, _ = symbolic_sigma(case)
        G = S.T * S if left else S * S.T
        return G == sp.diag(*[S[i, i] ** 2 for i in range(case[2])]) and G.det() != 0
    return Proof(prove, at=FCR_CASES if left else FRR_CASES,
                 by=("ΣᵀΣ" if left else "ΣΣᵀ") + " = diag(σᵢ²), det ≠ 0")

def explicit_step(left):
    """(ΣᵀΣ)⁻¹Σᵀ = diag(1/σᵢ²)Σᵀ = Σ⁺ (full column rank), or Σᵀ(ΣΣᵀ)⁻¹ = Σᵀdiag(1/σᵢ²) = Σ⁺."""
    def prove(case):
        S, X = symbolic_sigma(case)
        inverse = sp.diag(*[1 / S[i, i] ** 2 for i in range(case[2])])
        product = inverse * S.T if left else S.T * inverse
        return ((S.T * S if left else S * S.T).inv() == inverse and product.applyfunc(sp.cancel) == X
                and penrose(S, X))
    return Proof(prove, at=FCR_CASES if left else FRR_CASES,
                 by="(ΣᵀΣ)⁻¹Σᵀ = diag(1/σᵢ²)Σᵀ = Σ⁺" if left else "Σᵀ(ΣΣᵀ)⁻¹ = Σᵀ diag(1/σᵢ²) = Σ⁺")

def svd_definition(formula):
    s = symbols_of(formula)
    return {"A": s["U"] * s["Sigma"] * s["V"].T}

def svd_equation(formula):
    """Every equation of the chain in *formula*, evaluated exactly at an exact SVD A = UΣVᵀ."""
    p = parse_latex(formula)
    def holds(k):
        values = {sym: getattr(k, name) for name, sym in dict(p.matrices).items()}
        dims = {d: v for sym, M in values.items() for d, v in zip(sym.shape, M.shape) if isinstance(d, sp.Symbol)}
        sides = [sp.Matrix(evaluate(side, values, ExactBackend(), dims=dims)) for side in p.tree.sides]
        return all(a == b for a, b in zip(sides, sides[1:]))
    return holds

def projection_from_svd(side):
    """VΣ⁺ΣVᵀ = V[[I_r,0],[0,0]]Vᵀ = V_rV_rᵀ = P_{C(Aᵀ)}, or the same with U, ΣΣ⁺ and P_{C(A)}."""
    def holds(k):
        W, S, X, r = (k.V if side == "V" else k.U), k.Sigma, pinv_exact(k.Sigma), k.rank
        full = W * (X * S if side == "V" else S * X) * W.T
        return full == W * block(W.rows, r) * W.T == W[:, :r] * W[:, :r].T == projector(k.A.T if side == "V" else k.A)
    return holds

# ---------------------------------------------------------------- other instances


def designs(rng):
    """Full-column-rank regression designs X (k x p) with one row (a test) or one column repeated."""
    out = []
    for k, p in ((3, 2), (4, 2), (4, 3), (5, 3)):
        X = random_rational_matrix(k, p, seed=rng.randrange(2**31))
        i, j = rng.randrange(k), rng.randrange(p)
        out.append({"X": X, "row repeated": X.col_join(X[i, :]), "column repeated": X.row_join(X[:, j])})
    return out

def repeated_tests(rng):
    """The designs with a repetition, the line fit at t = 1, 1, 2, and one setting repeated 4 times."""
    out = [{"A": d[key], "repeated": key} for d in designs(rng) for key in ("row repeated", "column repeated")]
    return out + [{"A": sp.Matrix([[1, 1], [1, 1], [1, 2]]), "repeated": "row repeated"},
                  {"A": sp.Matrix([[1, 2]] * 4), "repeated": "one setting only"}]

def stretchings(rng):
    """Matrices with σ = (5, 3, 3/2)[:r] and partial isometries (every nonzero σᵢ = 1)."""
    return ([matrix_with_singular_values(m, n, list(SIGMAS[:r]), seed=rng.randrange(2**31))
             for m, n, r in ((3, 2, 2), (3, 3, 2), (2, 4, 2), (4, 3, 3))]
            + [matrix_with_singular_values(m, n, [1] * r, seed=rng.randrange(2**31))
               for m, n, r in ((3, 2, 2), (3, 3, 2), (2, 4, 1))])

MP_DPS = 50  # working precision of the mpmath SVD
MP_UNIT_ROUNDOFF = 10.0 ** (1 - MP_DPS) / 2

def svd_defects(seed):
    """mpmath SVDs of random rational A: relative residual ‖A − UΣVᵀ‖/‖A‖ and orthogonality defect."""
    runs = []
    with mpmath.workdps(MP_DPS):
        for label, A in draw_profiles(profiles(shapes=((2, 3), (3, 2), (3, 3), (4, 3))), seed):
            svd, k = svd_mp(A, dps=MP_DPS), min(A.shape)
            M = mpmath.matrix([[mpmath.mpf(x.p) / x.q for x in A.row(i)] for i in range(A.rows)])
            residual = mpmath.mnorm(M - svd.U * mpmath.diag(list(svd.S)) * svd.Vt, "f") / max(mpmath.mnorm(M, "f"), 1)
            orth = max(mpmath.mnorm(svd.U.T * svd.U - mpmath.eye(k), "f"),
                       mpmath.mnorm(svd.Vt * svd.Vt.T - mpmath.eye(k), "f"))
            runs.append({"case": label, "defect": float(max(residual, orth)), "size": max(A.shape)})
    return runs

def derivative(n):
    """d/dx: P_n → P_{n−1} in monomial coefficients (c₀, …, c_n) ↦ (c₁, 2c₂, …, n c_n)."""
    return sp.Matrix(n, n + 1, lambda i, j: j if j == i + 1 else 0)

def integral(n):
    """f ↦ ∫_0^x f(t) dt: P_{n−1} → P_n in monomial coefficients."""
    return sp.Matrix(n + 1, n, lambda i, j: sp.Rational(1, i) if i == j + 1 else 0)

def gram_l2(n):
    """Gram matrix of 1, x, …, x^n in L²[0, 1] (the Hilbert matrix)."""
    return sp.Matrix(n + 1, n + 1, lambda i, j: sp.Rational(1, i + j + 1))

def zero_mean_antiderivative(n):
    """∫_0^x f − ∫_0^1∫_0^s f: the antiderivative with mean 0 over [0, 1]."""
    J = integral(n)
    return J - sp.Matrix([1] + [0] * n) * sp.Matrix([[sp.Rational(1, k + 1) for k in range(n + 1)]]) * J

def weighted_penrose(D, X, G, H) -> bool:
    """Penrose conditions for D: (R^{n+1}, G) → (R^n, H): DXD = D, XDX = X, DX and XD self-adjoint."""
    return D * X * D == D and X * D * X == X and H * D * X == (H * D * X).T and G * X * D == (G * X * D).T

def calculus(rng):
    """d/dx and ∫_0^x on polynomials of degree ≤ n (n = 1..6), in coefficients and in L²[0, 1]."""
    return [{"D": derivative(n), "J": integral(n), "G": G, "H": H, "inner product": name}
            for n in range(1, 7) for name, G, H in (("monomial coefficients", sp.eye(n + 1), sp.eye(n)),
                                                    ("L²[0,1]", gram_l2(n), gram_l2(n - 1)))]

def pseudo_inverses_of_d(D):
    """D⁺ = ∫_0^x in coefficients; for n ≤ 6 the zero-mean antiderivative is D⁺ in L²[0, 1]."""
    n = D.rows
    J, G = integral(n), gram_l2(n)
    ok = pinv_exact(D) == J and D * J == sp.eye(n)
    if n <= 6:
        Z, Gi = zero_mean_antiderivative(n), G.inv()
        ok = (ok and weighted_penrose(D, Z, G, gram_l2(n - 1)) and D * Z == sp.eye(n)
              and Gi * D.T * (D * Gi * D.T).inv() == Z)
    return ok

# ================================================================ inverses and the four subspaces

art.latex("inverse-square", quote=r"A^{-1}A=I=AA^{-1}", expect="proved", assume={"A": "invertible"})
art.claim("colspace-dim", every(lambda A: col_space(A).rows == A.rows and rank(col_space(A)) == rank(A)),
          quote=r"C(A)\in\mathbb{R}^m,\ \dim C(A)=r", expect="verified",
          statement="C(A) is a subspace of R^m ('∈' read as '⊆') of dimension r = rank A")
art.claim("leftnull-dim", every(lambda A: null_space(A.T).rows == A.rows and rank(null_space(A.T)) == A.rows - rank(A)
                                and (A.T * null_space(A.T)).is_zero_matrix is not False),
          quote=r"N\left(A^T\right)\in\mathbb{R}^m,\ \dim N\left(A^T\right)=m-r",
          expect="verified", statement="N(Aᵀ) is a subspace of R^m of dimension m − r")
art.claim("col-leftnull-complement", every(lambda A: complements(col_space(A), null_space(A.T), A.rows)),
          quote="列空间与左零空间互为正交补", expect="verified", statement="C(A) and N(Aᵀ) are orthogonal complements in R^m")
art.claim("rowspace-dim", every(lambda A: col_space(A.T).rows == A.cols and rank(col_space(A.T)) == rank(A)),
          quote=r"C\left(A^T\right)\in\mathbb{R}^n,\ \dim C\left(A^T\right)=r",
          expect="verified", statement="C(Aᵀ) is a subspace of R^n of dimension r")
art.claim("null-dim", every(lambda A: null_space(A).rows == A.cols and rank(null_space(A)) == A.cols - rank(A)
                            and (A * null_space(A)).is_zero_matrix is not False),
          quote=r"N(A)\in\mathbb{R}^n,\ \dim N(A)=n-r", expect="verified",
          statement="N(A) is a subspace of R^n of dimension n − r")
art.claim("row-null-complement", every(lambda A: complements(col_space(A.T), null_space(A), A.cols)),
          quote="行空间与零空间互为正交补", expect="verified", statement="C(Aᵀ) and N(A) are orthogonal complements in R^n")

def listed_cases(A):
    (m, n), r, (kA, kAt) = A.shape, rank(A), nullities(A)
    return ((m == r < n) or (n == r < m) or (r < m and r < m)) == (kA > 0 or kAt > 0)

def third_case(A):
    m, r, (kA, kAt) = A.rows, rank(A), nullities(A)  # the case as written names no n
    return (r < m and r < m) == (kA > 0 and kAt > 0), f"'r<m, r<m' is {r < m}, dim N(A) = {kA}, dim N(Aᵀ) = {kAt}"

art.claim("case-list-union", every(listed_cases, ALL_16, legs=()), quote=r"$m=r<n$或者$n=r<m$或$r<m,r<m$", expect="verified",
          statement="the union of the listed conditions (m=r<n) or (n=r<m) or (r<m and r<m), as "
                    "written, is exactly when N(A) and N(Aᵀ) are not both {0}")
art.claim("case-list-third-case", every(third_case, ALL_16, legs=()), quote=r"$r<m,r<m$", expect="refuted",
          statement="the third listed case 'r<m, r<m' is the fourth case of Section 4 (A neither full "
                    "column nor full row rank: both N(A) and N(Aᵀ) nonzero), disjoint from n=r<m")
art.claim("case-list-third-case-corrected",
          every(lambda A: (rank(A) < min(A.shape)) == (min(nullities(A)) > 0), ALL_16, legs=()),
          quote=r"r<m,n，即矩阵的秩小于矩阵的行和列，此时零空间N(A) 和左零空间 N(A^{T}) 都不为零",
          expect="verified", statement="r<m and r<n ⇔ N(A) ≠ {0} and N(Aᵀ) ≠ {0} (the general case)")

def not_recoverable(A):
    z, e, X = null_space(A), null_space(pinv_exact(A)), pinv_exact(A)
    x, b = sp.Matrix([k + 1 for k in range(A.cols)]), sp.Matrix([k - 1 for k in range(A.rows)])
    return z.cols > 0 < e.cols and A * (x + z[:, 0]) == A * x and X * (b + e[:, 0]) == X * b

art.claim("general-case-not-recoverable", every(not_recoverable, GENERAL), quote=r"\vec{x} 和 \vec{b} 都不可能被还原",
          expect="verified", statement="for r<m, r<n: x is not determined by Ax (some x' ≠ x has Ax' = Ax) and b is not "
                                       "determined by A⁺b (some b' ≠ b has A⁺b' = A⁺b)")

def bijection(A):
    """A maps C(Aᵀ) one-to-one onto C(A), and A⁺ inverts it there."""
    R = col_space(A.T)
    return not R.cols or (rank(A * R) == R.cols and same_space(A * R, col_space(A)) and pinv_exact(A) * A * R == R)

art.claim("rowspace-colspace-bijection", every(bijection), quote=r"行空间 \vec{x_{r}} 和列空间 \vec{p} 之间是存在一一对应的",
          expect="verified", statement="A maps C(Aᵀ) one-to-one onto C(A), with inverse A⁺ on C(A)")

# ================================================================ the left inverse, the projection onto C(A)

art.claim("ata-full-rank", every(lambda A: rank(A.T * A) == A.cols, FULL_COL),
          quote=r"$A$列满秩时候的情形，那么我们会发现$A^TA$是满秩的", expect="verified",
          statement="A of full column rank ⇒ AᵀA (n x n) has rank n")
art.identity("left-inverse-property", quote=r"\underbrace{\left(A^TA\right)^{-1}A^T}A=I",
             lhs=mul(sp.Inverse(A_mn.T * A_mn), A_mn.T, A_mn), rhs=sp.Identity(n_), assume={A_mn: "full column rank"},
             expect="proved", statement="((AᵀA)⁻¹Aᵀ)A = I_n for A of full column rank (by hand: the LaTeX front end "
                                        "does not read \\underbrace)")
L_LEFT, A_L = parsed(r"\left(A^TA\right)^{-1}A^T")
art.claim("left-inverse-def", one_sided_inverse(mul(L_LEFT, A_L), L_LEFT, Pinv(A_L), A_L, "full column rank"),
          quote=r"A^{-1}_{left}=\left(A^TA\right)^{-1}A^T", expect="proved",
          statement="the defined (AᵀA)⁻¹Aᵀ (parsed from the quote) is a left inverse of A and is A⁺, for A of full "
                    "column rank (the front end would read A^{-1}_{left} as an unrelated free matrix)")
XH = parse_latex(r"\left(A^TA\right)^{-1}A^Tb")
A_X, x_X = XH.matrices["A"], sp.MatrixSymbol("x", XH.matrices["A"].shape[1], 1)
RESIDUAL = A_X * x_X - XH.matrices["b"]
art.claim("least-squares-xhat", Argmin(sp.Trace(mul(RESIDUAL.T, RESIDUAL)), x_X, XH.tree, assume={A_X: "full column rank"}),
          quote=r"\hat x=\left(A^TA\right)^{-1}A^Tb",
          expect="verified", statement="x̂ = (AᵀA)⁻¹Aᵀb (parsed from the quote) minimizes ‖Ax − b‖², i.e. Ax̂ is the "
                                       "projection of b onto C(A); A of full column rank")
P_COL, A_P = parsed(r"A\left(A^TA\right)^{-1}A^T")
art.claim("proj-col-formula", projection(P_COL, mul(A_P, Pinv(A_P)), A_P, "full column rank"),
          quote=r"P=A\left(A^TA\right)^{-1}A^T", expect="verified",
          statement="P = A(AᵀA)⁻¹Aᵀ = A·(left inverse) (parsed from the quote) is the orthogonal projector "
                    "onto C(A): P = AA⁺, P² = P, Pᵀ = P, for A of full column rank")
T3 = sp.Matrix([[1, 0], [0, 1], [1, 1]])
art.claim("p-shape", WellShaped(example=lambda: {"A": T3, "Ax̂ (b = 1)": projector(T3) * sp.ones(3, 1),
                                                 "A(AᵀA)⁻¹Aᵀ": projector(T3)}),
    quote=r"p=A\hat x=A\left(A^TA\right)^{-1}A^T", expect="refuted",
    statement="the chain p = Ax̂ = A(AᵀA)⁻¹Aᵀ as written (b missing) equates the m x 1 vector Ax̂ "
              "with the m x m matrix A(AᵀA)⁻¹Aᵀ")
art.identity("p-shape-corrected", lhs=mul(A_mn, sp.Inverse(A_mn.T * A_mn), A_mn.T, b_m), rhs=mul(A_mn, Pinv(A_mn), b_m),
             assume={A_mn: "full column rank"}, quote=r"p=A\hat x=A\left(A^TA\right)^{-1}A^T", expect="proved",
             statement="with the missing b: p = Ax̂ = A(AᵀA)⁻¹Aᵀb = AA⁺b, the projection of b onto C(A)")

def projects_onto(space, P, d):
    """Pb ∈ space and b − Pb ⊥ space."""
    Pb = P * d["b"]
    return in_space(Pb, space) and (space.T * (d["b"] - Pb)).is_zero_matrix, f"b − Pb = {list(d['b'] - Pb)}"

art.claim("proj-col-action", Property(lambda d: projects_onto(d["A"], d["A"] * (d["A"].T * d["A"]).inv() * d["A"].T, d),
                                      over=with_vector(FULL_COL, "b", lambda A: A.rows)),
          quote=r"它将右乘的向量$b$投影在矩阵$A$的列空间中", expect="verified",
          statement="for A of full column rank and any b: Pb ∈ C(A) and b − Pb ⊥ C(A)")
art.claim("aat-shape", Proof(inferred_shape("AA^T", {"A": ("m", "n")}, ("m", "m"))),
          quote=r"再来观察$AA^T$矩阵，这是一个$m\times m$矩阵", expect="proved",
          statement="AAᵀ of an m x n matrix A is m x m (shape inference on the parsed AA^T)")
TALL_FULL_COL = profiles(lambda m, n, r: r == n < m)
art.claim("aat-rank", every(lambda A: rank(A * A.T) == A.cols < A.rows, TALL_FULL_COL), quote=r"rank(AA^T)=n<m",
          expect="verified", statement="for a rectangular (m > n) A of full column rank: rank(AAᵀ) = n < m")
art.claim("aat-singular", every(lambda A: (A * A.T).det() == 0, TALL_FULL_COL), quote=r"也就是说$AA^T$是不可逆的",
          expect="verified", statement="for a rectangular (m > n) A of full column rank, det(AAᵀ) = 0")

# ================================================================ the right inverse, the projection onto C(Aᵀ)

def gram_invertible_iff_full_column_rank(A):
    return ((A.T * A).det() != 0) == (rank(A) == A.cols)

art.claim("left-inverse-needs-full-column-rank", every(gram_invertible_iff_full_column_rank),
          quote=r"当然这是$A$是列满秩的时候才成立的", expect="verified",
          statement="(AᵀA)⁻¹ exists exactly when A has full column rank (every rank)")
art.claim("transpose-full-column-rank", every(lambda A: rank(A.T) == A.rows, FULL_ROW),
          quote=r"如果$A$是行满秩的时候，那么$A^T$就是列满秩了", expect="verified",
          statement="rank A = m ⇒ Aᵀ (n x m) has full column rank m")
L_T, A_T = parsed(r"\left(AA^T\right)^{-1}A")
art.claim("transposed-left-inverse", one_sided_inverse(mul(L_T, A_T.T), L_T, Pinv(A_T.T), A_T, "full row rank"),
          quote=r"A^{T^{-1}}_{left}=\left(AA^T\right)^{-1}A", expect="verified",
          statement="(AAᵀ)⁻¹A (parsed from the quote) is a left inverse of Aᵀ and equals (Aᵀ)⁺, for A of "
                    "full row rank (by hand: the front end does not read ^{T^{-1}})")
art.latex("right-derivation-left-of-transpose", quote=r"\left(AA^T\right)^{-1}AA^T=I", expect="proved",
          assume={"A": "full row rank"})
ROW_RANK = {A_mn: "full row rank"}
LEFT_OF_T, RIGHT_OF_A = mul(sp.Inverse(A_mn * A_mn.T), A_mn, A_mn.T), mul(A_mn, A_mn.T, sp.Inverse(A_mn * A_mn.T))
art.claim("right-derivation-transpose-step", AllOf(Identity(sp.Transpose(LEFT_OF_T), RIGHT_OF_A, assume=ROW_RANK),
                                                   Identity(RIGHT_OF_A, sp.Identity(m_), assume=ROW_RANK)),
    quote=r"\stackrel{取转置}{\rightarrow}A\underbrace{A^T(AA^T)^{-1}}=I", expect="proved",
    statement="transposing (AAᵀ)⁻¹AAᵀ = I gives AAᵀ(AAᵀ)⁻¹ = I (AAᵀ symmetric), A full row rank "
              "(by hand: the front end does not read \\stackrel or \\underbrace)")
R_WRITTEN, A_RW = parsed(r"A^T\left(AA^T\right)")
art.identity("right-inverse-as-written", lhs=mul(A_RW, R_WRITTEN), rhs=sp.Identity(A_RW.shape[0]),
             assume={A_RW: "full row rank"}, quote=r"A^{-1}_{right}=A^T\left(AA^T\right)", expect="refuted",
             statement="the right inverse as written, R = Aᵀ(AAᵀ) (parsed from the quote; the inverse is "
                       "missing), satisfies A R = I for A of full row rank")
R_RIGHT, A_R = parsed(r"A^{T}(AA^{T})^{-1}")
art.claim("right-inverse-as-written-corrected", one_sided_inverse(mul(A_R, R_RIGHT), R_RIGHT, Pinv(A_R), A_R, "full row rank"),
    quote=r"A^{-1}_{right}=A^{T}(AA^{T})^{-1}", expect="proved",
    statement="R = Aᵀ(AAᵀ)⁻¹ (parsed from the later, correct quote) satisfies A R = I and R = A⁺ for A of full row rank")
P_ROW_WRITTEN, A_PR = parsed(r"A^T\left(AA^T\right)A")
art.claim("proj-row-as-written", projection(P_ROW_WRITTEN, mul(Pinv(A_PR), A_PR), A_PR, "full row rank"),
          quote=r"P=A^T\left(AA^T\right)A", expect="refuted",
          statement="P = Aᵀ(AAᵀ)A as written (parsed from the quote) is the orthogonal projector onto "
                    "C(Aᵀ): P = A⁺A, P² = P, Pᵀ = P, for A of full row rank")
P_ROW = mul(A_mn.T, sp.Inverse(A_mn * A_mn.T), A_mn)
art.claim("proj-row-as-written-corrected", projection(P_ROW, mul(Pinv(A_mn), A_mn), A_mn, "full row rank"),
          quote=r"P=A^T\left(AA^T\right)A", expect="verified",
          statement="with the inverse restored, P = Aᵀ(AAᵀ)⁻¹A = A⁺A is the orthogonal projector onto "
                    "C(Aᵀ), for A of full row rank")
P_COL_SWAPPED = P_COL.xreplace({A_P: A_P.T})
art.identity("proj-row-is-swap", lhs=P_COL_SWAPPED, rhs=P_ROW_WRITTEN.xreplace({A_PR: A_P}),
             assume={A_P: "full row rank"},
             quote=r"这个矩阵的$A$全部变为$A^T$了", expect="refuted",
             statement="the written second projection Aᵀ(AAᵀ)A is the first, A(AᵀA)⁻¹Aᵀ, with every A "
                       "replaced by Aᵀ (both parsed from the quotes; A full row rank)")
art.identity("proj-row-is-swap-corrected", lhs=P_COL_SWAPPED, rhs=mul(Pinv(A_P), A_P), assume={A_P: "full row rank"},
             quote=r"这个矩阵的$A$全部变为$A^T$了", expect="proved",
             statement="replacing A by Aᵀ in A(AᵀA)⁻¹Aᵀ gives Aᵀ(AAᵀ)⁻¹A = A⁺A (A full row rank)")
ROW_VECTORS = with_vector(FULL_ROW, "b", lambda A: A.cols)
art.claim("proj-row-action", Property(lambda d: projects_onto(d["A"].T, d["A"].T * (d["A"] * d["A"].T) * d["A"], d),
                                      over=ROW_VECTORS),
          quote=r"所以这是一个能够将右乘的向量$b$投影在$A$的行空间中", expect="refuted",
          statement="the written P = Aᵀ(AAᵀ)A maps b to its orthogonal projection onto C(Aᵀ) (A full row rank)")
art.claim("proj-row-action-corrected", Property(
    lambda d: projects_onto(d["A"].T, d["A"].T * (d["A"] * d["A"].T).inv() * d["A"], d), over=ROW_VECTORS),
    quote=r"所以这是一个能够将右乘的向量$b$投影在$A$的行空间中", expect="verified",
    statement="P = Aᵀ(AAᵀ)⁻¹A maps b to its orthogonal projection onto C(Aᵀ)")

# ================================================================ A between row space and column space; A⁺

X_VECTORS = with_vector(ALL, "x", lambda A: A.cols)
art.claim("ax-in-colspace", Property(lambda d: in_space(d["A"] * d["x"], col_space(d["A"])), over=X_VECTORS),
          quote=r"乘上$A$后结果$Ax$一定落在矩阵$A$的列空间$C(A)$中", expect="verified", statement="Ax ∈ C(A) for every x")
art.latex("ax-shapes", quote=r"x\in\mathbb{R}^n,\ Ax\in\mathbb{R}^m", expect="proved",
          statement="x ∈ R^n and Ax ∈ R^m are consistent exactly for an m x n matrix A (shape inference of the declarations)")

def r_dimensional_bijection(A):
    R, C, r = col_space(A.T), col_space(A), rank(A)
    return (R.rows == A.cols and C.rows == A.rows and rank(R) == r == rank(C)
            and (not r or (rank(A * R) == r and same_space(A * R, C))))

art.claim("rowspace-to-colspace-r-dim", every(r_dimensional_bijection),
          quote=r"也就是$\mathbb{R}^n$的$r$维子空间到$\mathbb{R}^m$的$r$维子空间的映射",
          expect="verified", statement="A restricted to C(Aᵀ) (r-dim in R^n) is a bijection onto C(A) (r-dim in R^m)")

def union_is_everything(A):
    R, Z = col_space(A.T), null_space(A)
    x = (R[:, 0] if R.cols else sp.zeros(A.cols, 1)) + (Z[:, 0] if Z.cols else sp.zeros(A.cols, 1))
    return in_space(x, R) or in_space(x, Z), f"x = {list(x)} (row-space part + null-space part) lies in neither"

art.claim("rn-union-literal", every(union_is_everything, profiles(lambda m, n, r: r < min(m, n))),
          quote=r"这样$\mathbb{R}^n$空间的所有向量都包含在行空间与零空间中", expect="refuted",
          statement="read literally, every x ∈ R^n lies in the row space or in the null space "
                    "(C(Aᵀ) ∪ N(A) = R^n), for A not of full rank as in Section 4")

def direct_sum(d):
    A, x = d["A"], d["x"]
    R, basis = col_space(A.T), col_space(A.T).row_join(null_space(A))
    if basis.shape != (A.cols, A.cols) or basis.det() == 0:
        return False, "not a direct sum"
    x_r = R * basis.solve(x)[:R.cols, :]
    return A * x == A * x_r, "Ax ≠ Ax_r"

art.claim("rn-union-literal-corrected", Property(direct_sum, over=X_VECTORS),
          quote=r"所有向量都能由行空间的分量和零空间的分量构成，变换将零空间的分量消除",
          expect="verified", statement="R^n = C(Aᵀ) ⊕ N(A): every x = x_r + x_n uniquely, and Ax = Ax_r")
art.claim("rowspace-maps-onto-colspace", every(lambda A: not rank(A) or same_space(A * col_space(A.T), col_space(A))),
          quote=r"但如果我们只看行空间中的向量，那就全部变换到列空间中了", expect="verified", statement="A(C(Aᵀ)) = C(A)")

def different_images(A):
    x = col_space(A.T)[:, 0]  # y = x: the claim as written has no x ≠ y
    return A * x != A * x, f"x = y = {list(x)} ∈ C(Aᵀ) gives Ax = Ay"

art.claim("injective-informal", every(different_images, profiles(lambda m, n, r: r > 0)),
          quote=r"在行空间中任取两个向量$x,\ y\in C(A^T)$，则有$Ax\neq Ay$",
          expect="refuted", statement="as written (no x ≠ y): for any two x, y ∈ C(Aᵀ), Ax ≠ Ay")

def row_space_pairs(rng):
    """Each A with three random pairs of row-space coefficients."""
    return [{"A": A, "pairs": [(vec(rng, rank(A)), vec(rng, rank(A))) for _ in range(3)]}
            for _, A in draw_profiles(ALL, rng.randrange(2**31))]

def injective(d):
    A, R = d["A"], col_space(d["A"].T)
    pairs = [(R * cx, R * cy) for cx, cy in d["pairs"] if R.cols and R * cx != R * cy]
    return all(A * x != A * y and in_space(A * x, A) and in_space(A * y, A) for x, y in pairs) and rank(A * R) == R.cols

art.claim("injective-informal-corrected", Property(injective, over=row_space_pairs),
          quote=r"对于$x,y\in C\left(A^T\right),\ x\neq y$，有$Ax,Ay\in C(A),\ Ax\neq Ay$",
          expect="verified", statement="x, y ∈ C(Aᵀ), x ≠ y ⇒ Ax, Ay ∈ C(A) and Ax ≠ Ay (rank(A·basis of C(Aᵀ)) = r, "
                                       "plus random pairs)")

def restricted_matrix_invertible(A):
    R, C = col_space(A.T), col_space(A)
    M = (C.T * C).inv() * C.T * A * R if R.cols else sp.zeros(0, 0)
    return not R.cols or (M.det() != 0 and C * M == A * R)

art.claim("restricted-invertible", every(restricted_matrix_invertible), quote="如果限制在这两个空间上，$A$可以说“是个可逆矩阵”",
          expect="verified", statement="in bases R of C(Aᵀ) and C of C(A), A|C(Aᵀ) has the invertible r x r matrix (CᵀC)⁻¹CᵀAR")

def pinv_bijection(A):
    C, X = col_space(A), pinv_exact(A)
    return not C.cols or (rank(X * C) == C.cols and same_space(X * C, col_space(A.T)) and A * X * C == C)

art.claim("pinv-maps-colspace-to-rowspace", every(pinv_bijection), quote=r"这个伪逆的作用就是将列空间的向量一一映射到行空间中",
          expect="verified", statement="A⁺ maps C(A) one-to-one onto C(Aᵀ), inverting A there")
art.latex("ax-eq-ax", quote=r"Ax=(Ax),\ y=A^+(Ay)", formula=r"Ax=(Ax)", expect="proved",
          statement="Ax = (Ax): true but void (the parallel of y = A⁺(Ay) would be x = A⁺(Ax), checked in y-pinv-ay-rowspace)")
art.latex("y-pinv-ay-any-y", quote=r"Ax=(Ax),\ y=A^+(Ay)", formula=r"y=A^+(Ay)", expect="conditional",
          statement="y = A⁺(Ay) read for every y ∈ R^n (the LaTeX cannot carry the context y ∈ C(Aᵀ))")
z_m, u_m, v_m = (sp.MatrixSymbol(name, m_, 1) for name in "zuv")
x_n, y_n = sp.MatrixSymbol("x", n_, 1), sp.MatrixSymbol("y", n_, 1)
art.identity("y-pinv-ay-rowspace", lhs=mul(Pinv(A_mn), A_mn, A_mn.T, z_m), rhs=A_mn.T * z_m, quote=r"Ax=(Ax),\ y=A^+(Ay)",
             expect="verified", statement="in context, y ∈ C(Aᵀ): with y = Aᵀz, A⁺(A Aᵀz) = Aᵀz for every A (by hand: the "
                                          "front end cannot state membership in C(Aᵀ))")
art.identity("proof-step-nullspace", lhs=mul(A_mn, x_n - y_n), rhs=A_mn * x_n - A_mn * y_n,
             quote=r"设$Ax=Ay$，则有$A(x-y)=0$，即向量$x-y\in N(A)$", expect="proved",
             statement="A(x − y) = Ax − Ay, so Ax = Ay ⇒ x − y ∈ N(A) (by hand: the front end checks "
                       "equations, and A(x-y)=0 is a hypothesis here)")
art.identity("proof-step-subspace", lhs=A_mn.T * u_m - A_mn.T * v_m, rhs=mul(A_mn.T, u_m - v_m),
             quote=r"所以两者之差$x-y$向量也在$C\left(A^T\right)$中", expect="proved",
             statement="x = Aᵀu, y = Aᵀv ⇒ x − y = Aᵀ(u − v) ∈ C(Aᵀ)")

def trivial_intersection(A):
    R, Z = col_space(A.T), null_space(A)
    meet = rank(R) + rank(Z) - rank(R.row_join(Z))
    return meet == 0 and (not (R.cols and Z.cols) or (R.T * Z).is_zero_matrix), f"dim(C(Aᵀ) ∩ N(A)) = {meet}"

art.claim("proof-step-intersection", every(trivial_intersection),
          quote=r"此时满足这两个结论要求的仅有一个向量，即零向量同时属于这两个正交的向量空间",
          expect="verified", statement="C(Aᵀ) ∩ N(A) = {0} and C(Aᵀ) ⊥ N(A)")
art.claim("stats-full-column-rank-iff", every(gram_invertible_iff_full_column_rank),
          quote=r"只有矩阵列满秩才能保证$A^TA$是可逆矩阵", expect="verified",
          statement="AᵀA is invertible exactly when A has full column rank (every rank)")
art.claim("stats-repeated-tests", Property(lambda d: rank(d["A"]) < d["A"].cols, over=repeated_tests, only_if=Condition(
    "the repetition duplicates a regressor (a column), or leaves fewer distinct settings (rows) than unknowns; "
    "repeating a row of a full-column-rank design never lowers its column rank",
    lambda d: d["repeated"] != "row repeated")),
    quote=r"统计中经常出现重复测试，会导致列向量线性相关", expect="conditional",
    statement="repeating a test (a measurement = a row of the design matrix) makes the columns linearly dependent")

def repetition_effects(d):
    R, C = d["row repeated"], d["column repeated"]
    return (C.T * C).det() == 0 and rank(R) == d["X"].cols and (R.T * R).det() != 0

art.claim("stats-repeated-tests-corrected", Property(repetition_effects, over=designs),
          quote=r"统计中经常出现重复测试，会导致列向量线性相关", expect="verified",
          statement="a repeated column makes AᵀA singular; a repeated row keeps the column rank of a full-column-rank design")
art.claim("stats-dependent-singular", every(lambda A: (A.T * A).det() == 0, RANK_DEFICIENT_COLS),
          quote=r"在这种情况下$A^TA$就成了奇异矩阵", expect="verified",
          statement="linearly dependent columns (rank A < n) ⇒ AᵀA singular")

def least_norm_solution(d):
    A, b = d["A"], d["b"]
    x, z = pinv_exact(A) * b, null_space(A)[:, 0]
    return A.T * A * x == A.T * b == A.T * A * (x + z) and (x.T * x)[0] < ((x + z).T * (x + z))[0]

art.claim("stats-pinv-needed", Property(least_norm_solution, legs=("pinv",),
                                        over=with_vector(RANK_DEFICIENT_COLS, "b", lambda A: A.rows)),
          quote=r"这时候就需要伪逆", expect="verified",
          statement="when AᵀA is singular the normal equations have many solutions; A⁺b is one of them and the one of least norm")

# ================================================================ SVD, Σ and Σ⁺

art.claim("svd-exists", Experiment(svd_defects, "defect", lambda run: 10 * run["size"] * MP_UNIT_ROUNDOFF,
                                   "10·max(m,n)·u (mpmath, 50 digits)", leg="mpmath"), quote=r"$A=U\varSigma V^T$",
          expect="verified", statement="every real A (here random rational, every rank) has A = UΣVᵀ with orthonormal U, V "
                                       "and Σ ≥ 0 diagonal; decided in mpmath (irrational σ in general)")
_SIGMA = r"\varSigma=\left[\begin{array}{c c c|c}\sigma_1&&&\\&\ddots&&\\&&\sigma_2&\\\hline&&&\begin{bmatrix}0\end{bmatrix}\end{array}\right]"

def block_ends_at_sigma_2(k):
    nonzero = [s for s in k.Sigma.diagonal() if s != 0]
    return len(nonzero) == 2, f"the nonzero block is {nonzero}, it ends at σ_{len(nonzero)}, not σ₂"

art.claim("sigma-diagonal-as-written", Property(block_ends_at_sigma_2, svds(lambda m, n, r: r > 0, ((3, 3), (4, 3)))),
          quote=_SIGMA, expect="refuted", statement="as written, the nonzero diagonal block of Σ runs σ₁, …, σ₂ (ends at σ₂)")

def sigma_layout(k):
    d, r = list(k.Sigma.diagonal()), k.rank
    return (k.Sigma == sigma(*k.Sigma.shape, d) and all(s > 0 for s in d[:r]) and not any(d[r:])
            and d[:r] == sorted(d[:r], reverse=True) and rank(k.A) == r)

art.claim("sigma-diagonal-as-written-corrected", Property(sigma_layout, over=SVDS), quote=_SIGMA, expect="verified",
          statement="the nonzero diagonal block of Σ is σ₁ ≥ … ≥ σ_r > 0 with r = rank A, zeros elsewhere")

def singular_vectors(k):
    A, U, S, V, r = k
    return (A.T * A * V == V * (S.T * S) and A * A.T * U == U * (S * S.T) and same_space(V[:, r:], null_space(A))
            and same_space(U[:, r:], null_space(A.T)))

art.claim("svd-nonzero-from-gram", Property(singular_vectors, over=SVDS),
          quote=r"对角线非零的部分来自$A^TA,\ AA^T$比较好的部分，剩下的来自左/零空间",
          expect="verified", statement="σᵢ² (i ≤ r) are the nonzero eigenvalues of AᵀA and AAᵀ with eigenvectors vᵢ, uᵢ; "
                                       "v_{r+1..n} span N(A), u_{r+1..m} span N(Aᵀ)")
art.claim("sigma-shape-rank", Property(lambda k: k.Sigma.shape == k.A.shape and rank(k.Sigma) == k.rank == rank(k.A),
                                       over=SVDS),
          quote=r"这是一个$m\times n$矩阵，$rank(\varSigma)=r$", expect="verified",
          statement="Σ of A = UΣVᵀ is m x n of rank r = rank A")
art.claim("sigma-pinv", SIGMA_PINV, expect="proved",
          quote=r"\varSigma^+=\left[\begin{array}{c c c|c}\frac{1}{\sigma_1}&&&\\&\ddots&&\\&&\frac{1}{\sigma_r}&\\\hline&&&\begin{bmatrix}0\end{bmatrix}\end{array}\right]",
          statement="Σ⁺ is the n x m matrix with 1/σ₁, …, 1/σ_r on the diagonal (four Penrose conditions, symbolic σᵢ > 0)")
art.claim("sigma-pinv-second-form", SIGMA_PINV, expect="proved",
          quote=r"\Sigma^{+}=\begin{bmatrix}\frac{1}{\sigma_{1}}&&\\&\frac{1}{\sigma_{2}}&\\&&...&\\&&&\frac{1}{\sigma_{r}}&0&\\0&0&..&&0\\0&0&..&&0\end{bmatrix}",
          statement="the same Σ⁺ (second write-up): diag(1/σ₁, …, 1/σ_r), zeros elsewhere")
art.claim("sigma-pinv-shape", Proof(inferred_shape(r"\varSigma^+", {"Sigma": ("m", "n")}, ("n", "m"))),
          quote=r"伪逆与原矩阵有个小区别：这是一个$n\times m$矩阵", expect="proved",
          statement="Σ⁺ of an m x n Σ is n x m (shape of the parsed \\varSigma^+)")
art.claim("sigma-pinv-diagonal", Property(lambda k: pinv_exact(k.Sigma) == sigma(k.A.cols, k.A.rows, list(
    pinv_exact(k.Sigma).diagonal())), over=SVDS), quote=r"它是一个 n\times m 对角阵", expect="verified",
    statement="pinv_exact(Σ) is an n x m (rectangular) diagonal matrix")
art.claim("sigma-sigmapinv", sigma_products("ΣΣ⁺"), expect="proved",
          quote=r"\varSigma\varSigma^+=\left[\begin{array}{c c c|c}1&&&\\&\ddots&&\\&&1&\\\hline&&&\begin{bmatrix}0\end{bmatrix}\end{array}\right]_{m\times m}",
          statement="ΣΣ⁺ is m x m with r ones then zeros on the diagonal")
art.claim("sigmapinv-sigma", sigma_products("Σ⁺Σ"), expect="proved",
          quote=r"\varSigma^+\varSigma=\left[\begin{array}{c c c|c}1&&&\\&\ddots&&\\&&1&\\\hline&&&\begin{bmatrix}0\end{bmatrix}\end{array}\right]_{n\times n}",
          statement="Σ⁺Σ is n x n with r ones then zeros on the diagonal")
art.claim("sigma-products-block-form", sigma_products("Σ⁺Σ", "ΣΣ⁺"), expect="proved",
          quote=r"\Sigma^{+}\Sigma=\begin{bmatrix}I_{r\times r}&0\\0&0\end{bmatrix}_{n\times n},\Sigma\Sigma^{+}=\begin{bmatrix}I_{r\times r}&0\\0&0\end{bmatrix}_{m\times m}",
          statement="Σ⁺Σ = [[I_r,0],[0,0]] (n x n) and ΣΣ⁺ = [[I_r,0],[0,0]] (m x m)")

def sigma_projectors(case):
    (m, n, r), (S, X) = case, symbolic_sigma(case)
    ones = sigma(m, n, [1] * r)
    return S * X == projector(ones) and X * S == projector(ones.T) and is_projector(S * X) and is_projector(X * S)

art.claim("sigma-projections", Proof(sigma_projectors, at=SIGMA_CASES, by="ΣΣ⁺ = P_C(Σ), Σ⁺Σ = P_C(Σᵀ), σᵢ > 0"),
          quote=r"$\varSigma\varSigma^+$是将向量投影到列空间上的投影矩阵，而$\varSigma^+\varSigma$是将向量投影到行空间上的投影矩阵",
          expect="proved", statement="ΣΣ⁺ is the orthogonal projector onto C(Σ), Σ⁺Σ onto C(Σᵀ) (symbolic σᵢ > 0)")

def projectors_not_identities(A):
    X, (m, n) = pinv_exact(A), A.shape
    return A * X != sp.eye(m) and X * A != sp.eye(n) and A * X == projector(A) and X * A == projector(A.T)

art.claim("not-identity-but-projection", every(projectors_not_identities, GENERAL),
          quote=r"我们不论是左乘还是右乘伪逆，得到的不是单位矩阵，而是投影矩阵",
          expect="verified", statement="for A not of full rank (r < m, r < n): AA⁺ ≠ I, A⁺A ≠ I, and both are "
                                       "orthogonal projectors (onto C(A), C(Aᵀ))")
art.claim("pinv-svd", Property(lambda k: k.V * sigma_pinv(k.Sigma) * k.U.T == pinv_exact(k.A), SVDS, legs=("pinv",)),
          quote=r"$$A^+=V\varSigma^+U^T$$", expect="verified",
          statement="for A = UΣVᵀ (exact SVDs, every shape and rank): VΣ⁺Uᵀ equals A⁺ from pinv_exact (a "
                    "rank-factorization route); the front end would treat U, Σ, V as free matrices")

# ================================================================ the second write-up: A⁺ between the four subspaces

def pinv_of_image(d):
    A, x = d["A"], d["x"]
    x_r = projector(A.T) * x
    return pinv_exact(A) * (A * x) == x_r and (A * (x - x_r)).is_zero_matrix

art.claim("pinv-a-x", Property(pinv_of_image, over=X_VECTORS), quote=r"A^{+}\vec{p}=A^{+}A\vec{x}=\vec{x_{r}}", expect="verified",
          statement="A⁺(Ax) = x_r, the projection of x onto C(Aᵀ) (computed from a basis), and x − x_r ∈ N(A)")
def pinv_projects(d):
    x_r = pinv_exact(d["A"]) * d["b"]
    return d["A"] * x_r == projector(d["A"]) * d["b"] and in_space(x_r, d["A"].T)

art.claim("a-pinv-b", Property(pinv_projects, over=with_vector(ALL, "b", lambda A: A.rows)),
          quote=r"A\vec{x_{r}}=AA^{+}\vec{b}=\vec{p}", expect="verified",
          statement="with x_r = A⁺b: Ax_r = AA⁺b = p, the projection of b onto C(A); x_r ∈ C(Aᵀ)")

def null_part_erased(d):
    A, x = d["A"], d["x"]
    x_n = x - projector(A.T) * x
    return (A * null_space(A)).is_zero_matrix is not False and in_space(x_n, null_space(A)) and A * x == A * (x - x_n)

art.claim("a-kills-null-part", Property(null_part_erased, over=with_vector(RANK_DEFICIENT_COLS, "x", lambda A: A.cols)),
          quote=r"乘 A 矩阵时已经抹杀了零空间的信息 \vec{x_{n}}", expect="verified",
          statement="A x_n = 0 for the null-space part x_n of x, so Ax = Ax_r and x_n cannot be recovered from Ax")
art.claim("pinv-kills-left-null", every(lambda A: (pinv_exact(A) * null_space(A.T)).is_zero_matrix),
          quote=r"乘 A^{+} 的时候也已经抹杀了左零空间中的 \vec{e}", expect="verified", statement="A⁺e = 0 for every e ∈ N(Aᵀ)")
art.claim("pinv-projections", every(lambda A: pinv_exact(A) * A == projector(A.T) and A * pinv_exact(A) == projector(A),
                                    legs=("pinv",)),
          quote=r"A^{+}A **是投影到** A **行空间的投影矩阵，**AA^{+} **是投影到** A **列空间的投影矩阵。**",
          expect="verified", statement="A⁺A is the orthogonal projector onto C(Aᵀ), AA⁺ onto C(A) "
                                       "(projectors built from bases, no pseudo-inverse)")
art.claim("pinv-shape", Proof(inferred_shape(r"A^{+}", {"A": ("m", "n")}, ("n", "m")), cross_check=every(
    lambda A: pinv_exact(A).shape == (A.cols, A.rows), legs=())), quote=r"A 是 m\times n 矩阵，则 A^{+} 是 n\times m 矩阵",
    expect="proved", statement="A⁺ of an m x n A is n x m (shape of the parsed A^{+}; pinv_exact agrees)")
art.claim("sigma-not-invertible", Property(lambda k: k.Sigma.rows != k.Sigma.cols or k.Sigma.det() == 0,
                                           over=svds(lambda m, n, r: r < m and r < n)),
          quote=r"正是因为 \Sigma 不可逆，我们才只能求伪逆", expect="verified",
          statement="Σ (of an A with r < m, r < n) has no inverse")
art.claim("pinv-subspaces-1", every(lambda A: same_space(col_space(pinv_exact(A)), col_space(A.T))
                                    and same_space(null_space(pinv_exact(A).T), null_space(A))),
          quote=r"A^{+} 的列空间和左零空间就是 A 的行空间和零空间", expect="verified",
          statement="C(A⁺) = C(Aᵀ) and N((A⁺)ᵀ) = N(A)")
art.claim("pinv-subspaces-2", every(lambda A: same_space(col_space(pinv_exact(A).T), col_space(A))
                                    and same_space(null_space(pinv_exact(A)), null_space(A.T))),
          quote=r"A^{+} 的行空间和零空间就是 A 的列空间和左零空间", expect="verified",
          statement="C((A⁺)ᵀ) = C(A) and N(A⁺) = N(Aᵀ)")
art.claim("pinv-rank", every(lambda A: rank(pinv_exact(A)) == rank(A)), quote=r"A 和 A^{+} 的秩都是 r", expect="verified",
          statement="rank A⁺ = rank A = r")
art.latex("pinv-inverse", quote=r"**当矩阵可逆时** A^{+}=A^{-1}", formula=r"A^{+}=A^{-1}", expect="proved",
          assume={"A": "invertible"})
_V1 = r"A^{+}A=V\Sigma^{+}U^{T}U\Sigma V^{T}"
art.latex("verify1-substitution", quote=_V1, expect="verified", assume={"U": "orthogonal", "V": "orthogonal"},
          definitions=svd_definition(_V1),
          statement="A⁺A = VΣ⁺UᵀUΣVᵀ (checked from the quote) with A = UΣVᵀ, U and V orthogonal")
art.latex("verify1-orthogonality", quote=r"V\Sigma^{+}U^{T}U\Sigma V^{T}=V\Sigma^{+}\Sigma V^{T}",
          expect="verified", assume={"U": "orthogonal"})
art.claim("verify1-block", Property(projection_from_svd("V"), over=SVDS),
          quote=r"\begin{bmatrix}|&|&&|\\v_{1}&v_{2}&.&v_{r}\\|&|&&|\end{bmatrix}\begin{bmatrix}|&|&&|\\v_{1}&v_{2}&.&v_{r}\\|&|&&|\end{bmatrix}^{T} ，这正是 A 行空间的投影矩阵",
          expect="verified", statement="VΣ⁺ΣVᵀ = V[[I_r,0],[0,0]]Vᵀ = [v₁…v_r][v₁…v_r]ᵀ, the projector onto "
                                       "C(Aᵀ) (explicit column arrays: by hand)")
_V2 = r"AA^{+}=U\Sigma V^{T}V\Sigma^{+}U^{T}"
art.latex("verify2-substitution", quote=_V2, expect="verified", assume={"U": "orthogonal", "V": "orthogonal"},
          definitions=svd_definition(_V2),
          statement="AA⁺ = UΣVᵀVΣ⁺Uᵀ (checked from the quote) with A = UΣVᵀ, U and V orthogonal")
art.latex("verify2-orthogonality", quote=r"U\Sigma V^{T}V\Sigma^{+}U^{T}=U\Sigma \Sigma^{+} U^{T}",
          expect="verified", assume={"V": "orthogonal"})
art.claim("verify2-block", Property(projection_from_svd("U"), over=SVDS),
          quote=r"\begin{bmatrix}|&|&&|\\u_{1}&u_{2}&.&u_{r}\\|&|&&|\end{bmatrix}\begin{bmatrix}|&|&&|\\u_{1}&u_{2}&.&u_{r}\\|&|&&|\end{bmatrix}^{T} ，这正是 A 列空间的投影矩阵",
          expect="verified", statement="UΣΣ⁺Uᵀ = U[[I_r,0],[0,0]]Uᵀ = [u₁…u_r][u₁…u_r]ᵀ, the projector onto "
                                       "C(A) (explicit column arrays: by hand)")

def one_sided_inverses(k):
    A, X, (m, n) = k.A, k.V * sigma_pinv(k.Sigma) * k.U.T, k.A.shape
    return (k.rank < n or X == (A.T * A).inv() * A.T) and (k.rank < m or X == A.T * (A * A.T).inv())

art.claim("pinv-agrees-left-right", Property(one_sided_inverses, svds(lambda m, n, r: r in (m, n)), legs=("pinv",)),
          quote=r"我们可以验证A^{+}=V\Sigma^{+}U^{T} 和上述 A^{-1}_{left}，A^{-1}_{right} 的表达式是一致的",
          expect="verified", statement="VΣ⁺Uᵀ = (AᵀA)⁻¹Aᵀ for full column rank and = Aᵀ(AAᵀ)⁻¹ for full row rank "
                                       "(the corrected right inverse; the Section 3 form Aᵀ(AAᵀ) does not agree)")
art.claim("fcr-gram-invertible", gram_diagonal(left=True), expect="proved",
          quote=r"=\begin{bmatrix}{\sigma_{1}^{2}}&&\\&{\sigma_{2}^{2}}&\\&&...&\\&&&{\sigma_{n}^{2}}\end{bmatrix} 是个可逆矩阵",
          statement="full column rank: ΣᵀΣ = diag(σ₁², …, σ_n²) is invertible")
_FCR = r"(A^{T}A)^{-1}A^{T}=((U\Sigma V^{T})^{T}U\Sigma V^{T})^{-1}(U\Sigma V^{T})^{T}"
art.claim("fcr-chain-substitution", Property(svd_equation(_FCR), over=svds(lambda m, n, r: r == n), legs=("pinv",)),
          quote=_FCR, expect="verified", source_latex=True,
          statement="(AᵀA)⁻¹Aᵀ = ((UΣVᵀ)ᵀUΣVᵀ)⁻¹(UΣVᵀ)ᵀ (parsed) at exact SVDs of full column rank")
art.latex("fcr-chain-orthogonality",
          quote=r"((U\Sigma V^{T})^{T}U\Sigma V^{T})^{-1}(U\Sigma V^{T})^{T}=(V\Sigma^{T}\Sigma V^{T})^{-1}V\Sigma^{T}U^{T}",
          expect="verified", assume={"U": "orthogonal", "V": "orthogonal", "Sigma": "full column rank"})
art.latex("fcr-chain-pull-out", quote=r"(V\Sigma^{T}\Sigma V^{T})^{-1}V\Sigma^{T}U^{T} =V(\Sigma^{T}\Sigma)^{-1}\Sigma^{T}U^{T}",
          expect="verified", assume={"V": "orthogonal", "Sigma": "full column rank"})
art.claim("fcr-chain-explicit", explicit_step(left=True), expect="proved",
          quote=r"=V(\Sigma^{T}\Sigma)^{-1}\Sigma^{T}U^{T}=V\begin{bmatrix}\frac{1}{\sigma_{1}^{2}}&&\\&\frac{1}{\sigma_{2}^{2}}&\\&&...&\\&&&\frac{1}{\sigma_{n}^{2}}\end{bmatrix}",
          statement="V(ΣᵀΣ)⁻¹ΣᵀUᵀ = V diag(1/σᵢ²) Σᵀ Uᵀ = VΣ⁺Uᵀ (explicit arrays: by hand, symbolic σᵢ > 0)")
art.claim("frr-gram-invertible", gram_diagonal(left=False), expect="proved",
          quote=r"=\begin{bmatrix}{\sigma_{1}^{2}}&&\\&{\sigma_{2}^{2}}&\\&&...&\\&&&{\sigma_{m}^{2}}\end{bmatrix} 也可逆",
          statement="full row rank: ΣΣᵀ = diag(σ₁², …, σ_m²) is invertible")
_FRR = r"A^{T}(AA^{T})^{-1}=V\Sigma^{T} U^{T}(U\Sigma\Sigma^{T}U^{T})^{-1}"
art.latex("frr-chain-substitution", quote=_FRR, expect="verified", definitions=svd_definition(_FRR),
          assume={"U": "orthogonal", "V": "orthogonal", "Sigma": "full row rank"},
          statement="Aᵀ(AAᵀ)⁻¹ = VΣᵀUᵀ(UΣΣᵀUᵀ)⁻¹ (checked from the quote) with A = UΣVᵀ of full row rank")
art.latex("frr-chain-pull-out", quote=r"V\Sigma^{T} U^{T}(U\Sigma\Sigma^{T}U^{T})^{-1}=V\Sigma^{T}(\Sigma\Sigma^{T})^{-1}U^{T}",
          expect="verified", assume={"U": "orthogonal", "Sigma": "full row rank"})
art.claim("frr-chain-explicit", explicit_step(left=False), expect="proved",
          quote=r"\begin{bmatrix}\frac{1}{\sigma_{1}^{2}}&&\\&\frac{1}{\sigma_{2}^{2}}&\\&&...&\\&&&\frac{1}{\sigma_{m}^{2}}\end{bmatrix}U^{T}=V\Sigma^{+}U^{T}",
          statement="V Σᵀ(ΣΣᵀ)⁻¹ Uᵀ = V Σᵀ diag(1/σᵢ²) Uᵀ = VΣ⁺Uᵀ (explicit arrays: by hand, symbolic σᵢ > 0)")

# ================================================================ closing remarks: Aᵀ versus A⁺; integration

def same_subspaces_as_pinv(A):
    X = pinv_exact(A)
    return same_space(col_space(A.T), col_space(X)) and same_space(null_space(A.T), null_space(X))

art.claim("at-same-subspaces", every(same_subspaces_as_pinv),
          quote=r"A^{T} 的列空间和左零空间就是 A 的行空间和零空间， A^{T} 的行空间和零空间就是 A 的列空间和左零空间",
          expect="verified", statement="C(Aᵀ), N((Aᵀ)ᵀ) = row space and null space of A; C((Aᵀ)ᵀ), N(Aᵀ) = "
                                       "column space and left null space of A, as for A⁺")
art.claim("at-vs-pinv-sigma", Property(lambda k: k.A.T == k.V * k.Sigma.T * k.U.T
                                       and pinv_exact(k.A) == k.V * pinv_exact(k.Sigma) * k.U.T, over=SVDS),
          quote=r"区别仅仅在于 \Sigma^{+} 和 \Sigma^{T}", expect="verified",
          statement="Aᵀ = VΣᵀUᵀ and A⁺ = VΣ⁺Uᵀ with the same U, V")
STRETCHING = Condition("some nonzero singular value of A differs from 1 (for a partial isometry, all nonzero σᵢ = 1, "
                       "Aᵀ = A⁺ and Σᵀ does cancel Σ)", lambda k: any(s not in (0, 1) for s in k.singular_values))
art.claim("at-does-not-cancel", Property(lambda k: k.A.T * k.A != pinv_exact(k.A) * k.A, stretchings, STRETCHING),
    quote=r"A^{T} 包含的 \Sigma^{T} 和 A 中 \Sigma 的拉伸作用是不能互相抵消的", expect="conditional",
    statement="Σᵀ does not undo the stretching of Σ: ΣᵀΣ (hence AᵀA) is not the projector Σ⁺Σ (A⁺A)")
art.claim("pinv-cancels", Property(lambda k: pinv_exact(k.A) * k.A * k.V[:, :k.rank] == k.V[:, :k.rank], over=SVDS),
          quote=r"A^{+} 特地选择的 \Sigma^{+} 才可以抵消", expect="verified",
          statement="Σ⁺ cancels Σ on the row space: A⁺A x = x for x ∈ C(Aᵀ), at every shape and rank")
_FTC = r"微积分基本定理是说积分 T^{+}(f)=\int_{0}^{x}f(t)dt 是微分 T(f)=\frac{df}{dx} 的伪逆"
COEFFICIENTS = Condition(
    "d/dx: P_n → P_{n−1} with the monomial-coefficient inner product (there D⁺ = ∫_0^x exactly); with the L²[0,1] "
    "inner product D⁺f = ∫_0^x f − ∫_0^1∫_0^s f(t) dt ds instead; the fundamental theorem itself only gives "
    "d/dx ∫_0^x = I (a right inverse)", lambda d: d["inner product"] == "monomial coefficients")

def integral_is_pinv(d):
    return weighted_penrose(d["D"], d["J"], d["G"], d["H"]) and d["D"] * d["J"] == sp.eye(d["D"].rows)

art.claim("integration-pinv-of-differentiation", Property(integral_is_pinv, over=calculus, only_if=COEFFICIENTS),
    quote=_FTC, expect="conditional",
    statement="∫_0^x is the pseudo-inverse of d/dx, decided for D: P_n → P_{n−1} (n = 1..6) under two "
              "inner products: monomial coefficients, and L²[0, 1]")
art.claim("integration-pinv-of-differentiation-corrected", Property(pseudo_inverses_of_d, over=lambda rng: [
    derivative(n) for n in range(1, 9)], legs=("pinv",)),
          quote=_FTC, expect="verified",
          statement="on P_n → P_{n−1} with monomial coefficients, D⁺ = ∫_0^x (n = 1..8); with L²[0,1], "
                    "D⁺ is the zero-mean antiderivative (n = 1..6); d/dx ∫_0^x = I in both")

if __name__ == "__main__":
    art.main()
