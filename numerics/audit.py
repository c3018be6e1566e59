"""Audit a float64 SVD or symmetric eigensolver against the certified oracle.

``audit(fn)`` runs ``fn(A) -> (U, s, Vt)`` (numpy's convention: ``s`` descending, ``U`` m×p and
``Vt`` p×n, or the full m×m and n×n) over adversarial families of float64 matrices and compares
it with ``numerics.oracle.svd`` using LAPACK's test ratios; ``audit_eigh(fn)`` does the same for
``fn(S) -> (w, Q)`` (numpy's ``eigh``: ``w`` ascending, eigenvectors in the columns of ``Q``).
An implementation that raises, returns the wrong shapes or non-finite values is rejected with
that reason; the audit itself never fails on what ``fn`` does.

Test ratios
-----------
With ``eps = 2^-52`` (LAPACK's ``ulp``, ``numpy.finfo(float).eps``), ``p = min(m, n)``, ``‖·‖₁``
the largest column sum, and everything evaluated in ball arithmetic at 160 bits from the exact
float64 values (so that the ratios measure ``fn``, not the evaluation):

=================  ========================================================  ==================
ratio              SVD                                                       eigh
=================  ========================================================  ==================
``residual``       ``‖A − U·diag(s)·Vt‖₁ / (‖A‖₁·max(m, n)·eps)``             ``‖S − QΛQᵀ‖₁/(‖S‖₁·n·eps)``
``orthogonality``  ``max(‖UᵀU − I‖₁, ‖Vt·Vtᵀ − I‖₁) / (p·eps)``               ``‖QᵀQ − I‖₁/(n·eps)``
``values``         ``max_i |σ_i − s_i| / (σ₁·p·eps)``, σ from the oracle      same, ``‖S‖ = max|λ|``
``vectors``        ``max_i sin∠(u_i, û_i)·gap_i / (σ₁·max(m, n)·eps)`` (and v) same
``order``          0, or ∞ if ``s`` is not non-negative and descending       ∞ if not ascending
=================  ========================================================  ==================

The first three are LAPACK's (``xDRVBD`` tests 1–3 and ``xDRVST``); ``values`` is LAPACK's
``xSVDCT`` comparison against a trusted answer — here a certified one (the oracle's radius, about
``10^-28·σ₁`` at its default 30 digits, is negligible against ``eps``); ``vectors`` compares each
vector whose singular value the oracle separates from the others (by ``gap_i``) with the
oracle's: a backward-stable method perturbs ``A`` by ``E`` with ``‖E‖ = O(max(m, n)·eps·‖A‖)``,
and Wedin's theorem then bounds ``sin∠ <= ‖E‖/gap``, so the ratio is O(1).  Denominators use
``max(‖A‖, tiny)`` like LAPACK, so that the zero matrix is judged too.

Thresholds
----------
A backward-stable implementation has every ratio O(1) — numpy's and scipy's LAPACK drivers stay
below 5 on every family here — and LAPACK's own test suite fails a ratio above its threshold:
35 in ``TESTING/svd.in`` for the SVD drivers, 60 in ``TESTING/sep.in`` for the symmetric
eigensolvers (whose comment puts the theoretical limit near 500 and the worst seen near 170 —
over LAPACK's much larger test sets).  ``THRESHOLDS`` uses the same numbers.  Anything
non-backward-stable (float32 inside, the eigenvalues of ``AᵀA``, a dropped small value, a sign
out of step) gives ratios of 10^6 and more on some family, so the verdict does not hinge on the
exact threshold.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable
from dataclasses import dataclass, field

import flint
import mpmath
import numpy as np

from numerics import oracle

__all__ = [
    "EIGH_FAMILIES",
    "EPS",
    "RATIOS",
    "SVD_FAMILIES",
    "THRESHOLDS",
    "AuditReport",
    "CaseResult",
    "audit",
    "audit_eigh",
    "eigh_cases",
    "svd_cases",
]

EPS = float(np.finfo(np.float64).eps)
THRESHOLDS = {"svd": 35.0, "eigh": 60.0}
RATIOS = ("order", "residual", "orthogonality", "values", "vectors")  # a failure names the first
ORACLE_DPS = 30
_BALL_PREC = 160
_TINY = float(np.finfo(np.float64).tiny)


# --------------------------------------------------------------------------- the families


def _orthogonal(rng: np.random.Generator, n: int) -> np.ndarray:
    Q, R = np.linalg.qr(rng.standard_normal((n, n)))
    return Q * np.sign(np.diagonal(R))


def _with_singular_values(rng, m: int, n: int, values) -> np.ndarray:
    p = min(m, n)
    S = np.zeros((m, n))
    S[range(p), range(p)] = values
    return _orthogonal(rng, m) @ S @ _orthogonal(rng, n).T


def _kahan(n: int, theta: float = 1.2) -> np.ndarray:
    """Kahan's matrix: upper triangular ``diag(1, s, s², …)·(I − c·strict upper ones)``, ``c = cos θ``."""
    c, s = math.cos(theta), math.sin(theta)
    K = np.triu(-c * np.ones((n, n)), 1) + np.eye(n)
    return np.diag(s ** np.arange(n)) @ K


