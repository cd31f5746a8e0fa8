"""Seeded random identities ``lhs = rhs`` between matrix expression trees.

A claim applies one rewrite rule to a random subexpression ``M`` (and ``N``)
built from a small pool of named matrices with concrete shapes 1..max_dim,
then optionally embeds both sides in the same random context (a factor on
the left or right, a summand, a transpose, a pseudo-inverse). The rules come
in three families, named by what they are *meant* to be; the oracle, not the
family, decides each claim's truth class:

``true``
    Penrose identities and their consequences, valid for every matrix.
``full-rank``
    Rewrites valid when the matrices have full rank, false at some
    rank-deficient one ((MN)⁺ = N⁺M⁺, M⁺ = (MᵀM)⁻¹Mᵀ, MM⁺ = I, ...).
``false``
    Perturbations: a dropped transpose, a wrong factor, a swapped order, an
    extra term, an unrelated expression.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from fractions import Fraction
from typing import Callable

from .trees import Add, Ident, Inv, Mul, Node, P, Scale, Sym, T, render, shape_of, symbols_of

__all__ = ["IdentityClaim", "RULES", "random_identity", "identity_claims", "SymbolPool"]

NAMES = "ABCD"


@dataclass(frozen=True)
class IdentityClaim:
    """One candidate identity and where it came from."""

    label: str
    family: str  # "true", "full-rank" or "false": the rule's intent, not the truth
    lhs: Node
    rhs: Node
    assume: tuple[tuple[str, str], ...] = ()  # (matrix name, rank word) stated with the claim

    def text(self) -> str:
        stated = f"  [assume {', '.join(f'{n} {w}' for n, w in self.assume)}]" if self.assume else ""
        return f"{render(self.lhs)} = {render(self.rhs)}{stated}"

    @property
    def symbols(self) -> dict[str, Sym]:
        return symbols_of(self.lhs, self.rhs)


class SymbolPool:
    """Named matrices with random concrete shapes, and random trees over them."""

    def __init__(self, rng: random.Random, max_dim: int, max_symbols: int):
        self.rng = rng
        self.max_dim = max_dim
        self.dims = sorted(rng.sample(range(1, max_dim + 1), k=min(max_dim, rng.choice([1, 2, 2, 3]))))
        self.symbols: list[Sym] = []
        self.max_symbols = max_symbols

    def symbol(self, rows: int, cols: int) -> Node | None:
        """A leaf of shape rows×cols: an existing symbol, its transpose, a new symbol."""
        fits = [s for s in self.symbols if (s.rows, s.cols) == (rows, cols)]
        flipped = [s for s in self.symbols if (s.cols, s.rows) == (rows, cols) and rows != cols]
        options: list[Node] = list(fits) + [T(s) for s in flipped]
        if len(self.symbols) < self.max_symbols and (not options or self.rng.random() < 0.3):
            s = Sym(NAMES[len(self.symbols)], rows, cols)
            self.symbols.append(s)
            return s
        return self.rng.choice(options) if options else None

    def tree(self, rows: int, cols: int, depth: int) -> Node | None:
        """A random tree of the given shape, or None when the pool cannot make one."""
        rng = self.rng
        if depth <= 0 or rng.random() < 0.35:
            leaf = self.symbol(rows, cols)
            if leaf is not None or depth <= 0:
                return leaf
        ops = ["mul", "mul", "add", "t", "p"] + (["inv"] if rows == cols else [])
        for _ in range(4):
            op = rng.choice(ops)
            if op == "mul":
                k = rng.choice(self.dims)
                a, b = self.tree(rows, k, depth - 1), self.tree(k, cols, depth - 1)
                if a is not None and b is not None:
                    return Mul(a, b)
            elif op == "add":
                a, b = self.tree(rows, cols, depth - 1), self.tree(rows, cols, depth - 1)
                if a is not None and b is not None and a != b:
                    return Add(a, b)
            elif op == "t":
                a = self.tree(cols, rows, depth - 1)
                if a is not None:
                    return T(a)
            elif op == "p":
                a = self.tree(cols, rows, depth - 1)
                if a is not None:
                    return P(a)
            else:
                a = self.tree(rows, rows, depth - 1)
                if a is not None:
                    return Inv(a)
        return self.symbol(rows, cols)

    def shape(self, kind: str = "any") -> tuple[int, int]:
        """A random shape from the pool's dimensions: any, tall (m ≥ n), wide (m ≤ n) or square."""
        m, n = self.rng.choice(self.dims), self.rng.choice(self.dims)
        if kind == "square":
            return m, m
        if kind == "tall":
            return max(m, n), min(m, n)
        if kind == "wide":
            return min(m, n), max(m, n)
        return m, n


