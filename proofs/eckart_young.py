"""Eckart–Young: the truncated SVD is a best rank-k approximation.

Source: 000, section "Approximation Theorem" (the Eckart–Young–Mirsky theorem,
proved through *weights*); 002, §3.7.1 "Low-rank approximation": the lemma
"Projection and Rank-k Approximation", the Frobenius-norm statement it draws
from "Greedy Finds Best Fit", and the theorem "Low-Rank Approximation in the
Induced Norm" with "Rank-Nullity" and Exercise 3.20.

Both documents write A ∈ ℝ^{n×m} — n rows, m columns — and so does this
module (its dimension names are ``"n"`` for rows and ``"m"`` for columns).
A = Σ_j σ_j u_j v_jᵀ with σ_1 ≥ σ_2 ≥ … ≥ 0, σ_j = 0 for j > min(n, m), and
A_k = Σ_{j≤k} σ_j u_j v_jᵀ.

Main statements
---------------
* ``weights_argument`` — 0 ≤ w_j ≤ 1 (j ≤ n) and Σ_j w_j = k imply
  Σ_j σ_j² w_j ≥ the sum of the k smallest σ_j² (000).
* ``projection_improves_rank_k_approximation`` — projecting the rows of A onto
  row(B) gives B_⊥ with rank B_⊥ ≤ rank B and ‖A − B_⊥‖_F ≤ ‖A − B‖_F (002).
* ``rank_nullity`` — dim col(B) + dim null(B) = m, and
  null(B) ∩ span(v_1, …, v_{k+1}) ≠ {0} when rank B ≤ k (002, Exercise 3.20).
* ``eckart_young_frobenius`` — ‖A − A_k‖_F ≤ ‖A − B‖_F for every B of rank ≤ k.
* ``eckart_young_spectral`` — ‖A − A_k‖₂ ≤ ‖A − B‖₂ for every B of rank ≤ k.

Hypotheses
----------
* The weights argument needs the cap w_j ≤ 1 (without it all the weight can
  sit on σ_n²: mutant ``weights_argument_without_upper_bound``) and σ listed
  in descending order, as an SVD lists them: "the k smallest" are then the
  last k of σ_1², …, σ_n² — 000 sums over all n rows of Σ ∈ ℝ^{n×m}, so
  σ_j = 0 for min(n, m) < j ≤ n counts among them.
* 002 states the induced-norm theorem for k < r = rank A.  It holds for every
  k < min(n, m): for r ≤ k, σ_{k+1} = 0 and A_k = A, and the proof goes through
  unchanged (it needs v_{k+1}, hence k < min(n, m) here; k = min(n, m) makes
  A_k = A and the statement empty).  The Frobenius statement is checked for
  every 0 ≤ k ≤ min(n, m).
* 002 states Rank-Nullity for rank B = k; its proof uses rank B ≤ k, which
  gives dim null(B) ≥ m − k.  Exercise 3.20 is the dimension count: two
  subspaces of ℝ^m whose dimensions add up to more than m meet outside 0; so
  v_1, …, v_{k+1} may be any orthonormal vectors (the claim draws them from an
  orthogonal V), not only A's right singular vectors.
* Eckart–Young needs a unitarily invariant norm.  It fails for the max-entry
  norm (A = diag(2, 1), k = 1: ‖A − A_1‖_max = 1, but B = ⅓[[4, 2], [2, 1]]
  gives 2/3) and for the entrywise ℓ₁ norm (A = [[2, 1], [1, 2]]: A_1 gives
  2, B = [[2, 1], [1, ½]] gives 3/2).  Both are exact cases of the theorems,
  which those mutants fail.
* The projection lemma holds for every B (002: "of rank k ≤ min{n, m}").

Proofs, as in the documents
---------------------------
Weights (000).  000 asserts "the minimum … must be the sum of the smallest k
values of σ_j²" without proof.  The module checks the exchange argument: with
h = n − k, the head weight H = Σ_{j≤h} w_j equals the tail deficit
T = Σ_{j>h} (1 − w_j) (``weight_balance``, from Σw = k); then
Σσ_j²w_j − Σ_{j>h}σ_j² = Σ_{j≤h}σ_j²w_j − Σ_{j>h}σ_j²(1 − w_j)
≥ σ_h²·H − σ_{h+1}²·T ≥ 0, using w_j ≥ 0 on the head, w_j ≤ 1 on the tail and
σ_h ≥ σ_{h+1}.  The weights themselves are 000's: w_j = Σ_{i≤k} u_{ij}² for a
k×n matrix U with orthonormal rows (``orthonormal_row_weights``), the first k
columns of a drawn orthogonal Q, transposed — a point of the polytope by
construction.  (Every point of it arises so, by the Schur–Horn theorem.)

Frobenius, 000's route.  ``reduce_to_diagonal``: ‖A − B‖_F = ‖Σ − C‖_F with
C = UᵀBV of rank ≤ k.  ``best_right_factor_residual``: writing C = XY, 000
takes the optimal right factor Y = X†Σ, so ‖Σ − C‖_F ≥ ‖(I − P)Σ‖_F with P
the projector onto col(C).  ``complement_weights``: ‖(I − P)Σ‖_F² = Σ_j σ_j² w_j
with w_j = (I − P)_jj = Σ_i u_{ij}² over an orthonormal basis of col(C)^⊥,
0 ≤ w_j ≤ 1 and Σ w_j = n − rank C ≥ n − k.  The weights argument gives at
least the sum of the n − k smallest σ_j², i.e. Σ_{j>k} σ_j² = ‖A − A_k‖_F².

Frobenius, 002's route.  ``project_rows`` (the projection lemma) replaces B by
B_⊥ = A P_Z, Z = row(B), dim Z ≤ k; ‖A − B_⊥‖_F² = ‖A‖_F² − ‖A P_Z‖_F²
(Pythagoras, row by row), and Greedy Finds Best Subspace bounds
‖A P_Z‖_F² = Σ_i ‖A w_i‖² (w_i an orthonormal basis of Z) by Σ_{j≤k} σ_j².

Projection lemma (002).  Row by row, the orthogonal projection of α_i onto Z
is the closest point of Z, so ‖α_i − b_⊥,i‖ ≤ ‖α_i − b_i‖; summing the squares
gives the Frobenius norms; row(B_⊥) ⊆ Z = row(B) gives the rank.

Induced norm (002).  ``exercise_3_20_witness``: z ∈ null(B) ∩ span(v_1..v_{k+1}),
z ≠ 0, built as z = V_{k+1}c with c ∈ null(B V_{k+1}) (B V_{k+1} is n×(k+1) of
rank ≤ k).  Then (A − B)z = Az, ‖Az‖² = Σ_{j≤k+1} σ_j²⟨v_j, z⟩² ≥ σ_{k+1}²‖z‖²,
so ‖A − B‖₂² ≥ σ_{k+1}² = ‖A − A_k‖₂².  002's last line, "σ_{k+1}² = ‖A − A_k‖₂",
drops a square; that erratum is registered in ``proofs.truncation``
(``002_induced_norm_missing_square``).  The inequality it would conclude,
‖A − A_k‖₂ ≤ ‖A − B‖₂², is the mutant ``eckart_young_spectral_unsquared_conclusion``.

Checks
------
Every step above is a labelled relation of its claim, so each is checked on
every instance.  Symbolic cases (sympy, decided by ``cancel``/``factor``):
symbolic descending singular values σ_i = d_i + … and symbolic rotations
R(t) in the rational parametrisation, 2×2 and 3×2 for the weights and
rank-nullity; for the two Eckart–Young claims A = R(t)·diag(σ_1, σ_2)·Hᵀ (H a
rational reflector) and B = β u_i v_jᵀ along A's singular frame with β
symbolic — near the optimum, off the frame, on the wrong pair, and the whole
family of other spectral minimisers (σ_1 − σ_2 h)u_1v_1ᵀ, |h| ≤ 1.  Only along
the frame is every step's slack a product of factors of known sign, which is
what sympy can decide; the projection lemma's symbolic case is a general
rank-one B, written by its offset from the projection.  Exact cases: the
tight ones (B = A_k, w at the minimising vertex), the two
non-unitarily-invariant norms' counterexamples (the ℓ₁ one has its SVD in
ℚ(√2)) and generic rational instances up to 4×3.  Randomised cases: exact
rationals drawn from every family (A with a prescribed SVD, B of rank ≤ k by
construction), in exact arithmetic and at high precision.  Exact spectral
norms are the largest roots of characteristic polynomials (``CRootOf``): about
0.05–0.3 s each up to 4×4 (the ``ci`` sizes), and the ``thorough`` profile's
6×6 instances pass in about 30 s for 160 of them, so no size restriction was
needed.

Precision
---------
The tolerance's scale is ‖A‖_F² + ‖B‖_F²: every quantity is a squared norm of
an expression in A and B (applied to unit vectors), computed from SVDs whose
error is of order u·(‖A‖ + ‖B‖).  The witness is the right singular vector of
the smallest singular value of B V_{k+1} (padded with zero rows to be tall),
so ‖Bz‖ = O(u‖B‖); through the Gram matrix it would only be O(√u‖B‖).
Numerical ranks come from the tolerance policy at a precision that resolves
the instance's singular values; the rank of B_⊥ = A P_Z is counted relative
to ‖A‖ (its rounding errors are of order u‖A‖, not u‖B_⊥‖), so a B_⊥ much
smaller than A is not given spurious rank.
"""

