"""Every write of the marketplace app, one module per concern.

The public names are re-exported here, so callers write
``services.member_create(...)`` or ``from marketplace.services import notify``:

- `audit`: the audit trail (`audit_record`);
- `notifications`: notifications in the app and by e-mail (`notify`...);
- `accounts`: members joining (`member_create`, accepting an invitation);
- `organizations`: their details, logo and invitations;
- `checks`: shared checks (text lengths, languages, links, tags, images);
- `search_index`: what matching and search read of a profile;
- `skills`: the skill taxonomy (propose, approve, merge);
- `profiles`: expert profiles, their skills, appetences and experiences;
- `privacy`: the hide list and identity reveals;
- `counsellors`: members invited to comment on a profile.
"""

from .accounts import (
    member_create,
    member_settings_set,
    organization_invitation_accept,
)
from .audit import audit_record
from .checks import (
    LANGUAGE_CODES,
    MAX_LINKS,
    MAX_TAG_LENGTH,
    MAX_TAGS,
    check_image,
    check_languages,
    check_links,
    check_tags,
    check_text_lengths,
)
from .counsellors import counsellor_invite, counsellor_revoke, profile_comment_add
from .notifications import (
    email_preferences_set,
    email_wanted,
    notifications_mark_read,
    notify,
)
from .organizations import (
    INVITATION_DAYS,
    check_organization_owner,
    organization_create,
    organization_invite,
    organization_logo_set,
    organization_update,
)
from .privacy import (
    hidden_from_add,
    hidden_from_remove,
    identity_reveal,
    identity_reveal_withdraw,
)
from .profiles import (
    EXPERIENCE_FIELDS,
    PROFILE_FIELDS,
    appetence_add,
    appetence_remove,
    experience_create,
    experience_delete,
    experience_publish,
    experience_update,
    expert_skill_remove,
    expert_skill_set,
    expert_skills_add,
    profile_get_or_create,
    profile_photo_remove,
    profile_photo_set,
    profile_publish,
    profile_unpublish,
    profile_update,
)
from .search_index import profile_refresh_index, search_vector_refresh
from .skills import (
    SKILL_MERGE_HOOKS,
    skill_approve,
    skill_merge,
    skill_propose,
    skill_resolve,
)

__all__ = [
    "EXPERIENCE_FIELDS",
    "INVITATION_DAYS",
    "LANGUAGE_CODES",
    "MAX_LINKS",
    "MAX_TAGS",
    "MAX_TAG_LENGTH",
    "PROFILE_FIELDS",
    "SKILL_MERGE_HOOKS",
    "appetence_add",
    "appetence_remove",
    "audit_record",
    "check_image",
    "check_languages",
    "check_links",
    "check_organization_owner",
    "check_tags",
    "check_text_lengths",
    "counsellor_invite",
    "counsellor_revoke",
    "email_preferences_set",
    "email_wanted",
    "experience_create",
    "experience_delete",
    "experience_publish",
    "experience_update",
    "expert_skill_remove",
    "expert_skill_set",
    "expert_skills_add",
    "hidden_from_add",
    "hidden_from_remove",
    "identity_reveal",
    "identity_reveal_withdraw",
    "member_create",
    "member_settings_set",
    "notifications_mark_read",
    "notify",
    "organization_create",
    "organization_invitation_accept",
    "organization_invite",
    "organization_logo_set",
    "organization_update",
    "profile_comment_add",
    "profile_get_or_create",
    "profile_photo_remove",
    "profile_photo_set",
    "profile_publish",
    "profile_refresh_index",
    "profile_unpublish",
    "profile_update",
    "search_vector_refresh",
    "skill_approve",
    "skill_merge",
    "skill_propose",
    "skill_resolve",
]
