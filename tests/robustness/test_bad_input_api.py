"""The Python half of the bad-input catalogue (see catalogue.py and README.md).

Every case must raise its own DerivCheckError subclass, with a message that
reads ``name=value: rule. Fix: ...``; never an exception from deep inside
SymPy, mpmath or NumPy, never a result.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from catalogue import API_CASES, CLI_CASES, KINDS, ApiCase
from rb_support import check_message

from derivcheck.errors import DerivCheckError


def _param(case: ApiCase):
    marks = [pytest.mark.xfail(strict=True, reason=case.xfail)] if case.xfail else []
    return pytest.param(case, id=case.id, marks=marks)


@pytest.mark.parametrize("case", [_param(c) for c in API_CASES])
def test_bad_api_input_is_refused_with_a_clear_error(case: ApiCase):
    assert issubclass(case.error, DerivCheckError)
    with pytest.raises(case.error, match=re.escape(f"{case.name}=")) as info:
        case.call()
    check_message(info.value, case.name, case.rule)


def test_the_catalogue_is_large_and_its_ids_are_unique():
    ids = [c.id for c in API_CASES] + [c.id for c in CLI_CASES]
    assert len(ids) == len(set(ids)), "duplicate case ids"
    assert len(KINDS) >= 30, f"only {len(KINDS)} kinds of bad input"


def test_readme_lists_every_case():
    readme = (Path(__file__).parent / "README.md").read_text(encoding="utf-8")
    listed = set(re.findall(r"^\| `([A-Za-z0-9-]+)` \|", readme, flags=re.M))
    ids = {c.id for c in API_CASES} | {c.id for c in CLI_CASES}
    assert ids - listed == set(), "cases missing from README.md"
    assert listed - ids == set(), "README.md lists cases that do not exist"


def test_the_message_checker_rejects_malformed_messages():
    # The checker used above must be able to fail.
    good = DerivCheckError("dps", 0, "must be positive", "pass 50")
    check_message(good, "dps", "positive")
    with pytest.raises(AssertionError):
        check_message(good, "rtol", "positive")  # wrong name
    with pytest.raises(AssertionError):
        check_message(good, "dps", "finite")  # wrong rule
    with pytest.raises(AssertionError):
        check_message(DerivCheckError("dps", 0, "must be positive", " "), "dps", "positive")
