"""Rule versions move to `core` (the registry sits below every app); the table stays."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("governance", "0002_motions"),
        ("core", "0001_ruleversion_from_governance"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="RuleVersion")],
            database_operations=[],
        ),
    ]
