"""The Markdown report (renders on GitHub) and the README's summary table.

Quotes are shown verbatim in fenced ``text`` blocks (article text mixes
prose, LaTeX and characters that Markdown would otherwise rewrite); the
checked statements and counterexamples are shown as LaTeX in fenced
``math`` blocks, which GitHub renders.
"""

from __future__ import annotations

import re

import sympy

from ..results import ERROR, ClaimOutcome, RunReport, Verdict
from ._format import counts_line, verdict_text

__all__ = ["render_markdown", "render_summary_table"]


def _fence(text: str, info: str) -> list[str]:
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * max(3, longest + 1)
    return [f"{fence}{info}", text.strip("\n"), fence]


def _code_span(text: str) -> str:
    text = " ".join(text.split())
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    ticks = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{ticks}{pad}{text}{pad}{ticks}"


def _escape(text: str) -> str:
    """Escape Markdown markup in prose, leaving ``$...$`` math untouched.

    Only the characters that change a document's structure are escaped:
    ``*``, the backquote, ``<``, ``>``, ``[``, ``]`` and ``|`` (tables); underscores
    inside words and backslashes are left alone.
    """
    pieces = " ".join(text.split()).split("$")
    for i in range(0, len(pieces), 2):  # even pieces lie outside $...$
        pieces[i] = re.sub(r"([*`<>\[\]|])", r"\\\1", pieces[i])
    return "$".join(pieces)


def _latex_name(name: str) -> str:
    return sympy.latex(sympy.Symbol(name))


def _claim_section(outcome: ClaimOutcome, missing: set[str] | None) -> list[str]:
    claim, result = outcome.claim, outcome.result
    mark = "" if outcome.passed else " — FAILED"
    out = [f"### {_code_span(claim.id)}: {verdict_text(outcome)}{mark}", ""]
    out += ["Quote:", ""] + _fence(claim.quote, "text") + [""]
    if missing is not None and claim.qualified_id in missing:
        out += ["**This quote was not found in the article copy.**", ""]
    out += [f"Claim: {_escape(claim.statement)}", ""]
    if claim.assumptions:
        out += ["Assumptions: " + "; ".join(_escape(a) for a in claim.assumptions), ""]
    if claim.justification:
        out += [f"Justification: {_escape(claim.justification)}", ""]
    if result is None:
        out += [f"Error: {_code_span(outcome.error or '')}", ""]
        return out
    if result.statement_latex:
        out += ["Checked:", ""] + _fence(result.statement_latex, "math") + [""]
    else:
        out += [f"Checked: {_code_span(result.statement)}", ""]
    bullets = [f"- holds only if: {_escape(c)}" for c in result.conditions]
    if result.where:
        bullets.append(f"- where: {_escape(result.where)}")
    bullets += [f"- *{_escape(ev.leg)}*: {_escape(ev.summary)}" for ev in result.evidence]
    if bullets:
        out += ["Evidence:", ""] + bullets + [""]
    if result.counterexample:
        lines = [f"{_latex_name(name)} = {sympy.latex(value)}"
                 for name, value in result.counterexample.items()]
        body = (r"\begin{aligned}" + r" \\ ".join(line.replace(" = ", " &= ", 1) for line in lines)
                + r"\end{aligned}") if len(lines) > 1 else lines[0]
        out += ["Counterexample:", ""] + _fence(body, "math") + [""]
    return out


def render_markdown(report: RunReport) -> str:
    """Render *report* as Markdown: per article, each claim with its evidence.

    Parameters
    ----------
    report : RunReport
        The run's outcomes.

    Returns
    -------
    str
        A document with a summary, then one section per article and one
        subsection per claim: its computed verdict (and the expected one
        when it differs), the quote, the claim, the checked statement as
        LaTeX, the evidence of each leg, and any exact counterexample as
        LaTeX matrices. Ends with a newline.

    Examples
    --------
    >>> text = render_markdown(report)  # doctest: +SKIP
    >>> "Counterexample:" in text  # doctest: +SKIP
    True
    """
    missing = None if report.missing_quotes is None else {
        f"{m.article}/{m.claim}" for m in report.missing_quotes
    }
    out = ["# derivcheck report", ""]
    out += [f"Seed {report.seed}, {report.dps} digits; {len(report.outcomes)} claims: "
            f"{counts_line(report)}.", ""]
    if report.ok:
        out += ["Every computed verdict equals the verdict its claim expects.", ""]
    else:
        failed = ", ".join(_code_span(o.claim.id) for o in report.failures)
        if failed:
            out += [f"**Failed:** {failed}.", ""]
        if report.missing_quotes:
            out += [f"**Quotes not found:** {len(report.missing_quotes)}.", ""]
    for article in report.articles:
        out += [f"## {_escape(article.title)}", "",
                f"Article {_code_span(article.id)}, source: {_escape(article.source)}", ""]
        for outcome in report.outcomes_of(article):
            out += _claim_section(outcome, missing)
    return "\n".join(out).rstrip("\n") + "\n"


_COLUMNS = [v.value for v in Verdict] + [ERROR]


def _summary_row(label: str, outcomes: tuple[ClaimOutcome, ...]) -> str:
    counts = [sum(o.status == status for o in outcomes) for status in _COLUMNS]
    from_latex = sum(o.claim.source_latex for o in outcomes)
    found = [o.claim.id for o in outcomes
             if o.verdict in (Verdict.REFUTED, Verdict.CONDITIONAL)]
    found_text = ", ".join(_code_span(i) for i in found) if found else "none"
    cells = [label, str(len(outcomes))] + [str(n) for n in counts] + [str(from_latex), found_text]
    return "| " + " | ".join(cells) + " |"


def render_summary_table(report: RunReport) -> str:
    """Render one Markdown table row per article, for the README.

    Parameters
    ----------
    report : RunReport
        The run's outcomes.

    Returns
    -------
    str
        A table with columns: article, claims, one count per verdict and
        for errors, how many claims were built from their quoted LaTeX, and
        the errors found in the article (the ids of the claims computed
        ``refuted`` or ``conditional``); then a total row. Ends with a
        newline.
    """
    header = ["Article", "Claims"] + _COLUMNS + ["From quoted LaTeX", "Errors found"]
    lines = ["| " + " | ".join(header) + " |",
             "|" + "|".join([":--", "--:"] + ["--:"] * len(_COLUMNS) + ["--:", ":--"]) + "|"]
    for article in report.articles:
        label = f"{_escape(article.title)} ({_code_span(article.id)})"
        lines.append(_summary_row(label, report.outcomes_of(article)))
    lines.append(_summary_row("**Total**", report.outcomes))
    return "\n".join(lines) + "\n"
