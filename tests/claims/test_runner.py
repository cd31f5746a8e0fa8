"""The runner (budgets, errors, outcomes, selection) and the derivation loader."""

from __future__ import annotations

import signal
import time
from pathlib import Path

import pytest
import sympy

from derivcheck.claims.article import Article
from derivcheck.claims.claim import Claim, derive_seed
from derivcheck.claims.loader import load_derivations, load_script, script_paths
from derivcheck.claims import select_claims
from derivcheck.results import ClaimOutcome
from derivcheck.runner import run_claim, run_claims
from derivcheck.results import CheckResult, Evidence, Verdict
from derivcheck.errors import DerivationLoadError, InputError, PrecisionError

DATA = Path(__file__).parent / "data"


def _returning(verdict):
    def check(ctx):
        return CheckResult(verdict, "S", evidence=(Evidence("exact", f"seed {ctx.seed}"),))
    return check


def _claim(check, expected="proved", id="c", **extra):
    return Claim(id=id, article="art", quote="q", statement="s", check=check, expected=expected,
                 **extra)


def _article(*claims):
    art = Article("art", "An article", "somewhere")
    for claim in claims:
        art.add(claim)
    return art


# --- run_claim -------------------------------------------------------------------------


@pytest.mark.parametrize("verdict", [v for v in Verdict if v is not Verdict.INCONSISTENT])
def test_every_verdict_passes_when_expected(verdict):
    justification = "prose" if verdict is Verdict.NOT_CHECKABLE else None
    outcome = run_claim(_claim(_returning(verdict), verdict, justification=justification))
    assert outcome.verdict is verdict and outcome.status == verdict.value
    assert outcome.passed and outcome.error is None


@pytest.mark.parametrize("expected", ["verified", "refuted"])
def test_a_different_verdict_fails(expected):
    outcome = run_claim(_claim(_returning(Verdict.PROVED), expected))
    assert outcome.verdict is Verdict.PROVED  # the computed verdict is kept
    assert not outcome.passed


def test_inconsistent_never_passes():
    outcome = run_claim(_claim(_returning(Verdict.INCONSISTENT)))
    assert outcome.status == "inconsistent" and not outcome.passed


def test_the_check_gets_the_derived_seed_and_the_run_precision():
    seen = []

    def check(ctx):
        seen.append(ctx)
        return CheckResult(Verdict.PROVED, "S")

    run_claim(_claim(check), seed=11, dps=33, budget=5)
    assert (seen[0].seed, seen[0].dps, seen[0].budget) == (derive_seed(11, "art", "c"), 33, 5.0)


def test_an_exception_in_a_check_is_an_error_not_a_verdict():
    def check(ctx):
        raise ValueError("bad\n  matrix   shape")

    outcome = run_claim(_claim(check))
    assert outcome.result is None and outcome.verdict is None
    assert outcome.status == "error" and not outcome.passed
    assert outcome.error.startswith("ValueError: bad matrix shape (at test_runner.py:")
    assert "\n" not in outcome.error and "in check)" in outcome.error


def test_an_exception_deep_in_sympy_is_located_in_the_check():
    def check(ctx):
        return sympy.Matrix([[1, 2]]) * sympy.Matrix([[1, 2]])  # shape mismatch

    outcome = run_claim(_claim(check))
    assert outcome.error.startswith("ShapeError: ")
    assert "test_runner.py:" in outcome.error


def test_a_check_returning_something_else_is_an_error():
    outcome = run_claim(_claim(lambda ctx: "proved"))
    assert outcome.error == "TypeError: the check returned str, not a CheckResult"


def test_keyboard_interrupt_is_not_swallowed():
    def check(ctx):
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run_claim(_claim(check))


@pytest.mark.parametrize("bad", [dict(seed=-1), dict(dps=0), dict(budget=0)])
def test_run_claim_validates_its_parameters(bad):
    with pytest.raises((InputError, PrecisionError)):
        run_claim(_claim(_returning(Verdict.PROVED)), **bad)


# --- budgets ---------------------------------------------------------------------------


def _busy_loop(ctx):
    end = time.monotonic() + 20.0  # bounded: a broken budget fails the test, never hangs it
    while time.monotonic() < end:
        pass
    return CheckResult(Verdict.PROVED, "done")


def test_a_busy_loop_past_its_budget_is_undecided_and_the_run_goes_on():
    art = _article(_claim(_busy_loop, id="slow", budget=0.2),
                   _claim(_returning(Verdict.PROVED), id="next"))
    report = run_claims([art])
    slow, following = report.outcomes
    assert slow.verdict is Verdict.UNDECIDED and not slow.passed
    assert "0.2 s budget" in slow.result.where and "in _busy_loop" in slow.result.where
    assert following.verdict is Verdict.PROVED and following.passed


