"""The spectral theorem, proved by induction.

Source: 000, "Spectral Theorem" (its two properties) and "Mathematical
Induction"; 002, "3.7.3 Additional proofs: Proof of the Number of Eigenvalues
Lemma".

Main statements
---------------
* ``symmetric_eigenvalues_real`` — a real symmetric M has only real
  eigenvalues, and its eigenvectors can be chosen real (000, property 1).
* ``eigenvectors_orthogonal_of_distinct_eigenvalues`` — Mx = λx, My = μy,
  λ ≠ μ and M = Mᵀ give xᵀy = 0 (000, property 2).
* ``eigenvectors_independent_of_distinct_eigenvalues`` — for *any* square
  A ∈ ℝ^{d×d}, eigenvectors of pairwise distinct eigenvalues are linearly
  independent, so A has at most d distinct eigenvalues (002).
* ``spectral_theorem_induction_step`` — for an eigenpair Mu₁ = λ₁u₁ with
  ‖u₁‖ = 1 and any Q completing u₁ to an orthogonal (u₁, Q):
  (u₁, Q)ᵀM(u₁, Q) = diag(λ₁, QᵀMQ), and QᵀMQ is symmetric of order n − 1.
* ``spectral_theorem`` — every real symmetric M is UΛUᵀ with U orthogonal
  and Λ diagonal; here U is *built* by 000's induction,
  U = (u₁, QV) where QᵀMQ = VΛ₂Vᵀ is decomposed by the same recursion.

Hypotheses
----------
Symmetry is what properties 1 and 2 and the induction step use; their
mutants drop it (a rotation has no real eigenvalue; the eigenvectors of a
non-symmetric matrix need not be orthogonal; its U from the induction does
not diagonalise it).  Property 2 needs *distinct* eigenvalues: inside an
eigenspace of dimension ≥ 2 there are eigenvectors that are not orthogonal.
002's lemma needs no symmetry at all, only distinct eigenvalues.

Proofs, as in the documents
---------------------------
Property 1 ("very simple, so we won't expand on them" in 000): for x = p + iq
with Mx = λx, x̄ᵀMx = λ x̄ᵀx; for symmetric M, x̄ᵀMx is real
(``quadratic_form_imaginary_part`` = pᵀMq − qᵀMp = 0), hence λ̄ x̄ᵀx = λ x̄ᵀx
and λ is real; then Re x and Im x are real eigenvectors, one of them nonzero.
Property 2: λ xᵀy = (Mx)ᵀy = xᵀMy = μ xᵀy, so (λ − μ) xᵀy = 0.
002: if x₁..x_m were dependent, the Linear Dependence Lemma
(``linear_dependence``) gives a first x_k = Σ_{i<k} a_i x_i with x₁..x_{k−1}
independent; multiplying by λ_k, applying A and subtracting
(``eliminated_combination``) gives 0 = Σ a_i(λ_k − λ_i)x_i, so every a_i = 0
and x_k = 0, a contradiction.  More than d distinct eigenvalues would give
more than d independent vectors in ℝ^d.
000's induction: ``eigenpair`` finds (λ₁, u₁); ``orthogonal_completion``
supplements u₁ to (u₁, Q); ``induction_step`` forms (u₁, Q)ᵀM(u₁, Q);
``spectral_decomposition`` recurses on QᵀMQ and assembles U = (u₁, QV).  The
whole decomposition comes from this recursion: only the eigenpair search of
each block may use an eigensolver.

Erratum
-------
000 says "let λ₁ be a non-zero eigenvalue of M".  M = 0 has none (and the
blocks QᵀMQ met in the recursion are 0 whenever rank M ≤ n − 2), while the
step works for every eigenvalue: ``induction_step_with_nonzero_eigenvalue``
states the printed text and is refuted by M = 0; the corrected
``spectral_theorem_induction_step`` (any eigenvalue) holds, M = 0 included.

Checks
------
Symbolic 2×2 cases (a general [[c + d, b], [b, c − d]], rotations by a
symbolic angle with rational parametrisation, symbolic eigenvalues), fixed
rational cases (M = 0, repeated eigenvalues, eigenvectors with irrational
norms so that the induction runs on radicals), drawn exact instances and
high-precision instances of every family.

* Property 1, exactly: the identity pᵀMq = qᵀMp in the symbols p, q (the
  document's argument for every complex x), and a Sturm count
  (``count_roots`` on the square-free factors) certifying that the
  characteristic polynomial has n real roots — for the entrywise ``gaussian``
  and ``rational`` families too, whose eigenvalues are irrational; rational
  eigenvalues get a rational eigenvector.  Numerically the eigenpairs come
  from the *general* (non-symmetric) eigensolver ``mpmath.eig``, so nothing
  assumes the realness being checked.
* Property 2 and 002: eigenvectors are null vectors of M − λI (exactly:
  sympy's rational null-space basis; numerically: right singular vectors of
  M − λI), computed for each eigenvalue on its own, never orthonormalised
  together.  (Numerically a multiple eigenvalue's basis comes out
  orthonormal, so the mutant about equal eigenvalues is refuted by the exact
  checks.)  002's instances are non-symmetric M = XSX⁻¹ with S symmetric of
  a known spectrum and X = LR unit triangular (det X = 1 by construction,
  ``similar_matrix``).
* The induction: every level's block form is a labelled relation
  ("level k: …"), then UᵀU = I and UΛUᵀ = M.

Exact runs
----------
The exact eigenpair search takes a root of the characteristic polynomial in
closed form and a null vector of M − λI, normalised with a square root.  It
prefers a simple eigenvalue, whose unit eigenvector is rational for the
families with a rational orthonormal eigenbasis: the reflector, QᵀMQ and U
then stay rational, and radicals only appear when every eigenvalue of a block
is multiple (e.g. spectra {a, a, b, b}).  Drawn exact instances have
n ≤ ``max_side`` (4 under ``ci``: about 1 s for a radical 4×4 case, ~0.05 s
otherwise; 6 under ``thorough``, where the drawn exact checks take < 45 s
each); the three mutants about non-symmetric matrices are fixed at n = 2,
which keeps their exact refutation cheap.

Precision
---------
Every residual is a norm compared with 0 at the scale of the data, ‖M‖_F
(residuals of orthogonality at scale 1); exactly, squared norms are compared
(no square roots of long rationals) and the scale is ‖M‖_F², or 1 for a
matrix with symbols.  An eigenvector of an eigenvalue at
distance g from the rest of the spectrum is only determined to u·‖M‖/g, so the
conclusion xᵀy = 0 of property 2 has the scale ‖M‖_F/|λ − μ| (the step
(λ − μ)xᵀy = 0 before it has the scale ‖M‖_F).  Numerically, eigenvalues
closer than the tolerance at scale ‖M‖_F are treated as equal (the
``clustered`` family's gaps, ≥ 10⁻²⁵ relative, are resolved at dps ≥ 30).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import combinations
from typing import Any

import mpmath
import sympy

from numerics import exact
from numerics.backends import NotDecidable
from numerics.claims import Case, Claim, Matrix, Relation, SymbolicMatrix, Symmetric, at_most, equal
from numerics.linalg import canonical, diagonal, dot, has_radical, identity, norm, root, tidy
from numerics.precision import tolerance
from numerics.symbolic import plane_rotation, rotation
from proofs.registry import Erratum, Theorem

# ---------------------------------------------------------------------------------------------
# Arithmetic shared by both backends (exact: sympy, canonical forms; numerical: mpmath)


def magnitude(ops, M):
    """The scale of M's data for the tolerance policy, in the units of ``residual``: ‖M‖_F
    numerically, ‖M‖_F² exactly, 1 for a matrix with symbols (whose slacks are not scaled)."""
    if not ops.exact:
        return norm(ops, M)
    return 1 if M.free_symbols else ops.frobenius_sq(M)


def residual(ops, R):
    """‖R‖_F numerically, ‖R‖_F² exactly: in both, 0 exactly when R = 0, and in the units of
    ``magnitude``."""
    return ops.frobenius_sq(R) if ops.exact else norm(ops, R)


def order(ops, M) -> int:
    return ops.shape(M)[0]


def from_columns(ops, columns: Sequence):
    """The matrix with the given column vectors."""
    rows = ops.shape(columns[0])[0]
    X = ops.zeros(rows, len(columns))
    for j, column in enumerate(columns):
        for i in range(rows):
            X[i, j] = column[i, 0]
    return X


def inverse(ops, X):
    return X.inv() if ops.exact else mpmath.inverse(X)


def unit(ops, x):
    """x/‖x‖; exactly with a square root, simplified (a perfect square gives a rational)."""
    if not ops.exact:
        return x / norm(ops, x)
    x = _primitive(x)
    return tidy(ops, x / root(ops, canonical(dot(ops, x, x))))


def _primitive(x):
    """x rescaled by a nonzero scalar to coprime integer (or polynomial) entries: the same
    eigen-direction, and a short squared norm whose root is often exact.  Entries holding
    radicals are left alone."""
    if any(has_radical(e) for e in x):
        return x
    numerators, denominators = zip(*(sympy.fraction(sympy.cancel(e)) for e in x), strict=True)
    common = sympy.lcm(list(denominators))
    scaled = [sympy.cancel(a * common / b) for a, b in zip(numerators, denominators, strict=True)]
    divisor = sympy.gcd(scaled) or 1
    return sympy.Matrix([sympy.cancel(e / divisor) for e in scaled])


def same(ops, x, y, *, scale, size: int) -> bool:
    """x = y: exactly, or within the tolerance at the data's ``scale``."""
    if ops.exact:
        return sympy.simplify(x - y) == 0
    return abs(x - y) <= tolerance(dps=ops.dps, size=size, scale=scale)