from __future__ import annotations

from fractions import Fraction

import sympy

from numerics import exact
from numerics.backends import singular_values, truncation
from numerics.claims import Case, Claim, Integer, Matrix, Orthogonal, SymbolicMatrix, at_most, equal, min_side
from numerics.linalg import diagonal, exactly_zero, full_svd, identity, norm, rank_at_scale, tidy
from numerics.symbolic import descending_values, plane_rotation, rotation, with_svd
from proofs.matrix_norms import max_entry
from proofs.registry import Theorem
from proofs.truncation import sigma

# --- backend helpers of this module (the shared ones are in numerics.linalg) -------------------------


def _norm_sq(ops, M):
    """‖M‖_F²."""
    return ops.frobenius_sq(tidy(ops, M))


def _spectral_sq(ops, M):
    """‖M‖₂²."""
    return ops.spectral_sq(tidy(ops, M))


def _first_columns(M, count: int):
    return M[:, 0:count]


def _with_zero_rows(ops, M, rows: int):
    """M stacked on zero rows up to ``rows`` rows (M itself when it has at least that many)."""
    height, width = ops.shape(M)
    if height >= rows:
        return M
    padded = ops.zeros(rows, width)
    for i in range(height):
        for j in range(width):
            padded[i, j] = M[i, j]
    return padded


def column_basis(ops, M):
    """A basis of col(M) as the columns of a matrix Y, and rank M (Y is None for M = 0): exactly,
    the pivot columns of M; numerically, the left singular vectors up to the numerical rank
    (orthonormal)."""
    if ops.exact:
        M = tidy(ops, M)
        _, pivots = M.rref(iszerofunc=exactly_zero, simplify=False)
        Y = sympy.Matrix.hstack(*(M[:, j] for j in pivots)) if pivots else None
        return Y, len(pivots)
    rank = ops.rank(M)
    return (_first_columns(ops.svd(M)[0], rank) if rank else None), rank


def column_space_projector(ops, M):
    """The orthogonal projector P onto col(M) and its rank: P = Y(YᵀY)⁻¹Yᵀ for an exact basis Y
    (the normal equations over the rationals), YYᵀ for an orthonormal one."""
    Y, rank = column_basis(ops, M)
    if Y is None:
        rows = ops.shape(M)[0]
        return ops.zeros(rows, rows), 0
    if ops.exact:
        return tidy(ops, Y * (Y.T * Y).inv() * Y.T), rank
    return Y * ops.transpose(Y), rank


def _null_space_basis(ops, M):
    """A basis of null(M): sympy's (each vector has a 1 in its free coordinate), or numerically the
    right singular vectors of M, padded with zero rows to be tall, beyond its numerical rank."""
    cols = ops.shape(M)[1]
    if ops.exact:
        return tidy(ops, M).nullspace(iszerofunc=exactly_zero)
    U, s, V = ops.svd(_with_zero_rows(ops, M, cols))
    return [ops.column(V, j) for j in range(ops.rank(M), cols)]


def null_vector(ops, M):
    """A nonzero c with Mc = 0, or the zero vector when null(M) = {0} (exactly).

    Numerically: the right singular vector of the smallest singular value of M padded with zero
    rows (a unit vector with ‖Mc‖ = σ_min + O(u‖M‖)); then ‖Mc‖ shows whether null(M) ≠ {0}.
    """
    cols = ops.shape(M)[1]
    if ops.exact:
        basis = tidy(ops, M).nullspace(iszerofunc=exactly_zero)
        return basis[0] if basis else sympy.zeros(cols, 1)
    U, s, V = ops.svd(_with_zero_rows(ops, M, cols))
    return ops.column(V, cols - 1)


def entrywise_l1(ops, M):
    """Σ |m_ij|: not unitarily invariant."""
    return ops.total(abs(x) for x in ops.entries(M))


# --- 000 Approximation Theorem: the weights argument ---------------------------------------------------


