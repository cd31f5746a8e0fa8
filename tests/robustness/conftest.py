"""Shared set-up of the robustness suite.

* This directory's helper modules (``catalogue``, ``rb_support``) are
  importable under any pytest import mode.
* mpmath's global precision is left as it was found by every test.
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
    before = (mp.prec, mp.dps)
    yield
    assert (mp.prec, mp.dps) == before, "mpmath's global precision was changed"
