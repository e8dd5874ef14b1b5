"""Signals missions sends after commit, for other parts (messaging posts system messages).

`mission_transitioned` is sent once per transition of a mission, after the
transaction that made it committed, with keyword arguments:

    mission      the Mission (state already changed)
    transition   the transition's name ("confirm", "deliver", "complete", ...)
    from_state   the state before
    to_state     the state after
    actor        the User who did it, or None for the system (timers)
    reason       free text given with it ("" if none)

`proposal_transitioned` is the same for proposals (argument `proposal`).
Receivers must not raise: they run after commit, outside the request's transaction.
"""

from django.dispatch import Signal

mission_transitioned = Signal()
proposal_transitioned = Signal()
