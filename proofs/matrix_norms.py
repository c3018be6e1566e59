"""Matrix norms through singular values.

Source: 000, sections "Some Applications" and "Matrix Norms".

Main statements
---------------
* ``frobenius_norm_orthogonal_invariance`` — ‖UXVᵀ‖_F = ‖X‖_F and ‖Ux‖ = ‖x‖
  for orthogonal U, V.
* ``frobenius_norm_eq_singular_values`` — ‖M‖_F² = Σ σ_i².
* ``spectral_norm_eq_top_singular_value`` — ‖M‖₂ = σ₁, attained at v₁.
* ``spectral_norm_le_frobenius_norm`` — ‖M‖₂ ≤ ‖M‖_F.

Hypotheses
----------
M is any real m×n matrix, the zero matrix included (σ₁ = 0 and both sides
vanish).  U, V are orthogonal — not merely invertible: the first mutant drops
that hypothesis.

Proof, as in 000
----------------
Orthogonal invariance: ‖UXVᵀ‖_F² = tr(V XᵀUᵀU X Vᵀ) = tr(XᵀX VᵀV) = ‖X‖_F².
Then ‖M‖_F² = ‖UΣVᵀ‖_F² = ‖Σ‖_F² = Σσ_i².  For the spectral norm,
max_{‖x‖=1}‖UΣVᵀx‖ = max_{‖y‖=1}‖Σy‖ and ‖Σy‖² = Σσ_i²y_i² ≤ σ₁², with
equality at y = e₁, i.e. x = v₁; comparing, ‖M‖₂² = σ₁² ≤ Σσ_i² = ‖M‖_F².

Checks
------
Each claim is checked on symbolic 2×2 and 3×2 cases (rotations by symbolic
angles, symbolic ordered singular values), on rational instances with an
exactly prescribed SVD, and at high precision on every matrix family.  The
spectral norm is computed independently of the SVD (largest eigenvalue of
the Gram matrix: exactly, as the largest root of its characteristic
polynomial; numerically, by the symmetric eigensolver).

Precision
---------
Squared norms are compared; the tolerance's scale is ‖M‖_F², since every
quantity here is a squared norm of data of that size.
"""

from __future__ import annotations

import sympy

from numerics import exact
from numerics.backends import singular_values
from numerics.claims import Case, Claim, Matrix, Orthogonal, at_most, equal
from numerics.symbolic import descending_values, plane_rotation, rotation, with_svd
from proofs.registry import Theorem


def max_entry(ops, M):
    """‖M‖_max = max |m_ij|: not unitarily invariant."""
    return max(abs(x) for x in ops.entries(M))


def top_right_singular_vector(ops, M):
    U, s, V = ops.svd(M)
    return ops.column(V, 0)


def _orthogonal_invariance(ops, X, U, V, x):
    scale = ops.frobenius_sq(X)
    return (
        equal(ops.frobenius_sq(U * X * ops.transpose(V)), scale, scale=scale, label="‖UXVᵀ‖_F² = ‖X‖_F²"),
        equal(ops.frobenius_sq(U * x), ops.frobenius_sq(x), label="‖Ux‖² = ‖x‖²"),
    )


frobenius_norm_orthogonal_invariance = Claim(
    id="frobenius_norm_orthogonal_invariance",
    title="Orthogonal transformations preserve the Frobenius norm",
    source="000 Some Applications",
    statement="‖UXVᵀ‖_F = ‖X‖_F and ‖Ux‖ = ‖x‖ for orthogonal U ∈ ℝ^{m×m}, V ∈ ℝ^{n×n}.",
    variables=(Matrix("X"), Orthogonal("U", "m"), Orthogonal("V", "n"), Matrix("x", "m", 1)),
    relation=_orthogonal_invariance,
)


def _symbolic_invariance():
    a, b, c, d, t, u = sympy.symbols("a b c d t u", real=True)
    X = sympy.Matrix([[a, b], [c, d]])
    return {"X": X, "U": rotation(t), "V": rotation(u), "x": sympy.Matrix([a, c])}