def _hilbert(n: int) -> np.ndarray:
    return 1.0 / (np.arange(n)[:, None] + np.arange(n)[None, :] + 1.0)


def _wilkinson(n: int = 21) -> np.ndarray:
    """``W⁺``: tridiagonal, diagonal ``|10 − i|``, ones beside it; pairs of eigenvalues agree to ~10^-14."""
    half = (n - 1) / 2
    return np.diag(np.abs(np.arange(n) - half)) + np.diag(np.ones(n - 1), 1) + np.diag(np.ones(n - 1), -1)


def svd_cases(seed: int = 0) -> list[tuple[str, np.ndarray]]:
    """The audit's matrices, ``(family, A)``: the same for a given seed."""
    rng = np.random.default_rng(seed)
    g = rng.standard_normal
    cases = [
        ("gaussian", g((2, 2))),
        ("gaussian", g((5, 5))),
        ("gaussian", g((12, 12))),
        ("tall", g((12, 5))),
        ("wide", g((5, 12))),
        ("1×n", g((1, 7))),
        ("n×1", g((7, 1))),
        ("1×1", g((1, 1))),
        ("rank_deficient", g((8, 3)) @ g((3, 6))),
        ("rank_deficient", np.outer(g(6), g(6))),
        ("zero", np.zeros((4, 3))),
        ("repeated", _with_singular_values(rng, 6, 5, [2.0, 2.0, 2.0, 1.0, 1.0])),
        ("clustered", _with_singular_values(rng, 6, 6, 1 + 1e-12 * np.arange(6)[::-1])),
        ("graded", _with_singular_values(rng, 8, 8, 10.0 ** -np.linspace(0, 15, 8))),
        ("graded", np.diag(10.0 ** -np.linspace(0, 15, 6)) @ g((6, 6))),
        ("kahan", _kahan(10)),
        ("hilbert", _hilbert(8)),
        ("vandermonde", np.vander(np.linspace(-1, 1, 9), 9, increasing=True)),
        ("scaled_up", 1e150 * g((6, 4))),
        ("scaled_down", 1e-150 * g((4, 6))),
    ]
    return cases


def eigh_cases(seed: int = 0) -> list[tuple[str, np.ndarray]]:
    """The symmetric matrices of the eigh audit, ``(family, S)``."""
    rng = np.random.default_rng(seed)

    def symmetric(n):
        X = rng.standard_normal((n, n))
        return X + X.T

    def with_eigenvalues(values):
        Q = _orthogonal(rng, len(values))
        S = Q @ np.diag(values) @ Q.T
        return (S + S.T) / 2

    G = rng.standard_normal((6, 2))
    return [
        ("gaussian", symmetric(2)),
        ("gaussian", symmetric(5)),
        ("gaussian", symmetric(12)),
        ("1×1", symmetric(1)),
        ("rank_deficient", G @ G.T),
        ("zero", np.zeros((4, 4))),
        ("repeated", with_eigenvalues([3.0, 3.0, 3.0, -1.0, -1.0])),
        ("clustered", with_eigenvalues(1 + 1e-12 * np.arange(6))),
        ("graded", with_eigenvalues(np.array([1, -1, 1, -1, 1, -1, 1, -1]) * 10.0 ** -np.linspace(0, 15, 8))),
        ("hilbert", _hilbert(8)),
        ("wilkinson", _wilkinson(21)),
        ("scaled_up", 1e150 * symmetric(5)),
        ("scaled_down", 1e-150 * symmetric(5)),
    ]


SVD_FAMILIES = tuple(dict.fromkeys(family for family, _ in svd_cases()))
EIGH_FAMILIES = tuple(dict.fromkeys(family for family, _ in eigh_cases()))


