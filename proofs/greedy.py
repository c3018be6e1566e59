"""The greedy proofs: best subspace, existence of the SVD, orthogonality, variational characterization.

Source: 002, §3.7.3 "Additional proofs": "Proof of Greedy Finds Best Subspace", "Proof of
Existence of the SVD", the lemma "Left Singular Vectors are Orthogonal", then "SVD and
Approximating Subspace" ("SVD and greedy sequence" and the theorem "Variational
Characterization of Singular Values").

Notation is 002's: A ∈ ℝ^{n×m} has rows α_iᵀ (n data points in ℝ^m); w, v ∈ ℝ^m.  The
*greedy sequence* is v_j ∈ argmax{‖Aw‖ : ‖w‖ = 1, ⟨w, v_i⟩ = 0 for all i ≤ j−1}.

Main statements
---------------
* ``greedy_finds_best_subspace`` — for every orthonormal list w_1..w_k (k ≤ m),
  Σ_{j≤k} ‖Aw_j‖² ≤ Σ_{j≤k} ‖Av_j‖²: span(v_1..v_k) is a best approximating subspace.
* ``svd_exists_via_greedy`` — the greedy sequence, stopped at the last r with ‖Av_r‖ > 0, gives
  σ_j = ‖Av_j‖ > 0 non-increasing, orthonormal u_j = Av_j/σ_j, Av_i = 0 for i > r and
  A = Σ_{j≤r} σ_j u_j v_jᵀ = UΣVᵀ.
* ``left_singular_vectors_orthogonal_by_perturbation`` — the u_i of a greedy sequence are
  orthogonal; if ⟨u_i, u_j⟩ = δ ≠ 0, then v_i' ∝ v_i + εv_j has ‖Av_i'‖ > σ_i for small ε > 0.
* ``variational_characterization`` — for an SVD A = Σ_{j≤r} σ_j u_j v_jᵀ and 1 ≤ j ≤ r,
  σ_j² = max{‖Aw‖² : ‖w‖ = 1, w ⟂ v_1..v_{j−1}}, attained at v_j.

Hypotheses
----------
Any real A, the zero matrix included (r = 0: every greedy step has maximum 0), except for the
variational characterization, which needs 1 ≤ j ≤ r (so A ≠ 0; past r the maximum is 0, not
σ_j of the completion).  The best-subspace theorem holds for every k ≤ m, not only k ≤ r: past r
the greedy steps have maximum 0 and any orthonormal completion of v_1..v_r is greedy.  The
perturbation lemma needs the sequence to be *greedy*: for an arbitrary orthonormal list the u_i
need not be orthogonal (the mutant ``left_singular_vectors_orthogonal_for_any_orthonormal_list``).

The proofs as code
------------------
*Greedy steps.*  ``greedy_sequence`` computes the sequence.  At high precision step j takes a
top eigenvector of the projected Gram matrix P_jAᵀAP_j, P_j = I − Σ_{i<j} v_iv_iᵀ the projector
onto the complement of v_1..v_{j−1} (``mpmath.eigsy``).  In exact arithmetic there is no
eigensolver: the candidates are the prescribed right singular vectors, and every claim
*certifies* the greedy property of each step it uses: σ_j²I − P_jAᵀAP_j ⪰ 0, i.e.
‖Aw‖² ≤ σ_j² for every unit w ⟂ v_1..v_{j−1}.  The certificate (``greedy_step_certificate``)
is that every coefficient e_k of det(λI − M) = Σ_k (−1)^k e_k λ^{m−k} is ≥ 0 (e_k is the sum of
the k×k principal minors of the symmetric M): a real-rooted polynomial has all its roots ≥ 0
exactly when its coefficients alternate in sign (if some root μ < 0, then
(−1)^m p(μ) = Σ_k e_k |μ|^{m−k} ≥ |μ|^m > 0).  A candidate that is not a maximiser fails it.

*Greedy Finds Best Subspace (the induction).*  ``best_subspace_induction`` runs the induction
on a concrete orthonormal list, the first k columns of an orthogonal matrix.  Step 1
(``basis_orthogonal_to_greedy``) builds a basis w'_1..w'_k of 𝒲 = span(w_j) with
w'_k ⟂ 𝒱' = span(v'_1..v'_{k−1}), v'_i = proj_𝒲 v_i: w'_k = Σ c_j w_j for a null vector c of the
(k−1)×k matrix ⟨v_i, w_j⟩, which exists because k−1 < k — the proof's "(Why?)".  Step 2 checks
(**) Σ‖Aw_j‖² = Σ_i ‖proj_𝒲 α_i‖² = Σ‖Aw'_j‖², runs the induction hypothesis (*) *recursively*
on the list w'_1..w'_{k−1}, and checks (***) ‖Aw'_k‖² ≤ ‖Av_k‖²; Step 3 adds them up.  The w'_j
are orthogonal and normalised only inside the Rayleigh quotients ‖Aw'‖²/‖w'‖², so that the
exact construction stays rational.

*Proof of Existence of the SVD, steps (1)–(3).*  (1) the greedy sequence: unit, orthogonal,
every step certified, step r+1 included (its maximum is 0), r = rank A; (2) σ_j = ‖Av_j‖
non-increasing and equal to A's singular values, u_j = Av_j/σ_j orthonormal; (3) Av_i = 0 for
i > r and A = Σ_{j≤r} σ_j u_j v_jᵀ.

*Left Singular Vectors are Orthogonal.*  On the greedy sequence, ⟨u_i, u_j⟩ = 0.  On an
arbitrary orthonormal list (an orthogonal matrix's columns) the contradiction is executed: i is
the smallest index with a j > i and g = ⟨Av_i, Av_j⟩ = σ_iσ_jδ ≠ 0 (v_i flipped when δ < 0,
as 002 uses −u_i); ε = g/(σ_i² + g), exactly rational, lies in (0, 1) and satisfies
ε(σ_i + σ_jδ) ≤ σ_jδ, so the proof's bracket σ_jδ − εσ_i/2 − ε²σ_jδ/2 ≥ σ_jδ − ε(σ_i + σ_jδ)/2
is ≥ σ_jδ/2 > 0; then ‖Av_i'‖ ≥ σ_i + εσ_jδ/2 and ‖Av_i'‖² − σ_i² ≥ ε·g > 0.  Every link of the
chain (Pythagoras, (1 + ε²)(1 − ε²/2)² ≤ 1, the expansion) is a relation of its own.

*Variational Characterization.*  The SVD's v_1..v_r are completed to an orthonormal basis of
ℝ^m (Av_i = 0 for i > r); the maximum is attained at v_j, bounded by the certificate, and equal
to ‖AP_j‖₂² (computed independently, as the largest root of a characteristic polynomial); the
proof's expansion ‖Aw‖² = Σ_{i=j}^r σ_i²⟨w, v_i⟩² ≤ σ_j²‖w‖² is evaluated on w = P_jq for a
drawn unit q.

Errata
------
* "Left Singular Vectors are Orthogonal": the expansion of (σ_i + εσ_jδ)(1 − ε²/2) is printed
  with the cubic term −ε³σ_iσ_jδ/2; it is −ε³σ_jδ/2.  The literal mutant
  ``perturbation_expansion_as_printed`` fails whenever σ_i ≠ 1 (the gap is ε³σ_jδ(σ_i − 1)/2).
* "SVD and greedy sequence" completes v_1..v_r "by adding appropriate vectors v_{j+1},…,v_m"
  and concludes "Av_i = 0 for all i = j+1,…,m", where j is the index of the variational
  statement that follows; it should be v_{r+1},…,v_m.  The literal mutant
  ``variational_null_completion_from_j`` (a mutant of ``variational_characterization``, where
  j lives) fails for every j < r: v_1..v_r, v_{j+1}..v_m are r + m − j > m vectors and
  Av_{j+1} = σ_{j+1}u_{j+1} ≠ 0.

Checks
------
Symbolic 2×2, 3×2 and 2×3 cases (V a rotation by a symbolic angle, symbolic ordered singular
values σ_1 = d_1 + d_2 > σ_2 = d_2 > 0, U rational), rational 4×3 instances with prescribed
SVDs (distinct, repeated and rank-deficient singular values), drawn exact instances of every
family with a known SVD, and high-precision instances of every family.  The exact certificates
and the recursion are rational (one characteristic polynomial per step, no square roots except
σ_i in the perturbation's expansion), so the drawn exact instances keep the profile's sizes
(up to 4×4 under ``ci``) with no restriction.

Precision
---------
The Gram matrix squares A's dynamic range, so the greedy's eigenproblems are solved at twice
the working digits (then the vectors are rounded back); the sequence stops when the top
eigenvalue of P_jAᵀAP_j is below the tolerance at that precision on the scale ‖A‖_F².
Squared norms, Rayleigh quotients and greedy sums are compared on the scale ‖A‖_F²; the
certificate's e_k on C(m, k)‖A‖_F^{2k}; orthonormality of unit vectors on 1, and of
u_i = Av_i/σ_i on ‖A‖_F(1/σ_i + 1/σ_j), since Av_i carries an absolute error of order u‖A‖;
residuals (‖Av_i‖ for i > r, ‖A − UΣVᵀ‖_F) on ‖A‖_F.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from math import comb

import mpmath
import sympy

from numerics import exact
from numerics.backends import NotDecidable, singular_values
from numerics.claims import Case, Claim, Integer, Matrix, Orthogonal, SymbolicMatrix, at_most, equal, rank
from numerics.linalg import dot, identity, is_zero, norm, product, root, tidy
from numerics.matrices import orthonormal_completion
from numerics.precision import tolerance, workdps
from numerics.symbolic import descending_values, plane_rotation, rotation, with_svd
from proofs.matrix_norms import max_entry
from proofs.registry import Erratum, Theorem

# ---------------------------------------------------------------------------------------------
# Small predicates and helpers (both backends)


def complement_projector(ops, vectors, size: int):
    """P = I − Σ v vᵀ: the orthogonal projector onto the complement of the orthonormal ``vectors``."""
    P = identity(ops, size)
    for v in vectors:
        P = P - v * ops.transpose(v)
    return tidy(ops, P)


def span_projector(ops, vectors, size: int):
    """Σ x xᵀ/⟨x, x⟩: the orthogonal projector onto the span of the orthogonal nonzero ``vectors``."""
    P = ops.zeros(size, size)
    for x in vectors:
        P = P + x * ops.transpose(x) / dot(ops, x, x)
    return tidy(ops, P)


def rayleigh(ops, A, x):
    """‖Ax‖²/‖x‖²: ‖Aw‖² for the unit w = x/‖x‖."""
    return ops.frobenius_sq(product(ops, A, x)) / ops.frobenius_sq(x)


def matrix_rank(ops, A) -> int:
    """rank A: exactly, the number of nonzero prescribed singular values; numerically, the
    numerical rank of the tolerance policy."""
    if ops.exact:
        return sum(1 for s in singular_values(ops, A) if sympy.cancel(s) != 0)
    return ops.rank(A)


def _is_negative(ops, x) -> bool:
    if not ops.exact:
        return x < 0
    negative = sympy.factor(x).is_negative
    if negative is None:
        raise NotDecidable(f"cannot decide the sign of {x}")
    return bool(negative)


def char_coefficients(ops, M) -> list:
    """e_1..e_m of a symmetric M: det(λI − M) = Σ_k (−1)^k e_k λ^{m−k}, e_k the sum of the k×k
    principal minors.  Exactly from the characteristic polynomial; numerically the elementary
    symmetric functions of the eigenvalues."""
    if ops.exact:
        coefficients = M.charpoly(sympy.Dummy("lambda")).all_coeffs()
        return [(-1) ** k * coefficients[k] for k in range(1, len(coefficients))]
    eigenvalues, _ = mpmath.eigsy((M + M.T) / 2)
    e = [mpmath.mpf(1)] + [mpmath.mpf(0)] * M.rows
    for x in eigenvalues:
        for k in range(M.rows, 0, -1):
            e[k] += x * e[k - 1]
    return e[1:]


def _null_vector(ops, B):
    """A nonzero c with Bc = 0, for a (k−1)×k matrix B.  Exactly, the signed maximal minors
    c_j = (−1)^j det B_{:,≠j} (Bc = 0 by Laplace expansion of B with a row repeated) when B has
    full rank, otherwise a basis vector of the null space; numerically the last right singular
    vector."""
    if not ops.exact:
        _, _, Vt = mpmath.svd_r(B, full_matrices=True)
        return Vt[Vt.rows - 1, :].T
    k = B.cols
    minors = [
        sympy.cancel((-1) ** j * B.extract(list(range(k - 1)), [i for i in range(k) if i != j]).det())
        for j in range(k)
    ]
    if any(c != 0 for c in minors):
        return sympy.Matrix(minors)
    return B.nullspace(simplify=True)[0]


def _pivot(ops, c, vectors) -> int:
    """An index p with c_p ≠ 0: the vector that Σ c_j x_j replaces in a basis.  Exactly the first
    nonzero coefficient; numerically the largest |c_j|·‖x_j‖, for a well-conditioned basis."""
    if ops.exact:
        return next(j for j in range(len(vectors)) if sympy.cancel(c[j]) != 0)
    weights = [abs(c[j]) * mpmath.sqrt(ops.frobenius_sq(x)) for j, x in enumerate(vectors)]
    return max(range(len(vectors)), key=weights.__getitem__)


# ---------------------------------------------------------------------------------------------
# The greedy sequence and its certificate


@dataclass(frozen=True)
class GreedySequence:
    """v_1..v_m: the greedy steps v_1..v_r (‖Av_j‖ > 0), then an orthonormal completion."""

    vectors: tuple
    rank: int


def greedy_sequence(ops, A, *, orthogonal: bool = True) -> GreedySequence:
    """002's greedy sequence: v_j ∈ argmax{‖Aw‖ : ‖w‖ = 1, w ⟂ v_1..v_{j−1}}, until ‖Av_j‖ = 0.

    Numerically, v_j is a top eigenvector of P_jAᵀAP_j (solved at twice the working digits);
    exactly, the candidates are A's prescribed right singular vectors (to be certified by
    ``greedy_step_certificate``).  ``orthogonal=False`` drops the constraint w ⟂ v_1..v_{j−1}
    (every step then returns v_1).
    """
    if ops.exact:
        _, _, V = ops.svd(A)
        vectors = [V[:, j] for j in range(V.cols)]
        if not orthogonal:
            vectors = [vectors[0]] * len(vectors)
        captured = [ops.frobenius_sq(product(ops, A, v)) for v in vectors]
        return GreedySequence(
            tuple(vectors), next((j for j, x in enumerate(captured) if x == 0), len(vectors))
        )
    return _greedy_high_precision(ops, A, orthogonal)


def _greedy_high_precision(ops, A, orthogonal: bool) -> GreedySequence:
    n, m = ops.shape(A)
    with workdps(2 * ops.dps):
        gram = A.T * A
        cutoff = tolerance(dps=2 * ops.dps, size=max(n, m), scale=ops.frobenius_sq(A))
        vectors: list = []
        while len(vectors) < m:
            P = complement_projector(ops, vectors if orthogonal else [], m)
            H = P * gram * P
            eigenvalues, Q = mpmath.eigsy((H + H.T) / 2)
            top = max(range(m), key=lambda i: eigenvalues[i])
            if eigenvalues[top] <= cutoff:
                break
            v = P * Q[:, top]  # project again: the maximiser lies in the complement
            vectors.append(v / mpmath.sqrt(ops.frobenius_sq(v)))
        r = len(vectors)
        if r < m:  # past r every unit w ⟂ v_1..v_r is a maximiser: complete to an orthonormal basis
            found = mpmath.matrix([[v[i] for v in vectors] for i in range(m)]) if r else None
            basis = orthonormal_completion(found) if r else identity(ops, m)
            vectors += [basis[:, j] for j in range(r, m)]
    return GreedySequence(tuple(+v for v in vectors), r)


def greedy_step_certificate(ops, A, previous, bound_sq, *, step: int):
    """The greedy property of step ``step``: bound_sq·I − PAᵀAP ⪰ 0 for P the projector onto the
    complement of ``previous``, i.e. ‖Aw‖² ≤ bound_sq for every unit w ⟂ ``previous``; certified
    by the signs of the characteristic polynomial's coefficients (see the module docstring)."""
    m = ops.shape(A)[1]
    P = complement_projector(ops, previous, m)
    M = tidy(ops, bound_sq * identity(ops, m) - product(ops, P, product(ops, ops.transpose(A), A), P))
    F = ops.frobenius_sq(A)
    return [
        at_most(0, e, scale=comb(m, k) * F**k, label=f"step {step} certified: e_{k}(σ_{step}²I − PAᵀAP) ≥ 0")
        for k, e in enumerate(char_coefficients(ops, M), start=1)
    ]


