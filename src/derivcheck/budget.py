"""Time budgets for the check functions: nested, restorable, interrupting where it can.

A :class:`Budget` is a context manager with a deadline. Budgets nest (a
check's budget inside a claim runner's, a proof attempt's share inside its
check's); each stops only the code it encloses, and on exit every outer
timer and ``SIGALRM`` handler is given back with what is left of its time.

Two mechanisms stop a computation:

* in the main thread of a POSIX process, ``signal.setitimer(ITIMER_REAL)``
  and a ``SIGALRM`` handler raise :class:`BudgetExpired` wherever the code is,
  even deep inside SymPy;
* everywhere, :func:`checkpoint` (called in the checkers' loops) raises
  :class:`BudgetExpired` once a deadline has passed. In other threads this is
  the only mechanism: :attr:`Budget.interrupting` is then ``False`` and the
  checkers skip the open-ended steps (symbolic proofs of large instances).

A :class:`BudgetExpired` names the budget that ran out, so that an inner
``with`` never swallows the expiry of an outer budget.
"""

from __future__ import annotations

import signal
import sys
import threading
import time
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, Callable, TypeVar

from .errors import BudgetExceededError
from .validation import DEFAULT_BUDGET, validate_budget

if TYPE_CHECKING:
    from .results import CheckResult

__all__ = ["DEFAULT_BUDGET", "Budget", "BudgetExpired", "budgeted_check", "checkpoint", "current_budget", "stage"]

T = TypeVar("T")

_PACKAGE_DIR = Path(__file__).resolve().parent
_THIS_FILE = str(Path(__file__).resolve())
_local = threading.local()


def _stack() -> list["Budget"]:
    stack = getattr(_local, "stack", None)
    if stack is None:
        stack = _local.stack = []
    return stack


def _location(frame: FrameType | None) -> str:
    """The innermost derivcheck frame at or above *frame*, as ``path:line in function``."""
    fallback = None
    while frame is not None:
        filename = str(Path(frame.f_code.co_filename).resolve())
        if filename != _THIS_FILE:
            if fallback is None:
                fallback = frame
            try:
                relative = Path(filename).relative_to(_PACKAGE_DIR)
            except ValueError:
                relative = None
            if relative is not None:
                line = frame.f_lineno or frame.f_code.co_firstlineno
                return f"{relative.as_posix()}:{line} in {frame.f_code.co_name}"
        frame = frame.f_back
    if fallback is None:
        return "unknown"
    line = fallback.f_lineno or fallback.f_code.co_firstlineno
    return f"{Path(fallback.f_code.co_filename).name}:{line} in {fallback.f_code.co_name}"


class BudgetExpired(BudgetExceededError):
    """The budget :attr:`budget` ran out; :attr:`where` says at which step and line."""

    def __init__(self, budget: "Budget", where: str) -> None:
        self.budget = budget
        self.where = where
        BudgetExceededError.__init__(self, "budget", budget.seconds, f"ran out {where}",
                                     "raise the budget or simplify the check")

    def __reduce__(self):
        return (BudgetExceededError, ("budget", self.budget.seconds, f"ran out {self.where}",
                                      "raise the budget or simplify the check"))


