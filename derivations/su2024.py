"""Su Jianlin, "低秩近似之路（一）：伪逆" (kexue.fm/archives/10366, 2024-09-15).

The derivation step by step: the Frobenius norm and inner product, the index-form chain rule for
∂‖AB − M‖²_F/∂B, the closed forms and pseudo-inverse formulas, the rank-deficient case, the
ε-regularized limit, and the eigen route with Λ†. Each claim quotes the article verbatim and states
what it claims as data (derivations/README.md); ``expect=`` records the verdict it should get.
Run ``python derivations/su2024.py`` or ``derivcheck verify derivations/su2024.py --article DIR``.
"""

from __future__ import annotations

import functools
import itertools

import numpy as np
import sympy as sp
from sympy.polys.matrices import DomainMatrix

from derivcheck import (
    AllOf, Article, Condition, Experiment, Identity, NotCheckable, Proof, Property, RankProfiles, WellShaped,
)
from derivcheck.checks.latex import symbols_of
from derivcheck.checks.properties import draw_profiles
from derivcheck.compare import exact_to_f64
from derivcheck.exact import (
    certify_global_minimum, lambda_dagger_consistency, matrix_with_singular_values, penrose_certificate,
    pinv_exact, pinv_via_eigen, prove_chain_rule_ab, prove_inner_trace, prove_norm_vec,
    prove_orthogonal_invariance, prove_trace_chain, random_rational_matrix, rank_deficient_minimizers,
    rank_factorization, regularized_limit, solve_closed_form,
)
from derivcheck.exact.frobenius import symbolic_matrix
from derivcheck.exact.spectral import matrix_with_rational_gram_spectrum
from derivcheck.f64 import UNIT_ROUNDOFF, pinv_svd64, ridge64
from derivcheck.latex import parse_latex

art = Article("su-2024", "低秩近似之路（一）：伪逆", "Su Jianlin, kexue.fm/archives/10366, 2024-09-15",
              filename="su-2024-low-rank-1-pseudo-inverse.md")

# The article's shapes: A ∈ R^{n×r}, B ∈ R^{r×m}, M ∈ R^{n×m}.
n, r, m = sp.symbols("n r m", integer=True, positive=True)
eps = sp.Symbol("epsilon", positive=True)
A, B, M = sp.MatrixSymbol("A", n, r), sp.MatrixSymbol("B", r, m), sp.MatrixSymbol("M", n, m)
A_sq, B_sq, B_rn = sp.MatrixSymbol("A", n, n), sp.MatrixSymbol("B", n, n), sp.MatrixSymbol("B", r, n)
mul = sp.MatMul  # unevaluated: A·A⁻¹ must be checked, not cancelled when the expression is built

def gram_inverse(X):
    return sp.Inverse(X.T * X)

def ridge(X, dim):
    """(XᵀX + εI)⁻¹Xᵀ, unevaluated (the inverse may not exist at ε = 0)."""
    return mul(sp.Inverse(sp.MatAdd(X.T * X, eps * sp.Identity(dim))), X.T)

def frob2(X):
    return sum(e**2 for e in X)

def zero(X) -> bool:
    """Exact zero test, for rational functions of ε with square roots too."""
    return all(sp.cancel(sp.expand(x)) == 0 for x in X)

def symbolic(nn, rr, mm):
    """A (n×r), B (r×m), M (n×m) with symbolic entries."""
    return symbolic_matrix("A", nn, rr), symbolic_matrix("B", rr, mm), symbolic_matrix("M", nn, mm)

def rat(rng, rows, cols, rank=None):
    """A random exact rational matrix drawn from the claim's generator."""
    return random_rational_matrix(rows, cols, rank=rank, seed=rng.randrange(2**31))

#: Rank-deficient A, for the claims about the general case.
DEFICIENT = RankProfiles(((3, 2, 1), (2, 2, 1), (4, 3, 2), (3, 3, 1), (2, 3, 1), (3, 3, 2)))
ABM = ((1, 1, 1), (2, 1, 3), (3, 2, 2), (2, 3, 2))  # shapes (n, r, m) of the chain-rule proofs
FOUR_SHAPES = ((1, 1), (2, 3), (3, 2), (3, 3))

def deficient(rng):
    return [D for _, D in draw_profiles(DEFICIENT, rng.randrange(2**31))]

@functools.lru_cache(maxsize=None)
def chain_rule(shape):
    return prove_chain_rule_ab(*shape)

def chain_steps(*labels):
    """Proof that the steps of the index-form derivation with these labels hold (prove_chain_rule_ab)."""
    def proof(shape):
        return all(step.holds for step in chain_rule(shape).steps if step.label in labels)
    proof.__name__ = f"prove_chain_rule_ab step(s) {', '.join(labels)}"
    return proof

def residuals_zero(prove, *keys):
    """Proof that the named residuals of an identity proof simplify to zero."""
    def proof(shape):
        return all(dict(prove(shape).simplified)[k] == 0 for k in keys)
    proof.__name__ = f"{prove.__name__} residual(s) {', '.join(keys)}"
    return proof

# ================================================================ 优化视角

art.identity("inverse-solves", lhs=mul(A_sq, sp.Inverse(A_sq), M), rhs=M, assume={A_sq: "invertible"},
             expect="proved",
             quote=r"如果$\boldsymbol{A}$是方阵且可逆，那么直接得到$\boldsymbol{B}=\boldsymbol{A}^{-1}\boldsymbol{M}$",
             statement="A invertible ⇒ B = A⁻¹M solves AB = M (by hand: 'B = A^{-1}M' names the solution, "
                       "it is not an identity the front end can check)")

def a_and_m(rng):
    """Four random M beside each of a tall, a square singular and a wide full-row-rank A."""
    return [{"A": rat(rng, a, b, k), "M": rat(rng, a, 2)} for a, b, k in ((3, 2, 2), (3, 3, 2), (2, 3, 2))
            for _ in range(4)]

art.claim("no-exact-solution", Property(
    lambda d: d["A"].row_join(d["M"]).rank() != d["A"].rank(), over=a_and_m, only_if=Condition(
        "A: not of full row rank (e.g. tall, n > r, as in the setup r ≪ min(n,m)); a wide A of full row "
        "rank always admits B = Aᵀ(AAᵀ)⁻¹M", lambda d: d["A"].rank() < d["A"].rows)), expect="conditional",
    quote=r"这种情况下我们很可能找不到$\boldsymbol{B}$满足$\boldsymbol{A}\boldsymbol{B}=\boldsymbol{M}$",
    statement="A singular or not square ⇒ AB = M (very likely) has no solution B: rank[A|M] > rank A")
art.claim("frobenius-def", Proof(prove_norm_vec, at=FOUR_SHAPES), expect="proved",
          quote=r"\Vert \boldsymbol{M}\Vert_F = \sqrt{\sum_{i=1}^n\sum_{j=1}^m M_{i,j}^2}",
          statement="‖M‖_F = sqrt(Σ_ij M_ij²), the same as Tr(MᵀM) and SymPy's Frobenius norm (by hand: the front end has no \\sum)")

def a_and_full_rank_m(rng):
    return [{"A": rat(rng, nn, rr, k), "M": rat(rng, nn, mm)}
            for nn, rr, mm in ((3, 1, 3), (4, 2, 3), (3, 2, 4), (2, 1, 2)) for k in range(rr + 1)]

art.claim("low-rank-lossy", Property(lambda d: frob2(d["M"] - d["A"] * pinv_exact(d["A"]) * d["M"]) > 0,
                                     over=a_and_full_rank_m), expect="verified",
          quote=r"所以下面假设$r \ll \min(n,m)$，其机器学习意义就是通过低维的、有损的输入矩阵$\boldsymbol{A}$和线性变换$\boldsymbol{B}$来重建完整的$\boldsymbol{M}$矩阵",
          statement="with r < min(n,m) the reconstruction AB of a full-rank M is lossy: min_B ‖AB − M‖²_F = ‖(I − AA⁺)M‖²_F > 0 for every A")
