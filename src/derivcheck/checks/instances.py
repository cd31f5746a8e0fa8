"""Concrete instances of a claim: shapes for symbolic dimensions, matrices for every rank profile.

The pseudo-inverse is discontinuous where the rank drops, so a false identity
can hold at every full-rank matrix and fail only at rank-deficient ones (for
square A, (A²)⁺ = (A⁺)² holds whenever A is invertible). Sampling therefore
enumerates *rank profiles*: every rank each matrix may have under its
assumptions, at every shape drawn, not only generic draws.
"""

from __future__ import annotations

import itertools
import random
from dataclasses import dataclass
from typing import Iterable, Mapping

import sympy

from ..errors import DimensionError, InputError
from ..validation import validate_dps, validate_seed
from ..budget import checkpoint
from ..exact.expr import Pinv
from .assumptions import MatrixAssumptions
from .sampling import ScalarCondition, broken_assumptions, draw_scalar, sample_matrix, scalar_sign

__all__ = ["MAX_DIM", "validate_sampling", "Instance", "dimension_symbols", "dimension_assignments", "rank_profiles", "draw_instances", "matrix_symbols_of",
           "inverts_a_sum"]


@dataclass(frozen=True)
class Instance:
    """One concrete instance: dimension values, exact matrices, scalar values."""

    dims: tuple[tuple[sympy.Symbol, int], ...]
    matrices: tuple[tuple[sympy.MatrixSymbol, sympy.ImmutableMatrix], ...]
    scalars: tuple[tuple[sympy.Symbol, sympy.Rational], ...]
    ranks: tuple[tuple[str, int], ...]

    @property
    def values(self) -> dict:
        out: dict = dict(self.matrices)
        out.update(dict(self.scalars))
        return out

    @property
    def dim_map(self) -> dict[sympy.Symbol, int]:
        return dict(self.dims)

    def describe(self) -> str:
        shapes = ", ".join(f"{s.name}: {m.shape[0]}x{m.shape[1]} rank {dict(self.ranks)[s.name]}"
                           for s, m in self.matrices)
        sc = ", ".join(f"{s}={v}" for s, v in self.scalars)
        return shapes + (f"; {sc}" if sc else "")


#: The largest value of ``max_dim``: symbolic dimensions range over 1..max_dim.
MAX_DIM = 6


def validate_sampling(*, seed: object = 0, dps: object = 50, max_dim: object = 3,
                      max_shapes: object = 1, per_profile: object = 1) -> None:
    """Refuse sampling parameters out of range, naming the parameter.

    Raises
    ------
    InputError, PrecisionError
        ``seed`` not an integer >= 0; ``dps`` not a valid mpmath precision; ``max_dim`` not
        in 1..:data:`MAX_DIM`; ``max_shapes`` or ``per_profile`` not an integer
        in 1..100.
    """
    validate_seed(seed)
    validate_dps(dps)
    for name, value, top in (("max_dim", max_dim, MAX_DIM), ("max_shapes", max_shapes, 100),
                             ("per_profile", per_profile, 100)):
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= top:
            raise InputError(name, value, f"must be an integer >= 1 and <= {top}",
                             f"pass e.g. {name}=3")


def matrix_symbols_of(*exprs) -> list[sympy.MatrixSymbol]:
    """All MatrixSymbols in the expressions, sorted by name."""
    found: set[sympy.MatrixSymbol] = set()
    for e in exprs:
        if isinstance(e, sympy.Basic):
            found |= {a for a in e.atoms(sympy.MatrixSymbol)}
    return sorted(found, key=lambda s: s.name)


def dimension_symbols(*exprs) -> list[sympy.Symbol]:
    """The symbols that occur in the shapes of any matrix sub-expression."""
    out: set[sympy.Symbol] = set()
    for e in exprs:
        if not isinstance(e, sympy.Basic):
            continue
        nodes = [e, *e.atoms(sympy.MatrixSymbol, sympy.Identity, sympy.ZeroMatrix)]
        for node in nodes:
            if getattr(node, "is_Matrix", False):
                for d in node.shape:
                    if isinstance(d, sympy.Basic):
                        out |= d.free_symbols
    return sorted(out, key=lambda s: s.name)


def _concrete(d, assignment) -> int:
    if not isinstance(d, sympy.Basic):
        return int(d)
    if d.is_Integer:
        return int(d)
    known = assignment.get(d) if d.is_Symbol else None
    if isinstance(known, (int, sympy.Integer)) and not isinstance(known, bool):
        return int(known)
    return int(d.subs(assignment))


