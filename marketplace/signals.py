"""Signals the marketplace sends after commit, for the apps above it.

`member_organization_changed` is sent once a member joined an organization,
left it or moved to another, after the transaction that did it committed, with
keyword arguments:

    member                 the Member (organization already changed)
    from_organization_id   the organization before (None: they had none)
    to_organization_id     the organization now (None: they left it)

Messaging keeps conversation participants in step with it (a member who left
is removed and disconnected). Receivers must not raise: they run after commit.
"""

from django.dispatch import Signal

member_organization_changed = Signal()
