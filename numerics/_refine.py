"""Iterative refinement of float64 decompositions in fixed-point integer arithmetic.

The engine under ``numerics.oracle``: it turns a LAPACK (float64) seed into an
SVD or a symmetric eigendecomposition accurate to a requested number of bits.
Nothing here is rigorous — that is the certificate's job (``numerics.oracle``);
what is here has to be fast and to converge on every input.

Fixed point
-----------
A matrix is an object-dtype numpy array of ``flint.fmpz`` holding ``X·2^bits``
(floor-rounded).  Products are exact ``fmpz_mat`` products (FLINT's multi-modular
algorithms), shifted back by ``bits``; element-wise work stays in fmpz.  The
input is an ``IntegerMatrix``: ``A = N·2^exp / den`` exactly, scaled by a power
of two ``2^k >= ‖A‖_F`` so that every entry, singular value and eigenvalue of
the scaled matrix lies in [-1, 1].

The iterations
--------------
* Symmetric (Ogita & Aishima 2018): for ``X`` with ``XᵀX ≈ I``, let
  ``R = I − XᵀX``, ``T = XᵀSX`` and ``λ_i = t_ii/(1 − r_ii)``; then
  ``X ← X(I + E)`` with ``E = R/2 + K``, ``K`` antisymmetric,
  ``k_ij = (t_ij + r_ij(λ_i + λ_j)/2)/(λ_j − λ_i)``.  Writing ``E`` as ``R/2`` plus an
  antisymmetric part is the 2018 update rearranged (its ``e_ij + e_ji = r_ij``); it keeps the
  orthogonality correction exact even where ``λ_j − λ_i`` is tiny.
* SVD (Ogita & Aishima 2020), for ``m >= n`` with a full ``U`` (m×m):
  ``P = I − UᵀU``, ``R = I − VᵀV``, ``T = UᵀAV``, ``σ_i = t_ii/(1 − (p_ii + r_ii)/2)``;
  ``U ← U(I + P/2 + K_U)``, ``V ← V(I + R/2 + K_V)`` with the antisymmetric parts solving the
  linearised ``(I + F)ᵀT(I + G) = Σ`` pair by pair (``_svd_corrections``).  Inside a cluster of
  nonzero singular values the update only makes the block of ``T`` symmetric; the trailing
  cluster of singular values near 0 also holds ``U``'s last ``m − n`` columns.
* Clusters: two values are coupled by the Newton formulas only when their gap exceeds
  ``SEPARATION`` times Ogita–Aishima's ``δ = 2(‖T − diag‖ + ‖A‖·‖R‖)`` (so that every rotation is
  below 2^-10, well inside the quadratic regime) and the noise floor ``_resolvable(F)``; closer
  values form clusters.  Once everything outside the clusters is converged (Ogita & Aishima
  2019), each cluster's block — ``T_cc − μI``, or the trailing block at 0 — is an exact matrix
  of its own: its eigenvectors (singular vectors) are computed by the same refinement,
  recursively, from a float64 seed of the *rescaled* block, and rotate the cluster's columns.
  Repeated, clustered and graded spectra resolve this way, whatever float64 could seed.

The iteration stops when ``P``, ``R`` and ``T``'s off-diagonal (inside the clusters too) are
below ``2^-goal``, or earlier when the last step's contraction predicts that the step just made
got there (``_bits_lost``; the certificate checks it).  The working precision doubles with the
correct bits (``_working_bits``) up to the final ``bits``.  A run that does not converge in
``MAX_ITERATIONS`` raises ``NotConverged``; the mpmath fallbacks (``fallback_eigh``,
``fallback_svd``) return the same fixed-point factors from ``mpmath.eigsy`` / ``mpmath.svd_r``.
"""

from __future__ import annotations

import contextlib
import ctypes
import functools
import math
from dataclasses import dataclass
from fractions import Fraction

import flint
import mpmath
import numpy as np

__all__ = [
    "MAX_ITERATIONS",
    "IntegerMatrix",
    "NotConverged",
    "Refined",
    "array",
    "fallback_eigh",
    "fallback_svd",
    "fmpz_mat",
    "identity",
    "refine_eigh",
    "refine_svd",
]

