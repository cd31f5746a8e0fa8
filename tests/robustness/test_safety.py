"""Safety: nothing from a user, a claim file, an article or an argument runs as code.

Injection payloads are fed to every entry point that takes text or numbers
from outside (LaTeX, assumption words, ``--shape``, matrix entries, tolerances,
seeds, claim quotes, article copies). For each, the test checks that

* a clear DerivCheckError came back (or, on the command line, one error
  line and status 2);
* nothing ran: ``eval``/``exec``/``compile`` never saw the payload's marker,
  ``os.system``/``os.popen``/``subprocess`` were never called, SymPy's
  ``parse_expr`` was never called, and the sentinel file that several
  payloads would create does not exist.

A last test scans ``src/`` for calls that evaluate text.
"""

from __future__ import annotations

import builtins
import os
import re
import subprocess
import sys
import types
from pathlib import Path

import numpy as np
import pytest
import sympy
import sympy.parsing.sympy_parser as sympy_parser

import derivcheck as dc
from derivcheck.claims.quotes import check_quotes
from derivcheck import CheckResult, Verdict
from derivcheck.errors import DerivCheckError
from derivcheck.exact.convert import as_exact_matrix

from catalogue import GOOD_SCRIPT, LOSS_FORMULA
from rb_support import REPO, assert_one_error_line, run_main, write_files

MARK = "PWNED"

PAYLOADS = (
    "__import__('os').system('echo PWNED')",
    "eval(\"open(r'{sentinel}', 'w').write('PWNED')\")",
    "exec('import os; os.system(\"echo PWNED\")')",
    "(lambda: open(r'{sentinel}', 'w').write('PWNED'))()",
    "().__class__.__base__.__subclasses__()[0]  # PWNED",
    "x.__class__.__init__.__globals__['os'].system('echo PWNED')",
    "__builtins__['eval'](\"open(r'{sentinel}', 'w').write('PWNED')\")",
    "Symbol('PWNED')",
    "Matrix([[1, 2], [3, PWNED]])",
    "1/3 + PWNED",
)

A = sympy.MatrixSymbol("A", 2, 2)
EPS = sympy.Symbol("epsilon", positive=True)


def _mentions_mark(value, depth: int = 0) -> bool:
    if isinstance(value, str):
        return MARK in value
    if isinstance(value, bytes):
        return MARK.encode() in value
    if isinstance(value, types.CodeType) and depth < 5:
        return any(_mentions_mark(c, depth + 1) for c in value.co_consts) or MARK in value.co_names
    if isinstance(value, (tuple, list)) and depth < 5:
        return any(_mentions_mark(v, depth + 1) for v in value)
    return False


def _called_from_derivcheck() -> bool:
    """Whether derivcheck's code is on the call stack (directly or through SymPy etc.)."""
    frame = sys._getframe(2)
    while frame is not None:
        if frame.f_globals.get("__name__", "").startswith("derivcheck"):
            return True
        frame = frame.f_back
    return False


def install_spies(monkeypatch) -> list[tuple[str, str]]:
    """Spy on eval/exec/compile (payload marker), os.system, os.popen, Popen, parse_expr."""
    seen: list[tuple[str, str]] = []

    def watch(name, real):
        def spy(*args, **kwargs):
            if not _called_from_derivcheck():
                return real(*args, **kwargs)  # e.g. pytest compiling this file to show a failure
            if _mentions_mark(args) or _mentions_mark(list(kwargs.values())):
                seen.append((name, repr(args)[:200]))
            return real(*args, **kwargs)
        return spy

    def refuse(name):
        def spy(*args, **kwargs):
            seen.append((name, repr(args)[:200]))
            raise AssertionError(f"{name} called by derivcheck")
        return spy

    for name in ("eval", "exec", "compile"):
        monkeypatch.setattr(builtins, name, watch(name, getattr(builtins, name)))
    monkeypatch.setattr(os, "system", refuse("os.system"))
    monkeypatch.setattr(os, "popen", refuse("os.popen"))
    monkeypatch.setattr(subprocess, "Popen", refuse("subprocess.Popen"))
    monkeypatch.setattr(sympy_parser, "parse_expr", refuse("parse_expr"))
    monkeypatch.setattr(sympy, "parse_expr", refuse("sympy.parse_expr"), raising=False)
    return seen