def test_the_run_budget_applies_to_claims_without_their_own():
    outcome = run_claim(_claim(lambda ctx: time.sleep(20)), budget=0.2)
    assert outcome.verdict is Verdict.UNDECIDED


def test_a_budget_stop_inside_sympy_names_the_sympy_frame():
    def determinant(ctx):
        symbols = sympy.symbols("x:64")
        sympy.Matrix(8, 8, symbols).det(method="berkowitz").expand()
        return CheckResult(Verdict.PROVED, "det")

    outcome = run_claim(_claim(determinant, budget=0.2))
    assert outcome.verdict is Verdict.UNDECIDED
    where = outcome.result.where
    assert " at sympy/" in where and "/work/" not in where


def test_previous_alarm_handler_and_timer_are_restored():
    fired = []

    def outer(signum, frame):
        fired.append(signum)

    old = signal.signal(signal.SIGALRM, outer)
    signal.setitimer(signal.ITIMER_REAL, 50.0)
    try:
        run_claim(_claim(_busy_loop, budget=0.1))
        run_claim(_claim(_returning(Verdict.PROVED)))
        assert signal.getsignal(signal.SIGALRM) is outer
        remaining, _ = signal.getitimer(signal.ITIMER_REAL)
        assert 0 < remaining <= 50.0
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)
    assert fired == []


def test_no_alarm_is_left_armed_after_a_fast_check():
    run_claim(_claim(_returning(Verdict.PROVED), budget=0.05))
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    time.sleep(0.1)  # a stray alarm would raise here


# --- run_claims and RunReport ----------------------------------------------------------------


def test_report_summary_and_ok():
    good = _article(_claim(_returning(Verdict.PROVED), id="a"),
                    _claim(_returning(Verdict.REFUTED), "refuted", id="b"))
    report = run_claims([good])
    assert report.ok and report.failures == ()
    assert report.summary["proved"] == 1 and report.summary["refuted"] == 1
    assert set(report.summary) == {v.value for v in Verdict} | {"error"}

    bad = _article(_claim(_returning(Verdict.PROVED), id="a"),
                   _claim(lambda ctx: 1 / 0, id="b"))
    report = run_claims([bad])
    assert not report.ok and [o.claim.id for o in report.failures] == ["b"]
    assert report.summary["error"] == 1


def test_claim_outcome_needs_exactly_one_of_result_and_error():
    claim = _claim(_returning(Verdict.PROVED))
    with pytest.raises(InputError, match="exactly one"):
        ClaimOutcome(claim, None, None)


def test_progress_is_called_once_per_claim_in_order():
    calls = []
    art = _article(*[_claim(_returning(Verdict.PROVED), id=f"c{i}") for i in range(3)])
    run_claims([art], progress=lambda o, done, total: calls.append((o.claim.id, done, total)))
    assert calls == [("c0", 1, 3), ("c1", 2, 3), ("c2", 3, 3)]


def test_only_selects_by_id_or_qualified_id_and_keeps_order():
    art = _article(*[_claim(_returning(Verdict.PROVED), id=f"c{i}") for i in range(4)])
    chosen = select_claims([art], ["c3", "art/c1"])
    assert [c.id for c in chosen] == ["c1", "c3"]
    assert [a.id for a in run_claims([art], only=["c2"]).articles] == ["art"]


def test_unknown_only_id_lists_close_matches():
    art = _article(_claim(_returning(Verdict.PROVED), id="su-grad"),
                   _claim(_returning(Verdict.PROVED), id="su-limit"))
    with pytest.raises(InputError, match=r"only='su-grd': no loaded claim.*did you mean su-grad"):
        select_claims([art], ["su-grd"])


def test_parallel_run_needs_scripts():
    art = _article(_claim(_returning(Verdict.PROVED), id="a"),
                   _claim(_returning(Verdict.PROVED), id="b"))
    with pytest.raises(InputError, match="jobs=2: a parallel run re-imports"):
        run_claims([art], jobs=2)


@pytest.mark.parametrize("jobs", [0, -1, 1.5, True])
def test_jobs_is_validated(jobs):
    with pytest.raises(InputError, match="jobs="):
        run_claims([], jobs=jobs)