art.latex("pinv-def-a", expect="conditional",
          quote=r"\boldsymbol{A}^{\dagger} = \mathop{\text{argmin}}_\boldsymbol{B} \Vert \boldsymbol{A}\boldsymbol{B} - \boldsymbol{I}_n\Vert_F^2")
_PINV_DEF_B = r"\boldsymbol{B}^{\dagger} = \mathop{\text{argmin}}_\boldsymbol{A} \Vert \boldsymbol{A}\boldsymbol{B} - \boldsymbol{I}_n\Vert_F^2"
art.latex("pinv-def-b", expect="conditional", quote=_PINV_DEF_B)

def identity_needs_m_equal_n(_):
    parsed = dict(parse_latex(_PINV_DEF_B).matrices)
    undefined_without = (A * B).shape != sp.Identity(n).shape
    fits = (A * B_rn).shape == sp.Identity(n).shape and A.shape == B_rn.T.shape
    unified = parsed["B"].shape[1] == parsed["A"].shape[0]
    return undefined_without and fits and unified, f"front end: A {parsed['A'].shape}, B {parsed['B'].shape}"

art.claim("pinv-def-b-identity-size", Proof(identity_needs_m_equal_n, by="shapes of AB − I_n"), expect="proved",
          quote=_PINV_DEF_B,
          statement="shapes: AB is n×m, so I_n fits only under the article's m = n; then the argmin over A (n×r) has the transposed shape of B (r×m)")

# ================================================================ 范数相关

def p2_is_euclidean(k):
    xs = sp.Matrix(sp.symbols(f"x_1:{k + 1}", real=True))
    return sp.simplify(sp.root(sum(sp.Abs(x) ** 2 for x in xs), 2) - sp.sqrt((xs.T * xs)[0, 0])) == 0

art.claim("p2-euclid", Proof(p2_is_euclidean, at=(1, 2, 3, 4, 5), by="(Σ|x_i|²)^(1/2) − sqrt(xᵀx), vector lengths"),
          expect="proved", quote=r"最常见的就是$p=2$的情形，它就是我们经常说的向量模长，也叫“欧几里得范数”",
          statement="the p-norm with p = 2 is the Euclidean length sqrt(xᵀx) for real x (by hand: \\sqrt[p] and \\sum are outside the front end)")
art.claim("matrix-norms-two", NotCheckable(
    "a remark about which matrix norms are in common use, not a mathematical statement"),
    expect="not-checkable", quote="它至少有两种不同但都常用的范数", statement="matrix norms: at least two are in common use")
art.claim("frobenius-vec", Proof(residuals_zero(prove_norm_vec, "vec", "norm"), at=FOUR_SHAPES), expect="proved",
          quote=r"\Vert \boldsymbol{M}\Vert_F = \Vert \text{vec}(\boldsymbol{M})\Vert_2 = \sqrt{\sum_{i=1}^n\sum_{j=1}^m M_{i,j}^2}",
          statement="‖M‖_F = ‖vec M‖₂ = sqrt(Σ M_ij²) (by hand: \\text{vec} and \\sum are outside the front end)")
art.claim("inner-vec-sum", Proof(residuals_zero(prove_inner_trace, "vec"), at=FOUR_SHAPES[:3]), expect="proved",
          quote=r"\langle \boldsymbol{P}, \boldsymbol{Q} \rangle_F = \langle \text{vec}(\boldsymbol{P}), \text{vec}(\boldsymbol{Q}) \rangle = \sum_{i=1}^n\sum_{j=1}^m P_{i,j} Q_{i,j}",
          statement="⟨vec P, vec Q⟩ = Σ P_ij Q_ij (by hand: \\text{vec} and \\sum are outside the front end)")
art.claim("inner-trace", Proof(residuals_zero(prove_inner_trace, "trace"), at=FOUR_SHAPES), expect="proved",
          quote=r"\langle \boldsymbol{P}, \boldsymbol{Q} \rangle_F = \text{Tr}(\boldsymbol{P}^{\top} \boldsymbol{Q})",
          statement="Σ_ij P_ij Q_ij = Tr(PᵀQ) (by hand: the front end reads ⟨P,Q⟩_F as Tr(PᵀQ) by definition, which would make the check circular)")
art.latex("norm-inner", expect="proved",
          quote=r"\Vert \boldsymbol{M}\Vert_F^2 = \langle \boldsymbol{M}, \boldsymbol{M} \rangle_F")
art.latex("orth-trace-chain", expect="verified", assume={"U": "orthogonal"},
          quote=r"\Vert \boldsymbol{U}\boldsymbol{M}\Vert_F^2 = \text{Tr}((\boldsymbol{U}\boldsymbol{M})^{\top} \boldsymbol{U}\boldsymbol{M})= \text{Tr}(\boldsymbol{M}^{\top} \boldsymbol{U}^{\top}\boldsymbol{U}\boldsymbol{M})=\text{Tr}(\boldsymbol{M}^{\top} \boldsymbol{M}) = \Vert \boldsymbol{M}\Vert_F^2")
art.claim("orth-invariance", AllOf(
    Proof(lambda s: prove_orthogonal_invariance(*s), at=((2, 2), (3, 1)), by="Cayley parametrisation of U"),
    Proof(lambda s: prove_orthogonal_invariance(*s, method="substitution"), at=((3, 2),), by="substitution UᵀU = I"),
    Proof(lambda s: prove_trace_chain(*s), at=((2, 2), (3, 1)), by="prove_trace_chain, link by link")),
    expect="proved", quote="利用它我们可以证明正交变换不改变$F$范数",
    statement="‖UM‖_F = ‖M‖_F for orthogonal U, proved with symbolic entries (Cayley parametrisation and "
              "the substitution UᵀU = I) and the trace chain link by link")
art.claim("trace-simplifies", NotCheckable(
    "advice about a proof technique ('usually helps'), no mathematical content to decide"),
    expect="not-checkable", quote="转换为等价的迹运算通常能帮助我们进行化简",
    statement="rewriting with traces usually simplifies")

# ================================================================ 矩阵求导

def degrees(shape):
    Am, Bm, Mm = symbolic(*shape)
    E, L = Am * Bm - Mm, sp.expand(frob2(Am * Bm - Mm))
    found = (max(sp.Poly(e, *Bm).total_degree() for e in E), sp.Poly(L, *Bm).total_degree(),
             sp.Poly(L, *Am).total_degree())
    return found == (1, 2, 2), f"deg_B E, deg_B L, deg_A L = {found}"

art.claim("quadratic", Proof(degrees, at=((2, 1, 2), (2, 2, 3), (3, 2, 2)), by="polynomial degrees"),
          expect="proved",
          quote=r"$\boldsymbol{A}\boldsymbol{B}-\boldsymbol{M}$是关于$\boldsymbol{B}$的线性函数，所以$\Vert \boldsymbol{A}\boldsymbol{B}-\boldsymbol{M}\Vert_F^2$是关于$\boldsymbol{A}$或$\boldsymbol{B}$的二次函数",
          statement="AB − M is affine ('linear') in B; ‖AB − M‖²_F has degree 2 in the entries of B (A fixed) and in those of A (B fixed)")
art.claim("quadratic-min-closed-form", Proof(lambda c: certify_global_minimum(*c), at=(
    ("B", 3, 2, 2), ("A", 2, 2, 3), ("B", 2, 1, 2)), by="certify_global_minimum: Hessian, Gram form, excess"),
    expect="proved", quote="二次函数的最小值有解析解的",
    statement="the loss is a convex quadratic (Hessian 2(I⊗AᵀA) resp. 2(BBᵀ⊗I), PSD), so its "
              "minimum is attained at a stationary point given in closed form")
art.claim("chain-rule", Proof(chain_steps("chain"), at=ABM), expect="proved",
          quote=r"\frac{\partial \mathcal{L}}{\partial B_{i,j}} = \sum_{k,l}\frac{\partial \mathcal{L}}{\partial E_{k,l}}\frac{\partial E_{k,l}}{\partial B_{i,j}}",
          statement="∂L/∂B_ij = Σ_kl ∂L/∂E_kl ∂E_kl/∂B_ij (by hand: indexed entries are outside the front end)")
