"""Existence of the SVD: from an eigendecomposition of MᵀM, and by maximising yᵀAx.

Sources: 000, section "Singular Decomposition" (there M ∈ ℝ^{n×m}: n rows,
m columns, V is m×m and U is n×n — the claims below keep that notation);
003, §2.8.1 "The origin of SVD", (3)–(4), and the "Advance" section "Prove the
existence of SVD", (17)–(34) (there A ∈ ℝ^{m×n}, again kept).

Main statements
---------------
* ``gram_eigendecomposition`` — MMᵀ = UΣΣᵀUᵀ and MᵀM = VΣᵀΣVᵀ: the σ_i² are
  the eigenvalues of MMᵀ (and of MᵀM), with eigenvectors u_i (and v_i).
* ``svd_exists_via_gram`` — from MᵀM = VΛVᵀ: Σ_r = Λ_r^½, U_r = MV_rΣ_r⁻¹,
  Mv_i = 0 for i > r, M = U_rΣ_rV_rᵀ, then U_r completed to an orthogonal U
  gives M = UΣVᵀ.
* ``left_singular_vectors_orthonormal`` — U_rᵀU_r = I_r for U_r = MV_rΣ_r⁻¹.
* ``naive_svd_fails`` — eigendecompositions of MMᵀ and MᵀM chosen
  independently need not pair into an SVD (a *negative* claim, checked through
  its witnesses: sign mismatch, symmetric indefinite M, repeated σ).
* ``svd_exists_via_bilinear_max`` — max yᵀAx over unit x, y is σ₁, attained at
  (v₁, u₁); deflation gives U₁ᵀAV₁ = diag(σ₁, A₁); σ₂ ≤ σ₁; σ_i ≥ 0; the
  recursion yields A = UDVᵀ.

Hypotheses
----------
M (or A) is any real matrix, the zero matrix included: the constructions then
take r = 0 (000) or any unit pair as the maximiser (003).  Two hypotheses the
documents leave unsaid: 003's "u₁ is parallel to Av₁" needs Av₁ ≠ 0, i.e. A ≠ 0
— the recursion reaches A_k = 0 whenever rank A < min(m, n), and the mutant
``bilinear_max_u_parallel_without_nonzero`` applies the step there anyway;
and the witnesses of ``naive_svd_fails`` need M ≠ 0 (a zero M is reproduced by
every pairing).  r is the rank: λ_i > 0 exactly for i ≤ r.

Proof, as in 000
----------------
The spectral theorem gives MᵀM = VΛVᵀ, Λ ≥ 0 descending (MᵀM is positive
semi-definite), λ_i > 0 exactly for i ≤ r.  Put Σ_r = Λ_r^½ and
U_r = MV_rΣ_r⁻¹ (``left_singular_vectors``).  Then U_rᵀU_r = Σ_r⁻¹V_rᵀMᵀMV_rΣ_r⁻¹
= Σ_r⁻¹Λ_rΣ_r⁻¹ = I_r.  As ‖Mv_i‖² = λ_i = 0 for i > r,
M = MVVᵀ = (MV_r, 0_{n×(m−r)})Vᵀ = MV_rV_rᵀ = U_rΣ_rV_rᵀ; completing U_r to an
orthogonal U (``orthonormal_completion``) and padding Σ_r with zeros to n×m
gives M = UΣVᵀ.  Before that, 000 shows why both eigendecompositions cannot
simply be taken separately: each fixes its eigenvectors only up to sign and,
for a repeated eigenvalue, up to a rotation of the eigenspace; U_r = MV_rΣ_r⁻¹
is what ties U to V.

Independent eigendecompositions (``naive_svd_fails``)
-----------------------------------------------------
A negative claim, made checkable through its witnesses.  For M ≠ 0 and
j ≤ r, U' = U with u_j negated — or, when σ_j = σ_{j+1}, with (u_j, u_{j+1})
turned to (−u_{j+1}, u_j) (``independent_eigenbasis``) — is checked to be an
orthogonal eigenbasis of MMᵀ for ΣΣᵀ, i.e. a legitimate output of a separate
eigendecomposition, and yet ‖M − U'ΣVᵀ‖_F² = 4σ_j² > 0, while 000's U gives M.
The exact cases exhibit the three ways it happens: a sign mismatch (3×2); a
symmetric indefinite M = Q·diag(2, −3)·Qᵀ, where MMᵀ = MᵀM and U' is V itself,
the pair one eigendecomposition of M² gives; and the rotation by 90°, where
MMᵀ = MᵀM = I and U' = V = I.  No sign convention repairs the last one (the
mutant ``naive_svd_with_sign_fix_succeeds``).

Proof, as in 003
----------------
z = yᵀAx attains its maximum λ₁ on the product of the unit spheres at some
(v₁, u₁) (``bilinear_maximiser``); for fixed x, yᵀ(Ax) ≤ ‖Ax‖ with equality at
y ∥ Ax, so u₁ ∥ Av₁ (when A ≠ 0) and likewise v₁ ∥ Aᵀu₁.  Completing v₁, u₁ to
orthogonal V₁, U₁ (``deflate``) gives U₁ᵀAV₁ = [[λ₁, 0ᵀ], [0, A₁]] (23).  By
(29)–(32), λ₂ = max yᵀAx over unit x ⟂ v₁, y ⟂ u₁, so λ₂ ≤ λ₁; λ₁ ≥ 0 because
z(−x, y) = −z(x, y).  Repeating on A₁, A₂, … (``bilinear_svd``) until a side
is exhausted gives UᵀAV = D (26), A = UDVᵀ (28).

Errata
------
* 003 (4) prints AᵀA = VDDᵀV⁻¹; for A ∈ ℝ^{m×n}, D is m×n and DDᵀ (m×m) does
  not fit between V and V⁻¹ (n×n) unless m = n.  It should read AᵀA = VDᵀDV⁻¹.
* 000 writes (MV_{[:m,:r]}, 0_{m×(m−r)}); MV_{[:m,r:]} is n×(m−r), so the block
  is 0_{n×(m−r)} and the printed one cannot be placed beside MV_{[:m,:r]} when
  n ≠ m.
* 000's "Yes, that's correct" about taking the two spectral decompositions
  separately: independent choices need not give M = UΣVᵀ (``naive_svd_fails``).
* 003 uses r for the rank in (2) and for min(m, n) in (19); and with r the
  rank, λ_r > 0, not ≥ 0.  Read literally, the first makes min(m, n) the rank
  and the second counts the rank as #{i : λ_i ≥ 0} (= min(m, n) again): both
  fail on every rank-deficient A, where exactly rank A of the λ_i are > 0.

Each erratum's literal reading is a mutant refuted by the checks (for the
typographical ones: the printed blocks cannot form the product on a
non-square instance, while the corrected ones reproduce M).

Checks
------
Symbolic 2×2 and 3×2 cases (rotations by symbolic angles, symbolic singular
values), rational instances with prescribed SVD — tall, wide, rank-deficient,
zero, a symmetric indefinite matrix and the rotation by 90° — and the drawn
exact and high-precision instances of every family.  Every step above is a
relation of its own, labelled with the document's equation.  Both
constructions end by checking that their U, Σ (D), V reproduce M and are
orthogonal: that is what makes the constructed SVD verified.
``SHARED_INPUTS`` are the exact inputs on which the tests check every
construction of the SVD: these two, and 002's greedy one (``proofs.greedy``).

Exact runs take the eigendecomposition of MᵀM (000) and the maximising pair
of each deflated A_k (003) from the instance's prescribed SVD, whose singular
values are rational, so that Λ^½ is rational; see ``gram_eigendecomposition``
for why this is not circular.  The maximality of the pair is certified
independently: λ_k² equals ‖A_k‖₂², computed as the largest root of the
characteristic polynomial of the Gram matrix.

Precision
---------
Residuals of matrix identities are compared as ‖X − Y‖_F against the scale of
the data in their units (‖M‖_F, ‖M‖_F², or 1 for orthogonality).  000's route
squares the condition number: λ_r = σ_r² carries the error u·‖M‖², so at the
working precision a σ_r below √u·‖M‖ is lost and U_r = MV_rΣ_r⁻¹ is off by
u·κ² in orthonormality.  The high-precision construction therefore computes
Λ, V and U_r at ``GUARD`` = 3 times the working precision (scoped), which
resolves every σ_i the tolerance policy resolves; r counts the σ_i = √λ_i
above the policy's cutoff at the working precision (the rule of
``numerics.matrices.numerical_rank``), and every relation is compared at the
working precision.  003's recursion uses only the top eigenpair of each
A_kᵀA_k and runs at the working precision.
"""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import sympy