MAX_ITERATIONS = 40
# Newton couples two values only when their gap exceeds SEPARATION·δ (Ogita–Aishima's δ): the
# rotation it then makes is below 2^-10, safely inside the quadratic regime; closer values are
# left to the cluster rotations.
SEPARATION = 2.0**10
# Clusters are rotated once everything outside them is below 2^-50 of their own off-diagonal
# size: the coupling through an unresolved block makes Newton converge only linearly, so waiting
# longer gains little, and the rotation then resolves the block to about 2^-50 of the rest.
_ROTATE_BELOW = -50.0  # log2
# A round of cluster rotations that leaves the clusters' off-diagonal above half of what the
# previous round left makes no more progress at this precision: stop there (the certificate then
# says how good the result is).
_STAGNATION = -1.0  # log2


def _resolvable(F: int) -> float:
    """The smallest gap a Newton step at ``F`` bits may act on.  ``T``'s entries carry rounding
    errors of about ``2^-F``, so a rotation ``k = t/gap`` is uncertain by ``2^-F/gap``, and the
    step loses ``k²`` of orthogonality; an iteration at ``F`` bits aims at about ``2^(16 − F)``,
    so the noise may reach ``2^(8 − F/2)`` only: gaps below ``2^(−F/2 − 8)`` are left to the
    (exactly orthonormal) cluster rotations."""
    return 2.0 ** (-F / 2 - 8)


SEED_BITS = 44  # what a float64 seed is trusted to: ~eps·n, less a margin
_FLOAT_BITS = 60  # fraction bits kept when a float crosses into fixed point
_DIRECT_FLOAT_BITS = 960  # below this, fixed-point values convert to float64 without overflow
_ZERO = flint.fmpz(0)
_ONE = flint.fmpz(1)


class NotConverged(ArithmeticError):
    """The refinement did not reach the requested accuracy in ``MAX_ITERATIONS``."""