def null_completion(ops, A, V, start: int):
    """Av_i = 0 for the completing vectors v_i, i = start+1..m (002 prints i = j+1..m)."""
    scale = root(ops, ops.frobenius_sq(A))
    return [
        equal(norm(ops, product(ops, A, V[i])), 0, scale=scale, label=f"Av_{i + 1} = 0 (i = {start + 1}..m)")
        for i in range(start, len(V))
    ]


def left_singular_vectors(ops, A, vectors, sigmas):
    """(2): u_j = Av_j/σ_j."""
    return [product(ops, A, v) / s for v, s in zip(vectors, sigmas, strict=True)]


def _u_scale(ops, F, sigma_i, sigma_j):
    """The scale of ⟨u_i, u_j⟩: Av carries an error of order u‖A‖, so u_i one of order u‖A‖/σ_i."""
    return root(ops, F) * (1 / sigma_i + 1 / sigma_j)


# A is n×m, as in 002; exact checks draw it with a prescribed SVD (the greedy candidates).
A_ANY = Matrix("A", "n", "m", prescribed=True)
A_NONZERO = Matrix("A", "n", "m", nonzero=True, prescribed=True)


# ---------------------------------------------------------------------------------------------
# Proof of Greedy Finds Best Subspace


def basis_orthogonal_to_greedy(ops, X, previous):
    """Step 1: an orthogonal basis x'_1..x'_ℓ of span(X) (X orthogonal, nonzero) whose last vector
    is orthogonal to ``previous`` = v_1..v_{ℓ−1}.

    x'_ℓ = Σ c_j x_j with c a null vector of the (ℓ−1)×ℓ matrix ⟨v_i, x_j⟩ — it exists since
    ℓ−1 < ℓ; the others are Gram–Schmidt of the x_j, j ≠ p (c_p ≠ 0), against x'_ℓ.
    """
    ell = len(X)
    if not previous:
        return list(X)
    B = ops.zeros(ell - 1, ell)
    for i, v in enumerate(previous):
        for j, x in enumerate(X):
            B[i, j] = dot(ops, v, x)
    c = _null_vector(ops, B)
    last = tidy(ops, sum((c[j] * x for j, x in enumerate(X)), ops.zeros(*ops.shape(X[0]))))
    p = _pivot(ops, c, X)
    basis: list = []
    for x in (x for j, x in enumerate(X) if j != p):
        for y in [last, *basis]:
            x = tidy(ops, x - (dot(ops, x, y) / dot(ops, y, y)) * y)
        basis.append(x)
    return [*basis, last]