def distinct(ops, values: Sequence, *, scale, size: int) -> list:
    """The first of each group of equal ``values`` (see ``same``), in order."""
    chosen: list = []
    for value in values:
        if not any(same(ops, value, c, scale=scale, size=size) for c in chosen):
            chosen.append(value)
    return chosen


# ---------------------------------------------------------------------------------------------
# Eigenvalues and eigenvectors, found from M alone


def characteristic_polynomial(M: sympy.Matrix) -> sympy.Poly:
    """det(λI − M), its coefficients simplified (for blocks holding radicals they are rational)."""
    lam = sympy.Dummy("lambda")
    return sympy.Poly([canonical(c) for c in M.charpoly(lam).all_coeffs()], lam)


def exact_eigenvalues(M: sympy.Matrix) -> dict:
    """The roots of det(λI − M) in closed form with their multiplicities."""
    poly = characteristic_polynomial(M)
    roots = sympy.roots(poly)
    if sum(roots.values()) != poly.degree():
        raise NotDecidable(f"no closed form for the eigenvalues of {M}")
    return roots


def real_eigenvalue_count(M: sympy.Matrix, *, low=None) -> int:
    """How many roots of det(λI − M) are real (and ≥ ``low`` if given), with multiplicity: a
    Sturm count (``count_roots``) of each square-free factor; for a matrix with symbols, the
    closed-form roots sympy can prove real."""
    poly = characteristic_polynomial(M)
    if not M.free_symbols:
        return sum(k * factor.count_roots(inf=low) for factor, k in poly.sqf_list()[1])
    return sum(
        k
        for root, k in exact_eigenvalues(M).items()
        if root.is_real and (low is None or (root - low).is_nonnegative)
    )


def rational_eigenvalues(M: sympy.Matrix) -> list:
    """The rational roots of det(λI − M): those of its linear factors over ℚ."""
    if M.free_symbols:
        return []
    factors = characteristic_polynomial(M).factor_list()[1]
    return [-f.nth(0) / f.nth(1) for f, k in factors if f.degree() == 1]


def eigenvalues(ops, M) -> list:
    """The eigenvalues of the symmetric M with multiplicity, descending where they can be
    ordered: exactly the roots of its characteristic polynomial, numerically ``ops.eigh``."""
    if not ops.exact:
        return list(ops.eigh(M)[0])
    roots = exact_eigenvalues(M)
    return [root for root in sorted(roots, key=_descending) for _ in range(roots[root])]


