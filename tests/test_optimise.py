"""The local minimisers of the search (``numerics._optimise``)."""

import math

import numpy
import pytest

from numerics._optimise import cma_es, nelder_mead


class Budget:
    def __init__(self, evaluations):
        self.evaluations, self.used = evaluations, 0

    def spent(self):
        return self.used >= self.evaluations


def counted(f, budget):
    def g(x):
        budget.used += 1
        return f(x)

    return g


def ill_conditioned(x):
    """An ellipsoid with axes from 1 to 10⁶ along a rotated basis: a narrow valley."""
    y = numpy.cumsum(x)
    return float(sum(10 ** (6 * i / (len(x) - 1)) * v * v for i, v in enumerate(y)))


def test_cma_es_follows_a_narrow_valley_in_thirty_dimensions():
    """Condition number 10⁶ in 30 dimensions: CMA-ES learns the covariance in about 50 000
    evaluations (Hansen's published figures are of that order)."""
    budget = Budget(100_000)
    x, fx = cma_es(
        counted(ill_conditioned, budget),
        [1.0] * 30,
        budget,
        numpy.random.default_rng(0),
        max_evaluations=100_000,
    )
    assert fx < 1e-12 and budget.used <= budget.evaluations


def test_nelder_mead_stalls_where_cma_es_does_not():
    """The reason the search switches to CMA-ES in many dimensions."""
    budget = Budget(100_000)
    _, fx = nelder_mead(counted(ill_conditioned, budget), [1.0] * 30, budget)
    assert fx > 1e-2


def test_nelder_mead_minimises_in_two_dimensions():
    budget = Budget(2000)
    x, fx = nelder_mead(counted(lambda x: (x[0] - 1) ** 2 + 10 * (x[1] + 2) ** 2, budget), [0.0, 0.0], budget)
    assert fx < 1e-10 and x == pytest.approx([1, -2], abs=1e-5)


def test_infinite_values_are_avoided():
    budget = Budget(5000)
    f = counted(lambda x: math.inf if x[0] < 0.5 else (x[0] - 1) ** 2 + x[1] ** 2 + x[2] ** 2, budget)
    x, fx = cma_es(f, [2.0, 1.0, 1.0], budget, numpy.random.default_rng(1))
    assert fx < 1e-10 and x[0] >= 0.5


def test_the_same_generator_gives_the_same_run():
    runs = []
    for _ in range(2):
        budget = Budget(3000)
        runs.append(cma_es(counted(ill_conditioned, budget), [1.0] * 8, budget, numpy.random.default_rng(7)))
    assert runs[0] == runs[1]


def test_the_budget_stops_both():
    """Past the count by at most one generation of CMA-ES (10 points in 10 dimensions) or one
    simplex (11 points); the search's ``f`` raises once the budget is spent, so it never is."""
    for minimise in (
        lambda f, b: cma_es(f, [1.0] * 10, b, numpy.random.default_rng(0)),
        lambda f, b: nelder_mead(f, [1.0] * 10, b),
    ):
        budget = Budget(100)
        minimise(counted(ill_conditioned, budget), budget)
        assert budget.used <= 100 + 11
