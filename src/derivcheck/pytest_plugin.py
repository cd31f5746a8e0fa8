"""pytest plugin: every claim of a derivation script is a test item.

With the plugin active (``-p derivcheck.pytest_plugin``, or its ``pytest11``
entry point), ``pytest derivations/`` collects each ``*.py`` file whose
parent directory is named ``derivations`` (and whose name does not start
with ``_``) as a derivation script: the script is loaded with
:func:`derivcheck.claims.loader.load_script` and each claim of each of its
articles becomes one item, named by the claim id (``article/id`` when the
script defines several articles). No other file is collected differently,
and the plugin never imports a derivation script as a test module.

An item passes iff the computed verdict equals the claim's expected verdict
(and is not ``inconsistent``); its failure shows the verdict, the expected
one, the evidence and any counterexample. Items carry the marker
``derivcheck`` (select with ``-m derivcheck``).

Options: ``--derivcheck-seed``, ``--derivcheck-dps``, ``--derivcheck-budget``
(the defaults of ``derivcheck verify``), so that an item gets the same
verdict as the same claim in ``derivcheck verify``.
"""

from __future__ import annotations

import argparse
import fnmatch
import os
from pathlib import Path
from typing import Iterator

import pytest

from .claims.claim import Claim
from .claims.loader import load_script
from .results import ClaimOutcome
from .runner import kind_source_file, run_claim
from .validation import DEFAULT_BUDGET, DEFAULT_DPS, validate_budget, validate_dps, validate_seed
from .errors import DerivationLoadError, DerivCheckError
from .report._format import inline_counterexample

__all__ = ["DerivationFile", "ClaimItem", "is_derivation_script"]

DIRECTORY_NAME = "derivations"


def _option_type(convert, validate):
    def parse(text: str):
        try:
            return validate(convert(text))
        except (ValueError, DerivCheckError) as exc:
            raise argparse.ArgumentTypeError(getattr(exc, "rule", str(exc))) from None

    return parse


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("derivcheck", "derivcheck claims as test items")
    group.addoption("--derivcheck-seed", type=_option_type(int, validate_seed), default=0,
                    help="run seed for derivation claims (default: 0)")
    group.addoption("--derivcheck-dps", type=_option_type(int, validate_dps), default=DEFAULT_DPS,
                    help=f"working precision for derivation claims (default: {DEFAULT_DPS})")
    group.addoption("--derivcheck-budget", type=_option_type(float, validate_budget),
                    default=DEFAULT_BUDGET,
                    help="seconds per claim for claims without a budget "
                         f"(default: {DEFAULT_BUDGET:g})")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "derivcheck: a claim of a derivation script")


def is_derivation_script(path: Path) -> bool:
    """True for ``derivations/<name>.py`` with a name not starting with ``_``."""
    return (path.suffix == ".py" and path.parent.name == DIRECTORY_NAME
            and not path.name.startswith("_"))


def _python_plugin_takes(file_path: Path, parent: pytest.Collector) -> bool:
    """Whether pytest's own Python collector will ask for a module for *file_path*."""
    if parent.session.isinitpath(file_path):
        return True
    for pattern in parent.config.getini("python_files"):
        if os.sep not in pattern:  # the rule of pytest's own python_files matching
            name = file_path.name
        else:
            name = str(file_path)
            if file_path.is_absolute() and not os.path.isabs(pattern):
                pattern = f"*{os.sep}{pattern}"
        if fnmatch.fnmatch(name, pattern):
            return True
    return False


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> pytest.Collector | None:
    if is_derivation_script(file_path) and not _python_plugin_takes(file_path, parent):
        return DerivationFile.from_parent(parent, path=file_path)
    return None


@pytest.hookimpl(tryfirst=True)
def pytest_pycollect_makemodule(module_path: Path, parent: pytest.Collector):
    """Collect a derivation script named on the command line as claims, not as a module."""
    if is_derivation_script(module_path):
        return DerivationFile.from_parent(parent, path=module_path)
    return None


class DerivationFile(pytest.File):
    """A derivation script; its children are the claims of its articles."""

    def collect(self) -> Iterator[ClaimItem]:
        try:
            articles = load_script(self.path)
        except DerivationLoadError as exc:
            raise self.CollectError(str(exc)) from None
        qualified = len(articles) > 1
        for article in articles:
            for claim in article.claims:
                name = claim.qualified_id if qualified else claim.id
                yield ClaimItem.from_parent(self, name=name, claim=claim)


def failure_text(outcome: ClaimOutcome) -> str:
    """The text pytest shows for a claim that did not pass: verdicts, evidence, counterexample."""
    claim, result = outcome.claim, outcome.result
    lines = [f"claim {claim.qualified_id}: computed {outcome.status}, "
             f"expected {claim.expected.value}"]
    if result is not None and result.verdict is claim.expected:
        lines[0] += " (legs that disagree always fail)"
    lines.append(f"  claim: {claim.statement}")
    lines.append("  quote: " + " ".join(claim.quote.split()))
    if result is None:
        lines.append(f"  the check raised: {outcome.error}")
        return "\n".join(lines)
    lines.append(f"  checked: {result.statement}")
    lines.extend(f"  holds only if: {c}" for c in result.conditions)
    if result.where:
        lines.append(f"  where: {result.where}")
    lines.extend(f"  [{ev.leg}] {ev.summary}" for ev in result.evidence)
    if result.counterexample:
        lines.append("  " + inline_counterexample(result.counterexample))
    return "\n".join(lines)


class ClaimItem(pytest.Item):
    """One claim, run by :func:`derivcheck.runner.run_claim`."""

    def __init__(self, *, claim: Claim, **kwargs) -> None:
        super().__init__(**kwargs)
        self.claim = claim
        self.add_marker("derivcheck")

    def runtest(self) -> None:
        config = self.config
        outcome = run_claim(
            self.claim,
            seed=config.getoption("derivcheck_seed"),
            dps=config.getoption("derivcheck_dps"),
            budget=config.getoption("derivcheck_budget"),
        )
        self.user_properties.append(("verdict", outcome.status))
        if not outcome.passed:
            pytest.fail(failure_text(outcome), pytrace=False)

    def reportinfo(self) -> tuple[Path, int | None, str]:
        line = None
        source = kind_source_file(self.claim.kind)
        code = next((getattr(v, "__code__") for v in vars(self.claim.kind).values()
                     if hasattr(v, "__code__")), None)
        if code is not None and source and Path(source).resolve() == Path(self.path).resolve():
            line = code.co_firstlineno - 1
        return self.path, line, f"claim {self.claim.qualified_id}"
