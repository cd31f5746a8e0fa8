"""The claim vocabulary: what a claim states, as frozen, self-validating data.

A *kind* says what is claimed and how it is to be decided, never how the
decision is computed: the checkers in :mod:`derivcheck.checks` do that, found
through :mod:`derivcheck.checks.registry`. So a derivation script states its
claims as data (``Identity(lhs, rhs, assume=...)``), the verdict is always
computed, and the evidence text is generated from the data the check reports.

Kinds
-----
Identity, Gradient, Limit, Argmin
    A matrix identity, a gradient, an ε→0⁺ limit, a minimizer, transcribed
    as SymPy matrix expressions.
LatexFormula
    A formula checked straight from its LaTeX (every equation it states).
WellShaped
    A formula whose shapes must be consistent (the front end's shape
    inference decides: a conflict refutes it).
PrintedMatrix
    A matrix as the article prints it, against its exact value.
Property
    A predicate checked at each generated instance (shapes × ranks, or any
    instances), with the first failing instance as counterexample.
Proof
    A symbolic proof at concrete shapes (all entries symbolic).
Experiment
    A float64/mpmath experiment: a measured quantity against a bound derived
    from the precision and the conditioning, run by run.
AllOf
    Several steps (each a kind) that must all hold: the weakest verdict wins.
NotCheckable
    Prose with no mathematical content, with the reason.
Procedure
    A hand-written check returning a ``CheckResult``: for scripts not yet
    written in the vocabulary.

Instances and conditions
------------------------
RankProfiles
    Random exact rational matrices at given shapes and ranks.
Condition
    "Holds only if": the part of the instances (or runs) on which a claim
    is expected to hold; failures only outside it make the claim
    *conditional* rather than *refuted*.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Callable, ClassVar, Mapping, Sequence

import sympy

from ..text import sstr
from ..errors import ClaimError

__all__ = [
    "ClaimKind", "Identity", "Gradient", "Limit", "Argmin", "LatexFormula", "WellShaped",
    "PrintedMatrix", "Property", "Proof", "Experiment", "AllOf", "NotCheckable", "Procedure",
    "RankProfiles", "Condition", "Assumptions", "NUMERIC_LEGS",
]

#: Assumption words per matrix: ``{A: "full column rank"}`` or ``{"A": ["symmetric", "invertible"]}``.
Assumptions = Mapping[Any, "str | Sequence[str]"]

_SAMPLING = ("max_dim", "max_shapes", "per_profile")


# ----------------------------------------------------------------- field guards


def _fail(kind: str, name: str, value: object, rule: str, fix: str) -> ClaimError:
    return ClaimError(f"{kind}.{name}", value, rule, fix)


def _expression(kind: str, name: str, value: object) -> Any:
    if isinstance(value, sympy.MatrixBase):
        return sympy.ImmutableMatrix(value)
    if not isinstance(value, sympy.Basic):
        raise _fail(kind, name, value, "must be a SymPy expression or matrix",
                    "build it from sympy.MatrixSymbol objects (A * B, A.T, Pinv(A), ...); "
                    "text is never parsed as code")
    return value


def _same_shape(kind: str, lhs: Any, rhs: Any, names: tuple[str, str] = ("lhs", "rhs")) -> None:
    left, right = getattr(lhs, "shape", None), getattr(rhs, "shape", None)
    if left is not None and right is not None and tuple(left) != tuple(right):
        raise _fail(kind, names[1], rhs, f"has shape {tuple(right)}, {names[0]} has {tuple(left)}",
                    "transcribe both sides with the same shape (check transposes and dimensions)")


def _assumptions(kind: str, value: object) -> Mapping[Any, tuple[str, ...]] | None:
    if value is None:
        return None
    if not isinstance(value, Mapping):
        raise _fail(kind, "assume", value, "must be a mapping of matrix to assumption words",
                    "pass e.g. {A: 'full column rank'}")
    out = {}
    for key, words in value.items():
        if not isinstance(key, (str, sympy.MatrixSymbol)) or (isinstance(key, str) and not key.strip()):
            raise _fail(kind, "assume", key, "keys must be MatrixSymbols or matrix names",
                        "key the mapping by the matrix, e.g. {A: 'invertible'}")
        items = (words,) if isinstance(words, str) else words
        if not isinstance(items, (tuple, list)) or not items or not all(
                isinstance(w, str) and w.strip() for w in items):
            raise _fail(kind, f"assume[{getattr(key, 'name', key)!s}]", words,
                        "must be assumption words (a string or a list of strings)",
                        "write e.g. 'full column rank' or ['symmetric', 'invertible']")
        out[key] = tuple(items)
    return MappingProxyType(out)


def _options(kind: str, value: object, allowed: Sequence[str]) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise _fail(kind, "options", value, "must be a mapping of option names to values",
                    "pass options as keywords, e.g. max_dim=2")
    for key, option in value.items():
        if key not in allowed:
            raise _fail(kind, "options", key, f"is not an option of {kind}",
                        "use one of " + ", ".join(allowed) if allowed else "pass no options")
        if key in _SAMPLING and (isinstance(option, bool) or not isinstance(option, int) or option < 1):
            raise _fail(kind, key, option, "must be an integer >= 1", f"pass e.g. {key}=2")
        if key == "numeric" and not isinstance(option, bool):
            raise _fail(kind, key, option, "must be True or False", "pass numeric=False to skip the numeric legs")
    return MappingProxyType(dict(value))


def _callable(kind: str, name: str, value: object, signature: str) -> Callable:
    if not callable(value):
        raise _fail(kind, name, value, "must be callable", f"pass a function {signature}")
    return value


def _text(kind: str, name: str, value: object, fix: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise _fail(kind, name, value, "must be a non-empty string", fix)
    return value


def _label(value: object) -> str:
    name = getattr(value, "__name__", None)
    return name if name and name != "<lambda>" else ""


# ----------------------------------------------------------------- the base


@dataclass(frozen=True)
class ClaimKind:
    """Base of every claim kind: frozen data that validates itself.

    Attributes
    ----------
    from_latex : bool
        Whether the checked statement is built from the quoted LaTeX itself
        (counted in the summary table).
    """

    from_latex: ClassVar[bool] = False

    def describe(self) -> str:
        """One line saying what is claimed (the default statement of a claim)."""
        return type(self).__name__

    def with_quote(self, quote: str) -> "ClaimKind":
        """Return the kind to check for a claim quoting *quote* (most kinds ignore it)."""
        return self


def _kind_tuple(name: str, value: object) -> tuple[ClaimKind, ...]:
    items = tuple(value) if isinstance(value, (tuple, list)) else None
    if not items or not all(isinstance(k, ClaimKind) for k in items):
        raise _fail(name, "steps", value, "must be one or more claim kinds",
                    "pass kinds, e.g. AllOf(Identity(...), Identity(...))")
    return items


# ----------------------------------------------------------------- transcribed formulas


@dataclass(frozen=True)
class Identity(ClaimKind):
    """The matrix identity ``lhs = rhs`` under the stated assumptions.

    Parameters
    ----------
    lhs, rhs : sympy matrix expression
        Built from ``MatrixSymbol`` objects with symbolic or concrete shapes.
    assume : mapping, optional
        Assumption words per matrix (``{A: "full column rank"}``).
    options : mapping, optional
        ``max_dim``, ``max_shapes``, ``per_profile`` (sampling of the exact
        instances) and ``numeric`` (run the mpmath/float64 legs).

    Examples
    --------
    >>> import sympy as sp
    >>> A = sp.MatrixSymbol("A", 2, 3)
    >>> Identity(A.T.T, A).describe()
    'A = A'
    >>> Identity(A, A.T)
    Traceback (most recent call last):
    ...
    derivcheck.errors.ClaimError: Identity.rhs=A.T: has shape (3, 2), lhs has (2, 3)...
    """

    lhs: Any
    rhs: Any
    assume: Assumptions | None = None
    options: Mapping[str, Any] = field(default_factory=dict)

    allowed: ClassVar[tuple[str, ...]] = (*_SAMPLING, "numeric")

    def __post_init__(self) -> None:
        name = type(self).__name__
        object.__setattr__(self, "lhs", _expression(name, "lhs", self.lhs))
        object.__setattr__(self, "rhs", _expression(name, "rhs", self.rhs))
        _same_shape(name, self.lhs, self.rhs)
        object.__setattr__(self, "assume", _assumptions(name, self.assume))
        object.__setattr__(self, "options", _options(name, self.options, self.allowed))

    def describe(self) -> str:
        return f"{sstr(self.lhs)} = {sstr(self.rhs)}"


@dataclass(frozen=True)
class Gradient(ClaimKind):
    """``∂ loss / ∂ wrt = claimed`` (the gradient shaped like *wrt*).

    Parameters
    ----------
    loss : sympy scalar expression
        E.g. ``Trace((A*B - M).T * (A*B - M))``.
    wrt : sympy.MatrixSymbol
        The matrix differentiated by.
    claimed : sympy matrix expression
        The claimed gradient.
    assume, options
        As for :class:`Identity` (options ``max_dim``, ``numeric``).
    """

    loss: Any
    wrt: Any
    claimed: Any
    assume: Assumptions | None = None
    options: Mapping[str, Any] = field(default_factory=dict)

    allowed: ClassVar[tuple[str, ...]] = ("max_dim", "numeric")

    def __post_init__(self) -> None:
        name = type(self).__name__
        object.__setattr__(self, "loss", _expression(name, "loss", self.loss))
        if not isinstance(self.wrt, sympy.MatrixSymbol):
            raise _fail(name, "wrt", self.wrt, "must be a sympy.MatrixSymbol",
                        "pass the matrix the loss is differentiated by, e.g. B")
        object.__setattr__(self, "claimed", _expression(name, "claimed", self.claimed))
        object.__setattr__(self, "assume", _assumptions(name, self.assume))
        object.__setattr__(self, "options", _options(name, self.options, self.allowed))

    def describe(self) -> str:
        return f"d/d{self.wrt.name} ({sstr(self.loss)}) = {sstr(self.claimed)}"


@dataclass(frozen=True)
class Limit(ClaimKind):
    """``lim_{var→0⁺} expr = claimed``, or that the limit does not exist.

    Parameters
    ----------
    expr : sympy matrix expression
        A rational function of *var* (e.g. ``(AᵀA + εI)⁻¹Aᵀ``).
    var : sympy.Symbol
        The variable going to 0⁺ (declared positive).
    claimed : sympy matrix expression, optional
        The claimed limit; leave it out with ``diverges=True``.
    diverges : bool
        Claim that some entry diverges (the limit does not exist).
    assume, options
        As for :class:`Identity`.
    """

    expr: Any
    var: Any
    claimed: Any = None
    diverges: bool = False
    assume: Assumptions | None = None
    options: Mapping[str, Any] = field(default_factory=dict)

    allowed: ClassVar[tuple[str, ...]] = (*_SAMPLING, "numeric")

    def __post_init__(self) -> None:
        name = type(self).__name__
        object.__setattr__(self, "expr", _expression(name, "expr", self.expr))
        if not isinstance(self.var, sympy.Symbol):
            raise _fail(name, "var", self.var, "must be a sympy.Symbol",
                        "pass the variable, e.g. sympy.Symbol('epsilon', positive=True)")
        if not isinstance(self.diverges, bool):
            raise _fail(name, "diverges", self.diverges, "must be True or False", "pass a bool")
        if (self.claimed is None) != self.diverges:
            raise _fail(name, "claimed", self.claimed,
                        "give either the claimed limit or diverges=True, not both or neither",
                        "pass claimed=<limit> for a finite limit, diverges=True for none")
        if self.claimed is not None:
            object.__setattr__(self, "claimed", _expression(name, "claimed", self.claimed))
        object.__setattr__(self, "assume", _assumptions(name, self.assume))
        object.__setattr__(self, "options", _options(name, self.options, self.allowed))

    def describe(self) -> str:
        target = "does not exist" if self.diverges else f"= {sstr(self.claimed)}"
        return f"lim {self.var}→0+ of {sstr(self.expr)} {target}"


@dataclass(frozen=True)
class Argmin(ClaimKind):
    """``claimed = argmin_wrt objective`` (the unique minimizer).

    Parameters
    ----------
    objective : sympy scalar expression
        The objective, e.g. ``Trace(E.T*E) + eps*Trace(B.T*B)``.
    wrt : sympy.MatrixSymbol
        The matrix minimized over.
    claimed : sympy matrix expression
        The claimed minimizer.
    assume, options
        As for :class:`Identity` (options ``max_dim``, ``max_shapes``,
        ``per_profile``).
    """

    objective: Any
    wrt: Any
    claimed: Any
    assume: Assumptions | None = None
    options: Mapping[str, Any] = field(default_factory=dict)

    allowed: ClassVar[tuple[str, ...]] = _SAMPLING

    def __post_init__(self) -> None:
        name = type(self).__name__
        object.__setattr__(self, "objective", _expression(name, "objective", self.objective))
        if not isinstance(self.wrt, sympy.MatrixSymbol):
            raise _fail(name, "wrt", self.wrt, "must be a sympy.MatrixSymbol",
                        "pass the matrix minimized over, e.g. B")
        object.__setattr__(self, "claimed", _expression(name, "claimed", self.claimed))
        object.__setattr__(self, "assume", _assumptions(name, self.assume))
        object.__setattr__(self, "options", _options(name, self.options, self.allowed))

    def describe(self) -> str:
        return f"{sstr(self.claimed)} = argmin_{self.wrt.name} {sstr(self.objective)}"


# ----------------------------------------------------------------- formulas from LaTeX


@dataclass(frozen=True)
class LatexFormula(ClaimKind):
    """A formula checked straight from its LaTeX: every equation it states.

    Parameters
    ----------
    formula : str, optional
        The LaTeX; empty means the claim's quote itself.
    assume : mapping of str to words, optional
        Assumption words per matrix *name* (``{"A": "full column rank"}``).
    shapes : mapping of str to shape, optional
        Fixed shapes per name.
    definitions : mapping, optional
        Definitions of named scalars or matrices (e.g. the loss ``\\mathcal{L}``).
    options : mapping, optional
        ``max_dim``, ``max_shapes``, ``per_profile``.
    """

    formula: str = ""
    assume: Assumptions | None = None
    shapes: Mapping[str, tuple] | None = None
    definitions: Mapping[str, Any] | None = None
    options: Mapping[str, Any] = field(default_factory=dict)

    from_latex: ClassVar[bool] = True
    allowed: ClassVar[tuple[str, ...]] = _SAMPLING

    def __post_init__(self) -> None:
        name = type(self).__name__
        if not isinstance(self.formula, str):
            raise _fail(name, "formula", self.formula, "must be LaTeX text",
                        "pass the formula as a raw string r'...'")
        object.__setattr__(self, "assume", _assumptions(name, self.assume))
        for key in ("shapes", "definitions"):
            value = getattr(self, key)
            if value is not None:
                if not isinstance(value, Mapping):
                    raise _fail(name, key, value, "must be a mapping keyed by name",
                                "pass e.g. {'A': (3, 2)}")
                object.__setattr__(self, key, MappingProxyType(dict(value)))
        object.__setattr__(self, "options", _options(name, self.options, self.allowed))

    def with_quote(self, quote: str) -> "LatexFormula":
        if self.formula.strip():
            return self
        return LatexFormula(quote, self.assume, self.shapes, self.definitions, self.options)

    def describe(self) -> str:
        return self.formula


@dataclass(frozen=True)
class WellShaped(ClaimKind):
    """A formula whose shapes are claimed consistent: a shape conflict refutes it.

    The LaTeX front end infers every matrix's shape (from the formula, the
    declared *shapes*, and ``\\in \\mathbb{R}^{m\\times n}`` declarations);
    the claim is *proved* when the shapes unify and *refuted* (with the
    conflict as evidence) when they cannot.

    Parameters
    ----------
    formula : str, optional
        The LaTeX; empty means the claim's quote itself.
    shapes : mapping of str to shape, optional
        Declared shapes, e.g. ``{"A": ("m", "n")}``.
    example : callable, optional
        ``example() -> {name: Matrix}``: concrete matrices that exhibit a
        conflict, reported as the counterexample.
    """

    formula: str = ""
    shapes: Mapping[str, tuple] | None = None
    example: Callable[[], Mapping[str, Any]] | None = None

    from_latex: ClassVar[bool] = True

    def __post_init__(self) -> None:
        name = type(self).__name__
        if not isinstance(self.formula, str):
            raise _fail(name, "formula", self.formula, "must be LaTeX text",
                        "pass the formula as a raw string r'...'")
        if self.shapes is not None:
            if not isinstance(self.shapes, Mapping):
                raise _fail(name, "shapes", self.shapes, "must be a mapping of name to shape",
                            "pass e.g. {'A': ('m', 'n')}")
            object.__setattr__(self, "shapes", MappingProxyType(dict(self.shapes)))
        if self.example is not None:
            _callable(name, "example", self.example, "example() -> {name: Matrix}")

    def with_quote(self, quote: str) -> "WellShaped":
        return self if self.formula.strip() else WellShaped(quote, self.shapes, self.example)

    def describe(self) -> str:
        return f"the shapes in {self.formula} are consistent"


@dataclass(frozen=True)
class PrintedMatrix(ClaimKind):
    """A matrix as the article prints it, against its exact value.

    Parameters
    ----------
    printed : str or rows of str
        The printed output, verbatim (``"[[1.  0.5]\\n [0.  1. ]]"``).
    truth : sympy.Matrix or callable
        The exact value, or ``truth() -> Matrix`` computed when checked.
    decimals : int, optional
        Digits the article printed after the point, when not evident.
    """

    printed: Any
    truth: Any
    decimals: int | None = None

    def __post_init__(self) -> None:
        name = type(self).__name__
        if not isinstance(self.printed, str) and not (
                isinstance(self.printed, (tuple, list)) and self.printed):
            raise _fail(name, "printed", self.printed, "must be the printed text or its rows",
                        "copy the article's output verbatim as a string")
        if isinstance(self.truth, sympy.MatrixBase):
            object.__setattr__(self, "truth", sympy.ImmutableMatrix(self.truth))
        elif not callable(self.truth) and not hasattr(self.truth, "rows"):
            raise _fail(name, "truth", self.truth, "must be a sympy Matrix or a function returning one",
                        "pass the exact matrix, or a function computing it")
        if self.decimals is not None and (isinstance(self.decimals, bool) or not isinstance(
                self.decimals, int) or self.decimals < 0):
            raise _fail(name, "decimals", self.decimals, "must be an integer >= 0", "pass e.g. decimals=4")

    def describe(self) -> str:
        return "the printed matrix equals the exact one to the digits shown"


# ----------------------------------------------------------------- instances and conditions


def _shape(kind: str, value: object) -> tuple[int, ...]:
    if (not isinstance(value, tuple) or len(value) not in (2, 3)
            or not all(isinstance(v, int) and not isinstance(v, bool) and v >= 0 for v in value)
            or (len(value) == 3 and value[2] > min(value[0], value[1]))):
        raise _fail(kind, "shapes", value, "each entry must be (rows, cols) or (rows, cols, rank) "
                    "with rank <= min(rows, cols)", "write e.g. (3, 2) for every rank or (3, 2, 1)")
    return value


@dataclass(frozen=True)
class RankProfiles:
    """Random exact rational matrices at given shapes and ranks.

    Parameters
    ----------
    shapes : tuple of (rows, cols) or (rows, cols, rank)
        ``(rows, cols)`` stands for every rank ``0..min(rows, cols)``.
    per_profile : int
        Matrices drawn per (shape, rank).
    keep : callable, optional
        ``keep(rows, cols, rank) -> bool`` selects profiles.
    name : str
        The matrix's name in counterexamples.

    Examples
    --------
    >>> RankProfiles(((3, 2), (2, 2, 1))).profiles()
    ((3, 2, 0), (3, 2, 1), (3, 2, 2), (2, 2, 1))
    """

    shapes: tuple
    per_profile: int = 1
    keep: Callable[[int, int, int], bool] | None = None
    name: str = "A"

    def __post_init__(self) -> None:
        kind = type(self).__name__
        if not isinstance(self.shapes, (tuple, list)) or not self.shapes:
            raise _fail(kind, "shapes", self.shapes, "must be a non-empty tuple of shapes",
                        "write e.g. ((3, 2), (2, 3, 1))")
        object.__setattr__(self, "shapes", tuple(_shape(kind, s) for s in self.shapes))
        if isinstance(self.per_profile, bool) or not isinstance(self.per_profile, int) or self.per_profile < 1:
            raise _fail(kind, "per_profile", self.per_profile, "must be an integer >= 1", "pass e.g. 2")
        if self.keep is not None:
            _callable(kind, "keep", self.keep, "keep(rows, cols, rank) -> bool")
        _text(kind, "name", self.name, "name the matrix, e.g. 'A'")
        if not self.profiles():
            raise _fail(kind, "keep", self.keep, "selects no profile", "keep at least one (rows, cols, rank)")

    def profiles(self) -> tuple[tuple[int, int, int], ...]:
        """Every (rows, cols, rank) drawn, in order."""
        out = []
        for s in self.shapes:
            ranks = range(min(s[0], s[1]) + 1) if len(s) == 2 else (s[2],)
            out += [(s[0], s[1], k) for k in ranks if self.keep is None or self.keep(s[0], s[1], k)]
        return tuple(out)


@dataclass(frozen=True)
class Condition:
    """"Holds only if": the part of the instances a claim is expected to hold on.

    Parameters
    ----------
    text : str
        The condition, said of the claim's matrices (``"A: not of full row rank"``).
    applies : callable
        ``applies(instance) -> bool``: whether an instance (or a run of an
        experiment) satisfies the condition.

    Notes
    -----
    A claim with a condition is *conditional* when it fails somewhere, but
    only outside the condition, and holds everywhere inside it (which must
    not be empty); it is *refuted* when it fails inside.
    """

    text: str
    applies: Callable[[Any], bool]

    def __post_init__(self) -> None:
        _text("Condition", "text", self.text, "say when the claim holds, e.g. 'A: full column rank'")
        _callable("Condition", "applies", self.applies, "applies(instance) -> bool")


#: The numeric legs a :class:`Property` can run on its instances.
NUMERIC_LEGS = ("pinv", "rank")


# ----------------------------------------------------------------- computed kinds


@dataclass(frozen=True)
class Property(ClaimKind):
    """A predicate checked at each generated instance.

    Parameters
    ----------
    holds : callable
        ``holds(instance) -> bool`` or ``-> (bool, detail)``; *detail* (a
        short text) is shown when the instance fails.
    over : RankProfiles or callable
        The instances: :class:`RankProfiles` (each instance is a Matrix),
        or ``over(rng) -> iterable`` drawing any instances (matrices, dicts
        of matrices, tuples) from the claim's ``random.Random``.
    only_if : Condition, optional
        Where the claim is expected to hold (see :class:`Condition`).
    legs : tuple of {"pinv", "rank"}
        Numeric legs run on the matrices of the first *legs_on* instances
        (an instance's matrix: itself, or its ``A``): ``"pinv"`` cross-checks
        A⁺ in exact arithmetic, mpmath and float64; ``"rank"`` compares the
        mpmath and float64 numerical ranks with the exact rank. A leg that
        disagrees makes the verdict *inconsistent*.
    legs_on : int
        How many instances the legs run on.

    Notes
    -----
    *verified* when it holds at every instance; *refuted* at the first
    failing instance (its matrices are the counterexample), or
    *conditional* per :class:`Condition`. The evidence names every instance
    by its shape and rank, generated from the instances themselves.
    """

    holds: Callable[[Any], Any]
    over: Any
    only_if: Condition | None = None
    legs: tuple[str, ...] = ()
    legs_on: int = 3

    def __post_init__(self) -> None:
        _callable("Property", "holds", self.holds, "holds(instance) -> bool")
        if not isinstance(self.over, RankProfiles) and not callable(self.over):
            raise _fail("Property", "over", self.over, "must be RankProfiles or a function of a random.Random",
                        "pass RankProfiles(((3, 2), (2, 3))) or lambda rng: [...]")
        if self.only_if is not None and not isinstance(self.only_if, Condition):
            raise _fail("Property", "only_if", self.only_if, "must be a Condition",
                        "pass Condition('A: full column rank', lambda A: ...)")
        legs = (self.legs,) if isinstance(self.legs, str) else self.legs
        if not isinstance(legs, (tuple, list)) or not set(legs) <= set(NUMERIC_LEGS):
            raise _fail("Property", "legs", self.legs, "must name numeric legs: " + ", ".join(NUMERIC_LEGS),
                        "pass e.g. legs=('pinv',)")
        object.__setattr__(self, "legs", tuple(legs))
        if isinstance(self.legs_on, bool) or not isinstance(self.legs_on, int) or self.legs_on < 1:
            raise _fail("Property", "legs_on", self.legs_on, "must be an integer >= 1", "pass e.g. legs_on=3")

    def describe(self) -> str:
        return _label(self.holds) or "a property of every instance"


@dataclass(frozen=True)
class Proof(ClaimKind):
    """A symbolic proof at concrete shapes: every entry a symbol.

    Parameters
    ----------
    prove : callable
        ``prove(shape) -> bool``, ``-> (bool, detail)`` or an object with a
        ``holds`` attribute (a certificate); it must decide the statement
        for *all* values of its symbols.
    at : tuple
        The shapes (or other cases) proved, each passed to *prove*;
        default one case, ``None``.
    by : str, optional
        What the proof uses, for the evidence; default the function's name.
    cross_check : Property, optional
        Exact instances checked as a second leg; if they disagree with the
        proof the verdict is *inconsistent*.

    Notes
    -----
    *proved* when every case holds, *refuted* at the first that does not.
    """

    prove: Callable[[Any], Any]
    at: tuple = (None,)
    by: str = ""
    cross_check: Property | None = None

    def __post_init__(self) -> None:
        _callable("Proof", "prove", self.prove, "prove(shape) -> bool")
        if not isinstance(self.at, (tuple, list)) or not self.at:
            raise _fail("Proof", "at", self.at, "must be a non-empty tuple of cases",
                        "pass the shapes, e.g. at=((1, 1), (2, 3))")
        object.__setattr__(self, "at", tuple(self.at))
        if not isinstance(self.by, str):
            raise _fail("Proof", "by", self.by, "must be a string", "say what the proof uses")
        if self.cross_check is not None and not isinstance(self.cross_check, Property):
            raise _fail("Proof", "cross_check", self.cross_check, "must be a Property",
                        "pass Property(holds, over=RankProfiles(...))")

    def describe(self) -> str:
        return self.by or _label(self.prove) or "a symbolic proof"


_RELATIONS = ("<=", ">=")


@dataclass(frozen=True)
class Experiment(ClaimKind):
    """A float64/mpmath experiment: a measured quantity against a bound, run by run.

    Parameters
    ----------
    run : callable
        ``run(seed) -> sequence of dict``: one dict per run of the
        experiment, with the measured quantity and what the bound needs
        (e.g. ``kappa``); a ``"case"`` key names the run in the evidence.
    measured : str
        The key of the measured quantity (a relative error, say).
    bound : callable
        ``bound(run) -> float``, derived from the precision and the
        conditioning (unit roundoff ``u``, ``kappa``, sizes), never a bare
        constant.
    bound_text : str
        The bound as a formula, for the evidence (``"10·max(m,n)·u·κ²"``).
    relation : {"<=", ">="}
        ``measured <= bound`` (accurate enough) or ``>=`` (at least that bad).
    only_if : Condition, optional
        Where the claim is expected to hold (see :class:`Condition`).
    leg : str
        The evidence leg, ``"experiment"`` by default.
    timing : callable, optional
        ``timing() -> dict of str to float``: run-dependent measurements
        (seconds, bytes) shown beside the evidence but never deciding the
        verdict (the JSON report leaves them out).
    """

    run: Callable[[int], Sequence[Mapping[str, Any]]]
    measured: str
    bound: Callable[[Mapping[str, Any]], float]
    bound_text: str
    relation: str = "<="
    only_if: Condition | None = None
    leg: str = "experiment"
    timing: Callable[[], Mapping[str, float]] | None = None

    def __post_init__(self) -> None:
        _callable("Experiment", "run", self.run, "run(seed) -> list of dicts")
        _text("Experiment", "measured", self.measured, "name the measured key, e.g. 'error'")
        _callable("Experiment", "bound", self.bound, "bound(run) -> float")
        _text("Experiment", "bound_text", self.bound_text, "write the bound, e.g. '10·n·u·κ'")
        if self.relation not in _RELATIONS:
            raise _fail("Experiment", "relation", self.relation, "must be '<=' or '>='",
                        "'<=' claims accuracy, '>=' claims an error at least the bound")
        if self.only_if is not None and not isinstance(self.only_if, Condition):
            raise _fail("Experiment", "only_if", self.only_if, "must be a Condition",
                        "pass Condition('A: rank-deficient', lambda run: ...)")
        _text("Experiment", "leg", self.leg, "name the leg, e.g. 'float64'")
        if self.timing is not None:
            _callable("Experiment", "timing", self.timing, "timing() -> {name: seconds}")

    def describe(self) -> str:
        return f"{self.measured} {self.relation} {self.bound_text} at every run"


@dataclass(frozen=True)
class AllOf(ClaimKind):
    """Several steps that must all hold: the weakest verdict is the claim's.

    Parameters
    ----------
    steps : tuple of ClaimKind
        Each a claim kind of its own (an identity, a proof, ...), in the
        article's order; ``AllOf(a, b)`` is ``AllOf((a, b))``.
    """

    steps: tuple

    def __init__(self, *steps: Any) -> None:
        if len(steps) == 1 and isinstance(steps[0], (tuple, list)):
            steps = tuple(steps[0])
        object.__setattr__(self, "steps", _kind_tuple("AllOf", steps))

    def with_quote(self, quote: str) -> "AllOf":
        return AllOf(*(s.with_quote(quote) for s in self.steps))

    def describe(self) -> str:
        return "; ".join(s.describe() for s in self.steps)


@dataclass(frozen=True)
class NotCheckable(ClaimKind):
    """Prose with no mathematical content.

    The check confirms that the quote states no formula the LaTeX front end
    can read (else the verdict is *undecided*: it needs a real check).

    Parameters
    ----------
    reason : str
        Why there is nothing to check (the claim's justification).
    text : str, optional
        The text tried as a formula; empty means the claim's quote.
    """

    reason: str
    text: str = ""

    def __post_init__(self) -> None:
        _text("NotCheckable", "reason", self.reason, "say why the quote has nothing to check")
        if not isinstance(self.text, str):
            raise _fail("NotCheckable", "text", self.text, "must be a string", "leave it out")

    def with_quote(self, quote: str) -> "NotCheckable":
        return self if self.text.strip() else NotCheckable(self.reason, quote)

    def describe(self) -> str:
        return self.reason


@dataclass(frozen=True)
class Procedure(ClaimKind):
    """A hand-written check ``check(ctx) -> CheckResult``.

    For derivation scripts not yet written in the vocabulary; a claim of any
    standard kind should use that kind instead.
    """

    check: Callable[[Any], Any]

    def __post_init__(self) -> None:
        _callable("Procedure", "check", self.check, "check(ctx) -> CheckResult")

    def describe(self) -> str:
        doc = (getattr(self.check, "__doc__", None) or "").strip()
        return doc.splitlines()[0].strip() if doc else ""  # no docstring: the claim must say