from numerics import exact
from numerics.backends import NotDecidable
from numerics.claims import Case, Claim, Integer, Matrix, SymbolicMatrix, Symmetric, at_most, equal, rank
from numerics.errors import InvalidArgument
from numerics.linalg import diagonal, dot, identity, norm, product, tidy
from numerics.precision import tolerance, workdps
from numerics.symbolic import descending_values, plane_rotation, rotation, with_svd
from proofs.registry import Erratum, Theorem

GUARD = 3
"""The high-precision Gram construction runs at GUARD × the working precision (see Precision)."""


# -- matrices in either backend -------------------------------------------------------------------------


def _hstack(ops, rows: int, blocks):
    """(B₁, B₂, …) side by side; every block must have ``rows`` rows."""
    X = ops.zeros(rows, sum(ops.shape(B)[1] for B in blocks))
    offset = 0
    for B in blocks:
        height, width = ops.shape(B)
        for i in range(height):
            for j in range(width):
                X[i, offset + j] = B[i, j]
        offset += width
    return X


def _scale_columns(ops, X, factors):
    """X·diag(factors), column j of X times factors[j]."""
    rows, cols = ops.shape(X)
    Y = ops.zeros(rows, cols)
    for j, factor in enumerate(factors):
        for i in range(rows):
            Y[i, j] = X[i, j] * factor
    return Y


def _embed(ops, Q, size: int):
    """diag(I_{size−k}, Q) for a k×k Q."""
    E = identity(ops, size)
    offset = size - ops.shape(Q)[0]
    for i in range(ops.shape(Q)[0]):
        for j in range(ops.shape(Q)[1]):
            E[offset + i, offset + j] = Q[i, j]
    return E


def _unit(ops, size: int, i: int = 0):
    e = ops.zeros(size, 1)
    e[i, 0] = 1
    return e


def _close(ops, X, Y, *, scale, label: str):
    """X = Y, as ‖X − Y‖_F = 0 against ``scale`` (the size of the data in the units of X)."""
    if ops.shape(X) != ops.shape(Y):
        raise InvalidArgument("Y", f"a matrix of the shape of X, {ops.shape(X)}, for {label}", ops.shape(Y))
    rows, cols = ops.shape(X)
    residual = norm(ops, tidy(ops, X - Y)) if rows * cols else 0
    return equal(residual, 0, scale=scale, label=label)


def _exactly_positive(x) -> bool:
    verdict = sympy.sympify(x).is_positive
    if verdict is None:
        raise NotDecidable(f"cannot decide whether {x} > 0")
    return bool(verdict)


def positive_count(ops, values, *, scale, size: int) -> int:
    """How many of the singular values ``values`` are positive: decided exactly, or above the
    tolerance policy's cutoff at the backend's working precision (data of magnitude ``scale``
    and dimension ``size``) — the rule of ``numerics.matrices.numerical_rank``."""
    if ops.exact:
        return sum(1 for x in values if _exactly_positive(x))
    cutoff = tolerance(dps=ops.dps, size=size, scale=abs(scale))
    return sum(1 for x in values if x > cutoff)


def _square_roots(ops, values):
    """√λ for eigenvalues of a Gram matrix; at high precision a rounding below 0 reads as 0."""
    return [ops.sqrt(x if ops.exact else max(x, 0)) for x in values]


@contextmanager
def _extended_precision(ops):
    """GUARD × the working precision for a high-precision backend; nothing to do exactly."""
    if ops.exact:
        yield
        return
    with workdps(GUARD * ops.dps):
        yield


def _householder_completion(ops, Q):
    """Exactly: H₁H₂⋯H_r with H_j the reflector taking e_j to the current coordinates of q_j.

    After step j, H e_i = q_i for i ≤ j: the coordinates Hᵀq_j of q_j are orthogonal to
    e_1..e_{j−1} (q_j ⟂ q_i = He_i), so the reflector along Hᵀq_j − e_j fixes those e_i and
    swaps e_j with Hᵀq_j.  Rational data stay rational.
    """
    rows, cols = ops.shape(Q)
    H = identity(ops, rows)
    for j in range(cols):
        w = tidy(ops, product(ops, ops.transpose(H), ops.column(Q, j)) - _unit(ops, rows, j))
        norm_sq = ops.frobenius_sq(w)
        if norm_sq == 0:
            continue
        H = product(ops, H, identity(ops, rows) - w * ops.transpose(w) * (2 / norm_sq))
    return H


def orthonormal_completion(ops, Q):
    """An orthogonal matrix whose first columns are the orthonormal columns of Q: exactly by
    Householder reflectors (``_householder_completion``), numerically by the backend's
    ``orthonormal_completion`` (Householder too)."""
    rows, cols = ops.shape(Q)
    if cols == 0:
        return identity(ops, rows)
    if ops.exact:
        return _householder_completion(ops, Q)
    return ops.orthonormal_completion(Q)


# -- 000 and 003 (3)-(4): the Gram matrices ------------------------------------------------------------


