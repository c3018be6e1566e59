"""The ``svd-proofs`` command (also ``python -m proofs``).

    svd-proofs list [--json]
        the catalog: each theorem's id, title, source, checks by kind and mutants
    svd-proofs evidence [--profile ci|thorough] [--seed S] [--workers N|auto] [--out DIR]
        run the test suite under the evidence plugin (``numerics.evidence``) and
        write DIR/evidence.json and DIR/evidence.md
    svd-proofs search TARGET [--dps D] [--budget SECONDS] [--evaluations N] [--seed S]
                      [--workers N] [--scheduler ADDRESS] [--out FILE]
        hunt for a counterexample to a claim (catalog id, mutant name or file.py:NAME),
        verify it exactly and save it (``numerics.search``); exit 1 when one is found
    svd-proofs verify FILE
        re-check a saved search result from scratch
    svd-proofs oracle bench [--quick] [--repeat R] [--json FILE]
        the certified oracle (``numerics.oracle``) against mpmath: speed ratios,
        correct digits, the cost of the certificate, the path each case took
    svd-proofs oracle audit TARGET [--seed S] [--json FILE]
    svd-proofs oracle audit-eigh TARGET [--seed S] [--json FILE]
        audit a float64 SVD ``fn(A) -> (U, s, Vt)`` (or eigensolver ``fn(S) -> (w, Q)``)
        named ``package.module:function`` or ``path/to/file.py:function``
        (``numerics.audit``): a table of families × test ratios and the verdict

Exit status: 0 on success, 1 when a check failed (or a mutant survived, or an
audited implementation was rejected), 2 on a usage error — always a one-line
message on stderr naming the argument.
"""

from __future__ import annotations

import argparse
import importlib
import importlib.util
import json
import os
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from numerics.errors import InvalidArgument
from numerics.records import KINDS
from proofs import search_cli

PROG = "svd-proofs"
DEFAULT_PROFILE = "thorough"
DEFAULT_OUT = Path("evidence")
AUTO = "auto"
USAGE_ERROR = 2
CHECKS_FAILED = 1
_PYTEST_USAGE_ERROR = 4


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line ``argv`` (default ``sys.argv[1:]``); return the exit status."""
    try:
        args = _parser().parse_args(argv)
    except SystemExit as exit_:  # argparse's own errors (status 2) and --help (status 0)
        return exit_.code if isinstance(exit_.code, int) else USAGE_ERROR
    try:
        return args.run(args)
    except InvalidArgument as exc:
        return _usage_error(f"{PROG} {args.command}", str(exc))
    except BrokenPipeError:  # the reader went away (`svd-proofs list | head`): nothing left to say
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - keeps the interpreter's final flush quiet
        return 0


# --------------------------------------------------------------------------- list


def list_theorems(args: argparse.Namespace) -> int:
    from proofs.registry import theorems

    rows = [_catalog_row(theorem) for theorem in theorems()]
    if args.json:
        print(json.dumps(rows, indent=2, ensure_ascii=False))
    else:
        print(_text_table(rows))
    return 0


def _catalog_row(theorem) -> dict:
    return {
        "id": theorem.id,
        "title": theorem.title,
        "source": theorem.source,
        "module": theorem.module,
        "checks": dict(theorem.checks),
        "mutants": list(theorem.mutants),
    }


def _text_table(rows: list[dict]) -> str:
    header = ("id", "title", "source", "checks s/e/r", "mutants")
    lines = [
        (
            row["id"],
            row["title"],
            row["source"],
            "/".join(str(row["checks"].get(kind, 0)) for kind in KINDS),
            ", ".join(row["mutants"]),
        )
        for row in rows
    ]
    widths = [max(len(cells[i]) for cells in [header, *lines]) for i in range(len(header) - 1)]
    return "\n".join(
        "  ".join(
            [*(cell.ljust(width) for cell, width in zip(cells, widths, strict=False)), cells[-1]]
        ).rstrip()
        for cells in [header, *lines]
    )


# --------------------------------------------------------------------------- evidence


def tests_directory() -> Path:
    """The project's ``tests/``: the evidence run needs a source checkout (``pip install -e .``)."""
    return Path(__file__).resolve().parents[1] / "tests"