def test_results_depend_on_the_seed_not_on_the_order_or_selection():
    (toy,) = load_script(DATA / "toy_algebra.py")

    def counterexample(report):
        (outcome,) = [o for o in report.outcomes if o.claim.id == "matrices-commute"]
        return outcome.result.counterexample

    full = run_claims([toy], seed=3)
    alone = run_claims([toy], seed=3, only=["matrices-commute"])
    other_seed = run_claims([toy], seed=4)
    assert counterexample(full) == counterexample(alone)
    assert counterexample(full) != counterexample(other_seed)
    a, b = counterexample(full)["A"], counterexample(full)["B"]
    assert a * b != b * a  # the counterexample really refutes AB = BA


# --- loader ----------------------------------------------------------------------------------


def _script(directory: Path, name: str, body: str) -> Path:
    path = directory / name
    path.write_text(body, encoding="utf-8")
    return path


_HEADER = "from derivcheck.claims.article import Article\n"


def test_load_script_collects_module_level_articles_in_order(tmp_path):
    path = _script(tmp_path, "two.py", _HEADER + "b = Article('bee', 'B', 's')\n"
                                                 "a = Article('ay', 'A', 's')\nalias = a\n")
    articles = load_script(path)
    assert [a.id for a in articles] == ["bee", "ay"]
    assert all(a.script == path.resolve() for a in articles)


@pytest.mark.parametrize(("body", "message"), [
    ("def broken(:\n", r"failed to load at line 1: SyntaxError"),
    (_HEADER + "x = 1\nraise RuntimeError('no data')\n", r"line 3: RuntimeError: no data"),
    ("import derivcheck_no_such_module\n", r"ModuleNotFoundError"),
    ("x = 1\n", r"defines no Article at module level"),
])
def test_load_failures_name_the_file_and_the_cause(tmp_path, body, message):
    path = _script(tmp_path, "bad_script.py", body)
    with pytest.raises(DerivationLoadError, match=rf"bad_script\.py'.*{message}"):
        load_derivations([path])


def test_missing_and_non_python_paths_are_refused(tmp_path):
    with pytest.raises(DerivationLoadError, match="no such file or directory"):
        load_derivations([tmp_path / "missing.py"])
    with pytest.raises(DerivationLoadError, match=r"is not a Python file"):
        load_derivations([_script(tmp_path, "notes.txt", "")])
    with pytest.raises(DerivationLoadError, match="holds no derivation script"):
        load_derivations([tmp_path])


def test_duplicate_article_ids_across_scripts_are_refused(tmp_path):
    _script(tmp_path, "one.py", _HEADER + "a = Article('same', 'A', 's')\n")
    _script(tmp_path, "two.py", _HEADER + "a = Article('same', 'A', 's')\n")
    with pytest.raises(DerivationLoadError, match=r"id='same': is defined twice.*one\.py.*two\.py"):
        load_derivations([tmp_path])


def test_a_directory_means_its_public_scripts(tmp_path):
    _script(tmp_path, "b_second.py", _HEADER + "a = Article('second', 'A', 's')\n")
    _script(tmp_path, "a_first.py", _HEADER + "a = Article('first', 'A', 's')\n")
    _script(tmp_path, "_helpers.py", "raise RuntimeError('never imported')\n")
    assert [a.id for a in load_derivations([tmp_path])] == ["first", "second"]
    assert len(script_paths([tmp_path, tmp_path / "a_first.py"])) == 2


def test_same_file_name_in_two_directories_does_not_clash(tmp_path):
    for sub in ("x", "y"):
        (tmp_path / sub).mkdir()
        _script(tmp_path / sub, "deriv.py", _HEADER + f"a = Article('art-{sub}', 'A', 's')\n")
    assert [a.id for a in load_derivations([tmp_path / "x", tmp_path / "y"])] == ["art-x", "art-y"]


def test_only_ignores_case_when_no_id_matches_exactly():
    art = _article(_claim(_returning(Verdict.PROVED), id="grad-B"), _claim(_returning(Verdict.PROVED), id="other"))
    assert [c.id for c in select_claims([art], ["art/grad-b"])] == ["grad-B"]
    assert [c.id for c in select_claims([art], ["GRAD-B"])] == ["grad-B"]
    with pytest.raises(InputError, match="no loaded claim"):
        select_claims([art], ["grad-c"])


def test_only_refuses_a_name_that_matches_ids_differing_only_in_case():
    art = _article(_claim(_returning(Verdict.PROVED), id="grad-B"), _claim(_returning(Verdict.PROVED), id="grad-b"))
    assert [c.id for c in select_claims([art], ["grad-b"])] == ["grad-b"]  # an exact match wins
    with pytest.raises(InputError, match="differ only in case"):
        select_claims([art], ["GRAD-B"])
