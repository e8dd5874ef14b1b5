"""What the missions models share: who may fire a transition."""

from marketplace.roles import MEDIATOR, has_role


def nobody(instance, user) -> bool:
    """Permission of system transitions (timers, consequences of another transition)."""
    return False


def is_mediator(user) -> bool:
    return has_role(user, MEDIATOR)


def empty_lists(instance, *names: str) -> None:
    """Store an empty value of a list field as the empty list.

    Model validation skips validators on empty values ('', None, {}, ()), so
    without this a JSON list field could keep an empty string its schema
    never saw, and every reader expecting a list would break on it.
    """
    for name in names:
        if not getattr(instance, name) and not isinstance(
            getattr(instance, name), list
        ):
            setattr(instance, name, [])