def pytest_command(tests: Path, *, profile: str, seed: int, workers: int | str, out: Path) -> list[str]:
    """The pytest run that produces the evidence for ``svd-proofs evidence``; ``workers``
    is a number of xdist processes or ``"auto"`` (one per CPU core)."""
    from numerics.evidence import plugin_args

    command = [sys.executable, "-m", "pytest", str(tests), "-q", *plugin_args()]
    command += ["--svd-profile", profile, "--svd-seed", str(seed), "--evidence-dir", str(out)]
    return command + ([] if workers == 1 else ["-n", str(workers)])


def run_evidence(args: argparse.Namespace) -> int:
    from numerics.evidence import JSON_NAME, MARKDOWN_NAME
    from numerics.report import HTML_NAME

    tests = tests_directory()
    if not tests.is_dir():
        return _usage_error(
            f"{PROG} evidence",
            f"no tests directory at {tests}: install from a source checkout (pip install -e .)",
        )
    out = args.out.resolve()
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        return _usage_error(f"{PROG} evidence", f"argument --out: cannot create {out}: {exc.strerror}")
    command = pytest_command(tests, profile=args.profile, seed=args.seed, workers=args.workers, out=out)
    status = subprocess.run(command, cwd=tests.parent).returncode
    if status == _PYTEST_USAGE_ERROR:
        return _usage_error(f"{PROG} evidence", f"pytest rejected the run (exit status {status}); see above")
    if status in (0, CHECKS_FAILED):  # the run reached its end, where the plugin writes
        written = [out / name for name in (JSON_NAME, MARKDOWN_NAME, HTML_NAME) if (out / name).exists()]
        print(f"{PROG}: evidence written to " + ", ".join(str(path) for path in written))
    if status == 0:
        return 0
    print(
        f"{PROG}: the test run failed (pytest exit status {status}); see the failures above", file=sys.stderr
    )
    return CHECKS_FAILED


# --------------------------------------------------------------------------- oracle


def run_oracle_bench(args: argparse.Namespace) -> int:
    from numerics import bench

    _check_writable(args.json)
    report = bench.run(quick=args.quick, repeat=args.repeat, progress=_progress)
    print(report.text())
    _write_json(args.json, report.to_json())
    return 0


def _progress(line: str) -> None:
    print(f"{PROG} oracle bench: {line}", file=sys.stderr, flush=True)


def run_oracle_audit(args: argparse.Namespace) -> int:
    from numerics import audit

    _check_writable(args.json)
    fn = load_target(args.target)
    run = audit.audit if args.kind == "svd" else audit.audit_eigh
    report = run(fn, target=args.target, seed=args.seed)
    print(report.table())
    _write_json(args.json, report.to_json())
    return 0 if report.accepted else CHECKS_FAILED


def load_target(text: str):
    """The callable named by ``package.module:function`` or ``path/to/file.py:function``
    (``function`` may be dotted: ``module:Class.method``)."""
    module_name, colon, attribute = text.rpartition(":")
    if not colon or not module_name or not attribute:
        raise InvalidArgument("TARGET", "package.module:function or path/to/file.py:function", text)
    try:
        module = _import_target(module_name)
    except InvalidArgument:
        raise
    except Exception as exc:  # the target's own import failed: say so, in one line
        detail = " ".join(str(exc).split())
        raise InvalidArgument(
            "TARGET", f"an importable module (importing {module_name} raised {type(exc).__name__}: {detail})"
        ) from None
    target = module
    for part in attribute.split("."):
        if not hasattr(target, part):
            raise InvalidArgument("TARGET", f"a function defined in {module_name}", attribute)
        target = getattr(target, part)
    if not callable(target):
        raise InvalidArgument("TARGET", "a callable", f"{attribute} of type {type(target).__name__}")
    return target


def _import_target(name: str):
    if name.endswith(".py") or "/" in name or os.sep in name:
        path = Path(name)
        if not path.is_file():
            raise InvalidArgument("TARGET", "an existing Python file", name)
        spec = importlib.util.spec_from_file_location(f"_svd_proofs_target_{path.stem}", path)
        module = importlib.util.module_from_spec(spec)
        sys.path.insert(0, str(path.resolve().parent))  # so that the file can import its neighbours
        try:
            spec.loader.exec_module(module)
        finally:
            sys.path.remove(str(path.resolve().parent))
        return module
    try:
        return importlib.import_module(name)
    except ModuleNotFoundError as exc:
        if exc.name and name.startswith(exc.name):
            raise InvalidArgument("TARGET", "an importable module", name) from None
        raise


