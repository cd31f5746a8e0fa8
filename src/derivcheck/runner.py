"""Run claims under time budgets, serially or in a pool of processes.

The runner sits above the claims (data) and the checkers: it looks each
claim's kind up in :mod:`derivcheck.checks.registry` and runs its checker.
Each claim's check runs with its own :class:`~derivcheck.claims.claim.CheckContext`
(seed derived from the run seed and the claim's identity) and under its time
budget. The outcome of a claim is one of:

- a :class:`~derivcheck.results.CheckResult` computed by the check;
- ``undecided`` computed by the runner when the budget runs out (the result's
  ``where`` names the innermost derivcheck, SymPy or mpmath frame at which the
  check was stopped, else the innermost frame of the check itself);
- an *error*: the check raised. That is a bug in the claim or the tool, not
  a verdict; it always fails the run, and reports show the exception type and
  message on one line.

Notes
-----
Budgets use ``signal.setitimer(ITIMER_REAL)`` and a ``SIGALRM`` handler that
raises :class:`~derivcheck.errors.BudgetExceededError` in the check; the
previous handler and timer are restored afterwards. This works in the main
thread of a POSIX process only; elsewhere checks run unbounded. A check that
catches ``BudgetExceededError`` itself takes over the duty to stop.

With ``jobs > 1`` the claims run in a pool of processes. Where the platform
can ``fork`` (and the parent runs a single thread) the workers are forked:
they start with SymPy imported and the derivation scripts loaded, and run the
parent's claims by index. Elsewhere they are ``spawn``-ed: a worker re-imports
the claim's derivation script by path and looks the claim up by id. Since a
claim's seed depends only on the run seed and its identity, and the memos
(exact pseudo-inverses, ε-limits) are keyed by exact value, the results equal
those of a serial run.
"""

from __future__ import annotations

import multiprocessing
import signal
import threading
import time
import traceback
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path
from types import TracebackType
from typing import Callable, Iterable, Sequence

from .checks import registry as _registry
from .checks.registry import checker_for
from .claims.article import Article
from .claims.claim import CheckContext, Claim
from .claims.selection import select_claims
from .errors import BudgetExceededError, InputError
from .results import ERROR, CheckResult, ClaimOutcome, RunReport, Verdict
from .validation import DEFAULT_BUDGET, DEFAULT_DPS, validate_budget, validate_dps, validate_seed

__all__ = [
    "ClaimOutcome",
    "RunReport",
    "run_claim",
    "run_claims",
    "select_claims",
    "validate_jobs",
    "DEFAULT_BUDGET",
    "ERROR",
]

_LIBRARY_PACKAGES = ("derivcheck", "sympy", "mpmath", "flint")
_MAX_MESSAGE = 300
_THIS_FILE = str(Path(__file__).resolve())
_DISPATCH_FILES = {_THIS_FILE, str(Path(_registry.__file__).resolve())}  # plumbing, never "where"


def validate_jobs(jobs: object, name: str = "jobs") -> int:
    """Return *jobs* if it is an integer ``>= 1``.

    Raises
    ------
    InputError
        When *jobs* is not a positive integer.
    """
    if isinstance(jobs, bool) or not isinstance(jobs, int) or jobs < 1:
        raise InputError(name, jobs, "must be an integer >= 1",
                         "pass 1 for a serial run or the number of processes")
    return jobs


def kind_source_file(kind: object) -> str | None:
    """The file of the first function a claim kind holds (a predicate, a proof, a check).

    A claim whose check raises is reported at the innermost frame in this
    file, which is where the claim's own code lives (the derivation script).
    """
    for value in vars(kind).values():
        code = getattr(value, "__code__", None)
        if code is not None:
            return code.co_filename
        if hasattr(value, "__dataclass_fields__"):
            found = kind_source_file(value)
            if found:
                return found
        if isinstance(value, tuple):
            for item in value:
                if hasattr(item, "__dataclass_fields__"):
                    found = kind_source_file(item)
                    if found:
                        return found
    return None


def _library_location(filename: str) -> str | None:
    parts = Path(filename).parts
    for index in range(len(parts) - 1, -1, -1):
        if parts[index] in _LIBRARY_PACKAGES:
            return "/".join(parts[index:])
    return None


def _frame_text(frame: traceback.FrameSummary) -> str:
    path = _library_location(frame.filename) or Path(frame.filename).name
    return f"{path}:{frame.lineno} in {frame.name}"


