"""Checking the claims of a document: each under its own time budget, serially or in processes.

Each claim's :class:`~derivcheck.document.model.CheckTask` goes to
:func:`~derivcheck.checks.latex.check_latex` with the run seed. The budget
is a ``signal.setitimer(ITIMER_REAL)`` alarm in the process that checks
(the main thread of this process, or of a worker): when it rings the check
stops and the claim is ``undecided``, its ``where`` naming the frame it was
stopped in. With ``jobs > 1`` the tasks go to a pool of processes, in
contiguous runs of formulas (about four per process); the pool forks where
the platform can (the workers start with SymPy and the parser already
loaded, as the serial run has them) and spawns elsewhere. Results are put
back in document order, and since every check depends only on its task and
the seed, the report equals a serial one.

A checker that refuses the formula (unsupported notation, an inequality, an
assumption about a name the formula does not use) turns it ``unsupported``
with the checker's rule as the reason; any other exception is an ``error``
(a bug, which fails the run).
"""

from __future__ import annotations

import multiprocessing
import signal
import threading
import time
import traceback
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import replace
from pathlib import Path
from typing import Callable, Sequence

from ..errors import BudgetExceededError, DerivCheckError
from ..results import CheckResult, Verdict
from .classify import reason_of
from .model import CLAIM, HYPOTHESIS, PASSING, UNSUPPORTED, CheckTask, Formula, FormulaOutcome

__all__ = ["run_task", "run_tasks", "execute", "DEFAULT_FORMULA_BUDGET"]

#: Seconds per formula unless ``--budget`` says otherwise.
DEFAULT_FORMULA_BUDGET = 20.0

_PACKAGES = ("derivcheck", "sympy", "mpmath", "flint")
_THIS_FILE = str(Path(__file__).resolve())


def _where(tb) -> str:
    frames = [f for f in traceback.extract_tb(tb) if str(Path(f.filename).resolve()) != _THIS_FILE]
    for frame in reversed(frames):
        parts = Path(frame.filename).parts
        for index in range(len(parts) - 1, -1, -1):
            if parts[index] in _PACKAGES:
                return f"{'/'.join(parts[index:])}:{frame.lineno} in {frame.name}"
    return f"{Path(frames[-1].filename).name}:{frames[-1].lineno}" if frames else "unknown"


def _with_budget(call: Callable[[], CheckResult], budget: float) -> CheckResult:
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        return call()
    armed = [True]

    def ring(signum, frame) -> None:
        if armed[0]:
            armed[0] = False
            raise BudgetExceededError("budget", budget, "the check ran out of time",
                                      "raise --budget or pin the formula in the claims file")

    previous = signal.signal(signal.SIGALRM, ring)
    signal.setitimer(signal.ITIMER_REAL, budget)
    try:
        return call()
    finally:
        armed[0] = False
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, signal.SIG_DFL if previous is None else previous)


def run_task(task: CheckTask, seed: int, budget: float) -> tuple[str, object, float]:
    """Check one task; return ``(status, payload, seconds)``.

    *status* is ``"result"`` (payload a CheckResult), ``"unsupported"``
    (payload the reason) or ``"error"`` (payload one line).
    """
    from ..checks.latex import check_latex  # imported here: workers import it once

    start = time.perf_counter()

    def call() -> CheckResult:
        return check_latex(task.formula, assume=dict(task.assume) or None, shapes=dict(task.shapes) or None,
                           definitions=dict(task.definitions) or None, seed=seed)

    try:
        result = _with_budget(call, budget)
        return "result", result, time.perf_counter() - start
    except BudgetExceededError as exc:
        result = CheckResult(Verdict.UNDECIDED, task.formula, task.formula,
                             where=f"stopped after the {budget:g} s budget at {_where(exc.__traceback__)}")
        return "result", result, time.perf_counter() - start
    except DerivCheckError as exc:
        return "unsupported", reason_of(exc), time.perf_counter() - start
    except RecursionError:
        return "unsupported", "the formula is nested too deeply", time.perf_counter() - start
    except Exception as exc:  # noqa: BLE001 - reported as an error of this formula, never the end of the run
        text = " ".join(str(exc).split())[:300]
        return "error", f"{type(exc).__name__}: {text} (at {_where(exc.__traceback__)})", \
            time.perf_counter() - start


