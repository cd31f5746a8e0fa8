"""Shared set-up for the cross-tier (compare) tests.

* This directory's helper module (if any) is importable under any pytest
  import mode.
* Every test must leave mpmath's global precision and rounding as it found them.
"""

import os
import sys

import pytest
from mpmath import mp

_HERE = os.path.dirname(os.path.abspath(__file__))
if _HERE not in sys.path:
    sys.path.insert(0, _HERE)


@pytest.fixture(autouse=True)
def _mp_precision_untouched():
    before = (mp.prec, mp.dps, mp._prec_rounding[1])
    yield
    assert (mp.prec, mp.dps, mp._prec_rounding[1]) == before, "mpmath's precision was changed"
