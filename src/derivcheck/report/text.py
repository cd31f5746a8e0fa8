"""The plain-text report: one line per claim, the evidence under it on request."""

from __future__ import annotations

import textwrap
import unicodedata

from ..results import ClaimOutcome, RunReport
from ._format import counts_line, inline_counterexample, verdict_text

__all__ = ["render_text"]

#: Indentation of the detail lines under a claim (``verbose``).
_DETAIL_INDENT = " " * 11

#: Narrowest width a line is cut to: below it the id and verdict alone do not fit.
_MIN_WIDTH = 20


def _char_width(ch: str) -> int:
    """Columns a character takes on a terminal: 0 (combining), 2 (wide) or 1."""
    if unicodedata.combining(ch):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in "WF" else 1


def _display_width(text: str) -> int:
    return sum(_char_width(ch) for ch in text)


def _fit(line: str, width: int | None) -> str:
    """*line* cut to *width* terminal columns, ending in ``…`` when cut."""
    if width is None or _display_width(line) <= width:
        return line
    out, used = [], 0
    for ch in line:
        w = _char_width(ch)
        if used + w > width - 1:
            break
        out.append(ch)
        used += w
    return "".join(out).rstrip() + "…"


def _details(outcome: ClaimOutcome) -> list[str]:
    """The detail lines of one claim: error, conditions, where, counterexample, evidence."""
    if outcome.result is None:
        return [f"error: {outcome.error}"] if outcome.error else []
    result = outcome.result
    items = []
    if result.conditions:
        items.append("holds only if " + "; ".join(result.conditions))
    if result.where:
        items.append(f"where: {result.where}")
    if result.counterexample:
        items.append(inline_counterexample(result.counterexample))
    items.extend(f"[{ev.leg}] {ev.summary}" for ev in result.evidence)
    if not items and outcome.claim.justification:
        items.append(outcome.claim.justification)
    return [" ".join(item.split()) for item in items]


def _wrap(item: str, width: int | None) -> list[str]:
    """One detail item, indented under its claim and wrapped to *width* (nothing is cut)."""
    if width is None:
        return [_DETAIL_INDENT + item]
    indent = _DETAIL_INDENT if width - len(_DETAIL_INDENT) >= _MIN_WIDTH else "    "
    return textwrap.wrap(item, width=width, initial_indent=indent, subsequent_indent=indent + "  ",
                         break_long_words=True, break_on_hyphens=False)


def render_text(report: RunReport, *, width: int | None = None, verbose: bool = False) -> str:
    """Render *report* as plain text, one line per claim.

    Parameters
    ----------
    report : RunReport
        The run's outcomes.
    width : int or None
        Terminal columns: each claim line is cut to fit, ending in ``…``
        (``None``: lines are never cut, as in a file or a pipe).
    verbose : bool
        Also show each claim's details under its line: conditions, the
        counterexample, the evidence of every leg (an error for a check that
        raised), wrapped to *width*.

    Returns
    -------
    str
        Lines ``MARK  claim-id  verdict  statement`` grouped by article,
        where MARK is ``ok``, ``FAIL`` (verdict differs from the expectation,
        or is ``inconsistent``) or ``ERROR`` (the check raised, and the line
        ends with the error instead of the statement), and the verdict is the
        computed one, followed by ``(expected ...)`` when it differs; then
        the missing quotes, the counts, and a last line ``OK`` or
        ``FAILED``. Ends with a newline. Contains no timings, so equal runs
        give equal text.

    Examples
    --------
    >>> from derivcheck import Article, CheckResult, Evidence, Verdict
    >>> from derivcheck.runner import run_claims
    >>> art = Article("toy", "Toy algebra", "https://example.org/toy")
    >>> @art.claim("square", quote="(a+b)^2 = a^2 + 2ab + b^2", expect="proved",
    ...            statement="the square of a sum")
    ... def _(ctx):
    ...     return CheckResult(Verdict.PROVED, "(a+b)**2", "", (Evidence("symbolic", "expands to 0"),))
    >>> print(render_text(run_claims([art]), width=40, verbose=True), end="")
    derivcheck: 1 claim in 1 article (seed 0, 50 digits)
    <BLANKLINE>
    toy: Toy algebra
      ok     square  proved  the square of…
               [symbolic] expands to 0
    <BLANKLINE>
    summary: 1 proved
    OK: every verdict equals its expectation
    """
    if width is not None:
        width = max(int(width), _MIN_WIDTH)
    n_claims, n_articles = len(report.outcomes), len(report.articles)
    lines = [
        f"derivcheck: {n_claims} claim{'s' * (n_claims != 1)} in {n_articles} "
        f"article{'s' * (n_articles != 1)} (seed {report.seed}, {report.dps} digits)"
    ]
    id_width = max((len(o.claim.id) for o in report.outcomes), default=0)
    verdict_width = max((len(verdict_text(o)) for o in report.outcomes), default=0)
    for article in report.articles:
        lines += ["", f"{article.id}: {article.title}"]
        for outcome in report.outcomes_of(article):
            mark = "ok" if outcome.passed else ("ERROR" if outcome.result is None else "FAIL")
            tail = " ".join((outcome.error or "").split()) if outcome.result is None \
                else " ".join(outcome.claim.statement.split())
            line = (f"  {mark:<6} {outcome.claim.id:<{id_width}}  "
                    f"{verdict_text(outcome):<{verdict_width}}  {tail}").rstrip()
            lines.append(_fit(line, width))
            if verbose:
                for item in _details(outcome):
                    lines += _wrap(item, width)
    if report.missing_quotes:
        lines += ["", "quotes not found in the article copy:"]
        for missing in report.missing_quotes:
            quote = " ".join(missing.quote.split())
            lines.append(f"  {missing.article}/{missing.claim} ({missing.file}): {quote}")
    lines += ["", f"summary: {counts_line(report)}"]
    failures = report.failures
    if report.ok:
        lines.append("OK: every verdict equals its expectation")
    else:
        if failures and not verbose:
            lines.append("(run with -v for the evidence and counterexample of each claim)")
        problems = []
        if failures:
            problems.append(f"{len(failures)} of {n_claims} claims failed: "
                            + ", ".join(o.claim.id for o in failures))
        if report.missing_quotes:
            n_missing = len(report.missing_quotes)
            problems.append(f"{n_missing} quote{'s' * (n_missing != 1)} not found")
        lines.append("FAILED: " + "; ".join(problems))
    return "\n".join(lines) + "\n"
