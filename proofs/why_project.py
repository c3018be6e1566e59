"""Why project: the k-means objective of the rank-k truncation.

Source: 002, §3.7.2 "Why project?" — the theorem "Why Project", its proof
and the numerical corner that follows it.  The sharp form is not in the
documents; its proof is the one CATALOG.md gives for ``why_project_sharp_5k``.

Main statements
---------------
* ``why_project_8k`` — ‖A_k − C‖_F² ≤ 8k‖A − C‖₂² for every C of rank ≤ k.
* ``why_project_sharp_5k`` — ‖A_k − C‖_F² ≤ (k + 4·min(k, m − k, n − k))‖A − C‖₂²
  ≤ 5k‖A − C‖₂², and 5 cannot be lowered.

Here A, C are m×n (m rows: 002's A is n×d with n data points as rows, the
catalog's A is n×m; only the number of rows and of columns matter below),
A = Σ_j σ_j u_j v_jᵀ, A_k = Σ_{j≤k} σ_j u_j v_jᵀ, and 1 ≤ k ≤ min(m, n).
In 002, C holds the true centres of a k-clustering of the rows of A, so
‖A − C‖_F² is the k-means objective of the data and ‖A_k − C‖_F² that of the
projected data (A_k projects each row onto span(v_1..v_k)).

Hypotheses
----------
Only rank C ≤ k.  002's surrounding hypotheses "n > d" and "A has full
column rank" are not used by the proof, and neither is "k < r" (for k ≥ r,
A_k = A): both claims are checked for every m×n A — wide, tall, rank
deficient, zero — and every 1 ≤ k ≤ min(m, n).  Nor does the proof need
C's rows to take only k distinct values (002's reason for rank C ≤ k).

Proof of the 8k bound, as in 002 (each step a labelled relation)
------------------------------------------------------------------
1. rk(A_k − C) ≤ rk(A_k) + rk(−C) ≤ 2k.
2. Matrix Norms and Singular Values: ‖M‖_F² = Σ_{i≤rk M} σ_i(M)² ≤ rk(M)·‖M‖₂²,
   so ‖A_k − C‖_F² ≤ 2k‖A_k − C‖₂².
3. Triangle inequality: ‖A_k − C‖₂ ≤ ‖A_k − A‖₂ + ‖A − C‖₂.
4. Eckart–Young in the induced norm: ‖A − A_k‖₂ ≤ ‖A − C‖₂ (rank C ≤ k).
5. Together: ‖A_k − C‖_F² ≤ 2k(2‖A − C‖₂)² = 8k‖A − C‖₂².

The sharp bound (CATALOG.md)
----------------------------
With P = U_kU_kᵀ (the projection onto span(u_1..u_k); A_k = PA) and
E = A − C:

1. A_k − C = PE − (I − P)C  (``split_by_left_singular_vectors``);
2. PE and (I − P)C have orthogonal column spaces, so their squared Frobenius
   norms add up to ‖A_k − C‖_F²;
3. ‖PE‖_F² ≤ k‖E‖₂²  (rank PE ≤ k, ‖PE‖₂ ≤ ‖E‖₂);
4. rk (I − P)C ≤ min(k, m − k), m the number of *rows*: rank C ≤ k, and
   (I − P)C lies in the (m − k)-dimensional complement of span(u_1..u_k)
   (the catalog writes min(k, n − k) for its n×m A: there n counts rows);
5. ‖(I − P)C‖₂ = ‖(I − P)A − (I − P)E‖₂ ≤ σ_{k+1} + ‖E‖₂ ≤ 2‖E‖₂ (Eckart–Young);
6. hence ‖A_k − C‖_F² ≤ (k + 4·min(k, m − k))‖E‖₂².

The same on the other side, Q = V_kV_kᵀ, A_k − C = EQ − C(I − Q) with
orthogonal row spaces (``split_by_right_singular_vectors``), gives
min(k, n − k); together, k + 4·min(k, m − k, n − k) ≤ 5k.

Sharpness: A = diag((1 + ε)I_k, I_k), C = diag(0, 2I_k) give
‖A_k − C‖_F²/(k‖A − C‖₂²) = 1 + 4/(1 + ε)² → 5 as ε → 0;
``tight_instance(k, δ)`` returns a rational ε and that instance with ratio
> 5 − δ, certified in exact arithmetic.  At ε = 0 (σ_k = σ_{k+1}, A = I_{2k}
with the truncation its SVD picks) the ratio is exactly 5.

002's chain cannot be tight.  Write ρ₁ = ‖A_k − C‖_F²/(2k‖A_k − C‖₂²) and
ρ₂ = ‖A_k − C‖₂²/(4‖E‖₂²) for the slack of steps 2 and 3–4 (ρ₁ρ₂ is the ratio
to 8k).  Steps 1–3 of the sharp proof give ‖(I − P)C‖₂ = ‖(I − P)(A_k − C)‖₂
≤ ‖A_k − C‖₂, hence ‖A_k − C‖_F² ≤ k(‖E‖₂² + ‖A_k − C‖₂²), i.e.

    ρ₁ ≤ 1/2 + 1/(8ρ₂),   so   ρ₁ρ₂ ≤ ρ₂/2 + 1/8 ≤ 5/8.

Both ends are attained: ρ₁ = 1 (with ρ₂ = 1/4) at A = diag(1, 0),
C = diag(0, 1); ρ₂ = 1 (with ρ₁ = 5/8) at A = I₂, C = diag(0, 2).  Each step
of 002 is sharp on its own; together they lose at least a factor 8/5.

Checks
------
Symbolic 2×2 and 3×2 cases (the tight family with a symbolic ε ∈ (0, 1),
turned by a symbolic rotation), exact cases (the tight family for k = 1, 2, 3
at δ = 1/2, 1/10, 1/1000, and rotated; ratio exactly 5 at ε = 0; the
instance where 002's rank step is tight; generic rational instances with
prescribed SVD), exact instances drawn from every family with a prescribed
SVD, and high-precision instances from every family.  Both claims check every
step above as a labelled relation; the sharp one also checks
‖A_k − C‖_F² ≤ k(‖E‖₂² + ‖A_k − C‖₂²).  Spectral norms are exact in exact
checks (the largest root of the Gram matrix's characteristic polynomial);
triangle inequalities are compared squared, ‖X‖₂² ≤ (a + b)².  With A tiny
and C huge several steps hold only to ~200 digits, more than sympy's ``evalf``
resolves when it decides a sign, so every exact inequality is decided on
rational bounds of its two sides (``certified``).

Precision
---------
The tolerance's scale is the data's, S = ‖A‖_F² + ‖C‖_F² in the units of a
squared norm (times the constant in front, e.g. 8k·S), √S for a norm: A_k is
computed from A's SVD with an error of order u·‖A‖, and A − C, A_k − C are
formed from data of that size.  Ranks are counted against the tolerance for
data of norm √S, not against the matrix's own largest singular value, so that
(I − P)C = 0 up to rounding has rank 0.

Errata (002, this section)
--------------------------
* The numerical corner takes ``vh[:,0]`` for the first right singular vector;
  numpy returns Vᵀ, so it is ``vh[0,:]``.  On the corner's data the two nearly
  agree (v₁ ≈ ±e₁: the clusters are separated along e₁), so the printed
  8099.057… is unaffected to 12 digits (``corner_projection_objectives``); in
  general they differ (``why_project_numerical_corner_vh_column``).
* The corner's C puts −w·e₁ on the first cluster and +w·e₁ on the second,
  while mmids's generator centres the first cluster at +w·e₁
  (``why_project_numerical_corner_printed_centres``).  The printed 207905.479…,
  8258.196…, 8099.057… are reproduced by the generator with numpy
  ``default_rng(535)`` and the printed C; with the true centres they are
  200925.7, 2095.4 and 1614.2 (``numerics.corner.reproduce``).
* "A ∈ 𝔸^{n×d}" (twice) is ℝ^{n×d}.  No reading of 𝔸 gives a claim that can
  fail (as the algebraic numbers it is a true special case), so this one is
  recorded here only, not as a checkable erratum.
"""