def _check_writable(path: Path | None) -> None:
    if path is not None and not path.resolve().parent.is_dir():
        raise InvalidArgument("--json", "a file in an existing directory", str(path))


def _write_json(path: Path | None, data: dict) -> None:
    if path is None:
        return
    try:
        path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
    except OSError as exc:
        raise InvalidArgument("--json", "a writable file", f"{path}: {exc.strerror}") from None


# --------------------------------------------------------------------------- parsing


class _Parser(argparse.ArgumentParser):
    """argparse, with its errors on one line (``prog: error: argument X: ...``)."""

    def error(self, message: str) -> NoReturn:
        self.exit(USAGE_ERROR, f"{self.prog}: error: {message}\n")


def _parser() -> argparse.ArgumentParser:
    from numerics.checks import PROFILES

    parser = _Parser(prog=PROG, description="Executable evidence for the theorems of the SVD documents.")
    commands = parser.add_subparsers(dest="command", required=True)

    listing = commands.add_parser("list", help="the theorem catalog")
    listing.add_argument("--json", action="store_true", help="print the catalog as JSON")
    listing.set_defaults(run=list_theorems)

    evidence = commands.add_parser("evidence", help="run every check and write the evidence dossier")
    evidence.add_argument(
        "--profile",
        choices=sorted(PROFILES),
        default=DEFAULT_PROFILE,
        help=f"check profile (default: {DEFAULT_PROFILE})",
    )
    evidence.add_argument(
        "--seed",
        type=_int_at_least(0),
        default=0,
        metavar="S",
        help="seed of the randomised checks (default: 0)",
    )
    evidence.add_argument(
        "--workers",
        type=_workers,
        default=AUTO,
        metavar="N|auto",
        help="pytest-xdist worker processes, or 'auto' for one per CPU core (default: auto)",
    )
    evidence.add_argument(
        "--out",
        type=Path,
        default=DEFAULT_OUT,
        metavar="DIR",
        help=f"output directory (default: ./{DEFAULT_OUT})",
    )
    evidence.set_defaults(run=run_evidence)
    _oracle_parser(commands)
    search_cli.register(commands)
    return parser


def _oracle_parser(commands) -> None:
    oracle = commands.add_parser("oracle", help="the certified reference SVD and eigh: benchmark and audits")
    actions = oracle.add_subparsers(dest="action", required=True, metavar="{bench,audit,audit-eigh}")
    bench = actions.add_parser(
        "bench", help="speed and correct digits against mpmath, paths, certificate cost"
    )
    bench.add_argument("--quick", action="store_true", help="a CI-sized run (n = 10, 20; dps = 30)")
    bench.add_argument(
        "--repeat", type=_int_at_least(1), default=5, metavar="R", help="timed runs per case (default: 5)"
    )
    bench.add_argument("--json", type=Path, metavar="FILE", help="also write the results as JSON")
    bench.set_defaults(run=run_oracle_bench)
    for name, kind, signature in (
        ("audit", "svd", "fn(A) -> (U, s, Vt)"),
        ("audit-eigh", "eigh", "fn(S) -> (w, Q)"),
    ):
        audit = actions.add_parser(name, help=f"audit a float64 {signature} against the oracle")
        audit.add_argument(
            "target", metavar="TARGET", help="package.module:function or path/to/file.py:function"
        )
        audit.add_argument(
            "--seed",
            type=_int_at_least(0),
            default=0,
            metavar="S",
            help="seed of the random families (default: 0)",
        )
        audit.add_argument("--json", type=Path, metavar="FILE", help="also write the report as JSON")
        audit.set_defaults(run=run_oracle_audit, kind=kind)


def _workers(text: str) -> int | str:
    if text == AUTO:
        return AUTO
    try:
        return _int_at_least(1)(text)
    except argparse.ArgumentTypeError:
        raise argparse.ArgumentTypeError(f"expected an int >= 1 or {AUTO!r}, got {text!r}") from None


def _int_at_least(minimum: int):
    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            value = None
        if value is None or value < minimum:
            raise argparse.ArgumentTypeError(f"expected an int >= {minimum}, got {text!r}")
        return value

    return parse


def _usage_error(prog: str, message: str) -> int:
    print(f"{prog}: error: {message}", file=sys.stderr)
    return USAGE_ERROR