def _descending(root):
    return (0, -root) if root.is_number and root.is_real else (1, sympy.default_sort_key(root))


def eigenspace(ops, M, lam, *, scale) -> list:
    """A basis of ker(M − λI), found for this λ alone.  Exactly: sympy's rational null-space
    basis (not orthogonalised).  Numerically: the right singular vectors of M − λI whose
    singular values are within the tolerance at ``scale`` (at least the last one)."""
    n = order(ops, M)
    shifted = tidy(ops, M - lam * identity(ops, n))
    if ops.exact:
        return [tidy(ops, x) for x in shifted.nullspace()]
    U, s, V = ops.svd(shifted)
    cutoff = tolerance(dps=ops.dps, size=n, scale=scale)
    count = max(1, sum(1 for x in s if x <= cutoff))
    return [ops.column(V, j) for j in range(n - count, n)]


def eigenpair(ops, M):
    """An eigenvalue λ of the symmetric block M and a unit eigenvector u: the search step of
    the induction (any eigenvalue will do).  Numerically the top eigenpair of the block
    (``ops.eigh``); exactly a closed-form root — simple ones first, see the module docstring —
    and a null vector of M − λI normalised with a square root."""
    if not ops.exact:
        w, Q = ops.eigh(M)
        return w[0], ops.column(Q, 0)
    roots = exact_eigenvalues(M)
    lam = min(roots, key=lambda root: (roots[root], _descending(root)))
    return lam, unit(ops, eigenspace(ops, M, lam, scale=0)[0])


def nonzero_eigenpair(ops, M):
    """000's literal choice: an eigenpair with λ ≠ 0 where there is one (the largest |λ|);
    M = 0 has none, and this returns an eigenpair of 0."""
    if not ops.exact:
        w, Q = ops.eigh(M)
        k = max(range(len(w)), key=lambda i: abs(w[i]))
        return w[k], ops.column(Q, k)
    roots = exact_eigenvalues(M)
    lam = min(roots, key=lambda root: (root == 0, roots[root], _descending(root)))
    return lam, unit(ops, eigenspace(ops, M, lam, scale=0)[0])


# ---------------------------------------------------------------------------------------------
# Property 1: real eigenvalues, real eigenvectors


def quadratic_form_imaginary_part(ops, M, p, q):
    """Im(x̄ᵀMx) for x = p + iq, i.e. pᵀMq − qᵀMp: zero when M = Mᵀ.  This is 000's argument:
    x̄ᵀMx is then its own conjugate, so λ x̄ᵀx = x̄ᵀMx = λ̄ x̄ᵀx and λ is real."""
    return dot(ops, p, M * q) - dot(ops, q, M * p)


def complex_eigenpairs(M) -> list[tuple[Any, Any, Any]]:
    """(λ, p, q) with x = p + iq a unit eigenvector, from mpmath's *general* eigensolver
    (Hessenberg QR), which does not assume M symmetric."""
    values, vectors = mpmath.eig(M)
    pairs = []
    for k, lam in enumerate(values):
        x = vectors[:, k]
        x = x / mpmath.sqrt(mpmath.fsum(abs(t) ** 2 for t in x))
        p = mpmath.matrix([mpmath.re(t) for t in x])
        q = mpmath.matrix([mpmath.im(t) for t in x])
        pairs.append((mpmath.mpc(lam), p, q))
    return pairs


def real_eigenvector(ops, p, q):
    """Re x or Im x, whichever is longer, normalised: for a real eigenvalue both are
    eigenvectors (M is real), and they are not both 0."""
    return unit(ops, p if norm(ops, p) >= norm(ops, q) else q)


def _eigenvalues_real(ops, M) -> list[Relation]:
    """The conclusion: n real eigenvalues (exactly counted; numerically Im λ = 0)."""
    n, scale = order(ops, M), magnitude(ops, M)
    if ops.exact:
        return [equal(real_eigenvalue_count(M), n, scale=1, label="det(λI − M) has n real roots")]
    worst = max(abs(mpmath.im(lam)) for lam, p, q in complex_eigenpairs(M))
    return [equal(worst, 0, scale=scale, label="Im λ = 0 for every eigenvalue")]


def _document_argument(ops, M) -> list[Relation]:
    """000's argument, run on complex vectors: symbolic ones exactly, the general
    eigensolver's eigenvectors numerically; then a real eigenvector for each eigenvalue."""
    n, scale = order(ops, M), magnitude(ops, M)
    if ops.exact:
        p = sympy.Matrix(sympy.symbols(f"p0:{n}", real=True))
        q = sympy.Matrix(sympy.symbols(f"q0:{n}", real=True))
        relations = [
            equal(
                sympy.expand(quadratic_form_imaginary_part(ops, M, p, q)),
                0,
                scale=1,
                label="Im(x̄ᵀMx) = pᵀMq − qᵀMp = 0 for every x = p + iq",
            )
        ]
        for lam in rational_eigenvalues(M):
            x = eigenspace(ops, M, lam, scale=0)[0]
            relations.append(
                equal(
                    residual(ops, tidy(ops, M * x - lam * x)), 0, scale=1, label=f"Mx = {lam}·x, x rational"
                )
            )
        return relations
    relations = []
    for k, (lam, p, q) in enumerate(complex_eigenpairs(M), 1):
        a, b = mpmath.re(lam), mpmath.im(lam)
        error = mpmath.sqrt(norm(ops, M * p - a * p + b * q) ** 2 + norm(ops, M * q - a * q - b * p) ** 2)
        y = real_eigenvector(ops, p, q)
        relations += [
            equal(error, 0, scale=scale, label=f"pair {k}: Mx = λx"),
            equal(
                abs(quadratic_form_imaginary_part(ops, M, p, q)),
                0,
                scale=scale,
                label=f"pair {k}: Im(x̄ᵀMx) = 0, so λ̄x̄ᵀx = λx̄ᵀx",
            ),
            equal(
                norm(ops, M * y - a * y), 0, scale=scale, label=f"pair {k}: My = (Re λ)y, y = Re x or Im x"
            ),
        ]
    return relations


