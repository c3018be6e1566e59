"""Working precision and the one tolerance policy.

Precision is always scoped: library code never sets ``mp.dps``; it runs inside
``workdps(dps)`` (mpmath's own context manager, re-exported here so that there
is one way to do it) and every recorded result carries the dps it was
obtained at (``current_dps()``).

Tolerance policy
----------------
A computed quantity is compared with zero (an equality's residual, or an
inequality's slack) against

    tolerance(dps, size, scale) = SAFETY · size² · u · scale,    u = 10^(1 − dps)

where

* ``u`` is the unit roundoff of ``dps`` significant decimal digits;
* ``size`` is the largest dimension of the matrices involved.  The algorithms
  underneath (Householder reductions, implicit-shift QR for the SVD, Jacobi /
  QL for symmetric eigenproblems, dot products) are backward stable with a
  backward error bounded by ``p(n)·u·‖A‖``; ``n²`` is the classical
  conservative choice of ``p(n)`` (Golub & Van Loan, §5.2 and §8.6) and also
  covers the ``n`` rounding errors of every length-``n`` dot product;
* ``scale`` is the magnitude of the data the quantity is computed from, in
  the quantity's own units (e.g. ``‖A‖_F²`` for a comparison of squared
  norms).  Perturbation bounds for singular values (Weyl: ``|δσ| ≤ ‖δA‖₂``)
  and for norms are absolute in ``‖A‖``, so the error of a derived quantity
  is proportional to the data's scale, not to the quantity itself: a
  singular value 10⁻³⁰·σ₁ is only known to within ``u·σ₁``;
* ``SAFETY = 64`` absorbs the constants of those bounds (a few units each for
  the reduction, the iteration and the final products).

Exact arithmetic (rational or symbolic) has tolerance 0.  A residual above the
tolerance is a failed check; so is a check whose tolerance exceeds the data's
scale (the precision is then too low to say anything).
"""

from __future__ import annotations

import math
from numbers import Rational

import mpmath

from numerics.errors import InvalidArgument

SAFETY = 64

workdps = mpmath.workdps


def current_dps() -> int:
    """The working precision now in force, in decimal digits."""
    return int(mpmath.mp.dps)


def unit_roundoff(dps: int) -> mpmath.mpf:
    """``10^(1-dps)``: the relative spacing of ``dps``-digit numbers."""
    _check_dps(dps)
    with workdps(dps):
        return mpmath.mpf(10) ** (1 - dps)


def tolerance(*, dps: int, size: int, scale) -> mpmath.mpf:
    """The largest error a ``dps``-digit computation on ``size``-dimensional data of
    magnitude ``scale`` may make; see the module docstring for the formula.

    A float ``scale`` (double-precision data) gives a float.

    >>> float(tolerance(dps=30, size=4, scale=1))
    1.024e-26
    """
    _check_dps(dps)
    if not isinstance(size, int) or isinstance(size, bool) or size < 1:
        raise InvalidArgument("size", "a positive int", size)
    if isinstance(scale, float):
        if not math.isfinite(scale) or scale < 0:
            raise InvalidArgument("scale", "a finite number >= 0", scale)
        return SAFETY * size**2 * 10.0 ** (1 - dps) * scale
    with workdps(dps):
        if isinstance(scale, Rational):
            scale = mpmath.mpf(scale.numerator) / scale.denominator
        scale = mpmath.mpf(scale)
        if not mpmath.isfinite(scale) or scale < 0:
            raise InvalidArgument("scale", "a finite number >= 0", scale)
        return SAFETY * size**2 * unit_roundoff(dps) * scale


def _check_dps(dps: int) -> None:
    if not isinstance(dps, int) or isinstance(dps, bool) or dps < 8:
        raise InvalidArgument("dps", "an int >= 8", dps)
