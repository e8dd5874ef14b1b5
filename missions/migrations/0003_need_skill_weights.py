"""Need.skill_weights and skill_weight_total: the NeedSkill rows copied on the need.

On PostgreSQL a GIN index over the published needs' skill_weights lets
`marketplace.matching_sql.needs_top_ids` find the open needs sharing a skill
with an expert (`?|`) and score them without reading missions_needskill.
SQLite gets the column only.
"""

from django.db import migrations, models

INDEX = "need_published_skill_weights_gin"


def backfill(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "UPDATE missions_need n SET skill_weights = s.weights, "
            "skill_weight_total = s.total FROM ("
            "SELECT need_id, jsonb_object_agg(skill_id::text, weight) AS weights, "
            "SUM(weight) AS total FROM missions_needskill GROUP BY need_id) s "
            "WHERE s.need_id = n.id"
        )
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON missions_need "
            "USING gin (skill_weights) WHERE state = 'published'"
        )
        return
    Need = apps.get_model("missions", "Need")
    NeedSkill = apps.get_model("missions", "NeedSkill")
    weights: dict = {}
    for need_id, skill_id, weight in NeedSkill.objects.values_list(
        "need_id", "skill_id", "weight"
    ):
        weights.setdefault(need_id, {})[str(skill_id)] = weight
    for need_id, value in weights.items():
        Need.objects.filter(pk=need_id).update(
            skill_weights=value, skill_weight_total=sum(value.values())
        )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("missions", "0002_conversations")]
    operations = [
        migrations.AddField(
            model_name="need",
            name="skill_weights",
            field=models.JSONField(blank=True, default=dict, editable=False),
        ),
        migrations.AddField(
            model_name="need",
            name="skill_weight_total",
            field=models.PositiveIntegerField(default=0, editable=False),
        ),
        migrations.RunPython(backfill, drop_index),
    ]
