"""The independent oracle for identities, and the judgement of derivcheck's verdicts.

Truth classes
-------------
The oracle evaluates both sides exactly (:func:`.trees.evaluate_exact`, its own
pseudo-inverse) at *every rank profile* of the claim's matrices (each matrix
at every rank 0..min(rows, cols)), at several random integer matrices per
profile. At one instance the claim *fails* when the sides differ or a side is
undefined (an inverse of a singular matrix); an undefined instance is redrawn
a few times first, so that a singular product that is merely a coincidence
of small integers does not count, while one that is singular on the whole
profile (``(MᵀM)⁻¹`` at rank-deficient ``M``) does. Then

* ``true``: no instance fails;
* ``conditional``: no instance of the full-rank profile fails, some other does;
* ``false``: some instance of the full-rank profile fails.

A claim may state assumptions (full column rank, full row rank, invertible
per matrix): then only the rank profiles that satisfy them are drawn, and
the classes are read among those.

Judging a derivcheck verdict
----------------------------
A valid counterexample refutes a claim whatever its class (one stated without
assumptions, or one whose counterexample satisfies the stated assumptions).
Hence:

* ``proved`` / ``verified`` are right exactly for ``true`` claims;
* ``refuted`` is right when its counterexample is one (it satisfies the stated
  assumptions, and both sides recomputed by the oracle differ there or one
  is undefined); for a claim the oracle
  calls ``true`` that is an *oracle miss*, reported apart;
* ``conditional`` is right for a claim that is not ``true`` when its
  counterexample is one and the oracle finds the claim holding at every rank
  profile that satisfies the named conditions and the stated assumptions;
* ``undecided`` and ``inconsistent`` are not wrong, and are counted apart;
  an exception from the checker is an ``error``.

Everything else is a *wrong verdict*: ``proved``/``verified`` for a false or
conditional claim, ``refuted``/``conditional`` for a true one, a counterexample
that is none, a condition under which the claim still fails or that no matrix
of the claim's shapes satisfies.
"""

from __future__ import annotations

import inspect
import itertools
import random
import time
import zlib
from dataclasses import dataclass, field
from typing import Any, Mapping

from . import exact_matrices as em
from .trees import Node, Sym, Undefined, evaluate_exact, render, symbols_of

__all__ = ["IdentityTruth", "Judgement", "classify_identity", "judge", "evaluate_claim_at",
           "run_identity_check", "call_with_budget", "parse_conditions"]

REDRAWS = 4  # undefined instances redrawn before a profile counts as undefined


@dataclass(frozen=True)
class IdentityTruth:
    """The oracle's class of one claim and what it found at each rank profile."""

    truth: str  # "true", "conditional", "false"
    statuses: Mapping[tuple[int, ...], str]  # profile -> "holds", "differs", "undefined"
    symbols: tuple[Sym, ...]
    instances: int
    witness: str = ""  # a failing profile, described
    assume: tuple[tuple[str, str], ...] = ()  # the stated assumptions the profiles satisfy


@dataclass(frozen=True)
class Judgement:
    """Whether one derivcheck verdict is right, and why."""

    category: str  # "right", "wrong", "undecided", "inconsistent", "oracle-miss", "error"
    verdict: str
    truth: str
    reason: str = ""
    seconds: float = 0.0
    extra: dict = field(default_factory=dict)


def _stable_seed(*parts: str) -> int:
    return zlib.crc32("|".join(parts).encode())


def evaluate_claim_at(lhs: Node, rhs: Node, values: Mapping[str, em.Matrix]) -> str:
    """``"equal"``, ``"differs"`` or ``"undefined"`` at one instance."""
    try:
        a = evaluate_exact(lhs, values)
        b = evaluate_exact(rhs, values)
    except Undefined:
        return "undefined"
    return "equal" if a == b else "differs"


def _profile_status(lhs, rhs, symbols, profile, rng, per_profile) -> tuple[str, int]:
    count = 0
    for _ in range(per_profile):
        for _attempt in range(REDRAWS):
            values = {s.name: em.random_matrix_of_rank(rng, s.rows, s.cols, r) for s, r in zip(symbols, profile)}
            count += 1
            status = evaluate_claim_at(lhs, rhs, values)
            if status == "differs":
                return "differs", count
            if status == "equal":
                break
        else:
            return "undefined", count
    return "holds", count


def classify_identity(lhs: Node, rhs: Node, *, per_profile: int = 3, seed: int = 0,
                      assume: tuple[tuple[str, str], ...] = ()) -> IdentityTruth:
    """The truth class of ``lhs = rhs`` at every rank profile (see the module docstring).

    With *assume* (pairs of matrix name and rank word), only the rank profiles
    that satisfy the assumptions are drawn: the claim is ``true`` when it
    holds at all of them.
    """
    symbols = tuple(symbols_of(lhs, rhs).values())
    stated = _as_condition(assume)
    rng = random.Random(_stable_seed(render(lhs), render(rhs), str(seed)))
    full = tuple(min(s.rows, s.cols) for s in symbols)
    statuses: dict[tuple[int, ...], str] = {}
    total = 0
    for profile in itertools.product(*(range(min(s.rows, s.cols) + 1) for s in symbols)):
        if not _profile_satisfies(symbols, profile, stated):
            continue
        statuses[profile], n = _profile_status(lhs, rhs, symbols, profile, rng, per_profile)
        total += n
    failing = [p for p, st in statuses.items() if st != "holds"]
    if statuses[full] != "holds":
        truth = "false"
    elif failing:
        truth = "conditional"
    else:
        truth = "true"
    witness = ""
    if failing:
        p = failing[0] if statuses[full] == "holds" else full
        witness = ", ".join(f"{s.name} {s.rows}x{s.cols} rank {r}" for s, r in zip(symbols, p)) + f": {statuses[p]}"
    return IdentityTruth(truth, statuses, symbols, total, witness, tuple(assume))


