"""Seeded random scalar losses with right and wrong candidate gradients, and their oracle.

A loss is a sum of one or two rational multiples of trace and Frobenius
terms in the variable ``X`` (n×p) and constant matrices:

=====================  ==========================  ===============================
term                   loss                        gradient (∂L/∂X_ij at (i, j))
=====================  ==========================  ===============================
linear-left            tr(A X)                     Aᵀ
linear-right           tr(Xᵀ A)                    A
sandwich               tr(A X B)                   Aᵀ Bᵀ
quadratic              tr(Xᵀ A X)                  (A + Aᵀ) X; 2 A X if A symmetric
least-squares-left     ‖A X − B‖²_F                2 Aᵀ (A X − B)
least-squares-right    ‖X A − B‖²_F                2 (X A − B) Aᵀ
two-sided              tr(A X B Xᵀ)                Aᵀ X Bᵀ + A X B
norm                   ‖X‖²_F                      2 X
square                 tr(X X)                     2 Xᵀ
=====================  ==========================  ===============================

The table is the generator's, not the judge's: the oracle computes the
gradient of every claim itself, entry by entry, as the exact derivative
d/dt L(X + t E_ij) at t = 0 (dual numbers over ``Fraction``: the coefficient
of t of the polynomial L(X + t E_ij)), and calls the candidate ``true`` when
it equals that gradient at every one of several random integer instances
(symmetric where assumed), ``false`` otherwise. Wrong candidates: a dropped
transpose, a missing factor 2, a flipped sign, a dropped term, and the
symmetric shortcut 2AX without the assumption.
"""

from __future__ import annotations

import random
import time
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Mapping

from . import exact_matrices as em
from .trees import (Add, Dual, Loss, Mul, Node, Scale, Sym, T, evaluate_exact, evaluate_loss, render,
                    replace_at, shape_of, subtrees, symbols_of)

__all__ = ["GradientClaim", "GradientTruth", "random_gradient_claims", "gradient_claims",
           "classify_gradient", "exact_gradient", "run_gradient_check"]

COEFS = (Fraction(1), Fraction(1), Fraction(2), Fraction(-1), Fraction(1, 2), Fraction(3))


@dataclass(frozen=True)
class GradientClaim:
    label: str
    loss: Loss
    wrt: Sym
    candidate: Node
    symmetric: frozenset  # names of the constants assumed symmetric

    def text(self) -> str:
        assume = f"  [assume {', '.join(sorted(self.symmetric))} symmetric]" if self.symmetric else ""
        return f"d/d{self.wrt.name} {render(self.loss)} = {render(self.candidate)}{assume}"


@dataclass(frozen=True)
class GradientTruth:
    truth: str  # "true" or "false"
    instances: int
    witness: str = ""


def _term(rng: random.Random, kind: str, x: Sym, dims: list[int], fresh) -> tuple[Node, Node, Sym | None]:
    """(trace argument, its gradient, the square constant that may be assumed symmetric)."""
    n, p = x.rows, x.cols
    k = rng.choice(dims)
    if kind == "linear-left":
        a = fresh(p, n)
        return Mul(a, x), T(a), None
    if kind == "linear-right":
        a = fresh(n, p)
        return Mul(T(x), a), a, None
    if kind == "sandwich":
        a, b = fresh(k, n), fresh(p, k)
        return Mul(Mul(a, x), b), Mul(T(a), T(b)), None
    if kind == "quadratic":
        a = fresh(n, n)
        return Mul(Mul(T(x), a), x), Mul(Add(a, T(a)), x), a
    if kind == "least-squares-left":
        a, b = fresh(k, n), fresh(k, p)
        r = Add(Mul(a, x), Scale(Fraction(-1), b))
        return Mul(T(r), r), Scale(Fraction(2), Mul(T(a), r)), None
    if kind == "least-squares-right":
        a, b = fresh(p, k), fresh(n, k)
        r = Add(Mul(x, a), Scale(Fraction(-1), b))
        return Mul(T(r), r), Scale(Fraction(2), Mul(r, T(a))), None
    if kind == "two-sided":
        a, b = fresh(n, n), fresh(p, p)
        return (Mul(Mul(Mul(a, x), b), T(x)), Add(Mul(Mul(T(a), x), T(b)), Mul(Mul(a, x), b)),
                a if rng.random() < 0.5 else b)
    if kind == "norm":
        return Mul(T(x), x), Scale(Fraction(2), x), None
    if kind == "square":
        return Mul(x, x), Scale(Fraction(2), T(x)), None
    raise ValueError(f"unknown term kind={kind!r}")


