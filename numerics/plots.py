"""The figures of the HTML report, drawn with matplotlib (Agg) as base64 PNG.

* ``slack_figure`` — the relative slack of every inequality (statement and proof
  steps) of every theorem's claim, on a few instances drawn at report time (the
  records keep only each check's worst slack, which equalities' round-off dominates);
* ``why_project_figure`` — ‖A_k − C‖_F²/(k‖A − C‖₂²) over ~150 instances of
  ``why_project_8k``'s own families, at low precision, by k and shape, with the
  bounds 5 and 8 and the tight family approaching 5;
* ``spectra_figure`` — the exactly known singular values of the matrix families;
* ``oracle_figure`` — the reference SVD's accuracy against dps.

Sampling is seeded (hypothesis with an explicit seed, no database), so the
figures are a function of the run's seed; every figure is cheap (seconds).
"""

from __future__ import annotations

import base64
import io
import math
import zlib
from collections.abc import Callable
from fractions import Fraction

import matplotlib

matplotlib.use("Agg")

import hypothesis  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import mpmath  # noqa: E402
from hypothesis import HealthCheck, Phase, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

SAMPLE_DPS = 20
WHY_PROJECT_SAMPLES = 160
SPECTRUM_SAMPLES = 4
ORACLE_DPS = (15, 20, 30, 40, 60, 80)


def sample(strategy: st.SearchStrategy, count: int, *, seed: int) -> list:
    """Up to ``count`` values of ``strategy``, drawn deterministically from ``seed``."""
    values: list = []

    @settings(
        max_examples=count,
        database=None,
        deadline=None,
        phases=(Phase.generate,),
        suppress_health_check=list(HealthCheck),
    )
    @hypothesis.seed(seed)
    @given(strategy)
    def collect(value):
        values.append(value)

    collect()
    return values


def png(figure) -> str:
    """The figure as a base64 PNG (the figure is closed)."""
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=90, bbox_inches="tight", metadata={"Software": None})
    plt.close(figure)
    return base64.b64encode(buffer.getvalue()).decode("ascii")


def _seed(seed: int, name: str) -> int:
    return zlib.crc32(f"{seed}:report:{name}".encode())


# --------------------------------------------------------------------------- slack


SLACK_SAMPLES = 4
TIGHT = -30.0  # where a slack of exactly 0 (a bound attained) is drawn, on the log₁₀ axis


def inequality_slacks(*, seed: int, count: int = SLACK_SAMPLES) -> dict[str, list[float]]:
    """log₁₀ of the relative slacks (rhs − lhs)/scale of every inequality of every theorem's
    claim, over ``count`` instances drawn from its families at low precision; a slack within
    the tolerance of 0 is drawn at ``TIGHT``.  Theorems without an inequality are left out."""
    from numerics.backends import HighPrecision
    from numerics.claims import dynamic_range_digits, instances
    from proofs.registry import theorems

    slacks: dict[str, list[float]] = {}
    for theorem in theorems():
        drawn = sample(instances(theorem.claim, max_side=3), count, seed=_seed(seed, theorem.id))
        for values in drawn:
            try:
                evaluation = theorem.claim.evaluate(
                    HighPrecision(SAMPLE_DPS + dynamic_range_digits(values)), values
                )
            except Exception:  # e.g. an instance whose sign is not decidable: the checks deal with it
                continue
            parts = zip(evaluation.relations, evaluation.differences, evaluation.tolerances, strict=True)
            for relation, difference, tolerance in parts:
                if relation.kind != "<=" or not relation.scale:
                    continue
                if abs(difference) <= tolerance:
                    slacks.setdefault(theorem.id, []).append(TIGHT)
                elif difference > 0:
                    slacks.setdefault(theorem.id, []).append(
                        float(mpmath.log10(difference / abs(relation.scale)))
                    )
    return slacks


