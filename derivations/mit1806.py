"""Derivation check: study notes on MIT 18.06 lecture 34 (left/right inverses, pseudo-inverse).

The notes go from the four fundamental subspaces to the left inverse
(AᵀA)⁻¹Aᵀ and its projection, the right inverse and its projection, the
pseudo-inverse as the inverse of A between row space and column space, Σ⁺ and
A⁺ = VΣ⁺Uᵀ, its agreement with the one-sided inverses, and a closing remark
that integration is the pseudo-inverse of differentiation.

Conventions of this script
--------------------------
* Subspace claims are decided on random exact rational matrices of *every*
  rank at every shape up to 4 x 4 (SymPy ``columnspace``/``nullspace``); the
  numeric legs compare the exact rank with the rank that mpmath and float64
  find.
* SVD claims use exact SVDs A = UΣVᵀ with rational orthogonal U, V
  (``cayley_orthogonal``, drawn from a small cached pool per order because they
  are costly) and σ = (5, 3, 3/2, 1/2)[:r]; the pseudo-inverse they are
  compared with comes from ``pinv_exact`` (a rank-factorization route, no
  SVD), and the three-leg ``cross_check_pinv`` supplies the numeric legs.
* Σ claims with symbolic σᵢ > 0 are proved entrywise at every shape up to
  4 x 4 and every rank (the four Penrose conditions decide Σ⁺, which is unique).
* Where a quote only *defines* a matrix name (A^{-1}_{left} = ..., P = ...),
  the LaTeX front end would read the name as an unrelated free matrix; such
  claims parse the defining expression from the quote with ``parse_latex`` and
  check the property the text attributes to it (left inverse, projection).
"""

from __future__ import annotations

import functools
import random
from typing import Callable, Iterable, NamedTuple, Sequence

import sympy as sp

from derivcheck import (
    Article,
    CheckResult,
    Evidence,
    Pinv,
    Verdict,
    check_argmin,
    check_identity,
    cross_check_pinv,
    matrix_with_singular_values,
    parse_latex,
    pinv_exact,
    random_rational_matrix,
)
from derivcheck.checks.evaluate import ExactBackend, Undefined, evaluate
from derivcheck.checks.instances import Instance
from derivcheck.checks.latex import combine_results
from derivcheck.checks.numeric import numeric_legs
from derivcheck.compare.metrics import exact_rank, numerical_rank
from derivcheck.exact import cayley_orthogonal
from derivcheck.errors import InputShapeError

art = Article(
    "mit1806",
    "MIT 18.06 lecture 34 study notes: left and right inverses, pseudo-inverse",
    "joe, study notes dated 2023-09-10 (after apachecn/mit-18.06-linalg-notes, docs/chapter34.md)",
    filename="mit1806-pseudo-inverse-notes.md",
)

# ---------------------------------------------------------------------------
# helpers: instances, subspaces, results
# ---------------------------------------------------------------------------

#: Shapes of the exact instances; every rank 0..min(m, n) is drawn at each.
SHAPES = ((1, 1), (1, 3), (3, 1), (2, 2), (2, 3), (3, 2), (3, 3), (2, 4), (4, 2), (4, 3), (3, 4), (4, 4))
#: Distinct exact singular values for SVD instances (largest first).
SIGMAS = (sp.Integer(5), sp.Integer(3), sp.Rational(3, 2), sp.Rational(1, 2))

m_, n_ = sp.symbols("m n", integer=True, positive=True)


def _seeds(ctx) -> random.Random:
    return ctx.rng()


def _rank_cases(ctx, keep: Callable[[int, int, int], bool] = lambda m, n, r: True,
                shapes: Sequence[tuple[int, int]] = SHAPES):
    """(m, n, r, A) for every shape and every rank r allowed by *keep*; A exact rational."""
    rng = _seeds(ctx)
    out = []
    for m, n in shapes:
        for r in range(min(m, n) + 1):
            seed = rng.randrange(2**31)
            if keep(m, n, r):
                out.append((m, n, r, random_rational_matrix(m, n, rank=r, seed=seed)))
    return out


class ExactSVD(NamedTuple):
    """A = UΣVᵀ with rational orthogonal U (m x m), V (n x n) and Σ = diag(σ₁ ≥ … ≥ σ_r > 0, 0, …)."""

    A: sp.ImmutableMatrix
    U: sp.ImmutableMatrix
    Sigma: sp.ImmutableMatrix
    V: sp.ImmutableMatrix
    rank: int


#: Rational orthogonal matrices are drawn from a pool of this many per order (they are costly to build).
ORTHOGONAL_POOL = 6


@functools.lru_cache(maxsize=None)
def _orthogonal(order: int, index: int) -> sp.ImmutableMatrix:
    return cayley_orthogonal(order, seed=1000 * order + index)


def _svd_cases(ctx, keep: Callable[[int, int, int], bool] = lambda m, n, r: True,
               shapes: Sequence[tuple[int, int]] = SHAPES):
    """(m, n, r, ExactSVD) for every shape and rank allowed by *keep*; U, V drawn by the claim's seed."""
    rng = _seeds(ctx)
    out = []
    for m, n in shapes:
        for r in range(min(m, n) + 1):
            iu, iv = rng.randrange(ORTHOGONAL_POOL), rng.randrange(ORTHOGONAL_POOL)
            if keep(m, n, r):
                U, V = _orthogonal(m, iu), _orthogonal(n, iv)
                S = sp.ImmutableMatrix(_sigma(m, n, SIGMAS[:r]))
                out.append((m, n, r, ExactSVD(sp.ImmutableMatrix(U * S * V.T), U, S, V, r)))
    return out


try:  # python-flint (the optional "fast" extra) ranks small rational matrices ~10x faster
    import flint as _flint
except ImportError:  # pragma: no cover - without flint, the exact tier's own rank
    _flint = None


def _rank(M: sp.MatrixBase) -> int:
    """Exact rank over QQ (python-flint when installed, else ``exact_rank``)."""
    if 0 in M.shape:
        return 0
    if _flint is not None and all(isinstance(x, sp.Rational) for x in M):
        return _flint.fmpq_mat(M.rows, M.cols, [_flint.fmpq(int(x.p), int(x.q)) for x in M]).rank()
    return exact_rank(M)


def _stack(vectors: list, dim: int) -> sp.Matrix:
    return sp.Matrix.hstack(*vectors) if vectors else sp.zeros(dim, 0)


def col_space(M: sp.MatrixBase) -> sp.Matrix:
    """A basis of C(M) as columns (``M.rows x dim``)."""
    return _stack(sp.Matrix(M).columnspace(), M.rows)


def null_space(M: sp.MatrixBase) -> sp.Matrix:
    """A basis of N(M) as columns (``M.cols x dim``)."""
    return _stack(sp.Matrix(M).nullspace(), M.cols)


def same_space(B1: sp.MatrixBase, B2: sp.MatrixBase) -> bool:
    """Whether the column spans of B1 and B2 are equal."""
    r1, r2 = _rank(B1), _rank(B2)
    return r1 == r2 == _rank(sp.Matrix(B1).row_join(sp.Matrix(B2)))


def in_space(v: sp.MatrixBase, B: sp.MatrixBase) -> bool:
    return _rank(sp.Matrix(B).row_join(sp.Matrix(v))) == _rank(B)


def orthogonal_complements(B1: sp.MatrixBase, B2: sp.MatrixBase, dim: int) -> bool:
    """Whether span(B1) and span(B2) are orthogonal complements in R^dim."""
    orth = (sp.Matrix(B1).T * sp.Matrix(B2)).is_zero_matrix if B1.cols and B2.cols else True
    return bool(orth) and _rank(B1) + _rank(B2) == dim and B1.rows == B2.rows == dim


def projector(B: sp.MatrixBase) -> sp.Matrix:
    """The orthogonal projector onto span(B), from a basis of it (no pseudo-inverse)."""
    basis = col_space(B)
    if basis.cols == 0:
        return sp.zeros(B.rows, B.rows)
    return basis * (basis.T * basis).inv() * basis.T


def _is_orthogonal_projector(P: sp.MatrixBase) -> bool:
    P = sp.Matrix(P)
    return P == P.T and P * P == P


def _rank_legs(mats: Iterable[sp.MatrixBase], dps: int, limit: int = 4) -> tuple[list[Evidence], bool]:
    """mpmath and float64 ranks versus the exact rank of a few matrices."""
    rows, ok = [], True
    for M in list(mats)[:limit]:
        if 0 in M.shape:
            continue
        r = _rank(M)
        r_mp = numerical_rank(M, "mpmath", dps=dps)
        r_64 = numerical_rank(M, "float64")
        ok = ok and r == r_mp == r_64
        rows.append(f"{M.rows}x{M.cols}: exact {r}, mpmath {r_mp}, float64 {r_64}")
    ev = [Evidence("mpmath+float64", "numerical ranks agree with the exact ranks" if ok
                   else "a numerical rank disagrees with the exact rank",
                   (("matrices", len(rows)), ("ranks", "; ".join(rows)), ("agree", ok)))]
    return ev, ok


def _pinv_legs(mats: Iterable[sp.MatrixBase], dps: int, limit: int = 3) -> tuple[list[Evidence], bool]:
    """Three-leg cross-check (exact / mpmath / float64) of A⁺ for a few matrices."""
    ev, ok = [], True
    for M in list(mats)[:limit]:
        if 0 in M.shape:
            continue
        outcome = cross_check_pinv(M, dps=dps)
        ok = ok and outcome.agree
        ev.append(Evidence("mpmath+float64", f"A⁺ of a {M.rows}x{M.cols} rank-{_rank(M)} matrix: "
                           f"{outcome.status.value} (κ = {outcome.kappa:.3g})",
                           (("status", outcome.status.value), ("kappa", float(outcome.kappa)))))
    return ev, ok


def _decide(statement: str, checked: int, failures: list, *, evidence: Sequence[Evidence] = (),
            legs_ok: bool = True, proved: bool = False, what: str = "instances") -> CheckResult:
    """Verdict from exact per-instance outcomes: refuted at the first failure, else verified/proved.

    *failures* holds ``(description, counterexample dict)`` pairs.
    """
    if failures:
        desc, cex = failures[0]
        ev = Evidence("exact", f"{len(failures)} of {checked} {what} fail; first: {desc}",
                      (("checked", checked), ("failures", len(failures))))
        return CheckResult(Verdict.REFUTED, statement, "", (ev, *evidence), cex)
    ev = Evidence("exact", f"holds exactly at all {checked} {what}", (("checked", checked),))
    if not legs_ok:
        return CheckResult(Verdict.INCONSISTENT, statement, "", (ev, *evidence),
                           where="a numeric leg disagrees with the exact leg")
    return CheckResult(Verdict.PROVED if proved else Verdict.VERIFIED, statement, "", (ev, *evidence))


def _for_all_ranks(ctx, statement: str, predicate, *, keep=lambda m, n, r: True,
                   shapes=SHAPES) -> CheckResult:
    """Decide ``predicate(m, n, r, A) -> (ok, detail)`` on every shape and rank; rank legs."""
    cases = _rank_cases(ctx, keep, shapes)
    failures = []
    for m, n, r, A in cases:
        ok, detail = predicate(m, n, r, A)
        if not ok:
            failures.append((f"{m}x{n} rank {r}: {detail}", {"A": A}))
    ev, legs_ok = _rank_legs([A for *_, A in cases if _rank(A) not in (0,)][::3], ctx.dps)
    profiles = len(cases)
    return _decide(statement, profiles, failures, evidence=ev, legs_ok=legs_ok,
                   what="(shape, rank) instances")


def _dims_of(values: dict) -> dict:
    dims = {}
    for sym, M in values.items():
        for d, v in zip(sym.shape, M.shape):
            if isinstance(d, sp.Symbol):
                if dims.setdefault(d, v) != v:
                    raise InputShapeError(sym.name, M.shape, "conflicting dimension values",
                                          "give matrices of consistent shapes")
    return dims


def _identity_at(statement: str, lhs, rhs, cases: list[dict], ctx, *, legs: int = 2) -> CheckResult:
    """Decide lhs = rhs at explicit exact instances ``{MatrixSymbol: Matrix}``; numeric legs on a few."""
    failures, checked = [], 0
    for values in cases:
        dims = _dims_of(values)
        checked += 1
        try:
            lv = evaluate(lhs, values, ExactBackend(), dims=dims)
            rv = evaluate(rhs, values, ExactBackend(), dims=dims)
        except Undefined as exc:
            failures.append((f"undefined: {exc.what}", {s.name: M for s, M in values.items()}))
            continue
        if sp.Matrix(lv) != sp.Matrix(rv):
            shape = "x".join(str(k) for k in next(iter(values.values())).shape)
            failures.append((f"sides differ at an instance with a {shape} first matrix: "
                             f"lhs - rhs = {sp.sstr(sp.Matrix(lv) - sp.Matrix(rv))}",
                             {s.name: M for s, M in values.items()}))
    evidence, ok = [], True
    if not failures:
        for values in [v for v in cases if all(0 not in M.shape for M in v.values())][:legs]:
            inst = Instance(dims=tuple(_dims_of(values).items()),
                            matrices=tuple(sorted(values.items(), key=lambda kv: kv[0].name)),
                            scalars=(), ranks=tuple((s.name, _rank(M)) for s, M in values.items()))
            leg = numeric_legs(lhs, rhs, inst, dps=ctx.dps, expect_equal=True)
            ok = ok and all(dict(e.details).get("within_bound", True) for e in leg)
            evidence.extend(leg)
    return _decide(statement, checked, failures, evidence=evidence, legs_ok=ok)


