"""002's numerical corner (``numerics.corner``): the printed numbers reproduced in float64,
the corrected ones, and the Why Project bound on the data."""

from __future__ import annotations

import numpy as np
import pytest

from numerics.corner import PRINTED, agreement_digits, centres, reproduce, two_separated_clusters


@pytest.fixture(scope="module")
def corner() -> dict:
    return reproduce()


@pytest.mark.parametrize("key", sorted(PRINTED))
def test_the_printed_numbers_are_reproduced_to_12_digits_at_least(corner, key):
    recomputed, printed = corner["recomputed"][key], PRINTED[key]
    assert corner["digits"][key] >= 12, f"{key}: recomputed {recomputed!r}, printed {printed!r}"


def test_the_corrected_numbers_are_those_of_the_catalog(corner):
    for key, quoted in corner["catalog_corrected"].items():
        assert round(corner["corrected"][key], 1) == quoted, (key, corner["corrected"][key], quoted)


def test_why_project_holds_on_the_data(corner):
    bound = corner["bound"]
    assert bound["holds"] and 0 < bound["ratio"] <= 5, bound


def test_the_printed_centres_are_the_generator_s_swapped():
    printed, true = centres(printed=True), centres(printed=False)
    assert np.array_equal(printed, -true) and true[0, 0] == 3 and true[-1, 0] == -3


def test_the_generator_centres_its_first_cluster_at_plus_w_e1():
    first, second = two_separated_clusters(np.random.default_rng(0), 50, 400, 3.0)
    assert first.shape == second.shape == (400, 50)
    assert abs(first[:, 0].mean() - 3) < 0.2 and abs(second[:, 0].mean() + 3) < 0.2


@pytest.mark.parametrize("value, reference, digits", [(1.0, 1.0, 17), (1.0 + 1e-10, 1.0, 10), (2.0, 1.0, 0)])
def test_agreement_digits(value, reference, digits):
    assert agreement_digits(value, reference) == pytest.approx(digits, abs=0.1)