from __future__ import annotations

from dataclasses import replace
from fractions import Fraction
from functools import cache

import numpy as np
import sympy

from numerics import corner, exact
from numerics.backends import Exact, singular_values, truncation
from numerics.claims import (
    Case,
    Claim,
    Integer,
    Matrix,
    Relation,
    SymbolicMatrix,
    at_most,
    bind,
    equal,
    min_side,
)
from numerics.linalg import identity, rank_at_scale, root, tidy
from numerics.symbolic import plane_rotation, rotation, with_svd
from proofs.registry import Erratum, Theorem
from proofs.truncation import sigma

# --- small helpers (the shared ones are in numerics.linalg) --------------------------------------


def certified(relation_function):
    """``relation_function`` with each exact numeric inequality decided on rational bounds.

    With ‖A‖ ≪ ‖C‖ (A tiny, C huge) the two sides of several steps agree to ~log₁₀(‖C‖/‖A‖)
    digits, more than sympy's ``evalf`` resolves when it decides a sign.  So, in exact arithmetic,
    ``lhs ≤ rhs`` is replaced by ``hi ≤ lo`` for rational bounds lhs ≤ hi and lo ≤ rhs — a
    certificate that the relation holds — or by ``lo' ≤ hi'`` with lo' ≤ lhs, rhs ≤ hi' and
    lo' > hi', a certificate that it fails; the bounds (``rational_bounds``) are tightened until one
    of the two is found, and the relation is left as it was if neither is (equality, or symbols).
    """

    def relations(ops, **values):
        result = relation_function(ops, **values)
        if not ops.exact:
            return result
        return tuple(_decided(r) for r in ((result,) if isinstance(result, Relation) else result))

    return relations


