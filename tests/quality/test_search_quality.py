"""The search finds counterexamples it was never tuned to, and refutes the registry's mutants.

The claims of ``tests/user_claims_example.py`` are not in the registry; the
engine knows nothing of them.  Every refutation must be verified exactly.
"""

from pathlib import Path

import pytest

from numerics import search as engine
from proofs.registry import mutants

USER_FILE = Path(__file__).parent.parent / "user_claims_example.py"

FALSE_USER_CLAIMS = [
    "frobenius_product_by_spectral",
    "frobenius_reversed",
    "smallest_singular_value_of_sum",
    "rank_additive",
    "trace_by_frobenius",
    "eckart_young_max_norm",
]


@pytest.mark.parametrize("name", FALSE_USER_CLAIMS)
@pytest.mark.parametrize("seed", [1, 2])
def test_finds_counterexamples_it_was_not_tuned_to(name, seed):
    result = engine.search(f"{USER_FILE}:{name}", seed=seed, evaluations=2500)
    assert result["status"] == "refuted", (name, seed, result["slack"])
    assert result["verification"] == "exact"
    assert engine.verify(result)[0]


def test_a_true_user_claim_survives():
    result = engine.search(f"{USER_FILE}:submultiplicative", seed=3, evaluations=400)
    assert result["status"] == "survived" and result["best_ratio"] <= 1 + 1e-12, result


# Every 6th mutant, in the registry's order: a sample that changes as the registry grows.
SAMPLE = [m.name for m in mutants()][::6]


@pytest.mark.parametrize("name", SAMPLE)
def test_a_sample_of_mutants_is_refuted(name):
    result = engine.search(name, seed=0, evaluations=1500)
    assert result["status"] == "refuted", (name, result["slack"])
    assert engine.verify(result)[0], result