def _latex_expr(formula: str, shapes=None):
    """Parse an expression (or an equation) straight from the article's LaTeX."""
    return parse_latex(formula, shapes=shapes)


def _sigma(m: int, n: int, values: Sequence) -> sp.Matrix:
    S = sp.zeros(m, n)
    for i, s in enumerate(values):
        S[i, i] = s
    return S


def _sigma_pinv_pattern(m: int, n: int, values: Sequence) -> sp.Matrix:
    """The article's Σ⁺: n x m, 1/σᵢ on the diagonal for the nonzero σᵢ, zeros elsewhere."""
    X = sp.zeros(n, m)
    for i, s in enumerate(values):
        X[i, i] = 1 / s
    return X


def _penrose_holds(S: sp.MatrixBase, X: sp.MatrixBase) -> bool:
    """The four Penrose conditions, decided entrywise with rational-function cancellation."""
    def zero(M):
        return all(sp.cancel(e) == 0 for e in M)
    SX, XS = S * X, X * S
    return zero(SX * S - S) and zero(XS * X - X) and zero(SX.T - SX) and zero(XS.T - XS)


def _symbolic_sigma_cases(keep=lambda m, n, r: True):
    """(m, n, r, σ symbols, Σ, claimed Σ⁺) with σᵢ positive symbols, at every shape and rank."""
    out = []
    for m, n in SHAPES:
        for r in range(min(m, n) + 1):
            if keep(m, n, r):
                s = sp.symbols(f"sigma_1:{r + 1}", positive=True) if r else ()
                out.append((m, n, r, s, _sigma(m, n, s), _sigma_pinv_pattern(m, n, s)))
    return out


def _block_identity(size: int, r: int) -> sp.Matrix:
    """``[[I_r, 0], [0, 0]]`` of the given size."""
    M = sp.zeros(size, size)
    for i in range(r):
        M[i, i] = 1
    return M


# ---------------------------------------------------------------------------
# Section 1: inverses and the four subspaces
# ---------------------------------------------------------------------------

art.latex("inverse-square", quote=r"A^{-1}A=I=AA^{-1}", expect="proved", assume={"A": "invertible"})


@art.claim("colspace-dim", quote=r"C(A)\in\mathbb{R}^m,\ \dim C(A)=r", expect="verified",
           statement="C(A) is a subspace of R^m ('∈' read as '⊆') of dimension r = rank A")
def _(ctx):
    return _for_all_ranks(ctx, "C(A) ⊆ R^m, dim C(A) = r",
                          lambda m, n, r, A: (col_space(A).rows == m and _rank(col_space(A)) == r,
                                              f"dim C(A) = {_rank(col_space(A))}"))


@art.claim("leftnull-dim", quote=r"N\left(A^T\right)\in\mathbb{R}^m,\ \dim N\left(A^T\right)=m-r",
           expect="verified", statement="N(Aᵀ) is a subspace of R^m of dimension m − r")
def _(ctx):
    def pred(m, n, r, A):
        B = null_space(A.T)
        return B.rows == m and _rank(B) == m - r and (A.T * B).is_zero_matrix is not False, \
            f"dim N(Aᵀ) = {_rank(B)}"
    return _for_all_ranks(ctx, "N(Aᵀ) ⊆ R^m, dim N(Aᵀ) = m − r", pred)


@art.claim("col-leftnull-complement", quote="列空间与左零空间互为正交补", expect="verified",
           statement="C(A) and N(Aᵀ) are orthogonal complements in R^m")
def _(ctx):
    return _for_all_ranks(ctx, "C(A) ⊥ N(Aᵀ) and dim C(A) + dim N(Aᵀ) = m",
                          lambda m, n, r, A: (orthogonal_complements(col_space(A), null_space(A.T), m),
                                              "not orthogonal complements"))


@art.claim("rowspace-dim", quote=r"C\left(A^T\right)\in\mathbb{R}^n,\ \dim C\left(A^T\right)=r",
           expect="verified", statement="C(Aᵀ) is a subspace of R^n of dimension r")
def _(ctx):
    return _for_all_ranks(ctx, "C(Aᵀ) ⊆ R^n, dim C(Aᵀ) = r",
                          lambda m, n, r, A: (col_space(A.T).rows == n and _rank(col_space(A.T)) == r,
                                              f"dim C(Aᵀ) = {_rank(col_space(A.T))}"))


@art.claim("null-dim", quote=r"N(A)\in\mathbb{R}^n,\ \dim N(A)=n-r", expect="verified",
           statement="N(A) is a subspace of R^n of dimension n − r")
def _(ctx):
    def pred(m, n, r, A):
        B = null_space(A)
        return B.rows == n and _rank(B) == n - r and (A * B).is_zero_matrix is not False, \
            f"dim N(A) = {_rank(B)}"
    return _for_all_ranks(ctx, "N(A) ⊆ R^n, dim N(A) = n − r", pred)


@art.claim("row-null-complement", quote="行空间与零空间互为正交补", expect="verified",
           statement="C(Aᵀ) and N(A) are orthogonal complements in R^n")
def _(ctx):
    return _for_all_ranks(ctx, "C(Aᵀ) ⊥ N(A) and dim C(Aᵀ) + dim N(A) = n",
                          lambda m, n, r, A: (orthogonal_complements(col_space(A.T), null_space(A), n),
                                              "not orthogonal complements"))


def _nullity_table(ctx):
    """(m, n, r, A, dim N(A), dim N(Aᵀ)) for every shape up to 4 x 4 and every rank."""
    shapes = [(m, n) for m in range(1, 5) for n in range(1, 5)]
    return [(m, n, r, A, _rank(null_space(A)), _rank(null_space(A.T)))
            for m, n, r, A in _rank_cases(ctx, shapes=shapes)]


@art.claim("case-list-union", quote=r"$m=r<n$或者$n=r<m$或$r<m,r<m$", expect="verified",
           statement="the union of the listed conditions (m=r<n) or (n=r<m) or (r<m and r<m), as "
                     "written, is exactly when N(A) and N(Aᵀ) are not both {0}")
def _(ctx):
    failures, rows = [], _nullity_table(ctx)
    for m, n, r, A, kA, kAt in rows:
        written = (m == r < n) or (n == r < m) or (r < m and r < m)
        actual = kA > 0 or kAt > 0
        if written != actual:
            failures.append((f"{m}x{n} rank {r}: listed {written}, nullspaces nonzero {actual}", {"A": A}))
    return _decide("(m=r<n) ∨ (n=r<m) ∨ (r<m ∧ r<m)  ⇔  N(A) ≠ {0} ∨ N(Aᵀ) ≠ {0}", len(rows), failures,
                   what="(m, n, r) instances")


@art.claim("case-list-third-case", quote=r"$r<m,r<m$", expect="refuted",
           statement="the third listed case 'r<m, r<m' is the fourth case of Section 4 (A neither full "
                     "column nor full row rank: both N(A) and N(Aᵀ) nonzero), disjoint from n=r<m")
def _(ctx):
    failures, rows = [], _nullity_table(ctx)
    for m, n, r, A, kA, kAt in rows:
        written = r < m and r < m
        both = kA > 0 and kAt > 0
        if written != both:
            failures.append((f"{m}x{n} rank {r} satisfies 'r<m, r<m' = {written} but both nullspaces "
                             f"nonzero = {both} (dim N(A) = {kA}, dim N(Aᵀ) = {kAt})", {"A": A}))
    return _decide("(r<m ∧ r<m) ⇔ N(A) ≠ {0} ∧ N(Aᵀ) ≠ {0}", len(rows), failures, what="(m, n, r) instances")


@art.claim("case-list-third-case-corrected",
           quote=r"r<m,n，即矩阵的秩小于矩阵的行和列，此时零空间N(A) 和左零空间 N(A^{T}) 都不为零",
           expect="verified", statement="r<m and r<n ⇔ N(A) ≠ {0} and N(Aᵀ) ≠ {0} (the general case)")
def _(ctx):
    failures, rows = [], _nullity_table(ctx)
    for m, n, r, A, kA, kAt in rows:
        if (r < m and r < n) != (kA > 0 and kAt > 0):
            failures.append((f"{m}x{n} rank {r}", {"A": A}))
    return _decide("(r<m ∧ r<n) ⇔ N(A) ≠ {0} ∧ N(Aᵀ) ≠ {0}", len(rows), failures, what="(m, n, r) instances")


@art.claim("general-case-not-recoverable", quote=r"\vec{x} 和 \vec{b} 都不可能被还原", expect="verified",
           statement="for r<m, r<n: x is not determined by Ax (some x' ≠ x has Ax' = Ax) and b is not "
                     "determined by A⁺b (some b' ≠ b has A⁺b' = A⁺b)")
def _(ctx):
    def pred(m, n, r, A):
        z, e = null_space(A), null_space(pinv_exact(A))
        if z.cols == 0 or e.cols == 0:
            return False, "a nullspace is {0}"
        x = sp.Matrix([k + 1 for k in range(n)])
        b = sp.Matrix([k - 1 for k in range(m)])
        ok = A * (x + z[:, 0]) == A * x and pinv_exact(A) * (b + e[:, 0]) == pinv_exact(A) * b
        return ok, "recovered"
    return _for_all_ranks(ctx, "∃x'≠x: Ax'=Ax and ∃b'≠b: A⁺b'=A⁺b when r<m, r<n", pred,
                          keep=lambda m, n, r: r < m and r < n)


@art.claim("rowspace-colspace-bijection", quote=r"行空间 \vec{x_{r}} 和列空间 \vec{p} 之间是存在一一对应的",
           expect="verified", statement="A maps C(Aᵀ) one-to-one onto C(A), with inverse A⁺ on C(A)")
def _(ctx):
    def pred(m, n, r, A):
        R = col_space(A.T)
        image = A * R if R.cols else sp.zeros(m, 0)
        one_to_one = _rank(image) == R.cols
        onto = same_space(image, col_space(A)) if R.cols else col_space(A).cols == 0
        back = (pinv_exact(A) * image == R) if R.cols else True
        return one_to_one and onto and back, f"injective {one_to_one}, onto {onto}, A⁺ inverts {back}"
    return _for_all_ranks(ctx, "A|C(Aᵀ): C(Aᵀ) → C(A) bijective, A⁺A = id on C(Aᵀ)", pred)


# ---------------------------------------------------------------------------
# Section 2: the left inverse and the projection onto C(A)
# ---------------------------------------------------------------------------

A_mn = sp.MatrixSymbol("A", m_, n_)
b_m = sp.MatrixSymbol("b", m_, 1)


@art.claim("ata-full-rank", quote=r"$A$列满秩时候的情形，那么我们会发现$A^TA$是满秩的", expect="verified",
           statement="A of full column rank ⇒ AᵀA (n x n) has rank n")
def _(ctx):
    return _for_all_ranks(ctx, "rank A = n ⇒ rank AᵀA = n",
                          lambda m, n, r, A: (_rank(A.T * A) == n, f"rank AᵀA = {_rank(A.T * A)}"),
                          keep=lambda m, n, r: r == n)


art.identity("left-inverse-property", quote=r"\underbrace{\left(A^TA\right)^{-1}A^T}A=I",
             lhs=sp.MatMul(sp.Inverse(A_mn.T * A_mn), A_mn.T, A_mn), rhs=sp.Identity(n_),
             assume={A_mn: "full column rank"}, expect="proved",
             statement="((AᵀA)⁻¹Aᵀ)A = I_n for A of full column rank (transcribed by hand: the LaTeX "
                       "front end does not read \\underbrace)")


@art.claim("left-inverse-def", quote=r"A^{-1}_{left}=\left(A^TA\right)^{-1}A^T", expect="verified",
           statement="the defined (AᵀA)⁻¹Aᵀ (parsed from the quote) is a left inverse of A and is the "
                     "left inverse A⁺, for A of full column rank; the front end would read A^{-1}_{left} "
                     "as an unrelated free matrix, so the defining property is checked")
def _(ctx):
    parsed = _latex_expr(r"\left(A^TA\right)^{-1}A^T")
    L, A = parsed.tree, parsed.matrices["A"]
    one = check_identity(sp.MatMul(L, A), sp.Identity(A.shape[1]), assume={A: "full column rank"},
                         seed=ctx.seed, dps=ctx.dps)
    two = check_identity(L, Pinv(A), assume={A: "full column rank"}, seed=ctx.seed, dps=ctx.dps)
    return combine_results([one, two], "L A = I and L = A⁺ for L = (AᵀA)⁻¹Aᵀ", "")