def _decided(relation: Relation) -> Relation:
    lhs, rhs = sympy.sympify(relation.lhs), sympy.sympify(relation.rhs)
    if relation.kind != "<=" or lhs.free_symbols or rhs.free_symbols or (lhs.is_Rational and rhs.is_Rational):
        return relation
    for digits in (30, 100, 300, 1000):
        try:
            (l0, l1), (r0, r1) = rational_bounds(lhs, digits), rational_bounds(rhs, digits)
        except ValueError:
            return relation
        if l1 <= r0 or l0 > r1:
            bounds = (l1, r0) if l1 <= r0 else (l0, r1)
            return replace(
                relation, lhs=bounds[0], rhs=bounds[1], label=f"{relation.label} [rational bounds]"
            )
    return relation


def rational_bounds(value, digits: int) -> tuple:
    """Rationals lo ≤ value ≤ hi for an exact real algebraic number: interval arithmetic over its
    sums, products, integer powers and square roots, down to rationals (exact) and to roots —
    ``CRootOf``, radicals of rationals — evaluated to ``digits`` significant digits (``evalf``
    refines a root on its isolating interval) with a margin of 10^(2 − digits) relative.
    ``ValueError`` for anything else.

    >>> low, high = rational_bounds(sympy.sqrt(2), 10)
    >>> low**2 < 2 < high**2
    True
    """
    value = sympy.sympify(value)
    if value.is_Rational:
        return value, value
    if value.is_Add:
        bounds = [rational_bounds(term, digits) for term in value.args]
        return sum(b[0] for b in bounds), sum(b[1] for b in bounds)
    if value.is_Mul:
        low, high = sympy.Integer(1), sympy.Integer(1)
        for factor in value.args:
            f0, f1 = rational_bounds(factor, digits)
            products = (low * f0, low * f1, high * f0, high * f1)
            low, high = min(products), max(products)
        return low, high
    if value.is_Pow and value.exp.is_Integer:
        b0, b1 = rational_bounds(value.base, digits)
        if value.exp < 0 and b0 <= 0 <= b1:
            raise ValueError(f"cannot bound {value}: its base may vanish")
        ends = sorted((b0**value.exp, b1**value.exp))
        return (0 if value.exp % 2 == 0 and b0 <= 0 <= b1 else ends[0]), ends[1]
    if value.is_Pow and value.exp == sympy.S.Half and not value.base.is_Rational:
        b0, b1 = rational_bounds(value.base, digits)
        if b1 < 0:
            raise ValueError(f"cannot bound {value}: a negative radicand")
        return rational_bounds(sympy.sqrt(max(b0, 0)), digits)[0], rational_bounds(sympy.sqrt(b1), digits)[1]
    if not (
        isinstance(value, sympy.CRootOf)
        or (value.is_Pow and value.base.is_Rational and value.exp.is_Rational)
    ):
        raise ValueError(f"cannot bound {value}: not a rational, a root or a radical")
    approximation = sympy.Rational(value.evalf(digits))
    radius = abs(approximation) * sympy.Rational(1, 10 ** (digits - 2))
    return approximation - radius, approximation + radius


def same_matrix(ops, X, Y, *, scale, label: str):
    """X = Y, as ‖X − Y‖_F = 0 against the scale of a norm."""
    return equal(ops.sqrt(ops.frobenius_sq(tidy(ops, X - Y))), 0, scale=scale, label=label)


def data_scale(ops, A, C):
    """S = ‖A‖_F² + ‖C‖_F²: the magnitude of the data in the units of a squared norm."""
    return ops.frobenius_sq(A) + ops.frobenius_sq(C)


def diagonal_rows(values, size: int) -> tuple:
    """The size×size rational diagonal matrix with ``values`` on its diagonal, as rows."""
    return tuple(
        tuple(Fraction(values[i]) if i == j else Fraction(0) for j in range(size)) for i in range(size)
    )


def projector(ops, W, k: int):
    """W_kW_kᵀ = Σ_{j<k} w_j w_jᵀ for the first k columns w_j of W."""
    size = ops.shape(W)[0]
    P = ops.zeros(size, size)
    for j in range(k):
        w = ops.column(W, j)
        P = P + w * ops.transpose(w)
    return tidy(ops, P)


# --- 002's proof --------------------------------------------------------------------------------


def kmeans_ratio(ops, A, C, k: int):
    """‖A_k − C‖_F²/(k‖A − C‖₂²): the constant the theorem bounds (by 8, sharply by 5)."""
    return ops.frobenius_sq(truncation(ops, A, k) - C) / (k * ops.spectral_sq(A - C))


def chain_ratios(ops, A, C, k: int):
    """ρ₁ = ‖A_k − C‖_F²/(2k‖A_k − C‖₂²) and ρ₂ = ‖A_k − C‖₂²/(4‖A − C‖₂²): how tight 002's
    rank step and its triangle/Eckart–Young step are (ρ₁ρ₂ is the ratio to 8k)."""
    F = truncation(ops, A, k) - C
    return (
        ops.frobenius_sq(F) / (2 * k * ops.spectral_sq(F)),
        ops.spectral_sq(F) / (4 * ops.spectral_sq(A - C)),
    )


