"""Reports of a document check: text for the terminal, Markdown for GitHub, JSON.

Pure functions of a :class:`~derivcheck.document.model.DocumentReport`; the
JSON schema is documented in :mod:`derivcheck.document`. None of them shows
run-dependent numbers except the text and Markdown reports' timing line when
asked for it, so equal seeds give equal reports.
"""

from __future__ import annotations

import json
import re
from typing import Any

import sympy

from ..text import sstr
from ..report.json_report import result_dict
from .model import CLAIM, UNSUPPORTED, DocumentReport, FormulaOutcome

__all__ = ["render_text", "render_markdown", "render_json", "report_dict", "CONVENTIONS", "SCHEMA_VERSION"]

#: Version of the JSON schema (see :mod:`derivcheck.document`).
SCHEMA_VERSION = 1

#: What every report assumes about the notation.
CONVENTIONS = (
    "real matrices: ^*, ^H and ^T are the transpose; ^+ and ^\\dagger the Moore-Penrose pseudo-inverse",
    "uppercase letters are matrices; lowercase names are scalars, or column vectors where the formula needs one",
    "epsilon and lambda are positive; a limit epsilon -> 0 is taken from above",
    "sizes are symbolic unless a declaration (A \\in \\mathbb{R}^{m\\times n}) or the claims file fixes them",
    "a name defined in the document stands for its definition in every later formula that uses it",
    "hypotheses (relations that introduce an unknown) are reported, never checked",
)


def _status(outcome: FormulaOutcome) -> str:
    f = outcome.formula
    if f.skip is not None:
        return "skipped"
    if f.kind == CLAIM:
        return outcome.verdict or "-"
    return "-"


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _fit(text: str, width: int) -> str:
    return text if len(text) <= width else text[: max(width - 1, 1)] + "…"


def _counterexample_lines(outcome: FormulaOutcome) -> list[str]:
    result = outcome.result
    if result is None or not result.counterexample:
        return []
    out = []
    for name, value in result.counterexample.items():
        shown = value.tolist() if isinstance(value, sympy.MatrixBase) else value
        out.append(f"{name} = {sstr(shown)}")
    return out


def _details(outcome: FormulaOutcome) -> list[str]:
    f, result = outcome.formula, outcome.result
    lines = []
    if f.reason:
        lines.append(f"reason: {f.reason}")
    if f.skip is not None:
        lines.append(f"skipped: {f.skip}")
    if f.expected is not None:
        lines.append(f"expected: {f.expected}")
    if outcome.error:
        lines.append(f"error: {outcome.error}")
    if result is not None:
        lines.append(f"checked: {result.statement}")
        lines.extend(f"holds only if: {c}" for c in result.conditions)
        if result.where:
            lines.append(f"where: {result.where}")
        lines.extend(f"[{ev.leg}] {_one_line(ev.summary)}" for ev in result.evidence)
        counter = _counterexample_lines(outcome)
        if counter:
            lines.append("counterexample: " + "; ".join(counter))
    return lines


def _summary_lines(report: DocumentReport) -> list[str]:
    s = report.summary()
    kinds = ", ".join(f"{n} {k}" for k, n in s["kinds"].items() if n)
    verdicts = ", ".join(f"{n} {v}" for v, n in s["verdicts"].items() if n)
    share = "-" if s["share_decided"] is None else f"{100 * s['share_decided']:.0f}%"
    lines = [f"{s['formulas']} formulas ({kinds or 'none'})",
             f"claims: {s['claims']}, decided {s['decided']} ({share}): {verdicts or 'none'}"
             + (f"; skipped {s['skipped']}" if s["skipped"] else "")]
    if s["unsupported"]:
        lines.append("unsupported: " + "; ".join(f"{n} × {r}" for r, n in s["unsupported"].items()))
    lines.extend(f"unmatched pin: {u}" for u in report.unmatched)
    lines.append("result: " + ("ok" if report.ok else f"FAILED ({s['failures']} formula(s) did not pass)"))
    return lines


def render_text(report: DocumentReport, *, width: int | None = 100, verbose: bool = False) -> str:
    """The terminal report: per file, one line per formula, details with *verbose*, then the summary.

    Parameters
    ----------
    report : DocumentReport
    width : int or None
        Lines are cut to this many characters (``…``); None keeps them whole.
    verbose : bool
        Reason, evidence, conditions and counterexample under each formula.
    """
    out = []
    path = None
    for outcome in report.outcomes:
        f = outcome.formula
        if f.path != path:
            path = f.path
            out.append(f"{path}:")
        place = f"{f.line}:{f.column}" if f.cell is None else f"[{f.cell}]{f.line}:{f.column}"
        status = _status(outcome) + ("" if outcome.passed else " FAIL")
        line = f"  {place:<9} {f.id:<5} {f.kind:<11}  {status:<16}  {_one_line(f.text)}"
        out.append(line if width is None else _fit(line, width))
        if verbose:
            for detail in _details(outcome):
                text = "      " + detail
                out.append(text if width is None else _fit(text, max(width, 40)))
    out.append("")
    out.append("conventions: " + "; ".join(CONVENTIONS))
    out.extend(_summary_lines(report))
    return "\n".join(out) + "\n"


