"""The evidence dossier: a pytest plugin and the writers of its report.

Every check runner leaves a record (``numerics.records``); this plugin gathers
the records of a test run — from the one process, or from every xdist worker —
and, with ``--evidence-dir DIR``, writes ``DIR/evidence.json`` and
``DIR/evidence.md``: for each theorem of the catalog, its statement, source,
checks, mutants and a status.

Main pieces
-----------
* ``build_evidence``: records + catalog → the evidence dict (pure; the JSON
  written is exactly this dict, and every later report — HTML, plots, errata —
  is meant to be rendered from it);
* ``render_markdown``: evidence dict → ``evidence.md``;
* ``proof_steps``: the labelled relations (proof steps) a theorem's claim evaluates;
* ``errata_evidence``: every erratum of the documents, refuted as printed and
  checked as corrected, in this run;
* ``write_atomically``: the writer both files go through;
* the pytest hooks: ``--svd-profile``, ``--svd-seed``, ``--evidence-dir``, and the
  ini flag ``svd_proofs_report`` (on in the project's ``pyproject.toml``): with it,
  a run with ``--evidence-dir`` also checks the errata, reproduces 002's numerical
  corner (``numerics.corner``) and writes ``index.html`` (``numerics.report``); an
  erratum that fails makes the run exit 1.

Status of a theorem
-------------------
``failed`` if a check failed or a mutant survived; ``verified`` if at least
one check ran, all passed, and every mutant — those recorded and those the
catalog declares — was refuted; ``unchecked`` otherwise (a declared mutant
that never ran is listed with status ``not run``).

Determinism
-----------
Records are sorted (checks by kind in the order of ``records.KINDS``, then
name; mutants by name), so a serial run and ``pytest -n N`` write the same
JSON apart from ``seconds`` and ``environment``.
"""

from __future__ import annotations

import importlib.metadata
import json
import os
import platform
import time
import uuid
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Protocol

import pytest

from numerics.errors import InvalidArgument
from numerics.records import KINDS, CheckRecord, MutantRecord, captured, collected, from_json

STATUSES = ("verified", "failed", "unchecked")
PACKAGES = ("svd-proofs", "sympy", "mpmath", "numpy", "matplotlib", "hypothesis", "pytest", "pytest-xdist")
JSON_NAME = "evidence.json"
MARKDOWN_NAME = "evidence.md"
PLUGIN_MODULE = "numerics.evidence"
ENTRY_POINT = "svd_proofs_evidence"
_WORKER_KEY = "svd_proofs_records"


class CatalogEntry(Protocol):
    """What the dossier needs of a theorem of the catalog (``proofs.registry.Theorem``)."""

    id: str
    title: str
    source: str
    module: str
    statement: str
    mutants: tuple[str, ...]


# --------------------------------------------------------------------------- the evidence


def build_evidence(
    records: Iterable[CheckRecord | MutantRecord],
    *,
    theorems: Sequence[CatalogEntry],
    seed: int,
    profile: str,
    environment: dict,
    failed_tests: Iterable[str] = (),
    errata: Sequence[dict] = (),
    corner: dict | None = None,
) -> dict:
    """The dossier as a JSON-ready dict: one entry per catalog theorem, in catalog
    order, then one per theorem id seen only in the records, in id order.

    ``failed_tests`` are the node ids of the tests that failed: a check that
    crashed before recording shows up there and nowhere else.  ``errata`` are
    the rows of ``errata_evidence`` and ``corner`` the dict of
    ``numerics.corner.reproduce`` (both computed in the run that writes the dossier).
    """
    checks: dict[str, list[CheckRecord]] = {}
    mutants: dict[str, list[MutantRecord]] = {}
    for entry in records:
        if isinstance(entry, CheckRecord):
            checks.setdefault(entry.theorem, []).append(entry)
        elif isinstance(entry, MutantRecord):
            mutants.setdefault(entry.theorem, []).append(entry)
        else:
            raise InvalidArgument("records", "CheckRecord and MutantRecord entries", entry)
    known = [theorem.id for theorem in theorems]
    strays = sorted((checks.keys() | mutants.keys()) - set(known))
    entries = [
        _theorem_entry(theorem.id, theorem, checks.get(theorem.id, []), mutants.get(theorem.id, []))
        for theorem in theorems
    ] + [_theorem_entry(id_, None, checks.get(id_, []), mutants.get(id_, [])) for id_ in strays]
    failed = sorted(set(failed_tests))
    return {
        "seed": seed,
        "profile": profile,
        "environment": environment,
        "summary": {**_summary(entries), "failed_tests": len(failed)},
        "theorems": entries,
        "errata": list(errata),
        "corner": corner,
        "failed_tests": failed,
    }


