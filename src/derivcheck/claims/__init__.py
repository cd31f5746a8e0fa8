"""Claims as data: the claim vocabulary, claims, articles, loading, selection and quotes.

Nothing here computes a verdict: the checkers (:mod:`derivcheck.checks`)
do, and the runner (:mod:`derivcheck.runner`) runs them.
"""

from .article import Article
from .claim import DEFAULT_DPS, CheckContext, Claim, derive_seed
from .kinds import (
    AllOf,
    Argmin,
    ClaimKind,
    Condition,
    Experiment,
    Gradient,
    Identity,
    LatexFormula,
    Limit,
    NotCheckable,
    PrintedMatrix,
    Procedure,
    Proof,
    Property,
    RankProfiles,
    WellShaped,
)
from .loader import load_derivations, load_script
from .quotes import MissingQuote, check_quotes
from .selection import select_claims
from ..results import CheckResult, ClaimOutcome, Evidence, RunReport, Verdict

__all__ = [
    "Article", "DEFAULT_DPS", "CheckContext", "Claim", "derive_seed", "load_derivations", "load_script",
    "MissingQuote", "check_quotes", "select_claims", "CheckResult", "ClaimOutcome", "Evidence",
    "RunReport", "Verdict", "ClaimKind", "Identity", "Gradient", "Limit", "Argmin", "LatexFormula",
    "WellShaped", "PrintedMatrix", "Property", "Proof", "Experiment", "AllOf", "NotCheckable",
    "Procedure", "RankProfiles", "Condition",
]