def slack_figure(*, seed: int) -> str | None:
    """The distribution of the relative slack of every inequality, one row per theorem."""
    rows = sorted(inequality_slacks(seed=seed).items())
    if not rows:
        return None
    figure, axes = plt.subplots(figsize=(9, 0.3 * len(rows) + 1.4))
    for y, (_, points) in enumerate(rows):
        axes.scatter(points, [y] * len(points), s=14, alpha=0.5)
    axes.axvline(TIGHT, color="gray", linestyle=":")
    axes.set_yticks(range(len(rows)), [name for name, _ in rows], fontsize=7)
    axes.invert_yaxis()
    axes.set_xlabel(
        f"log₁₀ relative slack (rhs − lhs)/scale of each inequality; {TIGHT:g}: attained (slack 0)"
    )
    axes.set_title(
        f"Slack of the inequalities on {SLACK_SAMPLES} drawn instances per theorem (dps {SAMPLE_DPS})"
    )
    axes.grid(axis="x", alpha=0.3)
    return png(figure)


# --------------------------------------------------------------------------- why project


def why_project_ratios(*, seed: int, count: int = WHY_PROJECT_SAMPLES) -> list[tuple[int, str, float]]:
    """(k, "m×n", ratio) over instances of ``why_project_8k`` drawn from its own families."""
    try:
        from proofs.why_project import kmeans_ratio, why_project_8k
    except ImportError:
        return []
    from numerics.backends import HighPrecision
    from numerics.claims import bind, instances

    points = []
    for values in sample(instances(why_project_8k, max_side=4), count, seed=_seed(seed, "why_project")):
        ops = HighPrecision(SAMPLE_DPS)
        with ops:
            bound, _ = bind(ops, values)
            A, C, k = bound["A"], bound["C"], bound["k"]
            if ops.spectral_sq(A - C) == 0:
                continue  # C = A: the ratio is 0/0
            m, n = values["A"].shape
            points.append((k, f"{m}×{n}", float(kmeans_ratio(ops, A, C, k))))
    return points


TIGHT_DELTAS = (Fraction(1, 2), Fraction(1, 10), Fraction(1, 100))


def tight_ratios() -> list[tuple[int, float]]:
    """(k, ratio) on ``why_project``'s tight family A = diag((1 + ε)I_k, I_k), C = diag(0, 2I_k),
    whose ratio 1 + 4/(1 + ε)² tends to 5; empty when the module does not provide it."""
    try:
        from proofs.why_project import kmeans_ratio, tight_instance
    except ImportError:
        return []
    from numerics.backends import HighPrecision
    from numerics.claims import bind

    points = []
    for k in (1, 2, 3):
        for delta in TIGHT_DELTAS:
            ops = HighPrecision(SAMPLE_DPS)
            with ops:
                bound, _ = bind(ops, tight_instance(k, delta)[1])
                points.append((k, float(kmeans_ratio(ops, bound["A"], bound["C"], k))))
    return points


def why_project_figure(*, seed: int) -> str | None:
    points = why_project_ratios(seed=seed)
    if not points:
        return None
    figure, axes = plt.subplots(figsize=(9, 4.2))
    shapes = sorted({shape for _, shape, _ in points})
    for index, shape in enumerate(shapes):
        chosen = [(k, r) for k, s, r in points if s == shape]
        offset = (index - len(shapes) / 2) * 0.3 / max(len(shapes), 1)
        axes.scatter([k + offset for k, _ in chosen], [r for _, r in chosen], s=12, alpha=0.6, label=shape)
    tight = tight_ratios()
    if tight:
        axes.scatter(
            [k for k, _ in tight],
            [r for _, r in tight],
            marker="x",
            color="black",
            s=30,
            label="tight family (ε → 0)",
        )
    axes.axhline(8, color="crimson", linestyle="--", label="8 (002)")
    axes.axhline(5, color="darkgreen", linestyle="-", label="5 (sharp)")
    axes.set_xlabel("k")
    axes.set_ylabel("‖A_k − C‖_F² / (k‖A − C‖₂²)")
    axes.set_xticks(sorted({k for k, _, _ in points}))
    axes.set_title(f"Why Project: {len(points)} drawn instances (dps {SAMPLE_DPS}), by k and shape m×n")
    axes.legend(fontsize=7, ncol=2, loc="upper left", bbox_to_anchor=(1.01, 1.0), title="shape m×n")
    return png(figure)