def padded_squares(ops, A) -> list:
    """σ_1², …, σ_n² of an n×m matrix, descending, with σ_j = 0 for min(n, m) < j ≤ n (000 sums
    over the n rows of Σ)."""
    rows = ops.shape(A)[0]
    values = singular_values(ops, A)
    return [sigma(values, j) ** 2 for j in range(1, rows + 1)]


def smallest_sum(ops, squares, count: int):
    """The sum of the ``count`` smallest entries of a *descending* list: its last ``count``."""
    return ops.total(squares[len(squares) - count :])


def largest_sum(ops, squares, count: int):
    return ops.total(squares[:count])


def orthonormal_row_weights(ops, Q, k: int) -> list:
    """000's weights w_j = Σ_{i≤k} u_{ij}² for U = (first k columns of Q)ᵀ, a k×n matrix with
    orthonormal rows (UUᵀ = I_k): the diagonal of the rank-k projector UᵀU."""
    size = ops.shape(Q)[0]
    return [ops.total(Q[j, i] ** 2 for i in range(k)) for j in range(size)]


def weighted_sum(ops, squares, weights):
    """Σ_j σ_j² w_j."""
    return ops.total(s * w for s, w in zip(squares, weights, strict=True))


def polytope_relations(ops, weights, total, label: str = "w"):
    """000's "Note that 0 ≤ w_j ≤ 1, and w_1 + … + w_n = k" as relations."""
    relations = []
    for j, w in enumerate(weights, start=1):
        relations.append(at_most(0, w, scale=1, label=f"{label}_{j} ≥ 0"))
        relations.append(at_most(w, 1, scale=1, label=f"{label}_{j} ≤ 1"))
    relations.append(equal(ops.total(weights), total, scale=max(total, 1), label=f"Σ{label}_j = {total}"))
    return relations


def weight_balance(ops, weights, k: int):
    """(H, T): the head weight Σ_{j≤n−k} w_j and the tail deficit Σ_{j>n−k} (1 − w_j); equal when Σw = k."""
    head = len(weights) - k
    return ops.total(weights[:head]), ops.total(1 - w for w in weights[head:])


def exchange_argument(ops, squares, weights, k: int, scale):
    """The steps of Σσ_j²w_j ≥ Σ_{j>n−k} σ_j² (see the module docstring), as relations."""
    n = len(squares)
    head = n - k
    H, T = weight_balance(ops, weights, k)
    relations = [equal(H, T, scale=max(k, 1), label="Σw = k: head weight = tail deficit")]
    if head >= 1:
        relations.append(
            at_most(
                squares[head - 1] * H,
                weighted_sum(ops, squares[:head], weights[:head]),
                scale=scale,
                label="head: Σ_{j≤n−k} σ_j²w_j ≥ σ_{n−k}²·H (w_j ≥ 0)",
            )
        )
    if k >= 1:
        relations.append(
            at_most(
                ops.total(s * (1 - w) for s, w in zip(squares[head:], weights[head:], strict=True)),
                squares[head] * T,
                scale=scale,
                label="tail: Σ_{j>n−k} σ_j²(1 − w_j) ≤ σ_{n−k+1}²·T (w_j ≤ 1)",
            )
        )
    if head >= 1 and k >= 1:
        relations.append(at_most(squares[head], squares[head - 1], scale=scale, label="σ_{n−k+1} ≤ σ_{n−k}"))
    relations.append(
        at_most(
            smallest_sum(ops, squares, k),
            weighted_sum(ops, squares, weights),
            scale=scale,
            label="000: Σσ_j²w_j ≥ sum of the k smallest σ_j²",
        )
    )
    return relations


def _weights_argument(ops, A, k, Q):
    squares = padded_squares(ops, A)
    weights = orthonormal_row_weights(ops, Q, k)
    scale = ops.total(squares)
    return (*polytope_relations(ops, weights, k), *exchange_argument(ops, squares, weights, k, scale))


A_PRESCRIBED = Matrix("A", "n", "m", prescribed=True)
K_UP_TO_ROWS = Integer("k", 0, lambda v: v["A"].shape[0])

weights_argument = Claim(
    id="weights_argument",
    title="The weights argument: a weighted sum of σ_j² is at least the sum of the k smallest",
    source="000 Approximation Theorem",
    statement=(
        "If 0 ≤ w_j ≤ 1 (j = 1..n) and Σ_j w_j = k, then Σ_j σ_j² w_j ≥ Σ_{j=n−k+1}^{n} σ_j², the sum of "
        "the k smallest σ_j² (σ_1 ≥ … ≥ σ_n ≥ 0, the diagonal of Σ ∈ ℝ^{n×m}); the weights are 000's "
        "w_j = Σ_{i≤k} u_{ij}² for U ∈ ℝ^{k×n} with UUᵀ = I_k."
    ),
    variables=(A_PRESCRIBED, K_UP_TO_ROWS, Orthogonal("Q", "n")),
    relation=_weights_argument,
)


def _symbolic_weights_2x2():
    t, u, v = sympy.symbols("t u v", real=True)
    return {
        "A": with_svd(rotation(t), descending_values(2), rotation(u)),
        "k": 1,
        "Q": SymbolicMatrix(rotation(v)),
    }


def _symbolic_weights_3x2(k):
    def build():
        t, u, v = sympy.symbols("t u v", real=True)
        A = with_svd(plane_rotation(3, 0, 1, t), descending_values(2), rotation(u))
        return {"A": A, "k": k, "Q": SymbolicMatrix(plane_rotation(3, 0, 2, v))}

    return build


def _prescribed_3x3(values):
    return exact.matrix_with_svd(exact.householder([1, 2, 2]), values, exact.householder([2, -1, 2]))


def _exact_weights_tight_vertex():
    # Q swaps e1 and e3, so its first two columns give w = (0, 1, 1): the minimising vertex.
    Q = exact.householder([1, 0, -1])
    return {"A": _prescribed_3x3((3, 2, 1)), "k": 2, "Q": exact.ExactMatrix(Q, "orthogonal")}


def _exact_weights_interior_4x3():
    U = exact.rational_orthogonal([[1, 2, 2, 0], [0, 1, -1, 3]])
    A = exact.matrix_with_svd(U, (7, 3, 1), exact.householder([2, -1, 2]))
    Q = exact.rational_orthogonal([[1, 1, 0, 2], [3, 0, -1, 1]])
    return {"A": A, "k": 2, "Q": exact.ExactMatrix(Q, "orthogonal")}


def uncapped_weights(ops, Q, k: int) -> list:
    """w_j = k·q_j² for the first column q of Q: non-negative, summing to k — every point of the
    scaled simplex {w ≥ 0, Σw = k} as q ranges over unit vectors — but not capped at 1."""
    return [k * Q[j, 0] ** 2 for j in range(ops.shape(Q)[0])]


