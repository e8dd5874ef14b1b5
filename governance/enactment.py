"""The one place that writes rule versions: enacting an adopted motion.

`RuleVersion.save()` refuses to run outside `_writing()`, and only
`governance.services.motion_enact` (run by the periodic job once a motion's
cooling-off delay has passed) enters it. There is no admin form, API endpoint
or shell helper that writes a rule: a change needs an adopted motion.
"""

from __future__ import annotations

import contextvars
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .models import Motion, RuleVersion

_WRITING = contextvars.ContextVar("governance_rule_writing", default=False)


def writing_allowed() -> bool:
    return _WRITING.get()


@contextmanager
def _writing():
    token = _WRITING.set(True)
    try:
        yield
    finally:
        _WRITING.reset(token)


def rule_versions_write(*, motion: Motion) -> list[RuleVersion]:
    """Store the adopted values of `motion`, in force from its effective date.

    Called by `services.motion_enact` only, inside its transaction, after it
    checked that the motion is adopted and scheduled.
    """
    from . import rules
    from .models import Motion, RuleVersion

    if (
        motion.state != Motion.State.ADOPTED
        or motion.enactment != Motion.Enactment.SCHEDULED
    ):
        raise PermissionError("Only an adopted, scheduled motion changes a rule.")
    versions = []
    with _writing():
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
