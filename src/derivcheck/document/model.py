"""The values a document check produces: located formulas, their tasks and outcomes.

All are frozen dataclasses; the mutable state of a reading lives in
:class:`~derivcheck.document.classify.DocumentState` only.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Mapping

from ..results import CheckResult, Verdict

__all__ = ["KINDS", "CLAIM", "DEFINITION", "HYPOTHESIS", "DECLARATION", "EXPRESSION", "UNSUPPORTED",
           "CheckTask", "Formula", "FormulaOutcome", "DocumentReport", "PASSING", "ERROR"]

CLAIM = "claim"
DEFINITION = "definition"
HYPOTHESIS = "hypothesis"
DECLARATION = "declaration"
EXPRESSION = "expression"
UNSUPPORTED = "unsupported"
#: Every kind of formula, in report order.
KINDS = (CLAIM, DEFINITION, HYPOTHESIS, DECLARATION, EXPRESSION, UNSUPPORTED)
#: Verdicts that pass a claim nobody pinned.
PASSING = (Verdict.PROVED.value, Verdict.VERIFIED.value)
#: The status of a claim whose check raised an unexpected exception (a bug, not a verdict).
ERROR = "error"


@dataclass(frozen=True)
class CheckTask:
    """What to check for one claim: the arguments of :func:`~derivcheck.checks.latex.check_latex`.

    Parameters
    ----------
    formula : str
        The LaTeX to check.
    shapes : mapping
        ``name -> (rows, cols)``, sizes ints or dimension names.
    definitions : mapping
        ``name -> SymPy expression`` substituted for the name.
    assume : mapping
        ``name -> assumption words``.
    """

    formula: str
    shapes: Mapping[str, tuple] = field(default_factory=dict)
    definitions: Mapping[str, Any] = field(default_factory=dict)
    assume: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Formula:
    """One located and classified formula.

    Parameters
    ----------
    id : str
        ``f<n>``: its number in its file, counted from 1 in document order.
    path : str
        The file, as given.
    line, column : int
        1-based position of the formula's first character (a notebook: in its cell).
    cell : int or None
        The notebook cell (0-based), None for plain files.
    text : str
        The LaTeX as written (one row of a multi-row block).
    kind : str
        One of :data:`KINDS`.
    reason : str or None
        Why it got its kind: the notation that stopped an ``unsupported``
        formula, the new names of a ``hypothesis``, the defined name.
    task : CheckTask or None
        For a claim: what to check.
    expected : str or None
        The verdict the claims file expects.
    skip : str or None
        The claims file's reason to skip the formula.
    tentative : str or None
        For a claim that reads as a condition: why. It stays a claim only
        when proved or verified, else it is reported as a hypothesis.
    """

    id: str
    path: str
    line: int
    column: int
    cell: int | None
    text: str
    kind: str
    reason: str | None = None
    task: CheckTask | None = None
    expected: str | None = None
    skip: str | None = None
    tentative: str | None = None

    @property
    def location(self) -> str:
        """``path:line:column`` (``path[cell N]:line:column`` in a notebook)."""
        where = self.path if self.cell is None else f"{self.path}[cell {self.cell}]"
        return f"{where}:{self.line}:{self.column}"


@dataclass(frozen=True)
class FormulaOutcome:
    """A formula with what checking it gave.

    Parameters
    ----------
    formula : Formula
        The formula (its kind may have turned ``unsupported`` when the checker
        refused it; then *formula.reason* says why).
    result : CheckResult or None
        The computed result of a claim.
    error : str or None
        For a claim whose check raised unexpectedly: the exception, one line.
    seconds : float
        Time spent checking (never in the JSON report).
    """

    formula: Formula
    result: CheckResult | None = None
    error: str | None = None
    seconds: float = 0.0

    @property
    def verdict(self) -> str | None:
        """The computed verdict's value, ``"error"``, or None for a formula that is not checked."""
        if self.error is not None:
            return ERROR
        return None if self.result is None else self.result.verdict.value

    @property
    def passed(self) -> bool:
        """Whether this formula lets the run pass.

        A claim passes when its verdict is its expected one or, with nothing
        expected, proved or verified. Another formula passes unless the claims
        file expected a verdict it did not get (for an unsupported formula,
        ``expect = "unsupported"`` passes).
        """
        f = self.formula
        if f.skip is not None:
            return True
        status = self.verdict if f.kind != "unsupported" else "unsupported"
        if f.expected is not None:
            return status == f.expected and status not in (ERROR, Verdict.INCONSISTENT.value)
        if f.kind == CLAIM:
            return status in PASSING
        return True


@dataclass(frozen=True)
class DocumentReport:
    """The outcomes of every formula of every input, in document order.

    Parameters
    ----------
    paths : tuple of str
        The inputs, in the order given.
    outcomes : tuple of FormulaOutcome
        All formulas of all inputs.
    seed : int
        The run seed.
    budget : float
        Seconds per formula.
    unmatched : tuple of str
        Claims-file entries that pin no formula (each fails the run).
    """

    paths: tuple[str, ...]
    outcomes: tuple[FormulaOutcome, ...]
    seed: int
    budget: float
    unmatched: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        """True when every formula passes (see :attr:`FormulaOutcome.passed`) and every pin matched."""
        return all(o.passed for o in self.outcomes) and not self.unmatched

    def summary(self) -> dict[str, Any]:
        """Counts: formulas, per kind, claims decided, per verdict, unsupported per reason."""
        kinds = Counter(o.formula.kind for o in self.outcomes)
        claims = [o for o in self.outcomes if o.formula.kind == CLAIM and o.formula.skip is None]
        verdicts = Counter(o.verdict for o in claims)
        decided = sum(verdicts.get(v.value, 0) for v in
                      (Verdict.PROVED, Verdict.VERIFIED, Verdict.REFUTED, Verdict.CONDITIONAL))
        reasons = Counter(o.formula.reason or "unknown" for o in self.outcomes
                          if o.formula.kind == UNSUPPORTED)
        relations = len(claims) + kinds.get(UNSUPPORTED, 0)
        return {
            "formulas": len(self.outcomes),
            "kinds": {k: kinds.get(k, 0) for k in KINDS},
            "claims": len(claims),
            "skipped": sum(1 for o in self.outcomes if o.formula.skip is not None),
            "decided": decided,
            "verdicts": {v: verdicts.get(v, 0) for v in [x.value for x in Verdict] + [ERROR]},
            "unsupported": dict(sorted(reasons.items(), key=lambda kv: (-kv[1], kv[0]))),
            "share_decided": round(decided / len(claims), 4) if claims else None,
            "share_parsed": round(1 - kinds.get(UNSUPPORTED, 0) / relations, 4) if relations else None,
            "failures": sum(1 for o in self.outcomes if not o.passed) + len(self.unmatched),
            "unmatched_pins": list(self.unmatched),
        }
