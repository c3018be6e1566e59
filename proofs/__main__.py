"""``python -m proofs``: the ``svd-proofs`` command."""

from proofs.cli import main

raise SystemExit(main())
