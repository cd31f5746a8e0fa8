"""Every ``derivcheck`` command the README shows works as written, and prints what it shows."""

from __future__ import annotations

import glob
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
SHELL_BLOCK = re.compile(r"```sh\n(.*?)```", re.S)
PLAIN_BLOCK = re.compile(r"```\n(.*?)```", re.S)
#: The set-up commands create a virtual environment; the suite already runs inside one.
SET_UP = "python3 -m venv"


def _commands() -> list[str]:
    lines = []
    for block in SHELL_BLOCK.findall(README):
        for line in block.splitlines():
            line = line.strip()
            if line and not line.startswith(SET_UP):
                lines.append(line)
    return lines


def _argv(command: str) -> tuple[list[str], str | None]:
    """The arguments after ``derivcheck`` (globs expanded), and the file a ``>`` redirects to."""
    words = shlex.split(command)
    assert Path(words[0]).name == "derivcheck", f"README command={command!r} does not start with derivcheck"
    target = None
    if ">" in words:
        at = words.index(">")
        words, target = words[:at], words[at + 1]
    argv = []
    for word in words[1:]:
        argv.extend(sorted(glob.glob(str(ROOT / word))) if "*" in word else [word])
    return argv, target


def _run(argv: list[str]) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "derivcheck", *argv], cwd=ROOT, capture_output=True,
                          text=True, encoding="utf-8", timeout=600)


COMMANDS = _commands()


def test_the_readme_shows_commands():
    assert any(c.split()[1:2] == ["check"] for c in COMMANDS if len(c.split()) > 1)


@pytest.mark.parametrize("command", COMMANDS)
def test_readme_command_runs_as_written(command, tmp_path):
    argv, target = _argv(command)
    if any("shared/articles" in word for word in command.split()) and not (ROOT / "../shared/articles").is_dir():
        pytest.skip("the bundled article copies are not beside this checkout")
    result = _run(argv)
    # 0: every claim passed; 1: a claim failed (the example page has wrong claims on purpose)
    assert result.returncode in (0, 1), f"{command}: exit {result.returncode}\n{result.stderr}"
    assert result.stdout.strip(), f"{command}: printed nothing"
    if "--claims" in argv:
        assert result.returncode == 0, f"{command}: the claims file pins every verdict\n{result.stdout}"


def test_example_output_is_what_check_prints():
    """The output block after the first ``check`` command is what the command prints."""
    shown = PLAIN_BLOCK.search(README, README.index("derivcheck check examples/least-squares.md"))
    assert shown, "README lacks the output of the example"
    printed = _run(["check", "examples/least-squares.md"]).stdout
    normal = [" ".join(line.split()) for line in printed.splitlines()]
    for line in shown.group(1).splitlines():
        if line.strip() and line.strip() != "...":
            assert " ".join(line.split()) in normal, f"README shows {line!r}, which the command no longer prints"
