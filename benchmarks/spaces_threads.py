"""Spaces benchmark: thread list, thread page and search in a big space, beside a baseline.

A space with 5,000 members and 200,000 posts (SPACES_BENCH_MEMBERS,
SPACES_BENCH_POSTS to change the scale) is added if missing. The thread list and
the thread page must cost a constant number of queries whatever the size: the
script measures them on a small space and on the big one and fails if the
counts differ. Run on PostgreSQL:

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ouvrage_bench \\
        .venv/bin/python manage.py migrate
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ouvrage_bench \\
        .venv/bin/python benchmarks/spaces_threads.py

Baseline: /healthz in the same process and client (one trivial query).
"""

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DEBUG", "1")  # plain static storage: no manifest needed

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from core.ids import uuid7  # noqa: E402
from marketplace.models import Member, User  # noqa: E402
from spaces.models import Membership, Post, Space, Thread  # noqa: E402

RUNS = 20
MEMBERS = int(os.environ.get("SPACES_BENCH_MEMBERS", 5_000))
POSTS = int(os.environ.get("SPACES_BENCH_POSTS", 200_000))
POSTS_PER_THREAD = 40
BATCH = 5_000
WORDS = [
    "migration",
    "déploiement",
    "tests",
    "performance",
    "architecture",
    "données",
    "audit",
    "accessibilité",
    "sécurité",
    "client",
    "facturation",
    "forfait",
    "régie",
    "astreinte",
]


def seed(name: str, members: int, posts: int) -> Space:
    space = Space.objects.filter(name=name).first()
    if space is not None:
        return space
    now = timezone.now()
    with transaction.atomic():
        space = Space.objects.create(
            name=name, family=f"Banc d'essai {name}", min_level=2
        )
        people = []
        for start in range(0, members, BATCH):
            users = [
                User(
                    id=uuid7(), email=f"bench-{space.pk}-{i}@example.org", password="!"
                )
                for i in range(start, min(start + BATCH, members))
            ]
            User.objects.bulk_create(users)
            batch = [
                Member(id=uuid7(), user=user, display_name=f"Pair {user.email[-20:]}",
                       community="expert")
                for user in users
            ]  # fmt: skip
            Member.objects.bulk_create(batch)
            Membership.objects.bulk_create(
                Membership(space=space, member=member, status="active", via="profile")
                for member in batch
            )
            people += batch
        Membership.objects.filter(space=space, member=people[0]).update(
            role="moderator"
        )
        thread_count = max(1, posts // POSTS_PER_THREAD)
        threads = [
            Thread(
                id=uuid7(), space=space, author=people[i % len(people)],
                title=f"Fil {i} : {WORDS[i % len(WORDS)]}",
                last_post_at=now, post_count=POSTS_PER_THREAD,
            )
            for i in range(thread_count)
        ]  # fmt: skip
        Thread.objects.bulk_create(threads, batch_size=BATCH)
        rows = []
        for i in range(posts):
            rows.append(
                Post(
                    id=uuid7(),
                    thread=threads[i % thread_count],
                    author=people[(i * 7) % len(people)],
                    body=f"Message {i} sur {WORDS[i % len(WORDS)]} et {WORDS[(i * 3) % len(WORDS)]}.",
                )
            )
            if len(rows) == BATCH:
                Post.objects.bulk_create(rows)
                rows = []
        Post.objects.bulk_create(rows)
    return space


def measure(client: Client, url: str) -> tuple[float, int]:
    client.get(url, secure=True)  # warm up
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        response = client.get(url, secure=True)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    with CaptureQueriesContext(connection) as ctx:
        client.get(url, secure=True)
    return statistics.median(times), len(ctx.captured_queries)


def figures(space: Space, label: str) -> list[tuple[str, float, int]]:
    moderator = Membership.objects.get(space=space, role="moderator").member
    thread = Thread.objects.filter(space=space).order_by("-post_count", "pk").first()
    client = Client()
    client.force_login(moderator.user)
    return [
        (f"{label}: thread list", *measure(client, f"/spaces/{space.pk}/")),
        (f"{label}: thread page", *measure(client, f"/spaces/threads/{thread.pk}/")),
        (
            f"{label}: search « astreinte »",
            *measure(client, f"/spaces/{space.pk}/?q=astreinte"),
        ),
        (
            f"{label}: API posts",
            *measure(client, f"/api/threads/{thread.pk}/posts/"),
        ),
    ]


def main() -> int:
    settings.ALLOWED_HOSTS = ["*"]
    print(f"database: {connection.vendor}")
    start = time.perf_counter()
    small = seed("Bench : petit espace", 50, 400)
    big = seed(f"Bench : {MEMBERS} membres, {POSTS} messages", MEMBERS, POSTS)
    print(f"seeded (or found) in {time.perf_counter() - start:.0f} s")
    client = Client()
    rows = [("baseline /healthz", *measure(client, "/healthz"))]
    rows += figures(small, "small (50 members, 400 posts)")
    rows += figures(big, f"big ({MEMBERS} members, {POSTS} posts)")
    print(f"{'page':60} {'median ms':>10} {'queries':>8}")
    for name, median, queries in rows:
        print(f"{name:60} {median:10.1f} {queries:8d}")
    small_queries = [queries for name, _, queries in rows if name.startswith("small")]
    big_queries = [queries for name, _, queries in rows if name.startswith("big")]
    if small_queries != big_queries:
        print(f"query counts grow with the data: {small_queries} → {big_queries}")
        return 1
    print("query counts constant as the data grows")
    return 0


if __name__ == "__main__":
    sys.exit(main())