@art.claim("least-squares-xhat", quote=r"\hat x=\left(A^TA\right)^{-1}A^Tb", expect="verified",
           statement="x̂ = (AᵀA)⁻¹Aᵀb (parsed from the quote) minimizes ‖Ax − b‖², i.e. Ax̂ is the "
                     "projection of b onto C(A); A of full column rank")
def _(ctx):
    parsed = _latex_expr(r"\left(A^TA\right)^{-1}A^Tb")
    A, b = parsed.matrices["A"], parsed.matrices["b"]
    x = sp.MatrixSymbol("x", A.shape[1], 1)
    r = A * x - b
    return check_argmin(sp.Trace(r.T * r), x, parsed.tree, assume={A: "full column rank"}, seed=ctx.seed)


def _projection_checks(P, target, A, assume, ctx, label):
    parts = [check_identity(P, target, assume={A: assume}, seed=ctx.seed, dps=ctx.dps),
             check_identity(sp.MatMul(P, P), P, assume={A: assume}, seed=ctx.seed, dps=ctx.dps),
             check_identity(sp.Transpose(P), P, assume={A: assume}, seed=ctx.seed, dps=ctx.dps)]
    return combine_results(parts, f"{label}: P = projector, P² = P, Pᵀ = P", "")


@art.claim("proj-col-formula", quote=r"P=A\left(A^TA\right)^{-1}A^T", expect="verified",
           statement="P = A(AᵀA)⁻¹Aᵀ = A·(left inverse) (parsed from the quote) is the orthogonal projector "
                     "onto C(A): P = AA⁺, P² = P, Pᵀ = P, for A of full column rank")
def _(ctx):
    parsed = _latex_expr(r"A\left(A^TA\right)^{-1}A^T")
    A = parsed.matrices["A"]
    return _projection_checks(parsed.tree, sp.MatMul(A, Pinv(A)), A, "full column rank", ctx,
                              "P = A(AᵀA)⁻¹Aᵀ")


@art.claim("p-shape", quote=r"p=A\hat x=A\left(A^TA\right)^{-1}A^T", expect="refuted",
           statement="the chain p = Ax̂ = A(AᵀA)⁻¹Aᵀ as written (b missing) equates the m x 1 vector Ax̂ "
                     "with the m x m matrix A(AᵀA)⁻¹Aᵀ")
def _(ctx):
    formula = r"p=A\hat x=A\left(A^TA\right)^{-1}A^T"
    try:
        parse_latex(formula)
        parser_note = "the LaTeX front end accepts the shapes"
    except InputShapeError as exc:
        parser_note = f"the LaTeX front end's shape inference rejects it: {exc.rule}"
    failures, checked = [], 0
    for m, n, r, A in _rank_cases(ctx, keep=lambda m, n, r: r == n and m > 1):
        checked += 1
        xhat = (A.T * A).inv() * A.T * sp.Matrix([1] * m)
        lhs, rhs = A * xhat, A * (A.T * A).inv() * A.T
        if lhs.shape != rhs.shape:
            failures.append((f"A {m}x{n}: Ax̂ is {lhs.shape[0]}x{lhs.shape[1]}, A(AᵀA)⁻¹Aᵀ is "
                             f"{rhs.shape[0]}x{rhs.shape[1]}", {"A": A}))
    return _decide("Ax̂ and A(AᵀA)⁻¹Aᵀ have equal shapes", checked, failures,
                   evidence=(Evidence("symbolic", parser_note),), what="full-column-rank instances")


@art.claim("p-shape-corrected", quote=r"p=A\hat x=A\left(A^TA\right)^{-1}A^T", expect="verified",
           statement="with the missing b: p = Ax̂ = A(AᵀA)⁻¹Aᵀb = AA⁺b, the projection of b onto C(A)")
def _(ctx):
    A, b = A_mn, b_m
    xhat = sp.MatMul(sp.Inverse(A.T * A), A.T, b)
    one = check_identity(sp.MatMul(A, xhat), sp.MatMul(A, Pinv(A), b), assume={A: "full column rank"},
                         seed=ctx.seed, dps=ctx.dps)
    return one


@art.claim("proj-col-action", quote=r"它将右乘的向量$b$投影在矩阵$A$的列空间中", expect="verified",
           statement="for A of full column rank and any b: Pb ∈ C(A) and b − Pb ⊥ C(A)")
def _(ctx):
    rng = _seeds(ctx)

    def pred(m, n, r, A):
        b = sp.Matrix([rng.randint(-9, 9) for _ in range(m)])
        P = A * (A.T * A).inv() * A.T
        return in_space(P * b, A) and (A.T * (b - P * b)).is_zero_matrix, "Pb not the orthogonal projection"
    return _for_all_ranks(ctx, "Pb ∈ C(A), Aᵀ(b − Pb) = 0", pred, keep=lambda m, n, r: r == n)


@art.claim("aat-shape", quote=r"再来观察$AA^T$矩阵，这是一个$m\times m$矩阵", expect="proved",
           statement="AAᵀ of an m x n matrix A is m x m (shape inference on the parsed AA^T)")
def _(ctx):
    shape = _latex_expr("AA^T", shapes={"A": ("m", "n")}).tree.shape
    ok = tuple(str(d) for d in shape) == ("m", "m")
    return CheckResult(Verdict.PROVED if ok else Verdict.REFUTED, "shape(AAᵀ) = (m, m)", "",
                       (Evidence("symbolic", f"shape of AAᵀ with A m x n: {shape}"),))


@art.claim("aat-rank", quote=r"rank(AA^T)=n<m", expect="verified",
           statement="for a rectangular (m > n) A of full column rank: rank(AAᵀ) = n < m")
def _(ctx):
    return _for_all_ranks(ctx, "rank(AAᵀ) = n < m",
                          lambda m, n, r, A: (_rank(A * A.T) == n < m, f"rank AAᵀ = {_rank(A * A.T)}"),
                          keep=lambda m, n, r: r == n < m)


@art.claim("aat-singular", quote=r"也就是说$AA^T$是不可逆的", expect="verified",
           statement="for a rectangular (m > n) A of full column rank, det(AAᵀ) = 0")
def _(ctx):
    return _for_all_ranks(ctx, "det(AAᵀ) = 0", lambda m, n, r, A: ((A * A.T).det() == 0, "AAᵀ invertible"),
                          keep=lambda m, n, r: r == n < m)


# ---------------------------------------------------------------------------
# Section 3: the right inverse and the projection onto C(Aᵀ)
# ---------------------------------------------------------------------------

def _invertible_iff(ctx, statement):
    return _for_all_ranks(ctx, statement,
                          lambda m, n, r, A: (((A.T * A).det() != 0) == (r == n),
                                              f"det AᵀA = {(A.T * A).det()}, rank {r}"))


@art.claim("left-inverse-needs-full-column-rank", quote=r"当然这是$A$是列满秩的时候才成立的",
           expect="verified", statement="(AᵀA)⁻¹ exists exactly when A has full column rank (every rank)")
def _(ctx):
    return _invertible_iff(ctx, "AᵀA invertible ⇔ rank A = n")


@art.claim("transpose-full-column-rank", quote=r"如果$A$是行满秩的时候，那么$A^T$就是列满秩了",
           expect="verified", statement="rank A = m ⇒ Aᵀ (n x m) has full column rank m")
def _(ctx):
    return _for_all_ranks(ctx, "rank A = m ⇒ rank Aᵀ = m", lambda m, n, r, A: (_rank(A.T) == m, "rank drop"),
                          keep=lambda m, n, r: r == m)


@art.claim("transposed-left-inverse", quote=r"A^{T^{-1}}_{left}=\left(AA^T\right)^{-1}A", expect="verified",
           statement="(AAᵀ)⁻¹A (parsed from the quote) is a left inverse of Aᵀ and equals (Aᵀ)⁺, for A of "
                     "full row rank (by hand: the front end does not read ^{T^{-1}})")
def _(ctx):
    parsed = _latex_expr(r"\left(AA^T\right)^{-1}A")
    L, A = parsed.tree, parsed.matrices["A"]
    one = check_identity(sp.MatMul(L, A.T), sp.Identity(A.shape[0]), assume={A: "full row rank"},
                         seed=ctx.seed, dps=ctx.dps)
    two = check_identity(L, Pinv(A.T), assume={A: "full row rank"}, seed=ctx.seed, dps=ctx.dps)
    return combine_results([one, two], "((AAᵀ)⁻¹A)Aᵀ = I and (AAᵀ)⁻¹A = (Aᵀ)⁺", "")


art.latex("right-derivation-left-of-transpose", quote=r"\left(AA^T\right)^{-1}AA^T=I", expect="proved",
          assume={"A": "full row rank"})


@art.claim("right-derivation-transpose-step",
           quote=r"\stackrel{取转置}{\rightarrow}A\underbrace{A^T(AA^T)^{-1}}=I", expect="proved",
           statement="transposing (AAᵀ)⁻¹AAᵀ = I gives AAᵀ(AAᵀ)⁻¹ = I (AAᵀ symmetric), A full row rank "
                     "(by hand: the front end does not read \\stackrel or \\underbrace)")
def _(ctx):
    A = A_mn
    before = sp.MatMul(sp.Inverse(A * A.T), A, A.T)
    after = sp.MatMul(A, A.T, sp.Inverse(A * A.T))
    step = check_identity(sp.Transpose(before), after, assume={A: "full row rank"}, seed=ctx.seed, dps=ctx.dps)
    result = check_identity(after, sp.Identity(m_), assume={A: "full row rank"}, seed=ctx.seed, dps=ctx.dps)
    return combine_results([step, result], "((AAᵀ)⁻¹AAᵀ)ᵀ = AAᵀ(AAᵀ)⁻¹ = I", "")


@art.claim("right-inverse-as-written", quote=r"A^{-1}_{right}=A^T\left(AA^T\right)", expect="refuted",
           statement="the right inverse as written, R = Aᵀ(AAᵀ) (parsed from the quote; the inverse is "
                     "missing), satisfies A R = I for A of full row rank")
def _(ctx):
    parsed = _latex_expr(r"A^T\left(AA^T\right)")
    R, A = parsed.tree, parsed.matrices["A"]
    return check_identity(sp.MatMul(A, R), sp.Identity(A.shape[0]), assume={A: "full row rank"},
                          seed=ctx.seed, dps=ctx.dps)


@art.claim("right-inverse-as-written-corrected", quote=r"A^{-1}_{right}=A^{T}(AA^{T})^{-1}", expect="verified",
           statement="R = Aᵀ(AAᵀ)⁻¹ (parsed from the later, correct quote) satisfies A R = I and R = A⁺ "
                     "for A of full row rank")
def _(ctx):
    parsed = _latex_expr(r"A^{T}(AA^{T})^{-1}")
    R, A = parsed.tree, parsed.matrices["A"]
    one = check_identity(sp.MatMul(A, R), sp.Identity(A.shape[0]), assume={A: "full row rank"},
                         seed=ctx.seed, dps=ctx.dps)
    two = check_identity(R, Pinv(A), assume={A: "full row rank"}, seed=ctx.seed, dps=ctx.dps)
    return combine_results([one, two], "A·Aᵀ(AAᵀ)⁻¹ = I and Aᵀ(AAᵀ)⁻¹ = A⁺", "")


@art.claim("proj-row-as-written", quote=r"P=A^T\left(AA^T\right)A", expect="refuted",
           statement="P = Aᵀ(AAᵀ)A as written (parsed from the quote) is the orthogonal projector onto "
                     "C(Aᵀ): P = A⁺A, P² = P, Pᵀ = P, for A of full row rank")
def _(ctx):
    parsed = _latex_expr(r"A^T\left(AA^T\right)A")
    A = parsed.matrices["A"]
    return _projection_checks(parsed.tree, sp.MatMul(Pinv(A), A), A, "full row rank", ctx, "P = Aᵀ(AAᵀ)A")


@art.claim("proj-row-as-written-corrected", quote=r"P=A^T\left(AA^T\right)A", expect="verified",
           statement="with the inverse restored, P = Aᵀ(AAᵀ)⁻¹A = A⁺A is the orthogonal projector onto "
                     "C(Aᵀ), for A of full row rank")
def _(ctx):
    A = A_mn
    P = sp.MatMul(A.T, sp.Inverse(A * A.T), A)
    return _projection_checks(P, sp.MatMul(Pinv(A), A), A, "full row rank", ctx, "P = Aᵀ(AAᵀ)⁻¹A")


@art.claim("proj-row-is-swap", quote=r"这个矩阵的$A$全部变为$A^T$了", expect="refuted",
           statement="the written second projection Aᵀ(AAᵀ)A is the first, A(AᵀA)⁻¹Aᵀ, with every A "
                     "replaced by Aᵀ (both parsed from the quotes; A full row rank)")
