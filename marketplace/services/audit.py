"""The audit trail: one appended line per write someone may need to account for."""

from typing import Any
from uuid import UUID

from ..models import AuditEvent, User


def audit_record(
    *,
    actor: User | None,
    action: str,
    target: Any,
    from_state: str = "",
    to_state: str = "",
    reason: str = "",
    data: dict | None = None,
) -> AuditEvent:
    """Append one line to the audit trail. Call it inside the write's transaction."""
    return AuditEvent.objects.create(
        actor=actor if actor is not None and actor.is_authenticated else None,
        action=action,
        target_type=target._meta.label_lower,
        target_id=target.pk if isinstance(target.pk, UUID) else UUID(str(target.pk)),
        from_state=from_state or "",
        to_state=to_state or "",
        reason=reason or "",
        data=data or {},
    )
