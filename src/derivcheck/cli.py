"""The ``derivcheck`` command line: the only place that prints and sets exit codes.

Usage::

    derivcheck verify [PATH ...] [--format text|markdown|json|summary] [--seed N]
                      [--dps N] [--only ID]... [--article FILE] [--budget SECONDS]
                      [--jobs N] [--output FILE]
    derivcheck check PATH... [--format text|markdown|json] [--claims FILE]
                     [--write-claims FILE] [--jobs N] [--budget SECONDS] [--seed N] [-v]

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
import gc
import json
import shutil
import sys
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable, NoReturn, Sequence

from . import __version__
from .claims.article import Article
from .claims.loader import load_derivations
from .claims.quotes import check_quotes
from .claims.selection import select_claims
from .results import ClaimOutcome, RunReport
from .runner import run_claims, validate_jobs
from .validation import DEFAULT_BUDGET, DEFAULT_DPS, MAX_DPS, validate_budget, validate_dps, validate_seed
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
    parser.add_argument("-v", "--verbose", action="store_true",
                        help="text format: show each claim's evidence and counterexample under it")


def _configure_verify(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="*", metavar="PATH",
                        help="derivation scripts or directories of them "
                             "(default: the repository's derivations/)")
    _add_run_options(parser)


def _progress(outcome: ClaimOutcome, done: int, total: int) -> None:
    sys.stderr.write(f"[{done}/{total}] {outcome.claim.qualified_id}: {outcome.status} "
                     f"({outcome.seconds:.1f} s)\n")
    sys.stderr.flush()


def _collect_less() -> None:
    """Set the garbage collector for a run of checks (a command runs one and exits).

    A run keeps what it has loaded and what it remembers (scripts, instances, exact values) alive
    while its checks make millions of short-lived SymPy objects; with the default thresholds the
    collector rescans the long-lived objects about a thousand times a run. They are frozen (never
    scanned again) and the youngest generation is collected every 10,000 allocations instead of 700.
    Collection itself is unchanged: unreachable cycles are still freed.
    """
    gc.freeze()
    gc.set_threshold(10_000, 10, 10)


def _verify(articles: Sequence[Article], args: argparse.Namespace) -> int:
    """Run *articles* with the options in *args*, write the report, return the exit code."""
    if args.output is not None and not args.output.parent.is_dir():
        raise InputError("--output", str(args.output), "its directory does not exist",
                         "create the directory or choose another file")
    claims = select_claims(articles, args.only)  # unknown ids fail before any work
    _collect_less()
    missing = None
    if args.article is not None:
        missing = check_quotes(articles, args.article, claims=claims)
    report = run_claims(
        articles, seed=args.seed, dps=args.dps, budget=args.budget, only=args.only,
        jobs=args.jobs, progress=_progress if sys.stderr.isatty() else None,
    )
    report = replace(report, missing_quotes=missing)
    if args.format == "text":
        # on a terminal each claim line is cut to its width; a file or a pipe gets whole lines
        on_terminal = args.output is None and sys.stdout.isatty()
        text = render_text(report, width=shutil.get_terminal_size().columns if on_terminal else None,
                           verbose=getattr(args, "verbose", False))
    else:
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


def _configure_check(parser: argparse.ArgumentParser) -> None:
    from .document.execute import DEFAULT_FORMULA_BUDGET

    parser.add_argument("paths", nargs="+", metavar="PATH",
                        help="Markdown, LaTeX (.tex) or notebook (.ipynb) files")
    parser.add_argument("--format", choices=("text", "markdown", "json"), default="text",
                        help="report format (default: text)")
    parser.add_argument("--claims", type=Path, metavar="FILE",
                        help="a TOML claims file pinning assumptions, shapes, definitions, "
                             "expected verdicts or skips per formula")
    parser.add_argument("--write-claims", type=Path, metavar="FILE",
                        help="write a claims file with every formula and its computed verdict")
    parser.add_argument("--jobs", type=_typed(int, validate_jobs), default=1, metavar="N",
                        help="check formulas in N processes (default: 1)")
    parser.add_argument("--budget", type=_typed(float, validate_budget), default=DEFAULT_FORMULA_BUDGET,
                        metavar="SECONDS", help=f"seconds per formula (default: {DEFAULT_FORMULA_BUDGET:g})")
    parser.add_argument("--seed", type=_typed(int, validate_seed), default=0,
                        help="seed of the random instances (default: 0)")
    parser.add_argument("-v", "--verbose", action="store_true",
                        help="text report: evidence, conditions and counterexamples under each formula")


def _check_progress(done: int, total: int, outcome) -> None:
    sys.stderr.write(f"\r[{done}/{total}] {outcome.formula.location}: {outcome.verdict or outcome.formula.kind}"
                     f"\033[K" + ("\n" if done == total else ""))
    sys.stderr.flush()


def _run_check(args: argparse.Namespace) -> int:
    import shutil

    from .document import check_documents, load_claims, render_claims_skeleton
    from .document.render import render_json, render_markdown, render_text

    if args.write_claims is not None and not args.write_claims.parent.is_dir():
        raise InputError("--write-claims", str(args.write_claims), "its directory does not exist",
                         "create the directory or choose another file")
    claims = load_claims(args.claims) if args.claims is not None else None
    _collect_less()
    report = check_documents(args.paths, claims=claims, seed=args.seed, budget=args.budget, jobs=args.jobs,
                             progress=_check_progress if sys.stderr.isatty() else None)
    if args.format == "json":
        text = render_json(report)
    elif args.format == "markdown":
        text = render_markdown(report)
    else:
        width = shutil.get_terminal_size((100, 24)).columns if sys.stdout.isatty() else None
        text = render_text(report, width=width, verbose=args.verbose)
    sys.stdout.write(text)
    sys.stdout.flush()
    if args.write_claims is not None:
        try:
            args.write_claims.write_text(render_claims_skeleton(report), encoding="utf-8")
        except OSError as exc:
            raise InputError("--write-claims", str(args.write_claims),
                             f"cannot be written ({exc.strerror or exc})", "choose a writable file") from None
    return 0 if report.ok else 1


register_command(
    "check",
    help="check every formula of articles (Markdown, LaTeX, notebooks): exit 0 if every claim "
         "is proved, verified or as expected, 1 otherwise, 2 on bad input",
    configure=_configure_check,
    run=_run_check,
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
