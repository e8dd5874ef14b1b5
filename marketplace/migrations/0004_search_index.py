"""PostgreSQL only: a GIN index for full-text search over expert profiles.

The expression is exactly what `SearchVector("search_text", config="simple")`
compiles to, so the planner uses the index. Other databases skip it.
"""

from django.db import migrations

INDEX = "marketplace_profile_search_gin"


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {INDEX} ON marketplace_expertprofile "
        "USING gin (to_tsvector('simple'::regconfig, COALESCE(search_text, '')))"
    )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("marketplace", "0003_seed_skills")]
    operations = [migrations.RunPython(create, drop)]