WEIGHTS_WITHOUT_UPPER_BOUND = weights_argument.mutant(
    "weights_argument_without_upper_bound",
    statement="w_j ≥ 0 and Σ_j w_j = k (no cap w_j ≤ 1) imply Σ_j σ_j² w_j ≥ the sum of the k smallest σ_j².",
    relation=lambda ops, A, k, Q: at_most(
        smallest_sum(ops, padded_squares(ops, A), k),
        weighted_sum(ops, padded_squares(ops, A), uncapped_weights(ops, Q, k)),
        scale=_norm_sq(ops, A),
    ),
)

WEIGHTS_K_LARGEST = weights_argument.mutant(
    "weights_argument_k_largest",
    statement="0 ≤ w_j ≤ 1 and Σ_j w_j = k imply Σ_j σ_j² w_j ≥ the sum of the k LARGEST σ_j².",
    relation=lambda ops, A, k, Q: at_most(
        largest_sum(ops, padded_squares(ops, A), k),
        weighted_sum(ops, padded_squares(ops, A), orthonormal_row_weights(ops, Q, k)),
        scale=_norm_sq(ops, A),
    ),
)


# --- 002 Projection and Rank-k Approximation Lemma ----------------------------------------------------


def project_rows(ops, A, B):
    """002's B_⊥: row i is the orthogonal projection of row i of A onto Z = row(B).

    Returns (B_⊥ = A P_Z, P_Z, dim Z)."""
    P, dim = column_space_projector(ops, ops.transpose(B))
    return A * P, P, dim


def _rows(ops, M):
    rows, cols = ops.shape(M)
    return [M[i, 0:cols] for i in range(rows)]


def _projection_lemma(ops, A, B):
    B_perp, P, dim = project_rows(ops, A, B)
    scale = _norm_sq(ops, A) + _norm_sq(ops, B)
    relations = [
        at_most(
            _norm_sq(ops, a - b_perp),
            _norm_sq(ops, a - b),
            scale=scale,
            label=f"row {i}: ‖α_i − b_⊥,i‖ ≤ ‖α_i − b_i‖ (projection is closest)",
        )
        for i, (a, b, b_perp) in enumerate(zip(_rows(ops, A), _rows(ops, B), _rows(ops, B_perp), strict=True))
    ]
    distance_perp = _norm_sq(ops, A - B_perp)
    relations += [
        equal(
            distance_perp,
            ops.total(_norm_sq(ops, a - b) for a, b in zip(_rows(ops, A), _rows(ops, B_perp), strict=True)),
            scale=scale,
            label="‖A − B_⊥‖_F² = Σ_i ‖α_i − b_⊥,i‖²",
        ),
        equal(_norm_sq(ops, B_perp - B_perp * P), 0, scale=scale, label="row(B_⊥) ⊆ row(B)"),
        at_most(
            rank_at_scale(ops, B_perp, scale=norm(ops, A)),
            rank_at_scale(ops, B, scale=norm(ops, B)),
            scale=1,
            label="rank B_⊥ ≤ rank B",
        ),
        at_most(distance_perp, _norm_sq(ops, A - B), scale=scale, label="‖A − B_⊥‖_F² ≤ ‖A − B‖_F²"),
    ]
    return relations


projection_improves_rank_k_approximation = Claim(
    id="projection_improves_rank_k_approximation",
    title="Projecting the rows onto row(B) improves a rank-k approximation",
    source="002 Projection and Rank-k Approximation Lemma",
    statement=(
        "For A, B ∈ ℝ^{n×m}, let B_⊥ have as row i the orthogonal projection of row i of A onto "
        "Z = row(B).  Then rank B_⊥ ≤ rank B and ‖A − B_⊥‖_F ≤ ‖A − B‖_F."
    ),
    variables=(Matrix("A", "n", "m"), Matrix("B", "n", "m")),
    relation=_projection_lemma,
)


def _symbolic_projection_2x2():
    """B = A P_Z + e·(1, s): every rank-one B with row space span((1, s)), written by its offset e
    from the projection (so each row's slack is e_i²(1 + s²))."""
    a, b, c, d, e1, e2, s = sympy.symbols("a b c d e1 e2 s", real=True)
    A = sympy.Matrix([[a, b], [c, d]])
    z = sympy.Matrix([[1, s]])
    P = z.T * z / (1 + s**2)
    B = (A * P + sympy.Matrix([e1, e2]) * z).applyfunc(sympy.cancel)
    return {"A": A, "B": B}


def _exact_projection_equal_non_symmetric():
    # A = B = e1e2ᵀ: B_⊥ = A, but projecting A's rows onto col(B) = span(e1) would give 0.
    return {
        "A": exact.ExactMatrix([[0, 1], [0, 0]], "rational"),
        "B": exact.ExactMatrix([[0, 1], [0, 0]], "rational"),
    }


def _exact_projection_zero_a():
    return {
        "A": exact.ExactMatrix([[0, 0, 0], [0, 0, 0]], "rational"),
        "B": exact.ExactMatrix([[1, 2, 0], [2, 4, 0]], "rational"),
    }


def _exact_projection_b_zero():
    return {
        "A": exact.ExactMatrix([[1, 0], [0, 1]], "rational"),
        "B": exact.ExactMatrix([[0, 0], [0, 0]], "rational"),
    }


def _exact_projection_3x3():
    return {
        "A": exact.ExactMatrix([[3, -1, 2], [0, 5, 1], [Fraction(1, 2), 2, -4]], "rational"),
        "B": exact.ExactMatrix([[1, 2, 1], [2, 4, 2], [0, 1, -1]], "rational"),
    }


def _projection_onto_column_space(ops, A, B):
    P, _ = column_space_projector(ops, B)
    return at_most(
        _norm_sq(ops, A - A * P),
        _norm_sq(ops, A - B),
        scale=_norm_sq(ops, A) + _norm_sq(ops, B),
    )


# --- 002 Low-Rank Approximation in the Induced Norm: Rank-Nullity and Exercise 3.20 -------------------


def exercise_3_20_witness(ops, B, V, count: int):
    """z ∈ null(B) ∩ span(v_1, …, v_count): z = V_count·c with c ∈ null(B V_count).

    When rank B < count, B V_count (n×count) has a nonzero null vector, so z ≠ 0 (Exercise 3.20:
    dim null(B) + count > m).  Exactly, c has a coordinate equal to 1; numerically it is a unit
    vector.  Returns (z, c)."""
    V_count = _first_columns(V, count)
    c = null_vector(ops, tidy(ops, B * V_count))
    return tidy(ops, V_count * c), c