# --------------------------------------------------------------------------- results


@dataclass(frozen=True)
class CaseResult:
    """One matrix of the audit: its family and shape, the ratios, the checks it failed (ratio
    names, or ``raised``, ``shapes``, ``finite`` when there are no ratios) and why."""

    family: str
    shape: tuple[int, int]
    ratios: dict[str, float] = field(default_factory=dict)
    failed: tuple[str, ...] = ()
    failure: str | None = None

    def to_json(self) -> dict:
        return {
            "family": self.family,
            "shape": list(self.shape),
            "ratios": {k: (None if math.isinf(v) else v) for k, v in self.ratios.items()},
            "failed": list(self.failed),
            "failure": self.failure,
        }


@dataclass(frozen=True)
class AuditReport:
    """The audit of one implementation: every case, the threshold and the verdict."""

    target: str
    kind: str
    threshold: float
    cases: tuple[CaseResult, ...]

    @property
    def accepted(self) -> bool:
        return all(case.failure is None for case in self.cases)

    @property
    def failures(self) -> list[tuple[str, str]]:
        """``(family, reason)`` for each failed case."""
        return [(case.family, case.failure) for case in self.cases if case.failure is not None]

    def failed_checks(self, family: str | None = None) -> set[str]:
        """The checks that failed (on ``family``, or anywhere)."""
        return {check for case in self.cases if family in (None, case.family) for check in case.failed}

    def table(self) -> str:
        """Families × ratios (the worst of each family), then the verdict."""
        header = ["family", "cases", *RATIOS, "result"]
        rows = []
        for family in dict.fromkeys(case.family for case in self.cases):
            cases = [case for case in self.cases if case.family == family]
            worst = {name: max((c.ratios.get(name, 0.0) for c in cases), default=0.0) for name in RATIOS}
            failed = [c.failure for c in cases if c.failure is not None]
            rows.append(
                [family, str(len(cases)), *(_ratio_text(worst[name], cases, name) for name in RATIOS)]
                + ["REJECTED: " + failed[0] if failed else "ok"]
            )
        widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header) - 1)]
        lines = [
            "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=False)) + "  " + row[-1]
            for row in [header, *rows]
        ]
        if self.accepted:
            summary = f"every ratio <= {self.threshold:g} on {len(self.cases)} matrices"
        else:
            failed = "; ".join(f"{family}: {reason}" for family, reason in self.failures[:3])
            count = f"{len(self.failures)} of {len(self.cases)} matrices"
            summary = f"{count} failed (threshold {self.threshold:g}): {failed}"
        verdict = "ACCEPTED" if self.accepted else "REJECTED"
        summary = f"{verdict}: {self.target} ({self.kind}); {summary}"
        return "\n".join([*lines, "", summary])

    def to_json(self) -> dict:
        return {
            "target": self.target,
            "kind": self.kind,
            "threshold": self.threshold,
            "accepted": self.accepted,
            "eps": EPS,
            "oracle_dps": ORACLE_DPS,
            "cases": [case.to_json() for case in self.cases],
        }


def _ratio_text(value: float, cases, name: str) -> str:
    if not any(name in c.ratios for c in cases):
        return "-"
    return "inf" if math.isinf(value) else f"{value:.3g}"


# --------------------------------------------------------------------------- the audits


def audit(fn: Callable, *, target: str | None = None, seed: int = 0) -> AuditReport:
    """Run ``fn(A) -> (U, s, Vt)`` over ``svd_cases(seed)`` and judge it (threshold 35)."""
    cases = tuple(_audit_case(fn, family, A, _svd_case) for family, A in svd_cases(seed))
    return AuditReport(_name(fn, target), "svd", THRESHOLDS["svd"], cases)


def audit_eigh(fn: Callable, *, target: str | None = None, seed: int = 0) -> AuditReport:
    """Run ``fn(S) -> (w, Q)`` (numpy's ``eigh`` convention) over ``eigh_cases(seed)`` (threshold 60)."""
    cases = tuple(_audit_case(fn, family, S, _eigh_case) for family, S in eigh_cases(seed))
    return AuditReport(_name(fn, target), "eigh", THRESHOLDS["eigh"], cases)


def _name(fn, target: str | None) -> str:
    if target is not None:
        return target
    return f"{getattr(fn, '__module__', '?')}:{getattr(fn, '__qualname__', repr(fn))}"


class _Rejected(Exception):
    """What ``fn`` returned cannot be judged by ratios: ``check`` failed, the message says how."""

    def __init__(self, message: str):
        super().__init__(message)
        self.check = message.split(":")[0]


