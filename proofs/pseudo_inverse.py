"""The pseudo-inverse through the SVD.

Source: 000, section "General Solution for Pseudo-Inverse" (within "Some
Applications").

Main statement
--------------
* ``pseudo_inverse_via_svd`` — for A = UΣVᵀ ∈ ℝ^{n×r}, A† = VΣ†Uᵀ minimises
  ‖AB − I_n‖_F over B ∈ ℝ^{r×n}; it also minimises ‖BA − I_r‖_F (the left and
  right pseudo-inverses coincide); it satisfies the four Penrose conditions
  AA†A = A, A†AA† = A†, (AA†)ᵀ = AA†, (A†A)ᵀ = A†A; and when rank A < r the
  minimisers form a set, of which A† is the element of least norm.

Notation follows 000: A is n×r, B is r×n, A = UΣVᵀ with U (n×n) and V (r×r)
orthogonal and Σ (n×r) diagonal, and k = rank A.  Σ† is the r×n matrix with
1/σ_1, …, 1/σ_k on its diagonal and zeros elsewhere.

Hypotheses
----------
None: A is any real n×r matrix, of any shape and rank, the zero matrix
included (A† = 0).  000 first assumes rank A = r ("when the rank of A is r")
and says the formula "can be further proven" to hold for rank A < r; that
general case is the one checked, and it is where the argmin stops being a
single matrix.

Proof, as in 000 (with k = rank A in place of 000's r)
-------------------------------------------------------
Write B = VZUᵀ, i.e. Z = VᵀBU (``svd_coordinates``): any B is of this form,
Z need not be diagonal.  By orthogonal invariance
‖AB − I_n‖² = ‖U(ΣZ − I_n)Uᵀ‖² = ‖ΣZ − I_n‖².  Rows k+1..n of ΣZ vanish, so in
block form (``block_form_objective``)

    ‖ΣZ − I_n‖² = ‖Σ_k Z_{[:k,:k]} − I_k‖² + ‖Σ_k Z_{[:k,k:]}‖² + (n − k),

minimised exactly when Z_{[:k,:k]} = Σ_k⁻¹ and Z_{[:k,k:]} = 0, with minimum
n − k.  For k = r (000's case) that fixes Z = Σ†.  For k < r the rows
Z_{[k:,:]} are free: the minimisers are B = A† + V_{[:,k:]}WUᵀ, i.e. A† + Z
with AZ = 0 — equivalently A† + (I − A†A)W for any W (``right_minimiser``).
Since the columns of A† lie in the row space of A and those of (I − A†A)W
in its null space, ‖A† + (I − A†A)W‖² = ‖A†‖² + ‖(I − A†A)W‖² ≥ ‖A†‖²:
A† is the minimum-norm minimiser.  The left problem ‖BA − I_r‖ is the right
problem of Aᵀ = VΣᵀUᵀ, whose solution (UΣᵀ†Vᵀ)ᵀ = VΣ†Uᵀ is the same matrix;
its minimisers are A† + W(I − AA†) (``left_minimiser``), again with A† of
least norm.  The Penrose conditions follow from ΣΣ†Σ = Σ, Σ†ΣΣ† = Σ†, and
ΣΣ†, Σ†Σ being diagonal.

Checks
------
Every step above is a labelled relation of the one claim: B = VZUᵀ, the
orthogonal invariance, the block form, the minimum n − k, VᵀA†U = Σ†, the
inequality against the drawn B (right and left), the four Penrose
conditions, and for the minimisers built from B (taken as W): same objective,
Pythagoras, least norm.  Symbolic cases: a 2×2 of full rank and a 3×2 of rank
1, with rotations by symbolic angles, symbolic singular values and a
competitor B = V(Σ† + wE)Uᵀ with a symbolic w (so that every inequality is a
manifest sum of squares); exact cases with prescribed SVDs (tall
rank-deficient, wide full-rank, square with a repeated value and a zero);
drawn exact and high-precision instances from every family.

Mutants and erratum
-------------------
``pseudo_inverse_inverting_zero_singular_values`` inverts every σ (a zero,
where 1/σ is undefined, regularised to 1/ε): exactly, A†AA† = A† fails;
``pseudo_inverse_with_sigma_untransposed`` is 000's recipe "the reciprocal
of the non-zero elements of Σᵀ and then transposing it" read literally — an
n×r matrix that cannot stand between V and Uᵀ unless n = r (the erratum
``000_pseudo_inverse_sigma_transposed_twice``);
``pseudo_inverse_of_product_reversed`` is the rule for inverses,
(AB)† = B†A†, false in general (AB has no prescribed SVD, so exactly its
pseudo-inverse comes from sympy's full-rank-factorisation formula);
``pseudo_inverse_left_inverse_is_identity`` claims A†A = I_r, true only for
full column rank; ``pseudo_inverse_unique_minimiser`` claims the argmin is the
single matrix A†.

Precision
---------
Which σ count as zero: exactly, the prescribed zeros; numerically,
``ops.rank(A)`` — the σ above ``tolerance(dps, max(n, r), σ₁)``, the one
policy.  A computed σ that is zero in exact arithmetic is of the order of
u·σ₁, far below that cutoff; every nonzero σ of the families is resolved
because the check's dps includes the instance's dynamic range.  Without the
cutoff that noise would be inverted (mutant
``pseudo_inverse_inverting_zero_singular_values``: at high precision it breaks
AA†A = A).  Scales follow the perturbation theory of A† and the rounding of
the products, with a = ‖A‖_F, d = ‖A†‖_F (from the singular values under the
policy, so that a mutant cannot loosen its own tolerance) and b = ‖B‖_F: a
backward error u·a of the SVD moves A† by u·a·d², so A†AA† = A† is compared
at a·d²; AA† and A†A carry errors u·a·d, so the symmetry conditions are
compared at a·d and AA†A = A at a²·d; the objectives ‖AB − I_n‖² (also for
the minimisers built from B, whose A†A·B is off by u·a·d·b) at
n + a·d(1 + a·b) + (a·b)² (r for n on the left); the squared norms of the
minimisers at d² + b² + a·d·b(d + b).  Matrix identities X = Y are compared
as ‖X − Y‖_F = 0 (norm, not squared, units).
"""

