"""Plausible but faulty float64 SVDs and symmetric eigensolvers, and the good ones they imitate.

Audit targets for ``tests/test_audit.py`` (and for ``svd-proofs oracle audit
tests/faulty_svds.py:NAME``): each faulty implementation is a mistake that real code makes,
and ``FAULTY_SVDS`` / ``FAULTY_EIGHS`` say which check of the audit must reject it, and on
which family.  The good ones follow numpy's conventions (reduced ``U``, ``s`` descending, ``Vt``;
``w`` ascending, eigenvectors in columns).
"""

from __future__ import annotations

import numpy as np

# --------------------------------------------------------------------------- good SVDs


def numpy_svd(A):
    """numpy's LAPACK ``gesdd``, reduced."""
    return np.linalg.svd(A, full_matrices=False)


def scipy_gesdd(A):
    import scipy.linalg

    return scipy.linalg.svd(A, full_matrices=False, lapack_driver="gesdd")


def scipy_gesvd(A):
    import scipy.linalg

    return scipy.linalg.svd(A, full_matrices=False, lapack_driver="gesvd")


def sign_flipped_pair(A):
    """Correct: negating a left vector together with its right vector is another SVD."""
    U, s, Vt = np.linalg.svd(A, full_matrices=False)
    U[:, 0], Vt[0, :] = -U[:, 0], -Vt[0, :]
    return U, s, Vt


# --------------------------------------------------------------------------- faulty SVDs


def via_gram_eigh(A):
    """``AᵀA = VΣ²Vᵀ``, then ``U = AVΣ⁻¹``: squares the condition number (small σ lose their
    digits, U its orthogonality) and divides by zero on rank-deficient input."""
    m, n = A.shape
    if m < n:
        V, s, Ut = via_gram_eigh(A.T)
        return Ut.T, s, V.T
    w, V = np.linalg.eigh(A.T @ A)
    w, V = w[::-1], V[:, ::-1]
    s = np.sqrt(np.clip(w, 0, None))
    with np.errstate(divide="ignore", invalid="ignore"):
        U = (A @ V) / s
    return U, s, V.T


def float32_inside(A):
    """Computes in single precision and returns doubles: every ratio is ~2^29 too large."""
    U, s, Vt = np.linalg.svd(A.astype(np.float32), full_matrices=False)
    return U.astype(np.float64), s.astype(np.float64), Vt.astype(np.float64)


def flipped_sign(A):
    """Negates the first left singular vector but not the right one: ``A ≠ UΣVᵀ``."""
    U, s, Vt = np.linalg.svd(A, full_matrices=False)
    U[:, 0] = -U[:, 0]
    return U, s, Vt


def ascending(A):
    """A consistent SVD listed in ascending order of the singular values."""
    U, s, Vt = np.linalg.svd(A, full_matrices=False)
    return U[:, ::-1], s[::-1], Vt[::-1, :]


def drops_small(A):
    """Truncates singular values below 1e-10·σ₁ to zero ("numerical rank" without being asked)."""
    U, s, Vt = np.linalg.svd(A, full_matrices=False)
    s = np.where(s < 1e-10 * s[0], 0.0, s) if s.size and s[0] > 0 else s
    return U, s, Vt


def independent_eigh(A):
    """U from ``eigh(AAᵀ)`` and V from ``eigh(AᵀA)`` separately: the signs (and, for repeated
    values, the bases) of the two sides do not match."""
    m, n = A.shape
    p = min(m, n)
    wu, U = np.linalg.eigh(A @ A.T)
    wv, V = np.linalg.eigh(A.T @ A)
    U, V = U[:, ::-1][:, :p], V[:, ::-1][:, :p]
    s = np.sqrt(np.clip(wv[::-1][:p] if n <= m else wu[::-1][:p], 0, None))
    return U, s, V.T


def raises_on_vectors(A):
    """Refuses a single row or column."""
    if min(A.shape) == 1:
        raise ValueError("expected a matrix with at least two rows and two columns")
    return np.linalg.svd(A, full_matrices=False)


def diagonal_matrix_s(A):
    """Returns Σ as a p×p matrix instead of the vector of singular values."""
    U, s, Vt = np.linalg.svd(A, full_matrices=False)
    return U, np.diag(s), Vt


def right_from_left(A):
    """Computes ``Vᵀ = Σ⁻¹UᵀA`` from the left side: 0/0 (NaN) for a zero singular value."""
    U, s, _ = np.linalg.svd(A, full_matrices=False)
    with np.errstate(divide="ignore", invalid="ignore"):
        return U, s, (U.T @ A) / s[:, None]