def _eigenvalues_nonnegative(ops, M):
    if ops.exact:
        count = real_eigenvalue_count(M, low=0)
        return equal(count, order(ops, M), scale=1, label="n roots of det(λI − M) in [0, ∞)")
    return at_most(0, min(eigenvalues(ops, M)), scale=magnitude(ops, M), label="λ_min ≥ 0")


symmetric_eigenvalues_real = Claim(
    id="symmetric_eigenvalues_real",
    title="A real symmetric matrix has real eigenvalues and real eigenvectors",
    source="000 Spectral Theorem (property 1)",
    statement=(
        "Every eigenvalue of a real symmetric M ∈ ℝ^{n×n} is real (det(λI − M) has n real roots with "
        "multiplicity), and each has a real eigenvector."
    ),
    variables=(Symmetric("M"),),
    relation=lambda ops, M: [*_document_argument(ops, M), *_eigenvalues_real(ops, M)],
)


def _symbolic_general_2x2():
    b, c, d = sympy.symbols("b c d", real=True)
    return {"M": SymbolicMatrix(sympy.Matrix([[c + d, b], [b, c - d]]))}


def _symbolic_rotated_3x3():
    t = sympy.symbols("t", positive=True)
    a, b, c = sympy.symbols("a b c", real=True)
    Q = plane_rotation(3, 0, 2, t)
    return {"M": SymbolicMatrix((Q * sympy.diag(a, b, c) * Q.T).applyfunc(sympy.cancel))}


def _exact_irrational_3x3():
    return {"M": exact.ExactMatrix(((2, 1, 0), (1, 3, 1), (0, 1, 4)), "rational")}


def _exact_zero_3x3():
    return {"M": exact.symmetric_with_eigen(exact.rational_orthogonal([], size=3), (0, 0, 0), family="zero")}


def _exact_swap_2x2():
    return {"M": exact.symmetric_with_eigen(exact.householder([1, 1]), (1, -1))}


# ---------------------------------------------------------------------------------------------
# Property 2: orthogonality for distinct eigenvalues


def eigenvectors_of_distinct_eigenvalues(ops, M, *, scale) -> list[tuple[Any, Any]]:
    """(λ, x): one null vector of M − λI for each distinct eigenvalue λ (unit numerically)."""
    n = order(ops, M)
    values = distinct(ops, eigenvalues(ops, M), scale=scale, size=n)
    return [(lam, eigenspace(ops, M, lam, scale=scale)[0]) for lam in values]


def _eigen_equations(ops, M, pairs, scale) -> list[Relation]:
    return [
        equal(residual(ops, tidy(ops, M * x - lam * x)), 0, scale=scale, label=f"Mx_{k} = λ_{k}x_{k}")
        for k, (lam, x) in enumerate(pairs, 1)
    ]


def _orthogonality(ops, M, *, steps: bool = True) -> list[Relation]:
    scale = magnitude(ops, M)
    pairs = eigenvectors_of_distinct_eigenvalues(ops, M, scale=scale)
    relations = _eigen_equations(ops, M, pairs, scale)
    for (i, (li, xi)), (j, (lj, xj)) in combinations(enumerate(pairs, 1), 2):
        xy = dot(ops, xi, xj)
        if steps:
            relations += [
                equal(
                    dot(ops, M * xi, xj),
                    dot(ops, xi, M * xj),
                    scale=scale,
                    label=f"(Mx_{i})ᵀx_{j} = x_{i}ᵀMx_{j} (M = Mᵀ)",
                ),
                equal((li - lj) * xy, 0, scale=scale, label=f"(λ_{i} − λ_{j})·x_{i}ᵀx_{j} = 0"),
            ]
        relations.append(equal(xy, 0, scale=scale / abs(li - lj), label=f"x_{i}ᵀx_{j} = 0 (λ_{i} ≠ λ_{j})"))
    return relations


eigenvectors_orthogonal_of_distinct_eigenvalues = Claim(
    id="eigenvectors_orthogonal_of_distinct_eigenvalues",
    title="Eigenvectors of a symmetric matrix for distinct eigenvalues are orthogonal",
    source="000 Spectral Theorem (property 2)",
    statement="For M = Mᵀ, Mx = λx and My = μy with λ ≠ μ: xᵀy = 0.",
    variables=(Symmetric("M", prescribed=True),),
    relation=_orthogonality,
)


def _all_eigenvector_pairs_orthogonal(ops, M):
    scale = magnitude(ops, M)
    vectors = [
        x
        for lam in distinct(ops, eigenvalues(ops, M), scale=scale, size=order(ops, M))
        for x in eigenspace(ops, M, lam, scale=scale)
    ]
    return [equal(dot(ops, x, y), 0, scale=1, label="xᵀy = 0") for x, y in combinations(vectors, 2)] or [
        equal(0, 0, scale=1, label="a single eigenvector")
    ]


def _symbolic_rotation_2x2():
    t = sympy.symbols("t", positive=True)
    b = sympy.symbols("b", real=True)
    d = sympy.symbols("d", positive=True)
    w = [b + d, b]
    M = (rotation(t) * sympy.diag(*w) * rotation(t).T).applyfunc(sympy.cancel)
    return {"M": SymbolicMatrix(M, eigen=(w, rotation(t)))}


def _exact_repeated_3x3():
    """M = 2I − 3vvᵀ, v = (1, 2, 2)/3: eigenvalue −1 on v and 2 (twice) on v⟂, where sympy's
    null-space basis (−2, 1, 0), (−2, 0, 1) is not orthogonal."""
    Q = exact.householder([1, -1, -1])  # its first column is v
    columns = exact.exact_transpose(Q)
    return {"M": exact.symmetric_with_eigen(exact.exact_transpose(columns[1:] + columns[:1]), (2, 2, -1))}


def _exact_distinct_3x3():
    Q = exact.rational_orthogonal([[1, 2, 2], [0, 1, -1]])
    return {"M": exact.symmetric_with_eigen(Q, (3, 1, -2))}


# ---------------------------------------------------------------------------------------------
# 002: Number of Eigenvalues Lemma


