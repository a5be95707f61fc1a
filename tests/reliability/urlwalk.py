"""Every URL of the URL configuration, with its parameters filled from real rows.

Walks `get_resolver().url_patterns` recursively, so that a URL added anywhere is
walked by the access tests without anyone listing it. Parameters are filled from the
objects of a seeded database: by the admin model the URL belongs to, or by the
parameter's name (`unit_pk`, `flag_id`, ...), or, for a bare `pk`/`id`, by the path
segment before it (`comparisons/<int:pk>/`). A parameter it cannot fill fails the
walk with a message saying where to teach it, rather than being skipped.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import RegexPattern, RoutePattern

# URLs that answer signed-out visitors, and why each is safe to.
PUBLIC = {
    "login": "the sign-in page",
    "admin:login": "the admin's sign-in page",
    "healthz": "the load balancer's probe; says only 'ok' or 'unavailable'",
    "api-1:api-root": "the API's root: its name, version and where its schema is",
    "api-1:openapi-json": "the API's OpenAPI schema: describes the endpoints, holds no data",
}
# State-changing URLs every signed-in account may use, viewers included.
OWN_ACCOUNT = {
    "logout": "signing out changes only one's own session",
    "reports:selection_job": "viewers download reports; a large one is a job of their own",
    "articles:job_cancel": "cancels only a job one may see (one's own, or staff importers')",
    "api_token_create": "makes an API token of one's own (viewers read through the API)",
    "api_token_revoke": "revokes only one's own API token",
    "articles:notification_read": "marks only one of one's own notifications read",
    "articles:notifications_read_all": "marks only one's own notifications read",
}
# Views that serve a form on GET and take it on POST (everything else in the app
# answers exactly one of the two).
FORM_VIEWS = {
    "login": "Django's sign-in form",
    # The API's collection of comparisons: GET lists them, POST creates one (one route,
    # named after each of its two operations).
    "api-1:list_comparisons": "the API's comparisons: GET lists, POST creates",
    "api-1:create_comparison": "the API's comparisons: GET lists, POST creates",
    # Staff's assignment page: GET shows the form for the comparisons chosen (the admin's
    # action leads there), POST assigns them (as the dashboard's form does).
    "articles:assign": "the assignment form: GET shows it, POST assigns",
    "articles:adjudicate": "a double review's disagreements: GET shows, POST settles them",
}

# Parameters that take one of a few words: every word is walked.
CHOICES = {
    "fmt": ("html", "csv", "json", "md", "pdf"),
    "chart": ("outlets", "months", "flags", "ranking", "throughput"),  # the analytics' CSVs
}

_ROUTE_PARAMETER = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>[^>]+)>")
_REGEX_GROUP = re.compile(r"\(\?P<(?P<name>\w+)>(?P<body>(?:[^()]|\([^()]*\))*)\)")
_MODEL_BY_HINT = {
    "comparison": "articles.Comparison",
    "unit": "articles.AlignmentUnit",
    "alignmentunit": "articles.AlignmentUnit",
    "flag": "articles.Flag",
    "event": "articles.AuditEvent",
    "audit": "articles.AuditEvent",
    "auditevent": "articles.AuditEvent",
    "article": "articles.Article",
    "source": "articles.Article",
    "retranslation": "articles.Article",
    "sentence": "articles.Sentence",
    "user": "auth.User",
    "job": "articles.Job",
    "api-token": "articles.ApiToken",
    "fetch": "articles.ArticleFetch",
    "double-review": "articles.DoubleReview",
    "name": "articles.NameSpelling",  # names/<pk>/: a spelling pair of the names index
    "comment": "articles.Comment",
    "notification": "articles.Notification",
}


@dataclass(frozen=True)
class WalkedURL:
    name: str  # namespaced URL name ("articles:comparison"), or the route when unnamed
    route: str  # the pattern it came from
    url: str  # the concrete URL, parameters filled
    variant: str = ""  # the words chosen for CHOICES parameters ("csv")

    @property
    def is_admin(self) -> bool:
        return self.route.startswith("admin/")

    @property
    def is_api(self) -> bool:
        """The JSON API: it answers in JSON (401 rather than a redirect to sign in)."""
        return self.route.startswith("api/")

    def __str__(self) -> str:
        return f"{self.url} ({self.name})"


def walk(objects: dict[str, object], *, admin: bool = True) -> list[WalkedURL]:
    """Every URL pattern as a concrete URL; `objects` maps hints to the rows to use.

    `admin=False` leaves out the admin's URLs (which need a row of every model)."""
    return [
        walked
        for chain in _leaves(get_resolver().url_patterns, ())
        if admin or not "".join(str(p.pattern) for p in chain).startswith("admin/")
        for walked in _concrete(chain, objects)
    ]