# A rule takes the pool, returns (lhs, rhs) or None when the pool cannot build its operands.
Rule = Callable[[SymbolPool, int], "tuple[Node, Node] | None"]


def _operand(pool: SymbolPool, kind: str, depth: int) -> Node | None:
    m, n = pool.shape(kind)
    return pool.tree(m, n, depth)


def _one(kind: str, build: Callable[[Node, SymbolPool], "tuple[Node, Node] | None"]) -> Rule:
    def rule(pool: SymbolPool, depth: int):
        a = _operand(pool, kind, depth)
        return None if a is None else build(a, pool)
    return rule


def _product(kind_left: str, kind_right: str, build) -> Rule:
    """Operands M (r×k) and N (k×c): M of kind_left, N of kind_right."""
    def rule(pool: SymbolPool, depth: int):
        r, k = pool.shape(kind_left)
        if kind_right == "wide":
            c = pool.rng.choice([d for d in pool.dims if d >= k] or [k])
        elif kind_right == "tall":
            c = pool.rng.choice([d for d in pool.dims if d <= k] or [k])
        elif kind_right == "square":
            c = k
        else:
            c = pool.rng.choice(pool.dims)
        a, b = pool.tree(r, k, depth), pool.tree(k, c, depth)
        return None if a is None or b is None else build(a, b, pool)
    return rule


def _perturbation(pool: SymbolPool, m: int, n: int) -> Node | None:
    return pool.tree(m, n, 0) if pool.rng.random() < 0.6 else (Ident(m) if m == n else pool.tree(m, n, 1))


def _sum_rule(pool: SymbolPool, depth: int):
    m, n = pool.shape()
    a, b = pool.tree(m, n, depth), pool.tree(m, n, depth)
    if a is None or b is None or a == b:
        return None
    return P(Add(a, b)), Add(P(a), P(b))


def _extra_term(pool: SymbolPool, depth: int):
    m, n = pool.shape()
    a = pool.tree(n, m, depth)
    e = _perturbation(pool, m, n)
    if a is None or e is None:
        return None
    return P(a), Add(P(a), e)


def _unrelated(pool: SymbolPool, depth: int):
    m, n = pool.shape()
    a, b = pool.tree(m, n, depth + 1), pool.tree(m, n, depth + 1)
    return None if a is None or b is None or a == b else (a, b)


TWO = Fraction(2)