def _why_project_8k(ops, A, k, C):
    Ak = tidy(ops, truncation(ops, A, k))
    F = Ak - C
    S = data_scale(ops, A, C)
    frob, spec = ops.frobenius_sq(F), ops.spectral_sq(F)
    tail, e = ops.spectral_sq(A - Ak), ops.spectral_sq(A - C)
    r = rank_at_scale(ops, F, scale=ops.sqrt(S))
    return (
        at_most(r, 2 * k, scale=1, label="rk(A_k − C) ≤ rk(A_k) + rk(−C) ≤ 2k"),
        at_most(frob, r * spec, scale=max(r, 1) * S, label="‖A_k − C‖_F² ≤ rk(A_k − C)·‖A_k − C‖₂²"),
        at_most(frob, 2 * k * spec, scale=2 * k * S, label="‖A_k − C‖_F² ≤ 2k‖A_k − C‖₂²"),
        at_most(
            spec,
            (root(ops, tail) + root(ops, e)) ** 2,
            scale=4 * S,
            label="triangle inequality: ‖A_k − C‖₂ ≤ ‖A_k − A‖₂ + ‖A − C‖₂",
        ),
        at_most(tail, e, scale=S, label="Eckart–Young: ‖A − A_k‖₂² ≤ ‖A − C‖₂²"),
        at_most(frob, 8 * k * e, scale=8 * k * S, label="‖A_k − C‖_F² ≤ 8k‖A − C‖₂²"),
    )


# --- the sharp proof ----------------------------------------------------------------------------


def split_by_left_singular_vectors(ops, A, C, k: int):
    """(PE, (I − P)C) with P = U_kU_kᵀ, E = A − C: A_k − C = PE − (I − P)C, the two terms with
    orthogonal column spaces."""
    P = projector(ops, ops.svd(A)[0], k)
    return tidy(ops, P * (A - C)), tidy(ops, (identity(ops, ops.shape(A)[0]) - P) * C)


def split_by_right_singular_vectors(ops, A, C, k: int):
    """(EQ, C(I − Q)) with Q = V_kV_kᵀ, E = A − C: A_k − C = EQ − C(I − Q), the two terms with
    orthogonal row spaces."""
    Q = projector(ops, ops.svd(A)[2], k)
    return tidy(ops, (A - C) * Q), tidy(ops, C * (identity(ops, ops.shape(A)[1]) - Q))


_SIDES = {
    # side: (split, the first term, the second term, their spaces, the dimension bounding the rank)
    "left": (split_by_left_singular_vectors, "PE", "(I − P)C", "column", "m"),
    "right": (split_by_right_singular_vectors, "EQ", "C(I − Q)", "row", "n"),
}


def _one_side(ops, A, k, C, side: str):
    split, first_name, second_name, spaces, dim_name = _SIDES[side]
    first, second = split(ops, A, C, k)
    F = tidy(ops, truncation(ops, A, k) - C)
    S = data_scale(ops, A, C)
    e = ops.spectral_sq(A - C)
    sigma_next = sigma(singular_values(ops, A), k + 1)
    m, n = ops.shape(A)
    limit = min(k, (m if side == "left" else n) - k)
    cross = tidy(ops, ops.transpose(first) * second if side == "left" else first * ops.transpose(second))
    frob_F, frob_second, spec_second = ops.frobenius_sq(F), ops.frobenius_sq(second), ops.spectral_sq(second)
    return (
        same_matrix(
            ops, F, first - second, scale=ops.sqrt(S), label=f"A_k − C = {first_name} − {second_name}"
        ),
        equal(
            ops.sqrt(ops.frobenius_sq(cross)),
            0,
            scale=S,
            label=f"{first_name} and {second_name} have orthogonal {spaces} spaces",
        ),
        equal(
            frob_F,
            ops.frobenius_sq(first) + frob_second,
            scale=S,
            label=f"‖A_k − C‖_F² = ‖{first_name}‖_F² + ‖{second_name}‖_F²",
        ),
        at_most(ops.frobenius_sq(first), k * e, scale=k * S, label=f"‖{first_name}‖_F² ≤ k‖E‖₂²"),
        at_most(
            rank_at_scale(ops, second, scale=ops.sqrt(S)),
            limit,
            scale=1,
            label=f"rk {second_name} ≤ min(k, {dim_name} − k)",
        ),
        at_most(
            spec_second,
            (sigma_next + root(ops, e)) ** 2,
            scale=4 * S,
            label=f"‖{second_name}‖₂ ≤ σ_{{k+1}} + ‖E‖₂",
        ),
        at_most(spec_second, 4 * e, scale=4 * S, label=f"‖{second_name}‖₂ ≤ 2‖E‖₂"),
        at_most(
            frob_second,
            4 * limit * e,
            scale=max(4 * limit, 1) * S,
            label=f"‖{second_name}‖_F² ≤ 4·min(k, {dim_name} − k)‖E‖₂²",
        ),
        at_most(
            frob_F,
            (k + 4 * limit) * e,
            scale=(k + 4 * limit) * S,
            label=f"‖A_k − C‖_F² ≤ (k + 4·min(k, {dim_name} − k))‖E‖₂²",
        ),
    )


def sharp_constant(k: int, m: int, n: int) -> int:
    """k + 4·min(k, m − k, n − k) (≤ 5k)."""
    return k + 4 * min(k, m - k, n - k)


