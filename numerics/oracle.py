"""The reference oracle: a certified SVD and symmetric eigendecomposition at any precision.

``svd(A, dps=…)`` and ``eigh(S, dps=…)`` return the factors as mpmath values at
``dps`` digits together with *rigorous* error bounds: an enclosure radius for
every singular value (eigenvalue), and for the vectors a bound on the angle to
the true singular (eigen) subspace — per vector where the gaps resolve it, per
group of close or repeated values where they do not.  ``audit(fn)`` and
``audit_eigh(fn)`` (``numerics.audit``) test a float64 implementation against
it.

Main statements used by the certificate
---------------------------------------
Write ``‖·‖`` for the spectral norm and ``‖·‖_F`` for the Frobenius norm (``‖M‖ <= ‖M‖_F``).

* ``polar_factor_close_of_nearly_orthonormal`` — if ``‖XᵀX − I‖ <= ε < 1`` then the polar factor
  ``Q = X(XᵀX)^(-1/2)`` has orthonormal columns and ``‖X − Q‖ <= ε``: the singular values of ``X``
  lie in ``[√(1−ε), √(1+ε)]`` and ``‖X − Q‖ = max_i |σ_i(X) − 1| <= ε``.  Every column subset of
  ``X`` then spans a subspace within ``sin θ <= ε/√(1−ε)`` of the same columns of ``Q``.
* ``weyl`` (Weyl 1912) — for symmetric ``M``, ``M + E``: ``|λ_i(M + E) − λ_i(M)| <= ‖E‖`` with both
  spectra sorted; for any ``A``, ``B``: ``|σ_i(A) − σ_i(B)| <= ‖A − B‖`` (Mirsky 1960).
* ``davis_kahan_sin_theta`` (Davis & Kahan 1970, Frobenius form) — for symmetric ``S``, orthonormal
  ``Q_c`` (k columns), diagonal ``Λ_c`` and ``R_c = SQ_c − Q_cΛ_c``: if every eigenvalue ``λ_j`` of
  ``S`` outside the group is at distance ``>= δ > 0`` from every diagonal entry of ``Λ_c``, then
  ``‖sin Θ(Q_c, E_c)‖_F <= ‖R_c‖_F/δ`` (``E_c`` the true eigenspace of the group).  Proof: for a
  true eigenvector ``q_j`` outside, ``(λ_j − λ̂_l)·q_jᵀQ_c e_l = q_jᵀR_c e_l``; sum the squares.
* ``wedin_sin_theta`` (Wedin 1972, Frobenius form) — for ``A`` (m×n), orthonormal ``Q_U`` (m×k),
  ``Q_V`` (n×k), ``Σ_c = diag(s_l)`` and ``R = AQ_V − Q_UΣ_c``, ``S = AᵀQ_U − Q_VΣ_c``: if
  ``|σ_j − s_l| >= δ`` for every true singular triple ``(σ_j, u_j, v_j)`` outside the group, then
  ``Σ_j ‖u_jᵀQ_U‖² + ‖v_jᵀQ_V‖² <= (‖R‖_F² + ‖S‖_F²)/δ²``; a left (right) singular vector with
  no partner (``u_j``, j > n, when m > n) needs ``s_l >= δ`` too.  Proof: with ``a = u_jᵀQ_U e_l``,
  ``b = v_jᵀQ_V e_l``, ``x = u_jᵀR e_l``, ``y = v_jᵀS e_l``: ``x = σ_j b − s_l a``,
  ``y = σ_j a − s_l b``, so ``(σ_j − s_l)(a + b) = x + y`` and ``(σ_j + s_l)(a − b) = y − x``;
  since ``σ_j + s_l >= |σ_j − s_l| >= δ``, ``2(a² + b²) <= 2(x² + y²)/δ²``; an unpaired ``u_j``
  has ``x = −s_l a``.  Sum over ``j`` and ``l``.

The certificate (``_certify_eigh``, ``_certify_svd``)
--------------------------------------------------------
The returned values are dyadic rationals, and the input is converted exactly
(``A = N·2^e/d``), so the residuals ``SX − XΛ`` (``AV − UΣ``, ``AᵀU − VΣ``) and the departures
``XᵀX − I`` are computed *exactly* in integer arithmetic (FLINT ``fmpz_mat``); their Frobenius
norms are exact integers under a square root, which python-flint's ball arithmetic (arb)
bounds from above, as it does every later step.  Then, with ``ε`` bounding the departure:

* eigenvalues: ``|λ_i(S) − λ̂_i| <= η = (‖SX − XΛ‖_F + 2ε·max|λ̂|)/(1 − ε)``: the polar factor
  ``Q`` of ``X`` is orthogonal, ``QᵀSQ − Λ = Qᵀ(SQ − QΛ)``, ``‖SQ − QΛ‖ <= ‖SX − XΛ‖ + ε(‖S‖ +
  max|λ̂|)`` and ``‖S‖ <= max|λ̂| + η`` (Weyl); solve for ``η``.
* singular values (m >= n; otherwise transpose): ``|σ_i(A) − s_i| <= ρ =
  (‖AV − UΣ‖_F + s₁(ε_U + ε_V))/(1 − ε_V)``, from ``A − Q_UΣQ_Vᵀ = (AQ_V − Q_UΣ)Q_Vᵀ`` in the same way.
* vectors: group the values (adjacent ones closer than ``τ = max(4r, √(r·scale))`` share a group,
  ``r`` the radius above), so that a single vector's bound is at most about ``√(r/scale)``, half
  the digits; a group whose gaps to its neighbours exceed ``2r`` (so that its true subspace is
  unique) gets ``sin θ <= ‖R_c‖_F/(gap − r) + ε/√(1−ε)`` (Davis–Kahan, or Wedin with both
  residuals), where ``‖R_c‖_F`` is the exact residual of the group's columns plus the
  ``√k·ε(‖S‖ + max|λ_c|)`` it takes to pass to the polar factor.  Angles are ``asin`` of that,
  ``π/2`` where no bound follows (e.g. left singular vectors of a zero singular value when m > n,
  which are not determined).

Implementation notes
--------------------
The factors come from ``numerics._refine``: float64 LAPACK seeds refined by the
matrix-product iterations of Ogita & Aishima in fixed-point integer arithmetic; clusters float64
cannot separate are resolved by shifted cluster rotations (path
``"refined-float64-seed+clusters"``), and a refinement that does not converge — or whose
certificate is not within ``QUALITY·max(m, n)`` units of the requested precision after a second
try — falls back to ``mpmath.svd_r`` / ``mpmath.eigsy`` (path ``"fallback-mpmath"``).  The
certificate is computed the same way on every path; it never trusts the path.  Values are
rounded to a fixed-point grid of ``prec = dps_to_prec(dps)`` bits (relative to a power of two
above ``‖A‖_F``), so they carry ``dps`` digits relative to ``‖A‖`` — the accuracy of any
backward-stable method, and the only one the data's rounding at ``dps`` digits supports.

References: T. Ogita, K. Aishima, *Iterative refinement for symmetric eigenvalue decomposition*
(Japan J. Indust. Appl. Math. 35, 2018) and *… II: clustered eigenvalues* (ibid. 36, 2019);
*Iterative refinement for singular value decomposition based on matrix multiplication*
(J. Comput. Appl. Math. 369, 2020).  C. Davis, W. M. Kahan, *The rotation of eigenvectors by a
perturbation III* (SIAM J. Numer. Anal. 7, 1970).  P.-Å. Wedin, *Perturbation bounds in
connection with singular value decomposition* (BIT 12, 1972).  G. W. Stewart, J.-G. Sun,
*Matrix Perturbation Theory* (1990), §IV.4, §V.3–4.

>>> from numerics.precision import workdps
>>> r = svd([[3, 0], [4, 5]], dps=30)
>>> [mpmath.nstr(x, 12) for x in r.s], r.path
(['6.7082039325', '2.2360679775'], 'refined-float64-seed')
>>> with workdps(30):
...     residual = mpmath.mnorm(r.U * mpmath.diag(r.s) * r.Vt - mpmath.matrix([[3, 0], [4, 5]]), 1)
>>> bool(residual < 1e-28), bool(max(r.s_radii) < 1e-28)
(True, True)
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import flint
import mpmath
import numpy as np
from mpmath.libmp import dps_to_prec, from_man_exp

from numerics import _refine
from numerics._refine import IntegerMatrix, Refined, fmpz_mat
from numerics.errors import InvalidArgument
from numerics.matrices import to_fractions
from numerics.precision import current_dps

__all__ = [
    "MAX_DPS",
    "METHODS",
    "MIN_DPS",
    "PATHS",
    "EighResult",
    "SVDResult",
    "eigh",
    "svd",
]

MIN_DPS = 8
MAX_DPS = 10_000
METHODS = ("auto", "mpmath")
PATHS = ("refined-float64-seed", "refined-float64-seed+clusters", "fallback-mpmath")
GUARD_BITS = 24  # working bits beyond the output precision
QUALITY = 64  # a certificate within QUALITY·max(m, n) output units is a converged refinement
_ARB_PREC = 64  # bits of the ball arithmetic for the scalar bounds (each step rounds outward)


@dataclass(frozen=True)
class SVDResult:
    """A certified reduced SVD ``A ≈ U·diag(s)·Vt`` (p = min(m, n)).

    ``U`` (m×p), ``Vt`` (p×n): mpmath matrices; ``s``: p values, descending, >= 0.  Rigorous
    bounds (mpf, rounded up): ``|σ_i(A) − s_i| <= s_radii[i]``; the angle between ``U[:, i]``
    (``Vt[i, :]``) and the true left (right) singular vector is at most ``u_angles[i]``
    (``v_angles[i]``) radians — for ``i`` in a group of several indices (``groups``), the largest
    principal angle between those columns' span and the true singular subspace of the group.
    ``path`` says how the factors were computed (``PATHS``), ``iterations`` how many refinement
    steps it took.
    """

    U: mpmath.matrix
    s: tuple[mpmath.mpf, ...]
    Vt: mpmath.matrix
    s_radii: tuple[mpmath.mpf, ...]
    u_angles: tuple[mpmath.mpf, ...]
    v_angles: tuple[mpmath.mpf, ...]
    groups: tuple[tuple[int, ...], ...]
    dps: int
    path: str
    iterations: int


@dataclass(frozen=True)
class EighResult:
    """A certified spectral decomposition ``S ≈ Q·diag(w)·Qᵀ``, eigenvalues **descending** (as in
    ``numerics.exact.ExactEigen``; numpy's ``eigh`` is ascending).

    ``|λ_i(S) − w_i| <= w_radii[i]``; the angle between ``Q[:, i]`` and the true eigenvector (for a
    group in ``groups``, between the spans) is at most ``angles[i]`` radians.
    """

    w: tuple[mpmath.mpf, ...]
    Q: mpmath.matrix
    w_radii: tuple[mpmath.mpf, ...]
    angles: tuple[mpmath.mpf, ...]
    groups: tuple[tuple[int, ...], ...]
    dps: int
    path: str
    iterations: int


# --------------------------------------------------------------------------- the API


def svd(A, *, dps: int | None = None, method: str = "auto") -> SVDResult:
    """The certified reduced SVD of a real m×n matrix at ``dps`` digits (default: the precision
    in force).

    ``A`` is any form ``numerics.matrices`` accepts (numpy arrays, lists of ints, Fractions,
    floats or mpf, mpmath and sympy matrices); rank-deficient, zero, 1×n and n×1 included.
    ``method="mpmath"`` skips the refinement and takes ``mpmath.svd_r`` (then certifies it).
    """
    dps, prec = _precision(dps)
    _check_method(method)
    exact = _integer_matrix(A, "A")
    m, n = exact.shape
    tall = exact if m >= n else exact.transpose()
    factors = _svd_factors(tall, prec, method)
    U, s, V, certificate = factors.rounded, factors.s, factors.V, factors.certificate
    if m < n:
        U, V = V, U
        certificate = certificate.swapped()
    with mpmath.workdps(dps):
        return SVDResult(
            U=_mp_matrix(U, -prec),
            s=tuple(_mpf(x, factors.k - prec) for x in s),
            Vt=_mp_matrix(V.T, -prec),
            s_radii=certificate.radii,
            u_angles=certificate.left_angles,
            v_angles=certificate.right_angles,
            groups=certificate.groups,
            dps=dps,
            path=factors.path,
            iterations=factors.iterations,
        )


def eigh(S, *, dps: int | None = None, method: str = "auto") -> EighResult:
    """The certified eigendecomposition of a real symmetric matrix at ``dps`` digits, eigenvalues
    descending.  ``S`` must be exactly symmetric (symmetrise it yourself, ``(S + Sᵀ)/2``, if that
    is what you mean): a non-symmetric ``S`` is an ``InvalidArgument``."""
    dps, prec = _precision(dps)
    _check_method(method)
    exact = _integer_matrix(S, "S")
    n, cols = exact.shape
    if n != cols:
        raise InvalidArgument("S", "a square symmetric matrix", f"shape {n}x{cols}")
    if not all(exact.N[i, j] == exact.N[j, i] for i in range(n) for j in range(i)):
        raise InvalidArgument(
            "S", "a symmetric matrix (S[i, j] == S[j, i] exactly)", "a non-symmetric matrix"
        )
    factors = _eigh_factors(exact, prec, method)
    certificate = factors.certificate
    with mpmath.workdps(dps):
        return EighResult(
            w=tuple(_mpf(x, factors.k - prec) for x in factors.s),
            Q=_mp_matrix(factors.rounded, -prec),
            w_radii=certificate.radii,
            angles=certificate.left_angles,
            groups=certificate.groups,
            dps=dps,
            path=factors.path,
            iterations=factors.iterations,
        )


def __getattr__(name: str):
    # audit lives in numerics.audit (which imports this module); exposed here lazily
    if name in ("audit", "audit_eigh"):
        from numerics import audit as _audit

        return getattr(_audit, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


# --------------------------------------------------------------------------- validation


def _precision(dps) -> tuple[int, int]:
    if dps is None:
        dps = current_dps()
    if not isinstance(dps, int) or isinstance(dps, bool) or not MIN_DPS <= dps <= MAX_DPS:
        raise InvalidArgument("dps", f"an int in [{MIN_DPS}, {MAX_DPS}]", dps)
    return dps, dps_to_prec(dps)


def _check_method(method) -> None:
    if method not in METHODS:
        raise InvalidArgument("method", f"one of {METHODS}", method)


def _integer_matrix(A, name: str) -> IntegerMatrix:
    """``A`` exactly, as integers over a common denominator (validated like ``to_fractions``)."""
    if (
        isinstance(A, np.ndarray)
        and A.dtype.kind == "f"
        and A.ndim == 2
        and A.size
        and bool(np.isfinite(A).all())
    ):
        return IntegerMatrix.from_floats(A)
    return IntegerMatrix.from_fractions(to_fractions(A, name))


# --------------------------------------------------------------------------- factors


@dataclass(frozen=True)
class _Factors:
    """Rounded factors (fixed point: vectors at ``2^-prec``, values at ``2^(k − prec)``) with their
    certificate.  ``rounded`` is U (or Q); ``V`` is None for eigh."""

    rounded: np.ndarray
    s: np.ndarray
    V: np.ndarray | None
    k: int
    certificate: _Certificate
    path: str
    iterations: int


def _attempts(refine, fallback, method: str):
    """The refined factors (a first try, then one continuing from it), then the fallback."""
    if method == "auto":
        try:
            refined = refine(None)
            yield refined, _path(refined)
            refined = refine(refined)
            yield refined, _path(refined)
        except (ArithmeticError, np.linalg.LinAlgError):  # NotConverged, or any numerical accident
            pass
    yield fallback(), "fallback-mpmath"


def _path(refined: Refined) -> str:
    return "refined-float64-seed+clusters" if refined.rotations else "refined-float64-seed"


def _svd_factors(A: IntegerMatrix, prec: int, method: str) -> _Factors:
    m, n = A.shape
    bits = prec + GUARD_BITS

    def refine(seed):
        return _refine.refine_svd(A, bits=bits, goal=_goal(prec, m) if seed is None else prec + 16, seed=seed)

    iterations = 0
    for attempt in _attempts(refine, lambda: _refine.fallback_svd(A, bits=bits), method):
        refined, path = attempt
        iterations += refined.iterations
        U, s, V, AV = _round_svd(A, refined, prec)
        certificate = _certify_svd(A, U, s, V, AV, prec, refined.k)
        if certificate.converged(prec, refined.k, max(m, n)):
            break
    return _Factors(U, s, V, refined.k, certificate, path, iterations)


def _eigh_factors(S: IntegerMatrix, prec: int, method: str) -> _Factors:
    n = S.shape[0]
    bits = prec + GUARD_BITS

    def refine(seed):
        return _refine.refine_eigh(
            S, bits=bits, goal=_goal(prec, n) if seed is None else prec + 16, seed=seed
        )

    iterations = 0
    for attempt in _attempts(refine, lambda: _refine.fallback_eigh(S, bits=bits), method):
        refined, path = attempt
        iterations += refined.iterations
        X, w, SX = _round_eigh(S, refined, prec)
        certificate = _certify_eigh(S, X, w, SX, prec, refined.k)
        if certificate.converged(prec, refined.k, n):
            break
    return _Factors(X, w, None, refined.k, certificate, path, iterations)


def _goal(prec: int, size: int) -> int:
    """The refinement's target: errors below ``size·2^-prec``, what a backward-stable method at
    ``prec`` bits achieves (the rounding to ``prec`` bits then adds ``2^-prec``).  A second attempt
    asks for 16 bits more."""
    return prec - math.ceil(math.log2(size))


def _round(X: np.ndarray, bits: int, prec: int) -> np.ndarray:
    """Fixed point at ``bits`` to the nearest multiple of ``2^-prec``."""
    shift = bits - prec
    return (X + (flint.fmpz(1) << (shift - 1))) >> shift if shift > 0 else X << -shift


def _round_quotient(numerator, denominator):
    """``round(numerator/denominator)`` for integers, ``denominator > 0``."""
    return (2 * numerator + denominator) // (2 * denominator)


def _rayleigh(A: IntegerMatrix, left: np.ndarray, AX: np.ndarray, prec: int, k: int) -> np.ndarray:
    """``round(x_iᵀ A y_i · 2^(prec − k))`` from the exact ``AX = N·Y`` (so ``A y_i = AX_i·2^(e −
    prec)/d``) and ``x_i = left_i·2^-prec``: each value on the fixed-point grid of ``2^(k − prec)``."""
    dots = np.sum(left * AX, axis=0)
    shift = A.exp - prec - k
    den = flint.fmpz(A.den)
    if shift >= 0:
        return np.array([_round_quotient(d << shift, den) for d in dots], dtype=object)
    return np.array([_round_quotient(d, den << -shift) for d in dots], dtype=object)


def _sorted_descending(values: np.ndarray, *columns: np.ndarray):
    order = sorted(range(len(values)), key=lambda i: -values[i])
    return values[order], *(X[:, order] for X in columns)


def _round_svd(A: IntegerMatrix, refined: Refined, prec: int):
    """U (m×p), s (p), V (n×p) on their fixed-point grids, with ``s_i = round(u_iᵀAv_i) >= 0``,
    and the exact ``N·V_int``."""
    p = A.shape[1]
    U = _round(refined.left[:, :p], refined.bits, prec)
    V = _round(refined.right[:, :p], refined.bits, prec)
    AV = _refine.array(fmpz_mat(A.N) * fmpz_mat(V))
    s = _rayleigh(A, U, AV, prec, refined.k)
    negative = [i for i in range(p) if s[i] < 0]
    V[:, negative], AV[:, negative], s[negative] = -V[:, negative], -AV[:, negative], -s[negative]
    s, U, V, AV = _sorted_descending(s, U, V, AV)
    return U, s, V, AV


def _round_eigh(S: IntegerMatrix, refined: Refined, prec: int):
    """The eigenvectors on their grid, the Rayleigh quotients on theirs, and the exact ``N·X_int``."""
    X = _round(refined.left, refined.bits, prec)
    SX = _refine.array(fmpz_mat(S.N) * fmpz_mat(X))
    w, X, SX = _sorted_descending(_rayleigh(S, X, SX, prec, refined.k), X, SX)
    return X, w, SX


# --------------------------------------------------------------------------- certificates


@dataclass(frozen=True)
class _Certificate:
    radii: tuple[mpmath.mpf, ...]
    left_angles: tuple[mpmath.mpf, ...]
    right_angles: tuple[mpmath.mpf, ...]
    groups: tuple[tuple[int, ...], ...]
    radius: flint.arb
    departure: flint.arb

    def converged(self, prec: int, k: int, size: int) -> bool:
        """Whether the bounds are as small as the output precision allows (up to ``QUALITY·size``
        units): otherwise the refinement stopped short and is worth continuing."""
        with flint.ctx.workprec(_ARB_PREC):
            unit = flint.arb(2) ** -prec * QUALITY * size
            return bool(self.departure < unit) and bool(self.radius < unit * flint.arb(2) ** k)

    def swapped(self) -> _Certificate:
        return _Certificate(
            self.radii, self.right_angles, self.left_angles, self.groups, self.radius, self.departure
        )


def _exact_residual(AX: np.ndarray, A: IntegerMatrix, X: np.ndarray, values: np.ndarray, prec: int, k: int):
    """``A x_i − v_i y_i`` exactly, as ``(integers, scale)``: the true residual is
    ``integers·2^c/den``.  ``AX = N·X_int`` (so ``A x_i = AX_i·2^(e − prec)/den``), ``y_i =
    Y_i·2^-prec`` and ``v_i = values_i·2^(k − prec)``."""
    left, right = A.exp - prec, k - 2 * prec
    c = min(left, right)
    residual = (AX << (left - c)) - (X * values[None, :]) * (flint.fmpz(A.den) << (right - c))
    return residual, c


def _column_squares(R: np.ndarray) -> np.ndarray:
    return np.sum(R * R, axis=0)


def _ball(integer, exponent: int = 0) -> flint.arb:
    """``integer·2^exponent`` as a ball (exact up to the ball arithmetic's rounding)."""
    return flint.arb(flint.fmpz(integer)) * flint.arb(2) ** exponent


def _norms(squares, exponent: int, den: int) -> list[flint.arb]:
    """``√(q·2^exponent)/den`` for each exact integer ``q``."""
    return [_ball(q, exponent).sqrt() / den for q in squares]


def _departure(X: np.ndarray, prec: int) -> flint.arb:
    """An upper bound of ``‖XᵀX − I‖_F`` for ``X = X_int·2^-prec``, from the exact integers."""
    M = fmpz_mat(X)
    flat = _refine.array(M.transpose() * M - _refine.identity(X.shape[1], 2 * prec)).ravel()
    return _ball(np.dot(flat, flat), -4 * prec).sqrt()


def _root_sum_squares(values: Sequence[flint.arb]) -> flint.arb:
    return sum((v * v for v in values), flint.arb(0)).sqrt()


def _larger(a: flint.arb, b: flint.arb) -> flint.arb:
    return a if bool(a.upper() >= b.upper()) else b


def _smaller(a: flint.arb, b: flint.arb) -> flint.arb:
    return a if bool(a.upper() <= b.upper()) else b


@dataclass(frozen=True)
class _Spectrum:
    """Exact values ``v_i = ints_i·2^exponent`` (descending) with a radius ``r`` bounding every
    ``|true_i − v_i|``: groups and gaps computed from the exact integers."""

    ints: np.ndarray
    exponent: int
    radius: flint.arb

    def value(self, i: int) -> flint.arb:
        return _ball(self.ints[i], self.exponent)

    def groups(self, scale: flint.arb) -> list[list[int]]:
        """Adjacent values closer than ``τ = max(4r, √(r·scale))`` share a group."""
        tau = _larger((self.radius * scale).sqrt(), 4 * self.radius)
        groups = [[0]]
        for i in range(1, len(self.ints)):
            if bool(_ball(self.ints[i - 1] - self.ints[i], self.exponent) > tau):
                groups.append([i])
            else:
                groups[-1].append(i)
        return groups

    def gap(self, group: list[int]) -> flint.arb | None:
        """The distance from the group's values to the nearest value outside it (None: none)."""
        first, last = group[0], group[-1]
        gaps = []
        if first > 0:
            gaps.append(self.ints[first - 1] - self.ints[first])
        if last < len(self.ints) - 1:
            gaps.append(self.ints[last] - self.ints[last + 1])
        return _ball(min(gaps), self.exponent) if gaps else None

    def sin_bound(self, residual: flint.arb, gap: flint.arb | None, departure: flint.arb):
        """``residual/(gap − r) + ε/√(1 − ε)`` when ``gap > 2r`` (the true subspace is then unique);
        None when no bound follows."""
        to_polar = departure / (1 - departure).sqrt()
        if gap is None:
            return to_polar
        if not bool(gap > 2 * self.radius):
            return None
        return residual / (gap - self.radius) + to_polar


def _angle(sin_bound: flint.arb | None) -> mpmath.mpf:
    """Upper bound of ``asin(min(1, s))``: π/2 when there is no bound below 1."""
    if sin_bound is None or not bool(sin_bound < 1):
        return _upper(flint.arb.pi() / 2)
    return _upper(sin_bound.upper().asin())


def _certify_eigh(S: IntegerMatrix, X, w, SX, prec: int, k: int) -> _Certificate:
    """The certificate for symmetric ``S``, rounded eigenvectors ``X``, values ``w`` and ``SX = N·X``."""
    n = S.shape[0]
    residual, c = _exact_residual(SX, S, X, w, prec, k)
    squares = _column_squares(residual)
    with flint.ctx.workprec(_ARB_PREC):
        epsilon = _departure(X, prec)
        if not bool(epsilon < 1):
            return _uncertified(n, epsilon)
        columns = _norms(squares, 2 * c, S.den)
        largest = _ball(max(abs(x) for x in w), k - prec)
        radius = (_root_sum_squares(columns) + 2 * epsilon * largest) / (1 - epsilon)
        spectrum = _Spectrum(w, k - prec, radius)
        norm_S = largest + radius
        groups = spectrum.groups(largest)
        angles = [None] * n
        for group in groups:
            largest_in = _ball(max(abs(w[i]) for i in group), k - prec)
            size = flint.arb(len(group)).sqrt()
            residual_c = _root_sum_squares([columns[i] for i in group]) + size * epsilon * (
                norm_S + largest_in
            )
            angle = _angle(spectrum.sin_bound(residual_c, spectrum.gap(group), epsilon))
            for i in group:
                angles[i] = angle
        radii = (_upper(radius),) * n
    return _Certificate(radii, tuple(angles), tuple(angles), _as_tuples(groups), radius, epsilon)


def _certify_svd(A: IntegerMatrix, U, s, V, AV, prec: int, k: int) -> _Certificate:
    """The certificate for ``A`` (m×n, m >= n), its rounded U (m×n), s, V (n×n) and ``AV = N·V``."""
    m, n = A.shape
    left, c = _exact_residual(AV, A, U, s, prec, k)
    right, _ = _exact_residual(_refine.array(fmpz_mat(A.N.T) * fmpz_mat(U)), A, V, s, prec, k)
    left_squares, right_squares = _column_squares(left), _column_squares(right)
    with flint.ctx.workprec(_ARB_PREC):
        eps_u, eps_v = _departure(U, prec), _departure(V, prec)
        departure = _larger(eps_u, eps_v)
        if not bool(departure < 1):
            return _uncertified(n, departure)
        left_columns = _norms(left_squares, 2 * c, A.den)
        right_columns = _norms(right_squares, 2 * c, A.den)
        s1 = _ball(s[0], k - prec)
        radius = (_root_sum_squares(left_columns) + s1 * (eps_u + eps_v)) / (1 - eps_v)
        if m == n:
            radius = _smaller(radius, (_root_sum_squares(right_columns) + s1 * (eps_u + eps_v)) / (1 - eps_u))
        spectrum = _Spectrum(s, k - prec, radius)
        norm_A = s1 + radius
        groups = spectrum.groups(s1)
        u_angles, v_angles = [None] * n, [None] * n
        for group in groups:
            size = flint.arb(len(group)).sqrt()
            top, bottom = spectrum.value(group[0]), spectrum.value(group[-1])
            r_c = _root_sum_squares([left_columns[i] for i in group]) + size * (norm_A * eps_v + eps_u * top)
            s_c = _root_sum_squares([right_columns[i] for i in group]) + size * (norm_A * eps_u + eps_v * top)
            both = (r_c * r_c + s_c * s_c).sqrt()
            gap = spectrum.gap(group)
            v_angle = _angle(spectrum.sin_bound(both, gap, eps_v))
            if m == n:
                u_angle = _angle(spectrum.sin_bound(both, gap, eps_u))
            else:
                # U's m − n unpaired columns act as singular values 0: the distance to them is
                # the group's smallest value, and the group's true values must stay clear of 0.
                to_zero = bottom + radius
                u_angle = _angle(
                    spectrum.sin_bound(both, to_zero if gap is None else _smaller(gap, to_zero), eps_u)
                )
            for i in group:
                u_angles[i], v_angles[i] = u_angle, v_angle
        radii = (_upper(radius),) * n
    return _Certificate(radii, tuple(u_angles), tuple(v_angles), _as_tuples(groups), radius, departure)


def _uncertified(p: int, departure: flint.arb) -> _Certificate:
    """Factors too far from orthonormal for any bound (not expected: the caller refines on)."""
    right_angle = (_upper(flint.arb.pi() / 2),) * p
    return _Certificate(
        (mpmath.inf,) * p, right_angle, right_angle, (tuple(range(p)),), flint.arb("inf"), departure
    )


def _as_tuples(groups: list[list[int]]) -> tuple[tuple[int, ...], ...]:
    return tuple(tuple(g) for g in groups)


# --------------------------------------------------------------------------- mpmath values


def _upper(x: flint.arb) -> mpmath.mpf:
    """The upper end of a ball, exactly, as an mpf."""
    if not x.is_finite():
        return mpmath.inf
    man, exp = x.upper().mid().man_exp()
    return _make_mpf(from_man_exp(int(man), int(exp)))


def _mpf(x, exponent: int) -> mpmath.mpf:
    return _make_mpf(from_man_exp(int(x), exponent))


def _mp_matrix(X: np.ndarray, exponent: int) -> mpmath.matrix:
    return mpmath.matrix([[_make_mpf(from_man_exp(int(x), exponent)) for x in row] for row in X])


_make_mpf = mpmath.mp.make_mpf