def dimension_assignments(
    symbols: list[sympy.MatrixSymbol],
    assumptions: Mapping[sympy.MatrixSymbol, MatrixAssumptions],
    *,
    max_dim: int = 3,
    max_shapes: int = 4,
    rng: random.Random,
    dim_symbols: Iterable[sympy.Symbol] = (),
) -> list[dict[sympy.Symbol, int]]:
    """Choose concrete values for the symbolic dimensions.

    Every assignment with each dimension in ``1..max_dim`` is considered; those
    under which some matrix's assumptions cannot hold are dropped. At most
    *max_shapes* are kept: first, greedily, assignments that make every matrix
    tall, wide and square where it can be (conditions such as "full column
    rank" and "full row rank" can only be told apart on non-square shapes),
    then a seeded sample of the rest.

    Raises
    ------
    DimensionError
        When no assignment satisfies every assumption.
    """
    dsyms = sorted(set(dimension_symbols(*symbols)) | set(dim_symbols), key=lambda s: s.name)
    for s in symbols:
        if all(isinstance(d, (int, sympy.Integer)) for d in s.shape):
            assumptions[s].validate_shape(int(s.shape[0]), int(s.shape[1]))
    candidates = []
    for combo in itertools.product(range(1, max_dim + 1), repeat=len(dsyms)):
        assignment = dict(zip(dsyms, combo))
        ok = True
        for s in symbols:
            m, n = (_concrete(d, assignment) for d in s.shape)
            if m < 0 or n < 0 or not assumptions[s].allowed_ranks(m, n):
                ok = False
                break
        if ok:
            candidates.append(assignment)
    if not candidates:
        shapes = {s.name: s.shape for s in symbols}
        raise DimensionError(
            "shapes", shapes,
            f"no assignment of the dimensions in 1..{max_dim} satisfies the assumptions",
            "check the assumptions (e.g. 'full row rank' needs rows <= columns) or raise max_dim",
        )
    if len(candidates) <= max_shapes:
        return candidates

    def classes(a):
        out = set()
        for s in symbols:
            m, n = (_concrete(d, a) for d in s.shape)
            out.add((s.name, "tall" if m > n else "wide" if m < n else "square"))
        return out

    # greedy: cover every (matrix, tall/wide/square) class that occurs, then sample the rest
    order = sorted(candidates, key=lambda a: tuple(a.values()))
    rng.shuffle(order)
    chosen: list[dict[sympy.Symbol, int]] = []
    covered: set = set()
    while len(chosen) < max_shapes:
        best = max(order, key=lambda a: len(classes(a) - covered))
        if not classes(best) - covered:
            break
        chosen.append(best)
        covered |= classes(best)
        order.remove(best)
    chosen += order[: max_shapes - len(chosen)]
    return chosen


def inverts_a_sum(*exprs) -> bool:
    """Whether a pseudo-inverse or inverse is taken of an expression with a sum of matrices in it.

    The rank of a sum is not fixed by the ranks of its terms: ``(A + B)⁺``
    drops rank only when the terms do together, which the covering set of
    :func:`rank_profiles` must then include.
    """
    for expr in exprs:
        if not isinstance(expr, sympy.Basic):
            continue
        for node in sympy.preorder_traversal(expr):
            inverted = (node.args[0] if isinstance(node, (Pinv, sympy.Inverse))
                        else node.base if isinstance(node, sympy.MatPow) and node.exp.is_negative else None)
            if inverted is not None and any(isinstance(n, sympy.MatAdd) for n in sympy.preorder_traversal(inverted)):
                return True
    return False


def rank_profiles(
    shapes: Mapping[sympy.MatrixSymbol, tuple[int, int]],
    assumptions: Mapping[sympy.MatrixSymbol, MatrixAssumptions],
    *,
    max_profiles: int = 16,
    joint_low_ranks: bool = False,
) -> list[dict[sympy.MatrixSymbol, int]]:
    """Rank profiles to sample: all combinations if few, else a covering set.

    The covering set contains the all-maximal and all-minimal profiles and,
    for every matrix and every rank it may have, a profile with that rank
    (others maximal), so every rank of every matrix is exercised. With
    *joint_low_ranks* (a sum is inverted somewhere, see :func:`inverts_a_sum`)
    it also holds each rank of each matrix with the others minimal, so that
    a sum of the matrices is rank-deficient at every rank it can have.
    """
    syms = sorted(shapes, key=lambda s: s.name)
    allowed = {s: assumptions[s].allowed_ranks(*shapes[s]) for s in syms}
    total = 1
    for s in syms:
        total *= len(allowed[s])
    if total <= max_profiles:
        # generic (all-maximal) profile first, then descending
        return [dict(zip(syms, combo))
                for combo in itertools.product(*(tuple(reversed(allowed[s])) for s in syms))]
    top = {s: allowed[s][-1] for s in syms}
    bottom = {s: allowed[s][0] for s in syms}
    profiles = [top, bottom]
    for others in (top, bottom) if joint_low_ranks else (top,):
        for s in syms:
            for r in allowed[s]:
                p = dict(others)
                p[s] = r
                if p not in profiles:
                    profiles.append(p)
    return profiles