art.claim("loss-sum", Proof(residuals_zero(prove_norm_vec, "trace"), at=FOUR_SHAPES[:3]), expect="proved",
          quote=r"\mathcal{L}=\Vert \boldsymbol{E}\Vert_F^2 = \sum_{i,j} E_{i,j}^2",
          statement="L = ‖E‖²_F = Σ_ij E_ij² (by hand: \\sum is outside the front end)")
art.claim("dL-dE", Proof(chain_steps("dL/dE"), at=ABM), expect="proved",
          quote=r"\frac{\partial \mathcal{L}}{\partial E_{k,l}}=2E_{k,l}",
          statement="∂L/∂E_kl = 2E_kl, only the square E_kl² contributing (by hand: indexed entries)")

def entries(shape):
    (nn, rr, mm), (Am, Bm, Mm) = shape, symbolic(*shape)
    E = Am * Bm - Mm
    return all(sp.expand(E[k, l] - sum(Am[k, a] * Bm[a, l] for a in range(rr)) + Mm[k, l]) == 0
               for k in range(nn) for l in range(mm))

art.claim("E-entries", Proof(entries, at=((1, 1, 1), (2, 3, 2), (3, 2, 2)), by="entrywise residual"), expect="proved",
          quote=r"E_{k,l} = \left(\sum_{\alpha} A_{k,\alpha}B_{\alpha,l}\right) - M_{k,l}",
          statement="E_kl = Σ_α A_kα B_αl − M_kl for E = AB − M (by hand: indexed entries)")
art.claim("dE-dB", Proof(chain_steps("dE/dB"), at=ABM), expect="proved",
          quote=r"\frac{\partial E_{k,l}}{\partial B_{i,j}}=A_{k,i}\delta_{l,j}",
          statement="∂E_kl/∂B_ij = A_ki δ_lj (nonzero only for (α,l) = (i,j)) (by hand: indexed entries)")

def delta_sum(shape):
    """∂L/∂B_ij − 2Σ_kl E_kl A_ki δ_lj expands to 0 (L differentiated directly)."""
    (nn, rr, mm), (Am, Bm, Mm) = shape, symbolic(*shape)
    E = Am * Bm - Mm
    return all(sp.expand(sp.diff(frob2(E), Bm[i, j]) - 2 * sum(
        E[k, l] * Am[k, i] * sp.KroneckerDelta(l, j) for k in range(nn) for l in range(mm))) == 0
        for i in range(rr) for j in range(mm))

art.claim("combined-sum", AllOf(Proof(delta_sum, at=ABM), Proof(chain_steps("dL/dE", "dE/dB", "chain", "delta"),
                                                                at=ABM)), expect="proved",
          quote=r"\frac{\partial \mathcal{L}}{\partial B_{i,j}} = 2\sum_{k,l}E_{k,l}A_{k,i}\delta_{l,j} = 2\sum_k E_{k,j}A_{k,i}",
          statement="∂L/∂B_ij = 2Σ_kl E_kl A_ki δ_lj = 2Σ_k E_kj A_ki (first equality differentiated directly; "
                    "second the δ collapse; by hand: indexed entries)")

_GRAD_B = r"\frac{\partial \mathcal{L}}{\partial \boldsymbol{B}} = 2\boldsymbol{A}^{\top}(\boldsymbol{A}\boldsymbol{B}-\boldsymbol{M})"
_GRAD_A = r"\frac{\partial \mathcal{L}}{\partial \boldsymbol{A}} = 2(\boldsymbol{A}\boldsymbol{B}-\boldsymbol{M})\boldsymbol{B}^{\top}"

def loss_definition(formula):
    s = symbols_of(formula)
    X = sp.MatAdd(mul(s["A"], s["B"]), -s["M"])
    return {r"\mathcal{L}": sp.Trace(mul(X.T, X))}

art.latex("grad-B", expect="proved", quote=_GRAD_B, definitions=loss_definition(_GRAD_B))
art.claim("grad-B-matrix-form", Proof(chain_steps("matrix form"), at=ABM), expect="proved",
          quote="如果我们约定，标量对矩阵的梯度形状跟矩阵本身一致，那么可以写出",
          statement="with the gradient shaped like B, (∂L/∂B)_ij = 2Σ_k E_kj A_ki is the (i,j) entry of 2Aᵀ(AB − M)")

def only_AtE_fits(_):
    E = sp.MatrixSymbol("E", n, m)
    found = [sp.sstr(left * right) for X in (A, A.T) for Y in (E, E.T) for left, right in ((X, Y), (Y, X))
             if left.shape[1] == right.shape[0] and (left.shape[0], right.shape[1]) == (r, m)]
    return found == [sp.sstr(A.T * E)], f"products with shape r×m among the 8 candidates: {found}"

art.claim("grad-shape-argument", Proof(only_AtE_fits, by="shapes of the 8 products"), expect="proved",
          quote="结果就只有上式右端一种方式",
          statement="with n, r, m distinct, the only product of one of A, Aᵀ with one of E, Eᵀ (E = AB − M, n×m) that is r×m is AᵀE")
art.latex("grad-A", expect="proved", quote=_GRAD_A, definitions=loss_definition(_GRAD_A))

# ================================================================ 基本结果

_ROW_B = r"2\boldsymbol{A}^{\top}(\boldsymbol{A}\boldsymbol{B}-\boldsymbol{M})=0\quad\Rightarrow\quad (\boldsymbol{A}^{\top} \boldsymbol{A})^{-1}\boldsymbol{A}^{\top}\boldsymbol{M} = \mathop{\text{argmin}}_\boldsymbol{B} \Vert \boldsymbol{A}\boldsymbol{B} - \boldsymbol{M}\Vert_F^2"
_ROW_A = r"2(\boldsymbol{A}\boldsymbol{B}-\boldsymbol{M})\boldsymbol{B}^{\top}=0\quad\Rightarrow\quad \boldsymbol{M}\boldsymbol{B}^{\top}(\boldsymbol{B} \boldsymbol{B}^{\top})^{-1} = \mathop{\text{argmin}}_\boldsymbol{A} \Vert \boldsymbol{A}\boldsymbol{B} - \boldsymbol{M}\Vert_F^2"
art.latex("closed-form-B", expect="conditional", quote=_ROW_B)
art.latex("closed-form-A", expect="conditional", quote=_ROW_A)
art.latex("closed-form-B-corrected", expect="verified", quote=_ROW_B, assume={"A": "full column rank"},
          statement="nearest true statement: (AᵀA)⁻¹AᵀM = argmin_B ‖AB − M‖² when A has full column rank")
art.latex("closed-form-A-corrected", expect="verified", quote=_ROW_A, assume={"B": "full row rank"},
          statement="nearest true statement: MBᵀ(BBᵀ)⁻¹ = argmin_A ‖AB − M‖² when B has full row rank")

def excess(shape):
    """L(B) − L(S) = ‖A(B − S)‖² + 2⟨B − S, Aᵀ(AS − M)⟩ for a symbolic candidate S."""
    (Am, Bm, Mm), S = symbolic(*shape), symbolic_matrix("S", shape[1], shape[2])
    cross = 2 * ((Bm - S).T * Am.T * (Am * S - Mm)).trace()
    return sp.expand(frob2(Am * Bm - Mm) - frob2(Am * S - Mm) - frob2(Am * (Bm - S)) - cross) == 0

art.claim("stationary-optimal", AllOf(
    Proof(excess, at=((2, 1, 2), (2, 3, 2), (3, 2, 1)), by="excess identity (rank-deficient shapes included)"),
    Proof(lambda c: solve_closed_form(*c), at=(("B", 3, 2, 2), ("A", 2, 2, 3), ("B", 2, 1, 1)),
          by="solve_closed_form: gradient = 0 has the closed form as unique solution (generic full rank)")),
    expect="proved", quote="让它们等于零便可以解出相应的最优解",
    statement="every stationary point is a global minimum (L(B) − L(B*) = ‖A(B − B*)‖² + 2⟨B − B*, Aᵀ(AB* − M)⟩, "
              "any rank), and solving ∂L/∂B = 0 (∂L/∂A = 0) exactly gives the closed forms when the Gram matrix is invertible")