def coordinates(ops, V, z, count: int) -> list:
    """⟨v_j, z⟩ for j = 1..count."""
    return ops.entries(tidy(ops, ops.transpose(_first_columns(V, count)) * z))


def _span_component_sq(ops, V, z, count: int):
    """Σ_{j≤count} ⟨v_j, z⟩²."""
    return ops.total(x**2 for x in coordinates(ops, V, z, count))


def witness_relations(ops, B, V, z, count: int, scale):
    """z ≠ 0, Bz = 0 and z ∈ span(v_1..v_count), as relations."""
    norm_sq = _norm_sq(ops, z)
    return [
        at_most(1, norm_sq, scale=1, label="z ≠ 0 (‖z‖² ≥ 1)"),
        equal(_norm_sq(ops, B * z), 0, scale=scale * norm_sq, label="z ∈ null(B)"),
        equal(
            _span_component_sq(ops, V, z, count),
            norm_sq,
            scale=norm_sq,
            label=f"z ∈ span(v_1..v_{count}) (Σ_j ⟨v_j, z⟩² = ‖z‖²)",
        ),
    ]


def _rank_nullity(ops, V, k, B):
    cols = ops.shape(B)[1]
    null_basis = _null_space_basis(ops, B)
    rank_b = column_basis(ops, B)[1]
    scale = _norm_sq(ops, B)
    z, _ = exercise_3_20_witness(ops, B, V, k + 1)
    return [
        equal(rank_b + len(null_basis), cols, scale=1, label="dim col(B) + dim null(B) = m"),
        equal(
            ops.total(_norm_sq(ops, B * x) for x in null_basis),
            0,
            scale=scale * max(len(null_basis), 1),
            label="the null space basis lies in null(B)",
        ),
        at_most(cols + 1, len(null_basis) + k + 1, scale=1, label="Exercise 3.20: dim null(B) + (k+1) > m"),
        *witness_relations(ops, B, V, z, k + 1, scale),
    ]


K_BELOW_COLUMNS = Integer("k", 0, lambda v: v["V"].shape[0] - 1)
B_RANK_K = Matrix("B", "n", "m", max_rank=lambda v: v["k"])

rank_nullity = Claim(
    id="rank_nullity",
    title="Rank-nullity, and a null vector of B in the span of k+1 orthonormal vectors",
    source="002 Low-Rank Approximation in the Induced Norm: Rank-Nullity; Exercise 3.20",
    statement=(
        "For B ∈ ℝ^{n×m}: dim col(B) + dim null(B) = m.  If rank B ≤ k < m and v_1, …, v_m are "
        "orthonormal, then null(B) ∩ span(v_1, …, v_{k+1}) ≠ {0}."
    ),
    variables=(Orthogonal("V", "m"), K_BELOW_COLUMNS, B_RANK_K),
    relation=_rank_nullity,
)


def _symbolic_rank_one_in_frame(V, row):
    """B = (p, q)ᵀ·row·Vᵀ: a rank-one B written in the frame of V, so that B V_{k+1} has polynomial
    entries and the witness's coordinates are polynomials (sympy cannot sign a ratio of squares)."""
    p, q = sympy.symbols("p q", real=True)
    return (sympy.Matrix([[p], [q]]) * sympy.Matrix([row]) * V.T).applyfunc(sympy.cancel)


def _symbolic_rank_nullity_2x2():
    s, t = sympy.symbols("s t", real=True)
    V = rotation(t)
    return {"V": SymbolicMatrix(V), "k": 1, "B": _symbolic_rank_one_in_frame(V, [1, s])}


def _symbolic_rank_nullity_2x3():
    s, t = sympy.symbols("s t", real=True)
    V = plane_rotation(3, 0, 2, t)
    return {"V": SymbolicMatrix(V), "k": 1, "B": _symbolic_rank_one_in_frame(V, [1, s, 2])}


def _exact_rank_nullity_3x4():
    V = exact.rational_orthogonal([[1, 2, 2, 0], [0, 1, -1, 3]])
    B = exact.ExactMatrix([[1, 2, 0, 1], [2, 4, 0, 2], [0, 1, 1, 0]], "rational")
    return {"V": exact.ExactMatrix(V, "orthogonal"), "k": 2, "B": B}


def _exact_rank_nullity_span_misses():
    # null(B) = span(e2) misses span(v_1) = span(e1), but meets span(v_1, v_2).
    return {
        "V": exact.ExactMatrix(((1, 0), (0, 1)), "orthogonal"),
        "k": 1,
        "B": exact.ExactMatrix([[1, 0]], "rational"),
    }


def _witness_in_span_of_k(ops, V, k, B):
    z, _ = exercise_3_20_witness(ops, B, V, k)
    return witness_relations(ops, B, V, z, k, _norm_sq(ops, B))


# --- Eckart–Young in the Frobenius norm ------------------------------------------------------------


def reduce_to_diagonal(ops, A, B):
    """000: with A = UΣVᵀ, ‖A − B‖_F = ‖Σ − C‖_F for C = UᵀBV (rank C = rank B).  Returns (Σ, C)."""
    U, s, V = full_svd(ops, A)
    rows, cols = ops.shape(A)
    C = ops.transpose(U) * B * V
    return diagonal(ops, s, shape=(rows, cols)), tidy(ops, C)


def best_right_factor_residual(ops, Sigma, C):
    """000: for C = XY the optimal right factor is Y = X†Σ, leaving (I − P)Σ with P = XX† the
    projector onto col(C).  Returns ((I − P)Σ, P, rank P)."""
    P, rank_p = column_space_projector(ops, C)
    return (identity(ops, ops.shape(P)[0]) - P) * Sigma, P, rank_p


def complement_weights(ops, P) -> list:
    """000's w_j = Σ_i u_{ij}² over an orthonormal basis of col(C)^⊥: the diagonal of I − P."""
    return [1 - P[j, j] for j in range(ops.shape(P)[0])]


def _via_weights(ops, A, k, B, scale):
    rows = ops.shape(A)[0]
    Sigma, C = reduce_to_diagonal(ops, A, B)
    residual, P, rank_p = best_right_factor_residual(ops, Sigma, C)
    squares = padded_squares(ops, A)
    weights = complement_weights(ops, P)
    weighted = weighted_sum(ops, squares, weights)
    return [
        equal(
            _norm_sq(ops, A - B),
            _norm_sq(ops, Sigma - C),
            scale=scale,
            label="000: ‖A − B‖_F = ‖Σ − UᵀBV‖_F",
        ),
        at_most(
            _norm_sq(ops, residual),
            _norm_sq(ops, Sigma - C),
            scale=scale,
            label="000: optimal right factor X†Σ: ‖Σ − C‖_F ≥ ‖(I − P)Σ‖_F",
        ),
        equal(_norm_sq(ops, residual), weighted, scale=scale, label="000: ‖(I − P)Σ‖_F² = Σ_j σ_j² w_j"),
        *polytope_relations(ops, weights, rows - rank_p),
        at_most(rank_p, k, scale=1, label="rank C ≤ k"),
        at_most(
            smallest_sum(ops, squares, rows - rank_p),
            weighted,
            scale=scale,
            label="000: weights argument, Σσ_j²w_j ≥ sum of the n − rank C smallest σ_j²",
        ),
        at_most(
            smallest_sum(ops, squares, rows - k),
            smallest_sum(ops, squares, rows - rank_p),
            scale=scale,
            label="n − rank C ≥ n − k",
        ),
    ]


