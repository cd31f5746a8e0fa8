"""Assumptions about matrix symbols: parsing, validation against shapes.

An assumption is one of a closed set of words (:data:`ASSUMPTION_WORDS`) or
``"rank k"``. Strings are tokenized by a fixed vocabulary, never evaluated.
The parsed form is an immutable :class:`MatrixAssumptions` per matrix symbol,
which knows which ranks and structures its samples must have.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Mapping

import sympy

from ..errors import AssumptionError, InputTypeError

__all__ = [
    "ASSUMPTION_WORDS",
    "MatrixAssumptions",
    "parse_assumption",
    "normalize_assumptions",
]

#: The assumption words the checkers understand (``"rank k"`` takes an integer k).
ASSUMPTION_WORDS: tuple[str, ...] = (
    "full column rank",
    "full row rank",
    "invertible",
    "rank k",
    "rank-deficient",
    "symmetric",
    "orthogonal",
    "diagonal",
    "positive semidefinite",
    "positive definite",
)

_ALIASES = {
    "full column rank": "full column rank",
    "full-column-rank": "full column rank",
    "full row rank": "full row rank",
    "full-row-rank": "full row rank",
    "invertible": "invertible",
    "nonsingular": "invertible",
    "rank-deficient": "rank-deficient",
    "rank deficient": "rank-deficient",
    "symmetric": "symmetric",
    "orthogonal": "orthogonal",
    "diagonal": "diagonal",
    "positive semidefinite": "positive semidefinite",
    "positive-semidefinite": "positive semidefinite",
    "psd": "positive semidefinite",
    "positive definite": "positive definite",
    "positive-definite": "positive definite",
    "pd": "positive definite",
}

_FIX_WORDS = "use one of: " + ", ".join(repr(w) for w in ASSUMPTION_WORDS)


def parse_assumption(text: str, *, name: str = "assumption") -> tuple[str, int | None]:
    """Parse one assumption string into ``(word, k)``.

    Parameters
    ----------
    text : str
        For example ``"full column rank"`` or ``"rank 2"``. Case and runs of
        white space are ignored.
    name : str
        Name used in error messages.

    Returns
    -------
    (str, int or None)
        The canonical word and, for ``"rank k"``, the integer k.

    Raises
    ------
    AssumptionError
        An unknown word (the message lists the known ones) or a bad rank.
    """
    if not isinstance(text, str):
        raise InputTypeError(name, text, "an assumption is a string", _FIX_WORDS)
    words = text.strip().lower().split()
    phrase = " ".join(words)
    if phrase in _ALIASES:
        return _ALIASES[phrase], None
    if len(words) == 2 and words[0] == "rank":
        digits = words[1]
        if digits.isdigit() and digits.isascii():
            return "rank k", int(digits)
        raise AssumptionError(
            name, text, "the rank in 'rank k' must be a non-negative integer", "write e.g. 'rank 2'"
        )
    raise AssumptionError(name, text, "unknown assumption", _FIX_WORDS)


@dataclass(frozen=True)
class MatrixAssumptions:
    """The parsed assumptions about one matrix symbol.

    Parameters
    ----------
    symbol : sympy.MatrixSymbol
        The matrix the assumptions are about.
    words : tuple of str
        Canonical assumption words, sorted.
    rank : int, optional
        The rank fixed by ``"rank k"``.
    """

    symbol: sympy.MatrixSymbol
    words: tuple[str, ...]
    rank: int | None = None

    @property
    def square(self) -> bool:
        """Whether the assumptions force a square matrix."""
        return bool({"invertible", "symmetric", "orthogonal", "positive semidefinite", "positive definite"}
                    & set(self.words))

    @property
    def structure(self) -> str:
        """The structure samples must have: general, symmetric, psd, pd, orthogonal or diagonal."""
        ws = set(self.words)
        if "orthogonal" in ws:
            return "orthogonal"
        if "diagonal" in ws:
            return "diagonal"
        if "positive definite" in ws:
            return "pd"
        if "positive semidefinite" in ws:
            return "psd"
        if "symmetric" in ws:
            return "symmetric"
        return "general"

    def allowed_ranks(self, m: int, n: int) -> tuple[int, ...]:
        """Every rank a sample of shape (m, n) may have under these assumptions.

        Returns an empty tuple when no rank is possible (the shape is invalid
        for the assumptions); :meth:`validate_shape` says why.
        """
        full = min(m, n)
        ranks = set(range(full + 1))
        ws = set(self.words)
        if self.square and m != n:
            return ()
        if "full column rank" in ws:
            ranks &= {n} if n <= m else set()
        if "full row rank" in ws:
            ranks &= {m} if m <= n else set()
        if "invertible" in ws or "orthogonal" in ws or "positive definite" in ws:
            ranks &= {full}
        if "rank-deficient" in ws:
            ranks &= set(range(full))
        if self.rank is not None:
            ranks &= {self.rank}
        return tuple(sorted(ranks))

    def validate_shape(self, m: int, n: int) -> None:
        """Raise :class:`AssumptionError` when no matrix of shape (m, n) satisfies them."""
        if self.allowed_ranks(m, n):
            return
        name = f"assume[{self.symbol.name}]"
        value = list(self.words) if self.rank is None else [*self.words, f"rank {self.rank}"]
        raise AssumptionError(
            name, value,
            f"no {m}x{n} matrix satisfies these assumptions "
            f"(rank at most {min(m, n)}; square required: {self.square})",
            "change the assumptions or the shape",
        )


def _contradiction(words: set[str], rank: int | None) -> str | None:
    if "invertible" in words and "rank-deficient" in words:
        return "'invertible' and 'rank-deficient' exclude each other"
    if "positive definite" in words and "rank-deficient" in words:
        return "a positive definite matrix is never rank-deficient"
    if "orthogonal" in words and "rank-deficient" in words:
        return "an orthogonal matrix is never rank-deficient"
    if rank == 0 and {"invertible", "orthogonal", "positive definite"} & words:
        return "a rank-0 matrix is not invertible"
    if "orthogonal" in words and "positive semidefinite" in words:
        return None  # only the identity; allowed
    return None


def normalize_assumptions(
    assume: Mapping[sympy.MatrixSymbol, str | Iterable[str]] | None,
    symbols: Iterable[sympy.MatrixSymbol] = (),
) -> dict[sympy.MatrixSymbol, MatrixAssumptions]:
    """Parse an ``assume`` mapping into :class:`MatrixAssumptions` per symbol.

    Parameters
    ----------
    assume : mapping of MatrixSymbol to str or iterable of str, optional
        For example ``{A: "full column rank", B: ["symmetric", "rank 2"]}``.
    symbols : iterable of MatrixSymbol
        All matrix symbols of the claim; each gets an entry (empty if none).

    Returns
    -------
    dict
        ``MatrixSymbol -> MatrixAssumptions``.

    Raises
    ------
    InputTypeError
        A key that is not a MatrixSymbol, or a value that is not text.
    AssumptionError
        Unknown words, two different ranks, or contradictory words.
    """
    out: dict[sympy.MatrixSymbol, MatrixAssumptions] = {}
    if assume is None:
        assume = {}
    if not isinstance(assume, Mapping):
        raise InputTypeError(
            "assume", assume, "assume must map matrix symbols to assumption strings",
            "pass e.g. {A: 'full column rank'}",
        )
    for sym, value in assume.items():
        if not isinstance(sym, sympy.MatrixSymbol):
            raise InputTypeError(
                "assume key", sym, "assumptions are keyed by sympy.MatrixSymbol",
                "use the MatrixSymbol object itself as the key",
            )
        if isinstance(value, str):
            texts = [value]
        elif isinstance(value, (list, tuple, set, frozenset)) and all(isinstance(v, str) for v in value):
            texts = sorted(value) if isinstance(value, (set, frozenset)) else list(value)
        else:
            raise InputTypeError(
                f"assume[{sym.name}]", value, "an assumption is a string or a list of strings",
                "write e.g. {A: 'full column rank'} or {A: ['symmetric', 'rank 2']}",
            )
        words: set[str] = set()
        rank: int | None = None
        for text in texts:
            word, k = parse_assumption(text, name=f"assume[{sym.name}]")
            if word == "rank k":
                if rank is not None and rank != k:
                    raise AssumptionError(
                        f"assume[{sym.name}]", texts, f"two different ranks ({rank} and {k})",
                        "state one rank",
                    )
                rank = k
            else:
                words.add(word)
        problem = _contradiction(words, rank)
        if problem:
            raise AssumptionError(f"assume[{sym.name}]", texts, problem, "remove one of them")
        out[sym] = MatrixAssumptions(sym, tuple(sorted(words)), rank)
    for sym in symbols:
        out.setdefault(sym, MatrixAssumptions(sym, ()))
    return out