def gram_eigendecomposition(ops, M):
    """(Λ, V): MᵀM = V·diag(Λ)·Vᵀ with Λ descending and V orthogonal (m×m for M ∈ ℝ^{n×m}).

    High precision: the symmetric eigensolver (mpmath's ``eigsy``) on MᵀM.  Exactly: read off
    M's prescribed SVD (U, s, V) as Λ = (σ₁², …, σ_p², 0, …, 0) and its V — the decomposition
    MᵀM = VΣᵀΣVᵀ of 003 (4), corrected.  This is not circular: the claim
    ``gram_eigendecomposition`` verifies it by computing MᵀM·V − V·Λ exactly, and the
    constructions that start from it (000's, ``svd_via_gram``) use only Λ, V and M — never the
    prescribed U — so they must *derive* U_r = MV_rΣ_r⁻¹ and its completion, and every step is
    checked.  It is exactly 000's starting point: "perform the spectral decomposition of MᵀM".
    """
    if not ops.exact:
        return ops.eigh(ops.transpose(M) * M)
    U, s, V = ops.svd(M)
    cols = ops.shape(M)[1]
    return [x**2 for x in s] + [ops.number(0)] * (cols - len(s)), V


def left_singular_vectors(ops, M, V, sigma):
    """000: U_{[:n,:r]} = M·V_{[:m,:r]}·Σ_{[:r,:r]}⁻¹ for the r = len(sigma) positive σ_i."""
    r = len(sigma)
    return tidy(ops, _scale_columns(ops, product(ops, M, V[:, 0:r]), [1 / x for x in sigma]))


@dataclass(frozen=True)
class GramSVD:
    """000's construction: MᵀM = V·diag(eigenvalues)·Vᵀ, ``rank`` = r positive eigenvalues,
    ``sigma`` = Σ_r = Λ_r^½, ``U_r`` = MV_rΣ_r⁻¹ and ``U`` its orthogonal completion."""

    eigenvalues: list
    V: Any
    rank: int
    sigma: list
    U_r: Any
    U: Any

    def Sigma(self, ops, rows: int, cols: int):
        """Σ_r padded with zeros to rows × cols."""
        return diagonal(ops, self.sigma, shape=(rows, cols))


def svd_via_gram(ops, M) -> GramSVD:
    """000's proof as a computation: eigendecompose MᵀM, take square roots, count the positive
    ones (r), U_r = MV_rΣ_r⁻¹, complete U_r.  At high precision the steps up to U_r run at
    GUARD × the working precision."""
    rows, cols = ops.shape(M)
    with _extended_precision(ops):
        eigenvalues, V = gram_eigendecomposition(ops, M)
        roots = _square_roots(ops, eigenvalues)
        r = positive_count(ops, roots, scale=roots[0], size=max(rows, cols))
        sigma = roots[:r]
        U_r = left_singular_vectors(ops, M, V, sigma)
    return GramSVD(eigenvalues, V, r, sigma, U_r, orthonormal_completion(ops, U_r))


M_ANY = Matrix("M", "n", "m", prescribed=True)


def _gram_eigendecomposition_relations(ops, M):
    rows, cols = ops.shape(M)
    U, s, V = ops.svd(M)
    Sigma = diagonal(ops, s, shape=(ops.shape(U)[1], ops.shape(V)[1]))
    eigenvalues, W = gram_eigendecomposition(ops, M)
    squares = [x**2 for x in s] + [0] * (cols - len(s))
    scale = ops.frobenius_sq(M)
    MMt, MtM = product(ops, M, ops.transpose(M)), product(ops, ops.transpose(M), M)
    return (
        _close(
            ops,
            MMt,
            product(ops, U, Sigma, ops.transpose(Sigma), ops.transpose(U)),
            scale=scale,
            label="(3) MMᵀ = UΣΣᵀUᵀ",
        ),
        _close(
            ops,
            MtM,
            product(ops, V, ops.transpose(Sigma), Sigma, ops.transpose(V)),
            scale=scale,
            label="(4) MᵀM = VΣᵀΣVᵀ",
        ),
        _close(
            ops,
            product(ops, MMt, U),
            product(ops, U, Sigma, ops.transpose(Sigma)),
            scale=scale,
            label="MMᵀu_i = σ_i²u_i",
        ),
        _close(
            ops,
            product(ops, MtM, V),
            product(ops, V, ops.transpose(Sigma), Sigma),
            scale=scale,
            label="MᵀMv_i = σ_i²v_i",
        ),
        _close(
            ops,
            product(ops, MtM, W),
            product(ops, W, diagonal(ops, eigenvalues, shape=(cols, cols))),
            scale=scale,
            label="MᵀM·V − V·Λ = 0",
        ),
        _close(ops, product(ops, ops.transpose(W), W), identity(ops, cols), scale=1, label="VᵀV = I"),
        _close(
            ops,
            diagonal(ops, eigenvalues, shape=(cols, cols)),
            diagonal(ops, squares, shape=(cols, cols)),
            scale=scale,
            label="Λ = (σ₁², …, σ_p², 0, …)",
        ),
    )


gram_eigendecomposition_claim = Claim(
    id="gram_eigendecomposition",
    title="The Gram matrices are diagonalised by the singular vectors",
    source="000 Singular Decomposition; 003 (3)–(4)",
    statement=(
        "For M = UΣVᵀ ∈ ℝ^{n×m}: MMᵀ = UΣΣᵀUᵀ and MᵀM = VΣᵀΣVᵀ, so the σ_i² are the eigenvalues of "
        "MMᵀ and MᵀM, with eigenvectors u_i and v_i (003 writes A = UDVᵀ, AAᵀ = UDDᵀU⁻¹ (3), "
        "AᵀA = VDᵀDV⁻¹ (4))."
    ),
    variables=(M_ANY,),
    relation=_gram_eigendecomposition_relations,
)


def _printed_4(ops, M):
    """003 (4) as printed: AᵀA = V·DDᵀ·V⁻¹, with D ∈ ℝ^{m×n} as in (2) and V ∈ ℝ^{n×n}."""
    rows, cols = ops.shape(M)
    U, s, V = ops.svd(M)
    D = diagonal(ops, s, shape=(rows, cols))
    DDt = D * ops.transpose(D)
    if ops.shape(DDt)[0] != cols:
        return equal(rows, cols, scale=1, label="V (n×n)·DDᵀ (m×m)·V⁻¹ can be formed: m = n")
    MtM = ops.transpose(M) * M
    return _close(ops, MtM, V * DDt * ops.transpose(V), scale=ops.frobenius_sq(M), label="(4) AᵀA = VDDᵀV⁻¹")


PRINTED_4 = gram_eigendecomposition_claim.mutant(
    "gram_eigendecomposition_printed_4",
    statement="003 (4) as printed: AᵀA = V·DDᵀ·V⁻¹ for A = UDVᵀ ∈ ℝ^{m×n}.",
    relation=_printed_4,
)


def _unsquared_eigenvalues(ops, M):
    U, s, V = ops.svd(M)
    Sigma = diagonal(ops, s, shape=(ops.shape(U)[1], ops.shape(U)[1]))
    return _close(
        ops, M * ops.transpose(M) * U, U * Sigma, scale=ops.frobenius_sq(M), label="MMᵀu_i = σ_iu_i"
    )


# -- 000: the construction -----------------------------------------------------------------------------