def _audit_case(fn, family: str, A: np.ndarray, judge) -> CaseResult:
    shape = A.shape
    try:
        returned = fn(A.copy())
    except Exception as exc:  # whatever fn does, the audit goes on
        return CaseResult(
            family, shape, failed=("raised",), failure=f"raised {type(exc).__name__}: {_short(exc)}"
        )
    try:
        ratios = judge(A, returned, family)
    except _Rejected as rejected:
        return CaseResult(family, shape, failed=(rejected.check,), failure=str(rejected))
    threshold = THRESHOLDS["svd" if judge is _svd_case else "eigh"]
    over = [name for name in RATIOS if not ratios[name] <= threshold]
    failure = ", ".join(f"{name} ratio {_number(ratios[name])}" for name in over) + f" > {threshold:g}"
    return CaseResult(family, shape, ratios, tuple(over), failure if over else None)


def _short(exc: Exception) -> str:
    text = " ".join(str(exc).split())
    return text if len(text) <= 100 else text[:97] + "..."


def _number(x: float) -> str:
    return "inf" if math.isinf(x) else f"{x:.3g}"


def _float_array(x, name: str) -> np.ndarray:
    try:
        array = np.asarray(x)
    except Exception as exc:
        raise _Rejected(f"shapes: {name} is not an array ({type(exc).__name__})") from None
    if array.dtype.kind not in "fiu":
        raise _Rejected(f"shapes: {name} has dtype {array.dtype}, expected real floats")
    return array.astype(np.float64)


def _unpack(returned, names: tuple[str, ...]):
    if not isinstance(returned, tuple | list) or len(returned) != len(names):
        raise _Rejected(f"shapes: returned {type(returned).__name__}, expected a tuple ({', '.join(names)})")
    return [_float_array(x, name) for x, name in zip(returned, names, strict=True)]


def _check_finite(**arrays) -> None:
    for name, array in arrays.items():
        if not np.isfinite(array).all():
            raise _Rejected(f"finite: {name} has non-finite entries")


# --------------------------------------------------------------------------- SVD ratios


@functools.lru_cache(maxsize=128)
def _oracle_svd(key: bytes, shape: tuple[int, int]) -> oracle.SVDResult:
    return oracle.svd(np.frombuffer(key).reshape(shape), dps=ORACLE_DPS)


@functools.lru_cache(maxsize=128)
def _oracle_eigh(key: bytes, shape: tuple[int, int]) -> oracle.EighResult:
    return oracle.eigh(np.frombuffer(key).reshape(shape), dps=ORACLE_DPS)


def _svd_case(A: np.ndarray, returned, family: str) -> dict[str, float]:
    m, n = A.shape
    p = min(m, n)
    U, s, Vt = _unpack(returned, ("U", "s", "Vt"))
    if U.shape not in ((m, p), (m, m)) or s.shape != (p,) or Vt.shape not in ((p, n), (n, n)):
        raise _Rejected(
            f"shapes: U {U.shape}, s {s.shape}, Vt {Vt.shape}; expected U (m, p) or (m, m), s (p,), "
            f"Vt (p, n) or (n, n) with m, n, p = {m}, {n}, {p}"
        )
    U, Vt = U[:, :p], Vt[:p, :]
    _check_finite(U=U, s=s, Vt=Vt)
    reference = _oracle_svd(np.ascontiguousarray(A, dtype=np.float64).tobytes(), A.shape)
    sigma = [float(x) for x in reference.s]
    norm = max(sigma[0], _TINY)
    with flint.ctx.workprec(_BALL_PREC):
        Ab, Ub, Vb = _balls(A), _balls(U), _balls(Vt)
        reconstruction = Ub * _diagonal(s) * Vb
        residual = _norm1(Ab - reconstruction) / (max(_norm1(Ab), _TINY) * max(m, n) * EPS)
        orthogonality = max(
            _norm1(Ub.transpose() * Ub - _identity(p)), _norm1(Vb * Vb.transpose() - _identity(p))
        )
    ratios = {
        "residual": residual,
        "orthogonality": orthogonality / (p * EPS),
        "values": float(max(abs(a - b) for a, b in zip(sigma, s, strict=True))) / (norm * p * EPS),
        "vectors": _vector_ratio(reference, U, Vt.T, norm, max(m, n), zero_gap=m != n),
        "order": 0.0 if bool(np.all(s >= 0)) and bool(np.all(np.diff(s) <= 0)) else math.inf,
    }
    return ratios


