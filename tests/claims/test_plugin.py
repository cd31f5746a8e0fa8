"""The pytest plugin: claims of derivation scripts as test items."""

from __future__ import annotations

import pytest

import derivcheck.pytest_plugin  # noqa: F401 - imported once here, not in every inner run

pytest_plugins = ["pytester"]

SCRIPT = '''
import sympy
from derivcheck.claims.article import Article
from derivcheck.results import CheckResult, Evidence, Verdict

article = Article("toy", "Toy", "nowhere")


@article.claim("good", quote="2 = 2", expect="proved", statement="two is two")
def good(ctx):
    return CheckResult(Verdict.PROVED, "Eq(2, 2)")


@article.claim("bad", quote="AB = BA", expect="proved", statement="matrices commute")
def bad(ctx):
    A = sympy.Matrix([[0, 1], [0, 0]])
    B = sympy.Matrix([[0, 0], [1, 0]])
    return CheckResult(Verdict.REFUTED, "Eq(A*B, B*A)",
                       evidence=(Evidence("exact", "AB - BA has a nonzero entry"),),
                       counterexample={"A": A, "B": B})


@article.claim("boom", quote="boom", expect="proved", statement="raises")
def boom(ctx):
    raise LookupError("table entry missing")


@article.claim("precise", quote="digits", expect="proved", statement="needs 77 digits")
def precise(ctx):
    return CheckResult(Verdict.PROVED if ctx.dps == 77 else Verdict.UNDECIDED, "dps")
'''


@pytest.fixture(autouse=True)
def _only_this_plugin(monkeypatch: pytest.MonkeyPatch) -> None:
    # Inner runs load no installed plugin but this one (named with -p below): that keeps
    # them fast and independent of whether the plugin is also installed as an entry point.
    monkeypatch.setenv("PYTEST_DISABLE_PLUGIN_AUTOLOAD", "1")


@pytest.fixture
def project(pytester: pytest.Pytester) -> pytest.Pytester:
    pytester.mkdir("derivations")
    (pytester.path / "derivations" / "toy.py").write_text(SCRIPT, encoding="utf-8")
    (pytester.path / "derivations" / "_helpers.py").write_text("raise RuntimeError\n")
    return pytester


def _run(pytester: pytest.Pytester, *args: str) -> pytest.RunResult:
    return pytester.runpytest("-p", "derivcheck.pytest_plugin", "-p", "no:cacheprovider",
                              "-W", "ignore::pytest.PytestAssertRewriteWarning", *args)


def test_each_claim_is_an_item(project):
    result = _run(project, "derivations", "--collect-only", "-q")
    items = [line for line in result.outlines if "::" in line]
    assert items == [f"derivations/toy.py::{name}" for name in ("good", "bad", "boom", "precise")]


def test_items_pass_iff_the_verdict_is_expected(project):
    result = _run(project, "derivations", "-v")
    result.assert_outcomes(passed=1, failed=3)
    result.stdout.fnmatch_lines(["*derivations/toy.py::good PASSED*",
                                 "*derivations/toy.py::bad FAILED*"])


def test_failure_shows_verdict_evidence_and_counterexample(project):
    result = _run(project, "derivations")
    result.stdout.fnmatch_lines([
        "*claim toy/bad*",
        "claim toy/bad: computed refuted, expected proved",
        "  claim: matrices commute",
        "  quote: AB = BA",
        "  checked: Eq(A*B, B*A)",
        "  [exact] AB - BA has a nonzero entry",
        "  counterexample A = [[0, 1], [0, 0]], B = [[0, 0], [1, 0]]",
    ])
    result.stdout.fnmatch_lines(["*the check raised: LookupError: table entry missing (at toy.py:*"])
    assert "def bad(ctx)" not in result.stdout.str()  # no Python traceback for a verdict


def test_options_reach_the_checks(project):
    _run(project, "derivations", "-k", "precise").assert_outcomes(failed=1)
    _run(project, "derivations", "-k", "precise", "--derivcheck-dps", "77").assert_outcomes(passed=1)


def test_invalid_option_is_a_usage_error(project):
    result = _run(project, "derivations", "--derivcheck-dps", "0")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["*--derivcheck-dps*must be a positive integer between 1 and 10000*"])


def test_marker_selects_claims(project):
    project.makepyfile(test_plain="def test_plain():\n    assert True\n")
    _run(project, "-m", "derivcheck", "derivations", "test_plain.py").assert_outcomes(
        passed=1, failed=3, deselected=1)


def test_a_script_named_on_the_command_line_is_collected_once(project):
    result = _run(project, "derivations/toy.py", "--collect-only", "-q")
    assert len([line for line in result.outlines if "::" in line]) == 4


def test_python_files_elsewhere_are_not_claims(pytester):
    pytester.mkdir("scripts")
    (pytester.path / "scripts" / "toy.py").write_text(SCRIPT, encoding="utf-8")
    result = _run(pytester, "scripts")
    assert result.ret == pytest.ExitCode.NO_TESTS_COLLECTED


def test_a_broken_script_is_a_collection_error_naming_it(pytester):
    pytester.mkdir("derivations")
    (pytester.path / "derivations" / "broken.py").write_text("x = (\n", encoding="utf-8")
    result = _run(pytester, "derivations")
    assert result.ret == pytest.ExitCode.INTERRUPTED
    result.stdout.fnmatch_lines(["*derivation script='derivations/broken.py': failed to load*"
                                 "SyntaxError*"])