def best_subspace_induction(ops, A, V, X, *, primes: int = 0):
    """The induction of 002's proof on the orthogonal list X = (w_1..w_ℓ): its Steps 1–3 at k = ℓ,
    with the induction hypothesis (*) executed recursively on the list w'_1..w'_{ℓ−1} of Step 1
    (``primes`` counts the levels of recursion: w, w', w'', …)."""
    ell, m = len(X), ops.shape(A)[1]
    F = ops.frobenius_sq(A)
    captured = [ops.frobenius_sq(product(ops, A, v)) for v in V[:ell]]
    w, wp = "w" + "′" * primes, "w" + "′" * (primes + 1)
    at = f"k = {ell}"
    if ell == 1:
        return [
            at_most(
                rayleigh(ops, A, X[0]),
                captured[0],
                scale=F,
                label=f"{at}: ‖A{w}_1‖² ≤ ‖Av_1‖² (v_1 maximises)",
            )
        ]
    relations = []
    Xp = basis_orthogonal_to_greedy(ops, X, V[: ell - 1])
    P = span_projector(ops, X, m)
    last = Xp[-1]
    for i, v in enumerate(V[: ell - 1]):
        v_proj = product(ops, P, v)
        scale = norm(ops, last)
        relations += [
            equal(
                dot(ops, v_proj, last),
                0,
                scale=scale,
                label=f"{at}, Step 1: {wp}_{ell} ⟂ v'_{i + 1} = proj_𝒲 v_{i + 1}",
            ),
            equal(
                dot(ops, v - v_proj, last),
                0,
                scale=scale,
                label=f"{at}, Step 1: v_{i + 1} − v'_{i + 1} ⟂ {wp}_{ell}",
            ),
            equal(dot(ops, v, last), 0, scale=scale, label=f"{at}, Step 1: {wp}_{ell} ⟂ v_{i + 1}"),
        ]
    for b, y in enumerate(Xp):
        scale = norm(ops, y)
        relations.append(
            equal(norm(ops, y - product(ops, P, y)), 0, scale=scale, label=f"{at}, Step 1: {wp}_{b + 1} ∈ 𝒲")
        )
        relations += [
            equal(
                dot(ops, Xp[a], y),
                0,
                scale=scale * norm(ops, Xp[a]),
                label=f"{at}, Step 1: ⟨{wp}_{a + 1}, {wp}_{b + 1}⟩ = 0",
            )
            for a in range(b)
        ]
    energy = ops.total(rayleigh(ops, A, x) for x in X)
    projected = ops.frobenius_sq(product(ops, A, P))  # Σ_i ‖proj_𝒲 α_i‖², the α_iᵀ being A's rows
    relations += [
        equal(energy, projected, scale=F, label=f"{at}, (**): Σ‖A{w}_j‖² = Σ_i ‖proj_𝒲 α_i‖²"),
        equal(
            projected,
            ops.total(rayleigh(ops, A, x) for x in Xp),
            scale=F,
            label=f"{at}, (**): Σ_i ‖proj_𝒲 α_i‖² = Σ‖A{wp}_j‖²",
        ),
        *best_subspace_induction(ops, A, V, Xp[:-1], primes=primes + 1),
        at_most(
            ops.total(rayleigh(ops, A, x) for x in Xp[:-1]),
            ops.total(captured[:-1]),
            scale=F,
            label=f"{at}, (*): Σ_{{j<{ell}}} ‖A{wp}_j‖² ≤ Σ_{{j<{ell}}} ‖Av_j‖²",
        ),
        at_most(
            rayleigh(ops, A, last), captured[-1], scale=F, label=f"{at}, (***): ‖A{wp}_{ell}‖² ≤ ‖Av_{ell}‖²"
        ),
        at_most(
            energy,
            ops.total(captured),
            scale=F,
            label=f"{at}, Step 3: Σ_{{j≤{ell}}} ‖A{w}_j‖² ≤ Σ_{{j≤{ell}}} ‖Av_j‖²",
        ),
    ]
    return relations


