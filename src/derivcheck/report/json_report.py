"""The JSON report: stable, documented, byte-identical for equal runs.

Schema (version 1)
------------------
The document is one object::

    {
      "version": 1,                 # schema version, bumped on incompatible change
      "seed": 0,                    # run seed
      "dps": 50,                    # working precision (decimal digits)
      "ok": true,                   # every claim passed, no checked quote missing
      "quotes_checked": false,      # whether quotes were checked against article copies
      "summary": {"proved": 3, ..., "error": 0},   # every verdict and "error", zeros included
      "articles": [                 # in load order
        {
          "id": "su-2024", "title": "...", "source": "https://...",
          "filename": "su-2024.md" | null,
          "claims": [               # in registration order
            {
              "id": "su-grad",
              "quote": "...",             # verbatim from the article
              "statement": "...",         # the claim's short description
              "assumptions": ["..."],
              "justification": "..." | null,
              "source_latex": true,       # statement built from the quoted LaTeX
              "verdict": <str>,           # the COMPUTED verdict's value, or "error"
              "expected": <str>,          # the verdict the claim expects
              "passed": false,            # verdict == expected, not inconsistent, no error
              "checked": "Eq(...)" | null,          # CheckResult.statement (SymPy form)
              "checked_latex": "..." | null,        # CheckResult.statement_latex
              "evidence": [{"leg": "exact", "summary": "...", "details": {...}}],
              "conditions": ["..."],      # for "conditional"
              "where": "..." | null,      # for "undecided" / "inconsistent"
              "counterexample": {"A": [["1", "1/3"], ["0", "2"]]} | null,
              "error": "ZeroDivisionError: ... (at file.py:12 in check)" | null,
              "quote_found": true | false | null   # null when quotes were not checked
            }
          ]
        }
      ]
    }

Counterexample matrices are lists of rows of exact SymPy strings (``"1/3"``,
``"-2"``, ``"sqrt(2)"``); a non-matrix value is one such string. Evidence
``details`` hold JSON scalars; a value of another type is written with
``str``, a non-finite float as ``"nan"``, ``"inf"`` or ``"-inf"``.

Stability: keys are sorted, lists keep their semantic order (articles,
claims, evidence legs, matrix rows), indentation is two spaces, text is
UTF-8 (not ASCII-escaped), and the document ends with a newline. Nothing
depends on timing or on the machine: no durations, no absolute paths. The
one exception is inherent: a claim whose budget runs out is ``undecided``
at a ``where`` that depends on the machine's speed.
"""

from __future__ import annotations

import json
import math
from typing import Any

from ..results import CheckResult, ClaimOutcome, RunReport
from ._format import exact_entries

__all__ = ["render_json", "report_dict", "result_dict", "SCHEMA_VERSION"]

#: Version of the JSON schema documented above.
SCHEMA_VERSION = 1


def _scalar(value: Any) -> Any:
    if isinstance(value, float) and not math.isfinite(value):
        return "nan" if math.isnan(value) else ("inf" if value > 0 else "-inf")
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


def result_dict(result: CheckResult) -> dict[str, Any]:
    """The JSON fields of one :class:`CheckResult`: verdict, statement, evidence, counterexample."""
    return {
        "verdict": result.verdict.value,
        "statement": result.statement,
        "statement_latex": result.statement_latex or None,
        "evidence": [
            {"leg": d["leg"], "summary": d["summary"],
             "details": {str(k): _scalar(v) for k, v in d["details"].items()}}
            for d in (ev.as_dict() for ev in result.evidence)
        ],
        "conditions": list(result.conditions),
        "where": result.where,
        "counterexample": None if result.counterexample is None else {
            name: exact_entries(value) for name, value in result.counterexample.items()
        },
    }


def _claim_dict(outcome: ClaimOutcome, missing: set[str] | None) -> dict[str, Any]:
    claim, result = outcome.claim, outcome.result
    fields = None if result is None else result_dict(result)
    return {
        "id": claim.id,
        "quote": claim.quote,
        "statement": claim.statement,
        "assumptions": list(claim.assumptions),
        "justification": claim.justification,
        "source_latex": claim.source_latex,
        "verdict": outcome.status,
        "expected": claim.expected.value,
        "passed": outcome.passed,
        "checked": None if fields is None else fields["statement"],
        "checked_latex": None if fields is None else fields["statement_latex"],
        "evidence": [] if fields is None else fields["evidence"],
        "conditions": [] if fields is None else fields["conditions"],
        "where": None if fields is None else fields["where"],
        "counterexample": None if fields is None else fields["counterexample"],
        "error": outcome.error,
        "quote_found": None if missing is None else claim.qualified_id not in missing,
    }


def report_dict(report: RunReport) -> dict[str, Any]:
    """Return the JSON document of *report* as Python data (see the module docstring)."""
    missing = None if report.missing_quotes is None else {
        f"{m.article}/{m.claim}" for m in report.missing_quotes
    }
    return {
        "version": SCHEMA_VERSION,
        "seed": report.seed,
        "dps": report.dps,
        "ok": report.ok,
        "quotes_checked": report.missing_quotes is not None,
        "summary": report.summary,
        "articles": [
            {
                "id": article.id,
                "title": article.title,
                "source": article.source,
                "filename": article.filename,
                "claims": [_claim_dict(o, missing) for o in report.outcomes_of(article)],
            }
            for article in report.articles
        ],
    }


def render_json(report: RunReport) -> str:
    """Render *report* as JSON text following the schema in the module docstring.

    Parameters
    ----------
    report : RunReport
        The run's outcomes.

    Returns
    -------
    str
        The document: sorted keys, 2-space indentation, UTF-8 text, ending in
        a newline; equal for runs with equal seeds and claims.

    Examples
    --------
    >>> import json
    >>> json.loads(render_json(report))["version"]  # doctest: +SKIP
    1
    """
    return json.dumps(report_dict(report), sort_keys=True, indent=2, ensure_ascii=False,
                      allow_nan=False) + "\n"