def _location(tb: TracebackType | None, prefer_file: str | None) -> str:
    """Name a frame of *tb*: the innermost in *prefer_file*, or in library code.

    With ``prefer_file=None`` the innermost derivcheck/SymPy/mpmath frame is
    chosen; frames of this module (the budget handler) are skipped; the
    fallback is the innermost frame. Paths are shown relative to their
    package, or as bare file names, never absolute.
    """
    frames = [f for f in traceback.extract_tb(tb) if str(Path(f.filename).resolve()) not in _DISPATCH_FILES]
    # a frame stopped at an instruction without a line (lineno None) is named by its caller
    frames = [f for f in frames if f.lineno is not None] or frames
    if not frames:
        return "unknown"
    if prefer_file is not None:
        own = [f for f in frames if f.filename == prefer_file]
        if own:
            return _frame_text(own[-1])
    library = [f for f in frames if _library_location(f.filename) is not None]
    return _frame_text((library or frames)[-1])


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    if len(text) > _MAX_MESSAGE:
        text = text[: _MAX_MESSAGE - 3] + "..."
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def _call_with_budget(check: Callable[[CheckContext], object], ctx: CheckContext) -> object:
    """Call ``check(ctx)``; raise BudgetExceededError inside it after ``ctx.budget`` s."""
    main_thread = threading.current_thread() is threading.main_thread()
    if not main_thread or not hasattr(signal, "setitimer"):
        return check(ctx)
    armed = [True]

    def on_alarm(signum: int, frame: object) -> None:
        if armed[0]:
            armed[0] = False  # raise once, wherever the check is
            raise BudgetExceededError("budget", ctx.budget, "the check ran out of time",
                                      "raise the claim's budget or simplify the check")

    previous_handler = signal.signal(signal.SIGALRM, on_alarm)
    start = time.monotonic()
    previous_delay, previous_interval = signal.setitimer(signal.ITIMER_REAL, ctx.budget)
    try:
        try:
            return check(ctx)
        finally:
            armed[0] = False
            signal.setitimer(signal.ITIMER_REAL, 0)
    finally:
        # None means a handler installed outside Python: the default is the best stand-in
        signal.signal(signal.SIGALRM,
                      signal.SIG_DFL if previous_handler is None else previous_handler)
        if previous_delay > 0:  # give an outer timer back what is left of it
            remaining = max(previous_delay - (time.monotonic() - start), 1e-6)
            signal.setitimer(signal.ITIMER_REAL, remaining, previous_interval)


def run_claim(
    claim: Claim,
    *,
    seed: int = 0,
    dps: int = DEFAULT_DPS,
    budget: float = DEFAULT_BUDGET,
) -> ClaimOutcome:
    """Run one claim's check under its budget.

    Parameters
    ----------
    claim : Claim
        The claim.
    seed : int
        The run seed (the claim's own seed is derived from it).
    dps : int
        Working precision.
    budget : float
        Seconds, used when the claim sets no budget of its own.

    Returns
    -------
    ClaimOutcome
        With the check's result, an ``undecided`` result when the budget ran
        out, or an error when the check raised or returned something other
        than a ``CheckResult``.

    Raises
    ------
    InputError
        For an invalid *seed*, *dps* or *budget*.
    """
    ctx = claim.context(validate_seed(seed), validate_dps(dps), validate_budget(budget))
    check_file = kind_source_file(claim.kind)
    start = time.perf_counter()
    try:
        checker = checker_for(claim.kind)
        value = _call_with_budget(lambda context: checker(claim.kind, context), ctx)
    except BudgetExceededError as exc:
        result = CheckResult(
            verdict=Verdict.UNDECIDED,
            statement=claim.statement,
            where=f"stopped after the {ctx.budget:g} s budget at "
                  f"{_location(exc.__traceback__, None)}",
        )
        return ClaimOutcome(claim, result, None, time.perf_counter() - start)
    except (Exception, SystemExit) as exc:  # noqa: BLE001 - a raising check is reported, not propagated
        error = f"{_one_line(exc)} (at {_location(exc.__traceback__, check_file)})"
        return ClaimOutcome(claim, None, error, time.perf_counter() - start)
    seconds = time.perf_counter() - start
    if not isinstance(value, CheckResult):
        error = f"TypeError: the check returned {type(value).__name__}, not a CheckResult"
        return ClaimOutcome(claim, None, error, seconds)
    return ClaimOutcome(claim, value, None, seconds)


# --- process pool -----------------------------------------------------------------

_worker_articles: dict[str, dict[str, Article]] = {}


def _run_in_worker(
    script: str, article_id: str, claim_id: str, seed: int, dps: int, budget: float
) -> tuple[CheckResult | None, str | None, float]:
    """Worker side: load *script* once per process, run one claim by id."""
    from .claims.loader import load_script  # imported here: only workers need it

    if script not in _worker_articles:
        _worker_articles[script] = {a.id: a for a in load_script(script)}
    outcome = run_claim(_worker_articles[script][article_id][claim_id],
                        seed=seed, dps=dps, budget=budget)
    return outcome.result, outcome.error, outcome.seconds