def similar_matrix(ops, S, B):
    """M = X S X⁻¹ with X = L·R, L = I + (strictly lower part of B)/(1 + ‖B‖_F²) and
    R = I + (strictly upper part of B)/(1 + ‖B‖_F²): unit triangular factors, so det X = 1 and
    X is invertible by construction (its entries stay below 1/2 in size, so X is well
    conditioned for every family).  M has the eigenvalues of the symmetric S, the eigenvectors
    X q_i, and is not symmetric in general."""
    n = order(ops, B)
    damping = 1 + ops.frobenius_sq(B)
    L, R = identity(ops, n), identity(ops, n)
    for i in range(n):
        for j in range(n):
            if i > j:
                L[i, j] = B[i, j] / damping
            elif i < j:
                R[i, j] = B[i, j] / damping
    X = L * R
    return tidy(ops, X * S * inverse(ops, X))


def linear_dependence(ops, vectors: Sequence, *, scale=1):
    """The Linear Dependence Lemma: the first k (1-based) with x_k ∈ span(x_1..x_{k−1}) and
    the coefficients a with x_k = Σ a_i x_i — or None when the vectors are independent.
    Numerically "in the span" means a least-squares residual within the tolerance."""
    for k in range(1, len(vectors) + 1):
        x = vectors[k - 1]
        if k == 1:
            if residual(ops, x) == 0:
                return 1, []
            continue
        coefficients, distance = _project(ops, vectors[: k - 1], x)
        if ops.exact:
            if distance == 0:
                return k, coefficients
        elif distance <= tolerance(dps=ops.dps, size=order(ops, x), scale=scale):
            return k, coefficients
    return None


def _project(ops, basis: Sequence, x):
    """Least-squares coefficients of x on the independent ``basis`` and the ``residual``."""
    X = from_columns(ops, basis)
    a = tidy(ops, inverse(ops, ops.transpose(X) * X) * (ops.transpose(X) * x))
    r = tidy(ops, x - X * a)
    return [a[i, 0] for i in range(len(basis))], residual(ops, r)


def eliminated_combination(ops, values: Sequence, vectors: Sequence, k: int, coefficients: Sequence):
    """002's step: multiply x_k = Σ a_i x_i by λ_k, apply A, subtract — what is left is
    Σ a_i (λ_k − λ_i) x_i (1-based k; the sum over i < k)."""
    total = ops.zeros(*ops.shape(vectors[0]))
    for i, a in enumerate(coefficients):
        total = total + a * (values[k - 1] - values[i]) * vectors[i]
    return tidy(ops, total)


def _distinct_eigenpairs_of_similar(ops, S, B):
    M = similar_matrix(ops, S, B)
    scale, n = magnitude(ops, M), order(ops, M)
    values = distinct(ops, ops.eigh(S)[0], scale=magnitude(ops, S), size=n)
    vectors = [_unit_numerically(ops, eigenspace(ops, M, lam, scale=scale)[0]) for lam in values]
    return M, scale, values, vectors


def _unit_numerically(ops, x):
    return x if ops.exact else unit(ops, x)


def _elimination_steps(ops, M, values, vectors, scale) -> list[Relation]:
    """002's step for each k, on the actual vectors: writing x_k = Σ_{i<k} a_i x_i + r (a the
    least-squares coefficients), multiplying by λ_k, applying A and subtracting leaves
    (A − λ_k)r = Σ a_i(λ_k − λ_i)x_i; the proof's r = 0 would force every a_i = 0."""
    n, relations = order(ops, M), []
    for k in range(2, len(vectors) + 1):
        coefficients, _ = _project(ops, vectors[: k - 1], vectors[k - 1])
        r = tidy(ops, vectors[k - 1] - from_columns(ops, vectors[: k - 1]) * _column(ops, coefficients))
        left = (M - values[k - 1] * identity(ops, n)) * r
        right = eliminated_combination(ops, values, vectors, k, coefficients)
        relations.append(
            equal(
                residual(ops, tidy(ops, left - right)),
                0,
                scale=scale,
                label=f"k = {k}: (A − λ_k)(x_k − Σa_i x_i) = Σ a_i(λ_k − λ_i)x_i",
            )
        )
    return relations


def _independent(ops, vectors, count: int) -> list[Relation]:
    """The conclusion, twice: the Linear Dependence Lemma finds no x_k in the span of the
    earlier ones, and the rank is the number of vectors."""
    dependence = linear_dependence(ops, vectors)
    return [
        equal(
            0 if dependence is None else dependence[0],
            0,
            scale=1,
            label="Linear Dependence Lemma: no k with x_k ∈ span(x_1..x_{k−1})",
        ),
        equal(ops.rank(from_columns(ops, vectors)), count, scale=1, label=f"rank(x_1..x_{count}) = {count}"),
    ]


def _independence(ops, S, B) -> list[Relation]:
    M, scale, values, vectors = _distinct_eigenpairs_of_similar(ops, S, B)
    n, m = order(ops, M), len(values)
    return [
        *_eigen_equations(ops, M, list(zip(values, vectors, strict=True)), scale),
        *_elimination_steps(ops, M, values, vectors, scale),
        *_independent(ops, vectors, m),
        at_most(m, n, scale=1, label="at most d distinct eigenvalues"),
    ]


def _column(ops, values: Sequence):
    c = ops.zeros(len(values), 1)
    for i, value in enumerate(values):
        c[i, 0] = value
    return c


eigenvectors_independent_of_distinct_eigenvalues = Claim(
    id="eigenvectors_independent_of_distinct_eigenvalues",
    title="Eigenvectors for distinct eigenvalues are linearly independent",
    source="002 Number of Eigenvalues Lemma (3.7.3 Additional proofs)",
    statement=(
        "For any A ∈ ℝ^{d×d} (here A = XSX⁻¹, not symmetric), eigenvectors x_1..x_m of pairwise distinct "
        "eigenvalues λ_1..λ_m are linearly independent; hence m ≤ d."
    ),
    variables=(Symmetric("S", prescribed=True), Matrix("B", "n", "n")),
    relation=_independence,
)


