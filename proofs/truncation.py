"""The truncated SVD: its rank and its errors.

Source: 002, "Low-rank approximation" and the lemma "Matrix Norms and
Singular Values: Truncation"; 003, §2.8.3 "Truncated SVD", (8) and (16).

Main statements
---------------
* ``truncation_rank`` — rank A_k = k for k < r.
* ``truncation_error_frobenius`` — ‖A − A_k‖_F² = Σ_{j>k} σ_j².
* ``truncation_error_spectral`` — ‖A − A_k‖₂² = σ_{k+1}².
* ``relative_truncation_error`` — ‖A − A_k‖_F²/‖A‖_F² = Σ_{i>k}σ_i²/Σσ_i²,
  non-increasing in k.

Here A = Σ_{j≤r} σ_j u_j v_jᵀ has rank r, A_k = Σ_{j≤k} σ_j u_j v_jᵀ, and
σ_j = 0 for j > min(m, n).

Hypotheses
----------
``truncation_rank`` needs k < r (for k ≥ r, A_k = A has rank r < k — its
mutant drops the hypothesis); the error formulas hold for every
0 ≤ k ≤ min(m, n).  The relative error needs A ≠ 0.

Proof, as in 002 and 003
------------------------
Frobenius (002): summing over the columns i of A − A_k,
‖A − A_k‖_F² = Σ_i ‖Σ_{j>k} σ_j v_{j,i} u_j‖² = Σ_{j>k} σ_j² Σ_i v_{j,i}², the u_j
and then the v_j being orthonormal.  003 goes through the trace,
tr(Σ_{i,j>k} σ_iσ_j u_i v_iᵀ v_j u_jᵀ) = Σ_{j>k} σ_j².  Spectral (002):
‖(A − A_k)x‖² = Σ_{j>k} σ_j² ⟨v_j, x⟩², maximised by x = v_{k+1}.  002 ends
with "σ_{k+1}² = ‖A − A_k‖₂", dropping a square (erratum; the mutant
``truncation_error_spectral_unsquared`` is that literal text).

Checks
------
Symbolic 2×2 and 3×2 cases with symbolic rotations and singular values, a
rational instance with prescribed SVD, exact instances drawn from every
family with a prescribed SVD, and high-precision instances from every
family.  The column-sum step of 002's proof and the trace step of 003's are
checked as relations of their own.

Precision
---------
The tolerance's scale is ‖A‖_F²: A_k is computed from A's SVD, whose error is
of the order of u·‖A‖, not of the (possibly tiny) tail σ_{k+1}.  Ranks are
numerical ranks under the tolerance policy, computed at a precision that
resolves the instance's smallest nonzero singular value.
"""

from __future__ import annotations

import sympy

from numerics import exact
from numerics.backends import singular_values, truncation
from numerics.claims import Case, Claim, Integer, Matrix, at_most, equal, min_side, rank
from numerics.symbolic import descending_values, plane_rotation, rotation, with_svd
from proofs.registry import Erratum, Theorem


def sigma(values, j: int):
    """σ_j, 1-based, with σ_j = 0 beyond min(m, n)."""
    return values[j - 1] if j <= len(values) else 0


def tail_sum_sq(ops, values, k: int):
    """Σ_{j>k} σ_j²."""
    return ops.total(s**2 for s in values[k:])


def column_sum_form(ops, A, k: int):
    """002's first step: Σ_i ‖Σ_{j>k} σ_j v_{j,i} u_j‖², summed over the columns i of A − A_k."""
    U, s, V = ops.svd(A)
    rows, cols = ops.shape(A)
    return ops.total(
        ops.frobenius_sq(
            sum((s[j] * V[i, j] * ops.column(U, j) for j in range(k, len(s))), ops.zeros(rows, 1))
        )
        for i in range(cols)
    )


def trace_form(ops, A, k: int):
    """003's (10)–(11): tr((A − A_k)(A − A_k)ᵀ)."""
    E = A - truncation(ops, A, k)
    product = E * ops.transpose(E)
    return ops.total(product[i, i] for i in range(ops.shape(E)[0]))


def relative_error(ops, A, k: int):
    return ops.frobenius_sq(A - truncation(ops, A, k)) / ops.frobenius_sq(A)