from __future__ import annotations

from fractions import Fraction

import sympy

from numerics import exact
from numerics.backends import Exact
from numerics.claims import Case, Claim, Matrix, SymbolicMatrix, at_most, equal
from numerics.linalg import diagonal, frobenius_sq, full_svd, identity, norm, product
from numerics.symbolic import descending_values, plane_rotation, rotation, with_svd
from proofs.registry import Erratum, Theorem

# The construction of 000.


def nonzero_count(ops, A, s) -> int:
    """k, the number of σ that are not zero: exactly, the prescribed nonzero values;
    numerically, ``ops.rank`` — the σ above the tolerance policy's cutoff."""
    return sum(1 for x in s if x != 0) if ops.exact else ops.rank(A)


def sigma_dagger(ops, s, k: int, n: int, r: int):
    """Σ† (r×n, for Σ n×r): the reciprocals of the k nonzero diagonal entries of Σᵀ, in place."""
    return diagonal(ops, [1 / x for x in s[:k]], shape=(r, n))


def pseudo_inverse(ops, A):
    """A† = VΣ†Uᵀ from the SVD the backend knows (exact) or computes (high precision)."""
    U, s, V = ops.svd(A)
    k = nonzero_count(ops, A, s)
    Sigma_dagger = sigma_dagger(ops, s, k, ops.shape(U)[1], ops.shape(V)[1])
    return product(ops, V, Sigma_dagger, ops.transpose(U))


def svd_coordinates(ops, B, U, V):
    """000's change of variables: Z = VᵀBU, so that B = VZUᵀ."""
    return product(ops, ops.transpose(V), B, U)