art.claim("substitute-identity", AllOf(
    Identity(mul(gram_inverse(A), A.T, sp.Identity(n)), mul(gram_inverse(A), A.T), assume={A: "full column rank"}),
    Identity(mul(sp.Identity(n), B_rn.T, sp.Inverse(mul(B_rn, B_rn.T))), mul(B_rn.T, sp.Inverse(mul(B_rn, B_rn.T))),
             assume={B_rn: "full row rank"})),
    expect="proved", quote=r"代入$\boldsymbol{M}=\boldsymbol{I}_n$，就得到",
    statement="M = I_n in the closed forms gives (AᵀA)⁻¹Aᵀ and Bᵀ(BBᵀ)⁻¹ (B r×n, since I_n needs m = n)")
art.latex("pinv-formula-A", expect="conditional",
          quote=r"\boldsymbol{A}^{\dagger} = (\boldsymbol{A}^{\top} \boldsymbol{A})^{-1}\boldsymbol{A}^{\top}")
art.latex("pinv-formula-B", expect="conditional",
          quote=r"\boldsymbol{B}^{\dagger} = \boldsymbol{B}^{\top}(\boldsymbol{B} \boldsymbol{B}^{\top})^{-1}")
_INV_CASE = r"\boldsymbol{A}^{\dagger}=\boldsymbol{A}^{-1},\boldsymbol{B}^{\dagger}=\boldsymbol{B}^{-1}"
art.latex("invertible-case", expect="proved", quote=_INV_CASE, assume={"A": "invertible", "B": "invertible"})
art.claim("invertible-case-formulas", AllOf(
    Identity(mul(gram_inverse(A_sq), A_sq.T), sp.Inverse(A_sq), assume={A_sq: "invertible"}),
    Identity(mul(B_sq.T, sp.Inverse(mul(B_sq, B_sq.T))), sp.Inverse(B_sq), assume={B_sq: "invertible"})),
    expect="proved", quote=_INV_CASE,
    statement="for the article's formulas: (AᵀA)⁻¹Aᵀ = A⁻¹ and Bᵀ(BBᵀ)⁻¹ = B⁻¹ for invertible square A, B "
              "(by hand: the front end reads A† as the Moore–Penrose inverse)")
X_A = mul(gram_inverse(A), A.T)          # the A-formula: r×n, of full row rank
Y_B = mul(B.T, sp.Inverse(mul(B, B.T)))  # the B-formula: m×r, of full column rank
art.claim("double-pinv", AllOf(
    Identity(mul(X_A.T, sp.Inverse(mul(X_A, X_A.T))), A, assume={A: "full column rank"}),
    Identity(mul(sp.Inverse(mul(Y_B.T, Y_B)), Y_B.T), B, assume={B: "full row rank"})), expect="proved",
    quote=r"(\boldsymbol{A}^{\dagger})^{\dagger}=\boldsymbol{A},(\boldsymbol{B}^{\dagger})^{\dagger}=\boldsymbol{B}",
    statement="with the formulas: X = (AᵀA)⁻¹Aᵀ is r×n of full row rank, so its † is the B-formula "
              "Xᵀ(XXᵀ)⁻¹ = A; Y = Bᵀ(BBᵀ)⁻¹ gives (YᵀY)⁻¹Yᵀ = B (by hand: the front end's "
              "Pinv(Pinv(X)) collapses to X when built, so its check would be vacuous)")
_PENROSE = r"\boldsymbol{A}\boldsymbol{A}^{\dagger}\boldsymbol{A}=\boldsymbol{A},\boldsymbol{B}^{\dagger}\boldsymbol{B}\boldsymbol{B}^{\dagger}=\boldsymbol{B}^{\dagger}"
art.latex("penrose-1-2", expect="verified", quote=_PENROSE,
          statement="AA†A = A and B†BB† = B† for the Moore–Penrose inverse, every rank")
art.claim("penrose-1-2-formulas", AllOf(Identity(mul(A, X_A, A), A, assume={A: "full column rank"}),
                                        Identity(mul(Y_B, B, Y_B), Y_B, assume={B: "full row rank"})),
          expect="proved", quote=_PENROSE,
          statement="with the formulas: A(AᵀA)⁻¹AᵀA = A and Bᵀ(BBᵀ)⁻¹BBᵀ(BBᵀ)⁻¹ = Bᵀ(BBᵀ)⁻¹ "
                    "(by hand: the front end reads A† as the Moore–Penrose inverse)")

def projectors(rng):
    """AA† for a tall A (n×r) and B†B for a wide B (r×n), both of rank r < n."""
    pairs = [(rat(rng, nn, rr), rat(rng, rr, nn)) for nn, rr in ((2, 1), (3, 1), (3, 2), (4, 2))]
    return [{"A": a, "B": b, "AA†": a * (a.T * a).inv() * a.T, "B†B": b.T * (b * b.T).inv() * b} for a, b in pairs]

art.claim("not-identity", Property(lambda d: all(P != sp.eye(P.rows) and P.rank() == d["A"].cols
                                                 for P in (d["AA†"], d["B†B"])), over=projectors), expect="verified",
          quote=r"即$\boldsymbol{A}\boldsymbol{A}^{\dagger},\boldsymbol{B}^{\dagger}\boldsymbol{B}$虽然没法成为单位阵$\boldsymbol{I}$",
          statement="AA† ≠ I_n and B†B ≠ I_m when r < n and r < m (the setup r ≪ min(n,m)): their rank is r")

def penrose_candidates(rng):
    """(A, X): the two full-rank formulas, and the ε-limit at rank-deficient A."""
    out = []
    for a, b in ((3, 2), (4, 1), (2, 2)):
        tall, wide = rat(rng, a, b), rat(rng, b, a)
        out += [{"A": tall, "X": (tall.T * tall).inv() * tall.T}, {"A": wide, "X": wide.T * (wide * wide.T).inv()}]
    return out + [{"A": D, "X": regularized_limit(D).value} for D in deficient(rng)]

art.claim("moore-penrose", Property(lambda d: penrose_certificate(d["A"], d["X"]), over=penrose_candidates),
          expect="verified", quote="这里我们介绍的实际上是最常见的“ Moore–Penrose逆 ”",
          statement="(AᵀA)⁻¹Aᵀ, Bᵀ(BBᵀ)⁻¹ and the ε-limit satisfy the four Penrose conditions")

# ================================================================ 一般形式

art.claim("key-premise", Property(lambda D: (D.T * D).det() == 0 and (D * D.T).det() == 0, over=DEFICIENT),
          expect="verified",
          quote=r"成立还有个关键前提是相应的$\boldsymbol{A}^{\top} \boldsymbol{A}$或$\boldsymbol{B} \boldsymbol{B}^{\top}$可逆",
          statement="the formulas need AᵀA (BBᵀ) invertible: for rank-deficient A (B) the Gram matrix is singular")

def quadratic_form(_):
    x, S = sp.Matrix(sp.symbols("x_1:4", real=True)), symbolic_matrix("A", 3, 3)
    return sp.expand((x.T * S.T * S * x)[0, 0] - frob2(S * x)) == 0

art.claim("singular-iff-rank", AllOf(
    Property(lambda D: (D.T * D).rank() == D.rank() and ((D.T * D).det() == 0) == (D.rank() < D.cols),
             over=RankProfiles(((3, 2), (2, 3), (3, 3), (4, 2)))),
    Proof(quadratic_form, by="xᵀAᵀAx − ‖Ax‖² = 0, 3×3 symbolic")), expect="verified",
    quote=r"假设$\boldsymbol{A}^{\top} \boldsymbol{A}$不可逆，那么意味着$\boldsymbol{A}$的秩不足$r$",
    statement="rank(AᵀA) = rank(A), so AᵀA (r×r) is singular iff rank A < r; xᵀAᵀAx = ‖Ax‖²")