def _symbolic_2x2(k):
    def build():
        t, u = sympy.symbols("t u", real=True)
        return {"A": with_svd(rotation(t), descending_values(2), rotation(u)), "k": k}

    return build


def _symbolic_3x2(k):
    def build():
        t, u = sympy.symbols("t u", real=True)
        U = plane_rotation(3, 0, 2, t)
        return {"A": with_svd(U, descending_values(2), rotation(u)), "k": k}

    return build


def _exact_4x3(k):
    def build():
        U = exact.rational_orthogonal([[1, 2, 2, 0], [0, 1, -1, 3]])
        V = exact.householder([2, -1, 2])
        return {"A": exact.matrix_with_svd(U, (7, 3, 1), V), "k": k}

    return build


def _cases(ks):
    return tuple(
        case
        for k in ks
        for case in (
            Case(f"rotations_2x2_k{k}", _symbolic_2x2(k)),
            Case(f"rotations_3x2_k{k}", _symbolic_3x2(k)),
            Case(f"prescribed_4x3_k{k}", _exact_4x3(k), kind="exact"),
        )
    )


A_ANY = Matrix("A", prescribed=True)
A_NONZERO = Matrix("A", nonzero=True, prescribed=True)
K_BELOW_RANK = Integer("k", 0, lambda v: rank(v["A"]) - 1)
K_ANY = Integer("k", 0, lambda v: min_side(v["A"]))
K_BELOW_SIDE = Integer("k", 0, lambda v: min_side(v["A"]) - 1)

truncation_rank = Claim(
    id="truncation_rank",
    title="The rank-k truncation has rank k",
    source="002 Low-rank approximation",
    statement="rank A_k = k for 0 ≤ k < r = rank A.",
    variables=(A_NONZERO, K_BELOW_RANK),
    relation=lambda ops, A, k: equal(ops.rank(truncation(ops, A, k)), k, scale=1, label="rank A_k = k"),
)


def _frobenius_error(ops, A, k):
    scale = ops.frobenius_sq(A)
    error = ops.frobenius_sq(A - truncation(ops, A, k))
    return (
        equal(error, column_sum_form(ops, A, k), scale=scale, label="002: sum over the columns"),
        equal(error, trace_form(ops, A, k), scale=scale, label="003 (10): the trace"),
        equal(
            error,
            tail_sum_sq(ops, singular_values(ops, A), k),
            scale=scale,
            label="‖A − A_k‖_F² = Σ_{j>k}σ_j²",
        ),
    )


truncation_error_frobenius = Claim(
    id="truncation_error_frobenius",
    title="Frobenius error of the truncated SVD",
    source="002 Truncation lemma; 003 (8)",
    statement="‖A − A_k‖_F² = Σ_{j=k+1}^{r} σ_j² for 0 ≤ k ≤ min(m, n).",
    variables=(A_ANY, K_ANY),
    relation=_frobenius_error,
)

truncation_error_spectral = Claim(
    id="truncation_error_spectral",
    title="Spectral error of the truncated SVD",
    source="002 Truncation lemma",
    statement="‖A − A_k‖₂² = σ_{k+1}² for 0 ≤ k ≤ min(m, n) (σ_j = 0 for j > min(m, n)).",
    variables=(A_ANY, K_ANY),
    relation=lambda ops, A, k: equal(
        ops.spectral_sq(A - truncation(ops, A, k)),
        sigma(singular_values(ops, A), k + 1) ** 2,
        scale=ops.frobenius_sq(A),
        label="‖A − A_k‖₂² = σ_{k+1}²",
    ),
)


def _relative_error(ops, A, k):
    values = singular_values(ops, A)
    ratio = relative_error(ops, A, k)
    relations = [
        equal(ratio, tail_sum_sq(ops, values, k) / tail_sum_sq(ops, values, 0), scale=1, label="(16)")
    ]
    if k < len(values):
        relations.append(at_most(relative_error(ops, A, k + 1), ratio, scale=1, label="non-increasing in k"))
    return relations


relative_truncation_error = Claim(
    id="relative_truncation_error",
    title="Relative Frobenius error of the truncated SVD",
    source="003 (16)",
    statement="For A ≠ 0: ‖A − A_k‖_F²/‖A‖_F² = Σ_{i>k}σ_i² / Σ_i σ_i², and it is non-increasing in k.",
    variables=(A_NONZERO, K_ANY),
    relation=_relative_error,
)