def _start_method() -> str:
    """``fork`` where the platform has it (workers start with the parser and SymPy loaded), else ``spawn``."""
    return "fork" if "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1 \
        else "spawn"


def run_tasks(tasks: Sequence[CheckTask], seed: int, budget: float) -> list[tuple[str, object, float]]:
    """Check several tasks in order, each under its own budget (one call per worker round trip)."""
    return [run_task(task, seed, budget) for task in tasks]


def _chunks(indices: list[int], jobs: int) -> list[list[int]]:
    """Contiguous runs of *indices*, about four per process.

    Neighbouring formulas of a document share names and subexpressions, so a
    process that checks a run of them reuses SymPy's cache as a serial run does.
    """
    count = min(len(indices), 4 * jobs)
    size, extra = divmod(len(indices), count)
    out, start = [], 0
    for n in range(count):
        end = start + size + (1 if n < extra else 0)
        out.append(indices[start:end])
        start = end
    return out


def _outcome(formula: Formula, status: str, payload: object, seconds: float) -> FormulaOutcome:
    if status == "result":
        verdict = payload.verdict.value  # type: ignore[attr-defined]
        if formula.tentative and verdict not in PASSING and formula.expected is None:
            return FormulaOutcome(replace(formula, kind=HYPOTHESIS, task=None,
                                          reason=f"{formula.tentative}, {verdict} for all values: "
                                                 "read as a hypothesis"), seconds=seconds)
        return FormulaOutcome(formula, result=payload, seconds=seconds)  # type: ignore[arg-type]
    if status == "unsupported":
        return FormulaOutcome(replace(formula, kind=UNSUPPORTED, reason=str(payload), task=None),
                              seconds=seconds)
    return FormulaOutcome(formula, error=str(payload), seconds=seconds)


def execute(
    formulas: Sequence[Formula],
    *,
    seed: int,
    budget: float,
    jobs: int = 1,
    progress: Callable[[int, int, FormulaOutcome], None] | None = None,
) -> list[FormulaOutcome]:
    """Check the claims among *formulas*; the others pass through unchanged.

    Parameters
    ----------
    formulas : sequence of Formula
        In document order.
    seed : int
        The run seed, given to every check.
    budget : float
        Seconds per formula.
    jobs : int
        Processes; 1 checks in this process.
    progress : callable, optional
        ``progress(done, total, outcome)`` after each claim.

    Returns
    -------
    list of FormulaOutcome
        In the order of *formulas*.
    """
    outcomes: list[FormulaOutcome | None] = [
        None if (f.kind == CLAIM and f.skip is None and f.task is not None) else FormulaOutcome(f)
        for f in formulas
    ]
    pending = [i for i, o in enumerate(outcomes) if o is None]
    total = len(pending)
    if jobs > 1 and total > 1:
        context = multiprocessing.get_context(_start_method())
        chunks = _chunks(pending, jobs)
        with ProcessPoolExecutor(max_workers=min(jobs, len(chunks)), mp_context=context) as pool:
            futures = {pool.submit(run_tasks, [formulas[i].task for i in chunk], seed, budget): chunk
                       for chunk in chunks}
            done = 0
            try:
                for future in as_completed(futures):
                    for index, answer in zip(futures[future], future.result()):
                        outcomes[index] = _outcome(formulas[index], *answer)
                        done += 1
                        if progress is not None:
                            progress(done, total, outcomes[index])
            except BaseException:
                pool.shutdown(wait=False, cancel_futures=True)
                raise
    else:
        for done, index in enumerate(pending, start=1):
            outcomes[index] = _outcome(formulas[index], *run_task(formulas[index].task, seed, budget))
            if progress is not None:
                progress(done, total, outcomes[index])
    return outcomes  # type: ignore[return-value]