def _eigenvectors_with_multiplicity(ops, S, B) -> list[Relation]:
    """One eigenvector for each eigenvalue listed with multiplicity (the same for equal ones)."""
    M = similar_matrix(ops, S, B)
    scale = magnitude(ops, M)
    vectors = [_unit_numerically(ops, eigenspace(ops, M, lam, scale=scale)[0]) for lam in ops.eigh(S)[0]]
    return _independent(ops, vectors, len(vectors))


def _symbolic_similar_2x2():
    b = sympy.symbols("b", real=True)
    d, r, s = sympy.symbols("d r s", positive=True)
    w = [b + d, b]
    return {
        "S": SymbolicMatrix(sympy.diag(*w), eigen=(w, sympy.eye(2))),
        "B": SymbolicMatrix(sympy.Matrix([[0, s], [r, 0]])),
    }


def _exact_similar(w):
    def build():
        identity_3 = exact.rational_orthogonal([], size=3)
        B = exact.ExactMatrix(((1, 2, -1), (3, 1, 2), (-2, 4, 1)), "rational")
        return {"S": exact.symmetric_with_eigen(identity_3, w), "B": B}

    return build


# ---------------------------------------------------------------------------------------------
# 000 Mathematical Induction


def orthogonal_completion(ops, u):
    """(u, Q): an orthogonal matrix whose first column is the unit vector u — 000's
    "supplement it with n − 1 unit vectors orthogonal to u₁".  Exactly: the reflector
    I − 2vvᵀ/(vᵀv), v = e₁ − u, which swaps e₁ and u, written as I − (1 + u₁)/(1 − u₁²)·vvᵀ
    (vᵀv = 2(1 − u₁)) so that for u = x/√N, x rational, no radical is left in a denominator;
    for u = ±e₁ it is diag(±1, 1, …, 1).  Numerically the backend's ``orthonormal_completion``
    (Householder)."""
    if not ops.exact:
        return ops.orthonormal_completion(u)
    n = order(ops, u)
    rest = canonical(1 - u[0, 0] ** 2)
    if rest == 0:
        return diagonal(ops, [u[0, 0]] + [1] * (n - 1))
    v = identity(ops, n)[:, 0] - u
    return tidy(ops, identity(ops, n) - (1 + u[0, 0]) / rest * v * ops.transpose(v))


@dataclass(frozen=True)
class InductionStep:
    """000's step on a symmetric block M: the eigenpair (λ₁, u₁), the orthogonal (u₁, Q) and
    the block form (u₁, Q)ᵀM(u₁, Q)."""

    eigenvalue: Any
    vector: Any
    basis: Any
    form: Any

    @property
    def Q(self):
        return self.basis[:, 1:]

    @property
    def deflated(self):
        """QᵀMQ: the lower right block of the form, of order n − 1."""
        return self.form[1:, 1:]


def induction_step(ops, M, pair=None) -> InductionStep:
    """Take the eigenpair (``eigenpair`` unless given), complete u₁, form (u₁, Q)ᵀM(u₁, Q)."""
    lam, u = pair if pair is not None else eigenpair(ops, M)
    P = orthogonal_completion(ops, u)
    return InductionStep(lam, u, P, tidy(ops, ops.transpose(P) * M * P))


def eigenpair_relations(ops, M, step: InductionStep, *, scale, prefix: str = "") -> list[Relation]:
    """The step's eigenpair: Mu₁ = λ₁u₁ with ‖u₁‖ = 1."""
    u, lam = step.vector, step.eigenvalue
    return [
        equal(residual(ops, tidy(ops, M * u - lam * u)), 0, scale=scale, label=f"{prefix}Mu₁ = λ₁u₁"),
        equal(residual(ops, u), 1, scale=1, label=f"{prefix}‖u₁‖ = 1"),
    ]


def block_form_relations(ops, M, step: InductionStep, *, scale, prefix: str = "") -> list[Relation]:
    """(u₁, Q) orthogonal and (u₁, Q)ᵀM(u₁, Q) = diag(λ₁, QᵀMQ), QᵀMQ symmetric of order n − 1."""
    n, T = order(ops, M), step.form
    relations = [
        equal(
            residual(ops, tidy(ops, ops.transpose(step.basis) * step.basis - identity(ops, n))),
            0,
            scale=1,
            label=f"{prefix}(u₁, Q) orthogonal",
        ),
        equal(T[0, 0], step.eigenvalue, scale=scale, label=f"{prefix}u₁ᵀMu₁ = λ₁"),
    ]
    if n > 1:
        B = step.deflated
        relations += [
            equal(residual(ops, T[0, 1:]), 0, scale=scale, label=f"{prefix}u₁ᵀMQ = 0"),
            equal(residual(ops, T[1:, 0]), 0, scale=scale, label=f"{prefix}QᵀMu₁ = 0"),
            equal(order(ops, B), n - 1, scale=1, label=f"{prefix}QᵀMQ has order n − 1"),
            equal(
                residual(ops, tidy(ops, B - ops.transpose(B))),
                0,
                scale=scale,
                label=f"{prefix}QᵀMQ symmetric",
            ),
        ]
    return relations


def step_relations(ops, M, step: InductionStep, *, scale, prefix: str = "") -> list[Relation]:
    """Everything the step claims: its eigenpair and its block form."""
    return [
        *eigenpair_relations(ops, M, step, scale=scale, prefix=prefix),
        *block_form_relations(ops, M, step, scale=scale, prefix=prefix),
    ]


def _induction_step(ops, M):
    return step_relations(ops, M, induction_step(ops, M), scale=magnitude(ops, M))


spectral_theorem_induction_step = Claim(
    id="spectral_theorem_induction_step",
    title="The induction step of the spectral theorem",
    source="000 Mathematical Induction",
    statement=(
        "For symmetric M ∈ ℝ^{n×n}, an eigenvalue λ₁ (any, zero included) with unit eigenvector u₁ and Q "
        "completing u₁ to an orthogonal (u₁, Q): (u₁, Q)ᵀM(u₁, Q) = diag(λ₁, QᵀMQ), QᵀMQ symmetric of "
        "order n − 1."
    ),
    variables=(Symmetric("M", prescribed=True),),
    relation=_induction_step,
)