def _theorem_entry(
    id_: str, theorem: CatalogEntry | None, checks: list[CheckRecord], mutants: list[MutantRecord]
) -> dict:
    check_rows = [c.to_json() for c in sorted(checks, key=_check_order)]
    mutant_rows = [m.to_json() for m in sorted(mutants, key=_mutant_order)]
    recorded = {m.name for m in mutants}
    declared = getattr(theorem, "mutants", ())
    mutant_rows += [_unrun_mutant(id_, name) for name in sorted(set(declared) - recorded)]
    return {
        "id": id_,
        "title": getattr(theorem, "title", None),
        "source": getattr(theorem, "source", None),
        "module": getattr(theorem, "module", None),
        "statement": getattr(theorem, "statement", None),
        "steps": proof_steps(theorem),
        "status": theorem_status(check_rows, mutant_rows),
        "checks": check_rows,
        "mutants": mutant_rows,
    }


def proof_steps(theorem) -> dict | None:
    """The labelled relations a theorem's claim evaluates — the steps of its proof that
    every check executes — read off one exact evaluation of its first fixed case
    (rational cases first: they are the quickest).  None without a case."""
    cases = sorted(getattr(theorem, "cases", ()), key=lambda case: case.kind != "exact")
    if not cases:
        return None
    from numerics.backends import Exact

    case = cases[0]
    try:
        evaluation = theorem.claim.evaluate(Exact(), case.build())
    except Exception as error:  # a broken case must not hide the rest of the dossier
        return {"case": case.name, "labels": [], "error": f"{type(error).__name__}: {error}"}
    labels = [rel.label or "relation" for rel in evaluation.relations]
    return {"case": case.name, "labels": list(dict.fromkeys(labels)), "error": None}


def errata_evidence(records: Sequence[CheckRecord | MutantRecord] = ()) -> list[dict]:
    """Every erratum of ``proofs.registry.errata()``, checked in this run: the printed claim
    refuted (``checks.refute`` on its literal mutant, the theorem's fixed cases first) and the
    corrected claim checked exactly (``checks.check_exact``).

    A refutation or exact check already among ``records`` (the quality tests refute every
    mutant; every theorem has an exact check) is the same seeded computation and is reused;
    what is missing runs here, inside ``records.captured()``, so it adds nothing to the
    theorems' records.  An erratum none of whose theorems this run checked is ``not run``;
    otherwise ``confirmed`` when the printed form is refuted and the correction holds.
    """
    from proofs.registry import errata

    checked = {r.theorem for r in records}
    return [
        _erratum_row(e, records) if {e.literal.id, e.corrected.id} & checked else _unrun_erratum(e)
        for e in errata()
    ]


def errata_counts(evidence: dict) -> str:
    """The line "c/n errata confirmed" (with how many were not run), from the evidence dict."""
    statuses = [e["status"] for e in evidence.get("errata") or []]
    text = f"{statuses.count('confirmed')}/{len(statuses)} errata confirmed"
    return text + (f" ({statuses.count('not run')} not run)" if "not run" in statuses else "")


def _erratum_row(erratum, records: Sequence[CheckRecord | MutantRecord]) -> dict:
    from numerics import checks
    from proofs.registry import theorem

    registered = theorem(erratum.corrected.id).claim is erratum.corrected
    refutation = next(
        (r for r in records if isinstance(r, MutantRecord) and r.name == erratum.literal.name), None
    )
    verification = next(
        (
            r
            for r in records
            if registered
            and isinstance(r, CheckRecord)
            and r.theorem == erratum.corrected.id
            and r.kind == "exact"
            and r.name == "exact"
        ),
        None,
    )
    with captured() as sink:
        if refutation is None:
            try:
                checks.refute(erratum.literal, theorem(erratum.literal.id).cases)
            except checks.CheckFailed:
                pass
            refutation = next(r for r in sink if isinstance(r, MutantRecord))
        if verification is None:
            try:
                checks.check_exact(erratum.corrected)
            except Exception:  # the runner records it as a failed check
                pass
            verification = next(r for r in sink if isinstance(r, CheckRecord))
    confirmed = refutation.status == "refuted" and verification.status == "passed"
    return {
        **_erratum_text(erratum),
        "status": "confirmed" if confirmed else "failed",
        "counterexample": {k: v for k, v in refutation.to_json().items() if k not in ("theorem", "name")},
        "verification": {k: v for k, v in verification.to_json().items() if k not in ("theorem", "seconds")},
    }