greedy_finds_best_subspace = Claim(
    id="greedy_finds_best_subspace",
    title="Greedy finds the best subspace",
    source="002 Proof of Greedy Finds Best Subspace",
    statement=(
        "For the greedy sequence v_1, v_2, … and every orthonormal list w_1..w_k (k ≤ m): "
        "Σ_{j≤k} ‖Aw_j‖² ≤ Σ_{j≤k} ‖Av_j‖²."
    ),
    variables=(A_ANY, Integer("k", 1, lambda v: v["A"].shape[1]), Orthogonal("W", "m")),
    relation=lambda ops, A, k, W: best_subspace_induction(
        ops, A, greedy_sequence(ops, A).vectors, [W[:, j] for j in range(k)]
    ),
)


BEST_SUBSPACE_MAX_ENTRY = greedy_finds_best_subspace.mutant(
    "best_subspace_max_entry_norm",
    statement="Σ_{j≤k} ‖Aw_j‖_∞² ≤ Σ_{j≤k} ‖Av_j‖_∞² (the captured energy in the max-entry norm).",
    relation=lambda ops, A, k, W: at_most(
        ops.total(max_entry(ops, product(ops, A, W[:, j])) ** 2 for j in range(k)),
        ops.total(max_entry(ops, product(ops, A, v)) ** 2 for v in greedy_sequence(ops, A).vectors[:k]),
        scale=ops.frobenius_sq(A),
        label="Σ_{j≤k} ‖Aw_j‖_∞² ≤ Σ_{j≤k} ‖Av_j‖_∞²",
    ),
)

BEST_SUBSPACE_UNSQUARED = greedy_finds_best_subspace.mutant(
    "best_subspace_unsquared",
    statement="Σ_{j≤k} ‖Aw_j‖ ≤ Σ_{j≤k} ‖Av_j‖ (the squares dropped).",
    relation=lambda ops, A, k, W: at_most(
        ops.total(norm(ops, product(ops, A, W[:, j])) for j in range(k)),
        ops.total(norm(ops, product(ops, A, v)) for v in greedy_sequence(ops, A).vectors[:k]),
        scale=root(ops, ops.frobenius_sq(A)),
        label="Σ_{j≤k} ‖Aw_j‖ ≤ Σ_{j≤k} ‖Av_j‖",
    ),
)


# ---------------------------------------------------------------------------------------------
# Proof of Existence of the SVD


