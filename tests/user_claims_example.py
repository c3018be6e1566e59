"""Claims a user might write in their own file and hand to ``svd-proofs search FILE:NAME``.

None of them is in the registry, and the search was not tuned to any of them.
``submultiplicative`` holds (‖AB‖_F ≤ ‖A‖₂‖B‖_F); the others are false.
"""

from fractions import Fraction

from numerics.backends import singular_values, truncation
from numerics.claims import Claim, Integer, Matrix, Orthogonal, at_most, equal


def _frobenius_of_product(ops, A, B):
    return ops.frobenius_sq(A * B)


submultiplicative = Claim(
    id="user_submultiplicative",
    title="‖AB‖_F ≤ ‖A‖₂‖B‖_F",
    source="tests/user_claims_example.py",
    statement="‖AB‖_F² ≤ ‖A‖₂²‖B‖_F² for every m×n A and n×p B.",
    variables=(Matrix("A", "m", "n"), Matrix("B", "n", "p")),
    relation=lambda ops, A, B: at_most(
        _frobenius_of_product(ops, A, B), ops.spectral_sq(A) * ops.frobenius_sq(B)
    ),
)

frobenius_product_by_spectral = Claim(
    id="user_frobenius_product_by_spectral",
    title="‖AB‖_F ≤ ‖A‖₂‖B‖₂ (false: the Frobenius norm of a product is not bounded by spectral norms)",
    source="tests/user_claims_example.py",
    statement="‖AB‖_F² ≤ ‖A‖₂²‖B‖₂² for every m×n A and n×p B.",
    variables=(Matrix("A", "m", "n"), Matrix("B", "n", "p")),
    relation=lambda ops, A, B: at_most(
        _frobenius_of_product(ops, A, B), ops.spectral_sq(A) * ops.spectral_sq(B)
    ),
)

frobenius_reversed = Claim(
    id="user_frobenius_reversed",
    title="‖A‖₂‖B‖_F ≤ ‖AB‖_F (false direction)",
    source="tests/user_claims_example.py",
    statement="‖A‖₂²‖B‖_F² ≤ ‖AB‖_F² for every m×n A and n×p B.",
    variables=(Matrix("A", "m", "n"), Matrix("B", "n", "p")),
    relation=lambda ops, A, B: at_most(
        ops.spectral_sq(A) * ops.frobenius_sq(B), _frobenius_of_product(ops, A, B)
    ),
)

smallest_singular_value_of_sum = Claim(
    id="user_sigma_min_of_sum",
    title="σ_min(A + B) ≥ σ_min(A) (false)",
    source="tests/user_claims_example.py",
    statement="σ_min(A + B) ≥ σ_min(A) for square A, B with a known SVD.",
    variables=(Matrix("A", "n", "n", prescribed=True), Matrix("B", "n", "n")),
    relation=lambda ops, A, B: at_most(
        singular_values(ops, A)[-1] ** 2, _smallest_gram_eigenvalue(ops, A + B), scale=ops.frobenius_sq(A) + 1
    ),
)


def _smallest_gram_eigenvalue(ops, M):
    """σ_min(M)², as the smallest eigenvalue of MᵀM (no SVD of M needed)."""
    return ops.eigh(ops.transpose(M) * M)[0][-1] if not ops.exact else _exact_smallest(M)


def _exact_smallest(M):
    G = M.T * M
    return min(G.charpoly().real_roots())


rank_additive = Claim(
    id="user_rank_additive",
    title="rank(A + B) = rank A + rank B (false)",
    source="tests/user_claims_example.py",
    statement="rank(A + B) = rank A + rank B for m×n A, B.",
    variables=(Matrix("A", "m", "n"), Matrix("B", "m", "n")),
    relation=lambda ops, A, B: equal(ops.rank(A + B), ops.rank(A) + ops.rank(B), scale=1),
)

trace_by_frobenius = Claim(
    id="user_trace_wrong_constant",
    title="tr(QA)² ≤ 0.9·n‖A‖_F² (false: the sharp constant is n, at A = Qᵀ)",
    source="tests/user_claims_example.py",
    statement="tr(QA)² ≤ (9/10)·n·‖A‖_F² for every orthogonal Q and A (3×3).",
    variables=(Orthogonal("Q", 3), Matrix("A", 3, 3)),
    relation=lambda ops, Q, A: at_most(
        ops.total(ops.entries(Q * A)[i * ops.shape(A)[0] + i] for i in range(ops.shape(A)[0])) ** 2,
        ops.number(Fraction(9, 10)) * ops.shape(A)[0] * ops.frobenius_sq(A),
    ),
)


def _max_entry_sq(ops, M):
    return max(x * x for x in ops.entries(M))


eckart_young_max_norm = Claim(
    id="user_eckart_young_max_norm",
    title="Eckart–Young in the max-entry norm (false)",
    source="tests/user_claims_example.py",
    statement="max|A − A_k| ≤ max|A − B| for every B of rank ≤ k.",
    variables=(
        Matrix("A", prescribed=True),
        Integer("k", 1, lambda v: min(v["A"].shape)),
        Matrix("B", max_rank=lambda v: v["k"]),
    ),
    relation=lambda ops, A, k, B: at_most(
        _max_entry_sq(ops, A - _truncate(ops, A, k)), _max_entry_sq(ops, A - B), scale=ops.frobenius_sq(A)
    ),
)


def _truncate(ops, A, k):
    return truncation(ops, A, k)
