"""Staff roles as groups with permissions, kept in step after every migrate.

moderator: merges skills, hides abusive content, handles members.
treasurer: records bank transfers and sees the books.
mediator: may be assigned to disputes (never on a dispute of their own side).
Apps add the permissions of their models to ROLE_PERMISSIONS as they grow.
"""

from django.apps import apps as global_apps

MODERATOR, TREASURER, MEDIATOR = "moderator", "treasurer", "mediator"

# role → list of "app_label.codename"
ROLE_PERMISSIONS: dict[str, list[str]] = {
    MODERATOR: [
        "marketplace.view_member",
        "marketplace.view_organization",
        "marketplace.moderate_member",
        # profiles issue: the skill taxonomy
        "marketplace.view_skill",
        "marketplace.change_skill",
    ],
    TREASURER: [
        "billing.view_membership",
        "billing.add_membership",
        # billing: transfers to record, invoices, the books
        "billing.view_banktransfer",
        "billing.change_banktransfer",
        "billing.view_invoice",
        "billing.view_ledgerentry",
        "billing.view_subscription",
        "billing.view_stripeevent",
        # transparency: the platform's costs, entered and approved by two treasurers
        "transparency.view_platformcost",
        "transparency.add_platformcost",
        "transparency.view_sealedmonth",
    ],
    MEDIATOR: [
        # added by the missions issue: mediators read disputes and their missions
        "missions.view_dispute",
        "missions.view_mission",
    ],
}


def sync_roles(apps=global_apps, **kwargs):
    group_model = apps.get_model("auth", "Group")
    permission_model = apps.get_model("auth", "Permission")
    for role, codes in ROLE_PERMISSIONS.items():
        group, _ = group_model.objects.get_or_create(name=role)
        wanted = []
        for code in codes:
            app_label, codename = code.split(".")
            permission = permission_model.objects.filter(
                content_type__app_label=app_label, codename=codename
            ).first()
            if permission is not None:
                wanted.append(permission)
        group.permissions.add(*wanted)


def has_role(user, role: str) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return user.is_superuser or user.groups.filter(name=role).exists()
