"""Two moderators deciding on the same chapter at once: one decision wins (PostgreSQL,
real threads)."""

import threading
import uuid

import pytest
from django.db import connection

from cms.models import Chapter
from cms.models.stories import decide
from core.refusals import Refusal
from tests.conftest import postgres_only
from tests.factories import ExpertFactory


@pytest.mark.django_db
def test_a_decision_without_a_reason_changes_nothing():
    chapter = Chapter.objects.create(
        story_key=uuid.uuid4(), author=ExpertFactory(), title="T", text="x"
    )
    with pytest.raises(Refusal):
        decide(chapter.pk, decision="refuse", note="  ")
    chapter.refresh_from_db()
    assert chapter.state == Chapter.State.SUBMITTED and chapter.moderator_note == ""


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_concurrent_moderators_one_decision_wins():
    chapter = Chapter.objects.create(
        story_key=uuid.uuid4(), author=ExpertFactory(), title="T", text="x"
    )
    barrier = threading.Barrier(10)
    outcomes: list[str] = []

    def moderate(index):
        try:
            barrier.wait()
            if index % 2:
                decide(chapter.pk, decision="publish")
            else:
                decide(chapter.pk, decision="refuse", note=f"raison {index}")
            outcomes.append("decided")
        except Refusal as refusal:
            outcomes.append(refusal.code)
        finally:
            connection.close()

    threads = [threading.Thread(target=moderate, args=(i,)) for i in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert outcomes.count("decided") == 1
    assert outcomes.count("already_decided") == 9
    chapter.refresh_from_db()
    assert chapter.state in {Chapter.State.PUBLISHED, Chapter.State.REFUSED}
    assert (chapter.state == Chapter.State.PUBLISHED) == (
        chapter.published_at is not None
    )