class Budget:
    """A deadline *seconds* from entry, for the code inside ``with``.

    Parameters
    ----------
    seconds : float
        Finite and ``> 0``.
    label : str
        What the budget is for (``"check"``, ``"symbolic proof"``); shown in
        :attr:`BudgetExpired.where`.

    Examples
    --------
    >>> with Budget(5) as b:
    ...     b.remaining() <= 5
    True
    """

    def __init__(self, seconds: float, *, label: str = "check") -> None:
        self.seconds = validate_budget(seconds)
        self.label = label
        self.deadline = float("inf")
        self.step = ""
        self._armed = False
        self._previous_handler = None
        self._previous_timer = (0.0, 0.0)
        self._start = 0.0
        self._outer_deadline = float("inf")

    # -- queries -----------------------------------------------------------------------------
    def remaining(self) -> float:
        """Seconds left (negative once the deadline has passed).

        An outer timer that fires first (a claim runner's) shortens it: its
        shares are shares of the time really left.
        """
        return min(self.deadline, self._outer_deadline) - time.monotonic()

    def expired(self) -> bool:
        return time.monotonic() >= self.deadline

    @property
    def interrupting(self) -> bool:
        """Whether a timer can stop code that never calls :func:`checkpoint`."""
        return threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer")

    def share(self, fraction: float, *, label: str, cap: float | None = None) -> "Budget":
        """A nested budget of *fraction* of the time left (at most *cap* seconds)."""
        seconds = max(self.remaining() * fraction, 1e-3)
        if cap is not None:
            seconds = min(seconds, cap)
        return Budget(seconds, label=label)

    def where(self, location: str) -> str:
        step = f" during {self.step}" if self.step else ""
        return f"stopped after the {self.seconds:g} s {self.label} budget{step} at {location}"

    # -- context manager ---------------------------------------------------------------------
    def __enter__(self) -> "Budget":
        self._start = time.monotonic()
        self.deadline = self._start + self.seconds
        stack = _stack()
        stack.append(self)
        if self.interrupting:
            delay, interval = signal.setitimer(signal.ITIMER_REAL, 0)
            if 0 < delay <= self.seconds:
                signal.setitimer(signal.ITIMER_REAL, delay, interval)  # the outer timer fires first
                self._outer_deadline = self._start + delay
            else:
                self._previous_handler = signal.signal(signal.SIGALRM, _on_alarm)
                self._previous_timer = (delay, interval)
                self._armed = True
                signal.setitimer(signal.ITIMER_REAL, self.seconds)
        return self

    def __exit__(self, *exc_info: object) -> None:
        if self._armed:
            signal.setitimer(signal.ITIMER_REAL, 0)
        stack = _stack()
        if self in stack:
            stack.remove(self)
        if self._armed:
            self._armed = False
            previous = self._previous_handler
            # None means a handler installed outside Python: the default is the best stand-in
            signal.signal(signal.SIGALRM, signal.SIG_DFL if previous is None else previous)
            delay, interval = self._previous_timer
            if delay > 0:  # give the outer timer back what is left of it
                left = max(delay - (time.monotonic() - self._start), 1e-6)
                signal.setitimer(signal.ITIMER_REAL, left, interval)

    def run(self, body: Callable[[], T]) -> T:
        """Call *body* inside this budget."""
        with self:
            return body()


def _on_alarm(signum: int, frame: FrameType | None) -> None:
    stack = _stack()
    now = time.monotonic()
    expired = [b for b in stack if now >= b.deadline - 1e-3]
    if expired:
        budget = expired[0]  # the outermost: an inner budget's handler must not swallow it
        budget.deadline = min(budget.deadline, now)
        raise BudgetExpired(budget, budget.where(_location(frame)))
    armed = [b for b in stack if b._armed]
    if armed:  # woken early: sleep again until the nearest deadline
        nearest = min(b.deadline for b in stack)
        signal.setitimer(signal.ITIMER_REAL, max(nearest - now, 1e-6))


def checkpoint() -> None:
    """Raise :class:`BudgetExpired` if a budget of this thread has run out (cheap)."""
    stack = _stack()
    if not stack:
        return
    now = time.monotonic()
    for budget in stack:
        if now >= budget.deadline:
            raise BudgetExpired(budget, budget.where(_location(sys._getframe(1))))


def current_budget() -> Budget | None:
    """The innermost budget of this thread, if any."""
    stack = _stack()
    return stack[-1] if stack else None


class stage:
    """``with stage(budget, "exact instances"):`` names the step a budget may stop in."""

    def __init__(self, budget: Budget, step: str) -> None:
        self.budget, self.step, self._previous = budget, step, ""

    def __enter__(self) -> None:
        self._previous, self.budget.step = self.budget.step, self.step

    def __exit__(self, *exc_info: object) -> None:
        self.budget.step = self._previous


def budgeted_check(seconds: float, statement: str, statement_latex: str,
                   body: Callable[[Budget], "CheckResult"]) -> "CheckResult":
    """Run a checker's *body* under a budget of *seconds*; ``undecided`` with where if it runs out.

    Parameters
    ----------
    seconds : float
        The budget (validated: finite, ``> 0``).
    statement, statement_latex : str
        The statement, for the ``undecided`` result.
    body : callable
        ``body(budget) -> CheckResult``; it may give shares of *budget* to
        its steps and name them with :class:`stage`.

    Returns
    -------
    CheckResult
        *body*'s result, or ``undecided`` whose ``where`` names the step and
        the line at which the budget ran out. The expiry of an outer budget
        is not caught here: it reaches the outer budget's owner.
    """
    from .results import CheckResult, Verdict

    with Budget(seconds) as budget:
        try:
            return body(budget)
        except BudgetExpired as exc:
            if exc.budget is not budget:
                raise
            return CheckResult(Verdict.UNDECIDED, statement, statement_latex, where=exc.where)
