"""Low-rank approximation reduced to a diagonal matrix, and the rank of the LoRA update.

Source: 000, section "Low-Rank Approximation" (within "Some Applications").

Main statements
---------------
* ``low_rank_reduces_to_diagonal`` — for M = UΣVᵀ,
  ‖AB − M‖_F = ‖UᵀABV − Σ‖_F, and UᵀABV still ranges over every product of
  an n×r and an r×m factor.
* ``lora_objective_reduces_to_diagonal`` — ‖AAᵀM + MBᵀB − M‖_F equals the same
  objective with M replaced by Σ and A, B by UᵀA, BV.
* ``lora_rank_le_2r`` — rank(AAᵀM + MBᵀB) ≤ 2r when rank A, rank B ≤ r; the
  bound is attained.

Convention (000's): M ∈ ℝ^{n×m}, A ∈ ℝ^{n×r}, B ∈ ℝ^{r×m}, the product is AB
(not ABᵀ), and M = UΣVᵀ is a *full* SVD: U (n×n) and V (m×m) orthogonal, Σ
(n×m) diagonal.  In ``lora_rank_le_2r`` the inner dimension of A (n×k) and B
(k×m) is k and the ranks are bounded by r (000's case is k = r, where the
bound on the ranks is automatic).

Hypotheses
----------
The two reductions hold for all M, A, B of those shapes; 000's r < min(n, m)
matters for the optimisation, not for the identities.  They need the *full*
SVD: with the thin one (U n×p, V m×p, p = min(n, m)) the components of AB
outside the spans of U and V are lost (mutant
``low_rank_reduces_to_diagonal_with_thin_svd``) — why, in 000's words,
"retaining the full orthogonal matrices is more convenient for theoretical
analysis".  The rank bound
needs the hypotheses rank A, rank B ≤ r (mutant
``lora_rank_le_2r_without_rank_bounds``); 000's "assuming 2r < min(n, m)"
is only what makes it a restriction.

Proof, as in 000
----------------
Low rank: ‖AB − M‖² = ‖UUᵀABVVᵀ − UΣVᵀ‖² (UUᵀ = I, VVᵀ = I inserted)
= ‖U(UᵀABV − Σ)Vᵀ‖² = ‖UᵀABV − Σ‖² (orthogonal invariance), and UᵀABV
"can still represent any matrix with rank not exceeding r": the product AB of
any two factors is Uᵀ(UA)(BVᵀ)V (``rotated_factors``).
LoRA: substitute M = UΣVᵀ, insert UUᵀ and VVᵀ, factor U[(UᵀA)(UᵀA)ᵀΣ +
Σ(BV)ᵀ(BV) − Σ]Vᵀ, drop U and Vᵀ — the four lines of 000's display, each a
relation.
Rank: rank AAᵀM ≤ rank A ≤ r, rank MBᵀB ≤ rank B ≤ r, and rank is
subadditive.  Attained (``attaining_factors``): with n, m ≥ 2r, A = U_{[:,:r]}
and B = V_{[:,r:2r]}ᵀ give AAᵀM = Σ_{j≤r}σ_ju_jv_jᵀ and MBᵀB =
Σ_{r<j≤2r}σ_ju_jv_jᵀ, so AAᵀM + MBᵀB = M_{2r}, of rank 2r when σ_{2r} > 0 —
the LoRA update reaches the best rank-2r approximation, which is 000's "the
original problem is also seeking the optimal 2r-rank approximation".

Checks
------
Each line of 000's two displays is a labelled relation.  Symbolic cases: for
the reductions, a 2×2 M whose singular bases are rotations by symbolic
angles, with symbolic singular values (rational factors), and a 3×2 M with
a symbolic angle and singular values and fully symbolic factors; for the
rank, the attaining family with symbolic angles, a 3×3 M with nine
independent symbols, and symbolic rank-one factors of a fixed invertible 4×4
M — ranks of symbolic matrices are generic ranks (over ℚ(symbols)), which
bound the rank at every value of the symbols.  Exact cases: tall 4×3 and
square rank-deficient 3×3 M with prescribed SVDs; the attaining family for
(4×4, r = 2) and (4×3, r = 1), which refutes ``lora_rank_le_r``.  Drawn exact
and high-precision instances cover every family.  The rank proof's
subadditivity step is not a relation of its own: numerically it would
compare three cutoffs, while each of rank AAᵀM ≤ r, rank MBᵀB ≤ r and
rank(AAᵀM + MBᵀB) ≤ 2r is robust to rounding (below).

Precision
---------
The reductions compare squared norms of data of size ‖M‖_F(1 + ‖A‖_F² +
‖B‖_F²) (LoRA) or ‖M‖_F + ‖A‖_F‖B‖_F (low rank), which set the scale.  Ranks
are decided exactly by elimination over ℚ or ℚ(symbols); numerically a σ of AAᵀM + MBᵀB counts when it
exceeds the tolerance at the scale ‖A‖_F²‖M‖_F + ‖M‖_F‖B‖_F² of the data the
sum is computed from (not at its own σ₁: AAᵀM may be far smaller than
‖A‖²‖M‖ while carrying rounding errors of that size).  The computed matrix
is the exact one plus an error below that cutoff (the backward-error bound
behind the policy), so its numerical rank never exceeds the exact rank: a
bound rank ≤ 2r verified numerically is not an artefact of rounding.
"""

