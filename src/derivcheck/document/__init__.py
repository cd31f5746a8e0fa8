r"""Check a whole document: every formula of a Markdown, LaTeX or notebook file.

``derivcheck check ARTICLE.md`` (or :func:`check_documents`) reads the file
(:mod:`.sources`), finds its formulas (:mod:`.locate`, :mod:`.katex` for web
captures, :mod:`.rows` for multi-row blocks), classifies each in document
order (:mod:`.classify`: claim, definition, hypothesis, declaration,
expression, unsupported), applies the claims file (:mod:`.claims_file`),
checks the claims under a budget each (:mod:`.execute`) and reports
(:mod:`.render`).

Exit status of the command: 0 when every claim is proved or verified, or gets
the verdict its claims-file entry expects (and every other pinned formula
gets its expected verdict); 1 otherwise; 2 for bad input (one line naming the
file and line).

JSON schema (``--format json``, version 1)
------------------------------------------
One object, keys sorted, two-space indent, UTF-8, final newline::

    {
      "schema": "derivcheck-check", "version": 1,
      "seed": 0,                    # run seed given to every check
      "budget": 20.0,               # seconds per formula
      "ok": true,                   # the exit status is 0
      "files": ["article.md"],      # the inputs, as given
      "conventions": ["real matrices: ^*, ^H and ^T are the transpose; ...", ...],
      "summary": {
        "formulas": 120,            # formulas found
        "kinds": {"claim": 40, "definition": 5, "hypothesis": 3, "declaration": 8,
                  "expression": 50, "unsupported": 14},
        "claims": 40,               # claims checked (skipped ones aside)
        "skipped": 0,
        "decided": 35,              # proved + verified + refuted + conditional
        "verdicts": {"proved": 10, "verified": 15, "refuted": 6, "conditional": 4,
                     "undecided": 5, "inconsistent": 0, "not-checkable": 0, "error": 0},
        "unsupported": {"the command \\sum is not supported": 6, ...},  # per reason
        "share_decided": 0.875,     # decided / claims (null without claims)
        "share_parsed": 0.7407,     # claims / (claims + unsupported)
        "failures": 10,             # formulas that did not pass, plus unmatched pins
        "unmatched_pins": []        # claims-file entries that pin no formula (each fails the run)
      },
      "formulas": [                 # in document order, file after file
        {
          "id": "f12",              # number in its file; pins a formula in a claims file
          "file": "article.md", "cell": null,   # notebook cell (0-based) or null
          "line": 31, "column": 5,  # 1-based, at the opening delimiter (or the row of a block)
          "formula": "A A^+ A = A", # the LaTeX as written
          "kind": "claim",          # claim|definition|hypothesis|declaration|expression|unsupported
          "reason": null,           # why the kind: the notation that stopped it, the defined name...
          "verdict": "verified",    # the COMPUTED verdict of a claim, "error", or null (not a claim)
          "expected": null,         # the claims file's expect, if any
          "skip": null,             # the claims file's reason to skip, if any
          "passed": true,
          "error": null,            # one line when the check raised (a bug)
          "checked": "Eq(...)",     # the statement checked (SymPy form) or null
          "conditions": [],         # for conditional: what the claim does not state
          "where": null,            # for undecided: where the budget ran out
          "evidence": [{"leg": "exact", "summary": "...", "details": {...}}],
          "counterexample": {"A": [["1", "0"], ["0", "0"]]} | null
        }
      ]
    }

Nothing in it depends on timing, so equal seeds give equal documents, with
one inherent exception: a claim whose budget runs out is ``undecided`` at a
``where`` that depends on the machine.
"""

from __future__ import annotations

from typing import Callable, Sequence

from ..validation import validate_budget, validate_seed
from .claims_file import ClaimsFile, load_claims, render_claims_skeleton
from .execute import DEFAULT_FORMULA_BUDGET, execute
from .model import KINDS, DocumentReport, Formula, FormulaOutcome
from .reader import read_formulas
from .render import CONVENTIONS, render_json, render_markdown, render_text

__all__ = [
    "check_documents", "read_formulas", "load_claims", "render_claims_skeleton", "render_text",
    "render_markdown", "render_json", "DocumentReport", "Formula", "FormulaOutcome", "ClaimsFile",
    "KINDS", "CONVENTIONS", "DEFAULT_FORMULA_BUDGET",
]


def check_documents(
    paths: Sequence[str],
    *,
    claims: ClaimsFile | None = None,
    seed: int = 0,
    budget: float = DEFAULT_FORMULA_BUDGET,
    jobs: int = 1,
    progress: Callable[[int, int, FormulaOutcome], None] | None = None,
) -> DocumentReport:
    """Locate, classify and check every formula of *paths*.

    Parameters
    ----------
    paths : sequence of str
        Markdown, LaTeX (``.tex``) or notebook (``.ipynb``) files.
    claims : ClaimsFile, optional
        Pins (see :mod:`.claims_file`).
    seed : int
        Seed of every check's random instances.
    budget : float
        Seconds per formula; past it the claim is ``undecided``.
    jobs : int
        Processes that check claims (the report does not depend on it).
    progress : callable, optional
        ``progress(done, total, outcome)`` after each claim.

    Returns
    -------
    DocumentReport

    Raises
    ------
    ArticleError
        A file that cannot be read as text, or an unbalanced ``$``.
    """
    seed, budget = validate_seed(seed), validate_budget(budget)
    formulas: list[Formula] = []
    for path in paths:
        formulas.extend(read_formulas(str(path), claims))
    outcomes = execute(formulas, seed=seed, budget=budget, jobs=jobs, progress=progress)
    unmatched = claims.unmatched(formulas) if claims is not None else ()
    return DocumentReport(tuple(str(p) for p in paths), tuple(outcomes), seed, budget, unmatched)
