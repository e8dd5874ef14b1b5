"""What matching and search read of a profile, kept in step with its rows.

Every profile write ends with `profile_refresh_index` when it changes what
matching or search read, so the denormalised fields never drift from the rows.
"""

from django.contrib.postgres.search import SearchVector
from django.db import connection

from ..models import ExpertProfile, PublicationStatus


def profile_refresh_index(*, profile: ExpertProfile) -> None:
    """Recompute what matching and search read from one row (skills, text...).

    Reads the row afresh: a caller's copy may predate a change of alias mode.
    """
    profile = ExpertProfile.objects.select_related("member").get(pk=profile.pk)
    lines = list(profile.skills.select_related("skill"))
    appetences = list(profile.appetences.select_related("skill"))
    experiences = list(
        profile.experiences.filter(status=PublicationStatus.PUBLISHED).values_list(
            "title", "what", "tags"
        )
    )
    profile.skill_levels = {str(line.skill_id): line.level for line in lines}
    profile.appetence_skills = sorted(
        {str(a.skill_id) for a in appetences if a.skill_id}
    )
    profile.appetence_kinds = sorted(
        {a.mission_kind for a in appetences if a.mission_kind}
    )
    words = [profile.headline, profile.summary, profile.location]
    if not profile.pseudonymous:
        words.append(profile.member.display_name)
    for line in lines:
        words += [line.skill.name_fr, line.skill.name_en]
    for appetence in appetences:
        if appetence.skill_id:
            words += [appetence.skill.name_fr, appetence.skill.name_en]
    for title, what, tags in experiences:
        # never the employer: a pseudonymous expert must not be found by it
        words += [title, what, " ".join(tags or ())]
    profile.search_text = "\n".join(word for word in words if word)
    profile.save(
        update_fields=[
            "skill_levels",
            "appetence_skills",
            "appetence_kinds",
            "search_text",
            "updated_at",
        ]
    )
    search_vector_refresh(ExpertProfile.objects.filter(pk=profile.pk))


def search_vector_refresh(profiles) -> None:
    """Parse `search_text` into the stored tsvector (PostgreSQL; nothing elsewhere)."""
    if connection.vendor == "postgresql":
        profiles.update(search_vector=SearchVector("search_text", config="simple"))