from __future__ import annotations

import sympy

from numerics import exact
from numerics.claims import Case, Claim, Integer, Matrix, SymbolicMatrix, at_most, equal, min_side
from numerics.linalg import diagonal, frobenius_sq, full_svd, norm, product, rank_at_scale
from numerics.matrices import to_sympy
from numerics.symbolic import descending_values, rotation, with_svd
from proofs.registry import Theorem

# The reduction of AB − M.


def rotated_factors(ops, A, B, U, V):
    """(UA, BVᵀ): the factors whose rotated product Uᵀ(UA)(BVᵀ)V is AB, so that UᵀA'B'V
    ranges over all products of rank ≤ r as (A', B') do."""
    return product(ops, U, A), product(ops, B, ops.transpose(V))


def _reduces_to_diagonal(ops, M, A, B):
    n, m = ops.shape(M)
    U, s, V = full_svd(ops, M)
    Sigma = diagonal(ops, s, shape=(n, m))
    Ut, Vt = ops.transpose(U), ops.transpose(V)
    AB = product(ops, A, B)
    scale = ops.total(x**2 for x in s) + frobenius_sq(ops, A) * frobenius_sq(ops, B)
    objective = frobenius_sq(ops, AB - M)
    inserted = frobenius_sq(ops, product(ops, U, Ut, AB, V, Vt) - product(ops, U, Sigma, Vt))
    rotated = product(ops, Ut, AB, V)
    factored = frobenius_sq(ops, product(ops, U, rotated - Sigma, Vt))
    A_rotated, B_rotated = rotated_factors(ops, A, B, U, V)
    return (
        equal(objective, inserted, scale=scale, label="‖AB − M‖² = ‖UUᵀABVVᵀ − UΣVᵀ‖²"),
        equal(inserted, factored, scale=scale, label="= ‖U(UᵀABV − Σ)Vᵀ‖²"),
        equal(factored, frobenius_sq(ops, rotated - Sigma), scale=scale, label="= ‖UᵀABV − Σ‖²"),
        equal(
            norm(ops, product(ops, Ut, A_rotated, B_rotated, V) - AB),
            0,
            scale=ops.sqrt(frobenius_sq(ops, A) * frobenius_sq(ops, B)),
            label="Uᵀ(UA)(BVᵀ)V = AB: every product is reached",
        ),
    )


M_PRESCRIBED = Matrix("M", "n", "m", prescribed=True)
A_FACTOR = Matrix("A", "n", "r")
B_FACTOR = Matrix("B", "r", "m")

