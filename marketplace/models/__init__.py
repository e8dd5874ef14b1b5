"""The marketplace's data, one module per concern; import the classes from here::

    from marketplace.models import ExpertProfile, Member, Skill

- `accounts`: logins (`User`) and the people on the platform (`Member`);
- `organizations`: companies and the invitations to join them;
- `activity`: the audit trail, notifications and e-mail preferences;
- `skills`: the shared skill taxonomy;
- `profiles`: expert profiles, their skills, appetences, experiences and privacy
  switches (hide list, identity reveals, counsellors).

Two denormalised fields on `ExpertProfile` (`skill_levels`, `appetence_skills`)
and `search_text` are kept by the services (never written elsewhere) so that
matching and search read one row per expert.
"""

from .accounts import Member, User, UserManager
from .activity import AuditEvent, EmailPreference, Notification
from .organizations import Organization, OrganizationInvitation
from .profiles import (
    Appetence,
    CounsellorInvitation,
    Experience,
    ExpertProfile,
    ExpertSkill,
    HiddenFrom,
    IdentityReveal,
    MissionKind,
    ProfileComment,
    PublicationStatus,
    RemotePreference,
)
from .skills import Skill

__all__ = [
    "Appetence",
    "AuditEvent",
    "CounsellorInvitation",
    "EmailPreference",
    "Experience",
    "ExpertProfile",
    "ExpertSkill",
    "HiddenFrom",
    "IdentityReveal",
    "Member",
    "MissionKind",
    "Notification",
    "Organization",
    "OrganizationInvitation",
    "ProfileComment",
    "PublicationStatus",
    "RemotePreference",
    "Skill",
    "User",
    "UserManager",
]