def _unrun_erratum(erratum) -> dict:
    return {**_erratum_text(erratum), "status": "not run", "counterexample": None, "verification": None}


def _erratum_text(erratum) -> dict:
    return {
        "name": erratum.name,
        "source": erratum.source,
        "printed": erratum.printed,
        "correction": erratum.correction,
        "literal": erratum.literal.name,
        "corrected": erratum.corrected.name,
    }


def theorem_status(checks: Sequence[dict], mutants: Sequence[dict]) -> str:
    """``failed``, ``verified`` or ``unchecked`` from a theorem's check and mutant rows."""
    if any(c["status"] == "failed" for c in checks) or any(m["status"] == "survived" for m in mutants):
        return "failed"
    if checks and all(m["status"] == "refuted" for m in mutants):
        return "verified"
    return "unchecked"


def _unrun_mutant(theorem: str, name: str) -> dict:
    return {
        "theorem": theorem,
        "name": name,
        "status": "not run",
        "kind": None,
        "instance": None,
        "slack": None,
    }


def _check_order(check: CheckRecord) -> tuple:
    # Ties (the same check recorded twice) are broken by everything but the timing.
    return (KINDS.index(check.kind), check.name, _canonical(check.to_json()))


def _mutant_order(mutant: MutantRecord) -> tuple:
    return (mutant.name, _canonical(mutant.to_json()))


def _canonical(row: dict) -> str:
    return json.dumps({k: v for k, v in row.items() if k != "seconds"}, sort_keys=True)


def _summary(entries: list[dict]) -> dict:
    statuses = [entry["status"] for entry in entries]
    checks = [c for entry in entries for c in entry["checks"]]
    mutants = [m for entry in entries for m in entry["mutants"]]
    return {
        "theorems": len(entries),
        **{status: statuses.count(status) for status in STATUSES},
        "checks": len(checks),
        "instances": sum(c["instances"] for c in checks),
        "mutants": len(mutants),
        "mutants_refuted": sum(m["status"] == "refuted" for m in mutants),
    }


def environment(*, workers: int) -> dict:
    """Where the evidence was produced: interpreter, platform, package versions."""
    return {
        "python": platform.python_version(),
        "platform": platform.platform(),
        "packages": {name: _version(name) for name in PACKAGES},
        "workers": workers,
    }


def _version(distribution: str) -> str | None:
    try:
        return importlib.metadata.version(distribution)
    except importlib.metadata.PackageNotFoundError:
        return None


def evidence_json(evidence: dict) -> str:
    return json.dumps(evidence, indent=2, ensure_ascii=False) + "\n"


# --------------------------------------------------------------------------- markdown


SUMMARY_COLUMNS = ("theorem", "status", *KINDS, "instances", "worst slack", "mutants refuted")
CHECK_COLUMNS = (
    "check",
    "kind",
    "status",
    "instances",
    "families",
    "dps",
    "worst slack",
    "max residual",
    "seconds",
)
MUTANT_COLUMNS = ("mutant", "status", "found by", "slack")


def render_markdown(evidence: dict) -> str:
    """``evidence.md``: a summary table, then one section per theorem."""
    s = evidence["summary"]
    lines = [
        "# SVD proofs: evidence",
        "",
        f"Seed `{evidence['seed']}`, profile `{evidence['profile']}`. {s['theorems']} theorems: "
        f"{s['verified']} verified, {s['failed']} failed, {s['unchecked']} unchecked; {s['checks']} checks "
        f"over {s['instances']} instances; {s['mutants_refuted']} of {s['mutants']} mutants refuted.",
        "",
        *_table(SUMMARY_COLUMNS, [_summary_row(entry) for entry in evidence["theorems"]]),
    ]
    if evidence["failed_tests"]:
        lines += ["", f"**{s['failed_tests']} tests failed** (see the section at the end)."]
    for entry in evidence["theorems"]:
        lines += ["", *_theorem_section(entry)]
    if evidence.get("errata"):
        lines += ["", *_errata_section(evidence["errata"])]
    if evidence.get("corner"):
        lines += ["", *_corner_section(evidence["corner"])]
    if evidence["failed_tests"]:
        lines += ["", "## Failed tests", "", *(f"- `{nodeid}`" for nodeid in evidence["failed_tests"])]
    return "\n".join(lines) + "\n"