RULES: dict[str, tuple[str, Rule]] = {
    # valid for every matrix
    "penrose-1 MM+M=M": ("true", _one("any", lambda a, p: (Mul(Mul(a, P(a)), a), a))),
    "penrose-2 M+MM+=M+": ("true", _one("any", lambda a, p: (Mul(Mul(P(a), a), P(a)), P(a)))),
    "penrose-3 (MM+)'=MM+": ("true", _one("any", lambda a, p: (T(Mul(a, P(a))), Mul(a, P(a))))),
    "penrose-4 (M+M)'=M+M": ("true", _one("any", lambda a, p: (T(Mul(P(a), a)), Mul(P(a), a)))),
    "transpose (M')+=(M+)'": ("true", _one("any", lambda a, p: (P(T(a)), T(P(a))))),
    "involution (M+)+=M": ("true", _one("any", lambda a, p: (P(P(a)), a))),
    "normal-left M+=(M'M)+M'": ("true", _one("any", lambda a, p: (P(a), Mul(P(Mul(T(a), a)), T(a))))),
    "normal-right M+=M'(MM')+": ("true", _one("any", lambda a, p: (P(a), Mul(T(a), P(Mul(a, T(a))))))),
    "idempotent (MM+)^2=MM+": ("true", _one("any", lambda a, p: (Mul(Mul(a, P(a)), Mul(a, P(a))), Mul(a, P(a))))),
    "projector (M+M)+=M+M": ("true", _one("any", lambda a, p: (P(Mul(P(a), a)), Mul(P(a), a)))),
    "gram (M'M)+=M+M+'": ("true", _one("any", lambda a, p: (P(Mul(T(a), a)), Mul(P(a), T(P(a)))))),
    "absorb M'MM+=M'": ("true", _one("any", lambda a, p: (Mul(Mul(T(a), a), P(a)), T(a)))),
    "absorb M+MM'=M'": ("true", _one("any", lambda a, p: (Mul(Mul(P(a), a), T(a)), T(a)))),
    "range M+=M+M+'M'": ("true", _one("any", lambda a, p: (P(a), Mul(Mul(P(a), T(P(a))), T(a))))),
    "scale (cM)+=M+/c": ("true", _one("any", lambda a, p: (
        P(Scale(Fraction(c := p.rng.choice([2, -3, 5])), a)), Scale(Fraction(1, c), P(a))))),
    "push-through (I+M'M)^-1M'=M'(I+MM')^-1": ("true", _one("any", lambda a, p: (
        Mul(Inv(Add(Ident(shape_of(a)[1]), Mul(T(a), a))), T(a)),
        Mul(T(a), Inv(Add(Ident(shape_of(a)[0]), Mul(a, T(a)))))))),
    "product transpose (MN)'=N'M'": ("true", _product("any", "any", lambda a, b, p: (T(Mul(a, b)), Mul(T(b), T(a))))),
    "gram-right (MM')+=M+'M+": ("true", _one("any", lambda a, p: (P(Mul(a, T(a))), Mul(T(P(a)), P(a))))),
    # valid at full rank only
    "reverse order (MN)+=N+M+ (M tall, N wide)": ("full-rank", _product("tall", "wide", lambda a, b, p: (
        P(Mul(a, b)), Mul(P(b), P(a))))),
    "closed form M+=(M'M)^-1M' (M tall)": ("full-rank", _one("tall", lambda a, p: (
        P(a), Mul(Inv(Mul(T(a), a)), T(a))))),
    "closed form M+=M'(MM')^-1 (M wide)": ("full-rank", _one("wide", lambda a, p: (
        P(a), Mul(T(a), Inv(Mul(a, T(a))))))),
    "right inverse MM+=I (M wide)": ("full-rank", _one("wide", lambda a, p: (Mul(a, P(a)), Ident(shape_of(a)[0])))),
    "left inverse M+M=I (M tall)": ("full-rank", _one("tall", lambda a, p: (Mul(P(a), a), Ident(shape_of(a)[1])))),
    "inverse M+=M^-1 (M square)": ("full-rank", _one("square", lambda a, p: (P(a), Inv(a)))),
    "power (MM)+=M+M+ (M square)": ("full-rank", _one("square", lambda a, p: (P(Mul(a, a)), Mul(P(a), P(a))))),
    "inverse of product (MN)^-1=N^-1M^-1": ("full-rank", _product("square", "square", lambda a, b, p: (
        Inv(Mul(a, b)), Mul(Inv(b), Inv(a))))),
    "gram inverse (M'M)^-1=M+M+' (M tall)": ("full-rank", _one("tall", lambda a, p: (
        Inv(Mul(T(a), a)), Mul(P(a), T(P(a)))))),
    "commuting projectors M+M=MM+ (M square)": ("full-rank", _one("square", lambda a, p: (
        Mul(P(a), a), Mul(a, P(a))))),
    "gram projector (M'M)+M'M=I (M tall)": ("full-rank", _one("tall", lambda a, p: (
        Mul(P(Mul(T(a), a)), Mul(T(a), a)), Ident(shape_of(a)[1])))),
    # perturbations
    "reverse order (MN)+=N+M+ (M wide, N tall)": ("false", _product("wide", "tall", lambda a, b, p: (
        P(Mul(a, b)), Mul(P(b), P(a))))),
    "wrong order (MN)+=M+N+ (square)": ("false", _product("square", "square", lambda a, b, p: (
        P(Mul(a, b)), Mul(P(a), P(b))))),
    "dropped transpose M+=(M'M)+M (square)": ("false", _one("square", lambda a, p: (P(a), Mul(P(Mul(T(a), a)), a)))),
    "dropped transpose (MM+)'=M+M (square)": ("false", _one("square", lambda a, p: (T(Mul(a, P(a))), Mul(P(a), a)))),
    "wrong factor M+=2M+": ("false", _one("any", lambda a, p: (P(a), Scale(TWO, P(a))))),
    "wrong factor (cM)+=cM+": ("false", _one("any", lambda a, p: (P(Scale(TWO, a)), Scale(TWO, P(a))))),
    "wrong penrose M+MM+=M (square)": ("false", _one("square", lambda a, p: (Mul(Mul(P(a), a), P(a)), a))),
    "transpose for pinv M+=M'": ("false", _one("any", lambda a, p: (P(a), T(a)))),
    "pinv of sum (M+N)+=M+ + N+": ("false", _sum_rule),
    "extra term M+=M+ + E": ("false", _extra_term),
    "unrelated E1=E2": ("false", _unrelated),
}


