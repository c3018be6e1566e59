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

``decode`` builds the exact instance, ``decode_float`` the same one in double
precision (numpy arrays) for the optimisation loop.

Parameters are rounded to multiples of ``1/grid`` before decoding (a coarse
grid reaches repeated and zero values exactly; a fine one is a continuum), and
every decoded matrix is exact: a candidate needs no rationalisation before
it is checked in exact arithmetic.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from fractions import Fraction
from typing import Any

import numpy

from numerics import claims
from numerics.claims import Integer, Matrix, Orthogonal, Symmetric
from numerics.exact import ExactMatrix, cayley, exact_matmul, matrix_with_svd, symmetric_with_eigen

FINE_GRID = 2**20
TRIES = 20


@dataclass(frozen=True)
class Layout:
    """The discrete choices of one start point — dimensions, integers, reflection signs, the
    rank bound of each matrix, the grid — and the size of its continuous part."""

    dims: tuple[tuple[str, int], ...]
    integers: tuple[tuple[str, int], ...]
    flips: tuple[tuple[str, bool], ...]
    grid: int
    size: int
    ranks: tuple[tuple[str, int], ...] = ()


def _dim(spec, dims: dict[str, int]) -> int:
    return spec if isinstance(spec, int) else dims[spec]


def _count(var, layout: Layout) -> int:
    """How many real parameters ``var`` takes."""
    dims = dict(layout.dims)
    if isinstance(var, Orthogonal):
        n = _dim(var.size, dims)
        return n * (n - 1) // 2
    if isinstance(var, Symmetric):
        n = _dim(var.size, dims)
        return n * (n - 1) // 2 + n if var.prescribed else n * (n + 1) // 2
    m, n = _dim(var.rows, dims), _dim(var.cols, dims)
    r = dict(layout.ranks)[var.name]
    if var.prescribed:
        return m * (m - 1) // 2 + n * (n - 1) // 2 + r
    return (m + n) * r if r < min(m, n) else m * n


def _max_rank(var: Matrix, m: int, n: int, values: dict[str, Any]) -> int:
    if var.max_rank is None:
        return min(m, n)
    return max(0, min(m, n, claims._resolve(var.max_rank, values)))


def draw(
    claim: claims.Claim, rng: random.Random, *, max_side: int, fixed: dict[str, int]
) -> tuple[Layout, list[float]]:
    """A random layout and a start point in it, drawn variable by variable so that integers and
    rank bounds that depend on earlier values are resolved against the start point itself.

    Dimensions (``fixed`` wins): any side up to ``max_side`` for half of the layouts, small
    ones (2 and 3) or all the largest (where claims have the most room) for a quarter each.
    The start point: on a coarse grid, small sparse values (all zero now and then); on the
    fine grid, Gaussian at a random magnitude (10^±3 now and then) and, half of the time,
    with every unconstrained matrix started at (the best approximation within its rank
    bound of) an earlier matrix of its shape — coincidences between variables are where
    many claims are tight.  A layout where a ``fixed`` integer is out of its bounds (``k`` fixed
    at 2 and a side drawn 1) is drawn again, up to ``TRIES`` times."""
    for _ in range(TRIES - 1):
        layout, x, in_bounds = _draw(claim, rng, max_side=max_side, fixed=fixed)
        if in_bounds:
            return layout, x
    return _draw(claim, rng, max_side=max_side, fixed=fixed)[:2]