low_rank_reduces_to_diagonal = Claim(
    id="low_rank_reduces_to_diagonal",
    title="Low-rank approximation of M reduces to that of Σ",
    source="000 Low-Rank Approximation",
    statement=(
        "For M = UΣVᵀ ∈ ℝ^{n×m} (full SVD), A ∈ ℝ^{n×r}, B ∈ ℝ^{r×m}: ‖AB − M‖_F = ‖UᵀABV − Σ‖_F, "
        "and UᵀABV ranges over all products of an n×r and an r×m matrix."
    ),
    variables=(M_PRESCRIBED, A_FACTOR, B_FACTOR),
    relation=_reduces_to_diagonal,
)

# The LoRA objective.


def lora_objective(ops, M, A, B):
    """‖AAᵀM + MBᵀB − M‖²."""
    update = product(ops, A, ops.transpose(A), M) + product(ops, M, ops.transpose(B), B)
    return frobenius_sq(ops, update - M)


def _lora_reduces(ops, M, A, B):
    n, m = ops.shape(M)
    U, s, V = full_svd(ops, M)
    Sigma = diagonal(ops, s, shape=(n, m))
    Ut, Vt = ops.transpose(U), ops.transpose(V)
    At, Bt = ops.transpose(A), ops.transpose(B)
    USVt = product(ops, U, Sigma, Vt)
    UtA, BV = product(ops, Ut, A), product(ops, B, V)
    inner = product(ops, UtA, ops.transpose(UtA), Sigma) + product(ops, Sigma, ops.transpose(BV), BV) - Sigma
    substituted = frobenius_sq(ops, product(ops, A, At, USVt) + product(ops, USVt, Bt, B) - USVt)
    inserted = frobenius_sq(
        ops, product(ops, U, Ut, A, At, U, Sigma, Vt) + product(ops, U, Sigma, Vt, Bt, B, V, Vt) - USVt
    )
    factored = frobenius_sq(ops, product(ops, U, inner, Vt))
    on_sigma = lora_objective(ops, Sigma, UtA, BV)
    scale = ops.total(x**2 for x in s) * (1 + frobenius_sq(ops, A) + frobenius_sq(ops, B)) ** 2
    return (
        equal(lora_objective(ops, M, A, B), substituted, scale=scale, label="M = UΣVᵀ substituted"),
        equal(substituted, inserted, scale=scale, label="UUᵀ and VVᵀ inserted"),
        equal(inserted, factored, scale=scale, label="= ‖U[(UᵀA)(UᵀA)ᵀΣ + Σ(BV)ᵀ(BV) − Σ]Vᵀ‖²"),
        equal(factored, on_sigma, scale=scale, label="= ‖(UᵀA)(UᵀA)ᵀΣ + Σ(BV)ᵀ(BV) − Σ‖²"),
    )


lora_objective_reduces_to_diagonal = Claim(
    id="lora_objective_reduces_to_diagonal",
    title="The LoRA objective of M reduces to that of Σ",
    source="000 Low-Rank Approximation",
    statement=(
        "For M = UΣVᵀ ∈ ℝ^{n×m} (full SVD), A ∈ ℝ^{n×r}, B ∈ ℝ^{r×m}: ‖AAᵀM + MBᵀB − M‖_F = "
        "‖(UᵀA)(UᵀA)ᵀΣ + Σ(BV)ᵀ(BV) − Σ‖_F."
    ),
    variables=(M_PRESCRIBED, A_FACTOR, B_FACTOR),
    relation=_lora_reduces,
)

# The rank of the LoRA update.


def lora_update_terms(ops, M, A, B):
    """AAᵀM and MBᵀB."""
    return product(ops, A, ops.transpose(A), M), product(ops, M, ops.transpose(B), B)


def attaining_factors(U: sympy.Matrix, V: sympy.Matrix, r: int) -> tuple[sympy.Matrix, sympy.Matrix]:
    """A = U_{[:,:r]}, B = V_{[:,r:2r]}ᵀ: then AAᵀM + MBᵀB = M_{2r} for M = UΣVᵀ, of rank 2r."""
    return U[:, :r], V[:, r : 2 * r].T