def _via_best_subspace(ops, A, k, B, scale):
    B_perp, P, dim = project_rows(ops, A, B)
    projected = _norm_sq(ops, A * P)
    top = ops.total(s**2 for s in singular_values(ops, A)[:k])
    distance_perp = _norm_sq(ops, A - B_perp)
    return [
        at_most(distance_perp, _norm_sq(ops, A - B), scale=scale, label="002: projection lemma"),
        at_most(dim, k, scale=1, label="dim row(B) ≤ k"),
        equal(
            distance_perp,
            _norm_sq(ops, A) - projected,
            scale=scale,
            label="‖A − AP_Z‖_F² = ‖A‖_F² − ‖AP_Z‖_F²",
        ),
        at_most(
            projected, top, scale=scale, label="002 Greedy Finds Best Subspace: ‖AP_Z‖_F² ≤ Σ_{j≤k} σ_j²"
        ),
    ]


def _eckart_young_frobenius(ops, A, k, B):
    scale = _norm_sq(ops, A) + _norm_sq(ops, B)
    squares = padded_squares(ops, A)
    error = _norm_sq(ops, A - truncation(ops, A, k))
    return [
        *_via_weights(ops, A, k, B, scale),
        *_via_best_subspace(ops, A, k, B, scale),
        equal(
            error,
            smallest_sum(ops, squares, len(squares) - k),
            scale=scale,
            label="‖A − A_k‖_F² = Σ_{j>k} σ_j²",
        ),
        at_most(error, _norm_sq(ops, A - B), scale=scale, label="‖A − A_k‖_F² ≤ ‖A − B‖_F²"),
    ]


K_UP_TO_SIDE = Integer("k", 0, lambda v: min_side(v["A"]))
K_BELOW_SIDE = Integer("k", 0, lambda v: min_side(v["A"]) - 1)

eckart_young_frobenius = Claim(
    id="eckart_young_frobenius",
    title="Eckart–Young in the Frobenius norm",
    source=(
        "000 Approximation Theorem; 002 Low-rank approximation in the Frobenius norm (Greedy Finds Best Fit)"
    ),
    statement="‖A − A_k‖_F ≤ ‖A − B‖_F for every B ∈ ℝ^{n×m} of rank ≤ k, 0 ≤ k ≤ min(n, m).",
    variables=(A_PRESCRIBED, K_UP_TO_SIDE, B_RANK_K),
    relation=_eckart_young_frobenius,
)


# --- Eckart–Young in the induced norm -------------------------------------------------------------


def _eckart_young_spectral(ops, A, k, B):
    U, s, V = full_svd(ops, A)
    scale = _norm_sq(ops, A) + _norm_sq(ops, B)
    z, _ = exercise_3_20_witness(ops, B, V, k + 1)
    norm_sq = _norm_sq(ops, z)
    image_sq = _norm_sq(ops, (A - B) * z)
    expansion = ops.total(s[j] ** 2 * x**2 for j, x in enumerate(coordinates(ops, V, z, k + 1)))
    sigma_next = s[k] ** 2
    distance = _spectral_sq(ops, A - B)
    error = _spectral_sq(ops, A - truncation(ops, A, k))
    return [
        *witness_relations(ops, B, V, z, k + 1, scale),
        equal(image_sq, _norm_sq(ops, A * z), scale=scale * norm_sq, label="(A − B)z = Az"),
        equal(
            _norm_sq(ops, A * z),
            expansion,
            scale=scale * norm_sq,
            label="‖Az‖² = Σ_{j≤k+1} σ_j²⟨v_j, z⟩²",
        ),
        at_most(
            sigma_next * norm_sq,
            expansion,
            scale=scale * norm_sq,
            label="Σ_{j≤k+1} σ_j²⟨v_j, z⟩² ≥ σ_{k+1}²‖z‖² (σ_j ≥ σ_{k+1} for j ≤ k+1)",
        ),
        at_most(
            sigma_next * norm_sq,
            image_sq,
            scale=scale * norm_sq,
            label="certificate: ‖(A − B)z‖² ≥ σ_{k+1}²‖z‖²",
        ),
        at_most(image_sq, distance * norm_sq, scale=scale * norm_sq, label="‖(A − B)z‖² ≤ ‖A − B‖₂²‖z‖²"),
        equal(error, sigma_next, scale=scale, label="‖A − A_k‖₂² = σ_{k+1}²"),
        at_most(error, distance, scale=scale, label="‖A − A_k‖₂² ≤ ‖A − B‖₂²"),
    ]


eckart_young_spectral = Claim(
    id="eckart_young_spectral",
    title="Eckart–Young in the induced 2-norm",
    source="002 Low-Rank Approximation in the Induced Norm",
    statement="‖A − A_k‖₂ ≤ ‖A − B‖₂ for every B ∈ ℝ^{n×m} of rank ≤ k, 0 ≤ k < min(n, m).",
    variables=(A_PRESCRIBED, K_BELOW_SIDE, B_RANK_K),
    relation=_eckart_young_spectral,
)


# --- cases shared by the two Eckart–Young claims -------------------------------------------------


def _exact_max_entry_counterexample():
    """A = diag(2, 1), k = 1: ‖A − A_1‖_max = 1, but B = ⅓[[4, 2], [2, 1]] (rank 1) gives 2/3."""
    A = exact.matrix_with_svd(((1, 0), (0, 1)), (2, 1), ((1, 0), (0, 1)))
    return {
        "A": A,
        "k": 1,
        "B": exact.ExactMatrix(
            [[Fraction(4, 3), Fraction(2, 3)], [Fraction(2, 3), Fraction(1, 3)]], "rational"
        ),
    }