@dataclass(frozen=True)
class IntegerMatrix:
    """An exact rational matrix ``N·2^exp / den`` (``N`` an object array of fmpz, ``den >= 1``)."""

    N: np.ndarray
    exp: int
    den: int

    @classmethod
    def from_fractions(cls, rows) -> IntegerMatrix:
        denominator = math.lcm(*(x.denominator for row in rows for x in row))
        twos = (denominator & -denominator).bit_length() - 1
        odd = denominator >> twos
        N = np.empty((len(rows), len(rows[0])), dtype=object)
        for i, row in enumerate(rows):
            for j, x in enumerate(row):
                N[i, j] = flint.fmpz(x.numerator * (denominator // x.denominator))
        return cls(N=N, exp=-twos, den=odd)

    @classmethod
    def from_floats(cls, A: np.ndarray) -> IntegerMatrix:
        """A finite float array, exactly: ``mantissa·2^(e − 53)`` on a common exponent."""
        mantissa, exponent = np.frexp(np.asarray(A, dtype=np.float64))
        integers = np.ldexp(mantissa, 53).astype(np.int64)
        exponent = exponent.astype(np.int64) - 53
        nonzero = integers != 0
        low = int(exponent[nonzero].min()) if nonzero.any() else 0
        N = np.empty(A.shape, dtype=object)
        for index, (x, e) in enumerate(
            zip(integers.ravel().tolist(), exponent.ravel().tolist(), strict=True)
        ):
            N.flat[index] = flint.fmpz(x) << (e - low) if x else _ZERO
        return cls(N=N, exp=low, den=1)

    @property
    def shape(self) -> tuple[int, int]:
        return self.N.shape

    def transpose(self) -> IntegerMatrix:
        return IntegerMatrix(N=self.N.T.copy(), exp=self.exp, den=self.den)

    def norm_exponent(self) -> int:
        """The least ``k`` with ``‖A‖_F <= 2^k`` up to a factor 2 (0 for the zero matrix)."""
        flat = self.N.ravel()
        squares = np.dot(flat, flat)
        if squares == 0:
            return 0
        # ‖A‖_F² = squares·4^exp/den² < 2^(bits(squares) + 2·exp − 2·(bits(den) − 1))
        log2_upper = squares.bit_length() + 2 * self.exp - 2 * (int(self.den).bit_length() - 1)
        return (log2_upper + 1) // 2

    def fixed(self, bits: int, k: int) -> np.ndarray:
        """``floor(A·2^(bits − k))``: the matrix scaled by ``2^-k`` in fixed point."""
        shift = bits - k + self.exp
        den = flint.fmpz(self.den)
        if shift >= 0:
            return (self.N << shift) // den if self.den != 1 else self.N << shift
        return (self.N // den) >> -shift if self.den != 1 else self.N >> -shift


@dataclass(frozen=True)
class Refined:
    """Factors in fixed point at ``bits`` bits, for the scaled matrix ``A/2^k``.

    ``left`` is ``U`` (m×m for the SVD, or m×p from the fallback) or the eigenvectors; ``right`` is
    ``V`` (None for eigh).  ``iterations`` counts refinement steps, ``rotations`` cluster
    diagonalisations.
    """

    left: np.ndarray
    right: np.ndarray | None
    bits: int
    k: int
    iterations: int
    rotations: int

    def rescaled(self, bits: int) -> Refined:
        right = None if self.right is None else _rescale(self.right, self.bits, bits)
        return Refined(
            _rescale(self.left, self.bits, bits), right, bits, self.k, self.iterations, self.rotations
        )


# --------------------------------------------------------------------------- LAPACK seeds


@functools.cache
def _openblas_threads():
    """OpenBLAS's ``(get_num_threads, set_num_threads)`` if numpy loaded it, else ``None``."""
    try:
        with open("/proc/self/maps") as maps:
            paths = {line.split()[-1] for line in maps if "openblas" in line.lower()}
    except OSError:
        return None
    for path in sorted(p for p in paths if p.startswith("/")):
        library = ctypes.CDLL(path)
        for suffix in ("64_", ""):
            for prefix in ("scipy_openblas", "openblas"):
                get = getattr(library, f"{prefix}_get_num_threads{suffix}", None)
                set_ = getattr(library, f"{prefix}_set_num_threads{suffix}", None)
                if get is not None and set_ is not None:
                    return get, set_
    return None


@contextlib.contextmanager
def _single_threaded_lapack():
    """The seeds are LAPACK calls on small matrices: threads only cost wake-ups (tens of
    milliseconds when the cores are busy), so OpenBLAS runs them on one; restored after."""
    functions = _openblas_threads()
    if functions is None:
        yield
        return
    get, set_ = functions
    before = get()
    set_(1)
    try:
        yield
    finally:
        set_(before)


def _lapack(function, *args, **kwargs):
    with _single_threaded_lapack():
        return function(*args, **kwargs)


# --------------------------------------------------------------------------- fixed-point kernels


def fmpz_mat(X: np.ndarray) -> flint.fmpz_mat:
    """An object array of fmpz as an ``fmpz_mat``."""
    return flint.fmpz_mat(X.shape[0], X.shape[1], X.ravel().tolist())


def array(M: flint.fmpz_mat, shift: int = 0) -> np.ndarray:
    """An ``fmpz_mat`` as an object array of fmpz, divided by ``2^shift`` (floor)."""
    out = np.empty(M.nrows() * M.ncols(), dtype=object)
    out[:] = M.entries()
    out = out.reshape(M.nrows(), M.ncols())
    return out >> shift if shift else out


@functools.lru_cache(maxsize=64)
def identity(n: int, bits: int) -> flint.fmpz_mat:
    """``2^bits·I`` as an ``fmpz_mat`` (cached: never modify it)."""
    one = _ONE << bits
    return flint.fmpz_mat(n, n, [one if i == j else _ZERO for i in range(n) for j in range(n)])


def product(X: np.ndarray, Y: np.ndarray, shift: int = 0) -> np.ndarray:
    """``floor(X·Y / 2^shift)``, exactly."""
    return array(fmpz_mat(X) * fmpz_mat(Y), shift)


def _ldexp(x: flint.fmpz, e: int) -> float:
    excess = x.bit_length() - _FLOAT_BITS
    return math.ldexp(float(x >> excess), e + excess) if excess > 0 else math.ldexp(float(x), e)


_ldexp_each = np.frompyfunc(_ldexp, 2, 1)


def to_float(X: np.ndarray, bits: int) -> np.ndarray:
    """Fixed point to float64, each entry rounded relative to itself (no absolute floor)."""
    if bits <= _DIRECT_FLOAT_BITS:
        return np.ldexp(X.astype(np.float64), -bits)
    return _ldexp_each(X, -bits).astype(np.float64)


def to_fixed(Y: np.ndarray, bits: int) -> np.ndarray:
    """Float64 entries of magnitude <= 1 into fixed point (their bits below 2^-60 dropped)."""
    integers = np.rint(np.ldexp(np.asarray(Y, dtype=np.float64), _FLOAT_BITS)).astype(np.int64)
    out = np.empty(integers.size, dtype=object)
    out[:] = [flint.fmpz(x) for x in integers.ravel().tolist()]
    out = out.reshape(integers.shape)
    return out << (bits - _FLOAT_BITS) if bits >= _FLOAT_BITS else out >> (_FLOAT_BITS - bits)


def _rescale(X: np.ndarray, old: int, new: int) -> np.ndarray:
    return X << (new - old) if new >= old else X >> (old - new)


def _lg(x, bits: int) -> float:
    """An upper bound of ``log2(|x|·2^-bits)`` for an integer ``x`` (−inf for 0), exact to a bit.
    Magnitudes are compared in log2: at a few hundred digits they leave the float64 range."""
    return x.bit_length() - bits if x else -math.inf


def _lg_max(X: np.ndarray, bits: int) -> float:
    """``_lg`` of the largest entry of a fixed-point matrix."""
    return _lg(np.max(np.abs(X)), bits) if X.size else -math.inf


def _norm(X: np.ndarray, bits: int) -> float:
    """The Frobenius norm of a fixed-point matrix, as a float."""
    flat = X.ravel()
    return math.sqrt(_ldexp(np.dot(flat, flat), -2 * bits)) if X.size else 0.0


def _working_bits(current: int, accurate: float, target: int, size: int) -> int:
    """Bits for the next iteration: twice what is already correct, plus guard bits; never fewer
    than now (precision once reached is kept) and never more than the target."""
    wanted = 2 * accurate + 16 + math.ceil(math.log2(size + 1))
    return max(current, min(target, math.ceil(wanted)))


def _gaps(values: np.ndarray, bits: int) -> np.ndarray:
    """Consecutive differences of descending fixed-point values, exactly, then as floats (the
    values themselves may agree to more digits than a float holds)."""
    return to_float(values[:-1] - values[1:], bits) if len(values) > 1 else np.zeros(0)


def _chains(gaps: np.ndarray, delta: float) -> list[list[int]]:
    """Maximal runs of indices whose consecutive ``gaps`` are <= ``delta``."""
    groups = [[0]]
    for i, gap in enumerate(gaps, start=1):
        if gap <= delta:
            groups[-1].append(i)
        else:
            groups.append([i])
    return groups


def _condition_bits(gaps: np.ndarray, groups: list[list[int]], scale: float) -> float:
    """log2 of scale / (smallest gap between groups): how many bits a Newton step loses."""
    between = [gaps[g[-1]] for g in groups[:-1] if gaps[g[-1]] > 0]
    if not between or scale <= 0:
        return 0.0
    return max(0.0, math.log2(scale / min(between)))


def _bits_lost(previous: float, err: float) -> float:
    """What the last Newton step fell short of squaring the correction (``err ≈ c·previous²``,
    ``log2 c`` bits; both in log2), plus a margin of 2: the prediction for the next step."""
    return max(0.0, err - 2 * previous) + 2.0


def _cluster_ids(groups: list[list[int]], n: int) -> np.ndarray:
    ids = np.empty(n, dtype=np.int64)
    for c, g in enumerate(groups):
        ids[g] = c
    return ids


def _off_diagonal_magnitudes(T: np.ndarray) -> np.ndarray:
    """``|T|`` with its diagonal zeroed (object array of fmpz)."""
    magnitudes = np.abs(T)
    d = min(T.shape)
    magnitudes[range(d), range(d)] = _ZERO
    return magnitudes


def _block_lg(magnitudes: np.ndarray, rows, cols, bits: int) -> float:
    """``_lg`` of the largest entry of a block of ``magnitudes``."""
    return _lg_max(magnitudes[np.ix_(list(rows), list(cols))], bits)


def _residuals(magnitudes: np.ndarray, blocks, departure: float, bits: int) -> tuple[float, float]:
    """The largest off-diagonal entry of ``T`` outside the cluster ``blocks`` (or the departure
    from orthonormality, if larger), and the largest inside them; in log2."""
    inside = np.zeros(magnitudes.shape, dtype=bool)
    for rows, cols in blocks:
        inside[np.ix_(list(rows), list(cols))] = True
    outside_max = _lg(np.max(magnitudes[~inside]), bits) if (~inside).any() else -math.inf
    inside_max = _lg(np.max(magnitudes[inside]), bits) if inside.any() else -math.inf
    return max(outside_max, departure), inside_max


def _floats_without_diagonal(T: np.ndarray, bits: int) -> np.ndarray:
    off = to_float(T, bits)
    d = min(T.shape)
    off[range(d), range(d)] = 0
    return off


# --------------------------------------------------------------------------- symmetric


def refine_eigh(S: IntegerMatrix, *, bits: int, goal: int, seed: Refined | None = None) -> Refined:
    """Eigenvectors of the symmetric ``S`` (columns, eigenvalues descending) in fixed point at
    ``bits`` bits, refined until about ``goal`` bits are correct.

    ``seed`` continues from an earlier result; otherwise LAPACK's ``eigh`` seeds.
    """
    n = S.shape[0]
    if seed is None:
        k = S.norm_exponent()
        _, Q = _lapack(np.linalg.eigh, to_float(S.fixed(_FLOAT_BITS, k), _FLOAT_BITS))
        X, F, accurate = to_fixed(Q[:, ::-1], _FLOAT_BITS), _FLOAT_BITS, float(SEED_BITS)
    else:
        k, X, F, accurate = seed.k, seed.left, seed.bits, float(seed.bits - 40)
    matrices: dict[int, flint.fmpz_mat] = {}
    rotations, last_rotated, previous = 0, math.inf, None
    for iteration in range(1, MAX_ITERATIONS + 1):
        new_F = _working_bits(F, accurate, bits, n)
        X, F = _rescale(X, F, new_F), new_F
        if F not in matrices:
            matrices[F] = fmpz_mat(S.fixed(F, k))
        Mx = fmpz_mat(X)
        Mxt = Mx.transpose()
        R = array(identity(n, 2 * F) - Mxt * Mx, F)
        T = array(Mxt * (matrices[F] * Mx), 2 * F)
        T = (T + T.T) >> 1  # exactly symmetric, so that K below is exactly antisymmetric
        lam = (np.diagonal(T) << F) // ((_ONE << F) - np.diagonal(R))
        order = sorted(range(n), key=lambda i: -lam[i])
        if order != list(range(n)):
            X, R, T, lam = X[:, order], R[np.ix_(order, order)], T[np.ix_(order, order)], lam[order]
            Mx = fmpz_mat(X)
        lamf = to_float(lam, F)
        off = _floats_without_diagonal(T, F)
        scale = float(np.max(np.abs(lamf)))
        delta = max(SEPARATION * 2 * (np.linalg.norm(off) + scale * _norm(R, F)), _resolvable(F))
        gaps = _gaps(lam, F)
        groups = _chains(gaps, delta)
        K, err = _eigh_corrections(T, R, lam, groups, F)
        clusters = [g for g in groups if len(g) > 1]
        magnitudes = _off_diagonal_magnitudes(T)
        outside, inside = _residuals(magnitudes, [(g, g) for g in clusters], _lg_max(R, F), F)
        if outside <= max(-goal, inside + _ROTATE_BELOW):  # the rest is as good as a rotation
            unresolved = [g for g in clusters if _block_lg(magnitudes, g, g, F) > -goal]
            if not unresolved or inside > last_rotated + _STAGNATION:  # done, or as good as it gets
                return Refined(X, None, F, k, iteration, rotations)
            last_rotated = inside
            for g in unresolved:
                X[:, g] = product(X[:, g], _eigh_block_rotation(T, g, F, goal), F)
            rotations += len(unresolved)
            accurate, previous = 0.0, None  # the next step verifies the rotated clusters
            continue
        X = X + array(Mx * fmpz_mat((R >> 1) + K), F)
        lost = _bits_lost(previous, err) if previous is not None else _condition_bits(gaps, groups, scale)
        accurate, previous = min(F - 8.0, -2 * err - lost), err
        if accurate >= goal and inside <= -goal:
            return Refined(X, None, F, k, iteration, rotations)
    raise NotConverged(f"symmetric refinement: {MAX_ITERATIONS} iterations")


def _eigh_corrections(T, R, lam, groups, F) -> tuple[np.ndarray, float]:
    """The antisymmetric ``K`` between clusters, and the size of the whole correction (log2)."""
    n = len(lam)
    cluster = _cluster_ids(groups, n)
    K = np.full((n, n), _ZERO, dtype=object)
    i, j = np.triu_indices(n, 1)
    apart = cluster[i] != cluster[j]
    i, j = i[apart], j[apart]
    if len(i):
        numerator = (T[i, j] << F) + ((R[i, j] * (lam[i] + lam[j])) >> 1)
        k = numerator // (lam[j] - lam[i])
        K[i, j] = k
        K[j, i] = -k
    return K, max(_lg_max(R, F) - 1, _lg_max(K, F))


def _eigh_block_rotation(T: np.ndarray, group: list[int], F: int, goal: int) -> np.ndarray:
    """Orthonormal ``W`` (fixed point) diagonalising the cluster block ``T_gg`` of ``XᵀSX``.

    The block minus its mean diagonal is an exact symmetric matrix of its own, much smaller than
    ``S``: refining its eigenvectors recursively (float64 seed of the rescaled block, then the
    same iteration) resolves it to ``2^-goal`` absolutely, with ``W`` orthonormal to as much."""
    return refine_eigh(_centred(T[np.ix_(group, group)], F), bits=F, goal=_nested(F, goal)).rescaled(F).left


def _nested(F: int, goal: int) -> int:
    """The goal of a block's own refinement: the block is exact at ``F`` bits, so as much of
    ``goal`` as ``F`` bits can reach."""
    return min(goal, F - 24)


def _centred(block: np.ndarray, F: int) -> IntegerMatrix:
    """``block − μI`` (μ its mean diagonal), exactly, as an ``IntegerMatrix``."""
    shift = sum(np.diagonal(block)) // block.shape[0]
    centred = block.copy()
    for i in range(block.shape[0]):
        centred[i, i] -= shift
    return IntegerMatrix(N=centred, exp=-F, den=1)


# --------------------------------------------------------------------------- SVD


def refine_svd(A: IntegerMatrix, *, bits: int, goal: int, seed: Refined | None = None) -> Refined:
    """``U`` (m×m) and ``V`` (n×n) of ``A`` (m >= n), singular values descending, in fixed point at
    ``bits`` bits, refined until about ``goal`` bits are correct."""
    m, n = A.shape
    if seed is None:
        k = A.norm_exponent()
        U0, _, Vt0 = _lapack(
            np.linalg.svd, to_float(A.fixed(_FLOAT_BITS, k), _FLOAT_BITS), full_matrices=True
        )
        U, V = to_fixed(U0, _FLOAT_BITS), to_fixed(Vt0.T, _FLOAT_BITS)
        F, accurate = _FLOAT_BITS, float(SEED_BITS)
    else:
        k, U, V, F, accurate = seed.k, seed.left, seed.right, seed.bits, float(seed.bits - 40)
    matrices: dict[int, flint.fmpz_mat] = {}
    rotations, last_rotated, previous = 0, math.inf, None
    for iteration in range(1, MAX_ITERATIONS + 1):
        new_F = _working_bits(F, accurate, bits, m)
        U, V, F = _rescale(U, F, new_F), _rescale(V, F, new_F), new_F
        if F not in matrices:
            matrices[F] = fmpz_mat(A.fixed(F, k))
        Mu, Mv = fmpz_mat(U), fmpz_mat(V)
        Mut = Mu.transpose()
        P = array(identity(m, 2 * F) - Mut * Mu, F)
        R = array(identity(n, 2 * F) - Mv.transpose() * Mv, F)
        T = array(Mut * (matrices[F] * Mv), 2 * F)
        diagonal = np.array([T[i, i] for i in range(n)], dtype=object)
        sigma = (diagonal << F) // ((_ONE << F) - ((np.diagonal(P)[:n] + np.diagonal(R)) >> 1))
        negative = [i for i in range(n) if sigma[i] < 0]
        if negative:  # a right vector of the wrong sign: flip it (and what was computed from it)
            V[:, negative], T[:, negative], sigma[negative] = (
                -V[:, negative],
                -T[:, negative],
                -sigma[negative],
            )
            R[negative, :], R[:, negative] = -R[negative, :], -R[:, negative]
        order = sorted(range(n), key=lambda i: -sigma[i])
        if negative or order != list(range(n)):
            full = order + list(range(n, m))
            U, V, sigma = U[:, full], V[:, order], sigma[order]
            P, R, T = P[np.ix_(full, full)], R[np.ix_(order, order)], T[np.ix_(full, order)]
            Mu, Mv = fmpz_mat(U), fmpz_mat(V)
        sf = to_float(sigma, F)
        off = _floats_without_diagonal(T, F)
        scale = max(float(sf[0]), 0.0)
        delta = SEPARATION * 2 * (np.linalg.norm(off) + scale * (_norm(P, F) + _norm(R, F)))
        delta = max(delta, _resolvable(F))
        gaps = _gaps(sigma, F)
        zero = next((i for i in range(n) if sf[i] <= delta), n)  # where the cluster at 0 starts
        groups = (_chains(gaps[: zero - 1], delta) if zero else []) + (
            [list(range(zero, n))] if zero < n else []
        )
        KU, KV, err = _svd_corrections(T, P, R, sigma, groups, zero, F)
        clusters = [g for g in groups if g[0] < zero and len(g) > 1]
        blocks = [(g, g) for g in clusters] + ([(range(zero, m), range(zero, n))] if zero < n else [])
        magnitudes = _off_diagonal_magnitudes(T)
        outside, inside = _residuals(magnitudes, blocks, max(_lg_max(P, F), _lg_max(R, F)), F)
        if outside <= max(-goal, inside + _ROTATE_BELOW):  # the rest is as good as a rotation
            unresolved = [g for g in clusters if _block_lg(magnitudes, g, g, F) > -goal]
            zero_unresolved = zero < n and _block_lg(magnitudes, range(zero, m), range(zero, n), F) > -goal
            if (not unresolved and not zero_unresolved) or inside > last_rotated + _STAGNATION:
                return Refined(U, V, F, k, iteration, rotations)
            last_rotated = inside
            for g in unresolved:
                W = _svd_block_rotation(T, g, F, goal)
                U[:, g], V[:, g] = product(U[:, g], W, F), product(V[:, g], W, F)
            if zero_unresolved:
                W1, W2 = _zero_block_rotation(T, zero, F, goal)
                U[:, zero:], V[:, zero:] = product(U[:, zero:], W1, F), product(V[:, zero:], W2, F)
            rotations += len(unresolved) + int(zero_unresolved)
            accurate, previous = 0.0, None
            continue
        U = U + array(Mu * fmpz_mat((P >> 1) + KU), F)
        V = V + array(Mv * fmpz_mat((R >> 1) + KV), F)
        if previous is not None:
            lost = _bits_lost(previous, err)
        elif m > n and zero == n:  # U's unpaired columns couple through 1/σ_j: σ_n is a gap too
            lost = _condition_bits(np.append(gaps, sf[-1]), groups + [[n]], scale)
        else:
            lost = _condition_bits(gaps, groups, scale)
        accurate, previous = min(F - 8.0, -2 * err - lost), err
        if accurate >= goal and inside <= -goal:
            return Refined(U, V, F, k, iteration, rotations)
    raise NotConverged(f"SVD refinement: {MAX_ITERATIONS} iterations")


def _svd_corrections(T, P, R, sigma, groups, zero, F) -> tuple[np.ndarray, np.ndarray, float]:
    """The antisymmetric parts ``K_U`` (m×m) and ``K_V`` (n×n) of the SVD update.

    With ``F = P/2 + K_U`` and ``G = R/2 + K_V``, the linearised conditions ``F + Fᵀ = P``,
    ``G + Gᵀ = R``, ``t_ij + f_ji σ_j + σ_i g_ij = 0`` give, for singular values in different
    clusters, ``(σ_i² − σ_j²)·k_U,ij = −(σ_j t_ij + σ_i t_ji + p_ij(σ_i² + σ_j²)/2 + σ_iσ_j r_ij)``
    and ``(σ_i² − σ_j²)·k_V,ij = −(σ_i t_ij + σ_j t_ji + σ_iσ_j p_ij + r_ij(σ_i² + σ_j²)/2)``.
    Inside a cluster of mean ``σ̄ > 0``, ``k_U,ij = −k_V,ij = (t_ij − t_ji)/(4σ̄)`` makes the block
    symmetric; inside the cluster at 0 nothing rotates.  A column ``i >= n`` of ``U`` (no partner in
    ``V``) pairs with ``j < n`` by ``f_ji = −t_ij/σ_j``, i.e. ``k_U,ij = p_ij/2 + t_ij/σ_j``.
    """
    m, n = T.shape
    cluster = _cluster_ids(groups, n)
    KU = np.full((m, m), _ZERO, dtype=object)
    KV = np.full((n, n), _ZERO, dtype=object)
    i, j = np.triu_indices(n, 1)
    apart = cluster[i] != cluster[j]
    a, b = i[apart], j[apart]
    if len(a):
        si, sj = sigma[a], sigma[b]
        tij, tji, pij, rij = T[a, b], T[b, a], P[a, b], R[a, b]
        squares = si * si + sj * sj
        cross = si * sj
        denominator = si * si - sj * sj
        ku = -(((sj * tij + si * tji) << F) + ((pij * squares) >> 1) + cross * rij) // denominator
        kv = -(((si * tij + sj * tji) << F) + cross * pij + ((rij * squares) >> 1)) // denominator
        KU[a, b], KU[b, a], KV[a, b], KV[b, a] = ku, -ku, kv, -kv
    inside = ~apart & (i < zero)
    a, b = i[inside], j[inside]
    if len(a):
        means = [4 * (sum(sigma[g]) // len(g)) for g in groups]
        denominator = np.array([means[c] for c in cluster[a]], dtype=object)
        ku = ((T[a, b] - T[b, a]) << F) // denominator
        KU[a, b], KU[b, a], KV[a, b], KV[b, a] = ku, -ku, -ku, ku
    if m > n and zero > 0:
        rows, cols = (x.ravel() for x in np.meshgrid(np.arange(n, m), np.arange(zero), indexing="ij"))
        ku = (P[rows, cols] >> 1) + (T[rows, cols] << F) // sigma[cols]
        KU[rows, cols], KU[cols, rows] = ku, -ku
    return KU, KV, max(_lg_max(P, F) - 1, _lg_max(R, F) - 1, _lg_max(KU, F), _lg_max(KV, F))


def _svd_block_rotation(T: np.ndarray, group: list[int], F: int, goal: int) -> np.ndarray:
    """``W`` diagonalising the symmetric part of a nonzero cluster's block of ``UᵀAV`` (rotating
    ``U`` and ``V`` by the same ``W`` keeps the block symmetric)."""
    block = T[np.ix_(group, group)]
    return refine_eigh(_centred((block + block.T) >> 1, F), bits=F, goal=_nested(F, goal)).rescaled(F).left


def _zero_block_rotation(T: np.ndarray, zero: int, F: int, goal: int) -> tuple[np.ndarray, np.ndarray]:
    """``W₁``, ``W₂`` diagonalising the trailing block of ``UᵀAV``: its own SVD, refined
    recursively like the eigenvectors of a cluster block."""
    block = IntegerMatrix(N=T[zero:, zero:].copy(), exp=-F, den=1)
    refined = refine_svd(block, bits=F, goal=_nested(F, goal)).rescaled(F)
    return refined.left, refined.right


# --------------------------------------------------------------------------- mpmath fallbacks


def _mp_fixed(M: mpmath.matrix, bits: int) -> np.ndarray:
    out = np.empty((M.rows, M.cols), dtype=object)
    for i in range(M.rows):
        for j in range(M.cols):
            out[i, j] = flint.fmpz(int(mpmath.nint(mpmath.ldexp(M[i, j], bits))))
    return out


def _mp_matrix(A: IntegerMatrix, k: int) -> mpmath.matrix:
    scale = Fraction(2) ** (A.exp - k) / A.den
    rows = [[Fraction(int(x)) * scale for x in row] for row in A.N]
    return mpmath.matrix([[mpmath.mpf(x.numerator) / x.denominator for x in row] for row in rows])


def fallback_eigh(S: IntegerMatrix, *, bits: int) -> Refined:
    """Eigenvectors (descending eigenvalues) from ``mpmath.eigsy`` at ``bits`` bits."""
    k = S.norm_exponent()
    with mpmath.workprec(bits):
        w, Q = mpmath.eigsy(_mp_matrix(S, k))
        order = sorted(range(len(w)), key=lambda i: -w[i])
        Q = mpmath.matrix([[Q[r, i] for i in order] for r in range(Q.rows)])
        return Refined(_mp_fixed(Q, bits), None, bits, k, 0, 0)


def fallback_svd(A: IntegerMatrix, *, bits: int) -> Refined:
    """``U`` (m×p) and ``V`` (n×p), singular values descending, from ``mpmath.svd_r``."""
    k = A.norm_exponent()
    with mpmath.workprec(bits):
        U, s, Vt = mpmath.svd_r(_mp_matrix(A, k), full_matrices=False)
        order = sorted(range(len(s)), key=lambda i: -s[i])
        U = mpmath.matrix([[U[r, i] for i in order] for r in range(U.rows)])
        V = mpmath.matrix([[Vt[i, c] for i in order] for c in range(Vt.cols)])
        return Refined(_mp_fixed(U, bits), _mp_fixed(V, bits), bits, k, 0, 0)
