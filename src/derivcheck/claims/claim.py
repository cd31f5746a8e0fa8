"""Claims: one checkable statement of an article, as an immutable value.

A :class:`Claim` ties an article's verbatim words (its *quote*) to a check
that computes a verdict. The claim records only the verdict it *expects*
(like pytest's ``xfail``); the report always shows the computed verdict, and
a mismatch is a failure.

What is claimed is a *kind* (:mod:`derivcheck.claims.kinds`): frozen data
such as ``Identity(lhs, rhs)`` or ``Property(holds, over=...)``; the checker
that decides it is found by the runner in :mod:`derivcheck.checks.registry`.
A check runs with a :class:`CheckContext` that carries the per-claim random
seed, the working precision and the time budget, so that a check needs no
global state.
"""

from __future__ import annotations

import hashlib
import random
import re
from dataclasses import InitVar, dataclass
from typing import Callable

from ..errors import ClaimError, InputError
from ..validation import DEFAULT_DPS, MAX_DPS, validate_budget, validate_dps, validate_seed
from ..results import CheckResult, Verdict
from .kinds import ClaimKind, NotCheckable, Procedure

__all__ = [
    "Claim",
    "CheckContext",
    "CheckFunction",
    "derive_seed",
    "validate_slug",
    "validate_seed",
    "validate_dps",
    "validate_budget",
    "DEFAULT_DPS",
    "MAX_DPS",
]

_SLUG = re.compile(r"[A-Za-z0-9]+(?:[-_.][A-Za-z0-9]+)*")
_SLUG_RULE = (
    "must be a slug: letters, digits, and single '-', '_' or '.' between them"
)


def validate_slug(name: str, value: object, error: type[InputError] = ClaimError) -> str:
    """Return *value* if it is a slug (an id usable in file names and test ids).

    Parameters
    ----------
    name : str
        Name of the field, for the error message.
    value : object
        The candidate id, e.g. ``"su-grad-B"``.
    error : type
        The :class:`~derivcheck.errors.InputError` subclass to raise.

    Returns
    -------
    str
        *value* unchanged.

    Raises
    ------
    InputError
        (the given subclass) when *value* is not a non-empty slug string.

    Examples
    --------
    >>> validate_slug("id", "su-grad-B")
    'su-grad-B'
    """
    if not isinstance(value, str) or not _SLUG.fullmatch(value):
        raise error(name, value, _SLUG_RULE, "use an id like 'su-grad-B' or 'mit-left-inverse'")
    return value


def derive_seed(run_seed: int, article: str, claim_id: str) -> int:
    """Derive the seed of one claim from the run seed and the claim's identity.

    Parameters
    ----------
    run_seed : int
        The seed of the whole run (``>= 0``).
    article, claim_id : str
        The article id and the claim id.

    Returns
    -------
    int
        A seed in ``[0, 2**63)``.

    Notes
    -----
    The seed is the first 8 bytes of
    ``sha256(f"{run_seed}\\x1f{article}\\x1f{claim_id}")``, read big-endian,
    shifted right by one bit. It depends on nothing else: not on Python's
    per-process ``hash()`` randomisation, not on the order in which claims
    run, not on which process runs them. So a claim sees the same seed when
    it is run alone (``--only``), in a pool of workers, or in pytest.

    Examples
    --------
    >>> derive_seed(0, "su-2024", "su-grad") == derive_seed(0, "su-2024", "su-grad")
    True
    >>> derive_seed(0, "su-2024", "su-grad") != derive_seed(1, "su-2024", "su-grad")
    True
    """
    run_seed = validate_seed(run_seed, "run_seed")
    text = f"{run_seed}\x1f{article}\x1f{claim_id}".encode("utf-8")
    return int.from_bytes(hashlib.sha256(text).digest()[:8], "big") >> 1