#: The claims of a forked run, set in the parent just before the pool starts (workers inherit them).
_forked_claims: Sequence[Claim] = ()


def _run_forked(index: int, seed: int, dps: int, budget: float) -> tuple[CheckResult | None, str | None, float]:
    """Worker side of a forked pool: run the inherited claim number *index*."""
    outcome = run_claim(_forked_claims[index], seed=seed, dps=dps, budget=budget)
    return outcome.result, outcome.error, outcome.seconds


def _start_method() -> str:
    """``fork`` where the platform has it and this process runs one thread, else ``spawn``.

    Forked workers start with the libraries imported and the derivation scripts loaded: they run the
    parent's claims as they are, with no import and no re-loading of scripts.
    """
    if "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1:
        return "fork"
    return "spawn"


def _run_parallel(
    claims: Sequence[Claim],
    scripts: dict[str, Path],
    jobs: int,
    seed: int,
    dps: int,
    budget: float,
    progress: Callable[[ClaimOutcome, int, int], None] | None,
) -> list[ClaimOutcome]:
    global _forked_claims
    outcomes: list[ClaimOutcome | None] = [None] * len(claims)
    method = _start_method()
    if method == "fork":
        _forked_claims = tuple(claims)
    try:
        with ProcessPoolExecutor(max_workers=min(jobs, len(claims)),
                                 mp_context=multiprocessing.get_context(method)) as pool:
            if method == "fork":
                futures = {pool.submit(_run_forked, index, seed, dps, budget): index
                           for index in range(len(claims))}
            else:
                futures = {
                    pool.submit(_run_in_worker, str(scripts[c.article]), c.article, c.id, seed, dps,
                                budget): index
                    for index, c in enumerate(claims)
                }
            try:
                for done, future in enumerate(as_completed(futures), start=1):
                    index = futures[future]
                    result, error, seconds = future.result()
                    outcomes[index] = ClaimOutcome(claims[index], result, error, seconds)
                    if progress is not None:
                        progress(outcomes[index], done, len(claims))
            except BaseException:
                pool.shutdown(wait=False, cancel_futures=True)  # do not run the rest for nothing
                raise
    finally:
        _forked_claims = ()
    return outcomes  # type: ignore[return-value]


def run_claims(
    articles: Iterable[Article],
    *,
    seed: int = 0,
    dps: int = DEFAULT_DPS,
    budget: float = DEFAULT_BUDGET,
    only: Iterable[str] | None = None,
    jobs: int = 1,
    progress: Callable[[ClaimOutcome, int, int], None] | None = None,
) -> RunReport:
    """Run the claims of *articles* and collect a :class:`RunReport`.

    Parameters
    ----------
    articles : iterable of Article
        The articles, e.g. from :func:`~derivcheck.claims.loader.load_derivations`.
    seed : int
        Run seed (``>= 0``).
    dps : int
        Working precision, ``1 <= dps <= MAX_DPS``.
    budget : float
        Seconds per claim for claims that set no budget of their own.
    only : iterable of str, optional
        Run only these claims (see :func:`select_claims`).
    jobs : int
        Number of processes; ``1`` runs in this process.
    progress : callable, optional
        Called as ``progress(outcome, done, total)`` after each claim.

    Returns
    -------
    RunReport

    Raises
    ------
    InputError
        For invalid parameters, an unknown id in *only*, or ``jobs > 1``
        with an article that was not loaded from a script.
    DerivationLoadError
        When a worker cannot re-import a derivation script.
    """
    articles = tuple(articles)
    seed, dps = validate_seed(seed), validate_dps(dps)
    budget, jobs = validate_budget(budget), validate_jobs(jobs)
    claims = select_claims(articles, only)
    outcomes: list[ClaimOutcome]
    if jobs > 1 and len(claims) > 1:
        scripts = {}
        for article in articles:
            if article.script is None:
                raise InputError("jobs", jobs,
                                 f"a parallel run re-imports each derivation script, and article "
                                 f"{article.id!r} was not loaded from one",
                                 "load articles with load_derivations, or use jobs=1")
            scripts[article.id] = article.script
        outcomes = _run_parallel(claims, scripts, jobs, seed, dps, budget, progress)
    else:
        outcomes = []
        for claim in claims:
            outcomes.append(run_claim(claim, seed=seed, dps=dps, budget=budget))
            if progress is not None:
                progress(outcomes[-1], len(outcomes), len(claims))
    used = {c.article for c in claims}
    return RunReport(
        articles=tuple(a for a in articles if a.id in used),
        outcomes=tuple(outcomes),
        seed=seed,
        dps=dps,
    )
