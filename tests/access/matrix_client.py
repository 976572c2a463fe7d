"""The machinery of the permission matrix test: the URL patterns and API operations that exist, and
one request of a role in a scope, its writes rolled back."""

import copy
import re
import time
from functools import cache

from django.core.cache import caches
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from drf_spectacular.generators import SchemaGenerator

API_PREFIX = "api/v1/"
WRITE_METHODS = ("POST", "PUT", "PATCH", "DELETE")


def _walk(resolver, prefix="", namespaces=()):
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            ns = (*namespaces, entry.namespace) if entry.namespace else namespaces
            yield from _walk(entry, prefix + str(entry.pattern), ns)
        elif isinstance(entry, URLPattern):
            name = ":".join((*namespaces, entry.name)) if entry.name else None
            yield prefix + str(entry.pattern), name, entry


@cache
def url_patterns() -> tuple:
    """(route, name, pattern) of every leaf of the URL conf; the language prefix of i18n_patterns
    shows as nothing (English is not prefixed)."""
    return tuple(_walk(get_resolver()))


def api_route_as_schema_path(route: str) -> str:
    """`api/v1/^cases/(?P<number>[^/]+)/$` -> `/api/v1/cases/{number}/`; a hand-written
    `subject-access/<str:person_id>/` -> `/api/v1/subject-access/{person_id}/`."""
    path = route.replace("^", "").replace("$", "")
    path = re.sub(r"\(\?P<(\w+)>[^)]*\)", r"{\1}", path)
    path = re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", path)
    return "/" + path


@cache
def api_operations() -> tuple:
    """(METHOD, path) of every operation of the OpenAPI schema drf-spectacular generates."""
    schema = SchemaGenerator().get_schema(request=None, public=True)
    return tuple(
        (method.upper(), path)
        for path, item in schema["paths"].items()
        for method in item
        if method in ("get", "post", "put", "patch", "delete")
    )


def clients(world) -> dict:
    """One logged-in test client per user of the world (and one anonymous)."""
    result = {None: Client(raise_request_exception=False)}
    for user in world.users.values():
        client = Client(raise_request_exception=False)
        client.force_login(user)
        result[user.pk] = client
    return result


STATS = {"requests": 0, "seconds": 0.0}


def send(client: Client, method: str, url: str, *, api: bool):
    """One request. A write runs in a savepoint rolled back afterwards, so no attempt changes the
    world another sees; reads are not wrapped (an access log row is harmless)."""
    caches["default"].clear()  # rate limits (duplicate checks per hour) must not carry over
    kwargs = {"content_type": "application/json", "data": "{}"} if api and method in WRITE_METHODS else {}
    if api:
        kwargs["HTTP_ACCEPT"] = "application/json"
    call = getattr(client, method.lower())
    cookies = copy.deepcopy(client.cookies)  # signing out (or in) must not change who the client is
    STATS["requests"] += 1
    started = time.perf_counter()
    try:
        if method == "GET":
            return call(url, **kwargs)
        with transaction.atomic():
            response = call(url, **kwargs)
            transaction.set_rollback(True)
        return response
    finally:
        client.cookies = cookies
        STATS["seconds"] += time.perf_counter() - started


def web_url(name: str, pattern: URLPattern, values: dict) -> str | None:
    """The URL of a named pattern with its parameters filled from `values` (param name -> value);
    None when the scope has no object for one of them."""
    kwargs = {}
    for param in pattern.pattern.converters:
        if param not in values:
            return None
        kwargs[param] = values[param]
    return reverse(name, kwargs=kwargs)


def api_url(path: str, values: dict) -> str | None:
    missing = []

    def fill(match):
        if match.group(1) not in values:
            missing.append(match.group(1))
            return ""
        return str(values[match.group(1)])

    url = re.sub(r"\{(\w+)\}", fill, path)
    return None if missing else url