def _lora_rank(ops, M, r, A, B, multiple: int = 2):
    n, m = ops.shape(M)
    scale = (frobenius_sq(ops, A) + frobenius_sq(ops, B)) * ops.sqrt(frobenius_sq(ops, M))
    size = max(n, m, ops.shape(A)[1])
    left, right = lora_update_terms(ops, M, A, B)
    bound, bound_text = multiple * r, "2r" if multiple == 2 else "r"
    return (
        at_most(rank_at_scale(ops, left, scale=scale, size=size), r, scale=1, label="rank AAᵀM ≤ rank A ≤ r"),
        at_most(
            rank_at_scale(ops, right, scale=scale, size=size), r, scale=1, label="rank MBᵀB ≤ rank B ≤ r"
        ),
        at_most(
            rank_at_scale(ops, left + right, scale=scale, size=size),
            bound,
            scale=1,
            label=f"rank(AAᵀM + MBᵀB) ≤ {bound_text}",
        ),
    )


R_BOUND = Integer("r", 0, lambda v: min_side(v["M"]))

lora_rank_le_2r = Claim(
    id="lora_rank_le_2r",
    title="The LoRA update AAᵀM + MBᵀB has rank at most 2r",
    source="000 Low-Rank Approximation",
    statement=(
        "For M ∈ ℝ^{n×m}, A ∈ ℝ^{n×k}, B ∈ ℝ^{k×m} with rank A, rank B ≤ r: rank(AAᵀM + MBᵀB) ≤ 2r; "
        "attained by A = U_{[:,:r]}, B = V_{[:,r:2r]}ᵀ when σ_{2r}(M) > 0."
    ),
    variables=(
        Matrix("M", "n", "m"),
        R_BOUND,
        Matrix("A", "n", "k", max_rank=lambda v: v["r"]),
        Matrix("B", "k", "m", max_rank=lambda v: v["r"]),
    ),
    relation=_lora_rank,
)

# Cases.


def _symbolic_factors(n: int, m: int, r: int):
    A = sympy.Matrix(n, r, sympy.symbols(f"a1:{n * r + 1}", real=True))
    B = sympy.Matrix(r, m, sympy.symbols(f"b1:{r * m + 1}", real=True))
    return A, B


def _symbolic_rotations_2x2():
    """M with both singular vector bases rotated by symbolic angles; rational factors."""
    t, u = sympy.symbols("t u", real=True)
    M = with_svd(rotation(t), descending_values(2), rotation(u))
    return {"M": M, "A": sympy.Matrix([[1], [2]]), "B": sympy.Matrix([[3, -1]])}


def _symbolic_factors_3x2():
    """M = H·Σ·R(u)ᵀ with a symbolic angle and singular values, and fully symbolic factors."""
    u = sympy.symbols("u", real=True)
    M = with_svd(sympy.Matrix(exact.householder([1, 2, 2])), descending_values(2), rotation(u))
    A, B = _symbolic_factors(3, 2, 1)
    return {"M": M, "A": A, "B": B}


def _exact_4x3():
    U = exact.rational_orthogonal([[1, 2, 2, 0], [0, 1, -1, 3]])
    V = exact.rational_orthogonal([[2, -1, 2], [1, 1, 0]])
    return {
        "M": exact.matrix_with_svd(U, (7, 3, 1), V),
        "A": exact.ExactMatrix([[1, -2], [0, 3], [2, 1], [-1, 1]], "rational"),
        "B": exact.ExactMatrix([[2, 0, -1], [1, 3, 1]], "rational"),
    }


def _exact_3x3_rank_deficient():
    U = exact.cayley([[0, 1, 2], [-1, 0, 3], [-2, -3, 0]])
    V = exact.rational_orthogonal([[1, -1, 2], [0, 2, 1]])
    return {
        "M": exact.matrix_with_svd(U, (5, 5, 0), V),
        "A": exact.ExactMatrix([[1], [2], [-2]], "rational"),
        "B": exact.ExactMatrix([[3, -1, 1]], "rational"),
    }


