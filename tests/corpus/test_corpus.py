"""The development corpus: formulas from public sources, checked by ``check_latex``.

Each formula of ``formulas.toml`` records the verdict class it must get
(``true``, ``conditional`` or ``false``). Two kinds of assertion:

* per formula, always: no ``true`` formula refuted, no ``false`` or
  ``conditional`` one proved or verified, and no exception other than a
  :class:`~derivcheck.errors.DerivCheckError` (a formula outside the grammar is
  a clear error, not a wrong verdict);
* over the corpus: the share of formulas parsed *and* decided right reaches
  :data:`TARGET_SHARE`.

``python tests/corpus/test_corpus.py`` prints the coverage by source and the
notation that stops the parser, grouped.
"""

from __future__ import annotations

import collections
import signal
import sys
import time
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Any, Mapping

import pytest
import sympy

from derivcheck import check_latex
from derivcheck.checks.latex import symbols_of
from derivcheck.errors import DerivCheckError, LatexParseError
from derivcheck.latex import parse_latex
from derivcheck.results import Verdict

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

CORPUS_PATH = Path(__file__).with_name("formulas.toml")

#: The share of the corpus that must be parsed and decided right.
TARGET_SHARE = 0.95

#: Seconds one formula may take before it counts as undecided.
FORMULA_BUDGET_SECONDS = 60

#: Verdicts that decide each expected class right.
RIGHT_VERDICTS = {
    "true": {Verdict.PROVED, Verdict.VERIFIED},
    "conditional": {Verdict.CONDITIONAL},
    "false": {Verdict.REFUTED},
}

#: Verdicts that contradict each expected class (a wrong verdict, never allowed).
WRONG_VERDICTS = {
    "true": {Verdict.REFUTED},
    "conditional": {Verdict.PROVED, Verdict.VERIFIED},
    "false": {Verdict.PROVED, Verdict.VERIFIED},
}

#: Phrases of a refutation that is really a refusal (notation the checker does
#: not support, reported as a shape conflict): such a verdict is not decided right.
REFUSAL_PHRASES = ("which is not supported", "cannot be compared")

#: Wrong verdicts the checker gives today, by formula id, with the cause.
#: Each is a strict expected failure: when the cause is fixed the test passes,
#: pytest reports it, and the entry must go.
KNOWN_WRONG_VERDICTS: dict[str, str] = {}


def load_corpus(path: Path = CORPUS_PATH) -> tuple[dict[str, dict], list[dict]]:
    """The sources (by key) and the formulas of the corpus file."""
    with open(path, "rb") as handle:
        data = tomllib.load(handle)
    return data["sources"], data["formula"]


SOURCES, FORMULAS = load_corpus()


@dataclass(frozen=True)
class Outcome:
    """What the checker made of one corpus formula."""

    formula_id: str
    expect: str
    status: str  # "checked", "unparsed", "crashed" or "timeout"
    verdict: Verdict | None
    detail: str
    seconds: float
    evidence: str = ""

    @property
    def parsed(self) -> bool:
        return self.status == "checked"

    @property
    def refused(self) -> bool:
        """A refutation whose evidence is only that the notation is unsupported."""
        return self.verdict is Verdict.REFUTED and any(p in self.evidence for p in REFUSAL_PHRASES)

    @property
    def right(self) -> bool:
        return self.verdict in RIGHT_VERDICTS[self.expect] and not self.refused

    @property
    def wrong(self) -> bool:
        return self.verdict in WRONG_VERDICTS[self.expect]


class _FormulaTimeout(Exception):
    """Raised by the alarm when one formula exceeds its budget."""


def _on_alarm(signum, frame):
    raise _FormulaTimeout


def _concrete_matrix(rows: list) -> sympy.Matrix:
    """An exact matrix from TOML rows of integers or "p/q" strings."""
    def exact(entry):
        value = Fraction(entry) if isinstance(entry, (int, str)) else None
        if value is None:
            raise TypeError(f"matrix entry {entry!r}: write an integer or a 'p/q' string")
        return sympy.Rational(value.numerator, value.denominator)
    return sympy.Matrix([[exact(e) for e in row] for row in rows])


def _expression_over(text: str, symbols: Mapping[str, Any], shapes) -> Any:
    """A definition written in LaTeX, over the formula's own symbols.

    The definition is read by the project's grammar (never evaluated); its
    matrices and scalars are replaced, by name, by the formula's.
    """
    parsed = parse_latex(text, shapes=shapes)
    by_name = {**dict(parsed.matrices), **dict(parsed.scalars)}
    return parsed.tree.xreplace({own: symbols[name] for name, own in by_name.items() if name in symbols})