def _md_escape(text: str) -> str:
    return text.replace("|", "\\|")


def _md_text(text: str) -> str:
    """Prose for Markdown: the characters that would start emphasis, links or tables escaped."""
    return re.sub(r"([\\`*_\[\]<>|])", r"\\\1", text)


def _md_code(text: str) -> str:
    text = _one_line(text).replace("|", "\\|")
    fence = "``" if "`" in text else "`"
    return f"{fence}{text}{fence}" if fence == "`" else f"{fence} {text} {fence}"


def render_markdown(report: DocumentReport) -> str:
    """A GitHub-flavoured Markdown report: summary, one table row per formula, details of claims."""
    s = report.summary()
    out = ["# derivcheck check", "", "Conventions:", ""]
    out += [f"- {_md_text(c)}" for c in CONVENTIONS] + [""]
    out += ["| formulas | claims | decided | " + " | ".join(v for v, n in s["verdicts"].items() if n) + " |"]
    shown = [v for v, n in s["verdicts"].items() if n]
    out += ["|" + "---|" * (3 + len(shown))]
    share = "-" if s["share_decided"] is None else f"{100 * s['share_decided']:.0f}%"
    out += [f"| {s['formulas']} | {s['claims']} | {s['decided']} ({share}) | "
            + " | ".join(str(s["verdicts"][v]) for v in shown) + " |", ""]
    if s["unsupported"]:
        out += ["Unsupported notation:", ""]
        out += [f"- {n} × {_md_text(r)}" for r, n in s["unsupported"].items()] + [""]
    out += ["**Result: " + ("ok" if report.ok else f"failed ({s['failures']} formula(s) did not pass)") + "**", ""]
    out += ["| id | location | kind | verdict | formula |", "|---|---|---|---|---|"]
    for o in report.outcomes:
        status = _status(o) + ("" if o.passed else " ✗")
        out.append(f"| {o.formula.id} | {o.formula.location} | {o.formula.kind} | {status} | "
                   f"{_md_code(o.formula.text)} |")
    details = [o for o in report.outcomes if o.formula.kind in (CLAIM, UNSUPPORTED) or not o.passed]
    if details:
        out += ["", "## Details", ""]
        for o in details:
            out.append(f"- **{o.formula.id}** ({o.formula.location}), {o.formula.kind}, {_status(o)}: "
                       f"{_md_code(o.formula.text)}")
            out.extend(f"  - {_md_code(line) if line.startswith('counterexample') else line}"
                       for line in _details(o))
    return "\n".join(out) + "\n"


def _formula_dict(outcome: FormulaOutcome) -> dict[str, Any]:
    f = outcome.formula
    entry: dict[str, Any] = {
        "id": f.id, "file": f.path, "cell": f.cell, "line": f.line, "column": f.column,
        "formula": f.text, "kind": f.kind, "reason": f.reason,
        "verdict": outcome.verdict if f.kind == CLAIM and f.skip is None else None,
        "expected": f.expected, "skip": f.skip, "passed": outcome.passed, "error": outcome.error,
        "checked": None, "conditions": [], "where": None, "evidence": [], "counterexample": None,
    }
    if outcome.result is not None:
        checked = result_dict(outcome.result)
        entry.update(checked=checked["statement"], conditions=checked["conditions"], where=checked["where"],
                     evidence=checked["evidence"], counterexample=checked["counterexample"])
    return entry


def report_dict(report: DocumentReport) -> dict[str, Any]:
    """The JSON document as a dict (schema in :mod:`derivcheck.document`)."""
    return {
        "schema": "derivcheck-check",
        "version": SCHEMA_VERSION,
        "seed": report.seed,
        "budget": report.budget,
        "ok": report.ok,
        "files": list(report.paths),
        "conventions": list(CONVENTIONS),
        "summary": report.summary(),
        "formulas": [_formula_dict(o) for o in report.outcomes],
    }


def render_json(report: DocumentReport) -> str:
    """The JSON report: sorted keys, two-space indent, UTF-8, a final newline."""
    return json.dumps(report_dict(report), sort_keys=True, ensure_ascii=False, indent=2) + "\n"

