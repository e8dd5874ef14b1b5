"""The shared skill taxonomy: its starting entries and its API.

The model is `marketplace.models.Skill`; its writes (propose, approve, merge)
are in `marketplace.services.skills`.
"""

from .taxonomy import SKILLS, ensure_taxonomy

__all__ = ["SKILLS", "ensure_taxonomy"]