def _why_project_sharp(ops, A, k, C):
    m, n = ops.shape(A)
    F = tidy(ops, truncation(ops, A, k) - C)
    S = data_scale(ops, A, C)
    frob, e = ops.frobenius_sq(F), ops.spectral_sq(A - C)
    bound = sharp_constant(k, m, n)
    return (
        at_most(
            sigma(singular_values(ops, A), k + 1) ** 2,
            e,
            scale=S,
            label="Eckart–Young: σ_{k+1}² ≤ ‖E‖₂²",
        ),
        *_one_side(ops, A, k, C, "left"),
        *_one_side(ops, A, k, C, "right"),
        at_most(
            frob,
            bound * e,
            scale=bound * S,
            label="‖A_k − C‖_F² ≤ (k + 4·min(k, m − k, n − k))‖A − C‖₂²",
        ),
        at_most(bound, 5 * k, scale=1, label="k + 4·min(k, m − k, n − k) ≤ 5k"),
        at_most(frob, 5 * k * e, scale=5 * k * S, label="‖A_k − C‖_F² ≤ 5k‖A − C‖₂²"),
        at_most(
            frob,
            k * (e + ops.spectral_sq(F)),
            scale=2 * k * S,
            label="002's steps are not tight together: ‖A_k − C‖_F² ≤ k(‖A − C‖₂² + ‖A_k − C‖₂²)",
        ),
    )


# --- sharpness ----------------------------------------------------------------------------------


def tight_ratio(epsilon) -> Fraction:
    """1 + 4/(1 + ε)²: the ratio ‖A_k − C‖_F²/(k‖A − C‖₂²) of the tight family."""
    return 1 + Fraction(4) / (1 + Fraction(epsilon)) ** 2


def tight_epsilon(delta) -> Fraction:
    """ε = min(δ, 1)/16, so that 1 + 4/(1 + ε)² > 5 − δ.

    With δ' = min(δ, 1): (1 + ε)² = 1 + δ'/8 + δ'²/256 < 1 + δ'/4, and
    4/(1 + δ'/4) > 4 − δ' ≥ 4 − δ.
    """
    delta = Fraction(delta)
    if delta <= 0:
        raise ValueError(f"delta must be > 0, got {delta}")
    return min(delta, Fraction(1)) / 16


def tight_matrices(k: int, epsilon, *, U=None, V=None) -> dict:
    """A = U·diag((1 + ε)I_k, I_k)·Vᵀ with that SVD, C = U·diag(0, 2I_k)·Vᵀ, and k; U = V = I by
    default (the family as the catalog states it), else rational orthogonal 2k×2k matrices."""
    epsilon = Fraction(epsilon)
    U = U or exact.rational_orthogonal([], size=2 * k)
    V = V or exact.rational_orthogonal([], size=2 * k)
    A = exact.matrix_with_svd(U, [1 + epsilon] * k + [Fraction(1)] * k, V, family="tight")
    C = exact.exact_matmul(
        exact.exact_matmul(U, diagonal_rows([0] * k + [2] * k, 2 * k)), exact.exact_transpose(V)
    )
    return {"A": A, "k": k, "C": exact.ExactMatrix(C, "tight")}


def tight_instance(k: int, delta) -> tuple[Fraction, dict]:
    """A rational ε > 0 and the tight instance with ‖A_k − C‖_F²/(k‖A − C‖₂²) > 5 − δ, the ratio
    certified in exact arithmetic on the instance itself (not only by the formula)."""
    epsilon = tight_epsilon(delta)
    values = tight_matrices(k, epsilon)
    ops = Exact()
    bound, _ = bind(ops, values)
    ratio = kmeans_ratio(ops, bound["A"], bound["C"], k)
    if not (ratio == tight_ratio(epsilon) and ratio > 5 - Fraction(delta)):
        raise ArithmeticError(f"tight instance k={k}, δ={delta}, ε={epsilon}: ratio {ratio} ≤ 5 − δ")
    return epsilon, values


# --- the numerical corner -----------------------------------------------------------------------


@cache
def corner_projection_objectives(*, printed_centres: bool = True) -> dict:
    """‖σ₁u₁vᵀ − C‖_F² on the data of 002's numerical corner (``numerics.corner``) with
    v = ``vh[:,0]`` as printed and with v = ``vh[0,:]``, the first right singular vector."""
    X = np.concatenate(
        corner.two_separated_clusters(np.random.default_rng(corner.SEED), corner.D, corner.N, corner.W),
        axis=0,
    )
    C = corner.centres(printed=printed_centres)
    u, s, vh = np.linalg.svd(X)
    return {
        name: float(np.sum((s[0] * np.outer(u[:, 0], v) - C) ** 2))
        for name, v in (("vh[:,0]", vh[:, 0]), ("vh[0,:]", vh[0, :]))
    }


def cluster_centres(ops, d: int, n: int, w: int, *, printed: bool):
    """The 2n×d centres matrix of the corner's clusters: the generator's (+w·e₁ for the first n
    rows, −w·e₁ for the last n), or the printed C (the two swapped)."""
    sign = -1 if printed else 1
    rows = [[sign * w * (j == 0) for j in range(d)]] * n + [[-sign * w * (j == 0) for j in range(d)]] * n
    return ops.matrix(rows)