def _symmetric_form(kind: str, grad: Node, sym: Sym) -> Node:
    """The gradient simplified with ``sym`` symmetric (Aᵀ replaced by A)."""
    if kind == "quadratic":
        return Scale(Fraction(2), Mul(sym, grad.right))  # (A + Aᵀ) X → 2 A X
    return _drop_transposes_of(grad, sym)


def _drop_transposes_of(node: Node, sym: Sym) -> Node:
    for path, sub in subtrees(node):
        if isinstance(sub, T) and sub.arg == sym:
            return _drop_transposes_of(replace_at(node, path, sym), sym)
    return node


def _mutations(rng: random.Random, terms: list[tuple[Fraction, Node]], x: Sym, consts: list[Sym],
               kinds: list[str]) -> list[tuple[str, list[tuple[Fraction, Node]]]]:
    """Wrong candidates, each as a modified list of (coefficient, gradient) terms."""
    out = []
    i = rng.randrange(len(terms))
    c, g = terms[i]

    def with_term(new):
        t = list(terms)
        t[i] = new
        return t

    out.append(("factor 2 missing", with_term((c / 2, g))))
    out.append(("sign flipped", with_term((-c, g))))
    squares = [s for s in consts if s.rows == s.cols and any(sub == T(s) for _, sub in subtrees(g))]
    if squares:
        out.append(("dropped transpose", with_term((c, _drop_transposes_of(g, rng.choice(squares))))))
    elif shape_of(g)[0] == shape_of(g)[1]:
        out.append(("transposed gradient", with_term((c, T(g)))))
    if len(terms) > 1:
        out.append(("dropped term", [t for j, t in enumerate(terms) if j != i]))
    if kinds[i] == "quadratic" and isinstance(g, Mul) and isinstance(g.left, Add):
        a = g.left.left  # (A + Aᵀ) X
        out.append(("symmetric shortcut 2AX", with_term((c, Scale(Fraction(2), Mul(a, g.right))))))
    return out


def _candidate(terms: list[tuple[Fraction, Node]]) -> Node:
    node = None
    for c, g in terms:
        part = g if c == 1 else Scale(c, g)
        node = part if node is None else Add(node, part)
    return node


def random_gradient_claims(rng: random.Random, max_dim: int = 3) -> list[GradientClaim]:
    """One random loss with its right candidate and its wrong ones."""
    dims = list(range(1, max_dim + 1))
    n, p = rng.choice(dims), rng.choice(dims)
    x = Sym("X", n, p)
    consts: list[Sym] = []

    def fresh(r: int, c: int) -> Sym:
        s = Sym("ABCDEFGH"[len(consts)], r, c)
        consts.append(s)
        return s

    kinds_all = ["linear-left", "linear-right", "sandwich", "quadratic", "quadratic", "least-squares-left",
                 "least-squares-right", "two-sided", "norm"] + (["square"] if n == p else [])
    kinds = [rng.choice(kinds_all) for _ in range(rng.choice([1, 1, 2]))]
    loss_terms, grad_terms, symmetric = [], [], set()
    for kind in kinds:
        arg, grad, sym_candidate = _term(rng, kind, x, dims, fresh)
        coef = rng.choice(COEFS)
        if sym_candidate is not None and sym_candidate.rows > 1 and rng.random() < 0.5:  # 1×1: vacuous
            symmetric.add(sym_candidate.name)
            grad = _symmetric_form(kind, grad, sym_candidate)
        loss_terms.append((coef, arg))
        grad_terms.append((coef, grad))
    loss = Loss(tuple(loss_terms))
    sym = frozenset(symmetric)
    base = "+".join(kinds)
    claims = [GradientClaim(f"{base}: right", loss, x, _candidate(grad_terms), sym)]
    for label, terms in _mutations(rng, grad_terms, x, consts, kinds):
        if terms:
            claims.append(GradientClaim(f"{base}: {label}", loss, x, _candidate(terms), sym))
    return claims


def gradient_claims(seed: int, count: int, max_dim: int = 3, symmetric_share: float = 0.0) -> list[GradientClaim]:
    """*count* claims from *seed*: each loss with its right candidate and one wrong one, in turn.

    A share *symmetric_share* of the losses is drawn again until it states a
    symmetric assumption (the losses in turn, so the share is exact).
    """
    rng = random.Random(seed)
    out: list[GradientClaim] = []
    losses = 0
    while len(out) < count:
        losses += 1
        want_symmetric = int(losses * symmetric_share) > int((losses - 1) * symmetric_share)
        group = random_gradient_claims(rng, max_dim)
        while want_symmetric and not group[0].symmetric:
            group = random_gradient_claims(rng, max_dim)
        out.append(group[0])
        if len(out) < count:
            out.append(rng.choice(group[1:]))
    return out


