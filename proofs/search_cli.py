"""The ``search`` and ``verify`` subcommands of ``svd-proofs``.

    svd-proofs search TARGET [--dps 30] [--budget SECONDS] [--evaluations N] [--seed S]
                      [--workers N] [--scheduler ADDRESS] [--fix NAME=VALUE ...]
                      [--focus INDEX] [--out result.json]
        search for a counterexample to TARGET: a catalog id, a mutant name or
        path/to/file.py:NAME (a Claim in a file).  Exit 1 when a verified
        counterexample is found, 0 when none is found within the budget.
    svd-proofs verify result.json
        re-check a saved result from scratch; exit 0 when its verdict holds, 1 otherwise.

Usage errors (and a claim that cannot be evaluated) exit 2 with one line on stderr.
Ctrl-C during a search saves the best instance so far and exits 130.
"""

from __future__ import annotations

import argparse
import sys

from numerics import search as engine
from numerics.errors import InvalidArgument

FOUND = 1
NOT_FOUND = 0
INTERRUPTED = 130
DEFAULT_BUDGET = 60.0


def register(subparsers) -> None:
    """Add ``search`` and ``verify`` to the ``svd-proofs`` subcommands."""
    search = subparsers.add_parser("search", help="search for a counterexample to a claim")
    search.add_argument("target", help="a catalog id, a mutant name, or path/to/file.py:NAME")
    search.add_argument(
        "--dps", type=int, default=engine.DEFAULT_DPS, help="digits a candidate is confirmed at"
    )
    search.add_argument("--budget", type=float, default=None, help=f"seconds (default {DEFAULT_BUDGET:g})")
    search.add_argument("--evaluations", type=int, default=None, help="a deterministic budget in evaluations")
    search.add_argument("--seed", type=int, default=0)
    search.add_argument("--workers", type=int, default=1, help="local worker processes")
    search.add_argument("--scheduler", default=None, help="address of a Dask distributed scheduler")
    search.add_argument(
        "--fix",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="pin a dimension or an integer variable (repeatable)",
    )
    search.add_argument("--focus", type=int, default=None, help="index of the relation to push on")
    search.add_argument("--out", default=None, help="write the result (JSON) here")
    search.set_defaults(run=run_search)
    verify = subparsers.add_parser("verify", help="re-check a saved search result")
    verify.add_argument("result", help="a result file written by `svd-proofs search --out`")
    verify.set_defaults(run=run_verify)


def _fixed(pairs: list[str]) -> dict[str, int]:
    fixed = {}
    for pair in pairs:
        name, _, value = pair.partition("=")
        try:
            fixed[name.strip()] = int(value)
        except ValueError:
            raise InvalidArgument("--fix", "NAME=INTEGER", pair) from None
    return fixed


def run_search(args: argparse.Namespace) -> int:
    if args.budget is not None and args.budget <= 0:
        raise InvalidArgument("--budget", "a positive number of seconds", args.budget)
    if args.evaluations is not None and args.evaluations < 1:
        raise InvalidArgument("--evaluations", "a positive int", args.evaluations)
    budget = DEFAULT_BUDGET if args.budget is None and args.evaluations is None else args.budget
    try:
        result = engine.search(
            args.target,
            seed=args.seed,
            budget=budget,
            evaluations=args.evaluations,
            dps=args.dps,
            workers=args.workers,
            scheduler=args.scheduler,
            fixed=_fixed(args.fix),
            focus=args.focus,
        )
    except KeyboardInterrupt:  # interrupted outside the workers' loop: nothing to save
        print("svd-proofs search: interrupted", file=sys.stderr)
        return INTERRUPTED
    if args.out:
        engine.write_result(result, args.out)
    print(_summary(result))
    if result["status"] == "refuted":
        return FOUND
    return INTERRUPTED if result["interrupted"] else NOT_FOUND


def _summary(result: dict) -> str:
    name = result["claim"]["name"]
    lines = [
        f"{name}: {result['status']} after {result['evaluations']} evaluations in {result['seconds']} s "
        f"(seed {result['seed']}, dps {result['dps']})"
    ]
    if result["status"] == "refuted":
        lines.append(f"  counterexample (verified {result['verification']}), slack {result['slack']}:")
    else:
        lines.append("  largest lhs/rhs seen, per inequality:")
        lines += [f"    {ratio:.15g}  {label}" for label, ratio in result["ratios"].items()]
        lines.append(f"  smallest slack {result['slack']} on:")
    for variable, value in (result["instance"] or {}).items():
        lines.append(f"    {variable} = {value['rows'] if isinstance(value, dict) else value}")
    return "\n".join(lines)


def run_verify(args: argparse.Namespace) -> int:
    result = engine.read_result(args.result)
    holds, why = engine.verify(result)
    print(
        f"{result['claim']['name']}: recorded {result['status']}; {'confirmed' if holds else 'NOT confirmed'}"
        f" ({why})"
    )
    return 0 if holds else 1


def main(argv=None) -> int:
    """``svd-proofs`` with only these two subcommands (the full command registers them with
    ``register``); returns the exit status."""
    from proofs import cli

    parser = cli._Parser(prog=cli.PROG)
    register(parser.add_subparsers(dest="command", required=True))
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:
        return exit_.code if isinstance(exit_.code, int) else cli.USAGE_ERROR
    try:
        return args.run(args)
    except InvalidArgument as exc:
        return cli._usage_error(f"{cli.PROG} {args.command}", str(exc))
