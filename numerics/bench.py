"""The oracle against mpmath: speed, correct digits, the cost of the certificate, the paths taken.

``run(quick=False, repeat=5)`` is ``svd-proofs oracle bench``.  For each size ``n`` in ``SIZES``
and precision ``dps`` in ``DIGITS`` it draws a Gaussian n×n ``A`` (float64, seeded) and
``S = A + Aᵀ`` and measures, in one process and interleaved:

* ``mpmath.svd_r`` / ``mpmath.eigsy`` at ``workdps(dps)`` (EISPACK translations in pure Python);
* ``oracle.svd`` / ``oracle.eigh`` — refinement *and* certificate — and, separately, the
  certificate alone (rounding plus the exact residuals and ball-arithmetic bounds);
* correct digits of both against ``oracle.svd`` at ``dps + 30``, whose own certified radius
  (about 10^-(dps+28)) makes it a proven reference: ``σ`` digits ``= −log10 max_i |σ_i −
  σ_i^ref|/σ₁`` and vector digits ``= −log10 max_i sin∠(v_i, v_i^ref)`` (left and right).

Times are CPU seconds (``time.process_time``: a busy machine inflates them less than wall time),
the median of ``repeat`` interleaved runs (mpmath runs once for n >= 40 — about 13 s at n = 80 —
except at the headline n = 40, dps = 50);
``ratio`` is mpmath's median over the oracle's.  Then ``special_cases``: exact matrices with a
known SVD on which float64 cannot seed (clusters below 10^-16, grading to 10^-44, zero, rank
deficiency, vectors, huge and tiny scales, the forced mpmath fallback) — the path each took, its
time against ``mpmath.svd_r``, and whether the certified radius encloses the exact singular values.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from fractions import Fraction

import mpmath
import numpy as np

from numerics import _refine, oracle
from numerics.exact import matrix_with_svd, rational_orthogonal
from numerics.precision import workdps

__all__ = ["DIGITS", "QUICK", "SIZES", "BenchReport", "run", "special_cases"]

SIZES = (10, 20, 40, 80)
DIGITS = (30, 50, 100)
QUICK = {"sizes": (10, 20), "digits": (30,)}
HEADLINE = (40, 50)  # the target: >= 30x at n = 40, dps = 50
REFERENCE_EXTRA_DPS = 30
_SLOW_MPMATH = 40  # from this size on mpmath runs once, but for the headline


@dataclass
class Row:
    kind: str
    n: int
    dps: int
    mpmath_seconds: float
    oracle_seconds: float
    certificate_seconds: float
    mpmath_digits: tuple[float, float]
    oracle_digits: tuple[float, float]
    path: str
    iterations: int

    @property
    def ratio(self) -> float:
        return self.mpmath_seconds / self.oracle_seconds


@dataclass
class Special:
    name: str
    shape: tuple[int, int]
    path: str
    iterations: int
    oracle_seconds: float
    mpmath_seconds: float
    radius: float
    error: float
    mpmath_error: float

    @property
    def enclosed(self) -> bool:
        return self.error <= self.radius


@dataclass
class BenchReport:
    rows: list[Row] = field(default_factory=list)
    specials: list[Special] = field(default_factory=list)
    repeat: int = 1

    def text(self) -> str:
        lines = [
            f"CPU seconds, median of {self.repeat} interleaved runs (mpmath once for n >= {_SLOW_MPMATH} "
            f"but n, dps = {HEADLINE[0]}, {HEADLINE[1]}); "
            f"ratio = mpmath / oracle; digits against the oracle at dps+{REFERENCE_EXTRA_DPS}",
        ]
        for kind, baseline in (("svd", "mpmath.svd_r"), ("eigh", "mpmath.eigsy")):
            lines += ["", f"{kind}: oracle.{kind} (refinement + certificate) vs {baseline}"]
            header = (
                "n",
                "dps",
                baseline,
                f"oracle.{kind}",
                "ratio",
                "certificate",
                "digits values mp/oracle",
                "digits vectors mp/oracle",
                "path (iterations)",
            )
            table = [header] + [
                (
                    str(r.n),
                    str(r.dps),
                    f"{r.mpmath_seconds:.3f}",
                    f"{r.oracle_seconds:.4f}",
                    f"{r.ratio:.1f}x",
                    f"{r.certificate_seconds:.4f} ({100 * r.certificate_seconds / r.oracle_seconds:.0f}%)",
                    f"{r.mpmath_digits[0]:.1f} / {r.oracle_digits[0]:.1f}",
                    f"{r.mpmath_digits[1]:.1f} / {r.oracle_digits[1]:.1f}",
                    f"{r.path} ({r.iterations})",
                )
                for r in self.rows
                if r.kind == kind
            ]
            lines += _columns(table)
        if self.specials:
            lines += ["", "special cases (svd, exact data with known singular values; dps 50):"]
            header = (
                "case",
                "shape",
                "path (iterations)",
                "oracle s",
                "mpmath.svd_r s",
                "radius",
                "max |s - exact|",
                "enclosed",
                "mpmath error",
            )
            table = [header] + [
                (
                    s.name,
                    f"{s.shape[0]}x{s.shape[1]}",
                    f"{s.path} ({s.iterations})",
                    f"{s.oracle_seconds:.4f}",
                    f"{s.mpmath_seconds:.3f}",
                    f"{s.radius:.1e}",
                    f"{s.error:.1e}",
                    "yes" if s.enclosed else "NO",
                    f"{s.mpmath_error:.1e}",
                )
                for s in self.specials
            ]
            lines += _columns(table)
        headline = [r for r in self.rows if (r.n, r.dps) == HEADLINE]
        if headline:
            lines.append("")
            for r in headline:
                lines.append(
                    f"headline {r.kind} n={r.n} dps={r.dps}: {r.ratio:.1f}x faster than mpmath, digits "
                    f"{min(r.oracle_digits):.1f} (mpmath {min(r.mpmath_digits):.1f}); "
                    f"certificate {100 * r.certificate_seconds / r.oracle_seconds:.0f}% of the time"
                )
        return "\n".join(lines)

    def to_json(self) -> dict:
        rows = [{**vars(r), "ratio": r.ratio} for r in self.rows]
        specials = [{**vars(s), "enclosed": s.enclosed} for s in self.specials]
        return {"repeat": self.repeat, "rows": rows, "special_cases": specials}


def _columns(table) -> list[str]:
    widths = [max(len(row[i]) for row in table) for i in range(len(table[0]))]
    return [
        "  ".join(
            cell.rjust(width) if i < 2 else cell.ljust(width)
            for i, (cell, width) in enumerate(zip(row, widths, strict=True))
        ).rstrip()
        for row in table
    ]


# --------------------------------------------------------------------------- the grid


def run(
    *, quick: bool = False, repeat: int = 5, progress: Callable[[str], None] | None = None
) -> BenchReport:
    """The benchmark; ``quick`` is a CI-sized smoke run (n = 10, 20; dps = 30; small special cases)."""
    sizes, digits = (QUICK["sizes"], QUICK["digits"]) if quick else (SIZES, DIGITS)
    report = BenchReport(repeat=repeat)
    rng = np.random.default_rng(2024)
    for n in sizes:
        A = rng.standard_normal((n, n))
        S = A + A.T
        for dps in digits:
            for kind, data in (("svd", A), ("eigh", S)):
                report.rows.append(_measure(kind, data, dps, repeat))
                if progress:
                    r = report.rows[-1]
                    progress(f"{kind} n={n} dps={dps}: {r.ratio:.1f}x")
    report.specials = [_special(name, build, 50) for name, build in special_cases(6 if quick else 12)]
    return report


def _cpu(function: Callable) -> tuple[float, object]:
    start = time.process_time()
    result = function()
    return time.process_time() - start, result


def _measure(kind: str, data: np.ndarray, dps: int, repeat: int) -> Row:
    n = data.shape[0]
    with workdps(dps):
        matrix = mpmath.matrix(data.tolist())
    if kind == "svd":
        baseline = lambda: _mp_svd(matrix, dps)  # noqa: E731
        computed = lambda: oracle.svd(data, dps=dps)  # noqa: E731
    else:
        baseline = lambda: _mp_eigh(matrix, dps)  # noqa: E731
        computed = lambda: oracle.eigh(data, dps=dps)  # noqa: E731
    mp_times, oracle_times = [], []
    runs = max(repeat, 1)
    mp_runs = runs if n < _SLOW_MPMATH or (n, dps) == HEADLINE else 1
    for r in range(runs):
        if r < mp_runs:
            seconds, mp_result = _cpu(baseline)
            mp_times.append(seconds)
        seconds, result = _cpu(computed)
        oracle_times.append(seconds)
    certificate = statistics.median(_certificate_seconds(kind, data, dps) for _ in range(runs))
    reference = (oracle.svd if kind == "svd" else oracle.eigh)(data, dps=dps + REFERENCE_EXTRA_DPS)
    return Row(
        kind,
        n,
        dps,
        statistics.median(mp_times),
        statistics.median(oracle_times),
        certificate,
        _digits(mp_result, reference, dps),
        _digits(_factors(result), reference, dps),
        result.path,
        result.iterations,
    )


def _mp_svd(matrix, dps: int):
    with workdps(dps):
        U, s, Vt = mpmath.svd_r(matrix)
        return U, [s[i] for i in range(len(s))], Vt.T


def _mp_eigh(matrix, dps: int):
    with workdps(dps):
        w, Q = mpmath.eigsy(matrix)
        return Q, [w[i] for i in range(len(w))], None


def _factors(result):
    """``(left vectors, values, right vectors or None)`` of an oracle result."""
    if isinstance(result, oracle.SVDResult):
        return result.U, list(result.s), result.Vt.T
    return result.Q, list(result.w), None


def _certificate_seconds(kind: str, data: np.ndarray, dps: int) -> float:
    """CPU time of rounding and certifying a refined decomposition (what ``oracle`` adds to the
    refinement to make its bounds rigorous)."""
    prec = mpmath.libmp.dps_to_prec(dps)
    bits = prec + oracle.GUARD_BITS
    exact = oracle._integer_matrix(data, "A")
    if kind == "svd":
        refined = _refine.refine_svd(exact, bits=bits, goal=prec)

        def certify():
            U, s, V, AV = oracle._round_svd(exact, refined, prec)
            return oracle._certify_svd(exact, U, s, V, AV, prec, refined.k)
    else:
        refined = _refine.refine_eigh(exact, bits=bits, goal=prec)

        def certify():
            X, w, SX = oracle._round_eigh(exact, refined, prec)
            return oracle._certify_eigh(exact, X, w, SX, prec, refined.k)

    return _cpu(certify)[0]


def _digits(factors, reference, dps: int) -> tuple[float, float]:
    """Correct digits of values (relative to the largest) and of vectors, against ``reference``."""
    left, values, right = factors
    ref_left, ref_values, ref_right = _factors(reference)
    with workdps(dps + REFERENCE_EXTRA_DPS):
        order = sorted(range(len(values)), key=lambda i: -values[i])
        scale = max(abs(v) for v in ref_values) or mpmath.mpf(1)
        value_error = max(abs(values[i] - ref_values[j]) for j, i in enumerate(order)) / scale
        vector_error = mpmath.mpf(0)
        for j, i in enumerate(order):
            pairs = [(left, ref_left)] + ([(right, ref_right)] if right is not None else [])
            for mine, theirs in pairs:
                vector_error = max(vector_error, _sin_angle(mine, i, theirs, j))
    return _to_digits(value_error, dps), _to_digits(vector_error, dps)


def _sin_angle(X: mpmath.matrix, i: int, Y: mpmath.matrix, j: int) -> mpmath.mpf:
    x = [X[r, i] for r in range(X.rows)]
    y = [Y[r, j] for r in range(Y.rows)]
    y_norm = mpmath.sqrt(mpmath.fsum(t * t for t in y))
    y = [t / y_norm for t in y]
    dot = mpmath.fsum(a * b for a, b in zip(x, y, strict=True))
    x_norm = mpmath.sqrt(mpmath.fsum(t * t for t in x))
    return mpmath.sqrt(mpmath.fsum((a - dot * b) ** 2 for a, b in zip(x, y, strict=True))) / x_norm


def _to_digits(error, dps: int) -> float:
    """``−log10(error)``, capped at ``dps + REFERENCE_EXTRA_DPS`` (what the reference can tell)."""
    cap = float(dps + REFERENCE_EXTRA_DPS)
    return cap if error == 0 else min(cap, float(-mpmath.log10(error)))


# --------------------------------------------------------------------------- special cases


def _orthogonal(n: int, seed: int):
    rng = np.random.default_rng(seed)
    vectors = [[int(x) for x in rng.integers(-3, 4, n)] for _ in range(min(n, 3))]
    return rational_orthogonal([v for v in vectors if any(v)], size=n)


def _known(m: int, n: int, values, seed: int = 1):
    p = min(m, n)
    values = sorted((Fraction(v) for v in values), reverse=True)
    assert len(values) == p
    return matrix_with_svd(_orthogonal(m, seed), values, _orthogonal(n, seed + 1))


def special_cases(n: int):
    """``(name, build)`` pairs; ``build()`` returns ``(input, exact singular values, method)``."""

    def exact(A):
        return [[x for x in row] for row in A.rows], list(A.svd.s)

    def case(name, matrix, method="auto"):
        def build():
            data, values = exact(matrix) if not isinstance(matrix, np.ndarray) else (matrix, None)
            return data, values, method

        return name, build

    ones = [Fraction(1)] * n
    rng = np.random.default_rng(7)
    gaussian = rng.standard_normal((n, n))
    return [
        case("clustered 1e-20", _known(n, n, [1 + Fraction(i, 10**20) for i in range(n)])),
        case("repeated", _known(n, n, [3] * (n // 2) + [1] * (n - n // 2))),
        case("zero", _known(n, n, [0] * n)),
        case(
            "rank-deficient", _known(n + 2, n, [Fraction(k + 1) for k in range(n // 3)] + [0] * (n - n // 3))
        ),
        case("graded to 1e-44", _known(n, n, [Fraction(1, 10 ** (4 * k)) for k in range(n)])),
        case("1 x n", _known(1, n, [Fraction(7, 3)])),
        case("n x 1", _known(n, 1, [Fraction(7, 3)])),
        case("huge (1e150 scale)", _known(n, n, [Fraction(10**150 * (k + 1)) for k in range(n)])),
        case("tiny (1e-150 scale)", _known(n, n, [Fraction(k + 1, 10**150) for k in range(n)])),
        case("gaussian, forced fallback", gaussian, method="mpmath"),
        case("identity-like, repeated 1", _known(n, n, ones)),
    ]


def _special(name: str, build, dps: int) -> Special:
    data, values, method = build()
    seconds, result = _cpu(lambda: oracle.svd(data, dps=dps, method=method))
    with workdps(dps):
        matrix = mpmath.matrix(
            data.tolist()
            if isinstance(data, np.ndarray)
            else [[mpmath.mpf(x.numerator) / x.denominator for x in row] for row in data]
        )
    mp_seconds, (_, mp_values, _) = _cpu(lambda: _mp_svd(matrix, dps))
    if values is None:  # no exact values: compare with the oracle at higher precision
        reference = oracle.svd(data, dps=dps + REFERENCE_EXTRA_DPS)
        values = list(reference.s)
    with workdps(dps + REFERENCE_EXTRA_DPS):
        exact = sorted(
            (mpmath.mpf(v.numerator) / v.denominator if isinstance(v, Fraction) else v for v in values),
            reverse=True,
        )
        error = max(abs(a - b) for a, b in zip(result.s, exact, strict=True))
        mp_error = max(abs(a - b) for a, b in zip(sorted(mp_values, reverse=True), exact, strict=True))
        return Special(
            name,
            (len(data), len(data[0])),
            result.path,
            result.iterations,
            seconds,
            mp_seconds,
            float(max(result.s_radii)),
            float(error),
            float(mp_error),
        )