UNSQUARED = truncation_error_spectral.mutant(
    "truncation_error_spectral_unsquared",
    statement="σ_{k+1}² = ‖A − A_k‖₂ (002's last line, with its square dropped).",
    relation=lambda ops, A, k: equal(
        ops.sqrt(ops.spectral_sq(A - truncation(ops, A, k))),
        sigma(singular_values(ops, A), k + 1) ** 2,
        scale=ops.frobenius_sq(A),
    ),
)

THEOREMS = (
    Theorem(
        truncation_rank,
        cases=_cases((0, 1)),
        mutant_claims=(
            truncation_rank.mutant(
                "truncation_rank_without_k_below_rank",
                statement="rank A_k = k for every 0 ≤ k ≤ min(m, n) (the hypothesis k < r dropped).",
                variables=(A_ANY, K_ANY),
            ),
        ),
    ),
    Theorem(
        truncation_error_frobenius,
        cases=_cases((0, 1, 2)),
        mutant_claims=(
            truncation_error_frobenius.mutant(
                "truncation_error_frobenius_off_by_one",
                statement="‖A − A_k‖_F² = Σ_{j>k+1} σ_j².",
                relation=lambda ops, A, k: equal(
                    ops.frobenius_sq(A - truncation(ops, A, k)),
                    tail_sum_sq(ops, singular_values(ops, A), k + 1),
                    scale=ops.frobenius_sq(A),
                ),
            ),
            truncation_error_frobenius.mutant(
                "truncation_error_frobenius_unsquared",
                statement="‖A − A_k‖_F² = Σ_{j>k} σ_j (a dropped square).",
                relation=lambda ops, A, k: equal(
                    ops.frobenius_sq(A - truncation(ops, A, k)),
                    ops.total(singular_values(ops, A)[k:]),
                    scale=ops.frobenius_sq(A),
                ),
            ),
        ),
    ),
    Theorem(
        truncation_error_spectral,
        cases=_cases((0, 1, 2)),
        mutant_claims=(
            UNSQUARED,
            truncation_error_spectral.mutant(
                "truncation_error_spectral_sigma_k",
                statement="‖A − A_k‖₂² = σ_k² for 1 ≤ k ≤ min(m, n) (σ_k for σ_{k+1}).",
                variables=(A_NONZERO, Integer("k", 1, lambda v: min_side(v["A"]))),
                relation=lambda ops, A, k: equal(
                    ops.spectral_sq(A - truncation(ops, A, k)),
                    sigma(singular_values(ops, A), k) ** 2,
                    scale=ops.frobenius_sq(A),
                ),
            ),
        ),
    ),
    Theorem(
        relative_truncation_error,
        cases=_cases((0, 1, 2)),
        mutant_claims=(
            relative_truncation_error.mutant(
                "relative_truncation_error_non_decreasing",
                statement="‖A − A_k‖_F²/‖A‖_F² is non-decreasing in k.",
                variables=(A_NONZERO, K_BELOW_SIDE),
                relation=lambda ops, A, k: at_most(
                    relative_error(ops, A, k), relative_error(ops, A, k + 1), scale=1
                ),
            ),
            relative_truncation_error.mutant(
                "relative_truncation_error_unsquared_denominator",
                statement="‖A − A_k‖_F²/‖A‖_F² = Σ_{i>k}σ_i² / (Σ_i σ_i)².",
                relation=lambda ops, A, k: equal(
                    relative_error(ops, A, k),
                    tail_sum_sq(ops, singular_values(ops, A), k) / ops.total(singular_values(ops, A)) ** 2,
                    scale=1,
                ),
            ),
        ),
    ),
)

ERRATA = (
    Erratum(
        name="002_induced_norm_missing_square",
        source="002 Low-Rank Approximation in the Induced Norm, last line of the proof",
        printed="By the Matrix Norms and Singular Values Lemma, σ_{k+1}² = ‖A − A_k‖₂",
        correction="σ_{k+1}² = ‖A − A_k‖₂² (equivalently σ_{k+1} = ‖A − A_k‖₂)",
        literal=UNSQUARED,
        corrected=truncation_error_spectral,
    ),
)
