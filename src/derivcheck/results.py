"""Verdicts and the evidence behind them: immutable values.

A check (of an identity, a gradient, a limit, a printed matrix, an
experiment) returns a :class:`CheckResult`: the computed :class:`Verdict`,
the statement that was checked, the evidence of each leg, and an exact
counterexample when there is one. Verdicts are always computed; a claim may
only record the verdict it *expects*.
"""

from __future__ import annotations

import enum
from collections import Counter
from dataclasses import dataclass
from typing import Any, Mapping

import sympy

from .text import sstr
from .errors import InputError

__all__ = ["Verdict", "Evidence", "CheckResult", "ERROR", "MissingQuote", "ClaimOutcome", "RunReport"]


class Verdict(str, enum.Enum):
    """The outcome of checking one claim.

    Members
    -------
    PROVED
        Holds symbolically: for all entries (fully symbolic entries at the
        stated shapes) or generically (matrix-expression algebra with
        symbolic dimensions).
    VERIFIED
        No symbolic proof, but holds exactly at random rational instances
        satisfying the assumptions, with agreeing numeric legs.
    REFUTED
        An exact counterexample satisfying the assumptions exists (shown).
    CONDITIONAL
        True only under assumptions the claim does not state (named).
    UNDECIDED
        The time budget ran out (the evidence says where).
    INCONSISTENT
        The legs disagree beyond their bounds (the evidence says which).
    NOT_CHECKABLE
        Prose with no mathematical content (justified in the claim).
    """

    PROVED = "proved"
    VERIFIED = "verified"
    REFUTED = "refuted"
    CONDITIONAL = "conditional"
    UNDECIDED = "undecided"
    INCONSISTENT = "inconsistent"
    NOT_CHECKABLE = "not-checkable"

    def __str__(self) -> str:
        return self.value


Scalar = str | int | float | bool | None

#: The JSON summary of measured evidence (see :attr:`Evidence.measured`).
MEASURED_SUMMARY = "run-dependent measurement (time or memory): shown in the text and Markdown reports"