def _svd_via_greedy(ops, A, *, greedy=greedy_sequence, left=left_singular_vectors):
    n, m = ops.shape(A)
    F = ops.frobenius_sq(A)
    sequence = greedy(ops, A)
    V, r = sequence.vectors, sequence.rank
    captured = [ops.frobenius_sq(product(ops, A, v)) for v in V]  # ‖Av_j‖² = σ_j²
    relations = []
    for j, v in enumerate(V):
        relations.append(equal(ops.frobenius_sq(v), 1, scale=1, label=f"(1) ‖v_{j + 1}‖ = 1"))
        relations += [
            equal(dot(ops, V[i], v), 0, scale=1, label=f"(1) ⟨v_{i + 1}, v_{j + 1}⟩ = 0") for i in range(j)
        ]
    for j in range(min(r + 1, m)):
        relations += greedy_step_certificate(ops, A, V[:j], captured[j] if j < r else 0, step=j + 1)
    values = singular_values(ops, A)
    for j in range(r):
        relations.append(
            equal(captured[j], values[j] ** 2, scale=F, label=f"(2) σ_{j + 1} = ‖Av_{j + 1}‖ = σ_{j + 1}(A)")
        )
        if j + 1 < r:
            relations.append(
                at_most(captured[j + 1], captured[j], scale=F, label=f"(2) σ_{j + 2} ≤ σ_{j + 1}")
            )
    relations.append(equal(r, matrix_rank(ops, A), scale=1, label="(1) r = rank A"))
    relations += null_completion(ops, A, V, r)
    sigmas = [root(ops, x) for x in captured[:r]]
    U = left(ops, A, V[:r], sigmas)
    for j in range(r):
        for i in range(j + 1):
            relations.append(
                equal(
                    dot(ops, U[i], U[j]),
                    int(i == j),
                    scale=_u_scale(ops, F, sigmas[i], sigmas[j]),
                    label=f"(2) ⟨u_{i + 1}, u_{j + 1}⟩ = δ_{i + 1}{j + 1}",
                )
            )
    rebuilt = ops.zeros(n, m)
    for s, u, v in zip(sigmas, U, V, strict=False):
        rebuilt = rebuilt + s * u * ops.transpose(v)
    relations.append(equal(norm(ops, A - rebuilt), 0, scale=root(ops, F), label="(3) A = UΣVᵀ"))
    return relations


svd_exists_via_greedy = Claim(
    id="svd_exists_via_greedy",
    title="The greedy sequence gives an SVD",
    source="002 Proof of Existence of the SVD",
    statement=(
        "The greedy sequence v_j ∈ argmax{‖Aw‖ : ‖w‖ = 1, w ⟂ v_1..v_{j−1}}, j ≤ r (the last with "
        "‖Av_r‖ > 0), gives σ_j = ‖Av_j‖ > 0 non-increasing, orthonormal u_j = Av_j/σ_j, Av_i = 0 "
        "for i > r and A = UΣVᵀ."
    ),
    variables=(A_ANY,),
    relation=_svd_via_greedy,
)

GREEDY_WITHOUT_ORTHOGONALITY = svd_exists_via_greedy.mutant(
    "greedy_without_orthogonality_constraint",
    statement=(
        "The sequence v_j ∈ argmax{‖Aw‖ : ‖w‖ = 1} (the constraint w ⟂ v_1..v_{j−1} dropped) gives an SVD."
    ),
    relation=lambda ops, A: _svd_via_greedy(
        ops, A, greedy=lambda ops, A: greedy_sequence(ops, A, orthogonal=False)
    ),
)

U_WITHOUT_DIVIDING = svd_exists_via_greedy.mutant(
    "left_singular_vectors_without_dividing_by_sigma",
    statement="u_j = Av_j (not divided by σ_j) are orthonormal and A = UΣVᵀ.",
    relation=lambda ops, A: _svd_via_greedy(
        ops, A, left=lambda ops, A, vectors, sigmas: [product(ops, A, v) for v in vectors]
    ),
)


# ---------------------------------------------------------------------------------------------
# Left Singular Vectors are Orthogonal


def expansion(sigma_i, a, eps):
    """(σ_i + εa)(1 − ε²/2) expanded, a = σ_jδ."""
    return sigma_i + eps * a - eps**2 * sigma_i / 2 - eps**3 * a / 2


def expansion_as_printed(sigma_i, a, eps):
    """002's expansion, with the cubic term −ε³σ_iσ_jδ/2."""
    return sigma_i + eps * a - eps**2 * sigma_i / 2 - eps**3 * sigma_i * a / 2


def perturbation_epsilon(s_i, g):
    """ε = g/(σ_i² + g), for g = σ_iσ_jδ > 0: then ε ∈ (0, 1) and ε(σ_i + σ_jδ) ≤ σ_jδ, so that
    σ_jδ − εσ_i/2 − ε²σ_jδ/2 ≥ σ_jδ − ε(σ_i + σ_jδ)/2 ≥ σ_jδ/2 > 0."""
    return g / (s_i + g)


def first_nonorthogonal_pair(ops, A, vectors):
    """002's choice: the smallest i having a j > i with ⟨u_i, u_j⟩ ≠ 0, i.e. ⟨Av_i, Av_j⟩ ≠ 0; or None."""
    F = ops.frobenius_sq(A)
    size = max(ops.shape(A))
    for i in range(len(vectors)):
        for j in range(i + 1, len(vectors)):
            if not is_zero(
                ops, dot(ops, product(ops, A, vectors[i]), product(ops, A, vectors[j])), scale=F, size=size
            ):
                return i, j
    return None


def _perturbation(ops, A, Q, *, expand=expansion, epsilon=perturbation_epsilon):
    m = ops.shape(A)[1]
    F = ops.frobenius_sq(A)
    sequence = greedy_sequence(ops, A)
    r = sequence.rank
    sigmas = [norm(ops, product(ops, A, v)) for v in sequence.vectors[:r]]
    U = left_singular_vectors(ops, A, sequence.vectors[:r], sigmas)
    relations = [
        equal(
            dot(ops, U[i], U[j]),
            0,
            scale=_u_scale(ops, F, sigmas[i], sigmas[j]),
            label=f"greedy: ⟨u_{i + 1}, u_{j + 1}⟩ = 0",
        )
        for j in range(r)
        for i in range(j)
    ]
    vectors = [Q[:, j] for j in range(m)]
    relations.append(
        equal(
            norm(ops, product(ops, ops.transpose(Q), Q) - identity(ops, m)),
            0,
            scale=1,
            label="the list v_1..v_m is orthonormal",
        )
    )
    pair = first_nonorthogonal_pair(ops, A, vectors)
    if pair is None:
        return relations + _list_orthogonality(ops, A, vectors)
    return relations + perturbation_steps(ops, A, vectors, *pair, expand=expand, epsilon=epsilon)