def _embed(pool: SymbolPool, lhs: Node, rhs: Node) -> tuple[Node, Node, str]:
    """Both sides in the same random context."""
    rng = pool.rng
    m, n = shape_of(lhs)
    choice = rng.choice(["none", "none", "left", "right", "sum", "transpose", "pinv"])
    if choice == "left":
        k = rng.choice(pool.dims)
        f = pool.tree(k, m, 1)
        return (Mul(f, lhs), Mul(f, rhs), "left factor") if f is not None else (lhs, rhs, "")
    if choice == "right":
        k = rng.choice(pool.dims)
        f = pool.tree(n, k, 1)
        return (Mul(lhs, f), Mul(rhs, f), "right factor") if f is not None else (lhs, rhs, "")
    if choice == "sum":
        f = pool.tree(m, n, 1)
        return (Add(lhs, f), Add(f, rhs), "summand") if f is not None else (lhs, rhs, "")
    if choice == "transpose":
        return T(lhs), T(rhs), "transpose"
    if choice == "pinv":
        return P(lhs), P(rhs), "pinv of both sides"
    return lhs, rhs, ""


def full_rank_words(symbols) -> tuple[tuple[str, str], ...]:
    """The word that says "full rank" for each matrix: full column rank, full row rank, invertible."""
    out = []
    for s in symbols:
        word = "invertible" if s.rows == s.cols else ("full column rank" if s.rows > s.cols else "full row rank")
        out.append((s.name, word))
    return tuple(out)


def random_identity(rng: random.Random, *, max_dim: int = 3, max_symbols: int = 2, depth: int = 1,
                    family: str | None = None, max_profiles: int = 36,
                    assume_rate: float = 0.0) -> IdentityClaim:
    """One random claim (of the given rule family, or any), shape-correct by construction.

    *max_profiles* bounds the number of rank profiles (the product over the
    symbols of 1 + min(rows, cols)), which is what the oracle's cost grows with.
    With probability *assume_rate* a claim states that every matrix has full
    rank (:func:`full_rank_words`); the rate 0 draws no extra random number,
    so that claims without assumptions do not depend on it.
    """
    names = [k for k, (fam, _) in RULES.items() if family is None or fam == family]
    while True:
        label = rng.choice(names)
        fam, rule = RULES[label]
        pool = SymbolPool(rng, max_dim, max_symbols)
        built = rule(pool, rng.randint(0, depth))
        if built is None:
            continue
        lhs, rhs = built
        lhs, rhs, context = _embed(pool, lhs, rhs)
        if lhs == rhs:
            continue
        claim = IdentityClaim(label + (f" [{context}]" if context else ""), fam, lhs, rhs)
        profiles = 1
        for s in claim.symbols.values():
            profiles *= 1 + min(s.rows, s.cols)
        if profiles <= max_profiles:
            if assume_rate and rng.random() < assume_rate:
                claim = IdentityClaim(claim.label + " [full rank assumed]", fam, lhs, rhs,
                                      full_rank_words(claim.symbols.values()))
            return claim


def identity_claims(seed: int, count: int, **options) -> list[IdentityClaim]:
    """*count* claims from *seed*, the three families in turn (reproducible)."""
    rng = random.Random(seed)
    families = ["true", "full-rank", "false"]
    return [random_identity(rng, family=families[i % 3], **options) for i in range(count)]