def block_form_objective(ops, s, k: int, Z, n: int):
    """000's block form of ‖ΣZ − I_n‖²: ‖Σ_kZ_{[:k,:k]} − I_k‖² + ‖Σ_kZ_{[:k,k:]}‖² + (n − k)."""
    top_left = ops.total((s[i] * Z[i, j] - (1 if i == j else 0)) ** 2 for i in range(k) for j in range(k))
    top_right = ops.total((s[i] * Z[i, j]) ** 2 for i in range(k) for j in range(k, n))
    return top_left + top_right + (n - k)


def right_objective(ops, A, B):
    """‖AB − I_n‖²."""
    return frobenius_sq(ops, product(ops, A, B) - identity(ops, ops.shape(A)[0]))


def left_objective(ops, A, B):
    """‖BA − I_r‖²."""
    return frobenius_sq(ops, product(ops, B, A) - identity(ops, ops.shape(A)[1]))


def right_minimiser(ops, A, A_dagger, W):
    """A† + (I_r − A†A)W: a minimiser of ‖AB − I_n‖, the added term in the null space of A."""
    return A_dagger + product(ops, identity(ops, ops.shape(A)[1]) - product(ops, A_dagger, A), W)


def left_minimiser(ops, A, A_dagger, W):
    """A† + W(I_n − AA†): a minimiser of ‖BA − I_r‖, the added rows orthogonal to the columns of A."""
    return A_dagger + product(ops, W, identity(ops, ops.shape(A)[0]) - product(ops, A, A_dagger))


def _magnitudes(ops, A, B, s, k):
    """a = ‖A‖_F and d = ‖A†‖_F from the singular values (√Σσ_i², √Σ_{i≤k} σ_i⁻²), b = ‖B‖_F."""
    a = ops.sqrt(ops.total(x**2 for x in s))
    d = ops.sqrt(ops.total(1 / x**2 for x in s[:k]))
    return a, d, ops.sqrt(frobenius_sq(ops, B))


def _relations(ops, A, B, pinv=pseudo_inverse):
    n, r = ops.shape(A)
    U, s, V = full_svd(ops, A)
    k = nonzero_count(ops, A, s)
    a, d, b = _magnitudes(ops, A, B, s, k)
    A_dagger = pinv(ops, A)
    Z = svd_coordinates(ops, B, U, V)
    Sigma = diagonal(ops, s, shape=(n, r))
    right, left = right_objective(ops, A, B), left_objective(ops, A, B)
    right_min, left_min = right_objective(ops, A, A_dagger), left_objective(ops, A, A_dagger)
    right_scale, left_scale = (size + a * d * (1 + a * b) + (a * b) ** 2 for size in (n, r))
    norm_scale = d**2 + b**2 + a * d * b * (d + b)
    B_right, B_left = right_minimiser(ops, A, A_dagger, B), left_minimiser(ops, A, A_dagger, B)
    AAd, AdA = product(ops, A, A_dagger), product(ops, A_dagger, A)
    return (
        equal(
            norm(ops, product(ops, V, Z, ops.transpose(U)) - B), 0, scale=b, label="B = VZUᵀ with Z = VᵀBU"
        ),
        equal(
            right,
            frobenius_sq(ops, product(ops, Sigma, Z) - identity(ops, n)),
            scale=right_scale,
            label="‖AB − I_n‖² = ‖ΣZ − I_n‖²",
        ),
        equal(right, block_form_objective(ops, s, k, Z, n), scale=right_scale, label="block form"),
        equal(right_min, n - k, scale=right_scale, label="min ‖AB − I_n‖² = n − k"),
        equal(
            norm(ops, svd_coordinates(ops, A_dagger, U, V) - sigma_dagger(ops, s, k, n, r)),
            0,
            scale=d,
            label="VᵀA†U = Σ† (Z_{[:k,:k]} = Σ_k⁻¹, Z_{[:k,k:]} = 0, free rows 0)",
        ),
        at_most(right_min, right, scale=right_scale, label="‖AA† − I_n‖² ≤ ‖AB − I_n‖²"),
        at_most(left_min, left, scale=left_scale, label="‖A†A − I_r‖² ≤ ‖BA − I_r‖² (left = right)"),
        equal(left_min, r - k, scale=left_scale, label="min ‖BA − I_r‖² = r − k"),
        equal(norm(ops, product(ops, AAd, A) - A), 0, scale=a**2 * d, label="Penrose 1: AA†A = A"),
        equal(
            norm(ops, product(ops, AdA, A_dagger) - A_dagger),
            0,
            scale=a * d**2,
            label="Penrose 2: A†AA† = A†",
        ),
        equal(norm(ops, ops.transpose(AAd) - AAd), 0, scale=a * d, label="Penrose 3: (AA†)ᵀ = AA†"),
        equal(norm(ops, ops.transpose(AdA) - AdA), 0, scale=a * d, label="Penrose 4: (A†A)ᵀ = A†A"),
        equal(
            right_objective(ops, A, B_right),
            right_min,
            scale=right_scale,
            label="A† + (I − A†A)B is a minimiser too",
        ),
        equal(
            frobenius_sq(ops, B_right),
            frobenius_sq(ops, A_dagger) + frobenius_sq(ops, B_right - A_dagger),
            scale=norm_scale,
            label="‖A† + (I − A†A)B‖² = ‖A†‖² + ‖(I − A†A)B‖²",
        ),
        at_most(
            frobenius_sq(ops, A_dagger),
            frobenius_sq(ops, B_right),
            scale=norm_scale,
            label="‖A†‖ ≤ ‖A† + (I − A†A)B‖ (least norm)",
        ),
        equal(
            left_objective(ops, A, B_left), left_min, scale=left_scale, label="A† + B(I − AA†) is a minimiser"
        ),
        equal(
            frobenius_sq(ops, B_left),
            frobenius_sq(ops, A_dagger) + frobenius_sq(ops, B_left - A_dagger),
            scale=norm_scale,
            label="‖A† + B(I − AA†)‖² = ‖A†‖² + ‖B(I − AA†)‖²",
        ),
    )