def _draw(
    claim: claims.Claim, rng: random.Random, *, max_side: int, fixed: dict[str, int]
) -> tuple[Layout, list[float], bool]:
    """One layout and start point, and whether every ``fixed`` integer is within its bounds."""
    sides = rng.choice(
        (range(1, max_side + 1), range(1, max_side + 1), range(2, min(3, max_side) + 1), (max_side,))
    )
    dims: dict[str, int] = {}
    for var in claim.variables:
        specs = [var.size] if isinstance(var, Symmetric | Orthogonal) else []
        specs += [var.rows, var.cols] if isinstance(var, Matrix) else []
        for spec in specs:
            if isinstance(spec, str) and spec not in dims:
                dims[spec] = fixed.get(spec, rng.choice(sides))
    grid = rng.choice((1, 2, 4, FINE_GRID, FINE_GRID, FINE_GRID))
    flips = tuple((v.name, rng.random() < 0.5) for v in claim.variables if isinstance(v, Orthogonal))
    layout = Layout(tuple(dims.items()), (), flips, grid, 0)
    coarse = grid < 8
    zeros = rng.choice((0.0, 0.5, 0.8, 1.0))
    scale = 10.0 ** rng.choice((0, 0, 0, 0, -3, 3))
    tie = not coarse and rng.random() < 0.5
    x: list[float] = []
    values: dict[str, Any] = {}
    in_bounds = True
    for var in claim.variables:
        if isinstance(var, Integer):
            low, high = claims._resolve(var.low, values), claims._resolve(var.high, values)
            value = _draw_integer(var.name, low, high, fixed, rng)
            in_bounds = in_bounds and (var.name not in fixed or low <= value <= high)
            values[var.name] = value
            layout = replace(layout, integers=layout.integers + ((var.name, value),))
            continue
        if isinstance(var, Matrix):
            m, n = _dim(var.rows, dims), _dim(var.cols, dims)
            layout = replace(layout, ranks=layout.ranks + ((var.name, _max_rank(var, m, n, values)),))
        count = _count(var, layout)
        if coarse:
            params = [
                0.0 if rng.random() < zeros else rng.randint(-3 * grid, 3 * grid) / grid for _ in range(count)
            ]
        else:
            params = [rng.gauss(0, 1) * scale for _ in range(count)]
            source = _tie_source(var, layout, values, rng) if tie else None
            if source is not None:
                params = [
                    p * (1 + 1e-3 * rng.gauss(0, 1)) for p in _factors(source, dict(layout.ranks)[var.name])
                ]
        values[var.name] = _decode_one(var, params, layout)
        x += params
        layout = replace(layout, size=layout.size + count)
    return layout, x, in_bounds


def _draw_integer(name: str, low: int, high: int, fixed: dict[str, int], rng: random.Random) -> int:
    """``fixed`` if given; otherwise an end of the range a quarter of the time each (claims are
    tight there), else uniform."""
    if name in fixed:
        return fixed[name]
    if high < low:
        return low
    return rng.choice((low, high, rng.randint(low, high), rng.randint(low, high)))


def _tie_source(var, layout: Layout, values: dict[str, Any], rng: random.Random) -> numpy.ndarray | None:
    """An earlier matrix of the shape of the unconstrained matrix ``var``, if there is one."""
    if not isinstance(var, Matrix) or var.prescribed:
        return None
    shape = _shape(var, dict(layout.dims))
    sources = [v for v in values.values() if isinstance(v, ExactMatrix) and v.shape == shape]
    if not sources:
        return None
    return numpy.array([[float(e) for e in row] for row in rng.choice(sources).rows])


def _factors(source: numpy.ndarray, r: int) -> list[float]:
    """The parameters of the best approximation of rank ≤ ``r`` to ``source``."""
    if r >= min(source.shape):
        return list(source.ravel())
    U, s, Vt = numpy.linalg.svd(source)
    return list((U[:, :r] * s[:r]).ravel()) + list(Vt[:r, :].ravel())


def _shape(var, dims: dict[str, int]) -> tuple[int, int]:
    if isinstance(var, Matrix):
        return _dim(var.rows, dims), _dim(var.cols, dims)
    return _dim(var.size, dims), _dim(var.size, dims)


def decode(claim: claims.Claim, layout: Layout, x: list[float]) -> dict[str, Any]:
    """The exact instance at ``x``: ``ExactMatrix`` values (and the layout's integers)."""
    return _decode(claim, layout, x, _Exact)


def decode_float(claim: claims.Claim, layout: Layout, x: list[float]) -> dict[str, Any]:
    """The same instance in double precision: numpy arrays for the matrices."""
    return _decode(claim, layout, x, _Float)


def _decode(claim: claims.Claim, layout: Layout, x: list[float], build) -> dict[str, Any]:
    values: dict[str, Any] = dict(layout.integers)
    position = 0
    for var in claim.variables:
        if isinstance(var, Integer):
            continue
        count = _count(var, layout)
        values[var.name] = _decode_one(var, x[position : position + count], layout, build)
        position += count
    return {var.name: values[var.name] for var in claim.variables}