def _exact_l1_counterexample():
    """A = [[2, 1], [1, 2]] = 3·ppᵀ + qqᵀ, p = (1, 1)/√2, q = (1, −1)/√2, k = 1: ‖A − A_1‖_ℓ₁ = 2,
    but B = [[2, 1], [1, ½]] (rank 1) gives 3/2.  The SVD is exact in ℚ(√2)."""
    r = 1 / sympy.sqrt(2)
    W = sympy.Matrix([[r, r], [r, -r]])
    A = SymbolicMatrix(sympy.Matrix([[2, 1], [1, 2]]), (W, [sympy.Integer(3), sympy.Integer(1)], W))
    return {"A": A, "k": 1, "B": exact.ExactMatrix([[2, 1], [1, Fraction(1, 2)]], "rational")}


def _exact_optimal_3x3():
    """B = A_1 for σ = (1/2, 1/3, 1/4): the tight instance (equality in both norms)."""
    A = _prescribed_3x3((Fraction(1, 2), Fraction(1, 3), Fraction(1, 4)))
    B = _prescribed_3x3((Fraction(1, 2), 0, 0))
    return {"A": A, "k": 1, "B": B}


def _exact_generic_4x3():
    U = exact.rational_orthogonal([[1, 2, 2, 0], [0, 1, -1, 3]])
    A = exact.matrix_with_svd(U, (7, 3, 1), exact.householder([2, -1, 2]))
    left = ((1, 0), (2, -1), (0, 3), (1, 1))
    right = ((2, 1, 0), (Fraction(1, 2), 0, -1))
    return {"A": A, "k": 2, "B": exact.ExactMatrix(exact.exact_matmul(left, right), "rational")}


EXACT_EY_CASES = (
    Case("max_entry_counterexample_2x2", _exact_max_entry_counterexample, kind="exact"),
    Case("l1_counterexample_2x2", _exact_l1_counterexample, kind="exact"),
    Case("optimal_b_3x3_k1", _exact_optimal_3x3, kind="exact"),
    Case("generic_4x3_k2", _exact_generic_4x3, kind="exact"),
)


def _symbolic_frame_case(coefficient, i: int, j: int):
    """A = R(t) diag(σ_1, σ_2) Hᵀ with a symbolic rotation R(t), symbolic σ_1 > σ_2 > 0 and the rational
    reflector H = householder((1, 2)), k = 1, and B = β u_i v_jᵀ along A's singular frame,
    β = coefficient(σ_1, σ_2, c).  (A second symbolic rotation for V triples the cost of the
    cancellations and adds nothing that orthogonal invariance does not already give.)"""

    def build():
        t, c = sympy.symbols("t c", real=True)
        s1, s2 = descending_values(2)
        U, V = rotation(t), sympy.Matrix(exact.householder([1, 2]))
        frame = sympy.zeros(2, 2)
        frame[i, j] = coefficient(s1, s2, c)
        B = (U * frame * V.T).applyfunc(sympy.cancel)
        return {"A": with_svd(U, [s1, s2], V), "k": 1, "B": B}

    return build


def _rational_cosine(c):
    """(1 − c²)/(1 + c²): every value in (−1, 1], as a rational function of c."""
    return (1 - c**2) / (1 + c**2)


FROBENIUS_SYMBOLIC_CASES = (
    Case("rotation_b_near_top_pair", _symbolic_frame_case(lambda s1, s2, c: s1 + c, 0, 0)),
    Case("rotation_b_off_frame", _symbolic_frame_case(lambda s1, s2, c: c, 0, 1)),
    Case("rotation_b_on_second_pair", _symbolic_frame_case(lambda s1, s2, c: s2 + c, 1, 1)),
)

SPECTRAL_SYMBOLIC_CASES = (
    # B = (σ_1 − σ_2·h)u_1v_1ᵀ with |h| ≤ 1: all of these are optimal (‖A − B‖₂ = σ_2).
    Case(
        "rotation_other_minimisers",
        _symbolic_frame_case(lambda s1, s2, c: s1 - s2 * _rational_cosine(c), 0, 0),
    ),
    Case(
        "rotation_b_on_second_pair",
        _symbolic_frame_case(lambda s1, s2, c: s2 - s1 * _rational_cosine(c), 1, 1),
    ),
)


def _norm_mutant(claim, name: str, norm_name: str, norm):
    return claim.mutant(
        name,
        statement=f"‖A − A_k‖ ≤ ‖A − B‖ for all B of rank ≤ k, in the {norm_name} (not unitarily invariant).",
        relation=lambda ops, A, k, B: at_most(
            norm(ops, A - truncation(ops, A, k)), norm(ops, A - B), scale=_norm_sq(ops, A)
        ),
    )


K_FROM_ONE = Integer("k", 1, lambda v: min_side(v["A"]))


def _against_previous_truncation(norm_sq):
    """‖A − A_{k−1}‖ ≤ ‖A − B‖ for rank B ≤ k: "‖A − A_k‖ ≤ ‖A − B‖ for rank B ≤ k+1" with k shifted by
    one, so that the theorem's tight cases (B = A_k) are instances of it."""

    def relation(ops, A, k, B):
        return at_most(
            norm_sq(ops, A - truncation(ops, A, k - 1)),
            norm_sq(ops, A - B),
            scale=_norm_sq(ops, A) + _norm_sq(ops, B),
        )

    return relation