def _draw(rng: random.Random, s: Sym, symmetric: frozenset) -> em.Matrix:
    if s.name in symmetric:
        return em.random_symmetric(rng, s.rows)
    return em.random_matrix_of_rank(rng, s.rows, s.cols, min(s.rows, s.cols))


def exact_gradient(loss: Loss, wrt: Sym, values: Mapping[str, em.Matrix]) -> em.Matrix:
    """∂L/∂X_ij = d/dt L(X + t E_ij) at t = 0, exactly, for every entry."""
    x = values[wrt.name]
    rows = []
    for i in range(wrt.rows):
        row = []
        for j in range(wrt.cols):
            moved = tuple(tuple(Dual(x[a][b], int(a == i and b == j)) for b in range(wrt.cols))
                          for a in range(wrt.rows))
            row.append(Dual.lift(evaluate_loss(loss, {**values, wrt.name: moved})).slope)
        rows.append(tuple(row))
    return tuple(rows)


def classify_gradient(claim: GradientClaim, instances: int = 3, seed: int = 0) -> GradientTruth:
    """``true`` when the candidate equals the exact gradient at every random instance."""
    rng = random.Random(seed * 7919 + len(render(claim.candidate)))
    symbols = symbols_of(claim.loss, claim.candidate, claim.wrt).values()
    if shape_of(claim.candidate) != (claim.wrt.rows, claim.wrt.cols):
        return GradientTruth("false", 0, "the candidate's shape differs from the variable's")
    for k in range(instances):
        values = {s.name: _draw(rng, s, claim.symmetric) for s in symbols}
        if exact_gradient(claim.loss, claim.wrt, values) != evaluate_exact(claim.candidate, values):
            return GradientTruth("false", k + 1, f"differs at instance {k + 1}")
    return GradientTruth("true", instances)


def _counterexample_status(claim: GradientClaim, counterexample) -> str:
    if not counterexample:
        return "missing"
    values = {}
    for s in symbols_of(claim.loss, claim.candidate, claim.wrt).values():
        if s.name not in counterexample:
            return f"{s.name} missing"
        m = counterexample[s.name]
        if tuple(m.shape) != (s.rows, s.cols):
            return f"{s.name} has shape {tuple(m.shape)}"
        values[s.name] = em.as_matrix(m.tolist())
        if s.name in claim.symmetric and values[s.name] != em.transpose(values[s.name]):
            return f"{s.name} is not symmetric, against the assumption"
    if exact_gradient(claim.loss, claim.wrt, values) == evaluate_exact(claim.candidate, values):
        return "the candidate equals the gradient there"
    return "fails"


def judge_gradient(claim: GradientClaim, truth: GradientTruth, result: Any, seconds: float = 0.0):
    from .oracle import Judgement

    verdict, t = str(result.verdict), truth.truth

    def out(category: str, reason: str = ""):
        return Judgement(category, verdict, t, reason, seconds)

    if verdict in ("undecided", "inconsistent"):
        return out(verdict, result.where or "")
    if verdict in ("proved", "verified"):
        return out("right") if t == "true" else out("wrong", f"{verdict} but the oracle finds {truth.witness}")
    if verdict == "refuted":
        ce = _counterexample_status(claim, result.counterexample)
        if t == "true":
            return out("oracle-miss" if ce == "fails" else "wrong", f"refuted a true claim; counterexample: {ce}")
        if ce in ("fails", "missing") or ce.endswith("missing"):
            return out("right", "" if ce == "fails" else f"counterexample not checkable: {ce}")
        return out("wrong", f"refuted with a counterexample that is none: {ce}")
    return out("wrong", f"{verdict} for a gradient claim (no rank condition applies)")


def run_gradient_check(claim: GradientClaim, truth: GradientTruth, *, budget: float | None = None, seed: int = 0):
    """derivcheck's ``check_gradient`` on the claim, judged against *truth*."""
    import sympy

    from derivcheck import check_gradient

    from .oracle import Judgement, call_with_budget
    from .trees import loss_to_sympy, to_sympy

    assume = {sympy.MatrixSymbol(s.name, s.rows, s.cols): "symmetric"
              for s in symbols_of(claim.loss).values() if s.name in claim.symmetric}
    t0 = time.perf_counter()
    try:
        result = call_with_budget(check_gradient, loss_to_sympy(claim.loss), to_sympy(claim.wrt),
                                  to_sympy(claim.candidate), assume=assume or None, budget=budget, seed=seed)
    except Exception as exc:  # any exception is a finding, reported with its type
        return Judgement("error", "error", truth.truth, f"{type(exc).__name__}: {exc}", time.perf_counter() - t0)
    return judge_gradient(claim, truth, result, time.perf_counter() - t0)
