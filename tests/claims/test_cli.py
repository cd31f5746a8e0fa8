"""The command line: exit codes, one-line errors, formats, determinism, parallel runs."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from derivcheck import cli
from derivcheck.errors import InputError

DATA = Path(__file__).parent / "data"
TOY = str(DATA / "toy_algebra.py")
MIXED = str(DATA / "toy_mixed.py")
ARTICLE = str(DATA / "toy-article.md")


def run(capsys, *argv):
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def assert_one_error_line(err: str, *fragments: str) -> None:
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("derivcheck: error: ")
    assert "Traceback" not in err
    for fragment in fragments:
        assert fragment in lines[0]


# --- exit codes -------------------------------------------------------------------------------


def test_exit_0_when_every_verdict_is_expected(capsys):
    code, out, err = run(capsys, "verify", TOY)
    assert code == 0 and err == ""  # no progress: stderr is not a terminal
    assert out.splitlines()[-1].startswith("OK")
    assert "matrices-commute" in out and "refuted" in out


def test_exit_1_when_a_verdict_differs_errs_or_is_inconsistent(capsys):
    code, out, err = run(capsys, "verify", MIXED)
    assert code == 1 and err == ""
    for claim in ("wrong-expectation", "raises", "slow", "not-a-result", "legs-disagree"):
        assert claim in out.splitlines()[-1]
    assert "undecided (expected proved)" in out and "ZeroDivisionError" in out


@pytest.mark.parametrize("only", ["wrong-expectation", "raises", "legs-disagree", "not-a-result"])
def test_exit_1_for_each_kind_of_failure_alone(capsys, only):
    code, _, _ = run(capsys, "verify", MIXED, "--only", only)
    assert code == 1


def test_exit_0_for_the_passing_claim_of_a_failing_script(capsys):
    code, out, _ = run(capsys, "verify", MIXED, "--only", "after-slow")
    assert code == 0 and "1 claim in 1 article" in out


@pytest.mark.parametrize(("argv", "fragment"), [
    (["verify", TOY, "--dps", "0"], "argument --dps: dps=0: must be a positive integer between 1 and 10000"),
    (["verify", TOY, "--dps", "10001"], "--dps"),
    (["verify", TOY, "--dps", "fifty"], "not a number: 'fifty'"),
    (["verify", TOY, "--seed", "-1"], "argument --seed: seed=-1: must be an integer >= 0"),
    (["verify", TOY, "--budget", "0"], "argument --budget: budget=0.0: must be a finite number"),
    (["verify", TOY, "--budget", "nan"], "--budget"),
    (["verify", TOY, "--jobs", "0"], "argument --jobs: jobs=0: must be an integer >= 1"),
    (["verify", TOY, "--format", "xml"], "invalid choice: 'xml'"),
    (["verify", TOY, "--bogus"], "unrecognized arguments: --bogus"),
    ([], "the following arguments are required: COMMAND"),
    (["frobnicate"], "invalid choice: 'frobnicate'"),
])
def test_exit_2_for_usage_errors(capsys, argv, fragment):
    code, out, err = run(capsys, *argv)
    assert code == 2 and out == ""
    assert_one_error_line(err, fragment)


def test_unknown_only_id_names_it_and_close_matches(capsys):
    code, out, err = run(capsys, "verify", TOY, "--only", "square-expansion", "--only", "trace-cylic")
    assert code == 2 and out == ""
    assert_one_error_line(err, "only='trace-cylic'", "did you mean trace-cyclic")


def test_only_accepts_qualified_ids_and_repeats(capsys):
    code, out, _ = run(capsys, "verify", TOY, "--only", "toy-algebra/prose", "--only", "trace-cyclic")
    assert code == 0 and "2 claims" in out


def test_exit_2_when_a_script_fails_to_import(tmp_path, capsys):
    broken = tmp_path / "broken_deriv.py"
    broken.write_text("from derivcheck.claims.article import Article\nx = 1 +\n", encoding="utf-8")
    code, out, err = run(capsys, "verify", TOY, str(broken))
    assert code == 2 and out == ""
    assert_one_error_line(err, "broken_deriv.py", "line 2", "SyntaxError")


def test_exit_2_for_a_missing_path(capsys, tmp_path):
    code, _, err = run(capsys, "verify", str(tmp_path / "nope.py"))
    assert code == 2
    assert_one_error_line(err, "nope.py", "no such file or directory")


def test_help_exits_0(capsys):
    code, out, _ = run(capsys, "verify", "--help")
    assert code == 0 and "--budget SECONDS" in out


# --- quotes ---------------------------------------------------------------------------------


def test_article_quotes_found(capsys):
    code, out, _ = run(capsys, "verify", TOY, "--article", ARTICLE)
    assert code == 0 and "quotes not found" not in out


def test_article_directory_uses_filenames(capsys):
    code, _, _ = run(capsys, "verify", TOY, "--article", str(DATA))
    assert code == 0


def test_missing_quote_fails_the_run(tmp_path, capsys):
    copy = tmp_path / "toy-article.md"
    copy.write_text(Path(ARTICLE).read_text(encoding="utf-8").replace("beautiful", "useful"),
                    encoding="utf-8")
    code, out, _ = run(capsys, "verify", TOY, "--article", str(copy))
    assert code == 1
    assert "toy-algebra/prose (toy-article.md): The pseudo-inverse is a beautiful idea." in out
    assert out.splitlines()[-1] == "FAILED: 1 quote not found"


def test_non_utf8_article_exits_2(tmp_path, capsys):
    copy = tmp_path / "toy-article.md"
    copy.write_bytes("Toy algèbre".encode("latin-1"))
    code, _, err = run(capsys, "verify", TOY, "--article", str(copy))
    assert code == 2
    assert_one_error_line(err, "is not UTF-8 text", "re-encode the file as UTF-8")


# --- formats, output, determinism -------------------------------------------------------------------


def test_output_file_and_formats(tmp_path, capsys):
    target = tmp_path / "report.md"
    code, out, _ = run(capsys, "verify", TOY, "--format", "markdown", "--output", str(target))
    assert code == 0 and out == ""
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# derivcheck report") and "Two matrices commute: $AB = BA$." in text
    code, out, _ = run(capsys, "verify", TOY, "--format", "summary")
    assert out.startswith("| Article | Claims |")


def test_output_into_a_missing_directory_exits_2(tmp_path, capsys):
    code, _, err = run(capsys, "verify", TOY, "--output", str(tmp_path / "no" / "r.json"))
    assert code == 2
    assert_one_error_line(err, "its directory does not exist")


def test_json_is_byte_identical_across_runs_and_with_jobs(capsys):
    # the slow claim is left out: where a budget stops a check depends on the machine
    ids = ["wrong-expectation", "raises", "legs-disagree", "square-expansion",
           "matrices-commute", "trace-cyclic", "inverse-of-product", "prose"]
    argv = ["verify", TOY, MIXED, "--format", "json", "--seed", "7"]
    argv += [arg for claim_id in ids for arg in ("--only", claim_id)]
    first = run(capsys, *argv)
    second = run(capsys, *argv)
    parallel = run(capsys, *argv, "--jobs", "2")
    assert first[0] == second[0] == parallel[0] == 1
    assert first[1] == second[1] == parallel[1]
    doc = json.loads(first[1])
    assert [len(a["claims"]) for a in doc["articles"]] == [5, 3]
    assert doc["summary"]["error"] == 1 and doc["seed"] == 7


def test_progress_goes_to_stderr_only_on_a_terminal(capsys, monkeypatch):
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    code, out, err = run(capsys, "verify", TOY, "--only", "prose")
    assert code == 0 and "[1/1] toy-algebra/prose: not-checkable" in err
    assert "[1/1]" not in out


# --- subcommand registry ------------------------------------------------------------------------------


def test_register_command_adds_a_subcommand(capsys, monkeypatch):
    monkeypatch.setattr(cli, "_COMMANDS", dict(cli._COMMANDS))

    def configure(parser):
        parser.add_argument("formula")

    def run_echo(args):
        if args.formula == "bad":
            raise InputError("formula", args.formula, "is bad", "pass a good one")
        sys.stdout.write(args.formula + "\n")
        return 0

    cli.register_command("echo-latex", help="echo a formula", configure=configure, run=run_echo)
    assert run(capsys, "echo-latex", "A^+") == (0, "A^+\n", "")
    code, _, err = run(capsys, "echo-latex", "bad")
    assert code == 2
    assert_one_error_line(err, "formula='bad': is bad. Fix: pass a good one")
    with pytest.raises(InputError, match="already registered"):
        cli.register_command("verify", help="x", configure=configure, run=run_echo)


# --- real processes ------------------------------------------------------------------------------


def _python(*argv, cwd=None):
    return subprocess.run([sys.executable, *argv], capture_output=True, text=True, cwd=cwd,
                          timeout=120, encoding="utf-8")


def test_python_m_and_script_main_equal_the_in_process_cli(capsys):
    _, expected, _ = run(capsys, "verify", TOY, "--format", "json", "--seed", "3")
    module = _python("-m", "derivcheck", "verify", TOY, "--format", "json", "--seed", "3")
    script = _python(TOY, "--format", "json", "--seed", "3")
    assert (module.returncode, module.stdout, module.stderr) == (0, expected, "")
    assert (script.returncode, script.stdout, script.stderr) == (0, expected, "")


def test_subprocess_import_failure_is_one_line_without_traceback(tmp_path):
    broken = tmp_path / "raising_deriv.py"
    broken.write_text("raise RuntimeError('missing data file')\n", encoding="utf-8")
    result = _python("-m", "derivcheck", "verify", str(broken))
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert "raising_deriv.py" in result.stderr and "RuntimeError: missing data file" in result.stderr


def test_script_main_exit_code_on_failures():
    result = _python(MIXED, "--only", "raises")
    assert result.returncode == 1 and "ZeroDivisionError" in result.stdout


# --- the terminal report ------------------------------------------------------------------------


def test_verbose_puts_evidence_under_each_claim(capsys):
    _, plain, _ = run(capsys, "verify", TOY)
    _, verbose, _ = run(capsys, "verify", TOY, "-v")
    assert "counterexample A =" not in plain and "[exact]" not in plain
    assert "counterexample A =" in verbose and "[exact]" in verbose
    assert [line for line in verbose.splitlines() if not line.startswith("    ")] == plain.splitlines()


def test_a_terminal_gets_one_line_per_claim_cut_to_its_width(capsys, monkeypatch):
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    monkeypatch.setenv("COLUMNS", "40")
    _, out, _ = run(capsys, "verify", TOY)
    rows = [line for line in out.splitlines() if line.startswith("  ")]
    assert len(rows) == 5 and all(len(line) <= 40 for line in rows)
    assert any(line.endswith("…") for line in rows)


def test_a_command_freezes_what_it_loaded_and_collects_less_often():
    import gc

    from derivcheck.cli import _collect_less

    before = gc.get_threshold()
    gc.unfreeze()
    gc.set_threshold(700, 10, 10)  # Python's default (an earlier command in this process changed it)
    frozen = gc.get_freeze_count()
    try:
        kept = [object() for _ in range(10)]
        _collect_less()
        assert gc.get_threshold()[0] > 700
        assert gc.get_freeze_count() >= frozen + len(kept)
    finally:
        gc.unfreeze()
        gc.set_threshold(*before)