A_ANY = Matrix("A", "n", "r", prescribed=True)
B_ANY = Matrix("B", "r", "n")

pseudo_inverse_via_svd = Claim(
    id="pseudo_inverse_via_svd",
    title="The pseudo-inverse VΣ†Uᵀ: least squares, Penrose conditions, least norm",
    source="000 General Solution for Pseudo-Inverse",
    statement=(
        "For A = UΣVᵀ ∈ ℝ^{n×r} of rank k, A† = VΣ†Uᵀ minimises ‖AB − I_n‖_F and ‖BA − I_r‖_F over "
        "B ∈ ℝ^{r×n} (minima n − k and r − k); it satisfies AA†A = A, A†AA† = A†, (AA†)ᵀ = AA†, "
        "(A†A)ᵀ = A†A; every A† + (I − A†A)W and A† + W(I − AA†) is a minimiser too, of norm ≥ ‖A†‖."
    ),
    variables=(A_ANY, B_ANY),
    relation=_relations,
)

# Mutants.

_REGULARISATION = Fraction(1, 10**40)


def pseudo_inverse_inverting_every_value(ops, A):
    """VΣ'Uᵀ with 1/σ_i for every i, a zero read as ε = 10⁻⁴⁰·σ₁ (1/max(σ_i, ε)): no rank cutoff."""
    U, s, V = ops.svd(A)
    floor = ops.number(_REGULARISATION) * (s[0] if s[0] != 0 else 1)
    values = [1 / (x if x > floor else floor) for x in s]
    return product(ops, V, diagonal(ops, values, shape=(ops.shape(V)[1], ops.shape(U)[1])), ops.transpose(U))


def untransposed_sigma_inverse(ops, A):
    """(Σᵀ with its nonzero entries inverted)ᵀ — n×r, Σ's shape, where Σ† is r×n."""
    n, r = ops.shape(A)
    U, s, V = full_svd(ops, A)
    k = nonzero_count(ops, A, s)
    return diagonal(ops, [1 / x for x in s[:k]], shape=(n, r))