def _(ctx):
    first = _latex_expr(r"A\left(A^TA\right)^{-1}A^T")
    second = _latex_expr(r"A^T\left(AA^T\right)A")
    A = first.matrices["A"]
    swapped = first.tree.xreplace({A: A.T})
    second_tree = second.tree.xreplace({second.matrices["A"]: A})
    return check_identity(swapped, second_tree, assume={A: "full row rank"}, seed=ctx.seed, dps=ctx.dps)


@art.claim("proj-row-is-swap-corrected", quote=r"这个矩阵的$A$全部变为$A^T$了", expect="verified",
           statement="replacing A by Aᵀ in A(AᵀA)⁻¹Aᵀ gives Aᵀ(AAᵀ)⁻¹A = A⁺A (A full row rank)")
def _(ctx):
    first = _latex_expr(r"A\left(A^TA\right)^{-1}A^T")
    A = first.matrices["A"]
    swapped = first.tree.xreplace({A: A.T})
    return check_identity(swapped, sp.MatMul(Pinv(A), A), assume={A: "full row rank"}, seed=ctx.seed,
                          dps=ctx.dps)


def _row_projection_action(ctx, P_of):
    rng = _seeds(ctx)

    def pred(m, n, r, A):
        b = sp.Matrix([rng.randint(-9, 9) for _ in range(n)])
        Pb = P_of(A) * b
        ok = in_space(Pb, A.T) and (A * (b - Pb)).is_zero_matrix
        return ok, f"b = {list(b)}: b − Pb = {list(b - Pb)} is not orthogonal to C(Aᵀ)"
    return _for_all_ranks(ctx, "Pb ∈ C(Aᵀ) and A(b − Pb) = 0", pred, keep=lambda m, n, r: r == m)


@art.claim("proj-row-action", quote=r"所以这是一个能够将右乘的向量$b$投影在$A$的行空间中", expect="refuted",
           statement="the written P = Aᵀ(AAᵀ)A maps b to its orthogonal projection onto C(Aᵀ) "
                     "(A full row rank)")
def _(ctx):
    return _row_projection_action(ctx, lambda A: A.T * (A * A.T) * A)


@art.claim("proj-row-action-corrected", quote=r"所以这是一个能够将右乘的向量$b$投影在$A$的行空间中",
           expect="verified", statement="P = Aᵀ(AAᵀ)⁻¹A maps b to its orthogonal projection onto C(Aᵀ)")
def _(ctx):
    return _row_projection_action(ctx, lambda A: A.T * (A * A.T).inv() * A)


# ---------------------------------------------------------------------------
# Section 4: A between row space and column space; the pseudo-inverse
# ---------------------------------------------------------------------------

@art.claim("ax-in-colspace", quote=r"乘上$A$后结果$Ax$一定落在矩阵$A$的列空间$C(A)$中", expect="verified",
           statement="Ax ∈ C(A) for every x")
def _(ctx):
    rng = _seeds(ctx)
    return _for_all_ranks(ctx, "Ax ∈ C(A)",
                          lambda m, n, r, A: (in_space(A * sp.Matrix([rng.randint(-9, 9) for _ in range(n)]),
                                                       col_space(A)), "Ax outside C(A)"))


@art.claim("ax-shapes", quote=r"x\in\mathbb{R}^n,\ Ax\in\mathbb{R}^m", expect="proved",
           statement="x ∈ R^n and Ax ∈ R^m are consistent exactly for an m x n matrix A (shape inference "
                     "of the parsed declarations; check_latex has no equation to check here)")
def _(ctx):
    parsed = _latex_expr(r"x\in\mathbb{R}^n,\ Ax\in\mathbb{R}^m")
    shape = tuple(str(d) for d in parsed.shapes["A"])
    ok = shape == ("m", "n")
    return CheckResult(Verdict.PROVED if ok else Verdict.REFUTED, "x ∈ R^n, Ax ∈ R^m ⇒ A is m x n", "",
                       (Evidence("symbolic", f"inferred shape of A: {shape}"),))


@art.claim("rowspace-to-colspace-r-dim", quote=r"也就是$\mathbb{R}^n$的$r$维子空间到$\mathbb{R}^m$的$r$维子空间的映射",
           expect="verified", statement="A restricted to C(Aᵀ) (r-dim in R^n) is a bijection onto C(A) "
                                        "(r-dim in R^m)")
def _(ctx):
    def pred(m, n, r, A):
        R, C = col_space(A.T), col_space(A)
        dims = R.rows == n and C.rows == m and _rank(R) == r == _rank(C)
        bij = (r == 0) or (_rank(A * R) == r and same_space(A * R, C))
        return dims and bij, "not an r-dimensional bijection"
    return _for_all_ranks(ctx, "A: C(Aᵀ) → C(A) bijective, both of dimension r", pred)


@art.claim("rn-union-literal", quote=r"这样$\mathbb{R}^n$空间的所有向量都包含在行空间与零空间中", expect="refuted",
           statement="read literally, every x ∈ R^n lies in the row space or in the null space "
                     "(C(Aᵀ) ∪ N(A) = R^n), for A not of full rank as in Section 4")
def _(ctx):
    def pred(m, n, r, A):
        R, Z = col_space(A.T), null_space(A)
        x = (R[:, 0] if R.cols else sp.zeros(n, 1)) + (Z[:, 0] if Z.cols else sp.zeros(n, 1))
        ok = in_space(x, R) or in_space(x, Z)
        return ok, f"x = {list(x)} (row-space part + null-space part) lies in neither"
    return _for_all_ranks(ctx, "C(Aᵀ) ∪ N(A) = R^n", pred, keep=lambda m, n, r: r < min(m, n))


@art.claim("rn-union-literal-corrected", quote=r"所有向量都能由行空间的分量和零空间的分量构成，变换将零空间的分量消除",
           expect="verified", statement="R^n = C(Aᵀ) ⊕ N(A): every x = x_r + x_n uniquely, and Ax = Ax_r")
def _(ctx):
    rng = _seeds(ctx)

    def pred(m, n, r, A):
        R, Z = col_space(A.T), null_space(A)
        basis = R.row_join(Z)
        if basis.shape != (n, n) or basis.det() == 0:
            return False, "not a direct sum"
        x = sp.Matrix([rng.randint(-9, 9) for _ in range(n)])
        c = basis.solve(x)
        xr = R * c[:r, :] if r else sp.zeros(n, 1)
        return A * x == A * xr and (A * (x - xr)).is_zero_matrix, "Ax ≠ Ax_r"
    return _for_all_ranks(ctx, "R^n = C(Aᵀ) ⊕ N(A), Ax = Ax_r", pred)


@art.claim("rowspace-maps-onto-colspace", quote=r"但如果我们只看行空间中的向量，那就全部变换到列空间中了",
           expect="verified", statement="A(C(Aᵀ)) = C(A)")
def _(ctx):
    return _for_all_ranks(ctx, "A C(Aᵀ) = C(A)",
                          lambda m, n, r, A: (r == 0 or same_space(A * col_space(A.T), col_space(A)),
                                              "image of the row space ≠ C(A)"))


@art.claim("injective-informal", quote=r"在行空间中任取两个向量$x,\ y\in C(A^T)$，则有$Ax\neq Ay$",
           expect="refuted", statement="as written (no x ≠ y): for any two x, y ∈ C(Aᵀ), Ax ≠ Ay")
def _(ctx):
    def pred(m, n, r, A):
        x = col_space(A.T)[:, 0] if r else sp.zeros(n, 1)
        y = x
        return A * x != A * y, f"x = y = {list(x)} ∈ C(Aᵀ) gives Ax = Ay"
    return _for_all_ranks(ctx, "∀x, y ∈ C(Aᵀ): Ax ≠ Ay", pred, keep=lambda m, n, r: r > 0)


def _injective(ctx):
    rng = _seeds(ctx)

    def pred(m, n, r, A):
        R = col_space(A.T)
        if r == 0:
            return True, "C(Aᵀ) = {0}: no two different vectors"
        pairs_ok = True
        for _ in range(3):
            cx = sp.Matrix([rng.randint(-5, 5) for _ in range(r)])
            cy = sp.Matrix([rng.randint(-5, 5) for _ in range(r)])
            x, y = R * cx, R * cy
            if x != y:
                pairs_ok = pairs_ok and A * x != A * y and in_space(A * x, A) and in_space(A * y, A)
        # all pairs at once: A restricted to C(Aᵀ) has trivial kernel
        return pairs_ok and _rank(A * R) == r, "two row-space vectors with the same image"
    return _for_all_ranks(ctx, "x ≠ y ∈ C(Aᵀ) ⇒ Ax, Ay ∈ C(A), Ax ≠ Ay", pred)


@art.claim("injective-informal-corrected", quote=r"对于$x,y\in C\left(A^T\right),\ x\neq y$，有$Ax,Ay\in C(A),\ Ax\neq Ay$",
           expect="verified", statement="x, y ∈ C(Aᵀ), x ≠ y ⇒ Ax, Ay ∈ C(A) and Ax ≠ Ay (rank(A·basis of "
                                        "C(Aᵀ)) = r, plus random pairs)")
def _(ctx):
    return _injective(ctx)


@art.claim("restricted-invertible", quote="如果限制在这两个空间上，$A$可以说“是个可逆矩阵”", expect="verified",
           statement="in bases R of C(Aᵀ) and C of C(A), A|C(Aᵀ) has the invertible r x r matrix "
                     "(CᵀC)⁻¹CᵀAR")
def _(ctx):
    def pred(m, n, r, A):
        if r == 0:
            return True, "both spaces {0}"
        R, C = col_space(A.T), col_space(A)
        M = (C.T * C).inv() * C.T * A * R
        return M.shape == (r, r) and M.det() != 0 and C * M == A * R, "singular restricted map"
    return _for_all_ranks(ctx, "matrix of A: C(Aᵀ) → C(A) is invertible", pred)


@art.claim("pinv-maps-colspace-to-rowspace", quote=r"这个伪逆的作用就是将列空间的向量一一映射到行空间中",
           expect="verified", statement="A⁺ maps C(A) one-to-one onto C(Aᵀ), inverting A there")
def _(ctx):
    def pred(m, n, r, A):
        if r == 0:
            return True, "both spaces {0}"
        C, R, X = col_space(A), col_space(A.T), pinv_exact(A)
        return (_rank(X * C) == r and same_space(X * C, R) and A * (X * C) == C), "A⁺ not a bijection"
    return _for_all_ranks(ctx, "A⁺: C(A) → C(Aᵀ) bijective, A A⁺ = id on C(A)", pred)


art.latex("ax-eq-ax", quote=r"Ax=(Ax),\ y=A^+(Ay)", formula=r"Ax=(Ax)", expect="proved",
          statement="Ax = (Ax): true but void (the parallel of y = A⁺(Ay) would be x = A⁺(Ax), checked in "
                    "y-pinv-ay-rowspace)")

art.latex("y-pinv-ay-any-y", quote=r"Ax=(Ax),\ y=A^+(Ay)", formula=r"y=A^+(Ay)", expect="conditional",
          statement="y = A⁺(Ay) read for every y ∈ R^n (the LaTeX cannot carry the context y ∈ C(Aᵀ))")


@art.claim("y-pinv-ay-rowspace", quote=r"Ax=(Ax),\ y=A^+(Ay)", expect="verified",
           statement="in context, y ∈ C(Aᵀ): with y = Aᵀz, A⁺(A Aᵀz) = Aᵀz for every A (by hand: the "
                     "front end cannot state membership in C(Aᵀ))")
def _(ctx):
    z = sp.MatrixSymbol("z", m_, 1)
    y = A_mn.T * z
    return check_identity(sp.MatMul(Pinv(A_mn), A_mn, y), y, seed=ctx.seed, dps=ctx.dps)


@art.claim("proof-step-nullspace", quote=r"设$Ax=Ay$，则有$A(x-y)=0$，即向量$x-y\in N(A)$", expect="proved",
           statement="A(x − y) = Ax − Ay, so Ax = Ay ⇒ x − y ∈ N(A) (by hand: the front end checks "
                     "equations, and A(x-y)=0 is a hypothesis here)")
def _(ctx):
    x, y = sp.MatrixSymbol("x", n_, 1), sp.MatrixSymbol("y", n_, 1)
    return check_identity(sp.MatMul(A_mn, x - y), A_mn * x - A_mn * y, seed=ctx.seed, dps=ctx.dps)


@art.claim("proof-step-subspace", quote=r"所以两者之差$x-y$向量也在$C\left(A^T\right)$中", expect="proved",
           statement="x = Aᵀu, y = Aᵀv ⇒ x − y = Aᵀ(u − v) ∈ C(Aᵀ)")
def _(ctx):
    u, v = sp.MatrixSymbol("u", m_, 1), sp.MatrixSymbol("v", m_, 1)
    return check_identity(A_mn.T * u - A_mn.T * v, sp.MatMul(A_mn.T, u - v), seed=ctx.seed, dps=ctx.dps)


