"""What the missions models share: who may fire a transition."""


def member_of(user):
    from marketplace.selectors import member_for_user

    return member_for_user(user)


def nobody(instance, user) -> bool:
    """Permission of system transitions (timers, consequences of another transition)."""
    return False


def is_mediator(user) -> bool:
    from marketplace.roles import MEDIATOR, has_role

    return has_role(user, MEDIATOR)