def is_rank_factorization(D):
    f = rank_factorization(D)
    return (f.C == D.extract(list(range(D.rows)), list(f.pivots)) and f.C * f.F == D
            and f.C.rank() == f.rank < D.cols and f.F.shape == (f.rank, D.cols))

art.claim("rank-factorization", Property(is_rank_factorization, over=DEFICIENT), expect="verified",
          quote=r"我们只能从中找到$s < r$个列向量构成的极大线性无关组构成矩阵$\boldsymbol{A}_s\in\mathbb{R}^{n\times s}$，然后$\boldsymbol{A}$可以表示成$\boldsymbol{A}_s \boldsymbol{P}$",
          statement="rank-deficient A = A_s P with A_s (n×s, s < r) a maximal independent set of columns of A and P ∈ R^{s×r}")

def same_objective(D):
    f, X = rank_factorization(D), symbolic_matrix("B", D.cols, D.rows)
    return sp.expand(frob2(D * X - sp.eye(D.rows)) - frob2(f.C * f.F * X - sp.eye(D.rows))) == 0

art.claim("argmin-same", Property(same_objective, over=DEFICIENT), expect="verified",
          quote=r"\mathop{\text{argmin}}_\boldsymbol{B} \Vert \boldsymbol{A}\boldsymbol{B} - \boldsymbol{I}_n\Vert_F^2 = \mathop{\text{argmin}}_\boldsymbol{B} \Vert \boldsymbol{A}_s \boldsymbol{P}\boldsymbol{B} - \boldsymbol{I}_n\Vert_F^2",
          statement="the two objectives are the same polynomial in B since A = A_s P (by hand: the front end cannot state A = A_s P)")

def minimizer_family(D):
    """X = A⁺ + N T (N a basis of null A, T symbolic): every minimizer of ‖AX − I‖², and the entries of T."""
    N = sp.Matrix.hstack(*D.nullspace())
    T = symbolic_matrix("T", N.shape[1], D.rows)
    return pinv_exact(D) + N * T, list(T)

def P_maps_family_to_As_pinv(D):
    f, (X, _) = rank_factorization(D), minimizer_family(D)
    formula = (f.C.T * f.C).inv() * f.C.T
    return zero(D.T * (D * X - sp.eye(D.rows))) and zero(f.F * X - formula) and formula == pinv_exact(f.C)

art.claim("P-pinv", Property(P_maps_family_to_As_pinv, over=DEFICIENT), expect="verified",
          quote=r"\boldsymbol{P}\boldsymbol{A}^{\dagger} = \boldsymbol{A}_s^{\dagger} = (\boldsymbol{A}_s^{\top} \boldsymbol{A}_s)^{-1}\boldsymbol{A}_s^{\top}",
          statement="every minimizer X of ‖AX − I_n‖² (the family A⁺ + N T, N a basis of null A, T symbolic) "
                    "has PX = A_s⁺ = (A_sᵀA_s)⁻¹A_sᵀ (by hand: the front end cannot state A = A_s P)")

def cauchy_binet(shape):
    S = symbolic_matrix("a", *shape)
    minors = sum(S.extract(list(rows), list(range(shape[1]))).det() ** 2
                 for rows in itertools.combinations(range(shape[0]), shape[1]))
    return sp.expand((S.T * S).det() - minors) == 0

art.claim("As-gram-invertible", Proof(cauchy_binet, at=((2, 1), (3, 1), (3, 2), (4, 2)), by="Cauchy–Binet",
                                      cross_check=Property(lambda D: (rank_factorization(D).C.T * rank_factorization(D).C).det() != 0,
                                                           over=DEFICIENT)), expect="proved",
          quote=r"由于已经假设了$\boldsymbol{A}_s$是极大线性无关组，所以$\boldsymbol{A}_s^{\top} \boldsymbol{A}_s$必然可逆",
          statement="det(A_sᵀA_s) = Σ (s×s minors of A_s)² (Cauchy–Binet), positive when A_s has independent columns")

def two_minimizers(D):
    res, f = rank_deficient_minimizers(D, sp.eye(D.rows)), rank_factorization(D)
    return (res.holds and res.minimizer_1 != res.minimizer_2 and f.F * res.minimizer_1 == pinv_exact(f.C)
            and f.F * res.minimizer_2 == pinv_exact(f.C) and f.F.rank() < f.F.cols)

art.claim("non-unique", Property(two_minimizers, over=RankProfiles(DEFICIENT.shapes[:3])), expect="verified",
          quote=r"从$\boldsymbol{A}^{\dagger}$到$\boldsymbol{P}\boldsymbol{A}^{\dagger}$是一个降维到过程，这意味着存在多个$\boldsymbol{A}^{\dagger}$使得$\boldsymbol{P}\boldsymbol{A}^{\dagger} = \boldsymbol{A}_s^{\dagger}$，即此时目标$\eqref{eq:loss-ab-m-b}$的最优解并不唯一",
          statement="P (s×r, s < r) has a kernel, so B ↦ PB loses dimensions: two distinct minimizers with "
                    "the same minimal loss, both with PB = A_s⁺")

_PATCH = r"一个可能的思路是补充$(\boldsymbol{A}^{\dagger})^{\dagger}=\boldsymbol{A}$或$\boldsymbol{A}^{\dagger}\boldsymbol{A}\boldsymbol{A}^{\dagger}=\boldsymbol{A}^{\dagger}$，这样结合$\boldsymbol{P}\boldsymbol{A}^{\dagger} = \boldsymbol{A}_s^{\dagger}$就可以唯一地确定$\boldsymbol{A}^{\dagger}$"

def minimizers_with(D, *conditions):
    """The minimizers X = A⁺ + N T that also satisfy *conditions*: X, the unknowns T, the solutions."""
    X, unknowns = minimizer_family(D)
    ring = sp.QQ[tuple(unknowns)] if unknowns else sp.QQ  # expanded polynomials in T: the entries sp.expand gives
    Dp, Xp = (DomainMatrix.from_Matrix(sp.Matrix(Y)).convert_to(ring) for Y in (D, X))
    eqs = [e for cond in conditions for e in cond(Dp, Xp).to_Matrix() if e != 0]
    if not eqs:
        return X, unknowns, [{}]
    if any(sp.Poly(e, *unknowns).total_degree() > 1 for e in eqs):
        return X, unknowns, sp.solve(eqs, unknowns, dict=True)
    solution = sp.linsolve(eqs, unknowns)  # A N = 0 makes XAX = X linear in T
    return X, unknowns, [{u: v for u, v in zip(unknowns, next(iter(solution))) if v != u}] if solution else []

xax, xa_symmetric = (lambda D, X: X * D * X - X), (lambda D, X: (X * D).transpose() - X * D)

def patched_by_double_pinv(D):
    other = pinv_exact(D) + sp.Matrix.hstack(*D.nullspace()) * sp.ones(D.cols - D.rank(), D.rows)
    return pinv_exact(pinv_exact(D)) == D and pinv_exact(other) != D

art.claim("patch-double-pinv", Property(patched_by_double_pinv, over=DEFICIENT), expect="verified", quote=_PATCH,
          statement="first option: a minimizer X with X⁺ = A is X = (X⁺)⁺ = A⁺, unique (involution checked "
                    "exactly); another minimizer A⁺ + N·1 has a pseudo-inverse ≠ A")

def small_and_deficient(rng):
    return [sp.ImmutableMatrix([[1, 0], [0, 0]])] + deficient(rng)  # n = r = 2, rank 1: A_s = e_1, P = [1, 0]

def xax_determines_minimizer(D):
    X, unknowns, solutions = minimizers_with(D, xax)
    free = len(unknowns) - len(solutions[0]) if solutions else -1
    ones = {u: 1 for u in unknowns if u not in solutions[0]}
    example = X.xreplace({**{u: v.xreplace(ones) for u, v in solutions[0].items()}, **ones})
    return free == 0, f"{free} free parameters left; X = {sp.sstr(example.tolist())} ≠ A⁺ satisfies XAX = X"