def _list_orthogonality(ops, A, vectors):
    F = ops.frobenius_sq(A)
    return [
        equal(
            dot(ops, product(ops, A, vectors[i]), product(ops, A, vectors[j])),
            0,
            scale=F,
            label=f"list: ⟨Av_{i + 1}, Av_{j + 1}⟩ = 0",
        )
        for j in range(len(vectors))
        for i in range(j)
    ]


def perturbation_steps(ops, A, vectors, i, j, *, expand=expansion, epsilon=perturbation_epsilon):
    """The lemma's contradiction on the orthonormal list ``vectors`` at the pair (i, j) with δ ≠ 0."""
    F = ops.frobenius_sq(A)
    v_i, v_j = vectors[i], vectors[j]
    g = dot(ops, product(ops, A, v_i), product(ops, A, v_j))  # σ_iσ_jδ
    if _is_negative(ops, g):  # "otherwise use −u_i"
        v_i, g = -v_i, -g
    s_i = ops.frobenius_sq(product(ops, A, v_i))
    sigma_i = root(ops, s_i)
    a = g / sigma_i  # σ_jδ
    eps = epsilon(s_i, g)
    y = v_i + eps * v_j  # √(1 + ε²)·v_i'
    length_sq = 1 + eps**2
    moved = ops.frobenius_sq(product(ops, A, y)) / length_sq  # ‖Av_i'‖²
    along = dot(ops, product(ops, A, v_i), product(ops, A, y)) ** 2 / (s_i * length_sq)  # ⟨u_i, Av_i'⟩²
    lower = (sigma_i + eps * a) * (1 - eps**2 / 2)
    i1, j1 = i + 1, j + 1
    return [
        at_most(0, g, scale=F, label=f"σ_{i1}σ_{j1}δ > 0: δ = ⟨u_{i1}, u_{j1}⟩ ≠ 0, its sign made positive"),
        at_most(0, eps, scale=1, label=f"ε = σ_{i1}σ_{j1}δ/(σ_{i1}² + σ_{i1}σ_{j1}δ) > 0"),
        at_most(eps, 1, scale=1, label="ε < 1"),
        equal(ops.frobenius_sq(y), length_sq, scale=1, label=f"‖v_{i1} + εv_{j1}‖² = 1 + ε²"),
        *[equal(dot(ops, y, vectors[k]), 0, scale=1, label=f"v_{i1}' ⟂ v_{k + 1}") for k in range(i)],
        equal(
            along,
            (sigma_i + eps * a) ** 2 / length_sq,
            scale=F,
            label=f"⟨u_{i1}, Av_{i1}'⟩ = (σ_{i1} + εσ_{j1}δ)/√(1 + ε²)",
        ),
        at_most(along, moved, scale=F, label=f"Pythagoras: ‖Av_{i1}'‖ ≥ ⟨u_{i1}, Av_{i1}'⟩"),
        equal(
            length_sq * (1 - eps**2 / 2) ** 2,
            1 - 3 * eps**4 / 4 + eps**6 / 4,
            scale=1,
            label="(1 + ε²)(1 − ε²/2)² = 1 − 3ε⁴/4 + ε⁶/4",
        ),
        at_most(1 - 3 * eps**4 / 4 + eps**6 / 4, 1, scale=1, label="1 − 3ε⁴/4 + ε⁶/4 ≤ 1"),
        at_most(lower**2, moved, scale=F, label=f"‖Av_{i1}'‖ ≥ (σ_{i1} + εσ_{j1}δ)(1 − ε²/2)"),
        equal(
            lower,
            expand(sigma_i, a, eps),
            scale=root(ops, F),
            label=f"(σ_{i1} + εσ_{j1}δ)(1 − ε²/2) = σ_{i1} + εσ_{j1}δ − ε²σ_{i1}/2 − ε³σ_{j1}δ/2",
        ),
        at_most(
            g / 2,
            g - eps * s_i / 2 - eps**2 * g / 2,
            scale=F,
            label=f"σ_{i1}(σ_{j1}δ − εσ_{i1}/2 − ε²σ_{j1}δ/2) ≥ σ_{i1}σ_{j1}δ/2 > 0",
        ),
        at_most(
            eps * g,
            moved - s_i,
            scale=F,
            label=f"‖Av_{i1}'‖² − σ_{i1}² ≥ εσ_{i1}σ_{j1}δ > 0: not greedy at step {i1}",
        ),
    ]


left_singular_vectors_orthogonal_by_perturbation = Claim(
    id="left_singular_vectors_orthogonal_by_perturbation",
    title="Left singular vectors are orthogonal",
    source="002 Left Singular Vectors are Orthogonal",
    statement=(
        "For a greedy sequence ⟨u_i, u_j⟩ = 0 (i ≠ j ≤ r); for an orthonormal list with "
        "⟨u_i, u_j⟩ = δ ≠ 0, v_i' ∝ v_i + εv_j with ε = σ_iσ_jδ/(σ_i² + σ_iσ_jδ) ∈ (0, 1) "
        "is orthogonal to v_1..v_{i−1} and ‖Av_i'‖ > ‖Av_i‖."
    ),
    variables=(A_ANY, Orthogonal("Q", "m")),
    relation=_perturbation,
)


EXPANSION_AS_PRINTED = left_singular_vectors_orthogonal_by_perturbation.mutant(
    "perturbation_expansion_as_printed",
    statement="(σ_i + εσ_jδ)(1 − ε²/2) = σ_i + εσ_jδ − ε²σ_i/2 − ε³σ_iσ_jδ/2 (002 as printed).",
    relation=lambda ops, A, Q: _perturbation(ops, A, Q, expand=expansion_as_printed),
)

ANY_LIST = left_singular_vectors_orthogonal_by_perturbation.mutant(
    "left_singular_vectors_orthogonal_for_any_orthonormal_list",
    statement=(
        "For any orthonormal list v_1..v_m, the u_i = Av_i/σ_i are orthogonal "
        "(the greedy hypothesis dropped)."
    ),
    relation=lambda ops, A, Q: _list_orthogonality(ops, A, [Q[:, j] for j in range(ops.shape(A)[1])]),
)

