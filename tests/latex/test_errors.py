"""Error positions and tokens; nothing in a formula is ever executed."""

from __future__ import annotations

import builtins
import os
import pickle
import subprocess
from pathlib import Path

import pytest

from derivcheck.errors import InputTypeError, LatexParseError
from derivcheck.latex import parser as parser_module
from derivcheck.latex.parser import MAX_FORMULA_LENGTH, parse_latex


@pytest.mark.parametrize("text, position, token", [
    (r"A \sum_{i} B", 2, r"\sum"),
    (r"AB + \text{foo}(A)", 5, r"\text{foo}"),
    (r"(AB", 3, ""),
    (r"A^{\top}B)", 9, ")"),
    (r"A | B", 2, "|"),
    (r"span(A)", 0, "span"),
    (r"M_{i,j}", 4, ","),
    (r"x\in S(A)", 5, "S(A)"),
    (r"\eqref{eq:x}", 0, r"\eqref"),
    (r"A = \begin{cases}1\end{cases}", 4, r"\begin{cases}"),
    (r"A^{\top} + B^{\top}.C", 19, "."),
    (r"\mathcal{F}(A)", 0, r"\mathcal{F}"),
    (r"A = B =", 7, ""),
    (r"A^{\top}\exists x", 8, r"\exists"),
])
def test_error_position_and_token(text, position, token):
    with pytest.raises(LatexParseError) as caught:
        parse_latex(text)
    error = caught.value
    assert (error.position, error.token, error.text) == (position, token, text)
    assert f"formula[{position}]" in str(error)
    assert "Fix:" in str(error)


def test_error_pickles_with_its_position():
    with pytest.raises(LatexParseError) as caught:
        parse_latex(r"A \sum B")
    copy = pickle.loads(pickle.dumps(caught.value))
    assert (copy.position, copy.token) == (2, r"\sum")


@pytest.mark.parametrize("bad", [None, 3, b"AB", ["A"]])
def test_formula_must_be_a_string(bad):
    with pytest.raises(InputTypeError, match="formula"):
        parse_latex(bad)


def test_empty_and_overlong_formulas():
    with pytest.raises(LatexParseError, match="empty"):
        parse_latex("  ")
    with pytest.raises(LatexParseError, match="longer than"):
        parse_latex("A" * (MAX_FORMULA_LENGTH + 1))


PAYLOADS = [
    r"\text{__import__('os').system('x')}",
    r"\operatorname{__import__('os').system('x')}",
    "__import__('os').system('x')",
    "eval(A)",
    "exec('x')",
    "os.system('x')",
    "A.__class__",
    "lambda: 0",
    r"\mathrm{eval}(A)",
    "A; import os",
    "{A}'",
]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_code_payloads_are_parse_errors_and_never_run(payload, monkeypatch):
    calls = []

    def record(name):
        def recorder(*args, **kwargs):
            calls.append((name, args))
            raise AssertionError(f"{name} was called")
        return recorder

    monkeypatch.setattr(os, "system", record("os.system"))
    monkeypatch.setattr(os, "popen", record("os.popen"))
    monkeypatch.setattr(subprocess, "Popen", record("subprocess.Popen"))
    monkeypatch.setattr(builtins, "eval", record("eval"))
    monkeypatch.setattr(builtins, "exec", record("exec"))
    with pytest.raises(LatexParseError):
        parse_latex(payload)
    assert calls == []


def test_the_front_end_contains_no_evaluating_calls():
    package = Path(parser_module.__file__).parent
    forbidden = ["sympi" + "fy(", "parse" + "_expr(", "ev" + "al(", "ex" + "ec(", "sympy.parsing"]
    for path in package.glob("*.py"):
        source = path.read_text(encoding="utf-8")
        for word in forbidden:
            assert word not in source, f"{word} in {path.name}"


@pytest.mark.parametrize("text", [
    "(" * 70 + "A" + ")" * 70,
    r"\lim_{x\to 0} " * 300 + "A",
    r"\det " * 900 + "A",
])
def test_deep_nesting_is_a_parse_error_not_a_crash(text):
    with pytest.raises(LatexParseError, match="nested"):
        parse_latex(text)


def test_long_flat_formulas_parse():
    assert len(parse_latex("+".join(["A"] * 1500)).tree.args) == 1500