def _svd_via_gram_relations(ops, M):
    rows, cols = ops.shape(M)
    c = svd_via_gram(ops, M)
    r = c.rank
    V_r, V_rest = c.V[:, 0:r], c.V[:, r:cols]
    Sigma_r = diagonal(ops, c.sigma)
    scale, gram = norm(ops, M), ops.frobenius_sq(M)
    Vt = ops.transpose(c.V)
    return (
        _close(
            ops,
            product(ops, ops.transpose(M), M),
            product(ops, c.V, diagonal(ops, c.eigenvalues, shape=(cols, cols)), Vt),
            scale=gram,
            label="MᵀM = VΛVᵀ",
        ),
        _close(ops, product(ops, Vt, c.V), identity(ops, cols), scale=1, label="V orthogonal"),
        at_most(0, c.eigenvalues[-1], scale=gram, label="Λ ≥ 0: MᵀM is positive semi-definite"),
        _close(ops, Sigma_r * Sigma_r, diagonal(ops, c.eigenvalues[:r]), scale=gram, label="Σ_r = Λ_r^½"),
        *left_singular_vectors_relations(ops, M, c),
        _close(
            ops, product(ops, M, V_rest), ops.zeros(rows, cols - r), scale=scale, label="Mv_i = 0 for i > r"
        ),
        _zero_block_relation(ops, M, c, zero_rows=rows),
        _close(ops, product(ops, c.U_r, Sigma_r, ops.transpose(V_r)), M, scale=scale, label="M = U_rΣ_rV_rᵀ"),
        _close(ops, c.U[:, 0:r], c.U_r, scale=1, label="U completes U_r"),
        _close(
            ops, product(ops, ops.transpose(c.U), c.U), identity(ops, rows), scale=1, label="U orthogonal"
        ),
        _close(ops, product(ops, c.U, c.Sigma(ops, rows, cols), Vt), M, scale=scale, label="M = UΣVᵀ"),
    )


def _zero_block_relation(ops, M, c: GramSVD, *, zero_rows: int):
    """M = (MV_{[:m,:r]}, 0_{zero_rows×(m−r)})·Vᵀ, when the two blocks can stand side by side."""
    rows, cols = ops.shape(M)
    r = c.rank
    if r < cols and zero_rows != rows:
        return equal(zero_rows, rows, scale=1, label="0_{·×(m−r)} has as many rows as MV_{[:m,:r]} (n)")
    block = _hstack(ops, rows, [product(ops, M, c.V[:, 0:r]), ops.zeros(zero_rows, cols - r)])
    return _close(
        ops, product(ops, block, ops.transpose(c.V)), M, scale=norm(ops, M), label="M = (MV_r, 0_{n×(m−r)})Vᵀ"
    )


svd_exists_via_gram = Claim(
    id="svd_exists_via_gram",
    title="The SVD exists: constructed from an eigendecomposition of MᵀM",
    source="000 Singular Decomposition",
    statement=(
        "For M ∈ ℝ^{n×m} of rank r with MᵀM = VΛVᵀ (Λ descending): Σ_r = Λ_r^½, U_r = MV_rΣ_r⁻¹ has "
        "orthonormal columns, Mv_i = 0 for i > r, M = (MV_r, 0_{n×(m−r)})Vᵀ = U_rΣ_rV_rᵀ, and completing "
        "U_r to an orthogonal U gives M = UΣVᵀ."
    ),
    variables=(M_ANY,),
    relation=_svd_via_gram_relations,
)

PRINTED_ZERO_BLOCK = svd_exists_via_gram.mutant(
    "svd_via_gram_printed_zero_block",
    statement="000 as printed: M = (MV_{[:m,:r]}, 0_{m×(m−r)})·Vᵀ for M ∈ ℝ^{n×m}.",
    relation=lambda ops, M: _zero_block_relation(ops, M, svd_via_gram(ops, M), zero_rows=ops.shape(M)[1]),
)


def _u_r_orthogonal_without_completion(ops, M):
    rows, cols = ops.shape(M)
    c = svd_via_gram(ops, M)
    return _close(ops, c.U_r * ops.transpose(c.U_r), identity(ops, rows), scale=1, label="U_rU_rᵀ = I_n")


def _sigma_without_square_root(ops, M):
    c = svd_via_gram(ops, M)
    r = c.rank
    Lambda_r = diagonal(ops, c.eigenvalues[:r])
    return _close(
        ops, c.U_r * Lambda_r * ops.transpose(c.V[:, 0:r]), M, scale=norm(ops, M), label="M = U_rΛ_rV_rᵀ"
    )


# -- 000: U_r has orthonormal columns ------------------------------------------------------------------


def left_singular_vectors_relations(ops, M, c: GramSVD):
    """000's chain: U_rᵀU_r = Σ_r⁻¹V_rᵀMᵀMV_rΣ_r⁻¹ = Σ_r⁻¹Λ_rΣ_r⁻¹ = I_r."""
    r = c.rank
    V_r = c.V[:, 0:r]
    Sigma_inv = diagonal(ops, [1 / x for x in c.sigma])
    Lambda_r = diagonal(ops, c.eigenvalues[:r])
    return (
        _close(
            ops,
            product(ops, ops.transpose(V_r), ops.transpose(M), M, V_r),
            Lambda_r,
            scale=ops.frobenius_sq(M),
            label="V_rᵀMᵀMV_r = I_{[:r,:m]}ΛI_{[:m,:r]} = Λ_r",
        ),
        _close(
            ops,
            product(ops, Sigma_inv, Lambda_r, Sigma_inv),
            identity(ops, r),
            scale=1,
            label="Σ_r⁻¹Λ_rΣ_r⁻¹ = I_r",
        ),
        _close(
            ops, product(ops, ops.transpose(c.U_r), c.U_r), identity(ops, r), scale=1, label="U_rᵀU_r = I_r"
        ),
    )


left_singular_vectors_orthonormal = Claim(
    id="left_singular_vectors_orthonormal",
    title="The constructed left singular vectors are orthonormal",
    source="000 Singular Decomposition",
    statement="U_rᵀU_r = I_r for U_r = MV_rΣ_r⁻¹, where MᵀM = VΛVᵀ, r = rank M and Σ_r = Λ_r^½.",
    variables=(M_ANY,),
    relation=lambda ops, M: left_singular_vectors_relations(ops, M, svd_via_gram(ops, M)),
)


def _without_sigma_inverse(ops, M):
    c = svd_via_gram(ops, M)
    U = M * c.V[:, 0 : c.rank]
    return _close(ops, ops.transpose(U) * U, identity(ops, c.rank), scale=1, label="(MV_r)ᵀ(MV_r) = I_r")


def _r_min_side(ops, M):
    """U_p = MV_pΣ_p⁻¹ for p = min(n, m): a σ_i = 0 has no inverse, so its column stays Mv_i."""
    c = svd_via_gram(ops, M)
    p = min(ops.shape(M))
    with _extended_precision(ops):
        sigma = _square_roots(ops, c.eigenvalues[:p])
        U_p = _scale_columns(ops, M * c.V[:, 0:p], [1 / x if x != 0 else 0 for x in sigma])
    return _close(ops, ops.transpose(U_p) * U_p, identity(ops, p), scale=1, label="U_pᵀU_p = I_p")