def _symbolic_invariance_3x2():
    entries = sympy.symbols("x1:7", real=True)
    t, u = sympy.symbols("t u", real=True)
    X = sympy.Matrix(3, 2, entries)
    U = plane_rotation(3, 0, 2, t) * plane_rotation(3, 0, 1, u)
    return {"X": X, "U": U, "V": rotation(u), "x": sympy.Matrix(entries[:3])}


def _exact_invariance_householder():
    U = exact.householder([1, 2, 2])
    V = exact.householder([3, -1])
    return {
        "X": exact.ExactMatrix(((1, -2), (0, 3), (5, 1)), "rational"),
        "U": exact.ExactMatrix(U, "orthogonal"),
        "V": exact.ExactMatrix(V, "orthogonal"),
        "x": exact.ExactMatrix(((2,), (-1,), (7,)), "rational"),
    }


frobenius_norm_eq_singular_values = Claim(
    id="frobenius_norm_eq_singular_values",
    title="The squared Frobenius norm is the sum of the squared singular values",
    source="000 Matrix Norms",
    statement="‖M‖_F² = Σ_{i=1}^{min(m,n)} σ_i².",
    variables=(Matrix("M", prescribed=True),),
    relation=lambda ops, M: equal(
        ops.frobenius_sq(M),
        ops.total(s**2 for s in singular_values(ops, M)),
        scale=ops.frobenius_sq(M),
        label="‖M‖_F² = Σσ_i²",
    ),
)


def _symbolic_svd_2x2():
    t, u = sympy.symbols("t u", real=True)
    return {"M": with_svd(rotation(t), descending_values(2), rotation(u))}


def _symbolic_svd_3x2():
    t, u = sympy.symbols("t u", real=True)
    U = plane_rotation(3, 0, 2, t)
    return {"M": with_svd(U, descending_values(2), rotation(u))}


def _exact_svd_3x2():
    U = exact.householder([1, 2, 2])
    V = exact.householder([1, 1])
    return {"M": exact.matrix_with_svd(U, (5, 2), V)}


SVD_CASES = (
    Case("rotations_2x2", _symbolic_svd_2x2),
    Case("rotations_3x2", _symbolic_svd_3x2),
    Case("householder_3x2", _exact_svd_3x2, kind="exact"),
)


def _spectral_norm_eq_top(ops, M):
    s = singular_values(ops, M)
    v1 = top_right_singular_vector(ops, M)
    scale = ops.frobenius_sq(M)
    return (
        equal(ops.spectral_sq(M), s[0] ** 2, scale=scale, label="‖M‖₂² = σ₁²"),
        equal(ops.frobenius_sq(M * v1), s[0] ** 2, scale=scale, label="‖Mv₁‖² = σ₁²"),
    )


spectral_norm_eq_top_singular_value = Claim(
    id="spectral_norm_eq_top_singular_value",
    title="The spectral norm is the largest singular value",
    source="000 Matrix Norms",
    statement="‖M‖₂ = max_{‖x‖=1} ‖Mx‖ = σ₁, and the maximum is attained at x = v₁.",
    variables=(Matrix("M", prescribed=True),),
    relation=_spectral_norm_eq_top,
)

spectral_norm_le_frobenius_norm = Claim(
    id="spectral_norm_le_frobenius_norm",
    title="The spectral norm is at most the Frobenius norm",
    source="000 Matrix Norms",
    statement="‖M‖₂ ≤ ‖M‖_F (compared squared: σ₁² ≤ Σσ_i²).",
    variables=(Matrix("M"),),
    relation=lambda ops, M: at_most(
        ops.spectral_sq(M), ops.frobenius_sq(M), scale=ops.frobenius_sq(M), label="‖M‖₂² ≤ ‖M‖_F²"
    ),
)