def _nonzero_step(ops, M):
    """000 as printed: the step needs a non-zero eigenvalue λ₁ (rank M ≥ 1)."""
    step = induction_step(ops, M, nonzero_eigenpair(ops, M))
    return [
        at_most(1, ops.rank(M), scale=1, label="000: a non-zero eigenvalue λ₁ exists"),
        *step_relations(ops, M, step, scale=magnitude(ops, M)),
    ]


def _first_coordinate_step(ops, M):
    n = order(ops, M)
    step = induction_step(ops, M, (M[0, 0], identity(ops, n)[:, 0]))
    return block_form_relations(ops, M, step, scale=magnitude(ops, M))


NONZERO_EIGENVALUE = spectral_theorem_induction_step.mutant(
    "induction_step_with_nonzero_eigenvalue",
    statement=(
        "000 as printed: every symmetric M has a non-zero eigenvalue λ₁, whose unit eigenvector u₁ gives "
        "(u₁, Q)ᵀM(u₁, Q) = diag(λ₁, QᵀMQ)."
    ),
    relation=_nonzero_step,
)


# ---------------------------------------------------------------------------------------------
# The spectral theorem, by the induction


@dataclass(frozen=True)
class SpectralDecomposition:
    """M = U·diag(eigenvalues)·Uᵀ and the induction steps that built U, one per level, each
    with the block it was taken on (M itself, then QᵀMQ, ...)."""

    U: Any
    eigenvalues: list
    steps: tuple[tuple[Any, InductionStep], ...]


def spectral_decomposition(ops, M, choose: Callable = eigenpair) -> SpectralDecomposition:
    """000's induction, run: order 1 is its own decomposition (U = (1)); otherwise take the
    step, decompose QᵀMQ = VΛ₂Vᵀ by the same recursion, and U = (u₁, QV).  ``choose`` finds
    each block's eigenpair."""
    n = order(ops, M)
    if n == 1:
        return SpectralDecomposition(identity(ops, 1), [M[0, 0]], ())
    step = induction_step(ops, M, choose(ops, M))
    rest = spectral_decomposition(ops, step.deflated, choose)
    U = tidy(ops, from_columns(ops, [step.vector, *_columns_of(ops, step.Q * rest.U)]))
    return SpectralDecomposition(U, [step.eigenvalue, *rest.eigenvalues], ((M, step), *rest.steps))


def _columns_of(ops, X) -> list:
    return [ops.column(X, j) for j in range(ops.shape(X)[1])]


def _decomposition_relations(ops, M, decomposition: SpectralDecomposition) -> list[Relation]:
    n, scale, U = order(ops, M), magnitude(ops, M), decomposition.U
    Lam = diagonal(ops, decomposition.eigenvalues)
    return [
        equal(residual(ops, tidy(ops, ops.transpose(U) * U - identity(ops, n))), 0, scale=1, label="UᵀU = I"),
        equal(residual(ops, tidy(ops, U * Lam * ops.transpose(U) - M)), 0, scale=scale, label="M = UΛUᵀ"),
    ]


def _spectral_theorem(ops, M):
    decomposition = spectral_decomposition(ops, M)
    scale = magnitude(ops, M)
    relations = [
        relation
        for level, (block, step) in enumerate(decomposition.steps, 1)
        for relation in step_relations(ops, block, step, scale=scale, prefix=f"level {level}: ")
    ]
    return relations + _decomposition_relations(ops, M, decomposition)


spectral_theorem = Claim(
    id="spectral_theorem",
    title="The spectral theorem, by induction",
    source="000 Spectral Theorem; Mathematical Induction",
    statement=(
        "Every real symmetric M ∈ ℝ^{n×n} is UΛUᵀ with U orthogonal and Λ diagonal, U built by 000's "
        "induction: U = (u₁, QV) with QᵀMQ = VΛ₂Vᵀ decomposed recursively."
    ),
    variables=(Symmetric("M", prescribed=True),),
    relation=_spectral_theorem,
)


def _by_nonzero_eigenvalues(ops, M):
    decomposition = spectral_decomposition(ops, M, nonzero_eigenpair)
    return [
        at_most(1, ops.rank(block), scale=1, label=f"level {level}: a non-zero eigenvalue exists")
        for level, (block, step) in enumerate(decomposition.steps, 1)
    ] + _decomposition_relations(ops, M, decomposition)


def _upper_triangular(ops, M):
    U, n = spectral_decomposition(ops, M).U, order(ops, M)
    below = ops.total(U[i, j] ** 2 for i in range(n) for j in range(i))
    return equal(below, 0, scale=1, label="U_ij = 0 for i > j")


def _distinct_entries(ops, M):
    values, n = spectral_decomposition(ops, M).eigenvalues, order(ops, M)
    count = len(distinct(ops, values, scale=magnitude(ops, M), size=n))
    return equal(count, n, scale=1, label="Λ has n distinct entries")


def _non_symmetric(ops, S, B):
    M = similar_matrix(ops, S, B)
    return _decomposition_relations(ops, M, spectral_decomposition(ops, M))


def _exact_radical_3x3():
    """Eigenvalues 5, 3, 1 with eigenvectors e₃, (1, 1, 0)/√2, (1, −1, 0)/√2: the second level
    of the induction normalises with √2."""
    return {"M": exact.ExactMatrix(((2, 1, 0), (1, 2, 0), (0, 0, 5)), "rational")}


def _exact_double_pairs_4x4():
    """Spectrum {3, 3, −1, −1}: no simple eigenvalue, so the exact induction runs on radicals."""
    Q = exact.rational_orthogonal([[1, 1, 1, 1], [0, 1, 2, 0]])
    return {"M": exact.symmetric_with_eigen(Q, (3, 3, -1, -1))}


SYMMETRIC_EXACT_CASES = (
    Case("zero_3x3", _exact_zero_3x3, kind="exact"),
    Case("repeated_3x3", _exact_repeated_3x3, kind="exact"),
    Case("distinct_3x3", _exact_distinct_3x3, kind="exact"),
    Case("radical_3x3", _exact_radical_3x3, kind="exact"),
)