@art.claim("proof-step-intersection", quote=r"此时满足这两个结论要求的仅有一个向量，即零向量同时属于这两个正交的向量空间",
           expect="verified", statement="C(Aᵀ) ∩ N(A) = {0} and C(Aᵀ) ⊥ N(A)")
def _(ctx):
    def pred(m, n, r, A):
        R, Z = col_space(A.T), null_space(A)
        inter = _rank(R) + _rank(Z) - _rank(R.row_join(Z))
        orth = (R.T * Z).is_zero_matrix if R.cols and Z.cols else True
        return inter == 0 and bool(orth), f"dim(C(Aᵀ) ∩ N(A)) = {inter}"
    return _for_all_ranks(ctx, "C(Aᵀ) ∩ N(A) = {0}, C(Aᵀ) ⊥ N(A)", pred)


@art.claim("stats-full-column-rank-iff", quote=r"只有矩阵列满秩才能保证$A^TA$是可逆矩阵", expect="verified",
           statement="AᵀA is invertible exactly when A has full column rank (every rank)")
def _(ctx):
    return _invertible_iff(ctx, "AᵀA invertible ⇔ rank A = n")


def _designs(rng: random.Random):
    """Regression designs: a full-column-rank X (k x p) with one row repeated, and with one column repeated."""
    out = []
    for k, p in ((3, 2), (4, 2), (4, 3), (5, 3)):
        X = random_rational_matrix(k, p, seed=rng.randrange(2**31))
        i, j = rng.randrange(k), rng.randrange(p)
        out.append((X, X.col_join(X[i, :]), X.row_join(X[:, j])))
    return out


@art.claim("stats-repeated-tests", quote=r"统计中经常出现重复测试，会导致列向量线性相关", expect="conditional",
           statement="repeating a test (a measurement = a row of the design matrix) makes the columns "
                     "linearly dependent")
def _(ctx):
    rng = _seeds(ctx)
    line = sp.Matrix([[1, 1], [1, 1], [1, 2]])  # straight-line fit, the test at t = 1 repeated
    designs = _designs(rng)
    rows_dependent = [_rank(R) < R.cols for _, R, _ in designs] + [_rank(line) < line.cols]
    cols_dependent = [_rank(C) < C.cols for _, _, C in designs]
    single = sp.Matrix([[1, 2]] * 4)  # one setting repeated: fewer distinct rows than unknowns
    ev = (Evidence("exact", f"repeated rows: columns dependent in {sum(rows_dependent)} of "
                            f"{len(rows_dependent)} designs (e.g. the line fit [[1,1],[1,1],[1,2]] has rank 2); "
                            f"repeated column (a regressor recorded twice): dependent in {sum(cols_dependent)} "
                            f"of {len(cols_dependent)}; one setting repeated 4 times: rank {_rank(single)} < 2",
                   (("rows_dependent", sum(rows_dependent)), ("designs", len(rows_dependent)),
                    ("cols_dependent", sum(cols_dependent)))),)
    statement = "repeated measurements ⇒ dependent columns of A"
    if all(rows_dependent):
        return CheckResult(Verdict.VERIFIED, statement, "", ev)
    if all(cols_dependent) and _rank(single) < single.cols:
        return CheckResult(Verdict.CONDITIONAL, statement, "", ev, {"A": line},
                           conditions=("the repetition duplicates a regressor (a column), or leaves fewer "
                                       "distinct settings (rows) than unknowns; repeating a row of a "
                                       "full-column-rank design never lowers its column rank",))
    return CheckResult(Verdict.REFUTED, statement, "", ev, {"A": line})


@art.claim("stats-repeated-tests-corrected", quote=r"统计中经常出现重复测试，会导致列向量线性相关",
           expect="verified", statement="a repeated column makes AᵀA singular; a repeated row keeps the column "
                                        "rank of a full-column-rank design")
def _(ctx):
    failures, designs = [], _designs(_seeds(ctx))
    for X, R, C in designs:
        if not ((C.T * C).det() == 0 and _rank(R) == X.cols and (R.T * R).det() != 0):
            failures.append(("design violates the corrected statement", {"X": X}))
    return _decide("duplicate column ⇒ AᵀA singular; duplicate row ⇒ rank unchanged", len(designs), failures,
                   what="designs")


@art.claim("stats-dependent-singular", quote=r"在这种情况下$A^TA$就成了奇异矩阵", expect="verified",
           statement="linearly dependent columns (rank A < n) ⇒ AᵀA singular")
def _(ctx):
    return _for_all_ranks(ctx, "rank A < n ⇒ det AᵀA = 0",
                          lambda m, n, r, A: ((A.T * A).det() == 0, "AᵀA invertible"),
                          keep=lambda m, n, r: r < n)


@art.claim("stats-pinv-needed", quote=r"这时候就需要伪逆", expect="verified",
           statement="when AᵀA is singular the normal equations have many solutions; A⁺b is one of them and "
                     "the one of least norm")
def _(ctx):
    rng = _seeds(ctx)
    cases = _rank_cases(ctx, keep=lambda m, n, r: r < n)
    failures = []
    for m, n, r, A in cases:
        b = sp.Matrix([rng.randint(-9, 9) for _ in range(m)])
        x = pinv_exact(A) * b
        z = null_space(A)[:, 0]
        ok = (A.T * A * x == A.T * b and A.T * A * (x + z) == A.T * b
              and (x.T * x)[0] < ((x + z).T * (x + z))[0])
        if not ok:
            failures.append((f"{m}x{n} rank {r}", {"A": A, "b": b}))
    ev, legs_ok = _pinv_legs([A for *_, A in cases if _rank(A) > 0][::4], ctx.dps)
    return _decide("AᵀA singular: A⁺b solves AᵀAx = Aᵀb with least norm", len(cases), failures,
                   evidence=ev, legs_ok=legs_ok, what="rank-deficient instances")


# ---------------------------------------------------------------------------
# SVD, Σ and Σ⁺
# ---------------------------------------------------------------------------

@art.claim("svd-exists", quote=r"$A=U\varSigma V^T$", expect="verified",
           statement="every real A (here random rational, every rank) has A = UΣVᵀ with orthonormal U, V "
                     "and Σ ≥ 0 diagonal; decided in mpmath (irrational σ in general)")
def _(ctx):
    import mpmath

    from derivcheck.highprec.svd import svd_mp
    cases = _rank_cases(ctx, shapes=((2, 3), (3, 2), (3, 3), (4, 3)))
    worst = mpmath.mpf(0)
    with mpmath.workdps(ctx.dps):
        for m, n, r, A in cases:
            svd = svd_mp(A, dps=ctx.dps)
            M = mpmath.matrix([[mpmath.mpf(x.p) / x.q for x in A.row(i)] for i in range(m)])
            k = min(m, n)
            S = mpmath.diag(list(svd.S)) if k else mpmath.matrix(0, 0)
            res = mpmath.mnorm(M - svd.U * S * svd.Vt, "f")
            orth = max(mpmath.mnorm(svd.U.T * svd.U - mpmath.eye(k), "f"),
                       mpmath.mnorm(svd.Vt * svd.Vt.T - mpmath.eye(k), "f"))
            worst = max(worst, res / max(mpmath.mnorm(M, "f"), 1), orth)
        tol = mpmath.mpf(10) ** (-(ctx.dps - 5))
        ok = worst <= tol
    ev = Evidence("mpmath", f"max relative residual / orthogonality defect {mpmath.nstr(worst, 3)} "
                            f"≤ {mpmath.nstr(tol, 2)} over {len(cases)} instances", (("worst", float(worst)),))
    return CheckResult(Verdict.VERIFIED if ok else Verdict.REFUTED, "A = UΣVᵀ", "", (ev,))


@art.claim("sigma-diagonal-as-written",
           quote=r"\varSigma=\left[\begin{array}{c c c|c}\sigma_1&&&\\&\ddots&&\\&&\sigma_2&\\\hline&&&\begin{bmatrix}0\end{bmatrix}\end{array}\right]",
           expect="refuted", statement="as written, the nonzero diagonal block of Σ runs σ₁, …, σ₂ (ends at σ₂)")
def _(ctx):
    failures, cases = [], _svd_cases(ctx, keep=lambda m, n, r: r > 0, shapes=((3, 3), (4, 3)))
    for m, n, r, k in cases:
        diag = [k.Sigma[i, i] for i in range(min(m, n))]
        nonzero = [s for s in diag if s != 0]
        if len(nonzero) != 2:
            failures.append((f"rank {r}: the nonzero block is {nonzero}, it ends at σ_{len(nonzero)}, not σ₂",
                             {"Sigma": k.Sigma}))
    return _decide("nonzero block of Σ = diag(σ₁, …, σ₂)", len(cases), failures, what="exact SVDs")


@art.claim("sigma-diagonal-as-written-corrected",
           quote=r"\varSigma=\left[\begin{array}{c c c|c}\sigma_1&&&\\&\ddots&&\\&&\sigma_2&\\\hline&&&\begin{bmatrix}0\end{bmatrix}\end{array}\right]",
           expect="verified", statement="the nonzero diagonal block of Σ is σ₁ ≥ … ≥ σ_r > 0 with r = rank A, "
                                        "zeros elsewhere")
def _(ctx):
    failures, cases = [], _svd_cases(ctx)
    for m, n, r, k in cases:
        diag = [k.Sigma[i, i] for i in range(min(m, n))]
        off = all(k.Sigma[i, j] == 0 for i in range(m) for j in range(n) if i != j)
        ok = off and all(s > 0 for s in diag[:r]) and all(s == 0 for s in diag[r:]) \
            and diag[:r] == sorted(diag[:r], reverse=True) and _rank(k.A) == r
        if not ok:
            failures.append((f"{m}x{n} rank {r}", {"Sigma": k.Sigma}))
    return _decide("Σ = diag(σ₁ ≥ … ≥ σ_r > 0, 0, …)", len(cases), failures, what="exact SVDs")


@art.claim("svd-nonzero-from-gram", quote=r"对角线非零的部分来自$A^TA,\ AA^T$比较好的部分，剩下的来自左/零空间",
           expect="verified", statement="σᵢ² (i ≤ r) are the nonzero eigenvalues of AᵀA and AAᵀ with "
                                        "eigenvectors vᵢ, uᵢ; v_{r+1..n} span N(A), u_{r+1..m} span N(Aᵀ)")
def _(ctx):
    failures, cases = [], _svd_cases(ctx)
    for m, n, r, k in cases:
        A, U, S, V = k.A, k.U, k.Sigma, k.V
        eig = A.T * A * V == V * (S.T * S) and A * A.T * U == U * (S * S.T)
        rest = same_space(V[:, r:], null_space(A)) and same_space(U[:, r:], null_space(A.T))
        if not (eig and rest):
            failures.append((f"{m}x{n} rank {r}: eigen {eig}, null spaces {rest}", {"A": A}))
    return _decide("AᵀAV = VΣᵀΣ, AAᵀU = UΣΣᵀ, V_{r+1:} ~ N(A), U_{r+1:} ~ N(Aᵀ)", len(cases), failures,
                   what="exact SVDs")


@art.claim("sigma-shape-rank", quote=r"这是一个$m\times n$矩阵，$rank(\varSigma)=r$", expect="verified",
           statement="Σ of A = UΣVᵀ is m x n of rank r = rank A")
def _(ctx):
    failures, cases = [], _svd_cases(ctx)
    for m, n, r, k in cases:
        if not (k.Sigma.shape == (m, n) and _rank(k.Sigma) == r == _rank(k.A)):
            failures.append((f"{m}x{n} rank {r}", {"Sigma": k.Sigma}))
    return _decide("Σ is m x n, rank Σ = rank A", len(cases), failures, what="exact SVDs")


def _sigma_pinv_proof(ctx):
    """Σ⁺ = n x m diag(1/σᵢ): Penrose conditions with symbolic σᵢ > 0, every shape and rank; plus pinv_exact."""
    failures, cases = [], _symbolic_sigma_cases()
    for m, n, r, s, S, X in cases:
        if not _penrose_holds(S, X):
            failures.append((f"{m}x{n} rank {r}", {"Sigma": S}))
    exact_ok = all(pinv_exact(_sigma(m, n, SIGMAS[:r])) == _sigma_pinv_pattern(m, n, SIGMAS[:r])
                   for m, n, r, *_ in cases)
    ev = Evidence("exact", "pinv_exact(Σ) equals the pattern at σ = (5, 3, 3/2, 1/2) at every shape and rank"
                  if exact_ok else "pinv_exact(Σ) differs from the pattern", (("agree", exact_ok),))
    return _decide("Σ⁺ = diag(1/σ₁, …, 1/σ_r, 0) (n x m)", len(cases), failures, evidence=(ev,),
                   legs_ok=exact_ok, proved=True, what="(shape, rank) cases with symbolic σᵢ > 0")


