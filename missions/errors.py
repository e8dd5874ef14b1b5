"""Refusals the missions services raise (views turn them into 409 / a page message).

A refusal for lack of right is Django's PermissionDenied (403).
"""


class TransitionRefused(Exception):
    """The object's state does not allow this now, or a concurrent change won."""

    def __init__(self, detail: str = ""):
        super().__init__(detail)
        self.detail = detail or "This is not possible in the current state."