def check_arguments(entry: Mapping[str, Any]) -> dict[str, Any]:
    """The keyword arguments of ``check_latex`` for one corpus entry."""
    shapes = {k: tuple(v) for k, v in entry.get("shapes", {}).items()} or None
    kwargs: dict[str, Any] = {"shapes": shapes}
    if entry.get("assume"):
        kwargs["assume"] = dict(entry["assume"])
    definitions = entry.get("definitions", {})
    if definitions:
        symbols = symbols_of(entry["latex"], shapes=shapes) if any(
            isinstance(v, str) for v in definitions.values()) else {}
        kwargs["definitions"] = {
            name: _concrete_matrix(value) if isinstance(value, list) else _expression_over(value, symbols, shapes)
            for name, value in definitions.items()
        }
    return kwargs


def run_formula(entry: Mapping[str, Any], budget: int = FORMULA_BUDGET_SECONDS) -> Outcome:
    """Check one corpus formula within *budget* seconds and classify the result."""
    start = time.perf_counter()
    evidence = ""
    previous = signal.signal(signal.SIGALRM, _on_alarm)
    signal.alarm(budget)
    try:
        result = check_latex(entry["latex"], **check_arguments(entry))
        status, verdict, detail = "checked", result.verdict, "; ".join(result.conditions)
        evidence = " | ".join(e.summary for e in result.evidence)
    except _FormulaTimeout:
        status, verdict, detail = "timeout", None, f"over {budget} s"
    except DerivCheckError as exc:
        status, verdict, detail = "unparsed", None, f"{type(exc).__name__}: {exc}"
    except Exception as exc:  # noqa: BLE001 - any other exception is a finding to report
        status, verdict, detail = "crashed", None, f"{type(exc).__name__}: {exc}"
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    return Outcome(entry["id"], entry["expect"], status, verdict, detail, time.perf_counter() - start, evidence)


_OUTCOMES: dict[str, Outcome] = {}


def outcome_of(entry: Mapping[str, Any]) -> Outcome:
    """The outcome of *entry*, computed once per session."""
    if entry["id"] not in _OUTCOMES:
        _OUTCOMES[entry["id"]] = run_formula(entry)
    return _OUTCOMES[entry["id"]]


def notation_family(outcome: Outcome) -> str:
    """A short name for what stopped a formula (the token and the rule)."""
    text = outcome.detail
    if text.startswith(LatexParseError.__name__):
        body = text.split(": ", 1)[1]
        token = body.split("=", 1)[1].split(":", 1)[0] if "=" in body else body
        rule = body.split(": ", 1)[1].split(" (in ", 1)[0] if ": " in body else ""
        return f"{token.strip()} — {rule.strip()}"
    return text.split(". Fix", 1)[0][:120]


# ------------------------------------------------------------------ the corpus file itself

def test_corpus_meets_the_size_and_balance_targets():
    assert len(FORMULAS) >= 80
    used = {entry["source"] for entry in FORMULAS}
    assert len(used) >= 8 and used <= set(SOURCES)
    not_true = sum(entry["expect"] != "true" for entry in FORMULAS)
    assert not_true >= 0.2 * len(FORMULAS)


def test_every_entry_is_well_formed():
    ids = [entry["id"] for entry in FORMULAS]
    assert len(ids) == len(set(ids)), "formula ids must be unique"
    allowed = {"id", "source", "latex", "stated", "assume", "shapes", "definitions", "expect", "reason"}
    for entry in FORMULAS:
        assert set(entry) <= allowed, entry["id"]
        assert entry["expect"] in RIGHT_VERDICTS, entry["id"]
        assert entry["reason"].strip() and entry["latex"].strip(), entry["id"]
        assert SOURCES[entry["source"]]["url"].startswith("http"), entry["id"]


def test_concrete_definitions_are_exact():
    matrix = _concrete_matrix([[1, "1/25"], [0, -2]])
    assert matrix[0, 1] == sympy.Rational(1, 25) and matrix[1, 1] == -2
    with pytest.raises(TypeError, match="p/q"):
        _concrete_matrix([[0.1]])


