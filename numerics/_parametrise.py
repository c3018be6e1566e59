"""Claim variables as points of ℝᵈ: every point decodes to an exact instance.

A *layout* fixes the discrete part of an instance — the shared dimensions,
the integers, the reflection sign of each orthogonal variable — and maps a
real vector ``x`` to exact values by construction, so that no point violates
a structural hypothesis:

* ``Orthogonal``: ``Q = D·cayley(S)`` for the skew ``S`` of ``size(size−1)/2``
  parameters (``D`` flips the first row when the layout asks for det −1);
* prescribed ``Matrix``: ``U·diag(s)·Vᵀ`` from two Cayley factors and ``s`` =
  the sorted ``|x|`` (trailing zeros below ``max_rank``), carrying that SVD;
* other ``Matrix``: its entries, or factors ``L·R`` when ``max_rank < min(m, n)``;
* prescribed ``Symmetric``: ``Q·diag(w)·Qᵀ``; other ``Symmetric``: a triangle.

Parameters are rounded to multiples of ``1/grid`` before decoding (a coarse
grid reaches repeated and zero values exactly; a fine one is a continuum), and
every decoded matrix is exact: a candidate needs no rationalisation before
it is checked in exact arithmetic.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy

from numerics import claims
from numerics.claims import Integer, Matrix, Orthogonal, Symmetric
from numerics.exact import ExactMatrix, cayley, exact_matmul, matrix_with_svd, symmetric_with_eigen

FINE_GRID = 2**20


@dataclass(frozen=True)
class Layout:
    """The discrete choices of one start point and the size of its continuous part."""

    dims: tuple[tuple[str, int], ...]
    integers: tuple[tuple[str, int], ...]
    flips: tuple[tuple[str, bool], ...]
    grid: int
    size: int


def _dim(spec, dims: dict[str, int]) -> int:
    return spec if isinstance(spec, int) else dims[spec]


def _count(var, dims: dict[str, int], values: dict[str, Any]) -> int:
    """How many real parameters ``var`` takes (its ``max_rank`` may depend on earlier values)."""
    if isinstance(var, Orthogonal):
        n = _dim(var.size, dims)
        return n * (n - 1) // 2
    if isinstance(var, Symmetric):
        n = _dim(var.size, dims)
        return n * (n - 1) // 2 + n if var.prescribed else n * (n + 1) // 2
    m, n = _dim(var.rows, dims), _dim(var.cols, dims)
    r = _max_rank(var, m, n, values)
    if var.prescribed:
        return m * (m - 1) // 2 + n * (n - 1) // 2 + r
    return (m + n) * r if r < min(m, n) else m * n


def _max_rank(var: Matrix, m: int, n: int, values: dict[str, Any]) -> int:
    if var.max_rank is None:
        return min(m, n)
    return max(0, min(m, n, claims._resolve(var.max_rank, values)))


def draw_layout(claim: claims.Claim, rng: random.Random, *, max_side: int, fixed: dict[str, int]) -> Layout:
    """Random dimensions (``fixed`` wins), integers and reflection signs; integers whose
    bounds depend on earlier values are drawn against a sample decoding of those values."""
    dims: dict[str, int] = {}
    for var in claim.variables:
        specs = [var.size] if isinstance(var, Symmetric | Orthogonal) else []
        specs += [var.rows, var.cols] if isinstance(var, Matrix) else []
        for spec in specs:
            if isinstance(spec, str) and spec not in dims:
                dims[spec] = fixed.get(
                    spec,
                    rng.choice(
                        range(1, max_side + 1) if rng.random() < 0.5 else range(2, min(3, max_side) + 1)
                    ),
                )
    grid = rng.choice((1, 2, 4, FINE_GRID, FINE_GRID, FINE_GRID))
    flips = tuple((v.name, rng.random() < 0.5) for v in claim.variables if isinstance(v, Orthogonal))
    integers: dict[str, int] = {}
    values: dict[str, Any] = {}
    size = 0
    for var in claim.variables:
        if isinstance(var, Integer):
            low, high = claims._resolve(var.low, values), claims._resolve(var.high, values)
            if var.name in fixed:
                integers[var.name] = fixed[var.name]
            elif high < low:
                integers[var.name] = low
            else:  # the ends of a range are where claims are tight: each a quarter of the time
                integers[var.name] = rng.choice((low, high, rng.randint(low, high), rng.randint(low, high)))
            values[var.name] = integers[var.name]
            continue
        count = _count(var, dims, values)
        partial = Layout(tuple(dims.items()), tuple(integers.items()), flips, grid, 0)
        values[var.name] = _decode_one(var, [rng.gauss(0, 1) for _ in range(count)], partial, values)
        size += count
    return Layout(tuple(dims.items()), tuple(integers.items()), flips, grid, size)


def start_point(claim: claims.Claim, layout: Layout, rng: random.Random) -> list[float]:
    """A random point: small grid values on a coarse grid; otherwise Gaussian at a random
    magnitude (10^±3 now and then) and, half of the time, with every unconstrained matrix
    variable started at (the best approximation within its rank bound of) an earlier
    variable of its shape — coincidences between variables are where many claims are tight."""
    if layout.grid < 8:  # small rationals, sparse (all zero now and then)
        zeros = rng.choice((0.0, 0.5, 0.8, 1.0))
        return [
            0.0 if rng.random() < zeros else rng.randint(-3 * layout.grid, 3 * layout.grid) / layout.grid
            for _ in range(layout.size)
        ]
    scale = 10.0 ** rng.choice((0, 0, 0, 0, -3, 3))
    x = [rng.gauss(0, 1) * scale for _ in range(layout.size)]
    if rng.random() < 0.5:
        _tie(claim, layout, x, rng)
    return x


def _tie(claim: claims.Claim, layout: Layout, x: list[float], rng: random.Random) -> None:
    """Overwrite, in place, the parameters of unconstrained matrices with those of an earlier
    matrix of the same shape (truncated to the rank bound), plus a little noise."""
    dims, integers = dict(layout.dims), dict(layout.integers)
    values: dict[str, Any] = {}
    position = 0
    for var in claim.variables:
        if isinstance(var, Integer):
            values[var.name] = integers[var.name]
            continue
        count = _count(var, dims, values)
        shape = _shape(var, dims)
        earlier = [v for v in values.values() if isinstance(v, ExactMatrix) and v.shape == shape]
        if isinstance(var, Matrix) and not var.prescribed and earlier:
            m, n = shape
            r = _max_rank(var, m, n, values)
            source = numpy.array([[float(e) for e in row] for row in rng.choice(earlier).rows])
            if r < min(m, n):
                U, s, Vt = numpy.linalg.svd(source)
                L, R = U[:, :r] * s[:r], Vt[:r, :]
                params = list(L.ravel()) + list(R.ravel())
            else:
                params = list(source.ravel())
            x[position : position + count] = [p * (1 + 1e-3 * rng.gauss(0, 1)) for p in params]
        values[var.name] = _decode_one(var, x[position : position + count], layout, values)
        position += count


def _shape(var, dims: dict[str, int]) -> tuple[int, int]:
    if isinstance(var, Matrix):
        return _dim(var.rows, dims), _dim(var.cols, dims)
    return _dim(var.size, dims), _dim(var.size, dims)


def decode(claim: claims.Claim, layout: Layout, x: list[float]) -> dict[str, Any]:
    """The exact instance at ``x``."""
    values: dict[str, Any] = {}
    integers = dict(layout.integers)
    dims = dict(layout.dims)
    position = 0
    for var in claim.variables:
        if isinstance(var, Integer):
            values[var.name] = integers[var.name]
            continue
        count = _count(var, dims, values)
        values[var.name] = _decode_one(var, x[position : position + count], layout, values)
        position += count
    return values


def _round(x: float, grid: int) -> Fraction:
    return Fraction(round(x * grid), grid)


def _skew(params: list[Fraction], n: int) -> list[list[Fraction]]:
    S = [[Fraction(0)] * n for _ in range(n)]
    it = iter(params)
    for i in range(n):
        for j in range(i + 1, n):
            S[i][j] = next(it)
            S[j][i] = -S[i][j]
    return S


def _orthogonal(params: list[Fraction], n: int, flip: bool = False):
    Q = [list(row) for row in cayley(_skew(params, n))]
    if flip:
        Q[0] = [-q for q in Q[0]]
    return Q


def _decode_one(var, x, layout: Layout, values: dict[str, Any]):
    dims = dict(layout.dims)
    p = [_round(v, layout.grid) for v in x]
    if isinstance(var, Orthogonal):
        n = _dim(var.size, dims)
        return ExactMatrix(_orthogonal(p, n, dict(layout.flips)[var.name]), "orthogonal")
    if isinstance(var, Symmetric):
        n = _dim(var.size, dims)
        if var.prescribed:
            skew = n * (n - 1) // 2
            w = sorted(p[skew:], reverse=True)
            return symmetric_with_eigen(_orthogonal(p[:skew], n), w, family="search")
        M = [[Fraction(0)] * n for _ in range(n)]
        it = iter(p)
        for i in range(n):
            for j in range(i, n):
                M[i][j] = M[j][i] = next(it)
        return ExactMatrix(M, "search")
    m, n = _dim(var.rows, dims), _dim(var.cols, dims)
    r = _max_rank(var, m, n, values)
    if var.prescribed:
        su, sv = m * (m - 1) // 2, n * (n - 1) // 2
        s = sorted((abs(v) for v in p[su + sv :]), reverse=True) + [Fraction(0)] * (min(m, n) - r)
        return matrix_with_svd(_orthogonal(p[:su], m), s, _orthogonal(p[su : su + sv], n), family="search")
    if r < min(m, n):
        L = [p[i * r : (i + 1) * r] for i in range(m)] if r else [[Fraction(0)]] * m
        R = [p[m * r + i * n : m * r + (i + 1) * n] for i in range(r)] if r else [[Fraction(0)] * n]
        return ExactMatrix(exact_matmul(L, R), "search")
    return ExactMatrix([p[i * n : (i + 1) * n] for i in range(m)], "search")
