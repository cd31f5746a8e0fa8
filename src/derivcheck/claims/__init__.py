"""Claims, articles, the runner and verdicts."""

from .article import Article
from .claim import DEFAULT_DPS, CheckContext, Claim, derive_seed
from .loader import load_derivations, load_script
from .quotes import MissingQuote, check_quotes
from .runner import DEFAULT_BUDGET, ClaimOutcome, RunReport, run_claim, run_claims, select_claims
from ..results import CheckResult, Evidence, Verdict

__all__ = [
    "Article", "DEFAULT_DPS", "CheckContext", "Claim", "derive_seed", "load_derivations", "load_script",
    "MissingQuote", "check_quotes", "DEFAULT_BUDGET", "ClaimOutcome", "RunReport", "run_claim", "run_claims",
    "select_claims", "CheckResult", "Evidence", "Verdict",
]