# -- 000: independent eigendecompositions --------------------------------------------------------------


def independent_eigenbasis(ops, U, j: int, turn: int):
    """Another orthonormal eigenbasis of MMᵀ, as an independent eigendecomposition may return it:
    u_j negated (``turn`` = 0; eigenvectors are defined up to sign), or — when σ_j = σ_{j+1} —
    (u_j, u_{j+1}) turned by a quarter-turn to (−u_{j+1}, u_j) (``turn`` = 1; a repeated eigenvalue
    fixes only its eigenspace).  ``j`` is 1-based."""
    U = U.copy()
    a = j - 1
    if turn:
        for i in range(ops.shape(U)[0]):
            U[i, a], U[i, a + 1] = -U[i, a + 1], U[i, a]
    else:
        for i in range(ops.shape(U)[0]):
            U[i, a] = -U[i, a]
    return U


def repeated_at(value, j: int) -> bool:
    """Whether σ_j = σ_{j+1} in the instance's prescribed SVD (1-based j; False without one)."""
    if isinstance(value, SymbolicMatrix):
        s = value.svd[1] if value.svd else []
    else:
        s = value.svd.s if value.svd is not None else []
    return j < len(s) and s[j - 1] == s[j]


def naive_pairing(ops, M, j: int, turn: int, *, fix_signs: bool = False):
    """000's construction (Λ, V, U) and the eigenbasis U' an independent decomposition of MMᵀ may
    return (``independent_eigenbasis``), its signs normalised first when ``fix_signs``."""
    c = svd_via_gram(ops, M)
    naive_U = independent_eigenbasis(ops, c.U, j, turn)
    return c, (_signs_fixed(ops, M, naive_U, c) if fix_signs else naive_U)


def _signs_fixed(ops, M, U, c: GramSVD):
    """Each u'_i (i ≤ r) negated where u'_iᵀMv_i < 0: the usual sign convention."""
    U = U.copy()
    for i in range(c.rank):
        if dot(ops, ops.column(U, i), product(ops, M, ops.column(c.V, i))) < 0:
            for k in range(ops.shape(U)[0]):
                U[k, i] = -U[k, i]
    return U


def naive_miss(ops, M, c: GramSVD, naive_U):
    """‖M − U'ΣVᵀ‖_F²: how far the pairing of U' with 000's V and Σ is from M."""
    rows, cols = ops.shape(M)
    return ops.frobenius_sq(
        tidy(ops, M - product(ops, naive_U, c.Sigma(ops, rows, cols), ops.transpose(c.V)))
    )


def _naive_svd_fails(ops, M, j, turn):
    rows, cols = ops.shape(M)
    c, naive_U = naive_pairing(ops, M, j, turn)
    Sigma = c.Sigma(ops, rows, cols)
    Vt = ops.transpose(c.V)
    gram, scale = ops.frobenius_sq(M), norm(ops, M)
    MMt, MtM = product(ops, M, ops.transpose(M)), product(ops, ops.transpose(M), M)
    return (
        at_most(j, c.rank, scale=1, label="σ_j > 0: j ≤ r"),
        _close(
            ops,
            product(ops, ops.transpose(naive_U), naive_U),
            identity(ops, rows),
            scale=1,
            label="U' orthogonal",
        ),
        _close(
            ops,
            product(ops, MMt, naive_U),
            product(ops, naive_U, Sigma, ops.transpose(Sigma)),
            scale=gram,
            label="MMᵀU' = U'ΣΣᵀ",
        ),
        _close(
            ops,
            product(ops, MtM, c.V),
            product(ops, c.V, ops.transpose(Sigma), Sigma),
            scale=gram,
            label="MᵀMV = VΣᵀΣ",
        ),
        equal(
            naive_miss(ops, M, c, naive_U),
            4 * c.eigenvalues[j - 1],
            scale=gram,
            label="the independent pair misses M: ‖M − U'ΣVᵀ‖_F² = 4σ_j²",
        ),
        _close(
            ops,
            product(ops, c.U, Sigma, Vt),
            M,
            scale=scale,
            label="U_r = MV_rΣ_r⁻¹, completed, gives M = UΣVᵀ",
        ),
    )


M_NONZERO = Matrix("M", "n", "m", nonzero=True, prescribed=True)
J = Integer("j", 1, lambda v: rank(v["M"]))
TURN = Integer("turn", 0, lambda v: int(repeated_at(v["M"], v["j"])))

naive_svd_fails = Claim(
    id="naive_svd_fails",
    title="Independent eigendecompositions of MMᵀ and MᵀM need not give an SVD",
    source="000 Singular Decomposition",
    statement=(
        "For M ≠ 0 of rank r and 1 ≤ j ≤ r, let U be 000's construction from MᵀM = VΛVᵀ and U' be U with "
        "u_j negated (or, when σ_j = σ_{j+1}, with (u_j, u_{j+1}) turned to (−u_{j+1}, u_j)).  U' is an "
        "orthogonal eigenbasis of MMᵀ with eigenvalues ΣΣᵀ, as an independent eigendecomposition may "
        "return, yet ‖M − U'ΣVᵀ‖_F² = 4σ_j² > 0; U itself gives M = UΣVᵀ."
    ),
    variables=(M_NONZERO, J, TURN),
    relation=_naive_svd_fails,
)


def _pairing_gives_M(ops, M, j, turn, *, fix_signs: bool = False):
    c, naive_U = naive_pairing(ops, M, j, turn, fix_signs=fix_signs)
    return equal(naive_miss(ops, M, c, naive_U), 0, scale=ops.frobenius_sq(M), label="M = U'ΣVᵀ")


INDEPENDENT_LITERAL = naive_svd_fails.mutant(
    "independent_eigendecompositions_give_svd",
    statement=(
        "000: spectral decompositions of MMᵀ and MᵀM performed separately yield the SVD — any eigenbasis U' "
        "of MMᵀ and V of MᵀM give M = U'ΣVᵀ."
    ),
    relation=lambda ops, M, j, turn: _pairing_gives_M(ops, M, j, turn),
)


def _same_eigenbasis_for_symmetric(ops, M, j, turn):
    c = svd_via_gram(ops, M)
    rows = ops.shape(M)[0]
    return _close(
        ops,
        c.V * c.Sigma(ops, rows, rows) * ops.transpose(c.V),
        M,
        scale=norm(ops, M),
        label="M = VΣVᵀ with U = V from the one eigendecomposition of MMᵀ = MᵀM",
    )


# -- 003 Advance: maximising yᵀAx ----------------------------------------------------------------------


def bilinear_maximiser(ops, A, known):
    """(v, u, λ) with u ᵀAv = λ = max{yᵀAx : ‖x‖ = ‖y‖ = 1} (22).

    For fixed x the best y is Ax/‖Ax‖ (Cauchy–Schwarz), so the maximum is max‖Ax‖: at high
    precision v is the top eigenvector of AᵀA and u = Av/‖Av‖ — or any unit vector (e₁) when
    Av = 0, i.e. A = 0: "u ∥ Av" needs A ≠ 0.  Exactly, (v, u, λ) are the first singular pair
    and value of ``known``, the SVD of A derived from the prescribed one; the relations then
    certify that λ² = ‖A‖₂².
    """
    if ops.exact:
        U, s, V = known
        return ops.column(V, 0), ops.column(U, 0), s[0]
    w, Q = ops.eigh(ops.transpose(A) * A)
    v = ops.column(Q, 0)
    Av = A * v
    value = norm(ops, Av)
    u = Av * (1 / value) if value != 0 else _unit(ops, ops.shape(A)[0])
    return v, u, value


