"""Every route of the project, from the resolvers, and demo objects to fill them.

Shared by the access matrix, the pseudonymity render test and the GET-never-
writes test: each lists the routes the same way, so a new route reaches all
three at once.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.resolvers import RegexPattern

# handles of the demo's members (marketplace/demo.py); None: not signed in
ROLES = {
    "visitor": None,
    "member-without-membership": "ines",
    "company-owner": "claire",
    "company-colleague": "julien",
    "other-company": "sophie",
    "expert": "camille",
    "other-expert": "yasmine",
    "pseudonymous-expert": "elodie",
    "moderator": "moderator",
    "mediator": "mediator",
    "treasurer": "treasurer",
    "admin": "admin",
}

# back offices: one entry each in the matrix, checked at their index page
BACK_OFFICES = ("admin/", "cms-admin/")


@dataclass(frozen=True)
class Route:
    name: str
    route: str
    kwargs: tuple[str, ...]
    kind: str  # "page", "api" or "socket"


def http_routes() -> list[Route]:
    """Every named URL pattern (one per name; the format-suffix twins dropped)."""
    found: dict[str, Route] = {}

    def walk(patterns, prefix: str, namespace: str | None):
        for entry in patterns:
            route = prefix + str(entry.pattern)
            if route.startswith(BACK_OFFICES):
                name = route.split("/")[0]
                # checked at the index page, whichever pattern comes first
                found.setdefault(name, Route(name, f"{name}/", (), "page"))
                continue
            if isinstance(entry, URLResolver):
                inner = namespace
                if entry.namespace:
                    inner = (
                        f"{namespace}:{entry.namespace}"
                        if namespace
                        else entry.namespace
                    )
                walk(entry.url_patterns, route, inner)
            elif isinstance(entry, URLPattern) and entry.name:
                name = f"{namespace}:{entry.name}" if namespace else entry.name
                if isinstance(entry.pattern, RegexPattern):
                    kwargs = tuple(entry.pattern.regex.groupindex)
                    if entry.pattern.regex.groups > len(kwargs):
                        kwargs = ("*",)  # a catch-all (Wagtail's pages)
                else:
                    kwargs = tuple(entry.pattern.converters)
                if "format" in kwargs:
                    continue
                kind = "api" if route.startswith("api/") else "page"
                found.setdefault(name, Route(name, route, kwargs, kind))

    walk(get_resolver().url_patterns, "", None)
    return list(found.values())


def socket_routes() -> list[Route]:
    from config.routing import websocket_urlpatterns

    return [
        Route(
            f"socket:{entry.name or str(entry.pattern)}",
            str(entry.pattern),
            tuple(
                getattr(entry.pattern, "converters", None)
                or entry.pattern.regex.groupindex
            ),
            "socket",
        )
        for entry in websocket_urlpatterns
    ]


# the API's detail routes name their object `pk`: which kind by route name
API_PK = {
    "need": "need_id",
    "proposal": "proposal_id",
    "mission": "mission_id",
    "dispute": "dispute_id",
    "invoice": "invoice_id",
    "conversation": "conversation_id",
    "api-motion": "motion_id",
    "api-amendment": "amendment_id",
    "space": "space_id",
    "thread": "thread_id",
}


# two kinds of object under one argument name: the spaces' own key
SHARED_ARGUMENTS = {("spaces:attachment", "attachment_id"): "spaces:attachment"}


def object_key(route: Route, kwarg: str) -> str:
    if (route.name, kwarg) in SHARED_ARGUMENTS:
        return SHARED_ARGUMENTS[route.name, kwarg]
    if kwarg == "key" and "rule" not in route.name:
        return "one-time key"  # e-mail confirmation: none in the demo
    if kwarg != "pk":
        return kwarg
    if route.name.startswith("billing:"):
        return route.name
    for prefix in sorted(API_PK, key=len, reverse=True):
        if route.name.startswith(prefix + "-"):
            return API_PK[prefix]
    return route.name


# arguments that name an action to POST: any value does for a GET
ACTION_ARGUMENTS = {"name": "submit", "action": "submit", "decision": "accept"}


def fill(route: Route, objects: dict[str, list]) -> list[str] | None:
    """The URLs of a route for the demo objects; None when none can be built.

    A route naming its own object (`objects[route.name]`, e.g. a file name)
    takes it for its `name` argument instead of an action name.
    """
    if route.route.startswith(BACK_OFFICES):
        return ["/" + route.route]
    if route.kwargs == ("*",):
        return list(objects.get("*", []))
    own = route.name in objects
    fixed = {
        k: ACTION_ARGUMENTS[k]
        for k in route.kwargs
        if k in ACTION_ARGUMENTS and not (own and k == "name")
    }
    free = [k for k in route.kwargs if k not in fixed]
    if not free:
        return [reverse(route.name, kwargs=fixed)]
    keys = {
        k: route.name if (own and k == "name") else object_key(route, k) for k in free
    }
    if any(not objects.get(key) for key in keys.values()):
        return None
    if len(free) == 1:
        ((kwarg, key),) = keys.items()
        return [
            reverse(route.name, kwargs={**fixed, kwarg: getattr(value, "pk", value)})
            for value in objects[key]
        ]
    first = {
        k: getattr(objects[key][0], "pk", objects[key][0]) for k, key in keys.items()
    }
    return [reverse(route.name, kwargs={**fixed, **first})]
