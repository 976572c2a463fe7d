"""The permission matrix: every URL pattern of the URL conf and every operation of the OpenAPI schema
is classified in `permission_matrix` and tried for every role in every scope of one world
(`matrix_world`). A new endpoint that is not classified fails here, and so does a classified one that no
longer exists. Writes are tried with an empty body inside a savepoint that is rolled back. No answer
may be a server error."""

import json
import logging
import os
import re
from functools import cache

import pytest
from django.db import transaction

from . import matrix_client, matrix_world
from . import permission_matrix as matrix
from .matrix_world import ROLES, SCOPES, SCOPES_OF_ROLE

LOGIN_PATH = "/accounts/login/"


# -- what exists ---------------------------------------------------------------------------------------
def _excluded(route: str, name: str | None, pattern) -> str | None:
    """Why a URL pattern is left out of the matrix, or None."""
    if name in matrix.INCLUDED_ANYWAY:
        return None
    for prefix in ("admin/", "accounts/"):
        if route.startswith(prefix):
            return matrix.EXCLUDED[prefix]
    if "format" in pattern.pattern.regex.groupindex:
        return matrix.EXCLUDED["format-suffix"]
    return None


@cache
def web_patterns() -> dict:
    """URL name -> (route, pattern) of every page that is not an API route or excluded."""
    found = {}
    for route, name, pattern in matrix_client.url_patterns():
        if _excluded(route, name, pattern):
            continue
        if route.startswith(matrix_client.API_PREFIX) and name != "api-root":
            continue  # API routes: classified by their OpenAPI operations
        found[name or route] = (route, pattern)
    return found


def api_routes() -> set:
    """Schema paths of the API routes of the URL conf (router and hand-written)."""
    return {
        matrix_client.api_route_as_schema_path(route)
        for route, name, pattern in matrix_client.url_patterns()
        if route.startswith(matrix_client.API_PREFIX)
        and name != "api-root"
        and not _excluded(route, name, pattern)
    }


def test_every_url_pattern_is_classified():
    unclassified = sorted(set(web_patterns()) - set(matrix.WEB))
    assert not unclassified, f"URL patterns not in permission_matrix.WEB: {unclassified}"


def test_every_classified_url_still_exists():
    stale = sorted(set(matrix.WEB) - set(web_patterns()))
    assert not stale, f"permission_matrix.WEB names URL patterns that no longer exist: {stale}"


def test_every_api_operation_is_classified():
    unclassified = sorted(set(matrix_client.api_operations()) - set(matrix.API))
    assert not unclassified, f"API operations not in permission_matrix.API: {unclassified}"


def test_every_classified_api_operation_still_exists():
    stale = sorted(set(matrix.API) - set(matrix_client.api_operations()))
    assert not stale, f"permission_matrix.API names operations the schema no longer has: {stale}"


def test_every_api_route_is_in_the_schema():
    """A route the schema does not describe would escape the matrix."""

    def shape(path):  # drf-spectacular names a `pk` parameter `id`
        return re.sub(r"\{\w+\}", "{}", path)

    schema_paths = {shape(path) for _method, path in matrix_client.api_operations()}
    assert not sorted(path for path in api_routes() if shape(path) not in schema_paths)


def test_xfails_name_classified_entries():
    keys = set(matrix.WEB) | {f"{m} {p}" for m, p in matrix.API}
    assert not [key for key, _role in matrix.XFAIL if key not in keys]