def _maximiser_along_Av(ops, A, known):
    """The step "u ∥ Av" taken without A ≠ 0: u = Av/‖Av‖, and Av itself (= 0) when ‖Av‖ = 0."""
    v, _, _ = bilinear_maximiser(ops, A, known)
    Av = product(ops, A, v)
    value = norm(ops, Av)
    return v, (Av * (1 / value) if value != 0 else Av), value


@dataclass(frozen=True)
class Deflation:
    """One step of 003's proof on A = A_k (A_0 = A): the maximiser (v, u, value), the orthogonal
    completions U1 (of u) and V1 (of v), and S = U1ᵀ·A·V1 = [[value, 0ᵀ], [0, A_{k+1}]] (23)."""

    A: Any
    v: Any
    u: Any
    value: Any
    U1: Any
    V1: Any
    S: Any


@dataclass(frozen=True)
class BilinearSVD:
    """The recursion's steps and its result UᵀAV = D = diag(values) (26)."""

    steps: tuple[Deflation, ...]
    U: Any
    values: list
    V: Any


def deflate(ops, A, v, u):
    """(U₁, V₁, S₁): orthogonal completions of u and v, and S₁ = U₁ᵀAV₁ (23)."""
    U1, V1 = orthonormal_completion(ops, u), orthonormal_completion(ops, v)
    return U1, V1, product(ops, ops.transpose(U1), A, V1)


def _deflated_svd(ops, known, U1, V1):
    """Exactly: the SVD of A₁ that A's gives.  With U₁e₁ = u₁ and V₁e₁ = v₁,
    U₁ᵀU = diag(1, P) and V₁ᵀV = diag(1, Q), so A₁ = P·diag(σ₂, …)·Qᵀ."""
    U, s, V = known
    P = product(ops, ops.transpose(U1[:, 1:]), U[:, 1:])
    Q = product(ops, ops.transpose(V1[:, 1:]), V[:, 1:])
    return P, s[1:], Q


def bilinear_svd(ops, A, *, maximiser=bilinear_maximiser) -> BilinearSVD:
    """003's recursion (23)–(28): maximise, complete, deflate to A₁ = S₁[1:, 1:], repeat until a
    side is exhausted; U = U₁·diag(1, U₂)·…, V likewise (25)."""
    rows, cols = ops.shape(A)
    U, V = identity(ops, rows), identity(ops, cols)
    known = ops.svd(A) if ops.exact else None
    steps, values, current = [], [], A
    for k in range(min(rows, cols)):
        v, u, value = maximiser(ops, current, known)
        U1, V1, S = deflate(ops, current, v, u)
        steps.append(Deflation(current, v, u, value, U1, V1, S))
        values.append(value)
        U, V = product(ops, U, _embed(ops, U1, rows)), product(ops, V, _embed(ops, V1, cols))
        if k + 1 < min(rows, cols):
            known = _deflated_svd(ops, known, U1, V1) if ops.exact else None
            current = S[1:, 1:]
    return BilinearSVD(tuple(steps), U, values, V)


def _step_relations(ops, step: Deflation, k: int, *, scale, gram):
    rows, cols = ops.shape(step.A)
    At = ops.transpose(step.A)
    first_row = step.S[0:1, :]
    first_col = step.S[:, 0]
    return (
        equal(step.value**2, ops.spectral_sq(step.A), scale=gram, label=f"(22) λ_{k}² = ‖A_{k - 1}‖₂²"),
        at_most(0, step.value, scale=scale, label=f"λ_{k} ≥ 0"),
        equal(ops.frobenius_sq(step.v), 1, scale=1, label=f"‖v_{k}‖ = 1"),
        equal(ops.frobenius_sq(step.u), 1, scale=1, label=f"‖u_{k}‖ = 1"),
        _close(
            ops,
            product(ops, step.A, step.v),
            step.u * step.value,
            scale=scale,
            label=f"u_{k} ∥ Av_{k}: Av_{k} = λ_{k}u_{k}",
        ),
        _close(
            ops,
            product(ops, At, step.u),
            step.v * step.value,
            scale=scale,
            label=f"v_{k} ∥ Aᵀu_{k}: Aᵀu_{k} = λ_{k}v_{k}",
        ),
        _close(
            ops,
            product(ops, ops.transpose(step.U1), step.U1),
            identity(ops, rows),
            scale=1,
            label=f"U_{k} orthogonal",
        ),
        _close(
            ops,
            product(ops, ops.transpose(step.V1), step.V1),
            identity(ops, cols),
            scale=1,
            label=f"V_{k} orthogonal",
        ),
        _close(ops, ops.column(step.U1, 0), step.u, scale=1, label=f"U_{k} extends u_{k}"),
        _close(ops, ops.column(step.V1, 0), step.v, scale=1, label=f"V_{k} extends v_{k}"),
        _close(ops, first_col, _unit(ops, rows) * step.value, scale=scale, label=f"(23) S_{k} e₁ = λ_{k}e₁"),
        _close(
            ops,
            first_row,
            ops.transpose(_unit(ops, cols)) * step.value,
            scale=scale,
            label=f"(23) e₁ᵀS_{k} = λ_{k}e₁ᵀ",
        ),
    )


def _off(ops, x, w):
    """x − (wᵀx)w: x projected off the unit vector w."""
    return tidy(ops, x - w * dot(ops, w, x))


def _bilinear_relations(ops, A, x, y, *, maximiser=bilinear_maximiser):
    rows, cols = ops.shape(A)
    result = bilinear_svd(ops, A, maximiser=maximiser)
    gram = ops.frobenius_sq(A)
    scale = ops.sqrt(gram)
    values = result.values
    relations = []
    for k, step in enumerate(result.steps, start=1):
        relations.extend(_step_relations(ops, step, k, scale=scale, gram=gram))
        if k < len(values):
            relations.append(
                at_most(values[k], values[k - 1], scale=scale, label=f"(29)–(32) λ_{k + 1} ≤ λ_{k}")
            )
    first = result.steps[0]
    x2, y2 = _off(ops, x, first.v), _off(ops, y, first.u)
    second = values[1] if len(values) > 1 else 0
    xy = ops.frobenius_sq(x) * ops.frobenius_sq(y)
    D = diagonal(ops, values, shape=(rows, cols))
    relations.extend(
        (
            at_most(
                dot(ops, y, product(ops, A, x)) ** 2,
                values[0] ** 2 * xy,
                scale=gram * xy,
                label="(22) yᵀAx ≤ λ₁‖x‖‖y‖",
            ),
            at_most(
                dot(ops, y2, product(ops, A, x2)) ** 2,
                second**2 * ops.frobenius_sq(x2) * ops.frobenius_sq(y2),
                scale=gram * xy,
                label="(32) yᵀAx ≤ λ₂‖x‖‖y‖ for x ⟂ v₁, y ⟂ u₁",
            ),
            _close(
                ops,
                product(ops, ops.transpose(result.U), result.U),
                identity(ops, rows),
                scale=1,
                label="U orthogonal",
            ),
            _close(
                ops,
                product(ops, ops.transpose(result.V), result.V),
                identity(ops, cols),
                scale=1,
                label="V orthogonal",
            ),
            _close(
                ops, product(ops, ops.transpose(result.U), A, result.V), D, scale=scale, label="(26) UᵀAV = D"
            ),
            _close(
                ops, product(ops, result.U, D, ops.transpose(result.V)), A, scale=scale, label="(28) A = UDVᵀ"
            ),
            equal(
                positive_count(ops, values, scale=values[0], size=max(rows, cols)),
                ops.rank(A),
                scale=1,
                label="(2) λ_i > 0 exactly for i ≤ r = rank A",
            ),
        )
    )
    return relations