REDUCTION_CASES = (
    Case("rotations_2x2", _symbolic_rotations_2x2),
    Case("symbolic_factors_3x2", _symbolic_factors_3x2),
    Case("prescribed_4x3", _exact_4x3, kind="exact"),
    Case("prescribed_3x3_repeated_and_zero", _exact_3x3_rank_deficient, kind="exact"),
)


def _attaining(U, s, V, r: int):
    """The attaining instance as exact values: M = UΣVᵀ, A = U_{[:,:r]}, B = V_{[:,r:2r]}ᵀ."""

    def build():
        M = exact.matrix_with_svd(U, s, V)
        A, B = attaining_factors(to_sympy(U), to_sympy(V), r)
        return {
            "M": M,
            "r": r,
            "A": exact.ExactMatrix(A, "orthogonal_columns"),
            "B": exact.ExactMatrix(B, "orthogonal_rows"),
        }

    return build


def _symbolic_attaining_2x2():
    t, u = sympy.symbols("t u", real=True)
    U, V = rotation(t), rotation(u)
    A, B = attaining_factors(U, V, 1)
    return {"M": with_svd(U, descending_values(2), V), "r": 1, "A": A, "B": B}


def _symbolic_generic_3x3():
    """A 3×3 M with nine independent symbols: its generic rank bounds every specialisation."""
    M = sympy.Matrix(3, 3, sympy.symbols("m1:10", real=True))
    return {
        "M": SymbolicMatrix(M),
        "r": 1,
        "A": sympy.Matrix([[1], [2], [-1]]),
        "B": sympy.Matrix([[3, -1, 2]]),
    }


def _symbolic_factors_4x4():
    """Symbolic rank-one factors a (4×1), b (1×4) of a fixed invertible M: rank ≤ 2 < 4."""
    A, B = _symbolic_factors(4, 4, 1)
    M = sympy.Matrix([[1, 2, 0, 1], [0, 1, 3, 0], [2, 0, 1, 1], [1, 1, 1, -1]])
    return {"M": M, "r": 1, "A": A, "B": B}


RANK_CASES = (
    Case("attaining_rotations_2x2_r1", _symbolic_attaining_2x2),
    Case("generic_3x3_r1", _symbolic_generic_3x3),
    Case("symbolic_factors_4x4_r1", _symbolic_factors_4x4),
    Case(
        "attaining_4x4_r2",
        _attaining(
            exact.rational_orthogonal([[1, 2, 2, 0], [0, 1, -1, 3]]),
            (9, 4, 2, 1),
            exact.cayley([[0, 1, 0, 2], [-1, 0, 1, 0], [0, -1, 0, 1], [-2, 0, -1, 0]]),
            2,
        ),
        kind="exact",
    ),
    Case(
        "attaining_4x3_r1",
        _attaining(
            exact.rational_orthogonal([[1, 0, 1, 2], [2, 1, 0, -1]]),
            (6, 2, 1),
            exact.householder([1, 2, 2]),
            1,
        ),
        kind="exact",
    ),
)

# Mutants and the registry.


def _thin_svd_reduction(ops, M, A, B):
    U, s, V = full_svd(ops, M)
    p = len(s)
    U_p, V_p = U[:, :p], V[:, :p]
    Sigma_p = diagonal(ops, s, shape=(p, p))
    scale = ops.total(x**2 for x in s) + frobenius_sq(ops, A) * frobenius_sq(ops, B)
    return equal(
        frobenius_sq(ops, product(ops, A, B) - M),
        frobenius_sq(ops, product(ops, ops.transpose(U_p), A, B, V_p) - Sigma_p),
        scale=scale,
        label="‖AB − M‖² = ‖U_pᵀABV_p − Σ_p‖²",
    )


def _untransposed_reduction(ops, M, A, B):
    n, m = ops.shape(M)
    U, s, V = full_svd(ops, M)
    scale = ops.total(x**2 for x in s) + frobenius_sq(ops, A) * frobenius_sq(ops, B)
    return equal(
        frobenius_sq(ops, product(ops, A, B) - M),
        frobenius_sq(ops, product(ops, U, A, B, ops.transpose(V)) - diagonal(ops, s, shape=(n, m))),
        scale=scale,
        label="‖AB − M‖² = ‖UABVᵀ − Σ‖²",
    )