THEOREMS = (
    Theorem(
        symmetric_eigenvalues_real,
        cases=(
            Case("general_2x2", _symbolic_general_2x2),
            Case("rotated_3x3", _symbolic_rotated_3x3),
            Case("irrational_3x3", _exact_irrational_3x3, kind="exact"),
            Case("swap_2x2", _exact_swap_2x2, kind="exact"),
            *SYMMETRIC_EXACT_CASES,
        ),
        mutant_claims=(
            symmetric_eigenvalues_real.mutant(
                "real_matrix_eigenvalues_real",
                statement="Every eigenvalue of a real square (2×2) matrix is real (symmetry dropped).",
                variables=(Matrix("M", 2, 2, families=("gaussian", "rational")),),
                relation=_eigenvalues_real,
            ),
            symmetric_eigenvalues_real.mutant(
                "symmetric_eigenvalues_nonnegative",
                statement="Every eigenvalue of a real symmetric matrix is ≥ 0 (true of MᵀM, not of M).",
                relation=_eigenvalues_nonnegative,
            ),
        ),
    ),
    Theorem(
        eigenvectors_orthogonal_of_distinct_eigenvalues,
        cases=(
            Case("rotation_2x2", _symbolic_rotation_2x2),
            *SYMMETRIC_EXACT_CASES,
        ),
        mutant_claims=(
            eigenvectors_orthogonal_of_distinct_eigenvalues.mutant(
                "eigenvectors_orthogonal_without_distinct_eigenvalues",
                statement=(
                    "Any two basis eigenvectors of a symmetric M are orthogonal, for equal eigenvalues too."
                ),
                relation=_all_eigenvector_pairs_orthogonal,
            ),
            eigenvectors_orthogonal_of_distinct_eigenvalues.mutant(
                "eigenvectors_orthogonal_of_non_symmetric",
                statement=(
                    "Eigenvectors of a non-symmetric 2×2 M = XSX⁻¹ for distinct eigenvalues are orthogonal."
                ),
                variables=(
                    Symmetric("S", 2, prescribed=True, families=("known_svd",)),
                    Matrix("B", 2, 2, families=("rational",)),
                ),
                relation=lambda ops, S, B: _orthogonality(ops, similar_matrix(ops, S, B), steps=False),
            ),
        ),
    ),
    Theorem(
        eigenvectors_independent_of_distinct_eigenvalues,
        cases=(
            Case("triangular_2x2", _symbolic_similar_2x2),
            Case("distinct_3x3", _exact_similar((3, 2, -1)), kind="exact"),
            Case("repeated_3x3", _exact_similar((2, 2, -1)), kind="exact"),
            Case("zero_3x3", _exact_similar((0, 0, 0)), kind="exact"),
        ),
        mutant_claims=(
            eigenvectors_independent_of_distinct_eigenvalues.mutant(
                "eigenvectors_independent_without_distinct_eigenvalues",
                statement=(
                    "Eigenvectors x_1..x_d, one for each of the d eigenvalues listed with multiplicity, are "
                    "independent (distinctness dropped)."
                ),
                relation=_eigenvectors_with_multiplicity,
            ),
            eigenvectors_independent_of_distinct_eigenvalues.mutant(
                "at_most_d_minus_1_distinct_eigenvalues",
                statement="A d×d matrix has at most d − 1 distinct eigenvalues (off by one).",
                relation=lambda ops, S, B: at_most(
                    len(_distinct_eigenpairs_of_similar(ops, S, B)[2]), order(ops, S) - 1, scale=1
                ),
            ),
        ),
    ),
    Theorem(
        spectral_theorem_induction_step,
        cases=(
            Case("rotation_2x2", _symbolic_rotation_2x2),
            *SYMMETRIC_EXACT_CASES,
        ),
        mutant_claims=(
            NONZERO_EIGENVALUE,
            spectral_theorem_induction_step.mutant(
                "induction_step_without_eigenvector",
                statement="(e₁, Q)ᵀM(e₁, Q) = diag(m₁₁, QᵀMQ): u₁ = e₁, not an eigenvector.",
                relation=_first_coordinate_step,
            ),
        ),
    ),
    Theorem(
        spectral_theorem,
        cases=(
            Case("rotation_2x2", _symbolic_rotation_2x2),
            *SYMMETRIC_EXACT_CASES,
            Case("double_pairs_4x4", _exact_double_pairs_4x4, kind="exact"),
        ),
        mutant_claims=(
            spectral_theorem.mutant(
                "spectral_theorem_upper_triangular",
                statement="The U built by the induction is upper triangular.",
                relation=_upper_triangular,
            ),
            spectral_theorem.mutant(
                "spectral_theorem_distinct_eigenvalues",
                statement="Λ has n distinct diagonal entries.",
                relation=_distinct_entries,
            ),
            spectral_theorem.mutant(
                "spectral_theorem_by_nonzero_eigenvalues",
                statement="000's induction as printed (a non-zero eigenvalue at every level) decomposes M.",
                relation=_by_nonzero_eigenvalues,
            ),
            spectral_theorem.mutant(
                "spectral_theorem_non_symmetric",
                statement="The induction decomposes a non-symmetric M = XSX⁻¹ as UΛUᵀ (2×2).",
                variables=(
                    Symmetric("S", 2, prescribed=True, families=("known_svd",)),
                    Matrix("B", 2, 2, families=("rational",)),
                ),
                relation=_non_symmetric,
            ),
        ),
    ),
)

ERRATA = (
    Erratum(
        name="000_induction_nonzero_eigenvalue",
        source="000 Mathematical Induction",
        printed="let λ₁ be a non-zero eigenvalue of M, and u₁ be the corresponding unit eigenvector",
        correction=(
            "let λ₁ be any eigenvalue of M (one exists and is real, by property 1): M = 0 has no non-zero "
            "eigenvalue, and the step never uses λ₁ ≠ 0"
        ),
        literal=NONZERO_EIGENVALUE,
        corrected=spectral_theorem_induction_step,
    ),
)