svd_exists_via_bilinear_max = Claim(
    id="svd_exists_via_bilinear_max",
    title="The SVD exists: by maximising yᵀAx and deflating",
    source="003 Advance: Prove the existence of SVD",
    statement=(
        "For A ∈ ℝ^{m×n}: max{yᵀAx : ‖x‖ = ‖y‖ = 1} = λ₁ = ‖A‖₂ is attained at (v₁, u₁) with Av₁ = λ₁u₁ "
        "(A ≠ 0), Aᵀu₁ = λ₁v₁; orthogonal completions give U₁ᵀAV₁ = diag(λ₁, A₁); λ₂ ≤ λ₁, λ_i ≥ 0; the "
        "recursion gives orthogonal U, V with UᵀAV = D = diag(λ₁, …, λ_p), p = min(m, n), and exactly "
        "rank A of the λ_i are positive."
    ),
    variables=(Matrix("A", "m", "n", prescribed=True), Matrix("x", "n", 1), Matrix("y", "m", 1)),
    relation=_bilinear_relations,
)

MIN_SIDE_IS_RANK = svd_exists_via_bilinear_max.mutant(
    "bilinear_max_min_side_is_rank",
    statement="003: the r of (19), r = min(m, n), is the r of (2), the rank of A.",
    relation=lambda ops, A, x, y: equal(min(ops.shape(A)), ops.rank(A), scale=1, label="min(m, n) = rank A"),
)


def _nonnegative_count_is_rank(ops, A, x, y):
    nonnegative = sum(1 for value in bilinear_svd(ops, A).values if value >= 0)
    return equal(nonnegative, ops.rank(A), scale=1, label="#{i : λ_i ≥ 0} = rank A")


LAMBDA_R_NONNEGATIVE = svd_exists_via_bilinear_max.mutant(
    "bilinear_max_lambda_r_nonnegative",
    statement="003 (2) as printed: λ₁ ≥ … ≥ λ_r ≥ 0 = … = 0 with r = rank A, i.e. r = #{i : λ_i ≥ 0}.",
    relation=_nonnegative_count_is_rank,
)


# -- fixed instances -----------------------------------------------------------------------------------


def _rotations_2x2():
    t, u = sympy.symbols("t u", real=True)
    return with_svd(rotation(t), descending_values(2), rotation(u))


def _rotations_3x2():
    t, u = sympy.symbols("t u", real=True)
    return with_svd(plane_rotation(3, 0, 2, t), descending_values(2), rotation(u))


def _scaled_rotation_2x2():
    """d·R(t)R(u)ᵀ: σ₁ = σ₂ = d, every orthonormal basis an eigenbasis of MMᵀ = d²I."""
    t, u = sympy.symbols("t u", real=True)
    (d,) = descending_values(1)
    return with_svd(rotation(t), [d, d], rotation(u))


def tall_3x2():
    return exact.matrix_with_svd(exact.householder([1, 2, 2]), (5, 2), exact.householder([1, 1]))


def wide_2x3():
    return exact.matrix_with_svd(exact.cayley([[0, 1], [-1, 0]]), (4, 1), exact.householder([2, -1, 2]))


def rank_deficient_4x3():
    U = exact.rational_orthogonal([[1, 2, 2, 0], [0, 1, -1, 3]])
    return exact.matrix_with_svd(U, (7, 3, 0), exact.householder([2, -1, 2]))


def zero_3x2():
    return exact.matrix_with_svd(
        exact.rational_orthogonal([], size=3), (0, 0), exact.rational_orthogonal([], size=2)
    )


def symmetric_indefinite_2x2():
    """Q·diag(2, −3)·Qᵀ: MMᵀ = MᵀM = M², one eigendecomposition serves both."""
    return exact.symmetric_with_eigen(exact.householder([1, 2]), (2, -3))


def rotation_90():
    """The rotation by 90°: σ₁ = σ₂ = 1, MMᵀ = MᵀM = I."""
    return exact.matrix_with_svd(
        exact.cayley([[0, 1], [-1, 0]]), (1, 1), exact.rational_orthogonal([], size=2)
    )


SHARED_INPUTS = {
    "tall_3x2": tall_3x2,
    "wide_2x3": wide_2x3,
    "rank_deficient_4x3": rank_deficient_4x3,
    "zero_3x2": zero_3x2,
}
"""Exact inputs every construction of the SVD is checked on (named builders of ExactMatrix)."""


def _gram_cases(exact_names):
    return (
        Case("rotations_2x2", lambda: {"M": _rotations_2x2()}),
        Case("rotations_3x2", lambda: {"M": _rotations_3x2()}),
        *(
            Case(name, (lambda build: lambda: {"M": build()})(SHARED_INPUTS[name]), kind="exact")
            for name in exact_names
        ),
    )


def _vector(*entries):
    return exact.ExactMatrix(tuple((x,) for x in entries), "rational")


def _bilinear_case(build, x, y):
    return lambda: {"A": build(), "x": _vector(*x), "y": _vector(*y)}


def _symbolic_bilinear():
    """The maximum attained: x = v₁, y = u₁."""
    A = _rotations_2x2()
    U, s, V = A.svd
    return {"A": A, "x": SymbolicMatrix(V[:, 0]), "y": SymbolicMatrix(U[:, 0])}


def _naive_case(build, j, turn):
    return lambda: {"M": build(), "j": j, "turn": turn}