def _errata_section(errata: Sequence[dict]) -> list[str]:
    lines = [
        "## Errata",
        "",
        "Claims printed in the documents that fail as written, refuted and corrected in this run.",
    ]
    for erratum in errata:
        counterexample, verification = erratum["counterexample"], erratum["verification"]
        if counterexample is None:
            lines += ["", f"### `{erratum['name']}` — not run", "", f"- **Printed:** {erratum['printed']}"]
            continue
        lines += [
            "",
            f"### `{erratum['name']}` — {erratum['status']}",
            "",
            f"- **Source:** {erratum['source']}",
            f"- **Printed:** {erratum['printed']}",
            f"- **Correction:** {erratum['correction']}",
            f"- **Printed form** (`{erratum['literal']}`): {counterexample['status']} (found by the "
            f"{counterexample['kind']} search), slack {_short(counterexample['slack'])}",
            f"- **Corrected form** (`{erratum['corrected']}`): {verification['status']} on "
            f"{verification['instances']} exact instances, worst slack {_short(verification['worst_slack'])}",
        ]
        for text in (counterexample["instance"], verification["failure"]):
            if text:
                lines += ["", "```", text.rstrip(), "```"]
    return lines


CORNER_ROWS = (
    ("frob", "‖X − C‖_F²"),
    ("top_sval_sq", "σ₁(X − C)²"),
    ("frob_proj", "‖X₁ − C‖_F²"),
)


def _corner_section(corner: dict) -> list[str]:
    p, bound = corner["parameters"], corner["bound"]
    rows = [
        [
            f"`{key}` = {gloss}",
            repr(corner["printed"][key]),
            repr(corner["recomputed"][key]),
            f"{corner['digits'][key]:g}",
            f"{corner['corrected'][key]:.1f}",
        ]
        for key, gloss in CORNER_ROWS
    ]
    return [
        "## 002's numerical corner, reproduced",
        "",
        f"numpy `default_rng({p['seed']})`, d = {p['d']}, n = {p['n']}, w = {p['w']:g}, {p['dtype']}; "
        "first cluster at +w·e₁. *As printed*: 002's C (centres swapped) and `vh[:,0]`; "
        "*corrected*: the generator's centres and the right singular vector `vh[0,:]`.",
        "",
        *_table(("quantity", "printed", "recomputed as printed", "digits agreeing", "corrected"), rows),
        "",
        f"Why Project on the data (k = {bound['k']} = rank C): ‖X_k − C‖_F²/(k‖X − C‖₂²) = "
        f"{bound['ratio']:.4f} ≤ {bound['constant_5k']} ≤ {bound['constant_8k']}: "
        + ("holds." if bound["holds"] else "**FAILS.**"),
    ]


def _summary_row(entry: dict) -> list[str]:
    checks = entry["checks"]
    refuted = sum(m["status"] == "refuted" for m in entry["mutants"])
    return [
        f"[`{entry['id']}`](#{entry['id']})",
        entry["status"],
        *(str(sum(c["kind"] == kind for c in checks)) for kind in KINDS),
        str(sum(c["instances"] for c in checks)),
        _worst([c["worst_slack"] for c in checks]),
        f"{refuted}/{len(entry['mutants'])}",
    ]


def _theorem_section(entry: dict) -> list[str]:
    title = f" — {entry['title']}" if entry["title"] else ""
    lines = [f'<a id="{entry["id"]}"></a>', "", f"## `{entry['id']}`{title}", ""]
    lines.append(f"- **Status:** {entry['status']}")
    if entry["source"]:
        lines.append(f"- **Source:** {entry['source']}")
    if entry["module"]:
        lines.append(f"- **Module:** `{entry['module']}`")
    if entry["statement"]:
        lines += ["", *(f"> {line}".rstrip() for line in entry["statement"].strip().splitlines())]
    if entry["title"] is None:
        lines += ["", "_Not in the catalog: recorded by a check under this id._"]
    lines += ["", "### Checks", ""]
    if entry["checks"]:
        lines += _table(CHECK_COLUMNS, [_check_row(c) for c in entry["checks"]])
    else:
        lines.append("_No check ran._")
    if entry["mutants"]:
        lines += ["", "### Mutants", "", *_table(MUTANT_COLUMNS, [_mutant_row(m) for m in entry["mutants"]])]
    lines += _messages("Failures", [(c["name"], c["failure"]) for c in entry["checks"]])
    lines += _messages("Refuting instances", [(m["name"], m["instance"]) for m in entry["mutants"]])
    return lines


