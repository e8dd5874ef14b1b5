"""The one place that writes rule versions: enacting an adopted motion.

`RuleVersion.save()` refuses to run outside `core.models.rule_writing()`, and only
`governance.services.motion_enact` (run by the periodic job once a motion's
cooling-off delay has passed) enters it. There is no admin form, API endpoint
or shell helper that writes a rule: a change needs an adopted motion.
"""

from __future__ import annotations

from core import rules
from core.models import RuleVersion, rule_writing

from .models import Motion


def rule_versions_write(*, motion: Motion) -> list[RuleVersion]:
    """Store the adopted values of `motion`, in force from its effective date.

    Called by `services.motion_enact` only, inside its transaction, after it
    checked that the motion is adopted and scheduled.
    """
    if (
        motion.state != Motion.State.ADOPTED
        or motion.enactment != Motion.Enactment.SCHEDULED
    ):
        raise PermissionError("Only an adopted, scheduled motion changes a rule.")
    versions = []
    with rule_writing():
        for key, value in sorted(motion.changes.items()):
            version = RuleVersion(
                key=key,
                value=rules.validate(key, value),
                effective_at=motion.effective_at,
                motion=motion,
            )
            version.save()
            versions.append(version)
    return versions
