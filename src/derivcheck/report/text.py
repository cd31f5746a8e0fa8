"""The plain-text report: one line per claim."""

from __future__ import annotations

from ..results import RunReport
from ._format import counts_line, key_evidence, verdict_text

__all__ = ["render_text"]


def render_text(report: RunReport) -> str:
    """Render *report* as a plain-text table, one line per claim.

    Parameters
    ----------
    report : RunReport
        The run's outcomes.

    Returns
    -------
    str
        Lines ``MARK  claim-id  verdict  evidence`` grouped by article, where
        MARK is ``ok``, ``FAIL`` (verdict differs from the expectation, or is
        ``inconsistent``) or ``ERROR`` (the check raised), and the verdict is
        the computed one, followed by ``(expected ...)`` when it differs;
        then the missing quotes, the counts, and a last line ``OK`` or
        ``FAILED``. Ends with a newline. Contains no timings, so equal runs
        give equal text.

    Examples
    --------
    >>> print(render_text(report))  # doctest: +SKIP
    derivcheck: 2 claims in 1 article (seed 0, 50 digits)
    <BLANKLINE>
    toy-algebra: Toy algebra
      ok     square   proved   [symbolic] expands to 0
      FAIL   commute  refuted (expected proved)  counterexample A = [[0, 1], [0, 0]], ...
    """
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
            lines.append(
                f"  {mark:<6} {outcome.claim.id:<{id_width}}  "
                f"{verdict_text(outcome):<{verdict_width}}  {key_evidence(outcome)}".rstrip()
            )
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
        problems = []
        if failures:
            problems.append(f"{len(failures)} of {n_claims} claims failed: "
                            + ", ".join(o.claim.id for o in failures))
        if report.missing_quotes:
            n_missing = len(report.missing_quotes)
            problems.append(f"{n_missing} quote{'s' * (n_missing != 1)} not found")
        lines.append("FAILED: " + "; ".join(problems))
    return "\n".join(lines) + "\n"