def _vector_ratio(reference, U, V, norm: float, size: int, *, zero_gap: bool) -> float:
    """``max_i sin∠(x_i, x̂_i)·gap_i / (‖A‖·size·eps)`` over the vectors the oracle separates."""
    values = [float(x) for x in (reference.s if hasattr(reference, "s") else reference.w)]
    pairs = [(reference.U, U), (reference.Vt.T, V)] if hasattr(reference, "U") else [(reference.Q, U)]
    worst = 0.0
    for group in reference.groups:
        if len(group) != 1:
            continue
        i = group[0]
        others = [abs(values[i] - v) for j, v in enumerate(values) if j != i]
        if zero_gap:
            others.append(abs(values[i]))
        gap = min(others, default=norm)
        if gap <= 0:
            continue
        for exact, computed in pairs:
            worst = max(worst, _sin_angle(exact, computed[:, i], i) * gap / (norm * size * EPS))
    return worst


def _sin_angle(exact: mpmath.matrix, computed: np.ndarray, column: int) -> float:
    """``sin∠`` between the oracle's column and a float vector: ``‖x̂ − (xᵀx̂)x‖/‖x̂‖`` (x normalised)."""
    with mpmath.workdps(ORACLE_DPS + 10):
        x = [exact[r, column] for r in range(exact.rows)]
        length = mpmath.sqrt(mpmath.fsum(t * t for t in x))
        x = [t / length for t in x]
        y = [mpmath.mpf(float(t)) for t in computed]
        norm_y = mpmath.sqrt(mpmath.fsum(t * t for t in y))
        if norm_y == 0:
            return 1.0
        dot = mpmath.fsum(a * b for a, b in zip(x, y, strict=True))
        return float(mpmath.sqrt(mpmath.fsum((b - dot * a) ** 2 for a, b in zip(x, y, strict=True))) / norm_y)


# --------------------------------------------------------------------------- eigh ratios


def _eigh_case(S: np.ndarray, returned, family: str) -> dict[str, float]:
    n = S.shape[0]
    w, Q = _unpack(returned, ("w", "Q"))
    if w.shape != (n,) or Q.shape != (n, n):
        raise _Rejected(f"shapes: w {w.shape}, Q {Q.shape}; expected ({n},), ({n}, {n})")
    _check_finite(w=w, Q=Q)
    reference = _oracle_eigh(np.ascontiguousarray(S, dtype=np.float64).tobytes(), S.shape)
    exact = [float(x) for x in reversed(reference.w)]  # ascending, like numpy
    norm = max(max(abs(x) for x in exact), _TINY)
    with flint.ctx.workprec(_BALL_PREC):
        Sb, Qb = _balls(S), _balls(Q)
        residual = _norm1(Sb - Qb * _diagonal(w) * Qb.transpose()) / (max(_norm1(Sb), _TINY) * n * EPS)
        orthogonality = _norm1(Qb.transpose() * Qb - _identity(n)) / (n * EPS)
    descending = Q[:, ::-1]
    return {
        "residual": residual,
        "orthogonality": orthogonality,
        "values": float(max(abs(a - b) for a, b in zip(exact, w, strict=True))) / (norm * n * EPS),
        "vectors": _vector_ratio(reference, descending, None, norm, n, zero_gap=False),
        "order": 0.0 if bool(np.all(np.diff(w) >= 0)) else math.inf,
    }


# --------------------------------------------------------------------------- ball arithmetic


def _balls(X: np.ndarray) -> flint.arb_mat:
    """A float64 array as an ``arb_mat``, exactly."""
    X = np.atleast_2d(X)
    return flint.arb_mat([[flint.arb(float(x)) for x in row] for row in X])


def _diagonal(values: np.ndarray) -> flint.arb_mat:
    n = len(values)
    return flint.arb_mat([[flint.arb(float(values[i])) if i == j else 0 for j in range(n)] for i in range(n)])


def _identity(n: int) -> flint.arb_mat:
    return flint.arb_mat([[1 if i == j else 0 for j in range(n)] for i in range(n)])


def _norm1(M: flint.arb_mat) -> float:
    """The largest column sum of ``|M|`` (midpoints: 160-bit balls are far below what is measured)."""
    rows, cols = M.nrows(), M.ncols()
    return max(sum(abs(float(M[i, j].mid())) for i in range(rows)) for j in range(cols))