def test_classification_rejects_wrong_verdicts():
    wrong = Outcome("x", "true", "checked", Verdict.REFUTED, "", 0.0)
    accepted_wrong = Outcome("x", "false", "checked", Verdict.VERIFIED, "", 0.0)
    unparsed = Outcome("x", "true", "unparsed", None, "LatexParseError: ...", 0.0)
    refusal = Outcome("x", "false", "checked", Verdict.REFUTED, "", 0.0,
                      "the formula is not shape-consistent: the spectral norm, which is not supported")
    assert refusal.refused and not refusal.right and not refusal.wrong
    assert wrong.wrong and not wrong.right
    assert accepted_wrong.wrong
    assert not unparsed.wrong and not unparsed.right and not unparsed.parsed


# ------------------------------------------------------------------ per formula

def _formula_param(entry):
    marks = []
    if entry["id"] in KNOWN_WRONG_VERDICTS:
        marks.append(pytest.mark.xfail(reason=KNOWN_WRONG_VERDICTS[entry["id"]], strict=True))
    return pytest.param(entry, id=entry["id"], marks=marks)


@pytest.mark.parametrize("entry", [_formula_param(e) for e in FORMULAS])
def test_no_wrong_verdict(entry):
    outcome = outcome_of(entry)
    assert outcome.status != "crashed", f"{entry['id']}: {outcome.detail}"
    assert not outcome.wrong, (
        f"{entry['id']}: expected {entry['expect']} ({entry['reason']}), "
        f"got {outcome.verdict.value} for {entry['latex']!r} {outcome.detail}"
    )


# ------------------------------------------------------------------ over the corpus

def test_share_parsed_and_decided_right():
    outcomes = [outcome_of(entry) for entry in FORMULAS]
    right = sum(o.parsed and o.right for o in outcomes)
    share = right / len(outcomes)
    missed = collections.Counter(notation_family(o) for o in outcomes if not o.parsed)
    assert share >= TARGET_SHARE, (
        f"{right}/{len(outcomes)} = {share:.1%} parsed and decided right (target {TARGET_SHARE:.0%}); "
        f"unparsed {sum(missed.values())}, refusals reported as refuted {sum(o.refused for o in outcomes)}, "
        f"most common notation stopping the parser: {missed.most_common(5)}"
    )


# ------------------------------------------------------------------ report

def coverage_table(outcomes: list[Outcome]) -> str:
    """A Markdown table: source | formulas | parsed | decided right."""
    by_source: dict[str, list[Outcome]] = collections.defaultdict(list)
    source_of = {entry["id"]: entry["source"] for entry in FORMULAS}
    for outcome in outcomes:
        by_source[source_of[outcome.formula_id]].append(outcome)
    lines = ["| source | formulas | parsed | decided right |", "|---|---:|---:|---:|"]
    for key in sorted(by_source, key=lambda k: (-len(by_source[k]), k)):
        group = by_source[key]
        lines.append(f"| {key} | {len(group)} | {sum(o.parsed for o in group)} | "
                     f"{sum(o.parsed and o.right for o in group)} |")
    total_right = sum(o.parsed and o.right for o in outcomes)
    lines.append(f"| **all {len(by_source)} sources** | {len(outcomes)} | {sum(o.parsed for o in outcomes)} | "
                 f"{total_right} ({total_right / len(outcomes):.1%}) |")
    return "\n".join(lines)


def main() -> int:
    """Print the coverage by source, the notation that stops the parser, and wrong verdicts."""
    outcomes = []
    for entry in FORMULAS:
        outcome = run_formula(entry)
        outcomes.append(outcome)
        shown = outcome.verdict.value if outcome.verdict else outcome.status
        print(f"{outcome.seconds:6.1f}s {entry['expect']:>11} -> {shown:<12} {entry['id']}", file=sys.stderr)
    print(coverage_table(outcomes))
    families: dict[str, list[str]] = collections.defaultdict(list)
    for o in outcomes:
        if not o.parsed:
            families[notation_family(o)].append(o.formula_id)
    print("\nWhat stops the parser (count, notation: formula ids):")
    for family, ids in sorted(families.items(), key=lambda item: (-len(item[1]), item[0])):
        print(f"  {len(ids):3d}  {family}: {', '.join(ids)}")
    print("\nChecked but not decided right:")
    for o in outcomes:
        if o.parsed and not o.right:
            mark = "WRONG" if o.wrong else "refusal" if o.refused else "miss"
            print(f"  {mark:5} {o.formula_id}: expected {o.expect}, got {o.verdict.value} {o.detail}")
    for o in outcomes:
        if o.status in ("crashed", "timeout"):
            print(f"  {o.status.upper()} {o.formula_id}: {o.detail}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