# --- claims -------------------------------------------------------------------------------------

A_ANY = Matrix("A", prescribed=True)
K_ANY = Integer("k", 1, lambda v: min_side(v["A"]))
C_RANK_K = Matrix("C", "m", "n", max_rank=lambda v: v["k"])

why_project_8k = Claim(
    id="why_project_8k",
    title="Projecting onto the top k singular vectors keeps the k-means objective within 8k‖A − C‖₂²",
    source="002 Why Project (Theorem and proof)",
    statement=(
        "‖A_k − C‖_F² ≤ 8k‖A − C‖₂² for every m×n A, 1 ≤ k ≤ min(m, n) and C of rank ≤ k "
        "(002's n > d, full column rank and k < r are not needed)."
    ),
    variables=(A_ANY, K_ANY, C_RANK_K),
    relation=certified(_why_project_8k),
)

why_project_sharp_5k = Claim(
    id="why_project_sharp_5k",
    title="The sharp Why Project bound: constant k + 4·min(k, m − k, n − k) ≤ 5k",
    source="beyond the documents (CATALOG.md); sharpens 002 Why Project",
    statement=(
        "‖A_k − C‖_F² ≤ (k + 4·min(k, m − k, n − k))‖A − C‖₂² ≤ 5k‖A − C‖₂² for every m×n A, "
        "1 ≤ k ≤ min(m, n) and C of rank ≤ k; 5 cannot be lowered."
    ),
    variables=(A_ANY, K_ANY, C_RANK_K),
    relation=certified(_why_project_sharp),
)


# --- cases --------------------------------------------------------------------------------------


def _tight_symbolic(rows: int):
    """The tight family with k = 1 and ε = x/(1 + x) ∈ (0, 1) symbolic (so that (1 + ε)² < 4 = σ₁(C)²
    is decided), rotated by a symbolic angle: on the left only (2×2), or on both sides (3×2; one
    angle, since three symbols make the exact check slow)."""

    def build():
        t = sympy.symbols("t", real=True)
        x = sympy.symbols("x", positive=True)
        top = (1 + 2 * x) / (1 + x)
        U = rotation(t) if rows == 2 else plane_rotation(3, 0, 2, t)
        V = sympy.eye(2) if rows == 2 else rotation(t)
        middle = sympy.zeros(rows, 2)
        middle[1, 1] = 2
        C = SymbolicMatrix((U * middle * V.T).applyfunc(sympy.cancel))
        return {"A": with_svd(U, [top, 1], V), "k": 1, "C": C}

    return build


def _tight_exact(k: int, delta: Fraction):
    return lambda: tight_instance(k, delta)[1]


def _attained_five(k: int):
    """ε = 0: A = I_{2k} (A_k = diag(I_k, 0), the truncation its SVD picks), C = diag(0, 2I_k):
    ratio exactly 5, and 002's triangle/Eckart–Young step exactly tight (ρ₂ = 1)."""
    return lambda: tight_matrices(k, 0)


def _rank_step_tight():
    """A = diag(1, 0), C = diag(0, 1), k = 1: A_1 − C = diag(1, −1), so 002's rank step is tight
    (ρ₁ = 1) while ρ₂ = 1/4."""
    eye = exact.rational_orthogonal([], size=2)
    return {
        "A": exact.matrix_with_svd(eye, [1, 0], eye),
        "k": 1,
        "C": exact.ExactMatrix(diagonal_rows([0, 1], 2), "rational"),
    }


def _tight_rotated():
    """The tight family (k = 1, δ = 1/10) turned by rational rotations on both sides."""
    U, V = exact.householder([1, 3]), exact.cayley([[0, Fraction(1, 2)], [Fraction(-1, 2), 0]])
    return tight_matrices(1, tight_epsilon(Fraction(1, 10)), U=U, V=V)


def _generic_2x2():
    """A rotated on both sides (V a rotation, not a symmetric reflector) and a rank-one C."""
    U, V = exact.householder([1, 3]), exact.cayley([[0, Fraction(1, 3)], [Fraction(-1, 3), 0]])
    C = exact.exact_matmul([[1], [2]], [[1, -1]])
    return {"A": exact.matrix_with_svd(U, (3, 1), V), "k": 1, "C": exact.ExactMatrix(C, "rational")}


def _generic_4x3():
    U = exact.rational_orthogonal([[1, 2, 2, 0], [0, 1, -1, 3]])
    V = exact.householder([2, -1, 2])
    C = exact.exact_matmul([[1, 2], [0, 1], [3, -1], [1, 1]], [[1, 0, 2], [2, 1, -1]])
    return {"A": exact.matrix_with_svd(U, (7, 3, 1), V), "k": 2, "C": exact.ExactMatrix(C, "rational")}


