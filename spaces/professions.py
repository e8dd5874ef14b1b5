"""The professions a space may gather: the skill families of the taxonomy.

A family is stored as the taxonomy writes it (`Skill.category`, in French:
« Numérique », « RH »...). People read it through `profession_label`, in
their language; a family the list below does not know yet (a new category of
the taxonomy) is shown as the taxonomy writes it.
"""

from django.utils.translation import gettext_lazy as _

from marketplace.models import Skill

LABELS = {
    "Stratégie": _("Strategy"),
    "Finance": _("Finance"),
    "Juridique": _("Law"),
    "RH": _("Human resources"),
    "Numérique": _("Digital"),
    "Industrie": _("Industry"),
    "Ingénierie": _("Engineering"),
    "Communication": _("Communication"),
    "Économie sociale": _("Social economy"),
}


def profession_label(family: str) -> str:
    """« Numérique » -> "Digital" for an English reader, « Numérique » in French."""
    return str(LABELS.get(family, family))


def taxonomy_professions() -> list[str]:
    """The families of the usable taxonomy (approved skills, not merged)."""
    return list(
        Skill.objects.filter(status=Skill.Status.APPROVED, merged_into__isnull=True)
        .exclude(category="")
        .values_list("category", flat=True)
        .distinct()
        .order_by("category")
    )
