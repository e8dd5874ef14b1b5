"""Conversations moved to the messaging app: forget them here, keep the tables.

State only: messaging/0001_initial declares the same models on the same tables
(`db_table`), so no row moves.
"""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('messaging', '0001_initial'),
        ('missions', '0003_need_skill_weights'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.RemoveField(model_name='message', name='conversation'),
                migrations.RemoveField(model_name='participant', name='conversation'),
                migrations.RemoveField(model_name='message', name='author'),
                migrations.RemoveField(model_name='messageattachment', name='message'),
                migrations.RemoveField(model_name='participant', name='member'),
                migrations.DeleteModel(name='Conversation'),
                migrations.DeleteModel(name='Message'),
                migrations.DeleteModel(name='MessageAttachment'),
                migrations.DeleteModel(name='Participant'),
            ],
        ),
    ]