def draw_instances(
    symbols: list[sympy.MatrixSymbol],
    scalar_symbols: list[sympy.Symbol],
    assumptions: Mapping[sympy.MatrixSymbol, MatrixAssumptions],
    *,
    seed: int,
    max_dim: int = 3,
    max_shapes: int = 4,
    per_profile: int = 2,
    dim_symbols: Iterable[sympy.Symbol] = (),
    scalar_conditions: Iterable[ScalarCondition] = (),
    joint_low_ranks: bool = False,
) -> list[Instance]:
    """Draw exact instances covering every shape chosen and every rank profile.

    Parameters
    ----------
    symbols : list of MatrixSymbol
        The claim's matrices.
    scalar_symbols : list of Symbol
        The claim's scalar symbols; a positive symbol gets positive values.
    assumptions : mapping
        From :func:`~derivcheck.checks.assumptions.normalize_assumptions`.
    seed : int
        Seed of the draw: the same seed gives the same instances.
    max_dim, max_shapes : int
        Range and number of concrete shapes for symbolic dimensions.
    per_profile : int
        Independent draws per rank profile.
    dim_symbols : iterable of Symbol
        Further symbolic dimensions (of the sides, not of a matrix).
    scalar_conditions : iterable of ScalarCondition
        Conditions the scalars must satisfy (``c ≠ 0``) besides their own
        SymPy sign assumptions.
    joint_low_ranks : bool
        Also draw the profiles where the matrices are rank-deficient
        together (see :func:`rank_profiles`); for claims that invert a sum.

    Notes
    -----
    Scalars take other rationals than 0 and ±1 in the *per_profile* draws of
    every rank profile (positive and negative in turn, as their sign allows), and one more draw per profile gives them the telling
    values 0, 1, -1 (as their sign allows) in turn, starting at 0 in the
    first (all-maximal) profile: a failure at c = 0 is then seen at full
    rank, where no rank condition can explain it.

    Returns
    -------
    list of Instance
    """
    rng = random.Random(seed)
    conditions = tuple(scalar_conditions)
    signs = {x: scalar_sign(x, conditions) for x in scalar_symbols}
    out: list[Instance] = []
    for assignment in dimension_assignments(symbols, assumptions, max_dim=max_dim,
                                            max_shapes=max_shapes, rng=rng,
                                            dim_symbols=dim_symbols):
        shapes = {s: tuple(_concrete(d, assignment) for d in s.shape) for s in symbols}
        for p_index, profile in enumerate(rank_profiles(shapes, assumptions,
                                                                  joint_low_ranks=joint_low_ranks)):
            # generic scalar values in every draw; one more draw with the telling values
            for draw in range(per_profile + (1 if scalar_symbols else 0)):
                checkpoint()
                mats = tuple(
                    (s, sample_matrix(assumptions[s], *shapes[s], profile[s], rng)) for s in symbols
                )
                special = draw == per_profile
                scal = tuple(
                    (x, draw_scalar(rng, signs[x], p_index + k if special else None,
                                    negative=bool((draw + k) % 2)))
                    for k, x in enumerate(scalar_symbols)
                )
                out.append(Instance(
                    dims=tuple(sorted(assignment.items(), key=lambda kv: kv[0].name)),
                    matrices=mats,
                    scalars=scal,
                    ranks=tuple((s.name, profile[s]) for s in symbols),
                ))
        if joint_low_ranks:
            out.extend(_cancelling_instances(symbols, scalar_symbols, assumptions, shapes, assignment, rng,
                                             signs))
    return out


def _cancelling_instances(symbols, scalar_symbols, assumptions, shapes, assignment, rng, signs) -> list[Instance]:
    """Instances where two matrices of one shape nearly cancel: ``t = R - s`` with R of rank one less.

    Leaf ranks cannot make a sum such as ``A + B`` of two invertible matrices
    singular; these draws can, whenever ``t`` stays within its assumptions
    (checked by :func:`~derivcheck.checks.sampling.broken_assumptions`).
    """
    from ..exact.generators import random_rational_matrix

    out: list[Instance] = []
    top = {s: assumptions[s].allowed_ranks(*shapes[s])[-1] for s in symbols}
    for s, t in itertools.permutations(symbols, 2):
        if shapes[s] != shapes[t] or assumptions[t].structure != "general":
            continue
        checkpoint()
        m, n = shapes[t]
        mats = {u: sample_matrix(assumptions[u], *shapes[u], top[u], rng) for u in symbols}
        low = sympy.ImmutableMatrix(random_rational_matrix(m, n, rank=min(m, n) - 1, seed=rng.randrange(2**31)))
        mats[t] = sympy.ImmutableMatrix(low - mats[s])
        if broken_assumptions(assumptions[t], mats[t]):
            continue
        scal = tuple((x, draw_scalar(rng, signs[x], None, negative=bool(k % 2)))
                     for k, x in enumerate(scalar_symbols))
        out.append(Instance(
            dims=tuple(sorted(assignment.items(), key=lambda kv: kv[0].name)),
            matrices=tuple((u, mats[u]) for u in symbols),
            scalars=scal,
            ranks=tuple((u.name, top[u] if u is not t else mats[t].rank()) for u in symbols),
        ))
    return out