def _untransposed_relations(ops, A, B):
    n, r = ops.shape(A)
    defined = equal(r, n, scale=1, label="V (r×r)·Σ' (n×r)·Uᵀ (n×n) is defined: r = n")
    if n != r:
        return (defined,)

    def untransposed(ops, A):
        U, _, V = full_svd(ops, A)
        return product(ops, V, untransposed_sigma_inverse(ops, A), ops.transpose(U))

    return (defined, *_relations(ops, A, B, pinv=untransposed))


def _reference_pseudo_inverse(ops, X):
    """X† without a prescribed SVD: sympy's full-rank-factorisation formula exactly, the SVD
    construction at high precision."""
    return X.pinv() if ops.exact else pseudo_inverse(ops, X)


def _product_reversed(ops, A, B):
    P = _reference_pseudo_inverse
    A_dagger, B_dagger, AB_dagger = P(ops, A), P(ops, B), P(ops, product(ops, A, B))
    scale = ops.sqrt(frobenius_sq(ops, A_dagger) * frobenius_sq(ops, B_dagger)) + ops.sqrt(
        frobenius_sq(ops, AB_dagger)
    )
    return equal(
        norm(ops, AB_dagger - product(ops, B_dagger, A_dagger)), 0, scale=scale, label="(AB)† = B†A†"
    )


def _left_inverse_identity(ops, A, B):
    n, r = ops.shape(A)
    U, s, V = full_svd(ops, A)
    k = nonzero_count(ops, A, s)
    a, d, _ = _magnitudes(ops, A, B, s, k)
    A_dagger = pseudo_inverse(ops, A)
    return equal(
        norm(ops, product(ops, A_dagger, A) - identity(ops, r)), 0, scale=1 + a * d, label="A†A = I_r"
    )


def _unique_minimiser(ops, A, B):
    U, s, V = full_svd(ops, A)
    k = nonzero_count(ops, A, s)
    a, d, b = _magnitudes(ops, A, B, s, k)
    A_dagger = pseudo_inverse(ops, A)
    return equal(
        norm(ops, right_minimiser(ops, A, A_dagger, B) - A_dagger),
        0,
        scale=d + a * d * b,
        label="A† + (I − A†A)B = A†",
    )


INVERTING_ZEROS = pseudo_inverse_via_svd.mutant(
    "pseudo_inverse_inverting_zero_singular_values",
    statement=(
        "A† = VΣ'Uᵀ with Σ' the reciprocals of ALL the diagonal entries of Σᵀ (a zero σ, where 1/σ is "
        "undefined, regularised as 1/ε with ε = 10⁻⁴⁰σ₁; numerically, no rank cutoff) satisfies the same."
    ),
    relation=lambda ops, A, B: _relations(ops, A, B, pinv=pseudo_inverse_inverting_every_value),
)

SIGMA_UNTRANSPOSED = pseudo_inverse_via_svd.mutant(
    "pseudo_inverse_with_sigma_untransposed",
    statement=(
        "A† = V·Σ'·Uᵀ with Σ' = (Σᵀ with its nonzero entries inverted)ᵀ, an n×r matrix (000's wording "
        "'the reciprocal of the non-zero elements of Σᵀ and then transposing it', read literally)."
    ),
    relation=_untransposed_relations,
)

# Cases.


def _symbolic_competitor(U, s, V, E):
    """B = V(Σ† + wE)Uᵀ: the excess ‖AB − I‖² − min is w²‖ΣE‖², a manifest square."""
    w = sympy.Symbol("w", real=True)
    n, r = U.rows, V.rows
    ops = Exact()
    shifted = diagonal(ops, [1 / x for x in s if x != 0], shape=(r, n)) + w * sympy.Matrix(E)
    return SymbolicMatrix(product(ops, V, shifted, U.T))


