"""The command-line half of the bad-input catalogue (see catalogue.py and README.md).

Every case must exit with status 2, print nothing on stdout and exactly one
line ``derivcheck: error: ...`` on stderr: ``name=value: rule. Fix: ...``
for derivcheck's own errors, ``argument --x: ... (see '... --help')`` for
argparse usage errors. Never a traceback.
"""

from __future__ import annotations

import json

import pytest

from catalogue import CLI_CASES, GOOD_SCRIPT, CliCase
from rb_support import assert_one_error_line, run_main, run_subprocess, write_files


def _param(case: CliCase):
    marks = [pytest.mark.xfail(strict=True, reason=case.xfail)] if case.xfail else []
    return pytest.param(case, id=case.id, marks=marks)


def _run(case: CliCase, tmp_path, capsys) -> tuple[object, str, str]:
    write_files(tmp_path, case.files)
    argv = [a.replace("{tmp}", str(tmp_path)) for a in case.argv]
    if case.subprocess:
        done = run_subprocess(argv, cwd=tmp_path)
        return done.returncode, done.stdout, done.stderr
    try:
        return run_main(argv, capsys)
    except SystemExit as exc:  # main() must return its status, never exit the process
        out, err = capsys.readouterr()
        return f"SystemExit({exc.code!r})", out, err


@pytest.mark.parametrize("case", [_param(c) for c in CLI_CASES])
def test_bad_command_line_gives_one_error_line_and_status_2(case: CliCase, tmp_path, capsys):
    code, out, err = _run(case, tmp_path, capsys)
    line = assert_one_error_line(code, out, err, case.match)
    if case.usage:
        assert line.endswith("--help')"), line
    else:
        assert "=" in line.split(":", 2)[2] and ". Fix: " in line, line


def test_the_one_line_checker_rejects_tracebacks_and_reports():
    # The checker used above must be able to fail.
    assert_one_error_line(2, "", "derivcheck: error: x=1: bad. Fix: good\n")
    for code, out, err in [
        (1, "", "derivcheck: error: x=1: bad. Fix: good\n"),
        (2, "report", "derivcheck: error: x=1: bad. Fix: good\n"),
        (2, "", "Traceback (most recent call last):\n  ...\nValueError: x\n"),
        (2, "", "derivcheck: error: one\nderivcheck: error: two\n"),
    ]:
        with pytest.raises(AssertionError):
            assert_one_error_line(code, out, err)


def test_a_check_that_raises_is_an_error_status_not_a_traceback(tmp_path, capsys):
    script = GOOD_SCRIPT + '''

@art.claim("boom", quote="q", expect="proved", statement="divides by zero")
def boom(ctx):
    return 1 // 0
'''
    write_files(tmp_path, {"boom.py": script})
    code, out, err = run_main(["verify", str(tmp_path / "boom.py"), "--format", "json"], capsys)
    assert code == 1 and "Traceback" not in out + err
    claims = {c["id"]: c for c in json.loads(out)["articles"][0]["claims"]}
    assert claims["boom"]["verdict"] == "error"
    assert claims["boom"]["error"].startswith("ZeroDivisionError:")
    assert claims["one"]["verdict"] == "proved" and claims["one"]["passed"]


def test_a_check_that_calls_sys_exit_is_an_error_status(tmp_path, capsys):
    script = GOOD_SCRIPT + '''

import sys

@art.claim("quits", quote="q", expect="proved", statement="exits the process")
def quits(ctx):
    sys.exit(0)
'''
    write_files(tmp_path, {"quits.py": script})
    try:
        code, out, err = run_main(["verify", str(tmp_path / "quits.py"), "--format", "json"], capsys)
    except SystemExit as exc:
        pytest.fail(f"derivcheck verify exited with {exc.code!r} from inside a check")
    assert code == 1
    claims = {c["id"]: c for c in json.loads(out)["articles"][0]["claims"]}
    assert claims["quits"]["verdict"] == "error"


def test_a_utf8_article_with_the_same_text_is_accepted(tmp_path, capsys):
    # The encoding cases above fail because of the encoding alone.
    from catalogue import ARTICLE_TEXT

    write_files(tmp_path, {"good.py": GOOD_SCRIPT, "article.md": ARTICLE_TEXT})
    code, out, err = run_main(["verify", str(tmp_path / "good.py"), "--article",
                               str(tmp_path / "article.md"), "--format", "json"], capsys)
    assert code == 0, err
    report = json.loads(out)
    assert report["ok"] and report["articles"][0]["claims"][0]["quote_found"] is True
