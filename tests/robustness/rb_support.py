"""Helpers of the robustness suite: CLI runs, message checks, an independent evaluator."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Mapping, Sequence

import sympy
from hypothesis import HealthCheck, settings

from derivcheck import cli
from derivcheck.errors import DerivCheckError
from derivcheck.exact.expr import Pinv

REPO = Path(__file__).resolve().parents[2]
DATA = Path(__file__).resolve().parent / "data"
ERROR_PREFIX = "derivcheck: error: "


def hypothesis_settings(max_examples: int) -> settings:
    """Deterministic hypothesis settings: derandomized, no example database, no deadline."""
    return settings(
        max_examples=max_examples,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


def check_message(exc: DerivCheckError, name: str, rule: str) -> None:
    """Assert that *exc* reads ``name=value: rule. Fix: fix`` with the given name and rule."""
    text = str(exc)
    assert isinstance(exc, DerivCheckError), type(exc)
    assert text.startswith(f"{name}="), f"message should start with {name}=...: {text}"
    assert re.search(rule, exc.rule), f"rule {exc.rule!r} does not match {rule!r}"
    assert ". Fix: " in text and exc.fix.strip(), f"no fix in: {text}"
    assert "\n" not in " ".join(text.split()), text


def write_files(root: Path, files: Mapping[str, str | bytes]) -> None:
    """Create *files* (relative path -> text or bytes) under *root*."""
    for relative, content in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")


def run_main(argv: Sequence[str], capsys) -> tuple[int, str, str]:
    """Run ``derivcheck`` in this process; return (exit code, stdout, stderr)."""
    capsys.readouterr()
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def run_subprocess(argv: Sequence[str], cwd: Path | None = None) -> subprocess.CompletedProcess:
    """Run ``python -m derivcheck ARGV`` in a fresh process (UTF-8 output)."""
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    return subprocess.run([sys.executable, "-m", "derivcheck", *argv], capture_output=True,
                          text=True, encoding="utf-8", cwd=cwd or REPO, env=env, timeout=120)


def assert_one_error_line(code: int, out: str, err: str, match: str | None = None) -> str:
    """Assert exit status 2, nothing on stdout, one ``derivcheck: error:`` line on stderr."""
    assert code == 2, f"exit code {code}; stderr: {err!r}"
    assert out == "", f"stdout should be empty on bad input: {out[:300]!r}"
    assert "Traceback" not in err, err
    lines = err.splitlines()
    assert len(lines) == 1, f"expected one line on stderr, got {len(lines)}: {err!r}"
    line = lines[0]
    assert line.startswith(ERROR_PREFIX), line
    if match is not None:
        assert re.search(match, line), f"{match!r} not found in {line!r}"
    return line


# ----------------------------------------------------------------------------- evaluator

def evaluate_with_sympy(expr, values: Mapping[str, sympy.MatrixBase]) -> sympy.Matrix:
    """Evaluate a matrix expression at explicit matrices with SymPy's own arithmetic.

    An evaluator independent of derivcheck's: ``Pinv(X)`` is SymPy's
    ``Matrix.pinv`` (not :func:`derivcheck.pinv_exact`), products and sums are
    SymPy's explicit matrix arithmetic. Supports what the soundness tests use:
    MatrixSymbol, MatMul, MatAdd, Transpose, MatPow, Inverse, Identity,
    ZeroMatrix, scalar coefficients and Pinv.
    """
    if isinstance(expr, sympy.MatrixSymbol):
        return sympy.Matrix(values[expr.name])
    if isinstance(expr, Pinv):
        inner = evaluate_with_sympy(expr.args[0], values)
        if inner.rows == 0 or inner.cols == 0 or inner.is_zero_matrix:
            return sympy.zeros(inner.cols, inner.rows)
        return inner.pinv()
    if isinstance(expr, sympy.Transpose):
        return evaluate_with_sympy(expr.arg, values).T
    if isinstance(expr, sympy.Inverse):
        return evaluate_with_sympy(expr.arg, values).inv()
    if isinstance(expr, sympy.MatPow):
        base, exponent = expr.args
        return evaluate_with_sympy(base, values) ** int(exponent)
    if isinstance(expr, sympy.MatMul):
        result = None
        coefficient = sympy.Integer(1)
        for factor in expr.args:
            if getattr(factor, "is_Matrix", False):
                value = evaluate_with_sympy(factor, values)
                result = value if result is None else result * value
            else:
                coefficient *= factor
        return coefficient * result
    if isinstance(expr, sympy.MatAdd):
        terms = [evaluate_with_sympy(t, values) for t in expr.args]
        total = terms[0]
        for term in terms[1:]:
            total = total + term
        return total
    if isinstance(expr, sympy.Identity):
        return sympy.eye(int(expr.rows))
    if isinstance(expr, sympy.ZeroMatrix):
        return sympy.zeros(int(expr.rows), int(expr.cols))
    raise TypeError(f"the test evaluator does not support {type(expr).__name__}")