class _Exact:
    """Builds exact instances (``ExactMatrix`` of Fractions, carrying prescribed SVDs)."""

    zero = Fraction(0)

    @staticmethod
    def number(x: float, grid: int) -> Fraction:
        return Fraction(round(x * grid), grid)

    @staticmethod
    def orthogonal(S) -> list[list[Fraction]]:
        return [list(row) for row in cayley(S)]

    @staticmethod
    def with_svd(U, s, V):
        return matrix_with_svd(U, s, V, family="search")

    @staticmethod
    def with_eigen(Q, w):
        return symmetric_with_eigen(Q, w, family="search")

    @staticmethod
    def product(L, R):
        return ExactMatrix(exact_matmul(L, R), "search")

    @staticmethod
    def matrix(rows):
        return ExactMatrix(rows, "search")


class _Float:
    """Builds the same instances in float64 (numpy arrays), for the search's inner loop: the
    parameters are rounded to the same grid, so a point decodes to the exact instance up to
    double rounding."""

    zero = 0.0

    @staticmethod
    def number(x: float, grid: int) -> float:
        return round(x * grid) / grid

    @staticmethod
    def orthogonal(S) -> list[list[float]]:
        S = numpy.array(S, dtype=float)
        identity = numpy.eye(len(S))
        return numpy.linalg.solve(identity + S, identity - S).tolist()  # (I − S)(I + S)⁻¹: they commute

    @staticmethod
    def with_svd(U, s, V):
        p = len(s)
        return (numpy.array(U)[:, :p] * s) @ numpy.array(V)[:, :p].T

    @staticmethod
    def with_eigen(Q, w):
        Q = numpy.array(Q)
        return (Q * w) @ Q.T

    @staticmethod
    def product(L, R):
        return numpy.array(L, dtype=float) @ numpy.array(R, dtype=float)

    @staticmethod
    def matrix(rows):
        return numpy.array(rows, dtype=float)


def _skew(params: list, n: int, zero) -> list[list]:
    S = [[zero] * n for _ in range(n)]
    it = iter(params)
    for i in range(n):
        for j in range(i + 1, n):
            S[i][j] = next(it)
            S[j][i] = -S[i][j]
    return S


def _orthogonal(build, params: list, n: int, flip: bool = False) -> list[list]:
    Q = build.orthogonal(_skew(params, n, build.zero))
    if flip:
        Q[0] = [-q for q in Q[0]]
    return Q


def _decode_one(var, x, layout: Layout, build=_Exact):
    dims = dict(layout.dims)
    p = [build.number(v, layout.grid) for v in x]
    if isinstance(var, Orthogonal):
        return build.matrix(_orthogonal(build, p, _dim(var.size, dims), dict(layout.flips)[var.name]))
    if isinstance(var, Symmetric):
        n = _dim(var.size, dims)
        if var.prescribed:
            skew = n * (n - 1) // 2
            return build.with_eigen(_orthogonal(build, p[:skew], n), sorted(p[skew:], reverse=True))
        M = [[build.zero] * n for _ in range(n)]
        it = iter(p)
        for i in range(n):
            for j in range(i, n):
                M[i][j] = M[j][i] = next(it)
        return build.matrix(M)
    m, n = _dim(var.rows, dims), _dim(var.cols, dims)
    r = dict(layout.ranks)[var.name]
    if var.prescribed:
        su, sv = m * (m - 1) // 2, n * (n - 1) // 2
        s = sorted((abs(v) for v in p[su + sv :]), reverse=True) + [build.zero] * (min(m, n) - r)
        return build.with_svd(_orthogonal(build, p[:su], m), s, _orthogonal(build, p[su : su + sv], n))
    if r < min(m, n):
        L = [p[i * r : (i + 1) * r] for i in range(m)] if r else [[build.zero]] * m
        R = [p[m * r + i * n : m * r + (i + 1) * n] for i in range(r)] if r else [[build.zero] * n]
        return build.product(L, R)
    return build.matrix([p[i * n : (i + 1) * n] for i in range(m)])
