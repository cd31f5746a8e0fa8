"""A registry of small named, tagged test matrices, each with its exact facts.

A failing test names its case. The matrices come from the exact generators
(:mod:`derivcheck.exact.generators`) or from closed formulas (Hilbert inverse,
rank-one pseudo-inverse), never from the code under test.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import Iterable

import sympy

from derivcheck.errors import InputError
from derivcheck.exact.convert import as_exact_scalar
from derivcheck.exact.generators import (
    KnownSVD,
    matrix_with_condition_number,
    matrix_with_singular_values,
    random_rational_matrix,
)

#: Every tag a :class:`MatrixCase` may carry. ``ill-conditioned`` marks
#: ``κ₂ = σ₁/σ_r ≥ 10³``; ``known-svd`` marks known exact singular values;
#: ``article`` marks a matrix printed in one of the checked articles.
CASE_TAGS: frozenset[str] = frozenset(
    {
        "square", "tall", "wide", "empty", "zero", "rank-deficient", "full-rank",
        "ill-conditioned", "diagonal", "symmetric", "vector", "article", "known-svd",
    }
)


@dataclass(frozen=True)
class MatrixCase:
    """One named test matrix with what is known about it exactly.

    Parameters
    ----------
    name : str
        Unique, used as the pytest id.
    matrix : sympy.ImmutableMatrix, shape (m, n)
    rank : int
        Stated independently of the matrix (tests compare).
    tags : frozenset of str
        From :data:`CASE_TAGS`. Shape tags (``square``, ``tall``, ``wide``,
        ``empty``, ``vector``) and rank tags are derived here; ``full-rank`` and
        ``rank-deficient`` are only given to non-empty matrices.
    singular_values : tuple of sympy.Expr or None
        All ``min(m, n)`` singular values, decreasing, when known exactly.
    pinv : sympy.ImmutableMatrix or None, shape (n, m)
        The exact pseudo-inverse when known from an independent source.
    source : str
        Where the known values come from.
    """

    name: str
    matrix: sympy.ImmutableMatrix
    rank: int
    tags: frozenset[str] = field(default_factory=frozenset)
    singular_values: tuple[sympy.Expr, ...] | None = None
    pinv: sympy.ImmutableMatrix | None = None
    source: str = ""

    def __post_init__(self) -> None:
        m, n = self.matrix.shape
        if self.singular_values is not None:
            values = tuple(
                as_exact_scalar(s, name=f"{self.name}.singular_values[{i}]")
                for i, s in enumerate(self.singular_values)
            )
            object.__setattr__(self, "singular_values", values)
        derived = set(self.tags)
        derived.add("square" if m == n else ("tall" if m > n else "wide"))
        if m == 0 or n == 0:
            derived.add("empty")
        else:
            derived.add("full-rank" if self.rank == min(m, n) else "rank-deficient")
            if self.rank == 0:
                derived.add("zero")
            if m == 1 or n == 1:
                derived.add("vector")
            if m == n and self.matrix.is_symmetric():
                derived.add("symmetric")
        if self.singular_values is not None:
            derived.add("known-svd")
        unknown = derived - CASE_TAGS
        if unknown:
            raise InputError("tags", sorted(unknown), "unknown case tags", f"use tags from {sorted(CASE_TAGS)}")
        object.__setattr__(self, "tags", frozenset(derived))

    @property
    def shape(self) -> tuple[int, int]:
        """The shape ``(m, n)`` of the matrix."""
        return tuple(self.matrix.shape)  # type: ignore[return-value]

    @property
    def condition_number(self) -> sympy.Expr | None:
        """``σ₁/σ_r`` when the singular values are known and the rank is >= 1."""
        if self.singular_values is None:
            return None
        nonzero = [s for s in self.singular_values if s != 0]
        return sympy.simplify(nonzero[0] / nonzero[-1]) if nonzero else None

    def __repr__(self) -> str:
        return f"MatrixCase({self.name!r}, shape={self.shape}, rank={self.rank})"


def _M(rows: list[list[object]]) -> sympy.ImmutableMatrix:
    return sympy.ImmutableMatrix(rows)


def _R(p: int, q: int = 1) -> sympy.Rational:
    return sympy.Rational(p, q)


def _from_known(name: str, svd: KnownSVD, tags: Iterable[str] = (), source: str = "") -> MatrixCase:
    return MatrixCase(
        name, svd.A, svd.rank, frozenset(tags), svd.singular_values, svd.pinv,
        source or "constructed as U Σ Vᵀ with rational orthogonal U, V; pinv = V Σ⁺ Uᵀ",
    )


def _hilbert_inverse(n: int) -> sympy.ImmutableMatrix:
    """The exact inverse of the n x n Hilbert matrix by its closed formula."""
    b = sympy.binomial
    return sympy.ImmutableMatrix(
        n, n,
        lambda i, j: (
            (-1) ** (i + j) * (i + j + 1)
            * b(n + i, n - j - 1) * b(n + j, n - i - 1) * b(i + j, i) ** 2
        ),
    )


def _rank_one_pinv(u: list[int], v: list[int]) -> sympy.ImmutableMatrix:
    """``(u vᵀ)⁺ = v uᵀ / (‖u‖² ‖v‖²)``."""
    U, V = sympy.Matrix(u), sympy.Matrix(v)
    return sympy.ImmutableMatrix(V * U.T / ((U.T * U)[0] * (V.T * V)[0]))


def _build_cases() -> tuple[MatrixCase, ...]:
    Z = sympy.ImmutableMatrix.zeros
    hilbert4 = sympy.ImmutableMatrix(4, 4, lambda i, j: _R(1, i + j + 1))
    rank1_u, rank1_v = [1, 2, 2], [2, 3, 6]  # norms 3 and 7
    dup_u, dup_v = [1, 2, 2], [1, 1]
    out = [
        MatrixCase("empty-0x0", Z(0, 0), 0, singular_values=(), pinv=Z(0, 0), source="definition"),
        MatrixCase("empty-0x3", Z(0, 3), 0, singular_values=(), pinv=Z(3, 0), source="definition"),
        MatrixCase("empty-3x0", Z(3, 0), 0, singular_values=(), pinv=Z(0, 3), source="definition"),
        MatrixCase("zero-1x1", Z(1, 1), 0, singular_values=(0,), pinv=Z(1, 1), source="0⁺ = 0"),
        MatrixCase("zero-3x2", Z(3, 2), 0, singular_values=(0, 0), pinv=Z(2, 3), source="0⁺ = 0ᵀ"),
        MatrixCase("scalar-1x1", _M([[-2]]), 1, frozenset({"diagonal"}), (2,), _M([[_R(-1, 2)]]), "a⁺ = 1/a"),
        MatrixCase("identity-4", sympy.ImmutableMatrix.eye(4), 4, singular_values=(1, 1, 1, 1),
                   pinv=sympy.ImmutableMatrix.eye(4), source="I⁺ = I"),
        MatrixCase(
            "diagonal-3x4-with-zero", _M([[3, 0, 0, 0], [0, 0, 0, 0], [0, 0, _R(1, 2), 0]]), 2,
            frozenset({"diagonal"}), (3, _R(1, 2), 0),
            _M([[_R(1, 3), 0, 0], [0, 0, 0], [0, 0, 2], [0, 0, 0]]),
            "Σ⁺: transpose, invert the nonzero diagonal entries",
        ),
        MatrixCase(
            "nilpotent-2x2", _M([[0, 1], [0, 0]]), 1, singular_values=(1, 0),
            pinv=_M([[0, 0], [1, 0]]), source="e1 e2ᵀ is a partial isometry: A⁺ = Aᵀ",
        ),
        MatrixCase(
            "column-3x1", _M([[2], [3], [6]]), 1, singular_values=(7,),
            pinv=_M([[_R(2, 49), _R(3, 49), _R(6, 49)]]), source="a⁺ = aᵀ/‖a‖², ‖a‖ = 7",
        ),
        MatrixCase(
            "row-1x4", _M([[1, 2, 2, 4]]), 1, singular_values=(5,),
            pinv=_M([[_R(1, 25)], [_R(2, 25)], [_R(2, 25)], [_R(4, 25)]]), source="a⁺ = aᵀ/‖a‖², ‖a‖ = 5",
        ),
        MatrixCase(
            "rank1-outer-3x3", sympy.ImmutableMatrix(sympy.Matrix(rank1_u) * sympy.Matrix(rank1_v).T), 1,
            singular_values=(21, 0, 0), pinv=_rank_one_pinv(rank1_u, rank1_v),
            source="(u vᵀ)⁺ = v uᵀ/(‖u‖²‖v‖²), σ = ‖u‖‖v‖",
        ),
        MatrixCase(
            "duplicate-columns-3x2", sympy.ImmutableMatrix(sympy.Matrix(dup_u) * sympy.Matrix(dup_v).T), 1,
            singular_values=(3 * sympy.sqrt(2), 0), pinv=_rank_one_pinv(dup_u, dup_v),
            source="(u vᵀ)⁺ = v uᵀ/(‖u‖²‖v‖²), σ = ‖u‖‖v‖",
        ),
        MatrixCase(
            "blog-3x2", _M([[1, 2], [3, 4], [5, 6]]), 2, frozenset({"article"}),
            pinv=_M([[_R(-4, 3), _R(-1, 3), _R(2, 3)], [_R(13, 12), _R(1, 3), _R(-5, 12)]]),
            source="(AᵀA)⁻¹Aᵀ by hand: AᵀA = [[35, 44], [44, 56]], det 24",
        ),
        MatrixCase(
            "consecutive-3x3", _M([[1, 2, 3], [4, 5, 6], [7, 8, 9]]), 2,
            source="rank 2: row 3 = 2 row 2 - row 1",
        ),
        MatrixCase(
            "hilbert-4", hilbert4, 4, frozenset({"ill-conditioned"}), pinv=_hilbert_inverse(4),
            source="closed-form inverse of the Hilbert matrix; κ₂ ≈ 1.55e4",
        ),
        _from_known("svd-tall-5x3-rank2", matrix_with_singular_values(5, 3, [3, 1], seed=11)),
        _from_known("svd-wide-3x5", matrix_with_singular_values(3, 5, [4, 2, _R(1, 2)], seed=12)),
        _from_known(
            "svd-square-4-repeated-rank3", matrix_with_singular_values(4, 4, [2, 1, 1], seed=13),
        ),
        _from_known(
            "cond-1e6-4x4", matrix_with_condition_number(4, 4, 10**6, seed=14), {"ill-conditioned"},
        ),
        _from_known(
            "cond-1e12-6x4-rank3", matrix_with_condition_number(6, 4, 10**12, rank=3, seed=15),
            {"ill-conditioned"},
        ),
        MatrixCase(
            "random-8x3-rank2", random_rational_matrix(8, 3, rank=2, seed=16), 2,
            source="random_rational_matrix(8, 3, rank=2, seed=16)",
        ),
        MatrixCase(
            "random-2x7-fractions", random_rational_matrix(2, 7, seed=17, denominators=True), 2,
            source="random_rational_matrix(2, 7, seed=17, denominators=True)",
        ),
    ]
    names = [c.name for c in out]
    assert len(set(names)) == len(names), "case names must be unique"
    return tuple(out)


@functools.lru_cache(maxsize=1)
def _all_cases() -> tuple[MatrixCase, ...]:
    return _build_cases()


def _check_tags(tags: Iterable[str] | str | None, name: str) -> frozenset[str]:
    if tags is None:
        return frozenset()
    wanted = frozenset([tags] if isinstance(tags, str) else tags)
    unknown = wanted - CASE_TAGS
    if unknown:
        raise InputError(name, sorted(unknown), "unknown case tag", f"use tags from {sorted(CASE_TAGS)}")
    return wanted


def cases(
    tags: Iterable[str] | str | None = None,
    *,
    exclude: Iterable[str] | str | None = None,
) -> tuple[MatrixCase, ...]:
    """Return the registered test matrices carrying all *tags* and none of *exclude*.

    Parameters
    ----------
    tags : str or iterable of str, optional
        Keep cases that carry every one of these tags (see :data:`CASE_TAGS`).
    exclude : str or iterable of str, optional
        Drop cases that carry any of these tags.

    Returns
    -------
    tuple of MatrixCase
        In registry order; built once, on first use.

    Raises
    ------
    InputError
        A tag that is not in :data:`CASE_TAGS`.

    Examples
    --------
    >>> [c.name for c in cases({"empty"})]
    ['empty-0x0', 'empty-0x3', 'empty-3x0']
    """
    want = _check_tags(tags, "tags")
    drop = _check_tags(exclude, "exclude")
    return tuple(c for c in _all_cases() if want <= c.tags and not (drop & c.tags))


def case_names() -> tuple[str, ...]:
    """Return the names of all registered cases, in registry order."""
    return tuple(c.name for c in _all_cases())


def get_case(name: str) -> MatrixCase:
    """Return the registered case called *name*.

    Raises
    ------
    InputError
        No case has that name (the message lists the names).
    """
    for c in _all_cases():
        if c.name == name:
            return c
    raise InputError("name", name, "no test matrix has this name", f"use one of {list(case_names())}")
