"""Symbolic instances: matrices with parameters and an exactly known SVD.

Rotations use the rational parametrisation of the angle θ = 2·arctan t,

    cos θ = (1 − t²)/(1 + t²),   sin θ = 2t/(1 + t²),

so that every entry is a rational function of the parameters and identities
are decided by ``cancel`` alone — no trigonometric simplification.  Ordered
singular values are sums of positive symbols, σ_i = d_i + … + d_p, so that
σ₁ > σ₂ > … > σ_p > 0 follows from the symbols' assumptions.
"""

from __future__ import annotations

import sympy

from numerics.backends import Exact
from numerics.claims import SymbolicMatrix
from numerics.errors import InvalidArgument
from numerics.linalg import diagonal


def rotation(t: sympy.Expr) -> sympy.Matrix:
    """The 2×2 rotation by 2·arctan(t)."""
    c, s = (1 - t**2) / (1 + t**2), 2 * t / (1 + t**2)
    return sympy.Matrix([[c, -s], [s, c]])


def plane_rotation(size: int, i: int, j: int, t: sympy.Expr) -> sympy.Matrix:
    """The identity of order ``size`` with ``rotation(t)`` in the plane of coordinates i, j."""
    if not 0 <= i < j < size:
        raise InvalidArgument("i, j", f"coordinates 0 <= i < j < {size}", (i, j))
    Q = sympy.eye(size)
    R = rotation(t)
    for a, p in enumerate((i, j)):
        for b, q in enumerate((i, j)):
            Q[p, q] = R[a, b]
    return Q


def descending_values(count: int, prefix: str = "d") -> list[sympy.Expr]:
    """σ_i = d_i + … + d_count with positive symbols d: strictly descending and positive."""
    if count < 1:
        raise InvalidArgument("count", "a positive int", count)
    gaps = sympy.symbols(f"{prefix}1:{count + 1}", positive=True)
    return [sympy.Add(*gaps[i:]) for i in range(count)]


def with_svd(U: sympy.Matrix, s, V: sympy.Matrix) -> SymbolicMatrix:
    """``M = U Σ Vᵀ`` (Σ of U's rows × V's rows, ``s`` on its diagonal), carrying its SVD."""
    m, n = U.rows, V.rows
    if len(s) != min(m, n):
        raise InvalidArgument("s", f"{min(m, n)} singular values", len(s))
    M = (U * diagonal(Exact(), s, shape=(m, n)) * V.T).applyfunc(sympy.cancel)
    return SymbolicMatrix(M, (U, list(s), V))