EPSILON_ONE = left_singular_vectors_orthogonal_by_perturbation.mutant(
    "perturbation_with_epsilon_one",
    statement="v_i' ∝ v_i + v_j (ε = 1, outside (0, 1)) already has ‖Av_i'‖² − σ_i² ≥ σ_iσ_jδ.",
    relation=lambda ops, A, Q: _perturbation(ops, A, Q, epsilon=lambda s_i, g: 1),
)


# ---------------------------------------------------------------------------------------------
# SVD and greedy sequence; Variational Characterization


def right_singular_basis(ops, A):
    """The SVD's right singular vectors completed to an orthonormal basis v_1..v_m of ℝ^m ("Complete
    v_1..v_r into an orthonormal basis"); exactly, the prescribed V is already m×m."""
    _, _, V = ops.svd(A)
    m = ops.shape(A)[1]
    if V.cols < m:
        V = ops.orthonormal_completion(V)
    return [V[:, j] for j in range(m)]


def _variational(ops, A, j, Q):
    m = ops.shape(A)[1]
    F = ops.frobenius_sq(A)
    V = right_singular_basis(ops, A)
    values = singular_values(ops, A)
    r = matrix_rank(ops, A)
    bound = values[j - 1] ** 2
    P = complement_projector(ops, V[: j - 1], m)
    v = V[j - 1]
    relations = [
        equal(ops.frobenius_sq(v), 1, scale=1, label=f"v_{j} is a unit vector"),
        *[equal(dot(ops, V[i], v), 0, scale=1, label=f"v_{j} ⟂ v_{i + 1}") for i in range(j - 1)],
        equal(
            ops.frobenius_sq(product(ops, A, v)),
            bound,
            scale=F,
            label=f"attained at v_{j}: ‖Av_{j}‖² = σ_{j}²",
        ),
        *greedy_step_certificate(ops, A, V[: j - 1], bound, step=j),
        equal(
            ops.spectral_sq(product(ops, A, P)),
            bound,
            scale=F,
            label=f"max{{‖Aw‖² : w ⟂ v_1..v_{j - 1}}} = ‖AP_{j}‖₂² = σ_{j}²",
        ),
        *null_completion(ops, A, V, r),
    ]
    w = P * Q[:, 0]
    coefficients = [dot(ops, w, x) for x in V]
    captured = ops.frobenius_sq(product(ops, A, w))
    return [
        *relations,
        equal(
            ops.total(c**2 for c in coefficients), ops.frobenius_sq(w), scale=1, label="Σ_i ⟨w, v_i⟩² = ‖w‖²"
        ),
        equal(
            captured,
            ops.total(values[i] ** 2 * coefficients[i] ** 2 for i in range(j - 1, r)),
            scale=F,
            label=f"‖Aw‖² = Σ_{{i={j}}}^r σ_i²⟨w, v_i⟩²",
        ),
        at_most(captured, bound * ops.frobenius_sq(w), scale=F, label=f"‖Aw‖² ≤ σ_{j}²‖w‖²"),
    ]


def _completion_from_j(ops, A, j, Q):
    """002's sentence as printed: v_1..v_r completed by v_{j+1}..v_m, with Av_i = 0 for i > j."""
    m = ops.shape(A)[1]
    r = matrix_rank(ops, A)
    return [
        equal(r + (m - j), m, scale=1, label="v_1..v_r, v_{j+1}..v_m are m vectors"),
        *null_completion(ops, A, right_singular_basis(ops, A), j),
    ]


variational_characterization = Claim(
    id="variational_characterization",
    title="Variational characterization of the singular values",
    source="002 Variational Characterization of Singular Values",
    statement=(
        "For an SVD A = Σ_{j≤r} σ_j u_j v_jᵀ and 1 ≤ j ≤ r: σ_j² = max{‖Aw‖² : ‖w‖ = 1, "
        "w ⟂ v_1..v_{j−1}}, attained at v_j."
    ),
    variables=(A_NONZERO, Integer("j", 1, lambda v: rank(v["A"])), Orthogonal("Q", "m")),
    relation=_variational,
)


def _max_over_complement(ops, A, count: int):
    """max{‖Aw‖² : ‖w‖ = 1, w ⟂ v_1..v_count} = ‖AP‖₂², for the SVD's v's."""
    V = right_singular_basis(ops, A)
    return ops.spectral_sq(product(ops, A, complement_projector(ops, V[:count], len(V))))


VARIATIONAL_OFF_BY_ONE = variational_characterization.mutant(
    "variational_characterization_off_by_one",
    statement="σ_j² = max{‖Aw‖² : ‖w‖ = 1, w ⟂ v_1..v_j} (one constraint too many).",
    relation=lambda ops, A, j, Q: equal(
        _max_over_complement(ops, A, j),
        singular_values(ops, A)[j - 1] ** 2,
        scale=ops.frobenius_sq(A),
        label="max{‖Aw‖² : w ⟂ v_1..v_j} = σ_j²",
    ),
)

VARIATIONAL_WITHOUT_ORTHOGONALITY = variational_characterization.mutant(
    "variational_characterization_without_orthogonality",
    statement="σ_j² = max{‖Aw‖² : ‖w‖ = 1} (the constraints w ⟂ v_1..v_{j−1} dropped).",
    relation=lambda ops, A, j, Q: equal(
        _max_over_complement(ops, A, 0),
        singular_values(ops, A)[j - 1] ** 2,
        scale=ops.frobenius_sq(A),
        label="max{‖Aw‖² : ‖w‖ = 1} = σ_j²",
    ),
)

COMPLETION_FROM_J = variational_characterization.mutant(
    "variational_null_completion_from_j",
    statement="v_1..v_r are completed by v_{j+1}..v_m, and Av_i = 0 for i = j+1..m (002 as printed).",
    relation=_completion_from_j,
)

# ---------------------------------------------------------------------------------------------
# Cases


def _u4():
    return exact.rational_orthogonal([[1, 2, 2, 0], [0, 1, -1, 3]])


def _v3():
    return exact.householder([2, -1, 2])


def _prescribed_4x3(values=(7, 3, 1)):
    return exact.matrix_with_svd(_u4(), values, _v3())


def _orthogonal(rows):
    return exact.ExactMatrix(rows, "orthogonal")


def _rotated_pair(c, s):
    """V·diag(R, 1) with R the rotation (c, −s; s, c): v_1, v_2 rotated into each other."""
    R = ((c, -s, 0), (s, c, 0), (0, 0, 1))
    return _orthogonal(exact.exact_matmul(_v3(), R))