@dataclass(frozen=True)
class Evidence:
    """What one leg of a check found.

    Parameters
    ----------
    leg : str
        ``"symbolic"``, ``"exact"`` (exact rational instances), ``"mpmath"``,
        ``"float64"`` or ``"experiment"``.
    summary : str
        One human-readable line, e.g. ``"residual 3e-49 at 50 digits"``.
    details : tuple of (str, scalar) pairs
        Machine-readable facts (JSON scalars only), kept in a stable order.
    measured : bool
        True for evidence that reports run-dependent measurements (wall-clock
        time, memory peaks): the text and Markdown reports show it in full;
        the JSON report keeps only its leg (measurements vary from run to
        run, the JSON must not).
    """

    leg: str
    summary: str
    details: tuple[tuple[str, Scalar], ...] = ()
    measured: bool = False

    def as_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict with keys ``leg``, ``summary``, ``details``.

        Measured evidence keeps only its leg and a fixed summary, so that
        equal seeds give byte-identical documents.
        """
        if self.measured:
            return {"leg": self.leg, "summary": MEASURED_SUMMARY, "details": {}}
        return {"leg": self.leg, "summary": self.summary, "details": dict(self.details)}


@dataclass(frozen=True)
class CheckResult:
    """The computed result of a check.

    Parameters
    ----------
    verdict : Verdict
        The computed verdict.
    statement : str
        The statement checked, in SymPy's string form.
    statement_latex : str
        The same statement as LaTeX (``sympy.latex``).
    evidence : tuple of Evidence
        One entry per leg that ran.
    counterexample : mapping of str to sympy.Matrix, optional
        Exact matrices (keyed by symbol name) at which the statement fails;
        set when the verdict is ``refuted`` (or ``conditional``, showing the
        failure outside the unstated assumptions).
    conditions : tuple of str
        For ``conditional``: the assumptions under which the statement holds
        that the claim does not state.
    where : str, optional
        For ``undecided``: where the budget ran out; for ``inconsistent``:
        which legs disagree.
    """

    verdict: Verdict
    statement: str
    statement_latex: str = ""
    evidence: tuple[Evidence, ...] = ()
    counterexample: Mapping[str, sympy.Matrix] | None = None
    conditions: tuple[str, ...] = ()
    where: str | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "verdict", Verdict(self.verdict))
        if self.counterexample is not None:
            frozen = {
                str(k): sympy.ImmutableMatrix(v) if isinstance(v, sympy.MatrixBase) else v
                for k, v in self.counterexample.items()
            }
            object.__setattr__(self, "counterexample", frozen)

    def __str__(self) -> str:
        lines = [f"{self.verdict.value}: {self.statement}"]
        for c in self.conditions:
            lines.append(f"  holds only if: {c}")
        if self.where:
            lines.append(f"  where: {self.where}")
        for ev in self.evidence:
            lines.append(f"  [{ev.leg}] {ev.summary}")
        if self.counterexample:
            lines.append("  counterexample:")
            for name, value in self.counterexample.items():
                shown = value.tolist() if isinstance(value, sympy.MatrixBase) else value
                lines.append(f"    {name} = {sstr(shown)}")
        return "\n".join(lines)

    def _repr_markdown_(self) -> str:
        out = [f"**{self.verdict.value}**: ${self.statement_latex or self.statement}$", ""]
        for c in self.conditions:
            out.append(f"- holds only if: {c}")
        if self.where:
            out.append(f"- where: {self.where}")
        for ev in self.evidence:
            out.append(f"- *{ev.leg}*: {ev.summary}")
        if self.counterexample:
            out.append("")
            out.append("Counterexample:")
            out.append("")
            for name, value in self.counterexample.items():
                out.append(f"$${sympy.latex(sympy.Symbol(name))} = {sympy.latex(value)}$$")
        return "\n".join(out)

    def _repr_latex_(self) -> str:
        body = self.statement_latex or sympy.latex(sympy.Symbol(self.statement))
        return rf"$\text{{{self.verdict.value}}}:\ {body}$"


# --- the outcome of a run ------------------------------------------------------------
#
# These types are read by every report and written by the runner; they live here,
# in the bottom layer, so that neither needs the other. They refer to claims and
# articles only through their attributes (``claim.id``, ``claim.expected``,
# ``article.id``), never through an import.

#: The status of a claim whose check raised (not a verdict).
ERROR = "error"


@dataclass(frozen=True)
class MissingQuote:
    """A claim whose quote does not occur in its article's copy.

    Parameters
    ----------
    article : str
        The article id.
    claim : str
        The claim id.
    quote : str
        The quote as the claim gives it.
    file : str
        The file name of the article copy that was searched.
    """

    article: str
    claim: str
    quote: str
    file: str


@dataclass(frozen=True)
class ClaimOutcome:
    """What running one claim gave.

    Parameters
    ----------
    claim : Claim
        The claim that ran (:class:`derivcheck.claims.Claim`).
    result : CheckResult or None
        The computed result; ``None`` when the check raised.
    error : str or None
        ``"ExceptionType: message (at file:line in function)"`` when the
        check raised, else ``None``.
    seconds : float
        Wall-clock time of the check (never part of a report's JSON).
    """

    claim: Any
    result: CheckResult | None
    error: str | None = None
    seconds: float = 0.0

    def __post_init__(self) -> None:
        if (self.result is None) == (self.error is None):
            raise InputError("ClaimOutcome", (self.result, self.error),
                             "exactly one of result and error must be set",
                             "pass a CheckResult or an error message")

    @property
    def verdict(self) -> Verdict | None:
        """The computed verdict, or ``None`` after an error."""
        return None if self.result is None else self.result.verdict

    @property
    def status(self) -> str:
        """The computed verdict's value, or ``"error"``."""
        return ERROR if self.result is None else self.result.verdict.value

    @property
    def passed(self) -> bool:
        """True when the computed verdict equals the expected one.

        An error never passes; nor does ``inconsistent`` (which a claim
        cannot expect).
        """
        return (
            self.result is not None
            and self.result.verdict is self.claim.expected
            and self.result.verdict is not Verdict.INCONSISTENT
        )


@dataclass(frozen=True)
class RunReport:
    """The outcomes of a run, in claim order.

    Parameters
    ----------
    articles : tuple of Article
        The articles that had claims in the run, in load order.
    outcomes : tuple of ClaimOutcome
        One per claim run, in article and registration order.
    seed : int
        The run seed.
    dps : int
        The working precision.
    missing_quotes : tuple of MissingQuote, optional
        The claims whose quote was not found in the article copy; ``None``
        when quotes were not checked.
    """

    articles: tuple[Any, ...]
    outcomes: tuple[ClaimOutcome, ...]
    seed: int
    dps: int
    missing_quotes: tuple[MissingQuote, ...] | None = None

    @property
    def summary(self) -> dict[str, int]:
        """Count of each status: every verdict value (zeros included), then ``"error"``."""
        counts = Counter(o.status for o in self.outcomes)
        return {key: counts.get(key, 0) for key in [v.value for v in Verdict] + [ERROR]}

    @property
    def failures(self) -> tuple[ClaimOutcome, ...]:
        """The outcomes that did not pass (see :attr:`ClaimOutcome.passed`)."""
        return tuple(o for o in self.outcomes if not o.passed)

    @property
    def ok(self) -> bool:
        """True when every claim passed and no checked quote is missing."""
        return not self.failures and not self.missing_quotes

    def outcomes_of(self, article: Any) -> tuple[ClaimOutcome, ...]:
        """The outcomes of *article*'s claims, in registration order."""
        return tuple(o for o in self.outcomes if o.claim.article == article.id)