@dataclass(frozen=True)
class CheckContext:
    """What a check may depend on besides its claim.

    Parameters
    ----------
    seed : int
        The claim's own seed (see :func:`derive_seed`); every random choice
        of the check must come from it.
    dps : int
        Working precision (decimal digits) for the high-precision leg.
    budget : float
        Seconds the check may run before it is stopped (``undecided``).
    run_seed : int, optional
        The seed of the whole run. Instances that claims share by design (a
        :class:`~derivcheck.claims.kinds.RankProfiles` is drawn the same for
        every claim that names it) come from it, so they are drawn and
        evaluated once per run; ``None`` draws them from :attr:`seed`.

    Examples
    --------
    >>> ctx = CheckContext(seed=3, dps=30, budget=5.0)
    >>> ctx.rng().random() == ctx.rng().random()
    True
    """

    seed: int
    dps: int
    budget: float
    run_seed: int | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "seed", validate_seed(self.seed))
        if self.run_seed is not None:
            object.__setattr__(self, "run_seed", validate_seed(self.run_seed, "run_seed"))
        object.__setattr__(self, "dps", validate_dps(self.dps))
        object.__setattr__(self, "budget", validate_budget(self.budget))

    def rng(self) -> random.Random:
        """Return a fresh ``random.Random`` seeded with :attr:`seed`."""
        return random.Random(self.seed)


CheckFunction = Callable[[CheckContext], CheckResult]


def _as_str_tuple(name: str, value: object) -> tuple[str, ...]:
    if isinstance(value, str) or not isinstance(value, (tuple, list)):
        raise ClaimError(
            name, value, "must be a tuple of strings",
            "pass a tuple such as ('A has full column rank',); a single string needs wrapping",
        )
    for item in value:
        if not isinstance(item, str) or not item.strip():
            raise ClaimError(name, value, "every entry must be a non-empty string",
                             "remove empty or non-string entries")
    return tuple(value)