art.claim("patch-xax", Property(xax_determines_minimizer, over=small_and_deficient), expect="refuted", quote=_PATCH,
          statement="second option: minimizers X (PX = A_s⁺) with XAX = X are NOT unique for rank-deficient "
                    "nonzero A: X = A⁺ + N T with T(I − AA⁺) = 0 is a family of dimension dim(null A)·rank A")

def two_conditions_determine(D):
    X, unknowns, solutions = minimizers_with(D, xax, xa_symmetric)
    return len(solutions) == 1 and set(unknowns) <= set(solutions[0]) and X.xreplace(solutions[0]) == pinv_exact(D)

art.claim("patch-xax-corrected", Property(two_conditions_determine, over=small_and_deficient), expect="verified",
          quote=_PATCH,
          statement="nearest true statement: a minimizer with both XAX = X and (XA)ᵀ = XA is unique (= A⁺)")
art.latex("reg-limit-argmin", expect="verified",
          quote=r"\boldsymbol{A}^{\dagger} = \lim_{\epsilon\to 0}\,\mathop{\text{argmin}}_\boldsymbol{B} \Vert \boldsymbol{A}\boldsymbol{B} - \boldsymbol{I}_n\Vert_F^2 + \epsilon\Vert \boldsymbol{B}\Vert_F^2")
E_I = sp.MatAdd(mul(A, B_rn), -sp.Identity(n))
art.argmin("reg-argmin-solution", objective=sp.Trace(mul(E_I.T, E_I)) + eps * sp.Trace(mul(B_rn.T, B_rn)), wrt=B_rn,
           claimed=ridge(A, r), max_dim=2, max_shapes=3, expect="verified", quote="由上式可以解得",
           statement="for each ε > 0: argmin_B ‖AB − I_n‖² + ε‖B‖² = (AᵀA + εI_r)⁻¹Aᵀ, unique (by hand: the article writes only its limit)")
art.latex("reg-limit-formula", expect="verified",
          quote=r"\boldsymbol{A}^{\dagger} = \lim_{\epsilon\to 0}\,(\boldsymbol{A}^{\top} \boldsymbol{A} + \epsilon \boldsymbol{I}_r)^{-1}\boldsymbol{A}^{\top}")

def ridge_determinant(shape):
    """det(SᵀS + εI) = Σ_k ε^(r−k) Σ_|C|=k (squared k×k minors of S_:,C), and the quadratic form."""
    (nn, rr), S = shape, symbolic_matrix("a", *shape)
    x, G = sp.Matrix(sp.symbols(f"x_1:{rr + 1}", real=True)), S.T * S + eps * sp.eye(rr)
    expansion = sum(eps ** (rr - k) * (sum(S.extract(list(rows), list(cols)).det() ** 2
                                           for rows in itertools.combinations(range(nn), k)) if k else 1)
                    for k in range(rr + 1) for cols in itertools.combinations(range(rr), k))
    return (sp.expand(G.det(method="berkowitz") - expansion) == 0
            and sp.expand((x.T * G * x)[0, 0] - frob2(S * x) - eps * frob2(x)) == 0)

art.claim("reg-invertible", Proof(ridge_determinant, at=((1, 2), (2, 2), (3, 2), (2, 3))), expect="proved",
          quote=r"当$\epsilon > 0$时，$\boldsymbol{A}^{\top} \boldsymbol{A} + \epsilon \boldsymbol{I}_r$必然是可逆的",
          statement="det(AᵀA + εI_r) = Σ_k ε^(r−k) Σ_|S|=k det(A_:,Sᵀ A_:,S), each a sum of squares (Cauchy–Binet), "
                    "so det ≥ ε^r > 0; also xᵀ(AᵀA + εI)x = ‖Ax‖² + ε‖x‖²")

def limit_is_minimizer(D):
    lim = regularized_limit(D)
    return lim.divergence_cancels and lim.verified and (D.T * (D * lim.value - sp.eye(D.rows))).is_zero_matrix

art.claim("limit-exists", Property(limit_is_minimizer, over=DEFICIENT), expect="verified",
          quote=r"由于$\epsilon\to 0$时，正则项可以忽略不计，所以上述极限必然是存在的",
          statement="the limit exists (the 1/ε part of (AᵀA + εI)⁻¹Aᵀ cancels) and solves the normal equations "
                    "Aᵀ(AX − I) = 0; the heuristic 'regularizer negligible' is not itself a proof")
art.limit("gram-inverse-diverges", expr=sp.Inverse(sp.MatAdd(mul(A.T, A), eps * sp.Identity(r))), var=eps,
          diverges=True, assume={A: "rank-deficient"}, expect="verified",
          quote=r"当$\boldsymbol{A}^{\top} \boldsymbol{A}$不可逆时，极限$\lim\limits_{\epsilon\to 0}\,(\boldsymbol{A}^{\top} \boldsymbol{A} + \epsilon \boldsymbol{I}_r)^{-1}$是不存在的（结果会出现无穷大）",
          statement="lim (AᵀA + εI_r)⁻¹ does not exist for singular AᵀA (by hand: the formula states no equation)")

def pole_cancelled(D):
    lim = regularized_limit(D)
    return lim.pole_order == 1 and lim.divergence_cancels and not lim.pole_coefficient.is_zero_matrix

art.claim("times-At-finite", Property(pole_cancelled, over=DEFICIENT), expect="verified",
          quote=r"只有乘上$\boldsymbol{A}^{\top}$后整体再取极限才是正常的",
          statement="(AᵀA + εI)⁻¹ has a simple pole (coefficient the projector onto null A) whose product with Aᵀ is exactly zero")
art.limit("generalizes", expr=ridge(A, r), var=eps, claimed=mul(gram_inverse(A), A.T), assume={A: "full column rank"},
          expect="verified", quote=r"式$\eqref{eq:a-pinv-lim}$作为它的推广",
          statement="for invertible AᵀA the limit equals (AᵀA)⁻¹Aᵀ (by hand: the claim is in prose)")

def limit_keeps_properties(D):
    X = regularized_limit(D).value
    return regularized_limit(X).value == D and D * X * D == D

art.claim("properties-preserved", Property(limit_keeps_properties, over=DEFICIENT), expect="verified",
          quote=r"形式上的一致也使得$\boldsymbol{A}^{\top} \boldsymbol{A}$可逆时$\boldsymbol{A}^{\dagger}$的性质如$(\boldsymbol{A}^{\dagger})^{\dagger}$能够得以保留",
          statement="with A† defined by the ε-limit for every A (rank-deficient too), (A†)† = A and AA†A = A")

# ================================================================ 数值计算

_R = sp.Rational
EXPERIMENT_CASES = (  # 8×5 matrices with these singular values
    ("rank-deficient", (1, _R(1, 10), _R(1, 100))),
    ("rank-deficient, well-conditioned", (1, 1, _R(1, 2))),
    ("full rank, well-conditioned", (1, 1, 1, _R(1, 2), _R(1, 2))),
    ("full rank, κ = 1e6", (1, _R(1, 10), _R(1, 10**3), _R(1, 10**4), _R(1, 10**6))),
)

def rel(X, T) -> float:
    return float(np.linalg.norm(X - T, 2) / np.linalg.norm(T, 2))

def ridge_error(Af, T, e):
    try:
        return rel(ridge64(Af, e), T)
    except np.linalg.LinAlgError:  # AᵀA + εI exactly singular in float64
        return float("inf")

@functools.lru_cache(maxsize=None)
def experiment(seed: int):
    """float64 errors of the ridge formula (best small ε), the eigen route (literal, cutoff) and the SVD pinv."""
    runs = []
    for index, (case, sv) in enumerate(EXPERIMENT_CASES):
        for rep in range(3):
            known = matrix_with_singular_values(8, 5, list(sv), seed=seed % 1000 + 10 * index + rep)
            Af, T = exact_to_f64(known.A), exact_to_f64(known.pinv)
            nonzero = [float(s) for s in known.singular_values if s != 0]
            w, U = np.linalg.eigh(Af.T @ Af)
            cut = max(Af.shape) * np.finfo(np.float64).eps * float(w.max())
            eig = lambda keep: U @ np.diag([1 / x if keep(x) else 0.0 for x in w]) @ U.T @ Af.T  # noqa: E731
            runs.append(dict(
                case=case, rep=rep, kappa=max(nonzero) / min(nonzero), full=len(nonzero) == 5, size=max(Af.shape),
                ridge_small=min(ridge_error(Af, T, 10.0**-k * max(nonzero) ** 2) for k in range(12, 25)),
                svd=rel(pinv_svd64(Af), T), eig_literal=rel(eig(lambda x: x != 0), T),
                eig_cutoff=rel(eig(lambda x: x > cut), T)))
    return tuple(runs)