# -- the world -------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """Built once for the module inside a transaction rolled back at the end; every test runs in a
    savepoint of it (pytest-django's `db`), every write attempt in a savepoint of that."""
    logging.getLogger("django.request").setLevel(logging.ERROR)  # thousands of expected 403/404s
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            world = matrix_world.build()
            world.clients = matrix_client.clients(world)
            yield world
            print(f"\npermission matrix: {matrix_client.STATS}")
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


# -- checking one cell ---------------------------------------------------------------------------------------
def _satisfies(outcome: str, response, *, api: bool) -> bool:
    status = response.status_code
    location = response.get("Location", "")
    if status >= 500:
        return False
    if outcome == matrix.READ:
        return status == 200
    if outcome == matrix.WRITE:
        return status not in (401, 403, 404) and not (status == 302 and LOGIN_PATH in location)
    if outcome == matrix.DENY:
        return status in (403, 404)
    if outcome == matrix.LOGIN:
        return status in (401, 403) if api else status == 302 and LOGIN_PATH in location
    if outcome == "redirect":
        return status == 302
    if outcome == "admin_login":
        return status == 302 and "/admin/login/" in location
    if outcome == "api_login":
        return status in (401, 403)
    if outcome == "bad_request":
        return status == 400
    if outcome == "empty_or_deny":
        if status in (403, 404):
            return True
        body = response.json() if status == 200 else None
        return body is not None and not (body.get("results") if isinstance(body, dict) else body)
    raise AssertionError(f"unknown outcome {outcome}")


def _names_son(world, response) -> bool:
    """Through the share, and to a partner, nothing may name the member who did not consent to
    sharing (his given name is unique in the world)."""
    kind = response.get("Content-Type", "")
    if getattr(response, "streaming", False) or not ("html" in kind or "json" in kind):
        return False
    content = response.content.decode("utf-8", "replace")
    return world.son_name in content


def _scopes(role: str, has_params: bool, entry_scopes=None):
    if not has_params:
        return entry_scopes or ("own",)
    return SCOPES_OF_ROLE.get(role, SCOPES)


def _fill(kinds: dict, values: dict) -> dict | None:
    filled = {}
    for param, kind in kinds.items():
        if isinstance(kind, tuple):  # a fixed value
            filled[param] = kind[0]
        elif kind in values:
            filled[param] = values[kind]
        else:
            return None
    return filled


class ServerError(Exception):
    """A 5xx: never expected, and not hidden by an xfail mark (those expect AssertionError)."""


class NonConsentingShown(Exception):
    """The member who did not consent is named: hidden only by an xfail naming that flaw."""


def _check(world, role: str, attempts) -> list[str]:
    """attempts: (scope, method, url or None, outcome, api). Same user and URL: one request. A 5xx
    or an answer naming the son raises its own exception, which an ordinary xfail does not absorb."""
    failures, seen, crashes, leaks = [], {}, [], []
    for scope, method, url, outcome, api in attempts:
        if url is None:
            continue
        user = world.user(role, scope)
        key = (user.pk if user else None, method, url)
        if key not in seen:
            seen[key] = matrix_client.send(world.clients[key[0]], method, url, api=api)
        response = seen[key]
        if response.status_code >= 500:
            crashes.append(f"{role}/{scope} {method} {url}: {response.status_code}")
        elif not _satisfies(outcome, response, api=api):
            failures.append(f"{role}/{scope} {method} {url}: expected {outcome}, got {response.status_code}")
        if (
            (scope.startswith("shared") or role == "partner")
            and response.status_code == 200
            and _names_son(world, response)
        ):
            leaks.append(f"{role}/{scope} {method} {url}: names the son, who did not consent to sharing")
    if crashes:
        raise ServerError("\n".join(crashes))
    if leaks:
        raise NonConsentingShown("\n".join(leaks))
    return failures


def _dump(key, role, failures):
    """With PERMISSION_MATRIX_DUMP=<file>, every failing cell is appended to the file as JSON: what
    a maintainer reads to classify a new endpoint or to find the xfails a fix made pass."""
    if failures and os.environ.get("PERMISSION_MATRIX_DUMP"):
        with open(os.environ["PERMISSION_MATRIX_DUMP"], "a") as out:
            out.write(json.dumps([key, role, failures]) + "\n")


def _web_kinds(route: str, pattern, entry: matrix.Web) -> dict:
    kinds = {}
    for param in pattern.pattern.converters:
        if param in entry.fixed:
            kinds[param] = (entry.fixed[param],)
        elif param == "pk":
            kinds[param] = (
                entry.pk or matrix.WEB_PK[max((p for p in matrix.WEB_PK if route.startswith(p)), key=len)]
            )
        else:
            kinds[param] = matrix.PARAMS[param]
    return kinds


def _api_kinds(path: str) -> dict:
    segments = path[len("/api/v1/") :].split("/{")[0]
    return {param: matrix.API_KIND[segments] for param in re.findall(r"\{(\w+)\}", path)}


def _marked(key: str, role: str):
    reason = matrix.XFAIL.get((key, role))
    raises = (
        (AssertionError, NonConsentingShown)
        if reason and matrix.LEAKS_NON_CONSENTING in reason
        else AssertionError
    )
    marks = [pytest.mark.xfail(strict=True, reason=reason, raises=raises)] if reason else []
    return pytest.param(key, role, marks=marks, id=f"{key}-{role}")


@pytest.mark.parametrize(("name", "role"), [_marked(name, role) for name in matrix.WEB for role in ROLES])
def test_web(world, db, name, role):
    entry = matrix.WEB[name]
    route, pattern = web_patterns()[name]
    kinds = _web_kinds(route, pattern, entry)
    has_params = any(not isinstance(kind, tuple) for kind in kinds.values())
    attempts = []
    for scope in _scopes(role, has_params, getattr(entry, "scopes", None)):
        filled = _fill(kinds, world.params(role, scope))
        url = matrix_client.web_url(name, pattern, filled) + entry.query if filled is not None else None
        for method, expect in (("GET", entry.get), ("POST", entry.post)):
            if expect is not None:
                attempts.append((scope, method, url, expect(role, scope), False))
    failures = _check(world, role, attempts)
    _dump(name, role, failures)
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize(("op", "role"), [_marked(f"{m} {p}", role) for m, p in matrix.API for role in ROLES])
def test_api(world, db, op, role):
    method, path = op.split(" ", 1)
    expect = matrix.API[(method, path)]
    kinds = _api_kinds(path)
    attempts = []
    for scope in _scopes(role, bool(kinds)):
        filled = _fill(kinds, world.params(role, scope))
        url = matrix_client.api_url(path, filled) if filled is not None else None
        attempts.append((scope, method, url, expect(role, scope), True))
    failures = _check(world, role, attempts)
    _dump(op, role, failures)
    assert not failures, "\n".join(failures)