@art.claim("sigma-pinv",
           quote=r"\varSigma^+=\left[\begin{array}{c c c|c}\frac{1}{\sigma_1}&&&\\&\ddots&&\\&&\frac{1}{\sigma_r}&\\\hline&&&\begin{bmatrix}0\end{bmatrix}\end{array}\right]",
           expect="proved", statement="Σ⁺ is the n x m matrix with 1/σ₁, …, 1/σ_r on the diagonal "
                                      "(four Penrose conditions, symbolic σᵢ > 0)")
def _(ctx):
    return _sigma_pinv_proof(ctx)


@art.claim("sigma-pinv-second-form",
           quote=r"\Sigma^{+}=\begin{bmatrix}\frac{1}{\sigma_{1}}&&\\&\frac{1}{\sigma_{2}}&\\&&...&\\&&&\frac{1}{\sigma_{r}}&0&\\0&0&..&&0\\0&0&..&&0\end{bmatrix}",
           expect="proved", statement="the same Σ⁺ (second write-up): diag(1/σ₁, …, 1/σ_r), zeros elsewhere")
def _(ctx):
    return _sigma_pinv_proof(ctx)


@art.claim("sigma-pinv-shape", quote=r"伪逆与原矩阵有个小区别：这是一个$n\times m$矩阵", expect="proved",
           statement="Σ⁺ of an m x n Σ is n x m (shape of the parsed \\varSigma^+)")
def _(ctx):
    shape = _latex_expr(r"\varSigma^+", shapes={"Sigma": ("m", "n")}).tree.shape
    ok = tuple(str(d) for d in shape) == ("n", "m")
    return CheckResult(Verdict.PROVED if ok else Verdict.REFUTED, "shape(Σ⁺) = (n, m)", "",
                       (Evidence("symbolic", f"shape of Σ⁺ with Σ m x n: {shape}"),))


@art.claim("sigma-pinv-diagonal", quote=r"它是一个 n\times m 对角阵", expect="verified",
           statement="pinv_exact(Σ) is an n x m (rectangular) diagonal matrix")
def _(ctx):
    failures, cases = [], _svd_cases(ctx)
    for m, n, r, k in cases:
        X = pinv_exact(k.Sigma)
        if not (X.shape == (n, m) and all(X[i, j] == 0 for i in range(n) for j in range(m) if i != j)):
            failures.append((f"{m}x{n} rank {r}", {"Sigma": k.Sigma}))
    return _decide("Σ⁺ is n x m diagonal", len(cases), failures, what="exact Σ")


def _sigma_products(which: str):
    def check(ctx):
        failures, cases = [], _symbolic_sigma_cases()
        for m, n, r, s, S, X in cases:
            P, size = (S * X, m) if which == "SX" else (X * S, n)
            if not (P.shape == (size, size) and P.applyfunc(sp.cancel) == _block_identity(size, r)):
                failures.append((f"{m}x{n} rank {r}: {sp.sstr(P)}", {"Sigma": S}))
        label = "ΣΣ⁺ = [[I_r, 0], [0, 0]] (m x m)" if which == "SX" else "Σ⁺Σ = [[I_r, 0], [0, 0]] (n x n)"
        return _decide(label, len(cases), failures, proved=True,
                       what="(shape, rank) cases with symbolic σᵢ > 0")
    return check


art.claim("sigma-sigmapinv",
          quote=r"\varSigma\varSigma^+=\left[\begin{array}{c c c|c}1&&&\\&\ddots&&\\&&1&\\\hline&&&\begin{bmatrix}0\end{bmatrix}\end{array}\right]_{m\times m}",
          expect="proved", statement="ΣΣ⁺ is m x m with r ones then zeros on the diagonal")(_sigma_products("SX"))
art.claim("sigmapinv-sigma",
          quote=r"\varSigma^+\varSigma=\left[\begin{array}{c c c|c}1&&&\\&\ddots&&\\&&1&\\\hline&&&\begin{bmatrix}0\end{bmatrix}\end{array}\right]_{n\times n}",
          expect="proved", statement="Σ⁺Σ is n x n with r ones then zeros on the diagonal")(_sigma_products("XS"))


@art.claim("sigma-products-block-form",
           quote=r"\Sigma^{+}\Sigma=\begin{bmatrix}I_{r\times r}&0\\0&0\end{bmatrix}_{n\times n},\Sigma\Sigma^{+}=\begin{bmatrix}I_{r\times r}&0\\0&0\end{bmatrix}_{m\times m}",
           expect="proved", statement="Σ⁺Σ = [[I_r,0],[0,0]] (n x n) and ΣΣ⁺ = [[I_r,0],[0,0]] (m x m)")
def _(ctx):
    a, b = _sigma_products("XS")(ctx), _sigma_products("SX")(ctx)
    return combine_results([a, b], "Σ⁺Σ and ΣΣ⁺ block identities", "")


@art.claim("sigma-projections",
           quote=r"$\varSigma\varSigma^+$是将向量投影到列空间上的投影矩阵，而$\varSigma^+\varSigma$是将向量投影到行空间上的投影矩阵",
           expect="proved", statement="ΣΣ⁺ is the orthogonal projector onto C(Σ), Σ⁺Σ onto C(Σᵀ) "
                                      "(symbolic σᵢ > 0)")
def _(ctx):
    failures, cases = [], _symbolic_sigma_cases()
    for m, n, r, s, S, X in cases:
        SX, XS = S * X, X * S
        ok = (SX == projector(_sigma(m, n, [1] * r)) and XS == projector(_sigma(m, n, [1] * r).T)
              and _is_orthogonal_projector(SX) and _is_orthogonal_projector(XS))
        if not ok:
            failures.append((f"{m}x{n} rank {r}", {"Sigma": S}))
    return _decide("ΣΣ⁺ = proj onto C(Σ), Σ⁺Σ = proj onto C(Σᵀ)", len(cases), failures, proved=True,
                   what="(shape, rank) cases with symbolic σᵢ > 0")


@art.claim("not-identity-but-projection", quote=r"我们不论是左乘还是右乘伪逆，得到的不是单位矩阵，而是投影矩阵",
           expect="verified", statement="for A not of full rank (r < m, r < n): AA⁺ ≠ I, A⁺A ≠ I, and both are "
                                        "orthogonal projectors (onto C(A), C(Aᵀ))")
def _(ctx):
    def pred(m, n, r, A):
        X = pinv_exact(A)
        ok = (A * X != sp.eye(m) and X * A != sp.eye(n) and A * X == projector(A) and X * A == projector(A.T))
        return ok, "an identity or a non-projector"
    return _for_all_ranks(ctx, "AA⁺ ≠ I, A⁺A ≠ I, both orthogonal projectors", pred,
                          keep=lambda m, n, r: r < m and r < n)


@art.claim("pinv-svd", quote=r"$$A^+=V\varSigma^+U^T$$", expect="verified",
           statement="for A = UΣVᵀ (exact SVDs, every shape and rank): VΣ⁺Uᵀ equals A⁺ from pinv_exact (a "
                     "rank-factorization route); the front end would treat U, Σ, V as free matrices")
def _(ctx):
    failures, cases = [], _svd_cases(ctx)
    for m, n, r, k in cases:
        if k.V * _sigma_pinv_pattern(m, n, SIGMAS[:r]) * k.U.T != pinv_exact(k.A):
            failures.append((f"{m}x{n} rank {r}", {"A": k.A, "U": k.U, "Sigma": k.Sigma, "V": k.V}))
    ev, ok = _pinv_legs([k.A for *_, k in cases if k.rank > 0][::5], ctx.dps)
    return _decide("VΣ⁺Uᵀ = A⁺", len(cases), failures, evidence=ev, legs_ok=ok, what="exact SVDs")


# ---------------------------------------------------------------------------
# The second write-up: A⁺ between the four subspaces; the verifications
# ---------------------------------------------------------------------------

@art.claim("pinv-a-x", quote=r"A^{+}\vec{p}=A^{+}A\vec{x}=\vec{x_{r}}", expect="verified",
           statement="A⁺(Ax) = x_r, the projection of x onto C(Aᵀ) (computed from a basis), and x − x_r ∈ N(A)")
def _(ctx):
    rng = _seeds(ctx)

    def pred(m, n, r, A):
        x = sp.Matrix([rng.randint(-9, 9) for _ in range(n)])
        xr = projector(A.T) * x
        return pinv_exact(A) * (A * x) == xr and (A * (x - xr)).is_zero_matrix, "A⁺Ax ≠ x_r"
    return _for_all_ranks(ctx, "A⁺Ax = x_r = proj_{C(Aᵀ)} x", pred)


@art.claim("a-pinv-b", quote=r"A\vec{x_{r}}=AA^{+}\vec{b}=\vec{p}", expect="verified",
           statement="with x_r = A⁺b: Ax_r = AA⁺b = p, the projection of b onto C(A); x_r ∈ C(Aᵀ)")
def _(ctx):
    rng = _seeds(ctx)

    def pred(m, n, r, A):
        b = sp.Matrix([rng.randint(-9, 9) for _ in range(m)])
        xr = pinv_exact(A) * b
        return A * xr == projector(A) * b and in_space(xr, A.T), "AA⁺b ≠ p"
    return _for_all_ranks(ctx, "A A⁺ b = proj_{C(A)} b", pred)


@art.claim("a-kills-null-part", quote=r"乘 A 矩阵时已经抹杀了零空间的信息 \vec{x_{n}}", expect="verified",
           statement="A x_n = 0 for the null-space part x_n of x, so Ax = Ax_r and x_n cannot be recovered "
                     "from Ax")
def _(ctx):
    rng = _seeds(ctx)

    def pred(m, n, r, A):
        Z = null_space(A)
        x = sp.Matrix([rng.randint(-9, 9) for _ in range(n)])
        xr = projector(A.T) * x
        xn = x - xr
        return (A * Z).is_zero_matrix is not False and in_space(xn, Z) and A * x == A * xr, "A x_n ≠ 0"
    return _for_all_ranks(ctx, "A x_n = 0, Ax = Ax_r", pred, keep=lambda m, n, r: r < n)


@art.claim("pinv-kills-left-null", quote=r"乘 A^{+} 的时候也已经抹杀了左零空间中的 \vec{e}", expect="verified",
           statement="A⁺e = 0 for every e ∈ N(Aᵀ)")
def _(ctx):
    return _for_all_ranks(ctx, "A⁺ N(Aᵀ) = 0",
                          lambda m, n, r, A: ((pinv_exact(A) * null_space(A.T)).is_zero_matrix
                                              if r < m else True, "A⁺e ≠ 0"))


@art.claim("pinv-projections",
           quote=r"A^{+}A **是投影到** A **行空间的投影矩阵，**AA^{+} **是投影到** A **列空间的投影矩阵。**",
           expect="verified", statement="A⁺A is the orthogonal projector onto C(Aᵀ), AA⁺ onto C(A) "
                                        "(projectors built from bases, no pseudo-inverse)")
def _(ctx):
    cases = _rank_cases(ctx)
    failures = [(f"{m}x{n} rank {r}", {"A": A}) for m, n, r, A in cases
                if not (pinv_exact(A) * A == projector(A.T) and A * pinv_exact(A) == projector(A))]
    ev, ok = _pinv_legs([A for *_, A in cases if _rank(A) > 0][::6], ctx.dps)
    return _decide("A⁺A = P_{C(Aᵀ)}, AA⁺ = P_{C(A)}", len(cases), failures, evidence=ev, legs_ok=ok,
                   what="(shape, rank) instances")


@art.claim("pinv-shape", quote=r"A 是 m\times n 矩阵，则 A^{+} 是 n\times m 矩阵", expect="proved",
           statement="A⁺ of an m x n A is n x m (shape of the parsed A^{+}; pinv_exact agrees)")
def _(ctx):
    shape = tuple(str(d) for d in _latex_expr(r"A^{+}", shapes={"A": ("m", "n")}).tree.shape)
    exact = all(pinv_exact(A).shape == (n, m) for m, n, r, A in _rank_cases(ctx))
    ok = shape == ("n", "m") and exact
    return CheckResult(Verdict.PROVED if ok else Verdict.REFUTED, "shape(A⁺) = (n, m)", "",
                       (Evidence("symbolic", f"shape of A⁺ with A m x n: {shape}"),
                        Evidence("exact", f"pinv_exact shapes n x m at every instance: {exact}")))


@art.claim("sigma-not-invertible", quote=r"正是因为 \Sigma 不可逆，我们才只能求伪逆", expect="verified",
           statement="Σ (of an A with r < m, r < n) has no inverse")
def _(ctx):
    failures, cases = [], _svd_cases(ctx, keep=lambda m, n, r: r < m and r < n)
    for m, n, r, k in cases:
        if m == n and k.Sigma.det() != 0:
            failures.append((f"{m}x{n} rank {r}", {"Sigma": k.Sigma}))
    return _decide("Σ singular or rectangular", len(cases), failures, what="exact SVDs")