def _svd_2x2():
    """U Σ V(t)ᵀ: symbolic ordered singular values, V a rotation by a symbolic angle, U rational."""
    t = sympy.Symbol("t", real=True)
    return with_svd(sympy.Matrix(exact.householder([1, 2])), descending_values(2), rotation(t))


def _svd_3x2():
    t = sympy.Symbol("t", real=True)
    return with_svd(sympy.Matrix(exact.householder([1, 2, 2])), descending_values(2), rotation(t))


def _svd_2x3():
    """A 2×3 matrix whose top right singular vector and null vector rotate in the plane of e_1, e_3."""
    t = sympy.Symbol("t", real=True)
    return with_svd(sympy.Matrix(exact.householder([1, 2])), descending_values(2), plane_rotation(3, 0, 2, t))


def _best_subspace_symbolic(k):
    def build():
        s = sympy.Symbol("s", real=True)
        return {"A": _svd_2x3(), "k": k, "W": SymbolicMatrix(plane_rotation(3, 0, 2, s))}

    return build


def _best_subspace_exact(k, W, values=(7, 3, 1)):
    return lambda: {"A": _prescribed_4x3(values), "k": k, "W": W()}


def _variational_symbolic(j):
    def build():
        s = sympy.Symbol("s", real=True)
        return {"A": _svd_2x2(), "j": j, "Q": SymbolicMatrix(rotation(s))}

    return build


def _variational_exact(j, values=(7, 3, 1)):
    return lambda: {"A": _prescribed_4x3(values), "j": j, "Q": _orthogonal(exact.householder([1, 2, 2]))}


def _perturbation_symbolic():
    A = _svd_2x2()
    V = A.svd[2]
    R = sympy.Matrix(
        [[sympy.Rational(4, 5), -sympy.Rational(3, 5)], [sympy.Rational(3, 5), sympy.Rational(4, 5)]]
    )
    return {"A": A, "Q": SymbolicMatrix(V * R)}


def _perturbation_exact(Q, values=(7, 3, 1)):
    return lambda: {"A": _prescribed_4x3(values), "Q": Q()}


def _householder_101():
    return _orthogonal(exact.householder([1, 0, 1]))


THEOREMS = (
    Theorem(
        greedy_finds_best_subspace,
        cases=(
            Case("rotations_2x3_k1", _best_subspace_symbolic(1)),
            Case("rotations_2x3_k2", _best_subspace_symbolic(2)),
            *(
                Case(f"householder_4x3_k{k}", _best_subspace_exact(k, _householder_101), kind="exact")
                for k in (1, 2, 3)
            ),
            Case(
                "rotated_pair_4x3_k2",
                _best_subspace_exact(2, lambda: _rotated_pair(Fraction(3, 5), Fraction(4, 5))),
                kind="exact",
            ),
            Case(
                "rank_2_4x3_k3",
                _best_subspace_exact(
                    3, lambda: _orthogonal(exact.rational_orthogonal([[1, 1, 0], [0, 1, 2]])), (5, 2, 0)
                ),
                kind="exact",
            ),
        ),
        mutant_claims=(BEST_SUBSPACE_MAX_ENTRY, BEST_SUBSPACE_UNSQUARED),
    ),
    Theorem(
        svd_exists_via_greedy,
        cases=(
            Case("rotation_2x2", lambda: {"A": _svd_2x2()}),
            Case("rotation_3x2", lambda: {"A": _svd_3x2()}),
            Case("prescribed_4x3", lambda: {"A": _prescribed_4x3()}, kind="exact"),
            Case("prescribed_4x3_rank_2", lambda: {"A": _prescribed_4x3((5, 2, 0))}, kind="exact"),
            Case("prescribed_4x3_repeated", lambda: {"A": _prescribed_4x3((3, 3, 1))}, kind="exact"),
        ),
        mutant_claims=(GREEDY_WITHOUT_ORTHOGONALITY, U_WITHOUT_DIVIDING),
    ),
    Theorem(
        left_singular_vectors_orthogonal_by_perturbation,
        cases=(
            Case("rotations_2x2_rotated_pair", _perturbation_symbolic),
            Case(
                "rotated_pair_4x3",
                _perturbation_exact(lambda: _rotated_pair(Fraction(4, 5), Fraction(3, 5))),
                kind="exact",
            ),
            Case("householder_4x3", _perturbation_exact(_householder_101), kind="exact"),
            Case("greedy_list_4x3", _perturbation_exact(lambda: _orthogonal(_v3())), kind="exact"),
        ),
        mutant_claims=(EXPANSION_AS_PRINTED, ANY_LIST, EPSILON_ONE),
    ),
    Theorem(
        variational_characterization,
        cases=(
            Case("rotations_2x2_j1", _variational_symbolic(1)),
            Case("rotations_2x2_j2", _variational_symbolic(2)),
            *(Case(f"prescribed_4x3_j{j}", _variational_exact(j), kind="exact") for j in (1, 2, 3)),
            Case("prescribed_4x3_rank_2_j2", _variational_exact(2, (5, 2, 0)), kind="exact"),
        ),
        mutant_claims=(VARIATIONAL_OFF_BY_ONE, VARIATIONAL_WITHOUT_ORTHOGONALITY, COMPLETION_FROM_J),
    ),
)

ERRATA = (
    Erratum(
        name="002_perturbation_expansion_cubic_term",
        source="002 Left Singular Vectors are Orthogonal, proof, the expansion of (σ_i + εσ_jδ)(1 − ε²/2)",
        printed="= σ_i + εσ_jδ − ε²σ_i/2 − ε³σ_iσ_jδ/2",
        correction="= σ_i + εσ_jδ − ε²σ_i/2 − ε³σ_jδ/2 (and then σ_i + ε(σ_jδ − εσ_i/2 − ε²σ_jδ/2))",
        literal=EXPANSION_AS_PRINTED,
        corrected=left_singular_vectors_orthogonal_by_perturbation,
    ),
    Erratum(
        name="002_greedy_sequence_completion_index",
        source='002 SVD and Approximating Subspace, "SVD and greedy sequence"',
        printed="Complete v_1,…,v_r … by adding appropriate vectors v_{j+1},…,v_m. "
        "By construction, Av_i = 0 for all i = j+1,…,m.",
        correction="adding v_{r+1},…,v_m; Av_i = 0 for all i = r+1,…,m",
        literal=COMPLETION_FROM_J,
        corrected=variational_characterization,
    ),
)