def _lora_unrotated(ops, M, A, B):
    n, m = ops.shape(M)
    U, s, V = full_svd(ops, M)
    scale = ops.total(x**2 for x in s) * (1 + frobenius_sq(ops, A) + frobenius_sq(ops, B)) ** 2
    return equal(
        lora_objective(ops, M, A, B),
        lora_objective(ops, diagonal(ops, s, shape=(n, m)), A, B),
        scale=scale,
        label="‖AAᵀM + MBᵀB − M‖² = ‖AAᵀΣ + ΣBᵀB − Σ‖²",
    )


def _lora_B_by_Vt(ops, M, A, B):
    n, m = ops.shape(M)
    U, s, V = full_svd(ops, M)
    scale = ops.total(x**2 for x in s) * (1 + frobenius_sq(ops, A) + frobenius_sq(ops, B)) ** 2
    return equal(
        lora_objective(ops, M, A, B),
        lora_objective(
            ops,
            diagonal(ops, s, shape=(n, m)),
            product(ops, ops.transpose(U), A),
            product(ops, B, ops.transpose(V)),
        ),
        scale=scale,
        label="‖AAᵀM + MBᵀB − M‖² = ‖…(BVᵀ)ᵀ(BVᵀ)…‖²",
    )


THEOREMS = (
    Theorem(
        low_rank_reduces_to_diagonal,
        cases=REDUCTION_CASES,
        mutant_claims=(
            low_rank_reduces_to_diagonal.mutant(
                "low_rank_reduces_to_diagonal_with_thin_svd",
                statement="‖AB − M‖_F = ‖U_pᵀABV_p − Σ_p‖_F with the thin SVD (p = min(n, m)).",
                relation=_thin_svd_reduction,
            ),
            low_rank_reduces_to_diagonal.mutant(
                "low_rank_reduces_to_diagonal_without_transposes",
                statement="‖AB − M‖_F = ‖UABVᵀ − Σ‖_F (U, Vᵀ for Uᵀ, V).",
                relation=_untransposed_reduction,
            ),
        ),
    ),
    Theorem(
        lora_objective_reduces_to_diagonal,
        cases=REDUCTION_CASES,
        mutant_claims=(
            lora_objective_reduces_to_diagonal.mutant(
                "lora_objective_without_rotating_factors",
                statement=(
                    "‖AAᵀM + MBᵀB − M‖_F = ‖AAᵀΣ + ΣBᵀB − Σ‖_F (M diagonalised, A and B left as they are)."
                ),
                relation=_lora_unrotated,
            ),
            lora_objective_reduces_to_diagonal.mutant(
                "lora_objective_rotating_B_by_V_transpose",
                statement="‖AAᵀM + MBᵀB − M‖_F = the objective at (Σ, UᵀA, BVᵀ) (Vᵀ for V).",
                relation=_lora_B_by_Vt,
            ),
        ),
    ),
    Theorem(
        lora_rank_le_2r,
        cases=RANK_CASES,
        mutant_claims=(
            lora_rank_le_2r.mutant(
                "lora_rank_le_r",
                statement="rank(AAᵀM + MBᵀB) ≤ r (the two terms' ranks not added).",
                relation=lambda ops, M, r, A, B: _lora_rank(ops, M, r, A, B, multiple=1),
            ),
            lora_rank_le_2r.mutant(
                "lora_rank_le_2r_without_rank_bounds",
                statement=(
                    "rank(AAᵀM + MBᵀB) ≤ 2r for any A ∈ ℝ^{n×k}, B ∈ ℝ^{k×m} (rank A, rank B ≤ r dropped)."
                ),
                variables=(Matrix("M", "n", "m"), R_BOUND, Matrix("A", "n", "k"), Matrix("B", "k", "m")),
            ),
        ),
    ),
)

ERRATA = ()