@art.claim("pinv-subspaces-1", quote=r"A^{+} 的列空间和左零空间就是 A 的行空间和零空间", expect="verified",
           statement="C(A⁺) = C(Aᵀ) and N((A⁺)ᵀ) = N(A)")
def _(ctx):
    def pred(m, n, r, A):
        X = pinv_exact(A)
        return same_space(col_space(X), col_space(A.T)) and same_space(null_space(X.T), null_space(A)), \
            "subspaces differ"
    return _for_all_ranks(ctx, "C(A⁺) = C(Aᵀ), N(A⁺ᵀ) = N(A)", pred)


@art.claim("pinv-subspaces-2", quote=r"A^{+} 的行空间和零空间就是 A 的列空间和左零空间", expect="verified",
           statement="C((A⁺)ᵀ) = C(A) and N(A⁺) = N(Aᵀ)")
def _(ctx):
    def pred(m, n, r, A):
        X = pinv_exact(A)
        return same_space(col_space(X.T), col_space(A)) and same_space(null_space(X), null_space(A.T)), \
            "subspaces differ"
    return _for_all_ranks(ctx, "C(A⁺ᵀ) = C(A), N(A⁺) = N(Aᵀ)", pred)


@art.claim("pinv-rank", quote=r"A 和 A^{+} 的秩都是 r", expect="verified", statement="rank A⁺ = rank A = r")
def _(ctx):
    return _for_all_ranks(ctx, "rank A⁺ = r", lambda m, n, r, A: (_rank(pinv_exact(A)) == r, "rank differs"))


art.latex("pinv-inverse", quote=r"**当矩阵可逆时** A^{+}=A^{-1}", formula=r"A^{+}=A^{-1}", expect="verified",
          assume={"A": "invertible"})


def _svd_equation(ctx, formula: str, keep=lambda m, n, r: True, statement: str | None = None):
    """Check a LaTeX equation chain over U, Σ, V, A at exact SVDs A = UΣVᵀ (every shape and rank kept)."""
    parsed = _latex_expr(formula)
    mats = parsed.matrices
    sides = parsed.tree.sides
    cases = []
    for m, n, r, k in _svd_cases(ctx, keep):
        values = {}
        for name, M in (("A", k.A), ("U", k.U), ("Sigma", k.Sigma), ("V", k.V)):
            if name in mats:
                values[mats[name]] = M
        cases.append(values)
    results = [_identity_at(statement or formula, a, b, cases, ctx) for a, b in zip(sides, sides[1:])]
    return combine_results(results, statement or formula, formula)


@art.claim("verify1-substitution", quote=r"A^{+}A=V\Sigma^{+}U^{T}U\Sigma V^{T}", expect="verified",
           source_latex=True,
           statement="A⁺A = VΣ⁺UᵀUΣVᵀ (parsed from the quote), at exact SVDs A = UΣVᵀ of every shape and rank "
                     "(the front end cannot take the definition A = UΣVᵀ)")
def _(ctx):
    return _svd_equation(ctx, r"A^{+}A=V\Sigma^{+}U^{T}U\Sigma V^{T}")


art.latex("verify1-orthogonality", quote=r"V\Sigma^{+}U^{T}U\Sigma V^{T}=V\Sigma^{+}\Sigma V^{T}",
          expect="verified", assume={"U": "orthogonal"})


def _rows_projection(ctx, side: str):
    failures, cases = [], _svd_cases(ctx)
    for m, n, r, k in cases:
        if side == "V":
            full = k.V * pinv_exact(k.Sigma) * k.Sigma * k.V.T
            thin, target = k.V[:, :r] * k.V[:, :r].T, projector(k.A.T)
        else:
            full = k.U * k.Sigma * pinv_exact(k.Sigma) * k.U.T
            thin, target = k.U[:, :r] * k.U[:, :r].T, projector(k.A)
        middle = (k.V if side == "V" else k.U) * _block_identity(n if side == "V" else m, r) * \
            (k.V if side == "V" else k.U).T
        if not (full == middle == thin == target):
            failures.append((f"{m}x{n} rank {r}", {"A": k.A}))
    label = ("VΣ⁺ΣVᵀ = V[[I_r,0],[0,0]]Vᵀ = V_rV_rᵀ = P_{C(Aᵀ)}" if side == "V"
             else "UΣΣ⁺Uᵀ = U[[I_r,0],[0,0]]Uᵀ = U_rU_rᵀ = P_{C(A)}")
    return _decide(label, len(cases), failures, what="exact SVDs")


@art.claim("verify1-block",
           quote=r"\begin{bmatrix}|&|&&|\\v_{1}&v_{2}&.&v_{r}\\|&|&&|\end{bmatrix}\begin{bmatrix}|&|&&|\\v_{1}&v_{2}&.&v_{r}\\|&|&&|\end{bmatrix}^{T} ，这正是 A 行空间的投影矩阵",
           expect="verified", statement="VΣ⁺ΣVᵀ = V[[I_r,0],[0,0]]Vᵀ = [v₁…v_r][v₁…v_r]ᵀ, the projector onto "
                                        "C(Aᵀ) (explicit column arrays: by hand)")
def _(ctx):
    return _rows_projection(ctx, "V")


@art.claim("verify2-substitution", quote=r"AA^{+}=U\Sigma V^{T}V\Sigma^{+}U^{T}", expect="verified",
           source_latex=True, statement="AA⁺ = UΣVᵀVΣ⁺Uᵀ (parsed from the quote) at exact SVDs A = UΣVᵀ")
def _(ctx):
    return _svd_equation(ctx, r"AA^{+}=U\Sigma V^{T}V\Sigma^{+}U^{T}")


art.latex("verify2-orthogonality", quote=r"U\Sigma V^{T}V\Sigma^{+}U^{T}=U\Sigma \Sigma^{+} U^{T}",
          expect="verified", assume={"V": "orthogonal"})


@art.claim("verify2-block",
           quote=r"\begin{bmatrix}|&|&&|\\u_{1}&u_{2}&.&u_{r}\\|&|&&|\end{bmatrix}\begin{bmatrix}|&|&&|\\u_{1}&u_{2}&.&u_{r}\\|&|&&|\end{bmatrix}^{T} ，这正是 A 列空间的投影矩阵",
           expect="verified", statement="UΣΣ⁺Uᵀ = U[[I_r,0],[0,0]]Uᵀ = [u₁…u_r][u₁…u_r]ᵀ, the projector onto "
                                        "C(A) (explicit column arrays: by hand)")
def _(ctx):
    return _rows_projection(ctx, "U")


@art.claim("pinv-agrees-left-right",
           quote=r"我们可以验证A^{+}=V\Sigma^{+}U^{T} 和上述 A^{-1}_{left}，A^{-1}_{right} 的表达式是一致的",
           expect="verified", statement="VΣ⁺Uᵀ = (AᵀA)⁻¹Aᵀ for full column rank and = Aᵀ(AAᵀ)⁻¹ for full row rank "
                                        "(the corrected right inverse; the Section 3 form Aᵀ(AAᵀ) does not agree)")
def _(ctx):
    failures, cases = [], _svd_cases(ctx, keep=lambda m, n, r: r == n or r == m)
    for m, n, r, k in cases:
        svd_form = k.V * _sigma_pinv_pattern(m, n, SIGMAS[:r]) * k.U.T
        A = k.A
        ok = True
        if r == n:
            ok = ok and svd_form == (A.T * A).inv() * A.T
        if r == m:
            ok = ok and svd_form == A.T * (A * A.T).inv()
        if not ok:
            failures.append((f"{m}x{n} rank {r}", {"A": A}))
    ev, legs_ok = _pinv_legs([k.A for *_, k in cases if k.rank > 0][::4], ctx.dps)
    return _decide("VΣ⁺Uᵀ = left / right inverse", len(cases), failures, evidence=ev, legs_ok=legs_ok,
                   what="full-rank exact SVDs")


def _gram_diag(which: str):
    """ΣᵀΣ (full column rank) or ΣΣᵀ (full row rank) = diag(σᵢ²), invertible, symbolic σᵢ > 0."""
    def check(ctx):
        keep = (lambda m, n, r: r == n) if which == "StS" else (lambda m, n, r: r == m)
        failures, cases = [], _symbolic_sigma_cases(keep)
        for m, n, r, s, S, X in cases:
            G = S.T * S if which == "StS" else S * S.T
            ok = G == sp.diag(*[x**2 for x in s]) and G.det() != 0
            if not ok:
                failures.append((f"{m}x{n}", {"Sigma": S}))
        label = "ΣᵀΣ = diag(σᵢ²), det ≠ 0" if which == "StS" else "ΣΣᵀ = diag(σᵢ²), det ≠ 0"
        return _decide(label, len(cases), failures, proved=True, what="shapes with symbolic σᵢ > 0")
    return check


art.claim("fcr-gram-invertible",
          quote=r"=\begin{bmatrix}{\sigma_{1}^{2}}&&\\&{\sigma_{2}^{2}}&\\&&...&\\&&&{\sigma_{n}^{2}}\end{bmatrix} 是个可逆矩阵",
          expect="proved", statement="full column rank: ΣᵀΣ = diag(σ₁², …, σ_n²) is invertible")(_gram_diag("StS"))


@art.claim("fcr-chain-substitution",
           quote=r"(A^{T}A)^{-1}A^{T}=((U\Sigma V^{T})^{T}U\Sigma V^{T})^{-1}(U\Sigma V^{T})^{T}", expect="verified",
           source_latex=True, statement="(AᵀA)⁻¹Aᵀ = ((UΣVᵀ)ᵀUΣVᵀ)⁻¹(UΣVᵀ)ᵀ (parsed) at exact SVDs of full "
                                        "column rank")
def _(ctx):
    return _svd_equation(ctx, r"(A^{T}A)^{-1}A^{T}=((U\Sigma V^{T})^{T}U\Sigma V^{T})^{-1}(U\Sigma V^{T})^{T}",
                         keep=lambda m, n, r: r == n)


art.latex("fcr-chain-orthogonality",
          quote=r"((U\Sigma V^{T})^{T}U\Sigma V^{T})^{-1}(U\Sigma V^{T})^{T}=(V\Sigma^{T}\Sigma V^{T})^{-1}V\Sigma^{T}U^{T}",
          expect="verified", assume={"U": "orthogonal", "V": "orthogonal", "Sigma": "full column rank"})
art.latex("fcr-chain-pull-out",
          quote=r"(V\Sigma^{T}\Sigma V^{T})^{-1}V\Sigma^{T}U^{T} =V(\Sigma^{T}\Sigma)^{-1}\Sigma^{T}U^{T}",
          expect="verified", assume={"V": "orthogonal", "Sigma": "full column rank"})


def _explicit_step(which: str):
    """(ΣᵀΣ)⁻¹Σᵀ (full column rank) or Σᵀ(ΣΣᵀ)⁻¹ (full row rank) = Σ⁺, symbolic σᵢ > 0."""
    def check(ctx):
        keep = (lambda m, n, r: r == n) if which == "left" else (lambda m, n, r: r == m)
        failures, cases = [], _symbolic_sigma_cases(keep)
        for m, n, r, s, S, X in cases:
            inv = sp.diag(*[1 / x**2 for x in s])
            if which == "left":
                ok = (S.T * S).inv() == inv and (inv * S.T).applyfunc(sp.cancel) == X
            else:
                ok = (S * S.T).inv() == inv and (S.T * inv).applyfunc(sp.cancel) == X
            if not ok or not _penrose_holds(S, X):
                failures.append((f"{m}x{n}", {"Sigma": S}))
        label = ("(ΣᵀΣ)⁻¹Σᵀ = diag(1/σᵢ²)Σᵀ = Σ⁺" if which == "left" else "Σᵀ(ΣΣᵀ)⁻¹ = Σᵀdiag(1/σᵢ²) = Σ⁺")
        return _decide(label, len(cases), failures, proved=True, what="shapes with symbolic σᵢ > 0")
    return check


art.claim("fcr-chain-explicit",
          quote=r"=V(\Sigma^{T}\Sigma)^{-1}\Sigma^{T}U^{T}=V\begin{bmatrix}\frac{1}{\sigma_{1}^{2}}&&\\&\frac{1}{\sigma_{2}^{2}}&\\&&...&\\&&&\frac{1}{\sigma_{n}^{2}}\end{bmatrix}",
          expect="proved", statement="V(ΣᵀΣ)⁻¹ΣᵀUᵀ = V diag(1/σᵢ²) Σᵀ Uᵀ = VΣ⁺Uᵀ (explicit arrays: by hand, "
                                     "symbolic σᵢ > 0)")(_explicit_step("left"))

art.claim("frr-gram-invertible",
          quote=r"=\begin{bmatrix}{\sigma_{1}^{2}}&&\\&{\sigma_{2}^{2}}&\\&&...&\\&&&{\sigma_{m}^{2}}\end{bmatrix} 也可逆",
          expect="proved", statement="full row rank: ΣΣᵀ = diag(σ₁², …, σ_m²) is invertible")(_gram_diag("SSt"))