# --------------------------------------------------------------------------- spectra


def family_spectra(*, seed: int) -> dict[str, list[list[float]]]:
    """log₁₀ of the exactly known singular values of 4×4 matrices of each known-SVD family
    (zero singular values left out)."""
    from numerics.strategies import KNOWN_SVD_FAMILIES, matrices

    spectra = {}
    for family in KNOWN_SVD_FAMILIES:
        drawn = sample(matrices(family=family, rows=4, cols=4), SPECTRUM_SAMPLES, seed=_seed(seed, family))
        spectra[family] = [[math.log10(s) for s in m.svd.s if s > 0] for m in drawn]
    return spectra


def spectra_figure(*, seed: int) -> str:
    spectra = family_spectra(seed=seed)
    figure, grid = plt.subplots(2, math.ceil(len(spectra) / 2), figsize=(10, 4.6), sharex=True)
    for axes, (family, drawn) in zip(grid.flat, spectra.items(), strict=False):
        for values in drawn:
            axes.plot(range(1, len(values) + 1), values, marker="o", markersize=3)
        axes.set_title(family, fontsize=9)
        axes.tick_params(labelsize=7)
        if not any(drawn):
            axes.text(0.5, 0.5, "every σ_j = 0", ha="center", va="center", transform=axes.transAxes)
    for axes in grid.flat[len(spectra) :]:
        axes.axis("off")
    figure.suptitle("Singular value spectra of the matrix families (log₁₀ σ_j against j, exact)")
    return png(figure)


# --------------------------------------------------------------------------- oracle


ORACLE_MATRIX = [[4, 1, -2, 3], [1, 7, 0, -1], [-2, 0, 5, 2], [3, -1, 2, 1], [1, 2, 3, 4]]


def _oracle() -> tuple[str, Callable[[int], list]]:
    """The singular values at a given dps: ``numerics.oracle.svd`` when present, else mpmath."""
    try:
        from numerics.oracle import svd
    except ImportError:
        svd = None
    if svd is not None:
        return "numerics.oracle.svd", lambda dps: list(svd(ORACLE_MATRIX, dps=dps).s)

    def mpmath_values(dps: int) -> list:
        with mpmath.workdps(dps):
            return list(mpmath.svd_r(mpmath.matrix(ORACLE_MATRIX), compute_uv=False))

    return "mpmath.svd_r (numerics.oracle absent)", mpmath_values


def oracle_errors() -> tuple[str, list[tuple[int, float]]]:
    """(name, [(dps, log₁₀ max relative error of the singular values against dps + 30)])."""
    name, values_at = _oracle()
    points = []
    for dps in ORACLE_DPS:
        values, reference = values_at(dps), values_at(dps + 30)
        with mpmath.workdps(dps + 30):
            error = max(abs(mpmath.mpf(v) - r) / r for v, r in zip(values, reference, strict=True))
        points.append((dps, float(mpmath.log10(error)) if error else -(dps + 30)))
    return name, points


def oracle_figure() -> str:
    name, points = oracle_errors()
    figure, axes = plt.subplots(figsize=(6.5, 3.6))
    axes.plot([d for d, _ in points], [e for _, e in points], marker="o", label="measured")
    axes.plot([d for d, _ in points], [-d for d, _ in points], linestyle=":", color="gray", label="10^-dps")
    axes.set_xlabel("dps")
    axes.set_ylabel("log₁₀ max relative error of σ_i")
    axes.set_title(f"{name}: accuracy against dps (reference at dps + 30), 5×4 integer matrix", fontsize=9)
    axes.legend(fontsize=8)
    return png(figure)


def figures(*, seed: int) -> dict[str, str | None]:
    """Every figure of the report, by name (None where there is nothing to draw)."""
    return {
        "slack": slack_figure(seed=seed),
        "why_project": why_project_figure(seed=seed),
        "spectra": spectra_figure(seed=seed),
        "oracle": oracle_figure(),
    }