@pytest.fixture
def guard(monkeypatch, tmp_path):
    """Install the spies; yield a function giving this test's payloads; check nothing ran."""
    seen = install_spies(monkeypatch)
    sentinel = tmp_path / "sentinel.txt"

    def payloads():
        return [p.replace("{sentinel}", str(sentinel)) for p in PAYLOADS]

    yield payloads
    assert not sentinel.exists(), "a payload ran: the sentinel file was written"
    assert seen == [], f"code was evaluated or a process started: {seen}"


def _as_if_in_derivcheck(function):
    """*function* with globals named like a derivcheck module (for the spies' self-test)."""
    return types.FunctionType(function.__code__,
                              dict(function.__globals__, __name__="derivcheck._spy_selftest"))


def test_the_spies_see_text_being_evaluated(monkeypatch):
    # The guard must be able to fail: SymPy's own Matrix parses text, eval runs text.
    seen = install_spies(monkeypatch)

    def evaluate():
        eval("1 + 1  # PWNED")
        with pytest.raises(Exception):
            sympy.Matrix([["1 + PWNED"]])
        with pytest.raises(AssertionError):
            os.system("true")

    _as_if_in_derivcheck(evaluate)()
    assert {name for name, _ in seen} >= {"parse_expr", "eval", "os.system"}


# Entry points of the Python API that take outside text or values, each called with a payload.
API_TARGETS = {
    "parse_latex": lambda p: dc.parse_latex(p),
    "check_latex": lambda p: dc.check_latex(p),
    "check_latex-assume": lambda p: dc.check_latex("A = A", assume={"A": p}),
    "check_latex-assume-name": lambda p: dc.check_latex("A = A", assume={p: "symmetric"}),
    "check_latex-definition": lambda p: dc.check_latex(LOSS_FORMULA, definitions={r"\mathcal{L}": p}),
    "check_latex-shapes": lambda p: dc.check_latex("A = A", shapes={"A": (p, 2)}),
    "parse_shape_option": lambda p: dc.parse_shape_option(p),
    "parse_shape_option-size": lambda p: dc.parse_shape_option(f"A={p}x2"),
    "check_identity-assume": lambda p: dc.check_identity(A, A, assume={A: p}),
    "check_identity-assume-list": lambda p: dc.check_identity(A, A, assume={A: ["symmetric", p]}),
    "check_identity-side": lambda p: dc.check_identity(p, A),
    "check_gradient-claimed": lambda p: dc.check_gradient(sympy.Trace(A.T * A), A, p),
    "check_limit-claimed": lambda p: dc.check_limit(EPS * A, EPS, p),
    "Pinv": lambda p: dc.Pinv(p),
    "as_exact_matrix": lambda p: as_exact_matrix(p),
    "as_exact_matrix-entry": lambda p: as_exact_matrix([[1, p]]),
    "as_exact_matrix-object-array": lambda p: as_exact_matrix(np.array([[p, 1]], dtype=object)),
    "pinv_exact-entry": lambda p: dc.pinv_exact([[p]]),
    "regularized_limit-entry": lambda p: dc.regularized_limit([[p, 1]]),
    "pinv_mp": lambda p: dc.pinv_mp(p),
    "pinv_mp-entry": lambda p: dc.pinv_mp([[1, p]]),
    "pinv_mp-text-array": lambda p: dc.pinv_mp(np.array([[p]])),
    "pinv_mp-cutoff": lambda p: dc.pinv_mp([[1]], cutoff=p),
    "pinv_svd64": lambda p: dc.pinv_svd64(p),
    "pinv_svd64-entry": lambda p: dc.pinv_svd64([[1.0, p]]),
    "pinv_svd64-object-array": lambda p: dc.pinv_svd64(np.array([[p]], dtype=object)),
    "pinv_svd64-rtol": lambda p: dc.pinv_svd64([[1.0]], rtol=p),
    "cross_check_pinv-kappa": lambda p: dc.cross_check_pinv([[1]], kappa=p),
    "check_printed_digits": lambda p: dc.check_printed_digits(p, [[1]]),
    "random_rational_matrix-seed": lambda p: dc.random_rational_matrix(2, 2, seed=p),
    "Article-id": lambda p: dc.Article(p, "title", "source"),
}


