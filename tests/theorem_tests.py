"""The standard checks of a theorem module, as pytest tests carrying each theorem's id."""

from __future__ import annotations

import pytest

from numerics import checks
from proofs.registry import Theorem, theorems


def _params(module, make):
    return [
        pytest.param(*args, marks=pytest.mark.claim(theorem.id), id=ident)
        for theorem in theorems()
        if theorem.module == module.__name__
        for args, ident in make(theorem)
    ]


def theorem_tests(module):
    """``test_case``, ``test_exact`` and ``test_randomized`` for every theorem of ``module``."""

    @pytest.mark.parametrize(
        "theorem, case",
        _params(module, lambda t: [((t, c), f"{t.id}-{c.kind}:{c.name}") for c in t.cases]),
    )
    def test_case(theorem: Theorem, case):
        checks.check_case(theorem.claim, case)

    @pytest.mark.parametrize("theorem", _params(module, lambda t: [((t,), t.id)]))
    def test_exact(theorem: Theorem):
        checks.check_exact(theorem.claim)

    @pytest.mark.parametrize("theorem", _params(module, lambda t: [((t,), t.id)]))
    def test_randomized(theorem: Theorem):
        checks.check_randomized(theorem.claim)

    return test_case, test_exact, test_randomized
