"""What the missions models share: who may fire a transition."""

from marketplace.roles import MEDIATOR, has_role


def nobody(instance, user) -> bool:
    """Permission of system transitions (timers, consequences of another transition)."""
    return False


def is_mediator(user) -> bool:
    return has_role(user, MEDIATOR)