SYMBOLIC_CASES = (
    Case("tight_rotated_2x2", _tight_symbolic(2)),
    Case("tight_rotated_3x2", _tight_symbolic(3)),
)
DELTAS = (Fraction(1, 2), Fraction(1, 10), Fraction(1, 1000))
TIGHT_CASES = tuple(
    Case(f"tight_k{k}_delta_{delta.numerator}_{delta.denominator}", _tight_exact(k, delta), kind="exact")
    for delta in DELTAS
    for k in (1, 2, 3)
)
EXTREMAL_CASES = (
    Case("ratio_5_at_repeated_sigma_k1", _attained_five(1), kind="exact"),
    Case("ratio_5_at_repeated_sigma_k2", _attained_five(2), kind="exact"),
    Case("rank_step_tight", _rank_step_tight, kind="exact"),
    Case("generic_2x2_k1", _generic_2x2, kind="exact"),
    Case("generic_4x3_k2", _generic_4x3, kind="exact"),
    Case("tight_rotated_k1_delta_1_10", _tight_rotated, kind="exact"),
)


# --- mutants ------------------------------------------------------------------------------------


def _bound(constant):
    """‖A_k − C‖_F² ≤ constant·k‖A − C‖₂²."""

    def relation(ops, A, k, C):
        return at_most(
            ops.frobenius_sq(truncation(ops, A, k) - C),
            ops.number(constant) * k * ops.spectral_sq(A - C),
            scale=ops.number(constant) * k * data_scale(ops, A, C),
        )

    return relation


def _rank_le_k(ops, A, k, C):
    """002's chain with rk(A_k − C) ≤ k: ‖A_k − C‖_F² ≤ k‖A_k − C‖₂² ≤ 4k‖A − C‖₂²."""
    F = truncation(ops, A, k) - C
    S = data_scale(ops, A, C)
    return (
        at_most(rank_at_scale(ops, F, scale=ops.sqrt(S)), k, scale=1),
        at_most(ops.frobenius_sq(F), k * ops.spectral_sq(F), scale=k * S),
        at_most(ops.frobenius_sq(F), 4 * k * ops.spectral_sq(A - C), scale=4 * k * S),
    )


def _unsquared(ops, A, k, C):
    return at_most(
        ops.frobenius_sq(truncation(ops, A, k) - C),
        8 * k * ops.sqrt(ops.spectral_sq(A - C)),
        scale=8 * k * data_scale(ops, A, C),
    )


def _without_k(ops, A, k, C):
    return at_most(
        ops.frobenius_sq(truncation(ops, A, k) - C),
        8 * ops.spectral_sq(A - C),
        scale=8 * data_scale(ops, A, C),
    )


def _min_off_by_one(ops, A, k, C):
    m, n = ops.shape(A)
    bound = k + 4 * max(0, min(k - 1, m - k, n - k))
    return at_most(
        ops.frobenius_sq(truncation(ops, A, k) - C),
        bound * ops.spectral_sq(A - C),
        scale=bound * data_scale(ops, A, C),
    )


def _min_over_rank_of_a(ops, A, k, C):
    r = sum(1 for s in singular_values(ops, A) if s != 0) if ops.exact else ops.rank(A)
    bound = k + 4 * max(0, min(k, r - k))
    return at_most(
        ops.frobenius_sq(truncation(ops, A, k) - C),
        bound * ops.spectral_sq(A - C),
        scale=bound * data_scale(ops, A, C),
    )


def _rank_bound_over_columns(ops, A, k, C):
    second = split_by_left_singular_vectors(ops, A, C, k)[1]
    n = ops.shape(A)[1]
    return at_most(rank_at_scale(ops, second, scale=ops.sqrt(data_scale(ops, A, C))), min(k, n - k), scale=1)


def _without_sigma_next(ops, A, k, C):
    second = split_by_left_singular_vectors(ops, A, C, k)[1]
    return at_most(ops.spectral_sq(second), ops.spectral_sq(A - C), scale=data_scale(ops, A, C))


def _vh_column(ops, A, k, C):
    """002's corner: σ₁u₁wᵀ with w = vh[:,0] — the first column of Vᵀ, i.e. the first row of V —
    taken for A₁ = σ₁u₁v₁ᵀ."""
    U, s, V = ops.svd(A)
    w = ops.column(ops.transpose(V), 0)
    printed = s[0] * ops.column(U, 0) * ops.transpose(w)
    return equal(
        ops.frobenius_sq(printed - C),
        ops.frobenius_sq(truncation(ops, A, k) - C),
        scale=data_scale(ops, A, C),
        label="‖σ₁u₁(vh[:,0])ᵀ − C‖_F² = ‖A₁ − C‖_F²",
    )


def _printed_centres(ops, d, n, w):
    generator = cluster_centres(ops, d, n, w, printed=False)
    return equal(
        ops.frobenius_sq(cluster_centres(ops, d, n, w, printed=True) - generator),
        0,
        scale=ops.frobenius_sq(generator),
        label="printed C = the generator's centres",
    )