art.claim("ridge-unstable", Experiment(
    experiment, "ridge_small", lambda run: 1000 * max(run["svd"], UNIT_ROUNDOFF * run["kappa"]),
    "1000·max(SVD error, u·κ)", relation=">=", leg="float64", only_if=Condition(
        "A: rank-deficient or ill-conditioned (for a well-conditioned A of full column rank a tiny ε is harmless)",
        lambda run: run["case"] != "full rank, well-conditioned")), expect="conditional",
    quote="这样必然会面临严重的数值不稳定性",
    statement="computing (AᵀA + εI)⁻¹Aᵀ in float64 with small ε (10⁻¹²…10⁻²⁴·σ₁²) is severely unstable")
art.claim("eigen-stable", Experiment(
    experiment, "eig_literal", lambda run: 1000 * max(run["svd"], UNIT_ROUNDOFF * run["kappa"] ** 2),
    "1000·max(SVD error, u·κ²)", leg="float64"), expect="refuted", quote="为了得到一个稳定的计算方式",
    statement="the eigen route UΛ†UᵀAᵀ with Λ† as defined (zero stays, nonzero inverted) is stable in float64; "
              "computed eigenvalues of AᵀA are never exactly 0, so the rule inverts rounding noise")
art.claim("eigen-stable-corrected", AllOf(
    Experiment(experiment, "eig_cutoff", lambda run: 10 * run["size"] * UNIT_ROUNDOFF * run["kappa"] ** 2,
               "10·max(m,n)·u·κ²", leg="float64"),
    Experiment(lambda seed: [run for run in experiment(seed) if not run["full"]], "eig_cutoff",
               lambda run: run["ridge_small"], "the best small-ε ridge error", leg="float64")),
    expect="verified", quote="为了得到一个稳定的计算方式",
    statement="nearest true statement: with a cutoff (λ ≤ max(m,n)·u·λ_max counts as 0) the eigen route has "
              "error ≤ 10·max(m,n)·u·κ² (it squares κ; the SVD of A itself gives u·κ), below the ridge's")

EIGEN_SHAPES = ((3, 2, 2), (3, 2, 1), (4, 3, 2), (3, 3, 1), (2, 3, 2), (2, 3, 1), (3, 3, 3), (2, 2, 0))

@functools.lru_cache(maxsize=None)
def eigen_route(seed: int):
    """pinv_via_eigen of matrices with a rational spectrum of AᵀA, every rank profile."""
    return tuple(pinv_via_eigen(matrix_with_rational_gram_spectrum(a, b, rank=k, seed=seed + i).A)
                 for i, (a, b, k) in enumerate(EIGEN_SHAPES))

def eigen_cases(rng):
    return eigen_route(rng.randrange(1000))

def with_zero_eigenvalue(rng):
    return [e for e in eigen_cases(rng) if e.zero_eigenvalue_indices and e.A.rows]

def diagonalizes(e):
    return (sp.simplify(e.U.T * e.U - sp.eye(e.U.rows)).is_zero_matrix
            and sp.simplify(e.U * e.Lambda * e.U.T - e.gram).is_zero_matrix and e.Lambda.is_diagonal())

art.claim("spectral-theorem", Property(diagonalizes, over=eigen_cases), expect="verified",
          quote=r"我们利用实对称矩阵总可以正交对角化这一特点（ 谱定理 ），对$\boldsymbol{A}^{\top} \boldsymbol{A}$作如下分解",
          statement="AᵀA = UΛUᵀ with U orthogonal, Λ diagonal (exact, instances with rational spectrum)")

def rayleigh(_):
    u, S = sp.Matrix(sp.symbols("u_1:4", real=True)), symbolic_matrix("A", 4, 3)
    return sp.expand((u.T * S.T * S * u)[0, 0] - frob2(S * u)) == 0

art.claim("eigs-nonneg", Proof(rayleigh, by="uᵀAᵀAu − ‖Au‖² = 0, 4×3 symbolic", cross_check=Property(
    lambda e: not e.Lambda.rows or min(e.Lambda.diagonal()) >= 0, over=eigen_cases)), expect="proved",
    quote=r"由于$\boldsymbol{A}^{\top} \boldsymbol{A}$的半正定性，它的特征值总是非负的",
    statement="an eigenpair (λ, u), ‖u‖ = 1, of AᵀA has λ = uᵀAᵀAu = ‖Au‖² ≥ 0")

def chain_links(e):
    """The three links, exactly over ℚ(ε) with surds, and pinv_via_eigen's check of the whole chain."""
    I, G = sp.eye(e.gram.rows), e.U * e.Lambda * e.U.T
    inner = sp.diag(*[1 / (lam + eps) for lam in e.Lambda.diagonal()])
    return (zero(e.gram + eps * I - (G + eps * I)) and zero(G + eps * I - e.U * (e.Lambda + eps * I) * e.U.T)
            and zero(e.U * (e.Lambda + eps * I) * e.U.T * (e.U * inner * e.U.T) - I) and e.regularized_identity_holds)

art.claim("eigen-chain", Property(chain_links, over=lambda rng: [e for e in eigen_cases(rng) if e.A.rows]),
          expect="verified",
          quote=r"(\boldsymbol{A}^{\top} \boldsymbol{A} + \epsilon \boldsymbol{I}_r)^{-1}\boldsymbol{A}^{\top} =&\, (\boldsymbol{U}\boldsymbol{\Lambda} \boldsymbol{U}^{\top} + \epsilon \boldsymbol{I}_r)^{-1} \boldsymbol{A}^{\top} \\ =&\, [\boldsymbol{U}(\boldsymbol{\Lambda} + \epsilon \boldsymbol{I}_r) \boldsymbol{U}^{\top}]^{-1}\boldsymbol{A}^{\top} \\ =&\, \boldsymbol{U}(\boldsymbol{\Lambda} + \epsilon \boldsymbol{I}_r)^{-1} \boldsymbol{U}^{\top}\boldsymbol{A}^{\top}",
          statement="each link of the chain, exactly over ℚ(ε) with surds, for U, Λ from AᵀA = UΛUᵀ (by hand: the "
                    "front end cannot tie U, Λ to A, and its 'diagonal' samples may make Λ + εI singular)")

def diagonal_inverse(shape):
    lams = sp.symbols(f"lambda_1:{shape[0] + 1}", nonnegative=True)
    inverse = (sp.diag(*lams) + eps * sp.eye(shape[0])).inv()
    return sp.simplify(inverse - sp.diag(*[1 / (x + eps) for x in lams])).is_zero_matrix

art.claim("diag-inverse", Proof(diagonal_inverse, at=tuple((k, k) for k in range(1, 6))), expect="proved",
          quote=r"(\boldsymbol{\Lambda} + \epsilon \boldsymbol{I}_r)^{-1} = \text{diag}\Big((\lambda_1 + \epsilon)^{-1},(\lambda_2 + \epsilon)^{-1},\cdots,(\lambda_r + \epsilon)^{-1}\Big)",
          statement="(Λ + εI_r)⁻¹ = diag((λᵢ + ε)⁻¹), λᵢ ≥ 0 symbolic (by hand: the front end parses "
                    "diag(…, \\cdots, …) as a FunctionMatrix its evaluator does not support)")