@art.claim("frr-chain-substitution", quote=r"A^{T}(AA^{T})^{-1}=V\Sigma^{T} U^{T}(U\Sigma\Sigma^{T}U^{T})^{-1}",
           expect="verified", source_latex=True,
           statement="Aᵀ(AAᵀ)⁻¹ = VΣᵀUᵀ(UΣΣᵀUᵀ)⁻¹ (parsed) at exact SVDs of full row rank")
def _(ctx):
    return _svd_equation(ctx, r"A^{T}(AA^{T})^{-1}=V\Sigma^{T} U^{T}(U\Sigma\Sigma^{T}U^{T})^{-1}",
                         keep=lambda m, n, r: r == m)


art.latex("frr-chain-pull-out",
          quote=r"V\Sigma^{T} U^{T}(U\Sigma\Sigma^{T}U^{T})^{-1}=V\Sigma^{T}(\Sigma\Sigma^{T})^{-1}U^{T}",
          expect="verified", assume={"U": "orthogonal", "Sigma": "full row rank"})

art.claim("frr-chain-explicit",
          quote=r"\begin{bmatrix}\frac{1}{\sigma_{1}^{2}}&&\\&\frac{1}{\sigma_{2}^{2}}&\\&&...&\\&&&\frac{1}{\sigma_{m}^{2}}\end{bmatrix}U^{T}=V\Sigma^{+}U^{T}",
          expect="proved", statement="V Σᵀ(ΣΣᵀ)⁻¹ Uᵀ = V Σᵀ diag(1/σᵢ²) Uᵀ = VΣ⁺Uᵀ (explicit arrays: by hand, "
                                     "symbolic σᵢ > 0)")(_explicit_step("right"))


# ---------------------------------------------------------------------------
# Closing remarks: Aᵀ versus A⁺; integration versus differentiation
# ---------------------------------------------------------------------------

@art.claim("at-same-subspaces",
           quote=r"A^{T} 的列空间和左零空间就是 A 的行空间和零空间， A^{T} 的行空间和零空间就是 A 的列空间和左零空间",
           expect="verified", statement="C(Aᵀ), N((Aᵀ)ᵀ) = row space and null space of A; C((Aᵀ)ᵀ), N(Aᵀ) = "
                                        "column space and left null space of A")
def _(ctx):
    def pred(m, n, r, A):
        T = A.T
        ok = (same_space(col_space(T), col_space(A.T)) and same_space(null_space(T.T), null_space(A))
              and same_space(col_space(T.T), col_space(A)) and same_space(null_space(T), null_space(A.T)))
        # and the same correspondence as A⁺ has
        X = pinv_exact(A)
        ok = ok and same_space(col_space(T), col_space(X)) and same_space(null_space(T), null_space(X))
        return ok, "subspaces differ"
    return _for_all_ranks(ctx, "Aᵀ and A⁺ share their four subspaces", pred)


@art.claim("at-vs-pinv-sigma", quote=r"区别仅仅在于 \Sigma^{+} 和 \Sigma^{T}", expect="verified",
           statement="Aᵀ = VΣᵀUᵀ and A⁺ = VΣ⁺Uᵀ with the same U, V")
def _(ctx):
    failures, cases = [], _svd_cases(ctx)
    for m, n, r, k in cases:
        if not (k.A.T == k.V * k.Sigma.T * k.U.T and pinv_exact(k.A) == k.V * pinv_exact(k.Sigma) * k.U.T):
            failures.append((f"{m}x{n} rank {r}", {"A": k.A}))
    return _decide("Aᵀ = VΣᵀUᵀ, A⁺ = VΣ⁺Uᵀ", len(cases), failures, what="exact SVDs")


@art.claim("at-does-not-cancel",
           quote=r"A^{T} 包含的 \Sigma^{T} 和 A 中 \Sigma 的拉伸作用是不能互相抵消的", expect="conditional",
           statement="Σᵀ does not undo the stretching of Σ: ΣᵀΣ (hence AᵀA) is not the projector Σ⁺Σ (A⁺A)")
def _(ctx):
    rng = _seeds(ctx)
    generic = [matrix_with_singular_values(m, n, list(SIGMAS[:r]), seed=rng.randrange(2**31))
               for m, n, r in ((3, 2, 2), (3, 3, 2), (2, 4, 2), (4, 3, 3))]
    isometries = [matrix_with_singular_values(m, n, [1] * r, seed=rng.randrange(2**31))
                  for m, n, r in ((3, 2, 2), (3, 3, 2), (2, 4, 1))]
    differ = [k.A.T * k.A != pinv_exact(k.A) * k.A for k in generic]
    cancel = [k.A.T * k.A == pinv_exact(k.A) * k.A and k.A.T == pinv_exact(k.A) for k in isometries]
    ev = (Evidence("exact", f"AᵀA ≠ A⁺A for {sum(differ)} of {len(differ)} matrices with σ = (5, 3, 3/2); "
                            f"Aᵀ = A⁺ and AᵀA = A⁺A for {sum(cancel)} of {len(cancel)} partial isometries "
                            f"(all nonzero σᵢ = 1)", (("differ", sum(differ)), ("cancel", sum(cancel)))),)
    statement = "ΣᵀΣ ≠ Σ⁺Σ (Aᵀ does not cancel A's stretching)"
    if not any(cancel) and all(differ):
        return CheckResult(Verdict.VERIFIED, statement, "", ev)
    if all(differ):
        return CheckResult(Verdict.CONDITIONAL, statement, "", ev, {"A": isometries[0].A},
                           conditions=("some nonzero singular value of A differs from 1 (for a partial "
                                       "isometry, all nonzero σᵢ = 1, Aᵀ = A⁺ and Σᵀ does cancel Σ)",))
    return CheckResult(Verdict.REFUTED, statement, "", ev, {"A": generic[differ.index(False)].A})


@art.claim("pinv-cancels", quote=r"A^{+} 特地选择的 \Sigma^{+} 才可以抵消", expect="verified",
           statement="Σ⁺ cancels Σ on the row space: A⁺A x = x for x ∈ C(Aᵀ), at every shape and rank")
def _(ctx):
    failures, cases = [], _svd_cases(ctx)
    for m, n, r, k in cases:
        R = k.V[:, :r]
        if r and pinv_exact(k.A) * k.A * R != R:
            failures.append((f"{m}x{n} rank {r}", {"A": k.A}))
    return _decide("A⁺A = id on C(Aᵀ)", len(cases), failures, what="exact SVDs")


def _derivative_matrix(n: int) -> sp.Matrix:
    """d/dx: P_n → P_{n−1} in monomial coefficients (c₀, …, c_n) ↦ (c₁, 2c₂, …, n c_n)."""
    D = sp.zeros(n, n + 1)
    for k in range(1, n + 1):
        D[k - 1, k] = k
    return D


def _integral_matrix(n: int) -> sp.Matrix:
    """f ↦ ∫_0^x f(t) dt: P_{n−1} → P_n in monomial coefficients (constant term 0)."""
    J = sp.zeros(n + 1, n)
    for k in range(n):
        J[k + 1, k] = sp.Rational(1, k + 1)
    return J


def _gram_l2(n: int) -> sp.Matrix:
    """Gram matrix of 1, x, …, x^n in L²[0, 1] (Hilbert matrix)."""
    return sp.Matrix(n + 1, n + 1, lambda i, j: sp.Rational(1, i + j + 1))


def _weighted_penrose(D, X, G_dom, G_cod) -> tuple[bool, ...]:
    """The Penrose conditions for D: (R^{n+1}, G_dom) → (R^n, G_cod): DXD = D, XDX = X, DX and XD self-adjoint."""
    DX, XD = D * X, X * D
    return (D * X * D == D, X * D * X == X, G_cod * DX == (G_cod * DX).T, G_dom * XD == (G_dom * XD).T)


@art.claim("integration-pinv-of-differentiation",
           quote=r"微积分基本定理是说积分 T^{+}(f)=\int_{0}^{x}f(t)dt 是微分 T(f)=\frac{df}{dx} 的伪逆",
           expect="conditional",
           statement="∫_0^x is the pseudo-inverse of d/dx, decided for D: P_n → P_{n−1} (n = 1..6) under two "
                     "inner products: monomial coefficients, and L²[0, 1]")
def _(ctx):
    coef_ok, l2_ok, l2_formula_ok, ftc_ok, first_fail = [], [], [], [], None
    for n in range(1, 7):
        D, J = _derivative_matrix(n), _integral_matrix(n)
        ftc_ok.append(D * J == sp.eye(n))
        coef_ok.append(pinv_exact(D) == J)
        G, H = _gram_l2(n), _gram_l2(n - 1)
        l2_ok.append(all(_weighted_penrose(D, J, G, H)))
        # the L²[0,1] pseudo-inverse of the surjective D: G⁻¹Dᵀ(DG⁻¹Dᵀ)⁻¹; it must satisfy the weighted
        # Penrose conditions, and it is ∫_0^x f minus its mean over [0, 1] (the zero-mean antiderivative)
        Gi = G.inv()
        X = Gi * D.T * (D * Gi * D.T).inv()
        mean_row = sp.Matrix([[sp.Rational(1, k + 1) for k in range(n + 1)]]) * J
        zero_mean = J - sp.Matrix([1] + [0] * n) * mean_row
        l2_formula_ok.append(all(_weighted_penrose(D, X, G, H)) and X == zero_mean)
        if first_fail is None and not l2_ok[-1]:
            first_fail = {"D": D, "J": J, "G_L2": G, "D_pinv_L2": X}
    ev = [Evidence("exact", f"coefficient inner product: pinv_exact(D) = ∫_0^x matrix for "
                            f"{sum(coef_ok)} of 6 degrees; d/dx ∫_0^x = I for {sum(ftc_ok)} of 6",
                   (("coef_agree", sum(coef_ok)), ("ftc", sum(ftc_ok)))),
          Evidence("exact", f"L²[0,1]: ∫_0^x satisfies the weighted Penrose conditions for {sum(l2_ok)} of 6 "
                            f"degrees (XD = 'drop the constant term' is not L²-self-adjoint); the L² "
                            f"pseudo-inverse is the zero-mean antiderivative ∫_0^x f − ∫_0^1∫_0^s f for "
                            f"{sum(l2_formula_ok)} of 6",
                   (("l2_agree", sum(l2_ok)), ("l2_zero_mean", sum(l2_formula_ok))))]
    legs_ev, legs_ok = _pinv_legs([_derivative_matrix(n) for n in (2, 4, 6)], ctx.dps)
    statement = "D⁺ = ∫_0^x (integration with zero constant)"
    if not legs_ok:
        return CheckResult(Verdict.INCONSISTENT, statement, "", (*ev, *legs_ev), where="numeric legs")
    if all(coef_ok) and all(l2_ok):
        return CheckResult(Verdict.VERIFIED, statement, "", (*ev, *legs_ev))
    if all(coef_ok) and all(l2_formula_ok):
        return CheckResult(Verdict.CONDITIONAL, statement, "", (*ev, *legs_ev), first_fail,
                           conditions=("d/dx: P_n → P_{n−1} with the monomial-coefficient inner product (there "
                                       "D⁺ = ∫_0^x exactly); with the L²[0,1] inner product D⁺f = ∫_0^x f − "
                                       "∫_0^1∫_0^s f(t) dt ds instead; the fundamental theorem itself only gives "
                                       "d/dx ∫_0^x = I (a right inverse)",))
    return CheckResult(Verdict.REFUTED, statement, "", (*ev, *legs_ev), first_fail)


@art.claim("integration-pinv-of-differentiation-corrected",
           quote=r"微积分基本定理是说积分 T^{+}(f)=\int_{0}^{x}f(t)dt 是微分 T(f)=\frac{df}{dx} 的伪逆",
           expect="verified",
           statement="on P_n → P_{n−1} with monomial coefficients, D⁺ = ∫_0^x (n = 1..8); with L²[0,1], "
                     "D⁺ is the zero-mean antiderivative (n = 1..6); d/dx ∫_0^x = I in both")
def _(ctx):
    failures, checked = [], 0
    for n in range(1, 9):
        checked += 1
        D, J = _derivative_matrix(n), _integral_matrix(n)
        ok = pinv_exact(D) == J and D * J == sp.eye(n) and all(_weighted_penrose(D, J, sp.eye(n + 1), sp.eye(n)))
        if n <= 6:
            G, H = _gram_l2(n), _gram_l2(n - 1)
            mean_row = sp.Matrix([[sp.Rational(1, k + 1) for k in range(n + 1)]]) * J
            Z = J - sp.Matrix([1] + [0] * n) * mean_row
            ok = ok and all(_weighted_penrose(D, Z, G, H)) and D * Z == sp.eye(n)
        if not ok:
            failures.append((f"degree {n}", {"D": D}))
    return _decide("coefficient inner product: D⁺ = ∫_0^x; L²[0,1]: D⁺ = ∫_0^x − mean", checked, failures,
                   what="degrees")


if __name__ == "__main__":
    art.main()
