"""Every erratum: the printed claim is refuted, the corrected one verified."""

import pytest

from numerics import checks, records
from proofs.registry import errata, theorem


@pytest.mark.parametrize("erratum", [pytest.param(e, id=e.name) for e in errata()])
def test_printed_claim_is_refuted_and_correction_holds(erratum):
    with records.captured():  # the theorem and mutant tests already record these checks
        assert checks.refute(erratum.literal, theorem(erratum.literal.id).cases).status == "refuted"
        assert checks.check_exact(erratum.corrected).status == "passed"
