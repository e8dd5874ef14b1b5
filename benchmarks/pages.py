"""Pages and operations at one data size, each beside its own SQL replayed bare.

Run by `benchmarks/run_all.py` once per size (a database seeded by
`seed_scale`), or alone:

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ouvrage_bench_1000 \\
        .venv/bin/python benchmarks/pages.py --size 1000 --out var/bench/pages-1000.json

Adding a row is a few lines: a function decorated with `@page("name")` that
returns (the signed-in user or None, the URL) from the `Subjects` found in the
data, or `@operation("name")` for a callable that is not a request (it runs
inside a transaction rolled back after each run). For example, a space's
thread page:

    @page("space: thread page")
    def space_thread(s):
        return s.space_moderator.user, f"/spaces/threads/{s.space_thread.pk}/"
"""

import argparse
import datetime as dt
import json
import os
import sys
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "benchmarks.settings")
os.environ.setdefault("DEBUG", "0")
os.environ.setdefault("TASKS_BACKEND", "dummy")
os.environ.setdefault(
    "SECRET_KEY", "benchmark-secret-key-not-for-production-0123456789"
)

import django

django.setup()

from django.db import connection, transaction  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test import Client  # noqa: E402

from benchmarks import measure  # noqa: E402
from marketplace.models import Member, Skill  # noqa: E402
from missions.models import Mission, Need  # noqa: E402


@dataclass
class Row:
    name: str
    build: object
    kind: str  # "page" or "operation"
    target: float = 10.0  # at most this many times its own SQL replayed bare


ROWS: list[Row] = []


def page(name: str, target: float = 10.0):
    def register(build):
        ROWS.append(Row(name, build, "page", target))
        return build

    return register


def operation(name: str, target: float = 10.0):
    def register(build):
        ROWS.append(Row(name, build, "operation", target))
        return build

    return register


@dataclass
class Subjects:
    """Who and what the rows look at, picked the same way at every size."""

    size: int
    cache: dict = field(default_factory=dict)

    @cached_property
    def mission(self):
        return (
            Mission.objects.filter(organization__members__community="company")
            .select_related("organization")
            .order_by("created_at", "pk")
            .first()
        )

    @cached_property
    def company(self):
        """A member of the organization with the most needs (its lists are the longest)."""
        organization = (
            Need.objects.values("organization")
            .annotate(n=Count("pk"))
            .order_by("-n", "organization")
            .first()["organization"]
        )
        return Member.objects.filter(
            organization_id=organization, community="company"
        ).first()

    @cached_property
    def need(self):
        """A published need of that organization, with skills (its page lists matches)."""
        return (
            Need.objects.filter(
                organization_id=self.company.organization_id,
                state=Need.State.PUBLISHED,
                skills__isnull=False,
            )
            .order_by("created_at", "pk")
            .first()
        )

    @cached_property
    def space(self):
        """A peer space with as many posts as the size (seeded once, like the ballots)."""
        # import here: spaces_threads.py sets Django up when run as a script
        from benchmarks.spaces_threads import seed

        return seed(
            f"Bench : {self.size} messages",
            members=max(50, self.size // 20),
            posts=self.size,
        )

    @cached_property
    def space_moderator(self):
        from spaces.models import Membership

        return Membership.objects.get(space=self.space, role="moderator").member

    @cached_property
    def space_thread(self):
        """Its longest thread (40 posts at every size: a page of posts)."""
        return self.space.threads.order_by("-post_count", "pk").first()

    @cached_property
    def expert(self):
        return (
            Member.objects.filter(community="expert", profile__status="published")
            .order_by("user__email")
            .first()
        )


# --- rows -----------------------------------------------------------------------------------


@page("needs list (company, signed in)")
def needs_company(s):
    return s.company.user, "/missions/needs/"


@page("matching: needs for an expert (needs list, expert)")
def needs_expert(s):
    return s.expert.user, "/missions/needs/"


@page("matching: experts for a need (need page, company)")
def need_page(s):
    return s.company.user, f"/missions/needs/{s.need.pk}/"


@page("mission page")
def mission_page(s):
    company = Member.objects.filter(
        organization_id=s.mission.organization_id, community="company"
    ).first()
    return company.user, f"/missions/{s.mission.pk}/"


@page("search results")
def search(s):
    skill = Skill.objects.order_by("slug").first()
    return s.company.user, f"/experts/?q=qualit%C3%A9&skill={skill.slug}"


@page("API: needs (company)")
def api_needs(s):
    return s.company.user, "/api/needs/"


@page("space: thread list")
def space_threads(s):
    return s.space_moderator.user, f"/spaces/{s.space.pk}/"


@page("space: thread page")
def space_thread(s):
    return s.space_moderator.user, f"/spaces/threads/{s.space_thread.pk}/"


@operation("vote close (ballots = size)")
def vote_close(s):
    # import here: tally.py sets Django up when imported as a script (function-level)
    from benchmarks.tally import fill
    from governance import services
    from governance.models import Motion

    motion = Motion.objects.filter(title="Benchmark motion", state="voting").first()
    if motion is None:
        motion = fill(s.size)

    def close():
        with transaction.atomic():
            services.motion_close(motion=motion, now=motion.voting_closes_at)
            transaction.set_rollback(True)

    return close


# --- measuring ------------------------------------------------------------------------------


def run(size: int, runs: int, only: str = "") -> dict:
    measure.install()
    subjects = Subjects(size=size)
    client = Client()
    bare = measure.measure(lambda: client.get("/bench/bare/"), runs)
    rows = []
    for row in ROWS:
        if only and only not in row.name:
            continue
        built = row.build(subjects)
        if row.kind == "page":
            user, url = built
            client = Client()
            if user is not None:
                client.force_login(user)

            def call(client=client, url=url):
                response = client.get(url)
                assert response.status_code == 200, (url, response.status_code)

            result = {"path": url}
        else:
            call, result = built, {"path": row.build.__name__}
            runs_here = max(3, runs // 5)  # operations are long
        result.update(measure.measure(call, runs if row.kind == "page" else runs_here))
        result.update(name=row.name, kind=row.kind, target=row.target)
        rows.append(result)
        print(
            f"{size:>7} {row.name:<55} {result['median_ms']:8.1f} ms "
            f"{result['queries']:3d} q  sql {result['sql_ms']:.1f} "
            f"view {result['view_ms']:.1f} tpl {result['template_ms']:.1f}  "
            f"replay {result['replay_ms']:.2f} ms",
            flush=True,
        )
    return {
        "size": size,
        "database": connection.vendor,
        "bare_view_ms": bare["median_ms"],
        "rows": rows,
        "recorded_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "load_average": os.getloadavg(),
    }


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, required=True)
    parser.add_argument(
        "--runs", type=int, default=int(os.environ.get("BENCH_RUNS", 15))
    )
    parser.add_argument("--only", default="", help="rows whose name contains this")
    parser.add_argument("--out", type=Path)
    args = parser.parse_args(argv)
    results = run(args.size, args.runs, args.only)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(results, indent=1) + "\n")


if __name__ == "__main__":
    main()