def returns_v(A):
    """Returns V where Vᵀ is expected."""
    U, s, Vt = np.linalg.svd(A, full_matrices=False)
    return U, s, Vt.T if Vt.shape[0] == Vt.shape[1] else Vt


# --------------------------------------------------------------------------- good eigensolvers


def numpy_eigh(S):
    return np.linalg.eigh(S)


def scipy_eigh(S):
    import scipy.linalg

    return scipy.linalg.eigh(S)


def sign_flipped_eigenvector(S):
    """Correct: an eigenvector's sign is free."""
    w, Q = np.linalg.eigh(S)
    Q[:, 0] = -Q[:, 0]
    return w, Q


# --------------------------------------------------------------------------- faulty eigensolvers


def eigh_float32_inside(S):
    w, Q = np.linalg.eigh(S.astype(np.float32))
    return w.astype(np.float64), Q.astype(np.float64)


def eigh_descending(S):
    """Eigenvalues in descending order (numpy's ``eigh`` is ascending)."""
    w, Q = np.linalg.eigh(S)
    return w[::-1], Q[:, ::-1]


def eigh_via_svd(S):
    """Takes the singular values for eigenvalues: wrong signs for indefinite matrices."""
    U, s, _ = np.linalg.svd(S)
    return s[::-1], U[:, ::-1]


def eigh_general_solver(S):
    """``numpy.linalg.eig`` (for general matrices): its eigenvectors of a repeated eigenvalue
    need not be orthogonal."""
    w, Q = np.linalg.eig(S)
    order = np.argsort(w.real)
    Q = Q[:, order].real
    return w.real[order], Q / np.linalg.norm(Q, axis=0)


def eigh_loose_jacobi(S):
    """Cyclic Jacobi stopped when the off-diagonal is below 1e-8 of the norm."""
    A = np.array(S, dtype=np.float64)
    n = A.shape[0]
    Q = np.eye(n)
    norm = np.linalg.norm(A)
    for _ in range(50):
        off = np.sqrt(max(np.sum(A**2) - np.sum(np.diag(A) ** 2), 0.0))
        if off <= 1e-8 * norm:
            break
        for p in range(n - 1):
            for q in range(p + 1, n):
                if A[p, q] == 0:
                    continue
                theta = (A[q, q] - A[p, p]) / (2 * A[p, q])
                t = np.sign(theta) / (abs(theta) + np.sqrt(theta**2 + 1)) if theta else 1.0
                c = 1 / np.sqrt(t**2 + 1)
                J = np.eye(n)
                J[p, p] = J[q, q] = c
                J[p, q], J[q, p] = t * c, -t * c
                A = J.T @ A @ J
                Q = Q @ J
    w = np.diag(A)
    order = np.argsort(w)
    return w[order], Q[:, order]


def eigh_drops_small(S):
    """Sets eigenvalues below 1e-10·‖S‖ in magnitude to zero."""
    w, Q = np.linalg.eigh(S)
    top = np.max(np.abs(w)) if w.size else 0.0
    return np.where(np.abs(w) < 1e-10 * top, 0.0, w), Q


# --------------------------------------------------------------------------- the expectations

# name: (the check that must fail, a family where it fails)
FAULTY_SVDS = {
    "via_gram_eigh": ("orthogonality", "hilbert"),
    "float32_inside": ("residual", "gaussian"),
    "flipped_sign": ("residual", "gaussian"),
    "ascending": ("order", "gaussian"),
    "drops_small": ("values", "graded"),
    "independent_eigh": ("residual", "gaussian"),
    "raises_on_vectors": ("raised", "1×n"),
    "diagonal_matrix_s": ("shapes", "gaussian"),
    "right_from_left": ("finite", "zero"),
    "returns_v": ("residual", "gaussian"),
}
GOOD_SVDS = ("numpy_svd", "scipy_gesdd", "scipy_gesvd", "sign_flipped_pair")

FAULTY_EIGHS = {
    "eigh_float32_inside": ("residual", "gaussian"),
    "eigh_descending": ("order", "gaussian"),
    "eigh_via_svd": ("values", "gaussian"),
    "eigh_general_solver": ("orthogonality", "repeated"),
    "eigh_loose_jacobi": ("residual", "gaussian"),
    "eigh_drops_small": ("values", "graded"),
}
GOOD_EIGHS = ("numpy_eigh", "scipy_eigh", "sign_flipped_eigenvector")