def _column_norms_sq(ops, M):
    rows, cols = ops.shape(M)
    return [ops.frobenius_sq(ops.column(M, j)) for j in range(cols)]


def _row_norms_sq(ops, M):
    return _column_norms_sq(ops, ops.transpose(M))


THEOREMS = (
    Theorem(
        frobenius_norm_orthogonal_invariance,
        cases=(
            Case("rotations_2x2", _symbolic_invariance),
            Case("rotations_3x2", _symbolic_invariance_3x2),
            Case("householder_3x2", _exact_invariance_householder, kind="exact"),
        ),
        mutant_claims=(
            frobenius_norm_orthogonal_invariance.mutant(
                "frobenius_norm_invariance_without_orthogonality",
                statement="‖UXVᵀ‖_F = ‖X‖_F for any square U, V (orthogonality dropped).",
                variables=(Matrix("X"), Matrix("U", "m", "m"), Matrix("V", "n", "n"), Matrix("x", "m", 1)),
            ),
            frobenius_norm_orthogonal_invariance.mutant(
                "max_entry_norm_orthogonal_invariance",
                statement="‖UXVᵀ‖_max = ‖X‖_max for orthogonal U, V (a norm not unitarily invariant).",
                relation=lambda ops, X, U, V, x: equal(
                    max_entry(ops, U * X * ops.transpose(V)), max_entry(ops, X), scale=ops.frobenius_sq(X)
                ),
            ),
        ),
    ),
    Theorem(
        frobenius_norm_eq_singular_values,
        cases=SVD_CASES,
        mutant_claims=(
            frobenius_norm_eq_singular_values.mutant(
                "frobenius_norm_eq_sum_of_singular_values",
                statement="‖M‖_F = Σσ_i (the square dropped inside the sum).",
                relation=lambda ops, M: equal(
                    ops.frobenius_sq(M),
                    ops.total(singular_values(ops, M)) ** 2,
                    scale=ops.frobenius_sq(M),
                ),
            ),
        ),
    ),
    Theorem(
        spectral_norm_eq_top_singular_value,
        cases=SVD_CASES,
        mutant_claims=(
            spectral_norm_eq_top_singular_value.mutant(
                "spectral_norm_eq_largest_column_norm",
                statement="‖M‖₂ = max_j ‖M e_j‖ (the maximum over coordinate vectors only).",
                relation=lambda ops, M: equal(
                    ops.spectral_sq(M), max(_column_norms_sq(ops, M)), scale=ops.frobenius_sq(M)
                ),
            ),
            spectral_norm_eq_top_singular_value.mutant(
                "spectral_norm_attained_at_last_right_singular_vector",
                statement="‖M‖₂ = ‖M v_p‖ for the last right singular vector v_p.",
                relation=lambda ops, M: equal(
                    ops.frobenius_sq(M * ops.column(ops.svd(M)[2], min(ops.shape(M)) - 1)),
                    singular_values(ops, M)[0] ** 2,
                    scale=ops.frobenius_sq(M),
                ),
            ),
        ),
    ),
    Theorem(
        spectral_norm_le_frobenius_norm,
        cases=SVD_CASES,
        mutant_claims=(
            spectral_norm_le_frobenius_norm.mutant(
                "frobenius_norm_le_spectral_norm",
                statement="‖M‖_F ≤ ‖M‖₂ (the inequality reversed).",
                relation=lambda ops, M: at_most(
                    ops.frobenius_sq(M), ops.spectral_sq(M), scale=ops.frobenius_sq(M)
                ),
            ),
            spectral_norm_le_frobenius_norm.mutant(
                "spectral_norm_le_largest_row_norm",
                statement="‖M‖₂ ≤ max_i ‖row_i(M)‖.",
                relation=lambda ops, M: at_most(
                    ops.spectral_sq(M), max(_row_norms_sq(ops, M)), scale=ops.frobenius_sq(M)
                ),
            ),
        ),
    ),
)
