"""Every mutant in the registry is refuted by the checks its theorem passes."""

import pytest

from numerics import checks
from proofs.registry import theorems


@pytest.mark.parametrize(
    "theorem, mutant",
    [
        pytest.param(t, m, marks=pytest.mark.claim(t.id), id=m.name)
        for t in theorems()
        for m in t.mutant_claims
    ],
)
def test_mutant_is_refuted(theorem, mutant):
    result = checks.refute(mutant, theorem.cases)
    assert result.status == "refuted"
    assert result.instance and mutant.name in result.instance