def _nonempty_text(name: str, value: object, fix: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ClaimError(name, value, "must be a non-empty string", fix)
    return value


@dataclass(frozen=True)
class Claim:
    """One claim of an article, with the check that decides it.

    Parameters
    ----------
    id : str
        A slug, unique within its article (``"su-grad-B"``).
    article : str
        The id of the article the claim comes from.
    quote : str
        The article's formula or sentence, verbatim (whitespace aside); it is
        verified against a copy of the article by
        :func:`derivcheck.claims.quotes.check_quotes`.
    statement : str
        A short human description of what is claimed.
    expected : Verdict or str
        The verdict the claim expects to get. ``inconsistent`` cannot be
        expected (legs that disagree are always a failure).
    assumptions : tuple of str
        The assumptions the article states, for display.
    budget : float, optional
        Seconds the check may run; ``None`` uses the run's default.
    justification : str, optional
        Why the claim cannot be checked; required when *expected* is
        ``not-checkable``, allowed otherwise (e.g. why a refutation is expected).
    source_latex : bool
        Whether the checked statement was built from the quoted LaTeX itself
        (rather than transcribed by hand); counted in the summary table.
        Kinds built from LaTeX (``LatexFormula``, ``WellShaped``) set it.
    kind : ClaimKind
        What is claimed (:mod:`derivcheck.claims.kinds`); its checker
        computes the verdict.
    check : callable, optional
        Instead of *kind*: a hand-written ``check(ctx) -> CheckResult``
        (wrapped as :class:`~derivcheck.claims.kinds.Procedure`).

    Raises
    ------
    ClaimError
        When a field is malformed; the message names the field.

    Examples
    --------
    >>> import sympy as sp
    >>> from derivcheck.claims.kinds import Identity
    >>> A = sp.MatrixSymbol("A", 2, 2)
    >>> c = Claim(id="toy", article="demo", quote="AᵀᵀA", statement="transpose twice",
    ...           kind=Identity(A.T.T, A), expected="proved")
    >>> c.expected
    <Verdict.PROVED: 'proved'>
    """

    id: str
    article: str
    quote: str
    statement: str
    expected: Verdict
    kind: ClaimKind | None = None
    assumptions: tuple[str, ...] = ()
    budget: float | None = None
    justification: str | None = None
    source_latex: bool = False
    check: InitVar[CheckFunction | None] = None

    def __post_init__(self, check: CheckFunction | None) -> None:
        validate_slug("id", self.id)
        label = f"claim {self.id!r}"
        validate_slug(f"{label}.article", self.article)
        _nonempty_text(f"{label}.quote", self.quote,
                       "copy the article's formula or sentence verbatim")
        _nonempty_text(f"{label}.statement", self.statement,
                       "describe the claim in a few words")
        if (self.kind is None) == (check is None):
            raise ClaimError(f"{label}.kind", self.kind, "give exactly one of kind and check",
                             "pass kind=Identity(...) (or another kind of derivcheck.claims.kinds)")
        if check is not None:
            if not callable(check):
                raise ClaimError(f"{label}.check", check, "must be callable",
                                 "pass a function check(ctx) -> CheckResult")
            object.__setattr__(self, "kind", Procedure(check))
        elif not isinstance(self.kind, ClaimKind):
            raise ClaimError(f"{label}.kind", self.kind, "must be a claim kind",
                             "use a kind of derivcheck.claims.kinds, e.g. Identity(lhs, rhs)")
        object.__setattr__(self, "kind", self.kind.with_quote(self.quote))
        try:
            expected = Verdict(self.expected)
        except ValueError:
            raise ClaimError(
                f"{label}.expected", self.expected, "is not a verdict",
                "use one of " + ", ".join(v.value for v in Verdict),
            ) from None
        if expected is Verdict.INCONSISTENT:
            raise ClaimError(
                f"{label}.expected", expected.value,
                "cannot be expected: legs that disagree are a failure of the tool",
                "expect the verdict the mathematics deserves",
            )
        object.__setattr__(self, "expected", expected)
        assumptions = _as_str_tuple(f"{label}.assumptions", self.assumptions)
        object.__setattr__(self, "assumptions", assumptions)
        if self.budget is not None:
            try:
                object.__setattr__(self, "budget", validate_budget(self.budget))
            except InputError as exc:
                raise ClaimError(f"{label}.budget", self.budget, exc.rule, exc.fix) from None
        if self.justification is not None:
            _nonempty_text(f"{label}.justification", self.justification,
                           "say why, or leave it out")
        elif expected is Verdict.NOT_CHECKABLE and not isinstance(self.kind, NotCheckable):
            raise ClaimError(
                f"{label}.justification", None,
                "is required when the claim is expected to be not-checkable",
                "say why the quote has no checkable mathematical content",
            )
        if isinstance(self.kind, NotCheckable) and self.justification is None:
            object.__setattr__(self, "justification", self.kind.reason)
        if not isinstance(self.source_latex, bool):
            raise ClaimError(f"{label}.source_latex", self.source_latex,
                             "must be True or False", "pass a bool")
        if self.kind.from_latex:
            object.__setattr__(self, "source_latex", True)

    @property
    def qualified_id(self) -> str:
        """``"article/id"``: unique across articles."""
        return f"{self.article}/{self.id}"

    def context(self, run_seed: int, dps: int, default_budget: float) -> CheckContext:
        """Return the :class:`CheckContext` of this claim in a run.

        Parameters
        ----------
        run_seed : int
            The run's seed; the claim's seed is derived with :func:`derive_seed`.
        dps : int
            Working precision of the run.
        default_budget : float
            The run's budget, used when the claim sets none.

        Returns
        -------
        CheckContext
        """
        budget = self.budget if self.budget is not None else default_budget
        return CheckContext(seed=derive_seed(run_seed, self.article, self.id), dps=dps,
                            budget=budget, run_seed=run_seed)