def _leaves(patterns, chain: tuple) -> Iterator[tuple]:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _leaves(pattern.url_patterns, (*chain, pattern))
        elif isinstance(pattern, URLPattern):
            yield (*chain, pattern)


def _concrete(chain: tuple, objects: dict[str, object]) -> list[WalkedURL]:
    namespaces = [p.namespace for p in chain[:-1] if p.namespace]
    leaf = chain[-1]
    route = "".join(str(p.pattern) for p in chain)
    name = ":".join([*namespaces, leaf.name]) if leaf.name else route
    chosen = [p for p in CHOICES if re.search(rf"<(\w+:)?{p}>|\(\?P<{p}>", route)]
    walked = []
    for words in itertools.product(*(CHOICES[p] for p in chosen)):
        filled = {**objects, "__choices": dict(zip(chosen, words, strict=True))}
        url = "/" + "".join(_fill(part.pattern, route, name, filled) for part in chain)
        walked.append(WalkedURL(name=name, route=route, url=url, variant=".".join(words)))
    return walked


def _fill(pattern, route: str, name: str, objects: dict[str, object]) -> str:
    text = str(pattern)
    if isinstance(pattern, RoutePattern):
        return _ROUTE_PARAMETER.sub(
            lambda m: str(
                _value(m["name"], m["converter"] or "str", text[: m.start()], route, name, objects)
            ),
            text,
        )
    if isinstance(pattern, RegexPattern):

        def group(match: re.Match) -> str:
            body = match["body"]
            candidates = [_value(match["name"], "str", text[: match.start()], route, name, objects)]
            candidates += body.split("|")  # an alternation: any of its words fits
            for candidate in map(str, candidates):
                if re.fullmatch(body, candidate):
                    return candidate
            raise LookupError(f"{route}: cannot fill ({match['name']}) matching {body!r}")

        return _REGEX_GROUP.sub(group, text).lstrip("^").rstrip("$")
    raise TypeError(f"{route}: unknown pattern type {type(pattern).__name__}")


def _value(parameter: str, converter: str, before: str, route: str, name: str, objects):
    """A real value for one URL parameter."""
    if parameter in objects.get("__choices", {}):
        return objects["__choices"][parameter]
    if parameter == "url":  # the admin's catch-all: any unknown admin address
        return "no/such/page/"
    if parameter == "app_label":
        return "articles" if apps.is_installed("articles") else "auth"
    admin_model = _admin_model(route)
    if parameter == "content_type_id":
        return ContentType.objects.get_for_model(objects["comparison"]).pk
    if admin_model is not None and parameter in ("object_id", "id"):
        given = [o for o in objects.values() if isinstance(o, admin_model)]
        row = given[0] if given else admin_model._default_manager.order_by("pk").first()
        if row is None:
            raise LookupError(f"{route}: seed a {admin_model.__name__} for the URL walk")
        return row.pk
    if parameter == "object_id":  # admin/r/<content_type_id>/<object_id>/
        return objects["comparison"].pk
    if parameter in ("position", "unit_position"):
        return objects["unit"].position
    if parameter == "index":  # an entry of the comparison's name ledger
        return 0
    if parameter == "token":  # the admin's import preview: an unknown (expired) one
        return "no-such-preview"
    hint = re.sub(r"_(pk|id)$", "", parameter)
    if hint in ("pk", "id"):
        segments = [s for s in before.split("/") if s and "<" not in s]
        hint = segments[-1].rstrip("s") if segments else ""
    key = _MODEL_BY_HINT.get(hint.replace("_", ""), "")
    short = key.split(".")[-1].lower()
    for candidate in (hint, short, "unit" if short == "alignmentunit" else short):
        if candidate in objects:
            return objects[candidate].pk
    raise LookupError(
        f"{route} ({name}): no value for <{converter}:{parameter}>; teach "
        "tests/reliability/urlwalk.py which object it names"
    )


def _admin_model(route: str):
    match = re.match(r"admin/(\w+)/(\w+)/", route)
    if not match:
        return None
    try:
        return apps.get_model(match[1], match[2])
    except LookupError:
        return None