VH_COLUMN = why_project_8k.mutant(
    "why_project_numerical_corner_vh_column",
    statement=(
        "002's corner: ‖σ₁u₁(vh[:,0])ᵀ − C‖_F² is the k-means objective ‖A₁ − C‖_F² of the projected "
        "data (vh[:,0] is the first column of Vᵀ, not v₁ = vh[0,:]); square A, so that V is square."
    ),
    variables=(Matrix("A", 2, 2, prescribed=True), Integer("k", 1, 1), Matrix("C", 2, 2, max_rank=1)),
    relation=certified(_vh_column),
)

PRINTED_CENTRES = why_project_8k.mutant(
    "why_project_numerical_corner_printed_centres",
    statement=(
        "002's corner: C1 = −w·e₁ (first n rows), C2 = +w·e₁ (last n rows) are the true centres of "
        "mmids's clusters (whose generator centres the first cluster at +w·e₁)."
    ),
    variables=(Integer("d", 1, 4), Integer("n", 1, 4), Integer("w", 1, 5)),
    relation=certified(_printed_centres),
)

THEOREMS = (
    Theorem(
        why_project_8k,
        cases=(*SYMBOLIC_CASES, *TIGHT_CASES[3:5], *EXTREMAL_CASES),
        mutant_claims=(
            why_project_8k.mutant(
                "why_project_8k_rank_le_k",
                statement="002's chain with rk(A_k − C) ≤ k (for 2k), hence ‖A_k − C‖_F² ≤ 4k‖A − C‖₂².",
                relation=certified(_rank_le_k),
            ),
            why_project_8k.mutant(
                "why_project_8k_unsquared",
                statement="‖A_k − C‖_F² ≤ 8k‖A − C‖₂ (the square dropped on the right).",
                relation=certified(_unsquared),
            ),
            why_project_8k.mutant(
                "why_project_8k_without_k",
                statement="‖A_k − C‖_F² ≤ 8‖A − C‖₂² (the factor k dropped).",
                relation=certified(_without_k),
            ),
            VH_COLUMN,
            PRINTED_CENTRES,
        ),
    ),
    Theorem(
        why_project_sharp_5k,
        cases=(*SYMBOLIC_CASES, *TIGHT_CASES, *EXTREMAL_CASES),
        mutant_claims=(
            why_project_sharp_5k.mutant(
                "why_project_sharp_4_5k",
                statement="‖A_k − C‖_F² ≤ 4.5k‖A − C‖₂² (a constant below the sharp 5).",
                relation=certified(_bound(Fraction(9, 2))),
            ),
            why_project_sharp_5k.mutant(
                "why_project_sharp_4_9k",
                statement="‖A_k − C‖_F² ≤ 4.9k‖A − C‖₂² (a constant below the sharp 5).",
                relation=certified(_bound(Fraction(49, 10))),
            ),
            why_project_sharp_5k.mutant(
                "why_project_sharp_min_off_by_one",
                statement="‖A_k − C‖_F² ≤ (k + 4·min(k − 1, m − k, n − k))‖A − C‖₂².",
                relation=certified(_min_off_by_one),
            ),
            why_project_sharp_5k.mutant(
                "why_project_sharp_min_over_rank_of_a",
                statement=(
                    "‖A_k − C‖_F² ≤ (k + 4·min(k, r − k))‖A − C‖₂², r = rk A (the complement of "
                    "span(u_1..u_k) taken inside the range of A)."
                ),
                relation=certified(_min_over_rank_of_a),
            ),
            why_project_sharp_5k.mutant(
                "why_project_sharp_rank_bound_over_columns",
                statement=(
                    "rk (I − P)C ≤ min(k, n − k) with n the number of columns (the catalog's n counts "
                    "rows of its n×m A)."
                ),
                relation=certified(_rank_bound_over_columns),
            ),
            why_project_sharp_5k.mutant(
                "why_project_sharp_without_sigma_k_plus_1",
                statement="‖(I − P)C‖₂ ≤ ‖A − C‖₂ (σ_{k+1} dropped from σ_{k+1} + ‖E‖₂).",
                relation=certified(_without_sigma_next),
            ),
        ),
    ),
)

ERRATA = (
    Erratum(
        name="002_why_project_corner_vh_column",
        source="002 Why project?, numerical corner",
        printed="frob_proj = np.sum((s[0] * np.outer(u[:,0],vh[:,0]) - C)**2)",
        correction=(
            "the first right singular vector is vh[0,:] (numpy returns Vᵀ); on the corner's data v₁ ≈ ±e₁, "
            "so the printed 8099.057… is unaffected to 12 digits, but in general the two differ"
        ),
        literal=VH_COLUMN,
        corrected=why_project_8k,
    ),
    Erratum(
        name="002_why_project_corner_swapped_centres",
        source="002 Why project?, numerical corner",
        printed="C1 = −w·e₁ (rows of X1), C2 = +w·e₁ (rows of X2): 207905.479…, 8258.196…, 8099.057…",
        correction=(
            "mmids's generator centres X1 at +w·e₁ and X2 at −w·e₁; the printed numbers are reproduced with "
            "default_rng(535) and the swapped C; with the true centres they are 200925.7, 2095.4, 1614.2"
        ),
        literal=PRINTED_CENTRES,
        corrected=why_project_8k,
    ),
)