lam_pos, c_nonzero = sp.Symbol("lambda_i", positive=True), sp.Symbol("c", nonzero=True, real=True)
art.claim("scalar-limit-positive", Proof(lambda _: sp.limit(1 / (lam_pos + eps), eps, 0, "+") == 1 / lam_pos,
                                         by="sympy.limit with λ > 0 symbolic"), expect="proved",
          quote=r"\lim\limits_{\epsilon\to 0}\,(\lambda_i + \epsilon)^{-1}=\lambda_i^{-1}",
          statement="λᵢ > 0: lim_{ε→0⁺} (λᵢ + ε)⁻¹ = λᵢ⁻¹ (by hand: the evaluator has no scalar Limit)")
art.claim("scalar-limit-zero", Proof(lambda _: sp.limit(1 / (0 + eps), eps, 0, "+") == sp.oo == sp.limit(
    1 / eps, eps, 0, "+"), by="sympy.limit of 1/ε at 0⁺"), expect="proved",
    quote=r"\lim\limits_{\epsilon\to 0}\,(\lambda_i + \epsilon)^{-1}=\lim\limits_{\epsilon\to 0}\,\epsilon^{-1}\to\infty",
    statement="λᵢ = 0: (λᵢ + ε)⁻¹ = ε⁻¹ → +∞ (by hand: '\\to\\infty' and scalar limits)")
art.claim("no-infinity", Property(lambda e: all(x.is_finite for x in e.limit) and e.limit_matches_pinv,
                                  over=eigen_cases), expect="verified",
          quote=r"所以断定极限$\eqref{eq:a-pinv-lim}$必然不会出现无穷大值",
          statement="U(Λ + εI)⁻¹UᵀAᵀ has a finite limit, equal to UΛ†UᵀAᵀ, even when some λᵢ = 0")
art.claim("only-zero-cancels", Proof(lambda _: sp.limit(c_nonzero / eps, eps, 0, "+").is_finite is False
                                     and sp.limit(0 / eps, eps, 0, "+") == 0, by="sympy.limit of c/ε, c ≠ 0 symbolic"),
          expect="proved",
          quote=r"而能抵消这种无穷大的，唯有“乘以0”，即$\lim\limits_{\epsilon\to 0}\, \epsilon^{-1}\times 0 = 0$",
          statement="for a constant c, lim_{ε→0⁺} c/ε is finite iff c = 0, and then it is 0")
art.claim("zero-row", Property(lambda e: e.zero_rows_vanish, over=with_zero_eigenvalue), expect="verified",
          quote=r"如果$\lambda_i=0$，那么$\boldsymbol{U}^{\top}\boldsymbol{A}^{\top}$给$(\lambda_i+\epsilon)^{-1}$所乘的因子必然是$0$",
          statement="λᵢ = 0 ⇒ row i of UᵀAᵀ is zero, since it is (Auᵢ)ᵀ and ‖Auᵢ‖² = uᵢᵀAᵀAuᵢ = λᵢ")

def any_value_at_zero(e):
    """Λ_c (c at the zero eigenvalues) gives the same UΛ_cUᵀAᵀ; the rule with 1 disagrees with the ε-limit."""
    Lc = sp.Matrix(e.Lambda_dagger)
    for i in e.zero_eigenvalue_indices:
        Lc[i, i] = sp.Symbol("c")
    ones = lambda_dagger_consistency(e.Lambda, lambda L: sp.diag(*[1 / x if x else 1 for x in L.diagonal()]))
    return (sp.simplify(e.U * Lc * e.UtAt - e.pinv).is_zero_matrix and not ones.agrees
            and lambda_dagger_consistency(e.Lambda).agrees)

art.claim("any-value", Property(any_value_at_zero, over=with_zero_eigenvalue), expect="verified",
          quote="其实这里随便取一个值也不会影响结果的",
          statement="replacing 0 by any c at the zero eigenvalues leaves UΛ_cUᵀAᵀ unchanged (c symbolic); "
                    "only c = 0 agrees with the ε-limit formula applied to Λ itself")
art.claim("eigen-pinv", Property(lambda e: e.pinv == pinv_exact(e.A) and e.limit_matches_pinv, over=eigen_cases,
                                 legs=("pinv",)), expect="verified",
          quote=r"\boldsymbol{A}^{\dagger} = \boldsymbol{U}\boldsymbol{\Lambda}^{\dagger}\boldsymbol{U}^{\top}\boldsymbol{A}^{\top}",
          statement="A† = UΛ†UᵀAᵀ where AᵀA = UΛUᵀ (by hand: the 'where' clause is not a claim the front end "
                    "could separate); exact at every rank, cross-checked in mpmath and float64")

def diagonals_with_zeros(rng):
    return [sp.diag(*[rng.choice([0, 0, rng.randint(1, 9), _R(rng.randint(1, 9), 7)]) for _ in range(k)])
            for k in (1, 2, 3, 4, 4, 5)] + [sp.zeros(3, 3)]

art.claim("lambda-dagger-rule", Property(lambda L: lambda_dagger_consistency(L).agrees, over=diagonals_with_zeros),
          expect="verified", quote=r"其中$\boldsymbol{\Lambda}^{\dagger}$表示对角线上的元素如果等于零则不变，非零则取倒数",
          statement="the diagonal rule equals lim (ΛᵀΛ + εI)⁻¹Λᵀ for diagonal Λ with zeros")
_LAMBDA_LIMIT = r"\boldsymbol{\Lambda}^{\dagger} = \lim_{\epsilon\to 0}\,(\boldsymbol{\Lambda}^{\top} \boldsymbol{\Lambda} + \epsilon \boldsymbol{I}_r)^{-1}\boldsymbol{\Lambda}^{\top}"
_LAMBDA_FORMULA = _LAMBDA_LIMIT + r" = \text{diag}(\kappa_1,\kappa_2,\cdots,\kappa_n)"
art.latex("lambda-dagger-limit", expect="verified", quote=_LAMBDA_LIMIT, assume={"Lambda": "diagonal"})
art.claim("lambda-dagger-diag-size", WellShaped(example=lambda: {  # Λ from A ∈ R^{3×2}: the limit is 2×2
    "Lambda": sp.diag(4, 0), "limit": lambda_dagger_consistency(sp.diag(4, 0)).limit_value,
    "diag_kappa_n": sp.diag(_R(1, 4), 0, 0)}), expect="refuted", quote=_LAMBDA_FORMULA,
    statement="'= diag(κ₁,…,κ_n)': Λ = diag(λ₁,…,λ_r) and I_r make the left side r×r, the right side is "
              "n×n (n = rows of A ≠ r under r ≪ min(n,m)); Λᵀ = Λ is harmless")

def diagonal_limit(shape):
    """Entry limits λ/(λ² + ε) → 1/λ (λ ≠ 0), 0/ε ≡ 0; (ΛᵀΛ + εI)⁻¹Λᵀ is diagonal r×r for symbolic λ."""
    lam, k = sp.Symbol("lambda", nonzero=True, real=True), shape[0]
    L = sp.diag(*sp.symbols(f"l_1:{k + 1}", real=True))
    R = (L.T * L + eps * sp.eye(k)).inv() * L.T
    return (sp.limit(lam / (lam**2 + eps), eps, 0, "+") == 1 / lam and sp.simplify(0 / eps) == 0
            and R.shape == shape and all(sp.simplify(R[i, j]) == 0 for i in range(k) for j in range(k) if i != j))

art.claim("lambda-dagger-diag-corrected", Proof(diagonal_limit, at=tuple((k, k) for k in range(1, 5))),
          expect="proved", quote=_LAMBDA_FORMULA,
          statement="nearest true statement: = diag(κ₁,…,κ_r) with κᵢ = λᵢ⁻¹ (λᵢ ≠ 0), 0 (λᵢ = 0); each "
                    "diagonal entry λ/(λ² + ε) → 1/λ for λ ≠ 0 symbolic, ≡ 0 for λ = 0; off-diagonal ≡ 0")
art.limit("summary-extension", expr=ridge(A_sq, n), var=eps, claimed=sp.Inverse(A_sq), assume={A_sq: "invertible"},
          expect="verified", quote="这是逆矩阵概念对于非方阵或不可逆方阵的扩展",
          statement="the pseudo-inverse (ε-limit, defined for every A) equals A⁻¹ for invertible A")

if __name__ == "__main__":
    art.main()