def _symbolic_full_rank_2x2():
    t, u = sympy.symbols("t u", real=True)
    U, s, V = rotation(t), descending_values(2), rotation(u)
    return {"A": with_svd(U, s, V), "B": _symbolic_competitor(U, s, V, [[1, 1], [0, 1]])}


def _symbolic_rank_one_3x2():
    t, u = sympy.symbols("t u", real=True)
    U, s, V = plane_rotation(3, 0, 2, t), [*descending_values(1), 0], rotation(u)
    return {"A": with_svd(U, s, V), "B": _symbolic_competitor(U, s, V, [[1, 0, 1], [0, 1, 1]])}


def _exact(U, s, V, B):
    def build():
        return {"A": exact.matrix_with_svd(U, s, V), "B": exact.ExactMatrix(B, "rational")}

    return build


CASES = (
    Case("rotations_2x2_full_rank", _symbolic_full_rank_2x2),
    Case("rotations_3x2_rank1", _symbolic_rank_one_3x2),
    Case(
        "tall_4x3_rank2",
        _exact(
            exact.rational_orthogonal([[1, 2, 2, 0], [0, 1, -1, 3]]),
            (7, 3, 0),
            exact.rational_orthogonal([[2, -1, 2], [1, 1, 0]]),
            [[1, 0, 2, -1], [0, 1, 1, 3], [2, -1, 0, 1]],
        ),
        kind="exact",
    ),
    Case(
        "wide_3x4_full_rank",
        _exact(
            exact.householder([1, 2, 2]),
            (5, 2, 1),
            exact.rational_orthogonal([[1, 0, 1, 2], [2, 1, 0, -1]]),
            [[1, 2, 0], [0, -1, 1], [3, 0, 1], [1, 1, 1]],
        ),
        kind="exact",
    ),
    Case(
        "square_3x3_repeated_and_zero",
        _exact(
            exact.cayley([[0, 1, 2], [-1, 0, 3], [-2, -3, 0]]),
            (2, 2, 0),
            exact.householder([1, -1, 2]),
            [[1, 1, 0], [0, 2, 1], [1, 0, 3]],
        ),
        kind="exact",
    ),
)

THEOREMS = (
    Theorem(
        pseudo_inverse_via_svd,
        cases=CASES,
        mutant_claims=(
            INVERTING_ZEROS,
            SIGMA_UNTRANSPOSED,
            pseudo_inverse_via_svd.mutant(
                "pseudo_inverse_of_product_reversed",
                statement=(
                    "(AB)† = B†A† for every A ∈ ℝ^{n×r}, B ∈ ℝ^{r×n} (the rule for inverses; it holds when "
                    "A has full column rank and B full row rank, not in general)."
                ),
                relation=_product_reversed,
            ),
            pseudo_inverse_via_svd.mutant(
                "pseudo_inverse_left_inverse_is_identity",
                statement=(
                    "A†A = I_r (as if every A had full column rank; false for wide or rank-deficient A)."
                ),
                relation=_left_inverse_identity,
            ),
            pseudo_inverse_via_svd.mutant(
                "pseudo_inverse_unique_minimiser",
                statement="A† is the only minimiser of ‖AB − I_n‖: A† + (I − A†A)W = A† for every W.",
                relation=_unique_minimiser,
            ),
        ),
    ),
)

ERRATA = (
    Erratum(
        name="000_pseudo_inverse_sigma_transposed_twice",
        source="000 General Solution for Pseudo-Inverse, after the block form",
        printed=(
            "Z is obtained by taking the reciprocal of the non-zero elements of Σᵀ and then transposing it; "
            "we denote this as Σ†"
        ),
        correction=(
            "Σ† is Σᵀ with its nonzero entries inverted (r×n), without a further transpose — equivalently "
            "Σ with its nonzero entries inverted, then transposed; read literally, the printed recipe "
            "transposes twice and gives an n×r matrix, which cannot stand between V (r×r) and Uᵀ (n×n) "
            "unless n = r"
        ),
        literal=SIGMA_UNTRANSPOSED,
        corrected=pseudo_inverse_via_svd,
    ),
)