def _as_condition(pairs) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for name, word in pairs:
        out.setdefault(name, set()).add(word)
    return out


def parse_conditions(conditions) -> dict[str, set[str]] | None:
    """``("A: full column rank", ...)`` as ``{"A": {"full column rank"}}``; None if a word is unknown."""
    out: dict[str, set[str]] = {}
    for text in conditions:
        name, _, word = text.partition(":")
        word = word.strip()
        if word not in ("full column rank", "full row rank", "invertible"):
            return None
        out.setdefault(name.strip(), set()).add(word)
    return out


def _profile_satisfies(symbols, profile, condition: Mapping[str, set[str]]) -> bool:
    for s, r in zip(symbols, profile):
        for word in condition.get(s.name, ()):
            if word == "full column rank" and r != s.cols:
                return False
            if word == "full row rank" and r != s.rows:
                return False
            if word == "invertible" and not (s.rows == s.cols == r):
                return False
    return True


def _counterexample_status(lhs, rhs, symbols, counterexample, assume=()) -> str:
    """``"fails"`` when the oracle confirms the counterexample, else why not.

    A counterexample must also satisfy the stated assumptions (ranks computed
    by the oracle).
    """
    if not counterexample:
        return "missing"
    values = {}
    for s in symbols:
        if s.name not in counterexample:
            return f"{s.name} missing"
        m = counterexample[s.name]
        if tuple(m.shape) != (s.rows, s.cols):
            return f"{s.name} has shape {tuple(m.shape)}, not {(s.rows, s.cols)}"
        values[s.name] = em.as_matrix(m.tolist())
    ranks = tuple(em.rank(values[s.name]) for s in symbols)
    if not _profile_satisfies(symbols, ranks, _as_condition(assume)):
        return f"it breaks the stated assumptions {assume} (ranks {ranks})"
    status = evaluate_claim_at(lhs, rhs, values)
    return "fails" if status != "equal" else "both sides equal there"


def judge(lhs: Node, rhs: Node, truth: IdentityTruth, result: Any, seconds: float = 0.0) -> Judgement:
    """Right or wrong: derivcheck's *result* (a CheckResult) against the oracle's *truth*."""
    verdict = str(result.verdict)
    t = truth.truth

    def out(category: str, reason: str = "") -> Judgement:
        return Judgement(category, verdict, t, reason, seconds)

    if verdict in ("undecided", "inconsistent"):
        return out(verdict, result.where or "")
    if verdict in ("proved", "verified"):
        return out("right") if t == "true" else out("wrong", f"{verdict} but the oracle finds {truth.witness}")
    if verdict in ("refuted", "conditional"):
        ce = _counterexample_status(lhs, rhs, truth.symbols, result.counterexample, truth.assume)
        if ce != "fails":
            if verdict == "conditional" and ce == "missing" and t != "true":
                pass  # a conditional verdict need not show a counterexample
            else:
                return out("wrong", f"{verdict} with a counterexample that is none: {ce}")
        elif t == "true":
            return out("oracle-miss", f"{verdict} with a counterexample the oracle confirms")
        if verdict == "refuted":
            return out("right") if t != "true" else out("wrong", "refuted a true claim")
        if t == "true":
            return out("wrong", f"conditional ({'; '.join(result.conditions)}) for a true claim")
        cond = parse_conditions(result.conditions)
        if cond is not None:
            for name, words in _as_condition(truth.assume).items():
                cond.setdefault(name, set()).update(words)
        if cond is None:
            return out("undecided", f"condition beyond the oracle's words: {result.conditions}")
        allowed = [p for p in truth.statuses if _profile_satisfies(truth.symbols, p, cond)]
        if not allowed:
            return out("wrong", f"condition {'; '.join(result.conditions)} is satisfied by no matrix "
                                f"of these shapes (a vacuous condition)")
        bad = [p for p in allowed if truth.statuses[p] != "holds"]
        if bad:
            where = ", ".join(f"{s.name} rank {r}" for s, r in zip(truth.symbols, bad[0]))
            return out("wrong", f"condition {'; '.join(result.conditions)} holds at {where} "
                                f"where the claim {truth.statuses[bad[0]]}")
        return out("right")
    return out("wrong", f"unexpected verdict {verdict}")


def call_with_budget(function, *args, budget: float | None = None, **kwargs):
    """Call a derivcheck check, passing ``budget=`` only if the function takes it."""
    if budget is not None and "budget" in inspect.signature(function).parameters:
        kwargs["budget"] = budget
    return function(*args, **kwargs)


def run_identity_check(lhs: Node, rhs: Node, truth: IdentityTruth, *, budget: float | None = None,
                       seed: int = 0) -> Judgement:
    """derivcheck's ``check_identity`` on the claim (with the truth's stated assumptions), judged."""
    import sympy

    from derivcheck import check_identity

    from .trees import to_sympy

    shapes = {s.name: s for s in truth.symbols}
    assume: dict = {}
    for name, word in truth.assume:
        s = shapes[name]
        assume.setdefault(sympy.MatrixSymbol(name, s.rows, s.cols), []).append(word)
    t0 = time.perf_counter()
    try:
        result = call_with_budget(check_identity, to_sympy(lhs), to_sympy(rhs), budget=budget, seed=seed,
                                  assume=assume or None)
    except Exception as exc:  # any exception is a finding, reported with its type
        return Judgement("error", "error", truth.truth, f"{type(exc).__name__}: {exc}",
                         time.perf_counter() - t0)
    return judge(lhs, rhs, truth, result, time.perf_counter() - t0)
