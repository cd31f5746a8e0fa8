"""The ``derivcheck`` command line: the only place that prints and sets exit codes.

Usage::

    derivcheck verify [PATH ...] [--format text|markdown|json|summary] [--seed N]
                      [--dps N] [--only ID]... [--article FILE] [--budget SECONDS]
                      [--jobs N] [--output FILE]

Exit codes: 0 when every computed verdict equals its claim's expectation
(and, with ``--article``, every quote is found); 1 when a verdict differs,
is ``inconsistent``, a check raised, or a quote is missing; 2 for usage and
input errors, reported as one line ``derivcheck: error: <message>`` on
stderr, never a traceback.

Subcommands are kept in a registry: :func:`register_command` adds one (with
a function that declares its arguments and one that runs it and returns the
exit code); ``verify`` is registered that way below.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable, NoReturn, Sequence

from . import __version__
from .claims.article import Article
from .claims.claim import DEFAULT_DPS, MAX_DPS, validate_budget, validate_dps, validate_seed
from .claims.loader import load_derivations
from .claims.quotes import check_quotes
from .claims.runner import (
    DEFAULT_BUDGET,
    ClaimOutcome,
    RunReport,
    run_claims,
    select_claims,
    validate_jobs,
)
from .checks.assumptions import ASSUMPTION_WORDS
from .results import Verdict
from .errors import DerivCheckError, InputError
from .latex.shapeopt import parse_shape_option
from .report.json_report import render_json
from .report.markdown import render_markdown, render_summary_table
from .report.text import render_text

__all__ = ["main", "main_for_articles", "register_command", "Command", "build_parser", "RENDERERS"]

PROG = "derivcheck"

#: Output formats of ``verify --format``.
RENDERERS: dict[str, Callable[[RunReport], str]] = {
    "text": render_text,
    "markdown": render_markdown,
    "json": render_json,
    "summary": render_summary_table,
}


class _Parser(argparse.ArgumentParser):
    """An ArgumentParser whose errors are one line on stderr, exit status 2."""

    def error(self, message: str) -> NoReturn:
        _print_error(f"{message} (see '{self.prog} --help')")
        self.exit(2)


def _print_error(message: str) -> None:
    sys.stderr.write(f"{PROG}: error: {' '.join(message.split())}\n")


@dataclass(frozen=True)
class Command:
    """A subcommand: its name, help line, argument declarations and action.

    Parameters
    ----------
    name : str
        The subcommand (``"verify"``).
    help : str
        One line for ``derivcheck --help``.
    configure : callable
        ``configure(parser)`` adds the subcommand's arguments.
    run : callable
        ``run(args) -> int`` does the work and returns the exit code. It may
        raise :class:`~derivcheck.errors.DerivCheckError` for bad input
        (reported as one line, exit status 2); it must not print errors.
    """

    name: str
    help: str
    configure: Callable[[argparse.ArgumentParser], None]
    run: Callable[[argparse.Namespace], int]


_COMMANDS: dict[str, Command] = {}


def register_command(
    name: str,
    *,
    help: str,
    configure: Callable[[argparse.ArgumentParser], None],
    run: Callable[[argparse.Namespace], int],
) -> Command:
    """Add a subcommand to ``derivcheck`` (e.g. ``check-latex``).

    Parameters
    ----------
    name, help, configure, run
        See :class:`Command`.

    Returns
    -------
    Command

    Raises
    ------
    InputError
        When *name* is already registered.
    """
    if name in _COMMANDS:
        raise InputError("command", name, "is already registered", "choose another name")
    command = Command(name, help, configure, run)
    _COMMANDS[name] = command
    return command


def _typed(convert: Callable[[str], object], validate: Callable[[object], object]):
    def parse(text: str) -> object:
        try:
            value = convert(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
        try:
            return validate(value)
        except DerivCheckError as exc:
            raise argparse.ArgumentTypeError(str(exc)) from None

    return parse


def _add_run_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", choices=sorted(RENDERERS), default="text",
                        help="report format (default: text; summary = the README table)")
    parser.add_argument("--seed", type=_typed(int, validate_seed), default=0,
                        help="run seed, an integer >= 0 (default: 0)")
    parser.add_argument("--dps", type=_typed(int, validate_dps), default=DEFAULT_DPS,
                        help=f"working precision in decimal digits, 1..{MAX_DPS} "
                             f"(default: {DEFAULT_DPS})")
    parser.add_argument("--only", action="append", metavar="ID",
                        help="run only this claim (id or article/id); repeatable")
    parser.add_argument("--article", type=Path, metavar="FILE",
                        help="verify every quote against this article copy (or a directory "
                             "of copies, found by each article's filename)")
    parser.add_argument("--budget", type=_typed(float, validate_budget), default=DEFAULT_BUDGET,
                        metavar="SECONDS",
                        help="seconds per claim for claims that set no budget "
                             f"(default: {DEFAULT_BUDGET:g})")
    parser.add_argument("--jobs", type=_typed(int, validate_jobs), default=1, metavar="N",
                        help="run claims in N processes (default: 1)")
    parser.add_argument("--output", type=Path, metavar="FILE",
                        help="write the report to FILE (UTF-8) instead of stdout")


def _configure_verify(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="*", metavar="PATH",
                        help="derivation scripts or directories of them "
                             "(default: the repository's derivations/)")
    _add_run_options(parser)


def _progress(outcome: ClaimOutcome, done: int, total: int) -> None:
    sys.stderr.write(f"[{done}/{total}] {outcome.claim.qualified_id}: {outcome.status} "
                     f"({outcome.seconds:.1f} s)\n")
    sys.stderr.flush()


def _verify(articles: Sequence[Article], args: argparse.Namespace) -> int:
    """Run *articles* with the options in *args*, write the report, return the exit code."""
    if args.output is not None and not args.output.parent.is_dir():
        raise InputError("--output", str(args.output), "its directory does not exist",
                         "create the directory or choose another file")
    claims = select_claims(articles, args.only)  # unknown ids fail before any work
    missing = None
    if args.article is not None:
        missing = check_quotes(articles, args.article, claims=claims)
    report = run_claims(
        articles, seed=args.seed, dps=args.dps, budget=args.budget, only=args.only,
        jobs=args.jobs, progress=_progress if sys.stderr.isatty() else None,
    )
    report = replace(report, missing_quotes=missing)
    text = RENDERERS[args.format](report)
    if args.output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
    else:
        try:
            args.output.write_text(text, encoding="utf-8")
        except OSError as exc:
            raise InputError("--output", str(args.output),
                             f"cannot be written ({exc.strerror or exc})",
                             "choose a writable file") from None
    return 0 if report.ok else 1


def _run_verify(args: argparse.Namespace) -> int:
    return _verify(load_derivations(args.paths or None), args)


register_command(
    "verify",
    help="run the claims of derivation scripts and report their verdicts",
    configure=_configure_verify,
    run=_run_verify,
)


def _configure_check_latex(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("formula", metavar="FORMULA", help="the LaTeX formula, quoted for the shell")
    parser.add_argument("--assume", action="append", default=[], metavar="'NAME: WORDS'",
                        help="an assumption about one matrix, e.g. 'A: full row rank' (repeatable); "
                             "words: " + ", ".join(ASSUMPTION_WORDS))
    parser.add_argument("--shape", action="append", default=[], metavar="NAME=RxC",
                        help="fix a shape, e.g. A=4x3 (repeatable, or comma-separated)")
    parser.add_argument("--format", choices=("text", "json"), default="text",
                        help="output format (default: text)")
    parser.add_argument("--seed", type=_typed(int, validate_seed), default=0,
                        help="seed of the random instances (default: 0)")
    parser.add_argument("--dps", type=_typed(int, validate_dps), default=DEFAULT_DPS,
                        help=f"mpmath precision in decimal digits (default: {DEFAULT_DPS})")
    parser.add_argument("--budget", type=_typed(float, validate_budget), default=DEFAULT_BUDGET,
                        metavar="SECONDS",
                        help=f"seconds for the formula (default: {DEFAULT_BUDGET:g}); "
                             "when they run out the verdict is undecided")


def _parse_assume_option(items: Sequence[str]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for item in items:
        name, sep, words = item.partition(":")
        if not sep or not name.strip() or not words.strip():
            raise InputError("--assume", item, "an assumption is written 'NAME: WORDS'",
                             "write e.g. --assume 'A: full row rank'")
        out.setdefault(name.strip(), []).append(words.strip())
    return out


def _run_check_latex(args: argparse.Namespace) -> int:
    from .checks.latex import check_latex
    from .report.json_report import result_dict

    shapes: dict[str, tuple[int, int]] = {}
    for option in args.shape:
        shapes.update(parse_shape_option(option))
    result = check_latex(args.formula, assume=_parse_assume_option(args.assume), shapes=shapes or None,
                         seed=args.seed, dps=args.dps, budget=args.budget)
    if args.format == "json":
        text = json.dumps(result_dict(result), sort_keys=True, ensure_ascii=False, indent=2) + "\n"
    else:
        text = str(result) + "\n"
    sys.stdout.write(text)
    sys.stdout.flush()
    return 0 if result.verdict in (Verdict.PROVED, Verdict.VERIFIED) else 1


register_command(
    "check-latex",
    help="check one LaTeX formula (exit 0 if proved or verified, 1 otherwise, 2 on bad input)",
    configure=_configure_check_latex,
    run=_run_check_latex,
)


def build_parser() -> argparse.ArgumentParser:
    """Return the ``derivcheck`` parser with every registered subcommand."""
    parser = _Parser(prog=PROG, description="Check matrix-calculus derivations about the "
                                            "pseudo-inverse, claim by claim.")
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True,
                                parser_class=_Parser)
    for command in _COMMANDS.values():
        sub_parser = sub.add_parser(command.name, help=command.help, description=command.help)
        command.configure(sub_parser)
        sub_parser.set_defaults(run=command.run)
    return parser


def _execute(parser: argparse.ArgumentParser, argv: Sequence[str] | None,
             run: Callable[[argparse.Namespace], int]) -> int:
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help, --version, or a usage error already printed
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 2)
    try:
        return run(args) if run is not None else args.run(args)
    except DerivCheckError as exc:
        _print_error(str(exc))
        return 2
    except KeyboardInterrupt:
        _print_error("interrupted")
        return 130


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``derivcheck`` command line and return its exit code.

    Parameters
    ----------
    argv : sequence of str, optional
        Arguments without the program name; default ``sys.argv[1:]``.

    Returns
    -------
    int
        0, 1 or 2 (see the module docstring); 130 when interrupted.
    """
    return _execute(build_parser(), argv, None)


def main_for_articles(articles: Sequence[Article], argv: Sequence[str] | None = None) -> int:
    """Run ``verify`` on *articles* already loaded (used by ``Article.main``).

    Parameters
    ----------
    articles : sequence of Article
        The articles to run.
    argv : sequence of str, optional
        The ``verify`` options without paths; default ``sys.argv[1:]``.

    Returns
    -------
    int
        The exit code, as for :func:`main`.
    """
    prog = Path(sys.argv[0]).name if sys.argv and sys.argv[0] else PROG
    parser = _Parser(prog=prog, description="Run this script's claims (like derivcheck verify).")
    _add_run_options(parser)
    return _execute(parser, argv, lambda args: _verify(articles, args))