@pytest.mark.parametrize("target", sorted(API_TARGETS))
def test_payloads_are_refused_by_the_api_and_never_run(target, guard):
    for payload in guard():
        try:
            result = API_TARGETS[target](payload)
        except DerivCheckError as exc:
            assert ". Fix: " in str(exc)
            continue
        # check_latex reports a formula that is not shape-consistent as a refuted claim
        assert isinstance(result, CheckResult) and result.verdict is Verdict.REFUTED, (
            target, payload, result)


def _cli_targets(script: str) -> dict:
    return {
        "check-latex": lambda p: ["check-latex", p],
        "check-latex-assume": lambda p: ["check-latex", "A = A", "--assume", f"A: {p}"],
        "check-latex-shape": lambda p: ["check-latex", "A = A", "--shape", p],
        "check-latex-seed": lambda p: ["check-latex", "A = A", "--seed", p],
        "verify-only": lambda p: ["verify", script, "--only", p],
        "verify-dps": lambda p: ["verify", script, "--dps", p],
        "verify-path": lambda p: ["verify", p],
    }


@pytest.mark.parametrize("target", sorted(_cli_targets("")))
def test_payloads_are_refused_by_the_cli_and_never_run(target, guard, tmp_path, capsys):
    write_files(tmp_path, {"good.py": GOOD_SCRIPT})
    make_argv = _cli_targets(str(tmp_path / "good.py"))[target]
    for payload in guard():
        code, out, err = run_main(make_argv(payload), capsys)
        if code == 1:  # check-latex: a formula that is not shape-consistent is refuted
            assert target == "check-latex" and out.startswith("refuted: ") and err == "", out
        else:
            assert_one_error_line(code, out, err)


def test_quotes_and_article_text_are_compared_never_run(guard, tmp_path):
    payloads = guard()
    art = dc.Article("quoted", "Quotes", "tests", filename="article.md")
    for i, payload in enumerate(payloads):
        art.claim(f"q{i}", quote=payload, expect="proved", statement="a quoted payload")(
            lambda ctx: None)
    art.claim("absent", quote="__import__('os').system('echo PWNED absent')", expect="proved",
              statement="not in the article")(lambda ctx: None)
    (tmp_path / "article.md").write_text("\n\n".join(payloads) + "\n", encoding="utf-8")
    missing = check_quotes([art], tmp_path / "article.md")
    assert [m.claim for m in missing] == ["absent"]


# --------------------------------------------------------------------------- source scan

_FORBIDDEN = re.compile(r"\b(eval|exec|sym" r"pify|parse_expr)\s*\(")


def forbidden_calls(text: str) -> list[str]:
    """Lines of *text* that call eval, exec, SymPy's text parser or parse_expr."""
    return [line.strip() for line in text.splitlines() if _FORBIDDEN.search(line)]


def test_the_source_scan_finds_what_it_looks_for():
    assert forbidden_calls("x = eval(text)\ny = 1")
    assert forbidden_calls("exec (code)")
    assert forbidden_calls("sympy.sym" "pify(s)")
    assert forbidden_calls("from x import parse_expr; parse_expr(s)")
    assert not forbidden_calls("spec.loader.exec_module(module)\nast.literal_eval(s)\nre.compile(r)")


def test_src_evaluates_no_text():
    found = {}
    for path in sorted((REPO / "src").rglob("*.py")):
        hits = forbidden_calls(path.read_text(encoding="utf-8"))
        if hits:
            found[str(path.relative_to(REPO))] = hits
    assert found == {}, f"src/ calls an evaluator: {found}"