THEOREMS = (
    Theorem(
        gram_eigendecomposition_claim,
        cases=_gram_cases(("tall_3x2", "wide_2x3", "rank_deficient_4x3")),
        mutant_claims=(
            PRINTED_4,
            gram_eigendecomposition_claim.mutant(
                "gram_eigenvalues_unsquared",
                statement="MMᵀu_i = σ_iu_i: the singular values themselves are the eigenvalues of MMᵀ.",
                relation=_unsquared_eigenvalues,
            ),
        ),
    ),
    Theorem(
        svd_exists_via_gram,
        cases=_gram_cases(("tall_3x2", "wide_2x3", "rank_deficient_4x3", "zero_3x2")),
        mutant_claims=(
            PRINTED_ZERO_BLOCK,
            svd_exists_via_gram.mutant(
                "svd_via_gram_u_r_orthogonal_without_completion",
                statement="U_r = MV_rΣ_r⁻¹ is already orthogonal, U_rU_rᵀ = I_n (no completion needed).",
                relation=_u_r_orthogonal_without_completion,
            ),
            svd_exists_via_gram.mutant(
                "svd_via_gram_sigma_eq_lambda",
                statement="M = U_rΛ_rV_rᵀ: the eigenvalues of MᵀM, not their square roots, on the diagonal.",
                relation=_sigma_without_square_root,
            ),
        ),
    ),
    Theorem(
        left_singular_vectors_orthonormal,
        cases=_gram_cases(("tall_3x2", "wide_2x3", "rank_deficient_4x3")),
        mutant_claims=(
            left_singular_vectors_orthonormal.mutant(
                "left_singular_vectors_without_sigma_inverse",
                statement="U_r = MV_r (Σ_r⁻¹ dropped) has orthonormal columns.",
                relation=_without_sigma_inverse,
            ),
            left_singular_vectors_orthonormal.mutant(
                "left_singular_vectors_r_min_side",
                statement="U_p = MV_pΣ_p⁻¹ has orthonormal columns for p = min(n, m) (the rank ignored).",
                relation=_r_min_side,
            ),
        ),
    ),
    Theorem(
        naive_svd_fails,
        cases=(
            Case("rotations_2x2_sign", _naive_case(_rotations_2x2, 1, 0)),
            Case("scaled_rotation_2x2_turn", _naive_case(_scaled_rotation_2x2, 1, 1)),
            Case("sign_mismatch_3x2", _naive_case(tall_3x2, 1, 0), kind="exact"),
            Case("symmetric_indefinite_2x2", _naive_case(symmetric_indefinite_2x2, 1, 0), kind="exact"),
            Case("rotation_90", _naive_case(rotation_90, 1, 1), kind="exact"),
        ),
        mutant_claims=(
            INDEPENDENT_LITERAL,
            naive_svd_fails.mutant(
                "naive_svd_with_sign_fix_succeeds",
                statement=(
                    "Independent eigendecompositions give M = U'ΣVᵀ once each u'_i is signed so that "
                    "u'_iᵀMv_i ≥ 0."
                ),
                relation=lambda ops, M, j, turn: _pairing_gives_M(ops, M, j, turn, fix_signs=True),
            ),
            naive_svd_fails.mutant(
                "naive_svd_same_eigenbasis_for_symmetric",
                statement="For symmetric M, MMᵀ = MᵀM, so its one eigendecomposition V gives M = VΣVᵀ.",
                variables=(Symmetric("M", "n", nonzero=True, prescribed=True), J, TURN),
                relation=_same_eigenbasis_for_symmetric,
            ),
        ),
    ),
    Theorem(
        svd_exists_via_bilinear_max,
        cases=(
            Case("rotations_2x2_at_maximiser", _symbolic_bilinear),
            Case("tall_3x2", _bilinear_case(tall_3x2, (1, -1), (2, 0, 1)), kind="exact"),
            Case("wide_2x3", _bilinear_case(wide_2x3, (1, 2, -2), (3, 1)), kind="exact"),
            Case(
                "rank_deficient_4x3",
                _bilinear_case(rank_deficient_4x3, (1, 0, 2), (1, -1, 0, 2)),
                kind="exact",
            ),
            Case("zero_3x2", _bilinear_case(zero_3x2, (1, 1), (0, 1, 2)), kind="exact"),
        ),
        mutant_claims=(
            svd_exists_via_bilinear_max.mutant(
                "bilinear_max_u_parallel_without_nonzero",
                statement="003's step u_k ∥ A_kv_k at every level, A_k = 0 included: u_k = A_kv_k/‖A_kv_k‖.",
                relation=lambda ops, A, x, y: _bilinear_relations(
                    ops, A, x, y, maximiser=_maximiser_along_Av
                ),
            ),
            MIN_SIDE_IS_RANK,
            LAMBDA_R_NONNEGATIVE,
        ),
    ),
)

ERRATA = (
    Erratum(
        name="003_gram_eigendecomposition_4",
        source="003 §2.8.1 The origin of SVD, (4)",
        printed="AᵀA = V D Dᵀ V⁻¹",
        correction="AᵀA = V DᵀD V⁻¹: D is m×n, so DDᵀ is m×m and only DᵀD (n×n) fits between V and V⁻¹",
        literal=PRINTED_4,
        corrected=gram_eigendecomposition_claim,
    ),
    Erratum(
        name="000_zero_block_rows",
        source="000 Singular Decomposition, M = MVVᵀ = (MV_{[:m,:r]}, 0_{m×(m−r)})(…)",
        printed="(MV_{[:m,:r]}, 0_{m×(m−r)})",
        correction="(MV_{[:m,:r]}, 0_{n×(m−r)}): for M ∈ ℝ^{n×m}, MV_{[:m,r:]} has n rows",
        literal=PRINTED_ZERO_BLOCK,
        corrected=svd_exists_via_gram,
    ),
    Erratum(
        name="000_independent_eigendecompositions",
        source="000 Singular Decomposition, after MMᵀ = UΣΣᵀUᵀ, MᵀM = VΣᵀΣVᵀ",
        printed=(
            "performing spectral decomposition on MMᵀ and MᵀM separately could yield the SVD of M? "
            "Yes, that's correct; this can serve as a calculation method for SVD."
        ),
        correction=(
            "Only if the two are paired: eigenvectors are fixed up to sign, and up to a rotation for a "
            "repeated eigenvalue, so separately chosen U and V need not give M = UΣVᵀ; decompose one "
            "side and construct the other, U_r = MV_rΣ_r⁻¹ (as 000 goes on to do)."
        ),
        literal=INDEPENDENT_LITERAL,
        corrected=naive_svd_fails,
    ),
    Erratum(
        name="003_r_rank_or_min_side",
        source="003 §2.8, (2) and Advance, (19)",
        printed="(2): λ₁ ≥ … ≥ λ_r ≥ 0 = … = 0, r is rank of A;  (19): D = diag(λ₁, …, λ_r), r = min(m, n)",
        correction="two numbers: r = rank A in (2), p = min(m, n) in (19) (003 itself writes p in (27))",
        literal=MIN_SIDE_IS_RANK,
        corrected=svd_exists_via_bilinear_max,
    ),
    Erratum(
        name="003_lambda_r_positive",
        source="003 §2.8, (2)",
        printed="λ₁ ≥ λ₂ ≥ … ≥ λ_r ≥ 0 = 0 = … = 0, r is rank of A",
        correction="λ₁ ≥ … ≥ λ_r > 0 = λ_{r+1} = … : the rank counts the positive singular values",
        literal=LAMBDA_R_NONNEGATIVE,
        corrected=svd_exists_via_bilinear_max,
    ),
)
