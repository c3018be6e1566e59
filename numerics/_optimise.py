"""Derivative-free local minimisers for the counterexample search.

Both take ``f`` (ℝᵈ → ℝ ∪ {∞}; ∞ marks a point to avoid), a start point and
a ``budget`` with ``used`` (evaluations so far) and ``spent()``; ``f`` may
raise to stop them (the search raises when the budget is spent or a
counterexample is found).  Each returns its best point and value.

* ``nelder_mead``: the simplex method with the standard coefficients,
  restarted from its best point with a smaller simplex while that improves.
  Good in few dimensions.
* ``cma_es``: the covariance matrix adaptation evolution strategy
  (Hansen, "The CMA Evolution Strategy: A Tutorial", 2016, with its default
  parameters), which learns the scale and the correlations of the steps —
  the slack of a claim is typically badly scaled, with narrow valleys
  towards the point where it is tight — and keeps working in tens of
  dimensions, where the simplex collapses.

>>> class Budget:
...     used = 0
...     def spent(self): return self.used >= 4000
>>> budget = Budget()
>>> def f(x):
...     budget.used += 1
...     return (x[0] - 1) ** 2 + 100 * (x[1] - x[0] ** 2) ** 2
>>> x, fx = cma_es(f, [-1.0, 1.0], budget, numpy.random.default_rng(0))
>>> fx < 1e-12
True
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy

__all__ = ["cma_es", "nelder_mead"]


def nelder_mead(f: Callable, x0: list[float], budget, rounds: int = 4) -> tuple[list[float], float]:
    """Nelder–Mead from ``x0``, restarted from its best point with a fresh simplex a third the
    size while that still improves (a collapsed simplex is the usual way it stalls)."""
    x, fx, scale = list(x0), math.inf, 0.3
    for _ in range(rounds):
        if budget.spent():
            break
        x_new, f_new = _simplex(f, x, budget, scale)
        if not f_new < fx:
            break
        x, fx, scale = x_new, f_new, scale / 3
    return x, fx


def _simplex(f: Callable, x0: list[float], budget, scale: float) -> tuple[list[float], float]:
    """One run, until the simplex collapses or ``40 + 10·d`` evaluations are used."""
    d = len(x0)
    expand, contract, shrink = 2.0, 0.5, 0.5
    limit = budget.used + 40 + 10 * d
    step = [scale * abs(v) + scale / 3 for v in x0]
    simplex = [list(x0)] + [[v + (step[i] if i == j else 0.0) for i, v in enumerate(x0)] for j in range(d)]
    values = [f(x) for x in simplex]
    while budget.used < limit and not budget.spent():
        order = sorted(range(d + 1), key=lambda i: values[i])
        simplex, values = [simplex[i] for i in order], [values[i] for i in order]
        if all(math.isinf(v) for v in values) or abs(values[-1] - values[0]) < 1e-15:
            break
        centroid = [sum(p[i] for p in simplex[:-1]) / d for i in range(d)]
        worst = simplex[-1]
        reflected = [c + (c - w) for c, w in zip(centroid, worst, strict=True)]
        fr = f(reflected)
        if fr < values[0]:
            expanded = [c + expand * (c - w) for c, w in zip(centroid, worst, strict=True)]
            fe = f(expanded)
            simplex[-1], values[-1] = (expanded, fe) if fe < fr else (reflected, fr)
        elif fr < values[-2]:
            simplex[-1], values[-1] = reflected, fr
        else:
            contracted = [c + contract * (w - c) for c, w in zip(centroid, worst, strict=True)]
            fc = f(contracted)
            if fc < values[-1]:
                simplex[-1], values[-1] = contracted, fc
            else:
                best = simplex[0]
                for i in range(1, d + 1):
                    simplex[i] = [b + shrink * (p - b) for b, p in zip(best, simplex[i], strict=True)]
                    values[i] = f(simplex[i])
                    if budget.spent():
                        break
    best = min(range(d + 1), key=lambda i: values[i])
    return simplex[best], values[best]


def cma_es(
    f: Callable,
    x0: list[float],
    budget,
    rng: numpy.random.Generator,
    *,
    sigma: float | None = None,
    max_evaluations: int | None = None,
) -> tuple[list[float], float]:
    """CMA-ES from the mean ``x0`` with step size ``sigma`` (default: 0.3 of the root mean square
    of ``x0``, at least 0.1), until the steps fall below 10⁻¹³ of the mean, the best value
    stagnates, or ``max_evaluations`` (default ``1000·d``) are used."""
    d = len(x0)
    mean = numpy.array(x0, dtype=float)
    if sigma is None:
        sigma = max(0.3 * float(numpy.sqrt(numpy.mean(mean * mean))), 0.1) if d else 0.1
    limit = budget.used + (max_evaluations or 1000 * max(d, 1))
    population = 4 + int(3 * math.log(max(d, 1)))
    parents = population // 2
    weights = math.log(parents + 0.5) - numpy.log(numpy.arange(1, parents + 1))
    weights /= weights.sum()
    mueff = 1 / float(numpy.sum(weights**2))
    cc = (4 + mueff / d) / (d + 4 + 2 * mueff / d)
    cs = (mueff + 2) / (d + mueff + 5)
    c1 = 2 / ((d + 1.3) ** 2 + mueff)
    cmu = min(1 - c1, 2 * (mueff - 2 + 1 / mueff) / ((d + 2) ** 2 + mueff))
    damps = 1 + 2 * max(0.0, math.sqrt((mueff - 1) / (d + 1)) - 1) + cs
    chi = math.sqrt(d) * (1 - 1 / (4 * d) + 1 / (21 * d * d))
    pc, ps = numpy.zeros(d), numpy.zeros(d)
    B, D, C = numpy.eye(d), numpy.ones(d), numpy.eye(d)
    best_x, best_f = list(x0), f(list(x0))
    history: list[float] = []
    patience = 10 + int(30 * d / population)
    generation = 0
    while budget.used + population <= limit and not budget.spent():
        generation += 1
        y = rng.standard_normal((population, d)) * D @ B.T
        candidates = mean + sigma * y
        values = numpy.array([f(list(x)) for x in candidates])
        order = numpy.argsort(values, kind="stable")
        if values[order[0]] < best_f:
            best_f, best_x = float(values[order[0]]), list(candidates[order[0]])
        if numpy.isinf(values[order[0]]):
            break
        step = weights @ y[order[:parents]]
        mean = mean + sigma * step
        ps = (1 - cs) * ps + math.sqrt(cs * (2 - cs) * mueff) * (B @ ((B.T @ step) / D))
        hsig = numpy.linalg.norm(ps) / math.sqrt(1 - (1 - cs) ** (2 * generation)) / chi < 1.4 + 2 / (d + 1)
        pc = (1 - cc) * pc + hsig * math.sqrt(cc * (2 - cc) * mueff) * step
        selected = y[order[:parents]]
        C = (
            (1 - c1 - cmu) * C
            + c1 * (numpy.outer(pc, pc) + (1 - hsig) * cc * (2 - cc) * C)
            + cmu * (selected.T * weights) @ selected
        )
        sigma *= math.exp(min(1.0, (cs / damps) * (numpy.linalg.norm(ps) / chi - 1)))
        C = (C + C.T) / 2
        eigenvalues, B = numpy.linalg.eigh(C)
        D = numpy.sqrt(numpy.maximum(eigenvalues, 1e-30))
        history.append(best_f)
        if sigma * D.max() < 1e-13 * (1 + float(numpy.abs(mean).max())):
            break
        if len(history) > patience and history[-patience] - best_f <= 1e-13 * (1 + abs(best_f)):
            break
    return best_x, best_f