def _check_row(check: dict) -> list[str]:
    return [
        f"`{check['name']}`",
        check["kind"],
        check["status"],
        str(check["instances"]),
        ", ".join(check["families"]) or "—",
        "exact" if check["dps"] is None else str(check["dps"]),
        _short(check["worst_slack"]),
        _short(check["max_residual"]),
        f"{check['seconds']:.3f}",
    ]


def _mutant_row(mutant: dict) -> list[str]:
    return [f"`{mutant['name']}`", mutant["status"], mutant["kind"] or "—", _short(mutant["slack"])]


def _messages(heading: str, named: list[tuple[str, str | None]]) -> list[str]:
    lines = []
    for name, message in named:
        if message:
            lines += ["", f"`{name}`:", "", "```", message.rstrip(), "```"]
    return ["", f"### {heading}", *lines] if lines else []


def _table(header: Sequence[str], rows: list[list[str]]) -> list[str]:
    def line(cells: Sequence[str]) -> str:
        return "| " + " | ".join(cell.replace("|", "\\|").replace("\n", " ") for cell in cells) + " |"

    return [line(header), line(["---"] * len(header)), *(line(row) for row in rows)]


def _numeric(text: str) -> Decimal | None:
    """A recorded number — decimal digits, or an exact sympy value such as ``3/7`` or
    ``sqrt(2) - 1`` — as a ``Decimal``; None if it is not a real number (e.g. symbolic)."""
    try:
        value = Decimal(text)
    except InvalidOperation:
        import sympy

        try:
            value = sympy.sympify(text).evalf(30)
        except (sympy.SympifyError, TypeError, ValueError):
            return None
        if not (value.is_number and value.is_real):
            return None
        value = Decimal(str(value))
    return None if value.is_nan() else value


def _short(text: str | None) -> str:
    """A recorded number at 4 significant digits (JSON keeps every digit); symbolic
    values verbatim, cut at 40 characters."""
    if text is None:
        return "—"
    value = _numeric(text)
    if value is not None:
        return format(value, ".4g")
    return text if len(text) <= 40 else text[:39] + "…"


def _worst(slacks: list[str | None]) -> str:
    """The smallest numeric slack; a symbolic one only if no slack is numeric."""
    numeric = [(value, text) for text in slacks if text is not None and (value := _numeric(text)) is not None]
    if numeric:
        return _short(min(numeric)[1])
    return _short(next((text for text in slacks if text is not None), None))


# --------------------------------------------------------------------------- writing