THEOREMS = (
    Theorem(
        weights_argument,
        cases=(
            Case("rotations_2x2_k1", _symbolic_weights_2x2),
            Case("rotations_3x2_k1", _symbolic_weights_3x2(1)),
            Case("rotations_3x2_k2", _symbolic_weights_3x2(2)),
            Case("tight_vertex_3x3_k2", _exact_weights_tight_vertex, kind="exact"),
            Case("interior_4x3_k2", _exact_weights_interior_4x3, kind="exact"),
        ),
        mutant_claims=(WEIGHTS_K_LARGEST, WEIGHTS_WITHOUT_UPPER_BOUND),
    ),
    Theorem(
        projection_improves_rank_k_approximation,
        cases=(
            Case("rank_one_b_2x2", _symbolic_projection_2x2),
            Case("a_equals_b_non_symmetric_2x2", _exact_projection_equal_non_symmetric, kind="exact"),
            Case("a_zero_2x3", _exact_projection_zero_a, kind="exact"),
            Case("b_zero_2x2", _exact_projection_b_zero, kind="exact"),
            Case("rank_two_b_3x3", _exact_projection_3x3, kind="exact"),
        ),
        mutant_claims=(
            projection_improves_rank_k_approximation.mutant(
                "projection_onto_column_space_of_b",
                statement="‖A − A P_col(B)‖_F ≤ ‖A − B‖_F: A's rows projected onto col(B) (square A, B).",
                variables=(Matrix("A", "n", "n"), Matrix("B", "n", "n")),
                relation=_projection_onto_column_space,
            ),
            projection_improves_rank_k_approximation.mutant(
                "projection_bound_by_spectral_norm",
                statement="‖A − B_⊥‖_F ≤ ‖A − B‖₂ (the spectral norm on the right).",
                relation=lambda ops, A, B: at_most(
                    _norm_sq(ops, A - project_rows(ops, A, B)[0]),
                    _spectral_sq(ops, A - B),
                    scale=_norm_sq(ops, A) + _norm_sq(ops, B),
                ),
            ),
            projection_improves_rank_k_approximation.mutant(
                "projection_preserves_rank",
                statement="rank B_⊥ = rank B.",
                relation=lambda ops, A, B: equal(
                    rank_at_scale(ops, project_rows(ops, A, B)[0], scale=norm(ops, A)),
                    rank_at_scale(ops, B, scale=norm(ops, B)),
                    scale=1,
                ),
            ),
        ),
    ),
    Theorem(
        rank_nullity,
        cases=(
            Case("rotation_2x2_k1", _symbolic_rank_nullity_2x2),
            Case("plane_rotation_2x3_k1", _symbolic_rank_nullity_2x3),
            Case("householder_3x4_k2", _exact_rank_nullity_3x4, kind="exact"),
            Case("span_of_k_misses_null_space_1x2", _exact_rank_nullity_span_misses, kind="exact"),
        ),
        mutant_claims=(
            rank_nullity.mutant(
                "rank_nullity_counts_rows",
                statement="dim col(B) + dim null(B) = n, the number of rows.",
                relation=lambda ops, V, k, B: equal(
                    column_basis(ops, B)[1] + len(_null_space_basis(ops, B)), ops.shape(B)[0], scale=1
                ),
            ),
            rank_nullity.mutant(
                "null_space_meets_span_of_k_vectors",
                statement="rank B ≤ k ⇒ null(B) ∩ span(v_1, …, v_k) ≠ {0} (k vectors instead of k+1), k ≥ 1.",
                variables=(Orthogonal("V", "m"), Integer("k", 1, lambda v: v["V"].shape[0] - 1), B_RANK_K),
                relation=_witness_in_span_of_k,
            ),
            rank_nullity.mutant(
                "null_space_meets_span_for_rank_k_plus_1",
                statement="rank B ≤ k+1 ⇒ null(B) ∩ span(v_1, …, v_{k+1}) ≠ {0} (the rank bound weakened).",
                variables=(
                    Orthogonal("V", "m"),
                    K_BELOW_COLUMNS,
                    Matrix("B", "n", "m", max_rank=lambda v: v["k"] + 1),
                ),
                relation=lambda ops, V, k, B: _witness_in_span_of_k(ops, V, k + 1, B),
            ),
        ),
    ),
    Theorem(
        eckart_young_frobenius,
        cases=(*FROBENIUS_SYMBOLIC_CASES, *EXACT_EY_CASES),
        mutant_claims=(
            _norm_mutant(
                eckart_young_frobenius, "eckart_young_frobenius_max_entry_norm", "max-entry norm", max_entry
            ),
            _norm_mutant(
                eckart_young_frobenius,
                "eckart_young_frobenius_entrywise_l1_norm",
                "entrywise ℓ₁ norm",
                entrywise_l1,
            ),
            eckart_young_frobenius.mutant(
                "eckart_young_frobenius_tail_from_sigma_k",
                statement="‖A − B‖_F² ≥ Σ_{j≥k} σ_j² for all B of rank ≤ k, k ≥ 1 (the tail starts at σ_k).",
                variables=(A_PRESCRIBED, Integer("k", 1, lambda v: min_side(v["A"])), B_RANK_K),
                relation=lambda ops, A, k, B: at_most(
                    ops.total(x**2 for x in singular_values(ops, A)[k - 1 :]),
                    _norm_sq(ops, A - B),
                    scale=_norm_sq(ops, A) + _norm_sq(ops, B),
                ),
            ),
            eckart_young_frobenius.mutant(
                "eckart_young_frobenius_rank_k_plus_1",
                statement=(
                    "‖A − A_k‖_F ≤ ‖A − B‖_F for every B of rank ≤ k+1 (checked as "
                    "‖A − A_{k−1}‖_F ≤ ‖A − B‖_F for rank B ≤ k, k ≥ 1)."
                ),
                variables=(A_PRESCRIBED, K_FROM_ONE, B_RANK_K),
                relation=_against_previous_truncation(_norm_sq),
            ),
        ),
    ),
    Theorem(
        eckart_young_spectral,
        cases=(*SPECTRAL_SYMBOLIC_CASES, *EXACT_EY_CASES),
        mutant_claims=(
            eckart_young_spectral.mutant(
                "eckart_young_spectral_sigma_k",
                statement="‖A − B‖₂ ≥ σ_k for every B of rank ≤ k, 1 ≤ k < min(n, m) (σ_k for σ_{k+1}).",
                variables=(A_PRESCRIBED, Integer("k", 1, lambda v: min_side(v["A"]) - 1), B_RANK_K),
                relation=lambda ops, A, k, B: at_most(
                    singular_values(ops, A)[k - 1] ** 2,
                    _spectral_sq(ops, A - B),
                    scale=_norm_sq(ops, A) + _norm_sq(ops, B),
                ),
            ),
            eckart_young_spectral.mutant(
                "eckart_young_spectral_rank_k_plus_1",
                statement=(
                    "‖A − A_k‖₂ ≤ ‖A − B‖₂ for every B of rank ≤ k+1 (checked as "
                    "‖A − A_{k−1}‖₂ ≤ ‖A − B‖₂ for rank B ≤ k, 1 ≤ k ≤ min(n, m))."
                ),
                variables=(A_PRESCRIBED, K_FROM_ONE, B_RANK_K),
                relation=_against_previous_truncation(_spectral_sq),
            ),
            _norm_mutant(
                eckart_young_spectral, "eckart_young_spectral_max_entry_norm", "max-entry norm", max_entry
            ),
            _norm_mutant(
                eckart_young_spectral,
                "eckart_young_spectral_entrywise_l1_norm",
                "entrywise ℓ₁ norm",
                entrywise_l1,
            ),
            eckart_young_spectral.mutant(
                "eckart_young_spectral_unsquared_conclusion",
                statement=(
                    "‖A − A_k‖₂ ≤ ‖A − B‖₂²: what 002's proof concludes from its last line "
                    "'σ_{k+1}² = ‖A − A_k‖₂' (a square dropped)."
                ),
                relation=lambda ops, A, k, B: at_most(
                    ops.sqrt(_spectral_sq(ops, A - truncation(ops, A, k))),
                    _spectral_sq(ops, A - B),
                    scale=_norm_sq(ops, A) + _norm_sq(ops, B),
                ),
            ),
        ),
    ),
)

ERRATA = ()