def write_atomically(path: str | os.PathLike, text: str) -> None:
    """Write ``text`` to ``path`` so that a reader sees the old file or the new one,
    never a partial one: a temporary file in the same directory, then ``os.replace``.
    """
    path = Path(path)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.{uuid.uuid4().hex}.tmp")
    try:
        with open(temporary, "x", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def write_evidence(evidence: dict, directory: str | os.PathLike) -> tuple[Path, Path]:
    """Write ``evidence.json`` and ``evidence.md`` into ``directory`` (created if needed)."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    json_path, markdown_path = directory / JSON_NAME, directory / MARKDOWN_NAME
    write_atomically(json_path, evidence_json(evidence))
    write_atomically(markdown_path, render_markdown(evidence))
    return json_path, markdown_path


def plugin_args() -> list[str]:
    """The arguments a ``python -m pytest`` subprocess needs to load this plugin:
    none when it is installed (entry point ``pytest11``) and autoloaded, else ``-p``.
    """
    autoload = not os.environ.get("PYTEST_DISABLE_PLUGIN_AUTOLOAD")
    installed = any(ep.name == ENTRY_POINT for ep in importlib.metadata.entry_points(group="pytest11"))
    return [] if autoload and installed else ["-p", PLUGIN_MODULE]


# --------------------------------------------------------------------------- pytest hooks


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("svd-proofs", "svd-proofs evidence")
    group.addoption(
        "--svd-profile",
        default=os.environ.get("SVD_PROOFS_PROFILE", "ci"),
        help="check profile: 'ci' (fast, deterministic) or 'thorough' (default: $SVD_PROOFS_PROFILE or ci)",
    )
    group.addoption("--svd-seed", type=int, default=0, help="seed of every randomised check (default: 0)")
    group.addoption(
        "--evidence-dir",
        default=None,
        metavar="DIR",
        help=f"write {JSON_NAME} and {MARKDOWN_NAME} into DIR at the end of the run (default: write nothing)",
    )
    parser.addini(
        REPORT_INI,
        type="bool",
        default=False,
        help="with --evidence-dir, also check the errata, reproduce 002's numerical corner and write "
        "index.html with its figures (the project's pyproject.toml turns it on)",
    )


REPORT_INI = "svd_proofs_report"


def pytest_configure(config: pytest.Config) -> None:
    from numerics import checks

    profile, seed = config.getoption("--svd-profile"), config.getoption("--svd-seed")
    try:
        checks.configure(profile=profile, seed=seed)
    except InvalidArgument as exc:
        raise pytest.UsageError(
            f"svd-proofs: --svd-profile {profile!r} / --svd-seed {seed}: {exc} "
            "(--svd-profile defaults to $SVD_PROOFS_PROFILE, else ci)"
        ) from None
    config.pluginmanager.register(_Evidence(config), "svd_proofs_evidence_session")


class _Evidence:
    """The per-run state: records received from xdist workers, the evidence built."""

    def __init__(self, config: pytest.Config):
        self.config = config
        self.worker_records: list[CheckRecord | MutantRecord] = []
        self.workers = 0
        self.failed_tests: set[str] = set()
        self.evidence: dict | None = None
        self.written: Path | None = None

    @pytest.hookimpl(optionalhook=True)
    def pytest_testnodedown(self, node, error) -> None:
        self.workers += 1
        payload = getattr(node, "workeroutput", {}).get(_WORKER_KEY)
        if payload is not None:
            self.worker_records += [from_json(row) for row in json.loads(payload)]

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        if report.failed:
            self.failed_tests.add(report.nodeid)

    def pytest_collectreport(self, report: pytest.CollectReport) -> None:
        if report.failed:
            self.failed_tests.add(report.nodeid)

    def pytest_sessionfinish(self, session: pytest.Session) -> None:
        if hasattr(self.config, "workerinput"):
            self.config.workeroutput[_WORKER_KEY] = json.dumps([r.to_json() for r in collected()])
            return
        records = self.worker_records + collected()
        directory = self.config.getoption("--evidence-dir")
        if directory is None and not records:
            return
        from numerics import checks

        profile, seed = checks.current()
        full = directory is not None and self.config.getini(REPORT_INI)
        errata, corner = self._extras(records) if full else ([], None)
        self.evidence = build_evidence(
            records,
            theorems=_catalog(),
            seed=seed,
            profile=profile.name,
            environment=environment(workers=max(self.workers, 1)),
            failed_tests=self.failed_tests,
            errata=errata,
            corner=corner,
        )
        if directory is not None:
            write_evidence(self.evidence, directory)
            self.written = Path(directory)
            if full:
                from numerics.report import write_report

                with self._step("drawing the figures and writing index.html"):
                    write_report(self.evidence, directory, seed=seed)
                if any(e["status"] == "failed" for e in errata) or not corner["bound"]["holds"]:
                    session.exitstatus = pytest.ExitCode.TESTS_FAILED

    def _extras(self, records) -> tuple[list[dict], dict]:
        from numerics.corner import reproduce

        with self._step("checking the errata"):
            errata = errata_evidence(records)
        with self._step("reproducing 002's numerical corner"):
            corner = reproduce()
        return errata, corner

    @contextmanager
    def _step(self, what: str) -> Iterator[None]:
        """Progress of the report stage on the terminal: what runs, then how long it took."""
        terminal = self.config.pluginmanager.get_plugin("terminalreporter")
        start = time.perf_counter()
        if terminal is not None:
            terminal.write_line(f"svd-proofs evidence: {what} ...")
        yield
        if terminal is not None:
            terminal.write_line(f"svd-proofs evidence: {what}: {time.perf_counter() - start:.1f} s")

    def pytest_terminal_summary(self, terminalreporter) -> None:
        if self.evidence is None:
            return
        s = self.evidence["summary"]
        where = f"written to {self.written}" if self.written else "not written (no --evidence-dir)"
        terminalreporter.write_line(
            f"svd-proofs evidence: {s['theorems']} theorems, {s['verified']} verified, {s['failed']} failed, "
            f"{s['unchecked']} unchecked; {s['mutants_refuted']}/{s['mutants']} mutants refuted; "
            f"{s['failed_tests']} tests failed; {errata_counts(self.evidence)}; {where}"
        )


def _catalog() -> Sequence[CatalogEntry]:
    # The one place numerics reads proofs: the plugin is where the catalog meets the
    # records.  Imported lazily so that the numerics core never depends on it.
    from proofs.registry import theorems

    return theorems()
